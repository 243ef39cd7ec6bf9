/* liaison-twilio-media.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-media"

#include "config.h"

#include "liaison-twilio-media.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-message.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioMedia
{
  GObject    parent_instance;

  char      *sid;
  char      *parent_sid;
  char      *account_sid;
  char      *content_type;
  GDateTime *date_created;
  char      *uri;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_PARENT_SID,
  PROP_ACCOUNT_SID,
  PROP_CONTENT_TYPE,
  PROP_DATE_CREATED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioMedia, liaison_twilio_media, G_TYPE_OBJECT)

static void
liaison_twilio_media_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonTwilioMedia *self = LIAISON_TWILIO_MEDIA (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_PARENT_SID: g_value_set_string (value, self->parent_sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_CONTENT_TYPE: g_value_set_string (value, self->content_type); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_media_finalize (GObject *object)
{
  LiaisonTwilioMedia *self = LIAISON_TWILIO_MEDIA (object);

  g_free (self->sid);
  g_free (self->parent_sid);
  g_free (self->account_sid);
  g_free (self->content_type);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_media_parent_class)->finalize (object);
}

static void
liaison_twilio_media_class_init (LiaisonTwilioMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_twilio_media_get_property;
  object_class->finalize = liaison_twilio_media_finalize;

  properties [PROP_SID] = g_param_spec_string ("sid", NULL, NULL, NULL, flags);
  properties [PROP_PARENT_SID] = g_param_spec_string ("parent-sid", NULL, NULL, NULL, flags);
  properties [PROP_ACCOUNT_SID] = g_param_spec_string ("account-sid", NULL, NULL, NULL, flags);
  properties [PROP_CONTENT_TYPE] = g_param_spec_string ("content-type", NULL, NULL, NULL, flags);
  properties [PROP_DATE_CREATED] = g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_media_init (LiaisonTwilioMedia *self)
{
}

LiaisonTwilioMedia *
liaison_twilio_media_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(LiaisonTwilioMedia) self = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_MEDIA, NULL);
  if (!_liaison_twilio_json_get_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "parent_sid", &self->parent_sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "content_type", &self->content_type, error) ||
      !_liaison_twilio_json_get_string (object, "date_created", &date, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (date != NULL && (self->date_created = liaison_twilio_parse_rfc2822_date (date)) == NULL)
    {
      g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                   _("Twilio's answer about a message's media has an invalid “%s” field."), "date_created");
      return NULL;
    }
  if (self->sid == NULL || self->sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a message's media has no media ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_media_get_##field (LiaisonTwilioMedia *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_MEDIA (self), NULL); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, parent_sid)
GETTER (const char *, account_sid)
GETTER (const char *, content_type)
GETTER (GDateTime *, date_created)
GETTER (const char *, uri)
