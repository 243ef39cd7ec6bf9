/* liaison-twilio-call.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-call"

#include "config.h"

#include "liaison-twilio-call.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioCall
{
  GObject    parent_instance;

  char      *sid;
  char      *account_sid;
  char      *parent_call_sid;
  char      *to;
  char      *to_formatted;
  char      *from;
  char      *from_formatted;
  char      *phone_number_sid;
  char      *status;
  char      *direction;
  char      *answered_by;
  char      *forwarded_from;
  char      *caller_name;
  char      *price;
  char      *price_unit;
  guint      duration;
  guint      queue_time;
  GDateTime *start_time;
  GDateTime *end_time;
  GDateTime *date_created;
  GDateTime *date_updated;
  char      *uri;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_PARENT_CALL_SID,
  PROP_TO,
  PROP_TO_FORMATTED,
  PROP_FROM,
  PROP_FROM_FORMATTED,
  PROP_PHONE_NUMBER_SID,
  PROP_STATUS,
  PROP_DIRECTION,
  PROP_ANSWERED_BY,
  PROP_FORWARDED_FROM,
  PROP_CALLER_NAME,
  PROP_PRICE,
  PROP_PRICE_UNIT,
  PROP_DURATION,
  PROP_QUEUE_TIME,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioCall, liaison_twilio_call, G_TYPE_OBJECT)

static void
liaison_twilio_call_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaisonTwilioCall *self = LIAISON_TWILIO_CALL (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_PARENT_CALL_SID: g_value_set_string (value, self->parent_call_sid); break;
    case PROP_TO: g_value_set_string (value, self->to); break;
    case PROP_TO_FORMATTED: g_value_set_string (value, self->to_formatted); break;
    case PROP_FROM: g_value_set_string (value, self->from); break;
    case PROP_FROM_FORMATTED: g_value_set_string (value, self->from_formatted); break;
    case PROP_PHONE_NUMBER_SID: g_value_set_string (value, self->phone_number_sid); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_DIRECTION: g_value_set_string (value, self->direction); break;
    case PROP_ANSWERED_BY: g_value_set_string (value, self->answered_by); break;
    case PROP_FORWARDED_FROM: g_value_set_string (value, self->forwarded_from); break;
    case PROP_CALLER_NAME: g_value_set_string (value, self->caller_name); break;
    case PROP_PRICE: g_value_set_string (value, self->price); break;
    case PROP_PRICE_UNIT: g_value_set_string (value, self->price_unit); break;
    case PROP_DURATION: g_value_set_uint (value, self->duration); break;
    case PROP_QUEUE_TIME: g_value_set_uint (value, self->queue_time); break;
    case PROP_START_TIME: g_value_set_boxed (value, self->start_time); break;
    case PROP_END_TIME: g_value_set_boxed (value, self->end_time); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_call_finalize (GObject *object)
{
  LiaisonTwilioCall *self = LIAISON_TWILIO_CALL (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->parent_call_sid);
  g_free (self->to);
  g_free (self->to_formatted);
  g_free (self->from);
  g_free (self->from_formatted);
  g_free (self->phone_number_sid);
  g_free (self->status);
  g_free (self->direction);
  g_free (self->answered_by);
  g_free (self->forwarded_from);
  g_free (self->caller_name);
  g_free (self->price);
  g_free (self->price_unit);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->end_time, g_date_time_unref);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_call_parent_class)->finalize (object);
}

static void
liaison_twilio_call_class_init (LiaisonTwilioCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_twilio_call_get_property;
  object_class->finalize = liaison_twilio_call_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, flags);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL, flags);
  properties [PROP_PARENT_CALL_SID] =
    g_param_spec_string ("parent-call-sid", NULL, NULL, NULL, flags);
  properties [PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL, flags);
  properties [PROP_TO_FORMATTED] =
    g_param_spec_string ("to-formatted", NULL, NULL, NULL, flags);
  properties [PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties [PROP_FROM_FORMATTED] =
    g_param_spec_string ("from-formatted", NULL, NULL, NULL, flags);
  properties [PROP_PHONE_NUMBER_SID] =
    g_param_spec_string ("phone-number-sid", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_DIRECTION] =
    g_param_spec_string ("direction", NULL, NULL, NULL, flags);
  properties [PROP_ANSWERED_BY] =
    g_param_spec_string ("answered-by", NULL, NULL, NULL, flags);
  properties [PROP_FORWARDED_FROM] =
    g_param_spec_string ("forwarded-from", NULL, NULL, NULL, flags);
  properties [PROP_CALLER_NAME] =
    g_param_spec_string ("caller-name", NULL, NULL, NULL, flags);
  properties [PROP_PRICE] =
    g_param_spec_string ("price", NULL, NULL, NULL, flags);
  properties [PROP_PRICE_UNIT] =
    g_param_spec_string ("price-unit", NULL, NULL, NULL, flags);
  properties [PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_QUEUE_TIME] =
    g_param_spec_uint ("queue-time", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_START_TIME] =
    g_param_spec_boxed ("start-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_END_TIME] =
    g_param_spec_boxed ("end-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_call_init (LiaisonTwilioCall *self)
{
}

LiaisonTwilioCall *
liaison_twilio_call_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(LiaisonTwilioCall) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_CALL, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "parent_call_sid", &self->parent_call_sid, error) ||
      !_liaison_twilio_json_get_string (object, "to", &self->to, error) ||
      !_liaison_twilio_json_get_string (object, "to_formatted", &self->to_formatted, error) ||
      !_liaison_twilio_json_get_string (object, "from", &self->from, error) ||
      !_liaison_twilio_json_get_string (object, "from_formatted", &self->from_formatted, error) ||
      !_liaison_twilio_json_get_string (object, "phone_number_sid", &self->phone_number_sid, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "direction", &self->direction, error) ||
      !_liaison_twilio_json_get_string (object, "answered_by", &self->answered_by, error) ||
      !_liaison_twilio_json_get_string (object, "forwarded_from", &self->forwarded_from, error) ||
      !_liaison_twilio_json_get_string (object, "caller_name", &self->caller_name, error) ||
      !_liaison_twilio_json_get_string (object, "price", &self->price, error) ||
      !_liaison_twilio_json_get_string (object, "price_unit", &self->price_unit, error) ||
      !_liaison_twilio_json_get_uint (object, "duration", &self->duration, error) ||
      !_liaison_twilio_json_get_uint (object, "queue_time", &self->queue_time, error) ||
      !_liaison_twilio_json_get_date (object, "start_time", &self->start_time, error) ||
      !_liaison_twilio_json_get_date (object, "end_time", &self->end_time, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (self->sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a call has no ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_call_get_##field (LiaisonTwilioCall *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_CALL (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, parent_call_sid)
GETTER (const char *, to)
GETTER (const char *, to_formatted)
GETTER (const char *, from)
GETTER (const char *, from_formatted)
GETTER (const char *, phone_number_sid)
GETTER (const char *, status)
GETTER (const char *, direction)
GETTER (const char *, answered_by)
GETTER (const char *, forwarded_from)
GETTER (const char *, caller_name)
GETTER (const char *, price)
GETTER (const char *, price_unit)
GETTER (guint, duration)
GETTER (guint, queue_time)
GETTER (GDateTime *, start_time)
GETTER (GDateTime *, end_time)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (const char *, uri)
