/* liaison-sequence-step-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sequence-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-sequence-step-row.h"
#include "liaison-template.h"

struct _LiaisonSequenceStepRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *wait_label;
  GtkSpinButton *days_spin;
  GtkSpinButton *hours_spin;
  GtkDropDown   *template_dropdown;
  GtkEntry      *body_entry;
  GtkLabel      *preview_label;

  GPtrArray     *templates;   /* LiaisonTemplate; item i + 1 of the drop-down */
};

enum {
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonSequenceStepRow, liaison_sequence_step_row, GTK_TYPE_LIST_BOX_ROW)

static LiaisonTemplate *
selected_template (LiaisonSequenceStepRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->template_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || self->templates == NULL ||
      selected > self->templates->len)
    return NULL;
  return g_ptr_array_index (self->templates, selected - 1);
}

static void
sync_kind (LiaisonSequenceStepRow *self)
{
  LiaisonTemplate *tmpl = selected_template (self);

  gtk_widget_set_visible (GTK_WIDGET (self->body_entry), tmpl == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), tmpl != NULL);
  gtk_label_set_label (self->preview_label, tmpl != NULL ? liaison_template_get_body (tmpl) : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->body_entry), "error");
}

static void
remove_clicked_cb (LiaisonSequenceStepRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
body_changed_cb (LiaisonSequenceStepRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->body_entry), "error");
}

static void
liaison_sequence_step_row_dispose (GObject *object)
{
  LiaisonSequenceStepRow *self = LIAISON_SEQUENCE_STEP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_SEQUENCE_STEP_ROW);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_sequence_step_row_parent_class)->dispose (object);
}

static void
liaison_sequence_step_row_class_init (LiaisonSequenceStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_sequence_step_row_dispose;

  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/campaigns/liaison-sequence-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, wait_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, days_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, template_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, body_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceStepRow, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, body_changed_cb);
}

static void
liaison_sequence_step_row_init (LiaisonSequenceStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_sequence_step_row_new (GPtrArray *templates)
{
  LiaisonSequenceStepRow *self = g_object_new (LIAISON_TYPE_SEQUENCE_STEP_ROW, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->templates = templates != NULL ? g_ptr_array_ref (templates)
                                      : g_ptr_array_new_with_free_func (g_object_unref);
  gtk_string_list_append (names, _("Own text"));
  for (guint i = 0; i < self->templates->len; i++)
    gtk_string_list_append (names, liaison_template_get_name (g_ptr_array_index (self->templates, i)));
  gtk_drop_down_set_model (self->template_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->template_dropdown, 0);
  g_signal_connect_object (self->template_dropdown, "notify::selected",
                           G_CALLBACK (sync_kind), self, G_CONNECT_SWAPPED);
  sync_kind (self);

  return GTK_WIDGET (self);
}

void
liaison_sequence_step_row_set_values (LiaisonSequenceStepRow *self,
                                      gint64                  template_id,
                                      const char             *body,
                                      guint                   days,
                                      guint                   hours)
{
  guint selected = 0;

  g_return_if_fail (LIAISON_IS_SEQUENCE_STEP_ROW (self));

  for (guint i = 0; template_id > 0 && i < self->templates->len; i++)
    if (liaison_template_get_id (g_ptr_array_index (self->templates, i)) == template_id)
      selected = i + 1;

  gtk_drop_down_set_selected (self->template_dropdown, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->body_entry), selected == 0 && body != NULL ? body : "");
  gtk_spin_button_set_value (self->days_spin, days);
  gtk_spin_button_set_value (self->hours_spin, hours);
  sync_kind (self);
}

void
liaison_sequence_step_row_set_step (LiaisonSequenceStepRow *self,
                                    LiaisonSequenceStep    *step)
{
  gint64 delay;

  g_return_if_fail (LIAISON_IS_SEQUENCE_STEP_ROW (self));
  g_return_if_fail (LIAISON_IS_SEQUENCE_STEP (step));

  delay = MAX (liaison_sequence_step_get_delay (step), 0);
  liaison_sequence_step_row_set_values (self, liaison_sequence_step_get_template_id (step),
                                        liaison_sequence_step_get_body (step),
                                        (guint) (delay / 86400), (guint) ((delay % 86400) / 3600));
}

void
liaison_sequence_step_row_set_position (LiaisonSequenceStepRow *self,
                                        guint                   position)
{
  g_autofree char *title = NULL;

  g_return_if_fail (LIAISON_IS_SEQUENCE_STEP_ROW (self));

  /* Translators: the texts of a sequence, "Text 1", "Text 2" */
  title = g_strdup_printf (_("Text %u"), position + 1);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->wait_label, position == 0 ? _("Wait after joining")
                                                       : _("Wait after the previous text"));
}

LiaisonSequenceStep *
liaison_sequence_step_row_build_step (LiaisonSequenceStepRow *self)
{
  LiaisonTemplate *tmpl;
  g_autofree char *body = NULL;
  gint64 delay;

  g_return_val_if_fail (LIAISON_IS_SEQUENCE_STEP_ROW (self), NULL);

  delay = (gint64) gtk_spin_button_get_value_as_int (self->days_spin) * 86400 +
          (gint64) gtk_spin_button_get_value_as_int (self->hours_spin) * 3600;
  tmpl = selected_template (self);
  if (tmpl != NULL)
    return liaison_sequence_step_new (delay, liaison_template_get_id (tmpl), NULL);

  body = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->body_entry))));
  if (*body == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->body_entry), "error");
      return NULL;
    }

  return liaison_sequence_step_new (delay, 0, body);
}
