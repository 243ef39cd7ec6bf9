/* liaison-waveform.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* LiaisonWaveform: the peaks of a recording, computed once by decoding it
 * (uridecodebin [! audioconvert] [! S16/F32] ! fakesink, measured by a pad probe,
 * in a worker thread) and kept per
 * channel: dual-channel recordings have the advisor on channel 0 and the
 * client on channel 1, each drawn as its own lane.
 *
 * A peak is the largest absolute sample value in a bucket of @bucket_ms
 * milliseconds, from 0.0 (silence) to 1.0 (full scale); the last bucket may
 * be partial, so n_buckets = ceil (duration / bucket_ms). duration_ms is the
 * exact decoded length (use it for the player's duration: see
 * liaison_player_set_exact_duration()).
 *
 * Cache: the result is written once to "<audio file>.peaks" (or
 * "<cache_dir>/<audio basename>.peaks"), mode 0600, with a magic, a version,
 * the source's size and mtime, channels, bucket length and count. A later
 * call with the same file and bucket length loads it instead of decoding
 * (liaison_waveform_get_from_cache() says so). A stale, short or corrupt
 * cache file is ignored and rewritten; failing to write it is not an error.
 *
 *   liaison_waveform_load_async (path, NULL, 10, cancellable,
 *                                progress_cb, self, NULL, loaded_cb, self);
 *   … loaded_cb: wf = liaison_waveform_load_finish (result, &error);
 *   … draw: liaison_waveform_downsample (wf, channel, 0, duration_ms, out, width);
 */

#define LIAISON_WAVEFORM_DEFAULT_BUCKET_MS 10
#define LIAISON_WAVEFORM_MAX_CHANNELS      8

/* Called on the caller's main context, with @fraction from 0.0 to 1.0 (at
 * most about 100 times per file); never called for a cache hit. */
typedef void (*LiaisonWaveformProgress) (double   fraction,
                                         gpointer user_data);

#define LIAISON_TYPE_WAVEFORM (liaison_waveform_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWaveform, liaison_waveform, LIAISON, WAVEFORM, GObject)

/* @cache_dir: NULL to cache next to the audio file. @bucket_ms: 1 … 1000. */
void              liaison_waveform_load_async      (const char              *path,
                                                    const char              *cache_dir,
                                                    guint                    bucket_ms,
                                                    GCancellable            *cancellable,
                                                    LiaisonWaveformProgress  progress,
                                                    gpointer                 progress_data,
                                                    GDestroyNotify           progress_destroy,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
LiaisonWaveform  *liaison_waveform_load_finish     (GAsyncResult            *result,
                                                    GError                 **error);
/* The same, blocking (for threads, tools and benchmarks); no progress. */
LiaisonWaveform  *liaison_waveform_load            (const char              *path,
                                                    const char              *cache_dir,
                                                    guint                    bucket_ms,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);

/* Where the cache of @path lives. */
char             *liaison_waveform_get_cache_path  (const char              *path,
                                                    const char              *cache_dir);

guint             liaison_waveform_get_n_channels  (LiaisonWaveform         *self);
guint             liaison_waveform_get_bucket_ms   (LiaisonWaveform         *self);
gsize             liaison_waveform_get_n_buckets   (LiaisonWaveform         *self);
guint             liaison_waveform_get_sample_rate (LiaisonWaveform         *self);
gint64            liaison_waveform_get_duration_ms (LiaisonWaveform         *self);
gboolean          liaison_waveform_get_from_cache  (LiaisonWaveform         *self);
/* The n_buckets peaks of @channel (0-based), owned by @self. */
const float      *liaison_waveform_get_peaks       (LiaisonWaveform         *self,
                                                    guint                    channel);
/* Fills @out[0 … n_out-1] with the largest peak of @channel in each of
 * n_out equal slices of [start_ms, end_ms) (e.g. one per pixel). When a
 * slice is narrower than a bucket, it takes the bucket under it; slices past
 * the end are 0. */
void              liaison_waveform_downsample      (LiaisonWaveform         *self,
                                                    guint                    channel,
                                                    gint64                   start_ms,
                                                    gint64                   end_ms,
                                                    float                   *out,
                                                    guint                    n_out);

G_END_DECLS
