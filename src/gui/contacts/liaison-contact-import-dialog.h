/* liaison-contact-import-dialog.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_IMPORT_DIALOG (liaison_contact_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactImportDialog, liaison_contact_import_dialog, LIAISON, CONTACT_IMPORT_DIALOG, AdwWindow)

/* Imports a CSV or vCard file's @contents: for CSV, a drop-down per column
 * (prefilled with liaison_import_suggest_field()), a preview of the first
 * rows with their problems, then the import and its summary (added, merged,
 * skipped with reasons). Emits "imported" when the store has the rows. */
GtkWidget *liaison_contact_import_dialog_new          (LiaisonStore               *store,
                                                       GBytes                     *contents,
                                                       const char                 *file_name);
/* The number of CSV columns (0 for vCard or a file that could not be read). */
guint      liaison_contact_import_dialog_get_n_columns (LiaisonContactImportDialog *self);
LiaisonImportField liaison_contact_import_dialog_get_mapping (LiaisonContactImportDialog *self,
                                                              guint                       column);
void       liaison_contact_import_dialog_set_mapping  (LiaisonContactImportDialog *self,
                                                       guint                       column,
                                                       LiaisonImportField          field);
/* Starts the import (what the Import button does). */
void       liaison_contact_import_dialog_import       (LiaisonContactImportDialog *self);
/* After "imported": LiaisonImportResult per record; NULL before. */
GArray    *liaison_contact_import_dialog_get_results  (LiaisonContactImportDialog *self);

G_END_DECLS
