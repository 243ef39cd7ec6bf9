/* test-twilio-numbers.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-clock.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-numbers.h"
#include "liaison-twilio-page.h"
#include "liaison-webhook-signature.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* The phone-number calls of LiaisonTwilioClient against liaison-sim:
 * search, purchase, update, release, porting, portability and Lookup. */

#define DOCUMENT "RDaaaa456789abcdef0123456789abcdef"
#define DAY      86400

/* Helpers */

static LiaisonTwilioClient *
sim_client (LiaisonTestSim *sim)
{
  g_autoptr(LiaisonTwilioCredentials) credentials =
    liaison_twilio_credentials_new_auth_token (sim->account_sid, sim->auth_token);
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (g_get_real_time ());
  LiaisonTwilioClient *client = liaison_twilio_client_new ();

  liaison_clock_set_auto_advance (clock, TRUE);
  liaison_twilio_client_set_api_base (client, sim->url);
  liaison_twilio_client_set_base_url (client, LIAISON_TWILIO_PRODUCT_NUMBERS, sim->url);
  liaison_twilio_client_set_base_url (client, LIAISON_TWILIO_PRODUCT_LOOKUPS, sim->url);
  liaison_twilio_client_set_credentials (client, credentials);
  liaison_twilio_client_set_clock (client, clock);
  return client;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* A control call (/_sim/…), sent asynchronously so that webhooks to a server
 * of this process are answered meanwhile. */
static JsonNode *
sim_call (LiaisonTestSim     *sim,
          const char         *path,
          const char * const *form)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (form != NULL ? "POST" : "GET", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      char *encoded = liaison_twilio_encode_form (form);
      g_autoptr(GBytes) body = g_bytes_new_take (encoded, strlen (encoded));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (soup_message_get_status (msg) != 200)
    g_test_message ("%s: %u %.*s", path, soup_message_get_status (msg),
                    (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer), &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
advance_clock (LiaisonTestSim *sim,
               guint           seconds)
{
  g_autofree char *text = g_strdup_printf ("%u", seconds);
  const char *form[] = { "seconds", text, NULL };
  g_autoptr(JsonNode) answer = sim_call (sim, "/_sim/clock/advance", form);

  g_assert_true (json_object_has_member (json_node_get_object (answer), "clock"));
}

/* REST requests the simulator received with @method and a path ending in @suffix. */
static guint
sim_count_requests (LiaisonTestSim *sim,
                    const char     *method,
                    const char     *suffix)
{
  g_autoptr(JsonNode) root = sim_call (sim, "/_sim/requests", NULL);
  JsonArray *array = json_node_get_array (root);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *request = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (request, "method"), method)
          && g_str_has_suffix (json_object_get_string_member (request, "path"), suffix))
        n++;
    }
  return n;
}

static void
assert_api_error (const GError *error,
                  guint         http_status,
                  gint          code)
{
  const LiaisonTwilioErrorDetails *details;

  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  details = liaison_twilio_error_get_details (error);
  g_assert_nonnull (details);
  g_assert_cmpuint (details->http_status, ==, http_status);
  g_assert_cmpint (details->code, ==, code);
}

static LiaisonTwilioPage *
search (LiaisonTwilioClient     *client,
        LiaisonTestSim          *sim,
        const char              *country,
        LiaisonTwilioNumberType  type,
        const char * const      *filters,
        GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_search_available_numbers_async (client, sim->account_sid, country, type, filters, 20,
                                                        NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_list_finish (client, result, error);
}

static LiaisonTwilioIncomingNumber *
purchase (LiaisonTwilioClient  *client,
          LiaisonTestSim       *sim,
          const char           *phone_number,
          const char           *area_code,
          const char * const   *options,
          gboolean             *out_reconciled,
          GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_purchase_number_async (client, sim->account_sid, phone_number, area_code, options, NULL,
                                               liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_purchase_number_finish (client, result, out_reconciled, error);
}

static LiaisonTwilioIncomingNumber *
fetch_number (LiaisonTwilioClient  *client,
              LiaisonTestSim       *sim,
              const char           *sid,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_fetch_number_async (client, sim->account_sid, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_fetch_number_finish (client, result, error);
}

static LiaisonTwilioPage *
list_numbers (LiaisonTwilioClient  *client,
              LiaisonTestSim       *sim,
              const char           *phone_number,
              guint                 page_size)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioPage *page;

  liaison_twilio_client_list_numbers_async (client, sim->account_sid, phone_number, NULL, page_size, NULL,
                                            liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  page = liaison_twilio_client_list_finish (client, result, &error);
  g_assert_no_error (error);
  return page;
}

static LiaisonTwilioPage *
next_page (LiaisonTwilioPage *page)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioPage *next;

  liaison_twilio_page_next_async (page, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  next = liaison_twilio_page_next_finish (page, result, &error);
  g_assert_no_error (error);
  return next;
}

/* Walks every page; returns the item count and checks each page's size. */
static guint
count_all_pages (LiaisonTwilioPage *first,
                 guint              page_size,
                 guint             *out_pages,
                 GHashTable        *ids,
                 const char      *(*get_id) (gpointer))
{
  g_autoptr(LiaisonTwilioPage) page = g_object_ref (first);
  guint total = 0;
  guint pages = 0;

  for (;;)
    {
      GPtrArray *items = liaison_twilio_page_get_items (page);
      LiaisonTwilioPage *next;

      pages++;
      g_assert_cmpuint (items->len, <=, page_size);
      for (guint i = 0; i < items->len; i++)
        g_assert_true (g_hash_table_add (ids, g_strdup (get_id (g_ptr_array_index (items, i)))));
      total += items->len;
      if (!liaison_twilio_page_has_next (page))
        break;
      g_assert_cmpuint (items->len, ==, page_size);
      next = next_page (page);
      g_object_unref (page);
      page = next;
    }
  *out_pages = pages;
  return total;
}

/* Searching */

static void
test_search (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  static const char * const by_area[] = { "AreaCode", "415", NULL };
  static const char * const by_contains[] = { "Contains", "41561*****", NULL };
  static const char * const by_letters[] = { "AreaCode", "212", "Contains", "MY", NULL };   /* 69 */
  static const char * const by_region[] = { "InRegion", "NY", NULL };
  static const char * const by_locality[] = { "InLocality", "honolulu", "ExcludeAllAddressRequired", "true", NULL };
  static const char * const fax[] = { "FaxEnabled", "true", NULL };
  static const char * const bad_area[] = { "AreaCode", "12", NULL };
  static const char * const nowhere[] = { "AreaCode", "999", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(LiaisonTwilioPage) contains = NULL;
  g_autoptr(LiaisonTwilioPage) letters = NULL;
  g_autoptr(LiaisonTwilioPage) region = NULL;
  g_autoptr(LiaisonTwilioPage) locality = NULL;
  g_autoptr(LiaisonTwilioPage) toll_free = NULL;
  g_autoptr(LiaisonTwilioPage) mobile = NULL;
  g_autoptr(LiaisonTwilioPage) mobile_fax = NULL;
  g_autoptr(LiaisonTwilioPage) empty = NULL;
  g_autoptr(LiaisonTwilioPage) bad = NULL;
  GPtrArray *items;
  double latitude = 0, longitude = 0;

  page = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_area, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (page);
  g_assert_cmpuint (items->len, ==, 20);
  g_assert_false (liaison_twilio_page_has_next (page));
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioAvailableNumber *number = g_ptr_array_index (items, i);
      const char *e164 = liaison_twilio_available_number_get_phone_number (number);
      g_autofree char *friendly = g_strdup_printf ("(%.3s) %.3s-%.4s", e164 + 2, e164 + 5, e164 + 8);

      g_assert_true (g_str_has_prefix (e164, "+1415"));
      g_assert_cmpuint (strlen (e164), ==, 12);
      g_assert_cmpstr (liaison_twilio_available_number_get_friendly_name (number), ==, friendly);
      g_assert_cmpstr (liaison_twilio_available_number_get_locality (number), ==, "San Francisco");
      g_assert_cmpstr (liaison_twilio_available_number_get_region (number), ==, "CA");
      g_assert_cmpstr (liaison_twilio_available_number_get_iso_country (number), ==, "US");
      g_assert_cmpstr (liaison_twilio_available_number_get_rate_center (number), ==, "SNFC CNTRL");
      g_assert_nonnull (liaison_twilio_available_number_get_postal_code (number));
      g_assert_true (liaison_twilio_available_number_get_position (number, &latitude, &longitude));
      g_assert_cmpfloat_with_epsilon (latitude, 37.7749, 0.001);
      g_assert_cmpuint (liaison_twilio_available_number_get_capabilities (number)
                        & (LIAISON_TWILIO_CAPABILITY_SMS | LIAISON_TWILIO_CAPABILITY_MMS
                           | LIAISON_TWILIO_CAPABILITY_VOICE), ==,
                        LIAISON_TWILIO_CAPABILITY_SMS | LIAISON_TWILIO_CAPABILITY_MMS
                        | LIAISON_TWILIO_CAPABILITY_VOICE);
    }

  /* Contains: a prefix and wildcards, then letters as keypad digits. */
  contains = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_contains, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (contains);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    g_assert_true (g_str_has_prefix (liaison_twilio_available_number_get_phone_number (g_ptr_array_index (items, i)),
                                     "+141561"));

  letters = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_letters, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (letters);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const char *e164 = liaison_twilio_available_number_get_phone_number (g_ptr_array_index (items, i));

      g_assert_true (g_str_has_prefix (e164, "+1212"));
      g_assert_nonnull (strstr (e164 + 1, "69"));
    }

  region = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_region, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (region);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (liaison_twilio_available_number_get_region (g_ptr_array_index (items, i)), ==, "NY");

  locality = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_locality, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (locality);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioAvailableNumber *number = g_ptr_array_index (items, i);

      g_assert_cmpstr (liaison_twilio_available_number_get_locality (number), ==, "Honolulu");
      g_assert_cmpstr (liaison_twilio_available_number_get_address_requirements (number), ==, "none");
    }

  toll_free = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_TOLL_FREE, NULL, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (toll_free);
  g_assert_cmpuint (items->len, ==, 20);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioAvailableNumber *number = g_ptr_array_index (items, i);
      const char *e164 = liaison_twilio_available_number_get_phone_number (number);

      g_assert_true (g_str_has_prefix (e164, "+18"));
      g_assert_null (liaison_twilio_available_number_get_locality (number));
      g_assert_false (liaison_twilio_available_number_get_position (number, NULL, NULL));
    }

  /* Mobile numbers in Canada: no fax. */
  mobile = search (client, sim, "CA", LIAISON_TWILIO_NUMBER_TYPE_MOBILE, NULL, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (mobile);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioAvailableNumber *number = g_ptr_array_index (items, i);

      g_assert_cmpstr (liaison_twilio_available_number_get_iso_country (number), ==, "CA");
      g_assert_cmpuint (liaison_twilio_available_number_get_capabilities (number)
                        & LIAISON_TWILIO_CAPABILITY_FAX, ==, 0);
      g_assert_cmpuint (liaison_twilio_available_number_get_capabilities (number)
                        & LIAISON_TWILIO_CAPABILITY_SMS, !=, 0);
    }
  mobile_fax = search (client, sim, "CA", LIAISON_TWILIO_NUMBER_TYPE_MOBILE, fax, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (mobile_fax)->len, ==, 0);

  /* An area code with nothing to sell, then one that cannot exist. */
  empty = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, nowhere, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_twilio_page_get_items (empty)->len, ==, 0);
  bad = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, bad_area, &error);
  g_assert_null (bad);
  assert_api_error (error, 400, 21451);
}

/* Buying, inbound SMS, update, release */

typedef struct {
  GPtrArray *bodies;   /* the "Body" of each webhook */
} Webhooks;

static void
webhook_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Webhooks *hooks = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (text);

  g_ptr_array_add (hooks->bodies, g_strdup (g_hash_table_lookup (form, "Body")));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC, "<Response/>", 11);
}

static void
test_purchase_inbound_update_release (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  Webhooks hooks = { g_ptr_array_new_with_free_func (g_free) };
  static const char * const by_area[] = { "AreaCode", "617", NULL };
  g_autoptr(LiaisonTwilioPage) available = NULL;
  g_autoptr(LiaisonTwilioPage) after = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) bought = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) updated = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) fetched = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) gone = NULL;
  g_autoptr(GAsyncResult) update_result = NULL;
  g_autoptr(GAsyncResult) release_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) inbound = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *sms_url = NULL;
  g_autofree char *phone_number = NULL;
  gboolean reconciled = TRUE;
  const char *options[] = { "SmsUrl", NULL, "FriendlyName", "Front desk", NULL };
  static const char * const update[] = { "FriendlyName", "Reception", "VoiceUrl", "https://example.com/voice",
                                         "SmsUrl", "", NULL };

  soup_server_add_handler (server, "/sms", webhook_handler, &hooks, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  sms_url = g_strdup_printf ("http://127.0.0.1:%d/sms", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  options[1] = sms_url;

  available = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_area, &error);
  g_assert_no_error (error);
  phone_number = g_strdup (liaison_twilio_available_number_get_phone_number (
                             g_ptr_array_index (liaison_twilio_page_get_items (available), 0)));

  bought = purchase (client, sim, phone_number, NULL, options, &reconciled, &error);
  g_assert_no_error (error);
  g_assert_false (reconciled);
  g_assert_true (g_str_has_prefix (liaison_twilio_incoming_number_get_sid (bought), "PN"));
  g_assert_cmpstr (liaison_twilio_incoming_number_get_phone_number (bought), ==, phone_number);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_account_sid (bought), ==, sim->account_sid);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_friendly_name (bought), ==, "Front desk");
  g_assert_cmpstr (liaison_twilio_incoming_number_get_sms_url (bought), ==, sms_url);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_sms_method (bought), ==, "POST");
  g_assert_cmpstr (liaison_twilio_incoming_number_get_number_type (bought), ==, "local");
  g_assert_cmpstr (liaison_twilio_incoming_number_get_status (bought), ==, "in-use");
  g_assert_nonnull (liaison_twilio_incoming_number_get_date_created (bought));
  g_assert_cmpuint (liaison_twilio_incoming_number_get_capabilities (bought) & LIAISON_TWILIO_CAPABILITY_SMS, !=, 0);
  {
    g_autofree char *friendly_property = NULL;
    guint capabilities = 0;

    /* Properties agree with the getters. */
    g_object_get (bought, "friendly-name", &friendly_property, "capabilities", &capabilities, NULL);
    g_assert_cmpstr (friendly_property, ==, "Front desk");
    g_assert_cmpuint (capabilities, ==, liaison_twilio_incoming_number_get_capabilities (bought));
  }

  /* Bought numbers leave the inventory. */
  after = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_area, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_available_number_get_phone_number (
                     g_ptr_array_index (liaison_twilio_page_get_items (after), 0)), !=, phone_number);

  /* An inbound message to the new number reaches its SmsUrl at once. */
  {
    const char *form[] = { "From", "+14155550100", "To", phone_number, "Body", "Is my review still on?", NULL };

    inbound = sim_call (sim, "/_sim/inbound/sms", form);
  }
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (inbound), "webhook_status"), ==, 200);
  g_assert_cmpuint (hooks.bodies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (hooks.bodies, 0), ==, "Is my review still on?");

  /* Update: a new name and voice URL; the SMS URL is cleared. */
  liaison_twilio_client_update_number_async (client, sim->account_sid, liaison_twilio_incoming_number_get_sid (bought),
                                             update, NULL, liaison_test_async_cb, &update_result);
  liaison_test_wait (&update_result);
  updated = liaison_twilio_client_fetch_number_finish (client, update_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_friendly_name (updated), ==, "Reception");
  g_assert_cmpstr (liaison_twilio_incoming_number_get_voice_url (updated), ==, "https://example.com/voice");
  g_assert_null (liaison_twilio_incoming_number_get_sms_url (updated));

  fetched = fetch_number (client, sim, liaison_twilio_incoming_number_get_sid (bought), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_friendly_name (fetched), ==, "Reception");

  /* Release, then the number is gone. */
  liaison_twilio_client_release_number_async (client, sim->account_sid, liaison_twilio_incoming_number_get_sid (bought),
                                              NULL, liaison_test_async_cb, &release_result);
  liaison_test_wait (&release_result);
  g_assert_true (liaison_twilio_client_release_number_finish (client, release_result, &error));
  g_assert_no_error (error);
  gone = fetch_number (client, sim, liaison_twilio_incoming_number_get_sid (bought), &error);
  g_assert_null (gone);
  assert_api_error (error, 404, 20404);

  g_ptr_array_unref (hooks.bodies);
}

static void
test_purchase_magic (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  g_autoptr(LiaisonTwilioIncomingNumber) unavailable = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) invalid = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) valid = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) again = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) none_in_area = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) by_area = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) not_for_sale = NULL;
  g_autoptr(GError) error = NULL;

  unavailable = purchase (client, sim, "+15005550000", NULL, NULL, NULL, &error);
  g_assert_null (unavailable);
  assert_api_error (error, 400, 21422);
  g_clear_error (&error);

  invalid = purchase (client, sim, "+15005550001", NULL, NULL, NULL, &error);
  g_assert_null (invalid);
  assert_api_error (error, 400, 21421);
  g_clear_error (&error);

  valid = purchase (client, sim, "+15005550006", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_friendly_name (valid), ==, "(500) 555-0006");

  /* Owned now: neither the number nor its area code can be bought again. */
  again = purchase (client, sim, "+15005550006", NULL, NULL, NULL, &error);
  g_assert_null (again);
  assert_api_error (error, 400, 21422);
  g_clear_error (&error);

  none_in_area = purchase (client, sim, NULL, "533", NULL, NULL, &error);
  g_assert_null (none_in_area);
  assert_api_error (error, 400, 21452);
  g_clear_error (&error);

  by_area = purchase (client, sim, NULL, "206", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (liaison_twilio_incoming_number_get_phone_number (by_area), "+1206"));

  /* A well-formed number the inventory does not hold. */
  not_for_sale = purchase (client, sim, "+12065550199", NULL, NULL, NULL, &error);
  g_assert_null (not_for_sale);
  assert_api_error (error, 400, 21422);
}

static const char *
incoming_sid (gpointer item)
{
  return liaison_twilio_incoming_number_get_sid (item);
}

static void
test_list_pages (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  static const char * const by_area[] = { "AreaCode", "312", NULL };
  g_autoptr(LiaisonTwilioPage) available = NULL;
  g_autoptr(LiaisonTwilioPage) first = NULL;
  g_autoptr(LiaisonTwilioPage) filtered = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) filtered_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  GPtrArray *items;
  guint pages = 0;

  available = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_area, &error);
  g_assert_no_error (error);
  items = liaison_twilio_page_get_items (available);
  g_assert_cmpuint (items->len, >=, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(LiaisonTwilioIncomingNumber) bought =
        purchase (client, sim, liaison_twilio_available_number_get_phone_number (g_ptr_array_index (items, i)),
                  NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_clear_pointer (&last, g_free);
      last = g_strdup (liaison_twilio_incoming_number_get_phone_number (bought));
    }

  first = list_numbers (client, sim, NULL, 3);
  /* Newest first. */
  g_assert_cmpstr (liaison_twilio_incoming_number_get_phone_number (
                     g_ptr_array_index (liaison_twilio_page_get_items (first), 0)), ==, last);
  g_assert_cmpuint (count_all_pages (first, 3, &pages, ids, incoming_sid), ==, 7);
  g_assert_cmpuint (pages, ==, 3);

  /* PhoneNumber filter: the last purchase by its digits. */
  filtered = list_numbers (client, sim, last + 2, 3);
  g_assert_cmpuint (count_all_pages (filtered, 3, &pages, filtered_ids, incoming_sid), ==, 1);
}

static void
test_purchase_lost_answer (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  static const char * const by_area[] = { "AreaCode", "512", NULL };
  static const char * const fault[] = {
    "path", "/IncomingPhoneNumbers\\.json$", "method", "POST", "mode", "drop-response", "count", "1", NULL,
  };
  g_autoptr(LiaisonTwilioPage) available = NULL;
  g_autoptr(LiaisonTwilioPage) owned = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) bought = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) twice = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) by_area_code = NULL;
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone_number = NULL;
  gboolean reconciled = FALSE;

  available = search (client, sim, "US", LIAISON_TWILIO_NUMBER_TYPE_LOCAL, by_area, &error);
  g_assert_no_error (error);
  phone_number = g_strdup (liaison_twilio_available_number_get_phone_number (
                             g_ptr_array_index (liaison_twilio_page_get_items (available), 0)));

  ok = sim_call (sim, "/_sim/faults", fault);
  bought = purchase (client, sim, phone_number, NULL, NULL, &reconciled, &error);
  g_assert_no_error (error);
  g_assert_true (reconciled);
  g_assert_cmpstr (liaison_twilio_incoming_number_get_phone_number (bought), ==, phone_number);
  /* Sent once, then checked by listing; never bought twice. */
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/IncomingPhoneNumbers.json"), ==, 1);
  g_assert_cmpuint (sim_count_requests (sim, "GET", "/IncomingPhoneNumbers.json"), >=, 1);
  owned = list_numbers (client, sim, NULL, 50);
  g_assert_cmpuint (liaison_twilio_page_get_items (owned)->len, ==, 1);

  /* A lost answer to a purchase Twilio refused (21422): the number is not
   * in the account, so the client says it was not bought. */
  g_clear_pointer (&ok, json_node_unref);
  ok = sim_call (sim, "/_sim/faults", fault);
  twice = purchase (client, sim, "+15005550000", NULL, NULL, &reconciled, &error);
  g_assert_null (twice);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NOT_SENT);
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/IncomingPhoneNumbers.json"), ==, 2);

  /* By area code the bought number cannot be told apart: uncertain. */
  g_clear_pointer (&ok, json_node_unref);
  g_clear_error (&error);
  ok = sim_call (sim, "/_sim/faults", fault);
  by_area_code = purchase (client, sim, NULL, "808", NULL, &reconciled, &error);
  g_assert_null (by_area_code);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN);
  g_assert_cmpuint (sim_count_requests (sim, "POST", "/IncomingPhoneNumbers.json"), ==, 3);
  g_assert_false (reconciled);
}

/* Porting */

static LiaisonTwilioPortIn *
create_port_in (LiaisonTwilioClient            *client,
                const LiaisonTwilioPortInSpec  *spec,
                GError                        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_create_port_in_async (client, spec, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_fetch_port_in_finish (client, result, error);
}

static LiaisonTwilioPortIn *
fetch_port_in (LiaisonTwilioClient *client,
               const char          *sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioPortIn *port_in;

  liaison_twilio_client_fetch_port_in_async (client, sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  port_in = liaison_twilio_client_fetch_port_in_finish (client, result, &error);
  g_assert_no_error (error);
  return port_in;
}

static gboolean
cancel_port_in (LiaisonTwilioClient  *client,
                const char           *sid,
                const char           *number_sid,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_cancel_port_in_async (client, sid, number_sid, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_cancel_port_in_finish (client, result, error);
}

static const char * const documents[] = { DOCUMENT, NULL };

static LiaisonTwilioPortInNumber *
port_number (LiaisonTwilioPortIn *port_in,
             guint                i)
{
  GPtrArray *numbers = liaison_twilio_port_in_get_phone_numbers (port_in);

  g_assert_cmpuint (i, <, numbers->len);
  return g_ptr_array_index (numbers, i);
}

static void
fill_spec (LiaisonTwilioPortInSpec *spec,
           LiaisonTestSim          *sim,
           const char * const      *numbers,
           const char * const      *pins)
{
  memset (spec, 0, sizeof *spec);
  spec->account_sid = sim->account_sid;
  spec->documents = documents;
  spec->phone_numbers = numbers;
  spec->pins = pins;
  spec->customer_type = "Business";
  spec->customer_name = "Harbor Wealth Partners";
  spec->authorized_representative = "Dana Whitfield";
  spec->authorized_representative_email = "dana@example.com";
  spec->street = "1 Market St";
  spec->city = "San Francisco";
  spec->state = "CA";
  spec->zip = "94105";
  spec->country = "US";
}

static void
assert_port_status (LiaisonTwilioClient *client,
                    const char          *sid,
                    const char          *status,
                    const char          *number_status)
{
  g_autoptr(LiaisonTwilioPortIn) port_in = fetch_port_in (client, sid);
  GPtrArray *numbers = liaison_twilio_port_in_get_phone_numbers (port_in);

  g_assert_cmpstr (liaison_twilio_port_in_get_status (port_in), ==, status);
  for (guint i = 0; i < numbers->len; i++)
    g_assert_cmpstr (((LiaisonTwilioPortInNumber *) g_ptr_array_index (numbers, i))->status, ==, number_status);
}

static void
test_port_in_progress (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  /* …04 is a landline, …01 a mobile (which needs its PIN). */
  static const char * const numbers[] = { "+14155550104", "+14155550101", NULL };
  static const char * const pins[] = { "", "4321", NULL };
  g_autoptr(LiaisonTwilioPortIn) created = NULL;
  g_autoptr(LiaisonTwilioPortIn) waiting = NULL;
  g_autoptr(LiaisonTwilioPortIn) pending = NULL;
  g_autoptr(LiaisonTwilioPortInNumber) number = NULL;
  g_autoptr(LiaisonTwilioPage) owned = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  LiaisonTwilioPortInSpec spec;
  LiaisonTwilioPortInNumber *first;
  GPtrArray *items;

  fill_spec (&spec, sim, numbers, pins);
  /* The body is JSON with the documented structure. */
  body = liaison_twilio_port_in_spec_to_json (&spec);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (body),
                                                                                 "losing_carrier_information"),
                                                  "customer_name"), ==, "Harbor Wealth Partners");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (body),
                                                                        "phone_numbers")), ==, 2);
  {
    JsonArray *sent = json_object_get_array_member (json_node_get_object (body), "phone_numbers");

    /* An empty PIN is left out; the mobile number's is sent. */
    g_assert_false (json_object_has_member (json_array_get_object_element (sent, 0), "pin"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 1), "pin"), ==,
                     "4321");
  }

  created = create_port_in (client, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (liaison_twilio_port_in_get_sid (created), "KW"));
  g_assert_cmpstr (liaison_twilio_port_in_get_account_sid (created), ==, sim->account_sid);
  g_assert_cmpstr (liaison_twilio_port_in_get_status (created), ==, "In review");
  g_assert_cmpuint (liaison_twilio_port_in_get_phone_numbers (created)->len, ==, 2);
  g_assert_cmpuint (liaison_twilio_port_in_get_n_requested (created), ==, 2);
  g_assert_cmpint (liaison_twilio_port_in_get_support_ticket_id (created), >, 0);
  g_assert_nonnull (liaison_twilio_port_in_get_date_created (created));
  first = g_ptr_array_index (liaison_twilio_port_in_get_phone_numbers (created), 0);
  g_assert_true (g_str_has_prefix (first->sid, "PU"));
  g_assert_cmpstr (first->phone_number, ==, "+14155550104");
  g_assert_cmpstr (first->status, ==, "In Review");
  g_assert_cmpstr (port_number (created, 1)->number_type,
                   ==, "MOBILE");

  /* Nothing moves until the simulated clock does. */
  advance_clock (sim, DAY - 1);
  assert_port_status (client, liaison_twilio_port_in_get_sid (created), "In review", "In Review");
  advance_clock (sim, 1);
  waiting = fetch_port_in (client, liaison_twilio_port_in_get_sid (created));
  g_assert_cmpstr (liaison_twilio_port_in_get_status (waiting), ==, "Waiting for Signature");
  g_assert_nonnull (liaison_twilio_port_in_get_signature_request_url (waiting));
  advance_clock (sim, DAY);
  assert_port_status (client, liaison_twilio_port_in_get_sid (created), "In progress", "Submitted");
  advance_clock (sim, DAY);
  pending = fetch_port_in (client, liaison_twilio_port_in_get_sid (created));
  g_assert_cmpstr (liaison_twilio_port_in_get_status (pending), ==, "In progress");
  first = g_ptr_array_index (liaison_twilio_port_in_get_phone_numbers (pending), 0);
  g_assert_cmpstr (first->status, ==, "Pending");
  g_assert_nonnull (first->port_date);
  advance_clock (sim, 2 * DAY);
  assert_port_status (client, liaison_twilio_port_in_get_sid (created), "Completed", "Completed");

  /* The per-number resource agrees. */
  liaison_twilio_client_fetch_port_in_number_async (client, liaison_twilio_port_in_get_sid (created), first->sid,
                                                    NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  number = liaison_twilio_client_fetch_port_in_number_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number->sid, ==, first->sid);
  g_assert_cmpstr (number->status, ==, "Completed");
  g_assert_cmpstr (number->phone_number, ==, "+14155550104");

  /* Both numbers now belong to the account. */
  owned = list_numbers (client, sim, NULL, 50);
  items = liaison_twilio_page_get_items (owned);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioIncomingNumber *owned_number = g_ptr_array_index (items, i);

      g_assert_true (g_strv_contains (numbers, liaison_twilio_incoming_number_get_phone_number (owned_number)));
    }
}

static void
assert_port_refused (LiaisonTwilioClient           *client,
                     const LiaisonTwilioPortInSpec *spec,
                     const char                    *words)
{
  g_autoptr(LiaisonTwilioPortIn) port_in = NULL;
  g_autoptr(GError) error = NULL;
  const LiaisonTwilioErrorDetails *details;

  port_in = create_port_in (client, spec, &error);
  g_assert_null (port_in);
  assert_api_error (error, 400, 20001);
  details = liaison_twilio_error_get_details (error);
  g_test_message ("refused: %s", details->message);
  g_assert_nonnull (strstr (details->message, words));
}

static void
test_port_in_validation (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  static const char * const landline[] = { "+14155550104", NULL };
  static const char * const mobile[] = { "+14155550101", NULL };
  static const char * const toll_free[] = { "+18005550104", NULL };
  static const char * const twice[] = { "+14155550104", "+14155550104", NULL };
  static const char * const not_e164[] = { "4155550104", NULL };
  static const char * const no_documents[] = { NULL };
  static const char * const bad_documents[] = { "utility-bill.pdf", NULL };
  static const char * const none[] = { NULL };
  LiaisonTwilioPortInSpec spec;

  fill_spec (&spec, sim, landline, NULL);
  spec.documents = no_documents;
  assert_port_refused (client, &spec, "documents");
  spec.documents = bad_documents;
  assert_port_refused (client, &spec, "documents[0]");

  fill_spec (&spec, sim, landline, NULL);
  spec.customer_name = NULL;
  assert_port_refused (client, &spec, "customer_name");

  fill_spec (&spec, sim, landline, NULL);
  spec.authorized_representative_email = "dana";
  assert_port_refused (client, &spec, "authorized_representative_email");

  fill_spec (&spec, sim, landline, NULL);
  spec.street = NULL;
  assert_port_refused (client, &spec, "address");

  fill_spec (&spec, sim, landline, NULL);
  spec.account_sid = NULL;
  assert_port_refused (client, &spec, "account_sid");

  fill_spec (&spec, sim, none, NULL);
  assert_port_refused (client, &spec, "phone_numbers");
  fill_spec (&spec, sim, mobile, NULL);
  assert_port_refused (client, &spec, "pin");
  fill_spec (&spec, sim, toll_free, NULL);
  assert_port_refused (client, &spec, "toll-free");
  fill_spec (&spec, sim, twice, NULL);
  assert_port_refused (client, &spec, "twice");
  fill_spec (&spec, sim, not_e164, NULL);
  assert_port_refused (client, &spec, "E.164");

  fill_spec (&spec, sim, landline, NULL);
  spec.target_port_in_date = "2000-01-01";
  assert_port_refused (client, &spec, "7 days");

  /* A form body is not what porting takes. */
  {
    static const char * const form[] = { "account_sid", "AC", NULL };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) answer = NULL;

    liaison_twilio_client_request_async (client, LIAISON_TWILIO_PRODUCT_NUMBERS, "POST", "/v1/Porting/PortIn",
                                         form, NULL, FALSE, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    answer = liaison_twilio_client_request_finish (client, result, &error);
    g_assert_null (answer);
    assert_api_error (error, 400, 20001);
  }
}

static const char *
port_in_sid (gpointer item)
{
  return liaison_twilio_port_in_get_sid (item);
}

static void
test_port_in_list_cancel_reject (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  g_autoptr(GPtrArray) sids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) canceled_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LiaisonTwilioPage) first = NULL;
  g_autoptr(LiaisonTwilioPage) canceled = NULL;
  g_autoptr(LiaisonTwilioPortIn) split = NULL;
  g_autoptr(LiaisonTwilioPortIn) after_split = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) rejected = NULL;
  static const char * const pair[] = { "+13125550204", "+13125550205", NULL };
  LiaisonTwilioPortInSpec spec;
  LiaisonTwilioPortInNumber *kept;
  LiaisonTwilioPortIn *newest;
  guint pages = 0;

  /* Seven requests of one landline each. */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *number = g_strdup_printf ("+1617555%04u", 1004 + 10 * i);
      const char *numbers[] = { number, NULL };
      g_autoptr(LiaisonTwilioPortIn) port_in = NULL;

      fill_spec (&spec, sim, numbers, NULL);
      port_in = create_port_in (client, &spec, &error);
      g_assert_no_error (error);
      g_ptr_array_add (sids, g_strdup (liaison_twilio_port_in_get_sid (port_in)));
    }

  /* Token paging, newest first, three pages of at most three. */
  liaison_twilio_client_list_port_ins_async (client, NULL, 3, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  first = liaison_twilio_client_list_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_twilio_port_in_get_sid (g_ptr_array_index (liaison_twilio_page_get_items (first), 0)), ==,
                   g_ptr_array_index (sids, 6));
  g_assert_cmpstr (liaison_twilio_port_in_get_status (g_ptr_array_index (liaison_twilio_page_get_items (first), 0)),
                   ==, "In review");
  newest = g_ptr_array_index (liaison_twilio_page_get_items (first), 0);
  g_assert_cmpuint (liaison_twilio_port_in_get_n_requested (newest), ==, 1);
  g_assert_nonnull (strstr (liaison_twilio_page_get_next_url (first), "Token=KW"));
  g_assert_nonnull (strstr (liaison_twilio_page_get_next_url (first), "Size=3"));
  g_assert_cmpuint (count_all_pages (first, 3, &pages, ids, port_in_sid), ==, 7);
  g_assert_cmpuint (pages, ==, 3);

  /* Cancel one; a second cancel is refused; the status filter finds it. */
  g_assert_true (cancel_port_in (client, g_ptr_array_index (sids, 2), NULL, &error));
  g_assert_no_error (error);
  assert_port_status (client, g_ptr_array_index (sids, 2), "Canceled", "Canceled");
  g_assert_false (cancel_port_in (client, g_ptr_array_index (sids, 2), NULL, &error));
  assert_api_error (error, 400, 20001);
  g_clear_error (&error);
  g_clear_object (&result);
  liaison_twilio_client_list_port_ins_async (client, "Canceled", 0, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  canceled = liaison_twilio_client_list_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_all_pages (canceled, 20, &pages, canceled_ids, port_in_sid), ==, 1);
  g_assert_true (g_hash_table_contains (canceled_ids, g_ptr_array_index (sids, 2)));

  /* Cancel one number of two; the rest of the request goes on. */
  fill_spec (&spec, sim, pair, NULL);
  split = create_port_in (client, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (cancel_port_in (client, liaison_twilio_port_in_get_sid (split),
                                 port_number (split, 0)->sid,
                                 &error));
  g_assert_no_error (error);

  /* The carrier rejects the request marked through the control API. */
  {
    const char *form[] = { "PortInRequestSid", liaison_twilio_port_in_get_sid (split), NULL };

    rejected = sim_call (sim, "/_sim/porting/reject", form);
  }
  advance_clock (sim, 3 * DAY);
  after_split = fetch_port_in (client, liaison_twilio_port_in_get_sid (split));
  g_assert_cmpstr (liaison_twilio_port_in_get_status (after_split), ==, "Action Required");
  g_assert_cmpstr (port_number (after_split, 0)->status,
                   ==, "Canceled");
  kept = g_ptr_array_index (liaison_twilio_port_in_get_phone_numbers (after_split), 1);
  g_assert_cmpstr (kept->status, ==, "Rejected");
  g_assert_nonnull (kept->rejection_reason);
  g_assert_nonnull (kept->rejection_reason_code);

  /* The others went on: accepted by the losing carrier after three days. */
  assert_port_status (client, g_ptr_array_index (sids, 0), "In progress", "Pending");
}

/* Porting webhooks: signed JSON, in order. */

typedef struct {
  GPtrArray  *events;      /* "status" of each payload */
  char       *auth_token;
  guint       n_bad;       /* payloads that failed the signature check */
  guint       wanted;
  gboolean    done;
} PortingHooks;

static void
porting_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  PortingHooks *hooks = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *url = g_uri_to_string (soup_server_message_get_uri (msg));
  const char *signature = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                        "X-Twilio-Signature");
  const char *tokens[] = { hooks->auth_token, NULL };
  const char *content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                                     NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (signature == NULL || !liaison_webhook_signature_validate (tokens, url, NULL, text, signature)
      || g_strcmp0 (content_type, "application/json") != 0)
    hooks->n_bad++;
  if (json_parser_load_from_data (parser, text, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));

      g_ptr_array_add (hooks->events, g_strdup (json_object_get_string_member_with_default (object, "status", "")));
    }
  else
    {
      hooks->n_bad++;
    }
  if (hooks->events->len >= hooks->wanted)
    hooks->done = TRUE;
  soup_server_message_set_status (msg, 200, NULL);
}

static JsonNode *
porting_request (LiaisonTwilioClient  *client,
                 const char           *method,
                 const char           *path,
                 const char           *json,
                 GError              **error)
{
  g_autoptr(JsonNode) body = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(GAsyncResult) result = NULL;

  liaison_twilio_client_request_async (client, LIAISON_TWILIO_PRODUCT_NUMBERS, method, path, NULL, body, FALSE,
                                       NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_twilio_client_request_finish (client, result, error);
}

static void
test_port_in_webhooks (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  PortingHooks hooks = { g_ptr_array_new_with_free_func (g_free), sim->auth_token, 0, 7, FALSE };
  static const char * const numbers[] = { "+12125550304", NULL };
  static const char * const expected[] = {
    "PortInWaitingForSignature", "PortInPhoneNumberWaitingForSignature",
    "PortInInProgress", "PortInPhoneNumberSubmitted",
    "PortInPhoneNumberPending",
    "PortInCompleted", "PortInPhoneNumberCompleted",
  };
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) fetched = NULL;
  g_autoptr(JsonNode) deleted = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(LiaisonTwilioPortIn) port_in = NULL;
  g_autofree char *target = NULL;
  g_autofree char *config = NULL;
  LiaisonTwilioPortInSpec spec;

  soup_server_add_handler (server, "/porting", porting_handler, &hooks, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  target = g_strdup_printf ("http://127.0.0.1:%d/porting", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  bad = porting_request (client, "POST", "/v1/Porting/Configuration/Webhook",
                         "{\"port_in_target_url\": \"ftp://example.com\"}", &error);
  g_assert_null (bad);
  assert_api_error (error, 400, 20001);
  g_clear_error (&error);

  config = g_strdup_printf ("{\"port_in_target_url\": \"%s\", \"notifications_of\": []}", target);
  created = porting_request (client, "POST", "/v1/Porting/Configuration/Webhook", config, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (created), "port_in_target_url"), ==, target);
  fetched = porting_request (client, "GET", "/v1/Porting/Configuration/Webhook", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fetched), "port_in_target_url"), ==, target);
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (fetched), "port_in_target_date_created"));

  fill_spec (&spec, sim, numbers, NULL);
  port_in = create_port_in (client, &spec, &error);
  g_assert_no_error (error);
  advance_clock (sim, 5 * DAY);
  g_assert_true (liaison_test_wait_flag (&hooks.done, 30000));

  g_assert_cmpuint (hooks.events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (hooks.events, i), ==, expected[i]);
  g_assert_cmpuint (hooks.n_bad, ==, 0);

  /* Deleted: the configuration is empty again. */
  deleted = porting_request (client, "DELETE", "/v1/Porting/Configuration/Webhook/PORT_IN", NULL, &error);
  g_assert_no_error (error);
  after = porting_request (client, "GET", "/v1/Porting/Configuration/Webhook", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (json_node_get_object (after), "port_in_target_url"));

  g_ptr_array_unref (hooks.events);
}

static LiaisonTwilioPortability *
check_portability (LiaisonTwilioClient *client,
                   const char          *phone_number)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioPortability *portability;

  liaison_twilio_client_check_portability_async (client, phone_number, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  portability = liaison_twilio_client_check_portability_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (portability->phone_number, ==, phone_number);
  return portability;
}

static void
test_portability (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  g_autoptr(LiaisonTwilioPortability) toll_free = NULL;
  g_autoptr(LiaisonTwilioPortability) mobile = NULL;
  g_autoptr(LiaisonTwilioPortability) landline = NULL;
  g_autoptr(LiaisonTwilioPortability) owned = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) bought = NULL;
  g_autoptr(GError) error = NULL;

  toll_free = check_portability (client, "+18005550100");
  g_assert_false (toll_free->portable);
  g_assert_cmpstr (toll_free->not_portable_reason, ==, "MANUAL_PORTING_AVAILABLE");
  g_assert_cmpint (toll_free->not_portable_reason_code, ==, 22133);
  g_assert_cmpstr (toll_free->number_type, ==, "TOLL-FREE");

  mobile = check_portability (client, "+14155550101");
  g_assert_true (mobile->portable);
  g_assert_true (mobile->pin_and_account_number_required);
  g_assert_cmpstr (mobile->number_type, ==, "MOBILE");
  g_assert_cmpstr (mobile->country, ==, "US");

  landline = check_portability (client, "+14155550104");
  g_assert_true (landline->portable);
  g_assert_false (landline->pin_and_account_number_required);
  g_assert_cmpstr (landline->number_type, ==, "LOCAL");
  g_assert_null (landline->not_portable_reason);

  bought = purchase (client, sim, "+15005550006", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  owned = check_portability (client, "+15005550006");
  g_assert_false (owned->portable);
  g_assert_cmpstr (owned->not_portable_reason, ==, "ALREADY_IN_THE_TARGET_ACCOUNT");
  g_assert_cmpstr (owned->account_sid, ==, sim->account_sid);
}

/* Lookup */

static LiaisonTwilioLookup *
lookup (LiaisonTwilioClient *client,
        const char          *phone_number)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioLookup *answer;

  liaison_twilio_client_lookup_line_type_async (client, phone_number, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  answer = liaison_twilio_client_lookup_line_type_finish (client, result, &error);
  g_assert_no_error (error);
  return answer;
}

static void
test_lookup (void)
{
  g_autoptr(LiaisonTestSim) sim = liaison_test_sim_start (NULL);
  g_autoptr(LiaisonTwilioClient) client = sim_client (sim);
  static const struct {
    const char            *number;
    LiaisonTwilioLineType  type;
    const char            *name;
    const char            *carrier;
  } cases[] = {
    { "+14155550101", LIAISON_TWILIO_LINE_TYPE_MOBILE, "mobile", "Verizon Wireless" },
    { "+14155550104", LIAISON_TWILIO_LINE_TYPE_LANDLINE, "landline", "AT&T Services" },
    { "+14155550106", LIAISON_TWILIO_LINE_TYPE_FIXED_VOIP, "fixedVoip", "Comcast Phone" },
    { "+14155550107", LIAISON_TWILIO_LINE_TYPE_NON_FIXED_VOIP, "nonFixedVoip", NULL },
    { "+14155550109", LIAISON_TWILIO_LINE_TYPE_MOBILE, "mobile", "T-Mobile USA, Inc." },
    { "+18005550101", LIAISON_TWILIO_LINE_TYPE_TOLL_FREE, "tollFree", NULL },
  };
  g_autoptr(LiaisonTwilioLookup) short_number = NULL;
  g_autoptr(LiaisonTwilioLookup) long_number = NULL;
  g_autoptr(LiaisonTwilioLookup) words = NULL;
  g_autoptr(LiaisonTwilioLookup) national = NULL;
  g_autoptr(LiaisonTwilioLookup) canadian = NULL;
  g_autoptr(LiaisonTwilioLookup) owned = NULL;
  g_autoptr(LiaisonTwilioIncomingNumber) bought = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonTwilioLookup) answer = lookup (client, cases[i].number);

      g_test_message ("%s", cases[i].number);
      g_assert_true (liaison_twilio_lookup_get_valid (answer));
      g_assert_cmpstr (liaison_twilio_lookup_get_phone_number (answer), ==, cases[i].number);
      g_assert_cmpstr (liaison_twilio_lookup_get_country_code (answer), ==, "US");
      g_assert_cmpstr (liaison_twilio_lookup_get_calling_country_code (answer), ==, "1");
      g_assert_cmpuint (g_strv_length ((GStrv) liaison_twilio_lookup_get_validation_errors (answer)), ==, 0);
      g_assert_true (liaison_twilio_lookup_has_line_type (answer));
      g_assert_cmpint (liaison_twilio_lookup_get_line_type (answer), ==, cases[i].type);
      g_assert_cmpstr (liaison_twilio_lookup_get_line_type_name (answer), ==, cases[i].name);
      if (cases[i].carrier != NULL)
        g_assert_cmpstr (liaison_twilio_lookup_get_carrier_name (answer), ==, cases[i].carrier);
      g_assert_cmpint (liaison_twilio_lookup_get_line_type_error (answer), ==, 0);
    }

  short_number = lookup (client, "+1415555");
  g_assert_false (liaison_twilio_lookup_get_valid (short_number));
  g_assert_cmpstr (liaison_twilio_lookup_get_validation_errors (short_number)[0], ==, "TOO_SHORT");
  g_assert_false (liaison_twilio_lookup_has_line_type (short_number));
  g_assert_cmpint (liaison_twilio_lookup_get_line_type (short_number), ==, LIAISON_TWILIO_LINE_TYPE_UNKNOWN);

  long_number = lookup (client, "+141599299600");
  g_assert_false (liaison_twilio_lookup_get_valid (long_number));
  g_assert_cmpstr (liaison_twilio_lookup_get_validation_errors (long_number)[0], ==, "TOO_LONG");
  g_assert_null (liaison_twilio_lookup_get_national_format (long_number));

  words = lookup (client, "call-me");
  g_assert_false (liaison_twilio_lookup_get_valid (words));
  g_assert_cmpstr (liaison_twilio_lookup_get_validation_errors (words)[0], ==, "NOT_A_NUMBER");

  /* A national number is read as a US one. */
  national = lookup (client, "(415) 555-0108");
  g_assert_true (liaison_twilio_lookup_get_valid (national));
  g_assert_cmpstr (liaison_twilio_lookup_get_phone_number (national), ==, "+14155550108");
  g_assert_cmpstr (liaison_twilio_lookup_get_national_format (national), ==, "(415) 555-0108");
  g_assert_cmpint (liaison_twilio_lookup_get_line_type (national), ==, LIAISON_TWILIO_LINE_TYPE_MOBILE);

  canadian = lookup (client, "+16045550103");
  g_assert_cmpstr (liaison_twilio_lookup_get_country_code (canadian), ==, "CA");

  /* A Twilio number is non-fixed VoIP. */
  bought = purchase (client, sim, "+15005550006", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  owned = lookup (client, "+15005550006");
  g_assert_cmpint (liaison_twilio_lookup_get_line_type (owned), ==, LIAISON_TWILIO_LINE_TYPE_NON_FIXED_VOIP);
  g_assert_cmpstr (liaison_twilio_lookup_get_carrier_name (owned), ==, "Twilio - SMS/MMS-SVR");
  g_assert_true (liaison_twilio_line_type_can_text (liaison_twilio_lookup_get_line_type (owned)));
  g_assert_false (liaison_twilio_line_type_can_text (LIAISON_TWILIO_LINE_TYPE_LANDLINE));
}

/* Models against bad JSON */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_models_invalid (void)
{
  static const char * const available[] = {
    "{\"friendly_name\": \"(415) 555-0100\"}",
    "{\"phone_number\": \"+14155550100\", \"latitude\": \"north\"}",
    "{\"phone_number\": \"+14155550100\", \"capabilities\": {\"sms\": \"yes\"}}",
    "{\"phone_number\": \"+14155550100\", \"beta\": 1}",
  };
  static const char * const incoming[] = {
    "{\"phone_number\": \"+14155550100\"}",
    "{\"sid\": \"PNaaaa456789abcdef0123456789abcdef\", \"phone_number\": 4155550100}",
    "{\"sid\": \"PNaaaa456789abcdef0123456789abcdef\", \"phone_number\": \"+1\", \"date_created\": \"x\"}",
  };
  static const char * const port_ins[] = {
    "{\"port_in_request_status\": \"In review\"}",
    "{\"port_in_request_sid\": \"KWaaaa456789abcdef0123456789abcdef\", \"phone_numbers\": [1]}",
    "{\"port_in_request_sid\": \"KWaaaa456789abcdef0123456789abcdef\", \"phone_numbers\": [{}]}",
    "{\"port_in_request_sid\": \"KWaaaa456789abcdef0123456789abcdef\", \"date_created\": \"soon\"}",
  };
  static const char * const lookups[] = {
    "{\"valid\": true}",
    "{\"phone_number\": \"+1\", \"validation_errors\": [3]}",
    "{\"phone_number\": \"+1\", \"line_type_intelligence\": \"mobile\"}",
  };
  g_autoptr(JsonObject) good = parse_object (
    "{\"phone_number\": \"+14155550100\", \"latitude\": \"37.5\", \"longitude\": -122,"
    " \"capabilities\": {\"SMS\": true, \"voice\": true}}");
  g_autoptr(LiaisonTwilioAvailableNumber) number = NULL;
  g_autoptr(GError) error = NULL;
  double latitude = 0, longitude = 0;

  number = liaison_twilio_available_number_new_from_json (good, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_twilio_available_number_get_position (number, &latitude, &longitude));
  g_assert_cmpfloat (latitude, ==, 37.5);
  g_assert_cmpfloat (longitude, ==, -122);
  g_assert_cmpuint (liaison_twilio_available_number_get_capabilities (number), ==,
                    LIAISON_TWILIO_CAPABILITY_SMS | LIAISON_TWILIO_CAPABILITY_VOICE);
  {
    g_autofree char *phone_property = NULL;

    g_object_get (number, "phone-number", &phone_property, NULL);
    g_assert_cmpstr (phone_property, ==, "+14155550100");
  }

  for (gsize i = 0; i < G_N_ELEMENTS (available); i++)
    {
      g_autoptr(JsonObject) object = parse_object (available[i]);
      g_autoptr(GError) local_error = NULL;

      g_assert_null (liaison_twilio_available_number_new_from_json (object, &local_error));
      g_assert_error (local_error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (incoming); i++)
    {
      g_autoptr(JsonObject) object = parse_object (incoming[i]);
      g_autoptr(GError) local_error = NULL;

      g_assert_null (liaison_twilio_incoming_number_new_from_json (object, &local_error));
      g_assert_error (local_error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (port_ins); i++)
    {
      g_autoptr(JsonObject) object = parse_object (port_ins[i]);
      g_autoptr(GError) local_error = NULL;

      g_assert_null (liaison_twilio_port_in_new_from_json (object, &local_error));
      g_assert_error (local_error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      g_autoptr(JsonObject) object = parse_object (lookups[i]);
      g_autoptr(GError) local_error = NULL;

      g_assert_null (liaison_twilio_lookup_new_from_json (object, &local_error));
      g_assert_error (local_error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE);
    }
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/TwilioNumbers/models-invalid", test_models_invalid);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/search", test_search);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/purchase-inbound-update-release",
                   test_purchase_inbound_update_release);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/purchase-magic", test_purchase_magic);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/list-pages", test_list_pages);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/purchase-lost-answer", test_purchase_lost_answer);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/port-in-progress", test_port_in_progress);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/port-in-validation", test_port_in_validation);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/port-in-list-cancel-reject", test_port_in_list_cancel_reject);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/port-in-webhooks", test_port_in_webhooks);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/portability", test_portability);
  g_test_add_func ("/Liaison/TwilioNumbers/sim/lookup", test_lookup);

  return g_test_run ();
}
