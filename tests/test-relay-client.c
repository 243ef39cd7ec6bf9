/* test-relay-client.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-consent-ledger.h"
#include "liaison-relay-client.h"
#include "liaison-store.h"
#include "liaison-webhook-signature.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

/* LiaisonRelayClient against the real liaison-relay on 127.0.0.1: webhooks
 * are posted to the relay signed as Twilio signs them, the relay streams
 * them to the client, and the client's store (a real SQLite file) is
 * checked. */

#define ACCOUNT      "ACaaaa1111111111111111111111111111"
#define TOKEN        "aaaa1111bbbb2222cccc3333dddd4444"
#define PUBLIC_URL   "https://relay.example.com"
#define JANE_TOKEN   "jane-desk-token-0001"
#define JANE_NUMBER  "+15005550006"
#define CLIENT_PHONE "+15551230000"
#define WAIT_SEC     30

/* The relay (helpers as in test-relay.c) */

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
  prctl (PR_SET_PDEATHSIG, SIGKILL);
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

/* A port free right now, so that a restarted relay can listen on it again. */
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

static void
relay_launch (Relay *relay)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, relay_child_setup, NULL, NULL);
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
relay_start (Relay *relay)
{
  g_autofree char *token_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *jane = g_compute_checksum_for_string (G_CHECKSUM_SHA256, JANE_TOKEN, -1);

  relay->dir = liaison_test_mkdtemp ();
  relay->config_path = g_build_filename (relay->dir, "relay.conf", NULL);
  relay->db_path = g_build_filename (relay->dir, "relay.db", NULL);
  relay->session = soup_session_new ();
  token_path = g_build_filename (relay->dir, "primary.token", NULL);
  write_file (token_path, TOKEN "\n", 0600);
  config = g_strdup_printf ("[relay]\n"
                            "listen = 127.0.0.1\n"
                            "port = %u\n"
                            "public-url = " PUBLIC_URL "\n"
                            "database = %s\n"
                            "\n"
                            "[account " ACCOUNT "]\n"
                            "auth-token-file = primary.token\n"
                            "[advisor jane]\n"
                            "token-sha256 = %s\n"
                            "numbers = " JANE_NUMBER "\n",
                            free_port (), relay->db_path, jane);
  write_file (relay->config_path, config, 0644);
  relay_launch (relay);
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

/* Sends @message (synchronously, as test-relay.c does: the relay answers
 * without waiting for the client). */
static guint
send_message (Relay       *relay,
              SoupMessage *message,
              char       **out_body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = soup_session_send_and_read (relay->session, message, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (message);
}

/* POSTs @params to @path signed with the account's token, as Twilio does. */
static void
post_signed (Relay              *relay,
             const char         *path,
             const char * const *params)
{
  g_autofree char *signed_url = g_strconcat (PUBLIC_URL, path, NULL);
  g_autofree char *signature = liaison_webhook_signature_compute (TOKEN, signed_url, params);
  g_autofree char *body = encode_form (params);
  g_autofree char *url = g_strconcat (relay->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  guint status;

  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Twilio-Signature", signature);
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
  status = send_message (relay, message, NULL);
  g_assert_true (SOUP_STATUS_IS_SUCCESSFUL (status));
}

static char *
new_sid (Relay      *relay,
         const char *prefix)
{
  return g_strdup_printf ("%saaaa%028u", prefix, ++relay->n);
}

#define SMS(sid, body) \
  (const char * const []) { "AccountSid", ACCOUNT, "Body", body, "From", CLIENT_PHONE, \
                            "MessageSid", sid, "NumMedia", "0", "To", JANE_NUMBER, NULL }

static char *
post_sms (Relay      *relay,
          const char *body)
{
  char *sid = new_sid (relay, "SM");

  post_signed (relay, "/twilio/messages/inbound", SMS (sid, body));
  return sid;
}

static void
post_status (Relay      *relay,
             const char *sid,
             const char *status)
{
  post_signed (relay, "/twilio/messages/status",
               (const char * const []) { "AccountSid", ACCOUNT, "From", JANE_NUMBER, "To", CLIENT_PHONE,
                                         "MessageSid", sid, "SmsSid", sid, "MessageStatus", status,
                                         "SmsStatus", status, NULL });
}

static gint64
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The desktop: a store and a client, with what its signals said */

typedef struct {
  char               *dir;
  char               *db_path;
  LiaisonStore       *store;
  LiaisonRelayClient *client;
  guint               n_received;
  guint               n_changed;
  guint               n_consent;
  guint               n_stored;
  gint64              last_message_id;
  guint               n_call_changed;
  guint               n_recording_stored;
  guint               n_voicemail_stored;
  char               *last_call_sid;
  char               *last_recording_sid;
  gint64              last_voicemail_id;
  char               *last_from;
  char               *last_consent;
  GArray             *states;     /* LiaisonRelayState, each change */
} Desk;

static void
message_received_cb (LiaisonRelayClient *client,
                     gint64              message_id,
                     gint64              thread_id,
                     const char         *from,
                     Desk               *desk)
{
  g_assert_cmpint (message_id, >, 0);
  g_assert_cmpint (thread_id, >, 0);
  desk->n_received++;
  desk->last_message_id = message_id;
  g_free (desk->last_from);
  desk->last_from = g_strdup (from);
}

static void
message_changed_cb (LiaisonRelayClient *client,
                    gint64              message_id,
                    gint64              thread_id,
                    Desk               *desk)
{
  desk->n_changed++;
  desk->last_message_id = message_id;
}

static void
consent_changed_cb (LiaisonRelayClient *client,
                    const char         *e164,
                    Desk               *desk)
{
  desk->n_consent++;
  g_free (desk->last_consent);
  desk->last_consent = g_strdup (e164);
}

static void
event_stored_cb (LiaisonRelayClient *client,
                 const char         *kind,
                 const char         *sid,
                 Desk               *desk)
{
  desk->n_stored++;
}

static void
call_changed_cb (LiaisonRelayClient *client,
                 const char         *call_sid,
                 Desk               *desk)
{
  g_assert_nonnull (call_sid);
  desk->n_call_changed++;
  g_free (desk->last_call_sid);
  desk->last_call_sid = g_strdup (call_sid);
}

static void
recording_stored_cb (LiaisonRelayClient *client,
                     const char         *recording_sid,
                     const char         *call_sid,
                     Desk               *desk)
{
  g_assert_nonnull (recording_sid);
  g_assert_nonnull (call_sid);
  desk->n_recording_stored++;
  g_free (desk->last_recording_sid);
  desk->last_recording_sid = g_strdup (recording_sid);
}

static void
voicemail_stored_cb (LiaisonRelayClient *client,
                     gint64              voicemail_id,
                     const char         *call_sid,
                     Desk               *desk)
{
  g_assert_cmpint (voicemail_id, >, 0);
  desk->n_voicemail_stored++;
  desk->last_voicemail_id = voicemail_id;
}

static void
state_cb (LiaisonRelayClient *client,
          GParamSpec         *pspec,
          Desk               *desk)
{
  LiaisonRelayState state = liaison_relay_client_get_state (client);

  g_array_append_val (desk->states, state);
}

static void
desk_new_client (Desk       *desk,
                 Relay      *relay,
                 const char *name,
                 const char *token)
{
  desk->client = liaison_relay_client_new (desk->store, name);
  g_signal_connect (desk->client, "message-received", G_CALLBACK (message_received_cb), desk);
  g_signal_connect (desk->client, "message-changed", G_CALLBACK (message_changed_cb), desk);
  g_signal_connect (desk->client, "consent-changed", G_CALLBACK (consent_changed_cb), desk);
  g_signal_connect (desk->client, "event-stored", G_CALLBACK (event_stored_cb), desk);
  g_signal_connect (desk->client, "call-changed", G_CALLBACK (call_changed_cb), desk);
  g_signal_connect (desk->client, "recording-stored", G_CALLBACK (recording_stored_cb), desk);
  g_signal_connect (desk->client, "voicemail-stored", G_CALLBACK (voicemail_stored_cb), desk);
  g_signal_connect (desk->client, "notify::state", G_CALLBACK (state_cb), desk);
  liaison_relay_client_set_url (desk->client, relay->url);
  liaison_relay_client_set_token (desk->client, token);
}

static void
desk_open (Desk  *desk,
           Relay *relay)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk->dir = liaison_test_mkdtemp ();
  desk->db_path = g_build_filename (desk->dir, "liaison.db", NULL);
  desk->store = liaison_store_new (desk->db_path);
  desk->states = g_array_new (FALSE, FALSE, sizeof (LiaisonRelayState));
  liaison_store_open_async (desk->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (desk->store, result, &error));
  g_assert_no_error (error);
  desk_new_client (desk, relay, "desk-1", JANE_TOKEN);
}

static void
desk_drop_client (Desk *desk)
{
  liaison_relay_client_stop (desk->client);
  g_signal_handlers_disconnect_by_data (desk->client, desk);
  g_clear_object (&desk->client);
}

static void
desk_close (Desk *desk)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (desk->client != NULL)
    desk_drop_client (desk);
  liaison_store_close_async (desk->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (desk->store, result, &error));
  g_clear_object (&desk->store);
  liaison_test_rmdir (desk->dir);
  g_free (desk->dir);
  g_free (desk->db_path);
  g_free (desk->last_from);
  g_free (desk->last_consent);
  g_free (desk->last_call_sid);
  g_free (desk->last_recording_sid);
  g_array_unref (desk->states);
}

static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

/* Iterates until *@counter reaches @n; fails after WAIT_SEC. */
static void
wait_count (guint *counter,
            guint  n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SEC * G_USEC_PER_SEC;

  while (*counter < n && g_get_monotonic_time () < deadline)
    iterate ();
  g_assert_cmpuint (*counter, ==, n);
}

static void
wait_state (Desk              *desk,
            LiaisonRelayState  state)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SEC * G_USEC_PER_SEC;

  while (liaison_relay_client_get_state (desk->client) != state && g_get_monotonic_time () < deadline)
    iterate ();
  g_assert_cmpint (liaison_relay_client_get_state (desk->client), ==, state);
}

/* Lets the main loop run for @msec (to see that nothing more happens). */
static void
run_for (guint msec)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) msec * 1000;

  while (g_get_monotonic_time () < deadline)
    iterate ();
}

static gint64
count_messages (Desk *desk)
{
  return query_int (desk->db_path, "SELECT count(*) FROM messages");
}

/* Tests */

static void
test_inbound (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *sid = NULL;
  g_autofree char *second = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *body = NULL;
  g_autofree char *from = NULL;
  g_autofree char *our = NULL;

  relay_start (&relay);
  desk_open (&desk, &relay);

  /* A second desktop of Jane's is registered and never acknowledges: the
   * relay keeps the events, so that they can be replayed below. */
  {
    g_autofree char *url = g_strconcat (relay.url, "/v1/events?after=0", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " JANE_TOKEN);
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", "desk-2");
    g_assert_cmpuint (send_message (&relay, message, NULL), ==, 200);
  }

  g_assert_cmpint (liaison_relay_client_get_state (desk.client), ==, LIAISON_RELAY_STATE_DISABLED);
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);
  g_assert_null (liaison_relay_client_get_last_error (desk.client));

  sid = post_sms (&relay, "Hello, can we talk about my IRA?");
  wait_count (&desk.n_stored, 1);
  g_assert_cmpuint (desk.n_received, ==, 1);
  g_assert_cmpstr (desk.last_from, ==, CLIENT_PHONE);
  g_assert_cmpint (count_messages (&desk), ==, 1);

  sql = g_strdup_printf ("SELECT body FROM messages WHERE sid = '%s'", sid);
  body = query_text (desk.db_path, sql);
  g_assert_cmpstr (body, ==, "Hello, can we talk about my IRA?");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT from_number FROM messages WHERE sid = '%s' AND direction = 'inbound'", sid);
  from = query_text (desk.db_path, sql);
  g_assert_cmpstr (from, ==, CLIENT_PHONE);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT t.our_number FROM threads t JOIN messages m ON m.thread_id = t.id"
                         " WHERE m.sid = '%s'", sid);
  our = query_text (desk.db_path, sql);
  g_assert_cmpstr (our, ==, JANE_NUMBER);
  g_assert_cmpint (query_int (desk.db_path, "SELECT count(*) FROM threads"), ==, 1);

  /* Twilio retries the same webhook: nothing new. A later message shows
   * that everything before it was handled. */
  post_signed (&relay, "/twilio/messages/inbound", SMS (sid, "Hello, can we talk about my IRA?"));
  second = post_sms (&relay, "Tomorrow works");
  wait_count (&desk.n_stored, 2);
  g_assert_cmpuint (desk.n_received, ==, 2);
  g_assert_cmpint (count_messages (&desk), ==, 2);

  /* The relay sends the same events again to a desktop that lost its
   * cursor: they are stored once, and not announced again. */
  desk_drop_client (&desk);
  exec_sql (desk.db_path, "UPDATE relay_cursor SET cursor = '0'");
  desk_new_client (&desk, &relay, "desk-1", JANE_TOKEN);
  liaison_relay_client_start (desk.client);
  wait_count (&desk.n_stored, 4);
  g_assert_cmpuint (desk.n_received, ==, 2);
  g_assert_cmpint (count_messages (&desk), ==, 2);
  g_assert_cmpint (query_int (desk.db_path, "SELECT count(*) FROM threads"), ==, 1);

  desk_close (&desk);
  relay_stop (&relay);
}

static void
add_outbound_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = liaison_store_add_message_finish (LIAISON_STORE (source), result, NULL, &error);
  g_assert_no_error (error);
}

static char *
message_status (Desk       *desk,
                const char *sid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM messages WHERE sid = '%s'", sid);

  return query_text (desk->db_path, sql);
}

static void
test_statuses (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *sid = NULL;
  g_autofree char *status = NULL;
  g_autofree char *barrier = NULL;
  LiaisonStoreMessageInfo info = { 0, };
  gint64 id = 0;

  relay_start (&relay);
  desk_open (&desk, &relay);

  sid = new_sid (&relay, "SM");
  info.sid = sid;
  info.our_number = JANE_NUMBER;
  info.remote_number = CLIENT_PHONE;
  info.direction = "outbound-api";
  info.body = "Your documents are ready.";
  info.status = "queued";
  liaison_store_add_message_async (desk.store, &info, NULL, add_outbound_cb, &id);
  while (id == 0)
    g_main_context_iteration (NULL, TRUE);

  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);

  post_status (&relay, sid, "sent");
  wait_count (&desk.n_stored, 1);
  g_assert_cmpuint (desk.n_changed, ==, 1);
  g_assert_cmpint (desk.last_message_id, ==, id);
  status = message_status (&desk, sid);
  g_assert_cmpstr (status, ==, "sent");

  post_status (&relay, sid, "delivered");
  wait_count (&desk.n_stored, 2);
  g_assert_cmpuint (desk.n_changed, ==, 2);
  g_clear_pointer (&status, g_free);
  status = message_status (&desk, sid);
  g_assert_cmpstr (status, ==, "delivered");

  /* A late "sent" after "delivered" changes nothing; an inbound text
   * after it shows that the stream got past it. */
  post_status (&relay, sid, "sent");
  barrier = post_sms (&relay, "Thanks!");
  wait_count (&desk.n_received, 1);
  g_assert_cmpuint (desk.n_changed, ==, 2);
  g_clear_pointer (&status, g_free);
  status = message_status (&desk, sid);
  g_assert_cmpstr (status, ==, "delivered");
  g_assert_cmpuint (desk.n_consent, ==, 0);

  /* Error 21610: the recipient had opted out at the carrier. */
  {
    g_autofree char *blocked = new_sid (&relay, "SM");
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    id = 0;
    info.sid = blocked;
    liaison_store_add_message_async (desk.store, &info, NULL, add_outbound_cb, &id);
    while (id == 0)
      g_main_context_iteration (NULL, TRUE);

    post_signed (&relay, "/twilio/messages/status",
                 (const char * const []) { "AccountSid", ACCOUNT, "From", JANE_NUMBER, "To", CLIENT_PHONE,
                                           "MessageSid", blocked, "MessageStatus", "undelivered",
                                           "ErrorCode", "21610",
                                           "ErrorMessage", "Attempt to send to unsubscribed recipient", NULL });
    wait_count (&desk.n_consent, 1);
    g_assert_cmpstr (desk.last_consent, ==, CLIENT_PHONE);
    g_assert_cmpuint (desk.n_changed, ==, 3);
    g_clear_pointer (&status, g_free);
    status = message_status (&desk, blocked);
    g_assert_cmpstr (status, ==, "undelivered");

    liaison_consent_ledger_get_state_async (desk.store, CLIENT_PHONE, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_cmpint (liaison_consent_ledger_get_state_finish (desk.store, result, NULL, &error),
                     ==, LIAISON_CONSENT_OPTED_OUT);
    g_assert_no_error (error);
  }

  desk_close (&desk);
  relay_stop (&relay);
}

static void
test_stop_keyword (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *sid = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonConsentState state;

  relay_start (&relay);
  desk_open (&desk, &relay);
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);

  sid = post_sms (&relay, "STOP");
  wait_count (&desk.n_stored, 1);
  g_assert_cmpuint (desk.n_received, ==, 1);
  g_assert_cmpuint (desk.n_consent, ==, 1);
  g_assert_cmpstr (desk.last_consent, ==, CLIENT_PHONE);

  liaison_consent_ledger_get_state_async (desk.store, CLIENT_PHONE, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  state = liaison_consent_ledger_get_state_finish (desk.store, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, LIAISON_CONSENT_OPTED_OUT);

  /* An ordinary text changes no consent. */
  g_free (post_sms (&relay, "Sorry, wrong number"));
  wait_count (&desk.n_stored, 2);
  g_assert_cmpuint (desk.n_consent, ==, 1);

  desk_close (&desk);
  relay_stop (&relay);
}

static void
test_mms (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *sid = NULL;
  g_autofree char *url0 = NULL;
  g_autofree char *url1 = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *types = NULL;

  relay_start (&relay);
  desk_open (&desk, &relay);
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);

  sid = new_sid (&relay, "MM");
  url0 = g_strdup_printf ("https://api.twilio.com/2010-04-01/Accounts/" ACCOUNT "/Messages/%s/Media/"
                          "MEaaaa0000000000000000000000000001", sid);
  url1 = g_strdup_printf ("https://api.twilio.com/2010-04-01/Accounts/" ACCOUNT "/Messages/%s/Media/"
                          "MEaaaa0000000000000000000000000002", sid);
  post_signed (&relay, "/twilio/messages/inbound",
               (const char * const []) { "AccountSid", ACCOUNT, "Body", "Here are my statements",
                                         "From", CLIENT_PHONE, "To", JANE_NUMBER, "MessageSid", sid,
                                         "NumMedia", "2",
                                         "MediaUrl0", url0, "MediaContentType0", "image/jpeg",
                                         "MediaUrl1", url1, "MediaContentType1", "application/pdf",
                                         NULL });
  wait_count (&desk.n_stored, 1);
  g_assert_cmpuint (desk.n_received, ==, 1);

  sql = g_strdup_printf ("SELECT count(*) FROM message_media mm JOIN messages m ON m.id = mm.message_id"
                         " WHERE m.sid = '%s'", sid);
  g_assert_cmpint (query_int (desk.db_path, sql), ==, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT group_concat (content_type || ' ' || sid, ',') FROM"
                         " (SELECT mm.content_type, mm.sid FROM message_media mm"
                         "  JOIN messages m ON m.id = mm.message_id WHERE m.sid = '%s' ORDER BY mm.id)", sid);
  types = query_text (desk.db_path, sql);
  g_assert_cmpstr (types, ==, "image/jpeg MEaaaa0000000000000000000000000001,"
                              "application/pdf MEaaaa0000000000000000000000000002");
  g_assert_cmpint (query_int (desk.db_path, "SELECT num_media FROM messages"), ==, 2);

  desk_close (&desk);
  relay_stop (&relay);
}

static void
test_cursor (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *saved = NULL;
  g_autofree char *sql = NULL;
  gint64 last;

  relay_start (&relay);
  desk_open (&desk, &relay);

  /* Registered once, then away while three texts come. */
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);
  g_free (post_sms (&relay, "Before"));
  wait_count (&desk.n_stored, 1);
  liaison_relay_client_stop (desk.client);
  g_assert_cmpint (liaison_relay_client_get_state (desk.client), ==, LIAISON_RELAY_STATE_DISABLED);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("While away %u", i);

      g_free (post_sms (&relay, text));
    }
  last = query_int (relay.db_path, "SELECT max(cursor) FROM events");
  g_assert_cmpint (query_int (relay.db_path, "SELECT count(*) FROM events"), >=, 3);

  liaison_relay_client_start (desk.client);
  wait_count (&desk.n_stored, 4);
  g_assert_cmpuint (desk.n_received, ==, 4);
  g_assert_cmpint (count_messages (&desk), ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM messages WHERE body = 'While away %u'", i);

      g_assert_cmpint (query_int (desk.db_path, query), ==, 1);
    }

  /* The cursor is saved for this relay. */
  sql = g_strdup_printf ("SELECT cursor FROM relay_cursor WHERE relay_url = '%s'", relay.url);
  saved = query_text (desk.db_path, sql);
  g_assert_nonnull (saved);
  g_assert_cmpint (g_ascii_strtoll (saved, NULL, 10), ==, last);

  /* Acknowledged: the relay deleted everything. */
  {
    gint64 deadline = g_get_monotonic_time () + WAIT_SEC * G_USEC_PER_SEC;

    while (query_int (relay.db_path, "SELECT count(*) FROM events") != 0 && g_get_monotonic_time () < deadline)
      iterate ();
    g_assert_cmpint (query_int (relay.db_path, "SELECT count(*) FROM events"), ==, 0);
    g_assert_cmpint (query_int (relay.db_path, "SELECT acked FROM clients WHERE client_id = 'desk-1'"), ==, last);
  }

  /* A new client object on the same store resumes from the saved cursor:
   * nothing old again, and the next text arrives. */
  desk_drop_client (&desk);
  desk_new_client (&desk, &relay, "desk-1", JANE_TOKEN);
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);
  g_free (post_sms (&relay, "After"));
  wait_count (&desk.n_stored, 5);
  g_assert_cmpuint (desk.n_received, ==, 5);
  g_assert_cmpint (count_messages (&desk), ==, 5);

  desk_close (&desk);
  relay_stop (&relay);
}

static gboolean
states_contain (Desk              *desk,
                guint              from,
                LiaisonRelayState  state)
{
  for (guint i = from; i < desk->states->len; i++)
    if (g_array_index (desk->states, LiaisonRelayState, i) == state)
      return TRUE;
  return FALSE;
}

static void
test_relay_restart (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *old_url = NULL;
  guint mark;

  relay_start (&relay);
  desk_open (&desk, &relay);
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);
  g_free (post_sms (&relay, "Before the crash"));
  wait_count (&desk.n_stored, 1);

  mark = desk.states->len;
  relay_kill (&relay);
  wait_state (&desk, LIAISON_RELAY_STATE_WAITING);
  g_assert_nonnull (liaison_relay_client_get_last_error (desk.client));
  /* The first retry comes after about a second (1 s ± 20 %, rounded up). */
  g_assert_cmpuint (liaison_relay_client_get_retry_in (desk.client), <=, 2);

  /* Same port, same database. */
  old_url = g_strdup (relay.url);
  relay_launch (&relay);
  g_assert_cmpstr (relay.url, ==, old_url);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);
  g_assert_true (states_contain (&desk, mark, LIAISON_RELAY_STATE_WAITING));
  g_assert_null (liaison_relay_client_get_last_error (desk.client));

  g_free (post_sms (&relay, "After the restart"));
  wait_count (&desk.n_stored, 2);
  g_assert_cmpuint (desk.n_received, ==, 2);
  g_assert_cmpint (query_int (desk.db_path, "SELECT count(*) FROM messages WHERE body = 'After the restart'"), ==, 1);

  desk_close (&desk);
  relay_stop (&relay);
}

static void
test_unauthorized (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  guint n_states;

  relay_start (&relay);
  desk_open (&desk, &relay);
  liaison_relay_client_set_token (desk.client, "not-janes-token");
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_UNAUTHORIZED);
  g_assert_nonnull (liaison_relay_client_get_last_error (desk.client));
  g_assert_false (states_contain (&desk, 0, LIAISON_RELAY_STATE_CONNECTED));

  /* No retry loop: longer than the first backoff, and nothing happens. */
  n_states = desk.states->len;
  run_for (3000);
  g_assert_cmpuint (desk.states->len, ==, n_states);
  g_assert_cmpint (liaison_relay_client_get_state (desk.client), ==, LIAISON_RELAY_STATE_UNAUTHORIZED);

  /* Reconnecting by hand does not help either, until the token changes. */
  liaison_relay_client_reconnect (desk.client);
  g_assert_cmpint (liaison_relay_client_get_state (desk.client), ==, LIAISON_RELAY_STATE_UNAUTHORIZED);
  liaison_relay_client_set_token (desk.client, JANE_TOKEN);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);

  desk_close (&desk);
  relay_stop (&relay);
}

static void
test_put_policy (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *policy = "{\"time_zone\": \"America/New_York\","
                       " \"hours\": {\"days\": [1, 2, 3, 4, 5], \"start\": \"09:00\", \"end\": \"17:00\"},"
                       " \"forward_to\": [\"+15551230001\"], \"ring_seconds\": 22,"
                       " \"greeting\": \"You have reached Jane Smith.\"}";

  relay_start (&relay);
  desk_open (&desk, &relay);

  liaison_relay_client_put_policy_async (desk.client, policy, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_relay_client_put_policy_finish (desk.client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  {
    g_autofree char *url = g_strconcat (relay.url, "/v1/policy", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
    JsonObject *object;

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " JANE_TOKEN);
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", "desk-1");
    g_assert_cmpuint (send_message (&relay, message, &body), ==, 200);
    root = json_from_string (body, &error);
    g_assert_no_error (error);
    object = json_node_get_object (root);
    g_assert_cmpint (json_object_get_int_member (object, "ring_seconds"), ==, 22);
    g_assert_cmpstr (json_object_get_string_member (object, "time_zone"), ==, "America/New_York");
    g_assert_cmpstr (json_object_get_string_member (object, "greeting"), ==, "You have reached Jane Smith.");
  }

  /* A policy the relay refuses: the error carries its reason. */
  liaison_relay_client_put_policy_async (desk.client, "{\"ring_seconds\": 500}", NULL,
                                         liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_relay_client_put_policy_finish (desk.client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "422"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_object (&result);

  /* And a wrong token. */
  liaison_relay_client_set_token (desk.client, "not-janes-token");
  liaison_relay_client_put_policy_async (desk.client, policy, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_relay_client_put_policy_finish (desk.client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);

  desk_close (&desk);
  relay_stop (&relay);
}

/* The real relay never sends bad frames; a small WebSocket server in the
 * test does, to check that the client skips them and keeps going. */

typedef struct {
  GPtrArray               *acks;         /* gint64 cursors, as pointers */
  SoupWebsocketConnection *connection;
  char                    *authorization;
  char                    *client_name;
} BadServer;

static void
bad_message_cb (SoupWebsocketConnection *connection,
                gint                     type,
                GBytes                  *message,
                BadServer               *server)
{
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (message, NULL), NULL);
  JsonObject *object;

  g_assert_nonnull (root);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "ack");
  g_ptr_array_add (server->acks, GINT_TO_POINTER ((int) json_object_get_int_member (object, "cursor")));
}

static void
bad_websocket_cb (SoupServer              *soup_server,
                  SoupServerMessage       *msg,
                  const char              *path,
                  SoupWebsocketConnection *connection,
                  gpointer                 user_data)
{
  BadServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  static const guchar binary[] = { 0xff, 0x00, 0x12 };
  static const char * const frames[] = {
    "not json at all",
    "[1, 2, 3]",
    "{\"type\": \"hello\"}",
    "{\"type\": \"event\"}",
    "{\"type\": \"event\", \"event\": {\"cursor\": \"one\", \"kind\": \"message.inbound\"}}",
    "{\"type\": \"event\", \"event\": {\"cursor\": 1, \"kind\": \"fax.inbound\", \"sid\": \"FXaaaa1\","
    " \"params\": {\"Pages\": \"3\"}}}",
    "{\"type\": \"event\", \"event\": {\"cursor\": 2, \"kind\": \"message.inbound\", \"sid\": null,"
    " \"params\": {\"Body\": \"no numbers\"}}}",
    "{\"type\": \"event\", \"event\": {\"cursor\": 3, \"kind\": \"message.inbound\", \"sid\": \"SMaaaa3\","
    " \"from\": \"+15551230000\", \"to\": \"+15005550006\", \"received_at\": \"2026-11-24T09:00:00Z\","
    " \"params\": {\"Body\": [\"Made it\", \"twice\"], \"From\": \"+15551230000\", \"To\": \"+15005550006\","
    " \"MessageSid\": \"SMaaaa3\", \"NumMedia\": {\"not\": \"a string\"}}}}",
    "{\"type\": \"event\", \"event\": {\"cursor\": 2, \"kind\": \"message.inbound\"}}",
    "{\"type\": \"event\", \"event\": {\"cursor\": 4, \"kind\": \"call.status\", \"sid\": \"CAaaaa4\","
    " \"params\": null}}",
  };

  server->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  server->client_name = g_strdup (soup_message_headers_get_one (headers, "X-Liaison-Client"));
  server->connection = g_object_ref (connection);
  g_signal_connect (connection, "message", G_CALLBACK (bad_message_cb), server);
  soup_websocket_connection_send_binary (connection, binary, sizeof binary);
  for (gsize i = 0; i < G_N_ELEMENTS (frames); i++)
    soup_websocket_connection_send_text (connection, frames[i]);
}

static void
test_malformed_frames (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  BadServer server = { 0, };
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *body = NULL;

  server.acks = g_ptr_array_new ();
  soup_server_add_websocket_handler (soup_server, "/v1/stream", NULL, NULL, bad_websocket_cb, &server, NULL);
  soup_server_listen (soup_server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);
  relay.url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  desk_open (&desk, &relay);
  liaison_relay_client_start (desk.client);
  /* Cursors 1 (a kind this version does not know), 2 (an inbound text
   * without numbers: nothing to store), 3 and 4; not the repeated 2. */
  wait_count (&desk.n_stored, 4);

  g_assert_cmpstr (server.authorization, ==, "Bearer " JANE_TOKEN);
  g_assert_cmpstr (server.client_name, ==, "desk-1");
  g_assert_cmpint (liaison_relay_client_get_state (desk.client), ==, LIAISON_RELAY_STATE_CONNECTED);
  g_assert_cmpuint (desk.n_received, ==, 1);
  g_assert_cmpint (count_messages (&desk), ==, 1);
  body = query_text (desk.db_path, "SELECT body FROM messages WHERE sid = 'SMaaaa3'");
  g_assert_cmpstr (body, ==, "Made it");

  /* Every event with a cursor was acknowledged, in order, once. */
  wait_count (&server.acks->len, 4);
  run_for (100);
  g_assert_cmpuint (server.acks->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (server.acks, i)), ==, i + 1);
  g_assert_cmpuint (desk.n_stored, ==, 4);

  desk_close (&desk);
  /* The client closed the stream on stop. */
  {
    gint64 deadline = g_get_monotonic_time () + WAIT_SEC * G_USEC_PER_SEC;

    while (soup_websocket_connection_get_state (server.connection) != SOUP_WEBSOCKET_STATE_CLOSED
           && g_get_monotonic_time () < deadline)
      iterate ();
    g_assert_cmpint (soup_websocket_connection_get_state (server.connection), ==, SOUP_WEBSOCKET_STATE_CLOSED);
  }
  soup_server_disconnect (soup_server);
  g_signal_handlers_disconnect_by_data (server.connection, &server);
  g_clear_object (&server.connection);
  g_ptr_array_unref (server.acks);
  g_free (server.authorization);
  g_free (server.client_name);
  g_free (relay.url);
}

/* Calls: an inbound call that goes to voicemail, as Twilio reports it to the
 * relay, lands in the desktop's call history. */

#define CALL_FORM(sid, ...) \
  (const char * const []) { "AccountSid", ACCOUNT, "CallSid", sid, "From", CLIENT_PHONE, \
                            "To", JANE_NUMBER, "Direction", "inbound", __VA_ARGS__, NULL }

static char *
call_text (Desk       *desk,
           const char *column,
           const char *sid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM calls WHERE sid = '%s'", column, sid);

  return query_text (desk->db_path, sql);
}

static gint64
call_int (Desk       *desk,
          const char *column,
          const char *sid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM calls WHERE sid = '%s'", column, sid);

  return query_int (desk->db_path, sql);
}

static void
test_calls (void)
{
  Relay relay = { 0, };
  Desk desk = { 0, };
  g_autofree char *call = NULL;
  g_autofree char *outbound = NULL;
  g_autofree char *recording = NULL;
  g_autofree char *status = NULL;
  g_autofree char *recording_url = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missed = NULL;
  g_autoptr(GPtrArray) voicemails = NULL;
  LiaisonStoreCallFilter missed_only = { .missed_only = TRUE };
  guint changed;

  relay_start (&relay);
  desk_open (&desk, &relay);
  liaison_relay_client_start (desk.client);
  wait_state (&desk, LIAISON_RELAY_STATE_CONNECTED);

  call = new_sid (&relay, "CA");
  recording = new_sid (&relay, "RE");
  recording_url = g_strdup_printf ("https://api.twilio.com/2010-04-01/Accounts/" ACCOUNT "/Recordings/%s",
                                   recording);

  /* It rings. */
  post_signed (&relay, "/twilio/voice/inbound", CALL_FORM (call, "CallStatus", "ringing"));
  wait_count (&desk.n_call_changed, 1);
  g_assert_cmpstr (desk.last_call_sid, ==, call);
  status = call_text (&desk, "status", call);
  g_assert_cmpstr (status, ==, "ringing");
  g_clear_pointer (&status, g_free);
  status = call_text (&desk, "remote_number", call);
  g_assert_cmpstr (status, ==, CLIENT_PHONE);
  g_clear_pointer (&status, g_free);

  /* The advisor does not pick up; the caller leaves a voicemail. */
  post_signed (&relay, "/twilio/voice/dial",
               CALL_FORM (call, "CallStatus", "in-progress", "DialCallStatus", "no-answer",
                          "DialCallSid", "CAbbbb0000000000000000000000000001"));
  wait_count (&desk.n_call_changed, 2);
  post_signed (&relay, "/twilio/voice/voicemail",
               CALL_FORM (call, "CallStatus", "in-progress", "RecordingSid", recording,
                          "RecordingUrl", recording_url, "RecordingDuration", "14"));
  wait_count (&desk.n_voicemail_stored, 1);
  g_assert_cmpuint (desk.n_recording_stored, ==, 1);
  g_assert_cmpstr (desk.last_recording_sid, ==, recording);
  post_signed (&relay, "/twilio/voice/status",
               CALL_FORM (call, "CallStatus", "completed", "CallDuration", "40", "SequenceNumber", "3"));
  wait_count (&desk.n_call_changed, 4);
  status = call_text (&desk, "status", call);
  g_assert_cmpstr (status, ==, "completed");
  g_clear_pointer (&status, g_free);
  g_assert_cmpint (call_int (&desk, "duration_s", call), ==, 40);
  g_assert_cmpint (call_int (&desk, "is_missed", call), ==, 1);

  /* The recording's own callback (it names the advisor in its URL). */
  post_signed (&relay, "/twilio/recordings/status?advisor=jane",
               (const char * const []) { "AccountSid", ACCOUNT, "CallSid", call, "RecordingSid", recording,
                                         "RecordingUrl", recording_url, "RecordingStatus", "completed",
                                         "RecordingDuration", "15", "RecordingChannels", "1",
                                         "RecordingSource", "RecordVerb", "ErrorCode", "0", NULL });
  wait_count (&desk.n_recording_stored, 2);
  g_assert_cmpstr (desk.last_recording_sid, ==, recording);
  {
    g_autoptr(LiaisonRecording) stored = NULL;

    liaison_store_get_recording_async (desk.store, recording, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    stored = liaison_store_get_recording_finish (desk.store, result, &error);
    g_clear_object (&result);
    g_assert_no_error (error);
    g_assert_cmpstr (liaison_recording_get_call_sid (stored), ==, call);
    g_assert_cmpstr (liaison_recording_get_status (stored), ==, "completed");
    g_assert_cmpint (liaison_recording_get_duration_s (stored), ==, 15);
    g_assert_cmpstr (liaison_recording_get_media_url (stored), ==, recording_url);
  }

  /* A late "ringing" (Twilio retries) changes nothing; a text after it shows
   * that the stream got past it. */
  changed = desk.n_call_changed;
  post_signed (&relay, "/twilio/voice/status",
               CALL_FORM (call, "CallStatus", "ringing", "SequenceNumber", "1"));
  g_free (post_sms (&relay, "Sorry I missed you"));
  wait_count (&desk.n_received, 1);
  g_assert_cmpuint (desk.n_call_changed, ==, changed);
  status = call_text (&desk, "status", call);
  g_assert_cmpstr (status, ==, "completed");
  g_clear_pointer (&status, g_free);

  /* An event without what the store needs is skipped, not retried forever. */
  post_signed (&relay, "/twilio/voice/status",
               (const char * const []) { "AccountSid", ACCOUNT, "CallSid", "CAnot-a-sid", "From", CLIENT_PHONE,
                                         "To", JANE_NUMBER, "CallStatus", "completed", NULL });
  outbound = new_sid (&relay, "CA");
  post_signed (&relay, "/twilio/voice/status",
               (const char * const []) { "AccountSid", ACCOUNT, "CallSid", outbound, "From", JANE_NUMBER,
                                         "To", CLIENT_PHONE, "Direction", "outbound-api",
                                         "CallStatus", "busy", NULL });
  wait_count (&desk.n_call_changed, changed + 1);
  g_assert_cmpstr (desk.last_call_sid, ==, outbound);
  g_assert_cmpint (query_int (desk.db_path, "SELECT count(*) FROM calls"), ==, 2);

  /* The history as the GUI reads it. */
  liaison_store_list_calls_async (desk.store, &missed_only, NULL, 10, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  missed = liaison_store_list_calls_finish (desk.store, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (missed->len, ==, 1);
  g_assert_cmpstr (liaison_call_get_sid (g_ptr_array_index (missed, 0)), ==, call);
  g_assert_true (liaison_call_get_has_voicemail (g_ptr_array_index (missed, 0)));
  g_assert_cmpstr (liaison_call_get_recording_sid (g_ptr_array_index (missed, 0)), ==, recording);

  liaison_store_list_voicemails_async (desk.store, TRUE, NULL, 10, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  voicemails = liaison_store_list_voicemails_finish (desk.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (voicemails->len, ==, 1);
  g_assert_cmpint (liaison_voicemail_get_id (g_ptr_array_index (voicemails, 0)), ==, desk.last_voicemail_id);
  g_assert_cmpstr (liaison_voicemail_get_from (g_ptr_array_index (voicemails, 0)), ==, CLIENT_PHONE);
  g_assert_cmpint (liaison_voicemail_get_duration_s (g_ptr_array_index (voicemails, 0)), ==, 14);
  g_assert_cmpuint (desk.n_voicemail_stored, ==, 1);

  desk_close (&desk);
  relay_stop (&relay);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_assert_nonnull (g_getenv ("LIAISON_RELAY"));

  g_test_add_func ("/Liaison/RelayClient/inbound", test_inbound);
  g_test_add_func ("/Liaison/RelayClient/statuses", test_statuses);
  g_test_add_func ("/Liaison/RelayClient/stop-keyword", test_stop_keyword);
  g_test_add_func ("/Liaison/RelayClient/mms", test_mms);
  g_test_add_func ("/Liaison/RelayClient/cursor", test_cursor);
  g_test_add_func ("/Liaison/RelayClient/relay-restart", test_relay_restart);
  g_test_add_func ("/Liaison/RelayClient/unauthorized", test_unauthorized);
  g_test_add_func ("/Liaison/RelayClient/put-policy", test_put_policy);
  g_test_add_func ("/Liaison/RelayClient/malformed-frames", test_malformed_frames);
  g_test_add_func ("/Liaison/RelayClient/calls", test_calls);

  return g_test_run ();
}
