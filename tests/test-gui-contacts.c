/* test-gui-contacts.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-contacts"

#include "config.h"

#include "liaison-consent-ledger.h"
#include "liaison-contact-card.h"
#include "liaison-contact-editor.h"
#include "liaison-contact-import-dialog.h"
#include "liaison-contact-row.h"
#include "liaison-contact-list-model.h"
#include "liaison-contacts-page.h"
#include "liaison-store.h"
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
  gint64        carol;
  gint64        dan;
  GtkWidget    *window;
  GtkWidget    *page;
  char         *texted;    /* the last win.text-number parameter */
  char         *called;    /* the last win.call-number parameter */
} Fixture;

typedef struct {
  Fixture  *f;
  gint64    id;
  gboolean  hold;
} HoldWait;

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (data));
}

static gboolean
contact_held (gpointer data)
{
  HoldWait *wait = data;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean hold = !wait->hold;

  liaison_store_get_contact_legal_hold_async (wait->f->store, wait->id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_get_contact_legal_hold_finish (wait->f->store, result, &hold, &error));
  return hold == wait->hold;
}

/* Stands in for the window's click-to-call action. */
static void
call_number_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->called);
  f->called = g_variant_dup_string (param, NULL);
}

/* Stands in for the inbox's window action. */
static void
text_number_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->texted);
  f->texted = g_variant_dup_string (param, NULL);
}

static gint64
save_contact (LiaisonStore *store,
              const char   *name,
              const char   *stage,
              const char   *kind,
              const char   *phone)
{
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = {
    .display_name = name, .pipeline_stage = stage, .kind = kind, .phones = phones,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_save_contact_async (store, 0, &info, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_save_contact_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GObject *
page_child (Fixture    *f,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (f->page, LIAISON_TYPE_CONTACTS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonConsentEventInfo opt_out = {
    .e164 = "+12035550104", .event = "opt-out", .source = "keyword", .channel = "sms",
    .note = "STOP",
  };

  f->dir = liaison_test_mkdtemp ();
  path = g_build_filename (f->dir, "liaison.db", NULL);
  f->store = liaison_store_new (path);
  liaison_store_open_async (f->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (f->store, result, &error));
  g_clear_object (&result);

  f->ada = save_contact (f->store, "Ada Archer", "New", "client", "+12035550101");
  f->bob = save_contact (f->store, "Bob Baker", "Won", "prospect", "+12035550102");
  f->carol = save_contact (f->store, "Carol Cole", "New", "lead", "+12035550103");
  f->dan = save_contact (f->store, "Dan Dunn", NULL, "lead", "+12035550104");

  liaison_consent_ledger_record_async (f->store, &opt_out, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_consent_ledger_record_finish (f->store, result, &error), >, 0);
  g_assert_no_error (error);

  if (gdk_display_get_default () == NULL)
    return;

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) action = g_simple_action_new ("text-number", G_VARIANT_TYPE_STRING);

    g_autoptr(GSimpleAction) call = g_simple_action_new ("call-number", G_VARIANT_TYPE_STRING);

    g_signal_connect (action, "activate", G_CALLBACK (text_number_cb), f);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    g_signal_connect (call, "activate", G_CALLBACK (call_number_cb), f);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (call));
    gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));
  }
  f->page = liaison_contacts_page_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  liaison_contacts_page_set_store (LIAISON_CONTACTS_PAGE (f->page), f->store);
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
  g_free (f->texted);
  g_free (f->called);
}

/* Conditions */

typedef struct
{
  Fixture *f;
  guint    n;
} CountWait;

static gboolean
list_has_n (gpointer data)
{
  CountWait *wait = data;
  GtkStack *stack = GTK_STACK (page_child (wait->f, "list_stack"));
  GListModel *model = liaison_contacts_page_get_model (LIAISON_CONTACTS_PAGE (wait->f->page));
  const char *visible = gtk_stack_get_visible_child_name (stack);

  /* A new search or filter keeps the previous results until its first page
   * replaces them. */
  if (!liaison_contact_list_model_get_loaded (LIAISON_CONTACT_LIST_MODEL (model)))
    return FALSE;
  if (wait->n == 0)
    return g_strcmp0 (visible, "no-results") == 0;

  return g_list_model_get_n_items (model) == wait->n && g_strcmp0 (visible, "list") == 0;
}

static void
wait_for_n (Fixture *f,
            guint    n)
{
  CountWait wait = { f, n };

  g_assert_true (liaison_gui_test_wait_until (list_has_n, &wait, 10000));
}

static gboolean
first_page_loaded (gpointer data)
{
  LiaisonContactListModel *model = data;

  return liaison_contact_list_model_get_loaded (model)
         && g_list_model_get_n_items (G_LIST_MODEL (model)) >= 20;
}

static LiaisonContact *
model_contact (Fixture *f,
               guint    position)
{
  GListModel *model = liaison_contacts_page_get_model (LIAISON_CONTACTS_PAGE (f->page));
  LiaisonContact *contact = g_list_model_get_item (model, position);

  g_object_unref (contact);   /* the model keeps it */
  return contact;
}

typedef struct
{
  Fixture    *f;
  gint64      id;
  const char *stage;
} StageWait;

static gboolean
model_has_stage (gpointer data)
{
  StageWait *wait = data;
  GListModel *model = liaison_contacts_page_get_model (LIAISON_CONTACTS_PAGE (wait->f->page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LiaisonContact) contact = g_list_model_get_item (model, i);

      if (liaison_contact_get_id (contact) == wait->id)
        return g_strcmp0 (liaison_contact_get_pipeline_stage (contact), wait->stage) == 0;
    }

  return FALSE;
}

static gboolean
card_shows (gpointer data)
{
  StageWait *wait = data;
  LiaisonContactCard *card = LIAISON_CONTACT_CARD (page_child (wait->f, "card"));
  GtkStack *stack = GTK_STACK (page_child (wait->f, "card_stack"));
  LiaisonContact *contact = liaison_contact_card_get_contact (card);

  return contact != NULL && liaison_contact_get_id (contact) == wait->id &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "card") == 0;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (LIAISON_IS_CONTACT_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GtkWidget *
row_for (Fixture *f,
         gint64   id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (page_child (f, "list_view")), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonContact *contact = liaison_contact_row_get_contact (g_ptr_array_index (rows, i));

      if (contact != NULL && liaison_contact_get_id (contact) == id)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

/* Tests */

static void
test_list_search_filter (Fixture       *f,
                         gconstpointer  data)
{
  GtkEditable *search;

  if (liaison_gui_test_no_display ())
    return;

  /* The list shows every contact, by name. */
  wait_for_n (f, 4);
  g_assert_cmpint (liaison_contact_get_id (model_contact (f, 0)), ==, f->ada);
  g_assert_cmpint (liaison_contact_get_id (model_contact (f, 3)), ==, f->dan);
  liaison_gui_test_wait_frame (f->window);
  g_assert_cmpuint (liaison_gui_test_count_children (GTK_WIDGET (page_child (f, "list_view")),
                                                     LIAISON_TYPE_CONTACT_ROW), >=, 4);
  g_free (liaison_gui_test_screenshot (f->window, "screenshot-contacts.png"));

  /* Search narrows as you type (prefix). */
  search = GTK_EDITABLE (page_child (f, "search_entry"));
  gtk_editable_set_text (search, "caro");
  wait_for_n (f, 1);
  g_assert_cmpint (liaison_contact_get_id (model_contact (f, 0)), ==, f->carol);

  gtk_editable_set_text (search, "nobody-like-this");
  wait_for_n (f, 0);

  gtk_editable_set_text (search, "");
  wait_for_n (f, 4);

  /* A filter narrows, through its menu action. */
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.filter-stage", "s", "New"));
  wait_for_n (f, 2);
  g_assert_cmpint (liaison_contact_get_id (model_contact (f, 1)), ==, f->carol);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page_child (f, "filter_label"))));

  g_assert_true (gtk_widget_activate_action (f->page, "contacts.filter-kind", "s", "lead"));
  wait_for_n (f, 1);
  g_assert_cmpint (liaison_contact_get_id (model_contact (f, 0)), ==, f->carol);

  g_assert_true (gtk_widget_activate_action (f->page, "contacts.filter-stage", "s", ""));
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.filter-kind", "s", ""));
  wait_for_n (f, 4);

  /* Sort by recently added. */
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.sort", "s", "created"));
  wait_for_n (f, 4);
  g_assert_cmpint (liaison_contact_get_id (model_contact (f, 0)), ==, f->dan);
}

static void
test_card_and_badges (Fixture       *f,
                      gconstpointer  data)
{
  StageWait wait = { f, 0, NULL };
  GtkWidget *row;
  GObject *badge;
  LiaisonContactCard *card;

  if (liaison_gui_test_no_display ())
    return;

  wait_for_n (f, 4);
  liaison_gui_test_wait_frame (f->window);

  /* The opted-out contact has the badge on its row; the others do not. */
  row = row_for (f, f->dan);
  g_assert_nonnull (row);
  badge = gtk_widget_get_template_child (row, LIAISON_TYPE_CONTACT_ROW, "opted_out_badge");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  row = row_for (f, f->ada);
  badge = gtk_widget_get_template_child (row, LIAISON_TYPE_CONTACT_ROW, "opted_out_badge");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));

  /* Activating a row opens the card. */
  g_signal_emit_by_name (page_child (f, "list_view"), "activate", 3);
  wait.id = f->dan;
  g_assert_true (liaison_gui_test_wait_until (card_shows, &wait, 10000));
  card = LIAISON_CONTACT_CARD (page_child (f, "card"));
  badge = gtk_widget_get_template_child (GTK_WIDGET (card), LIAISON_TYPE_CONTACT_CARD,
                                         "opted_out_badge");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  /* Its Text action stays available (the gate blocks at send time). */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (card),
                                                                                   LIAISON_TYPE_CONTACT_CARD,
                                                                                   "text_button"))));
  liaison_gui_test_wait_frame (f->window);
  g_free (liaison_gui_test_screenshot (f->window, "screenshot-contact-card.png"));

  /* Text goes to win.text-number with the number, opted out or not; so
   * does the keyboard shortcut for the contact on the card. */
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.text", "x", f->dan));
  g_assert_cmpstr (f->texted, ==, "+12035550104");
  g_clear_pointer (&f->texted, g_free);
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.open-thread", "x", (gint64) 0));
  g_assert_cmpstr (f->texted, ==, "+12035550104");

  /* The card of another contact, as win.show-contact opens it. */
  liaison_contacts_page_show_contact (LIAISON_CONTACTS_PAGE (f->page), f->bob);
  wait.id = f->bob;
  g_assert_true (liaison_gui_test_wait_until (card_shows, &wait, 10000));
  badge = gtk_widget_get_template_child (GTK_WIDGET (card), LIAISON_TYPE_CONTACT_CARD,
                                         "opted_out_badge");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));

  /* Call goes to win.call-number with the contact's number, from the
   * card's button as from the action. */
  {
    GtkWidget *call = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (card),
                                                                 LIAISON_TYPE_CONTACT_CARD,
                                                                 "call_button"));

    g_assert_true (gtk_widget_get_visible (call));
    g_assert_true (gtk_widget_get_sensitive (call));
    g_signal_emit_by_name (call, "clicked");
    g_assert_nonnull (f->called);
    g_assert_true (g_str_has_prefix (f->called, "+1"));
    g_clear_pointer (&f->called, g_free);
    g_assert_true (gtk_widget_activate_action (f->page, "contacts.call", "x", f->dan));
    g_assert_cmpstr (f->called, ==, "+12035550104");
  }

  /* Legal hold for all of the contact's recordings, from the card. */
  {
    GtkWidget *hold = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (card),
                                                                 LIAISON_TYPE_CONTACT_CARD,
                                                                 "hold_switch"));
    HoldWait hold_wait = { f, f->bob, TRUE };

    /* Usable once the stored state is read. */
    g_assert_true (liaison_gui_test_wait_until (widget_sensitive, hold, 10000));
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (hold)));
    gtk_switch_set_active (GTK_SWITCH (hold), TRUE);
    g_assert_true (liaison_gui_test_wait_until (contact_held, &hold_wait, 10000));
    gtk_switch_set_active (GTK_SWITCH (hold), FALSE);
    hold_wait.hold = FALSE;
    g_assert_true (liaison_gui_test_wait_until (contact_held, &hold_wait, 10000));
  }
}

static void
test_move_to_stage (Fixture       *f,
                    gconstpointer  data)
{
  StageWait wait = { f, 0, "Qualified" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonContact) stored = NULL;

  if (liaison_gui_test_no_display ())
    return;

  wait_for_n (f, 4);
  wait.id = f->ada;
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.move-to-stage", "(xs)",
                                             f->ada, "Qualified"));
  g_assert_true (liaison_gui_test_wait_until (model_has_stage, &wait, 10000));

  liaison_store_get_contact_details_async (f->store, f->ada, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  stored = liaison_store_get_contact_details_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_pipeline_stage (stored), ==, "Qualified");
}

static void
clipboard_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy_number (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (liaison_gui_test_no_display ())
    return;

  wait_for_n (f, 4);
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.copy-number", "x", f->bob));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (f->page), NULL, clipboard_cb, &text);
  g_assert_true (liaison_gui_test_wait_until (text_set, &text, 10000));
  /* A home (US) number is copied in national format. */
  g_assert_cmpstr (text, ==, "(203) 555-0102");
}

static gboolean
dialog_done (gpointer data)
{
  return liaison_contact_import_dialog_get_results (data) != NULL;
}

static void
test_import_dialog (Fixture       *f,
                    gconstpointer  data)
{
  const char *csv =
    "Full Name,Mobile Phone,E-mail,Favourite Colour,Stage\r\n"
    "Eve Evans,(203) 555-0105,eve@example.com,blue,New\r\n"
    "Ada A. Archer,+1 203 555 0101,ada@example.com,red,Won\r\n"
    "No Number,12,,green,\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  LiaisonContactImportDialog *dialog;
  GArray *results;
  StageWait wait = { f, 0, NULL };

  if (liaison_gui_test_no_display ())
    return;

  wait_for_n (f, 4);

  dialog = LIAISON_CONTACT_IMPORT_DIALOG (liaison_contact_import_dialog_new (f->store, bytes,
                                                                             "clients.csv"));
  gtk_window_present (GTK_WINDOW (dialog));
  liaison_gui_test_wait_frame (GTK_WIDGET (dialog));

  /* Suggested mapping, then one column changed through its drop-down. */
  g_assert_cmpuint (liaison_contact_import_dialog_get_n_columns (dialog), ==, 5);
  g_assert_cmpint (liaison_contact_import_dialog_get_mapping (dialog, 0), ==, LIAISON_IMPORT_FIELD_NAME);
  g_assert_cmpint (liaison_contact_import_dialog_get_mapping (dialog, 1), ==,
                   LIAISON_IMPORT_FIELD_MOBILE_PHONE);
  g_assert_cmpint (liaison_contact_import_dialog_get_mapping (dialog, 2), ==, LIAISON_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (liaison_contact_import_dialog_get_mapping (dialog, 3), ==, LIAISON_IMPORT_FIELD_IGNORE);
  liaison_contact_import_dialog_set_mapping (dialog, 3, LIAISON_IMPORT_FIELD_TAGS);
  g_assert_cmpint (liaison_contact_import_dialog_get_mapping (dialog, 3), ==, LIAISON_IMPORT_FIELD_TAGS);

  liaison_contact_import_dialog_import (dialog);
  g_assert_true (liaison_gui_test_wait_until (dialog_done, dialog, 10000));
  results = liaison_contact_import_dialog_get_results (dialog);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (g_array_index (results, LiaisonImportResult, 0).outcome, ==, LIAISON_IMPORT_ADDED);
  g_assert_cmpint (g_array_index (results, LiaisonImportResult, 1).outcome, ==, LIAISON_IMPORT_MERGED);
  g_assert_cmpint (g_array_index (results, LiaisonImportResult, 1).contact_id, ==, f->ada);
  g_assert_cmpint (g_array_index (results, LiaisonImportResult, 2).outcome, ==, LIAISON_IMPORT_FAILED);
  g_assert_nonnull (g_array_index (results, LiaisonImportResult, 2).message);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Merging kept Ada's stage and added her tag; the new contact is listed
   * once the page reloads. */
  liaison_contacts_page_show_contact (LIAISON_CONTACTS_PAGE (f->page), f->ada);
  wait.id = f->ada;
  g_assert_true (liaison_gui_test_wait_until (card_shows, &wait, 10000));
  {
    LiaisonContact *ada = liaison_contact_card_get_contact (LIAISON_CONTACT_CARD (page_child (f, "card")));

    g_assert_cmpstr (liaison_contact_get_pipeline_stage (ada), ==, "New");
    g_assert_cmpstr (liaison_contact_get_email (ada), ==, "ada@example.com");
    g_assert_cmpstr (liaison_contact_get_tags (ada)[0], ==, "red");
  }

  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), "eve");
  wait_for_n (f, 1);
}


static gboolean
file_written (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && g_str_has_suffix (contents, "\r\n");
}

/* Export writes the listed contacts (here: the "New" stage) as CSV. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (liaison_gui_test_no_display ())
    return;

  g_assert_true (gtk_widget_activate_action (f->page, "contacts.filter-stage", "s", "New"));
  wait_for_n (f, 2);
  liaison_contacts_page_export_to_file (LIAISON_CONTACTS_PAGE (f->page), file);
  g_assert_true (liaison_gui_test_wait_until (file_written, path, 10000));

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  rows = liaison_csv_parse (contents, -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[0], ==, "Ada Archer");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[0], ==, "Carol Cole");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[5], ==, "+12035550103");
}

static const char *
visible_error_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_widget_has_css_class (widget, "error") &&
      *gtk_label_get_label (GTK_LABEL (widget)) != '\0')
    return gtk_label_get_label (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = visible_error_text (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  gint64 id;
} Saved;

static void
saved_cb (LiaisonContactEditor *editor,
          gint64                id,
          Saved                *saved)
{
  saved->id = id;
}

static gboolean
saved_set (gpointer data)
{
  return ((Saved *) data)->id != 0;
}

/* The editor checks numbers as they are typed and saves to the store. */
static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  LiaisonContactEditor *editor;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonContact) stored = NULL;
  Saved saved = { 0 };
  GtkWidget *save_button;

  if (liaison_gui_test_no_display ())
    return;

  editor = LIAISON_CONTACT_EDITOR (liaison_contact_editor_new (f->store, NULL));
  g_object_ref_sink (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  save_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           LIAISON_TYPE_CONTACT_EDITOR,
                                                           "save_button"));

  /* Empty: nothing to save. */
  g_assert_false (liaison_contact_editor_is_valid (editor));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                    LIAISON_TYPE_CONTACT_EDITOR,
                                                                    "first_name_row")), "Fay");
  liaison_contact_editor_add_phone (editor, "12", "mobile");
  g_assert_false (liaison_contact_editor_is_valid (editor));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  liaison_contact_editor_add_phone (editor, "(203) 555-0177", "work");
  g_assert_false (liaison_contact_editor_is_valid (editor));

  /* The libphonenumber reason shows under the bad number. */
  {
    GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                  LIAISON_TYPE_CONTACT_EDITOR,
                                                                  "phones_group"));
    const char *message = visible_error_text (group);

    g_assert_nonnull (message);
    g_test_message ("Number error: %s", message);
    g_assert_cmpuint (strlen (message), >, 5);
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_object (&editor);

  /* A fresh editor with a good number only. */
  editor = LIAISON_CONTACT_EDITOR (liaison_contact_editor_new (f->store, NULL));
  g_object_ref_sink (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                    LIAISON_TYPE_CONTACT_EDITOR,
                                                                    "first_name_row")), "Fay");
  liaison_contact_editor_add_phone (editor, "(203) 555-0177", "work");
  g_assert_true (liaison_contact_editor_is_valid (editor));
  liaison_contact_editor_save (editor);
  g_assert_true (liaison_gui_test_wait_until (saved_set, &saved, 10000));
  g_clear_object (&editor);

  liaison_store_get_contact_details_async (f->store, saved.id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  stored = liaison_store_get_contact_details_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_display_name (stored), ==, "Fay");
  g_assert_cmpstr (liaison_contact_get_primary_phone (stored), ==, "+12035550177");
}

/* The consent buttons of the card */

static AdwMessageDialog *
open_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

typedef struct
{
  Fixture    *f;
  const char *e164;
  const char *event;
  const char *channel;
} ConsentWait;

static gboolean
consent_is (gpointer data)
{
  ConsentWait *wait = data;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  liaison_consent_ledger_get_state_async (wait->f->store, wait->e164, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  liaison_consent_ledger_get_state_finish (wait->f->store, result, &event, &error);
  g_assert_no_error (error);

  return event != NULL && g_strcmp0 (liaison_consent_event_get_event (event), wait->event) == 0 &&
         g_strcmp0 (liaison_consent_event_get_channel (event), wait->channel) == 0 &&
         g_strcmp0 (liaison_consent_event_get_source (event), "manual") == 0;
}

static gboolean
card_badge_is (gpointer data)
{
  StageWait *wait = data;
  LiaisonContactCard *card = LIAISON_CONTACT_CARD (page_child (wait->f, "card"));
  GObject *badge = gtk_widget_get_template_child (GTK_WIDGET (card), LIAISON_TYPE_CONTACT_CARD,
                                                  "opted_out_badge");
  GObject *deadline = gtk_widget_get_template_child (GTK_WIDGET (card), LIAISON_TYPE_CONTACT_CARD,
                                                     "deadline_row");

  /* wait->stage: "out" (badge and deadline shown) or "in" (neither). */
  if (g_strcmp0 (wait->stage, "out") == 0)
    return gtk_widget_get_visible (GTK_WIDGET (badge)) && gtk_widget_get_visible (GTK_WIDGET (deadline))
           && adw_action_row_get_subtitle (ADW_ACTION_ROW (deadline)) != NULL
           && *adw_action_row_get_subtitle (ADW_ACTION_ROW (deadline)) != '\0';

  return !gtk_widget_get_visible (GTK_WIDGET (badge)) && !gtk_widget_get_visible (GTK_WIDGET (deadline));
}

/* A revocation by email recorded from the card: the ledger has it with its
 * channel, the card shows the badge and the deadline to honour it; then an
 * opt-in with how consent was obtained lifts it. */
static void
test_card_consent (Fixture       *f,
                   gconstpointer  data)
{
  StageWait wait = { f, 0, NULL };
  ConsentWait consent = { f, "+12035550102", "opt-out", "email" };
  LiaisonContactCard *card;
  AdwMessageDialog *dialog;
  GtkEditable *note;

  if (liaison_gui_test_no_display ())
    return;

  wait_for_n (f, 4);
  liaison_contacts_page_show_contact (LIAISON_CONTACTS_PAGE (f->page), f->bob);
  wait.id = f->bob;
  g_assert_true (liaison_gui_test_wait_until (card_shows, &wait, 10000));
  card = LIAISON_CONTACT_CARD (page_child (f, "card"));

  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (card), LIAISON_TYPE_CONTACT_CARD,
                                                        "revoke_button"), "clicked");
  dialog = open_dialog ();
  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "channels")), 1);
  adw_message_dialog_response (dialog, "record");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (liaison_gui_test_wait_until (consent_is, &consent, 10000));
  wait.stage = "out";
  g_assert_true (liaison_gui_test_wait_until (card_badge_is, &wait, 10000));

  /* The opt-in needs to say how consent was obtained. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (card), LIAISON_TYPE_CONTACT_CARD,
                                                        "opt_in_button"), "clicked");
  dialog = open_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  note = GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "note"));
  gtk_editable_set_text (note, "Signed the texting consent form");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "channels")), 3);
  adw_message_dialog_response (dialog, "record");
  gtk_window_destroy (GTK_WINDOW (dialog));

  consent.event = "opt-in";
  consent.channel = "written";
  g_assert_true (liaison_gui_test_wait_until (consent_is, &consent, 10000));
  wait.stage = "in";
  g_assert_true (liaison_gui_test_wait_until (card_badge_is, &wait, 10000));
}

/* The list loads the next page when scrolled near its end. */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_import_record_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  GListModel *model;
  GtkAdjustment *adjustment;

  if (liaison_gui_test_no_display ())
    return;

  for (guint i = 0; i < 130; i++)
    {
      LiaisonImportRecord *record = liaison_import_record_new ();

      record->display_name = g_strdup_printf ("Paged %03u", i);
      record->source_row = i + 1;
      g_ptr_array_add (records, record);
    }
  liaison_store_import_contacts_async (f->store, records, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  results = liaison_store_import_contacts_finish (f->store, result, &error);
  g_assert_no_error (error);

  model = liaison_contacts_page_get_model (LIAISON_CONTACTS_PAGE (f->page));
  g_assert_true (gtk_widget_activate_action (f->page, "contacts.sort", "s", "created"));
  /* A first page (a window's worth), not everything. */
  g_assert_true (liaison_gui_test_wait_until (first_page_loaded, model, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 134);
  g_assert_false (liaison_contact_list_model_get_complete (LIAISON_CONTACT_LIST_MODEL (model)));

  /* Scroll to the end, twice: every contact gets loaded, once. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page_child (f, "list_view")));
  for (guint round = 0; round < 20 && g_list_model_get_n_items (model) < 134; round++)
    {
      liaison_gui_test_wait_frame (f->window);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      liaison_gui_test_wait_frame (f->window);
    }
  wait_for_n (f, 134);

  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(LiaisonContact) contact = g_list_model_get_item (model, i);
        gint64 *id = g_new (gint64, 1);

        *id = liaison_contact_get_id (contact);
        g_assert_false (g_hash_table_contains (seen, id));
        g_hash_table_add (seen, id);
      }
  }
}

static gboolean
app_store_ready (gpointer data)
{
  return liaison_application_get_store_state (app) != LIAISON_STORE_STATE_OPENING;
}

typedef struct
{
  GtkWidget *page;
  gint64     id;
} WindowCardWait;

static gboolean
window_card_shows (gpointer data)
{
  WindowCardWait *wait = data;
  GObject *card = gtk_widget_get_template_child (wait->page, LIAISON_TYPE_CONTACTS_PAGE, "card");
  LiaisonContact *contact = liaison_contact_card_get_contact (LIAISON_CONTACT_CARD (card));

  return contact != NULL && liaison_contact_get_id (contact) == wait->id;
}

/* win.show-contact switches to the contacts page and opens the card. */
static void
test_window_show_contact (void)
{
  LiaisonWindow *window;
  WindowCardWait wait = { NULL, 0 };

  if (liaison_gui_test_no_display ())
    return;

  /* The window starts the application's background work (the store). */
  window = liaison_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  liaison_gui_test_show_main (window);

  g_assert_true (liaison_gui_test_wait_until (app_store_ready, NULL, 10000));
  g_assert_cmpint (liaison_application_get_store_state (app), ==, LIAISON_STORE_STATE_READY);
  wait.id = save_contact (liaison_application_get_store (app), "Wendy Window", "New", "client",
                          "+12035550188");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-contact", "x", wait.id));
  g_assert_cmpstr (liaison_window_get_page (window), ==, "contacts");
  wait.page = liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_CONTACTS_PAGE);
  g_assert_nonnull (wait.page);
  g_assert_true (liaison_gui_test_wait_until (window_card_shows, &wait, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (liaison_gui_test_init (&argc, &argv))
    app = liaison_gui_test_application_new ("test-gui-contacts");

#define ADD(path, func) \
  g_test_add ("/Liaison/GuiContacts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("list-search-filter", test_list_search_filter);
  ADD ("card-and-badges", test_card_and_badges);
  ADD ("card-consent", test_card_consent);
  ADD ("move-to-stage", test_move_to_stage);
  ADD ("copy-number", test_copy_number);
  ADD ("import-dialog", test_import_dialog);
  ADD ("export", test_export);
  ADD ("editor", test_editor);
  ADD ("paging", test_paging);
  g_test_add_func ("/Liaison/GuiContacts/window-show-contact", test_window_show_contact);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
