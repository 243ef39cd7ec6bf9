/* test-gui-utils.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-utils"

#include "config.h"

#include "test-gui-utils.h"
#include "liaison-test-utils.h"
#include "liaison-welcome-page.h"

#include <unistd.h>

static gboolean display_ok;

/* The system data folders as they were before g_test_init() isolated them. */
static char **
get_real_data_dirs (void)
{
  const char *dirs = g_getenv ("XDG_DATA_DIRS");

  if (dirs == NULL || *dirs == '\0')
    dirs = "/usr/local/share/:/usr/share/";

  return g_strsplit (dirs, ":", -1);
}

gboolean
liaison_gui_test_init (int    *argc,
                       char ***argv)
{
  g_auto(GStrv) data_dirs = get_real_data_dirs ();
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  liaison_test_init (argc, argv);

  for (guint i = 0; data_dirs[i] != NULL; i++)
    if (*data_dirs[i] != '\0')
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  /* G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_DIRS at an empty folder, which
   * hides the icon theme and the MIME database (needed to recognise SVG
   * icons). Both are read-only system data: use the real ones. */
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  display_ok = gtk_init_check ();
  if (display_ok)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

      adw_init ();

      for (guint i = 0; data_dirs[i] != NULL; i++)
        {
          g_autofree char *icons = g_build_filename (data_dirs[i], "icons", NULL);

          if (*data_dirs[i] != '\0')
            gtk_icon_theme_add_search_path (theme, icons);
        }
    }

  return display_ok;
}

gboolean
liaison_gui_test_no_display (void)
{
  if (display_ok)
    return FALSE;

  return liaison_test_missing ("LIAISON_REQUIRE_DISPLAY", "No display (run under xvfb-run)");
}

LiaisonApplication *
liaison_gui_test_application_new (const char *profile_prefix)
{
  g_autofree char *profile = g_strdup_printf ("%s-%d", profile_prefix, (int) getpid ());
  g_autoptr(GError) error = NULL;
  LiaisonApplication *application;

  application = g_object_new (LIAISON_TYPE_APPLICATION,
                              "application-id", APPLICATION_ID,
                              "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                              "resource-base-path", RESOURCE_BASE_PATH,
                              "secret-profile", profile,
                              NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
liaison_gui_test_wait_until (LiaisonGuiTestCondition condition,
                             gpointer                data,
                             guint                   timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);
  gboolean holds;

  while (!(holds = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return holds;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

void
liaison_gui_test_wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  g_assert_true (liaison_gui_test_wait_until (is_mapped, window, 10000));

  clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  g_assert_true (liaison_gui_test_wait_until (flag_is_set, &painted, 10000));
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
squeezers_settled (gpointer data)
{
  GtkWidget *widget = data;

  if (ADW_IS_SQUEEZER (widget) && adw_squeezer_get_transition_running (ADW_SQUEEZER (widget)))
    return FALSE;
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!squeezers_settled (child))
      return FALSE;

  return TRUE;
}

void
liaison_gui_test_wait_layout (GtkWidget *window)
{
  liaison_gui_test_wait_frame (window);
  g_assert_true (liaison_gui_test_wait_until (squeezers_settled, window, 10000));
  liaison_gui_test_wait_frame (window);
}

static gboolean
credentials_known (gpointer data)
{
  return liaison_application_get_credentials_state (data) != LIAISON_CREDENTIALS_STATE_LOADING;
}

void
liaison_gui_test_wait_credentials (LiaisonApplication *application)
{
  /* The first D-Bus activation of the keyring can take a while. */
  g_assert_true (liaison_gui_test_wait_until (credentials_known, application, 60000));
}

void
liaison_gui_test_show_main (LiaisonWindow *window)
{
  LiaisonApplication *application = LIAISON_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  liaison_gui_test_wait_credentials (application);

  if (g_strcmp0 (liaison_window_get_view (window), "welcome") == 0)
    {
      GtkWidget *welcome = liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_WELCOME_PAGE);
      GObject *later;

      g_assert_nonnull (welcome);
      later = gtk_widget_get_template_child (welcome, LIAISON_TYPE_WELCOME_PAGE, "later_button");
      g_assert_true (GTK_IS_BUTTON (later));
      g_signal_emit_by_name (later, "clicked");
    }

  g_assert_cmpstr (liaison_window_get_view (window), ==, "main");
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

void
liaison_gui_test_wait_view_settled (LiaisonWindow *window)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, "top_stack");

  g_assert_true (GTK_IS_STACK (stack));
  g_assert_true (liaison_gui_test_wait_until (stack_settled, stack, 10000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
}

char *
liaison_gui_test_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* Nothing drawn yet (a page that just changed, on a loaded machine): the
   * next frames will have it. */
  for (guint i = 0; node == NULL && i < 10; i++)
    {
      liaison_gui_test_wait_frame (GTK_WIDGET (gtk_widget_get_root (widget)));
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  return path;
}

GtkWidget *
liaison_gui_test_find_child (GtkWidget *widget,
                             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = liaison_gui_test_find_child (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

guint
liaison_gui_test_count_children (GtkWidget *widget,
                                 GType      type)
{
  guint count = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += liaison_gui_test_count_children (child, type);

  return count;
}
