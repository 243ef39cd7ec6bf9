/* test-gui-preferences.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-preferences"

#include "config.h"

#include "liaison-account-form.h"
#include "liaison-application.h"
#include "liaison-preferences-window.h"
#include "liaison-secret-store.h"
#include "liaison-test-utils.h"
#include "test-gui-utils.h"

#include <string.h>

static LiaisonApplication *app;

static GtkWidget *
prefs_child (LiaisonPreferencesWindow *prefs,
             const char               *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (prefs), LIAISON_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
form_child (GtkWidget  *form,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (form, LIAISON_TYPE_ACCOUNT_FORM, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static LiaisonPreferencesWindow *
open_preferences (void)
{
  LiaisonPreferencesWindow *prefs = liaison_preferences_window_new (app);

  gtk_window_present (GTK_WINDOW (prefs));
  liaison_gui_test_wait_frame (GTK_WIDGET (prefs));

  return prefs;
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
window_is_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) <= 400;
}

static void
test_pages (void)
{
  static const char * const names[] = { "account", "relay", "business-hours", "compliance" };
  LiaisonPreferencesWindow *prefs;

  if (liaison_gui_test_no_display ())
    return;

  liaison_gui_test_wait_credentials (app);
  prefs = open_preferences ();
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (prefs));
  {
    /* The window's own view stack holds one page per preferences page. */
    GtkWidget *stack = liaison_gui_test_find_child (GTK_WIDGET (prefs), ADW_TYPE_VIEW_STACK);
    g_autoptr(GtkSelectionModel) pages = NULL;

    g_assert_nonnull (stack);
    pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (names));
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shot_name = g_strdup_printf ("screenshot-preferences-%s.png", names[i]);
      g_autofree char *shot = NULL;
      AdwPreferencesPage *page;

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), names[i]);
      g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)),
                       ==, names[i]);
      page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs));
      g_assert_cmpstr (adw_preferences_page_get_title (page), !=, "");
      g_assert_nonnull (adw_preferences_page_get_icon_name (page));

      liaison_gui_test_wait_layout (GTK_WIDGET (prefs));
      shot = liaison_gui_test_screenshot (GTK_WIDGET (prefs), shot_name);
    }

  /* Usable on a phone-sized screen too. */
  gtk_window_set_default_size (GTK_WINDOW (prefs), 360, 700);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "business-hours");
  g_assert_true (liaison_gui_test_wait_until (window_is_narrow, prefs, 10000));
  liaison_gui_test_wait_layout (GTK_WIDGET (prefs));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (prefs), "screenshot-preferences-narrow.png"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_persona (void)
{
  GSettings *settings;
  LiaisonPreferencesWindow *prefs;
  AdwComboRow *row;
  g_autofree char *persona = NULL;

  if (liaison_gui_test_no_display ())
    return;

  settings = liaison_application_get_settings (app);

  prefs = open_preferences ();
  row = ADW_COMBO_ROW (prefs_child (prefs, "persona_row"));

  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 4);

  adw_combo_row_set_selected (row, 2);
  persona = g_settings_get_string (settings, "persona");
  g_assert_cmpstr (persona, ==, "attorney");
  g_clear_pointer (&persona, g_free);

  adw_combo_row_set_selected (row, 1);
  persona = g_settings_get_string (settings, "persona");
  g_assert_cmpstr (persona, ==, "cpa");

  /* And the other way round. */
  g_settings_set_string (settings, "persona", "insurance-agent");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 3);

  g_settings_reset (settings, "persona");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_account_validation (void)
{
  LiaisonPreferencesWindow *prefs;
  GtkWidget *form;
  GtkWidget *sid_row;
  GtkWidget *key_row;
  GtkWidget *secret_row;
  GtkWidget *verify;
  GtkWidget *status;

  if (liaison_gui_test_no_display ())
    return;

  prefs = open_preferences ();
  form = prefs_child (prefs, "account_form");
  sid_row = form_child (form, "account_sid_row");
  key_row = form_child (form, "key_sid_row");
  secret_row = form_child (form, "secret_row");
  verify = form_child (form, "verify_button");
  status = form_child (form, "status_label");

  /* Empty: nothing to verify, nothing flagged. */
  g_assert_false (gtk_widget_get_sensitive (verify));
  g_assert_false (gtk_widget_has_css_class (sid_row, "error"));

  /* A wrong Account SID is flagged on its row, with the reason, and Verify stays off. */
  set_text (sid_row, "AC123");
  set_text (secret_row, "0123456789abcdef0123456789abcdef");
  g_assert_true (gtk_widget_has_css_class (sid_row, "error"));
  g_assert_false (gtk_widget_has_css_class (secret_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (verify));
  g_assert_false (liaison_account_form_get_valid (LIAISON_ACCOUNT_FORM (form)));
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), !=, "");
  g_assert_null (liaison_account_form_get_credentials (LIAISON_ACCOUNT_FORM (form)));

  /* Right format: no error, Verify on. Pasted blanks are ignored. */
  set_text (sid_row, " ACaaaa456789abcdef0123456789abcdef ");
  g_assert_false (gtk_widget_has_css_class (sid_row, "error"));
  g_assert_true (gtk_widget_get_sensitive (verify));
  g_assert_true (liaison_account_form_get_valid (LIAISON_ACCOUNT_FORM (form)));
  g_assert_false (gtk_widget_get_visible (status));

  /* A short token is flagged on the token row. */
  set_text (secret_row, "short");
  g_assert_true (gtk_widget_has_css_class (secret_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (verify));
  set_text (secret_row, "0123456789abcdef0123456789abcdef");

  /* API Key mode asks for the key SID too. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (form_child (form, "api_key_toggle")), TRUE);
  g_assert_true (gtk_widget_get_visible (key_row));
  g_assert_false (gtk_widget_get_sensitive (verify));
  set_text (key_row, "SKnope");
  g_assert_true (gtk_widget_has_css_class (key_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (verify));
  set_text (key_row, "SK0123456789abcdef0123456789abcdef");
  g_assert_false (gtk_widget_has_css_class (key_row, "error"));
  g_assert_true (gtk_widget_get_sensitive (verify));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (form_child (form, "auth_token_toggle")), TRUE);
  g_assert_false (gtk_widget_get_visible (key_row));

  liaison_account_form_clear (LIAISON_ACCOUNT_FORM (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "");
  g_assert_false (gtk_widget_get_sensitive (verify));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_validators (void)
{
  g_assert_true (liaison_preferences_is_valid_time ("00:00"));
  g_assert_true (liaison_preferences_is_valid_time ("23:59"));
  g_assert_false (liaison_preferences_is_valid_time ("24:00"));
  g_assert_false (liaison_preferences_is_valid_time ("9:00"));
  g_assert_false (liaison_preferences_is_valid_time ("09:60"));
  g_assert_false (liaison_preferences_is_valid_time ("0900"));
  g_assert_false (liaison_preferences_is_valid_time (""));

  g_assert_true (liaison_preferences_is_valid_date ("2026-12-25"));
  g_assert_true (liaison_preferences_is_valid_date ("2028-02-29"));
  g_assert_false (liaison_preferences_is_valid_date ("2027-02-29"));
  g_assert_false (liaison_preferences_is_valid_date ("2026-13-01"));
  g_assert_false (liaison_preferences_is_valid_date ("2026-1-01"));
  g_assert_false (liaison_preferences_is_valid_date ("25/12/2026"));

  g_assert_true (liaison_preferences_is_valid_time_zone (""));
  g_assert_true (liaison_preferences_is_valid_time_zone ("America/Chicago"));
  g_assert_true (liaison_preferences_is_valid_time_zone ("UTC"));
  g_assert_false (liaison_preferences_is_valid_time_zone ("Mars/Olympus_Mons"));

  g_assert_true (liaison_preferences_is_valid_relay_url (""));
  g_assert_true (liaison_preferences_is_valid_relay_url ("https://relay.example.com"));
  g_assert_true (liaison_preferences_is_valid_relay_url ("https://relay.example.com:8443/liaison"));
  g_assert_true (liaison_preferences_is_valid_relay_url ("http://localhost:8080"));
  g_assert_false (liaison_preferences_is_valid_relay_url ("http://relay.example.com"));
  g_assert_false (liaison_preferences_is_valid_relay_url ("relay.example.com"));
  g_assert_false (liaison_preferences_is_valid_relay_url ("https://"));
  g_assert_false (liaison_preferences_is_valid_relay_url ("ftp://relay.example.com"));

  g_assert_true (liaison_preferences_is_valid_sender (""));
  g_assert_true (liaison_preferences_is_valid_sender ("+15551230000"));
  g_assert_true (liaison_preferences_is_valid_sender ("+447911123456"));
  g_assert_false (liaison_preferences_is_valid_sender ("5551230000"));
  g_assert_false (liaison_preferences_is_valid_sender ("+1 555 123 0000"));
  g_assert_false (liaison_preferences_is_valid_sender ("+0551230000"));
  g_assert_false (liaison_preferences_is_valid_sender ("+1"));

  /* The advisor's own phone, as typed (US numbers without a country code). */
  g_assert_true (liaison_preferences_is_valid_phone (""));
  g_assert_true (liaison_preferences_is_valid_phone ("(203) 555-0123"));
  g_assert_true (liaison_preferences_is_valid_phone ("+44 20 7946 0958"));
  g_assert_false (liaison_preferences_is_valid_phone ("555"));
  g_assert_false (liaison_preferences_is_valid_phone ("call me"));

  /* The summary model server: empty (off), or http(s) with a host. */
  g_assert_true (liaison_preferences_is_valid_endpoint_url (""));
  g_assert_true (liaison_preferences_is_valid_endpoint_url ("http://192.168.1.20:8080"));
  g_assert_true (liaison_preferences_is_valid_endpoint_url ("https://models.example.com/api"));
  g_assert_false (liaison_preferences_is_valid_endpoint_url ("models.example.com"));
  g_assert_false (liaison_preferences_is_valid_endpoint_url ("ftp://models.example.com"));
  g_assert_false (liaison_preferences_is_valid_endpoint_url ("http://"));
}

/* Preferences → Compliance: the firm's phrases reach the compliance gate. */
static void
test_phrases (void)
{
  g_autoptr(GSettings) settings = g_object_ref (liaison_application_get_settings (app));
  LiaisonPreferencesWindow *prefs = open_preferences ();
  LiaisonComplianceGate *gate = liaison_application_get_gate (app);
  GtkWidget *add_row = prefs_child (prefs, "phrase_add_row");
  g_auto(GStrv) phrases = NULL;
  g_autoptr(LiaisonGateDecision) decision = NULL;
  LiaisonGateRequest request = {
    .to = "+12125550100", .body = "This annuity is a slam dunk",
    /* Monday 2026-06-01 15:00 UTC: 11:00 in New York. */
    .send_at = G_GINT64_CONSTANT (1780326000) * G_USEC_PER_SEC,
  };

  g_assert_nonnull (gate);
  g_settings_set_strv (settings, "lexicon-phrases", NULL);

  decision = liaison_compliance_gate_check (gate, &request);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);
  g_clear_object (&decision);

  set_text (add_row, "  slam dunk ");
  g_signal_emit_by_name (add_row, "apply");
  phrases = g_settings_get_strv (settings, "lexicon-phrases");
  g_assert_cmpuint (g_strv_length (phrases), ==, 1);
  g_assert_cmpstr (phrases[0], ==, "slam dunk");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  /* The same phrase twice is kept once. */
  set_text (add_row, "slam dunk");
  g_signal_emit_by_name (add_row, "apply");
  g_clear_pointer (&phrases, g_strfreev);
  phrases = g_settings_get_strv (settings, "lexicon-phrases");
  g_assert_cmpuint (g_strv_length (phrases), ==, 1);

  decision = liaison_compliance_gate_check (gate, &request);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_WARN);
  g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_RISKY_PHRASE));
  g_clear_object (&decision);

  /* Removing it through the row's button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-phrase", "s", "slam dunk"));
  g_clear_pointer (&phrases, g_strfreev);
  phrases = g_settings_get_strv (settings, "lexicon-phrases");
  g_assert_cmpuint (g_strv_length (phrases), ==, 0);
  decision = liaison_compliance_gate_check (gate, &request);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_settings_bindings (void)
{
  GSettings *settings;
  LiaisonPreferencesWindow *prefs;
  GtkWidget *row;
  g_autofree char *value = NULL;
  g_auto(GStrv) days = NULL;
  g_auto(GStrv) holidays = NULL;
  GtkWidget *days_box;
  GtkWidget *saturday;

  if (liaison_gui_test_no_display ())
    return;

  settings = liaison_application_get_settings (app);

  prefs = open_preferences ();

  /* Times: invalid text is flagged and not written; valid text is written. */
  row = prefs_child (prefs, "hours_start_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "09:00");
  set_text (row, "25:00");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  value = g_settings_get_string (settings, "business-hours-start");
  g_assert_cmpstr (value, ==, "09:00");
  g_clear_pointer (&value, g_free);
  set_text (row, "08:30");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  value = g_settings_get_string (settings, "business-hours-start");
  g_assert_cmpstr (value, ==, "08:30");
  g_clear_pointer (&value, g_free);

  row = prefs_child (prefs, "quiet_end_row");
  set_text (row, "20:00");
  value = g_settings_get_string (settings, "quiet-hours-end");
  g_assert_cmpstr (value, ==, "20:00");
  g_clear_pointer (&value, g_free);

  /* Time zone: checked with GLib's database. */
  row = prefs_child (prefs, "time_zone_row");
  set_text (row, "Mars/Olympus_Mons");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  value = g_settings_get_string (settings, "time-zone");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);
  set_text (row, "America/Chicago");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  value = g_settings_get_string (settings, "time-zone");
  g_assert_cmpstr (value, ==, "America/Chicago");
  g_clear_pointer (&value, g_free);

  /* Relay address. */
  row = prefs_child (prefs, "relay_url_row");
  set_text (row, "not a url");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  set_text (row, "https://relay.example.com");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  value = g_settings_get_string (settings, "relay-url");
  g_assert_cmpstr (value, ==, "https://relay.example.com");
  g_clear_pointer (&value, g_free);

  /* Working days: one toggle per day, Monday first. */
  days_box = prefs_child (prefs, "days_box");
  g_assert_cmpuint (liaison_gui_test_count_children (days_box, GTK_TYPE_TOGGLE_BUTTON), ==, 7);
  saturday = gtk_widget_get_first_child (days_box);
  for (guint i = 0; i < 5; i++)
    saturday = gtk_widget_get_next_sibling (saturday);
  saturday = liaison_gui_test_find_child (saturday, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (saturday);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (saturday)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (saturday), TRUE);
  days = g_settings_get_strv (settings, "business-days");
  g_assert_true (g_strv_contains ((const char * const *) days, "sat"));
  g_assert_true (g_strv_contains ((const char * const *) days, "mon"));
  g_assert_false (g_strv_contains ((const char * const *) days, "sun"));

  /* Holidays: added through the entry row, removed through their button. */
  row = prefs_child (prefs, "holiday_add_row");
  set_text (row, "2026-13-40");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  set_text (row, "2026-12-25");
  g_signal_emit_by_name (row, "apply");
  set_text (row, "2026-11-26");
  g_signal_emit_by_name (row, "apply");
  holidays = g_settings_get_strv (settings, "holidays");
  g_assert_cmpuint (g_strv_length (holidays), ==, 2);
  g_assert_cmpstr (holidays[0], ==, "2026-11-26");
  g_assert_cmpstr (holidays[1], ==, "2026-12-25");
  g_clear_pointer (&holidays, g_strfreev);
  g_assert_cmpuint (liaison_gui_test_count_children (prefs_child (prefs, "holidays_group"), ADW_TYPE_ACTION_ROW),
                    ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-holiday", "s", "2026-12-25"));
  holidays = g_settings_get_strv (settings, "holidays");
  g_assert_cmpuint (g_strv_length (holidays), ==, 1);
  g_assert_cmpstr (holidays[0], ==, "2026-11-26");

  /* Compliance switch, combos and retention. */
  gtk_switch_set_active (GTK_SWITCH (prefs_child (prefs, "state_quiet_hours_switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "enforce-state-quiet-hours"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (prefs_child (prefs, "lexicon_row")), 1);
  value = g_settings_get_string (settings, "lexicon-policy");
  g_assert_cmpstr (value, ==, "block");
  g_clear_pointer (&value, g_free);
  adw_combo_row_set_selected (ADW_COMBO_ROW (prefs_child (prefs, "consent_row")), 1);
  value = g_settings_get_string (settings, "recording-consent");
  g_assert_cmpstr (value, ==, "always");
  g_clear_pointer (&value, g_free);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (prefs_child (prefs, "retention_spin"))),
                     ==, (double) g_settings_get_int (settings, "recording-retention-days"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (prefs_child (prefs, "retention_spin")), 0);
  g_assert_cmpint (g_settings_get_int (settings, "recording-retention-days"), ==, 0);
  value = g_settings_get_string (settings, "transcription-engine");
  g_assert_cmpstr (value, ==, "twilio");
  g_clear_pointer (&value, g_free);
  adw_combo_row_set_selected (ADW_COMBO_ROW (prefs_child (prefs, "transcription_row")), 1);
  value = g_settings_get_string (settings, "transcription-engine");
  g_assert_cmpstr (value, ==, "device");
  g_clear_pointer (&value, g_free);

  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Put the settings back for the other tests. */
  {
    static const char * const keys[] = {
      "business-hours-start", "quiet-hours-end", "time-zone", "relay-url", "business-days",
      "holidays", "enforce-state-quiet-hours", "lexicon-policy", "recording-consent",
      "recording-retention-days", "transcription-engine",
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_settings_reset (settings, keys[i]);
  }
}

typedef struct
{
  gboolean  saved;
  char     *friendly_name;
} SavedWait;

static void
form_saved_cb (LiaisonAccountForm *form,
               const char         *friendly_name,
               SavedWait          *wait)
{
  wait->saved = TRUE;
  g_free (wait->friendly_name);
  wait->friendly_name = g_strdup (friendly_name);
}

static gboolean
form_idle (gpointer data)
{
  return !liaison_account_form_get_busy (data);
}

static gboolean
credentials_missing (gpointer data)
{
  return liaison_application_get_credentials_state (data) == LIAISON_CREDENTIALS_STATE_MISSING;
}

static LiaisonTwilioCredentials *
load_stored_credentials (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LiaisonSecretStore *secret_store = liaison_application_get_secret_store (app);

  liaison_secret_store_load_twilio_async (secret_store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_load_twilio_finish (secret_store, result, error);
}

/* Verify against liaison-sim over HTTP on 127.0.0.1, then Replace/Remove, on
 * the real keyring. */
static void
test_account_verify (void)
{
  g_autoptr(LiaisonTestSim) sim = NULL;
  g_autoptr(LiaisonTwilioCredentials) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wrong_token = NULL;
  LiaisonPreferencesWindow *prefs;
  LiaisonTwilioClient *client;
  SavedWait wait = { FALSE, NULL };
  GtkWidget *form;
  GtkWidget *status;
  GtkWidget *stored_row;
  AdwMessageDialog *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;
  g_autofree char *old_api_base = NULL;

  if (liaison_gui_test_no_display ())
    return;

  liaison_gui_test_wait_credentials (app);
  if (liaison_application_get_credentials_state (app) == LIAISON_CREDENTIALS_STATE_UNAVAILABLE)
    {
      liaison_test_missing ("LIAISON_REQUIRE_KEYRING", "No Secret Service (run inside dbus-run-session with gnome-keyring)");
      return;
    }
  g_assert_cmpint (liaison_application_get_credentials_state (app), ==, LIAISON_CREDENTIALS_STATE_MISSING);

  sim = liaison_test_sim_start (NULL);
  client = liaison_application_get_twilio_client (app);
  old_api_base = g_strdup (liaison_twilio_client_get_api_base (client));
  liaison_twilio_client_set_api_base (client, sim->url);

  prefs = open_preferences ();
  form = prefs_child (prefs, "account_form");
  status = form_child (form, "status_label");
  stored_row = prefs_child (prefs, "stored_row");
  g_assert_true (gtk_widget_get_visible (prefs_child (prefs, "form_group")));
  g_assert_false (gtk_widget_get_visible (stored_row));
  g_signal_connect (form, "saved", G_CALLBACK (form_saved_cb), &wait);

  /* A wrong token: Twilio's refusal in plain words, the input kept, nothing stored. */
  wrong_token = g_strdup (sim->auth_token);
  wrong_token[0] = wrong_token[0] == '0' ? '1' : '0';
  set_text (form_child (form, "account_sid_row"), sim->account_sid);
  set_text (form_child (form, "secret_row"), wrong_token);
  g_assert_true (liaison_account_form_get_valid (LIAISON_ACCOUNT_FORM (form)));
  liaison_account_form_verify (LIAISON_ACCOUNT_FORM (form));
  g_assert_true (liaison_account_form_get_busy (LIAISON_ACCOUNT_FORM (form)));
  g_assert_true (gtk_widget_get_visible (form_child (form, "spinner")));
  g_assert_true (liaison_gui_test_wait_until (form_idle, form, 30000));
  g_assert_false (wait.saved);
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  g_test_message ("Refused: %s", gtk_label_get_label (GTK_LABEL (status)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_child (form, "secret_row"))), ==, wrong_token);
  stored = load_stored_credentials (&error);
  g_assert_no_error (error);
  g_assert_null (stored);

  /* The right token: verified, stored in the keyring, handed to the application. */
  set_text (form_child (form, "secret_row"), sim->auth_token);
  liaison_account_form_verify (LIAISON_ACCOUNT_FORM (form));
  g_assert_true (liaison_gui_test_wait_until (form_idle, form, 30000));
  g_assert_true (wait.saved);
  g_assert_nonnull (wait.friendly_name);
  g_test_message ("Connected to %s", wait.friendly_name);
  g_assert_cmpint (liaison_application_get_credentials_state (app), ==, LIAISON_CREDENTIALS_STATE_STORED);
  g_assert_cmpstr (liaison_application_get_account_sid (app), ==, sim->account_sid);
  stored = load_stored_credentials (&error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->account_sid, ==, sim->account_sid);
  g_clear_pointer (&stored, liaison_twilio_credentials_free);

  /* Preferences now show what is stored (the SID, never the token). */
  g_assert_true (gtk_widget_get_visible (stored_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (stored_row)), ==, sim->account_sid);
  g_assert_false (gtk_widget_get_visible (prefs_child (prefs, "form_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_child (form, "secret_row"))), ==, "");

  /* Replace shows the form again; Cancel hides it. */
  g_signal_emit_by_name (prefs_child (prefs, "replace_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (prefs_child (prefs, "form_group")));
  g_signal_emit_by_name (prefs_child (prefs, "cancel_replace_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (prefs_child (prefs, "form_group")));

  liaison_gui_test_wait_frame (GTK_WIDGET (prefs));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (prefs), "screenshot-preferences-account-stored.png"));

  /* Remove asks first. */
  g_signal_emit_by_name (prefs_child (prefs, "remove_button"), "clicked");
  toplevels = gtk_window_list_toplevels ();
  for (const GList *iter = toplevels; iter != NULL; iter = iter->next)
    if (ADW_IS_MESSAGE_DIALOG (iter->data))
      dialog = iter->data;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (prefs));
  adw_message_dialog_response (dialog, "remove");
  g_assert_true (liaison_gui_test_wait_until (credentials_missing, app, 30000));
  g_assert_null (liaison_application_get_account_sid (app));
  stored = load_stored_credentials (&error);
  g_assert_no_error (error);
  g_assert_null (stored);
  g_assert_true (gtk_widget_get_visible (prefs_child (prefs, "form_group")));
  g_assert_false (gtk_widget_get_visible (stored_row));

  gtk_window_destroy (GTK_WINDOW (prefs));
  liaison_twilio_client_set_api_base (client, old_api_base);
  g_free (wait.friendly_name);
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static char *
load_relay_token (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LiaisonSecretStore *secret_store = liaison_application_get_secret_store (app);

  liaison_secret_store_load_relay_token_async (secret_store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_load_relay_token_finish (secret_store, result, error);
}

/* The advisor token goes to the keyring, never into the settings. */
static void
test_relay_token (void)
{
  static const char token[] = "relay-token-for-tests-0123456789";
  LiaisonPreferencesWindow *prefs;
  GtkWidget *row;
  GtkWidget *remove;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *relay_url = NULL;

  if (liaison_gui_test_no_display ())
    return;

  liaison_gui_test_wait_credentials (app);
  if (liaison_application_get_credentials_state (app) == LIAISON_CREDENTIALS_STATE_UNAVAILABLE)
    {
      liaison_test_missing ("LIAISON_REQUIRE_KEYRING", "No Secret Service (run inside dbus-run-session with gnome-keyring)");
      return;
    }

  prefs = open_preferences ();
  row = prefs_child (prefs, "relay_token_row");
  remove = prefs_child (prefs, "relay_token_remove_button");
  g_assert_false (gtk_widget_get_visible (remove));

  set_text (row, token);
  g_signal_emit_by_name (row, "apply");
  g_assert_true (liaison_gui_test_wait_until (widget_visible, remove, 30000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  stored = load_relay_token (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, token);
  g_clear_pointer (&stored, g_free);
  relay_url = g_settings_get_string (liaison_application_get_settings (app), "relay-url");
  g_assert_null (strstr (relay_url, token));

  g_signal_emit_by_name (remove, "clicked");
  g_assert_true (liaison_gui_test_wait_until (widget_hidden, remove, 30000));
  stored = load_relay_token (&error);
  g_assert_no_error (error);
  g_assert_null (stored);

  gtk_window_destroy (GTK_WINDOW (prefs));
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
    {
      app = liaison_gui_test_application_new ("test-preferences");
      /* No main window here to start it after its first frame. */
      liaison_application_start_background_work (app);
    }

  g_test_add_func ("/Liaison/Preferences/pages", test_pages);
  g_test_add_func ("/Liaison/Preferences/persona", test_persona);
  g_test_add_func ("/Liaison/Preferences/account-validation", test_account_validation);
  g_test_add_func ("/Liaison/Preferences/validators", test_validators);
  g_test_add_func ("/Liaison/Preferences/settings-bindings", test_settings_bindings);
  g_test_add_func ("/Liaison/Preferences/phrases", test_phrases);
  g_test_add_func ("/Liaison/Preferences/account-verify", test_account_verify);
  g_test_add_func ("/Liaison/Preferences/relay-token", test_relay_token);

  ret = g_test_run ();

  g_clear_object (&app);
  liaison_test_rmdir (data_dir);

  return ret;
}
