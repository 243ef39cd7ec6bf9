/* liaison-about.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the About window shows, read from the AppStream metainfo. */
typedef struct
{
  char *name;
  char *summary;
  char *developer_name;
  char *version;         /* of the first <release> */
  char *release_notes;   /* its <description>, as AppStream markup, or NULL */
  char *homepage;
  char *issue_url;
  char *license;         /* SPDX expression from <project_license> */
} LiaisonAboutInfo;

void              liaison_about_info_free          (LiaisonAboutInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonAboutInfo, liaison_about_info_free)

/* Parses AppStream metainfo. Untranslated values are taken (no xml:lang). */
LiaisonAboutInfo *liaison_about_info_parse         (const char  *data,
                                                    gssize       length,
                                                    GError     **error);
/* Parses the metainfo bundled at RESOURCE_BASE_PATH/metainfo.xml. */
LiaisonAboutInfo *liaison_about_info_load_bundled  (GError     **error);

/* Versions of the libraries, the profile and the data folder, for bug reports. */
char             *liaison_about_get_debug_info     (void);

/* A new AdwAboutWindow filled from the bundled metainfo, transient for @parent. */
GtkWidget        *liaison_about_window_new         (GtkWindow   *parent,
                                                    GError     **error);

G_END_DECLS
