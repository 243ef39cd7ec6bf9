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

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

void
liaison_test_init (int    *argc,
                   char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* g_test_init() makes warnings fatal too; the tests feed bad input on
   * purpose and Liaison warns about it, so only criticals (programming
   * errors) abort. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
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

/* Runs in the child before exec: the simulator gets SIGTERM if the test
 * program dies first (an assertion aborting it), so none is left behind. */
static void
sim_child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

LiaisonTestSim *
liaison_test_sim_start (const char *first_arg,
                        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *sim_path = g_getenv ("LIAISON_SIM");
  gboolean expect_account = TRUE;
  LiaisonTestSim *sim;
  va_list args;

  g_assert_nonnull (sim_path);

  g_ptr_array_add (argv, (gpointer) sim_path);
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    {
      if (g_str_equal (arg, "--account") || g_str_equal (arg, "-a") || g_str_has_prefix (arg, "--account="))
        expect_account = FALSE;
      g_ptr_array_add (argv, (gpointer) arg);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  sim = g_new0 (LiaisonTestSim, 1);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, sim_child_setup, NULL, NULL);
  sim->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  sim->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));

  /* LIAISON_SIM_URL=…, then LIAISON_SIM_ACCOUNT=… and LIAISON_SIM_TOKEN=…
   * when the simulator generated the account. */
  while (sim->url == NULL || (expect_account && (sim->account_sid == NULL || sim->auth_token == NULL)))
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (sim->output, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("liaison-sim (%s) ended before printing its address", sim_path);

      if (g_str_has_prefix (line, "LIAISON_SIM_URL="))
        sim->url = g_strdup (line + strlen ("LIAISON_SIM_URL="));
      else if (g_str_has_prefix (line, "LIAISON_SIM_ACCOUNT="))
        sim->account_sid = g_strdup (line + strlen ("LIAISON_SIM_ACCOUNT="));
      else if (g_str_has_prefix (line, "LIAISON_SIM_TOKEN="))
        sim->auth_token = g_strdup (line + strlen ("LIAISON_SIM_TOKEN="));
      else
        g_error ("Unexpected output from liaison-sim: %s", line);
    }

  return sim;
}

void
liaison_test_sim_stop (LiaisonTestSim *sim)
{
  g_autoptr(GError) error = NULL;

  if (sim == NULL)
    return;

  g_subprocess_send_signal (sim->process, SIGTERM);
  g_subprocess_wait (sim->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sim->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sim->process), ==, 0);

  g_clear_object (&sim->output);
  g_clear_object (&sim->process);
  g_free (sim->url);
  g_free (sim->account_sid);
  g_free (sim->auth_token);
  g_free (sim);
}
