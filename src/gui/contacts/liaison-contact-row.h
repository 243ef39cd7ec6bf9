/* liaison-contact-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_ROW (liaison_contact_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactRow, liaison_contact_row, LIAISON, CONTACT_ROW, GtkWidget)

/* One line of the contacts list: name (or number), company, stage, kind,
 * "Opted out" and "Bad number" badges and a menu of quick actions
 * ("contacts.*" actions of the page, with the contact's id). Recycled by the
 * list view: set the contact on bind. */
GtkWidget      *liaison_contact_row_new         (void);
LiaisonContact *liaison_contact_row_get_contact (LiaisonContactRow *self);
void            liaison_contact_row_set_contact (LiaisonContactRow *self,
                                                 LiaisonContact    *contact);

/* Shared with the card: the title to show for @contact (its name, or its
 * number formatted for display) and the quick-action menu for it. */
char           *liaison_contact_dup_title       (LiaisonContact    *contact);
const char     *liaison_contact_kind_to_label   (const char        *kind);
GMenuModel     *liaison_contact_build_menu      (LiaisonContact    *contact,
                                                 const char * const *stages);

G_END_DECLS
