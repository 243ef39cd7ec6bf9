/* liaison-message-media-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-message-media.h"

G_BEGIN_DECLS

/* The columns _liaison_message_media_new_from_stmt() reads, in order, from a
 * query that names the message_media table "mm". */
#define LIAISON_MESSAGE_MEDIA_COLUMNS \
  "mm.id, mm.message_id, mm.sid, mm.content_type, mm.url, mm.local_path, mm.size_bytes"
#define LIAISON_MESSAGE_MEDIA_N_COLUMNS 7

LiaisonMessageMedia *_liaison_message_media_new_from_stmt (sqlite3_stmt *stmt,
                                                           int           first_column);

G_END_DECLS
