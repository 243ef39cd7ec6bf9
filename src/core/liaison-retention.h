/* liaison-retention.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-clock.h"
#include "liaison-store.h"
#include "liaison-twilio-client.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_RETENTION (liaison_retention_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRetention, liaison_retention, LIAISON, RETENTION, GObject)

/* One recording the policy could not delete, and why. */
typedef struct {
  char   *recording_sid;
  GError *error;
} LiaisonRetentionFailure;

/* What one pass did. */
typedef struct {
  guint      n_expired;   /* recordings past the policy and on no legal hold */
  guint      n_deleted;   /* deleted from the cache and Twilio, marked and journalled */
  GPtrArray *failures;    /* LiaisonRetentionFailure; the recording is left as it was */
} LiaisonRetentionReport;

void          liaison_retention_report_free   (LiaisonRetentionReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonRetentionReport, liaison_retention_report_free)

/* The recording retention policy: recordings older than the number of days
 * kept (0: forever) and on no legal hold (their own, their call's, or their
 * contact's) are deleted from Twilio (a recording Twilio no longer has counts
 * as deleted), then from the local cache, then marked deleted in the store
 * with a journal entry ("recording.delete", actor "retention") in the same
 * transaction. Time comes from @clock (a fake one in tests). */
LiaisonRetention *liaison_retention_new            (LiaisonStore        *store,
                                                    LiaisonTwilioClient *client,
                                                    LiaisonClock        *clock);
void              liaison_retention_set_keep_days  (LiaisonRetention    *self,
                                                    guint                days);
guint             liaison_retention_get_keep_days  (LiaisonRetention    *self);

/* One pass. It never stops at the first failure: every expired recording is
 * tried, and each one that failed is in the report. Fails only when the
 * store cannot be read or the pass was cancelled. */
void              liaison_retention_run_async      (LiaisonRetention    *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LiaisonRetentionReport *liaison_retention_run_finish (LiaisonRetention  *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

G_END_DECLS
