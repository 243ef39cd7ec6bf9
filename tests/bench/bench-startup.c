/* bench-startup.c: app start to first frame, with the benchmark store
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates (or reuses) the 1,000,000-message store of bench-store, then
 * launches the real `liaison` binary on it several times with
 * LIAISON_BENCH_FIRST_FRAME=1; the app prints the time from process start to
 * its first painted frame and its resident memory, then quits. Needs a display
 * (build-aux/dev bench runs it under Xvfb). Measured with the renderer the
 * app chooses (without a GPU, as on CI: cairo, GL not loaded) and with
 * GSK_RENDERER=cairo set by hand (GTK still loads GL at display open).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-test-utils.h"

#define RUNS 7
#define TARGET_FIRST_FRAME_MS 500.0
#define TARGET_RSS_MB 120.0

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
value_of (const char *output,
          const char *key)
{
  const char *p = output ? strstr (output, key) : NULL;

  if (p == NULL)
    return -1;
  return g_ascii_strtod (p + strlen (key), NULL);
}

static gboolean
measure (const char *app,
         const char *data_dir,
         const char *renderer)
{
  double frame_ms[RUNS], rss_mb[RUNS], hwm_mb[RUNS];
  g_autofree char *label = NULL;

  for (guint i = 0; i < RUNS + 1; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto(GStrv) envp = g_get_environ ();
      const char *app_argv[] = { app, NULL };
      int status = 0;

      envp = g_environ_setenv (envp, "LIAISON_DATA_DIR", data_dir, TRUE);
      envp = g_environ_setenv (envp, "LIAISON_BENCH_FIRST_FRAME", "1", TRUE);
      if (renderer != NULL)
        envp = g_environ_setenv (envp, "GSK_RENDERER", renderer, TRUE);
      else
        envp = g_environ_unsetenv (envp, "GSK_RENDERER");

      if (!g_spawn_sync (NULL, (char **) app_argv, envp, G_SPAWN_DEFAULT,
                         NULL, NULL, &out, &err, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("liaison failed: %s\n%s\n", error->message, err ? err : "");
          return FALSE;
        }

      if (value_of (out, "liaison-first-frame-ms=") < 0)
        {
          g_printerr ("liaison printed no first-frame figure:\n%s\n%s\n", out, err);
          return FALSE;
        }

      /* The first run warms the page cache and the font cache; not counted. */
      if (i == 0)
        continue;

      frame_ms[i - 1] = value_of (out, "liaison-first-frame-ms=");
      rss_mb[i - 1] = value_of (out, "liaison-rss-kb=") / 1024.0;
      hwm_mb[i - 1] = value_of (out, "liaison-hwm-kb=") / 1024.0;
    }

  /* The app's choice (cairo and no GL without a GPU), or a renderer set by
   * hand, which the app obeys (GTK then loads GL as it opens the display). */
  label = renderer != NULL ? g_strdup_printf ("GSK_RENDERER=%s set", renderer)
                           : g_strdup ("the app's choice");

  qsort (frame_ms, RUNS, sizeof (double), compare_doubles);
  qsort (rss_mb, RUNS, sizeof (double), compare_doubles);
  qsort (hwm_mb, RUNS, sizeof (double), compare_doubles);

  printf ("start-to-first-frame (%s): median %.1f ms, max %.1f ms over %d runs "
          "(target <= %.0f ms) %s\n",
          label, frame_ms[RUNS / 2], frame_ms[RUNS - 1], RUNS,
          TARGET_FIRST_FRAME_MS, frame_ms[RUNS / 2] <= TARGET_FIRST_FRAME_MS ? "PASS" : "MISS");
  printf ("resident memory at first frame (%s): median %.1f MB, peak %.1f MB "
          "(target <= %.0f MB) %s\n",
          label, rss_mb[RUNS / 2], hwm_mb[RUNS - 1], TARGET_RSS_MB,
          hwm_mb[RUNS - 1] <= TARGET_RSS_MB ? "PASS" : "MISS");
  fflush (stdout);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("LIAISON_APP");
  const char *generator = g_getenv ("LIAISON_BENCH_STORE");
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  const char *renderers[] = { NULL, "cairo" };
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (app == NULL || generator == NULL || builddir == NULL)
    {
      g_printerr ("LIAISON_APP, LIAISON_BENCH_STORE and G_TEST_BUILDDIR must be set (meson does).\n");
      return 1;
    }

  /* The same file bench-store measures. */
  data_dir = g_build_filename (builddir, "bench-data", NULL);
  db_path = g_build_filename (data_dir, "liaison.db", NULL);

  {
    const char *gen_argv[] = { generator, "--generate-only", db_path, NULL };

    if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                       NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("Could not generate the benchmark store: %s\n", error->message);
        return 1;
      }
  }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run it through build-aux/dev bench (Xvfb).\n");
      return 1;
    }

  printf ("# app start to first frame on %s\n", db_path);
  for (guint r = 0; r < G_N_ELEMENTS (renderers); r++)
    {
      if (!measure (app, data_dir, renderers[r]))
        return 1;
    }

  return 0;
}
