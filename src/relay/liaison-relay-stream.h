/* liaison-relay-stream.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "liaison-relay-config.h"
#include "liaison-relay-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_RELAY_STREAM (liaison_relay_stream_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRelayStream, liaison_relay_stream, LIAISON, RELAY_STREAM, GObject)

/* The desktops' side of the relay: a WebSocket stream (/v1/stream) and a
 * long-poll endpoint (/v1/events, /v1/ack) of the events each advisor may
 * see, authenticated by the advisor's token, resumable by cursor. */
LiaisonRelayStream *liaison_relay_stream_new        (LiaisonRelayConfig *config,
                                                     LiaisonRelayStore  *store,
                                                     SoupServer         *server);

/* TRUE if @path is one of the stream's; then @msg is answered (or paused). */
gboolean            liaison_relay_stream_handle     (LiaisonRelayStream *self,
                                                     SoupServerMessage  *msg,
                                                     const char         *path);

/* The advisor of the request's Bearer token; else answers 401 (or 400
 * without a client id) and returns NULL. */
LiaisonRelayAdvisor *liaison_relay_stream_authenticate (LiaisonRelayStream *self,
                                                       SoupServerMessage  *msg);

/* A newly committed event: sent to the connected desktops of its advisors. */
void                liaison_relay_stream_publish    (LiaisonRelayStream *self,
                                                     LiaisonRelayEvent  *event);

guint               liaison_relay_stream_get_n_clients (LiaisonRelayStream *self);

/* Closes every connection (shutdown). */
void                liaison_relay_stream_close_all  (LiaisonRelayStream *self);

/* The JSON text a desktop receives for @event. */
char               *liaison_relay_event_to_json     (LiaisonRelayEvent  *event);

G_END_DECLS
