/* liaison-transcript-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-transcript-sentence.h"

G_BEGIN_DECLS

/* One sentence in LiaisonTranscriptView: start time, speaker, text (with the
 * search matches highlighted). The view marks the sentence being spoken
 * with the "current" CSS class, a sentence matching the search with
 * "match", the match the search went to last with "match-current". */

#define LIAISON_TYPE_TRANSCRIPT_ROW (liaison_transcript_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTranscriptRow, liaison_transcript_row, LIAISON, TRANSCRIPT_ROW, AdwBin)

GtkWidget                 *liaison_transcript_row_new          (void);
/* @position: the sentence's place in the view's list; @query: the
 * case-folded search, or NULL. */
void                       liaison_transcript_row_set_sentence (LiaisonTranscriptRow      *self,
                                                                LiaisonTranscriptSentence *sentence,
                                                                guint                      position,
                                                                const char                *query);
LiaisonTranscriptSentence *liaison_transcript_row_get_sentence (LiaisonTranscriptRow      *self);
/* G_MAXUINT while no sentence is shown. */
guint                      liaison_transcript_row_get_position (LiaisonTranscriptRow      *self);
void                       liaison_transcript_row_set_current  (LiaisonTranscriptRow      *self,
                                                                gboolean                   current);
/* The match the search went to last ("match-current"). */
void                       liaison_transcript_row_set_match_current (LiaisonTranscriptRow *self,
                                                                     gboolean              match_current);

/* Shared with the view (and its text export). */
/* "Advisor", "Client", the speaker as given, or NULL. */
const char                *liaison_transcript_speaker_label    (LiaisonTranscriptSentence *sentence);
/* Where the case-insensitive @folded_query (from liaison_transcript_fold())
 * occurs in @text: byte offsets of the first match from @from, or FALSE. */
gboolean                   liaison_transcript_find             (const char                *text,
                                                                gsize                      from,
                                                                const char                *folded_query,
                                                                gsize                     *out_start,
                                                                gsize                     *out_end);
/* The search form of @text (lower case, NFKC), or NULL for an empty text. */
char                      *liaison_transcript_fold             (const char                *text);

G_END_DECLS
