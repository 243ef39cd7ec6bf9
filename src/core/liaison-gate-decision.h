/* liaison-gate-decision.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  LIAISON_GATE_ALLOW,
  LIAISON_GATE_WARN,
  LIAISON_GATE_BLOCK,
} LiaisonGateVerdict;

typedef enum {
  /* The recipient opted out (a keyword, a 21610, or by phone, email or in person). */
  LIAISON_GATE_REASON_OPTED_OUT,
  /* Outside the allowed hours in the recipient's time zone (federal or state). */
  LIAISON_GATE_REASON_QUIET_HOURS,
  /* A landline cannot receive texts. */
  LIAISON_GATE_REASON_LANDLINE,
  /* A phrase of the firm's lexicon ("guaranteed", an account number…). */
  LIAISON_GATE_REASON_RISKY_PHRASE,
  /* The recipient's number is not a valid phone number. */
  LIAISON_GATE_REASON_INVALID_NUMBER,
  /* Twilio said the number cannot take texts (21211, 21614, 30003, 30006). */
  LIAISON_GATE_REASON_BAD_NUMBER,
  /* Nothing to send. */
  LIAISON_GATE_REASON_EMPTY,
} LiaisonGateReasonKind;

#define LIAISON_TYPE_GATE_DECISION (liaison_gate_decision_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonGateDecision, liaison_gate_decision, LIAISON, GATE_DECISION, GObject)

/* What the compliance gate decided for one send. Immutable. */
LiaisonGateVerdict    liaison_gate_decision_get_verdict        (LiaisonGateDecision *self);
guint                 liaison_gate_decision_get_n_reasons      (LiaisonGateDecision *self);
LiaisonGateReasonKind liaison_gate_decision_get_reason_kind    (LiaisonGateDecision *self,
                                                                guint                index);
/* The verdict of this one reason (a phrase may warn while opting out blocks). */
LiaisonGateVerdict    liaison_gate_decision_get_reason_verdict (LiaisonGateDecision *self,
                                                                guint                index);
/* A translated sentence for the person sending: "Ann opted out by replying
 * STOP on 3 March." / "It is 21:40 in Hartford (America/New_York); Connecticut
 * allows texts from 9:00 to 20:00." */
const char           *liaison_gate_decision_get_reason_text    (LiaisonGateDecision *self,
                                                                guint                index);
/* The phrase that matched, for RISKY_PHRASE; NULL otherwise. */
const char           *liaison_gate_decision_get_reason_detail  (LiaisonGateDecision *self,
                                                                guint                index);
/* For QUIET_HOURS: the earliest time (µs since the epoch, UTC) at which the
 * send would be allowed everywhere the recipient may be; 0 otherwise. The
 * composer offers to schedule for it. */
gint64                liaison_gate_decision_get_next_allowed   (LiaisonGateDecision *self);
/* TRUE if some reason has @kind. */
gboolean              liaison_gate_decision_has_reason         (LiaisonGateDecision  *self,
                                                                LiaisonGateReasonKind kind);
/* All the reasons' texts, one per line (for a dialog or a log line without personal data). */
char                 *liaison_gate_decision_to_string          (LiaisonGateDecision *self);

/* For the gate. Takes nothing; add reasons then read. */
LiaisonGateDecision  *_liaison_gate_decision_new               (void);
void                  _liaison_gate_decision_add_reason        (LiaisonGateDecision  *self,
                                                                LiaisonGateReasonKind kind,
                                                                LiaisonGateVerdict    verdict,
                                                                const char           *text,
                                                                const char           *detail);
void                  _liaison_gate_decision_set_next_allowed  (LiaisonGateDecision *self,
                                                                gint64               usec);

G_END_DECLS
