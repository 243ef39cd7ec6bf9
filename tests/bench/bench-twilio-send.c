/* bench-twilio-send.c: 5,000 sends through the Twilio client to liaison-sim
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts liaison-sim (simulated clock, not realtime), a SoupServer in this
 * process that receives the status callbacks, and a LiaisonTwilioClient on
 * the simulator. The sender's token bucket is opened wide (the per-sender
 * pacing is what a real number would impose; here we measure the client and
 * the simulator), the account-wide cap on requests in flight stays at the
 * client's default of 8, and the benchmark keeps exactly that many creates
 * outstanding, so each latency is one request's round trip, not time spent
 * queued. Then it advances the simulated clock until every message is
 * delivered and counts the callbacks.
 *
 * Prints "name: value unit" lines; never fails on timing.
 */

#define G_LOG_DOMAIN "bench-twilio-send"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-rate-limiter.h"
#include "liaison-log.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-message.h"

#define N_MESSAGES     5000
#define N_RECIPIENTS   500
#define CONCURRENCY    LIAISON_RATE_LIMITER_DEFAULT_MAX_CONCURRENT
#define SENDER         "+15005550006"
#define MAX_ADVANCES   10

typedef struct {
  LiaisonTwilioClient *client;
  char                *callback_url;
  guint                next;
  guint                done;
  guint                failed;
  gint64               first_start;
  gint64               last_end;
  gint64              *started;      /* per message, monotonic µs */
  GArray              *latencies;    /* double, ms */

  guint                callbacks;
  guint                delivered;
  gint64               first_callback;
  gint64               last_callback;
} Bench;

static void send_next (Bench *bench);

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Bench *bench = g_object_get_data (source, "bench");
  guint index = GPOINTER_TO_UINT (user_data);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  double ms = (now - bench->started[index]) / 1000.0;

  message = liaison_twilio_client_create_message_finish (LIAISON_TWILIO_CLIENT (source), result, NULL, &error);
  if (message == NULL)
    {
      if (bench->failed++ == 0)
        g_printerr ("# first failed create: %s\n", error->message);
    }
  g_array_append_val (bench->latencies, ms);
  bench->done++;
  bench->last_end = now;
  send_next (bench);
}

static void
send_next (Bench *bench)
{
  g_autofree char *to = NULL;
  g_autofree char *body = NULL;
  guint index;

  if (bench->next >= N_MESSAGES)
    return;
  index = bench->next++;
  to = g_strdup_printf ("+1555%07u", index % N_RECIPIENTS);
  body = g_strdup_printf ("Your quarterly statement is ready (%u)", index);
  bench->started[index] = g_get_monotonic_time ();
  liaison_twilio_client_create_message_async (bench->client, to, SENDER, NULL, body, NULL, bench->callback_url,
                                              NULL, NULL, create_cb, GUINT_TO_POINTER (index));
}

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Bench *bench = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *text = g_strndup (data, length);

  bench->last_callback = g_get_monotonic_time ();
  if (bench->callbacks++ == 0)
    bench->first_callback = bench->last_callback;
  if (strstr (text, "MessageStatus=delivered") != NULL)
    bench->delivered++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

/* VmHWM of /proc/@pid/status in MB, or -1. */
static double
peak_rss_mb (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  line = strstr (contents, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

static guint
advance_clock (SoupSession *session,
               const char  *sim_url,
               guint        seconds)
{
  g_autofree char *url = g_strconcat (sim_url, "/_sim/clock/advance", NULL);
  g_autofree char *form = g_strdup_printf ("seconds=%u", seconds);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
  /* The answer comes once every callback was attempted; our receiver runs
   * in this main context meanwhile. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  answer = soup_session_send_and_read_finish (session, result, &error);
  if (answer == NULL)
    g_error ("clock advance failed: %s", error->message);
  return soup_message_get_status (msg);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonTestSim) sim = NULL;
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(SoupServer) receiver = NULL;
  g_autoptr(SoupSession) control = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  GSList *uris;
  double create_sec, callback_sec;
  gint64 advance_start;
  guint advances = 0;

  liaison_log_init ();

  sim = liaison_test_sim_start (NULL);

  receiver = soup_server_new (NULL, NULL);
  soup_server_add_handler (receiver, NULL, receiver_cb, &bench, NULL);
  if (!soup_server_listen_local (receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("receiver: %s", error->message);
  uris = soup_server_get_uris (receiver);
  bench.callback_url = g_strdup_printf ("http://127.0.0.1:%d/status", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  credentials = liaison_twilio_credentials_new_auth_token (sim->account_sid, sim->auth_token);
  bench.client = liaison_twilio_client_new ();
  liaison_twilio_client_set_api_base (bench.client, sim->url);
  liaison_twilio_client_set_credentials (bench.client, credentials);
  liaison_rate_limiter_set_rate (liaison_twilio_client_get_rate_limiter (bench.client), SENDER, 1e6);
  liaison_rate_limiter_set_max_concurrent (liaison_twilio_client_get_rate_limiter (bench.client), CONCURRENCY);
  g_object_set_data (G_OBJECT (bench.client), "bench", &bench);
  bench.started = g_new0 (gint64, N_MESSAGES);
  bench.latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), N_MESSAGES);

  printf ("# %d creates with StatusCallback, %d in flight, sender rate opened to 1e6/s\n",
          N_MESSAGES, CONCURRENCY);
  bench.first_start = g_get_monotonic_time ();
  for (guint i = 0; i < CONCURRENCY; i++)
    send_next (&bench);
  while (bench.done < N_MESSAGES)
    g_main_context_iteration (NULL, TRUE);
  create_sec = (bench.last_end - bench.first_start) / 1e6;
  g_array_sort (bench.latencies, compare_double);

  /* The sim answers the advance once its callbacks are out; a few seconds
   * of simulated time take every message to delivered. */
  control = soup_session_new ();
  soup_session_set_timeout (control, 0);
  advance_start = g_get_monotonic_time ();
  while (bench.delivered < N_MESSAGES - bench.failed && advances < MAX_ADVANCES)
    {
      guint status = advance_clock (control, sim->url, 10);

      if (status != SOUP_STATUS_OK)
        g_error ("clock advance answered %u", status);
      advances++;
    }
  /* Any callback still on its way. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  callback_sec = (bench.last_callback - advance_start) / 1e6;

  printf ("messages: %d messages\n", N_MESSAGES);
  printf ("concurrency: %d requests\n", CONCURRENCY);
  printf ("create failures: %u creates\n", bench.failed);
  printf ("create wall time: %.2f s\n", create_sec);
  printf ("create rate: %.0f creates/s\n", N_MESSAGES / create_sec);
  printf ("create latency p50: %.2f ms\n", percentile (bench.latencies, 0.50));
  printf ("create latency p95: %.2f ms\n", percentile (bench.latencies, 0.95));
  printf ("create latency max: %.2f ms\n", percentile (bench.latencies, 1.0));
  printf ("clock advances: %u advances\n", advances);
  printf ("callbacks received: %u callbacks\n", bench.callbacks);
  printf ("callbacks delivered: %u callbacks\n", bench.delivered);
  printf ("callback rate: %.0f callbacks/s\n", callback_sec > 0 ? bench.callbacks / callback_sec : 0);
  printf ("advance to first callback: %.0f ms\n", (bench.first_callback - advance_start) / 1000.0);
  printf ("peak RSS bench: %.1f MB\n", peak_rss_mb ("self"));
  printf ("peak RSS liaison-sim: %.1f MB\n", peak_rss_mb (g_subprocess_get_identifier (sim->process)));

  soup_server_disconnect (receiver);
  g_clear_object (&bench.client);
  g_array_unref (bench.latencies);
  g_free (bench.started);
  g_free (bench.callback_url);

  return bench.delivered == N_MESSAGES ? EXIT_SUCCESS : EXIT_FAILURE;
}
