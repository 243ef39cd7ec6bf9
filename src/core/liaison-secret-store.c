/* liaison-secret-store.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-secret-store"

#include "config.h"

#include "liaison-secret-store.h"
#include "liaison-log.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include <string.h>

/* Attribute names and values of the schema. */
#define ATTR_PROFILE          "profile"
#define ATTR_KIND             "kind"
#define ATTR_CREDENTIAL_TYPE  "credential-type"
#define ATTR_ACCOUNT_SID      "account-sid"
#define ATTR_KEY_SID          "key-sid"
#define ATTR_XDG_SCHEMA       "xdg:schema"

#define KIND_TWILIO           "twilio"
#define KIND_RELAY            "relay"
#define KIND_SUMMARY_KEY      "summary-key"
#define TYPE_AUTH_TOKEN       "auth-token"
#define TYPE_API_KEY          "api-key"

#define SID_LENGTH            34
#define AUTH_TOKEN_LENGTH     32

struct _LiaisonSecretStore
{
  GObject  parent_instance;

  char    *profile;
};

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonSecretStore, liaison_secret_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-secret-error-quark, liaison_secret_error)

G_DEFINE_BOXED_TYPE (LiaisonTwilioCredentials, liaison_twilio_credentials,
                     liaison_twilio_credentials_copy, liaison_twilio_credentials_free)

/* As GNOME Calls does (calls-secret-store.c): SECRET_SCHEMA_DONT_MATCH_NAME, so
 * that items are found by their attributes even when a cold keyring has not
 * loaded the xdg:schema attribute yet. Every search still filters on
 * profile and kind. */
static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    LIAISON_SECRET_SCHEMA_NAME,
    SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { ATTR_PROFILE,         SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_KIND,            SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_CREDENTIAL_TYPE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_ACCOUNT_SID,     SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_KEY_SID,         SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Overwrites a secret string before it is freed. */
static void
wipe_string (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
}

static void
free_secret_string (gpointer str)
{
  wipe_string (str);
  g_free (str);
}

/* LiaisonTwilioCredentials */

LiaisonTwilioCredentials *
liaison_twilio_credentials_new_auth_token (const char *account_sid,
                                           const char *auth_token)
{
  LiaisonTwilioCredentials *self = g_new0 (LiaisonTwilioCredentials, 1);

  self->kind = LIAISON_CREDENTIAL_KIND_AUTH_TOKEN;
  self->account_sid = g_strdup (account_sid);
  self->secret = g_strdup (auth_token);

  return self;
}

LiaisonTwilioCredentials *
liaison_twilio_credentials_new_api_key (const char *account_sid,
                                        const char *key_sid,
                                        const char *key_secret)
{
  LiaisonTwilioCredentials *self = g_new0 (LiaisonTwilioCredentials, 1);

  self->kind = LIAISON_CREDENTIAL_KIND_API_KEY;
  self->account_sid = g_strdup (account_sid);
  self->key_sid = g_strdup (key_sid);
  self->secret = g_strdup (key_secret);

  return self;
}

LiaisonTwilioCredentials *
liaison_twilio_credentials_copy (const LiaisonTwilioCredentials *self)
{
  LiaisonTwilioCredentials *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LiaisonTwilioCredentials, 1);
  copy->kind = self->kind;
  copy->account_sid = g_strdup (self->account_sid);
  copy->key_sid = g_strdup (self->key_sid);
  copy->secret = g_strdup (self->secret);

  return copy;
}

void
liaison_twilio_credentials_free (LiaisonTwilioCredentials *self)
{
  if (self == NULL)
    return;

  free_secret_string (self->secret);
  g_free (self->account_sid);
  g_free (self->key_sid);
  explicit_bzero (self, sizeof *self);
  g_free (self);
}

const char *
liaison_twilio_credentials_get_username (const LiaisonTwilioCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == LIAISON_CREDENTIAL_KIND_API_KEY && self->key_sid != NULL)
    return self->key_sid;

  return self->account_sid;
}

static gboolean
is_sid (const char *value,
        const char *prefix)
{
  if (value == NULL || strlen (value) != SID_LENGTH || !g_str_has_prefix (value, prefix))
    return FALSE;

  for (gsize i = 2; i < SID_LENGTH; i++)
    {
      if (!g_ascii_isxdigit (value[i]))
        return FALSE;
    }

  return TRUE;
}

/* Secrets go into an HTTP Authorization header: printable ASCII only, which
 * also catches the spaces and line breaks a copy and paste can bring along. */
static gboolean
is_printable_ascii (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p > '~')
        return FALSE;
    }

  return TRUE;
}

gboolean
liaison_twilio_credentials_validate (const LiaisonTwilioCredentials *self,
                                     GError                        **error)
{
  const char *secret_name;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->kind != LIAISON_CREDENTIAL_KIND_AUTH_TOKEN &&
      self->kind != LIAISON_CREDENTIAL_KIND_API_KEY)
    {
      g_set_error_literal (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                           _("The type of Twilio credentials is not known."));
      return FALSE;
    }

  if (self->account_sid == NULL || self->account_sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                           _("The Account SID is missing. It is shown in the Twilio Console under Account Info."));
      return FALSE;
    }

  if (!is_sid (self->account_sid, "AC"))
    {
      g_set_error_literal (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                           _("The Account SID must be “AC” followed by 32 hexadecimal characters (34 characters in all)."));
      return FALSE;
    }

  if (self->kind == LIAISON_CREDENTIAL_KIND_API_KEY && !is_sid (self->key_sid, "SK"))
    {
      g_set_error_literal (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                           _("The API key SID must be “SK” followed by 32 hexadecimal characters (34 characters in all)."));
      return FALSE;
    }

  secret_name = self->kind == LIAISON_CREDENTIAL_KIND_API_KEY ? _("API key secret") : _("Auth Token");

  if (self->secret == NULL || self->secret[0] == '\0')
    {
      /* Translators: %s is "Auth Token" or "API key secret" */
      g_set_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                   _("The %s is missing."), secret_name);
      return FALSE;
    }

  if (!is_printable_ascii (self->secret))
    {
      /* Translators: %s is "Auth Token" or "API key secret" */
      g_set_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                   _("The %s contains spaces, line breaks or other characters Twilio never uses. Copy it again."),
                   secret_name);
      return FALSE;
    }

  if (self->kind == LIAISON_CREDENTIAL_KIND_AUTH_TOKEN && strlen (self->secret) != AUTH_TOKEN_LENGTH)
    {
      g_set_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                   _("The Auth Token must be %d characters long."), AUTH_TOKEN_LENGTH);
      return FALSE;
    }

  return TRUE;
}

/* Error mapping */

static gboolean
is_unavailable_error (const GError *error)
{
  /* No session bus at all: g_bus_get() fails in GIO (no socket, refused,
   * "Cannot autolaunch D-Bus without X11 $DISPLAY") or in spawning dbus-launch. */
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_DBUS_ERROR;
  if (error->domain == G_SPAWN_ERROR)
    return TRUE;

  /* A bus, but no Secret Service on it. */
  if (error->domain == G_DBUS_ERROR)
    {
      switch ((GDBusError) error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;

        case G_DBUS_ERROR_FAILED:
        case G_DBUS_ERROR_NO_MEMORY:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_IO_ERROR:
        case G_DBUS_ERROR_BAD_ADDRESS:
        case G_DBUS_ERROR_NOT_SUPPORTED:
        case G_DBUS_ERROR_LIMITS_EXCEEDED:
        case G_DBUS_ERROR_ACCESS_DENIED:
        case G_DBUS_ERROR_AUTH_FAILED:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_NO_NETWORK:
        case G_DBUS_ERROR_ADDRESS_IN_USE:
        case G_DBUS_ERROR_INVALID_ARGS:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_FILE_EXISTS:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_MATCH_RULE_NOT_FOUND:
        case G_DBUS_ERROR_MATCH_RULE_INVALID:
        case G_DBUS_ERROR_UNIX_PROCESS_ID_UNKNOWN:
        case G_DBUS_ERROR_INVALID_SIGNATURE:
        case G_DBUS_ERROR_INVALID_FILE_CONTENT:
        case G_DBUS_ERROR_SELINUX_SECURITY_CONTEXT_UNKNOWN:
        case G_DBUS_ERROR_ADT_AUDIT_DATA_UNKNOWN:
        case G_DBUS_ERROR_OBJECT_PATH_IN_USE:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_UNKNOWN_PROPERTY:
        case G_DBUS_ERROR_PROPERTY_READ_ONLY:
        default:
          return FALSE;
        }
    }

  return FALSE;
}

/* Turns a libsecret/GIO error into a LIAISON_SECRET_ERROR (cancellation is
 * passed through). Takes ownership of @error. */
static GError *
map_error (GError       *error,
           GCancellable *cancellable)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_cancellable_is_cancelled (cancellable))
        return error;

      /* Not cancelled by us: the keyring's own unlock prompt was dismissed. */
      mapped = g_error_new_literal (LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_LOCKED,
                                    _("The keyring is locked. Unlock it to use the Twilio credentials stored in it."));
    }
  else if (is_unavailable_error (error))
    {
      mapped = g_error_new_literal (LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE,
                                    _("No keyring is available (the Secret Service is not running). Liaison stores your Twilio credentials only in the keyring, so nothing was saved."));
    }
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    {
      /* gnome-keyring answers "Object does not exist at path …/collection/login"
       * when the default keyring has not been created and no prompt could be
       * shown to create or unlock it. */
      mapped = g_error_new_literal (LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_LOCKED,
                                    _("The default keyring is missing or locked and could not be opened. Open Passwords and Keys to create or unlock it, then try again."));
    }
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      mapped = g_error_new_literal (LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_LOCKED,
                                    _("The keyring is locked. Unlock it to use the Twilio credentials stored in it."));
    }
  else
    {
      /* Translators: %s is the keyring's own error message */
      mapped = g_error_new (LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_FAILED,
                            _("The keyring could not be used: %s"), error->message);
    }

  g_debug ("Keyring error %s:%d mapped to %d: %s",
           g_quark_to_string (error->domain), error->code, mapped->code, error->message);
  g_error_free (error);

  return mapped;
}

/* LiaisonSecretStore */

static void
liaison_secret_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonSecretStore *self = LIAISON_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_secret_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LiaisonSecretStore *self = LIAISON_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_free (self->profile);
      self->profile = g_value_dup_string (value);
      if (self->profile == NULL || self->profile[0] == '\0')
        {
          g_free (self->profile);
          self->profile = g_strdup ("default");
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_secret_store_finalize (GObject *object)
{
  LiaisonSecretStore *self = LIAISON_SECRET_STORE (object);

  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (liaison_secret_store_parent_class)->finalize (object);
}

static void
liaison_secret_store_class_init (LiaisonSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_secret_store_get_property;
  object_class->set_property = liaison_secret_store_set_property;
  object_class->finalize = liaison_secret_store_finalize;

  /**
   * LiaisonSecretStore:profile:
   *
   * Separates the items of the default, development and demo profiles.
   */
  properties [PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL,
                         "default",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_secret_store_init (LiaisonSecretStore *self)
{
}

LiaisonSecretStore *
liaison_secret_store_new (const char *profile)
{
  return g_object_new (LIAISON_TYPE_SECRET_STORE,
                       "profile", profile,
                       NULL);
}

const char *
liaison_secret_store_get_profile (LiaisonSecretStore *self)
{
  g_return_val_if_fail (LIAISON_IS_SECRET_STORE (self), NULL);

  return self->profile;
}

/* "AC0123…ef": enough for a person to recognise the item in Seahorse. */
static char *
short_sid (const char *sid)
{
  gsize len = strlen (sid);

  if (len <= 8)
    return g_strdup (sid);

  return g_strdup_printf ("%.4s…%s", sid, sid + len - 2);
}

static char *
make_twilio_label (LiaisonSecretStore             *self,
                   const LiaisonTwilioCredentials *credentials)
{
  g_autofree char *account = short_sid (credentials->account_sid);
  gboolean is_default = g_str_equal (self->profile, "default");

  if (credentials->kind == LIAISON_CREDENTIAL_KIND_API_KEY)
    {
      g_autofree char *key = short_sid (credentials->key_sid);

      if (is_default)
        /* Translators: the name of a keyring item, shown in Passwords and Keys.
         * The first %s is an API key SID, the second an Account SID, both shortened. */
        return g_strdup_printf (_("Liaison: Twilio API key %s (%s)"), key, account);
      /* Translators: the name of a keyring item. The first %s is Liaison's
       * profile (e.g. "demo"), then an API key SID and an Account SID. */
      return g_strdup_printf (_("Liaison (%s): Twilio API key %s (%s)"), self->profile, key, account);
    }

  if (is_default)
    /* Translators: the name of a keyring item, shown in Passwords and Keys.
     * %s is the shortened Account SID. */
    return g_strdup_printf (_("Liaison: Twilio credentials (%s)"), account);
  /* Translators: the name of a keyring item. The first %s is Liaison's profile
   * (e.g. "demo"), the second the shortened Account SID. */
  return g_strdup_printf (_("Liaison (%s): Twilio credentials (%s)"), self->profile, account);
}

static const char *
token_kind (LiaisonSecretToken which)
{
  return which == LIAISON_SECRET_TOKEN_SUMMARY_KEY ? KIND_SUMMARY_KEY : KIND_RELAY;
}

static char *
make_token_label (LiaisonSecretStore *self,
                  LiaisonSecretToken  which)
{
  if (which == LIAISON_SECRET_TOKEN_SUMMARY_KEY)
    {
      if (g_str_equal (self->profile, "default"))
        /* Translators: the name of a keyring item, shown in Passwords and Keys */
        return g_strdup (_("Liaison: summary model server key"));
      /* Translators: the name of a keyring item. %s is Liaison's profile (e.g. "demo") */
      return g_strdup_printf (_("Liaison (%s): summary model server key"), self->profile);
    }

  if (g_str_equal (self->profile, "default"))
    /* Translators: the name of a keyring item, shown in Passwords and Keys */
    return g_strdup (_("Liaison: relay token"));
  /* Translators: the name of a keyring item. %s is Liaison's profile (e.g. "demo") */
  return g_strdup_printf (_("Liaison (%s): relay token"), self->profile);
}

/* The attributes that identify this profile's item of @kind. */
static GHashTable *
match_attributes (LiaisonSecretStore *self,
                  const char         *kind)
{
  return secret_attributes_build (get_schema (),
                                  ATTR_PROFILE, self->profile,
                                  ATTR_KIND, kind,
                                  NULL);
}

/* Saving: clear the profile's items of that kind, then store one. */

typedef struct {
  GHashTable *match;
  GHashTable *attributes;
  char       *label;
  char       *secret;
  char       *kind;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_pointer (&save->match, g_hash_table_unref);
  g_clear_pointer (&save->attributes, g_hash_table_unref);
  g_clear_pointer (&save->label, g_free);
  g_clear_pointer (&save->secret, free_secret_string);
  g_clear_pointer (&save->kind, g_free);
  g_free (save);
}

static void
save_store_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonSecretStore *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
      return;
    }

  g_debug ("Stored the %s secret of profile “%s” in the keyring", save->kind, self->profile);
  g_task_return_boolean (task, TRUE);
}

static void
save_clear_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  /* FALSE without an error means there was nothing to replace. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
      return;
    }

  secret_password_storev (get_schema (),
                          save->attributes,
                          SECRET_COLLECTION_DEFAULT,
                          save->label,
                          save->secret,
                          g_task_get_cancellable (task),
                          save_store_cb,
                          g_object_ref (task));
}

/* Takes ownership of @save. */
static void
save_secret (GTask    *task,
             SaveData *save)
{
  GHashTable *match = save->match;

  g_task_set_task_data (task, save, save_data_free);
  secret_password_clearv (get_schema (),
                          match,
                          g_task_get_cancellable (task),
                          save_clear_cb,
                          g_object_ref (task));
}

static gboolean
boolean_finish (LiaisonSecretStore  *self,
             GAsyncResult        *result,
             gpointer             source_tag,
             GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
liaison_secret_store_save_twilio_async (LiaisonSecretStore             *self,
                                        const LiaisonTwilioCredentials *credentials,
                                        GCancellable                   *cancellable,
                                        GAsyncReadyCallback             callback,
                                        gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *save;

  g_return_if_fail (LIAISON_IS_SECRET_STORE (self));
  g_return_if_fail (credentials != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_secret_store_save_twilio_async);

  /* Refuse bad values before the keyring is touched. */
  if (!liaison_twilio_credentials_validate (credentials, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  save = g_new0 (SaveData, 1);
  save->kind = g_strdup (KIND_TWILIO);
  save->match = match_attributes (self, KIND_TWILIO);
  if (credentials->kind == LIAISON_CREDENTIAL_KIND_API_KEY)
    save->attributes = secret_attributes_build (get_schema (),
                                                ATTR_PROFILE, self->profile,
                                                ATTR_KIND, KIND_TWILIO,
                                                ATTR_CREDENTIAL_TYPE, TYPE_API_KEY,
                                                ATTR_ACCOUNT_SID, credentials->account_sid,
                                                ATTR_KEY_SID, credentials->key_sid,
                                                NULL);
  else
    save->attributes = secret_attributes_build (get_schema (),
                                                ATTR_PROFILE, self->profile,
                                                ATTR_KIND, KIND_TWILIO,
                                                ATTR_CREDENTIAL_TYPE, TYPE_AUTH_TOKEN,
                                                ATTR_ACCOUNT_SID, credentials->account_sid,
                                                NULL);
  save->label = make_twilio_label (self, credentials);
  save->secret = g_strdup (credentials->secret);

  LIAISON_DEBUG_MASKED (credentials->account_sid, "Saving Twilio credentials of account %s (profile “%s”)",
                        self->profile);
  save_secret (task, save);
}

gboolean
liaison_secret_store_save_twilio_finish (LiaisonSecretStore  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return boolean_finish (self, result, liaison_secret_store_save_twilio_async, error);
}

void
liaison_secret_store_save_token_async (LiaisonSecretStore  *self,
                                       LiaisonSecretToken   which,
                                       const char          *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *kind = token_kind (which);
  SaveData *save;

  g_return_if_fail (LIAISON_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_secret_store_save_token_async);

  if (token == NULL || token[0] == '\0')
    {
      g_task_return_new_error (task, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                               which == LIAISON_SECRET_TOKEN_SUMMARY_KEY
                               ? _("The model server key is missing.")
                               : _("The relay token is missing."));
      return;
    }
  if (!is_printable_ascii (token))
    {
      g_task_return_new_error (task, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                               which == LIAISON_SECRET_TOKEN_SUMMARY_KEY
                               ? _("The model server key contains spaces, line breaks or other characters that are not allowed. Copy it again.")
                               : _("The relay token contains spaces, line breaks or other characters that are not allowed. Copy it again."));
      return;
    }

  save = g_new0 (SaveData, 1);
  save->kind = g_strdup (kind);
  save->match = match_attributes (self, kind);
  save->attributes = match_attributes (self, kind);
  save->label = make_token_label (self, which);
  save->secret = g_strdup (token);

  save_secret (task, save);
}

gboolean
liaison_secret_store_save_token_finish (LiaisonSecretStore  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  return boolean_finish (self, result, liaison_secret_store_save_token_async, error);
}

void
liaison_secret_store_save_relay_token_async (LiaisonSecretStore  *self,
                                             const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  liaison_secret_store_save_token_async (self, LIAISON_SECRET_TOKEN_RELAY, token, cancellable,
                                         callback, user_data);
}

gboolean
liaison_secret_store_save_relay_token_finish (LiaisonSecretStore  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return liaison_secret_store_save_token_finish (self, result, error);
}

/* Loading: search with unlock, take the newest item, retrieve its secret. */

typedef struct {
  SecretRetrievable *item;
  char              *kind;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->item);
  g_clear_pointer (&load->kind, g_free);
  g_free (load);
}

static LiaisonTwilioCredentials *
credentials_from_item (GHashTable  *attributes,
                       const char  *secret,
                       GError     **error)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  const char *type = g_hash_table_lookup (attributes, ATTR_CREDENTIAL_TYPE);
  const char *account_sid = g_hash_table_lookup (attributes, ATTR_ACCOUNT_SID);

  if (g_strcmp0 (type, TYPE_API_KEY) == 0)
    credentials = liaison_twilio_credentials_new_api_key (account_sid,
                                                          g_hash_table_lookup (attributes, ATTR_KEY_SID),
                                                          secret);
  else if (g_strcmp0 (type, TYPE_AUTH_TOKEN) == 0)
    credentials = liaison_twilio_credentials_new_auth_token (account_sid, secret);
  else
    {
      g_set_error_literal (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                           _("The Twilio credentials in the keyring are incomplete. Enter them again in Preferences."));
      return NULL;
    }

  /* The item may have been edited by hand in Passwords and Keys. */
  if (!liaison_twilio_credentials_validate (credentials, NULL))
    {
      g_set_error_literal (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                           _("The Twilio credentials in the keyring are not valid. Enter them again in Preferences."));
      return NULL;
    }

  return g_steal_pointer (&credentials);
}

static void
load_retrieve_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  LiaisonTwilioCredentials *credentials;
  GError *error = NULL;
  const char *secret;

  value = secret_retrievable_retrieve_secret_finish (load->item, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
      return;
    }
  if (value == NULL)
    {
      /* The item stayed locked: its unlock prompt was dismissed. */
      g_task_return_new_error (task, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_LOCKED,
                               _("The keyring is locked. Unlock it to use the Twilio credentials stored in it."));
      return;
    }

  secret = secret_value_get_text (value);
  if (secret == NULL || secret[0] == '\0')
    {
      g_task_return_new_error (task, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID,
                               _("The secret stored in the keyring is empty or not text. Enter it again in Preferences."));
      return;
    }

  if (!g_str_equal (load->kind, KIND_TWILIO))
    {
      g_task_return_pointer (task, g_strdup (secret), free_secret_string);
      return;
    }

  attributes = secret_retrievable_get_attributes (load->item);
  credentials = credentials_from_item (attributes, secret, &error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) liaison_twilio_credentials_free);
}

/* Items written by another program with the same attribute names are skipped
 * when their schema is known to be another one. */
static gboolean
item_is_ours (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *schema_name;

  if (attributes == NULL)
    return FALSE;

  schema_name = g_hash_table_lookup (attributes, ATTR_XDG_SCHEMA);
  return schema_name == NULL || g_str_equal (schema_name, LIAISON_SECRET_SCHEMA_NAME);
}

static void
load_search_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;
  SecretRetrievable *newest = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
      return;
    }

  /* Saving replaces, so there is one item at most; should there be more
   * (written by an older version, or by hand), the newest wins. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;

      if (!item_is_ours (item))
        continue;
      if (newest == NULL ||
          secret_retrievable_get_modified (item) > secret_retrievable_get_modified (newest))
        newest = item;
    }

  if (newest == NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  load->item = g_object_ref (newest);
  g_list_free_full (items, g_object_unref);

  secret_retrievable_retrieve_secret (load->item,
                                      g_task_get_cancellable (task),
                                      load_retrieve_cb,
                                      g_object_ref (task));
}

static void
load_secret (LiaisonSecretStore *self,
             GTask              *task,
             const char         *kind)
{
  g_autoptr(GHashTable) match = match_attributes (self, kind);
  LoadData *load = g_new0 (LoadData, 1);

  load->kind = g_strdup (kind);
  g_task_set_task_data (task, load, load_data_free);
  secret_password_searchv (get_schema (),
                           match,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           g_task_get_cancellable (task),
                           load_search_cb,
                           g_object_ref (task));
}

void
liaison_secret_store_load_twilio_async (LiaisonSecretStore  *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_secret_store_load_twilio_async);
  load_secret (self, task, KIND_TWILIO);
}

LiaisonTwilioCredentials *
liaison_secret_store_load_twilio_finish (LiaisonSecretStore  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_secret_store_load_twilio_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_secret_store_load_token_async (LiaisonSecretStore  *self,
                                       LiaisonSecretToken   which,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_secret_store_load_token_async);
  load_secret (self, task, token_kind (which));
}

char *
liaison_secret_store_load_token_finish (LiaisonSecretStore  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_secret_store_load_token_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_secret_store_load_relay_token_async (LiaisonSecretStore  *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  liaison_secret_store_load_token_async (self, LIAISON_SECRET_TOKEN_RELAY, cancellable, callback,
                                         user_data);
}

char *
liaison_secret_store_load_relay_token_finish (LiaisonSecretStore  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return liaison_secret_store_load_token_finish (self, result, error);
}

/* Clearing */

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
clear_secret (LiaisonSecretStore *self,
              GTask              *task,
              const char         *kind)
{
  g_autoptr(GHashTable) match = match_attributes (self, kind);

  g_debug ("Removing the %s secret of profile “%s” from the keyring", kind, self->profile);
  secret_password_clearv (get_schema (),
                          match,
                          g_task_get_cancellable (task),
                          clear_cb,
                          g_object_ref (task));
}

void
liaison_secret_store_clear_twilio_async (LiaisonSecretStore  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_secret_store_clear_twilio_async);
  clear_secret (self, task, KIND_TWILIO);
}

gboolean
liaison_secret_store_clear_twilio_finish (LiaisonSecretStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  return boolean_finish (self, result, liaison_secret_store_clear_twilio_async, error);
}

void
liaison_secret_store_clear_token_async (LiaisonSecretStore  *self,
                                        LiaisonSecretToken   which,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_secret_store_clear_token_async);
  clear_secret (self, task, token_kind (which));
}

gboolean
liaison_secret_store_clear_token_finish (LiaisonSecretStore  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return boolean_finish (self, result, liaison_secret_store_clear_token_async, error);
}

void
liaison_secret_store_clear_relay_token_async (LiaisonSecretStore  *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  liaison_secret_store_clear_token_async (self, LIAISON_SECRET_TOKEN_RELAY, cancellable, callback,
                                          user_data);
}

gboolean
liaison_secret_store_clear_relay_token_finish (LiaisonSecretStore  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  return liaison_secret_store_clear_token_finish (self, result, error);
}
