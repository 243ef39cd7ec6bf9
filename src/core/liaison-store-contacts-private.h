/* liaison-store-contacts-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/* The SQL liaison_store_list_contacts_async() runs for @filter (only which
 * fields are set matters), for EXPLAIN QUERY PLAN checks in the tests.
 * Parameters: ?1 FTS query, ?2 stage, ?3 kind, ?4 tag, ?5 owner, ?6 cursor
 * name, ?7 cursor time, ?8 cursor id, ?9 limit. */
char *_liaison_store_contacts_build_list_sql (const LiaisonStoreContactFilter *filter);

/* The timeline queries, NULL-terminated pairs of (name, sql); parameters ?1
 * contact id, ?2 before time, ?3 before id, ?4 limit. */
const char * const *_liaison_store_contacts_get_timeline_sql (void);

G_END_DECLS
