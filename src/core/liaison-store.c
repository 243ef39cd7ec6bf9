/* liaison-store.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include "liaison-store.h"
#include "liaison-store-private.h"

#include <glib/gi18n-lib.h>

/*
 * LiaisonStore owns one SQLite connection that lives on one worker thread,
 * fed by a GAsyncQueue of requests sorted by priority, then by arrival (as
 * Chatty's chatty-history.c does, with typed task data instead of object data).
 * Nothing on the caller's thread ever touches the connection: every public call
 * is an _async/_finish pair whose work runs on the worker.
 *
 * The worker's state lives in a reference-counted Worker, not in the GObject,
 * so that a worker that has to be left running (dispose gives up after a cap)
 * never touches a freed store.
 */

#define DISPOSE_DRAIN_CAP_USEC (10 * G_USEC_PER_SEC)

typedef enum {
  ITEM_OPEN,
  ITEM_BUSY_TIMEOUT,
  ITEM_WORK,
  ITEM_CLOSE,
  ITEM_STOP,
} ItemKind;

/* Queue positions of the special items: open first, then a timeout change,
 * then work by priority; close after all queued work; stop last of all. */
#define PRIORITY_OPEN         G_MININT
#define PRIORITY_BUSY_TIMEOUT (G_MININT + 1)
#define PRIORITY_CLOSE        (G_MAXINT - 1)
#define PRIORITY_STOP         G_MAXINT

typedef struct
{
  ItemKind  kind;
  int       priority;
  guint64   seq;
  GTask    *task;            /* owned; NULL for STOP and BUSY_TIMEOUT */
  guint     busy_timeout;
} QueueItem;

typedef struct
{
  LiaisonStoreWorkFunc  func;
  gpointer              data;
  GDestroyNotify        destroy;
  GDestroyNotify        result_destroy;
} WorkData;

typedef struct
{
  gatomicrefcount  ref_count;

  GAsyncQueue     *queue;          /* of QueueItem, sorted */
  GThread         *thread;         /* set before the first item is queued */

  /* Set before the thread starts, then read on the worker only. */
  char            *path;
  GPtrArray       *extra_migrations;

  /* Worker thread only. */
  sqlite3         *db;
  GHashTable      *stmts;          /* SQL text -> sqlite3_stmt */
  GCancellable    *current;        /* cancellable of the running request */
  guint            busy_timeout;

  GMutex           mutex;
  GCond            cond;
  gboolean         stopped;        /* under mutex */
  guint64          next_seq;       /* under mutex */
} Worker;

struct _LiaisonStore
{
  GObject    parent_instance;

  char      *path;
  guint      busy_timeout;
  char      *last_backup_path;
  GPtrArray *test_migrations;

  Worker    *worker;               /* NULL when no worker thread runs */
  GThread   *thread;               /* the worker's thread, to join */
  gboolean   open;
  gboolean   closing;
};

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonStore, liaison_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-store-error-quark, liaison_store_error)

/* Errors */

GError *
_liaison_store_error_new (sqlite3 *db,
                          int      rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return g_error_new_literal (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT,
                                  _("The database is damaged or is not a Liaison database. "
                                    "It was left untouched."));

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_error_new_literal (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_LOCKED,
                                  _("The database is in use by another program. Close it "
                                    "there, then try again."));

    case SQLITE_FULL:
      return g_error_new_literal (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_IO,
                                  _("The disk is full: free some space, then try again."));

    case SQLITE_IOERR:
    case SQLITE_NOMEM:
      return g_error_new (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_IO,
                          _("The database could not be read or written: %s"), detail);

    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return g_error_new (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CANNOT_OPEN,
                          _("The database could not be opened: %s"), detail);

    case SQLITE_INTERRUPT:
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                  _("The operation was cancelled."));

    default:
      return g_error_new (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED,
                          _("Database error: %s"), detail);
    }
}

gboolean
_liaison_store_set_error (GError  **error,
                          sqlite3  *db,
                          int       rc)
{
  if (error != NULL)
    {
      g_return_val_if_fail (*error == NULL, FALSE);
      *error = _liaison_store_error_new (db, rc);
    }

  return FALSE;
}

static void
return_not_open (GTask *task)
{
  g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED,
                           _("The database is not open."));
}

/* Queue items */

static void
queue_item_free (QueueItem *item)
{
  g_clear_object (&item->task);
  g_free (item);
}

static int
queue_item_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const QueueItem *ia = a;
  const QueueItem *ib = b;

  if (ia->priority != ib->priority)
    return ia->priority < ib->priority ? -1 : 1;
  if (ia->seq != ib->seq)
    return ia->seq < ib->seq ? -1 : 1;
  return 0;
}

static void
work_data_free (gpointer data)
{
  WorkData *wd = data;

  if (wd->destroy != NULL && wd->data != NULL)
    wd->destroy (wd->data);
  g_free (wd);
}

/* Worker */

static Worker *
worker_ref (Worker *w)
{
  g_atomic_ref_count_inc (&w->ref_count);
  return w;
}

static void
worker_unref (Worker *w)
{
  QueueItem *item;

  if (!g_atomic_ref_count_dec (&w->ref_count))
    return;

  /* Only reachable with nothing running; anything still queued is answered. */
  while ((item = g_async_queue_try_pop (w->queue)) != NULL)
    {
      if (item->task != NULL)
        return_not_open (item->task);
      queue_item_free (item);
    }

  g_assert (w->db == NULL);
  g_clear_pointer (&w->stmts, g_hash_table_unref);
  g_async_queue_unref (w->queue);
  g_clear_pointer (&w->extra_migrations, g_ptr_array_unref);
  g_free (w->path);
  g_mutex_clear (&w->mutex);
  g_cond_clear (&w->cond);
  g_free (w);
}

static void
worker_assert_thread (Worker *w)
{
  g_assert (w != NULL);
  g_assert (w->thread == g_thread_self ());
}

static int
worker_progress_cb (gpointer user_data)
{
  Worker *w = user_data;

  /* Non-zero interrupts the running statement (SQLITE_INTERRUPT). */
  return w->current != NULL && g_cancellable_is_cancelled (w->current);
}

static void
worker_close_db (Worker *w)
{
  int rc;

  worker_assert_thread (w);

  if (w->db == NULL)
    return;

  /* No PRAGMA optimize: statistics gathered while tables are small steer the
   * planner to scans later (seen in test-store's query-plans case), and every
   * query here has an index the statistics-free planner picks. */
  g_hash_table_remove_all (w->stmts);
  rc = sqlite3_close (w->db);
  if (rc != SQLITE_OK)
    {
      g_warning ("Closing the database: %s", sqlite3_errmsg (w->db));
      sqlite3_close_v2 (w->db);
    }
  w->db = NULL;
  g_debug ("Closed the database");
}

static gboolean
release_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* The worker's reference to a finished request is dropped on the caller's
 * main context, not on the worker: if it were the last one, the store (the
 * task's source object) would be finalized on the worker thread, its weak
 * references and notifications with it. */
static void
release_task (GTask *task)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, release_task_cb, task, NULL);
  g_source_set_static_name (source, "[liaison-store] release request");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
worker_open (Worker *w,
             GTask  *task)
{
  g_autoptr(GError) error = NULL;
  char *backup_path = NULL;
  sqlite3 *db;

  worker_assert_thread (w);

  if (w->db != NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  db = _liaison_store_schema_open (w->path, w->busy_timeout, w->extra_migrations,
                                   &backup_path, &error);
  if (db == NULL)
    {
      g_debug ("Could not open the database: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  w->db = db;
  sqlite3_progress_handler (db, 1000, worker_progress_cb, w);
  g_debug ("Opened the database, schema %u", _liaison_store_schema_get_n_builtin ());
  g_task_return_pointer (task, backup_path, g_free);
}

static void
worker_run (Worker *w,
            GTask  *task)
{
  LiaisonStore *self = g_task_get_source_object (task);
  WorkData *wd = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  gpointer result;

  worker_assert_thread (w);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (w->db == NULL)
    {
      return_not_open (task);
      return;
    }

  w->current = cancellable;
  result = wd->func (self, w->db, wd->data, cancellable, &error);
  w->current = NULL;

  if (!sqlite3_get_autocommit (w->db))
    {
      g_critical ("A store request left a transaction open; rolling it back");
      sqlite3_exec (w->db, "ROLLBACK", NULL, NULL, NULL);
    }

  /* The data is no longer needed: free it here rather than when the task dies. */
  if (wd->destroy != NULL && wd->data != NULL)
    wd->destroy (wd->data);
  wd->data = NULL;

  if (error != NULL)
    {
      if (result != NULL && wd->result_destroy != NULL)
        wd->result_destroy (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      g_task_return_pointer (task, result, wd->result_destroy);
    }
}

static gpointer
worker_main (gpointer user_data)
{
  Worker *w = user_data;
  gboolean running = TRUE;

  w->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) sqlite3_finalize);

  while (running)
    {
      QueueItem *item = g_async_queue_pop (w->queue);

      worker_assert_thread (w);

      switch (item->kind)
        {
        case ITEM_OPEN:
          worker_open (w, item->task);
          break;

        case ITEM_BUSY_TIMEOUT:
          w->busy_timeout = item->busy_timeout;
          if (w->db != NULL)
            sqlite3_busy_timeout (w->db, (int) MIN (item->busy_timeout, (guint) G_MAXINT));
          break;

        case ITEM_WORK:
          worker_run (w, item->task);
          break;

        case ITEM_CLOSE:
          worker_close_db (w);
          g_task_return_boolean (item->task, TRUE);
          running = FALSE;
          break;

        case ITEM_STOP:
          worker_close_db (w);
          running = FALSE;
          break;

        default:
          g_assert_not_reached ();
        }

      if (item->task != NULL)
        release_task (g_steal_pointer (&item->task));
      queue_item_free (item);
    }

  g_hash_table_remove_all (w->stmts);

  g_mutex_lock (&w->mutex);
  w->stopped = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->mutex);

  worker_unref (w);
  return NULL;
}

static void
worker_push (Worker   *w,
             ItemKind  kind,
             int       priority,
             GTask    *task,
             guint     busy_timeout)
{
  QueueItem *item = g_new0 (QueueItem, 1);

  item->kind = kind;
  item->priority = priority;
  item->task = task;
  item->busy_timeout = busy_timeout;

  g_mutex_lock (&w->mutex);
  item->seq = w->next_seq++;
  g_mutex_unlock (&w->mutex);

  g_async_queue_push_sorted (w->queue, item, queue_item_compare, NULL);
}

static void
start_worker (LiaisonStore *self)
{
  Worker *w;

  g_assert (self->worker == NULL);

  w = g_new0 (Worker, 1);
  g_atomic_ref_count_init (&w->ref_count);
  w->queue = g_async_queue_new ();
  w->path = g_strdup (self->path);
  w->busy_timeout = self->busy_timeout;
  w->extra_migrations = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->test_migrations != NULL && i < self->test_migrations->len; i++)
    g_ptr_array_add (w->extra_migrations, g_strdup (g_ptr_array_index (self->test_migrations, i)));
  g_mutex_init (&w->mutex);
  g_cond_init (&w->cond);

  /* The thread owns one reference; we keep the other. */
  self->thread = g_thread_new ("liaison-store-worker", worker_main, worker_ref (w));
  w->thread = self->thread;
  self->worker = w;
}

/* Stops the worker from dispose: it has at most DISPOSE_DRAIN_CAP_USEC to
 * finish what is queued and close the connection; past that it is detached
 * and cleans up after itself when done. */
static void
stop_worker (LiaisonStore *self)
{
  Worker *w = g_steal_pointer (&self->worker);
  GThread *thread = g_steal_pointer (&self->thread);
  gboolean stopped;

  if (w == NULL)
    return;

  worker_push (w, ITEM_STOP, PRIORITY_STOP, NULL, 0);

  if (thread == g_thread_self ())
    {
      /* The last reference went away on the worker itself (release_task()
       * makes this unlikely): it cannot join itself, and it stops after this
       * item. */
      g_thread_unref (thread);
      worker_unref (w);
      return;
    }

  g_mutex_lock (&w->mutex);
  {
    gint64 deadline = g_get_monotonic_time () + DISPOSE_DRAIN_CAP_USEC;

    while (!w->stopped)
      if (!g_cond_wait_until (&w->cond, &w->mutex, deadline))
        break;
  }
  stopped = w->stopped;
  g_mutex_unlock (&w->mutex);

  if (stopped)
    {
      g_thread_join (thread);
    }
  else
    {
      g_warning ("The database worker did not finish within %d s; leaving it to finish alone",
                 (int) (DISPOSE_DRAIN_CAP_USEC / G_USEC_PER_SEC));
      g_thread_unref (thread);
    }

  worker_unref (w);
}

/* GObject */

static void
liaison_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_dispose (GObject *object)
{
  LiaisonStore *self = LIAISON_STORE (object);

  stop_worker (self);

  G_OBJECT_CLASS (liaison_store_parent_class)->dispose (object);
}

static void
liaison_store_finalize (GObject *object)
{
  LiaisonStore *self = LIAISON_STORE (object);

  g_free (self->path);
  g_free (self->last_backup_path);
  g_clear_pointer (&self->test_migrations, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_store_parent_class)->finalize (object);
}

static void
liaison_store_class_init (LiaisonStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_store_get_property;
  object_class->set_property = liaison_store_set_property;
  object_class->dispose = liaison_store_dispose;
  object_class->finalize = liaison_store_finalize;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_store_init (LiaisonStore *self)
{
  self->busy_timeout = 5000;
}

guint
liaison_store_get_schema_version (void)
{
  return _liaison_store_schema_get_n_builtin ();
}

LiaisonStore *
liaison_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  return g_object_new (LIAISON_TYPE_STORE,
                       "path", path,
                       NULL);
}

const char *
liaison_store_get_path (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  return self->path;
}

gboolean
liaison_store_is_open (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  return self->open && !self->closing;
}

void
liaison_store_set_busy_timeout (LiaisonStore *self,
                                guint         msec)
{
  g_return_if_fail (LIAISON_IS_STORE (self));

  self->busy_timeout = msec;
  if (self->worker != NULL && !self->closing)
    worker_push (self->worker, ITEM_BUSY_TIMEOUT, PRIORITY_BUSY_TIMEOUT, NULL, msec);
}

const char *
liaison_store_get_last_backup_path (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  return self->last_backup_path;
}

void
_liaison_store_add_test_migration (LiaisonStore *self,
                                   const char   *sql)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (self->worker == NULL);

  if (self->test_migrations == NULL)
    self->test_migrations = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->test_migrations, g_strdup (sql));
}

/* Open and close */

static void
open_worker_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaisonStore *self = LIAISON_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *backup_path;

  backup_path = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->open = TRUE;
  if (backup_path != NULL)
    {
      g_free (self->last_backup_path);
      self->last_backup_path = backup_path;
    }

  g_task_return_boolean (task, TRUE);
}

void
liaison_store_open_async (LiaisonStore        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *inner;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_open_async);

  if (self->closing)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED,
                               _("The database is being closed."));
      return;
    }

  if (self->open)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->worker == NULL)
    start_worker (self);

  /* The connection is opened even if the caller cancels meanwhile (the
   * outer task then reports the cancellation); a second open is a no-op. */
  inner = g_task_new (self, NULL, open_worker_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, open_worker_cb);
  worker_push (self->worker, ITEM_OPEN, PRIORITY_OPEN, inner, 0);
}

gboolean
liaison_store_open_finish (LiaisonStore  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
close_worker_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LiaisonStore *self = LIAISON_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Worker *w = g_steal_pointer (&self->worker);
  GThread *thread = g_steal_pointer (&self->thread);

  g_task_propagate_boolean (G_TASK (result), &error);

  /* The worker returned the close request as its last act. */
  g_thread_join (thread);
  worker_unref (w);

  self->open = FALSE;
  self->closing = FALSE;

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_close_async (LiaisonStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *inner;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_close_async);

  if (self->closing)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED,
                               _("The database is already being closed."));
      return;
    }

  if (self->worker == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* From now on new requests are refused; queued ones still run. */
  self->closing = TRUE;
  inner = g_task_new (self, NULL, close_worker_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, close_worker_cb);
  worker_push (self->worker, ITEM_CLOSE, PRIORITY_CLOSE, inner, 0);
}

gboolean
liaison_store_close_finish (LiaisonStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_close_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Generic work */

/* Queues @task (which the caller created with its own source tag) to run @func
 * on the worker; takes ownership of @task. */
void
_liaison_store_submit (LiaisonStore         *self,
                       GTask                *task,
                       int                   priority,
                       LiaisonStoreWorkFunc  func,
                       gpointer              data,
                       GDestroyNotify        destroy,
                       GDestroyNotify        result_destroy)
{
  WorkData *wd;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);
  g_return_if_fail (priority > PRIORITY_BUSY_TIMEOUT && priority < PRIORITY_CLOSE);

  wd = g_new0 (WorkData, 1);
  wd->func = func;
  wd->data = data;
  wd->destroy = destroy;
  wd->result_destroy = result_destroy;
  g_task_set_task_data (task, wd, work_data_free);

  if (self->worker == NULL || self->closing)
    {
      return_not_open (task);
      g_object_unref (task);
      return;
    }

  worker_push (self->worker, ITEM_WORK, priority, task, 0);
}

void
_liaison_store_run_full_async (LiaisonStore         *self,
                               int                   priority,
                               LiaisonStoreWorkFunc  func,
                               gpointer              data,
                               GDestroyNotify        destroy,
                               GDestroyNotify        result_destroy,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _liaison_store_run_full_async);
  _liaison_store_submit (self, task, priority, func, data, destroy, result_destroy);
}

void
_liaison_store_run_async (LiaisonStore         *self,
                          LiaisonStoreWorkFunc  func,
                          gpointer              data,
                          GDestroyNotify        destroy,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  _liaison_store_run_full_async (self, LIAISON_STORE_PRIORITY_WRITE, func, data, destroy, NULL,
                                 cancellable, callback, user_data);
}

gpointer
_liaison_store_run_finish (LiaisonStore  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _liaison_store_run_full_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Worker-side helpers */

sqlite3 *
_liaison_store_get_db (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  worker_assert_thread (self->worker);
  return self->worker->db;
}

LiaisonStoreStmt *
_liaison_store_prepare (LiaisonStore  *self,
                        const char    *sql,
                        GError       **error)
{
  Worker *w;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  w = self->worker;
  worker_assert_thread (w);

  if (w->db == NULL)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED,
                           _("The database is not open."));
      return NULL;
    }

  stmt = g_hash_table_lookup (w->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (error, w->db, rc);
      return NULL;
    }

  g_hash_table_insert (w->stmts, g_strdup (sql), stmt);
  return stmt;
}

void
_liaison_store_stmt_release (LiaisonStoreStmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_liaison_store_exec (LiaisonStore  *self,
                     const char    *sql,
                     GError       **error)
{
  sqlite3 *db = _liaison_store_get_db (self);
  int rc;

  if (db == NULL)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED,
                           _("The database is not open."));
      return FALSE;
    }

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _liaison_store_set_error (error, db, rc);

  return TRUE;
}

gboolean
_liaison_store_begin (LiaisonStore  *self,
                      GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, "BEGIN IMMEDIATE", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  return TRUE;
}

gboolean
_liaison_store_commit (LiaisonStore  *self,
                       GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, "COMMIT", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  return TRUE;
}

void
_liaison_store_rollback (LiaisonStore *self)
{
  sqlite3 *db = _liaison_store_get_db (self);

  if (db != NULL && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_liaison_store_step_done (LiaisonStoreStmt  *stmt,
                          GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  return TRUE;
}

void
_liaison_store_bind_text_or_null (LiaisonStoreStmt *stmt,
                                  int               index,
                                  const char       *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}
