/* liaison-thread-list-model.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_THREAD_LIST_MODEL (liaison_thread_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonThreadListModel, liaison_thread_list_model, LIAISON, THREAD_LIST_MODEL, GObject)

/* The thread list, newest first: a GListModel of LiaisonThread that pages
 * from the store by keyset, a page at a time. Asking for an item near the end
 * of what is loaded loads the next page. */
LiaisonThreadListModel *liaison_thread_list_model_new            (void);

/* Drops everything and loads the first page from @store (NULL: empty). */
void                    liaison_thread_list_model_set_store      (LiaisonThreadListModel *self,
                                                                  LiaisonStore           *store);
LiaisonStore           *liaison_thread_list_model_get_store      (LiaisonThreadListModel *self);
void                    liaison_thread_list_model_reload         (LiaisonThreadListModel *self);
void                    liaison_thread_list_model_load_more      (LiaisonThreadListModel *self);
/* How many threads the first page of the next (re)load reads: as many as
 * the list shows (0: a default of 20; at most a page of 50). */
void                    liaison_thread_list_model_set_first_page_size (LiaisonThreadListModel *self,
                                                                       guint                   n_threads);
/* The frame clock of the list showing the model, or NULL. With one, the
 * pages after the first of a (re)load are fetched only once a frame has
 * painted the first: a GtkListView that has not measured a row yet makes a
 * widget for every item it is given, so fetching ahead before that built
 * rows for 120 threads before the first 20 were on screen. */
void                    liaison_thread_list_model_set_frame_clock (LiaisonThreadListModel *self,
                                                                  GdkFrameClock          *frame_clock);
/* TRUE while a page is being read (property "loading"). */
gboolean                liaison_thread_list_model_get_loading    (LiaisonThreadListModel *self);
/* TRUE once the oldest thread is loaded (property "complete"). */
gboolean                liaison_thread_list_model_get_complete   (LiaisonThreadListModel *self);

/* The position of the thread, or -1 when it is not loaded. */
int                     liaison_thread_list_model_find           (LiaisonThreadListModel *self,
                                                                  gint64                  thread_id);
/* The loaded thread, or NULL. */
LiaisonThread          *liaison_thread_list_model_lookup         (LiaisonThreadListModel *self,
                                                                  gint64                  thread_id);
/* Puts a newer snapshot of a thread in its place by time, moving it up when
 * it has a newer message; a thread older than what is loaded is left for
 * paging. */
void                    liaison_thread_list_model_update_thread  (LiaisonThreadListModel *self,
                                                                  LiaisonThread          *thread);
/* Reads the thread from the store, then updates it as above. */
void                    liaison_thread_list_model_refresh_thread (LiaisonThreadListModel *self,
                                                                  gint64                  thread_id);

G_END_DECLS
