/* liaison-contact-list-model.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-list-model"

#include "config.h"

#include "liaison-contact-list-model.h"

/* The first page fills a window; it is what a search waits for, and each row
 * costs its widgets. The next pages come as the list scrolls. */
#define FIRST_PAGE_SIZE 20
#define PAGE_SIZE       50

struct _LiaisonContactListModel
{
  GObject        parent_instance;

  LiaisonStore  *store;
  GPtrArray     *items;
  GCancellable  *cancellable;

  char          *query;
  char          *stage;
  char          *kind;
  char          *tag;
  char          *owner;
  LiaisonContactSort sort;

  guint          loading : 1;
  guint          loaded : 1;
  guint          complete : 1;
  /* The items shown are of the previous filter, replaced by the first page. */
  guint          replacing : 1;
  guint          requested;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
list_model_get_item_type (GListModel *model)
{
  return LIAISON_TYPE_CONTACT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return LIAISON_CONTACT_LIST_MODEL (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  LiaisonContactListModel *self = LIAISON_CONTACT_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonContactListModel, liaison_contact_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
set_flag (LiaisonContactListModel *self,
          int                      prop,
          gboolean                 value)
{
  gboolean old;

  switch (prop)
    {
    case PROP_LOADING:
      old = self->loading;
      self->loading = !!value;
      break;
    case PROP_LOADED:
      old = self->loaded;
      self->loaded = !!value;
      break;
    case PROP_COMPLETE:
    default:
      old = self->complete;
      self->complete = !!value;
      break;
    }

  if (old != !!value)
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LiaisonContactListModel) self = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  guint position;
  guint removed;

  page = liaison_store_list_contacts_finish (LIAISON_STORE (object), result, &error);
  if (page == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (page == NULL)
    {
      g_warning ("Could not list contacts: %s", error->message);
      /* Never leave the previous filter's contacts as if they matched. */
      if (self->replacing)
        {
          removed = self->items->len;
          g_ptr_array_set_size (self->items, 0);
          self->replacing = FALSE;
          if (removed > 0)
            g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
        }
      set_flag (self, PROP_COMPLETE, TRUE);
      set_flag (self, PROP_LOADED, TRUE);
      set_flag (self, PROP_LOADING, FALSE);
      return;
    }

  /* A new filter's first page takes the place of what was shown in one
   * change: the list keeps its rows and binds them to the new contacts
   * instead of tearing them down and building new ones. */
  removed = 0;
  if (self->replacing)
    {
      removed = self->items->len;
      g_ptr_array_set_size (self->items, 0);
      self->replacing = FALSE;
    }

  position = self->items->len;
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (page, i)));

  if (page->len < self->requested)
    set_flag (self, PROP_COMPLETE, TRUE);

  set_flag (self, PROP_LOADING, FALSE);
  if (removed > 0 || page->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, page->len);
  set_flag (self, PROP_LOADED, TRUE);
}

static void
load_page (LiaisonContactListModel *self)
{
  LiaisonStoreContactFilter filter = {
    self->query, self->stage, self->kind, self->tag, self->owner, self->sort
  };
  LiaisonContact *after = NULL;

  if (self->store == NULL || self->loading || self->complete)
    return;

  if (self->items->len > 0 && !self->replacing)
    after = g_ptr_array_index (self->items, self->items->len - 1);

  self->cancellable = g_cancellable_new ();
  set_flag (self, PROP_LOADING, TRUE);
  self->requested = after == NULL ? FIRST_PAGE_SIZE : PAGE_SIZE;
  liaison_store_list_contacts_async (self->store, &filter, after, self->requested, self->cancellable,
                                     list_cb, g_object_ref (self));
}

static void
liaison_contact_list_model_dispose (GObject *object)
{
  LiaisonContactListModel *self = LIAISON_CONTACT_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_contact_list_model_parent_class)->dispose (object);
}

static void
liaison_contact_list_model_finalize (GObject *object)
{
  LiaisonContactListModel *self = LIAISON_CONTACT_LIST_MODEL (object);

  g_ptr_array_unref (self->items);
  g_free (self->query);
  g_free (self->stage);
  g_free (self->kind);
  g_free (self->tag);
  g_free (self->owner);

  G_OBJECT_CLASS (liaison_contact_list_model_parent_class)->finalize (object);
}

static void
liaison_contact_list_model_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LiaisonContactListModel *self = LIAISON_CONTACT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_list_model_class_init (LiaisonContactListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = liaison_contact_list_model_dispose;
  object_class->finalize = liaison_contact_list_model_finalize;
  object_class->get_property = liaison_contact_list_model_get_property;

  properties [PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties [PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties [PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_contact_list_model_init (LiaisonContactListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

LiaisonContactListModel *
liaison_contact_list_model_new (void)
{
  return g_object_new (LIAISON_TYPE_CONTACT_LIST_MODEL, NULL);
}

void
liaison_contact_list_model_set_store (LiaisonContactListModel *self,
                                      LiaisonStore            *store)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self));
  g_return_if_fail (!store || LIAISON_IS_STORE (store));

  if (g_set_object (&self->store, store))
    liaison_contact_list_model_reload (self);
}

static char *
dup_set (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
liaison_contact_list_model_set_filter (LiaisonContactListModel         *self,
                                       const LiaisonStoreContactFilter *filter)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  g_free (self->query);
  g_free (self->stage);
  g_free (self->kind);
  g_free (self->tag);
  g_free (self->owner);
  self->query = dup_set (filter->query);
  self->stage = dup_set (filter->pipeline_stage);
  self->kind = dup_set (filter->kind);
  self->tag = dup_set (filter->tag);
  self->owner = dup_set (filter->owner);
  self->sort = filter->sort;

  liaison_contact_list_model_reload (self);
}

void
liaison_contact_list_model_reload (LiaisonContactListModel *self)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* What is shown stays until the new first page replaces it. */
  self->replacing = self->items->len > 0;
  self->loading = FALSE;
  set_flag (self, PROP_COMPLETE, FALSE);
  set_flag (self, PROP_LOADED, FALSE);

  load_page (self);
}

void
liaison_contact_list_model_load_more (LiaisonContactListModel *self)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self));

  load_page (self);
}

gboolean
liaison_contact_list_model_get_loading (LiaisonContactListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self), FALSE);
  return self->loading;
}

gboolean
liaison_contact_list_model_get_loaded (LiaisonContactListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self), FALSE);
  return self->loaded;
}

gboolean
liaison_contact_list_model_get_complete (LiaisonContactListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self), FALSE);
  return self->complete;
}

gboolean
liaison_contact_list_model_get_filtered (LiaisonContactListModel *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self), FALSE);
  return self->query != NULL || self->stage != NULL || self->kind != NULL ||
         self->tag != NULL || self->owner != NULL;
}

int
liaison_contact_list_model_find (LiaisonContactListModel *self,
                                 gint64                   id)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (liaison_contact_get_id (g_ptr_array_index (self->items, i)) == id)
      return (int) i;

  return -1;
}
