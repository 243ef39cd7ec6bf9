/* liaison-templates-window.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TEMPLATES_WINDOW (liaison_templates_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTemplatesWindow, liaison_templates_window, LIAISON, TEMPLATES_WINDOW, AdwWindow)

/* "Manage Templates": the list of message templates in the application's
 * store, with add, edit and delete. A handful of templates, so a boxed list.
 * Signal "changed" (): a template was added, edited or deleted. */
GtkWidget *liaison_templates_window_new (void);

G_END_DECLS
