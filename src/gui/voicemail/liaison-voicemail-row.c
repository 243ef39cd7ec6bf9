/* liaison-voicemail-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-voicemail-row"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-calls-format.h"
#include "liaison-inbox-format.h"
#include "liaison-voicemail-row.h"

struct _LiaisonVoicemailRow
{
  AdwBin            parent_instance;

  GtkButton        *play_button;
  GtkLabel         *title_label;
  GtkLabel         *time_label;
  GtkLabel         *preview_label;
  GtkButton        *call_button;
  GtkButton        *text_button;
  GtkCheckButton   *handled_check;

  LiaisonVoicemail *voicemail;
  gboolean          syncing;
};

enum {
  SIGNAL_PLAY,
  SIGNAL_HANDLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonVoicemailRow, liaison_voicemail_row, ADW_TYPE_BIN)

static void
set_number_action (GtkButton  *button,
                   const char *action,
                   const char *number)
{
  /* Target first: a target-less window action would warn. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (number != NULL ? number : ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_visible (GTK_WIDGET (button), number != NULL && *number != '\0');
}

static void
update (LiaisonVoicemailRow *self)
{
  LiaisonVoicemail *voicemail = self->voicemail;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *time = NULL;
  const char *name;
  const char *preview;
  gboolean handled;

  if (voicemail == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->time_label, "");
      gtk_label_set_label (self->preview_label, "");
      return;
    }

  name = liaison_voicemail_get_contact_name (voicemail);
  title = name != NULL && *name != '\0' ? g_strdup (name)
          : liaison_inbox_format_number (liaison_voicemail_get_from (voicemail));
  gtk_label_set_label (self->title_label, title);

  when = liaison_inbox_format_relative_time (liaison_voicemail_get_created_at (voicemail), g_get_real_time ());
  duration = liaison_calls_format_duration (liaison_voicemail_get_duration_s (voicemail));
  /* Translators: when a voicemail was left · how long it is, "14:05 · 0:42" */
  time = *duration != '\0' ? g_strdup_printf (_("%s · %s"), when, duration) : g_strdup (when);
  gtk_label_set_label (self->time_label, time);

  preview = liaison_voicemail_get_transcript_preview (voicemail);
  gtk_label_set_label (self->preview_label,
                       preview != NULL && *preview != '\0' ? preview : _("No transcript yet"));

  handled = liaison_voicemail_is_handled (voicemail);
  self->syncing = TRUE;
  gtk_check_button_set_active (self->handled_check, handled);
  self->syncing = FALSE;
  if (handled)
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");

  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button),
                            liaison_voicemail_get_recording_sid (voicemail) != NULL);
  set_number_action (self->call_button, "win.call-number", liaison_voicemail_get_from (voicemail));
  set_number_action (self->text_button, "win.text-number", liaison_voicemail_get_from (voicemail));
}

static void
play_clicked_cb (LiaisonVoicemailRow *self)
{
  if (self->voicemail != NULL)
    g_signal_emit (self, signals [SIGNAL_PLAY], 0, self->voicemail);
}

static void
handled_toggled_cb (LiaisonVoicemailRow *self)
{
  if (self->syncing || self->voicemail == NULL)
    return;

  g_signal_emit (self, signals [SIGNAL_HANDLED], 0, self->voicemail,
                 gtk_check_button_get_active (self->handled_check));
}

static void
liaison_voicemail_row_dispose (GObject *object)
{
  LiaisonVoicemailRow *self = LIAISON_VOICEMAIL_ROW (object);

  g_clear_object (&self->voicemail);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_VOICEMAIL_ROW);

  G_OBJECT_CLASS (liaison_voicemail_row_parent_class)->dispose (object);
}

static void
liaison_voicemail_row_class_init (LiaisonVoicemailRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_voicemail_row_dispose;

  signals [SIGNAL_PLAY] =
    g_signal_new ("play", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_VOICEMAIL);
  signals [SIGNAL_HANDLED] =
    g_signal_new ("handled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LIAISON_TYPE_VOICEMAIL, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/voicemail/liaison-voicemail-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, play_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, call_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, text_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailRow, handled_check);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, handled_toggled_cb);
}

static void
liaison_voicemail_row_init (LiaisonVoicemailRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_voicemail_row_new (void)
{
  return g_object_new (LIAISON_TYPE_VOICEMAIL_ROW, NULL);
}

void
liaison_voicemail_row_set_voicemail (LiaisonVoicemailRow *self,
                                     LiaisonVoicemail    *voicemail)
{
  g_return_if_fail (LIAISON_IS_VOICEMAIL_ROW (self));
  g_return_if_fail (!voicemail || LIAISON_IS_VOICEMAIL (voicemail));

  g_set_object (&self->voicemail, voicemail);
  update (self);
}

LiaisonVoicemail *
liaison_voicemail_row_get_voicemail (LiaisonVoicemailRow *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL_ROW (self), NULL);

  return self->voicemail;
}

void
liaison_voicemail_row_set_playing (LiaisonVoicemailRow *self,
                                   gboolean             playing)
{
  g_return_if_fail (LIAISON_IS_VOICEMAIL_ROW (self));

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause") : _("Play"));
}
