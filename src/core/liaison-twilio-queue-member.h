/* liaison-twilio-queue-member.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_QUEUE_MEMBER (liaison_twilio_queue_member_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioQueueMember, liaison_twilio_queue_member, LIAISON, TWILIO_QUEUE_MEMBER, GObject)

/* Twilio's queue Member resource (TWILIO.md §5.5): a call waiting in a queue, as returned by the REST API.
 * Read-only; made from the JSON of a create, fetch, update or list answer. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks a
 * "call_sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioQueueMember *liaison_twilio_queue_member_new_from_json (JsonObject  *object,
                                                                    GError     **error);

const char  *liaison_twilio_queue_member_get_call_sid      (LiaisonTwilioQueueMember *self);
const char  *liaison_twilio_queue_member_get_queue_sid     (LiaisonTwilioQueueMember *self);
/* 1 is the front */
guint        liaison_twilio_queue_member_get_position      (LiaisonTwilioQueueMember *self);
/* seconds */
guint        liaison_twilio_queue_member_get_wait_time     (LiaisonTwilioQueueMember *self);
GDateTime   *liaison_twilio_queue_member_get_date_enqueued (LiaisonTwilioQueueMember *self);
const char  *liaison_twilio_queue_member_get_uri           (LiaisonTwilioQueueMember *self);

G_END_DECLS
