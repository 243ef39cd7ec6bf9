/* liaison-clock.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CLOCK (liaison_clock_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonClock, liaison_clock, LIAISON, CLOCK, GObject)

/* Time and timers for code that waits (retry backoff, rate limiting), so tests
 * can replace real time. The system clock uses g_get_real_time() and
 * g_timeout_add(); a fake clock only moves when told to. */
LiaisonClock *liaison_clock_new_system        (void);
LiaisonClock *liaison_clock_new_fake          (gint64        start_usec);
gboolean      liaison_clock_is_fake           (LiaisonClock *self);

/* Microseconds since the Unix epoch (UTC). */
gint64        liaison_clock_get_now_usec      (LiaisonClock *self);

/* Calls @func once, @delay_usec from now; returns an id > 0 for
 * liaison_clock_remove_timeout(). @notify frees @data after the call or removal. */
guint         liaison_clock_add_timeout       (LiaisonClock   *self,
                                               gint64          delay_usec,
                                               GSourceFunc     func,
                                               gpointer        data,
                                               GDestroyNotify  notify);
void          liaison_clock_remove_timeout    (LiaisonClock   *self,
                                               guint           id);

/* Fake clock only. Moves time forward by @usec, firing due timers in order
 * (each one with the clock set to its deadline). */
void          liaison_clock_advance           (LiaisonClock *self,
                                               gint64        usec);
/* Fake clock only: number of pending timers, and the delay of the earliest one
 * as it was requested (-1 when none). */
guint         liaison_clock_get_n_pending     (LiaisonClock *self);
gint64        liaison_clock_get_next_delay    (LiaisonClock *self);
/* Fake clock only: when TRUE, whenever a timer is pending and the main
 * context is idle, time jumps to the earliest deadline. Each delay so
 * waited is recorded; see liaison_clock_get_waits(). */
void          liaison_clock_set_auto_advance  (LiaisonClock *self,
                                               gboolean      auto_advance);
/* Fake clock only: the requested delay (µs, gint64) of every timer that fired. */
GArray       *liaison_clock_get_waits         (LiaisonClock *self);

G_END_DECLS
