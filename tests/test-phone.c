/* test-phone.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-phone.h"
#include "liaison-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

static LiaisonPhoneNumber *
parse_ok (const char *text,
          const char *region)
{
  g_autoptr(GError) error = NULL;
  LiaisonPhoneNumber *number;

  g_test_message ("parsing “%s” in %s", text, region ? region : "(default)");
  number = liaison_phone_number_parse (text, region, &error);
  g_assert_no_error (error);
  g_assert_nonnull (number);
  return number;
}

static gboolean
strv_has (const char * const *strv,
          const char         *s)
{
  return strv != NULL && g_strv_contains (strv, s);
}

static void
test_formats (void)
{
  static const struct {
    const char *text;
    const char *region;
    const char *e164;
  } cases[] = {
    { "(203) 555-0123", NULL, "+12035550123" },
    { "(203) 555-0123", "US", "+12035550123" },
    { "203-555-0123", "US", "+12035550123" },
    { "203.555.0123", "US", "+12035550123" },
    { "2035550123", "US", "+12035550123" },
    { "1 203 555 0123", "US", "+12035550123" },
    { "+1 203 555 0123", "US", "+12035550123" },
    { "+1 (203) 555-0123", "GB", "+12035550123" },
    { "+12035550123", NULL, "+12035550123" },
    { "tel:+1-203-555-0123", NULL, "+12035550123" },
    { "tel:+1-203-555-0123;ext=7", NULL, "+12035550123" },
    { "203.555.0123 ext. 4", "US", "+12035550123" },
    { "(203) 555-0123 x12", "US", "+12035550123" },
    { "  +1 203 555 0123  ", "US", "+12035550123" },
    { "+44 20 7946 0958", "US", "+442079460958" },
    { "020 7946 0958", "GB", "+442079460958" },
    { "020 7946 0958", "gb", "+442079460958" },
    { "07911 123456", "GB", "+447911123456" },
    { "00 1 203 555 0123", "GB", "+12035550123" },
    { "0044 20 7946 0958", "FR", "+442079460958" },
    { "011 44 20 7946 0958", "US", "+442079460958" },
    { "+49 30 123456", NULL, "+4930123456" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonPhoneNumber) number = parse_ok (cases[i].text, cases[i].region);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (liaison_phone_number_get_e164 (number), ==, cases[i].e164);
      normalized = liaison_phone_normalize (cases[i].text, cases[i].region, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].e164);
    }
}

static void
test_output (void)
{
  g_autoptr(LiaisonPhoneNumber) us = parse_ok ("(203) 555-0123", "US");
  g_autoptr(LiaisonPhoneNumber) uk = parse_ok ("+44 20 7946 0958", "US");
  g_autoptr(LiaisonPhoneNumber) ext = parse_ok ("203.555.0123 ext. 4", "US");
  g_autoptr(LiaisonPhoneNumber) ref = NULL;

  g_assert_cmpstr (liaison_phone_number_get_e164 (us), ==, "+12035550123");
  g_assert_cmpstr (liaison_phone_number_get_national (us), ==, "(203) 555-0123");
  g_assert_cmpstr (liaison_phone_number_get_international (us), ==, "+1 203-555-0123");
  g_assert_cmpstr (liaison_phone_number_get_region (us), ==, "US");

  g_assert_cmpstr (liaison_phone_number_get_e164 (uk), ==, "+442079460958");
  g_assert_cmpstr (liaison_phone_number_get_national (uk), ==, "020 7946 0958");
  g_assert_cmpstr (liaison_phone_number_get_international (uk), ==, "+44 20 7946 0958");
  g_assert_cmpstr (liaison_phone_number_get_region (uk), ==, "GB");

  /* The extension is kept in the formatted forms, never in E.164. */
  g_assert_cmpstr (liaison_phone_number_get_e164 (ext), ==, "+12035550123");
  g_assert_nonnull (strstr (liaison_phone_number_get_national (ext), "4"));
  g_assert_cmpstr (liaison_phone_number_get_national (ext), !=, "(203) 555-0123");

  /* A boxed, refcounted type. */
  g_assert_true (G_TYPE_IS_BOXED (LIAISON_TYPE_PHONE_NUMBER));
  ref = g_boxed_copy (LIAISON_TYPE_PHONE_NUMBER, us);
  g_assert_true (ref == us);
  liaison_phone_number_unref (liaison_phone_number_ref (us));
  g_assert_cmpstr (liaison_phone_number_get_e164 (ref), ==, "+12035550123");
}

static void
test_errors (void)
{
  static const struct {
    const char        *text;
    const char        *region;
    LiaisonPhoneError  code;
  } cases[] = {
    { "call me", "US", LIAISON_PHONE_ERROR_NOT_A_NUMBER },
    { "", "US", LIAISON_PHONE_ERROR_NOT_A_NUMBER },
    { "hello@example.com", "US", LIAISON_PHONE_ERROR_NOT_A_NUMBER },
    { "+999 123456", "US", LIAISON_PHONE_ERROR_INVALID_COUNTRY },
    { "203 555 0123", "ZZ", LIAISON_PHONE_ERROR_INVALID_COUNTRY },
    { "12", "US", LIAISON_PHONE_ERROR_TOO_SHORT },
    { "+1 203 555 01234567890", "US", LIAISON_PHONE_ERROR_TOO_LONG },
    { "+1 555 555 0100", "US", LIAISON_PHONE_ERROR_INVALID },
    { "1234567", "US", LIAISON_PHONE_ERROR_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonPhoneNumber) number = NULL;
      g_autofree char *normalized = NULL;

      g_test_message ("“%s”", cases[i].text);
      number = liaison_phone_number_parse (cases[i].text, cases[i].region, &error);
      g_assert_null (number);
      g_assert_error (error, LIAISON_PHONE_ERROR, (int) cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);

      normalized = liaison_phone_normalize (cases[i].text, cases[i].region, &error);
      g_assert_null (normalized);
      g_assert_error (error, LIAISON_PHONE_ERROR, (int) cases[i].code);
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (liaison_phone_number_parse (NULL, "US", &error));
    g_assert_error (error, LIAISON_PHONE_ERROR, LIAISON_PHONE_ERROR_NOT_A_NUMBER);
  }
}

static void
test_line_types (void)
{
  static const struct {
    const char           *text;
    const char           *region;
    LiaisonPhoneLineType  type;
    const char           *name;
  } cases[] = {
    { "07911 123456", "GB", LIAISON_PHONE_LINE_MOBILE, "mobile" },
    { "+44 20 7946 0958", "US", LIAISON_PHONE_LINE_FIXED, "landline" },
    { "(203) 555-0123", "US", LIAISON_PHONE_LINE_FIXED_OR_MOBILE, "fixed-or-mobile" },
    { "1-800-555-0100", "US", LIAISON_PHONE_LINE_TOLL_FREE, "toll-free" },
    { "+49 30 123456", "US", LIAISON_PHONE_LINE_FIXED, "landline" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonPhoneNumber) number = parse_ok (cases[i].text, cases[i].region);

      g_assert_cmpint (liaison_phone_number_get_line_type (number), ==, cases[i].type);
      g_assert_cmpstr (liaison_phone_line_type_to_string (cases[i].type), ==, cases[i].name);
    }
}

static void
test_line_type_strings (void)
{
  static const struct {
    const char           *string;
    LiaisonPhoneLineType  type;
  } cases[] = {
    { "landline", LIAISON_PHONE_LINE_FIXED },
    { "mobile", LIAISON_PHONE_LINE_MOBILE },
    { "fixed-or-mobile", LIAISON_PHONE_LINE_FIXED_OR_MOBILE },
    { "voip", LIAISON_PHONE_LINE_VOIP },
    { "toll-free", LIAISON_PHONE_LINE_TOLL_FREE },
    { "premium", LIAISON_PHONE_LINE_PREMIUM },
    { "shared-cost", LIAISON_PHONE_LINE_SHARED_COST },
    { "personal", LIAISON_PHONE_LINE_PERSONAL },
    { "pager", LIAISON_PHONE_LINE_PAGER },
    { "uan", LIAISON_PHONE_LINE_UAN },
    { "voicemail", LIAISON_PHONE_LINE_VOICEMAIL },
    /* Twilio Lookup's words. */
    { "nonFixedVoip", LIAISON_PHONE_LINE_VOIP },
    { "fixedVoip", LIAISON_PHONE_LINE_VOIP },
    { "tollFree", LIAISON_PHONE_LINE_TOLL_FREE },
    { "Landline", LIAISON_PHONE_LINE_FIXED },
    { "MOBILE", LIAISON_PHONE_LINE_MOBILE },
    { "unknown", LIAISON_PHONE_LINE_UNKNOWN },
    { "", LIAISON_PHONE_LINE_UNKNOWN },
    { NULL, LIAISON_PHONE_LINE_UNKNOWN },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (liaison_phone_line_type_from_string (cases[i].string), ==, cases[i].type);

  /* Every known type round-trips. */
  for (int t = LIAISON_PHONE_LINE_FIXED; t <= LIAISON_PHONE_LINE_VOICEMAIL; t++)
    {
      const char *s = liaison_phone_line_type_to_string ((LiaisonPhoneLineType) t);

      g_assert_nonnull (s);
      g_assert_cmpint (liaison_phone_line_type_from_string (s), ==, t);
    }
  g_assert_null (liaison_phone_line_type_to_string (LIAISON_PHONE_LINE_UNKNOWN));
}

static void
test_locations (void)
{
  static const struct {
    const char *text;
    const char *location;   /* NULL: not checked */
    const char *state;
  } cases[] = {
    { "+12035550123", "Connecticut", "CT" },
    { "+16502530000", "Mountain View, CA", "CA" },
    { "+13055550100", "Florida", "FL" },
    { "+14015550100", "Rhode Island", "RI" },
    { "+15125550100", "Texas", "TX" },
    { "+12025550100", NULL, "DC" },
    { "+17875550100", "Puerto Rico", "PR" },
    { "+16045550100", "British Columbia", NULL },
    { "+442079460958", "London", NULL },
    { "+18005550100", NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonPhoneNumber) number = parse_ok (cases[i].text, NULL);

      if (cases[i].location != NULL)
        g_assert_cmpstr (liaison_phone_number_get_location (number), ==, cases[i].location);
      g_assert_cmpstr (liaison_phone_number_get_us_state (number), ==, cases[i].state);
    }
}

static void
test_time_zones (void)
{
  static const struct {
    const char *text;
    const char *contains[3];
    const char *lacks;
    guint       exact;   /* 0: not checked */
  } cases[] = {
    { "+12125550100", { "America/New_York" }, "America/Chicago", 1 },
    { "+12035550123", { "America/New_York" }, NULL, 1 },
    { "+15125550100", { "America/Chicago", "America/Denver" }, "America/New_York", 2 },
    { "+13055550100", { "America/New_York", "America/Chicago" }, NULL, 2 },
    { "+16502530000", { "America/Los_Angeles" }, NULL, 1 },
    { "+442079460958", { "Europe/London" }, NULL, 1 },
    { "+447911123456", { "Europe/London" }, NULL, 0 },
    { "+16045550100", { "America/Vancouver" }, "America/Toronto", 0 },
    { "+14165550100", { "America/Toronto" }, "America/Vancouver", 0 },
    /* The geocoder names two or three provinces for some area codes. */
    { "+19025550100", { "America/Halifax" }, "America/Toronto", 1 },
    { "+18675550100", { "America/Whitehorse", "America/Iqaluit", "America/Inuvik" }, NULL, 0 },
    { "+17095550100", { "America/St_Johns" }, NULL, 0 },
    { "+4930123456", { "Europe/Berlin" }, NULL, 0 },
    { "+61293744000", { "Australia/Sydney", "Australia/Perth" }, NULL, 0 },
    /* Toll-free: anywhere in the contiguous United States. */
    { "+18005550100", { "America/New_York", "America/Los_Angeles" }, "Pacific/Honolulu", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonPhoneNumber) number = parse_ok (cases[i].text, NULL);
      const char * const *zones = liaison_phone_number_get_time_zones (number);
      g_autofree char *joined = NULL;

      g_assert_nonnull (zones);
      joined = g_strjoinv (" ", (char **) zones);
      g_test_message ("%s: %s", cases[i].text, joined);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].contains) && cases[i].contains[j]; j++)
        g_assert_true (strv_has (zones, cases[i].contains[j]));
      if (cases[i].lacks != NULL)
        g_assert_false (strv_has (zones, cases[i].lacks));
      if (cases[i].exact != 0)
        g_assert_cmpuint (g_strv_length ((char **) zones), ==, cases[i].exact);
    }

  /* The shortcut: the first zone, or NULL. */
  {
    g_autoptr(LiaisonPhoneNumber) number = parse_ok ("+16145550100", NULL);
    g_autofree char *zone = liaison_phone_dup_time_zone ("+16145550100");

    g_assert_cmpstr (zone, ==, liaison_phone_number_get_time_zones (number)[0]);
    g_assert_cmpstr (zone, ==, "America/New_York");
    g_assert_null (liaison_phone_dup_time_zone ("not a number"));
    g_assert_null (liaison_phone_dup_time_zone (NULL));
  }
}

/* TZDIR moves the zone database, as in glibc; without zone1970.tab a
 * country's zones come from zone.tab. Run in a subprocess: the table is read
 * once per process. */
static void
test_tzdir (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LiaisonPhoneNumber) de = parse_ok ("+4930123456", NULL);
      g_autoptr(LiaisonPhoneNumber) ny = parse_ok ("+12125550100", NULL);
      const char * const *zones = liaison_phone_number_get_time_zones (de);

      g_assert_cmpuint (g_strv_length ((char **) zones), ==, 1);
      g_assert_cmpstr (zones[0], ==, "Europe/Berlin");
      /* State zones exist only if the folder has them: this one has none. */
      g_assert_cmpuint (g_strv_length ((char **) liaison_phone_number_get_time_zones (ny)), ==, 0);
      return;
    }
  else
    {
      g_autofree char *dir = liaison_test_mkdtemp ();
      g_autofree char *tab = g_build_filename (dir, "zone.tab", NULL);
      g_autofree char *europe = g_build_filename (dir, "Europe", NULL);
      g_autofree char *berlin = g_build_filename (europe, "Berlin", NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (tab, "# comment\nDE\t+5230+01322\tEurope/Berlin\tmost of Germany\n", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir (europe, 0700), ==, 0);
      g_file_set_contents (berlin, "TZif", -1, &error);
      g_assert_no_error (error);

      g_setenv ("TZDIR", dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("TZDIR");
      liaison_test_rmdir (dir);
      g_test_trap_assert_passed ();
    }
}

static void
test_display (void)
{
  static const struct {
    const char *e164;
    const char *home;
    const char *shown;
  } cases[] = {
    { "+12035550123", NULL, "(203) 555-0123" },
    { "+12035550123", "US", "(203) 555-0123" },
    { "+12035550123", "GB", "+1 203-555-0123" },
    { "+442079460958", "US", "+44 20 7946 0958" },
    { "+442079460958", "GB", "020 7946 0958" },
    { "+16045550100", "US", "+1 604-555-0100" },
    { "not a number", "US", "not a number" },
    { "+15555550100", "US", "+15555550100" },
    { "+442079460958", "gb", "020 7946 0958" },
  };

  /* The second pass is answered from the cache of formatted numbers. */
  for (guint pass = 0; pass < 2; pass++)
    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *shown = liaison_phone_format_for_display (cases[i].e164, cases[i].home);

        g_assert_cmpstr (shown, ==, cases[i].shown);
      }
  g_assert_null (liaison_phone_format_for_display (NULL, "US"));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Phone/formats", test_formats);
  g_test_add_func ("/Liaison/Phone/output", test_output);
  g_test_add_func ("/Liaison/Phone/errors", test_errors);
  g_test_add_func ("/Liaison/Phone/line-types", test_line_types);
  g_test_add_func ("/Liaison/Phone/line-type-strings", test_line_type_strings);
  g_test_add_func ("/Liaison/Phone/locations", test_locations);
  g_test_add_func ("/Liaison/Phone/time-zones", test_time_zones);
  g_test_add_func ("/Liaison/Phone/tzdir", test_tzdir);
  g_test_add_func ("/Liaison/Phone/display", test_display);

  return g_test_run ();
}
