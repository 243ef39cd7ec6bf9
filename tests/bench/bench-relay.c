/* bench-relay.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-webhook-signature.h"

#include <glib/gstdio.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/* Signed inbound-SMS webhooks (about 500 bytes, 19 parameters) over 32
 * keep-alive connections for 10 s against the real liaison-relay with its
 * durable commits: requests per second and latency percentiles. The client
 * is a small poll() loop on raw sockets so that it costs the relay as little
 * CPU as possible; each request has its own MessageSid, so none is a
 * duplicate. */

#define ACCOUNT     "ACaaaa2222222222222222222222222222"
#define TOKEN       "aaaa1111bbbb2222cccc3333dddd4444"
#define PUBLIC_URL  "https://relay.example.com"
#define PATH        "/twilio/messages/inbound"
#define CONNECTIONS 32
#define SECONDS     10

typedef struct {
  int      fd;
  GString *in;
  char    *out;
  gsize    out_len;
  gsize    out_sent;
  gint64   sent_at;
} Connection;

static guint64 next_id;

static char *
build_request (gsize *out_len)
{
  g_autofree char *sid = g_strdup_printf ("SMaaaa%028" G_GUINT64_FORMAT, ++next_id);
  const char * const params[] = {
    "AccountSid", ACCOUNT, "ApiVersion", "2010-04-01",
    "Body", "Hi, this is Pat. Can we move our portfolio review to Thursday at 3pm? Thanks!",
    "From", "+15551230000", "FromCity", "SAN FRANCISCO", "FromCountry", "US",
    "FromState", "CA", "FromZip", "94105", "MessageSid", sid, "NumMedia", "0",
    "NumSegments", "1", "SmsMessageSid", sid, "SmsSid", sid, "SmsStatus", "received",
    "To", "+15005550006", "ToCity", "OAKLAND", "ToCountry", "US", "ToState", "CA",
    "ToZip", "94612", NULL
  };
  g_autofree char *signature = liaison_webhook_signature_compute (TOKEN, PUBLIC_URL PATH, params);
  g_autoptr(GString) body = g_string_new (NULL);
  GString *request;

  for (guint i = 0; params[i] != NULL; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (params[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (params[i + 1], NULL, FALSE);

      g_string_append_printf (body, "%s%s=%s", body->len > 0 ? "&" : "", name, value);
    }

  request = g_string_new (NULL);
  g_string_append_printf (request,
                          "POST " PATH " HTTP/1.1\r\n"
                          "Host: relay.example.com\r\n"
                          "User-Agent: TwilioProxy/1.1\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\n"
                          "X-Twilio-Signature: %s\r\n"
                          "I-Twilio-Idempotency-Token: bench-%" G_GUINT64_FORMAT "\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "\r\n%s",
                          signature, next_id, body->len, body->str);
  *out_len = request->len;
  return g_string_free (request, FALSE);
}

/* A complete response at the start of @in: its length, else 0. */
static gsize
response_length (GString *in,
                 guint   *out_status)
{
  const char *end = g_strstr_len (in->str, in->len, "\r\n\r\n");
  const char *length;
  gsize headers_len;
  guint64 body_len = 0;

  if (end == NULL)
    return 0;
  headers_len = (gsize) (end - in->str) + 4;
  length = g_strstr_len (in->str, headers_len, "Content-Length: ");
  if (length != NULL)
    body_len = g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10);
  if (in->len < headers_len + body_len)
    return 0;
  *out_status = (guint) g_ascii_strtoull (in->str + strlen ("HTTP/1.1 "), NULL, 10);
  return headers_len + (gsize) body_len;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gint64
read_status_kb (const char *pid,
                const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, field)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *config_path = g_build_filename (dir, "relay.conf", NULL);
  g_autofree char *token_path = g_build_filename (dir, "primary.token", NULL);
  g_autofree char *config = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) relay = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  Connection connections[CONNECTIONS] = { { 0, }, };
  struct pollfd fds[CONNECTIONS];
  struct sockaddr_in address = { 0, };
  guint64 ok = 0, failed = 0;
  gint64 start, deadline, elapsed;
  guint port;

  signal (SIGPIPE, SIG_IGN);

  g_file_set_contents (token_path, TOKEN "\n", -1, &error);
  g_assert_no_error (error);
  g_chmod (token_path, 0600);
  config = g_strdup_printf ("[relay]\nlisten = 127.0.0.1\nport = 0\npublic-url = " PUBLIC_URL "\n"
                            "database = %s/relay.db\n[account " ACCOUNT "]\n"
                            "auth-token-file = primary.token\n", dir);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  start = g_get_monotonic_time ();
  relay = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LIAISON_RELAY"),
                                       "--config", config_path, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (relay));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  port = (guint) g_ascii_strtoull (strrchr (line, ':') + 1, NULL, 10);
  printf ("relay-startup-ms: %.1f (spawn to listening, fresh database)\n",
          (g_get_monotonic_time () - start) / 1000.0);

  address.sin_family = AF_INET;
  address.sin_port = htons ((guint16) port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  for (guint i = 0; i < CONNECTIONS; i++)
    {
      int one = 1;

      connections[i].fd = socket (AF_INET, SOCK_STREAM, 0);
      g_assert_cmpint (connections[i].fd, >=, 0);
      setsockopt (connections[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      g_assert_cmpint (connect (connections[i].fd, (struct sockaddr *) &address, sizeof address), ==, 0);
      connections[i].in = g_string_new (NULL);
      fds[i].fd = connections[i].fd;
    }

  start = g_get_monotonic_time ();
  deadline = start + SECONDS * G_USEC_PER_SEC;
  for (guint i = 0; i < CONNECTIONS; i++)
    {
      connections[i].out = build_request (&connections[i].out_len);
      connections[i].sent_at = g_get_monotonic_time ();
    }

  for (;;)
    {
      gboolean busy = FALSE;

      for (guint i = 0; i < CONNECTIONS; i++)
        {
          fds[i].events = connections[i].out != NULL
                          ? (connections[i].out_sent < connections[i].out_len ? POLLOUT : POLLIN) : 0;
          busy |= connections[i].out != NULL;
        }
      if (!busy)
        break;
      if (poll (fds, CONNECTIONS, 5000) <= 0)
        {
          g_printerr ("bench-relay: the relay stopped answering\n");
          return 1;
        }

      for (guint i = 0; i < CONNECTIONS; i++)
        {
          Connection *c = &connections[i];

          if (fds[i].revents & POLLOUT)
            {
              gssize n = send (c->fd, c->out + c->out_sent, c->out_len - c->out_sent, 0);

              if (n > 0)
                c->out_sent += (gsize) n;
            }
          else if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
            {
              char buffer[4096];
              gssize n = recv (c->fd, buffer, sizeof buffer, 0);
              guint status = 0;
              gsize len;

              if (n <= 0)
                {
                  g_printerr ("bench-relay: connection closed: %s\n", g_strerror (errno));
                  return 1;
                }
              g_string_append_len (c->in, buffer, n);
              len = response_length (c->in, &status);
              if (len > 0)
                {
                  gint64 now = g_get_monotonic_time ();
                  gint64 latency = now - c->sent_at;

                  g_string_erase (c->in, 0, (gssize) len);
                  g_array_append_val (latencies, latency);
                  if (status == 200)
                    ok++;
                  else
                    failed++;
                  g_clear_pointer (&c->out, g_free);
                  c->out_sent = 0;
                  if (now < deadline)
                    {
                      c->out = build_request (&c->out_len);
                      c->sent_at = g_get_monotonic_time ();
                    }
                }
            }
        }
    }
  elapsed = g_get_monotonic_time () - start;

  g_array_sort (latencies, compare_gint64);
  printf ("relay-webhooks: %" G_GUINT64_FORMAT " answered 200, %" G_GUINT64_FORMAT " other, "
          "%d connections, %.1f s\n", ok, failed, CONNECTIONS, elapsed / 1e6);
  printf ("relay-requests-per-second: %.0f (target >= 12000)\n", (ok + failed) / (elapsed / 1e6));
  printf ("relay-latency-p50-ms: %.2f\n",
          g_array_index (latencies, gint64, latencies->len / 2) / 1000.0);
  printf ("relay-latency-p99-ms: %.2f (target <= 10)\n",
          g_array_index (latencies, gint64, (latencies->len * 99) / 100) / 1000.0);
  {
    struct rusage usage;

    getrusage (RUSAGE_SELF, &usage);
    printf ("bench-client-cpu-s: %.2f (the load generator's own share of the 2 cores)\n",
            usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
  }
  printf ("relay-rss-hwm-kb: %" G_GINT64_FORMAT "\n",
          read_status_kb (g_subprocess_get_identifier (relay), "VmHWM:"));

  for (guint i = 0; i < CONNECTIONS; i++)
    {
      close (connections[i].fd);
      g_string_free (connections[i].in, TRUE);
    }
  g_subprocess_send_signal (relay, SIGTERM);
  g_subprocess_wait (relay, NULL, NULL);
  liaison_test_rmdir (dir);

  return failed == 0 ? 0 : 1;
}
