/* liaison-twilio-operator-result.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-operator-result"

#include "config.h"

#include "liaison-twilio-operator-result.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioOperatorResult
{
  GObject       parent_instance;

  char         *operator_sid;
  char         *operator_type;
  char         *name;
  char         *transcript_sid;
  char         *predicted_label;
  double        predicted_probability;
  double        match_probability;
  gboolean      extract_match;
  char         *text_generation_result;
  char         *url;
};

enum {
  PROP_0,
  PROP_OPERATOR_SID,
  PROP_OPERATOR_TYPE,
  PROP_NAME,
  PROP_TRANSCRIPT_SID,
  PROP_PREDICTED_LABEL,
  PROP_PREDICTED_PROBABILITY,
  PROP_MATCH_PROBABILITY,
  PROP_EXTRACT_MATCH,
  PROP_TEXT_GENERATION_RESULT,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioOperatorResult, liaison_twilio_operator_result, G_TYPE_OBJECT)

static void
liaison_twilio_operator_result_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  LiaisonTwilioOperatorResult *self = LIAISON_TWILIO_OPERATOR_RESULT (object);

  switch (prop_id)
    {
    case PROP_OPERATOR_SID: g_value_set_string (value, self->operator_sid); break;
    case PROP_OPERATOR_TYPE: g_value_set_string (value, self->operator_type); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_TRANSCRIPT_SID: g_value_set_string (value, self->transcript_sid); break;
    case PROP_PREDICTED_LABEL: g_value_set_string (value, self->predicted_label); break;
    case PROP_PREDICTED_PROBABILITY: g_value_set_double (value, self->predicted_probability); break;
    case PROP_MATCH_PROBABILITY: g_value_set_double (value, self->match_probability); break;
    case PROP_EXTRACT_MATCH: g_value_set_boolean (value, self->extract_match); break;
    case PROP_TEXT_GENERATION_RESULT: g_value_set_string (value, self->text_generation_result); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_operator_result_finalize (GObject *object)
{
  LiaisonTwilioOperatorResult *self = LIAISON_TWILIO_OPERATOR_RESULT (object);

  g_free (self->operator_sid);
  g_free (self->operator_type);
  g_free (self->name);
  g_free (self->transcript_sid);
  g_free (self->predicted_label);
  g_free (self->text_generation_result);
  g_free (self->url);

  G_OBJECT_CLASS (liaison_twilio_operator_result_parent_class)->finalize (object);
}

static void
liaison_twilio_operator_result_class_init (LiaisonTwilioOperatorResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_operator_result_get_property;
  object_class->finalize = liaison_twilio_operator_result_finalize;

  properties [PROP_OPERATOR_SID] =
    g_param_spec_string ("operator-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_OPERATOR_TYPE] =
    g_param_spec_string ("operator-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TRANSCRIPT_SID] =
    g_param_spec_string ("transcript-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PREDICTED_LABEL] =
    g_param_spec_string ("predicted-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PREDICTED_PROBABILITY] =
    g_param_spec_double ("predicted-probability", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MATCH_PROBABILITY] =
    g_param_spec_double ("match-probability", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_EXTRACT_MATCH] =
    g_param_spec_boolean ("extract-match", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TEXT_GENERATION_RESULT] =
    g_param_spec_string ("text-generation-result", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_operator_result_init (LiaisonTwilioOperatorResult *self)
{
}

/* text_generation_results.result: the generated text of a text-generation
 * operator. */
static char *
read_text_generation (JsonObject *object)
{
  JsonNode *results = json_object_get_member (object, "text_generation_results");
  JsonNode *result;

  if (results == NULL || !JSON_NODE_HOLDS_OBJECT (results))
    return NULL;
  result = json_object_get_member (json_node_get_object (results), "result");
  if (result == NULL || !JSON_NODE_HOLDS_VALUE (result) || json_node_get_value_type (result) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (result));
}

LiaisonTwilioOperatorResult *
liaison_twilio_operator_result_new_from_json (JsonObject  *object,
                                              GError     **error)
{
  g_autoptr(LiaisonTwilioOperatorResult) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_OPERATOR_RESULT, NULL);
  if (!_liaison_twilio_json_require_string (object, "operator_sid", &self->operator_sid, error) ||
      !_liaison_twilio_json_get_string (object, "operator_type", &self->operator_type, error) ||
      !_liaison_twilio_json_get_string (object, "name", &self->name, error) ||
      !_liaison_twilio_json_get_string (object, "transcript_sid", &self->transcript_sid, error) ||
      !_liaison_twilio_json_get_string (object, "predicted_label", &self->predicted_label, error) ||
      !_liaison_twilio_json_get_double (object, "predicted_probability", &self->predicted_probability, error) ||
      !_liaison_twilio_json_get_double (object, "match_probability", &self->match_probability, error) ||
      !_liaison_twilio_json_get_bool (object, "extract_match", &self->extract_match, error) ||
      !_liaison_twilio_json_get_string (object, "url", &self->url, error))
    return NULL;
  self->text_generation_result = read_text_generation (object);

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_operator_result_get_##field (LiaisonTwilioOperatorResult *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_OPERATOR_RESULT (self), 0); \
    return self->field; \
  }

GETTER (const char *, operator_sid)
GETTER (const char *, operator_type)
GETTER (const char *, name)
GETTER (const char *, transcript_sid)
GETTER (const char *, predicted_label)
GETTER (double, predicted_probability)
GETTER (double, match_probability)
GETTER (gboolean, extract_match)
GETTER (const char *, text_generation_result)
GETTER (const char *, url)
