/* test-sms-uri.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-sms-uri.h"
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

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/SmsUri/valid", test_valid);
  g_test_add_func ("/Liaison/SmsUri/invalid", test_invalid);

  return g_test_run ();
}
