/* liaison-twilio-numbers-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-twilio-available-number.h"

G_BEGIN_DECLS

/* Field readers for the phone-number resources (liaison-twilio-numbers.c),
 * with the rules of liaison-twilio-json-private.h: missing or null leaves
 * *out untouched; a wrong type is LIAISON_TWILIO_ERROR_INVALID_RESPONSE. */
gboolean _liaison_twilio_json_get_bool         (JsonObject                 *object,
                                                const char                 *name,
                                                gboolean                   *out,
                                                GError                    **error);
/* A number, or a string holding one ("37.77"). */
gboolean _liaison_twilio_json_get_double       (JsonObject                 *object,
                                                const char                 *name,
                                                double                     *out,
                                                GError                    **error);
/* ISO 8601 date-times of the v1/v2 APIs ("2026-11-24T10:00:00Z"). */
gboolean _liaison_twilio_json_get_iso_date     (JsonObject                 *object,
                                                const char                 *name,
                                                GDateTime                 **out,
                                                GError                    **error);
/* The capabilities object {voice, sms, mms, fax}. */
gboolean _liaison_twilio_json_get_capabilities (JsonObject                 *object,
                                                LiaisonTwilioCapabilities  *out,
                                                GError                    **error);

G_END_DECLS
