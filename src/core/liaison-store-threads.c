/* liaison-store-threads.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-threads"

#include "config.h"

#include "liaison-store-private.h"
#include "liaison-message-media-private.h"
#include "liaison-thread-private.h"

#include <glib/gi18n-lib.h>

/*
 * The inbox's lookups: a thread by its numbers, the media of a message,
 * archiving. As in liaison-store-queries.c, each function has an _async half
 * that copies its arguments and a worker half (…_work) that runs the SQL on
 * the store's worker thread.
 */

#define SQL_FIND_THREAD_BY_NUMBERS \
  "SELECT " LIAISON_THREAD_COLUMNS " FROM threads t " \
  "LEFT JOIN contacts c ON c.id = t.contact_id " \
  "LEFT JOIN messages m ON m.id = t.last_message_id " \
  "WHERE t.remote_number = ?1 AND t.our_number = ?2"

#define SQL_FIND_THREAD_BY_REMOTE \
  "SELECT " LIAISON_THREAD_COLUMNS " FROM threads t " \
  "LEFT JOIN contacts c ON c.id = t.contact_id " \
  "LEFT JOIN messages m ON m.id = t.last_message_id " \
  "WHERE t.remote_number = ?1 " \
  "ORDER BY t.last_time DESC, t.id DESC LIMIT 1"

#define SQL_LIST_MEDIA \
  "SELECT " LIAISON_MESSAGE_MEDIA_COLUMNS " FROM message_media mm " \
  "WHERE mm.message_id = ?1 ORDER BY mm.id"

#define SQL_FIND_MEDIA_BY_SID \
  "SELECT id FROM message_media WHERE sid = ?1"

#define SQL_INSERT_MEDIA \
  "INSERT INTO message_media (message_id, sid, content_type, url, size_bytes, created_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

#define SQL_SET_MEDIA_LOCAL_PATH \
  "UPDATE message_media SET local_path = ?2, size_bytes = coalesce (?3, size_bytes) WHERE id = ?1"

#define SQL_SET_THREAD_ARCHIVED \
  "UPDATE threads SET archived = ?2 WHERE id = ?1"

static gpointer
boxed_int64 (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

/* Finding a thread by number */

typedef struct
{
  char *remote_number;
  char *our_number;
} FindData;

static void
find_data_free (gpointer data)
{
  FindData *find = data;

  g_free (find->remote_number);
  g_free (find->our_number);
  g_free (find);
}

static gpointer
find_thread_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  FindData *find = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  if (find->our_number != NULL)
    stmt = _liaison_store_prepare (self, SQL_FIND_THREAD_BY_NUMBERS, error);
  else
    stmt = _liaison_store_prepare (self, SQL_FIND_THREAD_BY_REMOTE, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, find->remote_number, -1, SQLITE_STATIC);
  if (find->our_number != NULL)
    sqlite3_bind_text (stmt, 2, find->our_number, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _liaison_thread_new_from_stmt (stmt, 0);

  if (rc == SQLITE_DONE)
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                 _("There is no conversation with this number yet."));
  else
    _liaison_store_set_error (error, db, rc);

  return NULL;
}

void
liaison_store_find_thread_async (LiaisonStore        *self,
                                 const char          *remote_number,
                                 const char          *our_number,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  FindData *find;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (remote_number != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_find_thread_async);

  find = g_new0 (FindData, 1);
  find->remote_number = g_strdup (remote_number);
  find->our_number = g_strdup (our_number);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, find_thread_work,
                         find, find_data_free, g_object_unref);
}

LiaisonThread *
liaison_store_find_thread_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_find_thread_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Media of a message */

static gpointer
list_media_work (LiaisonStore  *self,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 message_id = *(gint64 *) data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _liaison_store_prepare (self, SQL_LIST_MEDIA, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, message_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (media, _liaison_message_media_new_from_stmt (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&media);
}

void
liaison_store_list_message_media_async (LiaisonStore        *self,
                                        gint64               message_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_message_media_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_media_work,
                         boxed_int64 (message_id), g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_message_media_finish (LiaisonStore  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_list_message_media_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64  message_id;
  char   *sid;
  char   *content_type;
  char   *url;
  char   *local_path;
  gint64  size;
} MediaData;

static void
media_data_free (gpointer data)
{
  MediaData *media = data;

  g_free (media->sid);
  g_free (media->content_type);
  g_free (media->url);
  g_free (media->local_path);
  g_free (media);
}

static gpointer
add_media_work (LiaisonStore  *self,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  MediaData *media = data;
  g_autoptr(LiaisonStoreStmt) insert = NULL;

  if (media->sid != NULL)
    {
      g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_MEDIA_BY_SID, error);
      int rc;

      if (find == NULL)
        return NULL;

      sqlite3_bind_text (find, 1, media->sid, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        return boxed_int64 (sqlite3_column_int64 (find, 0));
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          return NULL;
        }
    }

  insert = _liaison_store_prepare (self, SQL_INSERT_MEDIA, error);
  if (insert == NULL)
    return NULL;

  sqlite3_bind_int64 (insert, 1, media->message_id);
  _liaison_store_bind_text_or_null (insert, 2, media->sid);
  sqlite3_bind_text (insert, 3, media->content_type, -1, SQLITE_STATIC);
  _liaison_store_bind_text_or_null (insert, 4, media->url);
  if (media->size >= 0)
    sqlite3_bind_int64 (insert, 5, media->size);
  else
    sqlite3_bind_null (insert, 5);
  sqlite3_bind_int64 (insert, 6, g_get_real_time ());

  if (!_liaison_store_step_done (insert, error))
    return NULL;

  return boxed_int64 (sqlite3_last_insert_rowid (db));
}

void
liaison_store_add_message_media_async (LiaisonStore        *self,
                                       gint64               message_id,
                                       const char          *sid,
                                       const char          *content_type,
                                       const char          *url,
                                       gint64               size,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  MediaData *media;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_add_message_media_async);

  media = g_new0 (MediaData, 1);
  media->message_id = message_id;
  media->sid = g_strdup (sid);
  media->content_type = g_strdup (content_type != NULL && *content_type != '\0'
                                  ? content_type : "application/octet-stream");
  media->url = g_strdup (url);
  media->size = size;

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, add_media_work,
                         media, media_data_free, g_free);
}

gint64
liaison_store_add_message_media_finish (LiaisonStore  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_add_message_media_async, 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

static gpointer
set_local_path_work (LiaisonStore  *self,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  MediaData *media = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;

  stmt = _liaison_store_prepare (self, SQL_SET_MEDIA_LOCAL_PATH, error);
  if (stmt == NULL)
    return NULL;

  /* message_id holds the media id here. */
  sqlite3_bind_int64 (stmt, 1, media->message_id);
  _liaison_store_bind_text_or_null (stmt, 2, media->local_path);
  if (media->size >= 0)
    sqlite3_bind_int64 (stmt, 3, media->size);
  else
    sqlite3_bind_null (stmt, 3);

  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                   _("The picture or file no longer exists."));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

void
liaison_store_set_media_local_path_async (LiaisonStore        *self,
                                          gint64               media_id,
                                          const char          *local_path,
                                          gint64               size,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  MediaData *media;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_set_media_local_path_async);

  media = g_new0 (MediaData, 1);
  media->message_id = media_id;
  media->local_path = g_strdup (local_path);
  media->size = size;

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, set_local_path_work,
                         media, media_data_free, NULL);
}

gboolean
liaison_store_set_media_local_path_finish (LiaisonStore  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_set_media_local_path_async, FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/* Archiving */

typedef struct
{
  gint64   thread_id;
  gboolean archived;
} ArchiveData;

static gpointer
set_archived_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ArchiveData *archive = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;

  stmt = _liaison_store_prepare (self, SQL_SET_THREAD_ARCHIVED, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, archive->thread_id);
  sqlite3_bind_int (stmt, 2, archive->archived ? 1 : 0);
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                   _("The conversation no longer exists."));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

void
liaison_store_set_thread_archived_async (LiaisonStore        *self,
                                         gint64               thread_id,
                                         gboolean             archived,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  ArchiveData *archive;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_set_thread_archived_async);

  archive = g_new0 (ArchiveData, 1);
  archive->thread_id = thread_id;
  archive->archived = !!archived;

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, set_archived_work,
                         archive, g_free, NULL);
}

gboolean
liaison_store_set_thread_archived_finish (LiaisonStore  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_set_thread_archived_async, FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}
