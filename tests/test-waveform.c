/* test-waveform.c: LiaisonWaveform peaks and its cache on real audio files
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are made here with GStreamer (audiotestsrc, 8 kHz): a mono WAV
 * with a sine of amplitude 0.5, a dual-channel WAV with a sine of amplitude
 * 0.8 on the left (the advisor) and silence on the right (the client), an
 * MP3 of the mono signal, and a WAV whose length is not a whole number of
 * buckets.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>
#include <utime.h>

#include "liaison-media.h"
#include "liaison-test-audio.h"
#include "liaison-test-utils.h"
#include "liaison-waveform.h"

static char *tmpdir;
static char *mono_path;
static char *dual_path;
static char *mp3_path;
static char *odd_path;

#define MONO_10S "audiotestsrc wave=sine freq=440 volume=0.5 num-buffers=100 samplesperbuffer=800 " \
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
  mono_path = g_build_filename (tmpdir, "mono.wav", NULL);
  dual_path = g_build_filename (tmpdir, "dual.wav", NULL);
  mp3_path = g_build_filename (tmpdir, "mono.mp3", NULL);
  odd_path = g_build_filename (tmpdir, "odd.wav", NULL);

  liaison_test_audio_write (MONO_10S "! wavenc", mono_path);
  liaison_test_audio_write (MONO_10S "! lamemp3enc ! xingmux ! id3v2mux", mp3_path);
  liaison_test_audio_write ("audiotestsrc wave=sine freq=300 volume=0.8 num-buffers=60 samplesperbuffer=800 "
                            "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! i.sink_0 "
                            "audiotestsrc wave=silence num-buffers=60 samplesperbuffer=800 "
                            "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! i.sink_1 "
                            "interleave name=i ! audio/x-raw,channels=2 ! wavenc",
                            dual_path);
  /* 80,040 samples: 10,005 ms. */
  liaison_test_audio_write ("audiotestsrc wave=sine freq=440 volume=0.5 num-buffers=1 samplesperbuffer=80040 "
                            "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! wavenc",
                            odd_path);
}

static LiaisonWaveform *
load (const char *path,
      const char *cache_dir,
      guint       bucket_ms)
{
  g_autoptr(GError) error = NULL;
  LiaisonWaveform *waveform = liaison_waveform_load (path, cache_dir, bucket_ms, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (waveform);
  return waveform;
}

/* Every bucket but the last (possibly partial) one holds a full cycle of
 * the tone, so its peak is the amplitude. */
static void
assert_peaks (LiaisonWaveform *waveform,
              guint            channel,
              double           amplitude,
              double           tolerance)
{
  const float *peaks = liaison_waveform_get_peaks (waveform, channel);
  gsize n = liaison_waveform_get_n_buckets (waveform);

  g_assert_nonnull (peaks);
  for (gsize i = 0; i + 1 < n; i++)
    {
      if (ABS (peaks[i] - amplitude) > tolerance)
        g_error ("channel %u bucket %" G_GSIZE_FORMAT ": peak %f, expected %f", channel, i, peaks[i], amplitude);
    }
}

static void
test_mono_wav (void)
{
  g_autoptr(LiaisonWaveform) waveform = load (mono_path, tmpdir, 10);
  float pixels[100];

  g_assert_cmpuint (liaison_waveform_get_n_channels (waveform), ==, 1);
  g_assert_cmpuint (liaison_waveform_get_bucket_ms (waveform), ==, 10);
  g_assert_cmpuint (liaison_waveform_get_sample_rate (waveform), ==, 8000);
  g_assert_cmpint (liaison_waveform_get_duration_ms (waveform), ==, 10000);
  g_assert_cmpuint (liaison_waveform_get_n_buckets (waveform), ==, 1000);
  g_assert_false (liaison_waveform_get_from_cache (waveform));
  /* S16 quantisation: 0.5 is 16383/32768. */
  assert_peaks (waveform, 0, 0.5, 0.002);

  liaison_waveform_downsample (waveform, 0, 0, 10000, pixels, G_N_ELEMENTS (pixels));
  for (guint i = 0; i < G_N_ELEMENTS (pixels); i++)
    g_assert_cmpfloat_with_epsilon (pixels[i], 0.5, 0.002);

  /* Zoomed in past one bucket per pixel, and past the end. */
  liaison_waveform_downsample (waveform, 0, 9990, 10010, pixels, 20);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpfloat_with_epsilon (pixels[i], 0.5, 0.002);
  for (guint i = 10; i < 20; i++)
    g_assert_cmpfloat (pixels[i], ==, 0.0);
}

static void
test_dual_channel (void)
{
  g_autoptr(LiaisonWaveform) waveform = load (dual_path, tmpdir, 20);
  float advisor[50], client[50];

  g_assert_cmpuint (liaison_waveform_get_n_channels (waveform), ==, 2);
  g_assert_cmpint (liaison_waveform_get_duration_ms (waveform), ==, 6000);
  g_assert_cmpuint (liaison_waveform_get_n_buckets (waveform), ==, 300);
  assert_peaks (waveform, 0, 0.8, 0.002);
  assert_peaks (waveform, 1, 0.0, 0.0001);

  liaison_waveform_downsample (waveform, 0, 0, 6000, advisor, 50);
  liaison_waveform_downsample (waveform, 1, 0, 6000, client, 50);
  for (guint i = 0; i < 50; i++)
    {
      g_assert_cmpfloat_with_epsilon (advisor[i], 0.8, 0.002);
      g_assert_cmpfloat (client[i], <, 0.0001);
    }
}

static void
test_mp3 (void)
{
  g_autoptr(LiaisonWaveform) waveform = load (mp3_path, tmpdir, 10);
  const float *peaks = liaison_waveform_get_peaks (waveform, 0);
  gint64 duration = liaison_waveform_get_duration_ms (waveform);
  gsize n = liaison_waveform_get_n_buckets (waveform);

  g_test_message ("MP3: %" G_GINT64_FORMAT " ms, %" G_GSIZE_FORMAT " buckets", duration, n);
  g_assert_cmpuint (liaison_waveform_get_n_channels (waveform), ==, 1);
  g_assert_cmpint (duration, >=, 10000);
  g_assert_cmpint (duration, <=, 10300);
  g_assert_cmpuint (n, ==, (duration + 9) / 10);
  /* Lossy: the middle of the signal is near the amplitude. */
  for (gsize i = n / 10; i < n - n / 10; i++)
    g_assert_cmpfloat_with_epsilon (peaks[i], 0.5, 0.05);
}

static void
test_partial_bucket (void)
{
  g_autoptr(LiaisonWaveform) w20 = load (odd_path, tmpdir, 20);
  g_autoptr(LiaisonWaveform) w7 = NULL;

  g_assert_cmpint (liaison_waveform_get_duration_ms (w20), ==, 10005);
  g_assert_cmpuint (liaison_waveform_get_n_buckets (w20), ==, 501);   /* ceil (10005 / 20) */
  g_assert_cmpfloat_with_epsilon (liaison_waveform_get_peaks (w20, 0)[500], 0.5, 0.05);

  /* Another bucket length is another computation (the cache does not match). */
  w7 = load (odd_path, tmpdir, 7);
  g_assert_false (liaison_waveform_get_from_cache (w7));
  g_assert_cmpuint (liaison_waveform_get_n_buckets (w7), ==, 1430);   /* ceil (10005 / 7) */
}

/* Other sample formats: F32 is read as is, U8 and S24 through audioconvert. */
static void
test_formats (void)
{
  static const struct {
    const char *format;
    guint       channels;
    double      tolerance;
  } formats[] = {
    { "F32LE", 1, 0.0001 },
    { "F32LE", 2, 0.0001 },
    { "U8", 1, 0.01 },
    { "S24LE", 3, 0.0001 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("format-%s-%u.wav", formats[i].format, formats[i].channels);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autofree char *description = g_strdup_printf ("audiotestsrc wave=sine freq=250 volume=0.5 num-buffers=20 samplesperbuffer=800 "
                                                      "! audio/x-raw,format=%s,rate=8000,channels=%u,channel-mask=(bitmask)0 ! wavenc",
                                                      formats[i].format, formats[i].channels);
      g_autoptr(LiaisonWaveform) waveform = NULL;

      liaison_test_audio_write (description, path);
      waveform = load (path, tmpdir, 20);
      g_test_message ("%s", name);
      g_assert_cmpuint (liaison_waveform_get_n_channels (waveform), ==, formats[i].channels);
      g_assert_cmpint (liaison_waveform_get_duration_ms (waveform), ==, 2000);
      g_assert_cmpuint (liaison_waveform_get_n_buckets (waveform), ==, 100);
      for (guint c = 0; c < formats[i].channels; c++)
        assert_peaks (waveform, c, 0.5, formats[i].tolerance);
    }
}

static void
assert_same (LiaisonWaveform *a,
             LiaisonWaveform *b)
{
  g_assert_cmpuint (liaison_waveform_get_n_channels (a), ==, liaison_waveform_get_n_channels (b));
  g_assert_cmpuint (liaison_waveform_get_bucket_ms (a), ==, liaison_waveform_get_bucket_ms (b));
  g_assert_cmpuint (liaison_waveform_get_n_buckets (a), ==, liaison_waveform_get_n_buckets (b));
  g_assert_cmpuint (liaison_waveform_get_sample_rate (a), ==, liaison_waveform_get_sample_rate (b));
  g_assert_cmpint (liaison_waveform_get_duration_ms (a), ==, liaison_waveform_get_duration_ms (b));
  for (guint c = 0; c < liaison_waveform_get_n_channels (a); c++)
    g_assert_cmpmem (liaison_waveform_get_peaks (a, c), liaison_waveform_get_n_buckets (a) * sizeof (float),
                     liaison_waveform_get_peaks (b, c), liaison_waveform_get_n_buckets (b) * sizeof (float));
}

static void
damage (const char *cache_path,
        void      (*how) (char *data, gsize *length))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_file_get_contents (cache_path, &data, &length, &error);
  g_assert_no_error (error);
  how (data, &length);
  g_file_set_contents (cache_path, data, length, &error);
  g_assert_no_error (error);
}

static void
truncate_body (char *data, gsize *length)    { *length -= 13; }
static void
truncate_header (char *data, gsize *length)  { *length = 20; }
static void
empty (char *data, gsize *length)            { *length = 0; }
static void
bad_magic (char *data, gsize *length)        { data[0] ^= 0x55; }
static void
huge_count (char *data, gsize *length)       { memset (data + 56, 0xff, 8); }
static void
bad_channels (char *data, gsize *length)     { memset (data + 16, 0x7f, 4); }
static void
garbage_peaks (char *data, gsize *length)    { memset (data + 64, 0xff, *length - 64); }

static void
test_cache (void)
{
  g_autofree char *cache_dir = g_build_filename (tmpdir, "cache", NULL);
  g_autofree char *cache_path = liaison_waveform_get_cache_path (dual_path, cache_dir);
  g_autoptr(LiaisonWaveform) first = NULL;
  g_autoptr(LiaisonWaveform) second = NULL;
  void (*damages[]) (char *, gsize *) = {
    truncate_body, truncate_header, empty, bad_magic, huge_count, bad_channels,
  };
  GStatBuf st;

  g_assert_true (g_str_has_prefix (cache_path, cache_dir));
  g_assert_false (g_file_test (cache_path, G_FILE_TEST_EXISTS));

  first = load (dual_path, cache_dir, 10);
  g_assert_false (liaison_waveform_get_from_cache (first));
  g_assert_cmpint (g_stat (cache_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  second = load (dual_path, cache_dir, 10);
  g_assert_true (liaison_waveform_get_from_cache (second));
  assert_same (first, second);

  /* Damaged caches are decoded again, and rewritten. */
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autoptr(LiaisonWaveform) rebuilt = NULL;
      g_autoptr(LiaisonWaveform) reloaded = NULL;

      damage (cache_path, damages[i]);
      rebuilt = load (dual_path, cache_dir, 10);
      g_assert_false (liaison_waveform_get_from_cache (rebuilt));
      assert_same (first, rebuilt);
      reloaded = load (dual_path, cache_dir, 10);
      g_assert_true (liaison_waveform_get_from_cache (reloaded));
      assert_same (first, reloaded);
    }

  /* Peaks out of range (NaN here) never reach the caller as such. */
  damage (cache_path, garbage_peaks);
  {
    g_autoptr(LiaisonWaveform) odd = load (dual_path, cache_dir, 10);
    const float *peaks = liaison_waveform_get_peaks (odd, 0);

    g_assert_true (liaison_waveform_get_from_cache (odd));
    for (gsize i = 0; i < liaison_waveform_get_n_buckets (odd); i++)
      g_assert_true (peaks[i] >= 0.0f && peaks[i] <= 1.0f);
  }

  /* A changed recording (other mtime) makes the cache stale. */
  {
    g_autoptr(LiaisonWaveform) fresh = NULL;
    struct utimbuf times = { .actime = 1000000000, .modtime = 1000000000 };

    g_assert_cmpint (g_utime (dual_path, &times), ==, 0);
    fresh = load (dual_path, cache_dir, 10);
    g_assert_false (liaison_waveform_get_from_cache (fresh));
    assert_same (first, fresh);
  }
}

static void
test_cache_next_to_audio (void)
{
  g_autofree char *cache_path = g_strconcat (mono_path, ".peaks", NULL);
  g_autoptr(LiaisonWaveform) first = NULL;
  g_autoptr(LiaisonWaveform) second = NULL;
  g_autofree char *got = liaison_waveform_get_cache_path (mono_path, NULL);

  g_assert_cmpstr (got, ==, cache_path);
  g_remove (cache_path);
  first = load (mono_path, NULL, 10);
  g_assert_false (liaison_waveform_get_from_cache (first));
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));
  second = load (mono_path, NULL, 10);
  g_assert_true (liaison_waveform_get_from_cache (second));
  assert_same (first, second);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
destroy_cb (gpointer user_data)
{
  *(double *) user_data = -1.0;   /* marks "destroyed" */
}

static void
test_async (void)
{
  g_autofree char *cache_dir = g_build_filename (tmpdir, "async", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonWaveform) waveform = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  double progress = 0.0;
  double final_progress;

  liaison_waveform_load_async (mp3_path, cache_dir, 10, NULL, progress_cb, &progress, NULL,
                               liaison_test_async_cb, &result);
  waveform = liaison_waveform_load_finish (liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_false (liaison_waveform_get_from_cache (waveform));
  /* Reports queued before the result have run by now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  final_progress = progress;
  g_test_message ("last progress report: %.2f", final_progress);
  g_assert_cmpfloat (final_progress, >, 0.5);
  g_clear_object (&result);
  g_clear_object (&waveform);

  /* Cancelled before it starts: a cancellation error, nothing cached. */
  g_cancellable_cancel (cancellable);
  liaison_waveform_load_async (mono_path, cache_dir, 10, cancellable, progress_cb, &progress, destroy_cb,
                               liaison_test_async_cb, &result);
  waveform = liaison_waveform_load_finish (liaison_test_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (waveform);
  {
    g_autofree char *cache_path = liaison_waveform_get_cache_path (mono_path, cache_dir);

    g_assert_false (g_file_test (cache_path, G_FILE_TEST_EXISTS));
  }
  g_clear_object (&result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (progress, ==, -1.0);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (tmpdir, "missing.wav", NULL);
  g_autofree char *corrupt = g_build_filename (tmpdir, "corrupt.mp3", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  char noise[8192];
  LiaisonWaveform *waveform;

  waveform = liaison_waveform_load (missing, tmpdir, 10, NULL, &error);
  g_assert_null (waveform);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.wav"));
  g_clear_error (&error);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  noise[0] = 'x';
  g_file_set_contents (corrupt, noise, sizeof noise, &error);
  g_assert_no_error (error);
  waveform = liaison_waveform_load (corrupt, tmpdir, 10, NULL, &error);
  g_assert_null (waveform);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Could not read the recording: "));
  g_clear_error (&error);

  waveform = liaison_waveform_load (tmpdir, NULL, 10, NULL, &error);
  g_assert_null (waveform);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
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

  add_test ("/waveform/mono-wav", test_mono_wav);
  add_test ("/waveform/dual-channel", test_dual_channel);
  add_test ("/waveform/mp3", test_mp3);
  add_test ("/waveform/partial-bucket", test_partial_bucket);
  add_test ("/waveform/formats", test_formats);
  add_test ("/waveform/cache", test_cache);
  add_test ("/waveform/cache-next-to-audio", test_cache_next_to_audio);
  add_test ("/waveform/async", test_async);
  add_test ("/waveform/errors", test_errors);

  ret = g_test_run ();

  if (tmpdir != NULL)
    liaison_test_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (mono_path);
  g_free (dual_path);
  g_free (mp3_path);
  g_free (odd_path);

  return ret;
}
