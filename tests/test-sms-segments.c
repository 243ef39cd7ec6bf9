/* test-sms-segments.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-sms-segments.h"
#include "liaison-test-utils.h"

#include <string.h>

/* "1234567890…" cut to @n characters, after @prefix repeated @repeat times. */
static char *
body_of (const char *prefix,
         guint       repeat,
         guint       n_digits)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < repeat; i++)
    g_string_append (body, prefix);
  for (guint i = 0; i < n_digits; i++)
    g_string_append_c (body, (char) ('0' + (i + 1) % 10));
  return g_string_free (body, FALSE);
}

/* TWILIO.md §2.7, every row of the vector table. */
static void
test_vectors (void)
{
  static const struct {
    const char        *prefix;
    guint              repeat;
    guint              digits;
    LiaisonSmsEncoding encoding;
    guint              segments;
    guint              message_bits;   /* 0: not given */
    guint              total_bits;
  } vectors[] = {
    { "", 0, 160, LIAISON_SMS_ENCODING_GSM7, 1, 1120, 1120 },
    { "", 0, 161, LIAISON_SMS_ENCODING_GSM7, 2, 1127, 1223 },
    { "", 0, 307, LIAISON_SMS_ENCODING_GSM7, 3, 2149, 2293 },
    { "😜", 1, 68, LIAISON_SMS_ENCODING_UCS2, 1, 1120, 1120 },
    { "😜", 1, 69, LIAISON_SMS_ENCODING_UCS2, 2, 1136, 1232 },
    { "😜", 1, 133, LIAISON_SMS_ENCODING_UCS2, 3, 2160, 2304 },
    { "🇮🇹", 1, 66, LIAISON_SMS_ENCODING_UCS2, 1, 1120, 1120 },
    { "🇮🇹", 1, 67, LIAISON_SMS_ENCODING_UCS2, 2, 1136, 1232 },
    { "🏳️‍🌈", 1, 64, LIAISON_SMS_ENCODING_UCS2, 1, 1120, 1120 },
    { "🏳️‍🌈", 1, 65, LIAISON_SMS_ENCODING_UCS2, 2, 1136, 1232 },
    { "Á", 70, 0, LIAISON_SMS_ENCODING_UCS2, 1, 0, 0 },
    { "Á", 71, 0, LIAISON_SMS_ENCODING_UCS2, 2, 0, 0 },
    { "ç", 71, 0, LIAISON_SMS_ENCODING_UCS2, 2, 0, 0 },
  };
  static const char * const escapes[] = { "|", "^", "€", "{", "}", "[", "]", "~", "\\" };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *body = body_of (vectors[i].prefix, vectors[i].repeat, vectors[i].digits);
      LiaisonSmsSegments segments;

      liaison_sms_segments_count (body, &segments);
      g_test_message ("vector %" G_GSIZE_FORMAT ": %u segments, %u/%u bits", i,
                      segments.n_segments, segments.message_bits, segments.total_bits);
      g_assert_cmpint (segments.encoding, ==, vectors[i].encoding);
      g_assert_cmpuint (segments.n_segments, ==, vectors[i].segments);
      if (vectors[i].message_bits != 0)
        {
          g_assert_cmpuint (segments.message_bits, ==, vectors[i].message_bits);
          g_assert_cmpuint (segments.total_bits, ==, vectors[i].total_bits);
        }
    }

  /* One extension character costs two septets: with 158 digits one part,
   * with 159 two. */
  for (gsize i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *fits = body_of (escapes[i], 1, 158);
      g_autofree char *splits = body_of (escapes[i], 1, 159);
      LiaisonSmsSegments one, two;

      liaison_sms_segments_count (fits, &one);
      liaison_sms_segments_count (splits, &two);
      g_assert_cmpint (one.encoding, ==, LIAISON_SMS_ENCODING_GSM7);
      g_assert_cmpuint (one.n_segments, ==, 1);
      g_assert_cmpuint (one.message_bits, ==, 1120);
      g_assert_cmpuint (two.n_segments, ==, 2);
      g_assert_cmpuint (two.message_bits, ==, 1127);
      g_assert_cmpuint (two.total_bits, ==, 1223);
    }

  /* "]" is one unit in UCS-2. */
  {
    g_autofree char *fits = body_of ("😀", 1, 0);
    g_autofree char *body68 = NULL;
    g_autofree char *body69 = NULL;
    LiaisonSmsSegments one, two;

    body68 = g_strconcat (fits, "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", NULL);
    body69 = g_strconcat (body68, "]", NULL);
    liaison_sms_segments_count (body68, &one);
    liaison_sms_segments_count (body69, &two);
    g_assert_cmpint (one.encoding, ==, LIAISON_SMS_ENCODING_UCS2);
    g_assert_cmpuint (one.n_segments, ==, 1);
    g_assert_cmpuint (two.n_segments, ==, 2);
  }
}

/* A split GSM-7 message: the third part of 307 digits holds one digit. */
static void
test_boundaries (void)
{
  g_autofree char *digits = body_of ("", 0, 307);
  g_autofree char *head = NULL;
  g_autofree char *escape_at_edge = NULL;
  LiaisonSmsSegments segments;

  liaison_sms_segments_count (digits, &segments);
  g_assert_cmpuint (segments.n_segments, ==, 3);
  g_assert_cmpuint (segments.units_left, ==, 152);

  /* An escape that would straddle parts moves whole to the next: 152
   * digits, "€" (2 septets), 10 digits = 164 septets: the first part keeps
   * 152, the second holds 2 + 10. */
  head = body_of ("", 0, 152);
  escape_at_edge = g_strconcat (head, "€1234567890", NULL);
  liaison_sms_segments_count (escape_at_edge, &segments);
  g_assert_cmpuint (segments.n_units, ==, 164);
  g_assert_cmpuint (segments.n_segments, ==, 2);
  g_assert_cmpuint (segments.units_left, ==, 153 - 12);

  liaison_sms_segments_count ("", &segments);
  g_assert_cmpuint (segments.n_segments, ==, 1);
  g_assert_cmpuint (segments.units_left, ==, 160);
}

static void
test_what_forces_ucs2 (void)
{
  LiaisonSmsSegments segments;
  const char *body = "See you at 3pm — thanks!";

  liaison_sms_segments_count (body, &segments);
  g_assert_cmpint (segments.encoding, ==, LIAISON_SMS_ENCODING_UCS2);
  g_assert_cmpuint (segments.first_ucs2_char, ==, 0x2014);
  g_assert_cmpuint (segments.first_ucs2_offset, ==, strlen ("See you at 3pm "));

  liaison_sms_segments_count ("Plain text, 100% GSM: {ok} @ £5", &segments);
  g_assert_cmpint (segments.encoding, ==, LIAISON_SMS_ENCODING_GSM7);
  g_assert_cmpuint (segments.first_ucs2_char, ==, 0);

  /* Invalid UTF-8 is not GSM-7 and does not crash. */
  liaison_sms_segments_count ("ab\xff\xfe" "cd", &segments);
  g_assert_cmpint (segments.encoding, ==, LIAISON_SMS_ENCODING_UCS2);
  g_assert_cmpuint (segments.first_ucs2_char, ==, 0xFFFD);
}

static void
test_lookalikes (void)
{
  guint n = 0;
  g_autofree char *plain = liaison_sms_replace_lookalikes ("“Don’t” – see you… soon\u00a0— ok", &n);
  LiaisonSmsSegments segments;

  g_assert_cmpstr (plain, ==, "\"Don't\" - see you... soon - ok");
  g_assert_cmpuint (n, ==, 7);
  liaison_sms_segments_count (plain, &segments);
  g_assert_cmpint (segments.encoding, ==, LIAISON_SMS_ENCODING_GSM7);

  /* What has no look-alike stays. */
  g_clear_pointer (&plain, g_free);
  plain = liaison_sms_replace_lookalikes ("Happy birthday 🎂", &n);
  g_assert_cmpstr (plain, ==, "Happy birthday 🎂");
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/sms-segments/vectors", test_vectors);
  g_test_add_func ("/sms-segments/boundaries", test_boundaries);
  g_test_add_func ("/sms-segments/what-forces-ucs2", test_what_forces_ucs2);
  g_test_add_func ("/sms-segments/lookalikes", test_lookalikes);

  return g_test_run ();
}
