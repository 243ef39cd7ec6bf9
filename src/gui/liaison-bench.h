/* liaison-bench.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Remembers the time main() started, as a fallback when /proc is unreadable. */
void liaison_bench_mark_main_start       (void);

/* After @window's first painted frame, prints liaison-first-frame-ms (since the
 * process started), liaison-rss-kb and liaison-hwm-kb on stdout, then quits the
 * application. Used when LIAISON_BENCH_FIRST_FRAME=1. */
void liaison_bench_report_first_frame    (GtkWindow *window);

/* Milliseconds since the process started (from /proc/self/stat), or since
 * liaison_bench_mark_main_start() when /proc is not available. */
double liaison_bench_get_process_age_ms  (void);

G_END_DECLS
