/* liaison-application.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-compliance-gate.h"
#include "liaison-demo.h"
#include "liaison-demo-activity.h"
#include "liaison-live-call.h"
#include "liaison-recording-cache.h"
#include "liaison-outbox.h"
#include "liaison-sequence-runner.h"
#include "liaison-relay-client.h"
#include "liaison-secret-store.h"
#include "liaison-store.h"
#include "liaison-twilio-client.h"

G_BEGIN_DECLS

/* Where the application is with opening its database. */
typedef enum {
  LIAISON_STORE_STATE_OPENING,
  LIAISON_STORE_STATE_READY,
  LIAISON_STORE_STATE_FAILED,
} LiaisonStoreState;

/* What the keyring told us about the Twilio credentials. */
typedef enum {
  LIAISON_CREDENTIALS_STATE_LOADING,
  LIAISON_CREDENTIALS_STATE_MISSING,
  LIAISON_CREDENTIALS_STATE_STORED,
  /* The keyring could not be read: see liaison_application_get_credentials_error(). */
  LIAISON_CREDENTIALS_STATE_UNAVAILABLE,
} LiaisonCredentialsState;

#define LIAISON_TYPE_STORE_STATE (liaison_store_state_get_type ())
#define LIAISON_TYPE_CREDENTIALS_STATE (liaison_credentials_state_get_type ())

GType liaison_store_state_get_type       (void) G_GNUC_CONST;
GType liaison_credentials_state_get_type (void) G_GNUC_CONST;

#define LIAISON_TYPE_APPLICATION (liaison_application_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonApplication, liaison_application, LIAISON, APPLICATION, AdwApplication)

#define LIAISON_APPLICATION_DEFAULT (LIAISON_APPLICATION (g_application_get_default ()))

LiaisonApplication      *liaison_application_new                     (void);

/* The demo (liaison-application-demo.c, `liaison --demo`): call before the
 * application is registered. The demo has its own folder inside the data
 * folder, its own keyring items (the "demo" profile, unless
 * @keep_secret_profile: tests keep their throwaway one) and its settings in
 * memory; liaison_application_start_background_work() starts liaison-sim and
 * liaison-relay, seeds the book and starts the activity. */
void                     liaison_application_set_demo_mode           (LiaisonApplication *self,
                                                                      gboolean            keep_secret_profile);
gboolean                 liaison_application_get_demo_mode           (LiaisonApplication *self);
/* The demo's services and activity (NULL outside the demo; the activity
 * exists once the book is seeded). */
LiaisonDemo             *liaison_application_get_demo                (LiaisonApplication *self);
LiaisonDemoActivity     *liaison_application_get_demo_activity       (LiaisonApplication *self);

/* Opens the database and reads the keyring, once, asynchronously. Windows call
 * it after their first frame is painted, so that neither competes with it. */
void                     liaison_application_start_background_work   (LiaisonApplication *self);

LiaisonStore            *liaison_application_get_store               (LiaisonApplication *self);
LiaisonSecretStore      *liaison_application_get_secret_store        (LiaisonApplication *self);
LiaisonTwilioClient     *liaison_application_get_twilio_client       (LiaisonApplication *self);
GSettings               *liaison_application_get_settings            (LiaisonApplication *self);
/* The one compliance gate (following Preferences → Compliance), the outbox
 * every text leaves through, and the connection to the relay. The outbox and
 * the relay client exist once the store is open (NULL before). */
LiaisonComplianceGate   *liaison_application_get_gate                (LiaisonApplication *self);
LiaisonOutbox           *liaison_application_get_outbox              (LiaisonApplication *self);
LiaisonRelayClient      *liaison_application_get_relay_client        (LiaisonApplication *self);
/* Sends the due texts of follow-up sequences through the outbox; exists
 * with the outbox. */
LiaisonSequenceRunner   *liaison_application_get_sequence_runner     (LiaisonApplication *self);
/* Has the runner look for due steps now (after a stage change, an
 * enrolment, a sequence switched on); nothing before it exists. */
void                     liaison_application_poke_sequences          (LiaisonApplication *self);
/* Reads the advisor token again from the keyring (after Preferences saved
 * or removed it) and reconnects to the relay. */
void                     liaison_application_reload_relay_token      (LiaisonApplication *self);

LiaisonStoreState        liaison_application_get_store_state         (LiaisonApplication *self);
/* The reason the database could not be opened, or NULL. */
const GError            *liaison_application_get_store_error         (LiaisonApplication *self);

LiaisonCredentialsState  liaison_application_get_credentials_state   (LiaisonApplication *self);
const GError            *liaison_application_get_credentials_error   (LiaisonApplication *self);
/* The Account SID of the stored credentials, or NULL. The secret is never exposed. */
const char              *liaison_application_get_account_sid         (LiaisonApplication *self);
/* Called once credentials were verified and saved to the keyring. */
void                     liaison_application_set_credentials         (LiaisonApplication             *self,
                                                                      const LiaisonTwilioCredentials *credentials);
/* Called once the stored credentials were removed from the keyring. */
void                     liaison_application_forget_credentials      (LiaisonApplication *self);

/* TRUE once the user chose "Set Up Later" on the welcome page in this session. */
gboolean                 liaison_application_get_setup_postponed     (LiaisonApplication *self);
void                     liaison_application_set_setup_postponed     (LiaisonApplication *self,
                                                                      gboolean            postponed);

/* Click-to-call (liaison-application-calls.c): Twilio rings the advisor's
 * own phone (setting "advisor-phone"), then connects @number from the
 * "sender-number" through the relay ("relay-url"). G_IO_ERROR_NOT_INITIALIZED
 * names the missing setting; G_IO_ERROR_BUSY while a call is in progress.
 * The call becomes the "live-call" property. */
void                     liaison_application_call_number_async       (LiaisonApplication  *self,
                                                                      const char          *number,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
LiaisonLiveCall         *liaison_application_call_number_finish      (LiaisonApplication  *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);
void                     liaison_application_hang_up_async           (LiaisonApplication  *self,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
gboolean                 liaison_application_hang_up_finish          (LiaisonApplication  *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);
/* Moves the live call into a conference and dials @number into it. */
void                     liaison_application_add_to_call_async       (LiaisonApplication  *self,
                                                                      const char          *number,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
char                    *liaison_application_add_to_call_finish      (LiaisonApplication  *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);
LiaisonLiveCall         *liaison_application_get_live_call           (LiaisonApplication *self);
/* Recordings downloaded on demand into the private cache. */
LiaisonRecordingCache   *liaison_application_get_recording_cache     (LiaisonApplication *self);

G_END_DECLS
