/* liaison-sequence-enrollment.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sequence"

#include "config.h"

#include "liaison-sequence-private.h"

struct _LiaisonSequenceEnrollment
{
  GObject                      parent_instance;

  gint64                       id;
  gint64                       sequence_id;
  char                        *sequence_name;
  gint64                       contact_id;
  char                        *contact_name;
  LiaisonEnrollmentState       state;
  LiaisonEnrollmentStopReason  stop_reason;
  char                        *stop_detail;
  guint                        next_step;
  gint64                       next_run_at;
  gint64                       enrolled_at;
  gint64                       updated_at;
};

G_DEFINE_FINAL_TYPE (LiaisonSequenceEnrollment, liaison_sequence_enrollment, G_TYPE_OBJECT)

static const char * const state_names[] = {
  [LIAISON_ENROLLMENT_ACTIVE] = "active",
  [LIAISON_ENROLLMENT_COMPLETED] = "completed",
  [LIAISON_ENROLLMENT_STOPPED] = "stopped",
};

static const char * const stop_reason_names[] = {
  [LIAISON_ENROLLMENT_STOP_NONE] = NULL,
  [LIAISON_ENROLLMENT_STOP_REPLIED] = "replied",
  [LIAISON_ENROLLMENT_STOP_OPTED_OUT] = "opted-out",
  [LIAISON_ENROLLMENT_STOP_BY_HAND] = "by-hand",
  [LIAISON_ENROLLMENT_STOP_MISSING_VALUE] = "missing-value",
  [LIAISON_ENROLLMENT_STOP_NEEDS_REVIEW] = "needs-review",
  [LIAISON_ENROLLMENT_STOP_NO_NUMBER] = "no-number",
  [LIAISON_ENROLLMENT_STOP_FAILED] = "failed",
};

static void
liaison_sequence_enrollment_finalize (GObject *object)
{
  LiaisonSequenceEnrollment *self = (LiaisonSequenceEnrollment *)object;

  g_clear_pointer (&self->sequence_name, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->stop_detail, g_free);

  G_OBJECT_CLASS (liaison_sequence_enrollment_parent_class)->finalize (object);
}

static void
liaison_sequence_enrollment_class_init (LiaisonSequenceEnrollmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_sequence_enrollment_finalize;
}

static void
liaison_sequence_enrollment_init (LiaisonSequenceEnrollment *self)
{
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

LiaisonSequenceEnrollment *
_liaison_sequence_enrollment_new_from_stmt (sqlite3_stmt *stmt)
{
  LiaisonSequenceEnrollment *self = g_object_new (LIAISON_TYPE_SEQUENCE_ENROLLMENT, NULL);
  const char *detail;
  gint64 next_step;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->sequence_id = sqlite3_column_int64 (stmt, 1);
  self->sequence_name = g_strdup (column_text (stmt, 2) != NULL ? column_text (stmt, 2) : "");
  self->contact_id = sqlite3_column_int64 (stmt, 3);
  self->contact_name = g_strdup (column_text (stmt, 4) != NULL ? column_text (stmt, 4) : "");
  /* 'paused' (never written) reads as active: it is neither done nor stopped. */
  if (!liaison_enrollment_state_from_string (column_text (stmt, 5), &self->state))
    self->state = g_strcmp0 (column_text (stmt, 5), "paused") == 0 ? LIAISON_ENROLLMENT_ACTIVE
                                                                    : LIAISON_ENROLLMENT_STOPPED;
  self->stop_reason = self->state == LIAISON_ENROLLMENT_STOPPED
                      ? liaison_enrollment_stop_reason_from_string (column_text (stmt, 6))
                      : LIAISON_ENROLLMENT_STOP_NONE;
  detail = column_text (stmt, 7);
  self->stop_detail = self->state == LIAISON_ENROLLMENT_STOPPED && detail != NULL && *detail != '\0'
                      ? g_strdup (detail) : NULL;
  next_step = sqlite3_column_int64 (stmt, 8);
  self->next_step = (guint) CLAMP (next_step, 0, G_MAXUINT);
  self->next_run_at = self->state == LIAISON_ENROLLMENT_ACTIVE ? sqlite3_column_int64 (stmt, 9) : 0;
  self->enrolled_at = sqlite3_column_int64 (stmt, 10);
  self->updated_at = sqlite3_column_int64 (stmt, 11);

  return self;
}

gint64
liaison_sequence_enrollment_get_id (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->id;
}

gint64
liaison_sequence_enrollment_get_sequence_id (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->sequence_id;
}

const char *
liaison_sequence_enrollment_get_sequence_name (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), NULL);
  return self->sequence_name;
}

gint64
liaison_sequence_enrollment_get_contact_id (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->contact_id;
}

const char *
liaison_sequence_enrollment_get_contact_name (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), NULL);
  return self->contact_name;
}

LiaisonEnrollmentState
liaison_sequence_enrollment_get_state (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), LIAISON_ENROLLMENT_STOPPED);
  return self->state;
}

LiaisonEnrollmentStopReason
liaison_sequence_enrollment_get_stop_reason (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), LIAISON_ENROLLMENT_STOP_NONE);
  return self->stop_reason;
}

const char *
liaison_sequence_enrollment_get_stop_detail (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), NULL);
  return self->stop_detail;
}

guint
liaison_sequence_enrollment_get_next_step (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->next_step;
}

gint64
liaison_sequence_enrollment_get_next_run_at (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->next_run_at;
}

gint64
liaison_sequence_enrollment_get_enrolled_at (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->enrolled_at;
}

gint64
liaison_sequence_enrollment_get_updated_at (LiaisonSequenceEnrollment *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_ENROLLMENT (self), 0);
  return self->updated_at;
}

const char *
liaison_enrollment_state_to_string (LiaisonEnrollmentState state)
{
  if ((guint) state < G_N_ELEMENTS (state_names))
    return state_names[state];
  return NULL;
}

gboolean
liaison_enrollment_state_from_string (const char             *string,
                                      LiaisonEnrollmentState *out_state)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (string, state_names[i]))
      {
        if (out_state != NULL)
          *out_state = (LiaisonEnrollmentState) i;
        return TRUE;
      }

  return FALSE;
}

const char *
liaison_enrollment_stop_reason_to_string (LiaisonEnrollmentStopReason reason)
{
  if ((guint) reason < G_N_ELEMENTS (stop_reason_names))
    return stop_reason_names[reason];
  return NULL;
}

LiaisonEnrollmentStopReason
liaison_enrollment_stop_reason_from_string (const char *string)
{
  if (string == NULL)
    return LIAISON_ENROLLMENT_STOP_NONE;

  for (guint i = 1; i < G_N_ELEMENTS (stop_reason_names); i++)
    if (g_str_equal (string, stop_reason_names[i]))
      return (LiaisonEnrollmentStopReason) i;

  return LIAISON_ENROLLMENT_STOP_NONE;
}
