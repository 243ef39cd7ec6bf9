/* liaison-relay-server.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-relay-config.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_RELAY_SERVER (liaison_relay_server_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRelayServer, liaison_relay_server, LIAISON, RELAY_SERVER, GObject)

/* The webhook receiver: verifies each request against the configured public
 * URL and the account's Auth Tokens, commits its event to the database and
 * only then answers 2xx (TwiML for voice). Takes @config. */
LiaisonRelayServer *liaison_relay_server_new             (LiaisonRelayConfig  *config,
                                                          GError             **error);
gboolean            liaison_relay_server_listen          (LiaisonRelayServer  *self,
                                                          GError             **error);
/* "http://ADDRESS:PORT" once listening. */
char               *liaison_relay_server_get_url         (LiaisonRelayServer  *self);

/* Stops accepting connections and calls @callback once the requests under
 * way were answered (or after @timeout_ms). */
void                liaison_relay_server_shutdown_async  (LiaisonRelayServer  *self,
                                                          guint                timeout_ms,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            liaison_relay_server_shutdown_finish (LiaisonRelayServer  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
