/* liaison-sequence-editor.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sequence-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-sequence-editor.h"
#include "liaison-sequence-step-row.h"
#include "liaison-template.h"

struct _LiaisonSequenceEditor
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwEntryRow     *name_row;
  AdwEntryRow     *stage_row;
  GtkMenuButton   *stage_menu_button;
  GtkSwitch       *enabled_switch;
  GtkListBox      *steps_list;

  LiaisonStore    *store;
  LiaisonSequence *sequence;
  GPtrArray       *templates;
  GCancellable    *cancellable;
  gboolean         saving;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonSequenceEditor, liaison_sequence_editor, ADW_TYPE_WINDOW)

static void
show_error (LiaisonSequenceEditor *self,
            const char            *message)
{
  if (message != NULL)
    gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
renumber (LiaisonSequenceEditor *self)
{
  guint position = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LIAISON_IS_SEQUENCE_STEP_ROW (child))
      liaison_sequence_step_row_set_position (LIAISON_SEQUENCE_STEP_ROW (child), position++);
}

static void
row_remove_cb (LiaisonSequenceStepRow *row,
               LiaisonSequenceEditor  *self)
{
  gtk_list_box_remove (self->steps_list, GTK_WIDGET (row));
  renumber (self);
}

static LiaisonSequenceStepRow *
append_row (LiaisonSequenceEditor *self)
{
  GtkWidget *row = liaison_sequence_step_row_new (self->templates);

  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, 0);
  gtk_list_box_append (self->steps_list, row);
  renumber (self);
  return LIAISON_SEQUENCE_STEP_ROW (row);
}

void
liaison_sequence_editor_add_step (LiaisonSequenceEditor *self)
{
  LiaisonSequenceStepRow *row;

  g_return_if_fail (LIAISON_IS_SEQUENCE_EDITOR (self));

  if (self->templates == NULL)
    return;

  row = append_row (self);
  /* A later text waits two days by default: the usual follow-up pace. */
  if (gtk_widget_get_prev_sibling (GTK_WIDGET (row)) != NULL)
    liaison_sequence_step_row_set_values (row, 0, NULL, 2, 0);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
add_clicked_cb (LiaisonSequenceEditor *self)
{
  liaison_sequence_editor_add_step (self);
}

static void
templates_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LiaisonSequenceEditor *self;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  templates = liaison_store_list_templates_finish (LIAISON_STORE (object), result, &error);
  if (templates == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_SEQUENCE_EDITOR (user_data);
  if (templates == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Your templates could not be read: %s"),
                                                  error->message);

      show_error (self, message);
      templates = g_ptr_array_new_with_free_func (g_object_unref);
    }
  self->templates = g_steal_pointer (&templates);

  if (self->sequence != NULL)
    {
      GPtrArray *steps = liaison_sequence_get_steps (self->sequence);

      for (guint i = 0; i < steps->len; i++)
        liaison_sequence_step_row_set_step (append_row (self), g_ptr_array_index (steps, i));
    }
  else
    append_row (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
}

/* The stages contacts are in, to pick from (a typo would never start the
 * sequence). */
static void
stages_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaisonSequenceEditor *self;
  g_auto(GStrv) stages = NULL;
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GError) error = NULL;

  stages = liaison_store_list_contact_values_finish (LIAISON_STORE (object), result, &error);
  if (stages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the stages in use: %s", error->message);
      return;
    }

  self = LIAISON_SEQUENCE_EDITOR (user_data);
  menu = g_menu_new ();
  for (guint i = 0; stages[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (stages[i], NULL);

      g_menu_item_set_action_and_target_value (item, "editor.set-stage", g_variant_new_string (stages[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->stage_menu_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->stage_menu_button), stages[0] != NULL);
}

static void
set_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LiaisonSequenceEditor *self = LIAISON_SEQUENCE_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->stage_row), g_variant_get_string (param, NULL));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  LiaisonSequenceEditor *self;
  g_autoptr(LiaisonSequence) sequence = NULL;
  g_autoptr(GError) error = NULL;

  sequence = liaison_store_save_sequence_finish (LIAISON_STORE (object), result, &error);
  if (sequence == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_SEQUENCE_EDITOR (user_data);
  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (sequence == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, sequence);
  gtk_window_close (GTK_WINDOW (self));
}

void
liaison_sequence_editor_save (LiaisonSequenceEditor *self)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *name = NULL;
  guint position = 0;

  g_return_if_fail (LIAISON_IS_SEQUENCE_EDITOR (self));

  if (self->saving || self->templates == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*name == '\0')
    {
      show_error (self, _("Give the sequence a name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LiaisonSequenceStep *step;

      if (!LIAISON_IS_SEQUENCE_STEP_ROW (child))
        continue;
      position++;
      step = liaison_sequence_step_row_build_step (LIAISON_SEQUENCE_STEP_ROW (child));
      if (step == NULL)
        {
          g_autofree char *message =
            /* Translators: %u is the text's number in the sequence */
            g_strdup_printf (_("Text %u is empty: write it, or choose a template."), position);

          show_error (self, message);
          return;
        }
      g_ptr_array_add (steps, step);
    }

  if (steps->len == 0)
    {
      show_error (self, _("Add at least one text."));
      return;
    }

  show_error (self, NULL);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  liaison_store_save_sequence_async (self->store,
                                     self->sequence != NULL ? liaison_sequence_get_id (self->sequence) : 0,
                                     name, gtk_editable_get_text (GTK_EDITABLE (self->stage_row)),
                                     gtk_switch_get_active (self->enabled_switch), steps,
                                     self->cancellable, saved_cb, self);
}

static void
save_clicked_cb (LiaisonSequenceEditor *self)
{
  liaison_sequence_editor_save (self);
}

static void
liaison_sequence_editor_dispose (GObject *object)
{
  LiaisonSequenceEditor *self = LIAISON_SEQUENCE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_SEQUENCE_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->sequence);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_sequence_editor_parent_class)->dispose (object);
}

static void
liaison_sequence_editor_class_init (LiaisonSequenceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_sequence_editor_dispose;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_SEQUENCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/campaigns/liaison-sequence-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, stage_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSequenceEditor, steps_list);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "editor.set-stage", "s", set_stage_action);
}

static void
liaison_sequence_editor_init (LiaisonSequenceEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LiaisonSequenceEditor *
liaison_sequence_editor_new (GtkWindow       *parent,
                             LiaisonStore    *store,
                             LiaisonSequence *sequence)
{
  LiaisonSequenceEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (!sequence || LIAISON_IS_SEQUENCE (sequence), NULL);

  self = g_object_new (LIAISON_TYPE_SEQUENCE_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->sequence = sequence != NULL ? g_object_ref (sequence) : NULL;

  adw_window_title_set_title (self->window_title,
                              sequence != NULL ? _("Edit Sequence") : _("New Sequence"));
  gtk_window_set_title (GTK_WINDOW (self), sequence != NULL ? _("Edit Sequence") : _("New Sequence"));
  if (sequence != NULL)
    {
      const char *stage = liaison_sequence_get_trigger_stage (sequence);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), liaison_sequence_get_name (sequence));
      gtk_editable_set_text (GTK_EDITABLE (self->stage_row), stage != NULL ? stage : "");
      gtk_switch_set_active (self->enabled_switch, liaison_sequence_get_enabled (sequence));
    }

  /* Save waits for the templates the steps choose from. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  liaison_store_list_templates_async (store, self->cancellable, templates_listed_cb, self);
  liaison_store_list_contact_values_async (store, LIAISON_CONTACT_VALUES_STAGES, self->cancellable,
                                           stages_listed_cb, self);

  return self;
}

gboolean
liaison_sequence_editor_is_ready (LiaisonSequenceEditor *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_EDITOR (self), FALSE);

  return self->templates != NULL && !self->saving;
}
