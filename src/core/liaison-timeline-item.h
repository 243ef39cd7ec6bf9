/* liaison-timeline-item.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  LIAISON_TIMELINE_MESSAGE,
  LIAISON_TIMELINE_CALL,
  LIAISON_TIMELINE_VOICEMAIL,
  LIAISON_TIMELINE_CONSENT,
} LiaisonTimelineKind;

#define LIAISON_TYPE_TIMELINE_ITEM (liaison_timeline_item_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTimelineItem, liaison_timeline_item, LIAISON, TIMELINE_ITEM, GObject)

/* One entry of a contact's history: a message, a call, a voicemail or a
 * consent ledger event. Immutable. */
LiaisonTimelineKind liaison_timeline_item_get_kind      (LiaisonTimelineItem *self);
/* The row id in its own table (messages, calls, voicemails, consent_events). */
gint64              liaison_timeline_item_get_id        (LiaisonTimelineItem *self);
/* µs since the epoch, UTC. */
gint64              liaison_timeline_item_get_time      (LiaisonTimelineItem *self);
/* The message body, "opt-out (keyword STOP)", … never NULL. */
const char         *liaison_timeline_item_get_summary   (LiaisonTimelineItem *self);
/* "inbound", "outbound-api", … for messages and calls; NULL otherwise. */
const char         *liaison_timeline_item_get_direction (LiaisonTimelineItem *self);
/* The message or call status, the consent event ("opt-in", "opt-out",
 * "help"), or NULL. */
const char         *liaison_timeline_item_get_status    (LiaisonTimelineItem *self);
/* The thread to open (messages, calls of a thread), or 0. */
gint64              liaison_timeline_item_get_thread_id (LiaisonTimelineItem *self);
/* The call to open (calls, voicemails), or NULL. */
const char         *liaison_timeline_item_get_call_sid  (LiaisonTimelineItem *self);

LiaisonTimelineItem *_liaison_timeline_item_new (LiaisonTimelineKind  kind,
                                                 gint64               id,
                                                 gint64               time,
                                                 const char          *summary,
                                                 const char          *direction,
                                                 const char          *status,
                                                 gint64               thread_id,
                                                 const char          *call_sid);

G_END_DECLS
