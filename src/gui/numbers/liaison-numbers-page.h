/* liaison-numbers-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_NUMBERS_PAGE (liaison_numbers_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonNumbersPage, liaison_numbers_page, LIAISON, NUMBERS_PAGE, AdwBin)

GtkWidget *liaison_numbers_page_new (void);

G_END_DECLS
