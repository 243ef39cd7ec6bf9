/* liaison-store-journal.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-journal"

#include "config.h"

#include "liaison-store-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/*
 * The journal is append-only in the database (BEFORE UPDATE / BEFORE DELETE
 * triggers abort) and hash-chained here: an entry's hash covers the previous
 * entry's hash and every field of the entry, so changing, inserting or
 * removing an entry in the middle breaks the chain at that point. Someone who
 * can rewrite the file could recompute the whole chain; exporting the newest
 * hash (the examiner bundle does) pins it.
 */

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

#define SQL_JOURNAL_LAST \
  "SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1"

#define SQL_JOURNAL_INSERT \
  "INSERT INTO journal (id, time, actor, action, subject, detail, prev_hash, hash) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

#define SQL_JOURNAL_WALK \
  "SELECT id, time, actor, action, subject, detail, prev_hash, hash FROM journal ORDER BY id"

#define SQL_JOURNAL_TRIGGERS \
  "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal' " \
  "AND name IN ('journal_no_update', 'journal_no_delete')"

static void
checksum_add_field (GChecksum  *checksum,
                    const char *value)
{
  char prefix[32];

  /* Length-prefixed, with NULL distinct from "": no two different entries
   * serialise to the same bytes. */
  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "-;", 2);
      return;
    }

  g_snprintf (prefix, sizeof prefix, "%zu:", strlen (value));
  g_checksum_update (checksum, (const guchar *) prefix, -1);
  g_checksum_update (checksum, (const guchar *) value, -1);
  g_checksum_update (checksum, (const guchar *) ";", 1);
}

static char *
entry_hash (const char *prev_hash,
            gint64      id,
            gint64      time,
            const char *actor,
            const char *action,
            const char *subject,
            const char *detail)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char numbers[64];

  checksum_add_field (checksum, "liaison-journal-v1");
  checksum_add_field (checksum, prev_hash);
  g_snprintf (numbers, sizeof numbers, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, id, time);
  checksum_add_field (checksum, numbers);
  checksum_add_field (checksum, actor);
  checksum_add_field (checksum, action);
  checksum_add_field (checksum, subject);
  checksum_add_field (checksum, detail);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Append */

typedef struct
{
  char   *actor;
  char   *action;
  char   *subject;
  char   *detail;
  gint64  time;
} AppendData;

static void
append_data_free (gpointer data)
{
  AppendData *append = data;

  g_free (append->actor);
  g_free (append->action);
  g_free (append->subject);
  g_free (append->detail);
  g_free (append);
}

gboolean
_liaison_store_journal_append_locked (LiaisonStore  *self,
                                      const char    *actor,
                                      const char    *action,
                                      const char    *subject,
                                      const char    *detail,
                                      gint64         time,
                                      gint64        *out_id,
                                      GError       **error)
{
  g_autoptr(LiaisonStoreStmt) last = NULL;
  g_autoptr(LiaisonStoreStmt) insert = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 id = 1;
  int rc;

  last = _liaison_store_prepare (self, SQL_JOURNAL_LAST, error);
  if (last == NULL)
    return FALSE;

  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (last, 0) + 1;
      prev_hash = g_strdup ((const char *) sqlite3_column_text (last, 1));
    }
  else if (rc == SQLITE_DONE)
    {
      prev_hash = g_strdup (GENESIS_HASH);
    }
  else
    {
      return _liaison_store_set_error (error, sqlite3_db_handle (last), rc);
    }

  hash = entry_hash (prev_hash, id, time, actor, action, subject, detail);

  insert = _liaison_store_prepare (self, SQL_JOURNAL_INSERT, error);
  if (insert == NULL)
    return FALSE;

  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, time);
  sqlite3_bind_text (insert, 3, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, action, -1, SQLITE_STATIC);
  if (subject != NULL)
    sqlite3_bind_text (insert, 5, subject, -1, SQLITE_STATIC);
  if (detail != NULL)
    sqlite3_bind_text (insert, 6, detail, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, hash, -1, SQLITE_STATIC);

  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (insert), rc);

  if (out_id != NULL)
    *out_id = id;

  return TRUE;
}

static gpointer
append_work (LiaisonStore  *self,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  AppendData *append = data;
  gint64 id = 0;

  if (!_liaison_store_begin (self, error))
    return NULL;

  if (!_liaison_store_journal_append_locked (self, append->actor, append->action, append->subject,
                                             append->detail, append->time, &id, error) ||
      !_liaison_store_commit (self, error))
    {
      _liaison_store_rollback (self);
      return NULL;
    }

  return g_memdup2 (&id, sizeof id);
}

void
liaison_store_journal_append_async (LiaisonStore        *self,
                                    const char          *actor,
                                    const char          *action,
                                    const char          *subject,
                                    const char          *detail,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  AppendData *append;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (actor != NULL);
  g_return_if_fail (action != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_journal_append_async);

  if (!g_utf8_validate (actor, -1, NULL) || !g_utf8_validate (action, -1, NULL) ||
      (subject != NULL && !g_utf8_validate (subject, -1, NULL)) ||
      (detail != NULL && !g_utf8_validate (detail, -1, NULL)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The journal entry is not valid text (UTF-8)."));
      g_object_unref (task);
      return;
    }

  append = g_new0 (AppendData, 1);
  append->actor = g_strdup (actor);
  append->action = g_strdup (action);
  append->subject = g_strdup (subject);
  append->detail = g_strdup (detail);
  append->time = g_get_real_time ();

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, append_work,
                         append, append_data_free, g_free);
}

gint64
liaison_store_journal_append_finish (LiaisonStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_journal_append_async,
                        0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

/* Verify */

static gpointer
verify_work (LiaisonStore  *self,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(LiaisonStoreStmt) triggers = NULL;
  g_autoptr(LiaisonStoreStmt) walk = NULL;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  guint64 n_entries = 0;
  int rc;

  triggers = _liaison_store_prepare (self, SQL_JOURNAL_TRIGGERS, error);
  if (triggers == NULL)
    return NULL;

  rc = sqlite3_step (triggers);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }
  if (sqlite3_column_int (triggers, 0) != 2)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT,
                           _("The journal's write protection was removed from the database: "
                             "it may have been altered."));
      return NULL;
    }

  walk = _liaison_store_prepare (self, SQL_JOURNAL_WALK, error);
  if (walk == NULL)
    return NULL;

  /* One statement reads one consistent snapshot of the whole chain. */
  while ((rc = sqlite3_step (walk)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (walk, 0);
      const char *prev_hash = (const char *) sqlite3_column_text (walk, 6);
      const char *stored_hash = (const char *) sqlite3_column_text (walk, 7);
      g_autofree char *hash = NULL;

      if (g_strcmp0 (prev_hash, expected_prev) != 0)
        {
          g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT,
                       _("Journal entry %lld does not follow the entry "
                         "before it: entries were removed or inserted."), (long long) id);
          return NULL;
        }

      hash = entry_hash (prev_hash, id,
                         sqlite3_column_int64 (walk, 1),
                         (const char *) sqlite3_column_text (walk, 2),
                         (const char *) sqlite3_column_text (walk, 3),
                         (const char *) sqlite3_column_text (walk, 4),
                         (const char *) sqlite3_column_text (walk, 5));

      if (g_strcmp0 (hash, stored_hash) != 0)
        {
          g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT,
                       _("Journal entry %lld does not match its recorded "
                         "hash: it was altered."), (long long) id);
          return NULL;
        }

      g_free (expected_prev);
      expected_prev = g_strdup (stored_hash);
      n_entries++;

      if ((n_entries & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_memdup2 (&n_entries, sizeof n_entries);
}

void
liaison_store_journal_verify_async (LiaisonStore        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_journal_verify_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, verify_work,
                         NULL, NULL, g_free);
}

gboolean
liaison_store_journal_verify_finish (LiaisonStore  *self,
                                     GAsyncResult  *result,
                                     guint64       *out_n_entries,
                                     GError       **error)
{
  g_autofree guint64 *n_entries = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_journal_verify_async,
                        FALSE);

  n_entries = g_task_propagate_pointer (G_TASK (result), error);
  if (out_n_entries != NULL)
    *out_n_entries = n_entries != NULL ? *n_entries : 0;

  return n_entries != NULL;
}
