/* liaison-twilio-available-number.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a number can do (the "capabilities" object of TWILIO.md §5.1/§5.2). */
typedef enum {
  LIAISON_TWILIO_CAPABILITY_NONE  = 0,
  LIAISON_TWILIO_CAPABILITY_VOICE = 1 << 0,
  LIAISON_TWILIO_CAPABILITY_SMS   = 1 << 1,
  LIAISON_TWILIO_CAPABILITY_MMS   = 1 << 2,
  LIAISON_TWILIO_CAPABILITY_FAX   = 1 << 3,
} LiaisonTwilioCapabilities;

#define LIAISON_TYPE_TWILIO_AVAILABLE_NUMBER (liaison_twilio_available_number_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioAvailableNumber, liaison_twilio_available_number,
                      LIAISON, TWILIO_AVAILABLE_NUMBER, GObject)

/* A number offered for purchase (AvailablePhoneNumbers, TWILIO.md §5.1).
 * Read-only. Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when
 * "phone_number" is missing or a field has the wrong type. */
LiaisonTwilioAvailableNumber *liaison_twilio_available_number_new_from_json (JsonObject  *object,
                                                                             GError     **error);

const char               *liaison_twilio_available_number_get_phone_number  (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_friendly_name (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_locality      (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_region        (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_postal_code   (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_iso_country   (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_lata          (LiaisonTwilioAvailableNumber *self);
const char               *liaison_twilio_available_number_get_rate_center   (LiaisonTwilioAvailableNumber *self);
/* none, any, local, foreign */
const char               *liaison_twilio_available_number_get_address_requirements (LiaisonTwilioAvailableNumber *self);
gboolean                  liaison_twilio_available_number_get_beta          (LiaisonTwilioAvailableNumber *self);
/* FALSE when Twilio gave no position (toll-free numbers). */
gboolean                  liaison_twilio_available_number_get_position      (LiaisonTwilioAvailableNumber *self,
                                                                             double                       *latitude,
                                                                             double                       *longitude);
LiaisonTwilioCapabilities liaison_twilio_available_number_get_capabilities  (LiaisonTwilioAvailableNumber *self);

G_END_DECLS
