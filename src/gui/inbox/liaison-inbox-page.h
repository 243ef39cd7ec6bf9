/* liaison-inbox-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-conversation-view.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_INBOX_PAGE (liaison_inbox_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonInboxPage, liaison_inbox_page, LIAISON, INBOX_PAGE, AdwBin)

/* The Inbox: the thread list (newest first, with search) beside the open
 * conversation, folding into one pane on narrow windows. */
GtkWidget               *liaison_inbox_page_new                   (void);

/* Opens the thread (scrolled to @message_id if not 0). */
void                     liaison_inbox_page_open_thread           (LiaisonInboxPage *self,
                                                                   gint64            thread_id,
                                                                   gint64            message_id);
/* Opens the conversation with @text, a number as typed ("(203) 555-0123") or
 * in E.164, with the composer focused; an empty one if there is no thread.
 * FALSE with LIAISON_PHONE_ERROR if it is not a phone number. */
gboolean                 liaison_inbox_page_text_number           (LiaisonInboxPage *self,
                                                                   const char       *text,
                                                                   GError          **error);
/* Shows the search bar and focuses it. */
void                     liaison_inbox_page_start_search          (LiaisonInboxPage *self);
/* A message of @thread_id was added or changed (the outbox's and the relay
 * client's signals come here): moves the thread to its place in the list
 * and updates the open conversation, without reloading everything. */
void                     liaison_inbox_page_refresh_thread        (LiaisonInboxPage *self,
                                                                   gint64            thread_id);
/* Re-reads the thread list from the store. */
void                     liaison_inbox_page_reload                (LiaisonInboxPage *self);

/* The thread list (GListModel of LiaisonThread) and the search results
 * (GListModel of LiaisonSearchHit). */
GListModel              *liaison_inbox_page_get_threads           (LiaisonInboxPage *self);
GListModel              *liaison_inbox_page_get_search_results    (LiaisonInboxPage *self);
/* TRUE while a search runs (property "searching"). */
gboolean                 liaison_inbox_page_get_searching         (LiaisonInboxPage *self);
LiaisonConversationView *liaison_inbox_page_get_conversation_view (LiaisonInboxPage *self);

G_END_DECLS
