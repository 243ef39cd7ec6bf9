/* liaison-summary-endpoint.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-summary-endpoint"

#include "config.h"

#include "liaison-summary-endpoint.h"
#include "liaison-transcript-sentence.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_TIMEOUT_SECONDS 120
#define DEFAULT_MODEL           "default"
#define MAX_SERVER_MESSAGE      200

static const char instruction[] =
  "You summarize phone calls between a financial advisor and a client for the advisor's records. "
  "The user message is the transcript, one sentence per line, each prefixed with its speaker. "
  "Answer with one JSON object and nothing else, with exactly these members: "
  "\"headline\" (one short sentence), "
  "\"summary\" (at most three sentences), "
  "\"action_items\" (array of short imperative items, each starting with a verb such as "
  "Follow up, Send, Schedule, Call back or Review, and naming who does it), "
  "\"dates\", \"times\" and \"amounts\" (arrays of the dates, times of day and money amounts "
  "or percentages mentioned, as said), "
  "\"compliance_flags\" (array of phrases that promise returns or safety, such as guarantees "
  "or \"risk-free\", and of any account or social security numbers, as said). "
  "Use empty arrays when there is nothing. Do not invent facts that are not in the transcript.";

struct _LiaisonSummaryEndpoint
{
  GObject      parent_instance;

  char        *base_url;
  char        *model;
  char        *api_key;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (LiaisonSummaryEndpoint, liaison_summary_endpoint, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-summary-endpoint-error-quark, liaison_summary_endpoint_error)

static void
wipe_key (LiaisonSummaryEndpoint *self)
{
  if (self->api_key != NULL)
    {
      explicit_bzero (self->api_key, strlen (self->api_key));
      g_clear_pointer (&self->api_key, g_free);
    }
}

static void
liaison_summary_endpoint_finalize (GObject *object)
{
  LiaisonSummaryEndpoint *self = LIAISON_SUMMARY_ENDPOINT (object);

  wipe_key (self);
  g_free (self->base_url);
  g_free (self->model);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (liaison_summary_endpoint_parent_class)->finalize (object);
}

static void
liaison_summary_endpoint_class_init (LiaisonSummaryEndpointClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_summary_endpoint_finalize;
}

static void
liaison_summary_endpoint_init (LiaisonSummaryEndpoint *self)
{
  self->session = soup_session_new ();
  soup_session_set_timeout (self->session, DEFAULT_TIMEOUT_SECONDS);
  soup_session_set_user_agent (self->session, PACKAGE_NAME "/" PACKAGE_VERSION);
}

LiaisonSummaryEndpoint *
liaison_summary_endpoint_new (const char *base_url,
                              const char *model)
{
  LiaisonSummaryEndpoint *self;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_SUMMARY_ENDPOINT, NULL);
  self->base_url = g_strstrip (g_strdup (base_url));
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  self->model = g_strdup (model != NULL && *model != '\0' ? model : DEFAULT_MODEL);
  return self;
}

const char *
liaison_summary_endpoint_get_base_url (LiaisonSummaryEndpoint *self)
{
  g_return_val_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self), NULL);
  return self->base_url;
}

const char *
liaison_summary_endpoint_get_model (LiaisonSummaryEndpoint *self)
{
  g_return_val_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self), NULL);
  return self->model;
}

void
liaison_summary_endpoint_set_api_key (LiaisonSummaryEndpoint *self,
                                      const char             *api_key)
{
  g_return_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self));

  wipe_key (self);
  if (api_key != NULL && *api_key != '\0')
    self->api_key = g_strdup (api_key);
}

void
liaison_summary_endpoint_set_timeout (LiaisonSummaryEndpoint *self,
                                      guint                   seconds)
{
  g_return_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self));
  soup_session_set_timeout (self->session, seconds);
}

const char *
liaison_summary_endpoint_get_instruction (void)
{
  return instruction;
}

char *
liaison_summary_endpoint_dup_url (LiaisonSummaryEndpoint  *self,
                                  GError                 **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self), NULL);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_URL,
                   _("“%s” is not the address of a model server (it should look like https://host:port)."),
                   self->base_url);
      return NULL;
    }
  return g_strconcat (self->base_url, "/v1/chat/completions", NULL);
}

static char *
transcript_text (GPtrArray *sentences)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      LiaisonTranscriptSentence *sentence = g_ptr_array_index (sentences, i);
      const char *speaker = liaison_transcript_sentence_get_speaker (sentence);
      int channel = liaison_transcript_sentence_get_channel (sentence);
      g_autofree char *line = g_utf8_make_valid (liaison_transcript_sentence_get_text (sentence), -1);

      g_strstrip (line);
      /* One sentence per line. */
      g_strdelimit (line, "\r\n", ' ');
      if (*line == '\0')
        continue;
      if (speaker != NULL && *speaker != '\0')
        {
          g_autofree char *valid = g_utf8_make_valid (speaker, -1);
          gunichar first = g_utf8_get_char (valid);

          g_string_append_unichar (text, g_unichar_totitle (first));
          g_string_append (text, g_utf8_next_char (valid));
          g_string_append (text, ": ");
        }
      else if (channel > 0)
        g_string_append_printf (text, "Channel %d: ", channel);
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

char *
liaison_summary_endpoint_build_request_body (LiaisonSummaryEndpoint  *self,
                                             GPtrArray               *sentences,
                                             GError                 **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self), NULL);
  g_return_val_if_fail (sentences != NULL, NULL);

  text = transcript_text (sentences);
  if (text == NULL)
    {
      g_set_error_literal (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_EMPTY_TRANSCRIPT,
                           _("The transcript is empty: there is nothing to summarize."));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "temperature");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "system");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, instruction);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ------------------------------------------------------------------------ */
/* Answers */

static LiaisonCallSummary *
invalid_response (GError     **error,
                  const char  *why)
{
  /* Translators: %s says what was wrong with the answer. */
  g_set_error (error, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_RESPONSE,
               _("The model server’s answer could not be used: %s"), why);
  return NULL;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Adds each string of the array member @name; FALSE if it is not an array
 * of strings (a missing or null member is empty). */
static gboolean
add_strings (JsonObject         *object,
             const char         *name,
             LiaisonCallSummary *summary,
             int                 what)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *text = NULL;

      if (!is_string (element))
        return FALSE;
      text = g_strstrip (g_strdup (json_node_get_string (element)));
      if (*text == '\0')
        continue;
      if (what < 0)
        liaison_call_summary_add_action_item (summary, text);
      else if (what == 3)
        liaison_call_summary_add_flag (summary, text, -1);
      else
        liaison_call_summary_add_mention (summary, (LiaisonMentionKind) what, text, -1);
    }
  return TRUE;
}

/* The message content without a Markdown code fence around it. */
static char *
unfence (const char *content)
{
  g_autofree char *text = g_strstrip (g_strdup (content));
  const char *start;
  char *end;

  if (!g_str_has_prefix (text, "```"))
    return g_steal_pointer (&text);
  start = strchr (text, '\n');
  if (start == NULL)
    return g_steal_pointer (&text);
  start++;
  end = g_strrstr (start, "```");
  if (end == NULL)
    return g_steal_pointer (&text);
  return g_strstrip (g_strndup (start, end - start));
}

LiaisonCallSummary *
liaison_summary_endpoint_parse_response (const char  *body,
                                         gsize        length,
                                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) inner = json_parser_new ();
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autofree char *content = NULL;
  JsonObject *root;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (body == NULL || length == 0 || length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, body, (gssize) length, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return invalid_response (error, _("it is not JSON."));
  root = json_node_get_object (json_parser_get_root (parser));

  node = member (root, "choices");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), 0)))
    return invalid_response (error, _("it has no choices."));
  object = json_node_get_object (json_array_get_element (json_node_get_array (node), 0));
  node = member (object, "message");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || !is_string (member (json_node_get_object (node), "content")))
    return invalid_response (error, _("its first choice has no message text."));

  content = unfence (json_node_get_string (member (json_node_get_object (node), "content")));
  if (!json_parser_load_from_data (inner, content, -1, NULL) || json_parser_get_root (inner) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (inner)))
    return invalid_response (error, _("the model did not answer with the JSON summary asked for."));
  object = json_node_get_object (json_parser_get_root (inner));

  summary = liaison_call_summary_new (LIAISON_SUMMARY_SOURCE_ENDPOINT);
  node = member (object, "headline");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !is_string (node))
    return invalid_response (error, _("“headline” is not text."));
  if (node != NULL && is_string (node))
    liaison_call_summary_set_headline (summary, json_node_get_string (node));
  node = member (object, "summary");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !is_string (node))
    return invalid_response (error, _("“summary” is not text."));
  if (node != NULL && is_string (node))
    liaison_call_summary_set_text (summary, json_node_get_string (node));

  if (!add_strings (object, "action_items", summary, -1))
    return invalid_response (error, _("“action_items” is not a list of texts."));
  if (!add_strings (object, "dates", summary, LIAISON_MENTION_DATE))
    return invalid_response (error, _("“dates” is not a list of texts."));
  if (!add_strings (object, "times", summary, LIAISON_MENTION_TIME))
    return invalid_response (error, _("“times” is not a list of texts."));
  if (!add_strings (object, "amounts", summary, LIAISON_MENTION_AMOUNT))
    return invalid_response (error, _("“amounts” is not a list of texts."));
  if (!add_strings (object, "compliance_flags", summary, 3))
    return invalid_response (error, _("“compliance_flags” is not a list of texts."));

  if (*liaison_call_summary_get_headline (summary) == '\0' && *liaison_call_summary_get_text (summary) == '\0')
    return invalid_response (error, _("it has neither a headline nor a summary."));
  return g_steal_pointer (&summary);
}

/* The "error.message" of an OpenAI-style error body, shortened; or NULL. */
static char *
server_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonNode *node;
  g_autofree char *valid = NULL;

  if (data == NULL || length == 0 || length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  node = member (json_node_get_object (json_parser_get_root (parser)), "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = member (json_node_get_object (node), "message");
  if (!is_string (node))
    return NULL;
  valid = g_utf8_make_valid (json_node_get_string (node), -1);
  if (g_utf8_strlen (valid, -1) > MAX_SERVER_MESSAGE)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_SERVER_MESSAGE);

      return g_strconcat (head, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* ------------------------------------------------------------------------ */

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCallSummary *summary;
  guint status;
  gsize length = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_TIMEOUT,
                                 _("The model server did not answer in time."));
      else
        g_task_return_new_error (task, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_NETWORK,
                                 _("Could not reach the model server: %s"), error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_task_return_new_error (task, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_UNAUTHORIZED,
                               _("The model server refused the API key (HTTP %u). Check the key in Preferences."),
                               status);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *message = server_message (body);

      if (message != NULL)
        g_task_return_new_error (task, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_HTTP,
                                 _("The model server answered with an error (HTTP %u): %s"), status, message);
      else
        g_task_return_new_error (task, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_HTTP,
                                 _("The model server answered with an error (HTTP %u)."), status);
      return;
    }

  data = g_bytes_get_data (body, &length);
  summary = liaison_summary_endpoint_parse_response (data, length, &error);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, g_object_unref);
}

void
liaison_summary_endpoint_summarize_async (LiaisonSummaryEndpoint *self,
                                          GPtrArray              *sentences,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;
  char *body;

  g_return_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self));
  g_return_if_fail (sentences != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_summary_endpoint_summarize_async);

  url = liaison_summary_endpoint_dup_url (self, &error);
  if (url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  body = liaison_summary_endpoint_build_request_body (self, sentences, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bytes = g_bytes_new_take (body, strlen (body));

  msg = soup_message_new (SOUP_METHOD_POST, url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LIAISON_SUMMARY_ENDPOINT_ERROR, LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_URL,
                               _("“%s” is not the address of a model server (it should look like https://host:port)."),
                               self->base_url);
      return;
    }
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (self->api_key != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
      explicit_bzero (authorization, strlen (authorization));
    }
  g_task_set_task_data (task, g_object_ref (msg), g_object_unref);

  /* The URL is configuration, not a secret; the key and the text are never logged. */
  g_debug ("Summarizing %u sentences with %s (model %s)", sentences->len, url, self->model);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, send_cb,
                                    g_steal_pointer (&task));
}

LiaisonCallSummary *
liaison_summary_endpoint_summarize_finish (LiaisonSummaryEndpoint  *self,
                                           GAsyncResult            *result,
                                           GError                 **error)
{
  g_return_val_if_fail (LIAISON_IS_SUMMARY_ENDPOINT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_summary_endpoint_summarize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
