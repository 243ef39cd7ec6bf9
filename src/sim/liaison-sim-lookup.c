/* liaison-sim-lookup.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-numbers-private.h"

#include <string.h>

/* Lookup v2 (lookups.twilio.com/v2/PhoneNumbers/{PhoneNumber}).
 *
 * Validation: +1 numbers need ten digits with an area code and an exchange
 * that do not start with 0 or 1 (else INVALID_BUT_POSSIBLE); fewer digits
 * are TOO_SHORT, more TOO_LONG; +44 numbers need ten digits. Other country
 * codes are INVALID_COUNTRY_CODE and anything that is not digits is
 * NOT_A_NUMBER. Invalid numbers answer 200 with valid=false, as Twilio does.
 * A national number ("(415) 555-0123") is read with CountryCode (default US).
 *
 * Line types are fixed so that tests and the demo can rely on them:
 *   numbers owned in the simulator   nonFixedVoip, "Twilio - SMS/MMS-SVR"
 *   toll-free (8XX)                  tollFree
 *   last digit 0–3                   mobile, "Verizon Wireless" (311/480)
 *   last digit 4–5                   landline, "AT&T Services"
 *   last digit 6                     fixedVoip, "Comcast Phone"
 *   last digit 7                     nonFixedVoip, "Google (Grand Central)"
 *   last digit 8–9                   mobile, "T-Mobile USA, Inc." (310/260)
 */

void
sim_line_type_of (LiaisonSimServer *self,
                  const char       *e164,
                  SimLineType      *out)
{
  g_autoptr(SimNumber) owned = sim_db_number_get (self, e164);
  char last = e164[strlen (e164) - 1];

  memset (out, 0, sizeof *out);
  if (owned != NULL)
    {
      out->type = "nonFixedVoip";
      out->carrier_name = "Twilio - SMS/MMS-SVR";
      out->mobile_country_code = "311";
      out->mobile_network_code = "950";
    }
  else if (sim_is_toll_free (e164))
    {
      out->type = "tollFree";
      out->carrier_name = "Toll Free";
    }
  else if (last >= '0' && last <= '3')
    {
      out->type = "mobile";
      out->carrier_name = "Verizon Wireless";
      out->mobile_country_code = "311";
      out->mobile_network_code = "480";
    }
  else if (last == '4' || last == '5')
    {
      out->type = "landline";
      out->carrier_name = "AT&T Services";
    }
  else if (last == '6')
    {
      out->type = "fixedVoip";
      out->carrier_name = "Comcast Phone";
    }
  else if (last == '7')
    {
      out->type = "nonFixedVoip";
      out->carrier_name = "Google (Grand Central) BWI - Bandwidth.com - SVR";
    }
  else
    {
      out->type = "mobile";
      out->carrier_name = "T-Mobile USA, Inc.";
      out->mobile_country_code = "310";
      out->mobile_network_code = "260";
    }
}

typedef struct {
  char       *phone_number;       /* as given, or E.164 when valid */
  const char *validation_error;   /* NULL: valid */
  const char *country_code;       /* US, CA, GB */
  const char *calling_code;
  char       *national_format;
} Parsed;

static const char * const canadian_area_codes[] = {
  "204", "226", "236", "249", "250", "289", "306", "343", "365", "403", "416", "418", "431",
  "437", "438", "450", "506", "514", "519", "548", "579", "581", "587", "604", "613", "639",
  "647", "672", "705", "709", "778", "780", "782", "807", "819", "825", "867", "873", "902", "905",
};

static void
parse_number (const char *text,
              const char *country,
              Parsed     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean international = FALSE;
  const char *p = text;

  memset (out, 0, sizeof *out);
  out->phone_number = g_strdup (text);

  while (*p == ' ')
    p++;
  if (*p == '+')
    {
      international = TRUE;
      p++;
    }
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')' && *p != '.')
        {
          out->validation_error = "NOT_A_NUMBER";
          return;
        }
    }
  if (digits->len == 0)
    {
      out->validation_error = "NOT_A_NUMBER";
      return;
    }

  if (!international)
    {
      if (country == NULL || g_ascii_strcasecmp (country, "US") == 0 || g_ascii_strcasecmp (country, "CA") == 0)
        {
          if (digits->len == 11 && digits->str[0] == '1')
            g_string_erase (digits, 0, 1);
          g_string_prepend_c (digits, '1');
        }
      else if (g_ascii_strcasecmp (country, "GB") == 0)
        {
          if (digits->str[0] == '0')
            g_string_erase (digits, 0, 1);
          g_string_prepend (digits, "44");
        }
      else
        {
          out->validation_error = "INVALID_COUNTRY_CODE";
          return;
        }
    }

  if (digits->str[0] == '1')
    {
      const char *national = digits->str + 1;
      gsize len = digits->len - 1;

      out->calling_code = "1";
      if (len < 10)
        out->validation_error = "TOO_SHORT";
      else if (len > 10)
        out->validation_error = "TOO_LONG";
      else if (national[0] < '2' || national[3] < '2')
        out->validation_error = "INVALID_BUT_POSSIBLE";
      if (out->validation_error != NULL)
        return;

      out->country_code = "US";
      for (gsize i = 0; i < G_N_ELEMENTS (canadian_area_codes); i++)
        if (strncmp (national, canadian_area_codes[i], 3) == 0)
          out->country_code = "CA";
      g_free (out->phone_number);
      out->phone_number = g_strconcat ("+", digits->str, NULL);
      out->national_format = g_strdup_printf ("(%.3s) %.3s-%.4s", national, national + 3, national + 6);
      return;
    }
  if (g_str_has_prefix (digits->str, "44"))
    {
      const char *national = digits->str + 2;
      gsize len = digits->len - 2;

      out->calling_code = "44";
      if (len < 10)
        out->validation_error = "TOO_SHORT";
      else if (len > 10)
        out->validation_error = "TOO_LONG";
      if (out->validation_error != NULL)
        return;
      out->country_code = "GB";
      g_free (out->phone_number);
      out->phone_number = g_strconcat ("+", digits->str, NULL);
      out->national_format = g_strdup_printf ("0%.4s %.6s", national, national + 4);
      return;
    }
  out->validation_error = "INVALID_COUNTRY_CODE";
}

void
sim_lookup_fetch (LiaisonSimServer  *self,
                  SoupServerMessage *msg,
                  SimAccount        *account,
                  GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autofree char *raw = g_match_info_fetch (match, 1);
  g_autofree char *text = g_uri_unescape_string (raw, NULL);
  g_autofree char *base = liaison_sim_server_get_url (self);
  g_autofree char *url = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) fields = NULL;
  const char *fields_text = sim_form_get (query, "Fields");
  gboolean line_type = FALSE;
  Parsed parsed;

  if (text == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 60200, "Invalid phone number");
      return;
    }

  fields = g_strsplit (fields_text != NULL ? fields_text : "", ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      static const char * const known[] = {
        "validation", "caller_name", "sim_swap", "call_forwarding", "line_status",
        "line_type_intelligence", "identity_match", "reassigned_number", "sms_pumping_risk",
        "phone_number_quality_score", "pre_fill",
      };
      const char *field = g_strstrip (fields[i]);
      gboolean found = *field == '\0';

      for (gsize k = 0; k < G_N_ELEMENTS (known); k++)
        if (g_str_equal (field, known[k]))
          found = TRUE;
      if (!found)
        {
          g_autofree char *message = g_strdup_printf ("Invalid Fields value: %s", field);

          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 60200, message);
          return;
        }
      if (g_str_equal (field, "line_type_intelligence"))
        line_type = TRUE;
    }

  parse_number (text, sim_form_get (query, "CountryCode"), &parsed);
  {
    g_autofree char *escaped = g_uri_escape_string (parsed.phone_number, "+", FALSE);

    url = g_strdup_printf ("%s/v2/PhoneNumbers/%s", base, escaped);
  }

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "call_forwarding", NULL);
  sim_add_string_or_null (builder, "caller_name", NULL);
  sim_add_string_or_null (builder, "calling_country_code",
                          parsed.validation_error == NULL ? parsed.calling_code : NULL);
  sim_add_string_or_null (builder, "country_code", parsed.country_code);
  sim_add_string_or_null (builder, "identity_match", NULL);
  sim_add_string_or_null (builder, "line_status", NULL);
  json_builder_set_member_name (builder, "line_type_intelligence");
  if (line_type && parsed.validation_error == NULL && g_str_equal (parsed.calling_code, "1"))
    {
      SimLineType info;

      sim_line_type_of (self, parsed.phone_number, &info);
      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "carrier_name", info.carrier_name);
      sim_add_string_or_null (builder, "error_code", NULL);
      sim_add_string_or_null (builder, "mobile_country_code", info.mobile_country_code);
      sim_add_string_or_null (builder, "mobile_network_code", info.mobile_network_code);
      sim_add_string_or_null (builder, "type", info.type);
      json_builder_end_object (builder);
    }
  else if (line_type && parsed.validation_error == NULL)
    {
      /* Outside North America: a mobile number for 7…, a landline otherwise. */
      gboolean mobile = parsed.phone_number[3] == '7';

      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "carrier_name", mobile ? "Vodafone UK" : "BT Group");
      sim_add_string_or_null (builder, "error_code", NULL);
      sim_add_string_or_null (builder, "mobile_country_code", mobile ? "234" : NULL);
      sim_add_string_or_null (builder, "mobile_network_code", mobile ? "15" : NULL);
      sim_add_string_or_null (builder, "type", mobile ? "mobile" : "landline");
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  sim_add_string_or_null (builder, "national_format", parsed.national_format);
  sim_add_string_or_null (builder, "phone_number", parsed.phone_number);
  sim_add_string_or_null (builder, "phone_number_quality_score", NULL);
  sim_add_string_or_null (builder, "pre_fill", NULL);
  sim_add_string_or_null (builder, "reassigned_number", NULL);
  sim_add_string_or_null (builder, "sim_swap", NULL);
  sim_add_string_or_null (builder, "sms_pumping_risk", NULL);
  sim_add_string_or_null (builder, "url", url);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, parsed.validation_error == NULL);
  json_builder_set_member_name (builder, "validation_errors");
  if (parsed.validation_error != NULL)
    {
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, parsed.validation_error);
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  g_free (parsed.phone_number);
  g_free (parsed.national_format);

  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}
