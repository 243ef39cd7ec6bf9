/* test-click-to-call.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-test-relay.h"
#include "liaison-click-to-call.h"
#include "liaison-live-call.h"
#include "liaison-recording-cache.h"
#include "liaison-twiml.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-page.h"
#include "liaison-webhook-signature.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* Click-to-call end to end: LiaisonClickToCall creates the call on
 * liaison-sim, which rings the advisor, fetches the relay's outbound step
 * (the real liaison-relay), runs its <Dial>, and posts both legs' status
 * callbacks and the recording's, signed, to the relay; the test reads them
 * back from the relay's event stream (/v1/events) with the advisor's token
 * and feeds them to a LiaisonLiveCall, as the desktop does. The relay's
 * TwiML is also checked directly with signed webhooks. */

#define JANE_TOKEN     "jane-desk-token-0001"
#define TWILIO_NUMBER  "+15005550006"
#define ADVISOR_PHONE  "+12025550101"
#define CLIENT_NY      "+12125550143"   /* New York: one-party consent */
#define CLIENT_CA      "+14155550143"   /* California: all-party consent */
#define THIRD_PARTY    "+12025550199"
#define MAX_STEPS      1000

typedef struct {
  LiaisonTestSim      *sim;
  LiaisonTestRelay    *relay;
  SoupSession         *session;
  LiaisonTwilioClient *client;
  LiaisonClickToCall  *ctc;
  char                *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autofree char *token = NULL;
  g_autofree char *jane = g_compute_checksum_for_string (G_CHECKSUM_SHA256, JANE_TOKEN, -1);
  g_autofree char *sections = NULL;

  g_setenv ("LIAISON_SIM_NO_SPEECH", "1", TRUE);
  fixture->sim = liaison_test_sim_start (NULL);
  g_unsetenv ("LIAISON_SIM_NO_SPEECH");
  fixture->session = soup_session_new ();
  fixture->dir = liaison_test_mkdtemp ();

  /* The relay answers for the sim's account: the sim signs every webhook
   * with its Auth Token, for the relay's own URL. */
  fixture->relay = liaison_test_relay_new ();
  token = g_strconcat (fixture->sim->auth_token, "\n", NULL);
  liaison_test_relay_write_file (fixture->relay, "primary.token", token, 0600);
  sections = g_strdup_printf ("[account %s]\n"
                              "auth-token-file = primary.token\n"
                              "[advisor jane]\n"
                              "token-sha256 = %s\n"
                              "numbers = " TWILIO_NUMBER "\n",
                              fixture->sim->account_sid, jane);
  liaison_test_relay_start (fixture->relay, NULL, sections);

  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (fixture->client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);
  fixture->ctc = liaison_click_to_call_new (fixture->client, fixture->relay->url, "jane");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->ctc);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->relay, liaison_test_relay_free);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  liaison_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* HTTP helpers */

static guint
send_message (Fixture     *fixture,
              SoupMessage *message,
              char       **out_body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read (fixture->session, message, NULL, &error);

  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (message);
}

static guint
post_form (Fixture     *fixture,
           const char  *url,
           const char  *form,
           const char  *signature,
           char       **out_body)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

  if (signature != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Twilio-Signature", signature);
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
  return send_message (fixture, message, out_body);
}

static void
sim_control (Fixture    *fixture,
             const char *path,
             const char *form)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);

  g_assert_cmpuint (post_form (fixture, url, form, NULL, NULL), ==, 200);
}

static void
advance (Fixture *fixture,
         guint    seconds)
{
  g_autofree char *form = g_strdup_printf ("seconds=%u", seconds);

  sim_control (fixture, "/_sim/clock/advance", form);
}

/* Signed as Twilio signs: the relay's URL (its public URL here) with the
 * query, then the sorted parameters. */
static guint
post_signed (Fixture            *fixture,
             const char         *path,
             const char         *signed_path,
             const char * const *params,
             char              **out_body)
{
  g_autofree char *url = g_strconcat (fixture->relay->url, path, NULL);
  g_autofree char *signed_url = g_strconcat (fixture->relay->url, signed_path, NULL);
  g_autofree char *signature = liaison_webhook_signature_compute (fixture->sim->auth_token, signed_url, params);
  g_autoptr(GString) form = g_string_new (NULL);

  for (guint i = 0; params[i] != NULL; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (params[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (params[i + 1], NULL, FALSE);

      g_string_append_printf (form, "%s%s=%s", form->len > 0 ? "&" : "", name, value);
    }
  return post_form (fixture, url, form->str, signature, out_body);
}

/* Every event of Jane's the relay holds, oldest first. */
static JsonNode *
relay_events (Fixture *fixture)
{
  g_autofree char *url = g_strconcat (fixture->relay->url, "/v1/events?after=0&wait=0&limit=500", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  JsonNode *root;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " JANE_TOKEN);
  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", "test");
  g_assert_cmpuint (send_message (fixture, message, &body), ==, 200);
  root = json_from_string (body, &error);
  g_assert_no_error (error);
  return root;
}

static JsonArray *
events_of (JsonNode *root)
{
  return json_object_get_array_member (json_node_get_object (root), "events");
}

static const char *
param (JsonObject *event,
       const char *name)
{
  JsonObject *params = json_object_get_object_member (event, "params");

  return params != NULL && json_object_has_member (params, name)
         ? json_object_get_string_member (params, name) : NULL;
}

/* Feeds the relay's events to @live, as the desktop's relay client would. */
static void
feed (LiaisonLiveCall *live,
      JsonArray       *events)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *kind = json_object_get_string_member (event, "kind");

      if (g_str_equal (kind, "call.status"))
        {
          const char *code = param (event, "ErrorCode");

          liaison_live_call_apply_status (live, json_object_get_string_member (event, "sid"),
                                          param (event, "ParentCallSid"),
                                          json_object_get_string_member (event, "status"),
                                          code != NULL ? (guint) g_ascii_strtoull (code, NULL, 10) : 0);
        }
      else if (g_str_equal (kind, "recording.status"))
        {
          liaison_live_call_apply_recording (live, param (event, "CallSid"), param (event, "RecordingSid"),
                                             param (event, "RecordingStatus"));
        }
    }
}

/* The statuses the relay got for call @sid, in order. */
static char *
statuses_of (JsonArray  *events,
             const char *sid)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (event, "kind"), "call.status")
          && g_str_equal (json_object_get_string_member (event, "sid"), sid))
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "",
                                json_object_get_string_member (event, "status"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonObject *
find_event (JsonArray  *events,
            const char *kind,
            const char *sid)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (event, "kind"), kind)
          && (sid == NULL || g_str_equal (json_object_get_string_member (event, "sid"), sid)))
        return event;
    }
  return NULL;
}

typedef gboolean (*Condition) (LiaisonLiveCall *live,
                               JsonArray       *events);

/* Moves the sim's clock a second at a time, feeding the relay's events to
 * @live, until @condition holds. Returns the events then. */
static JsonNode *
run_until (Fixture         *fixture,
           LiaisonLiveCall *live,
           Condition        condition)
{
  for (guint step = 0; step < MAX_STEPS; step++)
    {
      g_autoptr(JsonNode) root = relay_events (fixture);

      feed (live, events_of (root));
      if (condition (live, events_of (root)))
        return g_steal_pointer (&root);
      if (step == MAX_STEPS - 1)
        {
          g_autofree char *text = json_to_string (root, TRUE);

          /* What the relay had when the wait ran out. */
          g_test_message ("State %s; events: %s",
                          liaison_live_call_state_to_string (liaison_live_call_get_state (live)), text);
        }
      advance (fixture, 1);
      /* Webhooks the sim sends once the relay answered its TwiML requests. */
      g_usleep (20 * 1000);
    }
  g_assert_not_reached ();
}

static gboolean
is_over_and_parent_completed (LiaisonLiveCall *live,
                              JsonArray       *events)
{
  g_autofree char *parent = statuses_of (events, liaison_live_call_get_call_sid (live));

  return liaison_live_call_is_over (live) && g_str_has_suffix (parent, "completed");
}

static gboolean
is_over_and_recorded (LiaisonLiveCall *live,
                      JsonArray       *events)
{
  return is_over_and_parent_completed (live, events) && liaison_live_call_get_recording_sid (live) != NULL;
}

static gboolean
is_in_progress (LiaisonLiveCall *live,
                JsonArray       *events)
{
  return liaison_live_call_get_state (live) == LIAISON_LIVE_CALL_IN_PROGRESS;
}

static gboolean
is_over (LiaisonLiveCall *live,
         JsonArray       *events)
{
  return liaison_live_call_is_over (live);
}

static void
state_cb (LiaisonLiveCall *live,
          GParamSpec      *pspec,
          GString         *states)
{
  g_string_append_printf (states, "%s%s", states->len > 0 ? " " : "",
                          liaison_live_call_state_to_string (liaison_live_call_get_state (live)));
}

static LiaisonLiveCall *
start (Fixture    *fixture,
       const char *client_number,
       GString    *states)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonLiveCall *live;

  liaison_click_to_call_start_async (fixture->ctc, ADVISOR_PHONE, client_number, TWILIO_NUMBER, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  live = liaison_click_to_call_start_finish (fixture->ctc, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (live);
  g_assert_true (g_str_has_prefix (liaison_live_call_get_call_sid (live), "CA"));
  g_assert_cmpstr (liaison_live_call_get_client_number (live), ==, client_number);
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_DIALING_ADVISOR);
  g_assert_nonnull (liaison_live_call_get_started_at (live));
  g_signal_connect (live, "notify::state", G_CALLBACK (state_cb), states);
  return live;
}

/* The relay's TwiML, from signed webhooks */

static void
test_outbound_twiml (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *params[] = {
    "AccountSid", fixture->sim->account_sid, "ApiVersion", "2010-04-01",
    "CallSid", "CAaaaa0000000000000000000000000001", "CallStatus", "in-progress",
    "Direction", "outbound-api", "From", TWILIO_NUMBER, "To", ADVISOR_PHONE, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url_ca = liaison_click_to_call_build_outbound_url (fixture->relay->url, "jane", CLIENT_CA);
  g_autofree char *url_ny = liaison_click_to_call_build_outbound_url (fixture->relay->url, "jane", CLIENT_NY);
  g_autofree char *path_ca = g_strdup (url_ca + strlen (fixture->relay->url));
  g_autofree char *path_ny = g_strdup (url_ny + strlen (fixture->relay->url));
  g_autofree char *expected = NULL;

  g_assert_cmpstr (path_ca, ==, "/twilio/voice/outbound?advisor=jane&client=%2B14155550143");

  /* California: everyone hears the recording notice, the advisor first
   * and the client before the bridge. */
  g_assert_cmpuint (post_signed (fixture, path_ca, path_ca, params, &body), ==, 200);
  g_assert_true (liaison_twiml_validate (body, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "<Say>This call may be recorded.</Say><Dial "));
  expected = g_strdup_printf ("<Dial action=\"%s/twilio/voice/outbound-done?advisor=jane\" method=\"POST\" "
                              "callerId=\"" TWILIO_NUMBER "\" record=\"record-from-answer-dual\" "
                              "recordingStatusCallback=\"%s/twilio/recordings/status?advisor=jane\" "
                              "recordingStatusCallbackMethod=\"POST\">"
                              "<Number url=\"%s/twilio/voice/outbound-notice?advisor=jane\" method=\"POST\" "
                              "statusCallback=\"%s/twilio/voice/status?advisor=jane\" statusCallbackMethod=\"POST\" "
                              "statusCallbackEvent=\"initiated ringing answered completed\">" CLIENT_CA "</Number>"
                              "</Dial>",
                              fixture->relay->url, fixture->relay->url, fixture->relay->url, fixture->relay->url);
  g_assert_nonnull (strstr (body, expected));
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&expected, g_free);

  /* New York: no notice needed. */
  g_assert_cmpuint (post_signed (fixture, path_ny, path_ny, params, &body), ==, 200);
  g_assert_true (liaison_twiml_validate (body, &error));
  g_assert_null (strstr (body, "<Say>"));
  g_assert_null (strstr (body, "outbound-notice"));
  g_assert_nonnull (strstr (body, "record=\"record-from-answer-dual\""));
  g_assert_nonnull (strstr (body, ">" CLIENT_NY "</Number>"));
  g_clear_pointer (&body, g_free);

  /* The client number is signed with the URL: another one is refused. */
  g_assert_cmpuint (post_signed (fixture, path_ny, path_ca, params, &body), ==, 403);
  g_clear_pointer (&body, g_free);

  /* Not a number: the advisor is told, nobody is dialled. */
  g_assert_cmpuint (post_signed (fixture, "/twilio/voice/outbound?advisor=jane&client=call-me",
                                 "/twilio/voice/outbound?advisor=jane&client=call-me", params, &body), ==, 200);
  g_assert_true (liaison_twiml_validate (body, &error));
  g_assert_null (strstr (body, "<Dial"));
  g_assert_nonnull (strstr (body, "<Hangup/>"));
  g_clear_pointer (&body, g_free);

  /* Without the advisor's name, the Twilio number the call comes from
   * names them. */
  g_assert_cmpuint (post_signed (fixture, "/twilio/voice/outbound?client=%2B12125550143",
                                 "/twilio/voice/outbound?client=%2B12125550143", params, &body), ==, 200);
  g_assert_nonnull (strstr (body, "callerId=\"" TWILIO_NUMBER "\""));
  g_clear_pointer (&body, g_free);

  /* The dial's end: why the client was not reached, then goodbye. */
  {
    const char *done[] = {
      "AccountSid", fixture->sim->account_sid, "CallSid", "CAaaaa0000000000000000000000000001",
      "CallStatus", "in-progress", "DialCallStatus", "busy", "DialBridged", "false",
      "From", TWILIO_NUMBER, "To", ADVISOR_PHONE, NULL,
    };

    g_assert_cmpuint (post_signed (fixture, "/twilio/voice/outbound-done?advisor=jane",
                                   "/twilio/voice/outbound-done?advisor=jane", done, &body), ==, 200);
    g_assert_true (liaison_twiml_validate (body, &error));
    g_assert_nonnull (strstr (body, "<Say>The line is busy.</Say><Hangup/>"));
    g_clear_pointer (&body, g_free);
  }

  /* The steps reach Jane's desktops like any call event. */
  {
    g_autoptr(JsonNode) root = relay_events (fixture);

    g_assert_nonnull (find_event (events_of (root), "call.outbound", "CAaaaa0000000000000000000000000001"));
    g_assert_nonnull (find_event (events_of (root), "call.outbound-done", "CAaaaa0000000000000000000000000001"));
  }
}

static void
test_outbound_policy_no_recording (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *params[] = {
    "AccountSid", fixture->sim->account_sid, "CallSid", "CAaaaa0000000000000000000000000002",
    "CallStatus", "in-progress", "From", TWILIO_NUMBER, "To", ADVISOR_PHONE, NULL,
  };
  const char *policy = "{\"forward_to\": [\"" ADVISOR_PHONE "\"], \"recording\": {\"enabled\": false}}";
  g_autofree char *url = g_strconcat (fixture->relay->url, "/v1/policy", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("PUT", url);
  g_autoptr(GBytes) bytes = g_bytes_new_static (policy, strlen (policy));
  g_autofree char *body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " JANE_TOKEN);
  soup_message_headers_replace (soup_message_get_request_headers (message), "X-Liaison-Client", "test");
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  g_assert_cmpuint (send_message (fixture, message, NULL), ==, 200);

  /* The advisor turned recording off: no notice, no recording. */
  g_assert_cmpuint (post_signed (fixture, "/twilio/voice/outbound?advisor=jane&client=%2B14155550143",
                                 "/twilio/voice/outbound?advisor=jane&client=%2B14155550143", params, &body), ==, 200);
  g_assert_nonnull (strstr (body, "<Dial "));
  g_assert_null (strstr (body, "record="));
  g_assert_null (strstr (body, "<Say>"));
}

/* LiaisonClickToCall refuses what cannot be called, before any request. */
static void
test_invalid_numbers (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char *advisor;
    const char *client;
    const char *from;
    gint        code;
  } cases[] = {
    { "not a phone", CLIENT_NY, TWILIO_NUMBER, LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER },
    { ADVISOR_PHONE, "12", TWILIO_NUMBER, LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER },
    { ADVISOR_PHONE, "", TWILIO_NUMBER, LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER },
    { ADVISOR_PHONE, CLIENT_NY, NULL, LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER },
    { ADVISOR_PHONE, "(202) 555-0101", TWILIO_NUMBER, LIAISON_CLICK_TO_CALL_ERROR_SAME_NUMBER },
  };
  g_autoptr(LiaisonClickToCall) no_relay = liaison_click_to_call_new (fixture->client, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonLiveCall) live = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      liaison_click_to_call_start_async (fixture->ctc, cases[i].advisor, cases[i].client, cases[i].from, NULL,
                                         liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      live = liaison_click_to_call_start_finish (fixture->ctc, result, &error);
      g_assert_null (live);
      g_assert_error (error, LIAISON_CLICK_TO_CALL_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_clear_error (&error);
      g_clear_object (&result);
    }

  liaison_click_to_call_start_async (no_relay, ADVISOR_PHONE, CLIENT_NY, TWILIO_NUMBER, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  live = liaison_click_to_call_start_finish (no_relay, result, &error);
  g_assert_error (error, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_NO_RELAY);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Twilio's own refusal (TWILIO.md §7: To +15005550002 cannot be routed)
   * comes back as Twilio's error. */
  liaison_click_to_call_start_async (fixture->ctc, "+15005550002", CLIENT_NY, TWILIO_NUMBER, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  live = liaison_click_to_call_start_finish (fixture->ctc, result, &error);
  g_assert_null (live);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);

  /* Nothing reached the relay. */
  root = relay_events (fixture);
  g_assert_cmpuint (json_array_get_length (events_of (root)), ==, 0);
}

/* End to end */

static void
test_call_completed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = start (fixture, CLIENT_NY, states);
  const char *parent = liaison_live_call_get_call_sid (live);
  g_autoptr(JsonNode) root = run_until (fixture, live, is_over_and_recorded);
  JsonArray *events = events_of (root);
  g_autofree char *parent_statuses = statuses_of (events, parent);
  g_autofree char *child_statuses = NULL;
  const char *child = liaison_live_call_get_child_call_sid (live);
  JsonObject *recording;
  JsonObject *child_event;
  g_autoptr(LiaisonRecordingCache) cache = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_dir = g_build_filename (fixture->dir, "recordings", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* The banner went dialing → ringing → in progress → completed. */
  g_assert_cmpstr (states->str, ==, "ringing in-progress completed");
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_COMPLETED);
  g_assert_nonnull (liaison_live_call_get_answered_at (live));
  g_assert_nonnull (liaison_live_call_get_ended_at (live));
  g_assert_null (liaison_live_call_get_failure_reason (live));

  /* Both legs' statuses reached the relay and Jane's event stream. */
  g_assert_cmpstr (parent_statuses, ==, "initiated ringing in-progress completed");
  g_assert_nonnull (child);
  g_assert_cmpstr (child, !=, parent);
  child_statuses = statuses_of (events, child);
  g_assert_cmpstr (child_statuses, ==, "initiated ringing in-progress completed");
  child_event = find_event (events, "call.status", child);
  g_assert_cmpstr (param (child_event, "ParentCallSid"), ==, parent);
  g_assert_cmpstr (param (child_event, "To"), ==, CLIENT_NY);
  g_assert_cmpstr (param (child_event, "From"), ==, TWILIO_NUMBER);
  g_assert_nonnull (find_event (events, "call.outbound", parent));

  /* The dual-channel recording's callback: advisor and client. */
  recording = find_event (events, "recording.status", NULL);
  g_assert_nonnull (recording);
  g_assert_cmpstr (param (recording, "CallSid"), ==, parent);
  g_assert_cmpstr (param (recording, "RecordingStatus"), ==, "completed");
  g_assert_cmpstr (param (recording, "RecordingChannels"), ==, "2");
  g_assert_cmpstr (param (recording, "RecordingSource"), ==, "DialVerb");
  g_assert_cmpint (g_ascii_strtoll (param (recording, "RecordingDuration"), NULL, 10), >, 0);
  g_assert_true (g_str_has_prefix (param (recording, "RecordingUrl"), fixture->sim->url));
  g_assert_cmpstr (liaison_live_call_get_recording_sid (live), ==, param (recording, "RecordingSid"));
  g_assert_cmpstr (liaison_live_call_get_recording_status (live), ==, "completed");

  /* … and the recording itself, through the cache: two channels. */
  cache = liaison_recording_cache_new (fixture->client, cache_dir);
  liaison_recording_cache_fetch_async (cache, liaison_live_call_get_recording_sid (live),
                                       LIAISON_TWILIO_RECORDING_FORMAT_WAV, NULL, NULL, NULL, NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  path = liaison_recording_cache_fetch_finish (cache, result, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 44);
  g_assert_cmpuint ((guchar) contents[22], ==, 2);
}

static void
test_client_busy (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *parent_statuses = NULL;
  g_autofree char *child_statuses = NULL;

  sim_control (fixture, "/_sim/calls/dial-outcome", "outcome=busy&To=%2B12125550143");
  live = start (fixture, CLIENT_NY, states);
  root = run_until (fixture, live, is_over_and_parent_completed);

  g_assert_cmpstr (states->str, ==, "ringing busy");
  g_assert_cmpstr (liaison_live_call_get_failure_reason (live), ==, "The client’s line was busy.");
  g_assert_null (liaison_live_call_get_answered_at (live));
  child_statuses = statuses_of (events_of (root), liaison_live_call_get_child_call_sid (live));
  g_assert_cmpstr (child_statuses, ==, "initiated ringing busy");
  parent_statuses = statuses_of (events_of (root), liaison_live_call_get_call_sid (live));
  g_assert_cmpstr (parent_statuses, ==, "initiated ringing in-progress completed");
  /* Nobody talked: no recording. */
  g_assert_null (find_event (events_of (root), "recording.status", NULL));
  g_assert_nonnull (find_event (events_of (root), "call.outbound-done", liaison_live_call_get_call_sid (live)));
}

static void
test_client_no_answer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *child_statuses = NULL;

  sim_control (fixture, "/_sim/calls/dial-outcome", "outcome=no-answer&To=%2B12125550143");
  live = start (fixture, CLIENT_NY, states);
  root = run_until (fixture, live, is_over_and_parent_completed);

  g_assert_cmpstr (states->str, ==, "ringing no-answer");
  g_assert_cmpstr (liaison_live_call_get_failure_reason (live), ==, "The client did not answer.");
  child_statuses = statuses_of (events_of (root), liaison_live_call_get_child_call_sid (live));
  g_assert_cmpstr (child_statuses, ==, "initiated ringing no-answer");
}

static void
test_client_failed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *child_statuses = NULL;

  sim_control (fixture, "/_sim/calls/dial-outcome", "outcome=failed&To=%2B12125550143");
  live = start (fixture, CLIENT_NY, states);
  root = run_until (fixture, live, is_over_and_parent_completed);

  g_assert_cmpstr (states->str, ==, "ringing failed");
  g_assert_cmpstr (liaison_live_call_get_failure_reason (live), ==, "The client’s number could not be called.");
  child_statuses = statuses_of (events_of (root), liaison_live_call_get_child_call_sid (live));
  g_assert_cmpstr (child_statuses, ==, "initiated failed");
}

static void
test_advisor_no_answer (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *parent_statuses = NULL;

  sim_control (fixture, "/_sim/calls/dial-outcome", "outcome=no-answer&To=%2B12025550101");
  live = start (fixture, CLIENT_NY, states);
  root = run_until (fixture, live, is_over);

  g_assert_cmpstr (states->str, ==, "no-answer");
  g_assert_cmpstr (liaison_live_call_get_failure_reason (live), ==, "You did not answer your phone.");
  g_assert_null (liaison_live_call_get_child_call_sid (live));
  parent_statuses = statuses_of (events_of (root), liaison_live_call_get_call_sid (live));
  g_assert_cmpstr (parent_statuses, ==, "initiated ringing no-answer");
  /* The client was never called. */
  g_assert_null (find_event (events_of (root), "call.outbound", NULL));
}

static void
test_advisor_busy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = NULL;
  g_autoptr(JsonNode) root = NULL;

  sim_control (fixture, "/_sim/calls/dial-outcome", "outcome=busy&To=%2B12025550101");
  live = start (fixture, CLIENT_NY, states);
  root = run_until (fixture, live, is_over);

  g_assert_cmpstr (states->str, ==, "busy");
  g_assert_cmpstr (liaison_live_call_get_failure_reason (live), ==, "Your phone was busy.");
}

static void
test_hang_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = start (fixture, CLIENT_NY, states);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *child_statuses = NULL;
  JsonObject *recording;

  json_node_unref (run_until (fixture, live, is_in_progress));

  /* Talk a little, then hang up from the desktop: both legs end. */
  advance (fixture, 4);
  liaison_click_to_call_hang_up_async (fixture->ctc, liaison_live_call_get_call_sid (live), NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_click_to_call_hang_up_finish (fixture->ctc, result, &error));
  g_assert_no_error (error);
  root = run_until (fixture, live, is_over_and_recorded);

  g_assert_cmpstr (states->str, ==, "ringing in-progress completed");
  child_statuses = statuses_of (events_of (root), liaison_live_call_get_child_call_sid (live));
  g_assert_cmpstr (child_statuses, ==, "initiated ringing in-progress completed");
  /* What was said until then is recorded. */
  recording = find_event (events_of (root), "recording.status", NULL);
  g_assert_cmpstr (param (recording, "RecordingChannels"), ==, "2");
  g_assert_cmpint (g_ascii_strtoll (param (recording, "RecordingDuration"), NULL, 10), >=, 4);
  g_clear_object (&result);

  /* A call that is over cannot be hung up again: Twilio's error. */
  liaison_click_to_call_hang_up_async (fixture->ctc, liaison_live_call_get_call_sid (live), NULL,
                                       liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_click_to_call_hang_up_finish (fixture->ctc, result, &error));
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
}

static void
test_add_participant (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(LiaisonLiveCall) live = start (fixture, CLIENT_NY, states);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *third = NULL;
  g_autofree char *room = liaison_click_to_call_room_for_call (liaison_live_call_get_call_sid (live));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *conference_sid = NULL;
  guint step;

  json_node_unref (run_until (fixture, live, is_in_progress));
  liaison_click_to_call_add_participant_async (fixture->ctc, liaison_live_call_get_call_sid (live), THIRD_PARTY,
                                               TWILIO_NUMBER, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  third = liaison_click_to_call_add_participant_finish (fixture->ctc, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (third, "CA"));
  g_clear_object (&result);

  /* The conference named after the call gathers the client, the advisor
   * (sent there by the relay when their <Dial> ended) and the third party. */
  for (step = 0; step < MAX_STEPS && g_hash_table_size (seen) < 3; step++)
    {
      g_autoptr(LiaisonTwilioPage) page = NULL;
      GPtrArray *items;

      advance (fixture, 1);
      g_usleep (20 * 1000);
      if (conference_sid == NULL)
        {
          liaison_twilio_client_list_conferences_async (fixture->client, room, "in-progress", 0, NULL,
                                                        liaison_test_async_cb, &result);
          liaison_test_wait (&result);
          page = liaison_twilio_client_list_finish (fixture->client, result, &error);
          g_assert_no_error (error);
          g_clear_object (&result);
          items = liaison_twilio_page_get_items (page);
          if (items->len > 0)
            conference_sid = g_strdup (liaison_twilio_conference_get_sid (g_ptr_array_index (items, 0)));
          g_clear_object (&page);
        }
      if (conference_sid == NULL)
        continue;
      liaison_twilio_client_list_participants_async (fixture->client, conference_sid, 0, NULL,
                                                     liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      page = liaison_twilio_client_list_finish (fixture->client, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      items = liaison_twilio_page_get_items (page);
      for (guint i = 0; i < items->len; i++)
        {
          LiaisonTwilioParticipant *participant = g_ptr_array_index (items, i);

          if (g_strcmp0 (liaison_twilio_participant_get_status (participant), "connected") == 0)
            g_hash_table_add (seen, g_strdup (liaison_twilio_participant_get_call_sid (participant)));
        }
    }

  g_assert_true (g_hash_table_contains (seen, liaison_live_call_get_call_sid (live)));
  g_assert_true (g_hash_table_contains (seen, liaison_live_call_get_child_call_sid (live)));
  g_assert_true (g_hash_table_contains (seen, third));

  /* Not before the client answered: a clear error. */
  {
    g_autoptr(GString) other_states = g_string_new (NULL);
    g_autoptr(LiaisonLiveCall) other = start (fixture, CLIENT_CA, other_states);
    g_autofree char *none = NULL;

    liaison_click_to_call_add_participant_async (fixture->ctc, liaison_live_call_get_call_sid (other), THIRD_PARTY,
                                                 TWILIO_NUMBER, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    none = liaison_click_to_call_add_participant_finish (fixture->ctc, result, &error);
    g_assert_null (none);
    g_assert_error (error, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_NOT_CONNECTED);
  }
}

/* The state model alone: late and foreign statuses never move it back. */
static void
test_live_call_model (void)
{
  g_autoptr(LiaisonLiveCall) live = liaison_live_call_new ("CAparent", CLIENT_NY);

  g_assert_false (liaison_live_call_apply_status (live, "CAother", NULL, "in-progress", 0));
  g_assert_false (liaison_live_call_apply_status (live, "CAparent", NULL, "ringing", 0));
  g_assert_true (liaison_live_call_apply_status (live, "CAparent", NULL, "in-progress", 0));
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_RINGING);
  g_assert_true (liaison_live_call_apply_status (live, "CAchild", "CAparent", "initiated", 0));
  g_assert_cmpstr (liaison_live_call_get_child_call_sid (live), ==, "CAchild");
  /* Another leg of the same parent is not the client's. */
  g_assert_false (liaison_live_call_apply_status (live, "CAthird", "CAparent", "in-progress", 0));
  g_assert_true (liaison_live_call_apply_status (live, "CAchild", "CAparent", "in-progress", 0));
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_IN_PROGRESS);
  /* Late: ringing after in-progress changes nothing. */
  g_assert_false (liaison_live_call_apply_status (live, "CAchild", "CAparent", "ringing", 0));
  g_assert_true (liaison_live_call_apply_status (live, "CAchild", "CAparent", "completed", 0));
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_COMPLETED);
  g_assert_false (liaison_live_call_apply_status (live, "CAparent", NULL, "failed", 31000));
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_COMPLETED);

  g_clear_object (&live);
  live = liaison_live_call_new ("CAparent", CLIENT_NY);
  g_assert_true (liaison_live_call_apply_status (live, "CAparent", NULL, "failed", 21215));
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_FAILED);
  g_assert_cmpstr (liaison_live_call_get_failure_reason (live), ==,
                   "Your Twilio account is not allowed to call this country.");

  g_clear_object (&live);
  live = liaison_live_call_new ("CAparent", CLIENT_NY);
  g_assert_true (liaison_live_call_apply_status (live, "CAchild", "CAparent", "ringing", 0));
  g_assert_true (liaison_live_call_apply_status (live, "CAparent", NULL, "completed", 0));
  g_assert_cmpint (liaison_live_call_get_state (live), ==, LIAISON_LIVE_CALL_CANCELED);
  g_assert_nonnull (liaison_live_call_get_failure_reason (live));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Liaison/ClickToCall/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/Liaison/ClickToCall/live-call-model", test_live_call_model);
  ADD ("outbound-twiml", test_outbound_twiml);
  ADD ("outbound-policy-no-recording", test_outbound_policy_no_recording);
  ADD ("invalid-numbers", test_invalid_numbers);
  ADD ("call-completed", test_call_completed);
  ADD ("client-busy", test_client_busy);
  ADD ("client-no-answer", test_client_no_answer);
  ADD ("client-failed", test_client_failed);
  ADD ("advisor-no-answer", test_advisor_no_answer);
  ADD ("advisor-busy", test_advisor_busy);
  ADD ("hang-up", test_hang_up);
  ADD ("add-participant", test_add_participant);

#undef ADD

  return g_test_run ();
}
