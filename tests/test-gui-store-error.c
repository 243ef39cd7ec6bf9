/* test-gui-store-error.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-store-error"

#include "config.h"

#include "liaison-application.h"
#include "liaison-paths.h"
#include "liaison-test-utils.h"
#include "liaison-window.h"
#include "test-gui-utils.h"

#include <string.h>

static LiaisonApplication *app;
static GBytes *garbage;

static gboolean
view_is_error (gpointer data)
{
  return g_strcmp0 (liaison_window_get_view (data), "error") == 0;
}

static GtkWidget *
template_child (LiaisonWindow *window,
                const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* A liaison.db of garbage: the window explains, and the file stays as it was. */
static void
test_corrupt_database (void)
{
  g_autofree char *db_path = liaison_paths_get_database_path ();
  g_autofree char *contents = NULL;
  g_autofree char *shot = NULL;
  const GError *error;
  LiaisonWindow *window;
  AdwStatusPage *status;
  GtkWidget *open_button;
  GtkWidget *quit_button;
  gsize length = 0;

  if (liaison_gui_test_no_display ())
    return;

  window = liaison_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  g_assert_true (liaison_gui_test_wait_until (view_is_error, window, 30000));

  g_assert_cmpint (liaison_application_get_store_state (app), ==, LIAISON_STORE_STATE_FAILED);
  error = liaison_application_get_store_error (app);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  g_test_message ("Store error: %s", error->message);

  /* The page shows the store's message, the file and the two ways out. */
  status = ADW_STATUS_PAGE (template_child (window, "error_status_page"));
  g_assert_cmpstr (adw_status_page_get_title (status), !=, "");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), error->message));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (window, "error_path_label"))),
                   ==, db_path);
  open_button = template_child (window, "open_data_folder_button");
  quit_button = template_child (window, "quit_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open_button)), ==,
                   "win.open-data-folder");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (quit_button)), ==, "app.quit");
  g_assert_true (gtk_widget_is_sensitive (open_button));
  g_assert_true (gtk_widget_is_sensitive (quit_button));

  liaison_gui_test_wait_view_settled (window);
  shot = liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-store-error.png");

  /* Missing credentials never hide the error behind the welcome page. */
  liaison_gui_test_wait_credentials (app);
  g_assert_cmpstr (liaison_window_get_view (window), ==, "error");

  /* Untouched, byte for byte. */
  g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length,
                   g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GBytes *
make_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  GByteArray *bytes = g_byte_array_new ();
  const char *text = "This is not a database. ";

  for (guint i = 0; i < 64; i++)
    g_byte_array_append (bytes, (const guint8 *) text, strlen (text));
  for (guint i = 0; i < 8192; i++)
    {
      guint8 byte = (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (bytes, &byte, 1);
    }

  return g_byte_array_free_to_bytes (bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  liaison_gui_test_init (&argc, &argv);

  /* Before anything reads LIAISON_DATA_DIR. */
  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);
  db_path = g_build_filename (data_dir, "liaison.db", NULL);
  garbage = make_garbage ();
  g_file_set_contents (db_path, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage), &error);
  g_assert_no_error (error);

  if (gdk_display_get_default () != NULL)
    app = liaison_gui_test_application_new ("test-store-error");

  g_test_add_func ("/Liaison/Window/store-error", test_corrupt_database);

  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&garbage, g_bytes_unref);
  liaison_test_rmdir (data_dir);

  return ret;
}
