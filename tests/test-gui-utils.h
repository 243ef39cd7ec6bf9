/* test-gui-utils.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-application.h"
#include "liaison-window.h"

G_BEGIN_DECLS

/* liaison_test_init(), then opens the display. Returns FALSE without one. */
gboolean            liaison_gui_test_init            (int    *argc,
                                                      char ***argv);
/* TRUE if there is no display; the test case is then skipped (failed in CI). */
gboolean            liaison_gui_test_no_display      (void);

/* A registered LiaisonApplication with a keyring profile of its own
 * ("<prefix>-<pid>"), so the user's real credentials are never touched. */
LiaisonApplication *liaison_gui_test_application_new (const char *profile_prefix);

typedef gboolean (*LiaisonGuiTestCondition) (gpointer data);

/* Iterates the main context until @condition holds or @timeout_ms pass (a guard
 * against hangs, not a timing assertion). Returns whether it holds. */
gboolean            liaison_gui_test_wait_until      (LiaisonGuiTestCondition condition,
                                                      gpointer                data,
                                                      guint                   timeout_ms);
/* Waits until @window is mapped and a frame of it was painted. */
void                liaison_gui_test_wait_frame      (GtkWidget *window);
/* Also waits for adaptive widgets (AdwSqueezer, GtkRevealer) to settle. */
void                liaison_gui_test_wait_layout     (GtkWidget *window);
/* Waits for the keyring's answer about the Twilio credentials. */
void                liaison_gui_test_wait_credentials (LiaisonApplication *application);
/* Waits until @window's welcome/main/error transition has finished. */
void                liaison_gui_test_wait_view_settled (LiaisonWindow *window);
/* Makes @window show its main view, choosing "Set Up Later" on the welcome page. */
void                liaison_gui_test_show_main       (LiaisonWindow *window);

/* Renders @widget to <G_TEST_BUILDDIR>/@name, PNG. Returns the path. */
char               *liaison_gui_test_screenshot      (GtkWidget  *widget,
                                                      const char *name);

/* The first descendant of @widget (itself included) of @type, or NULL. */
GtkWidget          *liaison_gui_test_find_child      (GtkWidget *widget,
                                                      GType      type);
/* How many descendants of @widget are of @type. */
guint               liaison_gui_test_count_children  (GtkWidget *widget,
                                                      GType      type);

G_END_DECLS
