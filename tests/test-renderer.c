/* test-renderer.c: drawing with cairo, and not loading GL, without a GPU
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "liaison-renderer.h"
#include "liaison-test-utils.h"
#include "test-gui-utils.h"

/* A /dev with the given nodes (files stand in for device nodes). */
static char *
make_dev (const char * const *nodes)
{
  char *dev = liaison_test_mkdtemp ();

  for (guint i = 0; nodes != NULL && nodes[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dev, nodes[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, "", 0, NULL));
    }

  return dev;
}

static gboolean
gpu_present_with (const char * const *nodes)
{
  g_autofree char *dev = make_dev (nodes);
  gboolean present = liaison_renderer_gpu_present (dev);

  liaison_test_rmdir (dev);
  return present;
}

static void
test_gpu_present (void)
{
  const char * const none[] = { NULL };
  const char * const by_path[] = { "dri/by-path/platform-simple-framebuffer", "fb0", NULL };
  const char * const render[] = { "dri/renderD128", NULL };
  const char * const card[] = { "dri/card0", NULL };
  const char * const nvidia[] = { "nvidia0", "nvidiactl", NULL };

  g_assert_false (gpu_present_with (none));
  g_assert_false (gpu_present_with (by_path));
  g_assert_true (gpu_present_with (render));
  g_assert_true (gpu_present_with (card));
  g_assert_true (gpu_present_with (nvidia));
  g_assert_false (liaison_renderer_gpu_present ("/nonexistent-dev"));
}

/* In a subprocess: what the early choice leaves in the environment. */
static void
early_child (const char * const *nodes,
             const char         *gdk_debug,
             const char         *gsk_renderer)
{
  g_autofree char *dev = make_dev (nodes);
  gboolean chosen;

  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  if (gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", gdk_debug, TRUE);
  if (gsk_renderer != NULL)
    g_setenv ("GSK_RENDERER", gsk_renderer, TRUE);

  chosen = liaison_renderer_choose_early (dev);
  g_print ("chosen=%d GSK_RENDERER=%s GDK_DEBUG=%s\n", chosen,
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(unset)",
           g_getenv ("GDK_DEBUG") ? g_getenv ("GDK_DEBUG") : "(unset)");
  liaison_test_rmdir (dev);
}

static void
test_early_child_no_gpu (void)
{
  const char * const none[] = { NULL };

  early_child (none, NULL, NULL);
}

static void
test_early_child_debug_kept (void)
{
  const char * const none[] = { NULL };

  early_child (none, "events", NULL);
}

static void
test_early_child_preset (void)
{
  const char * const none[] = { NULL };

  early_child (none, NULL, "gl");
}

static void
test_early_child_gpu (void)
{
  const char * const render[] = { "dri/renderD128", NULL };

  early_child (render, NULL, NULL);
}

static void
test_early (void)
{
  /* GTK 4.14 and later choose by themselves: nothing is set. */
  const gboolean chooses = gtk_get_major_version () == 4 && gtk_get_minor_version () < 14;

  g_test_trap_subprocess ("/Liaison/Renderer/early/subprocess/no-gpu", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (chooses)
    g_test_trap_assert_stdout ("*chosen=1 GSK_RENDERER=cairo GDK_DEBUG=gl-disable\n*");
  else
    g_test_trap_assert_stdout ("*chosen=0 GSK_RENDERER=(unset) GDK_DEBUG=(unset)\n*");

  /* Other GDK_DEBUG keys are kept. */
  g_test_trap_subprocess ("/Liaison/Renderer/early/subprocess/debug-kept", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (chooses)
    g_test_trap_assert_stdout ("*chosen=1 GSK_RENDERER=cairo GDK_DEBUG=events,gl-disable\n*");

  /* A renderer named by the person is obeyed, GL left alone. */
  g_test_trap_subprocess ("/Liaison/Renderer/early/subprocess/preset", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*chosen=0 GSK_RENDERER=gl GDK_DEBUG=(unset)\n*");

  /* A GPU: decided later, by asking GL. */
  g_test_trap_subprocess ("/Liaison/Renderer/early/subprocess/gpu", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*chosen=0 GSK_RENDERER=(unset) GDK_DEBUG=(unset)\n*");
}

/* The real app, started as a person would, up to its first frame: on this
 * machine's hardware, what it draws with and whether Mesa got loaded. */
static void
test_app (void)
{
  const char *exe = g_getenv ("LIAISON_APP");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *data_dir = NULL;
  gboolean gpu = liaison_renderer_gpu_present ("/dev");

  if (liaison_gui_test_no_display ())
    return;

  g_assert_nonnull (exe);
  data_dir = liaison_test_mkdtemp ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  g_subprocess_launcher_unsetenv (launcher, "GDK_DEBUG");
  g_subprocess_launcher_setenv (launcher, "LIAISON_DATA_DIR", data_dir, TRUE);
  /* The system's icon theme and MIME data (the test's own are isolated). */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_subprocess_launcher_setenv (launcher, "LIAISON_BENCH_FIRST_FRAME", "1", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_test_message ("GPU node: %s; the app printed:\n%s", gpu ? "yes" : "no", out);

  g_assert_nonnull (strstr (out, "liaison-first-frame-ms="));
  g_assert_nonnull (strstr (out, "liaison-gsk-renderer=Gsk"));
  if (!gpu && gtk_get_minor_version () < 14)
    {
      /* Without a GPU: cairo, and no Mesa driver (nor its libLLVM) mapped. */
      g_assert_nonnull (strstr (out, "liaison-gsk-renderer=GskCairoRenderer\n"));
      g_assert_nonnull (strstr (out, "liaison-mesa-loaded=0\n"));
    }

  liaison_test_rmdir (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  liaison_gui_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Renderer/gpu-present", test_gpu_present);
  g_test_add_func ("/Liaison/Renderer/early", test_early);
  g_test_add_func ("/Liaison/Renderer/early/subprocess/no-gpu", test_early_child_no_gpu);
  g_test_add_func ("/Liaison/Renderer/early/subprocess/debug-kept", test_early_child_debug_kept);
  g_test_add_func ("/Liaison/Renderer/early/subprocess/preset", test_early_child_preset);
  g_test_add_func ("/Liaison/Renderer/early/subprocess/gpu", test_early_child_gpu);
  g_test_add_func ("/Liaison/Renderer/app", test_app);

  return g_test_run ();
}
