/* liaison-contact.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-contact-phone.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT (liaison_contact_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContact, liaison_contact, LIAISON, CONTACT, GObject)

/* A lead, prospect, client or referral partner, as stored. Immutable. */
gint64              liaison_contact_get_id             (LiaisonContact *self);
const char         *liaison_contact_get_display_name   (LiaisonContact *self);
const char         *liaison_contact_get_first_name     (LiaisonContact *self);
const char         *liaison_contact_get_last_name      (LiaisonContact *self);
const char         *liaison_contact_get_company        (LiaisonContact *self);
const char         *liaison_contact_get_email          (LiaisonContact *self);
/* "lead", "prospect", "client" or "referral-partner". */
const char         *liaison_contact_get_kind           (LiaisonContact *self);
const char         *liaison_contact_get_pipeline_stage (LiaisonContact *self);
const char         *liaison_contact_get_owner          (LiaisonContact *self);
const char         *liaison_contact_get_notes          (LiaisonContact *self);
gint64              liaison_contact_get_date_created   (LiaisonContact *self);
gint64              liaison_contact_get_date_updated   (LiaisonContact *self);
/* E.164 numbers, the primary one first; never NULL. */
const char * const *liaison_contact_get_phones         (LiaisonContact *self);
/* The first of the phones, or NULL. */
const char         *liaison_contact_get_primary_phone  (LiaisonContact *self);
/* Tags in alphabetical order; never NULL. */
const char * const *liaison_contact_get_tags           (LiaisonContact *self);

/* Filled by the contact lists and lookups of liaison-store-contacts.c (FALSE,
 * 0 or empty when the object came from elsewhere). */
/* Whether the primary number is opted out (consent_state). */
gboolean            liaison_contact_get_opted_out      (LiaisonContact *self);
/* Whether any of the numbers is flagged bad (contact_phones.is_bad). */
gboolean            liaison_contact_get_has_bad_number (LiaisonContact *self);
/* The newest message, call or voicemail time (µs UTC), or 0. */
gint64              liaison_contact_get_last_activity  (LiaisonContact *self);
/* The numbers with their labels, line types and flags, primary first: a
 * GListModel of LiaisonContactPhone; never NULL (may be empty). */
GListModel         *liaison_contact_get_phone_details  (LiaisonContact *self);

G_END_DECLS
