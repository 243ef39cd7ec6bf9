/* liaison-sms-segments.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How an SMS body travels (TWILIO.md §2.7): GSM-7 when every character is in
 * the GSM 03.38 basic or extension table (an extension character costs two
 * septets), else UCS-2 counted in UTF-16 code units. One segment holds 160
 * septets or 70 units; a longer message is split into segments of 153 or 67,
 * never inside a character. */

typedef enum {
  LIAISON_SMS_ENCODING_GSM7,
  LIAISON_SMS_ENCODING_UCS2,
} LiaisonSmsEncoding;

typedef struct {
  LiaisonSmsEncoding encoding;
  guint              n_segments;     /* 1 for an empty body */
  guint              n_units;        /* septets or UTF-16 code units */
  guint              units_left;     /* room left in the last segment */
  guint              message_bits;   /* n_units × 7 or × 16 */
  guint              total_bits;     /* plus a 48-bit header per segment when split */
  gunichar           first_ucs2_char;   /* what forces UCS-2, or 0 */
  gsize              first_ucs2_offset; /* its byte offset in the body */
} LiaisonSmsSegments;

/* Counts @body (UTF-8; invalid bytes count as U+FFFD). */
void      liaison_sms_segments_count          (const char         *body,
                                               LiaisonSmsSegments *out);

/* Whether @c is in the GSM-7 basic or extension table. */
gboolean  liaison_sms_char_is_gsm7            (gunichar            c);

/* @body with Unicode look-alikes replaced by their GSM-7 equivalents (curly
 * quotes, dashes, ellipsis, non-breaking and other spaces, bullets), as
 * Twilio's SmartEncoded does; @out_n_replaced gets how many. */
char     *liaison_sms_replace_lookalikes      (const char         *body,
                                               guint              *out_n_replaced);

G_END_DECLS
