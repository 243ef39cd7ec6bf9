/* liaison-outbox.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-outbox"

#include "config.h"

#include "liaison-outbox.h"
#include "liaison-outbox-private.h"
#include "liaison-log.h"
#include "liaison-phone.h"
#include "liaison-store-messages-private.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

/*
 * One dispatcher works through the outbox table, one row at a time, so a row
 * is never in two requests at once:
 *
 *   reconcile rows left in "sending" (start-up, or after an uncertain send)
 *   → take the oldest due pending row → gate again (cancel or postpone)
 *   → claim it (state "sending", attempts + 1, committed)
 *   → POST to Twilio → record the answer → next row.
 *
 * With nothing due, a timer on the gate's clock waits for the next scheduled
 * row and "idle" is emitted. Rows are never re-sent while their fate is
 * unknown: an uncertain send stays "sending" until Twilio's message list
 * shows whether it went (same From, To and body, created after the claim).
 *
 * Record-keeping times (created_at, updated_at: compared with Twilio's dates
 * when reconciling) are real time; scheduling times (scheduled_at) follow the
 * gate's clock, so tests with a fake clock can move them.
 */

#define RECONCILE_MARGIN_USEC   (10 * 60 * G_USEC_PER_SEC)
#define RECONCILE_RETRY_USEC    (60 * G_USEC_PER_SEC)
#define RECONCILE_PAGE_SIZE     50
#define MAX_BACKOFF_USEC        (5 * 60 * G_USEC_PER_SEC)
#define QUIET_FALLBACK_USEC     (15 * 60 * G_USEC_PER_SEC)

#define SQL_RECIPIENT_CONSENT \
  "SELECT s.state, s.updated_at, e.source FROM consent_state s " \
  "LEFT JOIN consent_events e ON e.id = s.event_id WHERE s.e164 = ?1"

#define SQL_RECIPIENT_CONTACT \
  "SELECT p.contact_id, c.display_name, p.is_bad, p.bad_reason, p.line_type " \
  "FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE p.e164 = ?1 " \
  "ORDER BY p.is_bad DESC, p.is_primary DESC, p.id LIMIT 1"

#define SQL_INSERT_OUTBOX \
  "INSERT INTO outbox (idempotency_key, from_number, to_number, body, media_urls, scheduled_at, " \
  "state, attempts, created_at, updated_at, message_id, contact_id, source, gate_note) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7, ?8, ?9, ?10, ?11)"

#define SQL_NEXT_DUE \
  "SELECT id, from_number, to_number, body, media_urls, attempts, message_id FROM outbox " \
  "WHERE state = 'pending' AND scheduled_at <= ?1 ORDER BY scheduled_at, id LIMIT 1"

#define SQL_NEXT_FUTURE \
  "SELECT min (scheduled_at) FROM outbox WHERE state = 'pending' AND scheduled_at > ?1"

#define SQL_SENDING_ROWS \
  "SELECT id, from_number, to_number, body, updated_at, attempts FROM outbox " \
  "WHERE state = 'sending' ORDER BY id"

#define SQL_GET_ROW \
  "SELECT state, message_id, to_number, from_number FROM outbox WHERE id = ?1"

#define SQL_ROW_BY_MESSAGE \
  "SELECT id, state FROM outbox WHERE message_id = ?1 ORDER BY id DESC LIMIT 1"

#define SQL_CLAIM \
  "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2 " \
  "WHERE id = ?1 AND state = 'pending'"

#define SQL_MARK_SENT \
  "UPDATE outbox SET state = 'sent', message_sid = ?2, last_error = NULL, updated_at = ?3 " \
  "WHERE id = ?1 AND state = 'sending'"

#define SQL_RETRY \
  "UPDATE outbox SET state = 'pending', scheduled_at = ?2, last_error = ?3, updated_at = ?4 " \
  "WHERE id = ?1 AND state = 'sending'"

#define SQL_MARK_FAILED \
  "UPDATE outbox SET state = 'failed', last_error = ?2, updated_at = ?3 " \
  "WHERE id = ?1 AND state = 'sending'"

#define SQL_CANCEL \
  "UPDATE outbox SET state = 'cancelled', last_error = ?2, updated_at = ?3 " \
  "WHERE id = ?1 AND state = 'pending'"

#define SQL_POSTPONE \
  "UPDATE outbox SET scheduled_at = ?2, updated_at = ?3 WHERE id = ?1 AND state = 'pending'"

#define SQL_SID_CLAIMED \
  "SELECT 1 FROM outbox WHERE message_sid = ?1 UNION ALL SELECT 1 FROM messages WHERE sid = ?1 " \
  "LIMIT 1"

#define SQL_MESSAGE_HAS_SID \
  "SELECT id FROM messages WHERE sid = ?1"

struct _LiaisonOutbox
{
  GObject                parent_instance;

  LiaisonStore          *store;
  LiaisonTwilioClient   *client;
  LiaisonComplianceGate *gate;
  char                  *status_callback;
  char                  *default_sender;

  gboolean               online;
  gboolean               started;
  /* The dispatcher is working (one step at a time). */
  gboolean               busy;
  /* Something changed while busy: look for due rows again. */
  gboolean               again;
  gboolean               needs_reconcile;
  /* Rows found not sent after an uncertain send wait their backoff. */
  gboolean               reconcile_backoff;

  guint                  timer_id;
  guint                  reconcile_timer_id;

  void                 (*test_hook) (const char *point,
                                     gpointer    data);
  gpointer               test_hook_data;
};

enum {
  SIGNAL_MESSAGE_CHANGED,
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonOutbox, liaison_outbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-outbox-error-quark, liaison_outbox_error)

static void kick (LiaisonOutbox *self);
static void next_start (LiaisonOutbox *self);

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static LiaisonClock *
get_clock (LiaisonOutbox *self)
{
  return liaison_compliance_gate_get_clock (self->gate);
}

static gint64
clock_now (LiaisonOutbox *self)
{
  return liaison_clock_get_now_usec (get_clock (self));
}

static gint64
backoff_delay (gint64 attempts)
{
  gint64 delay = G_USEC_PER_SEC;

  for (gint64 i = 0; i < attempts && delay < MAX_BACKOFF_USEC; i++)
    delay *= 2;

  return MIN (delay, MAX_BACKOFF_USEC);
}

static void
run_hook (LiaisonOutbox *self,
          const char    *point)
{
  if (self->test_hook != NULL)
    self->test_hook (point, self->test_hook_data);
}

static gboolean
can_dispatch (LiaisonOutbox *self)
{
  return self->started && self->online && self->client != NULL;
}

/* The recipient, as the store knows it */

typedef struct
{
  gboolean  opted_out;
  gint64    opted_out_at;
  char     *opt_out_source;
  gint64    contact_id;
  char     *name;
  gboolean  is_bad;
  int       bad_code;
  char     *line_type;
} Recipient;

static void
recipient_free (gpointer data)
{
  Recipient *recipient = data;

  if (recipient == NULL)
    return;

  g_free (recipient->opt_out_source);
  g_free (recipient->name);
  g_free (recipient->line_type);
  g_free (recipient);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recipient, recipient_free)

static Recipient *
lookup_recipient_locked (LiaisonStore  *store,
                         const char    *to,
                         GError       **error)
{
  sqlite3 *db = _liaison_store_get_db (store);
  g_autoptr(Recipient) recipient = g_new0 (Recipient, 1);
  int rc;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_RECIPIENT_CONSENT, error);

    if (stmt == NULL)
      return NULL;

    sqlite3_bind_text (stmt, 1, to, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        recipient->opted_out = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                          "opted-out") == 0;
        recipient->opted_out_at = sqlite3_column_int64 (stmt, 1);
        recipient->opt_out_source = column_dup (stmt, 2);
      }
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return NULL;
      }
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_RECIPIENT_CONTACT, error);

    if (stmt == NULL)
      return NULL;

    sqlite3_bind_text (stmt, 1, to, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        const char *reason = (const char *) sqlite3_column_text (stmt, 3);

        recipient->contact_id = sqlite3_column_int64 (stmt, 0);
        recipient->name = column_dup (stmt, 1);
        if (recipient->name != NULL && *recipient->name == '\0')
          g_clear_pointer (&recipient->name, g_free);
        recipient->is_bad = sqlite3_column_int (stmt, 2) != 0;
        recipient->bad_code = reason != NULL ? atoi (reason) : 0;
        recipient->line_type = column_dup (stmt, 4);
      }
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return NULL;
      }
  }

  return g_steal_pointer (&recipient);
}

static gpointer
recipient_work (LiaisonStore  *store,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return lookup_recipient_locked (store, data, error);
}

static LiaisonGateDecision *
gate_check (LiaisonOutbox *self,
            const char    *to,
            const char    *body,
            gint64         send_at,
            Recipient     *recipient)
{
  LiaisonGateRequest request = {
    .to = to,
    .body = body,
    .opted_out = recipient->opted_out,
    .opted_out_at = recipient->opted_out_at,
    .opt_out_source = recipient->opt_out_source,
    .line_type = recipient->line_type,
    .flagged_bad = recipient->is_bad,
    .bad_error_code = recipient->bad_code,
    .send_at = send_at,
    .recipient_name = recipient->name,
  };

  return liaison_compliance_gate_check (self->gate, &request);
}

static char *
warnings_text (LiaisonGateDecision *decision)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = liaison_gate_decision_get_n_reasons (decision);

  for (guint i = 0; i < n; i++)
    {
      if (liaison_gate_decision_get_reason_verdict (decision, i) != LIAISON_GATE_WARN)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, liaison_gate_decision_get_reason_text (decision, i));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Status changes, shared by every transition */

typedef enum {
  TRANSITION_CLAIM,
  TRANSITION_SENT,
  TRANSITION_RETRY,
  TRANSITION_FAILED,
  TRANSITION_CANCEL,
  TRANSITION_POSTPONE,
  TRANSITION_CANCEL_MESSAGE,
} TransitionKind;

typedef struct
{
  TransitionKind  kind;
  gint64          outbox_id;
  gint64          message_id;
  char           *sid;
  char           *status;
  gint64          date_sent;
  guint           num_segments;
  gint64          scheduled_at;
  int             error_code;
  char           *error_message;
} Transition;

typedef struct
{
  gboolean changed;
  gint64   message_id;
  gint64   thread_id;
  gint64   consent_event_id;
} TransitionResult;

static void
transition_free (gpointer data)
{
  Transition *t = data;

  g_free (t->sid);
  g_free (t->status);
  g_free (t->error_message);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Transition, transition_free)

static gboolean
update_row (LiaisonStore  *store,
            Transition    *t,
            gboolean      *out_changed,
            GError       **error)
{
  sqlite3 *db = _liaison_store_get_db (store);
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  gint64 now = g_get_real_time ();

  switch (t->kind)
    {
    case TRANSITION_CLAIM:
      stmt = _liaison_store_prepare (store, SQL_CLAIM, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, now);
      break;

    case TRANSITION_SENT:
      stmt = _liaison_store_prepare (store, SQL_MARK_SENT, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 2, t->sid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now);
      break;

    case TRANSITION_RETRY:
      stmt = _liaison_store_prepare (store, SQL_RETRY, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, t->scheduled_at);
      _liaison_store_bind_text_or_null (stmt, 3, t->error_message);
      sqlite3_bind_int64 (stmt, 4, now);
      break;

    case TRANSITION_FAILED:
      {
        g_autofree char *last_error = NULL;

        stmt = _liaison_store_prepare (store, SQL_MARK_FAILED, error);
        if (stmt == NULL)
          return FALSE;
        last_error = g_strdup_printf ("%d: %s", t->error_code,
                                      t->error_message != NULL ? t->error_message : "");
        sqlite3_bind_text (stmt, 2, last_error, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (stmt, 3, now);
      }
      break;

    case TRANSITION_CANCEL:
    case TRANSITION_CANCEL_MESSAGE:
      stmt = _liaison_store_prepare (store, SQL_CANCEL, error);
      if (stmt == NULL)
        return FALSE;
      _liaison_store_bind_text_or_null (stmt, 2, t->error_message);
      sqlite3_bind_int64 (stmt, 3, now);
      break;

    case TRANSITION_POSTPONE:
      stmt = _liaison_store_prepare (store, SQL_POSTPONE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, t->scheduled_at);
      sqlite3_bind_int64 (stmt, 3, now);
      break;

    default:
      g_assert_not_reached ();
    }

  sqlite3_bind_int64 (stmt, 1, t->outbox_id);
  if (!_liaison_store_step_done (stmt, error))
    return FALSE;

  *out_changed = sqlite3_changes (db) > 0;
  return TRUE;
}

static gboolean
update_message (LiaisonStore      *store,
                Transition        *t,
                const char        *to_number,
                const char        *from_number,
                TransitionResult  *result,
                GError           **error)
{
  sqlite3 *db = _liaison_store_get_db (store);

  switch (t->kind)
    {
    case TRANSITION_CLAIM:
      return _liaison_store_set_message_status_locked (store, t->message_id, "sending", 0, NULL,
                                                       &result->thread_id, error);

    case TRANSITION_SENT:
      {
        g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (store, SQL_MESSAGE_HAS_SID, error);
        int rc;

        if (find == NULL)
          return FALSE;

        /* Another row already holds this SID (a sync stored it first): keep
         * ours without it rather than break the UNIQUE constraint. */
        sqlite3_bind_text (find, 1, t->sid, -1, SQLITE_STATIC);
        rc = sqlite3_step (find);
        if (rc == SQLITE_ROW && sqlite3_column_int64 (find, 0) != t->message_id)
          return _liaison_store_set_message_status_locked (store, t->message_id, t->status, 0, NULL,
                                                           &result->thread_id, error);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
          return _liaison_store_set_error (error, db, rc);
      }
      return _liaison_store_set_message_sent_locked (store, t->message_id, t->sid, t->status,
                                                     t->date_sent, t->num_segments,
                                                     &result->thread_id, error);

    case TRANSITION_RETRY:
      return _liaison_store_set_message_status_locked (store, t->message_id, "queued", 0, NULL,
                                                       &result->thread_id, error);

    case TRANSITION_FAILED:
      if (!_liaison_store_set_message_status_locked (store, t->message_id, "failed", t->error_code,
                                                     t->error_message, &result->thread_id, error))
        return FALSE;
      return _liaison_store_apply_error_code_locked (store, to_number, from_number, NULL,
                                                     t->error_code, &result->consent_event_id,
                                                     error);

    case TRANSITION_CANCEL:
    case TRANSITION_CANCEL_MESSAGE:
      return _liaison_store_set_message_status_locked (store, t->message_id, "canceled", 0,
                                                       t->error_message, &result->thread_id, error);

    case TRANSITION_POSTPONE:
      return _liaison_store_set_message_scheduled_locked (store, t->message_id, t->scheduled_at,
                                                          &result->thread_id, error);

    default:
      g_assert_not_reached ();
    }
}

static gpointer
transition_work (LiaisonStore  *store,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Transition *t = data;
  g_autofree TransitionResult *result = g_new0 (TransitionResult, 1);
  g_autofree char *to_number = NULL;
  g_autofree char *from_number = NULL;
  g_autofree char *state = NULL;
  int rc;

  if (!_liaison_store_begin (store, error))
    return NULL;

  if (t->kind == TRANSITION_CANCEL_MESSAGE)
    {
      g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (store, SQL_ROW_BY_MESSAGE, error);

      if (find == NULL)
        goto failed;

      sqlite3_bind_int64 (find, 1, t->message_id);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          t->outbox_id = sqlite3_column_int64 (find, 0);
          state = column_dup (find, 1);
        }
      else if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          goto failed;
        }

      if (g_strcmp0 (state, "pending") != 0)
        {
          g_set_error_literal (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NOT_PENDING,
                               state == NULL ? _("This message is not waiting to be sent.")
                                             : _("This message is already on its way and can no "
                                                 "longer be cancelled."));
          goto failed;
        }
    }

  {
    g_autoptr(LiaisonStoreStmt) row = _liaison_store_prepare (store, SQL_GET_ROW, error);

    if (row == NULL)
      goto failed;

    sqlite3_bind_int64 (row, 1, t->outbox_id);
    rc = sqlite3_step (row);
    if (rc == SQLITE_ROW)
      {
        t->message_id = sqlite3_column_int64 (row, 1);
        to_number = column_dup (row, 2);
        from_number = column_dup (row, 3);
      }
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  if (!update_row (store, t, &result->changed, error))
    goto failed;

  if (result->changed && t->message_id != 0)
    {
      result->message_id = t->message_id;
      if (!update_message (store, t, to_number, from_number, result, error))
        goto failed;
    }

  if (!_liaison_store_commit (store, error))
    goto failed;

  return g_steal_pointer (&result);

failed:
  _liaison_store_rollback (store);
  return NULL;
}

static void
emit_changed (LiaisonOutbox    *self,
              TransitionResult *result)
{
  if (result->changed && result->message_id != 0)
    g_signal_emit (self, signals[SIGNAL_MESSAGE_CHANGED], 0, result->message_id, result->thread_id);
}

typedef void (*TransitionDone) (LiaisonOutbox    *self,
                                TransitionResult *result,
                                const GError     *error,
                                gpointer          data);

typedef struct
{
  LiaisonOutbox  *self;
  TransitionDone  done;
  gpointer        data;
} TransitionCall;

static void
transition_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  TransitionCall *call = user_data;
  g_autoptr(LiaisonOutbox) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree TransitionResult *result = NULL;

  result = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (result != NULL)
    emit_changed (self, result);
  else
    g_warning ("Outbox: could not record a change: %s", error->message);

  call->done (self, result, error, call->data);
  g_free (call);
}

static void
transition (LiaisonOutbox  *self,
            Transition     *t,
            TransitionDone  done,
            gpointer        data)
{
  TransitionCall *call = g_new0 (TransitionCall, 1);

  call->self = g_object_ref (self);
  call->done = done;
  call->data = data;
  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_WRITE, transition_work, t,
                                 transition_free, g_free, NULL, transition_cb, call);
}

/* The dispatcher */

typedef struct
{
  gint64   outbox_id;
  char    *from;
  char    *to;
  char    *body;
  GStrv    media_urls;
  gint64   attempts;
  gint64   message_id;
  gint64   updated_at;
  Recipient *recipient;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  if (row == NULL)
    return;

  g_free (row->from);
  g_free (row->to);
  g_free (row->body);
  g_strfreev (row->media_urls);
  recipient_free (row->recipient);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

typedef struct
{
  Row    *due;          /* NULL: nothing due */
  gint64  next_at;      /* the next future row's time, 0 for none */
} NextResult;

static void
next_result_free (gpointer data)
{
  NextResult *next = data;

  row_free (next->due);
  g_free (next);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NextResult, next_result_free)

static gpointer
next_work (LiaisonStore  *store,
           sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 now = *(gint64 *) data;
  g_autoptr(NextResult) next = g_new0 (NextResult, 1);
  int rc;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_NEXT_DUE, error);

    if (stmt == NULL)
      return NULL;

    sqlite3_bind_int64 (stmt, 1, now);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        const char *media = (const char *) sqlite3_column_text (stmt, 4);

        next->due = g_new0 (Row, 1);
        next->due->outbox_id = sqlite3_column_int64 (stmt, 0);
        next->due->from = column_dup (stmt, 1);
        next->due->to = column_dup (stmt, 2);
        next->due->body = column_dup (stmt, 3);
        if (media != NULL && *media != '\0')
          next->due->media_urls = g_strsplit (media, "\n", -1);
        next->due->attempts = sqlite3_column_int64 (stmt, 5);
        next->due->message_id = sqlite3_column_int64 (stmt, 6);
      }
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return NULL;
      }
  }

  if (next->due != NULL)
    {
      next->due->recipient = lookup_recipient_locked (store, next->due->to, error);
      if (next->due->recipient == NULL)
        return NULL;
    }
  else
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_NEXT_FUTURE, error);

      if (stmt == NULL)
        return NULL;

      sqlite3_bind_int64 (stmt, 1, now);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        next->next_at = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          return NULL;
        }
    }

  return g_steal_pointer (&next);
}

static gboolean
timer_cb (gpointer user_data)
{
  LiaisonOutbox *self = user_data;

  self->timer_id = 0;
  kick (self);
  return G_SOURCE_REMOVE;
}

static gboolean
reconcile_timer_cb (gpointer user_data)
{
  LiaisonOutbox *self = user_data;

  self->reconcile_timer_id = 0;
  self->needs_reconcile = TRUE;
  self->reconcile_backoff = TRUE;
  kick (self);
  return G_SOURCE_REMOVE;
}

static void
clear_timer (LiaisonOutbox *self)
{
  if (self->timer_id != 0)
    {
      liaison_clock_remove_timeout (get_clock (self), self->timer_id);
      self->timer_id = 0;
    }
}

static void
schedule_reconcile (LiaisonOutbox *self)
{
  if (self->reconcile_timer_id == 0)
    self->reconcile_timer_id = liaison_clock_add_timeout (get_clock (self), RECONCILE_RETRY_USEC,
                                                          reconcile_timer_cb, self, NULL);
}

/* Ends a dispatcher run: nothing due now (or we cannot send). */
static void
dispatch_stop (LiaisonOutbox *self,
               gint64         next_at,
               gboolean       idle)
{
  self->busy = FALSE;

  clear_timer (self);
  if (next_at != 0 && can_dispatch (self))
    {
      gint64 delay = MAX (next_at - clock_now (self), 0);

      self->timer_id = liaison_clock_add_timeout (get_clock (self), delay, timer_cb, self, NULL);
    }

  if (self->again && can_dispatch (self))
    {
      kick (self);
      return;
    }

  if (idle)
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

static void
step_finished (LiaisonOutbox    *self,
               TransitionResult *result,
               const GError     *error,
               gpointer          data)
{
  if (result == NULL)
    {
      /* The store failed: try again a little later rather than spin. */
      dispatch_stop (self, clock_now (self) + backoff_delay (3), FALSE);
      return;
    }

  next_start (self);
}

static Transition *
transition_new (TransitionKind kind,
                gint64         outbox_id)
{
  Transition *t = g_new0 (Transition, 1);

  t->kind = kind;
  t->outbox_id = outbox_id;
  return t;
}

typedef struct
{
  LiaisonOutbox *self;
  Row           *row;
} SendCall;

static void
send_call_free (SendCall *call)
{
  g_clear_object (&call->self);
  row_free (call->row);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendCall, send_call_free)

static void reconcile_row (LiaisonOutbox *self,
                           Row           *row,
                           gboolean       backoff,
                           const char    *reason,
                           void         (*done) (LiaisonOutbox *self,
                                                 gboolean       resolved,
                                                 gpointer       data),
                           gpointer       data);

static void
after_uncertain_reconcile (LiaisonOutbox *self,
                           gboolean       resolved,
                           gpointer       data)
{
  if (!resolved)
    schedule_reconcile (self);
  next_start (self);
}

static void
recorded_cb (LiaisonOutbox    *self,
             TransitionResult *result,
             const GError     *error,
             gpointer          data)
{
  if (result != NULL)
    run_hook (self, "recorded");
  step_finished (self, result, error, data);
}

static gboolean
is_api_error (const GError *error,
              guint        *out_http_status,
              int          *out_code,
              const char  **out_message)
{
  const LiaisonTwilioErrorDetails *details;

  if (error->domain != LIAISON_TWILIO_ERROR ||
      (error->code != LIAISON_TWILIO_ERROR_API && error->code != LIAISON_TWILIO_ERROR_HTTP))
    return FALSE;

  details = liaison_twilio_error_get_details (error);
  *out_http_status = details != NULL ? details->http_status : 0;
  *out_code = details != NULL ? details->code : 0;
  *out_message = details != NULL && details->message != NULL ? details->message : error->message;
  return TRUE;
}

static void
create_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(SendCall) call = user_data;
  LiaisonOutbox *self = call->self;
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  guint http_status = 0;
  int code = 0;
  const char *api_message = NULL;
  Transition *t;

  message = liaison_twilio_client_create_message_finish (LIAISON_TWILIO_CLIENT (source), res, NULL,
                                                         &error);
  run_hook (self, "sent");

  if (message != NULL)
    {
      GDateTime *date_sent = liaison_twilio_message_get_date_sent (message);

      LIAISON_DEBUG_MASKED (liaison_twilio_message_get_sid (message), "Outbox row sent as %s");
      t = transition_new (TRANSITION_SENT, call->row->outbox_id);
      t->sid = g_strdup (liaison_twilio_message_get_sid (message));
      t->status = g_strdup (liaison_twilio_message_get_status (message));
      t->date_sent = date_sent != NULL ? g_date_time_to_unix (date_sent) * G_USEC_PER_SEC : 0;
      t->num_segments = liaison_twilio_message_get_num_segments (message);
      transition (self, t, recorded_cb, NULL);
      return;
    }

  if (g_error_matches (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN) ||
      g_error_matches (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE))
    {
      /* It may have gone: never sent again before Twilio's list says. */
      g_message ("Outbox: the fate of a send is unknown; it will be checked (%s)", error->message);
      self->needs_reconcile = TRUE;
      self->reconcile_backoff = TRUE;
      schedule_reconcile (self);
      next_start (self);
      return;
    }

  if (is_api_error (error, &http_status, &code, &api_message) &&
      http_status >= 400 && http_status < 500 && http_status != 429)
    {
      g_message ("Outbox: Twilio refused a text (%d, HTTP %u)", code, http_status);
      t = transition_new (TRANSITION_FAILED, call->row->outbox_id);
      t->error_code = code;
      t->error_message = g_strdup (api_message);
      transition (self, t, recorded_cb, NULL);
      return;
    }

  if (http_status >= 500)
    {
      /* Twilio failed while handling the create: check its list before
       * sending again. */
      g_message ("Outbox: Twilio answered HTTP %u to a send; checking before retrying", http_status);
      g_autofree char *reason = g_strdup_printf ("HTTP %u: %s", http_status, api_message);

      call->row->attempts++;
      reconcile_row (self, g_steal_pointer (&call->row), TRUE, reason, after_uncertain_reconcile,
                     NULL);
      return;
    }

  /* Not sent (network down before sending, no credentials, 429 after the
   * client's own retries): back to pending, later. */
  g_message ("Outbox: a send did not go out, retrying later: %s", error->message);
  t = transition_new (TRANSITION_RETRY, call->row->outbox_id);
  t->scheduled_at = clock_now (self) + backoff_delay (call->row->attempts + 1);
  t->error_message = g_strdup (error->message);
  transition (self, t, recorded_cb, NULL);
}

static void
claimed_cb (LiaisonOutbox    *self,
            TransitionResult *result,
            const GError     *error,
            gpointer          data)
{
  g_autoptr(Row) row = data;
  SendCall *call;

  if (result == NULL || !result->changed || !can_dispatch (self))
    {
      if (result != NULL && result->changed)
        {
          /* Gone offline between the query and the claim: put it back. */
          Transition *t = transition_new (TRANSITION_RETRY, row->outbox_id);

          t->scheduled_at = clock_now (self);
          transition (self, t, step_finished, NULL);
          return;
        }
      step_finished (self, result, error, NULL);
      return;
    }

  run_hook (self, "claimed");

  call = g_new0 (SendCall, 1);
  call->self = g_object_ref (self);
  call->row = g_steal_pointer (&row);

  liaison_twilio_client_create_message_async (self->client, call->row->to, call->row->from, NULL,
                                              call->row->body,
                                              (const char * const *) call->row->media_urls,
                                              self->status_callback, NULL, NULL, create_cb, call);
}

static void
handle_due (LiaisonOutbox *self,
            Row           *row)
{
  g_autoptr(LiaisonGateDecision) decision = NULL;
  Transition *t;

  decision = gate_check (self, row->to, row->body, 0, row->recipient);

  if (liaison_gate_decision_get_verdict (decision) == LIAISON_GATE_BLOCK)
    {
      gboolean quiet_only = TRUE;
      guint n = liaison_gate_decision_get_n_reasons (decision);

      for (guint i = 0; i < n; i++)
        if (liaison_gate_decision_get_reason_verdict (decision, i) == LIAISON_GATE_BLOCK &&
            liaison_gate_decision_get_reason_kind (decision, i) != LIAISON_GATE_REASON_QUIET_HOURS)
          quiet_only = FALSE;

      if (quiet_only)
        {
          gint64 next_allowed = liaison_gate_decision_get_next_allowed (decision);

          g_debug ("Outbox: quiet hours, postponing a text");
          t = transition_new (TRANSITION_POSTPONE, row->outbox_id);
          t->scheduled_at = next_allowed > clock_now (self) ? next_allowed
                                                            : clock_now (self) + QUIET_FALLBACK_USEC;
        }
      else
        {
          g_message ("Outbox: the compliance gate now blocks a queued text; cancelling it");
          t = transition_new (TRANSITION_CANCEL, row->outbox_id);
          t->error_message = liaison_gate_decision_to_string (decision);
        }

      row_free (row);
      transition (self, t, step_finished, NULL);
      return;
    }

  t = transition_new (TRANSITION_CLAIM, row->outbox_id);
  transition (self, t, claimed_cb, row);
}

static void
next_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LiaisonOutbox) self = user_data;
  g_autoptr(NextResult) next = NULL;
  g_autoptr(GError) error = NULL;

  next = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (next == NULL)
    {
      if (!g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED))
        g_warning ("Outbox: could not read the queue: %s", error->message);
      dispatch_stop (self, 0, FALSE);
      return;
    }

  if (!can_dispatch (self))
    {
      dispatch_stop (self, 0, FALSE);
      return;
    }

  if (next->due == NULL)
    {
      if (self->again)
        {
          next_start (self);
          return;
        }
      dispatch_stop (self, next->next_at, TRUE);
      return;
    }

  handle_due (self, g_steal_pointer (&next->due));
}

static void reconcile_start (LiaisonOutbox *self);

static void
next_start (LiaisonOutbox *self)
{
  gint64 now;

  if (!can_dispatch (self))
    {
      dispatch_stop (self, 0, FALSE);
      return;
    }

  if (self->needs_reconcile)
    {
      reconcile_start (self);
      return;
    }

  self->again = FALSE;
  now = clock_now (self);
  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_WRITE, next_work,
                                 g_memdup2 (&now, sizeof now), g_free, next_result_free, NULL,
                                 next_cb, g_object_ref (self));
}

static void
kick (LiaisonOutbox *self)
{
  if (!can_dispatch (self))
    return;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  self->busy = TRUE;
  self->again = FALSE;
  clear_timer (self);
  next_start (self);
}

/* Reconciling rows left in "sending" */

typedef struct
{
  LiaisonOutbox *self;
  Row           *row;
  gboolean       backoff;
  char          *reason;
  void         (*done) (LiaisonOutbox *self,
                        gboolean       resolved,
                        gpointer       data);
  gpointer       data;
} ReconcileCall;

static void
reconcile_call_free (ReconcileCall *call)
{
  g_clear_object (&call->self);
  row_free (call->row);
  g_free (call->reason);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReconcileCall, reconcile_call_free)

typedef struct
{
  gint64     outbox_id;
  gint64     retry_at;      /* when no candidate is ours */
  char      *reason;
  GPtrArray *candidates;    /* LiaisonTwilioMessage, oldest first */
} ResolveData;

static void
resolve_data_free (gpointer data)
{
  ResolveData *resolve = data;

  g_ptr_array_unref (resolve->candidates);
  g_free (resolve->reason);
  g_free (resolve);
}

static gpointer
resolve_work (LiaisonStore  *store,
              sqlite3       *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ResolveData *resolve = data;
  LiaisonTwilioMessage *found = NULL;
  g_autoptr(Transition) t = NULL;
  int rc;

  /* The first candidate no other row or message has claimed is ours. */
  for (guint i = 0; i < resolve->candidates->len && found == NULL; i++)
    {
      LiaisonTwilioMessage *candidate = g_ptr_array_index (resolve->candidates, i);
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_SID_CLAIMED, error);

      if (stmt == NULL)
        return NULL;

      sqlite3_bind_text (stmt, 1, liaison_twilio_message_get_sid (candidate), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        found = candidate;
      else if (rc != SQLITE_ROW)
        {
          _liaison_store_set_error (error, db, rc);
          return NULL;
        }
    }

  if (found != NULL)
    {
      GDateTime *date_sent = liaison_twilio_message_get_date_sent (found);

      t = transition_new (TRANSITION_SENT, resolve->outbox_id);
      t->sid = g_strdup (liaison_twilio_message_get_sid (found));
      t->status = g_strdup (liaison_twilio_message_get_status (found));
      t->date_sent = date_sent != NULL ? g_date_time_to_unix (date_sent) * G_USEC_PER_SEC : 0;
      t->num_segments = liaison_twilio_message_get_num_segments (found);
    }
  else
    {
      t = transition_new (TRANSITION_RETRY, resolve->outbox_id);
      t->scheduled_at = resolve->retry_at;
      t->error_message = g_strdup (resolve->reason);
    }

  return transition_work (store, db, t, cancellable, error);
}

static void
resolve_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(ReconcileCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree TransitionResult *result = NULL;

  result = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (result == NULL)
    {
      g_warning ("Outbox: could not record a reconciled row: %s", error->message);
      call->done (call->self, FALSE, call->data);
      return;
    }

  emit_changed (call->self, result);
  call->done (call->self, TRUE, call->data);
}

static gboolean
candidate_matches (Row                  *row,
                   LiaisonTwilioMessage *message)
{
  GDateTime *created = liaison_twilio_message_get_date_created (message);
  const char *body = liaison_twilio_message_get_body (message);

  if (g_strcmp0 (liaison_twilio_message_get_direction (message), "inbound") == 0)
    return FALSE;
  if (g_strcmp0 (liaison_twilio_message_get_to (message), row->to) != 0 ||
      g_strcmp0 (liaison_twilio_message_get_from (message), row->from) != 0)
    return FALSE;
  if (g_strcmp0 (body != NULL ? body : "", row->body != NULL ? row->body : "") != 0)
    return FALSE;
  if (created != NULL &&
      g_date_time_to_unix (created) * G_USEC_PER_SEC < row->updated_at - RECONCILE_MARGIN_USEC)
    return FALSE;

  return TRUE;
}

static void
list_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(ReconcileCall) call = user_data;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  ResolveData *resolve;
  LiaisonStore *store;
  GPtrArray *items;

  page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), res, &error);
  if (page == NULL)
    {
      g_message ("Outbox: could not check Twilio's list for a text in doubt: %s", error->message);
      call->done (call->self, FALSE, call->data);
      return;
    }

  resolve = g_new0 (ResolveData, 1);
  resolve->outbox_id = call->row->outbox_id;
  resolve->reason = g_strdup (call->reason);
  resolve->retry_at = clock_now (call->self) +
                      (call->backoff ? backoff_delay (call->row->attempts) : 0);
  resolve->candidates = g_ptr_array_new_with_free_func (g_object_unref);

  /* Newest first in the page; keep the oldest match first. */
  items = liaison_twilio_page_get_items (page);
  for (guint i = items->len; i > 0; i--)
    {
      LiaisonTwilioMessage *message = g_ptr_array_index (items, i - 1);

      if (candidate_matches (call->row, message))
        g_ptr_array_add (resolve->candidates, g_object_ref (message));
    }

  store = call->self->store;
  _liaison_store_run_full_async (store, LIAISON_STORE_PRIORITY_WRITE, resolve_work,
                                 resolve, resolve_data_free, g_free, NULL, resolve_cb,
                                 g_steal_pointer (&call));
}

static void
reconcile_row (LiaisonOutbox *self,
               Row           *row,
               gboolean       backoff,
               const char    *reason,
               void         (*done) (LiaisonOutbox *self,
                                     gboolean       resolved,
                                     gpointer       data),
               gpointer       data)
{
  ReconcileCall *call = g_new0 (ReconcileCall, 1);

  call->self = g_object_ref (self);
  call->row = row;
  call->backoff = backoff;
  call->reason = g_strdup (reason);
  call->done = done;
  call->data = data;

  if (row->updated_at == 0)
    row->updated_at = g_get_real_time ();

  LIAISON_DEBUG_MASKED (row->to, "Outbox: checking Twilio's list for a text to %s");
  liaison_twilio_client_list_messages_async (self->client, row->to, row->from, NULL, NULL, NULL,
                                             RECONCILE_PAGE_SIZE, NULL, list_cb, call);
}

typedef struct
{
  GPtrArray *rows;        /* Row */
  guint      index;
  gboolean   backoff;
  gboolean   unresolved;
} ReconcilePass;

static void
reconcile_pass_free (ReconcilePass *pass)
{
  g_ptr_array_unref (pass->rows);
  g_free (pass);
}

static void reconcile_pass_next (LiaisonOutbox *self,
                                 ReconcilePass *pass);

static void
pass_row_done (LiaisonOutbox *self,
               gboolean       resolved,
               gpointer       data)
{
  ReconcilePass *pass = data;

  if (!resolved)
    pass->unresolved = TRUE;
  reconcile_pass_next (self, pass);
}

static void
reconcile_pass_next (LiaisonOutbox *self,
                     ReconcilePass *pass)
{
  if (pass->index < pass->rows->len && can_dispatch (self))
    {
      Row *row = g_ptr_array_steal_index (pass->rows, pass->index);

      /* steal_index moved the rest down; keep index where it is. */
      reconcile_row (self, row, pass->backoff,
                     _("The send was interrupted before Twilio answered; Twilio has no record "
                       "of it."),
                     pass_row_done, pass);
      return;
    }

  if (pass->unresolved || pass->index < pass->rows->len)
    {
      self->needs_reconcile = TRUE;
      if (pass->unresolved)
        schedule_reconcile (self);
    }

  reconcile_pass_free (pass);

  if (!can_dispatch (self))
    {
      dispatch_stop (self, 0, FALSE);
      return;
    }

  /* Unresolved rows wait for their timer; go on with the rest. */
  if (self->needs_reconcile && self->reconcile_timer_id != 0)
    {
      self->needs_reconcile = FALSE;
    }
  next_start (self);
}

static gpointer
sending_rows_work (LiaisonStore  *store,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  int rc;

  stmt = _liaison_store_prepare (store, SQL_SENDING_ROWS, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->outbox_id = sqlite3_column_int64 (stmt, 0);
      row->from = column_dup (stmt, 1);
      row->to = column_dup (stmt, 2);
      row->body = column_dup (stmt, 3);
      row->updated_at = sqlite3_column_int64 (stmt, 4);
      row->attempts = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static void
sending_rows_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(LiaisonOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  ReconcilePass *pass;

  rows = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (rows == NULL)
    {
      if (!g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED))
        g_warning ("Outbox: could not read rows in doubt: %s", error->message);
      self->needs_reconcile = TRUE;
      dispatch_stop (self, 0, FALSE);
      return;
    }

  if (rows->len > 0)
    g_message ("Outbox: %u text(s) may or may not have gone; checking Twilio", rows->len);

  pass = g_new0 (ReconcilePass, 1);
  pass->rows = rows;
  pass->backoff = self->reconcile_backoff;
  reconcile_pass_next (self, pass);
}

static void
reconcile_start (LiaisonOutbox *self)
{
  self->needs_reconcile = FALSE;
  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_WRITE, sending_rows_work,
                                 NULL, NULL, (GDestroyNotify) g_ptr_array_unref, NULL,
                                 sending_rows_cb, g_object_ref (self));
}

/* GObject */

static void
liaison_outbox_dispose (GObject *object)
{
  LiaisonOutbox *self = LIAISON_OUTBOX (object);

  self->started = FALSE;
  if (self->gate != NULL)
    {
      clear_timer (self);
      if (self->reconcile_timer_id != 0)
        {
          liaison_clock_remove_timeout (get_clock (self), self->reconcile_timer_id);
          self->reconcile_timer_id = 0;
        }
    }

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->gate);

  G_OBJECT_CLASS (liaison_outbox_parent_class)->dispose (object);
}

static void
liaison_outbox_finalize (GObject *object)
{
  LiaisonOutbox *self = LIAISON_OUTBOX (object);

  g_free (self->status_callback);
  g_free (self->default_sender);

  G_OBJECT_CLASS (liaison_outbox_parent_class)->finalize (object);
}

static void
liaison_outbox_class_init (LiaisonOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_outbox_dispose;
  object_class->finalize = liaison_outbox_finalize;

  signals[SIGNAL_MESSAGE_CHANGED] =
    g_signal_new ("message-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
liaison_outbox_init (LiaisonOutbox *self)
{
  self->online = TRUE;
  self->needs_reconcile = TRUE;
}

LiaisonOutbox *
liaison_outbox_new (LiaisonStore          *store,
                    LiaisonTwilioClient   *client,
                    LiaisonComplianceGate *gate)
{
  LiaisonOutbox *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || LIAISON_IS_TWILIO_CLIENT (client), NULL);
  g_return_val_if_fail (LIAISON_IS_COMPLIANCE_GATE (gate), NULL);

  self = g_object_new (LIAISON_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  self->gate = g_object_ref (gate);

  return self;
}

void
liaison_outbox_set_client (LiaisonOutbox       *self,
                           LiaisonTwilioClient *client)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));
  g_return_if_fail (client == NULL || LIAISON_IS_TWILIO_CLIENT (client));

  if (g_set_object (&self->client, client))
    kick (self);
}

LiaisonComplianceGate *
liaison_outbox_get_gate (LiaisonOutbox *self)
{
  g_return_val_if_fail (LIAISON_IS_OUTBOX (self), NULL);
  return self->gate;
}

void
liaison_outbox_set_status_callback (LiaisonOutbox *self,
                                    const char    *url)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));

  g_free (self->status_callback);
  self->status_callback = g_strdup (url != NULL && *url != '\0' ? url : NULL);
}

void
liaison_outbox_set_default_sender (LiaisonOutbox *self,
                                   const char    *e164)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));

  g_free (self->default_sender);
  self->default_sender = g_strdup (e164 != NULL && *e164 != '\0' ? e164 : NULL);
}

const char *
liaison_outbox_get_default_sender (LiaisonOutbox *self)
{
  g_return_val_if_fail (LIAISON_IS_OUTBOX (self), NULL);

  return self->default_sender;
}

void
liaison_outbox_set_online (LiaisonOutbox *self,
                           gboolean       online)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));

  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  g_debug ("Outbox %s", online ? "online" : "offline");
  if (online)
    kick (self);
  else
    clear_timer (self);
}

gboolean
liaison_outbox_get_online (LiaisonOutbox *self)
{
  g_return_val_if_fail (LIAISON_IS_OUTBOX (self), FALSE);
  return self->online;
}

void
liaison_outbox_start (LiaisonOutbox *self)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));

  if (self->started)
    return;

  self->started = TRUE;
  self->needs_reconcile = TRUE;
  self->reconcile_backoff = FALSE;
  kick (self);
}

void
liaison_outbox_stop (LiaisonOutbox *self)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));

  self->started = FALSE;
  clear_timer (self);
}

void
_liaison_outbox_set_test_hook (LiaisonOutbox *self,
                               void         (*hook) (const char *point,
                                                     gpointer    data),
                               gpointer       data)
{
  g_return_if_fail (LIAISON_IS_OUTBOX (self));

  self->test_hook = hook;
  self->test_hook_data = data;
}

/* Enqueue and check */

typedef struct
{
  char     *from;
  char     *to;
  char     *body;
  GStrv     media_urls;
  gint64    send_at;
  char     *source;
  gboolean  accept_warnings;
  gboolean  check_only;

  LiaisonGateDecision *decision;
  Recipient *recipient;
} EnqueueData;

static void
enqueue_data_free (gpointer data)
{
  EnqueueData *ed = data;

  g_free (ed->from);
  g_free (ed->to);
  g_free (ed->body);
  g_strfreev (ed->media_urls);
  g_free (ed->source);
  g_clear_object (&ed->decision);
  recipient_free (ed->recipient);
  g_free (ed);
}

typedef struct
{
  char     *key;
  char     *from;
  char     *to;
  char     *body;
  char     *media;
  guint     num_media;
  gint64    scheduled_at;     /* the outbox row's */
  gint64    message_scheduled_at;
  gint64    contact_id;
  char     *source;
  char     *gate_note;
} InsertData;

typedef struct
{
  gint64 message_id;
  gint64 thread_id;
  gint64 outbox_id;
} InsertResult;

static void
insert_data_free (gpointer data)
{
  InsertData *insert = data;

  g_free (insert->key);
  g_free (insert->from);
  g_free (insert->to);
  g_free (insert->body);
  g_free (insert->media);
  g_free (insert->source);
  g_free (insert->gate_note);
  g_free (insert);
}

static gpointer
insert_work (LiaisonStore  *store,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  InsertData *insert = data;
  g_autofree InsertResult *result = g_new0 (InsertResult, 1);
  LiaisonStoreMessageInfo info = {
    .our_number = insert->from,
    .remote_number = insert->to,
    .direction = "outbound-api",
    .body = insert->body,
    .status = insert->message_scheduled_at != 0 ? "scheduled" : "queued",
    .num_media = insert->num_media,
    .is_read = TRUE,
  };
  gint64 now = g_get_real_time ();

  if (!_liaison_store_begin (store, error))
    return NULL;

  if (!_liaison_store_insert_message_locked (store, &info, insert->message_scheduled_at,
                                             &result->message_id, &result->thread_id, NULL, error))
    goto failed;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (store, SQL_INSERT_OUTBOX, error);

    if (stmt == NULL)
      goto failed;

    sqlite3_bind_text (stmt, 1, insert->key, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, insert->from, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, insert->to, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, insert->body, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (stmt, 5, insert->media);
    sqlite3_bind_int64 (stmt, 6, insert->scheduled_at);
    sqlite3_bind_int64 (stmt, 7, now);
    sqlite3_bind_int64 (stmt, 8, result->message_id);
    if (insert->contact_id != 0)
      sqlite3_bind_int64 (stmt, 9, insert->contact_id);
    else
      sqlite3_bind_null (stmt, 9);
    sqlite3_bind_text (stmt, 10, insert->source, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (stmt, 11, insert->gate_note);

    if (!_liaison_store_step_done (stmt, error))
      goto failed;

    result->outbox_id = sqlite3_last_insert_rowid (db);
  }

  {
    g_autofree char *subject = g_strdup_printf ("message:%" G_GINT64_FORMAT, result->message_id);
    g_autofree char *source_escaped = g_strescape (insert->source, NULL);
    g_autofree char *detail = g_strdup_printf ("{\"outbox\":%" G_GINT64_FORMAT ",\"source\":\"%s\","
                                               "\"scheduled\":%s,\"warnings_accepted\":%s}",
                                               result->outbox_id, source_escaped,
                                               insert->message_scheduled_at != 0 ? "true" : "false",
                                               insert->gate_note != NULL ? "true" : "false");

    if (!_liaison_store_journal_append_locked (store, "liaison", "message.queue", subject, detail,
                                               now, NULL, error))
      goto failed;
  }

  if (!_liaison_store_commit (store, error))
    goto failed;

  return g_steal_pointer (&result);

failed:
  _liaison_store_rollback (store);
  return NULL;
}

static void
insert_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonOutbox *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree InsertResult *result = NULL;

  result = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_signal_emit (self, signals[SIGNAL_MESSAGE_CHANGED], 0, result->message_id, result->thread_id);
  kick (self);

  g_task_return_pointer (task, g_memdup2 (&result->message_id, sizeof (gint64)), g_free);
}

static void
enqueue_recipient_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonOutbox *self = g_task_get_source_object (task);
  EnqueueData *ed = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  LiaisonGateVerdict verdict;
  InsertData *insert;
  GCancellable *cancellable;
  gint64 now;

  ed->recipient = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (ed->recipient == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ed->decision = gate_check (self, ed->to, ed->body, ed->send_at, ed->recipient);
  if (ed->check_only)
    {
      g_task_return_pointer (task, g_object_ref (ed->decision), g_object_unref);
      return;
    }

  verdict = liaison_gate_decision_get_verdict (ed->decision);
  if (verdict == LIAISON_GATE_BLOCK)
    {
      g_autofree char *text = liaison_gate_decision_to_string (ed->decision);

      g_task_return_new_error (task, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED,
                               "%s", text != NULL && *text != '\0' ? text
                                     : _("The compliance check does not allow this text."));
      return;
    }
  if (verdict == LIAISON_GATE_WARN && !ed->accept_warnings)
    {
      g_autofree char *text = liaison_gate_decision_to_string (ed->decision);

      g_task_return_new_error (task, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NEEDS_CONFIRMATION,
                               "%s", text != NULL && *text != '\0' ? text
                                     : _("Please confirm this text before it is sent."));
      return;
    }

  now = clock_now (self);
  insert = g_new0 (InsertData, 1);
  insert->key = g_uuid_string_random ();
  insert->from = g_strdup (ed->from);
  insert->to = g_strdup (ed->to);
  insert->body = g_strdup (ed->body != NULL ? ed->body : "");
  if (ed->media_urls != NULL && ed->media_urls[0] != NULL)
    {
      insert->media = g_strjoinv ("\n", ed->media_urls);
      insert->num_media = g_strv_length (ed->media_urls);
    }
  insert->scheduled_at = ed->send_at > now ? ed->send_at : now;
  insert->message_scheduled_at = ed->send_at > now ? ed->send_at : 0;
  insert->contact_id = ed->recipient->contact_id;
  insert->source = g_strdup (ed->source);
  insert->gate_note = verdict == LIAISON_GATE_WARN ? warnings_text (ed->decision) : NULL;

  cancellable = g_task_get_cancellable (task);
  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_WRITE, insert_work, insert,
                                 insert_data_free, g_free, cancellable,
                                 insert_cb, g_steal_pointer (&task));
}

static gboolean
media_valid (const char * const *media_urls)
{
  for (guint i = 0; media_urls != NULL && media_urls[i] != NULL; i++)
    if (*media_urls[i] == '\0' || strchr (media_urls[i], '\n') != NULL ||
        !g_utf8_validate (media_urls[i], -1, NULL))
      return FALSE;

  return TRUE;
}

static void
enqueue_start (LiaisonOutbox              *self,
               GTask                      *task,
               const LiaisonOutboxRequest *request,
               gboolean                    check_only)
{
  EnqueueData *ed;
  gboolean has_media = request->media_urls != NULL && request->media_urls[0] != NULL;
  gboolean has_body = request->body != NULL && *request->body != '\0';
  const char *from = request->from;

  if (from == NULL || *from == '\0')
    from = self->default_sender;

  if (!check_only && (from == NULL || *from == '\0'))
    {
      g_task_return_new_error (task, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_INVALID,
                               _("No number to send from: choose one in Preferences → Account."));
      g_object_unref (task);
      return;
    }

  if (request->to == NULL || *request->to == '\0' || (!check_only && !has_body && !has_media))
    {
      g_task_return_new_error (task, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_INVALID,
                               _("A text needs a recipient and a message or a picture."));
      g_object_unref (task);
      return;
    }

  if (!g_utf8_validate (request->to, -1, NULL) ||
      (from != NULL && !g_utf8_validate (from, -1, NULL)) ||
      (request->body != NULL && !g_utf8_validate (request->body, -1, NULL)) ||
      (request->source != NULL && !g_utf8_validate (request->source, -1, NULL)) ||
      !media_valid (request->media_urls))
    {
      g_task_return_new_error (task, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_INVALID,
                               _("The text is not valid (UTF-8)."));
      g_object_unref (task);
      return;
    }

  ed = g_new0 (EnqueueData, 1);
  ed->from = g_strdup (from);
  /* The ledger and the contacts know numbers as E.164: look up what the
   * person typed in that form. A number that does not parse is kept as it
   * is, for the gate to refuse with its reason. */
  ed->to = liaison_phone_normalize (request->to, NULL, NULL);
  if (ed->to == NULL)
    ed->to = g_strdup (request->to);
  ed->body = g_strdup (request->body);
  ed->media_urls = g_strdupv ((char **) request->media_urls);
  ed->send_at = request->send_at;
  ed->source = g_strdup (request->source != NULL ? request->source : "composer");
  ed->accept_warnings = request->accept_warnings;
  ed->check_only = check_only;
  g_task_set_task_data (task, ed, enqueue_data_free);

  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_READ, recipient_work,
                                 g_strdup (ed->to), g_free, recipient_free,
                                 g_task_get_cancellable (task), enqueue_recipient_cb, task);
}

void
liaison_outbox_enqueue_async (LiaisonOutbox              *self,
                              const LiaisonOutboxRequest *request,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_OUTBOX (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_outbox_enqueue_async);
  enqueue_start (self, task, request, FALSE);
}

gint64
liaison_outbox_enqueue_finish (LiaisonOutbox        *self,
                               GAsyncResult         *result,
                               LiaisonGateDecision **out_decision,
                               GError              **error)
{
  EnqueueData *ed;
  g_autofree gint64 *message_id = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LIAISON_IS_OUTBOX (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_outbox_enqueue_async, 0);

  if (out_decision != NULL)
    *out_decision = NULL;

  message_id = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (message_id == NULL)
    {
      ed = g_task_get_task_data (G_TASK (result));
      if (out_decision != NULL && ed != NULL && ed->decision != NULL &&
          (g_error_matches (local_error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED) ||
           g_error_matches (local_error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NEEDS_CONFIRMATION)))
        *out_decision = g_object_ref (ed->decision);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return *message_id;
}

void
liaison_outbox_check_async (LiaisonOutbox              *self,
                            const LiaisonOutboxRequest *request,
                            GCancellable               *cancellable,
                            GAsyncReadyCallback         callback,
                            gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_OUTBOX (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_outbox_check_async);
  enqueue_start (self, task, request, TRUE);
}

LiaisonGateDecision *
liaison_outbox_check_finish (LiaisonOutbox  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (LIAISON_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_outbox_check_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Cancel */

static void
cancel_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonOutbox *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree TransitionResult *result = NULL;

  result = _liaison_store_run_finish (LIAISON_STORE (source), res, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  emit_changed (self, result);
  if (!result->changed)
    {
      g_task_return_new_error (task, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NOT_PENDING,
                               _("This message is already on its way and can no longer be "
                                 "cancelled."));
      return;
    }

  /* The timer may have been waiting for this row. */
  kick (self);
  g_task_return_boolean (task, TRUE);
}

void
liaison_outbox_cancel_async (LiaisonOutbox       *self,
                             gint64               message_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Transition *t;

  g_return_if_fail (LIAISON_IS_OUTBOX (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_outbox_cancel_async);

  t = transition_new (TRANSITION_CANCEL_MESSAGE, 0);
  t->message_id = message_id;
  t->error_message = g_strdup (_("Cancelled before it was sent."));

  _liaison_store_run_full_async (self->store, LIAISON_STORE_PRIORITY_WRITE, transition_work, t,
                                 transition_free, g_free, cancellable, cancel_cb, task);
}

gboolean
liaison_outbox_cancel_finish (LiaisonOutbox  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (LIAISON_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_outbox_cancel_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
