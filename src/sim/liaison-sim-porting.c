/* liaison-sim-porting.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-numbers-private.h"
#include "liaison-log.h"
#include "liaison-webhook-signature.h"

#include <string.h>

/* Porting (numbers.twilio.com/v1/Porting, TWILIO.md §5.3), kept in SQLite.
 *
 * A request moves on the simulated clock through stages:
 *
 *   stage  request status           number status
 *   0      In review                In Review               (+1 day)
 *   1      Waiting for Signature    Waiting for Signature   (+1 day)
 *   2      In progress              Submitted               (+1 day)
 *   3      In progress              Pending (port_date set) (+2 days)
 *   4      Completed                Completed: the numbers join phone_numbers
 *
 * A request marked with POST /_sim/porting/reject ends at stage 2 in
 * "Action Required" with its numbers "Rejected". Canceling (the request or
 * each of its numbers) gives "Canceled". Portability: toll-free numbers are
 * not portable (MANUAL_PORTING_AVAILABLE, 22133, as in the spec's example);
 * numbers already in this account are not (ALREADY_IN_THE_TARGET_ACCOUNT),
 * nor those of another account (ALREADY_IN_TWILIO_DIFFERENT_OWNER); outside
 * +1, UNSUPPORTED. Mobile numbers (Lookup's line type) need a PIN. The
 * reason codes other than 22133 are the simulator's choice. */

#define DAY 86400

typedef struct {
  const char *status;
  const char *number_status;
  gint64      wait;
} Stage;

static const Stage stages[] = {
  { "In review", "In Review", DAY },
  { "Waiting for Signature", "Waiting for Signature", DAY },
  { "In progress", "Submitted", DAY },
  { "In progress", "Pending", 2 * DAY },
  { "Completed", "Completed", 0 },
};

typedef struct {
  gint64  seq;
  char   *sid;
  char   *account_sid;
  char   *status;
  gint    stage;
  char   *request;      /* JSON of the inputs echoed back */
  char   *cancellation_reason;
  gint64  support_ticket_id;
  gboolean reject;
  gint64  date_created;
  gint64  date_updated;
  gint64  next_at;
} PortIn;

static void
port_in_free (PortIn *port_in)
{
  g_free (port_in->sid);
  g_free (port_in->account_sid);
  g_free (port_in->status);
  g_free (port_in->request);
  g_free (port_in->cancellation_reason);
  g_free (port_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortIn, port_in_free)

typedef struct {
  char   *sid;
  char   *request_sid;
  char   *phone_number;
  char   *pin;
  char   *number_type;   /* LOCAL, MOBILE */
  char   *status;
  char   *rejection_reason;
  gint    rejection_reason_code;
  gint64  port_date;
  gint64  date_created;
  gint64  date_updated;
} PortNumber;

static void
port_number_free (PortNumber *number)
{
  g_free (number->sid);
  g_free (number->request_sid);
  g_free (number->phone_number);
  g_free (number->pin);
  g_free (number->number_type);
  g_free (number->status);
  g_free (number->rejection_reason);
  g_free (number);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortNumber, port_number_free)

#define PORT_IN_COLUMNS \
  "seq, sid, account_sid, status, stage, request, cancellation_reason, support_ticket_id, reject," \
  " date_created, date_updated, next_at"
#define PORT_NUMBER_COLUMNS \
  "sid, request_sid, phone_number, pin, number_type, status, rejection_reason, rejection_reason_code," \
  " port_date, date_created, date_updated"

static PortIn *
port_in_from_row (sqlite3_stmt *stmt)
{
  PortIn *port_in = g_new0 (PortIn, 1);

  port_in->seq = sqlite3_column_int64 (stmt, 0);
  port_in->sid = sim_dup_column (stmt, 1);
  port_in->account_sid = sim_dup_column (stmt, 2);
  port_in->status = sim_dup_column (stmt, 3);
  port_in->stage = sqlite3_column_int (stmt, 4);
  port_in->request = sim_dup_column (stmt, 5);
  port_in->cancellation_reason = sim_dup_column (stmt, 6);
  port_in->support_ticket_id = sqlite3_column_int64 (stmt, 7);
  port_in->reject = sqlite3_column_int (stmt, 8) != 0;
  port_in->date_created = sqlite3_column_int64 (stmt, 9);
  port_in->date_updated = sqlite3_column_int64 (stmt, 10);
  port_in->next_at = sqlite3_column_int64 (stmt, 11);
  return port_in;
}

static PortNumber *
port_number_from_row (sqlite3_stmt *stmt)
{
  PortNumber *number = g_new0 (PortNumber, 1);

  number->sid = sim_dup_column (stmt, 0);
  number->request_sid = sim_dup_column (stmt, 1);
  number->phone_number = sim_dup_column (stmt, 2);
  number->pin = sim_dup_column (stmt, 3);
  number->number_type = sim_dup_column (stmt, 4);
  number->status = sim_dup_column (stmt, 5);
  number->rejection_reason = sim_dup_column (stmt, 6);
  number->rejection_reason_code = sqlite3_column_int (stmt, 7);
  number->port_date = sqlite3_column_int64 (stmt, 8);
  number->date_created = sqlite3_column_int64 (stmt, 9);
  number->date_updated = sqlite3_column_int64 (stmt, 10);
  return number;
}

static PortIn *
db_port_in_get (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *sid)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT " PORT_IN_COLUMNS " FROM port_in_requests"
                                             " WHERE sid = ?1 AND (?2 IS NULL OR account_sid = ?2)");
  PortIn *port_in = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 2, account_sid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    port_in = port_in_from_row (stmt);
  sqlite3_finalize (stmt);
  return port_in;
}

static GPtrArray *
db_port_numbers (LiaisonSimServer *self,
                 const char       *request_sid)
{
  GPtrArray *numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) port_number_free);
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT " PORT_NUMBER_COLUMNS " FROM port_in_numbers"
                                             " WHERE request_sid = ? ORDER BY seq");

  if (stmt == NULL)
    return numbers;
  sqlite3_bind_text (stmt, 1, request_sid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (numbers, port_number_from_row (stmt));
  sqlite3_finalize (stmt);
  return numbers;
}

static gboolean
db_port_in_update (LiaisonSimServer *self,
                   PortIn           *port_in)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "UPDATE port_in_requests SET status = ?, stage = ?,"
                                             " cancellation_reason = ?, reject = ?, date_updated = ?,"
                                             " next_at = NULLIF (?, 0) WHERE sid = ?");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, port_in->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, port_in->stage);
  sim_bind_text_or_null (stmt, 3, port_in->cancellation_reason);
  sqlite3_bind_int (stmt, 4, port_in->reject);
  sqlite3_bind_int64 (stmt, 5, port_in->date_updated);
  sqlite3_bind_int64 (stmt, 6, port_in->next_at);
  sqlite3_bind_text (stmt, 7, port_in->sid, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
db_port_number_update (LiaisonSimServer *self,
                       PortNumber       *number)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "UPDATE port_in_numbers SET status = ?, rejection_reason = ?,"
                                             " rejection_reason_code = NULLIF (?, 0),"
                                             " port_date = NULLIF (?, 0), date_updated = ? WHERE sid = ?");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number->status, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 2, number->rejection_reason);
  sqlite3_bind_int (stmt, 3, number->rejection_reason_code);
  sqlite3_bind_int64 (stmt, 4, number->port_date);
  sqlite3_bind_int64 (stmt, 5, number->date_updated);
  sqlite3_bind_text (stmt, 6, number->sid, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

static void
add_iso_date (JsonBuilder *builder,
              const char  *name,
              gint64       seconds)
{
  g_autofree char *text = seconds > 0 ? sim_format_iso8601 (seconds) : NULL;

  sim_add_string_or_null (builder, name, text);
}

static char *
port_in_url (LiaisonSimServer *self,
             const char       *sid)
{
  g_autofree char *base = liaison_sim_server_get_url (self);

  return g_strdup_printf ("%s/v1/Porting/PortIn/%s", base, sid);
}

static void
build_port_in (LiaisonSimServer *self,
               JsonBuilder      *builder,
               PortIn           *port_in)
{
  g_autoptr(GPtrArray) numbers = db_port_numbers (self, port_in->sid);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *url = port_in_url (self, port_in->sid);
  g_autofree char *signature_url = NULL;
  JsonObject *request = NULL;
  static const char * const echoed[] = {
    "auto_cancel_approval_numbers", "bundle_sid", "documents", "losing_carrier_information",
    "notification_emails", "portability_advance_carrier", "target_port_in_date",
    "target_port_in_time_range_end", "target_port_in_time_range_start",
  };

  if (json_parser_load_from_data (parser, port_in->request, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    request = json_node_get_object (json_parser_get_root (parser));

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", port_in->account_sid);
  add_iso_date (builder, "date_created", port_in->date_created);
  for (gsize i = 0; i < G_N_ELEMENTS (echoed); i++)
    {
      JsonNode *node = request != NULL ? json_object_get_member (request, echoed[i]) : NULL;

      json_builder_set_member_name (builder, echoed[i]);
      if (node != NULL)
        json_builder_add_value (builder, json_node_copy (node));
      else
        json_builder_add_null_value (builder);
    }
  sim_add_string_or_null (builder, "order_cancellation_reason", port_in->cancellation_reason);
  json_builder_set_member_name (builder, "phone_numbers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < numbers->len; i++)
    {
      PortNumber *number = g_ptr_array_index (numbers, i);
      g_autofree char *code = number->rejection_reason_code != 0
                              ? g_strdup_printf ("%d", number->rejection_reason_code) : NULL;

      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "external_porting_vendor_phone_number_id", NULL);
      sim_add_string_or_null (builder, "not_portability_reason", NULL);
      json_builder_set_member_name (builder, "not_portability_reason_code");
      json_builder_add_null_value (builder);
      sim_add_string_or_null (builder, "number_type", number->number_type);
      add_iso_date (builder, "port_date", number->port_date);
      sim_add_string_or_null (builder, "port_in_phone_number_sid", number->sid);
      sim_add_string_or_null (builder, "port_in_phone_number_status", number->status);
      sim_add_string_or_null (builder, "phone_number", number->phone_number);
      json_builder_set_member_name (builder, "portable");
      json_builder_add_boolean_value (builder, TRUE);
      sim_add_string_or_null (builder, "rejection_reason", number->rejection_reason);
      sim_add_string_or_null (builder, "rejection_reason_code", code);
      add_iso_date (builder, "status_last_time_updated_timestamp", number->date_updated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sim_add_string_or_null (builder, "port_in_request_sid", port_in->sid);
  sim_add_string_or_null (builder, "port_in_request_status", port_in->status);
  if (port_in->stage == 1 && g_str_equal (port_in->status, "Waiting for Signature"))
    signature_url = g_strdup_printf ("https://sign.example.com/loa/%s", port_in->sid);
  sim_add_string_or_null (builder, "signature_request_url", signature_url);
  json_builder_set_member_name (builder, "support_ticket_id");
  json_builder_add_int_value (builder, port_in->support_ticket_id);
  sim_add_string_or_null (builder, "url", url);
  json_builder_end_object (builder);
}

static void
respond_port_in (LiaisonSimServer  *self,
                 SoupServerMessage *msg,
                 guint              status,
                 PortIn            *port_in)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_port_in (self, builder, port_in);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, status, root);
}

static void
bad_request (SoupServerMessage *msg,
             const char        *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
bad_request (SoupServerMessage *msg,
             const char        *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, message);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
has_string (JsonObject *object,
            const char *name)
{
  const char *value = member_string (object, name);

  return value != NULL && *value != '\0';
}

/* A number in a port that is neither finished nor canceled. */
static gboolean
db_number_in_active_port (LiaisonSimServer *self,
                          const char       *phone_number)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT 1 FROM port_in_numbers n JOIN port_in_requests r"
                                             " ON r.sid = n.request_sid WHERE n.phone_number = ?"
                                             " AND n.status NOT IN ('Canceled', 'Rejected', 'Completed')"
                                             " AND r.status NOT IN ('Canceled', 'Completed', 'Expired')");
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, phone_number, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
parse_iso_day (const char *text,
               gint64     *out)
{
  g_autofree char *full = NULL;
  g_autoptr(GDateTime) date_time = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  full = g_strconcat (text, "T00:00:00Z", NULL);
  date_time = g_date_time_new_from_iso8601 (full, NULL);
  if (date_time == NULL)
    return FALSE;
  *out = g_date_time_to_unix (date_time);
  return TRUE;
}

/* Porting webhooks (TWILIO.md §5.3): JSON POSTs signed with bodySHA256
 * (§6.2), sent one after the other in the order the events happened. The
 * payload fields are those seen in third-party code [INF]; "status" names
 * the event (PortInCompleted, PortInPhoneNumberRejected…). */

typedef struct {
  char *url;         /* with bodySHA256 */
  char *body;
  char *signature;
} Delivery;

typedef struct {
  GQueue   deliveries;
  gboolean in_flight;
} PortingState;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_free (delivery->url);
  g_free (delivery->body);
  g_free (delivery->signature);
  g_free (delivery);
}

static PortingState *
porting_state (LiaisonSimServer *self)
{
  if (self->numbers == NULL)
    self->numbers = g_new0 (PortingState, 1);
  return self->numbers;
}

void
sim_porting_finalize (LiaisonSimServer *self)
{
  PortingState *state = self->numbers;

  if (state == NULL)
    return;
  g_queue_clear_full (&state->deliveries, delivery_free);
  g_clear_pointer (&self->numbers, g_free);
}

static void send_next_delivery (LiaisonSimServer *self);

static void
delivery_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaisonSimServer *self = user_data;   /* owned while in flight */
  g_autoptr(GBytes) answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  PortingState *state = self->numbers;

  (void) answer;   /* only its delivery matters */

  if (state != NULL)
    {
      state->in_flight = FALSE;
      send_next_delivery (self);
    }
  g_object_unref (self);
}

static void
send_next_delivery (LiaisonSimServer *self)
{
  PortingState *state = porting_state (self);

  while (!state->in_flight && self->session != NULL && !g_queue_is_empty (&state->deliveries))
    {
      Delivery *delivery = g_queue_pop_head (&state->deliveries);
      g_autoptr(SoupMessage) message = soup_message_new ("POST", delivery->url);
      g_autoptr(GBytes) body = NULL;
      g_autofree char *token = NULL;
      SoupMessageHeaders *headers;

      if (message == NULL)
        {
          g_warning ("A porting webhook URL could not be used");
          delivery_free (delivery);
          continue;
        }
      body = g_bytes_new (delivery->body, strlen (delivery->body));
      soup_message_set_request_body_from_bytes (message, "application/json; charset=utf-8", body);
      headers = soup_message_get_request_headers (message);
      token = sim_new_idempotency_token ();
      soup_message_headers_replace (headers, "X-Twilio-Signature", delivery->signature);
      soup_message_headers_replace (headers, "I-Twilio-Idempotency-Token", token);
      soup_message_headers_replace (headers, "User-Agent", "TwilioProxy/1.1");
      state->in_flight = TRUE;
      soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, NULL, delivery_done_cb,
                                        g_object_ref (self));
      delivery_free (delivery);
    }
}

static gboolean
event_wanted (const char *notifications_of,
              const char *event)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, notifications_of, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return TRUE;
  array = json_node_get_array (root);
  /* An empty list means every event. */
  if (json_array_get_length (array) == 0)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (element), event))
        return TRUE;
    }
  return FALSE;
}

/* Queues the webhook of @event for @port_in (and @number, for the
 * number-level events) when the account configured one. */
static void
notify (LiaisonSimServer *self,
        PortIn           *port_in,
        PortNumber       *number,
        const char       *event)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, port_in->account_sid);
  sqlite3_stmt *stmt;
  g_autofree char *target = NULL;
  g_autofree char *notifications_of = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *updated = NULL;
  Delivery *delivery;

  if (account == NULL)
    return;
  stmt = sim_db_prepare (self, "SELECT target_url, notifications_of FROM porting_webhooks"
                               " WHERE account_sid = ? AND webhook_type = 'PORT_IN'");
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, port_in->account_sid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      target = sim_dup_column (stmt, 0);
      notifications_of = sim_dup_column (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (target == NULL || !event_wanted (notifications_of, event))
    return;

  builder = json_builder_new ();
  updated = sim_format_iso8601 (number != NULL ? number->date_updated : port_in->date_updated);
  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "last_date_updated", updated);
  if (number != NULL)
    {
      sim_add_string_or_null (builder, "phone_number", number->phone_number);
      sim_add_string_or_null (builder, "port_in_phone_number_sid", number->sid);
    }
  sim_add_string_or_null (builder, "port_in_request_sid", port_in->sid);
  if (number != NULL)
    {
      g_autofree char *code = number->rejection_reason_code != 0
                              ? g_strdup_printf ("%d", number->rejection_reason_code) : NULL;

      sim_add_string_or_null (builder, "rejection_reason", number->rejection_reason);
      sim_add_string_or_null (builder, "rejection_reason_code", code);
    }
  sim_add_string_or_null (builder, "status", event);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  delivery = g_new0 (Delivery, 1);
  delivery->body = json_to_string (root, FALSE);
  hash = liaison_webhook_signature_body_sha256 (delivery->body, -1);
  delivery->url = g_strdup_printf ("%s%sbodySHA256=%s", target, strchr (target, '?') != NULL ? "&" : "?", hash);
  delivery->signature = liaison_webhook_signature_compute (account->auth_token, delivery->url, NULL);
  g_queue_push_tail (&porting_state (self)->deliveries, delivery);
  send_next_delivery (self);
}

static gboolean
valid_target (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && g_uri_get_host (uri) != NULL
         && (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 || g_strcmp0 (g_uri_get_scheme (uri), "https") == 0);
}

static void
respond_webhook_configuration (LiaisonSimServer  *self,
                               SoupServerMessage *msg,
                               SimAccount        *account,
                               guint              status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) notifications = NULL;
  g_autofree char *base = liaison_sim_server_get_url (self);
  g_autofree char *url = g_strconcat (base, "/v1/Porting/Configuration/Webhook", NULL);
  g_autofree char *in_url = NULL;
  g_autofree char *out_url = NULL;
  gint64 in_created = 0, out_created = 0;
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT webhook_type, target_url, notifications_of, date_created"
                                             " FROM porting_webhooks WHERE account_sid = ?");

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *type = (const char *) sqlite3_column_text (stmt, 0);
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (g_strcmp0 (type, "PORT_IN") == 0)
            {
              in_url = sim_dup_column (stmt, 1);
              in_created = sqlite3_column_int64 (stmt, 3);
            }
          else
            {
              out_url = sim_dup_column (stmt, 1);
              out_created = sqlite3_column_int64 (stmt, 3);
            }
          if (notifications == NULL
              && json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 2), -1, NULL))
            notifications = json_node_copy (json_parser_get_root (parser));
        }
      sqlite3_finalize (stmt);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notifications_of");
  if (notifications != NULL)
    json_builder_add_value (builder, g_steal_pointer (&notifications));
  else
    json_builder_add_null_value (builder);
  if (status == SOUP_STATUS_OK)
    {
      add_iso_date (builder, "port_in_target_date_created", in_created);
      add_iso_date (builder, "port_out_target_date_created", out_created);
    }
  sim_add_string_or_null (builder, "port_in_target_url", in_url);
  sim_add_string_or_null (builder, "port_out_target_url", out_url);
  sim_add_string_or_null (builder, "url", url);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, status, root);
}

static gboolean
db_webhook_put (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *type,
                const char       *url,
                const char       *notifications_of)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "INSERT OR REPLACE INTO porting_webhooks"
                                             " VALUES (?, ?, ?, ?, ?)");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, notifications_of, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, self->clock);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

void
sim_porting_webhook_create (LiaisonSimServer  *self,
                            SoupServerMessage *msg,
                            SimAccount        *account,
                            GMatchInfo        *match)
{
  g_autoptr(JsonObject) body = sim_request_json_object (msg);
  g_autofree char *notifications_text = NULL;
  const char *in_url;
  const char *out_url;
  JsonNode *notifications;

  if (body == NULL)
    return;
  in_url = member_string (body, "port_in_target_url");
  out_url = member_string (body, "port_out_target_url");
  if (in_url == NULL && out_url == NULL)
    {
      bad_request (msg, "port_in_target_url or port_out_target_url is required");
      return;
    }
  if ((in_url != NULL && !valid_target (in_url)) || (out_url != NULL && !valid_target (out_url)))
    {
      bad_request (msg, "The target URLs must be http or https URLs");
      return;
    }
  notifications = json_object_get_member (body, "notifications_of");
  if (notifications != NULL && !JSON_NODE_HOLDS_NULL (notifications))
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (notifications) ? json_node_get_array (notifications) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            array = NULL;
        }
      if (array == NULL)
        {
          bad_request (msg, "notifications_of must be a list of event names");
          return;
        }
      notifications_text = json_to_string (notifications, FALSE);
    }
  else
    {
      notifications_text = g_strdup ("[]");
    }

  if ((in_url != NULL && !db_webhook_put (self, account->sid, "PORT_IN", in_url, notifications_text))
      || (out_url != NULL && !db_webhook_put (self, account->sid, "PORT_OUT", out_url, notifications_text)))
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  respond_webhook_configuration (self, msg, account, SOUP_STATUS_CREATED);
}

void
sim_porting_webhook_fetch (LiaisonSimServer  *self,
                           SoupServerMessage *msg,
                           SimAccount        *account,
                           GMatchInfo        *match)
{
  respond_webhook_configuration (self, msg, account, SOUP_STATUS_OK);
}

void
sim_porting_webhook_delete (LiaisonSimServer  *self,
                            SoupServerMessage *msg,
                            SimAccount        *account,
                            GMatchInfo        *match)
{
  g_autofree char *type = g_match_info_fetch (match, 1);
  sqlite3_stmt *stmt;
  gboolean deleted;

  if (!g_str_equal (type, "PORT_IN") && !g_str_equal (type, "PORT_OUT"))
    {
      bad_request (msg, "The webhook type is PORT_IN or PORT_OUT");
      return;
    }
  stmt = sim_db_prepare (self, "DELETE FROM porting_webhooks WHERE account_sid = ? AND webhook_type = ?");
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  deleted = sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (self->db) > 0;
  sqlite3_finalize (stmt);
  if (!deleted)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

void
sim_porting_create (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match)
{
  g_autoptr(JsonObject) body = sim_request_json_object (msg);
  g_autoptr(JsonObject) echo = NULL;
  g_autoptr(JsonNode) echo_node = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PortIn) port_in = NULL;
  g_autofree char *request_text = NULL;
  JsonObject *carrier;
  JsonArray *documents;
  JsonArray *phone_numbers;
  const char *account_sid;
  const char *target_date;
  const char *customer_type;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (body == NULL)
    return;

  account_sid = member_string (body, "account_sid");
  if (account_sid == NULL)
    {
      bad_request (msg, "account_sid is required");
      return;
    }
  if (!g_str_equal (account_sid, account->sid))
    {
      bad_request (msg, "account_sid must be the account making the request");
      return;
    }

  if (!json_object_has_member (body, "documents")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "documents"))
      || json_array_get_length (documents = json_object_get_array_member (body, "documents")) == 0)
    {
      bad_request (msg, "documents must list at least one document SID (a utility bill)");
      return;
    }
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonNode *node = json_array_get_element (documents, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !sim_is_sid (json_node_get_string (node), "RD"))
        {
          bad_request (msg, "documents[%u] is not a document SID (RD…)", i);
          return;
        }
    }

  if (!json_object_has_member (body, "losing_carrier_information")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "losing_carrier_information")))
    {
      bad_request (msg, "losing_carrier_information is required");
      return;
    }
  carrier = json_object_get_object_member (body, "losing_carrier_information");
  {
    static const char * const required[] = {
      "customer_name", "authorized_representative", "authorized_representative_email",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
      if (!has_string (carrier, required[i]))
        {
          bad_request (msg, "losing_carrier_information.%s is required", required[i]);
          return;
        }
  }
  if (strchr (member_string (carrier, "authorized_representative_email"), '@') == NULL)
    {
      bad_request (msg, "losing_carrier_information.authorized_representative_email is not an email address");
      return;
    }
  customer_type = member_string (carrier, "customer_type");
  if (customer_type != NULL && !g_str_equal (customer_type, "Business") && !g_str_equal (customer_type, "Individual"))
    {
      bad_request (msg, "losing_carrier_information.customer_type must be Business or Individual");
      return;
    }
  if (!has_string (carrier, "address_sid")
      && (!json_object_has_member (carrier, "address")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (carrier, "address"))))
    {
      bad_request (msg, "losing_carrier_information needs address_sid or address");
      return;
    }
  if (json_object_has_member (carrier, "address")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (carrier, "address")))
    {
      static const char * const required[] = { "street", "city", "state", "zip", "country" };
      JsonObject *address = json_object_get_object_member (carrier, "address");

      for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
        if (!has_string (address, required[i]))
          {
            bad_request (msg, "losing_carrier_information.address.%s is required", required[i]);
            return;
          }
    }

  if (!json_object_has_member (body, "phone_numbers")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "phone_numbers"))
      || json_array_get_length (phone_numbers = json_object_get_array_member (body, "phone_numbers")) == 0)
    {
      bad_request (msg, "phone_numbers must list at least one number");
      return;
    }
  if (json_array_get_length (phone_numbers) > 1000)
    {
      bad_request (msg, "phone_numbers may list at most 1000 numbers");
      return;
    }
  for (guint i = 0; i < json_array_get_length (phone_numbers); i++)
    {
      JsonNode *node = json_array_get_element (phone_numbers, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *number = member_string (item, "phone_number");
      g_autoptr(SimNumber) owned = NULL;
      SimLineType line_type;

      if (number == NULL || !sim_is_e164 (number))
        {
          bad_request (msg, "phone_numbers[%u].phone_number is not an E.164 number", i);
          return;
        }
      if (!g_str_has_prefix (number, "+1") || strlen (number) != 12)
        {
          bad_request (msg, "phone_numbers[%u]: only US numbers can be ported with the API", i);
          return;
        }
      if (sim_is_toll_free (number))
        {
          bad_request (msg, "phone_numbers[%u]: toll-free numbers cannot be ported with the API", i);
          return;
        }
      if (g_hash_table_contains (seen, number))
        {
          bad_request (msg, "phone_numbers[%u] is listed twice", i);
          return;
        }
      g_hash_table_add (seen, (gpointer) number);
      owned = sim_db_number_get (self, number);
      if (owned != NULL)
        {
          bad_request (msg, "phone_numbers[%u] is already a Twilio number", i);
          return;
        }
      if (db_number_in_active_port (self, number))
        {
          bad_request (msg, "phone_numbers[%u] is already in an open port-in request", i);
          return;
        }
      sim_line_type_of (self, number, &line_type);
      if (g_str_equal (line_type.type, "mobile") && !has_string (item, "pin"))
        {
          bad_request (msg, "phone_numbers[%u] is a US mobile number: its pin is required", i);
          return;
        }
    }

  target_date = member_string (body, "target_port_in_date");
  if (target_date != NULL)
    {
      gint64 day;

      if (!parse_iso_day (target_date, &day))
        {
          bad_request (msg, "target_port_in_date must be a date (YYYY-MM-DD)");
          return;
        }
      if (day < self->clock + 7 * DAY - DAY)
        {
          bad_request (msg, "target_port_in_date must be at least 7 days in the future");
          return;
        }
    }

  /* Stored: every input but the numbers, which get their own rows. */
  echo = json_object_new ();
  {
    GList *members = json_object_get_members (body);

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "phone_numbers") && !g_str_equal (l->data, "account_sid"))
        json_object_set_member (echo, l->data, json_node_copy (json_object_get_member (body, l->data)));
    g_list_free (members);
  }
  echo_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (echo_node, echo);
  request_text = json_to_string (echo_node, FALSE);

  port_in = g_new0 (PortIn, 1);
  port_in->sid = sim_new_sid ("KW");
  port_in->account_sid = g_strdup (account->sid);
  port_in->status = g_strdup (stages[0].status);
  port_in->stage = 0;
  port_in->request = g_strdup (request_text);
  port_in->support_ticket_id = 100000 + g_random_int_range (0, 900000);
  port_in->date_created = self->clock;
  port_in->date_updated = self->clock;
  port_in->next_at = self->clock + stages[0].wait;

  sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  stmt = sim_db_prepare (self, "INSERT INTO port_in_requests (sid, account_sid, status, stage, request,"
                               " support_ticket_id, date_created, date_updated, next_at)"
                               " VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)");
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, port_in->sid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, port_in->account_sid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, port_in->status, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, port_in->request, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, port_in->support_ticket_id);
      sqlite3_bind_int64 (stmt, 6, port_in->date_created);
      sqlite3_bind_int64 (stmt, 7, port_in->date_updated);
      sqlite3_bind_int64 (stmt, 8, port_in->next_at);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
    }
  for (guint i = 0; ok && i < json_array_get_length (phone_numbers); i++)
    {
      JsonObject *item = json_array_get_object_element (phone_numbers, i);
      const char *number = member_string (item, "phone_number");
      g_autofree char *sid = sim_new_sid ("PU");
      SimLineType line_type;

      sim_line_type_of (self, number, &line_type);
      stmt = sim_db_prepare (self, "INSERT INTO port_in_numbers (sid, request_sid, phone_number, pin,"
                                   " number_type, status, date_created, date_updated)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, port_in->sid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, number, -1, SQLITE_TRANSIENT);
      sim_bind_text_or_null (stmt, 4, member_string (item, "pin"));
      sqlite3_bind_text (stmt, 5, g_str_equal (line_type.type, "mobile") ? "MOBILE" : "LOCAL", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, stages[0].number_status, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, self->clock);
      sqlite3_bind_int64 (stmt, 8, self->clock);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
    }
  sqlite3_exec (self->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  if (!ok)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  respond_port_in (self, msg, SOUP_STATUS_ACCEPTED, port_in);
}

void
sim_porting_fetch (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autoptr(PortIn) port_in = db_port_in_get (self, account->sid, sid);

  if (port_in == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  respond_port_in (self, msg, SOUP_STATUS_OK, port_in);
}

static gboolean
is_final (const char *status)
{
  return g_str_equal (status, "Completed") || g_str_equal (status, "Canceled")
         || g_str_equal (status, "Rejected") || g_str_equal (status, "Expired");
}

void
sim_porting_cancel (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autoptr(PortIn) port_in = db_port_in_get (self, account->sid, sid);
  g_autoptr(GPtrArray) numbers = NULL;

  if (port_in == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  if (is_final (port_in->status))
    {
      bad_request (msg, "A port-in request that is %s cannot be canceled", port_in->status);
      return;
    }

  numbers = db_port_numbers (self, port_in->sid);
  g_free (port_in->status);
  port_in->status = g_strdup ("Canceled");
  g_free (port_in->cancellation_reason);
  port_in->cancellation_reason = g_strdup ("Canceled by the customer");
  port_in->next_at = 0;
  port_in->date_updated = self->clock;
  if (!db_port_in_update (self, port_in))
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  notify (self, port_in, NULL, "PortInCanceled");
  for (guint i = 0; i < numbers->len; i++)
    {
      PortNumber *number = g_ptr_array_index (numbers, i);

      if (is_final (number->status))
        continue;
      g_free (number->status);
      number->status = g_strdup ("Canceled");
      number->date_updated = self->clock;
      db_port_number_update (self, number);
      notify (self, port_in, number, "PortInPhoneNumberCanceled");
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static PortNumber *
find_number (GPtrArray  *numbers,
             const char *sid)
{
  for (guint i = 0; i < numbers->len; i++)
    if (g_str_equal (((PortNumber *) g_ptr_array_index (numbers, i))->sid, sid))
      return g_ptr_array_index (numbers, i);
  return NULL;
}

void
sim_porting_number_fetch (LiaisonSimServer  *self,
                          SoupServerMessage *msg,
                          SimAccount        *account,
                          GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autofree char *number_sid = g_match_info_fetch (match, 2);
  g_autoptr(PortIn) port_in = db_port_in_get (self, account->sid, sid);
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  PortNumber *number;

  if (port_in == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  numbers = db_port_numbers (self, port_in->sid);
  number = find_number (numbers, number_sid);
  if (number == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }

  {
    g_autofree char *base = port_in_url (self, port_in->sid);

    url = g_strdup_printf ("%s/PhoneNumber/%s", base, number->sid);
  }
  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", port_in->account_sid);
  sim_add_string_or_null (builder, "country", "US");
  add_iso_date (builder, "date_created", number->date_created);
  add_iso_date (builder, "last_updated", number->date_updated);
  json_builder_set_member_name (builder, "missing_required_fields");
  json_builder_add_boolean_value (builder, FALSE);
  sim_add_string_or_null (builder, "not_portability_reason", NULL);
  json_builder_set_member_name (builder, "not_portability_reason_code");
  json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "phone_number", number->phone_number);
  sim_add_string_or_null (builder, "phone_number_sid", number->sid);
  sim_add_string_or_null (builder, "phone_number_type", g_str_equal (number->number_type, "MOBILE")
                                                        ? "mobile" : "local");
  add_iso_date (builder, "port_date", number->port_date);
  sim_add_string_or_null (builder, "port_in_phone_number_status", number->status);
  sim_add_string_or_null (builder, "port_in_request_sid", port_in->sid);
  json_builder_set_member_name (builder, "port_out_pin");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "portable");
  json_builder_add_boolean_value (builder, TRUE);
  sim_add_string_or_null (builder, "rejection_reason", number->rejection_reason);
  json_builder_set_member_name (builder, "rejection_reason_code");
  if (number->rejection_reason_code != 0)
    json_builder_add_int_value (builder, number->rejection_reason_code);
  else
    json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "url", url);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

void
sim_porting_number_cancel (LiaisonSimServer  *self,
                           SoupServerMessage *msg,
                           SimAccount        *account,
                           GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autofree char *number_sid = g_match_info_fetch (match, 2);
  g_autoptr(PortIn) port_in = db_port_in_get (self, account->sid, sid);
  g_autoptr(GPtrArray) numbers = NULL;
  PortNumber *number;
  gboolean any_open = FALSE;

  if (port_in == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  numbers = db_port_numbers (self, port_in->sid);
  number = find_number (numbers, number_sid);
  if (number == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  if (is_final (number->status))
    {
      bad_request (msg, "A number that is %s cannot be canceled", number->status);
      return;
    }
  g_free (number->status);
  number->status = g_strdup ("Canceled");
  number->date_updated = self->clock;
  db_port_number_update (self, number);
  notify (self, port_in, number, "PortInPhoneNumberCanceled");

  for (guint i = 0; i < numbers->len; i++)
    if (!is_final (((PortNumber *) g_ptr_array_index (numbers, i))->status))
      any_open = TRUE;
  if (!any_open)
    {
      g_free (port_in->status);
      port_in->status = g_strdup ("Canceled");
      g_free (port_in->cancellation_reason);
      port_in->cancellation_reason = g_strdup ("Every number was canceled");
      port_in->next_at = 0;
      port_in->date_updated = self->clock;
      db_port_in_update (self, port_in);
      notify (self, port_in, NULL, "PortInCanceled");
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Token paging: Token is the SID of the last request of the previous page
 * (newest first); previous_token is always null (there is no way back but
 * the first page). */
void
sim_porting_list (LiaisonSimServer  *self,
                  SoupServerMessage *msg,
                  SimAccount        *account,
                  GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " PORT_IN_COLUMNS " FROM port_in_requests WHERE account_sid = ?1");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) port_in_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) sids = NULL;
  const char *token = sim_form_get (query, "Token");
  const char *sid_filter = sim_form_get (query, "PortInRequestSid");
  const char *status_filter = sim_form_get (query, "PortInRequestStatus");
  const char *before_text = sim_form_get (query, "CreatedBefore");
  const char *after_text = sim_form_get (query, "CreatedAfter");
  gint64 before = 0, after = 0;
  gint64 size = 20;
  gboolean has_more = FALSE;
  sqlite3_stmt *stmt;

  if (!sim_form_get_int (query, "Size", 1, 100, 20, &size))
    {
      bad_request (msg, "Size must be 1–100");
      return;
    }
  if (token != NULL && !sim_is_sid (token, "KW"))
    {
      bad_request (msg, "Invalid Token");
      return;
    }
  if (before_text != NULL && !parse_iso_day (before_text, &before))
    {
      bad_request (msg, "CreatedBefore must be a date (YYYY-MM-DD)");
      return;
    }
  if (after_text != NULL && !parse_iso_day (after_text, &after))
    {
      bad_request (msg, "CreatedAfter must be a date (YYYY-MM-DD)");
      return;
    }

  if (token != NULL)
    g_string_append (sql, " AND seq < (SELECT seq FROM port_in_requests WHERE sid = ?2)");
  if (status_filter != NULL)
    g_string_append (sql, " AND status = ?3 COLLATE NOCASE");
  if (before_text != NULL)
    g_string_append (sql, " AND date_created < ?4");
  if (after_text != NULL)
    g_string_append (sql, " AND date_created >= ?5");
  if (sid_filter != NULL)
    {
      sids = g_strsplit (sid_filter, ",", 100);
      g_string_append (sql, " AND sid IN (");
      for (guint i = 0; sids[i] != NULL; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", 7 + i);
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY seq DESC LIMIT ?6");

  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  if (token != NULL)
    sqlite3_bind_text (stmt, 2, token, -1, SQLITE_TRANSIENT);
  if (status_filter != NULL)
    sqlite3_bind_text (stmt, 3, status_filter, -1, SQLITE_TRANSIENT);
  if (before_text != NULL)
    sqlite3_bind_int64 (stmt, 4, before);
  if (after_text != NULL)
    sqlite3_bind_int64 (stmt, 5, after);
  sqlite3_bind_int64 (stmt, 6, size + 1);
  for (guint i = 0; sids != NULL && sids[i] != NULL; i++)
    sqlite3_bind_text (stmt, 7 + i, g_strstrip (sids[i]), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, port_in_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rows->len > size)
    {
      has_more = TRUE;
      g_ptr_array_set_size (rows, size);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "next_token", has_more && rows->len > 0
                          ? ((PortIn *) g_ptr_array_index (rows, rows->len - 1))->sid : NULL);
  sim_add_string_or_null (builder, "previous_token", NULL);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "port_in_requests");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      PortIn *port_in = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) numbers = db_port_numbers (self, port_in->sid);
      g_autoptr(GDateTime) updated = g_date_time_new_from_unix_utc (port_in->date_updated);
      g_autofree char *updated_text = updated != NULL ? g_date_time_format (updated, "%Y-%m-%d") : NULL;
      guint ported = 0;
      const char *action = NULL;

      for (guint k = 0; k < numbers->len; k++)
        if (g_str_equal (((PortNumber *) g_ptr_array_index (numbers, k))->status, "Completed"))
          ported++;
      if (g_str_equal (port_in->status, "Waiting for Signature"))
        action = "Sign the letter of authorization";
      else if (g_str_equal (port_in->status, "Action Required"))
        action = "Check the rejected numbers' account number and PIN";

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phone_numbers_ported");
      json_builder_add_int_value (builder, ported);
      json_builder_set_member_name (builder, "phone_numbers_requested");
      json_builder_add_int_value (builder, numbers->len);
      sim_add_string_or_null (builder, "port_in_request_sid", port_in->sid);
      sim_add_string_or_null (builder, "port_in_request_status", port_in->status);
      sim_add_string_or_null (builder, "status_last_updated_timestamp", updated_text);
      sim_add_string_or_null (builder, "suggested_action", action);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

void
sim_portability_fetch (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       SimAccount        *account,
                       GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autofree char *raw = g_match_info_fetch (match, 1);
  g_autofree char *number = g_uri_unescape_string (raw, NULL);
  g_autofree char *base = liaison_sim_server_get_url (self);
  g_autofree char *url = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SimNumber) owned = NULL;
  const char *target = sim_form_get (query, "TargetAccountSid");
  const char *owner = NULL;
  const char *reason = NULL;
  const char *number_type = "LOCAL";
  const char *country = "US";
  gint reason_code = 0;
  gboolean pin_required = FALSE;

  if (number == NULL || !sim_is_e164 (number))
    {
      bad_request (msg, "PhoneNumber must be an E.164 number");
      return;
    }
  if (target != NULL && !sim_is_sid (target, "AC"))
    {
      bad_request (msg, "TargetAccountSid is not an Account SID");
      return;
    }
  if (target == NULL)
    target = account->sid;

  {
    g_autofree char *escaped = g_uri_escape_string (number, "+", FALSE);

    url = g_strdup_printf ("%s/v1/Porting/Portability/PhoneNumber/%s", base, escaped);
  }

  owned = sim_db_number_get (self, number);
  if (!g_str_has_prefix (number, "+1") || strlen (number) != 12)
    {
      number_type = "UNKNOWN";
      country = NULL;
      reason = "UNSUPPORTED";
      reason_code = 22136;
    }
  else if (sim_is_toll_free (number))
    {
      number_type = "TOLL-FREE";
      reason = "MANUAL_PORTING_AVAILABLE";
      reason_code = 22133;
    }
  else
    {
      SimLineType line_type;

      sim_line_type_of (self, number, &line_type);
      if (owned == NULL && g_str_equal (line_type.type, "mobile"))
        {
          number_type = "MOBILE";
          pin_required = TRUE;
        }
      if (owned != NULL && g_str_equal (owned->account_sid, target))
        {
          reason = "ALREADY_IN_THE_TARGET_ACCOUNT";
          reason_code = 22131;
          owner = owned->account_sid;
        }
      else if (owned != NULL)
        {
          reason = "ALREADY_IN_TWILIO_DIFFERENT_OWNER";
          reason_code = 22132;
          if (g_str_equal (owned->account_sid, account->sid))
            owner = owned->account_sid;
        }
    }

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", owner);
  sim_add_string_or_null (builder, "country", country);
  sim_add_string_or_null (builder, "not_portable_reason", reason);
  json_builder_set_member_name (builder, "not_portable_reason_code");
  if (reason_code != 0)
    json_builder_add_int_value (builder, reason_code);
  else
    json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "number_type", number_type);
  sim_add_string_or_null (builder, "phone_number", number);
  json_builder_set_member_name (builder, "pin_and_account_number_required");
  json_builder_add_boolean_value (builder, pin_required);
  json_builder_set_member_name (builder, "portable");
  json_builder_add_boolean_value (builder, reason == NULL);
  sim_add_string_or_null (builder, "url", url);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

void
sim_porting_control_reject (LiaisonSimServer  *self,
                            SoupServerMessage *msg,
                            GPtrArray         *form)
{
  const char *sid = sim_form_get (form, "PortInRequestSid");
  g_autoptr(PortIn) port_in = NULL;

  if (sid == NULL || !sim_is_sid (sid, "KW"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "PortInRequestSid (KW…) is required");
      return;
    }
  port_in = db_port_in_get (self, NULL, sid);
  if (port_in == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "No such port-in request");
      return;
    }
  if (port_in->stage >= 3 || is_final (port_in->status))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "The losing carrier already accepted this request");
      return;
    }
  port_in->reject = TRUE;
  db_port_in_update (self, port_in);
  sim_respond_ok (msg);
}

/* Moves @port_in to its next stage at @at. */
static gboolean
advance (LiaisonSimServer *self,
         PortIn           *port_in,
         gint64            at)
{
  g_autoptr(GPtrArray) numbers = db_port_numbers (self, port_in->sid);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  gboolean ok;
  gboolean reject = port_in->stage + 1 == 3 && port_in->reject;
  gint next = port_in->stage + 1;
  static const char * const request_events[] = {
    NULL, "PortInWaitingForSignature", "PortInInProgress", NULL, "PortInCompleted",
  };
  static const char * const number_events[] = {
    NULL, "PortInPhoneNumberWaitingForSignature", "PortInPhoneNumberSubmitted",
    "PortInPhoneNumberPending", "PortInPhoneNumberCompleted",
  };

  for (guint i = 0; i < numbers->len; i++)
    {
      PortNumber *number = g_ptr_array_index (numbers, i);

      if (g_str_equal (number->status, "Canceled"))
        continue;
      g_free (number->status);
      number->date_updated = at;
      if (reject)
        {
          number->status = g_strdup ("Rejected");
          g_free (number->rejection_reason);
          number->rejection_reason = g_strdup ("The account number or PIN does not match the losing carrier's records");
          number->rejection_reason_code = 6002;
        }
      else
        {
          number->status = g_strdup (stages[next].number_status);
          if (next == 3)
            number->port_date = at + stages[3].wait;
        }
      db_port_number_update (self, number);
      if (reject || number_events[next] != NULL)
        g_ptr_array_add (changed, number);

      if (next == 4 && !reject)
        {
          g_autoptr(SimNumber) owned = sim_db_number_get (self, number->phone_number);

          if (owned == NULL)
            {
              owned = g_new0 (SimNumber, 1);
              owned->phone_number = g_strdup (number->phone_number);
              owned->account_sid = g_strdup (port_in->account_sid);
              owned->friendly_name = sim_format_national (number->phone_number);
              if (!sim_db_number_put (self, owned))
                g_warning ("A ported number could not be stored");
              LIAISON_DEBUG_MASKED (number->phone_number, "Number %s ported in");
            }
        }
    }

  g_free (port_in->status);
  if (reject)
    {
      port_in->status = g_strdup ("Action Required");
      port_in->next_at = 0;
    }
  else
    {
      port_in->status = g_strdup (stages[next].status);
      port_in->stage = next;
      port_in->next_at = stages[next].wait > 0 ? at + stages[next].wait : 0;
    }
  port_in->date_updated = at;
  ok = db_port_in_update (self, port_in);

  /* The request's event first, then each number's. */
  if (reject)
    notify (self, port_in, NULL, "PortInActionRequired");
  else if (request_events[next] != NULL)
    notify (self, port_in, NULL, request_events[next]);
  for (guint i = 0; i < changed->len; i++)
    notify (self, port_in, g_ptr_array_index (changed, i),
            reject ? "PortInPhoneNumberRejected" : number_events[next]);
  return ok;
}

void
sim_porting_tick (LiaisonSimServer *self)
{
  for (;;)
    {
      sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT " PORT_IN_COLUMNS " FROM port_in_requests"
                                                 " WHERE next_at IS NOT NULL AND next_at <= ?"
                                                 " ORDER BY next_at, seq LIMIT 1");
      g_autoptr(PortIn) port_in = NULL;

      if (stmt == NULL)
        return;
      sqlite3_bind_int64 (stmt, 1, self->clock);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        port_in = port_in_from_row (stmt);
      sqlite3_finalize (stmt);
      if (port_in == NULL || port_in->stage >= (gint) G_N_ELEMENTS (stages) - 1)
        return;
      if (!advance (self, port_in, port_in->next_at))
        return;
    }
}
