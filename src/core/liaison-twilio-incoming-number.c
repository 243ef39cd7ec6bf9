/* liaison-twilio-incoming-number.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-numbers"

#include "config.h"

#include "liaison-twilio-incoming-number.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioIncomingNumber
{
  GObject                    parent_instance;

  char                      *sid;
  char                      *account_sid;
  char                      *phone_number;
  char                      *friendly_name;
  char                      *sms_url;
  char                      *sms_method;
  char                      *voice_url;
  char                      *voice_method;
  char                      *voice_fallback_url;
  char                      *status_callback;
  char                      *status_callback_method;
  char                      *number_type;
  char                      *origin;
  char                      *status;
  char                      *address_requirements;
  LiaisonTwilioCapabilities  capabilities;
  GDateTime                 *date_created;
  GDateTime                 *date_updated;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_PHONE_NUMBER,
  PROP_FRIENDLY_NAME,
  PROP_SMS_URL,
  PROP_VOICE_URL,
  PROP_STATUS_CALLBACK,
  PROP_NUMBER_TYPE,
  PROP_CAPABILITIES,
  PROP_DATE_CREATED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioIncomingNumber, liaison_twilio_incoming_number, G_TYPE_OBJECT)

static void
liaison_twilio_incoming_number_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  LiaisonTwilioIncomingNumber *self = LIAISON_TWILIO_INCOMING_NUMBER (object);

  switch (prop_id)
    {
    case PROP_SID:
      g_value_set_string (value, self->sid);
      break;
    case PROP_PHONE_NUMBER:
      g_value_set_string (value, self->phone_number);
      break;
    case PROP_FRIENDLY_NAME:
      g_value_set_string (value, self->friendly_name);
      break;
    case PROP_SMS_URL:
      g_value_set_string (value, self->sms_url);
      break;
    case PROP_VOICE_URL:
      g_value_set_string (value, self->voice_url);
      break;
    case PROP_STATUS_CALLBACK:
      g_value_set_string (value, self->status_callback);
      break;
    case PROP_NUMBER_TYPE:
      g_value_set_string (value, self->number_type);
      break;
    case PROP_CAPABILITIES:
      g_value_set_uint (value, self->capabilities);
      break;
    case PROP_DATE_CREATED:
      g_value_set_boxed (value, self->date_created);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_incoming_number_finalize (GObject *object)
{
  LiaisonTwilioIncomingNumber *self = LIAISON_TWILIO_INCOMING_NUMBER (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->phone_number);
  g_free (self->friendly_name);
  g_free (self->sms_url);
  g_free (self->sms_method);
  g_free (self->voice_url);
  g_free (self->voice_method);
  g_free (self->voice_fallback_url);
  g_free (self->status_callback);
  g_free (self->status_callback_method);
  g_free (self->number_type);
  g_free (self->origin);
  g_free (self->status);
  g_free (self->address_requirements);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);

  G_OBJECT_CLASS (liaison_twilio_incoming_number_parent_class)->finalize (object);
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
liaison_twilio_incoming_number_class_init (LiaisonTwilioIncomingNumberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_incoming_number_get_property;
  object_class->finalize = liaison_twilio_incoming_number_finalize;

  properties [PROP_SID] = string_pspec ("sid");
  properties [PROP_PHONE_NUMBER] = string_pspec ("phone-number");
  properties [PROP_FRIENDLY_NAME] = string_pspec ("friendly-name");
  properties [PROP_SMS_URL] = string_pspec ("sms-url");
  properties [PROP_VOICE_URL] = string_pspec ("voice-url");
  properties [PROP_STATUS_CALLBACK] = string_pspec ("status-callback");
  properties [PROP_NUMBER_TYPE] = string_pspec ("number-type");
  /* LiaisonTwilioCapabilities flags */
  properties [PROP_CAPABILITIES] =
    g_param_spec_uint ("capabilities", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_incoming_number_init (LiaisonTwilioIncomingNumber *self)
{
}

LiaisonTwilioIncomingNumber *
liaison_twilio_incoming_number_new_from_json (JsonObject  *object,
                                              GError     **error)
{
  g_autoptr(LiaisonTwilioIncomingNumber) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_INCOMING_NUMBER, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_require_string (object, "phone_number", &self->phone_number, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "friendly_name", &self->friendly_name, error) ||
      !_liaison_twilio_json_get_string (object, "sms_url", &self->sms_url, error) ||
      !_liaison_twilio_json_get_string (object, "sms_method", &self->sms_method, error) ||
      !_liaison_twilio_json_get_string (object, "voice_url", &self->voice_url, error) ||
      !_liaison_twilio_json_get_string (object, "voice_method", &self->voice_method, error) ||
      !_liaison_twilio_json_get_string (object, "voice_fallback_url", &self->voice_fallback_url, error) ||
      !_liaison_twilio_json_get_string (object, "status_callback", &self->status_callback, error) ||
      !_liaison_twilio_json_get_string (object, "status_callback_method", &self->status_callback_method, error) ||
      !_liaison_twilio_json_get_string (object, "type", &self->number_type, error) ||
      !_liaison_twilio_json_get_string (object, "origin", &self->origin, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "address_requirements", &self->address_requirements, error) ||
      !_liaison_twilio_json_get_capabilities (object, &self->capabilities, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_incoming_number_get_##field (LiaisonTwilioIncomingNumber *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_INCOMING_NUMBER (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, phone_number)
GETTER (const char *, friendly_name)
GETTER (const char *, sms_url)
GETTER (const char *, sms_method)
GETTER (const char *, voice_url)
GETTER (const char *, voice_method)
GETTER (const char *, voice_fallback_url)
GETTER (const char *, status_callback)
GETTER (const char *, status_callback_method)
GETTER (const char *, number_type)
GETTER (const char *, origin)
GETTER (const char *, status)
GETTER (const char *, address_requirements)
GETTER (LiaisonTwilioCapabilities, capabilities)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
