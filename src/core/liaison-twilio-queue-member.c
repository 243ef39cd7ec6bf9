/* liaison-twilio-queue-member.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-queue-member"

#include "config.h"

#include "liaison-twilio-queue-member.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioQueueMember
{
  GObject    parent_instance;

  char      *call_sid;
  char      *queue_sid;
  guint      position;
  guint      wait_time;
  GDateTime *date_enqueued;
  char      *uri;
};

enum {
  PROP_0,
  PROP_CALL_SID,
  PROP_QUEUE_SID,
  PROP_POSITION,
  PROP_WAIT_TIME,
  PROP_DATE_ENQUEUED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioQueueMember, liaison_twilio_queue_member, G_TYPE_OBJECT)

static void
liaison_twilio_queue_member_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LiaisonTwilioQueueMember *self = LIAISON_TWILIO_QUEUE_MEMBER (object);

  switch (prop_id)
    {
    case PROP_CALL_SID: g_value_set_string (value, self->call_sid); break;
    case PROP_QUEUE_SID: g_value_set_string (value, self->queue_sid); break;
    case PROP_POSITION: g_value_set_uint (value, self->position); break;
    case PROP_WAIT_TIME: g_value_set_uint (value, self->wait_time); break;
    case PROP_DATE_ENQUEUED: g_value_set_boxed (value, self->date_enqueued); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_queue_member_finalize (GObject *object)
{
  LiaisonTwilioQueueMember *self = LIAISON_TWILIO_QUEUE_MEMBER (object);

  g_free (self->call_sid);
  g_free (self->queue_sid);
  g_clear_pointer (&self->date_enqueued, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_queue_member_parent_class)->finalize (object);
}

static void
liaison_twilio_queue_member_class_init (LiaisonTwilioQueueMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_twilio_queue_member_get_property;
  object_class->finalize = liaison_twilio_queue_member_finalize;

  properties [PROP_CALL_SID] =
    g_param_spec_string ("call-sid", NULL, NULL, NULL, flags);
  properties [PROP_QUEUE_SID] =
    g_param_spec_string ("queue-sid", NULL, NULL, NULL, flags);
  properties [PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_WAIT_TIME] =
    g_param_spec_uint ("wait-time", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_DATE_ENQUEUED] =
    g_param_spec_boxed ("date-enqueued", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_queue_member_init (LiaisonTwilioQueueMember *self)
{
}

LiaisonTwilioQueueMember *
liaison_twilio_queue_member_new_from_json (JsonObject  *object,
                                          GError     **error)
{
  g_autoptr(LiaisonTwilioQueueMember) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_QUEUE_MEMBER, NULL);
  if (!_liaison_twilio_json_require_string (object, "call_sid", &self->call_sid, error) ||
      !_liaison_twilio_json_get_string (object, "queue_sid", &self->queue_sid, error) ||
      !_liaison_twilio_json_get_uint (object, "position", &self->position, error) ||
      !_liaison_twilio_json_get_uint (object, "wait_time", &self->wait_time, error) ||
      !_liaison_twilio_json_get_date (object, "date_enqueued", &self->date_enqueued, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (self->call_sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a queue member has no ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_queue_member_get_##field (LiaisonTwilioQueueMember *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_QUEUE_MEMBER (self), 0); \
    return self->field; \
  }

GETTER (const char *, call_sid)
GETTER (const char *, queue_sid)
GETTER (guint, position)
GETTER (guint, wait_time)
GETTER (GDateTime *, date_enqueued)
GETTER (const char *, uri)
