/* liaison-calls-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CALLS_PAGE (liaison_calls_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallsPage, liaison_calls_page, LIAISON, CALLS_PAGE, AdwBin)

GtkWidget *liaison_calls_page_new (void);

G_END_DECLS
