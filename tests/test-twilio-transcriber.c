/* test-twilio-transcriber.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-call-summary.h"
#include "liaison-summarizer.h"
#include "liaison-test-utils.h"
#include "liaison-transcript-sentence.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-page.h"
#include "liaison-twilio-transcriber.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/* LiaisonTwilioTranscriber against a spawned liaison-sim. Recordings are
 * made with the simulator's control API; the simulator's time moves only
 * through POST /_sim/clock/advance. The transcriber has a fake clock of its
 * own: whenever it waits, the test moves the simulator and that clock by
 * the same delay, so the polling runs as it would in real time. */

#define SPEECH       "Hello, this is your advisor calling about the rollover. " \
                     "The balance is two hundred fifty thousand dollars. Please call me back."
#define SPEECH_OTHER "Thanks for the update. I will call you tomorrow morning."

typedef struct {
  LiaisonTestSim           *sim;
  LiaisonTwilioClient      *client;
  LiaisonClock             *clock;      /* the transcriber's */
  LiaisonTwilioTranscriber *transcriber;
  SoupSession              *session;
  GArray                   *waits;      /* gint64 µs, each wait of the transcriber */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(LiaisonClock) client_clock = liaison_clock_new_fake (g_get_real_time ());

  /* Without espeak-ng the sentences are the same (tones for audio). */
  g_setenv ("LIAISON_SIM_NO_SPEECH", "1", TRUE);
  fixture->sim = liaison_test_sim_start (NULL);
  g_unsetenv ("LIAISON_SIM_NO_SPEECH");
  fixture->session = soup_session_new ();
  fixture->waits = g_array_new (FALSE, FALSE, sizeof (gint64));

  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_clock_set_auto_advance (client_clock, TRUE);
  liaison_twilio_client_set_clock (fixture->client, client_clock);
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (fixture->client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);

  fixture->clock = liaison_clock_new_fake (g_get_real_time ());
  fixture->transcriber = liaison_twilio_transcriber_new (fixture->client, fixture->clock);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->transcriber);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->waits, g_array_unref);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
}

/* The simulator's control API (no credentials). */
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

static JsonNode *
parse (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
sim_recording (Fixture    *fixture,
               const char *speech,
               const char *rest)
{
  g_autofree char *escaped = g_uri_escape_string (speech, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("Speech=%s%s%s", escaped, rest != NULL ? "&" : "", rest != NULL ? rest : "");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *sid;

  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/recordings", form, &body), ==, 200);
  root = parse (body);
  sid = json_object_get_string_member (json_node_get_object (root), "sid");
  g_assert_true (g_str_has_prefix (sid, "RE"));
  return g_strdup (sid);
}

static void
sim_advance (Fixture *fixture,
             gint64   usec)
{
  g_autofree char *form = g_strdup_printf ("seconds=%" G_GINT64_FORMAT, (usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/clock/advance", form, NULL), ==, 200);
}

/* Runs until *result is set; each wait of the transcriber moves the
 * simulator (when @move_sim) and the transcriber's clock by its delay. */
static void
drive (Fixture       *fixture,
       GAsyncResult **result,
       gboolean       move_sim)
{
  while (*result == NULL)
    {
      if (liaison_clock_get_n_pending (fixture->clock) > 0)
        {
          gint64 delay = liaison_clock_get_next_delay (fixture->clock);

          g_array_append_val (fixture->waits, delay);
          if (move_sim)
            sim_advance (fixture, delay);
          liaison_clock_advance (fixture->clock, delay);
        }
      else
        g_main_context_iteration (NULL, TRUE);
    }
}

static char *
create_service (Fixture *fixture)
{
  g_autoptr(LiaisonTwilioIntelligenceService) service = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_client_create_intelligence_service_async (fixture->client, "liaison-test", NULL, NULL, NULL,
                                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  service = liaison_twilio_client_create_intelligence_service_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return g_strdup (liaison_twilio_intelligence_service_get_sid (service));
}

static GPtrArray *
transcribe (Fixture      *fixture,
            const char   *recording_sid,
            GCancellable *cancellable,
            char        **out_transcript_sid,
            GPtrArray   **out_operator_results,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_transcriber_transcribe_async (fixture->transcriber, recording_sid, "call-1", cancellable,
                                               liaison_test_async_cb, &result);
  drive (fixture, &result, TRUE);
  return liaison_twilio_transcriber_transcribe_finish (fixture->transcriber, result, out_transcript_sid,
                                                       out_operator_results, error);
}

/* The channel's sentences, joined by spaces. */
static char *
channel_text (GPtrArray *sentences,
              int        channel)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      LiaisonTranscriptSentence *sentence = g_ptr_array_index (sentences, i);

      if (liaison_transcript_sentence_get_channel (sentence) != channel)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, liaison_transcript_sentence_get_text (sentence));
    }
  return g_string_free (text, FALSE);
}

static JsonArray *
sim_requests (Fixture   *fixture,
              JsonNode **out_root)
{
  g_autoptr(GBytes) body = NULL;

  g_assert_cmpuint (plain_request (fixture, "GET", "/_sim/requests", NULL, &body), ==, 200);
  *out_root = parse (body);
  return json_node_get_array (*out_root);
}

static void
test_intelligence (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *recording_sid = NULL;
  g_autofree char *service_sid = create_service (fixture);
  g_autofree char *transcript_sid = NULL;
  g_autofree char *text_1 = NULL;
  g_autofree char *text_2 = NULL;
  g_autofree char *other = g_uri_escape_string (SPEECH_OTHER, NULL, FALSE);
  g_autofree char *rest = g_strdup_printf ("Channels=2&SpeechOther=%s", other);
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GPtrArray) operator_results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(LiaisonCallSummary) summary = NULL;
  JsonArray *requests;
  const char *channel = NULL;
  guint n_sentence_pages = 0;
  gint64 last_start = -1;

  recording_sid = sim_recording (fixture, SPEECH, rest);
  liaison_twilio_transcriber_set_participant (fixture->transcriber, 1, "+15550000001", "advisor-42");
  liaison_twilio_transcriber_set_page_size (fixture->transcriber, 2);

  sentences = transcribe (fixture, recording_sid, NULL, &transcript_sid, &operator_results, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sentences);
  g_assert_true (g_str_has_prefix (transcript_sid, "GT"));
  /* The account's only Service was found and remembered. */
  g_assert_cmpstr (liaison_twilio_transcriber_get_service_sid (fixture->transcriber), ==, service_sid);

  /* Polled with growing waits until completed. */
  g_assert_cmpuint (fixture->waits->len, >=, 2);
  g_assert_cmpint (g_array_index (fixture->waits, gint64, 0), ==, 2 * G_USEC_PER_SEC);
  for (guint i = 1; i < fixture->waits->len; i++)
    g_assert_cmpint (g_array_index (fixture->waits, gint64, i), >, g_array_index (fixture->waits, gint64, i - 1));

  /* Both channels, all sentences, in time order, with speakers. */
  g_assert_cmpuint (sentences->len, ==, 5);
  text_1 = channel_text (sentences, 1);
  text_2 = channel_text (sentences, 2);
  g_assert_cmpstr (text_1, ==, SPEECH);
  g_assert_cmpstr (text_2, ==, SPEECH_OTHER);
  for (guint i = 0; i < sentences->len; i++)
    {
      LiaisonTranscriptSentence *sentence = g_ptr_array_index (sentences, i);
      int ch = liaison_transcript_sentence_get_channel (sentence);

      g_assert_cmpuint (liaison_transcript_sentence_get_index (sentence), ==, i);
      g_assert_cmpstr (liaison_transcript_sentence_get_speaker (sentence), ==, ch == 1 ? "advisor" : "client");
      g_assert_cmpint (liaison_transcript_sentence_get_start_ms (sentence), >=, last_start);
      g_assert_cmpint (liaison_transcript_sentence_get_end_ms (sentence), >,
                       liaison_transcript_sentence_get_start_ms (sentence));
      g_assert_cmpfloat (liaison_transcript_sentence_get_confidence (sentence), >, 0.0);
      g_assert_cmpfloat (liaison_transcript_sentence_get_confidence (sentence), <=, 1.0);
      last_start = liaison_transcript_sentence_get_start_ms (sentence);
    }

  /* The simulator's text-generation operator. */
  g_assert_cmpuint (operator_results->len, >=, 1);
  summary = liaison_summarizer_summarize_operator_results (summarizer, operator_results, sentences);
  g_assert_nonnull (summary);
  g_assert_cmpint (liaison_call_summary_get_source (summary), ==, LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE);
  g_assert_cmpstr (liaison_call_summary_get_text (summary), !=, "");
  g_assert_cmpstr (liaison_call_summary_get_action_items (summary)[0], ==, "Call back the advisor (client)");

  /* What Twilio was sent: the participants, and paged sentences. */
  requests = sim_requests (fixture, &root);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *path = json_object_get_string_member (request, "path");

      if (g_str_equal (path, "/v2/Transcripts") && g_str_equal (json_object_get_string_member (request, "method"), "POST"))
        channel = json_object_get_string_member (json_object_get_object_member (request, "params"), "Channel");
      if (g_str_has_suffix (path, "/Sentences"))
        n_sentence_pages++;
    }
  g_assert_nonnull (channel);
  g_assert_cmpuint (n_sentence_pages, ==, 3);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;
    JsonArray *participants;
    JsonObject *participant;

    json_parser_load_from_data (parser, channel, -1, &error);
    g_assert_no_error (error);
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "media_properties"),
                                                    "source_sid"), ==, recording_sid);
    participants = json_object_get_array_member (object, "participants");
    g_assert_cmpuint (json_array_get_length (participants), ==, 2);
    participant = json_array_get_object_element (participants, 0);
    g_assert_cmpint (json_object_get_int_member (participant, "channel_participant"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (participant, "role"), ==, "Agent");
    g_assert_cmpstr (json_object_get_string_member (participant, "media_participant_id"), ==, "+15550000001");
    g_assert_cmpstr (json_object_get_string_member (participant, "user_id"), ==, "advisor-42");
    participant = json_array_get_object_element (participants, 1);
    g_assert_cmpint (json_object_get_int_member (participant, "channel_participant"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (participant, "role"), ==, "Customer");
    g_assert_false (json_object_has_member (participant, "user_id"));
  }
}

/* An existing transcript (from the Service's webhook) is read the same way. */
static void
test_fetch_existing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *recording_sid = sim_recording (fixture, SPEECH, NULL);
  g_autofree char *service_sid = create_service (fixture);
  g_autofree char *transcript_sid = NULL;
  g_autofree char *text = NULL;
  g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_client_create_transcript_async (fixture->client, service_sid, recording_sid, NULL, NULL,
                                                 liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  transcript = liaison_twilio_client_transcript_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  liaison_twilio_transcriber_fetch_async (fixture->transcriber, liaison_twilio_intelligence_transcript_get_sid (transcript),
                                          NULL, liaison_test_async_cb, &result);
  drive (fixture, &result, TRUE);
  sentences = liaison_twilio_transcriber_transcribe_finish (fixture->transcriber, result, &transcript_sid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (transcript_sid, ==, liaison_twilio_intelligence_transcript_get_sid (transcript));
  g_assert_cmpuint (sentences->len, ==, 3);
  text = channel_text (sentences, 1);
  g_assert_cmpstr (text, ==, SPEECH);
}

static void
test_no_service (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *recording_sid = sim_recording (fixture, SPEECH, NULL);
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  /* The account has none. */
  sentences = transcribe (fixture, recording_sid, NULL, NULL, NULL, &error);
  g_assert_null (sentences);
  g_assert_error (error, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_SERVICE);
  g_clear_error (&error);

  /* Twilio does not know the one set. */
  liaison_twilio_transcriber_set_service_sid (fixture->transcriber, "GA00000000000000000000000000000000");
  sentences = transcribe (fixture, recording_sid, NULL, NULL, NULL, &error);
  g_assert_null (sentences);
  g_assert_error (error, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_SERVICE);
  g_assert_nonnull (strstr (error->message, "GA00000000000000000000000000000000"));
  g_assert_cmpuint (fixture->waits->len, ==, 0);
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

static void
test_twilio_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *recording_sid = sim_recording (fixture, SPEECH, NULL);
  g_autofree char *service_sid = create_service (fixture);
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_transcriber_set_service_sid (fixture->transcriber, service_sid);

  /* Not a recording of this account: Twilio's own error, kept. */
  sentences = transcribe (fixture, "RE00000000000000000000000000000000", NULL, NULL, NULL, &error);
  g_assert_null (sentences);
  assert_twilio_code (error, 20001);
  g_clear_error (&error);

  /* The sentences are refused once the transcript is done. */
  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/faults",
                                   "path=/v2/Transcripts/GT[^/]*/Sentences&method=GET&status=403&code=20003",
                                   NULL), ==, 200);
  sentences = transcribe (fixture, recording_sid, NULL, NULL, NULL, &error);
  g_assert_null (sentences);
  assert_twilio_code (error, 20003);
}

static void
test_cancel_while_waiting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *recording_sid = sim_recording (fixture, SPEECH, NULL);
  g_autofree char *service_sid = create_service (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_transcriber_set_service_sid (fixture->transcriber, service_sid);
  liaison_twilio_transcriber_transcribe_async (fixture->transcriber, recording_sid, NULL, cancellable,
                                               liaison_test_async_cb, &result);
  while (liaison_clock_get_n_pending (fixture->clock) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  liaison_test_wait (&result);
  sentences = liaison_twilio_transcriber_transcribe_finish (fixture->transcriber, result, NULL, NULL, &error);
  g_assert_null (sentences);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The wait was dropped. */
  g_assert_cmpuint (liaison_clock_get_n_pending (fixture->clock), ==, 0);
}

static void
test_give_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *recording_sid = sim_recording (fixture, SPEECH, NULL);
  g_autofree char *service_sid = create_service (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_transcriber_set_service_sid (fixture->transcriber, service_sid);
  liaison_twilio_transcriber_set_polling (fixture->transcriber, G_USEC_PER_SEC, 2 * G_USEC_PER_SEC,
                                          10 * G_USEC_PER_SEC);
  liaison_twilio_transcriber_transcribe_async (fixture->transcriber, recording_sid, NULL, NULL,
                                               liaison_test_async_cb, &result);
  /* Twilio's time stands still: the transcript stays queued. */
  drive (fixture, &result, FALSE);
  sentences = liaison_twilio_transcriber_transcribe_finish (fixture->transcriber, result, NULL, NULL, &error);
  g_assert_null (sentences);
  g_assert_error (error, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_TIMED_OUT);
  /* 1 + 2 + 2 + 2 + 2 s, then the next wait would pass 10 s. */
  g_assert_cmpuint (fixture->waits->len, ==, 5);
  g_assert_cmpint (g_array_index (fixture->waits, gint64, 0), ==, G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (fixture->waits, gint64, 4), ==, 2 * G_USEC_PER_SEC);
}

static void
test_failed_status (void)
{
  static const char * const statuses[] = { "queued", "in-progress", "new", "completed", "failed", "error", "canceled" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"sid\": \"GT00000000000000000000000000000001\", \"status\": \"%s\"}",
                                               statuses[i]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
      g_autoptr(GError) error = NULL;
      gboolean done;

      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      transcript = liaison_twilio_intelligence_transcript_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                                                          &error);
      g_assert_no_error (error);
      done = liaison_twilio_transcriber_check_transcript (transcript, &error);
      g_assert_cmpint (done, ==, i == 3);
      if (i >= 4)
        {
          g_assert_error (error, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_FAILED);
          g_assert_nonnull (strstr (error->message, statuses[i]));
        }
      else
        g_assert_no_error (error);
    }
}

static void
test_legacy (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *recording_sid = sim_recording (fixture, SPEECH, "Duration=20&Transcribe=true");
  g_autofree char *plain_sid = sim_recording (fixture, SPEECH, "Duration=20");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTranscriptSentence *first, *last;
  g_autofree char *text = NULL;

  liaison_twilio_transcriber_transcribe_legacy_async (fixture->transcriber, recording_sid, "client", NULL,
                                                      liaison_test_async_cb, &result);
  drive (fixture, &result, TRUE);
  sentences = liaison_twilio_transcriber_transcribe_legacy_finish (fixture->transcriber, result, &error);
  g_assert_no_error (error);
  /* It was in progress at first. */
  g_assert_cmpuint (fixture->waits->len, >=, 1);

  g_assert_cmpuint (sentences->len, ==, 3);
  text = channel_text (sentences, 0);
  g_assert_cmpstr (text, ==, SPEECH);
  first = g_ptr_array_index (sentences, 0);
  last = g_ptr_array_index (sentences, 2);
  g_assert_cmpstr (liaison_transcript_sentence_get_speaker (first), ==, "client");
  g_assert_cmpint (liaison_transcript_sentence_get_start_ms (first), ==, 0);
  g_assert_cmpint (liaison_transcript_sentence_get_end_ms (last), ==, 20000);
  for (guint i = 1; i < sentences->len; i++)
    g_assert_cmpint (liaison_transcript_sentence_get_start_ms (g_ptr_array_index (sentences, i)), ==,
                     liaison_transcript_sentence_get_end_ms (g_ptr_array_index (sentences, i - 1)));
  g_clear_object (&result);
  g_clear_pointer (&sentences, g_ptr_array_unref);

  /* Transcription was not asked for. */
  liaison_twilio_transcriber_transcribe_legacy_async (fixture->transcriber, plain_sid, NULL, NULL,
                                                      liaison_test_async_cb, &result);
  drive (fixture, &result, TRUE);
  sentences = liaison_twilio_transcriber_transcribe_legacy_finish (fixture->transcriber, result, &error);
  g_assert_null (sentences);
  g_assert_error (error, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_TRANSCRIPTION);
  g_clear_error (&error);
  g_clear_object (&result);

  /* An unknown recording: Twilio's 20404. */
  liaison_twilio_transcriber_transcribe_legacy_async (fixture->transcriber, "RE00000000000000000000000000000000",
                                                      NULL, NULL, liaison_test_async_cb, &result);
  drive (fixture, &result, TRUE);
  sentences = liaison_twilio_transcriber_transcribe_legacy_finish (fixture->transcriber, result, &error);
  g_assert_null (sentences);
  assert_twilio_code (error, 20404);
}

static void
assert_split (const char         *text,
              gint64              duration_ms,
              const char * const *expected)
{
  g_autoptr(GPtrArray) sentences = liaison_twilio_transcriber_split_text (text, duration_ms, 0, NULL);
  gint64 end = 0;

  g_assert_cmpuint (sentences->len, ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; i < sentences->len; i++)
    {
      LiaisonTranscriptSentence *sentence = g_ptr_array_index (sentences, i);

      g_assert_cmpstr (liaison_transcript_sentence_get_text (sentence), ==, expected[i]);
      g_assert_cmpuint (liaison_transcript_sentence_get_index (sentence), ==, i);
      g_assert_cmpint (liaison_transcript_sentence_get_start_ms (sentence), ==, end);
      end = liaison_transcript_sentence_get_end_ms (sentence);
    }
  if (sentences->len > 0)
    g_assert_cmpint (end, ==, duration_ms);
}

static void
test_split_text (void)
{
  const char * const none[] = { NULL };
  const char * const one[] = { "Call me back", NULL };
  const char * const abbreviations[] = { "Hi, it's Mr. Lee from J. Smith & Co.", "The rate is 2.5 percent!",
                                         "Is that \"risk-free?\"", "Bye…", NULL };
  const char * const japanese[] = { "こんにちは。", "お電話ください。", NULL };
  const char * const equal[] = { "Abcd.", "Efgh.", "Ijkl.", "Mnop.", NULL };
  g_autoptr(GPtrArray) broken = NULL;

  assert_split ("", 1000, none);
  assert_split ("  (blank)  ", 1000, none);
  assert_split (" . ", 1000, (const char * const []) { ".", NULL });
  assert_split ("Call me back", 5000, one);
  assert_split ("Hi, it's Mr. Lee from J. Smith & Co. The rate is 2.5 percent! Is that \"risk-free?\" Bye…",
                60000, abbreviations);
  assert_split ("こんにちは。お電話ください。", 3000, japanese);
  /* Equal lengths, equal shares. */
  assert_split ("Abcd. Efgh. Ijkl. Mnop.", 4000, equal);
  broken = liaison_twilio_transcriber_split_text ("Abcd. Efgh. Ijkl. Mnop.", 4000, 0, NULL);
  g_assert_cmpint (liaison_transcript_sentence_get_end_ms (g_ptr_array_index (broken, 0)), ==, 1000);
  g_clear_pointer (&broken, g_ptr_array_unref);

  /* No duration: no times. Invalid UTF-8 does not crash. */
  broken = liaison_twilio_transcriber_split_text ("\xff\xfe Hello. \xc3", 0, 0, "client");
  g_assert_cmpuint (broken->len, ==, 2);
  g_assert_cmpint (liaison_transcript_sentence_get_end_ms (g_ptr_array_index (broken, 1)), ==, 0);
  g_assert_true (g_utf8_validate (liaison_transcript_sentence_get_text (g_ptr_array_index (broken, 1)), -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Liaison/TwilioTranscriber/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("intelligence", test_intelligence);
  ADD ("fetch-existing", test_fetch_existing);
  ADD ("no-service", test_no_service);
  ADD ("twilio-errors", test_twilio_errors);
  ADD ("cancel-while-waiting", test_cancel_while_waiting);
  ADD ("give-up", test_give_up);
  ADD ("legacy", test_legacy);
#undef ADD
  g_test_add_func ("/Liaison/TwilioTranscriber/failed-status", test_failed_status);
  g_test_add_func ("/Liaison/TwilioTranscriber/split-text", test_split_text);

  return g_test_run ();
}
