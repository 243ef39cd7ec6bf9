/* liaison-media.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises GStreamer once (thread-safe) and checks that the elements the
 * player and the waveform need are installed. FALSE with a message that
 * names the missing element (and its Debian package) otherwise. */
gboolean liaison_media_init (GError **error);

G_END_DECLS
