/* liaison-calls-format.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "liaison-call.h"

G_BEGIN_DECLS

/* How the call history shows a call. */

/* "0:42", "12:05", "1:02:03"; "" for a negative duration. */
char       *liaison_calls_format_duration  (int          seconds);
/* What became of the call in a few words: "Missed", "Busy", "No answer",
 * "Failed", "Canceled", "Ringing", "In progress", or its duration. */
char       *liaison_calls_format_outcome   (LiaisonCall *call);
/* "call-incoming-symbolic", "call-outgoing-symbolic", "call-missed-symbolic". */
const char *liaison_calls_direction_icon   (LiaisonCall *call);
/* "Incoming call", "Outgoing call", "Missed call". */
const char *liaison_calls_direction_label  (LiaisonCall *call);
/* The contact's name, else the client's number formatted for display. */
char       *liaison_calls_title            (LiaisonCall *call);

G_END_DECLS
