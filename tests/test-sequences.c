/* test-sequences.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sequences"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-consent-ledger.h"
#include "liaison-outbox.h"
#include "liaison-sequence.h"
#include "liaison-sequence-runner.h"
#include "liaison-store.h"
#include "liaison-template.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"

/*
 * Follow-up sequences against a real store file: the store's functions, the
 * database's triggers (stage changes enrol, replies and opt-outs stop), and
 * the runner sending through the real outbox to liaison-sim over HTTP. The
 * gate and the runner share a fake clock set to a Tuesday noon in New York,
 * so quiet hours never depend on when the test runs and a step falls due
 * only when the test advances the clock.
 */

#define FROM         "+15005550006"
#define CLIENT_A     "+12015550123"
#define CLIENT_B     "+12015550124"
#define CLIENT_C     "+12015550125"
#define CLIENT_D     "+12015550126"
/* Tuesday 10 March 2026, 12:00 EDT */
#define START_USEC   G_GINT64_CONSTANT (1773158400000000)
#define DAY_S        (24 * 60 * 60)
#define USEC         G_GINT64_CONSTANT (1000000)

typedef struct {
  char                  *dir;
  char                  *path;
  LiaisonStore          *store;
  LiaisonTestSim        *sim;
  SoupSession           *session;
  LiaisonTwilioClient   *client;
  LiaisonClock          *clock;
  LiaisonComplianceGate *gate;
  LiaisonOutbox         *outbox;
  LiaisonSequenceRunner *runner;
  gboolean               runner_idle;
  guint                  n_step_sent;
  guint                  n_changed;
} Fixture;

static void
runner_idle_cb (LiaisonSequenceRunner *runner,
                Fixture               *fixture)
{
  fixture->runner_idle = TRUE;
}

static void
step_sent_cb (LiaisonSequenceRunner *runner,
              gint64                 enrollment_id,
              gint64                 message_id,
              Fixture               *fixture)
{
  g_assert_cmpint (enrollment_id, >, 0);
  g_assert_cmpint (message_id, >, 0);
  fixture->n_step_sent++;
}

static void
enrollment_changed_cb (LiaisonSequenceRunner *runner,
                       gint64                 enrollment_id,
                       Fixture               *fixture)
{
  g_assert_cmpint (enrollment_id, >, 0);
  fixture->n_changed++;
}

/* 17:00 UTC (noon or 13:00 in New York) two days after the real time: for
 * enrolments the database makes, which use the real time. */
static gint64
real_time_start (void)
{
  gint64 day = G_GINT64_CONSTANT (86400000000);
  gint64 midnight = (g_get_real_time () / day + 2) * day;

  return midnight + 17 * G_GINT64_CONSTANT (3600000000);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  /* 0: the store only; 1: the runner and liaison-sim on a fake clock at
   * START_USEC; 2: the same at a time after the real one. */
  int with_sim = GPOINTER_TO_INT (data);

  fixture->dir = liaison_test_mkdtemp ();
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_new (fixture->path);
  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  if (!with_sim)
    return;

  {
    g_autoptr(LiaisonTwilioCredentials) credentials = NULL;

    fixture->sim = liaison_test_sim_start (NULL);
    g_assert_nonnull (fixture->sim);
    fixture->session = soup_session_new ();

    credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid,
                                                             fixture->sim->auth_token);
    fixture->client = liaison_twilio_client_new ();
    liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
    liaison_twilio_client_set_credentials (fixture->client, credentials);
  }

  fixture->clock = liaison_clock_new_fake (with_sim == 2 ? real_time_start () : START_USEC);
  fixture->gate = liaison_compliance_gate_new (fixture->clock);
  fixture->outbox = liaison_outbox_new (fixture->store, fixture->client, fixture->gate);
  liaison_outbox_set_default_sender (fixture->outbox, FROM);
  fixture->runner = liaison_sequence_runner_new (fixture->store, fixture->outbox);
  liaison_sequence_runner_set_sender_values (fixture->runner, "Sam Advisor", "Acme Wealth");
  g_signal_connect (fixture->runner, "idle", G_CALLBACK (runner_idle_cb), fixture);
  g_signal_connect (fixture->runner, "step-sent", G_CALLBACK (step_sent_cb), fixture);
  g_signal_connect (fixture->runner, "enrollment-changed", G_CALLBACK (enrollment_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->runner != NULL)
    {
      liaison_sequence_runner_stop (fixture->runner);
      g_signal_handlers_disconnect_by_data (fixture->runner, fixture);
      g_clear_object (&fixture->runner);
    }
  if (fixture->outbox != NULL)
    liaison_outbox_stop (fixture->outbox);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->gate);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->client);

  liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  liaison_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The database, behind the store's back */

static gint64
sql_int (Fixture    *fixture,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
sql_text (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @sql gives @expected. */
static void
wait_sql (Fixture    *fixture,
          const char *sql,
          gint64      expected)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) 30 * USEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gint64 value;

  while ((value = sql_int (fixture, sql)) != expected)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” gave %" G_GINT64_FORMAT ", never %" G_GINT64_FORMAT, sql, value, expected);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

/* The simulator's control API: POSTs to …/Messages.json it received with
 * @body (NULL: any) and To @to (NULL: any). */
static guint
sim_creates (Fixture    *fixture,
             const char *to,
             const char *body)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, "/_sim/requests", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *requests;
  guint n = 0;

  bytes = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             (gssize) g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  requests = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");

      if (!g_str_equal (json_object_get_string_member (request, "method"), "POST") ||
          !g_str_has_suffix (json_object_get_string_member (request, "path"), "/Messages.json"))
        continue;
      if (body != NULL && g_strcmp0 (json_object_get_string_member_with_default (params, "Body", NULL),
                                     body) != 0)
        continue;
      if (to != NULL && g_strcmp0 (json_object_get_string_member_with_default (params, "To", NULL),
                                   to) != 0)
        continue;
      n++;
    }

  return n;
}

/* Store helpers */

static gint64
add_contact (Fixture    *fixture,
             const char *first_name,
             const char *last_name,
             const char *display_name,
             const char *phone,
             const char *stage)
{
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = {
    .display_name = display_name,
    .first_name = first_name,
    .last_name = last_name,
    .pipeline_stage = stage,
    .phones = phone != NULL ? phones : NULL,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_contact_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_contact_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LiaisonTemplate *
add_template (Fixture    *fixture,
              const char *name,
              const char *body)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTemplate *tmpl;

  liaison_store_add_template_async (fixture->store, name, body, NULL, NULL,
                                    liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  tmpl = liaison_store_add_template_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return tmpl;
}

static gboolean
delete_template (Fixture  *fixture,
                 gint64    id,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_delete_template_async (fixture->store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_delete_template_finish (fixture->store, result, error);
}

/* Steps from (delay, template_id, body) triples; ends with delay -1. */
static GPtrArray *
make_steps (gint64 delay,
            ...)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, delay);
  while (delay >= 0)
    {
      gint64 template_id = va_arg (args, gint64);
      const char *body = va_arg (args, const char *);

      g_ptr_array_add (steps, liaison_sequence_step_new (delay, template_id, body));
      delay = va_arg (args, gint64);
    }
  va_end (args);

  return steps;
}

static LiaisonSequence *
save_sequence (Fixture     *fixture,
               gint64       id,
               const char  *name,
               const char  *stage,
               gboolean     enabled,
               GPtrArray   *steps,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_save_sequence_async (fixture->store, id, name, stage, enabled, steps, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_save_sequence_finish (fixture->store, result, error);
}

static LiaisonSequence *
save_ok (Fixture    *fixture,
         gint64      id,
         const char *name,
         const char *stage,
         gboolean    enabled,
         GPtrArray  *steps)
{
  g_autoptr(GError) error = NULL;
  LiaisonSequence *sequence = save_sequence (fixture, id, name, stage, enabled, steps, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sequence);
  return sequence;
}

/* A sequence of one body step with @delay. */
static gint64
simple_sequence (Fixture    *fixture,
                 const char *name,
                 const char *stage,
                 gboolean    enabled,
                 gint64      delay)
{
  g_autoptr(GPtrArray) steps = make_steps (delay, (gint64) 0, "Hello from " "{firm}", (gint64) -1);
  g_autoptr(LiaisonSequence) sequence = save_ok (fixture, 0, name, stage, enabled, steps);

  return liaison_sequence_get_id (sequence);
}

static GPtrArray *
list_sequences (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sequences;

  liaison_store_list_sequences_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  sequences = liaison_store_list_sequences_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return sequences;
}

static gboolean
delete_sequence (Fixture  *fixture,
                 gint64    id,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_delete_sequence_async (fixture->store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_delete_sequence_finish (fixture->store, result, error);
}

static void
set_enabled (Fixture  *fixture,
             gint64    id,
             gboolean  enabled)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_set_sequence_enabled_async (fixture->store, id, enabled, NULL,
                                            liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_sequence_enabled_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static LiaisonSequenceEnrollment *
enroll (Fixture  *fixture,
        gint64    sequence_id,
        gint64    contact_id,
        gint64    now,
        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_enroll_contact_async (fixture->store, sequence_id, contact_id, now, NULL,
                                      liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_enroll_contact_finish (fixture->store, result, error);
}

static gint64
enroll_ok (Fixture *fixture,
           gint64   sequence_id,
           gint64   contact_id,
           gint64   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonSequenceEnrollment) enrollment = enroll (fixture, sequence_id, contact_id, now,
                                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (enrollment);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (enrollment), ==, LIAISON_ENROLLMENT_ACTIVE);
  return liaison_sequence_enrollment_get_id (enrollment);
}

static void
stop_enrollment (Fixture *fixture,
                 gint64   enrollment_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_stop_enrollment_async (fixture->store, enrollment_id, NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_stop_enrollment_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_enrollments (Fixture *fixture,
                  gint64   sequence_id,
                  gint64   contact_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *enrollments;

  liaison_store_list_enrollments_async (fixture->store, sequence_id, contact_id, NULL,
                                        liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  enrollments = liaison_store_list_enrollments_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrollments);
  return enrollments;
}

/* The enrolment of @contact_id in @sequence_id, or NULL. */
static LiaisonSequenceEnrollment *
find_enrollment (Fixture *fixture,
                 gint64   sequence_id,
                 gint64   contact_id)
{
  g_autoptr(GPtrArray) enrollments = list_enrollments (fixture, 0, contact_id);

  for (guint i = 0; i < enrollments->len; i++)
    {
      LiaisonSequenceEnrollment *e = g_ptr_array_index (enrollments, i);

      g_assert_cmpint (liaison_sequence_enrollment_get_contact_id (e), ==, contact_id);
      if (liaison_sequence_enrollment_get_sequence_id (e) == sequence_id)
        return g_object_ref (e);
    }

  return NULL;
}

static void
set_stage (Fixture    *fixture,
           gint64      contact_id,
           const char *stage)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_set_pipeline_stage_async (fixture->store, contact_id, stage, NULL,
                                          liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_pipeline_stage_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
add_inbound (Fixture    *fixture,
             const char *from,
             const char *body)
{
  LiaisonStoreMessageInfo info = {
    .our_number = FROM,
    .remote_number = from,
    .direction = "inbound",
    .body = body,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_add_message_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_message_finish (fixture->store, result, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
record_opt_out (Fixture    *fixture,
                const char *e164)
{
  LiaisonConsentEventInfo info = {
    .e164 = e164,
    .event = "opt-out",
    .source = "keyword",
    .channel = "sms",
    .note = "STOP",
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_consent_ledger_record_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_consent_ledger_record_finish (fixture->store, result, &error), >, 0);
  g_assert_no_error (error);
}

static void
assert_state (Fixture                     *fixture,
              gint64                       sequence_id,
              gint64                       contact_id,
              LiaisonEnrollmentState       state,
              LiaisonEnrollmentStopReason  reason,
              guint                        next_step)
{
  g_autoptr(LiaisonSequenceEnrollment) e = find_enrollment (fixture, sequence_id, contact_id);

  g_assert_nonnull (e);
  g_assert_cmpstr (liaison_enrollment_state_to_string (liaison_sequence_enrollment_get_state (e)), ==,
                   liaison_enrollment_state_to_string (state));
  g_assert_cmpstr (liaison_enrollment_stop_reason_to_string (liaison_sequence_enrollment_get_stop_reason (e)),
                   ==, liaison_enrollment_stop_reason_to_string (reason));
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (e), ==, next_step);
  if (state != LIAISON_ENROLLMENT_ACTIVE)
    g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (e), ==, 0);
}

/* Store tests */

static void
test_enums (Fixture       *fixture,
            gconstpointer  data)
{
  LiaisonEnrollmentState state = LIAISON_ENROLLMENT_ACTIVE;

  for (int r = LIAISON_ENROLLMENT_STOP_REPLIED; r <= LIAISON_ENROLLMENT_STOP_FAILED; r++)
    {
      const char *s = liaison_enrollment_stop_reason_to_string (r);

      g_assert_nonnull (s);
      g_assert_cmpint (liaison_enrollment_stop_reason_from_string (s), ==, r);
    }
  g_assert_null (liaison_enrollment_stop_reason_to_string (LIAISON_ENROLLMENT_STOP_NONE));
  g_assert_cmpint (liaison_enrollment_stop_reason_from_string ("bogus"), ==, LIAISON_ENROLLMENT_STOP_NONE);
  g_assert_cmpstr (liaison_enrollment_stop_reason_to_string (LIAISON_ENROLLMENT_STOP_OPTED_OUT), ==,
                   "opted-out");

  g_assert_true (liaison_enrollment_state_from_string ("completed", &state));
  g_assert_cmpint (state, ==, LIAISON_ENROLLMENT_COMPLETED);
  g_assert_false (liaison_enrollment_state_from_string ("paused", &state));
  g_assert_cmpint (state, ==, LIAISON_ENROLLMENT_COMPLETED);
  g_assert_cmpstr (liaison_enrollment_state_to_string (LIAISON_ENROLLMENT_STOPPED), ==, "stopped");
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LiaisonTemplate) welcome = add_template (fixture, "Welcome", "Hi {first_name}, welcome!");
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) steps2 = NULL;
  g_autoptr(GPtrArray) sequences = NULL;
  g_autoptr(LiaisonSequence) saved = NULL;
  g_autoptr(LiaisonSequence) updated = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonSequence *listed;
  LiaisonSequenceStep *step;
  gint64 contact, id;

  steps = make_steps ((gint64) 0, liaison_template_get_id (welcome), "ignored",
                      (gint64) DAY_S, (gint64) 0, "Any questions, {first_name}?",
                      (gint64) -1);
  saved = save_ok (fixture, 0, "  New client  ", " Onboarding ", TRUE, steps);
  id = liaison_sequence_get_id (saved);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (liaison_sequence_get_name (saved), ==, "New client");
  g_assert_cmpstr (liaison_sequence_get_trigger_stage (saved), ==, "Onboarding");
  g_assert_true (liaison_sequence_get_enabled (saved));
  g_assert_cmpint (liaison_sequence_get_date_updated (saved), >, 0);
  g_assert_cmpuint (liaison_sequence_get_steps (saved)->len, ==, 2);

  step = g_ptr_array_index (liaison_sequence_get_steps (saved), 0);
  g_assert_cmpint (liaison_sequence_step_get_delay (step), ==, 0);
  g_assert_cmpint (liaison_sequence_step_get_template_id (step), ==, liaison_template_get_id (welcome));
  g_assert_cmpstr (liaison_sequence_step_get_template_name (step), ==, "Welcome");
  g_assert_cmpstr (liaison_sequence_step_get_body (step), ==, "Hi {first_name}, welcome!");
  step = g_ptr_array_index (liaison_sequence_get_steps (saved), 1);
  g_assert_cmpint (liaison_sequence_step_get_delay (step), ==, DAY_S);
  g_assert_cmpint (liaison_sequence_step_get_template_id (step), ==, 0);
  g_assert_null (liaison_sequence_step_get_template_name (step));
  g_assert_cmpstr (liaison_sequence_step_get_body (step), ==, "Any questions, {first_name}?");

  /* A new template step has no body until the store resolves it. */
  step = g_ptr_array_index (steps, 0);
  g_assert_null (liaison_sequence_step_get_body (step));

  sequences = list_sequences (fixture);
  g_assert_cmpuint (sequences->len, ==, 1);
  listed = g_ptr_array_index (sequences, 0);
  g_assert_cmpint (liaison_sequence_get_id (listed), ==, id);
  g_assert_cmpuint (liaison_sequence_get_steps (listed)->len, ==, 2);
  g_assert_cmpstr (liaison_sequence_step_get_template_name (g_ptr_array_index (liaison_sequence_get_steps (listed), 0)),
                   ==, "Welcome");
  g_assert_cmpuint (liaison_sequence_get_n_active (listed), ==, 0);
  g_clear_pointer (&sequences, g_ptr_array_unref);

  /* Counts; an update to one step completes enrolments past it. */
  contact = add_contact (fixture, "Ada", "Lovelace", NULL, CLIENT_A, NULL);
  enroll_ok (fixture, id, contact, START_USEC);
  steps2 = make_steps ((gint64) 60, (gint64) 0, "Only step for {full_name}", (gint64) -1);
  updated = save_ok (fixture, id, "Renamed", NULL, FALSE, steps2);
  g_assert_cmpint (liaison_sequence_get_id (updated), ==, id);
  g_assert_cmpstr (liaison_sequence_get_name (updated), ==, "Renamed");
  g_assert_null (liaison_sequence_get_trigger_stage (updated));
  g_assert_false (liaison_sequence_get_enabled (updated));
  g_assert_cmpuint (liaison_sequence_get_steps (updated)->len, ==, 1);
  g_assert_cmpint (liaison_sequence_step_get_delay (g_ptr_array_index (liaison_sequence_get_steps (updated), 0)),
                   ==, 60);
  /* The enrolment was at step 0 of 1: still active. */
  g_assert_cmpuint (liaison_sequence_get_n_active (updated), ==, 1);
  g_assert_cmpuint (liaison_sequence_get_n_completed (updated), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM sequence_steps"), ==, 1);

  sequences = list_sequences (fixture);
  g_assert_cmpuint (sequences->len, ==, 1);
  g_assert_cmpstr (liaison_sequence_get_name (g_ptr_array_index (sequences, 0)), ==, "Renamed");
  g_clear_pointer (&sequences, g_ptr_array_unref);

  set_enabled (fixture, id, TRUE);
  sequences = list_sequences (fixture);
  g_assert_true (liaison_sequence_get_enabled (g_ptr_array_index (sequences, 0)));
  g_clear_pointer (&sequences, g_ptr_array_unref);

  g_assert_true (delete_sequence (fixture, id, &error));
  g_assert_no_error (error);
  sequences = list_sequences (fixture);
  g_assert_cmpuint (sequences->len, ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM sequence_enrollments"), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM sequence_steps"), ==, 0);

  g_assert_false (delete_sequence (fixture, id, &error));
  g_assert_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_NOT_FOUND);
}

static void
test_past_last_step (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = make_steps ((gint64) 0, (gint64) 0, "One", (gint64) 0, (gint64) 0, "Two",
                                           (gint64) -1);
  g_autoptr(GPtrArray) one = make_steps ((gint64) 0, (gint64) 0, "One", (gint64) -1);
  g_autoptr(LiaisonSequence) sequence = save_ok (fixture, 0, "Two steps", NULL, TRUE, steps);
  g_autoptr(LiaisonSequence) updated = NULL;
  gint64 id = liaison_sequence_get_id (sequence);
  gint64 a = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);
  gint64 b = add_contact (fixture, "Bob", NULL, NULL, CLIENT_B, NULL);
  g_autofree char *sql = NULL;

  enroll_ok (fixture, id, a, START_USEC);
  enroll_ok (fixture, id, b, START_USEC);
  /* Ada is at the second step (as if the runner had sent the first). */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    sql = g_strdup_printf ("UPDATE sequence_enrollments SET next_step = 1 WHERE contact_id = %"
                           G_GINT64_FORMAT, a);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  updated = save_ok (fixture, id, "Two steps", NULL, TRUE, one);
  g_assert_cmpuint (liaison_sequence_get_n_active (updated), ==, 1);
  g_assert_cmpuint (liaison_sequence_get_n_completed (updated), ==, 1);
  assert_state (fixture, id, a, LIAISON_ENROLLMENT_COMPLETED, LIAISON_ENROLLMENT_STOP_NONE, 1);
  assert_state (fixture, id, b, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
}

static void
assert_save_fails (Fixture    *fixture,
                   gint64      id,
                   const char *name,
                   GPtrArray  *steps,
                   GQuark      domain,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonSequence) sequence = save_sequence (fixture, id, name, NULL, TRUE, steps, &error);

  g_assert_null (sequence);
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LiaisonTemplate) tmpl = add_template (fixture, "Review", "Time for a review, {first_name}.");
  g_autoptr(GPtrArray) good = make_steps ((gint64) 0, (gint64) 0, "Hello {first_name}", (gint64) -1);
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) unknown = make_steps ((gint64) 0, (gint64) 0, "Hello {nickname}", (gint64) -1);
  g_autoptr(GPtrArray) negative = make_steps ((gint64) 0, (gint64) 0, "One", (gint64) 1, (gint64) 0, "Two",
                                              (gint64) -1);
  g_autoptr(GPtrArray) no_text = make_steps ((gint64) 0, (gint64) 0, "", (gint64) -1);
  g_autoptr(GPtrArray) missing_template = make_steps ((gint64) 0, (gint64) 9999, NULL, (gint64) -1);
  g_autoptr(GPtrArray) uses_template = make_steps ((gint64) 0, liaison_template_get_id (tmpl), NULL,
                                                   (gint64) -1);
  g_autoptr(LiaisonSequence) first = NULL;
  g_autoptr(LiaisonSequence) second = NULL;
  g_autoptr(GPtrArray) sequences = NULL;
  g_autoptr(GError) error = NULL;

  /* A negative delay, made by hand. */
  g_ptr_array_add (negative, liaison_sequence_step_new (-5, 0, "Three"));

  assert_save_fails (fixture, 0, "", good, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "   ", good, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, NULL, good, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "No steps", empty, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "No steps", NULL, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "Unknown", unknown, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "Negative", negative, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "No text", no_text, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID);
  assert_save_fails (fixture, 0, "Missing", missing_template, LIAISON_SEQUENCE_ERROR,
                     LIAISON_SEQUENCE_ERROR_NOT_FOUND);
  assert_save_fails (fixture, 12345, "Nowhere", good, LIAISON_SEQUENCE_ERROR,
                     LIAISON_SEQUENCE_ERROR_NOT_FOUND);

  {
    g_autoptr(GError) unknown_error = NULL;
    g_autoptr(LiaisonSequence) none = save_sequence (fixture, 0, "Unknown", NULL, TRUE, unknown,
                                                     &unknown_error);

    g_assert_null (none);
    /* The message names the placeholder. */
    g_assert_nonnull (strstr (unknown_error->message, "{nickname}"));
  }

  /* Nothing was written by the failures. */
  sequences = list_sequences (fixture);
  g_assert_cmpuint (sequences->len, ==, 0);
  g_clear_pointer (&sequences, g_ptr_array_unref);

  first = save_ok (fixture, 0, "Annual review", NULL, TRUE, uses_template);
  second = save_ok (fixture, 0, "Other", NULL, TRUE, good);
  assert_save_fails (fixture, 0, "Annual review", good, LIAISON_SEQUENCE_ERROR,
                     LIAISON_SEQUENCE_ERROR_DUPLICATE_NAME);
  assert_save_fails (fixture, liaison_sequence_get_id (second), "Annual review", good,
                     LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_DUPLICATE_NAME);

  /* The failed update changed nothing, steps included. */
  sequences = list_sequences (fixture);
  g_assert_cmpuint (sequences->len, ==, 2);
  g_assert_cmpstr (liaison_sequence_get_name (g_ptr_array_index (sequences, 1)), ==, "Other");
  g_assert_cmpuint (liaison_sequence_get_steps (g_ptr_array_index (sequences, 1))->len, ==, 1);
  g_clear_pointer (&sequences, g_ptr_array_unref);

  /* A template a step uses cannot be deleted; once the sequence is gone it can. */
  g_assert_false (delete_template (fixture, liaison_template_get_id (tmpl), &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_true (delete_sequence (fixture, liaison_sequence_get_id (first), &error));
  g_assert_no_error (error);
  g_assert_true (delete_template (fixture, liaison_template_get_id (tmpl), &error));
  g_assert_no_error (error);
}

static void
test_enroll (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = make_steps ((gint64) 3600, (gint64) 0, "Hi {first_name}",
                                           (gint64) 60, (gint64) 0, "Again", (gint64) -1);
  g_autoptr(LiaisonSequence) sequence = save_ok (fixture, 0, "Hand", NULL, TRUE, steps);
  gint64 id = liaison_sequence_get_id (sequence);
  gint64 contact = add_contact (fixture, "Ada", "Lovelace", NULL, CLIENT_A, NULL);
  g_autoptr(LiaisonSequenceEnrollment) enrollment = NULL;
  g_autoptr(LiaisonSequenceEnrollment) again = NULL;
  g_autoptr(LiaisonSequenceEnrollment) restarted = NULL;
  g_autoptr(LiaisonSequenceEnrollment) stopped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before, after;

  enrollment = enroll (fixture, id, contact, START_USEC, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_sequence_enrollment_get_id (enrollment), >, 0);
  g_assert_cmpint (liaison_sequence_enrollment_get_sequence_id (enrollment), ==, id);
  g_assert_cmpstr (liaison_sequence_enrollment_get_sequence_name (enrollment), ==, "Hand");
  g_assert_cmpint (liaison_sequence_enrollment_get_contact_id (enrollment), ==, contact);
  g_assert_cmpstr (liaison_sequence_enrollment_get_contact_name (enrollment), ==, "Ada Lovelace");
  g_assert_cmpint (liaison_sequence_enrollment_get_state (enrollment), ==, LIAISON_ENROLLMENT_ACTIVE);
  g_assert_cmpint (liaison_sequence_enrollment_get_stop_reason (enrollment), ==, LIAISON_ENROLLMENT_STOP_NONE);
  g_assert_null (liaison_sequence_enrollment_get_stop_detail (enrollment));
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (enrollment), ==, 0);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (enrollment), ==,
                   START_USEC + 3600 * USEC);
  g_assert_cmpint (liaison_sequence_enrollment_get_enrolled_at (enrollment), ==, START_USEC);
  g_assert_cmpint (liaison_sequence_enrollment_get_updated_at (enrollment), >, 0);

  again = enroll (fixture, id, contact, START_USEC, &error);
  g_assert_null (again);
  g_assert_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_ALREADY_ENROLLED);
  g_clear_error (&error);

  stop_enrollment (fixture, liaison_sequence_enrollment_get_id (enrollment));
  stopped = find_enrollment (fixture, id, contact);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (stopped), ==, LIAISON_ENROLLMENT_STOPPED);
  g_assert_cmpint (liaison_sequence_enrollment_get_stop_reason (stopped), ==, LIAISON_ENROLLMENT_STOP_BY_HAND);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (stopped), ==, 0);
  /* Stopping again is harmless. */
  stop_enrollment (fixture, liaison_sequence_enrollment_get_id (enrollment));

  /* Enrolling again (now: the real time) starts over. */
  before = g_get_real_time ();
  restarted = enroll (fixture, id, contact, 0, &error);
  after = g_get_real_time ();
  g_assert_no_error (error);
  g_assert_cmpint (liaison_sequence_enrollment_get_id (restarted), ==,
                   liaison_sequence_enrollment_get_id (enrollment));
  g_assert_cmpint (liaison_sequence_enrollment_get_state (restarted), ==, LIAISON_ENROLLMENT_ACTIVE);
  g_assert_cmpint (liaison_sequence_enrollment_get_stop_reason (restarted), ==, LIAISON_ENROLLMENT_STOP_NONE);
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (restarted), ==, 0);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (restarted), >=, before + 3600 * USEC);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (restarted), <=, after + 3600 * USEC);

  /* Unknown sequence, contact, enrolment. */
  g_clear_object (&again);
  again = enroll (fixture, id + 100, contact, 0, &error);
  g_assert_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  again = enroll (fixture, id, contact + 100, 0, &error);
  g_assert_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_stop_enrollment_async (fixture->store, 424242, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_false (liaison_store_stop_enrollment_finish (fixture->store, result, &error));
    g_assert_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_NOT_FOUND);
  }
}

static void
test_list_order (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 s1 = simple_sequence (fixture, "S1", NULL, TRUE, 0);
  gint64 s2 = simple_sequence (fixture, "S2", NULL, TRUE, 0);
  gint64 s3 = simple_sequence (fixture, "S3", NULL, TRUE, 0);
  gint64 a = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);
  gint64 b = add_contact (fixture, "Bob", NULL, NULL, CLIENT_B, NULL);
  gint64 c = add_contact (fixture, "Cy", NULL, NULL, CLIENT_C, NULL);
  gint64 d = add_contact (fixture, "Di", NULL, NULL, CLIENT_D, NULL);
  g_autoptr(GPtrArray) by_sequence = NULL;
  g_autoptr(GPtrArray) by_contact = NULL;
  gint64 ec, ed, e3;
  const gint64 expected_seq[] = { b, a, d, c };
  const gint64 expected_contact[] = { s2, s1, s3 };

  enroll_ok (fixture, s1, a, START_USEC + 200);
  enroll_ok (fixture, s1, b, START_USEC + 100);
  ec = enroll_ok (fixture, s1, c, START_USEC);
  ed = enroll_ok (fixture, s1, d, START_USEC);
  stop_enrollment (fixture, ec);
  g_usleep (2000);
  stop_enrollment (fixture, ed);

  by_sequence = list_enrollments (fixture, s1, 0);
  g_assert_cmpuint (by_sequence->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      LiaisonSequenceEnrollment *e = g_ptr_array_index (by_sequence, i);

      g_assert_cmpint (liaison_sequence_enrollment_get_sequence_id (e), ==, s1);
      g_assert_cmpint (liaison_sequence_enrollment_get_contact_id (e), ==, expected_seq[i]);
    }

  enroll_ok (fixture, s2, a, START_USEC + 50);
  e3 = enroll_ok (fixture, s3, a, START_USEC);
  stop_enrollment (fixture, e3);
  by_contact = list_enrollments (fixture, 0, a);
  g_assert_cmpuint (by_contact->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (liaison_sequence_enrollment_get_sequence_id (g_ptr_array_index (by_contact, i)), ==,
                     expected_contact[i]);
  g_assert_cmpstr (liaison_sequence_enrollment_get_sequence_name (g_ptr_array_index (by_contact, 0)), ==, "S2");
}

static void
test_stage_trigger (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 onboarding = simple_sequence (fixture, "Onboarding", "Onboarding", TRUE, 3600);
  gint64 disabled = simple_sequence (fixture, "Disabled", "onboarding", FALSE, 0);
  gint64 review = simple_sequence (fixture, "Review", "review", TRUE, 0);
  gint64 by_hand = simple_sequence (fixture, "By hand", NULL, TRUE, 0);
  gint64 x = add_contact (fixture, "Xavier", NULL, NULL, CLIENT_A, NULL);
  gint64 y = add_contact (fixture, "Yolanda", "Young", NULL, CLIENT_B, "lead");
  g_autoptr(LiaisonSequenceEnrollment) e = NULL;
  g_autoptr(LiaisonSequenceEnrollment) e2 = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 before, after, enrolled_at;

  (void) by_hand;

  before = g_get_real_time ();
  set_stage (fixture, x, "  ONBOARDING ");
  after = g_get_real_time ();

  e = find_enrollment (fixture, onboarding, x);
  g_assert_nonnull (e);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (e), ==, LIAISON_ENROLLMENT_ACTIVE);
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (e), ==, 0);
  /* SQLite's clock has millisecond precision. */
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (e), >=, before - 1000 + 3600 * USEC);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (e), <=, after + 1000 + 3600 * USEC);
  enrolled_at = liaison_sequence_enrollment_get_enrolled_at (e);
  g_assert_null (find_enrollment (fixture, disabled, x));
  g_clear_object (&e);

  all = list_enrollments (fixture, 0, x);
  g_assert_cmpuint (all->len, ==, 1);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Only the case changes: not a new stage. Clearing enrols nobody. */
  set_stage (fixture, x, "onboarding");
  set_stage (fixture, x, NULL);
  all = list_enrollments (fixture, 0, x);
  g_assert_cmpuint (all->len, ==, 1);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Back to the stage while active: left alone. */
  set_stage (fixture, x, "Onboarding");
  e = find_enrollment (fixture, onboarding, x);
  g_assert_cmpint (liaison_sequence_enrollment_get_enrolled_at (e), ==, enrolled_at);
  stop_enrollment (fixture, liaison_sequence_enrollment_get_id (e));
  g_clear_object (&e);

  set_stage (fixture, x, "Review");
  assert_state (fixture, review, x, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
  /* Stopped: a stage change starts it over (later than the first
   * enrolment, on SQLite's millisecond clock). */
  g_usleep (2000);
  set_stage (fixture, x, "Onboarding");
  assert_state (fixture, onboarding, x, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
  e = find_enrollment (fixture, onboarding, x);
  g_assert_cmpint (liaison_sequence_enrollment_get_enrolled_at (e), >, enrolled_at);
  g_clear_object (&e);
  all = list_enrollments (fixture, 0, x);
  g_assert_cmpuint (all->len, ==, 2);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* The editor's path (every field saved) enrols as well. */
  {
    const char *phones[] = { CLIENT_B, NULL };
    LiaisonStoreContactInfo info = {
      .first_name = "Yolanda", .last_name = "Young", .pipeline_stage = "review", .phones = phones,
    };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    liaison_store_save_contact_async (fixture->store, y, &info, NULL, NULL,
                                      liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_cmpint (liaison_store_save_contact_finish (fixture->store, result, &error), ==, y);
    g_assert_no_error (error);
  }
  assert_state (fixture, review, y, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
  g_assert_null (find_enrollment (fixture, onboarding, y));

  /* Enabling the disabled one does not enrol those already at its stage;
   * the next change to it does. */
  set_enabled (fixture, disabled, TRUE);
  g_assert_null (find_enrollment (fixture, disabled, x));
  set_stage (fixture, x, "review");
  set_stage (fixture, x, "onboarding");
  e2 = find_enrollment (fixture, disabled, x);
  g_assert_nonnull (e2);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (e2), ==, LIAISON_ENROLLMENT_ACTIVE);
}

static guint
enroll_by_stage (Fixture *fixture,
                 gint64   contact_id,
                 gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  liaison_store_enroll_by_stage_async (fixture->store, contact_id, now, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_enroll_by_stage_finish (fixture->store, result, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Creating a contact with a stage enrols nobody (an import must not start
 * sequences for a whole book); the editor asks for it explicitly. */
static void
test_enroll_by_stage (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 onboarding = simple_sequence (fixture, "Onboarding", " onboarding ", TRUE, 3600);
  gint64 held = simple_sequence (fixture, "Held", "Onboarding", FALSE, 0);
  gint64 other = simple_sequence (fixture, "Review", "Review", TRUE, 0);
  gint64 x = add_contact (fixture, "Xavier", NULL, NULL, CLIENT_A, "Onboarding");
  gint64 y = add_contact (fixture, "Yolanda", NULL, NULL, CLIENT_B, NULL);
  g_autoptr(LiaisonSequenceEnrollment) e = NULL;

  g_assert_null (find_enrollment (fixture, onboarding, x));

  g_assert_cmpuint (enroll_by_stage (fixture, x, START_USEC), ==, 1);
  e = find_enrollment (fixture, onboarding, x);
  g_assert_nonnull (e);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (e), ==, LIAISON_ENROLLMENT_ACTIVE);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (e), ==, START_USEC + 3600 * USEC);
  g_assert_null (find_enrollment (fixture, held, x));
  g_assert_null (find_enrollment (fixture, other, x));

  /* Already active: left alone. No stage: nothing. */
  g_assert_cmpuint (enroll_by_stage (fixture, x, START_USEC + USEC), ==, 0);
  g_assert_cmpuint (enroll_by_stage (fixture, y, START_USEC), ==, 0);
  {
    g_autoptr(GPtrArray) none = list_enrollments (fixture, 0, y);

    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Stopped: starts over. */
  stop_enrollment (fixture, liaison_sequence_enrollment_get_id (e));
  g_assert_cmpuint (enroll_by_stage (fixture, x, START_USEC + 2 * USEC), ==, 1);
  assert_state (fixture, onboarding, x, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
}

static void
test_reply_and_opt_out (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 s1 = simple_sequence (fixture, "S1", NULL, TRUE, 3600);
  gint64 s2 = simple_sequence (fixture, "S2", NULL, TRUE, 3600);
  gint64 a = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);
  gint64 b = add_contact (fixture, "Bob", NULL, NULL, CLIENT_B, NULL);

  enroll_ok (fixture, s1, a, 0);
  enroll_ok (fixture, s2, a, 0);
  enroll_ok (fixture, s1, b, 0);

  /* An outbound message stops nothing; Ada's reply stops Ada's. */
  {
    LiaisonStoreMessageInfo info = {
      .our_number = FROM, .remote_number = CLIENT_A, .direction = "outbound-api", .body = "Hi",
    };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    liaison_store_add_message_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_cmpint (liaison_store_add_message_finish (fixture->store, result, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  assert_state (fixture, s1, a, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);

  add_inbound (fixture, CLIENT_A, "Thanks, call me tomorrow");
  assert_state (fixture, s1, a, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_REPLIED, 0);
  assert_state (fixture, s2, a, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_REPLIED, 0);
  assert_state (fixture, s1, b, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);

  /* Ada back in S1 only; her opt-out stops that one, and the replied one
   * now says she opted out (what the advisor must know). Bob's stays. */
  enroll_ok (fixture, s1, a, 0);
  record_opt_out (fixture, CLIENT_A);
  assert_state (fixture, s1, a, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_OPTED_OUT, 0);
  assert_state (fixture, s2, a, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_OPTED_OUT, 0);
  assert_state (fixture, s1, b, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);

  /* A STOP text: the reply stops it first, the opt-out then says why. */
  add_inbound (fixture, CLIENT_B, "STOP");
  assert_state (fixture, s1, b, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_REPLIED, 0);
  record_opt_out (fixture, CLIENT_B);
  assert_state (fixture, s1, b, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_OPTED_OUT, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM sequence_enrollments WHERE state = 'active'"),
                   ==, 0);
}

/* Runner tests (liaison-sim) */

static void
wait_runner_idle (Fixture *fixture)
{
  g_assert_true (liaison_test_wait_flag (&fixture->runner_idle, 30000));
}

static void
start (Fixture *fixture)
{
  liaison_outbox_start (fixture->outbox);
  fixture->runner_idle = FALSE;
  liaison_sequence_runner_start (fixture->runner);
  wait_runner_idle (fixture);
}

static void
advance (Fixture *fixture,
         gint64   seconds)
{
  fixture->runner_idle = FALSE;
  liaison_clock_advance (fixture->clock, seconds * USEC);
  wait_runner_idle (fixture);
}

static void
poke (Fixture *fixture)
{
  fixture->runner_idle = FALSE;
  liaison_sequence_runner_poke (fixture->runner);
  wait_runner_idle (fixture);
}

static void
test_runner_sends (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiaisonTemplate) tmpl = add_template (fixture, "Welcome",
                                                  "Hi {first_name}, this is {advisor_name} at {firm}.");
  g_autoptr(GPtrArray) steps = make_steps ((gint64) 0, liaison_template_get_id (tmpl), NULL,
                                           (gint64) DAY_S, (gint64) 0, "Any questions, {full_name}?",
                                           (gint64) -1);
  g_autoptr(LiaisonSequence) sequence = save_ok (fixture, 0, "Welcome", NULL, TRUE, steps);
  gint64 id = liaison_sequence_get_id (sequence);
  gint64 ada = add_contact (fixture, "Ada", "Lovelace", NULL, CLIENT_A, NULL);
  g_autoptr(LiaisonSequenceEnrollment) e = NULL;
  g_autofree char *source = NULL;
  g_autofree char *body = NULL;

  enroll_ok (fixture, id, ada, START_USEC);
  start (fixture);

  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  e = find_enrollment (fixture, id, ada);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (e), ==, LIAISON_ENROLLMENT_ACTIVE);
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (e), ==, 1);
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (e), ==, START_USEC + DAY_S * USEC);
  g_clear_object (&e);

  /* It went through the outbox to the simulator. */
  wait_sql (fixture, "SELECT count(*) FROM outbox WHERE state = 'sent'", 1);
  source = sql_text (fixture, "SELECT source FROM outbox");
  g_assert_cmpstr (source, ==, "sequence");
  body = sql_text (fixture, "SELECT body FROM messages WHERE direction = 'outbound-api'");
  g_assert_cmpstr (body, ==, "Hi Ada, this is Sam Advisor at Acme Wealth.");
  g_assert_cmpuint (sim_creates (fixture, CLIENT_A, "Hi Ada, this is Sam Advisor at Acme Wealth."), ==, 1);

  /* Nothing more until the second step's delay has passed. */
  advance (fixture, DAY_S - 120);
  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  advance (fixture, 120);
  g_assert_cmpuint (fixture->n_step_sent, ==, 2);
  wait_sql (fixture, "SELECT count(*) FROM outbox WHERE state = 'sent'", 2);
  g_assert_cmpuint (sim_creates (fixture, CLIENT_A, "Any questions, Ada Lovelace?"), ==, 1);
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_COMPLETED, LIAISON_ENROLLMENT_STOP_NONE, 2);
  g_assert_cmpuint (fixture->n_changed, >=, 2);

  /* Completed: nothing else goes. */
  advance (fixture, 2 * DAY_S);
  g_assert_cmpuint (fixture->n_step_sent, ==, 2);
  g_assert_cmpuint (sim_creates (fixture, NULL, NULL), ==, 2);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM outbox"), ==, 2);
}

static void
test_runner_missing_value (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = make_steps ((gint64) 0, (gint64) 0, "Hi {first_name}, checking in.",
                                           (gint64) -1);
  g_autoptr(LiaisonSequence) sequence = save_ok (fixture, 0, "Check-in", NULL, TRUE, steps);
  gint64 id = liaison_sequence_get_id (sequence);
  gint64 company = add_contact (fixture, NULL, NULL, "Acme Corp", CLIENT_A, NULL);
  g_autoptr(LiaisonSequenceEnrollment) e = NULL;

  enroll_ok (fixture, id, company, START_USEC);
  start (fixture);

  g_assert_cmpuint (fixture->n_step_sent, ==, 0);
  e = find_enrollment (fixture, id, company);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (e), ==, LIAISON_ENROLLMENT_STOPPED);
  g_assert_cmpint (liaison_sequence_enrollment_get_stop_reason (e), ==, LIAISON_ENROLLMENT_STOP_MISSING_VALUE);
  g_assert_nonnull (liaison_sequence_enrollment_get_stop_detail (e));
  g_assert_nonnull (strstr (liaison_sequence_enrollment_get_stop_detail (e), "{first_name}"));
  /* The step was not sent: the enrolment is back at it. */
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (e), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM messages"), ==, 0);
  g_assert_cmpuint (sim_creates (fixture, NULL, NULL), ==, 0);
}

static void
test_runner_disabled (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = simple_sequence (fixture, "Held", NULL, FALSE, 0);
  gint64 ada = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);

  enroll_ok (fixture, id, ada, START_USEC);
  start (fixture);
  advance (fixture, 3600);

  g_assert_cmpuint (fixture->n_step_sent, ==, 0);
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM outbox"), ==, 0);

  set_enabled (fixture, id, TRUE);
  poke (fixture);
  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_COMPLETED, LIAISON_ENROLLMENT_STOP_NONE, 1);
  wait_sql (fixture, "SELECT count(*) FROM outbox WHERE state = 'sent'", 1);
  g_assert_cmpuint (sim_creates (fixture, CLIENT_A, "Hello from Acme Wealth"), ==, 1);
}

/* No number to send from yet: the due step waits (nothing is claimed, so
 * nothing is lost to a failed queuing), and goes once one is chosen. */
static void
test_runner_no_sender (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = simple_sequence (fixture, "Hello", NULL, TRUE, 0);
  gint64 ada = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);

  liaison_outbox_set_default_sender (fixture->outbox, NULL);
  enroll_ok (fixture, id, ada, START_USEC);
  start (fixture);
  advance (fixture, 3600);

  g_assert_cmpuint (fixture->n_step_sent, ==, 0);
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM outbox"), ==, 0);

  liaison_outbox_set_default_sender (fixture->outbox, FROM);
  poke (fixture);
  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_COMPLETED, LIAISON_ENROLLMENT_STOP_NONE, 1);
  wait_sql (fixture, "SELECT count(*) FROM outbox WHERE state = 'sent'", 1);
  g_assert_cmpuint (sim_creates (fixture, CLIENT_A, NULL), ==, 1);
}

static void
test_runner_opted_out (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = simple_sequence (fixture, "Hello", NULL, TRUE, 0);
  gint64 ada = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);
  gint64 bob = add_contact (fixture, "Bob", NULL, NULL, CLIENT_B, NULL);
  gint64 nobody = add_contact (fixture, "Nobody", NULL, NULL, NULL, NULL);

  /* Opted out before the enrolment: only the gate can stop the text. */
  record_opt_out (fixture, CLIENT_A);
  enroll_ok (fixture, id, ada, START_USEC);
  enroll_ok (fixture, id, bob, START_USEC);
  enroll_ok (fixture, id, nobody, START_USEC);
  start (fixture);

  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_OPTED_OUT, 0);
  assert_state (fixture, id, nobody, LIAISON_ENROLLMENT_STOPPED, LIAISON_ENROLLMENT_STOP_NO_NUMBER, 0);
  assert_state (fixture, id, bob, LIAISON_ENROLLMENT_COMPLETED, LIAISON_ENROLLMENT_STOP_NONE, 1);
  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  wait_sql (fixture, "SELECT count(*) FROM outbox WHERE state = 'sent'", 1);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM outbox WHERE to_number = '" CLIENT_A "'"), ==, 0);
  g_assert_cmpuint (sim_creates (fixture, CLIENT_A, NULL), ==, 0);
  g_assert_cmpuint (sim_creates (fixture, CLIENT_B, NULL), ==, 1);
}

static void
test_runner_quiet_hours (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = make_steps ((gint64) 0, (gint64) 0, "Good morning {first_name}, it is {time}.",
                                           (gint64) 3600, (gint64) 0, "One more thing.", (gint64) -1);
  g_autoptr(LiaisonSequence) sequence = save_ok (fixture, 0, "Late", NULL, TRUE, steps);
  gint64 id = liaison_sequence_get_id (sequence);
  gint64 ada = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, NULL);
  /* 23:00 in New Jersey. */
  gint64 late = START_USEC + (gint64) 11 * 3600 * USEC;
  g_autoptr(LiaisonSequenceEnrollment) e = NULL;
  g_autofree char *status = NULL;
  g_autofree char *body = NULL;
  gint64 scheduled_at;

  liaison_clock_advance (fixture->clock, late - START_USEC);
  enroll_ok (fixture, id, ada, late);
  start (fixture);

  /* Not stopped: queued for the morning (8:00 EDT, 12:00 UTC, the next day). */
  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  e = find_enrollment (fixture, id, ada);
  g_assert_cmpint (liaison_sequence_enrollment_get_state (e), ==, LIAISON_ENROLLMENT_ACTIVE);
  g_assert_cmpuint (liaison_sequence_enrollment_get_next_step (e), ==, 1);
  scheduled_at = sql_int (fixture, "SELECT scheduled_at FROM outbox");
  g_assert_cmpint (scheduled_at, ==, START_USEC + (gint64) 20 * 3600 * USEC);
  status = sql_text (fixture, "SELECT status FROM messages");
  g_assert_cmpstr (status, ==, "scheduled");
  /* {time} reads as when it goes, in the recipient's zone. */
  body = sql_text (fixture, "SELECT body FROM messages");
  g_assert_cmpstr (body, ==, "Good morning Ada, it is 8:00 AM.");
  /* The second step keeps its hour after the first one's new time. */
  g_assert_cmpint (liaison_sequence_enrollment_get_next_run_at (e), ==, scheduled_at + 3600 * USEC);
  g_assert_cmpuint (sim_creates (fixture, NULL, NULL), ==, 0);
}

static void
test_runner_stage_change (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = simple_sequence (fixture, "Onboarding", "Onboarding", TRUE, 0);
  gint64 ada = add_contact (fixture, "Ada", NULL, NULL, CLIENT_A, "lead");

  start (fixture);
  g_assert_cmpuint (fixture->n_step_sent, ==, 0);

  /* The database enrols her; the runner notices within a minute. */
  set_stage (fixture, ada, "onboarding");
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_ACTIVE, LIAISON_ENROLLMENT_STOP_NONE, 0);
  advance (fixture, 61);
  g_assert_cmpuint (fixture->n_step_sent, ==, 1);
  assert_state (fixture, id, ada, LIAISON_ENROLLMENT_COMPLETED, LIAISON_ENROLLMENT_STOP_NONE, 1);
  wait_sql (fixture, "SELECT count(*) FROM outbox WHERE state = 'sent' AND source = 'sequence'", 1);
  g_assert_cmpuint (sim_creates (fixture, CLIENT_A, "Hello from Acme Wealth"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func, sim) \
  g_test_add ("/Liaison/Sequences/" path, Fixture, GINT_TO_POINTER (sim), fixture_setup, func, fixture_teardown)

  ADD ("enums", test_enums, FALSE);
  ADD ("crud", test_crud, FALSE);
  ADD ("past-last-step", test_past_last_step, FALSE);
  ADD ("validation", test_validation, FALSE);
  ADD ("enroll", test_enroll, FALSE);
  ADD ("list-order", test_list_order, FALSE);
  ADD ("stage-trigger", test_stage_trigger, FALSE);
  ADD ("enroll-by-stage", test_enroll_by_stage, FALSE);
  ADD ("reply-and-opt-out", test_reply_and_opt_out, FALSE);
  ADD ("runner/sends", test_runner_sends, TRUE);
  ADD ("runner/missing-value", test_runner_missing_value, TRUE);
  ADD ("runner/disabled", test_runner_disabled, TRUE);
  ADD ("runner/no-sender", test_runner_no_sender, TRUE);
  ADD ("runner/opted-out", test_runner_opted_out, TRUE);
  ADD ("runner/quiet-hours", test_runner_quiet_hours, TRUE);
  ADD ("runner/stage-change", test_runner_stage_change, 2);

#undef ADD

  return g_test_run ();
}
