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
 * authentication against the accounts and API keys it was given. Accounts, API
 * keys, messages, opt-outs and numbers are kept in SQLite (open_db). */
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

/* Keeps accounts, API keys, messages, opt-outs and numbers in the SQLite file
 * @path, created if needed, and loads the accounts and keys it holds; NULL uses
 * a temporary file removed when the server is finalized. Call once, before
 * adding accounts; listen() opens a temporary one if it was not called. */
gboolean          liaison_sim_server_open_db         (LiaisonSimServer  *self,
                                                      const char        *path,
                                                      GError           **error);
/* Registers an incoming number of the first account, with its SmsUrl. */
gboolean          liaison_sim_server_add_number      (LiaisonSimServer  *self,
                                                      const char        *phone_number,
                                                      const char        *sms_url,
                                                      GError           **error);
/* Moves the simulated clock one second per second of real time. */
void              liaison_sim_server_set_realtime    (LiaisonSimServer  *self,
                                                      gboolean           realtime);

G_END_DECLS
