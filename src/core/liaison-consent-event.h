/* liaison-consent-event.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CONSENT_EVENT (liaison_consent_event_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConsentEvent, liaison_consent_event, LIAISON, CONSENT_EVENT, GObject)

/* One entry of the consent ledger, as stored. Immutable. */
gint64      liaison_consent_event_get_id          (LiaisonConsentEvent *self);
const char *liaison_consent_event_get_e164        (LiaisonConsentEvent *self);
gint64      liaison_consent_event_get_contact_id  (LiaisonConsentEvent *self);
/* "opt-in", "opt-out" or "help" */
const char *liaison_consent_event_get_event       (LiaisonConsentEvent *self);
/* "keyword", "manual", "twilio-error", "import" */
const char *liaison_consent_event_get_source      (LiaisonConsentEvent *self);
/* "sms", "phone", "email", "in-person", "web", "written", or NULL */
const char *liaison_consent_event_get_channel     (LiaisonConsentEvent *self);
const char *liaison_consent_event_get_message_sid (LiaisonConsentEvent *self);
const char *liaison_consent_event_get_note        (LiaisonConsentEvent *self);
const char *liaison_consent_event_get_our_number  (LiaisonConsentEvent *self);
gint64      liaison_consent_event_get_time        (LiaisonConsentEvent *self);

/* For the ledger. Strings are copied. */
LiaisonConsentEvent *_liaison_consent_event_new   (gint64      id,
                                                   const char *e164,
                                                   gint64      contact_id,
                                                   const char *event,
                                                   const char *source,
                                                   const char *channel,
                                                   const char *message_sid,
                                                   const char *note,
                                                   const char *our_number,
                                                   gint64      time);

G_END_DECLS
