/* liaison-call-list-model.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call-list-model"

#include "config.h"

#include <string.h>

#include "liaison-call-list-model.h"

#define PAGE_SIZE 50
/* The first page: a window's height of rows. */
#define FIRST_PAGE_SIZE 20
/* Asking for one of the last LOOKAHEAD loaded items loads the next page. */
#define LOOKAHEAD 15

struct _LiaisonCallListModel
{
  GObject                 parent_instance;

  LiaisonStore           *store;
  GPtrArray              *items;
  GCancellable           *cancellable;
  LiaisonStoreCallFilter  filter;
  char                   *filter_number;
  guint                   load_idle;
  guint                   requested;
  gboolean                loading;
  gboolean                complete;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonCallListModel, liaison_call_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
set_loading (LiaisonCallListModel *self,
             gboolean              loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
set_complete (LiaisonCallListModel *self,
              gboolean              complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPLETE]);
}

/* Newest first: (started_at, id) descending, as the store pages them. */
static int
compare_calls (LiaisonCall *a,
               LiaisonCall *b)
{
  gint64 ta = liaison_call_get_started_at (a);
  gint64 tb = liaison_call_get_started_at (b);

  if (ta != tb)
    return ta > tb ? -1 : 1;

  if (liaison_call_get_id (a) != liaison_call_get_id (b))
    return liaison_call_get_id (a) > liaison_call_get_id (b) ? -1 : 1;

  return 0;
}

/* The same filter as the store's, for a call that arrives live. */
static gboolean
passes_filter (LiaisonCallListModel *self,
               LiaisonCall          *call)
{
  const LiaisonStoreCallFilter *f = &self->filter;
  const char *direction = liaison_call_get_direction (call);
  gboolean inbound = g_strcmp0 (direction, "inbound") == 0;
  gint64 started = liaison_call_get_started_at (call);

  if (liaison_call_get_is_leg (call))
    return FALSE;
  if (f->missed_only && !liaison_call_get_is_missed (call))
    return FALSE;
  if (f->inbound_only && !inbound)
    return FALSE;
  if (f->outbound_only && inbound)
    return FALSE;
  if (f->contact_id > 0 && liaison_call_get_contact_id (call) != f->contact_id)
    return FALSE;
  if (f->remote_number != NULL &&
      g_strcmp0 (liaison_call_get_remote_number (call), f->remote_number) != 0)
    return FALSE;
  if (f->since != 0 && started < f->since)
    return FALSE;
  if (f->until != 0 && started >= f->until)
    return FALSE;

  return TRUE;
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaisonCallListModel) self = user_data;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  guint position, added = 0;

  calls = liaison_store_list_calls_finish (LIAISON_STORE (object), result, &error);
  if (calls == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not list calls: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }

  position = self->items->len;
  for (guint i = 0; i < calls->len; i++)
    {
      LiaisonCall *call = g_ptr_array_index (calls, i);

      /* A live update may have brought it in already. */
      if (liaison_call_list_model_find (self, liaison_call_get_sid (call)) >= 0)
        continue;

      g_ptr_array_add (self->items, g_object_ref (call));
      added++;
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_complete (self, calls->len < self->requested);
  set_loading (self, FALSE);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  g_object_thaw_notify (G_OBJECT (self));
}

void
liaison_call_list_model_load_more (LiaisonCallListModel *self)
{
  LiaisonStoreCursor cursor = { 0, 0 };

  g_return_if_fail (LIAISON_IS_CALL_LIST_MODEL (self));

  if (self->store == NULL || self->loading || self->complete)
    return;

  if (self->items->len > 0)
    {
      LiaisonCall *last = g_ptr_array_index (self->items, self->items->len - 1);

      cursor.time = liaison_call_get_started_at (last);
      cursor.id = liaison_call_get_id (last);
    }

  set_loading (self, TRUE);
  self->requested = self->items->len == 0 ? FIRST_PAGE_SIZE : PAGE_SIZE;
  liaison_store_list_calls_async (self->store, &self->filter,
                                  self->items->len > 0 ? &cursor : NULL, self->requested,
                                  self->cancellable, page_loaded_cb, g_object_ref (self));
}

static gboolean
load_more_idle_cb (gpointer user_data)
{
  LiaisonCallListModel *self = user_data;

  self->load_idle = 0;
  liaison_call_list_model_load_more (self);

  return G_SOURCE_REMOVE;
}

static GType
liaison_call_list_model_get_item_type (GListModel *model)
{
  return LIAISON_TYPE_CALL;
}

static guint
liaison_call_list_model_get_n_items (GListModel *model)
{
  return LIAISON_CALL_LIST_MODEL (model)->items->len;
}

static gpointer
liaison_call_list_model_get_item (GListModel *model,
                                  guint       position)
{
  LiaisonCallListModel *self = LIAISON_CALL_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  /* Near the end of what is loaded: fetch more (later, never from inside
   * this call). */
  if (position + LOOKAHEAD >= self->items->len && !self->complete && !self->loading &&
      self->load_idle == 0)
    self->load_idle = g_idle_add (load_more_idle_cb, self);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = liaison_call_list_model_get_item_type;
  iface->get_n_items = liaison_call_list_model_get_n_items;
  iface->get_item = liaison_call_list_model_get_item;
}

static void
liaison_call_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LiaisonCallListModel *self = LIAISON_CALL_LIST_MODEL (object);

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
liaison_call_list_model_dispose (GObject *object)
{
  LiaisonCallListModel *self = LIAISON_CALL_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->load_idle, g_source_remove);
  g_clear_object (&self->store);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (liaison_call_list_model_parent_class)->dispose (object);
}

static void
liaison_call_list_model_finalize (GObject *object)
{
  LiaisonCallListModel *self = LIAISON_CALL_LIST_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->filter_number, g_free);

  G_OBJECT_CLASS (liaison_call_list_model_parent_class)->finalize (object);
}

static void
liaison_call_list_model_class_init (LiaisonCallListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_call_list_model_get_property;
  object_class->dispose = liaison_call_list_model_dispose;
  object_class->finalize = liaison_call_list_model_finalize;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_call_list_model_init (LiaisonCallListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

LiaisonCallListModel *
liaison_call_list_model_new (void)
{
  return g_object_new (LIAISON_TYPE_CALL_LIST_MODEL, NULL);
}

void
liaison_call_list_model_reload (LiaisonCallListModel *self)
{
  guint removed;

  g_return_if_fail (LIAISON_IS_CALL_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->load_idle, g_source_remove);

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE);
  set_complete (self, self->store == NULL);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  liaison_call_list_model_load_more (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
liaison_call_list_model_set_store (LiaisonCallListModel *self,
                                   LiaisonStore         *store)
{
  g_return_if_fail (LIAISON_IS_CALL_LIST_MODEL (self));
  g_return_if_fail (!store || LIAISON_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  liaison_call_list_model_reload (self);
}

LiaisonStore *
liaison_call_list_model_get_store (LiaisonCallListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_LIST_MODEL (self), NULL);

  return self->store;
}

void
liaison_call_list_model_set_filter (LiaisonCallListModel         *self,
                                    const LiaisonStoreCallFilter *filter)
{
  g_return_if_fail (LIAISON_IS_CALL_LIST_MODEL (self));

  g_clear_pointer (&self->filter_number, g_free);
  if (filter != NULL)
    {
      self->filter = *filter;
      self->filter_number = g_strdup (filter->remote_number);
      self->filter.remote_number = self->filter_number;
    }
  else
    {
      memset (&self->filter, 0, sizeof self->filter);
    }

  liaison_call_list_model_reload (self);
}

gboolean
liaison_call_list_model_get_loading (LiaisonCallListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_LIST_MODEL (self), FALSE);

  return self->loading;
}

gboolean
liaison_call_list_model_get_complete (LiaisonCallListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_LIST_MODEL (self), FALSE);

  return self->complete;
}

int
liaison_call_list_model_find (LiaisonCallListModel *self,
                              const char           *call_sid)
{
  g_return_val_if_fail (LIAISON_IS_CALL_LIST_MODEL (self), -1);

  if (call_sid == NULL)
    return -1;

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (liaison_call_get_sid (g_ptr_array_index (self->items, i)), call_sid) == 0)
      return (int) i;

  return -1;
}

static void
update_call (LiaisonCallListModel *self,
             LiaisonCall          *call)
{
  int position = liaison_call_list_model_find (self, liaison_call_get_sid (call));
  guint insert_at;

  if (position >= 0)
    {
      g_ptr_array_remove_index (self->items, position);
      if (!passes_filter (self, call))
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
          return;
        }
      g_ptr_array_insert (self->items, position, g_object_ref (call));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      return;
    }

  if (!passes_filter (self, call))
    return;

  /* Older than everything loaded and more to page: paging brings it. */
  for (insert_at = 0; insert_at < self->items->len; insert_at++)
    if (compare_calls (call, g_ptr_array_index (self->items, insert_at)) < 0)
      break;
  if (insert_at == self->items->len && !self->complete)
    return;

  g_ptr_array_insert (self->items, insert_at, g_object_ref (call));
  g_list_model_items_changed (G_LIST_MODEL (self), insert_at, 0, 1);
}

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaisonCallListModel) self = user_data;
  g_autoptr(LiaisonStoreCallDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  details = liaison_store_get_call_finish (LIAISON_STORE (object), result, &error);
  if (details == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read a call: %s", error->message);
      return;
    }

  if (self->store != LIAISON_STORE (object))
    return;

  update_call (self, details->call);
}

void
liaison_call_list_model_refresh_call (LiaisonCallListModel *self,
                                      const char           *call_sid)
{
  g_return_if_fail (LIAISON_IS_CALL_LIST_MODEL (self));
  g_return_if_fail (call_sid != NULL);

  if (self->store == NULL)
    return;

  liaison_store_get_call_async (self->store, call_sid, self->cancellable,
                                call_read_cb, g_object_ref (self));

  /* What changed on a leg (its recording, say) shows on the listed call
   * under it too. */
  for (guint i = 0; i < self->items->len; i++)
    {
      LiaisonCall *call = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (liaison_call_get_parent_sid (call), call_sid) == 0)
        liaison_store_get_call_async (self->store, liaison_call_get_sid (call), self->cancellable,
                                      call_read_cb, g_object_ref (self));
    }
}
