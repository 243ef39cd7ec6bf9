/* liaison-conversation-view.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONVERSATION_VIEW (liaison_conversation_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConversationView, liaison_conversation_view, LIAISON, CONVERSATION_VIEW, AdwBin)

/* One conversation: a header with the name or number, the messages (newest
 * at the bottom, older pages loaded by keyset as the user scrolls up) and the
 * composer. */
GtkWidget    *liaison_conversation_view_new               (void);

/* The store messages come from; NULL clears the view. */
void          liaison_conversation_view_set_store         (LiaisonConversationView *self,
                                                           LiaisonStore            *store);

/* Shows the thread's newest messages, scrolled to the bottom (or to
 * @message_id when it is not 0), and marks it read. */
void          liaison_conversation_view_open_thread       (LiaisonConversationView *self,
                                                           gint64                   thread_id,
                                                           gint64                   message_id);
/* Shows the thread with @e164 (E.164), or an empty conversation ready to
 * write to it when there is none yet. */
void          liaison_conversation_view_open_number       (LiaisonConversationView *self,
                                                           const char              *e164);
/* Back to "no conversation selected". */
void          liaison_conversation_view_close             (LiaisonConversationView *self);

/* The open thread, 0 for none or a new conversation. */
gint64        liaison_conversation_view_get_thread_id     (LiaisonConversationView *self);
/* The other party (E.164), or NULL. */
const char   *liaison_conversation_view_get_remote_number (LiaisonConversationView *self);
/* TRUE while a page of messages is read or the view settles on it
 * (property "loading"). */
gboolean      liaison_conversation_view_get_loading       (LiaisonConversationView *self);
/* TRUE once the oldest message is loaded. */
gboolean      liaison_conversation_view_get_complete      (LiaisonConversationView *self);
/* The items shown, oldest first: LiaisonMessage and LiaisonDaySeparator. */
GListModel   *liaison_conversation_view_get_items         (LiaisonConversationView *self);
GtkWidget    *liaison_conversation_view_get_composer      (LiaisonConversationView *self);
GtkWidget    *liaison_conversation_view_get_list_view     (LiaisonConversationView *self);
void          liaison_conversation_view_focus_composer    (LiaisonConversationView *self);
void          liaison_conversation_view_set_show_back_button (LiaisonConversationView *self,
                                                              gboolean                 show);

/* A message of the open thread was added or changed: re-reads the newest
 * messages and merges them (following the bottom if the view was there). */
void          liaison_conversation_view_reload_tail       (LiaisonConversationView *self);

/* Signals:
 *   thread-read (gint64 thread_id): the thread was marked read.
 *   thread-changed (gint64 thread_id): a message of it was sent from here.
 *   go-back (): the header's back button was pressed. */

G_END_DECLS
