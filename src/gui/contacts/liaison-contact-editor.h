/* liaison-contact-editor.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_EDITOR (liaison_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactEditor, liaison_contact_editor, LIAISON, CONTACT_EDITOR, AdwWindow)

/* Creates (@contact NULL) or edits a contact: names, numbers (checked as
 * they are typed), email, company, type, stage, owner, tags and notes.
 * Emits "saved" (gint64 id) and closes once stored. */
GtkWidget *liaison_contact_editor_new        (LiaisonStore         *store,
                                              LiaisonContact       *contact);
/* Adds a number row with @text (tests and the "Add Number" button). */
void       liaison_contact_editor_add_phone  (LiaisonContactEditor *self,
                                              const char           *text,
                                              const char           *label);
/* Whether every field is valid (Save is enabled). */
gboolean   liaison_contact_editor_is_valid   (LiaisonContactEditor *self);
void       liaison_contact_editor_save       (LiaisonContactEditor *self);

G_END_DECLS
