/* main.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-main"

#include "config.h"

#include "liaison-application.h"
#include "liaison-bench.h"
#include "liaison-log.h"
#include "liaison-renderer.h"

#include <glib/gi18n.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonApplication) app = NULL;

  liaison_bench_mark_main_start ();

  /* No GPU: cairo, and GL not loaded at all (before GTK, before threads). */
  liaison_renderer_choose_early ("/dev");

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The version is logged once the -v options are parsed, in
   * liaison_application_handle_local_options(). */
  liaison_log_init ();

  g_set_application_name (_("Liaison"));

  app = liaison_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
