/* liaison-consent-ledger.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-consent-ledger"

#include "config.h"

#include "liaison-consent-ledger.h"
#include "liaison-log.h"
#include "liaison-store-messages-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/*
 * The ledger lives in consent_events (append-only: triggers refuse UPDATE and
 * DELETE) and consent_state (a trigger keeps each number's latest opt-in or
 * opt-out). The trigger makes the event inserted last the current one; an
 * event recorded with an older time (an import) must not replace a newer
 * one, so record_locked() puts the newer event back in that case.
 *
 * The journal gets one entry per change, with no personal data: the action
 * and "consent:<id>", in the same transaction as the change.
 */

#define CONSENT_EVENT_COLUMNS \
  "e.id, e.e164, e.contact_id, e.event, e.source, e.channel, e.message_sid, e.note, " \
  "e.our_number, e.created_at"

#define SQL_CONTACT_FOR_NUMBER \
  "SELECT contact_id FROM contact_phones WHERE e164 = ?1 ORDER BY is_primary DESC, id LIMIT 1"

#define SQL_FIND_DUPLICATE \
  "SELECT id FROM consent_events WHERE message_sid = ?1 AND event = ?2 ORDER BY id LIMIT 1"

#define SQL_CURRENT_STATE \
  "SELECT state, event_id, updated_at FROM consent_state WHERE e164 = ?1"

#define SQL_RESTORE_STATE \
  "UPDATE consent_state SET state = ?2, event_id = ?3, updated_at = ?4 WHERE e164 = ?1"

#define SQL_INSERT_EVENT \
  "INSERT INTO consent_events (e164, contact_id, event, source, channel, message_sid, note, " \
  "our_number, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"

#define SQL_GET_STATE \
  "SELECT s.state, " CONSENT_EVENT_COLUMNS " FROM consent_state s " \
  "JOIN consent_events e ON e.id = s.event_id WHERE s.e164 = ?1"

#define SQL_LIST_FOR_NUMBER \
  "SELECT " CONSENT_EVENT_COLUMNS " FROM consent_events e WHERE e.e164 = ?1 " \
  "ORDER BY e.created_at DESC, e.id DESC"

#define SQL_LIST_FOR_CONTACT \
  "SELECT " CONSENT_EVENT_COLUMNS " FROM consent_events e " \
  "WHERE e.contact_id = ?1 OR e.e164 IN (SELECT p.e164 FROM contact_phones p WHERE p.contact_id = ?1) " \
  "ORDER BY e.created_at DESC, e.id DESC"

static const char * const events[] = { "opt-in", "opt-out", "help", NULL };

static LiaisonConsentEvent *
event_from_stmt (sqlite3_stmt *stmt,
                 int           c)
{
  return _liaison_consent_event_new (sqlite3_column_int64 (stmt, c),
                                     (const char *) sqlite3_column_text (stmt, c + 1),
                                     sqlite3_column_int64 (stmt, c + 2),
                                     (const char *) sqlite3_column_text (stmt, c + 3),
                                     (const char *) sqlite3_column_text (stmt, c + 4),
                                     (const char *) sqlite3_column_text (stmt, c + 5),
                                     (const char *) sqlite3_column_text (stmt, c + 6),
                                     (const char *) sqlite3_column_text (stmt, c + 7),
                                     (const char *) sqlite3_column_text (stmt, c + 8),
                                     sqlite3_column_int64 (stmt, c + 9));
}

/* Worker side */

gint64
_liaison_consent_ledger_record_locked (LiaisonStore                  *self,
                                       const LiaisonConsentEventInfo *info,
                                       gboolean                      *out_added,
                                       GError                       **error)
{
  sqlite3 *db = _liaison_store_get_db (self);
  gboolean changes_state = g_strcmp0 (info->event, "help") != 0;
  g_autofree char *prior_state = NULL;
  gint64 prior_event_id = 0;
  gint64 prior_time = 0;
  gint64 contact_id = 0;
  gint64 time = info->time != 0 ? info->time : g_get_real_time ();
  gint64 event_id;
  int rc;

  if (out_added != NULL)
    *out_added = FALSE;

  if (info->message_sid != NULL)
    {
      g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_DUPLICATE, error);

      if (find == NULL)
        return 0;

      sqlite3_bind_text (find, 1, info->message_sid, -1, SQLITE_STATIC);
      sqlite3_bind_text (find, 2, info->event, -1, SQLITE_STATIC);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          LIAISON_DEBUG_MASKED (info->message_sid, "Consent event for %s already recorded");
          return sqlite3_column_int64 (find, 0);
        }
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          return 0;
        }
    }

  {
    g_autoptr(LiaisonStoreStmt) contact = _liaison_store_prepare (self, SQL_CONTACT_FOR_NUMBER, error);

    if (contact == NULL)
      return 0;

    sqlite3_bind_text (contact, 1, info->e164, -1, SQLITE_STATIC);
    rc = sqlite3_step (contact);
    if (rc == SQLITE_ROW)
      contact_id = sqlite3_column_int64 (contact, 0);
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return 0;
      }
  }

  if (changes_state)
    {
      g_autoptr(LiaisonStoreStmt) current = _liaison_store_prepare (self, SQL_CURRENT_STATE, error);

      if (current == NULL)
        return 0;

      sqlite3_bind_text (current, 1, info->e164, -1, SQLITE_STATIC);
      rc = sqlite3_step (current);
      if (rc == SQLITE_ROW)
        {
          prior_state = g_strdup ((const char *) sqlite3_column_text (current, 0));
          prior_event_id = sqlite3_column_int64 (current, 1);
          prior_time = sqlite3_column_int64 (current, 2);
        }
      else if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          return 0;
        }
    }

  {
    g_autoptr(LiaisonStoreStmt) insert = _liaison_store_prepare (self, SQL_INSERT_EVENT, error);

    if (insert == NULL)
      return 0;

    sqlite3_bind_text (insert, 1, info->e164, -1, SQLITE_STATIC);
    if (contact_id != 0)
      sqlite3_bind_int64 (insert, 2, contact_id);
    else
      sqlite3_bind_null (insert, 2);
    sqlite3_bind_text (insert, 3, info->event, -1, SQLITE_STATIC);
    sqlite3_bind_text (insert, 4, info->source, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (insert, 5, info->channel);
    _liaison_store_bind_text_or_null (insert, 6, info->message_sid);
    _liaison_store_bind_text_or_null (insert, 7, info->note);
    _liaison_store_bind_text_or_null (insert, 8, info->our_number);
    sqlite3_bind_int64 (insert, 9, time);

    rc = sqlite3_step (insert);
    if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return 0;
      }
    event_id = sqlite3_last_insert_rowid (db);
  }

  /* The trigger made this event current; an older event must not win over
   * a newer one already recorded. */
  if (prior_state != NULL && prior_time > time)
    {
      g_autoptr(LiaisonStoreStmt) restore = _liaison_store_prepare (self, SQL_RESTORE_STATE, error);

      if (restore == NULL)
        return 0;

      sqlite3_bind_text (restore, 1, info->e164, -1, SQLITE_STATIC);
      sqlite3_bind_text (restore, 2, prior_state, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (restore, 3, prior_event_id);
      sqlite3_bind_int64 (restore, 4, prior_time);
      rc = sqlite3_step (restore);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          return 0;
        }
    }

  /* The journal entry commits with the change: no personal data, the
   * ledger entry's id only. */
  {
    g_autofree char *action = g_strconcat ("consent.", info->event, NULL);
    g_autofree char *subject = g_strdup_printf ("consent:%" G_GINT64_FORMAT, event_id);

    if (!_liaison_store_journal_append_locked (self, "liaison", action, subject, NULL,
                                               g_get_real_time (), NULL, error))
      return 0;
  }

  LIAISON_DEBUG_MASKED (info->e164, "Consent event for %s: %s (%s)", info->event, info->source);

  if (out_added != NULL)
    *out_added = TRUE;

  return event_id;
}

/* Journal */

/* Record */

typedef struct
{
  char   *e164;
  char   *event;
  char   *source;
  char   *channel;
  char   *message_sid;
  char   *note;
  char   *our_number;
  gint64  time;
} RecordData;

typedef struct
{
  gint64   event_id;
  gboolean added;
  int      keyword;
} RecordResult;

static void
record_data_free (gpointer data)
{
  RecordData *record = data;

  g_free (record->e164);
  g_free (record->event);
  g_free (record->source);
  g_free (record->channel);
  g_free (record->message_sid);
  g_free (record->note);
  g_free (record->our_number);
  g_free (record);
}

static gpointer
record_work (LiaisonStore  *self,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RecordData *record = data;
  LiaisonConsentEventInfo info = {
    .e164 = record->e164,
    .event = record->event,
    .source = record->source,
    .channel = record->channel,
    .message_sid = record->message_sid,
    .note = record->note,
    .our_number = record->our_number,
    .time = record->time,
  };
  g_autofree RecordResult *result = g_new0 (RecordResult, 1);

  if (!_liaison_store_begin (self, error))
    return NULL;

  result->event_id = _liaison_consent_ledger_record_locked (self, &info, &result->added, error);
  if (result->event_id == 0)
    goto failed;

  if (!_liaison_store_commit (self, error))
    goto failed;

  return g_steal_pointer (&result);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

typedef struct
{
  char *event;
  int   keyword;
} RecordTaskData;

static void
record_task_data_free (gpointer data)
{
  RecordTaskData *td = data;

  g_free (td->event);
  g_free (td);
}

static void
record_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LiaisonStore *store = LIAISON_STORE (source);
  g_autoptr(GTask) task = user_data;
  RecordTaskData *td = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RecordResult *record_result;

  record_result = _liaison_store_run_finish (store, result, &error);
  if (record_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  record_result->keyword = td->keyword;
  g_task_return_pointer (task, record_result, g_free);
}

static gboolean
validate_info (const LiaisonConsentEventInfo *info,
               GError                       **error)
{
  if (info->e164 == NULL || info->e164[0] != '+' || info->event == NULL ||
      !g_strv_contains (events, info->event) || info->source == NULL || *info->source == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A consent event needs a phone number, an event (opt-in, opt-out "
                             "or help) and where it came from."));
      return FALSE;
    }

  if (!g_utf8_validate (info->e164, -1, NULL) || !g_utf8_validate (info->source, -1, NULL) ||
      (info->channel != NULL && !g_utf8_validate (info->channel, -1, NULL)) ||
      (info->message_sid != NULL && !g_utf8_validate (info->message_sid, -1, NULL)) ||
      (info->note != NULL && !g_utf8_validate (info->note, -1, NULL)) ||
      (info->our_number != NULL && !g_utf8_validate (info->our_number, -1, NULL)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The consent event is not valid text (UTF-8)."));
      return FALSE;
    }

  return TRUE;
}

static void
record_start (LiaisonStore                  *store,
              GTask                         *task,
              const LiaisonConsentEventInfo *info,
              int                            keyword)
{
  g_autoptr(GError) error = NULL;
  RecordData *record;
  RecordTaskData *td;

  if (!validate_info (info, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  td = g_new0 (RecordTaskData, 1);
  td->event = g_strdup (info->event);
  td->keyword = keyword;
  g_task_set_task_data (task, td, record_task_data_free);

  record = g_new0 (RecordData, 1);
  record->e164 = g_strdup (info->e164);
  record->event = g_strdup (info->event);
  record->source = g_strdup (info->source);
  record->channel = g_strdup (info->channel);
  record->message_sid = g_strdup (info->message_sid);
  record->note = g_strdup (info->note);
  record->our_number = g_strdup (info->our_number);
  record->time = info->time;

  _liaison_store_run_full_async (store, LIAISON_STORE_PRIORITY_WRITE, record_work, record,
                                 record_data_free, g_free, g_task_get_cancellable (task),
                                 record_cb, task);
}

void
liaison_consent_ledger_record_async (LiaisonStore                  *store,
                                     const LiaisonConsentEventInfo *info,
                                     GCancellable                  *cancellable,
                                     GAsyncReadyCallback            callback,
                                     gpointer                       user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (info != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_consent_ledger_record_async);
  record_start (store, task, info, LIAISON_KEYWORD_NONE);
}

gint64
liaison_consent_ledger_record_finish (LiaisonStore  *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autofree RecordResult *record_result = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), 0);
  g_return_val_if_fail (g_task_is_valid (result, store), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_consent_ledger_record_async, 0);

  record_result = g_task_propagate_pointer (G_TASK (result), error);
  return record_result != NULL ? record_result->event_id : 0;
}

/* State */

typedef struct
{
  LiaisonConsentState  state;
  LiaisonConsentEvent *event;
} StateResult;

static void
state_result_free (gpointer data)
{
  StateResult *state = data;

  g_clear_object (&state->event);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StateResult, state_result_free)

static gpointer
get_state_work (LiaisonStore  *self,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *e164 = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  StateResult *state = g_new0 (StateResult, 1);
  int rc;

  stmt = _liaison_store_prepare (self, SQL_GET_STATE, error);
  if (stmt == NULL)
    {
      g_free (state);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, e164, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      state->state = g_strcmp0 (text, "opted-out") == 0 ? LIAISON_CONSENT_OPTED_OUT
                                                        : LIAISON_CONSENT_OPTED_IN;
      state->event = event_from_stmt (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      g_free (state);
      return NULL;
    }

  return state;
}

void
liaison_consent_ledger_get_state_async (LiaisonStore        *store,
                                        const char          *e164,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (e164 != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_consent_ledger_get_state_async);

  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, get_state_work,
                         g_strdup (e164), g_free, state_result_free);
}

LiaisonConsentState
liaison_consent_ledger_get_state_finish (LiaisonStore         *store,
                                         GAsyncResult         *result,
                                         LiaisonConsentEvent **out_event,
                                         GError              **error)
{
  g_autoptr(StateResult) state = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), LIAISON_CONSENT_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, store), LIAISON_CONSENT_UNKNOWN);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_consent_ledger_get_state_async, LIAISON_CONSENT_UNKNOWN);

  if (out_event != NULL)
    *out_event = NULL;

  state = g_task_propagate_pointer (G_TASK (result), error);
  if (state == NULL)
    return LIAISON_CONSENT_UNKNOWN;

  if (out_event != NULL)
    *out_event = g_steal_pointer (&state->event);

  return state->state;
}

/* List */

typedef struct
{
  gint64  contact_id;
  char   *e164;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *list = data;

  g_free (list->e164);
  g_free (list);
}

static gpointer
list_work (LiaisonStore  *self,
           sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListData *list = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (list->contact_id != 0)
    {
      stmt = _liaison_store_prepare (self, SQL_LIST_FOR_CONTACT, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, list->contact_id);
    }
  else
    {
      stmt = _liaison_store_prepare (self, SQL_LIST_FOR_NUMBER, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, list->e164, -1, SQLITE_STATIC);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, event_from_stmt (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&result);
}

void
liaison_consent_ledger_list_async (LiaisonStore        *store,
                                   gint64               contact_id,
                                   const char          *e164,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  ListData *list;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (contact_id != 0 || e164 != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_consent_ledger_list_async);

  list = g_new0 (ListData, 1);
  list->contact_id = contact_id;
  list->e164 = g_strdup (e164);

  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, list_work, list,
                         list_data_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_consent_ledger_list_finish (LiaisonStore  *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_consent_ledger_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Inbound messages */

/* The keyword as the person wrote it, for the note: the body without
 * surrounding white space and punctuation, upper-cased, at most 32 characters. */
static char *
keyword_note (const char *body,
              const char *opt_out_type)
{
  g_autofree char *upper = NULL;
  const char *start;
  const char *end;

  if (body == NULL)
    return g_strdup (opt_out_type);

  start = body;
  while (*start != '\0')
    {
      gunichar c = g_utf8_get_char (start);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        break;
      start = g_utf8_next_char (start);
    }

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        break;
      end = prev;
    }

  if (end == start || g_utf8_strlen (start, end - start) > 32)
    return g_strdup (opt_out_type);

  upper = g_utf8_strup (start, end - start);
  return g_steal_pointer (&upper);
}

void
liaison_consent_ledger_apply_inbound_async (LiaisonStore        *store,
                                            const char          *from,
                                            const char          *to,
                                            const char          *body,
                                            const char          *opt_out_type,
                                            const char          *message_sid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GTask *task;
  LiaisonKeyword keyword;
  g_autofree char *note = NULL;
  LiaisonConsentEventInfo info = { 0, };

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_consent_ledger_apply_inbound_async);

  if (body != NULL && !g_utf8_validate (body, -1, NULL))
    body = NULL;
  if (opt_out_type != NULL && !g_utf8_validate (opt_out_type, -1, NULL))
    opt_out_type = NULL;

  keyword = liaison_keyword_classify (body, opt_out_type);
  if (keyword == LIAISON_KEYWORD_NONE)
    {
      RecordResult *none = g_new0 (RecordResult, 1);

      none->keyword = LIAISON_KEYWORD_NONE;
      g_task_return_pointer (task, none, g_free);
      g_object_unref (task);
      return;
    }

  note = keyword_note (body, opt_out_type);
  info.e164 = from;
  info.event = liaison_keyword_to_event (keyword);
  info.source = "keyword";
  info.channel = "sms";
  info.message_sid = message_sid;
  info.note = note;
  info.our_number = to;

  record_start (store, task, &info, keyword);
}

LiaisonKeyword
liaison_consent_ledger_apply_inbound_finish (LiaisonStore  *store,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_autofree RecordResult *record_result = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), LIAISON_KEYWORD_NONE);
  g_return_val_if_fail (g_task_is_valid (result, store), LIAISON_KEYWORD_NONE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_consent_ledger_apply_inbound_async, LIAISON_KEYWORD_NONE);

  record_result = g_task_propagate_pointer (G_TASK (result), error);
  return record_result != NULL ? (LiaisonKeyword) record_result->keyword : LIAISON_KEYWORD_NONE;
}

/* Revocation deadline */

gint64
liaison_consent_revocation_deadline (gint64     revoked_at,
                                     GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) next_midnight = NULL;
  GDate date;
  guint business_days = 0;
  int year, month, day;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  utc = g_date_time_new_from_unix_utc (revoked_at / G_USEC_PER_SEC);
  if (utc == NULL)
    return 0;
  when = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (when, &year, &month, &day);

  /* Count calendar days in the zone: ten weekdays after the day of revocation. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  while (business_days < 10)
    {
      GDateWeekday weekday;

      g_date_add_days (&date, 1);
      weekday = g_date_get_weekday (&date);
      if (weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY)
        business_days++;
    }

  /* The end of that day is just before the next day starts, whatever the
   * day's length (23 or 25 hours when the clocks change). */
  g_date_add_days (&date, 1);
  next_midnight = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 0, 0, 0);
  if (next_midnight == NULL)
    return 0;

  return g_date_time_to_unix (next_midnight) * G_USEC_PER_SEC - 1;
}
