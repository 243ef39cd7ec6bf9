/* liaison-sequence.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-sequence-enrollment.h"
#include "liaison-sequence-step.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* Follow-up sequences: a named series of texts (steps) that go to a contact
 * one after another, each after its delay, once the contact is enrolled.
 *
 * A contact is enrolled by hand, or automatically when their pipeline stage
 * becomes a sequence's trigger stage (any path that changes the stage: the
 * card, the editor, an import; compared without regard to case; only
 * enabled sequences enrol). A contact is in a sequence at most once;
 * enrolling a contact whose enrolment completed or stopped starts it over.
 *
 * An enrolment stops by itself when the contact texts back (a person takes
 * over) or opts out, and completes after its last step. The
 * LiaisonSequenceRunner sends the due steps through the outbox, so every
 * step passes the compliance gate. Disabling a sequence holds its
 * enrolments where they are (nothing is sent, nobody new is enrolled);
 * enabling it again sends what fell due meanwhile. */

#define LIAISON_SEQUENCE_ERROR (liaison_sequence_error_quark ())

typedef enum {
  /* An empty name, no steps, a negative delay, a step with neither a
   * template nor a body, or a body with unknown placeholders. */
  LIAISON_SEQUENCE_ERROR_INVALID,
  /* Another sequence has this name. */
  LIAISON_SEQUENCE_ERROR_DUPLICATE_NAME,
  /* No such sequence, contact, template or enrolment. */
  LIAISON_SEQUENCE_ERROR_NOT_FOUND,
  /* The contact is already active in this sequence. */
  LIAISON_SEQUENCE_ERROR_ALREADY_ENROLLED,
} LiaisonSequenceError;

#define LIAISON_TYPE_SEQUENCE (liaison_sequence_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSequence, liaison_sequence, LIAISON, SEQUENCE, GObject)

GQuark       liaison_sequence_error_quark          (void);

/* Immutable; the store's functions return them. */
gint64       liaison_sequence_get_id               (LiaisonSequence *self);
const char  *liaison_sequence_get_name             (LiaisonSequence *self);
/* The stage that enrols contacts automatically, or NULL (by hand only). */
const char  *liaison_sequence_get_trigger_stage    (LiaisonSequence *self);
gboolean     liaison_sequence_get_enabled          (LiaisonSequence *self);
/* The steps in order: GPtrArray of LiaisonSequenceStep (transfer none). */
GPtrArray   *liaison_sequence_get_steps            (LiaisonSequence *self);
/* Enrolments by state, when the sequence was read. */
guint        liaison_sequence_get_n_active         (LiaisonSequence *self);
guint        liaison_sequence_get_n_completed      (LiaisonSequence *self);
guint        liaison_sequence_get_n_stopped        (LiaisonSequence *self);
gint64       liaison_sequence_get_date_updated     (LiaisonSequence *self);

/* The store's sequences (worker thread, like every query). */

/* All sequences with their steps and counts, by name: GPtrArray of
 * LiaisonSequence. */
void         liaison_store_list_sequences_async    (LiaisonStore        *store,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray   *liaison_store_list_sequences_finish   (LiaisonStore        *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Adds (@id 0) or replaces sequence @id: name, trigger stage (NULL or ""
 * for none), enabled, and its steps (GPtrArray of LiaisonSequenceStep, at
 * least one). Checked as LiaisonSequenceError says. Replacing the steps
 * keeps every enrolment at its step index; enrolments past the new last
 * step complete. Returns the saved sequence. */
void         liaison_store_save_sequence_async     (LiaisonStore        *store,
                                                    gint64               id,
                                                    const char          *name,
                                                    const char          *trigger_stage,
                                                    gboolean             enabled,
                                                    GPtrArray           *steps,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LiaisonSequence *liaison_store_save_sequence_finish (LiaisonStore       *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void         liaison_store_set_sequence_enabled_async  (LiaisonStore        *store,
                                                        gint64               id,
                                                        gboolean             enabled,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean     liaison_store_set_sequence_enabled_finish (LiaisonStore        *store,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Deletes the sequence and its enrolments (texts already queued stay). */
void         liaison_store_delete_sequence_async   (LiaisonStore        *store,
                                                    gint64               id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     liaison_store_delete_sequence_finish  (LiaisonStore        *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Enrols contact @contact_id in sequence @sequence_id from its first step
 * (due after that step's delay from @now, µs UTC; 0: the real time).
 * LIAISON_SEQUENCE_ERROR_ALREADY_ENROLLED if active there. */
void         liaison_store_enroll_contact_async    (LiaisonStore        *store,
                                                    gint64               sequence_id,
                                                    gint64               contact_id,
                                                    gint64               now,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LiaisonSequenceEnrollment *liaison_store_enroll_contact_finish (LiaisonStore  *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Enrols contact @contact_id in every enabled sequence that starts at the
 * stage it has now, as a change to that stage would (for a contact just
 * created with a stage: creating one does not enrol by itself, so that an
 * import does not start sequences for a whole book). Active enrolments
 * are left alone. *@out_n_enrolled (nullable): how many were made. */
void         liaison_store_enroll_by_stage_async   (LiaisonStore        *store,
                                                    gint64               contact_id,
                                                    gint64               now,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     liaison_store_enroll_by_stage_finish  (LiaisonStore        *store,
                                                    GAsyncResult        *result,
                                                    guint               *out_n_enrolled,
                                                    GError             **error);
/* Stops an active enrolment by hand (LIAISON_ENROLLMENT_STOP_BY_HAND). */
void         liaison_store_stop_enrollment_async   (LiaisonStore        *store,
                                                    gint64               enrollment_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     liaison_store_stop_enrollment_finish  (LiaisonStore        *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* The enrolments of a sequence (@sequence_id > 0, @contact_id 0) or of a
 * contact (@sequence_id 0, @contact_id > 0): active first (soonest due
 * first), then the others, most recently changed first. GPtrArray of
 * LiaisonSequenceEnrollment. */
void         liaison_store_list_enrollments_async  (LiaisonStore        *store,
                                                    gint64               sequence_id,
                                                    gint64               contact_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray   *liaison_store_list_enrollments_finish (LiaisonStore        *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
