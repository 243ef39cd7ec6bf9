/* liaison-test-utils.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-test-utils"

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-log.h"

#include <glib/gstdio.h>

void
liaison_test_init (int    *argc,
                   char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  liaison_log_init ();
}

void
liaison_test_async_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_nonnull (out);
  g_assert_null (*out);
  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

GAsyncResult *
liaison_test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_REMOVE;
}

gboolean
liaison_test_wait_flag (gboolean *flag,
                        guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return *flag;
}

char *
liaison_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("liaison-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
liaison_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        liaison_test_rmdir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

gboolean
liaison_test_missing (const char *require_var,
                      const char *why)
{
  if (g_strcmp0 (g_getenv (require_var), "1") == 0)
    {
      g_test_message ("%s is set: %s", require_var, why);
      g_test_fail ();
    }
  else
    {
      g_test_skip (why);
    }

  return TRUE;
}

char *
liaison_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}
