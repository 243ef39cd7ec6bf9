/* liaison-sequence-step.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sequence"

#include "config.h"

#include "liaison-sequence-private.h"

struct _LiaisonSequenceStep
{
  GObject  parent_instance;

  gint64   delay;
  gint64   template_id;
  char    *template_name;
  char    *body;
};

G_DEFINE_FINAL_TYPE (LiaisonSequenceStep, liaison_sequence_step, G_TYPE_OBJECT)

static void
liaison_sequence_step_finalize (GObject *object)
{
  LiaisonSequenceStep *self = (LiaisonSequenceStep *)object;

  g_clear_pointer (&self->template_name, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (liaison_sequence_step_parent_class)->finalize (object);
}

static void
liaison_sequence_step_class_init (LiaisonSequenceStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_sequence_step_finalize;
}

static void
liaison_sequence_step_init (LiaisonSequenceStep *self)
{
}

LiaisonSequenceStep *
liaison_sequence_step_new (gint64      delay,
                           gint64      template_id,
                           const char *body)
{
  LiaisonSequenceStep *self = g_object_new (LIAISON_TYPE_SEQUENCE_STEP, NULL);

  self->delay = delay;
  self->template_id = template_id > 0 ? template_id : 0;
  self->body = self->template_id == 0 ? g_strdup (body) : NULL;

  return self;
}

LiaisonSequenceStep *
_liaison_sequence_step_new_full (gint64      delay,
                                 gint64      template_id,
                                 const char *template_name,
                                 const char *body)
{
  LiaisonSequenceStep *self = g_object_new (LIAISON_TYPE_SEQUENCE_STEP, NULL);

  self->delay = delay;
  self->template_id = template_id > 0 ? template_id : 0;
  self->template_name = self->template_id > 0 ? g_strdup (template_name) : NULL;
  self->body = g_strdup (body);

  return self;
}

gint64
liaison_sequence_step_get_delay (LiaisonSequenceStep *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_STEP (self), 0);
  return self->delay;
}

gint64
liaison_sequence_step_get_template_id (LiaisonSequenceStep *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_STEP (self), 0);
  return self->template_id;
}

const char *
liaison_sequence_step_get_template_name (LiaisonSequenceStep *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_STEP (self), NULL);
  return self->template_name;
}

const char *
liaison_sequence_step_get_body (LiaisonSequenceStep *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE_STEP (self), NULL);
  return self->body;
}
