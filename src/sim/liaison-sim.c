/* liaison-sim.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-audio.h"
#include "liaison-sim-server.h"
#include "liaison-log.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit status for bad command lines, as sysexits' EX_USAGE. */
#define EXIT_USAGE 64

static gboolean
verbose_cb (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  liaison_log_increase_verbosity ();
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

/* "AC…:TOKEN" */
static gboolean
add_account_option (LiaisonSimServer  *server,
                    const char        *value,
                    GError           **error)
{
  g_autofree char *copy = g_strdup (value);
  char *colon = strchr (copy, ':');
  gboolean ok;

  if (colon == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("expected ACCOUNT_SID:AUTH_TOKEN"));
      return FALSE;
    }

  *colon = '\0';
  ok = liaison_sim_server_add_account (server, copy, colon + 1, error);
  explicit_bzero (copy, strlen (value));

  return ok;
}

/* "SK…:SECRET:AC…" (the secret may not contain ':') */
static gboolean
add_api_key_option (LiaisonSimServer  *server,
                    const char        *value,
                    GError           **error)
{
  g_autofree char *copy = g_strdup (value);
  char *first = strchr (copy, ':');
  char *last = strrchr (copy, ':');
  gboolean ok;

  if (first == NULL || first == last)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("expected KEY_SID:KEY_SECRET:ACCOUNT_SID"));
      return FALSE;
    }

  *first = '\0';
  *last = '\0';
  ok = liaison_sim_server_add_api_key (server, copy, first + 1, last + 1, error);
  explicit_bzero (copy, strlen (value));

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LiaisonSimServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listen_address = NULL;
  g_autofree char *url = NULL;
  g_autofree char *generated_sid = NULL;
  g_autofree char *generated_token = NULL;
  g_auto(GStrv) accounts = NULL;
  g_auto(GStrv) api_keys = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *voice = NULL;
  gboolean realtime = FALSE;
  gint port = 0;
  guint sigterm_id;
  guint sigint_id;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen_address,
      N_("IP address to listen on (default 127.0.0.1)"), N_("ADDRESS") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("TCP port to listen on; 0 picks a free one (default 0)"), N_("PORT") },
    { "account", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &accounts,
      N_("Add an account with its Auth Token (32 characters); repeatable"), N_("AC…:TOKEN") },
    { "api-key", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &api_keys,
      N_("Add an API key of an account given with --account; repeatable"), N_("SK…:SECRET:AC…") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("SQLite file for the simulator's state, recordings beside it (default: a temporary folder)"), N_("PATH") },
    { "number", 'n', 0, G_OPTION_ARG_STRING_ARRAY, &numbers,
      N_("Register an incoming number of the first account, with its SmsUrl; repeatable"),
      N_("E164[:SMS_URL]") },
    { "realtime", 0, 0, G_OPTION_ARG_NONE, &realtime,
      N_("Move the simulated clock in real time (default: only through /_sim/clock/advance)"), NULL },
    { "voice", 0, 0, G_OPTION_ARG_STRING, &voice,
      N_("The espeak-ng voice recordings are spoken with (default en)"), N_("NAME") },
    { "verbose", 'v', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, verbose_cb,
      N_("Log each request (repeat for more)"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  liaison_log_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("liaison-sim: a local Twilio for Liaison's tests and demo.\n"
      "\n"
      "It answers Twilio's REST paths with HTTP Basic authentication (Account\n"
      "SID and Auth Token, or API key), Twilio's JSON shapes, error bodies,\n"
      "paging and magic test numbers, keeping its state in SQLite (--db):\n"
      "  /2010-04-01/Accounts/{Sid}.json and, below it, Messages (+ Media),\n"
      "  Calls (+ Notifications, Recordings), Conferences (+ Participants),\n"
      "  Queues (+ Members), Recordings (+ media .wav/.mp3, Range),\n"
      "  Transcriptions, AvailablePhoneNumbers, IncomingPhoneNumbers;\n"
      "  /v2/Services, /v2/Transcripts (+ Sentences, OperatorResults);\n"
      "  /v1/Porting/…; /v2/PhoneNumbers/{n} (Lookup).\n"
      "\n"
      "Everything moves on a simulated clock: messages go queued, sending,\n"
      "sent, delivered (scheduled ones wait for SendAt); calls ring, are\n"
      "answered and run the TwiML their URL returns (Say, Play, Pause, Gather,\n"
      "Record, Dial with Number/Conference/Queue, Enqueue, Redirect, Hangup,\n"
      "Reject); recordings have real audio (espeak-ng speech, or tones);\n"
      "port-ins advance day by day. Every webhook is signed.\n"
      "\n"
      "Control API (loopback only, no Twilio auth, form-encoded, JSON answers):\n"
      "  POST /_sim/clock/advance     seconds=N; answers after the webhooks\n"
      "  POST /_sim/numbers           PhoneNumber, SmsUrl, VoiceUrl,\n"
      "                               StatusCallback, AccountSid\n"
      "  POST /_sim/inbound/sms       From, To, Body, MediaUrl…; STOP/START/HELP\n"
      "  POST /_sim/inbound/call      From, To, Digits, Speech, DialOutcome\n"
      "  POST /_sim/calls/dial-outcome  outcome=answered|busy|no-answer|failed,\n"
      "                               duration, To, Speech: for the next dialled leg\n"
      "  POST /_sim/calls/input       CallSid, Digits, Speech: next Gather/Record\n"
      "  POST /_sim/calls/reset       forget queued dial outcomes\n"
      "  POST /_sim/recordings        CallSid, Speech, SpeechOther, Channels,\n"
      "                               Duration, Transcribe, RecordingStatusCallback\n"
      "  POST /_sim/porting/reject    PortInRequestSid: the carrier refuses it\n"
      "  POST /_sim/seed/messages     count, From, To or contacts, days, inbound\n"
      "  POST /_sim/faults            path (regex), method, status, code,\n"
      "                               retry_after, retry_after_date=1, count\n"
      "                               (0 = always), latency_ms,\n"
      "                               mode=respond|drop-response;\n"
      "                               or callbacks=drop|duplicate|reorder|none\n"
      "  POST /_sim/faults/clear\n"
      "  GET  /_sim/requests          REST requests received, with their status"));
  g_option_context_set_description (context,
    _("Output: once listening, one line LIAISON_SIM_URL=http://ADDRESS:PORT on\n"
      "standard output. When no --account is given, a test account is created\n"
      "and two more lines follow, LIAISON_SIM_ACCOUNT=AC… and\n"
      "LIAISON_SIM_TOKEN=…, for the test that started it. Nothing else is\n"
      "written to standard output, and secrets are never logged.\n"
      "\n"
      "SIGTERM or SIGINT stops the simulator cleanly (exit status 0)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("liaison-sim: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("liaison-sim: %s\n", _("unexpected arguments; see --help"));
      return EXIT_USAGE;
    }
  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("liaison-sim: %s\n", _("--port must be between 0 and 65535"));
      return EXIT_USAGE;
    }

  if (voice != NULL && !sim_audio_set_voice (voice, &error))
    {
      g_printerr ("liaison-sim: --voice: %s\n", error->message);
      return EXIT_USAGE;
    }

  server = liaison_sim_server_new ();
  if (!liaison_sim_server_open_db (server, db_path, &error))
    {
      g_printerr ("liaison-sim: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    {
      if (!add_account_option (server, accounts[i], &error))
        {
          g_printerr ("liaison-sim: --account: %s\n", error->message);
          return EXIT_USAGE;
        }
    }
  /* Without --account a fresh account is made, even when --db holds some. */
  if (accounts == NULL || accounts[0] == NULL)
    liaison_sim_server_generate_account (server, &generated_sid, &generated_token);

  for (guint i = 0; numbers != NULL && numbers[i] != NULL; i++)
    {
      g_autofree char *number = g_strdup (numbers[i]);
      char *colon = strchr (number, ':');

      if (colon != NULL)
        *colon = '\0';
      if (!liaison_sim_server_add_number (server, number, colon != NULL ? colon + 1 : NULL, &error))
        {
          g_printerr ("liaison-sim: --number: %s\n", error->message);
          return EXIT_USAGE;
        }
    }
  liaison_sim_server_set_realtime (server, realtime);

  for (guint i = 0; api_keys != NULL && api_keys[i] != NULL; i++)
    {
      if (!add_api_key_option (server, api_keys[i], &error))
        {
          g_printerr ("liaison-sim: --api-key: %s\n", error->message);
          return EXIT_USAGE;
        }
    }

  if (!liaison_sim_server_listen (server, listen_address != NULL ? listen_address : "127.0.0.1",
                                  (guint) port, &error))
    {
      g_printerr ("liaison-sim: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Handlers first: whoever started us may send SIGTERM as soon as it has
   * read the address. */
  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  url = liaison_sim_server_get_url (server);
  /* The machine-readable lines for whoever started the simulator. The
   * generated token goes to standard output only, never to the log. */
  printf ("LIAISON_SIM_URL=%s\n", url);
  if (generated_sid != NULL)
    {
      printf ("LIAISON_SIM_ACCOUNT=%s\n", generated_sid);
      printf ("LIAISON_SIM_TOKEN=%s\n", generated_token);
      explicit_bzero (generated_token, strlen (generated_token));
    }
  fflush (stdout);

  g_info ("liaison-sim %s listening on %s", PACKAGE_VERSION, url);

  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  g_info ("liaison-sim stopping");

  return EXIT_SUCCESS;
}
