/* liaison-twilio-recordings-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Field readers the recording and Intelligence models need beyond those of
 * liaison-twilio-json-private.h, with the same rules: a missing or null field
 * leaves *out untouched and succeeds; the wrong type is a
 * LIAISON_TWILIO_ERROR_INVALID_RESPONSE naming the field. */

/* ISO 8601 dates of the v1/v2 product APIs ("2026-11-24T10:00:00Z"). */
gboolean _liaison_twilio_json_get_iso_date      (JsonObject  *object,
                                                 const char  *name,
                                                 GDateTime  **out,
                                                 GError     **error);
gboolean _liaison_twilio_json_get_bool          (JsonObject  *object,
                                                 const char  *name,
                                                 gboolean    *out,
                                                 GError     **error);
/* A number, or a string holding one ("0.95"). */
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

G_END_DECLS
