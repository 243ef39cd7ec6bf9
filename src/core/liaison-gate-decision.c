/* liaison-gate-decision.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-gate-decision"

#include "config.h"

#include "liaison-gate-decision.h"

typedef struct {
  LiaisonGateReasonKind  kind;
  LiaisonGateVerdict     verdict;
  char                  *text;
  char                  *detail;
} Reason;

struct _LiaisonGateDecision
{
  GObject  parent_instance;

  GArray  *reasons;        /* of Reason */
  gint64   next_allowed;
};

G_DEFINE_FINAL_TYPE (LiaisonGateDecision, liaison_gate_decision, G_TYPE_OBJECT)

static void
reason_clear (gpointer data)
{
  Reason *reason = data;

  g_clear_pointer (&reason->text, g_free);
  g_clear_pointer (&reason->detail, g_free);
}

static void
liaison_gate_decision_finalize (GObject *object)
{
  LiaisonGateDecision *self = (LiaisonGateDecision *) object;

  g_clear_pointer (&self->reasons, g_array_unref);

  G_OBJECT_CLASS (liaison_gate_decision_parent_class)->finalize (object);
}

static void
liaison_gate_decision_class_init (LiaisonGateDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_gate_decision_finalize;
}

static void
liaison_gate_decision_init (LiaisonGateDecision *self)
{
  self->reasons = g_array_new (FALSE, TRUE, sizeof (Reason));
  g_array_set_clear_func (self->reasons, reason_clear);
}

LiaisonGateDecision *
_liaison_gate_decision_new (void)
{
  return g_object_new (LIAISON_TYPE_GATE_DECISION, NULL);
}

void
_liaison_gate_decision_add_reason (LiaisonGateDecision   *self,
                                   LiaisonGateReasonKind  kind,
                                   LiaisonGateVerdict     verdict,
                                   const char            *text,
                                   const char            *detail)
{
  Reason reason;

  g_return_if_fail (LIAISON_IS_GATE_DECISION (self));
  g_return_if_fail (text != NULL);

  reason.kind = kind;
  reason.verdict = verdict;
  reason.text = g_strdup (text);
  reason.detail = g_strdup (detail);
  g_array_append_val (self->reasons, reason);
}

void
_liaison_gate_decision_set_next_allowed (LiaisonGateDecision *self,
                                         gint64               usec)
{
  g_return_if_fail (LIAISON_IS_GATE_DECISION (self));

  self->next_allowed = usec;
}

static Reason *
get_reason (LiaisonGateDecision *self,
            guint                index)
{
  if (index >= self->reasons->len)
    return NULL;
  return &g_array_index (self->reasons, Reason, index);
}

LiaisonGateVerdict
liaison_gate_decision_get_verdict (LiaisonGateDecision *self)
{
  LiaisonGateVerdict verdict = LIAISON_GATE_ALLOW;

  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), LIAISON_GATE_BLOCK);

  for (guint i = 0; i < self->reasons->len; i++)
    verdict = MAX (verdict, g_array_index (self->reasons, Reason, i).verdict);
  return verdict;
}

guint
liaison_gate_decision_get_n_reasons (LiaisonGateDecision *self)
{
  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), 0);

  return self->reasons->len;
}

LiaisonGateReasonKind
liaison_gate_decision_get_reason_kind (LiaisonGateDecision *self,
                                       guint                index)
{
  Reason *reason;

  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), LIAISON_GATE_REASON_EMPTY);
  reason = get_reason (self, index);
  g_return_val_if_fail (reason != NULL, LIAISON_GATE_REASON_EMPTY);

  return reason->kind;
}

LiaisonGateVerdict
liaison_gate_decision_get_reason_verdict (LiaisonGateDecision *self,
                                          guint                index)
{
  Reason *reason;

  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), LIAISON_GATE_BLOCK);
  reason = get_reason (self, index);
  g_return_val_if_fail (reason != NULL, LIAISON_GATE_BLOCK);

  return reason->verdict;
}

const char *
liaison_gate_decision_get_reason_text (LiaisonGateDecision *self,
                                       guint                index)
{
  Reason *reason;

  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), NULL);
  reason = get_reason (self, index);
  g_return_val_if_fail (reason != NULL, NULL);

  return reason->text;
}

const char *
liaison_gate_decision_get_reason_detail (LiaisonGateDecision *self,
                                         guint                index)
{
  Reason *reason;

  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), NULL);
  reason = get_reason (self, index);
  g_return_val_if_fail (reason != NULL, NULL);

  return reason->detail;
}

gint64
liaison_gate_decision_get_next_allowed (LiaisonGateDecision *self)
{
  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), 0);

  return self->next_allowed;
}

gboolean
liaison_gate_decision_has_reason (LiaisonGateDecision   *self,
                                  LiaisonGateReasonKind  kind)
{
  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), FALSE);

  for (guint i = 0; i < self->reasons->len; i++)
    if (g_array_index (self->reasons, Reason, i).kind == kind)
      return TRUE;
  return FALSE;
}

/* The texts name the recipient (that is what the person sending needs to
 * read): pass the result through liaison_log_mask_body() before logging it. */
char *
liaison_gate_decision_to_string (LiaisonGateDecision *self)
{
  GString *string;

  g_return_val_if_fail (LIAISON_IS_GATE_DECISION (self), NULL);

  string = g_string_new (NULL);
  for (guint i = 0; i < self->reasons->len; i++)
    {
      if (i > 0)
        g_string_append_c (string, '\n');
      g_string_append (string, g_array_index (self->reasons, Reason, i).text);
    }
  return g_string_free (string, FALSE);
}
