/* liaison-new-message-dialog.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-new-message-dialog"

#include "config.h"

#include "liaison-new-message-dialog.h"
#include "liaison-application.h"
#include "liaison-inbox-format.h"

#include <glib/gi18n.h>

#define MAX_MATCHES 6

typedef struct
{
  GtkWindow    *parent;
  GtkWidget    *dialog;
  GtkWidget    *entry;
  GtkListBox   *matches;
  GCancellable *cancellable;
} DialogData;

static void
dialog_data_free (gpointer data)
{
  DialogData *dd = data;

  g_cancellable_cancel (dd->cancellable);
  g_clear_object (&dd->cancellable);
  g_clear_object (&dd->parent);
  g_free (dd);
}

static LiaisonStore *
ready_store (void)
{
  GApplication *app = g_application_get_default ();

  if (!LIAISON_IS_APPLICATION (app) ||
      liaison_application_get_store_state (LIAISON_APPLICATION (app)) != LIAISON_STORE_STATE_READY)
    return NULL;

  return liaison_application_get_store (LIAISON_APPLICATION (app));
}

static void
text_number (DialogData *dd,
             const char *number)
{
  if (number == NULL || *number == '\0')
    return;

  gtk_widget_activate_action (GTK_WIDGET (dd->parent), "win.text-number", "s", number);
  gtk_window_close (GTK_WINDOW (dd->dialog));
}

static void
match_activated_cb (GtkListBox    *box,
                    GtkListBoxRow *row,
                    gpointer       user_data)
{
  text_number (user_data, g_object_get_data (G_OBJECT (row), "liaison-number"));
}

static void
contact_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DialogData *dd;
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  const char *phone;
  g_autofree char *formatted = NULL;
  GtkWidget *row;

  contact = liaison_store_get_contact_finish (LIAISON_STORE (object), result, &error);
  if (contact == NULL)
    return;

  dd = user_data;
  phone = liaison_contact_get_primary_phone (contact);
  if (phone == NULL)
    return;

  formatted = liaison_inbox_format_number (phone);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), liaison_contact_get_display_name (contact));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), formatted);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "liaison-number", g_strdup (phone), g_free);
  gtk_list_box_append (dd->matches, row);
  gtk_widget_set_visible (GTK_WIDGET (dd->matches), TRUE);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DialogData *dd;
  g_autoptr(GPtrArray) hits = NULL;
  guint shown = 0;

  hits = liaison_store_search_finish (LIAISON_STORE (object), result, NULL);
  if (hits == NULL)
    return;

  dd = user_data;
  for (guint i = 0; i < hits->len && shown < MAX_MATCHES; i++)
    {
      LiaisonSearchHit *hit = g_ptr_array_index (hits, i);

      if (liaison_search_hit_get_kind (hit) != LIAISON_SEARCH_HIT_CONTACT)
        continue;

      liaison_store_get_contact_async (LIAISON_STORE (object), liaison_search_hit_get_id (hit),
                                       dd->cancellable, contact_found_cb, dd);
      shown++;
    }
}

static void
entry_changed_cb (GtkSearchEntry *entry,
                  gpointer        user_data)
{
  DialogData *dd = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  LiaisonStore *store = ready_store ();
  GtkWidget *child;
  gboolean has_letters = FALSE;

  g_cancellable_cancel (dd->cancellable);
  g_clear_object (&dd->cancellable);
  dd->cancellable = g_cancellable_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (dd->matches))) != NULL)
    gtk_list_box_remove (dd->matches, child);
  gtk_widget_set_visible (GTK_WIDGET (dd->matches), FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      has_letters = TRUE;

  if (has_letters && store != NULL)
    liaison_store_search_async (store, text, 50, dd->cancellable, search_done_cb, dd);
}

static void
entry_activate_cb (GtkSearchEntry *entry,
                   gpointer        user_data)
{
  DialogData *dd = user_data;
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (dd->matches, 0);

  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (dd->matches)))
    text_number (dd, g_object_get_data (G_OBJECT (first), "liaison-number"));
  else
    text_number (dd, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  DialogData *dd = user_data;

  if (g_strcmp0 (response, "text") == 0)
    entry_activate_cb (GTK_SEARCH_ENTRY (dd->entry), dd);
}

GtkWidget *
liaison_new_message_dialog_present (GtkWindow *parent)
{
  DialogData *dd;
  GtkWidget *box;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  dd = g_new0 (DialogData, 1);
  dd->parent = g_object_ref (parent);
  dd->cancellable = g_cancellable_new ();

  dd->dialog = adw_message_dialog_new (parent, _("New Message"),
                                       _("Enter a phone number or a contact's name."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dd->dialog),
                                    "cancel", _("_Cancel"),
                                    "text", _("_Write Message"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dd->dialog), "text",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dd->dialog), "text");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dd->dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dd->entry = gtk_search_entry_new ();
  g_object_set (dd->entry, "placeholder-text", _("Number or name"), NULL);
  gtk_box_append (GTK_BOX (box), dd->entry);

  dd->matches = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (dd->matches, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (dd->matches), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (dd->matches), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dd->matches));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dd->dialog), box);

  g_object_set_data_full (G_OBJECT (dd->dialog), "liaison-dialog-data", dd, dialog_data_free);
  g_signal_connect (dd->entry, "search-changed", G_CALLBACK (entry_changed_cb), dd);
  g_signal_connect (dd->entry, "activate", G_CALLBACK (entry_activate_cb), dd);
  g_signal_connect (dd->matches, "row-activated", G_CALLBACK (match_activated_cb), dd);
  g_signal_connect (dd->dialog, "response", G_CALLBACK (response_cb), dd);

  gtk_window_present (GTK_WINDOW (dd->dialog));
  gtk_widget_grab_focus (dd->entry);

  return dd->dialog;
}
