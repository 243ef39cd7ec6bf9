/* liaison-twilio-recordings.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-twilio-intelligence-service.h"
#include "liaison-twilio-intelligence-transcript.h"
#include "liaison-twilio-operator-result.h"
#include "liaison-twilio-recording.h"
#include "liaison-twilio-sentence.h"
#include "liaison-twilio-transcription.h"

G_BEGIN_DECLS

/* Recordings, legacy transcriptions and Voice Intelligence (TWILIO.md §4),
 * as calls on LiaisonTwilioClient (included by liaison-twilio-client.h).
 * Lists finish with liaison_twilio_client_list_finish(); @page_size 0 is
 * Twilio's default. Twilio's errors are LIAISON_TWILIO_ERROR (an unknown SID
 * is LIAISON_TWILIO_ERROR_API with code 20404 in its details). */

typedef struct _LiaisonTwilioClient LiaisonTwilioClient;

typedef enum {
  LIAISON_TWILIO_RECORDING_FORMAT_WAV,   /* audio/x-wav, Twilio's default */
  LIAISON_TWILIO_RECORDING_FORMAT_MP3,   /* audio/mpeg */
} LiaisonTwilioRecordingFormat;

/* Download progress: @received bytes of the file so far (including what a
 * resumed download already had) out of @total (-1 when unknown). Called on
 * the thread-default main context of the download, with @received never
 * going down. */
typedef void (*LiaisonTwilioProgressFunc) (goffset  received,
                                           goffset  total,
                                           gpointer user_data);

/* Items are LiaisonTwilioRecording, newest first. Every filter may be NULL:
 * @call_sid, @conference_sid, and DateCreated (that UTC day), DateCreated<
 * (on or before that day) and DateCreated> (on or after that day). */
void                     liaison_twilio_client_list_recordings_async       (LiaisonTwilioClient *self,
                                                                            const char          *call_sid,
                                                                            const char          *conference_sid,
                                                                            GDateTime           *date_created,
                                                                            GDateTime           *date_created_before,
                                                                            GDateTime           *date_created_after,
                                                                            guint                page_size,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
/* GET /Calls/{CallSid}/Recordings.json; items are LiaisonTwilioRecording. */
void                     liaison_twilio_client_list_call_recordings_async  (LiaisonTwilioClient *self,
                                                                            const char          *call_sid,
                                                                            guint                page_size,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);

void                     liaison_twilio_client_fetch_recording_async       (LiaisonTwilioClient *self,
                                                                            const char          *sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
LiaisonTwilioRecording  *liaison_twilio_client_fetch_recording_finish      (LiaisonTwilioClient  *self,
                                                                            GAsyncResult         *result,
                                                                            GError              **error);

/* Deletes the recording and its media (204). */
void                     liaison_twilio_client_delete_recording_async      (LiaisonTwilioClient *self,
                                                                            const char          *sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
gboolean                 liaison_twilio_client_delete_recording_finish     (LiaisonTwilioClient  *self,
                                                                            GAsyncResult         *result,
                                                                            GError              **error);

/* Downloads the recording's media to @destination, with the account's
 * credentials (needed when the account enforces HTTP auth on media).
 *
 * The bytes go to "<destination>.part" first, which is renamed onto
 * @destination once complete. When a .part file is already there the
 * download resumes it with "Range: bytes=N-" and checks that the answer's
 * Content-Range starts at N (a server that sends the whole file instead
 * restarts the .part). A cancellation, a network or HTTP error, or a full
 * disk fails with a GError and leaves the .part file for the next attempt;
 * @destination is only ever replaced by a complete file.
 *
 * @progress (may be NULL) is called after each chunk written. */
void                     liaison_twilio_client_download_recording_async    (LiaisonTwilioClient          *self,
                                                                            const char                   *sid,
                                                                            LiaisonTwilioRecordingFormat  format,
                                                                            GFile                        *destination,
                                                                            LiaisonTwilioProgressFunc     progress,
                                                                            gpointer                      progress_data,
                                                                            GDestroyNotify                progress_destroy,
                                                                            GCancellable                 *cancellable,
                                                                            GAsyncReadyCallback           callback,
                                                                            gpointer                      user_data);
/* Returns the size of the complete file in bytes, or -1 with @error set. */
goffset                  liaison_twilio_client_download_recording_finish   (LiaisonTwilioClient  *self,
                                                                            GAsyncResult         *result,
                                                                            GError              **error);

/* Legacy transcriptions: of the account, or of @recording_sid when it is
 * not NULL. Items are LiaisonTwilioTranscription. */
void                     liaison_twilio_client_list_transcriptions_async   (LiaisonTwilioClient *self,
                                                                            const char          *recording_sid,
                                                                            guint                page_size,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
void                     liaison_twilio_client_fetch_transcription_async   (LiaisonTwilioClient *self,
                                                                            const char          *sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
LiaisonTwilioTranscription *liaison_twilio_client_fetch_transcription_finish (LiaisonTwilioClient  *self,
                                                                              GAsyncResult         *result,
                                                                              GError              **error);
void                     liaison_twilio_client_delete_transcription_async  (LiaisonTwilioClient *self,
                                                                            const char          *sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
gboolean                 liaison_twilio_client_delete_transcription_finish (LiaisonTwilioClient  *self,
                                                                            GAsyncResult         *result,
                                                                            GError              **error);

/* Voice Intelligence v2 (intelligence.twilio.com). */

/* POST /v2/Services. @friendly_name and @webhook_url may be NULL; the
 * webhook (when a transcript is ready) is POSTed. */
void                     liaison_twilio_client_create_intelligence_service_async  (LiaisonTwilioClient *self,
                                                                                   const char          *unique_name,
                                                                                   const char          *friendly_name,
                                                                                   const char          *webhook_url,
                                                                                   GCancellable        *cancellable,
                                                                                   GAsyncReadyCallback  callback,
                                                                                   gpointer             user_data);
LiaisonTwilioIntelligenceService *
                         liaison_twilio_client_create_intelligence_service_finish (LiaisonTwilioClient  *self,
                                                                                   GAsyncResult         *result,
                                                                                   GError              **error);
/* Items are LiaisonTwilioIntelligenceService. */
void                     liaison_twilio_client_list_intelligence_services_async   (LiaisonTwilioClient *self,
                                                                                   guint                page_size,
                                                                                   GCancellable        *cancellable,
                                                                                   GAsyncReadyCallback  callback,
                                                                                   gpointer             user_data);

/* POST /v2/Transcripts with Channel {"media_properties": {"source_sid":
 * @recording_sid}}; @customer_key may be NULL (≤ 64 characters). The
 * transcript starts "queued". */
void                     liaison_twilio_client_create_transcript_async     (LiaisonTwilioClient *self,
                                                                            const char          *service_sid,
                                                                            const char          *recording_sid,
                                                                            const char          *customer_key,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
void                     liaison_twilio_client_fetch_transcript_async      (LiaisonTwilioClient *self,
                                                                            const char          *sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
/* Finishes create and fetch. */
LiaisonTwilioIntelligenceTranscript *
                         liaison_twilio_client_transcript_finish           (LiaisonTwilioClient  *self,
                                                                            GAsyncResult         *result,
                                                                            GError              **error);
/* Items are LiaisonTwilioIntelligenceTranscript; @service_sid and
 * @source_sid (a recording) may be NULL. */
void                     liaison_twilio_client_list_transcripts_async      (LiaisonTwilioClient *self,
                                                                            const char          *service_sid,
                                                                            const char          *source_sid,
                                                                            guint                page_size,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
void                     liaison_twilio_client_delete_transcript_async     (LiaisonTwilioClient *self,
                                                                            const char          *sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
gboolean                 liaison_twilio_client_delete_transcript_finish    (LiaisonTwilioClient  *self,
                                                                            GAsyncResult         *result,
                                                                            GError              **error);
/* Items are LiaisonTwilioSentence, in order. */
void                     liaison_twilio_client_list_sentences_async        (LiaisonTwilioClient *self,
                                                                            const char          *transcript_sid,
                                                                            guint                page_size,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);
/* Items are LiaisonTwilioOperatorResult. */
void                     liaison_twilio_client_list_operator_results_async (LiaisonTwilioClient *self,
                                                                            const char          *transcript_sid,
                                                                            GCancellable        *cancellable,
                                                                            GAsyncReadyCallback  callback,
                                                                            gpointer             user_data);

G_END_DECLS
