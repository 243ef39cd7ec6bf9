/* liaison-relay-stream.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-stream.h"

#include <json-glib/json-glib.h>

#include <string.h>

/* The desktops connect out to the relay with their advisor's token
 * (Authorization: Bearer …) and a client id of their own (X-Liaison-Client
 * or ?client=), and read the events of their advisor's numbers:
 *
 *   GET  /v1/stream?after=CURSOR        WebSocket; the relay sends
 *        {"type": "event", "event": {…}} in cursor order, the desktop sends
 *        {"type": "ack", "cursor": N}.
 *   GET  /v1/events?after=CURSOR&wait=S&limit=N
 *        long-poll: {"events": […], "cursor": N} as soon as there is
 *        something after CURSOR, or empty after S seconds (≤ 60).
 *   POST /v1/ack  cursor=N               {"deleted": N}
 *
 * Delivery is at least once: everything after the cursor a desktop gives
 * is sent again, in order. Every send reads from the database, so nothing
 * depends on the order in which commits and reads come back. */

#define READ_LIMIT      500
#define MAX_WAIT_SEC    60

typedef struct {
  LiaisonRelayStream      *stream;      /* unowned */
  SoupWebsocketConnection *connection;
  char                    *advisor;
  char                    *client_id;
  gint64                   last_sent;
  gboolean                 reading;
  gboolean                 dirty;       /* something new came while reading */
  gboolean                 closed;
} Client;

typedef struct {
  LiaisonRelayStream *stream;           /* unowned */
  SoupServerMessage  *msg;
  char               *advisor;
  char               *client_id;
  gint64              after;
  guint               limit;
  guint               timeout_id;
  gboolean            reading;
  gboolean            dirty;
  gboolean            done;
} Waiter;

struct _LiaisonRelayStream
{
  GObject             parent_instance;

  LiaisonRelayConfig *config;   /* unowned: the server's */
  LiaisonRelayStore  *store;
  GPtrArray          *clients;  /* Client */
  GPtrArray          *waiters;  /* Waiter */
};

G_DEFINE_FINAL_TYPE (LiaisonRelayStream, liaison_relay_stream, G_TYPE_OBJECT)

static void client_read (Client *client);
static void waiter_read (Waiter *waiter);

static void
client_free (Client *client)
{
  g_clear_object (&client->connection);
  g_free (client->advisor);
  g_free (client->client_id);
  g_free (client);
}

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_object (&waiter->msg);
  g_free (waiter->advisor);
  g_free (waiter->client_id);
  g_free (waiter);
}

char *
liaison_relay_event_to_json (LiaisonRelayEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (event->received_at / G_USEC_PER_SEC);
  /* With the microseconds: two texts in one second keep their order. */
  g_autoptr(GDateTime) received = seconds != NULL
                                  ? g_date_time_add (seconds, event->received_at % G_USEC_PER_SEC)
                                  : NULL;
  g_autofree char *received_text = received != NULL ? g_date_time_format_iso8601 (received) : NULL;

  params = json_from_string (event->payload != NULL ? event->payload : "{}", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, event->cursor);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, event->kind);
  json_builder_set_member_name (builder, "account_sid");
  json_builder_add_string_value (builder, event->account_sid);
  json_builder_set_member_name (builder, "sid");
  json_builder_add_string_value (builder, event->sid);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, event->status);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, event->from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, event->to);
  json_builder_set_member_name (builder, "received_at");
  json_builder_add_string_value (builder, received_text);
  json_builder_set_member_name (builder, "params");
  if (params != NULL)
    json_builder_add_value (builder, g_steal_pointer (&params));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
respond_problem (SoupServerMessage *msg,
                 guint              status,
                 const char        *message)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_take_object (root, json_object_new ());
  json_object_set_string_member (json_node_get_object (root), "error", message);
  text = json_to_string (root, FALSE);
  respond_json (msg, status, text);
}

static gboolean
is_client_id (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
      return FALSE;
  return TRUE;
}

static const char *
query_get (GHashTable *query,
           const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

/* The advisor of the request's token and its client id, or an answer. */
static LiaisonRelayAdvisor *
authenticate (LiaisonRelayStream *self,
              SoupServerMessage  *msg,
              GHashTable         *query,
              const char        **out_client_id)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *client_id = soup_message_headers_get_one (headers, "X-Liaison-Client");
  LiaisonRelayAdvisor *advisor = NULL;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    advisor = liaison_relay_config_find_advisor (self->config, authorization + 7);
  if (advisor == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"liaison-relay\"");
      respond_problem (msg, SOUP_STATUS_UNAUTHORIZED, "A valid advisor token is needed.");
      return NULL;
    }

  if (client_id == NULL)
    client_id = query_get (query, "client");
  if (!is_client_id (client_id))
    {
      respond_problem (msg, SOUP_STATUS_BAD_REQUEST,
                       "X-Liaison-Client (or ?client=) must name this desktop: 1 to 64 of A-Z a-z 0-9 . _ -.");
      return NULL;
    }

  *out_client_id = client_id;
  return advisor;
}

static gboolean
parse_cursor (const char *text,
              gint64     *out_cursor)
{
  guint64 value = 0;

  if (text == NULL)
    {
      *out_cursor = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *out_cursor = (gint64) value;
  return TRUE;
}

static void
ignore_write_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (liaison_relay_store_write_finish (LIAISON_RELAY_STORE (source), result, &error) < 0)
    g_warning ("Could not record a desktop: %s", error->message);
}

/* WebSocket clients */

static void
client_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = liaison_relay_store_read_finish (LIAISON_RELAY_STORE (source), result, &error);

  client->reading = FALSE;
  if (client->closed)
    {
      client_free (client);
      return;
    }
  if (events == NULL)
    {
      g_warning ("Reading events for a desktop failed: %s", error->message);
      soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, NULL);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      LiaisonRelayEvent *event = g_ptr_array_index (events, i);
      g_autofree char *json = liaison_relay_event_to_json (event);
      g_autofree char *text = g_strdup_printf ("{\"type\":\"event\",\"event\":%s}", json);

      if (event->cursor <= client->last_sent)
        continue;
      soup_websocket_connection_send_text (client->connection, text);
      client->last_sent = event->cursor;
    }

  if (events->len == READ_LIMIT || client->dirty)
    {
      client->dirty = FALSE;
      client_read (client);
    }
}

static void
client_read (Client *client)
{
  if (client->reading)
    {
      client->dirty = TRUE;
      return;
    }
  client->reading = TRUE;
  /* The client is owned by its read while it is in flight (see closed). */
  liaison_relay_store_read_async (client->stream->store, client->advisor, client->last_sent,
                                  READ_LIMIT, NULL, client_read_cb, client);
}

static void
client_message_cb (SoupWebsocketConnection *connection,
                   gint                     type,
                   GBytes                  *message,
                   gpointer                 user_data)
{
  Client *client = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (message, &len);
  JsonObject *object;

  if (type != SOUP_WEBSOCKET_DATA_TEXT
      || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_BAD_DATA, "Expected a JSON object");
      return;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""), "ack") == 0)
    {
      gint64 cursor = json_object_get_int_member_with_default (object, "cursor", -1);

      /* A desktop cannot acknowledge what it was not sent. */
      if (cursor < 0 || cursor > client->last_sent)
        {
          soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           "Acknowledged a cursor not sent");
          return;
        }
      liaison_relay_store_ack_async (client->stream->store, client->advisor, client->client_id,
                                     cursor, NULL, ignore_write_cb, NULL);
    }
}

static void
client_closed_cb (SoupWebsocketConnection *connection,
                  gpointer                 user_data)
{
  Client *client = user_data;
  LiaisonRelayStream *self = client->stream;

  g_signal_handlers_disconnect_by_data (connection, client);
  g_ptr_array_remove_fast (self->clients, client);
  client->closed = TRUE;
  if (!client->reading)
    client_free (client);
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  LiaisonRelayStream *self = LIAISON_RELAY_STREAM (user_data);
  Client *client = g_new0 (Client, 1);
  gint64 *after;

  client->stream = self;
  client->connection = g_object_ref (connection);
  client->advisor = g_strdup (g_object_get_data (G_OBJECT (msg), "liaison-advisor"));
  client->client_id = g_strdup (g_object_get_data (G_OBJECT (msg), "liaison-client"));
  after = g_object_get_data (G_OBJECT (msg), "liaison-after");
  client->last_sent = after != NULL ? *after : 0;
  g_ptr_array_add (self->clients, client);

  /* Pings keep NATs and proxies from dropping an idle stream. */
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  g_signal_connect (connection, "message", G_CALLBACK (client_message_cb), client);
  g_signal_connect (connection, "closed", G_CALLBACK (client_closed_cb), client);

  liaison_relay_store_register_async (self->store, client->advisor, client->client_id, NULL,
                                      ignore_write_cb, NULL);
  client_read (client);
}

/* The plain handler of /v1/stream runs before the WebSocket one: it
 * authenticates, and an answer it sets refuses the upgrade. */
static void
stream_check_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  LiaisonRelayStream *self = LIAISON_RELAY_STREAM (user_data);
  LiaisonRelayAdvisor *advisor;
  const char *client_id = NULL;
  gint64 after = 0;

  advisor = authenticate (self, msg, query, &client_id);
  if (advisor == NULL)
    return;
  if (!parse_cursor (query_get (query, "after"), &after))
    {
      respond_problem (msg, SOUP_STATUS_BAD_REQUEST, "after must be a cursor (a whole number).");
      return;
    }

  g_object_set_data_full (G_OBJECT (msg), "liaison-advisor", g_strdup (advisor->name), g_free);
  g_object_set_data_full (G_OBJECT (msg), "liaison-client", g_strdup (client_id), g_free);
  g_object_set_data_full (G_OBJECT (msg), "liaison-after", g_memdup2 (&after, sizeof after), g_free);
}

/* Long-poll */

static void
waiter_finish (Waiter    *waiter,
               GPtrArray *events)
{
  LiaisonRelayStream *self = waiter->stream;
  g_autoptr(GString) text = g_string_new ("{\"events\":[");
  gint64 cursor = waiter->after;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      LiaisonRelayEvent *event = g_ptr_array_index (events, i);
      g_autofree char *json = liaison_relay_event_to_json (event);

      g_string_append_printf (text, "%s%s", i > 0 ? "," : "", json);
      cursor = MAX (cursor, event->cursor);
    }
  g_string_append_printf (text, "],\"cursor\":%" G_GINT64_FORMAT "}", cursor);

  waiter->done = TRUE;
  respond_json (waiter->msg, SOUP_STATUS_OK, text->str);
  soup_server_message_unpause (waiter->msg);
  g_ptr_array_remove_fast (self->waiters, waiter);
  if (!waiter->reading)
    waiter_free (waiter);
}

static void
waiter_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Waiter *waiter = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = liaison_relay_store_read_finish (LIAISON_RELAY_STORE (source), result, &error);

  waiter->reading = FALSE;
  if (waiter->done)
    {
      waiter_free (waiter);
      return;
    }
  if (events == NULL)
    {
      g_warning ("Reading events for a desktop failed: %s", error->message);
      waiter->done = TRUE;
      respond_problem (waiter->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The events cannot be read now.");
      soup_server_message_unpause (waiter->msg);
      g_ptr_array_remove_fast (waiter->stream->waiters, waiter);
      waiter_free (waiter);
      return;
    }
  if (events->len > 0 || waiter->timeout_id == 0)
    {
      waiter_finish (waiter, events);
      return;
    }
  if (waiter->dirty)
    {
      waiter->dirty = FALSE;
      waiter_read (waiter);
    }
}

static void
waiter_read (Waiter *waiter)
{
  if (waiter->reading)
    {
      waiter->dirty = TRUE;
      return;
    }
  waiter->reading = TRUE;
  liaison_relay_store_read_async (waiter->stream->store, waiter->advisor, waiter->after,
                                  waiter->limit, NULL, waiter_read_cb, waiter);
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timeout_id = 0;
  if (!waiter->reading)
    waiter_finish (waiter, NULL);
  /* else: the read under way answers, with what it found. */
  return G_SOURCE_REMOVE;
}

static void
handle_events (LiaisonRelayStream *self,
               SoupServerMessage  *msg,
               GHashTable         *query)
{
  LiaisonRelayAdvisor *advisor;
  const char *client_id = NULL;
  gint64 after = 0;
  guint64 wait = 0, limit = READ_LIMIT;
  Waiter *waiter;

  advisor = authenticate (self, msg, query, &client_id);
  if (advisor == NULL)
    return;
  if (!parse_cursor (query_get (query, "after"), &after)
      || (query_get (query, "wait") != NULL
          && !g_ascii_string_to_unsigned (query_get (query, "wait"), 10, 0, MAX_WAIT_SEC, &wait, NULL))
      || (query_get (query, "limit") != NULL
          && !g_ascii_string_to_unsigned (query_get (query, "limit"), 10, 1, 5000, &limit, NULL)))
    {
      respond_problem (msg, SOUP_STATUS_BAD_REQUEST,
                       "after must be a cursor, wait 0 to 60 seconds, limit 1 to 5000.");
      return;
    }

  liaison_relay_store_register_async (self->store, advisor->name, client_id, NULL, ignore_write_cb, NULL);

  waiter = g_new0 (Waiter, 1);
  waiter->stream = self;
  waiter->msg = g_object_ref (msg);
  waiter->advisor = g_strdup (advisor->name);
  waiter->client_id = g_strdup (client_id);
  waiter->after = after;
  waiter->limit = (guint) limit;
  if (wait > 0)
    waiter->timeout_id = g_timeout_add_seconds ((guint) wait, waiter_timeout_cb, waiter);
  g_ptr_array_add (self->waiters, waiter);
  soup_server_message_pause (msg);
  waiter_read (waiter);
}

static void
ack_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  g_autoptr(GError) error = NULL;
  gint64 deleted = liaison_relay_store_write_finish (LIAISON_RELAY_STORE (source), result, &error);

  if (deleted < 0)
    respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The acknowledgement could not be stored.");
  else
    {
      g_autofree char *text = g_strdup_printf ("{\"deleted\":%" G_GINT64_FORMAT "}", deleted);

      respond_json (msg, SOUP_STATUS_OK, text);
    }
  soup_server_message_unpause (msg);
}

static void
handle_ack (LiaisonRelayStream *self,
            SoupServerMessage  *msg,
            GHashTable         *query)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  LiaisonRelayAdvisor *advisor;
  const char *client_id = NULL;
  gint64 cursor = 0;

  advisor = authenticate (self, msg, query, &client_id);
  if (advisor == NULL)
    return;
  if (g_hash_table_lookup (form, "cursor") == NULL
      || !parse_cursor (g_hash_table_lookup (form, "cursor"), &cursor))
    {
      respond_problem (msg, SOUP_STATUS_BAD_REQUEST, "cursor must be a whole number.");
      return;
    }

  soup_server_message_pause (msg);
  liaison_relay_store_ack_async (self->store, advisor->name, client_id, cursor, NULL, ack_cb,
                                 g_object_ref (msg));
}

LiaisonRelayAdvisor *
liaison_relay_stream_authenticate (LiaisonRelayStream *self,
                                   SoupServerMessage  *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) query = g_uri_get_query (uri) != NULL ? soup_form_decode (g_uri_get_query (uri)) : NULL;
  const char *client_id = NULL;

  return authenticate (self, msg, query, &client_id);
}

gboolean
liaison_relay_stream_handle (LiaisonRelayStream *self,
                             SoupServerMessage  *msg,
                             const char         *path)
{
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) query = NULL;

  if (!g_str_has_prefix (path, "/v1/"))
    return FALSE;

  if (g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));

  if (g_str_equal (path, "/v1/events") && g_str_equal (method, "GET"))
    handle_events (self, msg, query);
  else if (g_str_equal (path, "/v1/ack") && g_str_equal (method, "POST"))
    handle_ack (self, msg, query);
  else if (g_str_equal (path, "/v1/events") || g_str_equal (path, "/v1/ack"))
    respond_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed.");
  else
    respond_problem (msg, SOUP_STATUS_NOT_FOUND, "No such endpoint.");

  return TRUE;
}

void
liaison_relay_stream_publish (LiaisonRelayStream *self,
                              LiaisonRelayEvent  *event)
{
  if (event->advisors == NULL)
    return;

  for (guint i = 0; i < self->clients->len; i++)
    {
      Client *client = g_ptr_array_index (self->clients, i);

      if (g_strv_contains ((const char * const *) event->advisors, client->advisor))
        client_read (client);
    }
  for (guint i = 0; i < self->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (self->waiters, i);

      if (g_strv_contains ((const char * const *) event->advisors, waiter->advisor))
        waiter_read (waiter);
    }
}

guint
liaison_relay_stream_get_n_clients (LiaisonRelayStream *self)
{
  return self->clients->len + self->waiters->len;
}

void
liaison_relay_stream_close_all (LiaisonRelayStream *self)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_copy (self->clients, NULL, NULL);

  for (guint i = 0; i < clients->len; i++)
    {
      Client *client = g_ptr_array_index (clients, i);

      soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  while (self->waiters->len > 0)
    waiter_finish (g_ptr_array_index (self->waiters, 0), NULL);
}

static void
liaison_relay_stream_finalize (GObject *object)
{
  LiaisonRelayStream *self = LIAISON_RELAY_STREAM (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_relay_stream_parent_class)->finalize (object);
}

static void
liaison_relay_stream_class_init (LiaisonRelayStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_relay_stream_finalize;
}

static void
liaison_relay_stream_init (LiaisonRelayStream *self)
{
  self->clients = g_ptr_array_new ();
  self->waiters = g_ptr_array_new ();
}

LiaisonRelayStream *
liaison_relay_stream_new (LiaisonRelayConfig *config,
                          LiaisonRelayStore  *store,
                          SoupServer         *server)
{
  LiaisonRelayStream *self = g_object_new (LIAISON_TYPE_RELAY_STREAM, NULL);

  self->config = config;
  self->store = g_object_ref (store);

  soup_server_add_handler (server, "/v1/stream", stream_check_cb, self, NULL);
  soup_server_add_websocket_handler (server, "/v1/stream", NULL, NULL, websocket_cb, self, NULL);

  return self;
}
