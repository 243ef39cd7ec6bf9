/* liaison-message.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_MESSAGE (liaison_message_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMessage, liaison_message, LIAISON, MESSAGE, GObject)

/* One stored SMS/MMS. Immutable: a changed message is a new object from the store.
 * Times are microseconds since the Unix epoch, UTC; 0 means "not known". */
gint64      liaison_message_get_id            (LiaisonMessage *self);
/* Twilio's SID ("SM…"/"MM…"), or NULL while a send has not been answered yet. */
const char *liaison_message_get_sid           (LiaisonMessage *self);
gint64      liaison_message_get_thread_id     (LiaisonMessage *self);
/* Twilio's direction: "inbound", "outbound-api", "outbound-call" or "outbound-reply". */
const char *liaison_message_get_direction     (LiaisonMessage *self);
gboolean    liaison_message_is_inbound        (LiaisonMessage *self);
const char *liaison_message_get_from          (LiaisonMessage *self);
const char *liaison_message_get_to            (LiaisonMessage *self);
const char *liaison_message_get_body          (LiaisonMessage *self);
/* Twilio's status: "queued", "sent", "delivered", "undelivered", "failed", "received", … */
const char *liaison_message_get_status        (LiaisonMessage *self);
/* Twilio error code, 0 when none. */
int         liaison_message_get_error_code    (LiaisonMessage *self);
const char *liaison_message_get_error_message (LiaisonMessage *self);
guint       liaison_message_get_num_segments  (LiaisonMessage *self);
guint       liaison_message_get_num_media     (LiaisonMessage *self);
gint64      liaison_message_get_date_created  (LiaisonMessage *self);
gint64      liaison_message_get_date_sent     (LiaisonMessage *self);
gint64      liaison_message_get_date_updated  (LiaisonMessage *self);
/* When a scheduled send is due (µs UTC), 0 when it is not scheduled. */
gint64      liaison_message_get_date_scheduled (LiaisonMessage *self);
gboolean    liaison_message_get_is_read       (LiaisonMessage *self);

G_END_DECLS
