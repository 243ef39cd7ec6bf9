/* liaison-relay-client.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay-client"

#include "config.h"

#include "liaison-relay-client.h"
#include "liaison-consent-ledger.h"
#include "liaison-log.h"
#include "liaison-phone.h"
#include "liaison-store-private.h"
#include "liaison-twilio-transcriber.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/*
 * One WebSocket to {url}/v1/stream?after=CURSOR. Events are applied one at a
 * time, in cursor order: the store first (messages, media, the consent
 * ledger), then the cursor is saved in relay_cursor, and only then is the
 * event acknowledged. A crash anywhere before the acknowledgement means the
 * relay sends the event again; applying is idempotent (messages dedupe on
 * their SID, media on their URL, consent events on SID and event; calls,
 * recordings and voicemails are upserted by SID and only move forward).
 *
 * States: DISABLED (not started, or no URL or token) → CONNECTING →
 * CONNECTED; a failure goes to WAITING with a capped, jittered exponential
 * delay; 401/403 go to UNAUTHORIZED until the URL or the token change; no
 * network goes to OFFLINE until GNetworkMonitor says it is back.
 */

#define HANDSHAKE_TIMEOUT_SEC   30
#define KEEPALIVE_SEC           30
/* Two pings without an answer (plus slack): the connection is dead. */
#define SILENCE_LIMIT_SEC       (2 * KEEPALIVE_SEC + 15)
#define BACKOFF_FIRST_MS        1000
#define BACKOFF_MAX_MS          60000
#define STABLE_CONNECTION_SEC   30
#define MAX_FRAME_BYTES         (4 * 1024 * 1024)
#define MAX_MEDIA               20

#define SQL_LOAD_CURSOR \
  "SELECT cursor FROM relay_cursor WHERE relay_url = ?1"

#define SQL_SAVE_CURSOR \
  "INSERT INTO relay_cursor (relay_url, cursor, updated_at) VALUES (?1, ?2, ?3) " \
  "ON CONFLICT (relay_url) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at"

#define SQL_INSERT_MEDIA \
  "INSERT OR IGNORE INTO message_media (message_id, sid, content_type, url, created_at) " \
  "SELECT ?1, ?2, ?3, ?4, ?5 " \
  "WHERE NOT EXISTS (SELECT 1 FROM message_media WHERE message_id = ?1 AND url IS ?4)"

enum {
  PROP_0,
  PROP_URL,
  PROP_STATE,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  SIGNAL_MESSAGE_RECEIVED,
  SIGNAL_MESSAGE_CHANGED,
  SIGNAL_CONSENT_CHANGED,
  SIGNAL_EVENT_STORED,
  SIGNAL_CALL_CHANGED,
  SIGNAL_RECORDING_STORED,
  SIGNAL_VOICEMAIL_STORED,
  SIGNAL_TRANSCRIPT_STORED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

struct _LiaisonRelayClient
{
  GObject                  parent_instance;

  LiaisonStore            *store;
  char                    *client_name;
  char                    *url;           /* without trailing slashes */
  char                    *token;

  LiaisonRelayState        state;
  char                    *last_error;
  gboolean                 started;
  gboolean                 unauthorized;  /* until the URL or token change */

  SoupSession             *session;
  SoupWebsocketConnection *connection;
  SoupMessage             *connect_message;
  GCancellable            *connect_cancellable;
  GCancellable            *reach_cancellable;
  guint                    retry_id;
  gint64                   retry_at;      /* monotonic µs */
  guint                    attempts;      /* failures since the last stable connection */
  gint64                   connected_since;
  gint64                   last_activity;
  guint                    watchdog_id;

  GNetworkMonitor         *monitor;
  gulong                   network_changed_id;

  /* The cursor of the last event applied and saved. */
  gint64                   cursor;
  gboolean                 cursor_loaded;
  /* The last cursor queued from the current connection. */
  gint64                   last_queued;

  GQueue                   pending;       /* JsonObject of events to apply */
  gboolean                 applying;
  GCancellable            *cancellable;   /* the object's lifetime */
};

G_DEFINE_FINAL_TYPE (LiaisonRelayClient, liaison_relay_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LiaisonRelayState, liaison_relay_state,
  G_DEFINE_ENUM_VALUE (LIAISON_RELAY_STATE_DISABLED, "disabled"),
  G_DEFINE_ENUM_VALUE (LIAISON_RELAY_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (LIAISON_RELAY_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (LIAISON_RELAY_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (LIAISON_RELAY_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (LIAISON_RELAY_STATE_UNAUTHORIZED, "unauthorized"))

static void begin_connect    (LiaisonRelayClient *self);
static void process_pending  (LiaisonRelayClient *self);

/* One step of one connection attempt; stale when the attempt was replaced. */
typedef struct {
  LiaisonRelayClient *self;
  GCancellable       *cancellable;
} Attempt;

static Attempt *
attempt_new (LiaisonRelayClient *self,
             GCancellable       *cancellable)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->self = g_object_ref (self);
  attempt->cancellable = g_object_ref (cancellable);
  return attempt;
}

static void
attempt_free (Attempt *attempt)
{
  g_object_unref (attempt->self);
  g_object_unref (attempt->cancellable);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

static gboolean
attempt_is_current (Attempt *attempt)
{
  return !g_cancellable_is_cancelled (attempt->cancellable)
         && attempt->cancellable == attempt->self->connect_cancellable;
}

/* State */

static void
set_state (LiaisonRelayClient *self,
           LiaisonRelayState   state)
{
  if (self->state == state)
    return;

  g_debug ("Relay connection: %s",
           g_enum_get_value (g_type_class_peek (LIAISON_TYPE_RELAY_STATE), (gint) state)->value_nick);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
set_last_error (LiaisonRelayClient *self,
                const char         *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_ERROR]);
}

/* Drops the WebSocket without the "closed" handling (no retry scheduled). */
static void
drop_connection (LiaisonRelayClient *self)
{
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  g_queue_clear_full (&self->pending, (GDestroyNotify) json_object_unref);

  if (self->connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->connection);
}

static void
cancel_attempt (LiaisonRelayClient *self)
{
  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  g_clear_object (&self->connect_message);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

static guint
next_delay_ms (LiaisonRelayClient *self)
{
  guint base = BACKOFF_FIRST_MS;
  double jittered;

  for (guint i = 0; i < self->attempts && base < BACKOFF_MAX_MS; i++)
    base *= 2;
  base = MIN (base, BACKOFF_MAX_MS);
  self->attempts++;

  /* ±20 %, so that desktops cut off together do not come back together. */
  jittered = base * g_random_double_range (0.8, 1.2);
  return (guint) CLAMP (jittered, 1.0, (double) BACKOFF_MAX_MS);
}

static gboolean
retry_cb (gpointer user_data)
{
  LiaisonRelayClient *self = user_data;

  self->retry_id = 0;
  begin_connect (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (LiaisonRelayClient *self,
                const char         *reason)
{
  guint delay = next_delay_ms (self);

  cancel_attempt (self);
  drop_connection (self);
  set_last_error (self, reason);
  self->retry_at = g_get_monotonic_time () + (gint64) delay * 1000;
  self->retry_id = g_timeout_add (delay, retry_cb, self);
  g_debug ("Connecting to the relay again in %u ms", delay);
  set_state (self, LIAISON_RELAY_STATE_WAITING);
}

static void
go_offline (LiaisonRelayClient *self)
{
  cancel_attempt (self);
  drop_connection (self);
  set_last_error (self, _("There is no network connection."));
  set_state (self, LIAISON_RELAY_STATE_OFFLINE);
}

/* Applying events */

typedef struct {
  LiaisonRelayClient      *self;
  SoupWebsocketConnection *connection;   /* the one that delivered it, for the ack */
  JsonObject              *event;
  char                    *relay_url;
  gint64                   cursor;
  char                    *kind;
  char                    *sid;
  char                    *from;         /* normalised */
  char                    *to;
  gint64                   message_id;
  gint64                   thread_id;
  gboolean                 is_new;
  gboolean                 changed;
  char                    *consent_number;
  /* Calls and recordings */
  char                    *call_sid;
  gboolean                 call_changed;
  char                    *recording_sid;
  gboolean                 recording_changed;
  gint64                   voicemail_id;
  gboolean                 transcript_stored;
} Apply;

static void
apply_free (Apply *apply)
{
  g_clear_object (&apply->self);
  g_clear_object (&apply->connection);
  g_clear_pointer (&apply->event, json_object_unref);
  g_free (apply->relay_url);
  g_free (apply->kind);
  g_free (apply->sid);
  g_free (apply->from);
  g_free (apply->to);
  g_free (apply->consent_number);
  g_free (apply->call_sid);
  g_free (apply->recording_sid);
  g_free (apply);
}

/* A string member, or the first string of an array (repeated form keys). */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      node = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
    }
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static JsonObject *
get_params (JsonObject *event)
{
  JsonNode *node = json_object_get_member (event, "params");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
normalize_number (const char *raw)
{
  g_autoptr(GError) error = NULL;
  char *e164;

  if (raw == NULL || *raw == '\0')
    return NULL;
  e164 = liaison_phone_normalize (raw, NULL, &error);
  return e164 != NULL ? e164 : g_strdup (raw);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return 0;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* Errors that retrying cannot cure: the event is skipped. */
static gboolean
is_bad_input (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
apply_failed (Apply        *apply,
              const GError *error)
{
  LiaisonRelayClient *self = apply->self;

  self->applying = FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *reason = g_strdup_printf (_("An event from the relay could not be stored: %s"),
                                                 error->message);

      g_warning ("Event %" G_GINT64_FORMAT " (%s) could not be stored: %s",
                 apply->cursor, apply->kind, error->message);
      /* It is not acknowledged: the relay sends it again after the retry. */
      if (self->started && self->connection != NULL && self->connection == apply->connection)
        {
          schedule_retry (self, reason);
          apply_free (apply);
          return;
        }
    }
  g_object_ref (self);
  apply_free (apply);
  /* A newer connection may have queued events meanwhile. */
  process_pending (self);
  g_object_unref (self);
}

typedef struct {
  char   *relay_url;
  gint64  cursor;
} CursorData;

static void
cursor_data_free (gpointer data)
{
  CursorData *cursor = data;

  g_free (cursor->relay_url);
  g_free (cursor);
}

static gpointer
save_cursor_work (LiaisonStore  *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CursorData *cursor = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  char text[32];
  int rc;

  stmt = _liaison_store_prepare (store, SQL_SAVE_CURSOR, error);
  if (stmt == NULL)
    return NULL;

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, cursor->cursor);
  sqlite3_bind_text (stmt, 1, cursor->relay_url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static gpointer
load_cursor_work (LiaisonStore  *store,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const char *relay_url = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  gint64 *cursor = g_new0 (gint64, 1);
  int rc;

  stmt = _liaison_store_prepare (store, SQL_LOAD_CURSOR, error);
  if (stmt == NULL)
    {
      g_free (cursor);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, relay_url, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      guint64 value = 0;

      if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
        *cursor = (gint64) value;
    }
  else if (rc != SQLITE_DONE)
    {
      g_free (cursor);
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }
  return cursor;
}

static void
send_ack (SoupWebsocketConnection *connection,
          gint64                   cursor)
{
  g_autofree char *text = NULL;

  if (connection == NULL || soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  text = g_strdup_printf ("{\"type\":\"ack\",\"cursor\":%" G_GINT64_FORMAT "}", cursor);
  soup_websocket_connection_send_text (connection, text);
}

static void
apply_finish (Apply *apply)
{
  LiaisonRelayClient *self = apply->self;

  if (g_strcmp0 (apply->relay_url, self->url) == 0)
    self->cursor = MAX (self->cursor, apply->cursor);
  if (apply->connection != NULL && apply->connection == self->connection)
    send_ack (apply->connection, apply->cursor);

  if (apply->is_new)
    g_signal_emit (self, signals [SIGNAL_MESSAGE_RECEIVED], 0, apply->message_id, apply->thread_id,
                   apply->from);
  if (apply->changed)
    g_signal_emit (self, signals [SIGNAL_MESSAGE_CHANGED], 0, apply->message_id, apply->thread_id);
  if (apply->consent_number != NULL)
    g_signal_emit (self, signals [SIGNAL_CONSENT_CHANGED], 0, apply->consent_number);
  if (apply->call_changed)
    g_signal_emit (self, signals [SIGNAL_CALL_CHANGED], 0, apply->call_sid);
  if (apply->recording_changed)
    g_signal_emit (self, signals [SIGNAL_RECORDING_STORED], 0, apply->recording_sid, apply->call_sid);
  if (apply->voicemail_id > 0)
    g_signal_emit (self, signals [SIGNAL_VOICEMAIL_STORED], 0, apply->voicemail_id, apply->call_sid);
  if (apply->transcript_stored)
    g_signal_emit (self, signals [SIGNAL_TRANSCRIPT_STORED], 0, apply->call_sid, apply->recording_sid);
  g_signal_emit (self, signals [SIGNAL_EVENT_STORED], 0, apply->kind, apply->sid);

  self->applying = FALSE;
  g_object_ref (self);
  apply_free (apply);
  process_pending (self);
  g_object_unref (self);
}

static void
cursor_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;

  if (_liaison_store_run_finish (LIAISON_STORE (source), result, &error) == NULL)
    {
      apply_failed (apply, error);
      return;
    }
  apply_finish (apply);
}

/* The event is applied (or had nothing to store): save the cursor, then ack. */
static void
apply_done (Apply *apply)
{
  CursorData *cursor;

  if (apply->relay_url == NULL)
    {
      apply_finish (apply);
      return;
    }

  cursor = g_new0 (CursorData, 1);

  cursor->relay_url = g_strdup (apply->relay_url);
  cursor->cursor = apply->cursor;
  _liaison_store_run_async (apply->self->store, save_cursor_work, cursor, cursor_data_free,
                            apply->self->cancellable, cursor_saved_cb, apply);
}

/* Inbound messages */

typedef struct {
  char *sid;
  char *content_type;
  char *url;
} Media;

typedef struct {
  gint64     message_id;
  GPtrArray *media;   /* Media */
} MediaData;

static void
media_free (gpointer data)
{
  Media *media = data;

  g_free (media->sid);
  g_free (media->content_type);
  g_free (media->url);
  g_free (media);
}

static void
media_data_free (gpointer data)
{
  MediaData *media = data;

  g_ptr_array_unref (media->media);
  g_free (media);
}

static gpointer
insert_media_work (LiaisonStore  *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  MediaData *media = data;
  gint64 now = g_get_real_time ();

  if (!_liaison_store_begin (store, error))
    return NULL;

  for (guint i = 0; i < media->media->len; i++)
    {
      Media *item = g_ptr_array_index (media->media, i);
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_INSERT_MEDIA, error);
      int rc;

      if (stmt == NULL)
        {
          _liaison_store_rollback (store);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, media->message_id);
      if (item->sid != NULL)
        sqlite3_bind_text (stmt, 2, item->sid, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_text (stmt, 3, item->content_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, item->url, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, now);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          _liaison_store_rollback (store);
          return NULL;
        }
    }

  if (!_liaison_store_commit (store, error))
    {
      _liaison_store_rollback (store);
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

/* Twilio's media URLs end in the Media SID (…/Media/ME…). */
static char *
media_sid_from_url (const char *url)
{
  const char *slash = strrchr (url, '/');
  const char *last = slash != NULL ? slash + 1 : url;
  gsize len = strcspn (last, "?#");

  if (len < 3 || len > 64 || !g_str_has_prefix (last, "ME"))
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (last[i]))
      return NULL;
  return g_strndup (last, len);
}

static void
consent_applied_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;
  LiaisonKeyword keyword;

  keyword = liaison_consent_ledger_apply_inbound_finish (LIAISON_STORE (source), result, &error);
  if (error != NULL && !is_bad_input (error))
    {
      apply_failed (apply, error);
      return;
    }
  if (error != NULL)
    g_warning ("The consent ledger refused inbound message %s: %s", apply->sid, error->message);
  else if (keyword == LIAISON_KEYWORD_OPT_OUT || keyword == LIAISON_KEYWORD_OPT_IN)
    apply->consent_number = g_strdup (apply->from);

  apply_done (apply);
}

static void
apply_consent (Apply *apply)
{
  JsonObject *params = get_params (apply->event);

  liaison_consent_ledger_apply_inbound_async (apply->self->store, apply->from, apply->to,
                                              get_string (params, "Body"),
                                              get_string (params, "OptOutType"),
                                              apply->sid, apply->self->cancellable,
                                              consent_applied_cb, apply);
}

static void
media_inserted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;

  if (_liaison_store_run_finish (LIAISON_STORE (source), result, &error) == NULL)
    {
      apply_failed (apply, error);
      return;
    }
  apply_consent (apply);
}

static guint
count_media (JsonObject *params)
{
  const char *text = get_string (params, "NumMedia");
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, MAX_MEDIA, &value, NULL))
    return 0;
  return (guint) value;
}

static void
message_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Apply *apply = user_data;
  JsonObject *params = get_params (apply->event);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func (media_free);
  guint num_media = count_media (params);

  apply->message_id = _liaison_store_add_message_finish_full (LIAISON_STORE (source), result,
                                                              &apply->thread_id, &apply->is_new,
                                                              &error);
  if (apply->message_id == 0)
    {
      if (error != NULL && is_bad_input (error))
        {
          g_warning ("Inbound message %s was refused by the store: %s", apply->sid, error->message);
          apply->is_new = FALSE;
          /* Still consult the ledger: a STOP must be honoured even so. */
          apply_consent (apply);
          return;
        }
      if (error == NULL)
        g_set_error_literal (&error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED, "no message id");
      apply_failed (apply, error);
      return;
    }

  LIAISON_DEBUG_MASKED (apply->from, "Inbound message from %s stored as %" G_GINT64_FORMAT " (%s)",
                        apply->message_id, apply->is_new ? "new" : "already stored");

  for (guint i = 0; i < num_media; i++)
    {
      g_autofree char *url_name = g_strdup_printf ("MediaUrl%u", i);
      g_autofree char *type_name = g_strdup_printf ("MediaContentType%u", i);
      const char *url = get_string (params, url_name);
      const char *type = get_string (params, type_name);
      Media *item;

      if (url == NULL || *url == '\0')
        continue;
      item = g_new0 (Media, 1);
      item->url = g_strdup (url);
      item->content_type = g_strdup (type != NULL && *type != '\0' ? type : "application/octet-stream");
      item->sid = media_sid_from_url (url);
      g_ptr_array_add (media, item);
    }

  if (media->len > 0)
    {
      MediaData *data = g_new0 (MediaData, 1);

      data->message_id = apply->message_id;
      data->media = g_steal_pointer (&media);
      _liaison_store_run_async (apply->self->store, insert_media_work, data, media_data_free,
                                apply->self->cancellable, media_inserted_cb, apply);
      return;
    }

  apply_consent (apply);
}

static void
apply_inbound (Apply *apply)
{
  JsonObject *params = get_params (apply->event);
  LiaisonStoreMessageInfo info = { 0, };
  const char *from = get_string (params, "From");
  const char *to = get_string (params, "To");

  if (from == NULL)
    from = get_string (apply->event, "from");
  if (to == NULL)
    to = get_string (apply->event, "to");
  apply->from = normalize_number (from);
  apply->to = normalize_number (to);

  if (apply->sid == NULL || apply->from == NULL || apply->to == NULL)
    {
      g_warning ("Inbound message event %" G_GINT64_FORMAT " lacks its SID or numbers; skipped",
                 apply->cursor);
      apply_done (apply);
      return;
    }

  info.sid = apply->sid;
  info.our_number = apply->to;
  info.remote_number = apply->from;
  info.direction = "inbound";
  info.body = get_string (params, "Body");
  info.status = "received";
  info.num_segments = 1;
  info.num_media = count_media (params);
  info.date_created = parse_time (get_string (apply->event, "received_at"));
  if (get_string (params, "NumSegments") != NULL)
    {
      guint64 segments = 1;

      if (g_ascii_string_to_unsigned (get_string (params, "NumSegments"), 10, 1, 100, &segments, NULL))
        info.num_segments = (guint) segments;
    }

  liaison_store_add_message_async (apply->self->store, &info, apply->self->cancellable,
                                   message_added_cb, apply);
}

/* Message statuses */

static void
status_updated_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *params = get_params (apply->event);
  const char *code = get_string (params, "ErrorCode");

  apply->message_id = liaison_store_update_message_status_finish (LIAISON_STORE (source), result,
                                                                  &apply->thread_id, &error);
  if (error != NULL
      && !g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND)
      && !is_bad_input (error))
    {
      apply_failed (apply, error);
      return;
    }
  if (error != NULL && !g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND))
    g_warning ("The status of message %s was refused: %s", apply->sid, error->message);

  apply->changed = error == NULL && apply->message_id > 0;
  if (g_strcmp0 (code, "21610") == 0 && apply->to != NULL)
    apply->consent_number = g_strdup (apply->to);

  apply_done (apply);
}

static void
apply_status (Apply *apply)
{
  JsonObject *params = get_params (apply->event);
  const char *status = get_string (params, "MessageStatus");
  const char *code_text = get_string (params, "ErrorCode");
  const char *to = get_string (params, "To");
  gint64 code = 0;

  if (status == NULL)
    status = get_string (apply->event, "status");
  if (to == NULL)
    to = get_string (apply->event, "to");
  apply->to = normalize_number (to);
  if (code_text != NULL && !g_ascii_string_to_signed (code_text, 10, 0, G_MAXINT, &code, NULL))
    code = 0;

  if (apply->sid == NULL || status == NULL)
    {
      g_warning ("Message status event %" G_GINT64_FORMAT " lacks its SID or status; skipped",
                 apply->cursor);
      apply_done (apply);
      return;
    }

  liaison_store_update_message_status_async (apply->self->store, apply->sid, status, (int) code,
                                             get_string (params, "ErrorMessage"), 0,
                                             apply->self->cancellable, status_updated_cb, apply);
}

/* Calls and recordings */

static int
get_int (JsonObject *params,
         const char *name,
         int         fallback)
{
  const char *text = get_string (params, name);
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &value, NULL))
    return fallback;
  return (int) value;
}

/* Skips an event the store refuses as bad input; retries on anything else. */
static gboolean
call_step_failed (Apply        *apply,
                  GError       *error,
                  const char   *what)
{
  if (error == NULL)
    return FALSE;
  if (!is_bad_input (error))
    {
      apply_failed (apply, error);
      return TRUE;
    }
  g_warning ("The %s of event %" G_GINT64_FORMAT " (%s) was refused: %s",
             what, apply->cursor, apply->kind, error->message);
  return FALSE;
}

static void
recording_upserted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_new = FALSE, changed = FALSE;

  liaison_store_upsert_recording_finish (LIAISON_STORE (source), result, &is_new, &changed, &error);
  if (call_step_failed (apply, error, "recording"))
    return;
  apply->recording_changed = error == NULL && (is_new || changed);
  apply_done (apply);
}

static void
upsert_recording (Apply      *apply,
                  const char *call_sid)
{
  JsonObject *params = get_params (apply->event);
  LiaisonStoreRecordingInfo info = { 0, };
  const char *status = get_string (params, "RecordingStatus");

  info.sid = apply->recording_sid;
  info.call_sid = call_sid;
  info.status = status != NULL ? status : "completed";
  info.source = get_string (params, "RecordingSource");
  info.media_url = get_string (params, "RecordingUrl");
  info.duration_s = get_int (params, "RecordingDuration", -1);
  info.channels = get_int (params, "RecordingChannels", 0);
  info.error_code = get_int (params, "ErrorCode", 0);
  info.started_at = parse_time (get_string (apply->event, "received_at"));
  if (info.started_at > 0 && info.duration_s > 0)
    info.started_at -= (gint64) info.duration_s * G_USEC_PER_SEC;

  liaison_store_upsert_recording_async (apply->self->store, &info, apply->self->cancellable,
                                        recording_upserted_cb, apply);
}

static void
voicemail_upserted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_new = FALSE;
  gint64 id;

  id = liaison_store_upsert_voicemail_finish (LIAISON_STORE (source), result, &is_new, &error);
  if (call_step_failed (apply, error, "voicemail"))
    return;
  if (error == NULL && is_new)
    apply->voicemail_id = id;
  apply->recording_changed = error == NULL && apply->recording_sid != NULL && is_new;
  apply->call_changed = apply->call_changed || (error == NULL && is_new);
  apply_done (apply);
}

static void
call_upserted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Apply *apply = user_data;
  JsonObject *params = get_params (apply->event);
  g_autoptr(GError) error = NULL;
  gboolean is_new = FALSE, changed = FALSE;

  liaison_store_upsert_call_finish (LIAISON_STORE (source), result, &is_new, &changed, &error);
  if (call_step_failed (apply, error, "call"))
    return;
  apply->call_changed = error == NULL && (is_new || changed);

  if (error == NULL && g_strcmp0 (apply->kind, "call.voicemail") == 0)
    {
      liaison_store_upsert_voicemail_async (apply->self->store, apply->call_sid, apply->recording_sid,
                                            get_string (params, "RecordingUrl"),
                                            apply->from, apply->to,
                                            get_int (params, "RecordingDuration", -1),
                                            parse_time (get_string (apply->event, "received_at")),
                                            apply->self->cancellable, voicemail_upserted_cb, apply);
      return;
    }
  if (error == NULL && apply->recording_sid != NULL)
    {
      upsert_recording (apply, apply->call_sid);
      return;
    }
  apply_done (apply);
}

/* Any call.* event: the call moves forward; a <Dial> action tells whether
 * the advisor answered; a voicemail or a recording is stored with it. */
static void
apply_call (Apply *apply)
{
  JsonObject *params = get_params (apply->event);
  LiaisonStoreCallInfo info = { 0, };
  const char *from = get_string (params, "From");
  const char *to = get_string (params, "To");
  const char *recording_sid = get_string (params, "RecordingSid");

  if (from == NULL)
    from = get_string (apply->event, "from");
  if (to == NULL)
    to = get_string (apply->event, "to");
  apply->from = normalize_number (from);
  apply->to = normalize_number (to);
  apply->call_sid = g_strdup (get_string (params, "CallSid"));
  if (apply->call_sid == NULL)
    apply->call_sid = g_strdup (apply->sid);
  if (recording_sid != NULL && *recording_sid != '\0')
    apply->recording_sid = g_strdup (recording_sid);

  if (apply->call_sid == NULL)
    {
      g_warning ("Call event %" G_GINT64_FORMAT " (%s) lacks its CallSid; skipped",
                 apply->cursor, apply->kind);
      apply_done (apply);
      return;
    }

  info.sid = apply->call_sid;
  info.parent_sid = get_string (params, "ParentCallSid");
  info.direction = get_string (params, "Direction");
  info.from = apply->from;
  info.to = apply->to;
  info.status = get_string (params, "CallStatus");
  info.answered_by = get_string (params, "AnsweredBy");
  if (g_strcmp0 (apply->kind, "call.dial") == 0 || g_strcmp0 (apply->kind, "call.outbound-done") == 0)
    info.dial_status = get_string (params, "DialCallStatus");
  info.error_code = get_int (params, "ErrorCode", 0);
  info.error_message = get_string (params, "ErrorMessage");
  info.duration_s = get_int (params, "CallDuration", -1);
  info.event_time = parse_time (get_string (apply->event, "received_at"));

  LIAISON_DEBUG_MASKED (apply->from, "Call event from %s: %s (%s)", apply->kind,
                        info.status != NULL ? info.status : "no status");

  liaison_store_upsert_call_async (apply->self->store, &info, apply->self->cancellable,
                                   call_upserted_cb, apply);
}

static void
apply_recording (Apply *apply)
{
  JsonObject *params = get_params (apply->event);
  const char *call_sid = get_string (params, "CallSid");

  apply->recording_sid = g_strdup (apply->sid);
  apply->call_sid = g_strdup (call_sid);
  if (apply->recording_sid == NULL || call_sid == NULL)
    {
      g_warning ("Recording event %" G_GINT64_FORMAT " lacks its RecordingSid or CallSid; skipped",
                 apply->cursor);
      apply_done (apply);
      return;
    }
  upsert_recording (apply, call_sid);
}

static void
transcription_saved_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Apply *apply = user_data;
  g_autoptr(GError) error = NULL;

  liaison_store_save_transcript_finish (LIAISON_STORE (source), result, &error);
  if (call_step_failed (apply, error, "transcription"))
    return;
  apply->transcript_stored = error == NULL;
  apply_done (apply);
}

/* Twilio's legacy transcription of a recording (a voicemail's <Record
 * transcribe>): its text becomes the recording's transcript, one sentence
 * at a time, the recording's length shared out by their lengths. */
static void
apply_transcription (Apply *apply)
{
  JsonObject *params = get_params (apply->event);
  const char *status = get_string (params, "TranscriptionStatus");
  const char *text = get_string (params, "TranscriptionText");
  g_autoptr(GPtrArray) sentences = NULL;
  int duration_s = get_int (params, "RecordingDuration", 0);

  apply->call_sid = g_strdup (get_string (params, "CallSid"));
  apply->recording_sid = g_strdup (get_string (params, "RecordingSid"));
  if (g_strcmp0 (status, "completed") != 0 || text == NULL || apply->call_sid == NULL ||
      apply->recording_sid == NULL)
    {
      /* In progress, failed, or not about a recording we know: nothing to keep. */
      apply_done (apply);
      return;
    }

  sentences = liaison_twilio_transcriber_split_text (text, (gint64) MAX (duration_s, 0) * 1000, 0,
                                                     "client");
  liaison_store_save_transcript_async (apply->self->store, apply->call_sid, apply->recording_sid,
                                       "twilio", "legacy", get_string (params, "TranscriptionSid"),
                                       NULL, sentences, apply->self->cancellable,
                                       transcription_saved_cb, apply);
}

static void
process_pending (LiaisonRelayClient *self)
{
  JsonObject *event;
  Apply *apply;

  if (self->applying || (event = g_queue_pop_head (&self->pending)) == NULL)
    return;

  self->applying = TRUE;
  apply = g_new0 (Apply, 1);
  apply->self = g_object_ref (self);
  apply->connection = self->connection != NULL ? g_object_ref (self->connection) : NULL;
  apply->event = event;
  apply->relay_url = g_strdup (self->url);
  apply->cursor = json_object_get_int_member (event, "cursor");
  apply->kind = g_strdup (get_string (event, "kind"));
  apply->sid = g_strdup (get_string (event, "sid"));

  if (g_strcmp0 (apply->kind, "message.inbound") == 0)
    {
      if (apply->sid == NULL)
        apply->sid = g_strdup (get_string (get_params (event), "MessageSid"));
      apply_inbound (apply);
    }
  else if (g_strcmp0 (apply->kind, "message.status") == 0)
    {
      if (apply->sid == NULL)
        apply->sid = g_strdup (get_string (get_params (event), "MessageSid"));
      apply_status (apply);
    }
  else if (g_str_has_prefix (apply->kind, "call.") && get_string (get_params (event), "CallSid") != NULL)
    {
      apply_call (apply);
    }
  else if (g_strcmp0 (apply->kind, "recording.status") == 0)
    {
      if (apply->sid == NULL)
        apply->sid = g_strdup (get_string (get_params (event), "RecordingSid"));
      apply_recording (apply);
    }
  else if (g_strcmp0 (apply->kind, "transcription") == 0)
    {
      apply_transcription (apply);
    }
  else
    {
      /* Kinds this version does not know: nothing is stored, but the
       * stream moves on. */
      apply_done (apply);
    }
}

/* The WebSocket */

static void
connection_message_cb (SoupWebsocketConnection *connection,
                       gint                     type,
                       GBytes                  *message,
                       gpointer                 user_data)
{
  LiaisonRelayClient *self = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (message, &len);
  JsonObject *root;
  JsonNode *event_node;
  JsonNode *cursor_node;
  JsonObject *event;
  gint64 cursor;

  self->last_activity = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT
      || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* Never the content: it may hold numbers and bodies. */
      g_warning ("Ignoring a frame from the relay that is not a JSON object (%" G_GSIZE_FORMAT " bytes)", len);
      return;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (get_string (root, "type"), "event") != 0)
    {
      g_debug ("Ignoring a frame of type %s from the relay", get_string (root, "type"));
      return;
    }

  event_node = json_object_get_member (root, "event");
  if (event_node == NULL || !JSON_NODE_HOLDS_OBJECT (event_node))
    {
      g_warning ("Ignoring an event frame without an event");
      return;
    }
  event = json_node_get_object (event_node);
  cursor_node = json_object_get_member (event, "cursor");
  if (cursor_node == NULL || !JSON_NODE_HOLDS_VALUE (cursor_node)
      || json_node_get_value_type (cursor_node) != G_TYPE_INT64
      || (cursor = json_node_get_int (cursor_node)) <= 0)
    {
      g_warning ("Ignoring an event without a valid cursor");
      return;
    }
  if (get_string (event, "kind") == NULL)
    {
      g_warning ("Ignoring event %" G_GINT64_FORMAT " without a kind", cursor);
      return;
    }
  if (cursor <= self->last_queued)
    return;

  self->last_queued = cursor;
  g_queue_push_tail (&self->pending, json_object_ref (event));
  process_pending (self);
}

static void
connection_pong_cb (SoupWebsocketConnection *connection,
                    GBytes                  *message,
                    gpointer                 user_data)
{
  LiaisonRelayClient *self = user_data;

  self->last_activity = g_get_monotonic_time ();
}

static void
connection_error_cb (SoupWebsocketConnection *connection,
                     GError                  *error,
                     gpointer                 user_data)
{
  g_debug ("Relay connection error: %s", error->message);
}

static void
connection_closed_cb (SoupWebsocketConnection *connection,
                      gpointer                 user_data)
{
  LiaisonRelayClient *self = user_data;
  gushort code = soup_websocket_connection_get_close_code (connection);
  const char *data = soup_websocket_connection_get_close_data (connection);
  g_autofree char *reason = NULL;

  if (connection != self->connection)
    return;

  g_message ("The relay closed the connection (code %u%s%s)", code,
             data != NULL && *data != '\0' ? ": " : "", data != NULL ? data : "");
  if (g_get_monotonic_time () - self->connected_since >= STABLE_CONNECTION_SEC * G_USEC_PER_SEC)
    self->attempts = 0;

  if (data != NULL && *data != '\0')
    reason = g_strdup_printf (_("The relay closed the connection: %s"), data);
  else
    reason = g_strdup (_("The relay closed the connection."));
  schedule_retry (self, reason);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  LiaisonRelayClient *self = user_data;

  if (g_get_monotonic_time () - self->last_activity < SILENCE_LIMIT_SEC * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;

  self->watchdog_id = 0;
  g_message ("The relay connection went silent; connecting again");
  if (g_get_monotonic_time () - self->connected_since >= STABLE_CONNECTION_SEC * G_USEC_PER_SEC)
    self->attempts = 0;
  schedule_retry (self, _("The connection to the relay stopped answering."));
  return G_SOURCE_REMOVE;
}

static void
websocket_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  LiaisonRelayClient *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  guint status;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (!attempt_is_current (attempt) || self->connect_message == NULL)
    {
      if (connection != NULL)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      return;
    }

  status = soup_message_get_status (self->connect_message);
  g_clear_object (&self->connect_message);
  g_clear_object (&self->connect_cancellable);

  if (connection == NULL)
    {
      g_autofree char *reason = NULL;

      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          g_message ("The relay refused the token (HTTP %u)", status);
          self->unauthorized = TRUE;
          set_last_error (self, _("The relay refused this desktop’s token."));
          set_state (self, LIAISON_RELAY_STATE_UNAUTHORIZED);
          return;
        }

      if (status >= 400)
        reason = g_strdup_printf (_("The relay answered with an error (HTTP %u)."), status);
      else
        reason = g_strdup_printf (_("Could not connect to the relay: %s"), error->message);
      g_message ("Could not connect to the relay: %s (HTTP %u)", error->message, status);
      schedule_retry (self, reason);
      return;
    }

  self->connection = g_steal_pointer (&connection);
  soup_websocket_connection_set_max_incoming_payload_size (self->connection, MAX_FRAME_BYTES);
  soup_websocket_connection_set_keepalive_interval (self->connection, KEEPALIVE_SEC);
  g_signal_connect (self->connection, "message", G_CALLBACK (connection_message_cb), self);
  g_signal_connect (self->connection, "pong", G_CALLBACK (connection_pong_cb), self);
  g_signal_connect (self->connection, "error", G_CALLBACK (connection_error_cb), self);
  g_signal_connect (self->connection, "closed", G_CALLBACK (connection_closed_cb), self);

  self->connected_since = self->last_activity = g_get_monotonic_time ();
  self->last_queued = self->cursor;
  self->watchdog_id = g_timeout_add_seconds (KEEPALIVE_SEC, watchdog_cb, self);

  /* What was applied before may not have been acknowledged (the
   * connection dropped in between): say so, so that the relay can delete it. */
  if (self->cursor > 0)
    send_ack (self->connection, self->cursor);

  g_message ("Connected to the relay, resuming after cursor %" G_GINT64_FORMAT, self->cursor);
  set_last_error (self, NULL);
  set_state (self, LIAISON_RELAY_STATE_CONNECTED);
}

static void
open_websocket (LiaisonRelayClient *self)
{
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  uri = g_strdup_printf ("%s/v1/stream?after=%" G_GINT64_FORMAT, self->url, self->cursor);
  self->connect_message = soup_message_new ("GET", uri);
  if (self->connect_message == NULL)
    {
      cancel_attempt (self);
      set_last_error (self, _("The relay address is not a valid URL."));
      set_state (self, LIAISON_RELAY_STATE_DISABLED);
      return;
    }

  headers = soup_message_get_request_headers (self->connect_message);
  authorization = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "X-Liaison-Client", self->client_name);

  soup_session_websocket_connect_async (self->session, self->connect_message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->connect_cancellable,
                                        websocket_connected_cb,
                                        attempt_new (self, self->connect_cancellable));
}

static void
cursor_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  LiaisonRelayClient *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *cursor = _liaison_store_run_finish (LIAISON_STORE (source), result, &error);
  g_autofree char *reason = NULL;

  if (!attempt_is_current (attempt) || self->state != LIAISON_RELAY_STATE_CONNECTING)
    return;

  if (cursor == NULL)
    {
      g_warning ("Could not read the relay cursor: %s", error->message);
      reason = g_strdup_printf (_("Could not read the saved position in the relay’s stream: %s"),
                                error->message);
      schedule_retry (self, reason);
      return;
    }

  self->cursor = *cursor;
  self->cursor_loaded = TRUE;
  open_websocket (self);
}

static void
continue_connect (LiaisonRelayClient *self)
{
  if (self->cursor_loaded)
    {
      open_websocket (self);
      return;
    }

  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_WRITE, load_cursor_work,
                                 g_strdup (self->url), g_free, g_free, self->connect_cancellable,
                                 cursor_loaded_cb, attempt_new (self, self->connect_cancellable));
}

static GSocketConnectable *
relay_connectable (LiaisonRelayClient *self)
{
  if (self->url == NULL)
    return NULL;
  return g_network_address_parse_uri (self->url, 443, NULL);
}

static void
reach_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  LiaisonRelayClient *self = attempt->self;
  g_autoptr(GError) error = NULL;
  gboolean reachable = g_network_monitor_can_reach_finish (G_NETWORK_MONITOR (source), result, &error);

  if (g_cancellable_is_cancelled (attempt->cancellable) || attempt->cancellable != self->reach_cancellable)
    return;
  g_clear_object (&self->reach_cancellable);

  if (reachable)
    {
      if (self->state == LIAISON_RELAY_STATE_CONNECTING)
        continue_connect (self);
      return;
    }
  g_message ("The relay cannot be reached without a network");
  go_offline (self);
}

static void
check_reachable (LiaisonRelayClient *self)
{
  g_autoptr(GSocketConnectable) connectable = relay_connectable (self);

  if (connectable == NULL)
    {
      go_offline (self);
      return;
    }
  g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  self->reach_cancellable = g_cancellable_new ();
  g_network_monitor_can_reach_async (self->monitor, connectable, self->reach_cancellable, reach_cb,
                                     attempt_new (self, self->reach_cancellable));
}

static void
begin_connect (LiaisonRelayClient *self)
{
  cancel_attempt (self);
  drop_connection (self);

  if (!self->started)
    {
      set_state (self, LIAISON_RELAY_STATE_DISABLED);
      return;
    }
  if (self->url == NULL || self->token == NULL)
    {
      set_last_error (self, NULL);
      set_state (self, LIAISON_RELAY_STATE_DISABLED);
      return;
    }
  if (self->unauthorized)
    {
      set_state (self, LIAISON_RELAY_STATE_UNAUTHORIZED);
      return;
    }

  set_state (self, LIAISON_RELAY_STATE_CONNECTING);
  self->connect_cancellable = g_cancellable_new ();

  /* The monitor only knows about a default route; a relay on this machine
   * or the local network may still be reachable without one. */
  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor))
    {
      check_reachable (self);
      return;
    }
  continue_connect (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  LiaisonRelayClient *self = user_data;

  if (!self->started || self->url == NULL || self->token == NULL || self->unauthorized)
    return;

  if (!available)
    {
      if (self->state != LIAISON_RELAY_STATE_OFFLINE)
        check_reachable (self);
      return;
    }

  if (self->state == LIAISON_RELAY_STATE_WAITING || self->state == LIAISON_RELAY_STATE_OFFLINE)
    {
      g_debug ("The network changed; connecting to the relay at once");
      self->attempts = 0;
      begin_connect (self);
    }
}

/* GObject */

static void
liaison_relay_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonRelayClient *self = LIAISON_RELAY_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_relay_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LiaisonRelayClient *self = LIAISON_RELAY_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      liaison_relay_client_set_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_relay_client_dispose (GObject *object)
{
  LiaisonRelayClient *self = LIAISON_RELAY_CLIENT (object);

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  cancel_attempt (self);
  drop_connection (self);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_relay_client_parent_class)->dispose (object);
}

static void
liaison_relay_client_finalize (GObject *object)
{
  LiaisonRelayClient *self = LIAISON_RELAY_CLIENT (object);

  g_clear_object (&self->cancellable);
  g_free (self->client_name);
  g_free (self->url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->last_error);

  G_OBJECT_CLASS (liaison_relay_client_parent_class)->finalize (object);
}

static void
liaison_relay_client_class_init (LiaisonRelayClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_relay_client_get_property;
  object_class->set_property = liaison_relay_client_set_property;
  object_class->dispose = liaison_relay_client_dispose;
  object_class->finalize = liaison_relay_client_finalize;

  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LIAISON_TYPE_RELAY_STATE, LIAISON_RELAY_STATE_DISABLED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_MESSAGE_RECEIVED] =
    g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);
  signals [SIGNAL_MESSAGE_CHANGED] =
    g_signal_new ("message-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals [SIGNAL_CONSENT_CHANGED] =
    g_signal_new ("consent-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [SIGNAL_EVENT_STORED] =
    g_signal_new ("event-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals [SIGNAL_CALL_CHANGED] =
    g_signal_new ("call-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [SIGNAL_RECORDING_STORED] =
    g_signal_new ("recording-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals [SIGNAL_VOICEMAIL_STORED] =
    g_signal_new ("voicemail-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals [SIGNAL_TRANSCRIPT_STORED] =
    g_signal_new ("transcript-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
liaison_relay_client_init (LiaisonRelayClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Liaison/%s", PACKAGE_VERSION);

  self->state = LIAISON_RELAY_STATE_DISABLED;
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->pending);
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", HANDSHAKE_TIMEOUT_SEC,
                                                 NULL);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                               G_CALLBACK (network_changed_cb), self);
}

LiaisonRelayClient *
liaison_relay_client_new (LiaisonStore *store,
                          const char   *client_name)
{
  LiaisonRelayClient *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (client_name != NULL && *client_name != '\0', NULL);

  self = g_object_new (LIAISON_TYPE_RELAY_CLIENT, NULL);
  self->store = g_object_ref (store);
  self->client_name = g_strdup (client_name);
  return self;
}

static char *
normalize_url (const char *url)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (url == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (url));
  len = strlen (copy);
  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  if (len == 0)
    return NULL;
  return g_steal_pointer (&copy);
}

void
liaison_relay_client_set_url (LiaisonRelayClient *self,
                              const char         *url)
{
  g_autofree char *normalized = normalize_url (url);

  g_return_if_fail (LIAISON_IS_RELAY_CLIENT (self));

  if (g_strcmp0 (normalized, self->url) == 0)
    return;

  g_free (self->url);
  self->url = g_steal_pointer (&normalized);
  self->cursor = 0;
  self->cursor_loaded = FALSE;
  self->unauthorized = FALSE;
  self->attempts = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_URL]);
  if (self->started)
    begin_connect (self);
}

void
liaison_relay_client_set_token (LiaisonRelayClient *self,
                                const char         *token)
{
  g_return_if_fail (LIAISON_IS_RELAY_CLIENT (self));

  if (token != NULL && *token == '\0')
    token = NULL;
  if (g_strcmp0 (token, self->token) == 0)
    return;

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  self->unauthorized = FALSE;
  self->attempts = 0;
  if (self->started)
    begin_connect (self);
}

const char *
liaison_relay_client_get_url (LiaisonRelayClient *self)
{
  g_return_val_if_fail (LIAISON_IS_RELAY_CLIENT (self), NULL);

  return self->url;
}

void
liaison_relay_client_start (LiaisonRelayClient *self)
{
  g_return_if_fail (LIAISON_IS_RELAY_CLIENT (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->attempts = 0;
  begin_connect (self);
}

void
liaison_relay_client_stop (LiaisonRelayClient *self)
{
  g_return_if_fail (LIAISON_IS_RELAY_CLIENT (self));

  self->started = FALSE;
  cancel_attempt (self);
  drop_connection (self);
  set_state (self, LIAISON_RELAY_STATE_DISABLED);
}

LiaisonRelayState
liaison_relay_client_get_state (LiaisonRelayClient *self)
{
  g_return_val_if_fail (LIAISON_IS_RELAY_CLIENT (self), LIAISON_RELAY_STATE_DISABLED);

  return self->state;
}

const char *
liaison_relay_client_get_last_error (LiaisonRelayClient *self)
{
  g_return_val_if_fail (LIAISON_IS_RELAY_CLIENT (self), NULL);

  return self->last_error;
}

guint
liaison_relay_client_get_retry_in (LiaisonRelayClient *self)
{
  gint64 left;

  g_return_val_if_fail (LIAISON_IS_RELAY_CLIENT (self), 0);

  if (self->state != LIAISON_RELAY_STATE_WAITING || self->retry_id == 0)
    return 0;
  left = self->retry_at - g_get_monotonic_time ();
  if (left <= 0)
    return 0;
  return (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

void
liaison_relay_client_reconnect (LiaisonRelayClient *self)
{
  g_return_if_fail (LIAISON_IS_RELAY_CLIENT (self));

  if (!self->started)
    return;
  self->attempts = 0;
  begin_connect (self);
}

/* The routing policy */

static void
put_policy_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonParser) parser = NULL;
  const char *relay_message = NULL;
  guint status;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    relay_message = get_string (json_node_get_object (json_parser_get_root (parser)), "error");
  if (relay_message == NULL)
    relay_message = soup_message_get_reason_phrase (message);

  g_task_return_new_error (task, G_IO_ERROR,
                           status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN
                             ? G_IO_ERROR_PERMISSION_DENIED : G_IO_ERROR_FAILED,
                           _("The relay did not accept the call routing policy (HTTP %u): %s"),
                           status, relay_message != NULL ? relay_message : "");
}

void
liaison_relay_client_put_policy_async (LiaisonRelayClient  *self,
                                       const char          *policy_json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *message;
  SoupMessageHeaders *headers;

  g_return_if_fail (LIAISON_IS_RELAY_CLIENT (self));
  g_return_if_fail (policy_json != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_relay_client_put_policy_async);

  if (self->url == NULL || self->token == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The relay’s address and token are not set."));
      return;
    }

  uri = g_strconcat (self->url, "/v1/policy", NULL);
  message = soup_message_new ("PUT", uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The relay address is not a valid URL."));
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);

  headers = soup_message_get_request_headers (message);
  authorization = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "X-Liaison-Client", self->client_name);
  body = g_bytes_new (policy_json, strlen (policy_json));
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    put_policy_cb, g_steal_pointer (&task));
}

gboolean
liaison_relay_client_put_policy_finish (LiaisonRelayClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_RELAY_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_relay_client_put_policy_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
