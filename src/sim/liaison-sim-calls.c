/* liaison-sim-calls.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"

/* Calls, TwiML execution, Conferences and Queues (TWILIO.md §3). */

const SimModule sim_voice_module = {
  .name = "voice",
};
