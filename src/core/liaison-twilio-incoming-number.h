/* liaison-twilio-incoming-number.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "liaison-twilio-available-number.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_INCOMING_NUMBER (liaison_twilio_incoming_number_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioIncomingNumber, liaison_twilio_incoming_number,
                      LIAISON, TWILIO_INCOMING_NUMBER, GObject)

/* A number the account owns (IncomingPhoneNumbers, TWILIO.md §5.2).
 * Read-only. Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when
 * "sid" or "phone_number" is missing or a field has the wrong type. */
LiaisonTwilioIncomingNumber *liaison_twilio_incoming_number_new_from_json (JsonObject  *object,
                                                                           GError     **error);

const char               *liaison_twilio_incoming_number_get_sid                    (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_account_sid            (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_phone_number           (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_friendly_name          (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_sms_url                (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_sms_method             (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_voice_url              (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_voice_method           (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_voice_fallback_url     (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_status_callback        (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_status_callback_method (LiaisonTwilioIncomingNumber *self);
/* local, toll-free, mobile… as Twilio says */
const char               *liaison_twilio_incoming_number_get_number_type            (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_origin                 (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_status                 (LiaisonTwilioIncomingNumber *self);
const char               *liaison_twilio_incoming_number_get_address_requirements   (LiaisonTwilioIncomingNumber *self);
LiaisonTwilioCapabilities liaison_twilio_incoming_number_get_capabilities           (LiaisonTwilioIncomingNumber *self);
GDateTime                *liaison_twilio_incoming_number_get_date_created           (LiaisonTwilioIncomingNumber *self);
GDateTime                *liaison_twilio_incoming_number_get_date_updated           (LiaisonTwilioIncomingNumber *self);

G_END_DECLS
