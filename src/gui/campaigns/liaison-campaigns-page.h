/* liaison-campaigns-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CAMPAIGNS_PAGE (liaison_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCampaignsPage, liaison_campaigns_page, LIAISON, CAMPAIGNS_PAGE, AdwBin)

GtkWidget *liaison_campaigns_page_new (void);

G_END_DECLS
