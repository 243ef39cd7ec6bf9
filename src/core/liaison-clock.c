/* liaison-clock.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-clock"

#include "config.h"

#include "liaison-clock.h"

typedef struct {
  guint          id;
  gint64         deadline;
  gint64         delay;
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify notify;
} FakeTimer;

struct _LiaisonClock
{
  GObject   parent_instance;

  gboolean  fake;
  gint64    now;
  guint     last_id;
  GList    *timers;        /* FakeTimer, sorted by deadline then id */
  GArray   *waits;
  gboolean  auto_advance;
  guint     auto_idle;
};

G_DEFINE_FINAL_TYPE (LiaisonClock, liaison_clock, G_TYPE_OBJECT)

static void
fake_timer_free (FakeTimer *timer)
{
  if (timer->notify != NULL)
    timer->notify (timer->data);
  g_free (timer);
}

static gint
compare_timers (gconstpointer a,
                gconstpointer b)
{
  const FakeTimer *ta = a;
  const FakeTimer *tb = b;

  if (ta->deadline != tb->deadline)
    return ta->deadline < tb->deadline ? -1 : 1;
  return ta->id < tb->id ? -1 : (ta->id > tb->id);
}

static void schedule_auto_advance (LiaisonClock *self);

/* Fires the earliest timer if it is due at or before @limit. */
static gboolean
fire_one (LiaisonClock *self,
          gint64        limit)
{
  FakeTimer *timer;

  if (self->timers == NULL)
    return FALSE;
  timer = self->timers->data;
  if (timer->deadline > limit)
    return FALSE;

  self->timers = g_list_delete_link (self->timers, self->timers);
  if (timer->deadline > self->now)
    self->now = timer->deadline;
  g_array_append_val (self->waits, timer->delay);
  timer->func (timer->data);
  fake_timer_free (timer);
  return TRUE;
}

static gboolean
auto_advance_cb (gpointer user_data)
{
  LiaisonClock *self = user_data;

  self->auto_idle = 0;
  if (self->auto_advance && self->timers != NULL)
    {
      FakeTimer *timer = self->timers->data;

      fire_one (self, timer->deadline);
    }
  schedule_auto_advance (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_auto_advance (LiaisonClock *self)
{
  if (!self->auto_advance || self->timers == NULL || self->auto_idle != 0)
    return;
  /* Lowest priority: only when nothing else (I/O, idles) is ready. */
  self->auto_idle = g_idle_add_full (G_PRIORITY_LOW + 100, auto_advance_cb, self, NULL);
}

static void
liaison_clock_dispose (GObject *object)
{
  LiaisonClock *self = LIAISON_CLOCK (object);

  g_clear_handle_id (&self->auto_idle, g_source_remove);
  g_list_free_full (g_steal_pointer (&self->timers), (GDestroyNotify) fake_timer_free);

  G_OBJECT_CLASS (liaison_clock_parent_class)->dispose (object);
}

static void
liaison_clock_finalize (GObject *object)
{
  LiaisonClock *self = LIAISON_CLOCK (object);

  g_clear_pointer (&self->waits, g_array_unref);

  G_OBJECT_CLASS (liaison_clock_parent_class)->finalize (object);
}

static void
liaison_clock_class_init (LiaisonClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_clock_dispose;
  object_class->finalize = liaison_clock_finalize;
}

static void
liaison_clock_init (LiaisonClock *self)
{
  self->waits = g_array_new (FALSE, FALSE, sizeof (gint64));
}

LiaisonClock *
liaison_clock_new_system (void)
{
  return g_object_new (LIAISON_TYPE_CLOCK, NULL);
}

LiaisonClock *
liaison_clock_new_fake (gint64 start_usec)
{
  LiaisonClock *self = g_object_new (LIAISON_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->now = start_usec;
  return self;
}

gboolean
liaison_clock_is_fake (LiaisonClock *self)
{
  g_return_val_if_fail (LIAISON_IS_CLOCK (self), FALSE);

  return self->fake;
}

gint64
liaison_clock_get_now_usec (LiaisonClock *self)
{
  g_return_val_if_fail (LIAISON_IS_CLOCK (self), 0);

  return self->fake ? self->now : g_get_real_time ();
}

guint
liaison_clock_add_timeout (LiaisonClock   *self,
                           gint64          delay_usec,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  notify)
{
  FakeTimer *timer;

  g_return_val_if_fail (LIAISON_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  if (delay_usec < 0)
    delay_usec = 0;

  if (!self->fake)
    {
      guint ms = (guint) MIN ((delay_usec + 999) / 1000, (gint64) G_MAXUINT);

      return g_timeout_add_full (G_PRIORITY_DEFAULT, ms, func, data, notify);
    }

  timer = g_new0 (FakeTimer, 1);
  timer->id = ++self->last_id;
  timer->deadline = self->now + delay_usec;
  timer->delay = delay_usec;
  timer->func = func;
  timer->data = data;
  timer->notify = notify;
  self->timers = g_list_insert_sorted (self->timers, timer, compare_timers);
  schedule_auto_advance (self);

  return timer->id;
}

void
liaison_clock_remove_timeout (LiaisonClock *self,
                              guint         id)
{
  g_return_if_fail (LIAISON_IS_CLOCK (self));
  g_return_if_fail (id > 0);

  if (!self->fake)
    {
      g_source_remove (id);
      return;
    }

  for (GList *l = self->timers; l != NULL; l = l->next)
    {
      FakeTimer *timer = l->data;

      if (timer->id == id)
        {
          self->timers = g_list_delete_link (self->timers, l);
          fake_timer_free (timer);
          return;
        }
    }
}

void
liaison_clock_advance (LiaisonClock *self,
                       gint64        usec)
{
  gint64 target;

  g_return_if_fail (LIAISON_IS_CLOCK (self));
  g_return_if_fail (self->fake);
  g_return_if_fail (usec >= 0);

  target = self->now + usec;
  while (fire_one (self, target))
    ;
  self->now = target;
}

guint
liaison_clock_get_n_pending (LiaisonClock *self)
{
  g_return_val_if_fail (LIAISON_IS_CLOCK (self), 0);

  return g_list_length (self->timers);
}

gint64
liaison_clock_get_next_delay (LiaisonClock *self)
{
  g_return_val_if_fail (LIAISON_IS_CLOCK (self), -1);

  if (self->timers == NULL)
    return -1;
  return ((FakeTimer *) self->timers->data)->delay;
}

void
liaison_clock_set_auto_advance (LiaisonClock *self,
                                gboolean      auto_advance)
{
  g_return_if_fail (LIAISON_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->auto_advance = !!auto_advance;
  if (self->auto_advance)
    schedule_auto_advance (self);
  else
    g_clear_handle_id (&self->auto_idle, g_source_remove);
}

GArray *
liaison_clock_get_waits (LiaisonClock *self)
{
  g_return_val_if_fail (LIAISON_IS_CLOCK (self), NULL);

  return self->waits;
}
