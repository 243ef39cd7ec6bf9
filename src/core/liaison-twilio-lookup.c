/* liaison-twilio-lookup.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-numbers"

#include "config.h"

#include "liaison-twilio-lookup.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioLookup
{
  GObject                parent_instance;

  char                  *phone_number;
  gboolean               valid;
  GStrv                  validation_errors;
  char                  *national_format;
  char                  *country_code;
  char                  *calling_country_code;
  gboolean               has_line_type;
  LiaisonTwilioLineType  line_type;
  char                  *line_type_name;
  char                  *carrier_name;
  char                  *mobile_country_code;
  char                  *mobile_network_code;
  gint                   line_type_error;
};

G_DEFINE_FINAL_TYPE (LiaisonTwilioLookup, liaison_twilio_lookup, G_TYPE_OBJECT)

static void
liaison_twilio_lookup_finalize (GObject *object)
{
  LiaisonTwilioLookup *self = LIAISON_TWILIO_LOOKUP (object);

  g_free (self->phone_number);
  g_strfreev (self->validation_errors);
  g_free (self->national_format);
  g_free (self->country_code);
  g_free (self->calling_country_code);
  g_free (self->line_type_name);
  g_free (self->carrier_name);
  g_free (self->mobile_country_code);
  g_free (self->mobile_network_code);

  G_OBJECT_CLASS (liaison_twilio_lookup_parent_class)->finalize (object);
}

static void
liaison_twilio_lookup_class_init (LiaisonTwilioLookupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_twilio_lookup_finalize;
}

static void
liaison_twilio_lookup_init (LiaisonTwilioLookup *self)
{
}

static LiaisonTwilioLineType
line_type_from_name (const char *name)
{
  static const struct {
    const char            *name;
    LiaisonTwilioLineType  type;
  } names[] = {
    { "mobile", LIAISON_TWILIO_LINE_TYPE_MOBILE },
    { "landline", LIAISON_TWILIO_LINE_TYPE_LANDLINE },
    { "fixedVoip", LIAISON_TWILIO_LINE_TYPE_FIXED_VOIP },
    { "nonFixedVoip", LIAISON_TWILIO_LINE_TYPE_NON_FIXED_VOIP },
    { "tollFree", LIAISON_TWILIO_LINE_TYPE_TOLL_FREE },
    { "personal", LIAISON_TWILIO_LINE_TYPE_PERSONAL },
    { "pager", LIAISON_TWILIO_LINE_TYPE_PAGER },
    { "voicemail", LIAISON_TWILIO_LINE_TYPE_VOICEMAIL },
    { "sharedCost", LIAISON_TWILIO_LINE_TYPE_SHARED_COST },
  };

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i].name))
      return names[i].type;
  return LIAISON_TWILIO_LINE_TYPE_UNKNOWN;
}

LiaisonTwilioLookup *
liaison_twilio_lookup_new_from_json (JsonObject  *object,
                                     GError     **error)
{
  g_autoptr(LiaisonTwilioLookup) self = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_LOOKUP, NULL);
  if (!_liaison_twilio_json_get_string (object, "phone_number", &self->phone_number, error) ||
      !_liaison_twilio_json_get_bool (object, "valid", &self->valid, error) ||
      !_liaison_twilio_json_get_string (object, "national_format", &self->national_format, error) ||
      !_liaison_twilio_json_get_string (object, "country_code", &self->country_code, error) ||
      !_liaison_twilio_json_get_string (object, "calling_country_code", &self->calling_country_code, error))
    return NULL;

  node = json_object_get_member (object, "validation_errors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              _liaison_twilio_json_invalid_field ("validation_errors", error);
              return NULL;
            }
          g_ptr_array_add (errors, g_strdup (json_node_get_string (element)));
        }
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      _liaison_twilio_json_invalid_field ("validation_errors", error);
      return NULL;
    }
  g_ptr_array_add (errors, NULL);
  self->validation_errors = (GStrv) g_ptr_array_steal (errors, NULL);

  node = json_object_get_member (object, "line_type_intelligence");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *info = json_node_get_object (node);

      if (!_liaison_twilio_json_get_string (info, "type", &self->line_type_name, error) ||
          !_liaison_twilio_json_get_string (info, "carrier_name", &self->carrier_name, error) ||
          !_liaison_twilio_json_get_string (info, "mobile_country_code", &self->mobile_country_code, error) ||
          !_liaison_twilio_json_get_string (info, "mobile_network_code", &self->mobile_network_code, error) ||
          !_liaison_twilio_json_get_int (info, "error_code", &self->line_type_error, error))
        return NULL;
      self->has_line_type = TRUE;
      self->line_type = line_type_from_name (self->line_type_name);
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      _liaison_twilio_json_invalid_field ("line_type_intelligence", error);
      return NULL;
    }

  if (self->phone_number == NULL)
    {
      _liaison_twilio_json_invalid_field ("phone_number", error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_lookup_get_##field (LiaisonTwilioLookup *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_LOOKUP (self), 0); \
    return self->field; \
  }

GETTER (const char *, phone_number)
GETTER (gboolean, valid)
GETTER (const char *, national_format)
GETTER (const char *, country_code)
GETTER (const char *, calling_country_code)
GETTER (LiaisonTwilioLineType, line_type)
GETTER (const char *, line_type_name)
GETTER (const char *, carrier_name)
GETTER (const char *, mobile_country_code)
GETTER (const char *, mobile_network_code)
GETTER (gint, line_type_error)

const char * const *
liaison_twilio_lookup_get_validation_errors (LiaisonTwilioLookup *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_LOOKUP (self), NULL);

  return (const char * const *) self->validation_errors;
}

gboolean
liaison_twilio_lookup_has_line_type (LiaisonTwilioLookup *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_LOOKUP (self), FALSE);

  return self->has_line_type;
}

gboolean
liaison_twilio_line_type_can_text (LiaisonTwilioLineType type)
{
  return type == LIAISON_TWILIO_LINE_TYPE_MOBILE || type == LIAISON_TWILIO_LINE_TYPE_NON_FIXED_VOIP
         || type == LIAISON_TWILIO_LINE_TYPE_FIXED_VOIP || type == LIAISON_TWILIO_LINE_TYPE_TOLL_FREE;
}
