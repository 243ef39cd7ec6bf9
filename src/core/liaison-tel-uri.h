/* liaison-tel-uri.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads a `tel:` link (RFC 3966, as web pages and other apps write them:
 * "tel:+1-203-555-0123", "tel:(203)%20555-0123", "tel://2035550123"):
 * @out_number gets the number with its visual separators removed ("+" and
 * digits), not yet checked against a numbering plan; parameters such as
 * ";ext=" and ";phone-context=" are left out. G_URI_ERROR for anything that
 * is not a tel link with a number. */
gboolean liaison_tel_uri_parse (const char  *uri,
                                char       **out_number,
                                GError     **error);

G_END_DECLS
