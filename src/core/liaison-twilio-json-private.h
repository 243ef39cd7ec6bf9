/* liaison-twilio-json-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

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

G_END_DECLS
