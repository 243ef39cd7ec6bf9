/* liaison-sim-recordings.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-audio.h"
#include "liaison-sim-recordings-private.h"
#include "liaison-log.h"

#include <glib/gstdio.h>
#include <string.h>

/* Recordings, legacy transcriptions and Voice Intelligence (TWILIO.md §4).
 *
 * A recording is stored complete (status "completed") with real audio: 8 kHz
 * WAV and MP3, mono or dual channel (liaison-sim-audio.c), rendered once in
 * a worker thread and kept next to the database (removed with a temporary
 * database). A media request that comes while the audio is still being
 * rendered waits for it. The recording status callback (§4.4) is queued at
 * creation. With transcribe, a legacy transcription (TR…) of the spoken text
 * goes in-progress → completed 5 s later on the simulated clock and is POSTed
 * to the transcribe callback. Intelligence transcripts go queued → in-progress
 * (+1 s) → completed (+3 s) and, when their Service has a WebhookUrl, notify
 * it (liaison-sim-intelligence.c).
 *
 * REST routes (2010 prefix /2010-04-01/Accounts/{AccountSid}):
 *
 *   GET    /Recordings.json                  DateCreated, DateCreated<, DateCreated>
 *                                            (YYYY-MM-DD or ISO 8601), CallSid,
 *                                            ConferenceSid; key "recordings"
 *   GET    /Recordings/{Sid}.json            fetch
 *   DELETE /Recordings/{Sid}.json            204; the media is gone too
 *   GET    /Recordings/{Sid}[.wav|.mp3]      media, no credentials needed;
 *                                            Range: bytes=… → 206 / 416;
 *                                            RequestedChannels=2 on a mono
 *                                            recording → 400 (16113)
 *   GET    /Recordings/{Sid}/Transcriptions.json, GET|DELETE …/Transcriptions/{Sid}.json
 *   GET    /Transcriptions.json, GET|DELETE /Transcriptions/{Sid}.json
 *   GET    /Calls/{CallSid}/Recordings.json, GET|DELETE …/Recordings/{Sid}.json
 *   GET    /Conferences/{ConferenceSid}/Recordings.json, GET|DELETE …/Recordings/{Sid}.json
 *
 * Voice Intelligence (intelligence.twilio.com, same simulator):
 *
 *   POST   /v2/Services                      UniqueName, FriendlyName, LanguageCode,
 *                                            AutoTranscribe, AutoRedaction,
 *                                            MediaRedaction, WebhookUrl,
 *                                            WebhookHttpMethod → 201
 *   GET    /v2/Services, GET|DELETE /v2/Services/{Sid}
 *   POST   /v2/Transcripts                   ServiceSid, Channel (JSON:
 *                                            {"media_properties": {"source_sid": "RE…"}}),
 *                                            CustomerKey → 202 queued
 *   GET    /v2/Transcripts                   ServiceSid, Status, SourceSid filters
 *   GET|DELETE /v2/Transcripts/{Sid}
 *   GET    /v2/Transcripts/{Sid}/Sentences   one per sentence of the spoken text
 *   GET    /v2/Transcripts/{Sid}/OperatorResults   a text-generation summary
 *
 * Control API:
 *
 *   POST /_sim/recordings      AccountSid (default: the first account), CallSid,
 *                              ConferenceSid, Source (default RecordVerb),
 *                              Speech, SpeechOther, Channels 1|2 (default 1),
 *                              Duration (s, ≤ 3600; default: long enough for
 *                              the speech), Transcribe=true, TranscribeCallback,
 *                              RecordingStatusCallback. Stores a completed
 *                              recording: {"sid": "RE…"}.
 */

#define RECORDINGS_SCHEMA \
  "CREATE TABLE IF NOT EXISTS recordings (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  call_sid TEXT," \
  "  conference_sid TEXT," \
  "  source TEXT NOT NULL," \
  "  channels INTEGER NOT NULL," \
  "  duration INTEGER NOT NULL," \
  "  speech TEXT," \
  "  speech_other TEXT," \
  "  start_time INTEGER NOT NULL," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL);" \
  "CREATE INDEX IF NOT EXISTS recordings_account ON recordings (account_sid, seq);" \
  "CREATE TABLE IF NOT EXISTS transcriptions (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  recording_sid TEXT NOT NULL," \
  "  call_sid TEXT," \
  "  status TEXT NOT NULL," \
  "  text TEXT," \
  "  duration INTEGER NOT NULL," \
  "  callback TEXT," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL," \
  "  next_at INTEGER);" \
  "CREATE INDEX IF NOT EXISTS transcriptions_account ON transcriptions (account_sid, seq);"

#define RECORDING_COLUMNS \
  "seq, sid, account_sid, call_sid, conference_sid, source, channels, duration, speech," \
  " speech_other, start_time, date_created, date_updated"

#define TRANSCRIPTION_COLUMNS \
  "seq, sid, account_sid, recording_sid, call_sid, status, text, duration, callback," \
  " date_created, date_updated, next_at"

#define LEGACY_TRANSCRIPTION_DELAY 5
/* One hour: 115 MB of dual-channel samples while rendering. */
#define MAX_DURATION               3600

typedef struct {
  gint64  seq;
  char   *sid;
  char   *account_sid;
  char   *call_sid;
  char   *conference_sid;
  char   *source;
  guint   channels;
  guint   duration;
  char   *speech;
  char   *speech_other;
  gint64  start_time;
  gint64  date_created;
  gint64  date_updated;
} SimRecording;

typedef struct {
  gint64  seq;
  char   *sid;
  char   *account_sid;
  char   *recording_sid;
  char   *call_sid;
  char   *status;
  char   *text;
  guint   duration;
  char   *callback;
  gint64  date_created;
  gint64  date_updated;
} SimTranscription;

typedef enum {
  VARIANT_ACCOUNT,
  VARIANT_CALL,
  VARIANT_CONFERENCE,
} RecordingVariant;

/* Module state (self->recordings). */
typedef struct _RecordingsState RecordingsState;

typedef struct {
  char             *sid;
  RecordingsState  *state;     /* NULL once the server is gone */
  gboolean          done;
  gboolean          ok;
  GPtrArray        *waiting;   /* SoupServerMessage, paused */
} Render;

struct _RecordingsState {
  LiaisonSimServer *server;
  char             *dir;
  GCancellable     *cancellable;
  GHashTable       *renders;   /* sid → Render */
};

static void
sim_recording_free (SimRecording *recording)
{
  g_free (recording->sid);
  g_free (recording->account_sid);
  g_free (recording->call_sid);
  g_free (recording->conference_sid);
  g_free (recording->source);
  g_free (recording->speech);
  g_free (recording->speech_other);
  g_free (recording);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimRecording, sim_recording_free)

static void
sim_transcription_free (SimTranscription *transcription)
{
  g_free (transcription->sid);
  g_free (transcription->account_sid);
  g_free (transcription->recording_sid);
  g_free (transcription->call_sid);
  g_free (transcription->status);
  g_free (transcription->text);
  g_free (transcription->callback);
  g_free (transcription);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTranscription, sim_transcription_free)

void
sim_recording_audio_free (SimRecordingAudio *audio)
{
  if (audio == NULL)
    return;
  g_free (audio->sid);
  g_free (audio->speech);
  g_free (audio->speech_other);
  g_free (audio);
}

static void
render_free (Render *render)
{
  g_free (render->sid);
  g_clear_pointer (&render->waiting, g_ptr_array_unref);
  g_free (render);
}

static RecordingsState *
get_state (LiaisonSimServer *self)
{
  RecordingsState *state = self->recordings;

  if (state == NULL)
    {
      state = g_new0 (RecordingsState, 1);
      state->server = self;
      if (self->db_is_temporary)
        {
          g_autofree char *db_dir = g_path_get_dirname (self->db_path);

          state->dir = g_build_filename (db_dir, "recordings", NULL);
        }
      else
        {
          state->dir = g_strconcat (self->db_path, ".recordings", NULL);
        }
      state->cancellable = g_cancellable_new ();
      state->renders = g_hash_table_new (g_str_hash, g_str_equal);
      self->recordings = state;
    }
  return state;
}

static char *
media_path (RecordingsState *state,
            const char      *sid,
            const char      *extension)
{
  g_autofree char *name = g_strconcat (sid, extension, NULL);

  return g_build_filename (state->dir, name, NULL);
}

static void
recordings_finalize (LiaisonSimServer *self)
{
  RecordingsState *state = self->recordings;
  GHashTableIter iter;
  gpointer value;

  if (state == NULL)
    return;

  g_cancellable_cancel (state->cancellable);
  sim_audio_wait_idle ();
  /* Renders still running free themselves when they end. */
  g_hash_table_iter_init (&iter, state->renders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Render *render = value;

      if (render->done)
        {
          render_free (render);
        }
      else
        {
          render->state = NULL;
          g_ptr_array_set_size (render->waiting, 0);
        }
    }
  g_hash_table_unref (state->renders);

  if (self->db_is_temporary)
    {
      g_autoptr(GDir) dir = g_dir_open (state->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (state->dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (state->dir);
    }

  g_object_unref (state->cancellable);
  g_free (state->dir);
  g_free (state);
  self->recordings = NULL;
}

/* Database */

static SimRecording *
recording_from_row (sqlite3_stmt *stmt)
{
  SimRecording *recording = g_new0 (SimRecording, 1);

  recording->seq = sqlite3_column_int64 (stmt, 0);
  recording->sid = sim_dup_column (stmt, 1);
  recording->account_sid = sim_dup_column (stmt, 2);
  recording->call_sid = sim_dup_column (stmt, 3);
  recording->conference_sid = sim_dup_column (stmt, 4);
  recording->source = sim_dup_column (stmt, 5);
  recording->channels = sqlite3_column_int (stmt, 6);
  recording->duration = sqlite3_column_int (stmt, 7);
  recording->speech = sim_dup_column (stmt, 8);
  recording->speech_other = sim_dup_column (stmt, 9);
  recording->start_time = sqlite3_column_int64 (stmt, 10);
  recording->date_created = sqlite3_column_int64 (stmt, 11);
  recording->date_updated = sqlite3_column_int64 (stmt, 12);

  return recording;
}

static SimRecording *
db_recording_get (LiaisonSimServer *self,
                  const char       *account_sid,
                  const char       *sid)
{
  return sim_db_get_by_sid (self, "SELECT " RECORDING_COLUMNS " FROM recordings"
                                  " WHERE sid = ? AND account_sid = ?",
                            account_sid, sid, (SimRowFunc) recording_from_row);
}

static gboolean
db_recording_exists (LiaisonSimServer *self,
                     const char       *sid)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT 1 FROM recordings WHERE sid = ?");
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

SimRecordingAudio *
sim_recording_audio_get (LiaisonSimServer *self,
                         const char       *account_sid,
                         const char       *recording_sid)
{
  g_autoptr(SimRecording) recording = db_recording_get (self, account_sid, recording_sid);
  SimRecordingAudio *audio;

  if (recording == NULL)
    return NULL;
  audio = g_new0 (SimRecordingAudio, 1);
  audio->sid = g_steal_pointer (&recording->sid);
  audio->speech = g_steal_pointer (&recording->speech);
  audio->speech_other = g_steal_pointer (&recording->speech_other);
  audio->channels = recording->channels;
  audio->duration = recording->duration;
  return audio;
}

static SimTranscription *
transcription_from_row (sqlite3_stmt *stmt)
{
  SimTranscription *transcription = g_new0 (SimTranscription, 1);

  transcription->seq = sqlite3_column_int64 (stmt, 0);
  transcription->sid = sim_dup_column (stmt, 1);
  transcription->account_sid = sim_dup_column (stmt, 2);
  transcription->recording_sid = sim_dup_column (stmt, 3);
  transcription->call_sid = sim_dup_column (stmt, 4);
  transcription->status = sim_dup_column (stmt, 5);
  transcription->text = sim_dup_column (stmt, 6);
  transcription->duration = sqlite3_column_int (stmt, 7);
  transcription->callback = sim_dup_column (stmt, 8);
  transcription->date_created = sqlite3_column_int64 (stmt, 9);
  transcription->date_updated = sqlite3_column_int64 (stmt, 10);

  return transcription;
}

static SimTranscription *
db_transcription_get (LiaisonSimServer *self,
                      const char       *account_sid,
                      const char       *sid)
{
  return sim_db_get_by_sid (self, "SELECT " TRANSCRIPTION_COLUMNS " FROM transcriptions"
                                  " WHERE sid = ? AND account_sid = ?",
                            account_sid, sid, (SimRowFunc) transcription_from_row);
}

/* JSON */

void
sim_add_iso_date_member (JsonBuilder *builder,
                         const char  *name,
                         gint64       seconds)
{
  json_builder_set_member_name (builder, name);
  if (seconds != 0)
    {
      g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);
      g_autofree char *text = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
build_recording (LiaisonSimServer *self,
                 JsonBuilder      *builder,
                 SimRecording     *recording,
                 RecordingVariant  variant)
{
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *duration = g_strdup_printf ("%u", recording->duration);

  switch (variant)
    {
    case VARIANT_CALL:
      base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Calls/%s/Recordings/%s",
                              recording->account_sid, recording->call_sid, recording->sid);
      break;
    case VARIANT_CONFERENCE:
      base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Conferences/%s/Recordings/%s",
                              recording->account_sid, recording->conference_sid, recording->sid);
      break;
    case VARIANT_ACCOUNT:
    default:
      base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Recordings/%s",
                              recording->account_sid, recording->sid);
      break;
    }
  uri = g_strconcat (base, ".json", NULL);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", recording->account_sid);
  sim_add_string_or_null (builder, "api_version", "2010-04-01");
  sim_add_string_or_null (builder, "call_sid", recording->call_sid);
  json_builder_set_member_name (builder, "channels");
  json_builder_add_int_value (builder, recording->channels);
  sim_add_string_or_null (builder, "conference_sid", recording->conference_sid);
  sim_add_date_member (builder, "date_created", recording->date_created);
  sim_add_date_member (builder, "date_updated", recording->date_updated);
  sim_add_string_or_null (builder, "duration", duration);
  json_builder_set_member_name (builder, "encryption_details");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "error_code");
  json_builder_add_null_value (builder);
  if (variant == VARIANT_ACCOUNT)
    {
      g_autofree char *url = liaison_sim_server_get_url (self);
      g_autofree char *media_url = g_strconcat (url, API_VERSION_PATH, "/Accounts/", recording->account_sid,
                                                "/Recordings/", recording->sid, NULL);

      sim_add_string_or_null (builder, "media_url", media_url);
    }
  json_builder_set_member_name (builder, "price");
  json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "price_unit", "USD");
  sim_add_string_or_null (builder, "sid", recording->sid);
  sim_add_string_or_null (builder, "source", recording->source);
  sim_add_date_member (builder, "start_time", recording->start_time);
  sim_add_string_or_null (builder, "status", "completed");
  if (variant == VARIANT_ACCOUNT)
    {
      g_autofree char *add_ons = g_strconcat (base, "/AddOnResults.json", NULL);
      g_autofree char *transcriptions = g_strconcat (base, "/Transcriptions.json", NULL);

      json_builder_set_member_name (builder, "subresource_uris");
      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "add_on_results", add_ons);
      sim_add_string_or_null (builder, "transcriptions", transcriptions);
      json_builder_end_object (builder);
    }
  if (variant == VARIANT_CALL)
    sim_add_string_or_null (builder, "track", "both");
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
build_transcription (JsonBuilder      *builder,
                     SimTranscription *transcription)
{
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Transcriptions/%s.json",
                                          transcription->account_sid, transcription->sid);
  g_autofree char *duration = g_strdup_printf ("%u", transcription->duration);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", transcription->account_sid);
  sim_add_string_or_null (builder, "api_version", "2010-04-01");
  sim_add_date_member (builder, "date_created", transcription->date_created);
  sim_add_date_member (builder, "date_updated", transcription->date_updated);
  sim_add_string_or_null (builder, "duration", duration);
  json_builder_set_member_name (builder, "price");
  json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "price_unit", "USD");
  sim_add_string_or_null (builder, "recording_sid", transcription->recording_sid);
  sim_add_string_or_null (builder, "sid", transcription->sid);
  sim_add_string_or_null (builder, "status", transcription->status);
  sim_add_string_or_null (builder, "transcription_text", transcription->text);
  sim_add_string_or_null (builder, "type", "fast");
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

/* Checks that the path's account is the caller's. */
static gboolean
check_account (SoupServerMessage *msg,
               SimAccount        *account,
               GMatchInfo        *match)
{
  g_autofree char *account_sid = g_match_info_fetch (match, 1);

  if (account == NULL || !g_str_equal (account_sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return FALSE;
    }
  return TRUE;
}

/* Recording list date filters: a day (YYYY-MM-DD, UTC) or an ISO 8601
 * instant. Returns FALSE when malformed. */
static gboolean
parse_date_filter (const char *text,
                   gint64     *out_start,
                   gboolean   *out_is_day)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date_time = NULL;
  int year, month, day;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 && strlen (text) == 10)
    {
      date_time = g_date_time_new (utc, year, month, day, 0, 0, 0);
      *out_is_day = TRUE;
    }
  else
    {
      date_time = g_date_time_new_from_iso8601 (text, utc);
      *out_is_day = FALSE;
    }
  if (date_time == NULL)
    return FALSE;
  *out_start = g_date_time_to_unix (date_time);
  return TRUE;
}

static void
list_recordings (LiaisonSimServer  *self,
                 SoupServerMessage *msg,
                 SimAccount        *account,
                 const char        *call_sid,
                 const char        *conference_sid,
                 RecordingVariant   variant)
{
  static const char * const date_names[] = { "DateCreated", "DateCreated<", "DateCreated>" };
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " RECORDING_COLUMNS " FROM recordings WHERE account_sid = ?1");
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autoptr(JsonArray) items = json_array_new ();
  SimPaging paging;
  gint64 dates[3] = { 0, };
  gboolean is_day[3] = { FALSE, };
  gboolean has_date[3] = { FALSE, };
  gboolean has_more = FALSE;
  gint64 last_seq = 0;
  guint n = 0;
  sqlite3_stmt *stmt;

  if (!sim_paging_parse (msg, query, &paging))
    return;

  if (call_sid == NULL)
    call_sid = sim_form_get (query, "CallSid");
  if (conference_sid == NULL)
    conference_sid = sim_form_get (query, "ConferenceSid");

  for (guint i = 0; i < G_N_ELEMENTS (date_names); i++)
    {
      const char *text = sim_form_get (query, date_names[i]);

      if (text == NULL)
        continue;
      if (!parse_date_filter (text, &dates[i], &is_day[i]))
        {
          g_autofree char *message = g_strdup_printf ("Invalid %s", date_names[i]);

          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, message);
          return;
        }
      has_date[i] = TRUE;
      {
        g_autofree char *name = g_uri_escape_string (date_names[i], NULL, FALSE);
        g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);

        g_string_append_printf (filters, "%s=%s&", name, escaped);
      }
    }
  if (variant == VARIANT_ACCOUNT && call_sid != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (call_sid, NULL, FALSE);

      g_string_append_printf (filters, "CallSid=%s&", escaped);
    }
  if (variant == VARIANT_ACCOUNT && conference_sid != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (conference_sid, NULL, FALSE);

      g_string_append_printf (filters, "ConferenceSid=%s&", escaped);
    }

  if (call_sid != NULL)
    g_string_append (sql, " AND call_sid = ?2");
  if (conference_sid != NULL)
    g_string_append (sql, " AND conference_sid = ?3");
  /* DateCreated is that day (or that second); < and > include the bound. */
  if (has_date[0])
    g_string_append_printf (sql, " AND date_created >= ?4 AND date_created < ?4 + %d", is_day[0] ? 86400 : 1);
  if (has_date[1])
    g_string_append_printf (sql, " AND date_created < ?5 + %d", is_day[1] ? 86400 : 1);
  if (has_date[2])
    g_string_append (sql, " AND date_created >= ?6");
  sim_paging_append_sql (&paging, sql, 7);

  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  if (call_sid != NULL)
    sqlite3_bind_text (stmt, 2, call_sid, -1, SQLITE_TRANSIENT);
  if (conference_sid != NULL)
    sqlite3_bind_text (stmt, 3, conference_sid, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < 3; i++)
    if (has_date[i])
      sqlite3_bind_int64 (stmt, 4 + i, dates[i]);
  sim_paging_bind (&paging, stmt, 7);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SimRecording) recording = NULL;
      g_autoptr(JsonBuilder) builder = NULL;

      if (n == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      recording = recording_from_row (stmt);
      builder = json_builder_new ();
      build_recording (self, builder, recording, variant);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = recording->seq;
      n++;
    }
  sqlite3_finalize (stmt);

  sim_respond_page (self, msg, &paging, FALSE, "recordings", g_steal_pointer (&items), has_more, last_seq,
                    filters->str);
}

static void
respond_recording (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimRecording      *recording,
                   RecordingVariant   variant)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_recording (self, builder, recording, variant);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_recordings_list (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  if (check_account (msg, account, match))
    list_recordings (self, msg, account, NULL, NULL, VARIANT_ACCOUNT);
}

static void
handle_call_recordings_list (LiaisonSimServer  *self,
                             SoupServerMessage *msg,
                             SimAccount        *account,
                             GMatchInfo        *match)
{
  g_autofree char *call_sid = g_match_info_fetch (match, 2);

  if (check_account (msg, account, match))
    list_recordings (self, msg, account, call_sid, NULL, VARIANT_CALL);
}

static void
handle_conference_recordings_list (LiaisonSimServer  *self,
                                   SoupServerMessage *msg,
                                   SimAccount        *account,
                                   GMatchInfo        *match)
{
  g_autofree char *conference_sid = g_match_info_fetch (match, 2);

  if (check_account (msg, account, match))
    list_recordings (self, msg, account, NULL, conference_sid, VARIANT_CONFERENCE);
}

/* Finds the recording of the path (its SID in group @group; @parent_group,
 * if not 0, holds the call or conference it must belong to). Answers 404
 * and returns NULL when there is none. */
static SimRecording *
find_recording (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                SimAccount        *account,
                GMatchInfo        *match,
                guint              group,
                guint              parent_group,
                RecordingVariant   variant)
{
  g_autofree char *sid = g_match_info_fetch (match, group);
  g_autofree char *parent = parent_group != 0 ? g_match_info_fetch (match, parent_group) : NULL;
  g_autoptr(SimRecording) recording = NULL;

  if (!check_account (msg, account, match))
    return NULL;
  recording = db_recording_get (self, account->sid, sid);
  if (recording != NULL && variant == VARIANT_CALL && g_strcmp0 (recording->call_sid, parent) != 0)
    g_clear_pointer (&recording, sim_recording_free);
  if (recording != NULL && variant == VARIANT_CONFERENCE && g_strcmp0 (recording->conference_sid, parent) != 0)
    g_clear_pointer (&recording, sim_recording_free);
  if (recording == NULL)
    sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
  return g_steal_pointer (&recording);
}

static void
delete_recording (LiaisonSimServer  *self,
                  SoupServerMessage *msg,
                  SimRecording      *recording)
{
  RecordingsState *state = get_state (self);
  g_autofree char *wav = media_path (state, recording->sid, ".wav");
  g_autofree char *mp3 = media_path (state, recording->sid, ".mp3");
  Render *render = g_hash_table_lookup (state->renders, recording->sid);

  if (sim_db_delete_by_sid (self, "DELETE FROM recordings WHERE sid = ? AND account_sid = ?",
                            recording->account_sid, recording->sid) != 1)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  if (render != NULL && render->done)
    {
      g_hash_table_remove (state->renders, recording->sid);
      render_free (render);
    }
  g_unlink (wav);
  g_unlink (mp3);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
handle_recording_fetch (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  g_autoptr(SimRecording) recording = find_recording (self, msg, account, match, 2, 0, VARIANT_ACCOUNT);

  if (recording != NULL)
    respond_recording (self, msg, recording, VARIANT_ACCOUNT);
}

static void
handle_recording_delete (LiaisonSimServer  *self,
                         SoupServerMessage *msg,
                         SimAccount        *account,
                         GMatchInfo        *match)
{
  g_autoptr(SimRecording) recording = find_recording (self, msg, account, match, 2, 0, VARIANT_ACCOUNT);

  if (recording != NULL)
    delete_recording (self, msg, recording);
}

static void
handle_call_recording_fetch (LiaisonSimServer  *self,
                             SoupServerMessage *msg,
                             SimAccount        *account,
                             GMatchInfo        *match)
{
  g_autoptr(SimRecording) recording = find_recording (self, msg, account, match, 3, 2, VARIANT_CALL);

  if (recording != NULL)
    respond_recording (self, msg, recording, VARIANT_CALL);
}

static void
handle_call_recording_delete (LiaisonSimServer  *self,
                              SoupServerMessage *msg,
                              SimAccount        *account,
                              GMatchInfo        *match)
{
  g_autoptr(SimRecording) recording = find_recording (self, msg, account, match, 3, 2, VARIANT_CALL);

  if (recording != NULL)
    delete_recording (self, msg, recording);
}

static void
handle_conference_recording_fetch (LiaisonSimServer  *self,
                                   SoupServerMessage *msg,
                                   SimAccount        *account,
                                   GMatchInfo        *match)
{
  g_autoptr(SimRecording) recording = find_recording (self, msg, account, match, 3, 2, VARIANT_CONFERENCE);

  if (recording != NULL)
    respond_recording (self, msg, recording, VARIANT_CONFERENCE);
}

static void
handle_conference_recording_delete (LiaisonSimServer  *self,
                                    SoupServerMessage *msg,
                                    SimAccount        *account,
                                    GMatchInfo        *match)
{
  g_autoptr(SimRecording) recording = find_recording (self, msg, account, match, 3, 2, VARIANT_CONFERENCE);

  if (recording != NULL)
    delete_recording (self, msg, recording);
}

/* Media */

static void serve_media (LiaisonSimServer  *self,
                         SoupServerMessage *msg);

static void
render_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Render *render = user_data;
  g_autoptr(GError) error = NULL;
  RecordingsState *state = render->state;

  render->ok = sim_audio_render_finish (result, &error);
  render->done = TRUE;
  if (state == NULL)
    {
      /* The server is gone. */
      render_free (render);
      return;
    }
  if (!render->ok)
    g_warning ("Could not render a recording: %s", error->message);

  /* Deleted while it was being rendered: its files go too. */
  if (!db_recording_exists (state->server, render->sid))
    {
      g_autofree char *wav = media_path (state, render->sid, ".wav");
      g_autofree char *mp3 = media_path (state, render->sid, ".mp3");

      g_unlink (wav);
      g_unlink (mp3);
    }

  for (guint i = 0; i < render->waiting->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (render->waiting, i);

      serve_media (state->server, msg);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (render->waiting, 0);
}

static Render *
start_render (LiaisonSimServer *self,
              SimRecording     *recording)
{
  RecordingsState *state = get_state (self);
  Render *render = g_new0 (Render, 1);
  SimAudioSpec *spec = g_new0 (SimAudioSpec, 1);

  g_mkdir_with_parents (state->dir, 0700);

  render->sid = g_strdup (recording->sid);
  render->state = state;
  render->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_replace (state->renders, render->sid, render);

  spec->speech = g_strdup (recording->speech);
  spec->speech_other = g_strdup (recording->speech_other);
  spec->channels = recording->channels;
  spec->duration = recording->duration;
  spec->wav_path = media_path (state, recording->sid, ".wav");
  spec->mp3_path = media_path (state, recording->sid, ".mp3");
  sim_audio_render_async (spec, state->cancellable, render_cb, render);

  return render;
}

/* One "bytes=" range of a @total-byte file. Returns FALSE when the header
 * should be ignored (absent, malformed or several ranges); sets
 * *out_unsatisfiable when it starts past the end. */
static gboolean
parse_range (const char *header,
             goffset     total,
             goffset    *out_start,
             goffset    *out_end,
             gboolean   *out_unsatisfiable)
{
  const char *spec;
  const char *dash;
  char *end = NULL;
  gint64 first = -1, last = -1;

  *out_unsatisfiable = FALSE;
  if (header == NULL || !g_str_has_prefix (header, "bytes="))
    return FALSE;
  spec = header + strlen ("bytes=");
  if (strchr (spec, ',') != NULL)
    return FALSE;
  dash = strchr (spec, '-');
  if (dash == NULL)
    return FALSE;

  if (dash != spec)
    {
      first = g_ascii_strtoll (spec, &end, 10);
      if (end != dash || first < 0)
        return FALSE;
    }
  if (dash[1] != '\0')
    {
      last = g_ascii_strtoll (dash + 1, &end, 10);
      if (*end != '\0' || last < 0)
        return FALSE;
    }

  if (first < 0 && last < 0)
    return FALSE;
  if (first < 0)
    {
      /* The last N bytes. */
      if (last == 0)
        {
          *out_unsatisfiable = TRUE;
          return TRUE;
        }
      first = MAX (total - last, 0);
      last = total - 1;
    }
  else if (last < 0 || last >= total)
    {
      if (last >= 0 && last < first)
        return FALSE;
      last = total - 1;
    }
  else if (last < first)
    {
      return FALSE;
    }
  if (first >= total)
    {
      *out_unsatisfiable = TRUE;
      return TRUE;
    }

  *out_start = first;
  *out_end = last;
  return TRUE;
}

static void
serve_media (LiaisonSimServer  *self,
             SoupServerMessage *msg)
{
  static GRegex *regex = NULL;
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autofree char *account_sid = NULL;
  g_autofree char *sid = NULL;
  g_autofree char *extension = NULL;
  g_autoptr(SimRecording) recording = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_path = NULL;
  RecordingsState *state = get_state (self);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *requested_channels = sim_form_get (query, "RequestedChannels");
  const char *content_type;
  goffset total, start = 0, end = 0;
  gboolean unsatisfiable = FALSE;
  Render *render;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("/Accounts/([^/]+)/Recordings/([^/.]+)(\\.wav|\\.mp3)?$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (regex, path, 0, &match))
    {
      sim_respond_not_found (msg, path);
      return;
    }
  account_sid = g_match_info_fetch (match, 1);
  sid = g_match_info_fetch (match, 2);
  extension = g_match_info_fetch (match, 3);
  recording = db_recording_get (self, account_sid, sid);
  if (recording == NULL)
    {
      sim_respond_not_found (msg, path);
      return;
    }
  if (requested_channels != NULL && g_str_equal (requested_channels, "2") && recording->channels == 1)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 16113,
                         "Cannot download a dual-channel presentation of a mono recording");
      return;
    }

  render = g_hash_table_lookup (state->renders, sid);
  file_path = media_path (state, sid, g_strcmp0 (extension, ".mp3") == 0 ? ".mp3" : ".wav");
  if (render == NULL && !g_file_test (file_path, G_FILE_TEST_EXISTS))
    render = start_render (self, recording);
  if (render != NULL && !render->done)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (render->waiting, g_object_ref (msg));
      return;
    }

  file = g_mapped_file_new (file_path, FALSE, &error);
  if (file == NULL)
    {
      g_warning ("Recording media: %s", error->message);
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  bytes = g_mapped_file_get_bytes (file);
  total = g_bytes_get_size (bytes);
  content_type = g_strcmp0 (extension, ".mp3") == 0 ? "audio/mpeg" : "audio/x-wav";
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");

  if (parse_range (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Range"),
                   total, &start, &end, &unsatisfiable))
    {
      if (unsatisfiable)
        {
          g_autofree char *range = g_strdup_printf ("bytes */%" G_GOFFSET_FORMAT, total);

          soup_message_headers_replace (headers, "Content-Range", range);
          sim_respond_error (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, 20001,
                             "Requested range not satisfiable");
          return;
        }
      else
        {
          g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, start, end - start + 1);
          g_autofree char *range = g_strdup_printf ("bytes %" G_GOFFSET_FORMAT "-%" G_GOFFSET_FORMAT
                                                    "/%" G_GOFFSET_FORMAT, start, end, total);

          soup_message_headers_replace (headers, "Content-Range", range);
          soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
          soup_message_headers_set_content_type (headers, content_type, NULL);
          soup_message_body_append_bytes (soup_server_message_get_response_body (msg), slice);
          return;
        }
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

static void
handle_recording_media (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  serve_media (self, msg);
}

/* Legacy transcriptions */

static void
list_transcriptions (LiaisonSimServer  *self,
                     SoupServerMessage *msg,
                     SimAccount        *account,
                     const char        *recording_sid)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " TRANSCRIPTION_COLUMNS " FROM transcriptions"
                                         " WHERE account_sid = ?1");
  g_autoptr(JsonArray) items = json_array_new ();
  SimPaging paging;
  gboolean has_more = FALSE;
  gint64 last_seq = 0;
  guint n = 0;
  sqlite3_stmt *stmt;

  if (!sim_paging_parse (msg, query, &paging))
    return;
  if (recording_sid != NULL)
    g_string_append (sql, " AND recording_sid = ?2");
  sim_paging_append_sql (&paging, sql, 3);
  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  if (recording_sid != NULL)
    sqlite3_bind_text (stmt, 2, recording_sid, -1, SQLITE_TRANSIENT);
  sim_paging_bind (&paging, stmt, 3);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SimTranscription) transcription = NULL;
      g_autoptr(JsonBuilder) builder = NULL;

      if (n == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      transcription = transcription_from_row (stmt);
      builder = json_builder_new ();
      build_transcription (builder, transcription);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = transcription->seq;
      n++;
    }
  sqlite3_finalize (stmt);

  sim_respond_page (self, msg, &paging, FALSE, "transcriptions", g_steal_pointer (&items), has_more, last_seq,
                    NULL);
}

static void
handle_transcriptions_list (LiaisonSimServer  *self,
                            SoupServerMessage *msg,
                            SimAccount        *account,
                            GMatchInfo        *match)
{
  if (check_account (msg, account, match))
    list_transcriptions (self, msg, account, NULL);
}

static void
handle_recording_transcriptions_list (LiaisonSimServer  *self,
                                      SoupServerMessage *msg,
                                      SimAccount        *account,
                                      GMatchInfo        *match)
{
  g_autofree char *recording_sid = g_match_info_fetch (match, 2);

  if (check_account (msg, account, match))
    list_transcriptions (self, msg, account, recording_sid);
}

/* @recording_group: 0 for the account-level path. */
static SimTranscription *
find_transcription (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match,
                    guint              sid_group,
                    guint              recording_group)
{
  g_autofree char *sid = g_match_info_fetch (match, sid_group);
  g_autofree char *recording_sid = recording_group != 0 ? g_match_info_fetch (match, recording_group) : NULL;
  g_autoptr(SimTranscription) transcription = NULL;

  if (!check_account (msg, account, match))
    return NULL;
  transcription = db_transcription_get (self, account->sid, sid);
  if (transcription != NULL && recording_sid != NULL
      && !g_str_equal (transcription->recording_sid, recording_sid))
    g_clear_pointer (&transcription, sim_transcription_free);
  if (transcription == NULL)
    sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
  return g_steal_pointer (&transcription);
}

static void
respond_transcription (SoupServerMessage *msg,
                       SimTranscription  *transcription)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_transcription (builder, transcription);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
delete_transcription (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimTranscription  *transcription)
{
  if (sim_db_delete_by_sid (self, "DELETE FROM transcriptions WHERE sid = ? AND account_sid = ?",
                            transcription->account_sid, transcription->sid) != 1)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
handle_transcription_fetch (LiaisonSimServer  *self,
                            SoupServerMessage *msg,
                            SimAccount        *account,
                            GMatchInfo        *match)
{
  g_autoptr(SimTranscription) transcription = find_transcription (self, msg, account, match, 2, 0);

  if (transcription != NULL)
    respond_transcription (msg, transcription);
}

static void
handle_transcription_delete (LiaisonSimServer  *self,
                             SoupServerMessage *msg,
                             SimAccount        *account,
                             GMatchInfo        *match)
{
  g_autoptr(SimTranscription) transcription = find_transcription (self, msg, account, match, 2, 0);

  if (transcription != NULL)
    delete_transcription (self, msg, transcription);
}

static void
handle_recording_transcription_fetch (LiaisonSimServer  *self,
                                      SoupServerMessage *msg,
                                      SimAccount        *account,
                                      GMatchInfo        *match)
{
  g_autoptr(SimTranscription) transcription = find_transcription (self, msg, account, match, 3, 2);

  if (transcription != NULL)
    respond_transcription (msg, transcription);
}

static void
handle_recording_transcription_delete (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match)
{
  g_autoptr(SimTranscription) transcription = find_transcription (self, msg, account, match, 3, 2);

  if (transcription != NULL)
    delete_transcription (self, msg, transcription);
}

/* Creation */

static char *
recording_url (LiaisonSimServer *self,
               const char       *account_sid,
               const char       *sid)
{
  g_autofree char *url = liaison_sim_server_get_url (self);

  return g_strconcat (url, API_VERSION_PATH "/Accounts/", account_sid, "/Recordings/", sid, NULL);
}

static const char * const recording_sources[] = {
  "DialVerb", "Conference", "OutboundAPI", "Trunking", "RecordVerb", "StartCallRecordingAPI",
  "StartConferenceRecordingAPI", NULL,
};

char *
sim_recording_create (LiaisonSimServer       *self,
                      SimAccount             *account,
                      const SimRecordingSpec *spec)
{
  g_autoptr(SimRecording) recording = g_new0 (SimRecording, 1);
  const char *source;
  guint channels;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  source = spec->source != NULL ? spec->source : "RecordVerb";
  channels = spec->channels != 0 ? spec->channels : 1;
  if (!g_strv_contains (recording_sources, source) || channels > 2 || spec->duration > MAX_DURATION)
    {
      g_warning ("Refusing a recording with source %s, %u channels and %u s", source, channels, spec->duration);
      return NULL;
    }

  recording->sid = sim_new_sid ("RE");
  recording->account_sid = g_strdup (account->sid);
  recording->call_sid = g_strdup (spec->call_sid);
  recording->conference_sid = g_strdup (spec->conference_sid);
  recording->source = g_strdup (source);
  recording->channels = channels;
  recording->speech = g_strdup (spec->speech);
  recording->speech_other = g_strdup (spec->speech_other);
  recording->duration = spec->duration > 0 ? spec->duration
                        : liaison_speech_natural_duration (spec->speech, spec->speech_other);
  /* Stored complete: it started duration seconds ago. */
  recording->start_time = self->clock - recording->duration;
  recording->date_created = recording->start_time;
  recording->date_updated = self->clock;

  stmt = sim_db_prepare (self, "INSERT INTO recordings (sid, account_sid, call_sid, conference_sid, source,"
                               " channels, duration, speech, speech_other, start_time, date_created,"
                               " date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, recording->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recording->account_sid, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 3, recording->call_sid);
  sim_bind_text_or_null (stmt, 4, recording->conference_sid);
  sqlite3_bind_text (stmt, 5, recording->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, recording->channels);
  sqlite3_bind_int (stmt, 7, recording->duration);
  sim_bind_text_or_null (stmt, 8, recording->speech);
  sim_bind_text_or_null (stmt, 9, recording->speech_other);
  sqlite3_bind_int64 (stmt, 10, recording->start_time);
  sqlite3_bind_int64 (stmt, 11, recording->date_created);
  sqlite3_bind_int64 (stmt, 12, recording->date_updated);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  start_render (self, recording);
  {
    g_autofree char *masked = liaison_log_mask_body (recording->speech);

    g_debug ("Recording %s (%u s, %u channels) of %s", recording->sid, recording->duration,
             recording->channels, masked);
  }

  if (spec->status_callback != NULL && spec->status_callback[0] != '\0')
    {
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *url = recording_url (self, account->sid, recording->sid);
      g_autofree char *duration = g_strdup_printf ("%u", recording->duration);
      g_autofree char *channels_text = g_strdup_printf ("%u", recording->channels);
      g_autofree char *start_time = sim_format_unix (recording->start_time);

      sim_pairs_add (params, "AccountSid", account->sid);
      sim_pairs_add (params, "CallSid", recording->call_sid);
      if (recording->conference_sid != NULL)
        sim_pairs_add (params, "ConferenceSid", recording->conference_sid);
      sim_pairs_add (params, "ErrorCode", "0");
      sim_pairs_add (params, "RecordingChannels", channels_text);
      sim_pairs_add (params, "RecordingDuration", duration);
      sim_pairs_add (params, "RecordingSid", recording->sid);
      sim_pairs_add (params, "RecordingSource", recording->source);
      sim_pairs_add (params, "RecordingStartTime", start_time);
      sim_pairs_add (params, "RecordingStatus", "completed");
      sim_pairs_add (params, "RecordingUrl", url);
      sim_post_webhook (self, account, spec->status_callback, spec->status_callback_method, params,
                        NULL, NULL, NULL);
    }

  if (spec->transcribe)
    {
      g_autofree char *sid = sim_new_sid ("TR");
      g_autofree char *text = NULL;

      if (spec->speech != NULL && spec->speech_other != NULL)
        text = g_strconcat (spec->speech, " ", spec->speech_other, NULL);
      else
        text = g_strdup (spec->speech != NULL ? spec->speech : spec->speech_other);

      stmt = sim_db_prepare (self, "INSERT INTO transcriptions (sid, account_sid, recording_sid, call_sid,"
                                   " status, text, duration, callback, date_created, date_updated, next_at)"
                                   " VALUES (?, ?, ?, ?, 'in-progress', ?, ?, ?, ?, ?, ?)");
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, account->sid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, recording->sid, -1, SQLITE_TRANSIENT);
          sim_bind_text_or_null (stmt, 4, recording->call_sid);
          sim_bind_text_or_null (stmt, 5, text);
          sqlite3_bind_int (stmt, 6, recording->duration);
          sim_bind_text_or_null (stmt, 7, spec->transcribe_callback);
          sqlite3_bind_int64 (stmt, 8, self->clock);
          sqlite3_bind_int64 (stmt, 9, self->clock);
          sqlite3_bind_int64 (stmt, 10, self->clock + LEGACY_TRANSCRIPTION_DELAY);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
          sqlite3_finalize (stmt);
        }
    }

  return g_steal_pointer (&recording->sid);
}

static void
recordings_tick (LiaisonSimServer *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_transcription_free);
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT " TRANSCRIPTION_COLUMNS " FROM transcriptions"
                                             " WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY seq");

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, self->clock);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (due, transcription_from_row (stmt));
      sqlite3_finalize (stmt);
    }

  for (guint i = 0; i < due->len; i++)
    {
      SimTranscription *transcription = g_ptr_array_index (due, i);
      SimAccount *account = g_hash_table_lookup (self->accounts, transcription->account_sid);

      stmt = sim_db_prepare (self, "UPDATE transcriptions SET status = 'completed', date_updated = ?,"
                                   " next_at = NULL WHERE seq = ?");
      if (stmt == NULL)
        continue;
      sqlite3_bind_int64 (stmt, 1, self->clock);
      sqlite3_bind_int64 (stmt, 2, transcription->seq);
      sqlite3_step (stmt);
      sqlite3_finalize (stmt);

      if (account != NULL && transcription->callback != NULL && transcription->callback[0] != '\0')
        {
          g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *url = recording_url (self, account->sid, transcription->recording_sid);
          g_autofree char *base = liaison_sim_server_get_url (self);
          g_autofree char *absolute = g_strdup_printf ("%s" API_VERSION_PATH "/Accounts/%s/Transcriptions/%s",
                                                       base, account->sid, transcription->sid);

          sim_pairs_add (params, "AccountSid", account->sid);
          sim_pairs_add (params, "ApiVersion", "2010-04-01");
          sim_pairs_add (params, "CallSid", transcription->call_sid);
          sim_pairs_add (params, "RecordingSid", transcription->recording_sid);
          sim_pairs_add (params, "RecordingUrl", url);
          sim_pairs_add (params, "TranscriptionSid", transcription->sid);
          sim_pairs_add (params, "TranscriptionStatus", "completed");
          sim_pairs_add (params, "TranscriptionText", transcription->text);
          sim_pairs_add (params, "TranscriptionType", "fast");
          sim_pairs_add (params, "TranscriptionUrl", absolute);
          sim_post_webhook (self, account, transcription->callback, NULL, params, NULL, NULL, NULL);
        }
    }

  sim_intelligence_tick (self);
}

/* Control API */

static void
control_recordings (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    GPtrArray         *form)
{
  const char *account_sid = sim_form_get (form, "AccountSid");
  const char *call_sid = sim_form_get (form, "CallSid");
  const char *conference_sid = sim_form_get (form, "ConferenceSid");
  const char *transcribe = sim_form_get (form, "Transcribe");
  SimRecordingSpec spec = { 0, };
  gint64 channels, duration;
  g_autofree char *sid = NULL;
  g_autoptr(JsonNode) root = NULL;
  SimAccount *account;

  if (account_sid == NULL)
    account_sid = self->default_account_sid;
  account = account_sid != NULL ? g_hash_table_lookup (self->accounts, account_sid) : NULL;
  if (account == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20404, "Unknown AccountSid");
      return;
    }
  if (!sim_form_get_int (form, "Channels", 1, 2, 1, &channels)
      || !sim_form_get_int (form, "Duration", 0, MAX_DURATION, 0, &duration))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "Channels must be 1 or 2 and Duration 0 to 3600 seconds");
      return;
    }
  if ((call_sid != NULL && !sim_is_sid (call_sid, "CA"))
      || (conference_sid != NULL && !sim_is_sid (conference_sid, "CF")))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "CallSid or ConferenceSid is not a SID");
      return;
    }

  spec.call_sid = call_sid;
  spec.conference_sid = conference_sid;
  spec.source = sim_form_get (form, "Source");
  if (spec.source == NULL)
    spec.source = conference_sid != NULL ? "Conference" : "RecordVerb";
  spec.channels = (guint) channels;
  spec.duration = (guint) duration;
  spec.speech = sim_form_get (form, "Speech");
  spec.speech_other = sim_form_get (form, "SpeechOther");
  spec.status_callback = sim_form_get (form, "RecordingStatusCallback");
  spec.status_callback_method = sim_form_get (form, "RecordingStatusCallbackMethod");
  spec.transcribe = transcribe != NULL && g_ascii_strcasecmp (transcribe, "true") == 0;
  spec.transcribe_callback = sim_form_get (form, "TranscribeCallback");

  if (!g_strv_contains (recording_sources, spec.source))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Unknown Source");
      return;
    }

  sid = sim_recording_create (self, account, &spec);
  if (sid == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "The recording could not be stored");
      return;
    }

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, json_object_new ());
  json_object_set_string_member (json_node_get_object (root), "sid", sid);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

#define ACCOUNT_PATH     "^" API_VERSION_PATH "/Accounts/([^/]+)"
#define RECORDINGS_PATH  ACCOUNT_PATH "/Recordings"
#define INTELLIGENCE_PATH "^/v2"

static const SimRoute recordings_routes[] = {
  { "recordings-list", "GET", RECORDINGS_PATH "\\.json$", handle_recordings_list },
  { "recording-fetch", "GET", RECORDINGS_PATH "/([^/]+)\\.json$", handle_recording_fetch },
  { "recording-delete", "DELETE", RECORDINGS_PATH "/([^/]+)\\.json$", handle_recording_delete },
  { "recording-media", "GET", RECORDINGS_PATH "/([^/.]+)(\\.wav|\\.mp3)?$", handle_recording_media,
    SIM_ROUTE_NO_AUTH },
  { "recording-transcriptions-list", "GET", RECORDINGS_PATH "/([^/]+)/Transcriptions\\.json$",
    handle_recording_transcriptions_list },
  { "recording-transcription-fetch", "GET", RECORDINGS_PATH "/([^/]+)/Transcriptions/([^/]+)\\.json$",
    handle_recording_transcription_fetch },
  { "recording-transcription-delete", "DELETE", RECORDINGS_PATH "/([^/]+)/Transcriptions/([^/]+)\\.json$",
    handle_recording_transcription_delete },
  { "transcriptions-list", "GET", ACCOUNT_PATH "/Transcriptions\\.json$", handle_transcriptions_list },
  { "transcription-fetch", "GET", ACCOUNT_PATH "/Transcriptions/([^/]+)\\.json$", handle_transcription_fetch },
  { "transcription-delete", "DELETE", ACCOUNT_PATH "/Transcriptions/([^/]+)\\.json$",
    handle_transcription_delete },
  { "call-recordings-list", "GET", ACCOUNT_PATH "/Calls/([^/]+)/Recordings\\.json$",
    handle_call_recordings_list },
  { "call-recording-fetch", "GET", ACCOUNT_PATH "/Calls/([^/]+)/Recordings/([^/]+)\\.json$",
    handle_call_recording_fetch },
  { "call-recording-delete", "DELETE", ACCOUNT_PATH "/Calls/([^/]+)/Recordings/([^/]+)\\.json$",
    handle_call_recording_delete },
  { "conference-recordings-list", "GET", ACCOUNT_PATH "/Conferences/([^/]+)/Recordings\\.json$",
    handle_conference_recordings_list },
  { "conference-recording-fetch", "GET", ACCOUNT_PATH "/Conferences/([^/]+)/Recordings/([^/]+)\\.json$",
    handle_conference_recording_fetch },
  { "conference-recording-delete", "DELETE", ACCOUNT_PATH "/Conferences/([^/]+)/Recordings/([^/]+)\\.json$",
    handle_conference_recording_delete },
  { "intelligence-services-create", "POST", INTELLIGENCE_PATH "/Services$", sim_intelligence_services_create },
  { "intelligence-services-list", "GET", INTELLIGENCE_PATH "/Services$", sim_intelligence_services_list },
  { "intelligence-service-fetch", "GET", INTELLIGENCE_PATH "/Services/([^/]+)$", sim_intelligence_service_fetch },
  { "intelligence-service-delete", "DELETE", INTELLIGENCE_PATH "/Services/([^/]+)$",
    sim_intelligence_service_delete },
  { "intelligence-transcripts-create", "POST", INTELLIGENCE_PATH "/Transcripts$",
    sim_intelligence_transcripts_create },
  { "intelligence-transcripts-list", "GET", INTELLIGENCE_PATH "/Transcripts$", sim_intelligence_transcripts_list },
  { "intelligence-transcript-fetch", "GET", INTELLIGENCE_PATH "/Transcripts/([^/]+)$",
    sim_intelligence_transcript_fetch },
  { "intelligence-transcript-delete", "DELETE", INTELLIGENCE_PATH "/Transcripts/([^/]+)$",
    sim_intelligence_transcript_delete },
  { "intelligence-sentences-list", "GET", INTELLIGENCE_PATH "/Transcripts/([^/]+)/Sentences$",
    sim_intelligence_sentences_list },
  { "intelligence-operator-results-list", "GET", INTELLIGENCE_PATH "/Transcripts/([^/]+)/OperatorResults$",
    sim_intelligence_operator_results_list },
};

static const SimControlRoute recordings_control_routes[] = {
  { "POST", "/_sim/recordings", control_recordings },
};

const SimModule sim_recordings_module = {
  .name = "recordings",
  .schema = RECORDINGS_SCHEMA INTELLIGENCE_SCHEMA,
  .routes = recordings_routes,
  .n_routes = G_N_ELEMENTS (recordings_routes),
  .control_routes = recordings_control_routes,
  .n_control_routes = G_N_ELEMENTS (recordings_control_routes),
  .tick = recordings_tick,
  .finalize = recordings_finalize,
};
