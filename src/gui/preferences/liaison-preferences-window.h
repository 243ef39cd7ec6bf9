/* liaison-preferences-window.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-application.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_PREFERENCES_WINDOW (liaison_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, LIAISON, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Pages: "account", "relay", "business-hours", "compliance". */
LiaisonPreferencesWindow *liaison_preferences_window_new (LiaisonApplication *application);

/* Checks used by the rows, exposed for tests. Empty text is valid where the
 * setting allows it (relay URL, time zone). */
gboolean liaison_preferences_is_valid_time      (const char *text);
gboolean liaison_preferences_is_valid_date      (const char *text);
gboolean liaison_preferences_is_valid_time_zone (const char *text);
gboolean liaison_preferences_is_valid_relay_url (const char *text);
gboolean liaison_preferences_is_valid_sender    (const char *text);
gboolean liaison_preferences_is_valid_phone     (const char *text);
gboolean liaison_preferences_is_valid_endpoint_url (const char *text);

G_END_DECLS
