/* test-gui-calls.c: the call history page, the call banner and the
 * click-to-call checks of the window, under Xvfb, on a real store.
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "liaison-call-banner.h"
#include "liaison-call-detail.h"
#include "liaison-call-row.h"
#include "liaison-calls-page.h"
#include "liaison-test-utils.h"
#include "test-gui-utils.h"

#define HOUR G_GINT64_CONSTANT (3600000000)
#define DAY  (24 * HOUR)

#define OUR_NUMBER "+12035550100"
#define ALICE      "+12035550111"
#define BOB        "+12035550122"
#define CAROL      "+12035550133"

static LiaisonApplication *app;
static LiaisonWindow *window;
static LiaisonStore *store;
static gint64 alice_id;

/* The model server the summary endpoint test talks to (not Twilio, not ours:
 * an OpenAI-compatible server a firm may run). */
static SoupServer *model_server;
static char *model_url;
static guint model_requests;
static char *model_last_body;

static void
upsert_call (const char *sid,
             const char *direction,
             const char *remote,
             const char *status,
             gint64      started_at,
             int         duration_s)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean inbound = g_strcmp0 (direction, "inbound") == 0;
  LiaisonStoreCallInfo info = {
    .sid = sid,
    .direction = direction,
    .from = inbound ? remote : OUR_NUMBER,
    .to = inbound ? OUR_NUMBER : remote,
    .status = status,
    .started_at = started_at,
    .answered_at = duration_s > 0 ? started_at + 5 * G_USEC_PER_SEC : 0,
    .ended_at = started_at + (duration_s + 5) * (gint64) G_USEC_PER_SEC,
    .duration_s = duration_s,
    .event_time = started_at,
  };

  liaison_store_upsert_call_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_upsert_call_finish (store, result, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
add_recording (const char *call_sid,
               const char *recording_sid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreRecordingInfo info = {
    .sid = recording_sid,
    .call_sid = call_sid,
    .status = "completed",
    .duration_s = 65,
    .channels = 2,
  };

  liaison_store_upsert_recording_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_upsert_recording_finish (store, result, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static char *
sid (char        prefix_c,
     guint       n)
{
  return g_strdup_printf ("%s%032x", prefix_c == 'C' ? "CA" : "RE", n);
}

static void
make_fixture (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char * const phones[] = { ALICE, NULL };
  LiaisonStoreContactInfo contact = {
    .first_name = "Alice",
    .last_name = "Example",
    .phones = phones,
  };
  gint64 now = g_get_real_time ();
  g_autofree char *c1 = sid ('C', 1), *c2 = sid ('C', 2), *c3 = sid ('C', 3), *c4 = sid ('C', 4);
  g_autofree char *r1 = sid ('R', 1);

  store = liaison_store_new (path);
  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_clear_object (&result);

  liaison_store_add_contact_async (store, &contact, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  alice_id = liaison_store_add_contact_finish (store, result, &error);
  g_assert_cmpint (alice_id, >, 0);
  g_clear_object (&result);

  /* Newest first: a missed call from Bob, Alice answered and recorded, an
   * outgoing call to Carol that was busy, and Alice called last month. */
  upsert_call (c1, "inbound", BOB, "no-answer", now - HOUR, 0);
  upsert_call (c2, "inbound", ALICE, "completed", now - 2 * HOUR, 151);
  add_recording (c2, r1);
  {
    g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (sentences, liaison_transcript_sentence_new (0, 1, "advisor", 0, 3000,
                                                                 "Hello Alice, it is Pat.", -1));
    g_ptr_array_add (sentences, liaison_transcript_sentence_new (1, 2, "client", 3500, 7000,
                                                                 "Can you send the rollover forms by Friday?", -1));
    liaison_store_save_transcript_async (store, c2, r1, "local", "pocketsphinx", NULL, "en-US", sentences,
                                         NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    g_assert_cmpint (liaison_store_save_transcript_finish (store, result, &error), >, 0);
    g_clear_object (&result);
  }
  upsert_call (c3, "outbound-api", CAROL, "busy", now - 3 * HOUR, 0);
  upsert_call (c4, "outbound-api", ALICE, "completed", now - 20 * DAY, 42);
}

static LiaisonCallsPage *
calls_page (void)
{
  return LIAISON_CALLS_PAGE (liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_CALLS_PAGE));
}

typedef struct {
  guint n;
} CountWait;

static gboolean
n_calls_is (gpointer data)
{
  CountWait *wait = data;
  GListModel *calls = liaison_calls_page_get_calls (calls_page ());

  return g_list_model_get_n_items (calls) == wait->n;
}

static LiaisonCall *
call_at (guint position)
{
  return g_list_model_get_item (liaison_calls_page_get_calls (calls_page ()), position);
}

static LiaisonCallRow *
row_for (const char *call_sid)
{
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (calls_page ()), LIAISON_TYPE_CALLS_PAGE,
                                                   "list_view");
  GtkWidget *child;

  /* The list's rows are its children's children. */
  for (child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (LIAISON_IS_CALL_ROW (row) && liaison_call_row_get_call (LIAISON_CALL_ROW (row)) != NULL &&
          g_strcmp0 (liaison_call_get_sid (liaison_call_row_get_call (LIAISON_CALL_ROW (row))), call_sid) == 0)
        return LIAISON_CALL_ROW (row);
    }

  return NULL;
}

static void
wait_n_calls (guint n)
{
  CountWait wait = { n };

  g_assert_true (liaison_gui_test_wait_until (n_calls_is, &wait, 20000));
}

static void
test_history (void)
{
  g_autofree char *c1 = sid ('C', 1), *c2 = sid ('C', 2);
  g_autoptr(LiaisonCall) first = NULL;
  g_autoptr(LiaisonCall) second = NULL;
  LiaisonCallRow *missed_row, *recorded_row;
  GtkWidget *outcome, *recorded;

  if (liaison_gui_test_no_display ())
    return;

  wait_n_calls (4);

  /* Newest first, with the contact's name where there is one. */
  first = call_at (0);
  second = call_at (1);
  g_assert_cmpstr (liaison_call_get_sid (first), ==, c1);
  g_assert_true (liaison_call_get_is_missed (first));
  g_assert_cmpstr (liaison_call_get_sid (second), ==, c2);
  g_assert_cmpstr (liaison_call_get_contact_name (second), ==, "Alice Example");
  g_assert_true (liaison_call_has_recording (second));

  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  missed_row = row_for (c1);
  recorded_row = row_for (c2);
  g_assert_nonnull (missed_row);
  g_assert_nonnull (recorded_row);

  /* The missed call stands out; the recorded one has its mark. */
  outcome = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (missed_row), LIAISON_TYPE_CALL_ROW, "outcome_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (outcome)), ==, "Missed");
  g_assert_true (gtk_widget_has_css_class (outcome, "error"));
  outcome = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (recorded_row), LIAISON_TYPE_CALL_ROW, "outcome_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (outcome)), ==, "2:31");
  g_assert_false (gtk_widget_has_css_class (outcome, "error"));
  recorded = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (recorded_row), LIAISON_TYPE_CALL_ROW, "recording_image");
  g_assert_true (gtk_widget_get_visible (recorded));

  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-calls.png"));
}

static void
test_filters (void)
{
  g_autofree char *c1 = sid ('C', 1), *c3 = sid ('C', 3);
  g_autoptr(LiaisonCall) call = NULL;

  if (liaison_gui_test_no_display ())
    return;

  wait_n_calls (4);

  liaison_calls_page_set_show (calls_page (), LIAISON_CALLS_SHOW_MISSED);
  wait_n_calls (1);
  call = call_at (0);
  g_assert_cmpstr (liaison_call_get_sid (call), ==, c1);
  g_clear_object (&call);

  liaison_calls_page_set_show (calls_page (), LIAISON_CALLS_SHOW_OUTBOUND);
  wait_n_calls (2);
  call = call_at (0);
  g_assert_cmpstr (liaison_call_get_sid (call), ==, c3);
  g_clear_object (&call);

  liaison_calls_page_set_show (calls_page (), LIAISON_CALLS_SHOW_INBOUND);
  wait_n_calls (2);

  /* Inbound, in the last 7 days: not last month's call either way. */
  liaison_calls_page_set_show (calls_page (), LIAISON_CALLS_SHOW_ALL);
  liaison_calls_page_set_period (calls_page (), LIAISON_CALLS_PERIOD_WEEK);
  wait_n_calls (3);

  /* One contact's calls, from every period. */
  liaison_calls_page_set_period (calls_page (), LIAISON_CALLS_PERIOD_ANY);
  liaison_calls_page_set_contact (calls_page (), alice_id, "Alice Example");
  wait_n_calls (2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LiaisonCall) mine = call_at (i);

      g_assert_cmpint (liaison_call_get_contact_id (mine), ==, alice_id);
    }

  liaison_calls_page_set_contact (calls_page (), 0, NULL);
  wait_n_calls (4);
}

static void
test_live_update (void)
{
  g_autofree char *c5 = sid ('C', 5);
  g_autoptr(LiaisonCall) call = NULL;

  if (liaison_gui_test_no_display ())
    return;

  wait_n_calls (4);

  /* A call the relay just reported: read and put on top. */
  upsert_call (c5, "inbound", CAROL, "ringing", g_get_real_time (), 0);
  liaison_calls_page_refresh_call (calls_page (), c5);
  wait_n_calls (5);
  call = call_at (0);
  g_assert_cmpstr (liaison_call_get_sid (call), ==, c5);
  g_assert_cmpstr (liaison_call_get_status (call), ==, "ringing");
  g_clear_object (&call);

  /* Answered: the same row, updated in place. */
  upsert_call (c5, "inbound", CAROL, "completed", g_get_real_time () - 60 * G_USEC_PER_SEC, 55);
  liaison_calls_page_refresh_call (calls_page (), c5);
  while (TRUE)
    {
      call = call_at (0);
      if (g_strcmp0 (liaison_call_get_status (call), "completed") == 0)
        break;
      g_clear_object (&call);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (g_list_model_get_n_items (liaison_calls_page_get_calls (calls_page ())), ==, 5);
}

static void
test_banner (void)
{
  LiaisonCallBanner *banner;
  g_autoptr(LiaisonLiveCall) call = liaison_live_call_new ("CA" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", CAROL);
  GtkWidget *hang_up;

  if (liaison_gui_test_no_display ())
    return;

  banner = LIAISON_CALL_BANNER (liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_CALL_BANNER));
  g_assert_nonnull (banner);
  hang_up = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (banner), LIAISON_TYPE_CALL_BANNER, "hang_up_button");

  liaison_call_banner_set_call (banner, call, "Carol");
  g_assert_cmpstr (liaison_call_banner_get_detail (banner), ==,
                   "Calling your phone — answer it to be connected");
  g_assert_true (gtk_widget_get_visible (hang_up));
  g_assert_null (liaison_call_banner_get_timer (banner));

  /* The advisor answered; the client's leg rings, then answers. */
  g_assert_true (liaison_live_call_apply_status (call, "CA" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL,
                                                 "in-progress", 0));
  g_assert_true (liaison_live_call_apply_status (call, "CA" "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                                 "CA" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ringing", 0));
  g_assert_cmpstr (liaison_call_banner_get_detail (banner), ==, "Ringing…");
  g_assert_true (liaison_live_call_apply_status (call, "CA" "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                                 "CA" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "in-progress", 0));
  g_assert_cmpstr (liaison_call_banner_get_detail (banner), ==, "On the call");
  g_assert_cmpstr (liaison_call_banner_get_timer (banner), ==, "0:00");
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-call-banner.png"));

  /* Over: no Hang Up any more, a way to dismiss it. */
  g_assert_true (liaison_live_call_apply_status (call, "CA" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL,
                                                 "completed", 0));
  g_assert_cmpstr (liaison_call_banner_get_detail (banner), ==, "Call ended");
  g_assert_false (gtk_widget_get_visible (hang_up));

  liaison_call_banner_set_call (banner, NULL, NULL);
}

static void
test_call_needs_setup (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonLiveCall) call = NULL;

  if (liaison_gui_test_no_display ())
    return;

  /* No Twilio account in this profile: the call is refused before any
   * request, with what to do. */
  liaison_application_call_number_async (app, CAROL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  call = liaison_application_call_number_finish (app, result, &error);
  g_assert_null (call);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_assert_null (liaison_application_get_live_call (app));
}

static void
model_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  static const char answer[] =
    "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": "
    "\"{\\\"headline\\\": \\\"Rollover forms\\\", \\\"summary\\\": "
    "\\\"Alice asked for the rollover forms.\\\", \\\"action_items\\\": "
    "[\\\"Send Alice the rollover forms by Friday\\\"], \\\"dates\\\": [\\\"Friday\\\"], "
    "\\\"times\\\": [], \\\"amounts\\\": [], \\\"compliance_flags\\\": []}\"}}]}";
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  model_requests++;
  g_free (model_last_body);
  model_last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!g_str_equal (path, "/v1/chat/completions"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, answer, strlen (answer));
}

static gboolean
detail_shows_sentences (gpointer data)
{
  return g_list_model_get_n_items (liaison_call_detail_get_sentences (LIAISON_CALL_DETAIL (data))) == 2;
}

static gboolean
endpoint_dialog_open (gpointer data)
{
  return liaison_call_detail_get_endpoint_dialog (LIAISON_CALL_DETAIL (data)) != NULL;
}

static gboolean
endpoint_summary_shown (gpointer data)
{
  LiaisonCallSummary *summary = liaison_call_detail_get_summary (LIAISON_CALL_DETAIL (data));

  return summary != NULL && liaison_call_summary_get_source (summary) == LIAISON_SUMMARY_SOURCE_ENDPOINT &&
         !liaison_call_detail_get_busy (LIAISON_CALL_DETAIL (data));
}

/* The optional model server: nothing is sent until Send in the dialog that
 * shows what will be; then its summary is shown, labelled as its. */
static void
test_summary_endpoint (void)
{
  g_autofree char *c2 = sid ('C', 2);
  GSettings *settings = liaison_application_get_settings (app);
  LiaisonCallDetail *detail;
  GtkWindow *dialog;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (liaison_gui_test_no_display ())
    return;

  model_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (model_server, NULL, model_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (model_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (model_server);
  model_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* "http://127.0.0.1:PORT/": the endpoint adds v1/chat/completions. */
  if (g_str_has_suffix (model_url, "/"))
    model_url[strlen (model_url) - 1] = '\0';
  g_settings_set_string (settings, "summary-endpoint-url", model_url);
  g_settings_set_string (settings, "summary-endpoint-model", "advisor-notes");

  liaison_calls_page_show_call (calls_page (), c2);
  detail = liaison_calls_page_get_detail (calls_page ());
  g_assert_true (liaison_gui_test_wait_until (detail_shows_sentences, detail, 20000));

  /* Cancel: nothing is sent. */
  liaison_call_detail_summarize_with_endpoint (detail);
  g_assert_true (liaison_gui_test_wait_until (endpoint_dialog_open, detail, 20000));
  dialog = liaison_call_detail_get_endpoint_dialog (detail);
  liaison_gui_test_wait_frame (GTK_WIDGET (dialog));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (dialog), "screenshot-summary-endpoint.png"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_null (liaison_call_detail_get_endpoint_dialog (detail));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (model_requests, ==, 0);

  /* Send: the request carries the transcript and the model; the answer is
   * the summary shown. */
  liaison_call_detail_summarize_with_endpoint (detail);
  g_assert_true (liaison_gui_test_wait_until (endpoint_dialog_open, detail, 20000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (liaison_call_detail_get_endpoint_dialog (detail)), "send");
  g_assert_true (liaison_gui_test_wait_until (endpoint_summary_shown, detail, 20000));
  g_assert_cmpuint (model_requests, ==, 1);
  g_assert_nonnull (strstr (model_last_body, "rollover forms by Friday"));
  g_assert_nonnull (strstr (model_last_body, "advisor-notes"));
  g_assert_cmpstr (liaison_call_summary_get_text (liaison_call_detail_get_summary (detail)), ==,
                   "Alice asked for the rollover forms.");

  g_settings_reset (settings, "summary-endpoint-url");
  g_settings_reset (settings, "summary-endpoint-model");
  g_clear_object (&model_server);
  g_clear_pointer (&model_url, g_free);
  g_clear_pointer (&model_last_body, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  int ret;

  liaison_gui_test_init (&argc, &argv);

  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);
  db_path = g_build_filename (data_dir, "liaison.db", NULL);
  make_fixture (db_path);

  if (gdk_display_get_default () != NULL)
    {
      app = liaison_gui_test_application_new ("test-gui-calls");
      window = liaison_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      liaison_gui_test_wait_frame (GTK_WIDGET (window));
      liaison_gui_test_show_main (window);
      liaison_gui_test_wait_view_settled (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "calls");
    }

  g_test_add_func ("/Liaison/Calls/history", test_history);
  g_test_add_func ("/Liaison/Calls/filters", test_filters);
  g_test_add_func ("/Liaison/Calls/live-update", test_live_update);
  g_test_add_func ("/Liaison/Calls/banner", test_banner);
  g_test_add_func ("/Liaison/Calls/call-needs-setup", test_call_needs_setup);
  g_test_add_func ("/Liaison/Calls/summary-endpoint", test_summary_endpoint);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&store);
  liaison_test_rmdir (data_dir);

  return ret;
}
