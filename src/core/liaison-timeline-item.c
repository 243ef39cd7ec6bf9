/* liaison-timeline-item.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-timeline-item"

#include "config.h"

#include "liaison-timeline-item.h"

struct _LiaisonTimelineItem
{
  GObject              parent_instance;

  LiaisonTimelineKind  kind;
  gint64               id;
  gint64               time;
  char                *summary;
  char                *direction;
  char                *status;
  gint64               thread_id;
  char                *call_sid;
};

G_DEFINE_FINAL_TYPE (LiaisonTimelineItem, liaison_timeline_item, G_TYPE_OBJECT)

static void
liaison_timeline_item_finalize (GObject *object)
{
  LiaisonTimelineItem *self = LIAISON_TIMELINE_ITEM (object);

  g_free (self->summary);
  g_free (self->direction);
  g_free (self->status);
  g_free (self->call_sid);

  G_OBJECT_CLASS (liaison_timeline_item_parent_class)->finalize (object);
}

static void
liaison_timeline_item_class_init (LiaisonTimelineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_timeline_item_finalize;
}

static void
liaison_timeline_item_init (LiaisonTimelineItem *self)
{
}

LiaisonTimelineItem *
_liaison_timeline_item_new (LiaisonTimelineKind  kind,
                            gint64               id,
                            gint64               time,
                            const char          *summary,
                            const char          *direction,
                            const char          *status,
                            gint64               thread_id,
                            const char          *call_sid)
{
  LiaisonTimelineItem *self = g_object_new (LIAISON_TYPE_TIMELINE_ITEM, NULL);

  self->kind = kind;
  self->id = id;
  self->time = time;
  self->summary = g_strdup (summary != NULL ? summary : "");
  self->direction = g_strdup (direction);
  self->status = g_strdup (status);
  self->thread_id = thread_id;
  self->call_sid = g_strdup (call_sid);

  return self;
}

LiaisonTimelineKind
liaison_timeline_item_get_kind (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), 0);
  return self->kind;
}

gint64
liaison_timeline_item_get_id (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), 0);
  return self->id;
}

gint64
liaison_timeline_item_get_time (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), 0);
  return self->time;
}

const char *
liaison_timeline_item_get_summary (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), NULL);
  return self->summary;
}

const char *
liaison_timeline_item_get_direction (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), NULL);
  return self->direction;
}

const char *
liaison_timeline_item_get_status (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), NULL);
  return self->status;
}

gint64
liaison_timeline_item_get_thread_id (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), 0);
  return self->thread_id;
}

const char *
liaison_timeline_item_get_call_sid (LiaisonTimelineItem *self)
{
  g_return_val_if_fail (LIAISON_IS_TIMELINE_ITEM (self), NULL);
  return self->call_sid;
}
