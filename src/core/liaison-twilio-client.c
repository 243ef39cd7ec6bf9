/* liaison-twilio-client.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-client"

#include "config.h"

#include "liaison-twilio-client.h"
#include "liaison-log.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

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

/* The one request path of the client: build, send, classify. */

typedef struct {
  SoupMessage *message;
  char        *log_path;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->message);
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

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  const char *data;
  gsize size = 0;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_debug ("%s %s failed: %s", soup_message_get_method (request->message),
               request->log_path, error->message);
      /* Translators: %s is the network error, e.g. "Connection refused" */
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                               _("Could not reach Twilio: %s"), error->message);
      return;
    }

  status = soup_message_get_status (request->message);
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (request->message),
                                                        NULL);
  g_debug ("%s %s → %u (%zu bytes)", soup_message_get_method (request->message),
           request->log_path, status, g_bytes_get_size (body));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, liaison_twilio_error_new_from_response (status, content_type, body));
      return;
    }

  data = g_bytes_get_data (body, &size);
  if (status == SOUP_STATUS_NO_CONTENT || size == 0)
    {
      /* Deletes answer 204 with an empty body. */
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &error) || json_parser_get_root (parser) == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               /* Translators: %s is a JSON parser error */
                               _("Twilio's answer could not be read: %s"),
                               error != NULL ? error->message : _("it is empty"));
      return;
    }

  g_task_return_pointer (task, json_node_ref (json_parser_get_root (parser)),
                         (GDestroyNotify) json_node_unref);
}

/* Sends @method on @path (below the API base, e.g. "/2010-04-01/Accounts/AC….json")
 * with an optional form-encoded @form_body. The task returns the parsed JSON
 * root (NULL for an empty 2xx answer), or a LIAISON_TWILIO_ERROR. */
static void
send_request_async (LiaisonTwilioClient *self,
                    const char          *method,
                    const char          *path,
                    GBytes              *form_body,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *uri_string = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, send_request_async);

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

  uri_string = g_strconcat (self->api_base, path, NULL);
  uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      /* Translators: %s is a URL */
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                               _("Could not reach Twilio: the address “%s” is not a valid web address."),
                               self->api_base);
      return;
    }

  request = g_new0 (Request, 1);
  request->message = soup_message_new_from_uri (method, uri);
  request->log_path = mask_path (path);
  g_task_set_task_data (task, request, request_free);

  /* Twilio never redirects API calls; following one would hand the
   * credentials to another address. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Accept-Charset", "utf-8");
  authorization = build_authorization (self->credentials);
  soup_message_headers_replace (headers, "Authorization", authorization);
  explicit_bzero (authorization, strlen (authorization));

  if (form_body != NULL)
    soup_message_set_request_body_from_bytes (request->message,
                                              "application/x-www-form-urlencoded",
                                              form_body);

  soup_session_send_and_read_async (self->session,
                                    request->message,
                                    G_PRIORITY_DEFAULT,
                                    cancellable,
                                    send_cb,
                                    g_steal_pointer (&task));
}

static JsonNode *
send_request_finish (LiaisonTwilioClient  *self,
                     GAsyncResult         *result,
                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == send_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

  G_OBJECT_CLASS (liaison_twilio_client_parent_class)->dispose (object);
}

static void
liaison_twilio_client_finalize (GObject *object)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (object);

  g_clear_pointer (&self->credentials, liaison_twilio_credentials_free);
  g_clear_pointer (&self->api_base, g_free);

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

  self->session = soup_session_new_with_options ("user-agent", "Liaison/" PACKAGE_VERSION,
                                                 "timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 NULL);
  self->api_base = g_strdup (DEFAULT_API_BASE);
  if (env_base != NULL && env_base[0] != '\0')
    liaison_twilio_client_set_api_base (self, env_base);
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

static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   gboolean     nullable,
                   char       **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    {
      *out = NULL;
      return TRUE;
    }

  /* Translators: %s is a field name such as "status" */
  g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
               _("Twilio's answer about the account has no valid “%s” field."), name);
  return FALSE;
}

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
  if (!get_string_member (object, "sid", FALSE, &account->sid, error) ||
      !get_string_member (object, "friendly_name", TRUE, &account->friendly_name, error) ||
      !get_string_member (object, "status", FALSE, &account->status, error) ||
      !get_string_member (object, "type", FALSE, &account->type, error))
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
