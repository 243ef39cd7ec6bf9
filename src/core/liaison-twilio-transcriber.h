/* liaison-twilio-transcriber.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-clock.h"
#include "liaison-twilio-client.h"

G_BEGIN_DECLS

#define LIAISON_TWILIO_TRANSCRIBER_ERROR (liaison_twilio_transcriber_error_quark ())

/* Errors of the transcriber itself; Twilio's own errors keep their
 * LIAISON_TWILIO_ERROR domain and details (liaison_twilio_error_get_details()). */
typedef enum {
  /* No Voice Intelligence Service: none set and the account has none, or
   * Twilio does not know the one set (20404 on create). */
  LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_SERVICE,
  /* Twilio gave up: the transcript is failed, error or canceled, or the
   * legacy transcription is failed. */
  LIAISON_TWILIO_TRANSCRIBER_ERROR_FAILED,
  /* The recording has no legacy transcription (it was not asked for), or
   * its text is empty. */
  LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_TRANSCRIPTION,
  /* Still not done after the give-up time (liaison_twilio_transcriber_set_polling()). */
  LIAISON_TWILIO_TRANSCRIBER_ERROR_TIMED_OUT,
} LiaisonTwilioTranscriberError;

GQuark liaison_twilio_transcriber_error_quark (void);

#define LIAISON_TYPE_TWILIO_TRANSCRIBER (liaison_twilio_transcriber_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioTranscriber, liaison_twilio_transcriber, LIAISON, TWILIO_TRANSCRIBER, GObject)

/* Transcripts of a recording from Twilio (TWILIO.md §4.5, §4.6), as
 * LiaisonTranscriptSentence arrays.
 *
 * Voice Intelligence: POST /v2/Transcripts for the recording with channel
 * participants (channel 1 the advisor, role "Agent"; channel 2 the client,
 * role "Customer"), then the transcript is fetched again after 2 s, 4 s,
 * 8 s … (at most 30 s apart, on the LiaisonClock) until it is completed
 * (or failed, error, canceled → FAILED; after 30 minutes → TIMED_OUT). Then
 * every page of its Sentences and of its OperatorResults is read. Sentences
 * are ordered by start time (channels interleaved), numbered from 0, with
 * channel 1 → speaker "advisor", channel 2 → "client", times in ms, and
 * Twilio's confidence.
 *
 * Legacy transcription (voicemail): the recording is fetched (for its
 * duration), then its Transcriptions; an in-progress one is polled like a
 * transcript. The text is split into sentences (liaison_twilio_transcriber_split_text()):
 * Twilio gives no timings, so each sentence gets a share of the recording's
 * duration proportional to its length in characters (start and end are
 * estimates; 0 when the duration is unknown).
 *
 * Async calls run on the thread-default main context of the caller; one
 * transcriber may run several at once. */

/* @clock: for the polling waits; NULL uses the client's. */
LiaisonTwilioTranscriber *liaison_twilio_transcriber_new               (LiaisonTwilioClient      *client,
                                                                        LiaisonClock             *clock);

/* The Voice Intelligence Service (GA…); NULL (default) uses the account's
 * first Service. */
void                      liaison_twilio_transcriber_set_service_sid   (LiaisonTwilioTranscriber *self,
                                                                        const char               *service_sid);
const char               *liaison_twilio_transcriber_get_service_sid   (LiaisonTwilioTranscriber *self);
/* Who is on channel @channel (1 or 2) for Twilio's participants:
 * media_participant_id (a phone number) and user_id may be NULL. Roles are
 * fixed: channel 1 "Agent", channel 2 "Customer". */
void                      liaison_twilio_transcriber_set_participant   (LiaisonTwilioTranscriber *self,
                                                                        guint                     channel,
                                                                        const char               *media_participant_id,
                                                                        const char               *user_id);
/* Polling: first wait, the longest wait (waits double up to it) and when
 * to give up, all in µs. Defaults 2 s, 30 s, 30 min. */
void                      liaison_twilio_transcriber_set_polling       (LiaisonTwilioTranscriber *self,
                                                                        gint64                    first_delay_usec,
                                                                        gint64                    max_delay_usec,
                                                                        gint64                    give_up_usec);
/* PageSize for Sentences (default 0: Twilio's default; at most 5000). */
void                      liaison_twilio_transcriber_set_page_size     (LiaisonTwilioTranscriber *self,
                                                                        guint                     page_size);

/* Voice Intelligence transcript of @recording_sid (a new transcript is
 * created). @customer_key (≤ 64 characters, may be NULL) is echoed in the
 * Service's webhook. */
void                      liaison_twilio_transcriber_transcribe_async  (LiaisonTwilioTranscriber *self,
                                                                        const char               *recording_sid,
                                                                        const char               *customer_key,
                                                                        GCancellable             *cancellable,
                                                                        GAsyncReadyCallback       callback,
                                                                        gpointer                  user_data);
/* An existing transcript (GT…, e.g. from the Service's webhook or auto
 * transcription): polled, then read like a new one. */
void                      liaison_twilio_transcriber_fetch_async       (LiaisonTwilioTranscriber *self,
                                                                        const char               *transcript_sid,
                                                                        GCancellable             *cancellable,
                                                                        GAsyncReadyCallback       callback,
                                                                        gpointer                  user_data);
/* Finishes transcribe and fetch. Returns the LiaisonTranscriptSentence
 * array (maybe empty: a silent recording). @out_transcript_sid (GT…) and
 * @out_operator_results (LiaisonTwilioOperatorResult; empty when the
 * Service has no operators) may be NULL. */
GPtrArray                *liaison_twilio_transcriber_transcribe_finish (LiaisonTwilioTranscriber  *self,
                                                                        GAsyncResult              *result,
                                                                        char                     **out_transcript_sid,
                                                                        GPtrArray                **out_operator_results,
                                                                        GError                   **error);

/* The legacy transcription of @recording_sid (voicemail). @speaker (may be
 * NULL) is given to every sentence, e.g. "client" for a client's voicemail. */
void                      liaison_twilio_transcriber_transcribe_legacy_async  (LiaisonTwilioTranscriber *self,
                                                                               const char               *recording_sid,
                                                                               const char               *speaker,
                                                                               GCancellable             *cancellable,
                                                                               GAsyncReadyCallback       callback,
                                                                               gpointer                  user_data);
GPtrArray                *liaison_twilio_transcriber_transcribe_legacy_finish (LiaisonTwilioTranscriber  *self,
                                                                               GAsyncResult              *result,
                                                                               GError                   **error);

/* Splits plain transcription text into sentences (after . ! ? … 。 followed
 * by a space or the end; "Mr." "Dr." "e.g." and decimals do not end one),
 * channel @channel, speaker @speaker, spreading @duration_ms over them in
 * proportion to their length. Empty text or Twilio's "(blank)" gives an
 * empty array. */
GPtrArray                *liaison_twilio_transcriber_split_text        (const char               *text,
                                                                        gint64                    duration_ms,
                                                                        int                       channel,
                                                                        const char               *speaker);

/* What a transcript's status means: TRUE when completed; FALSE with @error
 * (FAILED) when failed, error or canceled; FALSE without error while it is
 * queued, in-progress or new. */
gboolean                  liaison_twilio_transcriber_check_transcript  (LiaisonTwilioIntelligenceTranscript *transcript,
                                                                        GError                             **error);

G_END_DECLS
