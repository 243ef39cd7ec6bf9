/* liaison-analytics-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_ANALYTICS_PAGE (liaison_analytics_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAnalyticsPage, liaison_analytics_page, LIAISON, ANALYTICS_PAGE, AdwBin)

GtkWidget *liaison_analytics_page_new (void);

G_END_DECLS
