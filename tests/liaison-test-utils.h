/* liaison-test-utils.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* g_test_init() plus Liaison's log writer. */
void          liaison_test_init           (int    *argc,
                                           char ***argv);

/* Use as the GAsyncReadyCallback with &result as user_data, then
 * liaison_test_wait (&result) iterates the default main context until it is set.
 * The result is a new reference; clear it with g_clear_object(). */
void          liaison_test_async_cb       (GObject      *source,
                                           GAsyncResult *result,
                                           gpointer      user_data);
GAsyncResult *liaison_test_wait           (GAsyncResult **result);

/* Iterates the default main context until *flag is TRUE or timeout_ms passes.
 * Returns *flag. */
gboolean      liaison_test_wait_flag      (gboolean *flag,
                                           guint     timeout_ms);

/* A new folder under $TMPDIR, removed with liaison_test_rmdir(). */
char         *liaison_test_mkdtemp        (void);
void          liaison_test_rmdir          (const char *path);

/* When the environment variable @require_var is "1" (set by CI), a missing
 * requirement is a failure; otherwise the test is skipped with @why.
 * Returns TRUE if the caller must stop the test case. */
gboolean      liaison_test_missing        (const char *require_var,
                                           const char *why);

/* Reads a whole file into a string, asserting success. */
char         *liaison_test_read_file      (const char *path);

/* liaison-sim, spawned from the build tree (environment variable LIAISON_SIM,
 * set by tests/meson.build) with --port 0. */
typedef struct {
  GSubprocess      *process;
  GDataInputStream *output;
  char             *url;          /* "http://127.0.0.1:PORT" */
  char             *account_sid;  /* the generated account; NULL with --account */
  char             *auth_token;   /* its Auth Token; NULL with --account */
} LiaisonTestSim;

/* Starts liaison-sim with extra arguments, ended by NULL (e.g. "--account",
 * "AC…:TOKEN", NULL, or just NULL) and waits for the lines it prints once
 * listening. */
LiaisonTestSim *liaison_test_sim_start    (const char *first_arg,
                                           ...);
/* Sends SIGTERM, reaps the process, asserts it exited cleanly, and frees @sim. */
void            liaison_test_sim_stop     (LiaisonTestSim *sim);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTestSim, liaison_test_sim_stop)

G_END_DECLS
