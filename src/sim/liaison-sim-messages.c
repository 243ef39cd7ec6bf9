/* liaison-sim-messages.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"
#include "liaison-log.h"
#include "liaison-sms-segments.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Messages (TWILIO.md §2), kept in SQLite.
 *
 * The simulated clock starts at the wall-clock time the simulator started and
 * moves only through POST /_sim/clock/advance (or every second with
 * --realtime). An outbound message goes queued → sending (+1 s) → sent (+2 s)
 * → delivered (+5 s); the simulator's own magic recipients +1500555003N end
 * in undelivered with error 3000N (N = 3..7), and +15005550038 in failed with
 * 30008. Each change after the first POSTs a signed status callback.
 *
 * Scheduled sends (ScheduleType=fixed, SendAt, with a MessagingServiceSid)
 * start as "scheduled" and turn "queued" when the simulated clock reaches
 * SendAt, then move on as above; Status=canceled before then ends them as
 * "canceled" (with a callback). */

#define MESSAGES_SCHEMA \
  "CREATE TABLE IF NOT EXISTS messages (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  direction TEXT NOT NULL," \
  "  from_number TEXT," \
  "  to_number TEXT NOT NULL," \
  "  body TEXT NOT NULL," \
  "  status TEXT NOT NULL," \
  "  num_segments INTEGER NOT NULL," \
  "  media_urls TEXT NOT NULL DEFAULT ''," \
  "  messaging_service_sid TEXT," \
  "  status_callback TEXT," \
  "  error_code INTEGER," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL," \
  "  date_sent INTEGER," \
  "  next_at INTEGER," \
  "  final_status TEXT," \
  "  final_error INTEGER);" \
  "CREATE INDEX IF NOT EXISTS messages_account ON messages (account_sid, seq);" \
  "CREATE INDEX IF NOT EXISTS messages_to ON messages (account_sid, to_number, seq);" \
  "CREATE INDEX IF NOT EXISTS messages_from ON messages (account_sid, from_number, seq);" \
  "CREATE INDEX IF NOT EXISTS messages_next ON messages (next_at) WHERE next_at IS NOT NULL;" \
  "CREATE TABLE IF NOT EXISTS opt_outs (" \
  "  account_sid TEXT NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL," \
  "  PRIMARY KEY (account_sid, sender, recipient));"

#define MESSAGE_COLUMNS \
  "seq, sid, account_sid, direction, from_number, to_number, body, status, num_segments," \
  " media_urls, messaging_service_sid, status_callback, error_code, date_created," \
  " date_updated, date_sent, next_at, final_status, final_error"

typedef struct {
  gint64  seq;
  char   *sid;
  char   *account_sid;
  char   *direction;
  char   *from;
  char   *to;
  char   *body;
  char   *status;
  gint    num_segments;
  char  **media_urls;
  char   *messaging_service_sid;
  char   *status_callback;
  gint    error_code;      /* 0: none */
  gint64  date_created;
  gint64  date_updated;
  gint64  date_sent;       /* 0: none */
  gint64  next_at;         /* 0: none */
  char   *final_status;
  gint    final_error;
} SimMessage;

static void
sim_message_free (SimMessage *message)
{
  g_free (message->sid);
  g_free (message->account_sid);
  g_free (message->direction);
  g_free (message->from);
  g_free (message->to);
  g_free (message->body);
  g_free (message->status);
  g_strfreev (message->media_urls);
  g_free (message->messaging_service_sid);
  g_free (message->status_callback);
  g_free (message->final_status);
  g_free (message);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimMessage, sim_message_free)

static SimMessage *
message_from_row (sqlite3_stmt *stmt)
{
  SimMessage *message = g_new0 (SimMessage, 1);
  const char *media = (const char *) sqlite3_column_text (stmt, 9);

  message->seq = sqlite3_column_int64 (stmt, 0);
  message->sid = sim_dup_column (stmt, 1);
  message->account_sid = sim_dup_column (stmt, 2);
  message->direction = sim_dup_column (stmt, 3);
  message->from = sim_dup_column (stmt, 4);
  message->to = sim_dup_column (stmt, 5);
  message->body = sim_dup_column (stmt, 6);
  message->status = sim_dup_column (stmt, 7);
  message->num_segments = sqlite3_column_int (stmt, 8);
  message->media_urls = (media != NULL && *media != '\0') ? g_strsplit (media, "\n", -1) : g_new0 (char *, 1);
  message->messaging_service_sid = sim_dup_column (stmt, 10);
  message->status_callback = sim_dup_column (stmt, 11);
  message->error_code = sqlite3_column_int (stmt, 12);
  message->date_created = sqlite3_column_int64 (stmt, 13);
  message->date_updated = sqlite3_column_int64 (stmt, 14);
  message->date_sent = sqlite3_column_int64 (stmt, 15);
  message->next_at = sqlite3_column_int64 (stmt, 16);
  message->final_status = sim_dup_column (stmt, 17);
  message->final_error = sqlite3_column_int (stmt, 18);

  return message;
}

static SimMessage *
db_message_get (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *sid)
{
  return sim_db_get_by_sid (self, "SELECT " MESSAGE_COLUMNS " FROM messages"
                                  " WHERE sid = ? AND account_sid = ?",
                            account_sid, sid, (SimRowFunc) message_from_row);
}

static gboolean
db_message_insert (LiaisonSimServer *self,
                   SimMessage       *message)
{
  g_autofree char *media = g_strjoinv ("\n", message->media_urls);
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "INSERT INTO messages (sid, account_sid, direction, from_number, to_number, body, status,"
    " num_segments, media_urls, messaging_service_sid, status_callback, error_code,"
    " date_created, date_updated, date_sent, next_at, final_status, final_error)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF (?, 0), ?, ?, NULLIF (?, 0), NULLIF (?, 0), ?, ?)");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, message->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, message->account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, message->direction, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 4, message->from);
  sqlite3_bind_text (stmt, 5, message->to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, message->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, message->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, message->num_segments);
  sqlite3_bind_text (stmt, 9, media, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 10, message->messaging_service_sid);
  sim_bind_text_or_null (stmt, 11, message->status_callback);
  sqlite3_bind_int (stmt, 12, message->error_code);
  sqlite3_bind_int64 (stmt, 13, message->date_created);
  sqlite3_bind_int64 (stmt, 14, message->date_updated);
  sqlite3_bind_int64 (stmt, 15, message->date_sent);
  sqlite3_bind_int64 (stmt, 16, message->next_at);
  sim_bind_text_or_null (stmt, 17, message->final_status);
  sqlite3_bind_int (stmt, 18, message->final_error);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
  else
    message->seq = sqlite3_last_insert_rowid (self->db);
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
db_message_update (LiaisonSimServer *self,
                   SimMessage       *message)
{
  sqlite3_stmt *stmt = sim_db_prepare (self,
    "UPDATE messages SET body = ?, status = ?, error_code = NULLIF (?, 0), date_updated = ?,"
    " date_sent = NULLIF (?, 0), next_at = NULLIF (?, 0) WHERE seq = ?");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, message->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, message->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, message->error_code);
  sqlite3_bind_int64 (stmt, 4, message->date_updated);
  sqlite3_bind_int64 (stmt, 5, message->date_sent);
  sqlite3_bind_int64 (stmt, 6, message->next_at);
  sqlite3_bind_int64 (stmt, 7, message->seq);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
db_opted_out (LiaisonSimServer *self,
              const char       *account_sid,
              const char       *sender,
              const char       *recipient)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT 1 FROM opt_outs WHERE account_sid = ?"
                                         " AND sender = ? AND recipient = ?");
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, recipient, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

static void
db_set_opt_out (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *sender,
                const char       *recipient,
                gboolean          opted_out)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, opted_out
                                   ? "INSERT OR IGNORE INTO opt_outs VALUES (?, ?, ?)"
                                   : "DELETE FROM opt_outs WHERE account_sid = ? AND sender = ?"
                                     " AND recipient = ?");

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, recipient, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

/* Segments (TWILIO.md §2.7), counted by the core as the composer does. */

static guint
count_segments (const char *body)
{
  LiaisonSmsSegments segments;

  liaison_sms_segments_count (body, &segments);
  return segments.n_segments;
}

static const char *
error_message_for (gint code)
{
  switch (code)
    {
    case 30003: return "Unreachable destination handset";
    case 30004: return "Message blocked";
    case 30005: return "Unknown destination handset";
    case 30006: return "Landline or unreachable carrier";
    case 30007: return "Message filtered";
    case 30008: return "Unknown error";
    default: return NULL;
    }
}

/* Message JSON is written straight into a GString: a page of 1,000 through
 * JsonBuilder and JsonGenerator spent most of its ~20 ms allocating nodes
 * (perf, bench-sim-list). The bytes are JsonGenerator's (compact, members in
 * the order below, UTF-8 as is), except that every control character is
 * escaped. */

static void
json_append_string (GString    *out,
                    const char *value)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  for (run = p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default: escape = NULL; break;
        }
      if (escape != NULL)
        g_string_append (out, escape);
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* "name": */
static void
json_append_name (GString    *out,
                  const char *name)
{
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

/* RFC 2822 of Unix seconds, as sim_format_unix(), or null for 0. */
static void
json_append_date (GString *out,
                  gint64   seconds)
{
  static const char * const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  time_t when = (time_t) seconds;
  struct tm tm;

  if (seconds == 0 || gmtime_r (&when, &tm) == NULL || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_printf (out, "\"%s, %02d %s %04d %02d:%02d:%02d +0000\"",
                          days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
                          tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
append_message (GString    *out,
                SimMessage *message)
{
  g_string_append_c (out, '{');
  json_append_name (out, "account_sid");
  json_append_string (out, message->account_sid);
  g_string_append (out, ",\"api_version\":\"2010-04-01\",");
  json_append_name (out, "body");
  json_append_string (out, message->body);
  g_string_append_c (out, ',');
  json_append_name (out, "date_created");
  json_append_date (out, message->date_created);
  g_string_append_c (out, ',');
  json_append_name (out, "date_sent");
  json_append_date (out, message->date_sent);
  g_string_append_c (out, ',');
  json_append_name (out, "date_updated");
  json_append_date (out, message->date_updated);
  g_string_append_c (out, ',');
  json_append_name (out, "direction");
  json_append_string (out, message->direction);
  g_string_append_c (out, ',');
  json_append_name (out, "error_code");
  if (message->error_code != 0)
    g_string_append_printf (out, "%d", message->error_code);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ',');
  json_append_name (out, "error_message");
  json_append_string (out, error_message_for (message->error_code));
  g_string_append_c (out, ',');
  json_append_name (out, "from");
  json_append_string (out, message->from);
  g_string_append_c (out, ',');
  json_append_name (out, "messaging_service_sid");
  json_append_string (out, message->messaging_service_sid);
  g_string_append_printf (out, ",\"num_media\":\"%u\",\"num_segments\":\"%d\","
                          "\"price\":null,\"price_unit\":null,",
                          g_strv_length (message->media_urls), message->num_segments);
  json_append_name (out, "sid");
  json_append_string (out, message->sid);
  g_string_append_c (out, ',');
  json_append_name (out, "status");
  json_append_string (out, message->status);
  /* The SIDs in the URIs are ours: hex digits after a prefix. */
  g_string_append_printf (out, ",\"subresource_uris\":{\"media\":\"" API_VERSION_PATH
                          "/Accounts/%s/Messages/%s/Media.json\"},",
                          message->account_sid, message->sid);
  json_append_name (out, "to");
  json_append_string (out, message->to);
  g_string_append_printf (out, ",\"uri\":\"" API_VERSION_PATH "/Accounts/%s/Messages/%s.json\"}",
                          message->account_sid, message->sid);
}

/* Takes @out. */
static void
respond_gstring (SoupServerMessage *msg,
                 guint              status,
                 GString           *out)
{
  gsize length = out->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, g_string_free (out, FALSE), length);
}

static void
respond_message (SoupServerMessage *msg,
                 guint              status,
                 SimMessage        *message)
{
  GString *out = g_string_sized_new (1024);

  append_message (out, message);
  respond_gstring (msg, status, out);
}

/* Status progression */

static void
schedule_next (SimMessage *message,
               gint64      now)
{
  if (g_str_equal (message->status, "accepted"))
    message->next_at = now + 1;
  else if (g_str_equal (message->status, "queued"))
    message->next_at = now + 1;
  else if (g_str_equal (message->status, "sending"))
    message->next_at = now + 1;
  else if (g_str_equal (message->status, "sent"))
    message->next_at = now + 3;
  else
    message->next_at = 0;
}

static void
advance_status (SimMessage *message,
                gint64      at)
{
  const char *next = NULL;

  if (g_str_equal (message->status, "accepted") || g_str_equal (message->status, "scheduled"))
    next = "queued";
  else if (g_str_equal (message->status, "queued"))
    next = "sending";
  else if (g_str_equal (message->status, "sending"))
    {
      if (g_strcmp0 (message->final_status, "failed") == 0)
        {
          next = "failed";
          message->error_code = message->final_error;
        }
      else
        {
          next = "sent";
          message->date_sent = at;
        }
    }
  else if (g_str_equal (message->status, "sent"))
    {
      next = message->final_status != NULL ? message->final_status : "delivered";
      message->error_code = message->final_error;
    }

  if (next == NULL)
    {
      message->next_at = 0;
      return;
    }

  g_free (message->status);
  message->status = g_strdup (next);
  message->date_updated = at;
  schedule_next (message, at);
}

static void
queue_status_callback (LiaisonSimServer *self,
                       SimMessage       *message)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, message->account_sid);
  g_autoptr(SimNumber) number = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  const char *url = message->status_callback;
  SimCallback *callback;

  if (account == NULL)
    return;
  if (url == NULL || *url == '\0')
    {
      number = sim_db_number_get (self, message->from);
      if (number != NULL)
        url = number->status_callback;
    }
  if (url == NULL || *url == '\0')
    return;

  sim_pairs_add (pairs, "AccountSid", message->account_sid);
  sim_pairs_add (pairs, "ApiVersion", "2010-04-01");
  if (message->error_code != 0)
    {
      g_autofree char *code = g_strdup_printf ("%d", message->error_code);

      sim_pairs_add (pairs, "ErrorCode", code);
    }
  sim_pairs_add (pairs, "From", message->from);
  sim_pairs_add (pairs, "MessageSid", message->sid);
  sim_pairs_add (pairs, "MessageStatus", message->status);
  if (message->messaging_service_sid != NULL)
    sim_pairs_add (pairs, "MessagingServiceSid", message->messaging_service_sid);
  if (g_str_equal (message->status, "delivered") || g_str_equal (message->status, "undelivered"))
    {
      g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (message->date_updated);
      g_autofree char *raw = g_date_time_format (date_time, "%y%m%d%H%M");

      sim_pairs_add (pairs, "RawDlrDoneDate", raw);
    }
  sim_pairs_add (pairs, "SmsSid", message->sid);
  sim_pairs_add (pairs, "SmsStatus", message->status);
  sim_pairs_add (pairs, "To", message->to);

  callback = g_new0 (SimCallback, 1);
  callback->url = g_strdup (url);
  callback->params = sim_pairs_to_strv (pairs);
  callback->auth_token = g_strdup (account->auth_token);
  callback->idempotency_token = sim_new_idempotency_token ();
  sim_enqueue_callback (self, callback);
}

/* Runs every transition due by the clock, in time order, in one savepoint
 * (a commit per transition made a big advance crawl). */
static void
messages_tick (LiaisonSimServer *self)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT " MESSAGE_COLUMNS " FROM messages"
                                         " WHERE next_at IS NOT NULL AND next_at <= ?"
                                         " ORDER BY next_at, seq LIMIT 1");

  if (stmt == NULL)
    return;
  sqlite3_exec (self->db, "SAVEPOINT messages_tick", NULL, NULL, NULL);
  for (;;)
    {
      g_autoptr(SimMessage) message = NULL;

      sqlite3_bind_int64 (stmt, 1, self->clock);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        message = message_from_row (stmt);
      sqlite3_reset (stmt);
      if (message == NULL)
        break;

      advance_status (message, message->next_at);
      if (!db_message_update (self, message))
        break;
      queue_status_callback (self, message);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (self->db, "RELEASE messages_tick", NULL, NULL, NULL);
}

/* Creating messages */

static const struct {
  const char *to;
  const char *final_status;
  gint        error;
} delivery_magic[] = {
  { "+15005550033", "undelivered", 30003 },
  { "+15005550034", "undelivered", 30004 },
  { "+15005550035", "undelivered", 30005 },
  { "+15005550036", "undelivered", 30006 },
  { "+15005550037", "undelivered", 30007 },
  { "+15005550038", "failed", 30008 },
};

/* Scheduling (Twilio's Message Scheduling; errors 35111, 35114, 35118,
 * 35126): SendAt must be ISO 8601 and between 900 s and 35 days ahead of the
 * simulated clock, inclusive, and a Messaging Service is required. Answers
 * the error and returns FALSE when the parameters are refused; *out_send_at
 * is 0 for an immediate send. */

#define SCHEDULE_MIN_SEC  900
#define SCHEDULE_MAX_SEC  (35 * 86400)

static gboolean
check_schedule (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                const char        *schedule_type,
                const char        *send_at_text,
                gboolean           has_service,
                gint64            *out_send_at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) send_at = NULL;
  gint64 ahead;

  *out_send_at = 0;
  if (schedule_type == NULL && send_at_text == NULL)
    return TRUE;

  if (schedule_type == NULL)
    {
      /* Twilio needs both [INF: what it does with SendAt alone]; refusing
       * beats sending at once what was meant for later. */
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "ScheduleType 'fixed' is required with SendAt");
      return FALSE;
    }
  if (!g_str_equal (schedule_type, "fixed"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 35126,
                         "The ScheduleType value provided is not supported for this channel");
      return FALSE;
    }
  if (send_at_text == NULL || *send_at_text == '\0')
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 35111,
                         "You must indicate SendAt timestamp if ScheduleType is 'fixed'");
      return FALSE;
    }
  if (!has_service)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 35118,
                         "MessagingServiceSid is required to schedule a message");
      return FALSE;
    }

  send_at = g_date_time_new_from_iso8601 (send_at_text, utc);
  ahead = send_at != NULL ? g_date_time_to_unix (send_at) - self->clock : -1;
  if (send_at == NULL || ahead < SCHEDULE_MIN_SEC || ahead > SCHEDULE_MAX_SEC)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 35114,
                         "Scheduling does not support this timestamp: SendAt time must be between "
                         "900 seconds and 35 days (3024000 seconds) in the future, inclusive");
      return FALSE;
    }

  *out_send_at = g_date_time_to_unix (send_at);
  return TRUE;
}

static SimMessage *
create_outbound (LiaisonSimServer *self,
                 const char       *account_sid,
                 const char       *direction,
                 const char       *from,
                 const char       *to,
                 const char       *body,
                 const char       *messaging_service_sid,
                 const char       *status_callback,
                 const char * const *media_urls,
                 gint64            send_at)
{
  SimMessage *message = g_new0 (SimMessage, 1);

  message->sid = sim_new_sid (media_urls != NULL && media_urls[0] != NULL ? "MM" : "SM");
  message->account_sid = g_strdup (account_sid);
  message->direction = g_strdup (direction);
  message->from = g_strdup (from);
  message->to = g_strdup (to);
  message->body = g_strdup (body != NULL ? body : "");
  message->status = g_strdup (messaging_service_sid != NULL ? "accepted" : "queued");
  message->num_segments = count_segments (body);
  message->media_urls = g_strdupv ((char **) media_urls);
  if (message->media_urls == NULL)
    message->media_urls = g_new0 (char *, 1);
  message->messaging_service_sid = g_strdup (messaging_service_sid);
  message->status_callback = g_strdup (status_callback);
  message->date_created = self->clock;
  message->date_updated = self->clock;
  for (gsize i = 0; i < G_N_ELEMENTS (delivery_magic); i++)
    {
      if (g_str_equal (to, delivery_magic[i].to))
        {
          message->final_status = g_strdup (delivery_magic[i].final_status);
          message->final_error = delivery_magic[i].error;
        }
    }
  if (send_at != 0)
    {
      /* Waits for its time; then queued (advance_status). */
      g_free (message->status);
      message->status = g_strdup ("scheduled");
      message->next_at = send_at;
    }
  else
    {
      schedule_next (message, self->clock);
    }

  if (!db_message_insert (self, message))
    {
      sim_message_free (message);
      return NULL;
    }
  return message;
}

static void
handle_messages_create (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = sim_request_form (msg);
  g_autoptr(GPtrArray) media = g_ptr_array_new ();
  g_autoptr(SimMessage) message = NULL;
  const char *to = sim_form_get (form, "To");
  const char *from = sim_form_get (form, "From");
  const char *service = sim_form_get (form, "MessagingServiceSid");
  const char *body = sim_form_get (form, "Body");
  const char *status_callback = sim_form_get (form, "StatusCallback");
  const char *schedule_type = sim_form_get (form, "ScheduleType");
  const char *send_at_text = sim_form_get (form, "SendAt");
  const char *sender;
  gint64 send_at = 0;
  g_autofree char *sid = g_match_info_fetch (match, 1);

  if (!g_str_equal (sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return;
    }

  for (guint i = 0; i + 1 < form->len; i += 2)
    if (g_str_equal (g_ptr_array_index (form, i), "MediaUrl"))
      g_ptr_array_add (media, g_ptr_array_index (form, i + 1));
  g_ptr_array_add (media, NULL);

  if (to == NULL || *to == '\0')
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21604,
                     "A 'To' phone number is required.");
      return;
    }
  if ((from == NULL || *from == '\0') && (service == NULL || *service == '\0'))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21603,
                     "A 'From' or 'MessagingServiceSid' parameter is required");
      return;
    }
  if ((body == NULL || *body == '\0') && media->len == 1)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21602, "Message body is required.");
      return;
    }
  if (body != NULL && g_utf8_strlen (body, -1) > 1600)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21617,
                     "The concatenated message body exceeds the 1600 character limit.");
      return;
    }
  if (media->len > 11)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21623,
                     "Number of media files exceeds allowed limit.");
      return;
    }
  if (service != NULL && *service != '\0' && !sim_is_sid (service, "MG"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21701,
                     "The Messaging Service Sid is invalid.");
      return;
    }
  if (status_callback != NULL && *status_callback != '\0')
    {
      g_autoptr(GUri) uri = g_uri_parse (status_callback, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL
          || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
              && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21609, "Invalid StatusCallback");
          return;
        }
    }
  else
    {
      status_callback = NULL;
    }
  if (!check_schedule (self, msg, schedule_type, send_at_text,
                       service != NULL && *service != '\0', &send_at))
    return;

  /* Magic numbers (TWILIO.md §7), then ordinary validation. */
  if (g_str_equal (to, "+15005550001") || !sim_is_address (to))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21211,
                     "Invalid 'To' Phone Number");
      return;
    }
  if (g_str_equal (to, "+15005550002"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21612,
                     "The 'To' phone number is not currently reachable via SMS.");
      return;
    }
  if (g_str_equal (to, "+15005550003"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21408,
                     "Permission to send an SMS has not been enabled for the region indicated by the 'To' number");
      return;
    }
  if (g_str_equal (to, "+15005550004"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21610,
                     "Attempt to send to unsubscribed recipient");
      return;
    }
  if (g_str_equal (to, "+15005550009"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21614,
                     "'To' number is not a valid mobile number");
      return;
    }
  if (from != NULL && *from != '\0')
    {
      if (g_str_equal (from, "+15005550001") || !sim_is_address (from))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "Invalid From Number (caller ID)");
          return;
        }
      if (g_str_equal (from, "+15005550007"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21606,
                         "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination.");
          return;
        }
      if (g_str_equal (from, "+15005550008"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21611,
                         "This 'From' number has exceeded the maximum number of queued messages");
          return;
        }
    }
  else
    {
      from = NULL;
    }

  sender = from != NULL ? from : service;
  if (db_opted_out (self, account->sid, sender, to))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21610,
                     "Attempt to send to unsubscribed recipient");
      return;
    }

  message = create_outbound (self, account->sid, "outbound-api", from, to, body,
                             (service != NULL && *service != '\0') ? service : NULL,
                             status_callback, (const char * const *) media->pdata, send_at);
  if (message == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  LIAISON_DEBUG_MASKED (to, "Message to %s created: %s", message->sid);
  respond_message (msg, SOUP_STATUS_CREATED, message);
}

static SimMessage *
lookup_message (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                SimAccount        *account,
                GMatchInfo        *match)
{
  g_autofree char *account_sid = g_match_info_fetch (match, 1);
  g_autofree char *sid = g_match_info_fetch (match, 2);
  SimMessage *message;

  if (!g_str_equal (account_sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return NULL;
    }
  message = db_message_get (self, account->sid, sid);
  if (message == NULL)
    sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
  return message;
}

static void
handle_message_fetch (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimAccount        *account,
                      GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);

  if (message != NULL)
    respond_message (msg, SOUP_STATUS_OK, message);
}

static void
handle_message_delete (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       SimAccount        *account,
                       GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);
  sqlite3_stmt *stmt;

  if (message == NULL)
    return;
  stmt = sim_db_prepare (self, "DELETE FROM messages WHERE seq = ?");
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_int64 (stmt, 1, message->seq);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
handle_message_update (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       SimAccount        *account,
                       GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);
  g_autoptr(GPtrArray) form = NULL;
  const char *body;
  const char *status;
  gboolean canceled = FALSE;

  if (message == NULL)
    return;
  form = sim_request_form (msg);
  body = sim_form_get (form, "Body");
  status = sim_form_get (form, "Status");

  if (status != NULL)
    {
      if (!g_str_equal (status, "canceled"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "Status can only be updated to 'canceled'");
          return;
        }
      if (!g_str_equal (message->status, "scheduled") && !g_str_equal (message->status, "queued")
          && !g_str_equal (message->status, "accepted"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 30409,
                         "Message can not be canceled in its current status");
          return;
        }
      g_free (message->status);
      message->status = g_strdup ("canceled");
      message->next_at = 0;
      canceled = TRUE;
    }
  if (body != NULL)
    {
      if (*body != '\0')
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "Body can only be updated to an empty string (redaction)");
          return;
        }
      if (message->next_at != 0)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20009,
                         "Cannot redact a message that is still being delivered");
          return;
        }
      g_free (message->body);
      message->body = g_strdup ("");
    }
  message->date_updated = self->clock;
  if (!db_message_update (self, message))
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  if (canceled)
    {
      queue_status_callback (self, message);
      sim_send_next_callback (self);
    }
  respond_message (msg, SOUP_STATUS_OK, message);
}

/* The simulator fetches no media: the type comes from the URL's suffix. */
static const char *
guess_content_type (const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url, -1);

  if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg"))
    return "image/jpeg";
  if (g_str_has_suffix (lower, ".png"))
    return "image/png";
  if (g_str_has_suffix (lower, ".gif"))
    return "image/gif";
  if (g_str_has_suffix (lower, ".pdf"))
    return "application/pdf";
  return "application/octet-stream";
}

static void
handle_media_list (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = NULL;

  if (message == NULL)
    return;
  uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Messages/%s/Media.json?PageSize=50&Page=0",
                         message->account_sid, message->sid);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "first_page_uri", uri);
  sim_add_string_or_null (builder, "next_page_uri", NULL);
  sim_add_string_or_null (builder, "previous_page_uri", NULL);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, 50);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, MAX ((gint) g_strv_length (message->media_urls) - 1, 0));
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_set_member_name (builder, "media_list");
  json_builder_begin_array (builder);
  for (guint i = 0; message->media_urls[i] != NULL; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%s/%u", message->sid, i);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
      g_autofree char *media_sid = g_strconcat ("ME", hash, NULL);
      g_autofree char *media_uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Messages/%s/Media/%s.json",
                                                    message->account_sid, message->sid, media_sid);
      const char *content_type = guess_content_type (message->media_urls[i]);

      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "account_sid", message->account_sid);
      sim_add_string_or_null (builder, "content_type", content_type);
      sim_add_date_member (builder, "date_created", message->date_created);
      sim_add_date_member (builder, "date_updated", message->date_created);
      sim_add_string_or_null (builder, "parent_sid", message->sid);
      sim_add_string_or_null (builder, "sid", media_sid);
      sim_add_string_or_null (builder, "uri", media_uri);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

/* "YYYY-MM-DD" → Unix seconds at 00:00 UTC, or -1. */
static gint64
parse_day (const char *text)
{
  int year, month, day;
  char extra;
  g_autoptr(GDateTime) date_time = NULL;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3)
    return -1;
  date_time = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date_time == NULL)
    return -1;
  return g_date_time_to_unix (date_time);
}

static void
handle_messages_list (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimAccount        *account,
                      GMatchInfo        *match)
{
  static const char * const filter_names[] = { "To", "From", "DateSent", "DateSent<", "DateSent>" };
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " MESSAGE_COLUMNS " FROM messages WHERE account_sid = ?1");
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_message_free);
  g_autofree char *account_sid = g_match_info_fetch (match, 1);
  GString *out;
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *page_size_text = sim_form_get (query, "PageSize");
  const char *page_text = sim_form_get (query, "Page");
  const char *token = sim_form_get (query, "PageToken");
  const char *to = sim_form_get (query, "To");
  const char *from = sim_form_get (query, "From");
  gint64 day = -1, day_before = -1, day_after = -1;
  gint64 page_size = 50;
  gint64 page = 0;
  gboolean backwards = FALSE;
  gboolean has_more = FALSE;
  g_autofree char *uri = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *next_uri = NULL;
  g_autofree char *previous_uri = NULL;
  sqlite3_stmt *stmt;
  char *end = NULL;

  if (!g_str_equal (account_sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return;
    }

  if (page_size_text != NULL)
    {
      page_size = g_ascii_strtoll (page_size_text, &end, 10);
      if (*page_size_text == '\0' || *end != '\0' || page_size < 1)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageSize");
          return;
        }
      page_size = MIN (page_size, 1000);
    }
  if (page_text != NULL)
    {
      page = g_ascii_strtoll (page_text, &end, 10);
      if (*page_text == '\0' || *end != '\0' || page < 0 || page > G_MAXINT32)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid Page");
          return;
        }
    }
  if (token != NULL && !((g_str_has_prefix (token, "PA") || g_str_has_prefix (token, "PB"))
                         && (sim_is_sid (token + 2, "SM") || sim_is_sid (token + 2, "MM"))))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageToken");
      return;
    }

  if (sim_form_get (query, "DateSent") != NULL && (day = parse_day (sim_form_get (query, "DateSent"))) < 0)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid DateSent");
      return;
    }
  if (sim_form_get (query, "DateSent<") != NULL && (day_before = parse_day (sim_form_get (query, "DateSent<"))) < 0)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid DateSent<");
      return;
    }
  if (sim_form_get (query, "DateSent>") != NULL && (day_after = parse_day (sim_form_get (query, "DateSent>"))) < 0)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid DateSent>");
      return;
    }

  if (to != NULL)
    g_string_append (sql, " AND to_number = ?2");
  if (from != NULL)
    g_string_append (sql, " AND from_number = ?3");
  if (day >= 0)
    g_string_append (sql, " AND date_sent >= ?4 AND date_sent < ?4 + 86400");
  /* DateSent< and DateSent> are "on or before" and "on or after". */
  if (day_before >= 0)
    g_string_append (sql, " AND date_sent < ?5 + 86400");
  if (day_after >= 0)
    g_string_append (sql, " AND date_sent >= ?6");
  if (token != NULL)
    {
      backwards = token[1] == 'B';
      g_string_append_printf (sql, " AND seq %s (SELECT seq FROM messages WHERE sid = ?7)",
                              backwards ? ">" : "<");
      g_string_append (sql, backwards ? " ORDER BY seq ASC LIMIT ?8" : " ORDER BY seq DESC LIMIT ?8");
    }
  else
    {
      g_string_append (sql, " ORDER BY seq DESC LIMIT ?8 OFFSET ?9");
    }

  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (from != NULL)
    sqlite3_bind_text (stmt, 3, from, -1, SQLITE_TRANSIENT);
  if (day >= 0)
    sqlite3_bind_int64 (stmt, 4, day);
  if (day_before >= 0)
    sqlite3_bind_int64 (stmt, 5, day_before);
  if (day_after >= 0)
    sqlite3_bind_int64 (stmt, 6, day_after);
  if (token != NULL)
    sqlite3_bind_text (stmt, 7, token + 2, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, page_size + 1);
  if (token == NULL)
    sqlite3_bind_int64 (stmt, 9, page * page_size);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (messages, message_from_row (stmt));
  sqlite3_finalize (stmt);

  if (messages->len > page_size)
    {
      has_more = TRUE;
      g_ptr_array_remove_index (messages, messages->len - 1);
    }
  if (backwards)
    {
      /* Fetched oldest first: back to newest first. */
      for (guint i = 0; i < messages->len / 2; i++)
        {
          gpointer tmp = messages->pdata[i];

          messages->pdata[i] = messages->pdata[messages->len - 1 - i];
          messages->pdata[messages->len - 1 - i] = tmp;
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (filter_names); i++)
    {
      const char *value = sim_form_get (query, filter_names[i]);

      if (value != NULL)
        {
          g_autofree char *name = g_uri_escape_string (filter_names[i], NULL, FALSE);
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          g_string_append_printf (filters, "%s=%s&", name, escaped);
        }
    }

  uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT "%s%s",
                         path, filters->str, page_size, page,
                         token != NULL ? "&PageToken=" : "", token != NULL ? token : "");
  first_uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=0", path, filters->str, page_size);
  if (messages->len > 0 && (backwards || has_more))
    next_uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT "&PageToken=PA%s",
                                path, filters->str, page_size, page + 1,
                                ((SimMessage *) g_ptr_array_index (messages, messages->len - 1))->sid);
  if (messages->len > 0 && page > 0 && (!backwards || has_more))
    previous_uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT "&PageToken=PB%s",
                                    path, filters->str, page_size, page - 1,
                                    ((SimMessage *) g_ptr_array_index (messages, 0))->sid);

  out = g_string_sized_new (1024 + messages->len * 800);
  g_string_append_printf (out, "{\"end\":%" G_GINT64_FORMAT ",",
                          page * page_size + MAX ((gint64) messages->len - 1, 0));
  json_append_name (out, "first_page_uri");
  json_append_string (out, first_uri);
  g_string_append (out, ",\"messages\":[");
  for (guint i = 0; i < messages->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_message (out, g_ptr_array_index (messages, i));
    }
  g_string_append (out, "],");
  json_append_name (out, "next_page_uri");
  json_append_string (out, next_uri);
  g_string_append_printf (out, ",\"page\":%" G_GINT64_FORMAT ",\"page_size\":%" G_GINT64_FORMAT ",",
                          page, page_size);
  json_append_name (out, "previous_page_uri");
  json_append_string (out, previous_uri);
  g_string_append_printf (out, ",\"start\":%" G_GINT64_FORMAT ",", page * page_size);
  json_append_name (out, "uri");
  json_append_string (out, uri);
  g_string_append_c (out, '}');

  respond_gstring (msg, SOUP_STATUS_OK, out);
}

static const char * const opt_out_keywords[] = { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END",
                                                 "QUIT", "REVOKE", "OPTOUT", NULL };
static const char * const opt_in_keywords[] = { "START", "YES", "UNSTOP", NULL };
static const char * const help_keywords[] = { "HELP", "INFO", NULL };

#define REPLY_STOP "You have successfully been unsubscribed. You will not receive any more " \
                   "messages from this number. Reply START to resubscribe."
#define REPLY_START "You have successfully been re-subscribed to messages from this number. " \
                    "Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply."
#define REPLY_HELP "Reply STOP to unsubscribe. Msg&Data Rates May Apply."

static gboolean
keyword_in (const char         *word,
            const char * const *keywords)
{
  for (guint i = 0; keywords[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
control_inbound_sms (LiaisonSimServer  *self,
                     SoupServerMessage *msg,
                     GPtrArray         *form)
{
  const char *from = sim_form_get (form, "From");
  const char *to = sim_form_get (form, "To");
  const char *body = sim_form_get (form, "Body");
  g_autoptr(SimNumber) number = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new ();
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SimMessage) message = NULL;
  g_autofree char *word = NULL;
  g_autofree char *num_media = NULL;
  g_autofree char *num_segments = NULL;
  const char *opt_out_type = NULL;
  const char *reply = NULL;
  SimAccount *account;
  SimCallback *callback;

  if (!sim_is_address (from))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "From is invalid");
      return;
    }
  number = sim_db_number_get (self, to);
  if (number == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "To is not a registered number; POST /_sim/numbers first");
      return;
    }
  account = g_hash_table_lookup (self->accounts, number->account_sid);
  if (account == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "The number's account is gone");
      return;
    }
  if (body == NULL)
    body = "";

  for (guint i = 0; i + 1 < form->len; i += 2)
    if (g_str_equal (g_ptr_array_index (form, i), "MediaUrl"))
      g_ptr_array_add (media, g_ptr_array_index (form, i + 1));
  g_ptr_array_add (media, NULL);

  message = g_new0 (SimMessage, 1);
  message->sid = sim_new_sid (media->len > 1 ? "MM" : "SM");
  message->account_sid = g_strdup (account->sid);
  message->direction = g_strdup ("inbound");
  message->from = g_strdup (from);
  message->to = g_strdup (to);
  message->body = g_strdup (body);
  message->status = g_strdup ("received");
  message->num_segments = count_segments (body);
  message->media_urls = g_strdupv ((char **) media->pdata);
  message->date_created = self->clock;
  message->date_updated = self->clock;
  message->date_sent = self->clock;
  if (!db_message_insert (self, message))
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  /* Whole-message single keyword only (§2.8). */
  word = g_strstrip (g_strdup (body));
  if (keyword_in (word, opt_out_keywords))
    {
      opt_out_type = "STOP";
      reply = REPLY_STOP;
      db_set_opt_out (self, account->sid, to, from, TRUE);
    }
  else if (keyword_in (word, opt_in_keywords))
    {
      opt_out_type = "START";
      reply = REPLY_START;
      db_set_opt_out (self, account->sid, to, from, FALSE);
    }
  else if (keyword_in (word, help_keywords))
    {
      opt_out_type = "HELP";
      reply = REPLY_HELP;
    }
  if (reply != NULL)
    {
      g_autoptr(SimMessage) auto_reply = create_outbound (self, account->sid, "outbound-reply",
                                                          to, from, reply, NULL, NULL, NULL, 0);

      if (auto_reply == NULL)
        g_warning ("The auto-reply could not be stored");
    }

  num_media = g_strdup_printf ("%u", media->len - 1);
  num_segments = g_strdup_printf ("%d", message->num_segments);
  sim_pairs_add (pairs, "AccountSid", account->sid);
  sim_pairs_add (pairs, "ApiVersion", "2010-04-01");
  sim_pairs_add (pairs, "Body", body);
  sim_pairs_add (pairs, "From", from);
  sim_pairs_add (pairs, "FromCity", "");
  sim_pairs_add (pairs, "FromCountry", "");
  sim_pairs_add (pairs, "FromState", "");
  sim_pairs_add (pairs, "FromZip", "");
  for (guint i = 0; i + 1 < media->len; i++)
    {
      g_autofree char *url_name = g_strdup_printf ("MediaUrl%u", i);
      g_autofree char *type_name = g_strdup_printf ("MediaContentType%u", i);

      sim_pairs_add (pairs, type_name, guess_content_type (g_ptr_array_index (media, i)));
      sim_pairs_add (pairs, url_name, g_ptr_array_index (media, i));
    }
  sim_pairs_add (pairs, "MessageSid", message->sid);
  sim_pairs_add (pairs, "NumMedia", num_media);
  sim_pairs_add (pairs, "NumSegments", num_segments);
  if (opt_out_type != NULL)
    sim_pairs_add (pairs, "OptOutType", opt_out_type);
  sim_pairs_add (pairs, "SmsMessageSid", message->sid);
  sim_pairs_add (pairs, "SmsSid", message->sid);
  sim_pairs_add (pairs, "SmsStatus", "received");
  sim_pairs_add (pairs, "To", to);
  sim_pairs_add (pairs, "ToCity", "");
  sim_pairs_add (pairs, "ToCountry", "");
  sim_pairs_add (pairs, "ToState", "");
  sim_pairs_add (pairs, "ToZip", "");

  LIAISON_DEBUG_MASKED (from, "Inbound message from %s: %s", message->sid);

  if (number->sms_url == NULL || *number->sms_url == '\0')
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (root, json_object_new ());
      json_object_set_string_member (json_node_get_object (root), "sid", message->sid);
      json_object_set_int_member (json_node_get_object (root), "webhook_status", 0);
      sim_respond_json (msg, SOUP_STATUS_OK, root);
      return;
    }

  callback = g_new0 (SimCallback, 1);
  callback->url = g_strdup (number->sms_url);
  callback->params = sim_pairs_to_strv (pairs);
  callback->auth_token = g_strdup (account->auth_token);
  callback->idempotency_token = sim_new_idempotency_token ();
  callback->inbound_reply = g_object_ref (msg);
  callback->inbound_sid = g_strdup (message->sid);
  soup_server_message_pause (msg);
  sim_enqueue_callback (self, callback);
  sim_send_next_callback (self);
}

/* POST /_sim/seed/messages: stored history for benchmarks and the demo,
 * inserted in one transaction with one prepared statement. count (1–1000000,
 * required), AccountSid (default: the first account), From (the account's
 * number, default +15005550006), To (one contact) or contacts (that many
 * distinct +1555NNNNNNN numbers, default 100), days (spread over the days
 * before the simulated clock, 0–3650, default 30), inbound (the percentage
 * that comes from the contacts, 0–100, default 30). Outbound messages are
 * delivered, inbound ones received; oldest first, so seq follows time.
 * Answers {"inserted": N}. */

#define SEED_MAX_COUNT    1000000
#define SEED_MAX_CONTACTS 1000000
#define SEED_CACHE_KIB    262144

static void
seed_random_sid (GRand *rand,
                 char   sid[35])
{
  static const char hex[] = "0123456789abcdef";

  sid[0] = 'S';
  sid[1] = 'M';
  for (guint i = 0; i < 4; i++)
    {
      guint32 bits = g_rand_int (rand);

      for (guint j = 0; j < 8; j++, bits >>= 4)
        sid[2 + i * 8 + j] = hex[bits & 0xf];
    }
  sid[34] = '\0';
}

static void
control_seed_messages (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       GPtrArray         *form)
{
  const char *account_sid = sim_form_get (form, "AccountSid");
  const char *from = sim_form_get (form, "From");
  const char *to = sim_form_get (form, "To");
  g_autoptr(GRand) rand = g_rand_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt;
  gint64 count, contacts, days, inbound;
  gint64 start, span;
  gint64 inserted = 0;
  char *error_text = NULL;

  if (sim_form_get (form, "count") == NULL
      || !sim_form_get_int (form, "count", 1, SEED_MAX_COUNT, 0, &count)
      || !sim_form_get_int (form, "contacts", 1, SEED_MAX_CONTACTS, 100, &contacts)
      || !sim_form_get_int (form, "days", 0, 3650, 30, &days)
      || !sim_form_get_int (form, "inbound", 0, 100, 30, &inbound))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "count (1-1000000), contacts (1-1000000), days (0-3650) and "
                         "inbound (0-100) must be integers in range");
      return;
    }
  if (account_sid == NULL)
    account_sid = self->default_account_sid;
  if (account_sid == NULL || !g_hash_table_contains (self->accounts, account_sid))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20404, "Unknown AccountSid");
      return;
    }
  if (from == NULL)
    from = "+15005550006";
  if (!sim_is_e164 (from))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "From is invalid");
      return;
    }
  if (to != NULL && (!sim_is_e164 (to) || sim_form_get (form, "contacts") != NULL))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21211,
                         "To must be an E.164 number, and not given with contacts");
      return;
    }

  stmt = sim_db_prepare (self,
    "INSERT INTO messages (sid, account_sid, direction, from_number, to_number, body, status,"
    " num_segments, date_created, date_updated, date_sent)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8, ?8)");
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  /* A page cache big enough for the indexes (the SID index fills at random
   * places): otherwise SQLite spills and re-reads WAL pages all along. Put
   * back after. */
  sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (SEED_CACHE_KIB), NULL, NULL, NULL);
  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, &error_text) != SQLITE_OK)
    {
      sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
      g_warning ("SQLite: %s", error_text);
      sqlite3_free (error_text);
      sqlite3_finalize (stmt);
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  span = days * 86400;
  start = self->clock - span;
  sqlite3_bind_text (stmt, 2, account_sid, -1, SQLITE_STATIC);
  for (gint64 i = 0; i < count; i++)
    {
      char sid[35];
      char contact[16];
      char body[64];
      /* Evenly spread: floor (count * inbound / 100) of them in all. */
      gboolean is_inbound = (i + 1) * inbound / 100 > i * inbound / 100;
      const char *other = to;
      gint64 at = start + (count > 1 ? span * i / (count - 1) : span);

      if (other == NULL)
        {
          g_snprintf (contact, sizeof contact, "+1555%07" G_GINT64_FORMAT, (i * 7919) % contacts);
          other = contact;
        }
      g_snprintf (body, sizeof body, is_inbound ? "Seeded reply %" G_GINT64_FORMAT
                                                : "Seeded message %" G_GINT64_FORMAT, i);
      seed_random_sid (rand, sid);

      sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, is_inbound ? "inbound" : "outbound-api", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, is_inbound ? other : from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, is_inbound ? from : other, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, is_inbound ? "received" : "delivered", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, at);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
          break;
        }
      sqlite3_reset (stmt);
      inserted++;
    }
  sqlite3_finalize (stmt);

  if (inserted < count || sqlite3_exec (self->db, "COMMIT", NULL, NULL, &error_text) != SQLITE_OK)
    {
      if (error_text != NULL)
        g_warning ("SQLite: %s", error_text);
      sqlite3_free (error_text);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  /* SQLite's default, which the simulator otherwise keeps; frees the pages. */
  sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);

  g_debug ("Seeded %" G_GINT64_FORMAT " messages", inserted);
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, json_object_new ());
  json_object_set_int_member (json_node_get_object (root), "inserted", inserted);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

#define MESSAGES_PATH "^" API_VERSION_PATH "/Accounts/([^/]+)/Messages"

static const SimRoute messages_routes[] = {
  { "messages-create", "POST", MESSAGES_PATH "\\.json$", handle_messages_create },
  { "messages-list", "GET", MESSAGES_PATH "\\.json$", handle_messages_list },
  { "message-fetch", "GET", MESSAGES_PATH "/([^/]+)\\.json$", handle_message_fetch },
  { "message-update", "POST", MESSAGES_PATH "/([^/]+)\\.json$", handle_message_update },
  { "message-delete", "DELETE", MESSAGES_PATH "/([^/]+)\\.json$", handle_message_delete },
  { "media-list", "GET", MESSAGES_PATH "/([^/]+)/Media\\.json$", handle_media_list },
};

static const SimControlRoute messages_control_routes[] = {
  { "POST", "/_sim/inbound/sms", control_inbound_sms },
  { "POST", "/_sim/seed/messages", control_seed_messages },
};

const SimModule sim_messages_module = {
  .name = "messages",
  .schema = MESSAGES_SCHEMA,
  .routes = messages_routes,
  .n_routes = G_N_ELEMENTS (messages_routes),
  .control_routes = messages_control_routes,
  .n_control_routes = G_N_ELEMENTS (messages_control_routes),
  .tick = messages_tick,
};
