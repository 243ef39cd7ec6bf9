/* test-sim-messages.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sim-messages"

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-webhook-signature.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* liaison-sim's Messages resource and control API, driven over real HTTP with
 * a plain SoupSession; webhooks land on a SoupServer in this process. */

#define TWILIO_NUMBER "+15005550006"
#define CUSTOMER      "+15551230000"

typedef struct {
  char  *path;
  char  *signature;
  char  *idempotency_token;
  char  *user_agent;
  char  *content_type;
  GStrv  params;   /* names and values, in the order received */
} Received;

typedef struct {
  LiaisonTestSim *sim;
  SoupSession    *session;
  SoupServer     *receiver;
  char           *receiver_url;   /* "http://127.0.0.1:PORT" */
  GPtrArray      *received;       /* Received */
  char           *base;           /* sim URL + /2010-04-01/Accounts/AC… */
} Fixture;

static void
received_free (Received *received)
{
  g_free (received->path);
  g_free (received->signature);
  g_free (received->idempotency_token);
  g_free (received->user_agent);
  g_free (received->content_type);
  g_strfreev (received->params);
  g_free (received);
}

static GStrv
decode_form (const char *data,
             gsize       length)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) items = g_strsplit (copy, "&", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *eq;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*items[i] == '\0')
        continue;
      g_strdelimit (items[i], "+", ' ');
      eq = strchr (items[i], '=');
      g_assert_nonnull (eq);
      *eq = '\0';
      name = g_uri_unescape_string (items[i], NULL);
      value = g_uri_unescape_string (eq + 1, NULL);
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static const char *
param (GStrv       params,
       const char *name)
{
  for (guint i = 0; params[i] != NULL; i += 2)
    if (g_str_equal (params[i], name))
      return params[i + 1];
  return NULL;
}

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Received *received = g_new0 (Received, 1);
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  received->path = g_strdup (path);
  received->signature = g_strdup (soup_message_headers_get_one (headers, "X-Twilio-Signature"));
  received->idempotency_token = g_strdup (soup_message_headers_get_one (headers, "I-Twilio-Idempotency-Token"));
  received->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  received->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  received->params = decode_form (data != NULL ? data : "", length);
  g_ptr_array_add (fixture->received, received);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC, "<Response/>", 11);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  fixture->receiver = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->receiver, NULL, receiver_cb, fixture, NULL);
  soup_server_listen_local (fixture->receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->receiver);
  g_assert_nonnull (uris);
  fixture->receiver_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->sim = liaison_test_sim_start (NULL);
  fixture->session = soup_session_new ();
  fixture->base = g_strdup_printf ("%s/2010-04-01/Accounts/%s", fixture->sim->url, fixture->sim->account_sid);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  soup_server_disconnect (fixture->receiver);
  g_clear_object (&fixture->receiver);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->received, g_ptr_array_unref);
  g_clear_pointer (&fixture->receiver_url, g_free);
  g_clear_pointer (&fixture->base, g_free);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
}

/* One request; returns the HTTP status (0 on a transport error) and the
 * parsed JSON body, if any. The main context keeps running meanwhile so that
 * the receiver can answer the simulator's webhooks. */
static guint
request_full (Fixture      *fixture,
              const char   *method,
              const char   *url,
              gboolean      auth,
              const char   *form,
              JsonNode    **out_json,
              SoupMessage **out_message)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (auth)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", fixture->sim->account_sid, fixture->sim->auth_token);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
    }
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    }

  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                    liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  body = soup_session_send_and_read_finish (fixture->session, result, &error);

  if (out_message != NULL)
    *out_message = g_object_ref (message);
  if (error != NULL)
    return 0;

  if (out_json != NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (body, &length);

      *out_json = NULL;
      if (length > 0)
        {
          g_autofree char *text = g_strndup (data, length);

          *out_json = json_from_string (text, &error);
          g_assert_no_error (error);
        }
    }

  return soup_message_get_status (message);
}

static guint
rest (Fixture     *fixture,
      const char  *method,
      const char  *path,
      const char  *form,
      JsonNode   **out_json)
{
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);

  return request_full (fixture, method, url, TRUE, form, out_json, NULL);
}

static guint
control (Fixture     *fixture,
         const char  *method,
         const char  *path,
         const char  *form,
         JsonNode   **out_json)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);

  return request_full (fixture, method, url, FALSE, form, out_json, NULL);
}

static char *
create_form (const char *to,
             const char *body,
             const char *status_callback)
{
  g_autofree char *to_escaped = g_uri_escape_string (to, NULL, FALSE);
  g_autofree char *body_escaped = g_uri_escape_string (body, NULL, FALSE);
  g_autofree char *callback_escaped = status_callback != NULL ? g_uri_escape_string (status_callback, NULL, FALSE) : NULL;

  return g_strdup_printf ("To=%s&From=%%2B15005550006&Body=%s%s%s", to_escaped, body_escaped,
                          status_callback != NULL ? "&StatusCallback=" : "",
                          status_callback != NULL ? callback_escaped : "");
}

/* Creates a message and returns its SID. */
static char *
create (Fixture    *fixture,
        const char *to,
        const char *body,
        const char *status_callback)
{
  g_autofree char *form = create_form (to, body, status_callback);
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", form, &json), ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (json), "sid"));
}

static void
assert_error (JsonNode *json,
              gint      code,
              guint     status)
{
  JsonObject *object = json_node_get_object (json);
  g_autofree char *more_info = g_strdup_printf ("https://www.twilio.com/docs/errors/%d", code);

  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (object, "more_info"), ==, more_info);
  g_assert_nonnull (json_object_get_string_member (object, "message"));
}

static void
assert_create_error (Fixture    *fixture,
                     const char *form,
                     gint        code)
{
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", form, &json), ==, 400);
  assert_error (json, code, 400);
}

static void
advance (Fixture *fixture,
         guint    seconds)
{
  g_autofree char *form = g_strdup_printf ("seconds=%u", seconds);
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (control (fixture, "POST", "/_sim/clock/advance", form, &json), ==, 200);
}

static gboolean
is_rfc2822 (const char *text)
{
  return text != NULL
         && g_regex_match_simple ("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} "
                                  "[0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000$", text, 0, 0);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) service_json = NULL;
  g_autoptr(JsonNode) long_json = NULL;
  g_autoptr(JsonNode) emoji_json = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *media_uri = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *long_form = NULL;
  g_autofree char *emoji_form = NULL;
  JsonObject *object;
  const char *sid;

  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json",
                          "To=%2B15551234567&From=%2B15005550006&Body=Hello%21+%F0%9F%91%8D", &json), ==, 201);
  object = json_node_get_object (json);
  sid = json_object_get_string_member (object, "sid");
  g_assert_true (g_regex_match_simple ("^SM[0-9a-f]{32}$", sid, 0, 0));
  g_assert_cmpstr (json_object_get_string_member (object, "account_sid"), ==, fixture->sim->account_sid);
  g_assert_cmpstr (json_object_get_string_member (object, "api_version"), ==, "2010-04-01");
  g_assert_cmpstr (json_object_get_string_member (object, "body"), ==, "Hello! 👍");
  g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "+15551234567");
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "+15005550006");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (object, "direction"), ==, "outbound-api");
  g_assert_cmpstr (json_object_get_string_member (object, "num_segments"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (object, "num_media"), ==, "0");
  g_assert_true (is_rfc2822 (json_object_get_string_member (object, "date_created")));
  g_assert_true (is_rfc2822 (json_object_get_string_member (object, "date_updated")));
  g_assert_true (json_object_get_null_member (object, "date_sent"));
  g_assert_true (json_object_get_null_member (object, "price"));
  g_assert_true (json_object_get_null_member (object, "error_code"));
  g_assert_true (json_object_get_null_member (object, "error_message"));
  g_assert_true (json_object_get_null_member (object, "messaging_service_sid"));
  uri = g_strdup_printf ("/2010-04-01/Accounts/%s/Messages/%s.json", fixture->sim->account_sid, sid);
  media_uri = g_strdup_printf ("/2010-04-01/Accounts/%s/Messages/%s/Media.json", fixture->sim->account_sid, sid);
  g_assert_cmpstr (json_object_get_string_member (object, "uri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "subresource_uris"),
                                                  "media"), ==, media_uri);

  /* With a Messaging Service: accepted, no From. */
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json",
                          "To=%2B15551234567&MessagingServiceSid=MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Body=Hi",
                          &service_json), ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (service_json), "status"), ==, "accepted");
  g_assert_true (json_object_get_null_member (json_node_get_object (service_json), "from"));

  /* Segments (§2.7): 161 GSM-7 digits are 2, an emoji + 69 digits are 2. */
  digits = g_strnfill (161, '7');
  long_form = create_form ("+15551234567", digits, NULL);
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", long_form, &long_json), ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (long_json), "num_segments"), ==, "2");
  digits[69] = '\0';
  emoji_form = g_strdup_printf ("To=%%2B15551234567&From=%%2B15005550006&Body=%%F0%%9F%%98%%9C%s", digits);
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", emoji_form, &emoji_json), ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (emoji_json), "num_segments"), ==, "2");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *url = g_strconcat (fixture->base, "/Messages.json", NULL);
  static const struct {
    const char *form;
    gint        code;
  } cases[] = {
    { "From=%2B15005550006&Body=Hi", 21604 },
    { "To=%2B15551234567&Body=Hi", 21603 },
    { "To=%2B15551234567&From=%2B15005550006", 21602 },
    { "To=12345&From=%2B15005550006&Body=Hi", 21211 },
    { "To=%2B15005550001&From=%2B15005550006&Body=Hi", 21211 },
    { "To=%2B15005550002&From=%2B15005550006&Body=Hi", 21612 },
    { "To=%2B15005550003&From=%2B15005550006&Body=Hi", 21408 },
    { "To=%2B15005550004&From=%2B15005550006&Body=Hi", 21610 },
    { "To=%2B15005550009&From=%2B15005550006&Body=Hi", 21614 },
    { "To=%2B15551234567&From=%2B15005550001&Body=Hi", 21212 },
    { "To=%2B15551234567&From=%2B15005550007&Body=Hi", 21606 },
    { "To=%2B15551234567&From=%2B15005550008&Body=Hi", 21611 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_create_error (fixture, cases[i].form, cases[i].code);

  /* Garbage in the form: an error or a message, never a crash. */
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", "%%%&=&==&To", NULL), ==, 400);

  /* Wrong token: 401 with 20003. */
  g_free (fixture->sim->auth_token);
  fixture->sim->auth_token = g_strdup ("00000000000000000000000000000000");
  g_assert_cmpuint (request_full (fixture, "POST", url, TRUE, "To=%2B15551234567&From=%2B15005550006&Body=Hi",
                                  &json, NULL), ==, 401);
  assert_error (json, 20003, 401);
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (request_full (fixture, "GET", url, FALSE, NULL, &json, NULL), ==, 401);
  assert_error (json, 20003, 401);
}

static void
test_list_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *next = g_strdup ("/Messages.json?PageSize=3");
  g_autofree char *second_page = NULL;
  guint n_pages = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *body = g_strdup_printf ("number %u", i);

      g_ptr_array_add (sids, create (fixture, i % 2 == 0 ? "+15551110000" : "+15552220000", body, NULL));
    }
  /* An inbound message from elsewhere is listed too; the filters drop it. */

  while (next != NULL)
    {
      g_autoptr(JsonNode) json = NULL;
      JsonObject *object;
      JsonArray *messages;
      const char *next_uri;
      g_autofree char *prefix = g_strdup_printf ("/2010-04-01/Accounts/%s", fixture->sim->account_sid);

      g_assert_cmpuint (rest (fixture, "GET", next, NULL, &json), ==, 200);
      object = json_node_get_object (json);
      messages = json_object_get_array_member (object, "messages");
      g_assert_cmpint (json_object_get_int_member (object, "page"), ==, n_pages);
      g_assert_cmpint (json_object_get_int_member (object, "page_size"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (object, "start"), ==, n_pages * 3);
      g_assert_cmpint (json_object_get_int_member (object, "end"), ==, n_pages * 3 + json_array_get_length (messages) - 1);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "uri"), prefix));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "first_page_uri"), prefix));
      if (n_pages == 0)
        g_assert_true (json_object_get_null_member (object, "previous_page_uri"));
      else
        g_assert_nonnull (json_object_get_string_member (object, "previous_page_uri"));

      for (guint i = 0; i < json_array_get_length (messages); i++)
        g_ptr_array_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (messages, i), "sid")));

      n_pages++;
      g_clear_pointer (&next, g_free);
      next_uri = json_object_get_null_member (object, "next_page_uri")
                 ? NULL : json_object_get_string_member (object, "next_page_uri");
      if (next_uri != NULL)
        {
          g_assert_true (g_str_has_prefix (next_uri, prefix));
          g_assert_nonnull (strstr (next_uri, "PageToken=PA"));
          next = g_strdup (next_uri + strlen (prefix));
          if (n_pages == 1)
            second_page = g_strdup (next);
        }
      g_assert_cmpuint (n_pages, <=, 3);
    }

  /* 3 + 3 + 1, newest first, each once. */
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (seen->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, g_ptr_array_index (sids, 6 - i));

  /* previous_page_uri of page 2 gives page 1 again. */
  {
    g_autoptr(JsonNode) json = NULL;
    g_autoptr(JsonNode) previous = NULL;
    g_autofree char *prefix = g_strdup_printf ("/2010-04-01/Accounts/%s", fixture->sim->account_sid);
    const char *previous_uri;
    JsonArray *messages;

    g_assert_cmpuint (rest (fixture, "GET", second_page, NULL, &json), ==, 200);
    previous_uri = json_object_get_string_member (json_node_get_object (json), "previous_page_uri");
    g_assert_nonnull (strstr (previous_uri, "PageToken=PB"));
    g_assert_cmpuint (rest (fixture, "GET", previous_uri + strlen (prefix), NULL, &previous), ==, 200);
    messages = json_object_get_array_member (json_node_get_object (previous), "messages");
    g_assert_cmpuint (json_array_get_length (messages), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, i), "sid"),
                       ==, g_ptr_array_index (sids, 6 - i));
  }

  /* Filters */
  {
    g_autoptr(JsonNode) to_json = NULL;
    g_autoptr(JsonNode) from_json = NULL;
    g_autoptr(JsonNode) future_json = NULL;
    g_autoptr(JsonNode) past_json = NULL;
    g_autoptr(JsonNode) bad_json = NULL;
    JsonObject *object;

    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?To=%2B15552220000", NULL, &to_json), ==, 200);
    object = json_node_get_object (to_json);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "messages")), ==, 3);
    g_assert_nonnull (strstr (json_object_get_string_member (object, "uri"), "To=%2B15552220000"));
    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?From=%2B15005550007", NULL, &from_json), ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (from_json), "messages")), ==, 0);

    /* Only sent messages have a date_sent. */
    advance (fixture, 10);
    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?DateSent%3E=2000-01-01", NULL, &past_json), ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (past_json), "messages")), ==, 7);
    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?DateSent%3E=2999-01-01", NULL, &future_json), ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (future_json), "messages")), ==, 0);
    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?DateSent=yesterday", NULL, &bad_json), ==, 400);
  }
}

static void
test_fetch_redact_delete (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *sid = create (fixture, "+15551234567", "secret plans", NULL);
  g_autofree char *other = create (fixture, "+15551234567", "cancel me", NULL);
  g_autofree char *path = g_strdup_printf ("/Messages/%s.json", sid);
  g_autofree char *other_path = g_strdup_printf ("/Messages/%s.json", other);
  g_autofree char *media_path = g_strdup_printf ("/Messages/%s/Media.json", sid);
  g_autoptr(JsonNode) fetched = NULL;
  g_autoptr(JsonNode) early = NULL;
  g_autoptr(JsonNode) redacted = NULL;
  g_autoptr(JsonNode) canceled = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) media = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) deleted = NULL;

  g_assert_cmpuint (rest (fixture, "GET", path, NULL, &fetched), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fetched), "sid"), ==, sid);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fetched), "body"), ==, "secret plans");

  /* Cancel while queued; redaction waits for a final status. */
  g_assert_cmpuint (rest (fixture, "POST", other_path, "Status=canceled", &canceled), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (canceled), "status"), ==, "canceled");
  g_assert_cmpuint (rest (fixture, "POST", path, "Body=", &early), ==, 400);

  advance (fixture, 10);
  g_assert_cmpuint (rest (fixture, "GET", other_path, NULL, &after), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "status"), ==, "canceled");
  g_clear_pointer (&after, json_node_unref);
  g_assert_cmpuint (rest (fixture, "POST", other_path, "Status=canceled", &after), ==, 400);
  g_clear_pointer (&after, json_node_unref);

  g_assert_cmpuint (rest (fixture, "POST", path, "Body=", &redacted), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (redacted), "body"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (redacted), "status"), ==, "delivered");
  g_assert_cmpuint (rest (fixture, "POST", path, "Status=canceled", &after), ==, 400);

  g_assert_cmpuint (rest (fixture, "GET", media_path, NULL, &media), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (media), "media_list")), ==, 0);

  g_assert_cmpuint (rest (fixture, "DELETE", path, NULL, &deleted), ==, 204);
  g_assert_null (deleted);
  g_assert_cmpuint (rest (fixture, "GET", path, NULL, &missing), ==, 404);
  assert_error (missing, 20404, 404);
  g_assert_cmpuint (rest (fixture, "DELETE", path, NULL, NULL), ==, 404);
  g_assert_cmpuint (rest (fixture, "GET", "/Messages/SMnope.json", NULL, NULL), ==, 404);
}

static void
test_media (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) media = NULL;
  g_autofree char *media_path = NULL;
  JsonArray *list;
  const char *sid;

  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json",
                          "To=%2B15551234567&From=%2B15005550006&MediaUrl=https%3A%2F%2Fexample.com%2Fa.jpg"
                          "&MediaUrl=https%3A%2F%2Fexample.com%2Fb.png", &created), ==, 201);
  sid = json_object_get_string_member (json_node_get_object (created), "sid");
  g_assert_true (g_str_has_prefix (sid, "MM"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (created), "num_media"), ==, "2");

  media_path = g_strdup_printf ("/Messages/%s/Media.json", sid);
  g_assert_cmpuint (rest (fixture, "GET", media_path, NULL, &media), ==, 200);
  list = json_object_get_array_member (json_node_get_object (media), "media_list");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "content_type"), ==, "image/jpeg");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "parent_sid"), ==, sid);
}

static void
assert_signed (Fixture    *fixture,
               Received   *received)
{
  g_autofree char *url = g_strconcat (fixture->receiver_url, received->path, NULL);
  const char * const tokens[] = { fixture->sim->auth_token, NULL };
  const char * const wrong[] = { "00000000000000000000000000000000", NULL };
  g_autofree char *tampered_url = g_strconcat (url, "x", NULL);

  g_assert_nonnull (received->signature);
  g_assert_true (liaison_webhook_signature_validate (tokens, url, (const char * const *) received->params,
                                                     NULL, received->signature));
  g_assert_false (liaison_webhook_signature_validate (wrong, url, (const char * const *) received->params,
                                                      NULL, received->signature));
  g_assert_false (liaison_webhook_signature_validate (tokens, tampered_url, (const char * const *) received->params,
                                                      NULL, received->signature));
  g_assert_cmpstr (received->user_agent, ==, "TwilioProxy/1.1");
  g_assert_cmpstr (received->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_nonnull (received->idempotency_token);
  g_assert_cmpstr (received->idempotency_token, !=, "");
}

static void
test_callbacks (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *callback_url = g_strconcat (fixture->receiver_url, "/status", NULL);
  g_autofree char *sid = create (fixture, "+15551234567", "Hello", callback_url);
  g_autofree char *bad_sid = NULL;
  static const char * const expected[] = { "sending", "sent", "delivered" };

  /* Nothing is sent for the initial status, nor before the clock moves. */
  advance (fixture, 0);
  g_assert_cmpuint (fixture->received->len, ==, 0);

  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      Received *received = g_ptr_array_index (fixture->received, i);

      assert_signed (fixture, received);
      g_assert_cmpstr (received->path, ==, "/status");
      g_assert_cmpstr (param (received->params, "MessageSid"), ==, sid);
      g_assert_cmpstr (param (received->params, "SmsSid"), ==, sid);
      g_assert_cmpstr (param (received->params, "MessageStatus"), ==, expected[i]);
      g_assert_cmpstr (param (received->params, "SmsStatus"), ==, expected[i]);
      g_assert_cmpstr (param (received->params, "AccountSid"), ==, fixture->sim->account_sid);
      g_assert_cmpstr (param (received->params, "From"), ==, "+15005550006");
      g_assert_cmpstr (param (received->params, "To"), ==, "+15551234567");
      g_assert_cmpstr (param (received->params, "ApiVersion"), ==, "2010-04-01");
      g_assert_null (param (received->params, "ErrorCode"));
    }
  g_assert_nonnull (param (((Received *) g_ptr_array_index (fixture->received, 2))->params, "RawDlrDoneDate"));

  /* A later advance sends nothing more. */
  advance (fixture, 100);
  g_assert_cmpuint (fixture->received->len, ==, 3);

  /* The simulator's undeliverable recipient. */
  g_ptr_array_set_size (fixture->received, 0);
  bad_sid = create (fixture, "+15005550033", "Hello", callback_url);
  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 3);
  {
    Received *last = g_ptr_array_index (fixture->received, 2);
    g_autoptr(JsonNode) json = NULL;
    g_autofree char *path = g_strdup_printf ("/Messages/%s.json", bad_sid);

    assert_signed (fixture, last);
    g_assert_cmpstr (param (last->params, "MessageStatus"), ==, "undelivered");
    g_assert_cmpstr (param (last->params, "ErrorCode"), ==, "30003");
    g_assert_cmpuint (rest (fixture, "GET", path, NULL, &json), ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "error_code"), ==, 30003);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "status"), ==, "undelivered");
  }
}

static void
test_callback_faults (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *callback_url = g_strconcat (fixture->receiver_url, "/status", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gboolean in_order = TRUE;

  /* duplicate: each callback twice, with the same idempotency token. */
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "callbacks=duplicate", NULL), ==, 200);
  first = create (fixture, "+15551234567", "one", callback_url);
  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 6);
  for (guint i = 0; i < 6; i += 2)
    {
      Received *a = g_ptr_array_index (fixture->received, i);
      Received *b = g_ptr_array_index (fixture->received, i + 1);

      assert_signed (fixture, a);
      assert_signed (fixture, b);
      g_assert_cmpstr (a->idempotency_token, ==, b->idempotency_token);
      g_assert_cmpstr (param (a->params, "MessageStatus"), ==, param (b->params, "MessageStatus"));
    }
  g_assert_cmpstr (((Received *) g_ptr_array_index (fixture->received, 0))->idempotency_token, !=,
                   ((Received *) g_ptr_array_index (fixture->received, 2))->idempotency_token);

  /* drop: none arrive. */
  g_ptr_array_set_size (fixture->received, 0);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "callbacks=drop", NULL), ==, 200);
  second = create (fixture, "+15551234567", "two", callback_url);
  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 0);

  /* reorder: all three arrive, not in their natural order. */
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "callbacks=reorder", NULL), ==, 200);
  third = create (fixture, "+15551234567", "three", callback_url);
  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const natural[] = { "sending", "sent", "delivered" };
      Received *received = g_ptr_array_index (fixture->received, i);

      assert_signed (fixture, received);
      g_assert_cmpstr (param (received->params, "MessageSid"), ==, third);
      in_order &= g_str_equal (param (received->params, "MessageStatus"), natural[i]);
    }
  g_assert_false (in_order);

  /* cleared: back to normal. */
  g_ptr_array_set_size (fixture->received, 0);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults/clear", "", NULL), ==, 200);
  g_clear_pointer (&first, g_free);
  first = create (fixture, "+15551234567", "four", callback_url);
  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 3);
}

static guint
count_creates (Fixture *fixture)
{
  g_autoptr(JsonNode) json = NULL;
  JsonArray *requests;
  guint n = 0;

  g_assert_cmpuint (control (fixture, "GET", "/_sim/requests", NULL, &json), ==, 200);
  requests = json_node_get_array (json);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      if (g_str_equal (json_object_get_string_member (request, "method"), "POST")
          && g_str_has_suffix (json_object_get_string_member (request, "path"), "/Messages.json")
          && json_object_get_int_member (request, "status") == 201)
        n++;
    }
  return n;
}

static void
test_rest_faults (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "/Messages.json", NULL);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(SoupMessage) dropped = NULL;
  g_autoptr(JsonNode) list = NULL;
  const char *form = "To=%2B15551234567&From=%2B15005550006&Body=Hi";

  /* 429 once, with Retry-After; the next attempt goes through. */
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults",
                             "path=/Messages%5C.json%24&method=POST&status=429&code=20429&retry_after=3&count=1",
                             NULL), ==, 200);
  g_assert_cmpuint (request_full (fixture, "POST", url, TRUE, form, &json, &message), ==, 429);
  assert_error (json, 20429, 429);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After"), ==, "3");
  g_assert_cmpuint (count_creates (fixture), ==, 0);
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", form, NULL), ==, 201);
  g_assert_cmpuint (count_creates (fixture), ==, 1);

  /* drop-response: processed, but the connection closes unanswered. */
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults",
                             "path=/Messages%5C.json%24&method=POST&mode=drop-response&count=1", NULL), ==, 200);
  g_assert_cmpuint (request_full (fixture, "POST", url, TRUE, form, NULL, &dropped), ==, 0);
  g_assert_cmpuint (count_creates (fixture), ==, 2);
  g_assert_cmpuint (rest (fixture, "GET", "/Messages.json", NULL, &list), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (list), "messages")), ==, 2);
}

static Received *
inject (Fixture    *fixture,
        const char *body)
{
  g_autofree char *escaped = g_uri_escape_string (body, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("From=%%2B15551230000&To=%%2B15005550006&Body=%s", escaped);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;
  Received *received;

  g_ptr_array_set_size (fixture->received, 0);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/inbound/sms", form, &json), ==, 200);
  object = json_node_get_object (json);
  g_assert_cmpint (json_object_get_int_member (object, "webhook_status"), ==, 200);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  received = g_ptr_array_index (fixture->received, 0);
  assert_signed (fixture, received);
  g_assert_cmpstr (received->path, ==, "/sms");
  g_assert_cmpstr (param (received->params, "MessageSid"), ==, json_object_get_string_member (object, "sid"));
  g_assert_cmpstr (param (received->params, "SmsMessageSid"), ==, json_object_get_string_member (object, "sid"));
  g_assert_cmpstr (param (received->params, "Body"), ==, body);
  g_assert_cmpstr (param (received->params, "From"), ==, CUSTOMER);
  g_assert_cmpstr (param (received->params, "To"), ==, TWILIO_NUMBER);
  g_assert_cmpstr (param (received->params, "SmsStatus"), ==, "received");
  g_assert_cmpstr (param (received->params, "NumMedia"), ==, "0");
  g_assert_cmpstr (param (received->params, "NumSegments"), ==, "1");
  g_assert_cmpstr (param (received->params, "AccountSid"), ==, fixture->sim->account_sid);

  return received;
}

static const char *
newest_body_to_customer (Fixture *fixture)
{
  static char *body = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonArray *messages;
  JsonObject *newest;

  g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?To=%2B15551230000&PageSize=1", NULL, &json), ==, 200);
  messages = json_object_get_array_member (json_node_get_object (json), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  newest = json_array_get_object_element (messages, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "direction"), ==, "outbound-reply");
  g_free (body);
  body = g_strdup (json_object_get_string_member (newest, "body"));
  return body;
}

static void
test_inbound_opt_out (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sms_url = g_strconcat (fixture->receiver_url, "/sms", NULL);
  g_autofree char *escaped = g_uri_escape_string (sms_url, NULL, FALSE);
  g_autofree char *number_form = g_strdup_printf ("PhoneNumber=%%2B15005550006&SmsUrl=%s", escaped);
  g_autoptr(JsonNode) blocked = NULL;
  Received *received;
  const char *send = "To=%2B15551230000&From=%2B15005550006&Body=Hi";

  g_assert_cmpuint (control (fixture, "POST", "/_sim/numbers", number_form, NULL), ==, 200);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/inbound/sms",
                             "From=%2B15551230000&To=%2B15009999999&Body=x", NULL), ==, 404);

  /* MMS: media parameters per item. */
  g_ptr_array_set_size (fixture->received, 0);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/inbound/sms",
                             "From=%2B15551230000&To=%2B15005550006&Body=&MediaUrl=https%3A%2F%2Fexample.com%2Fa.png"
                             "&MediaUrl=https%3A%2F%2Fexample.com%2Fb.JPG", NULL), ==, 200);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  received = g_ptr_array_index (fixture->received, 0);
  assert_signed (fixture, received);
  g_assert_cmpstr (param (received->params, "NumMedia"), ==, "2");
  g_assert_cmpstr (param (received->params, "MediaUrl0"), ==, "https://example.com/a.png");
  g_assert_cmpstr (param (received->params, "MediaContentType0"), ==, "image/png");
  g_assert_cmpstr (param (received->params, "MediaUrl1"), ==, "https://example.com/b.JPG");
  g_assert_cmpstr (param (received->params, "MediaContentType1"), ==, "image/jpeg");
  g_assert_true (g_str_has_prefix (param (received->params, "MessageSid"), "MM"));

  received = inject (fixture, "Hello there");
  g_assert_null (param (received->params, "OptOutType"));
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", send, NULL), ==, 201);

  /* "STOP PLEASE" is not a keyword; " stop " is. */
  received = inject (fixture, "STOP PLEASE");
  g_assert_null (param (received->params, "OptOutType"));
  received = inject (fixture, "stop");
  g_assert_cmpstr (param (received->params, "OptOutType"), ==, "STOP");
  g_assert_true (g_str_has_prefix (newest_body_to_customer (fixture), "You have successfully been unsubscribed."));
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", send, &blocked), ==, 400);
  assert_error (blocked, 21610, 400);
  /* Only that pair: another recipient still works. */
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json",
                          "To=%2B15551239999&From=%2B15005550006&Body=Hi", NULL), ==, 201);

  received = inject (fixture, "HELP");
  g_assert_cmpstr (param (received->params, "OptOutType"), ==, "HELP");
  g_assert_cmpstr (newest_body_to_customer (fixture), ==, "Reply STOP to unsubscribe. Msg&Data Rates May Apply.");
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", send, NULL), ==, 400);

  received = inject (fixture, "Unstop");
  g_assert_cmpstr (param (received->params, "OptOutType"), ==, "START");
  g_assert_true (g_str_has_prefix (newest_body_to_customer (fixture), "You have successfully been re-subscribed"));
  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", send, NULL), ==, 201);
}

/* The number's StatusCallback when the message has none; unreachable
 * webhook targets are logged by the simulator, never fatal; latency. */
static void
test_callback_targets (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *status_url = g_strconcat (fixture->receiver_url, "/number-status", NULL);
  g_autofree char *escaped = g_uri_escape_string (status_url, NULL, FALSE);
  g_autofree char *number_form = g_strdup_printf ("PhoneNumber=%%2B15005550006&StatusCallback=%s&SmsUrl=%s",
                                                  escaped, "http%3A%2F%2F127.0.0.1%3A1%2Fsms");
  g_autofree char *sid = NULL;
  g_autofree char *dead_sid = NULL;
  g_autoptr(JsonNode) inbound = NULL;
  g_autoptr(JsonNode) slow = NULL;

  g_assert_cmpuint (control (fixture, "POST", "/_sim/numbers", number_form, NULL), ==, 200);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/numbers", "PhoneNumber=555", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/nothing", "", NULL), ==, 404);
  g_assert_cmpuint (control (fixture, "GET", "/_sim/numbers", NULL, NULL), ==, 405);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/clock/advance", "seconds=soon", NULL), ==, 400);

  sid = create (fixture, "+15551234567", "Hello", NULL);
  dead_sid = create (fixture, "+15551234568", "Hello", "http://127.0.0.1:1/status");
  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      Received *received = g_ptr_array_index (fixture->received, i);

      assert_signed (fixture, received);
      g_assert_cmpstr (received->path, ==, "/number-status");
      g_assert_cmpstr (param (received->params, "MessageSid"), ==, sid);
    }

  /* The SmsUrl does not answer: webhook_status 0, the message is kept. */
  g_assert_cmpuint (control (fixture, "POST", "/_sim/inbound/sms",
                             "From=%2B15551230000&To=%2B15005550006&Body=hi", &inbound), ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (inbound), "webhook_status"), ==, 0);
  {
    g_autofree char *path = g_strdup_printf ("/Messages/%s.json",
                                             json_object_get_string_member (json_node_get_object (inbound), "sid"));
    g_autoptr(JsonNode) fetched = NULL;

    g_assert_cmpuint (rest (fixture, "GET", path, NULL, &fetched), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fetched), "direction"), ==, "inbound");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fetched), "status"), ==, "received");
  }

  /* A latency fault delays without changing the answer. */
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults",
                             "path=Messages&method=GET&latency_ms=50&mode=respond&status=200&count=1", NULL), ==, 200);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "mode=sideways", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "path=%28", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "status=abc", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "status=100", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "count=-5", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "latency_ms=99999999999", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults", "callbacks=sometimes", NULL), ==, 400);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults/clear", "", NULL), ==, 200);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults",
                             "path=Messages&method=GET&latency_ms=50&mode=drop-response&count=0", NULL), ==, 200);
  g_assert_cmpuint (rest (fixture, "GET", "/Messages.json", NULL, NULL), ==, 0);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults/clear", "", NULL), ==, 200);
  g_assert_cmpuint (control (fixture, "POST", "/_sim/faults",
                             "path=Messages&method=GET&latency_ms=50&count=1", NULL), ==, 200);
  g_assert_cmpuint (rest (fixture, "GET", "/Messages.json", NULL, &slow), ==, 500);
  assert_error (slow, 20500, 500);
}

/* --db keeps messages and opt-outs across restarts; --number registers a
 * number with its SmsUrl from the command line. */
static void
test_db_and_number_options (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *account = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  const char *token = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *db = g_build_filename (dir, "sim.sqlite", NULL);
  g_autofree char *account_arg = g_strdup_printf ("%s:%s", account, token);
  g_autofree char *number_arg = g_strdup_printf ("+15005550006:%s/sms", fixture->receiver_url);
  g_autofree char *sid = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) json = NULL;
  Received *received;

  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);

  for (guint run = 0; run < 2; run++)
    {
      fixture->sim = liaison_test_sim_start ("--account", account_arg, "--db", db, "--number", number_arg, NULL);
      fixture->sim->account_sid = g_strdup (account);
      fixture->sim->auth_token = g_strdup (token);
      g_free (fixture->base);
      fixture->base = g_strdup_printf ("%s/2010-04-01/Accounts/%s", fixture->sim->url, account);

      if (run == 0)
        {
          sid = create (fixture, "+15551234567", "kept", NULL);
          path = g_strdup_printf ("/Messages/%s.json", sid);
          received = inject (fixture, "STOP");
          g_assert_cmpstr (param (received->params, "OptOutType"), ==, "STOP");
        }
      else
        {
          g_assert_cmpuint (rest (fixture, "GET", path, NULL, &json), ==, 200);
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "body"), ==, "kept");
          g_clear_pointer (&json, json_node_unref);
          g_assert_cmpuint (rest (fixture, "POST", "/Messages.json",
                                  "To=%2B15551230000&From=%2B15005550006&Body=Hi", &json), ==, 400);
          assert_error (json, 21610, 400);
          received = inject (fixture, "START");
          g_assert_cmpstr (param (received->params, "OptOutType"), ==, "START");
        }
      g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
    }

  /* Without --account a new account is made, and the stored one still
   * authenticates. */
  fixture->sim = liaison_test_sim_start ("--db", db, NULL);
  g_assert_cmpstr (fixture->sim->account_sid, !=, account);
  g_free (fixture->sim->account_sid);
  g_free (fixture->sim->auth_token);
  fixture->sim->account_sid = g_strdup (account);
  fixture->sim->auth_token = g_strdup (token);
  g_free (fixture->base);
  fixture->base = g_strdup_printf ("%s/2010-04-01/Accounts/%s", fixture->sim->url, account);
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (rest (fixture, "GET", path, NULL, &json), ==, 200);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);

  /* A bad --number is a usage error, not a crash. */
  {
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(GError) error = NULL;

    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                g_getenv ("LIAISON_SIM"), "--port", "0", "--number", "12345", NULL);
    g_assert_no_error (error);
    g_subprocess_wait (process, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (process));
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 64);
  }

  liaison_test_rmdir (dir);
}

/* Scheduled sends */

#define SERVICE "MGaaaa456789abcdef0123456789abcdef"

/* The simulated clock, in Unix seconds. */
static gint64
sim_clock (Fixture *fixture)
{
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (control (fixture, "POST", "/_sim/clock/advance", "seconds=0", &json), ==, 200);
  return json_object_get_int_member (json_node_get_object (json), "clock");
}

/* A create form for a scheduled send @ahead seconds after the simulated
 * clock; @extra is appended as is ("&ScheduleType=fixed" and the like). */
static char *
schedule_form (Fixture    *fixture,
               gint64      ahead,
               const char *sender,
               const char *status_callback,
               const char *extra)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (sim_clock (fixture) + ahead);
  g_autofree char *iso = g_date_time_format_iso8601 (when);
  g_autofree char *iso_escaped = g_uri_escape_string (iso, NULL, FALSE);
  g_autofree char *callback_escaped = status_callback != NULL ? g_uri_escape_string (status_callback, NULL, FALSE) : NULL;

  return g_strdup_printf ("To=%%2B15551234567&%s&Body=Happy%%20birthday&SendAt=%s%s%s%s",
                          sender, iso_escaped,
                          status_callback != NULL ? "&StatusCallback=" : "",
                          status_callback != NULL ? callback_escaped : "",
                          extra != NULL ? extra : "");
}

static char *
schedule (Fixture    *fixture,
          gint64      ahead,
          const char *status_callback)
{
  g_autofree char *form = schedule_form (fixture, ahead, "MessagingServiceSid=" SERVICE, status_callback,
                                         "&ScheduleType=fixed");
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  g_assert_cmpuint (rest (fixture, "POST", "/Messages.json", form, &json), ==, 201);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "scheduled");
  g_assert_cmpstr (json_object_get_string_member (object, "messaging_service_sid"), ==, SERVICE);
  g_assert_true (json_object_get_null_member (object, "date_sent"));
  return g_strdup (json_object_get_string_member (object, "sid"));
}

static const char *
fetch_status (Fixture    *fixture,
              const char *sid,
              JsonNode  **out_json)
{
  g_autofree char *path = g_strdup_printf ("/Messages/%s.json", sid);

  g_assert_cmpuint (rest (fixture, "GET", path, NULL, out_json), ==, 200);
  return json_object_get_string_member (json_node_get_object (*out_json), "status");
}

/* Scheduled at clock + 1 h: nothing happens before, queued at the time (the
 * first callback), then the usual progression. */
static void
test_schedule_fires (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *callback_url = g_strconcat (fixture->receiver_url, "/status", NULL);
  g_autofree char *sid = schedule (fixture, 3600, callback_url);
  static const char * const expected[] = { "queued", "sending", "sent", "delivered" };

  advance (fixture, 3599);
  {
    g_autoptr(JsonNode) json = NULL;

    g_assert_cmpstr (fetch_status (fixture, sid, &json), ==, "scheduled");
  }
  g_assert_cmpuint (fixture->received->len, ==, 0);

  advance (fixture, 1);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  {
    g_autoptr(JsonNode) json = NULL;

    g_assert_cmpstr (fetch_status (fixture, sid, &json), ==, "queued");
  }

  advance (fixture, 10);
  g_assert_cmpuint (fixture->received->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      Received *received = g_ptr_array_index (fixture->received, i);

      assert_signed (fixture, received);
      g_assert_cmpstr (param (received->params, "MessageSid"), ==, sid);
      g_assert_cmpstr (param (received->params, "MessageStatus"), ==, expected[i]);
      g_assert_cmpstr (param (received->params, "MessagingServiceSid"), ==, SERVICE);
    }
  {
    g_autoptr(JsonNode) json = NULL;

    g_assert_cmpstr (fetch_status (fixture, sid, &json), ==, "delivered");
    g_assert_false (json_object_get_null_member (json_node_get_object (json), "date_sent"));
  }
}

/* Canceled before its time: "canceled" with a callback, and never sent. */
static void
test_schedule_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *callback_url = g_strconcat (fixture->receiver_url, "/status", NULL);
  g_autofree char *sid = schedule (fixture, 7200, callback_url);
  g_autofree char *path = g_strdup_printf ("/Messages/%s.json", sid);
  g_autoptr(JsonNode) canceled = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) after = NULL;
  Received *received;

  advance (fixture, 600);
  g_assert_cmpuint (rest (fixture, "POST", path, "Status=canceled", &canceled), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (canceled), "status"), ==, "canceled");

  advance (fixture, 0);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  received = g_ptr_array_index (fixture->received, 0);
  assert_signed (fixture, received);
  g_assert_cmpstr (param (received->params, "MessageSid"), ==, sid);
  g_assert_cmpstr (param (received->params, "MessageStatus"), ==, "canceled");

  /* Past the time it was due: still canceled, nothing sent. */
  advance (fixture, 7200);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  g_assert_cmpstr (fetch_status (fixture, sid, &after), ==, "canceled");
  g_assert_true (json_object_get_null_member (json_node_get_object (after), "date_sent"));

  /* Once canceled, it cannot be canceled again. */
  g_assert_cmpuint (rest (fixture, "POST", path, "Status=canceled", &again), ==, 400);
}

static void
test_schedule_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    gint64      ahead;
    const char *sender;
    const char *extra;
    gint        code;
  } cases[] = {
    /* No Messaging Service. */
    { 3600, "From=%2B15005550006", "&ScheduleType=fixed", 35118 },
    /* Too soon, too late (the window is 900 s to 35 days, inclusive). */
    { 899, "MessagingServiceSid=" SERVICE, "&ScheduleType=fixed", 35114 },
    { 0, "MessagingServiceSid=" SERVICE, "&ScheduleType=fixed", 35114 },
    { -60, "MessagingServiceSid=" SERVICE, "&ScheduleType=fixed", 35114 },
    { 35 * 86400 + 1, "MessagingServiceSid=" SERVICE, "&ScheduleType=fixed", 35114 },
    /* ScheduleType other than fixed; SendAt without ScheduleType. */
    { 3600, "MessagingServiceSid=" SERVICE, "&ScheduleType=daily", 35126 },
    { 3600, "MessagingServiceSid=" SERVICE, NULL, 20001 },
  };
  g_autofree char *callback_url = g_strconcat (fixture->receiver_url, "/status", NULL);
  g_autofree char *edge_soon = NULL;
  g_autofree char *edge_late = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *form = schedule_form (fixture, cases[i].ahead, cases[i].sender, NULL, cases[i].extra);

      assert_create_error (fixture, form, cases[i].code);
    }
  assert_create_error (fixture, "To=%2B15551234567&MessagingServiceSid=" SERVICE "&Body=x&ScheduleType=fixed",
                       35111);
  assert_create_error (fixture, "To=%2B15551234567&MessagingServiceSid=" SERVICE "&Body=x&ScheduleType=fixed"
                       "&SendAt=next%20Tuesday", 35114);

  /* Nothing was stored. */
  {
    g_autoptr(JsonNode) json = NULL;

    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json", NULL, &json), ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "messages")),
                      ==, 0);
  }

  /* Both edges of the window are accepted. */
  edge_soon = schedule (fixture, 900, callback_url);
  edge_late = schedule (fixture, 35 * 86400, callback_url);
  advance (fixture, 900);
  {
    g_autoptr(JsonNode) soon = NULL;
    g_autoptr(JsonNode) late = NULL;

    g_assert_cmpstr (fetch_status (fixture, edge_soon, &soon), ==, "queued");
    g_assert_cmpstr (fetch_status (fixture, edge_late, &late), ==, "scheduled");
  }
}

/* Bodies with every kind of character come back intact from create, fetch
 * and list (the simulator writes its JSON by hand). */
static void
test_json_escaping (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char body[] = "He said \"call me\"\n\tC:\\Users\\x \x01\x1f\x7f é 👍 </script>";
  g_autofree char *sid = create (fixture, "+15551234567", body, NULL);
  g_autofree char *path = g_strdup_printf ("/Messages/%s.json", sid);
  g_autoptr(JsonNode) fetched = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonArray *messages;

  g_assert_cmpuint (rest (fixture, "GET", path, NULL, &fetched), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fetched), "body"), ==, body);
  g_assert_cmpuint (rest (fixture, "GET", "/Messages.json", NULL, &listed), ==, 200);
  messages = json_object_get_array_member (json_node_get_object (listed), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "body"), ==, body);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "sid"), ==, sid);
}

/* Seeding */

static void
assert_control_error (Fixture    *fixture,
                      const char *path,
                      const char *form)
{
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (control (fixture, "POST", path, form, &json), ==, 400);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "status"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "code"), >, 0);
}

static void
test_seed (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const bad[] = {
    "",
    "count=0",
    "count=1000001",
    "count=ten",
    "count=5&contacts=0",
    "count=5&days=-1",
    "count=5&inbound=101",
    "count=5&To=5551234",
    "count=5&To=%2B15551234567&contacts=3",
    "count=5&From=nobody",
    "count=5&AccountSid=ACaaaa9999999999999999999999999999",
  };
  g_autoptr(GHashTable) contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) seeded = NULL;
  g_autofree char *next = g_strdup ("/Messages.json?PageSize=100");
  g_autofree char *prefix = g_strdup_printf ("/2010-04-01/Accounts/%s", fixture->sim->account_sid);
  gint64 now = sim_clock (fixture);
  gint64 previous_date = G_MAXINT64;
  guint n_pages = 0, n_inbound = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_control_error (fixture, "/_sim/seed/messages", bad[i]);

  g_assert_cmpuint (control (fixture, "POST", "/_sim/seed/messages", "count=250&contacts=10&days=5", &seeded),
                    ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (seeded), "inserted"), ==, 250);

  /* Paged through, newest first, over five days, between ten contacts. */
  while (next != NULL)
    {
      g_autoptr(JsonNode) json = NULL;
      JsonObject *object;
      JsonArray *messages;

      g_assert_cmpuint (rest (fixture, "GET", next, NULL, &json), ==, 200);
      object = json_node_get_object (json);
      messages = json_object_get_array_member (object, "messages");
      for (guint i = 0; i < json_array_get_length (messages); i++)
        {
          JsonObject *message = json_array_get_object_element (messages, i);
          const char *direction = json_object_get_string_member (message, "direction");
          gboolean inbound = g_str_equal (direction, "inbound");
          g_autoptr(GDateTime) sent = soup_date_time_new_from_http_string (json_object_get_string_member (message, "date_sent"));
          gint64 date = g_date_time_to_unix (sent);

          g_assert_true (inbound || g_str_equal (direction, "outbound-api"));
          g_assert_cmpstr (json_object_get_string_member (message, "status"), ==, inbound ? "received" : "delivered");
          g_assert_cmpstr (json_object_get_string_member (message, inbound ? "to" : "from"), ==, "+15005550006");
          g_hash_table_add (contacts, g_strdup (json_object_get_string_member (message, inbound ? "from" : "to")));
          g_assert_true (g_hash_table_add (sids, g_strdup (json_object_get_string_member (message, "sid"))));
          g_assert_cmpint (date, <=, previous_date);
          g_assert_cmpint (date, <=, now);
          g_assert_cmpint (date, >=, now - 5 * 86400);
          previous_date = date;
          n_inbound += inbound;
        }
      n_pages++;
      g_clear_pointer (&next, g_free);
      if (!json_object_get_null_member (object, "next_page_uri"))
        next = g_strdup (json_object_get_string_member (object, "next_page_uri") + strlen (prefix));
      g_assert_cmpuint (n_pages, <=, 3);
    }
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (sids), ==, 250);
  g_assert_cmpuint (g_hash_table_size (contacts), ==, 10);
  g_assert_cmpuint (n_inbound, ==, 75);   /* 30 % by default */

  /* One contact, outbound only: the To filter finds exactly those. */
  {
    g_autoptr(JsonNode) more = NULL;
    g_autoptr(JsonNode) json = NULL;
    JsonArray *messages;

    g_assert_cmpuint (control (fixture, "POST", "/_sim/seed/messages",
                               "count=5&To=%2B15557654321&From=%2B15005550007&inbound=0&days=0", &more), ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (more), "inserted"), ==, 5);
    g_assert_cmpuint (rest (fixture, "GET", "/Messages.json?To=%2B15557654321", NULL, &json), ==, 200);
    messages = json_object_get_array_member (json_node_get_object (json), "messages");
    g_assert_cmpuint (json_array_get_length (messages), ==, 5);
    for (guint i = 0; i < 5; i++)
      {
        JsonObject *message = json_array_get_object_element (messages, i);

        g_assert_cmpstr (json_object_get_string_member (message, "from"), ==, "+15005550007");
        g_assert_cmpstr (json_object_get_string_member (message, "direction"), ==, "outbound-api");
      }
  }
}

static void
add (const char *name,
     void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *path = g_strconcat ("/Liaison/SimMessages/", name, NULL);

  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  add ("create", test_create);
  add ("errors", test_errors);
  add ("list-pages", test_list_pages);
  add ("fetch-redact-delete", test_fetch_redact_delete);
  add ("media", test_media);
  add ("callbacks", test_callbacks);
  add ("callback-faults", test_callback_faults);
  add ("rest-faults", test_rest_faults);
  add ("inbound-opt-out", test_inbound_opt_out);
  add ("callback-targets", test_callback_targets);
  add ("db-and-number-options", test_db_and_number_options);
  add ("schedule-fires", test_schedule_fires);
  add ("schedule-cancel", test_schedule_cancel);
  add ("schedule-errors", test_schedule_errors);
  add ("seed", test_seed);
  add ("json-escaping", test_json_escaping);

  return g_test_run ();
}
