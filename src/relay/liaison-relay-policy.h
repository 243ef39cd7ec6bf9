/* liaison-relay-policy.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "liaison-recording-consent.h"

G_BEGIN_DECLS

typedef enum {
  LIAISON_SCREENING_OFF,
  LIAISON_SCREENING_UNKNOWN,   /* callers who are not contacts */
  LIAISON_SCREENING_ALL,
} LiaisonScreening;

/* An advisor's call routing, pushed from the desktop (PUT /v1/policy) as
 * JSON:
 *
 *   {"time_zone": "America/New_York",
 *    "hours": {"days": [1, 2, 3, 4, 5], "start": "09:00", "end": "17:00"},
 *    "holidays": ["2026-12-25"],
 *    "forward_to": ["+15551230001"], "caller_id": "+15005550006",
 *    "ring_seconds": 20,
 *    "greeting": "…", "after_hours_greeting": "…",
 *    "emergency_number": "+15551230009",
 *    "screening": "off" | "unknown" | "all",
 *    "contacts": [{"number": "+15551234567", "name": "Pat Doe"}],
 *    "recording": {"enabled": true, "consent": "states" | "states-and-disputed" | "always"},
 *    "queue": {"enabled": true, "hold_music_url": "https://…", "max_wait_seconds": 300},
 *    "voicemail_max_seconds": 120}
 *
 * Days are ISO weekdays (1 = Monday). Everything but forward_to has a
 * default. */
typedef struct {
  GTimeZone          *time_zone;
  char               *time_zone_id;
  guint8              days;            /* bit d set: ISO weekday d is a working day */
  guint               start_minute;    /* minutes after midnight */
  guint               end_minute;
  GStrv               holidays;        /* YYYY-MM-DD */
  GStrv               forward_to;
  char               *caller_id;
  guint               ring_seconds;
  char               *greeting;
  char               *after_hours_greeting;
  char               *emergency_number;
  LiaisonScreening    screening;
  GHashTable         *contacts;        /* E.164 → name */
  gboolean            record;
  LiaisonConsentMode  consent;
  gboolean            queue;
  char               *hold_music_url;
  guint               max_wait_seconds;
  guint               voicemail_max_seconds;
} LiaisonRelayPolicy;

LiaisonRelayPolicy *liaison_relay_policy_new_default (void);
/* NULL with an error naming the field when @json is not a valid policy. */
LiaisonRelayPolicy *liaison_relay_policy_parse       (const char          *json,
                                                      GError             **error);
char               *liaison_relay_policy_to_json     (LiaisonRelayPolicy  *policy);
void                liaison_relay_policy_free        (LiaisonRelayPolicy  *policy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonRelayPolicy, liaison_relay_policy_free)

/* Within working hours at @now (not a holiday, in the policy's zone). */
gboolean            liaison_relay_policy_is_open     (LiaisonRelayPolicy  *policy,
                                                      GDateTime           *now);
/* The contact's name, or NULL for a stranger. */
const char         *liaison_relay_policy_contact     (LiaisonRelayPolicy  *policy,
                                                      const char          *number);

G_END_DECLS
