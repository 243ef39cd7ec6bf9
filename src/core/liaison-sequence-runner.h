/* liaison-sequence-runner.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-outbox.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* Sends the due steps of follow-up sequences (see liaison-sequence.h).
 *
 * Time is the outbox gate's clock (tests inject a fake one). While started,
 * the runner wakes when the soonest active enrolment falls due (and at least
 * once a minute, so that enrolments made by stage changes are noticed), and
 * for each due enrolment of an enabled sequence:
 *
 *  1. claims the step in the store (the enrolment moves to its next step,
 *     due after that step's delay, or completes) before anything is queued,
 *     so a crash never sends a step twice;
 *  2. expands the step's text for the contact (placeholders as in
 *     liaison-template.h; the sender values below; the recipient's time
 *     zone from their number);
 *     (Nothing is claimed while the outbox has no number to send from: the
 *     steps wait; poke the runner once one is chosen.)
 *  3. queues it through the outbox with source "sequence", to the contact's
 *     primary mobile number, without accepting warnings: the gate's block
 *     (opt-out) stops the enrolment as opted-out, a warning as
 *     needs-review, a missing placeholder value as missing-value; quiet
 *     hours are not an error (the outbox postpones the text until the
 *     recipient's morning).
 *
 * Signals:
 *   step-sent (gint64 enrollment_id, gint64 message_id): a step was queued.
 *   enrollment-changed (gint64 enrollment_id): an enrolment moved on,
 *     completed or stopped (pages refresh on it).
 *   idle (): nothing due is left (tests wait for it). */

#define LIAISON_TYPE_SEQUENCE_RUNNER (liaison_sequence_runner_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSequenceRunner, liaison_sequence_runner, LIAISON, SEQUENCE_RUNNER, GObject)

LiaisonSequenceRunner *liaison_sequence_runner_new        (LiaisonStore          *store,
                                                           LiaisonOutbox         *outbox);
/* {advisor_name} and {firm} (Preferences → Your Work); NULL or "" unknown. */
void                   liaison_sequence_runner_set_sender_values (LiaisonSequenceRunner *self,
                                                           const char            *advisor_name,
                                                           const char            *firm);
void                   liaison_sequence_runner_start      (LiaisonSequenceRunner *self);
void                   liaison_sequence_runner_stop       (LiaisonSequenceRunner *self);
/* Looks for due steps now (after an enrolment by hand, or a sequence
 * enabled). No-op when stopped. */
void                   liaison_sequence_runner_poke       (LiaisonSequenceRunner *self);

G_END_DECLS
