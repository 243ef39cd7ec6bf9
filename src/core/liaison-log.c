/* liaison-log.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-log"

#include "config.h"

#include "liaison-log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static guint verbosity;
static gboolean any_domain;
static char **debug_domains;
static gboolean stderr_is_journal;
static gboolean use_color;

static gboolean
domain_enabled (const char *domain)
{
  if (any_domain)
    return TRUE;
  if (debug_domains == NULL || domain == NULL)
    return FALSE;
  return g_strv_contains ((const char * const *) debug_domains, domain);
}

static const char *
level_name (GLogLevelFlags level,
            const char   **color)
{
  switch (level & G_LOG_LEVEL_MASK)
    {
    case G_LOG_LEVEL_ERROR:    *color = "\033[1;31m"; return "ERROR";
    case G_LOG_LEVEL_CRITICAL: *color = "\033[1;35m"; return "CRITICAL";
    case G_LOG_LEVEL_WARNING:  *color = "\033[1;33m"; return "WARNING";
    case G_LOG_LEVEL_MESSAGE:  *color = "\033[1;32m"; return "MESSAGE";
    case G_LOG_LEVEL_INFO:     *color = "\033[1;34m"; return "INFO";
    case G_LOG_LEVEL_DEBUG:    *color = "\033[1;36m"; return "DEBUG";
    default:                   *color = "";           return "LOG";
    }
}

static GLogWriterOutput
liaison_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;
  const char *color = "";
  const char *name;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  /* Debug and info only when asked for, as g_log_writer_default() does. */
  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0)
    {
      guint needed = (log_level & G_LOG_LEVEL_DEBUG) ? 2 : 1;

      if (verbosity < needed && !domain_enabled (domain))
        return G_LOG_WRITER_HANDLED;
    }

  if (stderr_is_journal &&
      g_log_writer_journald (log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  name = level_name (log_level, &color);
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%H:%M:%S.%f");
  if (stamp != NULL && strlen (stamp) > 12)
    stamp[12] = '\0';

  if (use_color)
    fprintf (stderr, "%s %s%8s\033[0m %s: %s\n", stamp ? stamp : "",
             color, name, domain ? domain : "liaison", message ? message : "");
  else
    fprintf (stderr, "%s %8s %s: %s\n", stamp ? stamp : "",
             name, domain ? domain : "liaison", message ? message : "");
  fflush (stderr);

  /* What g_log_writer_default() does: levels made fatal by
   * g_log_set_always_fatal() or G_DEBUG=fatal-warnings/fatal-criticals
   * abort (the tests rely on it). GLib offers no getter for the mask. */
  if ((log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)) != 0)
    {
      GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

      g_log_set_always_fatal (fatal);
      if ((log_level & fatal) != 0)
        log_level |= G_LOG_FLAG_FATAL;
    }
  if ((log_level & G_LOG_FLAG_FATAL) != 0)
    {
      if (g_test_subprocess ())
        _exit (1);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

void
liaison_log_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *messages_debug = g_getenv ("G_MESSAGES_DEBUG");

      if (messages_debug != NULL && *messages_debug != '\0')
        {
          debug_domains = g_strsplit (messages_debug, " ", -1);
          any_domain = g_strv_contains ((const char * const *) debug_domains, "all");
        }
      stderr_is_journal = g_log_writer_is_journald (fileno (stderr));
      use_color = g_log_writer_supports_color (fileno (stderr));
      g_log_set_writer_func (liaison_log_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

void
liaison_log_increase_verbosity (void)
{
  verbosity++;
}

gboolean
liaison_log_debug_enabled (void)
{
  return verbosity >= 2 || debug_domains != NULL;
}

guint
liaison_log_get_verbosity (void)
{
  return verbosity;
}

static gboolean
masking_disabled (void)
{
  return g_strcmp0 (g_getenv ("LIAISON_LOG_UNMASKED"), "1") == 0;
}

char *
liaison_log_mask (const char *value)
{
  GString *masked;
  glong n_chars;
  glong keep;
  const char *p;
  glong i = 0;

  if (value == NULL)
    return g_strdup ("(null)");
  if (masking_disabled ())
    return g_strdup (value);
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup ("(invalid)");

  n_chars = g_utf8_strlen (value, -1);
  /* Keep at most three leading and two trailing characters, and never more
   * than a third of the value. */
  keep = MIN (3, n_chars / 3);
  masked = g_string_sized_new (strlen (value));
  for (p = value; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      if (i < keep || i >= n_chars - MIN (2, keep))
        g_string_append_unichar (masked, g_utf8_get_char (p));
      else
        g_string_append_c (masked, '*');
    }

  return g_string_free (masked, FALSE);
}

char *
liaison_log_mask_body (const char *body)
{
  if (body == NULL)
    return g_strdup ("(null)");
  if (masking_disabled ())
    return g_strdup (body);
  return g_strdup_printf ("[%zu bytes]", strlen (body));
}
