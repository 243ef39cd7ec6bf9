/* liaison-twilio-conference.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_CONFERENCE (liaison_twilio_conference_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioConference, liaison_twilio_conference, LIAISON, TWILIO_CONFERENCE, GObject)

/* Twilio's Conference resource (TWILIO.md §5.4), as returned by the REST API.
 * Read-only; made from the JSON of a create, fetch, update or list answer. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks a
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioConference *liaison_twilio_conference_new_from_json (JsonObject  *object,
                                                                 GError     **error);

const char  *liaison_twilio_conference_get_sid                        (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_account_sid                (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_friendly_name              (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_status                     (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_region                     (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_reason_conference_ended    (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_call_sid_ending_conference (LiaisonTwilioConference *self);
GDateTime   *liaison_twilio_conference_get_date_created               (LiaisonTwilioConference *self);
GDateTime   *liaison_twilio_conference_get_date_updated               (LiaisonTwilioConference *self);
const char  *liaison_twilio_conference_get_uri                        (LiaisonTwilioConference *self);

G_END_DECLS
