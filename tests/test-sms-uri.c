/* test-sms-uri.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-sms-uri.h"
#include "liaison-tel-uri.h"
#include "liaison-test-utils.h"

static void
check (const char         *uri,
       const char * const *want_recipients,
       const char         *want_body)
{
  g_auto(GStrv) recipients = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", uri);
  g_assert_true (liaison_sms_uri_parse (uri, &recipients, &body, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (recipients, want_recipients);
  g_assert_cmpstr (body, ==, want_body);
}

static void
test_valid (void)
{
  const char * const one[] = { "+15551234567", NULL };
  const char * const formatted[] = { "(203) 555-0123", NULL };
  const char * const two[] = { "+15551234567", "+15557654321", NULL };

  check ("sms:+15551234567", one, NULL);
  check ("SMS:+15551234567", one, NULL);
  check ("sms://+15551234567", one, NULL);
  check ("smsto:+15551234567", one, NULL);
  check ("sms:+15551234567?body=Hello%20there%2C%20Ann", one, "Hello there, Ann");
  check ("sms:+15551234567?BODY=caf%C3%A9&foo=bar", one, "café");
  check ("sms:%28203%29%20555-0123", formatted, NULL);
  check ("sms:+15551234567,+15557654321?body=x", two, "x");
  check ("sms:+15551234567,,?body=", one, "");
}

static void
test_invalid (void)
{
  const char * const bad[] = {
    "tel:+15551234567", "mailto:a@example.com", "sms:", "sms:?body=hi", "sms:,,", "", "sms",
    "sms:%FF%FE",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GStrv) recipients = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (liaison_sms_uri_parse (bad[i], &recipients, &body, &error));
      g_assert_error (error, G_URI_ERROR, error->code);
      g_assert_null (recipients);
    }
}

static void
test_tel (void)
{
  const struct {
    const char *uri;
    const char *number;   /* NULL: refused */
  } cases[] = {
    { "tel:+15551234567", "+15551234567" },
    { "TEL:+1-203-555-0123", "+12035550123" },
    { "tel://2035550123", "2035550123" },
    { "tel:%28203%29%20555-0123", "2035550123" },
    { "tel:(203) 555.0123", "2035550123" },
    { "tel:+1-203-555-0123;ext=42", "+12035550123" },
    { "tel:5550123;phone-context=+1-203", "5550123" },
    { "tel:+44 20 7946 0958?x=y", "+442079460958" },
    { "tel:", NULL },
    { "tel:12", NULL },
    { "tel:+1-203-555-0123-4567-8901", NULL },
    { "tel:203+5550123", NULL },
    { "tel:call-me", NULL },
    { "tel:%FF%FE", NULL },
    { "sms:+15551234567", NULL },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("%s", cases[i].uri);
      ok = liaison_tel_uri_parse (cases[i].uri, &number, &error);
      if (cases[i].number != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (number, ==, cases[i].number);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, G_URI_ERROR, G_URI_ERROR_FAILED);
          g_assert_null (number);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/SmsUri/valid", test_valid);
  g_test_add_func ("/Liaison/SmsUri/invalid", test_invalid);
  g_test_add_func ("/Liaison/TelUri/parse", test_tel);

  return g_test_run ();
}
