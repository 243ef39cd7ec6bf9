/* liaison-voicemail-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-voicemail.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_VOICEMAIL_ROW (liaison_voicemail_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonVoicemailRow, liaison_voicemail_row, LIAISON, VOICEMAIL_ROW, AdwBin)

/* A voicemail in the list: who called and when, how long, the start of its
 * transcript, Play/Pause in place, Call Back, Text Back and Handled. It
 * asks the page through signals: "play" (the voicemail) and "handled"
 * (the voicemail, the new state). */
GtkWidget        *liaison_voicemail_row_new           (void);
void              liaison_voicemail_row_set_voicemail (LiaisonVoicemailRow *self,
                                                       LiaisonVoicemail    *voicemail);
LiaisonVoicemail *liaison_voicemail_row_get_voicemail (LiaisonVoicemailRow *self);
/* Whether this row's recording is the one playing (the button shows Pause). */
void              liaison_voicemail_row_set_playing   (LiaisonVoicemailRow *self,
                                                       gboolean             playing);

G_END_DECLS
