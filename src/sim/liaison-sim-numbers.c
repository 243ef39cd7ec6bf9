/* liaison-sim-numbers.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-numbers-private.h"
#include "liaison-log.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Phone numbers: search, purchase, porting and Lookup (TWILIO.md §5, §7).
 *
 * REST routes (Basic auth as every other route):
 *
 *   GET    /2010-04-01/Accounts/{AC}/AvailablePhoneNumbers.json
 *   GET    …/AvailablePhoneNumbers/{US|CA}.json
 *   GET    …/AvailablePhoneNumbers/{US|CA}/{Local|TollFree|Mobile}.json
 *            AreaCode, Contains (2–16 of digits, letters as keypad digits,
 *            * any digit), InRegion, InPostalCode, InLocality, InRateCenter,
 *            InLata, NearNumber (same area code), NearLatLong + Distance
 *            (miles, default 25), SmsEnabled, MmsEnabled, VoiceEnabled,
 *            FaxEnabled, ExcludeAllAddressRequired,
 *            ExcludeLocalAddressRequired, ExcludeForeignAddressRequired,
 *            Beta, PageSize (default 50).
 *   POST   …/IncomingPhoneNumbers.json (and /Local, /TollFree, /Mobile)
 *            PhoneNumber or AreaCode; FriendlyName, SmsUrl, SmsMethod,
 *            VoiceUrl, VoiceMethod, VoiceFallbackUrl, StatusCallback,
 *            StatusCallbackMethod → 201.
 *   GET    …/IncomingPhoneNumbers.json (and /Local, /TollFree, /Mobile)
 *            PhoneNumber (digits, * any digit, matched anywhere),
 *            FriendlyName, Beta, Origin, paging.
 *   GET|POST|DELETE …/IncomingPhoneNumbers/{PN}.json (DELETE → 204)
 *   POST   /v1/Porting/PortIn (JSON body) → 202
 *   GET    /v1/Porting/PortIn/PortInRequests  Token, Size, PortInRequestSid,
 *            PortInRequestStatus, CreatedBefore, CreatedAfter
 *   GET|DELETE /v1/Porting/PortIn/{KW}
 *   GET|DELETE /v1/Porting/PortIn/{KW}/PhoneNumber/{PU}
 *   GET    /v1/Porting/Portability/PhoneNumber/{PhoneNumber}
 *   POST   /v1/Porting/Configuration/Webhook (JSON: port_in_target_url,
 *            port_out_target_url, notifications_of) → 201; GET; DELETE
 *            …/Webhook/{PORT_IN|PORT_OUT} → 204. Port-in events are POSTed
 *            as signed JSON (bodySHA256, TWILIO.md §6.2), one at a time.
 *   GET    /v2/PhoneNumbers/{PhoneNumber}  Fields=line_type_intelligence
 *
 * The inventory is generated, the same on every run: for each area code of
 * the table below, local exchanges 340, 619 and 782 and mobile exchanges 230
 * and 874, 25 subscriber numbers each; toll-free numbers in 800, 833, 844,
 * 855, 866, 877 and 888 (exchanges 420 and 753). Every tenth local number
 * has address_requirements "any". Numbers owned by any account are not
 * offered. The magic numbers of §7 behave as documented: buying
 * +15005550000 fails with 21422, +15005550001 with 21421, +15005550006
 * succeeds; AreaCode 533 fails with 21452 and AreaCode 500 buys +15005550006.
 *
 * Porting moves on the simulated clock: In review → (1 day) Waiting for
 * Signature → (1 day) In progress, numbers Submitted → (1 day) numbers
 * Pending with a port date → (2 days) Completed, when the numbers join the
 * account's phone_numbers (they then receive messages and calls). Porting
 * webhooks are sent as the port moves; a clock advance does not wait for
 * them (unlike the form-encoded callbacks).
 *
 * Control routes:
 *
 *   POST /_sim/porting/reject  PortInRequestSid=KW….
 *                              When it reaches the losing carrier, the
 *                              request ends in "Action Required" with its
 *                              numbers "Rejected".
 */

#define AVAILABLE_PER_EXCHANGE 25

typedef struct {
  const char *country;
  const char *area_code;
  const char *region;
  const char *locality;
  const char *postal_code;
  double      latitude;
  double      longitude;
  const char *lata;
  const char *rate_center;
} AreaCode;

static const AreaCode area_codes[] = {
  { "US", "415", "CA", "San Francisco", "94103", 37.7749, -122.4194, "722", "SNFC CNTRL" },
  { "US", "212", "NY", "New York", "10001", 40.7506, -73.9972, "132", "NWYRCYZN01" },
  { "US", "312", "IL", "Chicago", "60601", 41.8858, -87.6181, "358", "CHICAGO" },
  { "US", "617", "MA", "Boston", "02108", 42.3576, -71.0637, "128", "BOSTON" },
  { "US", "512", "TX", "Austin", "78701", 30.2711, -97.7437, "558", "AUSTIN" },
  { "US", "206", "WA", "Seattle", "98101", 47.6101, -122.3344, "674", "SEATTLE" },
  { "US", "305", "FL", "Miami", "33131", 25.7617, -80.1918, "460", "MIAMI" },
  { "US", "808", "HI", "Honolulu", "96813", 21.3114, -157.8583, "834", "HONOLULU" },
  { "CA", "416", "ON", "Toronto", "M5H 2N2", 43.6532, -79.3832, "888", "TORONTO" },
  { "CA", "604", "BC", "Vancouver", "V6B 1A1", 49.2827, -123.1207, "888", "VANCOUVER" },
  { "CA", "514", "QC", "Montreal", "H2Y 1C6", 45.5017, -73.5673, "888", "MONTREAL" },
};

static const char * const local_exchanges[] = { "340", "619", "782" };
static const char * const mobile_exchanges[] = { "230", "874" };
static const char * const toll_free_prefixes[] = { "800", "833", "844", "855", "866", "877", "888" };
static const char * const toll_free_exchanges[] = { "420", "753" };

typedef enum {
  KIND_LOCAL,
  KIND_TOLL_FREE,
  KIND_MOBILE,
} NumberKind;

typedef struct {
  char            phone_number[16];
  NumberKind      kind;
  const AreaCode *area;             /* NULL for toll-free */
  const char     *address_requirements;
} Available;

static const char *
kind_name (NumberKind kind)
{
  switch (kind)
    {
    case KIND_TOLL_FREE: return "toll-free";
    case KIND_MOBILE: return "mobile";
    case KIND_LOCAL:
    default: return "local";
    }
}

static const char *
kind_path_name (NumberKind kind)
{
  return kind == KIND_TOLL_FREE ? "TollFree" : kind == KIND_MOBILE ? "Mobile" : "Local";
}

static guint
subscriber (const char *area,
            const char *exchange,
            guint       k)
{
  return (k * 389 + (guint) atoi (area) * 17 + (guint) atoi (exchange)) % 10000;
}

/* Every number the simulator sells in @country of @kind, in a fixed order. */
static GArray *
inventory (const char *country,
           NumberKind  kind)
{
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Available));

  if (kind == KIND_TOLL_FREE)
    {
      if (g_strcmp0 (country, "US") != 0 && g_strcmp0 (country, "CA") != 0)
        return all;
      for (guint k = 0; k < AVAILABLE_PER_EXCHANGE; k++)
        for (gsize p = 0; p < G_N_ELEMENTS (toll_free_prefixes); p++)
          for (gsize e = 0; e < G_N_ELEMENTS (toll_free_exchanges); e++)
            {
              Available item = { { 0, }, KIND_TOLL_FREE, NULL, "none" };

              g_snprintf (item.phone_number, sizeof item.phone_number, "+1%s%s%04u",
                          toll_free_prefixes[p], toll_free_exchanges[e],
                          subscriber (toll_free_prefixes[p], toll_free_exchanges[e], k));
              g_array_append_val (all, item);
            }
      return all;
    }

  for (guint k = 0; k < AVAILABLE_PER_EXCHANGE; k++)
    for (gsize a = 0; a < G_N_ELEMENTS (area_codes); a++)
      {
        const char * const *exchanges = kind == KIND_MOBILE ? mobile_exchanges : local_exchanges;
        gsize n_exchanges = kind == KIND_MOBILE ? G_N_ELEMENTS (mobile_exchanges)
                                                : G_N_ELEMENTS (local_exchanges);

        if (g_strcmp0 (area_codes[a].country, country) != 0)
          continue;
        for (gsize e = 0; e < n_exchanges; e++)
          {
            Available item = { { 0, }, kind, &area_codes[a], "none" };

            g_snprintf (item.phone_number, sizeof item.phone_number, "+1%s%s%04u",
                        area_codes[a].area_code, exchanges[e],
                        subscriber (area_codes[a].area_code, exchanges[e], k));
            if (kind == KIND_LOCAL && k % 10 == 9)
              item.address_requirements = "any";
            g_array_append_val (all, item);
          }
      }
  return all;
}

/* Finds @e164 in the inventory (owned or not). */
static gboolean
inventory_find (const char *e164,
                Available  *out)
{
  static const char * const countries[] = { "US", "CA" };

  if (e164 == NULL || !g_str_has_prefix (e164, "+1") || strlen (e164) != 12)
    return FALSE;
  for (gsize c = 0; c < G_N_ELEMENTS (countries); c++)
    for (NumberKind kind = KIND_LOCAL; kind <= KIND_MOBILE; kind++)
      {
        g_autoptr(GArray) all = NULL;

        if (kind == KIND_TOLL_FREE && c > 0)
          continue;
        all = inventory (countries[c], kind);
        for (guint i = 0; i < all->len; i++)
          if (g_str_equal (g_array_index (all, Available, i).phone_number, e164))
            {
              *out = g_array_index (all, Available, i);
              return TRUE;
            }
      }
  return FALSE;
}

gboolean
sim_is_toll_free (const char *e164)
{
  if (e164 == NULL || !g_str_has_prefix (e164, "+1") || strlen (e164) != 12)
    return FALSE;
  for (gsize p = 0; p < G_N_ELEMENTS (toll_free_prefixes); p++)
    if (strncmp (e164 + 2, toll_free_prefixes[p], 3) == 0)
      return TRUE;
  return FALSE;
}

char *
sim_format_national (const char *e164)
{
  if (e164 != NULL && g_str_has_prefix (e164, "+1") && strlen (e164) == 12)
    return g_strdup_printf ("(%.3s) %.3s-%.4s", e164 + 2, e164 + 5, e164 + 8);
  return g_strdup (e164);
}

char *
sim_format_iso8601 (gint64 seconds)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);

  return date_time != NULL ? g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

JsonObject *
sim_request_json_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "The request body must be a JSON object (Content-Type: application/json)");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* Capabilities of a number by its kind: every kind can take calls, texts
 * and MMS; fax is on local and toll-free numbers. */
static void
add_capabilities (JsonBuilder *builder,
                  NumberKind   kind)
{
  json_builder_set_member_name (builder, "capabilities");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fax");
  json_builder_add_boolean_value (builder, kind != KIND_MOBILE);
  json_builder_set_member_name (builder, "mms");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "sms");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "voice");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
}

static NumberKind
kind_of (const char *e164)
{
  Available found;

  if (sim_is_toll_free (e164))
    return KIND_TOLL_FREE;
  if (inventory_find (e164, &found))
    return found.kind;
  return KIND_LOCAL;
}

/* Search */

static gboolean
account_matches (SoupServerMessage *msg,
                 SimAccount        *account,
                 GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);

  if (!g_str_equal (sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return FALSE;
    }
  return TRUE;
}

static const char *
country_name (const char *code)
{
  if (g_strcmp0 (code, "US") == 0)
    return "United States";
  if (g_strcmp0 (code, "CA") == 0)
    return "Canada";
  return NULL;
}

static void
build_country (JsonBuilder *builder,
               const char  *account_sid,
               const char  *code)
{
  g_autofree char *base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/AvailablePhoneNumbers/%s",
                                           account_sid, code);
  g_autofree char *uri = g_strconcat (base, ".json", NULL);
  g_autofree char *local = g_strconcat (base, "/Local.json", NULL);
  g_autofree char *toll_free = g_strconcat (base, "/TollFree.json", NULL);
  g_autofree char *mobile = g_strconcat (base, "/Mobile.json", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "beta");
  json_builder_add_boolean_value (builder, FALSE);
  sim_add_string_or_null (builder, "country", country_name (code));
  sim_add_string_or_null (builder, "country_code", code);
  json_builder_set_member_name (builder, "subresource_uris");
  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "local", local);
  sim_add_string_or_null (builder, "mobile", mobile);
  sim_add_string_or_null (builder, "toll_free", toll_free);
  json_builder_end_object (builder);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
handle_countries (LiaisonSimServer  *self,
                  SoupServerMessage *msg,
                  SimAccount        *account,
                  GMatchInfo        *match)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = NULL;

  if (!account_matches (msg, account, match))
    return;
  uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/AvailablePhoneNumbers.json", account->sid);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "countries");
  json_builder_begin_array (builder);
  build_country (builder, account->sid, "CA");
  build_country (builder, account->sid, "US");
  json_builder_end_array (builder);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_country (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                SimAccount        *account,
                GMatchInfo        *match)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *code = g_match_info_fetch (match, 2);

  if (!account_matches (msg, account, match))
    return;
  if (country_name (code) == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  build_country (builder, account->sid, code);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Contains: letters are keypad digits, * any digit; matched anywhere in the
 * number's digits. */
static char *
normalize_pattern (const char *pattern)
{
  static const char keypad[] = "22233344455566677778889999";
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '*')
        g_string_append_c (out, *p);
      else if (g_ascii_isalpha (*p))
        g_string_append_c (out, keypad[g_ascii_toupper (*p) - 'A']);
      else if (*p != '+')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
digits_contain (const char *number,
                const char *pattern)
{
  gsize n = strlen (number);
  gsize m = strlen (pattern);

  for (gsize start = 0; start + m <= n; start++)
    {
      gsize i;

      for (i = 0; i < m; i++)
        if (pattern[i] != '*' && pattern[i] != number[start + i])
          break;
      if (i == m)
        return TRUE;
    }
  return FALSE;
}

/* Great-circle distance in miles. */
static double
distance_miles (double lat1,
                double lon1,
                double lat2,
                double lon2)
{
  double to_rad = G_PI / 180.0;
  double dlat = (lat2 - lat1) * to_rad;
  double dlon = (lon2 - lon1) * to_rad;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * to_rad) * cos (lat2 * to_rad) * sin (dlon / 2) * sin (dlon / 2);

  return 3958.8 * 2 * atan2 (sqrt (a), sqrt (1 - a));
}

/* A boolean filter: NULL (absent) or "true"/"false"; FALSE on garbage. */
static gboolean
parse_bool_param (GPtrArray  *query,
                  const char *name,
                  gint       *out)
{
  const char *value = sim_form_get (query, name);

  *out = -1;
  if (value == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (value, "true") == 0)
    *out = 1;
  else if (g_ascii_strcasecmp (value, "false") == 0)
    *out = 0;
  else
    return FALSE;
  return TRUE;
}

static void
build_available (JsonBuilder     *builder,
                 const Available *item)
{
  g_autofree char *friendly = sim_format_national (item->phone_number);
  const AreaCode *area = item->area;

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "address_requirements", item->address_requirements);
  json_builder_set_member_name (builder, "beta");
  json_builder_add_boolean_value (builder, FALSE);
  add_capabilities (builder, item->kind);
  sim_add_string_or_null (builder, "friendly_name", friendly);
  sim_add_string_or_null (builder, "iso_country", area != NULL ? area->country : "US");
  sim_add_string_or_null (builder, "lata", area != NULL ? area->lata : NULL);
  json_builder_set_member_name (builder, "latitude");
  if (area != NULL)
    json_builder_add_double_value (builder, area->latitude);
  else
    json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "locality", area != NULL ? area->locality : NULL);
  json_builder_set_member_name (builder, "longitude");
  if (area != NULL)
    json_builder_add_double_value (builder, area->longitude);
  else
    json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "phone_number", item->phone_number);
  sim_add_string_or_null (builder, "postal_code", area != NULL ? area->postal_code : NULL);
  sim_add_string_or_null (builder, "rate_center", area != NULL ? area->rate_center : NULL);
  sim_add_string_or_null (builder, "region", area != NULL ? area->region : NULL);
  json_builder_end_object (builder);
}

static const AreaCode *
area_of (const char *e164)
{
  if (e164 == NULL || !g_str_has_prefix (e164, "+1") || strlen (e164) != 12)
    return NULL;
  for (gsize a = 0; a < G_N_ELEMENTS (area_codes); a++)
    if (strncmp (e164 + 2, area_codes[a].area_code, 3) == 0)
      return &area_codes[a];
  return NULL;
}

static void
handle_search (LiaisonSimServer  *self,
               SoupServerMessage *msg,
               SimAccount        *account,
               GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autofree char *country = g_match_info_fetch (match, 2);
  g_autofree char *type = g_match_info_fetch (match, 3);
  g_autofree char *contains = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = NULL;
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *query_text = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *area_code = sim_form_get (query, "AreaCode");
  const char *contains_text = sim_form_get (query, "Contains");
  const char *in_region = sim_form_get (query, "InRegion");
  const char *in_postal_code = sim_form_get (query, "InPostalCode");
  const char *in_locality = sim_form_get (query, "InLocality");
  const char *in_rate_center = sim_form_get (query, "InRateCenter");
  const char *in_lata = sim_form_get (query, "InLata");
  const char *near_number = sim_form_get (query, "NearNumber");
  const char *near_lat_long = sim_form_get (query, "NearLatLong");
  const AreaCode *near_area = NULL;
  double near_lat = 0, near_long = 0;
  gint64 distance = 25;
  gint64 page_size = 50;
  gint sms, mms, voice, fax, exclude_all, exclude_local, exclude_foreign, beta;
  NumberKind kind;
  guint n = 0;

  if (!account_matches (msg, account, match))
    return;
  if (country_name (country) == NULL)
    {
      sim_respond_not_found (msg, path);
      return;
    }
  kind = g_str_equal (type, "TollFree") ? KIND_TOLL_FREE
         : g_str_equal (type, "Mobile") ? KIND_MOBILE : KIND_LOCAL;

  if (!sim_form_get_int (query, "PageSize", 1, G_MAXINT32, 50, &page_size))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageSize");
      return;
    }
  page_size = MIN (page_size, 1000);
  if (!sim_form_get_int (query, "Distance", 0, 500, 25, &distance))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Distance must be 0–500 miles");
      return;
    }
  if (area_code != NULL && (strlen (area_code) != 3 || !g_ascii_isdigit (area_code[0])
                            || !g_ascii_isdigit (area_code[1]) || !g_ascii_isdigit (area_code[2])
                            || area_code[0] < '2'))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21451, "Invalid area code");
      return;
    }
  if (contains_text != NULL)
    {
      contains = normalize_pattern (contains_text);
      if (contains == NULL || strlen (contains) < 2 || strlen (contains) > 16)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                             "Contains must be 2–16 digits, letters or * wildcards");
          return;
        }
    }
  if (!parse_bool_param (query, "SmsEnabled", &sms)
      || !parse_bool_param (query, "MmsEnabled", &mms)
      || !parse_bool_param (query, "VoiceEnabled", &voice)
      || !parse_bool_param (query, "FaxEnabled", &fax)
      || !parse_bool_param (query, "ExcludeAllAddressRequired", &exclude_all)
      || !parse_bool_param (query, "ExcludeLocalAddressRequired", &exclude_local)
      || !parse_bool_param (query, "ExcludeForeignAddressRequired", &exclude_foreign)
      || !parse_bool_param (query, "Beta", &beta))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Boolean filters take true or false");
      return;
    }
  if (near_number != NULL)
    {
      if (!sim_is_e164 (near_number))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "NearNumber is not an E.164 number");
          return;
        }
      near_area = area_of (near_number);
      if (near_area != NULL)
        {
          near_lat = near_area->latitude;
          near_long = near_area->longitude;
        }
    }
  if (near_lat_long != NULL)
    {
      char *end = NULL;

      near_lat = g_ascii_strtod (near_lat_long, &end);
      if (end == near_lat_long || *end != ',' || fabs (near_lat) > 90)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "NearLatLong must be lat,long");
          return;
        }
      near_long = g_ascii_strtod (end + 1, &end);
      if (*end != '\0' || fabs (near_long) > 180)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "NearLatLong must be lat,long");
          return;
        }
    }

  all = inventory (country, kind);
  uri = g_strdup_printf ("%s%s%s", path, query_text != NULL ? "?" : "", query_text != NULL ? query_text : "");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "available_phone_numbers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < all->len && n < page_size; i++)
    {
      const Available *item = &g_array_index (all, Available, i);
      const AreaCode *area = item->area;
      g_autoptr(SimNumber) owned = NULL;

      if (area_code != NULL && strncmp (item->phone_number + 2, area_code, 3) != 0)
        continue;
      if (contains != NULL && !digits_contain (item->phone_number + 1, contains))
        continue;
      if (in_region != NULL && (area == NULL || g_ascii_strcasecmp (area->region, in_region) != 0))
        continue;
      if (in_postal_code != NULL && (area == NULL || g_ascii_strcasecmp (area->postal_code, in_postal_code) != 0))
        continue;
      if (in_locality != NULL && (area == NULL || g_ascii_strcasecmp (area->locality, in_locality) != 0))
        continue;
      if (in_rate_center != NULL && (area == NULL || g_ascii_strcasecmp (area->rate_center, in_rate_center) != 0))
        continue;
      if (in_lata != NULL && (area == NULL || g_strcmp0 (area->lata, in_lata) != 0))
        continue;
      if (near_number != NULL && near_area == NULL && strncmp (item->phone_number, near_number, 5) != 0)
        continue;
      if ((near_area != NULL || near_lat_long != NULL)
          && (area == NULL || distance_miles (near_lat, near_long, area->latitude, area->longitude) > distance))
        continue;
      /* Every kind has voice, SMS and MMS; only mobile numbers lack fax. */
      if (sms == 0 || mms == 0 || voice == 0)
        continue;
      if ((fax == 1 && kind == KIND_MOBILE) || (fax == 0 && kind != KIND_MOBILE))
        continue;
      if (exclude_all == 1 && g_str_equal (item->address_requirements, "any"))
        continue;
      if (exclude_local == 1 && g_str_equal (item->address_requirements, "local"))
        continue;
      if (exclude_foreign == 1 && g_str_equal (item->address_requirements, "foreign"))
        continue;
      owned = sim_db_number_get (self, item->phone_number);
      if (owned != NULL)
        continue;

      build_available (builder, item);
      n++;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, MAX ((gint) n - 1, 0));
  sim_add_string_or_null (builder, "first_page_uri", uri);
  sim_add_string_or_null (builder, "next_page_uri", NULL);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, page_size);
  sim_add_string_or_null (builder, "previous_page_uri", NULL);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, 0);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

/* IncomingPhoneNumbers */

#define OWNED_COLUMNS \
  "seq, sid, phone_number, account_sid, friendly_name, sms_url, sms_method, status_callback," \
  " status_callback_method, voice_url, voice_method, voice_fallback_url, date_created, date_updated"

static SimNumber *
owned_from_row (sqlite3_stmt *stmt,
                gint64       *out_seq)
{
  SimNumber *number = g_new0 (SimNumber, 1);

  if (out_seq != NULL)
    *out_seq = sqlite3_column_int64 (stmt, 0);
  number->sid = sim_dup_column (stmt, 1);
  number->phone_number = sim_dup_column (stmt, 2);
  number->account_sid = sim_dup_column (stmt, 3);
  number->friendly_name = sim_dup_column (stmt, 4);
  number->sms_url = sim_dup_column (stmt, 5);
  number->sms_method = sim_dup_column (stmt, 6);
  number->status_callback = sim_dup_column (stmt, 7);
  number->status_callback_method = sim_dup_column (stmt, 8);
  number->voice_url = sim_dup_column (stmt, 9);
  number->voice_method = sim_dup_column (stmt, 10);
  number->voice_fallback_url = sim_dup_column (stmt, 11);
  number->date_created = sqlite3_column_int64 (stmt, 12);
  number->date_updated = sqlite3_column_int64 (stmt, 13);
  return number;
}

static gpointer
owned_row (sqlite3_stmt *stmt)
{
  return owned_from_row (stmt, NULL);
}

static SimNumber *
owned_get (LiaisonSimServer *self,
           const char       *account_sid,
           const char       *sid)
{
  return sim_db_get_by_sid (self, "SELECT " OWNED_COLUMNS " FROM phone_numbers"
                                  " WHERE sid = ? AND account_sid = ?",
                            account_sid, sid, owned_row);
}

static const char *
method_or_post (const char *method)
{
  return method != NULL && *method != '\0' ? method : "POST";
}

static void
build_owned (JsonBuilder *builder,
             SimNumber   *number)
{
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/IncomingPhoneNumbers/%s.json",
                                          number->account_sid, number->sid);
  NumberKind kind = kind_of (number->phone_number);
  Available found;
  const char *address_requirements = "none";

  if (inventory_find (number->phone_number, &found))
    address_requirements = found.address_requirements;

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", number->account_sid);
  sim_add_string_or_null (builder, "address_requirements", address_requirements);
  sim_add_string_or_null (builder, "address_sid", NULL);
  sim_add_string_or_null (builder, "api_version", "2010-04-01");
  json_builder_set_member_name (builder, "beta");
  json_builder_add_boolean_value (builder, FALSE);
  sim_add_string_or_null (builder, "bundle_sid", NULL);
  add_capabilities (builder, kind);
  sim_add_date_member (builder, "date_created", number->date_created);
  sim_add_date_member (builder, "date_updated", number->date_updated);
  sim_add_string_or_null (builder, "emergency_address_sid", NULL);
  sim_add_string_or_null (builder, "emergency_address_status", "unregistered");
  sim_add_string_or_null (builder, "emergency_status", "Inactive");
  sim_add_string_or_null (builder, "friendly_name", number->friendly_name);
  sim_add_string_or_null (builder, "identity_sid", NULL);
  sim_add_string_or_null (builder, "origin", "twilio");
  sim_add_string_or_null (builder, "phone_number", number->phone_number);
  sim_add_string_or_null (builder, "sid", number->sid);
  sim_add_string_or_null (builder, "sms_application_sid", NULL);
  sim_add_string_or_null (builder, "sms_fallback_method", "POST");
  sim_add_string_or_null (builder, "sms_fallback_url", NULL);
  sim_add_string_or_null (builder, "sms_method", method_or_post (number->sms_method));
  sim_add_string_or_null (builder, "sms_url", number->sms_url);
  sim_add_string_or_null (builder, "status", "in-use");
  sim_add_string_or_null (builder, "status_callback", number->status_callback);
  sim_add_string_or_null (builder, "status_callback_method", method_or_post (number->status_callback_method));
  sim_add_string_or_null (builder, "trunk_sid", NULL);
  sim_add_string_or_null (builder, "type", kind_name (kind));
  sim_add_string_or_null (builder, "uri", uri);
  sim_add_string_or_null (builder, "voice_application_sid", NULL);
  json_builder_set_member_name (builder, "voice_caller_id_lookup");
  json_builder_add_boolean_value (builder, FALSE);
  sim_add_string_or_null (builder, "voice_fallback_method", "POST");
  sim_add_string_or_null (builder, "voice_fallback_url", number->voice_fallback_url);
  sim_add_string_or_null (builder, "voice_method", method_or_post (number->voice_method));
  sim_add_string_or_null (builder, "voice_receive_mode", "voice");
  sim_add_string_or_null (builder, "voice_url", number->voice_url);
  json_builder_end_object (builder);
}

static void
respond_owned (SoupServerMessage *msg,
               guint              status,
               SimNumber         *number)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_owned (builder, number);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, status, root);
}

static gboolean
valid_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_uri_get_host (uri) != NULL
         && (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
             || g_strcmp0 (g_uri_get_scheme (uri), "https") == 0);
}

static gboolean
valid_method (const char *method)
{
  return method == NULL || g_ascii_strcasecmp (method, "GET") == 0
         || g_ascii_strcasecmp (method, "POST") == 0;
}

static void
set_field (char       **field,
           const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL;
}

static void
set_method (char       **field,
            const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_ascii_strup (value, -1);
}

/* Applies the writable fields of @form; answers 400 and returns FALSE on a
 * bad one. */
static gboolean
apply_number_form (SoupServerMessage *msg,
                   GPtrArray         *form,
                   SimNumber         *number)
{
  static const char * const urls[] = { "SmsUrl", "VoiceUrl", "VoiceFallbackUrl", "StatusCallback",
                                       "SmsFallbackUrl" };
  static const char * const methods[] = { "SmsMethod", "VoiceMethod", "StatusCallbackMethod",
                                          "SmsFallbackMethod", "VoiceFallbackMethod" };
  const char *friendly_name = sim_form_get (form, "FriendlyName");

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    if (!valid_url (sim_form_get (form, urls[i])))
      {
        g_autofree char *message = g_strdup_printf ("%s is not a valid URL", urls[i]);

        sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21502, message);
        return FALSE;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    if (!valid_method (sim_form_get (form, methods[i])))
      {
        g_autofree char *message = g_strdup_printf ("%s must be GET or POST", methods[i]);

        sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, message);
        return FALSE;
      }
  if (friendly_name != NULL && g_utf8_strlen (friendly_name, -1) > 64)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "FriendlyName is longer than 64 characters");
      return FALSE;
    }

  if (friendly_name != NULL && *friendly_name != '\0')
    set_field (&number->friendly_name, friendly_name);
  set_field (&number->sms_url, sim_form_get (form, "SmsUrl"));
  set_method (&number->sms_method, sim_form_get (form, "SmsMethod"));
  set_field (&number->voice_url, sim_form_get (form, "VoiceUrl"));
  set_method (&number->voice_method, sim_form_get (form, "VoiceMethod"));
  set_field (&number->voice_fallback_url, sim_form_get (form, "VoiceFallbackUrl"));
  set_field (&number->status_callback, sim_form_get (form, "StatusCallback"));
  set_method (&number->status_callback_method, sim_form_get (form, "StatusCallbackMethod"));
  return TRUE;
}

/* The first number of the inventory in @area_code nobody owns, or NULL. */
static char *
first_free_in_area (LiaisonSimServer *self,
                    const char       *area_code)
{
  static const char * const countries[] = { "US", "CA" };

  for (gsize c = 0; c < G_N_ELEMENTS (countries); c++)
    {
      g_autoptr(GArray) all = inventory (countries[c], KIND_LOCAL);

      for (guint i = 0; i < all->len; i++)
        {
          const char *candidate = g_array_index (all, Available, i).phone_number;
          g_autoptr(SimNumber) owned = NULL;

          if (strncmp (candidate + 2, area_code, 3) != 0)
            continue;
          owned = sim_db_number_get (self, candidate);
          if (owned == NULL)
            return g_strdup (candidate);
        }
    }
  return NULL;
}

static void
handle_purchase (LiaisonSimServer  *self,
                 SoupServerMessage *msg,
                 SimAccount        *account,
                 GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = sim_request_form (msg);
  g_autofree char *typed = g_match_info_fetch (match, 2);
  const char *phone_number = sim_form_get (form, "PhoneNumber");
  const char *area_code = sim_form_get (form, "AreaCode");
  g_autofree char *chosen = NULL;
  g_autoptr(SimNumber) number = NULL;
  g_autoptr(SimNumber) owned = NULL;

  if (!account_matches (msg, account, match))
    return;

  if ((phone_number == NULL || *phone_number == '\0') && (area_code == NULL || *area_code == '\0'))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21421, "A PhoneNumber or AreaCode is required.");
      return;
    }

  if (phone_number != NULL && *phone_number != '\0')
    {
      Available found;

      /* Magic numbers (TWILIO.md §7) first. */
      if (g_str_equal (phone_number, "+15005550001") || !sim_is_e164 (phone_number))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21421, "PhoneNumber is invalid");
          return;
        }
      if (g_str_equal (phone_number, "+15005550000"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21422, "PhoneNumber is not available");
          return;
        }
      if (!g_str_equal (phone_number, "+15005550006"))
        {
          if (!inventory_find (phone_number, &found)
              || (typed != NULL && *typed != '\0'
                  && !g_str_equal (typed, kind_path_name (found.kind))))
            {
              sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21422, "PhoneNumber is not available");
              return;
            }
        }
      chosen = g_strdup (phone_number);
    }
  else
    {
      if (strlen (area_code) != 3 || !g_ascii_isdigit (area_code[0]) || !g_ascii_isdigit (area_code[1])
          || !g_ascii_isdigit (area_code[2]) || area_code[0] < '2')
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21451, "Invalid area code");
          return;
        }
      if (g_str_equal (area_code, "500"))
        chosen = g_strdup ("+15005550006");
      else if (!g_str_equal (area_code, "533"))
        chosen = first_free_in_area (self, area_code);
      if (chosen == NULL)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21452, "No phone numbers found in area code");
          return;
        }
    }

  owned = sim_db_number_get (self, chosen);
  if (owned != NULL)
    {
      if (area_code != NULL && (phone_number == NULL || *phone_number == '\0'))
        sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21452, "No phone numbers found in area code");
      else
        sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21422, "PhoneNumber is not available");
      return;
    }

  number = g_new0 (SimNumber, 1);
  number->phone_number = g_strdup (chosen);
  number->account_sid = g_strdup (account->sid);
  number->friendly_name = sim_format_national (chosen);
  if (!apply_number_form (msg, form, number))
    return;
  if (!sim_db_number_put (self, number))
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  LIAISON_DEBUG_MASKED (number->phone_number, "Number %s bought (%s)", number->sid);
  respond_owned (msg, SOUP_STATUS_CREATED, number);
}

/* sim_number_kind(phone_number): "Local", "TollFree" or "Mobile", for the
 * typed lists. */
static void
sql_number_kind (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  const char *number = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (context, kind_path_name (kind_of (number)), -1, SQLITE_STATIC);
}

static void
handle_owned_list (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  static const char * const filter_names[] = { "Beta", "FriendlyName", "PhoneNumber", "Origin" };
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " OWNED_COLUMNS " FROM phone_numbers WHERE account_sid = ?1");
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autofree char *typed = g_match_info_fetch (match, 2);
  g_autofree char *like = NULL;
  const char *friendly_name = sim_form_get (query, "FriendlyName");
  const char *phone_number = sim_form_get (query, "PhoneNumber");
  const char *origin = sim_form_get (query, "Origin");
  JsonArray *items = json_array_new ();
  SimPaging paging;
  gboolean has_more = FALSE;
  gint64 last_seq = 0;
  guint n = 0;
  sqlite3_stmt *stmt;

  if (!account_matches (msg, account, match) || !sim_paging_parse (msg, query, &paging))
    {
      json_array_unref (items);
      return;
    }

  if (friendly_name != NULL)
    g_string_append (sql, " AND friendly_name = ?3");
  if (phone_number != NULL)
    {
      g_autofree char *pattern = normalize_pattern (phone_number);
      GString *str = g_string_new ("%");

      for (const char *p = pattern != NULL ? pattern : ""; *p != '\0'; p++)
        g_string_append_c (str, *p == '*' ? '_' : *p);
      g_string_append_c (str, '%');
      like = g_string_free (str, FALSE);
      g_string_append (sql, " AND phone_number LIKE ?4");
    }
  /* Every simulated number comes from Twilio's own inventory. */
  if (origin != NULL && g_ascii_strcasecmp (origin, "twilio") != 0)
    g_string_append (sql, " AND 0");
  if (typed != NULL && *typed != '\0')
    {
      sqlite3_create_function (self->db, "sim_number_kind", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               NULL, sql_number_kind, NULL, NULL);
      g_string_append (sql, " AND sim_number_kind (phone_number) = ?2");
    }
  sim_paging_append_sql (&paging, sql, 5);

  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      json_array_unref (items);
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  if (typed != NULL && *typed != '\0')
    sqlite3_bind_text (stmt, 2, typed, -1, SQLITE_TRANSIENT);
  if (friendly_name != NULL)
    sqlite3_bind_text (stmt, 3, friendly_name, -1, SQLITE_TRANSIENT);
  if (like != NULL)
    sqlite3_bind_text (stmt, 4, like, -1, SQLITE_TRANSIENT);
  sim_paging_bind (&paging, stmt, 5);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 seq;
      g_autoptr(SimNumber) number = owned_from_row (stmt, &seq);
      g_autoptr(JsonBuilder) builder = NULL;

      if (n == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      builder = json_builder_new ();
      build_owned (builder, number);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = seq;
      n++;
    }
  sqlite3_finalize (stmt);

  for (gsize i = 0; i < G_N_ELEMENTS (filter_names); i++)
    {
      const char *value = sim_form_get (query, filter_names[i]);

      if (value != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          g_string_append_printf (filters, "%s=%s&", filter_names[i], escaped);
        }
    }
  sim_respond_page (self, msg, &paging, FALSE, "incoming_phone_numbers", items, has_more, last_seq,
                    filters->str);
}

static void
handle_owned_fetch (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 2);
  g_autoptr(SimNumber) number = NULL;

  if (!account_matches (msg, account, match))
    return;
  number = owned_get (self, account->sid, sid);
  if (number == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  respond_owned (msg, SOUP_STATUS_OK, number);
}

static void
handle_owned_update (LiaisonSimServer  *self,
                     SoupServerMessage *msg,
                     SimAccount        *account,
                     GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = sim_request_form (msg);
  g_autofree char *sid = g_match_info_fetch (match, 2);
  g_autoptr(SimNumber) number = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!account_matches (msg, account, match))
    return;
  number = owned_get (self, account->sid, sid);
  if (number == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  if (!apply_number_form (msg, form, number))
    return;
  number->date_updated = self->clock;

  stmt = sim_db_prepare (self, "UPDATE phone_numbers SET friendly_name = ?, sms_url = ?, sms_method = ?,"
                               " status_callback = ?, status_callback_method = ?, voice_url = ?,"
                               " voice_method = ?, voice_fallback_url = ?, date_updated = ? WHERE sid = ?");
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sim_bind_text_or_null (stmt, 1, number->friendly_name);
  sim_bind_text_or_null (stmt, 2, number->sms_url);
  sim_bind_text_or_null (stmt, 3, number->sms_method);
  sim_bind_text_or_null (stmt, 4, number->status_callback);
  sim_bind_text_or_null (stmt, 5, number->status_callback_method);
  sim_bind_text_or_null (stmt, 6, number->voice_url);
  sim_bind_text_or_null (stmt, 7, number->voice_method);
  sim_bind_text_or_null (stmt, 8, number->voice_fallback_url);
  sqlite3_bind_int64 (stmt, 9, number->date_updated);
  sqlite3_bind_text (stmt, 10, number->sid, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  respond_owned (msg, SOUP_STATUS_OK, number);
}

static void
handle_owned_delete (LiaisonSimServer  *self,
                     SoupServerMessage *msg,
                     SimAccount        *account,
                     GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 2);
  gint deleted;

  if (!account_matches (msg, account, match))
    return;
  deleted = sim_db_delete_by_sid (self, "DELETE FROM phone_numbers WHERE sid = ? AND account_sid = ?",
                                  account->sid, sid);
  if (deleted < 0)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  if (!deleted)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
numbers_tick (LiaisonSimServer *self)
{
  sim_porting_tick (self);
}

#define ACCOUNT_PATH_RE   "^" API_VERSION_PATH "/Accounts/([^/]+)"
#define AVAILABLE_RE      ACCOUNT_PATH_RE "/AvailablePhoneNumbers"
#define INCOMING_RE       ACCOUNT_PATH_RE "/IncomingPhoneNumbers"
#define PORT_IN_RE        "^/v1/Porting/PortIn/(KW[0-9a-fA-F]{32})"

static const SimRoute numbers_routes[] = {
  { "available-countries", "GET", AVAILABLE_RE "\\.json$", handle_countries },
  { "available-country", "GET", AVAILABLE_RE "/([A-Z]{2})\\.json$", handle_country },
  { "available-search", "GET", AVAILABLE_RE "/([A-Z]{2})/(Local|TollFree|Mobile)\\.json$", handle_search },
  { "incoming-numbers-create", "POST", INCOMING_RE "()\\.json$", handle_purchase },
  { "incoming-numbers-list", "GET", INCOMING_RE "()\\.json$", handle_owned_list },
  { "incoming-numbers-create-typed", "POST", INCOMING_RE "/(Local|TollFree|Mobile)\\.json$", handle_purchase },
  { "incoming-numbers-list-typed", "GET", INCOMING_RE "/(Local|TollFree|Mobile)\\.json$", handle_owned_list },
  { "incoming-number-fetch", "GET", INCOMING_RE "/(PN[0-9a-fA-F]{32})\\.json$", handle_owned_fetch },
  { "incoming-number-update", "POST", INCOMING_RE "/(PN[0-9a-fA-F]{32})\\.json$", handle_owned_update },
  { "incoming-number-delete", "DELETE", INCOMING_RE "/(PN[0-9a-fA-F]{32})\\.json$", handle_owned_delete },
  { "port-in-create", "POST", "^/v1/Porting/PortIn$", sim_porting_create },
  { "port-in-list", "GET", "^/v1/Porting/PortIn/PortInRequests$", sim_porting_list },
  { "port-in-fetch", "GET", PORT_IN_RE "$", sim_porting_fetch },
  { "port-in-cancel", "DELETE", PORT_IN_RE "$", sim_porting_cancel },
  { "port-in-number-fetch", "GET", PORT_IN_RE "/PhoneNumber/(PU[0-9a-fA-F]{32})$", sim_porting_number_fetch },
  { "port-in-number-cancel", "DELETE", PORT_IN_RE "/PhoneNumber/(PU[0-9a-fA-F]{32})$", sim_porting_number_cancel },
  { "portability-fetch", "GET", "^/v1/Porting/Portability/PhoneNumber/([^/]+)$", sim_portability_fetch },
  { "porting-webhook-create", "POST", "^/v1/Porting/Configuration/Webhook$", sim_porting_webhook_create },
  { "porting-webhook-fetch", "GET", "^/v1/Porting/Configuration/Webhook$", sim_porting_webhook_fetch },
  { "porting-webhook-delete", "DELETE", "^/v1/Porting/Configuration/Webhook/([^/]+)$",
    sim_porting_webhook_delete },
  { "lookup-fetch", "GET", "^/v2/PhoneNumbers/([^/]+)$", sim_lookup_fetch },
};

static const SimControlRoute numbers_control_routes[] = {
  { "POST", "/_sim/porting/reject", sim_porting_control_reject },
};

const SimModule sim_numbers_module = {
  .name = "numbers",
  .schema = SIM_PORTING_SCHEMA,
  .routes = numbers_routes,
  .n_routes = G_N_ELEMENTS (numbers_routes),
  .control_routes = numbers_control_routes,
  .n_control_routes = G_N_ELEMENTS (numbers_control_routes),
  .tick = numbers_tick,
  .finalize = sim_porting_finalize,
};
