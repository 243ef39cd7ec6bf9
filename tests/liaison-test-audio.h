/* liaison-test-audio.h: test audio made with GStreamer
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the GStreamer pipeline @description (ending in an encoder or muxer,
 * e.g. "audiotestsrc num-buffers=10 ! wavenc") into a filesink writing
 * @path, until EOS. Asserts success. */
void liaison_test_audio_write (const char *description,
                               const char *path);

G_END_DECLS
