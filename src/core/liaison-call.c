/* liaison-call.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call"

#include "config.h"

#include "liaison-call.h"
#include "liaison-call-private.h"

struct _LiaisonCall
{
  GObject   parent_instance;

  gint64    id;
  char     *sid;
  char     *parent_sid;
  char     *direction;
  char     *from;
  char     *to;
  char     *remote_number;
  char     *our_number;
  gint64    contact_id;
  char     *contact_name;
  gint64    thread_id;
  char     *status;
  gint64    started_at;
  gint64    answered_at;
  gint64    ended_at;
  int       duration_s;
  char     *answered_by;
  int       error_code;
  char     *error_message;
  gboolean  is_missed;
  gboolean  call_legal_hold;
  char     *recording_sid;
  gboolean  has_voicemail;
  gboolean  contact_legal_hold;
  gboolean  is_leg;
};

G_DEFINE_FINAL_TYPE (LiaisonCall, liaison_call, G_TYPE_OBJECT)

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
liaison_call_finalize (GObject *object)
{
  LiaisonCall *self = (LiaisonCall *) object;

  g_free (self->sid);
  g_free (self->parent_sid);
  g_free (self->direction);
  g_free (self->from);
  g_free (self->to);
  g_free (self->remote_number);
  g_free (self->our_number);
  g_free (self->contact_name);
  g_free (self->status);
  g_free (self->answered_by);
  g_free (self->error_message);
  g_free (self->recording_sid);

  G_OBJECT_CLASS (liaison_call_parent_class)->finalize (object);
}

static void
liaison_call_class_init (LiaisonCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_call_finalize;
}

static void
liaison_call_init (LiaisonCall *self)
{
}

LiaisonCall *
_liaison_call_new_from_stmt (sqlite3_stmt *stmt,
                             int           first_column)
{
  LiaisonCall *self = g_object_new (LIAISON_TYPE_CALL, NULL);

  self->id = sqlite3_column_int64 (stmt, first_column + 0);
  self->sid = column_dup (stmt, first_column + 1);
  self->parent_sid = column_dup (stmt, first_column + 2);
  self->direction = column_dup (stmt, first_column + 3);
  self->from = column_dup (stmt, first_column + 4);
  self->to = column_dup (stmt, first_column + 5);
  self->remote_number = column_dup (stmt, first_column + 6);
  self->our_number = column_dup (stmt, first_column + 7);
  self->contact_id = sqlite3_column_int64 (stmt, first_column + 8);
  self->contact_name = column_dup (stmt, first_column + 9);
  self->thread_id = sqlite3_column_int64 (stmt, first_column + 10);
  self->status = column_dup (stmt, first_column + 11);
  self->started_at = sqlite3_column_int64 (stmt, first_column + 12);
  self->answered_at = sqlite3_column_int64 (stmt, first_column + 13);
  self->ended_at = sqlite3_column_int64 (stmt, first_column + 14);
  self->duration_s = sqlite3_column_type (stmt, first_column + 15) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, first_column + 15);
  self->answered_by = column_dup (stmt, first_column + 16);
  self->error_code = sqlite3_column_int (stmt, first_column + 17);
  self->error_message = column_dup (stmt, first_column + 18);
  self->is_missed = sqlite3_column_int (stmt, first_column + 19) != 0;
  self->call_legal_hold = sqlite3_column_int (stmt, first_column + 20) != 0;
  self->recording_sid = column_dup (stmt, first_column + 21);
  self->has_voicemail = sqlite3_column_int (stmt, first_column + 22) != 0;
  self->contact_legal_hold = sqlite3_column_int (stmt, first_column + 23) != 0;
  self->is_leg = sqlite3_column_int (stmt, first_column + 24) != 0;

  return self;
}

gint64
liaison_call_get_id (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->id;
}

const char *
liaison_call_get_sid (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->sid;
}

const char *
liaison_call_get_parent_sid (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->parent_sid;
}

const char *
liaison_call_get_direction (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->direction;
}

const char *
liaison_call_get_from (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->from;
}

const char *
liaison_call_get_to (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->to;
}

const char *
liaison_call_get_remote_number (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->remote_number;
}

const char *
liaison_call_get_our_number (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->our_number;
}

gint64
liaison_call_get_contact_id (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->contact_id;
}

const char *
liaison_call_get_contact_name (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->contact_name;
}

gint64
liaison_call_get_thread_id (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->thread_id;
}

const char *
liaison_call_get_status (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->status;
}

gint64
liaison_call_get_started_at (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->started_at;
}

gint64
liaison_call_get_answered_at (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->answered_at;
}

gint64
liaison_call_get_ended_at (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->ended_at;
}

int
liaison_call_get_duration_s (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->duration_s;
}

const char *
liaison_call_get_answered_by (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->answered_by;
}

int
liaison_call_get_error_code (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), 0);

  return self->error_code;
}

const char *
liaison_call_get_error_message (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->error_message;
}

gboolean
liaison_call_get_is_missed (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);

  return self->is_missed;
}

gboolean
liaison_call_get_call_legal_hold (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);

  return self->call_legal_hold;
}

const char *
liaison_call_get_recording_sid (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), NULL);

  return self->recording_sid;
}

gboolean
liaison_call_get_has_voicemail (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);

  return self->has_voicemail;
}

gboolean
liaison_call_get_contact_legal_hold (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);

  return self->contact_legal_hold;
}

gboolean
liaison_call_has_recording (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);

  return self->recording_sid != NULL;
}

gboolean
liaison_call_is_on_legal_hold (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);

  return self->call_legal_hold || self->contact_legal_hold;
}

gboolean
liaison_call_get_is_leg (LiaisonCall *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL (self), FALSE);
  return self->is_leg;
}
