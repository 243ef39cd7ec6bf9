/* liaison-sim-voice-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sim-private.h"

G_BEGIN_DECLS

/* TwiML (liaison-sim-twiml.c) */

typedef struct _SimTwiml SimTwiml;

struct _SimTwiml {
  char      *name;
  char     **attr_names;
  char     **attr_values;
  char      *text;       /* stripped, may be NULL */
  GPtrArray *children;   /* SimTwiml */
};

void        sim_twiml_free      (SimTwiml *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTwiml, sim_twiml_free)
/* The <Response> element, or NULL with an error for anything else. */
SimTwiml   *sim_twiml_parse     (const char  *data,
                                 gsize        len,
                                 GError     **error);
const char *sim_twiml_get       (SimTwiml   *node,
                                 const char *name);
gint64      sim_twiml_get_int   (SimTwiml   *node,
                                 const char *name,
                                 gint64      min,
                                 gint64      max,
                                 gint64      fallback);
gboolean    sim_twiml_get_bool  (SimTwiml   *node,
                                 const char *name,
                                 gboolean    fallback);

/* Calls (liaison-sim-calls.c) */

typedef enum {
  STEP_NONE,
  STEP_INITIATE,       /* outbound: queued → initiated */
  STEP_RING,           /* → ringing */
  STEP_OUTCOME,        /* answered, busy, no-answer or failed */
  STEP_RUN,            /* run the next verb */
  STEP_GATHER_END,
  STEP_RECORD_END,
  STEP_DIAL_RING,      /* the dialed leg rings */
  STEP_DIAL_OUTCOME,   /* the dialed leg answers or not */
  STEP_DIAL_END,       /* the dialed leg hangs up */
} SimStep;

typedef enum {
  WAIT_NONE,
  WAIT_QUEUE,          /* in <Enqueue> */
  WAIT_CONFERENCE,     /* in <Dial><Conference> */
} SimWait;

typedef struct {
  char *sid;
  char *account_sid;
  char *parent_call_sid;
  char *to;
  char *from;
  char *direction;
  char *status;
  char *phone_number_sid;
  gint64 seq;
  gint64 date_created;
  gint64 date_updated;
  gint64 start_time;      /* answered; 0: not yet */
  gint64 end_time;

  /* Status callbacks (§3.5) */
  char  *status_callback;
  char  *status_callback_method;
  guint  events;          /* SimCallEvent bits */
  guint  sequence_number;

  /* Record=true on create */
  gboolean record;
  guint    recording_channels;
  char    *recording_status_callback;
  char    *recording_status_callback_method;
  char    *recording_sid;

  gint   timeout;

  /* The document being run */
  char      *url;         /* the current document's URL (relative URLs, default actions) */
  char      *method;
  char      *fallback_url;
  char      *fallback_method;
  SimTwiml  *doc;
  guint      pc;
  gboolean   fetching;    /* a webhook answer is awaited */
  guint      fetch_id;    /* which request's answer counts */
  gint64     fetch_time;  /* call->now of the last request */
  guint      fetches_at_time;

  /* The simulated time of the call's own events */
  gint64   now;
  gint64   next_at;       /* 0: nothing due */
  SimStep  step;
  SimWait  wait;

  /* What the far end does: outbound legs */
  char  *outcome;         /* answered, busy, no-answer, failed */
  guint  outcome_duration;

  /* What the caller does (control API) */
  GQueue inputs;          /* SimInput */
  char  *default_speech;
  char  *dial_outcome;

  /* The verb in progress */
  SimTwiml *verb;         /* borrowed from doc */
  char     *input_digits;
  char     *input_speech;
  guint     record_duration;

  /* <Dial> */
  char    *dial_child_sid;
  char    *dial_status;
  gint64   dial_answered_at;
  guint    dial_duration;
  char    *bridged_call_sid;   /* <Dial><Queue>: the member bridged to */

  /* <Conference>, <Enqueue> */
  char    *conference_sid;
  char    *queue_sid;
  gint64   enqueued_at;
  SimTwiml *enqueue_verb;

  char    *saved;         /* the stored row, as last written (see sim_voice_sync) */
} SimCall;

enum {
  CALL_EVENT_INITIATED = 1 << 0,
  CALL_EVENT_RINGING   = 1 << 1,
  CALL_EVENT_ANSWERED  = 1 << 2,
  CALL_EVENT_COMPLETED = 1 << 3,
};

typedef struct {
  char *digits;
  char *speech;
} SimInput;

typedef struct {
  char   *sid;
  char   *account_sid;
  char   *friendly_name;
  char   *status;          /* init, in-progress, completed */
  char   *reason_ended;
  char   *call_sid_ending;
  gint64  seq;
  gint64  date_created;
  gint64  date_updated;
  GPtrArray *participants; /* SimParticipant */
  /* Conference status callbacks (§3.6), from the first participant that set one */
  char   *status_callback;
  char   *status_callback_method;
  char  **status_callback_events;  /* start end join leave mute hold */
  guint   sequence_number;
  char   *saved;           /* the stored rows (with the participants), as last written */
} SimConference;

typedef struct {
  char    *call_sid;
  char    *label;
  char    *status;         /* queued, connecting, ringing, connected, complete, failed */
  gboolean muted;
  gboolean hold;
  gboolean start_conference_on_enter;
  gboolean end_conference_on_exit;
  gboolean coaching;
  gint64   date_created;
  gint64   date_updated;
} SimParticipant;

typedef struct {
  char   *sid;
  char   *account_sid;
  char   *friendly_name;
  gint64  max_size;
  gint64  seq;
  gint64  date_created;
  gint64  date_updated;
  GPtrArray *members;      /* char * call SIDs, front first */
  GHashTable *enqueued_at; /* call SID → gint64 * */
  gint64  total_wait;
  gint64  n_dequeued;
  char   *saved;           /* the stored rows (with the members), as last written */
} SimQueue;

typedef struct {
  char  *to;               /* NULL: any */
  char  *outcome;
  guint  duration;
  char  *speech;           /* what that party says once answered, or NULL */
} SimDialOutcome;

typedef struct {
  char   *sid;
  char   *account_sid;
  char   *call_sid;
  gint    error_code;
  char   *message;
  char   *request_url;
  char   *request_method;
  gint64  date;
  gint64  seq;
  gboolean saved;
} SimNotification;

typedef struct {
  GPtrArray  *calls;           /* SimCall, oldest first */
  GHashTable *calls_by_sid;    /* borrowed */
  GPtrArray  *conferences;     /* SimConference, oldest first */
  GPtrArray  *queues;          /* SimQueue, oldest first */
  GPtrArray  *notifications;   /* SimNotification */
  GQueue      dial_outcomes;   /* SimDialOutcome */
  gint64      next_seq;
  gboolean    loaded;          /* the stored records were read */
} SimVoice;

SimVoice       *sim_voice_get             (LiaisonSimServer *self);
SimCall        *sim_voice_find_call       (LiaisonSimServer *self,
                                           const char       *sid);
/* The call leaves its queue or conference and runs the next verb (or the
 * @url document when not NULL). */
void            sim_call_resume           (LiaisonSimServer *self,
                                           SimCall          *call,
                                           const char       *url,
                                           const char       *method);
/* Starts an outbound leg (participant create); returns it, owned by the voice state. */
SimCall        *sim_call_create_outbound  (LiaisonSimServer *self,
                                           SimAccount       *account,
                                           const char       *to,
                                           const char       *from,
                                           const char       *twiml,
                                           gint              timeout,
                                           const char       *status_callback,
                                           const char       *status_callback_method,
                                           guint             events);
/* StatusCallbackEvent values ("initiated ringing", repeatable) → CALL_EVENT_* bits. */
guint           sim_call_parse_events     (GPtrArray        *form,
                                           const char       *name);
void            sim_call_run_due          (LiaisonSimServer *self);
gboolean        sim_call_is_live          (SimCall *call);

/* Storage (liaison-sim-calls.c): writes every call, conference (with its
 * participants), queue (with its members) and notification that changed
 * since it was last written, in one transaction. Run after every change. */
void            sim_voice_sync            (LiaisonSimServer *self);
/* Removes the stored call (CA…) or queue (QU…, with its members) @sid. */
void            sim_voice_db_delete       (LiaisonSimServer *self,
                                           const char       *sid);

/* Conferences and queues (liaison-sim-conferences.c) */

SimConference  *sim_conference_join       (LiaisonSimServer *self,
                                           SimCall          *call,
                                           SimTwiml         *noun);
/* The call left (hung up, redirected): ends the conference when needed. */
void            sim_conference_leave      (LiaisonSimServer *self,
                                           SimCall          *call,
                                           gboolean          kicked);
SimQueue       *sim_queue_find_by_name    (LiaisonSimServer *self,
                                           const char       *account_sid,
                                           const char       *name,
                                           gboolean          create);
void            sim_queue_remove_member   (SimQueue   *queue,
                                           const char *call_sid,
                                           gint64      now);
/* The REST-created participant of @call follows its leg: ringing. */
void            sim_conference_participant_ringing (LiaisonSimServer *self,
                                                    SimCall          *call);
void            sim_conference_free       (SimConference *conference);
void            sim_participant_free      (SimParticipant *participant);
void            sim_queue_free            (SimQueue *queue);

/* REST handlers (liaison-sim-conferences.c), routed by liaison-sim-calls.c */
void sim_handle_conferences_list     (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_conference_fetch     (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_conference_update    (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_participants_list    (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_participants_create  (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_participant_fetch    (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_participant_update   (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_participant_delete   (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_queues_create        (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_queues_list          (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_queue_fetch          (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_queue_update         (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_queue_delete         (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_members_list         (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_member_fetch         (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);
void sim_handle_member_update        (LiaisonSimServer *self, SoupServerMessage *msg,
                                      SimAccount *account, GMatchInfo *match);

G_END_DECLS
