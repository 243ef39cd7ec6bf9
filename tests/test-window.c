/* test-window.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "liaison-about.h"
#include "liaison-account-form.h"
#include "liaison-application.h"
#include "liaison-test-utils.h"
#include "liaison-welcome-page.h"
#include "liaison-window.h"
#include "test-gui-utils.h"

#include <string.h>

static LiaisonApplication *app;

/* The page widget types, in sidebar order. */
static const char * const page_types[] = {
  "LiaisonInboxPage",
  "LiaisonContactsPage",
  "LiaisonCallsPage",
  "LiaisonVoicemailPage",
  "LiaisonNumbersPage",
  "LiaisonCampaignsPage",
  "LiaisonAnalyticsPage",
};

static GtkWidget *
template_child (LiaisonWindow *window,
                const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static LiaisonWindow *
open_window (int width,
             int height)
{
  LiaisonWindow *window = liaison_window_new (app);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  return window;
}

typedef struct
{
  AdwLeaflet *leaflet;
  gboolean    folded;
} FoldWait;

static gboolean
fold_reached (gpointer data)
{
  FoldWait *wait = data;

  return adw_leaflet_get_folded (wait->leaflet) == wait->folded &&
         !adw_leaflet_get_child_transition_running (wait->leaflet);
}

static void
wait_folded (AdwLeaflet *leaflet,
             gboolean    folded)
{
  FoldWait wait = { leaflet, folded };

  g_assert_true (liaison_gui_test_wait_until (fold_reached, &wait, 10000));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
leaflet_settled (gpointer data)
{
  return !adw_leaflet_get_child_transition_running (ADW_LEAFLET (data));
}

/* First run: no credentials in the keyring, so the window offers the welcome
 * page, after showing the main view at once. */
static void
test_welcome (void)
{
  LiaisonWindow *window;
  GtkWidget *welcome;
  GObject *later;
  g_autofree char *shot = NULL;

  if (liaison_gui_test_no_display ())
    return;

  window = liaison_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  liaison_gui_test_wait_credentials (app);

  if (liaison_application_get_credentials_state (app) == LIAISON_CREDENTIALS_STATE_UNAVAILABLE)
    {
      const GError *error = liaison_application_get_credentials_error (app);

      GObject *label;
      GObject *box;

      /* The reason is shown on the welcome page. */
      g_assert_cmpstr (liaison_window_get_view (window), ==, "welcome");
      g_assert_nonnull (error);
      g_test_message ("Keyring: %s", error->message);
      label = gtk_widget_get_template_child (template_child (window, "welcome_page"),
                                             LIAISON_TYPE_WELCOME_PAGE, "keyring_error_label");
      box = gtk_widget_get_template_child (template_child (window, "welcome_page"),
                                           LIAISON_TYPE_WELCOME_PAGE, "keyring_error_box");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (box)));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, error->message);
      liaison_gui_test_wait_view_settled (window);
      g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-welcome-no-keyring.png"));
      gtk_window_destroy (GTK_WINDOW (window));
      liaison_test_missing ("LIAISON_REQUIRE_KEYRING", "No Secret Service (run inside dbus-run-session with gnome-keyring)");
      liaison_gui_test_show_main (liaison_window_new (app));
      return;
    }

  g_assert_cmpint (liaison_application_get_credentials_state (app), ==, LIAISON_CREDENTIALS_STATE_MISSING);
  g_assert_null (liaison_application_get_account_sid (app));
  g_assert_cmpstr (liaison_window_get_view (window), ==, "welcome");

  liaison_gui_test_wait_view_settled (window);
  shot = liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-welcome.png");

  welcome = template_child (window, "welcome_page");
  later = gtk_widget_get_template_child (welcome, LIAISON_TYPE_WELCOME_PAGE, "later_button");
  g_assert_true (GTK_IS_BUTTON (later));
  g_signal_emit_by_name (later, "clicked");

  g_assert_cmpstr (liaison_window_get_view (window), ==, "main");
  g_assert_true (liaison_application_get_setup_postponed (app));

  gtk_window_destroy (GTK_WINDOW (window));

  /* Postponed for this session: a new window goes straight to main. */
  window = liaison_window_new (app);
  g_assert_cmpstr (liaison_window_get_view (window), ==, "main");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
view_is_main (gpointer data)
{
  return g_strcmp0 (liaison_window_get_view (data), "main") == 0;
}

static gboolean
credentials_cleared (gpointer data)
{
  return liaison_application_get_credentials_state (app) == LIAISON_CREDENTIALS_STATE_MISSING;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  liaison_secret_store_clear_twilio_finish (LIAISON_SECRET_STORE (object), result, &error);
  g_assert_no_error (error);
  liaison_application_forget_credentials (app);
}

/* First run, the whole way: Verify & Continue against liaison-sim over HTTP,
 * saved to the real keyring, then the main view with a toast. */
static void
test_welcome_verify (void)
{
  g_autoptr(LiaisonTestSim) sim = NULL;
  g_autofree char *old_api_base = NULL;
  LiaisonTwilioClient *client;
  LiaisonWindow *window;
  GtkWidget *welcome;
  GtkWidget *form;

  if (liaison_gui_test_no_display ())
    return;

  /* The main view shows at once; the keyring is read after the first frame. */
  window = liaison_window_new (app);
  g_assert_cmpint (liaison_application_get_credentials_state (app), ==, LIAISON_CREDENTIALS_STATE_LOADING);
  g_assert_cmpint (liaison_application_get_store_state (app), ==, LIAISON_STORE_STATE_OPENING);
  g_assert_cmpstr (liaison_window_get_view (window), ==, "main");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  liaison_gui_test_wait_credentials (app);
  if (liaison_application_get_credentials_state (app) == LIAISON_CREDENTIALS_STATE_UNAVAILABLE)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      liaison_test_missing ("LIAISON_REQUIRE_KEYRING", "No Secret Service (run inside dbus-run-session with gnome-keyring)");
      return;
    }
  g_assert_cmpstr (liaison_window_get_view (window), ==, "welcome");

  sim = liaison_test_sim_start (NULL);
  client = liaison_application_get_twilio_client (app);
  old_api_base = g_strdup (liaison_twilio_client_get_api_base (client));
  liaison_twilio_client_set_api_base (client, sim->url);

  welcome = template_child (window, "welcome_page");
  form = GTK_WIDGET (gtk_widget_get_template_child (welcome, LIAISON_TYPE_WELCOME_PAGE, "account_form"));
  g_assert_true (LIAISON_IS_ACCOUNT_FORM (form));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (form, LIAISON_TYPE_ACCOUNT_FORM, "account_sid_row")),
                         sim->account_sid);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (form, LIAISON_TYPE_ACCOUNT_FORM, "secret_row")),
                         sim->auth_token);
  g_signal_emit_by_name (gtk_widget_get_template_child (form, LIAISON_TYPE_ACCOUNT_FORM, "verify_button"), "clicked");

  g_assert_true (liaison_gui_test_wait_until (view_is_main, window, 30000));
  g_assert_cmpint (liaison_application_get_credentials_state (app), ==, LIAISON_CREDENTIALS_STATE_STORED);
  g_assert_cmpstr (liaison_application_get_account_sid (app), ==, sim->account_sid);
  g_assert_false (liaison_application_get_setup_postponed (app));

  liaison_gui_test_wait_view_settled (window);
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-connected.png"));

  /* Back to a first run for the next test. */
  liaison_secret_store_clear_twilio_async (liaison_application_get_secret_store (app), NULL, clear_cb, NULL);
  g_assert_true (liaison_gui_test_wait_until (credentials_cleared, NULL, 30000));
  liaison_twilio_client_set_api_base (client, old_api_base);

  /* Once on main, the window stays there. */
  g_assert_cmpstr (liaison_window_get_view (window), ==, "main");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_opens (void)
{
  LiaisonWindow *window;
  g_autofree char *shot = NULL;

  if (liaison_gui_test_no_display ())
    return;

  window = open_window (1280, 800);
  liaison_gui_test_show_main (window);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Liaison");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (template_child (window, "leaflet"))));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  shot = liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-main.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every page is reachable through win.show-page, which also selects its row. */
static void
test_pages (void)
{
  const char * const *names = liaison_window_get_page_names ();
  LiaisonWindow *window;
  GtkStack *content_stack;
  GtkListBox *sidebar;
  AdwWindowTitle *title;

  if (liaison_gui_test_no_display ())
    return;

  window = open_window (1280, 800);
  liaison_gui_test_show_main (window);
  content_stack = GTK_STACK (template_child (window, "content_stack"));
  sidebar = GTK_LIST_BOX (template_child (window, "sidebar_list"));
  title = ADW_WINDOW_TITLE (template_child (window, "content_title"));

  g_assert_cmpuint (g_strv_length ((char **) names), ==, G_N_ELEMENTS (page_types));

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *page;
      GtkWidget *status;
      GtkListBoxRow *row;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", names[i]));

      g_assert_cmpstr (liaison_window_get_page (window), ==, names[i]);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, names[i]);

      page = gtk_stack_get_visible_child (content_stack);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (page), ==, page_types[i]);

      row = gtk_list_box_get_selected_row (sidebar);
      g_assert_nonnull (row);
      g_assert_cmpint (gtk_list_box_row_get_index (row), ==, (int) i);

      g_assert_cmpstr (adw_window_title_get_title (title), !=, "");

      /* Each page explains, while empty, what will appear there. */
      status = liaison_gui_test_find_child (page, ADW_TYPE_STATUS_PAGE);
      g_assert_nonnull (status);
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), !=, "");
      g_assert_cmpuint (strlen (adw_status_page_get_description (ADW_STATUS_PAGE (status))), >, 20);
      g_assert_nonnull (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)));
    }

  /* Clicking a sidebar row does the same. */
  g_signal_emit_by_name (sidebar, "row-activated", gtk_list_box_get_row_at_index (sidebar, 1));
  g_assert_cmpstr (liaison_window_get_page (window), ==, "contacts");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "contacts");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels);
  if (!g_strv_contains ((const char * const *) accels, accel))
    g_error ("%s has no accelerator %s", action, accel);
}

static void
test_accels (void)
{
  const char * const *names = liaison_window_get_page_names ();
  LiaisonWindow *window;
  GtkWidget *overlay;

  if (liaison_gui_test_no_display ())
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page::%s", names[i]);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);

      assert_accel (action, accel);
    }

  assert_accel ("app.quit", "<Control>q");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("win.show-help-overlay", "<Control>question");

  /* The accelerators name actions the window really has. */
  window = open_window (1000, 700);
  liaison_gui_test_show_main (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "numbers"));
  g_assert_cmpstr (liaison_window_get_page (window), ==, "numbers");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));
  /* Outside the demo: it can be tried (welcome page, desktop file), not left. */
  g_assert_false (liaison_application_get_demo_mode (app));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "demo"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "leave-demo"));
  {
    GObject *demo_button = gtk_widget_get_template_child (template_child (window, "welcome_page"),
                                                          LIAISON_TYPE_WELCOME_PAGE, "demo_button");
    GObject *banner = gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW,
                                                     "demo_banner");

    g_assert_true (GTK_IS_BUTTON (demo_button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (demo_button)), ==, "app.demo");
    g_assert_true (GTK_IS_REVEALER (banner));
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
    /* Hidden, so its text is not measured either. */
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (banner)));
  }

  /* app.shortcuts shows the shortcuts window. */
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_true (liaison_gui_test_wait_until (widget_mapped, overlay, 10000));
  liaison_gui_test_wait_layout (overlay);
  g_free (liaison_gui_test_screenshot (overlay, "screenshot-shortcuts.png"));
  gtk_widget_set_visible (overlay, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_last_page (void)
{
  GSettings *settings;
  LiaisonWindow *window;
  g_autofree char *stored = NULL;

  if (liaison_gui_test_no_display ())
    return;

  settings = liaison_application_get_settings (app);

  window = open_window (1000, 700);
  liaison_gui_test_show_main (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "voicemail"));
  stored = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (stored, ==, "voicemail");
  gtk_window_close (GTK_WINDOW (window));

  window = open_window (1000, 700);
  g_assert_cmpstr (liaison_window_get_page (window), ==, "voicemail");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (window, "content_stack"))),
                   ==, "voicemail");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_saved (void)
{
  GSettings *settings;
  LiaisonWindow *window;
  int width, height;

  if (liaison_gui_test_no_display ())
    return;

  settings = liaison_application_get_settings (app);

  window = open_window (900, 650);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window starts at the saved size. */
  window = liaison_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  LiaisonWindow *window;
  AdwLeaflet *leaflet;
  GtkWidget *back_button;
  g_autofree char *shot_sidebar = NULL;
  g_autofree char *shot_content = NULL;

  if (liaison_gui_test_no_display ())
    return;

  window = open_window (360, 700);
  liaison_gui_test_show_main (window);
  leaflet = ADW_LEAFLET (template_child (window, "leaflet"));
  back_button = template_child (window, "back_button");

  /* Narrow: the sidebar comes first. */
  wait_folded (leaflet, TRUE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  shot_sidebar = liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-narrow-sidebar.png");

  /* Picking a page navigates to the content, with a back button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "calls"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (gtk_widget_get_visible (back_button));
  g_assert_true (liaison_gui_test_wait_until (leaflet_settled, leaflet, 10000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  shot_content = liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-narrow-content.png");

  /* Back returns to the sidebar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  g_assert_true (liaison_gui_test_wait_until (leaflet_settled, leaflet, 10000));

  /* Wide again: both panes, no back button. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  wait_folded (leaflet, FALSE);
  g_assert_false (gtk_widget_get_visible (back_button));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_wide (void)
{
  LiaisonWindow *window;
  AdwLeaflet *leaflet;

  if (liaison_gui_test_no_display ())
    return;

  window = open_window (1920, 1080);
  liaison_gui_test_show_main (window);
  leaflet = ADW_LEAFLET (template_child (window, "leaflet"));

  wait_folded (leaflet, FALSE);
  g_assert_false (gtk_widget_get_visible (template_child (window, "back_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "analytics"));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_child_visible (template_child (window, "sidebar_box")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about (void)
{
  g_autoptr(GError) error = NULL;
  LiaisonWindow *window;
  GtkWidget *about;
  AdwAboutWindow *about_window;

  if (liaison_gui_test_no_display ())
    return;

  window = open_window (1000, 700);
  about = liaison_about_window_new (GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  about_window = ADW_ABOUT_WINDOW (about);

  g_assert_cmpstr (adw_about_window_get_application_name (about_window), ==, "Liaison");
  g_assert_cmpstr (adw_about_window_get_version (about_window), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about_window), ==, APPLICATION_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about_window), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_developer_name (about_window));
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about_window), "https://"));
  g_assert_true (g_str_has_prefix (adw_about_window_get_issue_url (about_window), "https://"));
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (about_window), "<p>"));
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about_window), "GTK"));
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about_window), "SQLite"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (about));
  liaison_gui_test_wait_layout (about);
  g_free (liaison_gui_test_screenshot (about, "screenshot-about.png"));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}

static const char metainfo_sample[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<component type=\"desktop-application\">\n"
  "  <id>org.example.Sample</id>\n"
  "  <name>Sample</name>\n"
  "  <name xml:lang=\"es\">Muestra</name>\n"
  "  <summary>Does   things\n   well</summary>\n"
  "  <developer><name>Sample People</name></developer>\n"
  "  <project_license>MIT</project_license>\n"
  "  <url type=\"homepage\">https://example.org</url>\n"
  "  <url type=\"bugtracker\">https://example.org/issues</url>\n"
  "  <releases>\n"
  "    <release version=\"2.1\" date=\"2026-01-02\">\n"
  "      <description>\n"
  "        <p>Fixes &amp; <em>more</em>.</p>\n"
  "        <p xml:lang=\"es\">Arreglos.</p>\n"
  "        <ul><li>One</li><li>Two</li></ul>\n"
  "      </description>\n"
  "    </release>\n"
  "    <release version=\"2.0\"><description><p>Old</p></description></release>\n"
  "  </releases>\n"
  "</component>\n";

static void
test_about_parse (void)
{
  g_autoptr(LiaisonAboutInfo) info = NULL;
  g_autoptr(LiaisonAboutInfo) broken = NULL;
  g_autoptr(LiaisonAboutInfo) empty = NULL;
  g_autoptr(GError) error = NULL;

  info = liaison_about_info_parse (metainfo_sample, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Sample");
  g_assert_cmpstr (info->summary, ==, "Does things well");
  g_assert_cmpstr (info->developer_name, ==, "Sample People");
  g_assert_cmpstr (info->license, ==, "MIT");
  g_assert_cmpstr (info->homepage, ==, "https://example.org");
  g_assert_cmpstr (info->issue_url, ==, "https://example.org/issues");
  g_assert_cmpstr (info->version, ==, "2.1");
  g_assert_cmpstr (info->release_notes, ==,
                   "<p>Fixes &amp; <em>more</em>.</p><ul><li>One</li><li>Two</li></ul>");

  /* Outside data: an error, never a crash. */
  broken = liaison_about_info_parse ("<component><name>Half", -1, &error);
  g_assert_null (broken);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  empty = liaison_about_info_parse ("<component/>", -1, &error);
  g_assert_null (empty);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int ret;

  liaison_gui_test_init (&argc, &argv);

  /* Before anything reads it. */
  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  if (gdk_display_get_default () != NULL)
    app = liaison_gui_test_application_new ("test-window");

  g_test_add_func ("/Liaison/Window/welcome-verify", test_welcome_verify);
  g_test_add_func ("/Liaison/Window/welcome", test_welcome);
  g_test_add_func ("/Liaison/Window/opens", test_opens);
  g_test_add_func ("/Liaison/Window/pages", test_pages);
  g_test_add_func ("/Liaison/Window/accels", test_accels);
  g_test_add_func ("/Liaison/Window/last-page", test_last_page);
  g_test_add_func ("/Liaison/Window/size-saved", test_window_size_saved);
  g_test_add_func ("/Liaison/Window/narrow", test_narrow);
  g_test_add_func ("/Liaison/Window/wide", test_wide);
  g_test_add_func ("/Liaison/Window/about", test_about);
  g_test_add_func ("/Liaison/About/parse", test_about_parse);

  ret = g_test_run ();

  g_clear_object (&app);
  liaison_test_rmdir (data_dir);

  return ret;
}
