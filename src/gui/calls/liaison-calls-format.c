/* liaison-calls-format.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-calls-format"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-calls-format.h"
#include "liaison-inbox-format.h"

char *
liaison_calls_format_duration (int seconds)
{
  if (seconds < 0)
    return g_strdup ("");

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);

  return g_strdup_printf ("%d:%02d", seconds / 60, seconds % 60);
}

static gboolean
is_inbound (LiaisonCall *call)
{
  return g_strcmp0 (liaison_call_get_direction (call), "inbound") == 0;
}

char *
liaison_calls_format_outcome (LiaisonCall *call)
{
  const char *status;

  g_return_val_if_fail (LIAISON_IS_CALL (call), NULL);

  status = liaison_call_get_status (call);

  if (liaison_call_get_is_missed (call))
    return g_strdup (liaison_call_get_has_voicemail (call) ? _("Missed, voicemail") : _("Missed"));
  if (g_strcmp0 (status, "busy") == 0)
    return g_strdup (_("Busy"));
  if (g_strcmp0 (status, "no-answer") == 0)
    return g_strdup (_("No answer"));
  if (g_strcmp0 (status, "failed") == 0)
    return g_strdup (_("Failed"));
  if (g_strcmp0 (status, "canceled") == 0)
    return g_strdup (_("Canceled"));
  if (g_strcmp0 (status, "queued") == 0 || g_strcmp0 (status, "initiated") == 0)
    return g_strdup (_("Dialing"));
  if (g_strcmp0 (status, "ringing") == 0)
    return g_strdup (_("Ringing"));
  if (g_strcmp0 (status, "in-progress") == 0)
    return g_strdup (_("In progress"));

  return liaison_calls_format_duration (MAX (liaison_call_get_duration_s (call), 0));
}

const char *
liaison_calls_direction_icon (LiaisonCall *call)
{
  g_return_val_if_fail (LIAISON_IS_CALL (call), NULL);

  if (liaison_call_get_is_missed (call))
    return "call-missed-symbolic";

  return is_inbound (call) ? "call-incoming-symbolic" : "call-outgoing-symbolic";
}

const char *
liaison_calls_direction_label (LiaisonCall *call)
{
  g_return_val_if_fail (LIAISON_IS_CALL (call), NULL);

  if (liaison_call_get_is_missed (call))
    return _("Missed call");

  return is_inbound (call) ? _("Incoming call") : _("Outgoing call");
}

char *
liaison_calls_title (LiaisonCall *call)
{
  const char *name;

  g_return_val_if_fail (LIAISON_IS_CALL (call), NULL);

  name = liaison_call_get_contact_name (call);
  if (name != NULL && *name != '\0')
    return g_strdup (name);

  return liaison_inbox_format_number (liaison_call_get_remote_number (call));
}
