/* liaison-paths.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The per-profile data folder: $XDG_DATA_HOME/liaison (or liaison-devel for
 * the development profile). LIAISON_DATA_DIR overrides it (tests, benchmarks,
 * the demo profile). Not created. */
const char *liaison_paths_get_data_dir      (void);
/* A profile kept inside the data folder, such as the demo's: <data dir>/@name.
 * (Computed without the profile itself.) */
char       *liaison_paths_get_profile_dir   (const char *name);
/* Makes @dir the data folder; only before liaison_paths_get_data_dir() is
 * first called. */
void        liaison_paths_use_profile_dir   (const char *dir);
/* Caches that can be fetched again: <data dir>/cache for a profile of its own
 * (LIAISON_DATA_DIR or liaison_paths_use_profile_dir()), else
 * $XDG_CACHE_HOME/<name of the data folder>. Not created. */
char       *liaison_paths_get_cache_dir     (void);
/* <data dir>/liaison.db */
char       *liaison_paths_get_database_path (void);
/* Creates the data folder with mode 0700 if needed. */
gboolean    liaison_paths_ensure_data_dir   (GError **error);

G_END_DECLS
