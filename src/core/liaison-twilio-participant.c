/* liaison-twilio-participant.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-participant"

#include "config.h"

#include "liaison-twilio-participant.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

struct _LiaisonTwilioParticipant
{
  GObject    parent_instance;

  char      *call_sid;
  char      *account_sid;
  char      *conference_sid;
  char      *label;
  char      *call_sid_to_coach;
  char      *status;
  gboolean   muted;
  gboolean   hold;
  gboolean   coaching;
  gboolean   end_conference_on_exit;
  gboolean   start_conference_on_enter;
  guint      queue_time;
  GDateTime *date_created;
  GDateTime *date_updated;
  char      *uri;
};

enum {
  PROP_0,
  PROP_CALL_SID,
  PROP_ACCOUNT_SID,
  PROP_CONFERENCE_SID,
  PROP_LABEL,
  PROP_CALL_SID_TO_COACH,
  PROP_STATUS,
  PROP_MUTED,
  PROP_HOLD,
  PROP_COACHING,
  PROP_END_CONFERENCE_ON_EXIT,
  PROP_START_CONFERENCE_ON_ENTER,
  PROP_QUEUE_TIME,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioParticipant, liaison_twilio_participant, G_TYPE_OBJECT)

static void
liaison_twilio_participant_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LiaisonTwilioParticipant *self = LIAISON_TWILIO_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_CALL_SID: g_value_set_string (value, self->call_sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_CONFERENCE_SID: g_value_set_string (value, self->conference_sid); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_CALL_SID_TO_COACH: g_value_set_string (value, self->call_sid_to_coach); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case PROP_HOLD: g_value_set_boolean (value, self->hold); break;
    case PROP_COACHING: g_value_set_boolean (value, self->coaching); break;
    case PROP_END_CONFERENCE_ON_EXIT: g_value_set_boolean (value, self->end_conference_on_exit); break;
    case PROP_START_CONFERENCE_ON_ENTER: g_value_set_boolean (value, self->start_conference_on_enter); break;
    case PROP_QUEUE_TIME: g_value_set_uint (value, self->queue_time); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_participant_finalize (GObject *object)
{
  LiaisonTwilioParticipant *self = LIAISON_TWILIO_PARTICIPANT (object);

  g_free (self->call_sid);
  g_free (self->account_sid);
  g_free (self->conference_sid);
  g_free (self->label);
  g_free (self->call_sid_to_coach);
  g_free (self->status);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_participant_parent_class)->finalize (object);
}

static void
liaison_twilio_participant_class_init (LiaisonTwilioParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_twilio_participant_get_property;
  object_class->finalize = liaison_twilio_participant_finalize;

  properties [PROP_CALL_SID] =
    g_param_spec_string ("call-sid", NULL, NULL, NULL, flags);
  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL, NULL, flags);
  properties [PROP_CONFERENCE_SID] =
    g_param_spec_string ("conference-sid", NULL, NULL, NULL, flags);
  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties [PROP_CALL_SID_TO_COACH] =
    g_param_spec_string ("call-sid-to-coach", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL, FALSE, flags);
  properties [PROP_HOLD] =
    g_param_spec_boolean ("hold", NULL, NULL, FALSE, flags);
  properties [PROP_COACHING] =
    g_param_spec_boolean ("coaching", NULL, NULL, FALSE, flags);
  properties [PROP_END_CONFERENCE_ON_EXIT] =
    g_param_spec_boolean ("end-conference-on-exit", NULL, NULL, FALSE, flags);
  properties [PROP_START_CONFERENCE_ON_ENTER] =
    g_param_spec_boolean ("start-conference-on-enter", NULL, NULL, FALSE, flags);
  properties [PROP_QUEUE_TIME] =
    g_param_spec_uint ("queue-time", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_DATE_CREATED] =
    g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_participant_init (LiaisonTwilioParticipant *self)
{
}

LiaisonTwilioParticipant *
liaison_twilio_participant_new_from_json (JsonObject  *object,
                                         GError     **error)
{
  g_autoptr(LiaisonTwilioParticipant) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_PARTICIPANT, NULL);
  if (!_liaison_twilio_json_require_string (object, "call_sid", &self->call_sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "conference_sid", &self->conference_sid, error) ||
      !_liaison_twilio_json_get_string (object, "label", &self->label, error) ||
      !_liaison_twilio_json_get_string (object, "call_sid_to_coach", &self->call_sid_to_coach, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_bool (object, "muted", &self->muted, error) ||
      !_liaison_twilio_json_get_bool (object, "hold", &self->hold, error) ||
      !_liaison_twilio_json_get_bool (object, "coaching", &self->coaching, error) ||
      !_liaison_twilio_json_get_bool (object, "end_conference_on_exit", &self->end_conference_on_exit, error) ||
      !_liaison_twilio_json_get_bool (object, "start_conference_on_enter", &self->start_conference_on_enter, error) ||
      !_liaison_twilio_json_get_uint (object, "queue_time", &self->queue_time, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (self->call_sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a conference participant has no ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_participant_get_##field (LiaisonTwilioParticipant *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_PARTICIPANT (self), 0); \
    return self->field; \
  }

GETTER (const char *, call_sid)
GETTER (const char *, account_sid)
GETTER (const char *, conference_sid)
GETTER (const char *, label)
GETTER (const char *, call_sid_to_coach)
GETTER (const char *, status)
GETTER (gboolean, muted)
GETTER (gboolean, hold)
GETTER (gboolean, coaching)
GETTER (gboolean, end_conference_on_exit)
GETTER (gboolean, start_conference_on_enter)
GETTER (guint, queue_time)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_updated)
GETTER (const char *, uri)
