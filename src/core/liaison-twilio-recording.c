/* liaison-twilio-recording.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-recording"

#include "config.h"

#include "liaison-twilio-recording.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioRecording
{
  GObject       parent_instance;

  char         *sid;
  char         *account_sid;
  char         *call_sid;
  char         *conference_sid;
  char         *status;
  char         *source;
  guint         channels;
  guint         duration;
  char         *price;
  char         *price_unit;
  gint          error_code;
  GDateTime    *date_created;
  GDateTime    *date_updated;
  GDateTime    *start_time;
  char         *uri;
  char         *media_url;
  char         *track;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_CALL_SID,
  PROP_CONFERENCE_SID,
  PROP_STATUS,
  PROP_SOURCE,
  PROP_CHANNELS,
  PROP_DURATION,
  PROP_PRICE,
  PROP_PRICE_UNIT,
  PROP_ERROR_CODE,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_START_TIME,
  PROP_URI,
  PROP_MEDIA_URL,
  PROP_TRACK,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioRecording, liaison_twilio_recording, G_TYPE_OBJECT)

static void
liaison_twilio_recording_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LiaisonTwilioRecording *self = LIAISON_TWILIO_RECORDING (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_CALL_SID: g_value_set_string (value, self->call_sid); break;
    case PROP_CONFERENCE_SID: g_value_set_string (value, self->conference_sid); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_CHANNELS: g_value_set_uint (value, self->channels); break;
    case PROP_DURATION: g_value_set_uint (value, self->duration); break;
    case PROP_PRICE: g_value_set_string (value, self->price); break;
    case PROP_PRICE_UNIT: g_value_set_string (value, self->price_unit); break;
    case PROP_ERROR_CODE: g_value_set_int (value, self->error_code); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_START_TIME: g_value_set_boxed (value, self->start_time); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    case PROP_MEDIA_URL: g_value_set_string (value, self->media_url); break;
    case PROP_TRACK: g_value_set_string (value, self->track); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_recording_finalize (GObject *object)
{
  LiaisonTwilioRecording *self = LIAISON_TWILIO_RECORDING (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->call_sid);
  g_free (self->conference_sid);
  g_free (self->status);
  g_free (self->source);
  g_free (self->price);
  g_free (self->price_unit);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_free (self->uri);
  g_free (self->media_url);
  g_free (self->track);

  G_OBJECT_CLASS (liaison_twilio_recording_parent_class)->finalize (object);
}

static void
liaison_twilio_recording_class_init (LiaisonTwilioRecordingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_recording_get_property;
  object_class->finalize = liaison_twilio_recording_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CALL_SID] =
    g_param_spec_string ("call-sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CONFERENCE_SID] =
    g_param_spec_string ("conference-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHANNELS] =
    g_param_spec_uint ("channels", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PRICE] =
    g_param_spec_string ("price", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PRICE_UNIT] =
    g_param_spec_string ("price-unit", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ERROR_CODE] =
    g_param_spec_int ("error-code", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_START_TIME] =
    g_param_spec_boxed ("start-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEDIA_URL] =
    g_param_spec_string ("media-url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TRACK] =
    g_param_spec_string ("track", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_recording_init (LiaisonTwilioRecording *self)
{
}

LiaisonTwilioRecording *
liaison_twilio_recording_new_from_json (JsonObject  *object,
                                        GError     **error)
{
  g_autoptr(LiaisonTwilioRecording) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_RECORDING, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "call_sid", &self->call_sid, error) ||
      !_liaison_twilio_json_get_string (object, "conference_sid", &self->conference_sid, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "source", &self->source, error) ||
      !_liaison_twilio_json_get_uint (object, "channels", &self->channels, error) ||
      !_liaison_twilio_json_get_uint (object, "duration", &self->duration, error) ||
      !_liaison_twilio_json_get_number_string (object, "price", &self->price, error) ||
      !_liaison_twilio_json_get_string (object, "price_unit", &self->price_unit, error) ||
      !_liaison_twilio_json_get_int (object, "error_code", &self->error_code, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_date (object, "start_time", &self->start_time, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error) ||
      !_liaison_twilio_json_get_string (object, "media_url", &self->media_url, error) ||
      !_liaison_twilio_json_get_string (object, "track", &self->track, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_recording_get_##field (LiaisonTwilioRecording *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_RECORDING (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, call_sid)
GETTER (const char *, conference_sid)
GETTER (const char *, status)
GETTER (const char *, source)
GETTER (guint, channels)
GETTER (guint, duration)
GETTER (const char *, price)
GETTER (const char *, price_unit)
GETTER (gint, error_code)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (GDateTime *, start_time)
GETTER (const char *, uri)
GETTER (const char *, media_url)
GETTER (const char *, track)
