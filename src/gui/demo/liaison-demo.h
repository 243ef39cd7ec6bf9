/* liaison-demo.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_DEMO (liaison_demo_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonDemo, liaison_demo, LIAISON, DEMO, GObject)

/* The demo's services: liaison-sim (a simulated Twilio that moves in real
 * time) and liaison-relay, started as child processes on 127.0.0.1 with their
 * state in @dir (the demo profile's folder), which is emptied first. They die
 * with the app (SIGTERM at liaison_demo_stop(), and the kernel's parent-death
 * signal if the app crashes). The executables are found through LIAISON_SIM
 * and LIAISON_RELAY, else next to the running executable (installed: the same
 * bin folder; build tree: ../sim and ../relay). */
LiaisonDemo *liaison_demo_new               (const char          *dir);

const char  *liaison_demo_get_dir           (LiaisonDemo         *self);

/* Starts both services and registers @our_number in the simulator with the
 * relay's webhook URLs. */
void         liaison_demo_start_async       (LiaisonDemo         *self,
                                             const char          *our_number,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean     liaison_demo_start_finish      (LiaisonDemo         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Stops both services (SIGTERM, then SIGKILL after 5 s) and waits for them. */
void         liaison_demo_stop              (LiaisonDemo         *self);
gboolean     liaison_demo_get_running       (LiaisonDemo         *self);

/* Known once started. */
const char  *liaison_demo_get_sim_url       (LiaisonDemo         *self);
const char  *liaison_demo_get_relay_url     (LiaisonDemo         *self);
const char  *liaison_demo_get_account_sid   (LiaisonDemo         *self);
const char  *liaison_demo_get_auth_token    (LiaisonDemo         *self);
/* The desktop's token for the relay (the relay keeps its SHA-256 only). */
const char  *liaison_demo_get_relay_token   (LiaisonDemo         *self);
/* Process IDs of the simulator and the relay, 0 when not running. */
GPid         liaison_demo_get_sim_pid       (LiaisonDemo         *self);
GPid         liaison_demo_get_relay_pid     (LiaisonDemo         *self);

/* POSTs a form (name, value pairs, NULL-terminated; no value may be NULL)
 * to the simulator's control API (@path such as "/_sim/inbound/sms"). */
void         liaison_demo_post_async        (LiaisonDemo         *self,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data,
                                             const char          *first_name,
                                             ...) G_GNUC_NULL_TERMINATED;
gboolean     liaison_demo_post_finish       (LiaisonDemo         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
