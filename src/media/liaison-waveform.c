/* liaison-waveform.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-waveform"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "liaison-media.h"
#include "liaison-waveform.h"

/* Cache file: a 64-byte header in host byte order (the byte-order word
 * rejects a file from another architecture), then the peaks as floats,
 * channel after channel. */
#define CACHE_MAGIC        "LIAISWF\n"
#define CACHE_BYTE_ORDER   0x01020304u
#define CACHE_VERSION      1u
#define CACHE_HEADER_SIZE  64
#define CACHE_SUFFIX       ".peaks"

typedef struct {
  char    magic[8];
  guint32 byte_order;
  guint32 version;
  guint32 n_channels;
  guint32 bucket_ms;
  guint32 sample_rate;
  guint32 reserved;
  guint64 source_size;
  gint64  source_mtime_us;
  gint64  duration_ms;
  guint64 n_buckets;
} CacheHeader;

G_STATIC_ASSERT (sizeof (CacheHeader) == CACHE_HEADER_SIZE);

struct _LiaisonWaveform
{
  GObject  parent_instance;

  guint    n_channels;
  guint    bucket_ms;
  guint    sample_rate;
  gsize    n_buckets;
  gint64   duration_ms;
  gboolean from_cache;
  float   *peaks;          /* n_channels × n_buckets, channel after channel */
};

G_DEFINE_FINAL_TYPE (LiaisonWaveform, liaison_waveform, G_TYPE_OBJECT)

static void
liaison_waveform_finalize (GObject *object)
{
  LiaisonWaveform *self = LIAISON_WAVEFORM (object);

  g_clear_pointer (&self->peaks, g_free);

  G_OBJECT_CLASS (liaison_waveform_parent_class)->finalize (object);
}

static void
liaison_waveform_class_init (LiaisonWaveformClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_waveform_finalize;
}

static void
liaison_waveform_init (LiaisonWaveform *self)
{
}

/* Progress, delivered on the caller's main context. */

typedef struct {
  gatomicrefcount          ref_count;
  GMainContext            *context;
  LiaisonWaveformProgress  callback;
  gpointer                 data;
  GDestroyNotify           destroy;
} Progress;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static gboolean
progress_free_cb (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* The destroy notify runs on the caller's main context too. */
static void
progress_unref (Progress *progress)
{
  if (progress == NULL || !g_atomic_ref_count_dec (&progress->ref_count))
    return;
  g_main_context_invoke (progress->context, progress_free_cb, progress);
}

typedef struct {
  Progress *progress;
  double    fraction;
} ProgressReport;

static gboolean
progress_report_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress->callback (report->fraction, report->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  progress_unref (report->progress);
  g_free (report);
}

static void
progress_send (Progress *progress,
               double    fraction)
{
  ProgressReport *report;

  if (progress == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->progress = progress_ref (progress);
  report->fraction = CLAMP (fraction, 0.0, 1.0);
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT,
                              progress_report_cb, report, progress_report_free);
}

/* Decoding. Runs in GStreamer's streaming thread (a probe on the sink's pad);
 * per sample only an absolute value and a compare. */

typedef struct {
  guint         bucket_ms;
  GCancellable *cancellable;
  Progress     *progress;
  GstPad       *sink_pad;

  gboolean      have_format;
  gboolean      is_float;
  guint         rate;
  guint         channels;
  guint64       frames;          /* frames consumed so far */
  guint64       bucket_index;
  guint64       bucket_end;      /* frame where the current bucket ends */
  gint16        hi[LIAISON_WAVEFORM_MAX_CHANNELS];   /* S16: the bucket's extremes */
  gint16        lo[LIAISON_WAVEFORM_MAX_CHANNELS];
  float         max_f[LIAISON_WAVEFORM_MAX_CHANNELS]; /* F32: the bucket's peak */
  float        *out;            /* bucket after bucket, channels interleaved */
  gsize         out_len;        /* buckets */
  gsize         out_alloc;

  gint64        total_ns;        /* 0: not known (yet) */
  double        last_fraction;
  GError       *error;           /* set in the streaming thread, read after EOS */
} Decode;

/* The per-sample loops are compiled optimised even in -O0 (debug) builds,
 * where they would otherwise make the waveform ~3x slower than the decode
 * it rides on. Optimised builds keep their own level. */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__OPTIMIZE__)
#define HOT_LOOP __attribute__ ((optimize ("O3")))
#else
#define HOT_LOOP
#endif

static HOT_LOOP guint64
bucket_end_frame (const Decode *d,
                  guint64       bucket_index)
{
  return ((bucket_index + 1) * (guint64) d->rate * d->bucket_ms) / 1000;
}

static HOT_LOOP void
flush_bucket (Decode *d)
{
  float *out;

  if (G_UNLIKELY (d->out_len == d->out_alloc))
    {
      d->out_alloc = MAX (d->out_alloc * 2, 1024);
      d->out = g_renew (float, d->out, d->out_alloc * d->channels);
    }
  out = d->out + d->out_len * d->channels;
  d->out_len++;

  for (guint c = 0; c < d->channels; c++)
    {
      if (d->is_float)
        {
          out[c] = MIN (d->max_f[c], 1.0f);
          d->max_f[c] = 0.0f;
        }
      else
        {
          out[c] = MAX ((gint32) d->hi[c], -(gint32) d->lo[c]) * (1.0f / 32768.0f);
          d->hi[c] = 0;
          d->lo[c] = 0;
        }
    }
  d->bucket_index++;
  d->bucket_end = bucket_end_frame (d, d->bucket_index);
}

static gboolean
set_format (Decode   *d,
            GstCaps  *caps)
{
  GstAudioInfo info;

  if (caps == NULL || !gst_audio_info_from_caps (&info, caps))
    {
      g_set_error (&d->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The recording has an audio format that cannot be read"));
      return FALSE;
    }

  if (d->have_format)
    {
      if (GST_AUDIO_INFO_RATE (&info) == (int) d->rate &&
          GST_AUDIO_INFO_CHANNELS (&info) == (int) d->channels &&
          GST_AUDIO_FORMAT_INFO_IS_FLOAT (info.finfo) == d->is_float)
        return TRUE;
      g_set_error (&d->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The recording changes its audio format midway"));
      return FALSE;
    }

  if (GST_AUDIO_INFO_RATE (&info) <= 0 ||
      GST_AUDIO_INFO_CHANNELS (&info) <= 0 ||
      GST_AUDIO_INFO_CHANNELS (&info) > LIAISON_WAVEFORM_MAX_CHANNELS)
    {
      g_set_error (&d->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The recording has %d audio channels; at most %d are supported"),
                   GST_AUDIO_INFO_CHANNELS (&info), LIAISON_WAVEFORM_MAX_CHANNELS);
      return FALSE;
    }

  d->have_format = TRUE;
  d->rate = GST_AUDIO_INFO_RATE (&info);
  d->channels = GST_AUDIO_INFO_CHANNELS (&info);
  d->is_float = GST_AUDIO_FORMAT_INFO_IS_FLOAT (info.finfo);
  d->bucket_index = 0;
  d->bucket_end = bucket_end_frame (d, 0);
  return TRUE;
}

static HOT_LOOP void
consume_s16 (Decode       *d,
             const gint16 *data,
             gsize         n_frames)
{
  const guint channels = d->channels;

  while (n_frames > 0)
    {
      gsize n = (gsize) MIN ((guint64) n_frames, d->bucket_end - d->frames);

      /* min and max on gint16 vectorise well; the peak is taken per bucket. */
      if (channels == 1)
        {
          gint16 hi = d->hi[0], lo = d->lo[0];

          /* A plain min/max reduction: the compiler vectorises it (pmaxsw,
           * pminsw) with a short horizontal step per bucket. */
          for (gsize i = 0; i < n; i++)
            {
              gint16 v = data[i];

              hi = v > hi ? v : hi;
              lo = v < lo ? v : lo;
            }
          d->frames += n;
          if (d->frames == d->bucket_end && G_LIKELY (d->out_len < d->out_alloc))
            {
              /* The common case of flush_bucket(), inline. */
              d->out[d->out_len++] = MAX ((gint32) hi, -(gint32) lo) * (1.0f / 32768.0f);
              d->hi[0] = d->lo[0] = 0;
              d->bucket_index++;
              d->bucket_end = bucket_end_frame (d, d->bucket_index);
            }
          else
            {
              d->hi[0] = hi;
              d->lo[0] = lo;
              if (d->frames == d->bucket_end)
                flush_bucket (d);
            }
          data += n;
          n_frames -= n;
          continue;
        }
      else if (channels == 2)
        {
          gint16 hi0 = d->hi[0], lo0 = d->lo[0], hi1 = d->hi[1], lo1 = d->lo[1];

          for (gsize i = 0; i < n; i++)
            {
              gint16 v0 = data[2 * i], v1 = data[2 * i + 1];

              hi0 = v0 > hi0 ? v0 : hi0;
              lo0 = v0 < lo0 ? v0 : lo0;
              hi1 = v1 > hi1 ? v1 : hi1;
              lo1 = v1 < lo1 ? v1 : lo1;
            }
          d->hi[0] = hi0;
          d->lo[0] = lo0;
          d->hi[1] = hi1;
          d->lo[1] = lo1;
        }
      else
        {
          for (gsize i = 0; i < n; i++)
            for (guint c = 0; c < channels; c++)
              {
                gint16 v = data[i * channels + c];

                d->hi[c] = v > d->hi[c] ? v : d->hi[c];
                d->lo[c] = v < d->lo[c] ? v : d->lo[c];
              }
        }

      data += n * channels;
      n_frames -= n;
      d->frames += n;
      if (d->frames == d->bucket_end)
        flush_bucket (d);
    }
}

static HOT_LOOP void
consume_f32 (Decode      *d,
             const float *data,
             gsize        n_frames)
{
  const guint channels = d->channels;

  while (n_frames > 0)
    {
      gsize n = (gsize) MIN ((guint64) n_frames, d->bucket_end - d->frames);

      if (channels == 1)
        {
          float m = d->max_f[0];

          for (gsize i = 0; i < n; i++)
            {
              float v = fabsf (data[i]);

              m = v > m ? v : m;
            }
          d->max_f[0] = m;
        }
      else
        {
          for (gsize i = 0; i < n; i++)
            for (guint c = 0; c < channels; c++)
              {
                float v = fabsf (data[i * channels + c]);

                d->max_f[c] = v > d->max_f[c] ? v : d->max_f[c];
              }
        }

      data += n * channels;
      n_frames -= n;
      d->frames += n;
      if (d->frames == d->bucket_end)
        flush_bucket (d);
    }
}

static void
report_progress (Decode *d)
{
  double fraction;

  if (d->progress == NULL)
    return;
  if (d->total_ns <= 0)
    {
      gint64 total;

      /* Upstream query from the streaming thread, once it can answer. */
      if (!gst_pad_peer_query_duration (d->sink_pad, GST_FORMAT_TIME, &total) || total <= 0)
        return;
      d->total_ns = total;
    }
  fraction = (double) gst_util_uint64_scale (d->frames, GST_SECOND, d->rate) / d->total_ns;
  if (fraction >= d->last_fraction + 0.01)
    {
      d->last_fraction = fraction;
      progress_send (d->progress, fraction);
    }
}

static void
post_format_error (Decode *d,
                   GstPad *pad)
{
  g_autoptr(GstElement) sink = gst_pad_get_parent_element (pad);

  if (sink != NULL)
    gst_element_post_message (sink, gst_message_new_error (GST_OBJECT (sink), d->error, NULL));
}

/* On the sink's pad: caps events give the format, buffers are measured
 * right there (no copy, no queue, no GstSample). */
static GstPadProbeReturn
probe_cb (GstPad          *pad,
          GstPadProbeInfo *info,
          gpointer         user_data)
{
  Decode *d = user_data;

  if (d->error != NULL || g_cancellable_is_cancelled (d->cancellable))
    return GST_PAD_PROBE_DROP;

  if (info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM)
    {
      GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

      if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS)
        {
          GstCaps *caps;

          gst_event_parse_caps (event, &caps);
          if (!set_format (d, caps))
            {
              post_format_error (d, pad);
              return GST_PAD_PROBE_DROP;
            }
        }
      return GST_PAD_PROBE_OK;
    }

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    {
      GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
      GstMapInfo map;
      gsize frame_size;
      const guint8 *bytes;
      guint8 *copy = NULL;

      if (!d->have_format)
        {
          g_set_error (&d->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The recording has an audio format that cannot be read"));
          post_format_error (d, pad);
          return GST_PAD_PROBE_DROP;
        }
      if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
        return GST_PAD_PROBE_OK;

      frame_size = (d->is_float ? sizeof (float) : sizeof (gint16)) * d->channels;
      bytes = map.data;
      /* Samples at an odd address (a WAV with an odd-sized chunk before the
       * data) are copied once rather than read unaligned. */
      if (G_UNLIKELY ((guintptr) bytes % (d->is_float ? G_ALIGNOF (float) : G_ALIGNOF (gint16)) != 0))
        bytes = copy = g_memdup2 (map.data, map.size);
      if (d->is_float)
        consume_f32 (d, (const void *) bytes, map.size / frame_size);
      else
        consume_s16 (d, (const void *) bytes, map.size / frame_size);
      gst_buffer_unmap (buffer, &map);
      g_free (copy);

      report_progress (d);
    }

  return GST_PAD_PROBE_OK;
}

static GstCaps *
wanted_caps (void)
{
  /* S16 or F32 interleaved, channels kept apart. */
  return gst_caps_from_string ("audio/x-raw, format = (string) { " GST_AUDIO_NE (S16) ", " GST_AUDIO_NE (F32) " }, "
                               "layout = (string) interleaved");
}

static GstElement *
add_element (GstBin     *bin,
             const char *factory)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element != NULL)
    gst_bin_add (bin, element);
  return element;
}

/* The decoder's audio pad goes straight to the sink when it already gives
 * S16 or F32 (WAV), through a capsfilter when it can (mpg123), and through
 * audioconvert ! capsfilter otherwise. Every element in between costs time
 * per buffer, and a WAV decodes at ~50,000× real time. */
static void
pad_added_cb (GstElement *decodebin,
              GstPad     *pad,
              gpointer    user_data)
{
  GstElement *sink = user_data;
  g_autoptr(GstPad) sink_pad = gst_element_get_static_pad (sink, "sink");
  g_autoptr(GstElement) bin = NULL;
  g_autoptr(GstCaps) current = NULL;
  g_autoptr(GstCaps) possible = NULL;
  g_autoptr(GstCaps) wanted = NULL;
  GstElement *capsfilter, *convert = NULL;
  g_autoptr(GstPad) first_pad = NULL;
  const GstStructure *s;

  if (gst_pad_is_linked (sink_pad))
    return;

  possible = gst_pad_query_caps (pad, NULL);
  s = gst_caps_is_empty (possible) || gst_caps_is_any (possible) ? NULL : gst_caps_get_structure (possible, 0);
  if (s == NULL || !g_str_has_prefix (gst_structure_get_name (s), "audio/"))
    return;

  wanted = wanted_caps ();
  current = gst_pad_get_current_caps (pad);
  if (current != NULL && gst_caps_is_subset (current, wanted))
    {
      if (gst_pad_link (pad, sink_pad) != GST_PAD_LINK_OK)
        g_debug ("Could not link the decoder's audio pad");
      return;
    }

  bin = GST_ELEMENT (gst_element_get_parent (sink));
  if (bin == NULL)
    return;
  capsfilter = add_element (GST_BIN (bin), "capsfilter");
  if (capsfilter == NULL)
    return;
  g_object_set (capsfilter, "caps", wanted, NULL);
  gst_element_link (capsfilter, sink);
  if (!gst_caps_can_intersect (possible, wanted))
    {
      convert = add_element (GST_BIN (bin), "audioconvert");
      if (convert == NULL)
        return;
      gst_element_link (convert, capsfilter);
      gst_element_sync_state_with_parent (convert);
    }
  gst_element_sync_state_with_parent (capsfilter);
  first_pad = gst_element_get_static_pad (convert != NULL ? convert : capsfilter, "sink");
  if (gst_pad_link (pad, first_pad) != GST_PAD_LINK_OK)
    g_debug ("Could not link the decoder's audio pad to %s", convert != NULL ? "audioconvert" : "capsfilter");
}

static void
decode_clear (Decode *d)
{
  g_clear_pointer (&d->out, g_free);
  g_clear_error (&d->error);
  gst_clear_object (&d->sink_pad);
}

static LiaisonWaveform *
decode_file (const char    *path,
             guint          bucket_ms,
             GCancellable  *cancellable,
             Progress      *progress,
             GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *uri = NULL;
  GstElement *decodebin, *sink;
  LiaisonWaveform *self = NULL;
  gboolean done = FALSE;
  Decode d = { 0 };

  uri = gst_filename_to_uri (path, error);
  if (uri == NULL)
    return NULL;

  pipeline = gst_object_ref_sink (gst_pipeline_new ("liaison-waveform"));
  decodebin = gst_element_factory_make ("uridecodebin", NULL);
  sink = gst_element_factory_make ("fakesink", NULL);
  if (decodebin == NULL || sink == NULL)
    {
      g_clear_pointer (&decodebin, gst_object_unref);
      g_clear_pointer (&sink, gst_object_unref);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The GStreamer elements to decode recordings are missing"));
      return NULL;
    }
  gst_bin_add_many (GST_BIN (pipeline), decodebin, sink, NULL);
  g_object_set (decodebin, "uri", uri, NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (pad_added_cb), sink);

  d.bucket_ms = bucket_ms;
  d.cancellable = cancellable;
  d.progress = progress;
  d.sink_pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (d.sink_pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     probe_cb, &d, NULL);

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while (!done)
    {
      g_autoptr(GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      message = gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        continue;

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        {
          done = TRUE;
        }
      else
        {
          g_autoptr(GError) gst_error = NULL;
          g_autofree char *debug = NULL;

          gst_message_parse_error (message, &gst_error, &debug);
          g_debug ("Decoding %s failed: %s (%s)", path, gst_error->message, debug ? debug : "");
          /* Our own error (a format we refuse) says more than "data flow error". */
          if (d.error != NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("Could not read the recording: %s"), d.error->message);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("Could not read the recording: %s"), gst_error->message);
          break;
        }
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (done)
    {
      if (d.error != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Could not read the recording: %s"), d.error->message);
        }
      else if (!d.have_format || d.frames == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The recording contains no audio"));
        }
      else
        {
          gsize n_buckets;

          guint64 bucket_start = d.bucket_index == 0 ? 0 : bucket_end_frame (&d, d.bucket_index - 1);

          if (d.frames > bucket_start)
            flush_bucket (&d);   /* the last, partial bucket */

          n_buckets = d.out_len;
          self = g_object_new (LIAISON_TYPE_WAVEFORM, NULL);
          self->n_channels = d.channels;
          self->bucket_ms = bucket_ms;
          self->sample_rate = d.rate;
          self->n_buckets = n_buckets;
          self->duration_ms = (gint64) ((d.frames * 1000 + d.rate / 2) / d.rate);
          self->peaks = g_new (float, (gsize) d.channels * MAX (n_buckets, 1));
          for (guint c = 0; c < d.channels; c++)
            for (gsize i = 0; i < n_buckets; i++)
              self->peaks[c * n_buckets + i] = d.out[i * d.channels + c];
        }
    }

  decode_clear (&d);
  return self;
}

/* The cache */

static gboolean
source_identity (const char  *path,
                 guint64     *size,
                 gint64      *mtime_us,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The recording file “%s” does not exist"), path);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not read the recording file “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("The recording “%s” is not a file"), path);
      return FALSE;
    }

  *size = (guint64) g_file_info_get_size (info);
  *mtime_us = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
              + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return TRUE;
}

char *
liaison_waveform_get_cache_path (const char *path,
                                 const char *cache_dir)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (cache_dir == NULL)
    return g_strconcat (path, CACHE_SUFFIX, NULL);

  basename = g_path_get_basename (path);
  name = g_strconcat (basename, CACHE_SUFFIX, NULL);
  return g_build_filename (cache_dir, name, NULL);
}

static LiaisonWaveform *
cache_load (const char *cache_path,
            guint       bucket_ms,
            guint64     source_size,
            gint64      source_mtime_us)
{
  g_autofree char *contents = NULL;
  LiaisonWaveform *self;
  CacheHeader header;
  gsize length = 0;
  guint64 n_values;

  if (!g_file_get_contents (cache_path, &contents, &length, NULL))
    return NULL;
  if (length < CACHE_HEADER_SIZE)
    {
      g_debug ("Waveform cache %s: too short", cache_path);
      return NULL;
    }
  memcpy (&header, contents, sizeof header);

  if (memcmp (header.magic, CACHE_MAGIC, sizeof header.magic) != 0 ||
      header.byte_order != CACHE_BYTE_ORDER ||
      header.version != CACHE_VERSION)
    {
      g_debug ("Waveform cache %s: not a cache file of this version", cache_path);
      return NULL;
    }
  if (header.bucket_ms != bucket_ms ||
      header.source_size != source_size ||
      header.source_mtime_us != source_mtime_us)
    {
      g_debug ("Waveform cache %s: stale", cache_path);
      return NULL;
    }
  if (header.n_channels == 0 || header.n_channels > LIAISON_WAVEFORM_MAX_CHANNELS ||
      header.sample_rate == 0 || header.duration_ms <= 0 ||
      header.n_buckets == 0 ||
      header.n_buckets > (G_MAXSIZE - CACHE_HEADER_SIZE) / sizeof (float) / header.n_channels ||
      header.duration_ms > G_MAXINT64 / 2 ||
      ABS ((gint64) header.n_buckets * bucket_ms - header.duration_ms) > (gint64) bucket_ms + 1)
    {
      g_debug ("Waveform cache %s: inconsistent header", cache_path);
      return NULL;
    }
  n_values = header.n_buckets * header.n_channels;
  if (length != CACHE_HEADER_SIZE + n_values * sizeof (float))
    {
      g_debug ("Waveform cache %s: wrong length", cache_path);
      return NULL;
    }

  self = g_object_new (LIAISON_TYPE_WAVEFORM, NULL);
  self->n_channels = header.n_channels;
  self->bucket_ms = header.bucket_ms;
  self->sample_rate = header.sample_rate;
  self->n_buckets = header.n_buckets;
  self->duration_ms = header.duration_ms;
  self->from_cache = TRUE;
  self->peaks = g_new (float, n_values);
  memcpy (self->peaks, contents + CACHE_HEADER_SIZE, n_values * sizeof (float));
  /* Peaks outside 0 … 1 (or NaN) can only come from a damaged file. */
  for (guint64 i = 0; i < n_values; i++)
    if (!(self->peaks[i] >= 0.0f && self->peaks[i] <= 1.0f))
      self->peaks[i] = 0.0f;
  return self;
}

static void
cache_save (LiaisonWaveform *self,
            const char      *cache_path,
            guint64          source_size,
            gint64           source_mtime_us)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (cache_path);
  g_autofree char *data = NULL;
  gsize values_size = self->n_buckets * self->n_channels * sizeof (float);
  CacheHeader header = { { 0 } };

  memcpy (header.magic, CACHE_MAGIC, sizeof header.magic);
  header.byte_order = CACHE_BYTE_ORDER;
  header.version = CACHE_VERSION;
  header.n_channels = self->n_channels;
  header.bucket_ms = self->bucket_ms;
  header.sample_rate = self->sample_rate;
  header.source_size = source_size;
  header.source_mtime_us = source_mtime_us;
  header.duration_ms = self->duration_ms;
  header.n_buckets = self->n_buckets;

  data = g_malloc (CACHE_HEADER_SIZE + values_size);
  memcpy (data, &header, CACHE_HEADER_SIZE);
  memcpy (data + CACHE_HEADER_SIZE, self->peaks, values_size);

  /* No fsync: the cache is derived data, and a torn or short file fails the
   * header and size checks and is rebuilt. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (cache_path, data, CACHE_HEADER_SIZE + values_size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_debug ("Could not write the waveform cache %s: %s", cache_path,
             error ? error->message : g_strerror (errno));
}

static LiaisonWaveform *
load_internal (const char    *path,
               const char    *cache_dir,
               guint          bucket_ms,
               GCancellable  *cancellable,
               Progress      *progress,
               GError       **error)
{
  g_autofree char *cache_path = NULL;
  LiaisonWaveform *self;
  guint64 size;
  gint64 mtime_us;
  gint64 t0, t1;

  if (!liaison_media_init (error))
    return NULL;
  if (!source_identity (path, &size, &mtime_us, error))
    return NULL;

  cache_path = liaison_waveform_get_cache_path (path, cache_dir);
  self = cache_load (cache_path, bucket_ms, size, mtime_us);
  if (self != NULL)
    return self;

  t0 = g_get_monotonic_time ();
  self = decode_file (path, bucket_ms, cancellable, progress, error);
  t1 = g_get_monotonic_time ();
  if (self != NULL)
    {
      cache_save (self, cache_path, size, mtime_us);
      g_debug ("Waveform of %" G_GINT64_FORMAT " ms: decoded in %.1f ms, cached in %.1f ms",
               self->duration_ms, (t1 - t0) / 1000.0, (g_get_monotonic_time () - t1) / 1000.0);
    }
  return self;
}

LiaisonWaveform *
liaison_waveform_load (const char    *path,
                       const char    *cache_dir,
                       guint          bucket_ms,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (bucket_ms >= 1 && bucket_ms <= 1000, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_internal (path, cache_dir, bucket_ms, cancellable, NULL, error);
}

typedef struct {
  char     *path;
  char     *cache_dir;
  guint     bucket_ms;
  Progress *progress;
} LoadData;

static void
load_data_free (gpointer user_data)
{
  LoadData *data = user_data;

  g_free (data->path);
  g_free (data->cache_dir);
  progress_unref (data->progress);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  LiaisonWaveform *self;

  self = load_internal (data->path, data->cache_dir, data->bucket_ms, cancellable,
                        data->progress, &error);
  /* Let go of the progress callback before the result is delivered, so its
   * destroy notify has run (or is queued first) when the callback runs. */
  g_clear_pointer (&data->progress, progress_unref);
  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
liaison_waveform_load_async (const char              *path,
                             const char              *cache_dir,
                             guint                    bucket_ms,
                             GCancellable            *cancellable,
                             LiaisonWaveformProgress  progress,
                             gpointer                 progress_data,
                             GDestroyNotify           progress_destroy,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (bucket_ms >= 1 && bucket_ms <= 1000);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->cache_dir = g_strdup (cache_dir);
  data->bucket_ms = bucket_ms;
  if (progress != NULL)
    {
      data->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&data->progress->ref_count);
      data->progress->context = g_main_context_ref_thread_default ();
      data->progress->callback = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_destroy;
    }
  else if (progress_destroy != NULL)
    {
      progress_destroy (progress_data);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_waveform_load_async);
  g_task_set_name (task, "[liaison] waveform");
  g_task_set_task_data (task, data, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

LiaisonWaveform *
liaison_waveform_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_waveform_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
liaison_waveform_get_n_channels (LiaisonWaveform *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), 0);

  return self->n_channels;
}

guint
liaison_waveform_get_bucket_ms (LiaisonWaveform *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), 0);

  return self->bucket_ms;
}

gsize
liaison_waveform_get_n_buckets (LiaisonWaveform *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), 0);

  return self->n_buckets;
}

guint
liaison_waveform_get_sample_rate (LiaisonWaveform *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), 0);

  return self->sample_rate;
}

gint64
liaison_waveform_get_duration_ms (LiaisonWaveform *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), 0);

  return self->duration_ms;
}

gboolean
liaison_waveform_get_from_cache (LiaisonWaveform *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), FALSE);

  return self->from_cache;
}

const float *
liaison_waveform_get_peaks (LiaisonWaveform *self,
                            guint            channel)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM (self), NULL);
  g_return_val_if_fail (channel < self->n_channels, NULL);

  return self->peaks + (gsize) channel * self->n_buckets;
}

void
liaison_waveform_downsample (LiaisonWaveform *self,
                             guint            channel,
                             gint64           start_ms,
                             gint64           end_ms,
                             float           *out,
                             guint            n_out)
{
  const float *peaks;
  gint64 span;

  g_return_if_fail (LIAISON_IS_WAVEFORM (self));
  g_return_if_fail (channel < self->n_channels);
  g_return_if_fail (out != NULL || n_out == 0);

  peaks = self->peaks + (gsize) channel * self->n_buckets;
  span = end_ms - start_ms;

  for (guint i = 0; i < n_out; i++)
    {
      gint64 a = start_ms + (span * i) / n_out;
      gint64 b = start_ms + (span * (i + 1)) / n_out;
      gint64 first, last;
      float m = 0.0f;

      if (span <= 0 || b <= 0)
        {
          out[i] = 0.0f;
          continue;
        }
      a = MAX (a, 0);
      first = a / self->bucket_ms;
      last = b > a ? (b - 1) / self->bucket_ms : first;
      if (first >= (gint64) self->n_buckets)
        {
          out[i] = 0.0f;
          continue;
        }
      last = MIN (last, (gint64) self->n_buckets - 1);
      for (gint64 k = first; k <= last; k++)
        m = peaks[k] > m ? peaks[k] : m;
      out[i] = m;
    }
}
