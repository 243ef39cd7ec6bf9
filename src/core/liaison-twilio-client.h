/* liaison-twilio-client.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-secret-store.h"
#include "liaison-twilio-error.h"

G_BEGIN_DECLS

/* The account as returned by GET /2010-04-01/Accounts/{Sid}.json */
typedef struct {
  char *sid;
  char *friendly_name;
  char *status;          /* active, suspended, closed */
  char *type;            /* Trial, Full */
} LiaisonTwilioAccount;

void liaison_twilio_account_free (LiaisonTwilioAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTwilioAccount, liaison_twilio_account_free)

#define LIAISON_TYPE_TWILIO_CLIENT (liaison_twilio_client_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioClient, liaison_twilio_client, LIAISON, TWILIO_CLIENT, GObject)

LiaisonTwilioClient *liaison_twilio_client_new              (void);

/* Credentials are held in memory only (copied; the secret is wiped on replace). */
void                 liaison_twilio_client_set_credentials  (LiaisonTwilioClient            *self,
                                                             const LiaisonTwilioCredentials *credentials);
/* Base URL of the REST API, default "https://api.twilio.com"; tests and the demo
 * point it at liaison-sim. The environment variable LIAISON_TWILIO_API_BASE
 * overrides the default at construction. */
void                 liaison_twilio_client_set_api_base     (LiaisonTwilioClient *self,
                                                             const char          *base_url);
const char          *liaison_twilio_client_get_api_base     (LiaisonTwilioClient *self);

/* Fetches the account: the credential check behind "Verify". */
void                  liaison_twilio_client_fetch_account_async  (LiaisonTwilioClient *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
LiaisonTwilioAccount *liaison_twilio_client_fetch_account_finish (LiaisonTwilioClient *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

G_END_DECLS
