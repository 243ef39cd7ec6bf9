/* liaison-contact-import-dialog.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-import-dialog"

#include "config.h"

#include "liaison-contact-import-dialog.h"
#include "liaison-phone.h"

#include <glib/gi18n.h>

#include <string.h>

#define N_PREVIEW 5

struct _LiaisonContactImportDialog
{
  AdwWindow            parent_instance;

  LiaisonStore        *store;
  GPtrArray           *rows;        /* CSV rows (GStrv), header first; NULL for vCard */
  GPtrArray           *vcards;      /* LiaisonImportRecord; NULL for CSV */
  GArray              *mapping;     /* LiaisonImportField per column */
  GPtrArray           *combo_rows;  /* AdwComboRow per column */
  GPtrArray           *preview_rows;
  GArray              *results;
  gboolean             importing;

  GtkWidget           *import_button;
  GtkWidget           *cancel_button;
  GtkStack            *stack;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *preview_group;
  AdwStatusPage       *done_page;
  AdwPreferencesGroup *skipped_group;
  AdwStatusPage       *error_page;
};

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonContactImportDialog, liaison_contact_import_dialog, ADW_TYPE_WINDOW)

static GPtrArray *
build_records (LiaisonContactImportDialog *self)
{
  if (self->vcards != NULL)
    return g_ptr_array_ref (self->vcards);

  if (self->rows == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_import_record_free);

  return liaison_import_records_from_csv (self->rows, 1,
                                          (const LiaisonImportField *) (gpointer) self->mapping->data,
                                          self->mapping->len);
}

static char *
record_title (LiaisonImportRecord *record)
{
  if (record->display_name != NULL)
    return g_strdup (record->display_name);
  if (record->first_name != NULL || record->last_name != NULL)
    return g_strstrip (g_strdup_printf ("%s %s", record->first_name ? record->first_name : "",
                                        record->last_name ? record->last_name : ""));
  if (record->company != NULL)
    return g_strdup (record->company);
  if (record->phones->len > 0)
    return g_strdup (g_ptr_array_index (record->phones, 0));
  return g_strdup (_("(empty)"));
}

static void
update_preview (LiaisonContactImportDialog *self)
{
  g_autoptr(GPtrArray) records = build_records (self);
  guint n_ok = 0;

  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(LiaisonImportRecord) copy = liaison_import_record_copy (g_ptr_array_index (records, i));
      g_autoptr(GError) error = NULL;
      gboolean ok = liaison_import_record_validate (copy, NULL, &error);

      n_ok += ok;
      if (i < N_PREVIEW)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = record_title (copy);
          g_autofree char *subtitle = NULL;

          if (ok)
            {
              g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

              for (guint p = 0; p < copy->phones->len; p++)
                g_ptr_array_add (parts, liaison_phone_format_for_display (g_ptr_array_index (copy->phones, p),
                                                                          NULL));
              if (copy->email != NULL)
                g_ptr_array_add (parts, g_strdup (copy->email));
              g_ptr_array_add (parts, NULL);
              subtitle = g_strjoinv (" · ", (char **) parts->pdata);
            }
          else
            {
              /* Translators: a preview row that will be skipped, and why */
              subtitle = g_strdup_printf (_("Row %u will be skipped: %s"), copy->source_row,
                                          error->message);
              gtk_widget_add_css_class (row, "error");
            }

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_preferences_group_add (self->preview_group, row);
          g_ptr_array_add (self->preview_rows, row);
        }
    }

  {
    g_autofree char *description = NULL;

    description = g_strdup_printf (ngettext ("%u contact in the file, %u ready to import",
                                             "%u contacts in the file, %u ready to import",
                                             records->len),
                                   records->len, n_ok);
    adw_preferences_group_set_description (self->preview_group, description);
  }

  gtk_widget_set_sensitive (self->import_button, !self->importing && n_ok > 0);
}

static void
combo_selected_cb (AdwComboRow                *combo,
                   GParamSpec                 *pspec,
                   LiaisonContactImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (combo), "column"));

  if (column < self->mapping->len)
    g_array_index (self->mapping, LiaisonImportField, column) = adw_combo_row_get_selected (combo);

  update_preview (self);
}

static void
show_error (LiaisonContactImportDialog *self,
            const char                 *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (self->import_button, FALSE);
}

static void
load (LiaisonContactImportDialog *self,
      GBytes                     *contents,
      const char                 *file_name)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (contents, &length);
  g_autofree char *head = g_ascii_strdown (data != NULL ? data : "", MIN (length, 64));
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  char **header;
  guint n_columns;

  if (data == NULL)
    data = "";

  if ((file_name != NULL && (g_str_has_suffix (file_name, ".vcf") ||
                             g_str_has_suffix (file_name, ".vcard"))) ||
      strstr (head, "begin:vcard") != NULL)
    {
      self->vcards = liaison_import_parse_vcard (data, (gssize) length, &error);
      if (self->vcards == NULL)
        {
          show_error (self, error->message);
          return;
        }
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
      update_preview (self);
      return;
    }

  self->rows = liaison_csv_parse (data, (gssize) length, 0, NULL, &error);
  if (self->rows == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (self->rows->len < 2)
    {
      show_error (self, _("The file has no rows under its header."));
      return;
    }

  for (int f = 0; f < LIAISON_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (fields, liaison_import_field_get_label (f));

  header = g_ptr_array_index (self->rows, 0);
  n_columns = g_strv_length (header);

  for (guint c = 0; c < n_columns; c++)
    {
      AdwComboRow *combo = ADW_COMBO_ROW (adw_combo_row_new ());
      LiaisonImportField field = liaison_import_suggest_field (header[c]);
      char **first = g_ptr_array_index (self->rows, 1);
      const char *sample = c < g_strv_length (first) ? first[c] : "";
      g_autofree char *title = NULL;

      g_array_append_val (self->mapping, field);
      title = *header[c] != '\0' ? g_strdup (header[c]) : g_strdup_printf (_("Column %u"), c + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), sample);
      adw_combo_row_set_model (combo, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (combo, field);
      g_object_set_data (G_OBJECT (combo), "column", GUINT_TO_POINTER (c));
      g_signal_connect_object (combo, "notify::selected", G_CALLBACK (combo_selected_cb), self, 0);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (combo));
      g_ptr_array_add (self->combo_rows, combo);
    }

  update_preview (self);
}

/* Import */

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LiaisonContactImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0, merged = 0, skipped = 0;
  g_autofree char *summary = NULL;

  self->importing = FALSE;
  self->results = liaison_store_import_contacts_finish (LIAISON_STORE (object), result, &error);
  if (self->results == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < self->results->len; i++)
    {
      LiaisonImportResult *r = &g_array_index (self->results, LiaisonImportResult, i);

      switch (r->outcome)
        {
        case LIAISON_IMPORT_ADDED:
          added++;
          break;
        case LIAISON_IMPORT_MERGED:
          merged++;
          break;
        case LIAISON_IMPORT_FAILED:
        default:
          {
            GtkWidget *row = adw_action_row_new ();
            g_autofree char *title = g_strdup_printf (_("Row %u"), r->source_row);

            skipped++;
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->message);
            adw_preferences_group_add (self->skipped_group, row);
          }
          break;
        }
    }

  /* Translators: the import summary: added, merged into existing contacts, skipped */
  summary = g_strdup_printf (_("%u added, %u merged into existing contacts, %u skipped"),
                             added, merged, skipped);
  adw_status_page_set_description (self->done_page, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_group), skipped > 0);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_button_set_label (GTK_BUTTON (self->import_button), _("_Done"));
  gtk_widget_set_sensitive (self->import_button, TRUE);
  gtk_widget_set_visible (self->cancel_button, FALSE);

  g_signal_emit (self, signals [SIGNAL_IMPORTED], 0);
}

void
liaison_contact_import_dialog_import (LiaisonContactImportDialog *self)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_if_fail (LIAISON_IS_CONTACT_IMPORT_DIALOG (self));

  if (self->importing || self->results != NULL)
    return;

  records = build_records (self);
  self->importing = TRUE;
  gtk_widget_set_sensitive (self->import_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "working");
  liaison_store_import_contacts_async (self->store, records, NULL, NULL, import_cb,
                                       g_object_ref (self));
}

static void
import_clicked_cb (LiaisonContactImportDialog *self)
{
  if (self->results != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    liaison_contact_import_dialog_import (self);
}

static void
liaison_contact_import_dialog_dispose (GObject *object)
{
  LiaisonContactImportDialog *self = LIAISON_CONTACT_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_IMPORT_DIALOG);

  G_OBJECT_CLASS (liaison_contact_import_dialog_parent_class)->dispose (object);
}

static void
liaison_contact_import_dialog_finalize (GObject *object)
{
  LiaisonContactImportDialog *self = LIAISON_CONTACT_IMPORT_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->vcards, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_array_unref);
  g_array_unref (self->mapping);
  g_ptr_array_unref (self->combo_rows);
  g_ptr_array_unref (self->preview_rows);

  G_OBJECT_CLASS (liaison_contact_import_dialog_parent_class)->finalize (object);
}

static void
liaison_contact_import_dialog_class_init (LiaisonContactImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_import_dialog_dispose;
  object_class->finalize = liaison_contact_import_dialog_finalize;

  signals [SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/contacts/liaison-contact-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, skipped_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_contact_import_dialog_init (LiaisonContactImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mapping = g_array_new (FALSE, TRUE, sizeof (LiaisonImportField));
  self->combo_rows = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
}

GtkWidget *
liaison_contact_import_dialog_new (LiaisonStore *store,
                                   GBytes       *contents,
                                   const char   *file_name)
{
  LiaisonContactImportDialog *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_CONTACT_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  load (self, contents, file_name);

  return GTK_WIDGET (self);
}

guint
liaison_contact_import_dialog_get_n_columns (LiaisonContactImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_IMPORT_DIALOG (self), 0);
  return self->mapping->len;
}

LiaisonImportField
liaison_contact_import_dialog_get_mapping (LiaisonContactImportDialog *self,
                                           guint                       column)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_IMPORT_DIALOG (self), LIAISON_IMPORT_FIELD_IGNORE);
  g_return_val_if_fail (column < self->mapping->len, LIAISON_IMPORT_FIELD_IGNORE);

  return g_array_index (self->mapping, LiaisonImportField, column);
}

void
liaison_contact_import_dialog_set_mapping (LiaisonContactImportDialog *self,
                                           guint                       column,
                                           LiaisonImportField          field)
{
  g_return_if_fail (LIAISON_IS_CONTACT_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->combo_rows->len);
  g_return_if_fail (field < LIAISON_IMPORT_N_FIELDS);

  /* Through the drop-down, as a person would. */
  adw_combo_row_set_selected (g_ptr_array_index (self->combo_rows, column), field);
}

GArray *
liaison_contact_import_dialog_get_results (LiaisonContactImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_IMPORT_DIALOG (self), NULL);
  return self->results;
}
