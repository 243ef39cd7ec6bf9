/* liaison-tel-uri.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-tel-uri"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-tel-uri.h"

static gboolean
fail (GError     **error,
      const char  *uri)
{
  g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
               _("“%s” is not a phone call link"), uri);
  return FALSE;
}

gboolean
liaison_tel_uri_parse (const char  *uri,
                       char       **out_number,
                       GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(GString) number = NULL;
  const char *rest;
  gsize n_digits = 0;

  g_return_val_if_fail (out_number != NULL, FALSE);

  if (uri == NULL)
    return fail (error, "");

  if (g_ascii_strncasecmp (uri, "tel:", 4) != 0)
    return fail (error, uri);

  rest = uri + 4;
  /* Some pages write tel://NUMBER. */
  while (*rest == '/')
    rest++;

  /* Parameters (";ext=12", ";phone-context=…") and anything after '?'. */
  path = g_strndup (rest, strcspn (rest, ";?#"));
  decoded = g_uri_unescape_string (path, NULL);
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return fail (error, uri);

  number = g_string_new (NULL);
  for (const char *p = decoded; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (number, *p);
          n_digits++;
        }
      else if (*p == '+' && number->len == 0)
        {
          g_string_append_c (number, '+');
        }
      /* RFC 3966 visual separators, and the spaces and brackets people type. */
      else if (strchr ("-.() \t", *p) == NULL)
        {
          return fail (error, uri);
        }
    }

  /* E.164 numbers have at most 15 digits; short codes have at least 3. */
  if (n_digits < 3 || n_digits > 15)
    return fail (error, uri);

  *out_number = g_string_free (g_steal_pointer (&number), FALSE);
  return TRUE;
}
