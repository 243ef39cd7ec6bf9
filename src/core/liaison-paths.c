/* liaison-paths.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-paths"

#include "config.h"

#include "liaison-paths.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

const char *
liaison_paths_get_data_dir (void)
{
  static char *data_dir;

  if (g_once_init_enter (&data_dir))
    {
      const char *override = g_getenv ("LIAISON_DATA_DIR");
      char *dir;

      if (override != NULL && *override != '\0')
        dir = g_strdup (override);
      else
        dir = g_build_filename (g_get_user_data_dir (), LIAISON_DATA_DIR_NAME, NULL);
      g_once_init_leave (&data_dir, dir);
    }

  return data_dir;
}

char *
liaison_paths_get_database_path (void)
{
  return g_build_filename (liaison_paths_get_data_dir (), "liaison.db", NULL);
}

gboolean
liaison_paths_ensure_data_dir (GError **error)
{
  const char *dir = liaison_paths_get_data_dir ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the data folder “%s”: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}
