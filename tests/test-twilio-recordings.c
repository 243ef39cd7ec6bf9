/* test-twilio-recordings.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-page.h"
#include "liaison-webhook-signature.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sys/wait.h>

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

/* Recordings, legacy transcriptions and Voice Intelligence through
 * LiaisonTwilioClient against a spawned liaison-sim: recordings are made with
 * the simulator's control API (POST /_sim/recordings), their audio is decoded
 * here with GStreamer, and the simulator's webhooks land on a SoupServer in
 * this process. Time moves only through POST /_sim/clock/advance. */

#define SPEECH       "Hello, this is your advisor calling about the quarterly review. " \
                     "Your portfolio is up three percent. Please call me back."
#define SPEECH_OTHER "Thanks for the update. I will call you tomorrow morning."
#define CALL_SID     "CAaaaa456789abcdef0123456789abcdef"
/* Silence and speech: an RMS above this (on 16-bit samples) is not silence. */
#define RMS_SPEECH   200.0

typedef struct {
  char  *path;
  char  *signature;
  GStrv  params;
} Received;

typedef struct {
  LiaisonTestSim      *sim;
  LiaisonTwilioClient *client;
  SoupSession         *session;
  SoupServer          *receiver;
  char                *receiver_url;
  GPtrArray           *received;   /* Received */
  char                *dir;
} Fixture;

static void
received_free (Received *received)
{
  g_free (received->path);
  g_free (received->signature);
  g_strfreev (received->params);
  g_free (received);
}

static GStrv
decode_form (const char *data,
             gsize       length)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) items = g_strsplit (copy, "&", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *eq;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*items[i] == '\0')
        continue;
      g_strdelimit (items[i], "+", ' ');
      eq = strchr (items[i], '=');
      g_assert_nonnull (eq);
      *eq = '\0';
      name = g_uri_unescape_string (items[i], NULL);
      value = g_uri_unescape_string (eq + 1, NULL);
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

static const char *
param (GStrv       params,
       const char *name)
{
  for (guint i = 0; params[i] != NULL; i += 2)
    if (g_str_equal (params[i], name))
      return params[i + 1];
  return NULL;
}

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Received *received = g_new0 (Received, 1);
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  received->path = g_strdup (path);
  received->signature = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "X-Twilio-Signature"));
  received->params = decode_form (data != NULL ? data : "", length);
  g_ptr_array_add (fixture->received, received);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (g_get_real_time ());
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  fixture->receiver = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->receiver, NULL, receiver_cb, fixture, NULL);
  soup_server_listen_local (fixture->receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->receiver);
  fixture->receiver_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* data: run the simulator without espeak-ng (tones instead of speech). */
  if (data != NULL)
    g_setenv ("LIAISON_SIM_NO_SPEECH", "1", TRUE);
  fixture->sim = liaison_test_sim_start (NULL);
  g_unsetenv ("LIAISON_SIM_NO_SPEECH");
  fixture->session = soup_session_new ();
  fixture->dir = liaison_test_mkdtemp ();

  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_clock_set_auto_advance (clock, TRUE);
  liaison_twilio_client_set_clock (fixture->client, clock);
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (fixture->client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->receiver);
  g_clear_object (&fixture->receiver);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->received, g_ptr_array_unref);
  g_clear_pointer (&fixture->receiver_url, g_free);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  liaison_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* A request to the simulator without credentials (its control API, or public
 * media); the main context runs meanwhile so that webhooks are answered. */
static guint
plain_request (Fixture     *fixture,
               const char  *method,
               const char  *path,
               const char  *form,
               GBytes     **out_body)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  body = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);
  return soup_message_get_status (msg);
}

/* POST /_sim/recordings with @form; returns the new SID. */
static char *
sim_recording (Fixture    *fixture,
               const char *form)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *sid;

  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/recordings", form, &body), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  sid = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "sid");
  g_assert_true (g_str_has_prefix (sid, "RE"));
  g_assert_cmpuint (strlen (sid), ==, 34);
  return g_strdup (sid);
}

static char *
form_with_speech (const char *speech,
                  const char *rest)
{
  g_autofree char *escaped = g_uri_escape_string (speech, NULL, FALSE);

  return g_strdup_printf ("Speech=%s%s%s", escaped, rest != NULL ? "&" : "", rest != NULL ? rest : "");
}

static void
advance (Fixture *fixture,
         guint    seconds)
{
  g_autofree char *form = g_strdup_printf ("seconds=%u", seconds);

  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/clock/advance", form, NULL), ==, 200);
}

static LiaisonTwilioPage *
list_finish_wait (Fixture       *fixture,
                  GAsyncResult **result,
                  GError       **error)
{
  liaison_test_wait (result);
  return liaison_twilio_client_list_finish (fixture->client, *result, error);
}

static LiaisonTwilioRecording *
fetch_recording (Fixture     *fixture,
                 const char  *sid,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_fetch_recording_async (fixture->client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_fetch_recording_finish (fixture->client, result, error);
}

static void
assert_twilio_code (const GError *error,
                    gint          code)
{
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_nonnull (details);
  g_assert_cmpint (details->code, ==, code);
}

/* Download with progress */

typedef struct {
  GArray       *received;   /* goffset, each progress report */
  goffset       total;
  goffset       cancel_after;   /* 0: never */
  GCancellable *cancellable;
} Progress;

static void
progress_cb (goffset  received,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->received, received);
  progress->total = total;
  if (progress->cancel_after > 0 && received >= progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

static goffset
download (Fixture                      *fixture,
          const char                   *sid,
          LiaisonTwilioRecordingFormat  format,
          GFile                        *destination,
          Progress                     *progress,
          GError                      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_download_recording_async (fixture->client, sid, format, destination,
                                                  progress != NULL ? progress_cb : NULL, progress, NULL,
                                                  progress != NULL ? progress->cancellable : NULL,
                                                  liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_download_recording_finish (fixture->client, result, error);
}

static void
assert_monotonic (Progress *progress,
                  goffset   size)
{
  g_assert_cmpuint (progress->received->len, >, 0);
  for (guint i = 1; i < progress->received->len; i++)
    g_assert_cmpint (g_array_index (progress->received, goffset, i), >=,
                     g_array_index (progress->received, goffset, i - 1));
  g_assert_cmpint (g_array_index (progress->received, goffset, progress->received->len - 1), ==, size);
  g_assert_cmpint (progress->total, ==, size);
}

/* Decoding */

typedef struct {
  gint    channels;
  gint    rate;
  guint64 frames;
  double  sum_squares[2];
} Decoded;

static void
decode_audio (const char *path,
              Decoded    *decoded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autofree char *escaped = g_strescape (path, NULL);
  g_autofree char *description = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert"
                                                  " ! audio/x-raw,format=S16LE,layout=interleaved"
                                                  " ! appsink name=sink sync=false", escaped);

  /* Initialized here, inside a test case, so that GStreamer reads the
   * per-test user folders the test framework set (and owns). */
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  memset (decoded, 0, sizeof *decoded);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  while (TRUE)
    {
      g_autoptr(GstSample) sample = NULL;
      GstStructure *structure;
      GstBuffer *buffer;
      GstMapInfo map;
      gboolean eos = FALSE;

      g_signal_emit_by_name (sink, "pull-sample", &sample);
      if (sample == NULL)
        {
          g_object_get (sink, "eos", &eos, NULL);
          g_assert_true (eos);
          break;
        }
      structure = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
      g_assert_true (gst_structure_get_int (structure, "channels", &decoded->channels));
      g_assert_true (gst_structure_get_int (structure, "rate", &decoded->rate));
      g_assert_cmpint (decoded->channels, >=, 1);
      g_assert_cmpint (decoded->channels, <=, 2);
      buffer = gst_sample_get_buffer (sample);
      g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
      for (gsize i = 0; i < map.size / 2; i++)
        {
          gint16 value = GINT16_FROM_LE (((const gint16 *) map.data)[i]);

          decoded->sum_squares[i % decoded->channels] += (double) value * value;
        }
      decoded->frames += map.size / 2 / decoded->channels;
      gst_buffer_unmap (buffer, &map);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static double
rms (Decoded *decoded,
     guint    channel)
{
  return sqrt (decoded->sum_squares[channel] / MAX (decoded->frames, 1));
}

/* Unit: models */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_models_json (void)
{
  g_autoptr(JsonObject) recording_json = parse_object (
    "{\"sid\": \"REaaaa456789abcdef0123456789abcdef\", \"account_sid\": \"ACaaaa456789abcdef0123456789abcdef\","
    " \"call_sid\": \"CAaaaa456789abcdef0123456789abcdef\", \"channels\": 2, \"duration\": \"42\","
    " \"price\": -0.0025, \"status\": \"completed\", \"source\": \"DialVerb\", \"track\": \"both\","
    " \"start_time\": \"Tue, 24 Nov 2026 10:00:00 +0000\", \"error_code\": null, \"unknown\": [1]}");
  g_autoptr(JsonObject) in_progress_json = parse_object (
    "{\"sid\": \"REaaaa456789abcdef0123456789abcdef\", \"duration\": null, \"price\": null,"
    " \"status\": \"in-progress\"}");
  g_autoptr(JsonObject) bad_json = parse_object ("{\"sid\": \"REaaaa456789abcdef0123456789abcdef\", \"channels\": \"two\"}");
  g_autoptr(JsonObject) no_sid_json = parse_object ("{\"status\": \"completed\"}");
  g_autoptr(JsonObject) sentence_json = parse_object (
    "{\"sid\": \"GXaaaa456789abcdef0123456789abcdef\", \"media_channel\": 2, \"sentence_index\": 3,"
    " \"start_time\": \"1.25\", \"end_time\": 2.5, \"confidence\": \"0.9\", \"transcript\": \"Hi.\"}");
  g_autoptr(JsonObject) transcript_json = parse_object (
    "{\"sid\": \"GTaaaa456789abcdef0123456789abcdef\", \"status\": \"queued\", \"duration\": 0,"
    " \"date_created\": \"2026-11-24T10:00:00Z\", \"redaction\": true,"
    " \"channel\": {\"media_properties\": {\"source_sid\": \"REaaaa456789abcdef0123456789abcdef\"}}}");
  g_autoptr(LiaisonTwilioRecording) recording = NULL;
  g_autoptr(LiaisonTwilioRecording) in_progress = NULL;
  g_autoptr(LiaisonTwilioRecording) bad = NULL;
  g_autoptr(LiaisonTwilioRecording) no_sid = NULL;
  g_autoptr(LiaisonTwilioSentence) sentence = NULL;
  g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  recording = liaison_twilio_recording_new_from_json (recording_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_recording_get_call_sid (recording), ==, "CAaaaa456789abcdef0123456789abcdef");
  g_assert_cmpuint (liaison_twilio_recording_get_channels (recording), ==, 2);
  g_assert_cmpuint (liaison_twilio_recording_get_duration (recording), ==, 42);
  g_assert_cmpstr (liaison_twilio_recording_get_price (recording), ==, "-0.0025");
  g_assert_cmpstr (liaison_twilio_recording_get_track (recording), ==, "both");
  g_assert_cmpint (liaison_twilio_recording_get_error_code (recording), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (liaison_twilio_recording_get_start_time (recording)), ==, 1795514400);

  {
    g_autofree char *call_sid = NULL;
    guint channels = 0;

    g_object_get (recording, "call-sid", &call_sid, "channels", &channels, NULL);
    g_assert_cmpstr (call_sid, ==, "CAaaaa456789abcdef0123456789abcdef");
    g_assert_cmpuint (channels, ==, 2);
  }

  in_progress = liaison_twilio_recording_new_from_json (in_progress_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_recording_get_duration (in_progress), ==, 0);
  g_assert_null (liaison_twilio_recording_get_price (in_progress));

  bad = liaison_twilio_recording_new_from_json (bad_json, &error);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  g_assert_null (bad);
  g_clear_error (&error);
  no_sid = liaison_twilio_recording_new_from_json (no_sid_json, &error);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  g_assert_null (no_sid);
  g_clear_error (&error);

  sentence = liaison_twilio_sentence_new_from_json (sentence_json, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (liaison_twilio_sentence_get_start_time (sentence), 1.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_twilio_sentence_get_end_time (sentence), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (liaison_twilio_sentence_get_confidence (sentence), 0.9, 1e-9);
  g_assert_cmpint (liaison_twilio_sentence_get_media_channel (sentence), ==, 2);

  transcript = liaison_twilio_intelligence_transcript_new_from_json (transcript_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_source_sid (transcript), ==,
                   "REaaaa456789abcdef0123456789abcdef");
  g_assert_true (liaison_twilio_intelligence_transcript_get_redaction (transcript));
  g_assert_cmpint (g_date_time_to_unix (liaison_twilio_intelligence_transcript_get_date_created (transcript)), ==,
                   1795514400);
}

/* Against liaison-sim */

static void
test_list_fetch (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *mono_form = form_with_speech (SPEECH, "Channels=1&CallSid=" CALL_SID);
  g_autofree char *dual_form = form_with_speech (SPEECH, "Channels=2&Duration=20&Source=DialVerb"
                                                 "&SpeechOther=Thanks.");
  g_autofree char *mono = sim_recording (fixture, mono_form);
  g_autofree char *dual = sim_recording (fixture, dual_form);
  g_autoptr(LiaisonTwilioRecording) fetched = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autofree char *media_suffix = NULL;
  GPtrArray *items;

  fetched = fetch_recording (fixture, mono, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_recording_get_sid (fetched), ==, mono);
  g_assert_cmpstr (liaison_twilio_recording_get_account_sid (fetched), ==, fixture->sim->account_sid);
  g_assert_cmpstr (liaison_twilio_recording_get_call_sid (fetched), ==, CALL_SID);
  g_assert_cmpstr (liaison_twilio_recording_get_status (fetched), ==, "completed");
  g_assert_cmpstr (liaison_twilio_recording_get_source (fetched), ==, "RecordVerb");
  g_assert_cmpuint (liaison_twilio_recording_get_channels (fetched), ==, 1);
  /* 20 words at 0.4 s, rounded up with half a second to spare. */
  g_assert_cmpuint (liaison_twilio_recording_get_duration (fetched), ==, 9);
  g_assert_nonnull (liaison_twilio_recording_get_date_created (fetched));
  g_assert_nonnull (liaison_twilio_recording_get_start_time (fetched));
  media_suffix = g_strconcat ("/Recordings/", mono, NULL);
  g_assert_true (g_str_has_suffix (liaison_twilio_recording_get_media_url (fetched), media_suffix));
  g_assert_true (g_str_has_suffix (liaison_twilio_recording_get_uri (fetched), ".json"));
  g_clear_object (&fetched);

  fetched = fetch_recording (fixture, dual, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_recording_get_channels (fetched), ==, 2);
  g_assert_cmpuint (liaison_twilio_recording_get_duration (fetched), ==, 20);
  g_assert_cmpstr (liaison_twilio_recording_get_source (fetched), ==, "DialVerb");
  g_assert_null (liaison_twilio_recording_get_call_sid (fetched));

  /* Newest first; the CallSid filter keeps the mono one. */
  liaison_twilio_client_list_recordings_async (fixture->client, NULL, NULL, NULL, NULL, NULL, 0, NULL,
                                               liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (page);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (liaison_twilio_recording_get_sid (g_ptr_array_index (items, 0)), ==, dual);
  g_assert_cmpstr (liaison_twilio_recording_get_sid (g_ptr_array_index (items, 1)), ==, mono);
  g_clear_object (&page);
  g_clear_object (&result);

  liaison_twilio_client_list_recordings_async (fixture->client, CALL_SID, NULL, NULL, NULL, NULL, 0, NULL,
                                               liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (page);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (liaison_twilio_recording_get_sid (g_ptr_array_index (items, 0)), ==, mono);
  g_clear_object (&page);
  g_clear_object (&result);

  /* DateCreated> tomorrow: nothing; DateCreated< tomorrow: both. */
  liaison_twilio_client_list_recordings_async (fixture->client, NULL, NULL, NULL, NULL, tomorrow, 0, NULL,
                                               liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 0);
  g_clear_object (&page);
  g_clear_object (&result);
  liaison_twilio_client_list_recordings_async (fixture->client, NULL, NULL, NULL, tomorrow, NULL, 0, NULL,
                                               liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 2);
  g_clear_object (&page);
  g_clear_object (&result);

  /* The call's own list, with its "track". */
  liaison_twilio_client_list_call_recordings_async (fixture->client, CALL_SID, 0, NULL, liaison_test_async_cb,
                                                    &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (page);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (liaison_twilio_recording_get_sid (g_ptr_array_index (items, 0)), ==, mono);
  g_assert_cmpstr (liaison_twilio_recording_get_track (g_ptr_array_index (items, 0)), ==, "both");
}

static void
test_download_audio (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dual_form = form_with_speech (SPEECH, "Channels=2&Duration=12&SpeechOther=" "Thanks%20for%20the"
                                                 "%20update.%20I%20will%20call%20you%20tomorrow%20morning.");
  g_autofree char *mono_form = form_with_speech (SPEECH, "Channels=1&Duration=10");
  g_autofree char *dual = sim_recording (fixture, dual_form);
  g_autofree char *mono = sim_recording (fixture, mono_form);
  const struct {
    const char                   *sid;
    LiaisonTwilioRecordingFormat  format;
    const char                   *name;
    gint                          channels;
    double                        seconds;
    double                        tolerance;
  } cases[] = {
    { dual, LIAISON_TWILIO_RECORDING_FORMAT_WAV, "dual.wav", 2, 12.0, 0.001 },
    { dual, LIAISON_TWILIO_RECORDING_FORMAT_MP3, "dual.mp3", 2, 12.0, 0.25 },
    { mono, LIAISON_TWILIO_RECORDING_FORMAT_WAV, "mono.wav", 1, 10.0, 0.001 },
    { mono, LIAISON_TWILIO_RECORDING_FORMAT_MP3, "mono.mp3", 1, 10.0, 0.25 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (goffset));
      g_autofree char *contents = NULL;
      Progress progress = { reports, 0, 0, NULL };
      gsize length = 0;
      goffset size;
      Decoded decoded;

      g_test_message ("%s", cases[i].name);
      size = download (fixture, cases[i].sid, cases[i].format, file, &progress, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpint (size, ==, (goffset) length);
      g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
      assert_monotonic (&progress, size);
      if (cases[i].format == LIAISON_TWILIO_RECORDING_FORMAT_WAV)
        g_assert_true (length > 44 && memcmp (contents, "RIFF", 4) == 0 && memcmp (contents + 8, "WAVE", 4) == 0);
      else
        g_assert_true (length > 4 && ((guchar) contents[0] == 0xff || memcmp (contents, "ID3", 3) == 0));

      decode_audio (path, &decoded);
      g_assert_cmpint (decoded.channels, ==, cases[i].channels);
      g_assert_cmpint (decoded.rate, ==, 8000);
      g_assert_cmpfloat_with_epsilon ((double) decoded.frames / decoded.rate, cases[i].seconds, cases[i].tolerance);
      /* Both parties speak: no channel is silent. */
      for (gint c = 0; c < decoded.channels; c++)
        {
          g_test_message ("channel %d RMS %.0f", c, rms (&decoded, c));
          g_assert_cmpfloat (rms (&decoded, c), >, RMS_SPEECH);
        }
    }

  /* The media is public, with Twilio's content types. */
  {
    g_autofree char *wav = g_strdup_printf ("/2010-04-01/Accounts/%s/Recordings/%s", fixture->sim->account_sid, mono);
    g_autofree char *wrong_channels = g_strconcat (wav, ".wav?RequestedChannels=2", NULL);

    g_assert_cmpuint (plain_request (fixture, "GET", wav, NULL, NULL), ==, 200);
    g_assert_cmpuint (plain_request (fixture, "GET", wrong_channels, NULL, NULL), ==, 400);
  }
}

/* Without espeak-ng each word is a tone, and a recording without any
 * speech one long tone: still real, non-silent audio of the right shape. */
static void
test_tone_fallback (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *form = form_with_speech (SPEECH, "Channels=2&Duration=14&SpeechOther=Fine%2C%20thanks.");
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *silent_sid = sim_recording (fixture, "Duration=3");
  g_autofree char *path = g_build_filename (fixture->dir, "tones.wav", NULL);
  g_autofree char *silent_path = g_build_filename (fixture->dir, "tone.mp3", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) silent_file = g_file_new_for_path (silent_path);
  g_autoptr(GError) error = NULL;
  Decoded decoded;

  download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, file, NULL, &error);
  g_assert_no_error (error);
  decode_audio (path, &decoded);
  g_assert_cmpint (decoded.channels, ==, 2);
  g_assert_cmpint (decoded.rate, ==, 8000);
  g_assert_cmpuint (decoded.frames, ==, 14 * 8000);
  g_assert_cmpfloat (rms (&decoded, 0), >, RMS_SPEECH);
  g_assert_cmpfloat (rms (&decoded, 1), >, RMS_SPEECH);

  download (fixture, silent_sid, LIAISON_TWILIO_RECORDING_FORMAT_MP3, silent_file, NULL, &error);
  g_assert_no_error (error);
  decode_audio (silent_path, &decoded);
  g_assert_cmpint (decoded.channels, ==, 1);
  g_assert_cmpfloat_with_epsilon ((double) decoded.frames / decoded.rate, 3.0, 0.25);
  g_assert_cmpfloat (rms (&decoded, 0), >, RMS_SPEECH);
}

/* The WAV of a new mono recording of @speech in @fixture's simulator. */
static GBytes *
speech_wav (Fixture    *fixture,
            const char *speech)
{
  g_autofree char *form = form_with_speech (speech, "Duration=6");
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *path = g_strdup_printf ("/2010-04-01/Accounts/%s/Recordings/%s.wav",
                                           fixture->sim->account_sid, sid);
  GBytes *wav = NULL;

  g_assert_cmpuint (plain_request (fixture, "GET", path, NULL, &wav), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (wav), >, 6 * 8000);
  return wav;
}

/* --voice: the same words in another espeak-ng voice (the demo speaks its
 * translated book with the language's voice) are other, still real, audio;
 * a name that is not a voice is refused at start. */
static void
test_voice (Fixture       *fixture,
            gconstpointer  data)
{
  const char *words = "Hola, le llamo por la transferencia de su cuenta de jubilación.";
  g_autoptr(GBytes) english = speech_wav (fixture, words);
  g_autoptr(GBytes) spanish = NULL;
  LiaisonTestSim *default_sim = fixture->sim;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("LIAISON_SIM"), "--voice", "not a voice!", NULL };
  int status = 0;

  fixture->sim = liaison_test_sim_start ("--voice", "es", NULL);
  spanish = speech_wav (fixture, words);
  liaison_test_sim_stop (fixture->sim);
  fixture->sim = default_sim;

  g_assert_false (g_bytes_equal (english, spanish));
  {
    g_autofree char *path = g_build_filename (fixture->dir, "spanish.wav", NULL);
    Decoded decoded;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (spanish, NULL), g_bytes_get_size (spanish),
                                        &error));
    g_assert_no_error (error);
    decode_audio (path, &decoded);
    g_assert_cmpint (decoded.rate, ==, 8000);
    g_assert_cmpfloat (rms (&decoded, 0), >, RMS_SPEECH);
  }

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &stderr_text, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 64);
  g_assert_nonnull (strstr (stderr_text, "--voice"));
}

/* GET @path with a Range header; returns the status, the Content-Range and
 * the body. */
static guint
range_request (Fixture     *fixture,
               const char  *path,
               const char  *range,
               char       **out_content_range,
               GBytes     **out_body)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  *out_body = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  headers = soup_message_get_response_headers (msg);
  *out_content_range = g_strdup (soup_message_headers_get_one (headers, "Content-Range"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Accept-Ranges"), ==, "bytes");
  return soup_message_get_status (msg);
}

/* Range requests on the media, straight over HTTP. */
static void
test_media_ranges (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *form = form_with_speech (SPEECH, "Duration=4");
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *path = g_strdup_printf ("/2010-04-01/Accounts/%s/Recordings/%s.wav", fixture->sim->account_sid, sid);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) full = NULL;
  const gsize total = 44 + 4 * 8000 * 2;
  const guint8 *data_bytes;

  g_assert_cmpuint (plain_request (fixture, "GET", path, NULL, &full), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (full), ==, total);
  data_bytes = g_bytes_get_data (full, NULL);

  {
    g_autofree char *content_range = NULL;
    g_autoptr(GBytes) body = NULL;

    g_assert_cmpuint (range_request (fixture, path, "bytes=100-199", &content_range, &body), ==, 206);
    expected = g_strdup_printf ("bytes 100-199/%" G_GSIZE_FORMAT, total);
    g_assert_cmpstr (content_range, ==, expected);
    g_assert_cmpuint (g_bytes_get_size (body), ==, 100);
    g_assert_cmpmem (g_bytes_get_data (body, NULL), 100, data_bytes + 100, 100);
    g_clear_pointer (&expected, g_free);
  }
  {
    g_autofree char *content_range = NULL;
    g_autoptr(GBytes) body = NULL;

    /* The last ten bytes. */
    g_assert_cmpuint (range_request (fixture, path, "bytes=-10", &content_range, &body), ==, 206);
    expected = g_strdup_printf ("bytes %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT,
                                total - 10, total - 1, total);
    g_assert_cmpstr (content_range, ==, expected);
    g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), data_bytes + total - 10, 10);
    g_clear_pointer (&expected, g_free);
  }
  {
    g_autofree char *content_range = NULL;
    g_autoptr(GBytes) body = NULL;

    /* Open-ended past the end of a short request: clamped. */
    g_assert_cmpuint (range_request (fixture, path, "bytes=40-99999999", &content_range, &body), ==, 206);
    g_assert_cmpuint (g_bytes_get_size (body), ==, total - 40);
  }
  {
    g_autofree char *content_range = NULL;
    g_autoptr(GBytes) body = NULL;

    g_assert_cmpuint (range_request (fixture, path, "bytes=99999999-", &content_range, &body), ==, 416);
    expected = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, total);
    g_assert_cmpstr (content_range, ==, expected);
  }
}

static gboolean
files_equal (const char *a,
             const char *b)
{
  g_autofree char *a_data = NULL;
  g_autofree char *b_data = NULL;
  gsize a_len = 0, b_len = 0;

  g_assert_true (g_file_get_contents (a, &a_data, &a_len, NULL));
  g_assert_true (g_file_get_contents (b, &b_data, &b_len, NULL));
  return a_len == b_len && memcmp (a_data, b_data, a_len) == 0;
}

static void
test_download_resume (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *form = form_with_speech (SPEECH, "Channels=2&Duration=30&SpeechOther=Fine.");
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *full_path = g_build_filename (fixture->dir, "full.wav", NULL);
  g_autofree char *cut_path = g_build_filename (fixture->dir, "cut.wav", NULL);
  g_autofree char *cut_part = g_strconcat (cut_path, ".part", NULL);
  g_autofree char *written_path = g_build_filename (fixture->dir, "written.wav", NULL);
  g_autofree char *written_part = g_strconcat (written_path, ".part", NULL);
  g_autofree char *done_path = g_build_filename (fixture->dir, "done.wav", NULL);
  g_autofree char *done_part = g_strconcat (done_path, ".part", NULL);
  g_autofree char *long_path = g_build_filename (fixture->dir, "long.wav", NULL);
  g_autofree char *long_part = g_strconcat (long_path, ".part", NULL);
  g_autoptr(GFile) full = g_file_new_for_path (full_path);
  g_autoptr(GFile) cut = g_file_new_for_path (cut_path);
  g_autoptr(GFile) written = g_file_new_for_path (written_path);
  g_autoptr(GFile) done = g_file_new_for_path (done_path);
  g_autoptr(GFile) longer = g_file_new_for_path (long_path);
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (goffset));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *full_data = NULL;
  gsize full_len = 0;
  GStatBuf st;
  Progress progress = { reports, 0, 0, cancellable };
  goffset size;
  gint64 started;

  started = g_get_monotonic_time ();
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, full, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%" G_GOFFSET_FORMAT " bytes (30 s, two channels) in %.0f ms, rendering included",
                  size, (g_get_monotonic_time () - started) / 1000.0);
  g_assert_true (g_file_get_contents (full_path, &full_data, &full_len, NULL));
  g_assert_cmpint (full_len, ==, 44 + 30 * 8000 * 2 * 2);

  /* Once rendered, a figure for the client's throughput (not asserted). */
  {
    g_autofree char *again_path = g_build_filename (fixture->dir, "again.wav", NULL);
    g_autoptr(GFile) again = g_file_new_for_path (again_path);

    started = g_get_monotonic_time ();
    size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, again, NULL, &error);
    g_assert_no_error (error);
    g_test_message ("Again: %" G_GOFFSET_FORMAT " bytes in %.1f ms (%.0f MB/s)", size,
                    (g_get_monotonic_time () - started) / 1000.0,
                    size / ((g_get_monotonic_time () - started) / 1e6) / 1e6);
    g_assert_true (files_equal (again_path, full_path));
  }

  /* Cut after the first chunk: the .part file keeps what arrived. */
  progress.cancel_after = 1;
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, cut, &progress, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (size, ==, -1);
  g_clear_error (&error);
  g_assert_false (g_file_test (cut_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (cut_part, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  g_assert_cmpint (st.st_size, <, (goffset) full_len);

  /* Resumed from there: the first report is where it stopped. */
  g_array_set_size (reports, 0);
  g_cancellable_reset (cancellable);
  progress.cancel_after = 0;
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, cut, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (reports, goffset, 0), ==, st.st_size);
  assert_monotonic (&progress, full_len);
  g_assert_cmpint (size, ==, (goffset) full_len);
  g_assert_true (files_equal (cut_path, full_path));
  g_assert_false (g_file_test (cut_part, G_FILE_TEST_EXISTS));

  /* A .part file written by hand (1000 bytes). */
  g_assert_true (g_file_set_contents (written_part, full_data, 1000, NULL));
  g_array_set_size (reports, 0);
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, written, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (reports, goffset, 0), ==, 1000);
  g_assert_true (files_equal (written_path, full_path));

  /* Already complete: 416 with the same length, nothing more to fetch. */
  g_assert_true (g_file_set_contents (done_part, full_data, full_len, NULL));
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, done, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (size, ==, (goffset) full_len);
  g_assert_true (files_equal (done_path, full_path));

  /* Longer than the file (another recording's leftovers): started again. */
  {
    g_autofree char *junk = g_malloc0 (full_len + 10);

    g_assert_true (g_file_set_contents (long_part, junk, full_len + 10, NULL));
  }
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, longer, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (files_equal (long_path, full_path));
}

/* A write that fails midway (a file size limit standing in for a full disk):
 * a clear GError, the .part file keeps what was written, and the next
 * attempt finishes from there. */
static void
test_download_write_failure (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *form = form_with_speech (SPEECH, "Channels=2&Duration=10&SpeechOther=Fine.");
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *path = g_build_filename (fixture->dir, "limited.wav", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *reference_path = g_build_filename (fixture->dir, "reference.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) reference = g_file_new_for_path (reference_path);
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limited;
  void (*saved_handler) (int);
  const rlim_t limit = 100000;
  GStatBuf st;
  goffset size;

  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, reference, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (size, >, (goffset) limit);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = limit;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, file, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_cmpint (size, ==, -1);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Could not write the recording: "));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (part, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  g_assert_cmpint (st.st_size, <=, (goffset) limit);

  size = download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (files_equal (path, reference_path));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *form = form_with_speech (SPEECH, NULL);
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *path = g_build_filename (fixture->dir, "gone.mp3", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *media = g_strdup_printf ("/2010-04-01/Accounts/%s/Recordings/%s.mp3",
                                            fixture->sim->account_sid, sid);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonTwilioRecording) recording = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (plain_request (fixture, "GET", media, NULL, NULL), ==, 200);

  liaison_twilio_client_delete_recording_async (fixture->client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_delete_recording_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  recording = fetch_recording (fixture, sid, &error);
  g_assert_null (recording);
  assert_twilio_code (error, 20404);
  g_clear_error (&error);

  g_assert_cmpuint (plain_request (fixture, "GET", media, NULL, NULL), ==, 404);
  g_assert_cmpint (download (fixture, sid, LIAISON_TWILIO_RECORDING_FORMAT_MP3, file, NULL, &error), ==, -1);
  assert_twilio_code (error, 20404);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Deleting twice: 20404 again. */
  liaison_twilio_client_delete_recording_async (fixture->client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_twilio_client_delete_recording_finish (fixture->client, result, &error));
  assert_twilio_code (error, 20404);
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  guint pages = 0, total = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *text = g_strdup_printf ("Recording number %u.", i);
      g_autofree char *form = form_with_speech (text, "Duration=2");

      g_ptr_array_add (sids, sim_recording (fixture, form));
    }

  liaison_twilio_client_list_recordings_async (fixture->client, NULL, NULL, NULL, NULL, NULL, 3, NULL,
                                               liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  while (TRUE)
    {
      GPtrArray *items;

      g_assert_no_error (error);
      items = liaison_twilio_page_get_items (page);
      g_assert_cmpuint (items->len, <=, 3);
      for (guint i = 0; i < items->len; i++)
        {
          /* Newest first, each exactly once. */
          g_assert_cmpstr (liaison_twilio_recording_get_sid (g_ptr_array_index (items, i)), ==,
                           g_ptr_array_index (sids, sids->len - 1 - total));
          total++;
        }
      pages++;
      if (!liaison_twilio_page_has_next (page))
        break;
      {
        g_autoptr(GAsyncResult) next_result = NULL;
        LiaisonTwilioPage *next;

        liaison_twilio_page_next_async (page, NULL, liaison_test_async_cb, &next_result);
        liaison_test_wait (&next_result);
        next = liaison_twilio_page_next_finish (page, next_result, &error);
        g_object_unref (page);
        page = next;
      }
    }
  g_assert_cmpuint (total, ==, 7);
  g_assert_cmpuint (pages, ==, 3);
}

static Received *
find_received (Fixture    *fixture,
               const char *path)
{
  for (guint i = 0; i < fixture->received->len; i++)
    {
      Received *received = g_ptr_array_index (fixture->received, i);

      if (g_str_equal (received->path, path))
        return received;
    }
  return NULL;
}

static void
assert_signed (Fixture  *fixture,
               Received *received)
{
  g_autofree char *url = g_strconcat (fixture->receiver_url, received->path, NULL);
  const char * const tokens[] = { fixture->sim->auth_token, NULL };
  const char * const wrong[] = { "00000000000000000000000000000000", NULL };

  g_assert_nonnull (received->signature);
  g_assert_true (liaison_webhook_signature_validate (tokens, url, (const char * const *) received->params, NULL,
                                                     received->signature));
  g_assert_false (liaison_webhook_signature_validate (wrong, url, (const char * const *) received->params, NULL,
                                                      received->signature));
}

static void
test_status_callback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *callback = g_strconcat (fixture->receiver_url, "/recording-status", NULL);
  g_autofree char *escaped = g_uri_escape_string (callback, NULL, FALSE);
  g_autofree char *rest = g_strdup_printf ("Channels=2&Duration=15&CallSid=" CALL_SID
                                           "&RecordingStatusCallback=%s", escaped);
  g_autofree char *form = form_with_speech (SPEECH, rest);
  g_autofree char *sid = sim_recording (fixture, form);
  g_autofree char *url_suffix = g_strconcat ("/Recordings/", sid, NULL);
  g_autoptr(GDateTime) start_time = NULL;
  Received *received;

  /* A zero advance answers once the queued webhooks were delivered. */
  advance (fixture, 0);
  received = find_received (fixture, "/recording-status");
  g_assert_nonnull (received);
  assert_signed (fixture, received);
  g_assert_cmpstr (param (received->params, "AccountSid"), ==, fixture->sim->account_sid);
  g_assert_cmpstr (param (received->params, "CallSid"), ==, CALL_SID);
  g_assert_cmpstr (param (received->params, "RecordingSid"), ==, sid);
  g_assert_cmpstr (param (received->params, "RecordingStatus"), ==, "completed");
  g_assert_cmpstr (param (received->params, "RecordingDuration"), ==, "15");
  g_assert_cmpstr (param (received->params, "RecordingChannels"), ==, "2");
  g_assert_cmpstr (param (received->params, "RecordingSource"), ==, "RecordVerb");
  g_assert_cmpstr (param (received->params, "ErrorCode"), ==, "0");
  g_assert_true (g_str_has_prefix (param (received->params, "RecordingUrl"), fixture->sim->url));
  g_assert_true (g_str_has_suffix (param (received->params, "RecordingUrl"), url_suffix));
  start_time = liaison_twilio_parse_rfc2822_date (param (received->params, "RecordingStartTime"));
  g_assert_nonnull (start_time);
}

static void
test_legacy_transcription (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *callback = g_strconcat (fixture->receiver_url, "/transcribed", NULL);
  g_autofree char *escaped = g_uri_escape_string (callback, NULL, FALSE);
  g_autofree char *rest = g_strdup_printf ("Transcribe=true&TranscribeCallback=%s", escaped);
  g_autofree char *form = form_with_speech (SPEECH, rest);
  g_autofree char *sid = sim_recording (fixture, form);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(LiaisonTwilioTranscription) fetched = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioTranscription *transcription;
  Received *received;

  liaison_twilio_client_list_transcriptions_async (fixture->client, sid, 0, NULL, liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
  transcription = g_ptr_array_index (liaison_twilio_page_get_items (page), 0);
  g_assert_cmpstr (liaison_twilio_transcription_get_status (transcription), ==, "in-progress");
  g_assert_null (find_received (fixture, "/transcribed"));
  g_clear_object (&page);
  g_clear_object (&result);

  advance (fixture, 10);
  received = find_received (fixture, "/transcribed");
  g_assert_nonnull (received);
  assert_signed (fixture, received);
  g_assert_cmpstr (param (received->params, "TranscriptionText"), ==, SPEECH);
  g_assert_cmpstr (param (received->params, "TranscriptionStatus"), ==, "completed");
  g_assert_cmpstr (param (received->params, "RecordingSid"), ==, sid);
  g_assert_true (g_str_has_prefix (param (received->params, "TranscriptionSid"), "TR"));

  liaison_twilio_client_list_transcriptions_async (fixture->client, NULL, 0, NULL, liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
  transcription = g_ptr_array_index (liaison_twilio_page_get_items (page), 0);
  g_assert_cmpstr (liaison_twilio_transcription_get_sid (transcription), ==,
                   param (received->params, "TranscriptionSid"));
  g_assert_cmpstr (liaison_twilio_transcription_get_status (transcription), ==, "completed");
  g_assert_cmpstr (liaison_twilio_transcription_get_transcription_text (transcription), ==, SPEECH);
  g_assert_cmpstr (liaison_twilio_transcription_get_recording_sid (transcription), ==, sid);
  g_assert_cmpstr (liaison_twilio_transcription_get_transcription_type (transcription), ==, "fast");
  g_clear_object (&result);

  liaison_twilio_client_fetch_transcription_async (fixture->client, liaison_twilio_transcription_get_sid (transcription),
                                                   NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  fetched = liaison_twilio_client_fetch_transcription_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_transcription_get_transcription_text (fetched), ==, SPEECH);
  g_clear_object (&result);

  liaison_twilio_client_delete_transcription_async (fixture->client, liaison_twilio_transcription_get_sid (fetched),
                                                    NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_delete_transcription_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&fetched);

  liaison_twilio_client_fetch_transcription_async (fixture->client, param (received->params, "TranscriptionSid"),
                                                   NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  fetched = liaison_twilio_client_fetch_transcription_finish (fixture->client, result, &error);
  g_assert_null (fetched);
  assert_twilio_code (error, 20404);
}

static LiaisonTwilioIntelligenceTranscript *
fetch_transcript (Fixture    *fixture,
                  const char *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioIntelligenceTranscript *transcript;

  liaison_twilio_client_fetch_transcript_async (fixture->client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  transcript = liaison_twilio_client_transcript_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return transcript;
}

static void
test_intelligence (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *rest = g_strdup_printf ("Channels=2&SpeechOther=%s", "Thanks%20for%20the%20update.%20I%20will"
                                           "%20call%20you%20tomorrow%20morning.");
  g_autofree char *form = form_with_speech (SPEECH, rest);
  g_autofree char *recording_sid = sim_recording (fixture, form);
  g_autofree char *webhook = g_strconcat (fixture->receiver_url, "/intelligence", NULL);
  g_autoptr(LiaisonTwilioIntelligenceService) service = NULL;
  g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
  g_autoptr(LiaisonTwilioIntelligenceTranscript) fetched = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) channel_1 = g_string_new (NULL);
  g_autoptr(GString) channel_2 = g_string_new (NULL);
  LiaisonTwilioOperatorResult *operator_result;
  Received *received;
  double last_start = -1;
  gint last_index = -1;
  guint n_sentences = 0, n_pages = 0;

  liaison_twilio_client_create_intelligence_service_async (fixture->client, "liaison-test", "Liaison test",
                                                           webhook, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  service = liaison_twilio_client_create_intelligence_service_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (liaison_twilio_intelligence_service_get_sid (service), "GA"));
  g_assert_cmpstr (liaison_twilio_intelligence_service_get_unique_name (service), ==, "liaison-test");
  g_assert_cmpstr (liaison_twilio_intelligence_service_get_language_code (service), ==, "en-US");
  g_assert_cmpstr (liaison_twilio_intelligence_service_get_webhook_url (service), ==, webhook);
  g_clear_object (&result);

  liaison_twilio_client_list_intelligence_services_async (fixture->client, 0, NULL, liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
  g_clear_object (&page);
  g_clear_object (&result);

  liaison_twilio_client_create_transcript_async (fixture->client, liaison_twilio_intelligence_service_get_sid (service),
                                                 recording_sid, "advisor-42", NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  transcript = liaison_twilio_client_transcript_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_status (transcript), ==, "queued");
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_source_sid (transcript), ==, recording_sid);
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_customer_key (transcript), ==, "advisor-42");
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_service_sid (transcript), ==,
                   liaison_twilio_intelligence_service_get_sid (service));
  g_clear_object (&result);

  /* Not transcribed yet: no sentences. */
  liaison_twilio_client_list_sentences_async (fixture->client, liaison_twilio_intelligence_transcript_get_sid (transcript),
                                              0, NULL, liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 0);
  g_clear_object (&page);
  g_clear_object (&result);

  advance (fixture, 1);
  fetched = fetch_transcript (fixture, liaison_twilio_intelligence_transcript_get_sid (transcript));
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_status (fetched), ==, "in-progress");
  g_assert_null (find_received (fixture, "/intelligence"));
  g_clear_object (&fetched);

  advance (fixture, 5);
  fetched = fetch_transcript (fixture, liaison_twilio_intelligence_transcript_get_sid (transcript));
  g_assert_cmpstr (liaison_twilio_intelligence_transcript_get_status (fetched), ==, "completed");
  g_assert_cmpint (liaison_twilio_intelligence_transcript_get_duration (fetched), >, 0);
  received = find_received (fixture, "/intelligence");
  g_assert_nonnull (received);
  assert_signed (fixture, received);
  g_assert_cmpstr (param (received->params, "transcript_sid"), ==,
                   liaison_twilio_intelligence_transcript_get_sid (transcript));
  g_assert_cmpstr (param (received->params, "event_type"), ==, "voice_intelligence_transcript_available");
  g_assert_cmpstr (param (received->params, "customer_key"), ==, "advisor-42");

  /* Sentences, two per page, in order, with the spoken words. */
  liaison_twilio_client_list_sentences_async (fixture->client, liaison_twilio_intelligence_transcript_get_sid (transcript),
                                              2, NULL, liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  while (TRUE)
    {
      GPtrArray *items;

      g_assert_no_error (error);
      items = liaison_twilio_page_get_items (page);
      for (guint i = 0; i < items->len; i++)
        {
          LiaisonTwilioSentence *sentence = g_ptr_array_index (items, i);
          GString *text = liaison_twilio_sentence_get_media_channel (sentence) == 1 ? channel_1 : channel_2;

          g_assert_cmpint (liaison_twilio_sentence_get_sentence_index (sentence), ==, last_index + 1);
          g_assert_cmpfloat (liaison_twilio_sentence_get_start_time (sentence), >, last_start);
          g_assert_cmpfloat (liaison_twilio_sentence_get_end_time (sentence), >,
                             liaison_twilio_sentence_get_start_time (sentence));
          g_assert_cmpfloat (liaison_twilio_sentence_get_confidence (sentence), >, 0.0);
          g_assert_true (g_str_has_prefix (liaison_twilio_sentence_get_sid (sentence), "GX"));
          last_index = liaison_twilio_sentence_get_sentence_index (sentence);
          last_start = liaison_twilio_sentence_get_start_time (sentence);
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, liaison_twilio_sentence_get_transcript (sentence));
          n_sentences++;
        }
      n_pages++;
      if (!liaison_twilio_page_has_next (page))
        break;
      {
        g_autoptr(GAsyncResult) next_result = NULL;
        LiaisonTwilioPage *next;

        liaison_twilio_page_next_async (page, NULL, liaison_test_async_cb, &next_result);
        liaison_test_wait (&next_result);
        next = liaison_twilio_page_next_finish (page, next_result, &error);
        g_object_unref (page);
        page = next;
      }
    }
  g_assert_cmpuint (n_sentences, ==, 5);
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpstr (channel_1->str, ==, SPEECH);
  g_assert_cmpstr (channel_2->str, ==, SPEECH_OTHER);
  g_clear_object (&page);
  g_clear_object (&result);

  liaison_twilio_client_list_operator_results_async (fixture->client,
                                                     liaison_twilio_intelligence_transcript_get_sid (transcript),
                                                     NULL, liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
  operator_result = g_ptr_array_index (liaison_twilio_page_get_items (page), 0);
  g_assert_cmpstr (liaison_twilio_operator_result_get_operator_type (operator_result), ==, "text-generation");
  g_assert_true (g_str_has_prefix (liaison_twilio_operator_result_get_operator_sid (operator_result), "LY"));
  g_assert_cmpstr (liaison_twilio_operator_result_get_transcript_sid (operator_result), ==,
                   liaison_twilio_intelligence_transcript_get_sid (transcript));
  g_assert_nonnull (strstr (liaison_twilio_operator_result_get_text_generation_result (operator_result),
                            "Hello, this is your advisor"));
  g_clear_object (&page);
  g_clear_object (&result);

  /* Listed by recording, then deleted. */
  liaison_twilio_client_list_transcripts_async (fixture->client, NULL, recording_sid, 0, NULL,
                                                liaison_test_async_cb, &result);
  page = list_finish_wait (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
  g_clear_object (&result);
  liaison_twilio_client_delete_transcript_async (fixture->client,
                                                 liaison_twilio_intelligence_transcript_get_sid (transcript),
                                                 NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_delete_transcript_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  liaison_twilio_client_fetch_transcript_async (fixture->client,
                                                liaison_twilio_intelligence_transcript_get_sid (transcript),
                                                NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_clear_object (&fetched);
  fetched = liaison_twilio_client_transcript_finish (fixture->client, result, &error);
  g_assert_null (fetched);
  assert_twilio_code (error, 20404);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LiaisonTwilioRecording) recording = NULL;
  g_autoptr(LiaisonTwilioIntelligenceService) service = NULL;
  g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  recording = fetch_recording (fixture, "REaaaa456789abcdef0123456789abcdef", &error);
  g_assert_null (recording);
  assert_twilio_code (error, 20404);
  g_clear_error (&error);

  liaison_twilio_client_create_intelligence_service_async (fixture->client, "errors", NULL, NULL, NULL,
                                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  service = liaison_twilio_client_create_intelligence_service_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A transcript of a recording that does not exist: 400 (20001). */
  liaison_twilio_client_create_transcript_async (fixture->client, liaison_twilio_intelligence_service_get_sid (service),
                                                 "REaaaa456789abcdef0123456789abcdef", NULL, NULL,
                                                 liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  transcript = liaison_twilio_client_transcript_finish (fixture->client, result, &error);
  g_assert_null (transcript);
  assert_twilio_code (error, 20001);
  g_assert_cmpuint (liaison_twilio_error_get_details (error)->http_status, ==, 400);
  g_clear_error (&error);
  g_clear_object (&result);

  liaison_twilio_client_fetch_transcript_async (fixture->client, "GTaaaa456789abcdef0123456789abcdef", NULL,
                                                liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  transcript = liaison_twilio_client_transcript_finish (fixture->client, result, &error);
  g_assert_null (transcript);
  assert_twilio_code (error, 20404);
  g_clear_error (&error);

  /* The control API refuses nonsense. */
  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/recordings", "Channels=3", NULL), ==, 400);
  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/recordings", "CallSid=nope", NULL), ==, 400);
  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/recordings", "Source=Nowhere", NULL), ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/twilio-recordings/models-json", test_models_json);
  g_test_add ("/twilio-recordings/list-fetch", Fixture, NULL, fixture_setup, test_list_fetch, fixture_teardown);
  g_test_add ("/twilio-recordings/download-audio", Fixture, NULL, fixture_setup, test_download_audio,
              fixture_teardown);
  g_test_add ("/twilio-recordings/tone-fallback", Fixture, "no-speech", fixture_setup, test_tone_fallback,
              fixture_teardown);
  g_test_add ("/twilio-recordings/voice", Fixture, NULL, fixture_setup, test_voice, fixture_teardown);
  g_test_add ("/twilio-recordings/media-ranges", Fixture, NULL, fixture_setup, test_media_ranges, fixture_teardown);
  g_test_add ("/twilio-recordings/download-resume", Fixture, NULL, fixture_setup, test_download_resume,
              fixture_teardown);
  g_test_add ("/twilio-recordings/download-write-failure", Fixture, NULL, fixture_setup,
              test_download_write_failure, fixture_teardown);
  g_test_add ("/twilio-recordings/delete", Fixture, NULL, fixture_setup, test_delete, fixture_teardown);
  g_test_add ("/twilio-recordings/pagination", Fixture, NULL, fixture_setup, test_pagination, fixture_teardown);
  g_test_add ("/twilio-recordings/status-callback", Fixture, NULL, fixture_setup, test_status_callback,
              fixture_teardown);
  g_test_add ("/twilio-recordings/legacy-transcription", Fixture, NULL, fixture_setup, test_legacy_transcription,
              fixture_teardown);
  g_test_add ("/twilio-recordings/intelligence", Fixture, NULL, fixture_setup, test_intelligence, fixture_teardown);
  g_test_add ("/twilio-recordings/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);

  return g_test_run ();
}
