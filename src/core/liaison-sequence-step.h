/* liaison-sequence-step.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One step of a follow-up sequence: wait @delay seconds (after the
 * enrolment for the first step, after the previous step for the others),
 * then text the contact either a template (by id) or the step's own body.
 * Both may use the template placeholders ({first_name}, {advisor_name}, …).
 * Immutable. */

#define LIAISON_TYPE_SEQUENCE_STEP (liaison_sequence_step_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSequenceStep, liaison_sequence_step, LIAISON, SEQUENCE_STEP, GObject)

/* For liaison_store_save_sequence_async(): @template_id > 0 names a template
 * (then @body is ignored), or 0 with a non-empty @body. @delay in seconds. */
LiaisonSequenceStep *liaison_sequence_step_new               (gint64               delay,
                                                              gint64               template_id,
                                                              const char          *body);

gint64               liaison_sequence_step_get_delay         (LiaisonSequenceStep *self);
/* 0 when the step has its own body. */
gint64               liaison_sequence_step_get_template_id   (LiaisonSequenceStep *self);
/* The template's name when the step uses one (steps the store returns),
 * else NULL. */
const char          *liaison_sequence_step_get_template_name (LiaisonSequenceStep *self);
/* The text that goes: the template's body (steps the store returns) or the
 * step's own. NULL for a new template step. */
const char          *liaison_sequence_step_get_body          (LiaisonSequenceStep *self);

G_END_DECLS
