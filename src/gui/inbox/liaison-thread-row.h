/* liaison-thread-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-thread.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_THREAD_ROW (liaison_thread_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonThreadRow, liaison_thread_row, LIAISON, THREAD_ROW, GtkWidget)

/* One line of the thread list: name or number, the last message's preview,
 * its time, the unread count and the last outbound message's status. Recycled
 * by the list view: set another thread to reuse it. */
GtkWidget     *liaison_thread_row_new        (void);
void           liaison_thread_row_set_thread (LiaisonThreadRow *self,
                                              LiaisonThread    *thread);
LiaisonThread *liaison_thread_row_get_thread (LiaisonThreadRow *self);

G_END_DECLS
