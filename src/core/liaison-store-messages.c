/* liaison-store-messages.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-messages"

#include "config.h"

#include "liaison-store-messages-private.h"
#include "liaison-log.h"
#include "liaison-message-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/*
 * Messages after they are stored: status updates from Twilio's callbacks
 * (forward only), the side effects of Twilio's error codes (opt-outs, bad
 * numbers), and the worker-side helpers the outbox uses inside its own
 * transactions.
 */

#define SQL_FIND_MESSAGE_BY_SID \
  "SELECT id, thread_id, status, from_number, to_number, direction FROM messages WHERE sid = ?1"

#define SQL_INSERT_MESSAGE \
  "INSERT INTO messages (sid, thread_id, direction, from_number, to_number, body, status, " \
  "error_code, error_message, num_segments, num_media, created_at, sent_at, updated_at, is_read, " \
  "scheduled_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"

#define SQL_UPDATE_STATUS \
  "UPDATE messages SET status = ?2, error_code = coalesce (?3, error_code), " \
  "error_message = coalesce (?4, error_message), sent_at = coalesce (?5, sent_at), " \
  "updated_at = ?6 WHERE id = ?1"

#define SQL_SET_SENT \
  "UPDATE messages SET sid = ?2, status = ?3, sent_at = coalesce (?4, sent_at), " \
  "num_segments = coalesce (?5, num_segments), updated_at = ?6 WHERE id = ?1 " \
  "RETURNING thread_id"

#define SQL_SET_STATUS \
  "UPDATE messages SET status = ?2, error_code = coalesce (?3, error_code), " \
  "error_message = coalesce (?4, error_message), updated_at = ?5 WHERE id = ?1 " \
  "RETURNING thread_id"

#define SQL_SET_SCHEDULED \
  "UPDATE messages SET scheduled_at = ?2, updated_at = ?3 WHERE id = ?1 RETURNING thread_id"

#define SQL_FLAG_BAD \
  "UPDATE contact_phones SET is_bad = 1, bad_reason = ?2, " \
  "bad_since = CASE WHEN is_bad = 1 AND bad_since IS NOT NULL THEN bad_since ELSE ?3 END " \
  "WHERE e164 = ?1"

#define SQL_KEEP_EARLY_STATUS \
  "INSERT OR IGNORE INTO message_status_early (sid, status, error_code, error_message, " \
  "date_sent, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

#define SQL_TAKE_EARLY_STATUSES \
  "DELETE FROM message_status_early WHERE sid = ?1 " \
  "RETURNING status, error_code, error_message, date_sent"

/* Early statuses whose message never got its SID (another desktop sent it). */
#define SQL_PRUNE_EARLY_STATUSES \
  "DELETE FROM message_status_early WHERE received_at < ?1"

#define EARLY_STATUS_KEEP_USEC (G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC)

#define SQL_GET_MESSAGE \
  "SELECT " LIAISON_MESSAGE_COLUMNS ", m.scheduled_at FROM messages m WHERE m.id = ?1"

static void
bind_int64_or_null (sqlite3_stmt *stmt,
                    int           index,
                    gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* Status ranks: Twilio's callbacks arrive out of order, so a status only
 * replaces one of a lower rank. */
static int
status_rank (const char *status)
{
  static const struct {
    const char *status;
    int         rank;
  } ranks[] = {
    { "scheduled", 0 },
    { "accepted", 0 },
    { "queued", 0 },
    { "sending", 1 },
    { "receiving", 1 },
    { "sent", 2 },
    { "delivered", 3 },
    { "undelivered", 3 },
    { "failed", 3 },
    { "received", 3 },
    { "read", 4 },
  };

  if (status == NULL)
    return -1;

  for (gsize i = 0; i < G_N_ELEMENTS (ranks); i++)
    if (g_str_equal (status, ranks[i].status))
      return ranks[i].rank;

  return -1;
}

static gboolean
status_is_newer (const char *current,
                 const char *status)
{
  if (g_strcmp0 (status, "canceled") == 0)
    return g_strcmp0 (current, "scheduled") == 0 || g_strcmp0 (current, "queued") == 0;

  /* Nothing comes after a cancellation. */
  if (g_strcmp0 (current, "canceled") == 0)
    return FALSE;

  return status_rank (status) > status_rank (current);
}

static gboolean
error_code_flags_bad (int code)
{
  return code == 21211 || code == 21614 || code == 30003 || code == 30005 || code == 30006;
}

/* Worker-side helpers */

gboolean
_liaison_store_insert_message_locked (LiaisonStore                  *self,
                                      const LiaisonStoreMessageInfo *info,
                                      gint64                         scheduled_at,
                                      gint64                        *out_message_id,
                                      gint64                        *out_thread_id,
                                      gboolean                      *out_is_new,
                                      GError                       **error)
{
  sqlite3 *db = _liaison_store_get_db (self);
  const char *direction = info->direction != NULL ? info->direction : "inbound";
  gboolean inbound = g_str_equal (direction, "inbound");
  const char *status = info->status;
  gint64 now = g_get_real_time ();
  gint64 thread_id = 0;
  int rc;

  if (status == NULL)
    status = inbound ? "received" : "queued";
  if (out_is_new != NULL)
    *out_is_new = FALSE;

  if (info->sid != NULL)
    {
      g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_MESSAGE_BY_SID, error);

      if (find == NULL)
        return FALSE;

      sqlite3_bind_text (find, 1, info->sid, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          *out_message_id = sqlite3_column_int64 (find, 0);
          if (out_thread_id != NULL)
            *out_thread_id = sqlite3_column_int64 (find, 1);
          return TRUE;
        }
      if (rc != SQLITE_DONE)
        return _liaison_store_set_error (error, db, rc);
    }

  {
    g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, LIAISON_STORE_SQL_FIND_THREAD, error);

    if (find == NULL)
      return FALSE;

    sqlite3_bind_text (find, 1, info->our_number, -1, SQLITE_STATIC);
    sqlite3_bind_text (find, 2, info->remote_number, -1, SQLITE_STATIC);
    rc = sqlite3_step (find);
    if (rc == SQLITE_ROW)
      thread_id = sqlite3_column_int64 (find, 0);
    else if (rc != SQLITE_DONE)
      return _liaison_store_set_error (error, db, rc);
  }

  if (thread_id == 0)
    {
      g_autoptr(LiaisonStoreStmt) insert = _liaison_store_prepare (self, LIAISON_STORE_SQL_INSERT_THREAD, error);

      if (insert == NULL)
        return FALSE;

      sqlite3_bind_text (insert, 1, info->our_number, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, info->remote_number, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, now);
      if (!_liaison_store_step_done (insert, error))
        return FALSE;

      thread_id = sqlite3_last_insert_rowid (db);
      LIAISON_DEBUG_MASKED (info->remote_number, "New thread with %s");
    }

  {
    g_autoptr(LiaisonStoreStmt) insert = _liaison_store_prepare (self, SQL_INSERT_MESSAGE, error);

    if (insert == NULL)
      return FALSE;

    _liaison_store_bind_text_or_null (insert, 1, info->sid);
    sqlite3_bind_int64 (insert, 2, thread_id);
    sqlite3_bind_text (insert, 3, direction, -1, SQLITE_STATIC);
    sqlite3_bind_text (insert, 4, inbound ? info->remote_number : info->our_number, -1, SQLITE_STATIC);
    sqlite3_bind_text (insert, 5, inbound ? info->our_number : info->remote_number, -1, SQLITE_STATIC);
    sqlite3_bind_text (insert, 6, info->body != NULL ? info->body : "", -1, SQLITE_STATIC);
    sqlite3_bind_text (insert, 7, status, -1, SQLITE_STATIC);
    if (info->error_code != 0)
      sqlite3_bind_int (insert, 8, info->error_code);
    else
      sqlite3_bind_null (insert, 8);
    _liaison_store_bind_text_or_null (insert, 9, info->error_message);
    sqlite3_bind_int (insert, 10, (int) MIN (MAX (info->num_segments, 1), (guint) G_MAXINT));
    sqlite3_bind_int (insert, 11, (int) MIN (info->num_media, (guint) G_MAXINT));
    sqlite3_bind_int64 (insert, 12, info->date_created != 0 ? info->date_created : now);
    bind_int64_or_null (insert, 13, info->date_sent);
    sqlite3_bind_int64 (insert, 14, now);
    sqlite3_bind_int (insert, 15, info->is_read ? 1 : 0);
    bind_int64_or_null (insert, 16, scheduled_at);

    if (!_liaison_store_step_done (insert, error))
      return FALSE;
  }

  *out_message_id = sqlite3_last_insert_rowid (db);
  if (out_thread_id != NULL)
    *out_thread_id = thread_id;
  if (out_is_new != NULL)
    *out_is_new = TRUE;

  return TRUE;
}

static gboolean
step_returning_thread (sqlite3_stmt  *stmt,
                       gint64        *out_thread_id,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                           _("The message is not in the database."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  if (out_thread_id != NULL)
    *out_thread_id = sqlite3_column_int64 (stmt, 0);

  /* Finish the statement so the change is complete. */
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  return TRUE;
}

typedef struct {
  char   *status;
  int     error_code;
  char   *error_message;
  gint64  date_sent;
} EarlyStatus;

static void
early_status_clear (EarlyStatus *early)
{
  g_free (early->status);
  g_free (early->error_message);
}

/* Statuses that arrived before the message had @sid, newest last. */
static gboolean
apply_early_statuses_locked (LiaisonStore  *self,
                             gint64         message_id,
                             const char    *sid,
                             const char    *status,
                             GError       **error)
{
  g_autoptr(GArray) early = g_array_new (FALSE, TRUE, sizeof (EarlyStatus));
  g_autofree char *current = g_strdup (status);
  g_autofree char *from_number = NULL;
  g_autofree char *to_number = NULL;
  int rc;

  g_array_set_clear_func (early, (GDestroyNotify) early_status_clear);

  {
    g_autoptr(LiaisonStoreStmt) take = _liaison_store_prepare (self, SQL_TAKE_EARLY_STATUSES, error);

    if (take == NULL)
      return FALSE;

    sqlite3_bind_text (take, 1, sid, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step (take)) == SQLITE_ROW)
      {
        EarlyStatus row = {
          .status = g_strdup ((const char *) sqlite3_column_text (take, 0)),
          .error_code = sqlite3_column_int (take, 1),
          .error_message = g_strdup ((const char *) sqlite3_column_text (take, 2)),
          .date_sent = sqlite3_column_int64 (take, 3),
        };

        g_array_append_val (early, row);
      }
    if (rc != SQLITE_DONE)
      return _liaison_store_set_error (error, sqlite3_db_handle (take), rc);
  }

  if (early->len == 0)
    return TRUE;

  {
    g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_MESSAGE_BY_SID, error);

    if (find == NULL)
      return FALSE;
    sqlite3_bind_text (find, 1, sid, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step (find)) != SQLITE_ROW)
      return _liaison_store_set_error (error, sqlite3_db_handle (find), rc);
    from_number = g_strdup ((const char *) sqlite3_column_text (find, 3));
    to_number = g_strdup ((const char *) sqlite3_column_text (find, 4));
  }

  for (guint i = 0; i < early->len; i++)
    {
      EarlyStatus *row = &g_array_index (early, EarlyStatus, i);

      if (status_is_newer (current, row->status))
        {
          g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_UPDATE_STATUS, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, message_id);
          sqlite3_bind_text (stmt, 2, row->status, -1, SQLITE_STATIC);
          if (row->error_code != 0)
            sqlite3_bind_int (stmt, 3, row->error_code);
          else
            sqlite3_bind_null (stmt, 3);
          _liaison_store_bind_text_or_null (stmt, 4, row->error_message);
          bind_int64_or_null (stmt, 5, row->date_sent);
          sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
          if (!_liaison_store_step_done (stmt, error))
            return FALSE;

          g_free (current);
          current = g_strdup (row->status);
        }

      if (row->error_code != 0
          && !_liaison_store_apply_error_code_locked (self, to_number, from_number, sid,
                                                      row->error_code, NULL, error))
        return FALSE;
    }

  g_debug ("Applied %u status(es) that arrived before the message's SID", early->len);
  return TRUE;
}

gboolean
_liaison_store_set_message_sent_locked (LiaisonStore  *self,
                                        gint64         message_id,
                                        const char    *sid,
                                        const char    *status,
                                        gint64         date_sent,
                                        guint          num_segments,
                                        gint64        *out_thread_id,
                                        GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_SENT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_text (stmt, 2, sid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, status != NULL ? status : "queued", -1, SQLITE_STATIC);
  bind_int64_or_null (stmt, 4, date_sent);
  if (num_segments > 0)
    sqlite3_bind_int (stmt, 5, (int) MIN (num_segments, (guint) G_MAXINT));
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());

  if (!step_returning_thread (stmt, out_thread_id, error))
    return FALSE;

  return apply_early_statuses_locked (self, message_id, sid, status != NULL ? status : "queued",
                                      error);
}

gboolean
_liaison_store_set_message_status_locked (LiaisonStore  *self,
                                          gint64         message_id,
                                          const char    *status,
                                          int            error_code,
                                          const char    *error_message,
                                          gint64        *out_thread_id,
                                          GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_STATUS, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  if (error_code != 0)
    sqlite3_bind_int (stmt, 3, error_code);
  else
    sqlite3_bind_null (stmt, 3);
  _liaison_store_bind_text_or_null (stmt, 4, error_message);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

  return step_returning_thread (stmt, out_thread_id, error);
}

gboolean
_liaison_store_set_message_scheduled_locked (LiaisonStore  *self,
                                             gint64         message_id,
                                             gint64         scheduled_at,
                                             gint64        *out_thread_id,
                                             GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_SCHEDULED, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  bind_int64_or_null (stmt, 2, scheduled_at);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  return step_returning_thread (stmt, out_thread_id, error);
}

gboolean
_liaison_store_apply_error_code_locked (LiaisonStore  *self,
                                        const char    *to_number,
                                        const char    *our_number,
                                        const char    *message_sid,
                                        int            error_code,
                                        gint64        *out_consent_event_id,
                                        GError       **error)
{
  if (out_consent_event_id != NULL)
    *out_consent_event_id = 0;

  if (to_number == NULL)
    return TRUE;

  if (error_code == 21610)
    {
      LiaisonConsentEventInfo info = {
        .e164 = to_number,
        .event = "opt-out",
        .source = "twilio-error",
        .message_sid = message_sid,
        .note = "21610",
        .our_number = our_number,
      };
      gboolean added = FALSE;
      gint64 event_id;

      event_id = _liaison_consent_ledger_record_locked (self, &info, &added, error);
      if (event_id == 0)
        return FALSE;

      LIAISON_DEBUG_MASKED (to_number, "Twilio says %s unsubscribed (21610)");
      if (added && out_consent_event_id != NULL)
        *out_consent_event_id = event_id;
    }
  else if (error_code_flags_bad (error_code))
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_FLAG_BAD, error);
      char reason[16];

      if (stmt == NULL)
        return FALSE;

      g_snprintf (reason, sizeof reason, "%d", error_code);
      sqlite3_bind_text (stmt, 1, to_number, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;

      LIAISON_DEBUG_MASKED (to_number, "Number %s flagged bad (%d)", error_code);
    }

  return TRUE;
}

/* Status updates */

typedef struct
{
  char   *sid;
  char   *status;
  int     error_code;
  char   *error_message;
  gint64  date_sent;
} StatusData;

typedef struct
{
  gint64 message_id;   /* 0: ignored */
  gint64 thread_id;
  gint64 consent_event_id;
} StatusResult;

static void
status_data_free (gpointer data)
{
  StatusData *update = data;

  g_free (update->sid);
  g_free (update->status);
  g_free (update->error_message);
  g_free (update);
}

static gpointer
update_status_work (LiaisonStore  *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  StatusData *update = data;
  g_autofree StatusResult *result = g_new0 (StatusResult, 1);
  g_autofree char *current = NULL;
  g_autofree char *from_number = NULL;
  g_autofree char *to_number = NULL;
  g_autofree char *direction = NULL;
  gint64 message_id;
  gint64 thread_id;
  int rc;

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_MESSAGE_BY_SID, error);

    if (find == NULL)
      goto failed;

    sqlite3_bind_text (find, 1, update->sid, -1, SQLITE_STATIC);
    rc = sqlite3_step (find);
    if (rc == SQLITE_DONE)
      {
        /* Perhaps the callback overtook the answer to our create: keep the
         * status for when the outbox records the SID. */
        g_autoptr(LiaisonStoreStmt) keep = _liaison_store_prepare (self, SQL_KEEP_EARLY_STATUS, error);
        g_autoptr(LiaisonStoreStmt) prune = NULL;
        gint64 now = g_get_real_time ();

        if (keep == NULL)
          goto failed;
        sqlite3_bind_text (keep, 1, update->sid, -1, SQLITE_STATIC);
        sqlite3_bind_text (keep, 2, update->status, -1, SQLITE_STATIC);
        if (update->error_code != 0)
          sqlite3_bind_int (keep, 3, update->error_code);
        else
          sqlite3_bind_null (keep, 3);
        _liaison_store_bind_text_or_null (keep, 4, update->error_message);
        bind_int64_or_null (keep, 5, update->date_sent);
        sqlite3_bind_int64 (keep, 6, now);
        if (!_liaison_store_step_done (keep, error))
          goto failed;

        prune = _liaison_store_prepare (self, SQL_PRUNE_EARLY_STATUSES, error);
        if (prune == NULL)
          goto failed;
        sqlite3_bind_int64 (prune, 1, now - EARLY_STATUS_KEEP_USEC);
        if (!_liaison_store_step_done (prune, error) || !_liaison_store_commit (self, error))
          goto failed;

        g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                             _("The message is not in the database."));
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }

    message_id = sqlite3_column_int64 (find, 0);
    thread_id = sqlite3_column_int64 (find, 1);
    current = g_strdup ((const char *) sqlite3_column_text (find, 2));
    from_number = g_strdup ((const char *) sqlite3_column_text (find, 3));
    to_number = g_strdup ((const char *) sqlite3_column_text (find, 4));
    direction = g_strdup ((const char *) sqlite3_column_text (find, 5));
  }

  if (status_is_newer (current, update->status))
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_UPDATE_STATUS, error);

      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, message_id);
      sqlite3_bind_text (stmt, 2, update->status, -1, SQLITE_STATIC);
      if (update->error_code != 0)
        sqlite3_bind_int (stmt, 3, update->error_code);
      else
        sqlite3_bind_null (stmt, 3);
      _liaison_store_bind_text_or_null (stmt, 4, update->error_message);
      bind_int64_or_null (stmt, 5, update->date_sent);
      sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
      if (!_liaison_store_step_done (stmt, error))
        goto failed;

      result->message_id = message_id;
      result->thread_id = thread_id;
    }
  else
    {
      g_debug ("Status “%s” after “%s” ignored", update->status, current);
    }

  /* An error is a fact about the number whatever order it arrived in; the
   * ledger de-duplicates a repeated 21610 by message SID. */
  if (update->error_code != 0 && !g_str_equal (direction, "inbound"))
    {
      if (!_liaison_store_apply_error_code_locked (self, to_number, from_number, update->sid,
                                                   update->error_code, &result->consent_event_id,
                                                   error))
        goto failed;
    }

  if (!_liaison_store_commit (self, error))
    goto failed;

  return g_steal_pointer (&result);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static void
update_status_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaisonStore *store = LIAISON_STORE (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  StatusResult *status_result;

  status_result = _liaison_store_run_finish (store, result, &error);
  if (status_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, status_result, g_free);
}

void
liaison_store_update_message_status_async (LiaisonStore        *self,
                                           const char          *sid,
                                           const char          *status,
                                           int                  error_code,
                                           const char          *error_message,
                                           gint64               date_sent,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  StatusData *update;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_update_message_status_async);

  /* Webhook data: refuse with an error, never assert. */
  if (sid == NULL || *sid == '\0' || status == NULL || *status == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A status update needs the message SID and a status."));
      g_object_unref (task);
      return;
    }
  if (!g_utf8_validate (sid, -1, NULL) || !g_utf8_validate (status, -1, NULL) ||
      (error_message != NULL && !g_utf8_validate (error_message, -1, NULL)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The status update is not valid text (UTF-8)."));
      g_object_unref (task);
      return;
    }

  update = g_new0 (StatusData, 1);
  update->sid = g_strdup (sid);
  update->status = g_strdup (status);
  update->error_code = error_code;
  update->error_message = g_strdup (error_message);
  update->date_sent = date_sent;

  _liaison_store_run_full_async (self, LIAISON_STORE_PRIORITY_WRITE, update_status_work,
                                 update, status_data_free, g_free, cancellable,
                                 update_status_cb, task);
}

gint64
liaison_store_update_message_status_finish (LiaisonStore  *self,
                                            GAsyncResult  *result,
                                            gint64        *out_thread_id,
                                            GError       **error)
{
  g_autofree StatusResult *status_result = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_update_message_status_async, 0);

  if (out_thread_id != NULL)
    *out_thread_id = 0;

  status_result = g_task_propagate_pointer (G_TASK (result), error);
  if (status_result == NULL)
    return 0;

  if (out_thread_id != NULL)
    *out_thread_id = status_result->thread_id;

  return status_result->message_id;
}

/* One message */

static gpointer
get_message_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 *message_id = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  LiaisonMessage *message;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_GET_MESSAGE, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, *message_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                           _("The message is not in the database."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  message = _liaison_message_new_from_stmt (stmt, 0);
  _liaison_message_set_date_scheduled (message,
                                       sqlite3_column_int64 (stmt, LIAISON_MESSAGE_N_COLUMNS));
  return message;
}

void
liaison_store_get_message_async (LiaisonStore        *self,
                                 gint64               message_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_message_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_message_work,
                         g_memdup2 (&message_id, sizeof message_id), g_free, g_object_unref);
}

LiaisonMessage *
liaison_store_get_message_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_get_message_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
