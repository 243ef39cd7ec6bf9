/* liaison-voicemail.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_VOICEMAIL (liaison_voicemail_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonVoicemail, liaison_voicemail, LIAISON, VOICEMAIL, GObject)

/* A voicemail as stored, for the voicemail list. Immutable. */
gint64       liaison_voicemail_get_id                 (LiaisonVoicemail *self);
const char  *liaison_voicemail_get_call_sid           (LiaisonVoicemail *self);
/* NULL until the recording is known. */
const char  *liaison_voicemail_get_recording_sid      (LiaisonVoicemail *self);
const char  *liaison_voicemail_get_from               (LiaisonVoicemail *self);
const char  *liaison_voicemail_get_to                 (LiaisonVoicemail *self);
/* 0 when the number matches no contact. */
gint64       liaison_voicemail_get_contact_id         (LiaisonVoicemail *self);
/* The contact's display name, or NULL. */
const char  *liaison_voicemail_get_contact_name       (LiaisonVoicemail *self);
/* When it was left (microseconds since the Unix epoch, UTC). */
gint64       liaison_voicemail_get_created_at         (LiaisonVoicemail *self);
/* Seconds, or -1 when not known. */
int          liaison_voicemail_get_duration_s         (LiaisonVoicemail *self);
/* The start of its transcript, or NULL. */
const char  *liaison_voicemail_get_transcript_preview (LiaisonVoicemail *self);
gboolean     liaison_voicemail_get_is_heard           (LiaisonVoicemail *self);
/* When it was marked handled, or 0. */
gint64       liaison_voicemail_get_handled_at         (LiaisonVoicemail *self);
gboolean     liaison_voicemail_is_handled             (LiaisonVoicemail *self);

G_END_DECLS
