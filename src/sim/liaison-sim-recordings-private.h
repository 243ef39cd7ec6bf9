/* liaison-sim-recordings-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sim-private.h"

G_BEGIN_DECLS

/* Shared by liaison-sim-recordings.c and liaison-sim-intelligence.c, which
 * together make the "recordings" module. */

#define INTELLIGENCE_SCHEMA \
  "CREATE TABLE IF NOT EXISTS intelligence_services (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  unique_name TEXT NOT NULL," \
  "  friendly_name TEXT," \
  "  language_code TEXT NOT NULL," \
  "  auto_transcribe INTEGER NOT NULL," \
  "  auto_redaction INTEGER NOT NULL," \
  "  media_redaction INTEGER NOT NULL," \
  "  webhook_url TEXT," \
  "  webhook_method TEXT," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS intelligence_transcripts (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  service_sid TEXT NOT NULL," \
  "  recording_sid TEXT NOT NULL," \
  "  channel TEXT NOT NULL," \
  "  customer_key TEXT," \
  "  status TEXT NOT NULL," \
  "  duration INTEGER NOT NULL," \
  "  speech TEXT," \
  "  speech_other TEXT," \
  "  channels INTEGER NOT NULL," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL," \
  "  next_at INTEGER);" \
  "CREATE INDEX IF NOT EXISTS intelligence_transcripts_next ON intelligence_transcripts (next_at)" \
  "  WHERE next_at IS NOT NULL;"

/* What the intelligence side needs of a recording. */
typedef struct {
  char  *sid;
  char  *speech;
  char  *speech_other;
  guint  channels;
  guint  duration;
} SimRecordingAudio;

void               sim_recording_audio_free (SimRecordingAudio *audio);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimRecordingAudio, sim_recording_audio_free)
SimRecordingAudio *sim_recording_audio_get  (LiaisonSimServer *self,
                                             const char       *account_sid,
                                             const char       *recording_sid);

/* "2026-11-24T10:00:00Z" (the v2 APIs' ISO 8601 dates), or null for 0. */
void  sim_add_iso_date_member              (JsonBuilder *builder,
                                            const char  *name,
                                            gint64       seconds);

/* Intelligence v2 handlers (liaison-sim-intelligence.c). */
void  sim_intelligence_services_create     (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_services_list       (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_service_fetch       (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_service_delete      (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_transcripts_create  (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_transcripts_list    (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_transcript_fetch    (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_transcript_delete   (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_sentences_list      (LiaisonSimServer *self, SoupServerMessage *msg,
                                            SimAccount *account, GMatchInfo *match);
void  sim_intelligence_operator_results_list (LiaisonSimServer *self, SoupServerMessage *msg,
                                              SimAccount *account, GMatchInfo *match);
/* Moves transcripts along the clock and sends the service webhooks. */
void  sim_intelligence_tick                (LiaisonSimServer *self);

G_END_DECLS
