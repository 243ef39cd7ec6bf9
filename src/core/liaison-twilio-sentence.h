/* liaison-twilio-sentence.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_SENTENCE (liaison_twilio_sentence_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioSentence, liaison_twilio_sentence, LIAISON, TWILIO_SENTENCE, GObject)

/* One sentence of a Voice Intelligence transcript (TWILIO.md §4.6). Read-only. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioSentence *liaison_twilio_sentence_new_from_json (JsonObject  *object,
                                                              GError     **error);

const char   *liaison_twilio_sentence_get_sid (LiaisonTwilioSentence *self);
/* matches channel_participant: 1 or 2 */
gint          liaison_twilio_sentence_get_media_channel (LiaisonTwilioSentence *self);
gint          liaison_twilio_sentence_get_sentence_index (LiaisonTwilioSentence *self);
/* seconds from the start of the media (Twilio sends a string or a number) */
double        liaison_twilio_sentence_get_start_time (LiaisonTwilioSentence *self);
double        liaison_twilio_sentence_get_end_time (LiaisonTwilioSentence *self);
const char   *liaison_twilio_sentence_get_transcript (LiaisonTwilioSentence *self);
double        liaison_twilio_sentence_get_confidence (LiaisonTwilioSentence *self);

G_END_DECLS
