/* liaison-phone.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Phone numbers, parsed, validated and formatted by libphonenumber (the C++
 * library, wrapped by liaison-phone.cc). Numbers are normalised once, on the
 * way in (typed, imported, received), and stored as E.164. */

#define LIAISON_PHONE_ERROR (liaison_phone_error_quark ())

typedef enum {
  /* Not a phone number at all ("call me", an empty string). */
  LIAISON_PHONE_ERROR_NOT_A_NUMBER,
  /* No country code and no default region to read it in. */
  LIAISON_PHONE_ERROR_INVALID_COUNTRY,
  LIAISON_PHONE_ERROR_TOO_SHORT,
  LIAISON_PHONE_ERROR_TOO_LONG,
  /* Well formed, but no such number exists in its country's numbering plan. */
  LIAISON_PHONE_ERROR_INVALID,
} LiaisonPhoneError;

typedef enum {
  LIAISON_PHONE_LINE_UNKNOWN,
  LIAISON_PHONE_LINE_FIXED,
  LIAISON_PHONE_LINE_MOBILE,
  /* The numbering plan cannot tell (all of North America). */
  LIAISON_PHONE_LINE_FIXED_OR_MOBILE,
  LIAISON_PHONE_LINE_VOIP,
  LIAISON_PHONE_LINE_TOLL_FREE,
  LIAISON_PHONE_LINE_PREMIUM,
  LIAISON_PHONE_LINE_SHARED_COST,
  LIAISON_PHONE_LINE_PERSONAL,
  LIAISON_PHONE_LINE_PAGER,
  LIAISON_PHONE_LINE_UAN,
  LIAISON_PHONE_LINE_VOICEMAIL,
} LiaisonPhoneLineType;

#define LIAISON_TYPE_PHONE_NUMBER (liaison_phone_number_get_type ())

typedef struct _LiaisonPhoneNumber LiaisonPhoneNumber;

GQuark              liaison_phone_error_quark           (void);
GType               liaison_phone_number_get_type       (void) G_GNUC_CONST;

/* Parses what a person typed or a file held ("(203) 555-0123", "+44 7911
 * 123456", "tel:+1-203-555-0123", "203.555.0123 ext. 4"), reading numbers
 * without a country code in @default_region (ISO 3166 "US"; NULL is "US").
 * Returns NULL with LIAISON_PHONE_ERROR if it is not a valid number. */
LiaisonPhoneNumber *liaison_phone_number_parse          (const char          *text,
                                                         const char          *default_region,
                                                         GError             **error);
LiaisonPhoneNumber *liaison_phone_number_ref            (LiaisonPhoneNumber  *self);
void                liaison_phone_number_unref          (LiaisonPhoneNumber  *self);

/* "+12035550123" */
const char         *liaison_phone_number_get_e164       (LiaisonPhoneNumber  *self);
/* "(203) 555-0123" */
const char         *liaison_phone_number_get_national   (LiaisonPhoneNumber  *self);
/* "+1 203-555-0123" */
const char         *liaison_phone_number_get_international (LiaisonPhoneNumber *self);
/* ISO 3166 region: "US", "CA", "GB"… */
const char         *liaison_phone_number_get_region     (LiaisonPhoneNumber  *self);
LiaisonPhoneLineType liaison_phone_number_get_line_type (LiaisonPhoneNumber  *self);
/* Where the number is registered, in English as libphonenumber's geocoder
 * says it ("Mountain View, CA", "Connecticut"), or NULL. */
const char         *liaison_phone_number_get_location   (LiaisonPhoneNumber  *self);
/* For US numbers, the two-letter state (or DC, PR…) of the area code, or NULL. */
const char         *liaison_phone_number_get_us_state   (LiaisonPhoneNumber  *self);
/* The IANA time zones the number may be in, never NULL (may be empty when
 * unknown): one for most numbers, several for a US state or a country that
 * spans zones. Quiet hours must hold in every one of them. */
const char * const *liaison_phone_number_get_time_zones (LiaisonPhoneNumber  *self);

/* Shortcuts. The E.164 form of @text, or NULL with @error. */
char               *liaison_phone_normalize             (const char          *text,
                                                         const char          *default_region,
                                                         GError             **error);
/* How to show a stored number: national format for numbers of @home_region
 * (NULL is "US"), international otherwise; @e164 itself if it does not parse. */
char               *liaison_phone_format_for_display    (const char          *e164,
                                                         const char          *home_region);
/* The first of @e164's time zones (how {date} and {time} read for the
 * recipient), or NULL when it does not parse or has none. */
char               *liaison_phone_dup_time_zone         (const char          *e164);
/* "mobile", "landline", "voip", "toll-free", … (stable, for the database), or NULL for unknown. */
const char         *liaison_phone_line_type_to_string   (LiaisonPhoneLineType type);
LiaisonPhoneLineType liaison_phone_line_type_from_string (const char         *string);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonPhoneNumber, liaison_phone_number_unref)

G_END_DECLS
