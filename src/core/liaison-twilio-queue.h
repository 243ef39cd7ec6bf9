/* liaison-twilio-queue.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TWILIO_QUEUE (liaison_twilio_queue_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioQueue, liaison_twilio_queue, LIAISON, TWILIO_QUEUE, GObject)

/* Twilio's Queue resource (TWILIO.md §5.5), as returned by the REST API.
 * Read-only; made from the JSON of a create, fetch, update or list answer. */

/* Returns NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when @object lacks a
 * "sid" or a field has the wrong type. Unknown fields are ignored. */
LiaisonTwilioQueue *liaison_twilio_queue_new_from_json (JsonObject  *object,
                                                       GError     **error);

const char  *liaison_twilio_queue_get_sid               (LiaisonTwilioQueue *self);
const char  *liaison_twilio_queue_get_account_sid       (LiaisonTwilioQueue *self);
const char  *liaison_twilio_queue_get_friendly_name     (LiaisonTwilioQueue *self);
guint        liaison_twilio_queue_get_current_size      (LiaisonTwilioQueue *self);
guint        liaison_twilio_queue_get_max_size          (LiaisonTwilioQueue *self);
/* seconds */
guint        liaison_twilio_queue_get_average_wait_time (LiaisonTwilioQueue *self);
GDateTime   *liaison_twilio_queue_get_date_created      (LiaisonTwilioQueue *self);
GDateTime   *liaison_twilio_queue_get_date_updated      (LiaisonTwilioQueue *self);
const char  *liaison_twilio_queue_get_uri               (LiaisonTwilioQueue *self);

G_END_DECLS
