/* liaison-rate-limiter.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-clock.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_RATE_LIMITER (liaison_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRateLimiter, liaison_rate_limiter, LIAISON, RATE_LIMITER, GObject)

/* Paces message sends per sender (a token bucket with a burst of 1: a US long
 * code sends about one segment per second) and caps the number of concurrent
 * requests on the account. Waiters are served in order. All waits go through
 * the LiaisonClock, so tests drive it with a fake clock. */
#define LIAISON_RATE_LIMITER_DEFAULT_RATE           1.0
#define LIAISON_RATE_LIMITER_DEFAULT_MAX_CONCURRENT 8

LiaisonRateLimiter *liaison_rate_limiter_new                (LiaisonClock *clock);
LiaisonClock       *liaison_rate_limiter_get_clock          (LiaisonRateLimiter *self);

/* Messages per second for senders without a rate of their own (> 0). */
void                liaison_rate_limiter_set_default_rate   (LiaisonRateLimiter *self,
                                                             double              per_second);
/* Messages per second for one sender (a number, short code or MG… service);
 * 0 returns it to the default rate. Applies from the next grant on. */
void                liaison_rate_limiter_set_rate           (LiaisonRateLimiter *self,
                                                             const char         *sender,
                                                             double              per_second);
double              liaison_rate_limiter_get_rate           (LiaisonRateLimiter *self,
                                                             const char         *sender);

/* Waits for @sender's next token. */
void                liaison_rate_limiter_acquire_async      (LiaisonRateLimiter  *self,
                                                             const char          *sender,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            liaison_rate_limiter_acquire_finish     (LiaisonRateLimiter  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* The account-wide cap on requests in flight (≥ 1). */
void                liaison_rate_limiter_set_max_concurrent (LiaisonRateLimiter *self,
                                                             guint               max_concurrent);
guint               liaison_rate_limiter_get_in_flight      (LiaisonRateLimiter *self);
/* Waits for a request slot; every successful acquire must be paired with
 * liaison_rate_limiter_release_slot(). */
void                liaison_rate_limiter_acquire_slot_async  (LiaisonRateLimiter  *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            liaison_rate_limiter_acquire_slot_finish (LiaisonRateLimiter  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void                liaison_rate_limiter_release_slot        (LiaisonRateLimiter *self);

G_END_DECLS
