/* liaison-secret-store.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The libsecret schema name. Items carry the attributes "profile" and "kind"
 * (plus non-secret identifiers such as "account-sid"); the secret is the token. */
#define LIAISON_SECRET_SCHEMA_NAME "org.bfo.Liaison.Credentials"

#define LIAISON_SECRET_ERROR (liaison_secret_error_quark ())

typedef enum {
  LIAISON_SECRET_ERROR_FAILED,
  /* No Secret Service (no keyring daemon, no portal). Nothing was stored. */
  LIAISON_SECRET_ERROR_UNAVAILABLE,
  /* The keyring is locked and the user declined to unlock it. */
  LIAISON_SECRET_ERROR_LOCKED,
  /* The values were refused before reaching the keyring (bad SID format...). */
  LIAISON_SECRET_ERROR_INVALID,
} LiaisonSecretError;

typedef enum {
  LIAISON_CREDENTIAL_KIND_AUTH_TOKEN,   /* Account SID + Auth Token */
  LIAISON_CREDENTIAL_KIND_API_KEY,      /* Account SID + API Key SID + secret */
} LiaisonCredentialKind;

/* Twilio credentials. The secret is wiped from memory when freed. */
typedef struct {
  LiaisonCredentialKind kind;
  char *account_sid;    /* AC… */
  char *key_sid;        /* SK…, only for LIAISON_CREDENTIAL_KIND_API_KEY */
  char *secret;         /* Auth Token or API Key secret */
} LiaisonTwilioCredentials;

#define LIAISON_TYPE_TWILIO_CREDENTIALS (liaison_twilio_credentials_get_type ())

GType                     liaison_twilio_credentials_get_type  (void) G_GNUC_CONST;
LiaisonTwilioCredentials *liaison_twilio_credentials_new_auth_token (const char *account_sid,
                                                                     const char *auth_token);
LiaisonTwilioCredentials *liaison_twilio_credentials_new_api_key    (const char *account_sid,
                                                                     const char *key_sid,
                                                                     const char *key_secret);
LiaisonTwilioCredentials *liaison_twilio_credentials_copy      (const LiaisonTwilioCredentials *self);
void                      liaison_twilio_credentials_free      (LiaisonTwilioCredentials *self);
/* The Basic-auth user name: the API Key SID if any, else the Account SID. */
const char               *liaison_twilio_credentials_get_username (const LiaisonTwilioCredentials *self);
/* Checks formats (AC + 32 hex, SK + 32 hex, non-empty 32-char secret). */
gboolean                  liaison_twilio_credentials_validate  (const LiaisonTwilioCredentials *self,
                                                                GError                        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTwilioCredentials, liaison_twilio_credentials_free)

GQuark liaison_secret_error_quark (void);

#define LIAISON_TYPE_SECRET_STORE (liaison_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSecretStore, liaison_secret_store, LIAISON, SECRET_STORE, GObject)

/* @profile separates the default, development and demo profiles' items. */
LiaisonSecretStore       *liaison_secret_store_new             (const char *profile);
const char               *liaison_secret_store_get_profile     (LiaisonSecretStore *self);

/* Replaces any stored Twilio credentials of this profile. */
void                      liaison_secret_store_save_twilio_async   (LiaisonSecretStore             *self,
                                                                    const LiaisonTwilioCredentials *credentials,
                                                                    GCancellable                   *cancellable,
                                                                    GAsyncReadyCallback             callback,
                                                                    gpointer                        user_data);
gboolean                  liaison_secret_store_save_twilio_finish  (LiaisonSecretStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

/* Returns NULL without error when nothing is stored. */
void                      liaison_secret_store_load_twilio_async   (LiaisonSecretStore  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
LiaisonTwilioCredentials *liaison_secret_store_load_twilio_finish  (LiaisonSecretStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

void                      liaison_secret_store_clear_twilio_async  (LiaisonSecretStore  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
gboolean                  liaison_secret_store_clear_twilio_finish (LiaisonSecretStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

/* Single secrets other than the Twilio credentials: the relay's advisor
 * token, and the key of the optional summary model server (their URLs live
 * in GSettings). Loading returns NULL without error when nothing is stored. */
typedef enum {
  LIAISON_SECRET_TOKEN_RELAY,
  LIAISON_SECRET_TOKEN_SUMMARY_KEY,
} LiaisonSecretToken;

void                      liaison_secret_store_save_token_async   (LiaisonSecretStore  *self,
                                                                   LiaisonSecretToken   which,
                                                                   const char          *token,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gboolean                  liaison_secret_store_save_token_finish  (LiaisonSecretStore  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                      liaison_secret_store_load_token_async   (LiaisonSecretStore  *self,
                                                                   LiaisonSecretToken   which,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
char                     *liaison_secret_store_load_token_finish  (LiaisonSecretStore  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                      liaison_secret_store_clear_token_async  (LiaisonSecretStore  *self,
                                                                   LiaisonSecretToken   which,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gboolean                  liaison_secret_store_clear_token_finish (LiaisonSecretStore  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

/* The relay's advisor token (relay URL itself lives in GSettings). */
void                      liaison_secret_store_save_relay_token_async   (LiaisonSecretStore  *self,
                                                                         const char          *token,
                                                                         GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
gboolean                  liaison_secret_store_save_relay_token_finish  (LiaisonSecretStore  *self,
                                                                         GAsyncResult        *result,
                                                                         GError             **error);
/* Returns NULL without error when nothing is stored. */
void                      liaison_secret_store_load_relay_token_async   (LiaisonSecretStore  *self,
                                                                         GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
char                     *liaison_secret_store_load_relay_token_finish  (LiaisonSecretStore  *self,
                                                                         GAsyncResult        *result,
                                                                         GError             **error);
void                      liaison_secret_store_clear_relay_token_async  (LiaisonSecretStore  *self,
                                                                         GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
gboolean                  liaison_secret_store_clear_relay_token_finish (LiaisonSecretStore  *self,
                                                                         GAsyncResult        *result,
                                                                         GError             **error);

G_END_DECLS
