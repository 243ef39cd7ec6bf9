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
#include <string.h>

static char *profile_dir;        /* liaison_paths_use_profile_dir() */
static gboolean data_dir_known;

/* The folder the data folder would be without liaison_paths_use_profile_dir(). */
static char *
default_data_dir (void)
{
  const char *override = g_getenv ("LIAISON_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), LIAISON_DATA_DIR_NAME, NULL);
}

const char *
liaison_paths_get_data_dir (void)
{
  static char *data_dir;

  if (g_once_init_enter (&data_dir))
    {
      char *dir;

      if (profile_dir != NULL)
        dir = g_strdup (profile_dir);
      else
        dir = default_data_dir ();
      data_dir_known = TRUE;
      g_once_init_leave (&data_dir, dir);
    }

  return data_dir;
}

char *
liaison_paths_get_profile_dir (const char *name)
{
  g_autofree char *base = default_data_dir ();

  g_return_val_if_fail (name != NULL && *name != '\0' && strchr (name, '/') == NULL, NULL);

  return g_build_filename (base, name, NULL);
}

void
liaison_paths_use_profile_dir (const char *dir)
{
  g_return_if_fail (dir != NULL);
  g_return_if_fail (!data_dir_known);

  g_free (profile_dir);
  profile_dir = g_strdup (dir);
}

char *
liaison_paths_get_cache_dir (void)
{
  const char *data_dir = liaison_paths_get_data_dir ();
  const char *override = g_getenv ("LIAISON_DATA_DIR");
  g_autofree char *name = NULL;

  /* A profile of its own keeps its cache inside its folder. */
  if (profile_dir != NULL || (override != NULL && *override != '\0'))
    return g_build_filename (data_dir, "cache", NULL);

  name = g_path_get_basename (data_dir);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
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
