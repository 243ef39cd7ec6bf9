/* liaison-twilio-queue.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-queue"

#include "config.h"

#include "liaison-twilio-queue.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioQueue
{
  GObject    parent_instance;

  char      *sid;
  char      *account_sid;
  char      *friendly_name;
  guint      current_size;
  guint      max_size;
  guint      average_wait_time;
  GDateTime *date_created;
  GDateTime *date_updated;
  char      *uri;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_FRIENDLY_NAME,
  PROP_CURRENT_SIZE,
  PROP_MAX_SIZE,
  PROP_AVERAGE_WAIT_TIME,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioQueue, liaison_twilio_queue, G_TYPE_OBJECT)

static void
liaison_twilio_queue_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonTwilioQueue *self = LIAISON_TWILIO_QUEUE (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_FRIENDLY_NAME: g_value_set_string (value, self->friendly_name); break;
    case PROP_CURRENT_SIZE: g_value_set_uint (value, self->current_size); break;
    case PROP_MAX_SIZE: g_value_set_uint (value, self->max_size); break;
    case PROP_AVERAGE_WAIT_TIME: g_value_set_uint (value, self->average_wait_time); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_queue_finalize (GObject *object)
{
  LiaisonTwilioQueue *self = LIAISON_TWILIO_QUEUE (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->friendly_name);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_queue_parent_class)->finalize (object);
}

static void
liaison_twilio_queue_class_init (LiaisonTwilioQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_twilio_queue_get_property;
  object_class->finalize = liaison_twilio_queue_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, flags);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL, flags);
  properties [PROP_FRIENDLY_NAME] =
    g_param_spec_string ("friendly-name", NULL, NULL, NULL, flags);
  properties [PROP_CURRENT_SIZE] =
    g_param_spec_uint ("current-size", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_MAX_SIZE] =
    g_param_spec_uint ("max-size", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_AVERAGE_WAIT_TIME] =
    g_param_spec_uint ("average-wait-time", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_queue_init (LiaisonTwilioQueue *self)
{
}

LiaisonTwilioQueue *
liaison_twilio_queue_new_from_json (JsonObject  *object,
                                   GError     **error)
{
  g_autoptr(LiaisonTwilioQueue) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_QUEUE, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "friendly_name", &self->friendly_name, error) ||
      !_liaison_twilio_json_get_uint (object, "current_size", &self->current_size, error) ||
      !_liaison_twilio_json_get_uint (object, "max_size", &self->max_size, error) ||
      !_liaison_twilio_json_get_uint (object, "average_wait_time", &self->average_wait_time, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (self->sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a queue has no ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_queue_get_##field (LiaisonTwilioQueue *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_QUEUE (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, friendly_name)
GETTER (guint, current_size)
GETTER (guint, max_size)
GETTER (guint, average_wait_time)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (const char *, uri)
