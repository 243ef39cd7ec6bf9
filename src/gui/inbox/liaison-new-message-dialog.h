/* liaison-new-message-dialog.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "New Message" (Ctrl+N): asks for a number, or a contact found by name, then
 * activates win.text-number on @parent. Returns the dialog (owned by GTK). */
GtkWidget *liaison_new_message_dialog_present (GtkWindow *parent);

G_END_DECLS
