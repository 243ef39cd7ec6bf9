/* liaison-transcript-view.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-transcript-sentence.h"

G_BEGIN_DECLS

/* LiaisonTranscriptView: a call's transcript as a list of sentences (start
 * time, speaker, text). set_position() marks the sentence being spoken
 * (CSS class "current" on its row) and scrolls to it when it is out of
 * view; clicking a sentence emits "seek" (gint64 start_ms). The search
 * entry highlights the sentences containing the text (case-insensitive),
 * says how many, and Enter (or Ctrl+G / Ctrl+Shift+G) goes to the
 * next/previous one.
 *
 * Actions: "transcript.copy" (the text to the clipboard),
 * "transcript.export" (a save dialog, then a text file), both disabled
 * while there is no sentence. The text is one line per sentence:
 * "[1:05] Advisor: text" (no speaker: "[1:05] text"). */

#define LIAISON_TYPE_TRANSCRIPT_VIEW (liaison_transcript_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTranscriptView, liaison_transcript_view, LIAISON, TRANSCRIPT_VIEW, AdwBin)

GtkWidget  *liaison_transcript_view_new               (void);

/* @sentences: LiaisonTranscriptSentence, in time order (sorted here if not);
 * NULL or empty shows "No transcript". The array is not kept. */
void        liaison_transcript_view_set_sentences     (LiaisonTranscriptView *self,
                                                       GPtrArray             *sentences);
GListModel *liaison_transcript_view_get_model         (LiaisonTranscriptView *self);
void        liaison_transcript_view_set_position      (LiaisonTranscriptView *self,
                                                       gint64                 position_ms);
/* The sentence being spoken at the last position, or -1. */
int         liaison_transcript_view_get_current_index (LiaisonTranscriptView *self);

/* The search (also what the entry shows). */
void        liaison_transcript_view_set_search        (LiaisonTranscriptView *self,
                                                       const char            *text);
guint       liaison_transcript_view_get_n_matches     (LiaisonTranscriptView *self);
/* Goes to the next sentence that matches (after the last one gone to, or
 * after the current sentence); returns its index, or -1. */
int         liaison_transcript_view_next_match        (LiaisonTranscriptView *self);
int         liaison_transcript_view_previous_match    (LiaisonTranscriptView *self);

/* The whole transcript as text, one "[1:05] Advisor: text" line each. */
char       *liaison_transcript_view_get_text          (LiaisonTranscriptView *self);
/* Writes that text to @file (what "transcript.export" does after its
 * dialog). */
gboolean    liaison_transcript_view_export_to_file    (LiaisonTranscriptView *self,
                                                       GFile                 *file,
                                                       GCancellable          *cancellable,
                                                       GError               **error);
/* The name the save dialog proposes (default "Transcript.txt"). */
void        liaison_transcript_view_set_export_name   (LiaisonTranscriptView *self,
                                                       const char            *name);

G_END_DECLS
