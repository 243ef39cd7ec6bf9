/* liaison-composer.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_COMPOSER (liaison_composer_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonComposer, liaison_composer, LIAISON, COMPOSER, GtkWidget)

/* The message entry at the bottom of a conversation: a text view with the
 * live segment count and encoding (naming the character that forces UCS-2,
 * offering to replace look-alikes), the compliance gate's verdict for this
 * recipient before sending, templates, and "Send Later". Sending queues the
 * text in the application's outbox. */
GtkWidget  *liaison_composer_new           (void);

/* Who the text goes to (E.164), from which of our numbers (NULL: the default
 * sender), and the contact if known (0: none; used for placeholders and the
 * gate's explanation). Clears nothing else. */
void        liaison_composer_set_recipient (LiaisonComposer *self,
                                            const char      *to,
                                            const char      *from,
                                            gint64           contact_id);
const char *liaison_composer_get_recipient (LiaisonComposer *self);

/* Replaces the draft. */
void        liaison_composer_set_text      (LiaisonComposer *self,
                                            const char      *text);
/* The draft, newly allocated. */
char       *liaison_composer_get_text      (LiaisonComposer *self);

/* Actions (in the "composer." group on the widget), for buttons and tests:
 *   composer.send            send now (asks first if the gate warns)
 *   composer.send-later      pick a date and time in the recipient's zone
 *   composer.replace-lookalikes
 *   composer.insert-template (x: template id)
 *
 * Signals:
 *   sent (gint64 message_id): the text was queued in the outbox (the draft is cleared).
 *   blocked (LiaisonGateDecision *decision): the gate refused it. */

G_END_DECLS
