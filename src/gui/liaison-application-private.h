/* liaison-application-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-application.h"

G_BEGIN_DECLS

struct _LiaisonApplication
{
  AdwApplication           parent_instance;

  char                    *secret_profile;
  GSettings               *settings;
  LiaisonStore            *store;
  LiaisonSecretStore      *secret_store;
  LiaisonTwilioClient     *twilio_client;
  LiaisonComplianceGate   *gate;
  LiaisonOutbox           *outbox;
  LiaisonRelayClient      *relay_client;

  /* Cancelled at shutdown. */
  GCancellable            *cancellable;
  gboolean                 background_started;

  LiaisonStoreState        store_state;
  GError                  *store_error;
  gboolean                 store_closed;

  LiaisonCredentialsState  credentials_state;
  GError                  *credentials_error;
  char                    *account_sid;
  gboolean                 setup_postponed;
};

/* liaison-application-actions.c */
void _liaison_application_add_actions (LiaisonApplication *self);

G_END_DECLS
