/* liaison-twilio-json.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-json"

#include "config.h"

#include "liaison-twilio-json-private.h"
#include "liaison-twilio-available-number.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-message.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

/* Readers for the fields of Twilio's JSON resources, shared by every model:
 * a missing or null field leaves *out untouched and succeeds; a field of the
 * wrong type is a LIAISON_TWILIO_ERROR_INVALID_RESPONSE naming the field. */

gboolean
_liaison_twilio_json_invalid_field (const char  *name,
                                    GError     **error)
{
  g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
               _("Twilio's answer has an invalid “%s” field."), name);
  return FALSE;
}

gboolean
_liaison_twilio_json_get_string (JsonObject  *object,
                                 const char  *name,
                                 char       **out,
                                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  return _liaison_twilio_json_invalid_field (name, error);
}

gboolean
_liaison_twilio_json_require_string (JsonObject  *object,
                                     const char  *name,
                                     char       **out,
                                     GError     **error)
{
  if (!_liaison_twilio_json_get_string (object, name, out, error))
    return FALSE;
  if (*out != NULL)
    return TRUE;

  g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
               _("Twilio's answer has no valid “%s” field."), name);
  return FALSE;
}

/* Twilio sends counts as strings ("1"); integers are accepted too. */
gboolean
_liaison_twilio_json_get_uint (JsonObject  *object,
                               const char  *name,
                               guint       *out,
                               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64 && json_node_get_int (node) >= 0 && json_node_get_int (node) <= G_MAXUINT)
        {
          *out = (guint) json_node_get_int (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          guint64 value = 0;

          if (g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT, &value, NULL))
            {
              *out = (guint) value;
              return TRUE;
            }
        }
    }
  return _liaison_twilio_json_invalid_field (name, error);
}

gboolean
_liaison_twilio_json_get_int (JsonObject  *object,
                              const char  *name,
                              gint        *out,
                              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      gint64 value = 0;

      if (type == G_TYPE_INT64)
        value = json_node_get_int (node);
      else if (type != G_TYPE_STRING ||
               !g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT, G_MAXINT, &value, NULL))
        goto invalid;
      if (value < G_MININT || value > G_MAXINT)
        goto invalid;
      *out = (gint) value;
      return TRUE;
    }

invalid:
  return _liaison_twilio_json_invalid_field (name, error);
}

gboolean
_liaison_twilio_json_get_date (JsonObject  *object,
                               const char  *name,
                               GDateTime  **out,
                               GError     **error)
{
  g_autofree char *text = NULL;

  if (!_liaison_twilio_json_get_string (object, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *out = liaison_twilio_parse_rfc2822_date (text);
  if (*out == NULL)
    return _liaison_twilio_json_invalid_field (name, error);
  return TRUE;
}

gboolean
_liaison_twilio_json_get_iso_date (JsonObject  *object,
                                   const char  *name,
                                   GDateTime  **out,
                                   GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *date_time;

  if (!_liaison_twilio_json_get_string (object, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  date_time = g_date_time_new_from_iso8601 (text, utc);
  if (date_time == NULL && strlen (text) == 10)
    {
      /* A date alone ("2026-11-24") is midnight UTC. */
      g_autofree char *full = g_strconcat (text, "T00:00:00Z", NULL);

      date_time = g_date_time_new_from_iso8601 (full, NULL);
    }
  if (date_time == NULL)
    return _liaison_twilio_json_invalid_field (name, error);
  g_clear_pointer (out, g_date_time_unref);
  *out = date_time;
  return TRUE;
}

gboolean
_liaison_twilio_json_get_bool (JsonObject  *object,
                               const char  *name,
                               gboolean    *out,
                               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  return _liaison_twilio_json_invalid_field (name, error);
}

gboolean
_liaison_twilio_json_get_double (JsonObject  *object,
                                 const char  *name,
                                 double      *out,
                                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return _liaison_twilio_json_invalid_field (name, error);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      if (*text != '\0' && *end == '\0' && isfinite (value))
        {
          *out = value;
          return TRUE;
        }
    }
  return _liaison_twilio_json_invalid_field (name, error);
}

gboolean
_liaison_twilio_json_get_number_string (JsonObject  *object,
                                        const char  *name,
                                        char       **out,
                                        GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return _liaison_twilio_json_invalid_field (name, error);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      double value = json_node_get_double (node);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      /* The shortest text that reads back as the same number. */
      for (int precision = 1; precision <= 17; precision++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

          g_ascii_formatd (buffer, sizeof buffer, format, value);
          if (g_ascii_strtod (buffer, NULL) == value)
            break;
        }
      *out = g_strdup (buffer);
      return TRUE;
    }
  return _liaison_twilio_json_invalid_field (name, error);
}

gboolean
_liaison_twilio_json_get_capabilities (JsonObject                 *object,
                                       LiaisonTwilioCapabilities  *out,
                                       GError                    **error)
{
  static const struct {
    const char                *name;
    LiaisonTwilioCapabilities  flag;
  } names[] = {
    { "voice", LIAISON_TWILIO_CAPABILITY_VOICE },
    { "sms", LIAISON_TWILIO_CAPABILITY_SMS },
    { "mms", LIAISON_TWILIO_CAPABILITY_MMS },
    { "fax", LIAISON_TWILIO_CAPABILITY_FAX },
  };
  JsonNode *node = json_object_get_member (object, "capabilities");
  JsonObject *capabilities;

  *out = LIAISON_TWILIO_CAPABILITY_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _liaison_twilio_json_invalid_field ("capabilities", error);
  capabilities = json_node_get_object (node);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gboolean value = FALSE;

      /* Older answers spell them "SMS" and "MMS". */
      if (!_liaison_twilio_json_get_bool (capabilities, names[i].name, &value, error))
        return FALSE;
      if (!value)
        {
          g_autofree char *upper = g_ascii_strup (names[i].name, -1);

          if (!_liaison_twilio_json_get_bool (capabilities, upper, &value, error))
            return FALSE;
        }
      if (value)
        *out |= names[i].flag;
    }
  return TRUE;
}
