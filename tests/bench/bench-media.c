/* bench-media.c: the recording player and the waveform on 60-minute files
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates once (cached in $G_TEST_BUILDDIR/bench-data/) a 60-minute 8 kHz
 * mono WAV and a 60-minute 8 kHz mono MP3 (lamemp3enc, 32 kbit/s CBR, Xing
 * header), then measures:
 *
 *   - the waveform computation (no cache) against a bare decode of the same
 *     file (uridecodebin ! fakesink sync=false): the waveform must run at
 *     >= 80 % of the bare decode's speed;
 *   - loading the waveform from its cache;
 *   - play() to the first audio buffer at the sink, on a loaded file (and
 *     load() + play() on a file in the OS cache) (target median <= 150 ms);
 *   - seek() while playing to the first buffer after the seek (target
 *     median <= 50 ms), and to the seek's completion.
 *
 * The player uses its default audio sink (autoaudiosink; with no sound
 * server it falls back to a fake sink that syncs to the clock). Timings are
 * printed with their targets and PASS/MISS; the benchmark never fails on
 * timing.
 */

#define G_LOG_DOMAIN "bench-media"

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "liaison-media.h"
#include "liaison-player.h"
#include "liaison-test-audio.h"
#include "liaison-waveform.h"

#define DURATION_S         3600
#define WAVEFORM_RUNS      5
#define PLAY_RUNS          15
#define SEEK_RUNS          25
#define TARGET_RATIO       0.80
#define TARGET_FIRST_MS    150.0
#define TARGET_SEEK_MS     50.0
#define WAIT_US            (20 * G_USEC_PER_SEC)

#define SOURCE_60MIN "audiotestsrc wave=sine freq=440 volume=0.5 num-buffers=3600 samplesperbuffer=8000 " \
                     "! audio/x-raw,format=S16LE,rate=8000,channels=1 "

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (double *v,
           guint   n)
{
  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
report (const char *name,
        double     *ms,
        guint       n,
        double      target_ms)
{
  double median = median_of (ms, n);
  double p95 = ms[MIN (n - 1, (guint) ceil (0.95 * n) - 1)];

  if (target_ms > 0)
    printf ("%s: median %.2f ms, p95 %.2f ms, max %.2f ms over %u runs (target median <= %.0f ms) %s\n",
            name, median, p95, ms[n - 1], n, target_ms, median <= target_ms ? "PASS" : "MISS");
  else
    printf ("%s: median %.2f ms, p95 %.2f ms, max %.2f ms over %u runs\n",
            name, median, p95, ms[n - 1], n);
  fflush (stdout);
}

static char *
ensure_file (const char *dir,
             const char *name,
             const char *description)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = NULL;
  gint64 t0;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      printf ("# reusing %s\n", path);
      return path;
    }

  partial = g_strconcat (path, ".partial", NULL);
  printf ("# generating %s\n", path);
  fflush (stdout);
  t0 = g_get_monotonic_time ();
  liaison_test_audio_write (description, partial);
  if (g_rename (partial, path) != 0)
    g_error ("Could not rename %s: %s", partial, g_strerror (errno));
  printf ("# generated in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  return path;
}

/* The bare decode: uridecodebin ! fakesink sync=false. */

static void
bare_pad_added_cb (GstElement *decodebin,
                   GstPad     *pad,
                   gpointer    user_data)
{
  g_autoptr(GstPad) sink_pad = gst_element_get_static_pad (GST_ELEMENT (user_data), "sink");

  if (!gst_pad_is_linked (sink_pad))
    gst_pad_link (pad, sink_pad);
}

static double
bare_decode_seconds (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = gst_filename_to_uri (path, &error);
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  g_autoptr(GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  g_autoptr(GstMessage) message = NULL;
  GstElement *decodebin = gst_element_factory_make ("uridecodebin", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  gint64 t0;

  g_assert_no_error (error);
  g_object_set (decodebin, "uri", uri, NULL);
  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), decodebin, sink, NULL);
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (bare_pad_added_cb), sink);

  t0 = g_get_monotonic_time ();
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
waveform_seconds (const char *path,
                  const char *cache_dir,
                  gboolean    cached)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonWaveform) waveform = NULL;
  g_autofree char *cache_path = liaison_waveform_get_cache_path (path, cache_dir);
  gint64 t0;

  if (!cached)
    g_remove (cache_path);
  t0 = g_get_monotonic_time ();
  waveform = liaison_waveform_load (path, cache_dir, LIAISON_WAVEFORM_DEFAULT_BUCKET_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_waveform_get_from_cache (waveform) == cached);
  g_assert_cmpint (liaison_waveform_get_duration_ms (waveform), >=, DURATION_S * 1000);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static void
bench_waveform (const char *label,
                const char *path,
                const char *cache_dir)
{
  double wave[WAVEFORM_RUNS], bare[WAVEFORM_RUNS], cached[WAVEFORM_RUNS];
  double wave_s, bare_s, ratio;

  /* One warm-up of each, so both read the file from the OS cache. */
  bare_decode_seconds (path);
  for (guint i = 0; i < WAVEFORM_RUNS; i++)
    {
      wave[i] = waveform_seconds (path, cache_dir, FALSE);
      bare[i] = bare_decode_seconds (path);
      cached[i] = waveform_seconds (path, cache_dir, TRUE) * 1000;
    }
  wave_s = median_of (wave, WAVEFORM_RUNS);
  bare_s = median_of (bare, WAVEFORM_RUNS);
  ratio = bare_s / wave_s;

  printf ("%s waveform (10 ms buckets, no cache): median %.3f s over %u runs, %.0fx real time\n",
          label, wave_s, WAVEFORM_RUNS, DURATION_S / wave_s);
  printf ("%s bare decode (uridecodebin ! fakesink sync=false): median %.3f s, %.0fx real time\n",
          label, bare_s, DURATION_S / bare_s);
  printf ("%s waveform speed / bare decode speed: %.0f%% (target >= %.0f%%) %s\n",
          label, ratio * 100, TARGET_RATIO * 100, ratio >= TARGET_RATIO ? "PASS" : "MISS");
  {
    g_autofree char *name = g_strdup_printf ("%s waveform from cache", label);

    report (name, cached, WAVEFORM_RUNS, 0);
  }
}

/* The player */

typedef struct {
  gboolean first_buffer;
  gboolean seek_done;
  gboolean paused;
  gint64   seek_done_time;
} Events;

static void
first_buffer_cb (LiaisonPlayer *player,
                 gint64         when,
                 Events        *events)
{
  events->first_buffer = TRUE;
}

static void
seek_done_cb (LiaisonPlayer *player,
              Events        *events)
{
  events->seek_done_time = g_get_monotonic_time ();
  events->seek_done = TRUE;
}

static void
state_cb (LiaisonPlayer *player,
          GParamSpec    *pspec,
          Events        *events)
{
  if (liaison_player_get_state (player) == LIAISON_PLAYER_STATE_PAUSED)
    events->paused = TRUE;
  else if (liaison_player_get_state (player) == LIAISON_PLAYER_STATE_ERROR)
    g_error ("Player error: %s", liaison_player_get_error (player)->message);
}

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the player");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
load_paused (LiaisonPlayer *player,
             Events        *events,
             const char    *path)
{
  events->paused = FALSE;
  liaison_player_load (player, path, DURATION_S * 1000);
  wait_for (&events->paused);
}

static void
bench_player (const char *label,
              const char *path)
{
  g_autoptr(LiaisonPlayer) player = liaison_player_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  double play_ms[PLAY_RUNS], cold_ms[PLAY_RUNS], seek_ms[SEEK_RUNS], seek_done_ms[SEEK_RUNS];
  Events events = { 0 };
  g_autofree char *name = NULL;

  g_signal_connect (player, "first-buffer", G_CALLBACK (first_buffer_cb), &events);
  g_signal_connect (player, "seek-done", G_CALLBACK (seek_done_cb), &events);
  g_signal_connect (player, "notify::state", G_CALLBACK (state_cb), &events);

  /* play() on a loaded (paused) file. */
  for (guint i = 0; i < PLAY_RUNS; i++)
    {
      gint64 t0;

      load_paused (player, &events, path);
      events.first_buffer = FALSE;
      t0 = g_get_monotonic_time ();
      liaison_player_play (player);
      wait_for (&events.first_buffer);
      play_ms[i] = (liaison_player_get_first_buffer_time (player) - t0) / 1000.0;
      liaison_player_pause (player);
    }
  name = g_strdup_printf ("%s play() to first buffer, loaded file", label);
  report (name, play_ms, PLAY_RUNS, TARGET_FIRST_MS);
  g_clear_pointer (&name, g_free);

  /* load() + play() at once (the file in the OS cache). */
  for (guint i = 0; i < PLAY_RUNS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      events.first_buffer = FALSE;
      liaison_player_load (player, path, DURATION_S * 1000);
      liaison_player_play (player);
      wait_for (&events.first_buffer);
      cold_ms[i] = (liaison_player_get_first_buffer_time (player) - t0) / 1000.0;
      liaison_player_pause (player);
    }
  name = g_strdup_printf ("%s load() + play() to first buffer", label);
  report (name, cold_ms, PLAY_RUNS, TARGET_FIRST_MS);
  g_clear_pointer (&name, g_free);

  /* seek() while playing, to random places. */
  load_paused (player, &events, path);
  events.first_buffer = FALSE;
  liaison_player_play (player);
  wait_for (&events.first_buffer);
  for (guint i = 0; i < SEEK_RUNS; i++)
    {
      gint64 target = g_rand_int_range (rand, 0, (DURATION_S - 10) * 1000);
      gint64 t0;

      /* Let it play a little between seeks. */
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      events.first_buffer = FALSE;
      events.seek_done = FALSE;
      t0 = g_get_monotonic_time ();
      liaison_player_seek (player, target);
      wait_for (&events.first_buffer);
      wait_for (&events.seek_done);
      seek_ms[i] = (liaison_player_get_first_buffer_time (player) - t0) / 1000.0;
      seek_done_ms[i] = (events.seek_done_time - t0) / 1000.0;
    }
  name = g_strdup_printf ("%s seek() while playing to first buffer", label);
  report (name, seek_ms, SEEK_RUNS, TARGET_SEEK_MS);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("%s seek() while playing to seek-done (position reported)", label);
  report (name, seek_done_ms, SEEK_RUNS, TARGET_SEEK_MS);

  liaison_player_pause (player);
  g_signal_handlers_disconnect_by_data (player, &events);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *dir = g_build_filename (builddir != NULL ? builddir : ".", "bench-data", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "waveform-cache", NULL);
  g_autofree char *wav = NULL;
  g_autofree char *mp3 = NULL;

  if (!liaison_media_init (&error))
    g_error ("%s", error->message);
  g_mkdir_with_parents (dir, 0700);

  wav = ensure_file (dir, "media-60min-8k-mono.wav", SOURCE_60MIN "! wavenc");
  mp3 = ensure_file (dir, "media-60min-8k-mono.mp3",
                     SOURCE_60MIN "! lamemp3enc target=bitrate bitrate=32 cbr=true ! xingmux ! id3v2mux");

  bench_waveform ("WAV 60 min 8 kHz mono", wav, cache_dir);
  bench_waveform ("MP3 60 min 8 kHz mono 32 kbit/s", mp3, cache_dir);
  bench_player ("WAV", wav);
  bench_player ("MP3", mp3);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
