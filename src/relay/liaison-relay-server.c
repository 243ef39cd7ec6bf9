/* liaison-relay-server.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-relay"

#include "config.h"

#include "liaison-relay-server.h"
#include "liaison-relay-store.h"
#include "liaison-relay-stream.h"
#include "liaison-relay-policy.h"
#include "liaison-relay-router.h"
#include "liaison-log.h"
#include "liaison-twiml.h"
#include "liaison-webhook-signature.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* Twilio-facing endpoints, below the public URL:
 *
 *   POST /twilio/messages/inbound     SmsUrl: inbound SMS/MMS
 *   POST /twilio/messages/status      StatusCallback of messages
 *   POST /twilio/voice/inbound        VoiceUrl: inbound calls (answers TwiML)
 *   POST /twilio/voice/status         StatusCallback of calls
 *   POST /twilio/voice/dial           <Dial action>
 *   POST /twilio/voice/gather         <Gather action>
 *   POST /twilio/voice/voicemail      <Record action> of the voicemail
 *   POST /twilio/voice/outbound       Url of a click-to-call (the advisor's leg,
 *                                     ?client=E.164, signed with the URL)
 *   POST /twilio/voice/outbound-notice  <Number url>: the recording notice to the client
 *   POST /twilio/voice/outbound-done  <Dial action> of a click-to-call
 *   POST /twilio/recordings/status    RecordingStatusCallback
 *   POST /twilio/transcriptions       transcribeCallback
 *
 * and for operators GET /healthz and GET /metrics. */

#define TWIML_TYPE "text/xml; charset=utf-8"
#define PRUNE_INTERVAL_SEC 600
#define TWIML_EMPTY "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"

typedef enum {
  ANSWER_EMPTY_TWIML,
  ANSWER_NO_CONTENT,
  ANSWER_VOICE_INBOUND,
  ANSWER_SCREENED,
  ANSWER_WHISPER,
  ANSWER_WHISPER_ANSWER,
  ANSWER_DIAL_ACTION,
  ANSWER_AFTER_HOURS,
  ANSWER_QUEUE_WAIT,
  ANSWER_QUEUE_DONE,
  ANSWER_CONFERENCE,
  ANSWER_VOICEMAIL_DONE,
  ANSWER_OUTBOUND,
  ANSWER_OUTBOUND_NOTICE,
  ANSWER_OUTBOUND_DONE,
} AnswerKind;

typedef struct {
  const char *path;
  const char *kind;
  const char *sid_param;
  const char *status_param;    /* NULL: the event has no status */
  const char *key_suffix;      /* natural key: sid + "/" + this, or the status */
  AnswerKind  answer;
  gboolean    store;           /* FALSE: a TwiML fetch that changes nothing */
} Route;

static const Route routes[] = {
  { "/twilio/messages/inbound", "message.inbound", "MessageSid", NULL, "received", ANSWER_EMPTY_TWIML, TRUE },
  { "/twilio/messages/status", "message.status", "MessageSid", "MessageStatus", NULL, ANSWER_NO_CONTENT, TRUE },
  { "/twilio/voice/inbound", "call.inbound", "CallSid", NULL, "inbound", ANSWER_VOICE_INBOUND, TRUE },
  { "/twilio/voice/status", "call.status", "CallSid", "CallStatus", NULL, ANSWER_NO_CONTENT, TRUE },
  { "/twilio/voice/screened", "call.screened", "CallSid", NULL, "screened", ANSWER_SCREENED, TRUE },
  { "/twilio/voice/whisper", "call.whisper", "CallSid", NULL, NULL, ANSWER_WHISPER, FALSE },
  { "/twilio/voice/whisper-answer", "call.whisper-answer", "CallSid", NULL, "whisper-answer", ANSWER_WHISPER_ANSWER, TRUE },
  { "/twilio/voice/dial", "call.dial", "CallSid", NULL, "dial", ANSWER_DIAL_ACTION, TRUE },
  { "/twilio/voice/after-hours", "call.after-hours", "CallSid", NULL, "after-hours", ANSWER_AFTER_HOURS, TRUE },
  { "/twilio/voice/queue-wait", "call.queue-wait", "CallSid", NULL, NULL, ANSWER_QUEUE_WAIT, FALSE },
  { "/twilio/voice/queue-done", "call.queue-done", "CallSid", NULL, "queue-done", ANSWER_QUEUE_DONE, TRUE },
  { "/twilio/voice/conference", "call.conference", "CallSid", NULL, NULL, ANSWER_CONFERENCE, TRUE },
  { "/twilio/voice/gather", "call.gather", "CallSid", NULL, NULL, ANSWER_EMPTY_TWIML, TRUE },
  { "/twilio/voice/voicemail", "call.voicemail", "CallSid", NULL, "voicemail", ANSWER_VOICEMAIL_DONE, TRUE },
  { "/twilio/voice/outbound", "call.outbound", "CallSid", NULL, "outbound", ANSWER_OUTBOUND, TRUE },
  { "/twilio/voice/outbound-notice", "call.outbound-notice", "CallSid", NULL, NULL, ANSWER_OUTBOUND_NOTICE, FALSE },
  { "/twilio/voice/outbound-done", "call.outbound-done", "CallSid", NULL, "outbound-done", ANSWER_OUTBOUND_DONE, TRUE },
  { "/twilio/recordings/status", "recording.status", "RecordingSid", "RecordingStatus", NULL, ANSWER_NO_CONTENT, TRUE },
  { "/twilio/transcriptions", "transcription", "TranscriptionSid", "TranscriptionStatus", NULL, ANSWER_NO_CONTENT, TRUE },
};

/* The order of statuses in their life cycles (TWILIO.md §2.4, §3.5, §4.4):
 * a callback never moves a resource back to an earlier one. Final statuses
 * share the last rank, so the first final status wins. */
static const struct {
  const char *kind;
  const char *status;
  gint        rank;
} status_ranks[] = {
  { "message.status", "accepted", 1 },
  { "message.status", "scheduled", 1 },
  { "message.status", "queued", 2 },
  { "message.status", "sending", 3 },
  { "message.status", "sent", 4 },
  { "message.status", "failed", 5 },
  { "message.status", "undelivered", 5 },
  { "message.status", "delivered", 5 },
  { "message.status", "canceled", 5 },
  { "message.status", "read", 6 },
  { "call.status", "queued", 1 },
  { "call.status", "initiated", 2 },
  { "call.status", "ringing", 3 },
  { "call.status", "in-progress", 4 },
  { "call.status", "completed", 5 },
  { "call.status", "busy", 5 },
  { "call.status", "no-answer", 5 },
  { "call.status", "failed", 5 },
  { "call.status", "canceled", 5 },
  { "recording.status", "in-progress", 1 },
  { "recording.status", "completed", 2 },
  { "recording.status", "absent", 2 },
  { "recording.status", "failed", 2 },
  { "transcription", "in-progress", 1 },
  { "transcription", "completed", 2 },
  { "transcription", "failed", 2 },
};

struct _LiaisonRelayServer
{
  GObject             parent_instance;

  LiaisonRelayConfig *config;
  LiaisonRelayStore  *store;
  LiaisonRelayStream *stream;
  SoupServer         *server;
  guint               prune_id;
  char               *public_path;   /* the path part of the public URL, "" or "/relay" */
  char               *public_origin; /* scheme://host[:port] of the public URL */
  GHashTable         *policies;      /* advisor → LiaisonRelayPolicy */
  /* Click-to-calls whose client leg moved to the call's conference room:
   * their advisor leg follows it when its <Dial> ends (outbound-done). */
  GHashTable         *transfers;     /* parent CallSid */

  guint               in_flight;
  GTask              *shutdown_task;
  guint               shutdown_timeout_id;

  /* Metrics */
  guint64             requests;
  guint64             answered_2xx;
  guint64             answered_4xx;
  guint64             answered_5xx;
  guint64             verification_failures;
  guint64             duplicates;
  guint64             stale;
  guint64             stored;
};

G_DEFINE_FINAL_TYPE (LiaisonRelayServer, liaison_relay_server, G_TYPE_OBJECT)

static gint
rank_of (const char *kind,
         const char *status)
{
  if (status == NULL)
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (status_ranks); i++)
    if (g_str_equal (status_ranks[i].kind, kind) && g_str_equal (status_ranks[i].status, status))
      return status_ranks[i].rank;
  /* A status this relay does not know yet: stored, never ranked. */
  return 0;
}

static void
count_status (LiaisonRelayServer *self,
              guint               status)
{
  if (status >= 200 && status < 300)
    self->answered_2xx++;
  else if (status >= 400 && status < 500)
    self->answered_4xx++;
  else if (status >= 500)
    self->answered_5xx++;
}

static void
respond_text (LiaisonRelayServer *self,
              SoupServerMessage  *msg,
              guint               status,
              const char         *content_type,
              const char         *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
  count_status (self, status);
}

static void
respond_error (LiaisonRelayServer *self,
               SoupServerMessage  *msg,
               guint               status,
               const char         *message)
{
  g_autofree char *body = g_strconcat (message, "\n", NULL);

  respond_text (self, msg, status, "text/plain; charset=utf-8", body);
}

/* Percent-decodes @len bytes of a form field ('+' is a space) into a new
 * string; NULL for a malformed escape, a NUL byte or invalid UTF-8. */
static char *
decode_field (const char *field,
              gsize       len)
{
  char *out = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = field[i];

      if (c == '+')
        c = ' ';
      else if (c == '%')
        {
          int high, low;

          if (i + 2 >= len)
            goto bad;
          high = g_ascii_xdigit_value (field[i + 1]);
          low = g_ascii_xdigit_value (field[i + 2]);
          if (high < 0 || low < 0 || (high == 0 && low == 0))
            goto bad;
          c = (char) ((high << 4) | low);
          i += 2;
        }
      else if (c == '\0')
        goto bad;
      out[n++] = c;
    }
  out[n] = '\0';

  if (!g_utf8_validate (out, (gssize) n, NULL))
    goto bad;
  return out;

bad:
  g_free (out);
  return NULL;
}

/* Forms: name, value, name, value…, in order; keys may repeat. Decoded in
 * one pass, two allocations a field: webhooks are the relay's hot path. */
static GPtrArray *
parse_form (const char *data,
            gsize       len,
            gboolean   *out_valid)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_full (40, g_free);
  gsize start = 0;

  *out_valid = TRUE;
  while (start <= len)
    {
      const char *field = data + start;
      const char *amp = memchr (field, '&', len - start);
      gsize field_len = amp != NULL ? (gsize) (amp - field) : len - start;
      const char *equals = memchr (field, '=', field_len);
      gsize name_len = equals != NULL ? (gsize) (equals - field) : field_len;
      char *name;
      char *value;

      if (field_len > 0)
        {
          name = decode_field (field, name_len);
          value = equals != NULL ? decode_field (equals + 1, field_len - name_len - 1) : g_strdup ("");
          if (name == NULL || value == NULL)
            {
              g_free (name);
              g_free (value);
              *out_valid = FALSE;
              break;
            }
          g_ptr_array_add (pairs, name);
          g_ptr_array_add (pairs, value);
        }
      if (amp == NULL)
        break;
      start += field_len + 1;
    }

  return g_steal_pointer (&pairs);
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

/* A JSON body's top-level string members, as pairs. */
static GPtrArray *
json_to_pairs (JsonObject *object)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_ptr_array_add (pairs, g_strdup (name));
          g_ptr_array_add (pairs, g_strdup (json_node_get_string (node)));
        }
    }
  return pairs;
}

static void
append_json_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The webhook's parameters as a JSON object; a repeated key becomes an
 * array. Written directly: the values are valid UTF-8 (parse_form). */
static char *
pairs_to_json (GPtrArray *pairs)
{
  GString *out = g_string_sized_new (1024);
  guint n = pairs->len / 2;

  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (pairs, 2 * i);
      guint count = 0;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (pairs, 2 * j), name);
      if (seen)
        continue;
      for (guint j = i; j < n; j++)
        count += g_str_equal (g_ptr_array_index (pairs, 2 * j), name);

      if (out->len > 1)
        g_string_append_c (out, ',');
      append_json_string (out, name);
      g_string_append_c (out, ':');
      if (count == 1)
        append_json_string (out, g_ptr_array_index (pairs, 2 * i + 1));
      else
        {
          gboolean first = TRUE;

          g_string_append_c (out, '[');
          for (guint j = i; j < n; j++)
            {
              if (!g_str_equal (g_ptr_array_index (pairs, 2 * j), name))
                continue;
              if (!first)
                g_string_append_c (out, ',');
              append_json_string (out, g_ptr_array_index (pairs, 2 * j + 1));
              first = FALSE;
            }
          g_string_append_c (out, ']');
        }
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

/* The URL Twilio signed: the public URL's origin and path prefix with the
 * path below it and the query as received, never the Host header, unless
 * the configuration trusts a proxy's X-Forwarded-Proto and -Host. */
static char *
signed_url (LiaisonRelayServer *self,
            SoupServerMessage  *msg,
            const char         *relative_path)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autofree char *origin = NULL;

  if (self->config->trust_proxy)
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      const char *proto = soup_message_headers_get_one (headers, "X-Forwarded-Proto");
      const char *host = soup_message_headers_get_one (headers, "X-Forwarded-Host");

      if (proto != NULL && host != NULL && (g_str_equal (proto, "https") || g_str_equal (proto, "http"))
          && strpbrk (host, "/?#@ ") == NULL)
        origin = g_strdup_printf ("%s://%s", proto, host);
    }
  if (origin == NULL)
    origin = g_strdup (self->public_origin);

  return g_strconcat (origin, self->public_path, relative_path,
                      query != NULL ? "?" : "", query != NULL ? query : "", NULL);
}

/* For the log: the URL without its query (it may hold numbers). */
static char *
url_for_log (const char *url)
{
  const char *question = strchr (url, '?');

  return question != NULL ? g_strdup_printf ("%.*s?…", (int) (question - url), url) : g_strdup (url);
}

/* The advisor a voice request is for: named by the step's URL (signed, so
 * trusted), or else the one whose number was called. */
static const char *
advisor_for_call (LiaisonRelayServer *self,
                  SoupServerMessage  *msg,
                  GPtrArray          *params)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *to = form_get (params, "To");

  if (query != NULL)
    {
      g_autoptr(GHashTable) fields = soup_form_decode (query);
      const char *name = g_hash_table_lookup (fields, "advisor");

      for (guint i = 0; name != NULL && i < self->config->advisors->len; i++)
        {
          LiaisonRelayAdvisor *advisor = g_ptr_array_index (self->config->advisors, i);

          if (g_str_equal (advisor->name, name))
            return advisor->name;
        }
    }
  for (guint i = 0; to != NULL && i < self->config->advisors->len; i++)
    {
      LiaisonRelayAdvisor *advisor = g_ptr_array_index (self->config->advisors, i);

      if (g_strv_contains ((const char * const *) advisor->numbers, to))
        return advisor->name;
    }
  return NULL;
}

static char *
query_value (SoupServerMessage *msg,
             const char        *name)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) fields = NULL;

  if (query == NULL)
    return NULL;
  fields = soup_form_decode (query);
  return g_strdup (g_hash_table_lookup (fields, name));
}

static void
respond_for_route (LiaisonRelayServer *self,
                   SoupServerMessage  *msg,
                   const Route        *route,
                   GPtrArray          *params)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  LiaisonRelayRouting routing = { self->config->public_url, NULL, NULL, now };
  g_autofree char *twiml = NULL;

  if (route->answer == ANSWER_NO_CONTENT)
    {
      respond_text (self, msg, SOUP_STATUS_NO_CONTENT, NULL, NULL);
      return;
    }
  if (route->answer == ANSWER_EMPTY_TWIML)
    {
      respond_text (self, msg, SOUP_STATUS_OK, TWIML_TYPE, TWIML_EMPTY);
      return;
    }

  routing.advisor = advisor_for_call (self, msg, params);
  if (routing.advisor != NULL)
    routing.policy = g_hash_table_lookup (self->policies, routing.advisor);

  switch (route->answer)
    {
    case ANSWER_VOICE_INBOUND:
      twiml = liaison_relay_route_inbound (&routing, form_get (params, "From"));
      break;

    case ANSWER_SCREENED:
      twiml = liaison_relay_route_screened (&routing, form_get (params, "From"),
                                            form_get (params, "RecordingUrl"));
      break;

    case ANSWER_WHISPER:
      {
        g_autofree char *caller = query_value (msg, "caller");
        g_autofree char *name = query_value (msg, "name");

        twiml = liaison_relay_route_whisper (&routing, caller, name);
      }
      break;

    case ANSWER_WHISPER_ANSWER:
      twiml = liaison_relay_route_whisper_answer (&routing, form_get (params, "Digits"));
      break;

    case ANSWER_DIAL_ACTION:
      {
        g_autofree char *after_hours = query_value (msg, "after_hours");

        twiml = liaison_relay_route_dial_done (&routing, form_get (params, "DialCallStatus"),
                                               form_get (params, "DialBridged"),
                                               g_strcmp0 (after_hours, "1") == 0);
      }
      break;

    case ANSWER_AFTER_HOURS:
      twiml = liaison_relay_route_after_hours (&routing, form_get (params, "Digits"));
      break;

    case ANSWER_QUEUE_WAIT:
      twiml = liaison_relay_route_queue_wait (&routing, form_get (params, "QueuePosition"),
                                              form_get (params, "QueueTime"));
      break;

    case ANSWER_QUEUE_DONE:
      twiml = liaison_relay_route_queue_done (&routing, form_get (params, "QueueResult"));
      break;

    case ANSWER_CONFERENCE:
      {
        g_autofree char *room = query_value (msg, "room");
        const char *parent = form_get (params, "ParentCallSid");

        twiml = liaison_relay_route_conference (&routing, room);
        if (twiml == NULL)
          twiml = liaison_relay_route_voicemail (&routing);
        else if (parent != NULL && g_str_has_prefix (room, "ctc-") && g_str_equal (room + 4, parent)
                 && g_hash_table_size (self->transfers) < 10000)
          g_hash_table_add (self->transfers, g_strdup (parent));
      }
      break;

    case ANSWER_VOICEMAIL_DONE:
      twiml = liaison_relay_route_voicemail_done (&routing);
      break;

    case ANSWER_OUTBOUND:
      {
        g_autofree char *client = query_value (msg, "client");
        const char *from = form_get (params, "From");

        /* The advisor's leg goes to their own phone: the advisor is the
         * one whose Twilio number places the call. */
        for (guint i = 0; routing.advisor == NULL && from != NULL && i < self->config->advisors->len; i++)
          {
            LiaisonRelayAdvisor *advisor = g_ptr_array_index (self->config->advisors, i);

            if (g_strv_contains ((const char * const *) advisor->numbers, from))
              routing.advisor = advisor->name;
          }
        if (routing.advisor != NULL)
          routing.policy = g_hash_table_lookup (self->policies, routing.advisor);
        twiml = liaison_relay_route_outbound (&routing, client, from);
        if (twiml == NULL)
          {
            g_autoptr(LiaisonTwiml) refusal = liaison_twiml_new ();

            liaison_twiml_add (refusal, "Say", _("The number to call is not valid."), NULL);
            liaison_twiml_add (refusal, "Hangup", NULL, NULL);
            twiml = liaison_twiml_finish (refusal);
          }
      }
      break;

    case ANSWER_OUTBOUND_NOTICE:
      twiml = liaison_relay_route_outbound_notice (&routing);
      break;

    case ANSWER_OUTBOUND_DONE:
      {
        const char *call_sid = form_get (params, "CallSid");

        /* The client went to the conference room: the advisor joins them. */
        if (call_sid != NULL && g_hash_table_remove (self->transfers, call_sid))
          {
            g_autofree char *room = g_strconcat ("ctc-", call_sid, NULL);

            twiml = liaison_relay_route_conference (&routing, room);
          }
        if (twiml == NULL)
          twiml = liaison_relay_route_outbound_done (&routing, form_get (params, "DialCallStatus"));
      }
      break;

    case ANSWER_NO_CONTENT:
    case ANSWER_EMPTY_TWIML:
    default:
      g_assert_not_reached ();
    }

  respond_text (self, msg, SOUP_STATUS_OK, TWIML_TYPE, twiml);
}

typedef struct {
  LiaisonRelayServer *self;
  SoupServerMessage  *msg;
  const Route        *route;
  GPtrArray          *params;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->msg);
  g_clear_pointer (&pending->params, g_ptr_array_unref);
  g_clear_object (&pending->self);
  g_free (pending);
}

static void finish_shutdown_if_idle (LiaisonRelayServer *self);

static void
append_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *pending = user_data;
  LiaisonRelayServer *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRelayEvent) event = NULL;
  LiaisonRelayAppendResult outcome;

  outcome = liaison_relay_store_append_finish (LIAISON_RELAY_STORE (source), result, &event, &error);
  if (error != NULL)
    {
      /* Not stored: 503, so Twilio tries again later. */
      g_warning ("Webhook %s not stored: %s", pending->route->path, error->message);
      soup_message_headers_replace (soup_server_message_get_response_headers (pending->msg),
                                    "Retry-After", "5");
      respond_error (self, pending->msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                     "The event could not be stored; try again later.");
    }
  else
    {
      if (outcome == LIAISON_RELAY_APPEND_DUPLICATE)
        self->duplicates++;
      else if (outcome == LIAISON_RELAY_APPEND_STALE)
        self->stale++;
      else
        self->stored++;
      respond_for_route (self, pending->msg, pending->route, pending->params);
      if (outcome == LIAISON_RELAY_APPEND_STORED && event != NULL && self->stream != NULL)
        liaison_relay_stream_publish (self->stream, event);
    }

  soup_server_message_unpause (pending->msg);
  self->in_flight--;
  pending_free (pending);
  finish_shutdown_if_idle (self);
}

/* The advisors whose numbers the event concerns (tenant scoping). */
static GStrv
advisors_for (LiaisonRelayServer *self,
              const char         *from,
              const char         *to,
              const char         *named)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->config->advisors->len; i++)
    {
      LiaisonRelayAdvisor *advisor = g_ptr_array_index (self->config->advisors, i);
      const char * const *numbers = (const char * const *) advisor->numbers;

      if ((from != NULL && g_strv_contains (numbers, from)) || (to != NULL && g_strv_contains (numbers, to))
          || g_strcmp0 (named, advisor->name) == 0)
        g_strv_builder_add (builder, advisor->name);
    }
  return g_strv_builder_end (builder);
}

static const Route *
find_route (LiaisonRelayServer *self,
            const char         *path,
            const char        **out_relative)
{
  const char *relative = path;

  /* A proxy may forward the public path prefix or strip it. */
  if (*self->public_path != '\0' && g_str_has_prefix (path, self->public_path)
      && path[strlen (self->public_path)] == '/')
    relative = path + strlen (self->public_path);

  *out_relative = relative;
  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (relative, routes[i].path))
      return &routes[i];
  return NULL;
}

static void
handle_webhook (LiaisonRelayServer *self,
                SoupServerMessage  *msg,
                const Route        *route,
                const char         *relative_path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autoptr(GHashTable) type_params = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(LiaisonRelayEvent) event = NULL;
  g_autofree char *url = NULL;
  g_autofree char *json_body = NULL;
  const char *content_type;
  const char *signature;
  const char *account_sid;
  const char *sid;
  const char *status = NULL;
  LiaisonRelayAccount *account;
  Pending *pending;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  gboolean valid = TRUE;

  if (len > self->config->max_body_bytes)
    {
      respond_error (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The body is too large.");
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, &type_params);
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
    {
      params = parse_form (data != NULL ? data : "", len, &valid);
    }
  else if (g_strcmp0 (content_type, "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_body = g_strndup (data != NULL ? data : "", len);
      valid = strlen (json_body) == len && g_utf8_validate (json_body, -1, NULL)
              && json_parser_load_from_data (parser, json_body, (gssize) len, NULL)
              && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser));
      if (valid)
        params = json_to_pairs (json_node_get_object (json_parser_get_root (parser)));
    }
  else
    {
      respond_error (self, msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                     "Expected application/x-www-form-urlencoded or application/json.");
      return;
    }
  if (!valid)
    {
      respond_error (self, msg, SOUP_STATUS_BAD_REQUEST, "The body is malformed.");
      return;
    }

  /* NULL-terminated, as the signature code wants it. */
  g_ptr_array_add (params, NULL);

  /* Verification first: nothing unverified is stored or believed. */
  account_sid = form_get (params, "AccountSid");
  if (account_sid == NULL)
    account_sid = form_get (params, "account_sid");
  account = liaison_relay_config_find_account (self->config, account_sid);
  signature = soup_message_headers_get_one (headers, "X-Twilio-Signature");
  url = signed_url (self, msg, relative_path);

  if (account == NULL
      || !liaison_webhook_signature_validate ((const char * const *) account->auth_tokens, url,
                                              json_body != NULL ? NULL
                                                                : (const char * const *) params->pdata,
                                              json_body, signature))
    {
      GUri *received = soup_server_message_get_uri (msg);
      const char *host = soup_message_headers_get_one (headers, "Host");
      g_autofree char *logged = url_for_log (url);

      self->verification_failures++;
      g_message ("Rejected %s: %s; verified against %s, received for host %s path %s",
                 route->path,
                 account == NULL ? "unknown or missing AccountSid"
                                 : signature == NULL ? "no X-Twilio-Signature" : "signature mismatch",
                 logged, host != NULL ? host : "(none)", g_uri_get_path (received));
      respond_error (self, msg, SOUP_STATUS_FORBIDDEN, "The request's signature is not valid.");
      return;
    }

  /* A TwiML fetch that changes nothing (whisper, hold music): answered
   * at once. */
  if (!route->store)
    {
      respond_for_route (self, msg, route, params);
      return;
    }

  sid = form_get (params, route->sid_param);
  if (sid == NULL || *sid == '\0')
    {
      g_autofree char *message = g_strdup_printf ("%s is missing.", route->sid_param);

      respond_error (self, msg, SOUP_STATUS_BAD_REQUEST, message);
      return;
    }
  if (route->status_param != NULL)
    status = form_get (params, route->status_param);

  event = liaison_relay_event_new ();
  event->kind = g_strdup (route->kind);
  event->account_sid = g_strdup (account->account_sid);
  event->sid = g_strdup (sid);
  event->status = g_strdup (status);
  event->status_rank = rank_of (route->kind, status);
  event->from = g_strdup (form_get (params, "From"));
  event->to = g_strdup (form_get (params, "To"));
  event->idempotency_token = g_strdup (soup_message_headers_get_one (headers, "I-Twilio-Idempotency-Token"));
  if (g_str_equal (route->kind, "call.status") && form_get (params, "SequenceNumber") != NULL)
    event->natural_key = g_strdup_printf ("%s/%s/seq/%s", route->kind, sid, form_get (params, "SequenceNumber"));
  else if (g_str_equal (route->kind, "call.dial") && form_get (params, "DialCallSid") != NULL)
    event->natural_key = g_strdup_printf ("%s/%s/%s", route->kind, sid, form_get (params, "DialCallSid"));
  else if (g_str_equal (route->kind, "call.voicemail") && form_get (params, "RecordingSid") != NULL)
    event->natural_key = g_strdup_printf ("%s/%s/%s", route->kind, sid, form_get (params, "RecordingSid"));
  else if (route->key_suffix != NULL)
    event->natural_key = g_strdup_printf ("%s/%s/%s", route->kind, sid, route->key_suffix);
  else if (status != NULL)
    event->natural_key = g_strdup_printf ("%s/%s/%s", route->kind, sid, status);
  event->payload = json_body != NULL ? g_steal_pointer (&json_body) : pairs_to_json (params);
  /* Recording and transcription callbacks carry no numbers: the step URL
   * that asked for them names the advisor. */
  event->advisors = advisors_for (self, event->from, event->to, !g_str_has_prefix (route->kind, "message.")
                                                                 ? advisor_for_call (self, msg, params) : NULL);

  LIAISON_DEBUG_MASKED (event->from, "Webhook %s for %s", route->kind);

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->msg = g_object_ref (msg);
  pending->route = route;
  pending->params = g_steal_pointer (&params);
  self->in_flight++;
  soup_server_message_pause (msg);
  liaison_relay_store_append_async (self->store, g_steal_pointer (&event), NULL, append_cb, pending);
}

static void
handle_metrics (LiaisonRelayServer *self,
                SoupServerMessage  *msg)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint64 commits, events, commit_usec, failures;

  liaison_relay_store_get_stats (self->store, &commits, &events, &commit_usec, &failures);

  g_string_append_printf (text,
                          "# HELP liaison_relay_requests_total Webhook and operator requests received.\n"
                          "# TYPE liaison_relay_requests_total counter\n"
                          "liaison_relay_requests_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_responses_total Responses by status class.\n"
                          "# TYPE liaison_relay_responses_total counter\n"
                          "liaison_relay_responses_total{class=\"2xx\"} %" G_GUINT64_FORMAT "\n"
                          "liaison_relay_responses_total{class=\"4xx\"} %" G_GUINT64_FORMAT "\n"
                          "liaison_relay_responses_total{class=\"5xx\"} %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_verification_failures_total Webhooks refused for their signature.\n"
                          "# TYPE liaison_relay_verification_failures_total counter\n"
                          "liaison_relay_verification_failures_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_events_stored_total Events committed.\n"
                          "# TYPE liaison_relay_events_stored_total counter\n"
                          "liaison_relay_events_stored_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_duplicates_total Webhooks already stored (retries).\n"
                          "# TYPE liaison_relay_duplicates_total counter\n"
                          "liaison_relay_duplicates_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_stale_statuses_total Status callbacks older than the known status.\n"
                          "# TYPE liaison_relay_stale_statuses_total counter\n"
                          "liaison_relay_stale_statuses_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_commits_total Group commits (one fsync each).\n"
                          "# TYPE liaison_relay_commits_total counter\n"
                          "liaison_relay_commits_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_commit_seconds_total Time spent committing.\n"
                          "# TYPE liaison_relay_commit_seconds_total counter\n"
                          "liaison_relay_commit_seconds_total %.6f\n"
                          "# HELP liaison_relay_commit_failures_total Commits that failed (answered 503).\n"
                          "# TYPE liaison_relay_commit_failures_total counter\n"
                          "liaison_relay_commit_failures_total %" G_GUINT64_FORMAT "\n"
                          "# HELP liaison_relay_in_flight Webhooks waiting for their commit.\n"
                          "# TYPE liaison_relay_in_flight gauge\n"
                          "liaison_relay_in_flight %u\n"
                          "# HELP liaison_relay_connected_clients Desktops connected to the event stream.\n"
                          "# TYPE liaison_relay_connected_clients gauge\n"
                          "liaison_relay_connected_clients %u\n",
                          self->requests, self->answered_2xx, self->answered_4xx, self->answered_5xx,
                          self->verification_failures, self->stored, self->duplicates, self->stale,
                          commits, commit_usec / 1e6, failures, self->in_flight,
                          liaison_relay_stream_get_n_clients (self->stream));

  respond_text (self, msg, SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8", text->str);
}

/* {"error": message}, as the desktops' endpoints answer. */
static void
respond_problem (LiaisonRelayServer *self,
                 SoupServerMessage  *msg,
                 guint               status,
                 const char         *message)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_take_object (root, json_object_new ());
  json_object_set_string_member (json_node_get_object (root), "error", message);
  text = json_to_string (root, FALSE);
  respond_text (self, msg, status, "application/json; charset=utf-8", text);
}

/* The desktop pushes its advisor's routing policy: GET shows it, PUT
 * replaces it (validated, stored, then used for the next call). */

typedef struct {
  LiaisonRelayServer *self;
  SoupServerMessage  *msg;
  char               *advisor;
  LiaisonRelayPolicy *policy;
} PolicyUpdate;

static void
policy_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PolicyUpdate *update = user_data;
  g_autoptr(GError) error = NULL;

  if (liaison_relay_store_write_finish (LIAISON_RELAY_STORE (source), result, &error) < 0)
    {
      g_warning ("The policy of an advisor could not be stored: %s", error->message);
      respond_problem (update->self, update->msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                       "The policy could not be stored; try again later.");
      liaison_relay_policy_free (update->policy);
    }
  else
    {
      g_autofree char *json = liaison_relay_policy_to_json (update->policy);

      g_hash_table_replace (update->self->policies, g_strdup (update->advisor), update->policy);
      respond_text (update->self, update->msg, SOUP_STATUS_OK, "application/json; charset=utf-8", json);
    }

  soup_server_message_unpause (update->msg);
  g_object_unref (update->msg);
  g_object_unref (update->self);
  g_free (update->advisor);
  g_free (update);
}

static void
handle_policy (LiaisonRelayServer *self,
               SoupServerMessage  *msg)
{
  const char *method = soup_server_message_get_method (msg);
  LiaisonRelayAdvisor *advisor = liaison_relay_stream_authenticate (self->stream, msg);

  if (advisor == NULL)
    return;

  if (g_str_equal (method, "GET"))
    {
      LiaisonRelayPolicy *policy = g_hash_table_lookup (self->policies, advisor->name);
      g_autofree char *json = policy != NULL ? liaison_relay_policy_to_json (policy) : NULL;

      if (json == NULL)
        respond_problem (self, msg, SOUP_STATUS_NOT_FOUND, "No policy yet: calls go to voicemail.");
      else
        respond_text (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", json);
    }
  else if (g_str_equal (method, "PUT"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(GError) error = NULL;
      LiaisonRelayPolicy *policy = NULL;
      g_autofree char *json = NULL;
      PolicyUpdate *update;

      if (strlen (text) != g_bytes_get_size (body) || !g_utf8_validate (text, -1, NULL))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The policy must be UTF-8 JSON");
      else
        policy = liaison_relay_policy_parse (text, &error);
      if (policy == NULL)
        {
          respond_problem (self, msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, error->message);
          return;
        }

      json = liaison_relay_policy_to_json (policy);
      update = g_new0 (PolicyUpdate, 1);
      update->self = g_object_ref (self);
      update->msg = g_object_ref (msg);
      update->advisor = g_strdup (advisor->name);
      update->policy = policy;
      soup_server_message_pause (msg);
      liaison_relay_store_put_policy_async (self->store, advisor->name, json, NULL, policy_stored_cb, update);
    }
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, PUT");
      respond_problem (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "GET or PUT.");
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LiaisonRelayServer *self = LIAISON_RELAY_SERVER (user_data);
  const char *method = soup_server_message_get_method (msg);
  const char *relative = NULL;
  const Route *route;

  self->requests++;

  if (g_str_equal (path, "/healthz"))
    {
      respond_text (self, msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", "ok\n");
      return;
    }
  if (g_str_equal (path, "/metrics"))
    {
      handle_metrics (self, msg);
      return;
    }

  if (g_str_equal (path, "/v1/policy"))
    {
      handle_policy (self, msg);
      return;
    }
  if (liaison_relay_stream_handle (self->stream, msg, path))
    return;

  route = find_route (self, path, &relative);
  if (route == NULL)
    {
      respond_error (self, msg, SOUP_STATUS_NOT_FOUND, "No such endpoint.");
      return;
    }
  if (!g_str_equal (method, "POST"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      respond_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Webhooks are POSTed.");
      return;
    }
  if (self->shutdown_task != NULL)
    {
      respond_error (self, msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The relay is stopping.");
      return;
    }

  handle_webhook (self, msg, route, relative);
}

/* Refuses bodies over the limit before they are read. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  LiaisonRelayServer *self = LIAISON_RELAY_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && length > (goffset) self->config->max_body_bytes)
    {
      self->requests++;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_error (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The body is too large.");
    }
}

static void
liaison_relay_server_dispose (GObject *object)
{
  LiaisonRelayServer *self = LIAISON_RELAY_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_handle_id (&self->shutdown_timeout_id, g_source_remove);
  g_clear_handle_id (&self->prune_id, g_source_remove);
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (liaison_relay_server_parent_class)->dispose (object);
}

static void
liaison_relay_server_finalize (GObject *object)
{
  LiaisonRelayServer *self = LIAISON_RELAY_SERVER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->policies, g_hash_table_unref);
  g_clear_pointer (&self->transfers, g_hash_table_unref);
  g_clear_pointer (&self->config, liaison_relay_config_free);
  g_free (self->public_path);
  g_free (self->public_origin);

  G_OBJECT_CLASS (liaison_relay_server_parent_class)->finalize (object);
}

static void
liaison_relay_server_class_init (LiaisonRelayServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_relay_server_dispose;
  object_class->finalize = liaison_relay_server_finalize;
}

static void
liaison_relay_server_init (LiaisonRelayServer *self)
{
  self->transfers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
prune_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 deleted = liaison_relay_store_write_finish (LIAISON_RELAY_STORE (source), result, &error);

  if (deleted < 0)
    g_warning ("Pruning old events failed: %s", error->message);
  else if (deleted > 0)
    g_info ("Deleted %" G_GINT64_FORMAT " events older than the retention", deleted);
}

static gboolean
prune_cb (gpointer user_data)
{
  LiaisonRelayServer *self = user_data;
  gint64 before = g_get_real_time () - (gint64) self->config->retention_hours * 3600 * G_USEC_PER_SEC;

  liaison_relay_store_prune_async (self->store, before, NULL, prune_done_cb, NULL);
  return G_SOURCE_CONTINUE;
}

LiaisonRelayServer *
liaison_relay_server_new (LiaisonRelayConfig  *config,
                          GError             **error)
{
  g_autoptr(LiaisonRelayServer) self = g_object_new (LIAISON_TYPE_RELAY_SERVER, NULL);
  g_autoptr(GUri) uri = NULL;

  self->config = config;
  if (!liaison_relay_config_validate (config, error))
    return NULL;

  uri = g_uri_parse (config->public_url, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    return NULL;
  if (g_uri_get_port (uri) > 0)
    self->public_origin = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                                           g_uri_get_port (uri));
  else
    self->public_origin = g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
  self->public_path = g_strdup (g_uri_get_path (uri));
  {
    gsize len = strlen (self->public_path);

    while (len > 0 && self->public_path[len - 1] == '/')
      self->public_path[--len] = '\0';
  }

  self->store = liaison_relay_store_open (config->database, error);
  if (self->store == NULL)
    return NULL;

  self->server = soup_server_new ("server-header", "liaison-relay/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  self->stream = liaison_relay_stream_new (config, self->store, self->server);

  /* The policies the desktops pushed before a restart. */
  {
    g_autoptr(GHashTable) stored = liaison_relay_store_dup_policies (self->store);
    GHashTableIter iter;
    gpointer name, json;

    self->policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) liaison_relay_policy_free);
    g_hash_table_iter_init (&iter, stored);
    while (g_hash_table_iter_next (&iter, &name, &json))
      {
        g_autoptr(GError) policy_error = NULL;
        LiaisonRelayPolicy *policy = liaison_relay_policy_parse (json, &policy_error);

        if (policy == NULL)
          g_warning ("The stored policy of %s is not valid (%s); its calls go to voicemail",
                     (const char *) name, policy_error->message);
        else
          g_hash_table_insert (self->policies, g_strdup (name), policy);
      }
  }

  /* The relay is not an archive: whatever is older than the retention goes,
   * delivered or not. */
  prune_cb (self);
  self->prune_id = g_timeout_add_seconds (PRUNE_INTERVAL_SEC, prune_cb, self);

  return g_steal_pointer (&self);
}

gboolean
liaison_relay_server_listen (LiaisonRelayServer  *self,
                             GError             **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (LIAISON_IS_RELAY_SERVER (self), FALSE);

  address = g_inet_address_new_from_string (self->config->listen_address);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), self->config->listen_address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (address, (guint16) self->config->port);
  return soup_server_listen (self->server, socket_address, 0, error);
}

char *
liaison_relay_server_get_url (LiaisonRelayServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (LIAISON_IS_RELAY_SERVER (self), NULL);

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

static void
finish_shutdown_if_idle (LiaisonRelayServer *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->shutdown_task == NULL || self->in_flight > 0)
    return;

  task = g_steal_pointer (&self->shutdown_task);
  g_clear_handle_id (&self->shutdown_timeout_id, g_source_remove);
  g_task_return_boolean (task, TRUE);
}

static gboolean
shutdown_timeout_cb (gpointer user_data)
{
  LiaisonRelayServer *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->shutdown_task);

  self->shutdown_timeout_id = 0;
  g_warning ("Stopping with %u requests still waiting for their commit", self->in_flight);
  g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

void
liaison_relay_server_shutdown_async (LiaisonRelayServer  *self,
                                     guint                timeout_ms,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GSList *listeners;

  g_return_if_fail (LIAISON_IS_RELAY_SERVER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, liaison_relay_server_shutdown_async);
  if (self->shutdown_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "Already stopping");
      return;
    }

  /* No new connections; those open get 503 for new requests. */
  listeners = soup_server_get_listeners (self->server);
  for (GSList *l = listeners; l != NULL; l = l->next)
    g_socket_close (l->data, NULL);
  g_slist_free (listeners);

  liaison_relay_stream_close_all (self->stream);
  self->shutdown_task = g_steal_pointer (&task);
  self->shutdown_timeout_id = g_timeout_add (timeout_ms, shutdown_timeout_cb, self);
  finish_shutdown_if_idle (self);
}

gboolean
liaison_relay_server_shutdown_finish (LiaisonRelayServer  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
