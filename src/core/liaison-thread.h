/* liaison-thread.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_THREAD (liaison_thread_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonThread, liaison_thread, LIAISON, THREAD, GObject)

/* A conversation between one of our Twilio numbers and one remote number, as
 * shown in the thread list: a snapshot with the last message's preview and
 * the unread count. Immutable; the store hands out a new object on change. */
gint64      liaison_thread_get_id                   (LiaisonThread *self);
const char *liaison_thread_get_our_number           (LiaisonThread *self);
const char *liaison_thread_get_remote_number        (LiaisonThread *self);
/* 0 when the remote number belongs to no contact. */
gint64      liaison_thread_get_contact_id           (LiaisonThread *self);
/* The contact's display name, or NULL when there is no contact. */
const char *liaison_thread_get_contact_name         (LiaisonThread *self);
/* Time of the newest message (microseconds, UTC); the thread's creation time
 * when it has no message. */
gint64      liaison_thread_get_last_time            (LiaisonThread *self);
/* 0 when the thread has no message. */
gint64      liaison_thread_get_last_message_id      (LiaisonThread *self);
/* The start of the newest message's body (at most 200 characters), or NULL. */
const char *liaison_thread_get_last_message_preview (LiaisonThread *self);
const char *liaison_thread_get_last_direction       (LiaisonThread *self);
const char *liaison_thread_get_last_status          (LiaisonThread *self);
guint       liaison_thread_get_unread_count         (LiaisonThread *self);
gboolean    liaison_thread_get_archived             (LiaisonThread *self);

G_END_DECLS
