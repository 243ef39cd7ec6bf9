/* liaison-send-later-dialog.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-send-later-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-send-later-dialog.h"

#include <string.h>

struct _LiaisonSendLaterDialog
{
  AdwWindow      parent_instance;

  GtkCalendar   *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  GtkLabel      *zone_label;
  GtkLabel      *summary_label;
  GtkLabel      *error_label;
  GtkWidget     *schedule_button;
  GtkWidget     *cancel_button;

  GTimeZone     *time_zone;
  char          *city;
  char          *zone_text;
  gint64         now_usec;
  gboolean       busy;
};

enum {
  SIGNAL_SCHEDULE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonSendLaterDialog, liaison_send_later_dialog, ADW_TYPE_WINDOW)

/* The chosen moment in the recipient's zone, or NULL. */
static GDateTime *
chosen_date_time (LiaisonSendLaterDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  return g_date_time_new (self->time_zone,
                          g_date_time_get_year (day),
                          g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin),
                          0);
}

static void
update (LiaisonSendLaterDialog *self)
{
  g_autoptr(GDateTime) chosen = chosen_date_time (self);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  gboolean future;

  if (chosen == NULL)
    {
      gtk_widget_set_sensitive (self->schedule_button, FALSE);
      return;
    }

  g_free (self->zone_text);
  /* Translators: "Time in New York (EST)": a city of the recipient's time
   * zone and the zone's abbreviation on the chosen day */
  self->zone_text = g_strdup_printf (_("Time in %s (%s)"), self->city,
                                     g_date_time_get_timezone_abbreviation (chosen));
  gtk_label_set_text (self->zone_label, self->zone_text);

  local = g_date_time_to_local (chosen);
  /* Translators: the chosen send time in this computer's time zone, a
   * g_date_time_format() format: "Friday 3 March, 21:30" */
  when = g_date_time_format (local, _("%A %-d %B, %H:%M"));
  summary = g_strdup_printf (_("Your time: %s"), when);
  gtk_label_set_text (self->summary_label, summary);

  future = g_date_time_to_unix (chosen) * G_USEC_PER_SEC > self->now_usec;
  if (!future && !self->busy)
    {
      gtk_label_set_text (self->error_label, _("This time has already passed. Pick a later one."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else if (!self->busy)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  gtk_widget_set_sensitive (self->schedule_button, future && !self->busy);
}

static void
changed_cb (LiaisonSendLaterDialog *self)
{
  update (self);
}

static gboolean
two_digits_output_cb (GtkSpinButton *spin,
                      gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
cancel_clicked_cb (LiaisonSendLaterDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
schedule_clicked_cb (LiaisonSendLaterDialog *self)
{
  gint64 send_at = liaison_send_later_dialog_get_send_at (self);

  if (send_at <= self->now_usec || self->busy)
    return;

  self->busy = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update (self);
  g_signal_emit (self, signals [SIGNAL_SCHEDULE], 0, send_at);
}

static void
liaison_send_later_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_SEND_LATER_DIALOG);

  G_OBJECT_CLASS (liaison_send_later_dialog_parent_class)->dispose (object);
}

static void
liaison_send_later_dialog_finalize (GObject *object)
{
  LiaisonSendLaterDialog *self = (LiaisonSendLaterDialog *)object;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->zone_text, g_free);

  G_OBJECT_CLASS (liaison_send_later_dialog_parent_class)->finalize (object);
}

static void
liaison_send_later_dialog_class_init (LiaisonSendLaterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_send_later_dialog_dispose;
  object_class->finalize = liaison_send_later_dialog_finalize;

  signals [SIGNAL_SCHEDULE] =
    g_signal_new ("schedule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-send-later-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, zone_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSendLaterDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, two_digits_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_send_later_dialog_init (LiaisonSendLaterDialog *self)
{
  self->busy = TRUE; /* no error text while the template sets values */
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "America/New_York" → "New York"; "UTC" stays. */
static char *
city_of_zone (const char *identifier)
{
  const char *slash = strrchr (identifier, '/');
  char *city = g_strdup (slash != NULL ? slash + 1 : identifier);

  g_strdelimit (city, "_", ' ');
  return city;
}

GtkWidget *
liaison_send_later_dialog_new (const char *time_zone,
                               gint64      now_usec,
                               gint64      initial_usec)
{
  LiaisonSendLaterDialog *self = g_object_new (LIAISON_TYPE_SEND_LATER_DIALOG, NULL);
  const gint64 quarter = 15 * G_TIME_SPAN_MINUTE;

  if (time_zone != NULL)
    self->time_zone = g_time_zone_new_identifier (time_zone);
  if (self->time_zone == NULL)
    self->time_zone = g_time_zone_new_local ();
  self->city = city_of_zone (g_time_zone_get_identifier (self->time_zone));
  self->now_usec = now_usec;

  if (initial_usec <= now_usec)
    initial_usec = now_usec + 1;
  initial_usec = ((initial_usec + quarter - 1) / quarter) * quarter;
  liaison_send_later_dialog_set_send_at (self, initial_usec);

  self->busy = FALSE;
  update (self);

  return GTK_WIDGET (self);
}

void
liaison_send_later_dialog_set_send_at (LiaisonSendLaterDialog *self,
                                       gint64                  send_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_return_if_fail (LIAISON_IS_SEND_LATER_DIALOG (self));

  utc = g_date_time_new_from_unix_utc (send_at / G_USEC_PER_SEC);
  there = g_date_time_to_timezone (utc, self->time_zone);
  /* The calendar works in local dates; only the day matters. */
  day = g_date_time_new_local (g_date_time_get_year (there), g_date_time_get_month (there),
                               g_date_time_get_day_of_month (there), 12, 0, 0);

  gtk_calendar_select_day (self->calendar, day);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (there));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (there));
  update (self);
}

gint64
liaison_send_later_dialog_get_send_at (LiaisonSendLaterDialog *self)
{
  g_autoptr(GDateTime) chosen = NULL;

  g_return_val_if_fail (LIAISON_IS_SEND_LATER_DIALOG (self), 0);

  chosen = chosen_date_time (self);
  return chosen != NULL ? g_date_time_to_unix (chosen) * G_USEC_PER_SEC : 0;
}

void
liaison_send_later_dialog_set_error (LiaisonSendLaterDialog *self,
                                     const char             *message)
{
  g_return_if_fail (LIAISON_IS_SEND_LATER_DIALOG (self));

  self->busy = FALSE;
  update (self);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
liaison_send_later_dialog_get_zone_label (LiaisonSendLaterDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_SEND_LATER_DIALOG (self), NULL);

  return self->zone_text;
}
