/* liaison-inbox-format.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-inbox-format"

#include "config.h"

#include "liaison-inbox-format.h"
#include "liaison-phone.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n.h>

/* How long a looked-up local time zone is used before asking again. */
#define LOCAL_ZONE_TTL (60 * G_USEC_PER_SEC)

/* The local time zone. GLib reads the system's zone file on each lookup,
 * and a conversation binds hundreds of rows, each formatting its times;
 * a change of zone shows within a minute. */
static GTimeZone *
local_time_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static gint64 looked_up;
  gint64 now = g_get_monotonic_time ();
  GTimeZone *result;

  g_mutex_lock (&lock);
  if (zone == NULL || now - looked_up > LOCAL_ZONE_TTL)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      looked_up = now;
    }
  result = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);

  return result;
}

static GDateTime *
local_date_time (gint64 time)
{
  g_autoptr(GTimeZone) zone = local_time_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);

  if (utc == NULL)
    return g_date_time_new_now (zone);

  return g_date_time_to_timezone (utc, zone);
}

/* Days between the local dates of @then and @now (0: same day). */
static int
days_between (GDateTime *then,
              GDateTime *now)
{
  g_autoptr(GDate) a = g_date_new_dmy (g_date_time_get_day_of_month (then),
                                       g_date_time_get_month (then),
                                       g_date_time_get_year (then));
  g_autoptr(GDate) b = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                       g_date_time_get_month (now),
                                       g_date_time_get_year (now));

  return g_date_days_between (a, b);
}

char *
liaison_inbox_format_clock (gint64 time)
{
  g_autoptr(GDateTime) local = local_date_time (time);

  /* Translators: a time of day, see g_date_time_format() */
  return g_date_time_format (local, _("%H:%M"));
}

char *
liaison_inbox_format_date_time (gint64 time)
{
  g_autoptr(GDateTime) local = local_date_time (time);

  /* Translators: a day and time, see g_date_time_format() */
  return g_date_time_format (local, _("%a %-d %b, %H:%M"));
}

char *
liaison_inbox_format_relative_time (gint64 time,
                                    gint64 now)
{
  g_autoptr(GDateTime) local = local_date_time (time);
  g_autoptr(GDateTime) local_now = local_date_time (now);
  int days = days_between (local, local_now);

  if (days <= 0)
    /* Translators: a time of day, see g_date_time_format() */
    return g_date_time_format (local, _("%H:%M"));

  if (days == 1)
    return g_strdup (_("Yesterday"));

  if (days < 7)
    /* Translators: a weekday, abbreviated, see g_date_time_format() */
    return g_date_time_format (local, _("%a"));

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: day and month, see g_date_time_format() */
    return g_date_time_format (local, _("%-d %b"));

  /* Translators: day, month and year, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y"));
}

char *
liaison_inbox_format_day (gint64 time,
                          gint64 now)
{
  g_autoptr(GDateTime) local = local_date_time (time);
  g_autoptr(GDateTime) local_now = local_date_time (now);
  int days = days_between (local, local_now);

  if (days == 0)
    return g_strdup (_("Today"));

  if (days == 1)
    return g_strdup (_("Yesterday"));

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a day separator, see g_date_time_format() */
    return g_date_time_format (local, _("%A %-d %B"));

  /* Translators: a day separator, see g_date_time_format() */
  return g_date_time_format (local, _("%A %-d %B %Y"));
}

gboolean
liaison_inbox_same_day (gint64 a,
                        gint64 b)
{
  g_autoptr(GDateTime) local_a = local_date_time (a);
  g_autoptr(GDateTime) local_b = local_date_time (b);

  return days_between (local_a, local_b) == 0;
}

guint
liaison_inbox_today (void)
{
  g_autoptr(GDateTime) now = local_date_time (g_get_real_time ());
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                          g_date_time_get_month (now),
                                          g_date_time_get_year (now));

  return g_date_get_julian (date);
}

char *
liaison_inbox_format_number (const char *e164)
{
  if (e164 == NULL || *e164 == '\0')
    return g_strdup (_("Unknown Number"));

  return liaison_phone_format_for_display (e164, NULL);
}

char *
liaison_inbox_thread_title (LiaisonThread *thread)
{
  const char *name = liaison_thread_get_contact_name (thread);

  if (name != NULL && *name != '\0')
    return g_strdup (name);

  return liaison_inbox_format_number (liaison_thread_get_remote_number (thread));
}

typedef struct
{
  const char *status;
  const char *icon_name;
  const char *description;
} StatusInfo;

static const StatusInfo statuses[] = {
  { "scheduled", "alarm-symbolic", N_("Scheduled") },
  { "accepted", "content-loading-symbolic", N_("Waiting to be sent") },
  { "queued", "content-loading-symbolic", N_("Waiting to be sent") },
  { "sending", "mail-send-symbolic", N_("Sending") },
  { "sent", "object-select-symbolic", N_("Sent to the carrier") },
  { "delivered", "emblem-ok-symbolic", N_("Delivered") },
  { "read", "emblem-ok-symbolic", N_("Read") },
  { "undelivered", "dialog-warning-symbolic", N_("Not delivered") },
  { "failed", "dialog-error-symbolic", N_("Failed") },
  { "canceled", "action-unavailable-symbolic", N_("Canceled") },
};

static const StatusInfo *
find_status (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].status, status) == 0)
      return &statuses[i];

  return NULL;
}

const char *
liaison_inbox_status_icon_name (const char *status)
{
  const StatusInfo *info = find_status (status);

  return info != NULL ? info->icon_name : NULL;
}

const char *
liaison_inbox_status_description (const char *status)
{
  const StatusInfo *info = find_status (status);

  return info != NULL ? _(info->description) : NULL;
}

gboolean
liaison_inbox_status_is_failure (const char *status)
{
  return g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "undelivered") == 0;
}

char *
liaison_inbox_explain_error (int         code,
                             const char *fallback)
{
  const char *explanation = code != 0 ? liaison_twilio_error_explain (code) : NULL;
  const char *suggestion = code != 0 ? liaison_twilio_error_suggest (code) : NULL;

  if (explanation != NULL && suggestion != NULL)
    return g_strdup_printf ("%s %s", explanation, suggestion);

  if (explanation != NULL)
    return g_strdup (explanation);

  if (fallback != NULL && *fallback != '\0' && code != 0)
    /* Translators: %d is Twilio's error code, %s its own message (in English). */
    return g_strdup_printf (_("Twilio error %d: %s"), code, fallback);

  if (fallback != NULL && *fallback != '\0')
    return g_strdup (fallback);

  if (code != 0)
    /* Translators: %d is Twilio's error code. */
    return g_strdup_printf (_("Twilio reported error %d. Check the number and try again."), code);

  return g_strdup (_("The message could not be delivered. Check the number and try again."));
}
