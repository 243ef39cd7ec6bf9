/* liaison-consent-event.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-consent-event"

#include "config.h"

#include "liaison-consent-event.h"

struct _LiaisonConsentEvent
{
  GObject  parent_instance;

  gint64   id;
  char    *e164;
  gint64   contact_id;
  char    *event;
  char    *source;
  char    *channel;
  char    *message_sid;
  char    *note;
  char    *our_number;
  gint64   time;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_E164,
  PROP_CONTACT_ID,
  PROP_EVENT,
  PROP_SOURCE,
  PROP_CHANNEL,
  PROP_MESSAGE_SID,
  PROP_NOTE,
  PROP_OUR_NUMBER,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonConsentEvent, liaison_consent_event, G_TYPE_OBJECT)

static void
liaison_consent_event_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonConsentEvent *self = LIAISON_CONSENT_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_E164:
      g_value_set_string (value, self->e164);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;

    case PROP_MESSAGE_SID:
      g_value_set_string (value, self->message_sid);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_OUR_NUMBER:
      g_value_set_string (value, self->our_number);
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_consent_event_finalize (GObject *object)
{
  LiaisonConsentEvent *self = LIAISON_CONSENT_EVENT (object);

  g_free (self->e164);
  g_free (self->event);
  g_free (self->source);
  g_free (self->channel);
  g_free (self->message_sid);
  g_free (self->note);
  g_free (self->our_number);

  G_OBJECT_CLASS (liaison_consent_event_parent_class)->finalize (object);
}

static void
liaison_consent_event_class_init (LiaisonConsentEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_consent_event_get_property;
  object_class->finalize = liaison_consent_event_finalize;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_E164] =
    g_param_spec_string ("e164", NULL, NULL, NULL, flags);
  properties [PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_EVENT] =
    g_param_spec_string ("event", NULL, NULL, NULL, flags);
  properties [PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties [PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL, NULL, flags);
  properties [PROP_MESSAGE_SID] =
    g_param_spec_string ("message-sid", NULL, NULL, NULL, flags);
  properties [PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties [PROP_OUR_NUMBER] =
    g_param_spec_string ("our-number", NULL, NULL, NULL, flags);
  properties [PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_consent_event_init (LiaisonConsentEvent *self)
{
}

LiaisonConsentEvent *
_liaison_consent_event_new (gint64      id,
                            const char *e164,
                            gint64      contact_id,
                            const char *event,
                            const char *source,
                            const char *channel,
                            const char *message_sid,
                            const char *note,
                            const char *our_number,
                            gint64      time)
{
  LiaisonConsentEvent *self = g_object_new (LIAISON_TYPE_CONSENT_EVENT, NULL);

  self->id = id;
  self->e164 = g_strdup (e164);
  self->contact_id = contact_id;
  self->event = g_strdup (event);
  self->source = g_strdup (source);
  self->channel = g_strdup (channel);
  self->message_sid = g_strdup (message_sid);
  self->note = g_strdup (note);
  self->our_number = g_strdup (our_number);
  self->time = time;

  return self;
}

gint64
liaison_consent_event_get_id (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), 0);
  return self->id;
}

const char *
liaison_consent_event_get_e164 (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->e164;
}

gint64
liaison_consent_event_get_contact_id (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), 0);
  return self->contact_id;
}

const char *
liaison_consent_event_get_event (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->event;
}

const char *
liaison_consent_event_get_source (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->source;
}

const char *
liaison_consent_event_get_channel (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->channel;
}

const char *
liaison_consent_event_get_message_sid (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->message_sid;
}

const char *
liaison_consent_event_get_note (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->note;
}

const char *
liaison_consent_event_get_our_number (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), NULL);
  return self->our_number;
}

gint64
liaison_consent_event_get_time (LiaisonConsentEvent *self)
{
  g_return_val_if_fail (LIAISON_IS_CONSENT_EVENT (self), 0);
  return self->time;
}
