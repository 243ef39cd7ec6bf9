/* liaison-message-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-message.h"

G_BEGIN_DECLS

/* The columns _liaison_message_new_from_stmt() reads, in order, from a query
 * that names the messages table "m". */
#define LIAISON_MESSAGE_COLUMNS \
  "m.id, m.sid, m.thread_id, m.direction, m.from_number, m.to_number, m.body, " \
  "m.status, m.error_code, m.error_message, m.num_segments, m.num_media, " \
  "m.created_at, m.sent_at, m.updated_at, m.is_read"
#define LIAISON_MESSAGE_N_COLUMNS 16

LiaisonMessage *_liaison_message_new_from_stmt (sqlite3_stmt *stmt,
                                                int           first_column);
/* For queries that also read messages.scheduled_at (0 is none). */
void            _liaison_message_set_date_scheduled (LiaisonMessage *self,
                                                     gint64          date_scheduled);

G_END_DECLS
