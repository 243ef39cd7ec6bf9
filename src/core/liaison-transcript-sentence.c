/* liaison-transcript-sentence.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-transcript-sentence"

#include "config.h"

#include "liaison-transcript-sentence.h"

struct _LiaisonTranscriptSentence
{
  GObject  parent_instance;

  guint    index;
  int      channel;
  char    *speaker;
  gint64   start_ms;
  gint64   end_ms;
  char    *text;
  double   confidence;
};

G_DEFINE_FINAL_TYPE (LiaisonTranscriptSentence, liaison_transcript_sentence, G_TYPE_OBJECT)

static void
liaison_transcript_sentence_finalize (GObject *object)
{
  LiaisonTranscriptSentence *self = LIAISON_TRANSCRIPT_SENTENCE (object);

  g_free (self->speaker);
  g_free (self->text);

  G_OBJECT_CLASS (liaison_transcript_sentence_parent_class)->finalize (object);
}

static void
liaison_transcript_sentence_class_init (LiaisonTranscriptSentenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_transcript_sentence_finalize;
}

static void
liaison_transcript_sentence_init (LiaisonTranscriptSentence *self)
{
  self->confidence = -1.0;
}

LiaisonTranscriptSentence *
liaison_transcript_sentence_new (guint       index,
                                 int         channel,
                                 const char *speaker,
                                 gint64      start_ms,
                                 gint64      end_ms,
                                 const char *text,
                                 double      confidence)
{
  LiaisonTranscriptSentence *self = g_object_new (LIAISON_TYPE_TRANSCRIPT_SENTENCE, NULL);

  self->index = index;
  self->channel = channel;
  self->speaker = g_strdup (speaker);
  self->start_ms = start_ms;
  self->end_ms = MAX (start_ms, end_ms);
  self->text = g_strdup (text != NULL ? text : "");
  self->confidence = confidence;

  return self;
}

guint
liaison_transcript_sentence_get_index (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), 0);
  return self->index;
}

int
liaison_transcript_sentence_get_channel (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), 0);
  return self->channel;
}

const char *
liaison_transcript_sentence_get_speaker (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), NULL);
  return self->speaker;
}

gint64
liaison_transcript_sentence_get_start_ms (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), 0);
  return self->start_ms;
}

gint64
liaison_transcript_sentence_get_end_ms (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), 0);
  return self->end_ms;
}

const char *
liaison_transcript_sentence_get_text (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), NULL);
  return self->text;
}

double
liaison_transcript_sentence_get_confidence (LiaisonTranscriptSentence *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (self), -1.0);
  return self->confidence;
}
