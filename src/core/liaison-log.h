/* liaison-log.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs Liaison's structured log writer: journald when stderr is the
 * journal, colour on a TTY, debug output by verbosity (each -v raises it)
 * or G_MESSAGES_DEBUG. Safe to call more than once. */
void   liaison_log_init            (void);
void   liaison_log_increase_verbosity (void);
guint  liaison_log_get_verbosity   (void);

/* Masks personal data for logs: keeps a short head and tail and replaces the
 * interior with '*' ("+15551234567" -> "+15*******67"). Message bodies are
 * reduced to their length. Returns a newly allocated string; NULL gives "(null)".
 * Set LIAISON_LOG_UNMASKED=1 only on a developer's own machine to disable. */
char  *liaison_log_mask            (const char *value);
char  *liaison_log_mask_body       (const char *body);

/* g_debug() with a masked value: LIAISON_DEBUG_MASKED (number, "Sending to %s", ...)
 * The format must contain one %s for the masked value, first. */
#define LIAISON_DEBUG_MASKED(value, fmt, ...) \
  G_STMT_START { \
    if (liaison_log_debug_enabled ()) \
      { \
        g_autofree char *_liaison_masked = liaison_log_mask (value); \
        g_debug (fmt, _liaison_masked, ##__VA_ARGS__); \
      } \
  } G_STMT_END

/* Whether debug messages may be shown at all (-vv or G_MESSAGES_DEBUG), so
 * that hot paths skip building them. */
gboolean liaison_log_debug_enabled (void);

G_END_DECLS
