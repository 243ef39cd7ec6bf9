/* test-speech-timing.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-speech-timing.h"

static void
test_words_and_offsets (void)
{
  g_assert_cmpuint (liaison_speech_count_words (NULL), ==, 0);
  g_assert_cmpuint (liaison_speech_count_words ("  \t\n"), ==, 0);
  g_assert_cmpuint (liaison_speech_count_words (" Hi  Pat,\tit is\nDana. "), ==, 5);

  /* Five words at 0.4 s, then the gap. */
  g_assert_cmpfloat_with_epsilon (liaison_speech_other_offset ("one two three four five"), 2.6, 1e-9);
  /* Alone: 2.0 s of speech, rounded up with half a second to spare. */
  g_assert_cmpuint (liaison_speech_natural_duration ("one two three four five", NULL), ==, 3);
  /* The other party ends at 2.6 + 4 × 0.4 = 4.2 s. */
  g_assert_cmpuint (liaison_speech_natural_duration ("one two three four five", "a b c d"), ==, 5);
  g_assert_cmpuint (liaison_speech_natural_duration (NULL, NULL), ==, 1);
}

static void
test_sentences (void)
{
  g_autoptr(GPtrArray) sentences = liaison_speech_split_sentences ("Hi Pat. Can you call me back?  Thanks!", 1.0);
  g_autoptr(GPtrArray) none = liaison_speech_split_sentences (" \t\n ", 0.0);
  g_autoptr(GPtrArray) null_text = liaison_speech_split_sentences (NULL, 0.0);
  LiaisonSpeechSentence *sentence;

  g_assert_cmpuint (sentences->len, ==, 3);
  sentence = g_ptr_array_index (sentences, 0);
  g_assert_cmpstr (sentence->text, ==, "Hi Pat.");
  g_assert_cmpuint (g_strv_length (sentence->words), ==, 2);
  g_assert_cmpfloat_with_epsilon (sentence->start, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sentence->end, 1.8, 1e-9);
  sentence = g_ptr_array_index (sentences, 1);
  g_assert_cmpstr (sentence->text, ==, "Can you call me back?");
  g_assert_cmpfloat_with_epsilon (sentence->start, 1.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (sentence->end, 3.8, 1e-9);
  sentence = g_ptr_array_index (sentences, 2);
  g_assert_cmpstr (sentence->text, ==, "Thanks!");
  g_assert_cmpstr (sentence->words[0], ==, "Thanks!");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (null_text->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Liaison/SpeechTiming/words-and-offsets", test_words_and_offsets);
  g_test_add_func ("/Liaison/SpeechTiming/sentences", test_sentences);

  return g_test_run ();
}
