/* liaison-call.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CALL (liaison_call_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCall, liaison_call, LIAISON, CALL, GObject)

/* One call of the history, as stored (liaison-store.h, Calls). Immutable:
 * the store hands out a new object when the call changes. Times are
 * microseconds since the Unix epoch (UTC), 0 when not known. */
gint64       liaison_call_get_id                 (LiaisonCall *self);
const char  *liaison_call_get_sid                (LiaisonCall *self);
/* The parent leg of a <Dial> child leg, or NULL. */
const char  *liaison_call_get_parent_sid         (LiaisonCall *self);
/* "inbound", "outbound-api" or "outbound-dial" (as Twilio says). */
const char  *liaison_call_get_direction          (LiaisonCall *self);
const char  *liaison_call_get_from               (LiaisonCall *self);
const char  *liaison_call_get_to                 (LiaisonCall *self);
/* The client's side of the call (E.164 when known). */
const char  *liaison_call_get_remote_number      (LiaisonCall *self);
/* Our Twilio number's side. */
const char  *liaison_call_get_our_number         (LiaisonCall *self);
/* 0 when the number matches no contact. */
gint64       liaison_call_get_contact_id         (LiaisonCall *self);
/* The contact's display name, or NULL. */
const char  *liaison_call_get_contact_name       (LiaisonCall *self);
/* The conversation with the same two numbers, or 0. */
gint64       liaison_call_get_thread_id          (LiaisonCall *self);
/* queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled. */
const char  *liaison_call_get_status             (LiaisonCall *self);
gint64       liaison_call_get_started_at         (LiaisonCall *self);
gint64       liaison_call_get_answered_at        (LiaisonCall *self);
gint64       liaison_call_get_ended_at           (LiaisonCall *self);
/* Seconds, or -1 when not known. */
int          liaison_call_get_duration_s         (LiaisonCall *self);
/* Answering machine detection: human, machine_..., or NULL. */
const char  *liaison_call_get_answered_by        (LiaisonCall *self);
/* Twilio's error code when it failed, or 0. */
int          liaison_call_get_error_code         (LiaisonCall *self);
const char  *liaison_call_get_error_message      (LiaisonCall *self);
/* Inbound and not answered by us (busy, no answer, cancelled, failed, or voicemail). */
gboolean     liaison_call_get_is_missed          (LiaisonCall *self);
/* The call itself is on legal hold. */
gboolean     liaison_call_get_call_legal_hold    (LiaisonCall *self);
/* The first recording not deleted, or NULL. */
const char  *liaison_call_get_recording_sid      (LiaisonCall *self);
gboolean     liaison_call_get_has_voicemail      (LiaisonCall *self);
/* Its contact is on legal hold. */
gboolean     liaison_call_get_contact_legal_hold (LiaisonCall *self);
/* A recording that is not deleted. */
gboolean     liaison_call_has_recording          (LiaisonCall *self);
/* On legal hold, by itself or through its contact: its recordings are kept. */
gboolean     liaison_call_is_on_legal_hold       (LiaisonCall *self);

/* A leg the history does not list (the <Dial> to the advisor's phone under
 * an inbound call, or the advisor's own leg of a click-to-call). */
gboolean    liaison_call_get_is_leg       (LiaisonCall *self);

G_END_DECLS
