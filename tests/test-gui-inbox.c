/* test-gui-inbox.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-inbox"

#include "config.h"

#include "liaison-composer.h"
#include "liaison-conversation-view.h"
#include "liaison-day-separator.h"
#include "liaison-inbox-format.h"
#include "liaison-inbox-page.h"
#include "liaison-message-row.h"
#include "liaison-message-text.h"
#include "liaison-renderer.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"
#include "liaison-thread-list-model.h"
#include "liaison-thread-row.h"
#include "liaison-twilio-error.h"
#include "test-gui-utils.h"

#include <string.h>

#define OUR_NUMBER "+12025550100"
#define REMOTE_A   "+12035550111"   /* Alice: 500 messages, 3 unread */
#define REMOTE_B   "+12035550122"   /* a failed text */
#define REMOTE_C   "+12035550133"   /* the search target */
#define NEW_NUMBER "+12035550123"
#define N_MESSAGES_A 500
#define HOUR G_GINT64_CONSTANT (3600000000)

static LiaisonApplication *app;
static LiaisonWindow *window;
static gint64 thread_a, thread_b, thread_c;
static gint64 oldest_a, newest_a, failed_b, search_c, mms_b, scheduled_c;

/* Fixture: a real database written before the application opens it */

static gint64
add_message_full (LiaisonStore *store,
                  const char   *remote,
                  const char   *direction,
                  const char   *body,
                  const char   *status,
                  int           error_code,
                  guint         num_media,
                  gint64        time,
                  gboolean      is_read,
                  gint64       *out_thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreMessageInfo info = {
    .our_number = OUR_NUMBER,
    .remote_number = remote,
    .direction = direction,
    .body = body,
    .status = status,
    .error_code = error_code,
    .num_media = num_media,
    .date_created = time,
    .is_read = is_read,
  };
  gint64 id;

  liaison_store_add_message_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_finish (store, result, out_thread_id, &error);
  g_assert_no_error (error);

  return id;
}

static gint64
add_message (LiaisonStore *store,
             const char   *remote,
             const char   *direction,
             const char   *body,
             const char   *status,
             int           error_code,
             gint64        time,
             gboolean      is_read,
             gint64       *out_thread_id)
{
  return add_message_full (store, remote, direction, body, status, error_code, 0, time, is_read,
                           out_thread_id);
}

/* A media item, already downloaded to @local_path (or not, when NULL). */
static void
add_media (LiaisonStore *store,
           gint64        message_id,
           const char   *sid,
           const char   *content_type,
           const char   *local_path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_message_media_async (store, message_id, sid, content_type, NULL, -1, NULL,
                                         liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_media_finish (store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  if (local_path == NULL)
    return;

  liaison_store_set_media_local_path_async (store, id, local_path, -1, NULL,
                                            liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_media_local_path_finish (store, result, &error));
}

static gpointer
exec_work (LiaisonStore  *self,
           sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return _liaison_store_exec (self, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/* What the outbox does when a text is sent later (its column, set here). */
static void
set_scheduled_at (LiaisonStore *store,
                  gint64        message_id,
                  gint64        when)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *sql = g_strdup_printf ("UPDATE messages SET scheduled_at = %" G_GINT64_FORMAT
                               " WHERE id = %" G_GINT64_FORMAT, when, message_id);

  _liaison_store_run_async (store, exec_work, sql, g_free, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_nonnull (_liaison_store_run_finish (store, result, &error));
  g_assert_no_error (error);
}

/* A small picture, as a downloaded MMS would be. */
static char *
make_png (const char *dir)
{
  static const guint8 pixels[4 * 4 * 4] = { 0x35, 0x84, 0xe4, 0xff, };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, bytes, 16);
  char *path = g_build_filename (dir, "picture.png", NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

static void
make_fixture (const char *path)
{
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char * const phones[] = { REMOTE_A, NULL };
  LiaisonStoreContactInfo contact = {
    .first_name = "Alice",
    .last_name = "Example",
    .phones = phones,
  };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *png_path = make_png (dir);
  gint64 now = g_get_real_time ();
  gint64 start_a = now - HOUR - (N_MESSAGES_A - 1) * (HOUR / 2);

  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_clear_object (&result);

  liaison_store_add_contact_async (store, &contact, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_contact_finish (store, result, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Thread C: the oldest, with a word to search for. */
  search_c = add_message (store, REMOTE_C, "inbound", "Could we move the zebracorn review to Friday?",
                          NULL, 0, now - 48 * HOUR, FALSE, &thread_c);
  scheduled_c = add_message (store, REMOTE_C, "outbound-api", "Reminder: our review tomorrow",
                             "scheduled", 0, now - 47 * HOUR, TRUE, NULL);
  set_scheduled_at (store, scheduled_c, now + 24 * HOUR);

  /* Thread B: a picture and a card, then a text that failed (a landline). */
  mms_b = add_message_full (store, REMOTE_B, "inbound", "Please text me the form", NULL, 0, 2,
                            now - 4 * HOUR, TRUE, &thread_b);
  add_media (store, mms_b, "MEaaaa0001", "image/png", png_path);
  add_media (store, mms_b, "MEaaaa0002", "text/vcard", NULL);
  failed_b = add_message (store, REMOTE_B, "outbound-api", "Here is the form: https://example.com/form",
                          "failed", 30006, now - 3 * HOUR, TRUE, NULL);

  /* Thread A: 500 texts every half hour over ten days, the newest an hour
   * ago; the last three inbound ones unread. */
  for (guint i = 0; i < N_MESSAGES_A; i++)
    {
      g_autofree char *body = g_strdup_printf ("Message %u about the portfolio", i);
      gboolean inbound = i % 2 == 0 || i >= N_MESSAGES_A - 3;

      newest_a = add_message (store, REMOTE_A, inbound ? "inbound" : "outbound-api", body,
                              inbound ? NULL : "delivered", 0, start_a + i * (HOUR / 2),
                              i < N_MESSAGES_A - 3, &thread_a);
      if (i == 0)
        oldest_a = newest_a;
    }

  liaison_store_close_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (store, result, &error));
}

/* Helpers */

static LiaisonInboxPage *
inbox_page (void)
{
  GtkWidget *page = liaison_gui_test_find_child (GTK_WIDGET (window), LIAISON_TYPE_INBOX_PAGE);

  g_assert_nonnull (page);
  return LIAISON_INBOX_PAGE (page);
}

static GObject *
page_child (const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (inbox_page ()),
                                                  LIAISON_TYPE_INBOX_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static LiaisonConversationView *
conversation (void)
{
  return liaison_inbox_page_get_conversation_view (inbox_page ());
}

static gboolean
threads_loaded (gpointer data)
{
  GListModel *threads = liaison_inbox_page_get_threads (inbox_page ());

  /* Later cases add threads. */
  return g_list_model_get_n_items (threads) >= 3;
}

static LiaisonThread *
store_thread (gint64 thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonThread *thread;

  liaison_store_get_thread_async (liaison_application_get_store (app), thread_id, NULL,
                                  liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  thread = liaison_store_get_thread_finish (liaison_application_get_store (app), result, &error);
  g_assert_no_error (error);

  return thread;
}

typedef struct
{
  gint64      thread_id;
  const char *remote_number;
} OpenWait;

static gboolean
conversation_open (gpointer data)
{
  OpenWait *wait = data;
  LiaisonConversationView *view = conversation ();

  if (liaison_conversation_view_get_loading (view))
    return FALSE;

  if (wait->remote_number != NULL)
    return g_strcmp0 (liaison_conversation_view_get_remote_number (view), wait->remote_number) == 0 &&
           liaison_conversation_view_get_thread_id (view) == wait->thread_id;

  return liaison_conversation_view_get_thread_id (view) == wait->thread_id &&
         g_list_model_get_n_items (liaison_conversation_view_get_items (view)) > 0;
}

static void
wait_conversation (gint64      thread_id,
                   const char *remote_number)
{
  OpenWait wait = { thread_id, remote_number };

  g_assert_true (liaison_gui_test_wait_until (conversation_open, &wait, 20000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

static GtkWidget *
message_row (gint64 message_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *list = liaison_conversation_view_get_list_view (conversation ());

  collect (list, LIAISON_TYPE_MESSAGE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (liaison_message_row_get_message_id (g_ptr_array_index (rows, i)) == message_id &&
        gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      return g_ptr_array_index (rows, i);

  return NULL;
}

static GtkScrolledWindow *
conversation_scroller (void)
{
  GObject *scroller = gtk_widget_get_template_child (GTK_WIDGET (conversation ()),
                                                     LIAISON_TYPE_CONVERSATION_VIEW, "scroller");

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  return GTK_SCROLLED_WINDOW (scroller);
}

static GtkListView *
conversation_list (void)
{
  GObject *list = gtk_widget_get_template_child (GTK_WIDGET (conversation ()),
                                                 LIAISON_TYPE_CONVERSATION_VIEW, "list_view");

  g_assert_true (GTK_IS_LIST_VIEW (list));
  return GTK_LIST_VIEW (list);
}

/* The first message row (from the top) still showing, its top relative to
 * the scrolled window, and its height. */
static gboolean
first_visible (gint64 *out_id,
               double *out_y,
               int    *out_height)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *list = liaison_conversation_view_get_list_view (conversation ());
  gboolean found = FALSE;

  collect (list, LIAISON_TYPE_MESSAGE_ROW, rows);
  *out_y = G_MAXDOUBLE;
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gint64 id = liaison_message_row_get_message_id (LIAISON_MESSAGE_ROW (row));
      double x, y;

      if (id == 0 || !gtk_widget_get_mapped (row) ||
          !gtk_widget_translate_coordinates (row, GTK_WIDGET (conversation_scroller ()), 0, 0, &x, &y) ||
          y + gtk_widget_get_height (row) <= 0)
        continue;

      if (y < *out_y)
        {
          *out_y = y;
          *out_id = id;
          *out_height = gtk_widget_get_height (row);
          found = TRUE;
        }
    }

  return found;
}

static gboolean
row_y (gint64  message_id,
       double *out_y)
{
  GtkWidget *row = message_row (message_id);
  double x;

  return row != NULL &&
         gtk_widget_translate_coordinates (row, GTK_WIDGET (conversation_scroller ()), 0, 0, &x, out_y);
}

static guint
count_items (GType type)
{
  GListModel *items = liaison_conversation_view_get_items (conversation ());
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        count++;
    }

  return count;
}

/* The message's row is on screen, inside the scrolled window. */
static gboolean
row_visible (gpointer data)
{
  gint64 message_id = (gint64) GPOINTER_TO_SIZE (data);
  double y;

  return !liaison_conversation_view_get_loading (conversation ()) &&
         row_y (message_id, &y) && y >= -1 &&
         y < gtk_widget_get_height (GTK_WIDGET (conversation_scroller ()));
}

static int
item_position (gint64 message_id)
{
  GListModel *items = liaison_conversation_view_get_items (conversation ());

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (LIAISON_IS_MESSAGE (item) && liaison_message_get_id (LIAISON_MESSAGE (item)) == message_id)
        return (int) i;
    }
  return -1;
}

static GtkWidget *
newest_button (void)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (conversation ()),
                                                    LIAISON_TYPE_CONVERSATION_VIEW,
                                                    "newest_button"));
}

static gboolean
newest_button_hidden (gpointer data)
{
  return !gtk_widget_get_visible (newest_button ());
}

static gboolean
at_bottom (void)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 24;
}

/* Tests */

static void
test_thread_list (void)
{
  GListModel *threads;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean seen_a = FALSE, seen_b = FALSE;

  if (liaison_gui_test_no_display ())
    return;

  threads = liaison_inbox_page_get_threads (inbox_page ());
  g_assert_true (liaison_gui_test_wait_until (threads_loaded, NULL, 20000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  g_assert_cmpuint (g_list_model_get_n_items (threads), ==, 3);

  /* Newest first. */
  {
    g_autoptr(LiaisonThread) first = g_list_model_get_item (threads, 0);
    g_autoptr(LiaisonThread) second = g_list_model_get_item (threads, 1);
    g_autoptr(LiaisonThread) third = g_list_model_get_item (threads, 2);

    g_assert_cmpint (liaison_thread_get_id (first), ==, thread_a);
    g_assert_cmpint (liaison_thread_get_id (second), ==, thread_b);
    g_assert_cmpint (liaison_thread_get_id (third), ==, thread_c);
    g_assert_cmpuint (liaison_thread_get_unread_count (first), ==, 3);
  }

  collect (GTK_WIDGET (page_child ("thread_list")), LIAISON_TYPE_THREAD_ROW, rows);
  g_assert_cmpuint (rows->len, >=, 3);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      LiaisonThread *thread = liaison_thread_row_get_thread (LIAISON_THREAD_ROW (row));
      GtkWidget *title, *unread, *preview, *status;

      if (thread == NULL)
        continue;

      title = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_THREAD_ROW, "title_label"));
      unread = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_THREAD_ROW, "unread_label"));
      preview = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_THREAD_ROW, "preview_label"));
      status = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_THREAD_ROW, "status_image"));

      /* The preview starts under the name, or after the status icon. */
      {
        graphene_point_t title_at, preview_at;

        g_assert_true (gtk_widget_compute_point (title, row, &GRAPHENE_POINT_INIT (0, 0), &title_at));
        g_assert_true (gtk_widget_compute_point (preview, row, &GRAPHENE_POINT_INIT (0, 0), &preview_at));
        if (gtk_widget_get_visible (status))
          g_assert_cmpfloat (preview_at.x, >=, title_at.x + 12);
        else
          g_assert_cmpfloat (preview_at.x, ==, title_at.x);
      }

      if (liaison_thread_get_id (thread) == thread_a)
        {
          seen_a = TRUE;
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Alice Example");
          g_assert_true (gtk_widget_get_visible (unread));
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (unread)), ==, "3");
          g_assert_true (gtk_widget_has_css_class (title, "heading"));
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (preview)), ==, "Message 499 about the portfolio");
        }
      else if (liaison_thread_get_id (thread) == thread_b)
        {
          seen_b = TRUE;
          /* No contact: the number, formatted. */
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "(203) 555-0122");
          g_assert_false (gtk_widget_get_visible (unread));
          g_assert_false (gtk_widget_has_css_class (title, "heading"));
          g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (preview)), "You: Here is the form"));
          g_assert_true (gtk_widget_get_visible (status));
          g_assert_true (gtk_widget_has_css_class (status, "error"));
        }
    }

  g_assert_true (seen_a);
  g_assert_true (seen_b);
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-inbox-list.png"));
}

static gboolean
thread_a_read (gpointer data)
{
  g_autoptr(LiaisonThread) thread = store_thread (thread_a);
  GListModel *threads = liaison_inbox_page_get_threads (inbox_page ());
  g_autoptr(LiaisonThread) shown = g_list_model_get_item (threads, 0);

  return liaison_thread_get_unread_count (thread) == 0 &&
         shown != NULL && liaison_thread_get_id (shown) == thread_a &&
         liaison_thread_get_unread_count (shown) == 0;
}

static gboolean
conversation_idle (gpointer data)
{
  return !liaison_conversation_view_get_loading (conversation ());
}

static void
test_open_thread (void)
{
  GListModel *items;
  g_autoptr(GObject) last = NULL;
  GtkAdjustment *adj;

  if (liaison_gui_test_no_display ())
    return;

  g_assert_true (liaison_gui_test_wait_until (threads_loaded, NULL, 20000));
  g_signal_emit_by_name (page_child ("thread_list"), "activate", 0);
  wait_conversation (thread_a, NULL);

  /* The newest 20 (the first page: a window's height), oldest first, with
   * day separators; on a slow machine the view may already have put in
   * older messages, by batches of 16, while its rows were measured. */
  items = liaison_conversation_view_get_items (conversation ());
  g_assert_cmpuint (count_items (LIAISON_TYPE_MESSAGE), >=, 20);
  g_assert_cmpuint ((count_items (LIAISON_TYPE_MESSAGE) - 20) % 16, ==, 0);
  g_assert_cmpuint (count_items (LIAISON_TYPE_DAY_SEPARATOR), >=, 1);
  {
    g_autoptr(GObject) first = g_list_model_get_item (items, 0);

    g_assert_true (LIAISON_IS_DAY_SEPARATOR (first));
  }
  last = g_list_model_get_item (items, g_list_model_get_n_items (items) - 1);
  g_assert_true (LIAISON_IS_MESSAGE (last));
  g_assert_cmpint (liaison_message_get_id (LIAISON_MESSAGE (last)), ==, newest_a);

  /* Scrolled to the bottom: the newest message is on screen. */
  adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());
  g_assert_cmpfloat (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj), >=,
                     gtk_adjustment_get_upper (adj) - 24);
  g_assert_nonnull (message_row (newest_a));

  /* A call button for the other side (click-to-call). */
  {
    GtkWidget *call = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (conversation ()),
                                                                 LIAISON_TYPE_CONVERSATION_VIEW,
                                                                 "call_button"));
    GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (call));

    g_assert_true (gtk_widget_get_visible (call));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (call)), ==, "win.call-number");
    g_assert_nonnull (target);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, REMOTE_A);
  }

  /* While the person reads, it fills in older messages, up to 200 items,
   * and stays at the bottom. */
  g_assert_true (liaison_gui_test_wait_until (conversation_idle, NULL, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (items), >=, 200);
  g_assert_cmpuint ((count_items (LIAISON_TYPE_MESSAGE) - 20) % 16, ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj), >=,
                     gtk_adjustment_get_upper (adj) - 24);

  /* Opening it marked it read, in the store and in the list. */
  g_assert_true (liaison_gui_test_wait_until (thread_a_read, NULL, 20000));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-inbox-conversation.png"));
}

typedef struct
{
  gboolean measured;
  gint64   id;
  double   y;
  int      height;
  guint    inserted;
} InsertWatch;

static void
items_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  InsertWatch *watch)
{
  /* Older messages go in at the top: above the first day separator, or
   * just below it for those of its day. Before the list lays the new rows
   * out: where the first message is. */
  if (position <= 1 && added > removed && !watch->measured)
    watch->measured = first_visible (&watch->id, &watch->y, &watch->height);
  if (position <= 1)
    watch->inserted += added - removed;
}

/* The list view's own model: changes at its first position restyle every
 * row in GTK 4.8, so the view keeps a row there that never changes. */
static void
list_changed_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *first_changes)
{
  if (position == 0)
    (*first_changes)++;
}

static gboolean
inserted_and_settled (gpointer data)
{
  InsertWatch *watch = data;

  return watch->inserted > 0 && !liaison_conversation_view_get_loading (conversation ());
}

static void
test_scroll_older (void)
{
  GListModel *items;
  GListModel *list_model;
  GtkAdjustment *adj;
  guint first_changes = 0;
  gulong list_handler;

  if (liaison_gui_test_no_display ())
    return;

  if (liaison_conversation_view_get_thread_id (conversation ()) != thread_a)
    {
      liaison_inbox_page_open_thread (inbox_page (), thread_a, 0);
      wait_conversation (thread_a, NULL);
    }

  items = liaison_conversation_view_get_items (conversation ());
  adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());
  list_model = G_LIST_MODEL (gtk_list_view_get_model (conversation_list ()));
  list_handler = g_signal_connect (list_model, "items-changed", G_CALLBACK (list_changed_cb),
                                   &first_changes);

  for (guint round = 0; round < 3; round++)
    {
      InsertWatch watch = { FALSE, 0, 0, 0, 0 };
      guint before = count_items (LIAISON_TYPE_MESSAGE);
      double after_y;
      gulong handler;

      handler = g_signal_connect (items, "items-changed", G_CALLBACK (items_changed_cb), &watch);

      /* Scroll to the very top, and let the list lay out the top rows. */
      gtk_adjustment_set_value (adj, 0);
      g_assert_true (liaison_gui_test_wait_until (inserted_and_settled, &watch, 20000));
      liaison_gui_test_wait_frame (GTK_WIDGET (window));
      g_signal_handler_disconnect (items, handler);

      /* By batches of 16, one a frame, until the view has left the top. */
      g_assert_cmpuint (count_items (LIAISON_TYPE_MESSAGE), >, before);
      g_assert_cmpuint ((count_items (LIAISON_TYPE_MESSAGE) - before) % 16, ==, 0);
      g_assert_true (watch.measured);
      g_test_message ("Round %u: message %" G_GINT64_FORMAT " at %.1f (height %d)",
                      round, watch.id, watch.y, watch.height);

      /* The message that was first on screen is still there, where it was. */
      g_assert_true (row_y (watch.id, &after_y));
      g_test_message ("… now at %.1f, scrolled to %.1f", after_y, gtk_adjustment_get_value (adj));
      g_assert_cmpfloat (ABS (after_y - watch.y), <=, MAX (watch.height, 1));
      /* Which means the view is no longer at the top. */
      g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
    }

  g_signal_handler_disconnect (list_model, list_handler);
  g_assert_cmpuint (first_changes, ==, 0);

  g_assert_false (liaison_conversation_view_get_complete (conversation ()));
  /* Messages half an hour apart: the 68 or more shown span over a day, one
   * separator each. */
  g_assert_cmpuint (count_items (LIAISON_TYPE_MESSAGE), >=, 68);
  g_assert_cmpuint (count_items (LIAISON_TYPE_DAY_SEPARATOR), >=, 2);
}

static gboolean
picture_shown (gpointer data)
{
  GtkWidget *row = message_row (mms_b);
  GtkWidget *picture = row != NULL ? liaison_gui_test_find_child (row, GTK_TYPE_PICTURE) : NULL;

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

/* Every row the list shows is one of the view's items (or the empty row
 * at the top, which shows nothing). */
static void
assert_rows_show_items (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint shown = 0;

  collect (GTK_WIDGET (conversation_list ()), LIAISON_TYPE_MESSAGE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GObject *item = liaison_message_row_get_item (LIAISON_MESSAGE_ROW (row));

      if (!gtk_widget_get_mapped (row))
        continue;
      if (LIAISON_IS_MESSAGE (item))
        {
          g_assert_cmpint (item_position (liaison_message_get_id (LIAISON_MESSAGE (item))), >=, 0);
          shown++;
        }
      else if (!LIAISON_IS_DAY_SEPARATOR (item))
        {
          g_assert_cmpint (gtk_widget_get_height (row), <, 12);
        }
    }
  g_assert_cmpuint (shown, >, 0);
}

static gboolean
oldest_on_top (gpointer data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());
  double y;

  return !liaison_conversation_view_get_loading (conversation ()) &&
         gtk_adjustment_get_value (adj) <= gtk_adjustment_get_lower (adj) &&
         row_y (oldest_a, &y) && y >= 0 && y < 100;
}

/* Messages in the list oldest first, each day under its own separator, none
 * twice. */
static void
assert_items_in_order (void)
{
  GListModel *items = liaison_conversation_view_get_items (conversation ());
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 previous_time = 0;
  gint64 separator_time = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (LIAISON_IS_DAY_SEPARATOR (item))
        {
          separator_time = liaison_day_separator_get_time (LIAISON_DAY_SEPARATOR (item));
          g_assert_true (previous_time == 0 || !liaison_inbox_same_day (previous_time, separator_time));
          continue;
        }

      g_assert_true (LIAISON_IS_MESSAGE (item));
      g_assert_cmpint (separator_time, !=, 0);
      g_assert_true (liaison_inbox_same_day (separator_time,
                                             liaison_message_get_date_created (LIAISON_MESSAGE (item))));
      g_assert_cmpint (liaison_message_get_date_created (LIAISON_MESSAGE (item)), >=, previous_time);
      previous_time = liaison_message_get_date_created (LIAISON_MESSAGE (item));
      {
        gint64 id = liaison_message_get_id (LIAISON_MESSAGE (item));

        g_array_append_val (ids, id);
      }
    }

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_add (seen, &g_array_index (ids, gint64, i)));
}

static gboolean
newest_item_is_newest_a (gpointer data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());

  /* The person keeps scrolling down. */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  return item_position (newest_a) >= 0 && !liaison_conversation_view_get_loading (conversation ());
}

/* Go to First Message reads the thread's first messages (not all those in
 * between); scrolling down from there reads newer ones below, up to the
 * newest; Go to Newest Message comes back. */
static void
test_both_ends (void)
{
  GtkWidget *view;
  GtkAdjustment *adj;
  guint n_messages;

  if (liaison_gui_test_no_display ())
    return;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-thread", "x", thread_a);
  wait_conversation (thread_a, NULL);
  g_assert_true (liaison_gui_test_wait_until (conversation_idle, NULL, 20000));
  view = GTK_WIDGET (conversation ());
  adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());
  g_assert_cmpint (item_position (oldest_a), <, 0);

  g_assert_true (gtk_widget_activate_action (view, "conversation.first-message", NULL));
  g_assert_true (liaison_gui_test_wait_until (oldest_on_top, NULL, 20000));
  g_assert_cmpint (item_position (oldest_a), ==, 1);   /* under its day's separator */
  g_assert_true (liaison_conversation_view_get_complete (conversation ()));
  g_assert_cmpint (item_position (newest_a), <, 0);
  n_messages = count_items (LIAISON_TYPE_MESSAGE);
  g_assert_cmpuint (n_messages, <, N_MESSAGES_A / 2);
  g_assert_true (gtk_widget_get_visible (newest_button ()));
  assert_items_in_order ();
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-inbox-first-message.png"));

  /* Scrolling down reads on, batch by batch, up to the newest message. */
  g_assert_true (liaison_gui_test_wait_until (newest_item_is_newest_a, NULL, 60000));
  g_assert_cmpuint (count_items (LIAISON_TYPE_MESSAGE), ==, N_MESSAGES_A);
  assert_items_in_order ();
  g_assert_true (liaison_gui_test_wait_until (row_visible, GSIZE_TO_POINTER (newest_a), 20000));
  g_assert_true (liaison_gui_test_wait_until (newest_button_hidden, NULL, 20000));

  /* Everything is shown now: the first message is only a scroll away. */
  g_assert_true (gtk_widget_activate_action (view, "conversation.first-message", NULL));
  g_assert_true (liaison_gui_test_wait_until (oldest_on_top, NULL, 20000));
  g_assert_cmpuint (count_items (LIAISON_TYPE_MESSAGE), ==, N_MESSAGES_A);
  g_assert_true (gtk_widget_get_visible (newest_button ()));

  g_assert_true (gtk_widget_activate_action (view, "conversation.newest-message", NULL));
  g_assert_true (liaison_gui_test_wait_until (row_visible, GSIZE_TO_POINTER (newest_a), 20000));
  g_assert_true (at_bottom ());
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  g_assert_true (liaison_gui_test_wait_until (newest_button_hidden, NULL, 20000));
}

static void
test_failed_explanation (void)
{
  GtkWidget *row;
  GtkWidget *error_label;
  GtkWidget *status;
  const char *explanation = liaison_twilio_error_explain (30006);
  const char *suggestion = liaison_twilio_error_suggest (30006);

  if (liaison_gui_test_no_display ())
    return;

  g_assert_nonnull (explanation);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-thread", "x", thread_b);
  wait_conversation (thread_b, NULL);
  g_assert_cmpstr (liaison_window_get_page (window), ==, "inbox");
  /* Coming from the 500 messages of another thread: no row shows one of
   * them (GTK 4.8 could leave one in the top row). */
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  assert_rows_show_items ();

  row = message_row (failed_b);
  g_assert_nonnull (row);
  error_label = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_MESSAGE_ROW, "error_label"));
  status = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_MESSAGE_ROW, "status_image"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), explanation));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), suggestion));
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (status), ==, "Failed");

  /* The link in the body is clickable. */
  {
    GObject *text = gtk_widget_get_template_child (row, LIAISON_TYPE_MESSAGE_ROW, "body_text");
    GtkWidget *body = GTK_WIDGET (liaison_message_text_get_label (LIAISON_MESSAGE_TEXT (text)));

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (body)),
                              "<a href=\"https://example.com/form\">"));
  }

  /* The MMS: the picture as a thumbnail, the card as a placeholder. */
  g_assert_true (liaison_gui_test_wait_until (picture_shown, NULL, 20000));
  {
    GtkWidget *mms = message_row (mms_b);
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean placeholder = FALSE;

    collect (mms, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), "text/vcard") != NULL)
        placeholder = TRUE;
    g_assert_true (placeholder);
  }

  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-inbox-failed.png"));
}

static void
test_text_number (void)
{
  GObject *title;

  if (liaison_gui_test_no_display ())
    return;

  /* Go elsewhere first: the action comes back to the inbox. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "calls");
  g_assert_cmpstr (liaison_window_get_page (window), ==, "calls");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-number", "s", "(203) 555-0123");
  g_assert_cmpstr (liaison_window_get_page (window), ==, "inbox");
  wait_conversation (0, NEW_NUMBER);

  g_assert_cmpint (liaison_conversation_view_get_thread_id (conversation ()), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (liaison_conversation_view_get_items (conversation ())), ==, 0);
  title = gtk_widget_get_template_child (GTK_WIDGET (conversation ()), LIAISON_TYPE_CONVERSATION_VIEW,
                                         "title_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "(203) 555-0123");

  /* A number with a thread opens it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-number", "s", "203-555-0111");
  wait_conversation (thread_a, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Alice Example");
}

static gboolean
search_done (gpointer data)
{
  LiaisonInboxPage *page = inbox_page ();

  return !liaison_inbox_page_get_searching (page) &&
         g_list_model_get_n_items (liaison_inbox_page_get_search_results (page)) > 0;
}

static gboolean
single_hit (gpointer data)
{
  return !liaison_inbox_page_get_searching (inbox_page ()) &&
         g_list_model_get_n_items (liaison_inbox_page_get_search_results (inbox_page ())) == 1;
}

static gboolean
no_results_shown (gpointer data)
{
  return !liaison_inbox_page_get_searching (inbox_page ()) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (page_child ("list_stack"))),
                    "no-results") == 0;
}

static void
test_search (void)
{
  GListModel *results;
  g_autoptr(LiaisonSearchHit) hit = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean shown = FALSE;

  if (liaison_gui_test_no_display ())
    return;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "inbox");
  liaison_inbox_page_start_search (inbox_page ());
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (page_child ("search_bar"))));
  gtk_editable_set_text (GTK_EDITABLE (page_child ("search_entry")), "zebrac");
  g_assert_true (liaison_gui_test_wait_until (search_done, NULL, 20000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  results = liaison_inbox_page_get_search_results (inbox_page ());
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  hit = g_list_model_get_item (results, 0);
  g_assert_cmpint (liaison_search_hit_get_kind (hit), ==, LIAISON_SEARCH_HIT_MESSAGE);
  g_assert_cmpint (liaison_search_hit_get_id (hit), ==, search_c);
  markup = liaison_search_hit_get_snippet_markup (hit);
  g_assert_nonnull (strstr (markup, "<b>zebracorn</b>"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child ("list_stack"))), ==, "results");

  /* The snippet is shown highlighted. */
  collect (GTK_WIDGET (page_child ("results_list")), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), "<b>zebracorn</b>") != NULL &&
        gtk_label_get_use_markup (g_ptr_array_index (labels, i)))
      shown = TRUE;
  g_assert_true (shown);
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-inbox-search.png"));

  /* Activating it opens its thread. */
  g_signal_emit_by_name (page_child ("results_list"), "activate", 0);
  wait_conversation (thread_c, NULL);
  g_assert_nonnull (message_row (search_c));

  /* A hit deep in a long thread: it opens scrolled to that message. */
  gtk_editable_set_text (GTK_EDITABLE (page_child ("search_entry")), "Message 100 about");
  g_assert_true (liaison_gui_test_wait_until (single_hit, NULL, 20000));
  g_clear_object (&hit);
  hit = g_list_model_get_item (results, 0);
  g_assert_cmpint (liaison_search_hit_get_thread_id (hit), ==, thread_a);
  g_signal_emit_by_name (page_child ("results_list"), "activate", 0);
  wait_conversation (thread_a, NULL);
  g_assert_true (liaison_gui_test_wait_until (row_visible, GSIZE_TO_POINTER (liaison_search_hit_get_id (hit)), 20000));
  /* Read around the hit, not from the newest down to it: the newest
   * message is not read yet, and a button goes there. */
  g_assert_cmpint (item_position (newest_a), <, 0);
  g_assert_cmpuint (count_items (LIAISON_TYPE_MESSAGE), <, 400);
  g_assert_true (gtk_widget_get_visible (newest_button ()));
  gtk_widget_activate (newest_button ());
  g_assert_true (liaison_gui_test_wait_until (row_visible, GSIZE_TO_POINTER (newest_a), 20000));
  g_assert_true (at_bottom ());
  g_assert_cmpint (item_position (liaison_search_hit_get_id (hit)), <, 0);
  g_assert_true (liaison_gui_test_wait_until (newest_button_hidden, NULL, 20000));

  /* Nothing matches: the empty state. */
  gtk_editable_set_text (GTK_EDITABLE (page_child ("search_entry")), "qwertyuiop");
  g_assert_true (liaison_gui_test_wait_until (no_results_shown, NULL, 20000));

  /* Leaving the search shows the threads again. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (page_child ("search_bar")), FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child ("list_stack"))), ==, "threads");
}

typedef struct
{
  gint64 message_id;
} LiveWait;

static gboolean
live_update_shown (gpointer data)
{
  LiveWait *wait = data;
  GListModel *threads = liaison_inbox_page_get_threads (inbox_page ());
  GListModel *items = liaison_conversation_view_get_items (conversation ());
  g_autoptr(LiaisonThread) first = g_list_model_get_item (threads, 0);
  guint n_items = g_list_model_get_n_items (items);
  g_autoptr(GObject) last = n_items > 0 ? g_list_model_get_item (items, n_items - 1) : NULL;

  return first != NULL && liaison_thread_get_id (first) == thread_c &&
         LIAISON_IS_MESSAGE (last) &&
         liaison_message_get_id (LIAISON_MESSAGE (last)) == wait->message_id &&
         !liaison_conversation_view_get_loading (conversation ());
}

/* A new text in the open conversation: its thread moves to the top of the
 * list (the other threads are not reloaded) and the message appears at the
 * bottom, with the view following it. */
static void
test_live_update (void)
{
  GListModel *threads;
  g_autoptr(LiaisonThread) thread_a_before = NULL;
  g_autoptr(LiaisonThread) thread_a_after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreMessageInfo info = {
    .our_number = OUR_NUMBER,
    .remote_number = REMOTE_C,
    .direction = "inbound",
    .body = "Friday works, see you then",
  };
  LiveWait wait = { 0 };
  GtkAdjustment *adj;
  gint64 thread_id = 0;

  if (liaison_gui_test_no_display ())
    return;

  liaison_inbox_page_open_thread (inbox_page (), thread_c, 0);
  wait_conversation (thread_c, NULL);

  threads = liaison_inbox_page_get_threads (inbox_page ());
  g_assert_true (liaison_gui_test_wait_until (threads_loaded, NULL, 20000));
  thread_a_before = g_list_model_get_item (threads, 0);
  g_assert_cmpint (liaison_thread_get_id (thread_a_before), ==, thread_a);

  liaison_store_add_message_async (liaison_application_get_store (app), &info, NULL,
                                   liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  wait.message_id = liaison_store_add_message_finish (liaison_application_get_store (app), result,
                                                      &thread_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (thread_id, ==, thread_c);

  liaison_inbox_page_refresh_thread (inbox_page (), thread_c);
  g_assert_true (liaison_gui_test_wait_until (live_update_shown, &wait, 20000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));

  g_assert_cmpuint (g_list_model_get_n_items (threads), ==, 3);
  thread_a_after = g_list_model_get_item (threads, 1);
  /* The very same object: moved, not re-read. */
  g_assert_true (thread_a_after == thread_a_before);

  g_assert_nonnull (message_row (wait.message_id));

  /* The text sent later says when it goes. */
  {
    GtkWidget *row = message_row (scheduled_c);
    GtkWidget *time, *status;

    g_assert_nonnull (row);
    time = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_MESSAGE_ROW, "time_label"));
    status = GTK_WIDGET (gtk_widget_get_template_child (row, LIAISON_TYPE_MESSAGE_ROW, "status_image"));
    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (time)), "Scheduled for "));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (status), ==, "Scheduled");
  }

  adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());
  g_assert_cmpfloat (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj), >=,
                     gtk_adjustment_get_upper (adj) - 24);
}

static AdwMessageDialog *
open_new_message_dialog (void)
{
  GListModel *toplevels;   /* owned by GTK */

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-message", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  g_assert_not_reached ();
}

static gboolean
match_shown (gpointer data)
{
  GtkWidget *row = liaison_gui_test_find_child (data, ADW_TYPE_ACTION_ROW);

  return row != NULL && gtk_widget_get_mapped (row);
}

/* Ctrl+N: a number as typed, or a contact found by name. */
static void
test_new_message (void)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *row;

  if (liaison_gui_test_no_display ())
    return;

  dialog = open_new_message_dialog ();
  entry = liaison_gui_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "(203) 555-0199");
  adw_message_dialog_response (dialog, "text");
  wait_conversation (0, "+12035550199");

  dialog = open_new_message_dialog ();
  entry = liaison_gui_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Alic");
  g_assert_true (liaison_gui_test_wait_until (match_shown, dialog, 20000));
  row = liaison_gui_test_find_child (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Alice Example");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "(203) 555-0111");
  g_signal_emit_by_name (row, "activate");
  wait_conversation (thread_a, NULL);
}

static gboolean
inner_leaflet_shows (gpointer data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (page_child ("leaflet"));

  return adw_leaflet_get_folded (leaflet) &&
         !adw_leaflet_get_child_transition_running (leaflet) &&
         g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), data) == 0;
}

/* A narrow window: the list and the conversation fold into one pane, with a
 * back button on the conversation. */
static void
test_narrow (void)
{
  LiaisonWindow *wide = window;
  GObject *back;

  if (liaison_gui_test_no_display ())
    return;

  window = liaison_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  gtk_window_present (GTK_WINDOW (window));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "inbox");
  g_assert_true (liaison_gui_test_wait_until (threads_loaded, NULL, 20000));
  g_assert_true (liaison_gui_test_wait_until (inner_leaflet_shows, (gpointer) "list", 20000));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-thread", "x", thread_b);
  wait_conversation (thread_b, NULL);
  g_assert_true (liaison_gui_test_wait_until (inner_leaflet_shows, (gpointer) "conversation", 20000));
  back = gtk_widget_get_template_child (GTK_WIDGET (conversation ()), LIAISON_TYPE_CONVERSATION_VIEW,
                                        "back_button");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (back)));
  g_free (liaison_gui_test_screenshot (GTK_WIDGET (window), "screenshot-inbox-narrow.png"));

  g_signal_emit_by_name (back, "clicked");
  g_assert_true (liaison_gui_test_wait_until (inner_leaflet_shows, (gpointer) "list", 20000));

  gtk_window_destroy (GTK_WINDOW (window));
  window = wide;
}

typedef struct
{
  gint64 thread_id;
} TopWait;

static gboolean
thread_on_top (gpointer data)
{
  TopWait *wait = data;
  GListModel *threads = liaison_inbox_page_get_threads (inbox_page ());
  g_autoptr(LiaisonThread) first = g_list_model_get_item (threads, 0);

  return first != NULL && liaison_thread_get_id (first) == wait->thread_id &&
         g_list_model_get_n_items (threads) == 3;
}

static gint64
store_new_message (const char *remote,
                   const char *direction,
                   const char *body,
                   gint64     *out_thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreMessageInfo info = {
    .our_number = OUR_NUMBER,
    .remote_number = remote,
    .direction = direction,
    .body = body,
  };
  gint64 id;

  liaison_store_add_message_async (liaison_application_get_store (app), &info, NULL,
                                   liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_finish (liaison_application_get_store (app), result,
                                         out_thread_id, &error);
  g_assert_no_error (error);

  return id;
}

/* The application's relay client and outbox announce stored messages: the
 * inbox follows their signals. */
static gboolean
item_present (gpointer data)
{
  GListModel *items = liaison_conversation_view_get_items (conversation ());

  if (liaison_conversation_view_get_loading (conversation ()))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (LIAISON_IS_MESSAGE (item) && liaison_message_get_id (LIAISON_MESSAGE (item)) == *(gint64 *) data)
        return TRUE;
    }
  return FALSE;
}


/* A new text stamped earlier than the last one shown (the relay's clock is
 * behind ours, or two texts crossed) takes its place in the order instead
 * of being dropped. */
static void
test_late_stamp (void)
{
  GListModel *items;
  g_autoptr(GObject) last = NULL;
  gint64 late_id, last_id, thread_id = 0;
  guint n;

  liaison_inbox_page_open_thread (inbox_page (), thread_c, 0);
  wait_conversation (thread_c, NULL);

  items = liaison_conversation_view_get_items (conversation ());
  n = g_list_model_get_n_items (items);
  g_assert_cmpuint (n, >, 0);
  last = g_list_model_get_item (items, n - 1);
  g_assert_true (LIAISON_IS_MESSAGE (last));
  last_id = liaison_message_get_id (LIAISON_MESSAGE (last));

  late_id = add_message (liaison_application_get_store (app), REMOTE_C, "inbound",
                         "Sent a moment before yours", NULL, 0,
                         liaison_message_get_date_created (LIAISON_MESSAGE (last)) - G_USEC_PER_SEC,
                         FALSE, &thread_id);
  g_assert_cmpint (thread_id, ==, thread_c);

  liaison_inbox_page_refresh_thread (inbox_page (), thread_c);
  g_assert_true (liaison_gui_test_wait_until (item_present, &late_id, 20000));
  g_assert_cmpint (item_position (late_id), <, item_position (last_id));

  /* The conversation stays in time order. */
  {
    gint64 previous = 0;

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (items, i);

        if (!LIAISON_IS_MESSAGE (item))
          continue;
        g_assert_cmpint (liaison_message_get_date_created (LIAISON_MESSAGE (item)), >=, previous);
        previous = liaison_message_get_date_created (LIAISON_MESSAGE (item));
      }
  }
}

static void
test_live_signals (void)
{
  LiaisonRelayClient *relay;
  LiaisonOutbox *outbox;
  TopWait wait = { 0 };
  gint64 message_id, thread_id = 0;

  if (liaison_gui_test_no_display ())
    return;

  relay = liaison_application_get_relay_client (app);
  outbox = liaison_application_get_outbox (app);
  g_assert_nonnull (relay);
  g_assert_nonnull (outbox);

  message_id = store_new_message (REMOTE_B, "inbound", "Got it, thanks", &thread_id);
  g_assert_cmpint (thread_id, ==, thread_b);
  g_signal_emit_by_name (relay, "message-received", message_id, thread_id, REMOTE_B);
  wait.thread_id = thread_b;
  g_assert_true (liaison_gui_test_wait_until (thread_on_top, &wait, 20000));

  message_id = store_new_message (REMOTE_A, "outbound-api", "See you Friday", &thread_id);
  g_assert_cmpint (thread_id, ==, thread_a);
  g_signal_emit_by_name (outbox, "message-changed", message_id, thread_id);
  wait.thread_id = thread_a;
  g_assert_true (liaison_gui_test_wait_until (thread_on_top, &wait, 20000));
}

static gboolean
model_idle (gpointer data)
{
  return !liaison_thread_list_model_get_loading (data) &&
         g_list_model_get_n_items (data) > 0;
}

/* The thread list pages by keyset: asking for items near the end of what is
 * loaded brings the next page, newest first, without duplicates. */
static void
test_thread_paging (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "paging.db", NULL);
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(LiaisonThreadListModel) model = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 now = g_get_real_time ();
  gint64 previous_time = G_MAXINT64;
  const guint n_threads = 130;
  guint rounds = 0;

  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_clear_object (&result);

  /* Some threads share a time: the keyset's id breaks the tie. */
  for (guint i = 0; i < n_threads; i++)
    {
      g_autofree char *remote = g_strdup_printf ("+1203555%04u", 2000 + i);

      add_message (store, remote, "inbound", "hello", NULL, 0, now - (i / 2) * HOUR, TRUE, NULL);
    }

  model = liaison_thread_list_model_new ();
  liaison_thread_list_model_set_store (model, store);
  g_assert_true (liaison_gui_test_wait_until (model_idle, model, 20000));
  /* The first page is 20 rows, the next ones 50. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 20);
  g_assert_false (liaison_thread_list_model_get_complete (model));

  while (!liaison_thread_list_model_get_complete (model) && rounds++ < 10)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
      g_autoptr(GObject) near_end = g_list_model_get_item (G_LIST_MODEL (model), n - 1);

      g_assert_nonnull (near_end);
      g_assert_true (liaison_gui_test_wait_until (model_idle, model, 20000));
      /* Let the idle that loads the next page run. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_true (liaison_gui_test_wait_until (model_idle, model, 20000));
    }

  g_assert_true (liaison_thread_list_model_get_complete (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_threads);

  for (guint i = 0; i < n_threads; i++)
    {
      g_autoptr(LiaisonThread) thread = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 *id = g_new (gint64, 1);

      *id = liaison_thread_get_id (thread);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      g_assert_cmpint (liaison_thread_get_last_time (thread), <=, previous_time);
      previous_time = liaison_thread_get_last_time (thread);
    }
  g_hash_table_foreach (seen, (GHFunc) g_free, NULL);

  /* The list tells how many make the first page; 0 is the default again,
   * and no first page is longer than a page. */
  liaison_thread_list_model_set_first_page_size (model, 7);
  liaison_thread_list_model_reload (model);
  g_assert_true (liaison_gui_test_wait_until (model_idle, model, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
  g_assert_false (liaison_thread_list_model_get_complete (model));
  liaison_thread_list_model_set_first_page_size (model, 500);
  liaison_thread_list_model_reload (model);
  g_assert_true (liaison_gui_test_wait_until (model_idle, model, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 50);
  liaison_thread_list_model_set_first_page_size (model, 0);
  liaison_thread_list_model_reload (model);
  g_assert_true (liaison_gui_test_wait_until (model_idle, model, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 20);

  liaison_thread_list_model_set_store (model, NULL);
  liaison_store_close_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (store, result, &error));
  liaison_test_rmdir (dir);
}

typedef struct {
  GListModel *model;
  guint       n_at_first_paint;   /* items when a frame first showed rows */
} FirstPaint;

static void
first_paint_cb (GdkFrameClock *clock,
                FirstPaint    *paint)
{
  if (paint->n_at_first_paint == 0)
    paint->n_at_first_paint = g_list_model_get_n_items (paint->model);
}

static gboolean
more_than_first_page (gpointer data)
{
  return g_list_model_get_n_items (data) > 20 && !liaison_thread_list_model_get_loading (data);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (""));
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       liaison_thread_get_remote_number (gtk_list_item_get_item (item)));
}

/* Shown in a list, the first page is painted before the next is fetched: a
 * GtkListView that has measured no row yet makes a widget for every item
 * it is given, so fetching ahead at once built rows for 120 threads before
 * the first 20 were on screen. The next page follows the first frame. */
static void
test_first_page_painted_first (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "first-page.db", NULL);
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(LiaisonThreadListModel) model = liaison_thread_list_model_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  FirstPaint paint = { G_LIST_MODEL (model), 0 };
  gint64 now = g_get_real_time ();
  GtkWidget *list_window, *scroller, *list;
  GdkFrameClock *clock;
  gulong handler;

  if (liaison_gui_test_no_display ())
    return;

  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (store, result, &error));
  g_clear_object (&result);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *remote = g_strdup_printf ("+1203555%04u", 3000 + i);

      add_message (store, remote, "inbound", "hello", NULL, 0, now - i * HOUR, TRUE, NULL);
    }

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model)))),
                            g_object_ref (factory));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  list_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (list_window), 400, 600);
  gtk_window_set_child (GTK_WINDOW (list_window), scroller);
  gtk_window_present (GTK_WINDOW (list_window));
  liaison_gui_test_wait_frame (list_window);

  clock = gtk_widget_get_frame_clock (list);
  g_assert_nonnull (clock);
  liaison_thread_list_model_set_frame_clock (model, clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), &paint);
  liaison_thread_list_model_set_store (model, store);

  /* The rows asked for the end of the first page; the next comes after. */
  g_assert_true (liaison_gui_test_wait_until (more_than_first_page, model, 20000));
  g_assert_cmpuint (paint.n_at_first_paint, ==, 20);

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (list_window));
  liaison_thread_list_model_set_store (model, NULL);
  liaison_store_close_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (store, result, &error));
  liaison_test_rmdir (dir);
}

static gboolean
last_item_is (gpointer data)
{
  gint64 message_id = (gint64) GPOINTER_TO_SIZE (data);
  GListModel *items = liaison_conversation_view_get_items (conversation ());
  guint n_items = g_list_model_get_n_items (items);
  g_autoptr(GObject) last = n_items > 0 ? g_list_model_get_item (items, n_items - 1) : NULL;

  return !liaison_conversation_view_get_loading (conversation ()) && LIAISON_IS_MESSAGE (last) &&
         liaison_message_get_id (LIAISON_MESSAGE (last)) == message_id;
}

/* The composer's "sent": the text (already stored by the outbox) shows at
 * once; the first text to a new number opens the thread it made. */
static void
test_composer_sent (void)
{
  GtkWidget *composer;
  gint64 message_id, thread_id = 0;

  if (liaison_gui_test_no_display ())
    return;

  liaison_inbox_page_open_thread (inbox_page (), thread_c, 0);
  wait_conversation (thread_c, NULL);
  composer = liaison_conversation_view_get_composer (conversation ());
  g_assert_nonnull (composer);

  message_id = store_new_message (REMOTE_C, "outbound-api", "On my way", &thread_id);
  g_signal_emit_by_name (composer, "sent", message_id);
  g_assert_true (liaison_gui_test_wait_until (last_item_is, GSIZE_TO_POINTER (message_id), 20000));

  /* Sent while the thread's first messages are shown: back to the newest,
   * the text sent last. */
  liaison_inbox_page_open_thread (inbox_page (), thread_a, 0);
  wait_conversation (thread_a, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (conversation ()), "conversation.first-message", NULL));
  g_assert_true (liaison_gui_test_wait_until (oldest_on_top, NULL, 20000));
  g_assert_cmpint (item_position (newest_a), <, 0);
  message_id = store_new_message (REMOTE_A, "outbound-api", "Sent from the top", &thread_id);
  g_assert_cmpint (thread_id, ==, thread_a);
  g_signal_emit_by_name (composer, "sent", message_id);
  g_assert_true (liaison_gui_test_wait_until (last_item_is, GSIZE_TO_POINTER (message_id), 20000));
  g_assert_true (liaison_gui_test_wait_until (row_visible, GSIZE_TO_POINTER (message_id), 20000));
  g_assert_cmpint (item_position (newest_a), >=, 0);
  g_assert_cmpint (item_position (oldest_a), <, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-number", "s", "+12035550177");
  wait_conversation (0, "+12035550177");
  message_id = store_new_message ("+12035550177", "outbound-api", "Hello from your advisor", &thread_id);
  g_signal_emit_by_name (composer, "sent", message_id);
  wait_conversation (thread_id, NULL);
  g_assert_true (liaison_gui_test_wait_until (last_item_is, GSIZE_TO_POINTER (message_id), 20000));
  g_assert_cmpstr (liaison_conversation_view_get_remote_number (conversation ()), ==, "+12035550177");
}

static gboolean
inbox_threads_at_least (gpointer data)
{
  GListModel *threads = liaison_inbox_page_get_threads (inbox_page ());

  return g_list_model_get_n_items (threads) >= GPOINTER_TO_UINT (data) &&
         !liaison_thread_list_model_get_loading (LIAISON_THREAD_LIST_MODEL (threads));
}

/* The inbox reads as many threads first as its list shows, and a couple
 * more: enough to fill it, not a row it does not show in the first frame. */
static void
test_first_page_fills_view (void)
{
  LiaisonStore *store;
  GtkWidget *list;
  GListModel *threads;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  FirstPaint paint = { NULL, 0 };
  gint64 now = g_get_real_time ();
  GdkFrameClock *clock;
  gulong handler;
  int row_height = 0, list_height;
  guint shown;

  if (liaison_gui_test_no_display ())
    return;

  store = liaison_application_get_store (app);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *remote = g_strdup_printf ("+1203555%04u", 5000 + i);

      add_message (store, remote, "inbound", "Is the rollover done?", NULL, 0,
                   now - (i + 1) * 60 * G_USEC_PER_SEC, TRUE, NULL);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "inbox");
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  list = GTK_WIDGET (page_child ("thread_list"));
  threads = liaison_inbox_page_get_threads (inbox_page ());
  paint.model = threads;
  clock = gtk_widget_get_frame_clock (list);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), &paint);
  liaison_inbox_page_reload (inbox_page ());
  g_assert_true (liaison_gui_test_wait_until (inbox_threads_at_least, GUINT_TO_POINTER (40), 20000));
  g_signal_handler_disconnect (clock, handler);

  collect (list, LIAISON_TYPE_THREAD_ROW, rows);
  for (guint i = 0; i < rows->len && row_height == 0; i++)
    row_height = gtk_widget_get_height (gtk_widget_get_parent (g_ptr_array_index (rows, i)));
  list_height = gtk_widget_get_height (list);
  g_assert_cmpint (row_height, >, 0);
  g_assert_cmpint (list_height, >, 4 * row_height);
  shown = (list_height + row_height - 1) / row_height;

  g_assert_cmpuint (paint.n_at_first_paint, >=, shown);
  g_assert_cmpuint (paint.n_at_first_paint, <=, shown + 3);
}

static gboolean
exactly_at_bottom (gpointer data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 0.5;
}

static gboolean
page_shorter_than (gpointer data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());

  return gtk_adjustment_get_page_size (adj) < *(double *) data;
}

/* A view at the newest message stays exactly there when the composer
 * grows under it (a long text, the compliance panel): the newest bubble's
 * last line and time are not left hidden behind it. */
static void
test_composer_grows (void)
{
  GtkWidget *composer;
  GtkTextView *text_view;
  GtkAdjustment *adj;
  double page_size, shorter;

  if (liaison_gui_test_no_display ())
    return;

  liaison_inbox_page_open_thread (inbox_page (), thread_a, 0);
  wait_conversation (thread_a, NULL);
  g_assert_true (liaison_gui_test_wait_until (conversation_idle, NULL, 20000));
  g_assert_true (liaison_gui_test_wait_until (exactly_at_bottom, NULL, 20000));
  adj = gtk_scrolled_window_get_vadjustment (conversation_scroller ());
  page_size = gtk_adjustment_get_page_size (adj);

  /* Five lines, a few pixels at a time, as a person types them. */
  composer = liaison_conversation_view_get_composer (conversation ());
  text_view = GTK_TEXT_VIEW (gtk_widget_get_template_child (composer, LIAISON_TYPE_COMPOSER, "text_view"));
  g_assert_true (GTK_IS_TEXT_VIEW (text_view));
  for (guint i = 1; i <= 5; i++)
    {
      g_autoptr(GString) text = g_string_new ("Line");

      for (guint j = 1; j < i; j++)
        g_string_append (text, "\nLine");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), text->str, -1);
      liaison_gui_test_wait_frame (GTK_WIDGET (window));
    }
  shorter = page_size - 40;
  g_assert_true (liaison_gui_test_wait_until (page_shorter_than, &shorter, 20000));
  liaison_gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (exactly_at_bottom (NULL));
  g_assert_true (liaison_gui_test_wait_until (row_visible, GSIZE_TO_POINTER (newest_a), 20000));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), "", -1);
}

/* A label showing @text somewhere in a toast of the window. */
static gboolean
toast_says (gpointer data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *toast;

      for (toast = label; toast != NULL; toast = gtk_widget_get_parent (toast))
        if (g_strcmp0 (gtk_widget_get_css_name (toast), "toast") == 0)
          break;
      if (toast != NULL && strstr (gtk_label_get_label (GTK_LABEL (label)), data) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A conversation that cannot be read says why, in a toast with the
 * store's reason, and the view goes back to no conversation. */
static void
test_read_failure (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "never-opened.db", NULL);
  g_autoptr(LiaisonStore) unopened = liaison_store_new (path);
  char reason[] = "Messages could not be read: The database is not open.";

  if (liaison_gui_test_no_display ())
    return;

  g_assert_false (toast_says (reason));
  liaison_conversation_view_set_store (conversation (), unopened);
  liaison_conversation_view_open_thread (conversation (), thread_a, 0);
  g_assert_true (liaison_gui_test_wait_until (toast_says, reason, 20000));
  g_assert_cmpint (liaison_conversation_view_get_thread_id (conversation ()), ==, 0);

  liaison_conversation_view_set_store (conversation (), liaison_application_get_store (app));
  liaison_inbox_page_open_thread (inbox_page (), thread_a, 0);
  wait_conversation (thread_a, NULL);
  liaison_test_rmdir (dir);
}

/* Rows note the day they wrote "Today" on, to write it again after midnight. */
static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                          g_date_time_get_month (now),
                                          g_date_time_get_year (now));
  guint today = liaison_inbox_today ();
  g_autofree char *label = liaison_inbox_format_day (g_get_real_time (), g_get_real_time ());

  /* Around midnight the two reads may straddle it. */
  g_assert_cmpuint (today, >=, g_date_get_julian (date));
  g_assert_cmpuint (today, <=, g_date_get_julian (date) + 1);
  g_assert_cmpstr (label, ==, "Today");
}

/* A message body asks for the sizes a wrapping label (width-chars 16,
 * max-width-chars 50) would, without the label being asked. */
static void
test_message_text (void)
{
  static const char * const texts[] = {
    "Hi",
    "Message 42 about the portfolio",
    "Could we move the review to Friday at 10? My wife can join then, and we'd like to "
    "go over the 529 plan, the Roth conversion and whether the bond ladder still makes sense.",
    "Two paragraphs:\nthe first one\n\nand the last, a bit longer than the first one was",
    "Señora Núñez — ¿podemos hablar mañana? 📈 Gracias",
    "https://example.com/a/very/long/link/without/any/space/to/break/it/at/all/0123456789",
  };
  static const int widths[] = { 60, 150, 233, 400, 1000 };

  if (liaison_gui_test_no_display ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *text = g_object_ref_sink (liaison_message_text_new ());
      GtkWidget *label = g_object_ref_sink (gtk_label_new (texts[i]));
      int min, nat, label_min, label_nat, char_width;
      PangoContext *context = gtk_widget_get_pango_context (label);
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                        pango_font_metrics_get_approximate_digit_width (metrics));
      pango_font_metrics_unref (metrics);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      liaison_message_text_set_text (LIAISON_MESSAGE_TEXT (text), texts[i], NULL);
      g_assert_cmpstr (gtk_label_get_label (liaison_message_text_get_label (LIAISON_MESSAGE_TEXT (text))),
                       ==, texts[i]);

      gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min, &label_nat, NULL, NULL);
      g_test_message ("\"%.20s…\": width %d/%d, label %d/%d", texts[i], min, nat, label_min, label_nat);
      g_assert_cmpint (min, ==, label_min);
      /* The label's natural width is its longest wrapped line; a text wider
       * than 50 characters asks for all 50. */
      {
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, texts[i]);
        int unwrapped;

        pango_layout_get_size (layout, &unwrapped, NULL);
        if (unwrapped <= char_width * 50)
          g_assert_cmpint (nat, ==, label_nat);
        else
          g_assert_cmpint (nat, ==, PANGO_PIXELS_CEIL (char_width * 50));
        g_assert_cmpint (nat, >=, label_nat);
      }

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          int height, height_nat, label_height, label_height_nat;

          gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, widths[w], &height, &height_nat,
                              NULL, NULL);
          gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, widths[w], &label_height,
                              &label_height_nat, NULL, NULL);
          g_assert_cmpint (height, ==, label_height);
          g_assert_cmpint (height_nat, ==, label_height_nat);
        }

      /* A new text is measured anew. */
      liaison_message_text_set_text (LIAISON_MESSAGE_TEXT (text), "Hi", NULL);
      gtk_label_set_label (GTK_LABEL (label), "Hi");
      gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 60, &min, &nat, NULL, NULL);
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 60, &label_min, &label_nat, NULL, NULL);
      g_assert_cmpint (min, ==, label_min);

      g_object_unref (text);
      g_object_unref (label);
    }

  /* In a window, styled: a bigger font is measured anew, a state (hover)
   * changes nothing. */
  {
    GtkWidget *shown = gtk_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *text = liaison_message_text_new ();
    GtkWidget *label = gtk_label_new (texts[2]);
    int before, min, nat, label_min, label_nat;

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_width_chars (GTK_LABEL (label), 16);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
    liaison_message_text_set_text (LIAISON_MESSAGE_TEXT (text), texts[2], NULL);
    gtk_box_append (GTK_BOX (box), text);
    gtk_box_append (GTK_BOX (box), label);
    gtk_window_set_child (GTK_WINDOW (shown), box);
    gtk_window_present (GTK_WINDOW (shown));
    liaison_gui_test_wait_frame (shown);
    gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, &before, &nat, NULL, NULL);

    gtk_widget_add_css_class (text, "title-1");
    gtk_widget_add_css_class (label, "title-1");
    gtk_widget_set_state_flags (text, GTK_STATE_FLAG_PRELIGHT, FALSE);
    liaison_gui_test_wait_frame (shown);
    gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, &min, &nat, NULL, NULL);
    gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 150, &label_min, &label_nat, NULL, NULL);
    g_test_message ("title-1 at 150 px: %d, before %d, label %d", min, before, label_min);
    g_assert_cmpint (min, >, before);
    g_assert_cmpint (min, ==, label_min);
    gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min, &label_nat, NULL, NULL);
    g_assert_cmpint (min, ==, label_min);

    gtk_window_destroy (GTK_WINDOW (shown));
  }
}

/* Whether the environment named a GSK renderer before the app started. */
static gboolean renderer_preset;

/* Where GL runs on the CPU (Xvfb's Mesa), the window draws with cairo. */
static void
test_renderer (void)
{
  const char *probed;
  GskRenderer *renderer;

  g_assert_true (liaison_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (liaison_renderer_is_software ("softpipe"));
  g_assert_true (liaison_renderer_is_software ("Mesa X11 Software Rasterizer"));
  g_assert_false (liaison_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (liaison_renderer_is_software ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49)"));
  g_assert_false (liaison_renderer_is_software (NULL));

  if (liaison_gui_test_no_display ())
    return;

  probed = liaison_renderer_get_probed ();
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_test_message ("GL renderer: %s; GSK renderer: %s", probed != NULL ? probed : "(not asked)",
                  G_OBJECT_TYPE_NAME (renderer));

  /* GTK 4.14 decides this itself; a preset GSK_RENDERER is obeyed. */
  if (renderer_preset || gtk_get_minor_version () >= 14)
    return;

  /* The test machines have Mesa: the app asked, and drew accordingly. */
  g_assert_nonnull (probed);
  if (liaison_renderer_is_software (probed))
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  else
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), !=, "GskCairoRenderer");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  int ret;

  renderer_preset = g_getenv ("GSK_RENDERER") != NULL;
  liaison_gui_test_init (&argc, &argv);

  data_dir = liaison_test_mkdtemp ();
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);
  db_path = g_build_filename (data_dir, "liaison.db", NULL);
  make_fixture (db_path);

  if (gdk_display_get_default () != NULL)
    {
      app = liaison_gui_test_application_new ("test-gui-inbox");
      window = liaison_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      liaison_gui_test_wait_frame (GTK_WIDGET (window));
      liaison_gui_test_show_main (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "inbox");
    }

  g_test_add_func ("/Liaison/Inbox/thread-list", test_thread_list);
  g_test_add_func ("/Liaison/Inbox/first-page-painted-first", test_first_page_painted_first);
  g_test_add_func ("/Liaison/Inbox/open-thread", test_open_thread);
  g_test_add_func ("/Liaison/Inbox/scroll-older", test_scroll_older);
  g_test_add_func ("/Liaison/Inbox/both-ends", test_both_ends);
  g_test_add_func ("/Liaison/Inbox/failed-explanation", test_failed_explanation);
  g_test_add_func ("/Liaison/Inbox/text-number", test_text_number);
  g_test_add_func ("/Liaison/Inbox/search", test_search);
  g_test_add_func ("/Liaison/Inbox/live-update", test_live_update);
  g_test_add_func ("/Liaison/Inbox/live-signals", test_live_signals);
  g_test_add_func ("/Liaison/Inbox/late-stamp", test_late_stamp);
  g_test_add_func ("/Liaison/Inbox/new-message", test_new_message);
  g_test_add_func ("/Liaison/Inbox/composer-sent", test_composer_sent);
  g_test_add_func ("/Liaison/Inbox/composer-grows", test_composer_grows);
  g_test_add_func ("/Liaison/Inbox/narrow", test_narrow);
  g_test_add_func ("/Liaison/Inbox/thread-paging", test_thread_paging);
  g_test_add_func ("/Liaison/Inbox/message-text", test_message_text);
  g_test_add_func ("/Liaison/Inbox/renderer", test_renderer);
  g_test_add_func ("/Liaison/Inbox/today", test_today);
  g_test_add_func ("/Liaison/Inbox/read-failure", test_read_failure);
  /* Last: it adds threads to the window's store. */
  g_test_add_func ("/Liaison/Inbox/first-page-fills-view", test_first_page_fills_view);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  liaison_test_rmdir (data_dir);

  return ret;
}
