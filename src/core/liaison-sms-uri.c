/* liaison-sms-uri.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-sms-uri.h"

static gboolean
fail (GError     **error,
      const char  *uri)
{
  g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
               _("“%s” is not a text message link"), uri);
  return FALSE;
}

gboolean
liaison_sms_uri_parse (const char   *uri,
                       char       ***out_recipients,
                       char        **out_body,
                       GError      **error)
{
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) parts = NULL;
  const char *rest;
  const char *query;

  g_return_val_if_fail (out_recipients != NULL, FALSE);

  if (uri == NULL)
    return fail (error, "");

  if (g_ascii_strncasecmp (uri, "sms:", 4) == 0)
    rest = uri + 4;
  else if (g_ascii_strncasecmp (uri, "smsto:", 6) == 0)
    rest = uri + 6;
  else
    return fail (error, uri);

  /* Some pages write sms://NUMBER. */
  while (*rest == '/')
    rest++;

  query = strchr (rest, '?');
  path = query != NULL ? g_strndup (rest, (gsize) (query - rest)) : g_strdup (rest);

  if (query != NULL)
    {
      g_autoptr(GHashTable) params = NULL;
      const char *value;

      params = g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_CASE_INSENSITIVE, NULL);
      if (params != NULL && (value = g_hash_table_lookup (params, "body")) != NULL
          && g_utf8_validate (value, -1, NULL))
        body = g_strdup (value);
    }

  parts = g_strsplit (path, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *decoded = g_uri_unescape_string (parts[i], NULL);

      if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
        return fail (error, uri);

      g_strstrip (decoded);
      if (*decoded != '\0')
        g_ptr_array_add (recipients, g_steal_pointer (&decoded));
    }

  if (recipients->len == 0)
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_PATH,
                   _("The text message link “%s” names no recipient"), uri);
      return FALSE;
    }

  g_ptr_array_add (recipients, NULL);
  *out_recipients = (char **) g_ptr_array_steal (recipients, NULL);
  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);

  return TRUE;
}
