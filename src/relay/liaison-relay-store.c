/* liaison-relay-store.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-store.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include <string.h>

/* The relay's SQLite file, written by one thread. Webhooks queue their
 * events; the writer takes everything queued at once and commits it in one
 * transaction (group commit), so concurrent webhooks share one fsync. Each
 * waits for the commit that holds its event before it is answered.
 *
 * Deduplication keys (Twilio's idempotency token and the event's natural
 * key) live in their own table, so that they outlast the events they came
 * with: events are deleted once delivered, and a retry may come later. */

#define MAX_BATCH 1024

#define SCHEMA \
  "PRAGMA journal_mode=WAL;" \
  "PRAGMA synchronous=FULL;" \
  "PRAGMA foreign_keys=ON;" \
  "CREATE TABLE IF NOT EXISTS events (" \
  "  cursor INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  received_at INTEGER NOT NULL," \
  "  kind TEXT NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  sid TEXT," \
  "  status TEXT," \
  "  from_number TEXT," \
  "  to_number TEXT," \
  "  payload TEXT NOT NULL);" \
  "CREATE INDEX IF NOT EXISTS events_received ON events (received_at);" \
  "CREATE TABLE IF NOT EXISTS seen (" \
  "  key TEXT PRIMARY KEY," \
  "  at INTEGER NOT NULL) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS statuses (" \
  "  sid TEXT PRIMARY KEY," \
  "  rank INTEGER NOT NULL," \
  "  at INTEGER NOT NULL) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS event_advisors (" \
  "  advisor TEXT NOT NULL," \
  "  cursor INTEGER NOT NULL REFERENCES events (cursor) ON DELETE CASCADE," \
  "  PRIMARY KEY (advisor, cursor)) WITHOUT ROWID;" \
  "CREATE INDEX IF NOT EXISTS event_advisors_cursor ON event_advisors (cursor);" \
  "CREATE TABLE IF NOT EXISTS policies (" \
  "  advisor TEXT PRIMARY KEY," \
  "  policy TEXT NOT NULL," \
  "  updated_at INTEGER NOT NULL) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS clients (" \
  "  advisor TEXT NOT NULL," \
  "  client_id TEXT NOT NULL," \
  "  acked INTEGER NOT NULL DEFAULT 0," \
  "  last_seen INTEGER NOT NULL," \
  "  PRIMARY KEY (advisor, client_id)) WITHOUT ROWID;"

struct _LiaisonRelayStore
{
  GObject       parent_instance;

  sqlite3      *db;
  GThread      *writer;
  GAsyncQueue  *queue;        /* GTask, or the stop marker */
  GHashTable   *policies;     /* advisor → JSON, as read at open */

  sqlite3_stmt *insert_seen;
  sqlite3_stmt *get_status;
  sqlite3_stmt *put_status;
  sqlite3_stmt *insert_event;
  sqlite3_stmt *insert_event_advisor;

  /* Written by the writer thread, read by anyone: atomics. */
  gsize         commits;
  gsize         events;
  gsize         commit_usec_total;
  gsize         failures;
};

G_DEFINE_FINAL_TYPE (LiaisonRelayStore, liaison_relay_store, G_TYPE_OBJECT)

static char stop_marker;

/* What the thread is asked to do; each queued GTask carries one. */
typedef enum {
  OP_APPEND,
  OP_REGISTER,
  OP_ACK,
  OP_PRUNE,
  OP_POLICY,
  OP_READ,
} OpKind;

typedef struct {
  OpKind                    kind;
  LiaisonRelayEvent        *event;       /* append */
  LiaisonRelayAppendResult  result;      /* append */
  char                     *advisor;     /* read, register, ack */
  char                     *client_id;   /* register, ack; policy: the JSON */
  gint64                    cursor;      /* read: after; ack: up to; prune: before */
  guint                     limit;       /* read */
  GPtrArray                *events;      /* read: the answer */
  gint64                    deleted;     /* ack, prune */
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->event, liaison_relay_event_free);
  g_free (op->advisor);
  g_free (op->client_id);
  g_clear_pointer (&op->events, g_ptr_array_unref);
  g_free (op);
}

static gboolean
op_is_write (Op *op)
{
  return op->kind != OP_READ;
}

LiaisonRelayEvent *
liaison_relay_event_new (void)
{
  return g_new0 (LiaisonRelayEvent, 1);
}

void
liaison_relay_event_free (LiaisonRelayEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->kind);
  g_free (event->account_sid);
  g_free (event->sid);
  g_free (event->status);
  g_free (event->from);
  g_free (event->to);
  g_free (event->idempotency_token);
  g_free (event->natural_key);
  g_free (event->payload);
  g_strfreev (event->advisors);
  g_free (event);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, column, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* Records @key as seen; FALSE (and no error) when it was seen before. */
static gboolean
mark_seen (LiaisonRelayStore  *self,
           const char         *prefix,
           const char         *key,
           gint64              at,
           int                *out_rc)
{
  g_autofree char *full = g_strconcat (prefix, key, NULL);
  int rc;

  sqlite3_reset (self->insert_seen);
  sqlite3_bind_text (self->insert_seen, 1, full, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->insert_seen, 2, at);
  rc = sqlite3_step (self->insert_seen);
  sqlite3_clear_bindings (self->insert_seen);
  sqlite3_reset (self->insert_seen);
  *out_rc = rc == SQLITE_DONE ? SQLITE_OK : rc;

  return rc == SQLITE_DONE && sqlite3_changes (self->db) > 0;
}

/* Inside the open transaction: SQLITE_OK with the result, or an error. */
static int
store_one (LiaisonRelayStore *self,
           Op                *data)
{
  LiaisonRelayEvent *event = data->event;
  gboolean fresh = TRUE;
  int rc = SQLITE_OK;

  if (event->idempotency_token != NULL && *event->idempotency_token != '\0')
    {
      fresh = mark_seen (self, "t:", event->idempotency_token, event->received_at, &rc) && fresh;
      if (rc != SQLITE_OK)
        return rc;
    }
  if (event->natural_key != NULL)
    {
      fresh = mark_seen (self, "n:", event->natural_key, event->received_at, &rc) && fresh;
      if (rc != SQLITE_OK)
        return rc;
    }
  if (!fresh)
    {
      data->result = LIAISON_RELAY_APPEND_DUPLICATE;
      return SQLITE_OK;
    }

  /* A status never moves backwards: an older one that arrives late is
   * acknowledged and dropped. */
  if (event->status_rank > 0 && event->sid != NULL)
    {
      gint known = -1;

      sqlite3_reset (self->get_status);
      sqlite3_bind_text (self->get_status, 1, event->sid, -1, SQLITE_STATIC);
      rc = sqlite3_step (self->get_status);
      if (rc == SQLITE_ROW)
        known = sqlite3_column_int (self->get_status, 0);
      sqlite3_reset (self->get_status);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rc;

      if (known >= event->status_rank)
        {
          data->result = LIAISON_RELAY_APPEND_STALE;
          return SQLITE_OK;
        }

      sqlite3_reset (self->put_status);
      sqlite3_bind_text (self->put_status, 1, event->sid, -1, SQLITE_STATIC);
      sqlite3_bind_int (self->put_status, 2, event->status_rank);
      sqlite3_bind_int64 (self->put_status, 3, event->received_at);
      rc = sqlite3_step (self->put_status);
      sqlite3_reset (self->put_status);
      if (rc != SQLITE_DONE)
        return rc;
    }

  sqlite3_reset (self->insert_event);
  sqlite3_bind_int64 (self->insert_event, 1, event->received_at);
  bind_text (self->insert_event, 2, event->kind);
  bind_text (self->insert_event, 3, event->account_sid);
  bind_text (self->insert_event, 4, event->sid);
  bind_text (self->insert_event, 5, event->status);
  bind_text (self->insert_event, 6, event->from);
  bind_text (self->insert_event, 7, event->to);
  bind_text (self->insert_event, 8, event->payload != NULL ? event->payload : "{}");
  rc = sqlite3_step (self->insert_event);
  sqlite3_clear_bindings (self->insert_event);
  sqlite3_reset (self->insert_event);
  if (rc != SQLITE_DONE)
    return rc;

  event->cursor = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; event->advisors != NULL && event->advisors[i] != NULL; i++)
    {
      sqlite3_reset (self->insert_event_advisor);
      sqlite3_bind_text (self->insert_event_advisor, 1, event->advisors[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->insert_event_advisor, 2, event->cursor);
      rc = sqlite3_step (self->insert_event_advisor);
      sqlite3_reset (self->insert_event_advisor);
      if (rc != SQLITE_DONE)
        return rc;
    }

  data->result = LIAISON_RELAY_APPEND_STORED;
  return SQLITE_OK;
}

static int
exec_bound (LiaisonRelayStore *self,
            const char        *sql,
            const char        *text1,
            const char        *text2,
            gint64             int3,
            gint64             int4)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    bind_text (stmt, 1, text1);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    bind_text (stmt, 2, text2);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, int3);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    sqlite3_bind_int64 (stmt, 4, int4);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Events every registered desktop of each of their advisors has: gone. An
 * event whose advisor has no desktop yet waits (until the retention). */
#define DELETE_DELIVERED \
  "DELETE FROM events WHERE cursor IN (" \
  "  SELECT ea.cursor FROM event_advisors ea" \
  "  WHERE ea.advisor = ?1 AND ea.cursor <= ?3" \
  "  AND NOT EXISTS (SELECT 1 FROM event_advisors other" \
  "                  WHERE other.cursor = ea.cursor" \
  "                  AND (NOT EXISTS (SELECT 1 FROM clients c WHERE c.advisor = other.advisor)" \
  "                       OR EXISTS (SELECT 1 FROM clients c WHERE c.advisor = other.advisor" \
  "                                  AND c.acked < ea.cursor))))"

static int
run_write (LiaisonRelayStore *self,
           Op                *op)
{
  gint64 now = g_get_real_time ();
  int rc;

  switch (op->kind)
    {
    case OP_APPEND:
      return store_one (self, op);

    case OP_REGISTER:
      return exec_bound (self, "INSERT INTO clients (advisor, client_id, acked, last_seen)"
                               " VALUES (?1, ?2, 0, ?3) ON CONFLICT DO UPDATE SET last_seen = ?3",
                         op->advisor, op->client_id, now, 0);

    case OP_ACK:
      rc = exec_bound (self, "INSERT INTO clients (advisor, client_id, acked, last_seen)"
                             " VALUES (?1, ?2, ?4, ?3) ON CONFLICT DO UPDATE SET"
                             " acked = max (acked, ?4), last_seen = ?3",
                       op->advisor, op->client_id, now, op->cursor);
      if (rc == SQLITE_OK)
        {
          rc = exec_bound (self, DELETE_DELIVERED, op->advisor, NULL, op->cursor, 0);
          op->deleted = sqlite3_changes (self->db);
        }
      return rc;

    case OP_PRUNE:
      rc = exec_bound (self, "DELETE FROM events WHERE received_at < ?3", NULL, NULL, op->cursor, 0);
      op->deleted = sqlite3_changes (self->db);
      if (rc == SQLITE_OK)
        rc = exec_bound (self, "DELETE FROM seen WHERE at < ?3", NULL, NULL, op->cursor, 0);
      if (rc == SQLITE_OK)
        rc = exec_bound (self, "DELETE FROM statuses WHERE at < ?3", NULL, NULL, op->cursor, 0);
      return rc;

    case OP_POLICY:
      return exec_bound (self, "INSERT INTO policies (advisor, policy, updated_at) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT DO UPDATE SET policy = ?2, updated_at = ?3",
                         op->advisor, op->client_id, now, 0);

    case OP_READ:
    default:
      g_assert_not_reached ();
    }
}

static LiaisonRelayEvent *
event_from_row (sqlite3_stmt *stmt)
{
  LiaisonRelayEvent *event = liaison_relay_event_new ();

#define DUP(column) (sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL \
                     : g_strdup ((const char *) sqlite3_column_text (stmt, column)))
  event->cursor = sqlite3_column_int64 (stmt, 0);
  event->received_at = sqlite3_column_int64 (stmt, 1);
  event->kind = DUP (2);
  event->account_sid = DUP (3);
  event->sid = DUP (4);
  event->status = DUP (5);
  event->from = DUP (6);
  event->to = DUP (7);
  event->payload = DUP (8);
#undef DUP

  return event;
}

static int
run_read (LiaisonRelayStore *self,
          Op                *op)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db,
                               "SELECT e.cursor, e.received_at, e.kind, e.account_sid, e.sid, e.status,"
                               " e.from_number, e.to_number, e.payload"
                               " FROM event_advisors ea JOIN events e ON e.cursor = ea.cursor"
                               " WHERE ea.advisor = ? AND ea.cursor > ? ORDER BY ea.cursor LIMIT ?",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, op->advisor, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, op->cursor);
  sqlite3_bind_int (stmt, 3, (int) op->limit);
  op->events = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_relay_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (op->events, event_from_row (stmt));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Completing: the results of one commit go back to the thread that queued
 * them in one wakeup, not one per event. */
typedef struct {
  GPtrArray *tasks;      /* GTask */
  char      *error;      /* NULL: committed */
} Completion;

static void
completion_free (Completion *completion)
{
  g_ptr_array_unref (completion->tasks);
  g_free (completion->error);
  g_free (completion);
}

static gboolean
complete_cb (gpointer user_data)
{
  Completion *completion = user_data;

  for (guint i = 0; i < completion->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (completion->tasks, i);
      Op *op = g_task_get_task_data (task);

      if (completion->error != NULL && op->kind == OP_APPEND)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The event could not be stored: %s"), completion->error);
      else if (completion->error != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", completion->error);
      else if (op->kind == OP_APPEND)
        g_task_return_int (task, op->result);
      else if (op->kind == OP_READ)
        g_task_return_pointer (task, g_steal_pointer (&op->events), (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_int (task, op->deleted);
    }
  return G_SOURCE_REMOVE;
}

static void
complete_batch (GPtrArray  *batch,
                const char *error)
{
  Completion *completion = g_new0 (Completion, 1);
  GMainContext *context = g_task_get_context (g_ptr_array_index (batch, 0));

  completion->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (completion->tasks, g_object_ref (g_ptr_array_index (batch, i)));
  completion->error = g_strdup (error);
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, complete_cb, completion,
                              (GDestroyNotify) completion_free);
}

static void
commit_batch (LiaisonRelayStore *self,
              GPtrArray         *batch)
{
  gint64 start = g_get_monotonic_time ();
  int rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  g_autofree char *message = NULL;

  for (guint i = 0; rc == SQLITE_OK && i < batch->len; i++)
    rc = run_write (self, g_task_get_task_data (g_ptr_array_index (batch, i)));
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      message = g_strdup (sqlite3_errmsg (self->db));
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_warning ("Commit of %u events failed: %s", batch->len, message);
      g_atomic_pointer_add (&self->failures, 1);
      complete_batch (batch, message);
      return;
    }

  g_atomic_pointer_add (&self->commits, 1);
  g_atomic_pointer_add (&self->events, batch->len);
  g_atomic_pointer_add (&self->commit_usec_total, (gssize) (g_get_monotonic_time () - start));
  complete_batch (batch, NULL);
}

static void
read_one (LiaisonRelayStore *self,
          GTask             *task)
{
  g_autoptr(GPtrArray) single = g_ptr_array_new ();
  int rc = run_read (self, g_task_get_task_data (task));

  g_ptr_array_add (single, task);
  complete_batch (single, rc == SQLITE_OK ? NULL : sqlite3_errmsg (self->db));
}

/* Takes whatever is queued: consecutive writes share one transaction, a
 * read runs on its own between them, and results go back in queue order. */
static gpointer
writer_thread (gpointer user_data)
{
  LiaisonRelayStore *self = user_data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean stop = FALSE;

  while (!stop)
    {
      gpointer item = g_async_queue_pop (self->queue);

      while (item != NULL)
        {
          if (item == &stop_marker)
            {
              stop = TRUE;
              break;
            }
          if (!op_is_write (g_task_get_task_data (item)))
            {
              if (batch->len > 0)
                commit_batch (self, batch);
              g_ptr_array_set_size (batch, 0);
              read_one (self, item);
              g_object_unref (item);
            }
          else
            {
              g_ptr_array_add (batch, item);
            }
          item = batch->len < MAX_BATCH ? g_async_queue_try_pop (self->queue) : NULL;
        }

      if (batch->len > 0)
        commit_batch (self, batch);
      g_ptr_array_set_size (batch, 0);
    }

  return NULL;
}

static void
liaison_relay_store_finalize (GObject *object)
{
  LiaisonRelayStore *self = LIAISON_RELAY_STORE (object);

  if (self->writer != NULL)
    {
      g_async_queue_push (self->queue, &stop_marker);
      g_thread_join (self->writer);
    }
  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->policies, g_hash_table_unref);
  g_clear_pointer (&self->insert_seen, sqlite3_finalize);
  g_clear_pointer (&self->get_status, sqlite3_finalize);
  g_clear_pointer (&self->put_status, sqlite3_finalize);
  g_clear_pointer (&self->insert_event, sqlite3_finalize);
  g_clear_pointer (&self->insert_event_advisor, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (liaison_relay_store_parent_class)->finalize (object);
}

static void
liaison_relay_store_class_init (LiaisonRelayStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_relay_store_finalize;
}

static void
liaison_relay_store_init (LiaisonRelayStore *self)
{
  self->queue = g_async_queue_new ();
}

static gboolean
prepare (LiaisonRelayStore  *self,
         const char         *sql,
         sqlite3_stmt      **out_stmt,
         GError            **error)
{
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out_stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

LiaisonRelayStore *
liaison_relay_store_open (const char  *path,
                          GError     **error)
{
  g_autoptr(LiaisonRelayStore) self = NULL;
  char *message = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_RELAY_STORE, NULL);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                         | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, 5000);
      rc = sqlite3_exec (self->db, SCHEMA, NULL, NULL, &message);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot open the database %s: %s"),
                   path, message != NULL ? message
                                         : self->db != NULL ? sqlite3_errmsg (self->db)
                                                            : sqlite3_errstr (rc));
      sqlite3_free (message);
      return NULL;
    }

  if (!prepare (self, "INSERT INTO seen (key, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                &self->insert_seen, error)
      || !prepare (self, "SELECT rank FROM statuses WHERE sid = ?", &self->get_status, error)
      || !prepare (self, "INSERT INTO statuses (sid, rank, at) VALUES (?, ?, ?)"
                         " ON CONFLICT (sid) DO UPDATE SET rank = excluded.rank, at = excluded.at",
                   &self->put_status, error)
      || !prepare (self, "INSERT INTO events (received_at, kind, account_sid, sid, status,"
                         " from_number, to_number, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   &self->insert_event, error)
      || !prepare (self, "INSERT INTO event_advisors (advisor, cursor) VALUES (?, ?)",
                   &self->insert_event_advisor, error))
    return NULL;

  /* Read before the writer thread owns the connection. */
  {
    sqlite3_stmt *stmt = NULL;

    self->policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    if (sqlite3_prepare_v2 (self->db, "SELECT advisor, policy FROM policies", -1, &stmt, NULL) == SQLITE_OK)
      {
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_hash_table_insert (self->policies, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                               g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      }
    sqlite3_finalize (stmt);
  }

  self->writer = g_thread_new ("relay-writer", writer_thread, self);

  return g_steal_pointer (&self);
}

static void
queue_op (LiaisonRelayStore   *self,
          Op                  *op,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Once queued, a write happens even if the caller gave up: the webhook
   * may be retried, and deduplication takes care of that. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_async_queue_push (self->queue, g_steal_pointer (&task));
}

void
liaison_relay_store_append_async (LiaisonRelayStore   *self,
                                  LiaisonRelayEvent   *event,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Op *op;

  g_return_if_fail (LIAISON_IS_RELAY_STORE (self));
  g_return_if_fail (event != NULL);

  op = g_new0 (Op, 1);
  op->kind = OP_APPEND;
  op->event = event;
  if (op->event->received_at == 0)
    op->event->received_at = g_get_real_time ();
  queue_op (self, op, liaison_relay_store_append_async, cancellable, callback, user_data);
}

LiaisonRelayAppendResult
liaison_relay_store_append_finish (LiaisonRelayStore  *self,
                                   GAsyncResult       *result,
                                   LiaisonRelayEvent **out_event,
                                   GError            **error)
{
  Op *op;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), LIAISON_RELAY_APPEND_DUPLICATE);

  op = g_task_get_task_data (G_TASK (result));
  value = g_task_propagate_int (G_TASK (result), error);
  if (out_event != NULL)
    *out_event = g_steal_pointer (&op->event);

  return value < 0 ? (LiaisonRelayAppendResult) -1 : (LiaisonRelayAppendResult) value;
}

void
liaison_relay_store_read_async (LiaisonRelayStore   *self,
                                const char          *advisor,
                                gint64               after_cursor,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Op *op;

  g_return_if_fail (LIAISON_IS_RELAY_STORE (self));
  g_return_if_fail (advisor != NULL);

  op = g_new0 (Op, 1);
  op->kind = OP_READ;
  op->advisor = g_strdup (advisor);
  op->cursor = after_cursor;
  op->limit = CLAMP (limit, 1, 5000);
  queue_op (self, op, liaison_relay_store_read_async, cancellable, callback, user_data);
}

GPtrArray *
liaison_relay_store_read_finish (LiaisonRelayStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_relay_store_register_async (LiaisonRelayStore  *self,
                                    const char         *advisor,
                                    const char         *client_id,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_REGISTER;
  op->advisor = g_strdup (advisor);
  op->client_id = g_strdup (client_id);
  queue_op (self, op, liaison_relay_store_register_async, cancellable, callback, user_data);
}

void
liaison_relay_store_ack_async (LiaisonRelayStore   *self,
                               const char          *advisor,
                               const char          *client_id,
                               gint64               cursor,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_ACK;
  op->advisor = g_strdup (advisor);
  op->client_id = g_strdup (client_id);
  op->cursor = cursor;
  queue_op (self, op, liaison_relay_store_ack_async, cancellable, callback, user_data);
}

void
liaison_relay_store_prune_async (LiaisonRelayStore   *self,
                                 gint64               before,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_PRUNE;
  op->cursor = before;
  queue_op (self, op, liaison_relay_store_prune_async, cancellable, callback, user_data);
}

GHashTable *
liaison_relay_store_dup_policies (LiaisonRelayStore *self)
{
  g_return_val_if_fail (LIAISON_IS_RELAY_STORE (self), NULL);

  return g_hash_table_ref (self->policies);
}

void
liaison_relay_store_put_policy_async (LiaisonRelayStore  *self,
                                      const char         *advisor,
                                      const char         *json,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  Op *op = g_new0 (Op, 1);

  op->kind = OP_POLICY;
  op->advisor = g_strdup (advisor);
  op->client_id = g_strdup (json);
  queue_op (self, op, liaison_relay_store_put_policy_async, cancellable, callback, user_data);
}

gint64
liaison_relay_store_write_finish (LiaisonRelayStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

void
liaison_relay_store_get_stats (LiaisonRelayStore *self,
                               guint64           *out_commits,
                               guint64           *out_events,
                               guint64           *out_commit_usec_total,
                               guint64           *out_failures)
{
  g_return_if_fail (LIAISON_IS_RELAY_STORE (self));

  *out_commits = (guint64) (gsize) g_atomic_pointer_get (&self->commits);
  *out_events = (guint64) (gsize) g_atomic_pointer_get (&self->events);
  *out_commit_usec_total = (guint64) (gsize) g_atomic_pointer_get (&self->commit_usec_total);
  *out_failures = (guint64) (gsize) g_atomic_pointer_get (&self->failures);
}
