/* liaison-twilio-intelligence-service.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-intelligence-service"

#include "config.h"

#include "liaison-twilio-intelligence-service.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

struct _LiaisonTwilioIntelligenceService
{
  GObject       parent_instance;

  char         *sid;
  char         *account_sid;
  char         *unique_name;
  char         *friendly_name;
  char         *language_code;
  char         *webhook_url;
  char         *webhook_http_method;
  gboolean      auto_transcribe;
  gboolean      auto_redaction;
  gboolean      media_redaction;
  gint          version;
  GDateTime    *date_created;
  GDateTime    *date_updated;
  char         *url;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_UNIQUE_NAME,
  PROP_FRIENDLY_NAME,
  PROP_LANGUAGE_CODE,
  PROP_WEBHOOK_URL,
  PROP_WEBHOOK_HTTP_METHOD,
  PROP_AUTO_TRANSCRIBE,
  PROP_AUTO_REDACTION,
  PROP_MEDIA_REDACTION,
  PROP_VERSION,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioIntelligenceService, liaison_twilio_intelligence_service, G_TYPE_OBJECT)

static void
liaison_twilio_intelligence_service_get_property (GObject    *object,
                                                 guint       prop_id,
                                                 GValue     *value,
                                                 GParamSpec *pspec)
{
  LiaisonTwilioIntelligenceService *self = LIAISON_TWILIO_INTELLIGENCE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_UNIQUE_NAME: g_value_set_string (value, self->unique_name); break;
    case PROP_FRIENDLY_NAME: g_value_set_string (value, self->friendly_name); break;
    case PROP_LANGUAGE_CODE: g_value_set_string (value, self->language_code); break;
    case PROP_WEBHOOK_URL: g_value_set_string (value, self->webhook_url); break;
    case PROP_WEBHOOK_HTTP_METHOD: g_value_set_string (value, self->webhook_http_method); break;
    case PROP_AUTO_TRANSCRIBE: g_value_set_boolean (value, self->auto_transcribe); break;
    case PROP_AUTO_REDACTION: g_value_set_boolean (value, self->auto_redaction); break;
    case PROP_MEDIA_REDACTION: g_value_set_boolean (value, self->media_redaction); break;
    case PROP_VERSION: g_value_set_int (value, self->version); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_intelligence_service_finalize (GObject *object)
{
  LiaisonTwilioIntelligenceService *self = LIAISON_TWILIO_INTELLIGENCE_SERVICE (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->unique_name);
  g_free (self->friendly_name);
  g_free (self->language_code);
  g_free (self->webhook_url);
  g_free (self->webhook_http_method);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->url);

  G_OBJECT_CLASS (liaison_twilio_intelligence_service_parent_class)->finalize (object);
}

static void
liaison_twilio_intelligence_service_class_init (LiaisonTwilioIntelligenceServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_intelligence_service_get_property;
  object_class->finalize = liaison_twilio_intelligence_service_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_UNIQUE_NAME] =
    g_param_spec_string ("unique-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_FRIENDLY_NAME] =
    g_param_spec_string ("friendly-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LANGUAGE_CODE] =
    g_param_spec_string ("language-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_WEBHOOK_URL] =
    g_param_spec_string ("webhook-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_WEBHOOK_HTTP_METHOD] =
    g_param_spec_string ("webhook-http-method", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_AUTO_TRANSCRIBE] =
    g_param_spec_boolean ("auto-transcribe", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_AUTO_REDACTION] =
    g_param_spec_boolean ("auto-redaction", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEDIA_REDACTION] =
    g_param_spec_boolean ("media-redaction", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_VERSION] =
    g_param_spec_int ("version", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_intelligence_service_init (LiaisonTwilioIntelligenceService *self)
{
}

LiaisonTwilioIntelligenceService *
liaison_twilio_intelligence_service_new_from_json (JsonObject  *object,
                                                   GError     **error)
{
  g_autoptr(LiaisonTwilioIntelligenceService) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_INTELLIGENCE_SERVICE, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "unique_name", &self->unique_name, error) ||
      !_liaison_twilio_json_get_string (object, "friendly_name", &self->friendly_name, error) ||
      !_liaison_twilio_json_get_string (object, "language_code", &self->language_code, error) ||
      !_liaison_twilio_json_get_string (object, "webhook_url", &self->webhook_url, error) ||
      !_liaison_twilio_json_get_string (object, "webhook_http_method", &self->webhook_http_method, error) ||
      !_liaison_twilio_json_get_bool (object, "auto_transcribe", &self->auto_transcribe, error) ||
      !_liaison_twilio_json_get_bool (object, "auto_redaction", &self->auto_redaction, error) ||
      !_liaison_twilio_json_get_bool (object, "media_redaction", &self->media_redaction, error) ||
      !_liaison_twilio_json_get_int (object, "version", &self->version, error) ||
      !_liaison_twilio_json_get_iso_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_iso_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "url", &self->url, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_intelligence_service_get_##field (LiaisonTwilioIntelligenceService *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_INTELLIGENCE_SERVICE (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, unique_name)
GETTER (const char *, friendly_name)
GETTER (const char *, language_code)
GETTER (const char *, webhook_url)
GETTER (const char *, webhook_http_method)
GETTER (gboolean, auto_transcribe)
GETTER (gboolean, auto_redaction)
GETTER (gboolean, media_redaction)
GETTER (gint, version)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (const char *, url)
