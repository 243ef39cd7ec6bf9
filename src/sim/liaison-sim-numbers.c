/* liaison-sim-numbers.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"

/* Phone numbers: search, purchase, porting and Lookup (TWILIO.md §5). */

const SimModule sim_numbers_module = {
  .name = "numbers",
};
