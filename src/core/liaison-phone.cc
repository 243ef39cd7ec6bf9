/* liaison-phone.cc
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The only C++ of the project: a thin C wrapper around libphonenumber.
 * Everything it exports is declared extern "C" by liaison-phone.h; no C++
 * type or exception crosses that line (libphonenumber reports errors by
 * return value, and std::string results are copied with g_strndup). */

#define G_LOG_DOMAIN "liaison-phone"

#include "config.h"

#include <string.h>
#include <exception>
#include <string>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

#include <glib/gi18n-lib.h>

#include "liaison-phone.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;
using i18n::phonenumbers::PhoneNumberUtil;

struct _LiaisonPhoneNumber
{
  gatomicrefcount       ref_count;
  char                 *e164;
  char                 *national;
  char                 *international;
  char                 *region;
  char                 *location;
  char                 *us_state;
  char                **time_zones;
  LiaisonPhoneLineType  line_type;
};

G_DEFINE_BOXED_TYPE (LiaisonPhoneNumber, liaison_phone_number,
                     liaison_phone_number_ref, liaison_phone_number_unref)

G_DEFINE_QUARK (liaison-phone-error-quark, liaison_phone_error)

/* ------------------------------------------------------------------------ */
/* Geography: US states and territories, Canadian provinces, and the IANA
 * zones each one spans. This is not a numbering-plan table: the area code
 * never appears here. libphonenumber's geocoder names the place ("Texas",
 * "Mountain View, CA", "British Columbia", "Montreal, QC") and this table
 * turns the place into a code and its time zones. Where a state is split
 * between zones, every zone is listed, so quiet hours hold everywhere the
 * recipient may be. */

typedef struct {
  const char *code;
  const char *name;
  const char *zones;   /* space-separated IANA identifiers */
  gboolean    canada;
} Subdivision;

static const Subdivision subdivisions[] = {
  { "AL", "Alabama", "America/Chicago", FALSE },
  { "AK", "Alaska", "America/Anchorage America/Juneau America/Sitka America/Metlakatla "
                    "America/Yakutat America/Nome America/Adak", FALSE },
  /* Most of Arizona keeps standard time all year; the Navajo Nation observes DST. */
  { "AZ", "Arizona", "America/Phoenix America/Denver", FALSE },
  { "AR", "Arkansas", "America/Chicago", FALSE },
  { "CA", "California", "America/Los_Angeles", FALSE },
  { "CO", "Colorado", "America/Denver", FALSE },
  { "CT", "Connecticut", "America/New_York", FALSE },
  { "DE", "Delaware", "America/New_York", FALSE },
  { "DC", "District of Columbia", "America/New_York", FALSE },
  { "FL", "Florida", "America/New_York America/Chicago", FALSE },
  { "GA", "Georgia", "America/New_York", FALSE },
  { "HI", "Hawaii", "Pacific/Honolulu", FALSE },
  { "ID", "Idaho", "America/Boise America/Los_Angeles", FALSE },
  { "IL", "Illinois", "America/Chicago", FALSE },
  { "IN", "Indiana", "America/Indiana/Indianapolis America/Chicago", FALSE },
  { "IA", "Iowa", "America/Chicago", FALSE },
  { "KS", "Kansas", "America/Chicago America/Denver", FALSE },
  { "KY", "Kentucky", "America/Kentucky/Louisville America/Chicago", FALSE },
  { "LA", "Louisiana", "America/Chicago", FALSE },
  { "ME", "Maine", "America/New_York", FALSE },
  { "MD", "Maryland", "America/New_York", FALSE },
  { "MA", "Massachusetts", "America/New_York", FALSE },
  { "MI", "Michigan", "America/Detroit America/Menominee", FALSE },
  { "MN", "Minnesota", "America/Chicago", FALSE },
  { "MS", "Mississippi", "America/Chicago", FALSE },
  { "MO", "Missouri", "America/Chicago", FALSE },
  { "MT", "Montana", "America/Denver", FALSE },
  { "NE", "Nebraska", "America/Chicago America/Denver", FALSE },
  { "NV", "Nevada", "America/Los_Angeles", FALSE },
  { "NH", "New Hampshire", "America/New_York", FALSE },
  { "NJ", "New Jersey", "America/New_York", FALSE },
  { "NM", "New Mexico", "America/Denver", FALSE },
  { "NY", "New York", "America/New_York", FALSE },
  { "NC", "North Carolina", "America/New_York", FALSE },
  { "ND", "North Dakota", "America/Chicago America/Denver", FALSE },
  { "OH", "Ohio", "America/New_York", FALSE },
  { "OK", "Oklahoma", "America/Chicago", FALSE },
  { "OR", "Oregon", "America/Los_Angeles America/Boise", FALSE },
  { "PA", "Pennsylvania", "America/New_York", FALSE },
  { "RI", "Rhode Island", "America/New_York", FALSE },
  { "SC", "South Carolina", "America/New_York", FALSE },
  { "SD", "South Dakota", "America/Chicago America/Denver", FALSE },
  { "TN", "Tennessee", "America/New_York America/Chicago", FALSE },
  { "TX", "Texas", "America/Chicago America/Denver", FALSE },
  { "UT", "Utah", "America/Denver", FALSE },
  { "VT", "Vermont", "America/New_York", FALSE },
  { "VA", "Virginia", "America/New_York", FALSE },
  { "WA", "Washington", "America/Los_Angeles", FALSE },
  { "WV", "West Virginia", "America/New_York", FALSE },
  { "WI", "Wisconsin", "America/Chicago", FALSE },
  { "WY", "Wyoming", "America/Denver", FALSE },
  /* Territories (libphonenumber gives them their own region codes). */
  { "PR", "Puerto Rico", "America/Puerto_Rico", FALSE },
  { "VI", "US Virgin Islands", "America/St_Thomas", FALSE },
  { "GU", "Guam", "Pacific/Guam", FALSE },
  { "MP", "Northern Mariana Islands", "Pacific/Saipan", FALSE },
  { "AS", "American Samoa", "Pacific/Pago_Pago", FALSE },

  /* Canadian provinces and territories. */
  { "AB", "Alberta", "America/Edmonton", TRUE },
  /* The Kootenays keep Mountain time. */
  { "BC", "British Columbia", "America/Vancouver America/Edmonton", TRUE },
  { "MB", "Manitoba", "America/Winnipeg", TRUE },
  { "NB", "New Brunswick", "America/Moncton", TRUE },
  { "NL", "Newfoundland and Labrador", "America/St_Johns America/Goose_Bay", TRUE },
  { "NS", "Nova Scotia", "America/Halifax", TRUE },
  { "NT", "Northwest Territories", "America/Yellowknife America/Inuvik", TRUE },
  { "NU", "Nunavut", "America/Iqaluit America/Rankin_Inlet America/Cambridge_Bay", TRUE },
  /* North-western Ontario keeps Central time. */
  { "ON", "Ontario", "America/Toronto America/Winnipeg", TRUE },
  { "PE", "Prince Edward Island", "America/Halifax", TRUE },
  /* The Lower North Shore keeps Atlantic standard time. */
  { "QC", "Quebec", "America/Toronto America/Blanc-Sablon", TRUE },
  { "SK", "Saskatchewan", "America/Regina", TRUE },
  { "YT", "Yukon", "America/Whitehorse", TRUE },
};

/* Other spellings the geocoder uses. */
static const struct {
  const char *name;
  const char *code;
} subdivision_aliases[] = {
  { "Washington D.C.", "DC" },
  { "Washington DC", "DC" },
  { "Washington, D.C.", "DC" },
  { "Newfoundland", "NL" },
  { "Labrador", "NL" },
  { "Québec", "QC" },
  { "Yukon Territory", "YT" },
  { "U.S. Virgin Islands", "VI" },
};

/* A toll-free or otherwise non-geographic +1 number of the United States
 * may be anywhere; all of the contiguous states' zones are a reasonable
 * answer (Alaska and Hawaii would leave almost no common hours). */
static const char *contiguous_us_zones =
  "America/New_York America/Chicago America/Denver America/Phoenix America/Los_Angeles";

static const char * const us_regions[] = { "US", "PR", "VI", "GU", "MP", "AS" };

static gboolean
is_us_region (const char *region)
{
  for (gsize i = 0; i < G_N_ELEMENTS (us_regions); i++)
    if (g_strcmp0 (region, us_regions[i]) == 0)
      return TRUE;
  return FALSE;
}

static const Subdivision *
subdivision_by_code (const char *code,
                     gboolean    canada)
{
  for (gsize i = 0; i < G_N_ELEMENTS (subdivisions); i++)
    if (subdivisions[i].canada == canada && g_strcmp0 (subdivisions[i].code, code) == 0)
      return &subdivisions[i];
  return NULL;
}

static const Subdivision *
subdivision_by_name (const char *name,
                     gboolean    canada)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  for (gsize i = 0; i < G_N_ELEMENTS (subdivisions); i++)
    if (subdivisions[i].canada == canada &&
        g_ascii_strcasecmp (subdivisions[i].name, stripped) == 0)
      return &subdivisions[i];
  for (gsize i = 0; i < G_N_ELEMENTS (subdivision_aliases); i++)
    if (g_ascii_strcasecmp (subdivision_aliases[i].name, stripped) == 0)
      return subdivision_by_code (subdivision_aliases[i].code, canada);
  return NULL;
}

/* The subdivisions a geocoder description names: "City, XX", "Texas", or
 * "Nova Scotia/Prince Edward Island". */
static GPtrArray *
subdivisions_for_location (const char *location,
                           gboolean    canada)
{
  GPtrArray *found = g_ptr_array_new ();
  const char *comma;

  if (location == NULL || *location == '\0')
    return found;

  comma = strrchr (location, ',');
  if (comma != NULL)
    {
      g_autofree char *code = g_strstrip (g_strdup (comma + 1));
      const Subdivision *sub = subdivision_by_code (code, canada);

      if (sub == NULL)
        sub = subdivision_by_name (code, canada);
      if (sub != NULL)
        g_ptr_array_add (found, (gpointer) sub);
      /* "Washington, D.C." is a name with a comma. */
      else if ((sub = subdivision_by_name (location, canada)) != NULL)
        g_ptr_array_add (found, (gpointer) sub);
      return found;
    }

  g_auto(GStrv) parts = g_strsplit (location, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const Subdivision *sub = subdivision_by_name (parts[i], canada);

      if (sub != NULL && !g_ptr_array_find (found, sub, NULL))
        g_ptr_array_add (found, (gpointer) sub);
    }
  return found;
}

/* ------------------------------------------------------------------------ */
/* The system's zone database, read once. TZDIR overrides the folder, as in
 * glibc and GLib. */

G_LOCK_DEFINE_STATIC (zoneinfo);
static GHashTable *country_zones;   /* "GB" → GPtrArray of char* */
static GHashTable *zone_known;      /* "Europe/London" → GINT_TO_POINTER (1 or 2) */

static char *
zoneinfo_dir (void)
{
  const char *dir = g_getenv ("TZDIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_strdup ("/usr/share/zoneinfo");
}

static void
add_country_zone (GHashTable *table,
                  const char *country,
                  const char *zone)
{
  GPtrArray *zones = (GPtrArray *) g_hash_table_lookup (table, country);

  if (zones == NULL)
    {
      zones = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (table, g_strdup (country), zones);
    }
  for (guint i = 0; i < zones->len; i++)
    if (g_strcmp0 ((const char *) g_ptr_array_index (zones, i), zone) == 0)
      return;
  g_ptr_array_add (zones, g_strdup (zone));
}

/* Called with the lock held. */
static void
load_country_zones_locked (void)
{
  static const char * const tables[] = { "zone1970.tab", "zone.tab" };
  g_autofree char *dir = NULL;

  if (country_zones != NULL)
    return;

  country_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  dir = zoneinfo_dir ();

  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *path = g_build_filename (dir, tables[t], NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;

      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) columns = NULL;
          g_auto(GStrv) countries = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          columns = g_strsplit (lines[i], "\t", -1);
          if (g_strv_length (columns) < 3)
            continue;
          countries = g_strsplit (columns[0], ",", -1);
          for (guint c = 0; countries[c] != NULL; c++)
            add_country_zone (country_zones, countries[c], columns[2]);
        }
      /* zone1970.tab is the better one (shared zones listed once); use
       * zone.tab only when it is missing. */
      break;
    }
}

static gboolean
zone_exists (const char *zone)
{
  gpointer known;

  G_LOCK (zoneinfo);
  if (zone_known == NULL)
    zone_known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  known = g_hash_table_lookup (zone_known, zone);
  if (known == NULL)
    {
      g_autofree char *dir = zoneinfo_dir ();
      g_autofree char *path = g_build_filename (dir, zone, NULL);

      known = GINT_TO_POINTER (g_file_test (path, G_FILE_TEST_IS_REGULAR) ? 1 : 2);
      g_hash_table_insert (zone_known, g_strdup (zone), known);
    }
  G_UNLOCK (zoneinfo);

  return GPOINTER_TO_INT (known) == 1;
}

static void
add_zone (GPtrArray  *zones,
          const char *zone)
{
  for (guint i = 0; i < zones->len; i++)
    if (g_strcmp0 ((const char *) g_ptr_array_index (zones, i), zone) == 0)
      return;
  if (zone_exists (zone))
    g_ptr_array_add (zones, g_strdup (zone));
}

static void
add_zone_list (GPtrArray  *zones,
               const char *list)
{
  g_auto(GStrv) names = g_strsplit (list, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      add_zone (zones, names[i]);
}

static void
add_country_zones (GPtrArray  *zones,
                   const char *region)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *found;

  G_LOCK (zoneinfo);
  load_country_zones_locked ();
  found = (GPtrArray *) g_hash_table_lookup (country_zones, region);
  if (found != NULL)
    for (guint i = 0; i < found->len; i++)
      g_ptr_array_add (copy, g_strdup ((const char *) g_ptr_array_index (found, i)));
  G_UNLOCK (zoneinfo);

  for (guint i = 0; i < copy->len; i++)
    add_zone (zones, (const char *) g_ptr_array_index (copy, i));
}

static char **
time_zones_for (const char *region,
                const char *location)
{
  GPtrArray *zones = g_ptr_array_new_with_free_func (g_free);
  gboolean canada = g_strcmp0 (region, "CA") == 0;

  if (canada || is_us_region (region))
    {
      g_autoptr(GPtrArray) subs = subdivisions_for_location (location, canada);

      if (subs->len == 0 && !canada && g_strcmp0 (region, "US") != 0)
        {
          const Subdivision *territory = subdivision_by_code (region, FALSE);

          if (territory != NULL)
            g_ptr_array_add (subs, (gpointer) territory);
        }

      for (guint i = 0; i < subs->len; i++)
        add_zone_list (zones, ((const Subdivision *) g_ptr_array_index (subs, i))->zones);

      if (zones->len == 0 && g_strcmp0 (region, "US") == 0)
        add_zone_list (zones, contiguous_us_zones);
    }

  if (zones->len == 0 && region != NULL)
    add_country_zones (zones, region);

  g_ptr_array_add (zones, NULL);
  return (char **) g_ptr_array_free (zones, FALSE);
}

static char *
us_state_for (const char *region,
              const char *location)
{
  g_autoptr(GPtrArray) subs = NULL;

  if (!is_us_region (region))
    return NULL;

  if (g_strcmp0 (region, "US") != 0)
    return g_strdup (region);

  subs = subdivisions_for_location (location, FALSE);
  if (subs->len != 1)
    return NULL;
  return g_strdup (((const Subdivision *) g_ptr_array_index (subs, 0))->code);
}

/* ------------------------------------------------------------------------ */

static PhoneNumberOfflineGeocoder *
get_geocoder (void)
{
  static PhoneNumberOfflineGeocoder *geocoder;

  if (g_once_init_enter (&geocoder))
    g_once_init_leave (&geocoder, new PhoneNumberOfflineGeocoder ());
  return geocoder;
}

static char *
dup_string (const std::string &s)
{
  return g_strndup (s.data (), s.size ());
}

static LiaisonPhoneLineType
line_type_from_util (PhoneNumberUtil::PhoneNumberType type)
{
  switch (type)
    {
    case PhoneNumberUtil::FIXED_LINE:
      return LIAISON_PHONE_LINE_FIXED;
    case PhoneNumberUtil::MOBILE:
      return LIAISON_PHONE_LINE_MOBILE;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return LIAISON_PHONE_LINE_FIXED_OR_MOBILE;
    case PhoneNumberUtil::TOLL_FREE:
      return LIAISON_PHONE_LINE_TOLL_FREE;
    case PhoneNumberUtil::PREMIUM_RATE:
      return LIAISON_PHONE_LINE_PREMIUM;
    case PhoneNumberUtil::SHARED_COST:
      return LIAISON_PHONE_LINE_SHARED_COST;
    case PhoneNumberUtil::VOIP:
      return LIAISON_PHONE_LINE_VOIP;
    case PhoneNumberUtil::PERSONAL_NUMBER:
      return LIAISON_PHONE_LINE_PERSONAL;
    case PhoneNumberUtil::PAGER:
      return LIAISON_PHONE_LINE_PAGER;
    case PhoneNumberUtil::UAN:
      return LIAISON_PHONE_LINE_UAN;
    case PhoneNumberUtil::VOICEMAIL:
      return LIAISON_PHONE_LINE_VOICEMAIL;
    case PhoneNumberUtil::UNKNOWN:
    default:
      return LIAISON_PHONE_LINE_UNKNOWN;
    }
}

/* The messages never repeat the text: callers may log error->message, and
 * phone numbers must not reach the logs unmasked. */
static void
set_parse_error (GError                        **error,
                 PhoneNumberUtil::ErrorType      type)
{
  switch (type)
    {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_INVALID_COUNTRY,
                           _("The phone number has no valid country code. "
                             "Start it with + and the country code, for example +44."));
      break;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_TOO_SHORT,
                           _("The phone number is too short."));
      break;
    case PhoneNumberUtil::TOO_LONG_NSN:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_TOO_LONG,
                           _("The phone number is too long."));
      break;
    case PhoneNumberUtil::NOT_A_NUMBER:
    case PhoneNumberUtil::NO_PARSING_ERROR:
    default:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_NOT_A_NUMBER,
                           _("This is not a phone number."));
      break;
    }
}

static void
set_validation_error (GError                           **error,
                      PhoneNumberUtil::ValidationResult  result)
{
  switch (result)
    {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_INVALID_COUNTRY,
                           _("The phone number has no valid country code. "
                             "Start it with + and the country code, for example +44."));
      break;
    case PhoneNumberUtil::TOO_SHORT:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_TOO_SHORT,
                           _("The phone number is too short."));
      break;
    case PhoneNumberUtil::TOO_LONG:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_TOO_LONG,
                           _("The phone number is too long."));
      break;
    case PhoneNumberUtil::IS_POSSIBLE:
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
    case PhoneNumberUtil::INVALID_LENGTH:
    default:
      g_set_error_literal (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_INVALID,
                           _("No such phone number exists: check the digits and the country code."));
      break;
    }
}

/* All of libphonenumber's work, in C++ types only. FALSE with @error when
 * @text is not a valid number. */
static gboolean
parse_number (const char           *text,
              const char           *default_region,
              std::string          *e164,
              std::string          *national,
              std::string          *international,
              std::string          *region,
              std::string          *location,
              LiaisonPhoneLineType *line_type,
              GError              **error)
{
  PhoneNumberUtil *util = PhoneNumberUtil::GetInstance ();
  PhoneNumber number;
  PhoneNumberUtil::ErrorType parse_error;

  parse_error = util->Parse (text, default_region, &number);
  if (parse_error != PhoneNumberUtil::NO_PARSING_ERROR)
    {
      set_parse_error (error, parse_error);
      return FALSE;
    }
  if (!util->IsValidNumber (number))
    {
      set_validation_error (error, util->IsPossibleNumberWithReason (number));
      return FALSE;
    }

  util->Format (number, PhoneNumberUtil::E164, e164);
  util->Format (number, PhoneNumberUtil::NATIONAL, national);
  util->Format (number, PhoneNumberUtil::INTERNATIONAL, international);
  util->GetRegionCodeForNumber (number, region);
  *line_type = line_type_from_util (util->GetNumberType (number));
  *location = get_geocoder ()->GetDescriptionForNumber (number, icu::Locale ("en", "US"));
  return TRUE;
}

extern "C" {

LiaisonPhoneNumber *
liaison_phone_number_parse (const char  *text,
                            const char  *default_region,
                            GError     **error)
{
  std::string e164, national, international, region, location;
  LiaisonPhoneLineType line_type = LIAISON_PHONE_LINE_UNKNOWN;
  g_autofree char *default_upper = NULL;
  LiaisonPhoneNumber *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      set_parse_error (error, PhoneNumberUtil::NOT_A_NUMBER);
      return NULL;
    }
  if (default_region == NULL || *default_region == '\0')
    default_region = "US";
  /* libphonenumber wants "GB", not "gb". */
  default_upper = g_ascii_strup (default_region, -1);

  /* libphonenumber reports errors by return value; only the standard
   * library could throw (std::bad_alloc), and no exception may unwind
   * through C callers. */
  try
    {
      if (!parse_number (text, default_upper, &e164, &national, &international,
                         &region, &location, &line_type, error))
        return NULL;
    }
  catch (const std::exception &e)
    {
      g_critical ("libphonenumber failed: %s", e.what ());
      set_parse_error (error, PhoneNumberUtil::NOT_A_NUMBER);
      return NULL;
    }

  self = g_new0 (LiaisonPhoneNumber, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->e164 = dup_string (e164);
  self->national = dup_string (national);
  self->international = dup_string (international);
  self->region = dup_string (region);
  self->line_type = line_type;
  self->location = location.empty () ? NULL : dup_string (location);
  self->us_state = us_state_for (self->region, self->location);
  self->time_zones = time_zones_for (self->region, self->location);

  return self;
}

LiaisonPhoneNumber *
liaison_phone_number_ref (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
liaison_phone_number_unref (LiaisonPhoneNumber *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->e164);
  g_free (self->national);
  g_free (self->international);
  g_free (self->region);
  g_free (self->location);
  g_free (self->us_state);
  g_strfreev (self->time_zones);
  g_free (self);
}

const char *
liaison_phone_number_get_e164 (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->e164;
}

const char *
liaison_phone_number_get_national (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->national;
}

const char *
liaison_phone_number_get_international (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->international;
}

const char *
liaison_phone_number_get_region (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region;
}

LiaisonPhoneLineType
liaison_phone_number_get_line_type (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, LIAISON_PHONE_LINE_UNKNOWN);
  return self->line_type;
}

const char *
liaison_phone_number_get_location (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->location;
}

const char *
liaison_phone_number_get_us_state (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->us_state;
}

const char * const *
liaison_phone_number_get_time_zones (LiaisonPhoneNumber *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->time_zones;
}

char *
liaison_phone_normalize (const char  *text,
                         const char  *default_region,
                         GError     **error)
{
  g_autoptr(LiaisonPhoneNumber) number = liaison_phone_number_parse (text, default_region, error);

  if (number == NULL)
    return NULL;
  return g_strdup (number->e164);
}

/* Formatted numbers kept for display: rows format the same numbers again and
 * again, and libphonenumber takes about 40 µs a number. Emptied when full. */
#define DISPLAY_CACHE_MAX 4096

static GMutex display_cache_lock;
static GHashTable *display_cache;   /* "region\x1fnumber" → formatted */

static char *
format_for_display_uncached (const char *e164,
                             const char *home_upper);

/* Rows format numbers by the hundred: only what display needs (no place,
 * line type or time zones), and each number once. */
char *
liaison_phone_format_for_display (const char *e164,
                                  const char *home_region)
{
  g_autofree char *home_upper = NULL;
  g_autofree char *key = NULL;
  const char *cached;
  char *formatted;

  if (e164 == NULL)
    return NULL;
  if (home_region == NULL || *home_region == '\0')
    home_region = "US";
  if (!g_utf8_validate (e164, -1, NULL))
    return g_strdup (e164);
  home_upper = g_ascii_strup (home_region, -1);
  key = g_strconcat (home_upper, "\x1f", e164, NULL);

  g_mutex_lock (&display_cache_lock);
  if (display_cache == NULL)
    display_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = (const char *) g_hash_table_lookup (display_cache, key);
  formatted = g_strdup (cached);
  g_mutex_unlock (&display_cache_lock);
  if (formatted != NULL)
    return formatted;

  formatted = format_for_display_uncached (e164, home_upper);

  g_mutex_lock (&display_cache_lock);
  if (g_hash_table_size (display_cache) >= DISPLAY_CACHE_MAX)
    g_hash_table_remove_all (display_cache);
  g_hash_table_replace (display_cache, g_steal_pointer (&key), g_strdup (formatted));
  g_mutex_unlock (&display_cache_lock);

  return formatted;
}

static char *
format_for_display_uncached (const char *e164,
                             const char *home_upper)
{
  PhoneNumberUtil *util = PhoneNumberUtil::GetInstance ();
  std::string region, formatted;
  PhoneNumber number;

  try
    {
      if (util->Parse (e164, home_upper, &number) != PhoneNumberUtil::NO_PARSING_ERROR ||
          !util->IsValidNumber (number))
        return g_strdup (e164);

      util->GetRegionCodeForNumber (number, &region);
      util->Format (number,
                    g_ascii_strcasecmp (region.c_str (), home_upper) == 0
                      ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL,
                    &formatted);
    }
  catch (const std::exception &e)
    {
      g_critical ("libphonenumber failed: %s", e.what ());
      return g_strdup (e164);
    }

  return dup_string (formatted);
}

char *
liaison_phone_dup_time_zone (const char *e164)
{
  g_autoptr(LiaisonPhoneNumber) number = NULL;
  const char * const *zones;

  if (e164 == NULL)
    return NULL;

  number = liaison_phone_number_parse (e164, NULL, NULL);
  if (number == NULL)
    return NULL;

  zones = liaison_phone_number_get_time_zones (number);
  return (zones != NULL && zones[0] != NULL) ? g_strdup (zones[0]) : NULL;
}

static const struct {
  LiaisonPhoneLineType  type;
  const char           *name;
} line_type_names[] = {
  { LIAISON_PHONE_LINE_FIXED, "landline" },
  { LIAISON_PHONE_LINE_MOBILE, "mobile" },
  { LIAISON_PHONE_LINE_FIXED_OR_MOBILE, "fixed-or-mobile" },
  { LIAISON_PHONE_LINE_VOIP, "voip" },
  { LIAISON_PHONE_LINE_TOLL_FREE, "toll-free" },
  { LIAISON_PHONE_LINE_PREMIUM, "premium" },
  { LIAISON_PHONE_LINE_SHARED_COST, "shared-cost" },
  { LIAISON_PHONE_LINE_PERSONAL, "personal" },
  { LIAISON_PHONE_LINE_PAGER, "pager" },
  { LIAISON_PHONE_LINE_UAN, "uan" },
  { LIAISON_PHONE_LINE_VOICEMAIL, "voicemail" },
};

/* Twilio Lookup's line_type_intelligence "type" values. */
static const struct {
  LiaisonPhoneLineType  type;
  const char           *name;
} lookup_type_names[] = {
  { LIAISON_PHONE_LINE_FIXED, "fixed" },
  { LIAISON_PHONE_LINE_FIXED, "fixed-line" },
  { LIAISON_PHONE_LINE_VOIP, "fixedVoip" },
  { LIAISON_PHONE_LINE_VOIP, "nonFixedVoip" },
  { LIAISON_PHONE_LINE_TOLL_FREE, "tollFree" },
  { LIAISON_PHONE_LINE_SHARED_COST, "sharedCost" },
  { LIAISON_PHONE_LINE_FIXED_OR_MOBILE, "fixedOrMobile" },
};

const char *
liaison_phone_line_type_to_string (LiaisonPhoneLineType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (line_type_names); i++)
    if (line_type_names[i].type == type)
      return line_type_names[i].name;
  return NULL;
}

LiaisonPhoneLineType
liaison_phone_line_type_from_string (const char *string)
{
  if (string == NULL)
    return LIAISON_PHONE_LINE_UNKNOWN;
  for (gsize i = 0; i < G_N_ELEMENTS (line_type_names); i++)
    if (g_ascii_strcasecmp (line_type_names[i].name, string) == 0)
      return line_type_names[i].type;
  for (gsize i = 0; i < G_N_ELEMENTS (lookup_type_names); i++)
    if (g_ascii_strcasecmp (lookup_type_names[i].name, string) == 0)
      return lookup_type_names[i].type;
  return LIAISON_PHONE_LINE_UNKNOWN;
}

} /* extern "C" */
