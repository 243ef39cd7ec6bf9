/* liaison-contact-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-contact.h"

G_BEGIN_DECLS

/* The columns _liaison_contact_new_from_stmt() reads, in order, from a query
 * that names the contacts table "c". */
#define LIAISON_CONTACT_COLUMNS \
  "c.id, c.display_name, c.first_name, c.last_name, c.company, c.email, c.kind, " \
  "c.pipeline_stage, c.owner, c.notes, c.created_at, c.updated_at"
#define LIAISON_CONTACT_N_COLUMNS 12

LiaisonContact *_liaison_contact_new_from_stmt (sqlite3_stmt  *stmt,
                                                int            first_column);
/* Only while building the object, before anyone else sees it. Takes ownership. */
void            _liaison_contact_take_phones   (LiaisonContact *self,
                                                GStrv           phones);
void            _liaison_contact_take_tags     (LiaisonContact *self,
                                                GStrv           tags);

/* Only while building the object. */
void            _liaison_contact_set_flags     (LiaisonContact *self,
                                                gboolean        opted_out,
                                                gboolean        has_bad_number,
                                                gint64          last_activity);
/* Takes ownership of @details (LiaisonContactPhone items). */
void            _liaison_contact_take_phone_details (LiaisonContact *self,
                                                     GListStore     *details);

G_END_DECLS
