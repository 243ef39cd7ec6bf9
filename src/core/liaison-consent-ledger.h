/* liaison-consent-ledger.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-consent-event.h"
#include "liaison-keywords.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* The opt-out and consent ledger, kept in the store (consent_events, which
 * the database keeps append-only, and consent_state, each number's latest
 * opt-in or opt-out). Every change says when, from where (a keyword, a person
 * by phone, email or in person, a Twilio 21610, an import) and, for keywords,
 * which message caused it. An opt-out covers the number for every one of our
 * numbers. */

typedef enum {
  LIAISON_CONSENT_UNKNOWN,
  LIAISON_CONSENT_OPTED_IN,
  LIAISON_CONSENT_OPTED_OUT,
} LiaisonConsentState;

typedef struct {
  const char *e164;          /* required */
  const char *event;         /* "opt-in", "opt-out" or "help"; required */
  const char *source;        /* "keyword", "manual", "twilio-error", "import"; required */
  const char *channel;       /* "sms", "phone", "email", "in-person", "web", "written", or NULL */
  const char *message_sid;
  const char *note;          /* the keyword, how consent was obtained, the error… */
  const char *our_number;
  gint64      time;          /* µs UTC; 0 is now */
} LiaisonConsentEventInfo;

/* Records one event (the contact who has the number is linked). Returns the
 * event id. An event with the same message_sid and event already recorded is
 * not added twice (webhooks are delivered at least once): its id is returned. */
void                liaison_consent_ledger_record_async        (LiaisonStore                  *store,
                                                                const LiaisonConsentEventInfo *info,
                                                                GCancellable                  *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
gint64              liaison_consent_ledger_record_finish       (LiaisonStore         *store,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* The current state of a number; *out_event (nullable) gets the event that set it. */
void                liaison_consent_ledger_get_state_async     (LiaisonStore         *store,
                                                                const char           *e164,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
LiaisonConsentState liaison_consent_ledger_get_state_finish    (LiaisonStore         *store,
                                                                GAsyncResult         *result,
                                                                LiaisonConsentEvent **out_event,
                                                                GError              **error);

/* The ledger of a contact (all its numbers) or, with @contact_id 0, of @e164;
 * newest first: GPtrArray of LiaisonConsentEvent. */
void                liaison_consent_ledger_list_async          (LiaisonStore         *store,
                                                                gint64                contact_id,
                                                                const char           *e164,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GPtrArray          *liaison_consent_ledger_list_finish         (LiaisonStore         *store,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* Applies an inbound message: a keyword (liaison_keyword_classify(), with
 * Twilio's OptOutType when present) records the matching event with source
 * "keyword", channel "sms", the message SID and the keyword as note. Returns
 * the keyword found (LIAISON_KEYWORD_NONE when nothing was recorded). */
void                liaison_consent_ledger_apply_inbound_async (LiaisonStore         *store,
                                                                const char           *from,
                                                                const char           *to,
                                                                const char           *body,
                                                                const char           *opt_out_type,
                                                                const char           *message_sid,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
LiaisonKeyword      liaison_consent_ledger_apply_inbound_finish (LiaisonStore        *store,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* When a revocation received at @revoked_at (µs UTC) must be honoured by:
 * ten business days later (Monday to Friday, in @tz; NULL is local), at the
 * end of that day. */
gint64              liaison_consent_revocation_deadline        (gint64                revoked_at,
                                                                GTimeZone            *tz);

G_END_DECLS
