/* test-twilio-client.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-secret-store.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

#define ACCOUNT_A   "ACaaaa456789abcdef0123456789abcdef"
#define TOKEN_A     "5f4dcc3b5aa765d61d8327deb882cf99"
#define ACCOUNT_B   "ACfedcba9876543210FEDCBA9876543210"
#define TOKEN_B     "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define KEY_A       "SK00112233445566778899aabbccddeeff"
#define KEY_SECRET  "kS3cr3tOfTheApiKeyWithLettersXYZ"
#define UNKNOWN_AC  "ACaaaa9999999999999999999999999999"

/* Credentials */

static void
assert_invalid (LiaisonTwilioCredentials *credentials,
                const char               *expected_word)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_twilio_credentials_validate (credentials, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, expected_word));
  liaison_twilio_credentials_free (credentials);
}

static void
test_credentials_validate (void)
{
  g_autoptr(LiaisonTwilioCredentials) token = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autoptr(LiaisonTwilioCredentials) key = liaison_twilio_credentials_new_api_key (ACCOUNT_B, KEY_A, KEY_SECRET);
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_twilio_credentials_validate (token, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_twilio_credentials_validate (key, &error));
  g_assert_no_error (error);

  /* Account SID */
  assert_invalid (liaison_twilio_credentials_new_auth_token (NULL, TOKEN_A), "Account SID");
  assert_invalid (liaison_twilio_credentials_new_auth_token ("", TOKEN_A), "Account SID");
  assert_invalid (liaison_twilio_credentials_new_auth_token ("AC0123", TOKEN_A), "Account SID");
  assert_invalid (liaison_twilio_credentials_new_auth_token ("SK0123456789abcdef0123456789abcdef", TOKEN_A),
                  "Account SID");
  assert_invalid (liaison_twilio_credentials_new_auth_token ("AC0123456789abcdef0123456789abcdeg", TOKEN_A),
                  "Account SID");
  assert_invalid (liaison_twilio_credentials_new_auth_token (" " ACCOUNT_A, TOKEN_A), "Account SID");
  assert_invalid (liaison_twilio_credentials_new_auth_token (ACCOUNT_A "0", TOKEN_A), "Account SID");

  /* Auth Token */
  assert_invalid (liaison_twilio_credentials_new_auth_token (ACCOUNT_A, NULL), "Auth Token");
  assert_invalid (liaison_twilio_credentials_new_auth_token (ACCOUNT_A, ""), "Auth Token");
  assert_invalid (liaison_twilio_credentials_new_auth_token (ACCOUNT_A, "short"), "Auth Token");
  assert_invalid (liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A "0"), "Auth Token");
  assert_invalid (liaison_twilio_credentials_new_auth_token (ACCOUNT_A, "5f4dcc3b5aa765d61d8327deb882cf9\n"),
                  "Auth Token");

  /* API key */
  assert_invalid (liaison_twilio_credentials_new_api_key (ACCOUNT_A, NULL, KEY_SECRET), "API key SID");
  assert_invalid (liaison_twilio_credentials_new_api_key (ACCOUNT_A, ACCOUNT_B, KEY_SECRET), "API key SID");
  assert_invalid (liaison_twilio_credentials_new_api_key (ACCOUNT_A, "SK0011", KEY_SECRET), "API key SID");
  assert_invalid (liaison_twilio_credentials_new_api_key (KEY_A, KEY_A, KEY_SECRET), "Account SID");
  assert_invalid (liaison_twilio_credentials_new_api_key (ACCOUNT_A, KEY_A, ""), "API key secret");
  assert_invalid (liaison_twilio_credentials_new_api_key (ACCOUNT_A, KEY_A, "with space"), "API key secret");
}

static void
test_credentials_copy (void)
{
  g_autoptr(LiaisonTwilioCredentials) token = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autoptr(LiaisonTwilioCredentials) key = liaison_twilio_credentials_new_api_key (ACCOUNT_B, KEY_A, KEY_SECRET);
  g_autoptr(LiaisonTwilioCredentials) copy = NULL;
  LiaisonTwilioCredentials *boxed;

  g_assert_cmpstr (liaison_twilio_credentials_get_username (token), ==, ACCOUNT_A);
  g_assert_cmpstr (liaison_twilio_credentials_get_username (key), ==, KEY_A);

  copy = liaison_twilio_credentials_copy (key);
  g_assert_true (copy != key);
  g_assert_cmpint (copy->kind, ==, LIAISON_CREDENTIAL_KIND_API_KEY);
  g_assert_cmpstr (copy->account_sid, ==, ACCOUNT_B);
  g_assert_cmpstr (copy->key_sid, ==, KEY_A);
  g_assert_cmpstr (copy->secret, ==, KEY_SECRET);
  g_assert_true (copy->secret != key->secret);

  /* The boxed type copies and frees through the same functions. */
  boxed = g_boxed_copy (LIAISON_TYPE_TWILIO_CREDENTIALS, token);
  g_assert_cmpstr (boxed->secret, ==, TOKEN_A);
  g_assert_cmpint (boxed->kind, ==, LIAISON_CREDENTIAL_KIND_AUTH_TOKEN);
  g_assert_null (boxed->key_sid);
  g_boxed_free (LIAISON_TYPE_TWILIO_CREDENTIALS, boxed);
}

/* Error bodies */

static GError *
error_from (guint       status,
            const char *content_type,
            const char *body)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return liaison_twilio_error_new_from_response (status, content_type, bytes);
}

static void
test_error_table (void)
{
  static const gint required[] = {
    20003, 20404, 20429, 21211, 21408, 21606, 21608, 21610, 21611, 21612, 21614,
    30001, 30002, 30003, 30004, 30005, 30006, 30007, 30008, 30034,
    13224, 13227, 21215, 21452, 21421,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *title = liaison_twilio_error_get_title (required[i]);
      const char *explanation = liaison_twilio_error_explain (required[i]);
      const char *suggestion = liaison_twilio_error_suggest (required[i]);

      g_test_message ("code %d", required[i]);
      g_assert_nonnull (title);
      g_assert_nonnull (explanation);
      g_assert_nonnull (suggestion);
      g_assert_cmpuint (strlen (explanation), >, 10);
      g_assert_cmpuint (strlen (suggestion), >, 10);
    }

  g_assert_null (liaison_twilio_error_explain (0));
  g_assert_null (liaison_twilio_error_suggest (99999));
  g_assert_null (liaison_twilio_error_get_title (-1));
}

static void
test_error_known_code (void)
{
  g_autoptr(GError) error = error_from (401, "application/json",
                                        "{\"code\": 20003, \"message\": \"Authenticate\", "
                                        "\"more_info\": \"https://www.twilio.com/docs/errors/20003\", "
                                        "\"status\": 401}");
  g_autoptr(GError) copy = NULL;
  g_autofree char *expected = NULL;
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_nonnull (details);
  g_assert_cmpuint (details->http_status, ==, 401);
  g_assert_cmpint (details->code, ==, 20003);
  g_assert_cmpstr (details->message, ==, "Authenticate");
  g_assert_cmpstr (details->more_info, ==, "https://www.twilio.com/docs/errors/20003");

  /* Plain words from the table, not Twilio's terse message. */
  expected = g_strdup_printf ("%s (error 20003). %s %s",
                              liaison_twilio_error_get_title (20003),
                              liaison_twilio_error_explain (20003),
                              liaison_twilio_error_suggest (20003));
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_nonnull (strstr (error->message, "Account SID"));

  /* The details travel with copies of the error. */
  copy = g_error_copy (error);
  g_clear_error (&error);
  details = liaison_twilio_error_get_details (copy);
  g_assert_nonnull (details);
  g_assert_cmpint (details->code, ==, 20003);
  g_assert_cmpuint (details->http_status, ==, 401);
  g_assert_cmpstr (details->message, ==, "Authenticate");
}

static void
test_error_unknown_code (void)
{
  g_autoptr(GError) error = error_from (400, "application/json; charset=utf-8",
                                        "{\"code\": 21999, \"message\": \"Something rare happened\", "
                                        "\"more_info\": \"https://www.twilio.com/docs/errors/21999\", \"status\": 400}");
  g_autoptr(GError) string_code = error_from (400, "application/json",
                                              "{\"code\": \"21211\", \"message\": \"The 'To' number is not valid\"}");
  g_autoptr(GError) problem = error_from (400, "application/problem+json",
                                          "{\"type\": \"https://www.twilio.com/docs/errors/20001\", "
                                          "\"title\": \"Invalid\", \"status\": 400, \"code\": 20001, "
                                          "\"detail\": \"The field is invalid\"}");
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_nonnull (strstr (error->message, "Something rare happened"));
  g_assert_nonnull (strstr (error->message, "21999"));
  g_assert_cmpint (liaison_twilio_error_get_details (error)->code, ==, 21999);

  g_assert_error (string_code, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (string_code);
  g_assert_cmpint (details->code, ==, 21211);
  g_assert_cmpstr (error->message, !=, string_code->message);
  g_assert_nonnull (strstr (string_code->message, liaison_twilio_error_explain (21211)));

  g_assert_error (problem, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (problem);
  g_assert_cmpint (details->code, ==, 20001);
  g_assert_cmpstr (details->message, ==, "The field is invalid");
}

static void
test_error_not_json (void)
{
  g_autoptr(GError) html = error_from (502, "text/html",
                                       "<html><head><title>502 Bad Gateway</title></head>"
                                       "<body><center><h1>502 Bad Gateway</h1></center></body></html>");
  g_autoptr(GError) text = error_from (403, "text/plain", "Forbidden by proxy policy");
  g_autoptr(GError) array = error_from (400, "application/json", "[1, 2, 3]");
  g_autoptr(GError) object = error_from (404, "application/json", "{\"unrelated\": true}");
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (html, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  details = liaison_twilio_error_get_details (html);
  g_assert_nonnull (details);
  g_assert_cmpuint (details->http_status, ==, 502);
  g_assert_cmpint (details->code, ==, 0);
  g_assert_null (details->message);
  g_assert_nonnull (strstr (html->message, "502"));
  g_assert_null (strstr (html->message, "<html>"));

  g_assert_error (text, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (text)->http_status, ==, 403);
  g_assert_nonnull (strstr (text->message, "403"));

  g_assert_error (array, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpint (liaison_twilio_error_get_details (array)->code, ==, 0);
  g_assert_error (object, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (object)->http_status, ==, 404);
}

static void
test_error_empty (void)
{
  g_autoptr(GError) null_body = error_from (503, NULL, NULL);
  g_autoptr(GError) empty = error_from (500, "application/json", "");
  g_autoptr(GError) blank = error_from (429, "application/json", "  \r\n");

  g_assert_error (null_body, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (null_body)->http_status, ==, 503);
  g_assert_cmpint (liaison_twilio_error_get_details (null_body)->code, ==, 0);
  g_assert_nonnull (strstr (null_body->message, "503"));

  g_assert_error (empty, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (empty)->http_status, ==, 500);

  g_assert_error (blank, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (blank)->http_status, ==, 429);
}

static void
test_error_truncated (void)
{
  g_autoptr(GError) truncated = error_from (401, "application/json",
                                            "{\"code\": 20003, \"message\": \"Authent");
  g_autoptr(GError) garbage = error_from (400, "application/json", "nul");
  g_autoptr(GError) binary = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new ("{\"code\": 1\0\xff\xfe}", 14);
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (truncated, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  details = liaison_twilio_error_get_details (truncated);
  g_assert_nonnull (details);
  g_assert_cmpuint (details->http_status, ==, 401);
  g_assert_cmpint (details->code, ==, 0);
  g_assert_nonnull (strstr (truncated->message, "401"));

  g_assert_error (garbage, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (liaison_twilio_error_get_details (garbage)->http_status, ==, 400);

  binary = liaison_twilio_error_new_from_response (500, "application/json", bytes);
  g_assert_error (binary, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (liaison_twilio_error_get_details (binary)->http_status, ==, 500);
}

static void
test_error_details_other_errors (void)
{
  g_autoptr(GError) network = g_error_new_literal (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK, "x");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_null (liaison_twilio_error_get_details (network));
  g_assert_null (liaison_twilio_error_get_details (other));
  g_assert_null (liaison_twilio_error_get_details (NULL));
}

/* Client */

static void
test_api_base (void)
{
  g_autoptr(LiaisonTwilioClient) plain = NULL;
  g_autoptr(LiaisonTwilioClient) from_env = NULL;

  g_unsetenv ("LIAISON_TWILIO_API_BASE");
  plain = liaison_twilio_client_new ();
  g_assert_cmpstr (liaison_twilio_client_get_api_base (plain), ==, "https://api.twilio.com");

  liaison_twilio_client_set_api_base (plain, "http://127.0.0.1:8080/");
  g_assert_cmpstr (liaison_twilio_client_get_api_base (plain), ==, "http://127.0.0.1:8080");
  liaison_twilio_client_set_api_base (plain, NULL);
  g_assert_cmpstr (liaison_twilio_client_get_api_base (plain), ==, "https://api.twilio.com");

  g_setenv ("LIAISON_TWILIO_API_BASE", "http://127.0.0.1:9/", TRUE);
  from_env = liaison_twilio_client_new ();
  g_unsetenv ("LIAISON_TWILIO_API_BASE");
  g_assert_cmpstr (liaison_twilio_client_get_api_base (from_env), ==, "http://127.0.0.1:9");
}

static LiaisonTwilioAccount *
fetch_account (LiaisonTwilioClient  *client,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_fetch_account_async (client, cancellable, liaison_test_async_cb, &result);
  liaison_test_wait (&result);

  return liaison_twilio_client_fetch_account_finish (client, result, error);
}

static LiaisonTwilioClient *
client_for (const char                     *api_base,
            const LiaisonTwilioCredentials *credentials)
{
  LiaisonTwilioClient *client = liaison_twilio_client_new ();
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (g_get_real_time ());

  liaison_twilio_client_set_api_base (client, api_base);
  liaison_twilio_client_set_credentials (client, credentials);
  /* Retry backoff (connection refused) waits in virtual time, not real time. */
  liaison_clock_set_auto_advance (clock, TRUE);
  liaison_twilio_client_set_clock (client, clock);

  return client;
}

static void
test_no_credentials (void)
{
  g_autoptr(LiaisonTwilioClient) client = client_for ("http://127.0.0.1:9", NULL);
  g_autoptr(LiaisonTwilioCredentials) bad = liaison_twilio_credentials_new_auth_token ("AC/../x", TOKEN_A);
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = fetch_account (client, NULL, &error);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NO_CREDENTIALS);
  g_assert_null (account);
  g_clear_error (&error);

  /* Malformed credentials are never sent. */
  liaison_twilio_client_set_credentials (client, bad);
  account = fetch_account (client, NULL, &error);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NO_CREDENTIALS);
  g_assert_null (account);
}

static void
test_fetch_account (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(LiaisonTwilioClient) client = NULL;
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (sim->url, "http://127.0.0.1:"));
  g_assert_nonnull (sim->account_sid);
  g_assert_nonnull (sim->auth_token);

  credentials = liaison_twilio_credentials_new_auth_token (sim->account_sid, sim->auth_token);
  g_assert_true (liaison_twilio_credentials_validate (credentials, NULL));
  client = client_for (sim->url, credentials);

  account = fetch_account (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->sid, ==, sim->account_sid);
  g_assert_cmpstr (account->status, ==, "active");
  g_assert_true (g_str_equal (account->type, "Full") || g_str_equal (account->type, "Trial"));
  g_assert_nonnull (account->friendly_name);
  g_assert_cmpstr (account->friendly_name, !=, "");

  /* The same client, again: the connection is reused. */
  g_clear_pointer (&account, liaison_twilio_account_free);
  account = fetch_account (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->sid, ==, sim->account_sid);
}

static void
test_fetch_account_api_key (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start ("--account", ACCOUNT_A ":" TOKEN_A,
                                                          "--api-key", KEY_A ":" KEY_SECRET ":" ACCOUNT_A,
                                                          NULL);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_api_key (ACCOUNT_A, KEY_A,
                                                                                            KEY_SECRET);
  g_autoptr(LiaisonTwilioClient) client = NULL;
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (sim->account_sid);
  client = client_for (sim->url, credentials);
  account = fetch_account (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->sid, ==, ACCOUNT_A);
  g_assert_cmpstr (account->status, ==, "active");
}

static void
assert_refused (GError     *error,
                const char *secret)
{
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_nonnull (details);
  g_assert_cmpint (details->code, ==, 20003);
  g_assert_cmpuint (details->http_status, ==, 401);
  g_assert_cmpstr (details->more_info, ==, "https://www.twilio.com/docs/errors/20003");
  g_assert_nonnull (strstr (error->message, liaison_twilio_error_explain (20003)));
  g_assert_nonnull (strstr (error->message, "20003"));
  g_assert_null (strstr (error->message, secret));
}

static void
test_wrong_token (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(LiaisonTwilioClient) client = NULL;
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wrong = g_strdup (sim->auth_token);

  /* Same length, last character changed. */
  wrong[31] = wrong[31] == '0' ? '1' : '0';
  credentials = liaison_twilio_credentials_new_auth_token (sim->account_sid, wrong);
  client = client_for (sim->url, credentials);

  account = fetch_account (client, NULL, &error);
  g_assert_null (account);
  assert_refused (error, wrong);
}

static void
test_unknown_account (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start ("--account", ACCOUNT_A ":" TOKEN_A,
                                                          "--account", ACCOUNT_B ":" TOKEN_B,
                                                          "--api-key", KEY_A ":" KEY_SECRET ":" ACCOUNT_A,
                                                          NULL);
  g_autoptr(LiaisonTwilioCredentials) unknown = liaison_twilio_credentials_new_auth_token (UNKNOWN_AC, TOKEN_A);
  g_autoptr(LiaisonTwilioCredentials) other = liaison_twilio_credentials_new_api_key (ACCOUNT_B, KEY_A, KEY_SECRET);
  g_autoptr(LiaisonTwilioCredentials) swapped = liaison_twilio_credentials_new_auth_token (ACCOUNT_B, TOKEN_A);
  g_autoptr(LiaisonTwilioClient) client = client_for (sim->url, unknown);
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* An account the server does not know: the credentials cannot match. */
  account = fetch_account (client, NULL, &error);
  g_assert_null (account);
  assert_refused (error, TOKEN_A);
  g_clear_error (&error);

  /* A valid API key of account A used on account B: Twilio answers 20003
   * ("using subaccount credentials to access master account"). */
  liaison_twilio_client_set_credentials (client, other);
  account = fetch_account (client, NULL, &error);
  g_assert_null (account);
  assert_refused (error, KEY_SECRET);
  g_clear_error (&error);

  /* Account B with account A's token. */
  liaison_twilio_client_set_credentials (client, swapped);
  account = fetch_account (client, NULL, &error);
  g_assert_null (account);
  assert_refused (error, TOKEN_A);
}

/* The simulator's own answers, checked with a plain HTTP client. */

typedef struct {
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
} RawResponse;

static void
raw_response_clear (RawResponse *response)
{
  g_clear_pointer (&response->body, g_free);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
}

static void
raw_request (SoupSession *session,
             const char  *method,
             const char  *url,
             const char  *user,
             const char  *password,
             RawResponse *out)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (user != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);

  out->status = soup_message_get_status (message);
  out->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  out->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
}

static void
assert_error_body (const RawResponse *response,
                   guint              status,
                   gint               code)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, status);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (response->headers, NULL),
                                   "application/json"));
  json_parser_load_from_data (parser, response->body, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "more_info"),
                                   "https://www.twilio.com/docs/errors/"));
}

static void
test_sim_answers (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *account_url = g_strdup_printf ("%s/2010-04-01/Accounts/%s.json", sim->url, sim->account_sid);
  g_autofree char *null_url = g_strdup_printf ("%s/2010-04-01/Accounts/null.json", sim->url);
  g_autofree char *other_url = g_strdup_printf ("%s/2010-04-01/Accounts/%s.json", sim->url, UNKNOWN_AC);
  g_autofree char *unknown_url = g_strdup_printf ("%s/2010-04-01/Nothing/Here.json", sim->url);
  g_autofree char *expected_uri = g_strdup_printf ("/2010-04-01/Accounts/%s.json", sim->account_sid);
  g_autofree char *expected_calls = g_strdup_printf ("/2010-04-01/Accounts/%s/Calls.json", sim->account_sid);
  RawResponse response = { 0, };
  JsonObject *object;
  JsonObject *subresources;
  const char *date;

  /* Success: the account resource as the spec describes it. */
  raw_request (session, "GET", account_url, sim->account_sid, sim->auth_token, &response);
  g_assert_cmpuint (response.status, ==, 200);
  json_parser_load_from_data (parser, response.body, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "sid"), ==, sim->account_sid);
  g_assert_cmpstr (json_object_get_string_member (object, "owner_account_sid"), ==, sim->account_sid);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (object, "uri"), ==, expected_uri);
  date = json_object_get_string_member (object, "date_created");
  /* "Tue, 24 Nov 2026 10:00:00 +0000" */
  g_assert_cmpuint (strlen (date), ==, 31);
  g_assert_true (g_str_has_suffix (date, " +0000"));
  g_assert_cmpint (date[3], ==, ',');
  g_assert_nonnull (json_object_get_string_member (object, "date_updated"));
  subresources = json_object_get_object_member (object, "subresource_uris");
  g_assert_cmpstr (json_object_get_string_member (subresources, "calls"), ==, expected_calls);
  g_assert_true (json_object_has_member (subresources, "messages"));
  g_assert_true (json_object_has_member (subresources, "incoming_phone_numbers"));
  raw_response_clear (&response);

  /* No credentials: 401 with the Basic challenge. */
  raw_request (session, "GET", account_url, NULL, NULL, &response);
  assert_error_body (&response, 401, 20003);
  g_assert_cmpstr (soup_message_headers_get_one (response.headers, "WWW-Authenticate"), ==,
                   "Basic realm=\"Twilio API\"");
  raw_response_clear (&response);

  /* Wrong password. */
  raw_request (session, "GET", account_url, sim->account_sid, "00000000000000000000000000000000", &response);
  assert_error_body (&response, 401, 20003);
  g_assert_nonnull (soup_message_headers_get_one (response.headers, "WWW-Authenticate"));
  raw_response_clear (&response);

  /* Another, well-formed account. */
  raw_request (session, "GET", other_url, sim->account_sid, sim->auth_token, &response);
  assert_error_body (&response, 401, 20003);
  raw_response_clear (&response);

  /* Not an Account SID, and unknown paths: 404 / 20404. */
  raw_request (session, "GET", null_url, sim->account_sid, sim->auth_token, &response);
  assert_error_body (&response, 404, 20404);
  g_assert_nonnull (strstr (response.body, "/2010-04-01/Accounts/null.json"));
  raw_response_clear (&response);

  raw_request (session, "GET", unknown_url, sim->account_sid, sim->auth_token, &response);
  assert_error_body (&response, 404, 20404);
  raw_response_clear (&response);

  /* A method the resource does not take. */
  raw_request (session, "DELETE", account_url, sim->account_sid, sim->auth_token, &response);
  assert_error_body (&response, 405, 20004);
  raw_response_clear (&response);
}

/* A raw HTTP server on 127.0.0.1 that answers every request with a fixed
 * response, or never answers (response NULL). */

typedef struct {
  GSocketService *service;
  guint16         port;
  char           *response;
  guint           n_requests;
  GPtrArray      *connections;
} RawServer;

typedef struct {
  RawServer         *server;
  GSocketConnection *connection;
  GString           *request;
  char               buffer[4096];
} RawConnection;

static void raw_read (RawConnection *raw);

static void
raw_connection_free (RawConnection *raw)
{
  g_object_unref (raw->connection);
  g_string_free (raw->request, TRUE);
  g_free (raw);
}

static void
raw_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RawConnection *raw = user_data;
  gssize n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n_read <= 0)
    {
      raw_connection_free (raw);
      return;
    }

  g_string_append_len (raw->request, raw->buffer, n_read);
  if (strstr (raw->request->str, "\r\n\r\n") == NULL)
    {
      raw_read (raw);
      return;
    }

  raw->server->n_requests++;
  g_main_context_wakeup (NULL);
  if (raw->server->response != NULL)
    {
      GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (raw->connection));

      g_output_stream_write_all (output, raw->server->response, strlen (raw->server->response),
                                 NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
    }
  /* Otherwise the connection stays open, silent, until the server goes. */
  raw_connection_free (raw);
}

static void
raw_read (RawConnection *raw)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (raw->connection));

  g_input_stream_read_async (input, raw->buffer, sizeof raw->buffer, G_PRIORITY_DEFAULT,
                             NULL, raw_read_cb, raw);
}

static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  RawServer *server = user_data;
  RawConnection *raw = g_new0 (RawConnection, 1);

  raw->server = server;
  raw->connection = g_object_ref (connection);
  raw->request = g_string_new (NULL);
  g_ptr_array_add (server->connections, g_object_ref (connection));
  raw_read (raw);

  return TRUE;
}

static RawServer *
raw_server_new (const char *response)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  RawServer *server = g_new0 (RawServer, 1);

  server->response = g_strdup (response);
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "incoming", G_CALLBACK (raw_incoming_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static char *
raw_server_url (RawServer *server)
{
  return g_strdup_printf ("http://127.0.0.1:%u", server->port);
}

static void
raw_server_free (RawServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  for (guint i = 0; i < server->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (server->connections, i), NULL, NULL);
  g_ptr_array_unref (server->connections);
  g_object_unref (server->service);
  g_free (server->response);
  g_free (server);
}

/* A complete HTTP/1.1 response with the right Content-Length. */
static char *
http_response (const char *status_line,
               const char *content_type,
               const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n%s",
                          status_line, content_type, strlen (body), body);
}

static GError *
fetch_error_from_raw (char *response)
{
  g_autofree char *owned = response;
  RawServer *server = raw_server_new (owned);
  g_autofree char *url = raw_server_url (server);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autoptr(LiaisonTwilioClient) client = client_for (url, credentials);
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  GError *error = NULL;

  account = fetch_account (client, NULL, &error);
  g_assert_null (account);
  g_assert_cmpuint (server->n_requests, ==, 1);
  raw_server_free (server);

  return error;
}

static void
test_invalid_responses (void)
{
  g_autoptr(GError) truncated = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) wrong_type = NULL;
  g_autoptr(GError) not_object = NULL;
  g_autoptr(GError) proxy = NULL;
  g_autoptr(GError) redirect = NULL;

  truncated = fetch_error_from_raw (http_response ("200 OK", "application/json", "{\"sid\": \"AC01234567"));
  g_assert_error (truncated, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);

  missing = fetch_error_from_raw (http_response ("200 OK", "application/json",
                                                 "{\"sid\": \"" ACCOUNT_A "\", \"type\": \"Full\"}"));
  g_assert_error (missing, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (missing->message, "status"));

  wrong_type = fetch_error_from_raw (http_response ("200 OK", "application/json",
                                                    "{\"sid\": 42, \"status\": \"active\", \"type\": \"Full\"}"));
  g_assert_error (wrong_type, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (wrong_type->message, "sid"));

  not_object = fetch_error_from_raw (http_response ("200 OK", "application/json", "[]"));
  g_assert_error (not_object, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);

  proxy = fetch_error_from_raw (http_response ("502 Bad Gateway", "text/html",
                                               "<html><body>Bad gateway</body></html>"));
  g_assert_error (proxy, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (proxy)->http_status, ==, 502);

  /* Redirects are not followed: the credentials stay with the configured host. */
  redirect = fetch_error_from_raw (g_strdup ("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/elsewhere\r\n"
                                             "Content-Length: 0\r\nConnection: close\r\n\r\n"));
  g_assert_error (redirect, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_HTTP);
  g_assert_cmpuint (liaison_twilio_error_get_details (redirect)->http_status, ==, 302);
}

static void
test_friendly_name_null (void)
{
  g_autofree char *response = NULL;
  RawServer *server;
  g_autofree char *url = NULL;
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autoptr(LiaisonTwilioClient) client = NULL;
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* friendly_name is nullable in the spec; extra fields are ignored. */
  response = http_response ("200 OK", "application/json; charset=utf-8",
                            "{\"sid\": \"" ACCOUNT_A "\", \"friendly_name\": null, \"status\": \"suspended\", "
                            "\"type\": \"Trial\", \"future_field\": {\"x\": [1, 2]}}");
  server = raw_server_new (response);
  url = raw_server_url (server);
  client = client_for (url, credentials);

  account = fetch_account (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->sid, ==, ACCOUNT_A);
  g_assert_null (account->friendly_name);
  g_assert_cmpstr (account->status, ==, "suspended");
  g_assert_cmpstr (account->type, ==, "Trial");
  raw_server_free (server);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* Bound but never listening, then closed: connecting is refused. */
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  return port;
}

static void
test_connection_refused (void)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(LiaisonTwilioClient) client = client_for (url, credentials);
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = fetch_account (client, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach Twilio: "));
  g_assert_null (liaison_twilio_error_get_details (error));
  g_assert_null (strstr (error->message, TOKEN_A));
}

static void
test_cancel (void)
{
  RawServer *server = raw_server_new (NULL);
  g_autofree char *url = raw_server_url (server);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autoptr(LiaisonTwilioClient) client = client_for (url, credentials);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_client_fetch_account_async (client, cancellable, liaison_test_async_cb, &result);

  /* Wait until the request has reached the server, which never answers. */
  while (server->n_requests == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  liaison_test_wait (&result);
  account = liaison_twilio_client_fetch_account_finish (client, result, &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  raw_server_free (server);
}

/* Retry-After as an HTTP-date (RFC 9110 §10.2.3), on the client's clock. */

typedef struct {
  SoupServer   *server;
  LiaisonClock *clock;        /* the client's: the date is made from its now */
  guint         n_429;        /* answers 429 this many times, then 200 */
  gint64        offset_sec;   /* Retry-After = the clock's whole second + this */
  const char   *raw;          /* or this literal value */
  guint         n_requests;
} DateServer;

static void
date_server_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  DateServer *fake = user_data;
  static const char busy[] = "{\"code\": 20429, \"message\": \"Too Many Requests\", "
                             "\"more_info\": \"https://www.twilio.com/docs/errors/20429\", \"status\": 429}";
  static const char account[] = "{\"sid\": \"" ACCOUNT_A "\", \"friendly_name\": \"Patient\", "
                                "\"status\": \"active\", \"type\": \"Full\"}";

  fake->n_requests++;
  if (fake->n_429 == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, account, strlen (account));
      return;
    }

  fake->n_429--;
  if (fake->raw != NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", fake->raw);
    }
  else
    {
      gint64 now_sec = liaison_clock_get_now_usec (fake->clock) / G_USEC_PER_SEC;
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (now_sec + fake->offset_sec);
      g_autofree char *value = soup_date_time_to_string (when, SOUP_DATE_HTTP);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
    }
  soup_server_message_set_status (msg, 429, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, busy, strlen (busy));
}

/* Fetches the account from a server that answers @n_429 times 429 with a
 * date Retry-After; returns the waits the client's fake clock (started at
 * @start_usec) recorded. */
static GArray *
waits_for_date (gint64      start_usec,
                guint       n_429,
                gint64      offset_sec,
                const char *raw)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_A, TOKEN_A);
  g_autoptr(LiaisonTwilioClient) client = liaison_twilio_client_new ();
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (start_usec);
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  DateServer fake = { NULL, clock, n_429, offset_sec, raw, 0 };
  GSList *uris;

  fake.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake.server, NULL, date_server_cb, &fake, NULL);
  soup_server_listen_local (fake.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake.server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  liaison_clock_set_auto_advance (clock, TRUE);
  liaison_twilio_client_set_api_base (client, url);
  liaison_twilio_client_set_credentials (client, credentials);
  liaison_twilio_client_set_clock (client, clock);

  account = fetch_account (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpuint (fake.n_requests, ==, n_429 + 1);

  soup_server_disconnect (fake.server);
  g_object_unref (fake.server);
  return g_array_ref (liaison_clock_get_waits (clock));
}

static void
test_retry_after_date (void)
{
  /* 2026-11-24 10:00:00 UTC */
  const gint64 t0 = G_GINT64_CONSTANT (1795514400) * G_USEC_PER_SEC;
  GArray *waits;

  /* Seven seconds ahead of the client's clock, twice: exactly 7 s each. */
  waits = waits_for_date (t0, 2, 7, NULL);
  g_assert_cmpuint (waits->len, ==, 2);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 7 * G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (waits, gint64, 1), ==, 7 * G_USEC_PER_SEC);
  g_array_unref (waits);

  /* The same, written out as an IMF-fixdate. */
  waits = waits_for_date (t0, 1, 0, "Tue, 24 Nov 2026 10:00:07 GMT");
  g_assert_cmpuint (waits->len, ==, 1);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 7 * G_USEC_PER_SEC);
  g_array_unref (waits);

  /* Half a second into the clock's second: 6.5 s rounds up, never early. */
  waits = waits_for_date (t0 + G_USEC_PER_SEC / 2, 1, 7, NULL);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 7 * G_USEC_PER_SEC);
  g_array_unref (waits);

  /* A date already past: retry at once. */
  waits = waits_for_date (t0, 1, -30, NULL);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 0);
  g_array_unref (waits);

  /* An hour away: capped at five minutes. */
  waits = waits_for_date (t0, 1, 3600, NULL);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 300 * G_USEC_PER_SEC);
  g_array_unref (waits);

  /* Neither seconds nor a date: the ordinary backoff (first step 250–500 ms). */
  waits = waits_for_date (t0, 1, 0, "after lunch");
  g_assert_cmpint (g_array_index (waits, gint64, 0), >=, 250 * 1000);
  g_assert_cmpint (g_array_index (waits, gint64, 0), <=, 500 * 1000);
  g_array_unref (waits);
}

/* The simulator's retry_after_date fault: an IMF-fixdate on its wall clock. */
static void
test_sim_retry_after_date (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (sim->account_sid,
                                                                                              sim->auth_token);
  g_autoptr(LiaisonTwilioClient) client = client_for (sim->url, credentials);
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *faults_url = g_strconcat (sim->url, "/_sim/faults", NULL);
  g_autofree char *account_url = g_strdup_printf ("%s/2010-04-01/Accounts/%s.json", sim->url, sim->account_sid);
  /* Three uses: one seen raw here, two for the client. */
  static const char fault_form[] = "path=%5E%2F2010-04-01%2FAccounts%2FAC%5B0-9a-f%5D%2B%5C.json%24&method=GET"
                                   "&status=429&code=20429&retry_after=30&retry_after_date=1&count=3";
  g_autoptr(SoupMessage) post = soup_message_new ("POST", faults_url);
  g_autoptr(GBytes) body = g_bytes_new_static (fault_form, strlen (fault_form));
  g_autoptr(GBytes) answer = NULL;
  RawResponse raw = { 0 };
  GArray *waits;
  gint64 wait;

  soup_message_set_request_body_from_bytes (post, "application/x-www-form-urlencoded", body);
  answer = soup_session_send_and_read (session, post, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (post), ==, 200);

  /* The header as sent: an IMF-fixdate. */
  raw_request (session, "GET", account_url, sim->account_sid, sim->auth_token, &raw);
  g_assert_cmpuint (raw.status, ==, 429);
  g_assert_true (g_regex_match_simple ("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} "
                                       "[0-9]{2}:[0-9]{2}:[0-9]{2} GMT$",
                                       soup_message_headers_get_one (raw.headers, "Retry-After"), 0, 0));
  raw_response_clear (&raw);

  account = fetch_account (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  waits = liaison_clock_get_waits (liaison_twilio_client_get_clock (client));
  g_assert_cmpuint (waits->len, ==, 2);
  /* The client's fake clock started at the real time before the request
   * and the date is in whole seconds: at least 29 s (30 s, less the part of
   * a second the date drops), plus however long the answer took; never
   * above the cap. No bound on real time is assumed. */
  wait = g_array_index (waits, gint64, 0);
  g_assert_cmpint (wait, >=, 29 * G_USEC_PER_SEC);
  g_assert_cmpint (wait, <=, 300 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/TwilioClient/credentials-validate", test_credentials_validate);
  g_test_add_func ("/Liaison/TwilioClient/credentials-copy", test_credentials_copy);
  g_test_add_func ("/Liaison/TwilioError/table", test_error_table);
  g_test_add_func ("/Liaison/TwilioError/known-code", test_error_known_code);
  g_test_add_func ("/Liaison/TwilioError/unknown-code", test_error_unknown_code);
  g_test_add_func ("/Liaison/TwilioError/not-json", test_error_not_json);
  g_test_add_func ("/Liaison/TwilioError/empty", test_error_empty);
  g_test_add_func ("/Liaison/TwilioError/truncated", test_error_truncated);
  g_test_add_func ("/Liaison/TwilioError/details-other-errors", test_error_details_other_errors);
  g_test_add_func ("/Liaison/TwilioClient/api-base", test_api_base);
  g_test_add_func ("/Liaison/TwilioClient/no-credentials", test_no_credentials);
  g_test_add_func ("/Liaison/TwilioClient/fetch-account", test_fetch_account);
  g_test_add_func ("/Liaison/TwilioClient/fetch-account-api-key", test_fetch_account_api_key);
  g_test_add_func ("/Liaison/TwilioClient/wrong-token", test_wrong_token);
  g_test_add_func ("/Liaison/TwilioClient/unknown-account", test_unknown_account);
  g_test_add_func ("/Liaison/TwilioClient/invalid-responses", test_invalid_responses);
  g_test_add_func ("/Liaison/TwilioClient/friendly-name-null", test_friendly_name_null);
  g_test_add_func ("/Liaison/TwilioClient/connection-refused", test_connection_refused);
  g_test_add_func ("/Liaison/TwilioClient/cancel", test_cancel);
  g_test_add_func ("/Liaison/TwilioClient/retry-after-date", test_retry_after_date);
  g_test_add_func ("/Liaison/TwilioClient/sim-retry-after-date", test_sim_retry_after_date);
  g_test_add_func ("/Liaison/Sim/answers", test_sim_answers);

  return g_test_run ();
}
