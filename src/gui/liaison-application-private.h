/* liaison-application-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

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
  /* liaison-application-messaging.c */
  GHashTable              *notified_names;   /* thread id → contact name */
  guint                    policy_push_id;
  gboolean                 policy_pushed;

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

/* liaison-application-messaging.c */
void  _liaison_application_setup_gate         (LiaisonApplication *self);
void  _liaison_application_start_messaging    (LiaisonApplication *self);
void  _liaison_application_stop_messaging     (LiaisonApplication *self);
void  _liaison_application_reload_relay_token (LiaisonApplication *self);
char *_liaison_application_build_policy       (GSettings          *settings,
                                               JsonObject         *current);

/* liaison-application-actions.c */
void       _liaison_application_add_actions    (LiaisonApplication *self);
GtkWindow *_liaison_application_present_window (LiaisonApplication *self);

G_END_DECLS
