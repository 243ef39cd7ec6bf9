/* test-rate-limiter.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-clock.h"
#include "liaison-rate-limiter.h"
#include "liaison-test-utils.h"

#define START_USEC ((gint64) 1700000000 * G_USEC_PER_SEC)

typedef struct {
  LiaisonClock *clock;
  GArray       *grants;   /* gint64 virtual times of grants */
  GPtrArray    *labels;   /* which sender got each grant */
  guint         errors;
} Recorder;

typedef struct {
  Recorder *recorder;
  char     *label;
} Waiter;

static void
acquired_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Waiter *waiter = user_data;
  g_autoptr(GError) error = NULL;

  if (liaison_rate_limiter_acquire_finish (LIAISON_RATE_LIMITER (source), result, &error))
    {
      gint64 now = liaison_clock_get_now_usec (waiter->recorder->clock);

      g_array_append_val (waiter->recorder->grants, now);
      g_ptr_array_add (waiter->recorder->labels, g_strdup (waiter->label));
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      waiter->recorder->errors++;
    }
  g_free (waiter->label);
  g_free (waiter);
}

static void
acquire (LiaisonRateLimiter *limiter,
         Recorder           *recorder,
         const char         *sender,
         GCancellable       *cancellable)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->recorder = recorder;
  waiter->label = g_strdup (sender);
  liaison_rate_limiter_acquire_async (limiter, sender, cancellable, acquired_cb, waiter);
}

/* Runs pending main-context work (GTask callbacks) without any waiting. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Moves the fake clock in 10 ms steps, running the GTask callbacks after
 * each, so every grant is recorded at the virtual time it happened. */
static void
advance (LiaisonClock *clock,
         gint64        usec)
{
  const gint64 step = 10 * 1000;

  while (usec > 0)
    {
      liaison_clock_advance (clock, MIN (step, usec));
      usec -= MIN (step, usec);
      drain ();
    }
}

static Recorder *
recorder_new (LiaisonClock *clock)
{
  Recorder *recorder = g_new0 (Recorder, 1);

  recorder->clock = clock;
  recorder->grants = g_array_new (FALSE, FALSE, sizeof (gint64));
  recorder->labels = g_ptr_array_new_with_free_func (g_free);
  return recorder;
}

static void
recorder_free (Recorder *recorder)
{
  g_array_unref (recorder->grants);
  g_ptr_array_unref (recorder->labels);
  g_free (recorder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

static gint64
grant_at (Recorder *recorder,
          guint     i)
{
  return g_array_index (recorder->grants, gint64, i) - START_USEC;
}

typedef struct {
  LiaisonClock *clock;
  GArray       *fired;
} FireLog;

static gboolean
record_fire_cb (gpointer user_data)
{
  FireLog *log = user_data;
  gint64 now = liaison_clock_get_now_usec (log->clock) - START_USEC;

  g_array_append_val (log->fired, now);
  return G_SOURCE_REMOVE;
}

static void
test_clock_fake (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (START_USEC);
  g_autoptr(LiaisonClock) system = liaison_clock_new_system ();
  g_autoptr(GArray) fired = g_array_new (FALSE, FALSE, sizeof (gint64));
  FireLog log = { clock, fired };
  guint removed;

  g_assert_true (liaison_clock_is_fake (clock));
  g_assert_false (liaison_clock_is_fake (system));
  g_assert_cmpint (liaison_clock_get_now_usec (clock), ==, START_USEC);
  g_assert_cmpint (liaison_clock_get_now_usec (system), >, START_USEC);
  g_assert_cmpint (liaison_clock_get_next_delay (clock), ==, -1);

  /* Timers fire in deadline order, each with the clock at its deadline. */
  liaison_clock_add_timeout (clock, 3 * G_USEC_PER_SEC, record_fire_cb, &log, NULL);
  liaison_clock_add_timeout (clock, 1 * G_USEC_PER_SEC, record_fire_cb, &log, NULL);
  removed = liaison_clock_add_timeout (clock, 2 * G_USEC_PER_SEC, record_fire_cb, &log, NULL);
  liaison_clock_remove_timeout (clock, removed);
  g_assert_cmpuint (liaison_clock_get_n_pending (clock), ==, 2);
  g_assert_cmpint (liaison_clock_get_next_delay (clock), ==, 1 * G_USEC_PER_SEC);

  liaison_clock_advance (clock, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (fired->len, ==, 1);
  g_assert_cmpint (g_array_index (fired, gint64, 0), ==, 1 * G_USEC_PER_SEC);
  g_assert_cmpint (liaison_clock_get_now_usec (clock), ==, START_USEC + 2 * G_USEC_PER_SEC);

  liaison_clock_advance (clock, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (fired->len, ==, 2);
  g_assert_cmpint (g_array_index (fired, gint64, 1), ==, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (liaison_clock_get_now_usec (clock), ==, START_USEC + 7 * G_USEC_PER_SEC);
  g_assert_cmpuint (liaison_clock_get_n_pending (clock), ==, 0);
  g_assert_cmpuint (liaison_clock_get_waits (clock)->len, ==, 2);
}

/* N sends from one sender are spaced 1 s apart in virtual time. */
static void
test_pacing_one_sender (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (START_USEC);
  g_autoptr(LiaisonRateLimiter) limiter = liaison_rate_limiter_new (clock);
  g_autoptr(Recorder) recorder = recorder_new (clock);
  const guint n = 5;

  g_assert_cmpfloat (liaison_rate_limiter_get_rate (limiter, "+15005550006"), ==, 1.0);
  for (guint i = 0; i < n; i++)
    acquire (limiter, recorder, "+15005550006", NULL);
  drain ();
  /* The first token is there at once; the rest wait. */
  g_assert_cmpuint (recorder->grants->len, ==, 1);
  g_assert_cmpint (grant_at (recorder, 0), ==, 0);

  /* Just short of a second: nothing more. */
  advance (clock, G_USEC_PER_SEC - 1);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 1);

  for (guint i = 1; i < n; i++)
    {
      advance (clock, 1);
      drain ();
      advance (clock, G_USEC_PER_SEC - 1);
      drain ();
    }
  g_assert_cmpuint (recorder->grants->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (grant_at (recorder, i), ==, (gint64) i * G_USEC_PER_SEC);

  /* After an idle gap the next send goes at once (burst of 1, not more). */
  advance (clock, 10 * G_USEC_PER_SEC);
  acquire (limiter, recorder, "+15005550006", NULL);
  acquire (limiter, recorder, "+15005550006", NULL);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, n + 1);
  advance (clock, G_USEC_PER_SEC);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, n + 2);
  g_assert_cmpint (grant_at (recorder, n + 1) - grant_at (recorder, n), ==, G_USEC_PER_SEC);
}

/* Two senders do not block each other. */
static void
test_two_senders (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (START_USEC);
  g_autoptr(LiaisonRateLimiter) limiter = liaison_rate_limiter_new (clock);
  g_autoptr(Recorder) recorder = recorder_new (clock);
  guint a = 0, b = 0;

  for (guint i = 0; i < 3; i++)
    {
      acquire (limiter, recorder, "+15005550001", NULL);
      acquire (limiter, recorder, "+15005550002", NULL);
    }
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 2);
  g_assert_cmpint (grant_at (recorder, 0), ==, 0);
  g_assert_cmpint (grant_at (recorder, 1), ==, 0);

  advance (clock, 2 * G_USEC_PER_SEC);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 6);
  for (guint i = 0; i < recorder->grants->len; i++)
    {
      const char *label = g_ptr_array_index (recorder->labels, i);
      guint *count = g_str_equal (label, "+15005550001") ? &a : &b;

      /* Each sender's k-th grant is at k seconds, whatever the other does. */
      g_assert_cmpint (grant_at (recorder, i), ==, (gint64) *count * G_USEC_PER_SEC);
      (*count)++;
    }
  g_assert_cmpuint (a, ==, 3);
  g_assert_cmpuint (b, ==, 3);
}

/* A per-number rate change applies to the waiting sends. */
static void
test_rate_change (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (START_USEC);
  g_autoptr(LiaisonRateLimiter) limiter = liaison_rate_limiter_new (clock);
  g_autoptr(Recorder) recorder = recorder_new (clock);

  /* A 10DLC number at 4 messages per second: 250 ms apart. */
  liaison_rate_limiter_set_rate (limiter, "+15005550003", 4.0);
  g_assert_cmpfloat (liaison_rate_limiter_get_rate (limiter, "+15005550003"), ==, 4.0);
  g_assert_cmpfloat (liaison_rate_limiter_get_rate (limiter, "+15005550004"), ==, 1.0);
  for (guint i = 0; i < 4; i++)
    acquire (limiter, recorder, "+15005550003", NULL);
  drain ();
  advance (clock, G_USEC_PER_SEC);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (grant_at (recorder, i), ==, (gint64) i * G_USEC_PER_SEC / 4);

  /* Back to the default (1/s) while two sends wait. */
  acquire (limiter, recorder, "+15005550003", NULL);
  acquire (limiter, recorder, "+15005550003", NULL);
  liaison_rate_limiter_set_rate (limiter, "+15005550003", 0);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 5);   /* last grant was 250 ms ago + 250 ms */
  advance (clock, G_USEC_PER_SEC / 2);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 5);
  advance (clock, G_USEC_PER_SEC / 2);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 6);
  g_assert_cmpint (grant_at (recorder, 5) - grant_at (recorder, 4), ==, G_USEC_PER_SEC);

  /* Raising the rate while a send waits lets it go earlier. */
  acquire (limiter, recorder, "+15005550003", NULL);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 6);
  advance (clock, G_USEC_PER_SEC / 10);
  liaison_rate_limiter_set_rate (limiter, "+15005550003", 10.0);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 7);
  g_assert_cmpint (grant_at (recorder, 6) - grant_at (recorder, 5), ==, G_USEC_PER_SEC / 10);
}

static void
test_cancel_waiting (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (START_USEC);
  g_autoptr(LiaisonRateLimiter) limiter = liaison_rate_limiter_new (clock);
  g_autoptr(Recorder) recorder = recorder_new (clock);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  acquire (limiter, recorder, "+15005550005", NULL);
  acquire (limiter, recorder, "+15005550005", cancellable);
  acquire (limiter, recorder, "+15005550005", NULL);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 1);

  g_cancellable_cancel (cancellable);
  drain ();
  g_assert_cmpuint (recorder->errors, ==, 1);
  /* The cancelled waiter took no token: the next one goes at 1 s. */
  advance (clock, G_USEC_PER_SEC);
  drain ();
  g_assert_cmpuint (recorder->grants->len, ==, 2);
  g_assert_cmpint (grant_at (recorder, 1), ==, G_USEC_PER_SEC);
  g_assert_cmpuint (liaison_clock_get_n_pending (clock), ==, 0);
}

static void
slot_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  guint *granted = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_rate_limiter_acquire_slot_finish (LIAISON_RATE_LIMITER (source), result, &error));
  g_assert_no_error (error);
  (*granted)++;
}

/* The account-wide cap on requests in flight queues the rest. */
static void
test_concurrency_cap (void)
{
  g_autoptr(LiaisonRateLimiter) limiter = liaison_rate_limiter_new (NULL);
  guint granted = 0;

  liaison_rate_limiter_set_max_concurrent (limiter, 3);
  for (guint i = 0; i < 5; i++)
    liaison_rate_limiter_acquire_slot_async (limiter, NULL, slot_cb, &granted);
  drain ();
  g_assert_cmpuint (granted, ==, 3);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 3);

  liaison_rate_limiter_release_slot (limiter);
  drain ();
  g_assert_cmpuint (granted, ==, 4);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 3);

  liaison_rate_limiter_set_max_concurrent (limiter, 4);
  drain ();
  g_assert_cmpuint (granted, ==, 5);
  for (guint i = 0; i < 4; i++)
    liaison_rate_limiter_release_slot (limiter);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Clock/fake", test_clock_fake);
  g_test_add_func ("/Liaison/RateLimiter/pacing-one-sender", test_pacing_one_sender);
  g_test_add_func ("/Liaison/RateLimiter/two-senders", test_two_senders);
  g_test_add_func ("/Liaison/RateLimiter/rate-change", test_rate_change);
  g_test_add_func ("/Liaison/RateLimiter/cancel-waiting", test_cancel_waiting);
  g_test_add_func ("/Liaison/RateLimiter/concurrency-cap", test_concurrency_cap);

  return g_test_run ();
}
