/* liaison-demo.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-demo"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <unistd.h>

#include "liaison-demo.h"
#include "liaison-log.h"

/* How long a service may take to print its address. */
#define START_TIMEOUT_SECONDS 30
/* How long a service may take to stop after SIGTERM. */
#define STOP_TIMEOUT_SECONDS  5

struct _LiaisonDemo
{
  GObject       parent_instance;

  char         *dir;
  char         *our_number;

  GSubprocess  *sim;
  GSubprocess  *relay;
  SoupSession  *session;

  char         *sim_url;
  char         *relay_url;
  char         *account_sid;
  char         *auth_token;
  char         *relay_token;
};

G_DEFINE_FINAL_TYPE (LiaisonDemo, liaison_demo, G_TYPE_OBJECT)

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
child_setup (gpointer user_data)
{
  /* The services never outlive the app, even when it crashes. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static char *
find_service (const char *env,
              const char *name,
              const char *build_subdir)
{
  const char *override = g_getenv (env);
  g_autofree char *self_exe = NULL;
  g_autofree char *self_dir = NULL;
  g_autofree char *beside = NULL;
  g_autofree char *in_build = NULL;

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe != NULL)
    {
      self_dir = g_path_get_dirname (self_exe);
      beside = g_build_filename (self_dir, name, NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
      in_build = g_build_filename (self_dir, "..", build_subdir, name, NULL);
      if (g_file_test (in_build, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&in_build);
    }

  return g_find_program_in_path (name);
}

static char *
random_token (void)
{
  guint8 bytes[32];
  GString *token = g_string_sized_new (2 * sizeof bytes);

  if (getrandom (bytes, sizeof bytes, 0) != (ssize_t) sizeof bytes)
    {
      /* Loopback only and gone with the demo: GLib's generator will do. */
      for (gsize i = 0; i < sizeof bytes; i++)
        bytes[i] = (guint8) g_random_int_range (0, 256);
    }
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (token, "%02x", bytes[i]);
  explicit_bzero (bytes, sizeof bytes);

  return g_string_free (token, FALSE);
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, error);
      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!remove_tree (child, error))
            return FALSE;
        }
      g_clear_pointer (&dir, g_dir_close);
      if (g_rmdir (path) != 0)
        goto failed;
      return TRUE;
    }

  if (g_unlink (path) == 0)
    return TRUE;

failed:
  {
    int errsv = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                 _("Could not remove “%s”: %s"), path, g_strerror (errsv));
    return FALSE;
  }
}

static guint
free_port (GError **error)
{
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (probe == NULL)
    return 0;
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  if (!g_socket_bind (probe, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (probe, error);
  if (bound == NULL)
    return 0;

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Start */

typedef enum {
  STEP_SIM,
  STEP_RELAY,
  STEP_NUMBER,
} StartStep;

typedef struct {
  StartStep         step;
  GDataInputStream *output;
  GSource          *timeout;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_object (&data->output);
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_free (data);
}

static void start_read_line (GTask *task);

static void
start_fail (GTask  *task,
            GError *error)
{
  LiaisonDemo *self = g_task_get_source_object (task);

  liaison_demo_stop (self);
  g_task_return_error (task, error);
}

static GPid process_pid (GSubprocess *process);

/* <dir>/services: where the services listen and their process IDs (no
 * secrets), for the curious and for the tests. */
static void
write_services_file (LiaisonDemo *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = g_build_filename (self->dir, "services", NULL);
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (file, "services", "sim-url", self->sim_url);
  g_key_file_set_int64 (file, "services", "sim-pid", process_pid (self->sim));
  g_key_file_set_string (file, "services", "relay-url", self->relay_url);
  g_key_file_set_int64 (file, "services", "relay-pid", process_pid (self->relay));
  if (!g_key_file_save_to_file (file, path, &error))
    g_warning ("Could not write %s: %s", path, error->message);
}

static void
number_registered_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_demo_post_finish (LIAISON_DEMO (object), result, &error))
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }

  write_services_file (LIAISON_DEMO (object));
  g_debug ("Demo services ready: simulator %s, relay %s",
           LIAISON_DEMO (object)->sim_url, LIAISON_DEMO (object)->relay_url);
  g_task_return_boolean (task, TRUE);
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  int errsv;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  errsv = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not create the folder “%s”: %s"), dir, g_strerror (errsv));
  return FALSE;
}

static void
start_relay (GTask *task)
{
  LiaisonDemo *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = find_service ("LIAISON_RELAY", "liaison-relay", "relay");
  g_autofree char *relay_dir = g_build_filename (self->dir, "relay", NULL);
  g_autofree char *token_path = g_build_filename (relay_dir, "account.token", NULL);
  g_autofree char *config_path = g_build_filename (relay_dir, "relay.conf", NULL);
  g_autofree char *db_path = g_build_filename (relay_dir, "relay.db", NULL);
  g_autofree char *token_hash = NULL;
  g_autofree char *config = NULL;
  guint port;

  if (exe == NULL)
    {
      start_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("liaison-relay is not installed")));
      return;
    }

  port = free_port (&error);
  if (port == 0)
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }

  self->relay_token = random_token ();
  token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->relay_token, -1);
  self->relay_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  config = g_strdup_printf ("# The demo's relay; written by liaison --demo at each start.\n"
                            "[relay]\n"
                            "listen = 127.0.0.1\n"
                            "port = %u\n"
                            "public-url = %s\n"
                            "database = %s\n"
                            "\n"
                            "[account %s]\n"
                            "auth-token-file = %s\n"
                            "\n"
                            "[advisor demo]\n"
                            "token-sha256 = %s\n"
                            "numbers = %s\n",
                            port, self->relay_url, db_path,
                            self->account_sid, token_path,
                            token_hash, self->our_number);

  if (!make_dir (relay_dir, &error)
      || !g_file_set_contents_full (token_path, self->auth_token, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)
      || !g_file_set_contents_full (config_path, config, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->relay = g_subprocess_launcher_spawn (launcher, &error, exe, "--config", config_path, NULL);
  if (self->relay == NULL)
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }

  data->step = STEP_RELAY;
  g_clear_object (&data->output);
  data->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->relay));
  /* The pipe stays open with the process: a late line must not SIGPIPE it. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data->output), FALSE);
  start_read_line (task);
}

static void
register_number (GTask *task)
{
  LiaisonDemo *self = g_task_get_source_object (task);
  g_autofree char *sms_url = g_strconcat (self->relay_url, "/twilio/messages/inbound", NULL);
  g_autofree char *voice_url = g_strconcat (self->relay_url, "/twilio/voice/inbound", NULL);
  StartData *data = g_task_get_task_data (task);

  data->step = STEP_NUMBER;
  g_clear_object (&data->output);
  liaison_demo_post_async (self, "/_sim/numbers",
                           g_task_get_cancellable (task),
                           number_registered_cb, g_object_ref (task),
                           "PhoneNumber", self->our_number,
                           "SmsUrl", sms_url,
                           "VoiceUrl", voice_url,
                           NULL);
}

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonDemo *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);
  if (error != NULL)
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }
  if (line == NULL)
    {
      start_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                     data->step == STEP_SIM
                                     ? _("liaison-sim stopped before it was ready; see its messages above")
                                     : _("liaison-relay stopped before it was ready; see its messages above")));
      return;
    }

  if (data->step == STEP_SIM)
    {
      if (g_str_has_prefix (line, "LIAISON_SIM_URL="))
        set_string (&self->sim_url, line + strlen ("LIAISON_SIM_URL="));
      else if (g_str_has_prefix (line, "LIAISON_SIM_ACCOUNT="))
        set_string (&self->account_sid, line + strlen ("LIAISON_SIM_ACCOUNT="));
      else if (g_str_has_prefix (line, "LIAISON_SIM_TOKEN="))
        set_string (&self->auth_token, line + strlen ("LIAISON_SIM_TOKEN="));
      explicit_bzero (line, strlen (line));

      if (self->sim_url != NULL && self->account_sid != NULL && self->auth_token != NULL)
        start_relay (task);
      else
        start_read_line (task);
      return;
    }

  if (g_str_has_prefix (line, "LIAISON_RELAY_URL="))
    register_number (task);
  else
    start_read_line (task);
}

static void
start_read_line (GTask *task)
{
  StartData *data = g_task_get_task_data (task);

  g_data_input_stream_read_line_async (data->output, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task),
                                       line_read_cb, g_object_ref (task));
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  StartData *data = g_task_get_task_data (task);

  /* The read in flight sees the pipe close once the services are killed. */
  g_clear_pointer (&data->timeout, g_source_unref);
  g_warning ("The demo's services did not start within %d seconds", START_TIMEOUT_SECONDS);
  liaison_demo_stop (LIAISON_DEMO (g_task_get_source_object (task)));

  return G_SOURCE_REMOVE;
}

static void
start_sim (GTask *task)
{
  LiaisonDemo *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = find_service ("LIAISON_SIM", "liaison-sim", "sim");
  g_autofree char *sim_dir = g_build_filename (self->dir, "sim", NULL);
  g_autofree char *db_path = g_build_filename (sim_dir, "sim.db", NULL);

  if (exe == NULL)
    {
      start_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("liaison-sim is not installed")));
      return;
    }
  if (!make_dir (sim_dir, &error))
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* The book's speech is translated: the sim speaks it with the language's
   * voice. */
  self->sim = g_subprocess_launcher_spawn (launcher, &error, exe,
                                           "--listen", "127.0.0.1", "--port", "0",
                                           "--realtime", "--db", db_path,
                                           /* Translators: the espeak-ng voice for your language
                                            * ("es", "fr", "pt-br"; espeak-ng --voices lists them):
                                            * the demo's recorded calls are spoken with it. */
                                           "--voice", C_("espeak-ng voice", "en"),
                                           NULL);
  if (self->sim == NULL)
    {
      start_fail (task, g_steal_pointer (&error));
      return;
    }

  data->step = STEP_SIM;
  data->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->sim));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data->output), FALSE);
  data->timeout = g_timeout_source_new_seconds (START_TIMEOUT_SECONDS);
  g_source_set_callback (data->timeout, start_timeout_cb, task, NULL);
  g_source_attach (data->timeout, g_task_get_context (task));
  start_read_line (task);
}

static void
wipe_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LiaisonDemo *self = source_object;
  g_autoptr(GError) error = NULL;

  /* Every start is a fresh demo: the book is seeded again around today. */
  if (!remove_tree (self->dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!make_dir (self->dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
wiped_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  start_sim (task);
}

void
liaison_demo_start_async (LiaisonDemo         *self,
                          const char          *our_number,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) wipe = NULL;

  g_return_if_fail (LIAISON_IS_DEMO (self));
  g_return_if_fail (our_number != NULL);
  g_return_if_fail (self->sim == NULL && self->relay == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_demo_start_async);
  g_task_set_task_data (task, g_new0 (StartData, 1), (GDestroyNotify) start_data_free);
  set_string (&self->our_number, our_number);

  wipe = g_task_new (self, cancellable, wiped_cb, g_steal_pointer (&task));
  g_task_run_in_thread (wipe, wipe_thread);
}

gboolean
liaison_demo_start_finish (LiaisonDemo   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Stop */

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
  g_main_context_wakeup (NULL);
}

static gboolean
stop_cap_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
stop_service (GSubprocess **process,
              const char   *name)
{
  gboolean done = FALSE;
  gboolean expired = FALSE;
  guint cap_id;

  if (*process == NULL)
    return;

  if (g_subprocess_get_identifier (*process) != NULL)
    {
      g_subprocess_send_signal (*process, SIGTERM);
      g_subprocess_wait_async (*process, NULL, waited_cb, &done);
      cap_id = g_timeout_add_seconds (STOP_TIMEOUT_SECONDS, stop_cap_cb, &expired);
      while (!done && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (!expired)
        g_source_remove (cap_id);
      else
        {
          g_warning ("%s did not stop within %d seconds; killing it", name, STOP_TIMEOUT_SECONDS);
          g_subprocess_force_exit (*process);
          g_subprocess_wait (*process, NULL, NULL);
          /* Let the cancelled wait report, so that @done outlives it. */
          while (!done)
            g_main_context_iteration (NULL, TRUE);
        }
    }

  g_debug ("%s stopped", name);
  g_clear_object (process);
}

void
liaison_demo_stop (LiaisonDemo *self)
{
  g_return_if_fail (LIAISON_IS_DEMO (self));

  /* The relay first: it must not call a simulator that is gone. */
  stop_service (&self->relay, "liaison-relay");
  stop_service (&self->sim, "liaison-sim");
}

gboolean
liaison_demo_get_running (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), FALSE);

  return self->sim != NULL && self->relay != NULL;
}

/* Control API */

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (msg);
  if (status >= 300)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The simulator refused %s (HTTP %u)"),
                               g_uri_get_path (soup_message_get_uri (msg)), status);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
liaison_demo_post_async (LiaisonDemo         *self,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data,
                         const char          *first_name,
                         ...)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  va_list args;

  g_return_if_fail (LIAISON_IS_DEMO (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_demo_post_async);

  if (self->sim_url == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("The demo’s simulator is not running"));
      return;
    }

  url = g_strconcat (self->sim_url, path, NULL);
  va_start (args, first_name);
  msg = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url,
                                            soup_form_encode_valist (first_name, args));
  va_end (args);
  g_task_set_task_data (task, g_object_ref (msg), g_object_unref);

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    post_cb, g_steal_pointer (&task));
}

gboolean
liaison_demo_post_finish (LiaisonDemo   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Accessors */

const char *
liaison_demo_get_dir (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), NULL);

  return self->dir;
}

const char *
liaison_demo_get_sim_url (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), NULL);

  return self->sim_url;
}

const char *
liaison_demo_get_relay_url (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), NULL);

  return self->relay_url;
}

const char *
liaison_demo_get_account_sid (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), NULL);

  return self->account_sid;
}

const char *
liaison_demo_get_auth_token (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), NULL);

  return self->auth_token;
}

const char *
liaison_demo_get_relay_token (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), NULL);

  return self->relay_token;
}

static GPid
process_pid (GSubprocess *process)
{
  const char *id = process != NULL ? g_subprocess_get_identifier (process) : NULL;

  return id != NULL ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

GPid
liaison_demo_get_sim_pid (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), 0);

  return process_pid (self->sim);
}

GPid
liaison_demo_get_relay_pid (LiaisonDemo *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO (self), 0);

  return process_pid (self->relay);
}

/* GObject */

static void
wipe_string (char **str)
{
  if (*str != NULL)
    explicit_bzero (*str, strlen (*str));
  g_clear_pointer (str, g_free);
}

static void
liaison_demo_dispose (GObject *object)
{
  LiaisonDemo *self = LIAISON_DEMO (object);

  liaison_demo_stop (self);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (liaison_demo_parent_class)->dispose (object);
}

static void
liaison_demo_finalize (GObject *object)
{
  LiaisonDemo *self = LIAISON_DEMO (object);

  g_free (self->dir);
  g_free (self->our_number);
  g_free (self->sim_url);
  g_free (self->relay_url);
  g_free (self->account_sid);
  wipe_string (&self->auth_token);
  wipe_string (&self->relay_token);

  G_OBJECT_CLASS (liaison_demo_parent_class)->finalize (object);
}

static void
liaison_demo_class_init (LiaisonDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_demo_dispose;
  object_class->finalize = liaison_demo_finalize;
}

static void
liaison_demo_init (LiaisonDemo *self)
{
  /* Loopback only: no proxy, ever. */
  self->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                 "timeout", 30,
                                                 NULL);
}

LiaisonDemo *
liaison_demo_new (const char *dir)
{
  LiaisonDemo *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_DEMO, NULL);
  self->dir = g_strdup (dir);

  return self;
}
