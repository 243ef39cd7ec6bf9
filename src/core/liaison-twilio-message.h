/* liaison-twilio-message.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_MESSAGE (liaison_twilio_message_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioMessage, liaison_twilio_message, LIAISON, TWILIO_MESSAGE, GObject)

/* Twilio's Message resource (TWILIO.md §2.3), as returned by the REST API.
 * Read-only; made from the JSON of a create, fetch, update or list answer. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks a
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioMessage *liaison_twilio_message_new_from_json          (JsonObject  *object,
                                                                    GError     **error);

const char           *liaison_twilio_message_get_sid                 (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_account_sid         (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_from                (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_to                  (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_body                (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_status              (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_direction           (LiaisonTwilioMessage *self);
guint                 liaison_twilio_message_get_num_segments        (LiaisonTwilioMessage *self);
guint                 liaison_twilio_message_get_num_media           (LiaisonTwilioMessage *self);
/* 0 when there is no error */
gint                  liaison_twilio_message_get_error_code          (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_error_message       (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_price               (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_price_unit          (LiaisonTwilioMessage *self);
GDateTime            *liaison_twilio_message_get_date_created        (LiaisonTwilioMessage *self);
GDateTime            *liaison_twilio_message_get_date_sent           (LiaisonTwilioMessage *self);
GDateTime            *liaison_twilio_message_get_date_updated        (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_messaging_service_sid (LiaisonTwilioMessage *self);
const char           *liaison_twilio_message_get_uri                 (LiaisonTwilioMessage *self);

/* Parses an RFC 2822 date ("Thu, 24 Aug 2023 05:01:45 +0000"; the weekday and
 * seconds are optional, zones may be ±hhmm, UT, GMT, Z or the US names).
 * Returns NULL for anything malformed or out of range. */
GDateTime            *liaison_twilio_parse_rfc2822_date              (const char *text);

G_END_DECLS
