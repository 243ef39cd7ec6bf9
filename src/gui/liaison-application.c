/* liaison-application.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-application"

#include "config.h"

#include "liaison-application-private.h"
#include "liaison-bench.h"
#include "liaison-log.h"
#include "liaison-paths.h"
#include "liaison-renderer.h"
#include "liaison-sms-uri.h"
#include "liaison-tel-uri.h"
#include "liaison-window.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

/* How long shutdown waits for the database to finish its queued work. */
#define STORE_CLOSE_CAP_SECONDS 10

enum {
  PROP_0,
  PROP_SECRET_PROFILE,
  PROP_STORE_STATE,
  PROP_CREDENTIALS_STATE,
  PROP_ACCOUNT_SID,
  PROP_SETUP_POSTPONED,
  PROP_LIVE_CALL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonApplication, liaison_application, ADW_TYPE_APPLICATION)

G_DEFINE_ENUM_TYPE (LiaisonStoreState, liaison_store_state,
  G_DEFINE_ENUM_VALUE (LIAISON_STORE_STATE_OPENING, "opening"),
  G_DEFINE_ENUM_VALUE (LIAISON_STORE_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (LIAISON_STORE_STATE_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (LiaisonCredentialsState, liaison_credentials_state,
  G_DEFINE_ENUM_VALUE (LIAISON_CREDENTIALS_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (LIAISON_CREDENTIALS_STATE_MISSING, "missing"),
  G_DEFINE_ENUM_VALUE (LIAISON_CREDENTIALS_STATE_STORED, "stored"),
  G_DEFINE_ENUM_VALUE (LIAISON_CREDENTIALS_STATE_UNAVAILABLE, "unavailable"))

static gboolean
verbose_option_cb (const char  *option_name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  liaison_log_increase_verbosity ();
  return TRUE;
}

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try Liaison with a made-up book of clients on a simulated Twilio account"), NULL },
  { "verbose", 'v', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) verbose_option_cb,
    N_("Show more details in the log (repeat for even more)"), NULL },
  { NULL }
};

static void
set_store_state (LiaisonApplication *self,
                 LiaisonStoreState   state,
                 GError             *error)
{
  g_clear_error (&self->store_error);
  self->store_error = error;

  if (self->store_state != state)
    {
      self->store_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE_STATE]);
    }
}

static void
set_credentials_state (LiaisonApplication      *self,
                       LiaisonCredentialsState  state,
                       GError                  *error)
{
  g_clear_error (&self->credentials_error);
  self->credentials_error = error;

  if (self->credentials_state != state)
    {
      self->credentials_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREDENTIALS_STATE]);
    }
}

static void
set_account_sid (LiaisonApplication *self,
                 const char         *account_sid)
{
  if (g_strcmp0 (self->account_sid, account_sid) == 0)
    return;

  g_free (self->account_sid);
  self->account_sid = g_strdup (account_sid);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_SID]);
}

static void
store_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaisonStore *store = LIAISON_STORE (object);
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_open_finish (store, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not open the database %s: %s",
                 liaison_store_get_path (store), error->message);
      set_store_state (self, LIAISON_STORE_STATE_FAILED, g_steal_pointer (&error));
      return;
    }

  g_debug ("Database %s is open", liaison_store_get_path (store));
  /* The demo's book goes in before anyone reads the store. */
  if (self->demo_mode)
    {
      _liaison_application_seed_demo (self);
      return;
    }

  /* The outbox and the relay client exist before anyone hears "ready". */
  _liaison_application_start_messaging (self);
  set_store_state (self, LIAISON_STORE_STATE_READY, NULL);
}

static void
open_store (LiaisonApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = liaison_paths_get_database_path ();

  self->store = liaison_store_new (path);

  if (!liaison_paths_ensure_data_dir (&error))
    {
      g_warning ("%s", error->message);
      set_store_state (self, LIAISON_STORE_STATE_FAILED, g_steal_pointer (&error));
      return;
    }

  g_debug ("Opening the database %s", path);
  liaison_store_open_async (self->store,
                            self->cancellable,
                            store_open_cb,
                            g_object_ref (self));
}

static void
credentials_load_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LiaisonSecretStore *secret_store = LIAISON_SECRET_STORE (object);
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = liaison_secret_store_load_twilio_finish (secret_store, result, &error);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not read the Twilio credentials from the keyring: %s", error->message);
      set_credentials_state (self, LIAISON_CREDENTIALS_STATE_UNAVAILABLE, g_steal_pointer (&error));
      return;
    }

  if (credentials == NULL)
    {
      g_debug ("No Twilio credentials are stored for the profile “%s”", self->secret_profile);
      set_account_sid (self, NULL);
      set_credentials_state (self, LIAISON_CREDENTIALS_STATE_MISSING, NULL);
      return;
    }

  g_debug ("Twilio credentials loaded from the keyring");
  liaison_application_set_credentials (self, credentials);
}

static void
load_credentials (LiaisonApplication *self)
{
  set_credentials_state (self, LIAISON_CREDENTIALS_STATE_LOADING, NULL);
  liaison_secret_store_load_twilio_async (self->secret_store,
                                          self->cancellable,
                                          credentials_load_cb,
                                          g_object_ref (self));
}

static void
store_close_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_close_finish (LIAISON_STORE (object), result, &error))
    g_warning ("Could not close the database cleanly: %s", error->message);
  else
    g_debug ("Database closed");

  self->store_closed = TRUE;
  g_main_context_wakeup (NULL);
}

static gboolean
close_cap_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the store finish queued writes, but never holds the exit for longer
 * than STORE_CLOSE_CAP_SECONDS. */
static void
close_store (LiaisonApplication *self)
{
  gboolean expired = FALSE;
  guint cap_id;

  if (self->store == NULL || self->store_state == LIAISON_STORE_STATE_FAILED)
    return;

  self->store_closed = FALSE;
  liaison_store_close_async (self->store, NULL, store_close_cb, g_object_ref (self));

  cap_id = g_timeout_add_seconds (STORE_CLOSE_CAP_SECONDS, close_cap_cb, &expired);
  while (!self->store_closed && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_warning ("The database did not close within %d seconds; exiting anyway",
               STORE_CLOSE_CAP_SECONDS);
  else
    g_source_remove (cap_id);
}

static gint
liaison_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);

  if (g_variant_dict_contains (options, "demo"))
    {
      /* Its own instance, next to a running Liaison. */
      g_application_set_application_id (app, APPLICATION_ID ".Demo");
      liaison_application_set_demo_mode (self, FALSE);
    }

  g_info ("Liaison %s (%s profile%s, application ID %s)", PACKAGE_VERSION, PROFILE,
          self->demo_mode ? ", demo" : "", g_application_get_application_id (app));

  return G_APPLICATION_CLASS (liaison_application_parent_class)->handle_local_options (app, options);
}

static void
liaison_application_startup (GApplication *app)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);

  G_APPLICATION_CLASS (liaison_application_parent_class)->startup (app);

  /* Before any window is shown: cairo where GL would run on the CPU. */
  if (gdk_display_get_default () != NULL)
    liaison_renderer_choose (gdk_display_get_default ());

  gtk_window_set_default_icon_name (APPLICATION_ID);

  if (self->demo_mode)
    {
      /* The demo's settings never reach the real ones. */
      g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

      self->settings = g_settings_new_with_backend (APPLICATION_ID, backend);
    }
  else
    self->settings = g_settings_new (APPLICATION_ID);
  self->secret_store = liaison_secret_store_new (self->secret_profile);
  self->twilio_client = liaison_twilio_client_new ();
  _liaison_application_setup_gate (self);

  _liaison_application_add_actions (self);
}

static void
liaison_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (liaison_window_new (LIAISON_APPLICATION (app)));

      if (g_strcmp0 (g_getenv ("LIAISON_BENCH_FIRST_FRAME"), "1") == 0)
        liaison_bench_report_first_frame (window);
    }

  gtk_window_present (window);
}

/* `sms:` links (x-scheme-handler/sms) open the conversation with that number;
 * `tel:` links (x-scheme-handler/tel) call it. */
static void
liaison_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);
  GtkWindow *window;

  window = _liaison_application_present_window (self);
  if (window == NULL)
    return;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_auto(GStrv) recipients = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GError) error = NULL;

      if (g_ascii_strncasecmp (uri, "tel:", 4) == 0)
        {
          g_autofree char *number = NULL;

          /* Click-to-call: the window checks the setup and says what is missing. */
          if (!liaison_tel_uri_parse (uri, &number, &error))
            {
              g_warning ("%s", error->message);
              continue;
            }
          gtk_widget_activate_action (GTK_WIDGET (window), "win.call-number", "s", number);
          break;
        }

      if (!liaison_sms_uri_parse (uri, &recipients, &body, &error))
        {
          g_warning ("%s", error->message);
          continue;
        }

      /* One conversation per link; group texts are not supported. */
      liaison_window_compose (LIAISON_WINDOW (window), recipients[0], body);
      break;
    }
}

static void
liaison_application_shutdown (GApplication *app)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);

  if (self->demo_activity != NULL)
    liaison_demo_activity_stop (self->demo_activity);
  _liaison_application_stop_messaging (self);
  _liaison_application_stop_calls (self);
  g_cancellable_cancel (self->cancellable);
  close_store (self);
  /* Last: nothing of ours talks to them any more. */
  _liaison_application_stop_demo (self);

  G_APPLICATION_CLASS (liaison_application_parent_class)->shutdown (app);
}

static void
liaison_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonApplication *self = LIAISON_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SECRET_PROFILE:
      g_value_set_string (value, self->secret_profile);
      break;

    case PROP_STORE_STATE:
      g_value_set_enum (value, self->store_state);
      break;

    case PROP_CREDENTIALS_STATE:
      g_value_set_enum (value, self->credentials_state);
      break;

    case PROP_ACCOUNT_SID:
      g_value_set_string (value, self->account_sid);
      break;

    case PROP_SETUP_POSTPONED:
      g_value_set_boolean (value, self->setup_postponed);
      break;

    case PROP_LIVE_CALL:
      g_value_set_object (value, self->live_call);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_application_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LiaisonApplication *self = LIAISON_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SECRET_PROFILE:
      g_free (self->secret_profile);
      self->secret_profile = g_value_dup_string (value);
      if (self->secret_profile == NULL)
        self->secret_profile = g_strdup (PROFILE);
      break;

    case PROP_SETUP_POSTPONED:
      liaison_application_set_setup_postponed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_application_dispose (GObject *object)
{
  LiaisonApplication *self = LIAISON_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->twilio_client);
  g_clear_object (&self->relay_client);
  g_clear_object (&self->sequence_runner);
  g_clear_object (&self->click_to_call);
  g_clear_object (&self->live_call);
  g_clear_object (&self->recording_cache);
  g_clear_object (&self->reconciler);
  g_clear_object (&self->retention);
  g_clear_object (&self->outbox);
  g_clear_object (&self->gate);
  g_clear_object (&self->demo_activity);
  g_clear_object (&self->demo);
  g_clear_pointer (&self->notified_names, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_application_parent_class)->dispose (object);
}

static void
liaison_application_finalize (GObject *object)
{
  LiaisonApplication *self = LIAISON_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->store_error);
  g_clear_error (&self->credentials_error);
  g_clear_pointer (&self->account_sid, g_free);
  g_clear_pointer (&self->secret_profile, g_free);

  G_OBJECT_CLASS (liaison_application_parent_class)->finalize (object);
}

static void
liaison_application_class_init (LiaisonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = liaison_application_get_property;
  object_class->set_property = liaison_application_set_property;
  object_class->dispose = liaison_application_dispose;
  object_class->finalize = liaison_application_finalize;

  app_class->handle_local_options = liaison_application_handle_local_options;
  app_class->startup = liaison_application_startup;
  app_class->activate = liaison_application_activate;
  app_class->open = liaison_application_open;
  app_class->shutdown = liaison_application_shutdown;

  /* The keyring profile: PROFILE normally; tests use a throwaway one. */
  properties [PROP_SECRET_PROFILE] =
    g_param_spec_string ("secret-profile", NULL, NULL,
                         PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STORE_STATE] =
    g_param_spec_enum ("store-state", NULL, NULL,
                       LIAISON_TYPE_STORE_STATE,
                       LIAISON_STORE_STATE_OPENING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CREDENTIALS_STATE] =
    g_param_spec_enum ("credentials-state", NULL, NULL,
                       LIAISON_TYPE_CREDENTIALS_STATE,
                       LIAISON_CREDENTIALS_STATE_LOADING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ACCOUNT_SID] =
    g_param_spec_string ("account-sid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SETUP_POSTPONED] =
    g_param_spec_boolean ("setup-postponed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The click-to-call in progress (or the last one), a LiaisonLiveCall. */
  properties [PROP_LIVE_CALL] =
    g_param_spec_object ("live-call", NULL, NULL,
                         LIAISON_TYPE_LIVE_CALL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_application_init (LiaisonApplication *self)
{
  self->secret_profile = g_strdup (PROFILE);
  self->cancellable = g_cancellable_new ();
  self->store_state = LIAISON_STORE_STATE_OPENING;
  self->credentials_state = LIAISON_CREDENTIALS_STATE_LOADING;

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

LiaisonApplication *
liaison_application_new (void)
{
  return g_object_new (LIAISON_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

void
liaison_application_start_background_work (LiaisonApplication *self)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));
  g_return_if_fail (self->settings != NULL);

  if (self->background_started)
    return;

  self->background_started = TRUE;

  /* The demo starts its services first; _liaison_application_demo_ready()
   * goes on. */
  if (self->demo_mode)
    {
      _liaison_application_start_demo (self);
      return;
    }

  /* Both run off the main thread and report back through notifications. */
  open_store (self);
  load_credentials (self);
}

void
_liaison_application_demo_ready (LiaisonApplication *self)
{
  open_store (self);

  if (self->demo_keyring_failed)
    {
      g_autoptr(LiaisonTwilioCredentials) credentials = NULL;

      /* Without a keyring the demo keeps its throwaway credentials in memory. */
      credentials = liaison_twilio_credentials_new_auth_token (liaison_demo_get_account_sid (self->demo),
                                                               liaison_demo_get_auth_token (self->demo));
      liaison_application_set_credentials (self, credentials);
    }
  else
    load_credentials (self);
}

void
_liaison_application_demo_seeded (LiaisonApplication *self)
{
  _liaison_application_start_messaging (self);
  set_store_state (self, LIAISON_STORE_STATE_READY, NULL);
  _liaison_application_start_demo_activity (self);
}

void
_liaison_application_demo_failed (LiaisonApplication *self,
                                  GError             *error)
{
  set_store_state (self, LIAISON_STORE_STATE_FAILED, error);
}

LiaisonStore *
liaison_application_get_store (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->store;
}

LiaisonSecretStore *
liaison_application_get_secret_store (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->secret_store;
}

LiaisonTwilioClient *
liaison_application_get_twilio_client (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->twilio_client;
}

GSettings *
liaison_application_get_settings (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->settings;
}

LiaisonComplianceGate *
liaison_application_get_gate (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->gate;
}

LiaisonOutbox *
liaison_application_get_outbox (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->outbox;
}

LiaisonRelayClient *
liaison_application_get_relay_client (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->relay_client;
}

LiaisonSequenceRunner *
liaison_application_get_sequence_runner (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->sequence_runner;
}

void
liaison_application_poke_sequences (LiaisonApplication *self)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  if (self->sequence_runner != NULL)
    liaison_sequence_runner_poke (self->sequence_runner);
}

LiaisonStoreState
liaison_application_get_store_state (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), LIAISON_STORE_STATE_FAILED);

  return self->store_state;
}

const GError *
liaison_application_get_store_error (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->store_error;
}

LiaisonCredentialsState
liaison_application_get_credentials_state (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), LIAISON_CREDENTIALS_STATE_UNAVAILABLE);

  return self->credentials_state;
}

const GError *
liaison_application_get_credentials_error (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->credentials_error;
}

const char *
liaison_application_get_account_sid (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->account_sid;
}

void
liaison_application_set_credentials (LiaisonApplication             *self,
                                     const LiaisonTwilioCredentials *credentials)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));
  g_return_if_fail (credentials != NULL);

  liaison_twilio_client_set_credentials (self->twilio_client, credentials);
  set_account_sid (self, credentials->account_sid);
  set_credentials_state (self, LIAISON_CREDENTIALS_STATE_STORED, NULL);
}

void
liaison_application_forget_credentials (LiaisonApplication *self)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  /* Wipes the client's in-memory copy. */
  liaison_twilio_client_set_credentials (self->twilio_client, NULL);

  set_account_sid (self, NULL);
  set_credentials_state (self, LIAISON_CREDENTIALS_STATE_MISSING, NULL);
}

gboolean
liaison_application_get_setup_postponed (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), FALSE);

  return self->setup_postponed;
}

void
liaison_application_set_setup_postponed (LiaisonApplication *self,
                                         gboolean            postponed)
{
  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  postponed = !!postponed;
  if (self->setup_postponed == postponed)
    return;

  self->setup_postponed = postponed;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SETUP_POSTPONED]);
}
