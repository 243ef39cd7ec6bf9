/* liaison-sequence-editor.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-sequence.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SEQUENCE_EDITOR (liaison_sequence_editor_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSequenceEditor, liaison_sequence_editor, LIAISON, SEQUENCE_EDITOR, AdwWindow)

/* Creates a sequence (@sequence NULL) or edits one: its name, the stage that
 * starts it, whether it is on, and its texts. Saving writes it to @store and
 * emits "saved" (the stored LiaisonSequence), then closes; an error (a
 * duplicate name, an unknown placeholder) shows in the window and keeps
 * everything typed. */
LiaisonSequenceEditor *liaison_sequence_editor_new      (GtkWindow             *parent,
                                                         LiaisonStore          *store,
                                                         LiaisonSequence       *sequence);
/* For tests: the step rows (LiaisonSequenceStepRow) once the templates are
 * read, and Save. */
gboolean               liaison_sequence_editor_is_ready (LiaisonSequenceEditor *self);
void                   liaison_sequence_editor_add_step (LiaisonSequenceEditor *self);
void                   liaison_sequence_editor_save     (LiaisonSequenceEditor *self);

G_END_DECLS
