/* liaison-campaigns-format.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sequence.h"

G_BEGIN_DECLS

/* How the Campaigns page words sequences. */

/* A step's wait. The first step's counts from joining ("Right away",
 * "1 day after joining"), a later one's from the previous text ("Right
 * after the previous text", "2 days later", "1 day 4 hours later"). */
char *liaison_campaigns_format_delay      (gint64                     delay_s,
                                           gboolean                   first);
/* "Starts when a contact’s stage becomes “New Lead”", or "Contacts are
 * added by hand". */
char *liaison_campaigns_format_trigger    (LiaisonSequence           *sequence);
/* "3 texts · 4 active · 2 completed · 1 stopped" (zero counts left out). */
char *liaison_campaigns_format_counts     (LiaisonSequence           *sequence);
/* An enrolment's state: "Text 2 of 3 goes Tue 25 Nov, 10:00", "Completed",
 * "Stopped: they replied", "Stopped: a placeholder has no value — <why>".
 * @n_steps: the sequence's number of steps, 0 when not known ("Text 2 goes
 * …"). */
char *liaison_campaigns_format_enrollment (LiaisonSequenceEnrollment *enrollment,
                                           guint                      n_steps);

G_END_DECLS
