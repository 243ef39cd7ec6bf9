/* liaison-twilio-voice.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-twilio-call.h"
#include "liaison-twilio-conference.h"
#include "liaison-twilio-participant.h"
#include "liaison-twilio-queue.h"
#include "liaison-twilio-queue-member.h"

G_BEGIN_DECLS

/* Voice on LiaisonTwilioClient: Calls (TWILIO.md §3), Conferences and their
 * Participants (§5.4), Queues and their Members (§5.5). Every function is
 * asynchronous; lists finish with liaison_twilio_client_list_finish() and
 * page on with liaison_twilio_page_next_async(). */

typedef struct _LiaisonTwilioClient LiaisonTwilioClient;

/* What a new call runs and reports. Exactly one of @url or @twiml (Twilio
 * ignores @twiml when both are set). Every field may be NULL / 0. */
typedef struct {
  const char         *url;                        /* TwiML fetched when answered */
  const char         *method;                     /* GET or POST (default) */
  const char         *twiml;                      /* inline TwiML, ≤ 4000 characters */
  const char         *fallback_url;               /* requested (POST) when a document fails */
  const char         *status_callback;
  const char * const *status_callback_events;     /* initiated, ringing, answered, completed */
  gboolean            record;
  const char         *recording_channels;         /* mono, dual */
  const char         *recording_status_callback;
  guint               timeout;                    /* ring seconds, 0: Twilio's 60 */
} LiaisonTwilioCallOptions;

/* Places a call from @from (a Twilio number) to @to. The create is never
 * re-sent once it may have reached Twilio: when the answer is lost it fails
 * with LIAISON_TWILIO_ERROR_UNCERTAIN (the call may exist; look for it with
 * liaison_twilio_client_list_calls_async() before calling again). Finish
 * with liaison_twilio_client_call_finish(). */
void                      liaison_twilio_client_create_call_async        (LiaisonTwilioClient            *self,
                                                                          const char                     *to,
                                                                          const char                     *from,
                                                                          const LiaisonTwilioCallOptions *options,
                                                                          GCancellable                   *cancellable,
                                                                          GAsyncReadyCallback             callback,
                                                                          gpointer                        user_data);
void                      liaison_twilio_client_fetch_call_async         (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Moves a live call to new TwiML: @url (with @method, may be NULL) or @twiml. */
void                      liaison_twilio_client_update_call_async        (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          const char          *url,
                                                                          const char          *method,
                                                                          const char          *twiml,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Hangs up (Status=completed: ends a call whether answered or not). */
void                      liaison_twilio_client_hangup_call_async        (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Status=canceled: ends a call still queued or ringing, leaves an answered one alone. */
void                      liaison_twilio_client_cancel_call_async        (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Finishes create, fetch, update, hangup and cancel. */
LiaisonTwilioCall        *liaison_twilio_client_call_finish              (LiaisonTwilioClient  *self,
                                                                          GAsyncResult         *result,
                                                                          GError              **error);
/* Deletes the record of a call that is over. Finish with
 * liaison_twilio_client_voice_delete_finish(). */
void                      liaison_twilio_client_delete_call_async        (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);

/* Filters for liaison_twilio_client_list_calls_async(); every field may be
 * NULL. Times: StartTime> (on or after) and StartTime< (on or before). */
typedef struct {
  const char *to;
  const char *from;
  const char *status;
  const char *parent_call_sid;
  GDateTime  *started_after;
  GDateTime  *started_before;
} LiaisonTwilioCallFilter;

/* Newest first; items are LiaisonTwilioCall. @filter may be NULL. */
void                      liaison_twilio_client_list_calls_async         (LiaisonTwilioClient           *self,
                                                                          const LiaisonTwilioCallFilter *filter,
                                                                          guint                          page_size,
                                                                          GCancellable                  *cancellable,
                                                                          GAsyncReadyCallback            callback,
                                                                          gpointer                       user_data);

/* Conferences. @status may be NULL, or init, in-progress, completed. Items
 * are LiaisonTwilioConference. */
void                      liaison_twilio_client_list_conferences_async   (LiaisonTwilioClient *self,
                                                                          const char          *friendly_name,
                                                                          const char          *status,
                                                                          guint                page_size,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
void                      liaison_twilio_client_fetch_conference_async   (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Status=completed: everyone leaves. */
void                      liaison_twilio_client_end_conference_async     (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Finishes fetch and end. */
LiaisonTwilioConference  *liaison_twilio_client_conference_finish        (LiaisonTwilioClient  *self,
                                                                          GAsyncResult         *result,
                                                                          GError              **error);

/* Participants, addressed by call SID or label. Items are
 * LiaisonTwilioParticipant. */
void                      liaison_twilio_client_list_participants_async  (LiaisonTwilioClient *self,
                                                                          const char          *conference_sid,
                                                                          guint                page_size,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
void                      liaison_twilio_client_fetch_participant_async  (LiaisonTwilioClient *self,
                                                                          const char          *conference_sid,
                                                                          const char          *call_sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Dials @to from @from and joins the call to the conference (@conference_sid
 * may also be a conference name, which makes the conference). Like a call
 * create it is never re-sent blindly. @label may be NULL. */
void                      liaison_twilio_client_add_participant_async    (LiaisonTwilioClient *self,
                                                                          const char          *conference_sid,
                                                                          const char          *to,
                                                                          const char          *from,
                                                                          const char          *label,
                                                                          gboolean             muted,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Sets Muted and Hold; a negative value leaves that one unchanged. */
void                      liaison_twilio_client_update_participant_async (LiaisonTwilioClient *self,
                                                                          const char          *conference_sid,
                                                                          const char          *call_sid,
                                                                          gint                 muted,
                                                                          gint                 hold,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Finishes fetch, add and update. */
LiaisonTwilioParticipant *liaison_twilio_client_participant_finish       (LiaisonTwilioClient  *self,
                                                                          GAsyncResult         *result,
                                                                          GError              **error);
/* Removes the participant from the conference; its call goes on with its
 * TwiML. Finish with liaison_twilio_client_voice_delete_finish(). */
void                      liaison_twilio_client_kick_participant_async   (LiaisonTwilioClient *self,
                                                                          const char          *conference_sid,
                                                                          const char          *call_sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);

/* Queues. @max_size 0: Twilio's default (1000). Items are LiaisonTwilioQueue. */
void                      liaison_twilio_client_create_queue_async       (LiaisonTwilioClient *self,
                                                                          const char          *friendly_name,
                                                                          guint                max_size,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
void                      liaison_twilio_client_list_queues_async        (LiaisonTwilioClient *self,
                                                                          guint                page_size,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
void                      liaison_twilio_client_fetch_queue_async        (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* @friendly_name NULL and @max_size 0 leave those unchanged. */
void                      liaison_twilio_client_update_queue_async       (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          const char          *friendly_name,
                                                                          guint                max_size,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Finishes create, fetch and update. */
LiaisonTwilioQueue       *liaison_twilio_client_queue_finish             (LiaisonTwilioClient  *self,
                                                                          GAsyncResult         *result,
                                                                          GError              **error);
/* Only an empty queue can be deleted. Finish with
 * liaison_twilio_client_voice_delete_finish(). */
void                      liaison_twilio_client_delete_queue_async       (LiaisonTwilioClient *self,
                                                                          const char          *sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);

/* Members, front first; @call_sid may be "Front". Items are
 * LiaisonTwilioQueueMember. */
void                      liaison_twilio_client_list_members_async       (LiaisonTwilioClient *self,
                                                                          const char          *queue_sid,
                                                                          guint                page_size,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
void                      liaison_twilio_client_fetch_member_async       (LiaisonTwilioClient *self,
                                                                          const char          *queue_sid,
                                                                          const char          *call_sid,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Takes the call out of the queue to the TwiML at @url (@method may be NULL). */
void                      liaison_twilio_client_dequeue_member_async     (LiaisonTwilioClient *self,
                                                                          const char          *queue_sid,
                                                                          const char          *call_sid,
                                                                          const char          *url,
                                                                          const char          *method,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
/* Finishes fetch and dequeue. */
LiaisonTwilioQueueMember *liaison_twilio_client_queue_member_finish      (LiaisonTwilioClient  *self,
                                                                          GAsyncResult         *result,
                                                                          GError              **error);

/* Finishes delete_call, kick_participant and delete_queue. */
gboolean                  liaison_twilio_client_voice_delete_finish      (LiaisonTwilioClient  *self,
                                                                          GAsyncResult         *result,
                                                                          GError              **error);

G_END_DECLS
