/* liaison-call-reconciler.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"
#include "liaison-twilio-client.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALL_RECONCILER (liaison_call_reconciler_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallReconciler, liaison_call_reconciler, LIAISON, CALL_RECONCILER, GObject)

/* What one pass found. */
typedef struct {
  guint  n_calls;             /* calls listed by Twilio */
  guint  n_calls_added;       /* not in the store before */
  guint  n_calls_changed;     /* in the store, and updated */
  guint  n_recordings;
  guint  n_recordings_added;
  guint  n_recordings_changed;
  gint64 high_water_mark;     /* µs: the next pass lists calls started since then */
} LiaisonCallReconcileStats;

/* Catches up on what the relay missed: lists the Calls (StartTime on or after
 * the day of the last pass's high-water mark, all pages) and each call's
 * Recordings, and upserts them into the store (statuses only move forward,
 * so replaying is harmless). The high-water mark is kept in the store: the
 * start of the oldest call not yet over, or else of the newest call seen. */
LiaisonCallReconciler *liaison_call_reconciler_new        (LiaisonStore          *store,
                                                           LiaisonTwilioClient   *client);

void          liaison_call_reconciler_run_async   (LiaisonCallReconciler *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean      liaison_call_reconciler_run_finish  (LiaisonCallReconciler      *self,
                                                   GAsyncResult               *result,
                                                   LiaisonCallReconcileStats  *out_stats,
                                                   GError                    **error);

G_END_DECLS
