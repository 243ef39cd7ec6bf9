/* liaison-twilio-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-page"

#include "config.h"

#include "liaison-twilio-page.h"
#include "liaison-twilio-page-private.h"

struct _LiaisonTwilioPage
{
  GObject                  parent_instance;

  LiaisonTwilioClient     *client;
  LiaisonTwilioProduct     product;
  char                    *item_key;
  LiaisonTwilioItemParser  parser;
  GPtrArray               *items;
  char                    *next_url;
};

G_DEFINE_FINAL_TYPE (LiaisonTwilioPage, liaison_twilio_page, G_TYPE_OBJECT)

static void
liaison_twilio_page_dispose (GObject *object)
{
  LiaisonTwilioPage *self = LIAISON_TWILIO_PAGE (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_twilio_page_parent_class)->dispose (object);
}

static void
liaison_twilio_page_finalize (GObject *object)
{
  LiaisonTwilioPage *self = LIAISON_TWILIO_PAGE (object);

  g_clear_pointer (&self->item_key, g_free);
  g_clear_pointer (&self->next_url, g_free);

  G_OBJECT_CLASS (liaison_twilio_page_parent_class)->finalize (object);
}

static void
liaison_twilio_page_class_init (LiaisonTwilioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_twilio_page_dispose;
  object_class->finalize = liaison_twilio_page_finalize;
}

static void
liaison_twilio_page_init (LiaisonTwilioPage *self)
{
}

LiaisonTwilioPage *
_liaison_twilio_page_new (LiaisonTwilioClient     *client,
                          LiaisonTwilioProduct     product,
                          const char              *item_key,
                          LiaisonTwilioItemParser  parser,
                          GPtrArray               *items,
                          const char              *next_url)
{
  LiaisonTwilioPage *self = g_object_new (LIAISON_TYPE_TWILIO_PAGE, NULL);

  self->client = g_object_ref (client);
  self->product = product;
  self->item_key = g_strdup (item_key);
  self->parser = parser;
  self->items = g_ptr_array_ref (items);
  self->next_url = g_strdup (next_url);
  return self;
}

GPtrArray *
liaison_twilio_page_get_items (LiaisonTwilioPage *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_PAGE (self), NULL);

  return self->items;
}

gboolean
liaison_twilio_page_has_next (LiaisonTwilioPage *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_PAGE (self), FALSE);

  return self->next_url != NULL;
}

const char *
liaison_twilio_page_get_next_url (LiaisonTwilioPage *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_PAGE (self), NULL);

  return self->next_url;
}

static void
next_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  LiaisonTwilioPage *page;

  page = _liaison_twilio_client_fetch_page_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, g_object_unref);
}

void
liaison_twilio_page_next_async (LiaisonTwilioPage   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_PAGE (self));
  g_return_if_fail (self->next_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_page_next_async);
  _liaison_twilio_client_fetch_page_async (self->client, self->product, self->next_url, self->item_key,
                                           self->parser, cancellable, next_cb, g_steal_pointer (&task));
}

LiaisonTwilioPage *
liaison_twilio_page_next_finish (LiaisonTwilioPage  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_page_next_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
