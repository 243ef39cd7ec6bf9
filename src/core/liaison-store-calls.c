/* liaison-store-calls.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-calls"

#include "config.h"

#include "liaison-store-private.h"
#include "liaison-call-private.h"
#include "liaison-log.h"
#include "liaison-recording-private.h"
#include "liaison-voicemail-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <string.h>

/*
 * The call history (schema 3): calls, recordings, transcripts, summaries,
 * voicemails and legal hold. As elsewhere in the store, each function has an
 * _async half on the caller's thread, which copies its arguments, and a
 * worker half (…_work) that runs the SQL on the store's worker thread.
 *
 * Everything here may come from outside (webhooks through the relay, the
 * Calls and Recordings lists): SIDs are checked, unknown statuses are kept
 * but never overwrite a known one, and nothing is asserted on.
 *
 * Listing is by key, newest first, (started_at, id) < cursor, each filter
 * with its own index (named with INDEXED BY, so that a plan without it is an
 * error rather than a slow scan).
 */

#define MAX_PAGE 1000

#define LIAISON_STORE_CALL_COLUMNS \
  "c.id, c.sid, c.parent_sid, c.direction, c.from_number, c.to_number, c.remote_number, " \
  "c.our_number, c.contact_id, co.display_name, c.thread_id, c.status, c.started_at, " \
  "c.answered_at, c.ended_at, c.duration_s, c.answered_by, c.error_code, c.error_message, " \
  "c.is_missed, c.legal_hold, " \
  "(SELECT r.sid FROM recordings r WHERE r.id = " \
  " (SELECT min (r2.id) FROM recordings r2 WHERE r2.call_sid IN (c.sid, c.parent_sid) " \
  "  AND r2.deleted_at IS NULL)), " \
  "EXISTS (SELECT 1 FROM voicemails v WHERE v.call_sid = c.sid), " \
  "coalesce (co.legal_hold, 0), c.is_leg"

#define LIAISON_STORE_RECORDING_COLUMNS \
  "r.id, r.sid, r.call_sid, r.duration_s, r.channels, r.status, r.source, r.media_url, " \
  "r.local_path, r.size_bytes, r.retain_until, r.legal_hold, r.created_at, r.deleted_at, " \
  "r.error_code"

#define LIAISON_STORE_VOICEMAIL_COLUMNS \
  "v.id, v.call_sid, r.sid, v.from_number, v.to_number, v.contact_id, co.display_name, " \
  "v.created_at, v.duration_s, " \
  "(SELECT group_concat (s.text, ' ') FROM transcript_sentences s " \
  " WHERE s.transcript_id = coalesce (v.transcript_id, " \
  "   (SELECT t.id FROM transcripts t WHERE t.call_sid = v.call_sid ORDER BY t.id DESC LIMIT 1)) " \
  " AND s.idx < 3), " \
  "v.is_heard, v.handled_at"

#define CALLS_FROM(index) \
  "SELECT " LIAISON_STORE_CALL_COLUMNS " FROM calls c INDEXED BY " index " " \
  "LEFT JOIN contacts co ON co.id = c.contact_id "

#define CALLS_PAGE \
  "(c.started_at, c.id) < (?1, ?2) AND c.started_at >= ?3 AND c.is_leg = 0 " \
  "AND (?4 = 0 OR c.is_missed = 1) " \
  "AND (?5 = 0 OR c.direction = 'inbound') " \
  "AND (?6 = 0 OR c.direction <> 'inbound') " \
  "AND (?7 = 0 OR c.contact_id = ?7) " \
  "AND (?8 IS NULL OR c.remote_number = ?8) " \
  "ORDER BY c.started_at DESC, c.id DESC LIMIT ?9"

#define SQL_LIST_CALLS \
  CALLS_FROM ("calls_by_time") "WHERE " CALLS_PAGE
#define SQL_LIST_CALLS_MISSED \
  CALLS_FROM ("calls_missed_by_time") "WHERE c.is_missed = 1 AND " CALLS_PAGE
#define SQL_LIST_CALLS_INBOUND \
  CALLS_FROM ("calls_inbound_by_time") "WHERE c.direction = 'inbound' AND " CALLS_PAGE
#define SQL_LIST_CALLS_OUTBOUND \
  CALLS_FROM ("calls_outbound_by_time") "WHERE c.direction <> 'inbound' AND " CALLS_PAGE
#define SQL_LIST_CALLS_CONTACT \
  CALLS_FROM ("calls_by_contact_time") "WHERE c.contact_id = ?7 AND " CALLS_PAGE
#define SQL_LIST_CALLS_NUMBER \
  CALLS_FROM ("calls_by_remote_time") "WHERE c.remote_number = ?8 AND " CALLS_PAGE

#define SQL_GET_CALL \
  "SELECT " LIAISON_STORE_CALL_COLUMNS " FROM calls c " \
  "LEFT JOIN contacts co ON co.id = c.contact_id WHERE c.sid = ?1"

#define SQL_FIND_CALL \
  "SELECT id, status, direction, from_number, to_number, parent_sid, answered_by, dial_status, " \
  "error_code, error_message, price, price_unit, started_at, answered_at, ended_at, duration_s, " \
  "contact_id, thread_id FROM calls WHERE sid = ?1"

#define MATCH_CONTACT(n) \
  "(SELECT p.contact_id FROM contact_phones p WHERE p.e164 = " n " " \
  " ORDER BY p.is_primary DESC, p.id LIMIT 1)"

#define MATCH_THREAD(our, remote) \
  "(SELECT t.id FROM threads t WHERE t.our_number = " our " AND t.remote_number = " remote ")"

#define SQL_INSERT_CALL \
  "INSERT INTO calls (sid, parent_sid, thread_id, contact_id, direction, from_number, to_number, " \
  "status, started_at, answered_at, ended_at, duration_s, created_at, updated_at, our_number, " \
  "remote_number, answered_by, dial_status, error_code, error_message, price, price_unit) " \
  "VALUES (?1, ?2, " MATCH_THREAD ("?15", "?16") ", " MATCH_CONTACT ("?16") ", ?5, ?6, ?7, ?8, " \
  "?9, ?10, ?11, ?12, ?13, ?13, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"

#define SQL_UPDATE_CALL \
  "UPDATE calls SET parent_sid = ?2, " \
  "thread_id = coalesce (thread_id, " MATCH_THREAD ("?15", "?16") "), " \
  "contact_id = coalesce (contact_id, " MATCH_CONTACT ("?16") "), " \
  "direction = ?5, from_number = ?6, to_number = ?7, status = ?8, started_at = ?9, " \
  "answered_at = ?10, ended_at = ?11, duration_s = ?12, updated_at = ?13, our_number = ?15, " \
  "remote_number = ?16, answered_by = ?17, dial_status = ?18, error_code = ?19, " \
  "error_message = ?20, price = ?21, price_unit = ?22 WHERE sid = ?1"

/* Which legs the history leaves out (see schema 3's calls.is_leg): ?1 is
 * the call just stored, parent or child, whichever came first. */
#define SQL_UPDATE_LEGS \
  "UPDATE calls SET is_leg = 1 WHERE is_leg = 0 AND (" \
  "  (direction = 'outbound-dial' AND parent_sid IN (SELECT p.sid FROM calls p " \
  "     WHERE p.direction = 'inbound' AND (p.sid = ?1 OR calls.sid = ?1))) " \
  "  OR (direction = 'outbound-api' AND EXISTS (SELECT 1 FROM calls ch " \
  "     WHERE ch.parent_sid = calls.sid AND ch.direction = 'outbound-dial') " \
  "     AND (sid = ?1 OR sid = (SELECT k.parent_sid FROM calls k WHERE k.sid = ?1))))"

/* Inbound and not answered by us: refused, not picked up, hung up while
 * ringing, or sent to voicemail. */
#define SQL_UPDATE_MISSED \
  "UPDATE calls SET is_missed = (direction = 'inbound' " \
  "  AND status IN ('completed', 'busy', 'no-answer', 'failed', 'canceled') " \
  "  AND (status <> 'completed' " \
  "       OR coalesce (dial_status, '') IN ('busy', 'no-answer', 'failed', 'canceled') " \
  "       OR EXISTS (SELECT 1 FROM voicemails v WHERE v.call_sid = calls.sid))) " \
  "WHERE sid = ?1"

#define SQL_FIND_RECORDING \
  "SELECT id, status, source, media_url, duration_s, channels, error_code, deleted_at, created_at " \
  "FROM recordings WHERE sid = ?1"

#define SQL_INSERT_RECORDING \
  "INSERT INTO recordings (sid, call_sid, duration_s, channels, status, source, media_url, " \
  "error_code, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"

#define SQL_UPDATE_RECORDING \
  "UPDATE recordings SET duration_s = ?3, channels = ?4, status = ?5, source = ?6, " \
  "media_url = ?7, error_code = ?8, updated_at = ?10, call_sid = coalesce (?2, call_sid) " \
  "WHERE sid = ?1"

#define SQL_GET_RECORDING \
  "SELECT " LIAISON_STORE_RECORDING_COLUMNS " FROM recordings r WHERE r.sid = ?1"

/* A click-to-call's recording is made on the advisor's leg (the <Dial>'s
 * parent): the client's leg, which the history lists, shows it too. */
#define SQL_LIST_CALL_RECORDINGS \
  "SELECT " LIAISON_STORE_RECORDING_COLUMNS " FROM recordings r WHERE r.call_sid IN " \
  "(?1, (SELECT c.parent_sid FROM calls c WHERE c.sid = ?1 AND c.direction = 'outbound-dial'))"

#define SQL_SET_RECORDING_LOCAL_PATH \
  "UPDATE recordings SET local_path = ?2, size_bytes = coalesce (?3, size_bytes), " \
  "updated_at = ?4 WHERE sid = ?1"

#define SQL_LIST_EXPIRED_RECORDINGS \
  "SELECT " LIAISON_STORE_RECORDING_COLUMNS " FROM recordings r " \
  "INDEXED BY recordings_live_by_time " \
  "LEFT JOIN calls c ON c.sid = r.call_sid " \
  "LEFT JOIN contacts co ON co.id = c.contact_id " \
  "WHERE r.deleted_at IS NULL AND r.created_at < ?1 AND r.legal_hold = 0 " \
  "AND coalesce (r.retain_until, 0) <= ?2 " \
  "AND coalesce (c.legal_hold, 0) = 0 AND coalesce (co.legal_hold, 0) = 0 " \
  "AND NOT EXISTS (SELECT 1 FROM voicemails v JOIN contacts vc ON vc.id = v.contact_id " \
  "                WHERE v.call_sid = r.call_sid AND vc.legal_hold = 1) " \
  "ORDER BY r.created_at, r.id LIMIT ?3"

#define SQL_MARK_RECORDING_DELETED \
  "UPDATE recordings SET deleted_at = ?2, status = 'deleted', local_path = NULL, " \
  "updated_at = ?2 WHERE sid = ?1 AND deleted_at IS NULL"

#define SQL_FIND_TRANSCRIPT \
  "SELECT id FROM transcripts WHERE call_sid = ?1 AND source = ?2 " \
  "AND recording_id IS (SELECT id FROM recordings WHERE sid = ?3) ORDER BY id DESC LIMIT 1"

#define SQL_INSERT_TRANSCRIPT \
  "INSERT INTO transcripts (sid, recording_id, call_sid, source, language, status, created_at, " \
  "updated_at, engine) VALUES (?1, (SELECT id FROM recordings WHERE sid = ?2), ?3, ?4, ?5, " \
  "'completed', ?6, ?6, ?7)"

#define SQL_UPDATE_TRANSCRIPT \
  "UPDATE transcripts SET sid = coalesce (?2, sid), language = ?3, engine = ?4, " \
  "status = 'completed', updated_at = ?5 WHERE id = ?1"

#define SQL_DELETE_SENTENCES \
  "DELETE FROM transcript_sentences WHERE transcript_id = ?1"

#define SQL_INSERT_SENTENCE \
  "INSERT INTO transcript_sentences (transcript_id, idx, channel, speaker, start_ms, end_ms, " \
  "text, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

#define SQL_LINK_VOICEMAIL_TRANSCRIPT \
  "UPDATE voicemails SET transcript_id = ?2 WHERE call_sid = ?1 AND transcript_id IS NULL"

#define SQL_LIST_SENTENCES \
  "SELECT idx, channel, speaker, start_ms, end_ms, text, confidence FROM transcript_sentences " \
  "WHERE transcript_id = ?1 ORDER BY idx"

#define SQL_GET_LATEST_TRANSCRIPT \
  "SELECT t.id, t.sid, t.call_sid, r.sid, t.source, t.engine, t.language, t.status, " \
  "t.created_at, t.updated_at FROM transcripts t " \
  "LEFT JOIN recordings r ON r.id = t.recording_id " \
  "WHERE t.call_sid = ?1 ORDER BY t.id DESC LIMIT 1"

#define SQL_SEARCH_SENTENCES \
  "SELECT s.id, s.transcript_id, tr.call_sid, coalesce (c.contact_id, 0), s.start_ms, " \
  "coalesce (c.started_at, tr.created_at) + s.start_ms * 1000, " \
  "snippet (sentences_fts, 0, char (1), char (2), '…', 12) " \
  "FROM sentences_fts " \
  "JOIN transcript_sentences s ON s.id = sentences_fts.rowid " \
  "JOIN transcripts tr ON tr.id = s.transcript_id " \
  "LEFT JOIN calls c ON c.sid = tr.call_sid " \
  "WHERE sentences_fts MATCH ?1 " \
  "ORDER BY sentences_fts.rowid DESC LIMIT ?2"

#define SQL_DELETE_SUMMARY \
  "DELETE FROM summaries WHERE call_sid = ?1 AND source = ?2"

#define SQL_INSERT_SUMMARY \
  "INSERT INTO summaries (call_sid, transcript_id, source, summary, action_items, highlights, " \
  "compliance_flags, extra, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"

#define SUMMARY_COLUMNS \
  "id, call_sid, coalesce (transcript_id, 0), source, summary, action_items, highlights, " \
  "compliance_flags, extra, created_at, coalesce (updated_at, created_at)"

#define SQL_GET_SUMMARY \
  "SELECT " SUMMARY_COLUMNS " FROM summaries WHERE call_sid = ?1 AND source = ?2 " \
  "ORDER BY id DESC LIMIT 1"

#define SQL_GET_SUMMARY_ANY \
  "SELECT " SUMMARY_COLUMNS " FROM summaries WHERE call_sid = ?1 ORDER BY id DESC LIMIT 1"

#define SQL_LIST_SUMMARIES \
  "SELECT " SUMMARY_COLUMNS " FROM summaries WHERE call_sid = ?1 ORDER BY id DESC"

#define SQL_UPSERT_VOICEMAIL_RECORDING \
  "INSERT INTO recordings (sid, call_sid, duration_s, channels, status, source, media_url, " \
  "created_at, updated_at) VALUES (?1, ?2, ?3, 1, 'completed', 'RecordVerb', ?4, ?5, ?5) " \
  "ON CONFLICT (sid) DO UPDATE SET duration_s = coalesce (duration_s, excluded.duration_s), " \
  "media_url = coalesce (media_url, excluded.media_url)"

#define SQL_FIND_VOICEMAIL \
  "SELECT id FROM voicemails WHERE call_sid = ?1"

#define SQL_INSERT_VOICEMAIL \
  "INSERT INTO voicemails (call_sid, recording_id, contact_id, from_number, to_number, " \
  "duration_s, created_at) VALUES (?1, (SELECT id FROM recordings WHERE sid = ?2), " \
  MATCH_CONTACT ("?3") ", ?3, ?4, ?5, ?6)"

#define SQL_UPDATE_VOICEMAIL \
  "UPDATE voicemails SET recording_id = coalesce ((SELECT id FROM recordings WHERE sid = ?2), " \
  "recording_id), duration_s = coalesce (?5, duration_s), " \
  "contact_id = coalesce (contact_id, " MATCH_CONTACT ("from_number") ") WHERE call_sid = ?1"

#define SQL_CALL_NUMBERS \
  "SELECT from_number, to_number FROM calls WHERE sid = ?1"

#define VOICEMAILS_FROM(index) \
  "SELECT " LIAISON_STORE_VOICEMAIL_COLUMNS " FROM voicemails v INDEXED BY " index " " \
  "LEFT JOIN recordings r ON r.id = v.recording_id " \
  "LEFT JOIN contacts co ON co.id = v.contact_id "

#define SQL_LIST_VOICEMAILS \
  VOICEMAILS_FROM ("voicemails_by_time") \
  "WHERE (v.created_at, v.id) < (?1, ?2) ORDER BY v.created_at DESC, v.id DESC LIMIT ?3"

#define SQL_LIST_VOICEMAILS_UNHANDLED \
  VOICEMAILS_FROM ("voicemails_unhandled_by_time") \
  "WHERE v.handled_at IS NULL AND (v.created_at, v.id) < (?1, ?2) " \
  "ORDER BY v.created_at DESC, v.id DESC LIMIT ?3"

#define SQL_SET_VOICEMAIL_HANDLED \
  "UPDATE voicemails SET handled_at = ?2, is_heard = CASE WHEN ?2 IS NULL THEN is_heard ELSE 1 END " \
  "WHERE id = ?1"

#define SQL_SET_CALL_HOLD \
  "UPDATE calls SET legal_hold = ?2, updated_at = ?3 WHERE sid = ?1"

#define SQL_SET_CONTACT_HOLD \
  "UPDATE contacts SET legal_hold = ?2 WHERE id = ?1"

#define SQL_GET_CONTACT_HOLD \
  "SELECT legal_hold FROM contacts WHERE id = ?1"

#define SQL_GET_STATE \
  "SELECT value FROM store_state WHERE key = ?1"

#define SQL_SET_STATE \
  "INSERT INTO store_state (key, value, updated_at) VALUES (?1, ?2, ?3) " \
  "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"

#define SQL_DELETE_STATE \
  "DELETE FROM store_state WHERE key = ?1"

static const LiaisonStoreQuery planned_queries[] = {
  { "list-calls", SQL_LIST_CALLS },
  { "list-calls-missed", SQL_LIST_CALLS_MISSED },
  { "list-calls-inbound", SQL_LIST_CALLS_INBOUND },
  { "list-calls-outbound", SQL_LIST_CALLS_OUTBOUND },
  { "list-calls-contact", SQL_LIST_CALLS_CONTACT },
  { "list-calls-number", SQL_LIST_CALLS_NUMBER },
  { "get-call", SQL_GET_CALL },
  { "find-call", SQL_FIND_CALL },
  { "update-missed", SQL_UPDATE_MISSED },
  { "find-recording", SQL_FIND_RECORDING },
  { "list-call-recordings", SQL_LIST_CALL_RECORDINGS },
  { "list-expired-recordings", SQL_LIST_EXPIRED_RECORDINGS },
  { "find-transcript", SQL_FIND_TRANSCRIPT },
  { "list-sentences", SQL_LIST_SENTENCES },
  { "get-latest-transcript", SQL_GET_LATEST_TRANSCRIPT },
  { "search-call-sentences", SQL_SEARCH_SENTENCES },
  { "get-summary", SQL_GET_SUMMARY },
  { "list-voicemails", SQL_LIST_VOICEMAILS },
  { "list-voicemails-unhandled", SQL_LIST_VOICEMAILS_UNHANDLED },
  { "find-voicemail", SQL_FIND_VOICEMAIL },
  { NULL, NULL }
};

const LiaisonStoreQuery *
_liaison_store_calls_get_planned_queries (void)
{
  return planned_queries;
}

/* Helpers */

static gpointer
boxed_int64 (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static gboolean
is_sid (const char *sid,
        const char *prefix)
{
  gsize len;

  if (sid == NULL || !g_str_has_prefix (sid, prefix))
    return FALSE;
  len = strlen (sid);
  if (len < 4 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (sid[i]))
      return FALSE;
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
bind_int_or_null (LiaisonStoreStmt *stmt,
                  int               index,
                  gint64            value,
                  gboolean          is_null)
{
  if (is_null)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
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

static guint
clamp_limit (guint limit)
{
  return limit == 0 ? 50 : MIN (limit, MAX_PAGE);
}

/* Status order: a status only replaces one of a lower rank. */
static int
call_status_rank (const char *status)
{
  static const struct { const char *status; int rank; } ranks[] = {
    { "queued", 1 }, { "initiated", 2 }, { "ringing", 3 }, { "in-progress", 4 },
    { "completed", 5 }, { "busy", 5 }, { "no-answer", 5 }, { "failed", 5 }, { "canceled", 5 },
  };

  if (status == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    if (g_str_equal (ranks[i].status, status))
      return ranks[i].rank;
  return 0;
}

static gboolean
is_known_direction (const char *direction)
{
  return g_strcmp0 (direction, "inbound") == 0
         || g_strcmp0 (direction, "outbound-api") == 0
         || g_strcmp0 (direction, "outbound-dial") == 0
         || g_strcmp0 (direction, "trunking-originating") == 0
         || g_strcmp0 (direction, "trunking-terminating") == 0;
}

static int
recording_status_rank (const char *status)
{
  static const struct { const char *status; int rank; } ranks[] = {
    { "in-progress", 1 }, { "paused", 1 }, { "stopped", 2 }, { "processing", 2 },
    { "completed", 3 }, { "absent", 3 }, { "failed", 3 }, { "deleted", 4 },
  };

  if (status == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    if (g_str_equal (ranks[i].status, status))
      return ranks[i].rank;
  return 0;
}

static gboolean
step_rows_done (sqlite3 *db,
                int      rc,
                GError **error)
{
  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, db, rc);
  return TRUE;
}

static gboolean
update_missed (LiaisonStore  *self,
               const char    *call_sid,
               GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_UPDATE_MISSED, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, call_sid, -1, SQLITE_STATIC);
  return _liaison_store_step_done (stmt, error);
}

static gboolean
update_legs (LiaisonStore  *self,
             const char    *call_sid,
             GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_UPDATE_LEGS, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, call_sid, -1, SQLITE_STATIC);
  return _liaison_store_step_done (stmt, error);
}

typedef struct {
  gint64   id;
  gboolean is_new;
  gboolean changed;
} UpsertResult;

/* Calls: upsert */

typedef struct {
  char   *sid;
  char   *parent_sid;
  char   *direction;
  char   *from;
  char   *to;
  char   *status;
  char   *answered_by;
  char   *dial_status;
  int     error_code;
  char   *error_message;
  char   *price;
  char   *price_unit;
  gint64  started_at;
  gint64  answered_at;
  gint64  ended_at;
  int     duration_s;
  gint64  event_time;
} CallData;

static void
call_data_free (gpointer data)
{
  CallData *call = data;

  g_free (call->sid);
  g_free (call->parent_sid);
  g_free (call->direction);
  g_free (call->from);
  g_free (call->to);
  g_free (call->status);
  g_free (call->answered_by);
  g_free (call->dial_status);
  g_free (call->error_message);
  g_free (call->price);
  g_free (call->price_unit);
  g_free (call);
}

/* Keeps @old unless @new is given. Takes @old. */
static char *
merge_text (char       *old,
            const char *new)
{
  if (nonempty (new) == NULL)
    return old;
  g_free (old);
  return g_strdup (new);
}

static void
set_str (char       **target,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*target);
  *target = copy;
}

static gint64
min_known (gint64 a,
           gint64 b)
{
  if (a <= 0)
    return b;
  if (b <= 0)
    return a;
  return MIN (a, b);
}

static gpointer
upsert_call_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CallData *in = data;
  g_autoptr(LiaisonStoreStmt) find = NULL;
  g_autofree char *status = NULL, *direction = NULL, *from = NULL, *to = NULL;
  g_autofree char *parent_sid = NULL, *answered_by = NULL, *dial_status = NULL;
  g_autofree char *error_message = NULL, *price = NULL, *price_unit = NULL;
  g_autofree char *old_status = NULL, *old_answered_by = NULL, *old_dial_status = NULL;
  g_autofree char *old_direction = NULL, *old_parent_sid = NULL;
  int old_error_code;
  gint64 id = 0, started_at = 0, answered_at = 0, ended_at = 0;
  gint64 old_started = 0, old_answered = 0, old_ended = 0;
  gint64 now = in->event_time > 0 ? in->event_time : g_get_real_time ();
  int duration_s = -1, old_duration = -1, error_code = 0;
  int old_rank, new_rank;
  gboolean exists, changed;
  const char *our, *remote;
  UpsertResult *result;
  int rc;

  if (!_liaison_store_begin (self, error))
    return NULL;

  find = _liaison_store_prepare (self, SQL_FIND_CALL, error);
  if (find == NULL)
    goto failed;
  sqlite3_bind_text (find, 1, in->sid, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  exists = rc == SQLITE_ROW;
  if (exists)
    {
      id = sqlite3_column_int64 (find, 0);
      status = column_dup (find, 1);
      direction = column_dup (find, 2);
      from = column_dup (find, 3);
      to = column_dup (find, 4);
      parent_sid = column_dup (find, 5);
      answered_by = column_dup (find, 6);
      dial_status = column_dup (find, 7);
      error_code = sqlite3_column_int (find, 8);
      error_message = column_dup (find, 9);
      price = column_dup (find, 10);
      price_unit = column_dup (find, 11);
      started_at = sqlite3_column_int64 (find, 12);
      answered_at = sqlite3_column_int64 (find, 13);
      ended_at = sqlite3_column_int64 (find, 14);
      duration_s = sqlite3_column_type (find, 15) == SQLITE_NULL ? -1 : sqlite3_column_int (find, 15);
    }
  else if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      goto failed;
    }
  g_clear_pointer (&find, _liaison_store_stmt_release);

  old_status = g_strdup (status);
  old_answered_by = g_strdup (answered_by);
  old_dial_status = g_strdup (dial_status);
  old_direction = g_strdup (direction);
  old_parent_sid = g_strdup (parent_sid);
  old_error_code = error_code;
  old_started = started_at;
  old_answered = answered_at;
  old_ended = ended_at;
  old_duration = duration_s;

  /* The status only moves forward; an unknown one never replaces a known one. */
  old_rank = call_status_rank (status);
  new_rank = call_status_rank (in->status);
  if (status == NULL)
    status = g_strdup (in->status != NULL ? in->status : "queued");
  else if (new_rank > old_rank)
    set_str (&status, in->status);
  new_rank = MAX (old_rank, new_rank);
  if (new_rank < 0)
    new_rank = call_status_rank (status);

  /* A call's direction never changes: Twilio's word replaces a guess. */
  if (is_known_direction (in->direction))
    set_str (&direction, in->direction);
  else if (direction == NULL)
    direction = g_strdup ("inbound");
  if (from == NULL || *from == '\0')
    from = merge_text (from, in->from);
  if (to == NULL || *to == '\0')
    to = merge_text (to, in->to);
  if (from == NULL)
    from = g_strdup ("");
  if (to == NULL)
    to = g_strdup ("");
  parent_sid = merge_text (parent_sid, in->parent_sid);
  answered_by = merge_text (answered_by, in->answered_by);
  dial_status = merge_text (dial_status, in->dial_status);
  error_message = merge_text (error_message, in->error_message);
  price = merge_text (price, in->price);
  price_unit = merge_text (price_unit, in->price_unit);
  if (in->error_code > 0)
    error_code = in->error_code;

  started_at = min_known (started_at, in->started_at);
  /* Without a start time, an early status's report is the best guess. */
  if (in->started_at <= 0 && in->event_time > 0 && call_status_rank (in->status) >= 1
      && call_status_rank (in->status) <= 3)
    started_at = min_known (started_at, in->event_time);
  if (started_at <= 0)
    started_at = now;
  if (answered_at <= 0 && in->answered_at > 0)
    answered_at = in->answered_at;
  if (answered_at <= 0 && call_status_rank (in->status) == 4)
    answered_at = now;
  if (in->duration_s >= 0)
    duration_s = in->duration_s;

  if (new_rank == 5)
    {
      if (in->ended_at > 0)
        ended_at = in->ended_at;
      else if (ended_at <= 0)
        ended_at = MAX (now, started_at);

      if (g_strcmp0 (status, "completed") != 0)
        {
          /* Never connected: no talk time whatever the duration says. */
          answered_at = 0;
          if (duration_s < 0)
            duration_s = 0;
        }
      else
        {
          if (duration_s < 0 && answered_at > 0)
            duration_s = (int) MIN ((ended_at - answered_at) / G_USEC_PER_SEC, G_MAXINT);
          if (answered_at <= 0 && duration_s > 0)
            answered_at = MAX (started_at, ended_at - (gint64) duration_s * G_USEC_PER_SEC);
        }
    }

  /* The client's side and ours. */
  if (g_str_equal (direction, "inbound"))
    {
      remote = from;
      our = to;
    }
  else
    {
      remote = to;
      our = from;
    }

  changed = !exists
            || g_strcmp0 (old_status, status) != 0
            || old_started != started_at
            || old_answered != answered_at
            || old_ended != ended_at
            || old_duration != duration_s
            || old_error_code != error_code
            || g_strcmp0 (old_answered_by, answered_by) != 0
            || g_strcmp0 (old_dial_status, dial_status) != 0
            || g_strcmp0 (old_direction, direction) != 0
            || g_strcmp0 (old_parent_sid, parent_sid) != 0;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, exists ? SQL_UPDATE_CALL
                                                                             : SQL_INSERT_CALL,
                                                               error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, in->sid, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (stmt, 2, parent_sid);
    sqlite3_bind_text (stmt, 5, direction, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 6, from, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 7, to, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 8, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 9, started_at);
    bind_int_or_null (stmt, 10, answered_at, answered_at <= 0);
    bind_int_or_null (stmt, 11, ended_at, ended_at <= 0);
    bind_int_or_null (stmt, 12, duration_s, duration_s < 0);
    sqlite3_bind_int64 (stmt, 13, g_get_real_time ());
    _liaison_store_bind_text_or_null (stmt, 15, nonempty (our));
    _liaison_store_bind_text_or_null (stmt, 16, nonempty (remote));
    _liaison_store_bind_text_or_null (stmt, 17, answered_by);
    _liaison_store_bind_text_or_null (stmt, 18, dial_status);
    bind_int_or_null (stmt, 19, error_code, error_code <= 0);
    _liaison_store_bind_text_or_null (stmt, 20, error_message);
    _liaison_store_bind_text_or_null (stmt, 21, price);
    _liaison_store_bind_text_or_null (stmt, 22, price_unit);
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
    if (!exists)
      id = sqlite3_last_insert_rowid (db);
  }

  if (!update_missed (self, in->sid, error) || !update_legs (self, in->sid, error) ||
      !_liaison_store_commit (self, error))
    goto failed;

  result = g_new0 (UpsertResult, 1);
  result->id = id;
  result->is_new = !exists;
  result->changed = changed;
  return result;

failed:
  _liaison_store_rollback (self);
  return NULL;
}

void
liaison_store_upsert_call_async (LiaisonStore               *self,
                                 const LiaisonStoreCallInfo *info,
                                 GCancellable               *cancellable,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  GTask *task;
  CallData *call;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_upsert_call_async);

  if (!is_sid (info->sid, "CA"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The call identifier is not valid."));
      g_object_unref (task);
      return;
    }

  call = g_new0 (CallData, 1);
  call->sid = g_strdup (info->sid);
  call->parent_sid = is_sid (info->parent_sid, "CA") ? g_strdup (info->parent_sid) : NULL;
  call->direction = g_strdup (nonempty (info->direction));
  call->from = g_strdup (nonempty (info->from));
  call->to = g_strdup (nonempty (info->to));
  call->status = g_strdup (nonempty (info->status));
  call->answered_by = g_strdup (nonempty (info->answered_by));
  call->dial_status = g_strdup (nonempty (info->dial_status));
  call->error_code = MAX (info->error_code, 0);
  call->error_message = g_strdup (nonempty (info->error_message));
  call->price = g_strdup (nonempty (info->price));
  call->price_unit = g_strdup (nonempty (info->price_unit));
  call->started_at = MAX (info->started_at, 0);
  call->answered_at = MAX (info->answered_at, 0);
  call->ended_at = MAX (info->ended_at, 0);
  call->duration_s = info->duration_s >= 0 ? info->duration_s : -1;
  call->event_time = MAX (info->event_time, 0);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, upsert_call_work,
                         call, call_data_free, g_free);
}

static gint64
upsert_finish (GAsyncResult  *result,
               gboolean      *out_is_new,
               gboolean      *out_changed,
               GError       **error)
{
  g_autofree UpsertResult *upsert = g_task_propagate_pointer (G_TASK (result), error);

  if (out_is_new != NULL)
    *out_is_new = upsert != NULL && upsert->is_new;
  if (out_changed != NULL)
    *out_changed = upsert != NULL && upsert->changed;
  return upsert != NULL ? upsert->id : 0;
}

gint64
liaison_store_upsert_call_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  gboolean      *out_is_new,
                                  gboolean      *out_changed,
                                  GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_upsert_call_async, 0);

  return upsert_finish (result, out_is_new, out_changed, error);
}

/* Calls: list */

typedef struct {
  gboolean  missed_only;
  gboolean  inbound_only;
  gboolean  outbound_only;
  gint64    contact_id;
  char     *remote_number;
  gint64    since;
  gint64    before_time;
  gint64    before_id;
  guint     limit;
} ListCallsData;

static void
list_calls_data_free (gpointer data)
{
  ListCallsData *list = data;

  g_free (list->remote_number);
  g_free (list);
}

static gpointer
list_calls_work (LiaisonStore  *self,
                 sqlite3       *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ListCallsData *list = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_object_unref);
  const char *sql;
  int rc;

  /* The most selective filter picks the index; the others filter its rows. */
  if (list->contact_id > 0)
    sql = SQL_LIST_CALLS_CONTACT;
  else if (list->remote_number != NULL)
    sql = SQL_LIST_CALLS_NUMBER;
  else if (list->missed_only)
    sql = SQL_LIST_CALLS_MISSED;
  else if (list->inbound_only && !list->outbound_only)
    sql = SQL_LIST_CALLS_INBOUND;
  else if (list->outbound_only && !list->inbound_only)
    sql = SQL_LIST_CALLS_OUTBOUND;
  else
    sql = SQL_LIST_CALLS;

  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, list->before_time);
  sqlite3_bind_int64 (stmt, 2, list->before_id);
  sqlite3_bind_int64 (stmt, 3, list->since);
  sqlite3_bind_int (stmt, 4, list->missed_only);
  sqlite3_bind_int (stmt, 5, list->inbound_only);
  sqlite3_bind_int (stmt, 6, list->outbound_only);
  sqlite3_bind_int64 (stmt, 7, MAX (list->contact_id, 0));
  _liaison_store_bind_text_or_null (stmt, 8, list->remote_number);
  sqlite3_bind_int (stmt, 9, (int) list->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (calls, _liaison_call_new_from_stmt (stmt, 0));
  if (!step_rows_done (db, rc, error))
    return NULL;

  return g_steal_pointer (&calls);
}

void
liaison_store_list_calls_async (LiaisonStore                 *self,
                                const LiaisonStoreCallFilter *filter,
                                const LiaisonStoreCursor     *before,
                                guint                         limit,
                                GCancellable                 *cancellable,
                                GAsyncReadyCallback           callback,
                                gpointer                      user_data)
{
  GTask *task;
  ListCallsData *list;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_calls_async);

  list = g_new0 (ListCallsData, 1);
  cursor_or_newest (before, &list->before_time, &list->before_id);
  list->limit = clamp_limit (limit);
  if (filter != NULL)
    {
      list->missed_only = filter->missed_only;
      list->inbound_only = filter->inbound_only;
      list->outbound_only = filter->outbound_only;
      list->contact_id = filter->contact_id;
      list->remote_number = g_strdup (nonempty (filter->remote_number));
      list->since = MAX (filter->since, 0);
      /* started_at < until is (started_at, id) < (until, 0): ids are positive. */
      if (filter->until > 0
          && (filter->until < list->before_time
              || (filter->until == list->before_time && list->before_id > 0)))
        {
          list->before_time = filter->until;
          list->before_id = 0;
        }
    }

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_calls_work,
                         list, list_calls_data_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_calls_finish (LiaisonStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_list_calls_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Transcripts, summaries and details */

void
liaison_store_transcript_free (LiaisonStoreTranscript *transcript)
{
  if (transcript == NULL)
    return;
  g_free (transcript->sid);
  g_free (transcript->call_sid);
  g_free (transcript->recording_sid);
  g_free (transcript->source);
  g_free (transcript->engine);
  g_free (transcript->language);
  g_free (transcript->status);
  g_free (transcript);
}

void
liaison_store_summary_free (LiaisonStoreSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->call_sid);
  g_free (summary->source);
  g_free (summary->summary);
  g_strfreev (summary->action_items);
  g_free (summary->highlights_json);
  g_free (summary->compliance_json);
  g_free (summary->extra_json);
  g_free (summary);
}

void
liaison_store_call_details_free (LiaisonStoreCallDetails *details)
{
  if (details == NULL)
    return;
  g_clear_object (&details->call);
  g_clear_pointer (&details->recordings, g_ptr_array_unref);
  g_clear_pointer (&details->transcript, liaison_store_transcript_free);
  g_clear_pointer (&details->sentences, g_ptr_array_unref);
  g_clear_pointer (&details->summaries, g_ptr_array_unref);
  g_free (details);
}

void
liaison_store_sentence_hit_free (LiaisonStoreSentenceHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->call_sid);
  g_free (hit->snippet);
  g_free (hit);
}

/* Action items are stored as a JSON array of strings; anything else reads
 * as none. */
static GStrv
action_items_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }

  return g_strv_builder_end (builder);
}

static char *
action_items_to_json (const char * const *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static LiaisonStoreSummary *
summary_from_stmt (sqlite3_stmt *stmt)
{
  LiaisonStoreSummary *summary = g_new0 (LiaisonStoreSummary, 1);

  summary->id = sqlite3_column_int64 (stmt, 0);
  summary->call_sid = column_dup (stmt, 1);
  summary->transcript_id = sqlite3_column_int64 (stmt, 2);
  summary->source = column_dup (stmt, 3);
  summary->summary = column_dup (stmt, 4);
  summary->action_items = action_items_from_json ((const char *) sqlite3_column_text (stmt, 5));
  summary->highlights_json = column_dup (stmt, 6);
  summary->compliance_json = column_dup (stmt, 7);
  summary->extra_json = column_dup (stmt, 8);
  summary->created_at = sqlite3_column_int64 (stmt, 9);
  summary->updated_at = sqlite3_column_int64 (stmt, 10);
  if (summary->summary == NULL)
    summary->summary = g_strdup ("");
  return summary;
}

static GPtrArray *
read_sentences (LiaisonStore  *self,
                sqlite3       *db,
                gint64         transcript_id,
                GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_LIST_SENTENCES, error);
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, transcript_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 index = sqlite3_column_int64 (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 5);
      double confidence = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                          ? -1.0 : sqlite3_column_double (stmt, 6);

      g_ptr_array_add (sentences,
                       liaison_transcript_sentence_new ((guint) CLAMP (index, 0, G_MAXUINT),
                                                        sqlite3_column_int (stmt, 1),
                                                        (const char *) sqlite3_column_text (stmt, 2),
                                                        sqlite3_column_int64 (stmt, 3),
                                                        sqlite3_column_int64 (stmt, 4),
                                                        text != NULL ? text : "",
                                                        confidence));
    }
  if (!step_rows_done (db, rc, error))
    return NULL;
  return g_steal_pointer (&sentences);
}

static int
compare_recording_ids (gconstpointer a,
                       gconstpointer b)
{
  gint64 ia = liaison_recording_get_id (*(LiaisonRecording **) a);
  gint64 ib = liaison_recording_get_id (*(LiaisonRecording **) b);

  return ia < ib ? -1 : ia > ib;
}

static GPtrArray *
read_recordings (LiaisonStore  *self,
                 sqlite3       *db,
                 const char    *call_sid,
                 GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_LIST_CALL_RECORDINGS, error);
  g_autoptr(GPtrArray) recordings = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call_sid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (recordings, _liaison_recording_new_from_stmt (stmt, 0));
  if (!step_rows_done (db, rc, error))
    return NULL;
  /* Oldest first (a handful per call: sorted here, not by a temporary
   * B-tree over the two legs' rows). */
  g_ptr_array_sort (recordings, compare_recording_ids);
  return g_steal_pointer (&recordings);
}

static gpointer
get_call_work (LiaisonStore  *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const char *sid = data;
  g_autoptr(LiaisonStoreCallDetails) details = g_new0 (LiaisonStoreCallDetails, 1);
  int rc;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_CALL, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                     _("This call is not in the history."));
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        _liaison_store_set_error (error, db, rc);
        return NULL;
      }
    details->call = _liaison_call_new_from_stmt (stmt, 0);
  }

  details->recordings = read_recordings (self, db, sid, error);
  if (details->recordings == NULL)
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_LATEST_TRANSCRIPT, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        LiaisonStoreTranscript *transcript = g_new0 (LiaisonStoreTranscript, 1);

        transcript->id = sqlite3_column_int64 (stmt, 0);
        transcript->sid = column_dup (stmt, 1);
        transcript->call_sid = column_dup (stmt, 2);
        transcript->recording_sid = column_dup (stmt, 3);
        transcript->source = column_dup (stmt, 4);
        transcript->engine = column_dup (stmt, 5);
        transcript->language = column_dup (stmt, 6);
        transcript->status = column_dup (stmt, 7);
        transcript->created_at = sqlite3_column_int64 (stmt, 8);
        transcript->updated_at = sqlite3_column_int64 (stmt, 9);
        details->transcript = transcript;
      }
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return NULL;
      }
  }

  if (details->transcript != NULL)
    details->sentences = read_sentences (self, db, details->transcript->id, error);
  else
    details->sentences = g_ptr_array_new_with_free_func (g_object_unref);
  if (details->sentences == NULL)
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_LIST_SUMMARIES, error);

    if (stmt == NULL)
      return NULL;
    details->summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_summary_free);
    sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (details->summaries, summary_from_stmt (stmt));
    if (!step_rows_done (db, rc, error))
      return NULL;
  }

  return g_steal_pointer (&details);
}

void
liaison_store_get_call_async (LiaisonStore        *self,
                              const char          *call_sid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (call_sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_call_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_call_work,
                         g_strdup (call_sid), g_free,
                         (GDestroyNotify) liaison_store_call_details_free);
}

LiaisonStoreCallDetails *
liaison_store_get_call_finish (LiaisonStore  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_get_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Recordings */

typedef struct {
  char   *sid;
  char   *call_sid;
  char   *status;
  char   *source;
  char   *media_url;
  int     duration_s;
  int     channels;
  int     error_code;
  gint64  started_at;
} RecordingData;

static void
recording_data_free (gpointer data)
{
  RecordingData *recording = data;

  g_free (recording->sid);
  g_free (recording->call_sid);
  g_free (recording->status);
  g_free (recording->source);
  g_free (recording->media_url);
  g_free (recording);
}

static gpointer
upsert_recording_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  RecordingData *in = data;
  g_autofree char *status = NULL, *source = NULL, *media_url = NULL;
  gint64 id = 0, deleted_at = 0;
  int duration_s = -1, channels = 1, error_code = 0;
  gboolean exists, changed;
  UpsertResult *result;
  int rc;

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_RECORDING, error);

    if (find == NULL)
      goto failed;
    sqlite3_bind_text (find, 1, in->sid, -1, SQLITE_STATIC);
    rc = sqlite3_step (find);
    exists = rc == SQLITE_ROW;
    if (exists)
      {
        id = sqlite3_column_int64 (find, 0);
        status = column_dup (find, 1);
        source = column_dup (find, 2);
        media_url = column_dup (find, 3);
        duration_s = sqlite3_column_type (find, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (find, 4);
        channels = sqlite3_column_int (find, 5);
        error_code = sqlite3_column_int (find, 6);
        deleted_at = sqlite3_column_int64 (find, 7);
      }
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  if (!exists && in->call_sid == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The recording does not say which call it belongs to."));
      goto failed;
    }

  changed = !exists;
  if (deleted_at == 0)
    {
      if (status == NULL)
        status = g_strdup (in->status != NULL ? in->status : "completed");
      else if (recording_status_rank (in->status) > recording_status_rank (status))
        {
          set_str (&status, in->status);
          changed = TRUE;
        }
      if (in->duration_s >= 0 && in->duration_s != duration_s)
        {
          duration_s = in->duration_s;
          changed = TRUE;
        }
      if (in->channels > 0 && in->channels != channels)
        {
          channels = in->channels;
          changed = TRUE;
        }
      if (in->error_code > 0 && in->error_code != error_code)
        {
          error_code = in->error_code;
          changed = TRUE;
        }
      if (in->media_url != NULL && g_strcmp0 (in->media_url, media_url) != 0)
        {
          set_str (&media_url, in->media_url);
          changed = TRUE;
        }
      source = merge_text (source, in->source);
    }

  if (changed)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, exists ? SQL_UPDATE_RECORDING
                                                                               : SQL_INSERT_RECORDING,
                                                                 error);
      gint64 now = g_get_real_time ();

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, in->sid, -1, SQLITE_STATIC);
      _liaison_store_bind_text_or_null (stmt, 2, in->call_sid);
      bind_int_or_null (stmt, 3, duration_s, duration_s < 0);
      sqlite3_bind_int (stmt, 4, CLAMP (channels, 1, 2));
      sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
      _liaison_store_bind_text_or_null (stmt, 6, source);
      _liaison_store_bind_text_or_null (stmt, 7, media_url);
      bind_int_or_null (stmt, 8, error_code, error_code <= 0);
      if (!exists)
        sqlite3_bind_int64 (stmt, 9, in->started_at > 0 ? in->started_at : now);
      sqlite3_bind_int64 (stmt, 10, now);
      if (!_liaison_store_step_done (stmt, error))
        goto failed;
      if (!exists)
        id = sqlite3_last_insert_rowid (db);
    }

  if (!_liaison_store_commit (self, error))
    goto failed;

  result = g_new0 (UpsertResult, 1);
  result->id = id;
  result->is_new = !exists;
  result->changed = changed;
  return result;

failed:
  _liaison_store_rollback (self);
  return NULL;
}

void
liaison_store_upsert_recording_async (LiaisonStore                    *self,
                                      const LiaisonStoreRecordingInfo *info,
                                      GCancellable                    *cancellable,
                                      GAsyncReadyCallback              callback,
                                      gpointer                         user_data)
{
  GTask *task;
  RecordingData *recording;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_upsert_recording_async);

  if (!is_sid (info->sid, "RE")
      || (info->call_sid != NULL && !is_sid (info->call_sid, "CA")))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The recording identifier is not valid."));
      g_object_unref (task);
      return;
    }

  recording = g_new0 (RecordingData, 1);
  recording->sid = g_strdup (info->sid);
  recording->call_sid = g_strdup (info->call_sid);
  recording->status = g_strdup (nonempty (info->status));
  recording->source = g_strdup (nonempty (info->source));
  recording->media_url = g_strdup (nonempty (info->media_url));
  recording->duration_s = info->duration_s >= 0 ? info->duration_s : -1;
  recording->channels = info->channels == 1 || info->channels == 2 ? info->channels : 0;
  recording->error_code = MAX (info->error_code, 0);
  recording->started_at = MAX (info->started_at, 0);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, upsert_recording_work,
                         recording, recording_data_free, g_free);
}

gint64
liaison_store_upsert_recording_finish (LiaisonStore  *self,
                                       GAsyncResult  *result,
                                       gboolean      *out_is_new,
                                       gboolean      *out_changed,
                                       GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_upsert_recording_async, 0);

  return upsert_finish (result, out_is_new, out_changed, error);
}

static gpointer
get_recording_work (LiaisonStore  *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_RECORDING, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _liaison_recording_new_from_stmt (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                 _("This recording is not stored."));
  else
    _liaison_store_set_error (error, db, rc);
  return NULL;
}

void
liaison_store_get_recording_async (LiaisonStore        *self,
                                   const char          *recording_sid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (recording_sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_recording_async);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_recording_work,
                         g_strdup (recording_sid), g_free, g_object_unref);
}

LiaisonRecording *
liaison_store_get_recording_finish (LiaisonStore  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_get_recording_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  char   *sid;
  char   *local_path;
  gint64  size;
} LocalPathData;

static void
local_path_data_free (gpointer data)
{
  LocalPathData *local = data;

  g_free (local->sid);
  g_free (local->local_path);
  g_free (local);
}

static gpointer
set_local_path_work (LiaisonStore  *self,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  LocalPathData *local = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_RECORDING_LOCAL_PATH, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, local->sid, -1, SQLITE_STATIC);
  _liaison_store_bind_text_or_null (stmt, 2, local->local_path);
  bind_int_or_null (stmt, 3, local->size, local->size < 0);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (!_liaison_store_step_done (stmt, error))
    return NULL;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                   _("This recording is not stored."));
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

void
liaison_store_set_recording_local_path_async (LiaisonStore        *self,
                                              const char          *recording_sid,
                                              const char          *local_path,
                                              gint64               size,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GTask *task;
  LocalPathData *local;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (recording_sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_set_recording_local_path_async);

  local = g_new0 (LocalPathData, 1);
  local->sid = g_strdup (recording_sid);
  local->local_path = g_strdup (local_path);
  local->size = size;
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, set_local_path_work,
                         local, local_path_data_free, NULL);
}

gboolean
liaison_store_set_recording_local_path_finish (LiaisonStore  *self,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/* Transcripts */

typedef struct {
  char      *call_sid;
  char      *recording_sid;
  char      *source;
  char      *engine;
  char      *sid;
  char      *language;
  GPtrArray *sentences;
} TranscriptData;

static void
transcript_data_free (gpointer data)
{
  TranscriptData *transcript = data;

  g_free (transcript->call_sid);
  g_free (transcript->recording_sid);
  g_free (transcript->source);
  g_free (transcript->engine);
  g_free (transcript->sid);
  g_free (transcript->language);
  g_clear_pointer (&transcript->sentences, g_ptr_array_unref);
  g_free (transcript);
}

static gpointer
save_transcript_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TranscriptData *in = data;
  gint64 now = g_get_real_time ();
  gint64 id = 0;
  int rc;

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_TRANSCRIPT, error);

    if (find == NULL)
      goto failed;
    sqlite3_bind_text (find, 1, in->call_sid, -1, SQLITE_STATIC);
    sqlite3_bind_text (find, 2, in->source, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (find, 3, in->recording_sid);
    rc = sqlite3_step (find);
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (find, 0);
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  if (id > 0)
    {
      g_autoptr(LiaisonStoreStmt) update = _liaison_store_prepare (self, SQL_UPDATE_TRANSCRIPT, error);
      g_autoptr(LiaisonStoreStmt) clear = NULL;

      if (update == NULL)
        goto failed;
      sqlite3_bind_int64 (update, 1, id);
      _liaison_store_bind_text_or_null (update, 2, in->sid);
      _liaison_store_bind_text_or_null (update, 3, in->language);
      _liaison_store_bind_text_or_null (update, 4, in->engine);
      sqlite3_bind_int64 (update, 5, now);
      if (!_liaison_store_step_done (update, error))
        goto failed;

      clear = _liaison_store_prepare (self, SQL_DELETE_SENTENCES, error);
      if (clear == NULL)
        goto failed;
      sqlite3_bind_int64 (clear, 1, id);
      if (!_liaison_store_step_done (clear, error))
        goto failed;
    }
  else
    {
      g_autoptr(LiaisonStoreStmt) insert = _liaison_store_prepare (self, SQL_INSERT_TRANSCRIPT, error);

      if (insert == NULL)
        goto failed;
      _liaison_store_bind_text_or_null (insert, 1, in->sid);
      _liaison_store_bind_text_or_null (insert, 2, in->recording_sid);
      sqlite3_bind_text (insert, 3, in->call_sid, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, in->source, -1, SQLITE_STATIC);
      _liaison_store_bind_text_or_null (insert, 5, in->language);
      sqlite3_bind_int64 (insert, 6, now);
      _liaison_store_bind_text_or_null (insert, 7, in->engine);
      if (!_liaison_store_step_done (insert, error))
        goto failed;
      id = sqlite3_last_insert_rowid (db);
    }

  for (guint i = 0; i < in->sentences->len; i++)
    {
      LiaisonTranscriptSentence *sentence = g_ptr_array_index (in->sentences, i);
      g_autoptr(LiaisonStoreStmt) insert = _liaison_store_prepare (self, SQL_INSERT_SENTENCE, error);
      double confidence = liaison_transcript_sentence_get_confidence (sentence);
      int channel = liaison_transcript_sentence_get_channel (sentence);

      if (insert == NULL)
        goto failed;
      sqlite3_bind_int64 (insert, 1, id);
      /* Positions as given may repeat; the stored order is the array's. */
      sqlite3_bind_int64 (insert, 2, i);
      bind_int_or_null (insert, 3, channel, channel <= 0);
      _liaison_store_bind_text_or_null (insert, 4, liaison_transcript_sentence_get_speaker (sentence));
      sqlite3_bind_int64 (insert, 5, liaison_transcript_sentence_get_start_ms (sentence));
      sqlite3_bind_int64 (insert, 6, liaison_transcript_sentence_get_end_ms (sentence));
      sqlite3_bind_text (insert, 7, liaison_transcript_sentence_get_text (sentence), -1, SQLITE_STATIC);
      if (confidence < 0)
        sqlite3_bind_null (insert, 8);
      else
        sqlite3_bind_double (insert, 8, confidence);
      if (!_liaison_store_step_done (insert, error))
        goto failed;
    }

  {
    g_autoptr(LiaisonStoreStmt) link = _liaison_store_prepare (self, SQL_LINK_VOICEMAIL_TRANSCRIPT, error);

    if (link == NULL)
      goto failed;
    sqlite3_bind_text (link, 1, in->call_sid, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (link, 2, id);
    if (!_liaison_store_step_done (link, error))
      goto failed;
  }

  if (!_liaison_store_commit (self, error))
    goto failed;
  return boxed_int64 (id);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

void
liaison_store_save_transcript_async (LiaisonStore        *self,
                                     const char          *call_sid,
                                     const char          *recording_sid,
                                     const char          *source,
                                     const char          *engine,
                                     const char          *sid,
                                     const char          *language,
                                     GPtrArray           *sentences,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  TranscriptData *transcript;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (sentences != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_save_transcript_async);

  if (!is_sid (call_sid, "CA") || (recording_sid != NULL && !is_sid (recording_sid, "RE")))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The call identifier is not valid."));
      g_object_unref (task);
      return;
    }
  if (g_strcmp0 (source, "twilio") != 0 && g_strcmp0 (source, "local") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Unknown transcript source “%s”."), source != NULL ? source : "");
      g_object_unref (task);
      return;
    }

  transcript = g_new0 (TranscriptData, 1);
  transcript->call_sid = g_strdup (call_sid);
  transcript->recording_sid = g_strdup (recording_sid);
  transcript->source = g_strdup (source);
  transcript->engine = g_strdup (nonempty (engine));
  transcript->sid = g_strdup (nonempty (sid));
  transcript->language = g_strdup (nonempty (language));
  transcript->sentences = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sentences->len; i++)
    g_ptr_array_add (transcript->sentences, g_object_ref (g_ptr_array_index (sentences, i)));

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, save_transcript_work,
                         transcript, transcript_data_free, g_free);
}

gint64
liaison_store_save_transcript_finish (LiaisonStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

static gpointer
list_sentences_work (LiaisonStore  *self,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return read_sentences (self, db, *(gint64 *) data, error);
}

void
liaison_store_list_sentences_async (LiaisonStore        *self,
                                    gint64               transcript_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_sentences_async);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_sentences_work,
                         boxed_int64 (transcript_id), g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_sentences_finish (LiaisonStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
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

static gpointer
search_sentences_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SearchData *search = data;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_sentence_hit_free);
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  if (search->fts_query == NULL)
    return g_steal_pointer (&hits);

  stmt = _liaison_store_prepare (self, SQL_SEARCH_SENTENCES, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, search->fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) search->limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreSentenceHit *hit = g_new0 (LiaisonStoreSentenceHit, 1);

      hit->sentence_id = sqlite3_column_int64 (stmt, 0);
      hit->transcript_id = sqlite3_column_int64 (stmt, 1);
      hit->call_sid = column_dup (stmt, 2);
      hit->contact_id = sqlite3_column_int64 (stmt, 3);
      hit->start_ms = sqlite3_column_int64 (stmt, 4);
      hit->time = sqlite3_column_int64 (stmt, 5);
      hit->snippet = column_dup (stmt, 6);
      g_ptr_array_add (hits, hit);
    }
  if (!step_rows_done (db, rc, error))
    return NULL;
  return g_steal_pointer (&hits);
}

void
liaison_store_search_sentences_async (LiaisonStore        *self,
                                      const char          *query,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  SearchData *search;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_search_sentences_async);

  search = g_new0 (SearchData, 1);
  search->fts_query = _liaison_store_build_fts_query (query);
  search->limit = clamp_limit (limit);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, search_sentences_work,
                         search, search_data_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_search_sentences_finish (LiaisonStore  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Summaries */

typedef struct {
  char   *call_sid;
  gint64  transcript_id;
  char   *source;
  char   *summary;
  char   *action_items;
  char   *highlights;
  char   *compliance;
  char   *extra;
} SummaryData;

static void
summary_data_free (gpointer data)
{
  SummaryData *summary = data;

  g_free (summary->call_sid);
  g_free (summary->source);
  g_free (summary->summary);
  g_free (summary->action_items);
  g_free (summary->highlights);
  g_free (summary->compliance);
  g_free (summary->extra);
  g_free (summary);
}

static gpointer
save_summary_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SummaryData *in = data;
  gint64 id;

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_DELETE_SUMMARY, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, in->call_sid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, in->source, -1, SQLITE_STATIC);
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_INSERT_SUMMARY, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, in->call_sid, -1, SQLITE_STATIC);
    bind_int_or_null (stmt, 2, in->transcript_id, in->transcript_id <= 0);
    sqlite3_bind_text (stmt, 3, in->source, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, in->summary, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 5, in->action_items, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (stmt, 6, in->highlights);
    _liaison_store_bind_text_or_null (stmt, 7, in->compliance);
    _liaison_store_bind_text_or_null (stmt, 8, in->extra);
    sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
    id = sqlite3_last_insert_rowid (db);
  }

  if (!_liaison_store_commit (self, error))
    goto failed;
  return boxed_int64 (id);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static gboolean
json_is_valid (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;

  if (json == NULL)
    return TRUE;
  parser = json_parser_new ();
  return json_parser_load_from_data (parser, json, -1, NULL);
}

void
liaison_store_save_summary_async (LiaisonStore        *self,
                                  const char          *call_sid,
                                  gint64               transcript_id,
                                  const char          *source,
                                  const char          *summary,
                                  const char * const  *action_items,
                                  const char          *highlights_json,
                                  const char          *compliance_json,
                                  const char          *extra_json,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  SummaryData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_save_summary_async);

  if (!is_sid (call_sid, "CA") || nonempty (source) == NULL || summary == NULL
      || !g_utf8_validate (summary, -1, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The summary is incomplete or not valid text."));
      g_object_unref (task);
      return;
    }
  if (!json_is_valid (highlights_json) || !json_is_valid (compliance_json) || !json_is_valid (extra_json))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The summary’s details are not valid JSON."));
      g_object_unref (task);
      return;
    }

  data = g_new0 (SummaryData, 1);
  data->call_sid = g_strdup (call_sid);
  data->transcript_id = transcript_id;
  data->source = g_strdup (source);
  data->summary = g_strdup (summary);
  data->action_items = action_items_to_json (action_items);
  data->highlights = g_strdup (highlights_json);
  data->compliance = g_strdup (compliance_json);
  data->extra = g_strdup (extra_json);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, save_summary_work,
                         data, summary_data_free, g_free);
}

gint64
liaison_store_save_summary_finish (LiaisonStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

typedef struct {
  char *call_sid;
  char *source;
} GetSummaryData;

static void
get_summary_data_free (gpointer data)
{
  GetSummaryData *get = data;

  g_free (get->call_sid);
  g_free (get->source);
  g_free (get);
}

static gpointer
get_summary_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GetSummaryData *get = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, get->source != NULL ? SQL_GET_SUMMARY
                                                                                      : SQL_GET_SUMMARY_ANY,
                                                             error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, get->call_sid, -1, SQLITE_STATIC);
  if (get->source != NULL)
    sqlite3_bind_text (stmt, 2, get->source, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return summary_from_stmt (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                 _("This call has no summary yet."));
  else
    _liaison_store_set_error (error, db, rc);
  return NULL;
}

void
liaison_store_get_summary_async (LiaisonStore        *self,
                                 const char          *call_sid,
                                 const char          *source,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  GetSummaryData *get;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (call_sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_summary_async);
  get = g_new0 (GetSummaryData, 1);
  get->call_sid = g_strdup (call_sid);
  get->source = g_strdup (source);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_summary_work,
                         get, get_summary_data_free, (GDestroyNotify) liaison_store_summary_free);
}

LiaisonStoreSummary *
liaison_store_get_summary_finish (LiaisonStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Voicemails */

typedef struct {
  char   *call_sid;
  char   *recording_sid;
  char   *recording_url;
  char   *from;
  char   *to;
  int     duration_s;
  gint64  time;
} VoicemailData;

static void
voicemail_data_free (gpointer data)
{
  VoicemailData *voicemail = data;

  g_free (voicemail->call_sid);
  g_free (voicemail->recording_sid);
  g_free (voicemail->recording_url);
  g_free (voicemail->from);
  g_free (voicemail->to);
  g_free (voicemail);
}

static gpointer
upsert_voicemail_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  VoicemailData *in = data;
  g_autofree char *from = g_strdup (in->from);
  g_autofree char *to = g_strdup (in->to);
  gint64 time = in->time > 0 ? in->time : g_get_real_time ();
  gint64 id = 0;
  UpsertResult *result;
  int rc;

  if (!_liaison_store_begin (self, error))
    return NULL;

  /* The numbers of the call, when the event did not carry them. */
  if (from == NULL || to == NULL)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CALL_NUMBERS, error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, in->call_sid, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (from == NULL)
            from = column_dup (stmt, 0);
          if (to == NULL)
            to = column_dup (stmt, 1);
        }
      else if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (error, db, rc);
          goto failed;
        }
    }

  if (in->recording_sid != NULL)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_UPSERT_VOICEMAIL_RECORDING, error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, in->recording_sid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, in->call_sid, -1, SQLITE_STATIC);
      bind_int_or_null (stmt, 3, in->duration_s, in->duration_s < 0);
      _liaison_store_bind_text_or_null (stmt, 4, in->recording_url);
      sqlite3_bind_int64 (stmt, 5, time);
      if (!_liaison_store_step_done (stmt, error))
        goto failed;
    }

  {
    g_autoptr(LiaisonStoreStmt) find = _liaison_store_prepare (self, SQL_FIND_VOICEMAIL, error);

    if (find == NULL)
      goto failed;
    sqlite3_bind_text (find, 1, in->call_sid, -1, SQLITE_STATIC);
    rc = sqlite3_step (find);
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (find, 0);
    else if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, id > 0 ? SQL_UPDATE_VOICEMAIL
                                                                             : SQL_INSERT_VOICEMAIL,
                                                               error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, in->call_sid, -1, SQLITE_STATIC);
    _liaison_store_bind_text_or_null (stmt, 2, in->recording_sid);
    if (id == 0)
      {
        sqlite3_bind_text (stmt, 3, from != NULL ? from : "", -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 4, to != NULL ? to : "", -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 6, time);
      }
    bind_int_or_null (stmt, 5, in->duration_s, in->duration_s < 0);
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
  }

  result = g_new0 (UpsertResult, 1);
  result->is_new = id == 0;
  result->id = id > 0 ? id : sqlite3_last_insert_rowid (db);
  result->changed = TRUE;

  if (!update_missed (self, in->call_sid, error) || !_liaison_store_commit (self, error))
    {
      g_free (result);
      goto failed;
    }
  return result;

failed:
  _liaison_store_rollback (self);
  return NULL;
}

void
liaison_store_upsert_voicemail_async (LiaisonStore        *self,
                                      const char          *call_sid,
                                      const char          *recording_sid,
                                      const char          *recording_url,
                                      const char          *from,
                                      const char          *to,
                                      int                  duration_s,
                                      gint64               time,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  VoicemailData *voicemail;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_upsert_voicemail_async);

  if (!is_sid (call_sid, "CA") || (recording_sid != NULL && !is_sid (recording_sid, "RE")))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The voicemail’s call or recording identifier is not valid."));
      g_object_unref (task);
      return;
    }

  voicemail = g_new0 (VoicemailData, 1);
  voicemail->call_sid = g_strdup (call_sid);
  voicemail->recording_sid = g_strdup (recording_sid);
  voicemail->recording_url = g_strdup (nonempty (recording_url));
  voicemail->from = g_strdup (nonempty (from));
  voicemail->to = g_strdup (nonempty (to));
  voicemail->duration_s = duration_s >= 0 ? duration_s : -1;
  voicemail->time = time;
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, upsert_voicemail_work,
                         voicemail, voicemail_data_free, g_free);
}

gint64
liaison_store_upsert_voicemail_finish (LiaisonStore  *self,
                                       GAsyncResult  *result,
                                       gboolean      *out_is_new,
                                       GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return upsert_finish (result, out_is_new, NULL, error);
}

typedef struct {
  gboolean unhandled_only;
  gint64   before_time;
  gint64   before_id;
  guint    limit;
} ListVoicemailsData;

static gpointer
list_voicemails_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  ListVoicemailsData *list = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) voicemails = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _liaison_store_prepare (self, list->unhandled_only ? SQL_LIST_VOICEMAILS_UNHANDLED
                                                            : SQL_LIST_VOICEMAILS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, list->before_time);
  sqlite3_bind_int64 (stmt, 2, list->before_id);
  sqlite3_bind_int (stmt, 3, (int) list->limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (voicemails, _liaison_voicemail_new_from_stmt (stmt, 0));
  if (!step_rows_done (db, rc, error))
    return NULL;
  return g_steal_pointer (&voicemails);
}

void
liaison_store_list_voicemails_async (LiaisonStore              *self,
                                     gboolean                   unhandled_only,
                                     const LiaisonStoreCursor  *before,
                                     guint                      limit,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data)
{
  GTask *task;
  ListVoicemailsData *list;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_voicemails_async);
  list = g_new0 (ListVoicemailsData, 1);
  list->unhandled_only = unhandled_only;
  cursor_or_newest (before, &list->before_time, &list->before_id);
  list->limit = clamp_limit (limit);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_voicemails_work,
                         list, g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_voicemails_finish (LiaisonStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  gint64    id;
  gboolean  handled;
} HandledData;

static gpointer
set_handled_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  HandledData *handled = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_VOICEMAIL_HANDLED, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, handled->id);
  bind_int_or_null (stmt, 2, g_get_real_time (), !handled->handled);
  if (!_liaison_store_step_done (stmt, error))
    return NULL;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                   _("This voicemail is not stored."));
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

void
liaison_store_set_voicemail_handled_async (LiaisonStore        *self,
                                           gint64               voicemail_id,
                                           gboolean             handled,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  HandledData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_set_voicemail_handled_async);
  data = g_new0 (HandledData, 1);
  data->id = voicemail_id;
  data->handled = handled;
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, set_handled_work,
                         data, g_free, NULL);
}

gboolean
liaison_store_set_voicemail_handled_finish (LiaisonStore  *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/* Legal hold */

typedef struct {
  char     *call_sid;
  gint64    contact_id;
  gboolean  hold;
  char     *actor;
} HoldData;

static void
hold_data_free (gpointer data)
{
  HoldData *hold = data;

  g_free (hold->call_sid);
  g_free (hold->actor);
  g_free (hold);
}

static gpointer
set_hold_work (LiaisonStore  *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  HoldData *hold = data;
  g_autofree char *subject = NULL;
  gint64 now = g_get_real_time ();

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, hold->call_sid != NULL
                                                                     ? SQL_SET_CALL_HOLD
                                                                     : SQL_SET_CONTACT_HOLD,
                                                               error);

    if (stmt == NULL)
      goto failed;
    if (hold->call_sid != NULL)
      {
        sqlite3_bind_text (stmt, 1, hold->call_sid, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 3, now);
      }
    else
      sqlite3_bind_int64 (stmt, 1, hold->contact_id);
    sqlite3_bind_int (stmt, 2, hold->hold ? 1 : 0);
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
    if (sqlite3_changes (db) == 0)
      {
        g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                             hold->call_sid != NULL ? _("This call is not in the history.")
                                                    : _("This contact does not exist."));
        goto failed;
      }
  }

  if (hold->call_sid != NULL)
    subject = g_strdup_printf ("call:%s", hold->call_sid);
  else
    subject = g_strdup_printf ("contact:%" G_GINT64_FORMAT, hold->contact_id);
  if (!_liaison_store_journal_append_locked (self, hold->actor,
                                             hold->hold ? "legal-hold.set" : "legal-hold.clear",
                                             subject, NULL, now, NULL, error))
    goto failed;

  if (!_liaison_store_commit (self, error))
    goto failed;
  return GINT_TO_POINTER (TRUE);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static void
submit_hold (LiaisonStore        *self,
             gpointer             source_tag,
             const char          *call_sid,
             gint64               contact_id,
             gboolean             hold,
             const char          *actor,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  HoldData *data;

  g_task_set_source_tag (task, source_tag);
  data = g_new0 (HoldData, 1);
  data->call_sid = g_strdup (call_sid);
  data->contact_id = contact_id;
  data->hold = hold;
  data->actor = g_strdup (nonempty (actor) != NULL ? actor : "user");
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, set_hold_work,
                         data, hold_data_free, NULL);
}

void
liaison_store_set_call_legal_hold_async (LiaisonStore        *self,
                                         const char          *call_sid,
                                         gboolean             hold,
                                         const char          *actor,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (call_sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  submit_hold (self, liaison_store_set_call_legal_hold_async, call_sid, 0, hold, actor,
               cancellable, callback, user_data);
}

gboolean
liaison_store_set_call_legal_hold_finish (LiaisonStore  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

void
liaison_store_set_contact_legal_hold_async (LiaisonStore        *self,
                                            gint64               contact_id,
                                            gboolean             hold,
                                            const char          *actor,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  submit_hold (self, liaison_store_set_contact_legal_hold_async, NULL, contact_id, hold, actor,
               cancellable, callback, user_data);
}

gboolean
liaison_store_set_contact_legal_hold_finish (LiaisonStore  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

static gpointer
get_contact_hold_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_CONTACT_HOLD, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return boxed_int64 (sqlite3_column_int (stmt, 0) != 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                 _("This contact does not exist."));
  else
    _liaison_store_set_error (error, db, rc);
  return NULL;
}

void
liaison_store_get_contact_legal_hold_async (LiaisonStore        *self,
                                            gint64               contact_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_contact_legal_hold_async);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_contact_hold_work,
                         boxed_int64 (contact_id), g_free, g_free);
}

gboolean
liaison_store_get_contact_legal_hold_finish (LiaisonStore  *self,
                                             GAsyncResult  *result,
                                             gboolean      *out_hold,
                                             GError       **error)
{
  g_autofree gint64 *hold = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  hold = g_task_propagate_pointer (G_TASK (result), error);
  if (out_hold != NULL)
    *out_hold = hold != NULL && *hold != 0;
  return hold != NULL;
}

/* Retention (private) */

typedef struct {
  gint64 cutoff;
  gint64 now;
  guint  limit;
} ExpiredData;

static gpointer
list_expired_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ExpiredData *expired = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_LIST_EXPIRED_RECORDINGS, error);
  g_autoptr(GPtrArray) recordings = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, expired->cutoff);
  sqlite3_bind_int64 (stmt, 2, expired->now);
  sqlite3_bind_int64 (stmt, 3, expired->limit > 0 ? (gint64) expired->limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (recordings, _liaison_recording_new_from_stmt (stmt, 0));
  if (!step_rows_done (db, rc, error))
    return NULL;
  return g_steal_pointer (&recordings);
}

void
_liaison_store_list_expired_recordings_async (LiaisonStore        *self,
                                              gint64               cutoff,
                                              gint64               now,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GTask *task;
  ExpiredData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _liaison_store_list_expired_recordings_async);
  data = g_new0 (ExpiredData, 1);
  data->cutoff = cutoff;
  data->now = now;
  data->limit = limit;
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, list_expired_work,
                         data, g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
_liaison_store_list_expired_recordings_finish (LiaisonStore  *self,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  char   *sid;
  gint64  time;
  char   *actor;
  char   *detail;
} DeletedData;

static void
deleted_data_free (gpointer data)
{
  DeletedData *deleted = data;

  g_free (deleted->sid);
  g_free (deleted->actor);
  g_free (deleted->detail);
  g_free (deleted);
}

static gpointer
mark_deleted_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  DeletedData *deleted = data;
  g_autofree char *subject = g_strdup_printf ("recording:%s", deleted->sid);

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_MARK_RECORDING_DELETED, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_text (stmt, 1, deleted->sid, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, deleted->time);
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
    if (sqlite3_changes (db) == 0)
      {
        g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                     _("This recording is not stored or was already deleted."));
        goto failed;
      }
  }

  if (!_liaison_store_journal_append_locked (self, deleted->actor, "recording.delete", subject,
                                             deleted->detail, deleted->time, NULL, error)
      || !_liaison_store_commit (self, error))
    goto failed;
  return GINT_TO_POINTER (TRUE);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

void
_liaison_store_mark_recording_deleted_async (LiaisonStore        *self,
                                             const char          *recording_sid,
                                             gint64               time,
                                             const char          *actor,
                                             const char          *detail,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  GTask *task;
  DeletedData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (recording_sid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _liaison_store_mark_recording_deleted_async);
  data = g_new0 (DeletedData, 1);
  data->sid = g_strdup (recording_sid);
  data->time = time;
  data->actor = g_strdup (actor != NULL ? actor : "retention");
  data->detail = g_strdup (detail);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, mark_deleted_work,
                         data, deleted_data_free, NULL);
}

gboolean
_liaison_store_mark_recording_deleted_finish (LiaisonStore  *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/* Store state (private) */

typedef struct {
  char *key;
  char *value;
} StateData;

static void
state_data_free (gpointer data)
{
  StateData *state = data;

  g_free (state->key);
  g_free (state->value);
  g_free (state);
}

/* A missing key is an empty result, told apart from an error by a boxed
 * NULL: the result is a pointer to a string pointer. */
static gpointer
get_state_work (LiaisonStore  *self,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  StateData *state = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_STATE, error);
  char **value;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, state->key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }
  value = g_new0 (char *, 1);
  if (rc == SQLITE_ROW)
    *value = column_dup (stmt, 0);
  return value;
}

static void
boxed_string_free (gpointer data)
{
  char **value = data;

  g_free (*value);
  g_free (value);
}

void
_liaison_store_get_state_async (LiaisonStore        *self,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  StateData *state;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _liaison_store_get_state_async);
  state = g_new0 (StateData, 1);
  state->key = g_strdup (key);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_state_work,
                         state, state_data_free, boxed_string_free);
}

char *
_liaison_store_get_state_finish (LiaisonStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  char **value;
  char *text;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return NULL;
  text = *value;
  g_free (value);
  return text;
}

static gpointer
set_state_work (LiaisonStore  *self,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  StateData *state = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, state->value != NULL ? SQL_SET_STATE
                                                                                       : SQL_DELETE_STATE,
                                                             error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, state->key, -1, SQLITE_STATIC);
  if (state->value != NULL)
    {
      sqlite3_bind_text (stmt, 2, state->value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
    }
  if (!_liaison_store_step_done (stmt, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
_liaison_store_set_state_async (LiaisonStore        *self,
                                const char          *key,
                                const char          *value,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  StateData *state;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _liaison_store_set_state_async);
  state = g_new0 (StateData, 1);
  state->key = g_strdup (key);
  state->value = g_strdup (value);
  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, set_state_work,
                         state, state_data_free, NULL);
}

gboolean
_liaison_store_set_state_finish (LiaisonStore  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}
