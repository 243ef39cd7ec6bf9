/* liaison-application-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-application.h"
#include "liaison-call-reconciler.h"
#include "liaison-click-to-call.h"
#include "liaison-demo.h"
#include "liaison-demo-activity.h"
#include "liaison-retention.h"

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
  LiaisonSequenceRunner   *sequence_runner;
  /* liaison-application-messaging.c */
  GHashTable              *notified_names;   /* thread id → contact name */
  guint                    policy_push_id;
  gboolean                 policy_pushed;

  /* liaison-application-calls.c */
  LiaisonClickToCall      *click_to_call;
  LiaisonLiveCall         *live_call;
  LiaisonRecordingCache   *recording_cache;
  LiaisonCallReconciler   *reconciler;
  LiaisonRetention        *retention;
  guint                    reconcile_id;
  guint                    retention_id;
  gboolean                 calls_started;
  gboolean                 reconciling;
  gboolean                 retaining;

  /* liaison-application-demo.c */
  gboolean                 demo_mode;
  gboolean                 demo_keyring_failed;
  LiaisonDemo             *demo;
  LiaisonDemoActivity     *demo_activity;

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

/* liaison-application-calls.c */
void  _liaison_application_apply_call_status  (LiaisonApplication *self,
                                               const char         *call_sid,
                                               const char         *parent_sid,
                                               const char         *status,
                                               guint               error_code);
void  _liaison_application_apply_recording    (LiaisonApplication *self,
                                               const char         *call_sid,
                                               const char         *recording_sid,
                                               const char         *status);
void  _liaison_application_start_calls        (LiaisonApplication *self);
void  _liaison_application_stop_calls         (LiaisonApplication *self);

/* liaison-application-demo.c */
void  _liaison_application_start_demo          (LiaisonApplication *self);
void  _liaison_application_seed_demo           (LiaisonApplication *self);
void  _liaison_application_start_demo_activity (LiaisonApplication *self);
void  _liaison_application_stop_demo           (LiaisonApplication *self);
/* liaison-application.c, called back by the demo */
void  _liaison_application_demo_ready          (LiaisonApplication *self);
void  _liaison_application_demo_seeded         (LiaisonApplication *self);
void  _liaison_application_demo_failed         (LiaisonApplication *self,
                                                GError             *error);

/* liaison-application-actions.c */
void       _liaison_application_add_actions    (LiaisonApplication *self);
GtkWindow *_liaison_application_present_window (LiaisonApplication *self);

G_END_DECLS
