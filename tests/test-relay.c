/* test-relay.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-twiml.h"
#include "liaison-webhook-signature.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* liaison-relay, the real binary, over real HTTP on 127.0.0.1: configuration
 * errors, signature verification, durability, deduplication and status order.
 * Requests are signed for the public URL the relay is configured with, as
 * Twilio would sign them, and sent to the loopback address it listens on. */

#define ACCOUNT     "ACaaaa1111111111111111111111111111"
#define TOKEN       "aaaa1111bbbb2222cccc3333dddd4444"
#define NEW_TOKEN   "eeee5555ffff6666aaaa7777bbbb8888"
#define OTHER_TOKEN "0000999900009999000099990000ffff"
#define PUBLIC_URL  "https://relay.example.com"

typedef struct {
  char        *dir;
  char        *config_path;
  char        *db_path;
  GSubprocess *process;
  char        *url;          /* http://127.0.0.1:PORT */
  SoupSession *session;
  guint        n;            /* for unique SIDs */
} Relay;

static void
relay_child_setup (gpointer user_data)
{
  gsize fsize_limit = GPOINTER_TO_SIZE (user_data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (fsize_limit > 0)
    {
      struct rlimit limit = { fsize_limit, fsize_limit };

      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* Runs liaison-relay with @args; returns its exit status and stderr. */
static int
run_relay (const char * const  *args,
           char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_RELAY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, out_stderr, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
relay_write_config (Relay      *relay,
                    const char *extra)
{
  g_autofree char *token_path = g_build_filename (relay->dir, "primary.token", NULL);
  g_autofree char *config = NULL;

  write_file (token_path, TOKEN "\n", 0600);
  config = g_strdup_printf ("[relay]\n"
                            "listen = 127.0.0.1\n"
                            "port = 0\n"
                            "public-url = " PUBLIC_URL "\n"
                            "database = %s\n"
                            "\n"
                            "[account " ACCOUNT "]\n"
                            "auth-token-file = primary.token\n"
                            "%s",
                            relay->db_path, extra != NULL ? extra : "");
  write_file (relay->config_path, config, 0644);
}

static void
relay_start_full (Relay *relay,
                  gsize  fsize_limit)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, relay_child_setup,
                                         GSIZE_TO_POINTER (fsize_limit), NULL);
  relay->process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LIAISON_RELAY"),
                                                "--config", relay->config_path, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (relay->process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "LIAISON_RELAY_URL="));
  g_free (relay->url);
  relay->url = g_strdup (line + strlen ("LIAISON_RELAY_URL="));
}

static void
relay_start (Relay      *relay,
             const char *extra_config)
{
  relay->dir = liaison_test_mkdtemp ();
  relay->config_path = g_build_filename (relay->dir, "relay.conf", NULL);
  relay->db_path = g_build_filename (relay->dir, "relay.db", NULL);
  relay->session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64, NULL);
  relay_write_config (relay, extra_config);
  relay_start_full (relay, 0);
}

static void
relay_kill (Relay *relay)
{
  if (relay->process != NULL)
    {
      g_subprocess_force_exit (relay->process);
      g_subprocess_wait (relay->process, NULL, NULL);
      g_clear_object (&relay->process);
    }
}

static void
relay_stop (Relay *relay)
{
  relay_kill (relay);
  g_clear_object (&relay->session);
  liaison_test_rmdir (relay->dir);
  g_free (relay->dir);
  g_free (relay->config_path);
  g_free (relay->db_path);
  g_free (relay->url);
}

typedef struct {
  guint  status;
  char  *body;
  char  *content_type;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, g_free);
  g_clear_pointer (&reply->content_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static char *
encode_form (const char * const *params)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; params[i] != NULL; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (params[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (params[i + 1], NULL, FALSE);

      g_string_append_printf (body, "%s%s=%s", body->len > 0 ? "&" : "", name, value);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static SoupMessage *
build_request (Relay              *relay,
               const char         *path,
               const char         *content_type,
               const char         *body,
               const char         *signature,
               const char         *idempotency_token)
{
  g_autofree char *url = g_strconcat (relay->url, path, NULL);
  SoupMessage *message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  if (signature != NULL)
    soup_message_headers_replace (headers, "X-Twilio-Signature", signature);
  if (idempotency_token != NULL)
    soup_message_headers_replace (headers, "I-Twilio-Idempotency-Token", idempotency_token);
  soup_message_headers_replace (headers, "User-Agent", "TwilioProxy/1.1");
  soup_message_set_request_body_from_bytes (message, content_type, bytes);
  return message;
}

static void
send_message (Relay       *relay,
              SoupMessage *message,
              Reply       *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read (relay->session, message, NULL, &error);
  const char *type;

  g_assert_no_error (error);
  reply->status = soup_message_get_status (message);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  type = soup_message_headers_get_one (soup_message_get_response_headers (message), "Content-Type");
  reply->content_type = g_strdup (type);
}

/* POSTs @params to @path signed with @token for @signed_path (normally the
 * same path) below the public URL. */
static void
post_signed (Relay              *relay,
             const char         *path,
             const char         *signed_path,
             const char         *token,
             const char * const *params,
             const char         *idempotency_token,
             Reply              *reply)
{
  g_autofree char *signed_url = g_strconcat (PUBLIC_URL, signed_path, NULL);
  g_autofree char *signature = token != NULL ? liaison_webhook_signature_compute (token, signed_url, params)
                                             : NULL;
  g_autofree char *body = encode_form (params);
  g_autoptr(SoupMessage) message = build_request (relay, path, "application/x-www-form-urlencoded",
                                                  body, signature, idempotency_token);

  send_message (relay, message, reply);
}

static gint64
count_rows (Relay      *relay,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (relay->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static char *
new_sid (Relay      *relay,
         const char *prefix)
{
  return g_strdup_printf ("%saaaa%028u", prefix, ++relay->n);
}

#define INBOUND_SMS(sid, body) \
  (const char * const []) { "AccountSid", ACCOUNT, "ApiVersion", "2010-04-01", "Body", body, \
                            "From", "+15551230000", "MessageSid", sid, "NumMedia", "0", \
                            "SmsSid", sid, "SmsStatus", "received", "To", "+15005550006", NULL }

static void
test_config_errors (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *config = g_build_filename (dir, "relay.conf", NULL);
  g_autofree char *token = g_build_filename (dir, "open.token", NULL);
  const char *args[] = { "--config", config, "--check-config", NULL };
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { "[relay]\npublic-url = https://r.example.com\ndatabase = x.db\nport = 99999\n",
      "relay.conf:4: port must be a number from 0 to 65535" },
    { "[relay]\nthis is not a key\n", "relay.conf:2: expected" },
    { "[relay]\ncolour = blue\n", "relay.conf:2: unknown key “colour” in [relay]" },
    { "# comment\n[acount " ACCOUNT "]\n", "relay.conf:2: unknown group" },
    { "[account NOTASID]\n", "relay.conf:1: [account …] must name an Account SID" },
    { "[relay]\npublic-url = ftp://r.example.com\n", "relay.conf:2: public-url must be an http or https URL" },
    { "[account " ACCOUNT "]\nauth-token-env = LIAISON_TEST_NO_SUCH_VARIABLE\n",
      "relay.conf:2: the environment variable LIAISON_TEST_NO_SUCH_VARIABLE does not hold a token" },
    { "[account " ACCOUNT "]\n\n\nauth-token-file = open.token\n",
      "relay.conf:4: the token file" },
    { "[advisor jane]\ntoken-sha256 = 1234\n", "relay.conf:2: token-sha256 must be 64 lowercase hex digits" },
    { "[advisor jane]\nnumbers = +15551230000, 5551230001\n", "relay.conf:2: “5551230001” is not an E.164 number" },
    { "[relay]\npublic-url = https://r.example.com\ndatabase = x.db\n",
      "no [account AC…] is configured" },
  };

  /* A token file others can read is refused, and says how to fix it. */
  write_file (token, TOKEN, 0644);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status;

      write_file (config, cases[i].text, 0644);
      status = run_relay (args, &err);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, err);
      g_assert_cmpint (status, ==, 78);
      g_assert_nonnull (strstr (err, cases[i].expected));
      /* The token never appears in an error. */
      g_assert_null (strstr (err, TOKEN));
    }

  {
    g_autofree char *err = NULL;

    write_file (config, "[account " ACCOUNT "]\nauth-token-file = open.token\n", 0644);
    run_relay (args, &err);
    g_assert_nonnull (strstr (err, "chmod 600"));
  }

  /* A valid one, with a secondary token from the environment. */
  {
    g_autofree char *err = NULL;
    g_autofree char *text = g_strdup_printf ("[relay]\npublic-url = https://r.example.com/\n"
                                             "database = %s/relay.db\n"
                                             "[account " ACCOUNT "]\nauth-token-file = open.token\n"
                                             "secondary-token-env = LIAISON_TEST_TOKEN\n"
                                             "[advisor jane]\n"
                                             "token-sha256 = 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
                                             "numbers = +15551230000\n", dir);

    g_assert_cmpint (g_chmod (token, 0600), ==, 0);
    g_setenv ("LIAISON_TEST_TOKEN", NEW_TOKEN, TRUE);
    write_file (config, text, 0644);
    g_assert_cmpint (run_relay (args, &err), ==, 0);
    g_unsetenv ("LIAISON_TEST_TOKEN");
  }

  liaison_test_rmdir (dir);
}

/* The example configuration shipped in data/ is valid as it stands, with
 * its token as a systemd credential. */
static void
test_example_config (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *credential = g_build_filename (dir, "twilio-primary", NULL);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "liaison-relay.conf.example", NULL);
  const char *args[] = { "--config", example, "--check-config", NULL };
  g_autofree char *err = NULL;

  write_file (credential, TOKEN "\n", 0600);
  g_setenv ("CREDENTIALS_DIRECTORY", dir, TRUE);
  g_assert_cmpint (run_relay (args, &err), ==, 0);
  g_unsetenv ("CREDENTIALS_DIRECTORY");

  /* Without the credential, it says what is missing. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_relay (args, &err), ==, 78);
  g_assert_nonnull (strstr (err, "CREDENTIALS_DIRECTORY"));
  liaison_test_rmdir (dir);
}

static void
test_hash_token (void)
{
  const char *argv[] = { g_getenv ("LIAISON_RELAY"), "--hash-token", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "test\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* SHA-256 of "test". */
  g_assert_cmpstr (out, ==, "token-sha256 = 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
}

static void
test_verification (void)
{
  Relay relay = { 0, };
  g_autofree char *sid = NULL;
  g_autofree char *sid2 = NULL;

  relay_start (&relay, NULL);
  sid = new_sid (&relay, "SM");

  /* Signed as Twilio does: 200 with TwiML, and stored. */
  {
    g_auto(Reply) reply = { 0, };

    post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", TOKEN,
                 INBOUND_SMS (sid, "Hello"), NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_true (g_str_has_prefix (reply.content_type, "text/xml"));
    g_assert_nonnull (strstr (reply.body, "<Response/>"));
    g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE kind = 'message.inbound'"), ==, 1);
  }

  /* Unsigned, wrong token, tampered, replayed to another path: 403, nothing stored. */
  {
    g_auto(Reply) unsigned_reply = { 0, };
    g_auto(Reply) wrong = { 0, };
    g_auto(Reply) replayed = { 0, };
    g_auto(Reply) tampered = { 0, };
    g_autofree char *signed_url = g_strconcat (PUBLIC_URL, "/twilio/messages/inbound", NULL);
    g_autofree char *signature = NULL;
    g_autofree char *body = NULL;
    g_autoptr(SoupMessage) message = NULL;

    sid2 = new_sid (&relay, "SM");
    post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", NULL,
                 INBOUND_SMS (sid2, "Hi"), NULL, &unsigned_reply);
    g_assert_cmpuint (unsigned_reply.status, ==, 403);
    post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", OTHER_TOKEN,
                 INBOUND_SMS (sid2, "Hi"), NULL, &wrong);
    g_assert_cmpuint (wrong.status, ==, 403);
    post_signed (&relay, "/twilio/messages/status", "/twilio/messages/inbound", TOKEN,
                 INBOUND_SMS (sid2, "Hi"), NULL, &replayed);
    g_assert_cmpuint (replayed.status, ==, 403);

    signature = liaison_webhook_signature_compute (TOKEN, signed_url, INBOUND_SMS (sid2, "Hi"));
    body = encode_form (INBOUND_SMS (sid2, "Hi there, send me the wire details"));
    message = build_request (&relay, "/twilio/messages/inbound", "application/x-www-form-urlencoded",
                             body, signature, NULL);
    send_message (&relay, message, &tampered);
    g_assert_cmpuint (tampered.status, ==, 403);

    g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events"), ==, 1);
  }

  /* The URL with the scheme's default port is the same URL (§6.3). */
  {
    g_auto(Reply) reply = { 0, };
    g_autofree char *sid3 = new_sid (&relay, "SM");
    g_autofree char *signed_url = g_strconcat ("https://relay.example.com:443", "/twilio/messages/inbound", NULL);
    g_autofree char *signature = liaison_webhook_signature_compute (TOKEN, signed_url, INBOUND_SMS (sid3, "Port"));
    g_autofree char *body = encode_form (INBOUND_SMS (sid3, "Port"));
    g_autoptr(SoupMessage) message = build_request (&relay, "/twilio/messages/inbound",
                                                    "application/x-www-form-urlencoded", body,
                                                    signature, NULL);

    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  /* The Host header does not matter: the public URL is what was signed. */
  {
    g_auto(Reply) reply = { 0, };
    g_autofree char *sid4 = new_sid (&relay, "SM");
    g_autofree char *signed_url = g_strconcat ("https://attacker.example.net", "/twilio/messages/inbound", NULL);
    g_autofree char *signature = liaison_webhook_signature_compute (TOKEN, signed_url, INBOUND_SMS (sid4, "Host"));
    g_autofree char *body = encode_form (INBOUND_SMS (sid4, "Host"));
    g_autoptr(SoupMessage) message = build_request (&relay, "/twilio/messages/inbound",
                                                    "application/x-www-form-urlencoded", body,
                                                    signature, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Forwarded-Host",
                                  "attacker.example.net");
    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 403);
  }

  /* A JSON body is signed through bodySHA256 in the URL (§6.2). */
  {
    const char *json = "{\"AccountSid\": \"" ACCOUNT "\", \"MessageSid\": \"SMaaaa0000000000000000000000json\","
                       " \"MessageStatus\": \"delivered\", \"To\": \"+15551230000\"}";
    g_autofree char *hash = liaison_webhook_signature_body_sha256 (json, -1);
    g_autofree char *path = g_strconcat ("/twilio/messages/status?bodySHA256=", hash, NULL);
    g_autofree char *signed_url = g_strconcat (PUBLIC_URL, path, NULL);
    g_autofree char *signature = liaison_webhook_signature_compute (TOKEN, signed_url, NULL);
    g_autoptr(SoupMessage) good = build_request (&relay, path, "application/json", json, signature, NULL);
    g_autoptr(SoupMessage) altered = build_request (&relay, path, "application/json",
                                                    "{\"AccountSid\": \"" ACCOUNT "\", \"MessageSid\": \"SMx\"}",
                                                    signature, NULL);
    g_auto(Reply) good_reply = { 0, };
    g_auto(Reply) altered_reply = { 0, };

    send_message (&relay, good, &good_reply);
    g_assert_cmpuint (good_reply.status, ==, 204);
    send_message (&relay, altered, &altered_reply);
    g_assert_cmpuint (altered_reply.status, ==, 403);
    g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE kind = 'message.status'"), ==, 1);
  }

  /* /metrics counts the refusals. */
  {
    g_autofree char *url = g_strconcat (relay.url, "/metrics", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
    g_auto(Reply) reply = { 0, };

    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_nonnull (strstr (reply.body, "liaison_relay_verification_failures_total 6\n"));
    g_assert_nonnull (strstr (reply.body, "liaison_relay_events_stored_total 3\n"));
  }

  relay_stop (&relay);
}

static void
test_token_rotation (void)
{
  Relay relay = { 0, };
  g_autofree char *sid = NULL;
  g_auto(Reply) old_reply = { 0, };
  g_auto(Reply) new_reply = { 0, };
  g_auto(Reply) other_reply = { 0, };

  g_setenv ("LIAISON_TEST_NEW_TOKEN", NEW_TOKEN, TRUE);
  relay_start (&relay, "secondary-token-env = LIAISON_TEST_NEW_TOKEN\n");
  g_unsetenv ("LIAISON_TEST_NEW_TOKEN");

  sid = new_sid (&relay, "SM");
  post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", TOKEN,
               INBOUND_SMS (sid, "old"), NULL, &old_reply);
  g_assert_cmpuint (old_reply.status, ==, 200);
  g_free (sid);
  sid = new_sid (&relay, "SM");
  post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", NEW_TOKEN,
               INBOUND_SMS (sid, "new"), NULL, &new_reply);
  g_assert_cmpuint (new_reply.status, ==, 200);
  g_free (sid);
  sid = new_sid (&relay, "SM");
  post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", OTHER_TOKEN,
               INBOUND_SMS (sid, "other"), NULL, &other_reply);
  g_assert_cmpuint (other_reply.status, ==, 403);

  relay_stop (&relay);
}

static void
test_bad_requests (void)
{
  Relay relay = { 0, };
  g_autofree char *big = g_malloc (100 * 1024 + 1);
  static const struct {
    const char *method;
    const char *path;
    const char *type;
    const char *body;
    guint       status;
  } cases[] = {
    { "POST", "/twilio/nothing", "application/x-www-form-urlencoded", "a=b", 404 },
    { "GET", "/twilio/messages/inbound", NULL, NULL, 405 },
    { "POST", "/twilio/messages/inbound", "text/plain", "hello", 415 },
    { "POST", "/twilio/messages/inbound", "application/x-www-form-urlencoded", "Body=%ZZ%", 400 },
    { "POST", "/twilio/messages/inbound", "application/x-www-form-urlencoded", "Body=%FF%FE", 400 },
    { "POST", "/twilio/messages/status", "application/json", "{\"AccountSid\": ", 400 },
    { "POST", "/twilio/messages/status", "application/json", "[1, 2]", 400 },
  };

  relay_start (&relay, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (relay.url, cases[i].path, NULL);
      g_autoptr(SoupMessage) message = soup_message_new (cases[i].method, url);
      g_auto(Reply) reply = { 0, };

      if (cases[i].body != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].body, strlen (cases[i].body));

          soup_message_set_request_body_from_bytes (message, cases[i].type, bytes);
        }
      send_message (&relay, message, &reply);
      g_test_message ("%s %s: %u", cases[i].method, cases[i].path, reply.status);
      g_assert_cmpuint (reply.status, ==, cases[i].status);
    }

  /* Over the body limit (64 KiB by default): 413 before it is read. */
  {
    g_autofree char *url = g_strconcat (relay.url, "/twilio/messages/inbound", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
    g_autoptr(GBytes) bytes = NULL;
    g_auto(Reply) reply = { 0, };

    memset (big, 'a', 100 * 1024);
    big[100 * 1024] = '\0';
    memcpy (big, "Body=", 5);
    bytes = g_bytes_new (big, strlen (big));
    soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 413);
  }

  /* Still alive, and nothing was stored. */
  {
    g_autofree char *url = g_strconcat (relay.url, "/healthz", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
    g_auto(Reply) reply = { 0, };

    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events"), ==, 0);
  }

  relay_stop (&relay);
}

#define STATUS(sid, status) \
  (const char * const []) { "AccountSid", ACCOUNT, "ApiVersion", "2010-04-01", "From", "+15005550006", \
                            "MessageSid", sid, "MessageStatus", status, "SmsSid", sid, \
                            "SmsStatus", status, "To", "+15551230000", NULL }

static void
test_duplicates_and_order (void)
{
  Relay relay = { 0, };
  g_autofree char *sid = NULL;
  g_autofree char *sid2 = NULL;
  const char *order[] = { "queued", "delivered", "sent", "sending", "delivered" };

  relay_start (&relay, NULL);
  sid = new_sid (&relay, "SM");

  /* The same webhook three times with Twilio's idempotency token, then once
   * more as a retry without it: stored once, every one answered 2xx. */
  for (guint i = 0; i < 4; i++)
    {
      g_auto(Reply) reply = { 0, };

      post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", TOKEN,
                   INBOUND_SMS (sid, "Once"), i < 3 ? "idem-1" : NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
    }
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events"), ==, 1);

  /* Statuses out of order: delivered arrives before sent and sending; those
   * are acknowledged and dropped; a second delivered is a duplicate. */
  sid2 = new_sid (&relay, "SM");
  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_auto(Reply) reply = { 0, };
      g_autofree char *token = g_strdup_printf ("status-%" G_GSIZE_FORMAT, i);

      post_signed (&relay, "/twilio/messages/status", "/twilio/messages/status", TOKEN,
                   STATUS (sid2, order[i]), token, &reply);
      g_assert_cmpuint (reply.status, ==, 204);
    }
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE kind = 'message.status'"), ==, 2);
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE status = 'delivered'"), ==, 1);
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE status IN ('sent', 'sending')"), ==, 0);
  g_assert_cmpint (count_rows (&relay, "SELECT rank FROM statuses"), ==, 5);

  relay_stop (&relay);
}

/* Voice: the inbound call gets TwiML that records a voicemail with a
 * transcription, and the Dial action falls back to it on no-answer. */
static void
test_voice_twiml (void)
{
  Relay relay = { 0, };
  g_autofree char *call = NULL;
  g_auto(Reply) inbound = { 0, };
  g_auto(Reply) dial = { 0, };
  g_auto(Reply) answered = { 0, };
  g_auto(Reply) voicemail = { 0, };

  relay_start (&relay, NULL);
  call = new_sid (&relay, "CA");

  {
    const char * const params[] = { "AccountSid", ACCOUNT, "ApiVersion", "2010-04-01", "CallSid", call,
                                    "CallStatus", "ringing", "Called", "+15005550006",
                                    "Caller", "+15551230000", "Direction", "inbound",
                                    "From", "+15551230000", "To", "+15005550006", NULL };

    post_signed (&relay, "/twilio/voice/inbound", "/twilio/voice/inbound", TOKEN, params, NULL, &inbound);
  }
  g_assert_cmpuint (inbound.status, ==, 200);
  g_assert_nonnull (strstr (inbound.body, "<Record action=\"" PUBLIC_URL "/twilio/voice/voicemail\""));
  g_assert_nonnull (strstr (inbound.body, "transcribeCallback=\"" PUBLIC_URL "/twilio/transcriptions\""));

  {
    const char * const no_answer[] = { "AccountSid", ACCOUNT, "CallSid", call, "DialCallStatus", "no-answer",
                                       "DialCallSid", "CAaaaa00000000000000000000000dial", NULL };
    const char * const completed[] = { "AccountSid", ACCOUNT, "CallSid", call, "DialCallStatus", "completed",
                                       "DialCallSid", "CAaaaa00000000000000000000000dia2", NULL };

    post_signed (&relay, "/twilio/voice/dial", "/twilio/voice/dial", TOKEN, no_answer, NULL, &dial);
    post_signed (&relay, "/twilio/voice/dial", "/twilio/voice/dial", TOKEN, completed, NULL, &answered);
  }
  g_assert_cmpuint (dial.status, ==, 200);
  g_assert_nonnull (strstr (dial.body, "<Record "));
  g_assert_nonnull (strstr (answered.body, "<Hangup/>"));

  {
    const char * const params[] = { "AccountSid", ACCOUNT, "CallSid", call,
                                    "RecordingSid", "REaaaa000000000000000000000000vm",
                                    "RecordingDuration", "12", "RecordingUrl", "https://api.twilio.com/x", NULL };

    post_signed (&relay, "/twilio/voice/voicemail", "/twilio/voice/voicemail", TOKEN, params, NULL, &voicemail);
  }
  g_assert_cmpuint (voicemail.status, ==, 200);
  g_assert_nonnull (strstr (voicemail.body, "<Hangup/>"));

  /* Every answer is well-formed XML. */
  {
    const char *bodies[] = { inbound.body, dial.body, answered.body, voicemail.body };

    for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        static const GMarkupParser parser = { 0, };
        g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
        g_autoptr(GError) error = NULL;

        g_markup_parse_context_parse (context, bodies[i], -1, &error);
        g_assert_no_error (error);
        g_markup_parse_context_end_parse (context, &error);
        g_assert_no_error (error);
      }
  }

  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE sid LIKE 'CA%'"), ==, 4);
  relay_stop (&relay);
}

/* SIGKILL while signed webhooks pour in: every one answered 2xx is in the
 * database afterwards. */

typedef struct {
  Relay     *relay;
  GPtrArray *acknowledged;   /* MessageSid */
  guint      pending;
  guint      answered;
  gboolean   killed;
} Load;

typedef struct {
  Load *load;
  char *sid;
} LoadRequest;

static void
load_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadRequest *request = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  if (bytes != NULL && soup_message_get_status (message) == 200)
    g_ptr_array_add (request->load->acknowledged, g_steal_pointer (&request->sid));
  request->load->pending--;
  request->load->answered++;
  g_free (request->sid);
  g_free (request);
}

static void
test_sigkill_durability (void)
{
  Relay relay = { 0, };
  Load load = { &relay, g_ptr_array_new_with_free_func (g_free), 0, 0, FALSE };
  guint sent = 0;

  relay_start (&relay, NULL);

  /* Keep 32 requests in flight; kill the relay once 200 were answered. */
  while (!load.killed || load.pending > 0)
    {
      while (!load.killed && load.pending < 32)
        {
          LoadRequest *request = g_new0 (LoadRequest, 1);
          g_autofree char *signed_url = g_strconcat (PUBLIC_URL, "/twilio/messages/inbound", NULL);
          g_autofree char *signature = NULL;
          g_autofree char *body = NULL;
          g_autoptr(SoupMessage) message = NULL;

          request->load = &load;
          request->sid = new_sid (&relay, "SM");
          signature = liaison_webhook_signature_compute (TOKEN, signed_url, INBOUND_SMS (request->sid, "Load"));
          body = encode_form (INBOUND_SMS (request->sid, "Load"));
          message = build_request (&relay, "/twilio/messages/inbound", "application/x-www-form-urlencoded",
                                   body, signature, NULL);
          soup_session_send_and_read_async (relay.session, message, G_PRIORITY_DEFAULT, NULL,
                                            load_sent_cb, request);
          load.pending++;
          sent++;
        }
      g_main_context_iteration (NULL, TRUE);
      if (!load.killed && load.answered >= 200)
        {
          g_assert_true (kill ((pid_t) atoi (g_subprocess_get_identifier (relay.process)), SIGKILL) == 0);
          load.killed = TRUE;
        }
    }
  g_subprocess_wait (relay.process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (relay.process));
  g_clear_object (&relay.process);

  g_test_message ("%u sent, %u acknowledged before SIGKILL", sent, load.acknowledged->len);
  g_assert_cmpuint (load.acknowledged->len, >=, 150);

  /* Restart on the same database (recovering its WAL), then check. */
  relay_start_full (&relay, 0);
  for (guint i = 0; i < load.acknowledged->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE sid = '%s'",
                                              (const char *) g_ptr_array_index (load.acknowledged, i));

      g_assert_cmpint (count_rows (&relay, sql), ==, 1);
    }

  g_ptr_array_unref (load.acknowledged);
  relay_stop (&relay);
}

/* A file size limit makes the disk "full" under the relay: it answers 503,
 * never 2xx for what it could not store, and keeps running. */
static void
test_disk_full (void)
{
  Relay relay = { 0, };
  g_autofree char *filler = g_malloc (40 * 1024 + 1);
  guint ok = 0, unavailable = 0;
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);

  relay.dir = liaison_test_mkdtemp ();
  relay.config_path = g_build_filename (relay.dir, "relay.conf", NULL);
  relay.db_path = g_build_filename (relay.dir, "relay.db", NULL);
  relay.session = soup_session_new ();
  relay_write_config (&relay, NULL);
  relay_start_full (&relay, 512 * 1024);

  memset (filler, 'x', 40 * 1024);
  filler[40 * 1024] = '\0';

  for (guint i = 0; i < 40 && unavailable < 3; i++)
    {
      g_auto(Reply) reply = { 0, };
      g_autofree char *sid = new_sid (&relay, "SM");

      post_signed (&relay, "/twilio/messages/inbound", "/twilio/messages/inbound", TOKEN,
                   INBOUND_SMS (sid, filler), NULL, &reply);
      if (reply.status == 200)
        {
          ok++;
          g_ptr_array_add (acknowledged, g_steal_pointer (&sid));
        }
      else
        {
          g_assert_cmpuint (reply.status, ==, 503);
          unavailable++;
        }
    }

  g_test_message ("%u stored, then %u answered 503", ok, unavailable);
  g_assert_cmpuint (ok, >, 0);
  g_assert_cmpuint (unavailable, >, 0);

  /* Still answering, and what was acknowledged is there. */
  {
    g_autofree char *url = g_strconcat (relay.url, "/healthz", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
    g_auto(Reply) reply = { 0, };

    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }
  relay_kill (&relay);
  for (guint i = 0; i < acknowledged->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE sid = '%s'",
                                              (const char *) g_ptr_array_index (acknowledged, i));

      g_assert_cmpint (count_rows (&relay, sql), ==, 1);
    }

  relay_stop (&relay);
}

/* SIGTERM while webhooks are under way: those already received are answered
 * (and stored) before the relay exits 0. */
static void
test_graceful_shutdown (void)
{
  Relay relay = { 0, };
  Load load = { &relay, g_ptr_array_new_with_free_func (g_free), 0, 0, FALSE };
  g_autofree char *signed_url = g_strconcat (PUBLIC_URL, "/twilio/messages/inbound", NULL);

  relay_start (&relay, NULL);

  for (guint i = 0; i < 40; i++)
    {
      LoadRequest *request = g_new0 (LoadRequest, 1);
      g_autofree char *signature = NULL;
      g_autofree char *body = NULL;
      g_autoptr(SoupMessage) message = NULL;

      request->load = &load;
      request->sid = new_sid (&relay, "SM");
      signature = liaison_webhook_signature_compute (TOKEN, signed_url, INBOUND_SMS (request->sid, "Bye"));
      body = encode_form (INBOUND_SMS (request->sid, "Bye"));
      message = build_request (&relay, "/twilio/messages/inbound", "application/x-www-form-urlencoded",
                               body, signature, NULL);
      soup_session_send_and_read_async (relay.session, message, G_PRIORITY_DEFAULT, NULL,
                                        load_sent_cb, request);
      load.pending++;
    }
  /* Stop as soon as the first answers come back: others are in flight. */
  while (load.answered == 0)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_send_signal (relay.process, SIGTERM);
  while (load.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_subprocess_wait (relay.process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (relay.process));
  g_assert_cmpint (g_subprocess_get_exit_status (relay.process), ==, 0);
  g_clear_object (&relay.process);

  g_test_message ("%u of 40 answered 200 around the SIGTERM", load.acknowledged->len);
  g_assert_cmpuint (load.acknowledged->len, >, 0);
  for (guint i = 0; i < load.acknowledged->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE sid = '%s'",
                                              (const char *) g_ptr_array_index (load.acknowledged, i));

      g_assert_cmpint (count_rows (&relay, sql), ==, 1);
    }

  g_ptr_array_unref (load.acknowledged);
  relay_stop (&relay);
}

/* The desktops' stream */

#define JANE_TOKEN "jane-desk-token-0001"
#define BOB_TOKEN  "bob-desk-token-0002"
#define JANE_NUMBER "+15005550006"
#define BOB_NUMBER  "+15005550007"

static char *
advisors_config (void)
{
  g_autofree char *jane = g_compute_checksum_for_string (G_CHECKSUM_SHA256, JANE_TOKEN, -1);
  g_autofree char *bob = g_compute_checksum_for_string (G_CHECKSUM_SHA256, BOB_TOKEN, -1);

  return g_strdup_printf ("[advisor jane]\ntoken-sha256 = %s\nnumbers = " JANE_NUMBER "\n"
                          "[advisor bob]\ntoken-sha256 = %s\nnumbers = " BOB_NUMBER ", +15005550008\n",
                          jane, bob);
}

#define SMS_TO(sid, body, to) \
  (const char * const []) { "AccountSid", ACCOUNT, "Body", body, "From", "+15551230000", \
                            "MessageSid", sid, "NumMedia", "0", "To", to, NULL }

static void
post_sms (Relay      *relay,
          const char *to,
          const char *body,
          char      **out_sid)
{
  g_auto(Reply) reply = { 0, };
  g_autofree char *sid = new_sid (relay, "SM");

  post_signed (relay, "/twilio/messages/inbound", "/twilio/messages/inbound", TOKEN,
               SMS_TO (sid, body, to), NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  if (out_sid != NULL)
    *out_sid = g_steal_pointer (&sid);
}

static JsonNode *
get_json (Relay      *relay,
          const char *method,
          const char *path_and_query,
          const char *token,
          const char *client,
          const char *form,
          guint       expected_status)
{
  g_autofree char *url = g_strconcat (relay->url, path_and_query, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Reply) reply = { 0, };

  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
    }
  if (client != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", client);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    }
  send_message (relay, message, &reply);
  g_assert_cmpuint (reply.status, ==, expected_status);
  json_parser_load_from_data (parser, reply.body, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_long_poll_and_isolation (void)
{
  Relay relay = { 0, };
  g_autofree char *advisors = advisors_config ();
  g_autofree char *jane_sid = NULL;
  g_autofree char *bob_sid = NULL;
  g_autoptr(JsonNode) jane = NULL;
  g_autoptr(JsonNode) bob = NULL;
  g_autoptr(JsonNode) denied = NULL;
  g_autoptr(JsonNode) nameless = NULL;
  JsonArray *events;
  gint64 cursor;

  relay_start (&relay, advisors);
  post_sms (&relay, JANE_NUMBER, "For Jane", &jane_sid);
  post_sms (&relay, BOB_NUMBER, "For Bob", &bob_sid);
  post_sms (&relay, "+15005550099", "For nobody", NULL);

  /* Each advisor sees its own numbers' events only. */
  jane = get_json (&relay, "GET", "/v1/events?after=0", JANE_TOKEN, "desk-1", NULL, 200);
  events = json_object_get_array_member (json_node_get_object (jane), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "sid"), ==, jane_sid);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (events, 0), "params"), "Body"),
                   ==, "For Jane");
  cursor = json_object_get_int_member (json_node_get_object (jane), "cursor");
  g_assert_cmpint (cursor, ==, json_object_get_int_member (json_array_get_object_element (events, 0), "cursor"));

  bob = get_json (&relay, "GET", "/v1/events?after=0", BOB_TOKEN, "desk-9", NULL, 200);
  events = json_object_get_array_member (json_node_get_object (bob), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "sid"), ==, bob_sid);

  /* Without a valid token or a client id: refused. */
  denied = get_json (&relay, "GET", "/v1/events?after=0", "not-a-token", "desk-1", NULL, 401);
  nameless = get_json (&relay, "GET", "/v1/events?after=0", JANE_TOKEN, NULL, NULL, 400);

  /* A long poll waits for the next event and returns it. */
  {
    g_autofree char *path = g_strdup_printf ("%s/v1/events?after=%" G_GINT64_FORMAT "&wait=30",
                                             relay.url, cursor);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", path);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *new_sid_text = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  "Bearer " JANE_TOKEN);
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", "desk-1");
    soup_session_send_and_read_async (relay.session, message, G_PRIORITY_DEFAULT, NULL,
                                      liaison_test_async_cb, &result);
    /* Let the poll reach the relay and park. */
    for (guint i = 0; i < 50 && result == NULL; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_null (result);

    post_sms (&relay, BOB_NUMBER, "Bob again", NULL);
    post_sms (&relay, JANE_NUMBER, "Jane again", &new_sid_text);
    liaison_test_wait (&result);
    bytes = soup_session_send_and_read_finish (relay.session, result, &error);
    g_assert_no_error (error);
    root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
    g_assert_no_error (error);
    events = json_object_get_array_member (json_node_get_object (root), "events");
    g_assert_cmpuint (json_array_get_length (events), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "sid"),
                     ==, new_sid_text);
  }

  relay_stop (&relay);
}

typedef struct {
  SoupWebsocketConnection *connection;
  GPtrArray               *events;   /* JsonNode of each "event" */
  gboolean                 closed;
} Desk;

static void
desk_message_cb (SoupWebsocketConnection *connection,
                 gint                     type,
                 GBytes                  *message,
                 gpointer                 user_data)
{
  Desk *desk = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (message, NULL), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "type"), ==, "event");
  g_ptr_array_add (desk->events, json_node_copy (json_object_get_member (json_node_get_object (root), "event")));
}

static void
desk_closed_cb (SoupWebsocketConnection *connection,
                gpointer                 user_data)
{
  Desk *desk = user_data;

  desk->closed = TRUE;
}

static Desk *
desk_connect (Relay      *relay,
              const char *token,
              const char *client,
              gint64      after)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/stream?after=%" G_GINT64_FORMAT, relay->url, after);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
  Desk *desk = g_new0 (Desk, 1);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", client);
  soup_session_websocket_connect_async (relay->session, message, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  desk->connection = soup_session_websocket_connect_finish (relay->session, result, &error);
  if (desk->connection == NULL)
    {
      g_free (desk);
      return NULL;
    }
  desk->events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_signal_connect (desk->connection, "message", G_CALLBACK (desk_message_cb), desk);
  g_signal_connect (desk->connection, "closed", G_CALLBACK (desk_closed_cb), desk);
  return desk;
}

static void
desk_wait_events (Desk  *desk,
                  guint  n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (desk->events->len < n && !desk->closed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (desk->events->len, ==, n);
}

static const char *
desk_event_sid (Desk *desk,
                guint i)
{
  return json_object_get_string_member (json_node_get_object (g_ptr_array_index (desk->events, i)), "sid");
}

static gint64
desk_event_cursor (Desk *desk,
                   guint i)
{
  return json_object_get_int_member (json_node_get_object (g_ptr_array_index (desk->events, i)), "cursor");
}

static void
desk_ack (Desk   *desk,
          gint64  cursor)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"ack\",\"cursor\":%" G_GINT64_FORMAT "}", cursor);

  soup_websocket_connection_send_text (desk->connection, text);
}

static void
desk_close (Desk *desk)
{
  if (soup_websocket_connection_get_state (desk->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (desk->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  while (!desk->closed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (desk->connection, desk);
  g_object_unref (desk->connection);
  g_ptr_array_unref (desk->events);
  g_free (desk);
}

/* Waits until the relay has deleted down to @expected events. */
static void
wait_event_count (Relay  *relay,
                  gint64  expected)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gint64 count;

  while ((count = count_rows (relay, "SELECT count(*) FROM events")) != expected
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (count, ==, expected);
}

static void
test_websocket_resume_and_custody (void)
{
  Relay relay = { 0, };
  g_autofree char *advisors = advisors_config ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *missed = NULL;
  Desk *desk;
  Desk *other;
  gint64 last;

  relay_start (&relay, advisors);
  post_sms (&relay, JANE_NUMBER, "One", &first);
  post_sms (&relay, BOB_NUMBER, "Bob's", NULL);

  /* Unauthenticated upgrades are refused. */
  g_assert_null (desk_connect (&relay, "wrong", "desk-1", 0));

  /* The backlog first, then live events, in order; never Bob's. */
  desk = desk_connect (&relay, JANE_TOKEN, "desk-1", 0);
  g_assert_nonnull (desk);
  desk_wait_events (desk, 1);
  g_assert_cmpstr (desk_event_sid (desk, 0), ==, first);
  post_sms (&relay, BOB_NUMBER, "Bob's again", NULL);
  post_sms (&relay, JANE_NUMBER, "Two", &second);
  desk_wait_events (desk, 2);
  g_assert_cmpstr (desk_event_sid (desk, 1), ==, second);
  g_assert_cmpint (desk_event_cursor (desk, 1), >, desk_event_cursor (desk, 0));
  last = desk_event_cursor (desk, 1);

  /* A second desktop of Jane's registers; then the first one drops. */
  other = desk_connect (&relay, JANE_TOKEN, "desk-2", 0);
  desk_wait_events (other, 2);
  desk_close (desk);

  /* While it is away an event comes; on resuming from its cursor it gets
   * exactly what it missed. */
  post_sms (&relay, JANE_NUMBER, "While away", &missed);
  desk_wait_events (other, 3);
  desk = desk_connect (&relay, JANE_TOKEN, "desk-1", last);
  desk_wait_events (desk, 1);
  g_assert_cmpstr (desk_event_sid (desk, 0), ==, missed);

  /* Zero custody: deleted only once both of Jane's desktops acknowledged.
   * 5 events: Jane's 3, Bob's 2 (Bob has no desktop yet: they stay). */
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events"), ==, 5);
  desk_ack (desk, desk_event_cursor (desk, 0));
  desk_wait_events (desk, 1);
  /* desk-1 acknowledged everything up to the last; desk-2 nothing yet. */
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events"), ==, 5);
  desk_ack (other, desk_event_cursor (other, 1));
  wait_event_count (&relay, 3);
  desk_ack (other, desk_event_cursor (other, 2));
  wait_event_count (&relay, 2);
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE to_number = '" JANE_NUMBER "'"), ==, 0);

  /* Acknowledging what was never sent closes the stream. */
  desk_ack (desk, desk_event_cursor (desk, 0) + 1000);
  while (!desk->closed)
    g_main_context_iteration (NULL, TRUE);

  desk_close (desk);
  desk_close (other);
  relay_stop (&relay);
}

/* Events older than the retention are deleted at start, delivered or not. */
static void
test_retention (void)
{
  Relay relay = { 0, };
  sqlite3 *db = NULL;
  gint64 old = g_get_real_time () - (gint64) 3 * 3600 * G_USEC_PER_SEC;
  g_autofree char *sql = NULL;

  relay_start (&relay, "[relay]\nretention-hours = 2\n");
  post_sms (&relay, JANE_NUMBER, "Recent", NULL);
  relay_kill (&relay);

  g_assert_cmpint (sqlite3_open (relay.db_path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("INSERT INTO events (received_at, kind, account_sid, sid, payload)"
                         " VALUES (%" G_GINT64_FORMAT ", 'message.inbound', '" ACCOUNT "', 'SMold', '{}')", old);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events"), ==, 2);

  relay_start_full (&relay, 0);
  wait_event_count (&relay, 1);
  g_assert_cmpint (count_rows (&relay, "SELECT count(*) FROM events WHERE sid = 'SMold'"), ==, 0);
  relay_stop (&relay);
}

/* POSTs a form to the simulator's control API; @out_sid gets "sid". */
static void
sim_post (Relay          *relay,
          LiaisonTestSim *sim,
          const char     *path,
          const char     *form,
          char          **out_sid)
{
  g_autofree char *url = g_strconcat (sim->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_auto(Reply) reply = { 0, };

  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", body);
  send_message (relay, message, &reply);
  g_test_message ("%s: %u %s", path, reply.status, reply.body);
  g_assert_cmpuint (reply.status, ==, 200);
  if (out_sid != NULL)
    {
      g_autoptr(JsonNode) root = json_from_string (reply.body, NULL);

      g_assert_nonnull (root);
      *out_sid = g_strdup (json_object_get_string_member (json_node_get_object (root), "sid"));
    }
}

/* End to end: liaison-sim delivers an inbound text to the relay exactly as
 * Twilio would (signed for the relay's URL), and a desktop gets it. */
static void
test_end_to_end_with_sim (void)
{
  Relay relay = { 0, };
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTestSim) sim = NULL;
  g_autofree char *advisors = advisors_config ();
  g_autofree char *extra = NULL;
  g_autofree char *number = NULL;
  g_autofree char *public_url = NULL;
  g_autoptr(JsonNode) answer = NULL;
  Desk *desk;
  guint port;

  /* A free port, so that the public URL can be the relay's own address. */
  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (probe, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (probe, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (probe, NULL);

  public_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  extra = g_strdup_printf ("%s[relay]\nport = %u\npublic-url = %s\n", advisors, port, public_url);
  relay_start (&relay, extra);

  number = g_strdup_printf (JANE_NUMBER ":%s/twilio/messages/inbound", public_url);
  sim = liaison_test_sim_start ("--account", ACCOUNT ":" TOKEN, "--number", number, NULL);

  desk = desk_connect (&relay, JANE_TOKEN, "desk-1", 0);
  g_assert_nonnull (desk);

  {
    g_autofree char *url = g_strconcat (sim->url, "/_sim/inbound/sms", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
    g_autoptr(GBytes) body = g_bytes_new_static ("From=%2B15551230000&To=%2B15005550006&Body=Call+me+back",
                                                 strlen ("From=%2B15551230000&To=%2B15005550006&Body=Call+me+back"));
    g_auto(Reply) reply = { 0, };

    soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", body);
    send_message (&relay, message, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    answer = json_from_string (reply.body, &error);
    g_assert_no_error (error);
    /* The relay answered the simulator's signed webhook with 200. */
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "webhook_status"), ==, 200);
  }

  desk_wait_events (desk, 1);
  g_assert_cmpstr (desk_event_sid (desk, 0), ==,
                   json_object_get_string_member (json_node_get_object (answer), "sid"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (g_ptr_array_index (desk->events, 0)), "params"), "Body"),
                   ==, "Call me back");

  /* An inbound call through the simulator: the relay answers with its
   * voicemail TwiML (no policy), the simulator plays it and records the
   * caller, and the desktop gets the call and then the voicemail. */
  {
    g_autofree char *voice_url = g_strdup_printf ("%s/twilio/voice/inbound", public_url);
    g_autofree char *sms_url = g_strdup_printf ("%s/twilio/messages/inbound", public_url);
    g_autofree char *sms_escaped = g_uri_escape_string (sms_url, NULL, FALSE);
    g_autofree char *voice_escaped = g_uri_escape_string (voice_url, NULL, FALSE);
    g_autofree char *numbers_form = NULL;
    g_autofree char *call_sid = NULL;
    const char *call_form = "From=%2B15551230000&To=%2B15005550006&Speech=Please+call+me+about+my+IRA";
    JsonNode *event;

    numbers_form = g_strdup_printf ("PhoneNumber=%%2B15005550006&AccountSid=" ACCOUNT "&SmsUrl=%s&VoiceUrl=%s",
                                    sms_escaped, voice_escaped);
    sim_post (&relay, sim, "/_sim/numbers", numbers_form, NULL);
    sim_post (&relay, sim, "/_sim/inbound/call", call_form, &call_sid);
    g_assert_nonnull (call_sid);

    desk_wait_events (desk, 2);
    event = g_ptr_array_index (desk->events, 1);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event), "kind"), ==, "call.inbound");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event), "sid"), ==, call_sid);

    /* The greeting, the beep and the message take simulated time. */
    sim_post (&relay, sim, "/_sim/clock/advance", "seconds=300", NULL);
    {
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      gboolean voicemail = FALSE;

      while (!voicemail && g_get_monotonic_time () < deadline)
        {
          for (guint i = 0; i < desk->events->len; i++)
            {
              JsonObject *object = json_node_get_object (g_ptr_array_index (desk->events, i));

              voicemail |= g_strcmp0 (json_object_get_string_member (object, "kind"), "call.voicemail") == 0
                           && g_strcmp0 (json_object_get_string_member (object, "sid"), call_sid) == 0;
            }
          if (!voicemail)
            g_main_context_iteration (NULL, TRUE);
        }
      g_assert_true (voicemail);
    }
  }

  desk_close (desk);
  relay_stop (&relay);
}

/* Call routing from the advisor's policy */

/* The value of @attribute of the first <@element> in @twiml (XML entities
 * of URLs undone), as a path below the public URL when it is a URL. */
static char *
twiml_attribute (const char *twiml,
                 const char *element,
                 const char *attribute)
{
  g_autofree char *open = g_strdup_printf ("<%s ", element);
  g_autofree char *key = g_strdup_printf (" %s=\"", attribute);
  const char *start = strstr (twiml, open);
  const char *end_tag;
  const char *value;
  const char *end;
  g_autoptr(GString) text = NULL;

  g_assert_nonnull (start);
  end_tag = strchr (start, '>');
  value = strstr (start, key);
  g_assert_true (value != NULL && value < end_tag);
  value += strlen (key);
  end = strchr (value, '"');
  text = g_string_new_len (value, end - value);
  g_string_replace (text, "&amp;", "&", 0);
  if (g_str_has_prefix (text->str, PUBLIC_URL))
    g_string_erase (text, 0, strlen (PUBLIC_URL));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Posts a voice step as Twilio would and returns its (valid) TwiML. */
G_GNUC_NULL_TERMINATED
static char *
voice_step (Relay      *relay,
            const char *path,
            ...)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_auto(Reply) reply = { 0, };
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  g_ptr_array_add (params, (gpointer) "AccountSid");
  g_ptr_array_add (params, (gpointer) ACCOUNT);
  g_ptr_array_add (params, (gpointer) "CallSid");
  g_ptr_array_add (params, (gpointer) "CAaaaa000000000000000000000000call");
  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (params, (gpointer) name);
      g_ptr_array_add (params, va_arg (args, char *));
    }
  va_end (args);
  g_ptr_array_add (params, NULL);

  post_signed (relay, path, path, TOKEN, (const char * const *) params->pdata, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (g_str_has_prefix (reply.content_type, "text/xml"));
  if (!liaison_twiml_validate (reply.body, &error))
    g_error ("%s: %s\n%s", path, error->message, reply.body);
  return g_steal_pointer (&reply.body);
}

static void
put_policy (Relay      *relay,
            const char *json,
            guint       expected_status,
            char      **out_body)
{
  g_autofree char *url = g_strconcat (relay->url, "/v1/policy", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("PUT", url);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_auto(Reply) reply = { 0, };

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " JANE_TOKEN);
  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", "desk-1");
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  send_message (relay, message, &reply);
  g_test_message ("PUT /v1/policy: %u %s", reply.status, reply.body);
  g_assert_cmpuint (reply.status, ==, expected_status);
  if (out_body != NULL)
    *out_body = g_steal_pointer (&reply.body);
}

#define OPEN_POLICY \
  "{\"time_zone\": \"UTC\", \"hours\": {\"days\": [1,2,3,4,5,6,7], \"start\": \"00:00\", \"end\": \"24:00\"}," \
  " \"forward_to\": [\"+15551230001\", \"+15551230002\"], \"ring_seconds\": 25," \
  " \"screening\": \"unknown\", \"contacts\": [{\"number\": \"+12125550100\", \"name\": \"Pat Doe\"}]," \
  " \"recording\": {\"enabled\": true, \"consent\": \"states\"}," \
  " \"queue\": {\"enabled\": true, \"hold_music_url\": \"https://example.com/hold.mp3\", \"max_wait_seconds\": 60}," \
  " \"emergency_number\": \"+15551230009\", \"greeting\": \"You have reached Jane Smith.\"}"

static void
test_policy_and_routing (void)
{
  Relay relay = { 0, };
  g_autofree char *advisors = advisors_config ();
  g_autofree char *stored = NULL;

  relay_start (&relay, advisors);

  /* No policy yet: every call goes to voicemail. */
  {
    g_autoptr(JsonNode) none = get_json (&relay, "GET", "/v1/policy", JANE_TOKEN, "desk-1", NULL, 404);
    g_autofree char *twiml = voice_step (&relay, "/twilio/voice/inbound", "From", "+12125550100",
                                         "To", JANE_NUMBER, NULL);

    g_assert_nonnull (strstr (twiml, "<Record "));
    g_assert_null (strstr (twiml, "<Dial"));
    g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (none), "error"), "No policy"));
  }

  /* Invalid policies are refused with the field named; a valid one is kept. */
  put_policy (&relay, "{\"ring_seconds\": 500}", 422, NULL);
  put_policy (&relay, "{\"forward_to\": [\"5551230001\"]}", 422, NULL);
  put_policy (&relay, "{\"time_zone\": \"Mars/Olympus\"}", 422, NULL);
  put_policy (&relay, "[1]", 422, NULL);
  put_policy (&relay, OPEN_POLICY, 200, &stored);
  g_assert_nonnull (strstr (stored, "\"screening\":\"unknown\""));

  /* A known contact from New York: no notice (one-party state), no
   * screening, the advisor's numbers rung with dual-channel recording. */
  {
    g_autofree char *twiml = voice_step (&relay, "/twilio/voice/inbound", "From", "+12125550100",
                                         "To", JANE_NUMBER, NULL);

    g_assert_null (strstr (twiml, "recorded"));
    g_assert_nonnull (strstr (twiml, "record=\"record-from-answer-dual\""));
    g_assert_nonnull (strstr (twiml, "timeout=\"25\""));
    g_assert_nonnull (strstr (twiml, "<Number>+15551230001</Number><Number>+15551230002</Number>"));
  }

  /* A stranger from California: the recording notice, then their name. */
  {
    g_autofree char *twiml = voice_step (&relay, "/twilio/voice/inbound", "From", "+14155550123",
                                         "To", JANE_NUMBER, NULL);
    g_autofree char *screened = twiml_attribute (twiml, "Record", "action");
    g_autofree char *screened_twiml = NULL;
    g_autofree char *whisper = NULL;
    g_autofree char *whisper_twiml = NULL;
    g_autofree char *answer = NULL;
    g_autofree char *accept = NULL;
    g_autofree char *refuse = NULL;

    g_assert_nonnull (strstr (twiml, "This call may be recorded."));
    g_assert_cmpstr (screened, ==, "/twilio/voice/screened?advisor=jane");
    g_assert_nonnull (strstr (twiml, "<Redirect method=\"POST\">" PUBLIC_URL "/twilio/voice/screened?advisor=jane</Redirect>"));

    screened_twiml = voice_step (&relay, screened, "From", "+14155550123", "To", JANE_NUMBER,
                                 "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" ACCOUNT "/Recordings/REaaaa",
                                 NULL);
    whisper = twiml_attribute (screened_twiml, "Number", "url");
    g_assert_true (g_str_has_prefix (whisper, "/twilio/voice/whisper?advisor=jane&caller=%2B14155550123&name="));

    /* The advisor hears the recorded name, and accepts with 1. */
    whisper_twiml = voice_step (&relay, whisper, "From", JANE_NUMBER, "To", "+15551230001", NULL);
    g_assert_nonnull (strstr (whisper_twiml, "<Play>https://api.twilio.com/2010-04-01/Accounts/" ACCOUNT "/Recordings/REaaaa</Play>"));
    g_assert_nonnull (strstr (whisper_twiml, "Press 1 to accept."));
    answer = twiml_attribute (whisper_twiml, "Gather", "action");
    accept = voice_step (&relay, answer, "Digits", "1", NULL);
    g_assert_nonnull (strstr (accept, "<Response/>"));
    refuse = voice_step (&relay, answer, "Digits", "9", NULL);
    g_assert_nonnull (strstr (refuse, "<Hangup/>"));
  }

  /* A withheld number: it cannot be placed, so the notice; and screened. */
  {
    g_autofree char *twiml = voice_step (&relay, "/twilio/voice/inbound", "From", "anonymous",
                                         "To", JANE_NUMBER, NULL);

    g_assert_nonnull (strstr (twiml, "This call may be recorded."));
    g_assert_nonnull (strstr (twiml, "Please say your name"));
  }

  /* The Dial's outcome: busy → the queue, no answer → voicemail. */
  {
    g_autofree char *busy = voice_step (&relay, "/twilio/voice/dial?advisor=jane", "DialCallStatus", "busy", NULL);
    g_autofree char *missed = voice_step (&relay, "/twilio/voice/dial?advisor=jane", "DialCallStatus", "no-answer", NULL);
    g_autofree char *done = voice_step (&relay, "/twilio/voice/dial?advisor=jane", "DialCallStatus", "completed",
                                        "DialBridged", "true", NULL);
    g_autofree char *refused = voice_step (&relay, "/twilio/voice/dial?advisor=jane", "DialCallStatus", "completed",
                                           "DialBridged", "false", NULL);
    g_autofree char *wait = NULL;
    g_autofree char *holding = NULL;
    g_autofree char *too_long = NULL;
    g_autofree char *left = NULL;
    g_autofree char *bridged = NULL;

    g_assert_nonnull (strstr (busy, ">liaison-jane</Enqueue>"));
    g_assert_nonnull (strstr (missed, "You have reached Jane Smith."));
    g_assert_nonnull (strstr (missed, "transcribe=\"true\""));
    g_assert_nonnull (strstr (done, "<Hangup/>"));
    /* The advisor refused the whisper: the caller is not cut off. */
    g_assert_nonnull (strstr (refused, "<Record "));

    wait = twiml_attribute (busy, "Enqueue", "waitUrl");
    holding = voice_step (&relay, wait, "QueuePosition", "2", "QueueTime", "10", NULL);
    g_assert_nonnull (strstr (holding, "You are caller number 2."));
    g_assert_nonnull (strstr (holding, "<Play>https://example.com/hold.mp3</Play>"));
    too_long = voice_step (&relay, wait, "QueuePosition", "1", "QueueTime", "61", NULL);
    g_assert_nonnull (strstr (too_long, "<Leave/>"));

    left = voice_step (&relay, "/twilio/voice/queue-done?advisor=jane", "QueueResult", "leave", NULL);
    g_assert_nonnull (strstr (left, "<Record "));
    bridged = voice_step (&relay, "/twilio/voice/queue-done?advisor=jane", "QueueResult", "bridged", NULL);
    g_assert_nonnull (strstr (bridged, "<Hangup/>"));
  }

  /* The desktop moves a call into a conference. */
  {
    g_autofree char *room = voice_step (&relay, "/twilio/voice/conference?advisor=jane&room=jane-1", NULL);
    g_autofree char *bad = voice_step (&relay, "/twilio/voice/conference?advisor=jane&room=a%20b", NULL);

    g_assert_nonnull (strstr (room, "<Conference startConferenceOnEnter=\"true\" endConferenceOnExit=\"false\" "
                                    "beep=\"onEnter\" record=\"record-from-start\">jane-1</Conference>"));
    g_assert_null (strstr (bad, "<Conference"));
  }

  /* The policy outlives a restart. */
  relay_kill (&relay);
  relay_start_full (&relay, 0);
  {
    g_autoptr(JsonNode) policy = get_json (&relay, "GET", "/v1/policy", JANE_TOKEN, "desk-1", NULL, 200);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (policy), "ring_seconds"), ==, 25);
  }

  /* After hours (today is a holiday): the on-call number with 1, else
   * voicemail; an unanswered on-call number never queues. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *closed = g_strdup_printf ("{\"time_zone\": \"UTC\", \"holidays\": [\"%s\"],"
                                               " \"hours\": {\"days\": [1,2,3,4,5,6,7], \"start\": \"00:00\", \"end\": \"24:00\"},"
                                               " \"forward_to\": [\"+15551230001\"], \"emergency_number\": \"+15551230009\","
                                               " \"queue\": {\"enabled\": true}}", today);
    g_autofree char *twiml = NULL;
    g_autofree char *choice = NULL;
    g_autofree char *on_call = NULL;
    g_autofree char *no_choice = NULL;
    g_autofree char *on_call_busy = NULL;

    put_policy (&relay, closed, 200, NULL);
    twiml = voice_step (&relay, "/twilio/voice/inbound", "From", "+12125550100", "To", JANE_NUMBER, NULL);
    g_assert_nonnull (strstr (twiml, "For an emergency, press 1."));
    g_assert_nonnull (strstr (twiml, "<Record "));
    g_assert_null (strstr (twiml, "<Dial"));

    choice = twiml_attribute (twiml, "Gather", "action");
    on_call = voice_step (&relay, choice, "Digits", "1", NULL);
    g_assert_nonnull (strstr (on_call, "<Number>+15551230009</Number>"));
    no_choice = voice_step (&relay, choice, NULL);
    g_assert_nonnull (strstr (no_choice, "<Record "));

    on_call_busy = voice_step (&relay, "/twilio/voice/dial?advisor=jane&after_hours=1", "DialCallStatus", "busy", NULL);
    g_assert_null (strstr (on_call_busy, "<Enqueue"));
    g_assert_nonnull (strstr (on_call_busy, "<Record "));
  }

  /* The calls' steps are Jane's events, not Bob's. */
  {
    g_autoptr(JsonNode) jane = get_json (&relay, "GET", "/v1/events?after=0&limit=5000", JANE_TOKEN, "desk-1", NULL, 200);
    g_autoptr(JsonNode) bob = get_json (&relay, "GET", "/v1/events?after=0", BOB_TOKEN, "desk-9", NULL, 200);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (jane), "events")), >, 5);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (bob), "events")), ==, 0);
  }

  relay_stop (&relay);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_assert_nonnull (g_getenv ("LIAISON_RELAY"));

  g_test_add_func ("/relay/config-errors", test_config_errors);
  g_test_add_func ("/relay/hash-token", test_hash_token);
  g_test_add_func ("/relay/example-config", test_example_config);
  g_test_add_func ("/relay/verification", test_verification);
  g_test_add_func ("/relay/token-rotation", test_token_rotation);
  g_test_add_func ("/relay/bad-requests", test_bad_requests);
  g_test_add_func ("/relay/duplicates-and-order", test_duplicates_and_order);
  g_test_add_func ("/relay/voice-twiml", test_voice_twiml);
  g_test_add_func ("/relay/sigkill-durability", test_sigkill_durability);
  g_test_add_func ("/relay/disk-full", test_disk_full);
  g_test_add_func ("/relay/graceful-shutdown", test_graceful_shutdown);
  g_test_add_func ("/relay/long-poll-and-isolation", test_long_poll_and_isolation);
  g_test_add_func ("/relay/websocket-resume-and-custody", test_websocket_resume_and_custody);
  g_test_add_func ("/relay/retention", test_retention);
  g_test_add_func ("/relay/end-to-end-with-sim", test_end_to_end_with_sim);
  g_test_add_func ("/relay/policy-and-routing", test_policy_and_routing);

  return g_test_run ();
}
