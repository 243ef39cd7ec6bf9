/* liaison-relay-policy.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-policy.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <string.h>

#define MAX_TEXT 600

static const char * const screening_names[] = { "off", "unknown", "all" };

LiaisonRelayPolicy *
liaison_relay_policy_new_default (void)
{
  LiaisonRelayPolicy *policy = g_new0 (LiaisonRelayPolicy, 1);

  policy->time_zone_id = g_strdup ("America/New_York");
  policy->time_zone = g_time_zone_new_identifier (policy->time_zone_id);
  if (policy->time_zone == NULL)
    policy->time_zone = g_time_zone_new_utc ();
  policy->days = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5);
  policy->start_minute = 9 * 60;
  policy->end_minute = 17 * 60;
  policy->holidays = g_new0 (char *, 1);
  policy->forward_to = g_new0 (char *, 1);
  policy->ring_seconds = 20;
  policy->screening = LIAISON_SCREENING_OFF;
  policy->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  policy->record = TRUE;
  policy->consent = LIAISON_CONSENT_ALL_PARTY_STATES;
  policy->max_wait_seconds = 300;
  policy->voicemail_max_seconds = 120;

  return policy;
}

void
liaison_relay_policy_free (LiaisonRelayPolicy *policy)
{
  if (policy == NULL)
    return;

  g_clear_pointer (&policy->time_zone, g_time_zone_unref);
  g_free (policy->time_zone_id);
  g_strfreev (policy->holidays);
  g_strfreev (policy->forward_to);
  g_free (policy->caller_id);
  g_free (policy->greeting);
  g_free (policy->after_hours_greeting);
  g_free (policy->emergency_number);
  g_clear_pointer (&policy->contacts, g_hash_table_unref);
  g_free (policy->hold_music_url);
  g_free (policy);
}

static gboolean
is_e164 (const char *number)
{
  gsize len = number != NULL ? strlen (number) : 0;

  if (len < 3 || len > 16 || number[0] != '+' || number[1] == '0')
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;
  return TRUE;
}

/* "HH:MM" → minutes after midnight. */
static gboolean
parse_clock (const char *text,
             guint      *out_minutes)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':'
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1])
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *out_minutes = (guint) ((text[0] - '0') * 10 + (text[1] - '0')) * 60
                 + (guint) ((text[3] - '0') * 10 + (text[4] - '0'));
  return *out_minutes <= 24 * 60 && (text[3] - '0') < 6;
}

static gboolean
is_date (const char *text)
{
  g_autoptr(GDate) date = NULL;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  date = g_date_new ();
  g_date_set_parse (date, text);
  return g_date_valid (date);
}

#define FAIL(...) G_STMT_START { \
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, __VA_ARGS__); \
  return NULL; \
} G_STMT_END

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
has_member_of_wrong_type (JsonObject *object,
                          const char *name,
                          GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (type == JSON_TYPE_OBJECT)
    return !JSON_NODE_HOLDS_OBJECT (node);
  if (type == JSON_TYPE_ARRAY)
    return !JSON_NODE_HOLDS_ARRAY (node);
  return !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type;
}

static GStrv
numbers_of (JsonArray  *array,
            const char *field,
            GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *number = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                           ? json_node_get_string (node) : NULL;

      if (!is_e164 (number))
        FAIL ("%s[%u] must be an E.164 number", field, i);
      g_strv_builder_add (builder, number);
    }
  return g_strv_builder_end (builder);
}

static gboolean
text_ok (const char *text)
{
  return text == NULL || (g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) <= MAX_TEXT);
}

LiaisonRelayPolicy *
liaison_relay_policy_parse (const char  *json,
                            GError     **error)
{
  g_autoptr(LiaisonRelayPolicy) policy = liaison_relay_policy_new_default ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonObject *object;
  const char *text;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    FAIL ("The policy must be a JSON object");
  root = json_node_get_object (json_parser_get_root (parser));

  static const struct { const char *name; GType type; } types[] = {
    { "time_zone", G_TYPE_STRING }, { "caller_id", G_TYPE_STRING }, { "greeting", G_TYPE_STRING },
    { "after_hours_greeting", G_TYPE_STRING }, { "emergency_number", G_TYPE_STRING },
    { "screening", G_TYPE_STRING }, { "ring_seconds", G_TYPE_INT64 },
    { "voicemail_max_seconds", G_TYPE_INT64 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (has_member_of_wrong_type (root, types[i].name, types[i].type))
      FAIL ("%s has the wrong type", types[i].name);
  if (has_member_of_wrong_type (root, "hours", JSON_TYPE_OBJECT)
      || has_member_of_wrong_type (root, "recording", JSON_TYPE_OBJECT)
      || has_member_of_wrong_type (root, "queue", JSON_TYPE_OBJECT))
    FAIL ("hours, recording and queue must be objects");
  if (has_member_of_wrong_type (root, "holidays", JSON_TYPE_ARRAY)
      || has_member_of_wrong_type (root, "forward_to", JSON_TYPE_ARRAY)
      || has_member_of_wrong_type (root, "contacts", JSON_TYPE_ARRAY))
    FAIL ("holidays, forward_to and contacts must be arrays");

  if ((text = get_string (root, "time_zone")) != NULL)
    {
      GTimeZone *zone = g_time_zone_new_identifier (text);

      if (zone == NULL)
        FAIL ("time_zone “%s” is not a known time zone", text);
      g_time_zone_unref (policy->time_zone);
      policy->time_zone = zone;
      g_free (policy->time_zone_id);
      policy->time_zone_id = g_strdup (text);
    }

  if ((object = get_object (root, "hours")) != NULL)
    {
      JsonArray *days = json_object_has_member (object, "days") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "days"))
                        ? json_object_get_array_member (object, "days") : NULL;

      if (days != NULL)
        {
          policy->days = 0;
          for (guint i = 0; i < json_array_get_length (days); i++)
            {
              JsonNode *node = json_array_get_element (days, i);
              gint64 day = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
                           ? json_node_get_int (node) : 0;

              if (day < 1 || day > 7)
                FAIL ("hours.days must hold ISO weekdays, 1 (Monday) to 7 (Sunday)");
              policy->days |= (guint8) (1 << day);
            }
        }
      if (get_string (object, "start") != NULL && !parse_clock (get_string (object, "start"), &policy->start_minute))
        FAIL ("hours.start must be HH:MM");
      if (get_string (object, "end") != NULL && !parse_clock (get_string (object, "end"), &policy->end_minute))
        FAIL ("hours.end must be HH:MM");
      if (policy->end_minute <= policy->start_minute)
        FAIL ("hours.end must come after hours.start");
    }

  if (json_object_has_member (root, "holidays") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "holidays")))
    {
      JsonArray *array = json_object_get_array_member (root, "holidays");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *date = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                             ? json_node_get_string (node) : NULL;

          if (!is_date (date))
            FAIL ("holidays[%u] must be a date, YYYY-MM-DD", i);
          g_strv_builder_add (builder, date);
        }
      g_strfreev (policy->holidays);
      policy->holidays = g_strv_builder_end (builder);
    }

  if (json_object_has_member (root, "forward_to") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "forward_to")))
    {
      JsonArray *array = json_object_get_array_member (root, "forward_to");
      GStrv numbers;

      /* Twilio rings at most 10 numbers at once (§3.6). */
      if (json_array_get_length (array) > 10)
        FAIL ("forward_to holds at most 10 numbers");
      numbers = numbers_of (array, "forward_to", error);
      if (numbers == NULL)
        return NULL;
      g_strfreev (policy->forward_to);
      policy->forward_to = numbers;
    }

  if ((text = get_string (root, "caller_id")) != NULL)
    {
      if (!is_e164 (text))
        FAIL ("caller_id must be an E.164 number");
      policy->caller_id = g_strdup (text);
    }
  if ((text = get_string (root, "emergency_number")) != NULL)
    {
      if (!is_e164 (text))
        FAIL ("emergency_number must be an E.164 number");
      policy->emergency_number = g_strdup (text);
    }
  if (json_object_has_member (root, "ring_seconds"))
    {
      gint64 seconds = json_object_get_int_member_with_default (root, "ring_seconds", 0);

      if (seconds < 5 || seconds > 120)
        FAIL ("ring_seconds must be 5 to 120");
      policy->ring_seconds = (guint) seconds;
    }
  if (json_object_has_member (root, "voicemail_max_seconds"))
    {
      gint64 seconds = json_object_get_int_member_with_default (root, "voicemail_max_seconds", 0);

      if (seconds < 10 || seconds > 600)
        FAIL ("voicemail_max_seconds must be 10 to 600");
      policy->voicemail_max_seconds = (guint) seconds;
    }
  if (!text_ok (get_string (root, "greeting")) || !text_ok (get_string (root, "after_hours_greeting")))
    FAIL ("greetings must be text of at most %d characters", MAX_TEXT);
  policy->greeting = g_strdup (get_string (root, "greeting"));
  policy->after_hours_greeting = g_strdup (get_string (root, "after_hours_greeting"));

  if ((text = get_string (root, "screening")) != NULL)
    {
      gboolean found = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (screening_names); i++)
        if (g_str_equal (text, screening_names[i]))
          {
            policy->screening = (LiaisonScreening) i;
            found = TRUE;
          }
      if (!found)
        FAIL ("screening must be off, unknown or all");
    }

  if (json_object_has_member (root, "contacts") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "contacts")))
    {
      JsonArray *array = json_object_get_array_member (root, "contacts");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *number = JSON_NODE_HOLDS_OBJECT (node) ? get_string (json_node_get_object (node), "number") : NULL;
          const char *name = JSON_NODE_HOLDS_OBJECT (node) ? get_string (json_node_get_object (node), "name") : NULL;

          if (!is_e164 (number) || name == NULL || !text_ok (name) || g_utf8_strlen (name, -1) > 100)
            FAIL ("contacts[%u] must be {\"number\": E.164, \"name\": text of at most 100 characters}", i);
          g_hash_table_replace (policy->contacts, g_strdup (number), g_strdup (name));
        }
    }

  if ((object = get_object (root, "recording")) != NULL)
    {
      if (has_member_of_wrong_type (object, "enabled", G_TYPE_BOOLEAN))
        FAIL ("recording.enabled must be true or false");
      policy->record = json_object_get_boolean_member_with_default (object, "enabled", policy->record);
      if ((text = get_string (object, "consent")) != NULL
          && !liaison_consent_mode_from_string (text, &policy->consent))
        FAIL ("recording.consent must be states, states-and-disputed or always");
    }

  if ((object = get_object (root, "queue")) != NULL)
    {
      if (has_member_of_wrong_type (object, "enabled", G_TYPE_BOOLEAN)
          || has_member_of_wrong_type (object, "max_wait_seconds", G_TYPE_INT64))
        FAIL ("queue.enabled must be true or false, queue.max_wait_seconds a number");
      policy->queue = json_object_get_boolean_member_with_default (object, "enabled", policy->queue);
      if ((text = get_string (object, "hold_music_url")) != NULL)
        {
          if (!g_str_has_prefix (text, "https://") && !g_str_has_prefix (text, "http://"))
            FAIL ("queue.hold_music_url must be an http(s) URL");
          policy->hold_music_url = g_strdup (text);
        }
      if (json_object_has_member (object, "max_wait_seconds"))
        {
          gint64 seconds = json_object_get_int_member_with_default (object, "max_wait_seconds", 0);

          if (seconds < 30 || seconds > 3600)
            FAIL ("queue.max_wait_seconds must be 30 to 3600");
          policy->max_wait_seconds = (guint) seconds;
        }
    }

  return g_steal_pointer (&policy);
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GStrv        values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
liaison_relay_policy_to_json (LiaisonRelayPolicy *policy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *start = g_strdup_printf ("%02u:%02u", policy->start_minute / 60, policy->start_minute % 60);
  g_autofree char *end = g_strdup_printf ("%02u:%02u", policy->end_minute / 60, policy->end_minute % 60);
  g_autoptr(GList) numbers = g_hash_table_get_keys (policy->contacts);

  json_builder_begin_object (builder);
  add_optional_string (builder, "time_zone", policy->time_zone_id);
  json_builder_set_member_name (builder, "hours");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint day = 1; day <= 7; day++)
    if (policy->days & (1 << day))
      json_builder_add_int_value (builder, day);
  json_builder_end_array (builder);
  add_optional_string (builder, "start", start);
  add_optional_string (builder, "end", end);
  json_builder_end_object (builder);
  add_string_array (builder, "holidays", policy->holidays);
  add_string_array (builder, "forward_to", policy->forward_to);
  add_optional_string (builder, "caller_id", policy->caller_id);
  json_builder_set_member_name (builder, "ring_seconds");
  json_builder_add_int_value (builder, policy->ring_seconds);
  add_optional_string (builder, "greeting", policy->greeting);
  add_optional_string (builder, "after_hours_greeting", policy->after_hours_greeting);
  add_optional_string (builder, "emergency_number", policy->emergency_number);
  add_optional_string (builder, "screening", screening_names[policy->screening]);
  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  numbers = g_list_sort (numbers, (GCompareFunc) g_strcmp0);
  for (GList *l = numbers; l != NULL; l = l->next)
    {
      json_builder_begin_object (builder);
      add_optional_string (builder, "number", l->data);
      add_optional_string (builder, "name", g_hash_table_lookup (policy->contacts, l->data));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "recording");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, policy->record);
  add_optional_string (builder, "consent", liaison_consent_mode_to_string (policy->consent));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "queue");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, policy->queue);
  add_optional_string (builder, "hold_music_url", policy->hold_music_url);
  json_builder_set_member_name (builder, "max_wait_seconds");
  json_builder_add_int_value (builder, policy->max_wait_seconds);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "voicemail_max_seconds");
  json_builder_add_int_value (builder, policy->voicemail_max_seconds);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
liaison_relay_policy_is_open (LiaisonRelayPolicy *policy,
                              GDateTime          *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, policy->time_zone);
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  guint minute = (guint) (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));

  if ((policy->days & (1 << g_date_time_get_day_of_week (local))) == 0)
    return FALSE;
  if (g_strv_contains ((const char * const *) policy->holidays, today))
    return FALSE;
  return minute >= policy->start_minute && minute < policy->end_minute;
}

const char *
liaison_relay_policy_contact (LiaisonRelayPolicy *policy,
                              const char         *number)
{
  return number != NULL ? g_hash_table_lookup (policy->contacts, number) : NULL;
}
