/* test-retention.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-retention"

#include "config.h"

#include "liaison-clock.h"
#include "liaison-retention.h"
#include "liaison-store.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-recordings.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

/*
 * The recording retention policy against liaison-sim: recordings are made in
 * the simulator and stored as the relay would store them; a fake clock says
 * what "now" is. What is deleted is gone from the simulator, the cache and
 * the store (marked, journalled); what is held or young is untouched; a
 * Twilio failure leaves the recording as it was and is reported.
 */

#define OUR_NUMBER  "+12025550100"
#define REMOTE_A    "+12035550123"
#define REMOTE_B    "+12035550188"
#define NOW         G_GINT64_CONSTANT (1780000000000000)
#define DAY         (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

typedef struct {
  LiaisonTestSim      *sim;
  SoupSession         *session;
  LiaisonTwilioClient *client;
  LiaisonClock        *client_clock;
  LiaisonClock        *clock;
  char                *dir;
  char                *path;
  LiaisonStore        *store;
  guint                n;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LIAISON_SIM_NO_SPEECH", "1", TRUE);
  fixture->sim = liaison_test_sim_start (NULL);
  fixture->session = soup_session_new ();

  /* The client's retries wait on their own fake clock, which jumps ahead. */
  fixture->client_clock = liaison_clock_new_fake (NOW);
  liaison_clock_set_auto_advance (fixture->client_clock, TRUE);
  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_twilio_client_set_clock (fixture->client, fixture->client_clock);
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (fixture->client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);

  fixture->clock = liaison_clock_new_fake (NOW);
  fixture->dir = liaison_test_mkdtemp ();
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_new (fixture->path);
  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (fixture->store, result, &error));
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->client_clock);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  g_unsetenv ("LIAISON_SIM_NO_SPEECH");
  liaison_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static guint
sim_control (Fixture     *fixture,
             const char  *path,
             const char  *form,
             char       **out_body)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
  body = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (message);
}

static char *
call_sid (guint n)
{
  return g_strdup_printf ("CA%032x", n);
}

/* A call in the store, and a recording of it made in the simulator and
 * stored as recorded @age_days ago. */
static char *
add_recording (Fixture    *fixture,
               const char *remote,
               double      age_days)
{
  g_autofree char *sid = call_sid (++fixture->n);
  g_autofree char *form = g_strdup_printf ("CallSid=%s&Duration=2", sid);
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreCallInfo call = {
    .sid = sid, .direction = "inbound", .from = remote, .to = OUR_NUMBER, .status = "completed",
    .started_at = NOW - (gint64) (age_days * DAY), .duration_s = 60,
  };
  LiaisonStoreRecordingInfo info = { .call_sid = sid, .status = "completed", .duration_s = 2,
                                     .started_at = NOW - (gint64) (age_days * DAY) };

  g_assert_cmpuint (sim_control (fixture, "/_sim/recordings", form, &body), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, body, -1, &error));
  info.sid = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "sid");
  g_assert_true (g_str_has_prefix (info.sid, "RE"));

  liaison_store_upsert_call_async (fixture->store, &call, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  liaison_store_upsert_call_finish (fixture->store, result, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  liaison_store_upsert_recording_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  liaison_store_upsert_recording_finish (fixture->store, result, NULL, NULL, &error);
  g_assert_no_error (error);

  return g_strdup (info.sid);
}

/* A cached copy of the recording. */
static char *
add_cache_file (Fixture    *fixture,
                const char *recording)
{
  g_autofree char *name = g_strconcat (recording, ".wav", NULL);
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "RIFF....WAVE", 12, NULL));
  liaison_store_set_recording_local_path_async (fixture->store, recording, path, 12, NULL,
                                                liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_recording_local_path_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  return path;
}

static LiaisonRecording *
get_recording (Fixture    *fixture,
               const char *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonRecording *recording;

  liaison_store_get_recording_async (fixture->store, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  recording = liaison_store_get_recording_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return recording;
}

static gboolean
is_deleted (Fixture    *fixture,
            const char *sid)
{
  g_autoptr(LiaisonRecording) recording = get_recording (fixture, sid);

  return liaison_recording_is_deleted (recording);
}

/* Whether the simulator still has the recording. */
static gboolean
on_twilio (Fixture    *fixture,
           const char *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTwilioRecording) recording = NULL;

  liaison_twilio_client_fetch_recording_async (fixture->client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  recording = liaison_twilio_client_fetch_recording_finish (fixture->client, result, &error);
  if (recording != NULL)
    return TRUE;
  g_assert_nonnull (liaison_twilio_error_get_details (error));
  g_assert_cmpuint (liaison_twilio_error_get_details (error)->http_status, ==, 404);
  return FALSE;
}

static LiaisonRetentionReport *
run (Fixture          *fixture,
     LiaisonRetention *retention)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonRetentionReport *report;

  liaison_retention_run_async (retention, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  report = liaison_retention_run_finish (retention, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
set_call_hold (Fixture    *fixture,
               const char *recording)
{
  g_autoptr(LiaisonRecording) stored = get_recording (fixture, recording);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_set_call_legal_hold_async (fixture->store, liaison_recording_get_call_sid (stored), TRUE,
                                           "compliance", NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_call_legal_hold_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static gint64
add_contact (Fixture    *fixture,
             const char *phone)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = { .display_name = "Held Client", .phones = phones };
  gint64 id;

  liaison_store_save_contact_async (fixture->store, 0, &info, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_save_contact_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_policy (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LiaisonRetention) retention = NULL;
  g_autoptr(LiaisonRetentionReport) report = NULL;
  g_autofree char *old = NULL, *old_cache = NULL, *young = NULL, *call_held = NULL;
  g_autofree char *contact_held = NULL, *failing = NULL, *gone = NULL, *fault = NULL;
  gint64 contact_id;

  contact_id = add_contact (fixture, REMOTE_B);
  old = add_recording (fixture, REMOTE_A, 100);
  old_cache = add_cache_file (fixture, old);
  young = add_recording (fixture, REMOTE_A, 5);
  call_held = add_recording (fixture, REMOTE_A, 200);
  set_call_hold (fixture, call_held);
  contact_held = add_recording (fixture, REMOTE_B, 200);
  failing = add_recording (fixture, REMOTE_A, 40);
  gone = add_recording (fixture, REMOTE_A, 31);
  g_assert_cmpint (contact_id, >, 0);

  /* Deleted on Twilio already (a 404 there counts as deleted here). */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    liaison_twilio_client_delete_recording_async (fixture->client, gone, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_twilio_client_delete_recording_finish (fixture->client, result, &error));
    g_assert_no_error (error);
  }
  /* Legal hold on the contact: set after the call was stored. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    liaison_store_set_contact_legal_hold_async (fixture->store, contact_id, TRUE, "compliance", NULL,
                                                liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_set_contact_legal_hold_finish (fixture->store, result, &error));
  }
  /* Twilio fails to delete this one, every time. */
  fault = g_strdup_printf ("path=/Recordings/%s&method=DELETE&status=500&code=20500&count=0", failing);
  g_assert_cmpuint (sim_control (fixture, "/_sim/faults", fault, NULL), ==, 200);

  retention = liaison_retention_new (fixture->store, fixture->client, fixture->clock);

  /* Forever: nothing happens. */
  g_assert_cmpuint (liaison_retention_get_keep_days (retention), ==, 0);
  report = run (fixture, retention);
  g_assert_cmpuint (report->n_expired, ==, 0);
  g_assert_cmpuint (report->n_deleted, ==, 0);
  g_assert_cmpuint (report->failures->len, ==, 0);
  g_assert_false (is_deleted (fixture, old));
  g_clear_pointer (&report, liaison_retention_report_free);

  /* Thirty days. */
  liaison_retention_set_keep_days (retention, 30);
  report = run (fixture, retention);
  g_assert_cmpuint (report->n_expired, ==, 3);
  g_assert_cmpuint (report->n_deleted, ==, 2);
  g_assert_cmpuint (report->failures->len, ==, 1);
  {
    LiaisonRetentionFailure *failure = g_ptr_array_index (report->failures, 0);

    g_assert_cmpstr (failure->recording_sid, ==, failing);
    g_assert_error (failure->error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  }
  g_clear_pointer (&report, liaison_retention_report_free);

  /* Deleted everywhere, marked and journalled. */
  g_assert_true (is_deleted (fixture, old));
  g_assert_false (on_twilio (fixture, old));
  g_assert_false (g_file_test (old_cache, G_FILE_TEST_EXISTS));
  {
    g_autoptr(LiaisonRecording) recording = get_recording (fixture, old);

    g_assert_null (liaison_recording_get_local_path (recording));
    g_assert_cmpint (liaison_recording_get_deleted_at (recording), ==, NOW);
    g_assert_cmpstr (liaison_recording_get_status (recording), ==, "deleted");
  }
  g_assert_true (is_deleted (fixture, gone));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM journal WHERE action = 'recording.delete' "
                                   "AND actor = 'retention'"), ==, 2);

  /* Untouched: young, held, and the one Twilio refused. */
  g_assert_false (is_deleted (fixture, young));
  g_assert_true (on_twilio (fixture, young));
  g_assert_false (is_deleted (fixture, call_held));
  g_assert_true (on_twilio (fixture, call_held));
  g_assert_false (is_deleted (fixture, contact_held));
  g_assert_true (on_twilio (fixture, contact_held));
  g_assert_false (is_deleted (fixture, failing));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM recordings WHERE deleted_at IS NULL"), ==, 4);

  /* Twilio recovers: the next pass deletes it, and nothing twice. */
  g_assert_cmpuint (sim_control (fixture, "/_sim/faults/clear", "all=1", NULL), ==, 200);
  report = run (fixture, retention);
  g_assert_cmpuint (report->n_expired, ==, 1);
  g_assert_cmpuint (report->n_deleted, ==, 1);
  g_assert_cmpuint (report->failures->len, ==, 0);
  g_clear_pointer (&report, liaison_retention_report_free);
  g_assert_true (is_deleted (fixture, failing));
  g_assert_false (on_twilio (fixture, failing));

  /* Time passes: the young one's turn; holds still hold. */
  liaison_clock_advance (fixture->clock, 30 * DAY);
  report = run (fixture, retention);
  g_assert_cmpuint (report->n_expired, ==, 1);
  g_assert_cmpuint (report->n_deleted, ==, 1);
  g_clear_pointer (&report, liaison_retention_report_free);
  g_assert_true (is_deleted (fixture, young));
  g_assert_false (is_deleted (fixture, call_held));
  g_assert_false (is_deleted (fixture, contact_held));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM journal WHERE action = 'recording.delete'"), ==, 4);

  /* The journal chain holds. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    guint64 n = 0;

    liaison_store_journal_verify_async (fixture->store, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_journal_verify_finish (fixture->store, result, &n, &error));
    g_assert_no_error (error);
    /* Two legal holds and four deletions. */
    g_assert_cmpuint (n, ==, 6);
  }
}

/* A cached copy that cannot be deleted is reported, and the recording is not
 * marked deleted. */
static void
test_cache_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LiaisonRetention) retention = NULL;
  g_autoptr(LiaisonRetentionReport) report = NULL;
  g_autofree char *recording = add_recording (fixture, REMOTE_A, 90);
  g_autofree char *cache = add_cache_file (fixture, recording);
  g_autofree char *blocker = NULL;

  /* A non-empty folder in place of the file. */
  g_assert_cmpint (g_unlink (cache), ==, 0);
  g_assert_cmpint (g_mkdir (cache, 0700), ==, 0);
  blocker = g_build_filename (cache, "keep", NULL);
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));

  retention = liaison_retention_new (fixture->store, fixture->client, fixture->clock);
  liaison_retention_set_keep_days (retention, 30);
  report = run (fixture, retention);
  g_assert_cmpuint (report->n_expired, ==, 1);
  g_assert_cmpuint (report->n_deleted, ==, 0);
  g_assert_cmpuint (report->failures->len, ==, 1);
  g_assert_false (is_deleted (fixture, recording));
  g_clear_pointer (&report, liaison_retention_report_free);

  /* Once the copy can go, the pass completes (Twilio's 404 counts). */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  report = run (fixture, retention);
  g_assert_cmpuint (report->n_deleted, ==, 1);
  g_assert_true (is_deleted (fixture, recording));
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/Liaison/Retention/policy", Fixture, NULL, fixture_set_up, test_policy, fixture_tear_down);
  g_test_add ("/Liaison/Retention/cache-failure", Fixture, NULL, fixture_set_up, test_cache_failure,
              fixture_tear_down);

  return g_test_run ();
}
