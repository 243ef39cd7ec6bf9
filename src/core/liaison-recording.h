/* liaison-recording.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_RECORDING (liaison_recording_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRecording, liaison_recording, LIAISON, RECORDING, GObject)

/* A call or voicemail recording as stored. Immutable. Times in microseconds
 * since the Unix epoch (UTC), 0 when not known. */
gint64       liaison_recording_get_id           (LiaisonRecording *self);
const char  *liaison_recording_get_sid          (LiaisonRecording *self);
const char  *liaison_recording_get_call_sid     (LiaisonRecording *self);
/* Seconds, or -1 when not known. */
int          liaison_recording_get_duration_s   (LiaisonRecording *self);
/* 1 or 2. */
guint        liaison_recording_get_channels     (LiaisonRecording *self);
/* in-progress, paused, stopped, processing, completed, absent, failed, deleted. */
const char  *liaison_recording_get_status       (LiaisonRecording *self);
/* Twilio's source (RecordVerb, DialVerb, ...) or NULL. */
const char  *liaison_recording_get_source       (LiaisonRecording *self);
/* Twilio's media URL (no extension), or NULL. */
const char  *liaison_recording_get_media_url    (LiaisonRecording *self);
/* The cached copy, or NULL. */
const char  *liaison_recording_get_local_path   (LiaisonRecording *self);
/* Bytes of the cached copy, or -1. */
gint64       liaison_recording_get_size         (LiaisonRecording *self);
/* Kept at least until then (0: by the policy only). */
gint64       liaison_recording_get_retain_until (LiaisonRecording *self);
/* The recording itself is on legal hold. */
gboolean     liaison_recording_get_legal_hold   (LiaisonRecording *self);
/* When it was recorded. */
gint64       liaison_recording_get_created_at   (LiaisonRecording *self);
/* When it was deleted from the cache and Twilio, or 0. */
gint64       liaison_recording_get_deleted_at   (LiaisonRecording *self);
/* Why it is absent (16101 too short, 16102 silent), or 0. */
int          liaison_recording_get_error_code   (LiaisonRecording *self);
gboolean     liaison_recording_is_deleted       (LiaisonRecording *self);

G_END_DECLS
