/* liaison-send-later-dialog.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_SEND_LATER_DIALOG (liaison_send_later_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSendLaterDialog, liaison_send_later_dialog, LIAISON, SEND_LATER_DIALOG, AdwWindow)

/* Picks a date and a time in the recipient's time zone (@time_zone, an IANA
 * identifier; NULL or unknown: this computer's), starting at @initial_usec
 * (µs UTC; rounded up to the next quarter hour). @now_usec is the present,
 * from the gate's clock: earlier times are refused.
 *
 * Signal "schedule" (gint64 send_at): the person chose a time in the future
 * (µs UTC). The dialog stays open, busy, until the caller closes it or shows
 * an error with liaison_send_later_dialog_set_error(). */
GtkWidget *liaison_send_later_dialog_new       (const char             *time_zone,
                                                gint64                  now_usec,
                                                gint64                  initial_usec);
/* The chosen moment, µs UTC. */
gint64     liaison_send_later_dialog_get_send_at (LiaisonSendLaterDialog *self);
/* Selects @send_at (µs UTC) in the dialog's time zone. */
void       liaison_send_later_dialog_set_send_at (LiaisonSendLaterDialog *self,
                                                  gint64                  send_at);
/* Shows why scheduling failed (NULL hides it) and ends the busy state. */
void       liaison_send_later_dialog_set_error (LiaisonSendLaterDialog *self,
                                                const char             *message);
/* "Time in New York (EST)" as shown above the time. */
const char *liaison_send_later_dialog_get_zone_label (LiaisonSendLaterDialog *self);

G_END_DECLS
