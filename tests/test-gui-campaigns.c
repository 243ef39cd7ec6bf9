/* test-gui-campaigns.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Campaigns page under Xvfb, on a real store: the sequences listed, a
 * sequence's texts and people, Stop for one person, the editor (create,
 * edit, its errors), on/off, delete, and "Add to Sequence…" on a contact.
 */

#define G_LOG_DOMAIN "test-gui-campaigns"

#include "config.h"

#include "liaison-campaigns-page.h"
#include "liaison-contact-card.h"
#include "liaison-contact-editor.h"
#include "liaison-contacts-page.h"
#include "liaison-enrollment-row.h"
#include "liaison-sequence-editor.h"
#include "liaison-sequence-step-row.h"
#include "liaison-template.h"
#include "liaison-test-utils.h"
#include "test-gui-utils.h"

#include <string.h>

static LiaisonApplication *app;

typedef struct
{
  char         *dir;
  LiaisonStore *store;
  gint64        ada;
  gint64        bob;
  gint64        cara;
  gint64        template_id;
  gint64        sequence_id;
  GtkWidget    *window;
  GtkWidget    *page;
} Fixture;

static gint64
add_contact (LiaisonStore *store,
             const char   *first,
             const char   *last,
             const char   *phone)
{
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = {
    .first_name = first, .last_name = last, .kind = "lead", .pipeline_stage = "Contacted",
    .phones = phones,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_contact_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_contact_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LiaisonSequenceEnrollment *
enroll (LiaisonStore *store,
        gint64        sequence_id,
        gint64        contact_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonSequenceEnrollment *enrollment;

  /* Due in a day: nothing here sends it. */
  liaison_store_enroll_contact_async (store, sequence_id, contact_id, g_get_real_time (), NULL,
                                      liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  enrollment = liaison_store_enroll_contact_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrollment);
  return enrollment;
}

static GPtrArray *
list_sequences (LiaisonStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sequences;

  liaison_store_list_sequences_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  sequences = liaison_store_list_sequences_finish (store, result, &error);
  g_assert_no_error (error);
  return sequences;
}

static LiaisonSequence *
sequence_named (GPtrArray  *sequences,
                const char *name)
{
  for (guint i = 0; i < sequences->len; i++)
    if (g_strcmp0 (liaison_sequence_get_name (g_ptr_array_index (sequences, i)), name) == 0)
      return g_ptr_array_index (sequences, i);
  return NULL;
}

static GPtrArray *
list_enrollments (LiaisonStore *store,
                  gint64        sequence_id,
                  gint64        contact_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *enrollments;

  liaison_store_list_enrollments_async (store, sequence_id, contact_id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  enrollments = liaison_store_list_enrollments_finish (store, result, &error);
  g_assert_no_error (error);
  return enrollments;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTemplate) template = NULL;
  g_autoptr(LiaisonSequence) sequence = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LiaisonSequenceEnrollment) stopped = NULL;
  g_autoptr(LiaisonSequenceEnrollment) active = NULL;

  f->dir = liaison_test_mkdtemp ();
  path = g_build_filename (f->dir, "liaison.db", NULL);
  f->store = liaison_store_new (path);
  liaison_store_open_async (f->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (f->store, result, &error));
  g_clear_object (&result);

  f->ada = add_contact (f->store, "Ada", "Archer", "+12035550101");
  f->bob = add_contact (f->store, "Bob", "Baker", "+12035550102");
  f->cara = add_contact (f->store, "Cara", "Cole", "+12035550103");

  liaison_store_add_template_async (f->store, "Intro", "Hi {first_name}, thanks for reaching out!", NULL,
                                    NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  template = liaison_store_add_template_finish (f->store, result, &error);
  g_assert_no_error (error);
  f->template_id = liaison_template_get_id (template);
  g_clear_object (&result);

  g_ptr_array_add (steps, liaison_sequence_step_new (86400, f->template_id, NULL));
  g_ptr_array_add (steps, liaison_sequence_step_new (3 * 86400, 0, "Hi {first_name}, any questions?"));
  liaison_store_save_sequence_async (f->store, 0, "Welcome", "New Lead", TRUE, steps, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  sequence = liaison_store_save_sequence_finish (f->store, result, &error);
  g_assert_no_error (error);
  f->sequence_id = liaison_sequence_get_id (sequence);
  g_clear_object (&result);

  active = enroll (f->store, f->sequence_id, f->ada);
  stopped = enroll (f->store, f->sequence_id, f->bob);
  liaison_store_stop_enrollment_async (f->store, liaison_sequence_enrollment_get_id (stopped), NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_stop_enrollment_finish (f->store, result, &error));
  g_assert_no_error (error);

  if (gdk_display_get_default () == NULL)
    return;

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->page = liaison_campaigns_page_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  liaison_campaigns_page_set_store (LIAISON_CAMPAIGNS_PAGE (f->page), f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  liaison_gui_test_wait_frame (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));

  liaison_store_close_async (f->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (f->store, result, &error));
  g_clear_object (&f->store);
  liaison_test_rmdir (f->dir);
  g_free (f->dir);
}

static GObject *
page_child (Fixture    *f,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (f->page, LIAISON_TYPE_CAMPAIGNS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

typedef struct
{
  Fixture *f;
  guint    n_sequences;
  guint    n_enrollments;
} LoadWait;

static gboolean
page_loaded (gpointer data)
{
  LoadWait *wait = data;
  LiaisonCampaignsPage *page = LIAISON_CAMPAIGNS_PAGE (wait->f->page);

  return liaison_campaigns_page_is_loaded (page) &&
         g_list_model_get_n_items (liaison_campaigns_page_get_sequences (page)) == wait->n_sequences &&
         (liaison_campaigns_page_get_open_id (page) == 0 ||
          g_list_model_get_n_items (liaison_campaigns_page_get_enrollments (page)) == wait->n_enrollments);
}

static void
wait_loaded (Fixture *f,
             guint    n_sequences,
             guint    n_enrollments)
{
  LoadWait wait = { f, n_sequences, n_enrollments };

  g_assert_true (liaison_gui_test_wait_until (page_loaded, &wait, 10000));
  liaison_gui_test_wait_layout (f->window);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
editor_ready (gpointer data)
{
  return liaison_sequence_editor_is_ready (LIAISON_SEQUENCE_EDITOR (data));
}

/* Tests */

static void
test_list_and_detail (Fixture       *f,
                      gconstpointer  data)
{
  LiaisonCampaignsPage *page;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GPtrArray) enrollments = NULL;
  GtkListBoxRow *row;
  LiaisonEnrollmentRow *ada_row = NULL;
  const char *subtitle;

  if (liaison_gui_test_no_display ())
    return;

  page = LIAISON_CAMPAIGNS_PAGE (f->page);
  wait_loaded (f, 1, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "list_stack"))), ==, "list");

  /* The row: what starts it, its texts and who is in it. */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (f, "sequence_list")), 0);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Welcome");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "“New Lead”"));
  g_assert_nonnull (strstr (subtitle, "2 texts"));
  g_assert_nonnull (strstr (subtitle, "1 active"));
  g_assert_nonnull (strstr (subtitle, "1 stopped"));

  /* Opening it (as a click would). */
  g_signal_emit_by_name (page_child (f, "sequence_list"), "row-activated", row);
  g_assert_cmpint (liaison_campaigns_page_get_open_id (page), ==, f->sequence_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==, "detail");
  wait_loaded (f, 1, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (page_child (f, "detail_title"))), ==, "Welcome");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (page_child (f, "detail_switch"))));

  collect (GTK_WIDGET (page_child (f, "steps_list")), ADW_TYPE_ACTION_ROW, steps);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (steps, 0)), ==, "Text 1 · 1 day after joining");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (steps, 0)), ==,
                   "Intro: Hi {first_name}, thanks for reaching out!");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (steps, 1)), ==, "Text 2 · 3 days later");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (steps, 1)), ==, "Hi {first_name}, any questions?");

  /* The people: the active one first, with Stop; the stopped one says why. */
  collect (GTK_WIDGET (page_child (f, "enrollment_view")), LIAISON_TYPE_ENROLLMENT_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonEnrollmentRow *enrollment_row = g_ptr_array_index (rows, i);
      LiaisonSequenceEnrollment *enrollment = liaison_enrollment_row_get_enrollment (enrollment_row);
      GtkWidget *stop = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (enrollment_row),
                                                                   LIAISON_TYPE_ENROLLMENT_ROW, "stop_button"));
      GtkLabel *state = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (enrollment_row),
                                                                 LIAISON_TYPE_ENROLLMENT_ROW, "state_label"));

      if (liaison_sequence_enrollment_get_contact_id (enrollment) == f->ada)
        {
          ada_row = enrollment_row;
          g_assert_true (gtk_widget_get_visible (stop));
          g_assert_true (g_str_has_prefix (gtk_label_get_label (state), "Text 1 of 2 goes "));
        }
      else
        {
          g_assert_cmpint (liaison_sequence_enrollment_get_contact_id (enrollment), ==, f->bob);
          g_assert_false (gtk_widget_get_visible (stop));
          g_assert_cmpstr (gtk_label_get_label (state), ==, "Stopped by you");
        }
    }
  g_assert_nonnull (ada_row);

  /* Stop for Ada: stored, and the page shows it. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (ada_row), LIAISON_TYPE_ENROLLMENT_ROW,
                                                        "stop_button"), "clicked");
  enrollments = list_enrollments (f->store, f->sequence_id, 0);
  while (TRUE)
    {
      gboolean all_stopped = TRUE;

      for (guint i = 0; i < enrollments->len; i++)
        all_stopped &= liaison_sequence_enrollment_get_state (g_ptr_array_index (enrollments, i))
                       == LIAISON_ENROLLMENT_STOPPED;
      if (all_stopped)
        break;
      g_main_context_iteration (NULL, TRUE);
      g_ptr_array_unref (enrollments);
      enrollments = list_enrollments (f->store, f->sequence_id, 0);
    }
  for (guint i = 0; i < enrollments->len; i++)
    if (liaison_sequence_enrollment_get_contact_id (g_ptr_array_index (enrollments, i)) == f->ada)
      g_assert_cmpint (liaison_sequence_enrollment_get_stop_reason (g_ptr_array_index (enrollments, i)), ==,
                       LIAISON_ENROLLMENT_STOP_BY_HAND);
  wait_loaded (f, 1, 2);

  /* Back to the list. */
  g_signal_emit_by_name (page_child (f, "back_button"), "clicked");
  g_assert_cmpint (liaison_campaigns_page_get_open_id (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "stack"))), ==, "sequences");
}

static void
test_editor_create (Fixture       *f,
                    gconstpointer  data)
{
  LiaisonSequenceEditor *editor;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) sequences = NULL;
  LiaisonSequence *created;
  GPtrArray *steps;
  GtkRevealer *error_revealer;

  if (liaison_gui_test_no_display ())
    return;

  wait_loaded (f, 1, 0);
  g_signal_emit_by_name (page_child (f, "new_button"), "clicked");
  g_assert_true (liaison_gui_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LIAISON_TYPE_SEQUENCE_EDITOR), 10000));
  editor = LIAISON_SEQUENCE_EDITOR (find_toplevel (LIAISON_TYPE_SEQUENCE_EDITOR));
  g_assert_true (liaison_gui_test_wait_until (editor_ready, editor, 10000));
  error_revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (editor), LIAISON_TYPE_SEQUENCE_EDITOR,
                                                                "error_revealer"));

  /* No name: an error, nothing saved, the window stays. */
  liaison_sequence_editor_save (editor);
  g_assert_true (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                      LIAISON_TYPE_SEQUENCE_EDITOR, "name_row")),
                         "After the seminar");
  /* The stages in use are offered (the contacts are "Contacted"). */
  {
    GtkMenuButton *stages = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                            LIAISON_TYPE_SEQUENCE_EDITOR,
                                                                            "stage_menu_button"));
    GMenuModel *menu;

    g_assert_true (liaison_gui_test_wait_until (widget_visible, stages, 10000));
    menu = gtk_menu_button_get_menu_model (stages);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.set-stage", "s", "Contacted"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                          LIAISON_TYPE_SEQUENCE_EDITOR, "stage_row"))),
                     ==, "Contacted");
  }
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                      LIAISON_TYPE_SEQUENCE_EDITOR, "stage_row")),
                         "Seminar");

  /* A new sequence starts with one text; add a second. */
  liaison_sequence_editor_add_step (editor);
  collect (GTK_WIDGET (editor), LIAISON_TYPE_SEQUENCE_STEP_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);

  /* An empty own text is refused. */
  liaison_sequence_editor_save (editor);
  g_assert_true (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                   LIAISON_TYPE_SEQUENCE_EDITOR, "error_label"))), ==,
                   "Text 1 is empty: write it, or choose a template.");

  /* An unknown placeholder: the store's error shows, the window stays. */
  liaison_sequence_step_row_set_values (g_ptr_array_index (rows, 0), f->template_id, NULL, 0, 2);
  liaison_sequence_step_row_set_values (g_ptr_array_index (rows, 1), 0, "Hi {nickname}!", 2, 0);
  liaison_sequence_editor_save (editor);
  g_assert_true (liaison_gui_test_wait_until (editor_ready, editor, 10000));
  g_assert_true (gtk_revealer_get_reveal_child (error_revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                            LIAISON_TYPE_SEQUENCE_EDITOR, "error_label"))),
                            "nickname"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  liaison_sequence_step_row_set_values (g_ptr_array_index (rows, 1), 0,
                                        "Hi {first_name}, the seminar slides are on our site.", 2, 0);
  liaison_sequence_editor_save (editor);
  g_assert_true (liaison_gui_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (LIAISON_TYPE_SEQUENCE_EDITOR), 10000));

  /* Stored as typed; the page lists it and opens it. */
  sequences = list_sequences (f->store);
  g_assert_cmpuint (sequences->len, ==, 2);
  created = sequence_named (sequences, "After the seminar");
  g_assert_nonnull (created);
  g_assert_cmpstr (liaison_sequence_get_trigger_stage (created), ==, "Seminar");
  g_assert_true (liaison_sequence_get_enabled (created));
  steps = liaison_sequence_get_steps (created);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpint (liaison_sequence_step_get_template_id (g_ptr_array_index (steps, 0)), ==, f->template_id);
  g_assert_cmpint (liaison_sequence_step_get_delay (g_ptr_array_index (steps, 0)), ==, 2 * 3600);
  g_assert_cmpint (liaison_sequence_step_get_template_id (g_ptr_array_index (steps, 1)), ==, 0);
  g_assert_cmpint (liaison_sequence_step_get_delay (g_ptr_array_index (steps, 1)), ==, 2 * 86400);
  g_assert_cmpstr (liaison_sequence_step_get_body (g_ptr_array_index (steps, 1)), ==,
                   "Hi {first_name}, the seminar slides are on our site.");

  wait_loaded (f, 2, 0);
  g_assert_cmpint (liaison_campaigns_page_get_open_id (LIAISON_CAMPAIGNS_PAGE (f->page)), ==,
                   liaison_sequence_get_id (created));
}

static void
test_edit_toggle_delete (Fixture       *f,
                         gconstpointer  data)
{
  LiaisonCampaignsPage *page;
  LiaisonSequenceEditor *editor;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) sequences = NULL;
  GtkWidget *dialog;

  if (liaison_gui_test_no_display ())
    return;

  page = LIAISON_CAMPAIGNS_PAGE (f->page);
  wait_loaded (f, 1, 0);
  liaison_campaigns_page_open_sequence (page, f->sequence_id);
  wait_loaded (f, 1, 2);

  /* Off: stored. */
  gtk_switch_set_active (GTK_SWITCH (page_child (f, "detail_switch")), FALSE);
  for (;;)
    {
      g_autoptr(GPtrArray) now = list_sequences (f->store);

      if (!liaison_sequence_get_enabled (g_ptr_array_index (now, 0)))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  wait_loaded (f, 1, 2);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (page_child (f, "detail_switch"))));

  /* Edit: the editor shows the stored texts; the change is stored. */
  g_signal_emit_by_name (page_child (f, "edit_button"), "clicked");
  g_assert_true (liaison_gui_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LIAISON_TYPE_SEQUENCE_EDITOR), 10000));
  editor = LIAISON_SEQUENCE_EDITOR (find_toplevel (LIAISON_TYPE_SEQUENCE_EDITOR));
  g_assert_true (liaison_gui_test_wait_until (editor_ready, editor, 10000));
  collect (GTK_WIDGET (editor), LIAISON_TYPE_SEQUENCE_STEP_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                        LIAISON_TYPE_SEQUENCE_EDITOR, "name_row"))), ==, "Welcome");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                     LIAISON_TYPE_SEQUENCE_EDITOR, "enabled_switch"))));
  /* Removing the first text. */
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "remove");
  liaison_sequence_editor_save (editor);
  g_assert_true (liaison_gui_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (LIAISON_TYPE_SEQUENCE_EDITOR), 10000));
  sequences = list_sequences (f->store);
  g_assert_cmpuint (liaison_sequence_get_steps (g_ptr_array_index (sequences, 0))->len, ==, 1);
  g_assert_cmpstr (liaison_sequence_step_get_body (g_ptr_array_index (liaison_sequence_get_steps (g_ptr_array_index (sequences, 0)), 0)),
                   ==, "Hi {first_name}, any questions?");
  g_clear_pointer (&sequences, g_ptr_array_unref);

  /* Delete, confirmed: gone from the store and the page. */
  wait_loaded (f, 1, 2);
  g_signal_emit_by_name (page_child (f, "delete_button"), "clicked");
  g_assert_true (liaison_gui_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10000));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_loaded (f, 0, 0);
  sequences = list_sequences (f->store);
  g_assert_cmpuint (sequences->len, ==, 0);
  g_assert_cmpint (liaison_campaigns_page_get_open_id (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "list_stack"))), ==, "empty");
}

static gboolean
enroll_dialog_ready (gpointer data)
{
  GtkWidget *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL &&
         adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add");
}

static gboolean
cara_enrolled (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) enrollments = list_enrollments (f->store, 0, f->cara);

  return enrollments->len == 1 &&
         liaison_sequence_enrollment_get_state (g_ptr_array_index (enrollments, 0)) == LIAISON_ENROLLMENT_ACTIVE;
}

static gboolean
card_lists_sequence (gpointer data)
{
  GtkWidget *group = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (!gtk_widget_get_visible (group))
    return FALSE;
  collect (group, ADW_TYPE_ACTION_ROW, rows);
  return rows->len == 1 &&
         g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), "Welcome") == 0 &&
         g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Text 1 goes ");
}

static gboolean
cara_stopped (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) enrollments = list_enrollments (f->store, 0, f->cara);

  return enrollments->len == 1 &&
         liaison_sequence_enrollment_get_stop_reason (g_ptr_array_index (enrollments, 0)) ==
         LIAISON_ENROLLMENT_STOP_BY_HAND;
}

typedef struct {
  Fixture *f;
  gint64   sequence_id;
} NewLeadWait;

static gboolean
new_lead_enrolled (gpointer data)
{
  NewLeadWait *wait = data;
  g_autoptr(GPtrArray) enrollments = list_enrollments (wait->f->store, wait->sequence_id, 0);

  for (guint i = 0; i < enrollments->len; i++)
    {
      LiaisonSequenceEnrollment *e = g_ptr_array_index (enrollments, i);

      if (g_strcmp0 (liaison_sequence_enrollment_get_contact_name (e), "Nora New") == 0)
        return liaison_sequence_enrollment_get_state (e) == LIAISON_ENROLLMENT_ACTIVE;
    }
  return FALSE;
}

/* The contacts page on the fixture's store, in place of the campaigns page. */
static GtkWidget *
show_contacts_page (Fixture *f)
{
  GtkWidget *contacts = liaison_contacts_page_new ();

  gtk_window_set_child (GTK_WINDOW (f->window), contacts);
  f->page = NULL;
  liaison_contacts_page_set_store (LIAISON_CONTACTS_PAGE (contacts), f->store);
  liaison_gui_test_wait_frame (f->window);
  return contacts;
}

/* A contact added in the editor with a sequence's stage joins it, as one
 * moved to that stage does. */
static void
test_new_contact_joins (Fixture       *f,
                        gconstpointer  data)
{
  NewLeadWait wait = { f, f->sequence_id };
  LiaisonContactEditor *editor;
  GtkWidget *contacts;

  if (liaison_gui_test_no_display ())
    return;

  contacts = show_contacts_page (f);

  g_assert_true (gtk_widget_activate_action (contacts, "contacts.new", NULL));
  g_assert_true (liaison_gui_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LIAISON_TYPE_CONTACT_EDITOR), 10000));
  editor = LIAISON_CONTACT_EDITOR (find_toplevel (LIAISON_TYPE_CONTACT_EDITOR));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor), LIAISON_TYPE_CONTACT_EDITOR,
                                                                      "first_name_row")), "Nora");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor), LIAISON_TYPE_CONTACT_EDITOR,
                                                                      "last_name_row")), "New");
  /* The sequence starts at "New Lead"; case and spaces do not matter. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor), LIAISON_TYPE_CONTACT_EDITOR,
                                                                      "stage_row")), "new lead ");
  liaison_contact_editor_add_phone (editor, "(203) 555-0109", "mobile");
  g_assert_true (liaison_contact_editor_is_valid (editor));
  liaison_contact_editor_save (editor);

  g_assert_true (liaison_gui_test_wait_until (new_lead_enrolled, &wait, 10000));
}

/* "Add to Sequence…" on a contact, and the card's sequences. */
static void
test_contact_enroll (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *contacts;
  GtkWidget *dialog;
  GtkWidget *card;
  GtkWidget *group;

  if (liaison_gui_test_no_display ())
    return;

  contacts = show_contacts_page (f);

  g_assert_true (gtk_widget_activate_action (contacts, "contacts.enroll", "x", f->cara));
  g_assert_true (liaison_gui_test_wait_until (enroll_dialog_ready, NULL, 10000));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  /* As its button does: the response, then closing. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (liaison_gui_test_wait_until (cara_enrolled, f, 10000));

  /* Again: already in it, said so, nothing changes. */
  g_assert_true (gtk_widget_activate_action (contacts, "contacts.enroll", "x", f->cara));
  g_assert_true (liaison_gui_test_wait_until (enroll_dialog_ready, NULL, 10000));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  /* As its button does: the response, then closing. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (liaison_gui_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10000));
  g_assert_true (cara_enrolled (f));

  /* Her card lists the sequence and where she is in it; Stop there. */
  liaison_contacts_page_show_contact (LIAISON_CONTACTS_PAGE (contacts), f->cara);
  card = GTK_WIDGET (gtk_widget_get_template_child (contacts, LIAISON_TYPE_CONTACTS_PAGE, "card"));
  group = GTK_WIDGET (gtk_widget_get_template_child (card, LIAISON_TYPE_CONTACT_CARD, "sequences_group"));
  g_assert_true (liaison_gui_test_wait_until (card_lists_sequence, group, 10000));
  {
    g_autoptr(GPtrArray) enrollments = list_enrollments (f->store, 0, f->cara);

    g_assert_true (gtk_widget_activate_action (card, "card.stop-enrollment", "x",
                                               liaison_sequence_enrollment_get_id (g_ptr_array_index (enrollments, 0))));
  }
  g_assert_true (liaison_gui_test_wait_until (cara_stopped, f, 10000));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (liaison_gui_test_init (&argc, &argv))
    app = liaison_gui_test_application_new ("test-gui-campaigns");

#define ADD(path, func) \
  g_test_add ("/Liaison/GuiCampaigns/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("list-and-detail", test_list_and_detail);
  ADD ("editor-create", test_editor_create);
  ADD ("edit-toggle-delete", test_edit_toggle_delete);
  ADD ("contact-enroll", test_contact_enroll);
  ADD ("new-contact-joins", test_new_contact_joins);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
