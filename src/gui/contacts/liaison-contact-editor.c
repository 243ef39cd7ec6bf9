/* liaison-contact-editor.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-editor"

#include "config.h"

#include "liaison-contact-editor.h"
#include "liaison-phone.h"

#include <glib/gi18n.h>

static const char * const kinds[] = { "lead", "prospect", "client", "referral-partner", NULL };

struct _LiaisonContactEditor
{
  AdwWindow            parent_instance;

  LiaisonStore        *store;
  LiaisonContact      *contact;
  GPtrArray           *phone_rows;   /* PhoneRow */
  gboolean             saving;

  GtkWidget           *save_button;
  AdwEntryRow         *first_name_row;
  AdwEntryRow         *last_name_row;
  AdwEntryRow         *display_name_row;
  AdwEntryRow         *company_row;
  AdwEntryRow         *email_row;
  AdwPreferencesGroup *phones_group;
  AdwComboRow         *kind_row;
  AdwEntryRow         *stage_row;
  AdwEntryRow         *owner_row;
  AdwEntryRow         *tags_row;
  GtkTextView         *notes_view;
  GtkLabel            *error_label;
};

typedef struct
{
  GtkWidget *box;
  GtkEntry  *number;
  GtkEntry  *label;
  GtkLabel  *error;
  gboolean   valid;
} PhoneRow;

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonContactEditor, liaison_contact_editor, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

static void
update_valid (LiaisonContactEditor *self)
{
  gtk_widget_set_sensitive (self->save_button,
                            !self->saving && liaison_contact_editor_is_valid (self));
}

static void
phone_changed_cb (GtkEditable          *editable,
                  LiaisonContactEditor *self)
{
  PhoneRow *row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = NULL;
  const char *text = gtk_editable_get_text (editable);

  for (guint i = 0; i < self->phone_rows->len && row == NULL; i++)
    if (((PhoneRow *) g_ptr_array_index (self->phone_rows, i))->number == GTK_ENTRY (editable))
      row = g_ptr_array_index (self->phone_rows, i);

  if (row == NULL)
    return;

  if (text == NULL || *text == '\0')
    {
      /* An empty row is ignored on save. */
      row->valid = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (row->error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (row->number), "error");
    }
  else
    {
      e164 = liaison_phone_normalize (text, NULL, &error);
      row->valid = e164 != NULL;
      gtk_label_set_label (row->error, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (row->error), !row->valid);
      if (row->valid)
        gtk_widget_remove_css_class (GTK_WIDGET (row->number), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (row->number), "error");
    }

  update_valid (self);
}

static void
remove_phone_clicked_cb (GtkButton            *button,
                         LiaisonContactEditor *self)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (button), "row-box");

  for (guint i = 0; i < self->phone_rows->len; i++)
    {
      PhoneRow *row = g_ptr_array_index (self->phone_rows, i);

      if (row->box == box)
        {
          adw_preferences_group_remove (self->phones_group, box);
          g_ptr_array_remove_index (self->phone_rows, i);
          break;
        }
    }

  update_valid (self);
}

void
liaison_contact_editor_add_phone (LiaisonContactEditor *self,
                                  const char           *text,
                                  const char           *label)
{
  PhoneRow *row = g_new0 (PhoneRow, 1);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_return_if_fail (LIAISON_IS_CONTACT_EDITOR (self));

  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  row->number = GTK_ENTRY (gtk_entry_new ());
  row->label = GTK_ENTRY (gtk_entry_new ());
  row->error = GTK_LABEL (gtk_label_new (NULL));
  row->valid = TRUE;

  gtk_entry_set_placeholder_text (row->number, _("Number, e.g. (203) 555-0123"));
  gtk_entry_set_input_purpose (row->number, GTK_INPUT_PURPOSE_PHONE);
  gtk_widget_set_hexpand (GTK_WIDGET (row->number), TRUE);
  gtk_entry_set_placeholder_text (row->label, _("Label"));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->label), 8);
  gtk_widget_set_tooltip_text (remove, _("Remove Number"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_label_set_xalign (row->error, 0);
  gtk_label_set_wrap (row->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (row->error), "caption");
  gtk_widget_set_visible (GTK_WIDGET (row->error), FALSE);

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->number));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->label));
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (row->box), line);
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->error));
  gtk_widget_set_margin_bottom (row->box, 6);

  g_object_set_data (G_OBJECT (remove), "row-box", row->box);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_phone_clicked_cb), self, 0);
  g_ptr_array_add (self->phone_rows, row);
  adw_preferences_group_add (self->phones_group, row->box);

  g_signal_connect_object (row->number, "changed", G_CALLBACK (phone_changed_cb), self, 0);
  if (label != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->label), label);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->number), text);
}

static void
add_phone_clicked_cb (LiaisonContactEditor *self)
{
  liaison_contact_editor_add_phone (self, NULL, NULL);
}

gboolean
liaison_contact_editor_is_valid (LiaisonContactEditor *self)
{
  gboolean any_phone = FALSE;

  g_return_val_if_fail (LIAISON_IS_CONTACT_EDITOR (self), FALSE);

  for (guint i = 0; i < self->phone_rows->len; i++)
    {
      PhoneRow *row = g_ptr_array_index (self->phone_rows, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row->number));

      if (!row->valid)
        return FALSE;
      any_phone |= text != NULL && *text != '\0';
    }

  return any_phone || text_of (self->first_name_row) != NULL || text_of (self->last_name_row) != NULL ||
         text_of (self->display_name_row) != NULL || text_of (self->company_row) != NULL;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LiaisonContactEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = liaison_store_save_contact_finish (LIAISON_STORE (object), result, &error);
  self->saving = FALSE;

  if (id == 0)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_valid (self);
      return;
    }

  g_signal_emit (self, signals [SIGNAL_SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
liaison_contact_editor_save (LiaisonContactEditor *self)
{
  g_autoptr(GStrvBuilder) phones = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) phone_list = NULL;
  g_auto(GStrv) label_list = NULL;
  g_auto(GStrv) tag_list = NULL;
  g_auto(GStrv) tag_parts = NULL;
  g_autofree char *notes = NULL;
  GtkTextIter start, end;
  LiaisonStoreContactInfo info = { 0, };
  guint kind;

  g_return_if_fail (LIAISON_IS_CONTACT_EDITOR (self));

  if (self->saving || !liaison_contact_editor_is_valid (self))
    return;

  for (guint i = 0; i < self->phone_rows->len; i++)
    {
      PhoneRow *row = g_ptr_array_index (self->phone_rows, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row->number));
      g_autofree char *e164 = NULL;

      if (text == NULL || *text == '\0')
        continue;
      e164 = liaison_phone_normalize (text, NULL, NULL);
      if (e164 == NULL)
        return;
      g_strv_builder_add (phones, e164);
      g_strv_builder_add (labels, gtk_editable_get_text (GTK_EDITABLE (row->label)));
    }

  if (text_of (self->tags_row) != NULL)
    {
      tag_parts = g_strsplit_set (text_of (self->tags_row), ",;", -1);
      for (guint i = 0; tag_parts[i] != NULL; i++)
        {
          char *tag = g_strstrip (tag_parts[i]);

          if (*tag != '\0')
            g_strv_builder_add (tags, tag);
        }
    }

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->notes_view), &start, &end);
  notes = gtk_text_iter_get_text (&start, &end);

  phone_list = g_strv_builder_end (phones);
  label_list = g_strv_builder_end (labels);
  tag_list = g_strv_builder_end (tags);
  kind = adw_combo_row_get_selected (self->kind_row);

  info.display_name = text_of (self->display_name_row);
  info.first_name = text_of (self->first_name_row);
  info.last_name = text_of (self->last_name_row);
  info.company = text_of (self->company_row);
  info.email = text_of (self->email_row);
  info.kind = kinds[MIN (kind, G_N_ELEMENTS (kinds) - 2)];
  info.pipeline_stage = text_of (self->stage_row);
  info.owner = text_of (self->owner_row);
  info.notes = notes != NULL && *notes != '\0' ? notes : NULL;
  info.phones = (const char * const *) phone_list;
  info.tags = (const char * const *) tag_list;

  self->saving = TRUE;
  update_valid (self);
  liaison_store_save_contact_async (self->store,
                                    self->contact != NULL ? liaison_contact_get_id (self->contact) : 0,
                                    &info, (const char * const *) label_list, NULL, saved_cb,
                                    g_object_ref (self));
}

static void
save_clicked_cb (LiaisonContactEditor *self)
{
  liaison_contact_editor_save (self);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill (LiaisonContactEditor *self)
{
  LiaisonContact *contact = self->contact;
  g_autofree char *tags = NULL;
  GListModel *phones;

  if (contact == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Contact"));
      liaison_contact_editor_add_phone (self, NULL, NULL);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
  set_row_text (self->first_name_row, liaison_contact_get_first_name (contact));
  set_row_text (self->last_name_row, liaison_contact_get_last_name (contact));
  set_row_text (self->display_name_row, liaison_contact_get_display_name (contact));
  set_row_text (self->company_row, liaison_contact_get_company (contact));
  set_row_text (self->email_row, liaison_contact_get_email (contact));
  set_row_text (self->stage_row, liaison_contact_get_pipeline_stage (contact));
  set_row_text (self->owner_row, liaison_contact_get_owner (contact));
  tags = g_strjoinv (", ", (char **) liaison_contact_get_tags (contact));
  set_row_text (self->tags_row, tags);
  if (liaison_contact_get_notes (contact) != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                              liaison_contact_get_notes (contact), -1);

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], liaison_contact_get_kind (contact)) == 0)
      adw_combo_row_set_selected (self->kind_row, i);

  phones = liaison_contact_get_phone_details (contact);
  if (g_list_model_get_n_items (phones) > 0)
    for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
      {
        g_autoptr(LiaisonContactPhone) phone = g_list_model_get_item (phones, i);
        g_autofree char *formatted = NULL;

        formatted = liaison_phone_format_for_display (liaison_contact_phone_get_e164 (phone), NULL);
        liaison_contact_editor_add_phone (self, formatted, liaison_contact_phone_get_label (phone));
      }
  else
    for (const char * const *p = liaison_contact_get_phones (contact); *p != NULL; p++)
      {
        g_autofree char *formatted = liaison_phone_format_for_display (*p, NULL);

        liaison_contact_editor_add_phone (self, formatted, NULL);
      }

  if (self->phone_rows->len == 0)
    liaison_contact_editor_add_phone (self, NULL, NULL);
}

static void
liaison_contact_editor_dispose (GObject *object)
{
  LiaisonContactEditor *self = LIAISON_CONTACT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->contact);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_EDITOR);

  G_OBJECT_CLASS (liaison_contact_editor_parent_class)->dispose (object);
}

static void
liaison_contact_editor_finalize (GObject *object)
{
  LiaisonContactEditor *self = LIAISON_CONTACT_EDITOR (object);

  g_ptr_array_unref (self->phone_rows);

  G_OBJECT_CLASS (liaison_contact_editor_parent_class)->finalize (object);
}

static void
liaison_contact_editor_class_init (LiaisonContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_editor_dispose;
  object_class->finalize = liaison_contact_editor_finalize;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/contacts/liaison-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, phones_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_phone_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_contact_editor_init (LiaisonContactEditor *self)
{
  self->phone_rows = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->first_name_row, "changed", G_CALLBACK (update_valid), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->last_name_row, "changed", G_CALLBACK (update_valid), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->display_name_row, "changed", G_CALLBACK (update_valid), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->company_row, "changed", G_CALLBACK (update_valid), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
liaison_contact_editor_new (LiaisonStore   *store,
                            LiaisonContact *contact)
{
  LiaisonContactEditor *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (!contact || LIAISON_IS_CONTACT (contact), NULL);

  self = g_object_new (LIAISON_TYPE_CONTACT_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->contact = contact != NULL ? g_object_ref (contact) : NULL;
  fill (self);
  update_valid (self);

  return GTK_WIDGET (self);
}
