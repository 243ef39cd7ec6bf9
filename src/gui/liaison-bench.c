/* liaison-bench.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include "liaison-bench.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static gint64 main_start_usec;

void
liaison_bench_mark_main_start (void)
{
  main_start_usec = g_get_monotonic_time ();
}

/* The process start time in seconds since boot: field 22 of /proc/self/stat,
 * in clock ticks. The command name (field 2) may contain spaces, so parse
 * after its closing parenthesis. */
static gboolean
read_process_start (double *start_seconds)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  long ticks_per_second;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return FALSE;

  after_name = strrchr (stat, ')');
  if (after_name == NULL || after_name[1] == '\0')
    return FALSE;

  /* Field 3 (state) is the first one after the name; field 22 is index 19. */
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return FALSE;

  ticks_per_second = sysconf (_SC_CLK_TCK);
  if (ticks_per_second <= 0)
    return FALSE;

  *start_seconds = g_ascii_strtod (fields[19], NULL) / (double) ticks_per_second;
  return TRUE;
}

double
liaison_bench_get_process_age_ms (void)
{
  struct timespec now;
  double start_seconds;

  /* /proc/self/stat counts from boot, as CLOCK_BOOTTIME does. */
  if (read_process_start (&start_seconds) && clock_gettime (CLOCK_BOOTTIME, &now) == 0)
    {
      double now_seconds = (double) now.tv_sec + (double) now.tv_nsec / 1e9;

      return (now_seconds - start_seconds) * 1000.0;
    }

  if (main_start_usec != 0)
    return (double) (g_get_monotonic_time () - main_start_usec) / 1000.0;

  return -1.0;
}

/* A "VmRSS:    1234 kB" line of /proc/self/status, in kB, or -1. */
static gint64
read_status_kb (const char *status,
                const char *key)
{
  const char *line;

  if (status == NULL)
    return -1;

  line = strstr (status, key);
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

/* Whether Mesa's drivers (its DRI drivers, llvmpipe's libLLVM) are mapped. */
static gboolean
mesa_loaded (void)
{
  g_autofree char *maps = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return FALSE;

  return strstr (maps, "_dri.so") != NULL || strstr (maps, "libLLVM") != NULL;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GtkWindow *window = GTK_WINDOW (user_data);
  g_autofree char *status = NULL;
  GtkApplication *application;
  double age_ms = liaison_bench_get_process_age_ms ();

  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);

  printf ("liaison-first-frame-ms=%.1f\n", age_ms);
  printf ("liaison-rss-kb=%" G_GINT64_FORMAT "\n", read_status_kb (status, "VmRSS:"));
  printf ("liaison-hwm-kb=%" G_GINT64_FORMAT "\n", read_status_kb (status, "VmHWM:"));
  printf ("liaison-gsk-renderer=%s\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  printf ("liaison-mesa-loaded=%d\n", mesa_loaded ());
  fflush (stdout);

  application = gtk_window_get_application (window);
  if (application != NULL)
    g_application_quit (G_APPLICATION (application));
}

static void
window_realize_cb (GtkWidget *widget,
                   gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));
  GdkFrameClock *frame_clock = gdk_surface_get_frame_clock (surface);

  g_signal_handlers_disconnect_by_func (widget, window_realize_cb, user_data);
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), widget, 0);
}

void
liaison_bench_report_first_frame (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realize_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}
