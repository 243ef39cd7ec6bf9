/* liaison-inbox-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-inbox-page"

#include "config.h"

#include "liaison-inbox-page.h"
#include "liaison-application.h"
#include "liaison-conversation-view.h"
#include "liaison-inbox-format.h"
#include "liaison-message-row.h"
#include "liaison-phone.h"
#include "liaison-thread-list-model.h"
#include "liaison-thread-row.h"

#include <glib/gi18n.h>

#define SEARCH_LIMIT 100

struct _LiaisonInboxPage
{
  AdwBin                   parent_instance;

  /* Template widgets */
  AdwLeaflet              *leaflet;
  GtkWidget               *list_pane;
  GtkToggleButton         *search_button;
  GtkSearchBar            *search_bar;
  GtkSearchEntry          *search_entry;
  GtkStack                *list_stack;
  GtkListView             *thread_list;
  GtkListView             *results_list;
  LiaisonConversationView *conversation_view;

  LiaisonApplication      *application;
  LiaisonStore            *store;
  LiaisonThreadListModel  *threads;
  GtkSingleSelection      *thread_selection;
  GListStore              *results;
  GCancellable            *search_cancellable;
  gboolean                 searching;

  GSignalGroup            *outbox_signals;
  GSignalGroup            *relay_signals;
};

enum {
  PROP_0,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonInboxPage, liaison_inbox_page, ADW_TYPE_BIN)

static void
update_list_stack (LiaisonInboxPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *name;

  if (gtk_search_bar_get_search_mode (self->search_bar) && text != NULL && *text != '\0')
    name = (self->searching || g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
           ? "results" : "no-results";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->threads)) == 0 &&
           liaison_thread_list_model_get_complete (self->threads))
    name = "empty";
  else
    name = "threads";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static void
sync_selection (LiaisonInboxPage *self)
{
  gint64 thread_id = liaison_conversation_view_get_thread_id (self->conversation_view);
  int position = thread_id > 0 ? liaison_thread_list_model_find (self->threads, thread_id) : -1;

  if (position >= 0)
    gtk_single_selection_set_selected (self->thread_selection, position);
  else
    gtk_single_selection_set_selected (self->thread_selection, GTK_INVALID_LIST_POSITION);
}

static void
threads_changed_cb (LiaisonInboxPage *self)
{
  update_list_stack (self);
  sync_selection (self);
}

/* Live updates */

static void
thread_touched (LiaisonInboxPage *self,
                gint64            thread_id)
{
  liaison_inbox_page_refresh_thread (self, thread_id);
}

static void
message_changed_cb (LiaisonInboxPage *self,
                    gint64            message_id,
                    gint64            thread_id)
{
  thread_touched (self, thread_id);
}

static void
message_received_cb (LiaisonInboxPage *self,
                     gint64            message_id,
                     gint64            thread_id,
                     const char       *from)
{
  thread_touched (self, thread_id);
}

static void
thread_read_cb (LiaisonInboxPage *self,
                gint64            thread_id)
{
  liaison_thread_list_model_refresh_thread (self->threads, thread_id);
}

static void
thread_changed_cb (LiaisonInboxPage *self,
                   gint64            thread_id)
{
  liaison_thread_list_model_refresh_thread (self->threads, thread_id);
}

/* The first page of threads: as many as the list shows, and two more (the
 * first frame builds a row for each thread it is given). A row is two lines
 * of text, 2 px apart, with 8 px above and below. */
static void
size_first_page (LiaisonInboxPage *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->thread_list));
  PangoFontMetrics *metrics;
  int line, row;

  if (height <= 0)
    {
      liaison_thread_list_model_set_first_page_size (self->threads, 0);
      return;
    }

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->thread_list)),
                                       NULL, NULL);
  line = PANGO_PIXELS (pango_font_metrics_get_ascent (metrics) +
                       pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  row = MAX (2 * line + 2 + 16, 24);
  liaison_thread_list_model_set_first_page_size (self->threads, height / row + 2);
}

/* The store, the outbox and the relay client come and go with the
 * application's state: follow whatever it has now. */
static void
sync_services (LiaisonInboxPage *self)
{
  LiaisonStore *store = NULL;
  GObject *outbox = NULL;
  GObject *relay = NULL;

  if (self->application != NULL &&
      liaison_application_get_store_state (self->application) == LIAISON_STORE_STATE_READY)
    {
      store = liaison_application_get_store (self->application);
      outbox = (GObject *) liaison_application_get_outbox (self->application);
      relay = (GObject *) liaison_application_get_relay_client (self->application);
    }

  if (g_set_object (&self->store, store))
    {
      size_first_page (self);
      liaison_thread_list_model_set_store (self->threads, store);
      liaison_conversation_view_set_store (self->conversation_view, store);
    }

  g_signal_group_set_target (self->outbox_signals, outbox);
  g_signal_group_set_target (self->relay_signals, relay);
}

/* The thread list */

static void
thread_list_realized_cb (GtkWidget        *list,
                         LiaisonInboxPage *self)
{
  liaison_thread_list_model_set_frame_clock (self->threads, gtk_widget_get_frame_clock (list));
}

static void
thread_list_unrealized_cb (GtkWidget        *list,
                           LiaisonInboxPage *self)
{
  liaison_thread_list_model_set_frame_clock (self->threads, NULL);
}

static void
setup_thread_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, liaison_thread_row_new ());
}

static void
bind_thread_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  liaison_thread_row_set_thread (LIAISON_THREAD_ROW (gtk_list_item_get_child (list_item)),
                                 gtk_list_item_get_item (list_item));
}

static void
show_conversation (LiaisonInboxPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "conversation");
}

static void
thread_activated_cb (LiaisonInboxPage *self,
                     guint             position)
{
  g_autoptr(LiaisonThread) thread = g_list_model_get_item (G_LIST_MODEL (self->threads), position);

  if (thread == NULL)
    return;

  liaison_inbox_page_open_thread (self, liaison_thread_get_id (thread), 0);
}

static void
go_back_cb (LiaisonInboxPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
leaflet_folded_cb (LiaisonInboxPage *self)
{
  liaison_conversation_view_set_show_back_button (self->conversation_view,
                                                  adw_leaflet_get_folded (self->leaflet));
}

/* Search */

static void
set_searching (LiaisonInboxPage *self,
               gboolean          searching)
{
  if (self->searching == searching)
    return;

  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCHING]);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaisonInboxPage *self;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = liaison_store_search_finish (LIAISON_STORE (object), result, &error);
  if (hits == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_INBOX_PAGE (user_data);

  if (hits == NULL)
    {
      g_warning ("Search failed: %s", error->message);
      g_list_store_remove_all (self->results);
    }
  else
    {
      g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                           hits->pdata, hits->len);
    }

  set_searching (self, FALSE);
  update_list_stack (self);
}

static void
search_changed_cb (LiaisonInboxPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (*stripped == '\0' || self->store == NULL)
    {
      g_list_store_remove_all (self->results);
      set_searching (self, FALSE);
      update_list_stack (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  update_list_stack (self);
  liaison_store_search_async (self->store, stripped, SEARCH_LIMIT, self->search_cancellable,
                              search_done_cb, self);
}

static void
open_hit (LiaisonInboxPage *self,
          LiaisonSearchHit *hit)
{
  switch (liaison_search_hit_get_kind (hit))
    {
    case LIAISON_SEARCH_HIT_MESSAGE:
      liaison_inbox_page_open_thread (self, liaison_search_hit_get_thread_id (hit),
                                      liaison_search_hit_get_id (hit));
      break;

    case LIAISON_SEARCH_HIT_SENTENCE:
      if (liaison_search_hit_get_thread_id (hit) > 0)
        liaison_inbox_page_open_thread (self, liaison_search_hit_get_thread_id (hit), 0);
      break;

    case LIAISON_SEARCH_HIT_CONTACT:
    default:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "x",
                                  liaison_search_hit_get_contact_id (hit));
      break;
    }
}

static void
search_activate_cb (LiaisonInboxPage *self)
{
  g_autoptr(LiaisonSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->results), 0);

  if (hit != NULL)
    open_hit (self, hit);
}

static void
stop_search_cb (LiaisonInboxPage *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_cb (LiaisonInboxPage *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      g_cancellable_cancel (self->search_cancellable);
      set_searching (self, FALSE);
    }
  update_list_stack (self);
}

static void
result_activated_cb (LiaisonInboxPage *self,
                     guint             position)
{
  g_autoptr(LiaisonSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (hit != NULL)
    open_hit (self, hit);
}

static void
setup_result_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (snippet), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_set_name (snippet, "snippet");

  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), time);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), snippet);

  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "time", time);
  g_object_set_data (G_OBJECT (box), "snippet", snippet);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_result_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  LiaisonInboxPage *self = user_data;
  LiaisonSearchHit *hit = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *markup = liaison_search_hit_get_snippet_markup (hit);
  g_autofree char *time = liaison_inbox_format_relative_time (liaison_search_hit_get_time (hit),
                                                              g_get_real_time ());
  g_autofree char *title = NULL;
  LiaisonThread *thread = NULL;

  if (liaison_search_hit_get_thread_id (hit) > 0)
    thread = liaison_thread_list_model_lookup (self->threads, liaison_search_hit_get_thread_id (hit));

  switch (liaison_search_hit_get_kind (hit))
    {
    case LIAISON_SEARCH_HIT_MESSAGE:
      title = thread != NULL ? liaison_inbox_thread_title (thread) : g_strdup (_("Message"));
      break;

    case LIAISON_SEARCH_HIT_SENTENCE:
      title = thread != NULL
              /* Translators: %s is a contact's name or number */
              ? g_strdup_printf (_("Call with %s"), liaison_thread_get_contact_name (thread) != NULL
                                 ? liaison_thread_get_contact_name (thread)
                                 : liaison_thread_get_remote_number (thread))
              : g_strdup (_("Call transcript"));
      break;

    case LIAISON_SEARCH_HIT_CONTACT:
    default:
      title = g_strdup (_("Contact"));
      break;
    }

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "title"), title);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "time"), time);
  gtk_label_set_markup (g_object_get_data (G_OBJECT (box), "snippet"), markup);
}

static gboolean
search_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  liaison_inbox_page_start_search (LIAISON_INBOX_PAGE (widget));
  return TRUE;
}

static void
liaison_inbox_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaisonInboxPage *self = LIAISON_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_inbox_page_dispose (GObject *object)
{
  LiaisonInboxPage *self = LIAISON_INBOX_PAGE (object);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  if (self->relay_signals != NULL)
    g_signal_group_set_target (self->relay_signals, NULL);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->relay_signals);

  /* The template's root is bound and is AdwBin's child: unparent it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_INBOX_PAGE);

  g_clear_object (&self->thread_selection);
  g_clear_object (&self->threads);
  g_clear_object (&self->results);
  g_clear_object (&self->store);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (liaison_inbox_page_parent_class)->dispose (object);
}

static void
liaison_inbox_page_class_init (LiaisonInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_inbox_page_get_property;
  object_class->dispose = liaison_inbox_page_dispose;

  properties [PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIAISON_TYPE_CONVERSATION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, thread_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonInboxPage, conversation_view);
  gtk_widget_class_bind_template_callback (widget_class, thread_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, thread_read_cb);
  gtk_widget_class_bind_template_callback (widget_class, thread_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, go_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
}

static void
liaison_inbox_page_init (LiaisonInboxPage *self)
{
  g_autoptr(GtkListItemFactory) thread_factory = NULL;
  g_autoptr(GtkListItemFactory) result_factory = NULL;
  g_autoptr(GtkNoSelection) result_selection = NULL;
  GtkEventController *shortcuts;
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_message_row_ensure_style ();

  self->threads = liaison_thread_list_model_new ();
  self->thread_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->threads)));
  gtk_single_selection_set_autoselect (self->thread_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->thread_selection, TRUE);
  gtk_single_selection_set_selected (self->thread_selection, GTK_INVALID_LIST_POSITION);

  thread_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (thread_factory, "setup", G_CALLBACK (setup_thread_row_cb), self);
  g_signal_connect (thread_factory, "bind", G_CALLBACK (bind_thread_row_cb), self);
  gtk_list_view_set_factory (self->thread_list, thread_factory);
  gtk_list_view_set_model (self->thread_list, GTK_SELECTION_MODEL (self->thread_selection));

  g_signal_connect_object (self->threads, "items-changed",
                           G_CALLBACK (threads_changed_cb), self, G_CONNECT_SWAPPED);
  /* The first page on screen before the next ones are fetched. */
  g_signal_connect_object (self->thread_list, "realize",
                           G_CALLBACK (thread_list_realized_cb), self, 0);
  g_signal_connect_object (self->thread_list, "unrealize",
                           G_CALLBACK (thread_list_unrealized_cb), self, 0);
  g_signal_connect_object (self->threads, "notify::complete",
                           G_CALLBACK (update_list_stack), self, G_CONNECT_SWAPPED);

  self->results = g_list_store_new (LIAISON_TYPE_SEARCH_HIT);
  result_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (result_factory, "setup", G_CALLBACK (setup_result_row_cb), self);
  g_signal_connect (result_factory, "bind", G_CALLBACK (bind_result_row_cb), self);
  gtk_list_view_set_factory (self->results_list, result_factory);
  result_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_list, GTK_SELECTION_MODEL (result_selection));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+F anywhere in the window while the inbox shows. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (search_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->outbox_signals = g_signal_group_new (LIAISON_TYPE_OUTBOX);
  g_signal_group_connect_object (self->outbox_signals, "message-changed",
                                 G_CALLBACK (message_changed_cb), self, G_CONNECT_SWAPPED);
  self->relay_signals = g_signal_group_new (LIAISON_TYPE_RELAY_CLIENT);
  g_signal_group_connect_object (self->relay_signals, "message-received",
                                 G_CALLBACK (message_received_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->relay_signals, "message-changed",
                                 G_CALLBACK (message_changed_cb), self, G_CONNECT_SWAPPED);

  if (LIAISON_IS_APPLICATION (application))
    {
      self->application = g_object_ref (LIAISON_APPLICATION (application));
      /* Any change of state may bring or take the store, outbox or relay. */
      g_signal_connect_object (self->application, "notify",
                               G_CALLBACK (sync_services), self, G_CONNECT_SWAPPED);
    }

  sync_services (self);
  update_list_stack (self);
  leaflet_folded_cb (self);
}

GtkWidget *
liaison_inbox_page_new (void)
{
  return g_object_new (LIAISON_TYPE_INBOX_PAGE, NULL);
}

void
liaison_inbox_page_open_thread (LiaisonInboxPage *self,
                                gint64            thread_id,
                                gint64            message_id)
{
  g_return_if_fail (LIAISON_IS_INBOX_PAGE (self));

  sync_services (self);
  liaison_conversation_view_open_thread (self->conversation_view, thread_id, message_id);
  sync_selection (self);
  show_conversation (self);
}

gboolean
liaison_inbox_page_text_number (LiaisonInboxPage  *self,
                                const char        *text,
                                GError           **error)
{
  g_autofree char *e164 = NULL;

  g_return_val_if_fail (LIAISON_IS_INBOX_PAGE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  e164 = liaison_phone_normalize (text, NULL, error);
  if (e164 == NULL)
    return FALSE;

  sync_services (self);
  liaison_conversation_view_open_number (self->conversation_view, e164);
  sync_selection (self);
  show_conversation (self);
  liaison_conversation_view_focus_composer (self->conversation_view);

  return TRUE;
}

void
liaison_inbox_page_start_search (LiaisonInboxPage *self)
{
  g_return_if_fail (LIAISON_IS_INBOX_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
liaison_inbox_page_reload (LiaisonInboxPage *self)
{
  g_return_if_fail (LIAISON_IS_INBOX_PAGE (self));

  sync_services (self);
  size_first_page (self);
  liaison_thread_list_model_reload (self->threads);
}

GListModel *
liaison_inbox_page_get_threads (LiaisonInboxPage *self)
{
  g_return_val_if_fail (LIAISON_IS_INBOX_PAGE (self), NULL);

  return G_LIST_MODEL (self->threads);
}

GListModel *
liaison_inbox_page_get_search_results (LiaisonInboxPage *self)
{
  g_return_val_if_fail (LIAISON_IS_INBOX_PAGE (self), NULL);

  return G_LIST_MODEL (self->results);
}

gboolean
liaison_inbox_page_get_searching (LiaisonInboxPage *self)
{
  g_return_val_if_fail (LIAISON_IS_INBOX_PAGE (self), FALSE);

  return self->searching;
}

LiaisonConversationView *
liaison_inbox_page_get_conversation_view (LiaisonInboxPage *self)
{
  g_return_val_if_fail (LIAISON_IS_INBOX_PAGE (self), NULL);

  return self->conversation_view;
}

void
liaison_inbox_page_refresh_thread (LiaisonInboxPage *self,
                                   gint64            thread_id)
{
  g_return_if_fail (LIAISON_IS_INBOX_PAGE (self));

  sync_services (self);
  liaison_thread_list_model_refresh_thread (self->threads, thread_id);

  if (thread_id == liaison_conversation_view_get_thread_id (self->conversation_view))
    liaison_conversation_view_reload_tail (self->conversation_view);
}
