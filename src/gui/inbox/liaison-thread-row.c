/* liaison-thread-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-thread-row"

#include "config.h"

#include "liaison-thread-row.h"
#include "liaison-inbox-format.h"
#include "liaison-widget-util.h"

#include <glib/gi18n.h>

struct _LiaisonThreadRow
{
  GtkWidget      parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *time_label;
  GtkImage      *status_image;
  GtkLabel      *preview_label;
  GtkLabel      *unread_label;

  LiaisonThread *thread;
  guint          shown_on;   /* the day its relative time was written */
};

G_DEFINE_FINAL_TYPE (LiaisonThreadRow, liaison_thread_row, GTK_TYPE_WIDGET)

static void
update (LiaisonThreadRow *self)
{
  LiaisonThread *thread = self->thread;
  g_autofree char *title = NULL;
  g_autofree char *time = NULL;
  g_autofree char *preview = NULL;
  const char *last_preview;
  const char *direction;
  const char *status;
  const char *icon_name = NULL;
  guint unread;

  if (thread == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->time_label, "");
      gtk_label_set_label (self->preview_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->unread_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->status_image), FALSE);
      return;
    }

  title = liaison_inbox_thread_title (thread);
  gtk_label_set_label (self->title_label, title);

  time = liaison_inbox_format_relative_time (liaison_thread_get_last_time (thread),
                                             g_get_real_time ());
  gtk_label_set_label (self->time_label, time);

  direction = liaison_thread_get_last_direction (thread);
  status = liaison_thread_get_last_status (thread);
  last_preview = liaison_thread_get_last_message_preview (thread);

  if (liaison_thread_get_last_message_id (thread) == 0)
    preview = g_strdup (_("No messages yet"));
  else if (last_preview == NULL || *last_preview == '\0')
    preview = g_strdup (_("Picture or attachment"));
  else
    /* One line: newlines would make the single-line label taller. */
    preview = g_strdelimit (g_strdup (last_preview), "\r\n", ' ');

  if (direction != NULL && g_str_has_prefix (direction, "outbound"))
    {
      g_autofree char *mine = NULL;

      /* Translators: the preview of a message the user sent */
      mine = g_strdup_printf (_("You: %s"), preview);
      g_free (preview);
      preview = g_steal_pointer (&mine);

      icon_name = liaison_inbox_status_icon_name (status);
    }
  gtk_label_set_label (self->preview_label, preview);

  gtk_widget_set_visible (GTK_WIDGET (self->status_image), icon_name != NULL);
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->status_image, icon_name);
      liaison_widget_set_tooltip_text (GTK_WIDGET (self->status_image),
                                       liaison_inbox_status_description (status));
      if (liaison_inbox_status_is_failure (status))
        gtk_widget_add_css_class (GTK_WIDGET (self->status_image), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "error");
    }

  unread = liaison_thread_get_unread_count (thread);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), unread > 0);
  if (unread > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", unread);

      gtk_label_set_label (self->unread_label, count);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "dim-label");
    }
}

static void
liaison_thread_row_dispose (GObject *object)
{
  LiaisonThreadRow *self = LIAISON_THREAD_ROW (object);

  g_clear_object (&self->thread);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_THREAD_ROW);

  G_OBJECT_CLASS (liaison_thread_row_parent_class)->dispose (object);
}

static void
liaison_thread_row_class_init (LiaisonThreadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_thread_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-thread-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonThreadRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonThreadRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonThreadRow, status_image);
  gtk_widget_class_bind_template_child (widget_class, LiaisonThreadRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonThreadRow, unread_label);
}

static void
liaison_thread_row_init (LiaisonThreadRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_thread_row_new (void)
{
  return g_object_new (LIAISON_TYPE_THREAD_ROW, NULL);
}

void
liaison_thread_row_set_thread (LiaisonThreadRow *self,
                               LiaisonThread    *thread)
{
  g_return_if_fail (LIAISON_IS_THREAD_ROW (self));
  g_return_if_fail (!thread || LIAISON_IS_THREAD (thread));

  /* Threads never change once made (a change is a new object), and
   * GTK 4.8 binds rows again when only their position moved: the same
   * thread is written again only when its relative time may have aged. */
  if (!g_set_object (&self->thread, thread) && self->shown_on == liaison_inbox_today ())
    return;
  self->shown_on = liaison_inbox_today ();
  update (self);
}

LiaisonThread *
liaison_thread_row_get_thread (LiaisonThreadRow *self)
{
  g_return_val_if_fail (LIAISON_IS_THREAD_ROW (self), NULL);

  return self->thread;
}
