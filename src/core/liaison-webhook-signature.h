/* liaison-webhook-signature.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* X-Twilio-Signature (shared/twilio/TWILIO.md §6).
 *
 * Parameters are given as a NULL-terminated list of alternating names and
 * values, { "To", "+1…", "Body", "Hi", NULL }, in any order; a name may be
 * repeated (MediaUrl, Digits). NULL or an empty list signs the URL alone, as
 * for GET webhooks and JSON bodies. */

/* Base64 HMAC-SHA1 of @url followed by every name and value, names sorted
 * byte-wise, a repeated name's distinct values sorted. @url is signed exactly
 * as given. Returns NULL if @params has an odd number of entries. */
char     *liaison_webhook_signature_compute     (const char         *auth_token,
                                                 const char         *url,
                                                 const char * const *params);

/* Lower-case hex SHA-256 of a raw body, the value of the bodySHA256 query
 * parameter Twilio adds to the URL of JSON webhooks. */
char     *liaison_webhook_signature_body_sha256 (const char         *body,
                                                 gssize              length);

/* TRUE if @signature is valid for the request for any of @auth_tokens (a
 * NULL-terminated list, so that a rotated token still validates). The URL is
 * tried as given, without its port and with the scheme's default port added
 * (§6.3), and with ' and %27 swapped in it. When @json_body is not NULL,
 * @params must be empty, the URL must carry bodySHA256 and it must match the
 * body. Comparisons run in constant time. Never fails on malformed input:
 * it returns FALSE. */
gboolean  liaison_webhook_signature_validate    (const char * const *auth_tokens,
                                                 const char         *url,
                                                 const char * const *params,
                                                 const char         *json_body,
                                                 const char         *signature);

G_END_DECLS
