/* liaison-relay-store.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One webhook, as the relay keeps it until every desktop of its advisor has
 * it. @numbers are the Twilio-side and far-side numbers the event concerns
 * (To and From), used to scope it to advisors. */
typedef struct {
  gint64  cursor;             /* set once stored */
  gint64  received_at;        /* Unix microseconds */
  char   *kind;               /* "message.inbound", "message.status", "call.inbound", … */
  char   *account_sid;
  char   *sid;                /* MessageSid, CallSid or RecordingSid */
  char   *status;             /* for status events, else NULL */
  gint    status_rank;        /* order of @status in its life cycle; 0: none */
  char   *from;
  char   *to;
  char   *idempotency_token;  /* I-Twilio-Idempotency-Token, may be NULL */
  char   *natural_key;        /* e.g. "SM…/delivered"; may be NULL */
  char   *payload;            /* JSON object of the webhook's parameters */
  GStrv   advisors;           /* names of the advisors who may see it */
} LiaisonRelayEvent;

LiaisonRelayEvent *liaison_relay_event_new  (void);
void               liaison_relay_event_free (LiaisonRelayEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonRelayEvent, liaison_relay_event_free)

typedef enum {
  LIAISON_RELAY_APPEND_STORED,     /* new, committed to disk */
  LIAISON_RELAY_APPEND_DUPLICATE,  /* seen before (token or natural key) */
  LIAISON_RELAY_APPEND_STALE,      /* a status older than the one known */
} LiaisonRelayAppendResult;

#define LIAISON_TYPE_RELAY_STORE (liaison_relay_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRelayStore, liaison_relay_store, LIAISON, RELAY_STORE, GObject)

/* Opens (creating) the relay's SQLite file: WAL with synchronous=FULL, so a
 * commit is on disk before it returns. Used on one writer thread only. */
LiaisonRelayStore        *liaison_relay_store_open          (const char          *path,
                                                             GError             **error);

/* Queues @event (taken) for the next group commit; completes once it is on
 * disk, or with an error (disk full, I/O): then nothing of it was stored. */
void                      liaison_relay_store_append_async  (LiaisonRelayStore   *self,
                                                             LiaisonRelayEvent   *event,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
/* @out_event (optional) gets the event back, with its cursor once stored. */
LiaisonRelayAppendResult  liaison_relay_store_append_finish (LiaisonRelayStore   *self,
                                                             GAsyncResult        *result,
                                                             LiaisonRelayEvent  **out_event,
                                                             GError             **error);

/* The events @advisor may see after @after_cursor, oldest first, at most
 * @limit. Finish: a GPtrArray of LiaisonRelayEvent. */
void                      liaison_relay_store_read_async    (LiaisonRelayStore   *self,
                                                             const char          *advisor,
                                                             gint64               after_cursor,
                                                             guint                limit,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray                *liaison_relay_store_read_finish   (LiaisonRelayStore   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* Registers a desktop (@client_id) of @advisor: from then on, its advisor's
 * events wait for its acknowledgement. */
void                      liaison_relay_store_register_async (LiaisonRelayStore  *self,
                                                              const char         *advisor,
                                                              const char         *client_id,
                                                              GCancellable       *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);
/* Records that @client_id has every event of its advisor up to @cursor, and
 * deletes the events that every registered desktop of each of their
 * advisors now has (zero custody). */
void                      liaison_relay_store_ack_async     (LiaisonRelayStore   *self,
                                                             const char          *advisor,
                                                             const char          *client_id,
                                                             gint64               cursor,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
/* Deletes events (and deduplication keys) received before @before (Unix
 * microseconds), delivered or not. */
void                      liaison_relay_store_prune_async   (LiaisonRelayStore   *self,
                                                             gint64               before,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer            user_data);
/* Finishes register, ack and prune: the number of events deleted, or -1. */
gint64                    liaison_relay_store_write_finish  (LiaisonRelayStore   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* The advisors' routing policies as stored (advisor → JSON), read when the
 * store was opened. */
GHashTable               *liaison_relay_store_dup_policies  (LiaisonRelayStore   *self);
/* Stores @advisor's policy (JSON text); finish with write_finish(). */
void                      liaison_relay_store_put_policy_async (LiaisonRelayStore  *self,
                                                                const char         *advisor,
                                                                const char         *json,
                                                                GCancellable       *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer            user_data);

/* Commit statistics for /metrics. */
void                      liaison_relay_store_get_stats     (LiaisonRelayStore   *self,
                                                             guint64             *out_commits,
                                                             guint64             *out_events,
                                                             guint64             *out_commit_usec_total,
                                                             guint64             *out_failures);

G_END_DECLS
