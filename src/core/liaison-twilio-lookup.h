/* liaison-twilio-lookup.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* line_type_intelligence.type of Lookup v2. */
typedef enum {
  LIAISON_TWILIO_LINE_TYPE_UNKNOWN,        /* not asked, not known, or a type not listed here */
  LIAISON_TWILIO_LINE_TYPE_MOBILE,
  LIAISON_TWILIO_LINE_TYPE_LANDLINE,
  LIAISON_TWILIO_LINE_TYPE_FIXED_VOIP,
  LIAISON_TWILIO_LINE_TYPE_NON_FIXED_VOIP,
  LIAISON_TWILIO_LINE_TYPE_TOLL_FREE,
  LIAISON_TWILIO_LINE_TYPE_PERSONAL,
  LIAISON_TWILIO_LINE_TYPE_PAGER,
  LIAISON_TWILIO_LINE_TYPE_VOICEMAIL,
  LIAISON_TWILIO_LINE_TYPE_SHARED_COST,
} LiaisonTwilioLineType;

#define LIAISON_TYPE_TWILIO_LOOKUP (liaison_twilio_lookup_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioLookup, liaison_twilio_lookup, LIAISON, TWILIO_LOOKUP, GObject)

/* A Lookup v2 answer (GET lookups.twilio.com/v2/PhoneNumbers/{n}) with its
 * validation and, when asked, line type intelligence. Read-only. */
LiaisonTwilioLookup   *liaison_twilio_lookup_new_from_json          (JsonObject  *object,
                                                                     GError     **error);

const char            *liaison_twilio_lookup_get_phone_number       (LiaisonTwilioLookup *self);
gboolean               liaison_twilio_lookup_get_valid              (LiaisonTwilioLookup *self);
/* TOO_SHORT, TOO_LONG, INVALID_BUT_POSSIBLE, INVALID_COUNTRY_CODE,
 * INVALID_LENGTH, NOT_A_NUMBER; empty when valid. */
const char * const    *liaison_twilio_lookup_get_validation_errors  (LiaisonTwilioLookup *self);
const char            *liaison_twilio_lookup_get_national_format    (LiaisonTwilioLookup *self);
const char            *liaison_twilio_lookup_get_country_code       (LiaisonTwilioLookup *self);
const char            *liaison_twilio_lookup_get_calling_country_code (LiaisonTwilioLookup *self);
gboolean               liaison_twilio_lookup_has_line_type          (LiaisonTwilioLookup *self);
LiaisonTwilioLineType  liaison_twilio_lookup_get_line_type          (LiaisonTwilioLookup *self);
/* Twilio's own word ("nonFixedVoip"), or NULL. */
const char            *liaison_twilio_lookup_get_line_type_name     (LiaisonTwilioLookup *self);
const char            *liaison_twilio_lookup_get_carrier_name       (LiaisonTwilioLookup *self);
const char            *liaison_twilio_lookup_get_mobile_country_code (LiaisonTwilioLookup *self);
const char            *liaison_twilio_lookup_get_mobile_network_code (LiaisonTwilioLookup *self);
/* line_type_intelligence.error_code, 0 when none */
gint                   liaison_twilio_lookup_get_line_type_error    (LiaisonTwilioLookup *self);

/* Whether a number of this type can receive SMS (mobile and VoIP). */
gboolean               liaison_twilio_line_type_can_text            (LiaisonTwilioLineType type);

G_END_DECLS
