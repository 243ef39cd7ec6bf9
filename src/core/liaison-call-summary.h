/* liaison-call-summary.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where a summary came from. */
typedef enum {
  LIAISON_SUMMARY_SOURCE_DEVICE,              /* "device": LiaisonSummarizer, on this computer */
  LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE,  /* "voice-intelligence": Twilio's operators */
  LIAISON_SUMMARY_SOURCE_ENDPOINT,            /* "endpoint": the firm's model server */
} LiaisonSummarySource;

typedef enum {
  LIAISON_MENTION_DATE,    /* "date":   "next Tuesday", "March 3rd", "tomorrow", "3/14" */
  LIAISON_MENTION_TIME,    /* "time":   "3 pm", "10:30", "noon" */
  LIAISON_MENTION_AMOUNT,  /* "amount": "$25,000", "25 thousand dollars", "2%" */
} LiaisonMentionKind;

/* The storage names above ("device", …), and back (FALSE if unknown). */
const char *liaison_summary_source_to_string   (LiaisonSummarySource  source);
gboolean    liaison_summary_source_from_string (const char           *text,
                                                LiaisonSummarySource *out_source);
/* Translated, for the UI: "Summarized on this computer", … */
const char *liaison_summary_source_get_label   (LiaisonSummarySource  source);

const char *liaison_mention_kind_to_string     (LiaisonMentionKind    kind);
gboolean    liaison_mention_kind_from_string   (const char           *text,
                                                LiaisonMentionKind   *out_kind);

#define LIAISON_TYPE_CALL_SUMMARY (liaison_call_summary_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallSummary, liaison_call_summary, LIAISON, CALL_SUMMARY, GObject)

/* The summary of one call or voicemail transcript. Whoever makes it fills it
 * with the add/set functions; after that it is treated as read-only. A
 * sentence index refers to LiaisonTranscriptSentence's index, or is -1 when
 * the source does not say (endpoint, Voice Intelligence). */
LiaisonCallSummary *liaison_call_summary_new                (LiaisonSummarySource  source);

LiaisonSummarySource liaison_call_summary_get_source        (LiaisonCallSummary   *self);
/* liaison_summary_source_get_label() of the source. */
const char         *liaison_call_summary_get_source_label   (LiaisonCallSummary   *self);

/* Never NULL ("" when none). */
const char         *liaison_call_summary_get_headline       (LiaisonCallSummary   *self);
void                liaison_call_summary_set_headline       (LiaisonCallSummary   *self,
                                                             const char           *headline);
const char         *liaison_call_summary_get_text           (LiaisonCallSummary   *self);
void                liaison_call_summary_set_text           (LiaisonCallSummary   *self,
                                                             const char           *text);

/* Key sentences, in transcript order (indices). */
void                liaison_call_summary_add_key_sentence   (LiaisonCallSummary   *self,
                                                             guint                 index);
const guint        *liaison_call_summary_get_key_sentences  (LiaisonCallSummary   *self,
                                                             guint                *n_indices);

/* Action items ("Send the client the forms by Friday (advisor)"). Returns a
 * NULL-terminated array owned by @self (never NULL). */
void                liaison_call_summary_add_action_item    (LiaisonCallSummary   *self,
                                                             const char           *item);
const char * const *liaison_call_summary_get_action_items   (LiaisonCallSummary   *self);

/* Mentions: dates, times and money amounts, as said. */
void                liaison_call_summary_add_mention        (LiaisonCallSummary   *self,
                                                             LiaisonMentionKind    kind,
                                                             const char           *text,
                                                             gint                  sentence_index);
guint               liaison_call_summary_get_n_mentions     (LiaisonCallSummary   *self);
LiaisonMentionKind  liaison_call_summary_get_mention_kind   (LiaisonCallSummary   *self,
                                                             guint                 i);
const char         *liaison_call_summary_get_mention_text   (LiaisonCallSummary   *self,
                                                             guint                 i);
gint                liaison_call_summary_get_mention_sentence (LiaisonCallSummary *self,
                                                             guint                 i);
/* The texts of every mention of @kind, in order (free with g_strfreev()). */
GStrv               liaison_call_summary_dup_mentions       (LiaisonCallSummary   *self,
                                                             LiaisonMentionKind    kind);

/* Compliance flags: a phrase of the firm's lexicon (account-like numbers are
 * kept masked, "•••••6789") and the sentence it was said in. */
void                liaison_call_summary_add_flag           (LiaisonCallSummary   *self,
                                                             const char           *phrase,
                                                             gint                  sentence_index);
guint               liaison_call_summary_get_n_flags        (LiaisonCallSummary   *self);
const char         *liaison_call_summary_get_flag_phrase    (LiaisonCallSummary   *self,
                                                             guint                 i);
gint                liaison_call_summary_get_flag_sentence  (LiaisonCallSummary   *self,
                                                             guint                 i);

/* Storage (the summaries table): a JSON object
 *   {"version": 1, "source": "device", "headline": "…", "text": "…",
 *    "key_sentences": [0, 4], "action_items": ["…"],
 *    "mentions": [{"kind": "date", "text": "Friday", "sentence": 3}],
 *    "flags": [{"phrase": "guaranteed", "sentence": 5}]}
 * from_json() fails with G_IO_ERROR_INVALID_DATA on anything else (unknown
 * members are ignored, missing ones are empty). */
char               *liaison_call_summary_to_json            (LiaisonCallSummary   *self);
LiaisonCallSummary *liaison_call_summary_new_from_json      (const char           *json,
                                                             GError              **error);

G_END_DECLS
