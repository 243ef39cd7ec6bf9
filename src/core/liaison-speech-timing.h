/* liaison-speech-timing.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The timing model of simulated speech, shared by liaison-sim (the audio of
 * its recordings, the sentences of its Voice Intelligence transcripts) and
 * the demo book (transcripts that line up with that audio): each word takes
 * LIAISON_SPEECH_WORD_SECONDS; the first party speaks from 0 s, the other
 * party LIAISON_SPEECH_TURN_GAP seconds after the first party's last word. */
#define LIAISON_SPEECH_WORD_SECONDS 0.4
#define LIAISON_SPEECH_TURN_GAP     0.6

typedef struct {
  char   *text;       /* trimmed */
  GStrv   words;
  double  start;      /* seconds */
  double  end;
} LiaisonSpeechSentence;

void       liaison_speech_sentence_free       (LiaisonSpeechSentence *sentence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSpeechSentence, liaison_speech_sentence_free)

/* Words of @text (split on white space); 0 for NULL. */
guint      liaison_speech_count_words         (const char *text);
/* When the other party starts speaking, in seconds. */
double     liaison_speech_other_offset        (const char *speech);
/* The shortest whole number of seconds that holds both parties (≥ 1). */
guint      liaison_speech_natural_duration    (const char *speech,
                                               const char *speech_other);
/* The sentences of @text (ended by . ! ? or the end), laid out from
 * @offset: a GPtrArray of LiaisonSpeechSentence that frees them. */
GPtrArray *liaison_speech_split_sentences     (const char *text,
                                               double      offset);

G_END_DECLS
