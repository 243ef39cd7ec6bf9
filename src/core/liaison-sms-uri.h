/* liaison-sms-uri.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads an `sms:` URI (RFC 5724: `sms:+15551234567?body=Hello`, several
 * recipients separated by commas, `sms://` and `smsto:` as some pages write
 * them). *out_recipients gets the recipients as written (percent-decoded,
 * visual separators kept: normalise them with liaison_phone_normalize()),
 * *out_body the body or NULL. FALSE with G_URI_ERROR when it is not such a
 * URI or names nobody. */
gboolean liaison_sms_uri_parse (const char   *uri,
                                char       ***out_recipients,
                                char        **out_body,
                                GError      **error);

G_END_DECLS
