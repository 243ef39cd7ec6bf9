/* liaison-day-separator.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-day-separator"

#include "config.h"

#include "liaison-day-separator.h"

struct _LiaisonDaySeparator
{
  GObject parent_instance;

  gint64  time;
};

G_DEFINE_FINAL_TYPE (LiaisonDaySeparator, liaison_day_separator, G_TYPE_OBJECT)

static void
liaison_day_separator_class_init (LiaisonDaySeparatorClass *klass)
{
}

static void
liaison_day_separator_init (LiaisonDaySeparator *self)
{
}

LiaisonDaySeparator *
liaison_day_separator_new (gint64 time)
{
  LiaisonDaySeparator *self = g_object_new (LIAISON_TYPE_DAY_SEPARATOR, NULL);

  self->time = time;

  return self;
}

gint64
liaison_day_separator_get_time (LiaisonDaySeparator *self)
{
  g_return_val_if_fail (LIAISON_IS_DAY_SEPARATOR (self), 0);

  return self->time;
}
