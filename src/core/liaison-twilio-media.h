/* liaison-twilio-media.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_MEDIA (liaison_twilio_media_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioMedia, liaison_twilio_media, LIAISON, TWILIO_MEDIA, GObject)

/* One media item of a message (TWILIO.md §2.1): GET …/Messages/{Sid}/Media.json. */

/* NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when "sid" is missing or a
 * field has the wrong type. */
LiaisonTwilioMedia *liaison_twilio_media_new_from_json   (JsonObject  *object,
                                                          GError     **error);

const char         *liaison_twilio_media_get_sid          (LiaisonTwilioMedia *self);
const char         *liaison_twilio_media_get_parent_sid   (LiaisonTwilioMedia *self);
const char         *liaison_twilio_media_get_account_sid  (LiaisonTwilioMedia *self);
const char         *liaison_twilio_media_get_content_type (LiaisonTwilioMedia *self);
GDateTime          *liaison_twilio_media_get_date_created (LiaisonTwilioMedia *self);
/* Relative to the API host, ending in ".json"; without it, the content. */
const char         *liaison_twilio_media_get_uri          (LiaisonTwilioMedia *self);

G_END_DECLS
