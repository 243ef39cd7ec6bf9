/* liaison-sim-intelligence.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-audio.h"
#include "liaison-sim-recordings-private.h"

#include <string.h>

/* Voice Intelligence v2 (TWILIO.md §4.6): Services, Transcripts of the
 * simulator's own recordings, their Sentences and a text-generation
 * OperatorResult. A transcript goes queued → in-progress (+1 s) → completed
 * (+3 s) on the simulated clock; then, when its Service has a WebhookUrl,
 * the simulator sends it a signed form-encoded notification (account_sid,
 * customer_key, event_type = voice_intelligence_transcript_available,
 * service_sid, transcript_sid). Sentences follow the timing model of
 * liaison-sim-audio.h, so they line up with the rendered audio. */

#define QUEUED_SECONDS       1
#define IN_PROGRESS_SECONDS  3
#define SUMMARY_OPERATOR     "LYaaaa0000000000000000000000000001"

#define SERVICE_COLUMNS \
  "seq, sid, account_sid, unique_name, friendly_name, language_code, auto_transcribe," \
  " auto_redaction, media_redaction, webhook_url, webhook_method, date_created, date_updated"

#define TRANSCRIPT_COLUMNS \
  "seq, sid, account_sid, service_sid, recording_sid, channel, customer_key, status, duration," \
  " speech, speech_other, channels, date_created, date_updated, next_at"

typedef struct {
  gint64    seq;
  char     *sid;
  char     *account_sid;
  char     *unique_name;
  char     *friendly_name;
  char     *language_code;
  gboolean  auto_transcribe;
  gboolean  auto_redaction;
  gboolean  media_redaction;
  char     *webhook_url;
  char     *webhook_method;
  gint64    date_created;
  gint64    date_updated;
} SimService;

typedef struct {
  gint64  seq;
  char   *sid;
  char   *account_sid;
  char   *service_sid;
  char   *recording_sid;
  char   *channel;
  char   *customer_key;
  char   *status;
  guint   duration;
  char   *speech;
  char   *speech_other;
  guint   channels;
  gint64  date_created;
  gint64  date_updated;
  gint64  next_at;
} SimTranscript;

static void
sim_service_free (SimService *service)
{
  g_free (service->sid);
  g_free (service->account_sid);
  g_free (service->unique_name);
  g_free (service->friendly_name);
  g_free (service->language_code);
  g_free (service->webhook_url);
  g_free (service->webhook_method);
  g_free (service);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimService, sim_service_free)

static void
sim_transcript_free (SimTranscript *transcript)
{
  g_free (transcript->sid);
  g_free (transcript->account_sid);
  g_free (transcript->service_sid);
  g_free (transcript->recording_sid);
  g_free (transcript->channel);
  g_free (transcript->customer_key);
  g_free (transcript->status);
  g_free (transcript->speech);
  g_free (transcript->speech_other);
  g_free (transcript);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTranscript, sim_transcript_free)

static SimService *
service_from_row (sqlite3_stmt *stmt)
{
  SimService *service = g_new0 (SimService, 1);

  service->seq = sqlite3_column_int64 (stmt, 0);
  service->sid = sim_dup_column (stmt, 1);
  service->account_sid = sim_dup_column (stmt, 2);
  service->unique_name = sim_dup_column (stmt, 3);
  service->friendly_name = sim_dup_column (stmt, 4);
  service->language_code = sim_dup_column (stmt, 5);
  service->auto_transcribe = sqlite3_column_int (stmt, 6);
  service->auto_redaction = sqlite3_column_int (stmt, 7);
  service->media_redaction = sqlite3_column_int (stmt, 8);
  service->webhook_url = sim_dup_column (stmt, 9);
  service->webhook_method = sim_dup_column (stmt, 10);
  service->date_created = sqlite3_column_int64 (stmt, 11);
  service->date_updated = sqlite3_column_int64 (stmt, 12);
  return service;
}

static SimTranscript *
transcript_from_row (sqlite3_stmt *stmt)
{
  SimTranscript *transcript = g_new0 (SimTranscript, 1);

  transcript->seq = sqlite3_column_int64 (stmt, 0);
  transcript->sid = sim_dup_column (stmt, 1);
  transcript->account_sid = sim_dup_column (stmt, 2);
  transcript->service_sid = sim_dup_column (stmt, 3);
  transcript->recording_sid = sim_dup_column (stmt, 4);
  transcript->channel = sim_dup_column (stmt, 5);
  transcript->customer_key = sim_dup_column (stmt, 6);
  transcript->status = sim_dup_column (stmt, 7);
  transcript->duration = sqlite3_column_int (stmt, 8);
  transcript->speech = sim_dup_column (stmt, 9);
  transcript->speech_other = sim_dup_column (stmt, 10);
  transcript->channels = sqlite3_column_int (stmt, 11);
  transcript->date_created = sqlite3_column_int64 (stmt, 12);
  transcript->date_updated = sqlite3_column_int64 (stmt, 13);
  transcript->next_at = sqlite3_column_int64 (stmt, 14);
  return transcript;
}

static SimService *
db_service_get (LiaisonSimServer *self,
                const char       *account_sid,
                const char       *sid)
{
  return sim_db_get_by_sid (self, "SELECT " SERVICE_COLUMNS " FROM intelligence_services"
                                  " WHERE sid = ? AND account_sid = ?",
                            account_sid, sid, (SimRowFunc) service_from_row);
}

static SimTranscript *
db_transcript_get (LiaisonSimServer *self,
                   const char       *account_sid,
                   const char       *sid)
{
  return sim_db_get_by_sid (self, "SELECT " TRANSCRIPT_COLUMNS " FROM intelligence_transcripts"
                                  " WHERE sid = ? AND account_sid = ?",
                            account_sid, sid, (SimRowFunc) transcript_from_row);
}

static char *
v2_url (LiaisonSimServer *self,
        const char       *first,
        ...) G_GNUC_NULL_TERMINATED;

/* The simulator's URL followed by the given path pieces. */
static char *
v2_url (LiaisonSimServer *self,
        const char       *first,
        ...)
{
  g_autofree char *base = liaison_sim_server_get_url (self);
  GString *str = g_string_new (base);
  va_list args;

  va_start (args, first);
  for (const char *piece = first; piece != NULL; piece = va_arg (args, const char *))
    g_string_append (str, piece);
  va_end (args);
  return g_string_free (str, FALSE);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
build_service (LiaisonSimServer *self,
               JsonBuilder      *builder,
               SimService       *service)
{
  g_autofree char *url = v2_url (self, "/v2/Services/", service->sid, NULL);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", service->account_sid);
  add_bool (builder, "auto_redaction", service->auto_redaction);
  add_bool (builder, "auto_transcribe", service->auto_transcribe);
  add_bool (builder, "data_logging", FALSE);
  sim_add_iso_date_member (builder, "date_created", service->date_created);
  sim_add_iso_date_member (builder, "date_updated", service->date_updated);
  sim_add_string_or_null (builder, "encryption_credential_sid", NULL);
  sim_add_string_or_null (builder, "friendly_name", service->friendly_name);
  sim_add_string_or_null (builder, "language_code", service->language_code);
  add_bool (builder, "media_redaction", service->media_redaction);
  json_builder_set_member_name (builder, "read_only_attached_operator_sids");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SUMMARY_OPERATOR);
  json_builder_end_array (builder);
  sim_add_string_or_null (builder, "sid", service->sid);
  sim_add_string_or_null (builder, "unique_name", service->unique_name);
  sim_add_string_or_null (builder, "url", url);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  /* The enum spells "no webhook" as the string "NULL". */
  sim_add_string_or_null (builder, "webhook_http_method", service->webhook_url != NULL ? service->webhook_method : "NULL");
  sim_add_string_or_null (builder, "webhook_url", service->webhook_url);
  json_builder_end_object (builder);
}

static void
build_transcript (LiaisonSimServer *self,
                  JsonBuilder      *builder,
                  SimTranscript    *transcript)
{
  g_autoptr(SimService) service = db_service_get (self, transcript->account_sid, transcript->service_sid);
  g_autofree char *url = v2_url (self, "/v2/Transcripts/", transcript->sid, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char * const links[] = { "sentences", "/Sentences", "encrypted_sentences", "/Sentences/Encrypted",
                                 "media", "/Media", "operator_results", "/OperatorResults",
                                 "encrypted_operator_results", "/OperatorResults/Encrypted" };

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", transcript->account_sid);
  json_builder_set_member_name (builder, "channel");
  if (json_parser_load_from_data (parser, transcript->channel, -1, NULL) && json_parser_get_root (parser) != NULL)
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
  sim_add_string_or_null (builder, "customer_key", transcript->customer_key);
  add_bool (builder, "data_logging", FALSE);
  sim_add_iso_date_member (builder, "date_created", transcript->date_created);
  sim_add_iso_date_member (builder, "date_updated", transcript->date_updated);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, g_str_equal (transcript->status, "completed") ? transcript->duration : 0);
  sim_add_string_or_null (builder, "encryption_credential_sid", NULL);
  sim_add_string_or_null (builder, "language_code", service != NULL ? service->language_code : "en-US");
  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (links); i += 2)
    {
      g_autofree char *link = g_strconcat (url, links[i + 1], NULL);

      sim_add_string_or_null (builder, links[i], link);
    }
  json_builder_end_object (builder);
  sim_add_string_or_null (builder, "media_start_time", NULL);
  add_bool (builder, "redaction", service != NULL && service->auto_redaction);
  sim_add_string_or_null (builder, "service_sid", transcript->service_sid);
  sim_add_string_or_null (builder, "sid", transcript->sid);
  sim_add_string_or_null (builder, "status", transcript->status);
  sim_add_string_or_null (builder, "url", url);
  json_builder_end_object (builder);
}

static void
respond_built (SoupServerMessage *msg,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  sim_respond_json (msg, status, root);
}

static gboolean
parse_bool (GPtrArray  *form,
            const char *name,
            gboolean   *out_value)
{
  const char *text = sim_form_get (form, name);

  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "true") == 0)
    *out_value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    *out_value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Services */

void
sim_intelligence_services_create (LiaisonSimServer  *self,
                                  SoupServerMessage *msg,
                                  SimAccount        *account,
                                  GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = sim_request_form (msg);
  g_autoptr(SimService) service = g_new0 (SimService, 1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *unique_name = sim_form_get (form, "UniqueName");
  const char *method = sim_form_get (form, "WebhookHttpMethod");
  const char *webhook_url = sim_form_get (form, "WebhookUrl");
  sqlite3_stmt *stmt;

  if (unique_name == NULL || unique_name[0] == '\0')
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Missing required parameter UniqueName in the post body");
      return;
    }
  if (!parse_bool (form, "AutoTranscribe", &service->auto_transcribe)
      || !parse_bool (form, "AutoRedaction", &service->auto_redaction)
      || !parse_bool (form, "MediaRedaction", &service->media_redaction))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "AutoTranscribe, AutoRedaction and MediaRedaction are true or false");
      return;
    }
  if (method != NULL && !g_str_equal (method, "GET") && !g_str_equal (method, "POST") && !g_str_equal (method, "NULL"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "WebhookHttpMethod must be GET, POST or NULL");
      return;
    }
  if (webhook_url != NULL && webhook_url[0] != '\0'
      && !g_str_has_prefix (webhook_url, "http://") && !g_str_has_prefix (webhook_url, "https://"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "WebhookUrl is not a URL");
      return;
    }

  service->sid = sim_new_sid ("GA");
  service->account_sid = g_strdup (account->sid);
  service->unique_name = g_strdup (unique_name);
  service->friendly_name = g_strdup (sim_form_get (form, "FriendlyName"));
  service->language_code = g_strdup (sim_form_get (form, "LanguageCode") != NULL
                                     ? sim_form_get (form, "LanguageCode") : "en-US");
  service->webhook_url = webhook_url != NULL && webhook_url[0] != '\0' ? g_strdup (webhook_url) : NULL;
  service->webhook_method = g_strdup (method != NULL && !g_str_equal (method, "NULL") ? method : "POST");
  service->date_created = self->clock;
  service->date_updated = self->clock;

  stmt = sim_db_prepare (self, "INSERT INTO intelligence_services (sid, account_sid, unique_name, friendly_name,"
                               " language_code, auto_transcribe, auto_redaction, media_redaction, webhook_url,"
                               " webhook_method, date_created, date_updated)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, service->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service->account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, service->unique_name, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 4, service->friendly_name);
  sqlite3_bind_text (stmt, 5, service->language_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, service->auto_transcribe);
  sqlite3_bind_int (stmt, 7, service->auto_redaction);
  sqlite3_bind_int (stmt, 8, service->media_redaction);
  sim_bind_text_or_null (stmt, 9, service->webhook_url);
  sqlite3_bind_text (stmt, 10, service->webhook_method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, service->date_created);
  sqlite3_bind_int64 (stmt, 12, service->date_updated);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_finalize (stmt);

  build_service (self, builder, service);
  respond_built (msg, SOUP_STATUS_CREATED, builder);
}

void
sim_intelligence_services_list (LiaisonSimServer  *self,
                                SoupServerMessage *msg,
                                SimAccount        *account,
                                GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " SERVICE_COLUMNS " FROM intelligence_services"
                                         " WHERE account_sid = ?1");
  g_autoptr(JsonArray) items = json_array_new ();
  SimPaging paging;
  gboolean has_more = FALSE;
  gint64 last_seq = 0;
  guint n = 0;
  sqlite3_stmt *stmt;

  if (!sim_paging_parse (msg, query, &paging))
    return;
  sim_paging_append_sql (&paging, sql, 2);
  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  sim_paging_bind (&paging, stmt, 2);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SimService) service = NULL;
      g_autoptr(JsonBuilder) builder = NULL;

      if (n == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      service = service_from_row (stmt);
      builder = json_builder_new ();
      build_service (self, builder, service);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = service->seq;
      n++;
    }
  sqlite3_finalize (stmt);

  sim_respond_page (self, msg, &paging, TRUE, "services", g_steal_pointer (&items), has_more, last_seq, NULL);
}

void
sim_intelligence_service_fetch (LiaisonSimServer  *self,
                                SoupServerMessage *msg,
                                SimAccount        *account,
                                GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  g_autoptr(SimService) service = db_service_get (self, account->sid, sid);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (service == NULL)
    {
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    }
  build_service (self, builder, service);
  respond_built (msg, SOUP_STATUS_OK, builder);
}

void
sim_intelligence_service_delete (LiaisonSimServer  *self,
                                 SoupServerMessage *msg,
                                 SimAccount        *account,
                                 GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);

  switch (sim_db_delete_by_sid (self, "DELETE FROM intelligence_services WHERE sid = ? AND account_sid = ?",
                                account->sid, sid))
    {
    case 0:
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    case -1:
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    default:
      break;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Transcripts */

void
sim_intelligence_transcripts_create (LiaisonSimServer  *self,
                                     SoupServerMessage *msg,
                                     SimAccount        *account,
                                     GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = sim_request_form (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SimService) service = NULL;
  g_autoptr(SimRecordingAudio) audio = NULL;
  g_autoptr(SimTranscript) transcript = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *service_sid = sim_form_get (form, "ServiceSid");
  const char *channel = sim_form_get (form, "Channel");
  const char *customer_key = sim_form_get (form, "CustomerKey");
  JsonObject *media_properties = NULL;
  const char *source_sid = NULL;
  sqlite3_stmt *stmt;

  if (service_sid == NULL || channel == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Missing required parameters ServiceSid and Channel");
      return;
    }
  if (customer_key != NULL && g_utf8_strlen (customer_key, -1) > 64)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "CustomerKey is longer than 64 characters");
      return;
    }
  service = db_service_get (self, account->sid, service_sid);
  if (service == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_NOT_FOUND, 20404, "The Service was not found");
      return;
    }
  if (json_parser_load_from_data (parser, channel, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      JsonNode *node = json_object_get_member (object, "media_properties");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        media_properties = json_node_get_object (node);
    }
  if (media_properties != NULL)
    {
      JsonNode *node = json_object_get_member (media_properties, "source_sid");

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        source_sid = json_node_get_string (node);
    }
  if (source_sid == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "Channel must be JSON with media_properties.source_sid (a recording SID); "
                         "the simulator cannot fetch external media_url audio");
      return;
    }
  audio = sim_recording_audio_get (self, account->sid, source_sid);
  if (audio == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "media_properties.source_sid is not a recording of this account");
      return;
    }

  transcript = g_new0 (SimTranscript, 1);
  transcript->sid = sim_new_sid ("GT");
  transcript->account_sid = g_strdup (account->sid);
  transcript->service_sid = g_strdup (service->sid);
  transcript->recording_sid = g_strdup (audio->sid);
  transcript->channel = g_strdup (channel);
  transcript->customer_key = g_strdup (customer_key);
  transcript->status = g_strdup ("queued");
  transcript->duration = audio->duration;
  transcript->speech = g_strdup (audio->speech);
  transcript->speech_other = g_strdup (audio->speech_other);
  transcript->channels = audio->channels;
  transcript->date_created = self->clock;
  transcript->date_updated = self->clock;
  transcript->next_at = self->clock + QUEUED_SECONDS;

  stmt = sim_db_prepare (self, "INSERT INTO intelligence_transcripts (sid, account_sid, service_sid, recording_sid,"
                               " channel, customer_key, status, duration, speech, speech_other, channels,"
                               " date_created, date_updated, next_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, transcript->sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, transcript->account_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, transcript->service_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, transcript->recording_sid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, transcript->channel, -1, SQLITE_TRANSIENT);
  sim_bind_text_or_null (stmt, 6, transcript->customer_key);
  sqlite3_bind_text (stmt, 7, transcript->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, transcript->duration);
  sim_bind_text_or_null (stmt, 9, transcript->speech);
  sim_bind_text_or_null (stmt, 10, transcript->speech_other);
  sqlite3_bind_int (stmt, 11, transcript->channels);
  sqlite3_bind_int64 (stmt, 12, transcript->date_created);
  sqlite3_bind_int64 (stmt, 13, transcript->date_updated);
  sqlite3_bind_int64 (stmt, 14, transcript->next_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  transcript->seq = sqlite3_last_insert_rowid (self->db);
  sqlite3_finalize (stmt);

  build_transcript (self, builder, transcript);
  respond_built (msg, SOUP_STATUS_ACCEPTED, builder);
}

void
sim_intelligence_transcripts_list (LiaisonSimServer  *self,
                                   SoupServerMessage *msg,
                                   SimAccount        *account,
                                   GMatchInfo        *match)
{
  static const char * const filter_names[] = { "ServiceSid", "Status", "SourceSid" };
  static const char * const filter_sql[] = { " AND service_sid = ?2", " AND status = ?3", " AND recording_sid = ?4" };
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(GString) sql = g_string_new ("SELECT " TRANSCRIPT_COLUMNS " FROM intelligence_transcripts"
                                         " WHERE account_sid = ?1");
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autoptr(JsonArray) items = json_array_new ();
  SimPaging paging;
  gboolean has_more = FALSE;
  gint64 last_seq = 0;
  guint n = 0;
  sqlite3_stmt *stmt;

  if (!sim_paging_parse (msg, query, &paging))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (filter_names); i++)
    {
      const char *value = sim_form_get (query, filter_names[i]);

      if (value != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          g_string_append (sql, filter_sql[i]);
          g_string_append_printf (filters, "%s=%s&", filter_names[i], escaped);
        }
    }
  sim_paging_append_sql (&paging, sql, 5);
  stmt = sim_db_prepare (self, sql->str);
  if (stmt == NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }
  sqlite3_bind_text (stmt, 1, account->sid, -1, SQLITE_TRANSIENT);
  for (gsize i = 0; i < G_N_ELEMENTS (filter_names); i++)
    {
      const char *value = sim_form_get (query, filter_names[i]);

      if (value != NULL)
        sqlite3_bind_text (stmt, 2 + i, value, -1, SQLITE_TRANSIENT);
    }
  sim_paging_bind (&paging, stmt, 5);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SimTranscript) transcript = NULL;
      g_autoptr(JsonBuilder) builder = NULL;

      if (n == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      transcript = transcript_from_row (stmt);
      builder = json_builder_new ();
      build_transcript (self, builder, transcript);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = transcript->seq;
      n++;
    }
  sqlite3_finalize (stmt);

  sim_respond_page (self, msg, &paging, TRUE, "transcripts", g_steal_pointer (&items), has_more, last_seq,
                    filters->str);
}

static SimTranscript *
find_transcript (LiaisonSimServer  *self,
                 SoupServerMessage *msg,
                 SimAccount        *account,
                 GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);
  SimTranscript *transcript = db_transcript_get (self, account->sid, sid);

  if (transcript == NULL)
    sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
  return transcript;
}

void
sim_intelligence_transcript_fetch (LiaisonSimServer  *self,
                                   SoupServerMessage *msg,
                                   SimAccount        *account,
                                   GMatchInfo        *match)
{
  g_autoptr(SimTranscript) transcript = find_transcript (self, msg, account, match);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (transcript == NULL)
    return;
  build_transcript (self, builder, transcript);
  respond_built (msg, SOUP_STATUS_OK, builder);
}

void
sim_intelligence_transcript_delete (LiaisonSimServer  *self,
                                    SoupServerMessage *msg,
                                    SimAccount        *account,
                                    GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 1);

  switch (sim_db_delete_by_sid (self, "DELETE FROM intelligence_transcripts WHERE sid = ? AND account_sid = ?",
                                account->sid, sid))
    {
    case 0:
      sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      return;
    case -1:
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    default:
      break;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Sentences: the spoken text cut after . ! or ?, timed by the model of
 * liaison-speech-timing.h. */

typedef struct {
  guint   media_channel;
  double  start;
  double  end;
  char   *text;
  char  **words;
} Sentence;

static void
sentence_free (Sentence *sentence)
{
  g_free (sentence->text);
  g_strfreev (sentence->words);
  g_free (sentence);
}

static void
split_sentences (GPtrArray  *sentences,
                 const char *text,
                 guint       media_channel,
                 double      offset)
{
  g_autoptr(GPtrArray) spoken = liaison_speech_split_sentences (text, offset);

  for (guint i = 0; i < spoken->len; i++)
    {
      LiaisonSpeechSentence *said = g_ptr_array_index (spoken, i);
      Sentence *sentence = g_new0 (Sentence, 1);

      sentence->media_channel = media_channel;
      sentence->start = said->start;
      sentence->end = said->end;
      sentence->text = g_steal_pointer (&said->text);
      sentence->words = g_steal_pointer (&said->words);
      g_ptr_array_add (sentences, sentence);
    }
}

static GPtrArray *
transcript_sentences (SimTranscript *transcript)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) sentence_free);

  split_sentences (sentences, transcript->speech, 1, 0.0);
  split_sentences (sentences, transcript->speech_other, transcript->channels == 2 ? 2 : 1,
                   liaison_speech_other_offset (transcript->speech));
  return sentences;
}

static char *
derived_sid (const char *prefix,
             const char *seed,
             guint       index)
{
  g_autofree char *text = g_strdup_printf ("%s/%u", seed, index);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  hash[32] = '\0';
  return g_strconcat (prefix, hash, NULL);
}

static void
add_seconds (JsonBuilder *builder,
             const char  *name,
             double       seconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, g_ascii_formatd (buffer, sizeof buffer, "%.2f", seconds));
}

void
sim_intelligence_sentences_list (LiaisonSimServer  *self,
                                 SoupServerMessage *msg,
                                 SimAccount        *account,
                                 GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(SimTranscript) transcript = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  const char *word_timestamps = sim_form_get (query, "WordTimestamps");
  gboolean with_words = word_timestamps != NULL && g_ascii_strcasecmp (word_timestamps, "true") == 0;
  SimPaging paging;
  gint64 first;
  gint64 last = -1;
  gboolean has_more = FALSE;

  if (!sim_paging_parse (msg, query, &paging))
    return;
  transcript = find_transcript (self, msg, account, match);
  if (transcript == NULL)
    return;

  sentences = g_str_equal (transcript->status, "completed") ? transcript_sentences (transcript)
              : g_ptr_array_new ();
  /* Sentences are not rows: PageToken PA<n> means "after sentence n". */
  first = paging.after_seq >= 0 ? paging.after_seq + 1 : paging.page * paging.page_size;
  for (gint64 i = first; i < (gint64) sentences->len; i++)
    {
      Sentence *sentence = g_ptr_array_index (sentences, i);
      g_autoptr(JsonBuilder) builder = NULL;
      g_autofree char *sid = NULL;

      if (i - first == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      sid = derived_sid ("GX", transcript->sid, i);
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "confidence", "0.95");
      add_seconds (builder, "end_time", sentence->end);
      json_builder_set_member_name (builder, "media_channel");
      json_builder_add_int_value (builder, sentence->media_channel);
      json_builder_set_member_name (builder, "sentence_index");
      json_builder_add_int_value (builder, i);
      sim_add_string_or_null (builder, "sid", sid);
      add_seconds (builder, "start_time", sentence->start);
      sim_add_string_or_null (builder, "transcript", sentence->text);
      json_builder_set_member_name (builder, "words");
      json_builder_begin_array (builder);
      for (guint w = 0; with_words && sentence->words[w] != NULL; w++)
        {
          json_builder_begin_object (builder);
          sim_add_string_or_null (builder, "word", sentence->words[w]);
          add_seconds (builder, "start_time", sentence->start + w * SIM_AUDIO_WORD_SECONDS);
          add_seconds (builder, "end_time", sentence->start + (w + 1) * SIM_AUDIO_WORD_SECONDS);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_array_add_element (items, json_builder_get_root (builder));
      last = i;
    }

  sim_respond_page (self, msg, &paging, TRUE, "sentences", g_steal_pointer (&items), has_more, last, NULL);
}

void
sim_intelligence_operator_results_list (LiaisonSimServer  *self,
                                        SoupServerMessage *msg,
                                        SimAccount        *account,
                                        GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = sim_request_query (msg);
  g_autoptr(SimTranscript) transcript = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  SimPaging paging;

  if (!sim_paging_parse (msg, query, &paging))
    return;
  transcript = find_transcript (self, msg, account, match);
  if (transcript == NULL)
    return;

  /* One text-generation summary, on the first page only. */
  if (g_str_equal (transcript->status, "completed") && paging.page == 0 && paging.after_seq < 0)
    {
      g_autoptr(GPtrArray) sentences = transcript_sentences (transcript);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GString) summary = g_string_new (NULL);
      g_autofree char *url = v2_url (self, "/v2/Transcripts/", transcript->sid, "/OperatorResults/",
                                     SUMMARY_OPERATOR, NULL);
      const char * const null_members[] = { "extract_match", "extract_results", "json_results",
                                            "label_probabilities", "match_probability", "normalized_result",
                                            "predicted_label", "predicted_probability", "utterance_match" };

      g_string_append_printf (summary, "A %u-second call in %u sentences.", transcript->duration, sentences->len);
      for (guint i = 0; i < sentences->len; i++)
        {
          Sentence *sentence = g_ptr_array_index (sentences, i);

          if (i == 0 || sentence->media_channel != ((Sentence *) g_ptr_array_index (sentences, i - 1))->media_channel)
            g_string_append_printf (summary, " Channel %u opened with: %s", sentence->media_channel, sentence->text);
        }

      json_builder_begin_object (builder);
      for (gsize i = 0; i < G_N_ELEMENTS (null_members); i++)
        {
          json_builder_set_member_name (builder, null_members[i]);
          json_builder_add_null_value (builder);
        }
      sim_add_string_or_null (builder, "name", "Conversation Summary");
      sim_add_string_or_null (builder, "operator_sid", SUMMARY_OPERATOR);
      sim_add_string_or_null (builder, "operator_type", "text-generation");
      json_builder_set_member_name (builder, "text_generation_results");
      json_builder_begin_object (builder);
      sim_add_string_or_null (builder, "format", "text");
      sim_add_string_or_null (builder, "result", summary->str);
      json_builder_end_object (builder);
      sim_add_string_or_null (builder, "transcript_sid", transcript->sid);
      sim_add_string_or_null (builder, "url", url);
      json_builder_set_member_name (builder, "utterance_results");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_array_add_element (items, json_builder_get_root (builder));
    }

  sim_respond_page (self, msg, &paging, TRUE, "operator_results", g_steal_pointer (&items), FALSE, 0, NULL);
}

/* Clock */

static void
notify_service (LiaisonSimServer *self,
                SimTranscript    *transcript)
{
  g_autoptr(SimService) service = db_service_get (self, transcript->account_sid, transcript->service_sid);
  SimAccount *account = g_hash_table_lookup (self->accounts, transcript->account_sid);
  g_autoptr(GPtrArray) params = NULL;

  if (service == NULL || account == NULL || service->webhook_url == NULL)
    return;

  params = g_ptr_array_new_with_free_func (g_free);
  sim_pairs_add (params, "account_sid", transcript->account_sid);
  sim_pairs_add (params, "customer_key", transcript->customer_key);
  sim_pairs_add (params, "event_type", "voice_intelligence_transcript_available");
  sim_pairs_add (params, "service_sid", transcript->service_sid);
  sim_pairs_add (params, "transcript_sid", transcript->sid);
  sim_post_webhook (self, account, service->webhook_url, service->webhook_method, params, NULL, NULL, NULL);
}

void
sim_intelligence_tick (LiaisonSimServer *self)
{
  gboolean changed = TRUE;

  /* A long advance may run both steps of a transcript. */
  while (changed)
    {
      g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_transcript_free);
      sqlite3_stmt *stmt = sim_db_prepare (self, "SELECT " TRANSCRIPT_COLUMNS " FROM intelligence_transcripts"
                                                 " WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at, seq");

      changed = FALSE;
      if (stmt == NULL)
        return;
      sqlite3_bind_int64 (stmt, 1, self->clock);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (due, transcript_from_row (stmt));
      sqlite3_finalize (stmt);

      for (guint i = 0; i < due->len; i++)
        {
          SimTranscript *transcript = g_ptr_array_index (due, i);
          gboolean completed = !g_str_equal (transcript->status, "queued");

          stmt = sim_db_prepare (self, "UPDATE intelligence_transcripts SET status = ?, date_updated = ?,"
                                       " next_at = ? WHERE seq = ?");
          if (stmt == NULL)
            return;
          sqlite3_bind_text (stmt, 1, completed ? "completed" : "in-progress", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, transcript->next_at);
          if (completed)
            sqlite3_bind_null (stmt, 3);
          else
            sqlite3_bind_int64 (stmt, 3, transcript->next_at + IN_PROGRESS_SECONDS);
          sqlite3_bind_int64 (stmt, 4, transcript->seq);
          sqlite3_step (stmt);
          sqlite3_finalize (stmt);
          changed = TRUE;

          if (completed)
            notify_service (self, transcript);
        }
    }
}
