/* liaison-campaigns-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-campaigns-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-application.h"
#include "liaison-campaigns-format.h"
#include "liaison-campaigns-page.h"
#include "liaison-enrollment-row.h"
#include "liaison-sequence-editor.h"
#include "liaison-sequence-runner.h"

/* Runner events come in bursts (a step sent, then its enrolment moved on):
 * one read after them. */
#define RELOAD_DELAY_MS 250

struct _LiaisonCampaignsPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkButton          *new_button;
  GtkButton          *back_button;
  GtkButton          *edit_button;
  GtkButton          *delete_button;
  GtkLabel           *error_label;
  GtkStack           *list_stack;
  GtkListBox         *sequence_list;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkSwitch          *detail_switch;
  GtkListBox         *steps_list;
  GtkStack           *people_stack;
  GtkLabel           *people_empty_label;
  GtkListView        *enrollment_view;

  LiaisonApplication *application;
  LiaisonStore       *store;
  GSignalGroup       *runner_signals;
  GListStore         *sequences;
  GListStore         *enrollments;
  GCancellable       *cancellable;        /* the page's life: writes */
  GCancellable       *read_cancellable;   /* the reads under way, replaced by a newer one */
  gint64              open_id;
  guint               n_loading;
  guint               reload_id;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (LiaisonCampaignsPage, liaison_campaigns_page, ADW_TYPE_BIN)

static void load_enrollments (LiaisonCampaignsPage *self);

static LiaisonStore *
get_store (LiaisonCampaignsPage *self)
{
  if (self->store != NULL)
    return self->store;
  if (self->application == NULL ||
      liaison_application_get_store_state (self->application) != LIAISON_STORE_STATE_READY)
    return NULL;
  return liaison_application_get_store (self->application);
}

static void
show_error (LiaisonCampaignsPage *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static LiaisonSequence *
find_sequence (LiaisonCampaignsPage *self,
               gint64                id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sequences));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LiaisonSequence) sequence = g_list_model_get_item (G_LIST_MODEL (self->sequences), i);

      if (liaison_sequence_get_id (sequence) == id)
        return sequence;   /* the list keeps it */
    }
  return NULL;
}

static void
set_enabled (LiaisonCampaignsPage *self,
             gint64                id,
             gboolean              enabled);

/* The list */

static void
row_switch_cb (GtkSwitch            *toggle,
               GParamSpec           *pspec,
               LiaisonCampaignsPage *self)
{
  if (self->syncing)
    return;
  set_enabled (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "sequence-id")),
               gtk_switch_get_active (toggle));
}

static GtkWidget *
create_sequence_row (gpointer item,
                     gpointer user_data)
{
  LiaisonCampaignsPage *self = user_data;
  LiaisonSequence *sequence = item;
  g_autofree char *trigger = liaison_campaigns_format_trigger (sequence);
  g_autofree char *counts = liaison_campaigns_format_counts (sequence);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", trigger, counts);
  g_autofree char *title = g_markup_escape_text (liaison_sequence_get_name (sequence), -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Sequence On"));
  gtk_switch_set_active (GTK_SWITCH (toggle), liaison_sequence_get_enabled (sequence));
  g_object_set_data (G_OBJECT (toggle), "sequence-id",
                     GSIZE_TO_POINTER ((gsize) liaison_sequence_get_id (sequence)));
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (row_switch_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data (G_OBJECT (row), "sequence-id",
                     GSIZE_TO_POINTER ((gsize) liaison_sequence_get_id (sequence)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  liaison_sequence_get_name (sequence), -1);

  return row;
}

static void
sequence_activated_cb (LiaisonCampaignsPage *self,
                       GtkListBoxRow        *row)
{
  liaison_campaigns_page_open_sequence (self,
                                        GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "sequence-id")));
}

/* A sequence's page */

static void
fill_detail (LiaisonCampaignsPage *self)
{
  LiaisonSequence *sequence = find_sequence (self, self->open_id);
  g_autofree char *trigger = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *child;
  GPtrArray *steps;

  if (sequence == NULL)
    return;

  trigger = liaison_campaigns_format_trigger (sequence);
  counts = liaison_campaigns_format_counts (sequence);
  subtitle = g_strdup_printf ("%s · %s", trigger, counts);
  gtk_label_set_label (self->detail_title, liaison_sequence_get_name (sequence));
  gtk_label_set_label (self->detail_subtitle, subtitle);
  self->syncing = TRUE;
  gtk_switch_set_active (self->detail_switch, liaison_sequence_get_enabled (sequence));
  self->syncing = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);

  steps = liaison_sequence_get_steps (sequence);
  for (guint i = 0; i < steps->len; i++)
    {
      LiaisonSequenceStep *step = g_ptr_array_index (steps, i);
      const char *template_name = liaison_sequence_step_get_template_name (step);
      const char *body = liaison_sequence_step_get_body (step);
      g_autofree char *delay = liaison_campaigns_format_delay (liaison_sequence_step_get_delay (step),
                                                               i == 0);
      /* Translators: "Text 2 · 2 days later" */
      g_autofree char *title = g_strdup_printf (_("Text %u · %s"), i + 1, delay);
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (template_name != NULL)
        /* Translators: a template's name, then its text */
        text = g_strdup_printf (_("%s: %s"), template_name, body != NULL ? body : "");
      else
        text = g_strdup (body != NULL ? body : "");
      escaped = g_markup_escape_text (text, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->steps_list, row);
    }
}

void
liaison_campaigns_page_open_sequence (LiaisonCampaignsPage *self,
                                      gint64                sequence_id)
{
  g_return_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self));

  if (sequence_id <= 0 || find_sequence (self, sequence_id) == NULL)
    {
      self->open_id = 0;
      g_list_store_remove_all (self->enrollments);
      gtk_stack_set_visible_child_name (self->stack, "sequences");
      return;
    }

  if (self->open_id != sequence_id)
    g_list_store_remove_all (self->enrollments);
  self->open_id = sequence_id;
  fill_detail (self);
  gtk_stack_set_visible_child_name (self->stack, "detail");
  load_enrollments (self);
}

static void
back_clicked_cb (LiaisonCampaignsPage *self)
{
  liaison_campaigns_page_open_sequence (self, 0);
}

/* Reading */

static void
update_stacks (LiaisonCampaignsPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->sequences)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty && self->n_loading == 0 ? "empty" : "list");
  gtk_stack_set_visible_child_name (self->people_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->enrollments)) > 0
                                    ? "list" : "empty");
}

static void
sequences_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LiaisonCampaignsPage *self;
  g_autoptr(GPtrArray) sequences = NULL;
  g_autoptr(GError) error = NULL;

  sequences = liaison_store_list_sequences_finish (LIAISON_STORE (object), result, &error);
  if (sequences == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CAMPAIGNS_PAGE (user_data);
  self->n_loading--;
  if (sequences == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Your sequences could not be read: %s"),
                                                  error->message);

      show_error (self, message);
      update_stacks (self);
      return;
    }

  show_error (self, NULL);
  self->syncing = TRUE;
  g_list_store_splice (self->sequences, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sequences)),
                       sequences->pdata, sequences->len);
  self->syncing = FALSE;

  if (self->open_id != 0)
    {
      if (find_sequence (self, self->open_id) != NULL)
        {
          fill_detail (self);
          load_enrollments (self);
        }
      else
        liaison_campaigns_page_open_sequence (self, 0);
    }
  update_stacks (self);
}

static void
enrollments_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LiaisonCampaignsPage *self;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GError) error = NULL;

  enrollments = liaison_store_list_enrollments_finish (LIAISON_STORE (object), result, &error);
  if (enrollments == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CAMPAIGNS_PAGE (user_data);
  self->n_loading--;
  if (enrollments == NULL)
    {
      gtk_label_set_label (self->people_empty_label, error->message);
      g_list_store_remove_all (self->enrollments);
      update_stacks (self);
      return;
    }

  gtk_label_set_label (self->people_empty_label,
                       _("Nobody is in this sequence yet. Contacts join when moved to its stage."));
  /* One change: the list does not jump. */
  g_list_store_splice (self->enrollments, 0, g_list_model_get_n_items (G_LIST_MODEL (self->enrollments)),
                       enrollments->pdata, enrollments->len);
  update_stacks (self);
}

static void
load_enrollments (LiaisonCampaignsPage *self)
{
  if (get_store (self) == NULL || self->open_id == 0)
    return;

  self->n_loading++;
  liaison_store_list_enrollments_async (get_store (self), self->open_id, 0, self->read_cancellable,
                                        enrollments_listed_cb, self);
}

void
liaison_campaigns_page_reload (LiaisonCampaignsPage *self)
{
  g_return_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (get_store (self) == NULL)
    return;

  /* A newer read replaces one under way; changes under way are not
   * touched (a Stop must not be lost to a refresh). */
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  self->n_loading = 1;
  liaison_store_list_sequences_async (get_store (self), self->read_cancellable, sequences_listed_cb, self);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  LiaisonCampaignsPage *self = user_data;

  self->reload_id = 0;
  liaison_campaigns_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
runner_changed_cb (LiaisonCampaignsPage *self)
{
  /* Hidden, nothing to show: mapping the page reads it again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* Changes */

typedef struct {
  LiaisonCampaignsPage *self;
  gboolean              poke;
} ChangeData;

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree ChangeData *data = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  gboolean ok;

  if (g_task_get_source_tag (task) == liaison_store_set_sequence_enabled_async)
    ok = liaison_store_set_sequence_enabled_finish (LIAISON_STORE (object), result, &error);
  else if (g_task_get_source_tag (task) == liaison_store_delete_sequence_async)
    ok = liaison_store_delete_sequence_finish (LIAISON_STORE (object), result, &error);
  else
    ok = liaison_store_stop_enrollment_finish (LIAISON_STORE (object), result, &error);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!ok)
    show_error (data->self, error->message);

  if (ok && data->poke && data->self->application != NULL)
    liaison_application_poke_sequences (data->self->application);
  liaison_campaigns_page_reload (data->self);
}

static ChangeData *
change_data (LiaisonCampaignsPage *self,
             gboolean              poke)
{
  ChangeData *data = g_new0 (ChangeData, 1);

  data->self = self;
  data->poke = poke;
  return data;
}

static void
set_enabled (LiaisonCampaignsPage *self,
             gint64                id,
             gboolean              enabled)
{
  if (get_store (self) == NULL || id <= 0)
    return;

  /* Turning a sequence on sends what fell due while it was off. */
  liaison_store_set_sequence_enabled_async (get_store (self), id, enabled, self->cancellable,
                                            changed_cb, change_data (self, enabled));
}

static void
detail_switch_cb (LiaisonCampaignsPage *self)
{
  if (!self->syncing)
    set_enabled (self, self->open_id, gtk_switch_get_active (self->detail_switch));
}

static void
row_stop_cb (LiaisonEnrollmentRow      *row,
             LiaisonSequenceEnrollment *enrollment,
             LiaisonCampaignsPage      *self)
{
  if (get_store (self) == NULL)
    return;

  liaison_store_stop_enrollment_async (get_store (self), liaison_sequence_enrollment_get_id (enrollment),
                                       self->cancellable, changed_cb, change_data (self, FALSE));
}

static void
editor_saved_cb (LiaisonSequenceEditor *editor,
                 LiaisonSequence       *sequence,
                 LiaisonCampaignsPage  *self)
{
  if (self->application != NULL)
    liaison_application_poke_sequences (self->application);
  self->open_id = liaison_sequence_get_id (sequence);
  liaison_campaigns_page_reload (self);
}

static void
open_editor (LiaisonCampaignsPage *self,
             LiaisonSequence      *sequence)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LiaisonSequenceEditor *editor;

  if (get_store (self) == NULL)
    return;

  editor = liaison_sequence_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        get_store (self), sequence);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_clicked_cb (LiaisonCampaignsPage *self)
{
  open_editor (self, NULL);
}

static void
edit_clicked_cb (LiaisonCampaignsPage *self)
{
  LiaisonSequence *sequence = find_sequence (self, self->open_id);

  if (sequence != NULL)
    open_editor (self, sequence);
}

static void
delete_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    LiaisonCampaignsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "sequence-id"));

  if (g_strcmp0 (response, "delete") != 0 || get_store (self) == NULL)
    return;

  liaison_store_delete_sequence_async (get_store (self), id, self->cancellable, changed_cb,
                                       change_data (self, FALSE));
}

static void
delete_clicked_cb (LiaisonCampaignsPage *self)
{
  LiaisonSequence *sequence = find_sequence (self, self->open_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  guint n_active;

  if (sequence == NULL)
    return;

  n_active = liaison_sequence_get_n_active (sequence);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Sequence?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("“%s” is deleted and the %u person still in it gets no more texts from it. Texts already sent stay in their conversations.",
                                            "“%s” is deleted and the %u people still in it get no more texts from it. Texts already sent stay in their conversations.",
                                            n_active),
                                  liaison_sequence_get_name (sequence), n_active);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "sequence-id", GSIZE_TO_POINTER ((gsize) self->open_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* People */

static void
setup_enrollment_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     LiaisonCampaignsPage     *self)
{
  GtkWidget *row = liaison_enrollment_row_new ();

  g_signal_connect_object (row, "stop", G_CALLBACK (row_stop_cb), self, 0);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_enrollment_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    LiaisonCampaignsPage     *self)
{
  LiaisonSequence *sequence = find_sequence (self, self->open_id);

  liaison_enrollment_row_set_enrollment (LIAISON_ENROLLMENT_ROW (gtk_list_item_get_child (list_item)),
                                         gtk_list_item_get_item (list_item),
                                         sequence != NULL ? liaison_sequence_get_steps (sequence)->len : 0);
}

static void
unbind_enrollment_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      LiaisonCampaignsPage     *self)
{
  liaison_enrollment_row_set_enrollment (LIAISON_ENROLLMENT_ROW (gtk_list_item_get_child (list_item)),
                                         NULL, 0);
}

/* The application */

static void
sync_application (LiaisonCampaignsPage *self)
{
  LiaisonSequenceRunner *runner = NULL;

  if (self->application != NULL && get_store (self) != NULL)
    runner = liaison_application_get_sequence_runner (self->application);
  g_signal_group_set_target (self->runner_signals, runner);

  /* Read when shown (the map handler), not at start. */
  if (get_store (self) != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->sequences)) == 0 && self->n_loading == 0)
    liaison_campaigns_page_reload (self);
  update_stacks (self);
}

static void
liaison_campaigns_page_root (GtkWidget *widget)
{
  LiaisonCampaignsPage *self = LIAISON_CAMPAIGNS_PAGE (widget);
  GApplication *application = g_application_get_default ();

  GTK_WIDGET_CLASS (liaison_campaigns_page_parent_class)->root (widget);

  if (self->store == NULL && self->application == NULL && LIAISON_IS_APPLICATION (application))
    {
      self->application = g_object_ref (LIAISON_APPLICATION (application));
      g_signal_connect_object (self->application, "notify::store-state",
                               G_CALLBACK (sync_application), self, G_CONNECT_SWAPPED);
    }
  sync_application (self);
}

static void
liaison_campaigns_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (liaison_campaigns_page_parent_class)->map (widget);

  /* Counts and due times move on while the page is away. */
  liaison_campaigns_page_reload (LIAISON_CAMPAIGNS_PAGE (widget));
}

static void
liaison_campaigns_page_dispose (GObject *object)
{
  LiaisonCampaignsPage *self = LIAISON_CAMPAIGNS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->enrollment_view != NULL)
    gtk_list_view_set_model (self->enrollment_view, NULL);
  /* The bin's child is a template child: let go of it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CAMPAIGNS_PAGE);
  g_clear_object (&self->sequences);
  g_clear_object (&self->enrollments);
  g_clear_object (&self->runner_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (liaison_campaigns_page_parent_class)->dispose (object);
}

static void
liaison_campaigns_page_class_init (LiaisonCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_campaigns_page_dispose;
  widget_class->root = liaison_campaigns_page_root;
  widget_class->map = liaison_campaigns_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/campaigns/liaison-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, sequence_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, detail_switch);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, people_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, people_empty_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCampaignsPage, enrollment_view);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sequence_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
liaison_campaigns_page_init (LiaisonCampaignsPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->cancellable = g_cancellable_new ();
  self->read_cancellable = g_cancellable_new ();
  self->sequences = g_list_store_new (LIAISON_TYPE_SEQUENCE);
  self->enrollments = g_list_store_new (LIAISON_TYPE_SEQUENCE_ENROLLMENT);
  self->runner_signals = g_signal_group_new (LIAISON_TYPE_SEQUENCE_RUNNER);
  g_signal_group_connect_object (self->runner_signals, "enrollment-changed",
                                 G_CALLBACK (runner_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->runner_signals, "step-sent",
                                 G_CALLBACK (runner_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->sequence_list, G_LIST_MODEL (self->sequences),
                           create_sequence_row, self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_enrollment_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_enrollment_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_enrollment_cb), self);
  gtk_list_view_set_factory (self->enrollment_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->enrollments)));
  gtk_list_view_set_model (self->enrollment_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  update_stacks (self);
}

GtkWidget *
liaison_campaigns_page_new (void)
{
  return g_object_new (LIAISON_TYPE_CAMPAIGNS_PAGE, NULL);
}

void
liaison_campaigns_page_set_store (LiaisonCampaignsPage *self,
                                  LiaisonStore         *store)
{
  g_return_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self));
  g_return_if_fail (!store || LIAISON_IS_STORE (store));

  g_set_object (&self->store, store);
  liaison_campaigns_page_reload (self);
}

GListModel *
liaison_campaigns_page_get_sequences (LiaisonCampaignsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sequences);
}

GListModel *
liaison_campaigns_page_get_enrollments (LiaisonCampaignsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self), NULL);

  return G_LIST_MODEL (self->enrollments);
}

gint64
liaison_campaigns_page_get_open_id (LiaisonCampaignsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self), 0);

  return self->open_id;
}

gboolean
liaison_campaigns_page_is_loaded (LiaisonCampaignsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CAMPAIGNS_PAGE (self), FALSE);

  return self->n_loading == 0 && self->reload_id == 0;
}
