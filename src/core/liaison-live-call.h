/* liaison-live-call.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A click-to-call in progress, as the call banner shows it: fed with the
 * status callbacks of its two legs (the advisor's leg is the parent call,
 * the client's leg its <Dial> child) as the relay streams them.
 *
 *   dialing-advisor ──▶ ringing ──▶ in-progress ──▶ completed
 *        │                 │
 *        └─────────────────┴──▶ busy, no-answer, failed, canceled
 *
 * dialing-advisor: the advisor's own phone rings. ringing: the advisor
 * answered and the client's phone is being called. in-progress: the client
 * answered (answered-at is set, the timer runs). Final states never change
 * again; statuses that come late or out of order never move the call back.
 * A leg that is not this call's (another SID, another parent) is ignored. */

typedef enum {
  LIAISON_LIVE_CALL_DIALING_ADVISOR,
  LIAISON_LIVE_CALL_RINGING,
  LIAISON_LIVE_CALL_IN_PROGRESS,
  LIAISON_LIVE_CALL_COMPLETED,
  LIAISON_LIVE_CALL_BUSY,
  LIAISON_LIVE_CALL_NO_ANSWER,
  LIAISON_LIVE_CALL_FAILED,
  LIAISON_LIVE_CALL_CANCELED,
} LiaisonLiveCallState;

#define LIAISON_TYPE_LIVE_CALL_STATE (liaison_live_call_state_get_type ())
GType liaison_live_call_state_get_type (void) G_GNUC_CONST;

#define LIAISON_TYPE_LIVE_CALL (liaison_live_call_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLiveCall, liaison_live_call, LIAISON, LIVE_CALL, GObject)

/* @call_sid: the parent call (the advisor's leg); @client_number: E.164. */
LiaisonLiveCall      *liaison_live_call_new                 (const char           *call_sid,
                                                             const char           *client_number);

/* One call status callback (TWILIO.md §3.5): @call_sid and @parent_sid
 * (NULL for the parent leg) as Twilio sent them, @status its CallStatus
 * (queued, initiated, ringing, in-progress, completed, busy, no-answer,
 * failed, canceled), @error_code Twilio's ErrorCode or 0. Returns TRUE if
 * the event was this call's and changed something. */
gboolean              liaison_live_call_apply_status        (LiaisonLiveCall      *self,
                                                             const char           *call_sid,
                                                             const char           *parent_sid,
                                                             const char           *status,
                                                             guint                 error_code);
/* A recording status callback (§4.4) of this call: @call_sid is the parent
 * leg's. Returns TRUE if it was this call's. */
gboolean              liaison_live_call_apply_recording     (LiaisonLiveCall      *self,
                                                             const char           *call_sid,
                                                             const char           *recording_sid,
                                                             const char           *recording_status);

/* Properties, all notified. */
const char           *liaison_live_call_get_call_sid        (LiaisonLiveCall      *self);
/* The client's leg, once known, or NULL. */
const char           *liaison_live_call_get_child_call_sid  (LiaisonLiveCall      *self);
const char           *liaison_live_call_get_client_number   (LiaisonLiveCall      *self);
LiaisonLiveCallState  liaison_live_call_get_state           (LiaisonLiveCall      *self);
gboolean              liaison_live_call_is_over             (LiaisonLiveCall      *self);
/* When the call was created, when the client answered (NULL before) and
 * when it ended (NULL before); UTC. */
GDateTime            *liaison_live_call_get_started_at      (LiaisonLiveCall      *self);
GDateTime            *liaison_live_call_get_answered_at     (LiaisonLiveCall      *self);
GDateTime            *liaison_live_call_get_ended_at        (LiaisonLiveCall      *self);
/* Why the call did not go through, in plain words (translated), or NULL. */
const char           *liaison_live_call_get_failure_reason  (LiaisonLiveCall      *self);
/* The recording's SID and status (in-progress, completed, absent…) once
 * its callback came, else NULL. */
const char           *liaison_live_call_get_recording_sid   (LiaisonLiveCall      *self);
const char           *liaison_live_call_get_recording_status (LiaisonLiveCall     *self);

/* "dialing-advisor", "ringing", "in-progress", "completed", "busy",
 * "no-answer", "failed", "canceled". */
const char           *liaison_live_call_state_to_string     (LiaisonLiveCallState  state);

G_END_DECLS
