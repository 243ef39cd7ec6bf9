/* test-secret-store.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-secret-store.h"
#include "liaison-test-utils.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

#define ACCOUNT_1   "ACaaaa1111111111111111111111111111"
#define TOKEN_1     "7d2a4e9c1b0f38a65e4d2c1b0a9f8e7d"
#define ACCOUNT_2   "ACaaaa2222222222222222222222222222"
#define TOKEN_2     "c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8"
#define KEY_1       "SK3333333333333333333333333333bbbb"
#define KEY_SECRET  "Lq8ZpR2vW6yT0nB4mX7cK1sD5fG9hJ3e"
#define RELAY_1     "relay-tok-8f7e6d5c4b3a2918-secret"
#define RELAY_2     "relay-tok-0a1b2c3d4e5f6a7b-other"

/* A distinct profile prefix per run, so that running the tests inside a real
 * desktop session never touches the user's own "default" items. */
static char *profile_prefix;

/* The same schema, as another program would declare it. */
static const SecretSchema test_schema = {
  LIAISON_SECRET_SCHEMA_NAME,
  SECRET_SCHEMA_DONT_MATCH_NAME,
  {
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "credential-type", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account-sid", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "key-sid", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static char *
profile_name (const char *suffix)
{
  return g_strdup_printf ("%s-%s", profile_prefix, suffix);
}

/* Whether a Secret Service can be reached on the session bus. */
static gboolean
have_secret_service (char **why)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      *why = g_strdup_printf ("no D-Bus session bus (%s)", error->message);
      return FALSE;
    }

  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);
  if (has_owner)
    return TRUE;
  g_clear_error (&error);

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames",
                                             NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                             -1, NULL, &error);
  if (activatable != NULL)
    {
      g_variant_get (activatable, "(^a&s)", &names);
      if (g_strv_contains (names, "org.freedesktop.secrets"))
        return TRUE;
    }

  *why = g_strdup ("no Secret Service (org.freedesktop.secrets) on the session bus; "
                   "run under dbus-run-session with an unlocked gnome-keyring (see ENV.md §3)");
  return FALSE;
}

static gboolean
keyring_missing (void)
{
  g_autofree char *why = NULL;

  if (have_secret_service (&why))
    return FALSE;

  return liaison_test_missing ("LIAISON_REQUIRE_KEYRING", why);
}

/* Async wrappers */

static gboolean
save_twilio (LiaisonSecretStore        *store,
             LiaisonTwilioCredentials  *credentials,
             GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_save_twilio_async (store, credentials, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_save_twilio_finish (store, result, error);
}

static LiaisonTwilioCredentials *
load_twilio (LiaisonSecretStore  *store,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_load_twilio_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_load_twilio_finish (store, result, error);
}

static gboolean
clear_twilio (LiaisonSecretStore  *store,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_clear_twilio_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_clear_twilio_finish (store, result, error);
}

static gboolean
save_relay (LiaisonSecretStore  *store,
            const char          *token,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_save_relay_token_async (store, token, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_save_relay_token_finish (store, result, error);
}

static char *
load_relay (LiaisonSecretStore  *store,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_load_relay_token_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_load_relay_token_finish (store, result, error);
}

static gboolean
clear_relay (LiaisonSecretStore  *store,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_clear_relay_token_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_clear_relay_token_finish (store, result, error);
}

static gboolean
save_token (LiaisonSecretStore  *store,
            LiaisonSecretToken   which,
            const char          *token,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_save_token_async (store, which, token, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_save_token_finish (store, result, error);
}

static char *
load_token (LiaisonSecretStore  *store,
            LiaisonSecretToken   which,
            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_load_token_async (store, which, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_load_token_finish (store, result, error);
}

static gboolean
clear_token (LiaisonSecretStore  *store,
             LiaisonSecretToken   which,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_secret_store_clear_token_async (store, which, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_secret_store_clear_token_finish (store, result, error);
}

/* The keyring items of a profile and kind, read directly with libsecret. */
static GList *
find_items (const char *profile,
            const char *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  secret_password_search (&test_schema, SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL,
                          liaison_test_async_cb, &result,
                          "profile", profile,
                          "kind", kind,
                          NULL);
  liaison_test_wait (&result);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);

  return items;
}

static guint
count_items (const char *profile,
             const char *kind)
{
  GList *items = find_items (profile, kind);
  guint n = g_list_length (items);

  g_list_free_full (items, g_object_unref);
  return n;
}

static void
remove_test_items (const char *profile)
{
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(GError) error = NULL;

  clear_twilio (store, &error);
  g_assert_no_error (error);
  clear_relay (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 0);
  g_assert_cmpuint (count_items (profile, "relay"), ==, 0);
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; needle_len <= length && i <= length - needle_len; i++)
    {
      if (memcmp (data + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Nothing written elsewhere: no file under the (per-test, isolated) home and
 * XDG folders contains the secret. */
static guint
scan_tree (const char *path,
           const char *secret)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          n_files += scan_tree (child, secret);
        }
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (g_file_get_contents (child, &contents, &length, NULL))
            {
              if (contains_bytes (contents, length, secret))
                g_error ("The secret was written to %s", child);
              n_files++;
            }
        }
    }

  return n_files;
}

static void
assert_secret_not_in_files (const char *secret)
{
  const char *roots[] = {
    g_get_home_dir (),
    g_get_user_data_dir (),
    g_get_user_config_dir (),
    g_get_user_cache_dir (),
    g_get_user_state_dir (),
    g_get_user_runtime_dir (),
  };
  guint n_files = 0;

  /* The isolated folders of this test case (G_TEST_OPTION_ISOLATE_DIRS),
   * never the real ones. */
  g_assert_nonnull (strstr (g_get_user_data_dir (), "/.dirs/"));

  for (gsize i = 0; i < G_N_ELEMENTS (roots); i++)
    n_files += scan_tree (roots[i], secret);

  g_test_message ("scanned %u files for the secret", n_files);
}

/* Cases */

static void
test_auth_token (void)
{
  g_autofree char *profile = profile_name ("token");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  if (keyring_missing ())
    return;

  g_assert_cmpstr (liaison_secret_store_get_profile (store), ==, profile);

  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  g_assert_true (save_twilio (store, credentials, &error));
  g_assert_no_error (error);

  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (loaded->kind, ==, LIAISON_CREDENTIAL_KIND_AUTH_TOKEN);
  g_assert_cmpstr (loaded->account_sid, ==, ACCOUNT_1);
  g_assert_null (loaded->key_sid);
  g_assert_cmpstr (loaded->secret, ==, TOKEN_1);

  /* What Passwords and Keys shows: a clear label, identifiers as attributes,
   * and the secret nowhere but in the secret. */
  items = find_items (profile, "twilio");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  attributes = secret_retrievable_get_attributes (items->data);
  g_list_free_full (items, g_object_unref);
  g_assert_true (g_str_has_prefix (label, "Liaison"));
  g_assert_nonnull (strstr (label, "Twilio credentials"));
  g_assert_nonnull (strstr (label, "ACaa"));
  g_assert_null (strstr (label, TOKEN_1));
  g_assert_cmpstr (g_hash_table_lookup (attributes, "credential-type"), ==, "auth-token");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "account-sid"), ==, ACCOUNT_1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "profile"), ==, profile);
  g_assert_null (g_hash_table_lookup (attributes, "key-sid"));
  {
    GHashTableIter iter;
    const char *value;

    g_hash_table_iter_init (&iter, attributes);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &value))
      g_assert_null (strstr (value, TOKEN_1));
  }

  remove_test_items (profile);
  assert_secret_not_in_files (TOKEN_1);
}

static void
test_api_key (void)
{
  g_autofree char *profile = profile_name ("key");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_api_key (ACCOUNT_2, KEY_1,
                                                                                            KEY_SECRET);
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  if (keyring_missing ())
    return;

  g_assert_true (save_twilio (store, credentials, &error));
  g_assert_no_error (error);

  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (loaded->kind, ==, LIAISON_CREDENTIAL_KIND_API_KEY);
  g_assert_cmpstr (loaded->account_sid, ==, ACCOUNT_2);
  g_assert_cmpstr (loaded->key_sid, ==, KEY_1);
  g_assert_cmpstr (loaded->secret, ==, KEY_SECRET);
  g_assert_cmpstr (liaison_twilio_credentials_get_username (loaded), ==, KEY_1);

  items = find_items (profile, "twilio");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  attributes = secret_retrievable_get_attributes (items->data);
  g_list_free_full (items, g_object_unref);
  g_assert_nonnull (strstr (label, "API key"));
  g_assert_nonnull (strstr (label, "SK33"));
  g_assert_nonnull (strstr (label, profile));
  g_assert_null (strstr (label, KEY_SECRET));
  g_assert_cmpstr (g_hash_table_lookup (attributes, "credential-type"), ==, "api-key");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "key-sid"), ==, KEY_1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "account-sid"), ==, ACCOUNT_2);

  remove_test_items (profile);
  assert_secret_not_in_files (KEY_SECRET);
}

static void
test_replace (void)
{
  g_autofree char *profile = profile_name ("replace");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) first = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) second = liaison_twilio_credentials_new_auth_token (ACCOUNT_2, TOKEN_2);
  g_autoptr(LiaisonTwilioCredentials) third = liaison_twilio_credentials_new_api_key (ACCOUNT_2, KEY_1, KEY_SECRET);
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GError) error = NULL;

  if (keyring_missing ())
    return;

  g_assert_true (save_twilio (store, first, &error));
  g_assert_no_error (error);
  g_assert_true (save_twilio (store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 1);

  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->account_sid, ==, ACCOUNT_2);
  g_assert_cmpstr (loaded->secret, ==, TOKEN_2);
  g_clear_pointer (&loaded, liaison_twilio_credentials_free);

  /* From an Auth Token to an API key: still one item, and the key SID follows. */
  g_assert_true (save_twilio (store, third, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 1);
  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->kind, ==, LIAISON_CREDENTIAL_KIND_API_KEY);
  g_assert_cmpstr (loaded->key_sid, ==, KEY_1);
  g_assert_cmpstr (loaded->secret, ==, KEY_SECRET);

  remove_test_items (profile);
  assert_secret_not_in_files (TOKEN_1);
  assert_secret_not_in_files (TOKEN_2);
}

static void
test_clear (void)
{
  g_autofree char *profile = profile_name ("clear");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GError) error = NULL;

  if (keyring_missing ())
    return;

  g_assert_true (save_twilio (store, credentials, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 1);

  g_assert_true (clear_twilio (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 0);

  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Clearing nothing is not an error. */
  g_assert_true (clear_twilio (store, &error));
  g_assert_no_error (error);

  assert_secret_not_in_files (TOKEN_1);
}

static void
test_profiles (void)
{
  g_autofree char *default_profile = profile_name ("default");
  g_autofree char *demo_profile = profile_name ("demo");
  g_autoptr(LiaisonSecretStore) default_store = liaison_secret_store_new (default_profile);
  g_autoptr(LiaisonSecretStore) demo_store = liaison_secret_store_new (demo_profile);
  g_autoptr(LiaisonTwilioCredentials) real = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) demo = liaison_twilio_credentials_new_auth_token (ACCOUNT_2, TOKEN_2);
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GError) error = NULL;

  if (keyring_missing ())
    return;

  /* Saving in "demo" leaves "default" empty. */
  g_assert_true (save_twilio (demo_store, demo, &error));
  g_assert_no_error (error);
  loaded = load_twilio (default_store, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Saving in "default" does not replace "demo". */
  g_assert_true (save_twilio (default_store, real, &error));
  g_assert_no_error (error);
  loaded = load_twilio (demo_store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->account_sid, ==, ACCOUNT_2);
  g_assert_cmpstr (loaded->secret, ==, TOKEN_2);
  g_clear_pointer (&loaded, liaison_twilio_credentials_free);

  /* Clearing "demo" keeps "default". */
  g_assert_true (clear_twilio (demo_store, &error));
  g_assert_no_error (error);
  loaded = load_twilio (default_store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->account_sid, ==, ACCOUNT_1);
  g_assert_cmpstr (loaded->secret, ==, TOKEN_1);
  g_assert_cmpuint (count_items (demo_profile, "twilio"), ==, 0);
  g_assert_cmpuint (count_items (default_profile, "twilio"), ==, 1);

  remove_test_items (default_profile);
  remove_test_items (demo_profile);
  assert_secret_not_in_files (TOKEN_1);
  assert_secret_not_in_files (TOKEN_2);
}

static void
test_relay_token (void)
{
  g_autofree char *profile = profile_name ("relay");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *label = NULL;
  GList *items;

  if (keyring_missing ())
    return;

  token = load_relay (store, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (save_twilio (store, credentials, &error));
  g_assert_no_error (error);
  g_assert_true (save_relay (store, RELAY_1, &error));
  g_assert_no_error (error);
  token = load_relay (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, RELAY_1);
  g_clear_pointer (&token, g_free);

  items = find_items (profile, "relay");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_list_free_full (items, g_object_unref);
  g_assert_nonnull (strstr (label, "relay token"));
  g_assert_null (strstr (label, RELAY_1));

  /* Replacing keeps one item. */
  g_assert_true (save_relay (store, RELAY_2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (profile, "relay"), ==, 1);
  token = load_relay (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, RELAY_2);
  g_clear_pointer (&token, g_free);

  /* The relay token and the Twilio credentials do not disturb each other. */
  loaded = load_twilio (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->secret, ==, TOKEN_1);
  g_assert_true (clear_relay (store, &error));
  g_assert_no_error (error);
  token = load_relay (store, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 1);

  remove_test_items (profile);
  assert_secret_not_in_files (RELAY_1);
  assert_secret_not_in_files (RELAY_2);
}

/* The summary model server's key: its own item, beside the relay token. */
static void
test_summary_key (void)
{
  g_autofree char *profile = profile_name ("summary");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  GList *items;

  if (keyring_missing ())
    return;

  key = load_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  g_assert_true (save_relay (store, RELAY_1, &error));
  g_assert_no_error (error);
  g_assert_true (save_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, "sk-model-0001", &error));
  g_assert_no_error (error);
  key = load_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-model-0001");
  g_clear_pointer (&key, g_free);

  items = find_items (profile, "summary-key");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_list_free_full (items, g_object_unref);
  g_assert_nonnull (strstr (label, "model server key"));
  g_assert_null (strstr (label, "sk-model-0001"));

  /* Refused before the keyring: empty, or with a line break. */
  g_assert_false (save_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, "", &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, "sk-1\n", &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_clear_error (&error);

  /* Clearing it leaves the relay token. */
  g_assert_true (clear_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, &error));
  g_assert_no_error (error);
  key = load_token (store, LIAISON_SECRET_TOKEN_SUMMARY_KEY, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  key = load_relay (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, RELAY_1);

  remove_test_items (profile);
  assert_secret_not_in_files ("sk-model-0001");
}

static void
test_invalid (void)
{
  g_autofree char *profile = profile_name ("invalid");
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) bad_sid = liaison_twilio_credentials_new_auth_token ("AC123", TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) bad_token = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, "abc");
  g_autoptr(LiaisonTwilioCredentials) bad_key = liaison_twilio_credentials_new_api_key (ACCOUNT_1, "SKxyz",
                                                                                        KEY_SECRET);
  g_autoptr(GError) error = NULL;

  if (keyring_missing ())
    return;

  g_assert_false (save_twilio (store, bad_sid, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Account SID"));
  g_clear_error (&error);

  g_assert_false (save_twilio (store, bad_token, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Auth Token"));
  g_clear_error (&error);

  g_assert_false (save_twilio (store, bad_key, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "API key SID"));
  g_clear_error (&error);

  g_assert_false (save_relay (store, "", &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save_relay (store, "two\nlines", &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing reached the keyring. */
  g_assert_cmpuint (count_items (profile, "twilio"), ==, 0);
  g_assert_cmpuint (count_items (profile, "relay"), ==, 0);
  assert_secret_not_in_files (TOKEN_1);
  assert_secret_not_in_files (KEY_SECRET);
}

/* Without a usable keyring every operation fails with UNAVAILABLE (or INVALID
 * first, for bad values) and nothing is written anywhere. Runs in a child with
 * DBUS_SESSION_BUS_ADDRESS set by the caller. */
static void
assert_unavailable_everywhere (const char *profile)
{
  g_autoptr(LiaisonSecretStore) store = liaison_secret_store_new (profile);
  g_autoptr(LiaisonTwilioCredentials) credentials = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, TOKEN_1);
  g_autoptr(LiaisonTwilioCredentials) key = liaison_twilio_credentials_new_api_key (ACCOUNT_2, KEY_1, KEY_SECRET);
  g_autoptr(LiaisonTwilioCredentials) bad = liaison_twilio_credentials_new_auth_token (ACCOUNT_1, "short");
  g_autoptr(LiaisonTwilioCredentials) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_false (save_twilio (store, credentials, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "nothing was saved"));
  g_assert_null (strstr (error->message, TOKEN_1));
  g_clear_error (&error);

  g_assert_false (save_twilio (store, key, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* Validation comes before the keyring. */
  g_assert_false (save_twilio (store, bad, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_INVALID);
  g_clear_error (&error);

  loaded = load_twilio (store, &error);
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE);
  g_assert_null (loaded);
  g_clear_error (&error);

  g_assert_false (clear_twilio (store, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (save_relay (store, RELAY_1, &error));
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  token = load_relay (store, &error);
  g_assert_error (error, LIAISON_SECRET_ERROR, LIAISON_SECRET_ERROR_UNAVAILABLE);
  g_assert_null (token);
  g_clear_error (&error);

  assert_secret_not_in_files (TOKEN_1);
  assert_secret_not_in_files (KEY_SECRET);
  assert_secret_not_in_files (RELAY_1);
}

static void
assert_child_passed_quietly (void)
{
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout_unmatched ("*" TOKEN_1 "*");
  g_test_trap_assert_stderr_unmatched ("*" TOKEN_1 "*");
  g_test_trap_assert_stdout_unmatched ("*" KEY_SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*" KEY_SECRET "*");
  g_test_trap_assert_stdout_unmatched ("*" RELAY_1 "*");
  g_test_trap_assert_stderr_unmatched ("*" RELAY_1 "*");
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "liaison-test-no-such-bus", "socket", NULL);
      g_autofree char *address = g_strdup_printf ("unix:path=%s", missing);
      g_autofree char *profile = profile_name ("nobus");

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_unavailable_everywhere (profile);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  assert_child_passed_quietly ();
}

/* A private session bus (a real dbus-daemon) on which nothing provides or can
 * activate org.freedesktop.secrets. */
static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:dir=%s</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

static void
test_no_service (void)
{
  g_autofree char *dbus_daemon = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *profile = profile_name ("noservice");

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_getenv ("LIAISON_TEST_PRIVATE_BUS"), TRUE);
      assert_unavailable_everywhere (profile);
      return;
    }

  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (dbus_daemon == NULL)
    {
      liaison_test_missing ("LIAISON_REQUIRE_KEYRING", "dbus-daemon is not installed");
      return;
    }

  dir = liaison_test_mkdtemp ();
  config_path = g_build_filename (dir, "session.conf", NULL);
  config = g_markup_printf_escaped (bus_config, dir);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             dbus_daemon, "--config-file", config_path, "--nofork", "--print-address=1",
                             NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_assert_true (g_str_has_prefix (address, "unix:"));

  g_setenv ("LIAISON_TEST_PRIVATE_BUS", address, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("LIAISON_TEST_PRIVATE_BUS");

  g_subprocess_send_signal (daemon, SIGTERM);
  g_subprocess_wait (daemon, NULL, NULL);
  liaison_test_rmdir (dir);

  assert_child_passed_quietly ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  liaison_test_init (&argc, &argv);

  /* The child of a trapped subprocess must use its parent's prefix. */
  if (g_getenv ("LIAISON_TEST_PROFILE_PREFIX") != NULL)
    profile_prefix = g_strdup (g_getenv ("LIAISON_TEST_PROFILE_PREFIX"));
  else
    profile_prefix = g_strdup_printf ("test-%d-%08x", (int) getpid (), g_random_int ());
  g_setenv ("LIAISON_TEST_PROFILE_PREFIX", profile_prefix, TRUE);

  g_test_add_func ("/Liaison/SecretStore/auth-token", test_auth_token);
  g_test_add_func ("/Liaison/SecretStore/api-key", test_api_key);
  g_test_add_func ("/Liaison/SecretStore/replace", test_replace);
  g_test_add_func ("/Liaison/SecretStore/clear", test_clear);
  g_test_add_func ("/Liaison/SecretStore/profiles", test_profiles);
  g_test_add_func ("/Liaison/SecretStore/relay-token", test_relay_token);
  g_test_add_func ("/Liaison/SecretStore/summary-key", test_summary_key);
  g_test_add_func ("/Liaison/SecretStore/invalid", test_invalid);
  g_test_add_func ("/Liaison/SecretStore/no-bus", test_no_bus);
  g_test_add_func ("/Liaison/SecretStore/no-service", test_no_service);

  ret = g_test_run ();
  g_free (profile_prefix);

  return ret;
}
