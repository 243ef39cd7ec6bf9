/* liaison-message-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-message-row"

#include "config.h"

#include "liaison-message-row.h"
#include "liaison-application.h"
#include "liaison-day-separator.h"
#include "liaison-inbox-format.h"
#include "liaison-message-text.h"
#include "liaison-paths.h"
#include "liaison-twilio-media-download.h"
#include "liaison-widget-util.h"

#include <glib/gi18n.h>

#define THUMBNAIL_WIDTH  240
#define THUMBNAIL_HEIGHT 180

struct _LiaisonMessageRow
{
  AdwBin        parent_instance;

  GtkLabel     *day_label;
  GtkBox       *bubble_box;
  GtkBox       *media_box;
  LiaisonMessageText *body_text;
  GtkLabel     *time_label;
  GtkImage     *status_image;
  GtkLabel     *error_label;

  GObject      *item;
  LiaisonStore *store;
  guint         shown_on;   /* the day a day separator's "Today" was written */
  GCancellable *media_cancellable;
};

G_DEFINE_FINAL_TYPE (LiaisonMessageRow, liaison_message_row, ADW_TYPE_BIN)

static const char style_css[] =
  ".message-bubble { padding: 6px 10px; border-radius: 12px; }\n"
  ".message-bubble.inbound { background-color: alpha(currentColor, 0.08); }\n"
  ".message-bubble.outbound { background-color: @accent_bg_color; color: @accent_fg_color; }\n"
  ".message-bubble.outbound .dim-label { opacity: 0.8; }\n"
  ".message-bubble.failed { background-color: alpha(@error_color, 0.15); color: @view_fg_color; }\n"
  ".message-bubble.pending { opacity: 0.75; }\n"
  ".message-media { border-radius: 8px; }\n"
  ".unread-badge { min-width: 16px; padding: 1px 5px; border-radius: 9px;\n"
  "  background-color: @accent_bg_color; color: @accent_fg_color; }\n";

void
liaison_message_row_ensure_style (void)
{
  static GdkDisplay *styled_display = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == styled_display)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, style_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled_display = display;
}

/* The body as Pango markup, with web links made clickable. */
static char *
body_markup (const char *body)
{
  static GRegex *link_regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  gsize done = 0;

  if (body == NULL)
    return g_strdup ("");

  if (link_regex == NULL)
    link_regex = g_regex_new ("\\b(?:https?://|www\\.)[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'’]",
                              G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);

  g_regex_match (link_regex, body, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      g_autofree char *before = NULL;
      g_autofree char *link = NULL;
      g_autofree char *uri = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      before = g_markup_escape_text (body + done, start - (int) done);
      g_string_append (markup, before);

      link = g_markup_escape_text (body + start, end - start);
      if (g_ascii_strncasecmp (body + start, "www.", 4) == 0)
        uri = g_strconcat ("https://", link, NULL);
      else
        uri = g_strdup (link);
      g_string_append_printf (markup, "<a href=\"%s\">%s</a>", uri, link);

      done = end;
      g_match_info_next (match, NULL);
    }

  {
    g_autofree char *rest = g_markup_escape_text (body + done, -1);
    g_string_append (markup, rest);
  }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* Media */

static void
open_file (GtkWidget  *widget,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);
    GtkRoot *root = gtk_widget_get_root (widget);

    gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              NULL, NULL, NULL);
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_autoptr(GError) error = NULL;

    if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
      g_warning ("Could not open an attachment: %s", error->message);
  }
#endif
}

static void
media_clicked_cb (GtkButton *button,
                  gpointer   user_data)
{
  const char *path = g_object_get_data (G_OBJECT (button), "liaison-local-path");

  if (path != NULL)
    open_file (GTK_WIDGET (button), path);
}

static void
texture_load_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (task_data);
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_file (file, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
texture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWidget) button = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *picture;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not show a picture: %s", error->message);
      return;
    }

  if (gtk_widget_get_parent (button) == NULL)
    return;

  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_widget_add_css_class (picture, "message-media");
  gtk_button_set_child (GTK_BUTTON (button), picture);
}

static void list_media (LiaisonMessageRow *self);

/* <cache>/media: under the data folder for a profile of its own
 * (LIAISON_DATA_DIR, the demo), else in the user's cache folder. */
static char *
media_cache_dir (void)
{
  g_autofree char *cache = liaison_paths_get_cache_dir ();

  return g_build_filename (cache, "media", NULL);
}

static const char *
extension_for (const char *content_type)
{
  static const struct { const char *type; const char *extension; } types[] = {
    { "image/jpeg", ".jpg" }, { "image/png", ".png" }, { "image/gif", ".gif" },
    { "image/webp", ".webp" }, { "image/heic", ".heic" }, { "image/bmp", ".bmp" },
    { "video/mp4", ".mp4" }, { "video/3gpp", ".3gp" }, { "audio/mpeg", ".mp3" },
    { "audio/amr", ".amr" }, { "text/vcard", ".vcf" }, { "text/x-vcard", ".vcf" },
    { "application/pdf", ".pdf" }, { "text/plain", ".txt" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (types[i].type, content_type) == 0)
      return types[i].extension;

  return ".bin";
}

typedef struct
{
  LiaisonMessageRow *self;          /* valid while @cancellable is not cancelled */
  GCancellable      *cancellable;
  LiaisonStore      *store;
  gint64             media_id;
  char              *path;
} MediaDownload;

static void
media_download_free (MediaDownload *download)
{
  g_clear_object (&download->cancellable);
  g_clear_object (&download->store);
  g_free (download->path);
  g_free (download);
}

static void
local_path_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MediaDownload *download = user_data;
  g_autoptr(GError) error = NULL;

  if (liaison_store_set_media_local_path_finish (LIAISON_STORE (object), result, &error))
    {
      /* The row still shows that message: show the file. */
      if (!g_cancellable_is_cancelled (download->cancellable))
        list_media (download->self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not record a downloaded attachment: %s", error->message);

  media_download_free (download);
}

static void
media_downloaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MediaDownload *download = user_data;
  g_autoptr(GError) error = NULL;
  goffset size;

  size = liaison_twilio_client_download_media_finish (LIAISON_TWILIO_CLIENT (object), result, &error);
  if (size < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not download an attachment: %s", error->message);
      media_download_free (download);
      return;
    }

  /* Recorded even if the row moved on: the next showing finds the file. */
  liaison_store_set_media_local_path_async (download->store, download->media_id, download->path,
                                            size, NULL, local_path_saved_cb, download);
}

static void
start_download (LiaisonMessageRow   *self,
                LiaisonMessageMedia *media)
{
  GApplication *app = g_application_get_default ();
  LiaisonTwilioClient *client;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GString) safe = g_string_new (NULL);
  MediaDownload *download;
  const char *sid = liaison_message_media_get_sid (media);

  if (!LIAISON_IS_APPLICATION (app) || self->store == NULL ||
      liaison_application_get_credentials_state (LIAISON_APPLICATION (app)) !=
      LIAISON_CREDENTIALS_STATE_STORED)
    return;

  client = liaison_application_get_twilio_client (LIAISON_APPLICATION (app));
  if (client == NULL)
    return;

  /* The file name comes from Twilio's SID: keep it to letters and digits. */
  for (const char *p = sid != NULL ? sid : ""; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (safe, *p);
  if (safe->len == 0)
    g_string_append_printf (safe, "media-%" G_GINT64_FORMAT, liaison_message_media_get_id (media));

  dir = media_cache_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_warning ("Could not create the attachment cache folder");
      return;
    }

  name = g_strconcat (safe->str, extension_for (liaison_message_media_get_content_type (media)), NULL);
  download = g_new0 (MediaDownload, 1);
  download->self = self;
  download->cancellable = g_object_ref (self->media_cancellable);
  download->store = g_object_ref (self->store);
  download->media_id = liaison_message_media_get_id (media);
  download->path = g_build_filename (dir, name, NULL);
  destination = g_file_new_for_path (download->path);

  liaison_twilio_client_download_media_async (client, liaison_message_media_get_url (media),
                                              destination, self->media_cancellable,
                                              media_downloaded_cb, download);
}

static GtkWidget *
create_media_widget (LiaisonMessageRow   *self,
                     LiaisonMessageMedia *media)
{
  const char *content_type = liaison_message_media_get_content_type (media);
  const char *local_path = liaison_message_media_get_local_path (media);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  g_autofree char *description = NULL;
  g_autofree char *icon_name = NULL;

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);

  /* The placeholder, replaced by the picture once it is decoded. */
  {
    g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (content_type);

    gtk_box_append (GTK_BOX (box), gtk_image_new_from_gicon (icon));
  }
  if (local_path != NULL)
    /* Translators: %s is a MIME type such as image/jpeg */
    description = g_strdup_printf (_("Attachment (%s)"), content_type);
  else
    /* Translators: %s is a MIME type such as image/jpeg */
    description = g_strdup_printf (_("Attachment (%s), not downloaded"), content_type);
  label = gtk_label_new (description);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, description);

  if (local_path != NULL)
    {
      g_object_set_data_full (G_OBJECT (button), "liaison-local-path", g_strdup (local_path),
                              g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (media_clicked_cb), NULL);

      if (liaison_message_media_is_image (media))
        {
          g_autoptr(GTask) task = g_task_new (NULL, self->media_cancellable, texture_loaded_cb,
                                              g_object_ref_sink (button));

          g_task_set_task_data (task, g_strdup (local_path), g_free);
          g_task_run_in_thread (task, texture_load_thread);
        }
    }
  else
    {
      gtk_widget_set_sensitive (button, FALSE);
      if (liaison_message_media_get_url (media) != NULL)
        start_download (self, media);
    }

  return button;
}

static void
clear_media (LiaisonMessageRow *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->media_cancellable);
  g_clear_object (&self->media_cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->media_box))) != NULL)
    gtk_box_remove (self->media_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->media_box), FALSE);
}

static void
media_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LiaisonMessageRow *self;
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  media = liaison_store_list_message_media_finish (LIAISON_STORE (object), result, &error);
  if (media == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not list a message's media: %s", error->message);
      return;
    }

  self = LIAISON_MESSAGE_ROW (user_data);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->media_box))) != NULL)
    gtk_box_remove (self->media_box, child);

  for (guint i = 0; i < media->len; i++)
    gtk_box_append (self->media_box, create_media_widget (self, g_ptr_array_index (media, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->media_box), media->len > 0);
}

/* Binding */

static void
show_message (LiaisonMessageRow *self,
              LiaisonMessage    *message,
              LiaisonStore      *store)
{
  const char *status = liaison_message_get_status (message);
  gboolean inbound = liaison_message_is_inbound (message);
  GtkWidget *bubble = GTK_WIDGET (self->bubble_box);
  g_autofree char *markup = NULL;
  g_autofree char *time = NULL;
  const char *icon_name = NULL;
  const char *body = liaison_message_get_body (message);

  gtk_widget_set_visible (GTK_WIDGET (self->day_label), FALSE);
  gtk_widget_set_visible (bubble, TRUE);

  gtk_widget_set_halign (bubble, inbound ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_margin_start (bubble, inbound ? 0 : 48);
  gtk_widget_set_margin_end (bubble, inbound ? 48 : 0);
  gtk_widget_set_halign (GTK_WIDGET (self->error_label), inbound ? GTK_ALIGN_START : GTK_ALIGN_END);

  gtk_widget_remove_css_class (bubble, inbound ? "outbound" : "inbound");
  gtk_widget_add_css_class (bubble, inbound ? "inbound" : "outbound");

  if (!inbound && liaison_inbox_status_is_failure (status))
    gtk_widget_add_css_class (bubble, "failed");
  else
    gtk_widget_remove_css_class (bubble, "failed");

  if (!inbound && (g_strcmp0 (status, "scheduled") == 0 || g_strcmp0 (status, "queued") == 0 ||
                   g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "sending") == 0))
    gtk_widget_add_css_class (bubble, "pending");
  else
    gtk_widget_remove_css_class (bubble, "pending");

  markup = body_markup (body);
  liaison_message_text_set_text (self->body_text, body, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->body_text), body != NULL && *body != '\0');

  if (!inbound && g_strcmp0 (status, "scheduled") == 0 &&
      liaison_message_get_date_scheduled (message) > 0)
    {
      g_autofree char *when =
        liaison_inbox_format_date_time (liaison_message_get_date_scheduled (message));

      /* Translators: %s is a day and time such as "Mon 3 Mar, 14:05" */
      time = g_strdup_printf (_("Scheduled for %s"), when);
    }
  else
    {
      time = liaison_inbox_format_clock (liaison_message_get_date_created (message));
    }
  gtk_label_set_label (self->time_label, time);

  if (!inbound)
    icon_name = liaison_inbox_status_icon_name (status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_image), icon_name != NULL);
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->status_image, icon_name);
      liaison_widget_set_tooltip_text (GTK_WIDGET (self->status_image),
                                       liaison_inbox_status_description (status));
    }

  if (!inbound && liaison_inbox_status_is_failure (status))
    {
      g_autofree char *explanation =
        liaison_inbox_explain_error (liaison_message_get_error_code (message),
                                     liaison_message_get_error_message (message));

      gtk_label_set_label (self->error_label, explanation);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }

  if (liaison_message_get_num_media (message) > 0 && store != NULL)
    {
      self->media_cancellable = g_cancellable_new ();
      list_media (self);
    }
}

static void
list_media (LiaisonMessageRow *self)
{
  if (self == NULL || self->store == NULL || !LIAISON_IS_MESSAGE (self->item) ||
      self->media_cancellable == NULL)
    return;

  liaison_store_list_message_media_async (self->store,
                                          liaison_message_get_id (LIAISON_MESSAGE (self->item)),
                                          self->media_cancellable, media_listed_cb, self);
}

static void
show_day (LiaisonMessageRow   *self,
          LiaisonDaySeparator *day)
{
  g_autofree char *label = liaison_inbox_format_day (liaison_day_separator_get_time (day),
                                                     g_get_real_time ());

  gtk_label_set_label (self->day_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->bubble_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
liaison_message_row_dispose (GObject *object)
{
  LiaisonMessageRow *self = LIAISON_MESSAGE_ROW (object);

  g_cancellable_cancel (self->media_cancellable);
  g_clear_object (&self->media_cancellable);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_MESSAGE_ROW);

  G_OBJECT_CLASS (liaison_message_row_parent_class)->dispose (object);
}

static void
liaison_message_row_class_init (LiaisonMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_message_row_dispose;

  g_type_ensure (LIAISON_TYPE_MESSAGE_TEXT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, bubble_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, media_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, body_text);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, status_image);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMessageRow, error_label);
}

static void
liaison_message_row_init (LiaisonMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_message_row_new (void)
{
  return g_object_new (LIAISON_TYPE_MESSAGE_ROW, NULL);
}

void
liaison_message_row_set_item (LiaisonMessageRow *self,
                              GObject           *item,
                              LiaisonStore      *store)
{
  g_return_if_fail (LIAISON_IS_MESSAGE_ROW (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  /* Items never change once made (a change is a new item), and GTK 4.8
   * binds every row again when only its position moved: keep what is
   * shown, its measured size and its media (a day separator is written
   * again once its "Today" may have aged). */
  if (item == self->item && store == self->store &&
      (!LIAISON_IS_DAY_SEPARATOR (item) || self->shown_on == liaison_inbox_today ()))
    return;
  self->shown_on = liaison_inbox_today ();

  clear_media (self);
  g_set_object (&self->item, item);
  g_set_object (&self->store, store);

  if (LIAISON_IS_MESSAGE (item))
    show_message (self, LIAISON_MESSAGE (item), store);
  else if (LIAISON_IS_DAY_SEPARATOR (item))
    show_day (self, LIAISON_DAY_SEPARATOR (item));
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->day_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->bubble_box), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
}

GObject *
liaison_message_row_get_item (LiaisonMessageRow *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_ROW (self), NULL);

  return self->item;
}

gint64
liaison_message_row_get_message_id (LiaisonMessageRow *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_ROW (self), 0);

  if (LIAISON_IS_MESSAGE (self->item))
    return liaison_message_get_id (LIAISON_MESSAGE (self->item));

  return 0;
}
