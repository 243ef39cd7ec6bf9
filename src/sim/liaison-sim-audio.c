/* liaison-sim-audio.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-audio.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

/* The samples are laid out here (speech or tones, on the timing model of
 * liaison-sim-audio.h), then one GStreamer pipeline encodes them twice:
 *
 *   appsrc ! tee ─ queue ! wavenc ! filesink
 *               └ queue ! audioconvert ! lamemp3enc ! filesink
 *
 * espeak-ng speaks at 22050 Hz; its samples are brought down to 8 kHz by
 * averaging over each output period (a box low-pass, enough for a test
 * fixture). The text goes to espeak-ng on its standard input, never on a
 * command line. */

#define ESPEAK_WORDS_PER_MINUTE "150"
#define TONE_AMPLITUDE          9000.0

static gsize gst_ready;
static GMutex parse_lock;

/* The espeak-ng voice (--voice), or NULL for its default. Set once at
 * start-up, before any render thread. */
static char *voice;

/* Render threads still running, for sim_audio_wait_idle(). */
static GMutex running_lock;
static GCond running_cond;
static guint running;

gboolean
sim_audio_set_voice (const char  *name,
                     GError     **error)
{
  gsize length = name != NULL ? strlen (name) : 0;

  /* espeak-ng voice names: "en", "es", "pt-br", "en-us+f3", "roa/es". */
  if (length == 0 || length > 32 || name[0] == '-' ||
      strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789-+/_") != length)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an espeak-ng voice name (such as en, es or pt-br)"),
                   name != NULL ? name : "");
      return FALSE;
    }

  g_free (voice);
  voice = g_strdup (name);
  return TRUE;
}

void
sim_audio_spec_free (SimAudioSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->speech);
  g_free (spec->speech_other);
  g_free (spec->wav_path);
  g_free (spec->mp3_path);
  g_free (spec);
}




/* Reads 16-bit PCM out of espeak-ng's WAV (whose sizes are left at
 * 0x7fff…, as it streams). */
/* Little-endian fields at any alignment (WAV headers are not aligned). */
static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static gint16 *
parse_wav (GBytes *bytes,
           guint  *out_rate,
           gsize  *out_n_samples)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize pos = 12;
  guint rate = 0, channels = 0, bits = 0;

  if (size < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    return NULL;

  while (pos + 8 <= size)
    {
      guint32 chunk_size = read_le32 (data + pos + 4);

      if (memcmp (data + pos, "fmt ", 4) == 0 && pos + 8 + 16 <= size)
        {
          channels = read_le16 (data + pos + 10);
          rate = read_le32 (data + pos + 12);
          bits = read_le16 (data + pos + 22);
        }
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          gsize available = size - pos - 8;
          gsize n_bytes = MIN ((gsize) chunk_size, available);
          gsize n_samples;
          gint16 *samples;

          if (rate == 0 || channels != 1 || bits != 16)
            return NULL;
          n_samples = n_bytes / 2;
          samples = g_new (gint16, MAX (n_samples, 1));
          for (gsize i = 0; i < n_samples; i++)
            samples[i] = (gint16) read_le16 (data + pos + 8 + 2 * i);
          *out_rate = rate;
          *out_n_samples = n_samples;
          return samples;
        }
      if (chunk_size > size)
        break;
      pos += 8 + chunk_size + (chunk_size & 1);
    }

  return NULL;
}

/* Speaks @text with espeak-ng; NULL when it is not installed or fails. */
static gint16 *
speak (const char   *text,
       gsize        *out_n_samples,
       GCancellable *cancellable)
{
  g_autofree char *program = g_find_program_in_path ("espeak-ng");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint16 *samples = NULL;
  gsize n_samples = 0;
  guint rate = 0;
  gsize n_out;
  gint16 *out;
  double step;

  if (program == NULL || g_getenv ("LIAISON_SIM_NO_SPEECH") != NULL)
    return NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                              | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              program, "--stdout", "-s", ESPEAK_WORDS_PER_MINUTE, "-b", "1",
                              "-v", voice != NULL ? voice : "en", "--stdin",
                              NULL);
  if (process == NULL)
    {
      g_warning ("espeak-ng: %s", error->message);
      return NULL;
    }
  input = g_bytes_new (text, strlen (text));
  if (!g_subprocess_communicate (process, input, cancellable, &output, NULL, &error)
      || !g_subprocess_get_successful (process) || output == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("espeak-ng failed: %s", error != NULL ? error->message : "exit status");
      return NULL;
    }

  samples = parse_wav (output, &rate, &n_samples);
  if (samples == NULL || n_samples == 0)
    return NULL;

  /* Down to 8 kHz: each output sample is the mean of its input period. */
  step = (double) rate / SIM_AUDIO_RATE;
  n_out = (gsize) (n_samples / step);
  out = g_new0 (gint16, MAX (n_out, 1));
  for (gsize i = 0; i < n_out; i++)
    {
      gsize first = (gsize) (i * step);
      gsize last = MIN ((gsize) ((i + 1) * step), n_samples);
      gint64 sum = 0;

      for (gsize j = first; j < last; j++)
        sum += samples[j];
      out[i] = last > first ? (gint16) (sum / (gint64) (last - first)) : 0;
    }

  *out_n_samples = n_out;
  return out;
}

/* A 440 Hz tone for each word of the timing model (0.3 s on, 0.1 s off);
 * one long tone when there is no text at all. */
static void
lay_tones (gint16     *frames,
           guint       channels,
           guint       channel,
           gsize       n_frames,
           const char *text,
           double      offset)
{
  guint n_words = liaison_speech_count_words (text);
  gsize first = (gsize) (offset * SIM_AUDIO_RATE);
  gsize end = text == NULL ? n_frames
              : first + (gsize) (n_words * SIM_AUDIO_WORD_SECONDS * SIM_AUDIO_RATE);
  double freq = channel == 0 ? 440.0 : 660.0;

  for (gsize i = first; i < MIN (end, n_frames); i++)
    {
      double t = (double) (i - first) / SIM_AUDIO_RATE;
      double in_word = fmod (t, SIM_AUDIO_WORD_SECONDS);

      if (text != NULL && in_word > 0.3)
        continue;
      frames[i * channels + channel] = (gint16) (TONE_AMPLITUDE * sin (2 * G_PI * freq * t));
    }
}

static void
lay_channel (gint16       *frames,
             guint         channels,
             guint         channel,
             gsize         n_frames,
             const char   *text,
             double        offset,
             GCancellable *cancellable)
{
  g_autofree gint16 *speech = NULL;
  gsize n_speech = 0;
  gsize first = (gsize) (offset * SIM_AUDIO_RATE);

  if (text != NULL)
    speech = speak (text, &n_speech, cancellable);
  if (speech == NULL)
    {
      lay_tones (frames, channels, channel, n_frames, text, offset);
      return;
    }
  for (gsize i = 0; i < n_speech && first + i < n_frames; i++)
    frames[(first + i) * channels + channel] = speech[i];
}

static gboolean
encode (const SimAudioSpec *spec,
        GBytes             *pcm,
        GCancellable       *cancellable,
        GError            **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) wav_sink = NULL;
  g_autoptr(GstElement) mp3_sink = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  GstBuffer *buffer;
  GstFlowReturn flow = GST_FLOW_OK;
  gboolean ok = FALSE;

  g_mutex_lock (&parse_lock);
  pipeline = gst_parse_launch ("appsrc name=src format=time ! tee name=t"
                               " t. ! queue ! wavenc ! filesink name=wav"
                               " t. ! queue ! audioconvert ! lamemp3enc target=bitrate bitrate=32"
                               " ! filesink name=mp3", error);
  g_mutex_unlock (&parse_lock);
  if (pipeline == NULL)
    return FALSE;
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  wav_sink = gst_bin_get_by_name (GST_BIN (pipeline), "wav");
  mp3_sink = gst_bin_get_by_name (GST_BIN (pipeline), "mp3");
  caps = gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, SIM_AUDIO_RATE,
                              "channels", G_TYPE_INT, (int) spec->channels,
                              "channel-mask", GST_TYPE_BITMASK,
                              (guint64) (spec->channels == 2 ? 0x3 : 0x0),
                              NULL);
  g_object_set (src, "caps", caps, NULL);
  g_object_set (wav_sink, "location", spec->wav_path, NULL);
  g_object_set (mp3_sink, "location", spec->mp3_path, NULL);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The encoding pipeline did not start");
      return FALSE;
    }

  buffer = gst_buffer_new_wrapped_bytes (pcm);
  GST_BUFFER_PTS (buffer) = 0;
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (g_bytes_get_size (pcm) / (2 * spec->channels),
                                                        GST_SECOND, SIM_AUDIO_RATE);
  g_signal_emit_by_name (src, "push-buffer", buffer, &flow);
  gst_buffer_unref (buffer);
  g_signal_emit_by_name (src, "end-of-stream", &flow);

  bus = gst_element_get_bus (pipeline);
  while (!g_cancellable_is_cancelled (cancellable))
    {
      message = gst_bus_timed_pop_filtered (bus, 200 * GST_MSECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message != NULL)
        break;
    }

  if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      ok = TRUE;
    }
  else if (message != NULL)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Encoding failed: %s", gst_error->message);
    }
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Encoding was cancelled");
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SimAudioSpec *spec = task_data;
  gsize n_frames = (gsize) spec->duration * SIM_AUDIO_RATE;
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GError) error = NULL;
  gint16 *frames;
  gint64 started = g_get_monotonic_time ();

  /* Once, with the other render threads waiting: parallel first uses of a
   * fresh plugin registry lose elements ("no element appsrc"). */
  if (g_once_init_enter (&gst_ready))
    {
      gst_init (NULL, NULL);
      g_once_init_leave (&gst_ready, 1);
    }

  g_mutex_lock (&running_lock);
  running++;
  g_mutex_unlock (&running_lock);

  frames = g_new0 (gint16, MAX (n_frames * spec->channels, 1));
  lay_channel (frames, spec->channels, 0, n_frames, spec->speech, 0.0, cancellable);
  if (spec->channels == 2)
    lay_channel (frames, 2, 1, n_frames, spec->speech_other,
                 spec->speech_other != NULL ? liaison_speech_other_offset (spec->speech) : 0.0, cancellable);
  else if (spec->speech_other != NULL)
    /* Mono: both parties mixed into one channel, one after the other. */
    lay_channel (frames, 1, 0, n_frames, spec->speech_other, liaison_speech_other_offset (spec->speech),
                 cancellable);
  pcm = g_bytes_new_take (frames, n_frames * spec->channels * sizeof (gint16));

  if (!encode (spec, pcm, cancellable, &error) || g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      /* Nothing half-written stays behind. */
      g_unlink (spec->wav_path);
      g_unlink (spec->mp3_path);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      g_debug ("Rendered %u s of %u-channel audio in %" G_GINT64_FORMAT " ms", spec->duration, spec->channels,
               (g_get_monotonic_time () - started) / 1000);
      g_task_return_boolean (task, TRUE);
    }

  g_mutex_lock (&running_lock);
  running--;
  g_cond_broadcast (&running_cond);
  g_mutex_unlock (&running_lock);
}

void
sim_audio_wait_idle (void)
{
  g_mutex_lock (&running_lock);
  while (running > 0)
    g_cond_wait (&running_cond, &running_lock);
  g_mutex_unlock (&running_lock);
}

void
sim_audio_render_async (SimAudioSpec        *spec,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sim_audio_render_async);
  g_task_set_task_data (task, spec, (GDestroyNotify) sim_audio_spec_free);
  g_task_run_in_thread (task, render_thread);
}

gboolean
sim_audio_render_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
