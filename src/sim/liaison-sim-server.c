/* liaison-sim-server.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim-server"

#include "config.h"

#include "liaison-sim-server.h"
#include "liaison-secret-store.h"
#include "liaison-log.h"
#include "liaison-webhook-signature.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include <glib/gstdio.h>

#include <stdio.h>
#include <string.h>

#define API_VERSION_PATH  "/2010-04-01"
#define ERROR_INFO_URL    "https://www.twilio.com/docs/errors/%d"
/* The realm Twilio names in its 401 answers [INF: widely captured]. */
#define AUTH_CHALLENGE    "Basic realm=\"Twilio API\""

typedef struct {
  char      *sid;
  char      *auth_token;
  char      *friendly_name;
  char      *owner_account_sid;
  char      *status;
  char      *type;
  GDateTime *date_created;
  GDateTime *date_updated;
  gboolean   loaded;   /* read from --db, not yet given again */
} SimAccount;

typedef struct {
  char     *sid;
  char     *secret;
  char     *account_sid;
  gboolean  loaded;
} SimApiKey;

struct _LiaisonSimServer
{
  GObject     parent_instance;

  SoupServer *server;
  GHashTable *accounts;   /* sid → SimAccount */
  GHashTable *api_keys;   /* sid → SimApiKey */
  GPtrArray  *routes;     /* Route */

  /* Messages, opt-outs and numbers (see SCHEMA below). */
  sqlite3    *db;
  char       *db_path;
  gboolean    db_is_temporary;
  char       *default_account_sid;

  /* The simulated clock, in Unix seconds. */
  gint64      clock;
  guint       realtime_id;

  /* Outgoing webhooks, sent one after the other so that they arrive in
   * order; advance requests answered once the queue is empty. */
  SoupSession *session;
  GQueue       callbacks;          /* Callback */
  gboolean     callback_in_flight;
  GPtrArray   *waiting_messages;   /* SoupServerMessage, paused */

  GPtrArray  *requests;   /* JsonNode, the REST request log */
  GPtrArray  *faults;     /* Fault */
  char       *callback_fault;   /* NULL, "drop", "duplicate", "reorder" */
};

G_DEFINE_FINAL_TYPE (LiaisonSimServer, liaison_sim_server, G_TYPE_OBJECT)

/* Routing: a table of path patterns, each with its method and handler, so
 * that the next endpoints are one row and one function each. */

typedef void (*RouteHandler) (LiaisonSimServer  *self,
                              SoupServerMessage *msg,
                              SimAccount        *account,
                              GMatchInfo        *match);

typedef struct {
  const char   *name;
  const char   *method;
  const char   *pattern;
  RouteHandler  handler;
} RouteSpec;

typedef struct {
  const RouteSpec *spec;
  GRegex          *regex;
} Route;

static void handle_account_fetch (LiaisonSimServer  *self,
                                  SoupServerMessage *msg,
                                  SimAccount        *account,
                                  GMatchInfo        *match);

static void handle_messages_create (LiaisonSimServer *, SoupServerMessage *, SimAccount *, GMatchInfo *);
static void handle_messages_list (LiaisonSimServer *, SoupServerMessage *, SimAccount *, GMatchInfo *);
static void handle_message_fetch (LiaisonSimServer *, SoupServerMessage *, SimAccount *, GMatchInfo *);
static void handle_message_update (LiaisonSimServer *, SoupServerMessage *, SimAccount *, GMatchInfo *);
static void handle_message_delete (LiaisonSimServer *, SoupServerMessage *, SimAccount *, GMatchInfo *);
static void handle_media_list (LiaisonSimServer *, SoupServerMessage *, SimAccount *, GMatchInfo *);

#define MESSAGES_PATH "^" API_VERSION_PATH "/Accounts/([^/]+)/Messages"

static const RouteSpec route_specs[] = {
  { "account-fetch", "GET", "^" API_VERSION_PATH "/Accounts/([^/]+)\\.json$", handle_account_fetch },
  { "messages-create", "POST", MESSAGES_PATH "\\.json$", handle_messages_create },
  { "messages-list", "GET", MESSAGES_PATH "\\.json$", handle_messages_list },
  { "message-fetch", "GET", MESSAGES_PATH "/([^/]+)\\.json$", handle_message_fetch },
  { "message-update", "POST", MESSAGES_PATH "/([^/]+)\\.json$", handle_message_update },
  { "message-delete", "DELETE", MESSAGES_PATH "/([^/]+)\\.json$", handle_message_delete },
  { "media-list", "GET", MESSAGES_PATH "/([^/]+)/Media\\.json$", handle_media_list },
};

/* The account's subresources, in the order of the spec's example. */
static const struct {
  const char *key;
  const char *path;
} account_subresources[] = {
  { "available_phone_numbers", "AvailablePhoneNumbers.json" },
  { "calls", "Calls.json" },
  { "conferences", "Conferences.json" },
  { "incoming_phone_numbers", "IncomingPhoneNumbers.json" },
  { "notifications", "Notifications.json" },
  { "outgoing_caller_ids", "OutgoingCallerIds.json" },
  { "recordings", "Recordings.json" },
  { "transcriptions", "Transcriptions.json" },
  { "addresses", "Addresses.json" },
  { "signing_keys", "SigningKeys.json" },
  { "connect_apps", "ConnectApps.json" },
  { "sip", "SIP.json" },
  { "authorized_connect_apps", "AuthorizedConnectApps.json" },
  { "usage", "Usage.json" },
  { "keys", "Keys.json" },
  { "applications", "Applications.json" },
  { "short_codes", "SMS/ShortCodes.json" },
  { "queues", "Queues.json" },
  { "messages", "Messages.json" },
  { "balance", "Balance.json" },
};

static void
wipe_free (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

static void
sim_account_free (gpointer data)
{
  SimAccount *account = data;

  g_free (account->sid);
  wipe_free (account->auth_token);
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
  wipe_free (key->secret);
  g_free (key->account_sid);
  g_free (key);
}

static void
route_free (gpointer data)
{
  Route *route = data;

  g_clear_pointer (&route->regex, g_regex_unref);
  g_free (route);
}

static gboolean
is_sid (const char *value,
        const char *prefix)
{
  if (value == NULL || strlen (value) != 34 || !g_str_has_prefix (value, prefix))
    return FALSE;
  for (gsize i = 2; i < 34; i++)
    {
      if (!g_ascii_isxdigit (value[i]))
        return FALSE;
    }
  return TRUE;
}

/* Compares a presented secret with the expected one without stopping at the
 * first difference. */
static gboolean
secret_equal (const char *presented,
              const char *expected)
{
  gsize presented_len = strlen (presented);
  gsize expected_len = strlen (expected);
  guchar diff = presented_len != expected_len;

  for (gsize i = 0; i < expected_len; i++)
    diff |= (guchar) ((i < presented_len ? presented[i] : 0) ^ expected[i]);

  return diff == 0;
}

/* RFC 2822 in GMT, with English names whatever the locale:
 * "Tue, 24 Nov 2026 10:00:00 +0000". */
static char *
format_rfc2822 (GDateTime *date_time)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (utc) - 1],
                          g_date_time_get_day_of_month (utc),
                          months[g_date_time_get_month (utc) - 1],
                          g_date_time_get_year (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

/* Responses */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, data, length);
}

/* Twilio's classic error body (TWILIO.md §1.4). */
static void
respond_error (SoupServerMessage *msg,
               guint              status,
               gint               code,
               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *more_info = g_strdup_printf (ERROR_INFO_URL, code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "more_info");
  json_builder_add_string_value (builder, more_info);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, status, root);
}

/* 401 with code 20003 (TWILIO.md §1.2), and the Basic challenge. */
static void
respond_unauthorized (SoupServerMessage *msg,
                      const char        *message)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", AUTH_CHALLENGE);
  respond_error (msg, SOUP_STATUS_UNAUTHORIZED, 20003, message);
}

static void
respond_not_found (SoupServerMessage *msg,
                   const char        *path)
{
  g_autofree char *message = g_strdup_printf ("The requested resource %s was not found", path);

  respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, message);
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

          if (account != NULL && secret_equal (password, account->auth_token))
            {
              *out_account = account;
              result = AUTH_OK;
            }
        }
      else if (g_str_has_prefix (user, "SK"))
        {
          SimApiKey *key = g_hash_table_lookup (self->api_keys, user);

          if (key != NULL && secret_equal (password, key->secret))
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

/* Handlers */

static JsonNode *
account_to_json (SimAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = format_rfc2822 (account->date_created);
  g_autofree char *updated = format_rfc2822 (account->date_updated);
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s.json", account->sid);

  /* Fields and order as the spec's api.v2010.account and its "fetch" example. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "auth_token");
  json_builder_add_string_value (builder, account->auth_token);
  json_builder_set_member_name (builder, "date_created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "date_updated");
  json_builder_add_string_value (builder, updated);
  json_builder_set_member_name (builder, "friendly_name");
  json_builder_add_string_value (builder, account->friendly_name);
  json_builder_set_member_name (builder, "owner_account_sid");
  json_builder_add_string_value (builder, account->owner_account_sid);
  json_builder_set_member_name (builder, "sid");
  json_builder_add_string_value (builder, account->sid);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, account->status);
  json_builder_set_member_name (builder, "subresource_uris");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (account_subresources); i++)
    {
      g_autofree char *path = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/%s",
                                               account->sid, account_subresources[i].path);

      json_builder_set_member_name (builder, account_subresources[i].key);
      json_builder_add_string_value (builder, path);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, account->type);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
handle_account_fetch (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimAccount        *account,
                      GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autoptr(JsonNode) root = NULL;

  /* A path that is not an Account SID names no resource at all. */
  if (!is_sid (sid, "AC"))
    {
      respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }

  /* Another account than the one authenticated: Twilio's 20003 page lists
   * "using subaccount credentials to access master account" among its causes,
   * so the answer is 401/20003 rather than 404. The simulator has no
   * subaccounts yet. */
  if (!g_str_equal (sid, account->sid))
    {
      respond_unauthorized (msg, "Authenticate");
      return;
    }

  root = account_to_json (account);
  respond_json (msg, SOUP_STATUS_OK, root);
}

/* Messages (TWILIO.md §2), kept in SQLite.
 *
 * The simulated clock starts at the wall-clock time the simulator started and
 * moves only through POST /_sim/clock/advance (or every second with
 * --realtime). An outbound message goes queued → sending (+1 s) → sent (+2 s)
 * → delivered (+5 s); the simulator's own magic recipients +1500555003N end
 * in undelivered with error 3000N (N = 3..7), and +15005550038 in failed with
 * 30008. Each change after the first POSTs a signed status callback. */

#define SCHEMA \
  "PRAGMA journal_mode=WAL;" \
  "PRAGMA synchronous=NORMAL;" \
  "CREATE TABLE IF NOT EXISTS messages (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  direction TEXT NOT NULL," \
  "  from_number TEXT," \
  "  to_number TEXT NOT NULL," \
  "  body TEXT NOT NULL," \
  "  status TEXT NOT NULL," \
  "  num_segments INTEGER NOT NULL," \
  "  media_urls TEXT NOT NULL DEFAULT ''," \
  "  messaging_service_sid TEXT," \
  "  status_callback TEXT," \
  "  error_code INTEGER," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL," \
  "  date_sent INTEGER," \
  "  next_at INTEGER," \
  "  final_status TEXT," \
  "  final_error INTEGER);" \
  "CREATE INDEX IF NOT EXISTS messages_account ON messages (account_sid, seq);" \
  "CREATE INDEX IF NOT EXISTS messages_to ON messages (account_sid, to_number, seq);" \
  "CREATE INDEX IF NOT EXISTS messages_from ON messages (account_sid, from_number, seq);" \
  "CREATE INDEX IF NOT EXISTS messages_next ON messages (next_at) WHERE next_at IS NOT NULL;" \
  "CREATE TABLE IF NOT EXISTS opt_outs (" \
  "  account_sid TEXT NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL," \
  "  PRIMARY KEY (account_sid, sender, recipient));" \
  "CREATE TABLE IF NOT EXISTS accounts (" \
  "  sid TEXT PRIMARY KEY, auth_token TEXT NOT NULL, date_created INTEGER NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS api_keys (" \
  "  sid TEXT PRIMARY KEY, secret TEXT NOT NULL, account_sid TEXT NOT NULL);" \
  "CREATE TABLE IF NOT EXISTS numbers (" \
  "  phone_number TEXT PRIMARY KEY, account_sid TEXT NOT NULL," \
  "  sms_url TEXT, status_callback TEXT);"

#define MESSAGE_COLUMNS \
  "seq, sid, account_sid, direction, from_number, to_number, body, status, num_segments," \
  " media_urls, messaging_service_sid, status_callback, error_code, date_created," \
  " date_updated, date_sent, next_at, final_status, final_error"

typedef struct {
  gint64  seq;
  char   *sid;
  char   *account_sid;
  char   *direction;
  char   *from;
  char   *to;
  char   *body;
  char   *status;
  gint    num_segments;
  char  **media_urls;
  char   *messaging_service_sid;
  char   *status_callback;
  gint    error_code;      /* 0: none */
  gint64  date_created;
  gint64  date_updated;
  gint64  date_sent;       /* 0: none */
  gint64  next_at;         /* 0: none */
  char   *final_status;
  gint    final_error;
} SimMessage;

static void
sim_message_free (SimMessage *message)
{
  g_free (message->sid);
  g_free (message->account_sid);
  g_free (message->direction);
  g_free (message->from);
  g_free (message->to);
  g_free (message->body);
  g_free (message->status);
  g_strfreev (message->media_urls);
  g_free (message->messaging_service_sid);
  g_free (message->status_callback);
  g_free (message->final_status);
  g_free (message);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimMessage, sim_message_free)

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static char *random_hex (guint n_chars);

static SimMessage *
message_from_row (sqlite3_stmt *stmt)
{
  SimMessage *message = g_new0 (SimMessage, 1);
  const char *media = (const char *) sqlite3_column_text (stmt, 9);

  message->seq = sqlite3_column_int64 (stmt, 0);
  message->sid = dup_column (stmt, 1);
  message->account_sid = dup_column (stmt, 2);
  message->direction = dup_column (stmt, 3);
  message->from = dup_column (stmt, 4);
  message->to = dup_column (stmt, 5);
  message->body = dup_column (stmt, 6);
  message->status = dup_column (stmt, 7);
  message->num_segments = sqlite3_column_int (stmt, 8);
  message->media_urls = (media != NULL && *media != '\0') ? g_strsplit (media, "\n", -1) : g_new0 (char *, 1);
  message->messaging_service_sid = dup_column (stmt, 10);
  message->status_callback = dup_column (stmt, 11);
  message->error_code = sqlite3_column_int (stmt, 12);
  message->date_created = sqlite3_column_int64 (stmt, 13);
  message->date_updated = sqlite3_column_int64 (stmt, 14);
  message->date_sent = sqlite3_column_int64 (stmt, 15);
  message->next_at = sqlite3_column_int64 (stmt, 16);
  message->final_status = dup_column (stmt, 17);
  message->final_error = sqlite3_column_int (stmt, 18);

  return message;
}

static sqlite3_stmt *
db_prepare (LiaisonSimServer *self,
            const char       *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
      return NULL;
    }
  return stmt;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static SimMessage *
db_message_get (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *sid)
{
  sqlite3_stmt *stmt = db_prepare (self, "SELECT " MESSAGE_COLUMNS " FROM messages"
                                         " WHERE sid = ? AND account_sid = ?");
  SimMessage *message = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_sid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    message = message_from_row (stmt);
  sqlite3_finalize (stmt);

  return message;
}

static gboolean
db_message_insert (LiaisonSimServer *self,
                   SimMessage       *message)
{
  g_autofree char *media = g_strjoinv ("\n", message->media_urls);
  sqlite3_stmt *stmt = db_prepare (self,
    "INSERT INTO messages (sid, account_sid, direction, from_number, to_number, body, status,"
    " num_segments, media_urls, messaging_service_sid, status_callback, error_code,"
    " date_created, date_updated, date_sent, next_at, final_status, final_error)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF (?, 0), ?, ?, NULLIF (?, 0), NULLIF (?, 0), ?, ?)");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, message->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, message->account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, message->direction, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, message->from);
  sqlite3_bind_text (stmt, 5, message->to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, message->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, message->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, message->num_segments);
  sqlite3_bind_text (stmt, 9, media, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 10, message->messaging_service_sid);
  bind_text_or_null (stmt, 11, message->status_callback);
  sqlite3_bind_int (stmt, 12, message->error_code);
  sqlite3_bind_int64 (stmt, 13, message->date_created);
  sqlite3_bind_int64 (stmt, 14, message->date_updated);
  sqlite3_bind_int64 (stmt, 15, message->date_sent);
  sqlite3_bind_int64 (stmt, 16, message->next_at);
  bind_text_or_null (stmt, 17, message->final_status);
  sqlite3_bind_int (stmt, 18, message->final_error);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_warning ("SQLite: %s", sqlite3_errmsg (self->db));
  else
    message->seq = sqlite3_last_insert_rowid (self->db);
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
db_message_update (LiaisonSimServer *self,
                   SimMessage       *message)
{
  sqlite3_stmt *stmt = db_prepare (self,
    "UPDATE messages SET body = ?, status = ?, error_code = NULLIF (?, 0), date_updated = ?,"
    " date_sent = NULLIF (?, 0), next_at = NULLIF (?, 0) WHERE seq = ?");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, message->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, message->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, message->error_code);
  sqlite3_bind_int64 (stmt, 4, message->date_updated);
  sqlite3_bind_int64 (stmt, 5, message->date_sent);
  sqlite3_bind_int64 (stmt, 6, message->next_at);
  sqlite3_bind_int64 (stmt, 7, message->seq);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
db_opted_out (LiaisonSimServer *self,
              const char       *account_sid,
              const char       *sender,
              const char       *recipient)
{
  sqlite3_stmt *stmt = db_prepare (self, "SELECT 1 FROM opt_outs WHERE account_sid = ?"
                                         " AND sender = ? AND recipient = ?");
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, recipient, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

static void
db_set_opt_out (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *sender,
                const char       *recipient,
                gboolean          opted_out)
{
  sqlite3_stmt *stmt = db_prepare (self, opted_out
                                   ? "INSERT OR IGNORE INTO opt_outs VALUES (?, ?, ?)"
                                   : "DELETE FROM opt_outs WHERE account_sid = ? AND sender = ?"
                                     " AND recipient = ?");

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, recipient, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

typedef struct {
  char *account_sid;
  char *sms_url;
  char *status_callback;
} SimNumber;

static void
sim_number_free (SimNumber *number)
{
  g_free (number->account_sid);
  g_free (number->sms_url);
  g_free (number->status_callback);
  g_free (number);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimNumber, sim_number_free)

static SimNumber *
db_number_get (LiaisonSimServer *self,
               const char       *phone_number)
{
  sqlite3_stmt *stmt = db_prepare (self, "SELECT account_sid, sms_url, status_callback"
                                         " FROM numbers WHERE phone_number = ?");
  SimNumber *number = NULL;

  if (stmt == NULL || phone_number == NULL)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, phone_number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      number = g_new0 (SimNumber, 1);
      number->account_sid = dup_column (stmt, 0);
      number->sms_url = dup_column (stmt, 1);
      number->status_callback = dup_column (stmt, 2);
    }
  sqlite3_finalize (stmt);

  return number;
}

/* Forms: an ordered list of names and values so that repeated names
 * (MediaUrl) survive. */

static GPtrArray *
parse_form (const char *data,
            gsize       length)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *copy = g_strndup (data != NULL ? data : "", data != NULL ? length : 0);
  g_auto(GStrv) items = g_strsplit (copy, "&", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *eq;
      char *name;
      char *value;

      if (*items[i] == '\0')
        continue;
      for (char *p = items[i]; *p != '\0'; p++)
        if (*p == '+')
          *p = ' ';
      eq = strchr (items[i], '=');
      if (eq != NULL)
        *eq = '\0';
      name = g_uri_unescape_string (items[i], NULL);
      value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
      if (name == NULL || value == NULL || !g_utf8_validate (name, -1, NULL)
          || !g_utf8_validate (value, -1, NULL))
        {
          g_free (name);
          g_free (value);
          continue;
        }
      g_ptr_array_add (pairs, name);
      g_ptr_array_add (pairs, value);
    }

  return pairs;
}

static GPtrArray *
request_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return parse_form (data, length);
}

static GPtrArray *
request_query (SoupServerMessage *msg)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  return parse_form (query, query != NULL ? strlen (query) : 0);
}

static const char *
form_get (GPtrArray  *pairs,
          const char *name)
{
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (g_str_equal (g_ptr_array_index (pairs, i), name))
      return g_ptr_array_index (pairs, i + 1);
  return NULL;
}

/* A NULL-terminated copy of the pairs for liaison_webhook_signature_*. */
static GStrv
pairs_to_strv (GPtrArray *pairs)
{
  GStrv strv = g_new0 (char *, pairs->len + 1);

  for (guint i = 0; i < pairs->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (pairs, i));
  return strv;
}

static void
pairs_add (GPtrArray  *pairs,
           const char *name,
           const char *value)
{
  g_ptr_array_add (pairs, g_strdup (name));
  g_ptr_array_add (pairs, g_strdup (value != NULL ? value : ""));
}

/* Segments (TWILIO.md §2.7) */

static const char gsm7_basic[] =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
static const char gsm7_extension[] = "\f^{}\\[~]|€";

static gboolean
utf8_contains (const char *set,
               gunichar    c)
{
  for (const char *p = set; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* Counts segments without splitting a character across two. */
static guint
count_segments (const char *body)
{
  gboolean gsm = TRUE;
  guint total = 0;
  guint segments = 1;
  guint used = 0;
  guint single_limit;
  guint multi_limit;

  if (body == NULL || *body == '\0')
    return 1;

  for (const char *p = body; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!utf8_contains (gsm7_basic, c) && !utf8_contains (gsm7_extension, c))
        {
          gsm = FALSE;
          break;
        }
    }

  single_limit = gsm ? 160 : 70;
  multi_limit = gsm ? 153 : 67;

  for (const char *p = body; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (gsm)
        total += utf8_contains (gsm7_extension, c) ? 2 : 1;
      else
        total += c > 0xFFFF ? 2 : 1;
    }
  if (total <= single_limit)
    return 1;

  for (const char *p = body; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint cost = gsm ? (utf8_contains (gsm7_extension, c) ? 2 : 1) : (c > 0xFFFF ? 2 : 1);

      if (used + cost > multi_limit)
        {
          segments++;
          used = 0;
        }
      used += cost;
    }

  return segments;
}

static gboolean
is_e164 (const char *number)
{
  gsize len;

  if (number == NULL || number[0] != '+' || number[1] < '1' || number[1] > '9')
    return FALSE;
  len = strlen (number + 1);
  if (len < 2 || len > 15)
    return FALSE;
  for (gsize i = 1; i <= len; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_address (const char *address)
{
  if (address != NULL && g_str_has_prefix (address, "whatsapp:"))
    return is_e164 (address + strlen ("whatsapp:"));
  return is_e164 (address);
}

static char *
new_sid (const char *prefix)
{
  g_autofree char *hex = random_hex (32);

  return g_strconcat (prefix, hex, NULL);
}

static char *
format_unix (gint64 seconds)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);

  return format_rfc2822 (date_time);
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 gint64       seconds)
{
  json_builder_set_member_name (builder, name);
  if (seconds != 0)
    {
      g_autofree char *text = format_unix (seconds);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static const char *
error_message_for (gint code)
{
  switch (code)
    {
    case 30003: return "Unreachable destination handset";
    case 30004: return "Message blocked";
    case 30005: return "Unknown destination handset";
    case 30006: return "Landline or unreachable carrier";
    case 30007: return "Message filtered";
    case 30008: return "Unknown error";
    default: return NULL;
    }
}

static void
build_message (JsonBuilder *builder,
               SimMessage  *message)
{
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Messages/%s.json",
                                          message->account_sid, message->sid);
  g_autofree char *media_uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Messages/%s/Media.json",
                                                message->account_sid, message->sid);
  g_autofree char *num_segments = g_strdup_printf ("%d", message->num_segments);
  g_autofree char *num_media = g_strdup_printf ("%u", g_strv_length (message->media_urls));

  json_builder_begin_object (builder);
  add_string_or_null (builder, "account_sid", message->account_sid);
  add_string_or_null (builder, "api_version", "2010-04-01");
  add_string_or_null (builder, "body", message->body);
  add_date_member (builder, "date_created", message->date_created);
  add_date_member (builder, "date_sent", message->date_sent);
  add_date_member (builder, "date_updated", message->date_updated);
  add_string_or_null (builder, "direction", message->direction);
  json_builder_set_member_name (builder, "error_code");
  if (message->error_code != 0)
    json_builder_add_int_value (builder, message->error_code);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "error_message", error_message_for (message->error_code));
  add_string_or_null (builder, "from", message->from);
  add_string_or_null (builder, "messaging_service_sid", message->messaging_service_sid);
  add_string_or_null (builder, "num_media", num_media);
  add_string_or_null (builder, "num_segments", num_segments);
  add_string_or_null (builder, "price", NULL);
  add_string_or_null (builder, "price_unit", NULL);
  add_string_or_null (builder, "sid", message->sid);
  add_string_or_null (builder, "status", message->status);
  json_builder_set_member_name (builder, "subresource_uris");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "media", media_uri);
  json_builder_end_object (builder);
  add_string_or_null (builder, "to", message->to);
  add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
respond_message (SoupServerMessage *msg,
                 guint              status,
                 SimMessage        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_message (builder, message);
  root = json_builder_get_root (builder);
  respond_json (msg, status, root);
}

/* Status progression */

static void
schedule_next (SimMessage *message,
               gint64      now)
{
  if (g_str_equal (message->status, "accepted"))
    message->next_at = now + 1;
  else if (g_str_equal (message->status, "queued"))
    message->next_at = now + 1;
  else if (g_str_equal (message->status, "sending"))
    message->next_at = now + 1;
  else if (g_str_equal (message->status, "sent"))
    message->next_at = now + 3;
  else
    message->next_at = 0;
}

static void
advance_status (SimMessage *message,
                gint64      at)
{
  const char *next = NULL;

  if (g_str_equal (message->status, "accepted"))
    next = "queued";
  else if (g_str_equal (message->status, "queued"))
    next = "sending";
  else if (g_str_equal (message->status, "sending"))
    {
      if (g_strcmp0 (message->final_status, "failed") == 0)
        {
          next = "failed";
          message->error_code = message->final_error;
        }
      else
        {
          next = "sent";
          message->date_sent = at;
        }
    }
  else if (g_str_equal (message->status, "sent"))
    {
      next = message->final_status != NULL ? message->final_status : "delivered";
      message->error_code = message->final_error;
    }

  if (next == NULL)
    {
      message->next_at = 0;
      return;
    }

  g_free (message->status);
  message->status = g_strdup (next);
  message->date_updated = at;
  schedule_next (message, at);
}

/* Webhooks: status callbacks and inbound messages. */

typedef struct {
  char              *url;
  GStrv              params;
  char              *auth_token;
  char              *idempotency_token;
  SoupServerMessage *inbound_reply;   /* answered with the webhook's status */
  char              *inbound_sid;
  LiaisonSimServer  *server;          /* owned while in flight */
} Callback;

static void
callback_free (Callback *callback)
{
  g_free (callback->url);
  g_strfreev (callback->params);
  wipe_free (callback->auth_token);
  g_free (callback->idempotency_token);
  g_clear_object (&callback->inbound_reply);
  g_free (callback->inbound_sid);
  g_clear_object (&callback->server);
  g_free (callback);
}

static Callback *
callback_copy (Callback *callback)
{
  Callback *copy = g_new0 (Callback, 1);

  copy->url = g_strdup (callback->url);
  copy->params = g_strdupv (callback->params);
  copy->auth_token = g_strdup (callback->auth_token);
  copy->idempotency_token = g_strdup (callback->idempotency_token);
  return copy;
}

static void send_next_callback (LiaisonSimServer *self);

static void
answer_waiting (LiaisonSimServer *self)
{
  if (self->callback_in_flight || !g_queue_is_empty (&self->callbacks))
    return;

  for (guint i = 0; i < self->waiting_messages->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->waiting_messages, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *now = format_unix (self->clock);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "clock");
      json_builder_add_int_value (builder, self->clock);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, now);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      respond_json (msg, SOUP_STATUS_OK, root);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (self->waiting_messages, 0);
}

static void
callback_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Callback *callback = user_data;
  g_autoptr(LiaisonSimServer) self = g_steal_pointer (&callback->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status = 0;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (error == NULL)
    status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
  else
    g_message ("Webhook not delivered: %s", error->message);

  if (callback->inbound_reply != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sid");
      json_builder_add_string_value (builder, callback->inbound_sid);
      json_builder_set_member_name (builder, "webhook_status");
      json_builder_add_int_value (builder, status);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      respond_json (callback->inbound_reply, SOUP_STATUS_OK, root);
      soup_server_message_unpause (callback->inbound_reply);
    }
  callback_free (callback);

  if (self->session != NULL)
    {
      self->callback_in_flight = FALSE;
      send_next_callback (self);
    }
}

static void
send_next_callback (LiaisonSimServer *self)
{
  Callback *callback;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *signature = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;

  while (!self->callback_in_flight && (callback = g_queue_pop_head (&self->callbacks)) != NULL)
    {
      message = soup_message_new ("POST", callback->url);
      if (message == NULL)
        {
          g_message ("Webhook URL is not valid; not sent");
          if (callback->inbound_reply != NULL)
            {
              respond_error (callback->inbound_reply, SOUP_STATUS_BAD_REQUEST, 11200,
                             "The number's SmsUrl is not a valid URL");
              soup_server_message_unpause (callback->inbound_reply);
            }
          callback_free (callback);
          continue;
        }

      g_string_truncate (body, 0);
      for (guint i = 0; callback->params[i] != NULL && callback->params[i + 1] != NULL; i += 2)
        {
          g_autofree char *name = g_uri_escape_string (callback->params[i], NULL, FALSE);
          g_autofree char *value = g_uri_escape_string (callback->params[i + 1], NULL, FALSE);

          g_string_append_printf (body, "%s%s=%s", body->len > 0 ? "&" : "", name, value);
        }
      signature = liaison_webhook_signature_compute (callback->auth_token, callback->url,
                                                     (const char * const *) callback->params);

      headers = soup_message_get_request_headers (message);
      soup_message_headers_replace (headers, "X-Twilio-Signature", signature);
      soup_message_headers_replace (headers, "I-Twilio-Idempotency-Token", callback->idempotency_token);
      soup_message_headers_replace (headers, "User-Agent", "TwilioProxy/1.1");
      bytes = g_bytes_new (body->str, body->len);
      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&signature, g_free);

      callback->server = g_object_ref (self);
      self->callback_in_flight = TRUE;
      soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, NULL,
                                        callback_sent_cb, callback);
      g_clear_object (&message);
    }

  answer_waiting (self);
}

static void
enqueue_callback (LiaisonSimServer *self,
                  Callback         *callback)
{
  const char *fault = self->callback_fault;

  if (callback->inbound_reply == NULL && g_strcmp0 (fault, "drop") == 0)
    {
      callback_free (callback);
      return;
    }

  if (callback->inbound_reply == NULL && g_strcmp0 (fault, "duplicate") == 0)
    g_queue_push_tail (&self->callbacks, callback_copy (callback));

  /* reorder: each new callback goes before the previous still queued. */
  if (callback->inbound_reply == NULL && g_strcmp0 (fault, "reorder") == 0
      && !g_queue_is_empty (&self->callbacks))
    g_queue_insert_before (&self->callbacks, g_queue_peek_tail_link (&self->callbacks), callback);
  else
    g_queue_push_tail (&self->callbacks, callback);
}

static char *
new_idempotency_token (void)
{
  return g_uuid_string_random ();
}

static void
queue_status_callback (LiaisonSimServer *self,
                       SimMessage       *message)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, message->account_sid);
  g_autoptr(SimNumber) number = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  const char *url = message->status_callback;
  Callback *callback;

  if (account == NULL)
    return;
  if (url == NULL || *url == '\0')
    {
      number = db_number_get (self, message->from);
      if (number != NULL)
        url = number->status_callback;
    }
  if (url == NULL || *url == '\0')
    return;

  pairs_add (pairs, "AccountSid", message->account_sid);
  pairs_add (pairs, "ApiVersion", "2010-04-01");
  if (message->error_code != 0)
    {
      g_autofree char *code = g_strdup_printf ("%d", message->error_code);

      pairs_add (pairs, "ErrorCode", code);
    }
  pairs_add (pairs, "From", message->from);
  pairs_add (pairs, "MessageSid", message->sid);
  pairs_add (pairs, "MessageStatus", message->status);
  if (message->messaging_service_sid != NULL)
    pairs_add (pairs, "MessagingServiceSid", message->messaging_service_sid);
  if (g_str_equal (message->status, "delivered") || g_str_equal (message->status, "undelivered"))
    {
      g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (message->date_updated);
      g_autofree char *raw = g_date_time_format (date_time, "%y%m%d%H%M");

      pairs_add (pairs, "RawDlrDoneDate", raw);
    }
  pairs_add (pairs, "SmsSid", message->sid);
  pairs_add (pairs, "SmsStatus", message->status);
  pairs_add (pairs, "To", message->to);

  callback = g_new0 (Callback, 1);
  callback->url = g_strdup (url);
  callback->params = pairs_to_strv (pairs);
  callback->auth_token = g_strdup (account->auth_token);
  callback->idempotency_token = new_idempotency_token ();
  enqueue_callback (self, callback);
}

/* Runs every transition due by the clock, in time order. */
static void
run_due_transitions (LiaisonSimServer *self)
{
  for (;;)
    {
      sqlite3_stmt *stmt = db_prepare (self, "SELECT " MESSAGE_COLUMNS " FROM messages"
                                             " WHERE next_at IS NOT NULL AND next_at <= ?"
                                             " ORDER BY next_at, seq LIMIT 1");
      g_autoptr(SimMessage) message = NULL;

      if (stmt == NULL)
        return;
      sqlite3_bind_int64 (stmt, 1, self->clock);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        message = message_from_row (stmt);
      sqlite3_finalize (stmt);
      if (message == NULL)
        return;

      advance_status (message, message->next_at);
      if (!db_message_update (self, message))
        return;
      queue_status_callback (self, message);
    }
}

static gboolean
realtime_cb (gpointer user_data)
{
  LiaisonSimServer *self = user_data;

  self->clock++;
  run_due_transitions (self);
  send_next_callback (self);

  return G_SOURCE_CONTINUE;
}

/* Creating messages */

static const struct {
  const char *to;
  const char *final_status;
  gint        error;
} delivery_magic[] = {
  { "+15005550033", "undelivered", 30003 },
  { "+15005550034", "undelivered", 30004 },
  { "+15005550035", "undelivered", 30005 },
  { "+15005550036", "undelivered", 30006 },
  { "+15005550037", "undelivered", 30007 },
  { "+15005550038", "failed", 30008 },
};

static SimMessage *
create_outbound (LiaisonSimServer *self,
                 const char       *account_sid,
                 const char       *direction,
                 const char       *from,
                 const char       *to,
                 const char       *body,
                 const char       *messaging_service_sid,
                 const char       *status_callback,
                 const char * const *media_urls)
{
  SimMessage *message = g_new0 (SimMessage, 1);

  message->sid = new_sid (media_urls != NULL && media_urls[0] != NULL ? "MM" : "SM");
  message->account_sid = g_strdup (account_sid);
  message->direction = g_strdup (direction);
  message->from = g_strdup (from);
  message->to = g_strdup (to);
  message->body = g_strdup (body != NULL ? body : "");
  message->status = g_strdup (messaging_service_sid != NULL ? "accepted" : "queued");
  message->num_segments = count_segments (body);
  message->media_urls = g_strdupv ((char **) media_urls);
  if (message->media_urls == NULL)
    message->media_urls = g_new0 (char *, 1);
  message->messaging_service_sid = g_strdup (messaging_service_sid);
  message->status_callback = g_strdup (status_callback);
  message->date_created = self->clock;
  message->date_updated = self->clock;
  for (gsize i = 0; i < G_N_ELEMENTS (delivery_magic); i++)
    {
      if (g_str_equal (to, delivery_magic[i].to))
        {
          message->final_status = g_strdup (delivery_magic[i].final_status);
          message->final_error = delivery_magic[i].error;
        }
    }
  schedule_next (message, self->clock);

  if (!db_message_insert (self, message))
    {
      sim_message_free (message);
      return NULL;
    }
  return message;
}

static void
handle_messages_create (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = request_form (msg);
  g_autoptr(GPtrArray) media = g_ptr_array_new ();
  g_autoptr(SimMessage) message = NULL;
  const char *to = form_get (form, "To");
  const char *from = form_get (form, "From");
  const char *service = form_get (form, "MessagingServiceSid");
  const char *body = form_get (form, "Body");
  const char *status_callback = form_get (form, "StatusCallback");
  const char *sender;
  g_autofree char *sid = g_match_info_fetch (match, 1);

  if (!g_str_equal (sid, account->sid))
    {
      respond_unauthorized (msg, "Authenticate");
      return;
    }

  for (guint i = 0; i + 1 < form->len; i += 2)
    if (g_str_equal (g_ptr_array_index (form, i), "MediaUrl"))
      g_ptr_array_add (media, g_ptr_array_index (form, i + 1));
  g_ptr_array_add (media, NULL);

  if (to == NULL || *to == '\0')
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21604,
                     "A 'To' phone number is required.");
      return;
    }
  if ((from == NULL || *from == '\0') && (service == NULL || *service == '\0'))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21603,
                     "A 'From' or 'MessagingServiceSid' parameter is required");
      return;
    }
  if ((body == NULL || *body == '\0') && media->len == 1)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21602, "Message body is required.");
      return;
    }
  if (body != NULL && g_utf8_strlen (body, -1) > 1600)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21617,
                     "The concatenated message body exceeds the 1600 character limit.");
      return;
    }
  if (media->len > 11)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21623,
                     "Number of media files exceeds allowed limit.");
      return;
    }
  if (service != NULL && *service != '\0' && !is_sid (service, "MG"))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21701,
                     "The Messaging Service Sid is invalid.");
      return;
    }
  if (status_callback != NULL && *status_callback != '\0')
    {
      g_autoptr(GUri) uri = g_uri_parse (status_callback, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL
          || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
              && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21609, "Invalid StatusCallback");
          return;
        }
    }
  else
    {
      status_callback = NULL;
    }

  /* Magic numbers (TWILIO.md §7), then ordinary validation. */
  if (g_str_equal (to, "+15005550001") || !is_address (to))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21211,
                     "Invalid 'To' Phone Number");
      return;
    }
  if (g_str_equal (to, "+15005550002"))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21612,
                     "The 'To' phone number is not currently reachable via SMS.");
      return;
    }
  if (g_str_equal (to, "+15005550003"))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21408,
                     "Permission to send an SMS has not been enabled for the region indicated by the 'To' number");
      return;
    }
  if (g_str_equal (to, "+15005550004"))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21610,
                     "Attempt to send to unsubscribed recipient");
      return;
    }
  if (g_str_equal (to, "+15005550009"))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21614,
                     "'To' number is not a valid mobile number");
      return;
    }
  if (from != NULL && *from != '\0')
    {
      if (g_str_equal (from, "+15005550001") || !is_address (from))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "Invalid From Number (caller ID)");
          return;
        }
      if (g_str_equal (from, "+15005550007"))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21606,
                         "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination.");
          return;
        }
      if (g_str_equal (from, "+15005550008"))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21611,
                         "This 'From' number has exceeded the maximum number of queued messages");
          return;
        }
    }
  else
    {
      from = NULL;
    }

  sender = from != NULL ? from : service;
  if (db_opted_out (self, account->sid, sender, to))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21610,
                     "Attempt to send to unsubscribed recipient");
      return;
    }

  message = create_outbound (self, account->sid, "outbound-api", from, to, body,
                             (service != NULL && *service != '\0') ? service : NULL,
                             status_callback, (const char * const *) media->pdata);
  if (message == NULL)
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  LIAISON_DEBUG_MASKED (to, "Message to %s created: %s", message->sid);
  respond_message (msg, SOUP_STATUS_CREATED, message);
}

static SimMessage *
lookup_message (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                SimAccount        *account,
                GMatchInfo        *match)
{
  g_autofree char *account_sid = g_match_info_fetch (match, 1);
  g_autofree char *sid = g_match_info_fetch (match, 2);
  SimMessage *message;

  if (!g_str_equal (account_sid, account->sid))
    {
      respond_unauthorized (msg, "Authenticate");
      return NULL;
    }
  message = db_message_get (self, account->sid, sid);
  if (message == NULL)
    respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
  return message;
}

static void
handle_message_fetch (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimAccount        *account,
                      GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);

  if (message != NULL)
    respond_message (msg, SOUP_STATUS_OK, message);
}

static void
handle_message_delete (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       SimAccount        *account,
                       GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);
  sqlite3_stmt *stmt;

  if (message == NULL)
    return;
  stmt = db_prepare (self, "DELETE FROM messages WHERE seq = ?");
  if (stmt == NULL)
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_int64 (stmt, 1, message->seq);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
handle_message_update (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       SimAccount        *account,
                       GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);
  g_autoptr(GPtrArray) form = NULL;
  const char *body;
  const char *status;

  if (message == NULL)
    return;
  form = request_form (msg);
  body = form_get (form, "Body");
  status = form_get (form, "Status");

  if (status != NULL)
    {
      if (!g_str_equal (status, "canceled"))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "Status can only be updated to 'canceled'");
          return;
        }
      if (!g_str_equal (message->status, "scheduled") && !g_str_equal (message->status, "queued")
          && !g_str_equal (message->status, "accepted"))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 30409,
                         "Message can not be canceled in its current status");
          return;
        }
      g_free (message->status);
      message->status = g_strdup ("canceled");
      message->next_at = 0;
    }
  if (body != NULL)
    {
      if (*body != '\0')
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "Body can only be updated to an empty string (redaction)");
          return;
        }
      if (message->next_at != 0)
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20009,
                         "Cannot redact a message that is still being delivered");
          return;
        }
      g_free (message->body);
      message->body = g_strdup ("");
    }
  message->date_updated = self->clock;
  if (!db_message_update (self, message))
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  respond_message (msg, SOUP_STATUS_OK, message);
}

/* The simulator fetches no media: the type comes from the URL's suffix. */
static const char *
guess_content_type (const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url, -1);

  if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg"))
    return "image/jpeg";
  if (g_str_has_suffix (lower, ".png"))
    return "image/png";
  if (g_str_has_suffix (lower, ".gif"))
    return "image/gif";
  if (g_str_has_suffix (lower, ".pdf"))
    return "application/pdf";
  return "application/octet-stream";
}

static void
handle_media_list (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  g_autoptr(SimMessage) message = lookup_message (self, msg, account, match);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = NULL;

  if (message == NULL)
    return;
  uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Messages/%s/Media.json?PageSize=50&Page=0",
                         message->account_sid, message->sid);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "first_page_uri", uri);
  add_string_or_null (builder, "next_page_uri", NULL);
  add_string_or_null (builder, "previous_page_uri", NULL);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, 50);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, MAX ((gint) g_strv_length (message->media_urls) - 1, 0));
  add_string_or_null (builder, "uri", uri);
  json_builder_set_member_name (builder, "media_list");
  json_builder_begin_array (builder);
  for (guint i = 0; message->media_urls[i] != NULL; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%s/%u", message->sid, i);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
      g_autofree char *media_sid = g_strconcat ("ME", hash, NULL);
      g_autofree char *media_uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Messages/%s/Media/%s.json",
                                                    message->account_sid, message->sid, media_sid);
      const char *content_type = guess_content_type (message->media_urls[i]);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "account_sid", message->account_sid);
      add_string_or_null (builder, "content_type", content_type);
      add_date_member (builder, "date_created", message->date_created);
      add_date_member (builder, "date_updated", message->date_created);
      add_string_or_null (builder, "parent_sid", message->sid);
      add_string_or_null (builder, "sid", media_sid);
      add_string_or_null (builder, "uri", media_uri);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_OK, root);
}

/* "YYYY-MM-DD" → Unix seconds at 00:00 UTC, or -1. */
static gint64
parse_day (const char *text)
{
  int year, month, day;
  char extra;
  g_autoptr(GDateTime) date_time = NULL;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3)
    return -1;
  date_time = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date_time == NULL)
    return -1;
  return g_date_time_to_unix (date_time);
}

static void
handle_messages_list (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      SimAccount        *account,
                      GMatchInfo        *match)
{
  static const char * const filter_names[] = { "To", "From", "DateSent", "DateSent<", "DateSent>" };
  g_autoptr(GPtrArray) query = request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " MESSAGE_COLUMNS " FROM messages WHERE account_sid = ?1");
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_message_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *account_sid = g_match_info_fetch (match, 1);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *page_size_text = form_get (query, "PageSize");
  const char *page_text = form_get (query, "Page");
  const char *token = form_get (query, "PageToken");
  const char *to = form_get (query, "To");
  const char *from = form_get (query, "From");
  gint64 day = -1, day_before = -1, day_after = -1;
  gint64 page_size = 50;
  gint64 page = 0;
  gboolean backwards = FALSE;
  gboolean has_more = FALSE;
  g_autofree char *uri = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *next_uri = NULL;
  g_autofree char *previous_uri = NULL;
  sqlite3_stmt *stmt;
  char *end = NULL;

  if (!g_str_equal (account_sid, account->sid))
    {
      respond_unauthorized (msg, "Authenticate");
      return;
    }

  if (page_size_text != NULL)
    {
      page_size = g_ascii_strtoll (page_size_text, &end, 10);
      if (*page_size_text == '\0' || *end != '\0' || page_size < 1)
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageSize");
          return;
        }
      page_size = MIN (page_size, 1000);
    }
  if (page_text != NULL)
    {
      page = g_ascii_strtoll (page_text, &end, 10);
      if (*page_text == '\0' || *end != '\0' || page < 0 || page > G_MAXINT32)
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid Page");
          return;
        }
    }
  if (token != NULL && !((g_str_has_prefix (token, "PA") || g_str_has_prefix (token, "PB"))
                         && (is_sid (token + 2, "SM") || is_sid (token + 2, "MM"))))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageToken");
      return;
    }

  if (form_get (query, "DateSent") != NULL && (day = parse_day (form_get (query, "DateSent"))) < 0)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid DateSent");
      return;
    }
  if (form_get (query, "DateSent<") != NULL && (day_before = parse_day (form_get (query, "DateSent<"))) < 0)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid DateSent<");
      return;
    }
  if (form_get (query, "DateSent>") != NULL && (day_after = parse_day (form_get (query, "DateSent>"))) < 0)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid DateSent>");
      return;
    }

  if (to != NULL)
    g_string_append (sql, " AND to_number = ?2");
  if (from != NULL)
    g_string_append (sql, " AND from_number = ?3");
  if (day >= 0)
    g_string_append (sql, " AND date_sent >= ?4 AND date_sent < ?4 + 86400");
  /* DateSent< and DateSent> are "on or before" and "on or after". */
  if (day_before >= 0)
    g_string_append (sql, " AND date_sent < ?5 + 86400");
  if (day_after >= 0)
    g_string_append (sql, " AND date_sent >= ?6");
  if (token != NULL)
    {
      backwards = token[1] == 'B';
      g_string_append_printf (sql, " AND seq %s (SELECT seq FROM messages WHERE sid = ?7)",
                              backwards ? ">" : "<");
      g_string_append (sql, backwards ? " ORDER BY seq ASC LIMIT ?8" : " ORDER BY seq DESC LIMIT ?8");
    }
  else
    {
      g_string_append (sql, " ORDER BY seq DESC LIMIT ?8 OFFSET ?9");
    }

  stmt = db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (from != NULL)
    sqlite3_bind_text (stmt, 3, from, -1, SQLITE_TRANSIENT);
  if (day >= 0)
    sqlite3_bind_int64 (stmt, 4, day);
  if (day_before >= 0)
    sqlite3_bind_int64 (stmt, 5, day_before);
  if (day_after >= 0)
    sqlite3_bind_int64 (stmt, 6, day_after);
  if (token != NULL)
    sqlite3_bind_text (stmt, 7, token + 2, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, page_size + 1);
  if (token == NULL)
    sqlite3_bind_int64 (stmt, 9, page * page_size);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (messages, message_from_row (stmt));
  sqlite3_finalize (stmt);

  if (messages->len > page_size)
    {
      has_more = TRUE;
      g_ptr_array_remove_index (messages, messages->len - 1);
    }
  if (backwards)
    {
      /* Fetched oldest first: back to newest first. */
      for (guint i = 0; i < messages->len / 2; i++)
        {
          gpointer tmp = messages->pdata[i];

          messages->pdata[i] = messages->pdata[messages->len - 1 - i];
          messages->pdata[messages->len - 1 - i] = tmp;
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (filter_names); i++)
    {
      const char *value = form_get (query, filter_names[i]);

      if (value != NULL)
        {
          g_autofree char *name = g_uri_escape_string (filter_names[i], NULL, FALSE);
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          g_string_append_printf (filters, "%s=%s&", name, escaped);
        }
    }

  uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT "%s%s",
                         path, filters->str, page_size, page,
                         token != NULL ? "&PageToken=" : "", token != NULL ? token : "");
  first_uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=0", path, filters->str, page_size);
  if (messages->len > 0 && (backwards || has_more))
    next_uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT "&PageToken=PA%s",
                                path, filters->str, page_size, page + 1,
                                ((SimMessage *) g_ptr_array_index (messages, messages->len - 1))->sid);
  if (messages->len > 0 && page > 0 && (!backwards || has_more))
    previous_uri = g_strdup_printf ("%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT "&PageToken=PB%s",
                                    path, filters->str, page_size, page - 1,
                                    ((SimMessage *) g_ptr_array_index (messages, 0))->sid);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, page * page_size + MAX ((gint64) messages->len - 1, 0));
  add_string_or_null (builder, "first_page_uri", first_uri);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    build_message (builder, g_ptr_array_index (messages, i));
  json_builder_end_array (builder);
  add_string_or_null (builder, "next_page_uri", next_uri);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, page);
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, page_size);
  add_string_or_null (builder, "previous_page_uri", previous_uri);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, page * page_size);
  add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_OK, root);
}

/* Control API (no Twilio auth, loopback only). Every POST is form-encoded and
 * every answer is JSON:
 *
 *   POST /_sim/clock/advance   seconds=N. Moves the simulated clock, runs the
 *                              status changes that fall due, and answers once
 *                              each resulting callback was attempted:
 *                              {"clock": UNIX, "date": RFC 2822}.
 *   POST /_sim/numbers         PhoneNumber, SmsUrl, StatusCallback, AccountSid
 *                              (default: the first account). Registers or
 *                              replaces an incoming number.
 *   POST /_sim/inbound/sms     From, To (a registered number), Body, MediaUrl
 *                              (repeatable). Stores the inbound message, applies
 *                              opt-out keywords (§2.8, auto-reply stored as an
 *                              outbound-reply message) and POSTs the signed
 *                              webhook (§2.6) to the number's SmsUrl:
 *                              {"sid": "SM…", "webhook_status": HTTP status or 0}.
 *   POST /_sim/faults          path (regex), method, status, code, retry_after,
 *                              count (default 1; 0 = always), latency_ms,
 *                              mode=respond|drop-response; or
 *                              callbacks=drop|duplicate|reorder|none.
 *   POST /_sim/faults/clear    Removes every fault.
 *   GET  /_sim/requests        The REST requests received so far:
 *                              [{"method", "path", "params", "status"}].
 */

typedef struct {
  GRegex  *path;
  char    *method;
  guint    status;
  gint     code;
  gint     retry_after;
  gint     count;        /* 0: every time */
  guint    latency_ms;
  gboolean drop_response;
} Fault;

static void
fault_free (Fault *fault)
{
  g_clear_pointer (&fault->path, g_regex_unref);
  g_free (fault->method);
  g_free (fault);
}

static void
respond_ok (SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, json_object_new ());
  json_object_set_boolean_member (json_node_get_object (root), "ok", TRUE);
  respond_json (msg, SOUP_STATUS_OK, root);
}

static void
control_clock_advance (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       GPtrArray         *form)
{
  const char *text = form_get (form, "seconds");
  char *end = NULL;
  gint64 seconds;

  seconds = text != NULL ? g_ascii_strtoll (text, &end, 10) : -1;
  if (text == NULL || *text == '\0' || *end != '\0' || seconds < 0 || seconds > 10 * 365 * 86400)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "seconds must be a non-negative integer");
      return;
    }

  self->clock += seconds;
  run_due_transitions (self);
  soup_server_message_pause (msg);
  g_ptr_array_add (self->waiting_messages, g_object_ref (msg));
  send_next_callback (self);
}

static void
control_numbers (LiaisonSimServer  *self,
                 SoupServerMessage *msg,
                 GPtrArray         *form)
{
  const char *number = form_get (form, "PhoneNumber");
  const char *account_sid = form_get (form, "AccountSid");
  sqlite3_stmt *stmt;

  if (account_sid == NULL)
    account_sid = self->default_account_sid;
  if (!is_e164 (number))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21421, "PhoneNumber is invalid");
      return;
    }
  if (account_sid == NULL || !g_hash_table_contains (self->accounts, account_sid))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20404, "Unknown AccountSid");
      return;
    }

  stmt = db_prepare (self, "INSERT OR REPLACE INTO numbers VALUES (?, ?, ?, ?)");
  if (stmt == NULL)
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_sid, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, form_get (form, "SmsUrl"));
  bind_text_or_null (stmt, 4, form_get (form, "StatusCallback"));
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  respond_ok (msg);
}

static const char * const opt_out_keywords[] = { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END",
                                                 "QUIT", "REVOKE", "OPTOUT", NULL };
static const char * const opt_in_keywords[] = { "START", "YES", "UNSTOP", NULL };
static const char * const help_keywords[] = { "HELP", "INFO", NULL };

#define REPLY_STOP "You have successfully been unsubscribed. You will not receive any more " \
                   "messages from this number. Reply START to resubscribe."
#define REPLY_START "You have successfully been re-subscribed to messages from this number. " \
                    "Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply."
#define REPLY_HELP "Reply STOP to unsubscribe. Msg&Data Rates May Apply."

static gboolean
keyword_in (const char         *word,
            const char * const *keywords)
{
  for (guint i = 0; keywords[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
control_inbound_sms (LiaisonSimServer  *self,
                     SoupServerMessage *msg,
                     GPtrArray         *form)
{
  const char *from = form_get (form, "From");
  const char *to = form_get (form, "To");
  const char *body = form_get (form, "Body");
  g_autoptr(SimNumber) number = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new ();
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SimMessage) message = NULL;
  g_autofree char *word = NULL;
  g_autofree char *num_media = NULL;
  g_autofree char *num_segments = NULL;
  const char *opt_out_type = NULL;
  const char *reply = NULL;
  SimAccount *account;
  Callback *callback;

  if (!is_address (from))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21212, "From is invalid");
      return;
    }
  number = db_number_get (self, to);
  if (number == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "To is not a registered number; POST /_sim/numbers first");
      return;
    }
  account = g_hash_table_lookup (self->accounts, number->account_sid);
  if (account == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "The number's account is gone");
      return;
    }
  if (body == NULL)
    body = "";

  for (guint i = 0; i + 1 < form->len; i += 2)
    if (g_str_equal (g_ptr_array_index (form, i), "MediaUrl"))
      g_ptr_array_add (media, g_ptr_array_index (form, i + 1));
  g_ptr_array_add (media, NULL);

  message = g_new0 (SimMessage, 1);
  message->sid = new_sid (media->len > 1 ? "MM" : "SM");
  message->account_sid = g_strdup (account->sid);
  message->direction = g_strdup ("inbound");
  message->from = g_strdup (from);
  message->to = g_strdup (to);
  message->body = g_strdup (body);
  message->status = g_strdup ("received");
  message->num_segments = count_segments (body);
  message->media_urls = g_strdupv ((char **) media->pdata);
  message->date_created = self->clock;
  message->date_updated = self->clock;
  message->date_sent = self->clock;
  if (!db_message_insert (self, message))
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  /* Whole-message single keyword only (§2.8). */
  word = g_strstrip (g_strdup (body));
  if (keyword_in (word, opt_out_keywords))
    {
      opt_out_type = "STOP";
      reply = REPLY_STOP;
      db_set_opt_out (self, account->sid, to, from, TRUE);
    }
  else if (keyword_in (word, opt_in_keywords))
    {
      opt_out_type = "START";
      reply = REPLY_START;
      db_set_opt_out (self, account->sid, to, from, FALSE);
    }
  else if (keyword_in (word, help_keywords))
    {
      opt_out_type = "HELP";
      reply = REPLY_HELP;
    }
  if (reply != NULL)
    {
      g_autoptr(SimMessage) auto_reply = create_outbound (self, account->sid, "outbound-reply",
                                                          to, from, reply, NULL, NULL, NULL);

      if (auto_reply == NULL)
        g_warning ("The auto-reply could not be stored");
    }

  num_media = g_strdup_printf ("%u", media->len - 1);
  num_segments = g_strdup_printf ("%d", message->num_segments);
  pairs_add (pairs, "AccountSid", account->sid);
  pairs_add (pairs, "ApiVersion", "2010-04-01");
  pairs_add (pairs, "Body", body);
  pairs_add (pairs, "From", from);
  pairs_add (pairs, "FromCity", "");
  pairs_add (pairs, "FromCountry", "");
  pairs_add (pairs, "FromState", "");
  pairs_add (pairs, "FromZip", "");
  for (guint i = 0; i + 1 < media->len; i++)
    {
      g_autofree char *url_name = g_strdup_printf ("MediaUrl%u", i);
      g_autofree char *type_name = g_strdup_printf ("MediaContentType%u", i);

      pairs_add (pairs, type_name, guess_content_type (g_ptr_array_index (media, i)));
      pairs_add (pairs, url_name, g_ptr_array_index (media, i));
    }
  pairs_add (pairs, "MessageSid", message->sid);
  pairs_add (pairs, "NumMedia", num_media);
  pairs_add (pairs, "NumSegments", num_segments);
  if (opt_out_type != NULL)
    pairs_add (pairs, "OptOutType", opt_out_type);
  pairs_add (pairs, "SmsMessageSid", message->sid);
  pairs_add (pairs, "SmsSid", message->sid);
  pairs_add (pairs, "SmsStatus", "received");
  pairs_add (pairs, "To", to);
  pairs_add (pairs, "ToCity", "");
  pairs_add (pairs, "ToCountry", "");
  pairs_add (pairs, "ToState", "");
  pairs_add (pairs, "ToZip", "");

  LIAISON_DEBUG_MASKED (from, "Inbound message from %s: %s", message->sid);

  if (number->sms_url == NULL || *number->sms_url == '\0')
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (root, json_object_new ());
      json_object_set_string_member (json_node_get_object (root), "sid", message->sid);
      json_object_set_int_member (json_node_get_object (root), "webhook_status", 0);
      respond_json (msg, SOUP_STATUS_OK, root);
      return;
    }

  callback = g_new0 (Callback, 1);
  callback->url = g_strdup (number->sms_url);
  callback->params = pairs_to_strv (pairs);
  callback->auth_token = g_strdup (account->auth_token);
  callback->idempotency_token = new_idempotency_token ();
  callback->inbound_reply = g_object_ref (msg);
  callback->inbound_sid = g_strdup (message->sid);
  soup_server_message_pause (msg);
  enqueue_callback (self, callback);
  send_next_callback (self);
}

/* An optional integer parameter in [min, max]; FALSE when present but not
 * one. */
static gboolean
form_get_int (GPtrArray  *form,
              const char *name,
              gint64      min,
              gint64      max,
              gint64      fallback,
              gint64     *out_value)
{
  const char *text = form_get (form, name);
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    {
      *out_value = fallback;
      return TRUE;
    }
  value = g_ascii_strtoll (text, &end, 10);
  if (*text == '\0' || *end != '\0' || value < min || value > max)
    return FALSE;
  *out_value = value;
  return TRUE;
}

static void
control_faults (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                GPtrArray         *form)
{
  const char *callbacks = form_get (form, "callbacks");
  const char *path = form_get (form, "path");
  const char *mode = form_get (form, "mode");
  gint64 status, code, retry_after, n, latency_ms;
  g_autoptr(GError) error = NULL;
  Fault *fault;

  if (callbacks != NULL)
    {
      if (!g_str_equal (callbacks, "drop") && !g_str_equal (callbacks, "duplicate")
          && !g_str_equal (callbacks, "reorder") && !g_str_equal (callbacks, "none"))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "callbacks must be drop, duplicate, reorder or none");
          return;
        }
      g_free (self->callback_fault);
      self->callback_fault = g_str_equal (callbacks, "none") ? NULL : g_strdup (callbacks);
      if (path == NULL)
        {
          respond_ok (msg);
          return;
        }
    }

  if (mode != NULL && !g_str_equal (mode, "respond") && !g_str_equal (mode, "drop-response"))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "mode must be respond or drop-response");
      return;
    }

  if (!form_get_int (form, "status", 200, 599, 500, &status)
      || !form_get_int (form, "code", 0, 99999, 20500, &code)
      || !form_get_int (form, "retry_after", 0, 86400, 0, &retry_after)
      || !form_get_int (form, "count", 0, G_MAXINT, 1, &n)
      || !form_get_int (form, "latency_ms", 0, 60000, 0, &latency_ms))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                     "status (200-599), code, retry_after (0-86400), count (0 = always) and "
                     "latency_ms (0-60000) must be integers in range");
      return;
    }

  fault = g_new0 (Fault, 1);
  fault->path = g_regex_new (path != NULL ? path : ".*", 0, 0, &error);
  if (fault->path == NULL)
    {
      fault_free (fault);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, error->message);
      return;
    }
  fault->method = g_strdup (form_get (form, "method"));
  fault->status = (guint) status;
  fault->code = (gint) code;
  fault->retry_after = (gint) retry_after;
  fault->count = (gint) n;
  fault->latency_ms = (guint) latency_ms;
  fault->drop_response = g_strcmp0 (mode, "drop-response") == 0;
  g_ptr_array_add (self->faults, fault);

  respond_ok (msg);
}

static void
control_faults_clear (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      GPtrArray         *form)
{
  g_ptr_array_set_size (self->faults, 0);
  g_clear_pointer (&self->callback_fault, g_free);
  respond_ok (msg);
}

static void
control_requests (LiaisonSimServer  *self,
                  SoupServerMessage *msg,
                  GPtrArray         *form)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->requests->len; i++)
    json_array_add_element (array, json_node_copy (g_ptr_array_index (self->requests, i)));
  json_node_take_array (root, array);
  respond_json (msg, SOUP_STATUS_OK, root);
}

static const struct {
  const char *method;
  const char *path;
  void      (*handler) (LiaisonSimServer *, SoupServerMessage *, GPtrArray *);
} control_routes[] = {
  { "POST", "/_sim/clock/advance", control_clock_advance },
  { "POST", "/_sim/numbers", control_numbers },
  { "POST", "/_sim/inbound/sms", control_inbound_sms },
  { "POST", "/_sim/faults", control_faults },
  { "POST", "/_sim/faults/clear", control_faults_clear },
  { "GET", "/_sim/requests", control_requests },
};

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
      respond_error (msg, SOUP_STATUS_FORBIDDEN, 20403, "The control API answers loopback clients only");
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (control_routes); i++)
    {
      if (g_str_equal (path, control_routes[i].path))
        {
          g_autoptr(GPtrArray) form = NULL;

          if (!g_str_equal (method, control_routes[i].method))
            {
              respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 20004, "Method not allowed");
              return;
            }
          form = request_form (msg);
          control_routes[i].handler (self, msg, form);
          return;
        }
    }

  respond_not_found (msg, path);
}

/* Faults and the request log, for REST requests. */

static Fault *
find_fault (LiaisonSimServer *self,
            const char       *method,
            const char       *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

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
  g_autoptr(GPtrArray) params = g_str_equal (method, "GET") ? request_query (msg) : request_form (msg);
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
  Fault *fault = NULL;
  gboolean drop = FALSE;
  guint latency_ms = 0;

  if (g_str_has_prefix (path, "/_sim/"))
    {
      handle_control (self, msg, path);
      return;
    }

  switch (authenticate (self, msg, &account))
    {
    case AUTH_MISSING:
      respond_unauthorized (msg, "Authentication Error - No credentials provided");
      goto out;

    case AUTH_WRONG:
      respond_unauthorized (msg, "Authenticate");
      goto out;

    case AUTH_OK:
    default:
      break;
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

  if (found == NULL)
    {
      if (path_matched)
        respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 20004, "Method not allowed");
      else
        respond_not_found (msg, path);
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
              g_autofree char *seconds = g_strdup_printf ("%d", fault->retry_after);

              soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                            "Retry-After", seconds);
            }
          respond_error (msg, fault->status, fault->code,
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

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->api_keys, g_hash_table_unref);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_queue_clear_full (&self->callbacks, (GDestroyNotify) callback_free);
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
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  g_queue_init (&self->callbacks);
  self->clock = g_get_real_time () / G_USEC_PER_SEC;
  self->session = soup_session_new_with_options ("timeout", 15, "user-agent", "TwilioProxy/1.1", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (route_specs); i++)
    {
      Route *route = g_new0 (Route, 1);

      route->spec = &route_specs[i];
      /* The patterns are constants of this file. */
      route->regex = g_regex_new (route_specs[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (route->regex != NULL);
      g_ptr_array_add (self->routes, route);
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
  stmt = db_prepare (self, "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?)");
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
  stmt = db_prepare (self, "INSERT OR REPLACE INTO api_keys VALUES (?, ?, ?)");
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
  sqlite3_stmt *stmt = db_prepare (self, "SELECT sid, auth_token, date_created FROM accounts ORDER BY rowid");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimAccount *account;
      g_autofree char *sid = dup_column (stmt, 0);

      if (sid == NULL || g_hash_table_contains (self->accounts, sid))
        continue;
      account = g_new0 (SimAccount, 1);
      account->sid = g_steal_pointer (&sid);
      account->auth_token = dup_column (stmt, 1);
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

  stmt = db_prepare (self, "SELECT sid, secret, account_sid FROM api_keys");
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SimApiKey *key = g_new0 (SimApiKey, 1);

      key->sid = dup_column (stmt, 0);
      key->secret = dup_column (stmt, 1);
      key->account_sid = dup_column (stmt, 2);
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
      wipe_free (account->auth_token);
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

static char *
random_hex (guint n_chars)
{
  g_autoptr(GRand) rand = g_rand_new ();   /* seeded from /dev/urandom */
  GString *str = g_string_sized_new (n_chars);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (str, "0123456789abcdef"[g_rand_int_range (rand, 0, 16)]);

  return g_string_free (str, FALSE);
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
      sid_hex = random_hex (32);
      sid = g_strconcat ("AC", sid_hex, NULL);
    }
  while (g_hash_table_contains (self->accounts, sid));

  token = random_hex (32);
  if (!liaison_sim_server_add_account (self, sid, token, NULL))
    g_assert_not_reached ();

  if (out_account_sid != NULL)
    *out_account_sid = g_steal_pointer (&sid);
  if (out_auth_token != NULL)
    *out_auth_token = g_steal_pointer (&token);
  else
    wipe_free (token);
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
      wipe_free (key->secret);
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
      || sqlite3_exec (self->db, SCHEMA, NULL, NULL, &message) != SQLITE_OK)
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
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!is_e164 (phone_number))
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

  stmt = db_prepare (self, "INSERT OR REPLACE INTO numbers VALUES (?, ?, ?, NULL)");
  if (stmt == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, sqlite3_errmsg (self->db));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, phone_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->default_account_sid, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, sms_url);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);

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
