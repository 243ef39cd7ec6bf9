/* test-outbox.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-outbox"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-consent-ledger.h"
#include "liaison-outbox.h"
#include "liaison-store.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"

/*
 * The outbox against a real store file and the real liaison-sim over HTTP.
 * The gate runs on a fake clock set to a Tuesday noon in New York, so quiet
 * hours never depend on when the test runs, and scheduled sends move only
 * when the test advances it. What the simulator received is read from its
 * control API (GET /_sim/requests) and its message list (through the client).
 */

#define FROM         "+15005550006"
#define CLIENT_A     "+12015550123"
#define CLIENT_B     "+12015550124"
#define CLIENT_C     "+12015550125"
/* Tuesday 10 March 2026, 12:00 EDT */
#define START_USEC   G_GINT64_CONSTANT (1773158400000000)

typedef struct {
  char                  *dir;
  char                  *path;
  LiaisonTestSim        *sim;
  SoupSession           *session;
  LiaisonStore          *store;
  LiaisonTwilioClient   *client;
  LiaisonClock          *clock;
  LiaisonComplianceGate *gate;
  LiaisonOutbox         *outbox;
  guint                  n_changed;
  gboolean               idle;
} Fixture;

static void
idle_cb (LiaisonOutbox *outbox,
         Fixture       *fixture)
{
  fixture->idle = TRUE;
}

static void
message_changed_cb (LiaisonOutbox *outbox,
                    gint64         message_id,
                    gint64         thread_id,
                    Fixture       *fixture)
{
  g_assert_cmpint (message_id, >, 0);
  g_assert_cmpint (thread_id, >, 0);
  fixture->n_changed++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = liaison_test_mkdtemp ();
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_new (fixture->path);
  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  fixture->sim = liaison_test_sim_start (NULL);
  g_assert_nonnull (fixture->sim);
  fixture->session = soup_session_new ();

  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid,
                                                           fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);

  fixture->clock = liaison_clock_new_fake (START_USEC);
  fixture->gate = liaison_compliance_gate_new (fixture->clock);
  fixture->outbox = liaison_outbox_new (fixture->store, fixture->client, fixture->gate);
  g_signal_connect (fixture->outbox, "idle", G_CALLBACK (idle_cb), fixture);
  g_signal_connect (fixture->outbox, "message-changed", G_CALLBACK (message_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_outbox_stop (fixture->outbox);
  g_signal_handlers_disconnect_by_data (fixture->outbox, fixture);
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

/* The simulator's control API */

static guint
sim_control (Fixture     *fixture,
             const char  *method,
             const char  *path,
             const char  *form,
             JsonNode   **out_json)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      message = soup_message_new (method, url);
      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    }
  else
    {
      message = soup_message_new (method, url);
    }

  body = soup_session_send_and_read (fixture->session, message, NULL, &error);
  g_assert_no_error (error);

  if (out_json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), &error));
      g_assert_no_error (error);
      *out_json = json_node_copy (json_parser_get_root (parser));
    }

  return soup_message_get_status (message);
}

/* POSTs to …/Messages.json the simulator received: all of them, or those
 * with @status (0: any) and @body (NULL: any). */
static guint
sim_creates (Fixture    *fixture,
             guint       status,
             const char *body)
{
  g_autoptr(JsonNode) json = NULL;
  JsonArray *requests;
  guint n = 0;

  g_assert_cmpuint (sim_control (fixture, "GET", "/_sim/requests", NULL, &json), ==, 200);
  requests = json_node_get_array (json);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");

      if (!g_str_equal (json_object_get_string_member (request, "method"), "POST") ||
          !g_str_has_suffix (json_object_get_string_member (request, "path"), "/Messages.json"))
        continue;
      if (status != 0 && json_object_get_int_member (request, "status") != status)
        continue;
      if (body != NULL && g_strcmp0 (json_object_get_string_member_with_default (params, "Body", NULL),
                                     body) != 0)
        continue;
      n++;
    }

  return n;
}

/* The simulator's messages To/From with @body, through the client. */
static GPtrArray *
sim_messages (Fixture    *fixture,
              const char *to,
              const char *body)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *items;

  liaison_twilio_client_list_messages_async (fixture->client, to, FROM, NULL, NULL, NULL, 100, NULL,
                                             liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  page = liaison_twilio_client_list_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (liaison_twilio_message_get_body (g_ptr_array_index (items, i)), body) == 0)
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (items, i)));

  return found;
}

/* The store, behind its back */

typedef struct {
  char   *state;
  char   *message_sid;
  char   *gate_note;
  char   *last_error;
  gint64  attempts;
} OutboxRow;

static void
outbox_row_clear (OutboxRow *row)
{
  g_clear_pointer (&row->state, g_free);
  g_clear_pointer (&row->message_sid, g_free);
  g_clear_pointer (&row->gate_note, g_free);
  g_clear_pointer (&row->last_error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutboxRow, outbox_row_clear)

static gboolean
read_outbox_row (const char *path,
                 gint64      message_id,
                 OutboxRow  *row)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT state, message_sid, gate_note, last_error, attempts "
                                           "FROM outbox WHERE message_id = ?1 OR ?1 = 0 "
                                           "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, message_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      outbox_row_clear (row);
      row->state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->message_sid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->gate_note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->attempts = sqlite3_column_int64 (stmt, 4);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until the outbox row of @message_id is in
 * @state (and, when @attempts ≥ 0, has that many attempts). */
static void
wait_row (Fixture    *fixture,
          gint64      message_id,
          const char *state,
          gint64      attempts,
          OutboxRow  *out_row)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) 30 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  g_auto(OutboxRow) row = { 0, };

  for (;;)
    {
      if (read_outbox_row (fixture->path, message_id, &row) && g_strcmp0 (row.state, state) == 0 &&
          (attempts < 0 || row.attempts == attempts))
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("The outbox row never became “%s” (it is “%s”, %" G_GINT64_FORMAT " attempts)",
                 state, row.state, row.attempts);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
  if (out_row != NULL)
    {
      *out_row = row;
      memset (&row, 0, sizeof row);
    }
}

/* Waits for "idle" (clear fixture->idle before the action it follows). */
static void
wait_idle (Fixture *fixture)
{
  g_assert_true (liaison_test_wait_flag (&fixture->idle, 30000));
}

static void
start_outbox (Fixture *fixture)
{
  fixture->idle = FALSE;
  liaison_outbox_start (fixture->outbox);
  wait_idle (fixture);
}

static gint64
enqueue_full (Fixture              *fixture,
              const char           *to,
              const char           *body,
              gint64                send_at,
              gboolean              accept_warnings,
              LiaisonGateDecision **out_decision,
              GError              **error)
{
  LiaisonOutboxRequest request = {
    .from = FROM,
    .to = to,
    .body = body,
    .send_at = send_at,
    .accept_warnings = accept_warnings,
  };
  g_autoptr(GAsyncResult) result = NULL;

  liaison_outbox_enqueue_async (fixture->outbox, &request, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_outbox_enqueue_finish (fixture->outbox, result, out_decision, error);
}

static gint64
enqueue (Fixture    *fixture,
         const char *to,
         const char *body,
         gint64      send_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = enqueue_full (fixture, to, body, send_at, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LiaisonMessage *
get_message (Fixture *fixture,
             gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMessage *message;

  liaison_store_get_message_async (fixture->store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  message = liaison_store_get_message_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return message;
}

static gint64
add_contact (Fixture    *fixture,
             const char *name,
             const char *phone)
{
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = { .display_name = name, .phones = phones };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_contact_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_contact_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return id;
}

static void
record_opt_out (Fixture    *fixture,
                const char *e164)
{
  LiaisonConsentEventInfo info = {
    .e164 = e164,
    .event = "opt-out",
    .source = "manual",
    .channel = "phone",
    .note = "Asked by phone not to be texted",
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_consent_ledger_record_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_consent_ledger_record_finish (fixture->store, result, &error), >, 0);
  g_assert_no_error (error);
}

static LiaisonConsentState
consent_state (Fixture              *fixture,
               const char           *e164,
               LiaisonConsentEvent **out_event)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonConsentState state;

  liaison_consent_ledger_get_state_async (fixture->store, e164, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  state = liaison_consent_ledger_get_state_finish (fixture->store, result, out_event, &error);
  g_assert_no_error (error);
  return state;
}

static void
assert_sent (Fixture    *fixture,
             gint64      message_id,
             const char *to,
             const char *body)
{
  g_auto(OutboxRow) row = { 0, };
  g_autoptr(LiaisonMessage) message = NULL;
  g_autoptr(GPtrArray) at_sim = NULL;

  wait_row (fixture, message_id, "sent", -1, &row);
  g_assert_nonnull (row.message_sid);
  g_assert_true (g_str_has_prefix (row.message_sid, "SM"));

  message = get_message (fixture, message_id);
  g_assert_cmpstr (liaison_message_get_sid (message), ==, row.message_sid);
  g_assert_cmpstr (liaison_message_get_direction (message), ==, "outbound-api");
  g_assert_cmpstr (liaison_message_get_body (message), ==, body);

  /* Exactly one text reached Twilio, and it is the one recorded. */
  g_assert_cmpuint (sim_creates (fixture, 201, body), ==, 1);
  at_sim = sim_messages (fixture, to, body);
  g_assert_cmpuint (at_sim->len, ==, 1);
  g_assert_cmpstr (liaison_twilio_message_get_sid (g_ptr_array_index (at_sim, 0)), ==, row.message_sid);
}

/* Tests */

static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LiaisonMessage) queued = NULL;
  g_autoptr(LiaisonMessage) sent = NULL;
  gint64 id, journal;

  add_contact (fixture, "Ann Client", CLIENT_A);
  start_outbox (fixture);

  id = enqueue (fixture, CLIENT_A, "Your quarterly review is on Friday.", 0);
  queued = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_to (queued), ==, CLIENT_A);
  g_assert_cmpstr (liaison_message_get_from (queued), ==, FROM);
  g_assert_cmpint (liaison_message_get_thread_id (queued), >, 0);

  assert_sent (fixture, id, CLIENT_A, "Your quarterly review is on Friday.");
  sent = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (sent), !=, "sending");
  g_assert_cmpint (fixture->n_changed, >=, 3);

  /* Nothing else went out. */
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 1);

  journal = count_rows (fixture->path, "SELECT count (*) FROM journal WHERE action = 'message.queue'");
  g_assert_cmpint (journal, ==, 1);
}

static void
test_scheduled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LiaisonMessage) scheduled = NULL;
  gint64 send_at = START_USEC + (gint64) 3600 * G_USEC_PER_SEC;
  gint64 id;

  start_outbox (fixture);
  fixture->idle = FALSE;
  id = enqueue (fixture, CLIENT_A, "Reminder: markets close early today.", send_at);

  scheduled = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (scheduled), ==, "scheduled");
  g_assert_cmpint (liaison_message_get_date_scheduled (scheduled), ==, send_at);

  wait_idle (fixture);
  wait_row (fixture, id, "pending", 0, NULL);
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);

  /* A minute early: still nothing. */
  liaison_clock_advance (fixture->clock, (gint64) 3540 * G_USEC_PER_SEC);
  g_clear_object (&scheduled);
  scheduled = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (scheduled), ==, "scheduled");
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);

  liaison_clock_advance (fixture->clock, (gint64) 60 * G_USEC_PER_SEC);
  assert_sent (fixture, id, CLIENT_A, "Reminder: markets close early today.");
}

static void
test_blocked (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_contact (fixture, "Ann Client", CLIENT_A);
  record_opt_out (fixture, CLIENT_A);
  start_outbox (fixture);

  id = enqueue_full (fixture, CLIENT_A, "Hello again", 0, TRUE, &decision, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED);
  g_assert_nonnull (decision);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
  g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_OPTED_OUT));

  /* The number as a person types it is the same number. */
  g_clear_error (&error);
  g_clear_object (&decision);
  id = enqueue_full (fixture, "(201) 555-0123", "Hello again", 0, TRUE, &decision, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED);
  g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_OPTED_OUT));

  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count (*) FROM outbox"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count (*) FROM messages"), ==, 0);

  /* Invalid requests are refused before the gate. */
  g_clear_error (&error);
  g_assert_cmpint (enqueue_full (fixture, CLIENT_B, "", 0, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_INVALID);
}

static void
test_warn (Fixture       *fixture,
           gconstpointer  data)
{
  const char *body = "Your returns are guaranteed this year.";
  LiaisonOutboxRequest request = { .from = FROM, .to = CLIENT_A, .body = body };
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(LiaisonGateDecision) checked = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(OutboxRow) row = { 0, };
  gint64 id;

  liaison_compliance_gate_set_lexicon_policy (fixture->gate, LIAISON_LEXICON_POLICY_WARN);
  liaison_outbox_start (fixture->outbox);

  liaison_outbox_check_async (fixture->outbox, &request, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  checked = liaison_outbox_check_finish (fixture->outbox, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_gate_decision_get_verdict (checked), ==, LIAISON_GATE_WARN);
  g_assert_true (liaison_gate_decision_has_reason (checked, LIAISON_GATE_REASON_RISKY_PHRASE));

  id = enqueue_full (fixture, CLIENT_A, body, 0, FALSE, &decision, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NEEDS_CONFIRMATION);
  g_assert_nonnull (decision);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_WARN);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count (*) FROM outbox"), ==, 0);
  g_clear_error (&error);

  id = enqueue_full (fixture, CLIENT_A, body, 0, TRUE, NULL, &error);
  g_assert_no_error (error);
  assert_sent (fixture, id, CLIENT_A, body);
  g_assert_true (read_outbox_row (fixture->path, id, &row));
  g_assert_nonnull (row.gate_note);
  g_assert_cmpstr (row.gate_note, !=, "");
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LiaisonMessage) message = NULL;
  gint64 id;

  liaison_outbox_set_online (fixture->outbox, FALSE);
  g_assert_false (liaison_outbox_get_online (fixture->outbox));
  liaison_outbox_start (fixture->outbox);

  id = enqueue (fixture, CLIENT_A, "Sent when the network returns", 0);
  /* A store round trip lets anything the outbox would do happen. */
  message = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (message), ==, "queued");
  wait_row (fixture, id, "pending", 0, NULL);
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);

  liaison_outbox_set_online (fixture->outbox, TRUE);
  assert_sent (fixture, id, CLIENT_A, "Sent when the network returns");
}

static void
test_twilio_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiaisonMessage) failed = NULL;
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(OutboxRow) row = { 0, };
  gint64 id, bad;

  add_contact (fixture, "Ann Client", CLIENT_A);
  add_contact (fixture, "Bob Client", CLIENT_B);
  start_outbox (fixture);

  /* 21610: Twilio has the recipient as unsubscribed. */
  g_assert_cmpuint (sim_control (fixture, "POST", "/_sim/faults",
                                 "path=/Messages%5C.json%24&method=POST&status=400&code=21610&count=1",
                                 NULL), ==, 200);
  id = enqueue (fixture, CLIENT_A, "Do you have a minute?", 0);
  wait_row (fixture, id, "failed", 1, &row);
  g_assert_nonnull (row.last_error);
  failed = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (failed), ==, "failed");
  g_assert_cmpint (liaison_message_get_error_code (failed), ==, 21610);
  g_assert_nonnull (liaison_message_get_error_message (failed));
  g_assert_cmpint (consent_state (fixture, CLIENT_A, &event), ==, LIAISON_CONSENT_OPTED_OUT);
  g_assert_cmpstr (liaison_consent_event_get_source (event), ==, "twilio-error");
  g_assert_cmpstr (liaison_consent_event_get_note (event), ==, "21610");

  /* 21211: the number is flagged bad, and the next text to it is blocked. */
  g_assert_cmpuint (sim_control (fixture, "POST", "/_sim/faults",
                                 "path=/Messages%5C.json%24&method=POST&status=400&code=21211&count=1",
                                 NULL), ==, 200);
  bad = enqueue (fixture, CLIENT_B, "Checking in", 0);
  wait_row (fixture, bad, "failed", 1, NULL);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count (*) FROM contact_phones WHERE e164 = '"
                                              CLIENT_B "' AND is_bad = 1 AND bad_reason = '21211'"),
                   ==, 1);
  g_assert_cmpint (enqueue_full (fixture, CLIENT_B, "Checking in again", 0, TRUE, &decision, &error),
                   ==, 0);
  g_assert_error (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED);
  g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_BAD_NUMBER));

  /* Each failed send was tried once; none was retried. */
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 2);
  g_assert_cmpuint (sim_creates (fixture, 201, NULL), ==, 0);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LiaisonMessage) canceled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  start_outbox (fixture);
  fixture->idle = FALSE;
  id = enqueue (fixture, CLIENT_A, "See you tomorrow", START_USEC + (gint64) 3600 * G_USEC_PER_SEC);
  wait_idle (fixture);

  liaison_outbox_cancel_async (fixture->outbox, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_outbox_cancel_finish (fixture->outbox, result, &error));
  g_assert_no_error (error);

  canceled = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (canceled), ==, "canceled");
  wait_row (fixture, id, "cancelled", 0, NULL);

  /* Too late to cancel twice. */
  liaison_outbox_cancel_async (fixture->outbox, id, NULL, liaison_test_async_cb, &again);
  liaison_test_wait (&again);
  g_assert_false (liaison_outbox_cancel_finish (fixture->outbox, again, &error));
  g_assert_error (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NOT_PENDING);

  liaison_clock_advance (fixture->clock, (gint64) 7200 * G_USEC_PER_SEC);
  g_clear_object (&canceled);
  canceled = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (canceled), ==, "canceled");
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);
}

static void
test_opted_out_meanwhile (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LiaisonMessage) canceled = NULL;
  gint64 id;

  start_outbox (fixture);
  fixture->idle = FALSE;
  id = enqueue (fixture, CLIENT_C, "Our office moves next month", START_USEC + (gint64) 600 * G_USEC_PER_SEC);
  wait_idle (fixture);

  record_opt_out (fixture, CLIENT_C);
  liaison_clock_advance (fixture->clock, (gint64) 600 * G_USEC_PER_SEC);
  wait_row (fixture, id, "cancelled", 0, NULL);
  canceled = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (canceled), ==, "canceled");
  g_assert_nonnull (liaison_message_get_error_message (canceled));
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);
}

static void
test_quiet_hours_meanwhile (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LiaisonMessage) message = NULL;
  g_autoptr(GDateTime) next_morning = g_date_time_new_utc (2026, 3, 11, 12, 0, 0);
  gint64 id, scheduled_at;

  start_outbox (fixture);
  fixture->idle = FALSE;
  id = enqueue (fixture, CLIENT_A, "Lunch at 12:30?", START_USEC + (gint64) 1800 * G_USEC_PER_SEC);
  wait_idle (fixture);

  /* The firm shortens its hours before the text goes: 8:00 to 12:00. */
  liaison_compliance_gate_set_quiet_hours (fixture->gate, 8 * 60, 12 * 60);
  fixture->idle = FALSE;
  liaison_clock_advance (fixture->clock, (gint64) 1800 * G_USEC_PER_SEC);
  wait_idle (fixture);

  /* Postponed to 8:00 the next morning in New York (12:00 UTC), not sent. */
  wait_row (fixture, id, "pending", 0, NULL);
  scheduled_at = count_rows (fixture->path, "SELECT scheduled_at FROM outbox");
  g_assert_cmpint (scheduled_at, ==, g_date_time_to_unix (next_morning) * G_USEC_PER_SEC);
  message = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (message), ==, "scheduled");
  g_assert_cmpint (liaison_message_get_date_scheduled (message), ==, scheduled_at);
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 0);

  /* It goes in the morning. */
  liaison_clock_advance (fixture->clock, scheduled_at - liaison_clock_get_now_usec (fixture->clock));
  assert_sent (fixture, id, CLIENT_A, "Lunch at 12:30?");
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(OutboxRow) row = { 0, };
  gint64 id;

  start_outbox (fixture);

  /* Twilio fails once; the outbox checks that nothing went, waits, retries. */
  g_assert_cmpuint (sim_control (fixture, "POST", "/_sim/faults",
                                 "path=/Messages%5C.json%24&method=POST&status=503&code=20503&count=1",
                                 NULL), ==, 200);
  id = enqueue (fixture, CLIENT_A, "Retry me", 0);
  wait_row (fixture, id, "pending", 1, &row);
  g_assert_nonnull (row.last_error);
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 1);
  g_assert_cmpuint (sim_creates (fixture, 201, NULL), ==, 0);

  /* The backoff is on the gate's clock: once the outbox has set its timer
   * (the row is read from the file before the outbox hears of it). */
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) 30 * G_USEC_PER_SEC;
    guint tick = g_timeout_add (20, tick_cb, NULL);

    while (liaison_clock_get_n_pending (fixture->clock) == 0)
      {
        if (g_get_monotonic_time () > deadline)
          g_error ("The outbox never set its retry timer");
        g_main_context_iteration (NULL, TRUE);
      }
    g_source_remove (tick);
  }
  liaison_clock_advance (fixture->clock, (gint64) 10 * G_USEC_PER_SEC);
  assert_sent (fixture, id, CLIENT_A, "Retry me");
  g_assert_cmpuint (sim_creates (fixture, 0, NULL), ==, 2);
}

/* Crash safety: outbox-crash-helper stops dead at a point of a send, then
 * runs again; the text reaches Twilio exactly once. */

static void
run_helper (Fixture    *fixture,
            const char *point,
            const char *body)
{
  const char *helper = g_getenv ("LIAISON_OUTBOX_CRASH_HELPER");
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, START_USEC);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (helper);
  g_ptr_array_add (argv, (gpointer) helper);
  g_ptr_array_add (argv, fixture->path);
  g_ptr_array_add (argv, fixture->sim->url);
  g_ptr_array_add (argv, fixture->sim->account_sid);
  g_ptr_array_add (argv, fixture->sim->auth_token);
  g_ptr_array_add (argv, (gpointer) point);
  g_ptr_array_add (argv, start);
  if (body != NULL)
    {
      g_ptr_array_add (argv, (gpointer) FROM);
      g_ptr_array_add (argv, (gpointer) CLIENT_A);
      g_ptr_array_add (argv, (gpointer) body);
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static void
test_crash (Fixture       *fixture,
            gconstpointer  data)
{
  const char *point = data;
  g_autofree char *body = g_strdup_printf ("Crash test at “%s”", point);
  g_auto(OutboxRow) row = { 0, };

  /* The test's own store connection is closed while the helper runs. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_close_finish (fixture->store, result, &error));
  }

  run_helper (fixture, point, body);
  g_assert_true (read_outbox_row (fixture->path, 0, &row));
  if (g_str_equal (point, "claimed"))
    {
      g_assert_cmpstr (row.state, ==, "sending");
      g_assert_cmpuint (sim_creates (fixture, 0, body), ==, 0);
    }
  else if (g_str_equal (point, "sent"))
    {
      g_assert_cmpstr (row.state, ==, "sending");
      g_assert_cmpuint (sim_creates (fixture, 201, body), ==, 1);
    }
  else
    {
      g_assert_cmpstr (row.state, ==, "sent");
      g_assert_cmpuint (sim_creates (fixture, 201, body), ==, 1);
    }

  run_helper (fixture, "none", NULL);

  {
    g_autoptr(GPtrArray) at_sim = sim_messages (fixture, CLIENT_A, body);

    g_assert_true (read_outbox_row (fixture->path, 0, &row));
    g_assert_cmpstr (row.state, ==, "sent");
    g_assert_cmpuint (sim_creates (fixture, 201, body), ==, 1);
    g_assert_cmpuint (at_sim->len, ==, 1);
    g_assert_cmpstr (row.message_sid, ==, liaison_twilio_message_get_sid (g_ptr_array_index (at_sim, 0)));
    g_assert_cmpint (count_rows (fixture->path, "SELECT count (*) FROM messages m JOIN outbox o "
                                                "ON o.message_id = m.id AND o.message_sid = m.sid"), ==, 1);
  }

  /* Re-open for the teardown. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_clear_object (&fixture->outbox);
    g_clear_object (&fixture->store);
    fixture->store = liaison_store_new (fixture->path);
    liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
    fixture->outbox = liaison_outbox_new (fixture->store, fixture->client, fixture->gate);
  }
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/Liaison/Outbox/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("send", test_send, NULL);
  ADD ("scheduled", test_scheduled, NULL);
  ADD ("blocked", test_blocked, NULL);
  ADD ("warn", test_warn, NULL);
  ADD ("offline", test_offline, NULL);
  ADD ("twilio-error", test_twilio_error, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("opted-out-meanwhile", test_opted_out_meanwhile, NULL);
  ADD ("quiet-hours-meanwhile", test_quiet_hours_meanwhile, NULL);
  ADD ("retry", test_retry, NULL);
  ADD ("crash/claimed", test_crash, "claimed");
  ADD ("crash/sent", test_crash, "sent");
  ADD ("crash/recorded", test_crash, "recorded");

#undef ADD

  return g_test_run ();
}
