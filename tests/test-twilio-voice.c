/* test-twilio-voice.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-voice.h"
#include "liaison-webhook-signature.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* The voice client against liaison-sim. A local SoupServer plays the app's
 * webhook endpoints: it serves TwiML by path and records every request
 * (status callbacks, voice webhooks, action URLs) with its signature
 * checked. Time moves only through POST /_sim/clock/advance, which answers
 * once the callbacks it caused were delivered. */

#define FROM_A    "+15005550006"
#define TO_A      "+14155550100"
#define CLIENT_A  "+14155550123"
#define AGENT_A   "+14155550111"

typedef struct {
  char       *path;
  char       *signature;
  GPtrArray  *params;      /* name, value, … */
  gboolean    signature_ok;
} Hook;

typedef struct {
  LiaisonTestSim      *sim;
  LiaisonTwilioClient *client;
  SoupServer          *server;
  char                *base;       /* "http://127.0.0.1:PORT" */
  GHashTable          *twiml;      /* path → TwiML */
  GPtrArray           *hooks;      /* Hook */
} Fixture;

static void
hook_free (Hook *hook)
{
  g_free (hook->path);
  g_free (hook->signature);
  g_ptr_array_unref (hook->params);
  g_free (hook);
}

static const char *
hook_get (Hook       *hook,
          const char *name)
{
  for (guint i = 0; i + 1 < hook->params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (hook->params, i), name))
      return g_ptr_array_index (hook->params, i + 1);
  return NULL;
}

static void
hook_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *fixture = user_data;
  Hook *hook = g_new0 (Hook, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gboolean get = g_str_equal (soup_server_message_get_method (msg), "GET");
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  const char *tokens[] = { fixture->sim->auth_token, NULL };
  const char * const no_params[] = { NULL };
  g_auto(GStrv) pairs = NULL;
  const char *answer;

  /* A GET carries its parameters in the query, and its signature covers the
   * whole URL alone (TWILIO.md §6.1). */
  if (get)
    {
      text = g_strdup (raw_query != NULL ? raw_query : "");
      url = raw_query != NULL ? g_strconcat (fixture->base, path, "?", raw_query, NULL)
                              : g_strconcat (fixture->base, path, NULL);
    }
  else
    {
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      url = g_strconcat (fixture->base, path, NULL);
    }
  pairs = g_strsplit (text, "&", -1);

  hook->path = g_strdup (path);
  hook->params = g_ptr_array_new_with_free_func (g_free);
  hook->signature = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "X-Twilio-Signature"));
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL)
        continue;
      *eq = '\0';
      name = g_uri_unescape_string (pairs[i], NULL);
      g_strdelimit (eq + 1, "+", ' ');
      g_ptr_array_add (hook->params, g_strdup (name));
      g_ptr_array_add (hook->params, g_uri_unescape_string (eq + 1, NULL));
    }
  g_ptr_array_add (hook->params, NULL);
  hook->signature_ok = hook->signature != NULL
                       && liaison_webhook_signature_validate (tokens, url,
                                                              get ? no_params
                                                                  : (const char * const *) hook->params->pdata,
                                                              NULL, hook->signature);
  g_ptr_array_remove_index (hook->params, hook->params->len - 1);
  g_ptr_array_add (fixture->hooks, hook);

  answer = g_hash_table_lookup (fixture->twiml, path);
  if (answer == NULL)
    answer = "<Response/>";
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->sim = liaison_test_sim_start (NULL);
  fixture->client = liaison_twilio_client_new ();
  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);

  fixture->twiml = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->hooks = g_ptr_array_new_with_free_func ((GDestroyNotify) hook_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, hook_handler, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  {
    GUri *uri = uris->data;

    fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  g_hash_table_unref (fixture->twiml);
  g_ptr_array_unref (fixture->hooks);
  g_free (fixture->base);
}

static char *
hook_url (Fixture    *fixture,
          const char *path)
{
  return g_strconcat (fixture->base, path, NULL);
}

static void
serve (Fixture    *fixture,
       const char *path,
       const char *twiml)
{
  g_hash_table_replace (fixture->twiml, g_strdup (path), g_strdup (twiml));
}

/* The requests @path received, in order (borrowed Hooks). */
static GPtrArray *
hooks_at (Fixture    *fixture,
          const char *path)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < fixture->hooks->len; i++)
    {
      Hook *hook = g_ptr_array_index (fixture->hooks, i);

      if (g_str_equal (hook->path, path))
        {
          g_assert_true (hook->signature_ok);
          g_ptr_array_add (found, hook);
        }
    }
  return found;
}

/* The simulator's control API, without blocking the main context (the
 * webhooks it sends are answered by this process). */
static JsonNode *
sim_control (Fixture            *fixture,
             const char         *path,
             const char * const *form,
             guint               expected_status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *encoded = liaison_twilio_encode_form (form);
  g_autoptr(GBytes) body = g_bytes_new (encoded, strlen (encoded));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  answer = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                             &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
advance (Fixture *fixture,
         guint    seconds)
{
  g_autofree char *text = g_strdup_printf ("%u", seconds);
  const char * const form[] = { "seconds", text, NULL };
  g_autoptr(JsonNode) root = sim_control (fixture, "/_sim/clock/advance", form, 200);

  g_assert_true (json_object_has_member (json_node_get_object (root), "clock"));
}

static void
register_number (Fixture    *fixture,
                 const char *number,
                 const char *voice_path)
{
  g_autofree char *url = hook_url (fixture, voice_path);
  const char * const form[] = { "PhoneNumber", number, "VoiceUrl", url, NULL };
  g_autoptr(JsonNode) root = sim_control (fixture, "/_sim/numbers", form, 200);
}

/* Starts an inbound call; returns its SID. */
static char *
inbound_call (Fixture    *fixture,
              const char *from,
              const char *to,
              const char *digits,
              const char *speech)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *sid;

  g_ptr_array_add (form, (gpointer) "From");
  g_ptr_array_add (form, (gpointer) from);
  g_ptr_array_add (form, (gpointer) "To");
  g_ptr_array_add (form, (gpointer) to);
  if (digits != NULL)
    {
      g_ptr_array_add (form, (gpointer) "Digits");
      g_ptr_array_add (form, (gpointer) digits);
    }
  if (speech != NULL)
    {
      g_ptr_array_add (form, (gpointer) "Speech");
      g_ptr_array_add (form, (gpointer) speech);
    }
  g_ptr_array_add (form, NULL);
  root = sim_control (fixture, "/_sim/inbound/call", (const char * const *) form->pdata, 200);
  sid = json_object_get_string_member (json_node_get_object (root), "sid");
  g_assert_true (g_str_has_prefix (sid, "CA"));
  return g_strdup (sid);
}

static void
dial_outcome (Fixture    *fixture,
              const char *outcome,
              const char *duration,
              const char *to)
{
  const char * const form[] = { "outcome", outcome, "duration", duration, to != NULL ? "To" : NULL, to, NULL };
  g_autoptr(JsonNode) root = sim_control (fixture, "/_sim/calls/dial-outcome", form, 200);
}

/* Client helpers */

static LiaisonTwilioCall *
create_call (Fixture                        *fixture,
             const char                     *to,
             const LiaisonTwilioCallOptions *options,
             GError                        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_create_call_async (fixture->client, to, FROM_A, options, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_call_finish (fixture->client, result, error);
}

static LiaisonTwilioCall *
fetch_call (Fixture    *fixture,
            const char *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioCall *call;

  liaison_twilio_client_fetch_call_async (fixture->client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  call = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return call;
}

static void
assert_call_status (Fixture    *fixture,
                    const char *sid,
                    const char *status)
{
  g_autoptr(LiaisonTwilioCall) call = fetch_call (fixture, sid);

  g_assert_cmpstr (liaison_twilio_call_get_status (call), ==, status);
}

static LiaisonTwilioPage *
finish_list (Fixture       *fixture,
             GAsyncResult **result)
{
  g_autoptr(GError) error = NULL;
  LiaisonTwilioPage *page;

  liaison_test_wait (result);
  page = liaison_twilio_client_list_finish (fixture->client, *result, &error);
  g_assert_no_error (error);
  g_clear_object (result);
  return page;
}

static void
assert_api_error (const GError *error,
                  gint          code)
{
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_nonnull (liaison_twilio_error_get_details (error));
  g_assert_cmpint (liaison_twilio_error_get_details (error)->code, ==, code);
}

/* Models */

static void
test_call_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LiaisonTwilioCall) call = NULL;
  g_autoptr(LiaisonTwilioCall) missing = NULL;
  g_autoptr(LiaisonTwilioParticipant) participant = NULL;
  g_autoptr(LiaisonTwilioParticipant) wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing_error = NULL;
  g_autoptr(GError) wrong_error = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"sid\":\"CAaaaa456789abcdef0123456789abcdef\",\"status\":\"completed\",\"duration\":\"42\","
    "\"direction\":\"outbound-api\",\"to\":\"+14155550100\",\"from\":\"+15005550006\","
    "\"start_time\":\"Tue, 24 Nov 2026 10:00:00 +0000\",\"end_time\":null,\"queue_time\":\"0\"}", -1, &error));
  g_assert_no_error (error);
  call = liaison_twilio_call_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_call_get_sid (call), ==, "CAaaaa456789abcdef0123456789abcdef");
  g_assert_cmpuint (liaison_twilio_call_get_duration (call), ==, 42);
  g_assert_cmpstr (liaison_twilio_call_get_direction (call), ==, "outbound-api");
  g_assert_nonnull (liaison_twilio_call_get_start_time (call));
  g_assert_null (liaison_twilio_call_get_end_time (call));

  g_assert_true (json_parser_load_from_data (parser, "{\"status\":\"queued\"}", -1, &error));
  missing = liaison_twilio_call_new_from_json (json_node_get_object (json_parser_get_root (parser)), &missing_error);
  g_assert_null (missing);
  g_assert_error (missing_error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);

  g_assert_true (json_parser_load_from_data (parser,
    "{\"call_sid\":\"CAaaaa456789abcdef0123456789abcdef\",\"muted\":true,\"hold\":false}", -1, &error));
  participant = liaison_twilio_participant_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_true (liaison_twilio_participant_get_muted (participant));
  g_assert_false (liaison_twilio_participant_get_hold (participant));

  g_assert_true (json_parser_load_from_data (parser,
    "{\"call_sid\":\"CAaaaa456789abcdef0123456789abcdef\",\"muted\":\"yes\"}", -1, &error));
  wrong = liaison_twilio_participant_new_from_json (json_node_get_object (json_parser_get_root (parser)), &wrong_error);
  g_assert_null (wrong);
  g_assert_error (wrong_error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
}

/* Outbound calls */

static void
test_outbound_twiml (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const events[] = { "initiated", "ringing", "answered", "completed", NULL };
  static const char * const expected[] = { "initiated", "ringing", "in-progress", "completed" };
  g_autofree char *status_url = hook_url (fixture, "/status");
  LiaisonTwilioCallOptions options = {
    .twiml = "<Response><Say>Hello there</Say><Pause length=\"4\"/></Response>",
    .status_callback = status_url,
    .status_callback_events = events,
  };
  g_autoptr(LiaisonTwilioCall) call = NULL;
  g_autoptr(LiaisonTwilioCall) done = NULL;
  g_autoptr(GPtrArray) callbacks = NULL;
  g_autoptr(GError) error = NULL;

  call = create_call (fixture, TO_A, &options, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (liaison_twilio_call_get_sid (call), "CA"));
  g_assert_cmpstr (liaison_twilio_call_get_status (call), ==, "queued");
  g_assert_cmpstr (liaison_twilio_call_get_direction (call), ==, "outbound-api");
  g_assert_cmpstr (liaison_twilio_call_get_to (call), ==, TO_A);
  g_assert_cmpstr (liaison_twilio_call_get_from (call), ==, FROM_A);
  g_assert_cmpstr (liaison_twilio_call_get_to_formatted (call), ==, "(415) 555-0100");
  g_assert_cmpstr (liaison_twilio_call_get_account_sid (call), ==, fixture->sim->account_sid);

  advance (fixture, 60);

  callbacks = hooks_at (fixture, "/status");
  g_assert_cmpuint (callbacks->len, ==, 4);
  for (guint i = 0; i < callbacks->len; i++)
    {
      Hook *hook = g_ptr_array_index (callbacks, i);
      g_autofree char *sequence = g_strdup_printf ("%u", i);

      g_assert_cmpstr (hook_get (hook, "CallStatus"), ==, expected[i]);
      g_assert_cmpstr (hook_get (hook, "SequenceNumber"), ==, sequence);
      g_assert_cmpstr (hook_get (hook, "CallSid"), ==, liaison_twilio_call_get_sid (call));
      g_assert_cmpstr (hook_get (hook, "AccountSid"), ==, fixture->sim->account_sid);
      g_assert_cmpstr (hook_get (hook, "CallbackSource"), ==, "call-progress-events");
      g_assert_cmpstr (hook_get (hook, "Direction"), ==, "outbound-api");
      g_assert_cmpstr (hook_get (hook, "Caller"), ==, FROM_A);
      g_assert_cmpstr (hook_get (hook, "Called"), ==, TO_A);
      g_assert_cmpstr (hook_get (hook, "ApiVersion"), ==, "2010-04-01");
      g_assert_nonnull (hook_get (hook, "Timestamp"));
    }
  /* "Hello there" takes 1 s, the pause 4 s. */
  g_assert_cmpstr (hook_get (g_ptr_array_index (callbacks, 3), "CallDuration"), ==, "5");
  g_assert_cmpstr (hook_get (g_ptr_array_index (callbacks, 3), "Duration"), ==, "1");
  g_assert_cmpstr (hook_get (g_ptr_array_index (callbacks, 3), "SipResponseCode"), ==, "200");
  g_assert_null (hook_get (g_ptr_array_index (callbacks, 0), "CallDuration"));

  done = fetch_call (fixture, liaison_twilio_call_get_sid (call));
  g_assert_cmpstr (liaison_twilio_call_get_status (done), ==, "completed");
  g_assert_cmpuint (liaison_twilio_call_get_duration (done), ==, 5);
  g_assert_nonnull (liaison_twilio_call_get_start_time (done));
  g_assert_nonnull (liaison_twilio_call_get_end_time (done));
}

static void
test_outbound_url_outcomes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *status_url = hook_url (fixture, "/status");
  g_autofree char *answer_url = hook_url (fixture, "/answer");
  LiaisonTwilioCallOptions options = {
    .url = answer_url,
    .method = "GET",
    .status_callback = status_url,
    .timeout = 15,
  };
  g_autoptr(LiaisonTwilioCall) busy = NULL;
  g_autoptr(LiaisonTwilioCall) no_answer = NULL;
  g_autoptr(LiaisonTwilioCall) failed = NULL;
  g_autoptr(LiaisonTwilioCall) answered = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) callbacks = NULL;
  g_autoptr(GError) error = NULL;
  Hook *answer;

  serve (fixture, "/answer", "<Response><Say>Your review is on Tuesday</Say></Response>");

  dial_outcome (fixture, "busy", "0", "+14155550101");
  dial_outcome (fixture, "no-answer", "0", "+14155550102");
  dial_outcome (fixture, "failed", "0", "+14155550103");
  busy = create_call (fixture, "+14155550101", &options, &error);
  g_assert_no_error (error);
  no_answer = create_call (fixture, "+14155550102", &options, &error);
  g_assert_no_error (error);
  failed = create_call (fixture, "+14155550103", &options, &error);
  g_assert_no_error (error);
  answered = create_call (fixture, "+14155550104", &options, &error);
  g_assert_no_error (error);

  advance (fixture, 10);
  assert_call_status (fixture, liaison_twilio_call_get_sid (busy), "busy");
  assert_call_status (fixture, liaison_twilio_call_get_sid (failed), "failed");
  /* Still ringing until its 15 s timeout. */
  assert_call_status (fixture, liaison_twilio_call_get_sid (no_answer), "ringing");
  advance (fixture, 20);
  assert_call_status (fixture, liaison_twilio_call_get_sid (no_answer), "no-answer");
  assert_call_status (fixture, liaison_twilio_call_get_sid (answered), "completed");

  /* Only the answered call fetched its TwiML, with the webhook parameters. */
  answers = hooks_at (fixture, "/answer");
  g_assert_cmpuint (answers->len, ==, 1);
  answer = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (hook_get (answer, "CallSid"), ==, liaison_twilio_call_get_sid (answered));
  g_assert_cmpstr (hook_get (answer, "CallStatus"), ==, "in-progress");
  g_assert_cmpstr (hook_get (answer, "To"), ==, "+14155550104");
  g_assert_cmpstr (hook_get (answer, "From"), ==, FROM_A);
  g_assert_cmpstr (hook_get (answer, "ToCountry"), ==, "US");
  g_assert_nonnull (hook_get (answer, "FromCity"));

  /* Default events: completed only, one per call, with its final status. */
  callbacks = hooks_at (fixture, "/status");
  g_assert_cmpuint (callbacks->len, ==, 4);
  for (guint i = 0; i < callbacks->len; i++)
    {
      Hook *hook = g_ptr_array_index (callbacks, i);
      const char *sid = hook_get (hook, "CallSid");
      const char *status = hook_get (hook, "CallStatus");

      g_assert_cmpstr (hook_get (hook, "SequenceNumber"), ==, "0");
      if (g_str_equal (sid, liaison_twilio_call_get_sid (busy)))
        {
          g_assert_cmpstr (status, ==, "busy");
          g_assert_cmpstr (hook_get (hook, "CallDuration"), ==, "0");
          g_assert_cmpstr (hook_get (hook, "SipResponseCode"), ==, "486");
        }
      else if (g_str_equal (sid, liaison_twilio_call_get_sid (no_answer)))
        g_assert_cmpstr (status, ==, "no-answer");
      else if (g_str_equal (sid, liaison_twilio_call_get_sid (failed)))
        g_assert_cmpstr (status, ==, "failed");
      else
        {
          g_assert_cmpstr (sid, ==, liaison_twilio_call_get_sid (answered));
          g_assert_cmpstr (status, ==, "completed");
          /* Five words: 2 s. */
          g_assert_cmpstr (hook_get (hook, "CallDuration"), ==, "2");
        }
    }
}

/* An inbound call through an IVR: Say, Gather (digits), Dial, Record. */
static void
test_inbound_ivr (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) voice = NULL;
  g_autoptr(GPtrArray) menu = NULL;
  g_autoptr(GPtrArray) dialed = NULL;
  g_autoptr(GPtrArray) recorded = NULL;
  g_autoptr(GPtrArray) fallthrough = NULL;
  g_autoptr(LiaisonTwilioCall) child = NULL;
  g_autofree char *sid = NULL;
  g_autofree char *quiet = NULL;
  Hook *hook;

  serve (fixture, "/voice",
         "<Response><Say>Welcome to the practice</Say>"
         "<Gather numDigits=\"1\" action=\"/menu\"><Say>Press 1 to reach your advisor</Say></Gather>"
         "<Say>We did not get your choice</Say><Redirect>/fallthrough</Redirect></Response>");
  serve (fixture, "/menu",
         "<Response><Dial action=\"/dialed\" record=\"record-from-answer-dual\" timeout=\"20\">"
         "<Number>" AGENT_A "</Number></Dial></Response>");
  serve (fixture, "/dialed",
         "<Response><Say>Please leave a message</Say>"
         "<Record action=\"recorded\" maxLength=\"30\" transcribe=\"true\"/></Response>");
  serve (fixture, "/recorded", "<Response><Say>Thank you</Say><Hangup/></Response>");
  serve (fixture, "/fallthrough", "<Response><Hangup/></Response>");
  register_number (fixture, FROM_A, "/voice");
  dial_outcome (fixture, "answered", "20", AGENT_A);

  sid = inbound_call (fixture, CLIENT_A, FROM_A, "1", "I would like to review my portfolio");
  advance (fixture, 300);

  voice = hooks_at (fixture, "/voice");
  g_assert_cmpuint (voice->len, ==, 1);
  hook = g_ptr_array_index (voice, 0);
  g_assert_cmpstr (hook_get (hook, "CallSid"), ==, sid);
  g_assert_cmpstr (hook_get (hook, "CallStatus"), ==, "ringing");
  g_assert_cmpstr (hook_get (hook, "Direction"), ==, "inbound");
  g_assert_cmpstr (hook_get (hook, "From"), ==, CLIENT_A);
  g_assert_cmpstr (hook_get (hook, "Caller"), ==, CLIENT_A);
  g_assert_cmpstr (hook_get (hook, "To"), ==, FROM_A);
  g_assert_cmpstr (hook_get (hook, "Called"), ==, FROM_A);
  g_assert_nonnull (hook_get (hook, "CallerCountry"));
  g_assert_nonnull (hook_get (hook, "CalledZip"));

  menu = hooks_at (fixture, "/menu");
  g_assert_cmpuint (menu->len, ==, 1);
  hook = g_ptr_array_index (menu, 0);
  g_assert_cmpstr (hook_get (hook, "Digits"), ==, "1");
  g_assert_cmpstr (hook_get (hook, "CallStatus"), ==, "in-progress");

  dialed = hooks_at (fixture, "/dialed");
  g_assert_cmpuint (dialed->len, ==, 1);
  hook = g_ptr_array_index (dialed, 0);
  g_assert_cmpstr (hook_get (hook, "DialCallStatus"), ==, "completed");
  g_assert_cmpstr (hook_get (hook, "DialCallDuration"), ==, "20");
  g_assert_cmpstr (hook_get (hook, "DialBridged"), ==, "true");
  g_assert_true (g_str_has_prefix (hook_get (hook, "DialCallSid"), "CA"));
  if (hook_get (hook, "RecordingSid") != NULL)
    {
      g_assert_true (g_str_has_prefix (hook_get (hook, "RecordingSid"), "RE"));
      g_assert_true (g_str_has_prefix (hook_get (hook, "RecordingUrl"), fixture->sim->url));
    }

  /* The dialed leg: a child call of the inbound one. */
  child = fetch_call (fixture, hook_get (hook, "DialCallSid"));
  g_assert_cmpstr (liaison_twilio_call_get_parent_call_sid (child), ==, sid);
  g_assert_cmpstr (liaison_twilio_call_get_direction (child), ==, "outbound-dial");
  g_assert_cmpstr (liaison_twilio_call_get_to (child), ==, AGENT_A);
  g_assert_cmpstr (liaison_twilio_call_get_status (child), ==, "completed");
  g_assert_cmpuint (liaison_twilio_call_get_duration (child), ==, 20);

  /* The relative action resolves against the document's URL. */
  recorded = hooks_at (fixture, "/recorded");
  g_assert_cmpuint (recorded->len, ==, 1);
  hook = g_ptr_array_index (recorded, 0);
  /* Six words: 3 s. */
  g_assert_cmpstr (hook_get (hook, "RecordingDuration"), ==, "3");
  g_assert_nonnull (hook_get (hook, "Digits"));
  /* Recordings come from the recordings module, which may refuse one. */
  g_test_message ("<Record> action RecordingSid: %s", hook_get (hook, "RecordingSid"));
  if (hook_get (hook, "RecordingSid") != NULL)
    {
      g_assert_true (g_str_has_prefix (hook_get (hook, "RecordingSid"), "RE"));
      g_assert_true (g_str_has_suffix (hook_get (hook, "RecordingUrl"), hook_get (hook, "RecordingSid")));
    }

  fallthrough = hooks_at (fixture, "/fallthrough");
  g_assert_cmpuint (fallthrough->len, ==, 0);
  assert_call_status (fixture, sid, "completed");

  /* Without input the Gather falls through to the next verb. */
  g_clear_pointer (&fallthrough, g_ptr_array_unref);
  quiet = inbound_call (fixture, "+14155550124", FROM_A, NULL, NULL);
  advance (fixture, 60);
  fallthrough = hooks_at (fixture, "/fallthrough");
  g_assert_cmpuint (fallthrough->len, ==, 1);
  g_assert_cmpstr (hook_get (g_ptr_array_index (fallthrough, 0), "CallSid"), ==, quiet);
  g_clear_pointer (&menu, g_ptr_array_unref);
  menu = hooks_at (fixture, "/menu");
  g_assert_cmpuint (menu->len, ==, 1);
  assert_call_status (fixture, quiet, "completed");
}

/* Speech into a Gather, and Dial outcomes busy / no-answer. */
static void
test_gather_speech_dial_busy (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) heard = NULL;
  g_autoptr(GPtrArray) dialed = NULL;
  g_autofree char *sid = NULL;
  Hook *hook;

  serve (fixture, "/voice",
         "<Response><Gather input=\"speech\" action=\"/heard\"><Say>How can we help</Say></Gather></Response>");
  serve (fixture, "/heard",
         "<Response><Dial action=\"/dialed\"><Number>" AGENT_A "</Number></Dial>"
         "<Dial action=\"/dialed\" timeout=\"10\"><Number>+14155550112</Number></Dial></Response>");
  serve (fixture, "/dialed", "<Response><Say>Sorry</Say></Response>");
  register_number (fixture, FROM_A, "/voice");
  dial_outcome (fixture, "busy", "0", AGENT_A);
  dial_outcome (fixture, "no-answer", "0", "+14155550112");

  sid = inbound_call (fixture, CLIENT_A, FROM_A, NULL, "Reschedule my meeting");
  advance (fixture, 120);

  heard = hooks_at (fixture, "/heard");
  g_assert_cmpuint (heard->len, ==, 1);
  hook = g_ptr_array_index (heard, 0);
  g_assert_cmpstr (hook_get (hook, "SpeechResult"), ==, "Reschedule my meeting");
  g_assert_nonnull (hook_get (hook, "Confidence"));
  g_assert_null (hook_get (hook, "Digits"));

  /* The first Dial's action answers with TwiML of its own: only one Dial ran. */
  dialed = hooks_at (fixture, "/dialed");
  g_assert_cmpuint (dialed->len, ==, 1);
  hook = g_ptr_array_index (dialed, 0);
  g_assert_cmpstr (hook_get (hook, "DialCallStatus"), ==, "busy");
  g_assert_cmpstr (hook_get (hook, "DialBridged"), ==, "false");
  assert_call_status (fixture, sid, "completed");

  /* The same flow with the second Dial reached: no-answer after its timeout. */
  serve (fixture, "/heard",
         "<Response><Dial timeout=\"10\"><Number>+14155550112</Number></Dial>"
         "<Redirect>/after</Redirect></Response>");
  g_free (sid);
  sid = inbound_call (fixture, CLIENT_A, FROM_A, NULL, "Hello");
  advance (fixture, 120);
  {
    g_autoptr(GPtrArray) after = hooks_at (fixture, "/after");
    g_autoptr(LiaisonTwilioPage) page = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    LiaisonTwilioCallFilter filter = { .parent_call_sid = sid };
    LiaisonTwilioCall *leg;

    g_assert_cmpuint (after->len, ==, 1);
    liaison_twilio_client_list_calls_async (fixture->client, &filter, 0, NULL, liaison_test_async_cb, &result);
    page = finish_list (fixture, &result);
    g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
    leg = g_ptr_array_index (liaison_twilio_page_get_items (page), 0);
    g_assert_cmpstr (liaison_twilio_call_get_status (leg), ==, "no-answer");
    g_assert_cmpstr (liaison_twilio_call_get_to (leg), ==, "+14155550112");
  }
}

static void
test_redirect_hangup (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *redirect_url = hook_url (fixture, "/redirected");
  LiaisonTwilioCallOptions options = { .twiml = "<Response><Pause length=\"600\"/></Response>" };
  g_autoptr(LiaisonTwilioCall) call = NULL;
  g_autoptr(LiaisonTwilioCall) updated = NULL;
  g_autoptr(LiaisonTwilioCall) hung_up = NULL;
  g_autoptr(LiaisonTwilioCall) ringing = NULL;
  g_autoptr(LiaisonTwilioCall) canceled = NULL;
  g_autoptr(LiaisonTwilioCall) too_late = NULL;
  g_autoptr(GPtrArray) redirected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  serve (fixture, "/redirected", "<Response><Say>You are now on hold</Say><Pause length=\"600\"/></Response>");

  call = create_call (fixture, TO_A, &options, &error);
  g_assert_no_error (error);
  advance (fixture, 10);
  assert_call_status (fixture, liaison_twilio_call_get_sid (call), "in-progress");

  liaison_twilio_client_update_call_async (fixture->client, liaison_twilio_call_get_sid (call), redirect_url,
                                           NULL, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  updated = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_call_get_status (updated), ==, "in-progress");
  advance (fixture, 5);
  redirected = hooks_at (fixture, "/redirected");
  g_assert_cmpuint (redirected->len, ==, 1);
  g_assert_cmpstr (hook_get (g_ptr_array_index (redirected, 0), "CallSid"), ==, liaison_twilio_call_get_sid (call));

  /* Inline TwiML replaces it again, then a hang-up ends it. */
  liaison_twilio_client_update_call_async (fixture->client, liaison_twilio_call_get_sid (call), NULL, NULL,
                                           "<Response><Pause length=\"100\"/></Response>", NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_clear_object (&updated);
  updated = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  liaison_twilio_client_hangup_call_async (fixture->client, liaison_twilio_call_get_sid (call), NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  hung_up = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_call_get_status (hung_up), ==, "completed");
  g_assert_nonnull (liaison_twilio_call_get_end_time (hung_up));

  /* A call not answered yet is canceled. */
  ringing = create_call (fixture, TO_A, &options, &error);
  g_assert_no_error (error);
  liaison_twilio_client_cancel_call_async (fixture->client, liaison_twilio_call_get_sid (ringing), NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  canceled = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_call_get_status (canceled), ==, "canceled");

  /* An ended call cannot be redirected (21220). */
  liaison_twilio_client_update_call_async (fixture->client, liaison_twilio_call_get_sid (call), redirect_url,
                                           NULL, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  too_late = liaison_twilio_client_call_finish (fixture->client, result, &error);
  g_assert_null (too_late);
  assert_api_error (error, 21220);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Delete: 204, then it is gone (20404). */
  liaison_twilio_client_delete_call_async (fixture->client, liaison_twilio_call_get_sid (call), NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_voice_delete_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  liaison_twilio_client_fetch_call_async (fixture->client, liaison_twilio_call_get_sid (call), NULL,
                                          liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_null (liaison_twilio_client_call_finish (fixture->client, result, &error));
  assert_api_error (error, 20404);
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  LiaisonTwilioCallOptions options = { .twiml = "<Response><Say>Hi</Say></Response>" };
  LiaisonTwilioCallFilter filter = { .to = TO_A };
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0, pages = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(LiaisonTwilioCall) call = create_call (fixture, TO_A, &options, &error);

      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LiaisonTwilioCall) call = create_call (fixture, "+14155550199", &options, &error);

      g_assert_no_error (error);
    }

  liaison_twilio_client_list_calls_async (fixture->client, &filter, 3, NULL, liaison_test_async_cb, &result);
  page = finish_list (fixture, &result);
  for (;;)
    {
      GPtrArray *items = liaison_twilio_page_get_items (page);

      g_assert_cmpuint (items->len, <=, 3);
      for (guint i = 0; i < items->len; i++)
        {
          g_assert_true (LIAISON_IS_TWILIO_CALL (g_ptr_array_index (items, i)));
          g_assert_cmpstr (liaison_twilio_call_get_to (g_ptr_array_index (items, i)), ==, TO_A);
        }
      total += items->len;
      pages++;
      if (!liaison_twilio_page_has_next (page))
        break;
      liaison_twilio_page_next_async (page, NULL, liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      {
        LiaisonTwilioPage *next = liaison_twilio_page_next_finish (page, result, &error);

        g_assert_no_error (error);
        g_clear_object (&result);
        g_object_unref (page);
        page = next;
      }
    }
  g_assert_cmpuint (total, ==, 7);
  g_assert_cmpuint (pages, ==, 3);

  /* Status filter: all nine are queued until the clock moves, none after. */
  g_clear_object (&page);
  filter = (LiaisonTwilioCallFilter) { .status = "queued" };
  liaison_twilio_client_list_calls_async (fixture->client, &filter, 50, NULL, liaison_test_async_cb, &result);
  page = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 9);
  advance (fixture, 30);
  g_clear_object (&page);
  liaison_twilio_client_list_calls_async (fixture->client, &filter, 50, NULL, liaison_test_async_cb, &result);
  page = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 0);

  /* StartTime>: a day ahead finds nothing; From finds all nine. */
  g_clear_object (&page);
  now = g_date_time_new_now_utc ();
  later = g_date_time_add_days (now, 2);
  filter = (LiaisonTwilioCallFilter) { .started_after = later };
  liaison_twilio_client_list_calls_async (fixture->client, &filter, 50, NULL, liaison_test_async_cb, &result);
  page = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 0);
  g_clear_object (&page);
  filter = (LiaisonTwilioCallFilter) { .from = FROM_A, .status = "completed" };
  liaison_twilio_client_list_calls_async (fixture->client, &filter, 50, NULL, liaison_test_async_cb, &result);
  page = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 9);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *to;
    gint        code;
  } cases[] = {
    { "12345", 21211 },
    { "+15005550001", 21217 },
    { "+15005550002", 21214 },
    { "+15005550003", 21215 },
    { "+15005550004", 21216 },
  };
  LiaisonTwilioCallOptions options = { .twiml = "<Response><Say>Hi</Say></Response>" };
  LiaisonTwilioCallOptions no_twiml = { NULL, };
  LiaisonTwilioCallOptions bad_twiml = { .twiml = "<Response><Say>Hi</Response>" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonTwilioCall) call = create_call (fixture, cases[i].to, &options, &error);

      g_test_message ("To %s", cases[i].to);
      g_assert_null (call);
      assert_api_error (error, cases[i].code);
      g_assert_cmpuint (liaison_twilio_error_get_details (error)->http_status, ==, 400);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaisonTwilioCall) call = create_call (fixture, TO_A, &no_twiml, &error);

    g_assert_null (call);
    assert_api_error (error, 21205);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaisonTwilioCall) call = create_call (fixture, TO_A, &bad_twiml, &error);

    g_assert_null (call);
    assert_api_error (error, 12100);
  }
}

/* A create whose answer is lost is not re-sent: UNCERTAIN. */
static void
test_create_uncertain (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const fault[] = { "path", "/Calls\\.json$", "method", "POST", "mode", "drop-response", NULL };
  LiaisonTwilioCallOptions options = { .twiml = "<Response><Say>Hi</Say></Response>" };
  LiaisonTwilioCallFilter filter = { .to = TO_A };
  g_autoptr(JsonNode) root = sim_control (fixture, "/_sim/faults", fault, 200);
  g_autoptr(LiaisonTwilioCall) call = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  call = create_call (fixture, TO_A, &options, &error);
  g_assert_null (call);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN);

  /* It did reach the simulator, exactly once. */
  liaison_twilio_client_list_calls_async (fixture->client, &filter, 50, NULL, liaison_test_async_cb, &result);
  page = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
}

static void
test_malformed_twiml (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const bad[] = {
    "<Response><Say>Unclosed</Response>",
    "<Speak>Not TwiML</Speak>",
    "not xml at all",
    "",
    "<Response><Say>a</Say></Response><Response/>",
    "<Response><Gather><Gather><Gather><Gather><Gather><Gather><Gather><Gather><Gather>"
    "</Gather></Gather></Gather></Gather></Gather></Gather></Gather></Gather></Gather></Response>",
    "<Response><Say loop=\"\xff\xfe\">bad bytes</Say></Response>",
    "<Response><Say>&unknown;</Say></Response>",
  };
  g_autofree char *path = NULL;

  register_number (fixture, FROM_A, "/broken");
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *sid = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (bad[i], NULL);
      JsonArray *notifications;

      g_test_message ("TwiML “%s”", escaped);
      serve (fixture, "/broken", bad[i]);
      sid = inbound_call (fixture, CLIENT_A, FROM_A, NULL, NULL);
      advance (fixture, 5);
      assert_call_status (fixture, sid, "failed");

      g_free (path);
      path = g_strdup_printf ("/2010-04-01/Accounts/%s/Calls/%s/Notifications.json", fixture->sim->account_sid, sid);
      liaison_twilio_client_request_async (fixture->client, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL,
                                           TRUE, NULL, liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      root = liaison_twilio_client_request_finish (fixture->client, result, &error);
      g_assert_no_error (error);
      notifications = json_object_get_array_member (json_node_get_object (root), "notifications");
      g_assert_cmpuint (json_array_get_length (notifications), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notifications, 0), "error_code"),
                       ==, "12100");
    }

  /* The simulator is still fine. */
  {
    LiaisonTwilioCallOptions options = { .twiml = "<Response><Say>Still here</Say></Response>" };
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaisonTwilioCall) call = create_call (fixture, TO_A, &options, &error);

    g_assert_no_error (error);
    advance (fixture, 10);
    assert_call_status (fixture, liaison_twilio_call_get_sid (call), "completed");
  }
}

/* A document that fails to parse: the FallbackUrl is asked instead, with
 * the error, and the call goes on there. */
static void
test_fallback_url (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *broken_url = hook_url (fixture, "/broken");
  g_autofree char *fallback_url = hook_url (fixture, "/fallback");
  LiaisonTwilioCallOptions options = { .url = broken_url, .fallback_url = fallback_url };
  g_autoptr(LiaisonTwilioCall) call = NULL;
  g_autoptr(GPtrArray) fallbacks = NULL;
  g_autoptr(GError) error = NULL;
  Hook *hook;

  serve (fixture, "/broken", "<Response><Say>Unclosed</Response>");
  serve (fixture, "/fallback", "<Response><Say>Sorry about that</Say></Response>");
  call = create_call (fixture, TO_A, &options, &error);
  g_assert_no_error (error);
  advance (fixture, 30);

  fallbacks = hooks_at (fixture, "/fallback");
  g_assert_cmpuint (fallbacks->len, ==, 1);
  hook = g_ptr_array_index (fallbacks, 0);
  g_assert_cmpstr (hook_get (hook, "CallSid"), ==, liaison_twilio_call_get_sid (call));
  g_assert_cmpstr (hook_get (hook, "ErrorCode"), ==, "12100");
  g_assert_cmpstr (hook_get (hook, "ErrorUrl"), ==, broken_url);
  {
    g_autoptr(LiaisonTwilioCall) done = fetch_call (fixture, liaison_twilio_call_get_sid (call));

    g_assert_cmpstr (liaison_twilio_call_get_status (done), ==, "completed");
    /* "Sorry about that": 2 s. */
    g_assert_cmpuint (liaison_twilio_call_get_duration (done), ==, 2);
  }

  /* A fallback that fails too ends the call. */
  g_clear_object (&call);
  serve (fixture, "/fallback", "not TwiML");
  call = create_call (fixture, TO_A, &options, &error);
  g_assert_no_error (error);
  advance (fixture, 30);
  assert_call_status (fixture, liaison_twilio_call_get_sid (call), "completed");
  g_clear_pointer (&fallbacks, g_ptr_array_unref);
  fallbacks = hooks_at (fixture, "/fallback");
  g_assert_cmpuint (fallbacks->len, ==, 2);
}

/* Conferences */

static LiaisonTwilioPage *
list_participants (Fixture    *fixture,
                   const char *conference_sid)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_list_participants_async (fixture->client, conference_sid, 0, NULL,
                                                 liaison_test_async_cb, &result);
  return finish_list (fixture, &result);
}

static void
test_conference (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LiaisonTwilioPage) conferences = NULL;
  g_autoptr(LiaisonTwilioPage) participants = NULL;
  g_autoptr(LiaisonTwilioParticipant) muted = NULL;
  g_autoptr(LiaisonTwilioParticipant) added = NULL;
  g_autoptr(LiaisonTwilioConference) ended = NULL;
  g_autoptr(LiaisonTwilioConference) fetched = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *advisor = NULL;
  g_autofree char *client_call = NULL;
  g_autofree char *conference_sid = NULL;
  g_autofree char *twiml = NULL;
  g_autoptr(GPtrArray) events = NULL;
  static const char * const expected_events[] = {
    "participant-join", "conference-start", "participant-join", "participant-mute", "participant-leave",
    "participant-join", "participant-leave", "participant-leave", "conference-end",
  };

  twiml = g_strdup_printf ("<Response><Dial action=\"/left\"><Conference statusCallback=\"%s/conference\""
                           " statusCallbackEvent=\"start end join leave mute\">Quarterly review</Conference>"
                           "</Dial></Response>", fixture->base);
  serve (fixture, "/voice", twiml);
  serve (fixture, "/left", "<Response><Say>Goodbye</Say></Response>");
  register_number (fixture, FROM_A, "/voice");

  advisor = inbound_call (fixture, AGENT_A, FROM_A, NULL, NULL);
  client_call = inbound_call (fixture, CLIENT_A, FROM_A, NULL, NULL);
  advance (fixture, 5);

  liaison_twilio_client_list_conferences_async (fixture->client, "Quarterly review", "in-progress", 0, NULL,
                                                liaison_test_async_cb, &result);
  conferences = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (conferences)->len, ==, 1);
  {
    LiaisonTwilioConference *conference = g_ptr_array_index (liaison_twilio_page_get_items (conferences), 0);

    g_assert_true (g_str_has_prefix (liaison_twilio_conference_get_sid (conference), "CF"));
    g_assert_cmpstr (liaison_twilio_conference_get_friendly_name (conference), ==, "Quarterly review");
    g_assert_cmpstr (liaison_twilio_conference_get_status (conference), ==, "in-progress");
    g_assert_null (liaison_twilio_conference_get_reason_conference_ended (conference));
    conference_sid = g_strdup (liaison_twilio_conference_get_sid (conference));
  }

  participants = list_participants (fixture, conference_sid);
  g_assert_cmpuint (liaison_twilio_page_get_items (participants)->len, ==, 2);
  g_assert_cmpstr (liaison_twilio_participant_get_call_sid (g_ptr_array_index (liaison_twilio_page_get_items (participants), 0)),
                   ==, advisor);
  g_assert_cmpstr (liaison_twilio_participant_get_status (g_ptr_array_index (liaison_twilio_page_get_items (participants), 0)),
                   ==, "connected");

  /* Mute the client, then put them on hold. */
  liaison_twilio_client_update_participant_async (fixture->client, conference_sid, client_call, TRUE, -1, NULL,
                                                  liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  muted = liaison_twilio_client_participant_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (liaison_twilio_participant_get_muted (muted));
  g_assert_false (liaison_twilio_participant_get_hold (muted));
  g_assert_cmpstr (liaison_twilio_participant_get_conference_sid (muted), ==, conference_sid);
  g_clear_object (&muted);
  liaison_twilio_client_update_participant_async (fixture->client, conference_sid, client_call, -1, TRUE, NULL,
                                                  liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  muted = liaison_twilio_client_participant_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (liaison_twilio_participant_get_muted (muted));
  g_assert_true (liaison_twilio_participant_get_hold (muted));

  /* Kick the client: their call goes on to the Dial action. */
  liaison_twilio_client_kick_participant_async (fixture->client, conference_sid, client_call, NULL,
                                                liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_voice_delete_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  advance (fixture, 5);
  left = hooks_at (fixture, "/left");
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (hook_get (g_ptr_array_index (left, 0), "CallSid"), ==, client_call);
  g_assert_cmpstr (hook_get (g_ptr_array_index (left, 0), "DialCallStatus"), ==, "completed");
  assert_call_status (fixture, client_call, "completed");
  g_clear_object (&participants);
  participants = list_participants (fixture, conference_sid);
  g_assert_cmpuint (liaison_twilio_page_get_items (participants)->len, ==, 1);

  /* Dial a colleague in with a label. */
  liaison_twilio_client_add_participant_async (fixture->client, conference_sid, "+14155550133", FROM_A,
                                               "colleague", FALSE, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  added = liaison_twilio_client_participant_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_participant_get_label (added), ==, "colleague");
  g_assert_true (g_str_has_prefix (liaison_twilio_participant_get_call_sid (added), "CA"));
  advance (fixture, 10);
  g_clear_object (&participants);
  participants = list_participants (fixture, conference_sid);
  g_assert_cmpuint (liaison_twilio_page_get_items (participants)->len, ==, 2);
  g_clear_object (&added);
  liaison_twilio_client_fetch_participant_async (fixture->client, conference_sid, "colleague", NULL,
                                                 liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  added = liaison_twilio_client_participant_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_participant_get_status (added), ==, "connected");

  /* End it: everyone leaves. */
  liaison_twilio_client_end_conference_async (fixture->client, conference_sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  ended = liaison_twilio_client_conference_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_conference_get_status (ended), ==, "completed");
  g_assert_cmpstr (liaison_twilio_conference_get_reason_conference_ended (ended), ==, "conference-ended-via-api");
  advance (fixture, 10);
  assert_call_status (fixture, advisor, "completed");
  assert_call_status (fixture, liaison_twilio_participant_get_call_sid (added), "completed");

  liaison_twilio_client_fetch_conference_async (fixture->client, conference_sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  fetched = liaison_twilio_client_conference_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_conference_get_status (fetched), ==, "completed");
  g_clear_object (&participants);
  participants = list_participants (fixture, conference_sid);
  g_assert_cmpuint (liaison_twilio_page_get_items (participants)->len, ==, 0);

  /* Conference status callbacks, in order (hold was not asked for). */
  events = hooks_at (fixture, "/conference");
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected_events));
  for (guint i = 0; i < events->len; i++)
    {
      Hook *hook = g_ptr_array_index (events, i);
      g_autofree char *sequence = g_strdup_printf ("%u", i);

      g_assert_cmpstr (hook_get (hook, "StatusCallbackEvent"), ==, expected_events[i]);
      g_assert_cmpstr (hook_get (hook, "SequenceNumber"), ==, sequence);
      g_assert_cmpstr (hook_get (hook, "ConferenceSid"), ==, conference_sid);
      g_assert_cmpstr (hook_get (hook, "FriendlyName"), ==, "Quarterly review");
    }
  g_assert_cmpstr (hook_get (g_ptr_array_index (events, 0), "CallSid"), ==, advisor);
  g_assert_cmpstr (hook_get (g_ptr_array_index (events, 3), "CallSid"), ==, client_call);
  g_assert_cmpstr (hook_get (g_ptr_array_index (events, 3), "Muted"), ==, "true");
  g_assert_cmpstr (hook_get (g_ptr_array_index (events, 5), "ParticipantLabel"), ==, "colleague");
  g_assert_cmpstr (hook_get (g_ptr_array_index (events, 8), "ReasonConferenceEnded"), ==,
                   "conference-ended-via-api");
}

/* Queues */

static LiaisonTwilioQueue *
finish_queue (Fixture       *fixture,
              GAsyncResult **result,
              GError       **error)
{
  LiaisonTwilioQueue *queue;

  liaison_test_wait (result);
  queue = liaison_twilio_client_queue_finish (fixture->client, *result, error);
  g_clear_object (result);
  return queue;
}

static void
test_queue (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *dequeued_url = hook_url (fixture, "/dequeued");
  g_autoptr(LiaisonTwilioPage) queues = NULL;
  g_autoptr(LiaisonTwilioPage) members = NULL;
  g_autoptr(LiaisonTwilioQueueMember) front = NULL;
  g_autoptr(LiaisonTwilioQueueMember) taken = NULL;
  g_autoptr(LiaisonTwilioQueue) made = NULL;
  g_autoptr(LiaisonTwilioQueue) renamed = NULL;
  g_autoptr(LiaisonTwilioQueue) support = NULL;
  g_autoptr(GPtrArray) dequeued = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *queue_sid = NULL;

  serve (fixture, "/voice", "<Response><Enqueue>support</Enqueue></Response>");
  serve (fixture, "/dequeued", "<Response><Say>Connecting you now</Say></Response>");
  register_number (fixture, FROM_A, "/voice");

  first = inbound_call (fixture, CLIENT_A, FROM_A, NULL, NULL);
  advance (fixture, 3);
  second = inbound_call (fixture, "+14155550124", FROM_A, NULL, NULL);
  advance (fixture, 3);

  liaison_twilio_client_list_queues_async (fixture->client, 0, NULL, liaison_test_async_cb, &result);
  queues = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (queues)->len, ==, 1);
  {
    LiaisonTwilioQueue *queue = g_ptr_array_index (liaison_twilio_page_get_items (queues), 0);

    g_assert_cmpstr (liaison_twilio_queue_get_friendly_name (queue), ==, "support");
    g_assert_cmpuint (liaison_twilio_queue_get_current_size (queue), ==, 2);
    g_assert_cmpuint (liaison_twilio_queue_get_max_size (queue), ==, 100);
    queue_sid = g_strdup (liaison_twilio_queue_get_sid (queue));
    g_assert_true (g_str_has_prefix (queue_sid, "QU"));
  }

  liaison_twilio_client_list_members_async (fixture->client, queue_sid, 0, NULL, liaison_test_async_cb, &result);
  members = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (members)->len, ==, 2);
  {
    LiaisonTwilioQueueMember *head = g_ptr_array_index (liaison_twilio_page_get_items (members), 0);
    LiaisonTwilioQueueMember *next = g_ptr_array_index (liaison_twilio_page_get_items (members), 1);

    g_assert_cmpstr (liaison_twilio_queue_member_get_call_sid (head), ==, first);
    g_assert_cmpuint (liaison_twilio_queue_member_get_position (head), ==, 1);
    g_assert_cmpuint (liaison_twilio_queue_member_get_wait_time (head), ==, 6);
    g_assert_cmpstr (liaison_twilio_queue_member_get_call_sid (next), ==, second);
    g_assert_cmpuint (liaison_twilio_queue_member_get_position (next), ==, 2);
    g_assert_cmpstr (liaison_twilio_queue_member_get_queue_sid (next), ==, queue_sid);
  }

  liaison_twilio_client_fetch_member_async (fixture->client, queue_sid, "Front", NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  front = liaison_twilio_client_queue_member_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_queue_member_get_call_sid (front), ==, first);

  /* A queue with callers in it cannot be deleted. */
  liaison_twilio_client_delete_queue_async (fixture->client, queue_sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_twilio_client_voice_delete_finish (fixture->client, result, &error));
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpuint (liaison_twilio_error_get_details (error)->http_status, ==, 400);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Dequeue the front caller to new TwiML. */
  liaison_twilio_client_dequeue_member_async (fixture->client, queue_sid, "Front", dequeued_url, NULL, NULL,
                                              liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  taken = liaison_twilio_client_queue_member_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_twilio_queue_member_get_call_sid (taken), ==, first);
  advance (fixture, 5);
  dequeued = hooks_at (fixture, "/dequeued");
  g_assert_cmpuint (dequeued->len, ==, 1);
  g_assert_cmpstr (hook_get (g_ptr_array_index (dequeued, 0), "CallSid"), ==, first);
  assert_call_status (fixture, first, "completed");
  g_clear_object (&members);
  liaison_twilio_client_list_members_async (fixture->client, queue_sid, 0, NULL, liaison_test_async_cb, &result);
  members = finish_list (fixture, &result);
  g_assert_cmpuint (liaison_twilio_page_get_items (members)->len, ==, 1);
  g_assert_cmpuint (liaison_twilio_queue_member_get_position (g_ptr_array_index (liaison_twilio_page_get_items (members), 0)),
                    ==, 1);

  /* The last caller hangs up; now the queue can go. */
  {
    g_autoptr(LiaisonTwilioCall) hung_up = NULL;

    liaison_twilio_client_hangup_call_async (fixture->client, second, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    hung_up = liaison_twilio_client_call_finish (fixture->client, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  liaison_twilio_client_fetch_queue_async (fixture->client, queue_sid, NULL, liaison_test_async_cb, &result);
  support = finish_queue (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_queue_get_current_size (support), ==, 0);
  liaison_twilio_client_delete_queue_async (fixture->client, queue_sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_voice_delete_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Queues made through REST. */
  liaison_twilio_client_create_queue_async (fixture->client, "After hours", 10, NULL, liaison_test_async_cb, &result);
  made = finish_queue (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_queue_get_friendly_name (made), ==, "After hours");
  g_assert_cmpuint (liaison_twilio_queue_get_max_size (made), ==, 10);
  liaison_twilio_client_update_queue_async (fixture->client, liaison_twilio_queue_get_sid (made), "Evenings", 20,
                                            NULL, liaison_test_async_cb, &result);
  renamed = finish_queue (fixture, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_queue_get_friendly_name (renamed), ==, "Evenings");
  g_assert_cmpuint (liaison_twilio_queue_get_max_size (renamed), ==, 20);
}

/* A document that redirects to itself forever: the call fails, the
 * simulator goes on. */
static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *sid = NULL;

  serve (fixture, "/voice", "<Response><Redirect>/voice</Redirect></Response>");
  register_number (fixture, FROM_A, "/voice");
  sid = inbound_call (fixture, CLIENT_A, FROM_A, NULL, NULL);
  advance (fixture, 5);
  assert_call_status (fixture, sid, "completed");
  requests = hooks_at (fixture, "/voice");
  g_assert_cmpuint (requests->len, >, 1);
  g_assert_cmpuint (requests->len, <=, 100);
}

/* An advisor dials into a queue: the caller at its front is bridged, and
 * when the advisor hangs up the caller's <Enqueue> action hears "bridged". */
static void
test_dial_queue (Fixture       *fixture,
                 gconstpointer  data)
{
  LiaisonTwilioCallOptions options = {
    .twiml = "<Response><Dial><Queue>support</Queue></Dial><Say>Next caller</Say></Response>",
  };
  g_autoptr(LiaisonTwilioCall) agent = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caller = NULL;
  Hook *hook;

  serve (fixture, "/voice", "<Response><Enqueue action=\"/left-queue\">support</Enqueue></Response>");
  serve (fixture, "/left-queue", "<Response><Say>Thanks for calling</Say></Response>");
  register_number (fixture, FROM_A, "/voice");
  caller = inbound_call (fixture, CLIENT_A, FROM_A, NULL, NULL);
  advance (fixture, 20);
  /* The advisor's call answers, then talks for 30 s. */
  dial_outcome (fixture, "answered", "0", AGENT_A);
  dial_outcome (fixture, "answered", "30", NULL);
  agent = create_call (fixture, AGENT_A, &options, &error);
  g_assert_no_error (error);
  advance (fixture, 10);
  assert_call_status (fixture, caller, "in-progress");
  left = hooks_at (fixture, "/left-queue");
  g_assert_cmpuint (left->len, ==, 0);
  advance (fixture, 60);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = hooks_at (fixture, "/left-queue");
  g_assert_cmpuint (left->len, ==, 1);
  hook = g_ptr_array_index (left, 0);
  g_assert_cmpstr (hook_get (hook, "CallSid"), ==, caller);
  g_assert_cmpstr (hook_get (hook, "QueueResult"), ==, "bridged");
  g_assert_true (g_str_has_prefix (hook_get (hook, "QueueSid"), "QU"));
  /* Enqueued at 0, bridged when the advisor answered 4 s after 20. */
  g_assert_cmpstr (hook_get (hook, "QueueTime"), ==, "24");
  assert_call_status (fixture, caller, "completed");
  assert_call_status (fixture, liaison_twilio_call_get_sid (agent), "completed");
}

/* State kept in --db across a restart */

#define RESTART_ACCOUNT  "ACaaaa0000000000000000000000000042"
#define RESTART_TOKEN    "0123456789abcdef0123456789abcdef"

/* A REST request to @sim as the account above; returns the JSON answer
 * (NULL for an empty one). @form: name, value…, NULL, or NULL. */
static JsonNode *
api_request (LiaisonTestSim     *sim,
             const char         *method,
             const char         *path,
             const char * const *form,
             guint               expected_status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sim->url, "/2010-04-01/Accounts/" RESTART_ACCOUNT, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *credentials = g_base64_encode ((const guchar *) RESTART_ACCOUNT ":" RESTART_TOKEN,
                                                  strlen (RESTART_ACCOUNT ":" RESTART_TOKEN));
  g_autofree char *authorization = g_strconcat ("Basic ", credentials, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  if (form != NULL)
    {
      g_autofree char *encoded = liaison_twilio_encode_form (form);
      g_autoptr(GBytes) body = g_bytes_new (encoded, strlen (encoded));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  answer = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  if (g_bytes_get_size (answer) == 0)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                             &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static char *
api_get_text (LiaisonTestSim *sim,
              const char     *path)
{
  g_autoptr(JsonNode) root = api_request (sim, "GET", path, NULL, 200);

  return json_to_string (root, FALSE);
}

static const char *
api_member (JsonNode   *root,
            const char *name)
{
  JsonObject *object = json_node_get_object (root);

  return json_object_get_null_member (object, name) ? NULL : json_object_get_string_member (object, name);
}

static char *
api_create_call (LiaisonTestSim *sim,
                 const char     *to,
                 const char     *twiml)
{
  const char * const form[] = { "To", to, "From", FROM_A, "Twiml", twiml, "Timeout", "600", NULL };
  g_autoptr(JsonNode) root = api_request (sim, "POST", "/Calls.json", form, 201);

  return g_strdup (api_member (root, "sid"));
}

/* The SIDs of a list's items, in order, and each item's JSON in @items. */
static GPtrArray *
api_list_sids (LiaisonTestSim *sim,
               const char     *path,
               const char     *key,
               GHashTable     *items)
{
  g_autoptr(JsonNode) root = api_request (sim, "GET", path, NULL, 200);
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), key);
  GPtrArray *sids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *sid = json_object_get_string_member (json_node_get_object (item), "sid");

      g_ptr_array_add (sids, g_strdup (sid));
      if (items != NULL)
        g_hash_table_insert (items, g_strdup (sid), json_to_string (item, FALSE));
    }
  return sids;
}

static gint64
api_int (JsonNode   *root,
         const char *name)
{
  return json_object_get_int_member (json_node_get_object (root), name);
}

static void
test_restart (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *db = g_build_filename (dir, "sim.sqlite", NULL);
  const char *account = RESTART_ACCOUNT ":" RESTART_TOKEN;
  Fixture fixture = { 0 };
  g_autoptr(GHashTable) items_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) items_after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) sids_before = NULL;
  g_autoptr(GPtrArray) sids_after = NULL;
  g_autoptr(GPtrArray) sids_later = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *ringing = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *later = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *notifications_path = NULL;
  g_autofree char *notifications_before = NULL;
  g_autofree char *notifications_after = NULL;
  g_autofree char *conference_sid = NULL;
  g_autofree char *queue_sid = NULL;
  g_autofree char *completed_before = NULL;
  g_autofree char *completed_after = NULL;
  g_autofree char *completed_path = NULL;
  g_autofree char *queue_path = NULL;
  g_autofree char *conference_path = NULL;
  g_autofree char *path = NULL;

  fixture.sim = liaison_test_sim_start ("--db", db, "--account", account, NULL);

  /* A call that completes, one left ringing (no answer for 600 s), a
   * conference with one participant and a queue with one member. */
  dial_outcome (&fixture, "no-answer", "10", "+14155550199");
  completed = api_create_call (fixture.sim, TO_A, "<Response><Say>Hello there</Say></Response>");
  ringing = api_create_call (fixture.sim, "+14155550199", "<Response><Say>Nobody hears this</Say></Response>");
  {
    const char * const form[] = { "From", FROM_A, "To", AGENT_A, "Label", "agent", NULL };

    g_clear_pointer (&root, json_node_unref);
    root = api_request (fixture.sim, "POST", "/Conferences/Standup/Participants.json", form, 201);
    agent = g_strdup (api_member (root, "call_sid"));
    conference_sid = g_strdup (api_member (root, "conference_sid"));
  }
  {
    const char * const form[] = { "FriendlyName", "support", NULL };

    g_clear_pointer (&root, json_node_unref);
    root = api_request (fixture.sim, "POST", "/Queues.json", form, 201);
    queue_sid = g_strdup (api_member (root, "sid"));
  }
  waiting = api_create_call (fixture.sim, CLIENT_A, "<Response><Enqueue>support</Enqueue></Response>");
  /* A notification: a <Redirect> without a URL ends the call with 12100. */
  broken = api_create_call (fixture.sim, "+14155550124", "<Response><Redirect/></Response>");
  advance (&fixture, 20);

  path = g_strdup_printf ("/Calls/%s.json", completed);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "completed");
  completed_before = json_to_string (root, FALSE);
  g_free (path);
  path = g_strdup_printf ("/Calls/%s.json", ringing);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "ringing");
  g_assert_null (api_member (root, "end_time"));
  conference_path = g_strdup_printf ("/Conferences/%s.json", conference_sid);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", conference_path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "in-progress");
  queue_path = g_strdup_printf ("/Queues/%s.json", queue_sid);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", queue_path, NULL, 200);
  g_assert_cmpint (api_int (root, "current_size"), ==, 1);
  sids_before = api_list_sids (fixture.sim, "/Calls.json", "calls", items_before);
  g_assert_cmpuint (sids_before->len, ==, 5);
  notifications_path = g_strdup_printf ("/Calls/%s/Notifications.json", broken);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", notifications_path, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "notifications")), ==, 1);
  notifications_before = json_to_string (root, FALSE);

  g_clear_pointer (&fixture.sim, liaison_test_sim_stop);
  fixture.sim = liaison_test_sim_start ("--db", db, "--account", account, NULL);

  /* The finished call is as it was, fetched and listed; the list keeps its
   * order. */
  completed_path = g_strdup_printf ("/Calls/%s.json", completed);
  completed_after = api_get_text (fixture.sim, completed_path);
  g_assert_cmpstr (completed_after, ==, completed_before);
  sids_after = api_list_sids (fixture.sim, "/Calls.json", "calls", items_after);
  g_assert_cmpuint (sids_after->len, ==, sids_before->len);
  for (guint i = 0; i < sids_before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (sids_after, i), ==, g_ptr_array_index (sids_before, i));
  g_assert_cmpstr (g_hash_table_lookup (items_after, completed), ==, g_hash_table_lookup (items_before, completed));
  g_assert_cmpstr (g_hash_table_lookup (items_after, broken), ==, g_hash_table_lookup (items_before, broken));
  notifications_after = api_get_text (fixture.sim, notifications_path);
  g_assert_cmpstr (notifications_after, ==, notifications_before);

  /* What was live ended with the restart. */
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "failed");
  g_assert_nonnull (api_member (root, "end_time"));
  g_assert_null (api_member (root, "start_time"));
  g_assert_cmpstr (api_member (root, "duration"), ==, "0");
  g_free (path);
  path = g_strdup_printf ("/Calls/%s.json", agent);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "completed");
  g_assert_nonnull (api_member (root, "start_time"));
  g_assert_nonnull (api_member (root, "end_time"));
  g_free (path);
  path = g_strdup_printf ("/Calls/%s.json", waiting);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "completed");

  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", conference_path, NULL, 200);
  g_assert_cmpstr (api_member (root, "status"), ==, "completed");
  g_assert_cmpstr (api_member (root, "reason_conference_ended"), ==, "last-participant-left");
  g_assert_cmpstr (api_member (root, "friendly_name"), ==, "Standup");
  g_free (path);
  path = g_strdup_printf ("/Conferences/%s/Participants.json", conference_sid);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "participants")), ==, 0);

  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", queue_path, NULL, 200);
  g_assert_cmpstr (api_member (root, "friendly_name"), ==, "support");
  g_assert_cmpint (api_int (root, "current_size"), ==, 0);
  g_free (path);
  path = g_strdup_printf ("/Queues/%s/Members.json", queue_sid);
  g_clear_pointer (&root, json_node_unref);
  root = api_request (fixture.sim, "GET", path, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "queue_members")), ==, 0);

  /* New calls come after the stored ones. */
  later = api_create_call (fixture.sim, TO_A, "<Response><Hangup/></Response>");
  sids_later = api_list_sids (fixture.sim, "/Calls.json", "calls", NULL);
  g_assert_cmpuint (sids_later->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (sids_later, 0), ==, later);

  /* And a third start finds the same. */
  g_clear_pointer (&fixture.sim, liaison_test_sim_stop);
  fixture.sim = liaison_test_sim_start ("--db", db, "--account", account, NULL);
  g_clear_pointer (&completed_after, g_free);
  completed_after = api_get_text (fixture.sim, completed_path);
  g_assert_cmpstr (completed_after, ==, completed_before);
  g_clear_pointer (&sids_later, g_ptr_array_unref);
  sids_later = api_list_sids (fixture.sim, "/Calls.json", "calls", NULL);
  g_assert_cmpuint (sids_later->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (sids_later, 0), ==, later);

  g_clear_pointer (&fixture.sim, liaison_test_sim_stop);
  liaison_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/TwilioVoice/call-json", test_call_json);
  g_test_add_func ("/Liaison/TwilioVoice/sim/restart", test_restart);
#define ADD(path, func) g_test_add ("/Liaison/TwilioVoice/sim/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("outbound-twiml", test_outbound_twiml);
  ADD ("outbound-url-outcomes", test_outbound_url_outcomes);
  ADD ("inbound-ivr", test_inbound_ivr);
  ADD ("gather-speech-dial-busy", test_gather_speech_dial_busy);
  ADD ("redirect-hangup", test_redirect_hangup);
  ADD ("list-filters", test_list_filters);
  ADD ("errors", test_errors);
  ADD ("create-uncertain", test_create_uncertain);
  ADD ("malformed-twiml", test_malformed_twiml);
  ADD ("fallback-url", test_fallback_url);
  ADD ("conference", test_conference);
  ADD ("queue", test_queue);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("dial-queue", test_dial_queue);
#undef ADD

  return g_test_run ();
}
