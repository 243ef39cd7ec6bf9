/* liaison-contact-card.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_CARD (liaison_contact_card_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactCard, liaison_contact_card, LIAISON, CONTACT_CARD, AdwBin)

/* One contact: numbers with their badges, details, consent with its latest
 * ledger event (and buttons to record a revocation or an opt-in), quick
 * actions ("contacts.*" of the page) and the history (a GtkListView). */
GtkWidget      *liaison_contact_card_new          (void);
void            liaison_contact_card_set_store    (LiaisonContactCard *self,
                                                   LiaisonStore       *store);
LiaisonContact *liaison_contact_card_get_contact  (LiaisonContactCard *self);
void            liaison_contact_card_set_contact  (LiaisonContactCard *self,
                                                   LiaisonContact     *contact);
/* The timeline items loaded so far (LiaisonTimelineItem). */
GListModel     *liaison_contact_card_get_timeline (LiaisonContactCard *self);
/* Reads the contact's follow-up sequences again (after enrolling them). */
void            liaison_contact_card_reload_sequences (LiaisonContactCard *self);

G_END_DECLS
