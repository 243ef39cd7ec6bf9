/* liaison-sequence-step-row.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-sequence-step.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SEQUENCE_STEP_ROW (liaison_sequence_step_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSequenceStepRow, liaison_sequence_step_row, LIAISON, SEQUENCE_STEP_ROW, GtkListBoxRow)

/* One text of a sequence in the editor: its wait (days and hours), and
 * either a template (from @templates, a GPtrArray of LiaisonTemplate) or its
 * own text. "remove" asks the editor to drop it. */
GtkWidget           *liaison_sequence_step_row_new          (GPtrArray              *templates);
/* Fills the row from @step (a stored one). */
void                 liaison_sequence_step_row_set_step     (LiaisonSequenceStepRow *self,
                                                             LiaisonSequenceStep    *step);
/* Its place (0 first): the title and how the wait reads follow it. */
void                 liaison_sequence_step_row_set_position (LiaisonSequenceStepRow *self,
                                                             guint                   position);
/* The step as edited (new), or NULL when it has neither a template nor a
 * text (the row then shows why). */
LiaisonSequenceStep *liaison_sequence_step_row_build_step   (LiaisonSequenceStepRow *self);

/* For tests: choose a template by id (0: own text), set the text and the wait. */
void                 liaison_sequence_step_row_set_values   (LiaisonSequenceStepRow *self,
                                                             gint64                  template_id,
                                                             const char             *body,
                                                             guint                   days,
                                                             guint                   hours);

G_END_DECLS
