/* liaison-call-banner.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-call-banner.h"
#include "liaison-calls-format.h"

struct _LiaisonCallBanner
{
  AdwBin           parent_instance;

  GtkRevealer     *revealer;
  GtkImage        *state_image;
  GtkLabel        *title_label;
  GtkLabel        *detail_label;
  GtkLabel        *timer_label;
  GtkMenuButton   *add_button;
  GtkPopover      *add_popover;
  GtkEntry        *add_entry;
  GtkButton       *hang_up_button;
  GtkButton       *dismiss_button;

  LiaisonLiveCall *call;
  char            *title;
  gulong           notify_id;
  guint            timer_id;
};

G_DEFINE_FINAL_TYPE (LiaisonCallBanner, liaison_call_banner, ADW_TYPE_BIN)

static int
seconds_between (GDateTime *from,
                 GDateTime *to)
{
  g_autoptr(GDateTime) now = NULL;

  if (from == NULL)
    return 0;
  if (to == NULL)
    to = now = g_date_time_new_now_utc ();

  return (int) MAX (g_date_time_difference (to, from) / G_USEC_PER_SEC, 0);
}

static void
update_timer (LiaisonCallBanner *self)
{
  GDateTime *answered = liaison_live_call_get_answered_at (self->call);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), answered != NULL);
  if (answered == NULL)
    return;

  text = liaison_calls_format_duration (seconds_between (answered,
                                                         liaison_live_call_get_ended_at (self->call)));
  gtk_label_set_label (self->timer_label, text);
}

static gboolean
timer_cb (gpointer user_data)
{
  update_timer (LIAISON_CALL_BANNER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
update (LiaisonCallBanner *self)
{
  LiaisonLiveCallState state;
  const char *detail = NULL;
  const char *reason;
  const char *icon = "call-start-symbolic";
  gboolean over;

  if (self->call == NULL)
    {
      g_clear_handle_id (&self->timer_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  state = liaison_live_call_get_state (self->call);
  over = liaison_live_call_is_over (self->call);
  reason = liaison_live_call_get_failure_reason (self->call);

  switch (state)
    {
    case LIAISON_LIVE_CALL_DIALING_ADVISOR:
      detail = _("Calling your phone — answer it to be connected");
      break;
    case LIAISON_LIVE_CALL_RINGING:
      detail = _("Ringing…");
      break;
    case LIAISON_LIVE_CALL_IN_PROGRESS:
      detail = _("On the call");
      break;
    case LIAISON_LIVE_CALL_COMPLETED:
      detail = _("Call ended");
      icon = "call-stop-symbolic";
      break;
    case LIAISON_LIVE_CALL_BUSY:
      detail = _("Busy");
      icon = "call-missed-symbolic";
      break;
    case LIAISON_LIVE_CALL_NO_ANSWER:
      detail = _("No answer");
      icon = "call-missed-symbolic";
      break;
    case LIAISON_LIVE_CALL_FAILED:
      detail = reason != NULL ? reason : _("The call failed");
      icon = "dialog-error-symbolic";
      break;
    case LIAISON_LIVE_CALL_CANCELED:
      detail = _("Canceled");
      icon = "call-stop-symbolic";
      break;
    default:
      detail = "";
      break;
    }

  gtk_label_set_label (self->title_label, self->title != NULL ? self->title : "");
  gtk_label_set_label (self->detail_label, detail);
  gtk_image_set_from_icon_name (self->state_image, icon);

  if (state == LIAISON_LIVE_CALL_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->hang_up_button), !over);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), state == LIAISON_LIVE_CALL_IN_PROGRESS);
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), over);

  update_timer (self);
  if (!over && liaison_live_call_get_answered_at (self->call) != NULL)
    {
      if (self->timer_id == 0)
        self->timer_id = g_timeout_add_seconds (1, timer_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->timer_id, g_source_remove);
    }

  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
add_activated_cb (LiaisonCallBanner *self)
{
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->add_entry));

  if (number == NULL || *number == '\0')
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-to-call", "s", number);
  gtk_editable_set_text (GTK_EDITABLE (self->add_entry), "");
  gtk_popover_popdown (self->add_popover);
}

static void
dismiss_clicked_cb (LiaisonCallBanner *self)
{
  liaison_call_banner_set_call (self, NULL, NULL);
}

static void
liaison_call_banner_dispose (GObject *object)
{
  LiaisonCallBanner *self = LIAISON_CALL_BANNER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->call != NULL)
    g_clear_signal_handler (&self->notify_id, self->call);
  g_clear_object (&self->call);
  g_clear_pointer (&self->title, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CALL_BANNER);

  G_OBJECT_CLASS (liaison_call_banner_parent_class)->dispose (object);
}

static void
liaison_call_banner_class_init (LiaisonCallBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_call_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-call-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, state_image);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, timer_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, add_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, add_popover);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, add_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, hang_up_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallBanner, dismiss_button);
  gtk_widget_class_bind_template_callback (widget_class, add_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_clicked_cb);
}

static void
liaison_call_banner_init (LiaisonCallBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: not a bound template child, which the template's
   * dispose would unparent before AdwBin does. */
  self->revealer = GTK_REVEALER (adw_bin_get_child (ADW_BIN (self)));
}

GtkWidget *
liaison_call_banner_new (void)
{
  return g_object_new (LIAISON_TYPE_CALL_BANNER, NULL);
}

void
liaison_call_banner_set_call (LiaisonCallBanner *self,
                              LiaisonLiveCall   *call,
                              const char        *title)
{
  g_return_if_fail (LIAISON_IS_CALL_BANNER (self));
  g_return_if_fail (!call || LIAISON_IS_LIVE_CALL (call));

  if (self->call != call)
    {
      if (self->call != NULL)
        g_clear_signal_handler (&self->notify_id, self->call);
      g_set_object (&self->call, call);
      if (call != NULL)
        self->notify_id = g_signal_connect_swapped (call, "notify", G_CALLBACK (update), self);
    }

  g_free (self->title);
  self->title = g_strdup (title);
  update (self);
}

LiaisonLiveCall *
liaison_call_banner_get_call (LiaisonCallBanner *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_BANNER (self), NULL);

  return self->call;
}

const char *
liaison_call_banner_get_detail (LiaisonCallBanner *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_BANNER (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

const char *
liaison_call_banner_get_timer (LiaisonCallBanner *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_BANNER (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->timer_label))
         ? gtk_label_get_label (self->timer_label) : NULL;
}
