/* liaison-sim-util.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"

#include <string.h>

void
sim_wipe_free (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

gboolean
sim_is_sid (const char *value,
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
gboolean
sim_secret_equal (const char *presented,
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
char *
sim_format_rfc2822 (GDateTime *date_time)
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

void
sim_respond_json (SoupServerMessage *msg,
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
void
sim_respond_error (SoupServerMessage *msg,
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
  sim_respond_json (msg, status, root);
}

/* 401 with code 20003 (TWILIO.md §1.2), and the Basic challenge. */
void
sim_respond_unauthorized (SoupServerMessage *msg,
                      const char        *message)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", AUTH_CHALLENGE);
  sim_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, 20003, message);
}

void
sim_respond_not_found (SoupServerMessage *msg,
                   const char        *path)
{
  g_autofree char *message = g_strdup_printf ("The requested resource %s was not found", path);

  sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, message);
}

char *
sim_dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

sqlite3_stmt *
sim_db_prepare (LiaisonSimServer *self,
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

void
sim_bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
sim_number_free (SimNumber *number)
{
  g_free (number->sid);
  g_free (number->phone_number);
  g_free (number->account_sid);
  g_free (number->friendly_name);
  g_free (number->sms_url);
  g_free (number->sms_method);
  g_free (number->status_callback);
  g_free (number->status_callback_method);
  g_free (number->voice_url);
  g_free (number->voice_method);
  g_free (number->voice_fallback_url);
  g_free (number);
}

#define NUMBER_COLUMNS \
  "sid, phone_number, account_sid, friendly_name, sms_url, sms_method, status_callback," \
  " status_callback_method, voice_url, voice_method, voice_fallback_url, date_created," \
  " date_updated"

SimNumber *
sim_db_number_get (LiaisonSimServer *self,
                   const char       *phone_number)
{
  sqlite3_stmt *stmt;
  SimNumber *number = NULL;

  if (phone_number == NULL)
    return NULL;
  stmt = sim_db_prepare (self, "SELECT " NUMBER_COLUMNS " FROM phone_numbers WHERE phone_number = ?");
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, phone_number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      number = g_new0 (SimNumber, 1);
      number->sid = sim_dup_column (stmt, 0);
      number->phone_number = sim_dup_column (stmt, 1);
      number->account_sid = sim_dup_column (stmt, 2);
      number->friendly_name = sim_dup_column (stmt, 3);
      number->sms_url = sim_dup_column (stmt, 4);
      number->sms_method = sim_dup_column (stmt, 5);
      number->status_callback = sim_dup_column (stmt, 6);
      number->status_callback_method = sim_dup_column (stmt, 7);
      number->voice_url = sim_dup_column (stmt, 8);
      number->voice_method = sim_dup_column (stmt, 9);
      number->voice_fallback_url = sim_dup_column (stmt, 10);
      number->date_created = sqlite3_column_int64 (stmt, 11);
      number->date_updated = sqlite3_column_int64 (stmt, 12);
    }
  sqlite3_finalize (stmt);

  return number;
}

gboolean
sim_db_number_put (LiaisonSimServer *self,
                   SimNumber        *number)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (number->sid == NULL)
    number->sid = sim_new_sid ("PN");
  if (number->date_created == 0)
    number->date_created = self->clock;
  number->date_updated = self->clock;

  stmt = sim_db_prepare (self, "INSERT OR REPLACE INTO phone_numbers (" NUMBER_COLUMNS ")"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number->phone_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, number->account_sid, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 4, number->friendly_name);
  sim_bind_text_or_null (stmt, 5, number->sms_url);
  sim_bind_text_or_null (stmt, 6, number->sms_method);
  sim_bind_text_or_null (stmt, 7, number->status_callback);
  sim_bind_text_or_null (stmt, 8, number->status_callback_method);
  sim_bind_text_or_null (stmt, 9, number->voice_url);
  sim_bind_text_or_null (stmt, 10, number->voice_method);
  sim_bind_text_or_null (stmt, 11, number->voice_fallback_url);
  sqlite3_bind_int64 (stmt, 12, number->date_created);
  sqlite3_bind_int64 (stmt, 13, number->date_updated);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);

  return ok;
}

/* Forms: an ordered list of names and values so that repeated names
 * (MediaUrl) survive. */

GPtrArray *
sim_parse_form (const char *data,
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

GPtrArray *
sim_request_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return sim_parse_form (data, length);
}

GPtrArray *
sim_request_query (SoupServerMessage *msg)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  return sim_parse_form (query, query != NULL ? strlen (query) : 0);
}

const char *
sim_form_get (GPtrArray  *pairs,
          const char *name)
{
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (g_str_equal (g_ptr_array_index (pairs, i), name))
      return g_ptr_array_index (pairs, i + 1);
  return NULL;
}

/* A NULL-terminated copy of the pairs for liaison_webhook_signature_*. */
GStrv
sim_pairs_to_strv (GPtrArray *pairs)
{
  GStrv strv = g_new0 (char *, pairs->len + 1);

  for (guint i = 0; i < pairs->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (pairs, i));
  return strv;
}

void
sim_pairs_add (GPtrArray  *pairs,
           const char *name,
           const char *value)
{
  g_ptr_array_add (pairs, g_strdup (name));
  g_ptr_array_add (pairs, g_strdup (value != NULL ? value : ""));
}

gboolean
sim_is_e164 (const char *number)
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

gboolean
sim_is_address (const char *address)
{
  if (address != NULL && g_str_has_prefix (address, "whatsapp:"))
    return sim_is_e164 (address + strlen ("whatsapp:"));
  return sim_is_e164 (address);
}

char *
sim_new_sid (const char *prefix)
{
  g_autofree char *hex = sim_random_hex (32);

  return g_strconcat (prefix, hex, NULL);
}

char *
sim_format_unix (gint64 seconds)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (seconds);

  return sim_format_rfc2822 (date_time);
}

void
sim_add_date_member (JsonBuilder *builder,
                 const char  *name,
                 gint64       seconds)
{
  json_builder_set_member_name (builder, name);
  if (seconds != 0)
    {
      g_autofree char *text = sim_format_unix (seconds);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

void
sim_add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
sim_respond_ok (SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, json_object_new ());
  json_object_set_boolean_member (json_node_get_object (root), "ok", TRUE);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

/* An optional integer parameter in [min, max]; FALSE when present but not
 * one. */
gboolean
sim_form_get_int (GPtrArray  *form,
              const char *name,
              gint64      min,
              gint64      max,
              gint64      fallback,
              gint64     *out_value)
{
  const char *text = sim_form_get (form, name);
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

char *
sim_random_hex (guint n_chars)
{
  g_autoptr(GRand) rand = g_rand_new ();   /* seeded from /dev/urandom */
  GString *str = g_string_sized_new (n_chars);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (str, "0123456789abcdef"[g_rand_int_range (rand, 0, 16)]);

  return g_string_free (str, FALSE);
}

gpointer
sim_db_get_by_sid (LiaisonSimServer *self,
                   const char       *sql,
                   const char       *account_sid,
                   const char       *sid,
                   SimRowFunc        row)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, sql);
  gpointer result = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_sid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = row (stmt);
  sqlite3_finalize (stmt);

  return result;
}

gint
sim_db_delete_by_sid (LiaisonSimServer *self,
                      const char       *sql,
                      const char       *account_sid,
                      const char       *sid)
{
  sqlite3_stmt *stmt = sim_db_prepare (self, sql);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account_sid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return -1;
  return sqlite3_changes (self->db) > 0 ? 1 : 0;
}

/* Paging */

gboolean
sim_paging_parse (SoupServerMessage *msg,
                  GPtrArray         *query,
                  SimPaging         *paging)
{
  const char *token = sim_form_get (query, "PageToken");

  paging->page_size = 50;
  paging->page = 0;
  paging->after_seq = -1;

  if (!sim_form_get_int (query, "PageSize", 1, G_MAXINT32, 50, &paging->page_size))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageSize");
      return FALSE;
    }
  paging->page_size = MIN (paging->page_size, 1000);
  if (!sim_form_get_int (query, "Page", 0, G_MAXINT32, 0, &paging->page))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid Page");
      return FALSE;
    }
  if (token != NULL)
    {
      char *end = NULL;

      if (!g_str_has_prefix (token, "PA") || !g_ascii_isdigit (token[2]))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageToken");
          return FALSE;
        }
      paging->after_seq = g_ascii_strtoll (token + 2, &end, 10);
      if (*end != '\0' || paging->after_seq < 0)
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Invalid PageToken");
          return FALSE;
        }
    }

  return TRUE;
}

void
sim_paging_append_sql (const SimPaging *paging,
                       GString         *sql,
                       int              first_column)
{
  if (paging->after_seq >= 0)
    g_string_append_printf (sql, " AND seq < ?%d ORDER BY seq DESC LIMIT ?%d",
                            first_column, first_column + 1);
  else
    g_string_append_printf (sql, " ORDER BY seq DESC LIMIT ?%d OFFSET ?%d",
                            first_column + 1, first_column + 2);
}

void
sim_paging_bind (const SimPaging *paging,
                 sqlite3_stmt    *stmt,
                 int              first_column)
{
  if (paging->after_seq >= 0)
    {
      sqlite3_bind_int64 (stmt, first_column, paging->after_seq);
      sqlite3_bind_int64 (stmt, first_column + 1, paging->page_size + 1);
    }
  else
    {
      sqlite3_bind_int64 (stmt, first_column + 1, paging->page_size + 1);
      sqlite3_bind_int64 (stmt, first_column + 2, paging->page * paging->page_size);
    }
}

void
sim_respond_page (LiaisonSimServer  *self,
                  SoupServerMessage *msg,
                  const SimPaging   *paging,
                  gboolean           v1_style,
                  const char        *key,
                  JsonArray         *items,
                  gboolean           has_more,
                  gint64             last_seq,
                  const char        *filters)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) items_node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *base = v1_style ? liaison_sim_server_get_url (self) : g_strdup ("");
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  guint n_items = json_array_get_length (items);
  g_autofree char *uri = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *next_uri = NULL;

  if (filters == NULL)
    filters = "";
  json_node_take_array (items_node, items);

  if (paging->after_seq >= 0)
    uri = g_strdup_printf ("%s%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT
                           "&PageToken=PA%" G_GINT64_FORMAT,
                           base, path, filters, paging->page_size, paging->page, paging->after_seq);
  else
    uri = g_strdup_printf ("%s%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT,
                           base, path, filters, paging->page_size, paging->page);
  first_uri = g_strdup_printf ("%s%s?%sPageSize=%" G_GINT64_FORMAT "&Page=0",
                               base, path, filters, paging->page_size);
  if (has_more && n_items > 0)
    next_uri = g_strdup_printf ("%s%s?%sPageSize=%" G_GINT64_FORMAT "&Page=%" G_GINT64_FORMAT
                                "&PageToken=PA%" G_GINT64_FORMAT,
                                base, path, filters, paging->page_size, paging->page + 1, last_seq);

  json_builder_begin_object (builder);
  if (v1_style)
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_value (builder, g_steal_pointer (&items_node));
      json_builder_set_member_name (builder, "meta");
      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "first_page_url", first_uri);
      sim_add_string_or_null (builder, "key", key);
      sim_add_string_or_null (builder, "next_page_url", next_uri);
      json_builder_set_member_name (builder, "page");
      json_builder_add_int_value (builder, paging->page);
      json_builder_set_member_name (builder, "page_size");
      json_builder_add_int_value (builder, paging->page_size);
      /* Going back needs the first row of the previous page, which keyset
       * paging does not keep: the first page is the way back. */
      sim_add_string_or_null (builder, "previous_page_url", paging->page > 0 ? first_uri : NULL);
      sim_add_string_or_null (builder, "url", uri);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, paging->page * paging->page_size + MAX ((gint64) n_items - 1, 0));
      sim_add_string_or_null (builder, "first_page_uri", first_uri);
      json_builder_set_member_name (builder, key);
      json_builder_add_value (builder, g_steal_pointer (&items_node));
      sim_add_string_or_null (builder, "next_page_uri", next_uri);
      json_builder_set_member_name (builder, "page");
      json_builder_add_int_value (builder, paging->page);
      json_builder_set_member_name (builder, "page_size");
      json_builder_add_int_value (builder, paging->page_size);
      sim_add_string_or_null (builder, "previous_page_uri", paging->page > 0 ? first_uri : NULL);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, paging->page * paging->page_size);
      sim_add_string_or_null (builder, "uri", uri);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}
