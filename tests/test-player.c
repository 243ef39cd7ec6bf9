/* test-player.c: LiaisonPlayer on real audio files
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are made here with GStreamer (audiotestsrc, 8 kHz): a 10 s
 * mono WAV, a 10 s MP3 with a Xing header and one without. The player's
 * audio sink is a fakesink, and where the pipeline clock matters it is a
 * GstTestClock that the test moves forward: no test waits in real time for
 * the media to play.
 */

#include "config.h"

#include <gst/check/gsttestclock.h>
#include <gst/gst.h>
#include <string.h>

#include "liaison-media.h"
#include "liaison-player.h"
#include "liaison-test-audio.h"
#include "liaison-test-utils.h"
#include "liaison-waveform.h"

#define WAIT_MS 30000

static char *tmpdir;
static char *wav_path;
static char *mp3_xing_path;
static char *mp3_plain_path;

#define SOURCE_10S "audiotestsrc wave=sine freq=440 volume=0.5 num-buffers=100 samplesperbuffer=800 " \
                   "! audio/x-raw,format=S16LE,rate=8000,channels=1 "

static void
make_files (void)
{
  g_autoptr(GError) error = NULL;

  /* Once, from inside the first test case: GStreamer caches the user
   * folders at init, and the isolated folders of each test case would
   * leave the previous ones behind. */
  if (tmpdir != NULL)
    return;
  if (!liaison_media_init (&error))
    g_error ("%s", error->message);
  tmpdir = liaison_test_mkdtemp ();
  wav_path = g_build_filename (tmpdir, "tone.wav", NULL);
  mp3_xing_path = g_build_filename (tmpdir, "tone-xing.mp3", NULL);
  mp3_plain_path = g_build_filename (tmpdir, "tone-plain.mp3", NULL);

  liaison_test_audio_write (SOURCE_10S "! wavenc", wav_path);
  liaison_test_audio_write (SOURCE_10S "! lamemp3enc ! xingmux ! id3v2mux", mp3_xing_path);
  liaison_test_audio_write (SOURCE_10S "! lamemp3enc", mp3_plain_path);
}

/* Waiting on the player (on the default main context). */

typedef struct {
  LiaisonPlayer      *player;
  LiaisonPlayerState  target;
  gboolean            reached;
} StateWait;

static void
state_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  StateWait *wait = user_data;

  if (liaison_player_get_state (wait->player) == wait->target)
    wait->reached = TRUE;
}

static void
wait_for_state (LiaisonPlayer      *player,
                LiaisonPlayerState  target)
{
  StateWait wait = { player, target, FALSE };
  gulong id;

  if (liaison_player_get_state (player) == target)
    return;
  id = g_signal_connect (player, "notify::state", G_CALLBACK (state_notify_cb), &wait);
  liaison_test_wait_flag (&wait.reached, WAIT_MS);
  g_signal_handler_disconnect (player, id);
  g_assert_cmpint (liaison_player_get_state (player), ==, target);
}

static void
flag_cb (gpointer instance,
         gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
count_cb (gpointer    instance,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
wait_for_seek (LiaisonPlayer *player,
               void         (*action) (LiaisonPlayer *player, gpointer data),
               gpointer       data)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (player, "seek-done", G_CALLBACK (flag_cb), &done);

  action (player, data);
  g_assert_true (liaison_test_wait_flag (&done, WAIT_MS));
  g_signal_handler_disconnect (player, id);
}

static void
seek_action (LiaisonPlayer *player,
             gpointer       data)
{
  liaison_player_seek (player, *(gint64 *) data);
}

static void
rate_action (LiaisonPlayer *player,
             gpointer       data)
{
  liaison_player_set_rate (player, *(double *) data);
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static LiaisonPlayer *
player_new (gboolean sync)
{
  LiaisonPlayer *player = liaison_player_new ();
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);

  g_assert_nonnull (sink);
  g_object_set (sink, "sync", sync, NULL);
  liaison_player_set_audio_sink (player, sink);
  return player;
}

static void
player_free (LiaisonPlayer *player)
{
  g_object_unref (player);
  drain_main_context ();
}

/* Loads, checks the duration, then seeks and checks the position. */
static void
check_seek (LiaisonPlayer *player,
            gint64         target_ms,
            gint64         tolerance_ms)
{
  gint64 position;

  wait_for_seek (player, seek_action, &target_ms);
  position = liaison_player_query_position_ms (player);
  g_test_message ("seek to %" G_GINT64_FORMAT " ms: at %" G_GINT64_FORMAT " ms", target_ms, position);
  g_assert_cmpint (ABS (position - target_ms), <=, tolerance_ms);
  g_assert_cmpint (ABS (liaison_player_get_position_ms (player) - target_ms), <=, tolerance_ms);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_PAUSED);
}

static void
test_wav_duration_and_seek (void)
{
  LiaisonPlayer *player = player_new (TRUE);

  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_EMPTY);
  liaison_player_load (player, wav_path, 0);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_LOADING);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);

  g_assert_cmpint (liaison_player_get_duration_ms (player), ==, 10000);
  g_assert_cmpint (liaison_player_get_position_ms (player), ==, 0);
  g_assert_cmpstr (liaison_player_get_path (player), ==, wav_path);
  g_assert_null (liaison_player_get_error (player));

  check_seek (player, 5000, 5);
  check_seek (player, 1234, 5);
  check_seek (player, 9000, 5);
  /* Past the end is clamped to the end. */
  liaison_player_seek (player, 60000);
  g_assert_cmpint (liaison_player_get_position_ms (player), ==, 10000);

  player_free (player);
}

static void
test_mp3_xing_duration_and_seek (void)
{
  LiaisonPlayer *player = player_new (TRUE);
  gint64 duration;

  liaison_player_load (player, mp3_xing_path, 0);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);

  /* 10 s plus the encoder's padding (a few frames). */
  duration = liaison_player_get_duration_ms (player);
  g_test_message ("MP3 with Xing: %" G_GINT64_FORMAT " ms", duration);
  g_assert_cmpint (duration, >=, 10000);
  g_assert_cmpint (duration, <=, 10300);

  check_seek (player, 7000, 60);
  check_seek (player, 2500, 60);

  player_free (player);
}

static void
test_mp3_without_xing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonWaveform) waveform = NULL;
  LiaisonPlayer *player = player_new (TRUE);
  gint64 duration;

  /* The recording's metadata knows the length: it is used at once. */
  liaison_player_load (player, mp3_plain_path, 10000);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);
  duration = liaison_player_get_duration_ms (player);
  g_test_message ("MP3 without Xing, known 10 s: %" G_GINT64_FORMAT " ms", duration);
  g_assert_cmpint (duration, >=, 10000);
  g_assert_cmpint (duration, <=, 10300);
  check_seek (player, 4000, 100);

  /* Unknown length: the decoded duration from the waveform fixes it. */
  liaison_player_load (player, mp3_plain_path, 0);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);
  g_test_message ("MP3 without Xing, unknown: %" G_GINT64_FORMAT " ms",
                  liaison_player_get_duration_ms (player));
  waveform = liaison_waveform_load (mp3_plain_path, tmpdir, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_waveform_get_duration_ms (waveform), >=, 10000);
  g_assert_cmpint (liaison_waveform_get_duration_ms (waveform), <=, 10300);
  liaison_player_set_exact_duration (player, liaison_waveform_get_duration_ms (waveform));
  g_assert_cmpint (liaison_player_get_duration_ms (player), ==, liaison_waveform_get_duration_ms (waveform));

  /* The exact duration wins over everything that may come later. */
  liaison_player_seek (player, 9000);
  liaison_player_play (player);
  wait_for_state (player, LIAISON_PLAYER_STATE_ENDED);
  g_assert_cmpint (liaison_player_get_duration_ms (player), ==, liaison_waveform_get_duration_ms (waveform));
  g_assert_cmpint (liaison_player_get_position_ms (player), ==, liaison_waveform_get_duration_ms (waveform));

  player_free (player);
}

/* Moves the test clock forward, releasing the sink's waits one by one,
 * until it has advanced by at least @advance. */
static void
drive_clock (GstTestClock *clock,
             GstClockTime  advance)
{
  GstClockTime start = gst_clock_get_time (GST_CLOCK (clock));
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (gst_clock_get_time (GST_CLOCK (clock)) < start + advance)
    {
      GstClockID id = NULL;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (gst_test_clock_peek_next_pending_id (clock, &id))
        {
          GstClockTime when = gst_clock_id_get_time (id);

          gst_clock_id_unref (id);
          if (when > start + advance)
            gst_test_clock_set_time (clock, start + advance);
          else
            gst_test_clock_crank (clock);
        }
      else
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (500);
        }
    }
}

static void
check_rate (double rate)
{
  g_autoptr(GstClock) clock = gst_test_clock_new ();
  LiaisonPlayer *player = player_new (TRUE);
  GstClockTime t0, t1;
  gint64 p0, p1;
  double measured;

  liaison_player_set_clock (player, clock);
  liaison_player_load (player, wav_path, 0);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);
  wait_for_seek (player, rate_action, &rate);
  g_assert_cmpfloat_with_epsilon (liaison_player_get_rate (player), rate, 1e-9);

  p0 = liaison_player_query_position_ms (player);
  t0 = gst_clock_get_time (clock);
  liaison_player_play (player);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_PLAYING);
  drive_clock (GST_TEST_CLOCK (clock), 2 * GST_SECOND);
  t1 = gst_clock_get_time (clock);
  p1 = liaison_player_query_position_ms (player);

  measured = (double) (p1 - p0) * GST_MSECOND / (double) (t1 - t0);
  g_test_message ("rate %.1f: media %" G_GINT64_FORMAT " ms in %.3f s of clock time: %.3fx",
                  rate, p1 - p0, (double) (t1 - t0) / GST_SECOND, measured);
  g_assert_cmpfloat (measured, >, rate * 0.95);
  g_assert_cmpfloat (measured, <, rate * 1.05);

  /* A seek keeps the rate. */
  {
    gint64 target = 2000;

    liaison_player_pause (player);
    wait_for_seek (player, seek_action, &target);
    p0 = liaison_player_query_position_ms (player);
    t0 = gst_clock_get_time (clock);
    liaison_player_play (player);
    drive_clock (GST_TEST_CLOCK (clock), GST_SECOND);
    t1 = gst_clock_get_time (clock);
    p1 = liaison_player_query_position_ms (player);
    measured = (double) (p1 - p0) * GST_MSECOND / (double) (t1 - t0);
    g_test_message ("after a seek: %.3fx", measured);
    g_assert_cmpint (ABS (p0 - target), <=, 5);
    g_assert_cmpfloat (measured, >, rate * 0.95);
    g_assert_cmpfloat (measured, <, rate * 1.05);
  }

  liaison_player_pause (player);
  player_free (player);
}

static void
test_rate_double (void)
{
  check_rate (2.0);
}

static void
test_rate_half (void)
{
  check_rate (0.5);
}

static void
test_rate_and_volume_clamped (void)
{
  LiaisonPlayer *player = player_new (TRUE);
  double volume;

  liaison_player_set_rate (player, 5.0);
  g_assert_cmpfloat (liaison_player_get_rate (player), ==, 2.0);
  liaison_player_set_rate (player, 0.1);
  g_assert_cmpfloat (liaison_player_get_rate (player), ==, 0.5);
  liaison_player_set_volume (player, 1.5);
  g_assert_cmpfloat (liaison_player_get_volume (player), ==, 1.0);
  liaison_player_set_volume (player, -1);
  g_assert_cmpfloat (liaison_player_get_volume (player), ==, 0.0);
  liaison_player_set_volume (player, 0.25);

  /* Set before load, both reach the pipeline. */
  liaison_player_load (player, wav_path, 0);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);
  g_object_get (liaison_player_get_pipeline (player), "volume", &volume, NULL);
  g_assert_cmpfloat_with_epsilon (volume, 0.25, 1e-6);
  g_assert_cmpfloat (liaison_player_get_rate (player), ==, 0.5);

  player_free (player);
}

static void
test_eos_and_replay (void)
{
  LiaisonPlayer *player = player_new (FALSE);   /* as fast as it decodes */
  gboolean eos = FALSE;
  guint n_positions = 0;

  g_signal_connect (player, "eos", G_CALLBACK (flag_cb), &eos);
  g_signal_connect (player, "notify::position-ms", G_CALLBACK (count_cb), &n_positions);

  liaison_player_load (player, wav_path, 0);
  liaison_player_play (player);   /* while still loading */
  wait_for_state (player, LIAISON_PLAYER_STATE_ENDED);
  g_assert_true (eos);
  g_assert_cmpint (liaison_player_get_position_ms (player), ==, 10000);
  g_assert_cmpuint (n_positions, >, 0);

  /* play() after the end starts again from the beginning. */
  eos = FALSE;
  liaison_player_play (player);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_PLAYING);
  g_assert_cmpint (liaison_player_get_position_ms (player), ==, 0);
  wait_for_state (player, LIAISON_PLAYER_STATE_ENDED);
  g_assert_true (eos);

  /* stop() after the end: paused at 0. */
  liaison_player_stop (player);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_PAUSED);
  g_assert_cmpint (liaison_player_get_position_ms (player), ==, 0);

  player_free (player);
}

static void
first_buffer_cb (LiaisonPlayer *player,
                 gint64         when,
                 gpointer       user_data)
{
  g_assert_cmpint (when, ==, liaison_player_get_first_buffer_time (player));
  *(gboolean *) user_data = TRUE;
}

static void
test_toggle_and_first_buffer (void)
{
  LiaisonPlayer *player = player_new (TRUE);
  gboolean first = FALSE;
  gint64 before;

  g_signal_connect (player, "first-buffer", G_CALLBACK (first_buffer_cb), &first);
  liaison_player_load (player, wav_path, 0);
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);

  before = g_get_monotonic_time ();
  liaison_player_toggle (player);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_PLAYING);
  g_assert_true (liaison_test_wait_flag (&first, WAIT_MS));
  g_assert_cmpint (liaison_player_get_first_buffer_time (player), >=, before);

  /* Once per play or seek. */
  first = FALSE;
  before = g_get_monotonic_time ();
  liaison_player_seek (player, 3000);
  g_assert_true (liaison_test_wait_flag (&first, WAIT_MS));
  g_assert_cmpint (liaison_player_get_first_buffer_time (player), >=, before);

  liaison_player_toggle (player);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_PAUSED);
  g_assert_cmpint (liaison_player_get_position_ms (player), >=, 3000);

  player_free (player);
}

static void
test_error_missing (void)
{
  LiaisonPlayer *player = player_new (TRUE);
  g_autofree char *path = g_build_filename (tmpdir, "no-such-recording.mp3", NULL);
  const GError *error;

  liaison_player_load (player, path, 10000);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_ERROR);
  error = liaison_player_get_error (player);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-recording.mp3"));

  /* Nothing happens, nothing crashes. */
  liaison_player_play (player);
  liaison_player_seek (player, 1000);
  liaison_player_set_rate (player, 2.0);
  g_assert_cmpint (liaison_player_get_state (player), ==, LIAISON_PLAYER_STATE_ERROR);

  /* A good file afterwards clears the error. */
  liaison_player_load (player, wav_path, 0);
  g_assert_null (liaison_player_get_error (player));
  wait_for_state (player, LIAISON_PLAYER_STATE_PAUSED);

  player_free (player);
}

static void
check_corrupt (const char *name,
               const char *contents,
               gsize       length)
{
  g_autoptr(GError) write_error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  LiaisonPlayer *player = player_new (TRUE);
  const GError *error;

  g_file_set_contents (path, contents, length, &write_error);
  g_assert_no_error (write_error);

  liaison_player_load (player, path, 0);
  liaison_player_play (player);
  wait_for_state (player, LIAISON_PLAYER_STATE_ERROR);
  error = liaison_player_get_error (player);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  g_assert_true (g_str_has_prefix (error->message, "Could not play the recording: "));
  g_assert_cmpuint (strlen (error->message), >, strlen ("Could not play the recording: "));

  player_free (player);
}

static void
test_error_corrupt (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  char noise[4096];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  /* Make sure it does not start like an MP3 frame or a tag. */
  noise[0] = 'x';
  check_corrupt ("noise.mp3", noise, sizeof noise);
  check_corrupt ("empty.wav", "", 0);
  check_corrupt ("text.wav", "this is not audio at all\n", strlen ("this is not audio at all\n"));
}

static void
run_test (gconstpointer data)
{
  make_files ();
  ((GTestFunc) data) ();
}

static void
add_test (const char *path,
          GTestFunc   func)
{
  g_test_add_data_func (path, (gconstpointer) func, run_test);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  liaison_test_init (&argc, &argv);

  add_test ("/player/wav/duration-and-seek", test_wav_duration_and_seek);
  add_test ("/player/mp3/xing/duration-and-seek", test_mp3_xing_duration_and_seek);
  add_test ("/player/mp3/no-xing/duration", test_mp3_without_xing);
  add_test ("/player/rate/double", test_rate_double);
  add_test ("/player/rate/half", test_rate_half);
  add_test ("/player/rate-and-volume/clamped", test_rate_and_volume_clamped);
  add_test ("/player/eos-and-replay", test_eos_and_replay);
  add_test ("/player/toggle-and-first-buffer", test_toggle_and_first_buffer);
  add_test ("/player/error/missing", test_error_missing);
  add_test ("/player/error/corrupt", test_error_corrupt);

  ret = g_test_run ();

  if (tmpdir != NULL)
    liaison_test_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (wav_path);
  g_free (mp3_xing_path);
  g_free (mp3_plain_path);

  return ret;
}
