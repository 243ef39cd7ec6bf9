/* test-gui-click-to-call.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Click-to-call end to end, as an advisor lives it: the real app (under
 * Xvfb, with its store and relay client) asks liaison-sim to ring the
 * advisor's phone; the sim fetches the real liaison-relay's TwiML, dials the
 * client, records both sides and posts the legs' status callbacks and the
 * recording's to the relay, which streams them back to the app.
 *
 *   win.call-number → LiaisonClickToCall → liaison-sim (Calls API)
 *   liaison-sim ⇄ liaison-relay (TwiML, status callbacks) → the app
 *
 * Checked: the banner goes through calling-your-phone, ringing, on the call
 * (with its timer) and ended; the call lands in the history as one row,
 * the client's, with the recording; opening it downloads the recording into
 * the player, Twilio Voice Intelligence transcribes it and the summary
 * shows (and both are stored); a `tel:` link calls as the action does; a busy client
 * shows "Busy"; Hang Up ends a call in progress. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "liaison-application.h"
#include "liaison-call-banner.h"
#include "liaison-call-detail.h"
#include "liaison-calls-page.h"
#include "liaison-player.h"
#include "liaison-voicemail-page.h"
#include "liaison-secret-store.h"
#include "liaison-test-relay.h"
#include "liaison-test-utils.h"
#include "liaison-window.h"
#include "test-gui-utils.h"

#define OUR_NUMBER    "+15005550006"
#define ADVISOR_PHONE "+12025550101"
#define CLIENT_NUMBER "+12125550143"
#define BUSY_CLIENT   "+12125550177"
#define DESK_TOKEN    "desk-token-ctc-0001"
#define MAX_STEPS     600

static LiaisonApplication *app;
static LiaisonWindow *window;
static LiaisonTestSim *sim;
static LiaisonTestRelay *relay;
static SoupSession *session;

static void
sim_post (const char *path,
          const char *form)
{
  g_autofree char *url = g_strconcat (sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 300);
}

static LiaisonCallBanner *
banner (void)
{
  return LIAISON_CALL_BANNER (liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_CALL_BANNER));
}

/* What the banner said, in order, without repeats. */
static void
banner_changed_cb (LiaisonLiveCall *call,
                   GParamSpec      *pspec,
                   GPtrArray       *seen)
{
  const char *detail = liaison_call_banner_get_detail (banner ());

  if (seen->len == 0 || g_strcmp0 (g_ptr_array_index (seen, seen->len - 1), detail) != 0)
    g_ptr_array_add (seen, g_strdup (detail));
}

static gboolean
has_live_call (gpointer data)
{
  return liaison_application_get_live_call (app) != NULL &&
         liaison_application_get_live_call (app) != data;
}

typedef gboolean (*Condition) (LiaisonLiveCall *call);

/* Moves the sim's clock a second at a time (its calls ring, answer and
 * end in simulated time) until @condition holds. */
static void
run_until (LiaisonLiveCall *call,
           Condition        condition)
{
  for (guint step = 0; step < MAX_STEPS && !condition (call); step++)
    {
      gint64 until = g_get_monotonic_time () + 30 * 1000;

      sim_post ("/_sim/clock/advance", "seconds=1");
      /* The webhooks go to the relay, then back to the app. */
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (condition (call));
}

static gboolean
is_over_with_recording (LiaisonLiveCall *call)
{
  return liaison_live_call_is_over (call) && liaison_live_call_get_recording_sid (call) != NULL;
}

static gboolean
is_in_progress (LiaisonLiveCall *call)
{
  return liaison_live_call_get_state (call) == LIAISON_LIVE_CALL_IN_PROGRESS;
}

static gboolean
is_over (LiaisonLiveCall *call)
{
  return liaison_live_call_is_over (call);
}

static LiaisonLiveCall *
call_from_window (const char *number,
                  GPtrArray  *seen)
{
  LiaisonLiveCall *previous = liaison_application_get_live_call (app);
  LiaisonLiveCall *call;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.call-number", "s", number);
  g_assert_true (liaison_gui_test_wait_until (has_live_call, previous, 20000));
  call = liaison_application_get_live_call (app);
  if (seen != NULL)
    {
      g_signal_connect (call, "notify", G_CALLBACK (banner_changed_cb), seen);
      banner_changed_cb (call, NULL, seen);
    }

  return g_object_ref (call);
}

typedef struct {
  const char *sid;
} CallWait;

static gboolean
history_has_recorded_call (gpointer data)
{
  CallWait *wait = data;
  LiaisonCallsPage *page = LIAISON_CALLS_PAGE (liaison_gui_test_find_child (GTK_WIDGET (window),
                                                                            LIAISON_TYPE_CALLS_PAGE));
  GListModel *calls = liaison_calls_page_get_calls (page);

  for (guint i = 0; i < g_list_model_get_n_items (calls); i++)
    {
      g_autoptr(LiaisonCall) call = g_list_model_get_item (calls, i);

      if (g_strcmp0 (liaison_call_get_sid (call), wait->sid) == 0)
        return liaison_call_has_recording (call) &&
               g_strcmp0 (liaison_call_get_status (call), "completed") == 0;
    }

  return FALSE;
}

static gboolean
recording_downloaded (gpointer data)
{
  return liaison_call_detail_get_recording_path (LIAISON_CALL_DETAIL (data)) != NULL;
}

/* Moves the sim's clock while the detail works (Twilio's transcript is
 * ready after some simulated seconds). */
static void
run_while_busy (LiaisonCallDetail *detail)
{
  for (guint step = 0; step < MAX_STEPS && liaison_call_detail_get_busy (detail); step++)
    {
      gint64 until = g_get_monotonic_time () + 50 * 1000;

      sim_post ("/_sim/clock/advance", "seconds=1");
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_false (liaison_call_detail_get_busy (detail));
}

static void
create_intelligence_service (void)
{
  LiaisonTwilioClient *client = liaison_application_get_twilio_client (app);
  g_autoptr(LiaisonTwilioIntelligenceService) service = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_twilio_client_create_intelligence_service_async (client, "liaison-e2e", NULL, NULL, NULL,
                                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  service = liaison_twilio_client_create_intelligence_service_finish (client, result, &error);
  g_assert_no_error (error);
}

static void
test_call_completed (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LiaisonLiveCall) call = NULL;
  CallWait wait;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "calls");
  /* What each side says, for the recording's two channels. */
  sim_post ("/_sim/calls/dial-outcome",
            "outcome=answered&To=%2B12025550101&duration=30"
            "&Speech=Hello%20Dana%2C%20this%20is%20Pat.%20I%20will%20send%20you%20the%20rollover%20forms%20by%20Friday.");
  sim_post ("/_sim/calls/dial-outcome",
            "outcome=answered&To=%2B12125550143&duration=20"
            "&Speech=Thanks%20Pat.%20Please%20call%20me%20back%20next%20Tuesday%20about%20the%20%24250%2C000%20account.");
  call = call_from_window (CLIENT_NUMBER, seen);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "Calling your phone — answer it to be connected");

  run_until (call, is_in_progress);
  g_assert_nonnull (liaison_call_banner_get_timer (banner ()));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-click-to-call.png"));

  run_until (call, is_over_with_recording);

  /* The banner followed the relay's events, in order. */
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("banner: %s", (char *) g_ptr_array_index (seen, i));
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "Ringing…");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "On the call");
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, "Call ended");
  g_assert_cmpint (liaison_live_call_get_state (call), ==, LIAISON_LIVE_CALL_COMPLETED);

  /* The history has it, with its recording, from the relay's events: the
   * client's leg (the advisor's own leg is not listed). */
  wait.sid = liaison_live_call_get_child_call_sid (call);
  g_assert_nonnull (wait.sid);
  g_assert_true (liaison_gui_test_wait_until (history_has_recorded_call, &wait, 20000));
  g_signal_handlers_disconnect_by_func (call, banner_changed_cb, seen);

  /* Review it: the recording downloads on demand, Twilio transcribes it,
   * the summary shows, labelled with its source. */
  create_intelligence_service ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-call", "s", wait.sid);
  {
    LiaisonCallsPage *page = LIAISON_CALLS_PAGE (liaison_gui_test_find_child (GTK_WIDGET (window),
                                                                              LIAISON_TYPE_CALLS_PAGE));
    LiaisonCallDetail *detail = liaison_calls_page_get_detail (page);
    LiaisonCallSummary *summary;

    g_assert_true (liaison_gui_test_wait_until (recording_downloaded, detail, 30000));
    g_assert_true (g_file_test (liaison_call_detail_get_recording_path (detail), G_FILE_TEST_IS_REGULAR));

    liaison_call_detail_transcribe (detail, LIAISON_TRANSCRIBE_WITH_TWILIO);
    g_assert_true (liaison_call_detail_get_busy (detail));
    run_while_busy (detail);

    g_test_message ("%u sentences; %s", g_list_model_get_n_items (liaison_call_detail_get_sentences (detail)),
                    gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (detail),
                                                                                   LIAISON_TYPE_CALL_DETAIL,
                                                                                   "transcript_status_label"))));
    g_assert_cmpuint (g_list_model_get_n_items (liaison_call_detail_get_sentences (detail)), >, 0);
    summary = liaison_call_detail_get_summary (detail);
    g_assert_nonnull (summary);
    g_test_message ("summary (%s): %s", liaison_call_summary_get_source_label (summary),
                    liaison_call_summary_get_text (summary));
    liaison_gui_test_wait_frame (GTK_WIDGET (window));
    g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-call-review.png"));

    /* Stored: opening the call again shows the same transcript and summary. */
    liaison_call_detail_show_call (detail, wait.sid);
    g_assert_true (liaison_gui_test_wait_until (recording_downloaded, detail, 30000));
    g_assert_cmpuint (g_list_model_get_n_items (liaison_call_detail_get_sentences (detail)), >, 0);
    g_assert_nonnull (liaison_call_detail_get_summary (detail));
  }
}

static void
test_busy (void)
{
  g_autoptr(LiaisonLiveCall) call = NULL;

  sim_post ("/_sim/calls/dial-outcome", "outcome=busy&To=%2B12125550177");
  call = call_from_window (BUSY_CLIENT, NULL);
  run_until (call, is_over);
  g_assert_cmpint (liaison_live_call_get_state (call), ==, LIAISON_LIVE_CALL_BUSY);
  g_assert_cmpstr (liaison_call_banner_get_detail (banner ()), ==, "Busy");
}

static void
test_tel_link_and_hang_up (void)
{
  g_autoptr(GFile) link = g_file_new_for_uri ("tel:+1-212-555-0143");
  g_autoptr(LiaisonLiveCall) call = NULL;
  LiaisonLiveCall *previous = liaison_application_get_live_call (app);

  /* As the desktop hands Liaison a tel: link. */
  g_application_open (G_APPLICATION (app), &link, 1, "");
  g_assert_true (liaison_gui_test_wait_until (has_live_call, previous, 20000));
  call = g_object_ref (liaison_application_get_live_call (app));
  g_assert_cmpstr (liaison_live_call_get_client_number (call), ==, CLIENT_NUMBER);

  run_until (call, is_in_progress);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.hang-up", NULL);
  run_until (call, is_over);
  g_assert_cmpint (liaison_live_call_get_state (call), ==, LIAISON_LIVE_CALL_COMPLETED);
}

static LiaisonVoicemailPage *
voicemail_page (void)
{
  return LIAISON_VOICEMAIL_PAGE (liaison_gui_test_find_child (GTK_WIDGET (window),
                                                              LIAISON_TYPE_VOICEMAIL_PAGE));
}

static gboolean
has_voicemails (gpointer data)
{
  LiaisonVoicemailPage *page = voicemail_page ();

  return page != NULL &&
         g_list_model_get_n_items (liaison_voicemail_page_get_voicemails (page)) == GPOINTER_TO_UINT (data);
}

static gboolean
has_preview (gpointer data)
{
  GListModel *voicemails = liaison_voicemail_page_get_voicemails (voicemail_page ());
  g_autoptr(LiaisonVoicemail) voicemail = NULL;
  const char *preview;

  if (g_list_model_get_n_items (voicemails) == 0)
    return FALSE;
  voicemail = g_list_model_get_item (voicemails, 0);
  preview = liaison_voicemail_get_transcript_preview (voicemail);
  return preview != NULL && *preview != '\0';
}

static gboolean
player_playing (gpointer data)
{
  LiaisonPlayer *player = LIAISON_PLAYER (liaison_voicemail_page_get_player (voicemail_page ()));

  return liaison_player_get_state (player) == LIAISON_PLAYER_STATE_PLAYING ||
         liaison_player_get_state (player) == LIAISON_PLAYER_STATE_ENDED;
}

/* An inbound call out of hours leaves a voicemail: it appears on the Voicemail page, plays in place from
 * the recording downloaded on demand, and leaves the list of those not
 * handled once marked handled. */
/* The relay's copy of the advisor's routing policy, as the desktop pushed it. */
static gboolean
policy_forwards_to_advisor (gpointer data)
{
  g_autofree char *url = g_strconcat (relay->url, "/v1/policy", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " DESK_TOKEN);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Liaison-Client", "e2e-test");
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    return FALSE;
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return strstr (text, "\"forward_to\"") != NULL && strstr (text, ADVISOR_PHONE) != NULL;
}

static void
test_voicemail (void)
{
  g_autofree char *voice_url = g_strconcat (relay->url, "/twilio/voice/inbound", NULL);
  g_autofree char *escaped = g_uri_escape_string (voice_url, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("PhoneNumber=%%2B15005550006&VoiceUrl=%s", escaped);
  g_autoptr(LiaisonVoicemail) voicemail = NULL;
  LiaisonVoicemailPage *page;

  /* Business-hours calls would ring Your Phone for Calls: the desktop told
   * the relay so. Out of hours (this test has no working days), voicemail. */
  g_assert_true (liaison_gui_test_wait_until (policy_forwards_to_advisor, NULL, 30000));

  sim_post ("/_sim/numbers", form);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "voicemail");
  page = voicemail_page ();
  g_assert_nonnull (page);
  g_assert_true (liaison_gui_test_wait_until (has_voicemails, GUINT_TO_POINTER (0), 20000));

  sim_post ("/_sim/inbound/call",
            "From=%2B12125550188&To=%2B15005550006"
            "&Speech=Hi%20Pat%2C%20it%20is%20Dana.%20Please%20call%20me%20back%20about%20the%20rollover.");
  for (guint step = 0; step < MAX_STEPS && !has_voicemails (GUINT_TO_POINTER (1)); step++)
    {
      gint64 until = g_get_monotonic_time () + 30 * 1000;

      sim_post ("/_sim/clock/advance", "seconds=1");
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (has_voicemails (GUINT_TO_POINTER (1)));
  voicemail = g_list_model_get_item (liaison_voicemail_page_get_voicemails (page), 0);
  g_assert_cmpstr (liaison_voicemail_get_from (voicemail), ==, "+12125550188");
  g_assert_nonnull (liaison_voicemail_get_recording_sid (voicemail));
  g_assert_false (liaison_voicemail_is_handled (voicemail));

  /* Twilio's transcription of it follows: the list shows its start. */
  for (guint step = 0; step < MAX_STEPS && !has_preview (NULL); step++)
    {
      gint64 until = g_get_monotonic_time () + 30 * 1000;

      sim_post ("/_sim/clock/advance", "seconds=1");
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (has_preview (NULL));
  g_clear_object (&voicemail);
  voicemail = g_list_model_get_item (liaison_voicemail_page_get_voicemails (page), 0);
  g_test_message ("preview: %s", liaison_voicemail_get_transcript_preview (voicemail));
  g_assert_nonnull (strstr (liaison_voicemail_get_transcript_preview (voicemail), "call me back"));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-voicemail.png"));

  /* Play in place. */
  liaison_voicemail_page_play (page, liaison_voicemail_get_id (voicemail));
  g_assert_cmpint (liaison_voicemail_page_get_playing_id (page), ==, liaison_voicemail_get_id (voicemail));
  g_assert_true (liaison_gui_test_wait_until (player_playing, NULL, 30000));

  /* Handled: gone from the list of those still to handle. */
  liaison_voicemail_page_set_unhandled_only (page, TRUE);
  g_assert_true (liaison_gui_test_wait_until (has_voicemails, GUINT_TO_POINTER (1), 20000));
  liaison_voicemail_page_set_handled (page, liaison_voicemail_get_id (voicemail), TRUE);
  g_assert_true (liaison_gui_test_wait_until (has_voicemails, GUINT_TO_POINTER (0), 20000));
  liaison_voicemail_page_set_unhandled_only (page, FALSE);
  g_assert_true (liaison_gui_test_wait_until (has_voicemails, GUINT_TO_POINTER (1), 20000));
  g_clear_object (&voicemail);
  voicemail = g_list_model_get_item (liaison_voicemail_page_get_voicemails (page), 0);
  g_assert_true (liaison_voicemail_is_handled (voicemail));
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
relay_client_ready (gpointer data)
{
  return liaison_application_get_relay_client (app) != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *sections = NULL;
  g_autofree char *token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, DESK_TOKEN, -1);
  g_autofree char *number_form = NULL;
  GSettings *settings;
  int status;

  if (!liaison_gui_test_init (&argc, &argv))
    return 1;

  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);
  session = soup_session_new ();

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
  number_form = g_strdup_printf ("PhoneNumber=%%2B15005550006");
  sim_post ("/_sim/numbers", number_form);

  /* The app, configured as Preferences would leave it. */
  app = liaison_gui_test_application_new ("click-to-call");
  settings = liaison_application_get_settings (app);
  g_settings_set_string (settings, "relay-url", relay->url);
  g_settings_set_string (settings, "sender-number", OUR_NUMBER);
  g_settings_set_string (settings, "advisor-phone", ADVISOR_PHONE);
  /* Always after hours: inbound calls go to voicemail whatever the time. */
  g_settings_set_strv (settings, "business-days", NULL);

  window = liaison_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  liaison_application_start_background_work (app);
  g_assert_true (liaison_gui_test_wait_until (relay_client_ready, NULL, 30000));

  g_assert_true (liaison_gui_test_wait_until (credentials_read, NULL, 30000));
  credentials = liaison_twilio_credentials_new_auth_token (sim->account_sid, sim->auth_token);
  liaison_application_set_credentials (app, credentials);
  save_relay_token ();
  liaison_application_reload_relay_token (app);
  g_assert_true (liaison_gui_test_wait_until (relay_connected, NULL, 30000));
  liaison_gui_test_show_main (window);
  liaison_gui_test_wait_view_settled (window);

  g_test_add_func ("/Liaison/ClickToCall/completed", test_call_completed);
  g_test_add_func ("/Liaison/ClickToCall/busy", test_busy);
  g_test_add_func ("/Liaison/ClickToCall/tel-link-and-hang-up", test_tel_link_and_hang_up);
  g_test_add_func ("/Liaison/ClickToCall/voicemail", test_voicemail);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_pointer (&relay, liaison_test_relay_free);
  g_clear_pointer (&sim, liaison_test_sim_stop);
  g_clear_object (&session);
  liaison_test_rmdir (data_dir);

  return status;
}
