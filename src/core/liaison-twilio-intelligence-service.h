/* liaison-twilio-intelligence-service.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_INTELLIGENCE_SERVICE (liaison_twilio_intelligence_service_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioIntelligenceService, liaison_twilio_intelligence_service, LIAISON, TWILIO_INTELLIGENCE_SERVICE, GObject)

/* A Voice Intelligence v2 Service (TWILIO.md §4.6). Read-only. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioIntelligenceService *liaison_twilio_intelligence_service_new_from_json (JsonObject  *object,
                                                                                     GError     **error);

const char   *liaison_twilio_intelligence_service_get_sid (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_account_sid (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_unique_name (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_friendly_name (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_language_code (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_webhook_url (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_webhook_http_method (LiaisonTwilioIntelligenceService *self);
gboolean      liaison_twilio_intelligence_service_get_auto_transcribe (LiaisonTwilioIntelligenceService *self);
gboolean      liaison_twilio_intelligence_service_get_auto_redaction (LiaisonTwilioIntelligenceService *self);
gboolean      liaison_twilio_intelligence_service_get_media_redaction (LiaisonTwilioIntelligenceService *self);
gint          liaison_twilio_intelligence_service_get_version (LiaisonTwilioIntelligenceService *self);
GDateTime    *liaison_twilio_intelligence_service_get_date_created (LiaisonTwilioIntelligenceService *self);
GDateTime    *liaison_twilio_intelligence_service_get_date_updated (LiaisonTwilioIntelligenceService *self);
const char   *liaison_twilio_intelligence_service_get_url (LiaisonTwilioIntelligenceService *self);

G_END_DECLS
