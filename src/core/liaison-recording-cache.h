/* liaison-recording-cache.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-twilio-client.h"

G_BEGIN_DECLS

/* Call recordings, downloaded on demand into a private cache folder (0700,
 * files 0600): by default g_get_user_cache_dir()/liaison/recordings. A file
 * is "<RecordingSid>.wav" or ".mp3"; while it downloads it is
 * "<RecordingSid>.<ext>.part", which a later fetch continues with an HTTP
 * Range request (liaison_twilio_client_download_recording_async()), so a
 * cancelled or failed download is retried by fetching again. A recording
 * already in the cache is returned at once, without any request.
 *
 * The size is checked: the download fails when fewer bytes come than
 * Content-Length (or the Content-Range total) announced, and the file
 * written must have the size downloaded. A .part that Twilio's answer
 * contradicts (resumed at the wrong place, longer than the recording) is
 * deleted, so that the next fetch starts again; a part cut short by the
 * network is kept to resume.
 *
 * Two fetches of the same recording at once share one download (the
 * first fetch's cancellable and progress drive it). */

#define LIAISON_RECORDING_CACHE_ERROR (liaison_recording_cache_error_quark ())

typedef enum {
  /* Not a recording SID (RE + 32 hex digits). */
  LIAISON_RECORDING_CACHE_ERROR_INVALID_SID,
  /* The file written does not have the size downloaded, or is empty. */
  LIAISON_RECORDING_CACHE_ERROR_SIZE_MISMATCH,
  /* The cache folder cannot be made private or written. */
  LIAISON_RECORDING_CACHE_ERROR_FOLDER,
} LiaisonRecordingCacheError;

GQuark liaison_recording_cache_error_quark (void);

/* @fraction: 0 to 1 of the file, or -1 when the size is not known yet.
 * Called on the thread-default main context of the fetch. */
typedef void (*LiaisonRecordingProgressFunc) (double   fraction,
                                              gpointer user_data);

#define LIAISON_TYPE_RECORDING_CACHE (liaison_recording_cache_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRecordingCache, liaison_recording_cache, LIAISON, RECORDING_CACHE, GObject)

/* @directory: NULL for the default folder. It is made (0700) on the first
 * fetch. */
LiaisonRecordingCache *liaison_recording_cache_new           (LiaisonTwilioClient           *client,
                                                              const char                    *directory);
const char            *liaison_recording_cache_get_directory (LiaisonRecordingCache         *self);

/* The path of the cached file, or NULL when it is not (completely) there. */
char                  *liaison_recording_cache_lookup        (LiaisonRecordingCache         *self,
                                                              const char                    *recording_sid,
                                                              LiaisonTwilioRecordingFormat   format);

/* Returns the local path of the recording, downloading it first if needed.
 * @progress may be NULL. Errors: LIAISON_RECORDING_CACHE_ERROR,
 * LIAISON_TWILIO_ERROR (404 is LIAISON_TWILIO_ERROR_API or _HTTP),
 * G_IO_ERROR_CANCELLED. */
void                   liaison_recording_cache_fetch_async   (LiaisonRecordingCache         *self,
                                                              const char                    *recording_sid,
                                                              LiaisonTwilioRecordingFormat   format,
                                                              LiaisonRecordingProgressFunc   progress,
                                                              gpointer                       progress_data,
                                                              GDestroyNotify                 progress_destroy,
                                                              GCancellable                  *cancellable,
                                                              GAsyncReadyCallback            callback,
                                                              gpointer                       user_data);
char                  *liaison_recording_cache_fetch_finish  (LiaisonRecordingCache         *self,
                                                              GAsyncResult                  *result,
                                                              GError                       **error);

/* Deletes the cached file and any partial download of @recording_sid (both
 * formats). TRUE when nothing is left. */
gboolean               liaison_recording_cache_remove        (LiaisonRecordingCache         *self,
                                                              const char                    *recording_sid,
                                                              GError                       **error);

G_END_DECLS
