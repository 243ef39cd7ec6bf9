/* liaison-inbox-format.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "liaison-thread.h"

G_BEGIN_DECLS

/* How the inbox shows times, names and delivery states. Times are
 * microseconds since the Unix epoch, UTC, shown in the local time zone. */

/* For the thread list: "14:05" today, "Yesterday", "Mon" within the week,
 * "12 Mar" this year, "12 Mar 2024" before. */
char       *liaison_inbox_format_relative_time (gint64 time,
                                                gint64 now);
/* For day separators: "Today", "Yesterday", "Monday 3 March",
 * "Monday 3 March 2024". */
char       *liaison_inbox_format_day           (gint64 time,
                                                gint64 now);
/* "14:05" */
char       *liaison_inbox_format_clock         (gint64 time);
/* "Mon 3 Mar, 14:05" */
char       *liaison_inbox_format_date_time     (gint64 time);
/* TRUE when both times fall on the same local day. */
gboolean    liaison_inbox_same_day             (gint64 a,
                                                gint64 b);
/* Today's local date (a Julian day): rows whose text says "Today" or
 * "Yesterday" keep it, to know when it has gone stale. */
guint       liaison_inbox_today                (void);

/* The contact's name, else the remote number formatted for display. */
char       *liaison_inbox_thread_title         (LiaisonThread *thread);
char       *liaison_inbox_format_number        (const char    *e164);

/* A symbolic icon and a translated explanation for a message status
 * ("queued", "sending", "sent", "delivered", "undelivered", "failed",
 * "scheduled", "canceled", "read", "received"…), or NULL for statuses shown
 * without an icon. */
const char *liaison_inbox_status_icon_name     (const char    *status);
const char *liaison_inbox_status_description   (const char    *status);
/* TRUE for "failed" and "undelivered". */
gboolean    liaison_inbox_status_is_failure    (const char    *status);

/* The Twilio error @code explained in plain words with what to do about it;
 * @fallback (Twilio's own message, may be NULL) when the code is unknown. */
char       *liaison_inbox_explain_error        (int            code,
                                                const char    *fallback);

G_END_DECLS
