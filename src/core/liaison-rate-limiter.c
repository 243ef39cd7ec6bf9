/* liaison-rate-limiter.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-rate-limiter"

#include "config.h"

#include "liaison-rate-limiter.h"
#include "liaison-log.h"

#include <math.h>

typedef struct {
  LiaisonRateLimiter *self;      /* unowned */
  char               *sender;
  double              rate;      /* 0: default */
  gboolean            granted;   /* a token was ever granted */
  gint64              last_grant;
  GQueue              waiters;   /* GTask */
  guint               timer_id;
} Bucket;

struct _LiaisonRateLimiter
{
  GObject       parent_instance;

  LiaisonClock *clock;
  double        default_rate;
  GHashTable   *buckets;       /* sender → Bucket */
  guint         max_concurrent;
  guint         in_flight;
  GQueue        slot_waiters;  /* GTask */
  guint         sweep_idle;
};

G_DEFINE_FINAL_TYPE (LiaisonRateLimiter, liaison_rate_limiter, G_TYPE_OBJECT)

static void
bucket_free (gpointer data)
{
  Bucket *bucket = data;

  if (bucket->timer_id != 0)
    liaison_clock_remove_timeout (bucket->self->clock, bucket->timer_id);
  /* Waiters left at dispose time are told the limiter went away. */
  while (!g_queue_is_empty (&bucket->waiters))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&bucket->waiters);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The rate limiter was disposed");
    }
  g_free (bucket->sender);
  g_free (bucket);
}

static double
bucket_rate (Bucket *bucket)
{
  return bucket->rate > 0 ? bucket->rate : bucket->self->default_rate;
}

static gint64
bucket_interval (Bucket *bucket)
{
  return (gint64) llround (G_USEC_PER_SEC / bucket_rate (bucket));
}

static Bucket *
get_bucket (LiaisonRateLimiter *self,
            const char         *sender)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, sender);

  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->self = self;
      bucket->sender = g_strdup (sender);
      g_queue_init (&bucket->waiters);
      g_hash_table_insert (self->buckets, bucket->sender, bucket);
    }
  return bucket;
}

/* Cancellation: the cancelled handler only schedules a sweep, which runs
 * from the main context (never from inside g_cancellable_cancel()). */

static gboolean
sweep_queue (GQueue *queue)
{
  gboolean removed = FALSE;

  for (GList *l = queue->head; l != NULL;)
    {
      GList *next = l->next;
      GTask *task = l->data;

      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_autoptr(GError) error = NULL;

          g_queue_delete_link (queue, l);
          g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error);
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          removed = TRUE;
        }
      l = next;
    }
  return removed;
}

static void process_bucket (Bucket *bucket);
static void process_slots (LiaisonRateLimiter *self);

static gboolean
sweep_cb (gpointer user_data)
{
  LiaisonRateLimiter *self = user_data;
  GHashTableIter iter;
  gpointer value;

  self->sweep_idle = 0;
  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Bucket *bucket = value;

      if (sweep_queue (&bucket->waiters) && g_queue_is_empty (&bucket->waiters) && bucket->timer_id != 0)
        {
          liaison_clock_remove_timeout (self->clock, bucket->timer_id);
          bucket->timer_id = 0;
        }
    }
  sweep_queue (&self->slot_waiters);
  process_slots (self);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  LiaisonRateLimiter *self = user_data;

  if (self->sweep_idle == 0)
    self->sweep_idle = g_idle_add_full (G_PRIORITY_DEFAULT, sweep_cb, g_object_ref (self), g_object_unref);
}

static void
watch_cancellable (LiaisonRateLimiter *self,
                   GTask              *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (cancelled_cb), self, 0);
}

static void
unwatch_cancellable (LiaisonRateLimiter *self,
                     GTask              *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL)
    g_signal_handlers_disconnect_by_func (cancellable, cancelled_cb, self);
}

static gboolean
bucket_timer_cb (gpointer user_data)
{
  Bucket *bucket = user_data;

  bucket->timer_id = 0;
  process_bucket (bucket);
  return G_SOURCE_REMOVE;
}

/* Grants tokens to waiters in order while one is available, then arms a
 * timer for the next one. */
static void
process_bucket (Bucket *bucket)
{
  LiaisonRateLimiter *self = bucket->self;

  while (!g_queue_is_empty (&bucket->waiters))
    {
      gint64 now = liaison_clock_get_now_usec (self->clock);
      gint64 next_free = bucket->granted ? bucket->last_grant + bucket_interval (bucket) : now;
      g_autoptr(GTask) task = NULL;

      if (now < next_free)
        {
          if (bucket->timer_id == 0)
            bucket->timer_id = liaison_clock_add_timeout (self->clock, next_free - now,
                                                          bucket_timer_cb, bucket, NULL);
          return;
        }

      task = g_queue_pop_head (&bucket->waiters);
      unwatch_cancellable (self, task);
      bucket->granted = TRUE;
      bucket->last_grant = now;
      LIAISON_DEBUG_MASKED (bucket->sender, "Token for %s at %" G_GINT64_FORMAT, now);
      g_task_return_boolean (task, TRUE);
    }
}

static void
process_slots (LiaisonRateLimiter *self)
{
  while (self->in_flight < self->max_concurrent && !g_queue_is_empty (&self->slot_waiters))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->slot_waiters);

      unwatch_cancellable (self, task);
      self->in_flight++;
      g_task_return_boolean (task, TRUE);
    }
}

static void
liaison_rate_limiter_dispose (GObject *object)
{
  LiaisonRateLimiter *self = LIAISON_RATE_LIMITER (object);

  g_clear_handle_id (&self->sweep_idle, g_source_remove);
  if (self->buckets != NULL)
    g_hash_table_remove_all (self->buckets);
  while (!g_queue_is_empty (&self->slot_waiters))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->slot_waiters);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The rate limiter was disposed");
    }

  G_OBJECT_CLASS (liaison_rate_limiter_parent_class)->dispose (object);
}

static void
liaison_rate_limiter_finalize (GObject *object)
{
  LiaisonRateLimiter *self = LIAISON_RATE_LIMITER (object);

  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (liaison_rate_limiter_parent_class)->finalize (object);
}

static void
liaison_rate_limiter_class_init (LiaisonRateLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_rate_limiter_dispose;
  object_class->finalize = liaison_rate_limiter_finalize;
}

static void
liaison_rate_limiter_init (LiaisonRateLimiter *self)
{
  self->default_rate = LIAISON_RATE_LIMITER_DEFAULT_RATE;
  self->max_concurrent = LIAISON_RATE_LIMITER_DEFAULT_MAX_CONCURRENT;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, bucket_free);
  g_queue_init (&self->slot_waiters);
}

LiaisonRateLimiter *
liaison_rate_limiter_new (LiaisonClock *clock)
{
  LiaisonRateLimiter *self = g_object_new (LIAISON_TYPE_RATE_LIMITER, NULL);

  self->clock = clock != NULL ? g_object_ref (clock) : liaison_clock_new_system ();
  return self;
}

LiaisonClock *
liaison_rate_limiter_get_clock (LiaisonRateLimiter *self)
{
  g_return_val_if_fail (LIAISON_IS_RATE_LIMITER (self), NULL);

  return self->clock;
}

void
liaison_rate_limiter_set_default_rate (LiaisonRateLimiter *self,
                                       double              per_second)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (per_second > 0);

  self->default_rate = per_second;
}

void
liaison_rate_limiter_set_rate (LiaisonRateLimiter *self,
                               const char         *sender,
                               double              per_second)
{
  Bucket *bucket;

  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (sender != NULL);
  g_return_if_fail (per_second >= 0);

  bucket = get_bucket (self, sender);
  bucket->rate = per_second;

  /* The next grant is computed from the last one with the new rate. */
  if (bucket->timer_id != 0)
    {
      liaison_clock_remove_timeout (self->clock, bucket->timer_id);
      bucket->timer_id = 0;
    }
  process_bucket (bucket);
}

double
liaison_rate_limiter_get_rate (LiaisonRateLimiter *self,
                               const char         *sender)
{
  Bucket *bucket;

  g_return_val_if_fail (LIAISON_IS_RATE_LIMITER (self), 0);

  bucket = sender != NULL ? g_hash_table_lookup (self->buckets, sender) : NULL;
  return bucket != NULL ? bucket_rate (bucket) : self->default_rate;
}

void
liaison_rate_limiter_acquire_async (LiaisonRateLimiter  *self,
                                    const char          *sender,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Bucket *bucket;

  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (sender != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_rate_limiter_acquire_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  bucket = get_bucket (self, sender);
  watch_cancellable (self, task);
  g_queue_push_tail (&bucket->waiters, g_steal_pointer (&task));
  process_bucket (bucket);
}

gboolean
liaison_rate_limiter_acquire_finish (LiaisonRateLimiter  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_rate_limiter_acquire_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
liaison_rate_limiter_set_max_concurrent (LiaisonRateLimiter *self,
                                         guint               max_concurrent)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (max_concurrent >= 1);

  self->max_concurrent = max_concurrent;
  process_slots (self);
}

guint
liaison_rate_limiter_get_in_flight (LiaisonRateLimiter *self)
{
  g_return_val_if_fail (LIAISON_IS_RATE_LIMITER (self), 0);

  return self->in_flight;
}

void
liaison_rate_limiter_acquire_slot_async (LiaisonRateLimiter  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_rate_limiter_acquire_slot_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  watch_cancellable (self, task);
  g_queue_push_tail (&self->slot_waiters, g_steal_pointer (&task));
  process_slots (self);
}

gboolean
liaison_rate_limiter_acquire_slot_finish (LiaisonRateLimiter  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_rate_limiter_acquire_slot_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
liaison_rate_limiter_release_slot (LiaisonRateLimiter *self)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (self->in_flight > 0);

  self->in_flight--;
  process_slots (self);
}
