/* test-gui-demo.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `liaison --demo` end to end, under Xvfb with a private keyring:
 *
 *  - in this process: the demo starts liaison-sim and liaison-relay, seeds
 *    its book, and every page shows it; a text sent in through the
 *    simulator reaches the inbox by way of the relay; the banner is shown;
 *  - the real `liaison --demo` executable: quitting it (app.quit over D-Bus,
 *    as the menu does) stops both services and leaves no process and no
 *    listening port behind.
 *
 * LIAISON_DEMO_SCREENSHOTS=DIR also saves a PNG of each page there
 * (build-aux/screenshots). */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "liaison-application.h"
#include "liaison-call-detail.h"
#include "liaison-calls-page.h"
#include "liaison-campaigns-page.h"
#include "liaison-conversation-view.h"
#include "liaison-contacts-page.h"
#include "liaison-demo-book.h"
#include "liaison-inbox-page.h"
#include "liaison-thread.h"
#include "liaison-voicemail-page.h"
#include "liaison-window.h"
#include "test-gui-utils.h"
#include "liaison-test-utils.h"

static LiaisonApplication *app;
static LiaisonWindow *window;
static char *data_dir;

static GtkWidget *
page_of_type (GType type)
{
  return liaison_gui_test_find_child (GTK_WIDGET (window), type);
}

static void
show_page (const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name);
  liaison_gui_test_wait_layout (GTK_WIDGET (window));
}

static void
save_screenshot (const char *name)
{
  const char *dir = g_getenv ("LIAISON_DEMO_SCREENSHOTS");
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (dir == NULL || *dir == '\0')
    return;

  /* Let images, waveforms and lists settle. */
  liaison_gui_test_wait_layout (GTK_WIDGET (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  file_name = g_strdup_printf ("demo-%s.png", name);
  path = liaison_gui_test_screenshot (GTK_WIDGET (window), file_name);
  target = g_build_filename (dir, file_name, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (target, contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_test_message ("Screenshot: %s", target);
}

static gboolean
store_settled (gpointer data)
{
  return liaison_application_get_store_state (app) != LIAISON_STORE_STATE_OPENING;
}

static gboolean
relay_connected (gpointer data)
{
  LiaisonRelayClient *client = liaison_application_get_relay_client (app);

  return client != NULL && liaison_relay_client_get_state (client) == LIAISON_RELAY_STATE_CONNECTED;
}

static gboolean
credentials_stored (gpointer data)
{
  return liaison_application_get_credentials_state (app) == LIAISON_CREDENTIALS_STATE_STORED;
}

typedef struct {
  GListModel *model;
  guint       at_least;
} CountWait;

static gboolean
has_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) >= wait->at_least;
}

static void
wait_items_for (GListModel *model,
                guint       at_least,
                guint       timeout_ms)
{
  CountWait wait = { model, at_least };

  g_assert_true (liaison_gui_test_wait_until (has_items, &wait, timeout_ms));
}

static void
wait_items (GListModel *model,
            guint       at_least)
{
  wait_items_for (model, at_least, 30000);
}

static gboolean
widget_mapped_with_class (GtkWidget  *widget,
                          const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_mapped_with_class (child, css_class))
      return TRUE;

  return FALSE;
}

static gboolean
call_detail_complete (gpointer data)
{
  LiaisonCallDetail *detail = data;

  return liaison_call_detail_get_recording_path (detail) != NULL
         && liaison_call_detail_get_summary (detail) != NULL
         && g_list_model_get_n_items (liaison_call_detail_get_sentences (detail)) > 0;
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

static gboolean
first_texts_in_inbox (gpointer data)
{
  LiaisonCampaignsPage *campaigns = data;
  GListModel *enrollments = liaison_campaigns_page_get_enrollments (campaigns);
  GListModel *threads = liaison_inbox_page_get_threads (LIAISON_INBOX_PAGE (page_of_type (LIAISON_TYPE_INBOX_PAGE)));
  guint n_found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (enrollments); i++)
    {
      g_autoptr(LiaisonSequenceEnrollment) enrollment = g_list_model_get_item (enrollments, i);

      if (liaison_sequence_enrollment_get_state (enrollment) != LIAISON_ENROLLMENT_ACTIVE)
        continue;
      for (guint t = 0; t < g_list_model_get_n_items (threads); t++)
        {
          g_autoptr(LiaisonThread) thread = g_list_model_get_item (threads, t);

          if (liaison_thread_get_contact_id (thread) == liaison_sequence_enrollment_get_contact_id (enrollment))
            {
              n_found++;
              break;
            }
        }
    }

  return n_found == liaison_demo_book_get_n_enrolled_waiting ();
}

/* Every active enrolment has had its first text. */
static gboolean
first_texts_sent (gpointer data)
{
  LiaisonCampaignsPage *campaigns = data;
  GListModel *enrollments = liaison_campaigns_page_get_enrollments (campaigns);
  guint n_sent = 0;

  if (!liaison_campaigns_page_is_loaded (campaigns))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (enrollments); i++)
    {
      g_autoptr(LiaisonSequenceEnrollment) enrollment = g_list_model_get_item (enrollments, i);

      if (liaison_sequence_enrollment_get_state (enrollment) == LIAISON_ENROLLMENT_ACTIVE &&
          liaison_sequence_enrollment_get_next_step (enrollment) == 1)
        n_sent++;
    }

  return n_sent == liaison_demo_book_get_n_enrolled_waiting ();
}

static void
test_pages_seeded (void)
{
  LiaisonInboxPage *inbox;
  LiaisonContactsPage *contacts;
  LiaisonCallsPage *calls;
  LiaisonVoicemailPage *voicemail;
  LiaisonCampaignsPage *campaigns;
  g_autoptr(LiaisonCall) recorded = NULL;
  LiaisonCallDetail *detail;
  GListModel *threads;
  gint64 contact_id;
  guint unread = 0;

  /* The banner says it is a demo and offers the way out. */
  g_assert_true (liaison_application_get_demo_mode (app));
  g_assert_true (widget_mapped_with_class (GTK_WIDGET (window), "demo-banner"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "leave-demo"));

  show_page ("inbox");
  inbox = LIAISON_INBOX_PAGE (page_of_type (LIAISON_TYPE_INBOX_PAGE));
  threads = liaison_inbox_page_get_threads (inbox);
  wait_items (threads, 12);
  for (guint i = 0; i < g_list_model_get_n_items (threads); i++)
    {
      g_autoptr(LiaisonThread) thread = g_list_model_get_item (threads, i);

      unread += liaison_thread_get_unread_count (thread);
    }
  g_assert_cmpuint (unread, >, 0);

  /* A conversation with its history: the newest thread of someone the
   * activity texts from (they all have one; the sequence's first texts,
   * sent at start, may be newer). */
  {
    g_autoptr(LiaisonThread) first = NULL;
    LiaisonConversationView *view = liaison_inbox_page_get_conversation_view (inbox);

    for (guint i = 0; first == NULL && i < g_list_model_get_n_items (threads); i++)
      {
        g_autoptr(LiaisonThread) thread = g_list_model_get_item (threads, i);

        for (guint p = 0; p < liaison_demo_book_get_n_people (); p++)
          if (g_strcmp0 (liaison_thread_get_remote_number (thread), liaison_demo_book_get_person_number (p)) == 0)
            g_set_object (&first, thread);
      }
    g_assert_nonnull (first);

    contact_id = liaison_thread_get_contact_id (first);
    g_assert_cmpint (contact_id, >, 0);
    liaison_inbox_page_open_thread (inbox, liaison_thread_get_id (first), 0);
    wait_items (liaison_conversation_view_get_items (view), 3);
  }
  save_screenshot ("inbox");

  contacts = LIAISON_CONTACTS_PAGE (page_of_type (LIAISON_TYPE_CONTACTS_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (liaison_contacts_page_get_model (contacts)), ==, 0);
  show_page ("contacts");
  wait_items (liaison_contacts_page_get_model (contacts), 30);
  liaison_contacts_page_show_contact (contacts, contact_id);
  save_screenshot ("contacts");

  /* A page nobody has opened yet has read nothing (the inbox's first paint
   * does not wait for it); opening it reads. */
  calls = LIAISON_CALLS_PAGE (page_of_type (LIAISON_TYPE_CALLS_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (liaison_calls_page_get_calls (calls)), ==, 0);
  show_page ("calls");
  wait_items (liaison_calls_page_get_calls (calls), 8);
  /* A recorded call: its audio (real speech from the simulator, through the
   * recording cache), its transcript and its summary. */
  for (guint i = 0; i < g_list_model_get_n_items (liaison_calls_page_get_calls (calls)); i++)
    {
      g_autoptr(LiaisonCall) call = g_list_model_get_item (liaison_calls_page_get_calls (calls), i);

      if (liaison_call_get_recording_sid (call) != NULL && !liaison_call_get_has_voicemail (call))
        {
          g_set_object (&recorded, call);
          break;
        }
    }
  g_assert_nonnull (recorded);
  liaison_calls_page_show_call (calls, liaison_call_get_sid (recorded));
  detail = liaison_calls_page_get_detail (calls);
  g_assert_true (liaison_gui_test_wait_until (call_detail_complete, detail, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (liaison_call_detail_get_sentences (detail)), >, 2);
  save_screenshot ("calls");

  voicemail = LIAISON_VOICEMAIL_PAGE (page_of_type (LIAISON_TYPE_VOICEMAIL_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (liaison_voicemail_page_get_voicemails (voicemail)), ==, 0);
  show_page ("voicemail");
  wait_items (liaison_voicemail_page_get_voicemails (voicemail), 3);
  save_screenshot ("voicemail");

  /* The follow-up sequence, and the runner at work: the leads waiting for
   * its first text get it once the demo runs (queued through the outbox,
   * or postponed to the morning in the recipients' quiet hours). */
  show_page ("campaigns");
  campaigns = LIAISON_CAMPAIGNS_PAGE (page_of_type (LIAISON_TYPE_CAMPAIGNS_PAGE));
  wait_items (liaison_campaigns_page_get_sequences (campaigns), 1);
  {
    g_autoptr(LiaisonSequence) sequence = g_list_model_get_item (liaison_campaigns_page_get_sequences (campaigns), 0);

    liaison_campaigns_page_open_sequence (campaigns, liaison_sequence_get_id (sequence));
  }
  wait_items (liaison_campaigns_page_get_enrollments (campaigns), liaison_demo_book_get_n_enrolled ());
  g_assert_true (liaison_gui_test_wait_until (first_texts_sent, campaigns, 30000));
  g_assert_true (liaison_gui_test_wait_until (stack_settled,
                                              gtk_widget_get_template_child (GTK_WIDGET (campaigns),
                                                                             LIAISON_TYPE_CAMPAIGNS_PAGE,
                                                                             "stack"),
                                              5000));
  save_screenshot ("campaigns");

  /* Those texts are in the inbox, each in its lead's conversation. */
  g_assert_true (liaison_gui_test_wait_until (first_texts_in_inbox, campaigns, 10000));
}

typedef struct {
  const char *body;
} PreviewWait;

static gboolean
inbox_shows (gpointer data)
{
  PreviewWait *wait = data;
  LiaisonInboxPage *inbox = LIAISON_INBOX_PAGE (page_of_type (LIAISON_TYPE_INBOX_PAGE));
  GListModel *threads = liaison_inbox_page_get_threads (inbox);

  for (guint i = 0; i < g_list_model_get_n_items (threads); i++)
    {
      g_autoptr(LiaisonThread) thread = g_list_model_get_item (threads, i);

      if (g_strcmp0 (liaison_thread_get_last_message_preview (thread), wait->body) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_inbound_text (void)
{
  LiaisonDemo *demo = liaison_application_get_demo (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("Can we move our review to Friday? (%d)", g_random_int_range (1000, 9999));
  PreviewWait wait = { body };

  g_assert_true (liaison_gui_test_wait_until (relay_connected, NULL, 30000));
  show_page ("inbox");

  /* Through the simulator: a signed webhook to the relay, then its stream. */
  liaison_demo_post_async (demo, "/_sim/inbound/sms", NULL, liaison_test_async_cb, &result,
                           "From", liaison_demo_book_get_person_number (0),
                           "To", LIAISON_DEMO_OUR_NUMBER,
                           "Body", body,
                           NULL);
  liaison_test_wait (&result);
  g_assert_true (liaison_demo_post_finish (demo, result, &error));
  g_assert_no_error (error);

  g_assert_true (liaison_gui_test_wait_until (inbox_shows, &wait, 30000));
}

typedef struct {
  LiaisonStore *store;
  gint64        contact_id;
} FirstTextWait;

static gboolean
sequence_first_text_sent (gpointer data)
{
  FirstTextWait *wait = data;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_list_enrollments_async (wait->store, 0, wait->contact_id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  enrollments = liaison_store_list_enrollments_finish (wait->store, result, &error);
  g_assert_no_error (error);

  return enrollments->len == 1 &&
         liaison_sequence_enrollment_get_next_step (g_ptr_array_index (enrollments, 0)) == 1;
}

/* Moving a lead to the sequence's stage in the contacts page enrols them,
 * and its first text (due at once) goes right away, not at the runner's
 * next minute. Brian Walsh is a lead the activity never texts from. */
static void
test_stage_starts_sequence (void)
{
  LiaisonStore *store = liaison_application_get_store (app);
  LiaisonStoreContactFilter filter = { .query = "Walsh" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  FirstTextWait wait = { store, 0 };
  GtkWidget *contacts;

  liaison_store_list_contacts_async (store, &filter, NULL, 5, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  found = liaison_store_list_contacts_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  wait.contact_id = liaison_contact_get_id (g_ptr_array_index (found, 0));
  g_assert_cmpstr (liaison_contact_get_pipeline_stage (g_ptr_array_index (found, 0)), !=, "New Lead");
  g_assert_false (sequence_first_text_sent (&wait));

  show_page ("contacts");
  contacts = page_of_type (LIAISON_TYPE_CONTACTS_PAGE);
  g_assert_true (gtk_widget_activate_action (contacts, "contacts.move-to-stage", "(xs)",
                                             wait.contact_id, "New Lead"));
  /* Well under the runner's once-a-minute look. */
  g_assert_true (liaison_gui_test_wait_until (sequence_first_text_sent, &wait, 20000));
}

static gboolean
activity_accepted (gpointer data)
{
  LiaisonDemoActivity *activity = data;

  return liaison_demo_activity_get_n_texts (activity) > 0
         && liaison_demo_activity_get_n_calls (activity) > 0;
}

/* The activity: a text and a call sent in through the simulator; the call is
 * not answered, so the relay's routing takes a voicemail, which the app
 * stores and lists. */
static void
test_activity (void)
{
  LiaisonDemoActivity *activity = liaison_application_get_demo_activity (app);
  LiaisonVoicemailPage *voicemail;
  GListModel *voicemails;
  guint before;

  g_assert_nonnull (activity);
  show_page ("voicemail");
  voicemail = LIAISON_VOICEMAIL_PAGE (page_of_type (LIAISON_TYPE_VOICEMAIL_PAGE));
  voicemails = liaison_voicemail_page_get_voicemails (voicemail);
  before = g_list_model_get_n_items (voicemails);

  liaison_demo_activity_text_now (activity);
  liaison_demo_activity_call_now (activity);
  g_assert_true (liaison_gui_test_wait_until (activity_accepted, activity, 30000));

  /* The simulator rings, nobody answers, the caller speaks: in real time. */
  wait_items_for (voicemails, before + 1, 180000);
}

/* A service that cannot start: a clear error, and the one that did start is
 * stopped again. */
static void
test_services_missing (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *relay = g_strdup (g_getenv ("LIAISON_RELAY"));
  g_autoptr(LiaisonDemo) demo = liaison_demo_new (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LIAISON_RELAY", "/nonexistent/liaison-relay", TRUE);
  liaison_demo_start_async (demo, LIAISON_DEMO_OUR_NUMBER, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_setenv ("LIAISON_RELAY", relay, TRUE);

  g_assert_false (liaison_demo_start_finish (demo, result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "liaison-relay"));
  g_assert_false (liaison_demo_get_running (demo));
  g_assert_cmpint (liaison_demo_get_sim_pid (demo), ==, 0);
  g_assert_cmpint (liaison_demo_get_relay_pid (demo), ==, 0);

  liaison_test_rmdir (dir);
}

/* The real executable */

static GPid
pid_from (GKeyFile   *file,
          const char *key)
{
  g_autoptr(GError) error = NULL;
  gint64 pid = g_key_file_get_int64 (file, "services", key, &error);

  g_assert_no_error (error);
  g_assert_cmpint (pid, >, 1);

  return (GPid) pid;
}

static guint16
port_from (GKeyFile   *file,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_key_file_get_string (file, "services", key, &error);
  g_autoptr(GUri) uri = NULL;

  g_assert_no_error (error);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (uri), >, 0);

  return (guint16) g_uri_get_port (uri);
}

static gboolean
port_open (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  if (connection != NULL)
    return TRUE;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  return FALSE;
}

static gboolean
process_alive (GPid pid)
{
  return kill (pid, 0) == 0 || errno != ESRCH;
}

typedef struct {
  const char *path;
} FileWait;

static gboolean
file_exists (gpointer data)
{
  FileWait *wait = data;

  return g_file_test (wait->path, G_FILE_TEST_EXISTS);
}

typedef struct {
  GDBusConnection *bus;
  const char      *name;
} NameWait;

static gboolean
name_owned (gpointer data)
{
  NameWait *wait = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (wait->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", wait->name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static void
process_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *exited = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_quit_leaves_nothing (void)
{
  g_autofree char *home = liaison_test_mkdtemp ();
  g_autofree char *demo_dir = g_build_filename (home, "demo", NULL);
  g_autofree char *services_path = g_build_filename (demo_dir, "services", NULL);
  g_autofree char *app_id = g_strconcat (APPLICATION_ID, ".Demo", NULL);
  g_autofree char *object_path = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GKeyFile) services = g_key_file_new ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  FileWait file_wait = { services_path };
  NameWait name_wait = { NULL, app_id };
  gboolean exited = FALSE;
  GPid sim_pid, relay_pid;
  guint16 sim_port, relay_port;
  const char *exe = g_getenv ("LIAISON_APP");

  g_assert_nonnull (exe);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "LIAISON_DATA_DIR", home, TRUE);
  /* No activity: quitting must not depend on what is in flight. */
  g_subprocess_launcher_setenv (launcher, "LIAISON_DEMO_QUIET", "1", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, "--demo", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, process_exited_cb, &exited);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  name_wait.bus = bus;
  g_assert_true (liaison_gui_test_wait_until (name_owned, &name_wait, 60000));
  g_assert_true (liaison_gui_test_wait_until (file_exists, &file_wait, 60000));
  g_assert_false (exited);

  g_key_file_load_from_file (services, services_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  sim_pid = pid_from (services, "sim-pid");
  relay_pid = pid_from (services, "relay-pid");
  sim_port = port_from (services, "sim-url");
  relay_port = port_from (services, "relay-url");
  g_assert_true (process_alive (sim_pid));
  g_assert_true (process_alive (relay_pid));
  g_assert_true (port_open (sim_port));
  g_assert_true (port_open (relay_port));

  /* Quit as the menu and Ctrl+Q do. */
  object_path = g_strconcat ("/", app_id, NULL);
  g_strdelimit (object_path, ".", '/');
  reply = g_dbus_connection_call_sync (bus, app_id, object_path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (liaison_gui_test_wait_until (flag_set, &exited, 60000));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  g_assert_false (process_alive (sim_pid));
  g_assert_false (process_alive (relay_pid));
  g_assert_false (port_open (sim_port));
  g_assert_false (port_open (relay_port));

  liaison_test_rmdir (home);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *profile = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  int status;

  if (!liaison_gui_test_init (&argc, &argv))
    return 1;

  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  profile = g_strdup_printf ("demo-test-%d", (int) getpid ());
  app = g_object_new (LIAISON_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                      "resource-base-path", RESOURCE_BASE_PATH,
                      "secret-profile", profile,
                      NULL);
  liaison_application_set_demo_mode (app, TRUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = liaison_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  started = g_get_monotonic_time ();
  liaison_application_start_background_work (app);

  /* Services started, keyring written, book seeded. */
  g_assert_true (liaison_gui_test_wait_until (store_settled, NULL, 120000));
  /* A figure for the notes, never a condition (shared, noisy machines). */
  g_test_message ("Demo ready (services, keyring, book) %.0f ms after the first frame",
                  (g_get_monotonic_time () - started) / 1000.0);
  if (liaison_application_get_store_state (app) != LIAISON_STORE_STATE_READY)
    g_error ("The demo did not start: %s", liaison_application_get_store_error (app)->message);
  g_assert_true (liaison_gui_test_wait_until (credentials_stored, NULL, 30000));
  liaison_gui_test_wait_view_settled (window);
  g_assert_cmpstr (liaison_window_get_view (window), ==, "main");

  g_test_add_func ("/Liaison/Demo/pages-seeded", test_pages_seeded);
  g_test_add_func ("/Liaison/Demo/stage-starts-sequence", test_stage_starts_sequence);
  g_test_add_func ("/Liaison/Demo/inbound-text", test_inbound_text);
  g_test_add_func ("/Liaison/Demo/activity", test_activity);
  g_test_add_func ("/Liaison/Demo/services-missing", test_services_missing);
  g_test_add_func ("/Liaison/Demo/quit-leaves-nothing", test_quit_leaves_nothing);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  /* What shutdown does: the services stop with the app. */
  liaison_demo_stop (liaison_application_get_demo (app));
  g_assert_false (liaison_demo_get_running (liaison_application_get_demo (app)));
  g_clear_object (&app);
  liaison_test_rmdir (data_dir);
  g_free (data_dir);

  return status;
}
