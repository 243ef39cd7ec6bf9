/* liaison-twilio-intelligence-transcript.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_INTELLIGENCE_TRANSCRIPT (liaison_twilio_intelligence_transcript_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioIntelligenceTranscript, liaison_twilio_intelligence_transcript, LIAISON, TWILIO_INTELLIGENCE_TRANSCRIPT, GObject)

/* A Voice Intelligence v2 Transcript (TWILIO.md §4.6). Read-only. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioIntelligenceTranscript *liaison_twilio_intelligence_transcript_new_from_json (JsonObject  *object,
                                                                                           GError     **error);

const char   *liaison_twilio_intelligence_transcript_get_sid (LiaisonTwilioIntelligenceTranscript *self);
const char   *liaison_twilio_intelligence_transcript_get_account_sid (LiaisonTwilioIntelligenceTranscript *self);
const char   *liaison_twilio_intelligence_transcript_get_service_sid (LiaisonTwilioIntelligenceTranscript *self);
/* queued, in-progress, completed, new, failed, canceled or error */
const char   *liaison_twilio_intelligence_transcript_get_status (LiaisonTwilioIntelligenceTranscript *self);
const char   *liaison_twilio_intelligence_transcript_get_language_code (LiaisonTwilioIntelligenceTranscript *self);
const char   *liaison_twilio_intelligence_transcript_get_customer_key (LiaisonTwilioIntelligenceTranscript *self);
/* seconds; 0 until completed */
gint          liaison_twilio_intelligence_transcript_get_duration (LiaisonTwilioIntelligenceTranscript *self);
gboolean      liaison_twilio_intelligence_transcript_get_redaction (LiaisonTwilioIntelligenceTranscript *self);
GDateTime    *liaison_twilio_intelligence_transcript_get_date_created (LiaisonTwilioIntelligenceTranscript *self);
GDateTime    *liaison_twilio_intelligence_transcript_get_date_updated (LiaisonTwilioIntelligenceTranscript *self);
GDateTime    *liaison_twilio_intelligence_transcript_get_media_start_time (LiaisonTwilioIntelligenceTranscript *self);
const char   *liaison_twilio_intelligence_transcript_get_url (LiaisonTwilioIntelligenceTranscript *self);
/* the recording of channel.media_properties.source_sid, or NULL */
const char   *liaison_twilio_intelligence_transcript_get_source_sid (LiaisonTwilioIntelligenceTranscript *self);

G_END_DECLS
