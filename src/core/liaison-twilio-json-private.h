/* liaison-twilio-json-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-twilio-available-number.h"

G_BEGIN_DECLS

/* Sets LIAISON_TWILIO_ERROR_INVALID_RESPONSE naming the field @name; returns
 * FALSE. */
gboolean _liaison_twilio_json_invalid_field (const char  *name,
                                             GError     **error);

/* Field readers for Twilio resources (see liaison-twilio-json.c). */
gboolean _liaison_twilio_json_get_string (JsonObject  *object,
                                          const char  *name,
                                          char       **out,
                                          GError     **error);
/* The same, for a field that must be present and not null. */
gboolean _liaison_twilio_json_require_string (JsonObject  *object,
                                              const char  *name,
                                              char       **out,
                                              GError     **error);
/* Counts: Twilio sends them as strings ("1"); integers are accepted too. */
gboolean _liaison_twilio_json_get_uint   (JsonObject  *object,
                                          const char  *name,
                                          guint       *out,
                                          GError     **error);
gboolean _liaison_twilio_json_get_int    (JsonObject  *object,
                                          const char  *name,
                                          gint        *out,
                                          GError     **error);
/* RFC 2822 dates of the 2010 API. */
gboolean _liaison_twilio_json_get_date   (JsonObject  *object,
                                          const char  *name,
                                          GDateTime  **out,
                                          GError     **error);
/* ISO 8601 dates of the v1/v2 product APIs ("2026-11-24T10:00:00Z"; a date
 * alone is midnight UTC). */
gboolean _liaison_twilio_json_get_iso_date      (JsonObject  *object,
                                                 const char  *name,
                                                 GDateTime  **out,
                                                 GError     **error);
gboolean _liaison_twilio_json_get_bool          (JsonObject  *object,
                                                 const char  *name,
                                                 gboolean    *out,
                                                 GError     **error);
/* A number, or a string holding a finite one ("37.77"). */
gboolean _liaison_twilio_json_get_double        (JsonObject  *object,
                                                 const char  *name,
                                                 double      *out,
                                                 GError     **error);
/* A price: Twilio sends a string on some resources and a number on others;
 * kept as text ("-0.0025"). */
gboolean _liaison_twilio_json_get_number_string (JsonObject  *object,
                                                 const char  *name,
                                                 char       **out,
                                                 GError     **error);
/* The phone-number capabilities object {voice, sms, mms, fax}. */
gboolean _liaison_twilio_json_get_capabilities  (JsonObject                 *object,
                                                 LiaisonTwilioCapabilities  *out,
                                                 GError                    **error);

G_END_DECLS
