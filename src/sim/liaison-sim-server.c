/* liaison-sim-server.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim-server"

#include "config.h"

#include "liaison-sim-server.h"
#include "liaison-secret-store.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

#define API_VERSION_PATH  "/2010-04-01"
#define ERROR_INFO_URL    "https://www.twilio.com/docs/errors/%d"
/* The realm Twilio names in its 401 answers [INF: widely captured]. */
#define AUTH_CHALLENGE    "Basic realm=\"Twilio API\""

typedef struct {
  char      *sid;
  char      *auth_token;
  char      *friendly_name;
  char      *owner_account_sid;
  char      *status;
  char      *type;
  GDateTime *date_created;
  GDateTime *date_updated;
} SimAccount;

typedef struct {
  char *sid;
  char *secret;
  char *account_sid;
} SimApiKey;

struct _LiaisonSimServer
{
  GObject     parent_instance;

  SoupServer *server;
  GHashTable *accounts;   /* sid → SimAccount */
  GHashTable *api_keys;   /* sid → SimApiKey */
  GPtrArray  *routes;     /* Route */
};

G_DEFINE_FINAL_TYPE (LiaisonSimServer, liaison_sim_server, G_TYPE_OBJECT)

/* Routing: a table of path patterns, each with its method and handler, so
 * that the next endpoints are one row and one function each. */

typedef void (*RouteHandler) (LiaisonSimServer  *self,
                              SoupServerMessage *msg,
                              SimAccount        *account,
                              GMatchInfo        *match);

typedef struct {
  const char   *name;
  const char   *method;
  const char   *pattern;
  RouteHandler  handler;
} RouteSpec;

typedef struct {
  const RouteSpec *spec;
  GRegex          *regex;
} Route;

static void handle_account_fetch (LiaisonSimServer  *self,
                                  SoupServerMessage *msg,
                                  SimAccount        *account,
                                  GMatchInfo        *match);

static const RouteSpec route_specs[] = {
  { "account-fetch", "GET", "^" API_VERSION_PATH "/Accounts/([^/]+)\\.json$", handle_account_fetch },
};

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

static void
wipe_free (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

static void
sim_account_free (gpointer data)
{
  SimAccount *account = data;

  g_free (account->sid);
  wipe_free (account->auth_token);
  g_free (account->friendly_name);
  g_free (account->owner_account_sid);
  g_free (account->status);
  g_free (account->type);
  g_clear_pointer (&account->date_created, g_date_time_unref);
  g_clear_pointer (&account->date_updated, g_date_time_unref);
  g_free (account);
}

static void
sim_api_key_free (gpointer data)
{
  SimApiKey *key = data;

  g_free (key->sid);
  wipe_free (key->secret);
  g_free (key->account_sid);
  g_free (key);
}

static void
route_free (gpointer data)
{
  Route *route = data;

  g_clear_pointer (&route->regex, g_regex_unref);
  g_free (route);
}

static gboolean
is_sid (const char *value,
        const char *prefix)
{
  if (value == NULL || strlen (value) != 34 || !g_str_has_prefix (value, prefix))
    return FALSE;
  for (gsize i = 2; i < 34; i++)
    {
      if (!g_ascii_isxdigit (value[i]))
        return FALSE;
    }
  return TRUE;
}

/* Compares a presented secret with the expected one without stopping at the
 * first difference. */
static gboolean
secret_equal (const char *presented,
              const char *expected)
{
  gsize presented_len = strlen (presented);
  gsize expected_len = strlen (expected);
  guchar diff = presented_len != expected_len;

  for (gsize i = 0; i < expected_len; i++)
    diff |= (guchar) ((i < presented_len ? presented[i] : 0) ^ expected[i]);

  return diff == 0;
}

/* RFC 2822 in GMT, with English names whatever the locale:
 * "Tue, 24 Nov 2026 10:00:00 +0000". */
static char *
format_rfc2822 (GDateTime *date_time)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (utc) - 1],
                          g_date_time_get_day_of_month (utc),
                          months[g_date_time_get_month (utc) - 1],
                          g_date_time_get_year (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

/* Responses */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, data, length);
}

/* Twilio's classic error body (TWILIO.md §1.4). */
static void
respond_error (SoupServerMessage *msg,
               guint              status,
               gint               code,
               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *more_info = g_strdup_printf (ERROR_INFO_URL, code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "more_info");
  json_builder_add_string_value (builder, more_info);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, status, root);
}

/* 401 with code 20003 (TWILIO.md §1.2), and the Basic challenge. */
static void
respond_unauthorized (SoupServerMessage *msg,
                      const char        *message)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", AUTH_CHALLENGE);
  respond_error (msg, SOUP_STATUS_UNAUTHORIZED, 20003, message);
}

static void
respond_not_found (SoupServerMessage *msg,
                   const char        *path)
{
  g_autofree char *message = g_strdup_printf ("The requested resource %s was not found", path);

  respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, message);
}

/* Authentication: HTTP Basic with AccountSid:AuthToken or KeySid:KeySecret. */

typedef enum {
  AUTH_OK,
  AUTH_MISSING,
  AUTH_WRONG,
} AuthResult;

static AuthResult
authenticate (LiaisonSimServer   *self,
              SoupServerMessage  *msg,
              SimAccount        **out_account)
{
  const char *header;
  g_autofree guchar *decoded = NULL;
  g_autofree char *pair = NULL;
  gsize decoded_len = 0;
  char *colon;
  const char *user;
  const char *password;
  AuthResult result = AUTH_WRONG;

  *out_account = NULL;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  if (header == NULL)
    return AUTH_MISSING;
  if (g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return AUTH_WRONG;

  decoded = g_base64_decode (header + 6, &decoded_len);
  pair = g_strndup ((const char *) decoded, decoded_len);
  colon = strchr (pair, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      user = pair;
      password = colon + 1;

      if (g_str_has_prefix (user, "AC"))
        {
          SimAccount *account = g_hash_table_lookup (self->accounts, user);

          if (account != NULL && secret_equal (password, account->auth_token))
            {
              *out_account = account;
              result = AUTH_OK;
            }
        }
      else if (g_str_has_prefix (user, "SK"))
        {
          SimApiKey *key = g_hash_table_lookup (self->api_keys, user);

          if (key != NULL && secret_equal (password, key->secret))
            {
              *out_account = g_hash_table_lookup (self->accounts, key->account_sid);
              result = *out_account != NULL ? AUTH_OK : AUTH_WRONG;
            }
        }
    }

  explicit_bzero (decoded, decoded_len);
  explicit_bzero (pair, decoded_len);

  return result;
}

/* Handlers */

static JsonNode *
account_to_json (SimAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = format_rfc2822 (account->date_created);
  g_autofree char *updated = format_rfc2822 (account->date_updated);
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
  if (!is_sid (sid, "AC"))
    {
      respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }

  /* Another account than the one authenticated: Twilio's 20003 page lists
   * "using subaccount credentials to access master account" among its causes,
   * so the answer is 401/20003 rather than 404. The simulator has no
   * subaccounts yet. */
  if (!g_str_equal (sid, account->sid))
    {
      respond_unauthorized (msg, "Authenticate");
      return;
    }

  root = account_to_json (account);
  respond_json (msg, SOUP_STATUS_OK, root);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LiaisonSimServer *self = LIAISON_SIM_SERVER (user_data);
  const char *method = soup_server_message_get_method (msg);
  const Route *found = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  SimAccount *account = NULL;
  const char *route_name = "unknown";

  switch (authenticate (self, msg, &account))
    {
    case AUTH_MISSING:
      respond_unauthorized (msg, "Authentication Error - No credentials provided");
      goto out;

    case AUTH_WRONG:
      respond_unauthorized (msg, "Authenticate");
      goto out;

    case AUTH_OK:
    default:
      break;
    }

  for (guint i = 0; i < self->routes->len && found == NULL; i++)
    {
      const Route *route = g_ptr_array_index (self->routes, i);

      g_clear_pointer (&match, g_match_info_free);
      if (g_regex_match (route->regex, path, 0, &match))
        found = route;
    }

  if (found == NULL)
    {
      respond_not_found (msg, path);
      goto out;
    }

  route_name = found->spec->name;
  if (!g_str_equal (method, found->spec->method))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", found->spec->method);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 20004, "Method not allowed");
      goto out;
    }

  found->spec->handler (self, msg, account, match);

out:
  /* Paths carry SIDs: only the route's name is logged. */
  g_debug ("%s %s → %u", method, route_name, soup_server_message_get_status (msg));
}

/* GObject */

static void
liaison_sim_server_dispose (GObject *object)
{
  LiaisonSimServer *self = LIAISON_SIM_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (liaison_sim_server_parent_class)->dispose (object);
}

static void
liaison_sim_server_finalize (GObject *object)
{
  LiaisonSimServer *self = LIAISON_SIM_SERVER (object);

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->api_keys, g_hash_table_unref);
  g_clear_pointer (&self->routes, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_sim_server_parent_class)->finalize (object);
}

static void
liaison_sim_server_class_init (LiaisonSimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_sim_server_dispose;
  object_class->finalize = liaison_sim_server_finalize;
}

static void
liaison_sim_server_init (LiaisonSimServer *self)
{
  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sim_account_free);
  self->api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sim_api_key_free);
  self->routes = g_ptr_array_new_with_free_func (route_free);

  for (gsize i = 0; i < G_N_ELEMENTS (route_specs); i++)
    {
      Route *route = g_new0 (Route, 1);

      route->spec = &route_specs[i];
      /* The patterns are constants of this file. */
      route->regex = g_regex_new (route_specs[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (route->regex != NULL);
      g_ptr_array_add (self->routes, route);
    }

  self->server = soup_server_new ("server-header", "liaison-sim/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
}

LiaisonSimServer *
liaison_sim_server_new (void)
{
  return g_object_new (LIAISON_TYPE_SIM_SERVER, NULL);
}

gboolean
liaison_sim_server_add_account (LiaisonSimServer  *self,
                                const char        *account_sid,
                                const char        *auth_token,
                                GError           **error)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GDateTime) now = NULL;
  SimAccount *account;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);

  credentials = liaison_twilio_credentials_new_auth_token (account_sid, auth_token);
  if (!liaison_twilio_credentials_validate (credentials, error))
    return FALSE;

  if (g_hash_table_contains (self->accounts, account_sid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The account %s is given twice."), account_sid);
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  account = g_new0 (SimAccount, 1);
  account->sid = g_strdup (account_sid);
  account->auth_token = g_strdup (auth_token);
  account->friendly_name = g_strdup ("Liaison simulator account");
  account->owner_account_sid = g_strdup (account_sid);
  account->status = g_strdup ("active");
  account->type = g_strdup ("Full");
  account->date_created = g_date_time_ref (now);
  account->date_updated = g_date_time_ref (now);
  g_hash_table_insert (self->accounts, account->sid, account);

  return TRUE;
}

static char *
random_hex (guint n_chars)
{
  g_autoptr(GRand) rand = g_rand_new ();   /* seeded from /dev/urandom */
  GString *str = g_string_sized_new (n_chars);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (str, "0123456789abcdef"[g_rand_int_range (rand, 0, 16)]);

  return g_string_free (str, FALSE);
}

void
liaison_sim_server_generate_account (LiaisonSimServer  *self,
                                     char             **out_account_sid,
                                     char             **out_auth_token)
{
  g_autofree char *sid_hex = NULL;
  g_autofree char *sid = NULL;
  char *token = NULL;

  g_return_if_fail (LIAISON_IS_SIM_SERVER (self));

  do
    {
      g_clear_pointer (&sid_hex, g_free);
      g_clear_pointer (&sid, g_free);
      sid_hex = random_hex (32);
      sid = g_strconcat ("AC", sid_hex, NULL);
    }
  while (g_hash_table_contains (self->accounts, sid));

  token = random_hex (32);
  if (!liaison_sim_server_add_account (self, sid, token, NULL))
    g_assert_not_reached ();

  if (out_account_sid != NULL)
    *out_account_sid = g_steal_pointer (&sid);
  if (out_auth_token != NULL)
    *out_auth_token = g_steal_pointer (&token);
  else
    wipe_free (token);
}

gboolean
liaison_sim_server_add_api_key (LiaisonSimServer  *self,
                                const char        *key_sid,
                                const char        *key_secret,
                                const char        *account_sid,
                                GError           **error)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  SimApiKey *key;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);

  credentials = liaison_twilio_credentials_new_api_key (account_sid, key_sid, key_secret);
  if (!liaison_twilio_credentials_validate (credentials, error))
    return FALSE;

  if (!g_hash_table_contains (self->accounts, account_sid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The API key %s belongs to the account %s, which was not given with --account."),
                   key_sid, account_sid);
      return FALSE;
    }
  if (g_hash_table_contains (self->api_keys, key_sid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The API key %s is given twice."), key_sid);
      return FALSE;
    }

  key = g_new0 (SimApiKey, 1);
  key->sid = g_strdup (key_sid);
  key->secret = g_strdup (key_secret);
  key->account_sid = g_strdup (account_sid);
  g_hash_table_insert (self->api_keys, key->sid, key);

  return TRUE;
}

guint
liaison_sim_server_get_n_accounts (LiaisonSimServer *self)
{
  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), 0);

  return g_hash_table_size (self->accounts);
}

gboolean
liaison_sim_server_listen (LiaisonSimServer  *self,
                           const char        *address,
                           guint              port,
                           GError           **error)
{
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (port > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The port %u is out of range (0 to 65535)."), port);
      return FALSE;
    }

  inet_address = g_inet_address_new_from_string (address);
  if (inet_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), address);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (inet_address, (guint16) port);
  return soup_server_listen (self->server, socket_address, 0, error);
}

char *
liaison_sim_server_get_url (LiaisonSimServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), NULL);

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      gsize len;

      url = g_uri_to_string (uris->data);
      len = strlen (url);
      while (len > 0 && url[len - 1] == '/')
        url[--len] = '\0';
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return url;
}
