/* liaison-store-queries.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-queries"

#include "config.h"

#include "liaison-store-messages-private.h"
#include "liaison-store-private.h"
#include "liaison-contact-private.h"
#include "liaison-log.h"
#include "liaison-message-private.h"
#include "liaison-search-hit-private.h"
#include "liaison-thread-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/*
 * Threads, messages, contacts and search. Every function here has an _async
 * half on the caller's thread, which copies its arguments, and a worker half
 * (…_work) that runs the SQL on the store's worker thread.
 *
 * Paging is by key, never by OFFSET: "older than (time, id)", newest first,
 * each served by an index whose trailing columns are (time, id). The SQL texts
 * are listed in planned_queries below so that the tests can EXPLAIN them.
 */

#define MAX_PAGE 1000
#define MAX_QUERY_TOKENS 32

#define SQL_LIST_THREADS \
  "SELECT " LIAISON_THREAD_COLUMNS " FROM threads t " \
  "LEFT JOIN contacts c ON c.id = t.contact_id " \
  "LEFT JOIN messages m ON m.id = t.last_message_id " \
  "WHERE (t.last_time, t.id) < (?1, ?2) " \
  "ORDER BY t.last_time DESC, t.id DESC LIMIT ?3"

#define SQL_GET_THREAD \
  "SELECT " LIAISON_THREAD_COLUMNS " FROM threads t " \
  "LEFT JOIN contacts c ON c.id = t.contact_id " \
  "LEFT JOIN messages m ON m.id = t.last_message_id " \
  "WHERE t.id = ?1"

#define SQL_LIST_MESSAGES \
  "SELECT " LIAISON_MESSAGE_COLUMNS ", m.scheduled_at FROM messages m " \
  "WHERE m.thread_id = ?1 AND (m.created_at, m.id) < (?2, ?3) " \
  "ORDER BY m.created_at DESC, m.id DESC LIMIT ?4"

#define SQL_LIST_MESSAGES_AFTER \
  "SELECT " LIAISON_MESSAGE_COLUMNS ", m.scheduled_at FROM messages m " \
  "WHERE m.thread_id = ?1 AND (m.created_at, m.id) > (?2, ?3) " \
  "ORDER BY m.created_at, m.id LIMIT ?4"

#define SQL_SEARCH_MESSAGES \
  "SELECT m.id, m.thread_id, t.contact_id, m.created_at, " \
  "snippet (messages_fts, 0, char (1), char (2), '…', 12) " \
  "FROM messages_fts " \
  "JOIN messages m ON m.id = messages_fts.rowid " \
  "JOIN threads t ON t.id = m.thread_id " \
  "WHERE messages_fts MATCH ?1 " \
  "ORDER BY messages_fts.rowid DESC LIMIT ?2"

#define SQL_SEARCH_SENTENCES \
  "SELECT s.id, c.thread_id, coalesce (t.contact_id, c.contact_id), s.transcript_id, s.start_ms, " \
  "coalesce (c.started_at, tr.created_at) + s.start_ms * 1000, " \
  "snippet (sentences_fts, 0, char (1), char (2), '…', 12) " \
  "FROM sentences_fts " \
  "JOIN transcript_sentences s ON s.id = sentences_fts.rowid " \
  "JOIN transcripts tr ON tr.id = s.transcript_id " \
  "LEFT JOIN calls c ON c.sid = tr.call_sid " \
  "LEFT JOIN threads t ON t.id = c.thread_id " \
  "WHERE sentences_fts MATCH ?1 " \
  "ORDER BY sentences_fts.rowid DESC LIMIT ?2"

#define SQL_SEARCH_CONTACTS \
  "SELECT c.id, c.updated_at, " \
  "snippet (contacts_fts, -1, char (1), char (2), '…', 12) " \
  "FROM contacts_fts " \
  "JOIN contacts c ON c.id = contacts_fts.rowid " \
  "WHERE contacts_fts MATCH ?1 " \
  "ORDER BY contacts_fts.rowid DESC LIMIT ?2"

#define SQL_MARK_THREAD_READ \
  "UPDATE messages SET is_read = 1, updated_at = ?2 " \
  "WHERE thread_id = ?1 AND direction = 'inbound' AND is_read = 0"

#define SQL_FIND_MESSAGE_BY_SID \
  "SELECT id, thread_id FROM messages WHERE sid = ?1"

#define SQL_INSERT_CONTACT \
  "INSERT INTO contacts (display_name, first_name, last_name, company, email, kind, " \
  "pipeline_stage, owner, notes, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"

#define SQL_INSERT_CONTACT_PHONE \
  "INSERT INTO contact_phones (contact_id, e164, is_primary) VALUES (?1, ?2, ?3)"

#define SQL_INSERT_CONTACT_TAG \
  "INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)"

#define SQL_GET_CONTACT \
  "SELECT " LIAISON_CONTACT_COLUMNS " FROM contacts c WHERE c.id = ?1"

#define SQL_GET_CONTACT_PHONES \
  "SELECT e164 FROM contact_phones WHERE contact_id = ?1 ORDER BY is_primary DESC, id"

#define SQL_GET_CONTACT_TAGS \
  "SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY tag"

static const LiaisonStoreQuery planned_queries[] = {
  { "list-threads", SQL_LIST_THREADS },
  { "get-thread", SQL_GET_THREAD },
  { "list-messages", SQL_LIST_MESSAGES },
  { "list-messages-after", SQL_LIST_MESSAGES_AFTER },
  { "search-messages", SQL_SEARCH_MESSAGES },
  { "search-sentences", SQL_SEARCH_SENTENCES },
  { "search-contacts", SQL_SEARCH_CONTACTS },
  { "mark-thread-read", SQL_MARK_THREAD_READ },
  { "find-message-by-sid", SQL_FIND_MESSAGE_BY_SID },
  { "find-thread", LIAISON_STORE_SQL_FIND_THREAD },
  { "insert-thread", LIAISON_STORE_SQL_INSERT_THREAD },
  { "get-contact", SQL_GET_CONTACT },
  { "get-contact-phones", SQL_GET_CONTACT_PHONES },
  { "get-contact-tags", SQL_GET_CONTACT_TAGS },
  { NULL, NULL }
};

const LiaisonStoreQuery *
_liaison_store_get_planned_queries (void)
{
  return planned_queries;
}

static void
cursor_or_newest (const LiaisonStoreCursor *before,
                  gint64                   *out_time,
                  gint64                   *out_id)
{
  if (before == NULL || before->id == 0)
    {
      *out_time = G_MAXINT64;
      *out_id = G_MAXINT64;
    }
  else
    {
      *out_time = before->time;
      *out_id = before->id;
    }
}

/* Thread list */

typedef struct
{
  gint64  thread_id;
  gint64  before_time;
  gint64  before_id;
  guint   limit;
  gboolean after;   /* messages: newer than the cursor, oldest first */
} PageData;

static gpointer
list_threads_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  PageData *page = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _liaison_store_prepare (self, SQL_LIST_THREADS, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, page->before_time);
  sqlite3_bind_int64 (stmt, 2, page->before_id);
  sqlite3_bind_int (stmt, 3, (int) page->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (threads, _liaison_thread_new_from_stmt (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&threads);
}

void
liaison_store_list_threads_async (LiaisonStore             *self,
                                  const LiaisonStoreCursor *before,
                                  guint                     limit,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  GTask *task;
  PageData *page;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_threads_async);

  page = g_new0 (PageData, 1);
  cursor_or_newest (before, &page->before_time, &page->before_id);
  page->limit = CLAMP (limit, 1, MAX_PAGE);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_threads_work,
                         page, g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_threads_finish (LiaisonStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_list_threads_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One thread */

static gpointer
get_thread_work (LiaisonStore  *self,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 thread_id = *(gint64 *) data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_GET_THREAD, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, thread_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _liaison_thread_new_from_stmt (stmt, 0);

  if (rc == SQLITE_DONE)
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                 _("The conversation no longer exists."));
  else
    _liaison_store_set_error (error, db, rc);

  return NULL;
}

void
liaison_store_get_thread_async (LiaisonStore        *self,
                                gint64               thread_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_thread_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_thread_work,
                         g_memdup2 (&thread_id, sizeof thread_id), g_free, g_object_unref);
}

LiaisonThread *
liaison_store_get_thread_finish (LiaisonStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_get_thread_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Messages of a thread */

static gpointer
list_messages_work (LiaisonStore  *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  PageData *page = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _liaison_store_prepare (self, page->after ? SQL_LIST_MESSAGES_AFTER : SQL_LIST_MESSAGES,
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, page->thread_id);
  sqlite3_bind_int64 (stmt, 2, page->before_time);
  sqlite3_bind_int64 (stmt, 3, page->before_id);
  sqlite3_bind_int (stmt, 4, (int) page->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonMessage *message = _liaison_message_new_from_stmt (stmt, 0);

      _liaison_message_set_date_scheduled (message,
                                           sqlite3_column_int64 (stmt, LIAISON_MESSAGE_N_COLUMNS));
      g_ptr_array_add (messages, message);
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&messages);
}

/* Both directions: before the cursor newest first, or after it oldest first. */
static void
list_messages (LiaisonStore        *self,
               gint64               thread_id,
               gboolean             after,
               gint64               cursor_time,
               gint64               cursor_id,
               guint                limit,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task;
  PageData *page;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  page = g_new0 (PageData, 1);
  page->thread_id = thread_id;
  page->after = after;
  page->before_time = cursor_time;
  page->before_id = cursor_id;
  page->limit = CLAMP (limit, 1, MAX_PAGE);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_messages_work,
                         page, g_free, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_list_messages_async (LiaisonStore             *self,
                                   gint64                    thread_id,
                                   const LiaisonStoreCursor *before,
                                   guint                     limit,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  gint64 time, id;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  cursor_or_newest (before, &time, &id);
  list_messages (self, thread_id, FALSE, time, id, limit, cancellable, callback, user_data,
                 liaison_store_list_messages_async);
}

GPtrArray *
liaison_store_list_messages_finish (LiaisonStore  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_list_messages_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_store_list_messages_after_async (LiaisonStore             *self,
                                         gint64                    thread_id,
                                         const LiaisonStoreCursor *after,
                                         guint                     limit,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  gboolean from_oldest = after == NULL || after->id == 0;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_messages (self, thread_id, TRUE,
                 from_oldest ? G_MININT64 : after->time, from_oldest ? G_MININT64 : after->id,
                 limit, cancellable, callback, user_data, liaison_store_list_messages_after_async);
}

GPtrArray *
liaison_store_list_messages_after_finish (LiaisonStore  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_list_messages_after_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Search */

static gboolean
token_is_searchable (const char *token,
                     gsize       len)
{
  const char *end = token + len;

  for (const char *p = token; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        return TRUE;
    }

  return FALSE;
}

char *
_liaison_store_build_fts_query (const char *text)
{
  g_autoptr(GString) query = NULL;
  g_autofree char *valid = NULL;
  const char *last_start = NULL;
  const char *last_end = NULL;
  const char *p;
  guint n_tokens = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  query = g_string_new (NULL);
  p = valid;

  while (*p != '\0' && n_tokens < MAX_QUERY_TOKENS)
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      /* Tokens of punctuation alone would be empty phrases: drop them. */
      if (!token_is_searchable (start, (gsize) (p - start)))
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');

      /* A string in double quotes is taken literally by FTS5 ("" is a quote):
       * no operator, column filter or NEAR can come from the user. */
      g_string_append_c (query, '"');
      for (const char *q = start; q < p; q++)
        {
          if (*q == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *q);
        }
      g_string_append_c (query, '"');
      n_tokens++;
      last_start = start;
      last_end = p;
    }

  if (n_tokens == 0)
    return NULL;

  /* Search as you type: the last word may be unfinished, so it is a prefix,
   * unless it is a single character, which would match nearly everything. */
  if (g_utf8_strlen (last_start, (gssize) (last_end - last_start)) > 1)
    g_string_append_c (query, '*');

  return g_string_free (g_steal_pointer (&query), FALSE);
}

typedef struct
{
  char  *fts_query;
  guint  limit;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_free (search->fts_query);
  g_free (search);
}

static int
compare_hits_newest_first (gconstpointer a,
                           gconstpointer b)
{
  LiaisonSearchHit *ha = *(LiaisonSearchHit * const *) a;
  LiaisonSearchHit *hb = *(LiaisonSearchHit * const *) b;
  gint64 ta = liaison_search_hit_get_time (ha);
  gint64 tb = liaison_search_hit_get_time (hb);

  if (ta != tb)
    return ta > tb ? -1 : 1;
  if (liaison_search_hit_get_kind (ha) != liaison_search_hit_get_kind (hb))
    return liaison_search_hit_get_kind (ha) < liaison_search_hit_get_kind (hb) ? -1 : 1;
  if (liaison_search_hit_get_id (ha) != liaison_search_hit_get_id (hb))
    return liaison_search_hit_get_id (ha) > liaison_search_hit_get_id (hb) ? -1 : 1;
  return 0;
}

static gboolean
search_source (LiaisonStore          *self,
               sqlite3               *db,
               LiaisonSearchHitKind   kind,
               const char            *sql,
               SearchData            *search,
               GPtrArray             *hits,
               GError               **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, search->fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) search->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonSearchHit *hit;

      switch (kind)
        {
        case LIAISON_SEARCH_HIT_MESSAGE:
          hit = _liaison_search_hit_new (kind,
                                         sqlite3_column_int64 (stmt, 0),
                                         sqlite3_column_int64 (stmt, 1),
                                         sqlite3_column_int64 (stmt, 2),
                                         0, 0,
                                         sqlite3_column_int64 (stmt, 3),
                                         (const char *) sqlite3_column_text (stmt, 4));
          break;

        case LIAISON_SEARCH_HIT_SENTENCE:
          hit = _liaison_search_hit_new (kind,
                                         sqlite3_column_int64 (stmt, 0),
                                         sqlite3_column_int64 (stmt, 1),
                                         sqlite3_column_int64 (stmt, 2),
                                         sqlite3_column_int64 (stmt, 3),
                                         sqlite3_column_int64 (stmt, 4),
                                         sqlite3_column_int64 (stmt, 5),
                                         (const char *) sqlite3_column_text (stmt, 6));
          break;

        case LIAISON_SEARCH_HIT_CONTACT:
          hit = _liaison_search_hit_new (kind,
                                         sqlite3_column_int64 (stmt, 0),
                                         0,
                                         sqlite3_column_int64 (stmt, 0),
                                         0, 0,
                                         sqlite3_column_int64 (stmt, 1),
                                         (const char *) sqlite3_column_text (stmt, 2));
          break;

        default:
          g_assert_not_reached ();
        }

      g_ptr_array_add (hits, hit);
    }

  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, db, rc);

  return TRUE;
}

static gpointer
search_work (LiaisonStore  *self,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SearchData *search = data;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);

  /* Each source gives its newest matches (FTS5 walks rowids backwards, no
   * sort), then the union is ordered by time and cut to the limit. */
  if (!search_source (self, db, LIAISON_SEARCH_HIT_MESSAGE, SQL_SEARCH_MESSAGES,
                      search, hits, error) ||
      !search_source (self, db, LIAISON_SEARCH_HIT_SENTENCE, SQL_SEARCH_SENTENCES,
                      search, hits, error) ||
      !search_source (self, db, LIAISON_SEARCH_HIT_CONTACT, SQL_SEARCH_CONTACTS,
                      search, hits, error))
    return NULL;

  g_ptr_array_sort (hits, compare_hits_newest_first);
  if (hits->len > search->limit)
    g_ptr_array_remove_range (hits, search->limit, hits->len - search->limit);

  return g_steal_pointer (&hits);
}

void
liaison_store_search_async (LiaisonStore        *self,
                            const char          *query,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  SearchData *search;
  char *fts_query;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_search_async);

  fts_query = _liaison_store_build_fts_query (query);
  if (fts_query == NULL)
    {
      /* Nothing to look for: no SQL needed. */
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  search = g_new0 (SearchData, 1);
  search->fts_query = fts_query;
  search->limit = CLAMP (limit, 1, MAX_PAGE);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, search_work,
                         search, search_data_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_search_finish (LiaisonStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_search_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Adding a message */

typedef struct
{
  char     *sid;
  char     *our_number;
  char     *remote_number;
  char     *direction;
  char     *body;
  char     *status;
  int       error_code;
  char     *error_message;
  guint     num_segments;
  guint     num_media;
  gint64    date_created;
  gint64    date_sent;
  gboolean  is_read;
} MessageData;

typedef struct
{
  gint64   id;
  gint64   thread_id;
  gboolean is_new;     /* FALSE when the SID was already stored */
} AddedMessage;

static void
message_data_free (gpointer data)
{
  MessageData *msg = data;

  g_free (msg->sid);
  g_free (msg->our_number);
  g_free (msg->remote_number);
  g_free (msg->direction);
  g_free (msg->body);
  g_free (msg->status);
  g_free (msg->error_message);
  g_free (msg);
}

static gpointer
add_message_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  MessageData *msg = data;
  g_autofree AddedMessage *added = g_new0 (AddedMessage, 1);
  LiaisonStoreMessageInfo info = {
    .sid = msg->sid,
    .our_number = msg->our_number,
    .remote_number = msg->remote_number,
    .direction = msg->direction,
    .body = msg->body,
    .status = msg->status,
    .error_code = msg->error_code,
    .error_message = msg->error_message,
    .num_segments = msg->num_segments,
    .num_media = msg->num_media,
    .date_created = msg->date_created,
    .date_sent = msg->date_sent,
    .is_read = msg->is_read,
  };

  if (!_liaison_store_begin (self, error))
    return NULL;

  if (!_liaison_store_insert_message_locked (self, &info, 0, &added->id, &added->thread_id,
                                             &added->is_new, error) ||
      !_liaison_store_commit (self, error))
    {
      _liaison_store_rollback (self);
      return NULL;
    }

  if (!added->is_new)
    LIAISON_DEBUG_MASKED (msg->sid, "Message %s is already stored");

  return g_steal_pointer (&added);
}

void
liaison_store_add_message_async (LiaisonStore                  *self,
                                 const LiaisonStoreMessageInfo *info,
                                 GCancellable                  *cancellable,
                                 GAsyncReadyCallback            callback,
                                 gpointer                       user_data)
{
  static const char * const directions[] = {
    "inbound", "outbound-api", "outbound-call", "outbound-reply", NULL
  };
  GTask *task;
  MessageData *msg;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_add_message_async);

  /* Message data comes from outside (webhooks, the REST API): refuse bad
   * values with an error rather than asserting. */
  if (info->our_number == NULL || *info->our_number == '\0' ||
      info->remote_number == NULL || *info->remote_number == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A message needs both our number and the other party's number."));
      g_object_unref (task);
      return;
    }

  if (info->direction != NULL && !g_strv_contains (directions, info->direction))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Unknown message direction “%s”."), info->direction);
      g_object_unref (task);
      return;
    }

  if ((info->body != NULL && !g_utf8_validate (info->body, -1, NULL)) ||
      !g_utf8_validate (info->our_number, -1, NULL) ||
      !g_utf8_validate (info->remote_number, -1, NULL) ||
      (info->sid != NULL && !g_utf8_validate (info->sid, -1, NULL)) ||
      (info->status != NULL && !g_utf8_validate (info->status, -1, NULL)) ||
      (info->error_message != NULL && !g_utf8_validate (info->error_message, -1, NULL)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The message is not valid text (UTF-8)."));
      g_object_unref (task);
      return;
    }

  msg = g_new0 (MessageData, 1);
  msg->sid = g_strdup (info->sid);
  msg->our_number = g_strdup (info->our_number);
  msg->remote_number = g_strdup (info->remote_number);
  msg->direction = g_strdup (info->direction != NULL ? info->direction : "inbound");
  msg->body = g_strdup (info->body != NULL ? info->body : "");
  if (info->status != NULL)
    msg->status = g_strdup (info->status);
  else
    msg->status = g_strdup (g_str_equal (msg->direction, "inbound") ? "received" : "queued");
  msg->error_code = info->error_code;
  msg->error_message = g_strdup (info->error_message);
  msg->num_segments = MAX (info->num_segments, 1);
  msg->num_media = info->num_media;
  msg->date_created = info->date_created;
  msg->date_sent = info->date_sent;
  msg->is_read = info->is_read;

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, add_message_work,
                         msg, message_data_free, g_free);
}

gint64
liaison_store_add_message_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  gint64        *out_thread_id,
                                  GError       **error)
{
  return _liaison_store_add_message_finish_full (self, result, out_thread_id, NULL, error);
}

gint64
_liaison_store_add_message_finish_full (LiaisonStore  *self,
                                        GAsyncResult  *result,
                                        gint64        *out_thread_id,
                                        gboolean      *out_is_new,
                                        GError       **error)
{
  g_autofree AddedMessage *added = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_add_message_async,
                        0);

  if (out_is_new != NULL)
    *out_is_new = FALSE;

  added = g_task_propagate_pointer (G_TASK (result), error);
  if (added == NULL)
    return 0;

  if (out_thread_id != NULL)
    *out_thread_id = added->thread_id;
  if (out_is_new != NULL)
    *out_is_new = added->is_new;

  return added->id;
}

/* Marking a thread read */

static gpointer
mark_thread_read_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  gint64 thread_id = *(gint64 *) data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;

  stmt = _liaison_store_prepare (self, SQL_MARK_THREAD_READ, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, thread_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

void
liaison_store_mark_thread_read_async (LiaisonStore        *self,
                                      gint64               thread_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_mark_thread_read_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, mark_thread_read_work,
                         g_memdup2 (&thread_id, sizeof thread_id), g_free, NULL);
}

gboolean
liaison_store_mark_thread_read_finish (LiaisonStore  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_mark_thread_read_async,
                        FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/* Contacts */

typedef struct
{
  char  *display_name;
  char  *first_name;
  char  *last_name;
  char  *company;
  char  *email;
  char  *kind;
  char  *pipeline_stage;
  char  *owner;
  char  *notes;
  GStrv  phones;
  GStrv  tags;
} ContactData;

static void
contact_data_free (gpointer data)
{
  ContactData *contact = data;

  g_free (contact->display_name);
  g_free (contact->first_name);
  g_free (contact->last_name);
  g_free (contact->company);
  g_free (contact->email);
  g_free (contact->kind);
  g_free (contact->pipeline_stage);
  g_free (contact->owner);
  g_free (contact->notes);
  g_strfreev (contact->phones);
  g_strfreev (contact->tags);
  g_free (contact);
}

static gboolean
is_e164 (const char *number)
{
  gsize len;

  if (number == NULL || number[0] != '+' || number[1] < '1' || number[1] > '9')
    return FALSE;

  len = strlen (number);
  if (len < 3 || len > 16)
    return FALSE;

  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;

  return TRUE;
}

static gpointer
add_contact_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ContactData *contact = data;
  g_autoptr(LiaisonStoreStmt) insert = NULL;
  gint64 now = g_get_real_time ();
  gint64 id;

  if (!_liaison_store_begin (self, error))
    return NULL;

  insert = _liaison_store_prepare (self, SQL_INSERT_CONTACT, error);
  if (insert == NULL)
    goto failed;

  sqlite3_bind_text (insert, 1, contact->display_name, -1, SQLITE_STATIC);
  _liaison_store_bind_text_or_null (insert, 2, contact->first_name);
  _liaison_store_bind_text_or_null (insert, 3, contact->last_name);
  _liaison_store_bind_text_or_null (insert, 4, contact->company);
  _liaison_store_bind_text_or_null (insert, 5, contact->email);
  sqlite3_bind_text (insert, 6, contact->kind, -1, SQLITE_STATIC);
  _liaison_store_bind_text_or_null (insert, 7, contact->pipeline_stage);
  _liaison_store_bind_text_or_null (insert, 8, contact->owner);
  _liaison_store_bind_text_or_null (insert, 9, contact->notes);
  sqlite3_bind_int64 (insert, 10, now);
  if (!_liaison_store_step_done (insert, error))
    goto failed;

  id = sqlite3_last_insert_rowid (db);

  for (guint i = 0; contact->phones[i] != NULL; i++)
    {
      g_autoptr(LiaisonStoreStmt) phone = _liaison_store_prepare (self, SQL_INSERT_CONTACT_PHONE,
                                                                  error);

      if (phone == NULL)
        goto failed;

      sqlite3_bind_int64 (phone, 1, id);
      sqlite3_bind_text (phone, 2, contact->phones[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (phone, 3, i == 0 ? 1 : 0);
      if (!_liaison_store_step_done (phone, error))
        goto failed;
    }

  for (guint i = 0; contact->tags[i] != NULL; i++)
    {
      g_autoptr(LiaisonStoreStmt) tag = _liaison_store_prepare (self, SQL_INSERT_CONTACT_TAG, error);

      if (tag == NULL)
        goto failed;

      sqlite3_bind_int64 (tag, 1, id);
      sqlite3_bind_text (tag, 2, contact->tags[i], -1, SQLITE_STATIC);
      if (!_liaison_store_step_done (tag, error))
        goto failed;
    }

  if (!_liaison_store_commit (self, error))
    goto failed;

  return g_memdup2 (&id, sizeof id);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static GStrv
strv_copy_or_empty (const char * const *strv)
{
  return strv != NULL ? g_strdupv ((char **) strv) : g_new0 (char *, 1);
}

void
liaison_store_add_contact_async (LiaisonStore                  *self,
                                 const LiaisonStoreContactInfo *info,
                                 GCancellable                  *cancellable,
                                 GAsyncReadyCallback            callback,
                                 gpointer                       user_data)
{
  static const char * const kinds[] = { "lead", "prospect", "client", "referral-partner", NULL };
  GTask *task;
  ContactData *contact;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_add_contact_async);

  if (info->kind != NULL && !g_strv_contains (kinds, info->kind))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Unknown kind of contact “%s”."), info->kind);
      g_object_unref (task);
      return;
    }

  for (guint i = 0; info->phones != NULL && info->phones[i] != NULL; i++)
    {
      if (!is_e164 (info->phones[i]))
        {
          /* The number itself stays out of the message: errors end up in logs. */
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("Phone number %u is not in international format "
                                     "(+ and country code, for example +15551234567)."), i + 1);
          g_object_unref (task);
          return;
        }
    }

  contact = g_new0 (ContactData, 1);
  contact->first_name = g_strdup (info->first_name);
  contact->last_name = g_strdup (info->last_name);
  contact->company = g_strdup (info->company);
  contact->email = g_strdup (info->email);
  contact->kind = g_strdup (info->kind != NULL ? info->kind : "lead");
  contact->pipeline_stage = g_strdup (info->pipeline_stage);
  contact->owner = g_strdup (info->owner);
  contact->notes = g_strdup (info->notes);
  contact->phones = strv_copy_or_empty (info->phones);
  contact->tags = strv_copy_or_empty (info->tags);

  if (info->display_name != NULL && *info->display_name != '\0')
    contact->display_name = g_strdup (info->display_name);
  else if (info->first_name != NULL || info->last_name != NULL)
    contact->display_name = g_strstrip (g_strdup_printf ("%s %s",
                                                         info->first_name ? info->first_name : "",
                                                         info->last_name ? info->last_name : ""));
  else
    contact->display_name = g_strdup (info->company != NULL ? info->company : "");

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, add_contact_work,
                         contact, contact_data_free, g_free);
}

gint64
liaison_store_add_contact_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_add_contact_async,
                        0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

static GStrv
collect_strings (LiaisonStore  *self,
                 const char    *sql,
                 gint64         id,
                 GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, sql, error);
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static gpointer
get_contact_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 contact_id = *(gint64 *) data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(LiaisonContact) contact = NULL;
  GStrv phones, tags;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_GET_CONTACT, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                   _("The contact no longer exists."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  contact = _liaison_contact_new_from_stmt (stmt, 0);

  if ((phones = collect_strings (self, SQL_GET_CONTACT_PHONES, contact_id, error)) == NULL)
    return NULL;
  _liaison_contact_take_phones (contact, phones);

  if ((tags = collect_strings (self, SQL_GET_CONTACT_TAGS, contact_id, error)) == NULL)
    return NULL;
  _liaison_contact_take_tags (contact, tags);

  return g_steal_pointer (&contact);
}

void
liaison_store_get_contact_async (LiaisonStore        *self,
                                 gint64               contact_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_contact_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_contact_work,
                         g_memdup2 (&contact_id, sizeof contact_id), g_free, g_object_unref);
}

LiaisonContact *
liaison_store_get_contact_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_get_contact_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
