/* liaison-preferences-window.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-preferences-window"

#include "config.h"

#include "liaison-preferences-window.h"
#include "liaison-account-form.h"
#include "liaison-phone.h"
#include "liaison-secret-store.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

struct _LiaisonPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets: Account */
  AdwPreferencesGroup  *twilio_group;
  AdwActionRow         *keyring_row;
  GtkSpinner           *keyring_spinner;
  AdwActionRow         *stored_row;
  GtkButton            *replace_button;
  GtkButton            *remove_button;
  AdwPreferencesGroup  *form_group;
  GtkButton            *cancel_replace_button;
  LiaisonAccountForm   *account_form;
  AdwComboRow          *persona_row;
  AdwEntryRow          *advisor_name_row;
  AdwEntryRow          *firm_name_row;

  /* Relay */
  AdwEntryRow          *relay_url_row;
  AdwActionRow         *relay_status_row;
  AdwPreferencesGroup  *relay_token_group;
  GtkButton            *relay_token_remove_button;
  AdwEntryRow          *relay_token_row;
  AdwEntryRow          *endpoint_url_row;
  AdwEntryRow          *endpoint_model_row;
  AdwEntryRow          *endpoint_key_row;

  /* Business hours */
  AdwPreferencesGroup  *time_zone_group;
  AdwEntryRow          *time_zone_row;
  AdwEntryRow          *hours_start_row;
  AdwEntryRow          *hours_end_row;
  GtkFlowBox           *days_box;
  AdwPreferencesGroup  *holidays_group;
  AdwEntryRow          *holiday_add_row;

  /* Compliance */
  AdwEntryRow          *quiet_start_row;
  AdwEntryRow          *quiet_end_row;
  GtkSwitch            *state_quiet_hours_switch;
  AdwComboRow          *lexicon_row;
  AdwComboRow          *consent_row;
  AdwComboRow          *transcription_row;
  GtkSpinButton        *retention_spin;

  LiaisonApplication   *application;
  GSettings            *settings;
  GCancellable         *cancellable;

  GtkToggleButton      *day_buttons[7];
  GPtrArray            *holiday_rows;
  AdwEntryRow          *sender_row;
  AdwEntryRow          *advisor_phone_row;
  AdwPreferencesGroup  *phrases_group;
  AdwEntryRow          *phrase_add_row;
  GPtrArray            *phrase_rows;
  gboolean              updating_days;
  gboolean              replacing;
  gboolean              relay_token_stored;
};

G_DEFINE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Values of the string settings shown by combo rows, in row order. */
static const char * const persona_values[] = { "advisor", "cpa", "attorney", "insurance-agent", NULL };
static const char * const lexicon_values[] = { "warn", "block", NULL };
static const char * const consent_values[] = { "auto", "always", "never", NULL };
static const char * const transcription_values[] = { "twilio", "device", NULL };

/* The business-days setting's values, Monday first. */
static const char * const day_keys[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };

typedef struct
{
  gboolean (*is_valid) (const char *text);
} Check;

static const Check time_check = { liaison_preferences_is_valid_time };
static const Check time_zone_check = { liaison_preferences_is_valid_time_zone };
static const Check relay_url_check = { liaison_preferences_is_valid_relay_url };
static const Check sender_check = { liaison_preferences_is_valid_sender };
static const Check advisor_phone_check = { liaison_preferences_is_valid_phone };
static const Check endpoint_url_check = { liaison_preferences_is_valid_endpoint_url };

/* Empty (off) or an http(s) address with a host: a model server may well be
 * plain http on the user's own network. */
gboolean
liaison_preferences_is_valid_endpoint_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL || *text == '\0')
    return TRUE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* Empty (not set) or a phone number as people type them: the one
 * click-to-call rings first. */
gboolean
liaison_preferences_is_valid_phone (const char *text)
{
  g_autofree char *e164 = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  e164 = liaison_phone_normalize (text, NULL, NULL);
  return e164 != NULL;
}

/* Empty (the account's first texting number) or E.164. */
gboolean
liaison_preferences_is_valid_sender (const char *text)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  if (text[0] != '+' || text[1] < '1' || text[1] > '9' || strlen (text) > 16 || strlen (text) < 8)
    return FALSE;
  for (const char *c = text + 1; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

gboolean
liaison_preferences_is_valid_time (const char *text)
{
  int hours, minutes;

  if (text == NULL || strlen (text) != 5 || text[2] != ':')
    return FALSE;

  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  hours = (text[0] - '0') * 10 + (text[1] - '0');
  minutes = (text[3] - '0') * 10 + (text[4] - '0');

  return hours < 24 && minutes < 60;
}

gboolean
liaison_preferences_is_valid_date (const char *text)
{
  int year = 0, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  for (guint i = 0; i < 4; i++)
    year = year * 10 + (text[i] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');

  return year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

gboolean
liaison_preferences_is_valid_time_zone (const char *text)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  zone = g_time_zone_new_identifier (text);
  return zone != NULL;
}

gboolean
liaison_preferences_is_valid_relay_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL || *text == '\0')
    return TRUE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  /* Plain HTTP only to this computer, e.g. a relay behind a local tunnel. */
  return g_ascii_strcasecmp (scheme, "http") == 0 &&
         (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "127.0.0.1") ||
          g_str_equal (host, "::1"));
}

static void
mark_row (AdwEntryRow *row,
          gboolean     valid,
          const char  *problem)
{
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), problem);
    }
}

static void
add_toast (LiaisonPreferencesWindow *self,
           const char               *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

/* TRUE once the window was closed: late answers from the keyring are dropped. */
static gboolean
is_closed (LiaisonPreferencesWindow *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

/* Settings mappings */

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_str_equal (choices[i], choice))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[index]);
}

static gboolean
text_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

/* Writes only values that pass the check; the row shows the error meanwhile. */
static GVariant *
checked_text_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  const Check *check = user_data;
  const char *text = g_value_get_string (value);

  if (text == NULL || !check->is_valid (text))
    return NULL;

  return g_variant_new_string (text);
}

static gboolean
days_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, (double) g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
days_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) lround (g_value_get_double (value)));
}

static void
bind_choice (LiaisonPreferencesWindow *self,
             const char               *key,
             AdwComboRow              *row,
             const char * const       *choices)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) choices, NULL);
}

static void
bind_checked_text (LiaisonPreferencesWindow *self,
                   const char               *key,
                   AdwEntryRow              *row,
                   const Check              *check)
{
  g_settings_bind_with_mapping (self->settings, key, row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                text_get_mapping, checked_text_set_mapping,
                                (gpointer) check, NULL);
}

/* Account */

static void
update_account (LiaisonPreferencesWindow *self)
{
  LiaisonCredentialsState state = liaison_application_get_credentials_state (self->application);
  const GError *error = liaison_application_get_credentials_error (self->application);
  const char *account_sid = liaison_application_get_account_sid (self->application);
  gboolean stored = state == LIAISON_CREDENTIALS_STATE_STORED && account_sid != NULL;

  if (!stored)
    self->replacing = FALSE;

  switch (state)
    {
    case LIAISON_CREDENTIALS_STATE_LOADING:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keyring_row),
                                     _("Checking your keyring…"));
      adw_action_row_set_subtitle (self->keyring_row, "");
      break;

    case LIAISON_CREDENTIALS_STATE_UNAVAILABLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keyring_row),
                                     _("Your keyring cannot be used"));
      adw_action_row_set_subtitle (self->keyring_row, error != NULL ? error->message : "");
      break;

    case LIAISON_CREDENTIALS_STATE_MISSING:
    case LIAISON_CREDENTIALS_STATE_STORED:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row),
                          state == LIAISON_CREDENTIALS_STATE_LOADING ||
                          state == LIAISON_CREDENTIALS_STATE_UNAVAILABLE);
  gtk_spinner_set_spinning (self->keyring_spinner, state == LIAISON_CREDENTIALS_STATE_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_spinner),
                          state == LIAISON_CREDENTIALS_STATE_LOADING);

  gtk_widget_set_visible (GTK_WIDGET (self->stored_row), stored);
  if (stored)
    {
      adw_action_row_set_subtitle (self->stored_row, account_sid);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stored_row), account_sid);
    }

  /* The first group holds the status rows; without any, the form's group
   * takes its place, title included. */
  gtk_widget_set_visible (GTK_WIDGET (self->twilio_group),
                          stored || state == LIAISON_CREDENTIALS_STATE_LOADING ||
                          state == LIAISON_CREDENTIALS_STATE_UNAVAILABLE);

  gtk_widget_set_visible (GTK_WIDGET (self->form_group),
                          state != LIAISON_CREDENTIALS_STATE_LOADING && (!stored || self->replacing));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_replace_button), stored && self->replacing);

  if (self->replacing)
    {
      adw_preferences_group_set_title (self->form_group, _("Replace Your Credentials"));
      adw_preferences_group_set_description (self->form_group,
                                             _("The new credentials replace the stored ones once Twilio accepts them."));
    }
  else if (gtk_widget_get_visible (GTK_WIDGET (self->twilio_group)))
    {
      adw_preferences_group_set_title (self->form_group, _("Connect Your Account"));
      adw_preferences_group_set_description (self->form_group,
                                             _("Find your Account SID and Auth Token on the Twilio Console’s home page."));
    }
  else
    {
      adw_preferences_group_set_title (self->form_group, _("Twilio Account"));
      adw_preferences_group_set_description (self->form_group,
                                             _("Liaison texts and calls through your own Twilio account. Find your Account SID and Auth Token on the Twilio Console’s home page; they are kept only in your keyring."));
    }
}

static void
replace_clicked_cb (LiaisonPreferencesWindow *self)
{
  self->replacing = TRUE;
  update_account (self);
}

static void
cancel_replace_clicked_cb (LiaisonPreferencesWindow *self)
{
  liaison_account_form_clear (self->account_form);
  self->replacing = FALSE;
  update_account (self);
}

static void
account_saved_cb (LiaisonPreferencesWindow *self,
                  const char               *friendly_name)
{
  g_autofree char *message = NULL;

  self->replacing = FALSE;
  update_account (self);

  /* Translators: %s is the name of the user's Twilio account. */
  message = g_strdup_printf (_("Connected to %s"), friendly_name);
  add_toast (self, message);
}

static void
credentials_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LiaisonPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_secret_store_clear_twilio_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not remove the Twilio credentials: %s", error->message);
      if (!is_closed (self))
        add_toast (self, error->message);
      return;
    }

  /* The keyring changed even if the window was closed meanwhile. */
  liaison_application_forget_credentials (LIAISON_APPLICATION_DEFAULT);
  if (!is_closed (self))
    add_toast (self, _("Twilio credentials removed from your keyring"));
}

static void
remove_response_cb (LiaisonPreferencesWindow *self,
                    const char               *response)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  /* Not cancelled with the window: the application must learn the outcome. */
  liaison_secret_store_clear_twilio_async (liaison_application_get_secret_store (self->application),
                                           NULL,
                                           credentials_cleared_cb,
                                           g_object_ref (self));
}

static void
remove_clicked_cb (LiaisonPreferencesWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Remove Twilio Credentials?"),
                                                       _("Liaison cannot text or call until you connect an account again. Your Twilio account itself is not changed.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Relay */

static void
relay_url_changed_cb (LiaisonPreferencesWindow *self,
                      GtkEditable              *editable)
{
  mark_row (self->relay_url_row,
            liaison_preferences_is_valid_relay_url (gtk_editable_get_text (editable)),
            _("Enter an address starting with https://, such as https://relay.example.com"));
}

static void
update_relay_token (LiaisonPreferencesWindow *self)
{
  adw_preferences_group_set_description (self->relay_token_group,
                                         self->relay_token_stored
                                         ? _("A token is stored in your keyring. Enter a new one to replace it.")
                                         : _("Not set. The person who runs your relay gives you this token."));
  gtk_widget_set_visible (GTK_WIDGET (self->relay_token_remove_button), self->relay_token_stored);
}

static void
relay_token_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LiaisonPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = liaison_secret_store_load_relay_token_finish (LIAISON_SECRET_STORE (object), result, &error);
  if (token != NULL)
    memset (token, 0, strlen (token));

  if (is_closed (self))
    return;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the relay token: %s", error->message);
      return;
    }

  /* Only whether it exists matters here; the copy was wiped above. */
  self->relay_token_stored = token != NULL;

  update_relay_token (self);
}

static void
relay_token_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LiaisonPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_secret_store_save_relay_token_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_closed (self))
        return;

      g_warning ("Could not save the relay token: %s", error->message);
      add_toast (self, error->message);
      return;
    }

  if (is_closed (self))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->relay_token_row), "");
  self->relay_token_stored = TRUE;
  update_relay_token (self);
  liaison_application_reload_relay_token (self->application);
  add_toast (self, _("Advisor token saved to your keyring"));
}

static void
endpoint_key_saved_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LiaisonPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_secret_store_save_token_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_closed (self))
        return;
      add_toast (self, error->message);
      return;
    }

  if (is_closed (self))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_key_row), "");
  add_toast (self, _("Model server key saved to your keyring"));
}

static void
endpoint_key_apply_cb (LiaisonPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_key_row))));

  if (*key == '\0')
    return;

  liaison_secret_store_save_token_async (liaison_application_get_secret_store (self->application),
                                         LIAISON_SECRET_TOKEN_SUMMARY_KEY, key, self->cancellable,
                                         endpoint_key_saved_cb, g_object_ref (self));
  memset (key, 0, strlen (key));
}

static void
endpoint_url_changed_cb (LiaisonPreferencesWindow *self,
                         GtkEditable              *editable)
{
  mark_row (self->endpoint_url_row,
            liaison_preferences_is_valid_endpoint_url (gtk_editable_get_text (editable)),
            _("Enter the server’s address, such as http://192.168.1.20:8080, or leave it empty"));
}

static void
relay_token_apply_cb (LiaisonPreferencesWindow *self)
{
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->relay_token_row))));

  if (*token == '\0')
    return;

  liaison_secret_store_save_relay_token_async (liaison_application_get_secret_store (self->application),
                                               token,
                                               self->cancellable,
                                               relay_token_saved_cb,
                                               g_object_ref (self));
  memset (token, 0, strlen (token));
}

static void
relay_token_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LiaisonPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_secret_store_clear_relay_token_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_closed (self))
        return;

      g_warning ("Could not remove the relay token: %s", error->message);
      add_toast (self, error->message);
      return;
    }

  if (is_closed (self))
    return;

  self->relay_token_stored = FALSE;
  update_relay_token (self);
  liaison_application_reload_relay_token (self->application);
  add_toast (self, _("Advisor token removed from your keyring"));
}

static void
relay_token_remove_clicked_cb (LiaisonPreferencesWindow *self)
{
  liaison_secret_store_clear_relay_token_async (liaison_application_get_secret_store (self->application),
                                                self->cancellable,
                                                relay_token_cleared_cb,
                                                g_object_ref (self));
}

/* Business hours */

static void
time_zone_changed_cb (LiaisonPreferencesWindow *self,
                      GtkEditable              *editable)
{
  mark_row (self->time_zone_row,
            liaison_preferences_is_valid_time_zone (gtk_editable_get_text (editable)),
            _("Enter a time zone name such as America/New_York, or leave it empty"));
}

static void
time_row_changed_cb (LiaisonPreferencesWindow *self,
                     GtkEditable              *editable)
{
  mark_row (ADW_ENTRY_ROW (editable),
            liaison_preferences_is_valid_time (gtk_editable_get_text (editable)),
            _("Enter a 24-hour time such as 09:00 or 17:30"));
}

static void
update_days (LiaisonPreferencesWindow *self)
{
  g_auto(GStrv) days = g_settings_get_strv (self->settings, "business-days");

  self->updating_days = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (self->day_buttons); i++)
    gtk_toggle_button_set_active (self->day_buttons[i],
                                  g_strv_contains ((const char * const *) days, day_keys[i]));
  self->updating_days = FALSE;
}

static void
day_toggled_cb (LiaisonPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) days = NULL;

  if (self->updating_days)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (self->day_buttons); i++)
    if (gtk_toggle_button_get_active (self->day_buttons[i]))
      g_strv_builder_add (builder, day_keys[i]);

  days = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "business-days", (const char * const *) days);
}

static void
build_day_buttons (LiaisonPreferencesWindow *self)
{
  const char *short_names[] = {
    /* Translators: short names of the days of the week, on toggle buttons. */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };
  const char *long_names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (short_names) == G_N_ELEMENTS (self->day_buttons));

  for (guint i = 0; i < G_N_ELEMENTS (self->day_buttons); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(short_names[i]));

      gtk_widget_set_tooltip_text (button, _(long_names[i]));
      gtk_widget_set_hexpand (button, TRUE);
      g_signal_connect_object (button, "toggled", G_CALLBACK (day_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->days_box, button);
      self->day_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static char *
format_holiday (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (iso_date);

  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (iso_date);

  /* Translators: a holiday's date, as in "Thursday, December 25, 2025";
   * see the GDateTime format documentation. */
  return g_date_time_format (date, _("%A, %B %-d, %Y"));
}

static void
update_holidays (LiaisonPreferencesWindow *self)
{
  g_auto(GStrv) holidays = g_settings_get_strv (self->settings, "holidays");

  for (guint i = 0; i < self->holiday_rows->len; i++)
    adw_preferences_group_remove (self->holidays_group, g_ptr_array_index (self->holiday_rows, i));
  g_ptr_array_set_size (self->holiday_rows, 0);

  for (guint i = 0; holidays[i] != NULL; i++)
    {
      g_autofree char *title = format_holiday (holidays[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), holidays[i]);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Remove This Holiday"));
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "prefs.remove-holiday");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (holidays[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->holidays_group, row);
      g_ptr_array_add (self->holiday_rows, row);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
holiday_changed_cb (LiaisonPreferencesWindow *self)
{
  mark_row (self->holiday_add_row, TRUE, NULL);
}

static void
holiday_apply_cb (LiaisonPreferencesWindow *self)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->holiday_add_row))));
  g_auto(GStrv) holidays = NULL;
  g_autoptr(GPtrArray) sorted = NULL;

  if (!liaison_preferences_is_valid_date (date))
    {
      mark_row (self->holiday_add_row, FALSE, _("Enter a date such as 2026-12-25"));
      return;
    }

  holidays = g_settings_get_strv (self->settings, "holidays");
  if (!g_strv_contains ((const char * const *) holidays, date))
    {
      sorted = g_ptr_array_new ();
      for (guint i = 0; holidays[i] != NULL; i++)
        g_ptr_array_add (sorted, holidays[i]);
      g_ptr_array_add (sorted, date);
      g_ptr_array_sort (sorted, compare_strings);
      g_ptr_array_add (sorted, NULL);

      g_settings_set_strv (self->settings, "holidays", (const char * const *) sorted->pdata);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->holiday_add_row), "");
}

static void
remove_holiday_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (widget);
  const char *date = g_variant_get_string (param, NULL);
  g_auto(GStrv) holidays = g_settings_get_strv (self->settings, "holidays");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) remaining = NULL;

  for (guint i = 0; holidays[i] != NULL; i++)
    if (!g_str_equal (holidays[i], date))
      g_strv_builder_add (builder, holidays[i]);

  remaining = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "holidays", (const char * const *) remaining);
}

/* The firm's risky phrases */

static void
update_phrases (LiaisonPreferencesWindow *self)
{
  g_auto(GStrv) phrases = g_settings_get_strv (self->settings, "lexicon-phrases");

  for (guint i = 0; i < self->phrase_rows->len; i++)
    adw_preferences_group_remove (self->phrases_group, g_ptr_array_index (self->phrase_rows, i));
  g_ptr_array_set_size (self->phrase_rows, 0);

  for (guint i = 0; phrases[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), phrases[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Remove This Phrase"));
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "prefs.remove-phrase");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (phrases[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->phrases_group, row);
      g_ptr_array_add (self->phrase_rows, row);
    }
}

static void
phrase_apply_cb (LiaisonPreferencesWindow *self)
{
  g_autofree char *phrase = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phrase_add_row))));
  g_auto(GStrv) phrases = NULL;

  if (*phrase == '\0' || !g_utf8_validate (phrase, -1, NULL))
    return;

  phrases = g_settings_get_strv (self->settings, "lexicon-phrases");
  if (!g_strv_contains ((const char * const *) phrases, phrase))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;

      g_strv_builder_addv (builder, (const char **) phrases);
      g_strv_builder_add (builder, phrase);
      updated = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "lexicon-phrases", (const char * const *) updated);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->phrase_add_row), "");
}

static void
remove_phrase_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (widget);
  const char *phrase = g_variant_get_string (param, NULL);
  g_auto(GStrv) phrases = g_settings_get_strv (self->settings, "lexicon-phrases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) remaining = NULL;

  for (guint i = 0; phrases[i] != NULL; i++)
    if (!g_str_equal (phrases[i], phrase))
      g_strv_builder_add (builder, phrases[i]);

  remaining = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "lexicon-phrases", (const char * const *) remaining);
}

static void
sender_changed_cb (LiaisonPreferencesWindow *self,
                   GtkEditable              *editable)
{
  mark_row (self->sender_row,
            liaison_preferences_is_valid_sender (gtk_editable_get_text (editable)),
            _("Enter a Twilio number of your account in international form, such as +15551230000"));
}

static void
advisor_phone_changed_cb (LiaisonPreferencesWindow *self,
                          GtkEditable              *editable)
{
  mark_row (self->advisor_phone_row,
            liaison_preferences_is_valid_phone (gtk_editable_get_text (editable)),
            _("Enter your own phone number, such as (203) 555-0123 or +442079460958"));
}

/* The relay connection */

static void
update_relay_status (LiaisonPreferencesWindow *self)
{
  LiaisonRelayClient *client = liaison_application_get_relay_client (self->application);
  const char *subtitle = _("Not connected");
  const char *icon = "network-offline-symbolic";
  g_autofree char *owned = NULL;

  if (client != NULL)
    {
      const char *reason = liaison_relay_client_get_last_error (client);

      switch (liaison_relay_client_get_state (client))
        {
        case LIAISON_RELAY_STATE_DISABLED:
          subtitle = _("Enter the relay’s address and your advisor token");
          break;
        case LIAISON_RELAY_STATE_CONNECTING:
          subtitle = _("Connecting…");
          icon = "network-idle-symbolic";
          break;
        case LIAISON_RELAY_STATE_CONNECTED:
          subtitle = _("Connected: new texts arrive as they come");
          icon = "network-transmit-receive-symbolic";
          break;
        case LIAISON_RELAY_STATE_WAITING:
          owned = g_strdup_printf (_("Not connected (%s). Trying again in %u s."),
                                   reason != NULL ? reason : _("no answer"),
                                   liaison_relay_client_get_retry_in (client));
          subtitle = owned;
          icon = "network-error-symbolic";
          break;
        case LIAISON_RELAY_STATE_OFFLINE:
          subtitle = _("Offline: waiting for the network");
          break;
        case LIAISON_RELAY_STATE_UNAUTHORIZED:
          subtitle = _("The relay refused your advisor token. Check it with the person who runs the relay.");
          icon = "dialog-warning-symbolic";
          break;
        default:
          break;
        }
    }

  adw_action_row_set_subtitle (self->relay_status_row, subtitle);
  adw_action_row_set_icon_name (self->relay_status_row, icon);
}

static void
update_time_zone_description (LiaisonPreferencesWindow *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *description = NULL;

  /* Translators: %s is the computer's time zone, such as America/New_York. */
  description = g_strdup_printf (_("Business hours follow this time zone, such as America/Chicago. Leave it empty to use this computer’s, %s."),
                                 g_time_zone_get_identifier (local));
  adw_preferences_group_set_description (self->time_zone_group, description);
}

static void
liaison_preferences_window_constructed (GObject *object)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);
  GApplication *application = g_application_get_default ();

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->constructed (object);

  if (!LIAISON_IS_APPLICATION (application))
    {
      g_critical ("LiaisonPreferencesWindow needs a registered LiaisonApplication");
      return;
    }

  self->application = g_object_ref (LIAISON_APPLICATION (application));
  self->settings = g_object_ref (liaison_application_get_settings (self->application));

  /* Account */
  g_signal_connect_object (self->application, "notify::credentials-state",
                           G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::account-sid",
                           G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  update_account (self);
  bind_choice (self, "persona", self->persona_row, persona_values);
  g_settings_bind (self->settings, "advisor-name", self->advisor_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "firm-name", self->firm_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  bind_checked_text (self, "sender-number", self->sender_row, &sender_check);
  bind_checked_text (self, "advisor-phone", self->advisor_phone_row, &advisor_phone_check);

  /* Relay */
  bind_checked_text (self, "relay-url", self->relay_url_row, &relay_url_check);
  if (liaison_application_get_relay_client (self->application) != NULL)
    {
      g_signal_connect_object (liaison_application_get_relay_client (self->application),
                               "notify::state", G_CALLBACK (update_relay_status), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (liaison_application_get_relay_client (self->application),
                               "notify::last-error", G_CALLBACK (update_relay_status), self,
                               G_CONNECT_SWAPPED);
    }
  update_relay_status (self);
  update_relay_token (self);
  liaison_secret_store_load_relay_token_async (liaison_application_get_secret_store (self->application),
                                               self->cancellable,
                                               relay_token_loaded_cb,
                                               g_object_ref (self));

  /* Business hours */
  bind_checked_text (self, "time-zone", self->time_zone_row, &time_zone_check);
  bind_checked_text (self, "business-hours-start", self->hours_start_row, &time_check);
  bind_checked_text (self, "business-hours-end", self->hours_end_row, &time_check);
  update_time_zone_description (self);
  g_signal_connect_object (self->settings, "changed::business-days",
                           G_CALLBACK (update_days), self, G_CONNECT_SWAPPED);
  update_days (self);
  g_signal_connect_object (self->settings, "changed::holidays",
                           G_CALLBACK (update_holidays), self, G_CONNECT_SWAPPED);
  update_holidays (self);

  /* Compliance */
  g_signal_connect_object (self->settings, "changed::lexicon-phrases",
                           G_CALLBACK (update_phrases), self, G_CONNECT_SWAPPED);
  update_phrases (self);
  bind_checked_text (self, "quiet-hours-start", self->quiet_start_row, &time_check);
  bind_checked_text (self, "quiet-hours-end", self->quiet_end_row, &time_check);
  g_settings_bind (self->settings, "enforce-state-quiet-hours",
                   self->state_quiet_hours_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_choice (self, "lexicon-policy", self->lexicon_row, lexicon_values);
  bind_choice (self, "recording-consent", self->consent_row, consent_values);
  bind_choice (self, "transcription-engine", self->transcription_row, transcription_values);
  bind_checked_text (self, "summary-endpoint-url", self->endpoint_url_row, &endpoint_url_check);
  g_settings_bind (self->settings, "summary-endpoint-model", self->endpoint_model_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "recording-retention-days",
                                self->retention_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                days_get_mapping, days_set_mapping,
                                NULL, NULL);
}

static void
liaison_preferences_window_dispose (GObject *object)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_PREFERENCES_WINDOW);

  g_clear_pointer (&self->holiday_rows, g_ptr_array_unref);
  g_clear_pointer (&self->phrase_rows, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->dispose (object);
}

static void
liaison_preferences_window_finalize (GObject *object)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->finalize (object);
}

static void
liaison_preferences_window_class_init (LiaisonPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_preferences_window_constructed;
  object_class->dispose = liaison_preferences_window_dispose;
  object_class->finalize = liaison_preferences_window_finalize;

  g_type_ensure (LIAISON_TYPE_ACCOUNT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/preferences/liaison-preferences-window.ui");

  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, twilio_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, keyring_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, stored_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, replace_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, form_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, cancel_replace_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, account_form);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, persona_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, advisor_name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, firm_name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, relay_url_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, relay_status_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, relay_token_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, relay_token_remove_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, relay_token_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, endpoint_url_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, endpoint_model_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, endpoint_key_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, time_zone_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, hours_start_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, hours_end_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, days_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, holidays_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, sender_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, advisor_phone_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, phrases_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, phrase_add_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, holiday_add_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, state_quiet_hours_switch);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, lexicon_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, consent_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, transcription_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, retention_spin);

  gtk_widget_class_bind_template_callback (widget_class, replace_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_replace_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, relay_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, relay_token_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, relay_token_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, holiday_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, phrase_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, sender_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, advisor_phone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, holiday_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.remove-holiday", "s", remove_holiday_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-phrase", "s", remove_phrase_action);
}

static void
liaison_preferences_window_init (LiaisonPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->holiday_rows = g_ptr_array_new ();
  self->phrase_rows = g_ptr_array_new ();

  build_day_buttons (self);
}

LiaisonPreferencesWindow *
liaison_preferences_window_new (LiaisonApplication *application)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (application), NULL);

  return g_object_new (LIAISON_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}
