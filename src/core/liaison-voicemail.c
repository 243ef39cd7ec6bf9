/* liaison-voicemail.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-voicemail"

#include "config.h"

#include "liaison-voicemail.h"
#include "liaison-voicemail-private.h"

struct _LiaisonVoicemail
{
  GObject   parent_instance;

  gint64    id;
  char     *call_sid;
  char     *recording_sid;
  char     *from;
  char     *to;
  gint64    contact_id;
  char     *contact_name;
  gint64    created_at;
  int       duration_s;
  char     *transcript_preview;
  gboolean  is_heard;
  gint64    handled_at;
};

G_DEFINE_FINAL_TYPE (LiaisonVoicemail, liaison_voicemail, G_TYPE_OBJECT)

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

/* The start of the transcript, cut at a word near PREVIEW_CHARS characters. */
#define PREVIEW_CHARS 160

static char *
preview_dup (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autofree char *cut = NULL;
  const char *end;
  const char *space;

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return NULL;
  if (g_utf8_strlen (text, -1) <= PREVIEW_CHARS)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, PREVIEW_CHARS);
  space = g_utf8_strrchr (text, end - text, ' ');
  if (space != NULL && space > text)
    end = space;
  cut = g_strndup (text, end - text);
  return g_strconcat (cut, "…", NULL);
}

static void
liaison_voicemail_finalize (GObject *object)
{
  LiaisonVoicemail *self = (LiaisonVoicemail *) object;

  g_free (self->call_sid);
  g_free (self->recording_sid);
  g_free (self->from);
  g_free (self->to);
  g_free (self->contact_name);
  g_free (self->transcript_preview);

  G_OBJECT_CLASS (liaison_voicemail_parent_class)->finalize (object);
}

static void
liaison_voicemail_class_init (LiaisonVoicemailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_voicemail_finalize;
}

static void
liaison_voicemail_init (LiaisonVoicemail *self)
{
}

LiaisonVoicemail *
_liaison_voicemail_new_from_stmt (sqlite3_stmt *stmt,
                                  int           first_column)
{
  LiaisonVoicemail *self = g_object_new (LIAISON_TYPE_VOICEMAIL, NULL);

  self->id = sqlite3_column_int64 (stmt, first_column + 0);
  self->call_sid = column_dup (stmt, first_column + 1);
  self->recording_sid = column_dup (stmt, first_column + 2);
  self->from = column_dup (stmt, first_column + 3);
  self->to = column_dup (stmt, first_column + 4);
  self->contact_id = sqlite3_column_int64 (stmt, first_column + 5);
  self->contact_name = column_dup (stmt, first_column + 6);
  self->created_at = sqlite3_column_int64 (stmt, first_column + 7);
  self->duration_s = sqlite3_column_type (stmt, first_column + 8) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, first_column + 8);
  self->transcript_preview = preview_dup (stmt, first_column + 9);
  self->is_heard = sqlite3_column_int (stmt, first_column + 10) != 0;
  self->handled_at = sqlite3_column_int64 (stmt, first_column + 11);

  return self;
}

gint64
liaison_voicemail_get_id (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), 0);

  return self->id;
}

const char *
liaison_voicemail_get_call_sid (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), NULL);

  return self->call_sid;
}

const char *
liaison_voicemail_get_recording_sid (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), NULL);

  return self->recording_sid;
}

const char *
liaison_voicemail_get_from (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), NULL);

  return self->from;
}

const char *
liaison_voicemail_get_to (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), NULL);

  return self->to;
}

gint64
liaison_voicemail_get_contact_id (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), 0);

  return self->contact_id;
}

const char *
liaison_voicemail_get_contact_name (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), NULL);

  return self->contact_name;
}

gint64
liaison_voicemail_get_created_at (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), 0);

  return self->created_at;
}

int
liaison_voicemail_get_duration_s (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), 0);

  return self->duration_s;
}

const char *
liaison_voicemail_get_transcript_preview (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), NULL);

  return self->transcript_preview;
}

gboolean
liaison_voicemail_get_is_heard (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), FALSE);

  return self->is_heard;
}

gint64
liaison_voicemail_get_handled_at (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), 0);

  return self->handled_at;
}

gboolean
liaison_voicemail_is_handled (LiaisonVoicemail *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL (self), FALSE);

  return self->handled_at != 0;
}
