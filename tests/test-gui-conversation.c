/* test-gui-conversation.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The conversation end to end, as an advisor lives it: the real app (under
 * Xvfb, with its SQLite store, outbox and relay client) sends through
 * liaison-sim, which posts its signed webhooks to the real liaison-relay,
 * which streams them back to the app.
 *
 *   composer → outbox → liaison-sim (Messages API)
 *   liaison-sim status callbacks / inbound texts → liaison-relay → the app
 *
 * Checked: a text sent from the composer reaches "delivered" in the thread;
 * an inbound reply appears in the open conversation and raises a desktop
 * notification (a small org.freedesktop.Notifications server on the test's
 * private session bus stands in for the shell, which is not ours); a STOP
 * blocks the next send in the window before any request reaches Twilio. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "liaison-application.h"
#include "liaison-composer.h"
#include "liaison-consent-ledger.h"
#include "liaison-contact-editor.h"
#include "liaison-conversation-view.h"
#include "liaison-inbox-format.h"
#include "liaison-message-row.h"
#include "liaison-secret-store.h"
#include "liaison-test-relay.h"
#include "liaison-test-utils.h"
#include "liaison-window.h"
#include "test-gui-utils.h"

#define OUR_NUMBER    "+15005550006"
#define CLIENT_NUMBER "+12125550147"
#define DESK_TOKEN    "desk-token-e2e-0001"
#define WAIT_MS       30000

static LiaisonApplication *app;
static LiaisonWindow *window;
static LiaisonTestSim *sim;
static LiaisonTestRelay *relay;
static SoupSession *session;

/* The shell's notification server */

typedef struct {
  guint  n_notify;
  char  *last_summary;
  char  *last_body;
} Notifications;

static Notifications notifications;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/> <arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/> <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/> <arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/> <arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/> <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/> <arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *path,
                         const char            *interface,
                         const char            *method,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_free (notifications.last_summary);
      g_free (notifications.last_body);
      notifications.last_summary = g_strdup (summary);
      notifications.last_body = g_strdup (body);
      notifications.n_notify++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notifications.n_notify));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "liaison", "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result = 0;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  /* 1: primary owner. Anything else means a real server is running here,
   * which the private test session never has. */
  g_assert_cmpuint (result, ==, 1);
}

/* liaison-sim's control API */

static guint
sim_post (const char  *path,
          const char  *first_key,
          ...)
{
  g_autofree char *url = g_strconcat (sim->url, path, NULL);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *k = g_uri_escape_string (key, NULL, FALSE);
      g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (form, "%s%s=%s", form->len > 0 ? "&" : "", k, v);
    }
  va_end (args);

  msg = soup_message_new ("POST", url);
  body = g_bytes_new (form->str, form->len);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  return soup_message_get_status (msg);
}

/* How many message creates (POST …/Messages.json) liaison-sim received. */
static guint
sim_count_creates (void)
{
  g_autofree char *url = g_strconcat (sim->url, "/_sim/requests", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *requests;
  guint n = 0;

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), (gssize) g_bytes_get_size (answer),
                              &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "requests"))
    requests = json_object_get_array_member (json_node_get_object (root), "requests");
  else
    requests = json_node_get_array (root);
  g_assert_nonnull (requests);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *method = json_object_get_string_member_with_default (request, "method", "");
      const char *path = json_object_get_string_member_with_default (request, "path", "");

      if (g_str_equal (method, "POST") && g_str_has_suffix (path, "/Messages.json"))
        n++;
    }

  return n;
}

/* The store, read the way the window reads it */

static LiaisonMessage *
get_message (gint64 id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMessage *message;

  liaison_store_get_message_async (liaison_application_get_store (app), id, NULL,
                                   liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  message = liaison_store_get_message_finish (liaison_application_get_store (app), result, &error);
  g_assert_no_error (error);

  return message;
}

static gint64 sent_message_id;

static void
composer_sent_cb (LiaisonComposer *composer,
                  gint64           message_id)
{
  sent_message_id = message_id;
}

static gboolean
int64_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
message_has_sid (gpointer data)
{
  g_autoptr(LiaisonMessage) message = get_message (*(gint64 *) data);

  return liaison_message_get_sid (message) != NULL;
}

static gboolean
message_delivered (gpointer data)
{
  g_autoptr(LiaisonMessage) message = get_message (*(gint64 *) data);

  return g_strcmp0 (liaison_message_get_status (message), "delivered") == 0;
}

/* The window */

static LiaisonConversationView *
conversation_view (void)
{
  GtkWidget *view = liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_CONVERSATION_VIEW);

  g_assert_nonnull (view);
  return LIAISON_CONVERSATION_VIEW (view);
}

static LiaisonComposer *
composer (void)
{
  GtkWidget *widget = liaison_gui_test_find_child (GTK_WIDGET (conversation_view ()), LIAISON_TYPE_COMPOSER);

  g_assert_nonnull (widget);
  return LIAISON_COMPOSER (widget);
}

typedef struct {
  GtkWidget  *root;
  GType       type;
  GPtrArray  *found;
} Collect;

static void
collect (GtkWidget *widget,
         Collect   *c)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, c->type))
    g_ptr_array_add (c->found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, c);
}

/* The row showing @message_id in the conversation, or NULL. */
static LiaisonMessageRow *
message_row (gint64 message_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  Collect c = { NULL, LIAISON_TYPE_MESSAGE_ROW, rows };

  collect (GTK_WIDGET (conversation_view ()), &c);
  for (guint i = 0; i < rows->len; i++)
    if (liaison_message_row_get_message_id (g_ptr_array_index (rows, i)) == message_id)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static gboolean
row_shows_delivered (gpointer data)
{
  LiaisonMessageRow *row = message_row (*(gint64 *) data);
  GtkWidget *image;
  const char *want = liaison_inbox_status_icon_name ("delivered");

  if (row == NULL)
    return FALSE;

  image = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), LIAISON_TYPE_MESSAGE_ROW,
                                                     "status_image"));
  return gtk_widget_get_visible (image)
         && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), want) == 0;
}

static gboolean
label_with_text (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
      && gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_with_text (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
conversation_shows (gpointer data)
{
  return label_with_text (GTK_WIDGET (conversation_view ()), data);
}

static void
dump_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_test_message ("  label%s: %s", gtk_widget_get_mapped (widget) ? "" : " (unmapped)",
                    gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_labels (child);
}

/* What the thread holds, for the log when a wait fails. */
static void
dump_thread (void)
{
  LiaisonConversationView *view = conversation_view ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = liaison_application_get_store (app);

  g_test_message ("conversation: thread %" G_GINT64_FORMAT ", loading %d",
                  liaison_conversation_view_get_thread_id (view),
                  liaison_conversation_view_get_loading (view));
  dump_labels (GTK_WIDGET (view));
  liaison_store_list_messages_async (store, liaison_conversation_view_get_thread_id (view), NULL, 10,
                                     NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  messages = liaison_store_list_messages_finish (store, result, &error);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      LiaisonMessage *message = g_ptr_array_index (messages, i);

      g_test_message ("  stored: %s %s (%s)", liaison_message_get_direction (message),
                      liaison_message_get_body (message), liaison_message_get_status (message));
    }
}

static gboolean
wait_shows (const char *text)
{
  if (liaison_gui_test_wait_until (conversation_shows, (gpointer) text, WAIT_MS))
    return TRUE;

  dump_thread ();
  return FALSE;
}

static gboolean
notified (gpointer data)
{
  return notifications.n_notify >= GPOINTER_TO_UINT (data);
}

static gboolean
relay_connected (gpointer data)
{
  LiaisonRelayClient *client = liaison_application_get_relay_client (app);

  return client != NULL && liaison_relay_client_get_state (client) == LIAISON_RELAY_STATE_CONNECTED;
}

static gboolean
credentials_read (gpointer data)
{
  return liaison_application_get_credentials_state (app) != LIAISON_CREDENTIALS_STATE_LOADING;
}

static gboolean
outbox_ready (gpointer data)
{
  return liaison_application_get_outbox (app) != NULL;
}

static gboolean
opted_out (gpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = liaison_application_get_store (app);
  LiaisonConsentState state;

  liaison_consent_ledger_get_state_async (store, CLIENT_NUMBER, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  state = liaison_consent_ledger_get_state_finish (store, result, NULL, &error);
  g_assert_no_error (error);

  return state == LIAISON_CONSENT_OPTED_OUT;
}

/* The advisor's day */

static void
test_text_and_reply (void)
{
  g_autoptr(LiaisonMessage) delivered = NULL;
  LiaisonStoreContactInfo pat = {
    .first_name = "Pat", .last_name = "Doe", .kind = "client",
    .phones = (const char * const[]) { CLIENT_NUMBER, NULL },
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint creates_before_stop;
  gint64 message_id;

  liaison_store_add_contact_async (liaison_application_get_store (app), &pat, NULL,
                                   liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_contact_finish (liaison_application_get_store (app), result,
                                                     &error), >, 0);
  g_assert_no_error (error);

  /* Text Pat from the composer, as the contact's Text action does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.text-number", "s", "(212) 555-0147"));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpstr (liaison_conversation_view_get_remote_number (conversation_view ()), ==, CLIENT_NUMBER);

  g_signal_connect (composer (), "sent", G_CALLBACK (composer_sent_cb), NULL);
  liaison_composer_set_text (composer (), "Your forms are ready to sign.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer ()), "composer.send", NULL));
  g_assert_true (liaison_gui_test_wait_until (int64_set, &sent_message_id, WAIT_MS));
  message_id = sent_message_id;
  g_assert_true (wait_shows ("Your forms are ready to sign."));

  /* The outbox sent it (once); Twilio's callbacks come back through the relay. */
  g_assert_true (liaison_gui_test_wait_until (message_has_sid, &message_id, WAIT_MS));
  g_assert_cmpuint (sim_count_creates (), ==, 1);
  g_assert_cmpuint (sim_post ("/_sim/clock/advance", "seconds", "30", NULL), ==, 200);
  g_assert_true (liaison_gui_test_wait_until (message_delivered, &message_id, WAIT_MS));
  g_assert_true (liaison_gui_test_wait_until (row_shows_delivered, &message_id, WAIT_MS));
  delivered = get_message (message_id);
  g_assert_cmpstr (liaison_message_get_from (delivered), ==, OUR_NUMBER);

  /* Pat answers: the reply appears in the open conversation, and the desktop
   * is notified with Pat's name. */
  g_assert_cmpuint (sim_post ("/_sim/inbound/sms", "From", CLIENT_NUMBER, "To", OUR_NUMBER,
                              "Body", "Thanks, I will sign tonight.", NULL), <, 300);
  g_assert_true (wait_shows ("Thanks, I will sign tonight."));
  g_assert_true (liaison_gui_test_wait_until (notified, GUINT_TO_POINTER (1), WAIT_MS));
  g_assert_cmpstr (notifications.last_summary, ==, "Pat Doe");
  g_assert_cmpstr (notifications.last_body, ==, "Thanks, I will sign tonight.");

  /* Pat replies STOP: the next send is blocked in the window before any
   * request is made. */
  creates_before_stop = sim_count_creates ();
  g_assert_cmpuint (sim_post ("/_sim/inbound/sms", "From", CLIENT_NUMBER, "To", OUR_NUMBER,
                              "Body", "STOP", NULL), <, 300);
  g_assert_true (liaison_gui_test_wait_until (opted_out, NULL, WAIT_MS));

  sent_message_id = 0;
  liaison_composer_set_text (composer (), "One more thing about your forms.");
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (composer ()), "composer.send", NULL);
  /* Give a wrongly queued text every chance to leave. */
  for (guint i = 0; i < 50; i++)
    liaison_gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpint (sent_message_id, ==, 0);
  g_assert_cmpuint (sim_count_creates (), ==, creates_before_stop);
  g_assert_true (wait_shows ("Texting is blocked"));
}

typedef struct {
  const char *number;
  const char *text;
} DraftWait;

static gboolean
draft_shown (gpointer data)
{
  DraftWait *wait = data;
  g_autofree char *text = NULL;

  if (g_strcmp0 (liaison_conversation_view_get_remote_number (conversation_view ()), wait->number) != 0)
    return FALSE;
  text = liaison_composer_get_text (composer ());
  return g_strcmp0 (text, wait->text) == 0;
}

/* An `sms:` link (the application's open handler parses it, then asks the
 * window for the conversation with a draft). */
static void
test_sms_link (void)
{
  DraftWait wait = { "+16465550199", "Hello from your website" };

  liaison_window_compose (window, "(646) 555-0199", "Hello from your website");
  g_assert_true (liaison_gui_test_wait_until (draft_shown, &wait, WAIT_MS));
  /* Nothing is sent until the person presses Send. */
  g_assert_cmpuint (sim_count_creates (), ==, 1);
}

static gboolean
editable_contains (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_EDITABLE (widget) && strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (editable_contains (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
editor_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (LIAISON_IS_CONTACT_EDITOR (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        {
          *(GtkWidget **) data = GTK_WIDGET (toplevel);
          return TRUE;
        }
    }

  return FALSE;
}

/* A text from an unknown number: the notification's Add Contact. */
static void
test_unknown_number (void)
{
  GtkWidget *editor = NULL;
  guint before = notifications.n_notify;

  g_assert_cmpuint (sim_post ("/_sim/inbound/sms", "From", "+19175550100", "To", OUR_NUMBER,
                              "Body", "Hi, I was referred by Pat.", NULL), <, 300);
  g_assert_true (liaison_gui_test_wait_until (notified, GUINT_TO_POINTER (before + 1), WAIT_MS));
  g_assert_cmpstr (notifications.last_summary, ==, "(917) 555-0100");
  g_assert_cmpstr (notifications.last_body, ==, "Hi, I was referred by Pat.");

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "add-contact"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "add-contact", g_variant_new_string ("+19175550100"));
  g_assert_true (liaison_gui_test_wait_until (editor_open, &editor, WAIT_MS));
  g_assert_true (editable_contains (editor, "917"));
  g_assert_cmpstr (liaison_window_get_page (window), ==, "contacts");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
save_relay_token (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonSecretStore *secrets = liaison_application_get_secret_store (app);

  liaison_secret_store_save_relay_token_async (secrets, DESK_TOKEN, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_secret_store_save_relay_token_finish (secrets, result, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *sections = NULL;
  g_autofree char *token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, DESK_TOKEN, -1);
  g_autofree char *sms_url = NULL;
  GSettings *settings;
  int status;

  if (!liaison_gui_test_init (&argc, &argv))
    return 1;

  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);
  session = soup_session_new ();

  /* Twilio (the simulator) and the relay, which share the account's token. */
  sim = liaison_test_sim_start (NULL);
  g_assert_nonnull (sim);
  g_setenv ("LIAISON_TWILIO_API_BASE", sim->url, TRUE);

  relay = liaison_test_relay_new ();
  liaison_test_relay_write_file (relay, "account.token", sim->auth_token, 0600);
  sections = g_strdup_printf ("[account %s]\n"
                              "auth-token-file = account.token\n"
                              "[advisor pat-advisor]\n"
                              "token-sha256 = %s\n"
                              "numbers = " OUR_NUMBER "\n",
                              sim->account_sid, token_hash);
  liaison_test_relay_start (relay, NULL, sections);

  sms_url = g_strconcat (relay->url, "/twilio/messages/inbound", NULL);
  g_assert_cmpuint (sim_post ("/_sim/numbers", "PhoneNumber", OUR_NUMBER, "SmsUrl", sms_url, NULL), <, 300);

  start_notification_server ();

  /* The app, configured as Preferences would leave it. */
  app = liaison_gui_test_application_new ("conversation");
  settings = liaison_application_get_settings (app);
  g_settings_set_string (settings, "relay-url", relay->url);
  g_settings_set_string (settings, "sender-number", OUR_NUMBER);
  /* Any hour of the day the test runs is a fine hour to text. */
  g_settings_set_string (settings, "quiet-hours-start", "00:00");
  g_settings_set_string (settings, "quiet-hours-end", "24:00");
  g_settings_set_boolean (settings, "enforce-state-quiet-hours", FALSE);

  window = liaison_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  liaison_application_start_background_work (app);
  g_assert_true (liaison_gui_test_wait_until (outbox_ready, NULL, WAIT_MS));

  /* As the account form does once it verified them (after the keyring was read). */
  g_assert_true (liaison_gui_test_wait_until (credentials_read, NULL, WAIT_MS));
  credentials = liaison_twilio_credentials_new_auth_token (sim->account_sid, sim->auth_token);
  liaison_application_set_credentials (app, credentials);
  save_relay_token ();
  liaison_application_reload_relay_token (app);
  g_assert_true (liaison_gui_test_wait_until (relay_connected, NULL, WAIT_MS));
  liaison_gui_test_show_main (window);

  g_test_add_func ("/Liaison/Conversation/text-and-reply", test_text_and_reply);
  g_test_add_func ("/Liaison/Conversation/sms-link", test_sms_link);
  g_test_add_func ("/Liaison/Conversation/unknown-number", test_unknown_number);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_pointer (&relay, liaison_test_relay_free);
  g_clear_pointer (&sim, liaison_test_sim_stop);
  g_clear_object (&session);
  liaison_test_rmdir (data_dir);
  g_free (notifications.last_summary);
  g_free (notifications.last_body);

  return status;
}
