/* test-summary-endpoint.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-call-summary.h"
#include "liaison-summary-endpoint.h"
#include "liaison-test-utils.h"
#include "liaison-transcript-sentence.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/* LiaisonSummaryEndpoint against a SoupServer in this process that speaks
 * the OpenAI chat-completions protocol: it stands in for the firm's external
 * model server. The requests it receives are checked, and its answers
 * (good, HTTP errors, malformed, silent) drive the endpoint's errors. */

#define API_KEY "sk-test-0123456789abcdef"

typedef enum {
  ANSWER_SUMMARY,
  ANSWER_UNAUTHORIZED,
  ANSWER_SERVER_ERROR,
  ANSWER_NOT_JSON,
  ANSWER_PROSE,
  ANSWER_BAD_ITEMS,
  ANSWER_NO_CHOICES,
  ANSWER_SILENT,
} Answer;

typedef struct {
  SoupServer *server;
  char       *url;
  Answer      answer;
  guint       n_requests;
  char       *method;
  char       *path;
  char       *content_type;
  char       *authorization;
  char       *body;
  GPtrArray  *paused;   /* SoupServerMessage, never answered */
} Fixture;

static const char summary_content[] =
  "```json\n"
  "{\"headline\": \"Robert will roll over his 401(k) into the IRA.\","
  " \"summary\": \"A direct rollover of $250,000. Forms go out by Friday.\","
  " \"action_items\": [\"Send the rollover forms by Friday (advisor)\", \"Schedule a review next Tuesday\"],"
  " \"dates\": [\"Friday\", \"next Tuesday\"], \"times\": [\"3 pm\"], \"amounts\": [\"$250,000\"],"
  " \"compliance_flags\": [\"guaranteed returns\"]}\n"
  "```";

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static char *
completion (const char *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "chatcmpl-1");
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion");
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "assistant");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "finish_reason");
  json_builder_add_string_value (builder, "stop");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *answer = NULL;

  fixture->n_requests++;
  g_free (fixture->method);
  fixture->method = g_strdup (soup_server_message_get_method (msg));
  g_free (fixture->path);
  fixture->path = g_strdup (path);
  g_free (fixture->content_type);
  fixture->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  g_free (fixture->authorization);
  fixture->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (fixture->body);
  fixture->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  switch (fixture->answer)
    {
    case ANSWER_SUMMARY:
      answer = completion (summary_content);
      respond_json (msg, SOUP_STATUS_OK, answer);
      break;
    case ANSWER_UNAUTHORIZED:
      respond_json (msg, SOUP_STATUS_UNAUTHORIZED,
                    "{\"error\": {\"message\": \"Incorrect API key provided: " API_KEY "\", \"type\": \"invalid_request_error\"}}");
      break;
    case ANSWER_SERVER_ERROR:
      respond_json (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                    "{\"error\": {\"message\": \"The model is overloaded\", \"type\": \"server_error\"}}");
      break;
    case ANSWER_NOT_JSON:
      respond_json (msg, SOUP_STATUS_OK, "{\"choices\": [{\"message\": ");
      break;
    case ANSWER_PROSE:
      answer = completion ("Sure! The client wants to roll over his 401(k).");
      respond_json (msg, SOUP_STATUS_OK, answer);
      break;
    case ANSWER_BAD_ITEMS:
      answer = completion ("{\"headline\": \"Rollover\", \"action_items\": \"send forms\"}");
      respond_json (msg, SOUP_STATUS_OK, answer);
      break;
    case ANSWER_NO_CHOICES:
      respond_json (msg, SOUP_STATUS_OK, "{\"id\": \"x\", \"choices\": []}");
      break;
    case ANSWER_SILENT:
    default:
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->paused, g_object_ref (msg));
      break;
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  /* A trailing slash, as people type it. */
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < fixture->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (fixture->paused, i);

      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  /* Let the connections close. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fixture->paused, g_ptr_array_unref);
  g_free (fixture->url);
  g_free (fixture->method);
  g_free (fixture->path);
  g_free (fixture->content_type);
  g_free (fixture->authorization);
  g_free (fixture->body);
}

static GPtrArray *
rollover (void)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (sentences, liaison_transcript_sentence_new (0, 1, "advisor", 0, 4000,
                                                               "I wanted to talk about rolling over your 401(k).", 0.9));
  g_ptr_array_add (sentences, liaison_transcript_sentence_new (1, 2, "client", 4000, 9000,
                                                               "The balance is about $250,000 and he said\nguaranteed returns.", 0.9));
  g_ptr_array_add (sentences, liaison_transcript_sentence_new (2, 1, "advisor", 9000, 12000,
                                                               "I’ll send you the forms by Friday.", 0.9));
  g_ptr_array_add (sentences, liaison_transcript_sentence_new (3, 0, NULL, 12000, 13000, "   ", -1));
  g_ptr_array_add (sentences, liaison_transcript_sentence_new (4, 2, NULL, 13000, 14000, "Thanks.", -1));
  return sentences;
}

static LiaisonCallSummary *
summarize (LiaisonSummaryEndpoint  *endpoint,
           GPtrArray               *sentences,
           GCancellable            *cancellable,
           GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_summary_endpoint_summarize_async (endpoint, sentences, cancellable, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_summary_endpoint_summarize_finish (endpoint, result, error);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) sentences = rollover ();
  g_autoptr(LiaisonSummaryEndpoint) endpoint = liaison_summary_endpoint_new (fixture->url, "llama-3.1-8b");
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *preview = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) dates = NULL;
  g_auto(GStrv) amounts = NULL;
  JsonObject *body;
  JsonArray *messages;
  JsonObject *message;
  const char * const *items;

  liaison_summary_endpoint_set_api_key (endpoint, API_KEY);
  preview = liaison_summary_endpoint_build_request_body (endpoint, sentences, &error);
  g_assert_no_error (error);
  url = liaison_summary_endpoint_dup_url (endpoint, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (url, "/v1/chat/completions"));
  g_assert_null (strstr (url + strlen ("http://"), "//"));

  summary = summarize (endpoint, sentences, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  /* What the server received: exactly the preview, with the key. */
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/v1/chat/completions");
  g_assert_cmpstr (fixture->content_type, ==, "application/json");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " API_KEY);
  g_assert_cmpstr (fixture->body, ==, preview);

  json_parser_load_from_data (parser, fixture->body, -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "llama-3.1-8b");
  g_assert_cmpint (json_object_get_int_member (body, "temperature"), ==, 0);
  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  message = json_array_get_object_element (messages, 0);
  g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (message, "content"), ==,
                   liaison_summary_endpoint_get_instruction ());
  message = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (message, "content"), ==,
                   "Advisor: I wanted to talk about rolling over your 401(k).\n"
                   "Client: The balance is about $250,000 and he said guaranteed returns.\n"
                   "Advisor: I’ll send you the forms by Friday.\n"
                   "Channel 2: Thanks.\n");

  /* The answer, parsed. */
  g_assert_cmpint (liaison_call_summary_get_source (summary), ==, LIAISON_SUMMARY_SOURCE_ENDPOINT);
  g_assert_cmpstr (liaison_call_summary_get_headline (summary), ==, "Robert will roll over his 401(k) into the IRA.");
  g_assert_cmpstr (liaison_call_summary_get_text (summary), ==,
                   "A direct rollover of $250,000. Forms go out by Friday.");
  items = liaison_call_summary_get_action_items (summary);
  g_assert_cmpstr (items[0], ==, "Send the rollover forms by Friday (advisor)");
  g_assert_cmpstr (items[1], ==, "Schedule a review next Tuesday");
  g_assert_null (items[2]);
  dates = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_DATE);
  g_assert_cmpuint (g_strv_length (dates), ==, 2);
  g_assert_cmpstr (dates[1], ==, "next Tuesday");
  amounts = liaison_call_summary_dup_mentions (summary, LIAISON_MENTION_AMOUNT);
  g_assert_cmpstr (amounts[0], ==, "$250,000");
  g_assert_null (amounts[1]);
  g_assert_cmpuint (liaison_call_summary_get_n_flags (summary), ==, 1);
  g_assert_cmpstr (liaison_call_summary_get_flag_phrase (summary, 0), ==, "guaranteed returns");
  g_assert_cmpint (liaison_call_summary_get_flag_sentence (summary, 0), ==, -1);
}

static void
test_no_key (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) sentences = rollover ();
  g_autoptr(LiaisonSummaryEndpoint) endpoint = liaison_summary_endpoint_new (fixture->url, NULL);
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  liaison_summary_endpoint_set_api_key (endpoint, API_KEY);
  liaison_summary_endpoint_set_api_key (endpoint, NULL);
  summary = summarize (endpoint, sentences, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (fixture->authorization);
  g_assert_nonnull (strstr (fixture->body, "\"model\":\"default\""));
}

static void
assert_answer_error (Fixture    *fixture,
                     Answer      answer,
                     gint        code,
                     const char *in_message)
{
  g_autoptr(GPtrArray) sentences = rollover ();
  g_autoptr(LiaisonSummaryEndpoint) endpoint = liaison_summary_endpoint_new (fixture->url, "m");
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  fixture->answer = answer;
  liaison_summary_endpoint_set_api_key (endpoint, API_KEY);
  liaison_summary_endpoint_set_timeout (endpoint, 1);
  summary = summarize (endpoint, sentences, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, code);
  g_test_message ("%s", error->message);
  /* The key never shows, even when the server echoes it. */
  g_assert_null (strstr (error->message, API_KEY));
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  assert_answer_error (fixture, ANSWER_UNAUTHORIZED, LIAISON_SUMMARY_ENDPOINT_ERROR_UNAUTHORIZED, "401");
  assert_answer_error (fixture, ANSWER_SERVER_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_HTTP, "The model is overloaded");
  assert_answer_error (fixture, ANSWER_NOT_JSON, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_RESPONSE, NULL);
  assert_answer_error (fixture, ANSWER_PROSE, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_RESPONSE, NULL);
  assert_answer_error (fixture, ANSWER_BAD_ITEMS, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_RESPONSE, "action_items");
  assert_answer_error (fixture, ANSWER_NO_CHOICES, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_RESPONSE, NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 6);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  assert_answer_error (fixture, ANSWER_SILENT, LIAISON_SUMMARY_ENDPOINT_ERROR_TIMEOUT, NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

static void
test_not_sent (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) sentences = rollover ();
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LiaisonSummaryEndpoint) bad_url = liaison_summary_endpoint_new ("ftp://models.example", NULL);
  g_autoptr(LiaisonSummaryEndpoint) no_host = liaison_summary_endpoint_new ("not a url", NULL);
  g_autoptr(LiaisonSummaryEndpoint) endpoint = liaison_summary_endpoint_new (fixture->url, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  summary = summarize (bad_url, sentences, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_URL);
  g_clear_error (&error);
  summary = summarize (no_host, sentences, NULL, &error);
  g_assert_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_URL);
  g_clear_error (&error);

  g_ptr_array_add (empty, liaison_transcript_sentence_new (0, 1, "advisor", 0, 0, " \n ", -1));
  body = liaison_summary_endpoint_build_request_body (endpoint, empty, &error);
  g_assert_null (body);
  g_assert_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_EMPTY_TRANSCRIPT);
  g_clear_error (&error);
  summary = summarize (endpoint, empty, NULL, &error);
  g_assert_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_EMPTY_TRANSCRIPT);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  summary = summarize (endpoint, sentences, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sentences = rollover ();
  g_autoptr(LiaisonSummaryEndpoint) endpoint = NULL;
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  /* Nobody listens there any more. */
  soup_server_disconnect (fixture->server);
  endpoint = liaison_summary_endpoint_new (fixture->url, NULL);
  summary = summarize (endpoint, sentences, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_NETWORK);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/Liaison/SummaryEndpoint/summary", Fixture, NULL, fixture_setup, test_summary, fixture_teardown);
  g_test_add ("/Liaison/SummaryEndpoint/no-key", Fixture, NULL, fixture_setup, test_no_key, fixture_teardown);
  g_test_add ("/Liaison/SummaryEndpoint/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/Liaison/SummaryEndpoint/timeout", Fixture, NULL, fixture_setup, test_timeout, fixture_teardown);
  g_test_add ("/Liaison/SummaryEndpoint/not-sent", Fixture, NULL, fixture_setup, test_not_sent, fixture_teardown);
  g_test_add ("/Liaison/SummaryEndpoint/unreachable", Fixture, NULL, fixture_setup, test_unreachable,
              fixture_teardown);

  return g_test_run ();
}
