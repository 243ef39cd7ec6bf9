/* liaison-twilio-intelligence-transcript.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-intelligence-transcript"

#include "config.h"

#include "liaison-twilio-intelligence-transcript.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioIntelligenceTranscript
{
  GObject       parent_instance;

  char         *sid;
  char         *account_sid;
  char         *service_sid;
  char         *status;
  char         *language_code;
  char         *customer_key;
  gint          duration;
  gboolean      redaction;
  GDateTime    *date_created;
  GDateTime    *date_updated;
  GDateTime    *media_start_time;
  char         *url;
  char         *source_sid;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_SERVICE_SID,
  PROP_STATUS,
  PROP_LANGUAGE_CODE,
  PROP_CUSTOMER_KEY,
  PROP_DURATION,
  PROP_REDACTION,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_MEDIA_START_TIME,
  PROP_URL,
  PROP_SOURCE_SID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioIntelligenceTranscript, liaison_twilio_intelligence_transcript, G_TYPE_OBJECT)

static void
liaison_twilio_intelligence_transcript_get_property (GObject    *object,
                                                    guint       prop_id,
                                                    GValue     *value,
                                                    GParamSpec *pspec)
{
  LiaisonTwilioIntelligenceTranscript *self = LIAISON_TWILIO_INTELLIGENCE_TRANSCRIPT (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_SERVICE_SID: g_value_set_string (value, self->service_sid); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_LANGUAGE_CODE: g_value_set_string (value, self->language_code); break;
    case PROP_CUSTOMER_KEY: g_value_set_string (value, self->customer_key); break;
    case PROP_DURATION: g_value_set_int (value, self->duration); break;
    case PROP_REDACTION: g_value_set_boolean (value, self->redaction); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_MEDIA_START_TIME: g_value_set_boxed (value, self->media_start_time); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_SOURCE_SID: g_value_set_string (value, self->source_sid); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_intelligence_transcript_finalize (GObject *object)
{
  LiaisonTwilioIntelligenceTranscript *self = LIAISON_TWILIO_INTELLIGENCE_TRANSCRIPT (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->service_sid);
  g_free (self->status);
  g_free (self->language_code);
  g_free (self->customer_key);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_clear_pointer (&self->media_start_time, g_date_time_unref);
  g_free (self->url);
  g_free (self->source_sid);

  G_OBJECT_CLASS (liaison_twilio_intelligence_transcript_parent_class)->finalize (object);
}

static void
liaison_twilio_intelligence_transcript_class_init (LiaisonTwilioIntelligenceTranscriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_intelligence_transcript_get_property;
  object_class->finalize = liaison_twilio_intelligence_transcript_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SERVICE_SID] =
    g_param_spec_string ("service-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LANGUAGE_CODE] =
    g_param_spec_string ("language-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CUSTOMER_KEY] =
    g_param_spec_string ("customer-key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_REDACTION] =
    g_param_spec_boolean ("redaction", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEDIA_START_TIME] =
    g_param_spec_boxed ("media-start-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SOURCE_SID] =
    g_param_spec_string ("source-sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_intelligence_transcript_init (LiaisonTwilioIntelligenceTranscript *self)
{
}

/* channel.media_properties.source_sid, when the transcript is of a recording. */
static char *
read_source_sid (JsonObject *object)
{
  JsonNode *channel = json_object_get_member (object, "channel");
  JsonNode *media_properties;
  JsonNode *source;

  if (channel == NULL || !JSON_NODE_HOLDS_OBJECT (channel))
    return NULL;
  media_properties = json_object_get_member (json_node_get_object (channel), "media_properties");
  if (media_properties == NULL || !JSON_NODE_HOLDS_OBJECT (media_properties))
    return NULL;
  source = json_object_get_member (json_node_get_object (media_properties), "source_sid");
  if (source == NULL || !JSON_NODE_HOLDS_VALUE (source) || json_node_get_value_type (source) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (source));
}

LiaisonTwilioIntelligenceTranscript *
liaison_twilio_intelligence_transcript_new_from_json (JsonObject  *object,
                                                      GError     **error)
{
  g_autoptr(LiaisonTwilioIntelligenceTranscript) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_INTELLIGENCE_TRANSCRIPT, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "service_sid", &self->service_sid, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "language_code", &self->language_code, error) ||
      !_liaison_twilio_json_get_string (object, "customer_key", &self->customer_key, error) ||
      !_liaison_twilio_json_get_int (object, "duration", &self->duration, error) ||
      !_liaison_twilio_json_get_bool (object, "redaction", &self->redaction, error) ||
      !_liaison_twilio_json_get_iso_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_iso_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_iso_date (object, "media_start_time", &self->media_start_time, error) ||
      !_liaison_twilio_json_get_string (object, "url", &self->url, error))
    return NULL;
  self->source_sid = read_source_sid (object);

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_intelligence_transcript_get_##field (LiaisonTwilioIntelligenceTranscript *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_INTELLIGENCE_TRANSCRIPT (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, service_sid)
GETTER (const char *, status)
GETTER (const char *, language_code)
GETTER (const char *, customer_key)
GETTER (gint, duration)
GETTER (gboolean, redaction)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (GDateTime *, media_start_time)
GETTER (const char *, url)
GETTER (const char *, source_sid)
