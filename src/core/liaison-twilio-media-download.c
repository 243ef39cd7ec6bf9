/* liaison-twilio-media-download.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-media-download"

#include "config.h"

#include "liaison-twilio-media-download.h"
#include "liaison-twilio-client-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/* Twilio's storage redirects once; more is a loop. */
#define MAX_REDIRECTS 5
/* MMS media is at most 5 MB; leave room for other carriers' limits. */
#define MAX_MEDIA_BYTES (20 * 1024 * 1024)

typedef struct
{
  LiaisonTwilioClient *client;
  GFile               *destination;
  GFile               *part;
  SoupMessage         *message;
  guint                redirects;
  goffset              size;
} Download;

static void
download_free (gpointer data)
{
  Download *download = data;

  g_clear_object (&download->client);
  g_clear_object (&download->destination);
  g_clear_object (&download->part);
  g_clear_object (&download->message);
  g_free (download);
}

static gboolean
same_host (GUri *a,
           GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_strcmp0 (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static void send_request (GTask *task, GUri *uri);

static void
renamed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, download->size);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_move_async (download->part, download->destination, G_FILE_COPY_OVERWRITE,
                     G_PRIORITY_DEFAULT, g_task_get_cancellable (task), NULL, NULL,
                     renamed_cb, g_object_ref (task));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup (error->message);

          g_clear_error (&error);
          error = g_error_new (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                               _("The attachment could not be downloaded: %s"), message);
        }
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (download->message);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (download->message),
                                                           "Location");
      g_autoptr(GUri) next = NULL;

      if (location != NULL && ++download->redirects <= MAX_REDIRECTS)
        next = g_uri_parse_relative (soup_message_get_uri (download->message), location,
                                     G_URI_FLAGS_ENCODED, NULL);

      if (next == NULL)
        {
          g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                                   _("Twilio sent the attachment somewhere that cannot be followed."));
          return;
        }

      send_request (g_steal_pointer (&task), next);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task,
                           liaison_twilio_error_new_from_response (status,
                                                                   soup_message_headers_get_content_type (soup_message_get_response_headers (download->message), NULL),
                                                                   bytes));
      return;
    }

  if (g_bytes_get_size (bytes) > MAX_MEDIA_BYTES)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               _("The attachment is larger than a text message can carry."));
      return;
    }

  download->size = g_bytes_get_size (bytes);
  g_file_replace_contents_bytes_async (download->part, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), written_cb,
                                       g_object_ref (task));
}

static void
send_request (GTask *task,
              GUri  *uri)
{
  Download *download = g_task_get_task_data (task);
  g_autoptr(GUri) api = NULL;
  SoupMessage *message;

  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  /* The credentials only ever go to the API host itself. */
  api = g_uri_parse (liaison_twilio_client_get_api_base (download->client), G_URI_FLAGS_NONE, NULL);
  if (api != NULL && same_host (api, uri))
    {
      g_autofree char *authorization = _liaison_twilio_client_dup_authorization (download->client);

      if (authorization != NULL)
        {
          soup_message_headers_replace (soup_message_get_request_headers (message),
                                        "Authorization", authorization);
          explicit_bzero (authorization, strlen (authorization));
        }
    }

  g_clear_object (&download->message);
  download->message = message;

  soup_session_send_and_read_async (_liaison_twilio_client_get_session (download->client), message,
                                    G_PRIORITY_DEFAULT, g_task_get_cancellable (task), read_cb, task);
}

void
liaison_twilio_client_download_media_async (LiaisonTwilioClient *self,
                                            const char          *url,
                                            GFile               *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part_path = NULL;
  Download *download;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_download_media_async);

  /* The media resource's ".json" is its description; without it, the content. */
  path = g_str_has_suffix (url, ".json") ? g_strndup (url, strlen (url) - 5) : g_strdup (url);
  base = g_uri_parse (liaison_twilio_client_get_api_base (self), G_URI_FLAGS_NONE, NULL);
  if (base != NULL)
    uri = g_uri_parse_relative (base, path, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The attachment's address is not valid."));
      return;
    }

  download = g_new0 (Download, 1);
  download->client = g_object_ref (self);
  download->destination = g_object_ref (destination);
  part_path = g_strconcat (g_file_peek_path (destination), ".part", NULL);
  download->part = g_file_new_for_path (part_path);
  g_task_set_task_data (task, download, download_free);

  send_request (g_steal_pointer (&task), uri);
}

goffset
liaison_twilio_client_download_media_finish (LiaisonTwilioClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
