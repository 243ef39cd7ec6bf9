/* liaison-twilio-operator-result.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_OPERATOR_RESULT (liaison_twilio_operator_result_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioOperatorResult, liaison_twilio_operator_result, LIAISON, TWILIO_OPERATOR_RESULT, GObject)

/* A Language Operator's result on a transcript (TWILIO.md §4.6). Read-only. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks
 * "operator_sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioOperatorResult *liaison_twilio_operator_result_new_from_json (JsonObject  *object,
                                                                           GError     **error);

const char   *liaison_twilio_operator_result_get_operator_sid (LiaisonTwilioOperatorResult *self);
/* conversation-classify, utterance-classify, extract, extract-normalize, pii-extract,
 * text-generation or json */
const char   *liaison_twilio_operator_result_get_operator_type (LiaisonTwilioOperatorResult *self);
const char   *liaison_twilio_operator_result_get_name (LiaisonTwilioOperatorResult *self);
const char   *liaison_twilio_operator_result_get_transcript_sid (LiaisonTwilioOperatorResult *self);
const char   *liaison_twilio_operator_result_get_predicted_label (LiaisonTwilioOperatorResult *self);
double        liaison_twilio_operator_result_get_predicted_probability (LiaisonTwilioOperatorResult *self);
double        liaison_twilio_operator_result_get_match_probability (LiaisonTwilioOperatorResult *self);
gboolean      liaison_twilio_operator_result_get_extract_match (LiaisonTwilioOperatorResult *self);
/* text_generation_results.result of a text-generation operator (a summary), or NULL */
const char   *liaison_twilio_operator_result_get_text_generation_result (LiaisonTwilioOperatorResult *self);
const char   *liaison_twilio_operator_result_get_url (LiaisonTwilioOperatorResult *self);

G_END_DECLS
