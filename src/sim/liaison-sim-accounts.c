/* liaison-sim-accounts.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"

#include <string.h>

/* Accounts (TWILIO.md §1): the credential check. */

/* The account's subresources, in the order of the spec's example. */
static const struct {
  const char *key;
  const char *path;
} account_subresources[] = {
  { "available_phone_numbers", "AvailablePhoneNumbers.json" },
  { "calls", "Calls.json" },
  { "conferences", "Conferences.json" },
  { "incoming_phone_numbers", "IncomingPhoneNumbers.json" },
  { "notifications", "Notifications.json" },
  { "outgoing_caller_ids", "OutgoingCallerIds.json" },
  { "recordings", "Recordings.json" },
  { "transcriptions", "Transcriptions.json" },
  { "addresses", "Addresses.json" },
  { "signing_keys", "SigningKeys.json" },
  { "connect_apps", "ConnectApps.json" },
  { "sip", "SIP.json" },
  { "authorized_connect_apps", "AuthorizedConnectApps.json" },
  { "usage", "Usage.json" },
  { "keys", "Keys.json" },
  { "applications", "Applications.json" },
  { "short_codes", "SMS/ShortCodes.json" },
  { "queues", "Queues.json" },
  { "messages", "Messages.json" },
  { "balance", "Balance.json" },
};

static JsonNode *
account_to_json (SimAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = sim_format_rfc2822 (account->date_created);
  g_autofree char *updated = sim_format_rfc2822 (account->date_updated);
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s.json", account->sid);

  /* Fields and order as the spec's api.v2010.account and its "fetch" example. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "auth_token");
  json_builder_add_string_value (builder, account->auth_token);
  json_builder_set_member_name (builder, "date_created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "date_updated");
  json_builder_add_string_value (builder, updated);
  json_builder_set_member_name (builder, "friendly_name");
  json_builder_add_string_value (builder, account->friendly_name);
  json_builder_set_member_name (builder, "owner_account_sid");
  json_builder_add_string_value (builder, account->owner_account_sid);
  json_builder_set_member_name (builder, "sid");
  json_builder_add_string_value (builder, account->sid);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, account->status);
  json_builder_set_member_name (builder, "subresource_uris");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (account_subresources); i++)
    {
      g_autofree char *path = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/%s",
                                               account->sid, account_subresources[i].path);

      json_builder_set_member_name (builder, account_subresources[i].key);
      json_builder_add_string_value (builder, path);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, account->type);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
handle_account_fetch (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimAccount        *account,
                      GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autoptr(JsonNode) root = NULL;

  /* A path that is not an Account SID names no resource at all. */
  if (!sim_is_sid (sid, "AC"))
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }

  /* Another account than the one authenticated: Twilio's 20003 page lists
   * "using subaccount credentials to access master account" among its causes,
   * so the answer is 401/20003 rather than 404. The simulator has no
   * subaccounts yet. */
  if (!g_str_equal (sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return;
    }

  root = account_to_json (account);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static const SimRoute accounts_routes[] = {
  { "account-fetch", "GET", "^" API_VERSION_PATH "/Accounts/([^/]+)\\.json$", handle_account_fetch },
};

const SimModule sim_accounts_module = {
  .name = "accounts",
  .routes = accounts_routes,
  .n_routes = G_N_ELEMENTS (accounts_routes),
};
