/* liaison-thread.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-thread"

#include "config.h"

#include "liaison-thread.h"
#include "liaison-thread-private.h"

struct _LiaisonThread
{
  GObject   parent_instance;

  gint64    id;
  char     *our_number;
  char     *remote_number;
  gint64    contact_id;
  char     *contact_name;
  gint64    last_time;
  gint64    last_message_id;
  char     *last_message_preview;
  char     *last_direction;
  char     *last_status;
  guint     unread_count;
  gboolean  archived;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_OUR_NUMBER,
  PROP_REMOTE_NUMBER,
  PROP_CONTACT_ID,
  PROP_CONTACT_NAME,
  PROP_LAST_TIME,
  PROP_LAST_MESSAGE_ID,
  PROP_LAST_MESSAGE_PREVIEW,
  PROP_LAST_DIRECTION,
  PROP_LAST_STATUS,
  PROP_UNREAD_COUNT,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonThread, liaison_thread, G_TYPE_OBJECT)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static guint
column_uint (sqlite3_stmt *stmt,
             int           column)
{
  int value = sqlite3_column_int (stmt, column);

  return value > 0 ? (guint) value : 0;
}

static void
liaison_thread_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonThread *self = LIAISON_THREAD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_OUR_NUMBER:
      g_value_set_string (value, self->our_number);
      break;

    case PROP_REMOTE_NUMBER:
      g_value_set_string (value, self->remote_number);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;

    case PROP_LAST_TIME:
      g_value_set_int64 (value, self->last_time);
      break;

    case PROP_LAST_MESSAGE_ID:
      g_value_set_int64 (value, self->last_message_id);
      break;

    case PROP_LAST_MESSAGE_PREVIEW:
      g_value_set_string (value, self->last_message_preview);
      break;

    case PROP_LAST_DIRECTION:
      g_value_set_string (value, self->last_direction);
      break;

    case PROP_LAST_STATUS:
      g_value_set_string (value, self->last_status);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_thread_finalize (GObject *object)
{
  LiaisonThread *self = LIAISON_THREAD (object);

  g_free (self->our_number);
  g_free (self->remote_number);
  g_free (self->contact_name);
  g_free (self->last_message_preview);
  g_free (self->last_direction);
  g_free (self->last_status);

  G_OBJECT_CLASS (liaison_thread_parent_class)->finalize (object);
}

static void
liaison_thread_class_init (LiaisonThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_thread_get_property;
  object_class->finalize = liaison_thread_finalize;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_OUR_NUMBER] =
    g_param_spec_string ("our-number", NULL, NULL, NULL, flags);
  properties [PROP_REMOTE_NUMBER] =
    g_param_spec_string ("remote-number", NULL, NULL, NULL, flags);
  properties [PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL, NULL, flags);
  properties [PROP_LAST_TIME] =
    g_param_spec_int64 ("last-time", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_LAST_MESSAGE_ID] =
    g_param_spec_int64 ("last-message-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_LAST_MESSAGE_PREVIEW] =
    g_param_spec_string ("last-message-preview", NULL, NULL, NULL, flags);
  properties [PROP_LAST_DIRECTION] =
    g_param_spec_string ("last-direction", NULL, NULL, NULL, flags);
  properties [PROP_LAST_STATUS] =
    g_param_spec_string ("last-status", NULL, NULL, NULL, flags);
  properties [PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_thread_init (LiaisonThread *self)
{
}

LiaisonThread *
_liaison_thread_new_from_stmt (sqlite3_stmt *stmt,
                               int           first_column)
{
  LiaisonThread *self;
  int c = first_column;

  g_return_val_if_fail (stmt != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_THREAD, NULL);
  self->id = sqlite3_column_int64 (stmt, c++);
  self->our_number = column_dup (stmt, c++);
  self->remote_number = column_dup (stmt, c++);
  self->contact_id = sqlite3_column_int64 (stmt, c++);
  self->contact_name = column_dup (stmt, c++);
  self->last_time = sqlite3_column_int64 (stmt, c++);
  self->last_message_id = sqlite3_column_int64 (stmt, c++);
  self->last_message_preview = column_dup (stmt, c++);
  self->last_direction = column_dup (stmt, c++);
  self->last_status = column_dup (stmt, c++);
  self->unread_count = column_uint (stmt, c++);
  self->archived = sqlite3_column_int (stmt, c++) != 0;

  g_assert (c - first_column == LIAISON_THREAD_N_COLUMNS);

  return self;
}

gint64
liaison_thread_get_id (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), 0);
  return self->id;
}

const char *
liaison_thread_get_our_number (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), NULL);
  return self->our_number;
}

const char *
liaison_thread_get_remote_number (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), NULL);
  return self->remote_number;
}

gint64
liaison_thread_get_contact_id (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), 0);
  return self->contact_id;
}

const char *
liaison_thread_get_contact_name (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), NULL);
  return self->contact_name;
}

gint64
liaison_thread_get_last_time (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), 0);
  return self->last_time;
}

gint64
liaison_thread_get_last_message_id (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), 0);
  return self->last_message_id;
}

const char *
liaison_thread_get_last_message_preview (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), NULL);
  return self->last_message_preview;
}

const char *
liaison_thread_get_last_direction (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), NULL);
  return self->last_direction;
}

const char *
liaison_thread_get_last_status (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), NULL);
  return self->last_status;
}

guint
liaison_thread_get_unread_count (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), 0);
  return self->unread_count;
}

gboolean
liaison_thread_get_archived (LiaisonThread *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD (self), FALSE);
  return self->archived;
}
