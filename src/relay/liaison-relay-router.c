/* liaison-relay-router.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-router.h"
#include "liaison-twiml.h"

#include <glib/gi18n.h>

#include <string.h>

#define QUEUE_NAME_PREFIX "liaison-"

gboolean
liaison_relay_caller_is_withheld (const char *from)
{
  gsize len = from != NULL ? strlen (from) : 0;

  /* Twilio sends "anonymous", "Restricted", +266696687 ("ANONYMOUS") and
   * the like for hidden numbers: anything that is not E.164. */
  if (len < 3 || len > 16 || from[0] != '+' || g_str_equal (from, "+266696687")
      || g_str_equal (from, "+7378742833") || g_str_equal (from, "+2562533")
      || g_str_equal (from, "+8656696"))
    return TRUE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (from[i]))
      return TRUE;
  return FALSE;
}

/* "{public}/twilio/voice/{step}?advisor=…[&name=value…]" */
G_GNUC_NULL_TERMINATED
static char *
step_url (LiaisonRelayRouting *routing,
          const char          *step,
          ...)
{
  g_autoptr(GString) url = g_string_new (routing->public_url);
  const char *separator = "?";
  const char *name;
  va_list args;

  g_string_append_printf (url, "/twilio/%s", step);
  if (routing->advisor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (routing->advisor, NULL, FALSE);

      g_string_append_printf (url, "?advisor=%s", escaped);
      separator = "&";
    }
  va_start (args, step);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (url, "%s%s=%s", separator, name, escaped);
      separator = "&";
    }
  va_end (args);

  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
add_voicemail (LiaisonRelayRouting *routing,
               LiaisonTwiml        *twiml,
               const char          *greeting)
{
  g_autofree char *action = step_url (routing, "voice/voicemail", NULL);
  g_autofree char *transcriptions = step_url (routing, "transcriptions", NULL);
  g_autofree char *recordings = step_url (routing, "recordings/status", NULL);
  g_autofree char *max_length = g_strdup_printf ("%u", routing->policy != NULL
                                                       ? routing->policy->voicemail_max_seconds : 120);

  liaison_twiml_add (twiml, "Say", greeting != NULL ? greeting
                                                    : _("Sorry, nobody can take your call right now. "
                                                        "Please leave a message after the tone."), NULL);
  liaison_twiml_add (twiml, "Record", NULL,
                     "action", action, "method", "POST", "maxLength", max_length,
                     "playBeep", "true", "finishOnKey", "#", "transcribe", "true",
                     "transcribeCallback", transcriptions,
                     "recordingStatusCallback", recordings, NULL);
  /* An empty recording skips the action: say goodbye then. */
  liaison_twiml_add (twiml, "Say", _("We did not get a message. Goodbye."), NULL);
  liaison_twiml_add (twiml, "Hangup", NULL, NULL);
}

char *
liaison_relay_route_voicemail (LiaisonRelayRouting *routing)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

  add_voicemail (routing, twiml, routing->policy != NULL ? routing->policy->greeting : NULL);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_voicemail_done (LiaisonRelayRouting *routing)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

  liaison_twiml_add (twiml, "Say", _("Thank you. Goodbye."), NULL);
  liaison_twiml_add (twiml, "Hangup", NULL, NULL);
  return liaison_twiml_finish (twiml);
}

/* Dials the advisor's numbers; @whisper_url (may be NULL) is played to the
 * advisor before the bridge. */
static void
add_dial (LiaisonRelayRouting *routing,
          LiaisonTwiml        *twiml,
          const char          *whisper_url,
          gboolean             after_hours,
          const char * const  *numbers)
{
  LiaisonRelayPolicy *policy = routing->policy;
  g_autofree char *action = step_url (routing, "voice/dial", "after_hours", after_hours ? "1" : NULL, NULL);
  g_autofree char *recordings = step_url (routing, "recordings/status", NULL);
  g_autofree char *timeout = g_strdup_printf ("%u", after_hours ? 30 : policy->ring_seconds);

  liaison_twiml_open (twiml, "Dial",
                      "action", action, "method", "POST", "timeout", timeout,
                      "callerId", policy->caller_id,
                      "answerOnBridge", "true",
                      "record", policy->record ? "record-from-answer-dual" : NULL,
                      "recordingStatusCallback", policy->record ? recordings : NULL,
                      NULL);
  for (guint i = 0; numbers[i] != NULL; i++)
    liaison_twiml_add (twiml, "Number", numbers[i], "url", whisper_url, "method", whisper_url != NULL ? "POST" : NULL, NULL);
  liaison_twiml_close (twiml);
}

static gboolean
needs_screening (LiaisonRelayPolicy *policy,
                 const char         *from)
{
  switch (policy->screening)
    {
    case LIAISON_SCREENING_ALL:
      return TRUE;
    case LIAISON_SCREENING_UNKNOWN:
      return liaison_relay_caller_is_withheld (from) || liaison_relay_policy_contact (policy, from) == NULL;
    case LIAISON_SCREENING_OFF:
    default:
      return FALSE;
    }
}

char *
liaison_relay_route_inbound (LiaisonRelayRouting *routing,
                             const char          *from)
{
  LiaisonRelayPolicy *policy = routing->policy;
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

  if (policy == NULL || policy->forward_to[0] == NULL)
    return liaison_relay_route_voicemail (routing);

  if (!liaison_relay_policy_is_open (policy, routing->now))
    {
      g_autofree char *choice = step_url (routing, "voice/after-hours", NULL);
      g_autofree char *text = NULL;

      if (policy->emergency_number != NULL)
        {
          text = g_strdup_printf ("%s %s",
                                  policy->after_hours_greeting != NULL
                                  ? policy->after_hours_greeting : _("Our office is closed right now."),
                                  _("For an emergency, press 1. To leave a message, stay on the line."));
          liaison_twiml_open (twiml, "Gather", "input", "dtmf", "numDigits", "1", "timeout", "6",
                              "action", choice, "method", "POST", NULL);
          liaison_twiml_add (twiml, "Say", text, NULL);
          liaison_twiml_close (twiml);
          add_voicemail (routing, twiml, _("Please leave a message after the tone."));
        }
      else
        {
          add_voicemail (routing, twiml, policy->after_hours_greeting != NULL
                                         ? policy->after_hours_greeting
                                         : _("Our office is closed right now. Please leave a message after the tone."));
        }
      return liaison_twiml_finish (twiml);
    }

  /* Before anyone is bridged, where every party must consent. */
  if (policy->record && liaison_recording_consent_announce (liaison_relay_caller_is_withheld (from) ? NULL : from,
                                                            policy->consent))
    liaison_twiml_add (twiml, "Say", _("This call may be recorded."), NULL);

  if (needs_screening (policy, from) && (liaison_relay_caller_is_withheld (from)
                                         || liaison_relay_policy_contact (policy, from) == NULL))
    {
      g_autofree char *screened = step_url (routing, "voice/screened", NULL);

      liaison_twiml_add (twiml, "Say", _("Please say your name after the tone, then press the pound key."), NULL);
      liaison_twiml_add (twiml, "Record", NULL, "action", screened, "method", "POST", "maxLength", "5",
                         "timeout", "3", "playBeep", "true", "finishOnKey", "#", "trim", "trim-silence", NULL);
      /* Nothing said: go on without a name. */
      liaison_twiml_add (twiml, "Redirect", screened, "method", "POST", NULL);
      return liaison_twiml_finish (twiml);
    }

  {
    g_autofree char *whisper = needs_screening (policy, from)
                               ? step_url (routing, "voice/whisper", "caller", from, NULL) : NULL;

    add_dial (routing, twiml, whisper, FALSE, (const char * const *) policy->forward_to);
  }
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_screened (LiaisonRelayRouting *routing,
                              const char          *from,
                              const char          *recording_url)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  g_autofree char *whisper = NULL;

  if (routing->policy == NULL || routing->policy->forward_to[0] == NULL)
    return liaison_relay_route_voicemail (routing);

  whisper = step_url (routing, "voice/whisper", "caller", from, "name", recording_url, NULL);
  liaison_twiml_add (twiml, "Say", _("Please hold while we connect you."), NULL);
  add_dial (routing, twiml, whisper, FALSE, (const char * const *) routing->policy->forward_to);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_whisper (LiaisonRelayRouting *routing,
                             const char          *caller,
                             const char          *recording_url)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  g_autofree char *answer = step_url (routing, "voice/whisper-answer", NULL);
  const char *contact = routing->policy != NULL ? liaison_relay_policy_contact (routing->policy, caller) : NULL;

  liaison_twiml_open (twiml, "Gather", "input", "dtmf", "numDigits", "1", "timeout", "6",
                      "action", answer, "method", "POST", NULL);
  if (contact != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Call from %s."), contact);

      liaison_twiml_add (twiml, "Say", text, NULL);
    }
  else if (recording_url != NULL && (g_str_has_prefix (recording_url, "https://")
                                     || g_str_has_prefix (recording_url, "http://")))
    {
      liaison_twiml_add (twiml, "Say", _("Call from"), NULL);
      liaison_twiml_add (twiml, "Play", recording_url, NULL);
    }
  else
    {
      liaison_twiml_add (twiml, "Say", _("Call from an unknown caller."), NULL);
    }
  liaison_twiml_add (twiml, "Say", _("Press 1 to accept."), NULL);
  liaison_twiml_close (twiml);
  /* No key: the advisor's leg ends and the caller goes to voicemail. */
  liaison_twiml_add (twiml, "Hangup", NULL, NULL);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_whisper_answer (LiaisonRelayRouting *routing,
                                    const char          *digits)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

  /* An empty document ends the whisper and bridges the call. */
  if (g_strcmp0 (digits, "1") != 0)
    liaison_twiml_add (twiml, "Hangup", NULL, NULL);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_dial_done (LiaisonRelayRouting *routing,
                               const char          *dial_status,
                               const char          *dial_bridged,
                               gboolean             after_hours)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  LiaisonRelayPolicy *policy = routing->policy;

  if ((g_strcmp0 (dial_status, "completed") == 0 || g_strcmp0 (dial_status, "answered") == 0)
      && g_strcmp0 (dial_bridged, "false") != 0)
    {
      liaison_twiml_add (twiml, "Hangup", NULL, NULL);
      return liaison_twiml_finish (twiml);
    }

  /* A busy advisor: wait in line for them, if the firm wants that. */
  if (!after_hours && g_strcmp0 (dial_status, "busy") == 0 && policy != NULL && policy->queue
      && routing->advisor != NULL)
    {
      g_autofree char *wait = step_url (routing, "voice/queue-wait", NULL);
      g_autofree char *done = step_url (routing, "voice/queue-done", NULL);
      g_autofree char *queue = g_strconcat (QUEUE_NAME_PREFIX, routing->advisor, NULL);

      liaison_twiml_add (twiml, "Say", _("All of our lines are busy. Please hold."), NULL);
      liaison_twiml_add (twiml, "Enqueue", queue, "action", done, "method", "POST",
                         "waitUrl", wait, "waitUrlMethod", "POST", NULL);
      return liaison_twiml_finish (twiml);
    }

  return liaison_relay_route_voicemail (routing);
}

char *
liaison_relay_route_after_hours (LiaisonRelayRouting *routing,
                                 const char          *digits)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  LiaisonRelayPolicy *policy = routing->policy;

  if (g_strcmp0 (digits, "1") == 0 && policy != NULL && policy->emergency_number != NULL)
    {
      const char *numbers[] = { policy->emergency_number, NULL };

      liaison_twiml_add (twiml, "Say", _("Connecting you to the person on call."), NULL);
      add_dial (routing, twiml, NULL, TRUE, numbers);
      return liaison_twiml_finish (twiml);
    }
  return liaison_relay_route_voicemail (routing);
}

char *
liaison_relay_route_queue_wait (LiaisonRelayRouting *routing,
                                const char          *position,
                                const char          *queue_time)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  LiaisonRelayPolicy *policy = routing->policy;
  guint64 waited = 0;
  guint64 place = 0;

  if (queue_time != NULL)
    g_ascii_string_to_unsigned (queue_time, 10, 0, G_MAXUINT32, &waited, NULL);
  /* Waited long enough: leave the queue for voicemail (queue-done). */
  if (policy == NULL || waited >= policy->max_wait_seconds)
    {
      liaison_twiml_add (twiml, "Leave", NULL, NULL);
      return liaison_twiml_finish (twiml);
    }

  if (position != NULL && g_ascii_string_to_unsigned (position, 10, 1, 1000, &place, NULL))
    {
      g_autofree char *text = g_strdup_printf (_("You are caller number %u. Thank you for holding."), (guint) place);

      liaison_twiml_add (twiml, "Say", text, NULL);
    }
  if (policy->hold_music_url != NULL)
    liaison_twiml_add (twiml, "Play", policy->hold_music_url, NULL);
  else
    liaison_twiml_add (twiml, "Pause", NULL, "length", "20", NULL);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_queue_done (LiaisonRelayRouting *routing,
                                const char          *result)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

  if (g_strcmp0 (result, "bridged") == 0 || g_strcmp0 (result, "hangup") == 0)
    {
      liaison_twiml_add (twiml, "Hangup", NULL, NULL);
      return liaison_twiml_finish (twiml);
    }
  return liaison_relay_route_voicemail (routing);
}

char *
liaison_relay_route_conference (LiaisonRelayRouting *routing,
                                const char          *room)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  gsize len = room != NULL ? strlen (room) : 0;

  if (len == 0 || len > 64 || strspn (room, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != len)
    return NULL;

  liaison_twiml_open (twiml, "Dial", NULL);
  liaison_twiml_add (twiml, "Conference", room,
                     "startConferenceOnEnter", "true", "endConferenceOnExit", "false",
                     "beep", "onEnter",
                     "record", routing->policy != NULL && routing->policy->record ? "record-from-start" : NULL,
                     NULL);
  liaison_twiml_close (twiml);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_outbound (LiaisonRelayRouting *routing,
                              const char          *client,
                              const char          *caller_id)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  LiaisonRelayPolicy *policy = routing->policy;
  gboolean record = policy == NULL || policy->record;
  gboolean announce = FALSE;
  g_autofree char *action = NULL;
  g_autofree char *recordings = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *notice = NULL;

  if (client == NULL || caller_id == NULL
      || liaison_relay_caller_is_withheld (client) || liaison_relay_caller_is_withheld (caller_id))
    return NULL;

  /* Before anyone is bridged, where every party must consent. */
  if (record)
    announce = liaison_recording_consent_announce (client, policy != NULL ? policy->consent
                                                                          : LIAISON_CONSENT_ALL_PARTY_STATES);
  if (announce)
    {
      liaison_twiml_add (twiml, "Say", _("This call may be recorded."), NULL);
      notice = step_url (routing, "voice/outbound-notice", NULL);
    }

  action = step_url (routing, "voice/outbound-done", NULL);
  recordings = step_url (routing, "recordings/status", NULL);
  statuses = step_url (routing, "voice/status", NULL);
  liaison_twiml_open (twiml, "Dial",
                      "action", action, "method", "POST",
                      "callerId", caller_id,
                      "record", record ? "record-from-answer-dual" : NULL,
                      "recordingStatusCallback", record ? recordings : NULL,
                      "recordingStatusCallbackMethod", record ? "POST" : NULL,
                      NULL);
  liaison_twiml_add (twiml, "Number", client,
                     "url", notice, "method", notice != NULL ? "POST" : NULL,
                     "statusCallback", statuses, "statusCallbackMethod", "POST",
                     "statusCallbackEvent", "initiated ringing answered completed",
                     NULL);
  liaison_twiml_close (twiml);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_outbound_notice (LiaisonRelayRouting *routing)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();

  liaison_twiml_add (twiml, "Say", _("This call may be recorded."), NULL);
  return liaison_twiml_finish (twiml);
}

char *
liaison_relay_route_outbound_done (LiaisonRelayRouting *routing,
                                   const char          *dial_status)
{
  g_autoptr(LiaisonTwiml) twiml = liaison_twiml_new ();
  const char *text = NULL;

  if (g_strcmp0 (dial_status, "busy") == 0)
    text = _("The line is busy.");
  else if (g_strcmp0 (dial_status, "no-answer") == 0)
    text = _("There was no answer.");
  else if (g_strcmp0 (dial_status, "failed") == 0)
    text = _("The call could not be connected.");
  if (text != NULL)
    liaison_twiml_add (twiml, "Say", text, NULL);
  liaison_twiml_add (twiml, "Hangup", NULL, NULL);
  return liaison_twiml_finish (twiml);
}
