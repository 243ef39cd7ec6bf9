/* liaison-account-form.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-account-form"

#include "config.h"

#include "liaison-account-form.h"
#include "liaison-application.h"
#include "liaison-log.h"
#include "liaison-twilio-client.h"

#include <glib/gi18n.h>

/* Values of a known-good format, used to check one field at a time with
 * liaison_twilio_credentials_validate(), so that the error shows on the row
 * that is wrong. They are never sent or stored. */
#define PROBE_ACCOUNT_SID "AC00000000000000000000000000000000"
#define PROBE_KEY_SID     "SK00000000000000000000000000000000"
#define PROBE_SECRET      "00000000000000000000000000000000"

typedef enum {
  FIELD_ACCOUNT_SID,
  FIELD_KEY_SID,
  FIELD_SECRET,
} Field;

typedef enum {
  STATUS_NONE,
  STATUS_INFO,
  STATUS_ERROR,
  STATUS_SUCCESS,
} StatusKind;

struct _LiaisonAccountForm
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkWidget           *mode_box;
  GtkToggleButton     *auth_token_toggle;
  GtkToggleButton     *api_key_toggle;
  GtkWidget           *rows_list;
  AdwEntryRow         *account_sid_row;
  AdwEntryRow         *key_sid_row;
  AdwEntryRow         *secret_row;
  GtkLabel            *status_label;
  GtkButton           *cancel_button;
  GtkButton           *verify_button;
  GtkSpinner          *spinner;
  GtkLabel            *verify_label;

  /* Set while a verification runs. */
  GCancellable        *cancellable;
  gboolean             valid;
};

typedef struct
{
  LiaisonAccountForm       *self;
  LiaisonApplication       *application;
  LiaisonTwilioClient      *client;
  LiaisonTwilioCredentials *credentials;
  GCancellable             *cancellable;
  char                     *friendly_name;
} Verification;

enum {
  PROP_0,
  PROP_VALID,
  PROP_BUSY,
  PROP_VERIFY_LABEL,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonAccountForm, liaison_account_form, ADW_TYPE_BIN)

static void
verification_free (Verification *verification)
{
  g_clear_object (&verification->self);
  g_clear_object (&verification->application);
  g_clear_object (&verification->client);
  g_clear_object (&verification->cancellable);
  g_clear_pointer (&verification->credentials, liaison_twilio_credentials_free);
  g_clear_pointer (&verification->friendly_name, g_free);
  g_free (verification);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Verification, verification_free)

static gboolean
is_api_key_mode (LiaisonAccountForm *self)
{
  return gtk_toggle_button_get_active (self->api_key_toggle);
}

/* The row's text without surrounding blanks (pasted values often carry some). */
static char *
dup_row_text (AdwEntryRow *row)
{
  char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strstrip (text);
}

static LiaisonTwilioCredentials *
build_credentials (LiaisonAccountForm *self)
{
  g_autofree char *account_sid = dup_row_text (self->account_sid_row);
  g_autofree char *secret = dup_row_text (self->secret_row);

  if (is_api_key_mode (self))
    {
      g_autofree char *key_sid = dup_row_text (self->key_sid_row);

      return liaison_twilio_credentials_new_api_key (account_sid, key_sid, secret);
    }

  return liaison_twilio_credentials_new_auth_token (account_sid, secret);
}

static gboolean
check_field (Field        field,
             const char  *value,
             GError     **error)
{
  g_autoptr(LiaisonTwilioCredentials) probe = NULL;

  switch (field)
    {
    case FIELD_ACCOUNT_SID:
      probe = liaison_twilio_credentials_new_auth_token (value, PROBE_SECRET);
      break;

    case FIELD_KEY_SID:
      probe = liaison_twilio_credentials_new_api_key (PROBE_ACCOUNT_SID, value, PROBE_SECRET);
      break;

    case FIELD_SECRET:
      probe = liaison_twilio_credentials_new_auth_token (PROBE_ACCOUNT_SID, value);
      break;

    default:
      g_assert_not_reached ();
    }

  return liaison_twilio_credentials_validate (probe, error);
}

static void
set_status (LiaisonAccountForm *self,
            StatusKind          kind,
            const char         *text)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "dim-label");

  switch (kind)
    {
    case STATUS_ERROR:
      gtk_widget_add_css_class (label, "error");
      break;

    case STATUS_SUCCESS:
      gtk_widget_add_css_class (label, "success");
      break;

    case STATUS_INFO:
      gtk_widget_add_css_class (label, "dim-label");
      break;

    case STATUS_NONE:
    default:
      break;
    }

  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (label, kind != STATUS_NONE && text != NULL && *text != '\0');
}

/* Marks @row as wrong when it holds something of the wrong format. Empty rows
 * are not marked: the user has not got to them yet. */
static gboolean
check_row (AdwEntryRow  *row,
           Field         field,
           GError      **first_error)
{
  g_autofree char *text = dup_row_text (row);
  g_autoptr(GError) error = NULL;
  gboolean wrong;

  wrong = *text != '\0' && !check_field (field, text, &error);

  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  if (wrong && *first_error == NULL)
    *first_error = g_steal_pointer (&error);

  return !wrong;
}

static void
update_sensitivity (LiaisonAccountForm *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), self->valid && !busy);
  gtk_widget_set_sensitive (self->rows_list, !busy);
  gtk_widget_set_sensitive (self->mode_box, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
update_validation (LiaisonAccountForm *self)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = build_credentials (self);
  g_autoptr(GError) field_error = NULL;
  gboolean valid;

  valid = liaison_twilio_credentials_validate (credentials, NULL);

  check_row (self->account_sid_row, FIELD_ACCOUNT_SID, &field_error);
  if (is_api_key_mode (self))
    check_row (self->key_sid_row, FIELD_KEY_SID, &field_error);
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_sid_row), "error");
  check_row (self->secret_row, FIELD_SECRET, &field_error);

  if (field_error != NULL)
    set_status (self, STATUS_ERROR, field_error->message);
  else
    set_status (self, STATUS_NONE, NULL);

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALID]);
    }

  update_sensitivity (self);
}

static void
set_busy (LiaisonAccountForm *self,
          GCancellable       *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  g_set_object (&self->cancellable, cancellable);
  update_sensitivity (self);

  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
credentials_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Verification) verification = user_data;
  LiaisonAccountForm *self = verification->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!liaison_secret_store_save_twilio_finish (LIAISON_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (verification->cancellable))
        return;

      g_warning ("Could not save the Twilio credentials: %s", error->message);
      set_busy (self, NULL);
      set_status (self, STATUS_ERROR, error->message);
      return;
    }

  if (g_cancellable_is_cancelled (verification->cancellable))
    return;

  g_debug ("Twilio credentials verified and saved to the keyring");
  liaison_application_set_credentials (verification->application, verification->credentials);

  set_busy (self, NULL);
  liaison_account_form_clear (self);
  /* Translators: %s is the name of the user's Twilio account. */
  message = g_strdup_printf (_("Connected to %s"), verification->friendly_name);
  set_status (self, STATUS_SUCCESS, message);

  g_signal_emit (self, signals [SAVED], 0, verification->friendly_name);
}

static void
account_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Verification) verification = user_data;
  LiaisonAccountForm *self = verification->self;
  g_autoptr(LiaisonTwilioAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const LiaisonTwilioCredentials *credentials;
  LiaisonSecretStore *secret_store;
  GCancellable *cancellable;

  account = liaison_twilio_client_fetch_account_finish (LIAISON_TWILIO_CLIENT (object), result, &error);

  if (g_cancellable_is_cancelled (verification->cancellable))
    return;

  if (account == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                             _("Twilio did not describe the account."));

      g_debug ("Verifying the Twilio credentials failed: %s", error->message);
      set_busy (self, NULL);
      set_status (self, STATUS_ERROR, error->message);
      return;
    }

  if (account->friendly_name != NULL && *account->friendly_name != '\0')
    verification->friendly_name = g_strdup (account->friendly_name);
  else
    verification->friendly_name = g_strdup (account->sid != NULL ? account->sid
                                                                 : verification->credentials->account_sid);

  set_status (self, STATUS_INFO, _("Saving to your keyring…"));

  secret_store = liaison_application_get_secret_store (verification->application);
  credentials = verification->credentials;
  cancellable = verification->cancellable;
  liaison_secret_store_save_twilio_async (secret_store,
                                          credentials,
                                          cancellable,
                                          credentials_saved_cb,
                                          g_steal_pointer (&verification));
}

static void
mode_toggled_cb (LiaisonAccountForm *self,
                 GtkToggleButton    *button)
{
  gboolean api_key;

  /* Each toggle of the group fires; react to the one turned on. */
  if (!gtk_toggle_button_get_active (button))
    return;

  api_key = is_api_key_mode (self);
  gtk_widget_set_visible (GTK_WIDGET (self->key_sid_row), api_key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 api_key ? _("API Key Secret") : _("Auth Token"));
  update_validation (self);
}

static void
input_changed_cb (LiaisonAccountForm *self)
{
  update_validation (self);
}

static void
entry_activated_cb (LiaisonAccountForm *self)
{
  liaison_account_form_verify (self);
}

static void
verify_clicked_cb (LiaisonAccountForm *self)
{
  liaison_account_form_verify (self);
}

static void
cancel_clicked_cb (LiaisonAccountForm *self)
{
  liaison_account_form_cancel (self);
}

static void
liaison_account_form_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonAccountForm *self = LIAISON_ACCOUNT_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    case PROP_VERIFY_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->verify_label));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_account_form_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LiaisonAccountForm *self = LIAISON_ACCOUNT_FORM (object);

  switch (prop_id)
    {
    case PROP_VERIFY_LABEL:
      liaison_account_form_set_verify_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_account_form_dispose (GObject *object)
{
  LiaisonAccountForm *self = LIAISON_ACCOUNT_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_ACCOUNT_FORM);

  G_OBJECT_CLASS (liaison_account_form_parent_class)->dispose (object);
}

static void
liaison_account_form_class_init (LiaisonAccountFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_account_form_get_property;
  object_class->set_property = liaison_account_form_set_property;
  object_class->dispose = liaison_account_form_dispose;

  properties [PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* With a mnemonic underscore, e.g. "_Verify". */
  properties [PROP_VERIFY_LABEL] =
    g_param_spec_string ("verify-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonAccountForm::saved:
   * @friendly_name: the name of the Twilio account
   *
   * The credentials were verified with Twilio and saved to the keyring.
   */
  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/preferences/liaison-account-form.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, mode_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, auth_token_toggle);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, api_key_toggle);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, rows_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, account_sid_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, key_sid_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, verify_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAccountForm, verify_label);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
liaison_account_form_init (LiaisonAccountForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_sensitivity (self);
}

GtkWidget *
liaison_account_form_new (void)
{
  return g_object_new (LIAISON_TYPE_ACCOUNT_FORM, NULL);
}

void
liaison_account_form_set_verify_label (LiaisonAccountForm *self,
                                       const char         *label)
{
  g_return_if_fail (LIAISON_IS_ACCOUNT_FORM (self));

  if (label == NULL)
    label = _("_Verify");

  if (g_strcmp0 (gtk_label_get_label (self->verify_label), label) == 0)
    return;

  gtk_label_set_label (self->verify_label, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VERIFY_LABEL]);
}

gboolean
liaison_account_form_get_valid (LiaisonAccountForm *self)
{
  g_return_val_if_fail (LIAISON_IS_ACCOUNT_FORM (self), FALSE);

  return self->valid;
}

gboolean
liaison_account_form_get_busy (LiaisonAccountForm *self)
{
  g_return_val_if_fail (LIAISON_IS_ACCOUNT_FORM (self), FALSE);

  return self->cancellable != NULL;
}

LiaisonTwilioCredentials *
liaison_account_form_get_credentials (LiaisonAccountForm *self)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;

  g_return_val_if_fail (LIAISON_IS_ACCOUNT_FORM (self), NULL);

  credentials = build_credentials (self);
  if (!liaison_twilio_credentials_validate (credentials, NULL))
    return NULL;

  return g_steal_pointer (&credentials);
}

void
liaison_account_form_verify (LiaisonAccountForm *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  LiaisonApplication *application;
  LiaisonTwilioClient *app_client;
  Verification *verification;

  g_return_if_fail (LIAISON_IS_ACCOUNT_FORM (self));

  if (!self->valid || self->cancellable != NULL)
    return;

  application = LIAISON_APPLICATION_DEFAULT;
  g_return_if_fail (LIAISON_IS_APPLICATION (application));

  verification = g_new0 (Verification, 1);
  verification->self = g_object_ref (self);
  verification->application = g_object_ref (application);
  verification->credentials = build_credentials (self);

  /* A client of its own, so that wrong credentials never replace the
   * application's; it talks to the same API as the application's client. */
  app_client = liaison_application_get_twilio_client (application);
  verification->client = liaison_twilio_client_new ();
  if (app_client != NULL)
    liaison_twilio_client_set_api_base (verification->client,
                                        liaison_twilio_client_get_api_base (app_client));
  liaison_twilio_client_set_credentials (verification->client, verification->credentials);

  cancellable = g_cancellable_new ();
  verification->cancellable = g_object_ref (cancellable);
  set_busy (self, cancellable);
  set_status (self, STATUS_INFO, _("Checking your credentials with Twilio…"));

  liaison_twilio_client_fetch_account_async (verification->client,
                                             cancellable,
                                             account_fetched_cb,
                                             verification);
}

void
liaison_account_form_cancel (LiaisonAccountForm *self)
{
  g_return_if_fail (LIAISON_IS_ACCOUNT_FORM (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
  set_status (self, STATUS_INFO, _("Verification cancelled. Nothing was saved."));
}

void
liaison_account_form_clear (LiaisonAccountForm *self)
{
  g_return_if_fail (LIAISON_IS_ACCOUNT_FORM (self));

  liaison_account_form_cancel (self);

  gtk_editable_set_text (GTK_EDITABLE (self->account_sid_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_sid_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  update_validation (self);
}
