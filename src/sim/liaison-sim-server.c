/* liaison-sim-server.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim-server"

#include "config.h"

#include "liaison-sim-private.h"
#include "liaison-log.h"
#include "liaison-secret-store.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <stdio.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (LiaisonSimServer, liaison_sim_server, G_TYPE_OBJECT)

static void
sim_account_free (gpointer data)
{
  SimAccount *account = data;

  g_free (account->sid);
  sim_wipe_free (account->auth_token);
  g_free (account->friendly_name);
  g_free (account->owner_account_sid);
  g_free (account->status);
  g_free (account->type);
  g_clear_pointer (&account->date_created, g_date_time_unref);
  g_clear_pointer (&account->date_updated, g_date_time_unref);
  g_free (account);
}

static void
sim_api_key_free (gpointer data)
{
  SimApiKey *key = data;

  g_free (key->sid);
  sim_wipe_free (key->secret);
  g_free (key->account_sid);
  g_free (key);
}

/* Routing: every module's routes, each with its compiled pattern. */

static const SimModule * const sim_modules[] = {
  &sim_control_module,
  &sim_accounts_module,
  &sim_messages_module,
  &sim_voice_module,
  &sim_recordings_module,
  &sim_numbers_module,
};

typedef struct {
  const SimRoute *spec;
  GRegex         *regex;
} Route;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_clear_pointer (&route->regex, g_regex_unref);
  g_free (route);
}

/* Authentication: HTTP Basic with AccountSid:AuthToken or KeySid:KeySecret. */

typedef enum {
  AUTH_OK,
  AUTH_MISSING,
  AUTH_WRONG,
} AuthResult;

static AuthResult
authenticate (LiaisonSimServer   *self,
              SoupServerMessage  *msg,
              SimAccount        **out_account)
{
  const char *header;
  g_autofree guchar *decoded = NULL;
  g_autofree char *pair = NULL;
  gsize decoded_len = 0;
  char *colon;
  const char *user;
  const char *password;
  AuthResult result = AUTH_WRONG;

  *out_account = NULL;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  if (header == NULL)
    return AUTH_MISSING;
  if (g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return AUTH_WRONG;

  decoded = g_base64_decode (header + 6, &decoded_len);
  pair = g_strndup ((const char *) decoded, decoded_len);
  colon = strchr (pair, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      user = pair;
      password = colon + 1;

      if (g_str_has_prefix (user, "AC"))
        {
          SimAccount *account = g_hash_table_lookup (self->accounts, user);

          if (account != NULL && sim_secret_equal (password, account->auth_token))
            {
              *out_account = account;
              result = AUTH_OK;
            }
        }
      else if (g_str_has_prefix (user, "SK"))
        {
          SimApiKey *key = g_hash_table_lookup (self->api_keys, user);

          if (key != NULL && sim_secret_equal (password, key->secret))
            {
              *out_account = g_hash_table_lookup (self->accounts, key->account_sid);
              result = *out_account != NULL ? AUTH_OK : AUTH_WRONG;
            }
        }
    }

  explicit_bzero (decoded, decoded_len);
  explicit_bzero (pair, decoded_len);

  return result;
}

void
sim_run_due (LiaisonSimServer *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sim_modules); i++)
    if (sim_modules[i]->tick != NULL)
      sim_modules[i]->tick (self);
}

static gboolean
realtime_cb (gpointer user_data)
{
  LiaisonSimServer *self = user_data;

  self->clock++;
  sim_run_due (self);
  sim_send_next_callback (self);

  return G_SOURCE_CONTINUE;
}

void
sim_fault_free (SimFault *fault)
{
  g_clear_pointer (&fault->path, g_regex_unref);
  g_free (fault->method);
  g_free (fault);
}

static void
handle_control (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                const char        *path)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  const char *method = soup_server_message_get_method (msg);

  if (!G_IS_INET_SOCKET_ADDRESS (remote)
      || !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
    {
      sim_respond_error (msg, SOUP_STATUS_FORBIDDEN, 20403, "The control API answers loopback clients only");
      return;
    }

  for (gsize m = 0; m < G_N_ELEMENTS (sim_modules); m++)
    {
      for (gsize i = 0; i < sim_modules[m]->n_control_routes; i++)
        {
          const SimControlRoute *route = &sim_modules[m]->control_routes[i];
          g_autoptr(GPtrArray) form = NULL;

          if (!g_str_equal (path, route->path))
            continue;
          if (!g_str_equal (method, route->method))
            {
              sim_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 20004, "Method not allowed");
              return;
            }
          form = g_str_equal (method, "GET") ? sim_request_query (msg) : sim_request_form (msg);
          route->handler (self, msg, form);
          return;
        }
    }

  sim_respond_not_found (msg, path);
}

/* Faults and the request log, for REST requests. */

static SimFault *
find_fault (LiaisonSimServer *self,
            const char       *method,
            const char       *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      SimFault *fault = g_ptr_array_index (self->faults, i);

      if ((fault->method == NULL || g_ascii_strcasecmp (fault->method, method) == 0)
          && g_regex_match (fault->path, path, 0, NULL))
        return fault;
    }
  return NULL;
}

static void
log_request (LiaisonSimServer  *self,
             SoupServerMessage *msg,
             const char        *method,
             const char        *path,
             gboolean           dropped)
{
  g_autoptr(GPtrArray) params = g_str_equal (method, "GET") ? sim_request_query (msg) : sim_request_form (msg);
  JsonObject *object = json_object_new ();
  JsonObject *params_object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i + 1 < params->len; i += 2)
    json_object_set_string_member (params_object, g_ptr_array_index (params, i),
                                   g_ptr_array_index (params, i + 1));
  json_object_set_string_member (object, "method", method);
  json_object_set_string_member (object, "path", path);
  json_object_set_object_member (object, "params", params_object);
  json_object_set_int_member (object, "status", soup_server_message_get_status (msg));
  json_object_set_boolean_member (object, "dropped", dropped);
  json_node_take_object (node, object);
  g_ptr_array_add (self->requests, node);
}

static gboolean
unpause_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LiaisonSimServer *self = LIAISON_SIM_SERVER (user_data);
  const char *method = soup_server_message_get_method (msg);
  const Route *found = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  SimAccount *account = NULL;
  const char *route_name = "unknown";
  gboolean path_matched = FALSE;
  SimFault *fault = NULL;
  gboolean drop = FALSE;
  guint latency_ms = 0;

  if (g_str_has_prefix (path, "/_sim/"))
    {
      handle_control (self, msg, path);
      return;
    }

  for (guint i = 0; i < self->routes->len && found == NULL; i++)
    {
      const Route *route = g_ptr_array_index (self->routes, i);

      g_clear_pointer (&match, g_match_info_free);
      if (g_regex_match (route->regex, path, 0, &match))
        {
          path_matched = TRUE;
          if (g_str_equal (method, route->spec->method))
            found = route;
        }
    }

  /* Media files may be public; everything else needs credentials. */
  if (found == NULL || (found->spec->flags & SIM_ROUTE_NO_AUTH) == 0)
    switch (authenticate (self, msg, &account))
      {
      case AUTH_MISSING:
        sim_respond_unauthorized (msg, "Authentication Error - No credentials provided");
        goto out;

      case AUTH_WRONG:
        sim_respond_unauthorized (msg, "Authenticate");
        goto out;

      case AUTH_OK:
      default:
        break;
      }

  if (found == NULL)
    {
      if (path_matched)
        sim_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 20004, "Method not allowed");
      else
        sim_respond_not_found (msg, path);
      goto out;
    }

  route_name = found->spec->name;

  fault = find_fault (self, method, path);
  if (fault != NULL)
    {
      drop = fault->drop_response;
      latency_ms = fault->latency_ms;
      if (!drop)
        {
          if (fault->retry_after > 0)
            {
              g_autofree char *value = NULL;

              if (fault->retry_after_date)
                {
                  /* RFC 9110's other form, an IMF-fixdate on the wall clock. */
                  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC
                                                                             + fault->retry_after);

                  value = soup_date_time_to_string (when, SOUP_DATE_HTTP);
                }
              else
                {
                  value = g_strdup_printf ("%d", fault->retry_after);
                }
              soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                            "Retry-After", value);
            }
          sim_respond_error (msg, fault->status, fault->code,
                         fault->status == 429 ? "Too Many Requests" : "Simulated fault");
        }
      if (fault->count > 0 && --fault->count == 0)
        g_ptr_array_remove (self->faults, fault);
      if (!drop)
        goto out;
    }

  found->spec->handler (self, msg, account, match);

out:
  log_request (self, msg, method, path, drop);
  if (drop)
    {
      /* Processed, but the client never hears back. */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
    }
  else if (latency_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, latency_ms, unpause_cb, g_object_ref (msg), g_object_unref);
    }

  /* Paths carry SIDs: only the route's name is logged. */
  g_debug ("%s %s → %u", method, route_name, soup_server_message_get_status (msg));
}

/* GObject */

static void
liaison_sim_server_dispose (GObject *object)
{
  LiaisonSimServer *self = LIAISON_SIM_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_handle_id (&self->realtime_id, g_source_remove);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (liaison_sim_server_parent_class)->dispose (object);
}

static void
liaison_sim_server_finalize (GObject *object)
{
  LiaisonSimServer *self = LIAISON_SIM_SERVER (object);

  for (gsize i = 0; i < G_N_ELEMENTS (sim_modules); i++)
    if (sim_modules[i]->finalize != NULL)
      sim_modules[i]->finalize (self);

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->api_keys, g_hash_table_unref);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_queue_clear_full (&self->callbacks, (GDestroyNotify) sim_callback_free);
  g_clear_pointer (&self->waiting_messages, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->callback_fault, g_free);
  g_clear_pointer (&self->default_account_sid, g_free);
  g_clear_pointer (&self->db, sqlite3_close);
  if (self->db_is_temporary && self->db_path != NULL)
    {
      g_autofree char *wal = g_strconcat (self->db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->db_path, "-shm", NULL);
      g_autofree char *dir = g_path_get_dirname (self->db_path);

      g_unlink (self->db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (liaison_sim_server_parent_class)->finalize (object);
}

static void
liaison_sim_server_class_init (LiaisonSimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_sim_server_dispose;
  object_class->finalize = liaison_sim_server_finalize;
}

static void
liaison_sim_server_init (LiaisonSimServer *self)
{
  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sim_account_free);
  self->api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sim_api_key_free);
  self->routes = g_ptr_array_new_with_free_func (route_free);
  self->waiting_messages = g_ptr_array_new_with_free_func (g_object_unref);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_fault_free);
  g_queue_init (&self->callbacks);
  self->clock = g_get_real_time () / G_USEC_PER_SEC;
  self->session = soup_session_new_with_options ("timeout", 15, "user-agent", "TwilioProxy/1.1", NULL);

  for (gsize m = 0; m < G_N_ELEMENTS (sim_modules); m++)
    {
      for (gsize i = 0; i < sim_modules[m]->n_routes; i++)
        {
          Route *route = g_new0 (Route, 1);

          route->spec = &sim_modules[m]->routes[i];
          /* The patterns are constants of the modules. */
          route->regex = g_regex_new (route->spec->pattern, G_REGEX_OPTIMIZE, 0, NULL);
          g_assert (route->regex != NULL);
          g_ptr_array_add (self->routes, route);
        }
    }

  self->server = soup_server_new ("server-header", "liaison-sim/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
}

LiaisonSimServer *
liaison_sim_server_new (void)
{
  return g_object_new (LIAISON_TYPE_SIM_SERVER, NULL);
}

/* Accounts and keys are written to --db so that a restarted simulator
 * still knows them (it is a simulator: tokens are stored as given). */
static void
db_save_account (LiaisonSimServer *self,
                 SimAccount       *account)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    return;
  stmt = sim_db_prepare (self, "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?)");
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account->auth_token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (account->date_created));
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

static void
db_save_api_key (LiaisonSimServer *self,
                 SimApiKey        *key)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    return;
  stmt = sim_db_prepare (self, "INSERT OR REPLACE INTO api_keys VALUES (?, ?, ?)");
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, key->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key->secret, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, key->account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

static void
db_load_credentials (LiaisonSimServer *self)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT sid, auth_token, date_created FROM accounts ORDER BY rowid");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimAccount *account;
      g_autofree char *sid = sim_dup_column (stmt, 0);

      if (sid == NULL || g_hash_table_contains (self->accounts, sid))
        continue;
      account = g_new0 (SimAccount, 1);
      account->sid = g_steal_pointer (&sid);
      account->auth_token = sim_dup_column (stmt, 1);
      account->friendly_name = g_strdup ("Liaison simulator account");
      account->owner_account_sid = g_strdup (account->sid);
      account->status = g_strdup ("active");
      account->type = g_strdup ("Full");
      account->date_created = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 2));
      account->date_updated = g_date_time_ref (account->date_created);
      account->loaded = TRUE;
      if (account->auth_token == NULL || account->date_created == NULL)
        {
          g_clear_pointer (&account->date_created, g_date_time_unref);
          g_clear_pointer (&account->date_updated, g_date_time_unref);
          sim_account_free (account);
          continue;
        }
      g_hash_table_insert (self->accounts, account->sid, account);
      if (self->default_account_sid == NULL)
        self->default_account_sid = g_strdup (account->sid);
    }
  sqlite3_finalize (stmt);

  stmt = sim_db_prepare (self, "SELECT sid, secret, account_sid FROM api_keys");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimApiKey *key = g_new0 (SimApiKey, 1);

      key->sid = sim_dup_column (stmt, 0);
      key->secret = sim_dup_column (stmt, 1);
      key->account_sid = sim_dup_column (stmt, 2);
      key->loaded = TRUE;
      if (key->sid == NULL || key->secret == NULL || key->account_sid == NULL
          || g_hash_table_contains (self->api_keys, key->sid))
        {
          sim_api_key_free (key);
          continue;
        }
      g_hash_table_insert (self->api_keys, key->sid, key);
    }
  sqlite3_finalize (stmt);
}

gboolean
liaison_sim_server_add_account (LiaisonSimServer  *self,
                                const char        *account_sid,
                                const char        *auth_token,
                                GError           **error)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  g_autoptr(GDateTime) now = NULL;
  SimAccount *account;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);

  credentials = liaison_twilio_credentials_new_auth_token (account_sid, auth_token);
  if (!liaison_twilio_credentials_validate (credentials, error))
    return FALSE;

  account = g_hash_table_lookup (self->accounts, account_sid);
  if (account != NULL && account->loaded)
    {
      /* Kept in --db: the command line's token wins. */
      sim_wipe_free (account->auth_token);
      account->auth_token = g_strdup (auth_token);
      account->loaded = FALSE;
      db_save_account (self, account);
      return TRUE;
    }
  if (account != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The account %s is given twice."), account_sid);
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  account = g_new0 (SimAccount, 1);
  account->sid = g_strdup (account_sid);
  account->auth_token = g_strdup (auth_token);
  account->friendly_name = g_strdup ("Liaison simulator account");
  account->owner_account_sid = g_strdup (account_sid);
  account->status = g_strdup ("active");
  account->type = g_strdup ("Full");
  account->date_created = g_date_time_ref (now);
  account->date_updated = g_date_time_ref (now);
  g_hash_table_insert (self->accounts, account->sid, account);
  if (self->default_account_sid == NULL)
    self->default_account_sid = g_strdup (account_sid);
  db_save_account (self, account);

  return TRUE;
}

void
liaison_sim_server_generate_account (LiaisonSimServer  *self,
                                     char             **out_account_sid,
                                     char             **out_auth_token)
{
  g_autofree char *sid_hex = NULL;
  g_autofree char *sid = NULL;
  char *token = NULL;

  g_return_if_fail (LIAISON_IS_SIM_SERVER (self));

  do
    {
      g_clear_pointer (&sid_hex, g_free);
      g_clear_pointer (&sid, g_free);
      sid_hex = sim_random_hex (32);
      sid = g_strconcat ("AC", sid_hex, NULL);
    }
  while (g_hash_table_contains (self->accounts, sid));

  token = sim_random_hex (32);
  if (!liaison_sim_server_add_account (self, sid, token, NULL))
    g_assert_not_reached ();

  if (out_account_sid != NULL)
    *out_account_sid = g_steal_pointer (&sid);
  if (out_auth_token != NULL)
    *out_auth_token = g_steal_pointer (&token);
  else
    sim_wipe_free (token);
}

gboolean
liaison_sim_server_add_api_key (LiaisonSimServer  *self,
                                const char        *key_sid,
                                const char        *key_secret,
                                const char        *account_sid,
                                GError           **error)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;
  SimApiKey *key;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);

  credentials = liaison_twilio_credentials_new_api_key (account_sid, key_sid, key_secret);
  if (!liaison_twilio_credentials_validate (credentials, error))
    return FALSE;

  if (!g_hash_table_contains (self->accounts, account_sid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The API key %s belongs to the account %s, which was not given with --account."),
                   key_sid, account_sid);
      return FALSE;
    }
  key = g_hash_table_lookup (self->api_keys, key_sid);
  if (key != NULL && key->loaded)
    {
      sim_wipe_free (key->secret);
      key->secret = g_strdup (key_secret);
      g_free (key->account_sid);
      key->account_sid = g_strdup (account_sid);
      key->loaded = FALSE;
      db_save_api_key (self, key);
      return TRUE;
    }
  if (key != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The API key %s is given twice."), key_sid);
      return FALSE;
    }

  key = g_new0 (SimApiKey, 1);
  key->sid = g_strdup (key_sid);
  key->secret = g_strdup (key_secret);
  key->account_sid = g_strdup (account_sid);
  g_hash_table_insert (self->api_keys, key->sid, key);
  db_save_api_key (self, key);

  return TRUE;
}

guint
liaison_sim_server_get_n_accounts (LiaisonSimServer *self)
{
  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), 0);

  return g_hash_table_size (self->accounts);
}

gboolean
liaison_sim_server_listen (LiaisonSimServer  *self,
                           const char        *address,
                           guint              port,
                           GError           **error)
{
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (port > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The port %u is out of range (0 to 65535)."), port);
      return FALSE;
    }

  inet_address = g_inet_address_new_from_string (address);
  if (inet_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), address);
      return FALSE;
    }

  if (self->db == NULL && !liaison_sim_server_open_db (self, NULL, error))
    return FALSE;

  socket_address = g_inet_socket_address_new (inet_address, (guint16) port);
  return soup_server_listen (self->server, socket_address, 0, error);
}

char *
liaison_sim_server_get_url (LiaisonSimServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), NULL);

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      gsize len;

      url = g_uri_to_string (uris->data);
      len = strlen (url);
      while (len > 0 && url[len - 1] == '/')
        url[--len] = '\0';
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return url;
}

/* Accounts, API keys and the numbers they own; every module adds its own. */
#define CORE_SCHEMA \
  "PRAGMA journal_mode=WAL;" \
  "PRAGMA synchronous=NORMAL;" \
  "CREATE TABLE IF NOT EXISTS accounts (" \
  "  sid TEXT PRIMARY KEY, auth_token TEXT NOT NULL, date_created INTEGER NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS api_keys (" \
  "  sid TEXT PRIMARY KEY, secret TEXT NOT NULL, account_sid TEXT NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS phone_numbers (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  phone_number TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  friendly_name TEXT," \
  "  sms_url TEXT, sms_method TEXT," \
  "  status_callback TEXT, status_callback_method TEXT," \
  "  voice_url TEXT, voice_method TEXT, voice_fallback_url TEXT," \
  "  date_created INTEGER NOT NULL, date_updated INTEGER NOT NULL);" \
  "CREATE INDEX IF NOT EXISTS phone_numbers_account ON phone_numbers (account_sid, seq);"

static gboolean
exec_module_schemas (LiaisonSimServer  *self,
                     char             **message)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sim_modules); i++)
    {
      if (sim_modules[i]->schema != NULL
          && sqlite3_exec (self->db, sim_modules[i]->schema, NULL, NULL, message) != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

gboolean
liaison_sim_server_open_db (LiaisonSimServer  *self,
                            const char        *path,
                            GError           **error)
{
  char *message = NULL;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("liaison-sim-XXXXXX", error);

      if (dir == NULL)
        return FALSE;
      self->db_path = g_build_filename (dir, "sim.sqlite", NULL);
      self->db_is_temporary = TRUE;
    }
  else
    {
      self->db_path = g_strdup (path);
    }

  if (sqlite3_open_v2 (self->db_path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || sqlite3_exec (self->db, CORE_SCHEMA, NULL, NULL, &message) != SQLITE_OK
      || !exec_module_schemas (self, &message))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot open the database %s: %s"),
                   self->db_path, message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);
  db_load_credentials (self);

  return TRUE;
}

gboolean
liaison_sim_server_add_number (LiaisonSimServer  *self,
                               const char        *phone_number,
                               const char        *sms_url,
                               GError           **error)
{
  g_autoptr(SimNumber) number = NULL;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!sim_is_e164 (phone_number))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an E.164 number."), phone_number);
      return FALSE;
    }
  if (self->default_account_sid == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no account yet."));
      return FALSE;
    }

  number = sim_db_number_get (self, phone_number);
  if (number == NULL)
    {
      number = g_new0 (SimNumber, 1);
      number->phone_number = g_strdup (phone_number);
      number->friendly_name = g_strdup (phone_number);
    }
  g_free (number->account_sid);
  number->account_sid = g_strdup (self->default_account_sid);
  g_free (number->sms_url);
  number->sms_url = g_strdup (sms_url);
  ok = sim_db_number_put (self, number);
  if (!ok)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, sqlite3_errmsg (self->db));

  return ok;
}

void
liaison_sim_server_set_realtime (LiaisonSimServer *self,
                                 gboolean          realtime)
{
  g_return_if_fail (LIAISON_IS_SIM_SERVER (self));

  g_clear_handle_id (&self->realtime_id, g_source_remove);
  if (realtime)
    self->realtime_id = g_timeout_add_seconds (1, realtime_cb, self);
}
