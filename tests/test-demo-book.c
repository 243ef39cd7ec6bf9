/* test-demo-book.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-consent-ledger.h"
#include "liaison-demo-book.h"
#include "liaison-phone.h"
#include "liaison-recording-cache.h"
#include "liaison-sequence.h"
#include "liaison-store.h"
#include "liaison-template.h"
#include "liaison-twilio-client.h"

#include <libsoup/soup.h>
#include <string.h>

/* The demo's book (src/gui/demo/liaison-demo-book.c) seeded into a real
 * store file against a real liaison-sim, then read back through the
 * store's public queries; the recordings are downloaded from the sim by the
 * app's own recording cache and must be real WAV audio. */

typedef struct {
  LiaisonTestSim *sim;
  SoupSession    *session;
  char           *dir;
  LiaisonStore   *store;
  gint64          now;
} Fixture;

static void
store_open (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "demo.db", NULL);

  fixture->store = liaison_store_new (path);
  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = liaison_test_mkdtemp ();
  fixture->session = soup_session_new ();
  fixture->now = g_get_real_time ();
  store_open (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  liaison_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
seed (Fixture       *fixture,
      const char    *sim_url,
      const char    *account_sid,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  liaison_demo_book_seed_async (fixture->store, fixture->session, sim_url, account_sid, fixture->now,
                                cancellable, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  ok = liaison_demo_book_seed_finish (fixture->store, result, error);
  g_test_message ("Seeding took %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  return ok;
}

static void
assert_valid_number (const char *e164)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonPhoneNumber) number = liaison_phone_number_parse (e164, "US", &error);

  g_assert_no_error (error);
  g_assert_nonnull (number);
  g_assert_cmpstr (liaison_phone_number_get_e164 (number), ==, e164);
}

/* The people of the ongoing activity. */
static void
test_people (void)
{
  guint n = liaison_demo_book_get_n_people ();
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);

  assert_valid_number (LIAISON_DEMO_OUR_NUMBER);
  assert_valid_number (LIAISON_DEMO_ADVISOR_PHONE);
  assert_valid_number (liaison_demo_book_get_opted_out_number ());
  g_assert_cmpstr (LIAISON_DEMO_OUR_NUMBER, !=, LIAISON_DEMO_ADVISOR_PHONE);

  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      const char *number = liaison_demo_book_get_person_number (i);
      const char *name = liaison_demo_book_get_person_name (i);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      assert_valid_number (number);
      g_assert_cmpstr (number, !=, liaison_demo_book_get_opted_out_number ());
      g_assert_cmpstr (number, !=, LIAISON_DEMO_OUR_NUMBER);
      g_assert_true (g_hash_table_add (numbers, (gpointer) number));

      for (guint k = 0; k < 6; k++)
        {
          g_autofree char *text = liaison_demo_book_inbound_text (i, k);
          g_autofree char *speech = liaison_demo_book_voicemail_speech (i, k);
          g_autofree char *next = liaison_demo_book_inbound_text (i, k + 1);

          g_assert_nonnull (text);
          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_cmpuint (strlen (text), >, 5);
          g_assert_nonnull (speech);
          g_assert_true (g_utf8_validate (speech, -1, NULL));
          g_assert_cmpuint (strlen (speech), >, 20);
          /* The texts vary from one event to the next. */
          g_assert_cmpstr (text, !=, next);
        }
    }
}

static GPtrArray *
list_threads (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *threads;

  liaison_store_list_threads_async (fixture->store, NULL, 500, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  threads = liaison_store_list_threads_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (threads);
  return threads;
}

static GPtrArray *
list_messages (Fixture *fixture,
               gint64   thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  liaison_store_list_messages_async (fixture->store, thread_id, NULL, 500, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  messages = liaison_store_list_messages_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (messages);
  return messages;
}

static void
check_threads (Fixture *fixture)
{
  g_autoptr(GPtrArray) threads = list_threads (fixture);
  g_autoptr(GHashTable) sids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint unread_threads = 0, n_failed = 0, n_undelivered = 0, n_delivered = 0, n_inbound = 0;
  gboolean opted_out_ends_with_confirmation = FALSE;

  g_assert_cmpuint (threads->len, ==, liaison_demo_book_get_n_threads ());
  g_assert_cmpuint (threads->len, >=, 15);

  for (guint t = 0; t < threads->len; t++)
    {
      LiaisonThread *thread = g_ptr_array_index (threads, t);
      g_autoptr(GPtrArray) messages = list_messages (fixture, liaison_thread_get_id (thread));
      guint unread = 0;

      /* Every thread belongs to a contact of the book. */
      g_assert_cmpint (liaison_thread_get_contact_id (thread), >, 0);
      g_assert_cmpstr (liaison_thread_get_our_number (thread), ==, LIAISON_DEMO_OUR_NUMBER);
      g_assert_cmpuint (messages->len, >=, 1);

      for (guint m = 0; m < messages->len; m++)
        {
          LiaisonMessage *message = g_ptr_array_index (messages, m);
          const char *sid = liaison_message_get_sid (message);
          const char *status = liaison_message_get_status (message);

          g_assert_nonnull (sid);
          g_assert_true (g_str_has_prefix (sid, "SM"));
          g_assert_cmpuint (strlen (sid), ==, 34);
          g_assert_true (g_hash_table_add (sids, g_strdup (sid)));
          g_assert_cmpstr (liaison_message_get_body (message), !=, "");
          g_assert_cmpint (liaison_message_get_date_created (message), <=, fixture->now + G_USEC_PER_SEC * 60);
          g_assert_cmpint (liaison_message_get_date_created (message), >, fixture->now - 9 * 7 * G_TIME_SPAN_DAY);

          if (g_str_equal (liaison_message_get_direction (message), "inbound"))
            {
              n_inbound++;
              if (!liaison_message_get_is_read (message))
                unread++;
            }
          else if (g_str_equal (status, "failed") || g_str_equal (status, "undelivered"))
            {
              int code = liaison_message_get_error_code (message);

              g_assert_true (code == 30003 || code == 30006 || code == 30007);
              g_assert_nonnull (liaison_message_get_error_message (message));
              g_assert_cmpstr (liaison_message_get_error_message (message), !=, "");
              if (g_str_equal (status, "failed"))
                n_failed++;
              else
                n_undelivered++;
            }
          else
            {
              g_assert_cmpstr (status, ==, "delivered");
              g_assert_cmpint (liaison_message_get_error_code (message), ==, 0);
              g_assert_cmpint (liaison_message_get_date_sent (message), >=,
                               liaison_message_get_date_created (message));
              n_delivered++;
            }
        }

      g_assert_cmpuint (liaison_thread_get_unread_count (thread), ==, unread);
      if (unread > 0)
        unread_threads++;

      if (g_str_equal (liaison_thread_get_remote_number (thread), liaison_demo_book_get_opted_out_number ()))
        {
          /* Newest first: the confirmation, then the STOP. */
          LiaisonMessage *last = g_ptr_array_index (messages, 0);
          LiaisonMessage *stop = g_ptr_array_index (messages, 1);

          g_assert_cmpstr (liaison_message_get_direction (stop), ==, "inbound");
          g_assert_cmpstr (liaison_message_get_body (stop), ==, "STOP");
          g_assert_cmpstr (liaison_message_get_direction (last), !=, "inbound");
          opted_out_ends_with_confirmation = TRUE;
        }
    }

  g_test_message ("%u threads, %u delivered, %u inbound, %u failed, %u undelivered, %u threads unread",
                  threads->len, n_delivered, n_inbound, n_failed, n_undelivered, unread_threads);
  g_assert_cmpuint (unread_threads, >=, 2);
  g_assert_cmpuint (n_failed, >=, 2);
  g_assert_cmpuint (n_undelivered, >=, 1);
  g_assert_cmpuint (n_delivered, >=, 20);
  g_assert_cmpuint (n_inbound, >=, 20);
  g_assert_true (opted_out_ends_with_confirmation);
}

static void
check_contacts (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) stages = NULL;
  g_auto(GStrv) tags = NULL;
  LiaisonStoreContactFilter filter = { 0, };
  guint n_opted_out = 0, n_bad = 0, n_with_company = 0, n_with_notes = 0;
  const char * const all_kinds[] = { "lead", "prospect", "client", "referral-partner" };

  liaison_store_list_contacts_async (fixture->store, &filter, NULL, 500, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  contacts = liaison_store_list_contacts_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, liaison_demo_book_get_n_contacts ());
  g_assert_cmpuint (contacts->len, >=, 30);

  for (guint i = 0; i < contacts->len; i++)
    {
      LiaisonContact *contact = g_ptr_array_index (contacts, i);
      const char *kind = liaison_contact_get_kind (contact);
      const char * const *phones = liaison_contact_get_phones (contact);
      guint *count;

      g_assert_nonnull (phones);
      g_assert_nonnull (phones[0]);
      assert_valid_number (phones[0]);
      g_assert_nonnull (liaison_contact_get_owner (contact));

      count = g_hash_table_lookup (kinds, kind);
      g_hash_table_insert (kinds, g_strdup (kind), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));

      if (liaison_contact_get_opted_out (contact))
        {
          n_opted_out++;
          g_assert_cmpstr (phones[0], ==, liaison_demo_book_get_opted_out_number ());
        }
      if (liaison_contact_get_has_bad_number (contact))
        n_bad++;
      if (liaison_contact_get_company (contact) != NULL)
        n_with_company++;
      if (liaison_contact_get_notes (contact) != NULL)
        n_with_notes++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (kinds, all_kinds[k]));

      g_test_message ("%u contacts of kind %s", n, all_kinds[k]);
      g_assert_cmpuint (n, >=, 3);
    }
  g_assert_cmpuint (g_hash_table_size (kinds), ==, G_N_ELEMENTS (all_kinds));
  g_assert_cmpuint (n_opted_out, ==, 1);
  /* The numbers that bounced (30003, 30006) are flagged. */
  g_assert_cmpuint (n_bad, ==, 2);
  g_assert_cmpuint (n_with_company, >=, 8);
  g_assert_cmpuint (n_with_notes, >=, 10);

  g_clear_object (&result);
  liaison_store_list_contact_values_async (fixture->store, LIAISON_CONTACT_VALUES_STAGES, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  stages = liaison_store_list_contact_values_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (stages), >=, 5);

  g_clear_object (&result);
  liaison_store_list_contact_values_async (fixture->store, LIAISON_CONTACT_VALUES_TAGS, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  tags = liaison_store_list_contact_values_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), >=, 8);
  g_assert_true (g_strv_contains ((const char * const *) tags, "retirement"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "529-plan"));
}

static void
check_consent (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonConsentEvent) event = NULL;
  LiaisonConsentState state;

  liaison_consent_ledger_get_state_async (fixture->store, liaison_demo_book_get_opted_out_number (), NULL,
                                          liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  state = liaison_consent_ledger_get_state_finish (fixture->store, result, &event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, LIAISON_CONSENT_OPTED_OUT);
  g_assert_nonnull (event);
  g_assert_cmpstr (liaison_consent_event_get_source (event), ==, "keyword");
  g_assert_cmpint (liaison_consent_event_get_time (event), <, fixture->now - G_TIME_SPAN_DAY);

  /* The people who text in have not opted out. */
  for (guint i = 0; i < liaison_demo_book_get_n_people (); i++)
    {
      g_clear_object (&result);
      liaison_consent_ledger_get_state_async (fixture->store, liaison_demo_book_get_person_number (i), NULL,
                                              liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      state = liaison_consent_ledger_get_state_finish (fixture->store, result, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (state, !=, LIAISON_CONSENT_OPTED_OUT);
    }
}

static char *
fetch_recording (LiaisonRecordingCache *cache,
                 const char            *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  liaison_recording_cache_fetch_async (cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV, NULL, NULL, NULL, NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  path = liaison_recording_cache_fetch_finish (cache, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static void
check_wav (const char *path,
           guint       channels)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 44 + 8000 * 2 * 5);   /* more than 5 s of 8 kHz 16-bit audio */
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 4, "WAVE", 4);
  g_assert_cmpuint ((guint8) data[22] | ((guint8) data[23] << 8), ==, channels);
}

static void
check_calls (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(LiaisonTwilioClient) client = liaison_twilio_client_new ();
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(LiaisonRecordingCache) cache = NULL;
  g_autofree char *cache_dir = g_build_filename (fixture->dir, "recordings", NULL);
  LiaisonStoreCallFilter filter = { 0, };
  guint n_recordings = 0, n_summaries = 0, n_today = 0, n_inbound = 0, n_missed = 0;
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);

  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  liaison_twilio_client_set_api_base (client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (client, credentials);
  cache = liaison_recording_cache_new (client, cache_dir);

  liaison_store_list_calls_async (fixture->store, &filter, NULL, 500, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  calls = liaison_store_list_calls_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, liaison_demo_book_get_n_calls ());

  for (guint i = 0; i < calls->len; i++)
    {
      LiaisonCall *call = g_ptr_array_index (calls, i);
      g_autoptr(LiaisonStoreCallDetails) details = NULL;
      const char *sid = liaison_call_get_sid (call);

      g_assert_true (g_str_has_prefix (sid, "CA"));
      g_assert_cmpuint (strlen (sid), ==, 34);
      g_hash_table_add (statuses, (gpointer) liaison_call_get_status (call));
      if (liaison_call_get_started_at (call) > fixture->now - G_TIME_SPAN_DAY)
        n_today++;
      if (g_str_equal (liaison_call_get_direction (call), "inbound"))
        n_inbound++;
      if (liaison_call_get_is_missed (call))
        n_missed++;

      g_clear_object (&result);
      liaison_store_get_call_async (fixture->store, sid, NULL, liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      details = liaison_store_get_call_finish (fixture->store, result, &error);
      g_assert_no_error (error);

      for (guint r = 0; r < details->recordings->len; r++)
        {
          LiaisonRecording *recording = g_ptr_array_index (details->recordings, r);
          g_autofree char *path = fetch_recording (cache, liaison_recording_get_sid (recording));
          guint channels = liaison_recording_get_channels (recording);
          gint64 last_end = 0;

          g_assert_true (channels == 1 || channels == 2);
          check_wav (path, channels);
          n_recordings++;

          /* A transcript of the speech, timed within the recording. */
          g_assert_nonnull (details->transcript);
          g_assert_cmpuint (details->sentences->len, >=, 2);
          for (guint s = 0; s < details->sentences->len; s++)
            {
              LiaisonTranscriptSentence *sentence = g_ptr_array_index (details->sentences, s);

              g_assert_cmpstr (liaison_transcript_sentence_get_text (sentence), !=, "");
              g_assert_cmpint (liaison_transcript_sentence_get_end_ms (sentence), >,
                               liaison_transcript_sentence_get_start_ms (sentence));
              g_assert_cmpint (liaison_transcript_sentence_get_start_ms (sentence), >=, last_end);
              last_end = liaison_transcript_sentence_get_end_ms (sentence);
            }
          g_assert_cmpint (last_end, <=, (gint64) liaison_recording_get_duration_s (recording) * 1000);

          /* Conversations have a summary with action items. */
          if (channels == 2)
            {
              LiaisonStoreSummary *summary;

              g_assert_cmpuint (details->summaries->len, ==, 1);
              summary = g_ptr_array_index (details->summaries, 0);
              g_assert_cmpstr (summary->summary, !=, "");
              g_assert_cmpuint (g_strv_length (summary->action_items), >=, 2);
              g_assert_nonnull (summary->extra_json);
              n_summaries++;
            }
        }
    }

  g_test_message ("%u calls, %u today, %u inbound, %u missed, %u recordings", calls->len, n_today, n_inbound,
                  n_missed, n_recordings);
  g_assert_cmpuint (n_recordings, ==, liaison_demo_book_get_n_recordings ());
  g_assert_cmpuint (n_summaries, >=, 4);
  g_assert_cmpuint (n_today, >=, 2);
  g_assert_cmpuint (n_inbound, >=, 3);
  g_assert_cmpuint (n_missed, >=, liaison_demo_book_get_n_voicemails ());
  g_assert_true (g_hash_table_contains (statuses, "completed"));
  g_assert_true (g_hash_table_contains (statuses, "no-answer"));
  g_assert_true (g_hash_table_contains (statuses, "busy"));
}

static void
check_voicemails (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) unhandled = NULL;

  liaison_store_list_voicemails_async (fixture->store, FALSE, NULL, 100, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  all = liaison_store_list_voicemails_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, liaison_demo_book_get_n_voicemails ());
  g_assert_cmpuint (all->len, >=, 3);
  for (guint i = 0; i < all->len; i++)
    {
      LiaisonVoicemail *voicemail = g_ptr_array_index (all, i);

      g_assert_nonnull (liaison_voicemail_get_recording_sid (voicemail));
      g_assert_nonnull (liaison_voicemail_get_transcript_preview (voicemail));
      g_assert_cmpstr (liaison_voicemail_get_transcript_preview (voicemail), !=, "");
    }

  g_clear_object (&result);
  liaison_store_list_voicemails_async (fixture->store, TRUE, NULL, 100, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  unhandled = liaison_store_list_voicemails_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unhandled->len, >=, 1);
  g_assert_cmpuint (unhandled->len, <, all->len);
}

static void
check_templates (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);

  liaison_store_list_templates_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  templates = liaison_store_list_templates_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, liaison_demo_book_get_n_templates ());
  g_assert_cmpuint (templates->len, >=, 6);

  for (guint i = 0; i < templates->len; i++)
    {
      LiaisonTemplate *template = g_ptr_array_index (templates, i);
      g_auto(GStrv) placeholders = liaison_template_list_placeholders (liaison_template_get_body (template));

      g_assert_true (liaison_template_check_body (liaison_template_get_body (template), &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (placeholders), >=, 1);
      g_assert_nonnull (liaison_template_get_category (template));
      g_hash_table_add (categories, (gpointer) liaison_template_get_category (template));
    }
  g_assert_cmpuint (g_hash_table_size (categories), >=, 2);
}

static void
check_sequences (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sequences = NULL;
  g_autoptr(GPtrArray) enrollments = NULL;
  LiaisonSequence *sequence;
  GPtrArray *steps;
  guint n_active = 0, n_replied = 0, n_by_hand = 0;

  liaison_store_list_sequences_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  sequences = liaison_store_list_sequences_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sequences->len, ==, 1);

  sequence = g_ptr_array_index (sequences, 0);
  g_assert_true (liaison_sequence_get_enabled (sequence));
  g_assert_cmpstr (liaison_sequence_get_trigger_stage (sequence), ==, "New Lead");
  steps = liaison_sequence_get_steps (sequence);
  g_assert_cmpuint (steps->len, ==, 3);
  /* The first text is a template, the later ones wait days and have their own words. */
  g_assert_cmpint (liaison_sequence_step_get_template_id (g_ptr_array_index (steps, 0)), >, 0);
  g_assert_cmpstr (liaison_sequence_step_get_template_name (g_ptr_array_index (steps, 0)), ==,
                   "New lead follow-up");
  for (guint i = 1; i < steps->len; i++)
    {
      LiaisonSequenceStep *step = g_ptr_array_index (steps, i);

      g_assert_cmpint (liaison_sequence_step_get_delay (step), >=, 86400);
      g_assert_true (liaison_template_check_body (liaison_sequence_step_get_body (step), &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (liaison_sequence_get_n_active (sequence), ==, liaison_demo_book_get_n_enrolled_waiting ());
  g_assert_cmpuint (liaison_sequence_get_n_stopped (sequence), ==,
                    liaison_demo_book_get_n_enrolled () - liaison_demo_book_get_n_enrolled_waiting ());

  g_clear_object (&result);
  liaison_store_list_enrollments_async (fixture->store, liaison_sequence_get_id (sequence), 0, NULL,
                                        liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  enrollments = liaison_store_list_enrollments_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (enrollments->len, ==, liaison_demo_book_get_n_enrolled ());
  for (guint i = 0; i < enrollments->len; i++)
    {
      LiaisonSequenceEnrollment *enrollment = g_ptr_array_index (enrollments, i);

      g_assert_cmpstr (liaison_sequence_enrollment_get_contact_name (enrollment), !=, "");
      if (liaison_sequence_enrollment_get_state (enrollment) == LIAISON_ENROLLMENT_ACTIVE)
        {
          /* Their first text is due: the runner sends it when the demo starts. */
          g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (enrollment), ==, 0);
          g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (enrollment), <=, g_get_real_time ());
          n_active++;
        }
      else if (liaison_sequence_enrollment_get_stop_reason (enrollment) == LIAISON_ENROLLMENT_STOP_REPLIED)
        n_replied++;
      else if (liaison_sequence_enrollment_get_stop_reason (enrollment) == LIAISON_ENROLLMENT_STOP_BY_HAND)
        n_by_hand++;
    }
  g_assert_cmpuint (n_active, ==, liaison_demo_book_get_n_enrolled_waiting ());
  g_assert_cmpuint (n_replied, ==, 1);
  g_assert_cmpuint (n_by_hand, ==, 1);
}

static void
test_seed (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sim = liaison_test_sim_start (NULL);
  g_assert_true (seed (fixture, fixture->sim->url, fixture->sim->account_sid, NULL, &error));
  g_assert_no_error (error);

  check_contacts (fixture);
  check_threads (fixture);
  check_consent (fixture);
  check_templates (fixture);
  check_sequences (fixture);
  check_voicemails (fixture);
  check_calls (fixture);
}

/* A port nobody listens on: one the system gave out, then closed. */
static char *
closed_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  guint16 port;

  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
test_no_sim (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = closed_url ();
  g_autoptr(GPtrArray) threads = NULL;

  g_assert_false (seed (fixture, url, "AC00000000000000000000000000000000", NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "recordings"));

  /* Nothing half seeded: the recordings come first. */
  threads = list_threads (fixture);
  g_assert_cmpuint (threads->len, ==, 0);
}

static void
test_not_a_url (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (seed (fixture, "not a url", "AC00000000000000000000000000000000", NULL, &error));
  g_assert_nonnull (error);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  fixture->sim = liaison_test_sim_start (NULL);
  g_cancellable_cancel (cancellable);
  g_assert_false (seed (fixture, fixture->sim->url, fixture->sim->account_sid, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Liaison/DemoBook/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/Liaison/DemoBook/people", test_people);
  ADD ("seed", test_seed);
  ADD ("no-sim", test_no_sim);
  ADD ("not-a-url", test_not_a_url);
  ADD ("cancelled", test_cancelled);

#undef ADD

  return g_test_run ();
}
