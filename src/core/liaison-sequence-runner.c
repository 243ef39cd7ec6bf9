/* liaison-sequence-runner.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sequence-runner"

#include "config.h"

#include "liaison-sequence-runner.h"
#include "liaison-sequence-private.h"
#include "liaison-phone.h"
#include "liaison-template.h"

#include <glib/gi18n-lib.h>

/* How many due steps one claim takes; the pass claims again while full. */
#define CLAIM_BATCH          50
/* The runner looks at least this often (stage changes enrol in SQL). */
#define MAX_SLEEP_USEC       (60 * G_USEC_PER_SEC)
/* When the gate names no time at which quiet hours end. */
#define QUIET_FALLBACK_USEC  (15 * 60 * G_USEC_PER_SEC)

struct _LiaisonSequenceRunner
{
  GObject        parent_instance;

  LiaisonStore  *store;
  LiaisonOutbox *outbox;
  LiaisonClock  *clock;
  char          *advisor_name;
  char          *firm;

  gboolean       started;
  gboolean       running;
  gboolean       again;
  guint          timeout_id;
  guint          idle_id;
};

G_DEFINE_FINAL_TYPE (LiaisonSequenceRunner, liaison_sequence_runner, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP_SENT,
  SIGNAL_ENROLLMENT_CHANGED,
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_pass (LiaisonSequenceRunner *self);

/* One pass: claims due steps and queues them one after another. */
typedef struct
{
  LiaisonSequenceRunner *self;
  GPtrArray             *claims;
  guint                  index;
  gboolean               retried;
  gint64                 send_at;
  char                   *body;
} Pass;

static void
pass_free (Pass *pass)
{
  g_clear_pointer (&pass->claims, g_ptr_array_unref);
  g_clear_object (&pass->self);
  g_free (pass->body);
  g_free (pass);
}

static gint64
clock_now (LiaisonSequenceRunner *self)
{
  return liaison_clock_get_now_usec (self->clock);
}

static void
remove_timers (LiaisonSequenceRunner *self)
{
  if (self->timeout_id != 0)
    {
      liaison_clock_remove_timeout (self->clock, self->timeout_id);
      self->timeout_id = 0;
    }
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

static gboolean
idle_run_cb (gpointer data)
{
  LiaisonSequenceRunner *self = data;

  self->idle_id = 0;
  run_pass (self);
  return G_SOURCE_REMOVE;
}

/* Runs the pass from the main loop, with the time read then (a fake clock
 * firing a timer is still moving when the timer's callback runs). */
static void
schedule_idle (LiaisonSequenceRunner *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (idle_run_cb, self);
}

static gboolean
timeout_cb (gpointer data)
{
  LiaisonSequenceRunner *self = data;

  self->timeout_id = 0;
  schedule_idle (self);
  return G_SOURCE_REMOVE;
}

static void
next_due_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LiaisonSequenceRunner) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 next, now, delay;

  next = _liaison_store_next_sequence_due_finish (LIAISON_STORE (source), result, &error);
  self->running = FALSE;

  if (error != NULL)
    g_warning ("Sequences: could not read when the next step is due: %s", error->message);

  if (!self->started)
    return;

  if (self->again)
    {
      self->again = FALSE;
      run_pass (self);
      return;
    }

  now = clock_now (self);
  if (next > 0 && next <= now)
    {
      /* Fell due during the pass. */
      run_pass (self);
      return;
    }

  delay = next > 0 ? MIN (next - now, MAX_SLEEP_USEC) : MAX_SLEEP_USEC;
  if (self->timeout_id != 0)
    liaison_clock_remove_timeout (self->clock, self->timeout_id);
  self->timeout_id = liaison_clock_add_timeout (self->clock, delay, timeout_cb, self, NULL);

  g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

static void
finish_pass (Pass *pass)
{
  LiaisonSequenceRunner *self = g_object_ref (pass->self);
  gboolean more = pass->claims != NULL && pass->claims->len >= CLAIM_BATCH;

  pass_free (pass);

  if (more && self->started)
    {
      self->running = FALSE;
      run_pass (self);
      g_object_unref (self);
      return;
    }

  _liaison_store_next_sequence_due_async (self->store, NULL, next_due_cb, self);
}

static void process_next (Pass *pass);

static void
stopped_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pass *pass = user_data;
  LiaisonSequenceClaim *claim = g_ptr_array_index (pass->claims, pass->index);
  g_autoptr(GError) error = NULL;

  if (!_liaison_store_stop_claimed_enrollment_finish (LIAISON_STORE (source), result, &error) &&
      error != NULL)
    g_warning ("Sequences: could not stop enrolment %" G_GINT64_FORMAT ": %s",
               claim->enrollment_id, error->message);

  g_signal_emit (pass->self, signals[SIGNAL_ENROLLMENT_CHANGED], 0, claim->enrollment_id);
  pass->index++;
  process_next (pass);
}

static void
stop_claim (Pass                        *pass,
            LiaisonEnrollmentStopReason  reason,
            const char                  *detail)
{
  LiaisonSequenceClaim *claim = g_ptr_array_index (pass->claims, pass->index);

  g_debug ("Sequences: enrolment %" G_GINT64_FORMAT " stops at step %u (%s)",
           claim->enrollment_id, claim->step + 1, liaison_enrollment_stop_reason_to_string (reason));

  _liaison_store_stop_claimed_enrollment_async (pass->self->store, claim->enrollment_id, claim->step,
                                                reason, detail, NULL, stopped_cb, pass);
}

static void
step_sent (Pass   *pass,
           gint64  message_id)
{
  LiaisonSequenceClaim *claim = g_ptr_array_index (pass->claims, pass->index);

  g_debug ("Sequences: enrolment %" G_GINT64_FORMAT ", step %u queued as message %" G_GINT64_FORMAT,
           claim->enrollment_id, claim->step + 1, message_id);

  g_signal_emit (pass->self, signals[SIGNAL_STEP_SENT], 0, claim->enrollment_id, message_id);
  g_signal_emit (pass->self, signals[SIGNAL_ENROLLMENT_CHANGED], 0, claim->enrollment_id);
  pass->index++;
  process_next (pass);
}

typedef struct
{
  Pass   *pass;
  gint64  message_id;
} Postpone;

static void
postponed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Postpone *postpone = user_data;
  g_autoptr(GError) error = NULL;

  if (!_liaison_store_postpone_claimed_enrollment_finish (LIAISON_STORE (source), result, &error) &&
      error != NULL)
    g_warning ("Sequences: could not move the next step: %s", error->message);

  step_sent (postpone->pass, postpone->message_id);
}

static gboolean
blocked_by_quiet_hours_only (LiaisonGateDecision *decision)
{
  guint n = liaison_gate_decision_get_n_reasons (decision);
  gboolean quiet = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (liaison_gate_decision_get_reason_verdict (decision, i) != LIAISON_GATE_BLOCK)
        continue;
      if (liaison_gate_decision_get_reason_kind (decision, i) != LIAISON_GATE_REASON_QUIET_HOURS)
        return FALSE;
      quiet = TRUE;
    }

  return quiet;
}

static void  enqueue     (Pass                   *pass);
static char *expand_body (LiaisonSequenceRunner  *self,
                          LiaisonSequenceClaim   *claim,
                          gint64                  when,
                          GError                **error);

static void
enqueue_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pass *pass = user_data;
  LiaisonSequenceClaim *claim = g_ptr_array_index (pass->claims, pass->index);
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  gint64 message_id;

  message_id = liaison_outbox_enqueue_finish (LIAISON_OUTBOX (source), result, &decision, &error);
  if (message_id > 0)
    {
      if (pass->send_at > claim->claimed_at && claim->next_delay >= 0)
        {
          Postpone *postpone = g_new0 (Postpone, 1);

          postpone->pass = pass;
          postpone->message_id = message_id;
          /* The next step keeps its delay after this one, which now goes later. */
          _liaison_store_postpone_claimed_enrollment_async (pass->self->store, claim->enrollment_id,
                                                            claim->step,
                                                            pass->send_at - claim->claimed_at,
                                                            NULL, postponed_cb, postpone);
          return;
        }

      step_sent (pass, message_id);
      return;
    }

  if (g_error_matches (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED) && decision != NULL)
    {
      if (!pass->retried && blocked_by_quiet_hours_only (decision))
        {
          gint64 next_allowed = liaison_gate_decision_get_next_allowed (decision);
          gint64 now = clock_now (pass->self);

          /* Quiet hours block a text now, not the step: it is scheduled for
           * the recipient's morning instead. */
          pass->retried = TRUE;
          pass->send_at = next_allowed > now ? next_allowed : now + QUIET_FALLBACK_USEC;
          /* {date} and {time} read as when it goes. */
          {
            g_autoptr(GError) expand_error = NULL;
            char *body = expand_body (pass->self, claim, pass->send_at, &expand_error);

            if (body != NULL)
              {
                g_free (pass->body);
                pass->body = body;
              }
          }
          g_debug ("Sequences: enrolment %" G_GINT64_FORMAT ", quiet hours: step %u postponed",
                   claim->enrollment_id, claim->step + 1);
          enqueue (pass);
          return;
        }

      if (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_OPTED_OUT))
        {
          stop_claim (pass, LIAISON_ENROLLMENT_STOP_OPTED_OUT, NULL);
          return;
        }

      /* Translators: %u is a step number, %s the compliance check's reasons */
      detail = g_strdup_printf (_("Step %u was not sent: %s"), claim->step + 1, error->message);
      stop_claim (pass, LIAISON_ENROLLMENT_STOP_FAILED, detail);
      return;
    }

  if (g_error_matches (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NEEDS_CONFIRMATION))
    {
      /* Translators: %u is a step number, %s the compliance check's warnings */
      detail = g_strdup_printf (_("Step %u needs review before it is sent: %s"),
                                claim->step + 1, error->message);
      stop_claim (pass, LIAISON_ENROLLMENT_STOP_NEEDS_REVIEW, detail);
      return;
    }

  /* Translators: %u is a step number, %s the reason */
  detail = g_strdup_printf (_("Step %u was not sent: %s"), claim->step + 1,
                            error != NULL ? error->message : _("unknown error"));
  stop_claim (pass, LIAISON_ENROLLMENT_STOP_FAILED, detail);
}

static void
enqueue (Pass *pass)
{
  LiaisonSequenceClaim *claim = g_ptr_array_index (pass->claims, pass->index);
  LiaisonOutboxRequest request = {
    .to = claim->to,
    .body = pass->body,
    .send_at = pass->send_at,
    .source = "sequence",
    .accept_warnings = FALSE,
  };

  liaison_outbox_enqueue_async (pass->self->outbox, &request, NULL, enqueue_cb, pass);
}

/* The step's text for its contact, as it reads at @when (µs UTC). */
static char *
expand_body (LiaisonSequenceRunner  *self,
             LiaisonSequenceClaim   *claim,
             gint64                  when,
             GError                **error)
{
  LiaisonTemplateValues values = { 0 };
  g_autofree char *time_zone = liaison_phone_dup_time_zone (claim->to);

  values.first_name = claim->first_name;
  values.last_name = claim->last_name;
  /* The display name may be a company's: only a person's name is {full_name}. */
  if ((claim->first_name != NULL && *claim->first_name != '\0') ||
      (claim->last_name != NULL && *claim->last_name != '\0'))
    values.full_name = claim->display_name;
  values.advisor_name = self->advisor_name;
  values.firm = self->firm;
  values.when = when;
  values.time_zone = time_zone;

  return liaison_template_expand (claim->body, &values, error);
}

static void
process_next (Pass *pass)
{
  LiaisonSequenceRunner *self = pass->self;
  LiaisonSequenceClaim *claim;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  while (pass->index < pass->claims->len)
    {
      claim = g_ptr_array_index (pass->claims, pass->index);
      if (claim->body != NULL)
        break;

      /* Completed, or stopped for want of a number, by the claim itself. */
      g_signal_emit (self, signals[SIGNAL_ENROLLMENT_CHANGED], 0, claim->enrollment_id);
      pass->index++;
    }

  if (pass->index >= pass->claims->len)
    {
      finish_pass (pass);
      return;
    }

  claim = g_ptr_array_index (pass->claims, pass->index);
  pass->retried = FALSE;
  pass->send_at = 0;
  g_clear_pointer (&pass->body, g_free);

  pass->body = expand_body (self, claim, claim->claimed_at, &error);
  if (pass->body == NULL)
    {
      /* Translators: %u is a step number, %s the reason ("No value for {first_name}…") */
      detail = g_strdup_printf (_("Step %u was not sent: %s"), claim->step + 1, error->message);
      stop_claim (pass,
                  g_error_matches (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_MISSING_VALUE)
                  ? LIAISON_ENROLLMENT_STOP_MISSING_VALUE : LIAISON_ENROLLMENT_STOP_FAILED,
                  detail);
      return;
    }

  enqueue (pass);
}

static void
claim_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;

  pass->claims = _liaison_store_claim_sequence_steps_finish (LIAISON_STORE (source), result, &error);
  if (pass->claims == NULL)
    {
      g_warning ("Sequences: could not claim the due steps: %s", error->message);
      finish_pass (pass);
      return;
    }

  process_next (pass);
}

static void
run_pass (LiaisonSequenceRunner *self)
{
  Pass *pass;

  if (!self->started)
    return;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  remove_timers (self);

  /* Without a number to send from (Preferences → Account not done yet),
   * nothing is claimed: the steps wait, none is lost to a failed queuing.
   * Choosing the number pokes the runner. */
  {
    const char *sender = liaison_outbox_get_default_sender (self->outbox);

    if (sender == NULL || *sender == '\0')
      {
        g_debug ("Sequences: no number to send from yet; due steps wait");
        self->timeout_id = liaison_clock_add_timeout (self->clock, MAX_SLEEP_USEC, timeout_cb, self, NULL);
        g_signal_emit (self, signals[SIGNAL_IDLE], 0);
        return;
      }
  }

  self->running = TRUE;
  self->again = FALSE;

  pass = g_new0 (Pass, 1);
  pass->self = g_object_ref (self);
  _liaison_store_claim_sequence_steps_async (self->store, clock_now (self), CLAIM_BATCH, NULL,
                                             claim_cb, pass);
}

static void
liaison_sequence_runner_dispose (GObject *object)
{
  LiaisonSequenceRunner *self = (LiaisonSequenceRunner *)object;

  self->started = FALSE;
  if (self->clock != NULL)
    remove_timers (self);

  G_OBJECT_CLASS (liaison_sequence_runner_parent_class)->dispose (object);
}

static void
liaison_sequence_runner_finalize (GObject *object)
{
  LiaisonSequenceRunner *self = (LiaisonSequenceRunner *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->outbox);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->advisor_name, g_free);
  g_clear_pointer (&self->firm, g_free);

  G_OBJECT_CLASS (liaison_sequence_runner_parent_class)->finalize (object);
}

static void
liaison_sequence_runner_class_init (LiaisonSequenceRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_sequence_runner_dispose;
  object_class->finalize = liaison_sequence_runner_finalize;

  signals[SIGNAL_STEP_SENT] =
    g_signal_new ("step-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_ENROLLMENT_CHANGED] =
    g_signal_new ("enrollment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
liaison_sequence_runner_init (LiaisonSequenceRunner *self)
{
}

LiaisonSequenceRunner *
liaison_sequence_runner_new (LiaisonStore  *store,
                             LiaisonOutbox *outbox)
{
  LiaisonSequenceRunner *self;
  LiaisonClock *clock;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_OUTBOX (outbox), NULL);

  self = g_object_new (LIAISON_TYPE_SEQUENCE_RUNNER, NULL);
  self->store = g_object_ref (store);
  self->outbox = g_object_ref (outbox);

  clock = liaison_compliance_gate_get_clock (liaison_outbox_get_gate (outbox));
  self->clock = clock != NULL ? g_object_ref (clock) : liaison_clock_new_system ();

  return self;
}

static char *
nonempty_dup (const char *s)
{
  return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
}

void
liaison_sequence_runner_set_sender_values (LiaisonSequenceRunner *self,
                                           const char            *advisor_name,
                                           const char            *firm)
{
  g_return_if_fail (LIAISON_IS_SEQUENCE_RUNNER (self));

  g_free (self->advisor_name);
  self->advisor_name = nonempty_dup (advisor_name);
  g_free (self->firm);
  self->firm = nonempty_dup (firm);
}

void
liaison_sequence_runner_start (LiaisonSequenceRunner *self)
{
  g_return_if_fail (LIAISON_IS_SEQUENCE_RUNNER (self));

  if (self->started)
    return;

  self->started = TRUE;
  run_pass (self);
}

void
liaison_sequence_runner_stop (LiaisonSequenceRunner *self)
{
  g_return_if_fail (LIAISON_IS_SEQUENCE_RUNNER (self));

  /* A pass under way finishes what it claimed (a claimed step is never
   * dropped half-way); nothing more is claimed. */
  self->started = FALSE;
  self->again = FALSE;
  remove_timers (self);
}

void
liaison_sequence_runner_poke (LiaisonSequenceRunner *self)
{
  g_return_if_fail (LIAISON_IS_SEQUENCE_RUNNER (self));

  run_pass (self);
}
