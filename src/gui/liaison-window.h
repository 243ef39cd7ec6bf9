/* liaison-window.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-application.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_WINDOW (liaison_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWindow, liaison_window, LIAISON, WINDOW, AdwApplicationWindow)

LiaisonWindow *liaison_window_new        (LiaisonApplication *application);

/* The name of the page shown in the content pane: "inbox", "contacts", … */
const char    *liaison_window_get_page   (LiaisonWindow *self);
/* What the window shows as a whole: "main", "welcome" or "error". */
const char    *liaison_window_get_view   (LiaisonWindow *self);
/* Takes ownership of @toast, as adw_toast_overlay_add_toast() does. */
void           liaison_window_add_toast  (LiaisonWindow *self,
                                          AdwToast      *toast);

/* The page names, in sidebar order, NULL-terminated. */
const char * const *liaison_window_get_page_names (void);
void           liaison_window_compose    (LiaisonWindow *self,
                                          const char    *number,
                                          const char    *body);

G_END_DECLS
