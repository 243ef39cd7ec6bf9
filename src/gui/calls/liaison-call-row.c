/* liaison-call-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call-row"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-call-row.h"
#include "liaison-calls-format.h"
#include "liaison-inbox-format.h"
#include "liaison-widget-util.h"

struct _LiaisonCallRow
{
  AdwBin       parent_instance;

  GtkImage    *direction_image;
  GtkLabel    *title_label;
  GtkLabel    *outcome_label;
  GtkImage    *recording_image;
  GtkImage    *voicemail_image;
  GtkLabel    *time_label;
  GtkButton   *call_button;
  GtkButton   *text_button;
  GtkButton   *contact_button;

  LiaisonCall *call;
  guint        shown_on;   /* the day its relative time was written */
};

G_DEFINE_FINAL_TYPE (LiaisonCallRow, liaison_call_row, ADW_TYPE_BIN)

static void
update (LiaisonCallRow *self)
{
  LiaisonCall *call = self->call;
  g_autofree char *title = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *time = NULL;
  const char *number;
  gboolean missed;

  if (call == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->outcome_label, "");
      gtk_label_set_label (self->time_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->recording_image), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->voicemail_image), FALSE);
      return;
    }

  missed = liaison_call_get_is_missed (call);
  title = liaison_calls_title (call);
  gtk_label_set_label (self->title_label, title);

  gtk_image_set_from_icon_name (self->direction_image, liaison_calls_direction_icon (call));
  liaison_widget_set_tooltip_text (GTK_WIDGET (self->direction_image),
                                   liaison_calls_direction_label (call));

  outcome = liaison_calls_format_outcome (call);
  gtk_label_set_label (self->outcome_label, outcome);

  /* Missed calls stand out: the advisor owes them a call back. */
  if (missed)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->direction_image), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->direction_image), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recording_image), liaison_call_has_recording (call));
  gtk_widget_set_visible (GTK_WIDGET (self->voicemail_image), liaison_call_get_has_voicemail (call));

  time = liaison_inbox_format_relative_time (liaison_call_get_started_at (call), g_get_real_time ());
  gtk_label_set_label (self->time_label, time);

  number = liaison_call_get_remote_number (call);
  /* Targets first: a target-less window action would warn. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->call_button),
                                          g_variant_new_string (number != NULL ? number : ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->call_button), "win.call-number");
  gtk_widget_set_visible (GTK_WIDGET (self->call_button), number != NULL && *number != '\0');
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->text_button),
                                          g_variant_new_string (number != NULL ? number : ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->text_button), "win.text-number");
  gtk_widget_set_visible (GTK_WIDGET (self->text_button), number != NULL && *number != '\0');

  /* Target first: a target-less win.show-contact would warn. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->contact_button),
                                          g_variant_new_int64 (liaison_call_get_contact_id (call)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact_button), "win.show-contact");
  gtk_widget_set_visible (GTK_WIDGET (self->contact_button), liaison_call_get_contact_id (call) > 0);
}

static void
liaison_call_row_dispose (GObject *object)
{
  LiaisonCallRow *self = LIAISON_CALL_ROW (object);

  g_clear_object (&self->call);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CALL_ROW);

  G_OBJECT_CLASS (liaison_call_row_parent_class)->dispose (object);
}

static void
liaison_call_row_class_init (LiaisonCallRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_call_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-call-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, direction_image);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, recording_image);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, voicemail_image);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, call_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, text_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallRow, contact_button);
}

static void
liaison_call_row_init (LiaisonCallRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_call_row_new (void)
{
  return g_object_new (LIAISON_TYPE_CALL_ROW, NULL);
}

void
liaison_call_row_set_call (LiaisonCallRow *self,
                           LiaisonCall    *call)
{
  g_return_if_fail (LIAISON_IS_CALL_ROW (self));
  g_return_if_fail (!call || LIAISON_IS_CALL (call));

  /* Calls never change once made (a change is a new object), and GTK 4.8
   * binds rows again when only their position moved: the same call is
   * written again only when its relative time may have aged. */
  if (!g_set_object (&self->call, call) && self->shown_on == liaison_inbox_today ())
    return;
  self->shown_on = liaison_inbox_today ();
  update (self);
}

LiaisonCall *
liaison_call_row_get_call (LiaisonCallRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_ROW (self), NULL);

  return self->call;
}
