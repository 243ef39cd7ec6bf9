/* liaison-twilio-transcription.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-transcription"

#include "config.h"

#include "liaison-twilio-transcription.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioTranscription
{
  GObject       parent_instance;

  char         *sid;
  char         *account_sid;
  char         *recording_sid;
  char         *status;
  char         *transcription_text;
  char         *transcription_type;
  guint         duration;
  char         *price;
  char         *price_unit;
  GDateTime    *date_created;
  GDateTime    *date_updated;
  char         *uri;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_RECORDING_SID,
  PROP_STATUS,
  PROP_TRANSCRIPTION_TEXT,
  PROP_TRANSCRIPTION_TYPE,
  PROP_DURATION,
  PROP_PRICE,
  PROP_PRICE_UNIT,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioTranscription, liaison_twilio_transcription, G_TYPE_OBJECT)

static void
liaison_twilio_transcription_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LiaisonTwilioTranscription *self = LIAISON_TWILIO_TRANSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_RECORDING_SID: g_value_set_string (value, self->recording_sid); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_TRANSCRIPTION_TEXT: g_value_set_string (value, self->transcription_text); break;
    case PROP_TRANSCRIPTION_TYPE: g_value_set_string (value, self->transcription_type); break;
    case PROP_DURATION: g_value_set_uint (value, self->duration); break;
    case PROP_PRICE: g_value_set_string (value, self->price); break;
    case PROP_PRICE_UNIT: g_value_set_string (value, self->price_unit); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_transcription_finalize (GObject *object)
{
  LiaisonTwilioTranscription *self = LIAISON_TWILIO_TRANSCRIPTION (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->recording_sid);
  g_free (self->status);
  g_free (self->transcription_text);
  g_free (self->transcription_type);
  g_free (self->price);
  g_free (self->price_unit);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_transcription_parent_class)->finalize (object);
}

static void
liaison_twilio_transcription_class_init (LiaisonTwilioTranscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_transcription_get_property;
  object_class->finalize = liaison_twilio_transcription_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_RECORDING_SID] =
    g_param_spec_string ("recording-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TRANSCRIPTION_TEXT] =
    g_param_spec_string ("transcription-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TRANSCRIPTION_TYPE] =
    g_param_spec_string ("transcription-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PRICE] =
    g_param_spec_string ("price", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PRICE_UNIT] =
    g_param_spec_string ("price-unit", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_transcription_init (LiaisonTwilioTranscription *self)
{
}

LiaisonTwilioTranscription *
liaison_twilio_transcription_new_from_json (JsonObject  *object,
                                            GError     **error)
{
  g_autoptr(LiaisonTwilioTranscription) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_TRANSCRIPTION, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "recording_sid", &self->recording_sid, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "transcription_text", &self->transcription_text, error) ||
      !_liaison_twilio_json_get_string (object, "type", &self->transcription_type, error) ||
      !_liaison_twilio_json_get_uint (object, "duration", &self->duration, error) ||
      !_liaison_twilio_json_get_number_string (object, "price", &self->price, error) ||
      !_liaison_twilio_json_get_string (object, "price_unit", &self->price_unit, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_transcription_get_##field (LiaisonTwilioTranscription *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_TRANSCRIPTION (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, recording_sid)
GETTER (const char *, status)
GETTER (const char *, transcription_text)
GETTER (const char *, transcription_type)
GETTER (guint, duration)
GETTER (const char *, price)
GETTER (const char *, price_unit)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (const char *, uri)
