/* test-summarizer.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-call-summary.h"
#include "liaison-compliance-gate.h"
#include "liaison-summarizer.h"
#include "liaison-test-utils.h"
#include "liaison-transcript-sentence.h"
#include "liaison-twilio-operator-result.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* LiaisonSummarizer and LiaisonCallSummary on the fixed transcripts of
 * tests/data/transcripts (speaker<TAB>start_ms<TAB>end_ms<TAB>text). */

static GPtrArray *
load_transcript (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "transcripts", name, NULL);
  g_autofree char *contents = liaison_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      int channel;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      channel = g_str_equal (fields[0], "advisor") ? 1 : 2;
      if (g_str_equal (name, "voicemail.tsv"))
        channel = 0;
      g_ptr_array_add (sentences,
                       liaison_transcript_sentence_new (sentences->len, channel, fields[0],
                                                        g_ascii_strtoll (fields[1], NULL, 10),
                                                        g_ascii_strtoll (fields[2], NULL, 10),
                                                        fields[3], 0.9));
    }
  return sentences;
}

static void
assert_strv (const char * const *actual,
             const char * const *expected)
{
  guint n = 0;

  while (actual[n] != NULL)
    {
      g_assert_nonnull (expected[n]);
      g_assert_cmpstr (actual[n], ==, expected[n]);
      n++;
    }
  g_assert_null (expected[n]);
}

static gboolean
has_key (LiaisonCallSummary *summary,
         guint               index)
{
  guint n;
  const guint *keys = liaison_call_summary_get_key_sentences (summary, &n);

  for (guint i = 0; i < n; i++)
    if (keys[i] == index)
      return TRUE;
  return FALSE;
}

static void
assert_keys_ordered (LiaisonCallSummary *summary,
                     guint               expected_n)
{
  guint n;
  const guint *keys = liaison_call_summary_get_key_sentences (summary, &n);

  g_assert_cmpuint (n, ==, expected_n);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (keys[i - 1], <, keys[i]);
}

static gboolean
has_flag (LiaisonCallSummary *summary,
          const char         *phrase,
          gint                sentence)
{
  for (guint i = 0; i < liaison_call_summary_get_n_flags (summary); i++)
    if (g_str_equal (liaison_call_summary_get_flag_phrase (summary, i), phrase) &&
        liaison_call_summary_get_flag_sentence (summary, i) == sentence)
      return TRUE;
  return FALSE;
}

static void
assert_json_round_trip (LiaisonCallSummary *summary)
{
  g_autofree char *json = liaison_call_summary_to_json (summary);
  g_autofree char *again = NULL;
  g_autoptr(LiaisonCallSummary) copy = NULL;
  g_autoptr(GError) error = NULL;
  const guint *keys_a, *keys_b;
  guint n_a, n_b;

  g_test_message ("%.400s", json);
  copy = liaison_call_summary_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpint (liaison_call_summary_get_source (copy), ==, liaison_call_summary_get_source (summary));
  g_assert_cmpstr (liaison_call_summary_get_headline (copy), ==, liaison_call_summary_get_headline (summary));
  g_assert_cmpstr (liaison_call_summary_get_text (copy), ==, liaison_call_summary_get_text (summary));
  keys_a = liaison_call_summary_get_key_sentences (summary, &n_a);
  keys_b = liaison_call_summary_get_key_sentences (copy, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    g_assert_cmpuint (keys_a[i], ==, keys_b[i]);
  assert_strv (liaison_call_summary_get_action_items (copy), liaison_call_summary_get_action_items (summary));
  g_assert_cmpuint (liaison_call_summary_get_n_mentions (copy), ==, liaison_call_summary_get_n_mentions (summary));
  for (guint i = 0; i < liaison_call_summary_get_n_mentions (summary); i++)
    {
      g_assert_cmpint (liaison_call_summary_get_mention_kind (copy, i), ==,
                       liaison_call_summary_get_mention_kind (summary, i));
      g_assert_cmpstr (liaison_call_summary_get_mention_text (copy, i), ==,
                       liaison_call_summary_get_mention_text (summary, i));
      g_assert_cmpint (liaison_call_summary_get_mention_sentence (copy, i), ==,
                       liaison_call_summary_get_mention_sentence (summary, i));
    }
  g_assert_cmpuint (liaison_call_summary_get_n_flags (copy), ==, liaison_call_summary_get_n_flags (summary));
  for (guint i = 0; i < liaison_call_summary_get_n_flags (summary); i++)
    {
      g_assert_cmpstr (liaison_call_summary_get_flag_phrase (copy, i), ==,
                       liaison_call_summary_get_flag_phrase (summary, i));
      g_assert_cmpint (liaison_call_summary_get_flag_sentence (copy, i), ==,
                       liaison_call_summary_get_flag_sentence (summary, i));
    }
  again = liaison_call_summary_to_json (copy);
  g_assert_cmpstr (again, ==, json);
}

static void
test_rollover (void)
{
  g_autoptr(GPtrArray) sentences = load_transcript ("rollover.tsv");
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(LiaisonCallSummary) summary = liaison_summarizer_summarize (summarizer, sentences);
  g_auto(GStrv) amounts = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_AMOUNT);
  g_auto(GStrv) dates = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_DATE);
  g_auto(GStrv) times = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_TIME);
  const char * const expected_items[] = {
    "Send the client the rollover forms by Friday (advisor)",
    "Email the client the fee comparison as well (advisor)",
    "Schedule a call for next Tuesday at 3 pm to review everything (advisor)",
    NULL
  };
  const char * const expected_amounts[] = { "$250,000", NULL };
  const char * const expected_dates[] = { "Friday", "next Tuesday", NULL };
  const char * const expected_times[] = { "3 pm", NULL };

  g_assert_cmpint (liaison_call_summary_get_source (summary), ==, LIAISON_SUMMARY_SOURCE_DEVICE);
  assert_strv (liaison_call_summary_get_action_items (summary), expected_items);
  assert_strv ((const char * const *) amounts, expected_amounts);
  assert_strv ((const char * const *) dates, expected_dates);
  assert_strv ((const char * const *) times, expected_times);
  /* The first mention of $250,000 is in sentence 3. */
  g_assert_cmpstr (liaison_call_summary_get_mention_text (summary, 0), ==, "$250,000");
  g_assert_cmpint (liaison_call_summary_get_mention_sentence (summary, 0), ==, 3);

  g_assert_cmpuint (liaison_call_summary_get_n_flags (summary), ==, 2);
  g_assert_true (has_flag (summary, "guaranteed", 5));
  g_assert_true (has_flag (summary, "guarantees", 6));

  /* Key sentences: the substance of the call (the rollover and its
   * amount), never the greetings or the one-word answers. */
  assert_keys_ordered (summary, 3);
  g_assert_true (has_key (summary, 4));
  g_assert_false (has_key (summary, 0));
  g_assert_false (has_key (summary, 1));
  g_assert_false (has_key (summary, 7));
  g_assert_false (has_key (summary, 11));
  g_assert_false (has_key (summary, 12));
  g_assert_nonnull (strstr (liaison_call_summary_get_text (summary), "trustee-to-trustee rollover"));
  g_assert_cmpstr (liaison_call_summary_get_headline (summary), !=, "");
  g_assert_nonnull (strstr (liaison_call_summary_get_text (summary), liaison_call_summary_get_headline (summary)));

  assert_json_round_trip (summary);
}

static void
test_voicemail (void)
{
  g_autoptr(GPtrArray) sentences = load_transcript ("voicemail.tsv");
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_auto(GStrv) amounts = NULL;
  g_auto(GStrv) dates = NULL;
  g_auto(GStrv) times = NULL;
  const char * const expected_items[] = { "Call back the client tomorrow at 10:30 or after 4 pm (advisor)", NULL };
  const char * const expected_amounts[] = { "25 thousand dollars", NULL };
  const char * const expected_dates[] = { "March 3rd", "tomorrow", NULL };
  const char * const expected_times[] = { "10:30", "4 pm", NULL };

  liaison_summarizer_set_n_key_sentences (summarizer, 2);
  summary = liaison_summarizer_summarize (summarizer, sentences);
  amounts = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_AMOUNT);
  dates = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_DATE);
  times = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_TIME);

  assert_strv (liaison_call_summary_get_action_items (summary), expected_items);
  assert_strv ((const char * const *) amounts, expected_amounts);
  assert_strv ((const char * const *) dates, expected_dates);
  assert_strv ((const char * const *) times, expected_times);

  /* The account number is flagged, and masked in the summary. */
  g_assert_cmpuint (liaison_call_summary_get_n_flags (summary), ==, 1);
  g_assert_true (has_flag (summary, "•••• •••• 1183", 3));

  assert_keys_ordered (summary, 2);
  g_assert_true (has_key (summary, 1));
  g_assert_false (has_key (summary, 4));
  assert_json_round_trip (summary);
}

static void
test_review (void)
{
  g_autoptr(GPtrArray) sentences = load_transcript ("review.tsv");
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(LiaisonCallSummary) summary = liaison_summarizer_summarize (summarizer, sentences);
  g_auto(GStrv) amounts = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_AMOUNT);
  g_auto(GStrv) dates = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_DATE);
  g_auto(GStrv) times = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_TIME);
  const char * const expected_items[] = {
    "Schedule a meeting with the client's husband on 3/14 to go over it together (client)",
    "Follow up with an email confirming 3/14 at noon (advisor)",
    NULL
  };
  const char * const expected_amounts[] = { "6.5%", "42%", "25 thousand dollars", NULL };
  const char * const expected_dates[] = { "this year", "3/14", NULL };
  const char * const expected_times[] = { "noon", NULL };

  assert_strv (liaison_call_summary_get_action_items (summary), expected_items);
  assert_strv ((const char * const *) amounts, expected_amounts);
  assert_strv ((const char * const *) dates, expected_dates);
  assert_strv ((const char * const *) times, expected_times);
  g_assert_cmpuint (liaison_call_summary_get_n_flags (summary), ==, 2);
  g_assert_true (has_flag (summary, "risk-free", 4));
  g_assert_true (has_flag (summary, "risk-free", 5));

  assert_keys_ordered (summary, 3);
  g_assert_false (has_key (summary, 1));
  g_assert_false (has_key (summary, 8));
  g_assert_true (has_key (summary, 2) || has_key (summary, 3));
  assert_json_round_trip (summary);
}

/* The firm's own phrases come from the gate; a gate with the lexicon off
 * gives no flags. */
static void
test_firm_lexicon (void)
{
  g_autoptr(GPtrArray) sentences = load_transcript ("review.tsv");
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(LiaisonComplianceGate) gate = liaison_compliance_gate_new (NULL);
  const char * const extra[] = { "bond ladder", NULL };
  g_autoptr(LiaisonCallSummary) with_firm = NULL;
  g_autoptr(LiaisonCallSummary) off = NULL;

  liaison_compliance_gate_set_extra_phrases (gate, extra);
  liaison_summarizer_set_gate (summarizer, gate);
  with_firm = liaison_summarizer_summarize (summarizer, sentences);
  g_assert_cmpuint (liaison_call_summary_get_n_flags (with_firm), ==, 3);
  g_assert_true (has_flag (with_firm, "bond ladder", 5));

  liaison_compliance_gate_set_lexicon_policy (gate, LIAISON_LEXICON_POLICY_OFF);
  off = liaison_summarizer_summarize (summarizer, sentences);
  g_assert_cmpuint (liaison_call_summary_get_n_flags (off), ==, 0);
}

static void
test_edge_cases (void)
{
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) odd = load_transcript ("unicode.tsv");
  g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  guint n;

  /* Empty: nothing, but a valid summary. */
  summary = liaison_summarizer_summarize (summarizer, empty);
  g_assert_cmpstr (liaison_call_summary_get_headline (summary), ==, "");
  g_assert_cmpstr (liaison_call_summary_get_text (summary), ==, "");
  liaison_call_summary_get_key_sentences (summary, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (liaison_call_summary_get_action_items (summary)[0]);
  assert_json_round_trip (summary);
  g_clear_object (&summary);

  /* One sentence: it is the summary. */
  g_ptr_array_add (one, liaison_transcript_sentence_new (0, 1, "advisor", 0, 1000, "Your statement is ready.", -1));
  summary = liaison_summarizer_summarize (summarizer, one);
  assert_keys_ordered (summary, 1);
  g_assert_cmpstr (liaison_call_summary_get_headline (summary), ==, "Your statement is ready.");
  g_assert_cmpstr (liaison_call_summary_get_text (summary), ==, "Your statement is ready.");
  g_clear_object (&summary);

  /* Other scripts, emoji, zero-width and combining characters, lone symbols. */
  summary = liaison_summarizer_summarize (summarizer, odd);
  assert_keys_ordered (summary, 3);
  g_assert_true (has_flag (summary, "guaranteed", 3));
  g_assert_true (g_utf8_validate (liaison_call_summary_get_text (summary), -1, NULL));
  assert_json_round_trip (summary);
  g_clear_object (&summary);

  /* Invalid UTF-8, blank sentences and a very long one. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_text, "portfolio allocation ");
  g_ptr_array_add (broken, liaison_transcript_sentence_new (0, 0, NULL, 0, 0, "\xff\xfe send \xc3", -1));
  g_ptr_array_add (broken, liaison_transcript_sentence_new (1, 0, NULL, 0, 0, "   ", -1));
  g_ptr_array_add (broken, liaison_transcript_sentence_new (2, 0, NULL, 0, 0, long_text->str, -1));
  g_ptr_array_add (broken, liaison_transcript_sentence_new (3, 0, NULL, 0, 0, "I'll send the 123-45-6789 form.", -1));
  summary = liaison_summarizer_summarize (summarizer, broken);
  g_assert_true (g_utf8_validate (liaison_call_summary_get_text (summary), -1, NULL));
  g_assert_cmpint (g_utf8_strlen (liaison_call_summary_get_headline (summary), -1), <=, 101);
  g_assert_false (has_key (summary, 1));
  /* No speaker: the item has no "(…)", the pronouns stay. */
  g_assert_cmpstr (liaison_call_summary_get_action_items (summary)[0], ==, "Send the 123-45-6789 form");
  g_assert_true (has_flag (summary, "•••-••-6789", 3));
  assert_json_round_trip (summary);
}

static LiaisonTwilioOperatorResult *
operator_result (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  LiaisonTwilioOperatorResult *result;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  result = liaison_twilio_operator_result_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return result;
}

static void
test_operator_results (void)
{
  g_autoptr(GPtrArray) sentences = load_transcript ("rollover.tsv");
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(LiaisonCallSummary) nothing = NULL;

  g_ptr_array_add (results, operator_result (
    "{\"operator_sid\": \"LY00000000000000000000000000000001\", \"operator_type\": \"text-generation\","
    " \"name\": \"Summary\", \"text_generation_results\": {\"result\": \"The client will roll over a 401(k)."
    " Forms follow by Friday.\"}}"));
  g_ptr_array_add (results, operator_result (
    "{\"operator_sid\": \"LY00000000000000000000000000000002\", \"operator_type\": \"conversation-classify\","
    " \"name\": \"Sentiment\", \"predicted_label\": \"positive\", \"predicted_probability\": 0.9}"));
  g_ptr_array_add (none, operator_result (
    "{\"operator_sid\": \"LY00000000000000000000000000000003\", \"operator_type\": \"extract\","
    " \"name\": \"PII\", \"extract_match\": false}"));

  summary = liaison_summarizer_summarize_operator_results (summarizer, results, sentences);
  g_assert_nonnull (summary);
  g_assert_cmpint (liaison_call_summary_get_source (summary), ==, LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE);
  g_assert_cmpstr (liaison_call_summary_get_source_label (summary), ==, "Summarized by Twilio Voice Intelligence");
  g_assert_cmpstr (liaison_call_summary_get_text (summary), ==,
                   "The client will roll over a 401(k). Forms follow by Friday.\nSentiment: positive");
  g_assert_cmpstr (liaison_call_summary_get_headline (summary), ==, "The client will roll over a 401(k).");
  /* The rest comes from the sentences. */
  g_assert_cmpstr (liaison_call_summary_get_action_items (summary)[0], ==,
                   "Send the client the rollover forms by Friday (advisor)");
  g_assert_true (has_flag (summary, "guaranteed", 5));
  assert_keys_ordered (summary, 3);
  assert_json_round_trip (summary);

  nothing = liaison_summarizer_summarize_operator_results (summarizer, none, sentences);
  g_assert_null (nothing);
}

static void
test_json_errors (void)
{
  const char * const bad[] = {
    "",
    "not json",
    "[]",
    "{}",
    "{\"source\": \"cloud\"}",
    "{\"source\": 3}",
    "{\"source\": \"device\", \"headline\": 5}",
    "{\"source\": \"device\", \"key_sentences\": [-1]}",
    "{\"source\": \"device\", \"key_sentences\": \"0\"}",
    "{\"source\": \"device\", \"action_items\": [1]}",
    "{\"source\": \"device\", \"mentions\": [{\"kind\": \"weight\", \"text\": \"5 kg\"}]}",
    "{\"source\": \"device\", \"mentions\": [{\"kind\": \"date\"}]}",
    "{\"source\": \"device\", \"flags\": [{\"sentence\": 2}]}",
    "{\"source\": \"device\", \"flags\": [\"guaranteed\"]}",
  };
  g_autoptr(LiaisonCallSummary) minimal = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LiaisonCallSummary) summary = liaison_call_summary_new_from_json (bad[i], &error);

      g_assert_null (summary);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  /* Missing members are empty; unknown ones ignored. */
  minimal = liaison_call_summary_new_from_json ("{\"source\": \"endpoint\", \"future\": {\"x\": 1}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_call_summary_get_source (minimal), ==, LIAISON_SUMMARY_SOURCE_ENDPOINT);
  g_assert_cmpstr (liaison_call_summary_get_headline (minimal), ==, "");
  g_assert_null (liaison_call_summary_get_action_items (minimal)[0]);

  g_assert_cmpstr (liaison_summary_source_to_string (LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE), ==,
                   "voice-intelligence");
  g_assert_cmpstr (liaison_summary_source_get_label (LIAISON_SUMMARY_SOURCE_DEVICE), ==,
                   "Summarized on this computer");
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Summarizer/rollover", test_rollover);
  g_test_add_func ("/Liaison/Summarizer/voicemail", test_voicemail);
  g_test_add_func ("/Liaison/Summarizer/review", test_review);
  g_test_add_func ("/Liaison/Summarizer/firm-lexicon", test_firm_lexicon);
  g_test_add_func ("/Liaison/Summarizer/edge-cases", test_edge_cases);
  g_test_add_func ("/Liaison/Summarizer/operator-results", test_operator_results);
  g_test_add_func ("/Liaison/Summarizer/json-errors", test_json_errors);

  return g_test_run ();
}
