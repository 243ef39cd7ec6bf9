/* liaison-recording-player.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-player.h"
#include "liaison-transcript-view.h"

G_BEGIN_DECLS

/* LiaisonRecordingPlayer: the controls to review a call recording. It owns
 * a LiaisonPlayer; load() starts it and decodes the waveform (progress
 * shown), whose exact duration then goes to the player. Play/pause (Space,
 * K), elapsed and total time, the waveform (click, drag, Left/Right 5 s,
 * Home/End), speed 0.5×–2× (pitch kept), volume. When the player fails it
 * shows the error with a Retry button, which emits "retry": the owner
 * fetches the file again if needed and calls load().
 *
 * Actions: "player.toggle", "player.set-rate" (parameter "d"),
 * "player.retry".
 *
 * Properties: position-ms and duration-ms (mirror the player's, read-only),
 * state (LiaisonPlayerState, read-only). */

#define LIAISON_TYPE_RECORDING_PLAYER (liaison_recording_player_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRecordingPlayer, liaison_recording_player, LIAISON, RECORDING_PLAYER, AdwBin)

GtkWidget          *liaison_recording_player_new                (void);

/* Plays the local file @path; @known_duration_ms: the recording's duration
 * from its metadata, 0 if unknown. */
void                liaison_recording_player_load               (LiaisonRecordingPlayer *self,
                                                                 const char             *path,
                                                                 gint64                  known_duration_ms);
LiaisonPlayer      *liaison_recording_player_get_player         (LiaisonRecordingPlayer *self);
void                liaison_recording_player_seek               (LiaisonRecordingPlayer *self,
                                                                 gint64                  position_ms);
gint64              liaison_recording_player_get_position_ms    (LiaisonRecordingPlayer *self);
gint64              liaison_recording_player_get_duration_ms    (LiaisonRecordingPlayer *self);
LiaisonPlayerState  liaison_recording_player_get_state          (LiaisonRecordingPlayer *self);
/* Where the waveform peaks are cached (NULL: next to the audio file).
 * Applies to the next load(). */
void                liaison_recording_player_set_waveform_cache_dir (LiaisonRecordingPlayer *self,
                                                                     const char             *cache_dir);

/* Position updates move the transcript's highlight, and clicking a
 * sentence seeks the player. Either may be destroyed first. */
void                liaison_recording_player_connect_transcript (LiaisonRecordingPlayer *self,
                                                                 LiaisonTranscriptView  *view);

/* A time in a recording: "0:42", "12:05", "1:02:03" (@ms < 0 counts as 0). */
char               *liaison_recording_player_format_time        (gint64                  ms);

/* Loads the CSS of the recording widgets (once per display). */
void                liaison_recording_player_ensure_style       (void);

G_END_DECLS
