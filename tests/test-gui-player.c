/* test-gui-player.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recording review widgets on a real window (Xvfb): LiaisonRecordingPlayer
 * playing a real dual-channel WAV made here with GStreamer (20 s at 8 kHz,
 * the advisor loud on channel 0, the client quiet on channel 1), and
 * LiaisonTranscriptView with 200 sentences, 100 ms apart.
 */

#define G_LOG_DOMAIN "test-gui-player"

#include "config.h"

#include <gst/gst.h>

#include "liaison-media.h"
#include "liaison-recording-player.h"
#include "liaison-test-utils.h"
#include "liaison-transcript-row.h"
#include "liaison-transcript-view.h"
#include "liaison-waveform-view.h"
#include "test-gui-utils.h"

#define DURATION_MS   20000
#define N_SENTENCES   200
#define SENTENCE_MS   100
/* Seeks land on a sample; the reported position may be a buffer off. */
#define SLACK_MS      300
#define WAIT_MS       30000

static char *tmp_dir;
static char *wav_path;
static GtkWidget *window;
static LiaisonRecordingPlayer *player;
static LiaisonTranscriptView *transcript;
static GtkBox *box;

/* Fixture */

static void
write_wav (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  /* 200 buffers of 800 samples at 8 kHz: 20 s. */
  pipeline = gst_parse_launch ("audiotestsrc wave=sine freq=300 volume=0.9 num-buffers=200 samplesperbuffer=800 "
                               "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! i.sink_0 "
                               "audiotestsrc wave=sine freq=500 volume=0.1 num-buffers=200 samplesperbuffer=800 "
                               "! audio/x-raw,format=S16LE,rate=8000,channels=1 ! i.sink_1 "
                               "interleave name=i ! audio/x-raw,channels=2 ! wavenc ! filesink name=out",
                               &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  g_object_set (sink, "location", path, NULL);

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static gboolean
is_mortgage_sentence (guint i)
{
  return i % 10 == 3;
}

static GPtrArray *
make_sentences (void)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);

  /* Given out of order: the view sorts them by time. */
  for (guint k = 0; k < N_SENTENCES; k++)
    {
      guint i = (k * 7) % N_SENTENCES;
      g_autofree char *text = NULL;

      if (is_mortgage_sentence (i))
        text = g_strdup_printf ("Sentence %u is about the Mortgage rate.", i);
      else
        text = g_strdup_printf ("Sentence %u is about the account.", i);

      g_ptr_array_add (sentences,
                       liaison_transcript_sentence_new (i, i % 2 == 0 ? 1 : 2,
                                                        i % 2 == 0 ? "advisor" : "client",
                                                        (gint64) i * SENTENCE_MS,
                                                        (gint64) i * SENTENCE_MS + 90,
                                                        text, 0.9));
    }

  return sentences;
}

/* Helpers */

static GtkWidget *
player_child (const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (player),
                                                    LIAISON_TYPE_RECORDING_PLAYER, name));
}

static GtkWidget *
transcript_child (const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (transcript),
                                                    LIAISON_TYPE_TRANSCRIPT_VIEW, name));
}

static LiaisonWaveformView *
waveform_view (void)
{
  return LIAISON_WAVEFORM_VIEW (player_child ("waveform_view"));
}

static LiaisonPlayer *
engine (void)
{
  return liaison_recording_player_get_player (player);
}

typedef struct
{
  gint64 target;
  gint64 slack;
} Near;

static gboolean
position_near_cb (gpointer data)
{
  Near *near = data;
  gint64 position = liaison_player_get_position_ms (engine ());

  return ABS (position - near->target) <= near->slack;
}

static void
assert_position_near (gint64 target)
{
  Near near = { target, SLACK_MS };

  if (!liaison_gui_test_wait_until (position_near_cb, &near, WAIT_MS))
    g_error ("Position %" G_GINT64_FORMAT " ms, expected about %" G_GINT64_FORMAT " ms",
             liaison_player_get_position_ms (engine ()), target);
}

/* Made by the first test, not in main(): GStreamer's registry and the
 * cache folder then live in the test's isolated folders. */
static void
ensure_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  GtkWidget *vbox;

  if (window != NULL)
    return;

  if (!liaison_media_init (&error))
    g_error ("GStreamer: %s", error->message);

  tmp_dir = liaison_test_mkdtemp ();
  wav_path = g_build_filename (tmp_dir, "call.wav", NULL);
  write_wav (wav_path);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 560);
  vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  box = GTK_BOX (vbox);

  player = LIAISON_RECORDING_PLAYER (liaison_recording_player_new ());
  transcript = LIAISON_TRANSCRIPT_VIEW (liaison_transcript_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (transcript), TRUE);
  gtk_box_append (box, GTK_WIDGET (player));
  gtk_box_append (box, GTK_WIDGET (transcript));
  gtk_window_set_child (GTK_WINDOW (window), vbox);

  sentences = make_sentences ();
  liaison_transcript_view_set_sentences (transcript, sentences);
  liaison_recording_player_connect_transcript (player, transcript);

  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (window);
  liaison_recording_player_load (player, wav_path, 19000);
}

static gboolean
no_display (void)
{
  if (liaison_gui_test_no_display ())
    return TRUE;

  ensure_fixture ();
  return FALSE;
}

/* Loading */

static gboolean
loaded_cb (gpointer data)
{
  return liaison_waveform_view_get_n_lanes (waveform_view ()) > 0 &&
         liaison_player_get_state (engine ()) == LIAISON_PLAYER_STATE_PAUSED &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (player_child ("total_label"))), "0:20") == 0 &&
         !gtk_widget_get_visible (player_child ("waveform_progress"));
}

static void
test_load (void)
{
  LiaisonWaveform *waveform;
  const float *advisor, *client;
  float advisor_max = 0, client_max = 0;

  if (no_display ())
    return;

  if (!liaison_gui_test_wait_until (loaded_cb, NULL, WAIT_MS))
    g_error ("Not loaded: state %d, lanes %u, total \"%s\"",
             liaison_player_get_state (engine ()),
             liaison_waveform_view_get_n_lanes (waveform_view ()),
             gtk_label_get_label (GTK_LABEL (player_child ("total_label"))));

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (player_child ("elapsed_label"))), ==, "0:00");
  g_assert_cmpuint (liaison_waveform_view_get_n_lanes (waveform_view ()), ==, 2);
  g_assert_cmpint (liaison_recording_player_get_duration_ms (player), ==, DURATION_MS);
  g_assert_cmpint (liaison_waveform_view_get_duration_ms (waveform_view ()), ==, DURATION_MS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (player_child ("stack"))), ==, "player");

  /* The lanes are the two channels: the advisor's is the loud one. */
  waveform = liaison_waveform_view_get_waveform (waveform_view ());
  g_assert_nonnull (waveform);
  advisor = liaison_waveform_get_peaks (waveform, 0);
  client = liaison_waveform_get_peaks (waveform, 1);
  for (gsize i = 0; i < liaison_waveform_get_n_buckets (waveform); i++)
    {
      advisor_max = MAX (advisor_max, advisor[i]);
      client_max = MAX (client_max, client[i]);
    }
  g_assert_cmpfloat (advisor_max, >, 0.5f);
  g_assert_cmpfloat (client_max, <, 0.3f);
  g_assert_cmpfloat (client_max, >, 0.01f);

  liaison_gui_test_wait_frame (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (waveform_view ())), >, 100);
}

/* Seeking from the waveform */

static GtkGesture *
find_drag_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }

  return NULL;
}

static void
record_seek_cb (LiaisonWaveformView *view,
                gint64               position_ms,
                gint64              *out)
{
  *out = position_ms;
}

static void
test_click_seek (void)
{
  LiaisonWaveformView *view;
  GtkGesture *drag;
  gint64 sought = -1;
  gulong handler;
  int width;

  if (no_display ())
    return;

  view = waveform_view ();
  width = gtk_widget_get_width (GTK_WIDGET (view));
  drag = find_drag_gesture (GTK_WIDGET (view));
  g_assert_nonnull (drag);
  handler = g_signal_connect (view, "seek", G_CALLBACK (record_seek_cb), &sought);

  /* A click at the middle: press (drag-begin) and release (drag-end). */
  g_signal_emit_by_name (drag, "drag-begin", width / 2.0, 10.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpint (ABS (sought - DURATION_MS / 2), <=, DURATION_MS / width + 1);
  assert_position_near (DURATION_MS / 2);
  g_assert_cmpint (ABS (liaison_waveform_view_get_position_ms (view) - DURATION_MS / 2), <=, SLACK_MS);

  /* A drag from a quarter to three quarters seeks where it ends. */
  sought = -1;
  g_signal_emit_by_name (drag, "drag-begin", width / 4.0, 10.0);
  g_signal_emit_by_name (drag, "drag-update", width / 2.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", width / 2.0, 0.0);
  g_assert_cmpint (ABS (sought - DURATION_MS * 3 / 4), <=, 2 * DURATION_MS / width + 1);
  assert_position_near (DURATION_MS * 3 / 4);

  g_signal_handler_disconnect (view, handler);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (player_child ("elapsed_label"))), ==, "0:15");
}

static void
test_keys (void)
{
  GtkWidget *view;

  if (no_display ())
    return;

  view = GTK_WIDGET (waveform_view ());
  liaison_recording_player_seek (player, 10000);
  assert_position_near (10000);

  g_assert_true (gtk_widget_activate_action (view, "waveform.step-forward", NULL));
  assert_position_near (15000);
  g_assert_true (gtk_widget_activate_action (view, "waveform.step-back", NULL));
  assert_position_near (10000);
  g_assert_true (gtk_widget_activate_action (view, "waveform.step-back", NULL));
  assert_position_near (5000);
  g_assert_true (gtk_widget_activate_action (view, "waveform.step-back", NULL));
  assert_position_near (0);
  g_assert_true (gtk_widget_activate_action (view, "waveform.seek-to", "x", (gint64) 12500));
  assert_position_near (12500);
  g_assert_true (gtk_widget_activate_action (view, "waveform.go-start", NULL));
  assert_position_near (0);
}

static void
test_rate (void)
{
  GtkDropDown *speed;

  if (no_display ())
    return;

  speed = GTK_DROP_DOWN (player_child ("speed_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 2);
  g_assert_cmpfloat_with_epsilon (liaison_player_get_rate (engine ()), 1.0, 0.001);

  gtk_drop_down_set_selected (speed, 5);
  g_assert_cmpfloat_with_epsilon (liaison_player_get_rate (engine ()), 2.0, 0.001);

  /* The action, and the menu follows the player. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.set-rate", "d", 0.75));
  g_assert_cmpfloat_with_epsilon (liaison_player_get_rate (engine ()), 0.75, 0.001);
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 1);

  gtk_drop_down_set_selected (speed, 5);
  g_assert_cmpfloat_with_epsilon (liaison_player_get_rate (engine ()), 2.0, 0.001);
}

static gboolean
playing_past_cb (gpointer data)
{
  gint64 *from = data;

  return liaison_player_get_state (engine ()) == LIAISON_PLAYER_STATE_PLAYING &&
         liaison_player_get_position_ms (engine ()) >= *from + 1000;
}

static gboolean
paused_cb (gpointer data)
{
  return liaison_player_get_state (engine ()) == LIAISON_PLAYER_STATE_PAUSED;
}

static void
test_play (void)
{
  GtkButton *play_button;
  gint64 from = 2000;

  if (no_display ())
    return;

  play_button = GTK_BUTTON (player_child ("play_button"));
  liaison_recording_player_seek (player, from);
  assert_position_near (from);
  g_assert_cmpstr (gtk_button_get_icon_name (play_button), ==, "media-playback-start-symbolic");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.toggle", NULL));
  if (!liaison_gui_test_wait_until (playing_past_cb, &from, WAIT_MS))
    g_error ("Not playing: state %d, position %" G_GINT64_FORMAT,
             liaison_player_get_state (engine ()), liaison_player_get_position_ms (engine ()));
  g_assert_cmpstr (gtk_button_get_icon_name (play_button), ==, "media-playback-pause-symbolic");
  g_assert_cmpint (liaison_recording_player_get_position_ms (player), >=, from + 1000);
  g_assert_cmpint (liaison_waveform_view_get_position_ms (waveform_view ()), >=, from + 1000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.toggle", NULL));
  g_assert_true (liaison_gui_test_wait_until (paused_cb, NULL, WAIT_MS));
  g_assert_cmpstr (gtk_button_get_icon_name (play_button), ==, "media-playback-start-symbolic");

  /* Back to normal speed for what follows. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (player_child ("speed_dropdown")), 2);
}

/* Transcript */

static LiaisonTranscriptRow *
find_row (guint position)
{
  GtkWidget *list = transcript_child ("list_view");

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *row = gtk_widget_get_first_child (w);

      if (LIAISON_IS_TRANSCRIPT_ROW (row) &&
          liaison_transcript_row_get_position (LIAISON_TRANSCRIPT_ROW (row)) == position)
        return LIAISON_TRANSCRIPT_ROW (row);
    }

  return NULL;
}

static guint
count_rows_with_class (const char *css_class)
{
  GtkWidget *list = transcript_child ("list_view");
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *row = gtk_widget_get_first_child (w);

      if (LIAISON_IS_TRANSCRIPT_ROW (row) && gtk_widget_get_mapped (row) &&
          gtk_widget_has_css_class (row, css_class))
        n++;
    }

  return n;
}

static gboolean
row_shown_cb (gpointer data)
{
  guint position = GPOINTER_TO_UINT (data);
  LiaisonTranscriptRow *row = find_row (position);
  GtkWidget *scroller = transcript_child ("scroller");
  double x, y;

  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (row), scroller, 0, 0, &x, &y))
    return FALSE;

  return y >= 0 && y + gtk_widget_get_height (GTK_WIDGET (row)) <= gtk_widget_get_height (scroller);
}

static void
assert_row_shown (guint position)
{
  if (!liaison_gui_test_wait_until (row_shown_cb, GUINT_TO_POINTER (position), WAIT_MS))
    g_error ("Sentence %u is not in view", position);
}

static void
assert_current (guint position)
{
  LiaisonTranscriptRow *row;

  g_assert_cmpint (liaison_transcript_view_get_current_index (transcript), ==, position);
  assert_row_shown (position);
  liaison_gui_test_wait_frame (window);
  row = find_row (position);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "current"));
  g_assert_cmpuint (count_rows_with_class ("current"), ==, 1);
}

static void
test_transcript_follow (void)
{
  GtkAdjustment *adjustment;
  g_autofree char *shot = NULL;

  if (no_display ())
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (transcript_child ("scroller")));
  g_assert_cmpuint (g_list_model_get_n_items (liaison_transcript_view_get_model (transcript)), ==, N_SENTENCES);
  /* Longer than the view: it has to scroll. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 2 * gtk_adjustment_get_page_size (adjustment));
  g_assert_false (row_shown_cb (GUINT_TO_POINTER (150)));

  liaison_transcript_view_set_position (transcript, 150 * SENTENCE_MS + 50);
  assert_current (150);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* Through the player: a seek moves the mark, and back up the list. */
  liaison_recording_player_seek (player, 40 * SENTENCE_MS + 10);
  assert_position_near (40 * SENTENCE_MS + 10);
  liaison_gui_test_wait_until ((LiaisonGuiTestCondition) row_shown_cb, GUINT_TO_POINTER (40), WAIT_MS);
  assert_current (40);

  /* The next sentence is in view already: no scrolling. */
  {
    double value = gtk_adjustment_get_value (adjustment);

    g_assert_true (row_shown_cb (GUINT_TO_POINTER (41)));
    liaison_transcript_view_set_position (transcript, 41 * SENTENCE_MS);
    assert_current (41);
    g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), value, 0.5);
  }

  shot = liaison_gui_test_screenshot (window, "screenshot-recording-player.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
}

static void
test_transcript_click (void)
{
  if (no_display ())
    return;

  liaison_transcript_view_set_position (transcript, 120 * SENTENCE_MS);
  assert_row_shown (120);

  /* A click on a sentence activates its row (single-click-activate). */
  g_signal_emit_by_name (transcript_child ("list_view"), "activate", 120u);
  assert_position_near (120 * SENTENCE_MS);
  assert_current (120);

  g_signal_emit_by_name (transcript_child ("list_view"), "activate", 125u);
  assert_position_near (125 * SENTENCE_MS);
  assert_current (125);
}

static gboolean
matches_label_is_cb (gpointer data)
{
  GtkLabel *label = GTK_LABEL (transcript_child ("matches_label"));

  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         g_strcmp0 (gtk_label_get_label (label), data) == 0;
}

static gboolean
never_cb (gpointer data)
{
  return FALSE;
}

static void
test_transcript_search (void)
{
  GtkLabel *matches_label;
  guint expected = 0;
  int found;

  if (no_display ())
    return;

  for (guint i = 0; i < N_SENTENCES; i++)
    if (is_mortgage_sentence (i))
      expected++;

  matches_label = GTK_LABEL (transcript_child ("matches_label"));
  liaison_transcript_view_set_position (transcript, 0);

  liaison_transcript_view_set_search (transcript, "mORTGAGE");
  g_assert_cmpuint (liaison_transcript_view_get_n_matches (transcript), ==, expected);
  g_assert_cmpstr (gtk_label_get_label (matches_label), ==, "20 matches");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (matches_label)));

  found = liaison_transcript_view_next_match (transcript);
  g_assert_cmpint (found, ==, 3);
  found = liaison_transcript_view_next_match (transcript);
  g_assert_cmpint (found, ==, 13);
  found = liaison_transcript_view_previous_match (transcript);
  g_assert_cmpint (found, ==, 3);

  /* The entry reports the text set above later (after 150 ms): that must not
   * lose the place. */
  liaison_gui_test_wait_until (never_cb, NULL, 500);

  /* Enter in the entry goes to the next one, bringing it into view. */
  for (guint i = 0; i < 10; i++)
    g_signal_emit_by_name (transcript_child ("search_entry"), "activate");
  assert_row_shown (103);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_row (103)), "match"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_row (103)), "match-current"));
  g_assert_cmpuint (count_rows_with_class ("match-current"), ==, 1);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_row (102)), "match"));

  /* Typing in the entry. */
  gtk_editable_set_text (GTK_EDITABLE (transcript_child ("search_entry")), " SENTENCE 17 is ");
  g_assert_true (liaison_gui_test_wait_until (matches_label_is_cb, (gpointer) "1 match", WAIT_MS));
  g_assert_cmpuint (liaison_transcript_view_get_n_matches (transcript), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (transcript_child ("search_entry")), "no such words");
  g_assert_true (liaison_gui_test_wait_until (matches_label_is_cb, (gpointer) "No matches", WAIT_MS));
  g_assert_cmpuint (liaison_transcript_view_get_n_matches (transcript), ==, 0);
  g_assert_cmpint (liaison_transcript_view_next_match (transcript), ==, -1);

  liaison_transcript_view_set_search (transcript, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (matches_label)));
  g_assert_cmpuint (liaison_transcript_view_get_n_matches (transcript), ==, 0);
}

static char *
expected_text (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < N_SENTENCES; i++)
    {
      guint seconds = i * SENTENCE_MS / 1000;

      g_string_append_printf (text, "[%u:%02u] %s: Sentence %u is about the %s\n",
                              seconds / 60, seconds % 60, i % 2 == 0 ? "Advisor" : "Client", i,
                              is_mortgage_sentence (i) ? "Mortgage rate." : "account.");
    }

  return g_string_free (text, FALSE);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set_cb (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_transcript_export (void)
{
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GError) error = NULL;

  if (no_display ())
    return;

  expected = expected_text ();
  g_assert_true (g_str_has_prefix (expected, "[0:00] Advisor: Sentence 0 is about the account.\n"
                                              "[0:00] Client: Sentence 1 is about the account.\n"));
  g_assert_true (g_str_has_suffix (expected, "[0:19] Client: Sentence 199 is about the account.\n"));

  path = g_build_filename (tmp_dir, "transcript.txt", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (liaison_transcript_view_export_to_file (transcript, file, NULL, &error));
  g_assert_no_error (error);
  written = liaison_test_read_file (path);
  g_assert_cmpstr (written, ==, expected);

  /* A folder that does not exist: a clear error. */
  bad = g_file_new_build_filename (tmp_dir, "missing", "transcript.txt", NULL);
  g_assert_false (liaison_transcript_view_export_to_file (transcript, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* Copy. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (transcript), "transcript.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (transcript)), NULL,
                                 clipboard_read_cb, &copied);
  g_assert_true (liaison_gui_test_wait_until (pointer_set_cb, &copied, WAIT_MS));
  g_assert_cmpstr (copied, ==, expected);
}

static gboolean
error_shown_cb (gpointer data)
{
  LiaisonRecordingPlayer *broken = data;
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (broken),
                                                              LIAISON_TYPE_RECORDING_PLAYER,
                                                              "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0;
}

static gboolean
broken_loaded_cb (gpointer data)
{
  LiaisonRecordingPlayer *broken = data;
  LiaisonWaveformView *view =
    LIAISON_WAVEFORM_VIEW (gtk_widget_get_template_child (GTK_WIDGET (broken),
                                                          LIAISON_TYPE_RECORDING_PLAYER,
                                                          "waveform_view"));

  return liaison_recording_player_get_state (broken) == LIAISON_PLAYER_STATE_PAUSED &&
         liaison_waveform_view_get_n_lanes (view) == 2;
}

static void
retry_cb (LiaisonRecordingPlayer *broken,
          guint                  *count)
{
  (*count)++;
}

static void
test_missing_file (void)
{
  LiaisonRecordingPlayer *broken;
  AdwStatusPage *page;
  g_autofree char *missing = NULL;
  guint retries = 0;

  if (no_display ())
    return;

  broken = LIAISON_RECORDING_PLAYER (liaison_recording_player_new ());
  gtk_box_append (box, GTK_WIDGET (broken));
  g_signal_connect (broken, "retry", G_CALLBACK (retry_cb), &retries);

  missing = g_build_filename (tmp_dir, "missing.wav", NULL);
  liaison_recording_player_load (broken, missing, 5000);
  if (!liaison_gui_test_wait_until (error_shown_cb, broken, WAIT_MS))
    g_error ("No error shown; state %d", liaison_recording_player_get_state (broken));

  g_assert_cmpint (liaison_recording_player_get_state (broken), ==, LIAISON_PLAYER_STATE_ERROR);
  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (broken),
                                                         LIAISON_TYPE_RECORDING_PLAYER, "error_page"));
  g_assert_nonnull (adw_status_page_get_description (page));
  g_assert_cmpstr (adw_status_page_get_description (page), !=, "");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (broken), "player.toggle", NULL) &&
                  liaison_recording_player_get_state (broken) == LIAISON_PLAYER_STATE_PLAYING);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (broken), "player.retry", NULL));
  g_assert_cmpuint (retries, ==, 1);

  /* Retrying with the file there now recovers. */
  liaison_recording_player_load (broken, wav_path, 0);
  g_assert_true (liaison_gui_test_wait_until (broken_loaded_cb, broken, WAIT_MS));
  g_assert_false (error_shown_cb (broken));

  gtk_box_remove (box, GTK_WIDGET (broken));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  liaison_gui_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Player/load", test_load);
  g_test_add_func ("/Liaison/Player/click-seek", test_click_seek);
  g_test_add_func ("/Liaison/Player/keys", test_keys);
  g_test_add_func ("/Liaison/Player/rate", test_rate);
  g_test_add_func ("/Liaison/Player/play", test_play);
  g_test_add_func ("/Liaison/Player/transcript-follow", test_transcript_follow);
  g_test_add_func ("/Liaison/Player/transcript-click", test_transcript_click);
  g_test_add_func ("/Liaison/Player/transcript-search", test_transcript_search);
  g_test_add_func ("/Liaison/Player/transcript-export", test_transcript_export);
  g_test_add_func ("/Liaison/Player/missing-file", test_missing_file);

  ret = g_test_run ();

  if (window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      /* Let the players' pipelines and waveform reads wind down. */
      for (guint i = 0; i < 50; i++)
        g_main_context_iteration (NULL, FALSE);
    }

  if (tmp_dir != NULL)
    liaison_test_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (wav_path);

  return ret;
}
