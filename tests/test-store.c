/* test-store.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "liaison-store.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"

/*
 * The store against real SQLite files in a temporary folder. Where a test
 * needs to look behind the store's back (user_version, the file's bytes, a
 * second connection holding a lock), it opens the file with SQLite directly.
 */

#define OUR_NUMBER    "+15550100000"
#define REMOTE_A      "+15550100001"
#define REMOTE_B      "+15550100002"
#define FIXTURE_WORD  "fixtureword"
#define BASE_TIME     G_GINT64_CONSTANT (1767225600000000) /* 2026-01-01 UTC */

/* Helpers: raw SQLite */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  return db;
}

static void
raw_close (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static int
raw_try_exec (sqlite3    *db,
              const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* Each row of @sql as one line, columns separated by '|'. */
static char *
raw_dump_query (sqlite3    *db,
                const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, text != NULL ? text : "<NULL>");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

static char *
schema_of (const char *path)
{
  sqlite3 *db = raw_open (path);
  /* SQLite's own tables (sqlite_stat1 from PRAGMA optimize) are not schema. */
  char *schema = raw_dump_query (db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                                     "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");

  raw_close (db);
  return schema;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static guint
count_backups (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".bak"))
      n++;

  return n;
}

/* Thread summaries must equal what recomputing them from messages gives. */
static void
assert_thread_invariants (const char *path)
{
  sqlite3 *db = raw_open (path);

  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM threads t WHERE t.unread_count <> "
                            "(SELECT count(*) FROM messages m WHERE m.thread_id = t.id "
                            " AND m.direction = 'inbound' AND m.is_read = 0)"), ==, 0);
  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM threads t WHERE t.last_message_id IS NOT "
                            "(SELECT m.id FROM messages m WHERE m.thread_id = t.id "
                            " ORDER BY m.created_at DESC, m.id DESC LIMIT 1)"), ==, 0);
  g_assert_cmpint (raw_int (db,
                            "SELECT count(*) FROM threads t WHERE t.last_message_id IS NOT NULL "
                            "AND t.last_time <> (SELECT m.created_at FROM messages m "
                            "WHERE m.id = t.last_message_id)"), ==, 0);
  raw_close (db);
}

/* Helpers: the store */

static LiaisonStore *
store_try_open (const char  *path,
                guint        busy_timeout,
                GError     **error)
{
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;

  if (busy_timeout > 0)
    liaison_store_set_busy_timeout (store, busy_timeout);

  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  if (!liaison_store_open_finish (store, result, error))
    return NULL;

  g_assert_true (liaison_store_is_open (store));
  return g_steal_pointer (&store);
}

static LiaisonStore *
store_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = store_try_open (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
store_close (LiaisonStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_false (liaison_store_is_open (store));
}

static gpointer
exec_work (LiaisonStore  *self,
           sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  if (!_liaison_store_exec (self, data, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* Runs SQL on the store's own connection (its worker thread). */
static gboolean
store_exec (LiaisonStore  *store,
            const char    *sql,
            GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _liaison_store_run_async (store, exec_work, g_strdup (sql), g_free, NULL,
                            liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return _liaison_store_run_finish (store, result, error) != NULL;
}

static gint64
store_add_message_full (LiaisonStore  *store,
                        const char    *sid,
                        const char    *remote,
                        const char    *direction,
                        const char    *body,
                        gint64         time,
                        gint64        *out_thread_id,
                        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LiaisonStoreMessageInfo info = {
    .sid = sid,
    .our_number = OUR_NUMBER,
    .remote_number = remote,
    .direction = direction,
    .body = body,
    .date_created = time,
  };

  liaison_store_add_message_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_add_message_finish (store, result, out_thread_id, error);
}

static gint64
store_add_message (LiaisonStore *store,
                   const char   *remote,
                   const char   *direction,
                   const char   *body,
                   gint64        time,
                   gint64       *out_thread_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = store_add_message_full (store, NULL, remote, direction, body, time,
                                      out_thread_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
store_add_contact (LiaisonStore                  *store,
                   const LiaisonStoreContactInfo *info)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_contact_async (store, info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_contact_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LiaisonThread *
store_get_thread (LiaisonStore *store,
                  gint64        thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonThread *thread;

  liaison_store_get_thread_async (store, thread_id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  thread = liaison_store_get_thread_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (thread);
  return thread;
}

static GPtrArray *
store_list_threads (LiaisonStore             *store,
                    const LiaisonStoreCursor *before,
                    guint                     limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *threads;

  liaison_store_list_threads_async (store, before, limit, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  threads = liaison_store_list_threads_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (threads);
  return threads;
}

/* A page of a thread's messages: before @cursor newest first, or (@after)
 * after it oldest first. */
static GPtrArray *
store_list_messages_way (LiaisonStore             *store,
                         gint64                    thread_id,
                         gboolean                  after,
                         const LiaisonStoreCursor *cursor,
                         guint                     limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  if (after)
    liaison_store_list_messages_after_async (store, thread_id, cursor, limit, NULL,
                                             liaison_test_async_cb, &result);
  else
    liaison_store_list_messages_async (store, thread_id, cursor, limit, NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  messages = after ? liaison_store_list_messages_after_finish (store, result, &error)
                   : liaison_store_list_messages_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (messages);
  return messages;
}

#define store_list_messages(store, thread_id, before, limit) \
  store_list_messages_way (store, thread_id, FALSE, before, limit)
#define store_list_messages_after(store, thread_id, after, limit) \
  store_list_messages_way (store, thread_id, TRUE, after, limit)

static GPtrArray *
store_search (LiaisonStore *store,
              const char   *query,
              guint         limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  liaison_store_search_async (store, query, limit, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  hits = liaison_store_search_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gboolean
store_verify_journal (LiaisonStore  *store,
                      guint64       *out_n,
                      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_journal_verify_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_journal_verify_finish (store, result, out_n, error);
}

static gint64
store_journal_append (LiaisonStore *store,
                      const char   *action,
                      const char   *subject,
                      const char   *detail)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_journal_append_async (store, "test", action, subject, detail, NULL,
                                      liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_journal_append_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A transcript of one call in the thread with @remote, with the given sentences. */
static void
store_add_call_transcript (LiaisonStore       *store,
                           const char         *call_sid,
                           const char         *remote,
                           gint64              started_at,
                           const char * const *sentences)
{
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  g_autoptr(GError) error = NULL;
  g_autofree char *rec_sid = g_strdup_printf ("RE%s", call_sid + 2);

  g_string_append_printf (sql,
                          "INSERT INTO calls (sid, thread_id, direction, from_number, to_number, "
                          "status, started_at, duration_s, created_at, updated_at) VALUES "
                          "('%s', (SELECT id FROM threads WHERE remote_number = '%s'), "
                          "'outbound-api', '%s', '%s', 'completed', %" G_GINT64_FORMAT ", 60, "
                          "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
                          call_sid, remote, OUR_NUMBER, remote, started_at, started_at, started_at);
  g_string_append_printf (sql,
                          "INSERT INTO recordings (sid, call_sid, duration_s, channels, status, "
                          "created_at, updated_at) VALUES ('%s', '%s', 60, 2, 'completed', "
                          "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
                          rec_sid, call_sid, started_at, started_at);
  g_string_append_printf (sql,
                          "INSERT INTO transcripts (recording_id, call_sid, source, language, "
                          "status, created_at, updated_at) VALUES ((SELECT id FROM recordings "
                          "WHERE sid = '%s'), '%s', 'local', 'en-US', 'completed', "
                          "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
                          rec_sid, call_sid, started_at, started_at);
  for (guint i = 0; sentences[i] != NULL; i++)
    {
      char *quoted = sqlite3_mprintf ("%Q", sentences[i]);

      g_string_append_printf (sql,
                              "INSERT INTO transcript_sentences (transcript_id, idx, channel, "
                              "speaker, start_ms, end_ms, text, confidence) VALUES ("
                              "(SELECT id FROM transcripts WHERE call_sid = '%s'), %u, %u, '%s', "
                              "%u, %u, %s, 0.9);",
                              call_sid, i, i % 2, i % 2 ? "client" : "advisor",
                              i * 5000, i * 5000 + 4000, quoted);
      sqlite3_free (quoted);
    }
  g_string_append (sql, "COMMIT;");

  store_exec (store, sql->str, &error);
  g_assert_no_error (error);
}

/* Opening */

static void
test_fresh_open (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  g_autofree char *mode = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  GStatBuf st;
  sqlite3 *db;

  store = store_open (path);
  g_assert_cmpstr (liaison_store_get_path (store), ==, path);
  g_assert_null (liaison_store_get_last_backup_path (store));
  store_close (store);
  g_clear_object (&store);

  /* Client data: only the user may read the file. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_no_side_files (path);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, liaison_store_get_schema_version ());
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, 0x4C49414E);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'journal'"), ==, 1);
  raw_close (db);

  schema_before = schema_of (path);

  /* Reopening changes nothing and takes no backup. */
  store = store_open (path);
  g_assert_null (liaison_store_get_last_backup_path (store));
  store_close (store);
  g_clear_object (&store);

  schema_after = schema_of (path);
  g_assert_cmpstr (schema_before, ==, schema_after);
  g_assert_cmpuint (count_backups (dir), ==, 0);

  liaison_test_rmdir (dir);
}

static gpointer
which_thread_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_assert_true (db == _liaison_store_get_db (self));
  return g_thread_self ();
}

static void
test_worker_thread (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  GThread *seen[2] = { NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      _liaison_store_run_async (store, which_thread_work, NULL, NULL, NULL,
                                liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      seen[i] = _liaison_store_run_finish (store, result, &error);
      g_assert_no_error (error);
    }

  /* Work never runs on the caller's thread, and always on the same one. */
  g_assert_nonnull (seen[0]);
  g_assert_true (seen[0] != g_thread_self ());
  g_assert_true (seen[0] == seen[1]);

  store_close (store);
  liaison_test_rmdir (dir);
}

/* Fixtures: tests/data/store-v<N>.sql */

static void
load_sql_file (const char *db_path,
               const char *sql_path)
{
  g_autofree char *sql = liaison_test_read_file (sql_path);
  sqlite3 *db = raw_open (db_path);

  raw_exec (db, sql);
  raw_close (db);
}

static char *
fresh_schema (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  char *schema;

  store_close (store);
  schema = schema_of (path);
  liaison_test_rmdir (dir);

  return schema;
}

static gboolean
hits_have_kind (GPtrArray            *hits,
                LiaisonSearchHitKind  kind)
{
  for (guint i = 0; i < hits->len; i++)
    if (liaison_search_hit_get_kind (g_ptr_array_index (hits, i)) == kind)
      return TRUE;

  return FALSE;
}

static gint64
count_like (sqlite3    *db,
            const char *table,
            const char *column)
{
  g_autofree char *sql = NULL;

  if (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") == 0)
    return 0;

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s LIKE '%%" FIXTURE_WORD "%%'",
                         table, column);
  return raw_int (db, sql);
}

/* Every row of every table of @orig_path is still in @db (comparing the
 * columns both still have). */
static void
assert_rows_preserved (sqlite3    *db,
                       const char *orig_path)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "ATTACH ?1 AS orig", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, orig_path, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Our tables; FTS virtual tables and their shadows are checked by searching. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM orig.sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autofree char *missing_sql = NULL;
      g_autofree char *count_sql = NULL;
      gint64 n_orig, missing;

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT o.name FROM pragma_table_info (?1, 'orig') o "
                                           "JOIN pragma_table_info (?1, 'main') m USING (name) "
                                           "ORDER BY o.cid", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 0);

          /* Our column names are plain words; quote them anyway. */
          g_assert_null (strchr (column, '"'));
          if (columns->len > 0)
            g_string_append (columns, ", ");
          g_string_append_printf (columns, "\"%s\"", column);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (columns->len, >, 0);

      missing_sql = g_strdup_printf ("SELECT count(*) FROM (SELECT %s FROM orig.\"%s\" "
                                     "EXCEPT SELECT %s FROM main.\"%s\")",
                                     columns->str, table, columns->str, table);
      count_sql = g_strdup_printf ("SELECT count(*) FROM orig.\"%s\"", table);
      n_orig = raw_int (db, count_sql);
      missing = raw_int (db, missing_sql);
      g_test_message ("%s: %" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT " missing",
                      table, n_orig, missing);
      g_assert_cmpint (missing, ==, 0);
    }

  raw_exec (db, "DETACH orig");
}

static void
test_fixture (gconstpointer data)
{
  const char *sql_path = data;
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *orig_path = g_build_filename (dir, "orig.db", NULL);
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *migrated_schema = NULL;
  g_autofree char *expected_schema = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gsize length;
  gint64 version, n_objects, n_messages, n_journal;
  gint64 want_message, want_sentence, want_contact;
  gboolean expect_backup;
  sqlite3 *db;

  load_sql_file (orig_path, sql_path);

  db = raw_open (orig_path);
  version = raw_int (db, "PRAGMA user_version");
  n_objects = raw_int (db, "SELECT count(*) FROM sqlite_master");
  n_messages = n_objects > 0 ? raw_int (db, "SELECT count(*) FROM messages") : 0;
  n_journal = n_objects > 0 ? raw_int (db, "SELECT count(*) FROM journal") : 0;
  want_message = count_like (db, "messages", "body");
  want_sentence = count_like (db, "transcript_sentences", "text");
  want_contact = count_like (db, "contacts", "display_name || ' ' || coalesce (notes, '')");
  raw_close (db);

  g_test_message ("%s: schema %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " objects, "
                  "%" G_GINT64_FORMAT " messages", sql_path, version, n_objects, n_messages);
  g_assert_cmpint (version, <=, liaison_store_get_schema_version ());

  g_assert_true (g_file_get_contents (orig_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  store = store_open (path);

  expect_backup = version < liaison_store_get_schema_version () && n_objects > 0;
  if (expect_backup)
    {
      g_autofree char *base = g_path_get_basename (liaison_store_get_last_backup_path (store));
      g_autofree char *prefix = g_strdup_printf ("liaison.db.v%" G_GINT64_FORMAT "-", version);
      g_autofree char *backup_schema = NULL;
      g_autofree char *orig_schema = NULL;

      g_assert_nonnull (liaison_store_get_last_backup_path (store));
      g_assert_true (g_str_has_prefix (base, prefix));
      g_assert_true (g_str_has_suffix (base, ".bak"));
      /* The backup is the old database as it was. */
      backup_schema = schema_of (liaison_store_get_last_backup_path (store));
      orig_schema = schema_of (orig_path);
      g_assert_cmpstr (backup_schema, ==, orig_schema);
    }
  else
    {
      g_assert_null (liaison_store_get_last_backup_path (store));
    }
  g_assert_cmpuint (count_backups (dir), ==, expect_backup ? 1 : 0);

  hits = store_search (store, FIXTURE_WORD, 100);
  g_assert_true (hits_have_kind (hits, LIAISON_SEARCH_HIT_MESSAGE) == (want_message > 0));
  g_assert_true (hits_have_kind (hits, LIAISON_SEARCH_HIT_SENTENCE) == (want_sentence > 0));
  g_assert_true (hits_have_kind (hits, LIAISON_SEARCH_HIT_CONTACT) == (want_contact > 0));
  g_assert_cmpuint (hits->len, ==, want_message + want_sentence + want_contact);

  if (n_journal > 0)
    {
      g_autoptr(GError) error = NULL;
      guint64 n_checked = 0;

      g_assert_true (store_verify_journal (store, &n_checked, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_checked, ==, n_journal);
    }

  /* Looking behind the open store (WAL lets us read meanwhile). */
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, liaison_store_get_schema_version ());
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM messages"), ==, n_messages);
  assert_rows_preserved (db, orig_path);
  /* Schema 2: each number's latest consent event is its state. */
  if (n_objects > 0)
    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM consent_state"), ==,
                     raw_int (db, "SELECT count(DISTINCT e164) FROM consent_events "
                                  "WHERE event IN ('opt-in', 'opt-out')"));
  if (raw_int (db, "SELECT count(*) FROM consent_events WHERE e164 = '" REMOTE_B "'") > 0)
    {
      g_autofree char *state = raw_text (db, "SELECT state FROM consent_state WHERE e164 = '" REMOTE_B "'");

      g_assert_cmpstr (state, ==, "opted-out");
    }
  raw_close (db);

  assert_thread_invariants (path);

  migrated_schema = schema_of (path);
  expected_schema = fresh_schema ();
  g_assert_cmpstr (migrated_schema, ==, expected_schema);

  /* The migrated database keeps working. */
  store_add_message (store, REMOTE_A, "inbound", "after the upgrade", BASE_TIME, NULL);
  store_close (store);
  assert_thread_invariants (path);

  liaison_test_rmdir (dir);
}

/* Migrations beyond the built-in ones, added for one store (the mechanism the
 * next schema version will use). */

static char *
make_populated_db (const char *dir)
{
  char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);

  store_add_message (store, REMOTE_A, "inbound", "first", BASE_TIME, NULL);
  store_add_message (store, REMOTE_A, "outbound-api", "second", BASE_TIME + 1, NULL);
  store_add_message (store, REMOTE_B, "inbound", "third", BASE_TIME + 2, NULL);
  store_journal_append (store, "test.populate", NULL, NULL);
  store_close (store);

  return path;
}

static void
test_migration_backup (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = make_populated_db (dir);
  g_autofree char *expected_name = NULL;
  g_autofree char *base = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint current = liaison_store_get_schema_version ();
  const char *backup;
  sqlite3 *db;

  _liaison_store_add_test_migration (store,
                                     "CREATE TABLE test_extra (x INTEGER NOT NULL);"
                                     "INSERT INTO test_extra SELECT count(*) FROM messages;");
  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_assert_no_error (error);

  /* liaison.db.v<N>-<YYYYMMDDHHMMSS>.bak next to the database */
  backup = liaison_store_get_last_backup_path (store);
  g_assert_nonnull (backup);
  base = g_path_get_basename (backup);
  expected_name = g_strdup_printf ("liaison.db.v%u-", current);
  g_assert_true (g_str_has_prefix (base, expected_name));
  g_assert_cmpuint (strlen (base), ==, strlen (expected_name) + 14 + 4);
  g_assert_true (g_str_has_suffix (base, ".bak"));
  {
    g_autofree char *dirname = g_path_get_dirname (backup);
    GStatBuf st;

    g_assert_cmpstr (dirname, ==, dir);
    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  store_close (store);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, current + 1);
  g_assert_cmpint (raw_int (db, "SELECT x FROM test_extra"), ==, 3);
  raw_close (db);

  db = raw_open (backup);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, current);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM messages"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'test_extra'"), ==, 0);
  raw_close (db);

  /* This build does not know schema current + 1: it refuses the database. */
  {
    g_autoptr(GError) too_new = NULL;
    g_autoptr(LiaisonStore) plain = store_try_open (path, 0, &too_new);

    g_assert_null (plain);
    g_assert_error (too_new, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_TOO_NEW);
  }

  liaison_test_rmdir (dir);
}

static void
test_migration_failure (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = make_populated_db (dir);
  g_autofree char *schema_before = schema_of (path);
  g_autofree char *schema_after = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* The first statement works, the second fails: all of it is rolled back. */
  _liaison_store_add_test_migration (store,
                                     "CREATE TABLE test_half (x INTEGER);"
                                     "CREATE TABLE contacts (x INTEGER);");
  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_store_open_finish (store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_MIGRATION);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, ".bak"));
  g_assert_false (liaison_store_is_open (store));
  g_clear_object (&store);

  g_assert_cmpuint (count_backups (dir), ==, 1);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, liaison_store_get_schema_version ());
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM messages"), ==, 3);
  raw_close (db);
  schema_after = schema_of (path);
  g_assert_cmpstr (schema_before, ==, schema_after);

  /* And this build still opens it. */
  store = store_open (path);
  store_close (store);

  liaison_test_rmdir (dir);
}

/* Refusals: the file is left exactly as it was */

static void
assert_open_refused (const char *path,
                     int         expected_code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;

  store = store_try_open (path, 0, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_STORE_ERROR, expected_code);
  g_test_message ("Refused: %s", error->message);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  assert_no_side_files (path);
}

static void
test_too_new (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = make_populated_db (dir);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u",
                                             liaison_store_get_schema_version () + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *expected = NULL;
  sqlite3 *db;

  db = raw_open (path);
  raw_exec (db, pragma);
  raw_close (db);
  assert_no_side_files (path);

  assert_open_refused (path, LIAISON_STORE_ERROR_TOO_NEW);

  store = store_try_open (path, 0, &error);
  expected = g_strdup_printf ("schema %u; this version understands %u",
                              liaison_store_get_schema_version () + 1,
                              liaison_store_get_schema_version ());
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpuint (count_backups (dir), ==, 0);

  liaison_test_rmdir (dir);
}

static void
test_corrupt_random (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake-header.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autofree guint8 *bytes = g_malloc (64 * 1024);

  for (gsize i = 0; i < 64 * 1024; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);

  /* Random bytes */
  g_assert_true (g_file_set_contents (path, (const char *) bytes, 64 * 1024, NULL));
  assert_open_refused (path, LIAISON_STORE_ERROR_CORRUPT);

  /* A valid SQLite magic string followed by garbage */
  memcpy (bytes, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (fake, (const char *) bytes, 64 * 1024, NULL));
  assert_open_refused (fake, LIAISON_STORE_ERROR_CORRUPT);

  liaison_test_rmdir (dir);
}

static void
damage_page (const char *path,
             gint64      page,
             gsize       offset_in_page)
{
  g_autofree char *contents = NULL;
  gsize length;
  gsize at;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Page 1 starts with the 100-byte file header; its b-tree header follows. */
  at = (gsize) (page - 1) * 4096 + offset_in_page;
  g_assert_cmpuint (at, <, length);
  /* 0x00 is not a valid b-tree page type. */
  contents[at] = 0;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
}

static void
test_corrupt_page (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = make_populated_db (dir);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  gint64 messages_root;
  gsize length;
  sqlite3 *db;

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA page_size"), ==, 4096);
  messages_root = raw_int (db, "SELECT rootpage FROM sqlite_master WHERE name = 'messages'");
  raw_close (db);
  assert_no_side_files (path);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));

  /* The schema page: the store refuses to open and writes nothing. */
  damage_page (path, 1, 100);
  assert_open_refused (path, LIAISON_STORE_ERROR_CORRUPT);

  /* A data page: the store opens, reading messages fails with CORRUPT. */
  damage_page (copy, messages_root, 0);
  store = store_open (copy);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) messages = NULL;

    liaison_store_list_messages_async (store, 1, NULL, 50, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    messages = liaison_store_list_messages_finish (store, result, &error);
    g_assert_null (messages);
    g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  }
  store_close (store);

  liaison_test_rmdir (dir);
}

static void
test_locked (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  sqlite3 *other;
  gint64 id;

  store = store_open (path);
  store_add_message (store, REMOTE_A, "inbound", "before the lock", BASE_TIME, NULL);
  store_close (store);
  g_clear_object (&store);

  store = store_try_open (path, 100, &open_error);
  g_assert_no_error (open_error);

  other = raw_open (path);
  raw_exec (other, "BEGIN EXCLUSIVE");

  id = store_add_message_full (store, NULL, REMOTE_A, "inbound", "while locked", BASE_TIME + 1,
                               NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* WAL: reading still works while another program writes. */
  threads = store_list_threads (store, NULL, 10);
  g_assert_cmpuint (threads->len, ==, 1);

  raw_exec (other, "COMMIT");
  raw_close (other);

  id = store_add_message_full (store, NULL, REMOTE_A, "inbound", "after the lock", BASE_TIME + 2,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  store_close (store);
  liaison_test_rmdir (dir);
}

/* Journal */

static void
test_journal (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autofree char *update_trigger = NULL;
  g_autofree char *delete_trigger = NULL;
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GError) error = NULL;
  guint64 n_checked = 0;
  sqlite3 *other;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *detail = g_strdup_printf ("{\"n\": %u}", i);

      g_assert_cmpint (store_journal_append (store, "message.sent", "SM0001", detail), ==, i);
    }

  g_assert_true (store_verify_journal (store, &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 5);

  /* Neither our connection nor another program's may change or remove entries. */
  g_assert_false (store_exec (store, "UPDATE journal SET detail = 'x' WHERE id = 2", &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (store_exec (store, "DELETE FROM journal WHERE id = 5", &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED);
  g_clear_error (&error);

  other = raw_open (path);
  g_assert_cmpint (raw_try_exec (other, "UPDATE journal SET actor = 'x'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_try_exec (other, "DELETE FROM journal"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_int (other, "SELECT count(*) FROM journal"), ==, 5);

  update_trigger = raw_text (other, "SELECT sql FROM sqlite_master WHERE name = 'journal_no_update'");
  delete_trigger = raw_text (other, "SELECT sql FROM sqlite_master WHERE name = 'journal_no_delete'");

  /* Tampering by someone who can drop the protection and put it back:
   * an edited entry no longer matches its hash. */
  raw_exec (other, "DROP TRIGGER journal_no_update");
  raw_exec (other, "UPDATE journal SET detail = '{\"n\": 99}' WHERE id = 3");
  raw_exec (other, update_trigger);

  g_assert_false (store_verify_journal (store, &n_checked, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 3 "));
  g_assert_nonnull (strstr (error->message, "altered"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Put entry 3 back: the chain verifies again. */
  raw_exec (other, "DROP TRIGGER journal_no_update");
  raw_exec (other, "UPDATE journal SET detail = '{\"n\": 3}' WHERE id = 3");
  raw_exec (other, update_trigger);
  g_assert_true (store_verify_journal (store, &n_checked, &error));
  g_assert_no_error (error);

  /* A removed entry breaks the link of the one after it. */
  raw_exec (other, "DROP TRIGGER journal_no_delete");
  raw_exec (other, "DELETE FROM journal WHERE id = 2");
  raw_exec (other, delete_trigger);

  g_assert_false (store_verify_journal (store, &n_checked, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 3 "));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Protection that stays removed is reported as such. */
  raw_exec (other, "DROP TRIGGER journal_no_delete");
  g_assert_false (store_verify_journal (store, &n_checked, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "protection"));
  g_clear_error (&error);

  raw_close (other);
  store_close (store);
  liaison_test_rmdir (dir);
}

/* Thread summaries kept by triggers */

static void
assert_thread (LiaisonStore *store,
               gint64        thread_id,
               guint         unread,
               gint64        last_message_id,
               const char   *preview,
               const char   *direction)
{
  g_autoptr(LiaisonThread) thread = store_get_thread (store, thread_id);

  g_assert_cmpint (liaison_thread_get_id (thread), ==, thread_id);
  g_assert_cmpuint (liaison_thread_get_unread_count (thread), ==, unread);
  g_assert_cmpint (liaison_thread_get_last_message_id (thread), ==, last_message_id);
  g_assert_cmpstr (liaison_thread_get_last_message_preview (thread), ==, preview);
  g_assert_cmpstr (liaison_thread_get_last_direction (thread), ==, direction);
}

static void
test_thread_triggers (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *sql = NULL;
  gint64 thread_a = 0, thread_b = 0, other_thread = 0;
  gint64 m0, m1, m2, m3, dup1, dup2, ada, grace;

  m1 = store_add_message (store, REMOTE_A, "inbound", "hello there", BASE_TIME + 10, &thread_a);
  thread = store_get_thread (store, thread_a);
  g_assert_cmpstr (liaison_thread_get_our_number (thread), ==, OUR_NUMBER);
  g_assert_cmpstr (liaison_thread_get_remote_number (thread), ==, REMOTE_A);
  g_assert_cmpint (liaison_thread_get_contact_id (thread), ==, 0);
  g_assert_null (liaison_thread_get_contact_name (thread));
  g_assert_cmpint (liaison_thread_get_last_time (thread), ==, BASE_TIME + 10);
  g_assert_cmpstr (liaison_thread_get_last_status (thread), ==, "received");
  g_assert_false (liaison_thread_get_archived (thread));
  g_clear_object (&thread);
  assert_thread (store, thread_a, 1, m1, "hello there", "inbound");

  m2 = store_add_message (store, REMOTE_A, "inbound", "are you free at 3?", BASE_TIME + 20, NULL);
  assert_thread (store, thread_a, 2, m2, "are you free at 3?", "inbound");

  m3 = store_add_message (store, REMOTE_A, "outbound-api", "Yes, 3 works.", BASE_TIME + 30,
                          &other_thread);
  g_assert_cmpint (other_thread, ==, thread_a);
  assert_thread (store, thread_a, 2, m3, "Yes, 3 works.", "outbound-api");

  /* An older message (history import) counts as unread but is not the last. */
  m0 = store_add_message (store, REMOTE_A, "inbound", "older", BASE_TIME + 5, NULL);
  assert_thread (store, thread_a, 3, m3, "Yes, 3 works.", "outbound-api");

  liaison_store_mark_thread_read_async (store, thread_a, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_mark_thread_read_finish (store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_thread (store, thread_a, 0, m3, "Yes, 3 works.", "outbound-api");

  /* The last status is read live: a delivery receipt shows at once. */
  sql = g_strdup_printf ("UPDATE messages SET status = 'delivered' WHERE id = %" G_GINT64_FORMAT, m3);
  g_assert_true (store_exec (store, sql, &error));
  g_assert_no_error (error);
  thread = store_get_thread (store, thread_a);
  g_assert_cmpstr (liaison_thread_get_last_status (thread), ==, "delivered");
  g_clear_object (&thread);
  g_clear_pointer (&sql, g_free);

  /* Contacts added later are linked to existing threads. */
  {
    const char *phones[] = { REMOTE_A, NULL };
    LiaisonStoreContactInfo info = { .display_name = "Ada Lovelace", .phones = phones };

    ada = store_add_contact (store, &info);
  }
  thread = store_get_thread (store, thread_a);
  g_assert_cmpint (liaison_thread_get_contact_id (thread), ==, ada);
  g_assert_cmpstr (liaison_thread_get_contact_name (thread), ==, "Ada Lovelace");
  g_clear_object (&thread);

  /* New threads find their contact. */
  {
    const char *phones[] = { REMOTE_B, NULL };
    LiaisonStoreContactInfo info = { .first_name = "Grace", .last_name = "Hopper", .phones = phones };

    grace = store_add_contact (store, &info);
  }
  store_add_message (store, REMOTE_B, "inbound", "Hi, Grace here", BASE_TIME + 40, &thread_b);
  g_assert_cmpint (thread_b, !=, thread_a);
  thread = store_get_thread (store, thread_b);
  g_assert_cmpint (liaison_thread_get_contact_id (thread), ==, grace);
  g_assert_cmpstr (liaison_thread_get_contact_name (thread), ==, "Grace Hopper");
  g_clear_object (&thread);

  /* The same Twilio SID is stored once (webhooks are retried). */
  dup1 = store_add_message_full (store, "SM00000000000000000000000000000001", REMOTE_B, "inbound",
                                 "retried", BASE_TIME + 50, NULL, &error);
  g_assert_no_error (error);
  dup2 = store_add_message_full (store, "SM00000000000000000000000000000001", REMOTE_B, "inbound",
                                 "retried", BASE_TIME + 50, &other_thread, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dup1, ==, dup2);
  g_assert_cmpint (other_thread, ==, thread_b);
  assert_thread (store, thread_b, 2, dup1, "retried", "inbound");

  /* Deleting the last message falls back to the one before. */
  sql = g_strdup_printf ("DELETE FROM messages WHERE id = %" G_GINT64_FORMAT, m3);
  g_assert_true (store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  assert_thread (store, thread_a, 0, m2, "are you free at 3?", "inbound");

  /* Moving a message in time moves the summary with it. */
  sql = g_strdup_printf ("UPDATE messages SET created_at = %" G_GINT64_FORMAT
                         ", is_read = 0 WHERE id = %" G_GINT64_FORMAT, BASE_TIME + 100, m0);
  g_assert_true (store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  assert_thread (store, thread_a, 1, m0, "older", "inbound");

  /* Deleting the only messages leaves an empty thread. */
  sql = g_strdup_printf ("DELETE FROM messages WHERE thread_id = %" G_GINT64_FORMAT, thread_b);
  g_assert_true (store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  assert_thread (store, thread_b, 0, 0, NULL, NULL);

  /* The list is newest first. An emptied thread falls back to its creation
   * time (now), which is after thread A's last message (BASE_TIME + 100). */
  {
    g_autoptr(GPtrArray) threads = store_list_threads (store, NULL, 10);

    g_assert_cmpuint (threads->len, ==, 2);
    g_assert_cmpint (liaison_thread_get_id (g_ptr_array_index (threads, 0)), ==, thread_b);
    g_assert_cmpint (liaison_thread_get_id (g_ptr_array_index (threads, 1)), ==, thread_a);
    g_assert_cmpint (liaison_thread_get_last_time (g_ptr_array_index (threads, 1)), ==,
                     BASE_TIME + 100);
  }

  assert_thread_invariants (path);

  store_close (store);
  liaison_test_rmdir (dir);
}

/* Search */

static void
test_search (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *sql = NULL;
  const char *sentences[] = {
    "Thanks for calling about your rollover.",
    "We discussed the quarterly rebalancing.",
    NULL
  };
  const char *phones[] = { REMOTE_B, NULL };
  LiaisonStoreContactInfo info = {
    .display_name = "Marguerite Quarterman",
    .company = "Quarterly Capital LLC",
    .notes = "Prefers texts after 5pm; rollover IRA",
    .phones = phones,
  };
  gint64 thread_a = 0, thread_b = 0, m1, m2, m3, contact;
  gint64 now = g_get_real_time ();
  LiaisonSearchHit *hit;

  m1 = store_add_message (store, REMOTE_A, "inbound",
                          "Can we move the quarterly review to Friday?", now - 4000000, &thread_a);
  m2 = store_add_message (store, REMOTE_A, "outbound-api",
                          "Sure, the quarterly review is now on Friday at 10.", now - 3000000, NULL);
  m3 = store_add_message (store, REMOTE_B, "inbound", "Please send the beneficiary form",
                          now - 2000000, &thread_b);
  store_add_message (store, REMOTE_B, "inbound", "Zoë said the café meeting is off",
                     now - 1000000, NULL);
  store_add_call_transcript (store, "CA00000000000000000000000000000001", REMOTE_A,
                             now - 10 * G_USEC_PER_SEC * 60, sentences);
  contact = store_add_contact (store, &info);

  /* One word, every kind of source, newest first */
  hits = store_search (store, "quarterly", 50);
  g_assert_cmpuint (hits->len, ==, 4);
  for (guint i = 1; i < hits->len; i++)
    g_assert_cmpint (liaison_search_hit_get_time (g_ptr_array_index (hits, i - 1)), >=,
                     liaison_search_hit_get_time (g_ptr_array_index (hits, i)));

  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (liaison_search_hit_get_kind (hit), ==, LIAISON_SEARCH_HIT_CONTACT);
  g_assert_cmpint (liaison_search_hit_get_id (hit), ==, contact);
  g_assert_cmpint (liaison_search_hit_get_contact_id (hit), ==, contact);
  g_assert_nonnull (strstr (liaison_search_hit_get_snippet (hit), "\001Quarterly\002 Capital"));

  hit = g_ptr_array_index (hits, 1);
  g_assert_cmpint (liaison_search_hit_get_kind (hit), ==, LIAISON_SEARCH_HIT_MESSAGE);
  g_assert_cmpint (liaison_search_hit_get_id (hit), ==, m2);
  g_assert_cmpint (liaison_search_hit_get_thread_id (hit), ==, thread_a);
  g_assert_cmpint (liaison_search_hit_get_time (hit), ==, now - 3000000);
  g_assert_cmpstr (liaison_search_hit_get_snippet (hit), ==,
                   "Sure, the \001quarterly\002 review is now on Friday at 10.");
  markup = liaison_search_hit_get_snippet_markup (hit);
  g_assert_cmpstr (markup, ==, "Sure, the <b>quarterly</b> review is now on Friday at 10.");

  hit = g_ptr_array_index (hits, 2);
  g_assert_cmpint (liaison_search_hit_get_id (hit), ==, m1);

  hit = g_ptr_array_index (hits, 3);
  g_assert_cmpint (liaison_search_hit_get_kind (hit), ==, LIAISON_SEARCH_HIT_SENTENCE);
  g_assert_cmpint (liaison_search_hit_get_thread_id (hit), ==, thread_a);
  g_assert_cmpint (liaison_search_hit_get_transcript_id (hit), >, 0);
  g_assert_cmpint (liaison_search_hit_get_start_ms (hit), ==, 5000);
  g_assert_cmpint (liaison_search_hit_get_time (hit), ==,
                   now - 10 * G_USEC_PER_SEC * 60 + 5000 * 1000);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The limit keeps the newest. */
  hits = store_search (store, "quarterly", 2);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (liaison_search_hit_get_id (g_ptr_array_index (hits, 1)), ==, m2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The last word is a prefix (search as you type); others are whole words. */
  hits = store_search (store, "quart", 50);
  g_assert_cmpuint (hits->len, ==, 4);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "Marguerite Quarter", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "quart review", 50);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* All words must match, in any order. */
  hits = store_search (store, "friday REVIEW", 50);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Accents do not matter. */
  hits = store_search (store, "zoe cafe", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "Zoë", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Notes and transcripts */
  hits = store_search (store, "rollover", 50);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits_have_kind (hits, LIAISON_SEARCH_HIT_CONTACT));
  g_assert_true (hits_have_kind (hits, LIAISON_SEARCH_HIT_SENTENCE));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The index follows edits and deletions. */
  sql = g_strdup_printf ("UPDATE messages SET body = 'changed wording' WHERE id = %" G_GINT64_FORMAT,
                         m3);
  g_assert_true (store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  hits = store_search (store, "beneficiary", 50);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "wording", 50);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (liaison_search_hit_get_thread_id (g_ptr_array_index (hits, 0)), ==, thread_b);
  g_clear_pointer (&hits, g_ptr_array_unref);

  sql = g_strdup_printf ("DELETE FROM messages WHERE id = %" G_GINT64_FORMAT, m3);
  g_assert_true (store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  hits = store_search (store, "wording", 50);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (store_exec (store, "UPDATE contacts SET company = 'Acme'", &error));
  g_assert_no_error (error);
  hits = store_search (store, "capital", 50);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  store_close (store);
  liaison_test_rmdir (dir);
}

static void
test_search_odd_input (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autofree char *long_input = NULL;
  const char *inputs[] = {
    "", "   ", "\t\n", "\"", "\"\"", "\"unbalanced", "quarterly \"review", "-", "--", "*", "**",
    "*quarterly", "NEAR", "NEAR(a b)", "NEAR/2", "a NEAR b", "a OR b", "AND", "OR", "NOT",
    "quarterly NOT", "body:quarterly", "messages_fts:x", "{body}: x", "^quarterly", "(", ")",
    "((a)", "{a b}", "'", "''", "\\", ";", "%", "_", "a+b", "a:b:c", "rank:1", "\"a\" + \"b\"",
    "-- DROP TABLE messages;", "'); DROP TABLE messages; --", "日本語", "😀", "مرحبا", "e\xcc\x81",
    "\001", "\002quarterly\001", "\xff\xfe", "quarterly\xff", "ﬁnance", "İstanbul", "ß",
    "x*y", "a\"b\"c", "\"\"\"\"", "0", "+15551234567", "*)(&^%$#@!", NULL
  };
  g_autoptr(GPtrArray) hits = NULL;

  store_add_message (store, REMOTE_A, "inbound", "the quarterly review moved", BASE_TIME, NULL);
  store_add_message (store, REMOTE_A, "inbound", "finance is fun", BASE_TIME + 1, NULL);

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) odd = store_search (store, inputs[i], 20);

      g_test_message ("%u: %u hits", i, odd->len);
    }

  long_input = g_strnfill (10000, 'q');
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, long_input, 20);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Operators are words, not syntax. */
  hits = store_search (store, "-quarterly", 20);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "quarterly*", 20);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "NOT quarterly", 20);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "quarterly OR nothing", 20);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "body:quarterly", 20);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = store_search (store, "ﬁnance", 20);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The query text itself */
  {
    g_autofree char *q1 = _liaison_store_build_fts_query ("say \"hi\" NEAR -x");
    g_autofree char *q2 = _liaison_store_build_fts_query (" - * ( ");
    g_autofree char *q3 = _liaison_store_build_fts_query ("quart");
    g_autofree char *q4 = _liaison_store_build_fts_query ("quarterly r");
    g_autofree char *q5 = _liaison_store_build_fts_query ("é");

    g_assert_cmpstr (q1, ==, "\"say\" \"\"\"hi\"\"\" \"NEAR\" \"-x\"*");
    g_assert_null (q2);
    g_assert_cmpstr (q3, ==, "\"quart\"*");
    /* One character alone would match nearly everything: not a prefix. */
    g_assert_cmpstr (q4, ==, "\"quarterly\" \"r\"");
    g_assert_cmpstr (q5, ==, "\"é\"");
  }

  store_close (store);
  liaison_test_rmdir (dir);
}

/* Keyset paging */

typedef struct
{
  gint64 thread_id;
  guint  n;
} BulkData;

/* Many messages in one transaction, with timestamps shared by three messages
 * each and not in id order, so that paging must rely on (time, id). */
static gpointer
bulk_messages_work (LiaisonStore  *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  BulkData *bulk = data;
  g_autoptr(LiaisonStoreStmt) insert = NULL;
  guint span = MAX (bulk->n / 3, 1);

  if (!_liaison_store_begin (self, error))
    return NULL;

  insert = _liaison_store_prepare (self,
                                   "INSERT INTO messages (thread_id, direction, from_number, "
                                   "to_number, body, status, created_at, updated_at, is_read) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6, ?6, 1)",
                                   error);
  if (insert == NULL)
    goto failed;

  for (guint i = 0; i < bulk->n; i++)
    {
      g_autofree char *body = g_strdup_printf ("bulk message %u", i);
      gint64 time = BASE_TIME + (gint64) (((guint64) i * 7919) % span) * G_USEC_PER_SEC;
      int rc;

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, bulk->thread_id);
      sqlite3_bind_text (insert, 2, i % 2 ? "inbound" : "outbound-api", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, REMOTE_A, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, OUR_NUMBER, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 6, time);

      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          goto failed;
        }
    }

  if (!_liaison_store_commit (self, error))
    goto failed;

  return GINT_TO_POINTER (TRUE);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static GArray *
raw_ids (const char *path,
         const char *sql)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  raw_close (db);

  return ids;
}

static void
test_paging_messages (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GHashTable) unique = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = NULL;
  LiaisonStoreCursor cursor = { 0, 0 };
  BulkData bulk = { 0, 100000 };
  gint64 prev_time = G_MAXINT64, prev_id = G_MAXINT64;
  guint n_pages = 0;

  store_add_message (store, REMOTE_A, "inbound", "the first", BASE_TIME - 1, &bulk.thread_id);

  _liaison_store_run_async (store, bulk_messages_work, &bulk, NULL, NULL,
                            liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_nonnull (_liaison_store_run_finish (store, result, &error));
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(GPtrArray) page = store_list_messages (store, bulk.thread_id,
                                                       n_pages == 0 ? NULL : &cursor, 997);

      if (page->len == 0)
        break;

      n_pages++;
      g_assert_cmpuint (page->len, <=, 997);

      for (guint i = 0; i < page->len; i++)
        {
          LiaisonMessage *message = g_ptr_array_index (page, i);
          gint64 id = liaison_message_get_id (message);
          gint64 time = liaison_message_get_date_created (message);

          g_assert_cmpint (liaison_message_get_thread_id (message), ==, bulk.thread_id);
          /* Strictly older than the previous one: newest first, no repeats. */
          g_assert_true (time < prev_time || (time == prev_time && id < prev_id));
          g_array_append_val (seen, id);
          prev_time = time;
          prev_id = id;
        }

      cursor.time = prev_time;
      cursor.id = prev_id;
    }

  g_assert_cmpuint (seen->len, ==, 100001);
  g_assert_cmpuint (n_pages, ==, (100001 + 996) / 997);
  for (guint i = 0; i < seen->len; i++)
    g_assert_true (g_hash_table_add (unique, &g_array_index (seen, gint64, i)));

  /* No gaps: exactly the thread's messages in (time, id) order. */
  sql = g_strdup_printf ("SELECT id FROM messages WHERE thread_id = %" G_GINT64_FORMAT
                         " ORDER BY created_at DESC, id DESC", bulk.thread_id);
  expected = raw_ids (path, sql);
  g_assert_cmpuint (expected->len, ==, seen->len);
  g_assert_cmpmem (expected->data, expected->len * sizeof (gint64),
                   seen->data, seen->len * sizeof (gint64));

  /* The other way, from the oldest: the same messages, oldest first. */
  {
    LiaisonStoreCursor after = { 0, 0 };
    LiaisonStoreCursor middle = { 0, 0 };
    guint middle_index = seen->len / 2;
    guint n = seen->len;
    guint forward_pages = 0;

    for (;;)
      {
        g_autoptr(GPtrArray) page = store_list_messages_after (store, bulk.thread_id,
                                                               forward_pages == 0 ? NULL : &after,
                                                               997);

        if (page->len == 0)
          break;

        forward_pages++;
        g_assert_cmpuint (page->len, <=, 997);
        for (guint i = 0; i < page->len; i++)
          {
            LiaisonMessage *message = g_ptr_array_index (page, i);

            g_assert_cmpuint (n, >, 0);
            n--;
            g_assert_cmpint (liaison_message_get_id (message), ==, g_array_index (seen, gint64, n));
            after.time = liaison_message_get_date_created (message);
            after.id = liaison_message_get_id (message);
            if (n == middle_index)
              middle = after;
          }
      }
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpuint (forward_pages, ==, n_pages);

    /* From a message in the middle: the three that follow it, not itself. */
    {
      g_autoptr(GPtrArray) page = store_list_messages_after (store, bulk.thread_id, &middle, 3);

      g_assert_cmpuint (page->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpint (liaison_message_get_id (g_ptr_array_index (page, i)), ==,
                         g_array_index (seen, gint64, middle_index - 1 - i));
    }

    /* After the newest: nothing. */
    {
      g_autoptr(GPtrArray) page = store_list_messages_after (store, bulk.thread_id, &after, 3);

      g_assert_cmpuint (page->len, ==, 0);
    }
  }

  /* The summary points at the newest. */
  {
    g_autoptr(LiaisonThread) thread = store_get_thread (store, bulk.thread_id);

    g_assert_cmpint (liaison_thread_get_last_message_id (thread), ==,
                     g_array_index (seen, gint64, 0));
  }

  store_close (store);
  assert_thread_invariants (path);
  liaison_test_rmdir (dir);
}

static void
test_paging_threads (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  LiaisonStoreCursor cursor = { 0, 0 };
  gint64 prev_time = G_MAXINT64, prev_id = G_MAXINT64;
  gboolean first = TRUE;

  /* 3,000 threads, three per last time. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (sql,
                            "INSERT INTO threads (our_number, remote_number, last_time, created_at) "
                            "VALUES ('%s', '+1555%07u', %" G_GINT64_FORMAT ", 0);",
                            OUR_NUMBER, i,
                            BASE_TIME + (gint64) ((i * 7919) % 1000) * G_USEC_PER_SEC);
  g_string_append (sql, "COMMIT;");
  g_assert_true (store_exec (store, sql->str, &error));
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(GPtrArray) page = store_list_threads (store, first ? NULL : &cursor, 97);

      first = FALSE;
      if (page->len == 0)
        break;

      for (guint i = 0; i < page->len; i++)
        {
          LiaisonThread *thread = g_ptr_array_index (page, i);
          gint64 id = liaison_thread_get_id (thread);
          gint64 time = liaison_thread_get_last_time (thread);

          g_assert_true (time < prev_time || (time == prev_time && id < prev_id));
          g_array_append_val (seen, id);
          prev_time = time;
          prev_id = id;
        }

      cursor.time = prev_time;
      cursor.id = prev_id;
    }

  expected = raw_ids (path, "SELECT id FROM threads ORDER BY last_time DESC, id DESC");
  g_assert_cmpuint (seen->len, ==, 3000);
  g_assert_cmpmem (expected->data, expected->len * sizeof (gint64),
                   seen->data, seen->len * sizeof (gint64));

  store_close (store);
  liaison_test_rmdir (dir);
}

/* Query plans: every paging and search query uses an index, no sort. */

static void
check_plans (sqlite3    *db,
             const char *when)
{
  const LiaisonStoreQuery *queries = _liaison_store_get_planned_queries ();
  guint n = 0;

  for (guint i = 0; queries[i].name != NULL; i++)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", queries[i].sql, NULL);
      g_autofree char *plan = raw_dump_query (db, explain);
      g_auto(GStrv) lines = g_strsplit (plan, "\n", -1);

      g_test_message ("%s, %s:\n%s", when, queries[i].name, plan);
      g_assert_cmpstr (plan, !=, "");

      for (guint l = 0; lines[l] != NULL; l++)
        {
          /* id|parent|notused|detail */
          const char *detail = strrchr (lines[l], '|');

          if (detail == NULL)
            continue;
          detail++;

          if (strstr (detail, "TEMP B-TREE") != NULL ||
              (g_str_has_prefix (detail, "SCAN ") && strstr (detail, "VIRTUAL TABLE") == NULL))
            g_error ("%s: query %s: %s", when, queries[i].name, detail);
        }
      n++;
    }

  g_assert_cmpuint (n, >=, 6);
}

static void
populate_for_plans (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new ("BEGIN;");

  /* 200 threads of 20 messages, 500 contacts with phones, a transcript. */
  for (guint c = 0; c < 500; c++)
    g_string_append_printf (sql,
                            "INSERT INTO contacts (display_name, company, notes, created_at, "
                            "updated_at) VALUES ('Contact %u', 'Company %u', 'notes %u', 0, 0);"
                            "INSERT INTO contact_phones (contact_id, e164, is_primary) "
                            "VALUES (last_insert_rowid (), '+1555%07u', 1);",
                            c, c % 37, c, c);
  for (guint t = 0; t < 200; t++)
    {
      g_string_append_printf (sql,
                              "INSERT INTO threads (our_number, remote_number, last_time, created_at) "
                              "VALUES ('%s', '+1555%07u', 0, 0);", OUR_NUMBER, t);
      for (guint m = 0; m < 20; m++)
        g_string_append_printf (sql,
                                "INSERT INTO messages (thread_id, direction, from_number, to_number, "
                                "body, status, created_at, updated_at, is_read) VALUES ("
                                "(SELECT id FROM threads WHERE remote_number = '+1555%07u'), "
                                "'inbound', 'x', 'y', 'about the review %u', 'received', "
                                "%" G_GINT64_FORMAT ", 0, %u);",
                                t, m, BASE_TIME + (gint64) (t * 20 + m) * G_USEC_PER_SEC, m % 3 == 0);
    }
  g_string_append (sql, "COMMIT;");
  g_assert_true (store_exec (store, sql->str, &error));
  g_assert_no_error (error);

  /* 300 calls with a recording and a transcript of two sentences each */
  for (guint c = 0; c < 300; c++)
    {
      const char *sentences[] = { "a review of the portfolio", "the review went well", NULL };
      g_autofree char *call_sid = g_strdup_printf ("CA%032u", c);
      g_autofree char *remote = g_strdup_printf ("+1555%07u", c % 200);

      store_add_call_transcript (store, call_sid, remote, BASE_TIME + c * G_USEC_PER_SEC,
                                 sentences);
    }
}

static void
test_query_plans (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  sqlite3 *db;

  populate_for_plans (store);
  store_close (store);

  /* The plans the planner picks without statistics, as the store leaves it … */
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"),
                   ==, 0);
  check_plans (db, "without statistics");
  raw_close (db);

  /* … and those it picks once someone has run ANALYZE on a filled database. */
  db = raw_open (path);
  raw_exec (db, "ANALYZE");
  check_plans (db, "after ANALYZE");
  raw_close (db);

  liaison_test_rmdir (dir);
}

/* Cancellation */

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean started;
  gboolean released;
  int      rc;
} Gate;

static void
gate_wait_started (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  while (!gate->started)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
}

static gpointer
blocking_work (LiaisonStore  *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Gate *gate = data;

  g_mutex_lock (&gate->mutex);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);

  return GINT_TO_POINTER (TRUE);
}

/* A statement that would run for minutes. */
static gpointer
endless_work (LiaisonStore  *self,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Gate *gate = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self,
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                 "SELECT count (*) FROM (SELECT i FROM n LIMIT 100000000000)",
                                 error);
  if (stmt == NULL)
    return NULL;

  g_mutex_lock (&gate->mutex);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->mutex);

  rc = sqlite3_step (stmt);
  gate->rc = rc;
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_cancel (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) blocked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  Gate gate = { 0 };

  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);

  /* Cancelled before it was asked */
  g_cancellable_cancel (cancellable);
  liaison_store_list_threads_async (store, NULL, 50, cancellable, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  threads = liaison_store_list_threads_finish (store, result, &error);
  g_assert_null (threads);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&cancellable);

  /* Cancelled while waiting in the queue */
  cancellable = g_cancellable_new ();
  _liaison_store_run_async (store, blocking_work, &gate, NULL, NULL, liaison_test_async_cb, &blocked);
  gate_wait_started (&gate);
  liaison_store_list_messages_async (store, 1, NULL, 50, cancellable, liaison_test_async_cb, &result);
  g_cancellable_cancel (cancellable);
  g_mutex_lock (&gate.mutex);
  gate.released = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.mutex);
  liaison_test_wait (&blocked);
  g_assert_nonnull (_liaison_store_run_finish (store, blocked, &error));
  g_assert_no_error (error);
  liaison_test_wait (&result);
  g_assert_null (liaison_store_list_messages_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&cancellable);

  /* Cancelled while its statement runs: SQLite is interrupted. */
  cancellable = g_cancellable_new ();
  gate.started = FALSE;
  gate.rc = SQLITE_OK;
  _liaison_store_run_async (store, endless_work, &gate, NULL, cancellable,
                            liaison_test_async_cb, &result);
  gate_wait_started (&gate);
  g_cancellable_cancel (cancellable);
  liaison_test_wait (&result);
  g_assert_null (_liaison_store_run_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (gate.rc, ==, SQLITE_INTERRUPT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The store carries on. */
  g_clear_pointer (&threads, g_ptr_array_unref);
  store_add_message (store, REMOTE_A, "inbound", "still here", BASE_TIME, NULL);
  threads = store_list_threads (store, NULL, 50);
  g_assert_cmpuint (threads->len, ==, 1);

  store_close (store);
  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
  liaison_test_rmdir (dir);
}

/* Closing */

typedef struct
{
  guint added;
  guint failed;
  guint added_when_closed;
  gboolean closed;
} CloseCounts;

static void
counted_add_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CloseCounts *counts = user_data;
  g_autoptr(GError) error = NULL;

  if (liaison_store_add_message_finish (LIAISON_STORE (object), result, NULL, &error) > 0)
    counts->added++;
  else
    counts->failed++;
}

static void
counted_close_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CloseCounts *counts = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_close_finish (LIAISON_STORE (object), result, &error));
  g_assert_no_error (error);
  counts->added_when_closed = counts->added;
  counts->closed = TRUE;
}

static void
test_close_drains (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  CloseCounts counts = { 0 };

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *body = g_strdup_printf ("queued %u", i);
      LiaisonStoreMessageInfo info = {
        .our_number = OUR_NUMBER,
        .remote_number = REMOTE_A,
        .body = body,
        .date_created = BASE_TIME + i,
      };

      liaison_store_add_message_async (store, &info, NULL, counted_add_cb, &counts);
    }
  liaison_store_close_async (store, NULL, counted_close_cb, &counts);

  /* New work is refused while closing. */
  liaison_store_list_threads_async (store, NULL, 10, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_null (liaison_store_list_threads_finish (store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_true (liaison_test_wait_flag (&counts.closed, 60000));
  g_assert_cmpuint (counts.added_when_closed, ==, 50);
  g_assert_cmpuint (counts.failed, ==, 0);
  g_assert_false (liaison_store_is_open (store));
  assert_no_side_files (path);

  /* The same object opens again. */
  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  threads = store_list_threads (store, NULL, 10);
  g_assert_cmpuint (threads->len, ==, 1);
  g_assert_cmpuint (liaison_thread_get_unread_count (g_ptr_array_index (threads, 0)), ==, 50);
  store_close (store);

  liaison_test_rmdir (dir);
}

static void
dispose_add_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = liaison_store_add_message_finish (LIAISON_STORE (object), result, NULL, &error);
  g_assert_no_error (error);
}

static void
test_dispose_without_close (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  LiaisonStore *store = store_open (path);
  g_autoptr(GPtrArray) threads = NULL;
  LiaisonStoreMessageInfo info = {
    .our_number = OUR_NUMBER,
    .remote_number = REMOTE_A,
    .body = "written just before the last unref",
  };
  gint64 id = 0;

  /* The request keeps the store alive; the last unref then stops the worker,
   * which closes the connection (checkpointing the WAL away). */
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  liaison_store_add_message_async (store, &info, NULL, dispose_add_cb, &id);
  g_object_unref (store);
  g_assert_nonnull (store);

  while (store != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (id, >, 0);
  assert_no_side_files (path);

  store = store_open (path);
  threads = store_list_threads (store, NULL, 10);
  g_assert_cmpuint (threads->len, ==, 1);
  g_assert_cmpstr (liaison_thread_get_last_message_preview (g_ptr_array_index (threads, 0)), ==,
                   info.body);

  /* Never opened, never closed: nothing to wait for. */
  g_object_unref (store);
  store = liaison_store_new (path);
  g_object_unref (store);

  liaison_test_rmdir (dir);
}

/* Contacts and input checks */

static void
test_contacts (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *phones[] = { "+15550100001", "+442071234567", NULL };
  const char *tags[] = { "vip", "annual-review", "vip", NULL };
  const char *bad_phones[] = { "+15550100001", "555 0100", NULL };
  LiaisonStoreContactInfo info = {
    .first_name = "Ada",
    .last_name = "Lovelace",
    .company = "Analytical Engines",
    .email = "ada@example.com",
    .kind = "client",
    .pipeline_stage = "onboarding",
    .owner = "advisor-1",
    .notes = "Prefers mornings",
    .phones = phones,
    .tags = tags,
  };
  const char * const *got;
  gint64 id;

  id = store_add_contact (store, &info);

  liaison_store_get_contact_async (store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  contact = liaison_store_get_contact_finish (store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_cmpint (liaison_contact_get_id (contact), ==, id);
  g_assert_cmpstr (liaison_contact_get_display_name (contact), ==, "Ada Lovelace");
  g_assert_cmpstr (liaison_contact_get_first_name (contact), ==, "Ada");
  g_assert_cmpstr (liaison_contact_get_last_name (contact), ==, "Lovelace");
  g_assert_cmpstr (liaison_contact_get_company (contact), ==, "Analytical Engines");
  g_assert_cmpstr (liaison_contact_get_email (contact), ==, "ada@example.com");
  g_assert_cmpstr (liaison_contact_get_kind (contact), ==, "client");
  g_assert_cmpstr (liaison_contact_get_pipeline_stage (contact), ==, "onboarding");
  g_assert_cmpstr (liaison_contact_get_owner (contact), ==, "advisor-1");
  g_assert_cmpstr (liaison_contact_get_notes (contact), ==, "Prefers mornings");
  g_assert_cmpint (liaison_contact_get_date_created (contact), >, 0);
  g_assert_cmpstr (liaison_contact_get_primary_phone (contact), ==, "+15550100001");
  got = liaison_contact_get_phones (contact);
  g_assert_cmpuint (g_strv_length ((char **) got), ==, 2);
  g_assert_cmpstr (got[1], ==, "+442071234567");
  got = liaison_contact_get_tags (contact);
  g_assert_cmpuint (g_strv_length ((char **) got), ==, 2);
  g_assert_cmpstr (got[0], ==, "annual-review");
  g_assert_cmpstr (got[1], ==, "vip");

  /* Properties mirror the getters. */
  {
    g_autofree char *name = NULL;
    g_auto(GStrv) prop_phones = NULL;

    g_object_get (contact, "display-name", &name, "phones", &prop_phones, NULL);
    g_assert_cmpstr (name, ==, "Ada Lovelace");
    g_assert_cmpuint (g_strv_length (prop_phones), ==, 2);
  }

  /* Refusals, without the number in the message */
  info.phones = bad_phones;
  liaison_store_add_contact_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_contact_finish (store, result, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (strstr (error->message, "0100"));
  g_clear_error (&error);
  g_clear_object (&result);

  info.phones = phones;
  info.kind = "friend";
  liaison_store_add_contact_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_contact_finish (store, result, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&result);

  liaison_store_get_contact_async (store, id + 1000, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_null (liaison_store_get_contact_finish (store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  liaison_store_get_thread_async (store, 4242, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_null (liaison_store_get_thread_finish (store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Messages from outside are checked, not asserted. */
  g_assert_cmpint (store_add_message_full (store, NULL, REMOTE_A, "inbound", "bad \xff body",
                                           BASE_TIME, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (store_add_message_full (store, NULL, REMOTE_A, "sideways", "x",
                                           BASE_TIME, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (store_add_message_full (store, NULL, "", "inbound", "x",
                                           BASE_TIME, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  store_close (store);
  liaison_test_rmdir (dir);
}

static void
test_message_model (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *body = NULL;
  LiaisonStoreMessageInfo info = {
    .sid = "SM00000000000000000000000000000042",
    .our_number = OUR_NUMBER,
    .remote_number = REMOTE_A,
    .direction = "outbound-api",
    .body = "Your statement is ready 📄",
    .status = "undelivered",
    .error_code = 30003,
    .error_message = "Unreachable destination handset",
    .num_segments = 2,
    .num_media = 1,
    .date_created = BASE_TIME,
    .date_sent = BASE_TIME + 5,
  };
  gint64 thread_id = 0, id;
  LiaisonMessage *message;

  liaison_store_add_message_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_finish (store, result, &thread_id, &error);
  g_assert_no_error (error);

  messages = store_list_messages (store, thread_id, NULL, 10);
  g_assert_cmpuint (messages->len, ==, 1);
  message = g_ptr_array_index (messages, 0);
  g_assert_cmpint (liaison_message_get_id (message), ==, id);
  g_assert_cmpstr (liaison_message_get_sid (message), ==, info.sid);
  g_assert_cmpint (liaison_message_get_thread_id (message), ==, thread_id);
  g_assert_cmpstr (liaison_message_get_direction (message), ==, "outbound-api");
  g_assert_false (liaison_message_is_inbound (message));
  g_assert_cmpstr (liaison_message_get_from (message), ==, OUR_NUMBER);
  g_assert_cmpstr (liaison_message_get_to (message), ==, REMOTE_A);
  g_assert_cmpstr (liaison_message_get_body (message), ==, info.body);
  g_assert_cmpstr (liaison_message_get_status (message), ==, "undelivered");
  g_assert_cmpint (liaison_message_get_error_code (message), ==, 30003);
  g_assert_cmpstr (liaison_message_get_error_message (message), ==, info.error_message);
  g_assert_cmpuint (liaison_message_get_num_segments (message), ==, 2);
  g_assert_cmpuint (liaison_message_get_num_media (message), ==, 1);
  g_assert_cmpint (liaison_message_get_date_created (message), ==, BASE_TIME);
  g_assert_cmpint (liaison_message_get_date_sent (message), ==, BASE_TIME + 5);
  g_assert_cmpint (liaison_message_get_date_updated (message), >, 0);
  g_assert_false (liaison_message_get_is_read (message));

  g_object_get (message, "body", &body, NULL);
  g_assert_cmpstr (body, ==, info.body);

  store_close (store);
  liaison_test_rmdir (dir);
}

/* Fixture maker: `test-store --make-fixture PATH` writes a database of the
 * current schema with rows in every main table, each searchable source
 * containing FIXTURE_WORD. Then:
 *   sqlite3 PATH .dump > tests/data/store-v<N>.sql
 * and add "PRAGMA application_id = 1279869262; PRAGMA user_version = <N>;" at
 * its top (.dump writes neither). */

static void
make_fixture (const char *path)
{
  g_autoptr(LiaisonStore) store = store_open (path);
  g_autoptr(GError) error = NULL;
  const char *ada_phones[] = { REMOTE_A, NULL };
  const char *ada_tags[] = { "client", "vip", NULL };
  const char *bob_phones[] = { REMOTE_B, "+15550100003", NULL };
  const char *sentences[] = {
    "Hello, this is your advisor calling about the fixtureword rollover.",
    "Thanks, I got the forms.",
    "Great, let us review them on Friday.",
    NULL
  };
  LiaisonStoreContactInfo ada = {
    .first_name = "Ada", .last_name = "Fixtureword", .company = "Analytical Engines",
    .email = "ada@example.com", .kind = "client", .pipeline_stage = "onboarding",
    .owner = "advisor-1", .notes = "Prefers texts in the morning.",
    .phones = ada_phones, .tags = ada_tags,
  };
  LiaisonStoreContactInfo bob = {
    .display_name = "Bob Example", .company = "Example Holdings", .kind = "lead",
    .notes = "Met at the fixtureword seminar.", .phones = bob_phones,
  };
  LiaisonStoreContactInfo carol = {
    .first_name = "Carol", .kind = "referral-partner",
  };

  store_add_contact (store, &ada);
  store_add_contact (store, &bob);
  store_add_contact (store, &carol);

  store_add_message (store, REMOTE_A, "inbound", "Hi, can we talk about my IRA?", BASE_TIME + 1, NULL);
  store_add_message (store, REMOTE_A, "outbound-api", "Of course. Does Friday at 10 work?",
                     BASE_TIME + 2, NULL);
  store_add_message (store, REMOTE_A, "inbound", "Friday works. The fixtureword forms are signed.",
                     BASE_TIME + 3, NULL);
  store_add_message (store, REMOTE_B, "inbound", "STOP", BASE_TIME + 4, NULL);
  store_add_message (store, REMOTE_B, "outbound-reply",
                     "You have been unsubscribed. Reply START to resubscribe.", BASE_TIME + 5, NULL);
  store_add_message (store, "+15550100009", "inbound", "Who is this? 🙂", BASE_TIME + 6, NULL);

  store_add_call_transcript (store, "CA0000000000000000000000000000f001", REMOTE_A,
                             BASE_TIME + 60 * G_USEC_PER_SEC, sentences);

  store_exec (store,
              "BEGIN;"
              "INSERT INTO twilio_numbers (sid, e164, friendly_name, sms_capable, mms_capable, "
              "  voice_capable, sms_url, voice_url, status_callback_url, messages_per_second, owner, "
              "  created_at, updated_at) VALUES ('PN0000000000000000000000000000f001', '" OUR_NUMBER "', "
              "  'Main line', 1, 1, 1, 'https://relay.example.com/sms', 'https://relay.example.com/voice', "
              "  'https://relay.example.com/status', 1.0, 'advisor-1', 1767225600000000, 1767225600000000);"
              "INSERT INTO message_media (message_id, sid, content_type, url, local_path, size_bytes, "
              "  created_at) VALUES (3, 'ME0000000000000000000000000000f001', 'image/jpeg', "
              "  'https://api.twilio.com/media/ME1', NULL, 12345, 1767225600000003);"
              "INSERT INTO summaries (call_sid, transcript_id, source, summary, action_items, created_at) "
              "  VALUES ('CA0000000000000000000000000000f001', 1, 'local', 'Client will sign forms.', "
              "  '[\"Send forms\", \"Book Friday\"]', 1767225700000000);"
              "INSERT INTO calls (sid, direction, from_number, to_number, status, started_at, "
              "  duration_s, created_at, updated_at) VALUES ('CA0000000000000000000000000000f002', "
              "  'inbound', '" REMOTE_B "', '" OUR_NUMBER "', 'no-answer', 1767225800000000, 0, "
              "  1767225800000000, 1767225800000000);"
              "INSERT INTO recordings (sid, call_sid, duration_s, channels, status, source, local_path, "
              "  size_bytes, retain_until, legal_hold, created_at, updated_at) VALUES "
              "  ('RE0000000000000000000000000000f002', 'CA0000000000000000000000000000f002', 12, 1, "
              "  'completed', 'voicemail', NULL, 48000, 1956528000000000, 1, 1767225800000000, "
              "  1767225800000000);"
              "INSERT INTO voicemails (call_sid, recording_id, contact_id, from_number, to_number, "
              "  duration_s, is_heard, created_at) VALUES ('CA0000000000000000000000000000f002', "
              "  (SELECT id FROM recordings WHERE sid = 'RE0000000000000000000000000000f002'), 2, "
              "  '" REMOTE_B "', '" OUR_NUMBER "', 12, 0, 1767225800000000);"
              "INSERT INTO templates (name, body, category, created_at, updated_at) VALUES "
              "  ('Welcome', 'Hi {first_name}, welcome aboard!', 'onboarding', 1, 1),"
              "  ('Review', 'Time for your annual review, {first_name}.', 'service', 1, 1);"
              "INSERT INTO sequences (name, trigger_stage, enabled, created_at, updated_at) VALUES "
              "  ('New client', 'onboarding', 1, 1, 1);"
              "INSERT INTO sequence_steps (sequence_id, position, delay_s, template_id) VALUES "
              "  (1, 0, 0, 1), (1, 1, 86400, 2);"
              "INSERT INTO sequence_enrollments (sequence_id, contact_id, next_step, state, next_run_at, "
              "  enrolled_at, updated_at) VALUES (1, 1, 1, 'active', 1767312000000000, "
              "  1767225600000000, 1767225600000000);"
              "INSERT INTO consent_events (e164, contact_id, event, source, channel, message_sid, note, "
              "  created_at) VALUES ('" REMOTE_B "', 2, 'opt-out', 'keyword', 'sms', NULL, 'STOP', "
              "  1767225600000004), ('" REMOTE_A "', 1, 'opt-in', 'manual', 'web', NULL, "
              "  'Signed form', 1767225600000000);"
              "INSERT INTO outbox (idempotency_key, from_number, to_number, body, scheduled_at, state, "
              "  attempts, last_error, message_sid, created_at, updated_at) VALUES "
              "  ('8d3c1d8e-0000-4000-8000-000000000001', '" OUR_NUMBER "', '" REMOTE_A "', "
              "  'Reminder: Friday at 10', 1767600000000000, 'pending', 0, NULL, NULL, 1, 1);"
              "INSERT INTO relay_cursor (relay_url, cursor, updated_at) VALUES "
              "  ('https://relay.example.com', 'evt_000042', 1767225600000000);"
              "COMMIT;", &error);
  g_assert_no_error (error);

  store_journal_append (store, "contact.add", "contact:1", "{\"source\": \"fixture\"}");
  store_journal_append (store, "message.send", "message:2", NULL);
  store_journal_append (store, "consent.opt-out", "consent:1", "{\"keyword\": \"STOP\"}");

  store_close (store);
}

static void
add_fixture_tests (void)
{
  const char *data_dir = g_test_get_dir (G_TEST_DIST);
  g_autofree char *dir = g_build_filename (data_dir, "data", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "store-v") && g_str_has_suffix (name, ".sql"))
      g_ptr_array_add (names, g_strdup (name));

  /* Without fixtures the migration tests would pass vacuously. */
  g_assert_cmpuint (names->len, >=, 2);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *fixture = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/Liaison/Store/fixture/%s", fixture);

      g_test_add_data_func_full (test_path, g_build_filename (dir, fixture, NULL),
                                 test_fixture, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--make-fixture"))
    {
      if (g_file_test (argv[2], G_FILE_TEST_EXISTS))
        {
          g_printerr ("%s already exists\n", argv[2]);
          return 1;
        }
      make_fixture (argv[2]);
      g_print ("Wrote %s (schema %u)\n", argv[2], liaison_store_get_schema_version ());
      return 0;
    }

  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Store/fresh-open", test_fresh_open);
  g_test_add_func ("/Liaison/Store/worker-thread", test_worker_thread);
  add_fixture_tests ();
  g_test_add_func ("/Liaison/Store/migration-backup", test_migration_backup);
  g_test_add_func ("/Liaison/Store/migration-failure", test_migration_failure);
  g_test_add_func ("/Liaison/Store/too-new", test_too_new);
  g_test_add_func ("/Liaison/Store/corrupt-random", test_corrupt_random);
  g_test_add_func ("/Liaison/Store/corrupt-page", test_corrupt_page);
  g_test_add_func ("/Liaison/Store/locked", test_locked);
  g_test_add_func ("/Liaison/Store/journal", test_journal);
  g_test_add_func ("/Liaison/Store/thread-triggers", test_thread_triggers);
  g_test_add_func ("/Liaison/Store/search", test_search);
  g_test_add_func ("/Liaison/Store/search-odd-input", test_search_odd_input);
  g_test_add_func ("/Liaison/Store/paging-messages", test_paging_messages);
  g_test_add_func ("/Liaison/Store/paging-threads", test_paging_threads);
  g_test_add_func ("/Liaison/Store/query-plans", test_query_plans);
  g_test_add_func ("/Liaison/Store/cancel", test_cancel);
  g_test_add_func ("/Liaison/Store/close-drains", test_close_drains);
  g_test_add_func ("/Liaison/Store/dispose-without-close", test_dispose_without_close);
  g_test_add_func ("/Liaison/Store/contacts", test_contacts);
  g_test_add_func ("/Liaison/Store/message-model", test_message_model);

  return g_test_run ();
}
