/* liaison-test-relay.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* liaison-relay, spawned from the build tree (environment variable
 * LIAISON_RELAY) on a free port of 127.0.0.1 with a fresh database. It dies
 * with the test process. */
typedef struct {
  GSubprocess *process;
  char        *dir;
  char        *config_path;
  char        *db_path;
  guint        port;
  char        *url;         /* "http://127.0.0.1:PORT" */
} LiaisonTestRelay;

/* Writes relay.conf with a [relay] section (listen, port, database and
 * public-url: @public_url, or the relay's own URL when NULL) followed by
 * @sections (accounts and advisors), then starts the relay. Token files
 * named in @sections are written first with liaison_test_relay_write_file(). */
LiaisonTestRelay *liaison_test_relay_new        (void);
void              liaison_test_relay_write_file (LiaisonTestRelay *relay,
                                                 const char       *name,
                                                 const char       *contents,
                                                 int               mode);
void              liaison_test_relay_start      (LiaisonTestRelay *relay,
                                                 const char       *public_url,
                                                 const char       *sections);
/* SIGKILL, as a crash. */
void              liaison_test_relay_kill       (LiaisonTestRelay *relay);
/* Kills it if running and removes its folder. */
void              liaison_test_relay_free       (LiaisonTestRelay *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestRelay, liaison_test_relay_free)

G_END_DECLS
