/* liaison-sim-calls.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-voice-private.h"
#include "liaison-log.h"

#include <math.h>
#include <string.h>

/* Calls, TwiML execution, Conferences and Queues (TWILIO.md §3, §5.4, §5.5).
 *
 * Their records (what the REST API answers: calls, their notifications,
 * conferences and their participants, queues and their members) are kept in
 * the simulator's database (the voice_* tables, a temporary file unless --db
 * names one), written after every change (each request, webhook answer and
 * clock tick that changed any: one transaction), and read again when the
 * voice state is first needed after a start. What runs them (the document
 * being run and where in it, what falls due when, the webhooks awaited,
 * queued inputs and dial outcomes, status callback settings) stays in memory
 * and does not survive a restart: what was still live when the simulator
 * stopped cannot go on. So, at a restart, a call that was queued, ringing or
 * in progress ends: "failed" if it was never answered, "completed"
 * otherwise, with end_time the time of the restart (the simulated clock,
 * never before the call's own last update) and its duration from start_time.
 * A conference that was not over ends ("completed", reason
 * "last-participant-left", its participants gone), and every queue loses its
 * members (it keeps existing, current_size 0). Lists page by the stored
 * order (seq), as before.
 *
 * Every call moves on the simulated clock. An outbound-api call is queued,
 * initiated at once, ringing 1 s later, then, by its outcome (see
 * /_sim/calls/dial-outcome; default answered): answered 3 s later, busy 2 s
 * later, no-answer after its Timeout, or failed at once. When answered its
 * TwiML (Twiml, or a request to Url) runs. An inbound call starts ringing;
 * the number's VoiceUrl is requested and the call is answered unless the
 * first verb is <Reject>. Verbs take simulated time: <Say> one second per
 * 2.5 words (at least 1 s) per loop, <Play> 5 s per loop, <Pause> its
 * length, <Gather> its prompt then the input (1 s per digit, 1 s per 2.5
 * words) or its timeout, <Record> a beep, the speech and the silence
 * timeout. A dialed leg rings 1 s after the <Dial>, then answers 3 s later
 * and talks for the outcome's duration (default 10 s), or is busy 2 s
 * later, or gives no answer after the timeout, or fails. <Enqueue> waits in
 * the queue until a <Dial><Queue> or a REST dequeue; <Dial><Conference>
 * waits in the conference until kicked, the conference ends or the call is
 * hung up. A <Dial> recording (record="record-from-answer[-dual]") covers the
 * bridged time and is kept when the parent hangs up or is redirected while
 * bridged (then it ends there). A bridged dialed leg that is redirected
 * (call update) leaves the bridge: the parent's <Dial> is over
 * ("completed") once the leg's new document arrives, and its action runs.
 * <Number url> (whisper TwiML) is not run. Webhook requests take no
 * simulated time. When a document cannot
 * be fetched (11200) or parsed (12100) a notification with the error code is
 * kept (GET …/Calls/{CallSid}/Notifications.json) and the call's fallback
 * URL (FallbackUrl, or the number's VoiceFallbackUrl) gets the same request
 * with ErrorCode and ErrorUrl; without one, or when it fails too, the call
 * ends (failed before it was answered, completed after). More than 50
 * documents in a row without simulated time passing (a redirect loop) end
 * the call too.
 *
 * Control API (loopback only, form-encoded, JSON answers):
 *
 *   POST /_sim/inbound/call      From, To (a registered number with a VoiceUrl,
 *                                see /_sim/numbers), optional Digits (for the
 *                                first <Gather>), Speech (what the caller says
 *                                into the first <Record> or speech <Gather>),
 *                                DialOutcome (answered|busy|no-answer|failed,
 *                                for this call's <Dial>s). Starts an inbound
 *                                call and requests the VoiceUrl:
 *                                {"sid": "CA…"}.
 *   POST /_sim/calls/dial-outcome outcome=answered|busy|no-answer|failed,
 *                                duration (seconds talked when answered,
 *                                default 10), optional To (only for that
 *                                number) and Speech (what that party says
 *                                once answered: its channel of a recording).
 *                                Queued: the next outbound call or dialed
 *                                leg (to To) takes it.
 *   POST /_sim/calls/input       CallSid, Digits and/or Speech: queued for that
 *                                call's next <Gather> or <Record>.
 *   POST /_sim/calls/reset       Forgets the queued dial outcomes.
 */

#define DEFAULT_DIAL_DURATION  10

static void call_run          (LiaisonSimServer *self,
                               SimCall          *call);
static void call_end          (LiaisonSimServer *self,
                               SimCall          *call,
                               const char       *status);
static void call_fetch        (LiaisonSimServer *self,
                               SimCall          *call,
                               const char       *url,
                               const char       *method,
                               GPtrArray        *extra);
static void dial_interrupted  (LiaisonSimServer *self,
                               SimCall          *call,
                               SimTwiml         *verb);
static void call_fetch_full   (LiaisonSimServer *self,
                               SimCall          *call,
                               const char       *url,
                               const char       *method,
                               GPtrArray        *extra,
                               gboolean          is_fallback);

/* State */

static void
sim_input_free (SimInput *input)
{
  g_free (input->digits);
  g_free (input->speech);
  g_free (input);
}

static void
sim_dial_outcome_free (SimDialOutcome *outcome)
{
  g_free (outcome->to);
  g_free (outcome->outcome);
  g_free (outcome->speech);
  g_free (outcome);
}

static void
sim_notification_free (SimNotification *notification)
{
  g_free (notification->sid);
  g_free (notification->account_sid);
  g_free (notification->call_sid);
  g_free (notification->message);
  g_free (notification->request_url);
  g_free (notification->request_method);
  g_free (notification);
}

static void
sim_call_free (SimCall *call)
{
  g_free (call->sid);
  g_free (call->account_sid);
  g_free (call->parent_call_sid);
  g_free (call->to);
  g_free (call->from);
  g_free (call->direction);
  g_free (call->status);
  g_free (call->phone_number_sid);
  g_free (call->status_callback);
  g_free (call->status_callback_method);
  g_free (call->recording_status_callback);
  g_free (call->recording_status_callback_method);
  g_free (call->recording_sid);
  g_free (call->url);
  g_free (call->method);
  g_free (call->fallback_url);
  g_free (call->fallback_method);
  sim_twiml_free (call->doc);
  g_free (call->outcome);
  g_queue_clear_full (&call->inputs, (GDestroyNotify) sim_input_free);
  g_free (call->default_speech);
  g_free (call->dial_outcome);
  g_free (call->input_digits);
  g_free (call->input_speech);
  g_free (call->dial_child_sid);
  g_free (call->dial_status);
  g_free (call->bridged_call_sid);
  g_free (call->conference_sid);
  g_free (call->queue_sid);
  g_free (call->saved);
  g_free (call);
}

/* Storage */

#define VOICE_SCHEMA \
  "CREATE TABLE IF NOT EXISTS voice_calls (" \
  "  seq INTEGER PRIMARY KEY," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  parent_call_sid TEXT," \
  "  to_address TEXT, from_address TEXT," \
  "  direction TEXT NOT NULL, status TEXT NOT NULL," \
  "  phone_number_sid TEXT, recording_sid TEXT," \
  "  date_created INTEGER NOT NULL, date_updated INTEGER NOT NULL," \
  "  start_time INTEGER NOT NULL, end_time INTEGER NOT NULL);" \
  "CREATE INDEX IF NOT EXISTS voice_calls_account ON voice_calls (account_sid, seq);" \
  "CREATE TABLE IF NOT EXISTS voice_notifications (" \
  "  seq INTEGER PRIMARY KEY," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  call_sid TEXT NOT NULL," \
  "  error_code INTEGER NOT NULL," \
  "  message TEXT, request_url TEXT, request_method TEXT," \
  "  date INTEGER NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS voice_conferences (" \
  "  seq INTEGER PRIMARY KEY," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  friendly_name TEXT NOT NULL," \
  "  status TEXT NOT NULL," \
  "  reason_ended TEXT, call_sid_ending TEXT," \
  "  date_created INTEGER NOT NULL, date_updated INTEGER NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS voice_participants (" \
  "  conference_sid TEXT NOT NULL," \
  "  position INTEGER NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  call_sid TEXT NOT NULL," \
  "  label TEXT, status TEXT NOT NULL," \
  "  muted INTEGER NOT NULL, hold INTEGER NOT NULL," \
  "  start_conference_on_enter INTEGER NOT NULL, end_conference_on_exit INTEGER NOT NULL," \
  "  coaching INTEGER NOT NULL," \
  "  date_created INTEGER NOT NULL, date_updated INTEGER NOT NULL," \
  "  PRIMARY KEY (conference_sid, position));" \
  "CREATE TABLE IF NOT EXISTS voice_queues (" \
  "  seq INTEGER PRIMARY KEY," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  friendly_name TEXT NOT NULL," \
  "  max_size INTEGER NOT NULL," \
  "  total_wait INTEGER NOT NULL, n_dequeued INTEGER NOT NULL," \
  "  date_created INTEGER NOT NULL, date_updated INTEGER NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS voice_queue_members (" \
  "  queue_sid TEXT NOT NULL," \
  "  position INTEGER NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  call_sid TEXT NOT NULL," \
  "  date_enqueued INTEGER NOT NULL," \
  "  PRIMARY KEY (queue_sid, position));"

/* A record's stored fields in one string, to tell whether it changed since
 * it was written; NULL and "" differ. */
static void
sig_add_str (GString    *sig,
             const char *value)
{
  if (value == NULL)
    g_string_append_c (sig, '\x01');
  else
    g_string_append (sig, value);
  g_string_append_c (sig, '\x1f');
}

static void
sig_add_int (GString *sig,
             gint64   value)
{
  g_string_append_printf (sig, "%" G_GINT64_FORMAT "\x1f", value);
}

static char *
call_signature (SimCall *call)
{
  GString *sig = g_string_new (NULL);

  sig_add_int (sig, call->seq);
  sig_add_str (sig, call->sid);
  sig_add_str (sig, call->account_sid);
  sig_add_str (sig, call->parent_call_sid);
  sig_add_str (sig, call->to);
  sig_add_str (sig, call->from);
  sig_add_str (sig, call->direction);
  sig_add_str (sig, call->status);
  sig_add_str (sig, call->phone_number_sid);
  sig_add_str (sig, call->recording_sid);
  sig_add_int (sig, call->date_created);
  sig_add_int (sig, call->date_updated);
  sig_add_int (sig, call->start_time);
  sig_add_int (sig, call->end_time);
  return g_string_free (sig, FALSE);
}

static char *
conference_signature (SimConference *conference)
{
  GString *sig = g_string_new (NULL);

  sig_add_int (sig, conference->seq);
  sig_add_str (sig, conference->sid);
  sig_add_str (sig, conference->account_sid);
  sig_add_str (sig, conference->friendly_name);
  sig_add_str (sig, conference->status);
  sig_add_str (sig, conference->reason_ended);
  sig_add_str (sig, conference->call_sid_ending);
  sig_add_int (sig, conference->date_created);
  sig_add_int (sig, conference->date_updated);
  for (guint i = 0; i < conference->participants->len; i++)
    {
      SimParticipant *participant = g_ptr_array_index (conference->participants, i);

      sig_add_str (sig, participant->call_sid);
      sig_add_str (sig, participant->label);
      sig_add_str (sig, participant->status);
      sig_add_int (sig, participant->muted);
      sig_add_int (sig, participant->hold);
      sig_add_int (sig, participant->start_conference_on_enter);
      sig_add_int (sig, participant->end_conference_on_exit);
      sig_add_int (sig, participant->coaching);
      sig_add_int (sig, participant->date_created);
      sig_add_int (sig, participant->date_updated);
    }
  return g_string_free (sig, FALSE);
}

static char *
queue_signature (SimQueue *queue)
{
  GString *sig = g_string_new (NULL);

  sig_add_int (sig, queue->seq);
  sig_add_str (sig, queue->sid);
  sig_add_str (sig, queue->account_sid);
  sig_add_str (sig, queue->friendly_name);
  sig_add_int (sig, queue->max_size);
  sig_add_int (sig, queue->total_wait);
  sig_add_int (sig, queue->n_dequeued);
  sig_add_int (sig, queue->date_created);
  sig_add_int (sig, queue->date_updated);
  for (guint i = 0; i < queue->members->len; i++)
    {
      const char *call_sid = g_ptr_array_index (queue->members, i);
      gint64 *at = g_hash_table_lookup (queue->enqueued_at, call_sid);

      sig_add_str (sig, call_sid);
      sig_add_int (sig, at != NULL ? *at : 0);
    }
  return g_string_free (sig, FALSE);
}

/* Runs @stmt (taken) to its end; FALSE (logged) on error. */
static gboolean
db_run (LiaisonSimServer *self,
        sqlite3_stmt     *stmt)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
db_save_call (LiaisonSimServer *self,
              SimCall          *call)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "INSERT OR REPLACE INTO voice_calls (seq, sid, account_sid, parent_call_sid, to_address,"
    " from_address, direction, status, phone_number_sid, recording_sid, date_created, date_updated,"
    " start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, call->seq);
  sim_bind_text_or_null (stmt, 2, call->sid);
  sim_bind_text_or_null (stmt, 3, call->account_sid);
  sim_bind_text_or_null (stmt, 4, call->parent_call_sid);
  sim_bind_text_or_null (stmt, 5, call->to);
  sim_bind_text_or_null (stmt, 6, call->from);
  sim_bind_text_or_null (stmt, 7, call->direction);
  sim_bind_text_or_null (stmt, 8, call->status);
  sim_bind_text_or_null (stmt, 9, call->phone_number_sid);
  sim_bind_text_or_null (stmt, 10, call->recording_sid);
  sqlite3_bind_int64 (stmt, 11, call->date_created);
  sqlite3_bind_int64 (stmt, 12, call->date_updated);
  sqlite3_bind_int64 (stmt, 13, call->start_time);
  sqlite3_bind_int64 (stmt, 14, call->end_time);
  return db_run (self, stmt);
}

static gboolean
db_save_notification (LiaisonSimServer *self,
                      SimNotification  *notification)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "INSERT OR REPLACE INTO voice_notifications (seq, sid, account_sid, call_sid, error_code, message,"
    " request_url, request_method, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, notification->seq);
  sim_bind_text_or_null (stmt, 2, notification->sid);
  sim_bind_text_or_null (stmt, 3, notification->account_sid);
  sim_bind_text_or_null (stmt, 4, notification->call_sid);
  sqlite3_bind_int (stmt, 5, notification->error_code);
  sim_bind_text_or_null (stmt, 6, notification->message);
  sim_bind_text_or_null (stmt, 7, notification->request_url);
  sim_bind_text_or_null (stmt, 8, notification->request_method);
  sqlite3_bind_int64 (stmt, 9, notification->date);
  return db_run (self, stmt);
}

static gboolean
db_save_conference (LiaisonSimServer *self,
                    SimConference    *conference)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "INSERT OR REPLACE INTO voice_conferences (seq, sid, account_sid, friendly_name, status,"
    " reason_ended, call_sid_ending, date_created, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conference->seq);
  sim_bind_text_or_null (stmt, 2, conference->sid);
  sim_bind_text_or_null (stmt, 3, conference->account_sid);
  sim_bind_text_or_null (stmt, 4, conference->friendly_name);
  sim_bind_text_or_null (stmt, 5, conference->status);
  sim_bind_text_or_null (stmt, 6, conference->reason_ended);
  sim_bind_text_or_null (stmt, 7, conference->call_sid_ending);
  sqlite3_bind_int64 (stmt, 8, conference->date_created);
  sqlite3_bind_int64 (stmt, 9, conference->date_updated);
  if (!db_run (self, stmt))
    return FALSE;

  stmt = sim_db_prepare (self, "DELETE FROM voice_participants WHERE conference_sid = ?");
  if (stmt == NULL)
    return FALSE;
  sim_bind_text_or_null (stmt, 1, conference->sid);
  if (!db_run (self, stmt))
    return FALSE;

  for (guint i = 0; i < conference->participants->len; i++)
    {
      SimParticipant *participant = g_ptr_array_index (conference->participants, i);

      stmt = sim_db_prepare (self,
        "INSERT INTO voice_participants (conference_sid, position, account_sid, call_sid, label, status,"
        " muted, hold, start_conference_on_enter, end_conference_on_exit, coaching, date_created,"
        " date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (stmt == NULL)
        return FALSE;
      sim_bind_text_or_null (stmt, 1, conference->sid);
      sqlite3_bind_int (stmt, 2, (int) i);
      sim_bind_text_or_null (stmt, 3, conference->account_sid);
      sim_bind_text_or_null (stmt, 4, participant->call_sid);
      sim_bind_text_or_null (stmt, 5, participant->label);
      sim_bind_text_or_null (stmt, 6, participant->status);
      sqlite3_bind_int (stmt, 7, participant->muted ? 1 : 0);
      sqlite3_bind_int (stmt, 8, participant->hold ? 1 : 0);
      sqlite3_bind_int (stmt, 9, participant->start_conference_on_enter ? 1 : 0);
      sqlite3_bind_int (stmt, 10, participant->end_conference_on_exit ? 1 : 0);
      sqlite3_bind_int (stmt, 11, participant->coaching ? 1 : 0);
      sqlite3_bind_int64 (stmt, 12, participant->date_created);
      sqlite3_bind_int64 (stmt, 13, participant->date_updated);
      if (!db_run (self, stmt))
        return FALSE;
    }
  return TRUE;
}

static gboolean
db_save_queue (LiaisonSimServer *self,
               SimQueue         *queue)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "INSERT OR REPLACE INTO voice_queues (seq, sid, account_sid, friendly_name, max_size, total_wait,"
    " n_dequeued, date_created, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, queue->seq);
  sim_bind_text_or_null (stmt, 2, queue->sid);
  sim_bind_text_or_null (stmt, 3, queue->account_sid);
  sim_bind_text_or_null (stmt, 4, queue->friendly_name);
  sqlite3_bind_int64 (stmt, 5, queue->max_size);
  sqlite3_bind_int64 (stmt, 6, queue->total_wait);
  sqlite3_bind_int64 (stmt, 7, queue->n_dequeued);
  sqlite3_bind_int64 (stmt, 8, queue->date_created);
  sqlite3_bind_int64 (stmt, 9, queue->date_updated);
  if (!db_run (self, stmt))
    return FALSE;

  stmt = sim_db_prepare (self, "DELETE FROM voice_queue_members WHERE queue_sid = ?");
  if (stmt == NULL)
    return FALSE;
  sim_bind_text_or_null (stmt, 1, queue->sid);
  if (!db_run (self, stmt))
    return FALSE;

  for (guint i = 0; i < queue->members->len; i++)
    {
      const char *call_sid = g_ptr_array_index (queue->members, i);
      gint64 *at = g_hash_table_lookup (queue->enqueued_at, call_sid);

      stmt = sim_db_prepare (self,
        "INSERT INTO voice_queue_members (queue_sid, position, account_sid, call_sid, date_enqueued)"
        " VALUES (?, ?, ?, ?, ?)");
      if (stmt == NULL)
        return FALSE;
      sim_bind_text_or_null (stmt, 1, queue->sid);
      sqlite3_bind_int (stmt, 2, (int) i);
      sim_bind_text_or_null (stmt, 3, queue->account_sid);
      sim_bind_text_or_null (stmt, 4, call_sid);
      sqlite3_bind_int64 (stmt, 5, at != NULL ? *at : 0);
      if (!db_run (self, stmt))
        return FALSE;
    }
  return TRUE;
}

/* Opens the transaction of a sync before its first write. */
static void
db_begin (LiaisonSimServer *self,
          gboolean         *in_transaction)
{
  char *message = NULL;

  if (*in_transaction)
    return;
  if (sqlite3_exec (self->db, "SAVEPOINT voice_sync", NULL, NULL, &message) != SQLITE_OK)
    {
      g_warning ("SQLite: %s", message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return;
    }
  *in_transaction = TRUE;
}

void
sim_voice_sync (LiaisonSimServer *self)
{
  SimVoice *voice;
  gboolean in_transaction = FALSE;

  if (self->db == NULL)
    return;
  voice = sim_voice_get (self);

  for (guint i = 0; i < voice->calls->len; i++)
    {
      SimCall *call = g_ptr_array_index (voice->calls, i);
      g_autofree char *sig = call_signature (call);

      if (g_strcmp0 (sig, call->saved) == 0)
        continue;
      db_begin (self, &in_transaction);
      if (db_save_call (self, call))
        {
          g_free (call->saved);
          call->saved = g_steal_pointer (&sig);
        }
    }
  for (guint i = 0; i < voice->notifications->len; i++)
    {
      SimNotification *notification = g_ptr_array_index (voice->notifications, i);

      if (notification->saved)
        continue;
      db_begin (self, &in_transaction);
      notification->saved = db_save_notification (self, notification);
    }
  for (guint i = 0; i < voice->conferences->len; i++)
    {
      SimConference *conference = g_ptr_array_index (voice->conferences, i);
      g_autofree char *sig = conference_signature (conference);

      if (g_strcmp0 (sig, conference->saved) == 0)
        continue;
      db_begin (self, &in_transaction);
      if (db_save_conference (self, conference))
        {
          g_free (conference->saved);
          conference->saved = g_steal_pointer (&sig);
        }
    }
  for (guint i = 0; i < voice->queues->len; i++)
    {
      SimQueue *queue = g_ptr_array_index (voice->queues, i);
      g_autofree char *sig = queue_signature (queue);

      if (g_strcmp0 (sig, queue->saved) == 0)
        continue;
      db_begin (self, &in_transaction);
      if (db_save_queue (self, queue))
        {
          g_free (queue->saved);
          queue->saved = g_steal_pointer (&sig);
        }
    }

  if (in_transaction)
    {
      char *message = NULL;

      if (sqlite3_exec (self->db, "RELEASE voice_sync", NULL, NULL, &message) != SQLITE_OK)
        {
          g_warning ("SQLite: %s", message != NULL ? message : sqlite3_errmsg (self->db));
          sqlite3_free (message);
        }
    }
}

void
sim_voice_db_delete (LiaisonSimServer *self,
                     const char       *sid)
{
  static const char * const calls[] = { "DELETE FROM voice_calls WHERE sid = ?", NULL };
  static const char * const queues[] = {
    "DELETE FROM voice_queues WHERE sid = ?",
    "DELETE FROM voice_queue_members WHERE queue_sid = ?",
    NULL
  };
  const char * const *statements = NULL;

  if (self->db == NULL || sid == NULL)
    return;
  if (g_str_has_prefix (sid, "CA"))
    statements = calls;
  else if (g_str_has_prefix (sid, "QU"))
    statements = queues;
  else
    g_return_if_reached ();

  for (gsize i = 0; statements[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = sim_db_prepare (self, statements[i]);

      if (stmt == NULL)
        return;
      sim_bind_text_or_null (stmt, 1, sid);
      db_run (self, stmt);
    }
}

/* The time a record that was live at the restart ended: the clock, but
 * never before what the record already says. */
static gint64
restart_time (LiaisonSimServer *self,
              gint64            latest)
{
  return MAX (self->clock, latest);
}

static void
db_load_calls (LiaisonSimServer *self,
               SimVoice         *voice)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "SELECT seq, sid, account_sid, parent_call_sid, to_address, from_address, direction, status,"
    " phone_number_sid, recording_sid, date_created, date_updated, start_time, end_time"
    " FROM voice_calls ORDER BY seq");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimCall *call = g_new0 (SimCall, 1);

      g_queue_init (&call->inputs);
      call->seq = sqlite3_column_int64 (stmt, 0);
      call->sid = sim_dup_column (stmt, 1);
      call->account_sid = sim_dup_column (stmt, 2);
      call->parent_call_sid = sim_dup_column (stmt, 3);
      call->to = sim_dup_column (stmt, 4);
      call->from = sim_dup_column (stmt, 5);
      call->direction = sim_dup_column (stmt, 6);
      call->status = sim_dup_column (stmt, 7);
      call->phone_number_sid = sim_dup_column (stmt, 8);
      call->recording_sid = sim_dup_column (stmt, 9);
      call->date_created = sqlite3_column_int64 (stmt, 10);
      call->date_updated = sqlite3_column_int64 (stmt, 11);
      call->start_time = sqlite3_column_int64 (stmt, 12);
      call->end_time = sqlite3_column_int64 (stmt, 13);
      call->timeout = 60;
      call->events = CALL_EVENT_COMPLETED;
      if (call->sid == NULL || call->account_sid == NULL || call->direction == NULL || call->status == NULL
          || g_hash_table_contains (voice->calls_by_sid, call->sid))
        {
          sim_call_free (call);
          continue;
        }
      call->saved = call_signature (call);
      if (sim_call_is_live (call))
        {
          /* It cannot go on: over at the restart. */
          call->end_time = restart_time (self, MAX (call->date_updated, call->start_time));
          call->date_updated = call->end_time;
          g_free (call->status);
          call->status = g_strdup (call->start_time != 0 ? "completed" : "failed");
        }
      call->now = MAX (self->clock, call->date_updated);
      voice->next_seq = MAX (voice->next_seq, call->seq + 1);
      g_ptr_array_add (voice->calls, call);
      g_hash_table_insert (voice->calls_by_sid, call->sid, call);
    }
  sqlite3_finalize (stmt);
}

static void
db_load_notifications (LiaisonSimServer *self,
                       SimVoice         *voice)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "SELECT seq, sid, account_sid, call_sid, error_code, message, request_url, request_method, date"
    " FROM voice_notifications ORDER BY seq");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimNotification *notification = g_new0 (SimNotification, 1);

      notification->seq = sqlite3_column_int64 (stmt, 0);
      notification->sid = sim_dup_column (stmt, 1);
      notification->account_sid = sim_dup_column (stmt, 2);
      notification->call_sid = sim_dup_column (stmt, 3);
      notification->error_code = sqlite3_column_int (stmt, 4);
      notification->message = sim_dup_column (stmt, 5);
      notification->request_url = sim_dup_column (stmt, 6);
      notification->request_method = sim_dup_column (stmt, 7);
      notification->date = sqlite3_column_int64 (stmt, 8);
      notification->saved = TRUE;
      if (notification->sid == NULL || notification->account_sid == NULL || notification->call_sid == NULL)
        {
          sim_notification_free (notification);
          continue;
        }
      voice->next_seq = MAX (voice->next_seq, notification->seq + 1);
      g_ptr_array_add (voice->notifications, notification);
    }
  sqlite3_finalize (stmt);
}

static void
db_load_conferences (LiaisonSimServer *self,
                     SimVoice         *voice)
{
  g_autoptr(GHashTable) by_sid = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "SELECT seq, sid, account_sid, friendly_name, status, reason_ended, call_sid_ending,"
    " date_created, date_updated FROM voice_conferences ORDER BY seq");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimConference *conference = g_new0 (SimConference, 1);

      conference->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_participant_free);
      conference->seq = sqlite3_column_int64 (stmt, 0);
      conference->sid = sim_dup_column (stmt, 1);
      conference->account_sid = sim_dup_column (stmt, 2);
      conference->friendly_name = sim_dup_column (stmt, 3);
      conference->status = sim_dup_column (stmt, 4);
      conference->reason_ended = sim_dup_column (stmt, 5);
      conference->call_sid_ending = sim_dup_column (stmt, 6);
      conference->date_created = sqlite3_column_int64 (stmt, 7);
      conference->date_updated = sqlite3_column_int64 (stmt, 8);
      if (conference->sid == NULL || conference->account_sid == NULL || conference->friendly_name == NULL
          || conference->status == NULL || g_hash_table_contains (by_sid, conference->sid))
        {
          sim_conference_free (conference);
          continue;
        }
      voice->next_seq = MAX (voice->next_seq, conference->seq + 1);
      g_ptr_array_add (voice->conferences, conference);
      g_hash_table_insert (by_sid, conference->sid, conference);
    }
  sqlite3_finalize (stmt);

  stmt = sim_db_prepare (self,
    "SELECT conference_sid, call_sid, label, status, muted, hold, start_conference_on_enter,"
    " end_conference_on_exit, coaching, date_created, date_updated"
    " FROM voice_participants ORDER BY conference_sid, position");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *conference_sid = sim_dup_column (stmt, 0);
      SimConference *conference = conference_sid != NULL ? g_hash_table_lookup (by_sid, conference_sid) : NULL;
      SimParticipant *participant;

      if (conference == NULL || sqlite3_column_type (stmt, 1) == SQLITE_NULL
          || sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        continue;
      participant = g_new0 (SimParticipant, 1);
      participant->call_sid = sim_dup_column (stmt, 1);
      participant->label = sim_dup_column (stmt, 2);
      participant->status = sim_dup_column (stmt, 3);
      participant->muted = sqlite3_column_int (stmt, 4) != 0;
      participant->hold = sqlite3_column_int (stmt, 5) != 0;
      participant->start_conference_on_enter = sqlite3_column_int (stmt, 6) != 0;
      participant->end_conference_on_exit = sqlite3_column_int (stmt, 7) != 0;
      participant->coaching = sqlite3_column_int (stmt, 8) != 0;
      participant->date_created = sqlite3_column_int64 (stmt, 9);
      participant->date_updated = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (conference->participants, participant);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < voice->conferences->len; i++)
    {
      SimConference *conference = g_ptr_array_index (voice->conferences, i);

      conference->saved = conference_signature (conference);
      if (g_str_equal (conference->status, "completed"))
        continue;
      /* Its calls ended with the restart: the last one left. */
      if (conference->participants->len > 0 && conference->call_sid_ending == NULL)
        {
          SimParticipant *last = g_ptr_array_index (conference->participants,
                                                    conference->participants->len - 1);

          conference->call_sid_ending = g_strdup (last->call_sid);
        }
      g_free (conference->status);
      conference->status = g_strdup ("completed");
      g_free (conference->reason_ended);
      conference->reason_ended = g_strdup ("last-participant-left");
      conference->date_updated = restart_time (self, conference->date_updated);
      g_ptr_array_set_size (conference->participants, 0);
    }
}

static void
db_load_queues (LiaisonSimServer *self,
                SimVoice         *voice)
{
  g_autoptr(GHashTable) by_sid = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "SELECT seq, sid, account_sid, friendly_name, max_size, total_wait, n_dequeued, date_created,"
    " date_updated FROM voice_queues ORDER BY seq");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimQueue *queue = g_new0 (SimQueue, 1);

      queue->members = g_ptr_array_new_with_free_func (g_free);
      queue->enqueued_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      queue->seq = sqlite3_column_int64 (stmt, 0);
      queue->sid = sim_dup_column (stmt, 1);
      queue->account_sid = sim_dup_column (stmt, 2);
      queue->friendly_name = sim_dup_column (stmt, 3);
      queue->max_size = CLAMP (sqlite3_column_int64 (stmt, 4), 1, 5000);
      queue->total_wait = MAX (sqlite3_column_int64 (stmt, 5), 0);
      queue->n_dequeued = MAX (sqlite3_column_int64 (stmt, 6), 0);
      queue->date_created = sqlite3_column_int64 (stmt, 7);
      queue->date_updated = sqlite3_column_int64 (stmt, 8);
      if (queue->sid == NULL || queue->account_sid == NULL || queue->friendly_name == NULL
          || g_hash_table_contains (by_sid, queue->sid))
        {
          sim_queue_free (queue);
          continue;
        }
      voice->next_seq = MAX (voice->next_seq, queue->seq + 1);
      g_ptr_array_add (voice->queues, queue);
      g_hash_table_insert (by_sid, queue->sid, queue);
    }
  sqlite3_finalize (stmt);

  stmt = sim_db_prepare (self,
    "SELECT queue_sid, call_sid, date_enqueued FROM voice_queue_members ORDER BY queue_sid, position");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *queue_sid = sim_dup_column (stmt, 0);
      SimQueue *queue = queue_sid != NULL ? g_hash_table_lookup (by_sid, queue_sid) : NULL;
      char *call_sid = sim_dup_column (stmt, 1);
      gint64 *at;

      if (queue == NULL || call_sid == NULL || g_hash_table_contains (queue->enqueued_at, call_sid))
        {
          g_free (call_sid);
          continue;
        }
      at = g_new (gint64, 1);
      *at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (queue->members, call_sid);
      g_hash_table_insert (queue->enqueued_at, g_strdup (call_sid), at);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < voice->queues->len; i++)
    {
      SimQueue *queue = g_ptr_array_index (voice->queues, i);

      queue->saved = queue_signature (queue);
      if (queue->members->len == 0)
        continue;
      /* Their calls ended with the restart: the queue is empty. */
      g_ptr_array_set_size (queue->members, 0);
      g_hash_table_remove_all (queue->enqueued_at);
      queue->date_updated = restart_time (self, queue->date_updated);
    }
}

/* Reads what --db keeps; what was live is over (see the top of this file). */
static void
voice_load (LiaisonSimServer *self,
            SimVoice         *voice)
{
  db_load_calls (self, voice);
  db_load_notifications (self, voice);
  db_load_conferences (self, voice);
  db_load_queues (self, voice);
  sim_voice_sync (self);
}

SimVoice *
sim_voice_get (LiaisonSimServer *self)
{
  SimVoice *voice = self->voice;

  if (voice == NULL)
    {
      voice = g_new0 (SimVoice, 1);
      voice->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_call_free);
      voice->calls_by_sid = g_hash_table_new (g_str_hash, g_str_equal);
      voice->conferences = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_conference_free);
      voice->queues = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_queue_free);
      voice->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_notification_free);
      g_queue_init (&voice->dial_outcomes);
      voice->next_seq = 1;
      self->voice = voice;
    }
  if (!voice->loaded && self->db != NULL)
    {
      voice->loaded = TRUE;
      voice_load (self, voice);
    }
  return voice;
}

static void
voice_finalize (LiaisonSimServer *self)
{
  SimVoice *voice = self->voice;

  if (voice == NULL)
    return;
  sim_voice_sync (self);
  g_hash_table_unref (voice->calls_by_sid);
  g_ptr_array_unref (voice->calls);
  g_ptr_array_unref (voice->conferences);
  g_ptr_array_unref (voice->queues);
  g_ptr_array_unref (voice->notifications);
  g_queue_clear_full (&voice->dial_outcomes, (GDestroyNotify) sim_dial_outcome_free);
  g_free (voice);
  self->voice = NULL;
}

SimCall *
sim_voice_find_call (LiaisonSimServer *self,
                     const char       *sid)
{
  if (sid == NULL)
    return NULL;
  return g_hash_table_lookup (sim_voice_get (self)->calls_by_sid, sid);
}

gboolean
sim_call_is_live (SimCall *call)
{
  return g_str_equal (call->status, "queued") || g_str_equal (call->status, "ringing")
         || g_str_equal (call->status, "in-progress");
}

static SimCall *
call_new (LiaisonSimServer *self,
          const char       *account_sid,
          const char       *direction,
          const char       *from,
          const char       *to)
{
  SimVoice *voice = sim_voice_get (self);
  SimCall *call = g_new0 (SimCall, 1);

  call->sid = sim_new_sid ("CA");
  call->account_sid = g_strdup (account_sid);
  call->direction = g_strdup (direction);
  call->from = g_strdup (from);
  call->to = g_strdup (to);
  call->status = g_strdup ("queued");
  call->seq = voice->next_seq++;
  call->date_created = self->clock;
  call->date_updated = self->clock;
  call->now = self->clock;
  call->timeout = 60;
  call->events = CALL_EVENT_COMPLETED;
  g_queue_init (&call->inputs);
  g_ptr_array_add (voice->calls, call);
  g_hash_table_insert (voice->calls_by_sid, call->sid, call);

  return call;
}

static void
add_notification (LiaisonSimServer *self,
                  SimCall          *call,
                  gint              code,
                  const char       *message,
                  const char       *url,
                  const char       *method)
{
  SimVoice *voice = sim_voice_get (self);
  SimNotification *notification = g_new0 (SimNotification, 1);
  g_autofree char *masked = liaison_log_mask (call->sid);

  notification->sid = sim_new_sid ("NO");
  notification->account_sid = g_strdup (call->account_sid);
  notification->call_sid = g_strdup (call->sid);
  notification->error_code = code;
  notification->message = g_strdup (message);
  notification->request_url = g_strdup (url);
  notification->request_method = g_strdup (method != NULL && g_ascii_strcasecmp (method, "GET") == 0 ? "GET" : "POST");
  notification->date = call->now;
  notification->seq = voice->next_seq++;
  g_ptr_array_add (voice->notifications, notification);
  g_message ("Call %s: error %d: %s", masked, code, message);
}

/* The far end: the next queued outcome for @to, else @fallback, else
 * answered; @out_speech (may be NULL) gets what that party says, if the
 * outcome said. */
static void
take_outcome_speech (LiaisonSimServer *self,
                     const char       *to,
                     const char       *fallback,
                     char            **out_outcome,
                     guint            *out_duration,
                     char            **out_speech)
{
  SimVoice *voice = sim_voice_get (self);

  for (GList *l = voice->dial_outcomes.head; l != NULL; l = l->next)
    {
      SimDialOutcome *outcome = l->data;

      if (outcome->to == NULL || g_strcmp0 (outcome->to, to) == 0)
        {
          *out_outcome = g_strdup (outcome->outcome);
          *out_duration = outcome->duration;
          if (out_speech != NULL && outcome->speech != NULL)
            {
              g_free (*out_speech);
              *out_speech = g_strdup (outcome->speech);
            }
          g_queue_delete_link (&voice->dial_outcomes, l);
          sim_dial_outcome_free (outcome);
          return;
        }
    }
  *out_outcome = g_strdup (fallback != NULL ? fallback : "answered");
  *out_duration = DEFAULT_DIAL_DURATION;
}

static void
take_outcome (LiaisonSimServer *self,
              const char       *to,
              const char       *fallback,
              char            **out_outcome,
              guint            *out_duration)
{
  take_outcome_speech (self, to, fallback, out_outcome, out_duration, NULL);
}

/* JSON */

static char *
format_number (const char *number)
{
  if (number != NULL && g_str_has_prefix (number, "+1") && strlen (number) == 12)
    return g_strdup_printf ("(%.3s) %.3s-%.4s", number + 2, number + 5, number + 8);
  return g_strdup (number);
}

static void
build_call (JsonBuilder *builder,
            SimCall     *call)
{
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Calls/%s.json",
                                          call->account_sid, call->sid);
  g_autofree char *base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Calls/%s",
                                           call->account_sid, call->sid);
  g_autofree char *to_formatted = format_number (call->to);
  g_autofree char *from_formatted = format_number (call->from);
  g_autofree char *duration = NULL;
  static const char * const subresources[] = {
    "notifications", "Notifications", "recordings", "Recordings", "payments", "Payments",
    "events", "Events", "siprec", "Siprec", "streams", "Streams",
    "transcriptions", "Transcriptions",
    "user_defined_message_subscriptions", "UserDefinedMessageSubscriptions",
    "user_defined_messages", "UserDefinedMessages",
  };

  if (call->start_time != 0 && call->end_time != 0)
    duration = g_strdup_printf ("%" G_GINT64_FORMAT, call->end_time - call->start_time);
  else if (call->end_time != 0)
    duration = g_strdup ("0");

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", call->account_sid);
  sim_add_string_or_null (builder, "answered_by", NULL);
  sim_add_string_or_null (builder, "api_version", "2010-04-01");
  sim_add_string_or_null (builder, "caller_name", NULL);
  sim_add_date_member (builder, "date_created", call->date_created);
  sim_add_date_member (builder, "date_updated", call->date_updated);
  sim_add_string_or_null (builder, "direction", call->direction);
  sim_add_string_or_null (builder, "duration", duration);
  sim_add_date_member (builder, "end_time", call->end_time);
  sim_add_string_or_null (builder, "forwarded_from", NULL);
  sim_add_string_or_null (builder, "from", call->from);
  sim_add_string_or_null (builder, "from_formatted", from_formatted);
  sim_add_string_or_null (builder, "group_sid", NULL);
  sim_add_string_or_null (builder, "parent_call_sid", call->parent_call_sid);
  sim_add_string_or_null (builder, "phone_number_sid", call->phone_number_sid);
  sim_add_string_or_null (builder, "price", NULL);
  sim_add_string_or_null (builder, "price_unit", "USD");
  sim_add_string_or_null (builder, "queue_time", "0");
  sim_add_string_or_null (builder, "sid", call->sid);
  sim_add_date_member (builder, "start_time", call->start_time);
  sim_add_string_or_null (builder, "status", call->status);
  json_builder_set_member_name (builder, "subresource_uris");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (subresources); i += 2)
    {
      g_autofree char *sub = g_strdup_printf ("%s/%s.json", base, subresources[i + 1]);

      sim_add_string_or_null (builder, subresources[i], sub);
    }
  json_builder_end_object (builder);
  sim_add_string_or_null (builder, "to", call->to);
  sim_add_string_or_null (builder, "to_formatted", to_formatted);
  sim_add_string_or_null (builder, "trunk_sid", NULL);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
respond_call (SoupServerMessage *msg,
              guint              status,
              SimCall           *call)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_call (builder, call);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, status, root);
}

/* Webhook parameters (§3.4) */

static void
add_geo (GPtrArray  *pairs,
         const char *prefix,
         const char *number)
{
  static const char * const fields[] = { "City", "Country", "State", "Zip" };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *name = g_strconcat (prefix, fields[i], NULL);
      const char *value = "";

      if (g_str_equal (fields[i], "Country") && number != NULL && g_str_has_prefix (number, "+1"))
        value = "US";
      sim_pairs_add (pairs, name, value);
    }
}

/* The standard set, sorted as Twilio sends it; @status may override the call's. */
static void
add_call_params (GPtrArray  *pairs,
                 SimCall    *call,
                 const char *status)
{
  sim_pairs_add (pairs, "AccountSid", call->account_sid);
  sim_pairs_add (pairs, "ApiVersion", "2010-04-01");
  sim_pairs_add (pairs, "CallSid", call->sid);
  sim_pairs_add (pairs, "CallStatus", status != NULL ? status : call->status);
  sim_pairs_add (pairs, "Called", call->to);
  add_geo (pairs, "Called", call->to);
  sim_pairs_add (pairs, "Caller", call->from);
  add_geo (pairs, "Caller", call->from);
  sim_pairs_add (pairs, "Direction", call->direction);
  sim_pairs_add (pairs, "From", call->from);
  add_geo (pairs, "From", call->from);
  if (call->parent_call_sid != NULL)
    sim_pairs_add (pairs, "ParentCallSid", call->parent_call_sid);
  sim_pairs_add (pairs, "To", call->to);
  add_geo (pairs, "To", call->to);
}

static char *
recording_url (LiaisonSimServer *self,
               const char       *account_sid,
               const char       *recording_sid)
{
  g_autofree char *base = liaison_sim_server_get_url (self);

  return g_strdup_printf ("%s" API_VERSION_PATH "/Accounts/%s/Recordings/%s", base, account_sid, recording_sid);
}

/* Status callbacks (§3.5) */

static void
call_notify (LiaisonSimServer *self,
             SimCall          *call,
             guint             event,
             const char       *call_status)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, call->account_sid);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *sequence = NULL;
  g_autofree char *timestamp = NULL;

  if (account == NULL || call->status_callback == NULL || (call->events & event) == 0)
    return;

  pairs = g_ptr_array_new_with_free_func (g_free);
  add_call_params (pairs, call, call_status);
  sim_pairs_add (pairs, "CallbackSource", "call-progress-events");
  if (event == CALL_EVENT_COMPLETED)
    {
      gint64 seconds = call->start_time != 0 ? call->end_time - call->start_time : 0;
      g_autofree char *call_duration = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
      g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT, (seconds + 59) / 60);
      const char *sip = "200";

      if (g_str_equal (call->status, "busy"))
        sip = "486";
      else if (g_str_equal (call->status, "no-answer") || g_str_equal (call->status, "canceled"))
        sip = "487";
      else if (g_str_equal (call->status, "failed"))
        sip = "500";
      sim_pairs_add (pairs, "CallDuration", call_duration);
      sim_pairs_add (pairs, "Duration", minutes);
      sim_pairs_add (pairs, "SipResponseCode", sip);
      if (call->recording_sid != NULL)
        {
          g_autofree char *url = recording_url (self, call->account_sid, call->recording_sid);

          sim_pairs_add (pairs, "RecordingDuration", call_duration);
          sim_pairs_add (pairs, "RecordingSid", call->recording_sid);
          sim_pairs_add (pairs, "RecordingUrl", url);
        }
    }
  sequence = g_strdup_printf ("%u", call->sequence_number++);
  timestamp = sim_format_unix (call->now);
  sim_pairs_add (pairs, "SequenceNumber", sequence);
  sim_pairs_add (pairs, "Timestamp", timestamp);

  sim_post_webhook (self, account, call->status_callback, call->status_callback_method, pairs,
                    NULL, NULL, NULL);
}

static void
call_set_status (SimCall    *call,
                 const char *status)
{
  g_free (call->status);
  call->status = g_strdup (status);
  call->date_updated = call->now;
}

static void
call_answer (LiaisonSimServer *self,
             SimCall          *call)
{
  call_set_status (call, "in-progress");
  call->start_time = call->now;
  call_notify (self, call, CALL_EVENT_ANSWERED, "in-progress");
}

/* Ends the dialed leg of @call, if any, with @status. */
static void
end_dial_child (LiaisonSimServer *self,
                SimCall          *call,
                const char       *status)
{
  SimCall *child = sim_voice_find_call (self, call->dial_child_sid);

  if (child != NULL && sim_call_is_live (child))
    {
      child->now = call->now;
      /* Hung up before it answered: canceled. */
      call_end (self, child, g_str_equal (child->status, "in-progress") ? status : "canceled");
    }
}

static void
call_end (LiaisonSimServer *self,
          SimCall          *call,
          const char       *status)
{
  SimCall *bridged;
  SimTwiml *verb = call->verb;

  if (!sim_call_is_live (call))
    return;

  call_set_status (call, status);
  call->end_time = call->now;
  call->next_at = 0;
  call->step = STEP_NONE;
  call->verb = NULL;
  dial_interrupted (self, call, verb);

  if (call->wait == WAIT_QUEUE)
    {
      SimQueue *queue = NULL;
      SimVoice *voice = sim_voice_get (self);

      for (guint i = 0; i < voice->queues->len; i++)
        if (g_str_equal (((SimQueue *) g_ptr_array_index (voice->queues, i))->sid, call->queue_sid))
          queue = g_ptr_array_index (voice->queues, i);
      if (queue != NULL)
        sim_queue_remove_member (queue, call->sid, call->now);
    }
  if (call->conference_sid != NULL)
    sim_conference_leave (self, call, FALSE);
  call->wait = WAIT_NONE;

  end_dial_child (self, call, "completed");
  bridged = sim_voice_find_call (self, call->bridged_call_sid);
  g_clear_pointer (&call->bridged_call_sid, g_free);
  if (bridged != NULL && sim_call_is_live (bridged) && bridged->step == STEP_DIAL_END)
    {
      /* The other side of a <Dial><Queue> bridge goes on. */
      bridged->next_at = call->now;
    }

  if (call->record && call->start_time != 0)
    {
      SimAccount *account = g_hash_table_lookup (self->accounts, call->account_sid);
      SimRecordingSpec spec = {
        .call_sid = call->sid,
        .source = "OutboundAPI",
        .duration = (guint) (call->end_time - call->start_time),
        .channels = call->recording_channels,
        .status_callback = call->recording_status_callback,
        .status_callback_method = call->recording_status_callback_method,
      };

      if (account != NULL && spec.duration > 0)
        {
          g_free (call->recording_sid);
          call->recording_sid = sim_recording_create (self, account, &spec);
        }
    }

  LIAISON_DEBUG_MASKED (call->sid, "Call %s ended: %s", call->status);
  call_notify (self, call, CALL_EVENT_COMPLETED, call->status);
}

/* Documents */

typedef struct {
  char     *call_sid;
  char     *url;
  char     *method;
  guint     fetch_id;
  gboolean  is_fallback;
} FetchData;

/* Documents requested in a row without simulated time passing, before the
 * call is failed as a redirect loop [INF: Twilio's own limit is not documented]. */
#define MAX_FETCHES_AT_ONCE  50

static void
fetch_data_free (FetchData *data)
{
  g_free (data->call_sid);
  g_free (data->url);
  g_free (data->method);
  g_free (data);
}

static void
call_fail_document (LiaisonSimServer *self,
                    SimCall          *call,
                    gint              code,
                    const char       *message,
                    const char       *url,
                    const char       *method)
{
  add_notification (self, call, code, message, url, method);
  call_end (self, call, call->start_time != 0 ? "completed" : "failed");
}

static void dial_finish (LiaisonSimServer *self,
                         SimCall          *call);

/* Runs @doc (taken) on @call from its first verb. */
static void
call_start_document (LiaisonSimServer *self,
                     SimCall          *call,
                     SimTwiml         *doc)
{
  SimCall *parent = sim_voice_find_call (self, call->parent_call_sid);

  sim_twiml_free (call->doc);
  call->doc = doc;
  call->pc = 0;
  call->verb = NULL;

  /* A bridged <Dial> leg redirected to its own TwiML (call update) leaves
   * the bridge: its parent's <Dial> is over, "completed" [INF]. */
  if (parent != NULL && sim_call_is_live (parent) && g_strcmp0 (parent->dial_child_sid, call->sid) == 0
      && parent->step == STEP_DIAL_END && parent->verb != NULL && g_str_equal (parent->verb->name, "Dial"))
    {
      parent->now = MAX (parent->now, call->now);
      g_free (parent->dial_status);
      parent->dial_status = g_strdup ("completed");
      parent->dial_duration = (guint) (parent->now - parent->dial_answered_at);
      parent->step = STEP_NONE;
      parent->next_at = 0;
      dial_finish (self, parent);
    }

  if (g_str_equal (call->status, "ringing") && g_str_equal (call->direction, "inbound"))
    {
      SimTwiml *first = doc->children->len > 0 ? g_ptr_array_index (doc->children, 0) : NULL;

      if (first != NULL && g_str_equal (first->name, "Reject"))
        {
          /* Not answered: busy for reason="busy" and for the default
           * "rejected" alike [INF]. */
          call_end (self, call, "busy");
          return;
        }
      call_answer (self, call);
    }
  call_run (self, call);
}

/* A fetched document could not be used: the fallback URL gets the same
 * request with ErrorCode and ErrorUrl, once (§6.5); otherwise the call ends. */
static void
document_failed (LiaisonSimServer *self,
                 SimCall          *call,
                 FetchData        *data,
                 gint              code,
                 const char       *message)
{
  g_autoptr(GPtrArray) extra = NULL;
  g_autofree char *code_text = NULL;

  if (data->is_fallback || call->fallback_url == NULL)
    {
      call_fail_document (self, call, code, message, data->url, data->method);
      return;
    }

  add_notification (self, call, code, message, data->url, data->method);
  extra = g_ptr_array_new_with_free_func (g_free);
  code_text = g_strdup_printf ("%d", code);
  sim_pairs_add (extra, "ErrorCode", code_text);
  sim_pairs_add (extra, "ErrorUrl", data->url);
  call_fetch_full (self, call, call->fallback_url, call->fallback_method, extra, TRUE);
}

static void
fetch_done_cb (LiaisonSimServer *self,
               guint             status,
               GBytes           *body,
               gpointer          user_data)
{
  FetchData *data = user_data;
  SimCall *call = sim_voice_find_call (self, data->call_sid);
  g_autoptr(GError) error = NULL;
  SimTwiml *doc;
  gsize len = 0;
  const char *bytes = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  if (call == NULL || !call->fetching || call->fetch_id != data->fetch_id)
    return;
  call->fetching = FALSE;
  if (!sim_call_is_live (call))
    return;

  g_free (call->url);
  call->url = g_strdup (data->url);
  g_free (call->method);
  call->method = g_strdup (data->method);

  if (status < 200 || status > 299)
    {
      g_autofree char *message = g_strdup_printf ("HTTP retrieval failure (status %u)", status);

      document_failed (self, call, data, 11200, message);
    }
  else if (len > 64 * 1024)
    {
      document_failed (self, call, data, 11750, "TwiML response body too large");
    }
  else if ((doc = sim_twiml_parse (bytes, len, &error)) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Document parse failure: %s", error->message);

      document_failed (self, call, data, 12100, message);
    }
  else
    {
      call_start_document (self, call, doc);
    }

  sim_call_run_due (self);
  sim_voice_sync (self);
}

static void
call_fetch (LiaisonSimServer *self,
            SimCall          *call,
            const char       *url,
            const char       *method,
            GPtrArray        *extra)
{
  call_fetch_full (self, call, url, method, extra, FALSE);
}

static void
call_fetch_full (LiaisonSimServer *self,
                 SimCall          *call,
                 const char       *url,
                 const char       *method,
                 GPtrArray        *extra,
                 gboolean          is_fallback)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, call->account_sid);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *resolved = NULL;
  FetchData *data;

  if (account == NULL)
    {
      call_end (self, call, "failed");
      return;
    }
  if (url == NULL || *url == '\0')
    {
      call_fail_document (self, call, 11200, "No URL to request", NULL, method);
      return;
    }
  if (call->fetch_time != call->now)
    {
      call->fetch_time = call->now;
      call->fetches_at_time = 0;
    }
  if (++call->fetches_at_time > MAX_FETCHES_AT_ONCE)
    {
      call_fail_document (self, call, 11200, "Too many documents requested without any time passing",
                          url, method);
      return;
    }

  /* Relative URLs resolve against the current document's (§6.5). */
  if (call->url != NULL)
    resolved = g_uri_resolve_relative (call->url, url, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    resolved = g_strdup (url);
  if (resolved == NULL || !g_uri_is_valid (resolved, G_URI_FLAGS_NONE, NULL))
    {
      call_fail_document (self, call, 11200, "The URL is not valid", url, method);
      return;
    }

  add_call_params (pairs, call, NULL);
  if (extra != NULL)
    for (guint i = 0; i + 1 < extra->len; i += 2)
      sim_pairs_add (pairs, g_ptr_array_index (extra, i), g_ptr_array_index (extra, i + 1));

  data = g_new0 (FetchData, 1);
  data->fetch_id = ++call->fetch_id;
  data->is_fallback = is_fallback;
  data->call_sid = g_strdup (call->sid);
  data->url = g_strdup (resolved);
  data->method = g_strdup (method != NULL && g_ascii_strcasecmp (method, "GET") == 0 ? "GET" : "POST");
  call->fetching = TRUE;
  call->next_at = 0;
  call->step = STEP_NONE;
  sim_post_webhook (self, account, resolved, data->method, pairs,
                    fetch_done_cb, data, (GDestroyNotify) fetch_data_free);
}

/* Runs inline TwiML (create or update); FALSE when it does not parse. */
static gboolean
call_run_twiml (LiaisonSimServer *self,
                SimCall          *call,
                const char       *twiml)
{
  g_autoptr(GError) error = NULL;
  SimTwiml *doc = sim_twiml_parse (twiml, strlen (twiml), &error);

  if (doc == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Document parse failure: %s", error->message);

      call_fail_document (self, call, 12100, message, NULL, NULL);
      return FALSE;
    }
  call_start_document (self, call, doc);
  return TRUE;
}

/* Verbs */

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

static guint
speech_seconds (const char *text)
{
  return MAX (1, (guint) ceil (count_words (text) / 2.5));
}

/* Seconds a prompt verb (Say, Play, Pause) takes. */
static guint
prompt_seconds (SimTwiml *verb)
{
  gint64 loop = sim_twiml_get_int (verb, "loop", 0, 1000, 1);

  if (loop == 0)
    loop = 1;   /* "forever": once, in simulated time */
  if (g_str_equal (verb->name, "Say"))
    return speech_seconds (verb->text) * loop;
  if (g_str_equal (verb->name, "Play"))
    return 5 * loop;
  if (g_str_equal (verb->name, "Pause"))
    return (guint) sim_twiml_get_int (verb, "length", 0, 600, 1);
  return 0;
}

static void
schedule (SimCall *call,
          SimStep  step,
          gint64   seconds)
{
  call->step = step;
  call->next_at = call->now + MAX (seconds, 0);
  /* 0 is "nothing due": a step at the very epoch waits a second. */
  if (call->next_at == 0)
    call->next_at = 1;
}

static SimInput *
peek_input (SimCall *call)
{
  return g_queue_peek_head (&call->inputs);
}

static void
drop_empty_input (SimCall *call)
{
  SimInput *input = peek_input (call);

  if (input != NULL && input->digits == NULL && input->speech == NULL)
    sim_input_free (g_queue_pop_head (&call->inputs));
}

static void
verb_gather (LiaisonSimServer *self,
             SimCall          *call,
             SimTwiml         *verb)
{
  const char *input_types = sim_twiml_get (verb, "input");
  gboolean dtmf = input_types == NULL || strstr (input_types, "dtmf") != NULL;
  gboolean speech = input_types != NULL && strstr (input_types, "speech") != NULL;
  const char *finish = sim_twiml_get (verb, "finishOnKey");
  gint64 num_digits = sim_twiml_get_int (verb, "numDigits", 1, 1000, 0);
  gint64 timeout = sim_twiml_get_int (verb, "timeout", 1, 600, 5);
  SimInput *input = peek_input (call);
  guint seconds = 0;

  if (finish == NULL)
    finish = "#";
  for (guint i = 0; i < verb->children->len; i++)
    seconds += prompt_seconds (g_ptr_array_index (verb->children, i));

  g_clear_pointer (&call->input_digits, g_free);
  g_clear_pointer (&call->input_speech, g_free);
  if (input != NULL && dtmf && input->digits != NULL)
    {
      GString *digits = g_string_new (NULL);

      for (const char *p = input->digits; *p != '\0'; p++)
        {
          if (*finish != '\0' && strchr (finish, *p) != NULL)
            break;
          g_string_append_c (digits, *p);
          if (num_digits > 0 && (gint64) digits->len >= num_digits)
            break;
        }
      call->input_digits = g_string_free (digits, FALSE);
      g_clear_pointer (&input->digits, g_free);
      seconds += MAX (1, (guint) strlen (call->input_digits));
    }
  else if (input != NULL && speech && input->speech != NULL)
    {
      call->input_speech = g_steal_pointer (&input->speech);
      seconds += speech_seconds (call->input_speech) + 1;
    }
  else
    {
      seconds += timeout;
    }
  drop_empty_input (call);

  call->verb = verb;
  schedule (call, STEP_GATHER_END, seconds);
}

static void
gather_end (LiaisonSimServer *self,
            SimCall          *call)
{
  SimTwiml *verb = call->verb;
  const char *action = sim_twiml_get (verb, "action");
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  gboolean got_input = call->input_digits != NULL || call->input_speech != NULL;

  call->verb = NULL;
  if (!got_input && !sim_twiml_get_bool (verb, "actionOnEmptyResult", FALSE))
    {
      call_run (self, call);
      return;
    }

  if (call->input_speech != NULL)
    {
      sim_pairs_add (extra, "Confidence", "0.9");
      sim_pairs_add (extra, "SpeechResult", call->input_speech);
    }
  else
    {
      sim_pairs_add (extra, "Digits", call->input_digits != NULL ? call->input_digits : "");
      sim_pairs_add (extra, "FinishedOnKey", "");
    }
  call_fetch (self, call, action != NULL ? action : call->url,
              sim_twiml_get (verb, "method"), extra);
}

static void
verb_record (LiaisonSimServer *self,
             SimCall          *call,
             SimTwiml         *verb)
{
  SimInput *input = peek_input (call);
  gint64 max_length = sim_twiml_get_int (verb, "maxLength", 1, 14400, 3600);
  gint64 timeout = sim_twiml_get_int (verb, "timeout", 0, 600, 5);
  const char *finish = sim_twiml_get (verb, "finishOnKey");
  gboolean beep = sim_twiml_get_bool (verb, "playBeep", TRUE);
  guint seconds = beep ? 1 : 0;

  if (finish == NULL)
    finish = "1234567890*#";

  g_clear_pointer (&call->input_digits, g_free);
  g_clear_pointer (&call->input_speech, g_free);
  call->record_duration = 0;
  if (input != NULL && input->speech != NULL)
    {
      call->input_speech = g_steal_pointer (&input->speech);
      call->record_duration = MIN (speech_seconds (call->input_speech), (guint) max_length);
      seconds += call->record_duration;
      /* A finishing key ends it; otherwise the silence timeout does. */
      if (input->digits != NULL && *input->digits != '\0' && strchr (finish, input->digits[0]) != NULL)
        {
          call->input_digits = g_strndup (input->digits, 1);
          g_clear_pointer (&input->digits, g_free);
        }
      else
        {
          seconds += timeout;
        }
    }
  else
    {
      seconds += timeout;
    }
  drop_empty_input (call);

  call->verb = verb;
  schedule (call, STEP_RECORD_END, seconds);
}

static void
record_end (LiaisonSimServer *self,
            SimCall          *call)
{
  SimTwiml *verb = call->verb;
  SimAccount *account = g_hash_table_lookup (self->accounts, call->account_sid);
  const char *action = sim_twiml_get (verb, "action");
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *recording_sid = NULL;
  g_autofree char *duration = NULL;

  call->verb = NULL;
  /* An empty recording skips the action (§3.6). */
  if (call->record_duration == 0 || account == NULL)
    {
      call_run (self, call);
      return;
    }

  {
    SimRecordingSpec spec = {
      .call_sid = call->sid,
      .source = "RecordVerb",
      .duration = call->record_duration,
      .channels = 1,
      .speech = call->input_speech,
      .status_callback = sim_twiml_get (verb, "recordingStatusCallback"),
      .status_callback_method = sim_twiml_get (verb, "recordingStatusCallbackMethod"),
      .transcribe = sim_twiml_get_bool (verb, "transcribe", FALSE)
                    || sim_twiml_get (verb, "transcribeCallback") != NULL,
      .transcribe_callback = sim_twiml_get (verb, "transcribeCallback"),
    };

    recording_sid = sim_recording_create (self, account, &spec);
  }

  duration = g_strdup_printf ("%u", call->record_duration);
  sim_pairs_add (extra, "Digits", call->input_digits != NULL ? call->input_digits : "");
  sim_pairs_add (extra, "RecordingDuration", duration);
  if (recording_sid != NULL)
    {
      g_autofree char *url = recording_url (self, call->account_sid, recording_sid);

      sim_pairs_add (extra, "RecordingSid", recording_sid);
      sim_pairs_add (extra, "RecordingUrl", url);
    }
  call_fetch (self, call, action != NULL ? action : call->url, sim_twiml_get (verb, "method"), extra);
}

/* <Dial> */

static SimTwiml *
dial_noun (SimTwiml *verb)
{
  for (guint i = 0; i < verb->children->len; i++)
    {
      SimTwiml *noun = g_ptr_array_index (verb->children, i);

      if (g_str_equal (noun->name, "Number") || g_str_equal (noun->name, "Client")
          || g_str_equal (noun->name, "Sip") || g_str_equal (noun->name, "Conference")
          || g_str_equal (noun->name, "Queue"))
        return noun;
    }
  return NULL;
}

static guint
parse_events (const char *text)
{
  g_auto(GStrv) words = NULL;
  guint events = 0;

  if (text == NULL)
    return CALL_EVENT_COMPLETED;
  words = g_strsplit_set (text, " ,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "initiated"))
        events |= CALL_EVENT_INITIATED;
      else if (g_str_equal (words[i], "ringing"))
        events |= CALL_EVENT_RINGING;
      else if (g_str_equal (words[i], "answered"))
        events |= CALL_EVENT_ANSWERED;
      else if (g_str_equal (words[i], "completed"))
        events |= CALL_EVENT_COMPLETED;
    }
  return events != 0 ? events : CALL_EVENT_COMPLETED;
}

guint
sim_call_parse_events (GPtrArray  *form,
                       const char *name)
{
  guint events = 0;

  for (guint i = 0; i + 1 < form->len; i += 2)
    if (g_str_equal (g_ptr_array_index (form, i), name))
      events |= parse_events (g_ptr_array_index (form, i + 1));
  /* completed is always sent: alone when no events are given (§3.2), and
   * with the others too [INF]. */
  return events | CALL_EVENT_COMPLETED;
}

static void
verb_dial (LiaisonSimServer *self,
           SimCall          *call,
           SimTwiml         *verb)
{
  SimTwiml *noun = dial_noun (verb);
  const char *target = noun != NULL ? noun->text : verb->text;
  SimCall *child;

  call->verb = verb;
  g_clear_pointer (&call->dial_child_sid, g_free);
  g_clear_pointer (&call->dial_status, g_free);
  call->dial_answered_at = 0;
  call->dial_duration = 0;

  if (noun != NULL && g_str_equal (noun->name, "Conference"))
    {
      if (sim_conference_join (self, call, noun) == NULL)
        {
          call->dial_status = g_strdup ("failed");
          dial_finish (self, call);
          return;
        }
      call->wait = WAIT_CONFERENCE;
      call->dial_answered_at = call->now;
      call->next_at = 0;
      call->step = STEP_NONE;
      return;
    }

  if (noun != NULL && g_str_equal (noun->name, "Queue"))
    {
      SimQueue *queue = sim_queue_find_by_name (self, call->account_sid, noun->text, FALSE);
      SimCall *member = NULL;

      if (queue != NULL && queue->members->len > 0)
        member = sim_voice_find_call (self, g_ptr_array_index (queue->members, 0));
      if (member == NULL)
        {
          /* Nobody waits: the simulator does not hold the dialer [INF]. */
          call->dial_status = g_strdup ("no-answer");
          dial_finish (self, call);
          return;
        }
      sim_queue_remove_member (queue, member->sid, call->now);
      member->wait = WAIT_NONE;
      member->now = call->now;
      member->step = STEP_DIAL_END;
      member->next_at = 0;
      g_free (member->bridged_call_sid);
      member->bridged_call_sid = g_strdup (call->sid);
      call->dial_child_sid = g_strdup (member->sid);
      g_free (call->bridged_call_sid);
      call->bridged_call_sid = g_strdup (member->sid);
      call->dial_answered_at = call->now;
      {
        g_autofree char *outcome = NULL;
        guint duration = 0;

        take_outcome (self, NULL, "answered", &outcome, &duration);
        schedule (call, STEP_DIAL_END, duration);
      }
      return;
    }

  if (target == NULL || *target == '\0'
      || (g_str_equal (noun != NULL ? noun->name : "Number", "Number") && !sim_is_e164 (target)))
    {
      add_notification (self, call, 13223, "Dial: Invalid phone number format", call->url, call->method);
      call->dial_status = g_strdup ("failed");
      dial_finish (self, call);
      return;
    }

  child = call_new (self, call->account_sid, "outbound-dial",
                    sim_twiml_get (verb, "callerId") != NULL ? sim_twiml_get (verb, "callerId") : call->from,
                    target);
  child->parent_call_sid = g_strdup (call->sid);
  child->now = call->now;
  if (noun != NULL && sim_twiml_get (noun, "statusCallback") != NULL)
    {
      child->status_callback = g_strdup (sim_twiml_get (noun, "statusCallback"));
      child->status_callback_method = g_strdup (sim_twiml_get (noun, "statusCallbackMethod"));
      child->events = parse_events (sim_twiml_get (noun, "statusCallbackEvent"));
    }
  take_outcome_speech (self, target, call->dial_outcome, &child->outcome, &child->outcome_duration,
                       &child->default_speech);
  call->dial_child_sid = g_strdup (child->sid);
  call_notify (self, child, CALL_EVENT_INITIATED, "initiated");
  schedule (call, STEP_DIAL_RING, 1);
}

static void
dial_step (LiaisonSimServer *self,
           SimCall          *call,
           SimStep           step)
{
  SimCall *child = sim_voice_find_call (self, call->dial_child_sid);
  SimTwiml *verb = call->verb;

  if (step == STEP_DIAL_END && call->bridged_call_sid != NULL)
    {
      /* The <Dial><Queue> bridge ends: the dequeued caller goes on too. */
      SimCall *member = sim_voice_find_call (self, call->bridged_call_sid);

      call->dial_status = g_strdup ("completed");
      call->dial_duration = (guint) (call->now - call->dial_answered_at);
      g_clear_pointer (&call->bridged_call_sid, g_free);
      if (member != NULL && sim_call_is_live (member))
        {
          g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
          SimTwiml *enqueue = member->enqueue_verb;
          const char *action = enqueue != NULL ? sim_twiml_get (enqueue, "action") : NULL;
          g_autofree char *queue_time = g_strdup_printf ("%" G_GINT64_FORMAT, call->dial_answered_at - member->enqueued_at);

          member->now = call->now;
          member->step = STEP_NONE;
          g_clear_pointer (&member->bridged_call_sid, g_free);
          member->enqueue_verb = NULL;
          if (action != NULL)
            {
              sim_pairs_add (extra, "QueueResult", "bridged");
              sim_pairs_add (extra, "QueueSid", member->queue_sid);
              sim_pairs_add (extra, "QueueTime", queue_time);
              call_fetch (self, member, action, sim_twiml_get (enqueue, "method"), extra);
            }
          else
            {
              call_end (self, member, "completed");
            }
        }
      dial_finish (self, call);
      return;
    }

  if (child == NULL || !sim_call_is_live (child))
    {
      if (call->dial_status == NULL)
        call->dial_status = g_strdup ("failed");
      dial_finish (self, call);
      return;
    }
  child->now = call->now;

  if (step == STEP_DIAL_RING)
    {
      if (g_str_equal (child->outcome, "failed"))
        {
          call_end (self, child, "failed");
          call->dial_status = g_strdup ("failed");
          dial_finish (self, call);
          return;
        }
      call_set_status (child, "ringing");
      call_notify (self, child, CALL_EVENT_RINGING, "ringing");
      if (g_str_equal (child->outcome, "busy"))
        schedule (call, STEP_DIAL_OUTCOME, 2);
      else if (g_str_equal (child->outcome, "no-answer"))
        schedule (call, STEP_DIAL_OUTCOME, sim_twiml_get_int (verb, "timeout", 1, 600, 30));
      else
        schedule (call, STEP_DIAL_OUTCOME, 3);
    }
  else if (step == STEP_DIAL_OUTCOME)
    {
      if (g_str_equal (child->outcome, "answered"))
        {
          call_answer (self, child);
          call->dial_answered_at = call->now;
          schedule (call, STEP_DIAL_END,
                    child->outcome_duration > 0 ? child->outcome_duration : DEFAULT_DIAL_DURATION);
          return;
        }
      call_end (self, child, child->outcome);
      call->dial_status = g_strdup (child->outcome);
      dial_finish (self, call);
    }
  else
    {
      call_end (self, child, "completed");
      call->dial_status = g_strdup ("completed");
      call->dial_duration = (guint) (call->now - call->dial_answered_at);
      dial_finish (self, call);
    }
}

/* The recording of an answered <Dial> @verb that lasted call->dial_duration
 * seconds, when the verb asked for one: its SID, or NULL. */
static char *
dial_record (LiaisonSimServer *self,
             SimCall          *call,
             SimTwiml         *verb)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, call->account_sid);
  const char *record = verb != NULL ? sim_twiml_get (verb, "record") : NULL;
  SimCall *child;

  if (call->dial_answered_at == 0 || account == NULL || record == NULL || g_str_equal (record, "do-not-record")
      || g_str_equal (record, "false") || call->dial_duration == 0)
    return NULL;

  child = sim_voice_find_call (self, call->dial_child_sid);
  {
    SimRecordingSpec spec = {
      .call_sid = call->sid,
      .source = "DialVerb",
      .duration = call->dial_duration,
      .channels = g_str_has_suffix (record, "-dual") ? 2 : 1,
      .speech = call->default_speech,
      .speech_other = child != NULL ? child->default_speech : NULL,
      .status_callback = sim_twiml_get (verb, "recordingStatusCallback"),
      .status_callback_method = sim_twiml_get (verb, "recordingStatusCallbackMethod"),
    };

    return sim_recording_create (self, account, &spec);
  }
}

/* @call leaves its <Dial> @verb before the dialed leg hung up (hung up
 * itself, or redirected): a leg that was bridged was being recorded, and
 * that recording is kept. */
static void
dial_interrupted (LiaisonSimServer *self,
                  SimCall          *call,
                  SimTwiml         *verb)
{
  SimTwiml *noun;
  SimCall *child;
  g_autofree char *recording_sid = NULL;

  if (verb == NULL || !g_str_equal (verb->name, "Dial") || call->dial_answered_at == 0
      || call->bridged_call_sid != NULL || call->conference_sid != NULL)
    return;
  noun = dial_noun (verb);
  if (noun != NULL && (g_str_equal (noun->name, "Conference") || g_str_equal (noun->name, "Queue")))
    return;
  child = sim_voice_find_call (self, call->dial_child_sid);
  if (child == NULL || !g_str_equal (child->status, "in-progress"))
    return;

  call->dial_duration = (guint) (call->now - call->dial_answered_at);
  recording_sid = dial_record (self, call, verb);
}

/* The <Dial> is over (call->dial_status set): its action, or the next verb. */
static void
dial_finish (LiaisonSimServer *self,
             SimCall          *call)
{
  SimTwiml *verb = call->verb;
  const char *action = verb != NULL ? sim_twiml_get (verb, "action") : NULL;
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *recording_sid = NULL;
  g_autofree char *duration = g_strdup_printf ("%u", call->dial_duration);
  gboolean answered = call->dial_answered_at != 0;

  call->verb = NULL;
  call->step = STEP_NONE;
  call->next_at = 0;

  recording_sid = dial_record (self, call, verb);

  if (action == NULL)
    {
      call_run (self, call);
      return;
    }

  sim_pairs_add (extra, "DialBridged", answered ? "true" : "false");
  if (answered)
    sim_pairs_add (extra, "DialCallDuration", duration);
  if (call->dial_child_sid != NULL)
    sim_pairs_add (extra, "DialCallSid", call->dial_child_sid);
  sim_pairs_add (extra, "DialCallStatus", call->dial_status != NULL ? call->dial_status : "failed");
  if (recording_sid != NULL)
    {
      g_autofree char *url = recording_url (self, call->account_sid, recording_sid);

      sim_pairs_add (extra, "RecordingDuration", duration);
      sim_pairs_add (extra, "RecordingSid", recording_sid);
      sim_pairs_add (extra, "RecordingUrl", url);
    }
  call_fetch (self, call, action, sim_twiml_get (verb, "method"), extra);
}

static void
verb_enqueue (LiaisonSimServer *self,
              SimCall          *call,
              SimTwiml         *verb)
{
  SimQueue *queue = sim_queue_find_by_name (self, call->account_sid, verb->text, TRUE);
  const char *action = sim_twiml_get (verb, "action");

  if (queue == NULL || (gint64) queue->members->len >= queue->max_size)
    {
      g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);

      if (action == NULL)
        {
          call_run (self, call);
          return;
        }
      sim_pairs_add (extra, "QueueResult", queue != NULL ? "queue-full" : "error");
      if (queue != NULL)
        sim_pairs_add (extra, "QueueSid", queue->sid);
      sim_pairs_add (extra, "QueueTime", "0");
      call_fetch (self, call, action, sim_twiml_get (verb, "method"), extra);
      return;
    }

  g_ptr_array_add (queue->members, g_strdup (call->sid));
  {
    gint64 *at = g_new (gint64, 1);

    *at = call->now;
    g_hash_table_replace (queue->enqueued_at, g_strdup (call->sid), at);
  }
  queue->date_updated = call->now;
  g_free (call->queue_sid);
  call->queue_sid = g_strdup (queue->sid);
  call->enqueued_at = call->now;
  call->enqueue_verb = verb;
  call->wait = WAIT_QUEUE;
  call->step = STEP_NONE;
  call->next_at = 0;
}

/* Runs verbs until one takes time, waits or requests a document. */
static void
call_run (LiaisonSimServer *self,
          SimCall          *call)
{
  while (sim_call_is_live (call) && !call->fetching)
    {
      SimTwiml *verb;

      if (call->doc == NULL || call->pc >= call->doc->children->len)
        {
          /* The document ran out: Twilio hangs up. */
          call_end (self, call, "completed");
          return;
        }
      verb = g_ptr_array_index (call->doc->children, call->pc++);

      if (g_str_equal (verb->name, "Say") || g_str_equal (verb->name, "Play")
          || g_str_equal (verb->name, "Pause"))
        {
          schedule (call, STEP_RUN, prompt_seconds (verb));
          return;
        }
      else if (g_str_equal (verb->name, "Hangup"))
        {
          call_end (self, call, "completed");
          return;
        }
      else if (g_str_equal (verb->name, "Reject"))
        {
          call_end (self, call, call->start_time != 0 ? "completed" : "busy");
          return;
        }
      else if (g_str_equal (verb->name, "Redirect"))
        {
          if (verb->text == NULL || *verb->text == '\0')
            {
              call_fail_document (self, call, 12100, "Redirect needs a URL", call->url, call->method);
              return;
            }
          call_fetch (self, call, verb->text, sim_twiml_get (verb, "method"), NULL);
          return;
        }
      else if (g_str_equal (verb->name, "Gather"))
        {
          verb_gather (self, call, verb);
          return;
        }
      else if (g_str_equal (verb->name, "Record"))
        {
          verb_record (self, call, verb);
          return;
        }
      else if (g_str_equal (verb->name, "Dial"))
        {
          verb_dial (self, call, verb);
          return;
        }
      else if (g_str_equal (verb->name, "Enqueue"))
        {
          verb_enqueue (self, call, verb);
          return;
        }
      /* Leave, Start, Stop, Sms and unknown verbs: nothing to simulate. */
    }
}

void
sim_call_resume (LiaisonSimServer *self,
                 SimCall          *call,
                 const char       *url,
                 const char       *method)
{
  SimTwiml *verb = call->verb;

  if (!sim_call_is_live (call))
    return;
  call->now = MAX (call->now, self->clock);
  call->wait = WAIT_NONE;
  call->step = STEP_NONE;
  call->next_at = 0;
  call->enqueue_verb = NULL;

  if (url != NULL)
    {
      call->verb = NULL;
      call_fetch (self, call, url, method, NULL);
      return;
    }
  if (verb != NULL && g_str_equal (verb->name, "Dial"))
    {
      /* Out of a conference: the <Dial> is over. */
      g_free (call->dial_status);
      call->dial_status = g_strdup ("completed");
      if (call->dial_answered_at == 0)
        call->dial_answered_at = call->now;
      call->dial_duration = (guint) (call->now - call->dial_answered_at);
      dial_finish (self, call);
      return;
    }
  call->verb = NULL;
  call_run (self, call);
}

/* Ticks */

static void
call_step (LiaisonSimServer *self,
           SimCall          *call)
{
  SimStep step = call->step;

  call->now = call->next_at;
  call->next_at = 0;
  call->step = STEP_NONE;

  switch (step)
    {
    case STEP_INITIATE:
      call_notify (self, call, CALL_EVENT_INITIATED, "initiated");
      if (g_str_equal (call->outcome, "failed"))
        {
          call_end (self, call, "failed");
          return;
        }
      schedule (call, STEP_RING, 1);
      break;

    case STEP_RING:
      call_set_status (call, "ringing");
      call_notify (self, call, CALL_EVENT_RINGING, "ringing");
      if (call->conference_sid != NULL)
        sim_conference_participant_ringing (self, call);
      if (g_str_equal (call->outcome, "busy"))
        schedule (call, STEP_OUTCOME, 2);
      else if (g_str_equal (call->outcome, "no-answer"))
        schedule (call, STEP_OUTCOME, call->timeout);
      else
        schedule (call, STEP_OUTCOME, 3);
      break;

    case STEP_OUTCOME:
      if (!g_str_equal (call->outcome, "answered"))
        {
          call_end (self, call, call->outcome);
          return;
        }
      call_answer (self, call);
      if (call->doc != NULL)
        call_run (self, call);
      else if (call->url != NULL)
        {
          g_autofree char *url = g_strdup (call->url);

          g_clear_pointer (&call->url, g_free);
          call_fetch (self, call, url, call->method, NULL);
        }
      else
        call_end (self, call, "completed");
      break;

    case STEP_RUN:
      call_run (self, call);
      break;

    case STEP_GATHER_END:
      gather_end (self, call);
      break;

    case STEP_RECORD_END:
      record_end (self, call);
      break;

    case STEP_DIAL_RING:
    case STEP_DIAL_OUTCOME:
    case STEP_DIAL_END:
      dial_step (self, call, step);
      break;

    case STEP_NONE:
    default:
      break;
    }
}

void
sim_call_run_due (LiaisonSimServer *self)
{
  SimVoice *voice = sim_voice_get (self);

  for (;;)
    {
      SimCall *due = NULL;

      for (guint i = 0; i < voice->calls->len; i++)
        {
          SimCall *call = g_ptr_array_index (voice->calls, i);

          if (call->next_at != 0 && call->next_at <= self->clock && !call->fetching
              && (due == NULL || call->next_at < due->next_at))
            due = call;
        }
      if (due == NULL)
        return;
      call_step (self, due);
    }
}

static void
voice_tick (LiaisonSimServer *self)
{
  sim_call_run_due (self);
  sim_voice_sync (self);
}

/* REST: Calls */

static gboolean
check_account (SoupServerMessage *msg,
               SimAccount        *account,
               GMatchInfo        *match)
{
  g_autofree char *account_sid = g_match_info_fetch (match, 1);

  if (!g_str_equal (account_sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return FALSE;
    }
  return TRUE;
}

static gboolean
valid_callback_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 || g_strcmp0 (g_uri_get_scheme (uri), "https") == 0);
}

static gboolean
valid_destination (const char *to)
{
  return sim_is_e164 (to) || (to != NULL && (g_str_has_prefix (to, "client:") || g_str_has_prefix (to, "sip:"))
                              && strlen (to) > 7);
}

SimCall *
sim_call_create_outbound (LiaisonSimServer *self,
                          SimAccount       *account,
                          const char       *to,
                          const char       *from,
                          const char       *twiml,
                          gint              timeout,
                          const char       *status_callback,
                          const char       *status_callback_method,
                          guint             events)
{
  SimCall *call = call_new (self, account->sid, "outbound-api", from, to);
  g_autoptr(GError) error = NULL;

  call->timeout = timeout;
  call->status_callback = g_strdup (status_callback);
  call->status_callback_method = g_strdup (status_callback_method);
  call->events = events;
  if (twiml != NULL)
    call->doc = sim_twiml_parse (twiml, strlen (twiml), &error);
  take_outcome_speech (self, to, NULL, &call->outcome, &call->outcome_duration, &call->default_speech);
  schedule (call, STEP_INITIATE, 0);
  return call;
}

static void
handle_calls_create (LiaisonSimServer  *self,
                     SoupServerMessage *msg,
                     SimAccount        *account,
                     GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = NULL;
  const char *to, *from, *url, *twiml, *method, *status_callback, *channels;
  SimCall *call;
  guint events = 0;
  gint64 timeout;
  g_autoptr(SimTwiml) doc = NULL;

  if (!check_account (msg, account, match))
    return;
  form = sim_request_form (msg);
  to = sim_form_get (form, "To");
  from = sim_form_get (form, "From");
  url = sim_form_get (form, "Url");
  twiml = sim_form_get (form, "Twiml");
  method = sim_form_get (form, "Method");
  status_callback = sim_form_get (form, "StatusCallback");
  channels = sim_form_get (form, "RecordingChannels");

  if (to == NULL || *to == '\0')
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21201, "No 'To' number is specified");
      return;
    }
  if (from == NULL || *from == '\0')
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21213, "No 'From' number is specified");
      return;
    }
  if ((url == NULL || *url == '\0') && (twiml == NULL || *twiml == '\0')
      && sim_form_get (form, "ApplicationSid") == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21205, "Url, Twiml or ApplicationSid is required");
      return;
    }
  if (url != NULL && *url != '\0' && !valid_callback_url (url))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21205, "Url is not a valid URL");
      return;
    }
  if (url != NULL && *url == '\0')
    url = NULL;
  if (twiml != NULL && g_utf8_strlen (twiml, -1) > 4000)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21230, "Twiml exceeds 4000 characters");
      return;
    }
  if (!valid_callback_url (sim_form_get (form, "FallbackUrl")))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21205, "FallbackUrl is not a valid URL");
      return;
    }
  if (!valid_callback_url (status_callback) || !valid_callback_url (sim_form_get (form, "RecordingStatusCallback")))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21609, "Invalid StatusCallback");
      return;
    }
  if (method != NULL && g_ascii_strcasecmp (method, "GET") != 0 && g_ascii_strcasecmp (method, "POST") != 0)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21207, "Method must be GET or POST");
      return;
    }
  if (!sim_form_get_int (form, "Timeout", 1, 600, 60, &timeout))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Timeout must be between 1 and 600");
      return;
    }
  if (channels != NULL && !g_str_equal (channels, "mono") && !g_str_equal (channels, "dual"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "RecordingChannels must be mono or dual");
      return;
    }

  /* Magic numbers (TWILIO.md §7), then ordinary validation. */
  if (g_str_equal (to, "+15005550001"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21217, "Phone number does not appear to be valid");
      return;
    }
  if (g_str_equal (to, "+15005550002"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21214, "'To' phone number cannot be reached");
      return;
    }
  if (g_str_equal (to, "+15005550003"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21215,
                         "Geo Permission configuration is not permitting call");
      return;
    }
  if (g_str_equal (to, "+15005550004"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21216, "Call blocked by Twilio blocklist");
      return;
    }
  if (!valid_destination (to))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21211, "Invalid 'To' Phone Number");
      return;
    }
  if (g_str_equal (from, "+15005550001") || !valid_destination (from))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "Invalid From Number (caller ID)");
      return;
    }

  /* Twiml is ignored when Url is given (§3.2). */
  if (url == NULL && twiml != NULL)
    {
      g_autoptr(GError) error = NULL;

      doc = sim_twiml_parse (twiml, strlen (twiml), &error);
      if (doc == NULL)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 12100, "Document parse failure: Twiml is not valid TwiML");
          return;
        }
    }

  events = sim_call_parse_events (form, "StatusCallbackEvent");

  call = call_new (self, account->sid, "outbound-api", from, to);
  call->timeout = (gint) timeout;
  call->status_callback = status_callback != NULL && *status_callback != '\0' ? g_strdup (status_callback) : NULL;
  call->status_callback_method = g_strdup (sim_form_get (form, "StatusCallbackMethod"));
  call->events = events;
  call->url = g_strdup (url);
  call->method = g_strdup (method);
  call->fallback_url = g_strdup (sim_form_get (form, "FallbackUrl"));
  call->fallback_method = g_strdup (sim_form_get (form, "FallbackMethod"));
  call->doc = g_steal_pointer (&doc);
  call->record = g_strcmp0 (sim_form_get (form, "Record"), "true") == 0;
  call->recording_channels = g_strcmp0 (channels, "dual") == 0 ? 2 : 1;
  call->recording_status_callback = g_strdup (sim_form_get (form, "RecordingStatusCallback"));
  call->recording_status_callback_method = g_strdup (sim_form_get (form, "RecordingStatusCallbackMethod"));
  take_outcome_speech (self, to, NULL, &call->outcome, &call->outcome_duration, &call->default_speech);
  schedule (call, STEP_INITIATE, 0);

  LIAISON_DEBUG_MASKED (call->sid, "Call %s created");
  respond_call (msg, SOUP_STATUS_CREATED, call);
}

static SimCall *
lookup_call (LiaisonSimServer  *self,
             SoupServerMessage *msg,
             SimAccount        *account,
             GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 2);
  SimCall *call;

  if (!check_account (msg, account, match))
    return NULL;
  call = sim_voice_find_call (self, sid);
  if (call == NULL || !g_str_equal (call->account_sid, account->sid))
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return NULL;
    }
  return call;
}

static void
handle_call_fetch (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  SimCall *call = lookup_call (self, msg, account, match);

  if (call != NULL)
    respond_call (msg, SOUP_STATUS_OK, call);
}

static void
handle_call_update (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match)
{
  SimCall *call = lookup_call (self, msg, account, match);
  g_autoptr(GPtrArray) form = NULL;
  const char *status, *url, *twiml, *method, *status_callback;

  if (call == NULL)
    return;
  form = sim_request_form (msg);
  status = sim_form_get (form, "Status");
  url = sim_form_get (form, "Url");
  twiml = sim_form_get (form, "Twiml");
  method = sim_form_get (form, "Method");
  status_callback = sim_form_get (form, "StatusCallback");

  if (status != NULL && !g_str_equal (status, "canceled") && !g_str_equal (status, "completed"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Status must be canceled or completed");
      return;
    }
  if (url != NULL && !valid_callback_url (url))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21205, "Url is not a valid URL");
      return;
    }
  if (!valid_callback_url (status_callback))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21609, "Invalid StatusCallback");
      return;
    }
  if (!sim_call_is_live (call))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21220,
                         "Call is not in-progress. Cannot redirect.");
      return;
    }
  if (twiml != NULL && url == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SimTwiml) doc = sim_twiml_parse (twiml, strlen (twiml), &error);

      if (doc == NULL)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 12100, "Document parse failure: Twiml is not valid TwiML");
          return;
        }
    }

  call->now = MAX (call->now, self->clock);
  if (status_callback != NULL)
    {
      g_free (call->status_callback);
      call->status_callback = g_strdup (status_callback);
    }

  if (status != NULL)
    {
      gboolean answered = g_str_equal (call->status, "in-progress");

      /* canceled ends a call not answered yet and leaves one in progress
       * alone; completed ends either (§3.1). */
      if (!answered)
        call_end (self, call, "canceled");
      else if (g_str_equal (status, "completed"))
        call_end (self, call, "completed");
    }
  else if (url != NULL || twiml != NULL)
    {
      if (!g_str_equal (call->status, "in-progress"))
        {
          /* Not answered yet: the new document runs once it is. */
          if (url != NULL)
            {
              g_free (call->url);
              call->url = g_strdup (url);
              g_free (call->method);
              call->method = g_strdup (method);
              g_clear_pointer (&call->doc, sim_twiml_free);
            }
          else
            {
              sim_twiml_free (call->doc);
              call->doc = sim_twiml_parse (twiml, strlen (twiml), NULL);
            }
        }
      else
        {
          /* Out of whatever it was doing. */
          if (call->wait == WAIT_QUEUE || call->conference_sid != NULL)
            {
              SimVoice *voice = sim_voice_get (self);

              if (call->conference_sid != NULL)
                sim_conference_leave (self, call, FALSE);
              for (guint i = 0; call->queue_sid != NULL && i < voice->queues->len; i++)
                if (g_str_equal (((SimQueue *) g_ptr_array_index (voice->queues, i))->sid, call->queue_sid))
                  sim_queue_remove_member (g_ptr_array_index (voice->queues, i), call->sid, call->now);
            }
          call->wait = WAIT_NONE;
          dial_interrupted (self, call, call->verb);
          end_dial_child (self, call, "completed");
          call->verb = NULL;
          call->step = STEP_NONE;
          call->next_at = 0;
          call->fetching = FALSE;
          if (url != NULL)
            call_fetch (self, call, url, method, NULL);
          else
            call_run_twiml (self, call, twiml);
        }
    }
  call->date_updated = call->now;

  respond_call (msg, SOUP_STATUS_OK, call);
  sim_call_run_due (self);
}

static void
handle_call_delete (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match)
{
  SimCall *call = lookup_call (self, msg, account, match);
  SimVoice *voice = sim_voice_get (self);

  if (call == NULL)
    return;
  if (sim_call_is_live (call))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21220, "A call in progress cannot be deleted");
      return;
    }
  sim_voice_db_delete (self, call->sid);
  g_hash_table_remove (voice->calls_by_sid, call->sid);
  g_ptr_array_remove (voice->calls, call);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" → Unix seconds, or -1. */
static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL)
    return -1;
  if (strlen (text) == 10)
    iso = g_strconcat (text, "T00:00:00Z", NULL);
  else
    iso = g_strdup (text);
  date_time = g_date_time_new_from_iso8601 (iso, NULL);
  return date_time != NULL ? g_date_time_to_unix (date_time) : -1;
}

static void
append_filter (GString    *filters,
               const char *name,
               const char *value)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (filters, "%s=%s&", escaped_name, escaped);
}

static void
handle_calls_list (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  static const char * const time_filters[] = {
    "StartTime", "StartTime<", "StartTime>", "EndTime", "EndTime<", "EndTime>",
  };
  static const char * const text_filters[] = { "To", "From", "Status", "ParentCallSid" };
  g_autoptr(GPtrArray) query = NULL;
  g_autoptr(GString) filters = g_string_new (NULL);
  SimVoice *voice = sim_voice_get (self);
  JsonArray *items;
  SimPaging paging;
  gint64 times[G_N_ELEMENTS (time_filters)];
  gint64 skip;
  gint64 last_seq = 0;
  gboolean has_more = FALSE;

  if (!check_account (msg, account, match))
    return;
  query = sim_request_query (msg);
  if (!sim_paging_parse (msg, query, &paging))
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (text_filters); i++)
    if (sim_form_get (query, text_filters[i]) != NULL)
      append_filter (filters, text_filters[i], sim_form_get (query, text_filters[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (time_filters); i++)
    {
      const char *value = sim_form_get (query, time_filters[i]);

      times[i] = -1;
      if (value == NULL)
        continue;
      times[i] = parse_time (value);
      if (times[i] < 0)
        {
          g_autofree char *message = g_strdup_printf ("Invalid %s", time_filters[i]);

          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, message);
          return;
        }
      append_filter (filters, time_filters[i], value);
    }

  items = json_array_new ();
  skip = paging.after_seq >= 0 ? 0 : paging.page * paging.page_size;
  for (guint i = voice->calls->len; i > 0; i--)
    {
      SimCall *call = g_ptr_array_index (voice->calls, i - 1);
      const char *to = sim_form_get (query, "To");
      const char *from = sim_form_get (query, "From");
      const char *status = sim_form_get (query, "Status");
      const char *parent = sim_form_get (query, "ParentCallSid");
      gint64 start = call->start_time != 0 ? call->start_time : call->date_created;
      gboolean whole_day;

      if (!g_str_equal (call->account_sid, account->sid))
        continue;
      if (paging.after_seq >= 0 && call->seq >= paging.after_seq)
        continue;
      if ((to != NULL && g_strcmp0 (call->to, to) != 0) || (from != NULL && g_strcmp0 (call->from, from) != 0)
          || (status != NULL && g_strcmp0 (call->status, status) != 0)
          || (parent != NULL && g_strcmp0 (call->parent_call_sid, parent) != 0))
        continue;
      /* A day alone is the whole day; < and > are on-or-before and on-or-after. */
      whole_day = sim_form_get (query, "StartTime") != NULL && strlen (sim_form_get (query, "StartTime")) == 10;
      if (times[0] >= 0 && (whole_day ? (start < times[0] || start >= times[0] + 86400) : start != times[0]))
        continue;
      if (times[1] >= 0 && start > times[1] + (strlen (sim_form_get (query, "StartTime<")) == 10 ? 86399 : 0))
        continue;
      if (times[2] >= 0 && start < times[2])
        continue;
      if ((times[3] >= 0 || times[4] >= 0 || times[5] >= 0) && call->end_time == 0)
        continue;
      if (times[3] >= 0 && (call->end_time < times[3] || call->end_time >= times[3] + 86400))
        continue;
      if (times[4] >= 0 && call->end_time > times[4] + (strlen (sim_form_get (query, "EndTime<")) == 10 ? 86399 : 0))
        continue;
      if (times[5] >= 0 && call->end_time < times[5])
        continue;

      if (skip > 0)
        {
          skip--;
          continue;
        }
      if ((gint64) json_array_get_length (items) == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();

        build_call (builder, call);
        json_array_add_element (items, json_builder_get_root (builder));
        last_seq = call->seq;
      }
    }

  sim_respond_page (self, msg, &paging, FALSE, "calls", items, has_more, last_seq, filters->str);
}

static void
build_notification (JsonBuilder     *builder,
                    SimNotification *notification)
{
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Calls/%s/Notifications/%s.json",
                                          notification->account_sid, notification->call_sid,
                                          notification->sid);
  g_autofree char *code = g_strdup_printf ("%d", notification->error_code);
  g_autofree char *more_info = g_strdup_printf (ERROR_INFO_URL, notification->error_code);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", notification->account_sid);
  sim_add_string_or_null (builder, "api_version", "2010-04-01");
  sim_add_string_or_null (builder, "call_sid", notification->call_sid);
  sim_add_date_member (builder, "date_created", notification->date);
  sim_add_date_member (builder, "date_updated", notification->date);
  sim_add_string_or_null (builder, "error_code", code);
  sim_add_string_or_null (builder, "log", "0");
  sim_add_date_member (builder, "message_date", notification->date);
  sim_add_string_or_null (builder, "message_text", notification->message);
  sim_add_string_or_null (builder, "more_info", more_info);
  sim_add_string_or_null (builder, "request_method", notification->request_method);
  sim_add_string_or_null (builder, "request_url", notification->request_url);
  sim_add_string_or_null (builder, "sid", notification->sid);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
handle_call_notifications_list (LiaisonSimServer  *self,
                                SoupServerMessage *msg,
                                SimAccount        *account,
                                GMatchInfo        *match)
{
  SimCall *call = lookup_call (self, msg, account, match);
  g_autoptr(GPtrArray) query = NULL;
  SimVoice *voice = sim_voice_get (self);
  JsonArray *items;
  SimPaging paging;
  gint64 skip;
  gint64 last_seq = 0;
  gboolean has_more = FALSE;

  if (call == NULL)
    return;
  query = sim_request_query (msg);
  if (!sim_paging_parse (msg, query, &paging))
    return;

  items = json_array_new ();
  skip = paging.after_seq >= 0 ? 0 : paging.page * paging.page_size;
  for (guint i = voice->notifications->len; i > 0; i--)
    {
      SimNotification *notification = g_ptr_array_index (voice->notifications, i - 1);
      g_autoptr(JsonBuilder) builder = NULL;

      if (!g_str_equal (notification->call_sid, call->sid)
          || (paging.after_seq >= 0 && notification->seq >= paging.after_seq))
        continue;
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if ((gint64) json_array_get_length (items) == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      builder = json_builder_new ();
      build_notification (builder, notification);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = notification->seq;
    }
  sim_respond_page (self, msg, &paging, FALSE, "notifications", items, has_more, last_seq, NULL);
}

static void
handle_call_notification_fetch (LiaisonSimServer  *self,
                                SoupServerMessage *msg,
                                SimAccount        *account,
                                GMatchInfo        *match)
{
  SimCall *call = lookup_call (self, msg, account, match);
  g_autofree char *sid = NULL;
  SimVoice *voice = sim_voice_get (self);

  if (call == NULL)
    return;
  sid = g_match_info_fetch (match, 3);
  for (guint i = 0; i < voice->notifications->len; i++)
    {
      SimNotification *notification = g_ptr_array_index (voice->notifications, i);

      if (g_str_equal (notification->sid, sid) && g_str_equal (notification->call_sid, call->sid))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          build_notification (builder, notification);
          root = json_builder_get_root (builder);
          sim_respond_json (msg, SOUP_STATUS_OK, root);
          return;
        }
    }
  sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
}

/* Control API */

static gboolean
valid_outcome (const char *outcome)
{
  return outcome != NULL && (g_str_equal (outcome, "answered") || g_str_equal (outcome, "busy")
                             || g_str_equal (outcome, "no-answer") || g_str_equal (outcome, "failed"));
}

static void
control_inbound_call (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      GPtrArray         *form)
{
  const char *from = sim_form_get (form, "From");
  const char *to = sim_form_get (form, "To");
  const char *digits = sim_form_get (form, "Digits");
  const char *speech = sim_form_get (form, "Speech");
  const char *dial_outcome = sim_form_get (form, "DialOutcome");
  g_autoptr(SimNumber) number = NULL;
  g_autoptr(JsonNode) root = NULL;
  SimAccount *account;
  SimCall *call;

  if (!valid_destination (from))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "From is invalid");
      return;
    }
  if (dial_outcome != NULL && !valid_outcome (dial_outcome))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "DialOutcome must be answered, busy, no-answer or failed");
      return;
    }
  number = sim_db_number_get (self, to);
  if (number == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "To is not a registered number; POST /_sim/numbers first");
      return;
    }
  if (number->voice_url == NULL || *number->voice_url == '\0')
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21205, "The number has no VoiceUrl; POST /_sim/numbers VoiceUrl=…");
      return;
    }
  account = g_hash_table_lookup (self->accounts, number->account_sid);
  if (account == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "The number's account is gone");
      return;
    }

  call = call_new (self, account->sid, "inbound", from, to);
  call->phone_number_sid = g_strdup (number->sid);
  if (number->voice_fallback_url != NULL && *number->voice_fallback_url != '\0')
    call->fallback_url = g_strdup (number->voice_fallback_url);
  call->status_callback = number->status_callback != NULL && *number->status_callback != '\0'
                          ? g_strdup (number->status_callback) : NULL;
  call->status_callback_method = g_strdup (number->status_callback_method);
  call->default_speech = g_strdup (speech);
  call->dial_outcome = g_strdup (dial_outcome);
  if (digits != NULL || speech != NULL)
    {
      SimInput *input = g_new0 (SimInput, 1);

      input->digits = g_strdup (digits);
      input->speech = g_strdup (speech);
      g_queue_push_tail (&call->inputs, input);
    }
  call_set_status (call, "ringing");
  LIAISON_DEBUG_MASKED (call->sid, "Inbound call %s");
  call_fetch (self, call, number->voice_url, number->voice_method, NULL);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, json_object_new ());
  json_object_set_string_member (json_node_get_object (root), "sid", call->sid);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
control_dial_outcome (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      GPtrArray         *form)
{
  const char *outcome = sim_form_get (form, "outcome");
  const char *to = sim_form_get (form, "To");
  SimDialOutcome *entry;
  gint64 duration;

  if (!valid_outcome (outcome))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "outcome must be answered, busy, no-answer or failed");
      return;
    }
  if (!sim_form_get_int (form, "duration", 0, 86400, DEFAULT_DIAL_DURATION, &duration))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "duration must be 0–86400 seconds");
      return;
    }
  if (to != NULL && !valid_destination (to))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21211, "To is invalid");
      return;
    }

  entry = g_new0 (SimDialOutcome, 1);
  entry->outcome = g_strdup (outcome);
  entry->duration = (guint) duration;
  entry->to = g_strdup (to);
  entry->speech = g_strdup (sim_form_get (form, "Speech"));
  g_queue_push_tail (&sim_voice_get (self)->dial_outcomes, entry);
  sim_respond_ok (msg);
}

static void
control_input (LiaisonSimServer  *self,
               SoupServerMessage *msg,
               GPtrArray         *form)
{
  SimCall *call = sim_voice_find_call (self, sim_form_get (form, "CallSid"));
  const char *digits = sim_form_get (form, "Digits");
  const char *speech = sim_form_get (form, "Speech");
  SimInput *input;

  if (call == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "No such call");
      return;
    }
  if (digits == NULL && speech == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Digits or Speech is required");
      return;
    }
  input = g_new0 (SimInput, 1);
  input->digits = g_strdup (digits);
  input->speech = g_strdup (speech);
  g_queue_push_tail (&call->inputs, input);
  sim_respond_ok (msg);
}

static void
control_reset (LiaisonSimServer  *self,
               SoupServerMessage *msg,
               GPtrArray         *form)
{
  g_queue_clear_full (&sim_voice_get (self)->dial_outcomes, (GDestroyNotify) sim_dial_outcome_free);
  sim_respond_ok (msg);
}

/* Routes (conference and queue handlers live in liaison-sim-conferences.c) */

#define CALLS_PATH       "^" API_VERSION_PATH "/Accounts/([^/]+)/Calls"
#define CONFERENCES_PATH "^" API_VERSION_PATH "/Accounts/([^/]+)/Conferences"
#define QUEUES_PATH      "^" API_VERSION_PATH "/Accounts/([^/]+)/Queues"

/* Every change is written once the request is answered (sim_voice_sync). */
#define SYNCED_ROUTE(handler) \
  static void \
  handler##_synced (LiaisonSimServer  *self, \
                    SoupServerMessage *msg, \
                    SimAccount        *account, \
                    GMatchInfo        *match) \
  { \
    handler (self, msg, account, match); \
    sim_voice_sync (self); \
  }

#define SYNCED_CONTROL(handler) \
  static void \
  handler##_synced (LiaisonSimServer  *self, \
                    SoupServerMessage *msg, \
                    GPtrArray         *form) \
  { \
    handler (self, msg, form); \
    sim_voice_sync (self); \
  }

SYNCED_ROUTE (handle_calls_create)
SYNCED_ROUTE (handle_call_update)
SYNCED_ROUTE (handle_call_delete)
SYNCED_ROUTE (sim_handle_conference_update)
SYNCED_ROUTE (sim_handle_participants_create)
SYNCED_ROUTE (sim_handle_participant_update)
SYNCED_ROUTE (sim_handle_participant_delete)
SYNCED_ROUTE (sim_handle_queues_create)
SYNCED_ROUTE (sim_handle_queue_update)
SYNCED_ROUTE (sim_handle_queue_delete)
SYNCED_ROUTE (sim_handle_member_update)
SYNCED_CONTROL (control_inbound_call)

static const SimRoute voice_routes[] = {
  { "calls-create", "POST", CALLS_PATH "\\.json$", handle_calls_create_synced },
  { "calls-list", "GET", CALLS_PATH "\\.json$", handle_calls_list },
  { "call-fetch", "GET", CALLS_PATH "/([^/]+)\\.json$", handle_call_fetch },
  { "call-update", "POST", CALLS_PATH "/([^/]+)\\.json$", handle_call_update_synced },
  { "call-delete", "DELETE", CALLS_PATH "/([^/]+)\\.json$", handle_call_delete_synced },
  { "call-notifications-list", "GET", CALLS_PATH "/([^/]+)/Notifications\\.json$",
    handle_call_notifications_list },
  { "call-notification-fetch", "GET", CALLS_PATH "/([^/]+)/Notifications/([^/]+)\\.json$",
    handle_call_notification_fetch },
  { "conferences-list", "GET", CONFERENCES_PATH "\\.json$", sim_handle_conferences_list },
  { "conference-fetch", "GET", CONFERENCES_PATH "/([^/]+)\\.json$", sim_handle_conference_fetch },
  { "conference-update", "POST", CONFERENCES_PATH "/([^/]+)\\.json$", sim_handle_conference_update_synced },
  { "participants-list", "GET", CONFERENCES_PATH "/([^/]+)/Participants\\.json$",
    sim_handle_participants_list },
  { "participants-create", "POST", CONFERENCES_PATH "/([^/]+)/Participants\\.json$",
    sim_handle_participants_create_synced },
  { "participant-fetch", "GET", CONFERENCES_PATH "/([^/]+)/Participants/([^/]+)\\.json$",
    sim_handle_participant_fetch },
  { "participant-update", "POST", CONFERENCES_PATH "/([^/]+)/Participants/([^/]+)\\.json$",
    sim_handle_participant_update_synced },
  { "participant-delete", "DELETE", CONFERENCES_PATH "/([^/]+)/Participants/([^/]+)\\.json$",
    sim_handle_participant_delete_synced },
  { "queues-create", "POST", QUEUES_PATH "\\.json$", sim_handle_queues_create_synced },
  { "queues-list", "GET", QUEUES_PATH "\\.json$", sim_handle_queues_list },
  { "queue-fetch", "GET", QUEUES_PATH "/([^/]+)\\.json$", sim_handle_queue_fetch },
  { "queue-update", "POST", QUEUES_PATH "/([^/]+)\\.json$", sim_handle_queue_update_synced },
  { "queue-delete", "DELETE", QUEUES_PATH "/([^/]+)\\.json$", sim_handle_queue_delete_synced },
  { "members-list", "GET", QUEUES_PATH "/([^/]+)/Members\\.json$", sim_handle_members_list },
  { "member-fetch", "GET", QUEUES_PATH "/([^/]+)/Members/([^/]+)\\.json$", sim_handle_member_fetch },
  { "member-update", "POST", QUEUES_PATH "/([^/]+)/Members/([^/]+)\\.json$", sim_handle_member_update_synced },
};

static const SimControlRoute voice_control_routes[] = {
  { "POST", "/_sim/inbound/call", control_inbound_call_synced },
  { "POST", "/_sim/calls/dial-outcome", control_dial_outcome },
  { "POST", "/_sim/calls/input", control_input },
  { "POST", "/_sim/calls/reset", control_reset },
};

const SimModule sim_voice_module = {
  .name = "voice",
  .schema = VOICE_SCHEMA,
  .routes = voice_routes,
  .n_routes = G_N_ELEMENTS (voice_routes),
  .control_routes = voice_control_routes,
  .n_control_routes = G_N_ELEMENTS (voice_control_routes),
  .tick = voice_tick,
  .finalize = voice_finalize,
};
