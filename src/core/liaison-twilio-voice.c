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
#include "liaison-log.h"

/* Every voice request is one REST call through
 * _liaison_twilio_client_request_object_async(); the answer's object becomes
 * a model. The task's source tag is the finish function that may complete
 * it. */

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

  _liaison_twilio_form_add (form, "To", to);
  _liaison_twilio_form_add (form, "From", from);
  _liaison_twilio_form_add (form, "Url", options->url);
  _liaison_twilio_form_add (form, "Method", options->method);
  _liaison_twilio_form_add (form, "Twiml", options->twiml);
  _liaison_twilio_form_add (form, "FallbackUrl", options->fallback_url);
  _liaison_twilio_form_add (form, "StatusCallback", options->status_callback);
  for (guint i = 0; options->status_callback_events != NULL && options->status_callback_events[i] != NULL; i++)
    _liaison_twilio_form_add (form, "StatusCallbackEvent", options->status_callback_events[i]);
  if (options->record)
    _liaison_twilio_form_add (form, "Record", "true");
  _liaison_twilio_form_add (form, "RecordingChannels", options->recording_channels);
  _liaison_twilio_form_add (form, "RecordingStatusCallback", options->recording_status_callback);
  if (options->timeout > 0)
    {
      timeout = g_strdup_printf ("%u", options->timeout);
      _liaison_twilio_form_add (form, "Timeout", timeout);
    }

  LIAISON_DEBUG_MASKED (to, "Creating a call to %s");
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Calls", NULL);
  /* Never re-sent once it may have reached Twilio: a second call would ring. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, FALSE, parse_call, NULL,
                                               liaison_twilio_client_call_finish, cancellable, callback,
                                               user_data);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Calls", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_call, NULL, liaison_twilio_client_call_finish, cancellable,
                                               callback, user_data);
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

  _liaison_twilio_form_add (form, "Url", url);
  _liaison_twilio_form_add (form, "Method", url != NULL ? method : NULL);
  _liaison_twilio_form_add (form, "Twiml", url == NULL ? twiml : NULL);
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Calls", sid, NULL);
  /* A redirect sent twice restarts the TwiML: not repeated blindly. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, FALSE, parse_call, NULL,
                                               liaison_twilio_client_call_finish, cancellable, callback,
                                               user_data);
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
  g_autofree char *path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                                        ".json", "Calls", sid, NULL);

  /* Hanging up twice ends the same call: safe to re-send. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path, form, NULL, TRUE,
                                               parse_call, NULL, liaison_twilio_client_call_finish, cancellable,
                                               callback, user_data);
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
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_call_finish, error);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Calls", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "DELETE", path, NULL, NULL, TRUE,
                                               NULL, NULL, liaison_twilio_client_voice_delete_finish, cancellable,
                                               callback, user_data);
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
      _liaison_twilio_form_add (params, "To", filter->to);
      _liaison_twilio_form_add (params, "From", filter->from);
      _liaison_twilio_form_add (params, "Status", filter->status);
      _liaison_twilio_form_add (params, "ParentCallSid", filter->parent_call_sid);
      if (filter->started_after != NULL)
        {
          g_autofree char *after = format_time (filter->started_after);

          _liaison_twilio_form_add (params, "StartTime>", after);
        }
      if (filter->started_before != NULL)
        {
          g_autofree char *before = format_time (filter->started_before);

          _liaison_twilio_form_add (params, "StartTime<", before);
        }
    }

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Calls", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, _liaison_twilio_form_end (params),
                                    "calls", parse_call, page_size, cancellable, callback, user_data);
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

  _liaison_twilio_form_add (params, "FriendlyName", friendly_name);
  _liaison_twilio_form_add (params, "Status", status);
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, _liaison_twilio_form_end (params),
                                    "conferences", parse_conference, page_size, cancellable, callback, user_data);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_conference, NULL, liaison_twilio_client_conference_finish,
                                               cancellable, callback, user_data);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path, form, NULL, TRUE,
                                               parse_conference, NULL, liaison_twilio_client_conference_finish,
                                               cancellable, callback, user_data);
}

LiaisonTwilioConference *
liaison_twilio_client_conference_finish (LiaisonTwilioClient  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_conference_finish,
                                                       error);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", conference_sid, "Participants", NULL);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", conference_sid, "Participants", call_sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_participant, NULL, liaison_twilio_client_participant_finish,
                                               cancellable, callback, user_data);
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

  _liaison_twilio_form_add (form, "From", from);
  _liaison_twilio_form_add (form, "To", to);
  _liaison_twilio_form_add (form, "Label", label);
  if (muted)
    _liaison_twilio_form_add (form, "Muted", "true");
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", conference_sid, "Participants", NULL);
  /* Dials out: never re-sent blindly. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, FALSE, parse_participant,
                                               NULL, liaison_twilio_client_participant_finish, cancellable,
                                               callback, user_data);
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
    _liaison_twilio_form_add (form, "Muted", muted ? "true" : "false");
  if (hold >= 0)
    _liaison_twilio_form_add (form, "Hold", hold ? "true" : "false");
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", conference_sid, "Participants", call_sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, TRUE, parse_participant,
                                               NULL, liaison_twilio_client_participant_finish, cancellable,
                                               callback, user_data);
}

LiaisonTwilioParticipant *
liaison_twilio_client_participant_finish (LiaisonTwilioClient  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_participant_finish,
                                                       error);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Conferences", conference_sid, "Participants", call_sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "DELETE", path, NULL, NULL, TRUE,
                                               NULL, NULL, liaison_twilio_client_voice_delete_finish, cancellable,
                                               callback, user_data);
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

  _liaison_twilio_form_add (form, "FriendlyName", friendly_name);
  if (max_size > 0)
    {
      size = g_strdup_printf ("%u", max_size);
      _liaison_twilio_form_add (form, "MaxSize", size);
    }
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, FALSE, parse_queue, NULL,
                                               liaison_twilio_client_queue_finish, cancellable, callback,
                                               user_data);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", NULL);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_queue, NULL, liaison_twilio_client_queue_finish, cancellable,
                                               callback, user_data);
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

  _liaison_twilio_form_add (form, "FriendlyName", friendly_name);
  if (max_size > 0)
    {
      size = g_strdup_printf ("%u", max_size);
      _liaison_twilio_form_add (form, "MaxSize", size);
    }
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, TRUE, parse_queue, NULL,
                                               liaison_twilio_client_queue_finish, cancellable, callback,
                                               user_data);
}

LiaisonTwilioQueue *
liaison_twilio_client_queue_finish (LiaisonTwilioClient  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_queue_finish, error);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "DELETE", path, NULL, NULL, TRUE,
                                               NULL, NULL, liaison_twilio_client_voice_delete_finish, cancellable,
                                               callback, user_data);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", queue_sid, "Members", NULL);
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

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", queue_sid, "Members", call_sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_queue_member, NULL, liaison_twilio_client_queue_member_finish,
                                               cancellable, callback, user_data);
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

  _liaison_twilio_form_add (form, "Url", url);
  _liaison_twilio_form_add (form, "Method", method);
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Queues", queue_sid, "Members", call_sid, NULL);
  /* "Front" twice would take two callers: not re-sent blindly. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               _liaison_twilio_form_end (form), NULL, FALSE, parse_queue_member,
                                               NULL, liaison_twilio_client_queue_member_finish, cancellable,
                                               callback, user_data);
}

LiaisonTwilioQueueMember *
liaison_twilio_client_queue_member_finish (LiaisonTwilioClient  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_queue_member_finish,
                                                       error);
}

gboolean
liaison_twilio_client_voice_delete_finish (LiaisonTwilioClient  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  return _liaison_twilio_client_request_finish_boolean (self, result, liaison_twilio_client_voice_delete_finish,
                                                        error);
}
