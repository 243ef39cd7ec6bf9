/* liaison-twilio-call.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_CALL (liaison_twilio_call_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioCall, liaison_twilio_call, LIAISON, TWILIO_CALL, GObject)

/* Twilio's Call resource (TWILIO.md §3.3), as returned by the REST API.
 * Read-only; made from the JSON of a create, fetch, update or list answer. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks a
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioCall *liaison_twilio_call_new_from_json (JsonObject  *object,
                                                     GError     **error);

const char  *liaison_twilio_call_get_sid              (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_account_sid      (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_parent_call_sid  (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_to               (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_to_formatted     (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_from             (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_from_formatted   (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_phone_number_sid (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_status           (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_direction        (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_answered_by      (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_forwarded_from   (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_caller_name      (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_price            (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_price_unit       (LiaisonTwilioCall *self);
/* seconds; 0 while the call is not over */
guint        liaison_twilio_call_get_duration         (LiaisonTwilioCall *self);
/* milliseconds */
guint        liaison_twilio_call_get_queue_time       (LiaisonTwilioCall *self);
GDateTime   *liaison_twilio_call_get_start_time       (LiaisonTwilioCall *self);
GDateTime   *liaison_twilio_call_get_end_time         (LiaisonTwilioCall *self);
GDateTime   *liaison_twilio_call_get_date_created     (LiaisonTwilioCall *self);
GDateTime   *liaison_twilio_call_get_date_updated     (LiaisonTwilioCall *self);
const char  *liaison_twilio_call_get_uri              (LiaisonTwilioCall *self);

G_END_DECLS
