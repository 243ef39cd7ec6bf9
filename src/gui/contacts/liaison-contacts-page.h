/* liaison-contacts-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACTS_PAGE (liaison_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactsPage, liaison_contacts_page, LIAISON, CONTACTS_PAGE, AdwBin)

GtkWidget *liaison_contacts_page_new (void);

G_END_DECLS
