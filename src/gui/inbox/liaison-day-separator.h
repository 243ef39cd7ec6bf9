/* liaison-day-separator.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_DAY_SEPARATOR (liaison_day_separator_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonDaySeparator, liaison_day_separator, LIAISON, DAY_SEPARATOR, GObject)

/* An item of the conversation's list before the first message of a day. */
LiaisonDaySeparator *liaison_day_separator_new      (gint64               time);
/* A time within that day (microseconds, UTC): the first message's. */
gint64               liaison_day_separator_get_time (LiaisonDaySeparator *self);

G_END_DECLS
