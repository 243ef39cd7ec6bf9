/* liaison-recording-cache.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-recording-cache"

#include "config.h"

#include "liaison-recording-cache.h"
#include "liaison-log.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>

struct _LiaisonRecordingCache
{
  GObject              parent_instance;

  LiaisonTwilioClient *client;
  char                *directory;
  GHashTable          *downloads;   /* path → GPtrArray of GTask (the first one drives it) */
};

G_DEFINE_FINAL_TYPE (LiaisonRecordingCache, liaison_recording_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-recording-cache-error-quark, liaison_recording_cache_error)

typedef struct {
  LiaisonRecordingProgressFunc progress;
  gpointer                     progress_data;
  GDestroyNotify               progress_destroy;
  char                        *path;
  char                        *part;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  if (fetch->progress_destroy != NULL)
    fetch->progress_destroy (fetch->progress_data);
  g_free (fetch->path);
  g_free (fetch->part);
  g_free (fetch);
}

static gboolean
valid_sid (const char *sid)
{
  if (sid == NULL || strlen (sid) != 34 || sid[0] != 'R' || sid[1] != 'E')
    return FALSE;
  for (gsize i = 2; i < 34; i++)
    if (!g_ascii_isxdigit (sid[i]))
      return FALSE;
  return TRUE;
}

static const char *
extension_for (LiaisonTwilioRecordingFormat format)
{
  return format == LIAISON_TWILIO_RECORDING_FORMAT_MP3 ? ".mp3" : ".wav";
}

static char *
path_for (LiaisonRecordingCache        *self,
          const char                   *sid,
          LiaisonTwilioRecordingFormat  format)
{
  g_autofree char *name = g_strconcat (sid, extension_for (format), NULL);

  return g_build_filename (self->directory, name, NULL);
}

/* Makes the folder, and makes it private if it was not. */
static gboolean
ensure_directory (LiaisonRecordingCache  *self,
                  GError                **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (self->directory, 0700) != 0
      || g_stat (self->directory, &st) != 0
      || ((st.st_mode & 0777) != 0700 && g_chmod (self->directory, 0700) != 0))
    {
      int saved = errno;

      /* Translators: the first %s is a folder, the second why it failed. */
      g_set_error (error, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_FOLDER,
                   _("The recordings folder “%s” cannot be used: %s"), self->directory, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The .part file exists and is private before any byte goes in. */
static gboolean
prepare_part (const char  *part,
              GError     **error)
{
  int fd = g_open (part, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0 || g_chmod (part, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_FOLDER,
                   _("The recording cannot be saved: %s"), g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return -1;
  return st.st_size;
}

char *
liaison_recording_cache_lookup (LiaisonRecordingCache        *self,
                                const char                   *recording_sid,
                                LiaisonTwilioRecordingFormat  format)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (LIAISON_IS_RECORDING_CACHE (self), NULL);

  if (!valid_sid (recording_sid))
    return NULL;
  path = path_for (self, recording_sid, format);
  if (file_size (path) <= 0)
    return NULL;
  return g_steal_pointer (&path);
}

static void
progress_cb (goffset  received,
             goffset  total,
             gpointer user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->progress == NULL)
    return;
  fetch->progress (total > 0 ? CLAMP ((double) received / (double) total, 0.0, 1.0) : -1.0,
                   fetch->progress_data);
}

/* Hands the result to every fetch waiting on @path. */
static void
finish_all (LiaisonRecordingCache *self,
            const char            *path,
            const char            *result,
            const GError          *error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *key = NULL;

  if (!g_hash_table_steal_extended (self->downloads, path, (gpointer *) &key, (gpointer *) &tasks))
    return;
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (result), g_free);
    }
}

static void
download_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonRecordingCache *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (fetch->path);
  goffset size, on_disk;

  size = liaison_twilio_client_download_recording_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (size < 0)
    {
      /* Twilio's answer contradicts the part: start again next time. A
       * part cut short by the network stays, to resume. */
      if (g_error_matches (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE)
          || file_size (fetch->part) == 0)
        g_unlink (fetch->part);
      else
        g_chmod (fetch->part, 0600);
      finish_all (self, path, NULL, error);
      return;
    }

  on_disk = file_size (path);
  if (size == 0 || on_disk != size)
    {
      g_unlink (path);
      g_unlink (fetch->part);
      g_set_error (&error, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_SIZE_MISMATCH,
                   _("The downloaded recording is incomplete; try again."));
      finish_all (self, path, NULL, error);
      return;
    }
  if (g_chmod (path, 0600) != 0)
    {
      int saved = errno;

      g_unlink (path);
      g_set_error (&error, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_FOLDER,
                   _("The recording cannot be saved: %s"), g_strerror (saved));
      finish_all (self, path, NULL, error);
      return;
    }

  finish_all (self, path, path, NULL);
}

void
liaison_recording_cache_fetch_async (LiaisonRecordingCache         *self,
                                     const char                    *recording_sid,
                                     LiaisonTwilioRecordingFormat   format,
                                     LiaisonRecordingProgressFunc   progress,
                                     gpointer                       progress_data,
                                     GDestroyNotify                 progress_destroy,
                                     GCancellable                  *cancellable,
                                     GAsyncReadyCallback            callback,
                                     gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = NULL;
  GPtrArray *waiting;
  Fetch *fetch;

  g_return_if_fail (LIAISON_IS_RECORDING_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_recording_cache_fetch_async);
  fetch = g_new0 (Fetch, 1);
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  fetch->progress_destroy = progress_destroy;
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (!valid_sid (recording_sid))
    {
      g_task_return_new_error (task, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_INVALID_SID,
                               _("This is not a recording of Twilio’s."));
      return;
    }

  fetch->path = path_for (self, recording_sid, format);
  fetch->part = g_strconcat (fetch->path, ".part", NULL);

  /* Already here: no request at all. */
  if (file_size (fetch->path) > 0)
    {
      if (progress != NULL)
        progress (1.0, progress_data);
      g_task_return_pointer (task, g_strdup (fetch->path), g_free);
      return;
    }

  waiting = g_hash_table_lookup (self->downloads, fetch->path);
  if (waiting != NULL)
    {
      g_ptr_array_add (waiting, g_steal_pointer (&task));
      return;
    }

  if (!ensure_directory (self, &error) || !prepare_part (fetch->part, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_object_ref (task));
  g_hash_table_insert (self->downloads, g_strdup (fetch->path), waiting);

  LIAISON_DEBUG_MASKED (recording_sid, "Downloading recording %s");
  destination = g_file_new_for_path (fetch->path);
  liaison_twilio_client_download_recording_async (self->client, recording_sid, format, destination,
                                                  progress_cb, g_object_ref (task), g_object_unref,
                                                  cancellable, download_cb, g_object_ref (task));
}

char *
liaison_recording_cache_fetch_finish (LiaisonRecordingCache  *self,
                                      GAsyncResult           *result,
                                      GError                **error)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
liaison_recording_cache_remove (LiaisonRecordingCache  *self,
                                const char             *recording_sid,
                                GError                **error)
{
  static const LiaisonTwilioRecordingFormat formats[] = {
    LIAISON_TWILIO_RECORDING_FORMAT_WAV, LIAISON_TWILIO_RECORDING_FORMAT_MP3,
  };

  g_return_val_if_fail (LIAISON_IS_RECORDING_CACHE (self), FALSE);

  if (!valid_sid (recording_sid))
    {
      g_set_error_literal (error, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_INVALID_SID,
                           _("This is not a recording of Twilio’s."));
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = path_for (self, recording_sid, formats[i]);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      const char *paths[] = { path, part };

      for (gsize j = 0; j < G_N_ELEMENTS (paths); j++)
        if (g_unlink (paths[j]) != 0 && errno != ENOENT)
          {
            int saved = errno;

            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                         _("The cached recording cannot be deleted: %s"), g_strerror (saved));
            return FALSE;
          }
    }
  return TRUE;
}

const char *
liaison_recording_cache_get_directory (LiaisonRecordingCache *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING_CACHE (self), NULL);

  return self->directory;
}

static void
liaison_recording_cache_finalize (GObject *object)
{
  LiaisonRecordingCache *self = (LiaisonRecordingCache *) object;

  g_clear_object (&self->client);
  g_free (self->directory);
  g_clear_pointer (&self->downloads, g_hash_table_unref);

  G_OBJECT_CLASS (liaison_recording_cache_parent_class)->finalize (object);
}

static void
liaison_recording_cache_class_init (LiaisonRecordingCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_recording_cache_finalize;
}

static void
liaison_recording_cache_init (LiaisonRecordingCache *self)
{
  self->downloads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

LiaisonRecordingCache *
liaison_recording_cache_new (LiaisonTwilioClient *client,
                             const char          *directory)
{
  LiaisonRecordingCache *self;

  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (client), NULL);

  self = g_object_new (LIAISON_TYPE_RECORDING_CACHE, NULL);
  self->client = g_object_ref (client);
  self->directory = directory != NULL ? g_strdup (directory)
                                      : g_build_filename (g_get_user_cache_dir (), "liaison", "recordings", NULL);
  return self;
}
