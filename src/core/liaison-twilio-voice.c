/* liaison-twilio-voice.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-voice"

#include "config.h"

#include "liaison-twilio-voice.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-client-private.h"
#include "liaison-twilio-error.h"
#include "liaison-log.h"

#include <glib/gi18n-lib.h>

/* Every voice request is one REST call through
 * liaison_twilio_client_request_async(); the answer's object becomes a model
 * with the parser the task carries. The task's source tag is the finish
 * function that may complete it. */

typedef gpointer (*VoiceParser) (JsonObject  *object,
                                 GError     **error);

/* "/2010-04-01/Accounts/{AccountSid}" then each segment percent-encoded,
 * then @suffix (".json"); ends with NULL. */
static char *
voice_path (LiaisonTwilioClient *self,
            const char          *suffix,
            const char          *first_segment,
            ...)
{
  const char *account_sid = _liaison_twilio_client_get_account_sid (self);
  g_autofree char *escaped_account = g_uri_escape_string (account_sid != NULL ? account_sid : "", NULL, FALSE);
  GString *path = g_string_new ("/2010-04-01/Accounts/");
  va_list args;

  g_string_append (path, escaped_account);
  va_start (args, first_segment);
  for (const char *segment = first_segment; segment != NULL; segment = va_arg (args, const char *))
    {
      g_autofree char *escaped = g_uri_escape_string (segment, NULL, FALSE);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (args);
  g_string_append (path, suffix);

  return g_string_free (path, FALSE);
}

static void
voice_request_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VoiceParser parser = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gpointer object;

  root = liaison_twilio_client_request_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (parser == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               _("Twilio's answer is not what was expected."));
      return;
    }
  object = parser (json_node_get_object (root), &error);
  if (object == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
voice_request (LiaisonTwilioClient *self,
               gpointer             finish_tag,
               VoiceParser          parser,
               const char          *method,
               const char          *path,
               const char * const  *form,
               gboolean             idempotent,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, finish_tag);
  g_task_set_task_data (task, parser, NULL);
  liaison_twilio_client_request_async (self, LIAISON_TWILIO_PRODUCT_API, method, path, form, NULL,
                                       idempotent, cancellable, voice_request_cb, task);
}

static gpointer
voice_finish (LiaisonTwilioClient  *self,
              GAsyncResult         *result,
              gpointer              finish_tag,
              GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == finish_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
form_add (GPtrArray  *form,
          const char *name,
          const char *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (form, g_strdup (name));
  g_ptr_array_add (form, g_strdup (value));
}

static const char * const *
form_end (GPtrArray *form)
{
  g_ptr_array_add (form, NULL);
  return (const char * const *) form->pdata;
}

/* ISO 8601 in UTC, as Twilio's date-time filters take it (§1.3). */
static char *
format_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Parsers */

static gpointer
parse_call (JsonObject  *object,
            GError     **error)
{
  return liaison_twilio_call_new_from_json (object, error);
}

static gpointer
parse_conference (JsonObject  *object,
                  GError     **error)
{
  return liaison_twilio_conference_new_from_json (object, error);
}

static gpointer
parse_participant (JsonObject  *object,
                   GError     **error)
{
  return liaison_twilio_participant_new_from_json (object, error);
}

static gpointer
parse_queue (JsonObject  *object,
             GError     **error)
{
  return liaison_twilio_queue_new_from_json (object, error);
}

static gpointer
parse_queue_member (JsonObject  *object,
                    GError     **error)
{
  return liaison_twilio_queue_member_new_from_json (object, error);
}

/* Calls */

void
liaison_twilio_client_create_call_async (LiaisonTwilioClient            *self,
                                         const char                     *to,
                                         const char                     *from,
                                         const LiaisonTwilioCallOptions *options,
                                         GCancellable                   *cancellable,
                                         GAsyncReadyCallback             callback,
                                         gpointer                        user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *timeout = NULL;
  LiaisonTwilioCallOptions defaults = { 0, };

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (to != NULL);
  g_return_if_fail (from != NULL);

  if (options == NULL)
    options = &defaults;

  form_add (form, "To", to);
  form_add (form, "From", from);
  form_add (form, "Url", options->url);
  form_add (form, "Method", options->method);
  form_add (form, "Twiml", options->twiml);
  form_add (form, "FallbackUrl", options->fallback_url);
  form_add (form, "StatusCallback", options->status_callback);
  for (guint i = 0; options->status_callback_events != NULL && options->status_callback_events[i] != NULL; i++)
    form_add (form, "StatusCallbackEvent", options->status_callback_events[i]);
  if (options->record)
    form_add (form, "Record", "true");
  form_add (form, "RecordingChannels", options->recording_channels);
  form_add (form, "RecordingStatusCallback", options->recording_status_callback);
  if (options->timeout > 0)
    {
      timeout = g_strdup_printf ("%u", options->timeout);
      form_add (form, "Timeout", timeout);
    }

  LIAISON_DEBUG_MASKED (to, "Creating a call to %s");
  path = voice_path (self, ".json", "Calls", NULL);
  /* Never re-sent once it may have reached Twilio: a second call would ring. */
  voice_request (self, liaison_twilio_client_call_finish, parse_call, "POST", path, form_end (form),
                 FALSE, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_call_async (LiaisonTwilioClient *self,
                                        const char          *sid,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = voice_path (self, ".json", "Calls", sid, NULL);
  voice_request (self, liaison_twilio_client_call_finish, parse_call, "GET", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_update_call_async (LiaisonTwilioClient *self,
                                         const char          *sid,
                                         const char          *url,
                                         const char          *method,
                                         const char          *twiml,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);
  g_return_if_fail (url != NULL || twiml != NULL);

  form_add (form, "Url", url);
  form_add (form, "Method", url != NULL ? method : NULL);
  form_add (form, "Twiml", url == NULL ? twiml : NULL);
  path = voice_path (self, ".json", "Calls", sid, NULL);
  /* A redirect sent twice restarts the TwiML: not repeated blindly. */
  voice_request (self, liaison_twilio_client_call_finish, parse_call, "POST", path, form_end (form),
                 FALSE, cancellable, callback, user_data);
}

static void
set_call_status (LiaisonTwilioClient *self,
                 const char          *sid,
                 const char          *status,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  const char * const form[] = { "Status", status, NULL };
  g_autofree char *path = voice_path (self, ".json", "Calls", sid, NULL);

  /* Hanging up twice ends the same call: safe to re-send. */
  voice_request (self, liaison_twilio_client_call_finish, parse_call, "POST", path, form,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_hangup_call_async (LiaisonTwilioClient *self,
                                         const char          *sid,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  set_call_status (self, sid, "completed", cancellable, callback, user_data);
}

void
liaison_twilio_client_cancel_call_async (LiaisonTwilioClient *self,
                                         const char          *sid,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  set_call_status (self, sid, "canceled", cancellable, callback, user_data);
}

LiaisonTwilioCall *
liaison_twilio_client_call_finish (LiaisonTwilioClient  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  return voice_finish (self, result, liaison_twilio_client_call_finish, error);
}

void
liaison_twilio_client_delete_call_async (LiaisonTwilioClient *self,
                                         const char          *sid,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = voice_path (self, ".json", "Calls", sid, NULL);
  voice_request (self, liaison_twilio_client_voice_delete_finish, NULL, "DELETE", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_list_calls_async (LiaisonTwilioClient           *self,
                                        const LiaisonTwilioCallFilter *filter,
                                        guint                          page_size,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  if (filter != NULL)
    {
      form_add (params, "To", filter->to);
      form_add (params, "From", filter->from);
      form_add (params, "Status", filter->status);
      form_add (params, "ParentCallSid", filter->parent_call_sid);
      if (filter->started_after != NULL)
        {
          g_autofree char *after = format_time (filter->started_after);

          form_add (params, "StartTime>", after);
        }
      if (filter->started_before != NULL)
        {
          g_autofree char *before = format_time (filter->started_before);

          form_add (params, "StartTime<", before);
        }
    }

  path = voice_path (self, ".json", "Calls", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, form_end (params), "calls",
                                    parse_call, page_size, cancellable, callback, user_data);
}

/* Conferences */

void
liaison_twilio_client_list_conferences_async (LiaisonTwilioClient *self,
                                              const char          *friendly_name,
                                              const char          *status,
                                              guint                page_size,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  form_add (params, "FriendlyName", friendly_name);
  form_add (params, "Status", status);
  path = voice_path (self, ".json", "Conferences", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, form_end (params), "conferences",
                                    parse_conference, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_conference_async (LiaisonTwilioClient *self,
                                              const char          *sid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = voice_path (self, ".json", "Conferences", sid, NULL);
  voice_request (self, liaison_twilio_client_conference_finish, parse_conference, "GET", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_end_conference_async (LiaisonTwilioClient *self,
                                            const char          *sid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  static const char * const form[] = { "Status", "completed", NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = voice_path (self, ".json", "Conferences", sid, NULL);
  voice_request (self, liaison_twilio_client_conference_finish, parse_conference, "POST", path, form,
                 TRUE, cancellable, callback, user_data);
}

LiaisonTwilioConference *
liaison_twilio_client_conference_finish (LiaisonTwilioClient  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return voice_finish (self, result, liaison_twilio_client_conference_finish, error);
}

/* Participants */

void
liaison_twilio_client_list_participants_async (LiaisonTwilioClient *self,
                                               const char          *conference_sid,
                                               guint                page_size,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (conference_sid != NULL);

  path = voice_path (self, ".json", "Conferences", conference_sid, "Participants", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, NULL, "participants",
                                    parse_participant, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_participant_async (LiaisonTwilioClient *self,
                                               const char          *conference_sid,
                                               const char          *call_sid,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (conference_sid != NULL);
  g_return_if_fail (call_sid != NULL);

  path = voice_path (self, ".json", "Conferences", conference_sid, "Participants", call_sid, NULL);
  voice_request (self, liaison_twilio_client_participant_finish, parse_participant, "GET", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_add_participant_async (LiaisonTwilioClient *self,
                                             const char          *conference_sid,
                                             const char          *to,
                                             const char          *from,
                                             const char          *label,
                                             gboolean             muted,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (conference_sid != NULL);
  g_return_if_fail (to != NULL);
  g_return_if_fail (from != NULL);

  form_add (form, "From", from);
  form_add (form, "To", to);
  form_add (form, "Label", label);
  if (muted)
    form_add (form, "Muted", "true");
  path = voice_path (self, ".json", "Conferences", conference_sid, "Participants", NULL);
  /* Dials out: never re-sent blindly. */
  voice_request (self, liaison_twilio_client_participant_finish, parse_participant, "POST", path,
                 form_end (form), FALSE, cancellable, callback, user_data);
}

void
liaison_twilio_client_update_participant_async (LiaisonTwilioClient *self,
                                                const char          *conference_sid,
                                                const char          *call_sid,
                                                gint                 muted,
                                                gint                 hold,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (conference_sid != NULL);
  g_return_if_fail (call_sid != NULL);

  if (muted >= 0)
    form_add (form, "Muted", muted ? "true" : "false");
  if (hold >= 0)
    form_add (form, "Hold", hold ? "true" : "false");
  path = voice_path (self, ".json", "Conferences", conference_sid, "Participants", call_sid, NULL);
  voice_request (self, liaison_twilio_client_participant_finish, parse_participant, "POST", path,
                 form_end (form), TRUE, cancellable, callback, user_data);
}

LiaisonTwilioParticipant *
liaison_twilio_client_participant_finish (LiaisonTwilioClient  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return voice_finish (self, result, liaison_twilio_client_participant_finish, error);
}

void
liaison_twilio_client_kick_participant_async (LiaisonTwilioClient *self,
                                              const char          *conference_sid,
                                              const char          *call_sid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (conference_sid != NULL);
  g_return_if_fail (call_sid != NULL);

  path = voice_path (self, ".json", "Conferences", conference_sid, "Participants", call_sid, NULL);
  voice_request (self, liaison_twilio_client_voice_delete_finish, NULL, "DELETE", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

/* Queues */

void
liaison_twilio_client_create_queue_async (LiaisonTwilioClient *self,
                                          const char          *friendly_name,
                                          guint                max_size,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *size = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (friendly_name != NULL);

  form_add (form, "FriendlyName", friendly_name);
  if (max_size > 0)
    {
      size = g_strdup_printf ("%u", max_size);
      form_add (form, "MaxSize", size);
    }
  path = voice_path (self, ".json", "Queues", NULL);
  voice_request (self, liaison_twilio_client_queue_finish, parse_queue, "POST", path, form_end (form),
                 FALSE, cancellable, callback, user_data);
}

void
liaison_twilio_client_list_queues_async (LiaisonTwilioClient *self,
                                         guint                page_size,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  path = voice_path (self, ".json", "Queues", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, NULL, "queues",
                                    parse_queue, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_queue_async (LiaisonTwilioClient *self,
                                         const char          *sid,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = voice_path (self, ".json", "Queues", sid, NULL);
  voice_request (self, liaison_twilio_client_queue_finish, parse_queue, "GET", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_update_queue_async (LiaisonTwilioClient *self,
                                          const char          *sid,
                                          const char          *friendly_name,
                                          guint                max_size,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *size = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  form_add (form, "FriendlyName", friendly_name);
  if (max_size > 0)
    {
      size = g_strdup_printf ("%u", max_size);
      form_add (form, "MaxSize", size);
    }
  path = voice_path (self, ".json", "Queues", sid, NULL);
  voice_request (self, liaison_twilio_client_queue_finish, parse_queue, "POST", path, form_end (form),
                 TRUE, cancellable, callback, user_data);
}

LiaisonTwilioQueue *
liaison_twilio_client_queue_finish (LiaisonTwilioClient  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  return voice_finish (self, result, liaison_twilio_client_queue_finish, error);
}

void
liaison_twilio_client_delete_queue_async (LiaisonTwilioClient *self,
                                          const char          *sid,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = voice_path (self, ".json", "Queues", sid, NULL);
  voice_request (self, liaison_twilio_client_voice_delete_finish, NULL, "DELETE", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

/* Members */

void
liaison_twilio_client_list_members_async (LiaisonTwilioClient *self,
                                          const char          *queue_sid,
                                          guint                page_size,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (queue_sid != NULL);

  path = voice_path (self, ".json", "Queues", queue_sid, "Members", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, NULL, "queue_members",
                                    parse_queue_member, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_member_async (LiaisonTwilioClient *self,
                                          const char          *queue_sid,
                                          const char          *call_sid,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (queue_sid != NULL);
  g_return_if_fail (call_sid != NULL);

  path = voice_path (self, ".json", "Queues", queue_sid, "Members", call_sid, NULL);
  voice_request (self, liaison_twilio_client_queue_member_finish, parse_queue_member, "GET", path, NULL,
                 TRUE, cancellable, callback, user_data);
}

void
liaison_twilio_client_dequeue_member_async (LiaisonTwilioClient *self,
                                            const char          *queue_sid,
                                            const char          *call_sid,
                                            const char          *url,
                                            const char          *method,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (queue_sid != NULL);
  g_return_if_fail (call_sid != NULL);
  g_return_if_fail (url != NULL);

  form_add (form, "Url", url);
  form_add (form, "Method", method);
  path = voice_path (self, ".json", "Queues", queue_sid, "Members", call_sid, NULL);
  /* "Front" twice would take two callers: not re-sent blindly. */
  voice_request (self, liaison_twilio_client_queue_member_finish, parse_queue_member, "POST", path,
                 form_end (form), FALSE, cancellable, callback, user_data);
}

LiaisonTwilioQueueMember *
liaison_twilio_client_queue_member_finish (LiaisonTwilioClient  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  return voice_finish (self, result, liaison_twilio_client_queue_member_finish, error);
}

gboolean
liaison_twilio_client_voice_delete_finish (LiaisonTwilioClient  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_voice_delete_finish,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
