/* liaison-renderer.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean    liaison_renderer_is_software      (const char *gl_renderer);
gboolean    liaison_renderer_gpu_present      (const char *dev_dir);
gboolean    liaison_renderer_choose_early     (const char *dev_dir);
gboolean    liaison_renderer_choose           (GdkDisplay *display);
const char *liaison_renderer_get_probed       (void);

G_END_DECLS
