/* liaison-contacts-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACTS_PAGE (liaison_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactsPage, liaison_contacts_page, LIAISON, CONTACTS_PAGE, AdwBin)

/* The CRM page: a searchable, filterable list of contacts paged from the
 * store (GtkListView), a contact card, editing, CSV/vCard import and CSV
 * export. Quick actions live in the "contacts" action group (text,
 * open-thread, copy-number, move-to-stage, edit, delete, new, import,
 * export; call and enroll exist but are disabled for now). The store comes
 * from the application once it is open, or from
 * liaison_contacts_page_set_store(). */
GtkWidget  *liaison_contacts_page_new           (void);
void        liaison_contacts_page_set_store     (LiaisonContactsPage *self,
                                                 LiaisonStore        *store);
/* Loads the contact and shows its card (win.show-contact). */
void        liaison_contacts_page_show_contact  (LiaisonContactsPage *self,
                                                 gint64               contact_id);
/* Writes the listed contacts (current search and filters) as CSV to @file,
 * asynchronously; a toast says when it is done. */
void        liaison_contacts_page_export_to_file (LiaisonContactsPage *self,
                                                  GFile               *file);
/* The pipeline stages in use (for Move to Stage menus), or NULL. */
const char * const *liaison_contacts_page_get_stages (LiaisonContactsPage *self);
/* The list's model (LiaisonContact items), for tests. */
GListModel *liaison_contacts_page_get_model     (LiaisonContactsPage *self);

G_END_DECLS
