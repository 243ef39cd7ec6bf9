/* liaison-sim-recordings.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"

/* Recordings, transcriptions and Voice Intelligence (TWILIO.md §4). */

char *
sim_recording_create (LiaisonSimServer       *self,
                      SimAccount             *account,
                      const SimRecordingSpec *spec)
{
  return NULL;
}

const SimModule sim_recordings_module = {
  .name = "recordings",
};
