/* test-consent-ledger.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-consent-ledger"

#include "config.h"

#include <sqlite3.h>

#include "liaison-consent-ledger.h"
#include "liaison-store.h"
#include "liaison-store-messages-private.h"
#include "liaison-test-utils.h"

/*
 * The consent ledger and stored-message status updates against a real
 * SQLite file. Where a test must look behind the store (the append-only
 * triggers, flagged numbers, the journal), it opens the file with SQLite.
 */

#define OUR_NUMBER  "+15005550006"
#define CLIENT_A    "+12015550123"
#define CLIENT_B    "+12015550124"
#define STRANGER    "+12015550125"

typedef struct {
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = liaison_test_mkdtemp ();
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_new (fixture->path);
  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);
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
  liaison_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Helpers */

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
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
record_full (Fixture                       *fixture,
             const LiaisonConsentEventInfo *info,
             GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_consent_ledger_record_async (fixture->store, info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_consent_ledger_record_finish (fixture->store, result, error);
}

static gint64
record (Fixture    *fixture,
        const char *e164,
        const char *event,
        const char *source,
        const char *message_sid,
        gint64      time)
{
  LiaisonConsentEventInfo info = {
    .e164 = e164,
    .event = event,
    .source = source,
    .channel = g_str_equal (source, "manual") ? "phone" : NULL,
    .message_sid = message_sid,
    .note = "test",
    .our_number = OUR_NUMBER,
    .time = time,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = record_full (fixture, &info, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LiaisonConsentState
get_state (Fixture              *fixture,
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

static GPtrArray *
list (Fixture    *fixture,
      gint64      contact_id,
      const char *e164)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  liaison_consent_ledger_list_async (fixture->store, contact_id, e164, NULL, liaison_test_async_cb,
                                     &result);
  liaison_test_wait (&result);
  events = liaison_consent_ledger_list_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

static LiaisonKeyword
apply_inbound (Fixture    *fixture,
               const char *from,
               const char *body,
               const char *opt_out_type,
               const char *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonKeyword keyword;

  liaison_consent_ledger_apply_inbound_async (fixture->store, from, OUR_NUMBER, body, opt_out_type,
                                              sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  keyword = liaison_consent_ledger_apply_inbound_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return keyword;
}

/* Waits for every write queued so far (the journal entries appended after a
 * change) by queueing one more write-priority request behind them. */
static void
flush_writes (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_journal_verify_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_journal_verify_finish (fixture->store, result, NULL, &error));
  g_assert_no_error (error);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
add_message (Fixture    *fixture,
             const char *sid,
             const char *to,
             const char *status)
{
  LiaisonStoreMessageInfo info = {
    .sid = sid,
    .our_number = OUR_NUMBER,
    .remote_number = to,
    .direction = "outbound-api",
    .body = "Hello",
    .status = status,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_message_async (fixture->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_finish (fixture->store, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
update_status_full (Fixture     *fixture,
                    const char  *sid,
                    const char  *status,
                    int          error_code,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_update_message_status_async (fixture->store, sid, status, error_code,
                                             error_code != 0 ? "Twilio said no" : NULL, 0, NULL,
                                             liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_update_message_status_finish (fixture->store, result, NULL, error);
}

static gint64
update_status (Fixture    *fixture,
               const char *sid,
               const char *status,
               int         error_code)
{
  g_autoptr(GError) error = NULL;
  gint64 id = update_status_full (fixture, sid, status, error_code, &error);

  g_assert_no_error (error);
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
  g_assert_nonnull (message);
  return message;
}

/* Tests */

static void
test_record (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(GPtrArray) by_contact = NULL;
  g_autoptr(GPtrArray) by_number = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *action = NULL;
  g_autofree char *expected_subject = NULL;
  LiaisonConsentEventInfo bad = { .e164 = CLIENT_A, .event = "maybe", .source = "manual" };
  sqlite3 *db;
  gint64 ann, id;

  ann = add_contact (fixture, "Ann Client", CLIENT_A);
  g_assert_cmpint (get_state (fixture, CLIENT_A, NULL), ==, LIAISON_CONSENT_UNKNOWN);

  id = record (fixture, CLIENT_A, "opt-out", "manual", NULL, 0);
  g_assert_cmpint (get_state (fixture, CLIENT_A, &event), ==, LIAISON_CONSENT_OPTED_OUT);
  g_assert_nonnull (event);
  g_assert_cmpint (liaison_consent_event_get_id (event), ==, id);
  g_assert_cmpstr (liaison_consent_event_get_e164 (event), ==, CLIENT_A);
  g_assert_cmpint (liaison_consent_event_get_contact_id (event), ==, ann);
  g_assert_cmpstr (liaison_consent_event_get_event (event), ==, "opt-out");
  g_assert_cmpstr (liaison_consent_event_get_source (event), ==, "manual");
  g_assert_cmpstr (liaison_consent_event_get_channel (event), ==, "phone");
  g_assert_cmpstr (liaison_consent_event_get_note (event), ==, "test");
  g_assert_cmpstr (liaison_consent_event_get_our_number (event), ==, OUR_NUMBER);
  g_assert_null (liaison_consent_event_get_message_sid (event));
  g_assert_cmpint (liaison_consent_event_get_time (event), >, 0);
  {
    g_autofree char *e164 = NULL;
    gint64 contact_id = 0;

    g_object_get (event, "e164", &e164, "contact-id", &contact_id, NULL);
    g_assert_cmpstr (e164, ==, CLIENT_A);
    g_assert_cmpint (contact_id, ==, ann);
  }

  /* Another number stays unknown; nobody's number has no contact. */
  g_assert_cmpint (get_state (fixture, STRANGER, NULL), ==, LIAISON_CONSENT_UNKNOWN);
  record (fixture, STRANGER, "help", "keyword", NULL, 0);
  g_assert_cmpint (get_state (fixture, STRANGER, NULL), ==, LIAISON_CONSENT_UNKNOWN);

  by_contact = list (fixture, ann, NULL);
  g_assert_cmpuint (by_contact->len, ==, 1);
  by_number = list (fixture, 0, STRANGER);
  g_assert_cmpuint (by_number->len, ==, 1);
  g_assert_cmpint (liaison_consent_event_get_contact_id (g_ptr_array_index (by_number, 0)), ==, 0);
  none = list (fixture, 0, CLIENT_B);
  g_assert_cmpuint (none->len, ==, 0);

  /* Refused input. */
  g_assert_cmpint (record_full (fixture, &bad, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* The journal got an entry without personal data. */
  flush_writes (fixture);
  db = raw_open (fixture->path);
  action = raw_text (db, "SELECT action FROM journal WHERE action LIKE 'consent.%' ORDER BY id LIMIT 1");
  subject = raw_text (db, "SELECT subject FROM journal WHERE action LIKE 'consent.%' ORDER BY id LIMIT 1");
  g_assert_cmpstr (action, ==, "consent.opt-out");
  expected_subject = g_strdup_printf ("consent:%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (subject, ==, expected_subject);
  g_assert_null (raw_text (db, "SELECT id FROM journal WHERE subject LIKE '%2015550%' "
                               "OR detail LIKE '%2015550%'"));
  sqlite3_close (db);
}

static void
test_latest_wins (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 now = g_get_real_time ();
  gint64 opt_in;

  record (fixture, CLIENT_A, "opt-out", "keyword", NULL, now - (gint64) 2 * G_USEC_PER_SEC * 3600);
  opt_in = record (fixture, CLIENT_A, "opt-in", "manual", NULL, now - (gint64) G_USEC_PER_SEC * 3600);
  g_assert_cmpint (get_state (fixture, CLIENT_A, NULL), ==, LIAISON_CONSENT_OPTED_IN);

  /* An older event recorded later (an import) does not win. */
  record (fixture, CLIENT_A, "opt-out", "import", NULL, now - (gint64) 30 * G_USEC_PER_SEC * 86400);
  g_assert_cmpint (get_state (fixture, CLIENT_A, &event), ==, LIAISON_CONSENT_OPTED_IN);
  g_assert_cmpint (liaison_consent_event_get_id (event), ==, opt_in);

  /* A newer one does. */
  record (fixture, CLIENT_A, "opt-out", "manual", NULL, 0);
  g_assert_cmpint (get_state (fixture, CLIENT_A, NULL), ==, LIAISON_CONSENT_OPTED_OUT);

  /* Newest first. */
  events = list (fixture, 0, CLIENT_A);
  g_assert_cmpuint (events->len, ==, 4);
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (liaison_consent_event_get_time (g_ptr_array_index (events, i - 1)), >=,
                     liaison_consent_event_get_time (g_ptr_array_index (events, i)));
  g_assert_cmpstr (liaison_consent_event_get_source (g_ptr_array_index (events, 3)), ==, "import");
}

static void
test_dedupe (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  gint64 first, again, other;

  first = record (fixture, CLIENT_A, "opt-out", "keyword", "SMaaaa0000000000000000000000000001", 0);
  again = record (fixture, CLIENT_A, "opt-out", "keyword", "SMaaaa0000000000000000000000000001", 0);
  g_assert_cmpint (first, ==, again);
  other = record (fixture, CLIENT_A, "opt-in", "keyword", "SMaaaa0000000000000000000000000001", 0);
  g_assert_cmpint (other, !=, first);

  events = list (fixture, 0, CLIENT_A);
  g_assert_cmpuint (events->len, ==, 2);
}

static void
test_append_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  sqlite3 *db;

  record (fixture, CLIENT_A, "opt-out", "manual", NULL, 0);

  db = raw_open (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE consent_events SET event = 'opt-in'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE consent_events SET note = 'changed'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM consent_events", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  events = list (fixture, 0, CLIENT_A);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (liaison_consent_event_get_note (g_ptr_array_index (events, 0)), ==, "test");
  g_assert_cmpint (get_state (fixture, CLIENT_A, NULL), ==, LIAISON_CONSENT_OPTED_OUT);
}

static void
test_apply_inbound (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char     *body;
    LiaisonKeyword  keyword;
    const char     *note;
  } opt_outs[] = {
    { "STOP", LIAISON_KEYWORD_OPT_OUT, "STOP" },
    { "  stopall ", LIAISON_KEYWORD_OPT_OUT, "STOPALL" },
    { "Unsubscribe.", LIAISON_KEYWORD_OPT_OUT, "UNSUBSCRIBE" },
    { "cancel", LIAISON_KEYWORD_OPT_OUT, "CANCEL" },
    { "End", LIAISON_KEYWORD_OPT_OUT, "END" },
    { "quit!", LIAISON_KEYWORD_OPT_OUT, "QUIT" },
    { "REVOKE", LIAISON_KEYWORD_OPT_OUT, "REVOKE" },
    { "optout", LIAISON_KEYWORD_OPT_OUT, "OPTOUT" },
    { "start", LIAISON_KEYWORD_OPT_IN, "START" },
    { "Yes", LIAISON_KEYWORD_OPT_IN, "YES" },
    { "UNSTOP", LIAISON_KEYWORD_OPT_IN, "UNSTOP" },
  };
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) after_help = NULL;
  g_autoptr(GPtrArray) after_none = NULL;
  g_autoptr(GPtrArray) after_duplicate = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (opt_outs); i++)
    {
      g_autofree char *sid = g_strdup_printf ("SMaaaa00000000000000000000000001%02u", (guint) i);
      g_autoptr(LiaisonConsentEvent) current = NULL;

      g_test_message ("inbound “%s”", opt_outs[i].body);
      g_assert_cmpint (apply_inbound (fixture, CLIENT_A, opt_outs[i].body, NULL, sid), ==,
                       opt_outs[i].keyword);
      g_assert_cmpint (get_state (fixture, CLIENT_A, &current), ==,
                       opt_outs[i].keyword == LIAISON_KEYWORD_OPT_OUT ? LIAISON_CONSENT_OPTED_OUT
                                                                      : LIAISON_CONSENT_OPTED_IN);
      g_assert_cmpstr (liaison_consent_event_get_source (current), ==, "keyword");
      g_assert_cmpstr (liaison_consent_event_get_channel (current), ==, "sms");
      g_assert_cmpstr (liaison_consent_event_get_message_sid (current), ==, sid);
      g_assert_cmpstr (liaison_consent_event_get_note (current), ==, opt_outs[i].note);
      g_assert_cmpstr (liaison_consent_event_get_our_number (current), ==, OUR_NUMBER);
    }

  events = list (fixture, 0, CLIENT_A);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (opt_outs));

  /* HELP is recorded but changes nothing. */
  g_assert_cmpint (apply_inbound (fixture, CLIENT_A, "help", NULL, "SMaaaa0000000000000000000000000200"),
                   ==, LIAISON_KEYWORD_HELP);
  g_assert_cmpint (apply_inbound (fixture, CLIENT_A, "INFO", NULL, "SMaaaa0000000000000000000000000201"),
                   ==, LIAISON_KEYWORD_HELP);
  g_assert_cmpint (get_state (fixture, CLIENT_A, NULL), ==, LIAISON_CONSENT_OPTED_IN);
  after_help = list (fixture, 0, CLIENT_A);
  g_assert_cmpuint (after_help->len, ==, G_N_ELEMENTS (opt_outs) + 2);
  g_assert_cmpstr (liaison_consent_event_get_event (g_ptr_array_index (after_help, 0)), ==, "help");

  /* An ordinary message records nothing. */
  g_assert_cmpint (apply_inbound (fixture, CLIENT_A, "Please stop by at 3", NULL,
                                  "SMaaaa0000000000000000000000000202"), ==, LIAISON_KEYWORD_NONE);
  after_none = list (fixture, 0, CLIENT_A);
  g_assert_cmpuint (after_none->len, ==, after_help->len);

  /* Twilio's OptOutType wins (a custom keyword of Advanced Opt-Out). */
  g_assert_cmpint (apply_inbound (fixture, CLIENT_B, "Arrêtez", "STOP",
                                  "SMaaaa0000000000000000000000000300"), ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (get_state (fixture, CLIENT_B, &event), ==, LIAISON_CONSENT_OPTED_OUT);
  g_clear_object (&event);
  g_assert_cmpint (apply_inbound (fixture, CLIENT_B, "Oui", "START",
                                  "SMaaaa0000000000000000000000000301"), ==, LIAISON_KEYWORD_OPT_IN);
  g_assert_cmpint (get_state (fixture, CLIENT_B, NULL), ==, LIAISON_CONSENT_OPTED_IN);

  /* The webhook delivered twice records once. */
  g_assert_cmpint (apply_inbound (fixture, CLIENT_B, "STOP", NULL, "SMaaaa0000000000000000000000000302"),
                   ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (apply_inbound (fixture, CLIENT_B, "STOP", NULL, "SMaaaa0000000000000000000000000302"),
                   ==, LIAISON_KEYWORD_OPT_OUT);
  after_duplicate = list (fixture, 0, CLIENT_B);
  g_assert_cmpuint (after_duplicate->len, ==, 3);
  g_assert_cmpint (get_state (fixture, CLIENT_B, NULL), ==, LIAISON_CONSENT_OPTED_OUT);
}

static gint64
usec_utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (date) * G_USEC_PER_SEC;
}

static void
test_revocation_deadline (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 deadline;

  g_assert_nonnull (new_york);

  /* In UTC: Wednesday 7 January 2026 → Wednesday 21 January, end of day. */
  deadline = liaison_consent_revocation_deadline (usec_utc (2026, 1, 7, 10, 0), utc);
  g_assert_cmpint (deadline, ==, usec_utc (2026, 1, 22, 0, 0) - 1);

  /* Friday 6 March 2026, 15:00 in New York (EST). Two weekends are skipped
   * and the clocks go forward on 8 March: the deadline is Friday 20 March,
   * 23:59:59.999999 EDT (UTC−4), i.e. 21 March 03:59:59.999999 UTC. */
  deadline = liaison_consent_revocation_deadline (usec_utc (2026, 3, 6, 20, 0), new_york);
  g_assert_cmpint (deadline, ==, usec_utc (2026, 3, 21, 4, 0) - 1);

  /* Revoked on Saturday: the count starts on Monday; the same deadline. */
  deadline = liaison_consent_revocation_deadline (usec_utc (2026, 3, 7, 17, 0), new_york);
  g_assert_cmpint (deadline, ==, usec_utc (2026, 3, 21, 4, 0) - 1);

  /* Thursday 23:30 in New York is already Friday in UTC: the zone decides. */
  deadline = liaison_consent_revocation_deadline (usec_utc (2026, 3, 6, 4, 30), new_york);
  g_assert_cmpint (deadline, ==, usec_utc (2026, 3, 20, 4, 0) - 1);
  deadline = liaison_consent_revocation_deadline (usec_utc (2026, 3, 6, 4, 30), utc);
  g_assert_cmpint (deadline, ==, usec_utc (2026, 3, 21, 0, 0) - 1);

  /* Back across the autumn change (1 November 2026): Friday 23 October
   * 12:00 EDT → Friday 6 November, 23:59:59.999999 EST (UTC−5). */
  deadline = liaison_consent_revocation_deadline (usec_utc (2026, 10, 23, 16, 0), new_york);
  g_assert_cmpint (deadline, ==, usec_utc (2026, 11, 7, 5, 0) - 1);
}

static void
test_status_forward_only (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LiaisonMessage) delivered = NULL;
  g_autoptr(LiaisonMessage) canceled = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  first = add_message (fixture, "SMaaaa0000000000000000000000000401", CLIENT_A, "queued");
  second = add_message (fixture, "SMaaaa0000000000000000000000000402", CLIENT_A, "scheduled");

  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "sent", 0), ==, first);
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "delivered", 0), ==, first);
  /* Late callbacks are ignored. */
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "sent", 0), ==, 0);
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "sending", 0), ==, 0);
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "undelivered", 0), ==, 0);
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "canceled", 0), ==, 0);
  delivered = get_message (fixture, first);
  g_assert_cmpstr (liaison_message_get_status (delivered), ==, "delivered");
  g_assert_cmpint (liaison_message_get_date_scheduled (delivered), ==, 0);
  /* "read" comes after delivery. */
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000401", "read", 0), ==, first);

  /* A scheduled message can be canceled; nothing moves it afterwards. */
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000402", "canceled", 0), ==, second);
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000402", "sent", 0), ==, 0);
  canceled = get_message (fixture, second);
  g_assert_cmpstr (liaison_message_get_status (canceled), ==, "canceled");

  /* Unknown SIDs and missing arguments are errors, not crashes. */
  g_assert_cmpint (update_status_full (fixture, "SMaaaa0000000000000000000000000499", "sent", 0, &error), ==, 0);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (update_status_full (fixture, "SMaaaa0000000000000000000000000401", "", 0, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_status_side_effects (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(LiaisonMessage) failed = NULL;
  g_autofree char *is_bad = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *other_bad = NULL;
  g_autofree char *bad_since = NULL;
  sqlite3 *db;
  gint64 id;

  add_contact (fixture, "Ann Client", CLIENT_A);
  add_contact (fixture, "Bob Client", CLIENT_B);

  /* 21610: the recipient unsubscribed at Twilio. */
  id = add_message (fixture, "SMaaaa0000000000000000000000000501", CLIENT_A, "queued");
  g_assert_cmpint (update_status (fixture, "SMaaaa0000000000000000000000000501", "failed", 21610), ==, id);
  failed = get_message (fixture, id);
  g_assert_cmpstr (liaison_message_get_status (failed), ==, "failed");
  g_assert_cmpint (liaison_message_get_error_code (failed), ==, 21610);
  g_assert_cmpint (get_state (fixture, CLIENT_A, &event), ==, LIAISON_CONSENT_OPTED_OUT);
  g_assert_cmpstr (liaison_consent_event_get_source (event), ==, "twilio-error");
  g_assert_cmpstr (liaison_consent_event_get_note (event), ==, "21610");
  g_assert_cmpstr (liaison_consent_event_get_message_sid (event), ==, "SMaaaa0000000000000000000000000501");

  /* 30003: the number is flagged bad on its contact. */
  add_message (fixture, "SMaaaa0000000000000000000000000502", CLIENT_B, "sent");
  update_status (fixture, "SMaaaa0000000000000000000000000502", "undelivered", 30003);
  g_assert_cmpint (get_state (fixture, CLIENT_B, NULL), ==, LIAISON_CONSENT_UNKNOWN);

  db = raw_open (fixture->path);
  is_bad = raw_text (db, "SELECT is_bad FROM contact_phones WHERE e164 = '" CLIENT_B "'");
  reason = raw_text (db, "SELECT bad_reason FROM contact_phones WHERE e164 = '" CLIENT_B "'");
  other_bad = raw_text (db, "SELECT is_bad FROM contact_phones WHERE e164 = '" CLIENT_A "'");
  g_assert_cmpstr (is_bad, ==, "1");
  g_assert_cmpstr (reason, ==, "30003");
  g_assert_cmpstr (other_bad, ==, "0");
  bad_since = raw_text (db, "SELECT bad_since FROM contact_phones WHERE e164 = '" CLIENT_B "'");
  g_assert_nonnull (bad_since);
  sqlite3_close (db);
}

/* The outbox's path: a message queued without a SID, then given its SID
 * once Twilio answers (here on the worker, as the outbox does). */
typedef struct {
  gint64 message_id;
  const char *sid;
} SentData;

static gpointer
queue_work (LiaisonStore  *store,
            sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LiaisonStoreMessageInfo info = {
    .our_number = "+15550100000", .remote_number = CLIENT_A, .direction = "outbound-api",
    .body = "Your forms are ready", .status = "queued",
  };
  gint64 *out_id = data;
  gint64 thread_id;

  if (!_liaison_store_begin (store, error))
    return NULL;
  if (!_liaison_store_insert_message_locked (store, &info, 0, out_id, &thread_id, NULL, error))
    {
      _liaison_store_rollback (store);
      return NULL;
    }
  if (!_liaison_store_commit (store, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static gpointer
sent_work (LiaisonStore  *store,
           sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  SentData *sent = data;
  gint64 thread_id;

  if (!_liaison_store_begin (store, error))
    return NULL;
  if (!_liaison_store_set_message_sent_locked (store, sent->message_id, sent->sid, "queued", 0, 1,
                                               &thread_id, error))
    {
      _liaison_store_rollback (store);
      return NULL;
    }
  if (!_liaison_store_commit (store, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
run_work (Fixture              *fixture,
          LiaisonStoreWorkFunc  func,
          gpointer              data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  _liaison_store_run_async (fixture->store, func, data, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_nonnull (_liaison_store_run_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
test_status_before_sid (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *sid = "SMaaaa0000000000000000000000000601";
  g_autoptr(LiaisonMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  SentData sent = { 0, sid };
  sqlite3 *db;

  run_work (fixture, queue_work, &sent.message_id);
  g_assert_cmpint (sent.message_id, >, 0);

  /* Twilio's callbacks overtake the answer to the create. */
  g_assert_cmpint (update_status_full (fixture, sid, "sent", 0, &error), ==, 0);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (update_status_full (fixture, sid, "undelivered", 30003, &error), ==, 0);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  add_contact (fixture, "Ann Client", CLIENT_A);
  run_work (fixture, sent_work, &sent);

  /* The kept statuses were applied (newest wins) and then forgotten. */
  message = get_message (fixture, sent.message_id);
  g_assert_cmpstr (liaison_message_get_sid (message), ==, sid);
  g_assert_cmpstr (liaison_message_get_status (message), ==, "undelivered");
  g_assert_cmpint (liaison_message_get_error_code (message), ==, 30003);

  db = raw_open (fixture->path);
  {
    g_autofree char *left = raw_text (db, "SELECT count(*) FROM message_status_early");
    g_autofree char *is_bad = raw_text (db, "SELECT is_bad FROM contact_phones WHERE e164 = '" CLIENT_A "'");

    g_assert_cmpstr (left, ==, "0");
    g_assert_cmpstr (is_bad, ==, "1");
  }
  sqlite3_close (db);

  /* Later statuses go the usual way. */
  g_assert_cmpint (update_status (fixture, sid, "sent", 0), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/Liaison/ConsentLedger/record", Fixture, NULL, fixture_setup, test_record, fixture_teardown);
  g_test_add ("/Liaison/ConsentLedger/latest-wins", Fixture, NULL, fixture_setup, test_latest_wins,
              fixture_teardown);
  g_test_add ("/Liaison/ConsentLedger/dedupe", Fixture, NULL, fixture_setup, test_dedupe, fixture_teardown);
  g_test_add ("/Liaison/ConsentLedger/append-only", Fixture, NULL, fixture_setup, test_append_only,
              fixture_teardown);
  g_test_add ("/Liaison/ConsentLedger/apply-inbound", Fixture, NULL, fixture_setup, test_apply_inbound,
              fixture_teardown);
  g_test_add_func ("/Liaison/ConsentLedger/revocation-deadline", test_revocation_deadline);
  g_test_add ("/Liaison/ConsentLedger/status-forward-only", Fixture, NULL, fixture_setup,
              test_status_forward_only, fixture_teardown);
  g_test_add ("/Liaison/ConsentLedger/status-before-sid", Fixture, NULL, fixture_setup,
              test_status_before_sid, fixture_teardown);
  g_test_add ("/Liaison/ConsentLedger/status-side-effects", Fixture, NULL, fixture_setup,
              test_status_side_effects, fixture_teardown);

  return g_test_run ();
}
