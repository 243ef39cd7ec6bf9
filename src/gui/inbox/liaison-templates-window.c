/* liaison-templates-window.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-templates-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-templates-window.h"
#include "liaison-application.h"
#include "liaison-template.h"

struct _LiaisonTemplatesWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkStack        *list_stack;
  GtkListBox      *list_box;
  GtkWidget       *add_button;
  GtkWidget       *save_button;
  AdwEntryRow     *name_row;
  AdwEntryRow     *category_row;
  GtkTextView     *body_view;
  GtkLabel        *edit_error_label;

  GCancellable    *cancellable;
  gint64           editing_id;   /* 0: a new template */
  gboolean         saving;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonTemplatesWindow, liaison_templates_window, ADW_TYPE_WINDOW)

static void reload (LiaisonTemplatesWindow *self);

static LiaisonStore *
get_store (void)
{
  GApplication *app = g_application_get_default ();

  if (!LIAISON_IS_APPLICATION (app) ||
      liaison_application_get_store_state (LIAISON_APPLICATION (app)) != LIAISON_STORE_STATE_READY)
    return NULL;
  return liaison_application_get_store (LIAISON_APPLICATION (app));
}

static void
toast (LiaisonTemplatesWindow *self,
       const char             *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_edit_error (LiaisonTemplatesWindow *self,
                 const char             *message)
{
  gtk_label_set_text (self->edit_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->edit_error_label), message != NULL);
}

static char *
body_text (LiaisonTemplatesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
open_editor (LiaisonTemplatesWindow *self,
             LiaisonTemplate        *tmpl)
{
  self->editing_id = tmpl != NULL ? liaison_template_get_id (tmpl) : 0;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         tmpl != NULL ? liaison_template_get_name (tmpl) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->category_row),
                         tmpl != NULL && liaison_template_get_category (tmpl) != NULL
                           ? liaison_template_get_category (tmpl) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            tmpl != NULL ? liaison_template_get_body (tmpl) : "", -1);
  show_edit_error (self, NULL);
  gtk_window_set_title (GTK_WINDOW (self), tmpl != NULL ? _("Edit Template") : _("New Template"));
  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
close_editor (LiaisonTemplatesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Templates"));
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
add_clicked_cb (LiaisonTemplatesWindow *self)
{
  open_editor (self, NULL);
}

static void
cancel_clicked_cb (LiaisonTemplatesWindow *self)
{
  close_editor (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LiaisonTemplatesWindow) self = user_data;
  g_autoptr(LiaisonTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == liaison_store_add_template_async)
    tmpl = liaison_store_add_template_finish (LIAISON_STORE (object), result, &error);
  else
    tmpl = liaison_store_update_template_finish (LIAISON_STORE (object), result, &error);

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (tmpl == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_edit_error (self, error->message);
      return;
    }

  close_editor (self);
  reload (self);
  g_signal_emit (self, signals [SIGNAL_CHANGED], 0);
}

static void
save_clicked_cb (LiaisonTemplatesWindow *self)
{
  LiaisonStore *store = get_store ();
  g_autofree char *body = body_text (self);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *category = gtk_editable_get_text (GTK_EDITABLE (self->category_row));

  if (store == NULL)
    {
      show_edit_error (self, _("Not ready: the database is still opening"));
      return;
    }
  if (self->saving)
    return;

  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  show_edit_error (self, NULL);

  if (self->editing_id == 0)
    liaison_store_add_template_async (store, name, body, category, self->cancellable,
                                      saved_cb, g_object_ref (self));
  else
    liaison_store_update_template_async (store, self->editing_id, name, body, category,
                                         self->cancellable, saved_cb, g_object_ref (self));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LiaisonTemplatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_delete_template_finish (LIAISON_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  reload (self);
  g_signal_emit (self, signals [SIGNAL_CHANGED], 0);
}

static void
delete_clicked_cb (GtkButton              *button,
                   LiaisonTemplatesWindow *self)
{
  LiaisonTemplate *tmpl = g_object_get_data (G_OBJECT (button), "template");
  LiaisonStore *store = get_store ();

  if (store == NULL || tmpl == NULL)
    return;

  liaison_store_delete_template_async (store, liaison_template_get_id (tmpl), self->cancellable,
                                       deleted_cb, g_object_ref (self));
}

static void
edit_clicked_cb (GtkButton              *button,
                 LiaisonTemplatesWindow *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (button), "template"));
}

static GtkWidget *
row_new (LiaisonTemplatesWindow *self,
         LiaisonTemplate        *tmpl)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = NULL;

  if (liaison_template_get_category (tmpl) != NULL)
    /* Translators: a template's category and name: "Clients · Annual review" */
    title = g_strdup_printf (_("%s · %s"), liaison_template_get_category (tmpl),
                             liaison_template_get_name (tmpl));
  else
    title = g_strdup (liaison_template_get_name (tmpl));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), liaison_template_get_body (tmpl));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit template"), -1);
  g_object_set_data_full (G_OBJECT (edit), "template", g_object_ref (tmpl), g_object_unref);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete template"), -1);
  g_object_set_data_full (G_OBJECT (delete), "template", g_object_ref (tmpl), g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LiaisonTemplatesWindow) self = user_data;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  templates = liaison_store_list_templates_finish (LIAISON_STORE (object), result, &error);
  if (templates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < templates->len; i++)
    gtk_list_box_append (self->list_box, row_new (self, g_ptr_array_index (templates, i)));

  gtk_stack_set_visible_child_name (self->list_stack, templates->len > 0 ? "list" : "empty");
}

static void
reload (LiaisonTemplatesWindow *self)
{
  LiaisonStore *store = get_store ();

  if (store == NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }

  liaison_store_list_templates_async (store, self->cancellable, list_cb, g_object_ref (self));
}

static void
liaison_templates_window_dispose (GObject *object)
{
  LiaisonTemplatesWindow *self = (LiaisonTemplatesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_TEMPLATES_WINDOW);

  G_OBJECT_CLASS (liaison_templates_window_parent_class)->dispose (object);
}

static void
liaison_templates_window_finalize (GObject *object)
{
  LiaisonTemplatesWindow *self = (LiaisonTemplatesWindow *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (liaison_templates_window_parent_class)->finalize (object);
}

static void
liaison_templates_window_class_init (LiaisonTemplatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_templates_window_dispose;
  object_class->finalize = liaison_templates_window_finalize;

  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-templates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, category_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, body_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTemplatesWindow, edit_error_label);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_templates_window_init (LiaisonTemplatesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  reload (self);
}

GtkWidget *
liaison_templates_window_new (void)
{
  return g_object_new (LIAISON_TYPE_TEMPLATES_WINDOW, NULL);
}
