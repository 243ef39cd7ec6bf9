/* liaison-twilio-client.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-client"

#include "config.h"

#include "liaison-twilio-client.h"
#include "liaison-twilio-client-private.h"
#include "liaison-twilio-json-private.h"
#include "liaison-log.h"
#include "liaison-twilio-page-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>
#include <sys/utsname.h>

#define DEFAULT_API_BASE        "https://api.twilio.com"
#define API_BASE_ENV            "LIAISON_TWILIO_API_BASE"
#define API_VERSION_PATH        "/2010-04-01"
/* twilio-node's default request timeout is 30 s (TWILIO.md §1.7). */
#define REQUEST_TIMEOUT_SECONDS 30
#define IDLE_TIMEOUT_SECONDS    60

struct _LiaisonTwilioClient
{
  GObject                   parent_instance;

  SoupSession              *session;
  LiaisonTwilioCredentials *credentials;
  char                     *api_base;
  char                     *base_urls[LIAISON_TWILIO_N_PRODUCTS];
  char                     *region;
  char                     *edge;
  LiaisonClock             *clock;
  LiaisonRateLimiter       *limiter;
  guint                     max_attempts;
};

enum {
  PROP_0,
  PROP_API_BASE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioClient, liaison_twilio_client, G_TYPE_OBJECT)

void
liaison_twilio_account_free (LiaisonTwilioAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->sid);
  g_free (account->friendly_name);
  g_free (account->status);
  g_free (account->type);
  g_free (account);
}

/* Masks every SID-looking path segment ("AC" + 32 hex, with or without
 * ".json") so that request paths can be logged. */
static char *
mask_path (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];
      gsize len = strlen (segment);

      if (len >= 34 && g_ascii_isupper (segment[0]) && g_ascii_isupper (segment[1]))
        {
          gboolean hex = TRUE;

          for (gsize j = 2; j < 34 && hex; j++)
            hex = g_ascii_isxdigit (segment[j]);
          if (hex)
            {
              g_autofree char *sid = g_strndup (segment, 34);
              g_autofree char *masked = liaison_log_mask (sid);
              char *replaced = g_strconcat (masked, segment + 34, NULL);

              g_free (segments[i]);
              segments[i] = replaced;
            }
        }
    }

  return g_strjoinv ("/", segments);
}

/* Form encoding */

char *
liaison_twilio_encode_form (const char * const *pairs)
{
  GString *out = g_string_new (NULL);

  if (pairs == NULL)
    return g_string_free (out, FALSE);

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      g_autofree char *key = g_uri_escape_string (pairs[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (pairs[i + 1], NULL, FALSE);

      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append (out, key);
      g_string_append_c (out, '=');
      g_string_append (out, value);
    }

  return g_string_free (out, FALSE);
}

/* Base URLs, regions and edges */

static const char * const product_names[LIAISON_TWILIO_N_PRODUCTS] = {
  "api", "messaging", "intelligence", "numbers", "lookups", "voice",
};

/* Rewrites {product}[.{edge}][.{region}].twilio.com with the client's edge and
 * region, as the helper libraries do (TWILIO.md §1.6). Other hosts are kept. */
static char *
apply_region (const char *base,
              const char *region,
              const char *edge)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) rewritten = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *host = NULL;
  const char *old_edge = NULL;
  const char *old_region = NULL;
  guint n;

  if (region == NULL && edge == NULL)
    return g_strdup (base);

  uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || !g_str_has_suffix (g_uri_get_host (uri), ".twilio.com"))
    return g_strdup (base);

  labels = g_strsplit (g_uri_get_host (uri), ".", -1);
  n = g_strv_length (labels);
  if (n < 3 || n > 5)
    return g_strdup (base);
  if (n == 5)
    {
      old_edge = labels[1];
      old_region = labels[2];
    }
  else if (n == 4)
    old_region = labels[1];

  edge = edge != NULL ? edge : old_edge;
  region = region != NULL ? region : old_region;
  if (edge != NULL && region == NULL)
    region = "us1";

  if (edge != NULL)
    host = g_strdup_printf ("%s.%s.%s.twilio.com", labels[0], edge, region);
  else
    host = g_strdup_printf ("%s.%s.twilio.com", labels[0], region);

  rewritten = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, host, g_uri_get_port (uri),
                           g_uri_get_path (uri), NULL, NULL);
  return g_uri_to_string (rewritten);
}

char *
liaison_twilio_client_get_base_url (LiaisonTwilioClient  *self,
                                    LiaisonTwilioProduct  product)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (product < LIAISON_TWILIO_N_PRODUCTS, NULL);

  if (product == LIAISON_TWILIO_PRODUCT_API)
    base = g_strdup (self->api_base);
  else if (self->base_urls[product] != NULL)
    base = g_strdup (self->base_urls[product]);
  else
    base = g_strdup_printf ("https://%s.twilio.com", product_names[product]);

  return apply_region (base, self->region, self->edge);
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, SOUP_HTTP_URI_FLAGS, NULL);

  return ua != NULL && ub != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0 &&
         g_uri_get_host (ua) != NULL && g_uri_get_host (ub) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) == 0 &&
         g_uri_get_port (ua) == g_uri_get_port (ub);
}

/* The one request path of the client: queue for a slot, send, classify,
 * retry what is safe to retry. */

#define DEFAULT_MAX_ATTEMPTS  5
#define BACKOFF_BASE_USEC     (500 * 1000)
#define BACKOFF_CAP_USEC      (8 * G_USEC_PER_SEC)
#define RETRY_AFTER_CAP_SEC   300

typedef struct {
  LiaisonTwilioClient *client;
  char                *method;
  char                *url;
  GBytes              *body;
  char                *content_type;
  gboolean             idempotent;     /* may be re-sent even if it reached Twilio */
  guint                attempts;
  SoupMessage         *message;
  gboolean             wrote_headers;  /* this attempt left the client */
  guint                wait_id;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  char                *log_path;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->wait_id != 0)
    liaison_clock_remove_timeout (request->client->clock, request->wait_id);
  /* The handler is disconnected here, never from inside it. */
  if (request->cancelled_id != 0)
    g_signal_handler_disconnect (request->cancellable, request->cancelled_id);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->client);
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->url, g_free);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->content_type, g_free);
  g_clear_pointer (&request->log_path, g_free);
  g_free (request);
}

static char *
build_authorization (const LiaisonTwilioCredentials *credentials)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  char *header;

  pair = g_strconcat (liaison_twilio_credentials_get_username (credentials), ":",
                      credentials->secret, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  header = g_strconcat ("Basic ", encoded, NULL);

  explicit_bzero (pair, strlen (pair));
  explicit_bzero (encoded, strlen (encoded));

  return header;
}

static void attempt_start (GTask *task);

static gboolean
retry_wait_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->wait_id = 0;
  attempt_start (task);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  /* Only a backoff wait needs us; libsoup and the rate limiter see the
   * cancellable themselves. */
  if (request->wait_id != 0)
    {
      liaison_clock_remove_timeout (request->client->clock, request->wait_id);
      request->wait_id = 0;
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);   /* the reference the wait held */
    }
  return G_SOURCE_REMOVE;
}

static void
request_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, cancelled_idle_cb, g_object_ref (user_data), g_object_unref);
}

static gint64
backoff_delay (guint attempts)
{
  gint64 ceiling = BACKOFF_BASE_USEC;

  for (guint i = 1; i < attempts && ceiling < BACKOFF_CAP_USEC; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, BACKOFF_CAP_USEC);
  /* "Equal jitter": half fixed, half random, so waits never collapse to 0. */
  return ceiling / 2 + g_random_int_range (0, (gint32) (ceiling / 2) + 1);
}

/* Returns Retry-After in seconds, or -1 when absent or unreadable. RFC 9110
 * §10.2.3 allows delta-seconds or an HTTP-date; a date is counted from
 * @clock's now (rounded up, so the retry is never early). Clamped to
 * [0, RETRY_AFTER_CAP_SEC]. */
static gint64
parse_retry_after (LiaisonClock *clock,
                   SoupMessage  *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds = 0;
  gint64 wait_usec;

  if (value == NULL)
    return -1;
  while (*value == ' ')
    value++;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return MIN ((gint64) seconds, RETRY_AFTER_CAP_SEC);

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  wait_usec = g_date_time_to_unix (date) * G_USEC_PER_SEC - liaison_clock_get_now_usec (clock);
  if (wait_usec <= 0)
    return 0;
  return MIN ((wait_usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, RETRY_AFTER_CAP_SEC);
}

/* Schedules another attempt, or returns @error when attempts are used up. */
static void
retry_or_fail (GTask  *task,
               gint64  retry_after_sec,
               GError *error)
{
  Request *request = g_task_get_task_data (task);
  gint64 delay;

  if (request->attempts >= request->client->max_attempts)
    {
      g_debug ("%s %s: giving up after %u attempts", request->method, request->log_path, request->attempts);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  delay = retry_after_sec >= 0 ? retry_after_sec * G_USEC_PER_SEC : backoff_delay (request->attempts);
  g_debug ("%s %s: attempt %u failed (%s), retrying in %" G_GINT64_FORMAT " ms",
           request->method, request->log_path, request->attempts, error->message, delay / 1000);
  g_error_free (error);
  /* The task reference passes to the wait. */
  request->wait_id = liaison_clock_add_timeout (request->client->clock, delay, retry_wait_cb, task, NULL);
}

static gboolean
error_is_before_sending (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         error->domain == G_RESOLVER_ERROR;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  GTask *task = user_data;   /* owned: released on return, or passed to a retry */
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  const char *data;
  gsize size = 0;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  liaison_rate_limiter_release_slot (request->client->limiter);

  if (body == NULL)
    {
      GError *network;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      g_debug ("%s %s failed (%s the request was sent): %s", request->method, request->log_path,
               request->wrote_headers ? "after" : "before", error->message);

      if (request->wrote_headers && !request->idempotent && !error_is_before_sending (error))
        {
          /* It may have reached Twilio: never re-sent here. */
          g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN,
                                   /* Translators: %s is the network error */
                                   _("The connection to Twilio was lost before it answered, so it is not known whether the request went through: %s"),
                                   error->message);
          g_object_unref (task);
          return;
        }

      /* Translators: %s is the network error, e.g. "Connection refused" */
      network = g_error_new (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                             _("Could not reach Twilio: %s"), error->message);
      retry_or_fail (task, -1, network);
      return;
    }

  status = soup_message_get_status (request->message);
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (request->message),
                                                        NULL);
  g_debug ("%s %s → %u (%zu bytes, attempt %u)", request->method, request->log_path, status,
           g_bytes_get_size (body), request->attempts);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      GError *api_error = liaison_twilio_error_new_from_response (status, content_type, body);
      const LiaisonTwilioErrorDetails *details = liaison_twilio_error_get_details (api_error);

      /* A 429 (code 20429) is never processed: always safe to retry (§1.7). */
      if (status == 429 || (details != NULL && details->code == 20429))
        {
          retry_or_fail (task, parse_retry_after (request->client->clock, request->message), api_error);
          return;
        }
      /* Reads and other repeatable requests also retry "try again later"
       * answers (503, 504). Other 5xx are answered at once: a 500 or a 502
       * from a proxy is as likely to be lasting as passing. */
      if (request->idempotent &&
          (status == SOUP_STATUS_SERVICE_UNAVAILABLE || status == SOUP_STATUS_GATEWAY_TIMEOUT))
        {
          retry_or_fail (task, parse_retry_after (request->client->clock, request->message), api_error);
          return;
        }
      g_task_return_error (task, api_error);
      g_object_unref (task);
      return;
    }

  data = g_bytes_get_data (body, &size);
  if (status == SOUP_STATUS_NO_CONTENT || size == 0)
    {
      /* Deletes answer 204 with an empty body. */
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &error) || json_parser_get_root (parser) == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               /* Translators: %s is a JSON parser error */
                               _("Twilio's answer could not be read: %s"),
                               error != NULL ? error->message : _("it is empty"));
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, json_node_ref (json_parser_get_root (parser)),
                         (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
wrote_headers_cb (SoupMessage *message,
                  gpointer     user_data)
{
  Request *request = user_data;

  request->wrote_headers = TRUE;
}

static void
slot_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  LiaisonTwilioClient *self = request->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  if (!liaison_rate_limiter_acquire_slot_finish (LIAISON_RATE_LIMITER (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (self->credentials == NULL)
    {
      liaison_rate_limiter_release_slot (self->limiter);
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NO_CREDENTIALS,
                               _("No Twilio credentials are set up. Enter the Account SID and Auth Token in Preferences."));
      g_object_unref (task);
      return;
    }

  uri = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  request->attempts++;
  request->wrote_headers = FALSE;
  if (request->message != NULL)
    g_signal_handlers_disconnect_by_func (request->message, wrote_headers_cb, request);
  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, uri);
  g_signal_connect (request->message, "wrote-headers", G_CALLBACK (wrote_headers_cb), request);

  /* Twilio never redirects API calls; following one would hand the
   * credentials to another address. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  if (g_strcmp0 (request->method, "DELETE") != 0)
    soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Accept-Charset", "utf-8");
  authorization = build_authorization (self->credentials);
  soup_message_headers_replace (headers, "Authorization", authorization);
  explicit_bzero (authorization, strlen (authorization));

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, request->content_type, request->body);

  soup_session_send_and_read_async (self->session,
                                    request->message,
                                    G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    send_cb,
                                    task);
}

static void
attempt_start (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  liaison_rate_limiter_acquire_slot_async (request->client->limiter, g_task_get_cancellable (task),
                                           slot_cb, task);
}

/* Sends @method to @url_or_path (absolute, or below @product's base URL)
 * with an optional @body of @content_type. The task returns the parsed JSON
 * root (NULL for an empty 2xx answer), or a LIAISON_TWILIO_ERROR. */
static void
send_full_async (LiaisonTwilioClient  *self,
                 LiaisonTwilioProduct  product,
                 const char           *method,
                 const char           *url_or_path,
                 GBytes               *body,
                 const char           *content_type,
                 gboolean              idempotent,
                 GCancellable         *cancellable,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, send_full_async);

  if (self->credentials == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NO_CREDENTIALS,
                               _("No Twilio credentials are set up. Enter the Account SID and Auth Token in Preferences."));
      return;
    }
  if (!liaison_twilio_credentials_validate (self->credentials, &error))
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NO_CREDENTIALS,
                               "%s", error->message);
      return;
    }

  base = liaison_twilio_client_get_base_url (self, product);
  if (g_str_has_prefix (url_or_path, "https://") || g_str_has_prefix (url_or_path, "http://"))
    {
      if (!same_origin (url_or_path, base))
        {
          g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_FOREIGN_URL,
                                   _("Twilio pointed to an address outside its API; it was not followed."));
          return;
        }
      url = g_strdup (url_or_path);
    }
  else
    url = g_strconcat (base, url_or_path, NULL);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      /* Translators: %s is a URL */
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                               _("Could not reach Twilio: the address “%s” is not a valid web address."),
                               base);
      return;
    }

  request = g_new0 (Request, 1);
  request->client = g_object_ref (self);
  request->method = g_strdup (method);
  request->url = g_steal_pointer (&url);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type);
  request->idempotent = idempotent;
  request->log_path = mask_path (g_uri_get_path (uri));
  g_task_set_task_data (task, request, request_free);

  if (cancellable != NULL)
    {
      request->cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_signal_connect (cancellable, "cancelled", G_CALLBACK (request_cancelled_cb), task);
    }

  attempt_start (g_steal_pointer (&task));
}

static JsonNode *
send_full_finish (LiaisonTwilioClient  *self,
                  GAsyncResult         *result,
                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == send_full_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* POST/PUT with a form body; GET/DELETE without. */
static void
send_form_async (LiaisonTwilioClient  *self,
                 const char           *method,
                 const char           *path,
                 const char * const   *form,
                 gboolean              idempotent,
                 GCancellable         *cancellable,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data)
{
  g_autoptr(GBytes) body = NULL;

  if (form != NULL)
    {
      char *encoded = liaison_twilio_encode_form (form);

      body = g_bytes_new_take (encoded, strlen (encoded));
    }
  send_full_async (self, LIAISON_TWILIO_PRODUCT_API, method, path, body,
                   body != NULL ? "application/x-www-form-urlencoded" : NULL,
                   idempotent, cancellable, callback, user_data);
}

/* The original helper: a GET or a form POST on the 2010 API. */
static void
send_request_async (LiaisonTwilioClient *self,
                    const char          *method,
                    const char          *path,
                    GBytes              *form_body,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  gboolean idempotent = g_strcmp0 (method, "POST") != 0;

  send_full_async (self, LIAISON_TWILIO_PRODUCT_API, method, path, form_body,
                   form_body != NULL ? "application/x-www-form-urlencoded" : NULL,
                   idempotent, cancellable, callback, user_data);
}

static JsonNode *
send_request_finish (LiaisonTwilioClient  *self,
                     GAsyncResult         *result,
                     GError              **error)
{
  return send_full_finish (self, result, error);
}

/* GObject */

static void
liaison_twilio_client_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_BASE:
      g_value_set_string (value, self->api_base);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_client_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_BASE:
      liaison_twilio_client_set_api_base (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_client_dispose (GObject *object)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->limiter);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (liaison_twilio_client_parent_class)->dispose (object);
}

static void
liaison_twilio_client_finalize (GObject *object)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (object);

  g_clear_pointer (&self->credentials, liaison_twilio_credentials_free);
  g_clear_pointer (&self->api_base, g_free);
  for (guint i = 0; i < LIAISON_TWILIO_N_PRODUCTS; i++)
    g_clear_pointer (&self->base_urls[i], g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->edge, g_free);

  G_OBJECT_CLASS (liaison_twilio_client_parent_class)->finalize (object);
}

static void
liaison_twilio_client_class_init (LiaisonTwilioClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_client_get_property;
  object_class->set_property = liaison_twilio_client_set_property;
  object_class->dispose = liaison_twilio_client_dispose;
  object_class->finalize = liaison_twilio_client_finalize;

  /**
   * LiaisonTwilioClient:api-base:
   *
   * Base URL of the REST API, without a trailing slash.
   */
  properties [PROP_API_BASE] =
    g_param_spec_string ("api-base", NULL, NULL,
                         DEFAULT_API_BASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_client_init (LiaisonTwilioClient *self)
{
  const char *env_base = g_getenv (API_BASE_ENV);
  const char *region = g_getenv ("TWILIO_REGION");
  const char *edge = g_getenv ("TWILIO_EDGE");
  struct utsname system_name;
  g_autofree char *user_agent = NULL;

  /* "<app>/<ver> (Linux x86_64) libsoup/<ver>" (TWILIO.md §1.8) */
  if (uname (&system_name) != 0)
    g_strlcpy (system_name.machine, "unknown", sizeof system_name.machine);
  user_agent = g_strdup_printf ("Liaison/%s (Linux %s) libsoup/%u.%u.%u", PACKAGE_VERSION, system_name.machine,
                                soup_get_major_version (), soup_get_minor_version (), soup_get_micro_version ());

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 NULL);
  self->api_base = g_strdup (DEFAULT_API_BASE);
  self->region = region != NULL && region[0] != '\0' ? g_strdup (region) : NULL;
  self->edge = edge != NULL && edge[0] != '\0' ? g_strdup (edge) : NULL;
  self->clock = liaison_clock_new_system ();
  self->limiter = liaison_rate_limiter_new (self->clock);
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  /* A simulator (tests, the demo) serves every product at one address. */
  if (env_base != NULL && env_base[0] != '\0')
    for (guint product = 0; product < LIAISON_TWILIO_N_PRODUCTS; product++)
      liaison_twilio_client_set_base_url (self, product, env_base);
}

LiaisonTwilioClient *
liaison_twilio_client_new (void)
{
  return g_object_new (LIAISON_TYPE_TWILIO_CLIENT, NULL);
}

void
liaison_twilio_client_set_credentials (LiaisonTwilioClient            *self,
                                       const LiaisonTwilioCredentials *credentials)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  g_clear_pointer (&self->credentials, liaison_twilio_credentials_free);
  if (credentials != NULL)
    self->credentials = liaison_twilio_credentials_copy (credentials);
}

void
liaison_twilio_client_set_api_base (LiaisonTwilioClient *self,
                                    const char          *base_url)
{
  g_autofree char *base = NULL;
  gsize len;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  base = g_strdup (base_url != NULL && base_url[0] != '\0' ? base_url : DEFAULT_API_BASE);
  g_strstrip (base);
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';

  if (g_strcmp0 (self->api_base, base) == 0)
    return;

  g_free (self->api_base);
  self->api_base = g_steal_pointer (&base);
  g_debug ("Twilio API base is now %s", self->api_base);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_API_BASE]);
}

const char *
liaison_twilio_client_get_api_base (LiaisonTwilioClient *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);

  return self->api_base;
}

/* Accounts */

static LiaisonTwilioAccount *
account_from_json (JsonNode  *root,
                   GError   **error)
{
  g_autoptr(LiaisonTwilioAccount) account = g_new0 (LiaisonTwilioAccount, 1);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about the account is not what was expected."));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!_liaison_twilio_json_require_string (object, "sid", &account->sid, error) ||
      !_liaison_twilio_json_get_string (object, "friendly_name", &account->friendly_name, error) ||
      !_liaison_twilio_json_require_string (object, "status", &account->status, error) ||
      !_liaison_twilio_json_require_string (object, "type", &account->type, error))
    return NULL;

  return g_steal_pointer (&account);
}

static void
fetch_account_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  LiaisonTwilioAccount *account;

  root = send_request_finish (self, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  account = account_from_json (root, &error);
  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, (GDestroyNotify) liaison_twilio_account_free);
}

void
liaison_twilio_client_fetch_account_async (LiaisonTwilioClient *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_fetch_account_async);

  if (self->credentials != NULL && self->credentials->account_sid != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->credentials->account_sid, NULL, FALSE);

      path = g_strdup_printf (API_VERSION_PATH "/Accounts/%s.json", escaped);
    }
  else
    path = g_strdup (API_VERSION_PATH "/Accounts.json");

  /* Without credentials the helper answers NO_CREDENTIALS before sending. */
  send_request_async (self, "GET", path, NULL, cancellable, fetch_account_cb, g_steal_pointer (&task));
}

LiaisonTwilioAccount *
liaison_twilio_client_fetch_account_finish (LiaisonTwilioClient  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_fetch_account_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Configuration */

void
liaison_twilio_client_set_base_url (LiaisonTwilioClient  *self,
                                    LiaisonTwilioProduct  product,
                                    const char           *base_url)
{
  g_autofree char *base = NULL;
  gsize len;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (product < LIAISON_TWILIO_N_PRODUCTS);

  if (product == LIAISON_TWILIO_PRODUCT_API)
    {
      liaison_twilio_client_set_api_base (self, base_url);
      return;
    }

  g_clear_pointer (&self->base_urls[product], g_free);
  if (base_url == NULL || base_url[0] == '\0')
    return;
  base = g_strstrip (g_strdup (base_url));
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  self->base_urls[product] = g_steal_pointer (&base);
}

void
liaison_twilio_client_set_region (LiaisonTwilioClient *self,
                                  const char          *region)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  g_free (self->region);
  self->region = region != NULL && region[0] != '\0' ? g_strdup (region) : NULL;
}

void
liaison_twilio_client_set_edge (LiaisonTwilioClient *self,
                                const char          *edge)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  g_free (self->edge);
  self->edge = edge != NULL && edge[0] != '\0' ? g_strdup (edge) : NULL;
}

void
liaison_twilio_client_set_clock (LiaisonTwilioClient *self,
                                 LiaisonClock        *clock)
{
  g_autoptr(LiaisonClock) system = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (clock == NULL || LIAISON_IS_CLOCK (clock));
  g_return_if_fail (liaison_rate_limiter_get_in_flight (self->limiter) == 0);

  if (clock == NULL)
    clock = system = liaison_clock_new_system ();
  g_set_object (&self->clock, clock);
  g_clear_object (&self->limiter);
  self->limiter = liaison_rate_limiter_new (clock);
}

LiaisonClock *
liaison_twilio_client_get_clock (LiaisonTwilioClient *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);

  return self->clock;
}

LiaisonRateLimiter *
liaison_twilio_client_get_rate_limiter (LiaisonTwilioClient *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);

  return self->limiter;
}

void
liaison_twilio_client_set_max_attempts (LiaisonTwilioClient *self,
                                        guint                max_attempts)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
}

/* Pagination (TWILIO.md §1.5) */

typedef struct {
  LiaisonTwilioProduct     product;
  char                    *url;
  char                    *item_key;
  LiaisonTwilioItemParser  parser;
} PageRequest;

static void
page_request_free (gpointer data)
{
  PageRequest *pr = data;

  g_free (pr->url);
  g_free (pr->item_key);
  g_free (pr);
}

/* @url with query parameter @name set to @value (replacing any). */
static char *
url_with_param (const char *url,
                const char *name,
                const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) rewritten = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
  const char *old_query;

  if (uri == NULL)
    return NULL;

  old_query = g_uri_get_query (uri);
  if (old_query != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (old_query, "&", -1);
      g_autofree char *prefix = g_strconcat (name, "=", NULL);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (parts[i][0] == '\0' || g_str_has_prefix (parts[i], prefix))
            continue;
          if (query->len > 0)
            g_string_append_c (query, '&');
          g_string_append (query, parts[i]);
        }
    }
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, escaped);

  rewritten = g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                           g_uri_get_port (uri), g_uri_get_path (uri), query->str, NULL);
  return g_uri_to_string (rewritten);
}

static const char *
object_get_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static LiaisonTwilioPage *
parse_page (LiaisonTwilioClient  *self,
            PageRequest          *pr,
            JsonNode             *root,
            GError              **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *next_url = NULL;
  JsonObject *object;
  JsonObject *meta = NULL;
  JsonNode *meta_node;
  JsonNode *list_node;
  JsonArray *list;
  const char *key = pr->item_key;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;
  object = json_node_get_object (root);

  meta_node = json_object_get_member (object, "meta");
  if (meta_node != NULL && JSON_NODE_HOLDS_OBJECT (meta_node))
    {
      const char *next;
      const char *token;

      meta = json_node_get_object (meta_node);
      if (object_get_string (meta, "key") != NULL)
        key = object_get_string (meta, "key");
      next = object_get_string (meta, "next_page_url");
      token = object_get_string (meta, "next_token");
      if (next != NULL && next[0] != '\0')
        next_url = g_strdup (next);
      else if (token != NULL && token[0] != '\0')
        next_url = url_with_param (pr->url, "Token", token);
    }
  else
    {
      const char *next = object_get_string (object, "next_page_uri");

      if (next != NULL && next[0] == '/')
        {
          g_autoptr(GUri) uri = g_uri_parse (pr->url, SOUP_HTTP_URI_FLAGS, NULL);

          if (uri != NULL)
            {
              g_autoptr(GUri) absolute = g_uri_parse_relative (uri, next, SOUP_HTTP_URI_FLAGS, NULL);

              if (absolute != NULL)
                next_url = g_uri_to_string (absolute);
            }
        }
      else if (next != NULL && next[0] != '\0')
        next_url = g_strdup (next);
    }

  if (key == NULL)
    goto invalid;
  list_node = json_object_get_member (object, key);
  if (list_node == NULL || !JSON_NODE_HOLDS_ARRAY (list_node))
    goto invalid;
  list = json_node_get_array (list_node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto invalid;
      item = pr->parser (json_node_get_object (element), error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  return _liaison_twilio_page_new (self, pr->product, key, pr->parser, items, next_url);

invalid:
  g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                       _("Twilio's list answer is not what was expected."));
  return NULL;
}

static void
fetch_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  LiaisonTwilioPage *page;

  root = send_full_finish (self, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  page = parse_page (self, g_task_get_task_data (task), root, &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, g_object_unref);
}

void
_liaison_twilio_client_fetch_page_async (LiaisonTwilioClient     *self,
                                         LiaisonTwilioProduct     product,
                                         const char              *url,
                                         const char              *item_key,
                                         LiaisonTwilioItemParser  parser,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  PageRequest *pr;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _liaison_twilio_client_fetch_page_async);

  pr = g_new0 (PageRequest, 1);
  pr->product = product;
  pr->url = g_strdup (url);
  pr->item_key = g_strdup (item_key);
  pr->parser = parser;
  g_task_set_task_data (task, pr, page_request_free);

  /* An absolute URL must share the product's origin (checked in send_full_async). */
  send_full_async (self, product, "GET", url, NULL, NULL, TRUE, cancellable, fetch_page_cb,
                   g_steal_pointer (&task));
}

LiaisonTwilioPage *
_liaison_twilio_client_fetch_page_finish (LiaisonTwilioClient  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_twilio_client_list_async (LiaisonTwilioClient     *self,
                                  LiaisonTwilioProduct     product,
                                  const char              *path,
                                  const char * const      *params,
                                  const char              *item_key,
                                  LiaisonTwilioItemParser  parser,
                                  guint                    page_size,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (product < LIAISON_TWILIO_N_PRODUCTS);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (parser != NULL);

  for (guint i = 0; params != NULL && params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      g_ptr_array_add (all, g_strdup (params[i]));
      g_ptr_array_add (all, g_strdup (params[i + 1]));
    }
  if (page_size > 0)
    {
      g_ptr_array_add (all, g_strdup ("PageSize"));
      g_ptr_array_add (all, g_strdup_printf ("%u", page_size));
    }
  g_ptr_array_add (all, NULL);
  query = liaison_twilio_encode_form ((const char * const *) all->pdata);

  base = liaison_twilio_client_get_base_url (self, product);
  url = g_strconcat (base, path, query[0] != '\0' ? "?" : "", query, NULL);

  _liaison_twilio_client_fetch_page_async (self, product, url, item_key, parser, cancellable,
                                           callback, user_data);
}

LiaisonTwilioPage *
liaison_twilio_client_list_finish (LiaisonTwilioClient  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _liaison_twilio_client_fetch_page_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Messages */

#define RECONCILE_SLACK_USEC   (120 * G_USEC_PER_SEC)
#define RECONCILE_MAX_PAGES    5
#define RECONCILE_PAGE_SIZE    50

static gpointer
parse_message_item (JsonObject  *object,
                    GError     **error)
{
  return liaison_twilio_message_new_from_json (object, error);
}

/* "/2010-04-01/Accounts/{AccountSid}" + @suffix; NULL without credentials. */
static char *
account_path (LiaisonTwilioClient *self,
              const char          *suffix)
{
  g_autofree char *escaped = NULL;

  if (self->credentials == NULL || self->credentials->account_sid == NULL)
    return g_strconcat (API_VERSION_PATH "/Accounts", suffix, NULL);
  escaped = g_uri_escape_string (self->credentials->account_sid, NULL, FALSE);
  return g_strconcat (API_VERSION_PATH "/Accounts/", escaped, suffix, NULL);
}

static char *
message_path (LiaisonTwilioClient *self,
              const char          *sid)
{
  g_autofree char *escaped = g_uri_escape_string (sid, NULL, FALSE);
  g_autofree char *suffix = g_strconcat ("/Messages/", escaped, ".json", NULL);

  return account_path (self, suffix);
}

static LiaisonTwilioMessage *
message_from_root (JsonNode  *root,
                   GError   **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a message is not what was expected."));
      return NULL;
    }
  return liaison_twilio_message_new_from_json (json_node_get_object (root), error);
}

char *
_liaison_twilio_format_day (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%d");
}

typedef struct {
  char      *to;
  char      *from;
  char      *messaging_service_sid;
  char      *body;
  char      *sender;
  GPtrArray *form;          /* key, value, …, NULL */
  gint64     started_usec;
  guint      pages_checked;
  gboolean   reconciled;
  char      *lost_reason;
} CreateData;

static void
create_data_free (gpointer data)
{
  CreateData *cd = data;

  g_free (cd->to);
  g_free (cd->from);
  g_free (cd->messaging_service_sid);
  g_free (cd->body);
  g_free (cd->sender);
  g_clear_pointer (&cd->form, g_ptr_array_unref);
  g_free (cd->lost_reason);
  g_free (cd);
}

static void reconcile_page_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data);

static void
return_uncertain (GTask      *task,
                  CreateData *cd)
{
  g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN,
                           /* Translators: %s is a network error */
                           _("The answer to the send was lost and Twilio's message list could not be checked, so it is not known whether the text went out. Check the conversation before sending it again. (%s)"),
                           cd->lost_reason != NULL ? cd->lost_reason : "");
}

static gboolean
message_matches (CreateData           *cd,
                 LiaisonTwilioMessage *message)
{
  GDateTime *created = liaison_twilio_message_get_date_created (message);

  if (g_strcmp0 (liaison_twilio_message_get_to (message), cd->to) != 0)
    return FALSE;
  if (cd->from != NULL && g_strcmp0 (liaison_twilio_message_get_from (message), cd->from) != 0)
    return FALSE;
  if (cd->messaging_service_sid != NULL &&
      g_strcmp0 (liaison_twilio_message_get_messaging_service_sid (message), cd->messaging_service_sid) != 0)
    return FALSE;
  if (g_strcmp0 (liaison_twilio_message_get_body (message) != NULL ? liaison_twilio_message_get_body (message) : "",
                 cd->body != NULL ? cd->body : "") != 0)
    return FALSE;
  if (g_strcmp0 (liaison_twilio_message_get_direction (message), "inbound") == 0)
    return FALSE;
  /* Created since the attempt started (with slack for clock skew). */
  if (created != NULL && g_date_time_to_unix (created) * G_USEC_PER_SEC < cd->started_usec - RECONCILE_SLACK_USEC)
    return FALSE;
  return TRUE;
}

static void
reconcile_page_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateData *cd = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  gboolean older_seen = FALSE;

  if (LIAISON_IS_TWILIO_CLIENT (source))
    page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  else
    page = liaison_twilio_page_next_finish (LIAISON_TWILIO_PAGE (source), result, &error);

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Cancelling does not make the send's fate any clearer. */
          return_uncertain (task, cd);
          return;
        }
      g_debug ("Reconciling a lost create failed: %s", error->message);
      return_uncertain (task, cd);
      return;
    }

  cd->pages_checked++;
  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioMessage *message = g_ptr_array_index (items, i);
      GDateTime *created = liaison_twilio_message_get_date_created (message);

      if (message_matches (cd, message))
        {
          LIAISON_DEBUG_MASKED (liaison_twilio_message_get_sid (message), "Lost create found as %s");
          cd->reconciled = TRUE;
          g_task_return_pointer (task, g_object_ref (message), g_object_unref);
          return;
        }
      if (created != NULL && g_date_time_to_unix (created) * G_USEC_PER_SEC < cd->started_usec - RECONCILE_SLACK_USEC)
        older_seen = TRUE;
    }

  /* Newest first: once messages older than the attempt appear, stop. */
  if (!older_seen && liaison_twilio_page_has_next (page) && cd->pages_checked < RECONCILE_MAX_PAGES)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      liaison_twilio_page_next_async (page, cancellable, reconcile_page_cb, g_steal_pointer (&task));
      return;
    }
  if (!older_seen && liaison_twilio_page_has_next (page))
    {
      return_uncertain (task, cd);
      return;
    }

  g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NOT_SENT,
                           _("The text was not sent: the connection to Twilio was lost and Twilio has no record of it. It is safe to send it again."));
}

/* Lists To/From messages (newest first) looking for the lost create. The
 * DateSent filter is not used: date_sent stays null while a message is queued
 * or scheduled (TWILIO.md §2.3), which is exactly when the answer was lost. */
static void
reconcile (GTask *task)
{
  LiaisonTwilioClient *self = g_task_get_source_object (task);
  CreateData *cd = g_task_get_task_data (task);

  LIAISON_DEBUG_MASKED (cd->to, "Create to %s lost its answer; reconciling by listing");
  liaison_twilio_client_list_messages_async (self, cd->to, cd->from, NULL, NULL, NULL, RECONCILE_PAGE_SIZE,
                                             NULL, reconcile_page_cb, task);
}

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  CreateData *cd = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioMessage *message;

  root = send_full_finish (self, result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN))
        {
          cd->lost_reason = g_strdup (error->message);
          reconcile (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  message = message_from_root (root, &error);
  if (message == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, message, g_object_unref);
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonTwilioClient *self = g_task_get_source_object (task);
  CreateData *cd = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!liaison_rate_limiter_acquire_finish (LIAISON_RATE_LIMITER (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cd->started_usec = liaison_clock_get_now_usec (self->clock);
  path = account_path (self, "/Messages.json");
  LIAISON_DEBUG_MASKED (cd->to, "Creating a message to %s");
  send_form_async (self, "POST", path, (const char * const *) cd->form->pdata, FALSE,
                   cancellable, create_cb, g_steal_pointer (&task));
}

void
_liaison_twilio_form_add (GPtrArray  *form,
                          const char *name,
                          const char *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (form, g_strdup (name));
  g_ptr_array_add (form, g_strdup (value));
}

const char * const *
_liaison_twilio_form_end (GPtrArray *form)
{
  g_ptr_array_add (form, NULL);
  return (const char * const *) form->pdata;
}

void
liaison_twilio_client_create_message_async (LiaisonTwilioClient *self,
                                            const char          *to,
                                            const char          *from,
                                            const char          *messaging_service_sid,
                                            const char          *body,
                                            const char * const  *media_urls,
                                            const char          *status_callback,
                                            GDateTime           *send_at,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *cd;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (to != NULL);
  g_return_if_fail (from != NULL || messaging_service_sid != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_create_message_async);

  cd = g_new0 (CreateData, 1);
  cd->to = g_strdup (to);
  cd->from = g_strdup (from);
  cd->messaging_service_sid = g_strdup (messaging_service_sid);
  cd->body = g_strdup (body);
  cd->sender = g_strdup (from != NULL ? from : messaging_service_sid);
  cd->form = g_ptr_array_new_with_free_func (g_free);
  _liaison_twilio_form_add (cd->form, "To", to);
  if (from != NULL)
    _liaison_twilio_form_add (cd->form, "From", from);
  if (messaging_service_sid != NULL)
    _liaison_twilio_form_add (cd->form, "MessagingServiceSid", messaging_service_sid);
  if (body != NULL)
    _liaison_twilio_form_add (cd->form, "Body", body);
  for (guint i = 0; media_urls != NULL && media_urls[i] != NULL; i++)
    _liaison_twilio_form_add (cd->form, "MediaUrl", media_urls[i]);
  if (status_callback != NULL)
    _liaison_twilio_form_add (cd->form, "StatusCallback", status_callback);
  if (send_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (send_at);
      g_autofree char *iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      _liaison_twilio_form_add (cd->form, "ScheduleType", "fixed");
      _liaison_twilio_form_add (cd->form, "SendAt", iso);
    }
  g_ptr_array_add (cd->form, NULL);
  g_task_set_task_data (task, cd, create_data_free);

  liaison_rate_limiter_acquire_async (self->limiter, cd->sender, cancellable, token_cb, g_steal_pointer (&task));
}

LiaisonTwilioMessage *
liaison_twilio_client_create_message_finish (LiaisonTwilioClient  *self,
                                             GAsyncResult         *result,
                                             gboolean             *out_reconciled,
                                             GError              **error)
{
  CreateData *cd;

  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_create_message_async,
                        NULL);

  cd = g_task_get_task_data (G_TASK (result));
  if (out_reconciled != NULL)
    *out_reconciled = cd->reconciled;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
message_answer_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioMessage *message;

  root = send_full_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  message = message_from_root (root, &error);
  if (message == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, message, g_object_unref);
}

void
liaison_twilio_client_fetch_message_async (LiaisonTwilioClient *self,
                                           const char          *sid,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_fetch_message_async);
  path = message_path (self, sid);
  send_form_async (self, "GET", path, NULL, TRUE, cancellable, message_answer_cb, g_steal_pointer (&task));
}

LiaisonTwilioMessage *
liaison_twilio_client_fetch_message_finish (LiaisonTwilioClient  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_fetch_message_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_twilio_client_list_messages_async (LiaisonTwilioClient *self,
                                           const char          *to,
                                           const char          *from,
                                           GDateTime           *date_sent,
                                           GDateTime           *date_sent_before,
                                           GDateTime           *date_sent_after,
                                           guint                page_size,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  if (to != NULL)
    _liaison_twilio_form_add (params, "To", to);
  if (from != NULL)
    _liaison_twilio_form_add (params, "From", from);
  if (date_sent != NULL)
    {
      g_ptr_array_add (params, g_strdup ("DateSent"));
      g_ptr_array_add (params, _liaison_twilio_format_day (date_sent));
    }
  if (date_sent_before != NULL)
    {
      g_ptr_array_add (params, g_strdup ("DateSent<"));
      g_ptr_array_add (params, _liaison_twilio_format_day (date_sent_before));
    }
  if (date_sent_after != NULL)
    {
      g_ptr_array_add (params, g_strdup ("DateSent>"));
      g_ptr_array_add (params, _liaison_twilio_format_day (date_sent_after));
    }
  g_ptr_array_add (params, NULL);

  path = account_path (self, "/Messages.json");
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path,
                                    (const char * const *) params->pdata, "messages",
                                    parse_message_item, page_size, cancellable, callback, user_data);
}

static void
update_message (LiaisonTwilioClient *self,
                const char          *sid,
                const char * const  *form,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, update_message);
  path = message_path (self, sid);
  /* Redacting or cancelling twice has the same effect: safe to re-send. */
  send_form_async (self, "POST", path, form, TRUE, cancellable, message_answer_cb, g_steal_pointer (&task));
}

void
liaison_twilio_client_redact_message_async (LiaisonTwilioClient *self,
                                            const char          *sid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  static const char * const form[] = { "Body", "", NULL };

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  update_message (self, sid, form, cancellable, callback, user_data);
}

void
liaison_twilio_client_cancel_message_async (LiaisonTwilioClient *self,
                                            const char          *sid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  static const char * const form[] = { "Status", "canceled", NULL };

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  update_message (self, sid, form, cancellable, callback, user_data);
}

LiaisonTwilioMessage *
liaison_twilio_client_update_message_finish (LiaisonTwilioClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == update_message, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = send_full_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_twilio_client_delete_message_async (LiaisonTwilioClient *self,
                                            const char          *sid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_delete_message_async);
  path = message_path (self, sid);
  send_form_async (self, "DELETE", path, NULL, TRUE, cancellable, delete_cb, g_steal_pointer (&task));
}

gboolean
liaison_twilio_client_delete_message_finish (LiaisonTwilioClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_delete_message_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
parse_media_item (JsonObject  *object,
                  GError     **error)
{
  return liaison_twilio_media_new_from_json (object, error);
}

void
liaison_twilio_client_list_media_async (LiaisonTwilioClient *self,
                                        const char          *message_sid,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (message_sid != NULL);

  escaped = g_uri_escape_string (message_sid, NULL, FALSE);
  suffix = g_strconcat ("/Messages/", escaped, "/Media.json", NULL);
  path = account_path (self, suffix);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, NULL, "media_list",
                                    parse_media_item, 0, cancellable, callback, user_data);
}

/* Generic requests */

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonNode *root;

  root = send_full_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

void
liaison_twilio_client_request_async (LiaisonTwilioClient  *self,
                                     LiaisonTwilioProduct  product,
                                     const char           *method,
                                     const char           *path,
                                     const char * const   *form,
                                     JsonNode             *body,
                                     gboolean              idempotent,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *full_path = NULL;
  const char *content_type = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (product < LIAISON_TWILIO_N_PRODUCTS);
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (form == NULL || body == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_request_async);

  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      bytes = g_bytes_new_take (text, strlen (text));
      content_type = "application/json";
    }
  else if (form != NULL && (g_str_equal (method, "GET") || g_str_equal (method, "DELETE")))
    {
      g_autofree char *query = liaison_twilio_encode_form (form);

      /* Reads carry their parameters in the query string. */
      full_path = g_strconcat (path, query[0] != '\0' ? "?" : "", query, NULL);
    }
  else if (form != NULL)
    {
      char *text = liaison_twilio_encode_form (form);

      bytes = g_bytes_new_take (text, strlen (text));
      content_type = "application/x-www-form-urlencoded";
    }

  send_full_async (self, product, method, full_path != NULL ? full_path : path, bytes, content_type,
                   idempotent, cancellable, request_cb, g_steal_pointer (&task));
}

JsonNode *
liaison_twilio_client_request_finish (LiaisonTwilioClient  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Private accessors (liaison-twilio-client-private.h), for the recording
 * media download of liaison-twilio-recordings.c. */

SoupSession *
_liaison_twilio_client_get_session (LiaisonTwilioClient *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);

  return self->session;
}

char *
_liaison_twilio_client_dup_authorization (LiaisonTwilioClient *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);

  if (self->credentials == NULL)
    return NULL;
  return build_authorization (self->credentials);
}

const char *
_liaison_twilio_client_get_account_sid (LiaisonTwilioClient *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);

  return self->credentials != NULL ? self->credentials->account_sid : NULL;
}

/* Helpers shared by the product modules (liaison-twilio-client-private.h). */

char *
_liaison_twilio_account_path (const char *account_sid,
                              const char *suffix,
                              const char *first_segment,
                              ...)
{
  g_autofree char *escaped_account = g_uri_escape_string (account_sid != NULL ? account_sid : "", NULL, FALSE);
  GString *path = g_string_new (API_VERSION_PATH "/Accounts/");
  va_list args;

  g_string_append (path, escaped_account);
  va_start (args, first_segment);
  for (const char *segment = first_segment; segment != NULL; segment = va_arg (args, const char *))
    {
      g_autofree char *escaped = g_uri_escape_string (segment, NULL, FALSE);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (args);
  g_string_append (path, suffix);

  return g_string_free (path, FALSE);
}

/* One JSON call whose answer becomes one item. */

typedef struct {
  LiaisonTwilioItemParser parser;   /* NULL: no body expected */
  GDestroyNotify          destroy;
} ObjectRequest;

static void
request_object_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ObjectRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gpointer item;

  root = liaison_twilio_client_request_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (request->parser == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               _("Twilio's answer is not what was expected."));
      return;
    }
  item = request->parser (json_node_get_object (root), &error);
  if (item == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, item, request->destroy);
}

void
_liaison_twilio_client_request_object_async (LiaisonTwilioClient     *self,
                                             LiaisonTwilioProduct     product,
                                             const char              *method,
                                             const char              *path,
                                             const char * const      *form,
                                             JsonNode                *body,
                                             gboolean                 idempotent,
                                             LiaisonTwilioItemParser  parser,
                                             GDestroyNotify           destroy,
                                             gpointer                 source_tag,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ObjectRequest *request = g_new0 (ObjectRequest, 1);

  request->parser = parser;
  request->destroy = destroy != NULL ? destroy : g_object_unref;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, g_free);
  liaison_twilio_client_request_async (self, product, method, path, form, body, idempotent, cancellable,
                                       request_object_cb, task);
}

gpointer
_liaison_twilio_client_request_object_finish (LiaisonTwilioClient  *self,
                                              GAsyncResult         *result,
                                              gpointer              source_tag,
                                              GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_liaison_twilio_client_request_finish_boolean (LiaisonTwilioClient  *self,
                                               GAsyncResult         *result,
                                               gpointer              source_tag,
                                               GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
