/* liaison-sequence-enrollment.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A contact's place in a sequence. Immutable; the store returns them. */

typedef enum {
  LIAISON_ENROLLMENT_ACTIVE,
  LIAISON_ENROLLMENT_COMPLETED,
  LIAISON_ENROLLMENT_STOPPED,
} LiaisonEnrollmentState;

/* Why a stopped enrolment stopped. */
typedef enum {
  LIAISON_ENROLLMENT_STOP_NONE,
  /* The contact texted back: a person takes over. */
  LIAISON_ENROLLMENT_STOP_REPLIED,
  /* The contact opted out (STOP), or the gate blocked the send. */
  LIAISON_ENROLLMENT_STOP_OPTED_OUT,
  /* Stopped by hand (the sequence page, or the contact's card). */
  LIAISON_ENROLLMENT_STOP_BY_HAND,
  /* A placeholder had no value (e.g. no first name): see the detail. */
  LIAISON_ENROLLMENT_STOP_MISSING_VALUE,
  /* The gate warned (risky phrase, landline): an automated send does not
   * accept warnings; see the detail. */
  LIAISON_ENROLLMENT_STOP_NEEDS_REVIEW,
  /* The contact has no mobile number to text. */
  LIAISON_ENROLLMENT_STOP_NO_NUMBER,
  /* Queuing the text failed otherwise; see the detail. */
  LIAISON_ENROLLMENT_STOP_FAILED,
} LiaisonEnrollmentStopReason;

#define LIAISON_TYPE_SEQUENCE_ENROLLMENT (liaison_sequence_enrollment_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSequenceEnrollment, liaison_sequence_enrollment, LIAISON, SEQUENCE_ENROLLMENT, GObject)

gint64                      liaison_sequence_enrollment_get_id             (LiaisonSequenceEnrollment *self);
gint64                      liaison_sequence_enrollment_get_sequence_id    (LiaisonSequenceEnrollment *self);
const char                 *liaison_sequence_enrollment_get_sequence_name  (LiaisonSequenceEnrollment *self);
gint64                      liaison_sequence_enrollment_get_contact_id     (LiaisonSequenceEnrollment *self);
/* The contact's display name (never NULL; may be ""). */
const char                 *liaison_sequence_enrollment_get_contact_name   (LiaisonSequenceEnrollment *self);
LiaisonEnrollmentState      liaison_sequence_enrollment_get_state          (LiaisonSequenceEnrollment *self);
LiaisonEnrollmentStopReason liaison_sequence_enrollment_get_stop_reason    (LiaisonSequenceEnrollment *self);
/* A translated sentence for reasons that carry one (missing value, needs
 * review, failed), else NULL. */
const char                 *liaison_sequence_enrollment_get_stop_detail    (LiaisonSequenceEnrollment *self);
/* Index of the next step to send (== the number of steps sent). */
guint                       liaison_sequence_enrollment_get_next_step      (LiaisonSequenceEnrollment *self);
/* µs UTC when the next step is due; 0 when none (completed, stopped). */
gint64                      liaison_sequence_enrollment_get_next_run_at    (LiaisonSequenceEnrollment *self);
gint64                      liaison_sequence_enrollment_get_enrolled_at    (LiaisonSequenceEnrollment *self);
gint64                      liaison_sequence_enrollment_get_updated_at     (LiaisonSequenceEnrollment *self);

/* "active", "completed", "stopped"; and back (FALSE if unknown). */
const char                 *liaison_enrollment_state_to_string             (LiaisonEnrollmentState       state);
gboolean                    liaison_enrollment_state_from_string           (const char                  *string,
                                                                            LiaisonEnrollmentState      *out_state);
/* "replied", "opted-out", "by-hand", "missing-value", "needs-review",
 * "no-number", "failed" (NULL for NONE); and back (NONE if unknown). */
const char                 *liaison_enrollment_stop_reason_to_string       (LiaisonEnrollmentStopReason  reason);
LiaisonEnrollmentStopReason liaison_enrollment_stop_reason_from_string     (const char                  *string);

G_END_DECLS
