/* liaison-twilio-conference.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-conference"

#include "config.h"

#include "liaison-twilio-conference.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioConference
{
  GObject    parent_instance;

  char      *sid;
  char      *account_sid;
  char      *friendly_name;
  char      *status;
  char      *region;
  char      *reason_conference_ended;
  char      *call_sid_ending_conference;
  GDateTime *date_created;
  GDateTime *date_updated;
  char      *uri;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_FRIENDLY_NAME,
  PROP_STATUS,
  PROP_REGION,
  PROP_REASON_CONFERENCE_ENDED,
  PROP_CALL_SID_ENDING_CONFERENCE,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioConference, liaison_twilio_conference, G_TYPE_OBJECT)

static void
liaison_twilio_conference_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LiaisonTwilioConference *self = LIAISON_TWILIO_CONFERENCE (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_FRIENDLY_NAME: g_value_set_string (value, self->friendly_name); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_REGION: g_value_set_string (value, self->region); break;
    case PROP_REASON_CONFERENCE_ENDED: g_value_set_string (value, self->reason_conference_ended); break;
    case PROP_CALL_SID_ENDING_CONFERENCE: g_value_set_string (value, self->call_sid_ending_conference); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_conference_finalize (GObject *object)
{
  LiaisonTwilioConference *self = LIAISON_TWILIO_CONFERENCE (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->friendly_name);
  g_free (self->status);
  g_free (self->region);
  g_free (self->reason_conference_ended);
  g_free (self->call_sid_ending_conference);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_conference_parent_class)->finalize (object);
}

static void
liaison_twilio_conference_class_init (LiaisonTwilioConferenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_twilio_conference_get_property;
  object_class->finalize = liaison_twilio_conference_finalize;

  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, flags);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL, flags);
  properties [PROP_FRIENDLY_NAME] =
    g_param_spec_string ("friendly-name", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties [PROP_REASON_CONFERENCE_ENDED] =
    g_param_spec_string ("reason-conference-ended", NULL, NULL, NULL, flags);
  properties [PROP_CALL_SID_ENDING_CONFERENCE] =
    g_param_spec_string ("call-sid-ending-conference", NULL, NULL, NULL, flags);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_conference_init (LiaisonTwilioConference *self)
{
}

LiaisonTwilioConference *
liaison_twilio_conference_new_from_json (JsonObject  *object,
                                        GError     **error)
{
  g_autoptr(LiaisonTwilioConference) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_CONFERENCE, NULL);
  if (!_liaison_twilio_json_require_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "friendly_name", &self->friendly_name, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "region", &self->region, error) ||
      !_liaison_twilio_json_get_string (object, "reason_conference_ended", &self->reason_conference_ended, error) ||
      !_liaison_twilio_json_get_string (object, "call_sid_ending_conference", &self->call_sid_ending_conference, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (self->sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a conference has no ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_conference_get_##field (LiaisonTwilioConference *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_CONFERENCE (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, friendly_name)
GETTER (const char *, status)
GETTER (const char *, region)
GETTER (const char *, reason_conference_ended)
GETTER (const char *, call_sid_ending_conference)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (const char *, uri)
