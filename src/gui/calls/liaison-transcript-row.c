/* liaison-transcript-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-transcript-row"

#include "config.h"

#include "liaison-transcript-row.h"
#include "liaison-recording-player.h"

#include <glib/gi18n.h>
#include <string.h>

struct _LiaisonTranscriptRow
{
  AdwBin                     parent_instance;

  GtkLabel                  *time_label;
  GtkLabel                  *speaker_label;
  GtkLabel                  *text_label;

  LiaisonTranscriptSentence *sentence;
  guint                      position;
};

G_DEFINE_FINAL_TYPE (LiaisonTranscriptRow, liaison_transcript_row, ADW_TYPE_BIN)

/* Search */

char *
liaison_transcript_fold (const char *text)
{
  GString *folded;

  if (text == NULL || *text == '\0')
    return NULL;

  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (folded, g_unichar_tolower (g_utf8_get_char (p)));

  return g_string_free (folded, FALSE);
}

gboolean
liaison_transcript_find (const char *text,
                         gsize       from,
                         const char *folded_query,
                         gsize      *out_start,
                         gsize      *out_end)
{
  if (text == NULL || folded_query == NULL || *folded_query == '\0' || from > strlen (text))
    return FALSE;

  /* Character by character, lower case on both sides: one character of the
   * text is one of its folded form, so offsets map back directly. */
  for (const char *start = text + from; *start != '\0'; start = g_utf8_next_char (start))
    {
      const char *t = start;
      const char *q = folded_query;

      while (*q != '\0' && *t != '\0' &&
             g_unichar_tolower (g_utf8_get_char (t)) == g_utf8_get_char (q))
        {
          t = g_utf8_next_char (t);
          q = g_utf8_next_char (q);
        }

      if (*q == '\0')
        {
          *out_start = start - text;
          *out_end = t - text;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
liaison_transcript_speaker_label (LiaisonTranscriptSentence *sentence)
{
  const char *speaker = liaison_transcript_sentence_get_speaker (sentence);

  if (speaker == NULL || *speaker == '\0')
    {
      /* Dual-channel recordings: the advisor on the first channel. */
      switch (liaison_transcript_sentence_get_channel (sentence))
        {
        case 1:
          return _("Advisor");
        case 2:
          return _("Client");
        default:
          return NULL;
        }
    }

  if (g_ascii_strcasecmp (speaker, "advisor") == 0 || g_ascii_strcasecmp (speaker, "agent") == 0)
    return _("Advisor");
  if (g_ascii_strcasecmp (speaker, "client") == 0 || g_ascii_strcasecmp (speaker, "customer") == 0)
    return _("Client");

  return speaker;
}

static char *
text_markup (const char *text,
             const char *query)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  gsize done = 0, start, end;

  while (liaison_transcript_find (text, done, query, &start, &end))
    {
      g_autofree char *before = g_markup_escape_text (text + done, start - done);
      g_autofree char *match = g_markup_escape_text (text + start, end - start);

      g_string_append (markup, before);
      g_string_append_printf (markup,
                              "<span background=\"#f6d32d\" foreground=\"#000000\">%s</span>",
                              match);
      done = end;
    }

  {
    g_autofree char *rest = g_markup_escape_text (text + done, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* GObject */

static void
liaison_transcript_row_dispose (GObject *object)
{
  LiaisonTranscriptRow *self = LIAISON_TRANSCRIPT_ROW (object);

  g_clear_object (&self->sentence);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_TRANSCRIPT_ROW);

  G_OBJECT_CLASS (liaison_transcript_row_parent_class)->dispose (object);
}

static void
liaison_transcript_row_class_init (LiaisonTranscriptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_transcript_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-transcript-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptRow, speaker_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptRow, text_label);
  gtk_widget_class_set_css_name (widget_class, "transcriptrow");
}

static void
liaison_transcript_row_init (LiaisonTranscriptRow *self)
{
  liaison_recording_player_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->position = G_MAXUINT;
}

GtkWidget *
liaison_transcript_row_new (void)
{
  return g_object_new (LIAISON_TYPE_TRANSCRIPT_ROW, NULL);
}

void
liaison_transcript_row_set_sentence (LiaisonTranscriptRow      *self,
                                     LiaisonTranscriptSentence *sentence,
                                     guint                      position,
                                     const char                *query)
{
  g_return_if_fail (LIAISON_IS_TRANSCRIPT_ROW (self));
  g_return_if_fail (!sentence || LIAISON_IS_TRANSCRIPT_SENTENCE (sentence));

  g_set_object (&self->sentence, sentence);
  self->position = sentence != NULL ? position : G_MAXUINT;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "current");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "match");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "match-current");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "advisor");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "client");

  if (sentence == NULL)
    {
      gtk_label_set_label (self->time_label, "");
      gtk_label_set_label (self->text_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->speaker_label), FALSE);
      return;
    }

  {
    const char *text = liaison_transcript_sentence_get_text (sentence);
    const char *speaker = liaison_transcript_speaker_label (sentence);
    g_autofree char *time =
      liaison_recording_player_format_time (liaison_transcript_sentence_get_start_ms (sentence));
    g_autofree char *markup = text_markup (text, query);
    gsize start, end;

    gtk_label_set_label (self->time_label, time);
    gtk_label_set_markup (self->text_label, markup);
    gtk_widget_set_visible (GTK_WIDGET (self->speaker_label), speaker != NULL);
    gtk_label_set_label (self->speaker_label, speaker != NULL ? speaker : "");

    if (speaker != NULL && g_str_equal (speaker, _("Advisor")))
      gtk_widget_add_css_class (GTK_WIDGET (self), "advisor");
    else if (speaker != NULL && g_str_equal (speaker, _("Client")))
      gtk_widget_add_css_class (GTK_WIDGET (self), "client");

    if (liaison_transcript_find (text, 0, query, &start, &end))
      gtk_widget_add_css_class (GTK_WIDGET (self), "match");
  }
}

LiaisonTranscriptSentence *
liaison_transcript_row_get_sentence (LiaisonTranscriptRow *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_ROW (self), NULL);

  return self->sentence;
}

guint
liaison_transcript_row_get_position (LiaisonTranscriptRow *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_ROW (self), G_MAXUINT);

  return self->position;
}

void
liaison_transcript_row_set_match_current (LiaisonTranscriptRow *self,
                                          gboolean              match_current)
{
  g_return_if_fail (LIAISON_IS_TRANSCRIPT_ROW (self));

  if (match_current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "match-current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "match-current");
}

void
liaison_transcript_row_set_current (LiaisonTranscriptRow *self,
                                    gboolean              current)
{
  g_return_if_fail (LIAISON_IS_TRANSCRIPT_ROW (self));

  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "current");
}
