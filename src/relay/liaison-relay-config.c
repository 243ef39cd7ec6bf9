/* liaison-relay-config.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file is in the key file style ([group], key = value, # comments), read
 * here line by line so that every error can name its line:
 *
 *   [relay]                 listen, port, public-url, database,
 *                           max-body-bytes, trust-proxy, retention-hours
 *   [account AC…]           auth-token-file | auth-token-env | auth-token-credential,
 *                           secondary-token-file | -env | -credential
 *   [advisor NAME]          token-sha256, numbers (comma separated E.164)
 *
 * Auth Tokens never appear in the file itself: a file readable by its owner
 * only, an environment variable, or a systemd credential
 * ($CREDENTIALS_DIRECTORY/NAME). */

#define DEFAULT_PORT            8790
#define DEFAULT_MAX_BODY        (64 * 1024)
#define DEFAULT_RETENTION_HOURS (7 * 24)
#define MAX_TOKEN_FILE_BYTES    4096

G_DEFINE_QUARK (liaison-relay-config-error-quark, liaison_relay_config_error)

static void
wipe_strv (GStrv strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    explicit_bzero (strv[i], strlen (strv[i]));
  g_strfreev (strv);
}

static void
account_free (gpointer data)
{
  LiaisonRelayAccount *account = data;

  g_free (account->account_sid);
  wipe_strv (account->auth_tokens);
  g_free (account);
}

static void
advisor_free (gpointer data)
{
  LiaisonRelayAdvisor *advisor = data;

  g_free (advisor->name);
  g_free (advisor->token_sha256);
  g_strfreev (advisor->numbers);
  g_free (advisor);
}

LiaisonRelayConfig *
liaison_relay_config_new (void)
{
  LiaisonRelayConfig *config = g_new0 (LiaisonRelayConfig, 1);

  config->listen_address = g_strdup ("127.0.0.1");
  config->port = DEFAULT_PORT;
  config->max_body_bytes = DEFAULT_MAX_BODY;
  config->retention_hours = DEFAULT_RETENTION_HOURS;
  config->accounts = g_ptr_array_new_with_free_func (account_free);
  config->advisors = g_ptr_array_new_with_free_func (advisor_free);

  return config;
}

void
liaison_relay_config_free (LiaisonRelayConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->path);
  g_free (config->listen_address);
  g_free (config->public_url);
  g_free (config->database);
  g_ptr_array_unref (config->accounts);
  g_ptr_array_unref (config->advisors);
  g_free (config);
}

/* Parsing */

typedef struct {
  LiaisonRelayConfig  *config;
  const char          *origin;
  guint                line;
  char                *group;        /* "relay", "account", "advisor" */
  char                *group_arg;    /* the SID or the advisor's name */
  LiaisonRelayAccount *account;
  LiaisonRelayAdvisor *advisor;
  GPtrArray           *tokens;       /* the account's: primary, then secondary */
  gboolean             has_primary;
} Parser;

G_GNUC_PRINTF (4, 5)
static void
set_line_error (Parser     *parser,
                GError    **error,
                gint        code,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LIAISON_RELAY_CONFIG_ERROR, code, "%s:%u: %s",
               parser->origin, parser->line, message);
}

static gboolean
is_account_sid (const char *sid)
{
  if (sid == NULL || strlen (sid) != 34 || !g_str_has_prefix (sid, "AC"))
    return FALSE;
  for (guint i = 2; i < 34; i++)
    if (!g_ascii_isxdigit (sid[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_e164 (const char *number)
{
  gsize len = number != NULL ? strlen (number) : 0;

  if (len < 3 || len > 16 || number[0] != '+' || number[1] == '0')
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *value,
            guint64     min,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (value, 10, min, max, out, NULL);
}

static gboolean
parse_bool (const char *value,
            gboolean   *out)
{
  if (g_str_equal (value, "true") || g_str_equal (value, "yes") || g_str_equal (value, "1"))
    *out = TRUE;
  else if (g_str_equal (value, "false") || g_str_equal (value, "no") || g_str_equal (value, "0"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* An Auth Token: printable, no spaces, at most 256 bytes. */
static gboolean
token_is_plausible (const char *token)
{
  gsize len = strlen (token);

  if (len == 0 || len > 256)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (token[i]))
      return FALSE;
  return TRUE;
}

/* Reads a token file that only its owner may read. */
static char *
read_token_file (Parser      *parser,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *resolved = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  gsize len = 0;
  char *token;

  /* Relative paths are relative to the config file's folder. */
  if (!g_path_is_absolute (path) && parser->config->path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (parser->config->path);

      resolved = g_build_filename (dir, path, NULL);
    }
  else
    {
      resolved = g_strdup (path);
    }

  if (g_stat (resolved, &st) != 0)
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                      _("cannot read the token file %s: %s"), resolved, g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                      _("the token file %s is not a regular file"), resolved);
      return NULL;
    }
  if ((st.st_mode & 077) != 0 || st.st_uid != getuid ())
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                      _("the token file %s must belong to this user and be readable by it "
                        "only (chmod 600)"), resolved);
      return NULL;
    }
  if (st.st_size > MAX_TOKEN_FILE_BYTES)
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                      _("the token file %s is too large to hold a token"), resolved);
      return NULL;
    }
  if (!g_file_get_contents (resolved, &contents, &len, &local_error))
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET, "%s", local_error->message);
      return NULL;
    }

  token = g_strdup (g_strstrip (contents));
  explicit_bzero (contents, len);
  if (!token_is_plausible (token))
    {
      explicit_bzero (token, strlen (token));
      g_free (token);
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                      _("the token file %s does not hold one token"), resolved);
      return NULL;
    }

  return token;
}

static char *
read_token (Parser      *parser,
            const char  *kind,
            const char  *value,
            GError     **error)
{
  if (g_str_equal (kind, "file"))
    return read_token_file (parser, value, error);

  if (g_str_equal (kind, "env"))
    {
      const char *token = g_getenv (value);

      if (token == NULL || !token_is_plausible (token))
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                          _("the environment variable %s does not hold a token"), value);
          return NULL;
        }
      return g_strdup (token);
    }

  /* credential: systemd's LoadCredential= puts it in $CREDENTIALS_DIRECTORY. */
  {
    const char *dir = g_getenv ("CREDENTIALS_DIRECTORY");
    g_autofree char *path = NULL;

    if (dir == NULL || strchr (value, '/') != NULL)
      {
        set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_SECRET,
                        _("the credential %s needs CREDENTIALS_DIRECTORY (systemd LoadCredential=)"),
                        value);
        return NULL;
      }
    path = g_build_filename (dir, value, NULL);
    return read_token_file (parser, path, error);
  }
}

static gboolean
parse_relay_key (Parser      *parser,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  LiaisonRelayConfig *config = parser->config;
  guint64 number;

  if (g_str_equal (key, "listen"))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (value);

      if (address == NULL)
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("listen must be an IP address, not “%s”"), value);
          return FALSE;
        }
      g_free (config->listen_address);
      config->listen_address = g_strdup (value);
    }
  else if (g_str_equal (key, "port"))
    {
      if (!parse_uint (value, 0, 65535, &number))
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("port must be a number from 0 to 65535, not “%s”"), value);
          return FALSE;
        }
      config->port = (guint) number;
    }
  else if (g_str_equal (key, "public-url"))
    {
      g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
      gsize len;

      if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
          || g_uri_get_host (uri) == NULL || g_uri_get_query (uri) != NULL)
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("public-url must be an http or https URL without a query, not “%s”"),
                          value);
          return FALSE;
        }
      g_free (config->public_url);
      config->public_url = g_strdup (value);
      len = strlen (config->public_url);
      while (len > 0 && config->public_url[len - 1] == '/')
        config->public_url[--len] = '\0';
    }
  else if (g_str_equal (key, "database"))
    {
      if (*value == '\0')
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("database must be a file path"));
          return FALSE;
        }
      g_free (config->database);
      config->database = g_strdup (value);
    }
  else if (g_str_equal (key, "max-body-bytes"))
    {
      if (!parse_uint (value, 1024, 16 * 1024 * 1024, &number))
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("max-body-bytes must be a number from 1024 to 16777216"));
          return FALSE;
        }
      config->max_body_bytes = (gsize) number;
    }
  else if (g_str_equal (key, "trust-proxy"))
    {
      if (!parse_bool (value, &config->trust_proxy))
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("trust-proxy must be true or false"));
          return FALSE;
        }
    }
  else if (g_str_equal (key, "retention-hours"))
    {
      if (!parse_uint (value, 1, 24 * 366, &number))
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("retention-hours must be a number from 1 to 8784"));
          return FALSE;
        }
      config->retention_hours = (guint) number;
    }
  else
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_UNKNOWN,
                      _("unknown key “%s” in [relay]"), key);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_account_key (Parser      *parser,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  static const char * const kinds[] = { "file", "env", "credential" };
  gboolean secondary = g_str_has_prefix (key, "secondary-token-");
  const char *kind = NULL;
  char *token;

  if (g_str_has_prefix (key, "auth-token-"))
    kind = key + strlen ("auth-token-");
  else if (secondary)
    kind = key + strlen ("secondary-token-");

  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_UNKNOWN,
                      _("unknown key “%s” in [account]"), key);
      return FALSE;
    }
  if (!secondary && parser->has_primary)
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                      _("the account has two primary Auth Tokens"));
      return FALSE;
    }
  if (secondary && parser->tokens->len > (parser->has_primary ? 1u : 0u))
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                      _("the account has two secondary Auth Tokens"));
      return FALSE;
    }

  token = read_token (parser, kind, value, error);
  if (token == NULL)
    return FALSE;

  if (secondary)
    g_ptr_array_add (parser->tokens, token);
  else
    {
      g_ptr_array_insert (parser->tokens, 0, token);
      parser->has_primary = TRUE;
    }

  return TRUE;
}

static gboolean
parse_advisor_key (Parser      *parser,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  LiaisonRelayAdvisor *advisor = parser->advisor;

  if (g_str_equal (key, "token-sha256"))
    {
      const char *hex = g_str_has_prefix (value, "sha256:") ? value + 7 : value;

      if (strlen (hex) != 64 || strspn (hex, "0123456789abcdef") != 64)
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("token-sha256 must be 64 lowercase hex digits "
                            "(liaison-relay --hash-token prints them)"));
          return FALSE;
        }
      g_free (advisor->token_sha256);
      advisor->token_sha256 = g_strdup (hex);
    }
  else if (g_str_equal (key, "numbers"))
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);
      g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *number = g_strstrip (parts[i]);

          if (*number == '\0')
            continue;
          if (!is_e164 (number))
            {
              set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                              _("“%s” is not an E.164 number (+15551234567)"), number);
              return FALSE;
            }
          g_ptr_array_add (numbers, g_strdup (number));
        }
      g_ptr_array_add (numbers, NULL);
      g_strfreev (advisor->numbers);
      advisor->numbers = (GStrv) g_ptr_array_steal (numbers, NULL);
    }
  else
    {
      set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_UNKNOWN,
                      _("unknown key “%s” in [advisor]"), key);
      return FALSE;
    }

  return TRUE;
}

/* Closes the group being read: an account needs a token, an advisor a hash. */
static gboolean
end_group (Parser  *parser,
           GError **error)
{
  if (parser->account != NULL)
    {
      if (!parser->has_primary)
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_MISSING,
                          _("[account %s] has no auth-token-file, auth-token-env or "
                            "auth-token-credential"), parser->account->account_sid);
          return FALSE;
        }
      g_ptr_array_add (parser->tokens, NULL);
      parser->account->auth_tokens = (GStrv) g_ptr_array_steal (parser->tokens, NULL);
      g_ptr_array_add (parser->config->accounts, g_steal_pointer (&parser->account));
    }
  if (parser->advisor != NULL)
    {
      if (parser->advisor->token_sha256 == NULL)
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_MISSING,
                          _("[advisor %s] has no token-sha256"), parser->advisor->name);
          return FALSE;
        }
      if (parser->advisor->numbers == NULL)
        parser->advisor->numbers = g_new0 (char *, 1);
      g_ptr_array_add (parser->config->advisors, g_steal_pointer (&parser->advisor));
    }

  g_ptr_array_set_size (parser->tokens, 0);
  parser->has_primary = FALSE;
  g_clear_pointer (&parser->group, g_free);
  g_clear_pointer (&parser->group_arg, g_free);

  return TRUE;
}

static gboolean
begin_group (Parser      *parser,
             const char  *header,
             GError     **error)
{
  g_auto(GStrv) words = g_strsplit (header, " ", 2);
  const char *name = words[0];
  const char *arg = words[1] != NULL ? g_strstrip (words[1]) : NULL;

  if (g_str_equal (name, "relay") && arg == NULL)
    {
      parser->group = g_strdup (name);
      return TRUE;
    }

  if (g_str_equal (name, "account"))
    {
      if (!is_account_sid (arg))
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("[account …] must name an Account SID (AC and 32 hex digits)"));
          return FALSE;
        }
      if (liaison_relay_config_find_account (parser->config, arg) != NULL)
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("the account %s is configured twice"), arg);
          return FALSE;
        }
      parser->group = g_strdup (name);
      parser->account = g_new0 (LiaisonRelayAccount, 1);
      parser->account->account_sid = g_strdup (arg);
      return TRUE;
    }

  if (g_str_equal (name, "advisor"))
    {
      if (arg == NULL || *arg == '\0')
        {
          set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_VALUE,
                          _("[advisor …] must name the advisor"));
          return FALSE;
        }
      parser->group = g_strdup (name);
      parser->advisor = g_new0 (LiaisonRelayAdvisor, 1);
      parser->advisor->name = g_strdup (arg);
      return TRUE;
    }

  set_line_error (parser, error, LIAISON_RELAY_CONFIG_ERROR_UNKNOWN,
                  _("unknown group [%s]; expected [relay], [account AC…] or [advisor NAME]"),
                  header);
  return FALSE;
}

static void
parser_clear (Parser *parser)
{
  g_clear_pointer (&parser->group, g_free);
  g_clear_pointer (&parser->group_arg, g_free);
  g_clear_pointer (&parser->account, account_free);
  g_clear_pointer (&parser->advisor, advisor_free);
  if (parser->tokens != NULL)
    {
      for (guint i = 0; i < parser->tokens->len; i++)
        {
          char *token = g_ptr_array_index (parser->tokens, i);

          if (token != NULL)
            explicit_bzero (token, strlen (token));
        }
      g_clear_pointer (&parser->tokens, g_ptr_array_unref);
    }
}

gboolean
liaison_relay_config_load_data (LiaisonRelayConfig  *config,
                                const char          *data,
                                const char          *origin,
                                GError             **error)
{
  g_auto(GStrv) lines = NULL;
  Parser parser = { 0, };
  gboolean ok = TRUE;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, LIAISON_RELAY_CONFIG_ERROR, LIAISON_RELAY_CONFIG_ERROR_SYNTAX,
                   _("%s: not UTF-8 text"), origin);
      return FALSE;
    }

  parser.config = config;
  parser.origin = origin;
  parser.tokens = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (data, "\n", -1);

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *equals;

      parser.line = i + 1;
      if (*line == '\0' || *line == '#' || *line == ';')
        continue;

      if (*line == '[')
        {
          gsize len = strlen (line);

          if (line[len - 1] != ']' || len < 3)
            {
              set_line_error (&parser, error, LIAISON_RELAY_CONFIG_ERROR_SYNTAX,
                              _("a group header must end with ‘]’"));
              ok = FALSE;
              break;
            }
          line[len - 1] = '\0';
          ok = end_group (&parser, error) && begin_group (&parser, g_strstrip (line + 1), error);
          continue;
        }

      equals = strchr (line, '=');
      if (equals == NULL)
        {
          set_line_error (&parser, error, LIAISON_RELAY_CONFIG_ERROR_SYNTAX,
                          _("expected “key = value”, a [group] or a # comment"));
          ok = FALSE;
          break;
        }
      *equals = '\0';
      {
        const char *key = g_strstrip (line);
        const char *value = g_strstrip (equals + 1);

        if (parser.group == NULL)
          {
            set_line_error (&parser, error, LIAISON_RELAY_CONFIG_ERROR_SYNTAX,
                            _("“%s” comes before any [group]"), key);
            ok = FALSE;
          }
        else if (g_str_equal (parser.group, "relay"))
          ok = parse_relay_key (&parser, key, value, error);
        else if (g_str_equal (parser.group, "account"))
          ok = parse_account_key (&parser, key, value, error);
        else
          ok = parse_advisor_key (&parser, key, value, error);
      }
    }

  if (ok)
    ok = end_group (&parser, error);

  /* Lines of the file may hold nothing secret, but wipe them anyway. */
  for (guint i = 0; lines[i] != NULL; i++)
    explicit_bzero (lines[i], strlen (lines[i]));
  parser_clear (&parser);

  return ok;
}

gboolean
liaison_relay_config_load_file (LiaisonRelayConfig  *config,
                                const char          *path,
                                GError             **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, LIAISON_RELAY_CONFIG_ERROR, LIAISON_RELAY_CONFIG_ERROR_MISSING,
                   "%s", local_error->message);
      return FALSE;
    }

  g_free (config->path);
  config->path = g_strdup (path);
  return liaison_relay_config_load_data (config, contents, path, error);
}

gboolean
liaison_relay_config_validate (LiaisonRelayConfig  *config,
                               GError             **error)
{
  const char *origin = config->path != NULL ? config->path : "liaison-relay";

  if (config->public_url == NULL)
    {
      g_set_error (error, LIAISON_RELAY_CONFIG_ERROR, LIAISON_RELAY_CONFIG_ERROR_MISSING,
                   _("%s: public-url is not set: it is the address Twilio calls, "
                     "exactly as configured in the Twilio Console"), origin);
      return FALSE;
    }
  if (config->database == NULL)
    {
      g_set_error (error, LIAISON_RELAY_CONFIG_ERROR, LIAISON_RELAY_CONFIG_ERROR_MISSING,
                   _("%s: database is not set"), origin);
      return FALSE;
    }
  if (config->accounts->len == 0)
    {
      g_set_error (error, LIAISON_RELAY_CONFIG_ERROR, LIAISON_RELAY_CONFIG_ERROR_MISSING,
                   _("%s: no [account AC…] is configured, so no webhook could be verified"),
                   origin);
      return FALSE;
    }

  return TRUE;
}

LiaisonRelayAccount *
liaison_relay_config_find_account (LiaisonRelayConfig *config,
                                   const char         *account_sid)
{
  if (account_sid == NULL)
    return NULL;

  for (guint i = 0; i < config->accounts->len; i++)
    {
      LiaisonRelayAccount *account = g_ptr_array_index (config->accounts, i);

      if (g_str_equal (account->account_sid, account_sid))
        return account;
    }
  return NULL;
}

char *
liaison_relay_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gboolean
hex_equal (const char *a,
           const char *b)
{
  guchar diff = 0;

  if (strlen (a) != strlen (b))
    return FALSE;
  for (gsize i = 0; a[i] != '\0'; i++)
    diff |= (guchar) (a[i] ^ b[i]);
  return diff == 0;
}

LiaisonRelayAdvisor *
liaison_relay_config_find_advisor (LiaisonRelayConfig *config,
                                   const char         *token)
{
  g_autofree char *hash = NULL;
  LiaisonRelayAdvisor *found = NULL;

  if (token == NULL || *token == '\0')
    return NULL;

  hash = liaison_relay_hash_token (token);
  /* Every advisor is compared, so the time does not tell which matched. */
  for (guint i = 0; i < config->advisors->len; i++)
    {
      LiaisonRelayAdvisor *advisor = g_ptr_array_index (config->advisors, i);

      if (hex_equal (hash, advisor->token_sha256) && found == NULL)
        found = advisor;
    }
  return found;
}
