/* liaison-twilio-participant.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_PARTICIPANT (liaison_twilio_participant_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioParticipant, liaison_twilio_participant, LIAISON, TWILIO_PARTICIPANT, GObject)

/* Twilio's conference Participant resource (TWILIO.md §5.4), as returned by the REST API.
 * Read-only; made from the JSON of a create, fetch, update or list answer. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks a
 * "call_sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioParticipant *liaison_twilio_participant_new_from_json (JsonObject  *object,
                                                                   GError     **error);

const char  *liaison_twilio_participant_get_call_sid                  (LiaisonTwilioParticipant *self);
const char  *liaison_twilio_participant_get_account_sid               (LiaisonTwilioParticipant *self);
const char  *liaison_twilio_participant_get_conference_sid            (LiaisonTwilioParticipant *self);
const char  *liaison_twilio_participant_get_label                     (LiaisonTwilioParticipant *self);
const char  *liaison_twilio_participant_get_call_sid_to_coach         (LiaisonTwilioParticipant *self);
const char  *liaison_twilio_participant_get_status                    (LiaisonTwilioParticipant *self);
gboolean     liaison_twilio_participant_get_muted                     (LiaisonTwilioParticipant *self);
gboolean     liaison_twilio_participant_get_hold                      (LiaisonTwilioParticipant *self);
gboolean     liaison_twilio_participant_get_coaching                  (LiaisonTwilioParticipant *self);
gboolean     liaison_twilio_participant_get_end_conference_on_exit    (LiaisonTwilioParticipant *self);
gboolean     liaison_twilio_participant_get_start_conference_on_enter (LiaisonTwilioParticipant *self);
/* milliseconds */
guint        liaison_twilio_participant_get_queue_time                (LiaisonTwilioParticipant *self);
GDateTime   *liaison_twilio_participant_get_date_created              (LiaisonTwilioParticipant *self);
GDateTime   *liaison_twilio_participant_get_date_updated              (LiaisonTwilioParticipant *self);
const char  *liaison_twilio_participant_get_uri                       (LiaisonTwilioParticipant *self);

G_END_DECLS
