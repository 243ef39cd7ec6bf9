/* liaison-voicemail-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-voicemail-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-application.h"
#include "liaison-player.h"
#include "liaison-voicemail-page.h"
#include "liaison-voicemail-row.h"

#define PAGE_SIZE 50

struct _LiaisonVoicemailPage
{
  AdwBin              parent_instance;

  GtkToggleButton    *unhandled_button;
  GtkLabel           *error_label;
  GtkStack           *stack;
  GtkListView        *list_view;

  LiaisonApplication *application;
  GSignalGroup       *relay_signals;
  GListStore         *voicemails;
  GCancellable       *cancellable;        /* the list's reads, replaced on reload */
  GCancellable       *life_cancellable;   /* writes: only the page's end stops them */
  GCancellable       *play_cancellable;   /* the recording being fetched to play */
  LiaisonPlayer      *player;
  gint64              playing_id;
  gboolean            loading;
  gboolean            complete;
};

G_DEFINE_FINAL_TYPE (LiaisonVoicemailPage, liaison_voicemail_page, ADW_TYPE_BIN)

static LiaisonStore *
store (LiaisonVoicemailPage *self)
{
  if (self->application == NULL ||
      liaison_application_get_store_state (self->application) != LIAISON_STORE_STATE_READY)
    return NULL;
  return liaison_application_get_store (self->application);
}

static void
show_error (LiaisonVoicemailPage *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_stack (LiaisonVoicemailPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->voicemails)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty && !self->loading ? "empty" : "list");
}

static int
find (LiaisonVoicemailPage *self,
      gint64                id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->voicemails));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LiaisonVoicemail) voicemail = g_list_model_get_item (G_LIST_MODEL (self->voicemails), i);

      if (liaison_voicemail_get_id (voicemail) == id)
        return (int) i;
    }
  return -1;
}

/* Paging */

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaisonVoicemailPage *self;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  page = liaison_store_list_voicemails_finish (LIAISON_STORE (object), result, &error);
  if (page == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_VOICEMAIL_PAGE (user_data);
  self->loading = FALSE;
  if (page == NULL)
    {
      show_error (self, error->message);
      update_stack (self);
      return;
    }

  self->complete = page->len < PAGE_SIZE;
  g_list_store_splice (self->voicemails, g_list_model_get_n_items (G_LIST_MODEL (self->voicemails)), 0,
                       page->pdata, page->len);
  update_stack (self);
}

static void
load_more (LiaisonVoicemailPage *self)
{
  LiaisonStoreCursor cursor = { 0, 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->voicemails));

  if (self->loading || self->complete || store (self) == NULL)
    return;

  if (n > 0)
    {
      g_autoptr(LiaisonVoicemail) last = g_list_model_get_item (G_LIST_MODEL (self->voicemails), n - 1);

      cursor.time = liaison_voicemail_get_created_at (last);
      cursor.id = liaison_voicemail_get_id (last);
    }

  self->loading = TRUE;
  liaison_store_list_voicemails_async (store (self), gtk_toggle_button_get_active (self->unhandled_button),
                                       n > 0 ? &cursor : NULL, PAGE_SIZE, self->cancellable,
                                       page_loaded_cb, self);
}

void
liaison_voicemail_page_reload (LiaisonVoicemailPage *self)
{
  g_return_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->complete = FALSE;
  show_error (self, NULL);
  g_list_store_remove_all (self->voicemails);
  load_more (self);
  update_stack (self);
}

static void
edge_reached_cb (LiaisonVoicemailPage *self,
                 GtkPositionType       position)
{
  if (position == GTK_POS_BOTTOM)
    load_more (self);
}

static void
unhandled_toggled_cb (LiaisonVoicemailPage *self)
{
  liaison_voicemail_page_reload (self);
}

/* Playing in place */

static void
sync_rows (LiaisonVoicemailPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      LiaisonVoicemail *voicemail;

      if (!LIAISON_IS_VOICEMAIL_ROW (row))
        continue;
      voicemail = liaison_voicemail_row_get_voicemail (LIAISON_VOICEMAIL_ROW (row));
      liaison_voicemail_row_set_playing (LIAISON_VOICEMAIL_ROW (row),
                                         voicemail != NULL && self->playing_id != 0 &&
                                         liaison_voicemail_get_id (voicemail) == self->playing_id &&
                                         liaison_player_get_state (self->player) == LIAISON_PLAYER_STATE_PLAYING);
    }
}

typedef struct {
  LiaisonVoicemailPage *self;
  gint64                id;
  int                   duration_s;
} PlayData;

static void
recording_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PlayData *data = user_data;
  LiaisonVoicemailPage *self = data->self;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = liaison_recording_cache_fetch_finish (LIAISON_RECORDING_CACHE (object), result, &error);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The voicemail could not be downloaded: %s"),
                                                      error->message);

          show_error (self, message);
        }
      g_free (data);
      return;
    }

  if (self->playing_id == data->id)
    {
      liaison_player_load (self->player, path, (gint64) MAX (data->duration_s, 0) * 1000);
      liaison_player_play (self->player);
    }
  g_free (data);
}

void
liaison_voicemail_page_play (LiaisonVoicemailPage *self,
                             gint64                voicemail_id)
{
  g_autoptr(LiaisonVoicemail) voicemail = NULL;
  PlayData *data;
  int position;

  g_return_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self));

  /* The one playing: pause or go on. */
  if (self->playing_id == voicemail_id && liaison_player_get_path (self->player) != NULL)
    {
      liaison_player_toggle (self->player);
      return;
    }

  position = find (self, voicemail_id);
  if (position < 0 || self->application == NULL)
    return;
  voicemail = g_list_model_get_item (G_LIST_MODEL (self->voicemails), position);
  if (liaison_voicemail_get_recording_sid (voicemail) == NULL)
    return;

  show_error (self, NULL);
  liaison_player_stop (self->player);
  self->playing_id = voicemail_id;
  data = g_new0 (PlayData, 1);
  data->self = self;
  data->id = voicemail_id;
  data->duration_s = liaison_voicemail_get_duration_s (voicemail);
  /* A reload of the list (a transcript arriving) must not stop it. */
  g_cancellable_cancel (self->play_cancellable);
  g_clear_object (&self->play_cancellable);
  self->play_cancellable = g_cancellable_new ();
  liaison_recording_cache_fetch_async (liaison_application_get_recording_cache (self->application),
                                       liaison_voicemail_get_recording_sid (voicemail),
                                       LIAISON_TWILIO_RECORDING_FORMAT_WAV, NULL, NULL, NULL,
                                       self->play_cancellable, recording_fetched_cb, data);
  sync_rows (self);

  /* Listening to it counts as heard; handling stays the advisor's call. */
}

static void
row_play_cb (LiaisonVoicemailRow  *row,
             LiaisonVoicemail     *voicemail,
             LiaisonVoicemailPage *self)
{
  liaison_voicemail_page_play (self, liaison_voicemail_get_id (voicemail));
}

/* Handled */

typedef struct {
  LiaisonVoicemailPage *self;
  gint64                id;
  gboolean              handled;
} HandledData;

static void
handled_set_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HandledData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_set_voicemail_handled_finish (LIAISON_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (data->self, error->message);
      g_free (data);
      return;
    }

  /* Read again: the row shows the new state (or leaves the filtered list). */
  liaison_voicemail_page_reload (data->self);
  g_free (data);
}

void
liaison_voicemail_page_set_handled (LiaisonVoicemailPage *self,
                                    gint64                voicemail_id,
                                    gboolean              handled)
{
  HandledData *data;

  g_return_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self));

  if (store (self) == NULL)
    return;

  data = g_new0 (HandledData, 1);
  data->self = self;
  data->id = voicemail_id;
  data->handled = handled;
  liaison_store_set_voicemail_handled_async (store (self), voicemail_id, handled, self->life_cancellable,
                                             handled_set_cb, data);
}

static void
row_handled_cb (LiaisonVoicemailRow  *row,
                LiaisonVoicemail     *voicemail,
                gboolean              handled,
                LiaisonVoicemailPage *self)
{
  liaison_voicemail_page_set_handled (self, liaison_voicemail_get_id (voicemail), handled);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              LiaisonVoicemailPage     *self)
{
  GtkWidget *row = liaison_voicemail_row_new ();

  g_signal_connect_object (row, "play", G_CALLBACK (row_play_cb), self, 0);
  g_signal_connect_object (row, "handled", G_CALLBACK (row_handled_cb), self, 0);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LiaisonVoicemailPage     *self)
{
  LiaisonVoicemailRow *row = LIAISON_VOICEMAIL_ROW (gtk_list_item_get_child (list_item));
  LiaisonVoicemail *voicemail = gtk_list_item_get_item (list_item);

  liaison_voicemail_row_set_voicemail (row, voicemail);
  liaison_voicemail_row_set_playing (row, self->playing_id != 0 &&
                                     liaison_voicemail_get_id (voicemail) == self->playing_id &&
                                     liaison_player_get_state (self->player) == LIAISON_PLAYER_STATE_PLAYING);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               LiaisonVoicemailPage     *self)
{
  liaison_voicemail_row_set_voicemail (LIAISON_VOICEMAIL_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* The application */

static void
voicemail_stored_cb (LiaisonVoicemailPage *self)
{
  liaison_voicemail_page_reload (self);
}

static void
sync_store (LiaisonVoicemailPage *self)
{
  LiaisonRelayClient *relay = NULL;

  if (store (self) != NULL)
    relay = liaison_application_get_relay_client (self->application);
  g_signal_group_set_target (self->relay_signals, relay);

  /* A page nobody has opened reads nothing at start (the first paint of
   * the page on screen does not wait for it); opening it reads. */
  if (store (self) != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->voicemails)) == 0 &&
      !self->loading && !self->complete)
    load_more (self);
  update_stack (self);
}

static void
liaison_voicemail_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (liaison_voicemail_page_parent_class)->map (widget);

  sync_store (LIAISON_VOICEMAIL_PAGE (widget));
}

static void
liaison_voicemail_page_root (GtkWidget *widget)
{
  LiaisonVoicemailPage *self = LIAISON_VOICEMAIL_PAGE (widget);
  GApplication *application = g_application_get_default ();

  GTK_WIDGET_CLASS (liaison_voicemail_page_parent_class)->root (widget);

  if (self->application == NULL && LIAISON_IS_APPLICATION (application))
    {
      self->application = g_object_ref (LIAISON_APPLICATION (application));
      g_signal_connect_object (self->application, "notify::store-state",
                               G_CALLBACK (sync_store), self, G_CONNECT_SWAPPED);
    }
  sync_store (self);
}

static void
liaison_voicemail_page_dispose (GObject *object)
{
  LiaisonVoicemailPage *self = LIAISON_VOICEMAIL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->life_cancellable);
  g_clear_object (&self->life_cancellable);
  g_cancellable_cancel (self->play_cancellable);
  g_clear_object (&self->play_cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_VOICEMAIL_PAGE);
  g_clear_object (&self->voicemails);
  g_clear_object (&self->relay_signals);
  g_clear_object (&self->player);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (liaison_voicemail_page_parent_class)->dispose (object);
}

static void
liaison_voicemail_page_class_init (LiaisonVoicemailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_voicemail_page_dispose;
  widget_class->root = liaison_voicemail_page_root;
  widget_class->map = liaison_voicemail_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/voicemail/liaison-voicemail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailPage, unhandled_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonVoicemailPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, unhandled_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
}

static void
liaison_voicemail_page_init (LiaisonVoicemailPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->cancellable = g_cancellable_new ();
  self->life_cancellable = g_cancellable_new ();
  self->voicemails = g_list_store_new (LIAISON_TYPE_VOICEMAIL);
  self->player = liaison_player_new ();
  g_signal_connect_object (self->player, "notify::state", G_CALLBACK (sync_rows), self,
                           G_CONNECT_SWAPPED);
  self->relay_signals = g_signal_group_new (LIAISON_TYPE_RELAY_CLIENT);
  g_signal_group_connect_object (self->relay_signals, "voicemail-stored",
                                 G_CALLBACK (voicemail_stored_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->relay_signals, "transcript-stored",
                                 G_CALLBACK (voicemail_stored_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->voicemails)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  update_stack (self);
}

GtkWidget *
liaison_voicemail_page_new (void)
{
  return g_object_new (LIAISON_TYPE_VOICEMAIL_PAGE, NULL);
}

GListModel *
liaison_voicemail_page_get_voicemails (LiaisonVoicemailPage *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self), NULL);

  return G_LIST_MODEL (self->voicemails);
}

void
liaison_voicemail_page_set_unhandled_only (LiaisonVoicemailPage *self,
                                           gboolean              unhandled_only)
{
  g_return_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self));

  gtk_toggle_button_set_active (self->unhandled_button, unhandled_only);
}

gint64
liaison_voicemail_page_get_playing_id (LiaisonVoicemailPage *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self), 0);

  return self->playing_id;
}

GObject *
liaison_voicemail_page_get_player (LiaisonVoicemailPage *self)
{
  g_return_val_if_fail (LIAISON_IS_VOICEMAIL_PAGE (self), NULL);

  return G_OBJECT (self->player);
}
