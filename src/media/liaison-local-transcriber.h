/* liaison-local-transcriber.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIAISON_LOCAL_TRANSCRIBER_ERROR (liaison_local_transcriber_error_quark ())

typedef enum
{
  /* The pocketsphinx GStreamer element or its en-us model is not installed. */
  LIAISON_LOCAL_TRANSCRIBER_ERROR_MISSING_RECOGNIZER,
  /* The file is not audio, or not audio GStreamer can decode. */
  LIAISON_LOCAL_TRANSCRIBER_ERROR_DECODE,
  /* Anything else the pipeline reported. */
  LIAISON_LOCAL_TRANSCRIBER_ERROR_FAILED,
} LiaisonLocalTranscriberError;

GQuark liaison_local_transcriber_error_quark (void);

#define LIAISON_TYPE_LOCAL_TRANSCRIBER (liaison_local_transcriber_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLocalTranscriber, liaison_local_transcriber, LIAISON, LOCAL_TRANSCRIBER, GObject)

/* Called on the thread-default main context of the caller of
 * liaison_local_transcriber_transcribe_async() with the fraction (0.0–1.0)
 * of the recording transcribed so far. */
typedef void (*LiaisonTranscribeProgressFunc) (double   fraction,
                                               gpointer user_data);

/* On-device transcription of a recording with CMU PocketSphinx (the
 * GStreamer "pocketsphinx" element and its en-us model): the audio never
 * leaves the machine. */
LiaisonLocalTranscriber *liaison_local_transcriber_new       (void);

/* TRUE when the pocketsphinx element and the en-us model are installed;
 * otherwise FALSE with LIAISON_LOCAL_TRANSCRIBER_ERROR_MISSING_RECOGNIZER and
 * a message naming the Debian packages to install. */
gboolean liaison_local_transcriber_check_available           (GError **error);

/* Transcribes @file (WAV, MP3, or anything GStreamer decodes) in a worker
 * thread, as fast as the CPU allows. A mono file gives sentences of channel
 * 0 with no speaker; a file of two or more channels is transcribed channel
 * by channel (1 = "advisor", 2 = "client"; others are ignored) and the
 * sentences are merged by start time. @progress (may be NULL) is called now
 * and then; @progress_destroy frees @progress_data once the task is done. */
void       liaison_local_transcriber_transcribe_async        (LiaisonLocalTranscriber       *self,
                                                              GFile                         *file,
                                                              LiaisonTranscribeProgressFunc  progress,
                                                              gpointer                       progress_data,
                                                              GDestroyNotify                 progress_destroy,
                                                              GCancellable                  *cancellable,
                                                              GAsyncReadyCallback            callback,
                                                              gpointer                       user_data);
/* A GPtrArray of LiaisonTranscriptSentence (owning them), in time order,
 * with index 0, 1, …; possibly empty (silence). NULL with @error set. */
GPtrArray *liaison_local_transcriber_transcribe_finish       (LiaisonLocalTranscriber  *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);

/* The same, blocking the calling thread (no progress reports). */
GPtrArray *liaison_local_transcriber_transcribe_sync         (LiaisonLocalTranscriber  *self,
                                                              GFile                    *file,
                                                              GCancellable             *cancellable,
                                                              GError                  **error);

G_END_DECLS
