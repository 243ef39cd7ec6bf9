/* bench-transcribe.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "liaison-local-transcriber.h"
#include "liaison-media.h"
#include "liaison-transcript-sentence.h"

/* On-device transcription speed, as a multiple of real time, on about 60 s
 * of espeak-ng speech at 8 kHz (what Twilio records): a mono file, then a
 * dual-channel one (both channels recognised in parallel), then the mono
 * speech at 16 kHz for comparison. Prints the figures and the word overlap
 * with what was said. */

#define VOICE   "en-us+klatt2"
#define SECONDS 60

static const char *sentences[] = {
  "please call me back tomorrow morning about the retirement account",
  "your balance is ready and the money is in your savings account",
  "thank you very much I will call the office on monday",
  "we can talk about the insurance plan next week",
};

static GArray *
speak (const char *dir,
       const char *text,
       int        *rate)
{
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *path = g_build_filename (dir, "espeak.wav", NULL);
  g_autofree guint8 *data = NULL;
  gsize length = 0, pos = 12;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { NULL, "-v", VOICE, "-w", NULL, text, NULL };
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint16));

  if (espeak == NULL)
    g_error ("espeak-ng is not installed");
  argv[0] = espeak;
  argv[4] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      !g_file_get_contents (path, (char **) &data, &length, &error))
    g_error ("espeak-ng: %s", error->message);
  g_unlink (path);

  /* 16-bit mono PCM; find "fmt " and "data". */
  while (pos + 8 <= length)
    {
      guint32 size = GUINT32_FROM_LE (*(guint32 *) (data + pos + 4));
      gsize available = MIN ((gsize) size, length - pos - 8);

      if (memcmp (data + pos, "fmt ", 4) == 0 && available >= 16)
        *rate = (int) GUINT32_FROM_LE (*(guint32 *) (data + pos + 12));
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          for (gsize i = 0; i + 1 < available; i += 2)
            {
              gint16 v = (gint16) (data[pos + 8 + i] | (data[pos + 9 + i] << 8));

              g_array_append_val (samples, v);
            }
          break;
        }
      pos += 8 + size + (size & 1);
    }
  return samples;
}

static void
write_wav (const char   *path,
           guint         channels,
           int           rate,
           const gint16 *interleaved,
           gsize         frames)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 data_size = (guint32) (frames * channels * 2);
  guint32 u32;
  guint16 u16;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  u32 = GUINT32_TO_LE (36 + data_size); g_byte_array_append (out, (guint8 *) &u32, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  u32 = GUINT32_TO_LE (16); g_byte_array_append (out, (guint8 *) &u32, 4);
  u16 = GUINT16_TO_LE (1); g_byte_array_append (out, (guint8 *) &u16, 2);
  u16 = GUINT16_TO_LE (channels); g_byte_array_append (out, (guint8 *) &u16, 2);
  u32 = GUINT32_TO_LE ((guint32) rate); g_byte_array_append (out, (guint8 *) &u32, 4);
  u32 = GUINT32_TO_LE ((guint32) rate * channels * 2); g_byte_array_append (out, (guint8 *) &u32, 4);
  u16 = GUINT16_TO_LE (channels * 2); g_byte_array_append (out, (guint8 *) &u16, 2);
  u16 = GUINT16_TO_LE (16); g_byte_array_append (out, (guint8 *) &u16, 2);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  u32 = GUINT32_TO_LE (data_size); g_byte_array_append (out, (guint8 *) &u32, 4);
  for (gsize i = 0; i < frames * channels; i++)
    {
      u16 = GUINT16_TO_LE ((guint16) interleaved[i]);
      g_byte_array_append (out, (guint8 *) &u16, 2);
    }
  if (!g_file_set_contents (path, (const char *) out->data, out->len, &error))
    g_error ("%s", error->message);
}

/* Converts @in (any WAV) to 16-bit PCM at @rate with GStreamer. */
static void
resample (const char *in,
          const char *out,
          int         rate)
{
  g_autofree char *description =
    g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! audioresample ! "
                     "audio/x-raw,format=S16LE,rate=%d ! wavenc ! filesink location=\"%s\"", in, rate, out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (pipeline == NULL)
    g_error ("%s", error->message);
  gst_object_ref_sink (pipeline);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    g_error ("Could not resample %s", in);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static GStrv
words (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p) && *p != '\'')
      *p = ' ';
  return g_strsplit_set (g_strstrip (lower), " ", -1);
}

/* Fraction of the reference's words found in the hypothesis (each
 * hypothesis word used once). */
static double
word_overlap (const char *reference,
              const char *hypothesis)
{
  g_auto(GStrv) ref = words (reference);
  g_auto(GStrv) hyp = words (hypothesis);
  guint n_hyp = g_strv_length (hyp);
  g_autofree gboolean *used = g_new0 (gboolean, n_hyp + 1);
  guint n_ref = 0, found = 0;

  for (guint i = 0; ref[i] != NULL; i++)
    {
      if (ref[i][0] == '\0')
        continue;
      n_ref++;
      for (guint j = 0; j < n_hyp; j++)
        if (!used[j] && g_str_equal (ref[i], hyp[j]))
          {
            used[j] = TRUE;
            found++;
            break;
          }
    }
  return n_ref > 0 ? (double) found / n_ref : 0.0;
}

static void
run (const char *label,
     const char *path,
     double      seconds,
     const char *reference,
     int         channel)
{
  g_autoptr(LiaisonLocalTranscriber) transcriber = liaison_local_transcriber_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  result = liaison_local_transcriber_transcribe_sync (transcriber, file, NULL, &error);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  if (result == NULL)
    g_error ("%s: %s", label, error->message);
  for (guint i = 0; i < result->len; i++)
    {
      LiaisonTranscriptSentence *s = g_ptr_array_index (result, i);

      if (channel < 0 || liaison_transcript_sentence_get_channel (s) == channel)
        g_string_append_printf (text, "%s ", liaison_transcript_sentence_get_text (s));
    }

  g_print ("%s: %.1f s of audio in %.2f s: %.2fx real time, %u sentences, word overlap %.2f\n",
           label, seconds, elapsed, seconds / elapsed, result->len, word_overlap (reference, text->str));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liaison-bench-transcribe-XXXXXX", &error);
  g_autofree char *wide = NULL;
  g_autofree char *mono = NULL;
  g_autofree char *mono16 = NULL;
  g_autofree char *wide_dual = NULL;
  g_autofree char *dual = NULL;
  g_autoptr(GArray) track = g_array_new (FALSE, TRUE, sizeof (gint16));
  g_autoptr(GArray) track2 = NULL;
  g_autoptr(GString) reference = g_string_new (NULL);
  g_autofree gint16 *interleaved = NULL;
  GArray *spoken[G_N_ELEMENTS (sentences)];
  int rate = 22050;
  double seconds;

  if (dir == NULL || !liaison_media_init (&error) || !liaison_local_transcriber_check_available (&error))
    g_error ("%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    spoken[i] = speak (dir, sentences[i], &rate);

  /* Sentences in turn with 0.8 s between them, up to a minute. */
  for (guint i = 0; track->len < (guint) (SECONDS * rate); i++)
    {
      GArray *s = spoken[i % G_N_ELEMENTS (sentences)];

      g_array_append_vals (track, s->data, s->len);
      g_array_set_size (track, track->len + (guint) (rate * 8 / 10));
      g_string_append_printf (reference, "%s ", sentences[i % G_N_ELEMENTS (sentences)]);
    }
  seconds = (double) track->len / rate;

  wide = g_build_filename (dir, "wide.wav", NULL);
  mono = g_build_filename (dir, "mono-8k.wav", NULL);
  write_wav (wide, 1, rate, (gint16 *) track->data, track->len);
  resample (wide, mono, 8000);
  mono16 = g_build_filename (dir, "mono-16k.wav", NULL);
  resample (wide, mono16, 16000);

  /* Dual channel: the same speech on channel 1, and on channel 2 shifted by
   * half a sentence, so both channels speak about half the time. */
  track2 = g_array_sized_new (FALSE, TRUE, sizeof (gint16), track->len);
  g_array_set_size (track2, track->len);
  memcpy ((gint16 *) track2->data + rate * 2, track->data, (track->len - (guint) rate * 2) * sizeof (gint16));
  interleaved = g_new (gint16, track->len * 2);
  for (guint i = 0; i < track->len; i++)
    {
      interleaved[2 * i] = g_array_index (track, gint16, i);
      interleaved[2 * i + 1] = g_array_index (track2, gint16, i);
    }
  wide_dual = g_build_filename (dir, "wide-dual.wav", NULL);
  dual = g_build_filename (dir, "dual-8k.wav", NULL);
  write_wav (wide_dual, 2, rate, interleaved, track->len);
  resample (wide_dual, dual, 8000);

  run ("mono 8 kHz", mono, seconds, reference->str, -1);
  run ("dual-channel 8 kHz (overlap of channel 1)", dual, seconds, reference->str, 1);
  run ("mono 16 kHz (for comparison)", mono16, seconds, reference->str, -1);

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    g_array_unref (spoken[i]);
  g_unlink (wide);
  g_unlink (mono);
  g_unlink (mono16);
  g_unlink (wide_dual);
  g_unlink (dual);
  g_rmdir (dir);
  return 0;
}
