/* liaison-local-transcriber.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-transcriber"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <gst/base/gstbasetransform.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "liaison-local-transcriber.h"
#include "liaison-log.h"
#include "liaison-media.h"
#include "liaison-transcript-sentence.h"

/* What the Debian 12 element (gstreamer1.0-pocketsphinx 0.8+5prealpha)
 * offers, as seen with gst-inspect-1.0 and by running it:
 *
 *  - sink caps audio/x-raw, S16LE, 1 channel, 16000 Hz only; it pushes the
 *    final hypotheses downstream as text/plain (we drop them in a fakesink);
 *  - properties hmm, lm, dict (defaulting to the en-us model of
 *    pocketsphinx-en-us under /usr/share/pocketsphinx/model/en-us), fsg, kws,
 *    beams…; a read-only "decoder" (the ps_decoder_t, only usable by linking
 *    libpocketsphinx, which we do not);
 *  - it runs PocketSphinx's own voice activity detector: an utterance ends
 *    after about half a second of silence, and at end of stream;
 *  - element messages, structure "pocketsphinx": hypothesis (string),
 *    final (boolean), confidence (glong), timestamp (guint64). Partial
 *    hypotheses (final = FALSE) come at most every 100 ms of audio while
 *    speech goes on, with the timestamp of the buffer being decoded. The
 *    final one, posted when the VAD says the utterance is over (or at EOS),
 *    has timestamp GST_CLOCK_TIME_NONE, and its confidence is PocketSphinx's
 *    posterior probability of the utterance as a log in base 1.0001, in 32
 *    bits (the glong holds it zero-extended: -48939 reads 4294918357).
 *
 * So the element gives no usable utterance times. We get them ourselves:
 * every message is posted from the element's chain function (or its EOS
 * handler), i.e. on the streaming thread, while it decodes one buffer. A
 * bus sync handler sees it right there, and a probe on the element's sink
 * pad has counted the samples of every buffer up to and including that one,
 * so we know where in the audio each message happens. On top of that the
 * probe keeps the mean level of the last few seconds in 10 ms frames:
 *  - start: when the first partial hypothesis of an utterance arrives we
 *    walk back from there over the loud frames to the first one that
 *    follows 300 ms of quiet (the speech onset the VAD reacted to, a few
 *    hundred ms earlier);
 *  - end: when the final hypothesis arrives (after the VAD's trailing
 *    silence) we walk back to the last loud frame.
 * "Loud" is relative to the window (a 25th of its peak, thrice its floor,
 * and never below an absolute floor), so this works on quiet phone audio
 * too. Times are positions in the decoded audio, i.e. in the file. */

#define RATE               16000
#define FRAME_SAMPLES      (RATE / 100)    /* 10 ms */
#define FRAME_MS           10
#define RING_FRAMES        400             /* 4 s of levels */
#define QUIET_RUN_FRAMES   30              /* 300 ms of quiet before an onset */
#define FALLBACK_LEAD      30              /* when no onset is found: 300 ms back */
#define MIN_LEVEL          60              /* mean |sample| below which it is quiet */

struct _LiaisonLocalTranscriber
{
  GObject parent_instance;
};

G_DEFINE_TYPE (LiaisonLocalTranscriber, liaison_local_transcriber, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-local-transcriber-error-quark, liaison_local_transcriber_error)

typedef struct
{
  gint64  start_ms;
  gint64  end_ms;
  int     channel;
  char   *text;
  double  confidence;
} Utterance;

typedef struct
{
  int         channel;     /* 0 (mono), 1, 2 */
  GstElement *recognizer;  /* borrowed from the pipeline */

  /* Touched only on this branch's streaming thread while the pipeline runs. */
  guint64     samples;
  guint64     frame_sum;
  guint       frame_fill;
  guint16     ring[RING_FRAMES];
  gint64      n_frames;
  gboolean    in_utterance;
  gint64      utterance_start;   /* frame */
  gint64      previous_end;      /* frame */
  GArray     *utterances;        /* Utterance */

  /* Read by the worker thread for progress. */
  int         processed_ms;      /* atomic */
} Branch;

typedef struct
{
  LiaisonTranscribeProgressFunc func;
  gpointer                      data;
  GDestroyNotify                destroy;
} ProgressTarget;

typedef struct
{
  GFile          *file;
  ProgressTarget *progress;       /* atomic rc box, or NULL */
  GMainContext   *context;        /* where progress is reported */
  gint64          duration_ms;    /* 0 when unknown */
  guint           sample_rate;    /* 0 when unknown */
  guint           n_channels;
  Branch          branches[2];
  guint           n_branches;
  GstElement     *convert;        /* borrowed: where uridecodebin links to */
  double          last_fraction;
} Job;

static void
utterance_clear (gpointer data)
{
  Utterance *u = data;

  g_clear_pointer (&u->text, g_free);
}

static void
progress_target_clear (gpointer data)
{
  ProgressTarget *target = data;

  if (target->destroy != NULL)
    target->destroy (target->data);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  for (guint i = 0; i < G_N_ELEMENTS (job->branches); i++)
    g_clear_pointer (&job->branches[i].utterances, g_array_unref);
  if (job->progress != NULL)
    g_atomic_rc_box_release_full (job->progress, progress_target_clear);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
liaison_local_transcriber_class_init (LiaisonLocalTranscriberClass *klass)
{
}

static void
liaison_local_transcriber_init (LiaisonLocalTranscriber *self)
{
}

LiaisonLocalTranscriber *
liaison_local_transcriber_new (void)
{
  return g_object_new (LIAISON_TYPE_LOCAL_TRANSCRIBER, NULL);
}

static gboolean
missing_recognizer (GError     **error,
                    const char  *what)
{
  g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR,
               LIAISON_LOCAL_TRANSCRIBER_ERROR_MISSING_RECOGNIZER,
               _("On-device transcription is not available: %s is missing "
                 "(install the Debian packages gstreamer1.0-pocketsphinx and pocketsphinx-en-us)"),
               what);
  return FALSE;
}

gboolean
liaison_local_transcriber_check_available (GError **error)
{
  g_autoptr(GstElementFactory) factory = NULL;
  g_autoptr(GstElement) element = NULL;
  g_autofree char *hmm = NULL;
  g_autofree char *lm = NULL;
  g_autofree char *dict = NULL;
  g_autofree char *mdef = NULL;

  if (!liaison_media_init (error))
    return FALSE;

  factory = gst_element_factory_find ("pocketsphinx");
  if (factory == NULL)
    return missing_recognizer (error, _("the GStreamer element “pocketsphinx”"));
  element = gst_element_factory_create (factory, NULL);
  if (element == NULL)
    return missing_recognizer (error, _("the GStreamer element “pocketsphinx”"));
  gst_object_ref_sink (element);

  /* The element's defaults point at the model of pocketsphinx-en-us; it
   * does not check they exist before decoding, so we do. */
  g_object_get (element, "hmm", &hmm, "lm", &lm, "dict", &dict, NULL);
  if (hmm == NULL || lm == NULL || dict == NULL)
    return missing_recognizer (error, _("the speech model"));
  mdef = g_build_filename (hmm, "mdef", NULL);
  if (!g_file_test (mdef, G_FILE_TEST_IS_REGULAR))
    return missing_recognizer (error, hmm);
  if (!g_file_test (lm, G_FILE_TEST_IS_REGULAR))
    return missing_recognizer (error, lm);
  if (!g_file_test (dict, G_FILE_TEST_IS_REGULAR))
    return missing_recognizer (error, dict);
  return TRUE;
}

/* LiaisonBandMirror: 8 kHz → 16 kHz by inserting a zero after every
 * sample, with no low-pass filter, so the 0–4 kHz band reappears mirrored
 * in 4–8 kHz.
 *
 * Why: PocketSphinx's en-us model is wideband (its filterbank spans
 * 130–6800 Hz). Resampled properly, phone audio (Twilio records at 8 kHz)
 * leaves the filters above 4 kHz with nothing but the resampler's stop-band
 * noise, features the model never saw in training: on espeak-ng's "please
 * call me back tomorrow morning about the retirement account" at 8 kHz it
 * heard "what ah", against 9 words in 10 at 16 kHz. Mirrored, the upper
 * filters get speech-shaped energy again, and the same 8 kHz audio gives
 * "the call me back tomorrow morning about the retirement account".
 * (Debian has no 8 kHz model, and the element cannot set -samprate.)
 *
 * A private element, only ever built by this file. */

#define NARROW_CAPS "audio/x-raw, format = (string) S16LE, layout = (string) interleaved, " \
                    "channels = (int) 1, rate = (int) 8000"
#define WIDE_CAPS   "audio/x-raw, format = (string) S16LE, layout = (string) interleaved, " \
                    "channels = (int) 1, rate = (int) 16000"

#define LIAISON_TYPE_BAND_MIRROR (liaison_band_mirror_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonBandMirror, liaison_band_mirror, LIAISON, BAND_MIRROR, GstBaseTransform)

struct _LiaisonBandMirror
{
  GstBaseTransform parent_instance;
};

G_DEFINE_TYPE (LiaisonBandMirror, liaison_band_mirror, GST_TYPE_BASE_TRANSFORM)

static GstStaticPadTemplate mirror_sink_template =
  GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (NARROW_CAPS));
static GstStaticPadTemplate mirror_src_template =
  GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (WIDE_CAPS));

static GstCaps *
liaison_band_mirror_transform_caps (GstBaseTransform *trans,
                                    GstPadDirection   direction,
                                    GstCaps          *caps,
                                    GstCaps          *filter)
{
  GstCaps *other = gst_static_pad_template_get_caps (direction == GST_PAD_SINK
                                                     ? &mirror_src_template
                                                     : &mirror_sink_template);

  if (filter != NULL)
    {
      GstCaps *both = gst_caps_intersect_full (filter, other, GST_CAPS_INTERSECT_FIRST);

      gst_caps_unref (other);
      return both;
    }
  return other;
}

static gboolean
liaison_band_mirror_transform_size (GstBaseTransform *trans,
                                    GstPadDirection   direction,
                                    GstCaps          *caps,
                                    gsize             size,
                                    GstCaps          *othercaps,
                                    gsize            *othersize)
{
  *othersize = direction == GST_PAD_SINK ? size * 2 : size / 2;
  return TRUE;
}

static GstFlowReturn
liaison_band_mirror_transform (GstBaseTransform *trans,
                               GstBuffer        *inbuf,
                               GstBuffer        *outbuf)
{
  GstMapInfo in, out;
  gsize n;

  if (!gst_buffer_map (inbuf, &in, GST_MAP_READ))
    return GST_FLOW_ERROR;
  if (!gst_buffer_map (outbuf, &out, GST_MAP_WRITE))
    {
      gst_buffer_unmap (inbuf, &in);
      return GST_FLOW_ERROR;
    }
  n = MIN (in.size / 2, out.size / 4);
  for (gsize i = 0; i < n; i++)
    {
      out.data[4 * i] = in.data[2 * i];
      out.data[4 * i + 1] = in.data[2 * i + 1];
      out.data[4 * i + 2] = 0;
      out.data[4 * i + 3] = 0;
    }
  gst_buffer_unmap (outbuf, &out);
  gst_buffer_unmap (inbuf, &in);
  gst_buffer_set_size (outbuf, n * 4);
  return GST_FLOW_OK;
}

static void
liaison_band_mirror_class_init (LiaisonBandMirrorClass *klass)
{
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *transform_class = GST_BASE_TRANSFORM_CLASS (klass);

  gst_element_class_set_static_metadata (element_class, "Band mirror", "Filter/Converter/Audio",
                                         "8 kHz to 16 kHz by zero insertion (no low-pass)",
                                         "The Liaison authors");
  gst_element_class_add_static_pad_template (element_class, &mirror_sink_template);
  gst_element_class_add_static_pad_template (element_class, &mirror_src_template);
  transform_class->transform_caps = liaison_band_mirror_transform_caps;
  transform_class->transform_size = liaison_band_mirror_transform_size;
  transform_class->transform = liaison_band_mirror_transform;
}

static void
liaison_band_mirror_init (LiaisonBandMirror *self)
{
}

/* Levels and VAD-relative times, on the streaming thread. */

static guint
branch_threshold (Branch *b,
                  gint64  from)
{
  guint peak = 0;
  guint floor_level = G_MAXUINT;

  for (gint64 i = from; i < b->n_frames; i++)
    {
      guint level = b->ring[i % RING_FRAMES];

      peak = MAX (peak, level);
      floor_level = MIN (floor_level, level);
    }
  if (floor_level == G_MAXUINT)
    floor_level = 0;
  return MAX (MAX ((guint) MIN_LEVEL, floor_level * 3), peak / 25);
}

static gint64
branch_window_start (Branch *b,
                     gint64  not_before)
{
  return MAX (MAX (not_before, b->n_frames - RING_FRAMES), 0);
}

/* The first frame of the speech that is going on (or just ended). */
static gint64
branch_find_onset (Branch *b)
{
  gint64 from = branch_window_start (b, b->previous_end);
  guint threshold = branch_threshold (b, from);
  gint64 onset = -1;
  guint quiet = 0;

  for (gint64 i = b->n_frames - 1; i >= from; i--)
    {
      if (b->ring[i % RING_FRAMES] >= threshold)
        {
          onset = i;
          quiet = 0;
        }
      else if (onset >= 0 && ++quiet >= QUIET_RUN_FRAMES)
        break;
    }
  if (onset < 0)
    onset = MAX (from, b->n_frames - FALLBACK_LEAD);
  return onset;
}

/* The frame after the last loud one of the current utterance. */
static gint64
branch_find_end (Branch *b)
{
  gint64 from = branch_window_start (b, b->utterance_start);
  guint threshold = branch_threshold (b, from);

  for (gint64 i = b->n_frames - 1; i >= from; i--)
    if (b->ring[i % RING_FRAMES] >= threshold)
      return i + 1;
  return b->n_frames;
}

/* @data: S16LE mono samples (a capsfilter before the element sees to it). */
static void
branch_add_samples (Branch       *b,
                    const guint8 *data,
                    gsize         size)
{
  gsize n_samples = size / 2;

  for (gsize i = 0; i < n_samples; i++)
    {
      gint16 sample = (gint16) (guint16) (data[2 * i] | (data[2 * i + 1] << 8));

      b->frame_sum += (guint) abs ((int) sample);
      if (++b->frame_fill == FRAME_SAMPLES)
        {
          b->ring[b->n_frames % RING_FRAMES] = (guint16) MIN (b->frame_sum / FRAME_SAMPLES, G_MAXUINT16);
          b->n_frames++;
          b->frame_sum = 0;
          b->frame_fill = 0;
        }
    }
  b->samples += n_samples;
  g_atomic_int_set (&b->processed_ms, (int) MIN (b->samples * 1000 / RATE, (guint64) G_MAXINT));
}

static gboolean
add_buffer_samples (GstBuffer **buffer,
                    guint       idx,
                    gpointer    user_data)
{
  GstMapInfo map;

  if (gst_buffer_map (*buffer, &map, GST_MAP_READ))
    {
      branch_add_samples (user_data, map.data, map.size);
      gst_buffer_unmap (*buffer, &map);
    }
  return TRUE;
}

static GstPadProbeReturn
recognizer_sink_probe (GstPad          *pad,
                       GstPadProbeInfo *info,
                       gpointer         user_data)
{
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    {
      GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

      add_buffer_samples (&buffer, 0, user_data);
    }
  else if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    {
      gst_buffer_list_foreach (GST_PAD_PROBE_INFO_BUFFER_LIST (info), add_buffer_samples, user_data);
    }
  return GST_PAD_PROBE_OK;
}

static void
branch_handle_hypothesis (Job                *job,
                          Branch             *b,
                          const GstStructure *s)
{
  const char *hypothesis = gst_structure_get_string (s, "hypothesis");
  gboolean final = FALSE;
  g_autofree char *text = g_strstrip (g_strdup (hypothesis != NULL ? hypothesis : ""));
  Utterance u = { 0, };
  gint64 end;

  gst_structure_get_boolean (s, "final", &final);

  if (!final)
    {
      if (!b->in_utterance && text[0] != '\0')
        {
          b->in_utterance = TRUE;
          b->utterance_start = branch_find_onset (b);
        }
      return;
    }

  if (text[0] == '\0')
    {
      b->in_utterance = FALSE;
      return;
    }

  if (!b->in_utterance)
    b->utterance_start = branch_find_onset (b);
  b->in_utterance = FALSE;
  end = MAX (branch_find_end (b), b->utterance_start);
  b->previous_end = end;

  u.channel = b->channel;
  u.start_ms = b->utterance_start * FRAME_MS;
  u.end_ms = end * FRAME_MS;
  if (job->duration_ms > 0)
    {
      u.end_ms = MIN (u.end_ms, job->duration_ms);
      u.start_ms = MIN (u.start_ms, u.end_ms);
    }
  /* The element's "confidence" is the posterior of the whole utterance
   * (see the top of this file): it shrinks with the utterance's length
   * (1e-5 to 0.01 on sentences recognised at 90 %), so it says nothing
   * about how good a sentence is and we report none. */
  u.confidence = -1.0;
  u.text = g_steal_pointer (&text);

  {
    g_autofree char *masked = liaison_log_mask_body (u.text);

    g_debug ("Channel %d, %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " ms: %s (%.3f)",
             u.channel, u.start_ms, u.end_ms, masked, u.confidence);
  }
  g_array_append_val (b->utterances, u);
}

static GstBusSyncReply
bus_sync_handler (GstBus     *bus,
                  GstMessage *message,
                  gpointer    user_data)
{
  Job *job = user_data;
  const GstStructure *s;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ELEMENT)
    return GST_BUS_PASS;
  s = gst_message_get_structure (message);
  if (s == NULL || !gst_structure_has_name (s, "pocketsphinx"))
    return GST_BUS_PASS;

  for (guint i = 0; i < job->n_branches; i++)
    {
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (job->branches[i].recognizer))
        {
          branch_handle_hypothesis (job, &job->branches[i], s);
          break;
        }
    }
  gst_message_unref (message);
  return GST_BUS_DROP;
}

static void
on_pad_added (GstElement *decodebin,
              GstPad     *pad,
              gpointer    user_data)
{
  Job *job = user_data;
  g_autoptr(GstPad) sink = gst_element_get_static_pad (job->convert, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const GstStructure *s;

  if (gst_pad_is_linked (sink))
    return;
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  s = gst_caps_get_structure (caps, 0);
  if (s == NULL || !g_str_has_prefix (gst_structure_get_name (s), "audio/"))
    return;
  if (GST_PAD_LINK_FAILED (gst_pad_link (pad, sink)))
    g_debug ("Could not link the decoder to the transcriber");  /* then a not-linked error */
}

static void
set_channel_selection (GstElement *convert,
                       guint       n_channels,
                       guint       channel)
{
  GValue matrix = G_VALUE_INIT;
  GValue row = G_VALUE_INIT;

  g_value_init (&matrix, GST_TYPE_ARRAY);
  g_value_init (&row, GST_TYPE_ARRAY);
  for (guint i = 0; i < n_channels; i++)
    {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_FLOAT);
      g_value_set_float (&v, i == channel ? 1.0f : 0.0f);
      gst_value_array_append_and_take_value (&row, &v);
    }
  gst_value_array_append_and_take_value (&matrix, &row);
  g_object_set_property (G_OBJECT (convert), "mix-matrix", &matrix);
  g_value_unset (&matrix);
}

static GstElement *
make (const char  *factory,
      GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_FAILED,
                 _("The GStreamer element “%s” is missing"), factory);
  return element;
}

/* uridecodebin ! audioconvert ! audio/x-raw,channels=N ! tee, then per
 * channel: queue ! audioconvert (mix-matrix picking the channel) !
 * audioresample ! audio/x-raw,S16LE,16000,mono ! pocketsphinx !
 * fakesink sync=false (at 8 kHz and below: audio/x-raw,S16LE,8000,mono !
 * LiaisonBandMirror instead of the 16 kHz caps). One queue per channel, so
 * both channels of a call are recognised in parallel. */
static GstElement *
build_pipeline (Job     *job,
                GError **error)
{
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new ("liaison-transcriber"));
  g_autofree char *uri = g_file_get_uri (job->file);
  g_autoptr(GstCaps) audio_caps = gst_caps_new_empty_simple ("audio/x-raw");
  g_autoptr(GstCaps) split_caps = NULL;
  GstElement *decode, *convert, *split_filter, *tee;

  if ((decode = make ("uridecodebin", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), decode);
  if ((convert = make ("audioconvert", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), convert);
  if ((split_filter = make ("capsfilter", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), split_filter);
  if ((tee = make ("tee", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), tee);

  g_object_set (decode, "uri", uri, "caps", audio_caps, NULL);
  split_caps = gst_caps_new_simple ("audio/x-raw", "channels", G_TYPE_INT, (int) job->n_channels, NULL);
  g_object_set (split_filter, "caps", split_caps, NULL);
  job->convert = convert;
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added), job);
  gst_element_link_many (convert, split_filter, tee, NULL);

  for (guint i = 0; i < job->n_branches; i++)
    {
      Branch *b = &job->branches[i];
      g_autoptr(GstCaps) caps = NULL;
      g_autoptr(GstPad) sink_pad = NULL;
      GstElement *queue, *select, *resample, *filter, *mirror = NULL, *recognizer, *sink;
      gboolean narrowband = job->sample_rate > 0 && job->sample_rate <= 8000;

      if ((queue = make ("queue", error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), queue);
      if ((select = make ("audioconvert", error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), select);
      if ((resample = make ("audioresample", error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), resample);
      if ((filter = make ("capsfilter", error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), filter);
      if ((recognizer = gst_element_factory_make ("pocketsphinx", NULL)) == NULL)
        {
          missing_recognizer (error, _("the GStreamer element “pocketsphinx”"));
          return NULL;
        }
      gst_bin_add (GST_BIN (pipeline), recognizer);
      if ((sink = make ("fakesink", error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), sink);

      if (job->n_channels > 1)
        set_channel_selection (select, job->n_channels, b->channel - 1);
      caps = gst_caps_new_simple ("audio/x-raw",
                                  "format", G_TYPE_STRING, "S16LE",
                                  "layout", G_TYPE_STRING, "interleaved",
                                  "rate", G_TYPE_INT, narrowband ? RATE / 2 : RATE,
                                  "channels", G_TYPE_INT, 1,
                                  NULL);
      g_object_set (filter, "caps", caps, NULL);
      /* async=FALSE: the element pushes text only at the end of an
       * utterance, so a sink waiting for preroll would stall the other
       * channel's branch (and with it the tee) until both have spoken. */
      g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);

      if (narrowband)
        {
          mirror = g_object_new (LIAISON_TYPE_BAND_MIRROR, NULL);
          gst_bin_add (GST_BIN (pipeline), mirror);
        }

      if (!gst_element_link_many (tee, queue, select, resample, filter, NULL) ||
          (mirror != NULL && !gst_element_link (filter, mirror)) ||
          !gst_element_link_many (mirror != NULL ? mirror : filter, recognizer, sink, NULL))
        {
          g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_FAILED,
                       _("Could not build the transcription pipeline"));
          return NULL;
        }
      b->recognizer = recognizer;
      sink_pad = gst_element_get_static_pad (recognizer, "sink");
      gst_pad_add_probe (sink_pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST,
                         recognizer_sink_probe, b, NULL);
    }

  return g_steal_pointer (&pipeline);
}

/* Checks the file, and finds its channels and duration. */
static gboolean
discover (Job           *job,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) dinfo = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = g_file_get_uri (job->file);
  g_autofree char *name = g_file_get_parse_name (job->file);
  GList *streams;

  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    {
      g_prefix_error (error, _("Cannot read the recording “%s”: "), name);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_DECODE,
                   _("“%s” is not an audio file"), name);
      return FALSE;
    }

  discoverer = gst_discoverer_new (60 * GST_SECOND, &local_error);
  if (discoverer == NULL)
    {
      g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_FAILED,
                   _("Could not inspect “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  dinfo = gst_discoverer_discover_uri (discoverer, uri, &local_error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (dinfo == NULL || gst_discoverer_info_get_result (dinfo) != GST_DISCOVERER_OK)
    {
      g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_DECODE,
                   _("“%s” is not audio that can be decoded: %s"), name,
                   local_error != NULL ? local_error->message : _("unknown format"));
      return FALSE;
    }

  streams = gst_discoverer_info_get_audio_streams (dinfo);
  if (streams == NULL)
    {
      g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_DECODE,
                   _("“%s” contains no audio"), name);
      return FALSE;
    }
  job->n_channels = gst_discoverer_audio_info_get_channels (streams->data);
  job->sample_rate = gst_discoverer_audio_info_get_sample_rate (streams->data);
  gst_discoverer_stream_info_list_free (streams);
  if (job->n_channels == 0)
    job->n_channels = 1;

  if (GST_CLOCK_TIME_IS_VALID (gst_discoverer_info_get_duration (dinfo)))
    job->duration_ms = (gint64) (gst_discoverer_info_get_duration (dinfo) / GST_MSECOND);
  return TRUE;
}

typedef struct
{
  ProgressTarget *target;
  double          fraction;
} ProgressReport;

static gboolean
progress_report_dispatch (gpointer data)
{
  ProgressReport *report = data;

  report->target->func (report->fraction, report->target->data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_atomic_rc_box_release_full (report->target, progress_target_clear);
  g_free (report);
}

static void
job_report_progress (Job      *job,
                     gboolean  done)
{
  ProgressReport *report;
  double fraction;
  int processed = G_MAXINT;

  if (job->progress == NULL || job->duration_ms <= 0)
    return;

  for (guint i = 0; i < job->n_branches; i++)
    processed = MIN (processed, g_atomic_int_get (&job->branches[i].processed_ms));
  fraction = done ? 1.0 : CLAMP ((double) processed / (double) job->duration_ms, 0.0, 1.0);
  if (!done && fraction - job->last_fraction < 0.01)
    return;
  job->last_fraction = fraction;

  report = g_new0 (ProgressReport, 1);
  report->target = g_atomic_rc_box_acquire (job->progress);
  report->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT,
                              progress_report_dispatch, report, progress_report_free);
}

static void
error_from_message (Job         *job,
                    GstMessage  *message,
                    GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  g_autofree char *name = g_file_get_parse_name (job->file);

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("Pipeline error from %s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
           gst_error->message, debug != NULL ? debug : "");
  if (gst_error->domain == GST_STREAM_ERROR)
    g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_DECODE,
                 _("“%s” is not audio that can be decoded: %s"), name, gst_error->message);
  else
    g_set_error (error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_FAILED,
                 _("Transcription of “%s” failed: %s"), name, gst_error->message);
}

static int
compare_utterances (gconstpointer a,
                    gconstpointer b)
{
  const Utterance *ua = a;
  const Utterance *ub = b;

  if (ua->start_ms != ub->start_ms)
    return ua->start_ms < ub->start_ms ? -1 : 1;
  if (ua->channel != ub->channel)
    return ua->channel < ub->channel ? -1 : 1;
  return 0;
}

static GPtrArray *
job_collect (Job *job)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Utterance));
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < job->n_branches; i++)
    g_array_append_vals (all, job->branches[i].utterances->data, job->branches[i].utterances->len);
  g_array_sort (all, compare_utterances);

  for (guint i = 0; i < all->len; i++)
    {
      const Utterance *u = &g_array_index (all, Utterance, i);
      const char *speaker = u->channel == 1 ? "advisor" : u->channel == 2 ? "client" : NULL;

      g_ptr_array_add (sentences,
                       liaison_transcript_sentence_new (i, u->channel, speaker, u->start_ms, u->end_ms,
                                                        u->text, u->confidence));
    }
  /* The texts were copied by the sentences and are still owned by the
   * branches' arrays, which free them. */
  return sentences;
}

static GPtrArray *
job_run (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean done = FALSE;

  if (!liaison_local_transcriber_check_available (error))
    return NULL;
  if (!discover (job, cancellable, error))
    return NULL;

  job->n_branches = job->n_channels > 1 ? 2 : 1;
  for (guint i = 0; i < job->n_branches; i++)
    {
      job->branches[i].channel = job->n_channels > 1 ? (int) i + 1 : 0;
      job->branches[i].utterances = g_array_new (FALSE, TRUE, sizeof (Utterance));
      g_array_set_clear_func (job->branches[i].utterances, utterance_clear);
    }

  pipeline = build_pipeline (job, error);
  if (pipeline == NULL)
    return NULL;

  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, bus_sync_handler, job, NULL);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        error_from_message (job, message, &local_error);
      else
        g_set_error (&local_error, LIAISON_LOCAL_TRANSCRIBER_ERROR, LIAISON_LOCAL_TRANSCRIBER_ERROR_FAILED,
                     _("Could not start the transcription pipeline"));
    }

  while (local_error == NULL && !done)
    {
      g_autoptr(GstMessage) message =
        gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        error_from_message (job, message, &local_error);
      else if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        done = TRUE;
      else
        job_report_progress (job, FALSE);
    }

  /* Joins the streaming threads: from here on the branches are ours. */
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  job_report_progress (job, TRUE);
  return job_collect (job);
}

static Job *
job_new (GFile *file)
{
  Job *job = g_new0 (Job, 1);

  job->file = g_object_ref (file);
  return job;
}

static void
transcribe_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *sentences = job_run (job, cancellable, &error);

  if (sentences == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sentences, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_local_transcriber_transcribe_async (LiaisonLocalTranscriber       *self,
                                            GFile                         *file,
                                            LiaisonTranscribeProgressFunc  progress,
                                            gpointer                       progress_data,
                                            GDestroyNotify                 progress_destroy,
                                            GCancellable                  *cancellable,
                                            GAsyncReadyCallback            callback,
                                            gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (LIAISON_IS_LOCAL_TRANSCRIBER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (file);
  job->context = g_main_context_ref_thread_default ();
  if (progress != NULL)
    {
      job->progress = g_atomic_rc_box_new0 (ProgressTarget);
      job->progress->func = progress;
      job->progress->data = progress_data;
      job->progress->destroy = progress_destroy;
    }
  else if (progress_destroy != NULL)
    {
      progress_destroy (progress_data);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_local_transcriber_transcribe_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, transcribe_thread);
}

GPtrArray *
liaison_local_transcriber_transcribe_finish (LiaisonLocalTranscriber  *self,
                                             GAsyncResult             *result,
                                             GError                  **error)
{
  g_return_val_if_fail (LIAISON_IS_LOCAL_TRANSCRIBER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
liaison_local_transcriber_transcribe_sync (LiaisonLocalTranscriber  *self,
                                           GFile                    *file,
                                           GCancellable             *cancellable,
                                           GError                  **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (LIAISON_IS_LOCAL_TRANSCRIBER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  job = job_new (file);
  return job_run (job, cancellable, error);
}
