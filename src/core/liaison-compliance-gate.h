/* liaison-compliance-gate.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-clock.h"
#include "liaison-gate-decision.h"

G_BEGIN_DECLS

/* The one pre-send gate every send path passes (composer, sequences, bulk
 * sends; LiaisonOutbox calls it when a message is queued and again just
 * before it goes). It is pure policy: the caller supplies what the store
 * knows about the recipient (LiaisonGateRequest), the gate decides.
 *
 * Rules, in the order reasons are listed:
 *   opted out                         → block
 *   invalid number / flagged bad      → block
 *   empty body                        → block
 *   outside quiet hours, in every time zone the recipient's number may be
 *   in (federal 8:00–21:00 by default, configurable; with state windows on,
 *   the stricter hours of CT 9–20; FL, MD, MS, NJ, OK 8–20; RI 9–18 weekdays
 *   and 10–17 weekends; TX 9–21 Mon–Sat and 12–21 Sun)    → block, with
 *                                       the next allowed time
 *   landline                          → warn
 *   a lexicon phrase                  → warn or block (lexicon-policy)
 */

typedef enum {
  LIAISON_LEXICON_POLICY_OFF,
  LIAISON_LEXICON_POLICY_WARN,
  LIAISON_LEXICON_POLICY_BLOCK,
} LiaisonLexiconPolicy;

typedef struct {
  const char *to;            /* the recipient, E.164 (or as typed: it is parsed) */
  const char *body;
  gboolean    opted_out;     /* from the consent ledger */
  gint64      opted_out_at;  /* µs, for the explanation; 0 unknown */
  const char *opt_out_source;/* "keyword", "manual", "twilio-error"…, for the explanation */
  const char *line_type;     /* from Lookup ("landline", "mobile", …) or NULL: libphonenumber decides */
  gboolean    flagged_bad;   /* contact_phones.is_bad */
  int         bad_error_code;/* the Twilio code that flagged it, 0 if unknown */
  gint64      send_at;       /* µs UTC when it would go; 0 is now (the gate's clock) */
  const char *recipient_name;/* for the explanation; NULL: the formatted number */
} LiaisonGateRequest;

#define LIAISON_TYPE_COMPLIANCE_GATE (liaison_compliance_gate_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonComplianceGate, liaison_compliance_gate, LIAISON, COMPLIANCE_GATE, GObject)

/* @clock may be NULL for the system clock; tests inject a fake one. */
LiaisonComplianceGate *liaison_compliance_gate_new                (LiaisonClock          *clock);

/* Quiet hours as minutes after midnight in the recipient's time: default
 * 8:00 (480) to 21:00 (1260). */
void                   liaison_compliance_gate_set_quiet_hours    (LiaisonComplianceGate *self,
                                                                   guint                  start_minute,
                                                                   guint                  end_minute);
/* Parses "HH:MM"; FALSE (and nothing changed) if either is not a time. */
gboolean               liaison_compliance_gate_set_quiet_hours_text (LiaisonComplianceGate *self,
                                                                   const char            *start,
                                                                   const char            *end);
void                   liaison_compliance_gate_set_state_windows  (LiaisonComplianceGate *self,
                                                                   gboolean               enforce);
void                   liaison_compliance_gate_set_lexicon_policy (LiaisonComplianceGate *self,
                                                                   LiaisonLexiconPolicy   policy);
/* Extra phrases of the firm (case and accents ignored, whole words), added to
 * the built-in ones: guarantees ("guarantee", "guaranteed"), "risk-free",
 * "no risk", "can't lose", "sure thing", and patterns for US social security
 * numbers and account or card numbers (9 or more digits). */
void                   liaison_compliance_gate_set_extra_phrases  (LiaisonComplianceGate *self,
                                                                   const char * const    *phrases);

LiaisonGateDecision   *liaison_compliance_gate_check              (LiaisonComplianceGate    *self,
                                                                   const LiaisonGateRequest *request);

LiaisonClock          *liaison_compliance_gate_get_clock          (LiaisonComplianceGate *self);

G_END_DECLS
