/* liaison-store.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-message.h"
#include "liaison-thread.h"
#include "liaison-search-hit.h"

G_BEGIN_DECLS

#define LIAISON_STORE_ERROR (liaison_store_error_quark ())

typedef enum {
  LIAISON_STORE_ERROR_FAILED,
  /* The file is not a database, or is damaged. It is left untouched. */
  LIAISON_STORE_ERROR_CORRUPT,
  /* Another program holds a lock longer than the busy timeout. */
  LIAISON_STORE_ERROR_LOCKED,
  /* The schema was written by a newer Liaison; we never downgrade. */
  LIAISON_STORE_ERROR_TOO_NEW,
  /* A migration failed; the database was rolled back, a backup exists. */
  LIAISON_STORE_ERROR_MIGRATION,
  /* Disk full or an I/O error. */
  LIAISON_STORE_ERROR_IO,
  /* The database could not be opened or is read-only. */
  LIAISON_STORE_ERROR_CANNOT_OPEN,
  LIAISON_STORE_ERROR_NOT_FOUND,
  LIAISON_STORE_ERROR_CLOSED,
} LiaisonStoreError;

/* Keyset cursor for "older than" paging: (time, id) < (before_time, before_id).
 * A cursor with before_id == 0 means "from the newest". */
typedef struct {
  gint64 time;     /* microseconds since the Unix epoch, UTC */
  gint64 id;
} LiaisonStoreCursor;

#define LIAISON_TYPE_STORE (liaison_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStore, liaison_store, LIAISON, STORE, GObject)

GQuark        liaison_store_error_quark            (void);

/* The current schema version written by this build. */
guint         liaison_store_get_schema_version      (void);

LiaisonStore *liaison_store_new                     (const char          *path);
const char   *liaison_store_get_path                (LiaisonStore        *self);
gboolean      liaison_store_is_open                 (LiaisonStore        *self);
/* Milliseconds SQLite waits for a lock before LIAISON_STORE_ERROR_LOCKED. Default 5000. */
void          liaison_store_set_busy_timeout        (LiaisonStore        *self,
                                                     guint                msec);

/* Opens (creating if needed), refuses newer schemas, backs up then migrates older ones. */
void          liaison_store_open_async              (LiaisonStore        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_open_finish             (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Path of the backup taken before the last migration, or NULL if none was needed. */
const char   *liaison_store_get_last_backup_path    (LiaisonStore        *self);

/* Finishes queued work, then closes the connection and stops the worker thread. */
void          liaison_store_close_async             (LiaisonStore        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_close_finish            (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Thread summaries, newest first: GPtrArray of LiaisonThread (with last-message
 * preview and unread count). @before may be NULL for the first page. */
void          liaison_store_list_threads_async      (LiaisonStore              *self,
                                                     const LiaisonStoreCursor  *before,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GPtrArray    *liaison_store_list_threads_finish     (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Messages of one thread, newest first: GPtrArray of LiaisonMessage. */
void          liaison_store_list_messages_async     (LiaisonStore              *self,
                                                     gint64                     thread_id,
                                                     const LiaisonStoreCursor  *before,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GPtrArray    *liaison_store_list_messages_finish    (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Full-text search over message bodies, transcript sentences, contact names
 * and notes. @query is user text (not FTS syntax); results newest first:
 * GPtrArray of LiaisonSearchHit with a highlighted snippet. */
void          liaison_store_search_async            (LiaisonStore        *self,
                                                     const char          *query,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray    *liaison_store_search_finish           (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
