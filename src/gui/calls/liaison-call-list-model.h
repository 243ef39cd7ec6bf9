/* liaison-call-list-model.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALL_LIST_MODEL (liaison_call_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallListModel, liaison_call_list_model, LIAISON, CALL_LIST_MODEL, GObject)

/* The call history, newest first: a GListModel of LiaisonCall paged from the
 * store by keyset, a page at a time, through a filter. Asking for an item
 * near the end of what is loaded loads the next page. */
LiaisonCallListModel *liaison_call_list_model_new          (void);

/* Drops everything and loads the first page from @store (NULL: empty). */
void          liaison_call_list_model_set_store    (LiaisonCallListModel         *self,
                                                    LiaisonStore                 *store);
LiaisonStore *liaison_call_list_model_get_store    (LiaisonCallListModel         *self);
/* Copies @filter (NULL: every call) and reloads. */
void          liaison_call_list_model_set_filter   (LiaisonCallListModel         *self,
                                                    const LiaisonStoreCallFilter *filter);
void          liaison_call_list_model_reload       (LiaisonCallListModel         *self);
void          liaison_call_list_model_load_more    (LiaisonCallListModel         *self);
/* TRUE while a page is being read (property "loading"). */
gboolean      liaison_call_list_model_get_loading  (LiaisonCallListModel         *self);
/* TRUE once the oldest call is loaded (property "complete"). */
gboolean      liaison_call_list_model_get_complete (LiaisonCallListModel         *self);
/* The position of the call, or -1 when it is not loaded. */
int           liaison_call_list_model_find         (LiaisonCallListModel         *self,
                                                    const char                   *call_sid);
/* Reads the call from the store and puts it in its place: replaced where it
 * is, or added at its time when it is newer than the oldest loaded one and
 * passes the filter (legs the history does not list never are). Loaded calls
 * whose parent is @call_sid are read again too. */
void          liaison_call_list_model_refresh_call (LiaisonCallListModel         *self,
                                                    const char                   *call_sid);

G_END_DECLS
