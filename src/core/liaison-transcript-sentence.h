/* liaison-transcript-sentence.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TRANSCRIPT_SENTENCE (liaison_transcript_sentence_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTranscriptSentence, liaison_transcript_sentence, LIAISON, TRANSCRIPT_SENTENCE, GObject)

/* One sentence of a call or voicemail transcript, from whichever source
 * made it (Voice Intelligence, the legacy transcription, or the device).
 * Immutable. */
LiaisonTranscriptSentence *liaison_transcript_sentence_new (guint       index,
                                                            int         channel,
                                                            const char *speaker,
                                                            gint64      start_ms,
                                                            gint64      end_ms,
                                                            const char *text,
                                                            double      confidence);

/* Position in its transcript, from 0. */
guint       liaison_transcript_sentence_get_index      (LiaisonTranscriptSentence *self);
/* The recording channel (1 or 2 in a dual-channel recording), or 0 when
 * unknown (mono). */
int         liaison_transcript_sentence_get_channel    (LiaisonTranscriptSentence *self);
/* "advisor", "client", … or NULL. */
const char *liaison_transcript_sentence_get_speaker    (LiaisonTranscriptSentence *self);
gint64      liaison_transcript_sentence_get_start_ms   (LiaisonTranscriptSentence *self);
gint64      liaison_transcript_sentence_get_end_ms     (LiaisonTranscriptSentence *self);
/* Never NULL. */
const char *liaison_transcript_sentence_get_text       (LiaisonTranscriptSentence *self);
/* 0.0–1.0, or a negative value when the source gives none. */
double      liaison_transcript_sentence_get_confidence (LiaisonTranscriptSentence *self);

G_END_DECLS
