/* liaison-campaigns-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-sequence.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CAMPAIGNS_PAGE (liaison_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCampaignsPage, liaison_campaigns_page, LIAISON, CAMPAIGNS_PAGE, AdwBin)

/* Follow-up sequences: the list (name, what starts it, how many texts,
 * who is in it, on or off), and a sequence's page: its texts and waits, the
 * people in it and where each is (Stop for one person), Edit, Delete. The
 * page follows the application's store and sequence runner; tests may set
 * a store of their own. */
GtkWidget  *liaison_campaigns_page_new             (void);
void        liaison_campaigns_page_set_store       (LiaisonCampaignsPage *self,
                                                    LiaisonStore         *store);
void        liaison_campaigns_page_reload          (LiaisonCampaignsPage *self);
/* The sequences shown (LiaisonSequence), and the people of the one open
 * (LiaisonSequenceEnrollment). */
GListModel *liaison_campaigns_page_get_sequences   (LiaisonCampaignsPage *self);
GListModel *liaison_campaigns_page_get_enrollments (LiaisonCampaignsPage *self);
/* Opens a sequence's page (0: back to the list). */
void        liaison_campaigns_page_open_sequence   (LiaisonCampaignsPage *self,
                                                    gint64                sequence_id);
gint64      liaison_campaigns_page_get_open_id     (LiaisonCampaignsPage *self);
/* Whether no read is under way (tests wait for it). */
gboolean    liaison_campaigns_page_is_loaded       (LiaisonCampaignsPage *self);

G_END_DECLS
