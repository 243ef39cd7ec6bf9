/* liaison-call-detail.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-call-summary.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALL_DETAIL (liaison_call_detail_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallDetail, liaison_call_detail, LIAISON, CALL_DETAIL, AdwBin)

typedef enum {
  LIAISON_TRANSCRIBE_ON_DEVICE,
  LIAISON_TRANSCRIBE_WITH_TWILIO,
} LiaisonTranscribeEngine;

/* One call under review: who, when, how it went; its recording, downloaded
 * on demand into the private cache and played with the waveform; its
 * transcript, which follows playback; and its summary, labelled with where
 * it came from. Transcribing (on this computer with pocketsphinx, or with
 * Twilio Voice Intelligence) stores the sentences, then summarizes them
 * (Twilio's operator results when there are some, else on this computer)
 * and stores the summary. Uses the default LiaisonApplication's services. */
GtkWidget          *liaison_call_detail_new            (void);
/* Reads the call and shows it (NULL: nothing). */
void                liaison_call_detail_show_call      (LiaisonCallDetail       *self,
                                                        const char              *call_sid);
const char         *liaison_call_detail_get_call_sid   (LiaisonCallDetail       *self);
void                liaison_call_detail_transcribe     (LiaisonCallDetail       *self,
                                                        LiaisonTranscribeEngine  engine);

/* Asks the optional model server (Preferences: summary-endpoint-url, its
 * key in the keyring) for a summary of the transcript shown: a dialog shows
 * exactly what will be sent, and nothing is sent until Send. The dialog, while
 * open (for tests), else NULL. */
void                liaison_call_detail_summarize_with_endpoint (LiaisonCallDetail *self);
GtkWindow          *liaison_call_detail_get_endpoint_dialog     (LiaisonCallDetail *self);

/* What is shown, for tests: the recording's local file once downloaded
 * (else NULL), the transcript's sentences, the summary (else NULL), and
 * TRUE while a download or transcription runs (property "busy"). */
const char         *liaison_call_detail_get_recording_path (LiaisonCallDetail   *self);
GListModel         *liaison_call_detail_get_sentences  (LiaisonCallDetail       *self);
LiaisonCallSummary *liaison_call_detail_get_summary    (LiaisonCallDetail       *self);
gboolean            liaison_call_detail_get_busy       (LiaisonCallDetail       *self);

G_END_DECLS
