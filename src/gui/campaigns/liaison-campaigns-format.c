/* liaison-campaigns-format.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-campaigns-format.h"
#include "liaison-inbox-format.h"

char *
liaison_campaigns_format_delay (gint64   delay_s,
                                gboolean first)
{
  gint64 days = delay_s / 86400;
  gint64 hours = (delay_s % 86400) / 3600;
  gint64 minutes = (delay_s % 3600) / 60;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (delay_s <= 0)
    return g_strdup (first ? _("Right away") : _("Right after the previous text"));

  if (days > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u day", "%u days", (gulong) days),
                                             (guint) days));
  if (hours > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u hour", "%u hours", (gulong) hours),
                                             (guint) hours));
  if (minutes > 0 && days == 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u minute", "%u minutes", (gulong) minutes),
                                             (guint) minutes));
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u second", "%u seconds", (gulong) delay_s),
                                             (guint) delay_s));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" ", (char **) parts->pdata);

  /* Translators: %s is a wait such as "2 days" or "1 day 4 hours" */
  return g_strdup_printf (first ? _("%s after joining") : _("%s later"), joined);
}

char *
liaison_campaigns_format_trigger (LiaisonSequence *sequence)
{
  const char *stage = liaison_sequence_get_trigger_stage (sequence);

  if (stage == NULL || *stage == '\0')
    return g_strdup (_("Contacts are added by hand"));

  /* Translators: %s is a pipeline stage, e.g. "New Lead" */
  return g_strdup_printf (_("Starts when a contact’s stage becomes “%s”"), stage);
}

char *
liaison_campaigns_format_counts (LiaisonSequence *sequence)
{
  guint n_steps = liaison_sequence_get_steps (sequence)->len;
  guint n_active = liaison_sequence_get_n_active (sequence);
  guint n_completed = liaison_sequence_get_n_completed (sequence);
  guint n_stopped = liaison_sequence_get_n_stopped (sequence);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u text", "%u texts", n_steps), n_steps));
  if (n_active > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u active", "%u active", n_active), n_active));
  if (n_completed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u completed", "%u completed", n_completed),
                                             n_completed));
  if (n_stopped > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u stopped", "%u stopped", n_stopped),
                                             n_stopped));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static const char *
stop_reason_text (LiaisonEnrollmentStopReason reason)
{
  switch (reason)
    {
    case LIAISON_ENROLLMENT_STOP_REPLIED:
      return _("Stopped: they replied");
    case LIAISON_ENROLLMENT_STOP_OPTED_OUT:
      return _("Stopped: opted out");
    case LIAISON_ENROLLMENT_STOP_BY_HAND:
      return _("Stopped by you");
    case LIAISON_ENROLLMENT_STOP_MISSING_VALUE:
      return _("Stopped: a placeholder has no value");
    case LIAISON_ENROLLMENT_STOP_NEEDS_REVIEW:
      return _("Stopped: the text needs review");
    case LIAISON_ENROLLMENT_STOP_NO_NUMBER:
      return _("Stopped: no mobile number");
    case LIAISON_ENROLLMENT_STOP_FAILED:
    case LIAISON_ENROLLMENT_STOP_NONE:
    default:
      return _("Stopped: the text could not be queued");
    }
}

char *
liaison_campaigns_format_enrollment (LiaisonSequenceEnrollment *enrollment,
                                     guint                      n_steps)
{
  const char *detail;

  switch (liaison_sequence_enrollment_get_state (enrollment))
    {
    case LIAISON_ENROLLMENT_ACTIVE:
      {
        guint step = liaison_sequence_enrollment_get_next_step (enrollment) + 1;
        gint64 at = liaison_sequence_enrollment_get_next_run_at (enrollment);
        g_autofree char *when = at > 0 ? liaison_inbox_format_date_time (at) : NULL;

        if (n_steps == 0)
          {
            if (when == NULL)
              /* Translators: "Text 2 is next" */
              return g_strdup_printf (_("Text %u is next"), step);
            /* Translators: "Text 2 goes Tue 25 Nov, 10:00" */
            return g_strdup_printf (_("Text %u goes %s"), step, when);
          }
        if (when == NULL)
          /* Translators: "Text 2 of 3 is next" */
          return g_strdup_printf (_("Text %u of %u is next"), step, MAX (n_steps, step));
        /* Translators: "Text 2 of 3 goes Tue 25 Nov, 10:00" */
        return g_strdup_printf (_("Text %u of %u goes %s"), step, MAX (n_steps, step), when);
      }

    case LIAISON_ENROLLMENT_COMPLETED:
      return g_strdup (_("Completed"));

    case LIAISON_ENROLLMENT_STOPPED:
    default:
      detail = liaison_sequence_enrollment_get_stop_detail (enrollment);
      if (detail != NULL && *detail != '\0')
        /* Translators: "Stopped: they replied — <detail sentence>" */
        return g_strdup_printf (_("%s — %s"),
                                stop_reason_text (liaison_sequence_enrollment_get_stop_reason (enrollment)),
                                detail);
      return g_strdup (stop_reason_text (liaison_sequence_enrollment_get_stop_reason (enrollment)));
    }
}
