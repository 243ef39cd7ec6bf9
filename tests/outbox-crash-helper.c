/* outbox-crash-helper.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "outbox-crash-helper"

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "liaison-compliance-gate.h"
#include "liaison-log.h"
#include "liaison-outbox.h"
#include "liaison-outbox-private.h"
#include "liaison-store.h"
#include "liaison-twilio-client.h"

/*
 * Used by test-outbox, not a test itself:
 *
 *   outbox-crash-helper DB SIM_URL ACCOUNT_SID AUTH_TOKEN POINT START_USEC [FROM TO BODY]
 *
 * Opens the store at DB, points a Twilio client at the simulator, starts the
 * outbox (with a fake clock at START_USEC, so quiet hours do not depend on
 * when the test runs) and, with FROM TO BODY, queues that text. It stops
 * dead (_exit (0), no clean-up, as a crash would) when the outbox reaches
 * POINT ("claimed", "sent" or "recorded"); with POINT "none" it runs until
 * the outbox is idle with the queued text dealt with, then exits 0. Any
 * failure exits 2.
 */

typedef struct {
  const char *point;
  gboolean    armed;
  gboolean    done;
} State;

static void
hook (const char *point,
      gpointer    data)
{
  State *state = data;

  if (g_strcmp0 (point, state->point) == 0)
    _exit (0);
}

static void
idle_cb (LiaisonOutbox *outbox,
         gpointer       data)
{
  State *state = data;

  if (state->armed)
    state->done = TRUE;
}

static void
async_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
timeout_cb (gpointer data)
{
  g_printerr ("outbox-crash-helper: timed out\n");
  exit (2);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonTwilioClient) client = NULL;
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonComplianceGate) gate = NULL;
  g_autoptr(LiaisonOutbox) outbox = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  State state = { 0, };

  if (argc != 7 && argc != 10)
    {
      g_printerr ("usage: %s DB SIM_URL ACCOUNT_SID AUTH_TOKEN POINT START_USEC [FROM TO BODY]\n",
                  argv[0]);
      return 2;
    }

  liaison_log_init ();
  state.point = argv[5];

  store = liaison_store_new (argv[1]);
  liaison_store_open_async (store, NULL, async_cb, &result);
  wait_result (&result);
  if (!liaison_store_open_finish (store, result, &error))
    {
      g_printerr ("outbox-crash-helper: %s\n", error->message);
      return 2;
    }
  g_clear_object (&result);

  credentials = liaison_twilio_credentials_new_auth_token (argv[3], argv[4]);
  client = liaison_twilio_client_new ();
  liaison_twilio_client_set_api_base (client, argv[2]);
  liaison_twilio_client_set_credentials (client, credentials);

  clock = liaison_clock_new_fake (g_ascii_strtoll (argv[6], NULL, 10));
  gate = liaison_compliance_gate_new (clock);
  outbox = liaison_outbox_new (store, client, gate);
  _liaison_outbox_set_test_hook (outbox, hook, &state);
  g_signal_connect (outbox, "idle", G_CALLBACK (idle_cb), &state);

  g_timeout_add_seconds (60, timeout_cb, NULL);

  liaison_outbox_start (outbox);

  if (argc == 10)
    {
      LiaisonOutboxRequest request = {
        .from = argv[7],
        .to = argv[8],
        .body = argv[9],
      };

      liaison_outbox_enqueue_async (outbox, &request, NULL, async_cb, &result);
      wait_result (&result);
      if (liaison_outbox_enqueue_finish (outbox, result, NULL, &error) == 0)
        {
          g_printerr ("outbox-crash-helper: %s\n", error->message);
          return 2;
        }
      g_clear_object (&result);
    }

  /* Only an idle that follows the enqueue counts. */
  state.armed = TRUE;
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  if (g_strcmp0 (state.point, "none") != 0)
    {
      g_printerr ("outbox-crash-helper: never reached “%s”\n", state.point);
      return 2;
    }

  return 0;
}
