/* liaison-twilio-recording.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_RECORDING (liaison_twilio_recording_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioRecording, liaison_twilio_recording, LIAISON, TWILIO_RECORDING, GObject)

/* Twilio's Recording resource (TWILIO.md §4.2), from the account, call or
 * conference recording endpoints. Read-only. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioRecording *liaison_twilio_recording_new_from_json (JsonObject  *object,
                                                                GError     **error);

const char   *liaison_twilio_recording_get_sid (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_account_sid (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_call_sid (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_conference_sid (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_status (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_source (LiaisonTwilioRecording *self);
guint         liaison_twilio_recording_get_channels (LiaisonTwilioRecording *self);
/* seconds of audio; 0 while still recording (Twilio sends null) */
guint         liaison_twilio_recording_get_duration (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_price (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_price_unit (LiaisonTwilioRecording *self);
/* 0 when there is none (16101 too short, 16102 silent) */
gint          liaison_twilio_recording_get_error_code (LiaisonTwilioRecording *self);
GDateTime    *liaison_twilio_recording_get_date_created (LiaisonTwilioRecording *self);
GDateTime    *liaison_twilio_recording_get_date_updated (LiaisonTwilioRecording *self);
GDateTime    *liaison_twilio_recording_get_start_time (LiaisonTwilioRecording *self);
const char   *liaison_twilio_recording_get_uri (LiaisonTwilioRecording *self);
/* without extension; NULL on call and conference listings */
const char   *liaison_twilio_recording_get_media_url (LiaisonTwilioRecording *self);
/* inbound, outbound or both; call recordings only */
const char   *liaison_twilio_recording_get_track (LiaisonTwilioRecording *self);

G_END_DECLS
