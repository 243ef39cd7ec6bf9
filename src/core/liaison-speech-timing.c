/* liaison-speech-timing.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "liaison-speech-timing.h"

#define SPACES " \t\n\r"

void
liaison_speech_sentence_free (LiaisonSpeechSentence *sentence)
{
  if (sentence == NULL)
    return;

  g_free (sentence->text);
  g_strfreev (sentence->words);
  g_free (sentence);
}

static GStrv
split_words (const char *text)
{
  g_auto(GStrv) pieces = g_strsplit_set (text, SPACES, -1);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  for (guint i = 0; pieces[i] != NULL; i++)
    if (pieces[i][0] != '\0')
      g_strv_builder_add (words, pieces[i]);

  return g_strv_builder_end (words);
}

guint
liaison_speech_count_words (const char *text)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return 0;

  words = split_words (text);
  return g_strv_length (words);
}

double
liaison_speech_other_offset (const char *speech)
{
  return liaison_speech_count_words (speech) * LIAISON_SPEECH_WORD_SECONDS + LIAISON_SPEECH_TURN_GAP;
}

guint
liaison_speech_natural_duration (const char *speech,
                                 const char *speech_other)
{
  double end = liaison_speech_count_words (speech) * LIAISON_SPEECH_WORD_SECONDS;

  if (speech_other != NULL)
    end = liaison_speech_other_offset (speech)
          + liaison_speech_count_words (speech_other) * LIAISON_SPEECH_WORD_SECONDS;

  return MAX (1, (guint) ceil (end + 0.5));
}

GPtrArray *
liaison_speech_split_sentences (const char *text,
                                double      offset)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_speech_sentence_free);
  g_autoptr(GString) current = g_string_new (NULL);
  double at = offset;

  if (text == NULL)
    return sentences;

  for (const char *p = text; ; p++)
    {
      if (*p != '\0')
        g_string_append_c (current, *p);
      if (*p == '\0' || *p == '.' || *p == '!' || *p == '?')
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (current->str));
          GStrv words = split_words (trimmed);
          guint n_words = g_strv_length (words);

          if (n_words > 0)
            {
              LiaisonSpeechSentence *sentence = g_new0 (LiaisonSpeechSentence, 1);

              sentence->start = at;
              sentence->end = at + n_words * LIAISON_SPEECH_WORD_SECONDS;
              sentence->text = g_steal_pointer (&trimmed);
              sentence->words = words;
              g_ptr_array_add (sentences, sentence);
              at = sentence->end;
            }
          else
            g_strfreev (words);
          g_string_truncate (current, 0);
        }
      if (*p == '\0')
        break;
    }

  return sentences;
}
