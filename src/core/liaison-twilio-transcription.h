/* liaison-twilio-transcription.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_TRANSCRIPTION (liaison_twilio_transcription_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioTranscription, liaison_twilio_transcription, LIAISON, TWILIO_TRANSCRIPTION, GObject)

/* Twilio's legacy Transcription resource (TWILIO.md §4.5). Read-only. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioTranscription *liaison_twilio_transcription_new_from_json (JsonObject  *object,
                                                                        GError     **error);

const char   *liaison_twilio_transcription_get_sid (LiaisonTwilioTranscription *self);
const char   *liaison_twilio_transcription_get_account_sid (LiaisonTwilioTranscription *self);
const char   *liaison_twilio_transcription_get_recording_sid (LiaisonTwilioTranscription *self);
/* in-progress, completed or failed */
const char   *liaison_twilio_transcription_get_status (LiaisonTwilioTranscription *self);
const char   *liaison_twilio_transcription_get_transcription_text (LiaisonTwilioTranscription *self);
/* Twilio's "type" field: only "fast" */
const char   *liaison_twilio_transcription_get_transcription_type (LiaisonTwilioTranscription *self);
guint         liaison_twilio_transcription_get_duration (LiaisonTwilioTranscription *self);
const char   *liaison_twilio_transcription_get_price (LiaisonTwilioTranscription *self);
const char   *liaison_twilio_transcription_get_price_unit (LiaisonTwilioTranscription *self);
GDateTime    *liaison_twilio_transcription_get_date_created (LiaisonTwilioTranscription *self);
GDateTime    *liaison_twilio_transcription_get_date_updated (LiaisonTwilioTranscription *self);
const char   *liaison_twilio_transcription_get_uri (LiaisonTwilioTranscription *self);

G_END_DECLS
