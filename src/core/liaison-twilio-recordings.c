/* liaison-twilio-recordings.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-recordings"

#include "config.h"

#include "liaison-twilio-client.h"
#include "liaison-twilio-client-private.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include <string.h>

#define API_VERSION_PATH   "/2010-04-01"
#define DOWNLOAD_CHUNK     (64 * 1024)
#define ERROR_BODY_LIMIT   (16 * 1024)

/* Item parsers for the lists. */

#define ITEM_PARSER(name, constructor) \
  static gpointer \
  name (JsonObject  *object, \
        GError     **error) \
  { \
    return constructor (object, error); \
  }

ITEM_PARSER (parse_recording, liaison_twilio_recording_new_from_json)
ITEM_PARSER (parse_transcription, liaison_twilio_transcription_new_from_json)
ITEM_PARSER (parse_service, liaison_twilio_intelligence_service_new_from_json)
ITEM_PARSER (parse_transcript, liaison_twilio_intelligence_transcript_new_from_json)
ITEM_PARSER (parse_sentence, liaison_twilio_sentence_new_from_json)
ITEM_PARSER (parse_operator_result, liaison_twilio_operator_result_new_from_json)

static char *
v2_path (const char *collection,
         const char *sid,
         const char *suffix)
{
  g_autofree char *escaped = sid != NULL ? g_uri_escape_string (sid, NULL, FALSE) : NULL;

  return g_strconcat ("/v2/", collection, escaped != NULL ? "/" : "", escaped != NULL ? escaped : "",
                      suffix != NULL ? suffix : "", NULL);
}

/* Recordings */

void
liaison_twilio_client_list_recordings_async (LiaisonTwilioClient *self,
                                             const char          *call_sid,
                                             const char          *conference_sid,
                                             GDateTime           *date_created,
                                             GDateTime           *date_created_before,
                                             GDateTime           *date_created_after,
                                             guint                page_size,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  const struct {
    const char *name;
    GDateTime  *date;
  } dates[] = {
    { "DateCreated", date_created },
    { "DateCreated<", date_created_before },
    { "DateCreated>", date_created_after },
  };

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  _liaison_twilio_form_add (params, "CallSid", call_sid);
  _liaison_twilio_form_add (params, "ConferenceSid", conference_sid);
  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (dates[i].date == NULL)
        continue;
      g_ptr_array_add (params, g_strdup (dates[i].name));
      g_ptr_array_add (params, _liaison_twilio_format_day (dates[i].date));
    }

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Recordings", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, _liaison_twilio_form_end (params),
                                    "recordings", parse_recording, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_list_call_recordings_async (LiaisonTwilioClient *self,
                                                  const char          *call_sid,
                                                  guint                page_size,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (call_sid != NULL);

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Calls", call_sid, "Recordings", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, NULL, "recordings", parse_recording,
                                    page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_recording_async (LiaisonTwilioClient *self,
                                             const char          *sid,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Recordings", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_recording, NULL, liaison_twilio_client_fetch_recording_async,
                                               cancellable, callback, user_data);
}

LiaisonTwilioRecording *
liaison_twilio_client_fetch_recording_finish (LiaisonTwilioClient  *self,
                                              GAsyncResult         *result,
                                              GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_fetch_recording_async,
                                                       error);
}

void
liaison_twilio_client_delete_recording_async (LiaisonTwilioClient *self,
                                              const char          *sid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Recordings", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "DELETE", path, NULL, NULL, TRUE,
                                               NULL, NULL, liaison_twilio_client_delete_recording_async,
                                               cancellable, callback, user_data);
}

gboolean
liaison_twilio_client_delete_recording_finish (LiaisonTwilioClient  *self,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  return _liaison_twilio_client_request_finish_boolean (self, result, liaison_twilio_client_delete_recording_async,
                                                        error);
}

/* Media download */

typedef struct {
  GFile                     *destination;
  GFile                     *part;
  char                      *url;
  LiaisonTwilioProgressFunc  progress;
  gpointer                   progress_data;
  GDestroyNotify             progress_destroy;
  SoupMessage               *message;
  GInputStream              *input;
  GOutputStream             *output;
  goffset                    offset;     /* bytes already in the .part file when asking */
  goffset                    received;   /* bytes in the .part file now */
  goffset                    total;      /* size of the whole file, -1 unknown */
  gboolean                   restarted;
} Download;

static void
download_free (gpointer data)
{
  Download *download = data;

  if (download->progress_destroy != NULL)
    download->progress_destroy (download->progress_data);
  g_clear_object (&download->destination);
  g_clear_object (&download->part);
  g_free (download->url);
  g_clear_object (&download->message);
  g_clear_object (&download->input);
  if (download->output != NULL && !g_output_stream_is_closed (download->output))
    g_output_stream_close (download->output, NULL, NULL);
  g_clear_object (&download->output);
  g_free (download);
}

static void download_send (GTask *task);

/* Fails the download; whatever reached the .part file stays there. */
static void
download_fail (GTask  *task,
               GError *error)
{
  Download *download = g_task_get_task_data (task);

  if (download->output != NULL)
    g_output_stream_close (download->output, NULL, NULL);
  if (download->input != NULL)
    g_input_stream_close (download->input, NULL, NULL);
  g_task_return_error (task, error);
}

static void
move_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      g_prefix_error (&error, _("Could not save the recording: "));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, download->received);
}

static void
download_complete (GTask *task)
{
  Download *download = g_task_get_task_data (task);

  g_file_move_async (download->part, download->destination, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task), NULL, NULL, move_cb, g_object_ref (task));
}

static void
close_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    {
      g_prefix_error (&error, _("Could not save the recording: "));
      g_task_return_error (task, error);
      return;
    }
  download_complete (task);
}

static void read_next (GTask *task);

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, &written, &error))
    {
      /* A full disk lands here (G_IO_ERROR_NO_SPACE). */
      download->received += written;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not write the recording: "));
      download_fail (task, error);
      return;
    }
  download->received += written;
  if (download->progress != NULL)
    download->progress (download->received, download->total, download->progress_data);
  read_next (task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *wrapped = g_error_new (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                                         _("The recording download was interrupted: %s"), error->message);

          g_error_free (error);
          error = wrapped;
        }
      download_fail (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      if (download->total >= 0 && download->received != download->total)
        {
          g_autofree char *received = g_strdup_printf ("%" G_GOFFSET_FORMAT, download->received);
          g_autofree char *total = g_strdup_printf ("%" G_GOFFSET_FORMAT, download->total);

          /* Translators: the two numbers are byte counts. */
          download_fail (task, g_error_new (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                                            _("The recording download ended early (%s of %s bytes)."),
                                            received, total));
          return;
        }
      g_input_stream_close (download->input, NULL, NULL);
      g_output_stream_close_async (download->output, G_PRIORITY_DEFAULT, NULL, close_cb, g_object_ref (task));
      return;
    }

  g_output_stream_write_all_async (download->output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task), write_cb,
                                   g_object_ref (task));
  /* write_all keeps no reference on the data: keep the bytes alive. */
  g_object_set_data_full (G_OBJECT (task), "chunk", g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
read_next (GTask *task)
{
  Download *download = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (download->input, DOWNLOAD_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  GError *error = NULL;
  GFileOutputStream *output;

  if (download->offset > 0)
    output = g_file_append_to_finish (G_FILE (source), result, &error);
  else
    output = g_file_replace_finish (G_FILE (source), result, &error);
  if (output == NULL)
    {
      g_prefix_error (&error, _("Could not write the recording: "));
      download_fail (task, error);
      return;
    }
  download->output = G_OUTPUT_STREAM (output);
  download->received = download->offset;
  if (download->progress != NULL)
    download->progress (download->received, download->total, download->progress_data);
  read_next (task);
}

static void
error_body_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  SoupMessageHeaders *headers = soup_message_get_response_headers (download->message);

  download_fail (task, liaison_twilio_error_new_from_response (soup_message_get_status (download->message),
                                                               soup_message_headers_get_content_type (headers, NULL),
                                                               body));
}

/* The N of "bytes * /N" in a 416 answer, or -1. */
static goffset
unsatisfied_length (SoupMessageHeaders *headers)
{
  const char *range = soup_message_headers_get_one (headers, "Content-Range");
  gint64 length;
  char *end = NULL;

  if (range == NULL || !g_str_has_prefix (range, "bytes */"))
    return -1;
  length = g_ascii_strtoll (range + strlen ("bytes */"), &end, 10);
  return *end == '\0' && length >= 0 ? length : -1;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  download->input = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (download->input == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *wrapped = g_error_new (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NETWORK,
                                         _("Could not reach Twilio to download the recording: %s"),
                                         error->message);

          g_error_free (error);
          error = wrapped;
        }
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (download->message);
  headers = soup_message_get_response_headers (download->message);

  if (status == SOUP_STATUS_PARTIAL_CONTENT && download->offset > 0)
    {
      goffset start = 0, end = 0, total = -1;

      if (!soup_message_headers_get_content_range (headers, &start, &end, &total) || start != download->offset)
        {
          download_fail (task, g_error_new_literal (LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                                                    _("Twilio resumed the recording download at the wrong place.")));
          return;
        }
      download->total = total;
      g_file_append_to_async (download->part, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                              g_task_get_cancellable (task), open_cb, g_object_ref (task));
      return;
    }

  if (status == SOUP_STATUS_OK)
    {
      /* The whole file: start the .part again. */
      download->offset = 0;
      download->total = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                        ? soup_message_headers_get_content_length (headers) : -1;
      g_file_replace_async (download->part, NULL, FALSE, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                            g_task_get_cancellable (task), open_cb, g_object_ref (task));
      return;
    }

  if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE && download->offset > 0)
    {
      goffset length = unsatisfied_length (headers);

      g_input_stream_close (download->input, NULL, NULL);
      g_clear_object (&download->input);
      if (length == download->offset)
        {
          /* The .part file already holds the whole recording. */
          download->received = download->offset;
          download_complete (task);
          return;
        }
      if (!download->restarted)
        {
          download->restarted = TRUE;
          download->offset = 0;
          g_file_delete (download->part, NULL, NULL);
          download_send (task);
          return;
        }
    }

  g_input_stream_read_bytes_async (download->input, ERROR_BODY_LIMIT, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), error_body_cb, g_object_ref (task));
}

static void
download_send (GTask *task)
{
  LiaisonTwilioClient *self = g_task_get_source_object (task);
  Download *download = g_task_get_task_data (task);
  g_autofree char *authorization = _liaison_twilio_client_dup_authorization (self);
  SoupMessageHeaders *headers;

  g_clear_object (&download->message);
  g_clear_object (&download->input);
  download->message = soup_message_new (SOUP_METHOD_GET, download->url);
  if (download->message == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               _("The recording’s address is not valid."));
      return;
    }
  headers = soup_message_get_request_headers (download->message);
  if (authorization != NULL)
    {
      soup_message_headers_replace (headers, "Authorization", authorization);
      explicit_bzero (authorization, strlen (authorization));
    }
  if (download->offset > 0)
    soup_message_headers_set_range (headers, download->offset, -1);

  soup_session_send_async (_liaison_twilio_client_get_session (self), download->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, g_object_ref (task));
}

void
liaison_twilio_client_download_recording_async (LiaisonTwilioClient          *self,
                                                const char                   *sid,
                                                LiaisonTwilioRecordingFormat  format,
                                                GFile                        *destination,
                                                LiaisonTwilioProgressFunc     progress,
                                                gpointer                      progress_data,
                                                GDestroyNotify                progress_destroy,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *part_name = NULL;
  Download *download;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_download_recording_async);
  download = g_new0 (Download, 1);
  download->progress = progress;
  download->progress_data = progress_data;
  download->progress_destroy = progress_destroy;
  download->destination = g_object_ref (destination);
  download->total = -1;
  g_task_set_task_data (task, download, download_free);

  if (_liaison_twilio_client_get_account_sid (self) == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NO_CREDENTIALS,
                               _("There are no Twilio credentials to download the recording with."));
      return;
    }

  parent = g_file_get_parent (destination);
  name = g_file_get_basename (destination);
  if (parent == NULL || name == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("The recording cannot be saved there."));
      return;
    }
  part_name = g_strconcat (name, ".part", NULL);
  download->part = g_file_get_child (parent, part_name);

  base = liaison_twilio_client_get_base_url (self, LIAISON_TWILIO_PRODUCT_API);
  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       format == LIAISON_TWILIO_RECORDING_FORMAT_MP3 ? ".mp3" : ".wav",
                                       "Recordings", sid, NULL);
  download->url = g_strconcat (base, path, NULL);

  /* Resume what an earlier attempt left. */
  info = g_file_query_info (download->part, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    download->offset = g_file_info_get_size (info);

  download_send (task);
}

goffset
liaison_twilio_client_download_recording_finish (LiaisonTwilioClient  *self,
                                                 GAsyncResult         *result,
                                                 GError              **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_download_recording_async,
                        -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* Legacy transcriptions */

void
liaison_twilio_client_list_transcriptions_async (LiaisonTwilioClient *self,
                                                 const char          *recording_sid,
                                                 guint                page_size,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  if (recording_sid != NULL)
    path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                         ".json", "Recordings", recording_sid, "Transcriptions", NULL);
  else
    path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                         ".json", "Transcriptions", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, NULL, "transcriptions",
                                    parse_transcription, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_fetch_transcription_async (LiaisonTwilioClient *self,
                                                 const char          *sid,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Transcriptions", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_transcription, NULL,
                                               liaison_twilio_client_fetch_transcription_async, cancellable,
                                               callback, user_data);
}

LiaisonTwilioTranscription *
liaison_twilio_client_fetch_transcription_finish (LiaisonTwilioClient  *self,
                                                  GAsyncResult         *result,
                                                  GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result,
                                                       liaison_twilio_client_fetch_transcription_async, error);
}

void
liaison_twilio_client_delete_transcription_async (LiaisonTwilioClient *self,
                                                  const char          *sid,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = _liaison_twilio_account_path (_liaison_twilio_client_get_account_sid (self),
                                       ".json", "Transcriptions", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "DELETE", path, NULL, NULL, TRUE,
                                               NULL, NULL, liaison_twilio_client_delete_transcription_async,
                                               cancellable, callback, user_data);
}

gboolean
liaison_twilio_client_delete_transcription_finish (LiaisonTwilioClient  *self,
                                                   GAsyncResult         *result,
                                                   GError              **error)
{
  return _liaison_twilio_client_request_finish_boolean (self, result,
                                                        liaison_twilio_client_delete_transcription_async, error);
}

/* Voice Intelligence */

void
liaison_twilio_client_create_intelligence_service_async (LiaisonTwilioClient *self,
                                                         const char          *unique_name,
                                                         const char          *friendly_name,
                                                         const char          *webhook_url,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (unique_name != NULL);

  _liaison_twilio_form_add (form, "UniqueName", unique_name);
  _liaison_twilio_form_add (form, "FriendlyName", friendly_name);
  if (webhook_url != NULL)
    {
      _liaison_twilio_form_add (form, "WebhookUrl", webhook_url);
      _liaison_twilio_form_add (form, "WebhookHttpMethod", "POST");
    }

  /* Creates are never re-sent once they may have reached Twilio. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "POST", "/v2/Services",
                                               _liaison_twilio_form_end (form), NULL, FALSE, parse_service,
                                               NULL, liaison_twilio_client_create_intelligence_service_async,
                                               cancellable, callback, user_data);
}

LiaisonTwilioIntelligenceService *
liaison_twilio_client_create_intelligence_service_finish (LiaisonTwilioClient  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result,
                                                       liaison_twilio_client_create_intelligence_service_async,
                                                       error);
}

void
liaison_twilio_client_list_intelligence_services_async (LiaisonTwilioClient *self,
                                                        guint                page_size,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "/v2/Services", NULL, "services",
                                    parse_service, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_create_transcript_async (LiaisonTwilioClient *self,
                                               const char          *service_sid,
                                               const char          *recording_sid,
                                               const char          *customer_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *channel = NULL;
  const char *form[] = { "ServiceSid", service_sid, "Channel", NULL, "CustomerKey", customer_key, NULL };

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (service_sid != NULL);
  g_return_if_fail (recording_sid != NULL);

  /* Channel is JSON inside the form (TWILIO.md §4.6). */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "media_properties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source_sid");
  json_builder_add_string_value (builder, recording_sid);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  channel = json_generator_to_data (generator, NULL);
  form[3] = channel;
  if (customer_key == NULL)
    form[4] = NULL;

  /* Creates are never re-sent once they may have reached Twilio. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "POST",
                                               "/v2/Transcripts", form, NULL, FALSE, parse_transcript, NULL,
                                               liaison_twilio_client_transcript_finish, cancellable, callback,
                                               user_data);
}

void
liaison_twilio_client_fetch_transcript_async (LiaisonTwilioClient *self,
                                              const char          *sid,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = v2_path ("Transcripts", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "GET", path, NULL, NULL,
                                               TRUE, parse_transcript, NULL,
                                               liaison_twilio_client_transcript_finish, cancellable, callback,
                                               user_data);
}

LiaisonTwilioIntelligenceTranscript *
liaison_twilio_client_transcript_finish (LiaisonTwilioClient  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_transcript_finish,
                                                       error);
}

void
liaison_twilio_client_list_transcripts_async (LiaisonTwilioClient *self,
                                              const char          *service_sid,
                                              const char          *source_sid,
                                              guint                page_size,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  const char *params[5] = { NULL, };
  guint n = 0;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  if (service_sid != NULL)
    {
      params[n++] = "ServiceSid";
      params[n++] = service_sid;
    }
  if (source_sid != NULL)
    {
      params[n++] = "SourceSid";
      params[n++] = source_sid;
    }
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "/v2/Transcripts", params,
                                    "transcripts", parse_transcript, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_delete_transcript_async (LiaisonTwilioClient *self,
                                               const char          *sid,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = v2_path ("Transcripts", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "DELETE", path, NULL,
                                               NULL, TRUE, NULL, NULL,
                                               liaison_twilio_client_delete_transcript_async, cancellable,
                                               callback, user_data);
}

gboolean
liaison_twilio_client_delete_transcript_finish (LiaisonTwilioClient  *self,
                                                GAsyncResult         *result,
                                                GError              **error)
{
  return _liaison_twilio_client_request_finish_boolean (self, result,
                                                        liaison_twilio_client_delete_transcript_async, error);
}

void
liaison_twilio_client_list_sentences_async (LiaisonTwilioClient *self,
                                            const char          *transcript_sid,
                                            guint                page_size,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (transcript_sid != NULL);

  path = v2_path ("Transcripts", transcript_sid, "/Sentences");
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, path, NULL, "sentences",
                                    parse_sentence, page_size, cancellable, callback, user_data);
}

void
liaison_twilio_client_list_operator_results_async (LiaisonTwilioClient *self,
                                                   const char          *transcript_sid,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (transcript_sid != NULL);

  path = v2_path ("Transcripts", transcript_sid, "/OperatorResults");
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, path, NULL, "operator_results",
                                    parse_operator_result, 0, cancellable, callback, user_data);
}
