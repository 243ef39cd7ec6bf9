/* liaison-test-relay.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "liaison-test-relay.h"
#include "liaison-test-utils.h"

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (probe, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (probe, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (probe, NULL);

  return port;
}

LiaisonTestRelay *
liaison_test_relay_new (void)
{
  LiaisonTestRelay *relay = g_new0 (LiaisonTestRelay, 1);

  relay->dir = liaison_test_mkdtemp ();
  relay->config_path = g_build_filename (relay->dir, "relay.conf", NULL);
  relay->db_path = g_build_filename (relay->dir, "relay.db", NULL);
  relay->port = free_port ();
  relay->url = g_strdup_printf ("http://127.0.0.1:%u", relay->port);

  return relay;
}

void
liaison_test_relay_write_file (LiaisonTestRelay *relay,
                               const char       *name,
                               const char       *contents,
                               int               mode)
{
  g_autofree char *path = g_build_filename (relay->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

void
liaison_test_relay_start (LiaisonTestRelay *relay,
                          const char       *public_url,
                          const char       *sections)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *config = NULL;
  const char *exe = g_getenv ("LIAISON_RELAY");

  g_assert_nonnull (exe);
  g_assert_null (relay->process);

  config = g_strdup_printf ("[relay]\n"
                            "listen = 127.0.0.1\n"
                            "port = %u\n"
                            "public-url = %s\n"
                            "database = %s\n"
                            "\n%s",
                            relay->port, public_url != NULL ? public_url : relay->url,
                            relay->db_path, sections);
  liaison_test_relay_write_file (relay, "relay.conf", config, 0644);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  relay->process = g_subprocess_launcher_spawn (launcher, &error, exe,
                                                "--config", relay->config_path, NULL);
  g_assert_no_error (error);

  /* It prints its address once it listens. */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (relay->process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "LIAISON_RELAY_URL="));
  g_assert_cmpstr (line + strlen ("LIAISON_RELAY_URL="), ==, relay->url);
}

void
liaison_test_relay_kill (LiaisonTestRelay *relay)
{
  if (relay->process == NULL)
    return;

  g_subprocess_force_exit (relay->process);
  g_subprocess_wait (relay->process, NULL, NULL);
  g_clear_object (&relay->process);
}

void
liaison_test_relay_free (LiaisonTestRelay *relay)
{
  if (relay == NULL)
    return;

  liaison_test_relay_kill (relay);
  liaison_test_rmdir (relay->dir);
  g_free (relay->dir);
  g_free (relay->config_path);
  g_free (relay->db_path);
  g_free (relay->url);
  g_free (relay);
}
