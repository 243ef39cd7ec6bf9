/* liaison-twilio-sentence.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-sentence"

#include "config.h"

#include "liaison-twilio-sentence.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioSentence
{
  GObject       parent_instance;

  char         *sid;
  gint          media_channel;
  gint          sentence_index;
  double        start_time;
  double        end_time;
  char         *transcript;
  double        confidence;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_MEDIA_CHANNEL,
  PROP_SENTENCE_INDEX,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_TRANSCRIPT,
  PROP_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioSentence, liaison_twilio_sentence, G_TYPE_OBJECT)

static void
liaison_twilio_sentence_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LiaisonTwilioSentence *self = LIAISON_TWILIO_SENTENCE (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_MEDIA_CHANNEL: g_value_set_int (value, self->media_channel); break;
    case PROP_SENTENCE_INDEX: g_value_set_int (value, self->sentence_index); break;
    case PROP_START_TIME: g_value_set_double (value, self->start_time); break;
    case PROP_END_TIME: g_value_set_double (value, self->end_time); break;
    case PROP_TRANSCRIPT: g_value_set_string (value, self->transcript); break;
    case PROP_CONFIDENCE: g_value_set_double (value, self->confidence); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_sentence_finalize (GObject *object)
{
  LiaisonTwilioSentence *self = LIAISON_TWILIO_SENTENCE (object);

  g_free (self->sid);
  g_free (self->transcript);

  G_OBJECT_CLASS (liaison_twilio_sentence_parent_class)->finalize (object);
}

static void
liaison_twilio_sentence_class_init (LiaisonTwilioSentenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_sentence_get_property;
  object_class->finalize = liaison_twilio_sentence_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEDIA_CHANNEL] =
    g_param_spec_int ("media-channel", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SENTENCE_INDEX] =
    g_param_spec_int ("sentence-index", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_START_TIME] =
    g_param_spec_double ("start-time", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_END_TIME] =
    g_param_spec_double ("end-time", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_TRANSCRIPT] =
    g_param_spec_string ("transcript", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CONFIDENCE] =
    g_param_spec_double ("confidence", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_sentence_init (LiaisonTwilioSentence *self)
{
}

LiaisonTwilioSentence *
liaison_twilio_sentence_new_from_json (JsonObject  *object,
                                       GError     **error)
{
  g_autoptr(LiaisonTwilioSentence) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_SENTENCE, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_int (object, "media_channel", &self->media_channel, error) ||
      !_liaison_twilio_json_get_int (object, "sentence_index", &self->sentence_index, error) ||
      !_liaison_twilio_json_get_double (object, "start_time", &self->start_time, error) ||
      !_liaison_twilio_json_get_double (object, "end_time", &self->end_time, error) ||
      !_liaison_twilio_json_get_string (object, "transcript", &self->transcript, error) ||
      !_liaison_twilio_json_get_double (object, "confidence", &self->confidence, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_sentence_get_##field (LiaisonTwilioSentence *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_SENTENCE (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (gint, media_channel)
GETTER (gint, sentence_index)
GETTER (double, start_time)
GETTER (double, end_time)
GETTER (const char *, transcript)
GETTER (double, confidence)
