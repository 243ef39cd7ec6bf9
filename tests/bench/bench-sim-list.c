/* bench-sim-list.c: listing messages from liaison-sim at 100,000 messages
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeds 100,000 messages through POST /_sim/seed/messages, then times
 * GET /2010-04-01/Accounts/AC…/Messages.json?PageSize=1000 over HTTP with
 * keep-alive: the first page, and the 50th page reached through
 * next_page_uri (PageToken), each RUNS times. Prints "name: value unit"
 * lines with the target (<= 20 ms a page of 1,000); never fails on timing.
 */

#define G_LOG_DOMAIN "bench-sim-list"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-log.h"
#include "liaison-test-utils.h"

#define N_MESSAGES   100000
#define N_CONTACTS   2000
#define PAGE_SIZE    1000
#define DEEP_PAGE    50       /* 1-based: the 50th page */
#define RUNS         30
#define TARGET_MS    20.0

typedef struct {
  SoupSession *session;
  char        *authorization;
} Client;

/* One request; returns the body and the elapsed time in ms. */
static GBytes *
request (Client     *client,
         const char *method,
         const char *url,
         const char *form,
         guint      *out_status,
         double     *out_ms)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *answer;
  gint64 start;

  if (msg == NULL)
    g_error ("bad URL %s", url);
  if (client->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", client->authorization);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  start = g_get_monotonic_time ();
  answer = soup_session_send_and_read (client->session, msg, NULL, &error);
  if (out_ms != NULL)
    *out_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (answer == NULL)
    g_error ("%s %s: %s", method, url, error->message);
  *out_status = soup_message_get_status (msg);
  return answer;
}

static JsonObject *
parse_object (GBytes     *bytes,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("bad JSON: %s", error->message);
  return json_node_get_object (json_parser_get_root (parser));
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
  guint index = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

static void
measure (Client     *client,
         const char *name,
         const char *url)
{
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (double), RUNS);
  gsize bytes = 0;
  double median, p95;

  for (guint i = 0; i < RUNS + 1; i++)
    {
      g_autoptr(GBytes) answer = NULL;
      guint status = 0;
      double ms = 0;

      answer = request (client, "GET", url, NULL, &status, &ms);
      if (status != SOUP_STATUS_OK)
        g_error ("%s answered %u", url, status);
      if (i == 0)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *object = parse_object (answer, parser);
          guint n = json_array_get_length (json_object_get_array_member (object, "messages"));

          if (n != PAGE_SIZE)
            g_error ("%s: %u messages, not %d", name, n, PAGE_SIZE);
          bytes = g_bytes_get_size (answer);
          continue;   /* warm-up */
        }
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_double);
  median = percentile (times, 0.5);
  p95 = percentile (times, 0.95);
  printf ("%s median: %.2f ms (target <= %.0f ms) %s\n", name, median, TARGET_MS,
          median <= TARGET_MS ? "PASS" : "MISS");
  printf ("%s p95: %.2f ms\n", name, p95);
  printf ("%s size: %" G_GSIZE_FORMAT " bytes\n", name, bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonTestSim) sim = NULL;
  g_autofree char *seed_url = NULL;
  g_autofree char *seed_form = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *deep_url = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GBytes) seeded = NULL;
  Client client = { 0 };
  guint status = 0;
  double seed_ms = 0;

  liaison_log_init ();

  sim = liaison_test_sim_start (NULL);
  client.session = soup_session_new ();
  soup_session_set_timeout (client.session, 0);

  seed_url = g_strconcat (sim->url, "/_sim/seed/messages", NULL);
  seed_form = g_strdup_printf ("count=%d&contacts=%d&days=365", N_MESSAGES, N_CONTACTS);
  seeded = request (&client, "POST", seed_url, seed_form, &status, &seed_ms);
  if (status != SOUP_STATUS_OK)
    g_error ("seeding answered %u", status);
  printf ("seed: %.0f ms\n", seed_ms);
  printf ("seed rate: %.0f messages/s\n", N_MESSAGES / (seed_ms / 1000.0));

  pair = g_strconcat (sim->account_sid, ":", sim->auth_token, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  client.authorization = g_strconcat ("Basic ", encoded, NULL);

  first_url = g_strdup_printf ("%s/2010-04-01/Accounts/%s/Messages.json?PageSize=%d",
                               sim->url, sim->account_sid, PAGE_SIZE);

  /* Walk next_page_uri to the deep page. */
  deep_url = g_strdup (first_url);
  for (guint page = 1; page < DEEP_PAGE; page++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) answer = request (&client, "GET", deep_url, NULL, &status, NULL);
      JsonObject *object;
      const char *next;

      if (status != SOUP_STATUS_OK)
        g_error ("page %u answered %u", page, status);
      object = parse_object (answer, parser);
      next = json_object_get_string_member_with_default (object, "next_page_uri", NULL);
      if (next == NULL)
        g_error ("no next page after page %u", page);
      g_free (deep_url);
      deep_url = g_strconcat (sim->url, next, NULL);
    }

  printf ("# %d messages, PageSize=%d, %d runs after one warm-up\n", N_MESSAGES, PAGE_SIZE, RUNS);
  measure (&client, "list first page", first_url);
  measure (&client, "list page 50", deep_url);

  g_clear_object (&client.session);
  g_free (client.authorization);

  return EXIT_SUCCESS;
}
