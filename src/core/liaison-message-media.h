/* liaison-message-media.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_MESSAGE_MEDIA (liaison_message_media_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMessageMedia, liaison_message_media, LIAISON, MESSAGE_MEDIA, GObject)

/* One media item (picture, audio, vCard…) of a stored MMS. Immutable: the
 * store hands out a new object once it changed (for instance once the file
 * was downloaded). */
gint64      liaison_message_media_get_id           (LiaisonMessageMedia *self);
gint64      liaison_message_media_get_message_id   (LiaisonMessageMedia *self);
/* Twilio's media SID ("ME…"), or NULL. */
const char *liaison_message_media_get_sid          (LiaisonMessageMedia *self);
/* "image/jpeg", "video/mp4", "text/vcard", … */
const char *liaison_message_media_get_content_type (LiaisonMessageMedia *self);
/* Where Twilio serves the content, or NULL. */
const char *liaison_message_media_get_url          (LiaisonMessageMedia *self);
/* The downloaded copy, or NULL while it was not downloaded. */
const char *liaison_message_media_get_local_path   (LiaisonMessageMedia *self);
/* Size in bytes, -1 when not known. */
gint64      liaison_message_media_get_size         (LiaisonMessageMedia *self);
/* TRUE for image/… content types. */
gboolean    liaison_message_media_is_image         (LiaisonMessageMedia *self);

G_END_DECLS
