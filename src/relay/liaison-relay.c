/* liaison-relay.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-config.h"
#include "liaison-relay-server.h"
#include "liaison-log.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sysexits: EX_USAGE for bad command lines, EX_CONFIG for bad configuration. */
#define EXIT_USAGE  64
#define EXIT_CONFIG 78

#define SHUTDOWN_TIMEOUT_MS 10000

static gboolean
verbose_cb (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  liaison_log_increase_verbosity ();
  return TRUE;
}

static void
shutdown_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GMainLoop *loop = user_data;

  liaison_relay_server_shutdown_finish (LIAISON_RELAY_SERVER (source), result, NULL);
  g_main_loop_quit (loop);
}

typedef struct {
  LiaisonRelayServer *server;
  GMainLoop          *loop;
  gboolean            stopping;
} Signals;

static gboolean
signal_cb (gpointer user_data)
{
  Signals *signals = user_data;

  if (!signals->stopping)
    {
      signals->stopping = TRUE;
      g_info ("Stopping: finishing the requests under way");
      liaison_relay_server_shutdown_async (signals->server, SHUTDOWN_TIMEOUT_MS, shutdown_cb,
                                           signals->loop);
    }
  return G_SOURCE_CONTINUE;
}

/* Reads a token from standard input and prints the hash the config wants. */
static int
hash_token (void)
{
  char buffer[1024];
  g_autofree char *hash = NULL;
  char *token;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_printerr ("liaison-relay: %s\n", _("no token on standard input"));
      return EXIT_USAGE;
    }
  token = g_strstrip (buffer);
  if (*token == '\0')
    {
      g_printerr ("liaison-relay: %s\n", _("the token is empty"));
      return EXIT_USAGE;
    }
  hash = liaison_relay_hash_token (token);
  explicit_bzero (buffer, sizeof buffer);
  printf ("token-sha256 = %s\n", hash);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LiaisonRelayConfig) config = liaison_relay_config_new ();
  g_autoptr(LiaisonRelayServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *listen_address = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *url = NULL;
  gboolean check = FALSE;
  gboolean hash = FALSE;
  gint port = -1;
  Signals signals = { 0, };
  guint sigterm_id;
  guint sigint_id;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("Configuration file (key file format, see below)"), N_("FILE") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen_address,
      N_("IP address to listen on (overrides listen=; default 127.0.0.1)"), N_("ADDRESS") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("TCP port (overrides port=; default 8790; 0 picks a free one)"), N_("PORT") },
    { "public-url", 'u', 0, G_OPTION_ARG_STRING, &public_url,
      N_("The base URL Twilio calls, exactly as set in the Console (overrides public-url=)"), N_("URL") },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("SQLite database of events (overrides database=)"), N_("PATH") },
    { "check-config", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Check the configuration and the tokens it names, then exit"), NULL },
    { "hash-token", 0, 0, G_OPTION_ARG_NONE, &hash,
      N_("Read an advisor token on standard input and print its token-sha256 line"), NULL },
    { "verbose", 'v', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, verbose_cb,
      N_("Log more (repeatable); phone numbers and bodies stay masked"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A full disk or a file size limit must be an error to report (503), not
   * a signal that kills the relay. */
  signal (SIGXFSZ, SIG_IGN);
  signal (SIGPIPE, SIG_IGN);

  liaison_log_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("liaison-relay: the webhook receiver Twilio calls for Liaison.\n"
      "\n"
      "It verifies every request's X-Twilio-Signature against the public URL\n"
      "and the account's Auth Tokens, commits the event to SQLite before it\n"
      "answers 2xx (503 when it cannot), drops retries and duplicates, keeps\n"
      "statuses from moving backwards, and answers calls with TwiML.\n"
      "\n"
      "Endpoints below the public URL (POST): /twilio/messages/inbound,\n"
      "/twilio/messages/status, /twilio/voice/inbound, /twilio/voice/status,\n"
      "/twilio/voice/dial, /twilio/voice/gather, /twilio/voice/voicemail,\n"
      "/twilio/recordings/status, /twilio/transcriptions. GET /healthz and\n"
      "GET /metrics (Prometheus text) for operators."));
  g_option_context_set_description (context,
    _("Configuration file:\n"
      "\n"
      "  [relay]\n"
      "  listen = 127.0.0.1\n"
      "  port = 8790\n"
      "  public-url = https://relay.example.com\n"
      "  database = /var/lib/liaison-relay/relay.db\n"
      "  max-body-bytes = 65536\n"
      "  trust-proxy = false      # true: use X-Forwarded-Proto/-Host\n"
      "  retention-hours = 168\n"
      "\n"
      "  [account AC…]\n"
      "  auth-token-file = primary.token   # mode 600, or:\n"
      "  # auth-token-env = TWILIO_AUTH_TOKEN\n"
      "  # auth-token-credential = twilio-primary  (systemd LoadCredential=)\n"
      "  # secondary-token-file|env|credential while rotating tokens\n"
      "\n"
      "  [advisor NAME]\n"
      "  token-sha256 = …         # from --hash-token\n"
      "  numbers = +15551230001, +15551230002\n"
      "\n"
      "Once listening it prints LIAISON_RELAY_URL=http://ADDRESS:PORT on\n"
      "standard output. SIGTERM or SIGINT stop it after the requests under way\n"
      "were answered. Exit status: 0, 64 bad usage, 78 bad configuration,\n"
      "1 other failures."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("liaison-relay: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("liaison-relay: %s\n", _("unexpected arguments; see --help"));
      return EXIT_USAGE;
    }
  if (hash)
    return hash_token ();
  if (port > G_MAXUINT16)
    {
      g_printerr ("liaison-relay: %s\n", _("--port must be between 0 and 65535"));
      return EXIT_USAGE;
    }

  if (config_path != NULL && !liaison_relay_config_load_file (config, config_path, &error))
    {
      g_printerr ("liaison-relay: %s\n", error->message);
      return EXIT_CONFIG;
    }
  if (listen_address != NULL)
    {
      g_free (config->listen_address);
      config->listen_address = g_strdup (listen_address);
    }
  if (port >= 0)
    config->port = (guint) port;
  if (public_url != NULL)
    {
      g_autofree char *line = g_strdup_printf ("[relay]\npublic-url = %s\n", public_url);

      if (!liaison_relay_config_load_data (config, line, "--public-url", &error))
        {
          g_printerr ("liaison-relay: %s\n", error->message);
          return EXIT_USAGE;
        }
    }
  if (db_path != NULL)
    {
      g_free (config->database);
      config->database = g_strdup (db_path);
    }
  if (!liaison_relay_config_validate (config, &error))
    {
      g_printerr ("liaison-relay: %s\n", error->message);
      return EXIT_CONFIG;
    }
  if (check)
    {
      printf ("%s\n", _("The configuration is valid."));
      return EXIT_SUCCESS;
    }

  server = liaison_relay_server_new (g_steal_pointer (&config), &error);
  if (server == NULL || !liaison_relay_server_listen (server, &error))
    {
      g_printerr ("liaison-relay: %s\n", error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  signals.server = server;
  signals.loop = loop;
  sigterm_id = g_unix_signal_add (SIGTERM, signal_cb, &signals);
  sigint_id = g_unix_signal_add (SIGINT, signal_cb, &signals);

  url = liaison_relay_server_get_url (server);
  printf ("LIAISON_RELAY_URL=%s\n", url);
  fflush (stdout);
  g_info ("liaison-relay %s listening on %s", PACKAGE_VERSION, url);

  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  g_info ("liaison-relay stopped");

  return EXIT_SUCCESS;
}
