/* liaison-summarizer.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-call-summary.h"
#include "liaison-compliance-gate.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SUMMARIZER (liaison_summarizer_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSummarizer, liaison_summarizer, LIAISON, SUMMARIZER, GObject)

/* On-device summaries of English call transcripts, in plain C (no model):
 *
 * - key sentences: each sentence is scored by the TF-IDF-like weight of its
 *   words that are not on a built-in English stop-word list (words that recur
 *   in the call but not in every sentence count most), divided by the square
 *   root of its length, then multiplied by priors: very short sentences
 *   (under 4 words) and questions count less, sentences with an amount, a
 *   date or an action item count more, as do the first fifth of the call.
 *   The best N (default 3) are kept, in transcript order; the best one is
 *   the headline and the kept ones, joined, are the text.
 * - action items: a commitment or request ("I'll", "we will", "let me",
 *   "can you", "please", "let's", "need to", …) followed by a cue (follow up,
 *   send, email, schedule, set up, book, call … back, give … a call, review,
 *   go over, look over) becomes one short imperative item per sentence:
 *   "Send the client the forms by Friday (advisor)". "you"/"your" become the
 *   other party, "me"/"my" the speaker, when the speakers are "advisor" and
 *   "client"; other speakers are only named in the parentheses.
 * - mentions: dates ("tomorrow", "next Tuesday", "Friday", "March 3rd",
 *   "the 3rd of March", "3/14", "end of the month"), times ("3 pm",
 *   "10:30", "noon", "9 o'clock") and amounts ("$250,000", "$25k",
 *   "25 thousand dollars", "2%", "three percent"), each once per kind.
 * - compliance flags: the compliance gate's lexicon (built-in phrases, the
 *   firm's extra phrases, social security and account numbers), applied
 *   sentence by sentence; numbers are masked.
 *
 * Runs synchronously (a one-hour call of 1,200 sentences takes about 20 ms
 * in a debug build); not thread-safe, like the gate it uses. */

LiaisonSummarizer  *liaison_summarizer_new                   (void);

/* The gate whose lexicon gives the compliance flags (its extra phrases are
 * the firm's). NULL (the default) uses a gate of its own with the built-in
 * lexicon. A gate whose lexicon policy is OFF gives no flags. */
void                liaison_summarizer_set_gate              (LiaisonSummarizer     *self,
                                                              LiaisonComplianceGate *gate);
/* Number of key sentences, default 3 (at least 1). */
void                liaison_summarizer_set_n_key_sentences   (LiaisonSummarizer     *self,
                                                              guint                  n);

/* @sentences: LiaisonTranscriptSentence, in order (may be empty, never
 * NULL). Returns a summary with source LIAISON_SUMMARY_SOURCE_DEVICE. Key
 * sentence, mention and flag indices are the sentences' own indices. */
LiaisonCallSummary *liaison_summarizer_summarize             (LiaisonSummarizer     *self,
                                                              GPtrArray             *sentences);

/* A summary with source LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE from
 * Twilio's operator results (LiaisonTwilioOperatorResult): the text of the
 * first text-generation result is the text (its first sentence the
 * headline); each conversation-classify result adds an item to the text's
 * end ("Name: label"). Key sentences, action items, mentions and flags come
 * from @sentences as in liaison_summarizer_summarize() (Voice Intelligence
 * gives none of them). Returns NULL when no result has anything to say,
 * so the caller can fall back to liaison_summarizer_summarize(). */
LiaisonCallSummary *liaison_summarizer_summarize_operator_results (LiaisonSummarizer *self,
                                                                   GPtrArray         *operator_results,
                                                                   GPtrArray         *sentences);

G_END_DECLS
