/* bench-sequences.c: follow-up sequences at 10,000 active enrolments
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes a store (in a temporary folder) with 10,000 contacts, each with a
 * number, enrolled in one of 5 enabled sequences of 3 steps (plus 10,000
 * completed or stopped enrolments, and a disabled sequence with 2,000 due
 * ones that must be skipped); half the active ones are due. Then measures,
 * through the store's worker as the runner uses it: finding when the next
 * step is due, claiming the due steps in the runner's batches of 50 until
 * none is left, and finding the next due time again. Prints the figures;
 * never fails on timing.
 */

#define G_LOG_DOMAIN "bench-sequences"

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>

#include "liaison-log.h"
#include "liaison-sequence-private.h"
#include "liaison-store.h"
#include "liaison-test-utils.h"

#define N_CONTACTS   10000
#define N_SEQUENCES  5
#define N_DONE       10000
#define N_HELD       2000
#define BATCH        50
#define RUNS         25
#define NOW_USEC     G_GINT64_CONSTANT (1773158400000000)
#define TARGET_NEXT_DUE_MS  1.0
#define TARGET_BATCH_MS     20.0

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
populate (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "BEGIN");

  for (int s = 1; s <= N_SEQUENCES + 1; s++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO sequences (id, name, trigger_stage, enabled, created_at, updated_at) "
                         "VALUES (%d, 'Sequence %d', 'stage %d', %d, 1, 1);"
                         "INSERT INTO sequence_steps (sequence_id, position, delay_s, body) VALUES "
                         "(%d, 0, 0, 'Hi {first_name}, welcome.'), "
                         "(%d, 1, 86400, 'Any questions, {first_name}?'), "
                         "(%d, 2, 604800, 'A week already, {full_name}.');",
                         s, s, s, s <= N_SEQUENCES ? 1 : 0, s, s, s);

      exec_ok (db, sql);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO contacts (id, display_name, first_name, last_name, "
                                       "created_at, updated_at) VALUES (?1, 'Client ' || ?1, 'Client', "
                                       "'No ' || ?1, 1, 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= N_CONTACTS + N_DONE; i++)
    {
      sqlite3_bind_int (stmt, 1, i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO contact_phones (contact_id, e164, is_primary) "
                                       "VALUES (?1, printf ('+1201555%04d', ?1 % 10000), 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= N_CONTACTS + N_DONE; i++)
    {
      sqlite3_bind_int (stmt, 1, i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO sequence_enrollments (sequence_id, contact_id, next_step, "
                                       "state, next_run_at, enrolled_at, updated_at) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, 1, 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= N_CONTACTS + N_DONE; i++)
    {
      gboolean active = i <= N_CONTACTS;
      /* Half the active ones are due (up to an hour ago), half later (up to a week). */
      gint64 when = (i % 2 == 0) ? NOW_USEC - (gint64) (i % 3600) * G_USEC_PER_SEC
                                 : NOW_USEC + (gint64) (1 + i % 604800) * G_USEC_PER_SEC;

      sqlite3_bind_int (stmt, 1, 1 + i % N_SEQUENCES);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int (stmt, 3, i % 3);
      sqlite3_bind_text (stmt, 4, active ? "active" : (i % 2 ? "completed" : "stopped"), -1, SQLITE_STATIC);
      if (active)
        sqlite3_bind_int64 (stmt, 5, when);
      else
        sqlite3_bind_null (stmt, 5);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  /* Due enrolments of the disabled sequence: held, never claimed. */
  for (int i = 1; i <= N_HELD; i++)
    {
      sqlite3_bind_int (stmt, 1, N_SEQUENCES + 1);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int (stmt, 3, 0);
      sqlite3_bind_text (stmt, 4, "active", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, NOW_USEC - G_USEC_PER_SEC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  exec_ok (db, "COMMIT; ANALYZE;");
  sqlite3_close (db);
}

static LiaisonStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = liaison_store_new (path);

  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  return store;
}

static void
close_store (LiaisonStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (store, result, &error));
  g_assert_no_error (error);
}

static gint64
next_due (LiaisonStore *store,
          double       *out_ms)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 next;

  _liaison_store_next_sequence_due_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  next = _liaison_store_next_sequence_due_finish (store, result, &error);
  *out_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  return next;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stat (const char *what,
            GArray     *ms,
            double      target)
{
  double median, worst;

  g_array_sort (ms, compare_double);
  median = g_array_index (ms, double, ms->len / 2);
  worst = g_array_index (ms, double, ms->len - 1);
  printf ("%-44s median %8.3f ms  max %8.3f ms  (n=%u, target %.1f ms: %s)\n",
          what, median, worst, ms->len, target, median <= target ? "PASS" : "MISS");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GArray) next_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) batch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) after_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_claimed = 0, n_batches = 0;
  gint64 start, total_us, next = 0;
  double ms;

  /* Not g_test_init(): benchmarks run in release builds (G_DISABLE_ASSERT). */
  liaison_log_init ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  dir = liaison_test_mkdtemp ();
  path = g_build_filename (dir, "liaison.db", NULL);

  /* Create the schema, then fill it behind the closed store. */
  store = open_store (path);
  close_store (store);
  g_clear_object (&store);
  start = g_get_monotonic_time ();
  populate (path);
  printf ("Generated %d active and %d finished enrolments in %.1f s\n",
          N_CONTACTS + N_HELD, N_DONE, (g_get_monotonic_time () - start) / 1e6);

  store = open_store (path);

  for (guint i = 0; i < RUNS; i++)
    {
      next = next_due (store, &ms);
      g_array_append_val (next_ms, ms);
    }
  g_assert_cmpint (next, >, 0);
  g_assert_cmpint (next, <=, NOW_USEC);
  print_stat ("next due time (10,000 active)", next_ms, TARGET_NEXT_DUE_MS);

  start = g_get_monotonic_time ();
  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) claims = NULL;
      gint64 t0 = g_get_monotonic_time ();

      _liaison_store_claim_sequence_steps_async (store, NOW_USEC, BATCH, NULL,
                                                 liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      claims = _liaison_store_claim_sequence_steps_finish (store, result, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (batch_ms, ms);
      n_batches++;
      n_claimed += claims->len;
      if (claims->len < BATCH)
        break;
    }
  total_us = g_get_monotonic_time () - start;
  g_assert_cmpuint (n_claimed, ==, N_CONTACTS / 2);
  print_stat ("claim a batch of 50 due steps", batch_ms, TARGET_BATCH_MS);
  printf ("%-44s %8.1f ms for %u steps in %u batches (%.3f ms a step)\n",
          "claim every due step", total_us / 1000.0, n_claimed, n_batches,
          total_us / 1000.0 / MAX (n_claimed, 1));

  for (guint i = 0; i < RUNS; i++)
    {
      next = next_due (store, &ms);
      g_array_append_val (after_ms, ms);
    }
  /* Only the disabled sequence's are still due: the next one is in the future. */
  g_assert_cmpint (next, >, NOW_USEC);
  print_stat ("next due time (after the claims)", after_ms, TARGET_NEXT_DUE_MS);

  close_store (store);
  g_clear_object (&store);
  liaison_test_rmdir (dir);

  return 0;
}
