/* liaison-message-text.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_MESSAGE_TEXT (liaison_message_text_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMessageText, liaison_message_text, LIAISON, MESSAGE_TEXT, GtkWidget)

GtkWidget *liaison_message_text_new       (void);
void       liaison_message_text_set_text  (LiaisonMessageText *self,
                                           const char         *text,
                                           const char         *markup);
GtkLabel  *liaison_message_text_get_label (LiaisonMessageText *self);

G_END_DECLS
