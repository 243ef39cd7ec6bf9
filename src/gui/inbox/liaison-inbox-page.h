/* liaison-inbox-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_INBOX_PAGE (liaison_inbox_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonInboxPage, liaison_inbox_page, LIAISON, INBOX_PAGE, AdwBin)

GtkWidget *liaison_inbox_page_new (void);

G_END_DECLS
