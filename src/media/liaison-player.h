/* liaison-player.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* LiaisonPlayer plays one local recording (WAV or MP3) with our own playbin
 * (audio only, scaletempo as the audio filter, so a rate change keeps the
 * pitch). Everything happens on the main context the player was created on
 * (a bus watch): call it from that thread only, and every property
 * notification and signal arrives there.
 *
 *   load (path, known_duration_ms)  → state "loading", then "paused" at 0
 *   play / pause / toggle / stop    → "playing" / "paused"; stop = pause at 0
 *   seek (ms)                       FLUSH|ACCURATE, keeps the rate; the
 *                                   position jumps to the target at once
 *   set_rate (0.5 … 2.0, clamped)   applied with a seek at the position
 *   set_volume (0 … 1)
 *   end of stream                   → "ended" + the "eos" signal; play()
 *                                   then starts again from 0
 *   failure (missing or corrupt file, no decoder) → "error", with the
 *                                   "error" property holding the GError
 *
 * Properties (all notify): state (LiaisonPlayerState), position-ms (every
 * ~50 ms while playing, and after seeks), duration-ms (-1 while unknown),
 * rate, volume, error.
 *
 * Duration: an MP3 without a Xing/VBRI header cannot tell its length when
 * paused (ENV.md §4). The player takes, best first: an exact duration set
 * with liaison_player_set_exact_duration() (e.g. from the waveform decode),
 * the stream's own duration when known at load, the known duration given to
 * load() (Twilio's RecordingDuration), then GStreamer's later estimate
 * (DURATION_CHANGED).
 *
 * For tests and benchmarks: set_audio_sink() replaces autoaudiosink (with no
 * sound server autoaudiosink falls back to a fake sink by itself), and
 * set_clock() forces a pipeline clock (e.g. a GstTestClock). The
 * "first-buffer" signal is emitted once per play()/seek() when the first
 * audio buffer after it reaches the sink, with its g_get_monotonic_time(). */

typedef enum {
  LIAISON_PLAYER_STATE_EMPTY,
  LIAISON_PLAYER_STATE_LOADING,
  LIAISON_PLAYER_STATE_PAUSED,
  LIAISON_PLAYER_STATE_PLAYING,
  LIAISON_PLAYER_STATE_ENDED,
  LIAISON_PLAYER_STATE_ERROR,
} LiaisonPlayerState;

GType liaison_player_state_get_type (void);
#define LIAISON_TYPE_PLAYER_STATE (liaison_player_state_get_type ())

#define LIAISON_PLAYER_MIN_RATE 0.5
#define LIAISON_PLAYER_MAX_RATE 2.0

#define LIAISON_TYPE_PLAYER (liaison_player_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPlayer, liaison_player, LIAISON, PLAYER, GObject)

LiaisonPlayer      *liaison_player_new                   (void);

/* Before load(): the audio sink (default autoaudiosink) and the clock
 * (default: the pipeline's own choice). NULL restores the default. */
void                liaison_player_set_audio_sink        (LiaisonPlayer *self,
                                                          GstElement    *sink);
void                liaison_player_set_clock             (LiaisonPlayer *self,
                                                          GstClock      *clock);

/* Loads a local file; @known_duration_ms is the recording's duration from
 * Twilio's metadata (0 when unknown). Errors arrive as state "error". */
void                liaison_player_load                  (LiaisonPlayer *self,
                                                          const char    *path,
                                                          gint64         known_duration_ms);
void                liaison_player_play                  (LiaisonPlayer *self);
void                liaison_player_pause                 (LiaisonPlayer *self);
void                liaison_player_toggle                (LiaisonPlayer *self);
void                liaison_player_stop                  (LiaisonPlayer *self);
void                liaison_player_seek                  (LiaisonPlayer *self,
                                                          gint64         position_ms);
void                liaison_player_set_rate              (LiaisonPlayer *self,
                                                          double         rate);
void                liaison_player_set_volume            (LiaisonPlayer *self,
                                                          double         volume);
/* The decoded duration (e.g. liaison_waveform_get_duration_ms()); it wins
 * over every other source. */
void                liaison_player_set_exact_duration    (LiaisonPlayer *self,
                                                          gint64         duration_ms);

LiaisonPlayerState  liaison_player_get_state             (LiaisonPlayer *self);
const char         *liaison_player_get_path              (LiaisonPlayer *self);
/* The last reported position (the property). */
gint64              liaison_player_get_position_ms       (LiaisonPlayer *self);
/* Asks the pipeline now (falls back to the last reported position). */
gint64              liaison_player_query_position_ms     (LiaisonPlayer *self);
/* -1 while unknown. */
gint64              liaison_player_get_duration_ms       (LiaisonPlayer *self);
double              liaison_player_get_rate              (LiaisonPlayer *self);
double              liaison_player_get_volume            (LiaisonPlayer *self);
const GError       *liaison_player_get_error             (LiaisonPlayer *self);
/* g_get_monotonic_time() when the first buffer after the last play() or
 * seek() reached the sink; 0 if none yet. */
gint64              liaison_player_get_first_buffer_time (LiaisonPlayer *self);
/* The playbin, for tests and benchmarks only; NULL before load(). */
GstElement         *liaison_player_get_pipeline          (LiaisonPlayer *self);

G_END_DECLS
