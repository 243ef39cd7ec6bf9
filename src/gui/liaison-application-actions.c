/* liaison-application-actions.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-application-actions"

#include "config.h"

#include "liaison-about.h"
#include "liaison-application-private.h"
#include "liaison-preferences-window.h"
#include "liaison-window.h"

#include <glib/gi18n.h>

static void
liaison_application_actions_quit (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing lets each window save its size and page first. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (GTK_WINDOW (iter->data));

  g_application_quit (G_APPLICATION (self));
}

static void
spawn_self (const char *argument)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { exe != NULL ? exe : "liaison", argument, NULL };

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      exe != NULL ? G_SPAWN_DEFAULT : G_SPAWN_SEARCH_PATH,
                      NULL, NULL, NULL, &error))
    g_warning ("Could not start Liaison: %s", error->message);
}

/* The demo next to this instance (the welcome page, the desktop file's
 * "Try the Demo"). */
static void
liaison_application_actions_demo (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  LiaisonApplication *self = user_data;

  if (liaison_application_get_demo_mode (self))
    return;

  spawn_self ("--demo");
}

/* Back to the real profile: a fresh `liaison`, then the demo quits (its
 * services stop with it). */
static void
liaison_application_actions_leave_demo (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  LiaisonApplication *self = user_data;

  if (!liaison_application_get_demo_mode (self))
    return;

  spawn_self (NULL);
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

static void
liaison_application_actions_preferences (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LiaisonPreferencesWindow *preferences;

  preferences = liaison_preferences_window_new (self);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
liaison_application_actions_about (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  GtkWidget *about;

  about = liaison_about_window_new (parent, &error);
  if (about == NULL)
    {
      g_warning ("Could not build the About window: %s", error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (about));
}

static void
liaison_application_actions_shortcuts (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* The window to show something in: the active one, or a new one. */
GtkWindow *
_liaison_application_present_window (LiaisonApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  else
    {
      gtk_window_present (window);
    }

  return window;
}

/* From a notification: show the thread. */
static void
liaison_application_actions_open_thread (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *window = _liaison_application_present_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-thread", "x",
                                g_variant_get_int64 (param));
}

/* From a notification's Reply button. GLib 2.74's GNotification has no
 * inline reply, so the thread opens with the composer focused. */
static void
liaison_application_actions_reply_thread (GSimpleAction *action,
                                          GVariant      *param,
                                          gpointer       user_data)
{
  liaison_application_actions_open_thread (action, param, user_data);
}

/* From a notification about an unknown number. */
static void
liaison_application_actions_add_contact (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *window = _liaison_application_present_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.add-contact", "s",
                                g_variant_get_string (param, NULL));
}

/* From a voicemail notification: the Voicemail page. */
static void
liaison_application_actions_show_voicemail (GSimpleAction *action,
                                            GVariant      *param,
                                            gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *window = _liaison_application_present_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "voicemail");
}

/* From a voicemail notification's Call Back button. */
static void
liaison_application_actions_call_number (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *window = _liaison_application_present_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.call-number", "s",
                                g_variant_get_string (param, NULL));
}

static const GActionEntry app_entries[] = {
  { "quit", liaison_application_actions_quit },
  { "preferences", liaison_application_actions_preferences },
  { "about", liaison_application_actions_about },
  { "shortcuts", liaison_application_actions_shortcuts },
  { "open-thread", liaison_application_actions_open_thread, "x" },
  { "reply-thread", liaison_application_actions_reply_thread, "x" },
  { "add-contact", liaison_application_actions_add_contact, "s" },
  { "show-voicemail", liaison_application_actions_show_voicemail },
  { "call-number", liaison_application_actions_call_number, "s" },
  { "demo", liaison_application_actions_demo },
  { "leave-demo", liaison_application_actions_leave_demo },
};

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.show-page::inbox", { "<Control>1", NULL } },
  { "win.show-page::contacts", { "<Control>2", NULL } },
  { "win.show-page::calls", { "<Control>3", NULL } },
  { "win.show-page::voicemail", { "<Control>4", NULL } },
  { "win.show-page::numbers", { "<Control>5", NULL } },
  { "win.show-page::campaigns", { "<Control>6", NULL } },
  { "win.show-page::analytics", { "<Control>7", NULL } },
  { "win.go-back", { "<Alt>Left", NULL } },
};

void
_liaison_application_add_actions (LiaisonApplication *self)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "leave-demo")),
                               self->demo_mode);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "demo")),
                               !self->demo_mode);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}
