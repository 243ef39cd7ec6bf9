/* liaison-message-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MESSAGE_ROW (liaison_message_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMessageRow, liaison_message_row, LIAISON, MESSAGE_ROW, AdwBin)

/* One item of a conversation: a message bubble (inbound on the left,
 * outbound on the right, with its time, delivery status and, for failures,
 * what went wrong in plain words) or a day separator. Recycled by the list
 * view: set another item to reuse it. */
GtkWidget *liaison_message_row_new        (void);
/* @item is a LiaisonMessage or a LiaisonDaySeparator; @store (may be NULL)
 * gives the media of an MMS. */
void       liaison_message_row_set_item   (LiaisonMessageRow *self,
                                           GObject           *item,
                                           LiaisonStore      *store);
GObject   *liaison_message_row_get_item   (LiaisonMessageRow *self);
/* The message's id, 0 for a day separator or no item. */
gint64     liaison_message_row_get_message_id (LiaisonMessageRow *self);

/* Shared styles of the inbox (bubbles, badges), installed once per display. */
void       liaison_message_row_ensure_style (void);

G_END_DECLS
