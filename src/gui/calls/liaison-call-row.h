/* liaison-call-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-call.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALL_ROW (liaison_call_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallRow, liaison_call_row, LIAISON, CALL_ROW, AdwBin)

/* A call in the history: direction, who, outcome (missed ones highlighted),
 * recording and voicemail marks, time, and quick actions (text the number,
 * open the contact). */
GtkWidget   *liaison_call_row_new      (void);
void         liaison_call_row_set_call (LiaisonCallRow *self,
                                        LiaisonCall    *call);
LiaisonCall *liaison_call_row_get_call (LiaisonCallRow *self);

G_END_DECLS
