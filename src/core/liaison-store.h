/* liaison-store.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-contact.h"
#include "liaison-message.h"
#include "liaison-message-media.h"
#include "liaison-thread.h"
#include "liaison-search-hit.h"

G_BEGIN_DECLS

#define LIAISON_STORE_ERROR (liaison_store_error_quark ())

typedef enum {
  LIAISON_STORE_ERROR_FAILED,
  /* The file is not a database, or is damaged. It is left untouched. */
  LIAISON_STORE_ERROR_CORRUPT,
  /* Another program holds a lock longer than the busy timeout. */
  LIAISON_STORE_ERROR_LOCKED,
  /* The schema was written by a newer Liaison; we never downgrade. */
  LIAISON_STORE_ERROR_TOO_NEW,
  /* A migration failed; the database was rolled back, a backup exists. */
  LIAISON_STORE_ERROR_MIGRATION,
  /* Disk full or an I/O error. */
  LIAISON_STORE_ERROR_IO,
  /* The database could not be opened or is read-only. */
  LIAISON_STORE_ERROR_CANNOT_OPEN,
  LIAISON_STORE_ERROR_NOT_FOUND,
  LIAISON_STORE_ERROR_CLOSED,
} LiaisonStoreError;

/* Keyset cursor for "older than" paging: (time, id) < (before_time, before_id).
 * A cursor with before_id == 0 means "from the newest". */
typedef struct {
  gint64 time;     /* microseconds since the Unix epoch, UTC */
  gint64 id;
} LiaisonStoreCursor;

#define LIAISON_TYPE_STORE (liaison_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStore, liaison_store, LIAISON, STORE, GObject)

GQuark        liaison_store_error_quark            (void);

/* The current schema version written by this build. */
guint         liaison_store_get_schema_version      (void);

LiaisonStore *liaison_store_new                     (const char          *path);
const char   *liaison_store_get_path                (LiaisonStore        *self);
gboolean      liaison_store_is_open                 (LiaisonStore        *self);
/* Milliseconds SQLite waits for a lock before LIAISON_STORE_ERROR_LOCKED. Default 5000. */
void          liaison_store_set_busy_timeout        (LiaisonStore        *self,
                                                     guint                msec);

/* Opens (creating if needed), refuses newer schemas, backs up then migrates older ones. */
void          liaison_store_open_async              (LiaisonStore        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_open_finish             (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Path of the backup taken before the last migration, or NULL if none was needed. */
const char   *liaison_store_get_last_backup_path    (LiaisonStore        *self);

/* Finishes queued work, then closes the connection and stops the worker thread. */
void          liaison_store_close_async             (LiaisonStore        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_close_finish            (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Thread summaries, newest first: GPtrArray of LiaisonThread (with last-message
 * preview and unread count). @before may be NULL for the first page. */
void          liaison_store_list_threads_async      (LiaisonStore              *self,
                                                     const LiaisonStoreCursor  *before,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GPtrArray    *liaison_store_list_threads_finish     (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Messages of one thread, newest first: GPtrArray of LiaisonMessage. */
void          liaison_store_list_messages_async     (LiaisonStore              *self,
                                                     gint64                     thread_id,
                                                     const LiaisonStoreCursor  *before,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GPtrArray    *liaison_store_list_messages_finish    (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Messages of one thread newer than @after (NULL: from the oldest), oldest
 * first: for reading on from a message towards the newest. */
void          liaison_store_list_messages_after_async  (LiaisonStore              *self,
                                                        gint64                     thread_id,
                                                        const LiaisonStoreCursor  *after,
                                                        guint                      limit,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
GPtrArray    *liaison_store_list_messages_after_finish (LiaisonStore        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Full-text search over message bodies, transcript sentences, contact names
 * and notes. @query is user text (not FTS syntax); results newest first:
 * GPtrArray of LiaisonSearchHit with a highlighted snippet. Every word must
 * match (case and accents ignored); the last word may be unfinished (prefix
 * match) unless it is a single character. */
void          liaison_store_search_async            (LiaisonStore        *self,
                                                     const char          *query,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray    *liaison_store_search_finish           (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A message to store. Strings are copied; NULL means "not known". */
typedef struct {
  const char *sid;            /* Twilio SID; a SID already stored is not added twice */
  const char *our_number;     /* our Twilio number, E.164 */
  const char *remote_number;  /* the other party */
  const char *direction;      /* "inbound", "outbound-api", …; NULL is "inbound" */
  const char *body;           /* valid UTF-8; NULL is "" */
  const char *status;         /* NULL: "received" when inbound, else "queued" */
  int         error_code;     /* Twilio error code, 0 for none */
  const char *error_message;
  guint       num_segments;   /* 0 is 1 */
  guint       num_media;
  gint64      date_created;   /* microseconds, UTC; 0 is now */
  gint64      date_sent;      /* 0 is not sent */
  gboolean    is_read;        /* inbound messages count as unread until read */
} LiaisonStoreMessageInfo;

/* Stores a message in the thread of (our_number, remote_number), creating the
 * thread (linked to the contact who has remote_number) if needed. The thread's
 * last message, time and unread count follow (database triggers). Returns the
 * message id; *out_thread_id gets its thread. A message whose SID is already
 * stored is not added again: its existing id is returned. */
void          liaison_store_add_message_async       (LiaisonStore                  *self,
                                                     const LiaisonStoreMessageInfo *info,
                                                     GCancellable                  *cancellable,
                                                     GAsyncReadyCallback            callback,
                                                     gpointer                       user_data);
gint64        liaison_store_add_message_finish      (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     gint64              *out_thread_id,
                                                     GError             **error);

/* Marks every inbound message of the thread read. */
void          liaison_store_mark_thread_read_async  (LiaisonStore        *self,
                                                     gint64               thread_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_mark_thread_read_finish (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* One thread summary, as in the list; LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_get_thread_async        (LiaisonStore        *self,
                                                     gint64               thread_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LiaisonThread *liaison_store_get_thread_finish      (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A contact to store. Strings are copied; NULL means "not known". */
typedef struct {
  const char         *display_name;   /* NULL: first and last name, else company */
  const char         *first_name;
  const char         *last_name;
  const char         *company;
  const char         *email;
  const char         *kind;           /* "lead" (NULL), "prospect", "client", "referral-partner" */
  const char         *pipeline_stage;
  const char         *owner;
  const char         *notes;
  const char * const *phones;         /* E.164, NULL-terminated; the first is primary */
  const char * const *tags;           /* NULL-terminated */
} LiaisonStoreContactInfo;

/* Adds a contact with its phones and tags; threads with one of its numbers
 * that had no contact are linked to it. Returns the new contact id, or 0. */
void          liaison_store_add_contact_async       (LiaisonStore                  *self,
                                                     const LiaisonStoreContactInfo *info,
                                                     GCancellable                  *cancellable,
                                                     GAsyncReadyCallback            callback,
                                                     gpointer                       user_data);
gint64        liaison_store_add_contact_finish      (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A contact with its phones and tags; LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_get_contact_async       (LiaisonStore        *self,
                                                     gint64               contact_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LiaisonContact *liaison_store_get_contact_finish    (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Messages after they are stored: status updates, SIDs, lookups
 * (liaison-store-messages.c). */
/* Moves a stored message's status forward only (Twilio's callbacks arrive
 * out of order): scheduled, accepted, queued < sending < sent < delivered,
 * undelivered, failed < read; "canceled" only from scheduled or queued. A
 * status that is not newer is ignored and 0 returned; otherwise the message
 * id, with *out_thread_id its thread. @error_code 0 and NULL message keep
 * what is stored; @date_sent 0 keeps it. Error 21610 records an opt-out in
 * the consent ledger (source "twilio-error"); 21211, 21614, 30003, 30005 and
 * 30006 flag the number as bad on its contact (contact_phones.is_bad). */
void          liaison_store_update_message_status_async  (LiaisonStore        *self,
                                                          const char          *sid,
                                                          const char          *status,
                                                          int                  error_code,
                                                          const char          *error_message,
                                                          gint64               date_sent,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gint64        liaison_store_update_message_status_finish (LiaisonStore        *self,
                                                          GAsyncResult        *result,
                                                          gint64              *out_thread_id,
                                                          GError             **error);

/* One message by id; LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_get_message_async            (LiaisonStore        *self,
                                                          gint64               message_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
LiaisonMessage *liaison_store_get_message_finish         (LiaisonStore        *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* @@ANCHOR messages@@ */

/* Threads for the inbox: lookups by number, media, archive
 * (liaison-store-threads.c). */
/* The thread of @remote_number with @our_number (both E.164); with
 * @our_number NULL, the most recent thread with @remote_number from any of
 * our numbers. LIAISON_STORE_ERROR_NOT_FOUND if there is none. */
void          liaison_store_find_thread_async       (LiaisonStore        *self,
                                                     const char          *remote_number,
                                                     const char          *our_number,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LiaisonThread *liaison_store_find_thread_finish     (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* The media of a message, in the order received: GPtrArray of
 * LiaisonMessageMedia (empty when it has none). */
void          liaison_store_list_message_media_async  (LiaisonStore        *self,
                                                       gint64               message_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray    *liaison_store_list_message_media_finish (LiaisonStore        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Adds a media item to a stored message (@sid and @url may be NULL, @size -1
 * when not known). A SID already stored is not added twice: its id is
 * returned. Returns the media id. */
void          liaison_store_add_message_media_async   (LiaisonStore        *self,
                                                       gint64               message_id,
                                                       const char          *sid,
                                                       const char          *content_type,
                                                       const char          *url,
                                                       gint64               size,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gint64        liaison_store_add_message_media_finish  (LiaisonStore        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Records where a media item was downloaded (NULL: forget the copy) and its
 * size (-1 keeps the stored one). LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_set_media_local_path_async  (LiaisonStore        *self,
                                                         gint64               media_id,
                                                         const char          *local_path,
                                                         gint64               size,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean      liaison_store_set_media_local_path_finish (LiaisonStore        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Archives or unarchives a thread; LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_set_thread_archived_async   (LiaisonStore        *self,
                                                         gint64               thread_id,
                                                         gboolean             archived,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean      liaison_store_set_thread_archived_finish  (LiaisonStore        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* @@ANCHOR threads@@ */

/* Contacts for the CRM pages: lists with filters, edits, imports
 * (liaison-store-contacts.c). */
/* (Contacts) */
#include "liaison-contact-import.h"
#include "liaison-timeline-item.h"

typedef enum {
  LIAISON_CONTACT_SORT_NAME,      /* display name A→Z, then id */
  LIAISON_CONTACT_SORT_UPDATED,   /* recently updated first */
  LIAISON_CONTACT_SORT_CREATED,   /* recently added first */
} LiaisonContactSort;

/* Which contacts to list. NULL or "" fields do not filter. */
typedef struct {
  const char         *query;          /* user text, full-text (last word a prefix) */
  const char         *pipeline_stage;
  const char         *kind;
  const char         *tag;
  const char         *owner;
  LiaisonContactSort  sort;
} LiaisonStoreContactFilter;

/* One page of contacts (with phones, tags, phone details, opted-out and
 * bad-number flags and last activity), keyset paged: @after is the last
 * contact of the previous page, NULL for the first. GPtrArray of
 * LiaisonContact. */
void          liaison_store_list_contacts_async     (LiaisonStore                    *self,
                                                     const LiaisonStoreContactFilter *filter,
                                                     LiaisonContact                  *after,
                                                     guint                            limit,
                                                     GCancellable                    *cancellable,
                                                     GAsyncReadyCallback              callback,
                                                     gpointer                         user_data);
GPtrArray    *liaison_store_list_contacts_finish    (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* One contact as in the lists (flags and phone details filled). */
void          liaison_store_get_contact_details_async  (LiaisonStore        *self,
                                                        gint64               contact_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
LiaisonContact *liaison_store_get_contact_details_finish (LiaisonStore        *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Adds (@contact_id 0) or replaces every field of a contact, its phones
 * (E.164, first primary; @phone_labels parallel to info->phones, may be NULL;
 * flags of numbers it keeps are kept) and its tags. updated_at is set.
 * Returns the contact id. */
void          liaison_store_save_contact_async      (LiaisonStore                  *self,
                                                     gint64                         contact_id,
                                                     const LiaisonStoreContactInfo *info,
                                                     const char * const            *phone_labels,
                                                     GCancellable                  *cancellable,
                                                     GAsyncReadyCallback            callback,
                                                     gpointer                       user_data);
gint64        liaison_store_save_contact_finish     (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

void          liaison_store_delete_contact_async    (LiaisonStore        *self,
                                                     gint64               contact_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_delete_contact_finish   (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* @stage NULL or "" clears it. */
void          liaison_store_set_pipeline_stage_async  (LiaisonStore        *self,
                                                       gint64               contact_id,
                                                       const char          *stage,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      liaison_store_set_pipeline_stage_finish (LiaisonStore        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

typedef enum {
  LIAISON_CONTACT_VALUES_STAGES,
  LIAISON_CONTACT_VALUES_TAGS,
  LIAISON_CONTACT_VALUES_OWNERS,
} LiaisonContactValues;

/* The distinct stages, tags or owners in use, sorted (for filter menus). */
void          liaison_store_list_contact_values_async  (LiaisonStore         *self,
                                                        LiaisonContactValues  which,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GStrv         liaison_store_list_contact_values_finish (LiaisonStore        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* A contact's history, newest first: messages of threads with one of its
 * numbers, calls, voicemails and consent events (GPtrArray of
 * LiaisonTimelineItem). @before is the last item of the previous page, or
 * NULL. */
void          liaison_store_list_contact_timeline_async  (LiaisonStore        *self,
                                                          gint64               contact_id,
                                                          LiaisonTimelineItem *before,
                                                          guint                limit,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray    *liaison_store_list_contact_timeline_finish (LiaisonStore        *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Imports LiaisonImportRecords in one transaction: each is validated
 * (liaison_import_record_validate() with @default_region), then merged into
 * the contact that has one of its numbers (E.164) or, failing that, its email
 * (case ignored), or added. Merging fills empty fields and adds phones and
 * tags; it never overwrites what is there. Returns a GArray of
 * LiaisonImportResult, one per record, in order. */
void          liaison_store_import_contacts_async   (LiaisonStore        *self,
                                                     GPtrArray           *records,
                                                     const char          *default_region,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GArray       *liaison_store_import_contacts_finish  (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* @@ANCHOR contacts@@ */

/* The tamper-evident journal: append-only (the database refuses UPDATE and
 * DELETE on it) and hash-chained: each entry stores the previous entry's hash
 * and hash = SHA-256 (previous hash, id, time, actor, action, subject, detail).
 * @detail is free text (JSON by convention); keep personal data out of it or
 * accept that it is kept for the retention period. Returns the entry id. */
void          liaison_store_journal_append_async    (LiaisonStore        *self,
                                                     const char          *actor,
                                                     const char          *action,
                                                     const char          *subject,
                                                     const char          *detail,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gint64        liaison_store_journal_append_finish   (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Walks the whole chain. TRUE if every entry's hash matches its content and
 * links to the entry before it, and the append-only triggers are in place;
 * otherwise FALSE with LIAISON_STORE_ERROR_CORRUPT naming the first bad entry.
 * *out_n_entries gets the number of entries checked. (Removing the newest
 * entries cannot be seen from the chain alone: compare with an exported hash.) */
void          liaison_store_journal_verify_async    (LiaisonStore        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      liaison_store_journal_verify_finish   (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     guint64             *out_n_entries,
                                                     GError             **error);

/* ------------------------------------------------------------------------
 * Calls: the call history, recordings, transcripts, summaries, voicemails
 * and legal hold (liaison-store-calls.c). Schema 3.
 * ------------------------------------------------------------------------ */
#include "liaison-call.h"
#include "liaison-recording.h"
#include "liaison-voicemail.h"
#include "liaison-transcript-sentence.h"

/* A call as Twilio reports it (a status callback, a voice webhook, the
 * Calls list). Every field but @sid may be NULL / 0; -1 means "not known"
 * for @duration_s. Times in µs since the Unix epoch, UTC. */
typedef struct {
  const char *sid;
  const char *parent_sid;
  const char *direction;       /* inbound, outbound-api, outbound-dial */
  const char *from;            /* as Twilio gives them; E.164 is matched */
  const char *to;
  const char *status;          /* CallStatus */
  const char *answered_by;
  const char *dial_status;     /* DialCallStatus of the <Dial> (inbound) */
  int         error_code;
  const char *error_message;
  const char *price;
  const char *price_unit;
  gint64      started_at;
  gint64      answered_at;
  gint64      ended_at;
  int         duration_s;      /* -1: not known */
  gint64      event_time;      /* when Twilio reported it (0: now) */
} LiaisonStoreCallInfo;

/* Adds or updates a call by its SID. The status only moves forward (queued <
 * initiated < ringing < in-progress < the final ones), so a late "ringing"
 * never overwrites "completed"; a final status fills ended_at and the
 * duration. The contact is the one with the client's number (contact_phones),
 * the thread the one with both numbers. Fields already known are kept when the
 * update does not carry them. G_IO_ERROR_INVALID_ARGUMENT for a SID that is
 * not a call SID. @out_is_new and @out_changed (may be NULL) say whether the
 * call was added now and whether anything changed. Returns the call id. */
void          liaison_store_upsert_call_async       (LiaisonStore               *self,
                                                     const LiaisonStoreCallInfo *info,
                                                     GCancellable               *cancellable,
                                                     GAsyncReadyCallback         callback,
                                                     gpointer                    user_data);
gint64        liaison_store_upsert_call_finish      (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     gboolean            *out_is_new,
                                                     gboolean            *out_changed,
                                                     GError             **error);

/* Which calls to list; zero / NULL fields do not filter. */
typedef struct {
  gboolean    missed_only;
  gboolean    inbound_only;
  gboolean    outbound_only;
  gint64      contact_id;
  const char *remote_number;   /* E.164, the client's side */
  gint64      since;           /* started_at >= since (µs) */
  gint64      until;           /* started_at < until (µs) */
} LiaisonStoreCallFilter;

/* Calls newest first (started_at, id), keyset paged: @before is the last
 * call of the previous page (its started_at and id), NULL for the first.
 * GPtrArray of LiaisonCall. Each filter is served by an index. */
void          liaison_store_list_calls_async        (LiaisonStore                 *self,
                                                     const LiaisonStoreCallFilter *filter,
                                                     const LiaisonStoreCursor     *before,
                                                     guint                         limit,
                                                     GCancellable                 *cancellable,
                                                     GAsyncReadyCallback           callback,
                                                     gpointer                      user_data);
GPtrArray    *liaison_store_list_calls_finish       (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A transcript's header. */
typedef struct {
  gint64  id;
  char   *sid;        /* Twilio's transcript SID, or NULL */
  char   *call_sid;
  char   *recording_sid;
  char   *source;     /* "twilio" or "local" */
  char   *engine;     /* "voice-intelligence", "legacy", "whisper", … or NULL */
  char   *language;
  char   *status;
  gint64  created_at;
  gint64  updated_at;
} LiaisonStoreTranscript;

void          liaison_store_transcript_free         (LiaisonStoreTranscript *transcript);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreTranscript, liaison_store_transcript_free)

/* A summary of a call. */
typedef struct {
  gint64   id;
  char    *call_sid;
  gint64   transcript_id;      /* 0: none */
  char    *source;             /* "voice-intelligence", "device", "endpoint", … */
  char    *summary;
  GStrv    action_items;       /* never NULL */
  char    *highlights_json;    /* JSON text or NULL */
  char    *compliance_json;    /* JSON text or NULL */
  char    *extra_json;         /* JSON text or NULL */
  gint64   created_at;
  gint64   updated_at;
} LiaisonStoreSummary;

void          liaison_store_summary_free            (LiaisonStoreSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreSummary, liaison_store_summary_free)

/* A call with what belongs to it. */
typedef struct {
  LiaisonCall            *call;
  GPtrArray              *recordings;   /* LiaisonRecording, oldest first */
  LiaisonStoreTranscript *transcript;   /* the newest one, or NULL */
  GPtrArray              *sentences;    /* LiaisonTranscriptSentence of it (empty if none) */
  GPtrArray              *summaries;    /* LiaisonStoreSummary, newest first */
} LiaisonStoreCallDetails;

void          liaison_store_call_details_free       (LiaisonStoreCallDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreCallDetails, liaison_store_call_details_free)

/* One call by SID with its recordings, newest transcript (and its sentences)
 * and summaries. LIAISON_STORE_ERROR_NOT_FOUND if there is none. */
void          liaison_store_get_call_async          (LiaisonStore        *self,
                                                     const char          *call_sid,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LiaisonStoreCallDetails *liaison_store_get_call_finish (LiaisonStore        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* A recording as Twilio reports it (recording status callback, the
 * Recordings list). -1: not known. */
typedef struct {
  const char *sid;
  const char *call_sid;
  const char *status;        /* in-progress, completed, absent, failed, … */
  const char *source;
  const char *media_url;
  int         duration_s;
  int         channels;      /* 0: not known */
  int         error_code;
  gint64      started_at;    /* 0: now */
} LiaisonStoreRecordingInfo;

/* Adds or updates a recording by its SID (fields not given are kept; a
 * recording deleted here stays deleted; the status only moves forward).
 * G_IO_ERROR_INVALID_ARGUMENT for a bad SID. Returns the recording id. */
void          liaison_store_upsert_recording_async  (LiaisonStore                    *self,
                                                     const LiaisonStoreRecordingInfo *info,
                                                     GCancellable                    *cancellable,
                                                     GAsyncReadyCallback              callback,
                                                     gpointer                         user_data);
gint64        liaison_store_upsert_recording_finish (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     gboolean            *out_is_new,
                                                     gboolean            *out_changed,
                                                     GError             **error);

/* One recording by SID; LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_get_recording_async     (LiaisonStore        *self,
                                                     const char          *recording_sid,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LiaisonRecording *liaison_store_get_recording_finish (LiaisonStore        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Where a recording was cached (NULL: forget the copy) and its size (-1:
 * keep the stored one). LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_set_recording_local_path_async  (LiaisonStore        *self,
                                                             const char          *recording_sid,
                                                             const char          *local_path,
                                                             gint64               size,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean      liaison_store_set_recording_local_path_finish (LiaisonStore        *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* Stores a transcript of a call (and of @recording_sid, may be NULL) with
 * its sentences (GPtrArray of LiaisonTranscriptSentence), replacing the
 * sentences of an earlier transcript of the same call, recording and source
 * (its summaries are kept). @source is "twilio" or "local"
 * (G_IO_ERROR_INVALID_ARGUMENT otherwise); @engine, @sid, @language may be
 * NULL. Returns the transcript id. */
void          liaison_store_save_transcript_async   (LiaisonStore        *self,
                                                     const char          *call_sid,
                                                     const char          *recording_sid,
                                                     const char          *source,
                                                     const char          *engine,
                                                     const char          *sid,
                                                     const char          *language,
                                                     GPtrArray           *sentences,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gint64        liaison_store_save_transcript_finish  (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* The sentences of a transcript, in order: GPtrArray of
 * LiaisonTranscriptSentence (empty if none). */
void          liaison_store_list_sentences_async    (LiaisonStore        *self,
                                                     gint64               transcript_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray    *liaison_store_list_sentences_finish   (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A transcript sentence found by liaison_store_search_sentences_async(). */
typedef struct {
  gint64  sentence_id;
  gint64  transcript_id;
  char   *call_sid;
  gint64  contact_id;        /* 0: none */
  gint64  start_ms;
  gint64  time;              /* the call's start + start_ms, µs */
  char   *snippet;           /* matches between \001 and \002 */
} LiaisonStoreSentenceHit;

void          liaison_store_sentence_hit_free       (LiaisonStoreSentenceHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreSentenceHit, liaison_store_sentence_hit_free)

/* Full-text search of transcript sentences (user text, last word a prefix),
 * newest sentence first: GPtrArray of LiaisonStoreSentenceHit (empty when
 * nothing searchable is left of @query). */
void          liaison_store_search_sentences_async  (LiaisonStore        *self,
                                                     const char          *query,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray    *liaison_store_search_sentences_finish (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Saves the summary of a call from @source, replacing the previous one from
 * the same source. @action_items and the JSON texts may be NULL; JSON that
 * does not parse is refused (G_IO_ERROR_INVALID_ARGUMENT). @transcript_id 0:
 * none. Returns the summary id. */
void          liaison_store_save_summary_async      (LiaisonStore        *self,
                                                     const char          *call_sid,
                                                     gint64               transcript_id,
                                                     const char          *source,
                                                     const char          *summary,
                                                     const char * const  *action_items,
                                                     const char          *highlights_json,
                                                     const char          *compliance_json,
                                                     const char          *extra_json,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gint64        liaison_store_save_summary_finish     (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* The summary of a call from @source (NULL: the newest from any source).
 * LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_get_summary_async       (LiaisonStore        *self,
                                                     const char          *call_sid,
                                                     const char          *source,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LiaisonStoreSummary *liaison_store_get_summary_finish (LiaisonStore        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* A voicemail left on a call. @recording_sid may be NULL (not known yet);
 * the recording row is made if missing. The call is marked missed. The
 * contact is matched by @from. -1: duration not known. Returns the
 * voicemail id; @out_is_new (may be NULL) says whether it was added now. */
void          liaison_store_upsert_voicemail_async  (LiaisonStore        *self,
                                                     const char          *call_sid,
                                                     const char          *recording_sid,
                                                     const char          *recording_url,
                                                     const char          *from,
                                                     const char          *to,
                                                     int                  duration_s,
                                                     gint64              time,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gint64        liaison_store_upsert_voicemail_finish (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     gboolean            *out_is_new,
                                                     GError             **error);

/* Voicemails newest first (created_at, id), keyset paged like the calls;
 * @unhandled_only leaves out those marked handled. GPtrArray of
 * LiaisonVoicemail. */
void          liaison_store_list_voicemails_async   (LiaisonStore              *self,
                                                     gboolean                   unhandled_only,
                                                     const LiaisonStoreCursor  *before,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GPtrArray    *liaison_store_list_voicemails_finish  (LiaisonStore        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Marks a voicemail handled (and heard) now, or not handled.
 * LIAISON_STORE_ERROR_NOT_FOUND if none. */
void          liaison_store_set_voicemail_handled_async  (LiaisonStore        *self,
                                                          gint64               voicemail_id,
                                                          gboolean             handled,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean      liaison_store_set_voicemail_handled_finish (LiaisonStore        *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Legal hold: a call's or a contact's recordings are never deleted by the
 * retention policy while held. Each change is journalled (@actor, may be
 * NULL: "user"). LIAISON_STORE_ERROR_NOT_FOUND if there is no such call or
 * contact. */
void          liaison_store_set_call_legal_hold_async     (LiaisonStore        *self,
                                                           const char          *call_sid,
                                                           gboolean             hold,
                                                           const char          *actor,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean      liaison_store_set_call_legal_hold_finish    (LiaisonStore        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void          liaison_store_set_contact_legal_hold_async  (LiaisonStore        *self,
                                                           gint64               contact_id,
                                                           gboolean             hold,
                                                           const char          *actor,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean      liaison_store_set_contact_legal_hold_finish (LiaisonStore        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Whether a contact is on legal hold. */
void          liaison_store_get_contact_legal_hold_async  (LiaisonStore        *self,
                                                           gint64               contact_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean      liaison_store_get_contact_legal_hold_finish (LiaisonStore        *self,
                                                           GAsyncResult        *result,
                                                           gboolean            *out_hold,
                                                           GError             **error);


G_END_DECLS
