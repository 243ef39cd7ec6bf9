/* liaison-webhook-signature.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-webhook-signature"

#include "config.h"

#include "liaison-webhook-signature.h"

#include <string.h>

typedef struct {
  const char *name;
  const char *value;
} Param;

static int
param_compare (gconstpointer a,
               gconstpointer b)
{
  const Param *pa = a;
  const Param *pb = b;
  int cmp = strcmp (pa->name, pb->name);

  return cmp != 0 ? cmp : strcmp (pa->value, pb->value);
}

char *
liaison_webhook_signature_compute (const char         *auth_token,
                                   const char         *url,
                                   const char * const *params)
{
  g_autoptr(GHmac) hmac = NULL;
  g_autoptr(GArray) sorted = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  gsize n = 0;

  g_return_val_if_fail (auth_token != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  sorted = g_array_new (FALSE, FALSE, sizeof (Param));
  for (n = 0; params != NULL && params[n] != NULL; n += 2)
    {
      Param param;

      if (params[n + 1] == NULL)
        return NULL;
      param.name = params[n];
      param.value = params[n + 1];
      g_array_append_val (sorted, param);
    }
  g_array_sort (sorted, param_compare);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) auth_token, strlen (auth_token));
  g_hmac_update (hmac, (const guchar *) url, strlen (url));
  for (guint i = 0; i < sorted->len; i++)
    {
      const Param *param = &g_array_index (sorted, Param, i);

      /* A repeated name appends each distinct value once (§6.1). */
      if (i > 0 && param_compare (param, &g_array_index (sorted, Param, i - 1)) == 0)
        continue;
      g_hmac_update (hmac, (const guchar *) param->name, strlen (param->name));
      g_hmac_update (hmac, (const guchar *) param->value, strlen (param->value));
    }
  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_base64_encode (digest, digest_len);
}

char *
liaison_webhook_signature_body_sha256 (const char *body,
                                       gssize      length)
{
  g_return_val_if_fail (body != NULL, NULL);

  if (length < 0)
    length = strlen (body);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) body, length);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize a_len = strlen (a);
  gsize b_len = strlen (b);
  guchar diff = a_len != b_len;

  for (gsize i = 0; i < b_len; i++)
    diff |= (guchar) ((i < a_len ? a[i] : 0) ^ b[i]);

  return diff == 0;
}

/* Splits @url into the part up to the host, the port (without ':', or
 * NULL) and the rest. FALSE when it has no "scheme://". */
static gboolean
split_port (const char  *url,
            char       **out_head,
            char       **out_port,
            char       **out_tail,
            char       **out_scheme)
{
  const char *authority;
  const char *authority_end;
  const char *host;
  const char *colon = NULL;
  const char *sep = strstr (url, "://");

  if (sep == NULL || sep == url)
    return FALSE;

  authority = sep + 3;
  authority_end = authority + strcspn (authority, "/?#");

  /* Credentials (user:pass@) belong to the signed string; the port comes
   * after the last '@'. */
  host = authority;
  for (const char *p = authority; p < authority_end; p++)
    if (*p == '@')
      host = p + 1;

  if (*host == '[')
    {
      const char *close = memchr (host, ']', authority_end - host);

      if (close != NULL && close + 1 < authority_end && close[1] == ':')
        colon = close + 1;
    }
  else
    {
      colon = memchr (host, ':', authority_end - host);
    }

  *out_scheme = g_ascii_strdown (url, sep - url);
  if (colon != NULL)
    {
      *out_head = g_strndup (url, colon - url);
      *out_port = g_strndup (colon + 1, authority_end - colon - 1);
    }
  else
    {
      *out_head = g_strndup (url, authority_end - url);
      *out_port = NULL;
    }
  *out_tail = g_strdup (authority_end);

  return TRUE;
}

static void
add_port_forms (GPtrArray  *candidates,
                const char *url)
{
  g_autofree char *head = NULL;
  g_autofree char *port = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *scheme = NULL;

  g_ptr_array_add (candidates, g_strdup (url));
  if (!split_port (url, &head, &port, &tail, &scheme))
    return;

  if (port != NULL)
    {
      /* Any explicit port removed. */
      g_ptr_array_add (candidates, g_strconcat (head, tail, NULL));
    }
  else if (g_str_equal (scheme, "https"))
    {
      g_ptr_array_add (candidates, g_strconcat (head, ":443", tail, NULL));
    }
  else if (g_str_equal (scheme, "http"))
    {
      g_ptr_array_add (candidates, g_strconcat (head, ":80", tail, NULL));
    }
}

static char *
replace_all (const char *str,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (str, from, -1);

  return g_strjoinv (to, parts);
}

/* The value of @name in the query string of @url, still encoded. */
static char *
query_param (const char *url,
             const char *name)
{
  const char *query = strchr (url, '?');
  g_autofree char *copy = NULL;
  g_auto(GStrv) pairs = NULL;
  char *hash;

  if (query == NULL)
    return NULL;
  copy = g_strdup (query + 1);
  hash = strchr (copy, '#');
  if (hash != NULL)
    *hash = '\0';

  pairs = g_strsplit (copy, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq != NULL && (gsize) (eq - pairs[i]) == strlen (name)
          && strncmp (pairs[i], name, eq - pairs[i]) == 0)
        return g_strdup (eq + 1);
    }

  return NULL;
}

gboolean
liaison_webhook_signature_validate (const char * const *auth_tokens,
                                    const char         *url,
                                    const char * const *params,
                                    const char         *json_body,
                                    const char         *signature)
{
  g_autoptr(GPtrArray) candidates = NULL;
  const char * const *signed_params = params;
  gboolean valid = FALSE;

  if (auth_tokens == NULL || url == NULL || signature == NULL || *signature == '\0')
    return FALSE;

  if (json_body != NULL)
    {
      g_autofree char *expected = liaison_webhook_signature_body_sha256 (json_body, -1);
      g_autofree char *given = query_param (url, "bodySHA256");

      if (params != NULL && params[0] != NULL)
        return FALSE;
      if (given == NULL || !constant_time_equal (given, expected))
        return FALSE;
      signed_params = NULL;
    }

  candidates = g_ptr_array_new_with_free_func (g_free);
  add_port_forms (candidates, url);
  if (strchr (url, '\'') != NULL)
    {
      g_autofree char *encoded = replace_all (url, "'", "%27");

      add_port_forms (candidates, encoded);
    }
  if (strstr (url, "%27") != NULL)
    {
      g_autofree char *decoded = replace_all (url, "%27", "'");

      add_port_forms (candidates, decoded);
    }

  /* The URL as given comes first, so a match usually costs one HMAC. Each
   * comparison runs in constant time; stopping at a match tells nothing
   * about the secret, only which URL form or token matched. */
  for (guint t = 0; auth_tokens[t] != NULL && !valid; t++)
    {
      for (guint c = 0; c < candidates->len && !valid; c++)
        {
          g_autofree char *computed = NULL;

          computed = liaison_webhook_signature_compute (auth_tokens[t],
                                                        g_ptr_array_index (candidates, c),
                                                        signed_params);
          if (computed == NULL)
            return FALSE;
          valid = constant_time_equal (signature, computed);
        }
    }

  return valid;
}
