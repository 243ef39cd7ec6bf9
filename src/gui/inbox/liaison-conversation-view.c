/* liaison-conversation-view.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conversation-view"

#include "config.h"

#include "liaison-conversation-view.h"
#include "liaison-composer.h"
#include "liaison-day-separator.h"
#include "liaison-inbox-format.h"
#include "liaison-log.h"
#include "liaison-message-row.h"
#include "liaison-window.h"

#include <glib/gi18n.h>

/* Older messages are read this many at a time (a multiple of the batch)… */
#define PAGE_SIZE 48
/* …and go into the list this many at a time, a batch a frame while the view
 * stays near the top: GTK 4.8 moves and measures a row widget for each
 * message put above the others, and a whole page does not fit in a frame. */
#define OLDER_BATCH 16
/* Opening reads fewer: a window's height of bubbles, so the first frame
 * builds and measures only those rows; the older ones follow by page. */
#define FIRST_PAGE_SIZE 20
/* How close to the bottom (pixels) still counts as "at the bottom". */
#define BOTTOM_SLACK 24
/* Older messages are read once the view is this many pages from the top. */
#define LOAD_OLDER_PAGES 1.0
/* Whatever the position, a conversation fills up to this many items once it
 * has settled: GTK 4.8 makes a row widget for each of the first 200 items
 * near the view, and making and styling 16 takes most of a frame. Done while
 * the person reads the newest messages, it is not done during their first
 * fling. */
#define PREFILL_ITEMS 200
/* Frames the view keeps itself at the bottom after opening, while the list
 * measures its rows (a guard: it stops as soon as it is settled). */
#define MAX_SETTLE_FRAMES 60

struct _LiaisonConversationView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkButton      *back_button;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkButton      *call_button;
  GtkButton      *contact_button;
  GtkLabel       *empty_label;
  GtkScrolledWindow *scroller;
  GtkListView    *list_view;
  GtkButton      *newest_button;
  AdwBin         *composer_bin;

  GtkWidget      *composer;
  LiaisonStore   *store;
  GListStore     *items;
  GtkSelectionModel *selection;   /* the list view's model: an empty row, then the items */
  GCancellable   *cancellable;

  gint64          thread_id;
  char           *remote_number;
  char           *our_number;
  gint64          contact_id;

  /* Paging. The view shows a window of the thread: usually from the newest
   * message up, but opening at a search hit or at the first message shows
   * the messages there, and newer ones are read as the person scrolls down. */
  LiaisonStoreCursor oldest;
  LiaisonStoreCursor newest;
  GPtrArray      *older_waiting;   /* read, not yet shown; newest first */
  gboolean        older_exhausted; /* the store has nothing older than the cursor */
  gboolean        complete;
  gboolean        at_newest;       /* the thread's newest message is shown */
  gboolean        loading_first;
  gboolean        loading_older;
  gboolean        loading_newer;
  gboolean        loading_tail;
  gboolean        reload_tail_again;
  GPtrArray      *seek_older;      /* opening at a message: it and those before it */

  /* Scrolling */
  gboolean        stick_to_bottom;
  gboolean        settled;
  guint           settle_tick;
  guint           settle_frames;
  guint           settle_stable;
  gint64          seek_message_id;
  gboolean        seek_top;

  /* Keeping the first visible message in place while a page is inserted above. */
  gint64          anchor_message_id;
  double          anchor_y;
  gboolean        anchor_active;
  gboolean        anchor_setting;    /* the view itself moves the position */
  gboolean        anchor_user_moved; /* the person scrolled while it was kept */
  guint           anchor_attempts;
  gboolean        older_pending;
  gboolean        newer_pending;
  GdkFrameClock  *paint_clock;
  gulong          paint_handler;

  gboolean        loading;
  gboolean        laid_out;
  gboolean        bottom_pending;
  double          last_upper;
  double          last_page_size;
  double          last_value;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_THREAD_ID,
  N_PROPS
};

enum {
  SIGNAL_THREAD_READ,
  SIGNAL_THREAD_CHANGED,
  SIGNAL_GO_BACK,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonConversationView, liaison_conversation_view, ADW_TYPE_BIN)

static void load_older (LiaisonConversationView *self);
static void load_newer (LiaisonConversationView *self);
static void load_window (LiaisonConversationView *self,
                         gint64                   message_id,
                         gboolean                 oldest);

static void
update_loading (LiaisonConversationView *self)
{
  gboolean loading = self->loading_first || self->loading_older || self->loading_newer ||
                     self->loading_tail || (self->thread_id != 0 && !self->settled) ||
                     self->anchor_active || self->older_pending || self->newer_pending;

  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static GtkAdjustment *
vadjustment (LiaisonConversationView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static gboolean
is_at_bottom (LiaisonConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - BOTTOM_SLACK;
}

static void watch_paint (LiaisonConversationView *self);

/* The list view can only scroll once it has laid out its current items:
 * a frame must have passed since they last changed. */
static gboolean
laid_out (LiaisonConversationView *self)
{
  return self->laid_out && gtk_widget_get_mapped (GTK_WIDGET (self->list_view));
}

static gboolean
can_scroll_to_item (LiaisonConversationView *self,
                    guint                    position)
{
  if (!laid_out (self))
    return FALSE;

  return gtk_widget_get_mapped (GTK_WIDGET (self->list_view)) &&
         gtk_widget_get_height (GTK_WIDGET (self->list_view)) > 0 &&
         position < g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/* The list shows an empty first row before the items (see init): an
 * item's position there. */
#define LIST_POSITION(position) ((position) + 1)

static void
scroll_to_position (LiaisonConversationView *self,
                    guint                    position)
{
  if (can_scroll_to_item (self, position))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                LIST_POSITION (position));
}

static void
scroll_to_bottom (LiaisonConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (n_items == 0)
    return;

  /* Not laid out yet: the list can still anchor its last row to the bottom
   * (it places rows around the anchor when it lays them out, so the first
   * frame already shows the newest messages); the position is checked again
   * once that frame is painted. */
  if (!laid_out (self))
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                    LIST_POSITION (n_items - 1));
      self->bottom_pending = TRUE;
      watch_paint (self);
      return;
    }

  scroll_to_position (self, n_items - 1);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

static int
find_message (LiaisonConversationView *self,
              gint64                   message_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  /* Changes are nearly always near the bottom. */
  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), i - 1);

      if (LIAISON_IS_MESSAGE (item) && liaison_message_get_id (LIAISON_MESSAGE (item)) == message_id)
        return (int) i - 1;
    }

  return -1;
}

/* The row widgets the list view has made, with their items. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (LIAISON_IS_MESSAGE_ROW (child))
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

/* The first message row whose bottom is below the top of the view: its id
 * and its top relative to the view. FALSE when none is shown. */
static gboolean
first_visible_message (LiaisonConversationView *self,
                       gint64                  *out_message_id,
                       double                  *out_y)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *viewport = GTK_WIDGET (self->scroller);
  gboolean found = FALSE;
  double best_y = G_MAXDOUBLE;

  collect_rows (GTK_WIDGET (self->list_view), rows);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gint64 id = liaison_message_row_get_message_id (LIAISON_MESSAGE_ROW (row));
      double x, y;

      if (id == 0 || !gtk_widget_get_mapped (row) ||
          !gtk_widget_translate_coordinates (row, viewport, 0, 0, &x, &y))
        continue;

      if (y + gtk_widget_get_height (row) <= 0)
        continue;

      if (y < best_y)
        {
          best_y = y;
          *out_message_id = id;
          found = TRUE;
        }
    }

  if (found)
    *out_y = best_y;

  return found;
}

static gboolean
message_row_y (LiaisonConversationView *self,
               gint64                   message_id,
               double                  *out_y)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (self->list_view), rows);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      double x;

      if (liaison_message_row_get_message_id (LIAISON_MESSAGE_ROW (row)) == message_id &&
          gtk_widget_get_mapped (row) &&
          gtk_widget_translate_coordinates (row, GTK_WIDGET (self->scroller), 0, 0, &x, out_y))
        return TRUE;
    }

  return FALSE;
}

static void after_paint_cb (GdkFrameClock *frame_clock, LiaisonConversationView *self);

/* Work that needs the rows where they are on screen runs after a frame was
 * painted: allocations are only up to date then. */
static void
watch_paint (LiaisonConversationView *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (frame_clock == NULL)
    return;

  if (self->paint_clock != frame_clock)
    {
      if (self->paint_clock != NULL)
        g_clear_signal_handler (&self->paint_handler, self->paint_clock);
      g_set_weak_pointer (&self->paint_clock, frame_clock);
    }

  if (self->paint_handler == 0)
    self->paint_handler = g_signal_connect (frame_clock, "after-paint",
                                            G_CALLBACK (after_paint_cb), self);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
unwatch_paint (LiaisonConversationView *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  self->paint_handler = 0;
  g_clear_weak_pointer (&self->paint_clock);
}

static void maybe_load_older (LiaisonConversationView *self);

static void
anchor_done (LiaisonConversationView *self)
{
  self->anchor_message_id = 0;
  self->anchor_active = FALSE;

  /* Still near the top (a fling, or the user waiting there): the next page.
   * Nothing else would ask for it, as the position may not change again. */
  maybe_load_older (self);
}

/* After a page was inserted above: puts the message that was first visible
 * back where it was, once the list has laid the new rows out. Returns TRUE
 * while more frames are needed. */
static gboolean
restore_anchor_step (LiaisonConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);
  double y;
  int position;

  if (++self->anchor_attempts > MAX_SETTLE_FRAMES)
    {
      anchor_done (self);
      return FALSE;
    }

  if (message_row_y (self, self->anchor_message_id, &y))
    {
      double delta = y - self->anchor_y;

      g_debug ("Anchor %" G_GINT64_FORMAT " at %.1f, wanted %.1f (value %.1f, upper %.1f)",
               self->anchor_message_id, y, self->anchor_y,
               gtk_adjustment_get_value (adj), gtk_adjustment_get_upper (adj));

      if (ABS (delta) < 1.0)
        {
          anchor_done (self);
          return FALSE;
        }

      self->anchor_setting = TRUE;
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + delta);
      self->anchor_setting = FALSE;
      return TRUE;
    }

  /* The row is not even made: bring it into view first, unless the person
   * scrolled away from it meanwhile. */
  position = find_message (self, self->anchor_message_id);
  if (position < 0 || self->anchor_user_moved)
    {
      anchor_done (self);
      return FALSE;
    }

  g_debug ("Anchor %" G_GINT64_FORMAT " not shown (value %.1f)", self->anchor_message_id,
           gtk_adjustment_get_value (adj));
  scroll_to_position (self, position);
  return TRUE;
}

static void
after_paint_cb (GdkFrameClock           *frame_clock,
                LiaisonConversationView *self)
{
  gboolean again = FALSE;

  self->laid_out = TRUE;
  if (self->bottom_pending)
    {
      self->bottom_pending = FALSE;
      if (self->stick_to_bottom || !self->settled)
        scroll_to_bottom (self);
    }

  if (self->anchor_active)
    again = restore_anchor_step (self);

  if (!self->anchor_active && self->older_pending)
    {
      self->older_pending = FALSE;
      load_older (self);
    }

  if (self->newer_pending)
    {
      self->newer_pending = FALSE;
      load_newer (self);
    }

  /* A batch put in just now (read earlier) has its own anchor to restore. */
  if (again || self->anchor_active || self->older_pending || self->newer_pending ||
      self->bottom_pending)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  else
    unwatch_paint (self);

  update_loading (self);
}

static void
start_restore_anchor (LiaisonConversationView *self)
{
  if (self->anchor_message_id == 0)
    return;

  self->anchor_attempts = 0;
  self->anchor_user_moved = FALSE;
  self->anchor_active = TRUE;
  watch_paint (self);
  if (self->paint_handler == 0)
    anchor_done (self);
}

static void
maybe_load_older (LiaisonConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);

  if (!self->settled || self->complete || self->loading_older || self->loading_first ||
      self->older_pending || self->anchor_active || self->thread_id == 0)
    return;

  if (gtk_adjustment_get_value (adj) >= gtk_adjustment_get_page_size (adj) * LOAD_OLDER_PAGES &&
      g_list_model_get_n_items (G_LIST_MODEL (self->items)) >= PREFILL_ITEMS)
    return;

  /* Once the view has been drawn where it now is, so that the first visible
   * message is known when the page arrives. */
  self->older_pending = TRUE;
  watch_paint (self);
  if (self->paint_handler == 0)
    {
      self->older_pending = FALSE;
      load_older (self);
    }
  update_loading (self);
}

/* Scrolled down near the end of a window that stops short of the newest
 * message: the next batch of newer ones, once the view has been drawn (one
 * batch a frame, as older ones go in). They go in below what is shown, so
 * nothing on screen moves. */
static void
maybe_load_newer (LiaisonConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);

  if (!self->settled || self->at_newest || self->loading_newer || self->newer_pending ||
      self->loading_first || self->thread_id == 0)
    return;

  if (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) <
      gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) * LOAD_OLDER_PAGES)
    return;

  self->newer_pending = TRUE;
  watch_paint (self);
  if (self->paint_handler == 0)
    {
      self->newer_pending = FALSE;
      load_newer (self);
    }
  update_loading (self);
}

/* "Go to Newest Message" floats over the list while the newest message is
 * not shown, or is more than a screen below. */
static void
update_newest_button (LiaisonConversationView *self)
{
  GtkAdjustment *adj;
  double below;
  gboolean show;

  /* Being disposed: the scrolled window may still say its size changed. */
  if (self->newest_button == NULL || self->scroller == NULL)
    return;

  adj = vadjustment (self);
  below = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_value (adj) -
          gtk_adjustment_get_page_size (adj);
  show = self->thread_id != 0 && self->settled && !self->loading_first &&
         (!self->at_newest || below > gtk_adjustment_get_page_size (adj));

  if (gtk_widget_get_visible (GTK_WIDGET (self->newest_button)) != show)
    gtk_widget_set_visible (GTK_WIDGET (self->newest_button), show);
}

static void
adjustment_value_changed_cb (LiaisonConversationView *self,
                             GtkAdjustment           *adj)
{
  double upper = gtk_adjustment_get_upper (adj);
  double page_size = gtk_adjustment_get_page_size (adj);
  double value = gtk_adjustment_get_value (adj);
  gboolean geometry_changed = upper != self->last_upper || page_size != self->last_page_size;
  double moved = value - self->last_value;

  self->last_upper = upper;
  self->last_page_size = page_size;
  self->last_value = value;

  /* The person scrolls while a batch is being put above: the kept message
   * goes along with their scrolling instead of fighting it. */
  if (self->anchor_active && !self->anchor_setting && !geometry_changed)
    {
      self->anchor_y -= moved;
      self->anchor_user_moved = TRUE;
    }

  if (!self->settled)
    return;

  /* Leaving the bottom counts only when the user scrolled: not when the
   * view got shorter or rows were measured. The bottom of a window short of
   * the newest message is not the bottom. */
  if (is_at_bottom (self) && self->at_newest)
    self->stick_to_bottom = TRUE;
  else if (!geometry_changed || !self->at_newest)
    self->stick_to_bottom = FALSE;

  update_newest_button (self);
  maybe_load_older (self);
  maybe_load_newer (self);
}

static void
adjustment_changed_cb (LiaisonConversationView *self,
                       GtkAdjustment           *adj)
{
  /* Held at the bottom: exactly there, not only within the slack that
   * decides whether the person left it (a composer growing a few pixels a
   * frame would otherwise hide the newest bubble's last 24). */
  if (self->settled && self->stick_to_bottom && !self->anchor_active &&
      gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) < gtk_adjustment_get_upper (adj) - 0.5)
    scroll_to_bottom (self);
  update_newest_button (self);
}

/* After opening: keep to the bottom (or the sought message) while the list
 * measures its rows, until the position holds for a few frames. */
static gboolean
settle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  LiaisonConversationView *self = LIAISON_CONVERSATION_VIEW (widget);
  gboolean in_place;

  self->settle_frames++;

  if (self->seek_top)
    {
      GtkAdjustment *adj = vadjustment (self);

      /* A list given its items afresh starts at the top; until it has laid
       * them out, it has no position to scroll to. */
      in_place = gtk_adjustment_get_value (adj) <= gtk_adjustment_get_lower (adj);
      if (!in_place && laid_out (self))
        gtk_adjustment_set_value (adj, gtk_adjustment_get_lower (adj));
    }
  else if (self->seek_message_id != 0)
    {
      int position = find_message (self, self->seek_message_id);
      double y;

      in_place = position < 0 || message_row_y (self, self->seek_message_id, &y);
      if (!in_place)
        scroll_to_position (self, position);
    }
  else
    {
      in_place = is_at_bottom (self);
      if (!in_place)
        scroll_to_bottom (self);
    }

  self->settle_stable = in_place ? self->settle_stable + 1 : 0;

  if (self->settle_stable < 3 && self->settle_frames < MAX_SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  self->settle_tick = 0;
  self->settled = TRUE;
  self->stick_to_bottom = self->seek_message_id == 0 && !self->seek_top && self->at_newest &&
                          is_at_bottom (self);
  self->seek_message_id = 0;
  self->seek_top = FALSE;
  update_loading (self);
  update_newest_button (self);
  maybe_load_older (self);
  maybe_load_newer (self);

  return G_SOURCE_REMOVE;
}

static void
start_settle (LiaisonConversationView *self)
{
  self->settled = FALSE;
  self->settle_frames = 0;
  self->settle_stable = 0;

  if (self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), settle_tick_cb,
                                                      NULL, NULL);

  if (self->seek_top)
    {
      if (laid_out (self))
        gtk_adjustment_set_value (vadjustment (self), gtk_adjustment_get_lower (vadjustment (self)));
    }
  else if (self->seek_message_id == 0)
    {
      scroll_to_bottom (self);
    }
  update_loading (self);
  update_newest_button (self);
}

/* Items: messages with a day separator before the first of each day */

static gint64
message_time (LiaisonMessage *message)
{
  return liaison_message_get_date_created (message);
}

/* @messages newest first (as the store returns them); @next_time is the time
 * of the message that will follow them, 0 for none. Returns the items in
 * display order (oldest first). */
static GPtrArray *
build_items (GPtrArray *messages)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 previous_time = 0;
  gboolean first = TRUE;

  for (guint i = messages->len; i > 0; i--)
    {
      LiaisonMessage *message = g_ptr_array_index (messages, i - 1);
      gint64 time = message_time (message);

      if (first || !liaison_inbox_same_day (previous_time, time))
        g_ptr_array_add (items, liaison_day_separator_new (time));

      g_ptr_array_add (items, g_object_ref (message));
      previous_time = time;
      first = FALSE;
    }

  return items;
}

static LiaisonMessage *
last_message (LiaisonConversationView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), i - 1);

      if (LIAISON_IS_MESSAGE (item))
        return LIAISON_MESSAGE (item);   /* the store still holds a reference */
    }

  return NULL;
}

static gboolean
message_before (LiaisonMessage *a,
                LiaisonMessage *b)
{
  return message_time (a) < message_time (b)
         || (message_time (a) == message_time (b)
             && liaison_message_get_id (a) < liaison_message_get_id (b));
}

/* Inserts @message after the last shown message older than it (with a day
 * separator when it starts a day there); nothing when it is older than
 * everything shown. */
static void
insert_in_order (LiaisonConversationView *self,
                 LiaisonMessage          *message)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), i - 1);

      if (!LIAISON_IS_MESSAGE (item) || !message_before (LIAISON_MESSAGE (item), message))
        continue;

      if (!liaison_inbox_same_day (message_time (LIAISON_MESSAGE (item)), message_time (message)))
        {
          g_autoptr(LiaisonDaySeparator) day = liaison_day_separator_new (message_time (message));

          g_list_store_insert (self->items, i, day);
          g_list_store_insert (self->items, i + 1, message);
        }
      else
        {
          g_list_store_insert (self->items, i, message);
        }
      return;
    }
}

static void
set_oldest (LiaisonConversationView *self,
            GPtrArray               *messages)
{
  LiaisonMessage *oldest;

  if (messages->len == 0)
    return;

  oldest = g_ptr_array_index (messages, messages->len - 1);
  self->oldest.time = message_time (oldest);
  self->oldest.id = liaison_message_get_id (oldest);
}

static void
update_empty (LiaisonConversationView *self)
{
  gboolean empty = !self->loading_first && g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0;

  if (empty)
    gtk_label_set_label (self->empty_label, _("No messages yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
}

/* A read of the store that failed: logged and told in the window (what is
 * shown stays; opening or scrolling again tries again), and the view it
 * was for, or NULL when it was cancelled (the view may be gone then). */
static LiaisonConversationView *
read_failed (GError     *error,
             gpointer    user_data,
             const char *what)
{
  LiaisonConversationView *self;
  GtkRoot *root;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  g_warning ("Could not read %s: %s", what, error->message);
  self = LIAISON_CONVERSATION_VIEW (user_data);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (LIAISON_IS_WINDOW (root))
    {
      /* Toast titles are markup; error messages are not. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* Translators: %s says why, e.g. "The database is not open." */
      liaison_window_add_toast (LIAISON_WINDOW (root),
                                adw_toast_new_format (_("Messages could not be read: %s"), escaped));
    }
  return self;
}

/* Older pages */

/* Puts the next batch of older messages above those shown, keeping the
 * first visible message where it is (or the view at the bottom). */
static void
show_older (LiaisonConversationView *self)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GObject) first_item = NULL;
  int same_day_from = -1;
  gboolean keep_bottom = FALSE;
  guint n;

  n = MIN (OLDER_BATCH, self->older_waiting->len);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (messages, g_ptr_array_steal_index (self->older_waiting, 0));
  self->complete = self->older_exhausted && self->older_waiting->len == 0;

  if (messages->len > 0)
    {
      items = build_items (messages);

      /* The old first item is the separator of its day. When the batch ends
       * on that same day, its messages of that day go below the separator
       * and the rest above it: the separator stays (removing the item the
       * list is anchored to makes GTK 4.8 rebuild every row). */
      first_item = g_list_model_get_item (G_LIST_MODEL (self->items), 0);
      if (LIAISON_IS_DAY_SEPARATOR (first_item))
        {
          LiaisonMessage *newest = g_ptr_array_index (messages, 0);

          if (liaison_inbox_same_day (liaison_day_separator_get_time (LIAISON_DAY_SEPARATOR (first_item)),
                                      message_time (newest)))
            {
              for (guint i = items->len; i > 0; i--)
                if (LIAISON_IS_DAY_SEPARATOR (g_ptr_array_index (items, i - 1)))
                  {
                    same_day_from = i - 1;
                    break;
                  }
            }
        }

      /* At the bottom, the view stays there (the list keeps its last row
       * in place); elsewhere, the first visible message is kept where it is. */
      keep_bottom = self->settled && self->stick_to_bottom && self->anchor_message_id == 0;
      if (!keep_bottom && self->settled && self->anchor_message_id == 0 &&
          first_visible_message (self, &self->anchor_message_id, &self->anchor_y))
        start_restore_anchor (self);
      g_debug ("Inserting %u older items, anchor %" G_GINT64_FORMAT " at %.1f (value %.1f)",
               items->len, self->anchor_message_id, self->anchor_y,
               gtk_adjustment_get_value (vadjustment (self)));

      if (same_day_from >= 0)
        {
          /* Below the kept separator, without the batch's own. */
          g_list_store_splice (self->items, 1, 0, items->pdata + same_day_from + 1,
                               items->len - same_day_from - 1);
          if (same_day_from > 0)
            g_list_store_splice (self->items, 0, 0, items->pdata, same_day_from);
        }
      else
        {
          g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
        }

      if (keep_bottom)
        scroll_to_bottom (self);
    }

  update_loading (self);

  if (!self->anchor_active)
    maybe_load_older (self);
}

static void
older_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  messages = liaison_store_list_messages_finish (LIAISON_STORE (object), result, &error);
  if (messages == NULL)
    {
      if ((self = read_failed (error, user_data, "older messages")) != NULL)
        {
          self->loading_older = FALSE;
          update_loading (self);
        }
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);
  self->loading_older = FALSE;
  self->older_exhausted = messages->len < PAGE_SIZE;
  set_oldest (self, messages);
  g_ptr_array_extend_and_steal (self->older_waiting, g_steal_pointer (&messages));

  show_older (self);
}

static void
load_older (LiaisonConversationView *self)
{
  if (self->store == NULL || self->thread_id == 0 || self->complete || self->loading_older)
    return;

  /* Read already: the next batch, without asking the store. */
  if (self->older_waiting->len > 0)
    {
      show_older (self);
      return;
    }

  self->loading_older = TRUE;
  update_loading (self);
  liaison_store_list_messages_async (self->store, self->thread_id, &self->oldest, PAGE_SIZE,
                                     self->cancellable, older_loaded_cb, self);
}

/* Newer pages, below a window that stops short of the newest message */

static void
set_newest (LiaisonConversationView *self,
            LiaisonMessage          *message)
{
  self->newest.time = message_time (message);
  self->newest.id = liaison_message_get_id (message);
}

static void
newer_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMessage *last;
  gint64 previous_time;

  messages = liaison_store_list_messages_after_finish (LIAISON_STORE (object), result, &error);
  if (messages == NULL)
    {
      if ((self = read_failed (error, user_data, "newer messages")) != NULL)
        {
          self->loading_newer = FALSE;
          update_loading (self);
        }
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);
  self->loading_newer = FALSE;
  self->at_newest = messages->len < OLDER_BATCH;

  /* Oldest first, below the last shown, with a separator for each new day. */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  last = last_message (self);
  previous_time = last != NULL ? message_time (last) : 0;
  for (guint i = 0; i < messages->len; i++)
    {
      LiaisonMessage *message = g_ptr_array_index (messages, i);

      if ((last == NULL && i == 0) || !liaison_inbox_same_day (previous_time, message_time (message)))
        g_ptr_array_add (items, liaison_day_separator_new (message_time (message)));
      g_ptr_array_add (items, g_object_ref (message));
      previous_time = message_time (message);
      set_newest (self, message);
    }
  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       items->pdata, items->len);

  update_loading (self);
  update_newest_button (self);
  maybe_load_newer (self);
}

static void
load_newer (LiaisonConversationView *self)
{
  if (self->store == NULL || self->thread_id == 0 || self->at_newest || self->loading_newer)
    return;

  self->loading_newer = TRUE;
  update_loading (self);
  liaison_store_list_messages_after_async (self->store, self->thread_id, &self->newest,
                                           OLDER_BATCH, self->cancellable, newer_loaded_cb, self);
}

/* The first window */

static void
marked_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  LiaisonConversationView *self;

  if (!liaison_store_mark_thread_read_finish (LIAISON_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not mark a conversation read: %s", error->message);
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);
  g_signal_emit (self, signals [SIGNAL_THREAD_READ], 0, self->thread_id);
}

/* Puts @items (NULL: none) in place of all those shown. The list view is
 * given its model afresh: when every item is replaced, GTK 4.8 can leave
 * the row at the top showing one of the items removed. */
static void
replace_items (LiaisonConversationView *self,
               GPtrArray               *items)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_new = items != NULL ? items->len : 0;

  /* Nothing shown and nothing to show (a store opening, a view closed
   * twice): the widgets stay as they are, and no frame is asked for. */
  if (n_items == 0 && n_new == 0)
    return;

  /* Going to the first message: the top, from the first frame (the list
   * can still scroll the items it has laid out). */
  if (self->seek_top && laid_out (self) && n_items > 0)
    gtk_adjustment_set_value (vadjustment (self), gtk_adjustment_get_lower (vadjustment (self)));
  /* GTK 4.8 can keep a row of the items replaced on top of the new ones
   * (see the model's reset in the tests): with none, there is none. */
  if (n_items > 0)
    gtk_list_view_set_model (self->list_view, NULL);
  g_list_store_splice (self->items, 0, n_items, items != NULL ? items->pdata : NULL, n_new);
  if (n_items > 0)
    gtk_list_view_set_model (self->list_view, self->selection);
}

/* Oldest first ⇄ newest first. */
static void
reverse (GPtrArray *array)
{
  for (guint i = 0, j = array->len; i + 1 < j; i++, j--)
    {
      gpointer swap = array->pdata[i];

      array->pdata[i] = array->pdata[j - 1];
      array->pdata[j - 1] = swap;
    }
}

/* Shows the first window read: @messages newest first; whether older and
 * newer ones remain in the store. */
static void
show_window (LiaisonConversationView *self,
             GPtrArray               *messages,
             gboolean                 older_exhausted,
             gboolean                 at_newest)
{
  g_autoptr(GPtrArray) items = NULL;

  self->loading_first = FALSE;
  self->older_exhausted = older_exhausted;
  self->complete = older_exhausted;
  self->at_newest = at_newest;
  set_oldest (self, messages);
  if (messages->len > 0)
    set_newest (self, g_ptr_array_index (messages, 0));

  items = build_items (messages);
  replace_items (self, items);
  update_empty (self);

  self->stick_to_bottom = at_newest && self->seek_message_id == 0 && !self->seek_top;
  start_settle (self);

  liaison_store_mark_thread_read_async (self->store, self->thread_id, self->cancellable,
                                        marked_read_cb, self);
}

static void
window_failed (GError   *error,
               gpointer  user_data)
{
  LiaisonConversationView *self = read_failed (error, user_data, "a conversation");

  if (self == NULL)
    return;

  self->loading_first = FALSE;
  self->settled = TRUE;
  self->seek_message_id = 0;
  self->seek_top = FALSE;
  g_clear_pointer (&self->seek_older, g_ptr_array_unref);
  update_loading (self);

  /* Nothing shown: say why, not that there is nothing. */
  update_empty (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->empty_label)))
    gtk_label_set_label (self->empty_label, _("This conversation could not be read"));
}

/* The newest messages (opening a thread). */
static void
first_page_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  messages = liaison_store_list_messages_finish (LIAISON_STORE (object), result, &error);
  if (messages == NULL)
    {
      window_failed (error, user_data);
      return;
    }

  show_window (LIAISON_CONVERSATION_VIEW (user_data), messages,
               messages->len < FIRST_PAGE_SIZE, TRUE);
}

/* The first messages of the thread (Go to First Message). */
static void
oldest_page_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  gboolean at_newest;

  messages = liaison_store_list_messages_after_finish (LIAISON_STORE (object), result, &error);
  if (messages == NULL)
    {
      window_failed (error, user_data);
      return;
    }

  at_newest = messages->len < FIRST_PAGE_SIZE;
  reverse (messages);
  show_window (LIAISON_CONVERSATION_VIEW (user_data), messages, TRUE, at_newest);
}

/* Opening at a message (a search hit, a notification): it and the messages
 * before it, then those after it, wherever it is in the thread. */
static void
seek_newer_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(GPtrArray) newer = NULL;
  g_autoptr(GPtrArray) older = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  gboolean older_exhausted, at_newest;

  newer = liaison_store_list_messages_after_finish (LIAISON_STORE (object), result, &error);
  if (newer == NULL)
    {
      window_failed (error, user_data);
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);
  older = g_steal_pointer (&self->seek_older);
  older_exhausted = older->len < FIRST_PAGE_SIZE;
  at_newest = newer->len < FIRST_PAGE_SIZE;

  messages = g_ptr_array_new_full (newer->len + older->len, g_object_unref);
  reverse (newer);
  g_ptr_array_extend_and_steal (messages, g_steal_pointer (&newer));
  g_ptr_array_extend_and_steal (messages, g_steal_pointer (&older));
  show_window (self, messages, older_exhausted, at_newest);
}

static void
seek_older_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(GPtrArray) older = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMessage *sought;
  LiaisonStoreCursor after;

  older = liaison_store_list_messages_finish (LIAISON_STORE (object), result, &error);
  if (older == NULL)
    {
      window_failed (error, user_data);
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);
  if (older->len == 0)
    {
      /* Gone meanwhile: the newest messages instead. */
      load_window (self, 0, FALSE);
      return;
    }

  sought = g_ptr_array_index (older, 0);
  after.time = message_time (sought);
  after.id = liaison_message_get_id (sought);
  g_clear_pointer (&self->seek_older, g_ptr_array_unref);
  self->seek_older = g_steal_pointer (&older);
  liaison_store_list_messages_after_async (self->store, self->thread_id, &after, FIRST_PAGE_SIZE,
                                           self->cancellable, seek_newer_loaded_cb, self);
}

static void
seek_message_found_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(LiaisonMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreCursor before;

  message = liaison_store_get_message_finish (LIAISON_STORE (object), result, &error);
  if (message == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CONVERSATION_VIEW (user_data);
  if (message == NULL || liaison_message_get_thread_id (message) != self->thread_id)
    {
      /* Not (or no longer) in this thread: the newest messages instead. */
      if (message == NULL && !g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not find a message: %s", error->message);
      load_window (self, 0, FALSE);
      return;
    }

  /* Up to and including it: before the next id at its time. */
  before.time = message_time (message);
  before.id = liaison_message_get_id (message) + 1;
  liaison_store_list_messages_async (self->store, self->thread_id, &before, FIRST_PAGE_SIZE,
                                     self->cancellable, seek_older_loaded_cb, self);
}

/* Reads the first window of the open thread: the newest messages, those
 * around @message_id, or (@oldest) the first ones. */
static void
load_window (LiaisonConversationView *self,
             gint64                   message_id,
             gboolean                 oldest)
{
  self->seek_message_id = message_id;
  self->seek_top = oldest && message_id == 0;
  self->loading_first = TRUE;
  update_loading (self);
  update_newest_button (self);

  if (message_id != 0)
    liaison_store_get_message_async (self->store, message_id, self->cancellable,
                                     seek_message_found_cb, self);
  else if (oldest)
    liaison_store_list_messages_after_async (self->store, self->thread_id, NULL, FIRST_PAGE_SIZE,
                                             self->cancellable, oldest_page_loaded_cb, self);
  else
    liaison_store_list_messages_async (self->store, self->thread_id, NULL, FIRST_PAGE_SIZE,
                                       self->cancellable, first_page_loaded_cb, self);
}

static void
set_header (LiaisonConversationView *self,
            const char              *contact_name)
{
  g_autofree char *number = liaison_inbox_format_number (self->remote_number);

  if (contact_name != NULL && *contact_name != '\0')
    {
      gtk_label_set_label (self->title_label, contact_name);
      gtk_label_set_label (self->subtitle_label, number);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }
  else
    {
      gtk_label_set_label (self->title_label, number);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
    }

  /* Name and target together: a target-less win.show-contact would warn. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->contact_button),
                                          g_variant_new_int64 (self->contact_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact_button), "win.show-contact");
  gtk_widget_set_visible (GTK_WIDGET (self->contact_button), self->contact_id > 0);

  /* Click-to-call the other side (win.call-number); target first. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->call_button),
                                          g_variant_new_string (self->remote_number != NULL
                                                                ? self->remote_number : ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->call_button), "win.call-number");
  gtk_widget_set_visible (GTK_WIDGET (self->call_button), self->remote_number != NULL);

  if (self->composer != NULL && self->remote_number != NULL)
    liaison_composer_set_recipient (LIAISON_COMPOSER (self->composer), self->remote_number,
                                    self->our_number, self->contact_id);
}

static void
thread_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;

  thread = liaison_store_get_thread_finish (LIAISON_STORE (object), result, &error);
  if (thread == NULL)
    {
      if ((self = read_failed (error, user_data, "a conversation")) != NULL)
        liaison_conversation_view_close (self);
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);

  g_free (self->remote_number);
  self->remote_number = g_strdup (liaison_thread_get_remote_number (thread));
  g_free (self->our_number);
  self->our_number = g_strdup (liaison_thread_get_our_number (thread));
  self->contact_id = liaison_thread_get_contact_id (thread);
  set_header (self, liaison_thread_get_contact_name (thread));
}

static void
update_actions (LiaisonConversationView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.first-message",
                                 self->thread_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.newest-message",
                                 self->thread_id != 0);
}

/* Forgets what was read and what was under way (the items stay until a new
 * window replaces them). */
static void
reset_window (LiaisonConversationView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->settle_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
  self->settle_tick = 0;
  unwatch_paint (self);
  /* Not anchor_done (): that would ask for the next page. */
  self->anchor_message_id = 0;
  self->anchor_active = FALSE;
  self->older_pending = FALSE;
  self->newer_pending = FALSE;
  self->bottom_pending = FALSE;

  self->oldest.time = 0;
  self->oldest.id = 0;
  self->newest.time = 0;
  self->newest.id = 0;
  g_ptr_array_set_size (self->older_waiting, 0);
  g_clear_pointer (&self->seek_older, g_ptr_array_unref);
  self->older_exhausted = FALSE;
  self->complete = FALSE;
  self->at_newest = TRUE;
  self->loading_first = FALSE;
  self->loading_older = FALSE;
  self->loading_newer = FALSE;
  self->loading_tail = FALSE;
  self->reload_tail_again = FALSE;
  self->stick_to_bottom = TRUE;
  self->settled = TRUE;
  self->seek_message_id = 0;
  self->seek_top = FALSE;
}

static void
reset (LiaisonConversationView *self)
{
  reset_window (self);

  self->thread_id = 0;
  self->contact_id = 0;
  g_clear_pointer (&self->remote_number, g_free);
  g_clear_pointer (&self->our_number, g_free);

  replace_items (self, NULL);
  update_actions (self);
}

/* Newest messages after a change */

static void
tail_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  messages = liaison_store_list_messages_finish (LIAISON_STORE (object), result, &error);
  if (messages == NULL)
    {
      if ((self = read_failed (error, user_data, "new messages")) != NULL)
        {
          self->loading_tail = FALSE;
          update_loading (self);
        }
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);
  self->loading_tail = FALSE;

  /* Oldest first: replace what changed, append what is new. */
  for (guint i = messages->len; i > 0; i--)
    {
      LiaisonMessage *message = g_ptr_array_index (messages, i - 1);
      int position = find_message (self, liaison_message_get_id (message));
      LiaisonMessage *last;

      if (position >= 0)
        {
          g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (self->items), position);

          if (liaison_message_get_date_updated (LIAISON_MESSAGE (old)) !=
              liaison_message_get_date_updated (message) ||
              g_strcmp0 (liaison_message_get_status (LIAISON_MESSAGE (old)),
                         liaison_message_get_status (message)) != 0 ||
              liaison_message_get_date_scheduled (LIAISON_MESSAGE (old)) !=
              liaison_message_get_date_scheduled (message))
            g_list_store_splice (self->items, position, 1, (gpointer *) &message, 1);
          continue;
        }

      /* Below a window short of the newest: paging down brings it. */
      if (!self->at_newest && self->newest.id != 0 &&
          (message_time (message) > self->newest.time ||
           (message_time (message) == self->newest.time &&
            liaison_message_get_id (message) > self->newest.id)))
        continue;

      last = last_message (self);
      if (last != NULL &&
          (message_time (message) < message_time (last) ||
           (message_time (message) == message_time (last) &&
            liaison_message_get_id (message) < liaison_message_get_id (last))))
        {
          /* New here but stamped earlier than the last one shown: the relay's
           * clock and ours differ, or two texts crossed. Put it in its place
           * among what is shown; older than all of it, paging brings it. */
          insert_in_order (self, message);
          continue;
        }

      if (last == NULL || !liaison_inbox_same_day (message_time (last), message_time (message)))
        {
          g_autoptr(LiaisonDaySeparator) day = liaison_day_separator_new (message_time (message));

          g_list_store_append (self->items, day);
        }
      g_list_store_append (self->items, message);
      set_newest (self, message);

      if (self->oldest.id == 0)
        {
          self->oldest.time = message_time (message);
          self->oldest.id = liaison_message_get_id (message);
        }
    }

  update_empty (self);
  update_loading (self);

  if (self->stick_to_bottom && self->settled)
    scroll_to_bottom (self);

  if (self->reload_tail_again)
    {
      self->reload_tail_again = FALSE;
      liaison_conversation_view_reload_tail (self);
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->at_newest)
    {
      /* Whatever arrived while it is open has been seen (not while an
       * older part of the thread is shown). */
      liaison_store_mark_thread_read_async (self->store, self->thread_id, self->cancellable,
                                            marked_read_cb, self);
    }
}

/* Going to either end */

/* The newest message at the bottom, or (@oldest) the thread's first at the
 * top: scrolled to when that end is shown already, read anew otherwise
 * (without reading everything in between). */
static void
go_to_end (LiaisonConversationView *self,
           gboolean                 oldest)
{
  gboolean shown;

  if (self->thread_id == 0 || self->store == NULL)
    return;

  shown = !self->loading_first &&
          (oldest ? self->complete && g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0
                  : self->at_newest);
  if (shown)
    {
      self->stick_to_bottom = !oldest;
      self->seek_message_id = 0;
      self->seek_top = oldest;
      start_settle (self);
      return;
    }

  reset_window (self);
  load_window (self, 0, oldest);
}

static void
first_message_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  go_to_end (LIAISON_CONVERSATION_VIEW (widget), TRUE);
}

static void
newest_message_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  go_to_end (LIAISON_CONVERSATION_VIEW (widget), FALSE);
}

/* The composer */

static void
sent_message_found_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(LiaisonMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  message = liaison_store_get_message_finish (LIAISON_STORE (object), result, &error);
  if (message == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not find the message just sent: %s", error->message);
      return;
    }

  self = LIAISON_CONVERSATION_VIEW (user_data);

  /* The first text to a new number made its thread: show it. */
  if (self->thread_id == 0)
    {
      liaison_conversation_view_open_thread (self, liaison_message_get_thread_id (message), 0);
      liaison_conversation_view_focus_composer (self);
    }

  g_signal_emit (self, signals [SIGNAL_THREAD_CHANGED], 0,
                 liaison_message_get_thread_id (message));
}

static void
composer_sent_cb (LiaisonConversationView *self,
                  gint64                   message_id,
                  GtkWidget               *composer)
{
  if (self->store == NULL)
    return;

  self->stick_to_bottom = TRUE;
  if (self->thread_id != 0 && !self->at_newest)
    go_to_end (self, FALSE);
  else if (self->thread_id != 0)
    liaison_conversation_view_reload_tail (self);

  liaison_store_get_message_async (self->store, message_id, self->cancellable,
                                   sent_message_found_cb, self);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, liaison_message_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  LiaisonConversationView *self = user_data;

  liaison_message_row_set_item (LIAISON_MESSAGE_ROW (gtk_list_item_get_child (list_item)),
                                gtk_list_item_get_item (list_item), self->store);
}

static void
back_clicked_cb (LiaisonConversationView *self)
{
  g_signal_emit (self, signals [SIGNAL_GO_BACK], 0);
}

static void
items_changed_cb (LiaisonConversationView *self)
{
  /* Until the list has laid the change out. */
  self->laid_out = FALSE;
  watch_paint (self);
}

static void
liaison_conversation_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (liaison_conversation_view_parent_class)->map (widget);

  watch_paint (LIAISON_CONVERSATION_VIEW (widget));
}

static void
liaison_conversation_view_unmap (GtkWidget *widget)
{
  LiaisonConversationView *self = LIAISON_CONVERSATION_VIEW (widget);

  /* No frames come while unmapped: finish what waits for them. */
  unwatch_paint (self);
  self->laid_out = FALSE;
  self->bottom_pending = FALSE;
  anchor_done (self);
  if (self->older_pending)
    {
      self->older_pending = FALSE;
      load_older (self);
    }
  if (self->newer_pending)
    {
      self->newer_pending = FALSE;
      load_newer (self);
    }
  if (self->settle_tick != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->settle_tick);
      self->settle_tick = 0;
      self->settled = TRUE;
      self->seek_message_id = 0;
      self->seek_top = FALSE;
    }
  update_loading (self);

  GTK_WIDGET_CLASS (liaison_conversation_view_parent_class)->unmap (widget);
}

static void
liaison_conversation_view_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LiaisonConversationView *self = LIAISON_CONVERSATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_THREAD_ID:
      g_value_set_int64 (value, self->thread_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_conversation_view_dispose (GObject *object)
{
  LiaisonConversationView *self = LIAISON_CONVERSATION_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settle_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
  self->settle_tick = 0;
  unwatch_paint (self);

  /* The template's root is bound and is AdwBin's child: unparent it once. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CONVERSATION_VIEW);
  self->composer = NULL;

  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_conversation_view_parent_class)->dispose (object);
}

static void
liaison_conversation_view_finalize (GObject *object)
{
  LiaisonConversationView *self = LIAISON_CONVERSATION_VIEW (object);

  g_clear_pointer (&self->remote_number, g_free);
  g_clear_pointer (&self->our_number, g_free);
  g_clear_pointer (&self->older_waiting, g_ptr_array_unref);
  g_clear_pointer (&self->seek_older, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_conversation_view_parent_class)->finalize (object);
}

static void
liaison_conversation_view_class_init (LiaisonConversationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_conversation_view_get_property;
  object_class->dispose = liaison_conversation_view_dispose;
  object_class->finalize = liaison_conversation_view_finalize;

  widget_class->map = liaison_conversation_view_map;
  widget_class->unmap = liaison_conversation_view_unmap;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_THREAD_ID] =
    g_param_spec_int64 ("thread-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_THREAD_READ] =
    g_signal_new ("thread-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals [SIGNAL_THREAD_CHANGED] =
    g_signal_new ("thread-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals [SIGNAL_GO_BACK] =
    g_signal_new ("go-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-conversation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, call_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, contact_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, list_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, newest_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConversationView, composer_bin);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "conversation.first-message", NULL,
                                   first_message_action);
  gtk_widget_class_install_action (widget_class, "conversation.newest-message", NULL,
                                   newest_message_action);
}

static void
liaison_conversation_view_init (LiaisonConversationView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GListStore) sections = NULL;
  g_autoptr(GListStore) top = NULL;
  g_autoptr(GObject) nothing = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_message_row_ensure_style ();

  self->items = g_list_store_new (G_TYPE_OBJECT);
  self->older_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->items, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  self->cancellable = g_cancellable_new ();
  self->stick_to_bottom = TRUE;
  self->settled = TRUE;
  self->at_newest = TRUE;
  update_actions (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  /* An empty row always comes first, so that older messages never go in
   * before every row: GTK 4.8 would restyle every row of the list (each
   * depends on being the first child or not). */
  top = g_list_store_new (G_TYPE_OBJECT);
  nothing = g_object_new (G_TYPE_OBJECT, NULL);
  g_list_store_append (top, nothing);
  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, top);
  g_list_store_append (sections, self->items);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (sections))))));
  gtk_list_view_set_model (self->list_view, self->selection);

  g_signal_connect_object (vadjustment (self), "value-changed",
                           G_CALLBACK (adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);

  self->composer = liaison_composer_new ();
  adw_bin_set_child (self->composer_bin, self->composer);
  g_signal_connect_object (self->composer, "sent",
                           G_CALLBACK (composer_sent_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
liaison_conversation_view_new (void)
{
  return g_object_new (LIAISON_TYPE_CONVERSATION_VIEW, NULL);
}

void
liaison_conversation_view_set_store (LiaisonConversationView *self,
                                     LiaisonStore            *store)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));
  g_return_if_fail (!store || LIAISON_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  liaison_conversation_view_close (self);
}

void
liaison_conversation_view_open_thread (LiaisonConversationView *self,
                                       gint64                   thread_id,
                                       gint64                   message_id)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));

  if (self->store == NULL || thread_id <= 0)
    return;

  /* Already open: only scroll to the message, if asked. */
  if (self->thread_id == thread_id && message_id == 0)
    return;

  reset (self);
  self->thread_id = thread_id;
  self->loading_first = TRUE;
  update_empty (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "conversation");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THREAD_ID]);

  /* Both at once: the store's worker answers them in order, header first,
   * without a round trip between them. */
  liaison_store_get_thread_async (self->store, thread_id, self->cancellable,
                                  thread_loaded_cb, self);
  load_window (self, message_id, FALSE);
}

static void
number_thread_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LiaisonConversationView *self;
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;

  thread = liaison_store_find_thread_finish (LIAISON_STORE (object), result, &error);
  if (thread == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CONVERSATION_VIEW (user_data);
  self->loading_first = FALSE;

  if (thread != NULL)
    {
      liaison_conversation_view_open_thread (self, liaison_thread_get_id (thread), 0);
      return;
    }

  if (!g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not look a number up: %s", error->message);

  /* A new conversation: nothing to show until the first text. */
  set_header (self, NULL);
  update_empty (self);
  update_loading (self);
}

void
liaison_conversation_view_open_number (LiaisonConversationView *self,
                                       const char              *e164)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));
  g_return_if_fail (e164 != NULL);

  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THREAD_ID]);

  self->remote_number = g_strdup (e164);
  set_header (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "conversation");

  if (self->store == NULL)
    {
      update_empty (self);
      return;
    }

  self->loading_first = TRUE;
  update_loading (self);
  liaison_store_find_thread_async (self->store, e164, NULL, self->cancellable,
                                   number_thread_found_cb, self);
}

void
liaison_conversation_view_close (LiaisonConversationView *self)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));

  reset (self);
  gtk_stack_set_visible_child_name (self->stack, "none");
  update_loading (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THREAD_ID]);
}

gint64
liaison_conversation_view_get_thread_id (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), 0);

  return self->thread_id;
}

const char *
liaison_conversation_view_get_remote_number (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), NULL);

  return self->remote_number;
}

gboolean
liaison_conversation_view_get_loading (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), FALSE);

  return self->loading;
}

gboolean
liaison_conversation_view_get_complete (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), FALSE);

  return self->complete;
}

GListModel *
liaison_conversation_view_get_items (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), NULL);

  return G_LIST_MODEL (self->items);
}

GtkWidget *
liaison_conversation_view_get_composer (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), NULL);

  return self->composer;
}

GtkWidget *
liaison_conversation_view_get_list_view (LiaisonConversationView *self)
{
  g_return_val_if_fail (LIAISON_IS_CONVERSATION_VIEW (self), NULL);

  return GTK_WIDGET (self->list_view);
}

void
liaison_conversation_view_focus_composer (LiaisonConversationView *self)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));

  if (self->composer != NULL && !gtk_widget_grab_focus (self->composer))
    gtk_widget_child_focus (self->composer, GTK_DIR_TAB_FORWARD);
}

void
liaison_conversation_view_set_show_back_button (LiaisonConversationView *self,
                                                gboolean                 show)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
}

void
liaison_conversation_view_reload_tail (LiaisonConversationView *self)
{
  g_return_if_fail (LIAISON_IS_CONVERSATION_VIEW (self));

  if (self->store == NULL || self->thread_id == 0 || self->loading_first)
    return;

  if (self->loading_tail)
    {
      self->reload_tail_again = TRUE;
      return;
    }

  self->loading_tail = TRUE;
  update_loading (self);
  liaison_store_list_messages_async (self->store, self->thread_id, NULL, PAGE_SIZE,
                                     self->cancellable, tail_loaded_cb, self);
}
