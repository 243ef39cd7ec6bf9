/* liaison-contacts-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contacts-page"

#include "config.h"

#include "liaison-contacts-page.h"
#include "liaison-application.h"
#include "liaison-contact-card.h"
#include "liaison-contact-editor.h"
#include "liaison-contact-import-dialog.h"
#include "liaison-contact-list-model.h"
#include "liaison-contact-row.h"
#include "liaison-phone.h"
#include "liaison-sequence.h"

#include <glib/gi18n.h>

#include <string.h>

struct _LiaisonContactsPage
{
  AdwBin                   parent_instance;

  LiaisonStore            *store;
  LiaisonContactListModel *model;
  GtkSingleSelection      *selection;
  GCancellable            *cancellable;
  GStrv                    stages;
  GStrv                    tags;
  GStrv                    owners;

  char                    *filter_stage;
  char                    *filter_kind;
  char                    *filter_tag;
  char                    *filter_owner;
  char                    *sort;

  AdwToastOverlay         *toast_overlay;
  AdwLeaflet              *leaflet;
  GtkWidget               *list_pane;
  GtkSearchEntry          *search_entry;
  GtkMenuButton           *filter_button;
  GtkLabel                *filter_label;
  GtkStack                *list_stack;
  GtkListView             *list_view;
  GtkStack                *card_stack;
  LiaisonContactCard      *card;
};

enum {
  PROP_0,
  PROP_FILTER_STAGE,
  PROP_FILTER_KIND,
  PROP_FILTER_TAG,
  PROP_FILTER_OWNER,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonContactsPage, liaison_contacts_page, ADW_TYPE_BIN)

typedef void (*ContactFunc) (LiaisonContactsPage *self,
                             LiaisonContact      *contact,
                             const char          *extra);

static void load_values (LiaisonContactsPage *self);

static void
toast (LiaisonContactsPage *self,
       const char          *title)
{
  /* Toast titles are markup; error messages are not. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* A stage change may have enrolled the contact in a follow-up sequence
 * (the store does it): its first text may be due now. */
static void
poke_sequences (void)
{
  GApplication *application = g_application_get_default ();

  if (LIAISON_IS_APPLICATION (application))
    liaison_application_poke_sequences (LIAISON_APPLICATION (application));
}

/* The list */

static void
update_list_stack (LiaisonContactsPage *self)
{
  const char *name;

  /* While a new search is read the previous results stay. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    name = "list";
  else if (!liaison_contact_list_model_get_loaded (self->model))
    name = self->store != NULL ? "loading" : "empty";
  else if (liaison_contact_list_model_get_filtered (self->model))
    name = "no-results";
  else
    name = "empty";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static LiaisonContactSort
sort_from_string (const char *sort)
{
  if (g_strcmp0 (sort, "updated") == 0)
    return LIAISON_CONTACT_SORT_UPDATED;
  if (g_strcmp0 (sort, "created") == 0)
    return LIAISON_CONTACT_SORT_CREATED;
  return LIAISON_CONTACT_SORT_NAME;
}

static void
apply_filter (LiaisonContactsPage *self)
{
  LiaisonStoreContactFilter filter = {
    .query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .pipeline_stage = self->filter_stage,
    .kind = self->filter_kind,
    .tag = self->filter_tag,
    .owner = self->filter_owner,
    .sort = sort_from_string (self->sort),
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;

  if (self->filter_stage != NULL && *self->filter_stage != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Stage: %s"), self->filter_stage));
  if (self->filter_kind != NULL && *self->filter_kind != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Type: %s"),
                                             liaison_contact_kind_to_label (self->filter_kind)));
  if (self->filter_tag != NULL && *self->filter_tag != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Tag: %s"), self->filter_tag));
  if (self->filter_owner != NULL && *self->filter_owner != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Owner: %s"), self->filter_owner));
  g_ptr_array_add (parts, NULL);
  label = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->filter_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_label), *label != '\0');

  liaison_contact_list_model_set_filter (self->model, &filter);
  update_list_stack (self);
}

static void
search_changed_cb (LiaisonContactsPage *self)
{
  apply_filter (self);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, liaison_contact_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LiaisonContactsPage      *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  liaison_contact_row_set_contact (LIAISON_CONTACT_ROW (row), gtk_list_item_get_item (list_item));
}

/* The next page is read when the view comes within a screen of the end of
 * what is loaded, or does not fill the view yet. (Not when rows are bound:
 * GtkListView binds up to 200 rows around the view, which would read four
 * pages and build 200 rows for every search.) */
static void
maybe_load_more (LiaisonContactsPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double value, page_size, upper;

  if (adjustment == NULL
      || liaison_contact_list_model_get_loading (self->model)
      || liaison_contact_list_model_get_complete (self->model)
      || !liaison_contact_list_model_get_loaded (self->model))
    return;

  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  upper = gtk_adjustment_get_upper (adjustment);

  if (upper - (value + page_size) <= page_size)
    liaison_contact_list_model_load_more (self->model);
}

static void
follow_adjustment (LiaisonContactsPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (adjustment == NULL || g_object_get_data (G_OBJECT (adjustment), "liaison-contacts-page") == self)
    return;

  g_object_set_data (G_OBJECT (adjustment), "liaison-contacts-page", self);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (maybe_load_more), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (maybe_load_more), self,
                           G_CONNECT_SWAPPED);
}

/* The card */

static void
show_card (LiaisonContactsPage *self,
           LiaisonContact      *contact)
{
  liaison_contact_card_set_store (self->card, self->store);
  liaison_contact_card_set_contact (self->card, contact);
  gtk_stack_set_visible_child_name (self->card_stack, contact != NULL ? "card" : "none");
  if (contact != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->card_stack));
  else
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
list_activate_cb (LiaisonContactsPage *self,
                  guint                position)
{
  g_autoptr(LiaisonContact) contact = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (contact != NULL)
    show_card (self, contact);
}

static void
back_clicked_cb (LiaisonContactsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LiaisonContactsPage) self = user_data;
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = liaison_store_get_contact_details_finish (LIAISON_STORE (object), result, &error);
  if (contact == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  show_card (self, contact);
}

/* Refreshes the list, the filter menus and the open card after a change. */
static void
refresh (LiaisonContactsPage *self,
         gint64               show_id)
{
  LiaisonContact *shown = liaison_contact_card_get_contact (self->card);

  liaison_contact_list_model_reload (self->model);
  load_values (self);

  if (show_id == 0 && shown != NULL)
    show_id = liaison_contact_get_id (shown);

  if (show_id != 0 && self->store != NULL)
    liaison_store_get_contact_details_async (self->store, show_id, self->cancellable, details_cb,
                                             g_object_ref (self));
}

static void
consent_changed_cb (LiaisonContactsPage *self)
{
  refresh (self, 0);
}

/* Filter menus */

static void
append_choices (GMenu              *menu,
                const char         *label,
                const char         *action,
                const char         *any_label,
                const char * const *values,
                gboolean            kinds)
{
  g_autoptr(GMenu) submenu = g_menu_new ();
  g_autoptr(GMenuItem) any = g_menu_item_new (any_label, NULL);

  g_menu_item_set_action_and_target_value (any, action, g_variant_new_string (""));
  g_menu_append_item (submenu, any);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (kinds ? liaison_contact_kind_to_label (values[i]) : values[i], NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (values[i]));
      g_menu_append_item (submenu, item);
    }

  g_menu_append_submenu (menu, label, G_MENU_MODEL (submenu));
}

static void
rebuild_filter_menu (LiaisonContactsPage *self)
{
  static const char * const kinds[] = { "lead", "prospect", "client", "referral-partner", NULL };
  g_autoptr(GMenu) menu = g_menu_new ();

  append_choices (menu, _("Stage"), "contacts.filter-stage", _("Any Stage"),
                  (const char * const *) self->stages, FALSE);
  append_choices (menu, _("Type"), "contacts.filter-kind", _("Any Type"), kinds, TRUE);
  append_choices (menu, _("Tag"), "contacts.filter-tag", _("Any Tag"),
                  (const char * const *) self->tags, FALSE);
  append_choices (menu, _("Owner"), "contacts.filter-owner", _("Any Owner"),
                  (const char * const *) self->owners, FALSE);
  gtk_menu_button_set_menu_model (self->filter_button, G_MENU_MODEL (menu));
}

typedef struct
{
  LiaisonContactsPage  *self;
  LiaisonContactValues  which;
} ValuesRequest;

static void
values_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ValuesRequest *request = user_data;
  g_autoptr(LiaisonContactsPage) self = request->self;
  LiaisonContactValues which = request->which;
  g_autoptr(GError) error = NULL;
  GStrv values;

  g_free (request);

  values = liaison_store_list_contact_values_finish (LIAISON_STORE (object), result, &error);
  if (values == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list contact values: %s", error->message);
      return;
    }

  switch (which)
    {
    case LIAISON_CONTACT_VALUES_STAGES:
      g_clear_pointer (&self->stages, g_strfreev);
      self->stages = values;
      break;
    case LIAISON_CONTACT_VALUES_TAGS:
      g_clear_pointer (&self->tags, g_strfreev);
      self->tags = values;
      break;
    case LIAISON_CONTACT_VALUES_OWNERS:
    default:
      g_clear_pointer (&self->owners, g_strfreev);
      self->owners = values;
      break;
    }

  rebuild_filter_menu (self);
}

static void
load_values (LiaisonContactsPage *self)
{
  if (self->store == NULL)
    return;

  for (int which = LIAISON_CONTACT_VALUES_STAGES; which <= LIAISON_CONTACT_VALUES_OWNERS; which++)
    {
      ValuesRequest *request = g_new0 (ValuesRequest, 1);

      request->self = g_object_ref (self);
      request->which = which;
      liaison_store_list_contact_values_async (self->store, which, self->cancellable, values_cb,
                                               request);
    }
}

/* Quick actions */

typedef struct
{
  LiaisonContactsPage *self;
  ContactFunc          func;
  char                *extra;
} ContactRequest;

static void
contact_request_free (ContactRequest *request)
{
  g_object_unref (request->self);
  g_free (request->extra);
  g_free (request);
}

static void
contact_request_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ContactRequest *request = user_data;
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = liaison_store_get_contact_details_finish (LIAISON_STORE (object), result, &error);
  if (contact != NULL)
    request->func (request->self, contact, request->extra);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (request->self, error->message);

  contact_request_free (request);
}

/* Runs @func on the contact @id (0: the one on the card, else the selected). */
static void
with_contact (LiaisonContactsPage *self,
              gint64               id,
              ContactFunc          func,
              const char          *extra)
{
  LiaisonContact *shown = liaison_contact_card_get_contact (self->card);
  ContactRequest *request;
  int position;

  if (id == 0)
    {
      if (shown != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->card_stack), "card") == 0)
        {
          func (self, shown, extra);
          return;
        }
      if (gtk_single_selection_get_selected_item (self->selection) != NULL)
        {
          func (self, gtk_single_selection_get_selected_item (self->selection), extra);
          return;
        }
      return;
    }

  if (shown != NULL && liaison_contact_get_id (shown) == id)
    {
      func (self, shown, extra);
      return;
    }

  position = liaison_contact_list_model_find (self->model, id);
  if (position >= 0)
    {
      g_autoptr(LiaisonContact) contact = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                                 (guint) position);

      func (self, contact, extra);
      return;
    }

  if (self->store == NULL)
    return;

  request = g_new0 (ContactRequest, 1);
  request->self = g_object_ref (self);
  request->func = func;
  request->extra = g_strdup (extra);
  liaison_store_get_contact_details_async (self->store, id, self->cancellable, contact_request_cb,
                                           request);
}

static void
text_contact (LiaisonContactsPage *self,
              LiaisonContact      *contact,
              const char          *extra)
{
  const char *number = liaison_contact_get_primary_phone (contact);

  if (number == NULL)
    {
      toast (self, _("This contact has no phone number"));
      return;
    }

  /* The inbox owns win.text-number; an opted-out number can still be
   * opened: the compliance gate blocks the send and the composer says why. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.text-number", "s", number);
}

/* Click-to-call: the window owns win.call-number (Twilio rings the advisor's
 * phone first, then the contact). */
static void
call_contact (LiaisonContactsPage *self,
              LiaisonContact      *contact,
              const char          *extra)
{
  const char *number = liaison_contact_get_primary_phone (contact);

  if (number == NULL)
    {
      toast (self, _("This contact has no phone number"));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.call-number", "s", number);
}

static void
copy_number (LiaisonContactsPage *self,
             LiaisonContact      *contact,
             const char          *extra)
{
  const char *number = liaison_contact_get_primary_phone (contact);
  g_autofree char *formatted = NULL;

  if (number == NULL)
    {
      toast (self, _("This contact has no phone number"));
      return;
    }

  formatted = liaison_phone_format_for_display (number, NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), formatted);
  toast (self, _("Number copied"));
}

static void
stage_set_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaisonContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_set_pipeline_stage_finish (LIAISON_STORE (object), result, &error))
    {
      toast (self, error->message);
      return;
    }

  toast (self, _("Stage changed"));
  poke_sequences ();
  refresh (self, 0);
}

static void
set_stage (LiaisonContactsPage *self,
           gint64               id,
           const char          *stage)
{
  if (self->store == NULL)
    return;

  liaison_store_set_pipeline_stage_async (self->store, id, stage, NULL, stage_set_cb,
                                          g_object_ref (self));
}

static void
new_stage_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       LiaisonContactsPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  g_autofree char *stage = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "move") == 0 && *stage != '\0')
    set_stage (self, id, stage);
}

static void
move_to_stage (LiaisonContactsPage *self,
               LiaisonContact      *contact,
               const char          *stage)
{
  GtkWidget *dialog;
  GtkWidget *entry;
  g_autoptr(GtkStringList) known = NULL;

  if (stage != NULL && *stage != '\0')
    {
      set_stage (self, liaison_contact_get_id (contact), stage);
      return;
    }

  /* A new stage, or one of the known ones, typed. */
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Stage name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (self->stages != NULL)
    {
      g_autofree char *known_text = g_strjoinv (", ", self->stages);
      g_autofree char *hint = g_strdup_printf (_("Stages in use: %s"), known_text);

      gtk_widget_set_tooltip_text (entry, hint);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Move to Stage"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "contact-id",
                     GSIZE_TO_POINTER ((gsize) liaison_contact_get_id (contact)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_stage_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
editor_saved_cb (LiaisonContactsPage *self,
                 gint64               id)
{
  toast (self, _("Contact saved"));
  poke_sequences ();
  refresh (self, id);
}

static void
enrolled_by_stage_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LiaisonContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!liaison_store_enroll_by_stage_finish (LIAISON_STORE (object), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (n == 0)
    return;

  poke_sequences ();
  if (self->card != NULL)
    liaison_contact_card_reload_sequences (self->card);
  message = g_strdup_printf (ngettext ("Started %u follow-up sequence", "Started %u follow-up sequences", n), n);
  toast (self, message);
}

/* A contact added with a stage joins that stage's sequences, as one moved
 * to it would (an import does not: see liaison_store_enroll_by_stage_async). */
static void
new_contact_saved_cb (LiaisonContactsPage *self,
                      gint64               id)
{
  if (self->store != NULL && id > 0)
    liaison_store_enroll_by_stage_async (self->store, id, 0, NULL, enrolled_by_stage_cb,
                                         g_object_ref (self));
}

static void
open_editor (LiaisonContactsPage *self,
             LiaisonContact      *contact)
{
  GtkWidget *editor;

  if (self->store == NULL)
    return;

  editor = liaison_contact_editor_new (self->store, contact);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  if (contact == NULL)
    g_signal_connect_object (editor, "saved", G_CALLBACK (new_contact_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_contact (LiaisonContactsPage *self,
              LiaisonContact      *contact,
              const char          *extra)
{
  open_editor (self, contact);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LiaisonContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_delete_contact_finish (LIAISON_STORE (object), result, &error))
    {
      toast (self, error->message);
      return;
    }

  show_card (self, NULL);
  toast (self, _("Contact deleted"));
  refresh (self, 0);
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    LiaisonContactsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));

  if (g_strcmp0 (response, "delete") == 0 && self->store != NULL)
    liaison_store_delete_contact_async (self->store, id, NULL, deleted_cb, g_object_ref (self));
}

static void
delete_contact (LiaisonContactsPage *self,
                LiaisonContact      *contact,
                const char          *extra)
{
  g_autofree char *title = liaison_contact_dup_title (contact);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Delete Contact?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will be removed. Messages, calls and the consent "
                                    "ledger are kept."), title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "contact-id",
                     GSIZE_TO_POINTER ((gsize) liaison_contact_get_id (contact)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Enrolling in a follow-up sequence */

typedef struct {
  LiaisonContactsPage *self;
  AdwMessageDialog    *dialog;
  GtkDropDown         *dropdown;
  GPtrArray           *sequences;
  gint64               contact_id;
  char                *title;
} EnrollData;

static void enroll_data_release (gpointer data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EnrollData, enroll_data_release)

/* Shared by the dialog and the read of the sequences (either may end first). */
static void
enroll_data_clear (gpointer user_data)
{
  EnrollData *data = user_data;

  g_clear_object (&data->self);
  g_clear_pointer (&data->sequences, g_ptr_array_unref);
  g_free (data->title);
}

static void
enroll_data_release (gpointer data)
{
  g_rc_box_release_full (data, enroll_data_clear);
}

static void
enrolled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LiaisonContactsPage) self = user_data;
  g_autoptr(LiaisonSequenceEnrollment) enrollment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  enrollment = liaison_store_enroll_contact_finish (LIAISON_STORE (object), result, &error);
  if (enrollment == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  /* The first text may be due at once. */
  poke_sequences ();

  if (self->card != NULL)
    liaison_contact_card_reload_sequences (self->card);

  /* Translators: "Ada Archer joined “New Lead Follow-up”" */
  message = g_strdup_printf (_("%s joined “%s”"),
                             liaison_sequence_enrollment_get_contact_name (enrollment),
                             liaison_sequence_enrollment_get_sequence_name (enrollment));
  toast (self, message);
}

static void
enroll_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    EnrollData       *data)
{
  guint selected;
  LiaisonSequence *sequence;

  if (g_strcmp0 (response, "add") != 0 || data->sequences == NULL || data->self->store == NULL)
    return;

  selected = gtk_drop_down_get_selected (data->dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= data->sequences->len)
    return;

  sequence = g_ptr_array_index (data->sequences, selected);
  liaison_store_enroll_contact_async (data->self->store, liaison_sequence_get_id (sequence),
                                      data->contact_id, 0, NULL, enrolled_cb,
                                      g_object_ref (data->self));
}

static void
enroll_sequences_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EnrollData) data = user_data;
  g_autoptr(GPtrArray) sequences = NULL;
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GError) error = NULL;

  sequences = liaison_store_list_sequences_finish (LIAISON_STORE (object), result, &error);
  if (data->dialog == NULL)
    return;   /* closed meanwhile */

  if (sequences == NULL)
    {
      adw_message_dialog_set_body (data->dialog, error->message);
      return;
    }

  if (sequences->len == 0)
    {
      adw_message_dialog_set_body (data->dialog,
                                   _("There are no sequences yet: create one on the Campaigns page first."));
      return;
    }

  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < sequences->len; i++)
    {
      LiaisonSequence *sequence = g_ptr_array_index (sequences, i);
      g_autofree char *label = NULL;

      if (liaison_sequence_get_enabled (sequence))
        label = g_strdup (liaison_sequence_get_name (sequence));
      else
        /* Translators: a sequence that is switched off */
        label = g_strdup_printf (_("%s (off)"), liaison_sequence_get_name (sequence));
      gtk_string_list_append (names, label);
    }
  gtk_drop_down_set_model (data->dropdown, G_LIST_MODEL (names));
  data->sequences = g_steal_pointer (&sequences);
  gtk_widget_set_sensitive (GTK_WIDGET (data->dropdown), TRUE);
  adw_message_dialog_set_response_enabled (data->dialog, "add", TRUE);
}

static void
enroll_contact (LiaisonContactsPage *self,
                LiaisonContact      *contact,
                const char          *extra)
{
  g_autofree char *title = liaison_contact_dup_title (contact);
  EnrollData *data;
  GtkWidget *dialog;
  GtkWidget *dropdown;

  if (self->store == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Add to a Sequence"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” gets the sequence’s texts, each after its wait, until "
                                    "they reply or opt out."), title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_sensitive (dropdown, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sequence"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);

  data = g_rc_box_new0 (EnrollData);
  data->self = g_object_ref (self);
  data->dialog = ADW_MESSAGE_DIALOG (dialog);
  data->dropdown = GTK_DROP_DOWN (dropdown);
  data->contact_id = liaison_contact_get_id (contact);
  data->title = g_steal_pointer (&title);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &data->dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (enroll_response_cb), data);
  g_object_set_data_full (G_OBJECT (dialog), "enroll-data", data, enroll_data_release);
  liaison_store_list_sequences_async (self->store, self->cancellable, enroll_sequences_cb,
                                      g_rc_box_acquire (data));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
contact_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);
  gint64 id = param != NULL ? g_variant_get_int64 (param) : 0;

  if (g_str_equal (action_name, "contacts.text") ||
      g_str_equal (action_name, "contacts.open-thread"))
    with_contact (self, id, text_contact, NULL);
  else if (g_str_equal (action_name, "contacts.call"))
    with_contact (self, id, call_contact, NULL);
  else if (g_str_equal (action_name, "contacts.copy-number"))
    with_contact (self, id, copy_number, NULL);
  else if (g_str_equal (action_name, "contacts.edit"))
    with_contact (self, id, edit_contact, NULL);
  else if (g_str_equal (action_name, "contacts.delete"))
    with_contact (self, id, delete_contact, NULL);
  else if (g_str_equal (action_name, "contacts.enroll"))
    with_contact (self, id, enroll_contact, NULL);
}

static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);
  gint64 id = 0;
  const char *stage = "";

  g_variant_get (param, "(x&s)", &id, &stage);
  with_contact (self, id, move_to_stage, stage);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_editor (LIAISON_CONTACTS_PAGE (widget), NULL);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Import and export */

static void
imported_cb (LiaisonContactsPage *self)
{
  poke_sequences ();
  refresh (self, 0);
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LiaisonContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  GtkWidget *dialog;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      toast (self, error->message);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  dialog = liaison_contact_import_dialog_new (self->store, bytes, name);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    LiaisonContactsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_load_contents_async (file, self->cancellable, import_loaded_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;

  /* GtkFileChooserNative works on GTK 4.8; GtkFileDialog needs 4.10. */
  chooser = gtk_file_chooser_native_new (_("Import Contacts"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Contacts (CSV, vCard)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  LiaisonContactsPage       *self;
  GFile                     *file;
  GListStore                *contacts;
  LiaisonStoreContactFilter  filter;
  char                      *query;
} ExportData;

static void
export_data_free (ExportData *export)
{
  g_object_unref (export->self);
  g_object_unref (export->file);
  g_object_unref (export->contacts);
  g_free (export->query);
  g_free (export);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *export = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    toast (export->self, error->message);
  else
    toast (export->self, _("Contacts exported"));

  export_data_free (export);
}

static void export_page_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

static void
export_next_page (ExportData *export)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (export->contacts));
  g_autoptr(LiaisonContact) last = n > 0 ? g_list_model_get_item (G_LIST_MODEL (export->contacts),
                                                                  n - 1) : NULL;

  liaison_store_list_contacts_async (export->self->store, &export->filter, last, 500, NULL,
                                     export_page_cb, export);
}

static void
export_page_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportData *export = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  page = liaison_store_list_contacts_finish (LIAISON_STORE (object), result, &error);
  if (page == NULL)
    {
      toast (export->self, error->message);
      export_data_free (export);
      return;
    }

  g_list_store_splice (export->contacts, g_list_model_get_n_items (G_LIST_MODEL (export->contacts)),
                       0, page->pdata, page->len);
  if (page->len == 500)
    {
      export_next_page (export);
      return;
    }

  csv = liaison_contact_export_csv (G_LIST_MODEL (export->contacts));
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (export->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       export_written_cb, export);
}

void
liaison_contacts_page_export_to_file (LiaisonContactsPage *self,
                                      GFile               *file)
{
  ExportData *export;

  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  export = g_new0 (ExportData, 1);
  export->self = g_object_ref (self);
  export->file = g_object_ref (file);
  export->contacts = g_list_store_new (LIAISON_TYPE_CONTACT);
  /* The contacts listed now: same search and filters, by name. Filter
   * strings outlive the export only as copies. */
  export->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  export->filter.query = export->query;
  export->filter.pipeline_stage = g_intern_string (self->filter_stage);
  export->filter.kind = g_intern_string (self->filter_kind);
  export->filter.tag = g_intern_string (self->filter_tag);
  export->filter.owner = g_intern_string (self->filter_owner);
  export_next_page (export);
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    LiaisonContactsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      liaison_contacts_page_export_to_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Contacts"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("contacts.csv"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The store */

/* A page nobody has opened reads nothing at start (the first paint of the
 * page on screen does not wait for it); opening it, or showing a contact,
 * reads. */
static void
store_state_cb (LiaisonContactsPage *self,
                GParamSpec          *pspec,
                LiaisonApplication  *application)
{
  if (self->store == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      liaison_application_get_store_state (application) == LIAISON_STORE_STATE_READY)
    liaison_contacts_page_set_store (self, liaison_application_get_store (application));
}

static void
liaison_contacts_page_map (GtkWidget *widget)
{
  GApplication *application = g_application_get_default ();

  GTK_WIDGET_CLASS (liaison_contacts_page_parent_class)->map (widget);

  if (LIAISON_IS_APPLICATION (application))
    store_state_cb (LIAISON_CONTACTS_PAGE (widget), NULL, LIAISON_APPLICATION (application));
}

/* GObject */

static void
liaison_contacts_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER_STAGE:
      g_value_set_string (value, self->filter_stage != NULL ? self->filter_stage : "");
      break;
    case PROP_FILTER_KIND:
      g_value_set_string (value, self->filter_kind != NULL ? self->filter_kind : "");
      break;
    case PROP_FILTER_TAG:
      g_value_set_string (value, self->filter_tag != NULL ? self->filter_tag : "");
      break;
    case PROP_FILTER_OWNER:
      g_value_set_string (value, self->filter_owner != NULL ? self->filter_owner : "");
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (LiaisonContactsPage *self,
            char               **field,
            const char          *value,
            int                  prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
  apply_filter (self);
}

static void
liaison_contacts_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER_STAGE:
      set_string (self, &self->filter_stage, g_value_get_string (value), prop_id);
      break;
    case PROP_FILTER_KIND:
      set_string (self, &self->filter_kind, g_value_get_string (value), prop_id);
      break;
    case PROP_FILTER_TAG:
      set_string (self, &self->filter_tag, g_value_get_string (value), prop_id);
      break;
    case PROP_FILTER_OWNER:
      set_string (self, &self->filter_owner, g_value_get_string (value), prop_id);
      break;
    case PROP_SORT:
      set_string (self, &self->sort, g_value_get_string (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contacts_page_dispose (GObject *object)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The bound toast overlay is AdwBin's child: unparent it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CONTACTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_contacts_page_parent_class)->dispose (object);
}

static void
liaison_contacts_page_finalize (GObject *object)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  g_strfreev (self->stages);
  g_strfreev (self->tags);
  g_strfreev (self->owners);
  g_free (self->filter_stage);
  g_free (self->filter_kind);
  g_free (self->filter_tag);
  g_free (self->filter_owner);
  g_free (self->sort);

  G_OBJECT_CLASS (liaison_contacts_page_parent_class)->finalize (object);
}

static void
liaison_contacts_page_class_init (LiaisonContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_contacts_page_get_property;
  object_class->set_property = liaison_contacts_page_set_property;
  object_class->dispose = liaison_contacts_page_dispose;
  object_class->finalize = liaison_contacts_page_finalize;
  widget_class->map = liaison_contacts_page_map;

  properties [PROP_FILTER_STAGE] = g_param_spec_string ("filter-stage", NULL, NULL, "", flags);
  properties [PROP_FILTER_KIND] = g_param_spec_string ("filter-kind", NULL, NULL, "", flags);
  properties [PROP_FILTER_TAG] = g_param_spec_string ("filter-tag", NULL, NULL, "", flags);
  properties [PROP_FILTER_OWNER] = g_param_spec_string ("filter-owner", NULL, NULL, "", flags);
  properties [PROP_SORT] = g_param_spec_string ("sort", NULL, NULL, "name", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIAISON_TYPE_CONTACT_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/contacts/liaison-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, filter_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, card_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, card);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_changed_cb);

  /* Quick actions take the contact id; 0 is the contact on the card (or
   * the selected one), which is what the keyboard shortcuts use. */
  gtk_widget_class_install_action (widget_class, "contacts.text", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.open-thread", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.copy-number", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.edit", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.move-to-stage", "(xs)",
                                   move_to_stage_action);
  gtk_widget_class_install_action (widget_class, "contacts.call", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.enroll", "x", contact_action);
  gtk_widget_class_install_action (widget_class, "contacts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "contacts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "contacts.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "contacts.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_property_action (widget_class, "contacts.filter-stage", "filter-stage");
  gtk_widget_class_install_property_action (widget_class, "contacts.filter-kind", "filter-kind");
  gtk_widget_class_install_property_action (widget_class, "contacts.filter-tag", "filter-tag");
  gtk_widget_class_install_property_action (widget_class, "contacts.filter-owner", "filter-owner");
  gtk_widget_class_install_property_action (widget_class, "contacts.sort", "sort");

  /* Listed in gtk/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "contacts.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "contacts.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "contacts.text", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "contacts.open-thread", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contacts.call", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contacts.copy-number", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "contacts.edit", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "contacts.move-to-stage", "(xs)", (gint64) 0, "");
}

static void
liaison_contacts_page_init (LiaisonContactsPage *self)
{
  GtkListItemFactory *factory;
  GApplication *application = g_application_get_default ();

  self->sort = g_strdup ("name");
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = liaison_contact_list_model_new ();
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_list_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loaded", G_CALLBACK (update_list_stack), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (maybe_load_more), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "notify::vadjustment", G_CALLBACK (follow_adjustment),
                           self, G_CONNECT_SWAPPED);
  follow_adjustment (self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  rebuild_filter_menu (self);
  update_list_stack (self);

  if (application != NULL && LIAISON_IS_APPLICATION (application))
    {
      g_signal_connect_object (application, "notify::store-state", G_CALLBACK (store_state_cb),
                               self, G_CONNECT_SWAPPED);
      store_state_cb (self, NULL, LIAISON_APPLICATION (application));
    }
}

GtkWidget *
liaison_contacts_page_new (void)
{
  return g_object_new (LIAISON_TYPE_CONTACTS_PAGE, NULL);
}

void
liaison_contacts_page_set_store (LiaisonContactsPage *self,
                                 LiaisonStore        *store)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));
  g_return_if_fail (!store || LIAISON_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  liaison_contact_card_set_store (self->card, store);
  liaison_contact_list_model_set_store (self->model, store);
  load_values (self);
  update_list_stack (self);
}

void
liaison_contacts_page_show_contact (LiaisonContactsPage *self,
                                    gint64               contact_id)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));

  if (self->store == NULL)
    {
      /* Opened before the store: the application sets it shortly. */
      LiaisonApplication *application = LIAISON_APPLICATION_DEFAULT;

      if (application == NULL || liaison_application_get_store (application) == NULL)
        return;
      liaison_contacts_page_set_store (self, liaison_application_get_store (application));
    }

  liaison_store_get_contact_details_async (self->store, contact_id, self->cancellable, details_cb,
                                           g_object_ref (self));
}

GListModel *
liaison_contacts_page_get_model (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

const char * const *
liaison_contacts_page_get_stages (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), NULL);
  return (const char * const *) self->stages;
}
