/* liaison-store-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* Work run on the store's worker thread, the only thread that touches the
 * connection. Return a pointer (or GINT_TO_POINTER (TRUE) for "done"), or NULL
 * with @error set. @cancellable is the request's; long loops should check it.
 * While the function runs, cancelling the request also interrupts the SQL
 * statement being stepped (it then fails with SQLITE_INTERRUPT, which
 * _liaison_store_set_error() reports as G_IO_ERROR_CANCELLED). */
typedef gpointer (*LiaisonStoreWorkFunc) (LiaisonStore  *self,
                                          sqlite3       *db,
                                          gpointer       data,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Queue priorities: lower runs first; within one priority, first come first
 * served. Reads the user is waiting for use _READ and go ahead of queued
 * writes, so wait for a write's _finish before reading what it wrote. */
#define LIAISON_STORE_PRIORITY_READ  G_PRIORITY_HIGH
#define LIAISON_STORE_PRIORITY_WRITE G_PRIORITY_DEFAULT

/* Runs @func (@data) on the worker at LIAISON_STORE_PRIORITY_WRITE. @destroy
 * frees @data afterwards (on the worker or, if the request never ran, when the
 * task is freed). The result of _finish belongs to the caller. */
void          _liaison_store_run_async       (LiaisonStore          *self,
                                              LiaisonStoreWorkFunc   func,
                                              gpointer               data,
                                              GDestroyNotify         destroy,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
/* The same with a queue priority and a destructor for a result nobody took
 * (for instance when the request was cancelled after the work was done). */
void          _liaison_store_run_full_async  (LiaisonStore          *self,
                                              int                    priority,
                                              LiaisonStoreWorkFunc   func,
                                              gpointer               data,
                                              GDestroyNotify         destroy,
                                              GDestroyNotify         result_destroy,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gpointer      _liaison_store_run_finish      (LiaisonStore          *self,
                                              GAsyncResult          *result,
                                              GError               **error);

/* For the store's own _async functions: queues @task (created by the caller
 * with its own source tag; ownership is taken) to run @func on the worker.
 * Its _finish uses g_task_propagate_pointer(). */
void          _liaison_store_submit          (LiaisonStore          *self,
                                              GTask                 *task,
                                              int                    priority,
                                              LiaisonStoreWorkFunc   func,
                                              gpointer               data,
                                              GDestroyNotify         destroy,
                                              GDestroyNotify         result_destroy);

/* Worker thread only (asserted). A cached prepared statement for @sql, which
 * must be a string that outlives the store (a literal). Release it with
 * _liaison_store_stmt_release() (or g_autoptr(LiaisonStoreStmt)), which resets
 * it and clears its bindings. */
typedef sqlite3_stmt LiaisonStoreStmt;
LiaisonStoreStmt *_liaison_store_prepare     (LiaisonStore          *self,
                                              const char            *sql,
                                              GError               **error);
void          _liaison_store_stmt_release    (LiaisonStoreStmt      *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreStmt, _liaison_store_stmt_release)

/* Worker thread only: the connection (asserted). */
sqlite3      *_liaison_store_get_db          (LiaisonStore          *self);

/* Worker thread only. Runs one or more statements without caching. */
gboolean      _liaison_store_exec            (LiaisonStore          *self,
                                              const char            *sql,
                                              GError               **error);
/* Worker thread only. BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
gboolean      _liaison_store_begin           (LiaisonStore          *self,
                                              GError               **error);
gboolean      _liaison_store_commit          (LiaisonStore          *self,
                                              GError               **error);
void          _liaison_store_rollback        (LiaisonStore          *self);

/* Maps a SQLite result code (@db may be NULL) to a translated GError:
 * NOTADB/CORRUPT -> LIAISON_STORE_ERROR_CORRUPT, BUSY/LOCKED -> _LOCKED,
 * FULL/IOERR/NOMEM -> _IO, CANTOPEN/READONLY/PERM/AUTH -> _CANNOT_OPEN,
 * INTERRUPT -> G_IO_ERROR_CANCELLED, anything else -> _FAILED. */
GError       *_liaison_store_error_new       (sqlite3               *db,
                                              int                    rc);
/* Sets @error from @rc as above and returns FALSE (for "return set_error (…)"). */
gboolean      _liaison_store_set_error       (GError               **error,
                                              sqlite3               *db,
                                              int                    rc);

/* Schema (liaison-store-schema.c). Opens @path on the calling thread (the
 * worker): creates it if missing, checks the header before SQLite touches it,
 * refuses newer or foreign databases without writing, backs up then migrates
 * older ones. @extra_migrations are appended after the built-in ones (tests). */
sqlite3      *_liaison_store_schema_open     (const char            *path,
                                              guint                  busy_timeout_ms,
                                              GPtrArray             *extra_migrations,
                                              char                 **out_backup_path,
                                              GError               **error);
guint         _liaison_store_schema_get_n_builtin (void);

/* Tests: add a migration step (a SQL script) after the built-in ones for this
 * store only, before open. The store's current version becomes one higher. */
void          _liaison_store_add_test_migration (LiaisonStore       *self,
                                                 const char         *sql);

/* Queries the store issues for paging and search, for EXPLAIN QUERY PLAN
 * checks in the tests. NULL-terminated. */
typedef struct {
  const char *name;
  const char *sql;
} LiaisonStoreQuery;

const LiaisonStoreQuery *_liaison_store_get_planned_queries (void);

/* liaison_store_add_message_finish() that also says whether the message was
 * added now (TRUE) or its SID was already stored (FALSE). */
gint64        _liaison_store_add_message_finish_full (LiaisonStore  *self,
                                                      GAsyncResult  *result,
                                                      gint64        *out_thread_id,
                                                      gboolean      *out_is_new,
                                                      GError       **error);

/* Turns user text into an FTS5 query: every token quoted, the last one a
 * prefix unless it is one character long. Returns NULL when nothing
 * searchable is left. */
char         *_liaison_store_build_fts_query (const char            *text);

/* Worker thread only, inside the caller's transaction: appends a journal
 * entry (liaison_store_journal_append_async() without its own transaction),
 * so that a change and its journal entry commit together. @time in µs. */
gboolean      _liaison_store_journal_append_locked (LiaisonStore  *self,
                                                    const char    *actor,
                                                    const char    *action,
                                                    const char    *subject,
                                                    const char    *detail,
                                                    gint64         time,
                                                    gint64        *out_id,
                                                    GError       **error);

/* Worker thread only. Steps a statement that returns no row; FALSE with the
 * store's error otherwise. */
gboolean      _liaison_store_step_done       (LiaisonStoreStmt      *stmt,
                                              GError               **error);
/* Binds @text (kept by the caller until the step), or NULL when it is NULL. */
void          _liaison_store_bind_text_or_null (LiaisonStoreStmt    *stmt,
                                              int                    index,
                                              const char            *text);

/* Threads are found and made by the same statements everywhere. */
#define LIAISON_STORE_SQL_FIND_THREAD \
  "SELECT id FROM threads WHERE our_number = ?1 AND remote_number = ?2"

#define LIAISON_STORE_SQL_INSERT_THREAD \
  "INSERT INTO threads (our_number, remote_number, contact_id, last_time, created_at) " \
  "VALUES (?1, ?2, (SELECT p.contact_id FROM contact_phones p WHERE p.e164 = ?2 " \
  "                 ORDER BY p.is_primary DESC, p.id LIMIT 1), ?3, ?3)"

/* Calls (liaison-store-calls.c): what the call reconciler and the retention
 * policy need besides the public API. */

/* The calls, recordings and voicemail queries, for the EXPLAIN QUERY PLAN
 * checks (tests/test-store-calls.c). NULL-terminated. */
const LiaisonStoreQuery *_liaison_store_calls_get_planned_queries (void);

/* Recordings the policy may delete: recorded before @cutoff (µs), not
 * deleted, not kept until after @now (retain_until), and on no legal hold
 * (the recording's, its call's, the call's contact's, or its voicemail's
 * contact's). Oldest first, at most @limit (0: all). GPtrArray of
 * LiaisonRecording. */
void          _liaison_store_list_expired_recordings_async  (LiaisonStore        *self,
                                                             gint64               cutoff,
                                                             gint64               now,
                                                             guint                limit,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray    *_liaison_store_list_expired_recordings_finish (LiaisonStore        *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* Marks a recording deleted at @time (status "deleted", no local copy) and
 * journals it (@actor, action "recording.delete", subject "recording:SID",
 * @detail) in the same transaction. LIAISON_STORE_ERROR_NOT_FOUND when it
 * is not there or already deleted. */
void          _liaison_store_mark_recording_deleted_async   (LiaisonStore        *self,
                                                             const char          *recording_sid,
                                                             gint64               time,
                                                             const char          *actor,
                                                             const char          *detail,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean      _liaison_store_mark_recording_deleted_finish  (LiaisonStore        *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* Small values the store keeps for its own components (store_state).
 * Getting a missing key gives NULL without an error; @value NULL deletes. */
void          _liaison_store_get_state_async (LiaisonStore        *self,
                                              const char          *key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char         *_liaison_store_get_state_finish (LiaisonStore       *self,
                                               GAsyncResult       *result,
                                               GError            **error);
void          _liaison_store_set_state_async (LiaisonStore        *self,
                                              const char          *key,
                                              const char          *value,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      _liaison_store_set_state_finish (LiaisonStore       *self,
                                               GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
