/* liaison-sim-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sim-server.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define API_VERSION_PATH  "/2010-04-01"
#define ERROR_INFO_URL    "https://www.twilio.com/docs/errors/%d"
/* The realm Twilio names in its 401 answers [INF: widely captured]. */
#define AUTH_CHALLENGE    "Basic realm=\"Twilio API\""

typedef struct {
  char      *sid;
  char      *auth_token;
  char      *friendly_name;
  char      *owner_account_sid;
  char      *status;
  char      *type;
  GDateTime *date_created;
  GDateTime *date_updated;
  gboolean   loaded;   /* read from --db, not yet given again */
} SimAccount;

typedef struct {
  char     *sid;
  char     *secret;
  char     *account_sid;
  gboolean  loaded;
} SimApiKey;

typedef struct {
  GRegex  *path;
  char    *method;
  guint    status;
  gint     code;
  gint     retry_after;
  gboolean retry_after_date;   /* Retry-After as an HTTP-date, not seconds */
  gint     count;        /* 0: every time */
  guint    latency_ms;
  gboolean drop_response;
} SimFault;

void sim_fault_free (SimFault *fault);

/* Modules: each resource family of the simulator (liaison-sim-<module>.c)
 * brings its SQL schema, its REST routes, its control routes and, when its
 * resources move on the simulated clock, a tick. The server walks the table
 * sim_modules[] (liaison-sim-server.c). */

typedef enum {
  SIM_ROUTE_DEFAULT = 0,
  /* Answered without credentials (media files, as Twilio serves them unless
   * HTTP auth on media is enforced); the handler gets account NULL. */
  SIM_ROUTE_NO_AUTH = 1 << 0,
} SimRouteFlags;

typedef void (*SimRouteHandler)   (LiaisonSimServer  *self,
                                   SoupServerMessage *msg,
                                   SimAccount        *account,
                                   GMatchInfo        *match);
typedef void (*SimControlHandler) (LiaisonSimServer  *self,
                                   SoupServerMessage *msg,
                                   GPtrArray         *form);

typedef struct {
  const char      *name;      /* logged instead of the path, which has SIDs */
  const char      *method;
  const char      *pattern;   /* a regex over the whole path */
  SimRouteHandler  handler;
  SimRouteFlags    flags;
} SimRoute;

typedef struct {
  const char        *method;
  const char        *path;    /* exact, below /_sim/ */
  SimControlHandler  handler;
} SimControlRoute;

typedef struct {
  const char             *name;
  const char             *schema;           /* SQL run at open, may be NULL */
  const SimRoute         *routes;
  gsize                   n_routes;
  const SimControlRoute  *control_routes;
  gsize                   n_control_routes;
  /* Runs whatever falls due by self->clock (may be NULL). */
  void                  (*tick)     (LiaisonSimServer *self);
  /* Frees the module's state (may be NULL). */
  void                  (*finalize) (LiaisonSimServer *self);
} SimModule;

extern const SimModule sim_control_module;
extern const SimModule sim_accounts_module;
extern const SimModule sim_messages_module;
extern const SimModule sim_voice_module;
extern const SimModule sim_recordings_module;
extern const SimModule sim_numbers_module;

struct _LiaisonSimServer
{
  GObject     parent_instance;

  SoupServer *server;
  GHashTable *accounts;   /* sid → SimAccount */
  GHashTable *api_keys;   /* sid → SimApiKey */
  GPtrArray  *routes;     /* SimRouteEntry */

  sqlite3    *db;
  char       *db_path;
  gboolean    db_is_temporary;
  char       *default_account_sid;

  /* The simulated clock, in Unix seconds. */
  gint64      clock;
  guint       realtime_id;

  /* Outgoing webhooks, sent one after the other so that they arrive in
   * order; advance requests answered once the queue is empty. */
  SoupSession *session;
  GQueue       callbacks;          /* SimCallback */
  gboolean     callback_in_flight;
  GPtrArray   *waiting_messages;   /* SoupServerMessage, paused */

  GPtrArray  *requests;   /* JsonNode, the REST request log */
  GPtrArray  *faults;     /* SimFault */
  char       *callback_fault;   /* NULL, "drop", "duplicate", "reorder" */

  /* Each module's own state, owned by the module (see its finalize). */
  gpointer    voice;
  gpointer    recordings;
  gpointer    numbers;
};

/* Utilities (liaison-sim-util.c) */

void        sim_wipe_free          (char *str);
gboolean    sim_is_sid             (const char *value,
                                    const char *prefix);
gboolean    sim_secret_equal       (const char *presented,
                                    const char *expected);
char       *sim_random_hex         (guint n_chars);
/* A new SID: @prefix and 32 lowercase hex digits. */
char       *sim_new_sid            (const char *prefix);
gboolean    sim_is_e164            (const char *number);
/* E.164 or a channel address (whatsapp:+1…). */
gboolean    sim_is_address         (const char *address);
/* "Tue, 24 Nov 2026 10:00:00 +0000" */
char       *sim_format_rfc2822     (GDateTime *date_time);
/* RFC 2822 of Unix seconds. */
char       *sim_format_unix        (gint64 seconds);

void        sim_respond_json       (SoupServerMessage *msg,
                                    guint              status,
                                    JsonNode          *root);
/* Twilio's error body {code, message, more_info, status} (TWILIO.md §1.4). */
void        sim_respond_error      (SoupServerMessage *msg,
                                    guint              status,
                                    gint               code,
                                    const char        *message);
void        sim_respond_unauthorized (SoupServerMessage *msg,
                                      const char        *message);
void        sim_respond_not_found  (SoupServerMessage *msg,
                                    const char        *path);
/* {"ok": true}, for the control API. */
void        sim_respond_ok         (SoupServerMessage *msg);

/* Forms and queries: a GPtrArray of name, value, name, value… in order. */
GPtrArray  *sim_parse_form         (const char *data,
                                    gsize       len);
GPtrArray  *sim_request_form       (SoupServerMessage *msg);
GPtrArray  *sim_request_query      (SoupServerMessage *msg);
const char *sim_form_get           (GPtrArray  *pairs,
                                    const char *name);
gboolean    sim_form_get_int       (GPtrArray  *form,
                                    const char *name,
                                    gint64      min,
                                    gint64      max,
                                    gint64      fallback,
                                    gint64     *out_value);
GStrv       sim_pairs_to_strv      (GPtrArray *pairs);
void        sim_pairs_add          (GPtrArray  *pairs,
                                    const char *name,
                                    const char *value);

/* JSON members: an RFC 2822 date of Unix seconds (null for 0), a string or null. */
void        sim_add_date_member    (JsonBuilder *builder,
                                    const char  *name,
                                    gint64       seconds);
void        sim_add_string_or_null (JsonBuilder *builder,
                                    const char  *name,
                                    const char  *value);

/* SQLite: NULL on error (logged). */
sqlite3_stmt *sim_db_prepare       (LiaisonSimServer *self,
                                    const char       *sql);
void        sim_bind_text_or_null  (sqlite3_stmt *stmt,
                                    int           column,
                                    const char   *value);
char       *sim_dup_column         (sqlite3_stmt *stmt,
                                    int           column);

/* One row by SID: @sql selects with two parameters, the SID then the
 * account's; @row builds the result from the row. NULL when absent. */
typedef gpointer (*SimRowFunc) (sqlite3_stmt *stmt);
gpointer    sim_db_get_by_sid      (LiaisonSimServer *self,
                                    const char       *sql,
                                    const char       *account_sid,
                                    const char       *sid,
                                    SimRowFunc        row);
/* Runs @sql (a DELETE with the SID then the account's): 1 deleted, 0 not
 * there, -1 on a database error. */
gint        sim_db_delete_by_sid   (LiaisonSimServer *self,
                                    const char       *sql,
                                    const char       *account_sid,
                                    const char       *sid);

/* Paging shared by every list endpoint: PageSize (1–1000, default 50), Page
 * and PageToken "PA<seq>" (the rows after that one). Rows come newest first
 * by their seq. */
typedef struct {
  gint64 page_size;
  gint64 page;
  gint64 after_seq;   /* -1: none; use OFFSET page * page_size */
} SimPaging;

/* Parses the paging parameters of @query; answers 400/20001 and returns
 * FALSE when they are invalid. */
gboolean    sim_paging_parse       (SoupServerMessage *msg,
                                    GPtrArray         *query,
                                    SimPaging         *paging);
/* Appends " AND seq < ?N" when needed and " ORDER BY seq DESC LIMIT size+1
 * OFFSET …" to @sql; bind with sim_paging_bind(). */
void        sim_paging_append_sql  (const SimPaging *paging,
                                    GString         *sql,
                                    int              first_column);
void        sim_paging_bind        (const SimPaging *paging,
                                    sqlite3_stmt    *stmt,
                                    int              first_column);
/* Answers a page: @items (a JSON array, taken) holds at most page_size rows
 * (the caller drops the extra one and says @has_more); @last_seq is the seq
 * of the last row. @filters is the query string of the filters
 * ("To=%2B1555…&"), or NULL. @v1_style: the v1/v2 envelope
 * {key: […], meta: {first_page_url, key, next_page_url, page, page_size,
 * previous_page_url, url}} with absolute URLs on @base_url; otherwise the
 * 2010 envelope {end, first_page_uri, key: […], next_page_uri, page,
 * page_size, previous_page_uri, start, uri}. */
void        sim_respond_page       (LiaisonSimServer  *self,
                                    SoupServerMessage *msg,
                                    const SimPaging   *paging,
                                    gboolean           v1_style,
                                    const char        *key,
                                    JsonArray         *items,
                                    gboolean           has_more,
                                    gint64             last_seq,
                                    const char        *filters);

/* Numbers the simulator's accounts own (the numbers table: /_sim/numbers and
 * IncomingPhoneNumbers share it). */
typedef struct {
  char   *sid;                 /* PN… */
  char   *phone_number;
  char   *account_sid;
  char   *friendly_name;
  char   *sms_url;
  char   *sms_method;
  char   *status_callback;
  char   *status_callback_method;
  char   *voice_url;
  char   *voice_method;
  char   *voice_fallback_url;
  gint64  date_created;
  gint64  date_updated;
} SimNumber;

void        sim_number_free        (SimNumber *number);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimNumber, sim_number_free)
SimNumber  *sim_db_number_get      (LiaisonSimServer *self,
                                    const char       *phone_number);
/* Inserts or replaces by phone number (a new SID when @number->sid is NULL). */
gboolean    sim_db_number_put      (LiaisonSimServer *self,
                                    SimNumber        *number);

/* Webhooks (liaison-sim-webhooks.c): signed with the account's Auth Token
 * (TWILIO.md §6), sent one at a time in order, with the callback faults of
 * /_sim/faults applied (not to those with an inbound_reply or on_done). */

typedef struct _SimCallback SimCallback;

/* Called once the webhook was answered (status 0 when it could not be
 * sent); @body is the answer (TwiML for voice webhooks), may be NULL. */
typedef void (*SimCallbackDone) (LiaisonSimServer *self,
                                 guint             status,
                                 GBytes           *body,
                                 gpointer          user_data);

struct _SimCallback {
  char              *url;
  char              *method;            /* NULL: POST; "GET" puts the params in the query */
  GStrv              params;
  char              *auth_token;
  char              *idempotency_token;
  SoupServerMessage *inbound_reply;   /* answered with the webhook's status */
  char              *inbound_sid;
  SimCallbackDone    on_done;
  gpointer           on_done_data;
  GDestroyNotify     on_done_destroy;
  LiaisonSimServer  *server;          /* owned while in flight */
};

void        sim_callback_free      (SimCallback *callback);
SimCallback *sim_callback_copy     (SimCallback *callback);
char       *sim_new_idempotency_token (void);
/* Takes @callback. */
void        sim_enqueue_callback   (LiaisonSimServer *self,
                                    SimCallback      *callback);
void        sim_send_next_callback (LiaisonSimServer *self);
/* Queues a signed POST of @params (name, value… pairs) to @url for @account
 * and starts sending. @on_done may be NULL. */
void        sim_post_webhook       (LiaisonSimServer *self,
                                    SimAccount       *account,
                                    const char       *url,
                                    const char       *method,
                                    GPtrArray        *params,
                                    SimCallbackDone   on_done,
                                    gpointer          on_done_data,
                                    GDestroyNotify    on_done_destroy);
/* Answers the clock-advance requests waiting for the queue to empty. */
void        sim_answer_waiting     (LiaisonSimServer *self);

/* Recordings (liaison-sim-recordings.c), made by the voice module for
 * <Record>, recorded calls, <Dial record> and conferences. */
typedef struct {
  const char *call_sid;                /* CA…, or NULL */
  const char *conference_sid;          /* CF…, or NULL */
  const char *source;                  /* RecordVerb, DialVerb, Conference, OutboundAPI,
                                        * StartCallRecordingAPI, Trunking */
  guint       duration;                /* seconds of audio */
  guint       channels;                /* 1 or 2 */
  const char *speech;                  /* what is said (first channel), NULL: a tone */
  const char *speech_other;            /* the other party (second channel), may be NULL */
  const char *status_callback;         /* RecordingStatusCallback, may be NULL */
  const char *status_callback_method;  /* NULL: POST */
  gboolean    transcribe;              /* a legacy transcription too */
  const char *transcribe_callback;     /* may be NULL */
} SimRecordingSpec;

/* Stores a completed recording with real audio and queues its status
 * callback; returns its SID (RE…), or NULL when it could not be made. */
char       *sim_recording_create   (LiaisonSimServer       *self,
                                    SimAccount             *account,
                                    const SimRecordingSpec *spec);

/* Runs every module's tick (liaison-sim-server.c). */
void        sim_run_due            (LiaisonSimServer *self);

G_END_DECLS
