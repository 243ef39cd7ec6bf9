/* liaison-thread-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-thread.h"

G_BEGIN_DECLS

/* The columns _liaison_thread_new_from_stmt() reads, in order, from a query on
 * threads "t" LEFT JOIN contacts "c" LEFT JOIN messages "m" (the last message). */
#define LIAISON_THREAD_COLUMNS \
  "t.id, t.our_number, t.remote_number, t.contact_id, c.display_name, t.last_time, " \
  "t.last_message_id, substr(m.body, 1, 200), m.direction, m.status, t.unread_count, t.archived"
#define LIAISON_THREAD_N_COLUMNS 12

LiaisonThread *_liaison_thread_new_from_stmt (sqlite3_stmt *stmt,
                                              int           first_column);

G_END_DECLS
