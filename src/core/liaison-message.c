/* liaison-message.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-message"

#include "config.h"

#include "liaison-message.h"
#include "liaison-message-private.h"

struct _LiaisonMessage
{
  GObject   parent_instance;

  gint64    id;
  char     *sid;
  gint64    thread_id;
  char     *direction;
  char     *from;
  char     *to;
  char     *body;
  char     *status;
  int       error_code;
  char     *error_message;
  guint     num_segments;
  guint     num_media;
  gint64    date_created;
  gint64    date_sent;
  gint64    date_updated;
  gint64    date_scheduled;
  gboolean  is_read;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_SID,
  PROP_THREAD_ID,
  PROP_DIRECTION,
  PROP_FROM,
  PROP_TO,
  PROP_BODY,
  PROP_STATUS,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_NUM_SEGMENTS,
  PROP_NUM_MEDIA,
  PROP_DATE_CREATED,
  PROP_DATE_SENT,
  PROP_DATE_UPDATED,
  PROP_IS_READ,
  PROP_DATE_SCHEDULED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonMessage, liaison_message, G_TYPE_OBJECT)

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
liaison_message_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaisonMessage *self = LIAISON_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SID:
      g_value_set_string (value, self->sid);
      break;

    case PROP_THREAD_ID:
      g_value_set_int64 (value, self->thread_id);
      break;

    case PROP_DIRECTION:
      g_value_set_string (value, self->direction);
      break;

    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;

    case PROP_TO:
      g_value_set_string (value, self->to);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_ERROR_CODE:
      g_value_set_int (value, self->error_code);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_NUM_SEGMENTS:
      g_value_set_uint (value, self->num_segments);
      break;

    case PROP_NUM_MEDIA:
      g_value_set_uint (value, self->num_media);
      break;

    case PROP_DATE_CREATED:
      g_value_set_int64 (value, self->date_created);
      break;

    case PROP_DATE_SENT:
      g_value_set_int64 (value, self->date_sent);
      break;

    case PROP_DATE_UPDATED:
      g_value_set_int64 (value, self->date_updated);
      break;

    case PROP_IS_READ:
      g_value_set_boolean (value, self->is_read);
      break;

    case PROP_DATE_SCHEDULED:
      g_value_set_int64 (value, self->date_scheduled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_message_finalize (GObject *object)
{
  LiaisonMessage *self = LIAISON_MESSAGE (object);

  g_free (self->sid);
  g_free (self->direction);
  g_free (self->from);
  g_free (self->to);
  g_free (self->body);
  g_free (self->status);
  g_free (self->error_message);

  G_OBJECT_CLASS (liaison_message_parent_class)->finalize (object);
}

static void
liaison_message_class_init (LiaisonMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_message_get_property;
  object_class->finalize = liaison_message_finalize;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_SID] =
    g_param_spec_string ("sid", NULL, NULL, NULL, flags);
  properties [PROP_THREAD_ID] =
    g_param_spec_int64 ("thread-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_DIRECTION] =
    g_param_spec_string ("direction", NULL, NULL, NULL, flags);
  properties [PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties [PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL, flags);
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_ERROR_CODE] =
    g_param_spec_int ("error-code", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties [PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  properties [PROP_NUM_SEGMENTS] =
    g_param_spec_uint ("num-segments", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_NUM_MEDIA] =
    g_param_spec_uint ("num-media", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_DATE_CREATED] =
    g_param_spec_int64 ("date-created", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_DATE_SENT] =
    g_param_spec_int64 ("date-sent", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_int64 ("date-updated", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_IS_READ] =
    g_param_spec_boolean ("is-read", NULL, NULL, FALSE, flags);
  properties [PROP_DATE_SCHEDULED] =
    g_param_spec_int64 ("date-scheduled", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_message_init (LiaisonMessage *self)
{
}

LiaisonMessage *
_liaison_message_new_from_stmt (sqlite3_stmt *stmt,
                                int           first_column)
{
  LiaisonMessage *self;
  int c = first_column;

  g_return_val_if_fail (stmt != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_MESSAGE, NULL);
  self->id = sqlite3_column_int64 (stmt, c++);
  self->sid = column_dup (stmt, c++);
  self->thread_id = sqlite3_column_int64 (stmt, c++);
  self->direction = column_dup (stmt, c++);
  self->from = column_dup (stmt, c++);
  self->to = column_dup (stmt, c++);
  self->body = column_dup (stmt, c++);
  self->status = column_dup (stmt, c++);
  self->error_code = sqlite3_column_int (stmt, c++);
  self->error_message = column_dup (stmt, c++);
  self->num_segments = column_uint (stmt, c++);
  self->num_media = column_uint (stmt, c++);
  self->date_created = sqlite3_column_int64 (stmt, c++);
  self->date_sent = sqlite3_column_int64 (stmt, c++);
  self->date_updated = sqlite3_column_int64 (stmt, c++);
  self->is_read = sqlite3_column_int (stmt, c++) != 0;

  g_assert (c - first_column == LIAISON_MESSAGE_N_COLUMNS);

  return self;
}

gint64
liaison_message_get_id (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->id;
}

const char *
liaison_message_get_sid (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->sid;
}

gint64
liaison_message_get_thread_id (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->thread_id;
}

const char *
liaison_message_get_direction (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->direction;
}

gboolean
liaison_message_is_inbound (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), FALSE);
  return g_strcmp0 (self->direction, "inbound") == 0;
}

const char *
liaison_message_get_from (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->from;
}

const char *
liaison_message_get_to (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->to;
}

const char *
liaison_message_get_body (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->body;
}

const char *
liaison_message_get_status (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->status;
}

int
liaison_message_get_error_code (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->error_code;
}

const char *
liaison_message_get_error_message (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), NULL);
  return self->error_message;
}

guint
liaison_message_get_num_segments (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->num_segments;
}

guint
liaison_message_get_num_media (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->num_media;
}

gint64
liaison_message_get_date_created (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->date_created;
}

gint64
liaison_message_get_date_sent (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->date_sent;
}

gint64
liaison_message_get_date_updated (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->date_updated;
}

gboolean
liaison_message_get_is_read (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), FALSE);
  return self->is_read;
}

gint64
liaison_message_get_date_scheduled (LiaisonMessage *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE (self), 0);
  return self->date_scheduled;
}

void
_liaison_message_set_date_scheduled (LiaisonMessage *self,
                                     gint64          date_scheduled)
{
  g_return_if_fail (LIAISON_IS_MESSAGE (self));
  self->date_scheduled = date_scheduled;
}
