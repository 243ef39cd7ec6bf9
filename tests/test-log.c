/* test-log.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-log.h"
#include "liaison-test-utils.h"

static void
test_mask_phone (void)
{
  g_autofree char *masked = liaison_log_mask ("+15551234567");

  g_assert_cmpstr (masked, ==, "+15*******67");
  g_assert_null (strstr (masked, "555123"));
}

static void
test_mask_short (void)
{
  g_autofree char *one = liaison_log_mask ("7");
  g_autofree char *four = liaison_log_mask ("1234");
  g_autofree char *none = liaison_log_mask (NULL);

  g_assert_cmpstr (one, ==, "*");
  g_assert_cmpstr (four, ==, "1**4");
  g_assert_cmpstr (none, ==, "(null)");
}

static void
test_mask_utf8 (void)
{
  g_autofree char *masked = liaison_log_mask ("Zoë Núñez-Ibáñez");
  g_autofree char *invalid = liaison_log_mask ("\xff\xfe broken");

  g_assert_true (g_utf8_validate (masked, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (masked, -1), ==, g_utf8_strlen ("Zoë Núñez-Ibáñez", -1));
  g_assert_null (strstr (masked, "Núñez"));
  g_assert_cmpstr (invalid, ==, "(invalid)");
}

static void
test_mask_body (void)
{
  g_autofree char *masked = liaison_log_mask_body ("My account number is 12345678");

  g_assert_cmpstr (masked, ==, "[29 bytes]");
}

static void
test_mask_disabled (void)
{
  g_autofree char *masked = NULL;

  g_setenv ("LIAISON_LOG_UNMASKED", "1", TRUE);
  masked = liaison_log_mask ("+15551234567");
  g_unsetenv ("LIAISON_LOG_UNMASKED");
  g_assert_cmpstr (masked, ==, "+15551234567");
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Log/mask-phone", test_mask_phone);
  g_test_add_func ("/Liaison/Log/mask-short", test_mask_short);
  g_test_add_func ("/Liaison/Log/mask-utf8", test_mask_utf8);
  g_test_add_func ("/Liaison/Log/mask-body", test_mask_body);
  g_test_add_func ("/Liaison/Log/mask-disabled", test_mask_disabled);

  return g_test_run ();
}
