/* liaison-relay-client.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* The desktop's connection to liaison-relay: a WebSocket to /v1/stream with
 * the advisor token (Authorization: Bearer) and a client name
 * (X-Liaison-Client). Each event is stored in SQLite (inbound texts become
 * messages and pass the consent ledger; statuses move messages forward only;
 * error 21610 marks the number opted out; 21211, 21614, 30003, 30006 flag it
 * as bad), the cursor is saved in relay_cursor in the same transaction, and
 * only then is the event acknowledged. It reconnects with capped, jittered
 * backoff, at once when GNetworkMonitor says the network changed or came
 * back, and resumes from the saved cursor after suspend. */

typedef enum {
  LIAISON_RELAY_STATE_DISABLED,     /* no URL or no token */
  LIAISON_RELAY_STATE_CONNECTING,
  LIAISON_RELAY_STATE_CONNECTED,
  LIAISON_RELAY_STATE_WAITING,      /* failed; retrying after a delay */
  LIAISON_RELAY_STATE_OFFLINE,      /* no network */
  LIAISON_RELAY_STATE_UNAUTHORIZED, /* the relay refused the token (401/403): no retry until it changes */
} LiaisonRelayState;

#define LIAISON_TYPE_RELAY_STATE (liaison_relay_state_get_type ())
GType liaison_relay_state_get_type (void) G_GNUC_CONST;

#define LIAISON_TYPE_RELAY_CLIENT (liaison_relay_client_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRelayClient, liaison_relay_client, LIAISON, RELAY_CLIENT, GObject)

LiaisonRelayClient *liaison_relay_client_new              (LiaisonStore        *store,
                                                           const char          *client_name);
/* Changing either reconnects. The token is kept in memory only. */
void                liaison_relay_client_set_url          (LiaisonRelayClient  *self,
                                                           const char          *url);
void                liaison_relay_client_set_token        (LiaisonRelayClient  *self,
                                                           const char          *token);
const char         *liaison_relay_client_get_url          (LiaisonRelayClient  *self);

void                liaison_relay_client_start            (LiaisonRelayClient  *self);
void                liaison_relay_client_stop             (LiaisonRelayClient  *self);

/* Property "state". */
LiaisonRelayState   liaison_relay_client_get_state        (LiaisonRelayClient  *self);
/* Why the last attempt failed, in plain words, or NULL. */
const char         *liaison_relay_client_get_last_error   (LiaisonRelayClient  *self);
/* Seconds until the next attempt when WAITING. */
guint               liaison_relay_client_get_retry_in     (LiaisonRelayClient  *self);
/* Connect now, skipping the backoff. */
void                liaison_relay_client_reconnect        (LiaisonRelayClient  *self);

/* PUT /v1/policy with the advisor's routing policy (JSON, see the README). */
void                liaison_relay_client_put_policy_async (LiaisonRelayClient  *self,
                                                           const char          *policy_json,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            liaison_relay_client_put_policy_finish (LiaisonRelayClient *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Signals:
 *   message-received (gint64 message_id, gint64 thread_id, const char *from):
 *     a new inbound text was stored (not for duplicates).
 *   message-changed (gint64 message_id, gint64 thread_id): a stored
 *     message's status changed.
 *   consent-changed (const char *e164): a number opted in or out.
 *   call-changed (const char *call_sid): a call was added to the history
 *     or changed (status, times, a <Dial> outcome, a voicemail).
 *   recording-stored (const char *recording_sid, const char *call_sid): a
 *     recording was added or changed (status, duration, media URL).
 *   voicemail-stored (gint64 voicemail_id, const char *call_sid): a new
 *     voicemail was stored.
 *   transcript-stored (const char *call_sid, const char *recording_sid):
 *     Twilio's transcription of a recording (a voicemail's) was stored.
 *   event-stored (const char *kind, const char *sid): any event was stored
 *     and acknowledged. */

G_END_DECLS
