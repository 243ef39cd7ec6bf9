/* liaison-calls-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-calls-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-application.h"
#include "liaison-call-detail.h"
#include "liaison-call-list-model.h"
#include "liaison-call-row.h"
#include "liaison-calls-page.h"

#define DAY G_GINT64_CONSTANT (86400000000)

struct _LiaisonCallsPage
{
  AdwBin                parent_instance;

  GtkDropDown          *filter_dropdown;
  GtkDropDown          *period_dropdown;
  GtkButton            *clear_contact_button;
  AdwButtonContent     *clear_contact_content;
  GtkStack             *stack;
  GtkListView          *list_view;
  AdwLeaflet           *leaflet;
  LiaisonCallDetail    *detail;

  LiaisonApplication   *application;
  LiaisonCallListModel *calls;
  GSignalGroup         *relay_signals;
  gint64                contact_id;
};

G_DEFINE_FINAL_TYPE (LiaisonCallsPage, liaison_calls_page, ADW_TYPE_BIN)

static void
update_stack (LiaisonCallsPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->calls));

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "calls");
  else if (liaison_call_list_model_get_loading (self->calls))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Midnight today, local time, in µs since the epoch. */
static gint64
start_of_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);

  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

static void
apply_filter (LiaisonCallsPage *self)
{
  LiaisonStoreCallFilter filter = { 0, };
  gint64 now = g_get_real_time ();

  switch ((LiaisonCallsShow) gtk_drop_down_get_selected (self->filter_dropdown))
    {
    case LIAISON_CALLS_SHOW_MISSED:
      filter.missed_only = TRUE;
      break;
    case LIAISON_CALLS_SHOW_INBOUND:
      filter.inbound_only = TRUE;
      break;
    case LIAISON_CALLS_SHOW_OUTBOUND:
      filter.outbound_only = TRUE;
      break;
    case LIAISON_CALLS_SHOW_ALL:
    default:
      break;
    }

  switch ((LiaisonCallsPeriod) gtk_drop_down_get_selected (self->period_dropdown))
    {
    case LIAISON_CALLS_PERIOD_TODAY:
      filter.since = start_of_today ();
      break;
    case LIAISON_CALLS_PERIOD_WEEK:
      filter.since = now - 7 * DAY;
      break;
    case LIAISON_CALLS_PERIOD_MONTH:
      filter.since = now - 30 * DAY;
      break;
    case LIAISON_CALLS_PERIOD_ANY:
    default:
      break;
    }

  filter.contact_id = self->contact_id;
  liaison_call_list_model_set_filter (self->calls, &filter);
  update_stack (self);
}

static void
filter_changed_cb (LiaisonCallsPage *self)
{
  apply_filter (self);
}

static void
clear_contact_clicked_cb (LiaisonCallsPage *self)
{
  liaison_calls_page_set_contact (self, 0, NULL);
}

static void
call_changed_cb (LiaisonCallsPage *self,
                 const char       *call_sid)
{
  liaison_call_list_model_refresh_call (self->calls, call_sid);
}

static void
recording_stored_cb (LiaisonCallsPage *self,
                     const char       *recording_sid,
                     const char       *call_sid)
{
  liaison_call_list_model_refresh_call (self->calls, call_sid);
}

static void
sync_store (LiaisonCallsPage *self)
{
  LiaisonStore *store = NULL;
  LiaisonRelayClient *relay = NULL;

  if (self->application != NULL &&
      liaison_application_get_store_state (self->application) == LIAISON_STORE_STATE_READY)
    {
      store = liaison_application_get_store (self->application);
      relay = liaison_application_get_relay_client (self->application);
    }
  g_signal_group_set_target (self->relay_signals, relay);

  if (liaison_call_list_model_get_store (self->calls) != store)
    {
      liaison_call_list_model_set_store (self->calls, store);
      update_stack (self);
    }
}

/* A page nobody has opened reads nothing at start: the first paint of the
 * page on screen does not wait for it (bench-conversations). Opening the
 * page, or asking it for something, reads. */
static void
sync_store_if_shown (LiaisonCallsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      liaison_call_list_model_get_store (self->calls) != NULL)
    sync_store (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, liaison_call_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  liaison_call_row_set_call (LIAISON_CALL_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

static void
call_activated_cb (LiaisonCallsPage *self,
                   guint             position)
{
  g_autoptr(LiaisonCall) call = g_list_model_get_item (G_LIST_MODEL (self->calls), position);

  if (call != NULL)
    liaison_calls_page_show_call (self, liaison_call_get_sid (call));
}

static void
liaison_calls_page_root (GtkWidget *widget)
{
  LiaisonCallsPage *self = LIAISON_CALLS_PAGE (widget);
  GApplication *application = g_application_get_default ();

  GTK_WIDGET_CLASS (liaison_calls_page_parent_class)->root (widget);

  if (self->application == NULL && LIAISON_IS_APPLICATION (application))
    {
      self->application = g_object_ref (LIAISON_APPLICATION (application));
      g_signal_connect_object (self->application, "notify::store-state",
                               G_CALLBACK (sync_store_if_shown), self, G_CONNECT_SWAPPED);
    }
  sync_store_if_shown (self);
}

static void
liaison_calls_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (liaison_calls_page_parent_class)->map (widget);

  sync_store (LIAISON_CALLS_PAGE (widget));
}

static void
liaison_calls_page_dispose (GObject *object)
{
  LiaisonCallsPage *self = LIAISON_CALLS_PAGE (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The leaflet is both the bin's child and a template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CALLS_PAGE);
  g_clear_object (&self->calls);
  g_clear_object (&self->relay_signals);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (liaison_calls_page_parent_class)->dispose (object);
}

static void
liaison_calls_page_class_init (LiaisonCallsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_calls_page_dispose;
  widget_class->root = liaison_calls_page_root;
  widget_class->map = liaison_calls_page_map;

  g_type_ensure (LIAISON_TYPE_CALL_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-calls-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, clear_contact_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, clear_contact_content);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, call_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_contact_clicked_cb);
}

static void
liaison_calls_page_init (LiaisonCallsPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->calls = liaison_call_list_model_new ();
  /* Calls the relay reports, as they happen. */
  self->relay_signals = g_signal_group_new (LIAISON_TYPE_RELAY_CLIENT);
  g_signal_group_connect_object (self->relay_signals, "call-changed",
                                 G_CALLBACK (call_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->relay_signals, "recording-stored",
                                 G_CALLBACK (recording_stored_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->calls)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_object (self->calls, "items-changed", G_CALLBACK (update_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calls, "notify::loading", G_CALLBACK (update_stack), self,
                           G_CONNECT_SWAPPED);
  update_stack (self);
}

GtkWidget *
liaison_calls_page_new (void)
{
  return g_object_new (LIAISON_TYPE_CALLS_PAGE, NULL);
}

GListModel *
liaison_calls_page_get_calls (LiaisonCallsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CALLS_PAGE (self), NULL);

  return G_LIST_MODEL (self->calls);
}

void
liaison_calls_page_set_show (LiaisonCallsPage *self,
                             LiaisonCallsShow  show)
{
  g_return_if_fail (LIAISON_IS_CALLS_PAGE (self));

  gtk_drop_down_set_selected (self->filter_dropdown, show);
}

void
liaison_calls_page_set_period (LiaisonCallsPage   *self,
                               LiaisonCallsPeriod  period)
{
  g_return_if_fail (LIAISON_IS_CALLS_PAGE (self));

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

void
liaison_calls_page_set_contact (LiaisonCallsPage *self,
                                gint64            contact_id,
                                const char       *contact_name)
{
  g_return_if_fail (LIAISON_IS_CALLS_PAGE (self));

  self->contact_id = MAX (contact_id, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_contact_button), self->contact_id > 0);
  adw_button_content_set_label (self->clear_contact_content,
                                contact_name != NULL ? contact_name : "");
  apply_filter (self);
}

void
liaison_calls_page_refresh_call (LiaisonCallsPage *self,
                                 const char       *call_sid)
{
  g_return_if_fail (LIAISON_IS_CALLS_PAGE (self));

  sync_store (self);
  liaison_call_list_model_refresh_call (self->calls, call_sid);
}

void
liaison_calls_page_reload (LiaisonCallsPage *self)
{
  g_return_if_fail (LIAISON_IS_CALLS_PAGE (self));

  sync_store (self);
  liaison_call_list_model_reload (self->calls);
  update_stack (self);
}

void
liaison_calls_page_show_call (LiaisonCallsPage *self,
                              const char       *call_sid)
{
  g_return_if_fail (LIAISON_IS_CALLS_PAGE (self));

  sync_store (self);
  liaison_call_detail_show_call (self->detail, call_sid);
  adw_leaflet_set_visible_child_name (self->leaflet, call_sid != NULL ? "detail" : "list");
}

LiaisonCallDetail *
liaison_calls_page_get_detail (LiaisonCallsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CALLS_PAGE (self), NULL);

  return self->detail;
}
