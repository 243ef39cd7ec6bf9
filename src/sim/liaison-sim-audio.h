/* liaison-sim-audio.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-speech-timing.h"

G_BEGIN_DECLS

/* Recording audio for liaison-sim: 8 kHz, 16-bit, mono or dual channel,
 * written as WAV (wavenc) and MP3 (lamemp3enc) by GStreamer. Speech comes
 * from espeak-ng when it is installed, otherwise each word is a short tone.
 *
 * Speech is laid out on a simple timing model shared with the Intelligence
 * sentences (liaison-sim-intelligence.c): SIM_AUDIO_WORD_SECONDS per word;
 * the first party speaks from 0 s, the other party (second channel) starts
 * SIM_AUDIO_TURN_GAP seconds after the first party's last word. */

#define SIM_AUDIO_RATE          8000
#define SIM_AUDIO_WORD_SECONDS  LIAISON_SPEECH_WORD_SECONDS
#define SIM_AUDIO_TURN_GAP      LIAISON_SPEECH_TURN_GAP

typedef struct {
  char  *speech;         /* first channel (or the only one), NULL: a tone */
  char  *speech_other;   /* second channel, may be NULL */
  guint  channels;       /* 1 or 2 */
  guint  duration;       /* seconds */
  char  *wav_path;
  char  *mp3_path;
} SimAudioSpec;

void      sim_audio_spec_free         (SimAudioSpec *spec);
/* The espeak-ng voice every speech is spoken with (default "en"), e.g.
 * "es" for a demo in Spanish. Call before any rendering. */
gboolean  sim_audio_set_voice         (const char    *name,
                                       GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimAudioSpec, sim_audio_spec_free)

/* The timing model itself is liaison-speech-timing.h (src/core). */

/* Renders both files in a worker thread; takes @spec. */
void      sim_audio_render_async      (SimAudioSpec        *spec,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  sim_audio_render_finish     (GAsyncResult        *result,
                                       GError             **error);
/* Blocks until no render thread is running (cancel them first: a cancelled
 * render stops at its next step and removes its files). */
void      sim_audio_wait_idle         (void);

G_END_DECLS
