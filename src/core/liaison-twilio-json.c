/* liaison-twilio-json.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-json"

#include "config.h"

#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-message.h"

#include <glib/gi18n-lib.h>

/* Readers for the fields of Twilio's JSON resources, shared by every model:
 * a missing or null field leaves *out untouched and succeeds; a field of the
 * wrong type is a LIAISON_TWILIO_ERROR_INVALID_RESPONSE naming the field. */

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
  g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
               _("Twilio's answer has an invalid “%s” field."), name);
  return FALSE;
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
  g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
               _("Twilio's answer has an invalid “%s” field."), name);
  return FALSE;
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
  g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
               _("Twilio's answer has an invalid “%s” field."), name);
  return FALSE;
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
    {
      g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                   _("Twilio's answer has an invalid “%s” field."), name);
      return FALSE;
    }
  return TRUE;
}
