/* liaison-relay-router.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "liaison-relay-policy.h"

G_BEGIN_DECLS

/* Call routing: the TwiML for each step of an inbound call, from the
 * advisor's policy (NULL: straight to voicemail). @public_url is the
 * relay's base URL; every step's action URL names @advisor, so that the
 * next step finds the same policy. Every document is checked by
 * liaison_twiml_validate() in the tests.
 *
 * In hours:   [consent notice] → [name recording (screening)] → Dial the
 *             advisor's numbers (dual-channel recording, whisper when
 *             screening) → on busy: the queue, else voicemail.
 * After hours: press 1 for the on-call number, else voicemail. */
typedef struct {
  const char         *public_url;
  const char         *advisor;    /* may be NULL */
  LiaisonRelayPolicy *policy;     /* may be NULL */
  GDateTime          *now;
} LiaisonRelayRouting;

char *liaison_relay_route_inbound        (LiaisonRelayRouting *routing,
                                          const char          *from);
/* After the caller recorded a name (@recording_url may be NULL: silence). */
char *liaison_relay_route_screened       (LiaisonRelayRouting *routing,
                                          const char          *from,
                                          const char          *recording_url);
/* Played to the advisor before the bridge. */
char *liaison_relay_route_whisper        (LiaisonRelayRouting *routing,
                                          const char          *caller,
                                          const char          *recording_url);
char *liaison_relay_route_whisper_answer (LiaisonRelayRouting *routing,
                                          const char          *digits);
/* @dial_bridged: DialBridged as Twilio sent it (NULL when absent); a
 * "completed" leg that was never bridged (the advisor refused the whisper)
 * still goes to voicemail. */
char *liaison_relay_route_dial_done      (LiaisonRelayRouting *routing,
                                          const char          *dial_status,
                                          const char          *dial_bridged,
                                          gboolean             after_hours);
char *liaison_relay_route_after_hours    (LiaisonRelayRouting *routing,
                                          const char          *digits);
char *liaison_relay_route_queue_wait     (LiaisonRelayRouting *routing,
                                          const char          *position,
                                          const char          *queue_time);
char *liaison_relay_route_queue_done     (LiaisonRelayRouting *routing,
                                          const char          *result);
char *liaison_relay_route_voicemail      (LiaisonRelayRouting *routing);
char *liaison_relay_route_voicemail_done (LiaisonRelayRouting *routing);
/* A call the desktop moves into conference @room (NULL if @room is not a
 * valid name: 1 to 64 of A-Z a-z 0-9 - _). */
char *liaison_relay_route_conference     (LiaisonRelayRouting *routing,
                                          const char          *room);

/* Click-to-call (the desktop created the call to the advisor's own phone,
 * with this step as its Url): once the advisor answered, the recording
 * notice when the policy records and @client's place needs it (said to the
 * advisor here, and to the client before the bridge through the
 * "voice/outbound-notice" step), then <Dial> @client from @caller_id,
 * recorded dual-channel (advisor channel 1, client channel 2) unless the
 * policy turned recording off, with both legs' statuses sent to
 * /twilio/voice/status and the recording's to /twilio/recordings/status.
 * NULL when @client or @caller_id is not an E.164 number. */
char *liaison_relay_route_outbound        (LiaisonRelayRouting *routing,
                                           const char          *client,
                                           const char          *caller_id);
/* Played to the client before the bridge. */
char *liaison_relay_route_outbound_notice (LiaisonRelayRouting *routing);
/* The <Dial action> of a click-to-call: tells the advisor why the client
 * was not reached (busy, no answer, failed), then hangs up. */
char *liaison_relay_route_outbound_done   (LiaisonRelayRouting *routing,
                                           const char          *dial_status);

/* Withheld, anonymous or otherwise not a dialable number. */
gboolean liaison_relay_caller_is_withheld (const char *from);

G_END_DECLS
