/* test-conformance.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-conformance"

#include "config.h"

#include "liaison-openapi.h"
#include "liaison-test-utils.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* liaison-sim against Twilio's own OpenAPI documents (shared/twilio/spec, read
 * from LIAISON_TEST_SHARED_DIR, never copied into the repository). The unit
 * cases show that the checker fails on wrong documents; the live cases walk
 * every endpoint the simulator implements. */

#define API_2010      "twilio_api_v2010.json"
#define LOOKUPS_V2    "twilio_lookups_v2.json"
#define MESSAGING_V1  "twilio_messaging_v1.json"
#define NUMBERS_V1    "twilio_numbers_v1.json"
#define INTELLIGENCE_V2 "twilio_intelligence_v2.json"

#define ACCOUNT       "ACaaaa456789abcdef0123456789abcdef"
#define MESSAGE       "SMaaaa456789abcdef0123456789abcdef"
#define ACCOUNT_PATH  "/2010-04-01/Accounts/" ACCOUNT
#define MESSAGES_PATH ACCOUNT_PATH "/Messages.json"

/* Twilio's own error shape: the 2010 document declares no error responses,
 * the Lookups v2 one does (code, message, more_info, status; TWILIO.md §1.4). */
#define ERROR_SCHEMA \
  "#/paths/~1v2~1PhoneNumbers~1{PhoneNumber}~1Overrides~1{Field}/get/responses/404" \
  "/content/application~1json/schema"

static GHashTable *documents;   /* file name → LiaisonOpenApi */

/* The spec folder is outside the repository. Without it the test is skipped,
 * except in CI (CI=true), which has it: there it fails. */
static LiaisonOpenApi *
load_document (const char *name)
{
  const char *shared = g_getenv ("LIAISON_TEST_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonOpenApi *document;

  document = g_hash_table_lookup (documents, name);
  if (document != NULL)
    return document;

  if (shared != NULL)
    path = g_build_filename (shared, "twilio", "spec", name, NULL);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *why = g_strdup_printf ("Twilio's OpenAPI document %s is not there "
                                              "(LIAISON_TEST_SHARED_DIR=%s)",
                                              path != NULL ? path : name,
                                              shared != NULL ? shared : "unset");

      if (g_strcmp0 (g_getenv ("CI"), "true") == 0 || g_strcmp0 (g_getenv ("CI"), "1") == 0)
        {
          g_test_message ("CI is set, so this is a failure: %s", why);
          g_test_fail ();
        }
      else
        {
          g_test_skip (why);
        }
      return NULL;
    }

  document = liaison_openapi_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_hash_table_insert (documents, g_strdup (name), document);
  return document;
}

static void
assert_clean (LiaisonOpenApiReport *report,
              const char           *what)
{
  g_autofree char *errors = liaison_openapi_report_to_string (report);

  if (report->errors->len > 0)
    g_test_message ("%s:\n%s", what, errors);
  g_assert_cmpstr (errors, ==, "");
}

static void
assert_error (LiaisonOpenApiReport *report,
              const char           *expected)
{
  g_autofree char *errors = liaison_openapi_report_to_string (report);

  if (!liaison_openapi_report_has_error (report, expected))
    g_test_message ("expected an error with \"%s\", got:\n%s", expected, errors);
  g_assert_true (liaison_openapi_report_has_error (report, expected));
}

/* A message as the 2010 document's fetch example has it. */
static char *
message_json (const char *field,
              const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser,
    "{\"account_sid\": \"" ACCOUNT "\", \"api_version\": \"2010-04-01\","
    " \"body\": \"testing\", \"date_created\": \"Fri, 24 May 2019 17:18:27 +0000\","
    " \"date_sent\": \"Fri, 24 May 2019 17:18:28 +0000\","
    " \"date_updated\": \"Fri, 24 May 2019 17:18:28 +0000\", \"direction\": \"outbound-api\","
    " \"error_code\": null, \"error_message\": null, \"from\": \"+12019235161\","
    " \"messaging_service_sid\": null, \"num_media\": \"0\", \"num_segments\": \"1\","
    " \"price\": null, \"price_unit\": \"USD\", \"sid\": \"" MESSAGE "\","
    " \"status\": \"sent\", \"subresource_uris\": {\"media\": \"" ACCOUNT_PATH "/Messages/"
    MESSAGE "/Media.json\"}, \"to\": \"+18182008801\","
    " \"uri\": \"" ACCOUNT_PATH "/Messages/" MESSAGE ".json\"}", -1, &error);
  g_assert_no_error (error);

  object = json_node_get_object (json_parser_get_root (parser));
  if (field != NULL)
    {
      g_autoptr(JsonParser) value_parser = json_parser_new ();

      json_parser_load_from_data (value_parser, value, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (object, field, json_node_copy (json_parser_get_root (value_parser)));
    }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* A list page with the message at index 3, as GET …/Messages.json answers. */
static char *
message_list_json (const char *field,
                   const char *value)
{
  g_autofree char *good = message_json (NULL, NULL);
  g_autofree char *changed = message_json (field, value);

  return g_strdup_printf ("{\"messages\": [%s, %s, %s, %s], \"end\": 3,"
                          " \"first_page_uri\": \"" MESSAGES_PATH "?PageSize=50&Page=0\","
                          " \"next_page_uri\": null, \"page\": 0, \"page_size\": 50,"
                          " \"previous_page_uri\": null, \"start\": 0,"
                          " \"uri\": \"" MESSAGES_PATH "?PageSize=50&Page=0\"}",
                          good, good, good, changed);
}

static LiaisonOpenApiReport *
check_message_list (LiaisonOpenApi *api,
                    const char     *field,
                    const char     *value)
{
  LiaisonOpenApiReport *report = liaison_openapi_report_new ();
  g_autofree char *body = message_list_json (field, value);

  liaison_openapi_validate_response (api, "GET", MESSAGES_PATH "?PageSize=50", 200,
                                     "application/json; charset=utf-8",
                                     body, strlen (body), report);
  return report;
}

/* Unit cases: small hand-written documents against the real spec. */

static void
test_validator_valid (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) report = NULL;
  g_autoptr(LiaisonOpenApiReport) extra = NULL;

  if (api == NULL)
    return;

  report = check_message_list (api, NULL, NULL);
  assert_clean (report, "a valid list");
  g_assert_cmpuint (report->warnings->len, ==, 0);
  /* 4 messages of 20 fields (+1 subresource URI), and the list's own 9. */
  g_assert_cmpuint (report->n_values, >=, 4 * 21 + 9);

  /* A field the document does not know is a warning, not an error. */
  extra = check_message_list (api, "shiny_new_field", "\"x\"");
  assert_clean (extra, "an extra field");
  g_assert_cmpuint (extra->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (extra->warnings, 0), ==,
                   "$.messages[3].shiny_new_field: property not in the document");
}

static void
test_validator_wrong_type (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) report = NULL;
  g_autoptr(LiaisonOpenApiReport) null_report = NULL;
  g_autoptr(LiaisonOpenApiReport) not_nullable = NULL;
  g_autoptr(LiaisonOpenApiReport) uri_map = NULL;

  if (api == NULL)
    return;

  report = check_message_list (api, "num_segments", "1");
  g_assert_cmpuint (report->errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->errors, 0), ==,
                   "$.messages[3].num_segments: expected string, got integer");

  /* error_code is a nullable integer: a string is wrong, null is fine. */
  null_report = check_message_list (api, "error_code", "\"30007\"");
  assert_error (null_report, "$.messages[3].error_code: expected integer, got string");

  /* status ($ref to message_enum_status) is not nullable. */
  not_nullable = check_message_list (api, "status", "null");
  assert_error (not_nullable, "$.messages[3].status: expected string, got null");

  /* subresource_uris is a map of names to URIs. */
  uri_map = check_message_list (api, "subresource_uris", "{\"media\": 3}");
  assert_error (uri_map, "$.messages[3].subresource_uris.media: expected string, got integer");
}

static void
test_validator_missing_required (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  LiaisonOpenApi *numbers = load_document (NUMBERS_V1);
  g_autoptr(LiaisonOpenApiReport) request = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) response = liaison_openapi_report_new ();
  const char *body = "{\"id\": \"BUaaaa456789abcdef0123456789abcdef\", \"sessionId\": \"inq_1\"}";

  if (api == NULL || numbers == NULL)
    return;

  /* The 2010 response schemas require nothing; CreateMessage requires To. */
  g_assert_false (liaison_openapi_validate_request (api, "POST", MESSAGES_PATH,
                                                    "From=%2B15005550006&Body=hi", request));
  assert_error (request, "missing required form parameter To");

  /* A response schema with "required" (Numbers v1). */
  g_assert_false (liaison_openapi_validate_response (numbers, "POST",
                                                     "/v1/SenderIdRegistrations/"
                                                     "BUaaaa456789abcdef0123456789abcdef"
                                                     "/EmbeddedSessions",
                                                     201, "application/json",
                                                     body, strlen (body), response));
  g_assert_cmpuint (response->errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (response->errors, 0), ==,
                   "$: missing required property \"sessionToken\"");
}

static void
test_validator_bad_enum (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) report = NULL;
  g_autoptr(LiaisonOpenApiReport) request = liaison_openapi_report_new ();

  if (api == NULL)
    return;

  /* message_enum_status, through its $ref. */
  report = check_message_list (api, "status", "\"teleported\"");
  assert_error (report, "$.messages[3].status: \"teleported\" is not one of the allowed values");

  /* message_enum_update_status, in a request. */
  g_assert_false (liaison_openapi_validate_request (api, "POST",
                                                    ACCOUNT_PATH "/Messages/" MESSAGE ".json",
                                                    "Status=deleted", request));
  assert_error (request, "form parameter Status: \"deleted\" is not one of the allowed values");
}

static void
test_validator_bad_sid (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) report = NULL;
  g_autoptr(LiaisonOpenApiReport) prefix = NULL;
  g_autoptr(LiaisonOpenApiReport) path = liaison_openapi_report_new ();

  if (api == NULL)
    return;

  /* Right length, not hex. */
  report = check_message_list (api, "sid", "\"SMaaaa456789abcdef0123456789abcdeg\"");
  assert_error (report, "$.messages[3].sid: \"SMaaaa456789abcdef0123456789abcdeg\" "
                        "does not match the pattern ^(SM|MM)[0-9a-fA-F]{32}$");

  /* Right shape, wrong prefix. */
  prefix = check_message_list (api, "account_sid", "\"AAaaaa456789abcdef0123456789abcdef\"");
  assert_error (prefix, "$.messages[3].account_sid: \"AAaaaa456789abcdef0123456789abcdef\" "
                        "does not match the pattern ^AC[0-9a-fA-F]{32}$");

  /* A path parameter with the wrong pattern. */
  g_assert_nonnull (liaison_openapi_find_operation (api, "GET",
                                                    "/2010-04-01/Accounts/AC0123.json", path));
  assert_error (path, "path parameter Sid: \"AC0123\" does not match the pattern");
}

static void
test_validator_unknown_status (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) report = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) created = liaison_openapi_report_new ();
  g_autofree char *body = message_json (NULL, NULL);

  if (api == NULL)
    return;

  g_assert_false (liaison_openapi_validate_response (api, "GET",
                                                     ACCOUNT_PATH "/Messages/" MESSAGE ".json",
                                                     418, "application/json",
                                                     body, strlen (body), report));
  assert_error (report, "GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json, HTTP 418: "
                        "HTTP status 418 is not documented (documented: 200)");

  /* Creating answers 201, not 200. */
  g_assert_false (liaison_openapi_validate_response (api, "POST", MESSAGES_PATH, 200,
                                                     "application/json",
                                                     body, strlen (body), created));
  assert_error (created, "HTTP status 200 is not documented (documented: 201)");
}

static void
test_validator_undeclared_param (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) good = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) form = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) query = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) repeated = liaison_openapi_report_new ();

  if (api == NULL)
    return;

  g_assert_true (liaison_openapi_validate_request (api, "POST", MESSAGES_PATH,
                                                   "To=%2B15005550006&From=%2B15005550001"
                                                   "&Body=Hello+there"
                                                   "&MediaUrl=https%3A%2F%2Fexample.com%2Fa.jpg"
                                                   "&MediaUrl=https%3A%2F%2Fexample.com%2Fb.jpg",
                                                   good));
  assert_clean (good, "a valid create");

  g_assert_false (liaison_openapi_validate_request (api, "POST", MESSAGES_PATH,
                                                    "To=%2B15005550006&Bodyy=hi", form));
  assert_error (form, "POST /2010-04-01/Accounts/{AccountSid}/Messages.json: "
                      "form parameter Bodyy: not declared by the operation");

  g_assert_false (liaison_openapi_validate_request (api, "GET",
                                                    MESSAGES_PATH "?PageSize=20&Color=red"
                                                    "&DateSent%3E=2026-01-02",
                                                    NULL, query));
  g_assert_cmpuint (query->errors->len, ==, 1);
  assert_error (query, "query parameter Color: not declared by the operation");

  g_assert_false (liaison_openapi_validate_request (api, "POST", MESSAGES_PATH,
                                                    "To=%2B15005550006&Body=a&Body=b", repeated));
  assert_error (repeated, "form parameter Body: given 2 times but not a list");
}

static void
test_validator_formats (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  LiaisonOpenApi *messaging = load_document (MESSAGING_V1);
  const char *date_sent = "#/components/schemas/api.v2010.account.message/properties/date_sent";
  const char *date_created = "#/components/schemas/messaging.v1.service/properties/date_created";
  const struct {
    gboolean    messaging;
    const char *pointer;
    const char *value;
    const char *error;   /* NULL: valid */
  } cases[] = {
    { FALSE, date_sent, "Thu, 30 Jul 2015 20:00:00 +0000", NULL },
    { FALSE, date_sent, "30 Jul 2015 20:00 GMT", NULL },
    { FALSE, date_sent, "2015-07-30T20:00:00Z", "is not an RFC 2822 date-time" },
    { FALSE, date_sent, "Fri, 30 Jul 2015 20:00:00 +0000", "is not an RFC 2822 date-time" },
    { FALSE, date_sent, "Thu, 31 Jun 2015 20:00:00 +0000", "is not an RFC 2822 date-time" },
    { TRUE, date_created, "2015-07-30T20:00:00Z", NULL },
    { TRUE, date_created, "2015-07-30T20:00:00.123+02:00", NULL },
    { TRUE, date_created, "Thu, 30 Jul 2015 20:00:00 +0000", "is not an ISO 8601 date-time" },
    { TRUE, date_created, "2015-07-30", "is not an ISO 8601 date-time" },
    { TRUE, "#/components/schemas/messaging.v1.service/properties/url",
      "https://messaging.twilio.com/v1/Services/MGaaaa456789abcdef0123456789abcdef", NULL },
    { TRUE, "#/components/schemas/messaging.v1.service/properties/url",
      "not a uri", "is not a URI" },
    { FALSE, "#/paths/~12010-04-01~1Accounts~1{AccountSid}~1Messages.json/get/responses/200"
      "/content/application~1json/schema/properties/next_page_uri",
      MESSAGES_PATH "?Page=1", NULL },
    { TRUE, "#/components/schemas/messaging.v1.service/properties/inbound_method",
      "PATCH", "is not one of the allowed values" },
  };

  if (api == NULL || messaging == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonOpenApiReport) report = liaison_openapi_report_new ();
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), cases[i].value);
      gboolean valid;

      valid = liaison_openapi_validate_value (cases[i].messaging ? messaging : api,
                                              cases[i].pointer, value, "$", report);
      g_test_message ("%s: %s", cases[i].value, valid ? "valid" : "invalid");
      if (cases[i].error == NULL)
        assert_clean (report, cases[i].value);
      else
        assert_error (report, cases[i].error);
    }
}

static void
test_validator_body (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  g_autoptr(LiaisonOpenApiReport) html = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) garbage = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) deleted = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) unknown = liaison_openapi_report_new ();
  g_autoptr(LiaisonOpenApiReport) method = liaison_openapi_report_new ();
  const char *fetch = ACCOUNT_PATH "/Messages/" MESSAGE ".json";

  if (api == NULL)
    return;

  g_assert_false (liaison_openapi_validate_response (api, "GET", fetch, 200, "text/html",
                                                     "<p>hi</p>", 9, html));
  assert_error (html, "Content-Type text/html is not documented");

  g_assert_false (liaison_openapi_validate_response (api, "GET", fetch, 200, "application/json",
                                                     "{\"sid\": ", 8, garbage));
  assert_error (garbage, "the body is not JSON");

  g_assert_false (liaison_openapi_validate_response (api, "DELETE", fetch, 204, NULL, "{}", 2,
                                                     deleted));
  assert_error (deleted, "the document has no body for this status, but 2 bytes were sent");

  g_assert_null (liaison_openapi_find_operation (api, "GET", ACCOUNT_PATH "/Nothing.json",
                                                 unknown));
  assert_error (unknown, "no path of the document matches");

  g_assert_null (liaison_openapi_find_operation (api, "PUT", fetch, method));
  assert_error (method, "has no PUT operation");
}

/* Live cases: liaison-sim against the documents. */

/* An endpoint liaison-sim implements, in an order where each row has what it
 * needs. Paths and bodies may name {AccountSid} and any variable captured
 * before: a row with @capture ("{MessageSid}") stores the answer's "sid"
 * under that name for the rows after it; "{Name}=$.json.path" stores the
 * string at that JSONPath instead. @document names the OpenAPI
 * document of the row's product (NULL: the 2010 API).
 * Rows under /_sim/ drive the simulator (its control API, not Twilio's): they
 * are sent without credentials and not checked against the document.
 * Only what the simulator implements today is listed: add a row when it
 * learns an endpoint. */
typedef struct {
  const char *name;
  const char *method;
  const char *path;
  const char *form;
  guint       status;
  const char *capture;
  const char *list;     /* a list key of the answer that must not be empty */
  const char *document;
  /* A JSON body (application/json) sent instead of @form, checked against
   * the operation's requestBody schema (Porting). */
  const char *json;
} Endpoint;

#define MESSAGES  "/2010-04-01/Accounts/{AccountSid}/Messages"
#define MESSAGE_1 MESSAGES "/{MessageSid}"
#define REC_ACCOUNT    "/2010-04-01/Accounts/{AccountSid}"
#define RECORDINGS     REC_ACCOUNT "/Recordings"
#define RECORDING_1    RECORDINGS "/{RecordingSid}"
#define REC_CALL       "CAaaaa456789abcdef0123456789abcdef"
#define REC_CONFERENCE "CFaaaa456789abcdef0123456789abcdef"
#define CALLS        "/2010-04-01/Accounts/{AccountSid}/Calls"
#define CALL_1       CALLS "/{CallSid}"
#define CONFERENCES  "/2010-04-01/Accounts/{AccountSid}/Conferences"
#define CONFERENCE_1 CONFERENCES "/{ConferenceSid}"
#define QUEUES       "/2010-04-01/Accounts/{AccountSid}/Queues"
#define QUEUE_1      QUEUES "/{QueueSid}"
#define AVAILABLE   "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers"
#define INCOMING    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers"
#define INCOMING_1  INCOMING "/{PhoneNumberSid}"
#define PORTABILITY "/v1/Porting/Portability/PhoneNumber/"
#define PORT_IN_1   "/v1/Porting/PortIn/{PortInRequestSid}"

static const Endpoint endpoints[] = {
  { "account-fetch", "GET", "/2010-04-01/Accounts/{AccountSid}.json", NULL, 200, NULL },
  { "messages-create", "POST", MESSAGES ".json",
    "To=%2B15005550010&From=%2B15005550006&Body=Conformance+%F0%9F%91%8D"
    "&MediaUrl=https%3A%2F%2Fexample.com%2Fcat.jpg", 201, "{MessageSid}" },
  { "message-fetch", "GET", MESSAGE_1 ".json", NULL, 200, NULL },
  { "messages-list", "GET", MESSAGES ".json", NULL, 200, NULL, "messages" },
  { "messages-list-filtered", "GET",
    MESSAGES ".json?To=%2B15005550010&From=%2B15005550006&DateSent%3E=2000-01-01&PageSize=1",
    NULL, 200, NULL },
  { "media-list", "GET", MESSAGE_1 "/Media.json", NULL, 200, NULL, "media_list" },
  { "sim-clock-advance", "POST", "/_sim/clock/advance", "seconds=10", 200, NULL },
  { "message-fetch-delivered", "GET", MESSAGE_1 ".json", NULL, 200, NULL },
  { "message-redact", "POST", MESSAGE_1 ".json", "Body=", 200, NULL },
  { "message-delete", "DELETE", MESSAGE_1 ".json", NULL, 204, NULL },
  /* An inbound message (direction "inbound", status "received"). */
  { "sim-numbers", "POST", "/_sim/numbers",
    "PhoneNumber=%2B15005550006&AccountSid={AccountSid}", 200, NULL },
  { "sim-inbound-sms", "POST", "/_sim/inbound/sms",
    "From=%2B15551230000&To=%2B15005550006&Body=Hello+back", 200, NULL },
  { "messages-list-inbound", "GET", MESSAGES ".json?To=%2B15005550006", NULL, 200, NULL,
    "messages" },
  /* Voice: Calls, Conferences, Queues (rows added with liaison-sim-calls.c). */
  { "calls-create", "POST", CALLS ".json",
    "To=%2B15005550010&From=%2B15005550006&Timeout=30&StatusCallbackEvent=initiated"
    "&StatusCallbackEvent=answered&Twiml=%3CResponse%3E%3CSay%3EHello%3C%2FSay%3E"
    "%3CPause+length%3D%22600%22%2F%3E%3C%2FResponse%3E", 201, "{CallSid}" },
  { "call-fetch", "GET", CALL_1 ".json", NULL, 200, NULL },
  { "calls-list", "GET", CALLS ".json", NULL, 200, NULL, "calls" },
  { "calls-list-filtered", "GET",
    CALLS ".json?To=%2B15005550010&From=%2B15005550006&Status=queued&StartTime%3E=2000-01-01&PageSize=1",
    NULL, 200, NULL, "calls" },
  { "sim-clock-advance-call", "POST", "/_sim/clock/advance", "seconds=10", 200, NULL },
  { "call-fetch-in-progress", "GET", CALL_1 ".json", NULL, 200, NULL },
  { "call-update-twiml", "POST", CALL_1 ".json",
    "Twiml=%3CResponse%3E%3CPause+length%3D%22600%22%2F%3E%3C%2FResponse%3E", 200, NULL },
  { "call-hangup", "POST", CALL_1 ".json", "Status=completed", 200, NULL },
  { "call-notifications-list", "GET", CALL_1 "/Notifications.json", NULL, 200, NULL },
  { "call-delete", "DELETE", CALL_1 ".json", NULL, 204, NULL },
  { "sim-calls-dial-outcome", "POST", "/_sim/calls/dial-outcome", "outcome=busy&duration=0&To=%2B15005550012",
    200, NULL },
  { "calls-create-url", "POST", CALLS ".json",
    "To=%2B15005550012&From=%2B15005550006&Url=http%3A%2F%2F127.0.0.1%3A1%2Fvoice&Method=GET", 201, NULL },
  { "participants-create", "POST", CONFERENCES "/Conformance/Participants.json",
    "From=%2B15005550006&To=%2B15005550011&Label=advisor&StartConferenceOnEnter=true", 201,
    "{ConferenceSid}=$.conference_sid" },
  { "participants-create-muted", "POST", CONFERENCE_1 "/Participants.json",
    "From=%2B15005550006&To=%2B15005550013&Muted=true", 201, "{ParticipantCallSid}=$.call_sid" },
  { "sim-clock-advance-conference", "POST", "/_sim/clock/advance", "seconds=10", 200, NULL },
  { "conferences-list", "GET", CONFERENCES ".json?Status=in-progress&FriendlyName=Conformance", NULL, 200, NULL,
    "conferences" },
  { "conference-fetch", "GET", CONFERENCE_1 ".json", NULL, 200, NULL },
  { "participants-list", "GET", CONFERENCE_1 "/Participants.json", NULL, 200, NULL, "participants" },
  { "participants-list-muted", "GET", CONFERENCE_1 "/Participants.json?Muted=true&PageSize=1", NULL, 200, NULL,
    "participants" },
  { "participant-fetch", "GET", CONFERENCE_1 "/Participants/{ParticipantCallSid}.json", NULL, 200, NULL },
  { "participant-fetch-label", "GET", CONFERENCE_1 "/Participants/advisor.json", NULL, 200, NULL },
  { "participant-update", "POST", CONFERENCE_1 "/Participants/{ParticipantCallSid}.json", "Muted=false&Hold=true",
    200, NULL },
  { "participant-delete", "DELETE", CONFERENCE_1 "/Participants/{ParticipantCallSid}.json", NULL, 204, NULL },
  { "conference-update", "POST", CONFERENCE_1 ".json", "Status=completed", 200, NULL },
  { "queues-create", "POST", QUEUES ".json", "FriendlyName=Conformance&MaxSize=10", 201, "{QueueSid}" },
  { "calls-create-enqueue", "POST", CALLS ".json",
    "To=%2B15005550014&From=%2B15005550006"
    "&Twiml=%3CResponse%3E%3CEnqueue%3EConformance%3C%2FEnqueue%3E%3C%2FResponse%3E", 201, "{QueuedCallSid}" },
  { "sim-clock-advance-queue", "POST", "/_sim/clock/advance", "seconds=10", 200, NULL },
  { "sim-calls-input", "POST", "/_sim/calls/input", "CallSid={QueuedCallSid}&Digits=5", 200, NULL },
  { "queues-list", "GET", QUEUES ".json", NULL, 200, NULL, "queues" },
  { "queue-fetch", "GET", QUEUE_1 ".json", NULL, 200, NULL },
  { "queue-update", "POST", QUEUE_1 ".json", "FriendlyName=Conformance&MaxSize=20", 200, NULL },
  { "members-list", "GET", QUEUE_1 "/Members.json", NULL, 200, NULL, "queue_members" },
  { "member-fetch-front", "GET", QUEUE_1 "/Members/Front.json", NULL, 200, NULL },
  { "member-fetch", "GET", QUEUE_1 "/Members/{QueuedCallSid}.json", NULL, 200, NULL },
  { "member-dequeue", "POST", QUEUE_1 "/Members/Front.json",
    "Url=http%3A%2F%2F127.0.0.1%3A1%2Fdequeued&Method=POST", 200, NULL },
  { "queue-delete", "DELETE", QUEUE_1 ".json", NULL, 204, NULL },
  /* An inbound call whose VoiceUrl cannot be reached: it fails (11200). */
  { "sim-numbers-voice", "POST", "/_sim/numbers",
    "PhoneNumber=%2B15005550006&AccountSid={AccountSid}&VoiceUrl=http%3A%2F%2F127.0.0.1%3A1%2Fvoice", 200, NULL },
  { "sim-inbound-call", "POST", "/_sim/inbound/call", "From=%2B15551230000&To=%2B15005550006&Digits=1", 200,
    NULL },
  { "sim-calls-reset", "POST", "/_sim/calls/reset", NULL, 200, NULL },
  { "sim-clock-advance-inbound", "POST", "/_sim/clock/advance", "seconds=5", 200, NULL },
  { "calls-list-inbound", "GET", CALLS ".json?To=%2B15005550006&Status=failed", NULL, 200,
    "{FailedCallSid}=$.calls[0].sid", "calls" },
  { "call-notifications-list-error", "GET", CALLS "/{FailedCallSid}/Notifications.json", NULL, 200,
    "{NotificationSid}=$.notifications[0].sid", "notifications" },
  { "call-notification-fetch", "GET", CALLS "/{FailedCallSid}/Notifications/{NotificationSid}.json", NULL, 200,
    NULL },
  /* Recordings, Transcriptions, Intelligence (rows added with liaison-sim-recordings.c). */
  { "sim-recordings", "POST", "/_sim/recordings",
    "Speech=Hello+from+the+conformance+walk.+Goodbye.&SpeechOther=Thanks.+Bye.&Channels=2"
    "&CallSid=" REC_CALL "&Transcribe=true", 200, "{RecordingSid}" },
  { "recordings-list", "GET", RECORDINGS ".json", NULL, 200, NULL, "recordings" },
  { "recordings-list-filtered", "GET",
    RECORDINGS ".json?CallSid=" REC_CALL "&DateCreated%3E=2000-01-01T00%3A00%3A00Z&PageSize=1", NULL, 200,
    NULL, "recordings" },
  { "recording-fetch", "GET", RECORDING_1 ".json", NULL, 200, NULL },
  { "call-recordings-list", "GET", REC_ACCOUNT "/Calls/" REC_CALL "/Recordings.json", NULL, 200, NULL,
    "recordings" },
  { "call-recording-fetch", "GET", REC_ACCOUNT "/Calls/" REC_CALL "/Recordings/{RecordingSid}.json", NULL, 200,
    NULL },
  { "sim-recordings-conference", "POST", "/_sim/recordings",
    "Speech=Conference+call.&ConferenceSid=" REC_CONFERENCE "&Transcribe=true", 200,
    "{ConferenceRecordingSid}" },
  { "conference-recordings-list", "GET", REC_ACCOUNT "/Conferences/" REC_CONFERENCE "/Recordings.json", NULL,
    200, NULL, "recordings" },
  { "conference-recording-fetch", "GET",
    REC_ACCOUNT "/Conferences/" REC_CONFERENCE "/Recordings/{ConferenceRecordingSid}.json", NULL, 200, NULL },
  { "recording-transcriptions-list", "GET", RECORDING_1 "/Transcriptions.json", NULL, 200,
    "{TranscriptionSid}=$.transcriptions[0].sid", "transcriptions" },
  { "recording-transcriptions-list-conference", "GET", RECORDINGS "/{ConferenceRecordingSid}/Transcriptions.json",
    NULL, 200, "{ConferenceTranscriptionSid}=$.transcriptions[0].sid", "transcriptions" },
  { "sim-clock-advance-transcriptions", "POST", "/_sim/clock/advance", "seconds=10", 200, NULL },
  { "transcriptions-list", "GET", REC_ACCOUNT "/Transcriptions.json?PageSize=1", NULL, 200, NULL,
    "transcriptions" },
  { "transcription-fetch", "GET", REC_ACCOUNT "/Transcriptions/{TranscriptionSid}.json", NULL, 200, NULL },
  { "recording-transcription-fetch", "GET", RECORDING_1 "/Transcriptions/{TranscriptionSid}.json", NULL, 200,
    NULL },
  { "intelligence-services-create", "POST", "/v2/Services",
    "UniqueName=conformance&FriendlyName=Conformance&AutoTranscribe=false&LanguageCode=en-US", 201,
    "{ServiceSid}", NULL, INTELLIGENCE_V2 },
  { "intelligence-services-list", "GET", "/v2/Services", NULL, 200, NULL, "services", INTELLIGENCE_V2 },
  { "intelligence-service-fetch", "GET", "/v2/Services/{ServiceSid}", NULL, 200, NULL, NULL, INTELLIGENCE_V2 },
  { "intelligence-transcripts-create", "POST", "/v2/Transcripts",
    "ServiceSid={ServiceSid}&CustomerKey=conformance"
    "&Channel=%7B%22media_properties%22%3A%7B%22source_sid%22%3A%22{RecordingSid}%22%7D%7D", 202,
    "{TranscriptSid}", NULL, INTELLIGENCE_V2 },
  { "intelligence-transcript-fetch-queued", "GET", "/v2/Transcripts/{TranscriptSid}", NULL, 200, NULL, NULL,
    INTELLIGENCE_V2 },
  { "sim-clock-advance-intelligence", "POST", "/_sim/clock/advance", "seconds=10", 200, NULL },
  { "intelligence-transcripts-list", "GET",
    "/v2/Transcripts?ServiceSid={ServiceSid}&SourceSid={RecordingSid}&Status=completed", NULL, 200, NULL,
    "transcripts", INTELLIGENCE_V2 },
  { "intelligence-transcript-fetch", "GET", "/v2/Transcripts/{TranscriptSid}", NULL, 200, NULL, NULL,
    INTELLIGENCE_V2 },
  { "intelligence-sentences-list", "GET", "/v2/Transcripts/{TranscriptSid}/Sentences?WordTimestamps=true&PageSize=2",
    NULL, 200, NULL, "sentences", INTELLIGENCE_V2 },
  { "intelligence-operator-results-list", "GET", "/v2/Transcripts/{TranscriptSid}/OperatorResults", NULL, 200,
    NULL, "operator_results", INTELLIGENCE_V2 },
  { "intelligence-transcript-delete", "DELETE", "/v2/Transcripts/{TranscriptSid}", NULL, 204, NULL, NULL,
    INTELLIGENCE_V2 },
  { "intelligence-service-delete", "DELETE", "/v2/Services/{ServiceSid}", NULL, 204, NULL, NULL,
    INTELLIGENCE_V2 },
  { "transcription-delete", "DELETE", REC_ACCOUNT "/Transcriptions/{TranscriptionSid}.json", NULL, 204, NULL },
  { "recording-transcription-delete", "DELETE",
    RECORDINGS "/{ConferenceRecordingSid}/Transcriptions/{ConferenceTranscriptionSid}.json", NULL, 204, NULL },
  { "conference-recording-delete", "DELETE",
    REC_ACCOUNT "/Conferences/" REC_CONFERENCE "/Recordings/{ConferenceRecordingSid}.json", NULL, 204, NULL },
  { "recording-delete", "DELETE", RECORDING_1 ".json", NULL, 204, NULL },
  /* Numbers, Porting, Lookup (rows added with liaison-sim-numbers.c). */
  { "available-countries", "GET", AVAILABLE ".json", NULL, 200, NULL, "countries" },
  { "available-country", "GET", AVAILABLE "/US.json", NULL, 200, NULL },
  { "available-local", "GET",
    AVAILABLE "/US/Local.json?AreaCode=415&Contains=61*&SmsEnabled=true&ExcludeAllAddressRequired=true"
    "&PageSize=5", NULL, 200, NULL, "available_phone_numbers" },
  { "available-local-near", "GET",
    AVAILABLE "/US/Local.json?NearLatLong=37.78%2C-122.41&Distance=50&InRegion=CA", NULL, 200, NULL,
    "available_phone_numbers" },
  { "available-toll-free", "GET", AVAILABLE "/US/TollFree.json?PageSize=3", NULL, 200, NULL,
    "available_phone_numbers" },
  { "available-mobile", "GET", AVAILABLE "/CA/Mobile.json?InLocality=Toronto&PageSize=3", NULL, 200, NULL,
    "available_phone_numbers" },
  { "incoming-numbers-create", "POST", INCOMING ".json",
    "AreaCode=415&FriendlyName=Front+desk&SmsUrl=https%3A%2F%2Fexample.com%2Fsms&SmsMethod=POST"
    "&StatusCallback=https%3A%2F%2Fexample.com%2Fstatus", 201, "{PhoneNumberSid}" },
  { "incoming-numbers-create-toll-free", "POST", INCOMING "/TollFree.json", "PhoneNumber=%2B18004204020",
    201, NULL },
  { "incoming-number-fetch", "GET", INCOMING_1 ".json", NULL, 200, NULL },
  { "incoming-numbers-list", "GET", INCOMING ".json?PageSize=1", NULL, 200, NULL, "incoming_phone_numbers" },
  { "incoming-numbers-list-filtered", "GET", INCOMING ".json?PhoneNumber=415&Beta=false&Origin=twilio",
    NULL, 200, NULL, "incoming_phone_numbers" },
  { "incoming-numbers-list-toll-free", "GET", INCOMING "/TollFree.json", NULL, 200, NULL,
    "incoming_phone_numbers" },
  { "incoming-number-update", "POST", INCOMING_1 ".json",
    "FriendlyName=Reception&VoiceUrl=https%3A%2F%2Fexample.com%2Fvoice&VoiceMethod=GET", 200, NULL },
  { "incoming-number-delete", "DELETE", INCOMING_1 ".json", NULL, 204, NULL },
  { "portability-local", "GET", PORTABILITY "%2B14155550104", NULL, 200, NULL, NULL, NUMBERS_V1 },
  { "portability-toll-free", "GET", PORTABILITY "%2B18005550104?TargetAccountSid={AccountSid}", NULL, 200,
    NULL, NULL, NUMBERS_V1 },
  { "port-in-create", "POST", "/v1/Porting/PortIn", NULL, 202, "{PortInRequestSid}=$.port_in_request_sid",
    NULL, NUMBERS_V1,
    "{\"account_sid\": \"{AccountSid}\", \"documents\": [\"RDaaaa456789abcdef0123456789abcdef\"],"
    " \"losing_carrier_information\": {\"customer_type\": \"Business\","
    " \"customer_name\": \"Harbor Wealth Partners\", \"authorized_representative\": \"Dana Whitfield\","
    " \"authorized_representative_email\": \"dana@example.com\", \"address\": {\"street\": \"1 Market St\","
    " \"city\": \"San Francisco\", \"state\": \"CA\", \"zip\": \"94105\", \"country\": \"US\"}},"
    " \"phone_numbers\": [{\"phone_number\": \"+14155550104\"},"
    " {\"phone_number\": \"+14155550101\", \"pin\": \"4321\"}],"
    " \"notification_emails\": [\"ops@example.com\"]}" },
  { "port-in-fetch", "GET", PORT_IN_1, NULL, 200,
    "{PortInPhoneNumberSid}=$.phone_numbers[0].port_in_phone_number_sid", NULL, NUMBERS_V1 },
  { "port-in-number-fetch", "GET", PORT_IN_1 "/PhoneNumber/{PortInPhoneNumberSid}", NULL, 200, NULL, NULL,
    NUMBERS_V1 },
  { "port-in-list", "GET", "/v1/Porting/PortIn/PortInRequests?Size=5&PortInRequestStatus=In+review",
    NULL, 200, NULL, "port_in_requests", NUMBERS_V1 },
  { "sim-clock-advance-porting", "POST", "/_sim/clock/advance", "seconds=259200", 200, NULL },
  { "port-in-fetch-pending", "GET", PORT_IN_1, NULL, 200, NULL, NULL, NUMBERS_V1 },
  { "port-in-number-cancel", "DELETE", PORT_IN_1 "/PhoneNumber/{PortInPhoneNumberSid}", NULL, 204, NULL,
    NULL, NUMBERS_V1 },
  { "port-in-cancel", "DELETE", PORT_IN_1, NULL, 204, NULL, NULL, NUMBERS_V1 },
  { "lookup-line-type", "GET", "/v2/PhoneNumbers/%2B14155550101?Fields=line_type_intelligence", NULL, 200,
    NULL, NULL, LOOKUPS_V2 },
  { "lookup-plain", "GET", "/v2/PhoneNumbers/%2B14155550104", NULL, 200, NULL, NULL, LOOKUPS_V2 },
  { "lookup-invalid", "GET", "/v2/PhoneNumbers/%2B1415555?Fields=line_type_intelligence", NULL, 200, NULL,
    NULL, LOOKUPS_V2 },
  { "porting-webhook-create", "POST", "/v1/Porting/Configuration/Webhook", NULL, 201, NULL, NULL, NUMBERS_V1,
    "{\"port_in_target_url\": \"https://example.com/porting\", \"notifications_of\": [\"PortInCompleted\"]}" },
  { "porting-webhook-fetch", "GET", "/v1/Porting/Configuration/Webhook", NULL, 200, NULL, NULL, NUMBERS_V1 },
  { "porting-webhook-delete", "DELETE", "/v1/Porting/Configuration/Webhook/PORT_IN", NULL, 204, NULL, NULL,
    NUMBERS_V1 },
};

typedef struct {
  SoupSession *session;
  LiaisonTestSim *sim;
  GHashTable *vars;   /* "{AccountSid}" → value */
  guint n_requests;
  guint n_values;
} Walk;

static char *
expand (Walk       *walk,
        const char *text)
{
  g_autoptr(GString) str = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (text == NULL)
    return NULL;

  str = g_string_new (text);
  g_hash_table_iter_init (&iter, walk->vars);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_replace (str, key, value, 0);

  g_assert_null (strchr (str->str, '{'));
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* The same for a JSON body, whose braces are its own. */
static char *
expand_json (Walk       *walk,
             const char *text)
{
  g_autoptr(GString) str = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (text == NULL)
    return NULL;
  str = g_string_new (text);
  g_hash_table_iter_init (&iter, walk->vars);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_replace (str, key, value, 0);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

typedef struct {
  guint   status;
  char   *content_type;
  GBytes *body;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->content_type, g_free);
  g_clear_pointer (&answer->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
send_body (Walk       *walk,
           const char *method,
           const char *path_and_query,
           const char *content_type,
           const char *form,
           const char *user,
           const char *password,
           Answer     *answer)
{
  g_autofree char *url = g_strconcat (walk->sim->url, path_and_query, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (message);
  if (user != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", header);
    }
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }

  answer->body = soup_session_send_and_read (walk->session, message, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (message);
  headers = soup_message_get_response_headers (message);
  answer->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  walk->n_requests++;
}

static void
send (Walk       *walk,
      const char *method,
      const char *path_and_query,
      const char *form,
      const char *user,
      const char *password,
      Answer     *answer)
{
  send_body (walk, method, path_and_query, "application/x-www-form-urlencoded", form, user, password, answer);
}

/* A JSON request body against the operation's requestBody schema. */
static void
validate_json_request (LiaisonOpenApi       *api,
                       const char           *method,
                       const char           *path,
                       const char           *json,
                       LiaisonOpenApiReport *report)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pointer = g_string_new ("#/paths/");
  g_autofree char *lower = g_ascii_strdown (method, -1);
  const char *template = liaison_openapi_find_operation (api, method, path, report);

  g_assert_nonnull (template);
  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
  g_string_append_printf (pointer, "/%s/requestBody/content/application~1json/schema", lower);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  liaison_openapi_validate_value (api, pointer->str, json_parser_get_root (parser), "$request", report);
}

static JsonNode *
parse_answer (Answer *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (answer->body, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
walk_init (Walk *walk)
{
  walk->session = soup_session_new ();
  walk->sim = liaison_test_sim_start (NULL);
  walk->vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (walk->vars, g_strdup ("{AccountSid}"), g_strdup (walk->sim->account_sid));
}

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->vars, g_hash_table_unref);
  g_clear_pointer (&walk->sim, liaison_test_sim_stop);
  g_clear_object (&walk->session);
}

static void
test_live_endpoints (void)
{
  LiaisonOpenApi *api_2010 = load_document (API_2010);
  Walk walk = { 0, };
  guint n_warnings = 0;
  guint n_control = 0;
  g_autoptr(GHashTable) operations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (api_2010 == NULL)
    return;

  walk_init (&walk);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const Endpoint *endpoint = &endpoints[i];
      g_autofree char *path = expand (&walk, endpoint->path);
      g_autofree char *form = expand (&walk, endpoint->form);
      g_autofree char *json = expand_json (&walk, endpoint->json);
      g_autoptr(LiaisonOpenApiReport) request = liaison_openapi_report_new ();
      g_autoptr(LiaisonOpenApiReport) response = liaison_openapi_report_new ();
      g_autofree char *what = g_strdup_printf ("%s (%s %s)", endpoint->name,
                                               endpoint->method, endpoint->path);
      g_auto(Answer) answer = { 0, };
      LiaisonOpenApi *api = api_2010;
      gsize len;
      const char *data;

      if (g_str_has_prefix (endpoint->path, "/_sim/"))
        {
          send (&walk, endpoint->method, path, form, NULL, NULL, &answer);
          g_assert_cmpuint (answer.status, ==, endpoint->status);
          n_control++;
          /* A control route that makes a resource (/_sim/recordings) answers its "sid". */
          if (endpoint->capture != NULL)
            {
              g_autoptr(JsonNode) root = parse_answer (&answer);
              const char *sid = json_object_get_string_member (json_node_get_object (root), "sid");

              g_assert_nonnull (sid);
              g_hash_table_replace (walk.vars, g_strdup (endpoint->capture), g_strdup (sid));
            }
          continue;
        }

      if (endpoint->document != NULL)
        {
          api = load_document (endpoint->document);
          if (api == NULL)
            break;
        }

      /* The test's own request first: it must follow the document too. */
      liaison_openapi_validate_request (api, endpoint->method, path, form, request);
      if (json != NULL)
        validate_json_request (api, endpoint->method, path, json, request);
      assert_clean (request, what);
      g_hash_table_add (operations,
                        g_strdup_printf ("%s %s %s", endpoint->document != NULL ? endpoint->document : API_2010,
                                         endpoint->method,
                                         liaison_openapi_find_operation (api, endpoint->method,
                                                                         path, request)));

      if (json != NULL)
        send_body (&walk, endpoint->method, path, "application/json", json, walk.sim->account_sid,
                   walk.sim->auth_token, &answer);
      else
        send (&walk, endpoint->method, path, form, walk.sim->account_sid, walk.sim->auth_token,
              &answer);
      data = g_bytes_get_data (answer.body, &len);
      if (answer.status != endpoint->status)
        g_test_message ("%s: %u %.*s", what, answer.status, (int) MIN (len, 500), data);
      g_assert_cmpuint (answer.status, ==, endpoint->status);

      liaison_openapi_validate_response (api, endpoint->method, path, answer.status,
                                         answer.content_type, data, len, response);
      assert_clean (response, what);
      for (guint w = 0; w < response->warnings->len; w++)
        g_test_message ("%s: warning: %s", what,
                        (const char *) g_ptr_array_index (response->warnings, w));
      n_warnings += response->warnings->len;
      walk.n_values += request->n_values + response->n_values;

      if (endpoint->list != NULL)
        {
          g_autoptr(JsonNode) root = parse_answer (&answer);
          JsonArray *items = json_object_get_array_member (json_node_get_object (root),
                                                           endpoint->list);

          g_assert_nonnull (items);
          g_assert_cmpuint (json_array_get_length (items), >, 0);
        }

      if (endpoint->capture && strstr (endpoint->capture, "=$") != NULL)
        {
          g_autoptr(JsonNode) root = parse_answer (&answer);
          const char *eq = strstr (endpoint->capture, "=$");
          g_autofree char *name = g_strndup (endpoint->capture, eq - endpoint->capture);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) found = json_path_query (eq + 1, root, &error);
          JsonArray *matches;

          g_assert_no_error (error);
          matches = json_node_get_array (found);
          g_assert_cmpuint (json_array_get_length (matches), ==, 1);
          g_assert_nonnull (json_array_get_string_element (matches, 0));
          g_hash_table_replace (walk.vars, g_steal_pointer (&name),
                                g_strdup (json_array_get_string_element (matches, 0)));
        }
      else if (endpoint->capture)
        {
          g_autoptr(JsonNode) root = parse_answer (&answer);
          const char *sid = json_object_get_string_member (json_node_get_object (root), "sid");

          g_assert_nonnull (sid);
          g_hash_table_replace (walk.vars, g_strdup (endpoint->capture), g_strdup (sid));
        }
    }

  g_test_message ("%u endpoint rows, %u operations, %u requests (%u to the control "
                  "API), %u values (fields and parameters) checked, %u warnings",
                  (guint) G_N_ELEMENTS (endpoints), g_hash_table_size (operations),
                  walk.n_requests, n_control, walk.n_values, n_warnings);
  walk_clear (&walk);
}

/* An error answer: Twilio's error shape (from the Lookups v2 document, the
 * 2010 one declares none) with every key TWILIO.md §1.4 lists. */
static guint
check_error_answer (Answer *answer,
                    guint   status,
                    gint64  code)
{
  LiaisonOpenApi *lookups = load_document (LOOKUPS_V2);
  g_autoptr(LiaisonOpenApiReport) report = liaison_openapi_report_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *more_info = g_strdup_printf ("https://www.twilio.com/docs/errors/%"
                                                G_GINT64_FORMAT, code);
  g_autofree char *media_type = NULL;
  JsonObject *object;

  g_assert_nonnull (lookups);
  g_assert_cmpuint (answer->status, ==, status);
  g_assert_nonnull (answer->content_type);
  media_type = g_ascii_strdown (answer->content_type, strcspn (answer->content_type, ";"));
  g_assert_cmpstr (g_strstrip (media_type), ==, "application/json");

  root = parse_answer (answer);
  liaison_openapi_validate_value (lookups, ERROR_SCHEMA, root, "$", report);
  assert_clean (report, "error body");

  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "code"));
  g_assert_true (json_object_has_member (object, "message"));
  g_assert_true (json_object_has_member (object, "more_info"));
  g_assert_true (json_object_has_member (object, "status"));
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (object, "more_info"), ==, more_info);
  g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");

  return report->n_values;
}

static void
test_live_errors (void)
{
  LiaisonOpenApi *api = load_document (API_2010);
  LiaisonOpenApi *lookups = load_document (LOOKUPS_V2);
  Walk walk = { 0, };
  g_autofree char *account_path = NULL;
  g_autofree char *unknown_path = NULL;
  g_auto(Answer) wrong_token = { 0, };
  g_auto(Answer) no_credentials = { 0, };
  g_auto(Answer) not_a_sid = { 0, };
  g_auto(Answer) unknown = { 0, };
  g_autofree char *missing_path = NULL;
  g_auto(Answer) missing = { 0, };
  g_autofree char *messages_path = NULL;
  g_autoptr(LiaisonOpenApiReport) no_to_request = liaison_openapi_report_new ();
  g_auto(Answer) no_to = { 0, };
  guint n_values = 0;

  if (api == NULL || lookups == NULL)
    return;

  walk_init (&walk);
  account_path = expand (&walk, "/2010-04-01/Accounts/{AccountSid}.json");

  /* 401/20003: a wrong Auth Token, then none. */
  send (&walk, "GET", account_path, NULL, walk.sim->account_sid,
        "00000000000000000000000000000000", &wrong_token);
  n_values += check_error_answer (&wrong_token, 401, 20003);

  send (&walk, "GET", account_path, NULL, NULL, NULL, &no_credentials);
  n_values += check_error_answer (&no_credentials, 401, 20003);

  /* 404/20404: a path that names no resource (not an Account SID)… */
  send (&walk, "GET", "/2010-04-01/Accounts/NotAnAccount.json", NULL,
        walk.sim->account_sid, walk.sim->auth_token, &not_a_sid);
  n_values += check_error_answer (&not_a_sid, 404, 20404);

  /* …and one no document lists. */
  unknown_path = expand (&walk, "/2010-04-01/Accounts/{AccountSid}/NoSuchThing.json");
  send (&walk, "GET", unknown_path, NULL, walk.sim->account_sid, walk.sim->auth_token, &unknown);
  n_values += check_error_answer (&unknown, 404, 20404);

  /* A message that is not there (a well-formed SID). */
  missing_path = expand (&walk, MESSAGES "/" MESSAGE ".json");
  send (&walk, "GET", missing_path, NULL, walk.sim->account_sid, walk.sim->auth_token, &missing);
  n_values += check_error_answer (&missing, 404, 20404);

  /* 400/21604: no To. The document says so too. */
  messages_path = expand (&walk, MESSAGES ".json");
  liaison_openapi_validate_request (api, "POST", messages_path, "From=%2B15005550006&Body=hi",
                                    no_to_request);
  assert_error (no_to_request, "missing required form parameter To");
  send (&walk, "POST", messages_path, "From=%2B15005550006&Body=hi",
        walk.sim->account_sid, walk.sim->auth_token, &no_to);
  n_values += check_error_answer (&no_to, 400, 21604);

  g_test_message ("%u error answers, %u values checked against %s's error schema",
                  walk.n_requests, n_values, LOOKUPS_V2);
  walk_clear (&walk);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  liaison_test_init (&argc, &argv);
  documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) liaison_openapi_free);

  g_test_add_func ("/Liaison/Conformance/validator-valid", test_validator_valid);
  g_test_add_func ("/Liaison/Conformance/validator-wrong-type", test_validator_wrong_type);
  g_test_add_func ("/Liaison/Conformance/validator-missing-required",
                   test_validator_missing_required);
  g_test_add_func ("/Liaison/Conformance/validator-bad-enum", test_validator_bad_enum);
  g_test_add_func ("/Liaison/Conformance/validator-bad-sid", test_validator_bad_sid);
  g_test_add_func ("/Liaison/Conformance/validator-unknown-status",
                   test_validator_unknown_status);
  g_test_add_func ("/Liaison/Conformance/validator-undeclared-param",
                   test_validator_undeclared_param);
  g_test_add_func ("/Liaison/Conformance/validator-formats", test_validator_formats);
  g_test_add_func ("/Liaison/Conformance/validator-body", test_validator_body);
  g_test_add_func ("/Liaison/Conformance/live-endpoints", test_live_endpoints);
  g_test_add_func ("/Liaison/Conformance/live-errors", test_live_errors);

  ret = g_test_run ();
  g_hash_table_unref (documents);
  return ret;
}
