/* liaison-live-call.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-live-call"

#include "config.h"

#include "liaison-live-call.h"

#include <glib/gi18n-lib.h>

struct _LiaisonLiveCall
{
  GObject               parent_instance;

  char                 *call_sid;
  char                 *child_call_sid;
  char                 *client_number;
  LiaisonLiveCallState  state;
  GDateTime            *started_at;
  GDateTime            *answered_at;
  GDateTime            *ended_at;
  char                 *failure_reason;
  char                 *recording_sid;
  char                 *recording_status;
  gboolean              advisor_answered;
};

G_DEFINE_FINAL_TYPE (LiaisonLiveCall, liaison_live_call, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LiaisonLiveCallState, liaison_live_call_state,
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_DIALING_ADVISOR, "dialing-advisor"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_BUSY, "busy"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_NO_ANSWER, "no-answer"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (LIAISON_LIVE_CALL_CANCELED, "canceled"))

enum {
  PROP_0,
  PROP_CALL_SID,
  PROP_CHILD_CALL_SID,
  PROP_CLIENT_NUMBER,
  PROP_STATE,
  PROP_STARTED_AT,
  PROP_ANSWERED_AT,
  PROP_ENDED_AT,
  PROP_FAILURE_REASON,
  PROP_RECORDING_SID,
  PROP_RECORDING_STATUS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

const char *
liaison_live_call_state_to_string (LiaisonLiveCallState state)
{
  switch (state)
    {
    case LIAISON_LIVE_CALL_DIALING_ADVISOR:
      return "dialing-advisor";
    case LIAISON_LIVE_CALL_RINGING:
      return "ringing";
    case LIAISON_LIVE_CALL_IN_PROGRESS:
      return "in-progress";
    case LIAISON_LIVE_CALL_COMPLETED:
      return "completed";
    case LIAISON_LIVE_CALL_BUSY:
      return "busy";
    case LIAISON_LIVE_CALL_NO_ANSWER:
      return "no-answer";
    case LIAISON_LIVE_CALL_FAILED:
      return "failed";
    case LIAISON_LIVE_CALL_CANCELED:
      return "canceled";
    default:
      return NULL;
    }
}

static gboolean
state_is_final (LiaisonLiveCallState state)
{
  return state >= LIAISON_LIVE_CALL_COMPLETED;
}

/* Twilio's call error codes a person can act on (TWILIO.md §3.7). */
static char *
reason_for_code (guint error_code)
{
  switch (error_code)
    {
    case 0:
      return NULL;
    case 13223:
    case 13224:
    case 21217:
      return g_strdup (_("The number is not a valid phone number."));
    case 13225:
    case 21216:
      return g_strdup (_("Twilio blocks calls to this number."));
    case 21214:
      return g_strdup (_("The number cannot be reached."));
    case 21215:
      return g_strdup (_("Your Twilio account is not allowed to call this country."));
    case 21210:
    case 21212:
      return g_strdup (_("Your Twilio number cannot be used as the caller ID."));
    case 10004:
      return g_strdup (_("Too many calls are in progress on your Twilio account."));
    case 11200:
    case 11205:
      return g_strdup (_("Twilio could not reach the relay to connect the call."));
    default:
      /* Translators: %u is Twilio's error code. */
      return g_strdup_printf (_("Twilio reported error %u."), error_code);
    }
}

static void
set_state (LiaisonLiveCall      *self,
           LiaisonLiveCallState  state,
           char                 *reason)
{
  g_autofree char *owned_reason = reason;

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);

  if (state == LIAISON_LIVE_CALL_IN_PROGRESS && self->answered_at == NULL)
    {
      self->answered_at = g_date_time_new_now_utc ();
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ANSWERED_AT]);
    }
  if (state_is_final (state))
    {
      if (self->ended_at == NULL)
        {
          self->ended_at = g_date_time_new_now_utc ();
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENDED_AT]);
        }
      if (owned_reason != NULL)
        {
          g_free (self->failure_reason);
          self->failure_reason = g_steal_pointer (&owned_reason);
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FAILURE_REASON]);
        }
    }
}

static gboolean
apply_parent (LiaisonLiveCall *self,
              const char      *status,
              guint            error_code)
{
  LiaisonLiveCallState before = self->state;

  if (g_str_equal (status, "queued") || g_str_equal (status, "initiated") || g_str_equal (status, "ringing"))
    {
      /* The advisor's phone rings: nothing new for the banner. */
      return FALSE;
    }
  else if (g_str_equal (status, "in-progress"))
    {
      /* The advisor answered: the client is called next. */
      self->advisor_answered = TRUE;
      if (self->state == LIAISON_LIVE_CALL_DIALING_ADVISOR)
        set_state (self, LIAISON_LIVE_CALL_RINGING, NULL);
    }
  else if (g_str_equal (status, "busy"))
    set_state (self, LIAISON_LIVE_CALL_BUSY, g_strdup (_("Your phone was busy.")));
  else if (g_str_equal (status, "no-answer"))
    set_state (self, LIAISON_LIVE_CALL_NO_ANSWER, g_strdup (_("You did not answer your phone.")));
  else if (g_str_equal (status, "failed"))
    {
      char *reason = reason_for_code (error_code);

      set_state (self, LIAISON_LIVE_CALL_FAILED,
                 reason != NULL ? reason : g_strdup (_("Your phone could not be called.")));
    }
  else if (g_str_equal (status, "canceled"))
    set_state (self, LIAISON_LIVE_CALL_CANCELED, g_strdup (_("The call was canceled.")));
  else if (g_str_equal (status, "completed"))
    {
      /* The advisor's leg ends. The client's leg usually said how it went
       * first; if not, the call ended before the client answered. */
      if (self->state == LIAISON_LIVE_CALL_IN_PROGRESS)
        set_state (self, LIAISON_LIVE_CALL_COMPLETED, NULL);
      else
        set_state (self, LIAISON_LIVE_CALL_CANCELED,
                   g_strdup (self->advisor_answered ? _("The call ended before the client answered.")
                                                    : _("The call ended before you answered.")));
    }
  else
    return FALSE;

  return before != self->state;
}

static gboolean
apply_child (LiaisonLiveCall *self,
             const char      *status,
             guint            error_code)
{
  LiaisonLiveCallState before = self->state;

  self->advisor_answered = TRUE;
  if (g_str_equal (status, "queued") || g_str_equal (status, "initiated") || g_str_equal (status, "ringing"))
    {
      if (self->state == LIAISON_LIVE_CALL_DIALING_ADVISOR)
        set_state (self, LIAISON_LIVE_CALL_RINGING, NULL);
    }
  else if (g_str_equal (status, "in-progress"))
    set_state (self, LIAISON_LIVE_CALL_IN_PROGRESS, NULL);
  else if (g_str_equal (status, "busy"))
    set_state (self, LIAISON_LIVE_CALL_BUSY, g_strdup (_("The client’s line was busy.")));
  else if (g_str_equal (status, "no-answer"))
    set_state (self, LIAISON_LIVE_CALL_NO_ANSWER, g_strdup (_("The client did not answer.")));
  else if (g_str_equal (status, "failed"))
    {
      char *reason = reason_for_code (error_code);

      set_state (self, LIAISON_LIVE_CALL_FAILED,
                 reason != NULL ? reason : g_strdup (_("The client’s number could not be called.")));
    }
  else if (g_str_equal (status, "canceled"))
    set_state (self, LIAISON_LIVE_CALL_CANCELED, g_strdup (_("The call ended before the client answered.")));
  else if (g_str_equal (status, "completed"))
    {
      if (self->state == LIAISON_LIVE_CALL_IN_PROGRESS)
        set_state (self, LIAISON_LIVE_CALL_COMPLETED, NULL);
      else
        set_state (self, LIAISON_LIVE_CALL_CANCELED, g_strdup (_("The call ended before the client answered.")));
    }
  else
    return FALSE;

  return before != self->state;
}

gboolean
liaison_live_call_apply_status (LiaisonLiveCall *self,
                                const char      *call_sid,
                                const char      *parent_sid,
                                const char      *status,
                                guint            error_code)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), FALSE);

  if (call_sid == NULL || status == NULL || state_is_final (self->state))
    return FALSE;

  if (g_str_equal (call_sid, self->call_sid) && (parent_sid == NULL || *parent_sid == '\0'))
    return apply_parent (self, status, error_code);

  if (g_strcmp0 (parent_sid, self->call_sid) == 0)
    {
      gboolean changed = FALSE;

      if (self->child_call_sid == NULL)
        {
          self->child_call_sid = g_strdup (call_sid);
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHILD_CALL_SID]);
          changed = TRUE;
        }
      else if (!g_str_equal (self->child_call_sid, call_sid))
        {
          /* Another leg of the same parent (a conference participant…). */
          return FALSE;
        }
      return apply_child (self, status, error_code) || changed;
    }

  return FALSE;
}

gboolean
liaison_live_call_apply_recording (LiaisonLiveCall *self,
                                   const char      *call_sid,
                                   const char      *recording_sid,
                                   const char      *recording_status)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), FALSE);

  if (g_strcmp0 (call_sid, self->call_sid) != 0 || recording_sid == NULL || recording_status == NULL)
    return FALSE;

  if (g_strcmp0 (self->recording_sid, recording_sid) != 0)
    {
      g_free (self->recording_sid);
      self->recording_sid = g_strdup (recording_sid);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RECORDING_SID]);
    }
  if (g_strcmp0 (self->recording_status, recording_status) != 0)
    {
      g_free (self->recording_status);
      self->recording_status = g_strdup (recording_status);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RECORDING_STATUS]);
    }
  return TRUE;
}

LiaisonLiveCall *
liaison_live_call_new (const char *call_sid,
                       const char *client_number)
{
  g_return_val_if_fail (call_sid != NULL, NULL);

  return g_object_new (LIAISON_TYPE_LIVE_CALL,
                       "call-sid", call_sid,
                       "client-number", client_number,
                       NULL);
}

const char *
liaison_live_call_get_call_sid (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->call_sid;
}

const char *
liaison_live_call_get_child_call_sid (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->child_call_sid;
}

const char *
liaison_live_call_get_client_number (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->client_number;
}

LiaisonLiveCallState
liaison_live_call_get_state (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), LIAISON_LIVE_CALL_FAILED);
  return self->state;
}

gboolean
liaison_live_call_is_over (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), TRUE);
  return state_is_final (self->state);
}

GDateTime *
liaison_live_call_get_started_at (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->started_at;
}

GDateTime *
liaison_live_call_get_answered_at (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->answered_at;
}

GDateTime *
liaison_live_call_get_ended_at (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->ended_at;
}

const char *
liaison_live_call_get_failure_reason (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->failure_reason;
}

const char *
liaison_live_call_get_recording_sid (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->recording_sid;
}

const char *
liaison_live_call_get_recording_status (LiaisonLiveCall *self)
{
  g_return_val_if_fail (LIAISON_IS_LIVE_CALL (self), NULL);
  return self->recording_status;
}

static void
liaison_live_call_finalize (GObject *object)
{
  LiaisonLiveCall *self = (LiaisonLiveCall *) object;

  g_free (self->call_sid);
  g_free (self->child_call_sid);
  g_free (self->client_number);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->answered_at, g_date_time_unref);
  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_free (self->failure_reason);
  g_free (self->recording_sid);
  g_free (self->recording_status);

  G_OBJECT_CLASS (liaison_live_call_parent_class)->finalize (object);
}

static void
liaison_live_call_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LiaisonLiveCall *self = LIAISON_LIVE_CALL (object);

  switch (prop_id)
    {
    case PROP_CALL_SID:
      g_value_set_string (value, self->call_sid);
      break;
    case PROP_CHILD_CALL_SID:
      g_value_set_string (value, self->child_call_sid);
      break;
    case PROP_CLIENT_NUMBER:
      g_value_set_string (value, self->client_number);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    case PROP_ANSWERED_AT:
      g_value_set_boxed (value, self->answered_at);
      break;
    case PROP_ENDED_AT:
      g_value_set_boxed (value, self->ended_at);
      break;
    case PROP_FAILURE_REASON:
      g_value_set_string (value, self->failure_reason);
      break;
    case PROP_RECORDING_SID:
      g_value_set_string (value, self->recording_sid);
      break;
    case PROP_RECORDING_STATUS:
      g_value_set_string (value, self->recording_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_live_call_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LiaisonLiveCall *self = LIAISON_LIVE_CALL (object);

  switch (prop_id)
    {
    case PROP_CALL_SID:
      self->call_sid = g_value_dup_string (value);
      break;
    case PROP_CLIENT_NUMBER:
      self->client_number = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_live_call_class_init (LiaisonLiveCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_live_call_finalize;
  object_class->get_property = liaison_live_call_get_property;
  object_class->set_property = liaison_live_call_set_property;

  properties [PROP_CALL_SID] =
    g_param_spec_string ("call-sid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHILD_CALL_SID] =
    g_param_spec_string ("child-call-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CLIENT_NUMBER] =
    g_param_spec_string ("client-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LIAISON_TYPE_LIVE_CALL_STATE, LIAISON_LIVE_CALL_DIALING_ADVISOR,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ANSWERED_AT] =
    g_param_spec_boxed ("answered-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ENDED_AT] =
    g_param_spec_boxed ("ended-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FAILURE_REASON] =
    g_param_spec_string ("failure-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RECORDING_SID] =
    g_param_spec_string ("recording-sid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RECORDING_STATUS] =
    g_param_spec_string ("recording-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_live_call_init (LiaisonLiveCall *self)
{
  self->state = LIAISON_LIVE_CALL_DIALING_ADVISOR;
  self->started_at = g_date_time_new_now_utc ();
}
