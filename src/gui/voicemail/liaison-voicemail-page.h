/* liaison-voicemail-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_VOICEMAIL_PAGE (liaison_voicemail_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonVoicemailPage, liaison_voicemail_page, LIAISON, VOICEMAIL_PAGE, AdwBin)

/* Voicemail, newest first (GtkListView, keyset paged from the store): the
 * caller, when, how long, the start of the transcript; play in place (the
 * recording downloads on demand), call back, text back, mark handled; only
 * those not handled yet, if asked. New voicemails from the relay appear as
 * they arrive. */
GtkWidget  *liaison_voicemail_page_new              (void);
/* The voicemails shown (a GListModel of LiaisonVoicemail). */
GListModel *liaison_voicemail_page_get_voicemails   (LiaisonVoicemailPage *self);
void        liaison_voicemail_page_set_unhandled_only (LiaisonVoicemailPage *self,
                                                     gboolean              unhandled_only);
void        liaison_voicemail_page_reload           (LiaisonVoicemailPage *self);
/* What a row's buttons do, for tests. */
void        liaison_voicemail_page_set_handled      (LiaisonVoicemailPage *self,
                                                     gint64                voicemail_id,
                                                     gboolean              handled);
void        liaison_voicemail_page_play             (LiaisonVoicemailPage *self,
                                                     gint64                voicemail_id);
/* The voicemail being played (0: none), and the player. */
gint64      liaison_voicemail_page_get_playing_id   (LiaisonVoicemailPage *self);
GObject    *liaison_voicemail_page_get_player       (LiaisonVoicemailPage *self);

G_END_DECLS
