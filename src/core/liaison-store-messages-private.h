/* liaison-store-messages-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-consent-ledger.h"
#include "liaison-store-private.h"

G_BEGIN_DECLS

/* Worker-side pieces shared by liaison-store-messages.c, the consent ledger
 * and the outbox. Every function here runs on the store's worker thread
 * inside a transaction the caller began (_liaison_store_begin), so several
 * changes commit or roll back together. */

/* Inserts a message into the thread of (our_number, remote_number), creating
 * the thread if needed, as liaison_store_add_message_async() does (with the
 * same defaults for NULL fields). @scheduled_at 0 is none. A SID already
 * stored is not added again: its row is returned. */
gboolean  _liaison_store_insert_message_locked   (LiaisonStore                  *self,
                                                  const LiaisonStoreMessageInfo *info,
                                                  gint64                         scheduled_at,
                                                  gint64                        *out_message_id,
                                                  gint64                        *out_thread_id,
                                                  gboolean                      *out_is_new,
                                                  GError                       **error);

/* Sets a message's SID, status, date sent (0 keeps) and segments (0 keeps),
 * whatever its status was (the outbox records Twilio's answer to its own
 * send). *out_thread_id (nullable) gets its thread. */
gboolean  _liaison_store_set_message_sent_locked (LiaisonStore  *self,
                                                  gint64         message_id,
                                                  const char    *sid,
                                                  const char    *status,
                                                  gint64         date_sent,
                                                  guint          num_segments,
                                                  gint64        *out_thread_id,
                                                  GError       **error);

/* Sets a message's status (and, when not 0/NULL, its error) by id, without
 * the forward-only rule (the outbox's own states: sending, queued again after
 * a retry, canceled, failed). */
gboolean  _liaison_store_set_message_status_locked (LiaisonStore  *self,
                                                    gint64         message_id,
                                                    const char    *status,
                                                    int            error_code,
                                                    const char    *error_message,
                                                    gint64        *out_thread_id,
                                                    GError       **error);

/* Moves a scheduled message's time (@scheduled_at µs UTC, 0 for none). */
gboolean  _liaison_store_set_message_scheduled_locked (LiaisonStore  *self,
                                                       gint64         message_id,
                                                       gint64         scheduled_at,
                                                       gint64        *out_thread_id,
                                                       GError       **error);

/* The side effects of a Twilio error code for a send from @our_number to
 * @to_number: 21610 records an opt-out (source "twilio-error", note "21610",
 * @message_sid may be NULL); 21211, 21614, 30003, 30005 and 30006 flag the
 * number as bad on every contact that has it. *out_consent_event_id gets the
 * new consent event's id (0 when none was added). */
gboolean  _liaison_store_apply_error_code_locked (LiaisonStore  *self,
                                                  const char    *to_number,
                                                  const char    *our_number,
                                                  const char    *message_sid,
                                                  int            error_code,
                                                  gint64        *out_consent_event_id,
                                                  GError       **error);

/* Records a consent event (see liaison_consent_ledger_record_async()).
 * Returns the event id, or 0 with @error; *out_added is FALSE when an event
 * with the same message SID and event was already recorded. @info->time 0 is
 * now. */
gint64    _liaison_consent_ledger_record_locked  (LiaisonStore                  *self,
                                                  const LiaisonConsentEventInfo *info,
                                                  gboolean                      *out_added,
                                                  GError                       **error);

/* Main thread: appends the journal entry of a consent change (action
 * "consent.opt-out" / "consent.opt-in" / "consent.help", subject
 * "consent:<id>"); failures are logged. */

G_END_DECLS
