/* liaison-window.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-window"

#include "config.h"

#include "liaison-window.h"
#include "liaison-conversation-view.h"
#include "liaison-phone.h"
#include "liaison-composer.h"
#include "liaison-analytics-page.h"
#include "liaison-call-banner.h"
#include "liaison-inbox-format.h"
#include "liaison-calls-page.h"
#include "liaison-campaigns-page.h"
#include "liaison-contact-editor.h"
#include "liaison-contacts-page.h"
#include "liaison-inbox-page.h"
#include "liaison-new-message-dialog.h"
#include "liaison-numbers-page.h"
#include "liaison-paths.h"
#include "liaison-voicemail-page.h"
#include "liaison-welcome-page.h"

#include <glib/gi18n.h>

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType     (*get_type) (void);
} PageInfo;

/* The sidebar, in order. Ctrl+1 … Ctrl+7 follow it (liaison-application-actions.c). */
static const PageInfo page_infos[] = {
  { "inbox", N_("Inbox"), "mail-unread-symbolic", liaison_inbox_page_get_type },
  { "contacts", N_("Contacts"), "x-office-address-book-symbolic", liaison_contacts_page_get_type },
  { "calls", N_("Calls"), "call-start-symbolic", liaison_calls_page_get_type },
  { "voicemail", N_("Voicemail"), "liaison-voicemail-symbolic", liaison_voicemail_page_get_type },
  { "numbers", N_("Numbers"), "input-dialpad-symbolic", liaison_numbers_page_get_type },
  { "campaigns", N_("Campaigns"), "mail-send-symbolic", liaison_campaigns_page_get_type },
  { "analytics", N_("Analytics"), "liaison-analytics-symbolic", liaison_analytics_page_get_type },
};

static const char * const page_names[] = {
  "inbox", "contacts", "calls", "voicemail", "numbers", "campaigns", "analytics", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_infos) + 1 == G_N_ELEMENTS (page_names));

struct _LiaisonWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  LiaisonCallBanner    *call_banner;
  GtkRevealer          *demo_banner;
  GtkStack             *top_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkListBox           *sidebar_list;
  GtkButton            *back_button;
  GtkStack             *content_stack;
  AdwWindowTitle       *content_title;
  LiaisonWelcomePage   *welcome_page;
  AdwStatusPage        *error_status_page;
  GtkLabel             *error_path_label;
  GtkButton            *open_data_folder_button;
  GtkButton            *quit_button;

  LiaisonApplication   *application;
  GSettings            *settings;
  char                 *page;

  /* Set once the window has settled on the main view: from then on it never
   * goes back to the welcome page on its own. */
  gboolean              welcome_done;
};

enum {
  PROP_0,
  PROP_PAGE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonWindow, liaison_window, ADW_TYPE_APPLICATION_WINDOW)

static int
find_page (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    if (g_strcmp0 (page_infos[i].name, name) == 0)
      return (int) i;

  return -1;
}

/* Unfolded, the sidebar marks the page shown beside it. Folded, the sidebar
 * is a plain menu of pages, as in GNOME Settings. */
static void
sync_sidebar_selection (LiaisonWindow *self)
{
  int index = find_page (self->page);
  GtkListBoxRow *row = NULL;

  if (index >= 0 && !adw_leaflet_get_folded (self->leaflet))
    row = gtk_list_box_get_row_at_index (self->sidebar_list, index);

  if (row == NULL)
    gtk_list_box_unselect_all (self->sidebar_list);
  else if (gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);
}

static void
set_page (LiaisonWindow *self,
          const char    *name,
          gboolean       navigate)
{
  int index = find_page (name);

  if (index < 0)
    {
      g_warning ("There is no page called “%s”", name);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, name);
  adw_window_title_set_title (self->content_title, _(page_infos[index].title));

  if (g_strcmp0 (self->page, name) != 0)
    {
      g_free (self->page);
      self->page = g_strdup (name);

      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-page", name);

      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE]);
    }

  sync_sidebar_selection (self);

  if (navigate)
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
sidebar_row_activated_cb (LiaisonWindow *self,
                          GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  g_return_if_fail (index >= 0 && index < (int) G_N_ELEMENTS (page_infos));

  set_page (self, page_infos[index].name, TRUE);
}

static GtkWidget *
create_sidebar_row (const PageInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (info->icon_name);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);

  return row;
}

static void
build_pages (LiaisonWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      const PageInfo *info = &page_infos[i];
      GtkWidget *page = g_object_new (info->get_type (), NULL);
      GtkStackPage *stack_page;

      stack_page = gtk_stack_add_titled (self->content_stack, page, info->name, _(info->title));
      gtk_stack_page_set_icon_name (stack_page, info->icon_name);
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (info));
    }
}

static const char *
store_error_title (const GError *error)
{
  if (error->domain != LIAISON_STORE_ERROR)
    return _("Your Data Could Not Be Opened");

  switch ((LiaisonStoreError) error->code)
    {
    case LIAISON_STORE_ERROR_CORRUPT:
      return _("Your Data File Is Damaged");

    case LIAISON_STORE_ERROR_LOCKED:
      return _("Your Data File Is in Use");

    case LIAISON_STORE_ERROR_TOO_NEW:
      return _("Your Data Is From a Newer Liaison");

    case LIAISON_STORE_ERROR_MIGRATION:
      return _("Your Data Could Not Be Updated");

    case LIAISON_STORE_ERROR_IO:
      return _("Your Data File Could Not Be Read");

    case LIAISON_STORE_ERROR_FAILED:
    case LIAISON_STORE_ERROR_CANNOT_OPEN:
    case LIAISON_STORE_ERROR_NOT_FOUND:
    case LIAISON_STORE_ERROR_CLOSED:
    default:
      return _("Your Data Could Not Be Opened");
    }
}

static void
show_store_error (LiaisonWindow *self)
{
  const GError *error = liaison_application_get_store_error (self->application);
  LiaisonStore *store = liaison_application_get_store (self->application);
  g_autofree char *db_path = liaison_paths_get_database_path ();
  g_autoptr(GString) description = g_string_new (NULL);
  const char *backup = NULL;

  if (store != NULL)
    backup = liaison_store_get_last_backup_path (store);

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* In the demo, what failed is starting its services or seeding it. */
      adw_status_page_set_title (self->error_status_page,
                                 liaison_application_get_demo_mode (self->application)
                                 ? _("The Demo Could Not Start")
                                 : store_error_title (error));
      g_string_append (description, escaped);
    }
  else
    {
      adw_status_page_set_title (self->error_status_page, _("Your Data Could Not Be Opened"));
    }

  if (backup != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (backup, -1);

      g_string_append (description, "\n\n");
      /* Translators: %s is the path of a backup copy of the database. */
      g_string_append_printf (description, _("A backup was saved as “%s”."), escaped);
    }

  adw_status_page_set_description (self->error_status_page, description->str);
  gtk_label_set_label (self->error_path_label,
                       store != NULL ? liaison_store_get_path (store) : db_path);
}

static void
update_view (LiaisonWindow *self)
{
  LiaisonCredentialsState credentials;
  const char *current;
  const char *view;

  if (self->application == NULL)
    return;

  current = gtk_stack_get_visible_child_name (self->top_stack);
  credentials = liaison_application_get_credentials_state (self->application);

  if (liaison_application_get_store_state (self->application) == LIAISON_STORE_STATE_FAILED)
    {
      show_store_error (self);
      view = "error";
    }
  else if (credentials == LIAISON_CREDENTIALS_STATE_LOADING)
    {
      /* The main view shows at once; the keyring answers shortly. */
      view = current;
    }
  else if (!self->welcome_done &&
           !liaison_application_get_setup_postponed (self->application) &&
           (credentials == LIAISON_CREDENTIALS_STATE_MISSING ||
            credentials == LIAISON_CREDENTIALS_STATE_UNAVAILABLE))
    {
      liaison_welcome_page_set_keyring_error (self->welcome_page,
                                              liaison_application_get_credentials_error (self->application));
      view = "welcome";
    }
  else
    {
      self->welcome_done = TRUE;
      view = "main";
    }

  if (g_strcmp0 (current, view) != 0)
    {
      g_debug ("Showing the %s view", view);
      gtk_stack_set_visible_child_name (self->top_stack, view);

      /* Not the selectable path label, which would select all its text. */
      if (g_str_equal (view, "error"))
        gtk_widget_grab_focus (GTK_WIDGET (self->open_data_folder_button));
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW]);
    }
}

static void
welcome_finished_cb (LiaisonWindow *self,
                     const char    *friendly_name)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *escaped = g_markup_escape_text (friendly_name ? friendly_name : "", -1);

  /* Translators: %s is the name of the user's Twilio account. */
  toast = adw_toast_new_format (_("Connected to %s"), escaped);
  adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&toast));

  self->welcome_done = TRUE;
  update_view (self);
}

static void
welcome_postponed_cb (LiaisonWindow *self)
{
  self->welcome_done = TRUE;
  liaison_application_set_setup_postponed (self->application, TRUE);
  update_view (self);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  set_page (self, g_variant_get_string (param, NULL), TRUE);
}

/* Contacts: switches to the contacts page and opens the contact's card. */
static void
show_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, "contacts");

  set_page (self, "contacts", TRUE);
  if (page != NULL)
    liaison_contacts_page_show_contact (LIAISON_CONTACTS_PAGE (page), g_variant_get_int64 (param));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static LiaisonInboxPage *
show_inbox (LiaisonWindow *self)
{
  set_page (self, "inbox", TRUE);

  return LIAISON_INBOX_PAGE (gtk_stack_get_child_by_name (self->content_stack, "inbox"));
}

/* From a notification about an unknown number: a new contact with it. */
static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  LiaisonApplication *application = LIAISON_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  LiaisonStore *store = liaison_application_get_store (application);
  GtkWidget *editor;

  if (store == NULL || liaison_application_get_store_state (application) != LIAISON_STORE_STATE_READY)
    return;

  set_page (self, "contacts", TRUE);
  editor = liaison_contact_editor_new (store, NULL);
  liaison_contact_editor_add_phone (LIAISON_CONTACT_EDITOR (editor),
                                    g_variant_get_string (param, NULL), NULL);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_thread_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  liaison_inbox_page_open_thread (show_inbox (self), g_variant_get_int64 (param), 0);
}

static void
text_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!liaison_inbox_page_text_number (show_inbox (self), g_variant_get_string (param, NULL),
                                       &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
}

static void
show_error_toast (LiaisonWindow *self,
                  const GError  *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
call_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LiaisonWindow) self = user_data;
  g_autoptr(LiaisonLiveCall) call = NULL;
  g_autoptr(GError) error = NULL;

  call = liaison_application_call_number_finish (LIAISON_APPLICATION (object), result, &error);
  if (call == NULL)
    show_error_toast (self, error);
}

/* Click-to-call: Twilio rings the advisor's phone, then the number. */
static void
call_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  if (self->application == NULL)
    return;

  liaison_application_call_number_async (self->application, g_variant_get_string (param, NULL),
                                         NULL, call_started_cb, g_object_ref (self));
}

static void
hung_up_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LiaisonWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_application_hang_up_finish (LIAISON_APPLICATION (object), result, &error))
    show_error_toast (self, error);
}

static void
hang_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  if (self->application != NULL)
    liaison_application_hang_up_async (self->application, NULL, hung_up_cb, g_object_ref (self));
}

static void
added_to_call_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LiaisonWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = NULL;

  sid = liaison_application_add_to_call_finish (LIAISON_APPLICATION (object), result, &error);
  if (sid == NULL)
    show_error_toast (self, error);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Calling them into the call…")));
}

static void
add_to_call_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  if (self->application != NULL)
    liaison_application_add_to_call_async (self->application, g_variant_get_string (param, NULL),
                                           NULL, added_to_call_cb, g_object_ref (self));
}

/* A call in the history: its recording, transcript and summary. */
static void
show_call_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  GtkWidget *page;

  set_page (self, "calls", TRUE);
  page = gtk_stack_get_child_by_name (self->content_stack, "calls");
  if (LIAISON_IS_CALLS_PAGE (page))
    liaison_calls_page_show_call (LIAISON_CALLS_PAGE (page), g_variant_get_string (param, NULL));
}

static void
live_call_changed_cb (LiaisonWindow *self)
{
  LiaisonLiveCall *call = liaison_application_get_live_call (self->application);
  g_autofree char *title = NULL;

  if (call != NULL)
    title = liaison_inbox_format_number (liaison_live_call_get_client_number (call));
  liaison_call_banner_set_call (self->call_banner, call, title);
}

static void
new_message_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  liaison_new_message_dialog_present (GTK_WINDOW (widget));
}

static void
open_data_folder_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_autoptr(GFile) folder = g_file_new_for_path (liaison_paths_get_data_dir ());
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
restore_state (LiaisonWindow *self)
{
  g_autofree char *last_page = NULL;
  int width, height;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  if (find_page (last_page) < 0)
    g_clear_pointer (&last_page, g_free);

  set_page (self, last_page != NULL ? last_page : page_infos[0].name, FALSE);
}

static void
save_state (LiaisonWindow *self)
{
  int width, height;
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* Keep the unmaximized size, so unmaximizing later restores it. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static void
first_frame_painted_cb (LiaisonWindow *self,
                        GdkFrameClock *frame_clock)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, self);

  if (self->application != NULL)
    liaison_application_start_background_work (self->application);
}

static void
liaison_window_realize (GtkWidget *widget)
{
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (liaison_window_parent_class)->realize (widget);

  /* The database and the keyring are read once the window is on screen. */
  frame_clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (widget)));
  g_signal_connect_object (frame_clock, "after-paint",
                           G_CALLBACK (first_frame_painted_cb), widget, G_CONNECT_SWAPPED);
}

static gboolean
liaison_window_close_request (GtkWindow *window)
{
  save_state (LIAISON_WINDOW (window));

  return GTK_WINDOW_CLASS (liaison_window_parent_class)->close_request (window);
}

static void
liaison_window_constructed (GObject *object)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);
  GApplication *application = g_application_get_default ();

  G_OBJECT_CLASS (liaison_window_parent_class)->constructed (object);

  if (!LIAISON_IS_APPLICATION (application))
    {
      g_critical ("A LiaisonWindow needs a registered LiaisonApplication");
      return;
    }

  self->application = g_object_ref (LIAISON_APPLICATION (application));
  self->settings = g_object_ref (liaison_application_get_settings (self->application));

  restore_state (self);

  g_signal_connect_object (self->application, "notify::store-state",
                           G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::credentials-state",
                           G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::setup-postponed",
                           G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::live-call",
                           G_CALLBACK (live_call_changed_cb), self, G_CONNECT_SWAPPED);
  live_call_changed_cb (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  /* Hidden, not only folded away: a revealer measures its child even
   * when it shows none of it. */
  gtk_widget_set_visible (GTK_WIDGET (self->demo_banner),
                          liaison_application_get_demo_mode (self->application));
  gtk_revealer_set_reveal_child (self->demo_banner,
                                 liaison_application_get_demo_mode (self->application));

  update_view (self);
}

static void
liaison_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, liaison_window_get_page (self));
      break;

    case PROP_VIEW:
      g_value_set_string (value, liaison_window_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_window_dispose (GObject *object)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (liaison_window_parent_class)->dispose (object);
}

static void
liaison_window_finalize (GObject *object)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  g_clear_pointer (&self->page, g_free);

  G_OBJECT_CLASS (liaison_window_parent_class)->finalize (object);
}

static void
liaison_window_class_init (LiaisonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = liaison_window_constructed;
  object_class->get_property = liaison_window_get_property;
  object_class->dispose = liaison_window_dispose;
  object_class->finalize = liaison_window_finalize;

  widget_class->realize = liaison_window_realize;

  window_class->close_request = liaison_window_close_request;

  properties [PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The page types live in a static library: make sure they are linked in. */
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    g_type_ensure (page_infos[i].get_type ());
  g_type_ensure (LIAISON_TYPE_WELCOME_PAGE);
  g_type_ensure (LIAISON_TYPE_CALL_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/liaison-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, call_banner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, top_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, error_status_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, error_path_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, open_data_folder_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, quit_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_postponed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "x", show_contact_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.open-data-folder", NULL,
                                   open_data_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-thread", "x", open_thread_action);
  gtk_widget_class_install_action (widget_class, "win.text-number", "s", text_number_action);
  gtk_widget_class_install_action (widget_class, "win.add-contact", "s", add_contact_action);
  gtk_widget_class_install_action (widget_class, "win.new-message", NULL, new_message_action);
  gtk_widget_class_install_action (widget_class, "win.call-number", "s", call_number_action);
  gtk_widget_class_install_action (widget_class, "win.show-call", "s", show_call_action);
  gtk_widget_class_install_action (widget_class, "win.hang-up", NULL, hang_up_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-call", "s", add_to_call_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-message", NULL);
}

static void
liaison_window_init (LiaisonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_pages (self);

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (sync_sidebar_selection), self, G_CONNECT_SWAPPED);
}

LiaisonWindow *
liaison_window_new (LiaisonApplication *application)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (application), NULL);

  return g_object_new (LIAISON_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

const char *
liaison_window_get_page (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return self->page;
}

const char *
liaison_window_get_view (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->top_stack);
}

void
liaison_window_add_toast (LiaisonWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char * const *
liaison_window_get_page_names (void)
{
  return page_names;
}

typedef struct {
  LiaisonWindow *window;
  char          *number;   /* E.164 */
  char          *body;
  guint          tries;
} ComposeDraft;

static void
compose_draft_free (gpointer data)
{
  ComposeDraft *draft = data;

  g_object_unref (draft->window);
  g_free (draft->number);
  g_free (draft->body);
  g_free (draft);
}

/* The conversation opens asynchronously (its thread is looked up first);
 * the draft goes in once it shows the number, so that switching recipient
 * does not clear it. */
static gboolean
compose_draft_cb (gpointer data)
{
  ComposeDraft *draft = data;
  LiaisonInboxPage *inbox = LIAISON_INBOX_PAGE (gtk_stack_get_child_by_name (draft->window->content_stack, "inbox"));
  LiaisonConversationView *view = liaison_inbox_page_get_conversation_view (inbox);
  GtkWidget *composer;

  if (g_strcmp0 (liaison_conversation_view_get_remote_number (view), draft->number) != 0
      || liaison_conversation_view_get_loading (view)
      || (composer = liaison_conversation_view_get_composer (view)) == NULL)
    return ++draft->tries < 200 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;

  liaison_composer_set_text (LIAISON_COMPOSER (composer), draft->body);
  liaison_conversation_view_focus_composer (view);

  return G_SOURCE_REMOVE;
}

/* Opens the conversation with @number (as typed or E.164) with @body (may
 * be NULL) as the draft: for `sms:` links and other programs. */
void
liaison_window_compose (LiaisonWindow *self,
                        const char    *number,
                        const char    *body)
{
  g_autofree char *e164 = NULL;
  ComposeDraft *draft;

  g_return_if_fail (LIAISON_IS_WINDOW (self));
  g_return_if_fail (number != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.text-number", "s", number);

  e164 = liaison_phone_normalize (number, NULL, NULL);
  if (body == NULL || *body == '\0' || e164 == NULL)
    return;

  draft = g_new0 (ComposeDraft, 1);
  draft->window = g_object_ref (self);
  draft->number = g_steal_pointer (&e164);
  draft->body = g_strdup (body);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 25, compose_draft_cb, draft, compose_draft_free);
}
