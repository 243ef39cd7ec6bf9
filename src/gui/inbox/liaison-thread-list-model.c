/* liaison-thread-list-model.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-thread-list-model"

#include "config.h"

#include "liaison-thread-list-model.h"

#define PAGE_SIZE 50
/* The first page: a window's height of rows, so the first frame builds only
 * those; the next page follows as soon as they are asked for. The list
 * showing the model tells how many fit (first_page_size); this is for when
 * it cannot. */
#define FIRST_PAGE_SIZE 20
#define MAX_FIRST_PAGE_SIZE PAGE_SIZE
/* Asking for one of the last LOOKAHEAD loaded items loads the next page. */
#define LOOKAHEAD 15

struct _LiaisonThreadListModel
{
  GObject        parent_instance;

  LiaisonStore  *store;
  GPtrArray     *items;
  GCancellable  *cancellable;
  guint          load_idle;
  guint          requested;
  guint          first_page_size;
  GdkFrameClock *frame_clock;
  gulong         after_paint_id;
  gboolean       prefetch_held;   /* until the first page is painted */
  gboolean       prefetch_wanted; /* the view asked for the end meanwhile */
  gboolean       loading;
  gboolean       complete;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);
static void schedule_load_more (gpointer self);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonThreadListModel, liaison_thread_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
set_loading (LiaisonThreadListModel *self,
             gboolean                loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
set_complete (LiaisonThreadListModel *self,
              gboolean                complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPLETE]);
}

/* Newest first: (last_time, id) descending. */
static int
compare_threads (LiaisonThread *a,
                 LiaisonThread *b)
{
  gint64 ta = liaison_thread_get_last_time (a);
  gint64 tb = liaison_thread_get_last_time (b);

  if (ta != tb)
    return ta > tb ? -1 : 1;

  if (liaison_thread_get_id (a) != liaison_thread_get_id (b))
    return liaison_thread_get_id (a) > liaison_thread_get_id (b) ? -1 : 1;

  return 0;
}

static void
disconnect_frame_clock (LiaisonThreadListModel *self)
{
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
}

static void
release_prefetch (LiaisonThreadListModel *self)
{
  disconnect_frame_clock (self);
  self->prefetch_held = FALSE;
  if (self->prefetch_wanted)
    schedule_load_more (self);
  self->prefetch_wanted = FALSE;
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{

  g_autoptr(LiaisonThreadListModel) self = user_data;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GError) error = NULL;
  guint position, added = 0;

  threads = liaison_store_list_threads_finish (LIAISON_STORE (object), result, &error);
  if (threads == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not list conversations: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }

  position = self->items->len;
  for (guint i = 0; i < threads->len; i++)
    {
      LiaisonThread *thread = g_ptr_array_index (threads, i);

      /* A live update may have brought it in already. */
      if (liaison_thread_list_model_find (self, liaison_thread_get_id (thread)) >= 0)
        continue;

      g_ptr_array_add (self->items, g_object_ref (thread));
      added++;
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_complete (self, threads->len < self->requested);
  set_loading (self, FALSE);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  g_object_thaw_notify (G_OBJECT (self));

  /* The first page is in the view: fetch ahead once a frame shows it. */
  if (self->prefetch_held && self->frame_clock != NULL && self->after_paint_id == 0)
    {
      self->after_paint_id = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                       G_CALLBACK (release_prefetch), self);
      gdk_frame_clock_request_phase (self->frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
}

void
liaison_thread_list_model_load_more (LiaisonThreadListModel *self)
{
  LiaisonStoreCursor cursor = { 0, 0 };

  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));

  if (self->store == NULL || self->loading || self->complete)
    return;

  if (self->items->len > 0)
    {
      LiaisonThread *last = g_ptr_array_index (self->items, self->items->len - 1);

      cursor.time = liaison_thread_get_last_time (last);
      cursor.id = liaison_thread_get_id (last);
    }

  set_loading (self, TRUE);
  self->requested = self->items->len == 0 ? self->first_page_size : PAGE_SIZE;
  liaison_store_list_threads_async (self->store, &cursor, self->requested, self->cancellable,
                                    page_loaded_cb, g_object_ref (self));
}

static gboolean
load_more_idle_cb (gpointer user_data)
{
  LiaisonThreadListModel *self = user_data;

  self->load_idle = 0;
  liaison_thread_list_model_load_more (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_load_more (gpointer user_data)
{
  LiaisonThreadListModel *self = user_data;

  if (self->complete || self->loading || self->load_idle != 0)
    return;
  if (self->prefetch_held)
    {
      self->prefetch_wanted = TRUE;
      return;
    }
  self->load_idle = g_idle_add (load_more_idle_cb, self);
}

static GType
liaison_thread_list_model_get_item_type (GListModel *model)
{
  return LIAISON_TYPE_THREAD;
}

static guint
liaison_thread_list_model_get_n_items (GListModel *model)
{
  return LIAISON_THREAD_LIST_MODEL (model)->items->len;
}

static gpointer
liaison_thread_list_model_get_item (GListModel *model,
                                    guint       position)
{
  LiaisonThreadListModel *self = LIAISON_THREAD_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  /* The list view asks for what it is about to show: near the end, fetch
   * more (later, never from inside this call). */
  if (position + LOOKAHEAD >= self->items->len)
    schedule_load_more (self);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = liaison_thread_list_model_get_item_type;
  iface->get_n_items = liaison_thread_list_model_get_n_items;
  iface->get_item = liaison_thread_list_model_get_item;
}

static void
liaison_thread_list_model_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LiaisonThreadListModel *self = LIAISON_THREAD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_thread_list_model_dispose (GObject *object)
{
  LiaisonThreadListModel *self = LIAISON_THREAD_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->load_idle, g_source_remove);
  disconnect_frame_clock (self);
  g_clear_object (&self->frame_clock);
  g_clear_object (&self->store);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (liaison_thread_list_model_parent_class)->dispose (object);
}

static void
liaison_thread_list_model_finalize (GObject *object)
{
  LiaisonThreadListModel *self = LIAISON_THREAD_LIST_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_thread_list_model_parent_class)->finalize (object);
}

static void
liaison_thread_list_model_class_init (LiaisonThreadListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_thread_list_model_get_property;
  object_class->dispose = liaison_thread_list_model_dispose;
  object_class->finalize = liaison_thread_list_model_finalize;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_thread_list_model_init (LiaisonThreadListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->first_page_size = FIRST_PAGE_SIZE;
}

LiaisonThreadListModel *
liaison_thread_list_model_new (void)
{
  return g_object_new (LIAISON_TYPE_THREAD_LIST_MODEL, NULL);
}

void
liaison_thread_list_model_reload (LiaisonThreadListModel *self)
{
  guint removed;

  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->load_idle, g_source_remove);
  disconnect_frame_clock (self);
  self->prefetch_held = self->frame_clock != NULL;
  self->prefetch_wanted = FALSE;

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE);
  set_complete (self, self->store == NULL);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  liaison_thread_list_model_load_more (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
liaison_thread_list_model_set_store (LiaisonThreadListModel *self,
                                     LiaisonStore           *store)
{
  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));
  g_return_if_fail (!store || LIAISON_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  liaison_thread_list_model_reload (self);
}

void
liaison_thread_list_model_set_first_page_size (LiaisonThreadListModel *self,
                                               guint                   n_threads)
{
  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));

  self->first_page_size = n_threads > 0 ? MIN (n_threads, MAX_FIRST_PAGE_SIZE) : FIRST_PAGE_SIZE;
}

void
liaison_thread_list_model_set_frame_clock (LiaisonThreadListModel *self,
                                           GdkFrameClock          *frame_clock)
{
  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));
  g_return_if_fail (!frame_clock || GDK_IS_FRAME_CLOCK (frame_clock));

  if (self->frame_clock == frame_clock)
    return;

  disconnect_frame_clock (self);
  g_set_object (&self->frame_clock, frame_clock);

  /* Without a clock nothing would release a hold. */
  if (frame_clock == NULL)
    {
      if (self->prefetch_held)
        release_prefetch (self);
      return;
    }

  /* Shown for the first time with only the first page (or none yet): the
   * next pages wait for it to be painted. */
  if (!self->complete && self->items->len <= self->first_page_size)
    {
      self->prefetch_held = TRUE;
      if (self->load_idle != 0)
        {
          g_clear_handle_id (&self->load_idle, g_source_remove);
          self->prefetch_wanted = TRUE;
        }
    }
  if (self->prefetch_held && self->items->len > 0)
    {
      self->after_paint_id = g_signal_connect_swapped (frame_clock, "after-paint",
                                                       G_CALLBACK (release_prefetch), self);
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
}

LiaisonStore *
liaison_thread_list_model_get_store (LiaisonThreadListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self), NULL);

  return self->store;
}

gboolean
liaison_thread_list_model_get_loading (LiaisonThreadListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self), FALSE);

  return self->loading;
}

gboolean
liaison_thread_list_model_get_complete (LiaisonThreadListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self), FALSE);

  return self->complete;
}

int
liaison_thread_list_model_find (LiaisonThreadListModel *self,
                                gint64                  thread_id)
{
  g_return_val_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (liaison_thread_get_id (g_ptr_array_index (self->items, i)) == thread_id)
      return (int) i;

  return -1;
}

LiaisonThread *
liaison_thread_list_model_lookup (LiaisonThreadListModel *self,
                                  gint64                  thread_id)
{
  int position = liaison_thread_list_model_find (self, thread_id);

  return position >= 0 ? g_ptr_array_index (self->items, position) : NULL;
}

void
liaison_thread_list_model_update_thread (LiaisonThreadListModel *self,
                                         LiaisonThread          *thread)
{
  int old_position;
  guint new_position;

  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));
  g_return_if_fail (LIAISON_IS_THREAD (thread));

  old_position = liaison_thread_list_model_find (self, liaison_thread_get_id (thread));

  if (old_position >= 0)
    g_ptr_array_remove_index (self->items, old_position);

  for (new_position = 0; new_position < self->items->len; new_position++)
    if (compare_threads (thread, g_ptr_array_index (self->items, new_position)) < 0)
      break;

  /* In place (read, a new status): one change, so that the list keeps its
   * scroll position instead of following the row's neighbour. */
  if (old_position >= 0 && new_position == (guint) old_position)
    {
      g_ptr_array_insert (self->items, new_position, g_object_ref (thread));
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 1, 1);
      return;
    }

  if (old_position >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);

  /* Older than everything loaded while more remain: paging brings it. */
  if (new_position == self->items->len && !self->complete)
    return;

  g_ptr_array_insert (self->items, new_position, g_object_ref (thread));
  g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
}

static void
thread_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LiaisonThreadListModel) self = user_data;
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;

  thread = liaison_store_get_thread_finish (LIAISON_STORE (object), result, &error);
  if (thread == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not refresh a conversation: %s", error->message);
      return;
    }

  if (LIAISON_STORE (object) != self->store)
    return;

  liaison_thread_list_model_update_thread (self, thread);
}

void
liaison_thread_list_model_refresh_thread (LiaisonThreadListModel *self,
                                          gint64                  thread_id)
{
  g_return_if_fail (LIAISON_IS_THREAD_LIST_MODEL (self));

  if (self->store == NULL || thread_id <= 0)
    return;

  liaison_store_get_thread_async (self->store, thread_id, self->cancellable,
                                  thread_refreshed_cb, g_object_ref (self));
}
