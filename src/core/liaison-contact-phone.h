/* liaison-contact-phone.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_PHONE (liaison_contact_phone_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactPhone, liaison_contact_phone, LIAISON, CONTACT_PHONE, GObject)

/* One number of a contact, as stored (contact_phones), with its consent
 * state. Immutable. */
const char *liaison_contact_phone_get_e164       (LiaisonContactPhone *self);
/* "mobile", "work", "home"… as typed or imported, or NULL. */
const char *liaison_contact_phone_get_label      (LiaisonContactPhone *self);
/* liaison_phone_line_type_to_string() form, or NULL when unknown. */
const char *liaison_contact_phone_get_line_type  (LiaisonContactPhone *self);
gboolean    liaison_contact_phone_get_is_primary (LiaisonContactPhone *self);
gboolean    liaison_contact_phone_get_is_bad     (LiaisonContactPhone *self);
const char *liaison_contact_phone_get_bad_reason (LiaisonContactPhone *self);
gboolean    liaison_contact_phone_get_opted_out  (LiaisonContactPhone *self);

LiaisonContactPhone *_liaison_contact_phone_new  (const char *e164,
                                                  const char *label,
                                                  const char *line_type,
                                                  gboolean    is_primary,
                                                  gboolean    is_bad,
                                                  const char *bad_reason,
                                                  gboolean    opted_out);

G_END_DECLS
