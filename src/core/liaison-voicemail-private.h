/* liaison-voicemail-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-voicemail.h"

G_BEGIN_DECLS

/* Reads the columns of LIAISON_STORE_VOICEMAIL_COLUMNS (liaison-store-calls.c)
 * from @first_column on. */
LiaisonVoicemail *_liaison_voicemail_new_from_stmt (sqlite3_stmt *stmt,
                                                    int           first_column);

G_END_DECLS
