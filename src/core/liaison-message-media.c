/* liaison-message-media.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-message-media"

#include "config.h"

#include "liaison-message-media.h"
#include "liaison-message-media-private.h"

struct _LiaisonMessageMedia
{
  GObject  parent_instance;

  gint64   id;
  gint64   message_id;
  char    *sid;
  char    *content_type;
  char    *url;
  char    *local_path;
  gint64   size;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_MESSAGE_ID,
  PROP_SID,
  PROP_CONTENT_TYPE,
  PROP_URL,
  PROP_LOCAL_PATH,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonMessageMedia, liaison_message_media, G_TYPE_OBJECT)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
liaison_message_media_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonMessageMedia *self = LIAISON_MESSAGE_MEDIA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_MESSAGE_ID:
      g_value_set_int64 (value, self->message_id);
      break;

    case PROP_SID:
      g_value_set_string (value, self->sid);
      break;

    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_LOCAL_PATH:
      g_value_set_string (value, self->local_path);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_message_media_finalize (GObject *object)
{
  LiaisonMessageMedia *self = LIAISON_MESSAGE_MEDIA (object);

  g_clear_pointer (&self->sid, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->local_path, g_free);

  G_OBJECT_CLASS (liaison_message_media_parent_class)->finalize (object);
}

static void
liaison_message_media_class_init (LiaisonMessageMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = liaison_message_media_get_property;
  object_class->finalize = liaison_message_media_finalize;

  properties [PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_MESSAGE_ID] = g_param_spec_int64 ("message-id", NULL, NULL,
                                                     0, G_MAXINT64, 0, flags);
  properties [PROP_SID] = g_param_spec_string ("sid", NULL, NULL, NULL, flags);
  properties [PROP_CONTENT_TYPE] = g_param_spec_string ("content-type", NULL, NULL, NULL, flags);
  properties [PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties [PROP_LOCAL_PATH] = g_param_spec_string ("local-path", NULL, NULL, NULL, flags);
  properties [PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_message_media_init (LiaisonMessageMedia *self)
{
  self->size = -1;
}

LiaisonMessageMedia *
_liaison_message_media_new_from_stmt (sqlite3_stmt *stmt,
                                      int           first_column)
{
  LiaisonMessageMedia *self = g_object_new (LIAISON_TYPE_MESSAGE_MEDIA, NULL);
  int c = first_column;

  self->id = sqlite3_column_int64 (stmt, c++);
  self->message_id = sqlite3_column_int64 (stmt, c++);
  self->sid = column_dup (stmt, c++);
  self->content_type = column_dup (stmt, c++);
  self->url = column_dup (stmt, c++);
  self->local_path = column_dup (stmt, c++);
  if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
    self->size = -1;
  else
    self->size = sqlite3_column_int64 (stmt, c);
  c++;

  g_assert (c - first_column == LIAISON_MESSAGE_MEDIA_N_COLUMNS);

  if (self->content_type == NULL)
    self->content_type = g_strdup ("application/octet-stream");

  return self;
}

gint64
liaison_message_media_get_id (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), 0);

  return self->id;
}

gint64
liaison_message_media_get_message_id (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), 0);

  return self->message_id;
}

const char *
liaison_message_media_get_sid (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), NULL);

  return self->sid;
}

const char *
liaison_message_media_get_content_type (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), NULL);

  return self->content_type;
}

const char *
liaison_message_media_get_url (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), NULL);

  return self->url;
}

const char *
liaison_message_media_get_local_path (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), NULL);

  return self->local_path;
}

gint64
liaison_message_media_get_size (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), -1);

  return self->size;
}

gboolean
liaison_message_media_is_image (LiaisonMessageMedia *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_MEDIA (self), FALSE);

  return g_str_has_prefix (self->content_type, "image/");
}
