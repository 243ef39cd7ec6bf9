/* liaison-keywords.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-keywords"

#include "config.h"

#include "liaison-keywords.h"

#include <string.h>

/* TWILIO.md §2.8: Twilio's default keyword groups. */
static const struct {
  const char     *word;
  LiaisonKeyword  keyword;
} keywords[] = {
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

static gboolean
is_ignorable (gunichar c)
{
  if (g_unichar_isspace (c))
    return TRUE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_FORMAT:
      return TRUE;
    case G_UNICODE_CONTROL:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    default:
      return FALSE;
    }
}

/* @text without surrounding white space and punctuation ("  Stop! " → "Stop"),
 * or NULL if it is not valid UTF-8. */
static char *
strip_surroundings (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  while (start < end && is_ignorable (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_ignorable (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static LiaisonKeyword
lookup (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_ascii_strcasecmp (keywords[i].word, word) == 0)
      return keywords[i].keyword;
  return LIAISON_KEYWORD_NONE;
}

LiaisonKeyword
liaison_keyword_classify (const char *body,
                          const char *opt_out_type)
{
  g_autofree char *word = NULL;

  if (opt_out_type != NULL)
    {
      if (g_ascii_strcasecmp (opt_out_type, "STOP") == 0)
        return LIAISON_KEYWORD_OPT_OUT;
      if (g_ascii_strcasecmp (opt_out_type, "START") == 0)
        return LIAISON_KEYWORD_OPT_IN;
      if (g_ascii_strcasecmp (opt_out_type, "HELP") == 0)
        return LIAISON_KEYWORD_HELP;
      /* Anything else: read the body. */
    }

  if (body == NULL)
    return LIAISON_KEYWORD_NONE;

  word = strip_surroundings (body);
  if (word == NULL || *word == '\0')
    return LIAISON_KEYWORD_NONE;

  /* One ASCII word only: "STOP PLEASE", "OPT OUT" and "OPT-OUT" are not keywords. */
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return LIAISON_KEYWORD_NONE;

  return lookup (word);
}

const char *
liaison_keyword_to_event (LiaisonKeyword keyword)
{
  switch (keyword)
    {
    case LIAISON_KEYWORD_OPT_OUT:
      return "opt-out";
    case LIAISON_KEYWORD_OPT_IN:
      return "opt-in";
    case LIAISON_KEYWORD_HELP:
      return "help";
    case LIAISON_KEYWORD_NONE:
    default:
      return NULL;
    }
}
