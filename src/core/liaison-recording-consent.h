/* liaison-recording-consent.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When a call recording must be announced before the parties are bridged
 * (PRODUCT.md "Recording consent"): all-party-consent states, by the
 * number's area code, the usual proxy for where a caller is. */
typedef enum {
  LIAISON_CONSENT_ALL_PARTY_STATES,   /* CA CT FL IL MD MA MT NV NH PA WA */
  LIAISON_CONSENT_WITH_DISPUTED,      /* … and DE, MI */
  LIAISON_CONSENT_ALWAYS,
} LiaisonConsentMode;

/* The US state of a NANP number's area code when it is one of the
 * all-party or disputed states, else NULL. */
const char *liaison_recording_consent_state    (const char         *e164);

/* TRUE when a call with @e164 must hear the recording announcement under
 * @mode. A number whose place cannot be told (withheld, not NANP) is
 * announced to, to be safe. */
gboolean    liaison_recording_consent_announce (const char         *e164,
                                                LiaisonConsentMode  mode);

/* "states", "states-and-disputed", "always"; FALSE if unknown. */
gboolean    liaison_consent_mode_from_string   (const char         *text,
                                                LiaisonConsentMode *out_mode);
const char *liaison_consent_mode_to_string     (LiaisonConsentMode  mode);

G_END_DECLS
