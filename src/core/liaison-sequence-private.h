/* liaison-sequence-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-sequence.h"

G_BEGIN_DECLS

/* For the store (liaison-sequence.c). */
LiaisonSequenceStep       *_liaison_sequence_step_new_full          (gint64        delay,
                                                                     gint64        template_id,
                                                                     const char   *template_name,
                                                                     const char   *body);
/* Columns: id, sequence_id, sequence name, contact_id, contact name, state,
 * stop_reason, stop_detail, next_step, next_run_at, enrolled_at, updated_at. */
LiaisonSequenceEnrollment *_liaison_sequence_enrollment_new_from_stmt (sqlite3_stmt *stmt);

/* For the runner. One due step the store claimed (the enrolment already
 * moved past it), or an enrolment the claim ended without a step to send. */
typedef struct {
  gint64  enrollment_id;
  gint64  sequence_id;
  gint64  contact_id;
  guint   step;           /* index of the claimed step */
  gint64  claimed_at;     /* the @now of the claim, µs UTC */
  gint64  next_delay;     /* seconds until the step after it; -1: it was the last */
  /* The text to expand: the template's body or the step's own; NULL when
   * nothing is to be sent (see @stopped, or completed: no step left). */
  char   *body;
  char   *first_name;
  char   *last_name;
  char   *display_name;
  /* The number to text, E.164: the primary (else first) textable number. */
  char   *to;
  /* TRUE when the claim stopped the enrolment itself (no number). */
  gboolean stopped;
} LiaisonSequenceClaim;

void       _liaison_sequence_claim_free (LiaisonSequenceClaim *claim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSequenceClaim, _liaison_sequence_claim_free)

/* Claims up to @limit due steps (active enrolments of enabled sequences with
 * next_run_at <= @now, soonest first) in one transaction: each enrolment
 * moves to its next step (due @now + that step's delay) or completes. A
 * contact without a textable number is stopped as "no-number" instead.
 * GPtrArray of LiaisonSequenceClaim. */
void       _liaison_store_claim_sequence_steps_async  (LiaisonStore        *store,
                                                       gint64               now,
                                                       guint                limit,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray *_liaison_store_claim_sequence_steps_finish (LiaisonStore        *store,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* After a claim whose text could not be queued: stops the enrolment with
 * @reason and @detail (nullable) and puts it back at step @step, unless it
 * changed since the claim (a reply stopped it, it was enrolled again).
 * Returns TRUE if it was changed. */
void       _liaison_store_stop_claimed_enrollment_async  (LiaisonStore               *store,
                                                          gint64                      enrollment_id,
                                                          guint                       step,
                                                          LiaisonEnrollmentStopReason reason,
                                                          const char                 *detail,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean   _liaison_store_stop_claimed_enrollment_finish (LiaisonStore               *store,
                                                          GAsyncResult               *result,
                                                          GError                    **error);

/* After a claim whose text was postponed by @delta µs (quiet hours): the
 * next step moves by as much, if the enrolment is still where the claim
 * left it. */
void       _liaison_store_postpone_claimed_enrollment_async  (LiaisonStore        *store,
                                                              gint64               enrollment_id,
                                                              guint                step,
                                                              gint64               delta,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean   _liaison_store_postpone_claimed_enrollment_finish (LiaisonStore        *store,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* When the soonest active enrolment of an enabled sequence is due (µs UTC),
 * or 0 when none. */
void       _liaison_store_next_sequence_due_async  (LiaisonStore        *store,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64     _liaison_store_next_sequence_due_finish (LiaisonStore        *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
