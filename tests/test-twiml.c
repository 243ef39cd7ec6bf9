/* test-twiml.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-recording-consent.h"
#include "liaison-test-utils.h"
#include "liaison-twiml.h"

#include <string.h>

static void
test_writer (void)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  g_autofree char *document = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twiml_add (twiml, "Say", "Tom & Jerry's <office>", "voice", "alice", NULL);
  liaison_twiml_open (twiml, "Dial", "action", "https://r.example.com/dial?a=1&b=2", "timeout", "20",
                      "callerId", NULL, NULL);
  liaison_twiml_add (twiml, "Number", "+15551230001", "url", "https://r.example.com/w?x=\"q\"", NULL);
  liaison_twiml_close (twiml);
  liaison_twiml_add (twiml, "Hangup", NULL, NULL);
  document = liaison_twiml_finish (twiml);

  g_assert_cmpstr (document, ==,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                   "<Say voice=\"alice\">Tom &amp; Jerry&apos;s &lt;office&gt;</Say>"
                   "<Dial action=\"https://r.example.com/dial?a=1&amp;b=2\" timeout=\"20\">"
                   "<Number url=\"https://r.example.com/w?x=&quot;q&quot;\">+15551230001</Number>"
                   "</Dial><Hangup/></Response>");
  g_assert_true (liaison_twiml_validate (document, &error));
  g_assert_no_error (error);
}

static void
test_empty_and_unclosed (void)
{
  g_autoptr(LiaisonTwiml) empty = liaison_twiml_new ();
  g_autoptr(LiaisonTwiml) open = liaison_twiml_new ();
  g_autofree char *empty_doc = liaison_twiml_finish (empty);
  g_autofree char *open_doc = NULL;

  g_assert_cmpstr (empty_doc, ==, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
  g_assert_true (liaison_twiml_validate (empty_doc, NULL));

  liaison_twiml_open (open, "Gather", "numDigits", "1", NULL);
  liaison_twiml_add (open, "Say", "Press 1", NULL);
  open_doc = liaison_twiml_finish (open);
  g_assert_cmpstr (open_doc, ==, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                                 "<Gather numDigits=\"1\"><Say>Press 1</Say></Gather></Response>");
}

/* The writer refuses what Twilio does not document. */
static void
test_writer_refuses (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      liaison_twiml_add (twiml, "Say", "x", "colour", "blue", NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*<Say> has no attribute colour*");
}

static void
test_validate (void)
{
  static const struct {
    const char *document;
    const char *error;
  } bad[] = {
    { "<Response><Speak>hi</Speak></Response>", "<Speak> is not TwiML" },
    { "<Response><Say colour=\"red\">hi</Say></Response>", "<Say> has no attribute colour" },
    { "<Response><Number>+15551230000</Number></Response>", "<Number> cannot be inside <Response>" },
    { "<Response><Dial><Say>hi</Say></Dial></Response>", "<Say> cannot be inside <Dial>" },
    { "<Response><Hangup>now</Hangup></Response>", "<Hangup> holds no text" },
    { "<Say>hi</Say>", "must be one <Response>, not <Say>" },
    { "<Response><Say>hi</Response>", NULL },
    { "", NULL },
    { "<?xml version=\"1.0\"?>", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (liaison_twiml_validate (bad[i].document, &error));
      g_assert_nonnull (error);
      g_test_message ("%s → %s", bad[i].document, error->message);
      if (bad[i].error != NULL)
        g_assert_nonnull (strstr (error->message, bad[i].error));
    }
  g_assert_true (liaison_twiml_validate ("<?xml version=\"1.0\"?><Response><Gather input=\"dtmf\" numDigits=\"1\">"
                                         "<Say>Press 1</Say><Pause length=\"2\"/></Gather>"
                                         "<Dial record=\"record-from-answer-dual\"><Conference beep=\"onEnter\">room</Conference></Dial>"
                                         "<Enqueue waitUrl=\"https://x\">q</Enqueue><Leave/></Response>", NULL));
}

static void
test_consent (void)
{
  g_assert_cmpstr (liaison_recording_consent_state ("+14155551234"), ==, "CA");
  g_assert_cmpstr (liaison_recording_consent_state ("+12155551234"), ==, "PA");
  g_assert_cmpstr (liaison_recording_consent_state ("+13025551234"), ==, "DE");
  g_assert_null (liaison_recording_consent_state ("+12125551234"));   /* NY: one party */
  g_assert_null (liaison_recording_consent_state ("+441632960000"));

  g_assert_true (liaison_recording_consent_announce ("+14155551234", LIAISON_CONSENT_ALL_PARTY_STATES));
  g_assert_false (liaison_recording_consent_announce ("+12125551234", LIAISON_CONSENT_ALL_PARTY_STATES));
  g_assert_false (liaison_recording_consent_announce ("+13135551234", LIAISON_CONSENT_ALL_PARTY_STATES));
  g_assert_true (liaison_recording_consent_announce ("+13135551234", LIAISON_CONSENT_WITH_DISPUTED));
  g_assert_true (liaison_recording_consent_announce ("+12125551234", LIAISON_CONSENT_ALWAYS));
  /* Not placeable: announce, to be safe. */
  g_assert_true (liaison_recording_consent_announce (NULL, LIAISON_CONSENT_ALL_PARTY_STATES));
  g_assert_true (liaison_recording_consent_announce ("+441632960000", LIAISON_CONSENT_ALL_PARTY_STATES));
  g_assert_true (liaison_recording_consent_announce ("+1415555123", LIAISON_CONSENT_ALL_PARTY_STATES));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/twiml/writer", test_writer);
  g_test_add_func ("/twiml/empty-and-unclosed", test_empty_and_unclosed);
  g_test_add_func ("/twiml/writer-refuses", test_writer_refuses);
  g_test_add_func ("/twiml/validate", test_validate);
  g_test_add_func ("/twiml/recording-consent", test_consent);

  return g_test_run ();
}
