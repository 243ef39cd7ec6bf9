/* test-keywords.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-keywords.h"
#include "liaison-test-utils.h"

static const struct {
  const char     *word;
  LiaisonKeyword  keyword;
} groups[] = {
  { "STOP", LIAISON_KEYWORD_OPT_OUT },
  { "STOPALL", LIAISON_KEYWORD_OPT_OUT },
  { "UNSUBSCRIBE", LIAISON_KEYWORD_OPT_OUT },
  { "CANCEL", LIAISON_KEYWORD_OPT_OUT },
  { "END", LIAISON_KEYWORD_OPT_OUT },
  { "QUIT", LIAISON_KEYWORD_OPT_OUT },
  { "REVOKE", LIAISON_KEYWORD_OPT_OUT },
  { "OPTOUT", LIAISON_KEYWORD_OPT_OUT },
  { "START", LIAISON_KEYWORD_OPT_IN },
  { "YES", LIAISON_KEYWORD_OPT_IN },
  { "UNSTOP", LIAISON_KEYWORD_OPT_IN },
  { "HELP", LIAISON_KEYWORD_HELP },
  { "INFO", LIAISON_KEYWORD_HELP },
};

/* "STOP" → "Stop" */
static char *
capitalize (const char *word)
{
  char *s = g_ascii_strdown (word, -1);

  s[0] = g_ascii_toupper (s[0]);
  return s;
}

/* "STOP" → "sToP" */
static char *
alternate (const char *word)
{
  char *s = g_strdup (word);

  for (guint i = 0; s[i] != '\0'; i++)
    s[i] = (i % 2) ? g_ascii_toupper (s[i]) : g_ascii_tolower (s[i]);
  return s;
}

static void
test_every_keyword (void)
{
  static const char * const wrappers[] = {
    "%s", " %s ", "%s.", "%s!", "%s!!", " %s! ", "\t%s\n", "%s?", "\"%s\"", "(%s)",
    "%s…", "¡%s!", "«%s»", "%s\u00a0", "\r\n%s\r\n", "'%s'", "%s ...",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *lower = g_ascii_strdown (groups[i].word, -1);
      g_autofree char *cap = capitalize (groups[i].word);
      g_autofree char *alt = alternate (groups[i].word);
      const char *casings[] = { groups[i].word, lower, cap, alt };

      for (gsize c = 0; c < G_N_ELEMENTS (casings); c++)
        for (gsize w = 0; w < G_N_ELEMENTS (wrappers); w++)
          {
            g_autofree char *body = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            body = g_strdup_printf (wrappers[w], casings[c]);
#pragma GCC diagnostic pop
            g_test_message ("“%s”", body);
            g_assert_cmpint (liaison_keyword_classify (body, NULL), ==, groups[i].keyword);
          }
    }
}

static void
test_not_keywords (void)
{
  static const char * const bodies[] = {
    "STOP PLEASE",
    "please stop",
    "OPT OUT",
    "OPT-OUT",
    "opt_out",
    "stopping",
    "stops",
    "unstoppable",
    "S T O P",
    "STOP STOP",
    "Stop.Stop",
    "helpful",
    "yes please",
    "yesterday",
    "info@example.com",
    "STOP1",
    "STOP 😀",
    "😀",
    "",
    "   ",
    "!!!",
    "Sounds good, thanks",
    "\xff\xfeSTOP",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *escaped = g_strescape (bodies[i], NULL);

      g_test_message ("“%s”", escaped);
      g_assert_cmpint (liaison_keyword_classify (bodies[i], NULL), ==, LIAISON_KEYWORD_NONE);
    }
  g_assert_cmpint (liaison_keyword_classify (NULL, NULL), ==, LIAISON_KEYWORD_NONE);
}

static void
test_opt_out_type (void)
{
  /* Twilio's OptOutType wins: Advanced Opt-Out may have custom keywords. */
  g_assert_cmpint (liaison_keyword_classify ("ARRET", "STOP"), ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (liaison_keyword_classify ("please stop texting me", "stop"), ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (liaison_keyword_classify ("STOP", "START"), ==, LIAISON_KEYWORD_OPT_IN);
  g_assert_cmpint (liaison_keyword_classify ("START", "STOP"), ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (liaison_keyword_classify ("STOP", "Help"), ==, LIAISON_KEYWORD_HELP);
  g_assert_cmpint (liaison_keyword_classify ("AIDE", "HELP"), ==, LIAISON_KEYWORD_HELP);
  g_assert_cmpint (liaison_keyword_classify (NULL, "STOP"), ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (liaison_keyword_classify ("", "start"), ==, LIAISON_KEYWORD_OPT_IN);
  /* Unknown or empty values fall back to the body. */
  g_assert_cmpint (liaison_keyword_classify ("STOP", ""), ==, LIAISON_KEYWORD_OPT_OUT);
  g_assert_cmpint (liaison_keyword_classify ("hello", "SOMETHING"), ==, LIAISON_KEYWORD_NONE);
  g_assert_cmpint (liaison_keyword_classify ("yes", "SOMETHING"), ==, LIAISON_KEYWORD_OPT_IN);
}

static void
test_events (void)
{
  g_assert_cmpstr (liaison_keyword_to_event (LIAISON_KEYWORD_OPT_OUT), ==, "opt-out");
  g_assert_cmpstr (liaison_keyword_to_event (LIAISON_KEYWORD_OPT_IN), ==, "opt-in");
  g_assert_cmpstr (liaison_keyword_to_event (LIAISON_KEYWORD_HELP), ==, "help");
  g_assert_null (liaison_keyword_to_event (LIAISON_KEYWORD_NONE));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Keywords/every-keyword", test_every_keyword);
  g_test_add_func ("/Liaison/Keywords/not-keywords", test_not_keywords);
  g_test_add_func ("/Liaison/Keywords/opt-out-type", test_opt_out_type);
  g_test_add_func ("/Liaison/Keywords/events", test_events);

  return g_test_run ();
}
