/* liaison-application-demo.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `liaison --demo`: the whole product on a fresh machine without a Twilio
 * account. A profile of its own (folder, keyring items, settings in memory),
 * liaison-sim and liaison-relay as child processes, a seeded book, and
 * inbound texts and calls every so often. */

#define G_LOG_DOMAIN "liaison-application"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-application-private.h"
#include "liaison-demo-book.h"
#include "liaison-paths.h"

#define DEMO_PROFILE "demo"

gboolean
liaison_application_get_demo_mode (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), FALSE);

  return self->demo_mode;
}

LiaisonDemo *
liaison_application_get_demo (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->demo;
}

LiaisonDemoActivity *
liaison_application_get_demo_activity (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->demo_activity;
}

void
liaison_application_set_demo_mode (LiaisonApplication *self,
                                   gboolean            keep_secret_profile)
{
  g_autofree char *dir = NULL;

  g_return_if_fail (LIAISON_IS_APPLICATION (self));
  g_return_if_fail (self->settings == NULL);

  if (self->demo_mode)
    return;

  self->demo_mode = TRUE;
  if (!keep_secret_profile)
    {
      g_free (self->secret_profile);
      self->secret_profile = g_strdup (DEMO_PROFILE);
    }

  /* Its own folder (database, caches, the services' state), inside the
   * data folder, so that the real profile is never touched. */
  dir = liaison_paths_get_profile_dir (DEMO_PROFILE);
  liaison_paths_use_profile_dir (dir);
  self->demo = liaison_demo_new (dir);
}

/* Start: services, then settings and keyring, then the store and the book. */

static void
demo_fail (LiaisonApplication *self,
           GError             *error)
{
  g_autoptr(GError) owned = error;

  g_warning ("The demo could not start: %s", owned->message);
  liaison_demo_stop (self->demo);
  _liaison_application_demo_failed (self,
    g_error_new (owned->domain, owned->code, _("The demo could not start: %s"), owned->message));
}

static void
relay_token_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_secret_store_save_relay_token_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The demo still works: the token is handed to the relay client
       * directly once it exists. */
      g_warning ("Could not save the demo’s relay token in the keyring: %s", error->message);
      self->demo_keyring_failed = TRUE;
    }

  _liaison_application_demo_ready (self);
}

static void
credentials_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_secret_store_save_twilio_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save the demo’s credentials in the keyring: %s", error->message);
      self->demo_keyring_failed = TRUE;
    }

  liaison_secret_store_save_relay_token_async (self->secret_store,
                                               liaison_demo_get_relay_token (self->demo),
                                               self->cancellable,
                                               relay_token_saved_cb,
                                               g_object_ref (self));
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonDemo *demo = LIAISON_DEMO (object);

  if (!liaison_demo_start_finish (demo, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        demo_fail (self, g_steal_pointer (&error));
      return;
    }

  /* Every Twilio product the client talks to is the simulator. */
  liaison_twilio_client_set_api_base (self->twilio_client, liaison_demo_get_sim_url (demo));

  /* Settings as Preferences would leave them for this account. */
  g_settings_set_string (self->settings, "relay-url", liaison_demo_get_relay_url (demo));
  g_settings_set_string (self->settings, "sender-number", LIAISON_DEMO_OUR_NUMBER);
  g_settings_set_string (self->settings, "advisor-phone", LIAISON_DEMO_ADVISOR_PHONE);
  g_settings_set_string (self->settings, "advisor-name", LIAISON_DEMO_ADVISOR_NAME);
  g_settings_set_string (self->settings, "firm-name", LIAISON_DEMO_FIRM_NAME);

  credentials = liaison_twilio_credentials_new_auth_token (liaison_demo_get_account_sid (demo),
                                                           liaison_demo_get_auth_token (demo));
  liaison_secret_store_save_twilio_async (self->secret_store, credentials,
                                          self->cancellable,
                                          credentials_saved_cb,
                                          g_object_ref (self));
}

void
_liaison_application_start_demo (LiaisonApplication *self)
{
  g_assert (self->demo != NULL);

  g_info ("Starting the demo in %s", liaison_demo_get_dir (self->demo));
  liaison_demo_start_async (self->demo, LIAISON_DEMO_OUR_NUMBER, self->cancellable,
                            demo_started_cb, g_object_ref (self));
}

static void
book_seeded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_demo_book_seed_finish (LIAISON_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        demo_fail (self, g_steal_pointer (&error));
      return;
    }

  g_debug ("Demo book seeded");
  _liaison_application_demo_seeded (self);
}

void
_liaison_application_seed_demo (LiaisonApplication *self)
{
  /* Loopback only; the simulator answers at once or not at all. */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                                  "timeout", 30,
                                                                  NULL);

  liaison_demo_book_seed_async (self->store, session,
                                liaison_demo_get_sim_url (self->demo),
                                liaison_demo_get_account_sid (self->demo),
                                g_get_real_time (),
                                self->cancellable,
                                book_seeded_cb,
                                g_object_ref (self));
}

void
_liaison_application_start_demo_activity (LiaisonApplication *self)
{
  if (self->demo_keyring_failed && self->relay_client != NULL)
    {
      liaison_relay_client_set_token (self->relay_client, liaison_demo_get_relay_token (self->demo));
      liaison_relay_client_start (self->relay_client);
    }

  if (self->demo_activity == NULL && g_strcmp0 (g_getenv ("LIAISON_DEMO_QUIET"), "1") != 0)
    {
      self->demo_activity = liaison_demo_activity_new (self->demo, LIAISON_DEMO_OUR_NUMBER);
      liaison_demo_activity_start (self->demo_activity);
    }
}

void
_liaison_application_stop_demo (LiaisonApplication *self)
{
  if (self->demo_activity != NULL)
    liaison_demo_activity_stop (self->demo_activity);
  g_clear_object (&self->demo_activity);
  if (self->demo != NULL)
    liaison_demo_stop (self->demo);
}
