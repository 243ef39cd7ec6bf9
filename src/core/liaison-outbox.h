/* liaison-outbox.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-compliance-gate.h"
#include "liaison-store.h"
#include "liaison-twilio-client.h"

G_BEGIN_DECLS

/* Every text leaves through the outbox: a durable state machine in the
 * store's outbox table,
 *
 *   pending ──▶ sending ──▶ sent (then the message row follows Twilio's
 *      │           │              statuses: delivered, undelivered, failed)
 *      │           └──▶ failed (Twilio refused it; the reason is kept)
 *      └──▶ cancelled (by the user, or the gate now blocks it)
 *
 * Each row has an idempotency key and is written before any request is
 * made, so a crash or a lost network never sends twice and never loses a
 * message: a row found in "sending" at start-up is reconciled against
 * Twilio's message list (same From, To and body, created after the row was
 * claimed) before anything is sent again. Offline, rows wait and go when
 * the connection returns. Queuing a text also adds its message to the
 * thread (status "queued", or "scheduled" for a later send), so the
 * conversation shows it at once.
 *
 * The compliance gate runs when a text is queued (a block is an error, a
 * warning must be accepted) and again just before it goes (an opt-out or
 * quiet hours that arrived meanwhile cancel or postpone it). */

#define LIAISON_OUTBOX_ERROR (liaison_outbox_error_quark ())

typedef enum {
  /* The gate blocked the send; the decision says why. */
  LIAISON_OUTBOX_ERROR_BLOCKED,
  /* The gate warned and the request did not accept warnings. */
  LIAISON_OUTBOX_ERROR_NEEDS_CONFIRMATION,
  /* No sender number, or an empty body. */
  LIAISON_OUTBOX_ERROR_INVALID,
  /* Not found, or no longer pending (too late to cancel). */
  LIAISON_OUTBOX_ERROR_NOT_PENDING,
} LiaisonOutboxError;

typedef struct {
  const char         *from;            /* our Twilio number, E.164; NULL: the default sender */
  const char         *to;              /* the recipient, E.164 */
  const char         *body;
  const char * const *media_urls;      /* NULL-terminated, or NULL */
  gint64              send_at;         /* µs UTC; 0 is now */
  const char         *source;          /* "composer" (NULL), "sequence", "bulk" */
  gboolean            accept_warnings; /* the person saw the warnings and went on */
} LiaisonOutboxRequest;

#define LIAISON_TYPE_OUTBOX (liaison_outbox_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonOutbox, liaison_outbox, LIAISON, OUTBOX, GObject)

GQuark         liaison_outbox_error_quark    (void);

/* @client may be NULL until credentials exist (rows then wait). */
LiaisonOutbox *liaison_outbox_new            (LiaisonStore          *store,
                                              LiaisonTwilioClient   *client,
                                              LiaisonComplianceGate *gate);
void           liaison_outbox_set_client     (LiaisonOutbox         *self,
                                              LiaisonTwilioClient   *client);
LiaisonComplianceGate *liaison_outbox_get_gate (LiaisonOutbox       *self);
/* The StatusCallback sent with each message (the relay's
 * …/twilio/messages/status), or NULL for none. */
void           liaison_outbox_set_status_callback (LiaisonOutbox    *self,
                                              const char            *url);

/* The number texts go from when a request names none (Preferences →
 * Account), or NULL. */
void           liaison_outbox_set_default_sender (LiaisonOutbox     *self,
                                              const char            *e164);
const char    *liaison_outbox_get_default_sender (LiaisonOutbox     *self);

/* Whether sending is possible now (the application follows GNetworkMonitor
 * and the Twilio account state). Going online sends what waits. Default TRUE. */
void           liaison_outbox_set_online     (LiaisonOutbox         *self,
                                              gboolean               online);
gboolean       liaison_outbox_get_online     (LiaisonOutbox         *self);

/* Reconciles rows left in "sending" by a previous run, then sends what is
 * due and keeps sending as rows become due (scheduled sends use the gate's
 * clock). Call once the store is open. */
void           liaison_outbox_start          (LiaisonOutbox         *self);
/* Stops taking rows; requests under way finish. */
void           liaison_outbox_stop           (LiaisonOutbox         *self);

/* Checks the gate (looking up the recipient's consent state and flagged
 * numbers in the store), then writes the outbox row and its message. Returns
 * the message id. On LIAISON_OUTBOX_ERROR_BLOCKED or _NEEDS_CONFIRMATION,
 * *out_decision (nullable) gets the gate's decision. */
void           liaison_outbox_enqueue_async  (LiaisonOutbox              *self,
                                              const LiaisonOutboxRequest *request,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data);
gint64         liaison_outbox_enqueue_finish (LiaisonOutbox              *self,
                                              GAsyncResult               *result,
                                              LiaisonGateDecision       **out_decision,
                                              GError                    **error);

/* Only what the gate would say, without queuing (the composer's live check). */
void           liaison_outbox_check_async    (LiaisonOutbox              *self,
                                              const LiaisonOutboxRequest *request,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data);
LiaisonGateDecision *liaison_outbox_check_finish (LiaisonOutbox          *self,
                                              GAsyncResult               *result,
                                              GError                    **error);

/* Cancels a pending (or scheduled) text by its message id; its message
 * becomes "canceled". LIAISON_OUTBOX_ERROR_NOT_PENDING once it is sending. */
void           liaison_outbox_cancel_async   (LiaisonOutbox         *self,
                                              gint64                 message_id,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean       liaison_outbox_cancel_finish  (LiaisonOutbox         *self,
                                              GAsyncResult          *result,
                                              GError               **error);

/* Signals:
 *   message-changed (gint64 message_id, gint64 thread_id): a message's
 *     status changed (queued, sending, sent, failed, canceled, …).
 *   idle (): nothing due is left to send (tests wait for it). */

G_END_DECLS
