/* liaison-sim-server.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_SIM_SERVER (liaison_sim_server_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSimServer, liaison_sim_server, LIAISON, SIM_SERVER, GObject)

/* A local stand-in for api.twilio.com: a SoupServer answering the 2010 REST API
 * as shared/twilio/TWILIO.md and the OpenAPI spec describe it, with HTTP Basic
 * authentication against the accounts and API keys it was given. State is kept
 * in memory. */
LiaisonSimServer *liaison_sim_server_new             (void);

/* Adds an account (AC + 32 hex) with its Auth Token (32 characters). */
gboolean          liaison_sim_server_add_account     (LiaisonSimServer  *self,
                                                      const char        *account_sid,
                                                      const char        *auth_token,
                                                      GError           **error);
/* Creates an account with a random SID and Auth Token and returns both. */
void              liaison_sim_server_generate_account (LiaisonSimServer  *self,
                                                       char             **out_account_sid,
                                                       char             **out_auth_token);
/* Adds an API key (SK + 32 hex) of an account added before. */
gboolean          liaison_sim_server_add_api_key     (LiaisonSimServer  *self,
                                                      const char        *key_sid,
                                                      const char        *key_secret,
                                                      const char        *account_sid,
                                                      GError           **error);
guint             liaison_sim_server_get_n_accounts  (LiaisonSimServer  *self);

/* Listens on @address (an IP address) and @port (0 picks a free one). */
gboolean          liaison_sim_server_listen          (LiaisonSimServer  *self,
                                                      const char        *address,
                                                      guint              port,
                                                      GError           **error);
/* "http://127.0.0.1:PORT" once listening, else NULL. */
char             *liaison_sim_server_get_url         (LiaisonSimServer  *self);

G_END_DECLS
