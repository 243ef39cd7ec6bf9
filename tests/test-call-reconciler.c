/* test-call-reconciler.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-call-reconciler"

#include "config.h"

#include "liaison-call-reconciler.h"
#include "liaison-clock.h"
#include "liaison-store.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-recordings.h"
#include "liaison-twilio-voice.h"

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

/*
 * LiaisonCallReconciler against liaison-sim: calls are placed in the
 * simulator with the REST client (recorded), the simulator's clock moves them
 * along, and a pass stores what the relay never delivered; a second pass
 * adds nothing.
 */

#define FROM      "+15005550006"
#define TO_A      "+14155550100"
#define TO_B      "+14155550101"

typedef struct {
  LiaisonTestSim      *sim;
  SoupSession         *session;
  LiaisonTwilioClient *client;
  LiaisonClock        *clock;
  char                *dir;
  char                *path;
  LiaisonStore        *store;
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
  fixture->clock = liaison_clock_new_fake (g_get_real_time ());
  liaison_clock_set_auto_advance (fixture->clock, TRUE);
  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_twilio_client_set_clock (fixture->client, fixture->clock);
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (fixture->client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);

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
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  g_unsetenv ("LIAISON_SIM_NO_SPEECH");
  liaison_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
advance (Fixture *fixture,
         guint    seconds)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, "/_sim/clock/advance", NULL);
  g_autofree char *form = g_strdup_printf ("seconds=%u", seconds);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                    liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  body = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static char *
place_call (Fixture    *fixture,
            const char *to,
            const char *twiml)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTwilioCall) call = NULL;
  LiaisonTwilioCallOptions options = { .twiml = twiml, .record = TRUE };

  liaison_twilio_client_create_call_async (fixture->client, to, FROM, &options, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  call = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return g_strdup (liaison_twilio_call_get_sid (call));
}

static LiaisonCallReconcileStats
reconcile (Fixture               *fixture,
           LiaisonCallReconciler *reconciler)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCallReconcileStats stats;

  liaison_call_reconciler_run_async (reconciler, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_call_reconciler_run_finish (reconciler, result, &stats, &error));
  g_assert_no_error (error);
  g_test_message ("%u calls (%u new, %u changed), %u recordings (%u new, %u changed)",
                  stats.n_calls, stats.n_calls_added, stats.n_calls_changed, stats.n_recordings,
                  stats.n_recordings_added, stats.n_recordings_changed);
  return stats;
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

/* The simulator's own count of the account's recordings. */
static guint
sim_recordings (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;

  liaison_twilio_client_list_recordings_async (fixture->client, NULL, NULL, NULL, NULL, NULL, 1000, NULL,
                                               liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  page = liaison_twilio_client_list_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_false (liaison_twilio_page_has_next (page));
  return liaison_twilio_page_get_items (page)->len;
}

static LiaisonStoreCallDetails *
get_call (Fixture    *fixture,
          const char *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreCallDetails *details;

  liaison_store_get_call_async (fixture->store, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  details = liaison_store_get_call_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return details;
}

static void
test_reconcile (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LiaisonCallReconciler) reconciler = NULL;
  g_autoptr(GPtrArray) sids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *long_call = NULL;
  LiaisonCallReconcileStats stats;
  guint n_recordings;

  /* Three short recorded calls; the relay saw only the first one ring. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (sids, place_call (fixture, i % 2 ? TO_B : TO_A,
                                       "<Response><Say>Hello there</Say><Pause length=\"3\"/></Response>"));
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    LiaisonStoreCallInfo seen = { .sid = g_ptr_array_index (sids, 0), .direction = "outbound-api",
                                  .from = FROM, .to = TO_A, .status = "ringing", .duration_s = -1 };

    liaison_store_upsert_call_async (fixture->store, &seen, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    liaison_store_upsert_call_finish (fixture->store, result, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  advance (fixture, 120);
  /* One more still going. */
  long_call = place_call (fixture, TO_A, "<Response><Pause length=\"600\"/></Response>");
  advance (fixture, 10);
  n_recordings = sim_recordings (fixture);
  g_assert_cmpuint (n_recordings, >=, 3);

  reconciler = liaison_call_reconciler_new (fixture->store, fixture->client);
  stats = reconcile (fixture, reconciler);
  g_assert_cmpuint (stats.n_calls, ==, 4);
  g_assert_cmpuint (stats.n_calls_added, ==, 3);
  g_assert_cmpuint (stats.n_calls_changed, ==, 1);
  g_assert_cmpuint (stats.n_recordings, ==, n_recordings);
  g_assert_cmpuint (stats.n_recordings_added, ==, n_recordings);
  g_assert_cmpint (stats.high_water_mark, >, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM calls"), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM recordings"), ==, n_recordings);

  for (guint i = 0; i < sids->len; i++)
    {
      g_autoptr(LiaisonStoreCallDetails) details = get_call (fixture, g_ptr_array_index (sids, i));
      LiaisonCall *call = details->call;

      g_assert_cmpstr (liaison_call_get_status (call), ==, "completed");
      g_assert_cmpstr (liaison_call_get_direction (call), ==, "outbound-api");
      g_assert_cmpstr (liaison_call_get_our_number (call), ==, FROM);
      g_assert_cmpstr (liaison_call_get_remote_number (call), ==, i % 2 ? TO_B : TO_A);
      g_assert_cmpint (liaison_call_get_duration_s (call), >, 0);
      g_assert_cmpint (liaison_call_get_ended_at (call), >, liaison_call_get_started_at (call));
      g_assert_false (liaison_call_get_is_missed (call));
      g_assert_true (liaison_call_has_recording (call));
      g_assert_cmpuint (details->recordings->len, >=, 1);
      {
        LiaisonRecording *recording = g_ptr_array_index (details->recordings, 0);

        /* The call's list gives no media URL; the download goes by SID. */
        g_assert_cmpstr (liaison_recording_get_sid (recording), ==, liaison_call_get_recording_sid (call));
        g_assert_cmpstr (liaison_recording_get_call_sid (recording), ==, liaison_call_get_sid (call));
        g_assert_cmpstr (liaison_recording_get_status (recording), ==, "completed");
        g_assert_cmpint (liaison_recording_get_duration_s (recording), >, 0);
      }
    }
  {
    g_autoptr(LiaisonStoreCallDetails) details = get_call (fixture, long_call);

    g_assert_cmpstr (liaison_call_get_status (details->call), ==, "in-progress");
    /* The mark stays at the call still going, so the next pass sees it end. */
    g_assert_cmpint (stats.high_water_mark, ==, liaison_call_get_started_at (details->call));
  }

  /* Again: nothing new, nothing changed. */
  stats = reconcile (fixture, reconciler);
  g_assert_cmpuint (stats.n_calls, ==, 4);
  g_assert_cmpuint (stats.n_calls_added, ==, 0);
  g_assert_cmpuint (stats.n_calls_changed, ==, 0);
  g_assert_cmpuint (stats.n_recordings_added, ==, 0);
  g_assert_cmpuint (stats.n_recordings_changed, ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM calls"), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM recordings"), ==, n_recordings);

  /* The long call ends: the next pass brings it and its recording. */
  advance (fixture, 700);
  n_recordings = sim_recordings (fixture);
  stats = reconcile (fixture, reconciler);
  g_assert_cmpuint (stats.n_calls_added, ==, 0);
  g_assert_cmpuint (stats.n_calls_changed, ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM recordings"), ==, n_recordings);
  {
    g_autoptr(LiaisonStoreCallDetails) details = get_call (fixture, long_call);

    g_assert_cmpstr (liaison_call_get_status (details->call), ==, "completed");
    g_assert_cmpint (liaison_call_get_duration_s (details->call), >=, 600);
    g_assert_cmpint (stats.high_water_mark, ==, liaison_call_get_started_at (details->call));
  }
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM store_state "
                                   "WHERE key = 'call-reconciler.high-water-mark'"), ==, 1);

  /* A damaged mark is not fatal: everything is listed again. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE store_state SET value = 'garbage'", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  stats = reconcile (fixture, reconciler);
  g_assert_cmpuint (stats.n_calls, ==, 4);
  g_assert_cmpuint (stats.n_calls_added, ==, 0);
}

/* Twilio down: the pass fails with Twilio's error and stores nothing. */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LiaisonCallReconciler) reconciler = liaison_call_reconciler_new (fixture->store, fixture->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (fixture->sim->url, "/_sim/faults", NULL);
  const char *form = "path=/Calls%5C.json&method=GET&status=401&code=20003&count=0";
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
  g_autoptr(GBytes) body = NULL;
  LiaisonCallReconcileStats stats;

  g_free (place_call (fixture, TO_A, "<Response><Say>Hi</Say></Response>"));
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
  body = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  liaison_call_reconciler_run_async (reconciler, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_call_reconciler_run_finish (reconciler, result, &stats, &error));
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpuint (stats.n_calls, ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM calls"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM store_state"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/Liaison/CallReconciler/reconcile", Fixture, NULL, fixture_set_up, test_reconcile,
              fixture_tear_down);
  g_test_add ("/Liaison/CallReconciler/failure", Fixture, NULL, fixture_set_up, test_failure,
              fixture_tear_down);

  return g_test_run ();
}
