/* liaison-recording.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-recording"

#include "config.h"

#include "liaison-recording.h"
#include "liaison-recording-private.h"

struct _LiaisonRecording
{
  GObject   parent_instance;

  gint64    id;
  char     *sid;
  char     *call_sid;
  int       duration_s;
  guint     channels;
  char     *status;
  char     *source;
  char     *media_url;
  char     *local_path;
  gint64    size;
  gint64    retain_until;
  gboolean  legal_hold;
  gint64    created_at;
  gint64    deleted_at;
  int       error_code;
};

G_DEFINE_FINAL_TYPE (LiaisonRecording, liaison_recording, G_TYPE_OBJECT)

static G_GNUC_UNUSED char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static G_GNUC_UNUSED guint
column_uint (sqlite3_stmt *stmt,
             int           column)
{
  int value = sqlite3_column_int (stmt, column);

  return value > 0 ? (guint) value : 0;
}

static void
liaison_recording_finalize (GObject *object)
{
  LiaisonRecording *self = (LiaisonRecording *) object;

  g_free (self->sid);
  g_free (self->call_sid);
  g_free (self->status);
  g_free (self->source);
  g_free (self->media_url);
  g_free (self->local_path);

  G_OBJECT_CLASS (liaison_recording_parent_class)->finalize (object);
}

static void
liaison_recording_class_init (LiaisonRecordingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_recording_finalize;
}

static void
liaison_recording_init (LiaisonRecording *self)
{
}

LiaisonRecording *
_liaison_recording_new_from_stmt (sqlite3_stmt *stmt,
                                  int           first_column)
{
  LiaisonRecording *self = g_object_new (LIAISON_TYPE_RECORDING, NULL);

  self->id = sqlite3_column_int64 (stmt, first_column + 0);
  self->sid = column_dup (stmt, first_column + 1);
  self->call_sid = column_dup (stmt, first_column + 2);
  self->duration_s = sqlite3_column_type (stmt, first_column + 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, first_column + 3);
  self->channels = column_uint (stmt, first_column + 4);
  self->status = column_dup (stmt, first_column + 5);
  self->source = column_dup (stmt, first_column + 6);
  self->media_url = column_dup (stmt, first_column + 7);
  self->local_path = column_dup (stmt, first_column + 8);
  self->size = sqlite3_column_type (stmt, first_column + 9) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, first_column + 9);
  self->retain_until = sqlite3_column_int64 (stmt, first_column + 10);
  self->legal_hold = sqlite3_column_int (stmt, first_column + 11) != 0;
  self->created_at = sqlite3_column_int64 (stmt, first_column + 12);
  self->deleted_at = sqlite3_column_int64 (stmt, first_column + 13);
  self->error_code = sqlite3_column_int (stmt, first_column + 14);

  return self;
}

gint64
liaison_recording_get_id (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->id;
}

const char *
liaison_recording_get_sid (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), NULL);

  return self->sid;
}

const char *
liaison_recording_get_call_sid (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), NULL);

  return self->call_sid;
}

int
liaison_recording_get_duration_s (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->duration_s;
}

guint
liaison_recording_get_channels (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->channels;
}

const char *
liaison_recording_get_status (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), NULL);

  return self->status;
}

const char *
liaison_recording_get_source (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), NULL);

  return self->source;
}

const char *
liaison_recording_get_media_url (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), NULL);

  return self->media_url;
}

const char *
liaison_recording_get_local_path (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), NULL);

  return self->local_path;
}

gint64
liaison_recording_get_size (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->size;
}

gint64
liaison_recording_get_retain_until (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->retain_until;
}

gboolean
liaison_recording_get_legal_hold (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), FALSE);

  return self->legal_hold;
}

gint64
liaison_recording_get_created_at (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->created_at;
}

gint64
liaison_recording_get_deleted_at (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->deleted_at;
}

int
liaison_recording_get_error_code (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), 0);

  return self->error_code;
}

gboolean
liaison_recording_is_deleted (LiaisonRecording *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING (self), FALSE);

  return self->deleted_at != 0;
}
