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

GtkWidget *liaison_voicemail_page_new (void);

G_END_DECLS
