/* test-store-calls.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-calls"

#include "config.h"

#include "liaison-store.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"

#include <sqlite3.h>
#include <string.h>

/*
 * The call history in the store (schema 3): calls from status events in any
 * order, missed calls, filtered keyset paging, contact and thread matching,
 * transcripts and their full-text search, summaries, voicemails, legal hold,
 * bad input, the query plans, and the upgrade of a schema 2 database.
 */

#define OUR_NUMBER   "+12025550100"
#define REMOTE_A     "+12035550123"
#define REMOTE_B     "+12035550188"
#define REMOTE_C     "+12035550177"
#define BASE_TIME    G_GINT64_CONSTANT (1767225600000000) /* 2026-01-01 00:00 UTC */
#define SEC          G_USEC_PER_SEC

typedef struct
{
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
store_open (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->store = liaison_store_new (fixture->path);
  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
store_close (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = liaison_test_mkdtemp ();
  fixture->path = g_build_filename (fixture->dir, "liaison.db", NULL);
  store_open (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    store_close (fixture);
  liaison_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Synchronous helpers */

static char *
call_sid (guint n)
{
  return g_strdup_printf ("CA%032x", n);
}

static char *
recording_sid (guint n)
{
  return g_strdup_printf ("RE%032x", n);
}

static gint64
upsert_call_full (LiaisonStore               *store,
                  const LiaisonStoreCallInfo *info,
                  gboolean                   *out_is_new,
                  gboolean                   *out_changed,
                  GError                    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_upsert_call_async (store, info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_upsert_call_finish (store, result, out_is_new, out_changed, error);
}

static gint64
upsert_call (LiaisonStore               *store,
             const LiaisonStoreCallInfo *info)
{
  g_autoptr(GError) error = NULL;
  gint64 id = upsert_call_full (store, info, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An inbound or outbound call with a final status at @time. */
static void
add_simple_call (LiaisonStore *store,
                 guint         n,
                 const char   *direction,
                 const char   *remote,
                 const char   *status,
                 gint64        time)
{
  g_autofree char *sid = call_sid (n);
  gboolean inbound = g_str_equal (direction, "inbound");
  LiaisonStoreCallInfo info = {
    .sid = sid,
    .direction = direction,
    .from = inbound ? remote : OUR_NUMBER,
    .to = inbound ? OUR_NUMBER : remote,
    .status = status,
    .started_at = time,
    .duration_s = -1,
    .event_time = time + 30 * SEC,
  };

  upsert_call (store, &info);
}

static LiaisonStoreCallDetails *
get_call (LiaisonStore  *store,
          const char    *sid,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_get_call_async (store, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_get_call_finish (store, result, error);
}

static LiaisonCall *
get_call_only (LiaisonStore *store,
               const char   *sid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStoreCallDetails) details = get_call (store, sid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (details);
  return g_object_ref (details->call);
}

static GPtrArray *
list_calls (LiaisonStore                 *store,
            const LiaisonStoreCallFilter *filter,
            LiaisonCall                  *after,
            guint                         limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreCursor cursor = { 0, 0 };
  GPtrArray *calls;

  if (after != NULL)
    {
      cursor.time = liaison_call_get_started_at (after);
      cursor.id = liaison_call_get_id (after);
    }
  liaison_store_list_calls_async (store, filter, after != NULL ? &cursor : NULL, limit, NULL,
                                  liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  calls = liaison_store_list_calls_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (calls);
  return calls;
}

/* Every page of a filtered list, as SIDs. */
static GPtrArray *
list_all_calls (LiaisonStore                 *store,
                const LiaisonStoreCallFilter *filter,
                guint                         page_size)
{
  GPtrArray *sids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LiaisonCall) last = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) page = list_calls (store, filter, last, page_size);

      g_assert_cmpuint (page->len, <=, page_size);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (sids, g_strdup (liaison_call_get_sid (g_ptr_array_index (page, i))));
      if (page->len < page_size)
        break;
      g_set_object (&last, g_ptr_array_index (page, page->len - 1));
    }

  return sids;
}

static gint64
add_contact (LiaisonStore *store,
             const char   *name,
             const char   *phone)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = { .display_name = name, .phones = phones };
  gint64 id;

  liaison_store_save_contact_async (store, 0, &info, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_save_contact_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
upsert_recording (LiaisonStore                    *store,
                  const LiaisonStoreRecordingInfo *info,
                  gboolean                        *out_is_new,
                  GError                         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_upsert_recording_async (store, info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_upsert_recording_finish (store, result, out_is_new, NULL, error);
}

static gint64
save_transcript (LiaisonStore        *store,
                 const char          *call,
                 const char          *recording,
                 const char          *source,
                 const char * const  *texts,
                 GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; texts[i] != NULL; i++)
    g_ptr_array_add (sentences,
                     liaison_transcript_sentence_new (i, 1 + i % 2, i % 2 ? "client" : "advisor",
                                                      i * 2000, i * 2000 + 1500, texts[i],
                                                      i == 0 ? -1.0 : 0.9));
  liaison_store_save_transcript_async (store, call, recording, source, "test-engine", NULL, "en-US",
                                       sentences, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_save_transcript_finish (store, result, error);
}

static GPtrArray *
search_sentences (LiaisonStore *store,
                  const char   *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  liaison_store_search_sentences_async (store, query, 50, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  hits = liaison_store_search_sentences_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gint64
upsert_voicemail (LiaisonStore *store,
                  const char   *call,
                  const char   *recording,
                  const char   *from,
                  int           duration,
                  gint64        time,
                  gboolean     *out_is_new)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_upsert_voicemail_async (store, call, recording, "https://api.example.com/rec", from,
                                        from != NULL ? OUR_NUMBER : NULL, duration, time, NULL,
                                        liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_upsert_voicemail_finish (store, result, out_is_new, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_voicemails (LiaisonStore *store,
                 gboolean      unhandled_only)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *voicemails;

  liaison_store_list_voicemails_async (store, unhandled_only, NULL, 100, NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  voicemails = liaison_store_list_voicemails_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (voicemails);
  return voicemails;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
path_int (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  gint64 value = raw_int (db, sql);

  sqlite3_close (db);
  return value;
}

/* Tests */

static void
test_status_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sid = call_sid (1);
  g_autofree char *sid2 = call_sid (2);
  g_autoptr(LiaisonCall) call = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_new = FALSE, changed = FALSE;
  LiaisonStoreCallInfo info = {
    .sid = sid, .direction = "outbound-api", .from = OUR_NUMBER, .to = REMOTE_A,
    .status = "queued", .duration_s = -1, .event_time = BASE_TIME,
  };
  gint64 id, id2;

  id = upsert_call_full (fixture->store, &info, &is_new, &changed, &error);
  g_assert_no_error (error);
  g_assert_true (is_new);
  g_assert_true (changed);

  info.status = "ringing";
  info.event_time = BASE_TIME + 2 * SEC;
  upsert_call (fixture->store, &info);
  info.status = "in-progress";
  info.event_time = BASE_TIME + 5 * SEC;
  upsert_call (fixture->store, &info);

  call = get_call_only (fixture->store, sid);
  g_assert_cmpstr (liaison_call_get_status (call), ==, "in-progress");
  g_assert_cmpint (liaison_call_get_started_at (call), ==, BASE_TIME);
  g_assert_cmpint (liaison_call_get_answered_at (call), ==, BASE_TIME + 5 * SEC);
  g_assert_cmpint (liaison_call_get_ended_at (call), ==, 0);
  g_assert_cmpint (liaison_call_get_duration_s (call), ==, -1);
  g_assert_cmpstr (liaison_call_get_remote_number (call), ==, REMOTE_A);
  g_assert_cmpstr (liaison_call_get_our_number (call), ==, OUR_NUMBER);
  g_clear_object (&call);

  info.status = "completed";
  info.event_time = BASE_TIME + 65 * SEC;
  info.duration_s = 60;
  g_assert_cmpint (upsert_call_full (fixture->store, &info, &is_new, &changed, &error), ==, id);
  g_assert_no_error (error);
  g_assert_false (is_new);
  g_assert_true (changed);

  /* A late "ringing" (a retried callback) changes nothing. */
  info.status = "ringing";
  info.duration_s = -1;
  info.event_time = BASE_TIME + 70 * SEC;
  g_assert_cmpint (upsert_call_full (fixture->store, &info, &is_new, &changed, &error), ==, id);
  g_assert_no_error (error);
  g_assert_false (is_new);
  g_assert_false (changed);

  call = get_call_only (fixture->store, sid);
  g_assert_cmpstr (liaison_call_get_status (call), ==, "completed");
  g_assert_cmpint (liaison_call_get_ended_at (call), ==, BASE_TIME + 65 * SEC);
  g_assert_cmpint (liaison_call_get_duration_s (call), ==, 60);
  g_assert_false (liaison_call_get_is_missed (call));
  g_clear_object (&call);

  /* Fully out of order: the final status first, then the early ones. */
  info.sid = sid2;
  info.status = "busy";
  info.event_time = BASE_TIME + 100 * SEC;
  info.started_at = 0;
  id2 = upsert_call (fixture->store, &info);
  g_assert_cmpint (id2, !=, id);
  info.status = "initiated";
  info.event_time = BASE_TIME + 90 * SEC;
  upsert_call (fixture->store, &info);
  info.status = "ringing";
  info.event_time = BASE_TIME + 95 * SEC;
  upsert_call (fixture->store, &info);

  call = get_call_only (fixture->store, sid2);
  g_assert_cmpstr (liaison_call_get_status (call), ==, "busy");
  /* The earliest event is the start. */
  g_assert_cmpint (liaison_call_get_started_at (call), ==, BASE_TIME + 90 * SEC);
  g_assert_cmpint (liaison_call_get_ended_at (call), ==, BASE_TIME + 100 * SEC);
  g_assert_cmpint (liaison_call_get_answered_at (call), ==, 0);
  g_assert_cmpint (liaison_call_get_duration_s (call), ==, 0);
  /* Outbound: never "missed". */
  g_assert_false (liaison_call_get_is_missed (call));

  g_assert_cmpint (path_int (fixture->path, "SELECT count(*) FROM calls"), ==, 2);
  g_clear_object (&call);

  /* Without a direction the call is taken as inbound until Twilio says. */
  {
    g_autofree char *sid3 = call_sid (3);
    LiaisonStoreCallInfo partial = { .sid = sid3, .from = OUR_NUMBER, .to = REMOTE_B,
                                     .status = "queued", .duration_s = -1 };

    upsert_call (fixture->store, &partial);
    call = get_call_only (fixture->store, sid3);
    g_assert_cmpstr (liaison_call_get_direction (call), ==, "inbound");
    g_assert_cmpstr (liaison_call_get_remote_number (call), ==, OUR_NUMBER);
    g_clear_object (&call);

    partial.direction = "outbound-api";
    partial.status = "ringing";
    upsert_call (fixture->store, &partial);
    call = get_call_only (fixture->store, sid3);
    g_assert_cmpstr (liaison_call_get_direction (call), ==, "outbound-api");
    g_assert_cmpstr (liaison_call_get_remote_number (call), ==, REMOTE_B);
    g_assert_cmpstr (liaison_call_get_our_number (call), ==, OUR_NUMBER);
    g_assert_cmpstr (liaison_call_get_status (call), ==, "ringing");
  }
}

static void
test_missed (Fixture       *fixture,
             gconstpointer  data)
{
  LiaisonStoreCallFilter missed = { .missed_only = TRUE };
  g_autoptr(GPtrArray) sids = NULL;
  g_autofree char *answered = call_sid (4);
  g_autofree char *dial_missed = call_sid (5);
  g_autofree char *voicemail = call_sid (6);
  g_autofree char *vm_recording = recording_sid (6);
  LiaisonStoreCallInfo info = { .direction = "inbound", .from = REMOTE_A, .to = OUR_NUMBER,
                                .duration_s = -1 };

  add_simple_call (fixture->store, 1, "inbound", REMOTE_A, "no-answer", BASE_TIME + 1 * SEC);
  add_simple_call (fixture->store, 2, "inbound", REMOTE_B, "busy", BASE_TIME + 2 * SEC);
  add_simple_call (fixture->store, 3, "outbound-api", REMOTE_A, "no-answer", BASE_TIME + 3 * SEC);

  /* Answered through the <Dial>: not missed. */
  info.sid = answered;
  info.status = "completed";
  info.dial_status = "completed";
  info.started_at = BASE_TIME + 4 * SEC;
  info.duration_s = 30;
  upsert_call (fixture->store, &info);

  /* The parent call completes, but the <Dial> was not answered. */
  info.sid = dial_missed;
  info.status = "in-progress";
  info.dial_status = NULL;
  info.started_at = BASE_TIME + 5 * SEC;
  info.duration_s = -1;
  upsert_call (fixture->store, &info);
  info.dial_status = "no-answer";
  upsert_call (fixture->store, &info);
  info.status = "completed";
  info.dial_status = NULL;
  info.duration_s = 20;
  upsert_call (fixture->store, &info);

  /* Completed, with a voicemail. */
  info.sid = voicemail;
  info.status = "completed";
  info.started_at = BASE_TIME + 6 * SEC;
  upsert_call (fixture->store, &info);
  {
    g_autoptr(LiaisonCall) call = get_call_only (fixture->store, voicemail);

    g_assert_false (liaison_call_get_is_missed (call));
  }
  upsert_voicemail (fixture->store, voicemail, vm_recording, NULL, 12, BASE_TIME + 7 * SEC, NULL);

  sids = list_all_calls (fixture->store, &missed, 10);
  g_assert_cmpuint (sids->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (sids, 0), ==, voicemail);
  g_assert_cmpstr (g_ptr_array_index (sids, 1), ==, dial_missed);
  {
    g_autofree char *s2 = call_sid (2);
    g_autofree char *s1 = call_sid (1);

    g_assert_cmpstr (g_ptr_array_index (sids, 2), ==, s2);
    g_assert_cmpstr (g_ptr_array_index (sids, 3), ==, s1);
  }

  {
    g_autoptr(LiaisonCall) call = get_call_only (fixture->store, voicemail);

    g_assert_true (liaison_call_get_is_missed (call));
    g_assert_true (liaison_call_get_has_voicemail (call));
    g_assert_true (liaison_call_has_recording (call));
    g_assert_cmpstr (liaison_call_get_recording_sid (call), ==, vm_recording);
  }
  {
    g_autoptr(LiaisonCall) call = get_call_only (fixture->store, answered);

    g_assert_false (liaison_call_get_is_missed (call));
    g_assert_cmpint (liaison_call_get_duration_s (call), ==, 30);
  }
}

static gboolean
sids_equal (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The calls of the paging test: n = 1..N; time and kind derived from n. */
#define N_PAGING 230

static gint64
paging_time (guint n)
{
  /* Groups of five calls share a start time. */
  return BASE_TIME + (gint64) (n / 5) * 60 * SEC;
}

static const char *
paging_remote (guint n)
{
  return n % 3 == 0 ? REMOTE_A : n % 3 == 1 ? REMOTE_B : REMOTE_C;
}

static gboolean
paging_inbound (guint n)
{
  return n % 2 == 0;
}

static const char *
paging_status (guint n)
{
  return n % 7 == 0 ? "no-answer" : "completed";
}

static void
test_filters_paging (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 contact_a;
  struct {
    const char *name;
    LiaisonStoreCallFilter filter;
  } cases[] = {
    { "all", { 0 } },
    { "missed", { .missed_only = TRUE } },
    { "inbound", { .inbound_only = TRUE } },
    { "outbound", { .outbound_only = TRUE } },
    { "contact", { .contact_id = 0 } },
    { "number", { .remote_number = REMOTE_B } },
    { "since-until", { .since = paging_time (40), .until = paging_time (150) } },
    { "inbound-contact-since", { .inbound_only = TRUE, .since = paging_time (100) } },
    { "missed-until", { .missed_only = TRUE, .until = paging_time (100) } },
  };

  contact_a = add_contact (fixture->store, "Ada Client", REMOTE_A);
  cases[4].filter.contact_id = contact_a;
  cases[7].filter.contact_id = contact_a;

  /* Added in a shuffled order so that ids do not follow times. */
  for (guint i = 0; i < N_PAGING; i++)
    {
      guint n = 1 + (i * 97) % N_PAGING;

      add_simple_call (fixture->store, n, paging_inbound (n) ? "inbound" : "outbound-api",
                       paging_remote (n), paging_status (n), paging_time (n));
    }

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const LiaisonStoreCallFilter *filter = &cases[c].filter;
      g_autoptr(GPtrArray) expected_rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) single_page = NULL;
      g_autoptr(GPtrArray) seven = NULL;
      g_autoptr(GPtrArray) one = NULL;

      /* What the filter should give: newest first, then by id (the order of
       * insertion), computed here from the same rules. */
      for (guint i = N_PAGING; i > 0; i--)
        {
          guint n = 1 + ((i - 1) * 97) % N_PAGING;
          gboolean missed = paging_inbound (n) && !g_str_equal (paging_status (n), "completed");
          gint64 t = paging_time (n);

          if (filter->missed_only && !missed)
            continue;
          if (filter->inbound_only && !paging_inbound (n))
            continue;
          if (filter->outbound_only && paging_inbound (n))
            continue;
          if (filter->contact_id != 0 && !g_str_equal (paging_remote (n), REMOTE_A))
            continue;
          if (filter->remote_number != NULL && !g_str_equal (paging_remote (n), filter->remote_number))
            continue;
          if (filter->since != 0 && t < filter->since)
            continue;
          if (filter->until != 0 && t >= filter->until)
            continue;
          g_ptr_array_add (expected_rows, GUINT_TO_POINTER (i));
        }
      /* Sort by (time desc, insertion index desc). */
      for (guint a = 0; a < expected_rows->len; a++)
        for (guint b = a + 1; b < expected_rows->len; b++)
          {
            guint ia = GPOINTER_TO_UINT (g_ptr_array_index (expected_rows, a));
            guint ib = GPOINTER_TO_UINT (g_ptr_array_index (expected_rows, b));
            gint64 ta = paging_time (1 + ((ia - 1) * 97) % N_PAGING);
            gint64 tb = paging_time (1 + ((ib - 1) * 97) % N_PAGING);

            if (tb > ta || (tb == ta && ib > ia))
              {
                g_ptr_array_index (expected_rows, a) = GUINT_TO_POINTER (ib);
                g_ptr_array_index (expected_rows, b) = GUINT_TO_POINTER (ia);
              }
          }
      for (guint k = 0; k < expected_rows->len; k++)
        {
          guint i = GPOINTER_TO_UINT (g_ptr_array_index (expected_rows, k));

          g_ptr_array_add (expected, call_sid (1 + ((i - 1) * 97) % N_PAGING));
        }

      single_page = list_all_calls (fixture->store, filter, 1000);
      seven = list_all_calls (fixture->store, filter, 7);
      one = list_all_calls (fixture->store, filter, 1);
      g_test_message ("%s: %u calls", cases[c].name, expected->len);
      g_assert_cmpuint (expected->len, >, 0);
      g_assert_true (sids_equal (single_page, expected));
      g_assert_true (sids_equal (seven, expected));
      g_assert_true (sids_equal (one, expected));
    }

  /* Contact names are joined. */
  {
    LiaisonStoreCallFilter filter = { .contact_id = contact_a };
    g_autoptr(GPtrArray) page = list_calls (fixture->store, &filter, NULL, 3);

    g_assert_cmpuint (page->len, ==, 3);
    for (guint i = 0; i < page->len; i++)
      {
        LiaisonCall *call = g_ptr_array_index (page, i);

        g_assert_cmpstr (liaison_call_get_contact_name (call), ==, "Ada Client");
        g_assert_cmpint (liaison_call_get_contact_id (call), ==, contact_a);
        g_assert_cmpstr (liaison_call_get_remote_number (call), ==, REMOTE_A);
      }
  }
}

static void
test_contact_thread (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonCall) call = NULL;
  g_autofree char *sid = call_sid (1);
  g_autofree char *sid_b = call_sid (2);
  LiaisonStoreMessageInfo message = {
    .our_number = OUR_NUMBER, .remote_number = REMOTE_A, .direction = "inbound",
    .body = "hello", .date_created = BASE_TIME,
  };
  LiaisonStoreCallInfo info = {
    .sid = sid, .direction = "inbound", .from = REMOTE_A, .to = OUR_NUMBER,
    .status = "ringing", .duration_s = -1, .event_time = BASE_TIME + SEC,
  };
  gint64 thread_id = 0, contact_a, contact_b;

  contact_a = add_contact (fixture->store, "Ada Client", REMOTE_A);
  liaison_store_add_message_async (fixture->store, &message, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_message_finish (fixture->store, result, &thread_id, &error), >, 0);
  g_assert_no_error (error);

  upsert_call (fixture->store, &info);
  call = get_call_only (fixture->store, sid);
  g_assert_cmpint (liaison_call_get_contact_id (call), ==, contact_a);
  g_assert_cmpstr (liaison_call_get_contact_name (call), ==, "Ada Client");
  g_assert_cmpint (liaison_call_get_thread_id (call), ==, thread_id);
  g_assert_cmpstr (liaison_call_get_direction (call), ==, "inbound");
  g_clear_object (&call);

  /* A number that becomes a contact later is matched at the next update. */
  info.sid = sid_b;
  info.from = REMOTE_B;
  upsert_call (fixture->store, &info);
  call = get_call_only (fixture->store, sid_b);
  g_assert_cmpint (liaison_call_get_contact_id (call), ==, 0);
  g_assert_null (liaison_call_get_contact_name (call));
  g_assert_cmpint (liaison_call_get_thread_id (call), ==, 0);
  g_clear_object (&call);

  contact_b = add_contact (fixture->store, "Bob Prospect", REMOTE_B);
  info.status = "completed";
  upsert_call (fixture->store, &info);
  call = get_call_only (fixture->store, sid_b);
  g_assert_cmpint (liaison_call_get_contact_id (call), ==, contact_b);
  g_assert_cmpstr (liaison_call_get_contact_name (call), ==, "Bob Prospect");
}

static void
test_transcripts (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *first[] = { "Hello, this is your advisor about the rollover.",
                          "Thanks, I signed the forms.", "Great, talk on Friday.", NULL };
  const char *second[] = { "Hello again, about the annuity.", "Sounds good.", NULL };
  g_autofree char *sid = call_sid (1);
  g_autofree char *rec = recording_sid (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(LiaisonStoreCallDetails) details = NULL;
  LiaisonStoreRecordingInfo recording = {
    .sid = rec, .call_sid = sid, .status = "completed", .duration_s = 42, .channels = 2,
    .media_url = "https://api.example.com/Recordings/RE1",
  };
  gint64 contact_id, transcript_id, transcript_again;

  contact_id = add_contact (fixture->store, "Ada Client", REMOTE_A);
  add_simple_call (fixture->store, 1, "inbound", REMOTE_A, "completed", BASE_TIME);
  g_assert_cmpint (upsert_recording (fixture->store, &recording, NULL, &error), >, 0);
  g_assert_no_error (error);

  transcript_id = save_transcript (fixture->store, sid, rec, "twilio", first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (transcript_id, >, 0);

  hits = search_sentences (fixture->store, "rollo");
  g_assert_cmpuint (hits->len, ==, 1);
  {
    LiaisonStoreSentenceHit *hit = g_ptr_array_index (hits, 0);

    g_assert_cmpstr (hit->call_sid, ==, sid);
    g_assert_cmpint (hit->transcript_id, ==, transcript_id);
    g_assert_cmpint (hit->contact_id, ==, contact_id);
    g_assert_cmpint (hit->start_ms, ==, 0);
    g_assert_cmpint (hit->time, ==, BASE_TIME);
    g_assert_nonnull (strstr (hit->snippet, "\001rollover\002"));
  }
  g_clear_pointer (&hits, g_ptr_array_unref);

  details = get_call (fixture->store, sid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (details->recordings->len, ==, 1);
  {
    LiaisonRecording *r = g_ptr_array_index (details->recordings, 0);

    g_assert_cmpstr (liaison_recording_get_sid (r), ==, rec);
    g_assert_cmpint (liaison_recording_get_duration_s (r), ==, 42);
    g_assert_cmpuint (liaison_recording_get_channels (r), ==, 2);
    g_assert_cmpstr (liaison_recording_get_media_url (r), ==, recording.media_url);
    g_assert_cmpint (liaison_recording_get_size (r), ==, -1);
  }
  g_assert_nonnull (details->transcript);
  g_assert_cmpstr (details->transcript->source, ==, "twilio");
  g_assert_cmpstr (details->transcript->engine, ==, "test-engine");
  g_assert_cmpstr (details->transcript->recording_sid, ==, rec);
  g_assert_cmpuint (details->sentences->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      LiaisonTranscriptSentence *s = g_ptr_array_index (details->sentences, i);

      g_assert_cmpuint (liaison_transcript_sentence_get_index (s), ==, i);
      g_assert_cmpstr (liaison_transcript_sentence_get_text (s), ==, first[i]);
      g_assert_cmpint (liaison_transcript_sentence_get_channel (s), ==, 1 + i % 2);
      g_assert_cmpint (liaison_transcript_sentence_get_start_ms (s), ==, i * 2000);
      if (i == 0)
        g_assert_cmpfloat (liaison_transcript_sentence_get_confidence (s), <, 0);
      else
        g_assert_cmpfloat_with_epsilon (liaison_transcript_sentence_get_confidence (s), 0.9, 1e-9);
    }
  g_clear_pointer (&details, liaison_store_call_details_free);

  /* Re-transcribed: the same transcript, new sentences, the old words gone. */
  transcript_again = save_transcript (fixture->store, sid, rec, "twilio", second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (transcript_again, ==, transcript_id);
  hits = search_sentences (fixture->store, "rollover");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_sentences (fixture->store, "annuity");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) sentences = NULL;

    liaison_store_list_sentences_async (fixture->store, transcript_id, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    sentences = liaison_store_list_sentences_finish (fixture->store, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sentences->len, ==, 2);
    g_assert_cmpstr (liaison_transcript_sentence_get_text (g_ptr_array_index (sentences, 1)), ==,
                     "Sounds good.");
  }

  /* A local transcript is another one, and the newest. */
  g_assert_cmpint (save_transcript (fixture->store, sid, rec, "local", first, &error), >, transcript_id);
  g_assert_no_error (error);
  details = get_call (fixture->store, sid, &error);
  g_assert_cmpstr (details->transcript->source, ==, "local");
  g_assert_cmpuint (details->sentences->len, ==, 3);

  /* Nothing searchable, and sources the schema does not know. */
  hits = search_sentences (fixture->store, "\"*");
  g_assert_cmpuint (hits->len, ==, 0);
  save_transcript (fixture->store, sid, rec, "magic", first, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_summaries (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sid = call_sid (1);
  const char *items[] = { "Send the forms", "Book Friday 10:00", NULL };
  const char *items2[] = { "Call back", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStoreSummary) summary = NULL;
  g_autoptr(LiaisonStoreCallDetails) details = NULL;
  gint64 id, id2;

  add_simple_call (fixture->store, 1, "inbound", REMOTE_A, "completed", BASE_TIME);

#define SAVE(src, text, act, hl, cf, ex) \
  G_STMT_START { \
    g_autoptr(GAsyncResult) r = NULL; \
    liaison_store_save_summary_async (fixture->store, sid, 0, src, text, act, hl, cf, ex, NULL, \
                                      liaison_test_async_cb, &r); \
    liaison_test_wait (&r); \
    id = liaison_store_save_summary_finish (fixture->store, r, &error); \
  } G_STMT_END
#define GET(src) \
  G_STMT_START { \
    g_autoptr(GAsyncResult) r = NULL; \
    g_clear_pointer (&summary, liaison_store_summary_free); \
    liaison_store_get_summary_async (fixture->store, sid, src, NULL, liaison_test_async_cb, &r); \
    liaison_test_wait (&r); \
    summary = liaison_store_get_summary_finish (fixture->store, r, &error); \
  } G_STMT_END

  GET (NULL);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_assert_null (summary);
  g_clear_error (&error);

  SAVE ("voice-intelligence", "Client will sign the forms.", items, "[\"forms\"]",
        "{\"flags\": []}", "{\"model\": \"x\"}");
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  GET ("voice-intelligence");
  g_assert_no_error (error);
  g_assert_cmpstr (summary->summary, ==, "Client will sign the forms.");
  g_assert_cmpstr (summary->source, ==, "voice-intelligence");
  g_assert_cmpuint (g_strv_length (summary->action_items), ==, 2);
  g_assert_cmpstr (summary->action_items[1], ==, "Book Friday 10:00");
  g_assert_cmpstr (summary->highlights_json, ==, "[\"forms\"]");
  g_assert_cmpstr (summary->compliance_json, ==, "{\"flags\": []}");
  g_assert_cmpstr (summary->extra_json, ==, "{\"model\": \"x\"}");

  /* Replaced from the same source; another source is kept beside it. */
  SAVE ("voice-intelligence", "Updated.", items2, NULL, NULL, NULL);
  g_assert_no_error (error);
  id2 = id;
  SAVE ("device", "On the device.", NULL, NULL, NULL, NULL);
  g_assert_no_error (error);
  GET ("voice-intelligence");
  g_assert_cmpint (summary->id, ==, id2);
  g_assert_cmpstr (summary->summary, ==, "Updated.");
  g_assert_cmpstr (summary->action_items[0], ==, "Call back");
  g_assert_null (summary->highlights_json);
  GET (NULL);
  g_assert_cmpstr (summary->source, ==, "device");
  g_assert_nonnull (summary->action_items);
  g_assert_cmpuint (g_strv_length (summary->action_items), ==, 0);

  details = get_call (fixture->store, sid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (details->summaries->len, ==, 2);

  /* Bad JSON is refused; damaged action items read as none. */
  SAVE ("device", "x", NULL, "{not json", NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    sqlite3 *db = raw_open (fixture->path);

    raw_exec (db, "UPDATE summaries SET action_items = '{broken' WHERE source = 'device'");
    sqlite3_close (db);
  }
  GET ("device");
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (summary->action_items), ==, 0);
#undef SAVE
#undef GET
}

static void
test_voicemails (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *texts[] = { "Hi, it is Ada.", "Please call me back about the IRA.", "Thanks.",
                          "Bye.", NULL };
  g_autoptr(GPtrArray) voicemails = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contact_id, first, second, again;
  gboolean is_new = FALSE;

  contact_id = add_contact (fixture->store, "Ada Client", REMOTE_A);
  for (guint n = 1; n <= 3; n++)
    {
      g_autofree char *sid = call_sid (n);

      add_simple_call (fixture->store, n, "inbound", n == 2 ? REMOTE_B : REMOTE_A, "completed",
                       BASE_TIME + n * 60 * SEC);
    }

  {
    g_autofree char *sid = call_sid (1);
    g_autofree char *rec = recording_sid (1);

    first = upsert_voicemail (fixture->store, sid, rec, REMOTE_A, 20, BASE_TIME + 70 * SEC, &is_new);
    g_assert_true (is_new);
    again = upsert_voicemail (fixture->store, sid, rec, REMOTE_A, 20, BASE_TIME + 70 * SEC, &is_new);
    g_assert_false (is_new);
    g_assert_cmpint (again, ==, first);
    save_transcript (fixture->store, sid, rec, "twilio", texts, &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *sid = call_sid (2);

    /* No recording yet and no numbers: taken from the call. */
    second = upsert_voicemail (fixture->store, sid, NULL, NULL, -1, BASE_TIME + 130 * SEC, &is_new);
    g_assert_true (is_new);
  }

  voicemails = list_voicemails (fixture->store, FALSE);
  g_assert_cmpuint (voicemails->len, ==, 2);
  {
    LiaisonVoicemail *v = g_ptr_array_index (voicemails, 0);
    g_autofree char *sid = call_sid (2);

    g_assert_cmpint (liaison_voicemail_get_id (v), ==, second);
    g_assert_cmpstr (liaison_voicemail_get_call_sid (v), ==, sid);
    g_assert_cmpstr (liaison_voicemail_get_from (v), ==, REMOTE_B);
    g_assert_null (liaison_voicemail_get_recording_sid (v));
    g_assert_null (liaison_voicemail_get_contact_name (v));
    g_assert_cmpint (liaison_voicemail_get_duration_s (v), ==, -1);
    g_assert_null (liaison_voicemail_get_transcript_preview (v));
  }
  {
    LiaisonVoicemail *v = g_ptr_array_index (voicemails, 1);
    g_autofree char *rec = recording_sid (1);

    g_assert_cmpint (liaison_voicemail_get_id (v), ==, first);
    g_assert_cmpint (liaison_voicemail_get_contact_id (v), ==, contact_id);
    g_assert_cmpstr (liaison_voicemail_get_contact_name (v), ==, "Ada Client");
    g_assert_cmpstr (liaison_voicemail_get_recording_sid (v), ==, rec);
    g_assert_cmpint (liaison_voicemail_get_duration_s (v), ==, 20);
    g_assert_cmpint (liaison_voicemail_get_created_at (v), ==, BASE_TIME + 70 * SEC);
    /* The first three sentences. */
    g_assert_cmpstr (liaison_voicemail_get_transcript_preview (v), ==,
                     "Hi, it is Ada. Please call me back about the IRA. Thanks.");
    g_assert_false (liaison_voicemail_is_handled (v));
  }
  g_clear_pointer (&voicemails, g_ptr_array_unref);

  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_set_voicemail_handled_async (fixture->store, first, TRUE, NULL,
                                               liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_set_voicemail_handled_finish (fixture->store, result, &error));
    g_assert_no_error (error);
  }
  voicemails = list_voicemails (fixture->store, TRUE);
  g_assert_cmpuint (voicemails->len, ==, 1);
  g_assert_cmpint (liaison_voicemail_get_id (g_ptr_array_index (voicemails, 0)), ==, second);
  g_clear_pointer (&voicemails, g_ptr_array_unref);
  voicemails = list_voicemails (fixture->store, FALSE);
  g_assert_cmpuint (voicemails->len, ==, 2);
  g_assert_true (liaison_voicemail_is_handled (g_ptr_array_index (voicemails, 1)));
  g_assert_true (liaison_voicemail_get_is_heard (g_ptr_array_index (voicemails, 1)));

  /* A long transcript is cut at a word for the preview. */
  {
    g_autofree char *sid = call_sid (2);
    g_autoptr(GString) text = g_string_new (NULL);
    const char *longs[] = { NULL, "Second sentence.", NULL };
    const char *preview;

    for (guint i = 0; i < 60; i++)
      g_string_append (text, i == 0 ? "Ünïcode" : " word");
    longs[0] = text->str;
    save_transcript (fixture->store, sid, NULL, "local", longs, &error);
    g_assert_no_error (error);
    g_clear_pointer (&voicemails, g_ptr_array_unref);
    voicemails = list_voicemails (fixture->store, FALSE);
    preview = liaison_voicemail_get_transcript_preview (g_ptr_array_index (voicemails, 0));
    g_assert_true (g_str_has_prefix (preview, "Ünïcode word"));
    g_assert_true (g_str_has_suffix (preview, " word…"));
    g_assert_cmpuint (g_utf8_strlen (preview, -1), <=, 161);
    g_assert_cmpuint (g_utf8_strlen (preview, -1), >, 140);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_set_voicemail_handled_async (fixture->store, 9999, TRUE, NULL,
                                               liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_false (liaison_store_set_voicemail_handled_finish (fixture->store, result, &error));
    g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  }
}

static gboolean
set_hold (LiaisonStore  *store,
          const char    *sid,
          gint64         contact_id,
          gboolean       hold,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (sid != NULL)
    {
      liaison_store_set_call_legal_hold_async (store, sid, hold, "advisor-1", NULL,
                                               liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      return liaison_store_set_call_legal_hold_finish (store, result, error);
    }
  liaison_store_set_contact_legal_hold_async (store, contact_id, hold, NULL, NULL,
                                              liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_set_contact_legal_hold_finish (store, result, error);
}

static void
test_legal_hold (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *sid1 = call_sid (1);
  g_autofree char *sid2 = call_sid (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonCall) call = NULL;
  gboolean hold = TRUE;
  gint64 contact_b;

  add_contact (fixture->store, "Ada Client", REMOTE_A);
  contact_b = add_contact (fixture->store, "Bob Prospect", REMOTE_B);
  add_simple_call (fixture->store, 1, "inbound", REMOTE_A, "completed", BASE_TIME);
  add_simple_call (fixture->store, 2, "inbound", REMOTE_B, "completed", BASE_TIME + SEC);

  g_assert_true (set_hold (fixture->store, sid1, 0, TRUE, &error));
  g_assert_no_error (error);
  call = get_call_only (fixture->store, sid1);
  g_assert_true (liaison_call_get_call_legal_hold (call));
  g_assert_true (liaison_call_is_on_legal_hold (call));
  g_clear_object (&call);

  call = get_call_only (fixture->store, sid2);
  g_assert_false (liaison_call_is_on_legal_hold (call));
  g_clear_object (&call);
  g_assert_true (set_hold (fixture->store, NULL, contact_b, TRUE, &error));
  g_assert_no_error (error);
  call = get_call_only (fixture->store, sid2);
  g_assert_false (liaison_call_get_call_legal_hold (call));
  g_assert_true (liaison_call_get_contact_legal_hold (call));
  g_assert_true (liaison_call_is_on_legal_hold (call));
  g_clear_object (&call);

  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_get_contact_legal_hold_async (fixture->store, contact_b, NULL,
                                                liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_get_contact_legal_hold_finish (fixture->store, result, &hold, &error));
    g_assert_true (hold);
  }

  g_assert_true (set_hold (fixture->store, sid1, 0, FALSE, &error));
  call = get_call_only (fixture->store, sid1);
  g_assert_false (liaison_call_is_on_legal_hold (call));

  g_assert_false (set_hold (fixture->store, "CA00000000000000000000000000009999", 0, TRUE, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (set_hold (fixture->store, NULL, 4242, TRUE, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Each change is in the journal, and the chain holds. */
  g_assert_cmpint (path_int (fixture->path, "SELECT count(*) FROM journal WHERE action LIKE 'legal-hold.%'"),
                   ==, 3);
  g_assert_cmpint (path_int (fixture->path, "SELECT count(*) FROM journal WHERE action = 'legal-hold.clear' "
                                            "AND actor = 'advisor-1'"), ==, 1);
  {
    g_autoptr(GAsyncResult) result = NULL;
    guint64 n = 0;

    liaison_store_journal_verify_async (fixture->store, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_journal_verify_finish (fixture->store, result, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 3);
  }
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const char *bad_sids[] = { NULL, "", "CA", "RE0123", "CA'; DROP TABLE calls; --", "CA\xff\xfe" };
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = call_sid (77);
  g_autofree char *damage = NULL;
  g_autoptr(LiaisonCall) call = NULL;
  LiaisonStoreCallInfo info = { .duration_s = -1 };

  for (guint i = 0; i < G_N_ELEMENTS (bad_sids); i++)
    {
      info.sid = bad_sids[i];
      g_assert_cmpint (upsert_call_full (fixture->store, &info, NULL, NULL, &error), ==, 0);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  /* Unknown status and direction, no numbers: stored, never crash; a known
   * status later wins over the unknown one, but not the other way round. */
  info.sid = sid;
  info.status = "teleported";
  info.direction = "sideways";
  info.duration_s = -5;
  info.error_code = -3;
  upsert_call (fixture->store, &info);
  call = get_call_only (fixture->store, sid);
  g_assert_cmpstr (liaison_call_get_status (call), ==, "teleported");
  g_assert_cmpstr (liaison_call_get_direction (call), ==, "inbound");
  g_assert_cmpstr (liaison_call_get_from (call), ==, "");
  g_assert_cmpint (liaison_call_get_duration_s (call), ==, -1);
  g_assert_cmpint (liaison_call_get_error_code (call), ==, 0);
  g_clear_object (&call);

  info.status = "failed";
  info.error_code = 31005;
  info.error_message = "Connection error";
  upsert_call (fixture->store, &info);
  info.status = "teleported";
  info.error_code = 0;
  info.error_message = NULL;
  upsert_call (fixture->store, &info);
  call = get_call_only (fixture->store, sid);
  g_assert_cmpstr (liaison_call_get_status (call), ==, "failed");
  g_assert_cmpint (liaison_call_get_error_code (call), ==, 31005);
  g_assert_cmpstr (liaison_call_get_error_message (call), ==, "Connection error");
  g_clear_object (&call);

  /* A recording without its call, or with bad SIDs. */
  {
    LiaisonStoreRecordingInfo rec = { .sid = "RE12", .duration_s = -1 };
    g_autofree char *good = recording_sid (9);

    upsert_recording (fixture->store, &rec, NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    rec.sid = good;
    rec.call_sid = "XX1234";
    upsert_recording (fixture->store, &rec, NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    rec.call_sid = NULL;
    upsert_recording (fixture->store, &rec, NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* Not there. */
  {
    g_autoptr(LiaisonStoreCallDetails) details = get_call (fixture->store, "CA404", &error);

    g_assert_null (details);
    g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_set_recording_local_path_async (fixture->store, "RE404", "/tmp/x", 10, NULL,
                                                  liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_false (liaison_store_set_recording_local_path_finish (fixture->store, result, &error));
    g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Rows damaged behind our back read without crashing. */
  {
    sqlite3 *db = raw_open (fixture->path);
    g_autoptr(GPtrArray) calls = NULL;

    damage = g_strdup_printf ("UPDATE calls SET direction = 'x', status = '', from_number = '', "
                              "remote_number = NULL, duration_s = 'abc' WHERE sid = '%s'", sid);
    raw_exec (db, damage);
    raw_exec (db, "INSERT INTO voicemails (call_sid, from_number, to_number, created_at) "
                  "VALUES ('CAdamaged', '', '', -1)");
    sqlite3_close (db);
    calls = list_calls (fixture->store, NULL, NULL, 10);
    g_assert_cmpuint (calls->len, ==, 1);
    g_clear_pointer (&calls, g_ptr_array_unref);
    calls = list_voicemails (fixture->store, FALSE);
    g_assert_cmpuint (calls->len, ==, 1);
  }
}

static void
test_recordings (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *sid = call_sid (1);
  g_autofree char *rec = recording_sid (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecording) recording = NULL;
  gboolean is_new = FALSE;
  LiaisonStoreRecordingInfo info = {
    .sid = rec, .call_sid = sid, .status = "in-progress", .duration_s = -1,
    .started_at = BASE_TIME,
  };
  gint64 id;

  id = upsert_recording (fixture->store, &info, &is_new, &error);
  g_assert_no_error (error);
  g_assert_true (is_new);
  info.status = "completed";
  info.duration_s = 33;
  info.channels = 2;
  info.media_url = "https://api.example.com/r";
  g_assert_cmpint (upsert_recording (fixture->store, &info, &is_new, &error), ==, id);
  g_assert_false (is_new);
  /* Late "in-progress" does not go back. */
  info.status = "in-progress";
  info.duration_s = -1;
  info.channels = 0;
  info.media_url = NULL;
  upsert_recording (fixture->store, &info, NULL, &error);

  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_set_recording_local_path_async (fixture->store, rec, "/cache/r.wav", 12345, NULL,
                                                  liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_set_recording_local_path_finish (fixture->store, result, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_get_recording_async (fixture->store, rec, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    recording = liaison_store_get_recording_finish (fixture->store, result, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (liaison_recording_get_status (recording), ==, "completed");
  g_assert_cmpint (liaison_recording_get_duration_s (recording), ==, 33);
  g_assert_cmpuint (liaison_recording_get_channels (recording), ==, 2);
  g_assert_cmpstr (liaison_recording_get_call_sid (recording), ==, sid);
  g_assert_cmpstr (liaison_recording_get_media_url (recording), ==, "https://api.example.com/r");
  g_assert_cmpstr (liaison_recording_get_local_path (recording), ==, "/cache/r.wav");
  g_assert_cmpint (liaison_recording_get_size (recording), ==, 12345);
  g_assert_cmpint (liaison_recording_get_created_at (recording), ==, BASE_TIME);
  g_assert_false (liaison_recording_is_deleted (recording));
}

/* Query plans: every list and lookup uses an index and needs no sort. */

static char *
explain (sqlite3    *db,
         const char *sql)
{
  g_autofree char *query = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

static void
test_query_plans (Fixture       *fixture,
                  gconstpointer  data)
{
  const LiaisonStoreQuery *queries = _liaison_store_calls_get_planned_queries ();
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  guint n = 0;
  sqlite3 *db;

  /* Enough rows, and ANALYZE, so that the planner has real choices. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (sql,
                            "INSERT INTO calls (sid, direction, from_number, to_number, status, "
                            "started_at, created_at, updated_at, remote_number, our_number, "
                            "is_missed, contact_id) VALUES ('CA%032x', '%s', '+1555%07u', '"
                            OUR_NUMBER "', 'completed', %u, 0, 0, '+1555%07u', '" OUR_NUMBER
                            "', %d, NULL);"
                            "INSERT INTO recordings (sid, call_sid, status, created_at, updated_at) "
                            "VALUES ('RE%032x', 'CA%032x', 'completed', %u, 0);",
                            i, i % 2 ? "inbound" : "outbound-api", i % 300, i, i % 300,
                            i % 2 && i % 5 == 0, i, i, i);
  g_string_append (sql, "COMMIT; ANALYZE;");
  db = raw_open (fixture->path);
  raw_exec (db, sql->str);

  for (guint i = 0; queries[i].name != NULL; i++)
    {
      g_autofree char *plan = explain (db, queries[i].sql);
      g_auto(GStrv) lines = g_strsplit (plan, "\n", -1);

      g_test_message ("%s:\n%s", queries[i].name, plan);
      g_assert_cmpstr (plan, !=, "");
      for (guint l = 0; lines[l] != NULL; l++)
        if (strstr (lines[l], "TEMP B-TREE") != NULL
            || (g_str_has_prefix (lines[l], "SCAN ") && strstr (lines[l], "VIRTUAL TABLE") == NULL))
          g_error ("query %s: %s", queries[i].name, lines[l]);
      n++;
    }
  sqlite3_close (db);
  g_assert_cmpuint (n, >=, 15);
}

/* Schema 2 to 3: the fixture's calls and voicemails read as history. */

static void
test_upgrade_v2 (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v2.sql", NULL);
  g_autofree char *sql = liaison_test_read_file (sql_path);
  Fixture fixture = { 0, };
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) voicemails = NULL;
  LiaisonStoreCallFilter missed = { .missed_only = TRUE };
  sqlite3 *db;

  fixture.dir = g_strdup (dir);
  fixture.path = g_build_filename (dir, "liaison.db", NULL);
  g_assert_cmpint (sqlite3_open_v2 (fixture.path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  raw_exec (db, sql);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 2);
  sqlite3_close (db);

  store_open (&fixture);
  g_assert_nonnull (liaison_store_get_last_backup_path (fixture.store));
  g_assert_cmpint (path_int (fixture.path, "PRAGMA user_version"), ==,
                   (int) liaison_store_get_schema_version ());

  /* The fixture's unanswered inbound call with a voicemail. */
  calls = list_calls (fixture.store, &missed, NULL, 10);
  g_assert_cmpuint (calls->len, ==, 1);
  {
    LiaisonCall *call = g_ptr_array_index (calls, 0);

    g_assert_cmpstr (liaison_call_get_sid (call), ==, "CA0000000000000000000000000000f002");
    g_assert_cmpstr (liaison_call_get_remote_number (call), ==, liaison_call_get_from (call));
    g_assert_cmpstr (liaison_call_get_our_number (call), ==, liaison_call_get_to (call));
    g_assert_true (liaison_call_get_has_voicemail (call));
    g_assert_cmpstr (liaison_call_get_recording_sid (call), ==, "RE0000000000000000000000000000f002");
    g_assert_false (liaison_call_is_on_legal_hold (call));
  }
  voicemails = list_voicemails (fixture.store, TRUE);
  g_assert_cmpuint (voicemails->len, ==, 1);
  g_assert_cmpstr (liaison_voicemail_get_contact_name (g_ptr_array_index (voicemails, 0)), ==,
                   "Bob Example");

  /* The new columns work on the upgraded database. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (set_hold (fixture.store, "CA0000000000000000000000000000f002", 0, TRUE, &error));
    g_assert_no_error (error);
  }

  store_close (&fixture);
  liaison_test_rmdir (dir);
  g_free (fixture.dir);
  g_free (fixture.path);
}

/* The history lists one row per conversation: an inbound call, not the
 * <Dial> leg to the advisor's phone under it; for a click-to-call, the
 * client's leg (with the recording made on the advisor's leg), not the
 * advisor's own. Either leg may arrive first. */
static void
test_legs (Fixture       *fixture,
           gconstpointer  data)
{
  const char *advisor_phone = "+12025550101";
  g_autofree char *inbound = call_sid (900), *forward = call_sid (901);
  g_autofree char *ctc_parent = call_sid (902), *ctc_child = call_sid (903);
  g_autofree char *late_parent = call_sid (904), *early_child = call_sid (905);
  g_autofree char *recording = recording_sid (900);
  gint64 t = 1767225600000000;
  LiaisonStoreCallInfo info;
  LiaisonStoreRecordingInfo rec = {
    .sid = recording, .call_sid = ctc_parent, .status = "completed", .duration_s = 30, .channels = 2,
  };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(LiaisonStoreCallDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreCallFilter none = { 0, };

  /* Inbound, forwarded to the advisor's phone. */
  info = (LiaisonStoreCallInfo) { .sid = inbound, .direction = "inbound", .from = REMOTE_A,
                                  .to = OUR_NUMBER, .status = "completed", .started_at = t,
                                  .duration_s = 60 };
  upsert_call (fixture->store, &info);
  info = (LiaisonStoreCallInfo) { .sid = forward, .parent_sid = inbound, .direction = "outbound-dial",
                                  .from = OUR_NUMBER, .to = advisor_phone, .status = "completed",
                                  .started_at = t + SEC, .duration_s = 58 };
  upsert_call (fixture->store, &info);

  /* Click-to-call: the advisor's leg, then the client's. */
  info = (LiaisonStoreCallInfo) { .sid = ctc_parent, .direction = "outbound-api", .from = OUR_NUMBER,
                                  .to = advisor_phone, .status = "completed", .started_at = t + 100 * SEC,
                                  .duration_s = 40 };
  upsert_call (fixture->store, &info);
  info = (LiaisonStoreCallInfo) { .sid = ctc_child, .parent_sid = ctc_parent, .direction = "outbound-dial",
                                  .from = OUR_NUMBER, .to = REMOTE_B, .status = "completed",
                                  .started_at = t + 105 * SEC, .duration_s = 30 };
  upsert_call (fixture->store, &info);
  g_assert_cmpint (upsert_recording (fixture->store, &rec, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* Click-to-call whose client leg was reported before the advisor's. */
  info = (LiaisonStoreCallInfo) { .sid = early_child, .parent_sid = late_parent, .direction = "outbound-dial",
                                  .from = OUR_NUMBER, .to = REMOTE_A, .status = "busy",
                                  .started_at = t + 205 * SEC };
  upsert_call (fixture->store, &info);
  info = (LiaisonStoreCallInfo) { .sid = late_parent, .direction = "outbound-api", .from = OUR_NUMBER,
                                  .to = advisor_phone, .status = "completed", .started_at = t + 200 * SEC };
  upsert_call (fixture->store, &info);

  all = list_all_calls (fixture->store, &none, 10);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, early_child);
  g_assert_cmpstr (g_ptr_array_index (all, 1), ==, ctc_child);
  g_assert_cmpstr (g_ptr_array_index (all, 2), ==, inbound);

  /* The client's leg shows the recording made on the advisor's. */
  details = get_call (fixture->store, ctc_child, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_call_get_remote_number (details->call), ==, REMOTE_B);
  g_assert_cmpstr (liaison_call_get_recording_sid (details->call), ==, recording);
  g_assert_true (liaison_call_has_recording (details->call));
  g_assert_cmpuint (details->recordings->len, ==, 1);

  /* Hidden legs can still be read by SID. */
  g_clear_pointer (&details, liaison_store_call_details_free);
  details = get_call (fixture->store, forward, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_call_get_remote_number (details->call), ==, advisor_phone);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Liaison/StoreCalls/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("status-order", test_status_order);
  ADD ("missed", test_missed);
  ADD ("filters-paging", test_filters_paging);
  ADD ("contact-thread", test_contact_thread);
  ADD ("recordings", test_recordings);
  ADD ("transcripts", test_transcripts);
  ADD ("summaries", test_summaries);
  ADD ("voicemails", test_voicemails);
  ADD ("legal-hold", test_legal_hold);
  ADD ("bad-input", test_bad_input);
  ADD ("query-plans", test_query_plans);
  ADD ("legs", test_legs);
#undef ADD
  g_test_add_func ("/Liaison/StoreCalls/upgrade-v2", test_upgrade_v2);

  return g_test_run ();
}
