/* liaison-application-messaging.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application's conversation plumbing, apart from the rest of
 * LiaisonApplication: the compliance gate follows Preferences → Compliance,
 * the outbox follows the network and the Twilio account, the relay client
 * follows Preferences → Relay and the keyring, the advisor's business hours
 * are pushed to the relay, and inbound texts become notifications. */

#define G_LOG_DOMAIN "liaison-application"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "liaison-application-private.h"
#include "liaison-log.h"
#include "liaison-phone.h"
#include "liaison-twilio-numbers.h"

/* Business-hours edits come in bursts (a time typed digit by digit). */
#define POLICY_PUSH_DELAY_MS 1500

static const char * const weekday_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* Compliance */

static void
update_gate (LiaisonApplication *self)
{
  g_autofree char *start = g_settings_get_string (self->settings, "quiet-hours-start");
  g_autofree char *end = g_settings_get_string (self->settings, "quiet-hours-end");
  g_autofree char *policy = g_settings_get_string (self->settings, "lexicon-policy");
  g_auto(GStrv) phrases = g_settings_get_strv (self->settings, "lexicon-phrases");

  if (!liaison_compliance_gate_set_quiet_hours_text (self->gate, start, end))
    {
      g_warning ("Quiet hours “%s”–“%s” are not times; keeping 08:00–21:00", start, end);
      liaison_compliance_gate_set_quiet_hours (self->gate, 8 * 60, 21 * 60);
    }
  liaison_compliance_gate_set_state_windows (self->gate,
                                             g_settings_get_boolean (self->settings,
                                                                     "enforce-state-quiet-hours"));
  liaison_compliance_gate_set_lexicon_policy (self->gate,
                                              g_str_equal (policy, "block")
                                              ? LIAISON_LEXICON_POLICY_BLOCK
                                              : LIAISON_LEXICON_POLICY_WARN);
  liaison_compliance_gate_set_extra_phrases (self->gate, (const char * const *) phrases);
}

static void
compliance_setting_changed_cb (LiaisonApplication *self)
{
  update_gate (self);
}

void
_liaison_application_setup_gate (LiaisonApplication *self)
{
  const char * const keys[] = {
    "quiet-hours-start", "quiet-hours-end", "enforce-state-quiet-hours",
    "lexicon-policy", "lexicon-phrases",
  };

  self->gate = liaison_compliance_gate_new (NULL);
  update_gate (self);

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", keys[i]);

      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (compliance_setting_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

/* The outbox */

static char *
status_callback_url (LiaisonApplication *self)
{
  g_autofree char *relay_url = g_settings_get_string (self->settings, "relay-url");
  g_autofree char *trimmed = NULL;

  if (relay_url == NULL || *relay_url == '\0')
    return NULL;

  trimmed = g_strdup (relay_url);
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';

  return g_strconcat (trimmed, "/twilio/messages/status", NULL);
}

static void
update_outbox_online (LiaisonApplication *self)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  gboolean online;

  if (self->outbox == NULL)
    return;

  online = g_network_monitor_get_network_available (monitor)
           && self->credentials_state == LIAISON_CREDENTIALS_STATE_STORED;

  if (online != liaison_outbox_get_online (self->outbox))
    g_debug ("Outbox %s", online ? "online" : "waiting (offline or no account)");

  liaison_outbox_set_online (self->outbox, online);
}

static void
sender_number_changed_cb (LiaisonApplication *self)
{
  g_autofree char *sender = g_settings_get_string (self->settings, "sender-number");

  if (self->outbox != NULL)
    liaison_outbox_set_default_sender (self->outbox, sender);
  /* Sequence steps wait for a number to send from. */
  if (self->sequence_runner != NULL)
    liaison_sequence_runner_poke (self->sequence_runner);
}

static void
numbers_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  GPtrArray *items;

  page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (object), result, &error);
  if (page == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the account’s numbers to choose one to send from: %s",
                   error->message);
      return;
    }

  /* The person may have chosen one meanwhile. */
  current = g_settings_get_string (self->settings, "sender-number");
  if (*current != '\0')
    return;

  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioIncomingNumber *number = g_ptr_array_index (items, i);

      if (liaison_twilio_incoming_number_get_capabilities (number) & LIAISON_TWILIO_CAPABILITY_SMS)
        {
          const char *e164 = liaison_twilio_incoming_number_get_phone_number (number);
          g_autofree char *masked = liaison_log_mask (e164);

          g_debug ("Sending texts from %s, the account’s first number that can", masked);
          g_settings_set_string (self->settings, "sender-number", e164);
          return;
        }
    }

  g_debug ("The account has no number that can send texts");
}

/* Without a chosen sender, the account's first SMS-capable number. */
static void
choose_sender (LiaisonApplication *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "sender-number");

  if (*current != '\0' || self->credentials_state != LIAISON_CREDENTIALS_STATE_STORED
      || self->account_sid == NULL)
    return;

  liaison_twilio_client_list_numbers_async (self->twilio_client, self->account_sid, NULL, NULL, 50,
                                            self->cancellable, numbers_listed_cb,
                                            g_object_ref (self));
}

static void
network_changed_cb (LiaisonApplication *self)
{
  update_outbox_online (self);
}

static void
credentials_changed_cb (LiaisonApplication *self)
{
  update_outbox_online (self);
  choose_sender (self);
}

/* The relay */

static char *
relay_client_name (void)
{
  /* Stable for this computer and profile, so that the relay keeps one
   * cursor per desktop. */
  return g_strdup_printf ("%s-%s", g_get_host_name (), PROFILE);
}

static void
relay_token_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = liaison_secret_store_load_relay_token_finish (LIAISON_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the relay token from the keyring: %s", error->message);
      return;
    }

  if (self->relay_client == NULL)
    return;

  liaison_relay_client_set_token (self->relay_client, token);
  liaison_relay_client_start (self->relay_client);
}

void
_liaison_application_reload_relay_token (LiaisonApplication *self)
{
  if (self->relay_client == NULL)
    return;

  liaison_secret_store_load_relay_token_async (self->secret_store,
                                               self->cancellable,
                                               relay_token_loaded_cb,
                                               g_object_ref (self));
}

void
liaison_application_reload_relay_token (LiaisonApplication *self)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  _liaison_application_start_calls (self);
  _liaison_application_reload_relay_token (self);
}

static void
relay_url_changed_cb (LiaisonApplication *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "relay-url");
  g_autofree char *callback = status_callback_url (self);

  if (self->relay_client != NULL)
    liaison_relay_client_set_url (self->relay_client, url);
  if (self->outbox != NULL)
    liaison_outbox_set_status_callback (self->outbox, callback);
}

/* Builds the part of the routing policy the desktop owns (time zone, hours,
 * holidays) on top of what the relay has, so that settings made elsewhere
 * (forwarding numbers, greeting) are kept. */
char *
_liaison_application_build_policy (GSettings  *settings,
                                   JsonObject *current)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *zone = g_settings_get_string (settings, "time-zone");
  g_autofree char *start = g_settings_get_string (settings, "business-hours-start");
  g_autofree char *end = g_settings_get_string (settings, "business-hours-end");
  g_auto(GStrv) days = g_settings_get_strv (settings, "business-days");
  g_auto(GStrv) holidays = g_settings_get_strv (settings, "holidays");
  g_autofree char *advisor_phone = g_settings_get_string (settings, "advisor-phone");
  g_autofree char *forward_to = NULL;
  g_autoptr(GTimeZone) local = NULL;

  /* The advisor's own phone is where business-hours calls ring (a number set
   * elsewhere is kept when there is none here). */
  if (*advisor_phone != '\0')
    forward_to = liaison_phone_normalize (advisor_phone, NULL, NULL);

  if (*zone == '\0')
    {
      local = g_time_zone_new_local ();
      g_free (zone);
      zone = g_strdup (g_time_zone_get_identifier (local));
    }

  json_builder_begin_object (builder);

  if (current != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (current);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (g_str_equal (name, "time_zone") || g_str_equal (name, "hours")
              || g_str_equal (name, "holidays")
              || (forward_to != NULL && g_str_equal (name, "forward_to")))
            continue;
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_copy (json_object_get_member (current, name)));
        }
    }

  /* "localtime" or "UTC" are not names the relay can use. */
  if (strchr (zone, '/') != NULL)
    {
      json_builder_set_member_name (builder, "time_zone");
      json_builder_add_string_value (builder, zone);
    }

  if (forward_to != NULL)
    {
      json_builder_set_member_name (builder, "forward_to");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, forward_to);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "hours");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (gsize d = 0; d < G_N_ELEMENTS (weekday_names); d++)
    if (g_strv_contains ((const char * const *) days, weekday_names[d]))
      json_builder_add_int_value (builder, (gint64) d + 1);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, end);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "holidays");
  json_builder_begin_array (builder);
  for (guint i = 0; holidays[i] != NULL; i++)
    json_builder_add_string_value (builder, holidays[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
policy_put_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_relay_client_put_policy_finish (LIAISON_RELAY_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not send the business hours to the relay: %s", error->message);
      return;
    }

  g_debug ("Business hours sent to the relay");
  self->policy_pushed = TRUE;
}

static void
push_policy (LiaisonApplication *self)
{
  g_autofree char *json = NULL;

  if (self->relay_client == NULL
      || liaison_relay_client_get_state (self->relay_client) != LIAISON_RELAY_STATE_CONNECTED)
    return;

  /* The desktop owns its advisor's policy: what it does not set yet
   * (forwarding numbers, greeting) is left at the relay's defaults. */
  json = _liaison_application_build_policy (self->settings, NULL);
  liaison_relay_client_put_policy_async (self->relay_client, json, self->cancellable,
                                         policy_put_cb, g_object_ref (self));
}

static gboolean
push_policy_timeout_cb (gpointer user_data)
{
  LiaisonApplication *self = user_data;

  self->policy_push_id = 0;
  push_policy (self);

  return G_SOURCE_REMOVE;
}

static void
business_hours_changed_cb (LiaisonApplication *self)
{
  g_clear_handle_id (&self->policy_push_id, g_source_remove);
  self->policy_push_id = g_timeout_add (POLICY_PUSH_DELAY_MS, push_policy_timeout_cb, self);
}

static void
relay_state_changed_cb (LiaisonApplication *self)
{
  if (liaison_relay_client_get_state (self->relay_client) == LIAISON_RELAY_STATE_CONNECTED
      && !self->policy_pushed)
    push_policy (self);
}

/* Notifications */

typedef struct {
  LiaisonApplication *self;
  gint64              message_id;
  gint64              thread_id;
  char               *from;
} NotifyData;

static void
notify_data_free (NotifyData *data)
{
  g_object_unref (data->self);
  g_free (data->from);
  g_free (data);
}

static void
notify_message_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  NotifyData *data = user_data;
  LiaisonApplication *self = data->self;
  g_autoptr(LiaisonMessage) message = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  const char *name = NULL;
  const char *body;

  message = liaison_store_get_message_finish (LIAISON_STORE (object), result, &error);
  if (message == NULL)
    {
      g_debug ("No notification: %s", error->message);
      notify_data_free (data);
      return;
    }

  name = g_hash_table_lookup (self->notified_names, &data->thread_id);
  if (name != NULL && *name != '\0')
    title = g_strdup (name);
  else
    title = liaison_phone_format_for_display (data->from, NULL);

  body = liaison_message_get_body (message);
  if (body == NULL || *body == '\0')
    body = liaison_message_get_num_media (message) > 0 ? _("Sent a picture or file") : "";

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "im.received");
  g_notification_set_default_action_and_target (notification, "app.open-thread", "x", data->thread_id);
  g_notification_add_button_with_target (notification, _("Reply"), "app.reply-thread", "x",
                                         data->thread_id);
  if (name == NULL || *name == '\0')
    g_notification_add_button_with_target (notification, _("Add Contact"), "app.add-contact",
                                           "s", data->from);

  /* One notification per thread: a newer text replaces the older one. */
  id = g_strdup_printf ("thread-%" G_GINT64_FORMAT, data->thread_id);
  g_application_send_notification (G_APPLICATION (self), id, notification);
  notify_data_free (data);
}

static void
notify_thread_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NotifyData *data = user_data;
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;

  thread = liaison_store_get_thread_finish (LIAISON_STORE (object), result, &error);
  if (thread != NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = data->thread_id;
      g_hash_table_replace (data->self->notified_names, key,
                            g_strdup (liaison_thread_get_contact_name (thread)));
    }

  liaison_store_get_message_async (LIAISON_STORE (object), data->message_id,
                                   data->self->cancellable, notify_message_cb, data);
}

static void
message_received_cb (LiaisonApplication *self,
                     gint64              message_id,
                     gint64              thread_id,
                     const char         *from)
{
  NotifyData *data = g_new0 (NotifyData, 1);

  data->self = g_object_ref (self);
  data->thread_id = thread_id;
  data->message_id = message_id;
  data->from = g_strdup (from);

  liaison_store_get_thread_async (self->store, thread_id, self->cancellable,
                                  notify_thread_cb, data);
}

/* Follow-up sequences */

static void
sender_values_changed_cb (LiaisonApplication *self)
{
  g_autofree char *advisor = g_settings_get_string (self->settings, "advisor-name");
  g_autofree char *firm = g_settings_get_string (self->settings, "firm-name");

  if (self->sequence_runner != NULL)
    liaison_sequence_runner_set_sender_values (self->sequence_runner, advisor, firm);
}

/* Start */

void
_liaison_application_start_messaging (LiaisonApplication *self)
{
  const char * const hours_keys[] = {
    "time-zone", "business-days", "business-hours-start", "business-hours-end", "holidays",
    "advisor-phone",
  };
  g_autofree char *callback = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (self->store != NULL);

  if (self->outbox != NULL)
    return;

  self->notified_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->outbox = liaison_outbox_new (self->store, self->twilio_client, self->gate);
  callback = status_callback_url (self);
  liaison_outbox_set_status_callback (self->outbox, callback);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::credentials-state",
                           G_CALLBACK (credentials_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sender-number",
                           G_CALLBACK (sender_number_changed_cb), self, G_CONNECT_SWAPPED);
  sender_number_changed_cb (self);
  update_outbox_online (self);
  choose_sender (self);
  liaison_outbox_start (self->outbox);

  /* Follow-up sequences leave through the same outbox and gate. */
  self->sequence_runner = liaison_sequence_runner_new (self->store, self->outbox);
  g_signal_connect_object (self->settings, "changed::advisor-name",
                           G_CALLBACK (sender_values_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::firm-name",
                           G_CALLBACK (sender_values_changed_cb), self, G_CONNECT_SWAPPED);
  sender_values_changed_cb (self);
  liaison_sequence_runner_start (self->sequence_runner);

  name = relay_client_name ();
  self->relay_client = liaison_relay_client_new (self->store, name);
  url = g_settings_get_string (self->settings, "relay-url");
  liaison_relay_client_set_url (self->relay_client, url);
  g_signal_connect_object (self->settings, "changed::relay-url",
                           G_CALLBACK (relay_url_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relay_client, "message-received",
                           G_CALLBACK (message_received_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relay_client, "notify::state",
                           G_CALLBACK (relay_state_changed_cb), self, G_CONNECT_SWAPPED);
  for (gsize i = 0; i < G_N_ELEMENTS (hours_keys); i++)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", hours_keys[i]);

      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (business_hours_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Calls, recordings and voicemail arrive through the same relay. */
  _liaison_application_start_calls (self);
  _liaison_application_reload_relay_token (self);
}

void
_liaison_application_stop_messaging (LiaisonApplication *self)
{
  g_clear_handle_id (&self->policy_push_id, g_source_remove);

  if (self->sequence_runner != NULL)
    liaison_sequence_runner_stop (self->sequence_runner);
  if (self->outbox != NULL)
    liaison_outbox_stop (self->outbox);
  if (self->relay_client != NULL)
    liaison_relay_client_stop (self->relay_client);
}
