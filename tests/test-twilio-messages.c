/* test-twilio-messages.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-clock.h"
#include "liaison-rate-limiter.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-message.h"
#include "liaison-twilio-page.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

#define ACCOUNT_A   "ACaaaa456789abcdef0123456789abcdef"
#define TOKEN_A     "5f4dcc3b5aa765d61d8327deb882cf99"
#define FROM_A      "+15005550006"
#define TO_A        "+14155550100"

/* Form encoding */

static void
test_form_encoding (void)
{
  static const char * const pairs[] = {
    "To", "+14155550100",
    "Body", "Hi & bye = 100% çа 👍",
    "MediaUrl", "https://example.com/a.jpg?x=1&y=2",
    "MediaUrl", "https://example.com/b.png",
    "DateSent>", "2026-11-24",
    "Empty", "",
    NULL,
  };
  static const char * const odd[] = { "Key", NULL };
  g_autofree char *encoded = liaison_twilio_encode_form (pairs);
  g_autofree char *none = liaison_twilio_encode_form (NULL);
  g_autofree char *dangling = liaison_twilio_encode_form (odd);
  g_auto(GStrv) parts = NULL;

  g_assert_cmpstr (encoded, ==,
                   "To=%2B14155550100"
                   "&Body=Hi%20%26%20bye%20%3D%20100%25%20%C3%A7%D0%B0%20%F0%9F%91%8D"
                   "&MediaUrl=https%3A%2F%2Fexample.com%2Fa.jpg%3Fx%3D1%26y%3D2"
                   "&MediaUrl=https%3A%2F%2Fexample.com%2Fb.png"
                   "&DateSent%3E=2026-11-24"
                   "&Empty=");
  /* The repeated key survives as two fields. */
  parts = g_strsplit (encoded, "&", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 6);
  g_assert_true (g_str_has_prefix (parts[2], "MediaUrl="));
  g_assert_true (g_str_has_prefix (parts[3], "MediaUrl="));
  /* Round trip through a standard decoder. */
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *value = NULL;

      g_assert_nonnull (eq);
      value = g_uri_unescape_string (eq + 1, NULL);
      g_assert_cmpstr (value, ==, pairs[2 * i + 1]);
    }

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (dangling, ==, "");
}

/* RFC 2822 dates */

static void
assert_date (const char *text,
             gint64      unix_time,
             gint        offset_minutes)
{
  g_autoptr(GDateTime) date = liaison_twilio_parse_rfc2822_date (text);

  g_test_message ("parsing “%s”", text);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, unix_time);
  g_assert_cmpint (g_date_time_get_utc_offset (date) / G_USEC_PER_SEC, ==, offset_minutes * 60);
}

static void
test_rfc2822 (void)
{
  static const char * const bad[] = {
    "", " ", "garbage", "Thu, 24 Aug 2023", "Thu, 24 Aug 2023 05:01:45",
    "Thu 24 Aug 2023 05:01:45 +0000",            /* weekday without comma */
    "Thx, 24 Aug 2023 05:01:45 +0000",           /* unknown weekday */
    "Thu, 24 Agu 2023 05:01:45 +0000",           /* unknown month */
    "Thu, 32 Aug 2023 05:01:45 +0000",
    "Thu, 31 Feb 2023 05:01:45 +0000",           /* no such day */
    "Thu, 24 Aug 23 05:01:45 +0000",             /* two-digit year */
    "Thu, 24 Aug 2023 24:00:00 +0000",
    "Thu, 24 Aug 2023 05:60:00 +0000",
    "Thu, 24 Aug 2023 05:01:61 +0000",
    "Thu, 24 Aug 2023 5:01:45 +0000",
    "Thu, 24 Aug 2023 05:01:45 +000",            /* short zone */
    "Thu, 24 Aug 2023 05:01:45 +2400",
    "Thu, 24 Aug 2023 05:01:45 +0060",
    "Thu, 24 Aug 2023 05:01:45 XYZ",
    "Thu, 24 Aug 2023 05:01:45 +0000 trailing",
    "Thu, 24 Aug 2023 05:01:45 +00001",
    "Thu, 123 Aug 2023 05:01:45 +0000",
    "Thu, 24 Aug 20233 05:01:45 +0000",
    "2023-08-24T05:01:45Z",                      /* ISO 8601 is not RFC 2822 */
    "Thu, 24 Aug 2023 05:01:45 +0000\n",
    "Thu, 24 Aug 2023 05:01:45\x01+0000",
    "Thu, 24 Aug 1899 05:01:45 +0000",
  };

  /* Twilio's own form */
  assert_date ("Thu, 24 Aug 2023 05:01:45 +0000", 1692853305, 0);
  /* Offsets, named zones, no weekday, no seconds, one-digit day, case */
  assert_date ("Thu, 24 Aug 2023 07:01:45 +0200", 1692853305, 120);
  assert_date ("Wed, 23 Aug 2023 22:31:45 -0630", 1692853305, -390);
  assert_date ("24 Aug 2023 05:01:45 GMT", 1692853305, 0);
  assert_date ("Thu, 24 Aug 2023 05:01:45 UT", 1692853305, 0);
  assert_date ("Thu, 24 Aug 2023 01:01:45 EDT", 1692853305, -240);
  assert_date ("Thu, 24 Aug 2023 05:01 +0000", 1692853260, 0);
  assert_date ("Fri, 1 Sep 2023 00:00:00 +0000", 1693526400, 0);
  assert_date ("fri,  1  sep  2023  00:00:00  z", 1693526400, 0);
  /* A leap second is clamped, not refused. */
  assert_date ("Sat, 31 Dec 2016 23:59:60 +0000", 1483228799, 0);

  g_assert_null (liaison_twilio_parse_rfc2822_date (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) date = liaison_twilio_parse_rfc2822_date (bad[i]);

      g_test_message ("refusing “%s”", bad[i]);
      g_assert_null (date);
    }
}

/* The Message model */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_message_json (void)
{
  g_autoptr(JsonObject) object = parse_object (
    "{\"account_sid\":\"" ACCOUNT_A "\",\"api_version\":\"2010-04-01\",\"body\":\"Hello! 👍\","
    "\"date_created\":\"Thu, 24 Aug 2023 05:01:45 +0000\",\"date_sent\":null,"
    "\"date_updated\":\"Thu, 24 Aug 2023 05:01:46 +0000\",\"direction\":\"outbound-api\","
    "\"error_code\":30003,\"error_message\":\"Unreachable\",\"from\":\"+14155552345\","
    "\"num_media\":\"2\",\"num_segments\":\"3\",\"price\":\"-0.0079\",\"price_unit\":\"USD\","
    "\"messaging_service_sid\":\"MGaaaa456789abcdef0123456789abcdef\","
    "\"sid\":\"SMaaaa456789abcdef0123456789abcdef\",\"status\":\"undelivered\","
    "\"subresource_uris\":{\"media\":\"/x\"},\"to\":\"+14155552346\",\"uri\":\"/2010-04-01/x.json\"}");
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) updated = NULL;
  guint segments = 0;

  message = liaison_twilio_message_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_sid (message), ==, "SMaaaa456789abcdef0123456789abcdef");
  g_assert_cmpstr (liaison_twilio_message_get_account_sid (message), ==, ACCOUNT_A);
  g_assert_cmpstr (liaison_twilio_message_get_body (message), ==, "Hello! 👍");
  g_assert_cmpstr (liaison_twilio_message_get_from (message), ==, "+14155552345");
  g_assert_cmpstr (liaison_twilio_message_get_to (message), ==, "+14155552346");
  g_assert_cmpstr (liaison_twilio_message_get_status (message), ==, "undelivered");
  g_assert_cmpstr (liaison_twilio_message_get_direction (message), ==, "outbound-api");
  g_assert_cmpuint (liaison_twilio_message_get_num_segments (message), ==, 3);
  g_assert_cmpuint (liaison_twilio_message_get_num_media (message), ==, 2);
  g_assert_cmpint (liaison_twilio_message_get_error_code (message), ==, 30003);
  g_assert_cmpstr (liaison_twilio_message_get_error_message (message), ==, "Unreachable");
  g_assert_cmpstr (liaison_twilio_message_get_price (message), ==, "-0.0079");
  g_assert_cmpstr (liaison_twilio_message_get_price_unit (message), ==, "USD");
  g_assert_cmpstr (liaison_twilio_message_get_messaging_service_sid (message), ==,
                   "MGaaaa456789abcdef0123456789abcdef");
  g_assert_cmpstr (liaison_twilio_message_get_uri (message), ==, "/2010-04-01/x.json");
  g_assert_cmpint (g_date_time_to_unix (liaison_twilio_message_get_date_created (message)), ==, 1692853305);
  g_assert_null (liaison_twilio_message_get_date_sent (message));

  /* Properties agree with the getters. */
  g_object_get (message, "num-segments", &segments, "date-updated", &updated, NULL);
  g_assert_cmpuint (segments, ==, 3);
  g_assert_cmpint (g_date_time_to_unix (updated), ==, 1692853306);
}

static void
test_message_json_invalid (void)
{
  static const char * const bad[] = {
    "{}",                                                         /* no sid */
    "{\"sid\":\"\"}",
    "{\"sid\":42}",
    "{\"sid\":\"SM1\",\"num_segments\":\"one\"}",
    "{\"sid\":\"SM1\",\"num_segments\":\"-1\"}",
    "{\"sid\":\"SM1\",\"num_media\":[]}",
    "{\"sid\":\"SM1\",\"error_code\":\"x\"}",
    "{\"sid\":\"SM1\",\"error_code\":1.5}",
    "{\"sid\":\"SM1\",\"date_created\":\"yesterday\"}",
    "{\"sid\":\"SM1\",\"date_sent\":12345}",
    "{\"sid\":\"SM1\",\"body\":{}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse_object (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonTwilioMessage) message = liaison_twilio_message_new_from_json (object, &error);

      g_test_message ("refusing %s", bad[i]);
      g_assert_null (message);
      g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
    }
}

/* Base URLs, regions and edges (TWILIO.md §1.6) */

static void
assert_base (LiaisonTwilioClient  *client,
             LiaisonTwilioProduct  product,
             const char           *expected)
{
  g_autofree char *base = liaison_twilio_client_get_base_url (client, product);

  g_assert_cmpstr (base, ==, expected);
}

static void
test_base_urls (void)
{
  g_autoptr(LiaisonTwilioClient) client = NULL;

  g_unsetenv ("LIAISON_TWILIO_API_BASE");
  g_unsetenv ("TWILIO_REGION");
  g_unsetenv ("TWILIO_EDGE");
  client = liaison_twilio_client_new ();

  assert_base (client, LIAISON_TWILIO_PRODUCT_API, "https://api.twilio.com");
  assert_base (client, LIAISON_TWILIO_PRODUCT_MESSAGING, "https://messaging.twilio.com");
  assert_base (client, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "https://intelligence.twilio.com");
  assert_base (client, LIAISON_TWILIO_PRODUCT_NUMBERS, "https://numbers.twilio.com");
  assert_base (client, LIAISON_TWILIO_PRODUCT_LOOKUPS, "https://lookups.twilio.com");
  assert_base (client, LIAISON_TWILIO_PRODUCT_VOICE, "https://voice.twilio.com");

  /* Region only; then edge and region; edge alone defaults to us1. */
  liaison_twilio_client_set_region (client, "au1");
  assert_base (client, LIAISON_TWILIO_PRODUCT_API, "https://api.au1.twilio.com");
  liaison_twilio_client_set_edge (client, "sydney");
  assert_base (client, LIAISON_TWILIO_PRODUCT_MESSAGING, "https://messaging.sydney.au1.twilio.com");
  liaison_twilio_client_set_region (client, NULL);
  assert_base (client, LIAISON_TWILIO_PRODUCT_VOICE, "https://voice.sydney.us1.twilio.com");
  liaison_twilio_client_set_edge (client, NULL);

  /* Settings override what the URL holds; ports are kept. */
  liaison_twilio_client_set_base_url (client, LIAISON_TWILIO_PRODUCT_NUMBERS,
                                      "https://numbers.edge1.region1.twilio.com:123/");
  assert_base (client, LIAISON_TWILIO_PRODUCT_NUMBERS, "https://numbers.edge1.region1.twilio.com:123");
  liaison_twilio_client_set_edge (client, "edge2");
  assert_base (client, LIAISON_TWILIO_PRODUCT_NUMBERS, "https://numbers.edge2.region1.twilio.com:123");
  liaison_twilio_client_set_edge (client, NULL);

  /* Other hosts (a simulator) are never rewritten. */
  liaison_twilio_client_set_region (client, "ie1");
  liaison_twilio_client_set_base_url (client, LIAISON_TWILIO_PRODUCT_MESSAGING, "http://127.0.0.1:8080");
  assert_base (client, LIAISON_TWILIO_PRODUCT_MESSAGING, "http://127.0.0.1:8080");
  liaison_twilio_client_set_api_base (client, "http://localhost:9000/");
  assert_base (client, LIAISON_TWILIO_PRODUCT_API, "http://localhost:9000");
  g_assert_cmpstr (liaison_twilio_client_get_api_base (client), ==, "http://localhost:9000");
  liaison_twilio_client_set_base_url (client, LIAISON_TWILIO_PRODUCT_API, NULL);
  assert_base (client, LIAISON_TWILIO_PRODUCT_API, "https://api.ie1.twilio.com");
  liaison_twilio_client_set_base_url (client, LIAISON_TWILIO_PRODUCT_MESSAGING, NULL);
  assert_base (client, LIAISON_TWILIO_PRODUCT_MESSAGING, "https://messaging.ie1.twilio.com");
}

/* An in-process fake of the 2010 Messages API and of v1-style lists, for the
 * request layer's edge cases (429 bursts, lost answers, foreign next-page
 * URLs) with exact control over each answer. */

typedef struct {
  SoupServer   *server;
  char         *url;
  GPtrArray    *log;            /* "METHOD /path?query" */
  GPtrArray    *messages;       /* JsonObject, oldest first */
  guint         next_sid;
  guint         n_429;          /* answer 429 to this many requests */
  guint         retry_after;    /* seconds; 0: no header */
  gboolean      drop_create;    /* store the create, then close without answering */
  gboolean      drop_unstored;  /* close without storing (the create never "happened") */
  GCancellable *cancel_on_slow; /* cancelled when /slow is requested */
  char         *last_create_body;
} Fake;

static char *
now_rfc2822 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%a, %d %b %Y %H:%M:%S +0000");
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

static void
fake_list_messages (Fake              *fake,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query)
{
  const char *to = query != NULL ? g_hash_table_lookup (query, "To") : NULL;
  const char *size_text = query != NULL ? g_hash_table_lookup (query, "PageSize") : NULL;
  const char *page_text = query != NULL ? g_hash_table_lookup (query, "Page") : NULL;
  guint page_size = size_text != NULL ? (guint) g_ascii_strtoull (size_text, NULL, 10) : 50;
  guint page = page_text != NULL ? (guint) g_ascii_strtoull (page_text, NULL, 10) : 0;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();

  for (guint i = fake->messages->len; i > 0; i--)
    {
      JsonObject *m = g_ptr_array_index (fake->messages, i - 1);

      if (to == NULL || g_strcmp0 (json_object_get_string_member (m, "to"), to) == 0)
        g_ptr_array_add (matching, m);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = page * page_size; i < MIN ((page + 1) * page_size, matching->len); i++)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, g_ptr_array_index (matching, i));
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next_page_uri");
  if ((page + 1) * page_size < matching->len)
    {
      g_autofree char *next = g_strdup_printf ("%s?PageSize=%u&Page=%u%s%s", path, page_size, page + 1,
                                               to != NULL ? "&To=" : "", to != NULL ? "%2B" : "");
      g_autofree char *full = to != NULL ? g_strconcat (next, to + 1, NULL) : g_strdup (next);

      json_builder_add_string_value (builder, full);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, page);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, 200, root);
}

static void
fake_create_message (Fake              *fake,
                     SoupServerMessage *msg,
                     const char        *path)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autofree char *form_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (form_text);
  g_autofree char *sid = g_strdup_printf ("SM%032x", ++fake->next_sid);
  g_autofree char *date = now_rfc2822 ();
  g_autoptr(JsonObject) m = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_free (fake->last_create_body);
  fake->last_create_body = g_strdup (form_text);

  if (fake->drop_unstored)
    {
      drop_connection (msg);
      return;
    }
  if (g_strcmp0 (g_hash_table_lookup (form, "To"), "+15005550001") == 0)
    {
      respond_text (msg, 400, "{\"code\":21211,\"message\":\"The 'To' number +15005550001 is not a valid phone number.\","
                              "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
      return;
    }

  json_object_set_string_member (m, "sid", sid);
  json_object_set_string_member (m, "account_sid", ACCOUNT_A);
  json_object_set_string_member (m, "to", g_hash_table_lookup (form, "To"));
  json_object_set_string_member (m, "from", g_hash_table_lookup (form, "From"));
  json_object_set_string_member (m, "body", g_hash_table_lookup (form, "Body"));
  json_object_set_string_member (m, "status", "queued");
  json_object_set_string_member (m, "direction", "outbound-api");
  json_object_set_string_member (m, "num_segments", "1");
  json_object_set_string_member (m, "num_media", "0");
  json_object_set_null_member (m, "error_code");
  json_object_set_string_member (m, "date_created", date);
  json_object_set_null_member (m, "date_sent");
  json_object_set_string_member (m, "date_updated", date);
  g_ptr_array_add (fake->messages, json_object_ref (m));

  if (fake->drop_create)
    {
      drop_connection (msg);
      return;
    }
  json_node_set_object (node, m);
  respond_json (msg, 201, node);
}

/* v1 style: meta.key and absolute meta.next_page_url; page 1 points away. */
static void
fake_v1_list (Fake              *fake,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  const char *page = query != NULL ? g_hash_table_lookup (query, "Page") : NULL;
  g_autofree char *json = NULL;

  if (page == NULL)
    json = g_strdup_printf ("{\"things\":[{\"sid\":\"SMaaaa000000000000000000000000000001\"},"
                            "{\"sid\":\"SMaaaa000000000000000000000000000002\"}],"
                            "\"meta\":{\"key\":\"things\",\"page\":0,\"page_size\":2,"
                            "\"next_page_url\":\"%s/v1/Things?PageSize=2&Page=1\"}}", fake->url);
  else
    json = g_strdup ("{\"things\":[{\"sid\":\"SMaaaa000000000000000000000000000003\"}],"
                     "\"meta\":{\"key\":\"things\",\"page\":1,\"page_size\":2,"
                     "\"next_page_url\":\"https://evil.example.com/v1/Things?PageSize=2&Page=2\"}}");
  respond_text (msg, 200, json);
}

/* Token style (porting): meta.next_token */
static void
fake_token_list (Fake              *fake,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  const char *token = query != NULL ? g_hash_table_lookup (query, "Token") : NULL;

  if (token == NULL)
    respond_text (msg, 200, "{\"port_in_requests\":[{\"sid\":\"SMaaaa000000000000000000000000000011\"}],"
                            "\"meta\":{\"previous_token\":null,\"next_token\":\"tok 2\"}}");
  else if (g_str_equal (token, "tok 2"))
    respond_text (msg, 200, "{\"port_in_requests\":[{\"sid\":\"SMaaaa000000000000000000000000000012\"}],"
                            "\"meta\":{\"previous_token\":\"tok 1\",\"next_token\":null}}");
  else
    respond_text (msg, 400, "{\"code\":20001,\"message\":\"bad token\"}");
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *messages_path = g_strdup_printf ("/2010-04-01/Accounts/%s/Messages.json", ACCOUNT_A);

  g_ptr_array_add (fake->log, g_strdup_printf ("%s %s%s%s", method, path,
                                               raw_query != NULL ? "?" : "",
                                               raw_query != NULL ? raw_query : ""));

  if (fake->n_429 > 0)
    {
      fake->n_429--;
      if (fake->retry_after > 0)
        {
          g_autofree char *value = g_strdup_printf ("%u", fake->retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
        }
      respond_text (msg, 429, "{\"code\":20429,\"message\":\"Too Many Requests\","
                              "\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}");
      return;
    }

  if (g_str_equal (path, "/slow"))
    {
      /* Never answered: the client cancels meanwhile. */
      soup_server_message_pause (msg);
      g_cancellable_cancel (fake->cancel_on_slow);
      return;
    }
  if (g_str_equal (path, "/503"))
    {
      respond_text (msg, 503, "{\"code\":20503,\"message\":\"Service Unavailable\"}");
      return;
    }
  if (g_str_equal (path, "/500"))
    {
      respond_text (msg, 500, "{\"code\":20500,\"message\":\"Internal Server Error\"}");
      return;
    }
  if (g_str_equal (path, "/v1/Things"))
    {
      fake_v1_list (fake, msg, query);
      return;
    }
  if (g_str_equal (path, "/v1/Porting/PortIn/PortInRequests"))
    {
      fake_token_list (fake, msg, query);
      return;
    }
  if (g_str_equal (path, "/v1/Echo"))
    {
      /* Answers with what it received, as JSON. */
      g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                                NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, method);
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, type != NULL ? type : "");
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, raw_query != NULL ? raw_query : "");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      respond_json (msg, 202, root);
      return;
    }
  if (g_str_equal (path, "/broken"))
    {
      respond_text (msg, 200, "{\"messages\":[{\"sid\":\"SM1\"},");
      return;
    }
  if (g_str_equal (path, messages_path) && g_str_equal (method, "POST"))
    {
      fake_create_message (fake, msg, path);
      return;
    }
  if (g_str_equal (path, messages_path) && g_str_equal (method, "GET"))
    {
      fake_list_messages (fake, msg, path, query);
      return;
    }
  respond_text (msg, 404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
}

static Fake *
fake_new (void)
{
  Fake *fake = g_new0 (Fake, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->server = soup_server_new (NULL, NULL);
  fake->log = g_ptr_array_new_with_free_func (g_free);
  fake->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  g_assert_true (soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  g_assert_nonnull (uris);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

static void
fake_free (Fake *fake)
{
  soup_server_disconnect (fake->server);
  g_assert_finalize_object (g_steal_pointer (&fake->server));
  g_ptr_array_unref (fake->log);
  g_ptr_array_unref (fake->messages);
  g_free (fake->url);
  g_free (fake->last_create_body);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static guint
count_requests (GPtrArray  *log,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (log, i), prefix))
      n++;
  return n;
}

/* A client on @url with a fake clock that jumps over every wait. */
static LiaisonTwilioClient *
client_on (const char    *url,
           const char    *account,
           const char    *token,
           LiaisonClock **out_clock)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (account, token);
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (g_get_real_time ());
  LiaisonTwilioClient *client = liaison_twilio_client_new ();

  liaison_clock_set_auto_advance (clock, TRUE);
  liaison_twilio_client_set_api_base (client, url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (client, p, url);
  liaison_twilio_client_set_credentials (client, credentials);
  liaison_twilio_client_set_clock (client, clock);
  if (out_clock != NULL)
    *out_clock = g_steal_pointer (&clock);
  return client;
}

static LiaisonTwilioMessage *
create_message (LiaisonTwilioClient *client,
                const char          *to,
                const char          *from,
                const char          *body,
                const char * const  *media,
                GCancellable        *cancellable,
                gboolean            *out_reconciled,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_create_message_async (client, to, from, NULL, body, media, NULL, NULL, cancellable,
                                              liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_create_message_finish (client, result, out_reconciled, error);
}

static LiaisonTwilioPage *
list_messages (LiaisonTwilioClient *client,
               const char          *to,
               guint                page_size,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_list_messages_async (client, to, NULL, NULL, NULL, NULL, page_size, NULL,
                                             liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_list_finish (client, result, error);
}

static LiaisonTwilioPage *
next_page (LiaisonTwilioPage  *page,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_page_next_async (page, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_page_next_finish (page, result, error);
}

static LiaisonTwilioPage *
list_generic (LiaisonTwilioClient  *client,
              LiaisonTwilioProduct  product,
              const char           *path,
              const char           *item_key,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_list_async (client, product, path, NULL, item_key,
                                    (LiaisonTwilioItemParser) liaison_twilio_message_new_from_json, 2, NULL,
                                    liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_list_finish (client, result, error);
}

static void
test_fake_create_media_repeated (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  static const char * const media[] = { "https://example.com/a.jpg", "https://example.com/b.jpg", NULL };
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reconciled = TRUE;

  message = create_message (client, TO_A, FROM_A, "Photos", media, NULL, &reconciled, &error);
  g_assert_no_error (error);
  g_assert_false (reconciled);
  g_assert_cmpstr (liaison_twilio_message_get_to (message), ==, TO_A);
  g_assert_nonnull (strstr (fake->last_create_body,
                            "MediaUrl=https%3A%2F%2Fexample.com%2Fa.jpg&MediaUrl=https%3A%2F%2Fexample.com%2Fb.jpg"));
}

/* 429 with Retry-After: the client waits exactly that long (virtual time),
 * then succeeds; every attempt reached the server. */
static void
test_fake_429_retry_after (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, &clock);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  GArray *waits;

  fake->n_429 = 2;
  fake->retry_after = 7;
  message = create_message (client, TO_A, FROM_A, "After the rush", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 3);
  waits = liaison_clock_get_waits (clock);
  g_assert_cmpuint (waits->len, ==, 2);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 7 * G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (waits, gint64, 1), ==, 7 * G_USEC_PER_SEC);

  /* Without Retry-After: capped exponential backoff with jitter, bounded attempts. */
  g_clear_object (&message);
  fake->n_429 = 100;
  fake->retry_after = 0;
  liaison_twilio_client_set_max_attempts (client, 4);
  message = create_message (client, TO_A, FROM_A, "Never", NULL, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpint (liaison_twilio_error_get_details (error)->code, ==, 20429);
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 3 + 4);
  g_assert_cmpuint (waits->len, ==, 2 + 3);
  for (guint i = 2; i < waits->len; i++)
    {
      gint64 ceiling = (gint64) 500000 << (i - 2);

      g_assert_cmpint (g_array_index (waits, gint64, i), >=, ceiling / 2);
      g_assert_cmpint (g_array_index (waits, gint64, i), <=, ceiling);
    }
}

/* The answer to a create is lost after Twilio stored it: exactly one POST,
 * then the client finds the message by listing. */
static void
test_fake_lost_answer_reconciled (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(LiaisonTwilioMessage) earlier = NULL;
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reconciled = FALSE;

  /* An older message with another body must not be taken for it. */
  earlier = create_message (client, TO_A, FROM_A, "Earlier text", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fake->drop_create = TRUE;
  message = create_message (client, TO_A, FROM_A, "Your statement is ready", NULL, NULL, &reconciled, &error);
  g_assert_no_error (error);
  g_assert_true (reconciled);
  g_assert_cmpstr (liaison_twilio_message_get_body (message), ==, "Your statement is ready");
  g_assert_cmpstr (liaison_twilio_message_get_sid (message), !=, liaison_twilio_message_get_sid (earlier));
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 2);
  g_assert_cmpuint (count_requests (fake->log, "GET "), >=, 1);
  g_assert_cmpuint (fake->messages->len, ==, 2);
}

/* The answer is lost and the create never happened: NOT_SENT, one POST. */
static void
test_fake_lost_answer_not_sent (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reconciled = TRUE;

  fake->drop_unstored = TRUE;
  message = create_message (client, TO_A, FROM_A, "Lost", NULL, NULL, &reconciled, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NOT_SENT);
  g_assert_false (reconciled);
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 1);
  g_assert_cmpuint (count_requests (fake->log, "GET "), ==, 1);
}

/* Lost answer and the list fails too: UNCERTAIN, and still one POST. */
static void
test_fake_lost_answer_uncertain (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fake->drop_unstored = TRUE;
  liaison_twilio_client_set_max_attempts (client, 2);
  liaison_twilio_client_create_message_async (client, TO_A, FROM_A, NULL, "Lost", NULL, NULL, NULL, NULL,
                                              liaison_test_async_cb, &result);
  /* Once the POST was handled (and its answer dropped), every later request
   * gets a 429 until the listing runs out of attempts. */
  while (count_requests (fake->log, "POST ") == 0)
    g_main_context_iteration (NULL, TRUE);
  fake->n_429 = 100;
  liaison_test_wait (&result);
  message = liaison_twilio_client_create_message_finish (client, result, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN);
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 1);
}

/* Invalid To: an API error with Twilio's details, never retried. */
static void
test_fake_api_error (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const LiaisonTwilioErrorDetails *details;

  message = create_message (client, "+15005550001", FROM_A, "x", NULL, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_cmpint (details->code, ==, 21211);
  g_assert_cmpuint (details->http_status, ==, 400);
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 1);
}

/* A closed port fails before anything is sent: retried with backoff (virtual
 * time), then NETWORK. */
static void
test_closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = NULL;
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and has no listener now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = client_on (url, ACCOUNT_A, TOKEN_A, &clock);
  liaison_twilio_client_set_max_attempts (client, 3);
  message = create_message (client, TO_A, FROM_A, "x", NULL, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK);
  g_assert_cmpuint (liaison_clock_get_waits (clock)->len, ==, 2);
}

/* Cancelling while the request is in flight: CANCELLED, no retry. */
static void
test_fake_cancel_in_flight (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, &clock);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fake->cancel_on_slow = cancellable;
  liaison_twilio_client_list_async (client, LIAISON_TWILIO_PRODUCT_API, "/slow", NULL, "messages",
                                    (LiaisonTwilioItemParser) liaison_twilio_message_new_from_json, 0, cancellable,
                                    liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  page = liaison_twilio_client_list_finish (client, result, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_requests (fake->log, "GET /slow"), ==, 1);
  g_assert_cmpuint (liaison_clock_get_waits (clock)->len, ==, 0);
  fake->cancel_on_slow = NULL;
}

/* Cancelling during a backoff wait ends it at once. */
static void
test_fake_cancel_during_backoff (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (g_get_real_time ());
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  /* This clock does not move by itself. */
  liaison_twilio_client_set_clock (client, clock);
  fake->n_429 = 1;
  fake->retry_after = 60;
  liaison_twilio_client_create_message_async (client, TO_A, FROM_A, NULL, "x", NULL, NULL, NULL, cancellable,
                                              liaison_test_async_cb, &result);
  while (liaison_clock_get_n_pending (clock) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (liaison_clock_get_next_delay (clock), ==, 60 * G_USEC_PER_SEC);
  g_cancellable_cancel (cancellable);
  liaison_test_wait (&result);
  message = liaison_twilio_client_create_message_finish (client, result, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (liaison_clock_get_n_pending (clock), ==, 0);
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 1);
}

/* GET retries a 5xx; the answer's JSON is checked. */
static void
test_fake_get_5xx_and_broken (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, &clock);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_client_set_max_attempts (client, 3);
  page = list_generic (client, LIAISON_TWILIO_PRODUCT_API, "/503", "messages", &error);
  g_assert_null (page);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpuint (count_requests (fake->log, "GET /503"), ==, 3);
  g_assert_cmpuint (liaison_clock_get_waits (clock)->len, ==, 2);
  g_clear_error (&error);

  /* A 500 is answered at once. */
  page = list_generic (client, LIAISON_TWILIO_PRODUCT_API, "/500", "messages", &error);
  g_assert_null (page);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpuint (count_requests (fake->log, "GET /500"), ==, 1);
  g_clear_error (&error);

  page = list_generic (client, LIAISON_TWILIO_PRODUCT_API, "/broken", "messages", &error);
  g_assert_null (page);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
}

static void
test_fake_paging_styles (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(LiaisonTwilioPage) second = NULL;
  g_autoptr(LiaisonTwilioPage) third = NULL;
  g_autoptr(GError) error = NULL;

  /* v1/v2: meta.key and an absolute next_page_url; a foreign host is refused. */
  page = list_generic (client, LIAISON_TWILIO_PRODUCT_MESSAGING, "/v1/Things", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 2);
  g_assert_true (liaison_twilio_page_has_next (page));
  second = next_page (page, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (second)->len, ==, 1);
  g_assert_cmpstr (liaison_twilio_message_get_sid (g_ptr_array_index (liaison_twilio_page_get_items (second), 0)),
                   ==, "SMaaaa000000000000000000000000000003");
  g_assert_true (liaison_twilio_page_has_next (second));
  third = next_page (second, &error);
  g_assert_null (third);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_FOREIGN_URL);
  g_assert_cmpuint (count_requests (fake->log, "GET /v1/Things"), ==, 2);
  g_clear_error (&error);
  g_clear_object (&page);
  g_clear_object (&second);

  /* Token style */
  page = list_generic (client, LIAISON_TWILIO_PRODUCT_NUMBERS, "/v1/Porting/PortIn/PortInRequests",
                       "port_in_requests", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 1);
  g_assert_true (liaison_twilio_page_has_next (page));
  second = next_page (page, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_sid (g_ptr_array_index (liaison_twilio_page_get_items (second), 0)),
                   ==, "SMaaaa000000000000000000000000000012");
  g_assert_false (liaison_twilio_page_has_next (second));
}

static JsonObject *
request_echo (LiaisonTwilioClient *client,
              const char          *method,
              const char * const  *form,
              JsonNode            *body)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_client_request_async (client, LIAISON_TWILIO_PRODUCT_NUMBERS, method, "/v1/Echo", form, body,
                                       FALSE, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  root = liaison_twilio_client_request_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* JSON bodies (porting), form bodies with repeated keys, GET parameters. */
static void
test_fake_request_bodies (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(JsonObject) json_echo = NULL;
  g_autoptr(JsonObject) form_echo = NULL;
  g_autoptr(JsonObject) get_echo = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"phone_numbers\":[{\"phone_number\":\"+14155550100\"}]}", NULL);
  static const char * const form[] = { "StatusCallbackEvent", "initiated", "StatusCallbackEvent", "ringing", NULL };

  json_echo = request_echo (client, "POST", NULL, body);
  g_assert_cmpstr (json_object_get_string_member (json_echo, "content_type"), ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (json_echo, "body"), ==,
                   "{\"phone_numbers\":[{\"phone_number\":\"+14155550100\"}]}");

  form_echo = request_echo (client, "POST", form, NULL);
  g_assert_cmpstr (json_object_get_string_member (form_echo, "content_type"), ==,
                   "application/x-www-form-urlencoded");
  g_assert_cmpstr (json_object_get_string_member (form_echo, "body"), ==,
                   "StatusCallbackEvent=initiated&StatusCallbackEvent=ringing");

  get_echo = request_echo (client, "GET", form, NULL);
  g_assert_cmpstr (json_object_get_string_member (get_echo, "body"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (get_echo, "query"), ==,
                   "StatusCallbackEvent=initiated&StatusCallbackEvent=ringing");
}

/* 2010 style over several pages with a To filter. */
static void
test_fake_paging_2010 (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, NULL);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0, pages = 0;

  liaison_rate_limiter_set_rate (liaison_twilio_client_get_rate_limiter (client), FROM_A, 1000);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *body = g_strdup_printf ("Message %u", i);
      g_autoptr(LiaisonTwilioMessage) m = create_message (client, TO_A, FROM_A, body, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
    }
  {
    g_autoptr(LiaisonTwilioMessage) other = create_message (client, "+14155550199", FROM_A, "Other", NULL, NULL,
                                                            NULL, &error);
    g_assert_no_error (error);
  }

  page = list_messages (client, TO_A, 3, &error);
  while (TRUE)
    {
      GPtrArray *items;

      g_assert_no_error (error);
      items = liaison_twilio_page_get_items (page);
      g_assert_cmpuint (items->len, <=, 3);
      for (guint i = 0; i < items->len; i++)
        {
          g_autofree char *expected = g_strdup_printf ("Message %u", 6 - total);

          g_assert_cmpstr (liaison_twilio_message_get_to (g_ptr_array_index (items, i)), ==, TO_A);
          g_assert_cmpstr (liaison_twilio_message_get_body (g_ptr_array_index (items, i)), ==, expected);
          total++;
        }
      pages++;
      if (!liaison_twilio_page_has_next (page))
        break;
      {
        LiaisonTwilioPage *next = next_page (page, &error);

        g_object_unref (page);
        page = next;
      }
    }
  g_assert_cmpuint (total, ==, 7);
  g_assert_cmpuint (pages, ==, 3);
}

/* Pacing across real HTTP: five creates from one sender, 1 s apart in
 * virtual time; a second sender is not held up. */
static void
test_fake_pacing (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = client_on (fake->url, ACCOUNT_A, TOKEN_A, &clock);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  GAsyncResult *slots[6] = { NULL, };
  gint64 start = liaison_clock_get_now_usec (clock);
  GArray *waits;

  for (guint i = 0; i < 5; i++)
    liaison_twilio_client_create_message_async (client, TO_A, FROM_A, NULL, "Paced", NULL, NULL, NULL, NULL,
                                                liaison_test_async_cb, &slots[i]);
  liaison_twilio_client_create_message_async (client, TO_A, "+15005550009", NULL, "Other sender", NULL, NULL, NULL,
                                              NULL, liaison_test_async_cb, &slots[5]);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonTwilioMessage) message = NULL;

      liaison_test_wait (&slots[i]);
      message = liaison_twilio_client_create_message_finish (client, slots[i], NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&slots[i]);
    }
  g_assert_cmpuint (count_requests (fake->log, "POST "), ==, 6);
  /* Four waits of one second each, for the four later sends of FROM_A. */
  waits = liaison_clock_get_waits (clock);
  g_assert_cmpuint (waits->len, ==, 4);
  for (guint i = 0; i < waits->len; i++)
    g_assert_cmpint (g_array_index (waits, gint64, i), ==, G_USEC_PER_SEC);
  g_assert_cmpint (liaison_clock_get_now_usec (clock) - start, ==, 4 * G_USEC_PER_SEC);
}

/* Against liaison-sim (spawned), through its control API under /_sim/. */

static JsonNode *
sim_call (LiaisonTestSim     *sim,
          const char         *method,
          const char         *path,
          const char * const *form)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (form != NULL)
    {
      char *encoded = liaison_twilio_encode_form (form);
      g_autoptr(GBytes) body = g_bytes_new_take (encoded, strlen (encoded));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                             &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* REST requests the simulator received with @method whose path ends in @suffix. */
static guint
sim_count_requests (LiaisonTestSim *sim,
                    const char     *method,
                    const char     *suffix)
{
  g_autoptr(JsonNode) root = sim_call (sim, "GET", "/_sim/requests", NULL);
  JsonArray *array;
  guint n = 0;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *request = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (request, "method"), method) &&
          g_str_has_suffix (json_object_get_string_member (request, "path"), suffix))
        n++;
    }
  return n;
}

static LiaisonTwilioClient *
sim_client (LiaisonTestSim  *sim,
            LiaisonClock   **out_clock)
{
  return client_on (sim->url, sim->account_sid, sim->auth_token, out_clock);
}

static LiaisonTwilioMessage *
fetch_message (LiaisonTwilioClient *client,
               const char          *sid,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_fetch_message_async (client, sid, cancellable, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_fetch_message_finish (client, result, error);
}

static void
test_sim_create_fetch_list (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  g_autoptr(LiaisonTwilioMessage) created = NULL;
  g_autoptr(LiaisonTwilioMessage) fetched = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_utc ();
  gboolean reconciled = TRUE;
  guint total = 0, pages = 0;

  created = create_message (client, TO_A, FROM_A, "Hello from Liaison 👍", NULL, NULL, &reconciled, &error);
  g_assert_no_error (error);
  g_assert_false (reconciled);
  g_assert_true (g_str_has_prefix (liaison_twilio_message_get_sid (created), "SM"));
  g_assert_cmpuint (strlen (liaison_twilio_message_get_sid (created)), ==, 34);
  g_assert_cmpstr (liaison_twilio_message_get_account_sid (created), ==, sim->account_sid);
  g_assert_cmpstr (liaison_twilio_message_get_to (created), ==, TO_A);
  g_assert_cmpstr (liaison_twilio_message_get_from (created), ==, FROM_A);
  g_assert_cmpstr (liaison_twilio_message_get_body (created), ==, "Hello from Liaison 👍");
  g_assert_cmpstr (liaison_twilio_message_get_status (created), ==, "queued");
  g_assert_cmpstr (liaison_twilio_message_get_direction (created), ==, "outbound-api");
  g_assert_cmpuint (liaison_twilio_message_get_num_segments (created), ==, 1);
  g_assert_cmpuint (liaison_twilio_message_get_num_media (created), ==, 0);
  g_assert_cmpint (liaison_twilio_message_get_error_code (created), ==, 0);
  g_assert_nonnull (liaison_twilio_message_get_date_created (created));
  g_assert_nonnull (liaison_twilio_message_get_uri (created));

  fetched = fetch_message (client, liaison_twilio_message_get_sid (created), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_sid (fetched), ==, liaison_twilio_message_get_sid (created));
  g_assert_cmpstr (liaison_twilio_message_get_body (fetched), ==, "Hello from Liaison 👍");
  g_assert_true (g_date_time_equal (liaison_twilio_message_get_date_created (fetched),
                                    liaison_twilio_message_get_date_created (created)));

  /* Seven messages to one recipient, three per page: three pages, newest first. */
  liaison_rate_limiter_set_rate (liaison_twilio_client_get_rate_limiter (client), FROM_A, 1000);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *body = g_strdup_printf ("Message %u", i);
      g_autoptr(LiaisonTwilioMessage) m = create_message (client, TO_A, FROM_A, body, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
    }
  {
    g_autoptr(LiaisonTwilioMessage) other = create_message (client, "+14155550199", FROM_A, "Someone else",
                                                            NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  page = list_messages (client, TO_A, 3, &error);
  while (TRUE)
    {
      GPtrArray *items;

      g_assert_no_error (error);
      items = liaison_twilio_page_get_items (page);
      g_assert_cmpuint (items->len, <=, 3);
      for (guint i = 0; i < items->len; i++)
        g_assert_cmpstr (liaison_twilio_message_get_to (g_ptr_array_index (items, i)), ==, TO_A);
      total += items->len;
      pages++;
      if (!liaison_twilio_page_has_next (page))
        break;
      {
        LiaisonTwilioPage *next = next_page (page, &error);

        g_object_unref (page);
        page = next;
      }
    }
  g_assert_cmpuint (total, ==, 7);
  g_assert_cmpuint (pages, ==, 3);

  /* The DateSent filters reach the simulator in Twilio's spelling. */
  g_clear_object (&page);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);

    liaison_twilio_client_list_messages_async (client, TO_A, FROM_A, NULL, NULL, tomorrow, 50, NULL,
                                               liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    page = liaison_twilio_client_list_finish (client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (liaison_twilio_page_get_items (page)->len, ==, 0);
    g_assert_false (liaison_twilio_page_has_next (page));
  }
}

static void
test_sim_api_errors (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  g_autoptr(LiaisonTwilioClient) wrong = NULL;
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const LiaisonTwilioErrorDetails *details;

  message = create_message (client, "+15005550001", FROM_A, "x", NULL, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_nonnull (details);
  g_assert_cmpint (details->code, ==, 21211);
  g_assert_cmpuint (details->http_status, ==, 400);
  g_clear_error (&error);

  wrong = client_on (sim->url, sim->account_sid, TOKEN_A, NULL);
  message = create_message (wrong, TO_A, FROM_A, "x", NULL, NULL, NULL, &error);
  g_assert_null (message);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_cmpint (details->code, ==, 20003);
  g_assert_cmpuint (details->http_status, ==, 401);
  g_assert_null (strstr (error->message, TOKEN_A));
  /* Neither was retried. */
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/Messages.json"), ==, 2);
}

static void
test_sim_429_retry_after (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, &clock);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;
  static const char * const fault[] = {
    "path", "/Messages\\.json$", "method", "POST", "status", "429", "code", "20429",
    "retry_after", "3", "count", "2", NULL,
  };
  GArray *waits;

  ok = sim_call (sim, "POST", "/_sim/faults", fault);
  message = create_message (client, TO_A, FROM_A, "Third time lucky", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  waits = liaison_clock_get_waits (clock);
  g_assert_cmpuint (waits->len, ==, 2);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (waits, gint64, 1), ==, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/Messages.json"), ==, 3);
}

/* The no-blind-retry rule: the answer to the create is lost after the
 * simulator processed it; the client lists, finds it, and sent ONE POST. */
static void
test_sim_drop_response_reconciled (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(LiaisonTwilioMessage) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;
  gboolean reconciled = FALSE;
  static const char * const fault[] = {
    "path", "/Messages\\.json$", "method", "POST", "mode", "drop-response", "count", "1", NULL,
  };

  ok = sim_call (sim, "POST", "/_sim/faults", fault);
  message = create_message (client, TO_A, FROM_A, "Your quarterly review is booked", NULL, NULL, &reconciled,
                            &error);
  g_assert_no_error (error);
  g_assert_true (reconciled);
  g_assert_cmpstr (liaison_twilio_message_get_body (message), ==, "Your quarterly review is booked");
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/Messages.json"), ==, 1);
  g_assert_cmpuint (sim_count_requests (sim, "GET", "/Messages.json"), >=, 1);

  fetched = fetch_message (client, liaison_twilio_message_get_sid (message), NULL, &error);
  g_assert_no_error (error);
}

static void
test_sim_cancel_mid_request (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, &clock);
  g_autoptr(LiaisonTwilioMessage) created = NULL;
  g_autoptr(LiaisonTwilioMessage) fetched = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;
  g_autofree char *suffix = NULL;
  static const char * const fault[] = {
    "path", "/Messages/SM[0-9a-f]+\\.json$", "method", "GET", "status", "503", "latency_ms", "60000",
    "count", "0", NULL,
  };
  guint polls = 0;

  created = create_message (client, TO_A, FROM_A, "x", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  suffix = g_strdup_printf ("/%s.json", liaison_twilio_message_get_sid (created));
  ok = sim_call (sim, "POST", "/_sim/faults", fault);

  liaison_twilio_client_fetch_message_async (client, liaison_twilio_message_get_sid (created), cancellable,
                                             liaison_test_async_cb, &result);
  /* Once the simulator holds the request, cancel. */
  while (sim_count_requests (sim, "GET", suffix) == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (++polls, <, 100000);
    }
  g_cancellable_cancel (cancellable);
  liaison_test_wait (&result);
  fetched = liaison_twilio_client_fetch_message_finish (client, result, &error);
  g_assert_null (fetched);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (liaison_clock_get_waits (clock)->len, ==, 0);
  g_assert_cmpuint (sim_count_requests (sim, "GET", suffix), ==, 1);
}

static LiaisonTwilioMessage *
update (LiaisonTwilioClient *client,
        const char          *sid,
        gboolean             redact,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (redact)
    liaison_twilio_client_redact_message_async (client, sid, NULL, liaison_test_async_cb, &result);
  else
    liaison_twilio_client_cancel_message_async (client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_update_message_finish (client, result, error);
}

static void
test_sim_redact_cancel_delete (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  g_autoptr(LiaisonTwilioMessage) first = NULL;
  g_autoptr(LiaisonTwilioMessage) second = NULL;
  g_autoptr(LiaisonTwilioMessage) redacted = NULL;
  g_autoptr(LiaisonTwilioMessage) canceled = NULL;
  g_autoptr(LiaisonTwilioMessage) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) advanced = NULL;
  static const char * const ten_seconds[] = { "seconds", "10", NULL };

  liaison_rate_limiter_set_rate (liaison_twilio_client_get_rate_limiter (client), FROM_A, 1000);
  first = create_message (client, TO_A, FROM_A, "Account number 1234", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Redaction once delivery is over. */
  advanced = sim_call (sim, "POST", "/_sim/clock/advance", ten_seconds);
  redacted = update (client, liaison_twilio_message_get_sid (first), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_body (redacted), ==, "");
  g_assert_cmpstr (liaison_twilio_message_get_status (redacted), ==, "delivered");

  /* Cancelling a queued message. */
  second = create_message (client, TO_A, FROM_A, "Cancel me", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  canceled = update (client, liaison_twilio_message_get_sid (second), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_status (canceled), ==, "canceled");

  /* Delete: 204, then the message is gone. */
  liaison_twilio_client_delete_message_async (client, liaison_twilio_message_get_sid (first), NULL,
                                              liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_twilio_client_delete_message_finish (client, result, &error));
  g_assert_no_error (error);
  gone = fetch_message (client, liaison_twilio_message_get_sid (first), NULL, &error);
  g_assert_null (gone);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpint (liaison_twilio_error_get_details (error)->code, ==, 20404);
}

static void
test_sim_media_list (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  static const char * const media[] = { "https://example.com/a.jpg", "https://example.com/b.png", NULL };
  g_autoptr(LiaisonTwilioMessage) message = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  message = create_message (client, TO_A, FROM_A, "Two pictures", media, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_message_get_num_media (message), ==, 2);

  liaison_twilio_client_list_media_async (client, liaison_twilio_message_get_sid (message), NULL,
                                          liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  page = liaison_twilio_client_list_finish (client, result, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (page);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_false (liaison_twilio_page_has_next (page));
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioMedia *item = g_ptr_array_index (items, i);

      g_assert_true (LIAISON_IS_TWILIO_MEDIA (item));
      g_assert_true (g_str_has_prefix (liaison_twilio_media_get_sid (item), "ME"));
      g_assert_cmpstr (liaison_twilio_media_get_parent_sid (item), ==, liaison_twilio_message_get_sid (message));
      g_assert_nonnull (liaison_twilio_media_get_date_created (item));
    }
  g_assert_cmpstr (liaison_twilio_media_get_content_type (g_ptr_array_index (items, 0)), ==, "image/jpeg");
  g_assert_cmpstr (liaison_twilio_media_get_content_type (g_ptr_array_index (items, 1)), ==, "image/png");
}

/* Pacing across real HTTP: three sends from one number 1 s apart in
 * virtual time; they all reach the simulator. */
static void
test_sim_pacing (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonClock) clock = NULL;
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, &clock);
  GAsyncResult *results[3] = { NULL, };
  gint64 start = liaison_clock_get_now_usec (clock);
  GArray *waits;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    liaison_twilio_client_create_message_async (client, TO_A, FROM_A, NULL, "Paced", NULL, NULL, NULL, NULL,
                                                liaison_test_async_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonTwilioMessage) message = NULL;

      liaison_test_wait (&results[i]);
      message = liaison_twilio_client_create_message_finish (client, results[i], NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }
  waits = liaison_clock_get_waits (clock);
  g_assert_cmpuint (waits->len, ==, 2);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (waits, gint64, 1), ==, G_USEC_PER_SEC);
  g_assert_cmpint (liaison_clock_get_now_usec (clock) - start, ==, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/Messages.json"), ==, 3);
}

/* Scheduled sends through the client, on the simulator's clock. */

#define SERVICE_A "MGaaaa456789abcdef0123456789abcdef"

static gint64
sim_advance (LiaisonTestSim *sim,
             gint64          seconds)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  const char * const form[] = { "seconds", text, NULL };
  g_autoptr(JsonNode) answer = sim_call (sim, "POST", "/_sim/clock/advance", form);

  return json_object_get_int_member (json_node_get_object (answer), "clock");
}

/* Creates a message scheduled @ahead seconds after the simulator's clock. */
static LiaisonTwilioMessage *
schedule_message (LiaisonTwilioClient  *client,
                  LiaisonTestSim       *sim,
                  const char           *from,
                  const char           *service,
                  gint64                ahead,
                  GError              **error)
{
  g_autoptr(GDateTime) send_at = g_date_time_new_from_unix_utc (sim_advance (sim, 0) + ahead);
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_create_message_async (client, TO_A, from, service, "See you at the review", NULL, NULL,
                                              send_at, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_create_message_finish (client, result, NULL, error);
}

static void
test_sim_schedule_fires (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  g_autoptr(LiaisonTwilioMessage) scheduled = NULL;
  g_autoptr(LiaisonTwilioMessage) waiting = NULL;
  g_autoptr(LiaisonTwilioMessage) due = NULL;
  g_autoptr(LiaisonTwilioMessage) delivered = NULL;
  g_autoptr(GError) error = NULL;
  const char *sid;

  scheduled = schedule_message (client, sim, NULL, SERVICE_A, 2 * 3600, &error);
  g_assert_no_error (error);
  sid = liaison_twilio_message_get_sid (scheduled);
  g_assert_cmpstr (liaison_twilio_message_get_status (scheduled), ==, "scheduled");
  g_assert_cmpstr (liaison_twilio_message_get_messaging_service_sid (scheduled), ==, SERVICE_A);
  g_assert_null (liaison_twilio_message_get_date_sent (scheduled));
  /* The request carried Twilio's scheduling parameters. */
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/Messages.json"), ==, 1);

  sim_advance (sim, 2 * 3600 - 1);
  waiting = fetch_message (client, sid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_status (waiting), ==, "scheduled");

  sim_advance (sim, 1);
  due = fetch_message (client, sid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_status (due), ==, "queued");

  sim_advance (sim, 10);
  delivered = fetch_message (client, sid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_status (delivered), ==, "delivered");
  g_assert_nonnull (liaison_twilio_message_get_date_sent (delivered));
}

static void
test_sim_schedule_cancel (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);
  g_autoptr(LiaisonTwilioMessage) scheduled = NULL;
  g_autoptr(LiaisonTwilioMessage) canceled = NULL;
  g_autoptr(LiaisonTwilioMessage) later = NULL;
  g_autoptr(LiaisonTwilioMessage) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *suffix = NULL;
  const char *sid;

  scheduled = schedule_message (client, sim, FROM_A, SERVICE_A, 86400, &error);
  g_assert_no_error (error);
  sid = liaison_twilio_message_get_sid (scheduled);
  g_assert_cmpstr (liaison_twilio_message_get_from (scheduled), ==, FROM_A);

  sim_advance (sim, 3600);
  canceled = update (client, sid, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_status (canceled), ==, "canceled");

  /* Never sent, even once its time has passed. */
  sim_advance (sim, 2 * 86400);
  later = fetch_message (client, sid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_message_get_status (later), ==, "canceled");
  g_assert_null (liaison_twilio_message_get_date_sent (later));

  /* A second cancel is refused, and not retried. */
  again = update (client, sid, FALSE, &error);
  g_assert_null (again);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_cmpuint (liaison_twilio_error_get_details (error)->http_status, ==, 400);
  suffix = g_strconcat ("/", sid, ".json", NULL);
  g_assert_cmpuint (sim_count_requests (sim, "POST", suffix), ==, 2);
}

static void
test_sim_schedule_errors (void)
{
  static const struct {
    const char *from;
    const char *service;
    gint64      ahead;
    gint        code;
  } cases[] = {
    { NULL, SERVICE_A, 600, 35114 },               /* under 15 minutes */
    { NULL, SERVICE_A, 35 * 86400 + 60, 35114 },   /* over 35 days */
    { NULL, SERVICE_A, -3600, 35114 },             /* in the past */
    { FROM_A, NULL, 3600, 35118 },                 /* no Messaging Service */
  };
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonTwilioMessage) message = NULL;
      g_autoptr(GError) error = NULL;
      const LiaisonTwilioErrorDetails *details;

      message = schedule_message (client, sim, cases[i].from, cases[i].service, cases[i].ahead, &error);
      g_assert_null (message);
      g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
      details = liaison_twilio_error_get_details (error);
      g_assert_nonnull (details);
      g_assert_cmpuint (details->http_status, ==, 400);
      g_assert_cmpint (details->code, ==, cases[i].code);
    }
  /* Refused answers are final: one POST each. */
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/Messages.json"), ==, G_N_ELEMENTS (cases));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/TwilioMessages/form-encoding", test_form_encoding);
  g_test_add_func ("/Liaison/TwilioMessages/rfc2822", test_rfc2822);
  g_test_add_func ("/Liaison/TwilioMessages/message-json", test_message_json);
  g_test_add_func ("/Liaison/TwilioMessages/message-json-invalid", test_message_json_invalid);
  g_test_add_func ("/Liaison/TwilioMessages/base-urls", test_base_urls);

  g_test_add_func ("/Liaison/TwilioMessages/fake/create-media-repeated", test_fake_create_media_repeated);
  g_test_add_func ("/Liaison/TwilioMessages/fake/429-retry-after", test_fake_429_retry_after);
  g_test_add_func ("/Liaison/TwilioMessages/fake/lost-answer-reconciled", test_fake_lost_answer_reconciled);
  g_test_add_func ("/Liaison/TwilioMessages/fake/lost-answer-not-sent", test_fake_lost_answer_not_sent);
  g_test_add_func ("/Liaison/TwilioMessages/fake/lost-answer-uncertain", test_fake_lost_answer_uncertain);
  g_test_add_func ("/Liaison/TwilioMessages/fake/api-error", test_fake_api_error);
  g_test_add_func ("/Liaison/TwilioMessages/closed-port", test_closed_port);
  g_test_add_func ("/Liaison/TwilioMessages/fake/cancel-in-flight", test_fake_cancel_in_flight);
  g_test_add_func ("/Liaison/TwilioMessages/fake/cancel-during-backoff", test_fake_cancel_during_backoff);
  g_test_add_func ("/Liaison/TwilioMessages/fake/get-5xx-and-broken", test_fake_get_5xx_and_broken);
  g_test_add_func ("/Liaison/TwilioMessages/fake/paging-styles", test_fake_paging_styles);
  g_test_add_func ("/Liaison/TwilioMessages/fake/paging-2010", test_fake_paging_2010);
  g_test_add_func ("/Liaison/TwilioMessages/fake/pacing", test_fake_pacing);
  g_test_add_func ("/Liaison/TwilioMessages/fake/request-bodies", test_fake_request_bodies);

  g_test_add_func ("/Liaison/TwilioMessages/sim/create-fetch-list", test_sim_create_fetch_list);
  g_test_add_func ("/Liaison/TwilioMessages/sim/api-errors", test_sim_api_errors);
  g_test_add_func ("/Liaison/TwilioMessages/sim/429-retry-after", test_sim_429_retry_after);
  g_test_add_func ("/Liaison/TwilioMessages/sim/drop-response-reconciled", test_sim_drop_response_reconciled);
  g_test_add_func ("/Liaison/TwilioMessages/sim/cancel-mid-request", test_sim_cancel_mid_request);
  g_test_add_func ("/Liaison/TwilioMessages/sim/redact-cancel-delete", test_sim_redact_cancel_delete);
  g_test_add_func ("/Liaison/TwilioMessages/sim/pacing", test_sim_pacing);
  g_test_add_func ("/Liaison/TwilioMessages/sim/media-list", test_sim_media_list);
  g_test_add_func ("/Liaison/TwilioMessages/sim/schedule-fires", test_sim_schedule_fires);
  g_test_add_func ("/Liaison/TwilioMessages/sim/schedule-cancel", test_sim_schedule_cancel);
  g_test_add_func ("/Liaison/TwilioMessages/sim/schedule-errors", test_sim_schedule_errors);

  return g_test_run ();
}
