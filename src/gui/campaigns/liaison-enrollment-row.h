/* liaison-enrollment-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-sequence-enrollment.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ENROLLMENT_ROW (liaison_enrollment_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonEnrollmentRow, liaison_enrollment_row, LIAISON, ENROLLMENT_ROW, AdwBin)

/* A person in a sequence: their name, where they are ("Text 2 of 3 goes
 * Tue 25 Nov, 10:00", "Stopped: they replied"), Show Contact, and Stop for
 * an active one. Stop is asked of the page through the "stop" signal (the
 * enrolment). */
GtkWidget                 *liaison_enrollment_row_new            (void);
void                       liaison_enrollment_row_set_enrollment (LiaisonEnrollmentRow      *self,
                                                                  LiaisonSequenceEnrollment *enrollment,
                                                                  guint                      n_steps);
LiaisonSequenceEnrollment *liaison_enrollment_row_get_enrollment (LiaisonEnrollmentRow      *self);

G_END_DECLS
