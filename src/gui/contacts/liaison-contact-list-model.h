/* liaison-contact-list-model.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_LIST_MODEL (liaison_contact_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactListModel, liaison_contact_list_model, LIAISON, CONTACT_LIST_MODEL, GObject)

/* A GListModel of LiaisonContact that pages from the store by key: the first
 * page on reload, the next ones on liaison_contact_list_model_load_more(). */
LiaisonContactListModel *liaison_contact_list_model_new        (void);
void                     liaison_contact_list_model_set_store  (LiaisonContactListModel         *self,
                                                                LiaisonStore                    *store);
/* Copies @filter and reloads. */
void                     liaison_contact_list_model_set_filter (LiaisonContactListModel         *self,
                                                                const LiaisonStoreContactFilter *filter);
/* Reads the first page again; the items shown stay until it replaces them
 * (one items-changed), so that the list keeps its rows. */
void                     liaison_contact_list_model_reload     (LiaisonContactListModel         *self);
/* Loads the next page unless one is loading or the end was reached. */
void                     liaison_contact_list_model_load_more  (LiaisonContactListModel         *self);
gboolean                 liaison_contact_list_model_get_loading  (LiaisonContactListModel       *self);
/* TRUE once the first page of the current filter has arrived. */
gboolean                 liaison_contact_list_model_get_loaded   (LiaisonContactListModel       *self);
/* TRUE when every contact of the filter is loaded. */
gboolean                 liaison_contact_list_model_get_complete (LiaisonContactListModel       *self);
/* Whether any filter or search is set. */
gboolean                 liaison_contact_list_model_get_filtered (LiaisonContactListModel       *self);
/* The position of the contact with @id, or -1. */
int                      liaison_contact_list_model_find        (LiaisonContactListModel        *self,
                                                                 gint64                          id);

G_END_DECLS
