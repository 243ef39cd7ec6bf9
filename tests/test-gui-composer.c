/* test-gui-composer.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-composer"

#include "config.h"

#include <string.h>

#include "liaison-application.h"
#include "liaison-composer.h"
#include "liaison-consent-ledger.h"
#include "liaison-send-later-dialog.h"
#include "liaison-store.h"
#include "liaison-template.h"
#include "liaison-templates-window.h"
#include "liaison-test-utils.h"
#include "test-gui-utils.h"

/*
 * The composer in a window under Xvfb, against the application's real store
 * (a temporary data folder). The tests that need no database run first,
 * before the application opens it.
 */

#define ANN_NUMBER  "+12035550123"   /* Connecticut: America/New_York */
#define BOB_NUMBER  "+12035550124"
#define OUR_NUMBER  "+12035550100"

static LiaisonApplication *app;

typedef struct
{
  GtkWidget       *window;
  LiaisonComposer *composer;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  if (liaison_gui_test_no_display ())
    return;

  fixture->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (fixture->window), GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 300);
  fixture->composer = LIAISON_COMPOSER (liaison_composer_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->composer));
  gtk_window_present (GTK_WINDOW (fixture->window));
  liaison_gui_test_wait_frame (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static GtkWidget *
child (LiaisonComposer *composer,
       const char      *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (composer), LIAISON_TYPE_COMPOSER, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
counter_text (LiaisonComposer *composer)
{
  return gtk_label_get_text (GTK_LABEL (child (composer, "counter_label")));
}

static char *
digits (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_c (s, '0' + (i + 1) % 10);
  return g_string_free (s, FALSE);
}

/* Counter (TWILIO.md §2.7) */

static void
test_counter (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *d160 = digits (160);
  g_autofree char *d161 = digits (161);
  g_autofree char *d307 = digits (307);
  g_autofree char *emoji69 = NULL;
  g_autofree char *emoji70 = NULL;
  g_autofree char *d68 = digits (68);
  g_autofree char *d69 = digits (69);
  g_autofree char *escape = NULL;

  if (liaison_gui_test_no_display ())
    return;

  g_assert_cmpstr (counter_text (fixture->composer), ==, "1 segment · GSM-7 · 160 left");

  liaison_composer_set_text (fixture->composer, d160);
  g_assert_cmpstr (counter_text (fixture->composer), ==, "1 segment · GSM-7 · 0 left");

  liaison_composer_set_text (fixture->composer, d161);
  g_assert_cmpstr (counter_text (fixture->composer), ==, "2 segments · GSM-7 · 145 left");

  liaison_composer_set_text (fixture->composer, d307);
  g_assert_cmpstr (counter_text (fixture->composer), ==, "3 segments · GSM-7 · 152 left");

  /* An escape character costs two septets. */
  {
    g_autofree char *d158 = digits (158);

    escape = g_strconcat ("€", d158, NULL);
  }
  liaison_composer_set_text (fixture->composer, escape);
  g_assert_cmpstr (counter_text (fixture->composer), ==, "1 segment · GSM-7 · 0 left");

  /* An emoji outside the BMP: UCS-2, two units, named at position 1. */
  emoji69 = g_strconcat ("😜", d68, NULL);
  liaison_composer_set_text (fixture->composer, emoji69);
  g_assert_cmpstr (counter_text (fixture->composer), ==,
                   "1 segment · UCS-2 (because of “😜” at position 1) · 0 left");
  g_assert_false (gtk_widget_get_visible (child (fixture->composer, "lookalike_button")));

  emoji70 = g_strconcat ("😜", d69, NULL);
  liaison_composer_set_text (fixture->composer, emoji70);
  g_assert_cmpstr (counter_text (fixture->composer), ==,
                   "2 segments · UCS-2 (because of “😜” at position 1) · 63 left");
}

static void
test_lookalikes (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (liaison_gui_test_no_display ())
    return;

  liaison_composer_set_text (fixture->composer, "It’s ready");
  g_assert_cmpstr (counter_text (fixture->composer), ==,
                   "1 segment · UCS-2 (because of “’” at position 3) · 60 left");
  g_assert_true (gtk_widget_get_visible (child (fixture->composer, "lookalike_button")));
  liaison_gui_test_wait_layout (fixture->window);
  g_free (liaison_gui_test_screenshot (fixture->window, "screenshot-composer-lookalike.png"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer),
                                             "composer.replace-lookalikes", NULL));
  text = liaison_composer_get_text (fixture->composer);
  g_assert_cmpstr (text, ==, "It's ready");
  g_assert_cmpstr (counter_text (fixture->composer), ==, "1 segment · GSM-7 · 150 left");
  g_assert_false (gtk_widget_get_visible (child (fixture->composer, "lookalike_button")));

  /* Replacing would not help (the emoji keeps it UCS-2 in one segment): no button. */
  liaison_composer_set_text (fixture->composer, "It’s 😜");
  g_assert_false (gtk_widget_get_visible (child (fixture->composer, "lookalike_button")));
}

static void
test_no_outbox (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *send;

  if (liaison_gui_test_no_display ())
    return;

  /* The database is not open yet: no outbox. */
  g_assert_null (liaison_application_get_outbox (app));

  liaison_composer_set_recipient (fixture->composer, ANN_NUMBER, OUR_NUMBER, 0);
  liaison_composer_set_text (fixture->composer, "Hello");
  send = child (fixture->composer, "send_button");
  g_assert_false (gtk_widget_get_sensitive (send));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (send), ==,
                   "Not ready: the database is still opening");
  /* The action refuses too. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL) &&
                  gtk_widget_get_sensitive (send));
  g_assert_cmpstr (liaison_composer_get_recipient (fixture->composer), ==, ANN_NUMBER);
  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static void
test_drafts (Fixture       *fixture,
             gconstpointer  data)
{
  LiaisonComposer *other;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *again = NULL;
  g_autofree char *elsewhere = NULL;

  if (liaison_gui_test_no_display ())
    return;

  liaison_composer_set_recipient (fixture->composer, "+12035550150", NULL, 0);
  liaison_composer_set_text (fixture->composer, "Draft for A");
  liaison_composer_set_recipient (fixture->composer, "+12035550151", NULL, 0);
  b = liaison_composer_get_text (fixture->composer);
  g_assert_cmpstr (b, ==, "");
  liaison_composer_set_text (fixture->composer, "Draft for B");

  liaison_composer_set_recipient (fixture->composer, "+12035550150", NULL, 0);
  a = liaison_composer_get_text (fixture->composer);
  g_assert_cmpstr (a, ==, "Draft for A");
  liaison_composer_set_recipient (fixture->composer, "+12035550151", NULL, 0);
  again = liaison_composer_get_text (fixture->composer);
  g_assert_cmpstr (again, ==, "Draft for B");

  /* Another composer (a rebuilt conversation view) finds it too. */
  other = g_object_ref_sink (LIAISON_COMPOSER (liaison_composer_new ()));
  liaison_composer_set_recipient (other, "+12035550150", NULL, 0);
  elsewhere = liaison_composer_get_text (other);
  g_assert_cmpstr (elsewhere, ==, "Draft for A");
  g_assert_finalize_object (other);

  liaison_composer_set_text (fixture->composer, "");
  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static void
schedule_cb (LiaisonSendLaterDialog *dialog,
             gint64                  send_at,
             gint64                 *out)
{
  *out = send_at;
}

static void
test_send_later_dialog (void)
{
  /* 2023-03-04 03:30 UTC: 22:30 on Friday 3 March in New York. */
  const gint64 now = G_GINT64_CONSTANT (1677900600000000);
  LiaisonSendLaterDialog *dialog;
  GObject *hour;
  GObject *minute;
  gint64 scheduled = 0;

  if (liaison_gui_test_no_display ())
    return;

  dialog = LIAISON_SEND_LATER_DIALOG (liaison_send_later_dialog_new ("America/New_York", now,
                                                                      now + G_TIME_SPAN_HOUR));
  gtk_window_present (GTK_WINDOW (dialog));
  liaison_gui_test_wait_frame (GTK_WIDGET (dialog));

  g_assert_cmpstr (liaison_send_later_dialog_get_zone_label (dialog), ==, "Time in New York (EST)");
  /* 23:30 New York = 04:30 UTC. */
  g_assert_cmpint (liaison_send_later_dialog_get_send_at (dialog), ==, now + G_TIME_SPAN_HOUR);

  /* 09:15 on the same day (3 March) is in the past. */
  hour = gtk_widget_get_template_child (GTK_WIDGET (dialog), LIAISON_TYPE_SEND_LATER_DIALOG, "hour_spin");
  minute = gtk_widget_get_template_child (GTK_WIDGET (dialog), LIAISON_TYPE_SEND_LATER_DIALOG, "minute_spin");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hour), 9);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minute), 15);
  g_assert_cmpint (liaison_send_later_dialog_get_send_at (dialog), ==,
                   now - 13 * G_TIME_SPAN_HOUR - 15 * G_TIME_SPAN_MINUTE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                                       LIAISON_TYPE_SEND_LATER_DIALOG,
                                                                                       "schedule_button"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                                    LIAISON_TYPE_SEND_LATER_DIALOG,
                                                                                    "error_label"))));

  /* In July the zone is EDT: 09:15 EDT = 13:15 UTC. */
  liaison_send_later_dialog_set_send_at (dialog, G_GINT64_CONSTANT (1688908500000000)); /* 2023-07-09 13:15 UTC */
  g_assert_cmpstr (liaison_send_later_dialog_get_zone_label (dialog), ==, "Time in New York (EDT)");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (hour)), ==, 9);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (minute)), ==, 15);

  /* A future time: "schedule" carries it in UTC. */
  g_signal_connect (dialog, "schedule", G_CALLBACK (schedule_cb), &scheduled);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), LIAISON_TYPE_SEND_LATER_DIALOG,
                                                        "schedule_button"), "clicked");
  g_assert_cmpint (scheduled, ==, G_GINT64_CONSTANT (1688908500000000));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* With the database */

static gboolean
store_ready (gpointer data)
{
  return liaison_application_get_store_state (app) != LIAISON_STORE_STATE_OPENING;
}

static void
ensure_store (void)
{
  liaison_application_start_background_work (app);
  g_assert_true (liaison_gui_test_wait_until (store_ready, NULL, 30000));
  g_assert_cmpint (liaison_application_get_store_state (app), ==, LIAISON_STORE_STATE_READY);
}

static gint64
add_contact (const char *first_name,
             const char *last_name,
             const char *phone)
{
  const char *phones[] = { phone, NULL };
  LiaisonStoreContactInfo info = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = liaison_application_get_store (app);
  gint64 id;

  info.first_name = first_name;
  info.last_name = last_name;
  info.display_name = first_name == NULL && last_name == NULL ? "Anonymous" : NULL;
  info.phones = phones;
  liaison_store_add_contact_async (store, &info, NULL, liaison_test_async_cb, &result);
  id = liaison_store_add_contact_finish (store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_template (const char *name,
              const char *body)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTemplate) tmpl = NULL;
  LiaisonStore *store = liaison_application_get_store (app);

  liaison_store_add_template_async (store, name, body, NULL, NULL, liaison_test_async_cb, &result);
  tmpl = liaison_store_add_template_finish (store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  return liaison_template_get_id (tmpl);
}

typedef struct
{
  LiaisonComposer *composer;
  const char      *needle;
} TextWait;

static gboolean
text_contains (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = liaison_composer_get_text (wait->composer);

  return strstr (text, wait->needle) != NULL;
}

static void
test_insert_template (Fixture       *fixture,
                      gconstpointer  data)
{
  GSettings *settings;
  gint64 ann;
  gint64 nameless;
  gint64 tmpl;
  g_autofree char *text = NULL;
  TextWait wait = { NULL, NULL };
  GtkWidget *send;
  GtkWidget *error_label;

  if (liaison_gui_test_no_display ())
    return;

  ensure_store ();
  settings = liaison_application_get_settings (app);
  g_settings_set_string (settings, "advisor-name", "Sam Carter");
  g_settings_set_string (settings, "firm-name", "Carter Wealth");

  ann = add_contact ("Ann", "Lee", ANN_NUMBER);
  nameless = add_contact (NULL, NULL, BOB_NUMBER);
  tmpl = add_template ("Intro", "Hi {first_name}, {advisor_name} of {firm} here. Today is {date}.");

  liaison_composer_set_recipient (fixture->composer, ANN_NUMBER, OUR_NUMBER, ann);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.insert-template",
                                             "x", tmpl));
  wait.composer = fixture->composer;
  wait.needle = "Hi Ann, Sam Carter of Carter Wealth here. Today is ";
  g_assert_true (liaison_gui_test_wait_until (text_contains, &wait, 10000));
  text = liaison_composer_get_text (fixture->composer);
  g_assert_null (strchr (text, '{'));
  g_clear_pointer (&text, g_free);
  liaison_composer_set_text (fixture->composer, "");

  /* No first name: the placeholder stays, is named, and blocks Send. */
  liaison_composer_set_recipient (fixture->composer, BOB_NUMBER, OUR_NUMBER, nameless);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.insert-template",
                                             "x", tmpl));
  wait.needle = "Hi {first_name}, Sam Carter";
  g_assert_true (liaison_gui_test_wait_until (text_contains, &wait, 10000));
  error_label = child (fixture->composer, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "{first_name}"));
  send = child (fixture->composer, "send_button");
  g_assert_false (gtk_widget_get_sensitive (send));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (send), "{first_name}"));
  liaison_gui_test_wait_layout (fixture->window);
  g_free (liaison_gui_test_screenshot (fixture->window, "screenshot-composer-missing-value.png"));

  liaison_composer_set_text (fixture->composer, "");
  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

/* Through the application's outbox */

static gboolean
outbox_ready (gpointer data)
{
  return liaison_application_get_outbox (app) != NULL;
}

/* The settings reach the application's gate once it follows them; until
 * then, the gate is set directly as well. */
static void
set_gate_hours (const char *start,
                const char *end)
{
  GSettings *settings = liaison_application_get_settings (app);

  g_settings_set_string (settings, "quiet-hours-start", start);
  g_settings_set_string (settings, "quiet-hours-end", end);
  g_assert_true (liaison_compliance_gate_set_quiet_hours_text (liaison_application_get_gate (app),
                                                               start, end));
}

/* The store is open and the application made its outbox; texts may go at
 * any hour (quiet hours are tested on their own). */
static void
ensure_outbox (void)
{
  GSettings *settings;

  ensure_store ();
  g_assert_true (liaison_gui_test_wait_until (outbox_ready, NULL, 30000));

  settings = liaison_application_get_settings (app);
  g_settings_set_string (settings, "quiet-hours-start", "00:00");
  g_settings_set_string (settings, "quiet-hours-end", "24:00");
  g_settings_set_boolean (settings, "enforce-state-quiet-hours", FALSE);
  g_settings_set_string (settings, "lexicon-policy", "warn");
  set_gate_hours ("00:00", "24:00");
  liaison_compliance_gate_set_state_windows (liaison_application_get_gate (app), FALSE);
  liaison_compliance_gate_set_lexicon_policy (liaison_application_get_gate (app),
                                              LIAISON_LEXICON_POLICY_WARN);
}

static void
sent_cb (LiaisonComposer *composer,
         gint64           message_id,
         gint64          *out)
{
  *out = message_id;
}

static gboolean
int64_set (gpointer data)
{
  return *(gint64 *)data != 0;
}

static gboolean
send_enabled (gpointer data)
{
  LiaisonComposer *composer = data;

  return gtk_widget_get_sensitive (child (composer, "send_button"));
}

typedef struct
{
  LiaisonComposer *composer;
  const char      *title;
} BannerWait;

static gboolean
banner_shows (gpointer data)
{
  BannerWait *wait = data;

  return gtk_revealer_get_reveal_child (GTK_REVEALER (child (wait->composer, "gate_revealer"))) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (child (wait->composer, "gate_title"))), wait->title) == 0;
}

static LiaisonMessage *
get_message (gint64 id)
{
  LiaisonStore *store = liaison_application_get_store (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMessage *message;

  liaison_store_get_message_async (store, id, NULL, liaison_test_async_cb, &result);
  message = liaison_store_get_message_finish (store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  return message;
}

/* What the text view's key controller answers to a key press. */
static gboolean
press_key (LiaisonComposer *composer,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (child (composer, "text_view"));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
  return FALSE;
}

static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LiaisonMessage) message = NULL;
  g_autofree char *text = NULL;
  gint64 sent = 0;

  if (liaison_gui_test_no_display ())
    return;

  ensure_outbox ();
  g_signal_connect (fixture->composer, "sent", G_CALLBACK (sent_cb), &sent);

  liaison_composer_set_recipient (fixture->composer, "+12035550160", OUR_NUMBER, 0);
  liaison_composer_set_text (fixture->composer, "Hello from the composer test");
  g_assert_true (liaison_gui_test_wait_until (send_enabled, fixture->composer, 10000));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (fixture->composer, "send_button")), ==, "Send");

  /* Shift+Enter is left to the text view (a new line); Enter sends. */
  g_assert_false (press_key (fixture->composer, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpint (sent, ==, 0);
  g_assert_true (press_key (fixture->composer, GDK_KEY_Return, 0));
  g_assert_true (liaison_gui_test_wait_until (int64_set, &sent, 10000));

  /* The draft is cleared; the message is in the store, queued. */
  text = liaison_composer_get_text (fixture->composer);
  g_assert_cmpstr (text, ==, "");
  message = get_message (sent);
  g_assert_cmpstr (liaison_message_get_body (message), ==, "Hello from the composer test");
  g_assert_cmpstr (liaison_message_get_status (message), ==, "queued");

  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static void
test_opted_out (Fixture       *fixture,
                gconstpointer  data)
{
  LiaisonStore *store;
  LiaisonConsentEventInfo info = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BannerWait wait = { fixture->composer, "Texting is blocked" };
  GtkWidget *send;

  if (liaison_gui_test_no_display ())
    return;

  ensure_outbox ();
  store = liaison_application_get_store (app);
  info.e164 = "+12035550161";
  info.event = "opt-out";
  info.source = "keyword";
  info.channel = "sms";
  info.note = "STOP";
  info.our_number = OUR_NUMBER;
  liaison_consent_ledger_record_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_consent_ledger_record_finish (store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);

  /* Before anything is typed. */
  liaison_composer_set_recipient (fixture->composer, "+12035550161", OUR_NUMBER, 0);
  g_assert_true (liaison_gui_test_wait_until (banner_shows, &wait, 10000));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (fixture->composer, "gate_label"))), !=, "");
  send = child (fixture->composer, "send_button");
  g_assert_false (gtk_widget_get_sensitive (send));
  liaison_gui_test_wait_layout (fixture->window);
  g_free (liaison_gui_test_screenshot (fixture->window, "screenshot-composer-opted-out.png"));

  /* Typing does not change that. */
  liaison_composer_set_text (fixture->composer, "Are you there?");
  g_assert_true (liaison_gui_test_wait_until (banner_shows, &wait, 10000));
  g_assert_false (gtk_widget_get_sensitive (send));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (send), ==, "The compliance check blocks this text");

  liaison_composer_set_text (fixture->composer, "");
  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
message_dialog_gone (gpointer data)
{
  return find_message_dialog () == NULL;
}

static void
test_warning_confirm (Fixture       *fixture,
                      gconstpointer  data)
{
  BannerWait wait = { fixture->composer, "Check before sending" };
  g_autoptr(LiaisonMessage) message = NULL;
  GtkWidget *dialog;
  gint64 sent = 0;

  if (liaison_gui_test_no_display ())
    return;

  ensure_outbox ();
  g_signal_connect (fixture->composer, "sent", G_CALLBACK (sent_cb), &sent);

  liaison_composer_set_recipient (fixture->composer, "+12035550162", OUR_NUMBER, 0);
  liaison_composer_set_text (fixture->composer, "Returns are guaranteed this year");
  g_assert_true (liaison_gui_test_wait_until (banner_shows, &wait, 10000));
  /* A warning does not block. */
  g_assert_true (liaison_gui_test_wait_until (send_enabled, fixture->composer, 10000));
  liaison_gui_test_wait_layout (fixture->window);
  g_free (liaison_gui_test_screenshot (fixture->window, "screenshot-composer-warning.png"));

  /* Sending asks first; cancelling keeps the draft. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL));
  g_assert_true (liaison_gui_test_wait_until (message_dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "guarantee"));
  /* As a click does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (liaison_gui_test_wait_until (message_dialog_gone, NULL, 10000));
  g_assert_cmpint (sent, ==, 0);

  /* Confirmed: it is queued. */
  g_assert_true (liaison_gui_test_wait_until (send_enabled, fixture->composer, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL));
  g_assert_true (liaison_gui_test_wait_until (message_dialog_shown, NULL, 10000));
  dialog = find_message_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (liaison_gui_test_wait_until (int64_set, &sent, 10000));

  message = get_message (sent);
  g_assert_cmpstr (liaison_message_get_body (message), ==, "Returns are guaranteed this year");

  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static void
test_quiet_hours (Fixture       *fixture,
                  gconstpointer  data)
{
  BannerWait wait = { fixture->composer, "Texting is blocked" };
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) now = g_date_time_new_now (new_york);
  g_autoptr(LiaisonMessage) message = NULL;
  GtkWidget *schedule;
  gint64 sent = 0;

  if (liaison_gui_test_no_display ())
    return;

  ensure_outbox ();
  /* An allowed window that leaves out the present hour in New York. */
  if (g_date_time_get_hour (now) < 12)
    set_gate_hours ("13:00", "24:00");
  else
    set_gate_hours ("00:00", "11:00");

  g_signal_connect (fixture->composer, "sent", G_CALLBACK (sent_cb), &sent);
  liaison_composer_set_recipient (fixture->composer, "+12035550163", OUR_NUMBER, 0);
  liaison_composer_set_text (fixture->composer, "See you tomorrow");
  g_assert_true (liaison_gui_test_wait_until (banner_shows, &wait, 10000));
  g_assert_false (gtk_widget_get_sensitive (child (fixture->composer, "send_button")));

  schedule = child (fixture->composer, "schedule_button");
  g_assert_true (gtk_widget_get_visible (schedule));
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (schedule)), "Schedule for "));
  liaison_gui_test_wait_layout (fixture->window);

  /* The verdict wraps: it asks for the width of some 40 characters (or of
   * the button under it), not of its whole length (over 100), so showing
   * it does not take the thread list's room beside the conversation. */
  {
    PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (fixture->composer)),
                                                           NULL, NULL);
    int char_width = PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics));
    int natural, button;

    pango_font_metrics_unref (metrics);
    g_assert_cmpuint (g_utf8_strlen (gtk_label_get_label (GTK_LABEL (child (fixture->composer, "gate_label"))), -1), >, 100);
    gtk_widget_measure (schedule, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (fixture->composer), GTK_ORIENTATION_HORIZONTAL, -1,
                        NULL, &natural, NULL, NULL);
    /* The icon and the margins beside it: under 100 pixels. */
    g_assert_cmpint (natural, <, MAX (button, 50 * char_width) + 100);
  }
  g_free (liaison_gui_test_screenshot (fixture->window, "screenshot-composer-quiet-hours.png"));

  g_signal_emit_by_name (schedule, "clicked");
  g_assert_true (liaison_gui_test_wait_until (int64_set, &sent, 10000));
  message = get_message (sent);
  g_assert_cmpstr (liaison_message_get_status (message), ==, "scheduled");

  set_gate_hours ("00:00", "24:00");
  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static GtkWidget *
find_send_later_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LIAISON_IS_SEND_LATER_DIALOG (window))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static gboolean
send_later_gone (gpointer data)
{
  return find_send_later_dialog () == NULL;
}

static gboolean
label_visible (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

/* Send Later: the time is picked in the recipient's zone, the gate checks
 * that time, and the text is queued as scheduled. */
static void
test_send_later (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) now = g_date_time_new_now (new_york);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) late_night = NULL;
  g_autoptr(LiaisonMessage) message = NULL;
  LiaisonSendLaterDialog *dialog;
  GObject *error_label;
  g_autofree char *text = NULL;
  gint64 sent = 0;

  if (liaison_gui_test_no_display ())
    return;

  ensure_outbox ();
  set_gate_hours ("08:00", "21:00");
  g_signal_connect (fixture->composer, "sent", G_CALLBACK (sent_cb), &sent);
  liaison_composer_set_recipient (fixture->composer, "+12035550164", OUR_NUMBER, 0);
  liaison_composer_set_text (fixture->composer, "Talk on Thursday");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send-later", NULL));
  dialog = LIAISON_SEND_LATER_DIALOG (find_send_later_dialog ());
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (liaison_send_later_dialog_get_zone_label (dialog), "Time in New York ("));
  error_label = gtk_widget_get_template_child (GTK_WIDGET (dialog), LIAISON_TYPE_SEND_LATER_DIALOG,
                                               "error_label");

  /* Two days ahead at 23:30 in New York: quiet hours then, refused with the reason. */
  late_night = g_date_time_new (new_york, g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), 23, 30, 0);
  {
    g_autoptr(GDateTime) shifted = g_date_time_add_days (late_night, 2);

    liaison_send_later_dialog_set_send_at (dialog, g_date_time_to_unix (shifted) * G_USEC_PER_SEC);
  }
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), LIAISON_TYPE_SEND_LATER_DIALOG,
                                                        "schedule_button"), "clicked");
  g_assert_true (liaison_gui_test_wait_until (label_visible, error_label, 10000));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  g_assert_cmpint (sent, ==, 0);
  liaison_gui_test_wait_layout (GTK_WIDGET (dialog));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (dialog), "screenshot-send-later-refused.png"));

  /* Two days ahead at 10:00: allowed, queued as scheduled, the dialog closes. */
  later = g_date_time_new (new_york, g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 10, 0, 0);
  {
    g_autoptr(GDateTime) shifted = g_date_time_add_days (later, 2);

    liaison_send_later_dialog_set_send_at (dialog, g_date_time_to_unix (shifted) * G_USEC_PER_SEC);
  }
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), LIAISON_TYPE_SEND_LATER_DIALOG,
                                                        "schedule_button"), "clicked");
  g_assert_true (liaison_gui_test_wait_until (int64_set, &sent, 10000));
  g_assert_true (liaison_gui_test_wait_until (send_later_gone, NULL, 10000));

  message = get_message (sent);
  g_assert_cmpstr (liaison_message_get_status (message), ==, "scheduled");
  text = liaison_composer_get_text (fixture->composer);
  g_assert_cmpstr (text, ==, "");

  set_gate_hours ("00:00", "24:00");
  liaison_composer_set_recipient (fixture->composer, NULL, NULL, 0);
}

static guint
count_templates (void)
{
  LiaisonStore *store = liaison_application_get_store (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;

  liaison_store_list_templates_async (store, NULL, liaison_test_async_cb, &result);
  templates = liaison_store_list_templates_finish (store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  return templates->len;
}

typedef struct
{
  GtkWidget *window;
  guint      n_rows;
} RowsWait;

static gboolean
rows_shown (gpointer data)
{
  RowsWait *wait = data;
  GObject *list = gtk_widget_get_template_child (wait->window, LIAISON_TYPE_TEMPLATES_WINDOW, "list_box");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n == wait->n_rows;
}

static GtkWidget *
find_templates_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LIAISON_IS_TEMPLATES_WINDOW (window))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (GTK_STACK (data));
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_with_tooltip (c, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Manage Templates: add through the editor (an unknown placeholder is
 * refused with its name), then delete. */
static void
test_manage_templates (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window;
  GObject *error_label;
  GtkTextBuffer *buffer;
  RowsWait wait;
  guint before;

  if (liaison_gui_test_no_display ())
    return;

  ensure_store ();
  before = count_templates ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.manage-templates",
                                             NULL));
  window = find_templates_window ();
  g_assert_nonnull (window);
  wait.window = window;
  wait.n_rows = before;
  g_assert_true (liaison_gui_test_wait_until (rows_shown, &wait, 10000));

  g_signal_emit_by_name (gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW, "add_button"),
                         "clicked");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW,
                                                                      "name_row")), "Check-in");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_widget_get_template_child (window,
                                                                                   LIAISON_TYPE_TEMPLATES_WINDOW,
                                                                                   "body_view")));
  gtk_text_buffer_set_text (buffer, "Hi {frist_name}, checking in.", -1);
  g_signal_emit_by_name (gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW, "save_button"),
                         "clicked");
  error_label = gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW, "edit_error_label");
  g_assert_true (liaison_gui_test_wait_until (label_visible, error_label, 10000));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "{frist_name}"));

  gtk_text_buffer_set_text (buffer, "Hi {first_name}, checking in.", -1);
  g_signal_emit_by_name (gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW, "save_button"),
                         "clicked");
  wait.n_rows = before + 1;
  g_assert_true (liaison_gui_test_wait_until (rows_shown, &wait, 10000));
  g_assert_cmpuint (count_templates (), ==, before + 1);
  g_assert_true (liaison_gui_test_wait_until (stack_settled,
                                              gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW,
                                                                             "stack"),
                                              10000));
  liaison_gui_test_wait_layout (window);
  g_free (liaison_gui_test_screenshot (window, "screenshot-templates-window.png"));

  /* Delete the new one (the only one called "Check-in"). */
  {
    GObject *list = gtk_widget_get_template_child (window, LIAISON_TYPE_TEMPLATES_WINDOW, "list_box");
    GtkWidget *delete = NULL;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Check-in") == 0)
        delete = find_button_with_tooltip (row, "Delete");
    g_assert_nonnull (delete);
    g_signal_emit_by_name (delete, "clicked");
  }
  wait.n_rows = before;
  g_assert_true (liaison_gui_test_wait_until (rows_shown, &wait, 10000));
  g_assert_cmpuint (count_templates (), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int ret;

  liaison_gui_test_init (&argc, &argv);

  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  if (gdk_display_get_default () != NULL)
    app = liaison_gui_test_application_new ("test-composer");

  /* Without a database first. */
  g_test_add ("/Liaison/Composer/counter", Fixture, NULL, fixture_setup, test_counter, fixture_teardown);
  g_test_add ("/Liaison/Composer/lookalikes", Fixture, NULL, fixture_setup, test_lookalikes, fixture_teardown);
  g_test_add ("/Liaison/Composer/no-outbox", Fixture, NULL, fixture_setup, test_no_outbox, fixture_teardown);
  g_test_add ("/Liaison/Composer/drafts", Fixture, NULL, fixture_setup, test_drafts, fixture_teardown);
  g_test_add_func ("/Liaison/Composer/send-later-dialog", test_send_later_dialog);
  /* Then with it. */
  g_test_add ("/Liaison/Composer/insert-template", Fixture, NULL, fixture_setup, test_insert_template,
              fixture_teardown);
  g_test_add ("/Liaison/Composer/manage-templates", Fixture, NULL, fixture_setup, test_manage_templates,
              fixture_teardown);
  g_test_add ("/Liaison/Composer/send", Fixture, NULL, fixture_setup, test_send, fixture_teardown);
  g_test_add ("/Liaison/Composer/opted-out", Fixture, NULL, fixture_setup, test_opted_out, fixture_teardown);
  g_test_add ("/Liaison/Composer/warning-confirm", Fixture, NULL, fixture_setup, test_warning_confirm,
              fixture_teardown);
  g_test_add ("/Liaison/Composer/quiet-hours", Fixture, NULL, fixture_setup, test_quiet_hours,
              fixture_teardown);
  g_test_add ("/Liaison/Composer/send-later", Fixture, NULL, fixture_setup, test_send_later,
              fixture_teardown);

  ret = g_test_run ();

  g_clear_object (&app);
  liaison_test_rmdir (data_dir);

  return ret;
}
