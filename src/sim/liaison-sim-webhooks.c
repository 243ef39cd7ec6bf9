/* liaison-sim-webhooks.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"
#include "liaison-webhook-signature.h"

#include <string.h>

/* Webhooks: status callbacks, inbound messages and voice requests. */

/* Webhooks: status callbacks and inbound messages. */

void
sim_callback_free (SimCallback *callback)
{
  g_free (callback->url);
  g_strfreev (callback->params);
  sim_wipe_free (callback->auth_token);
  g_free (callback->idempotency_token);
  g_clear_object (&callback->inbound_reply);
  g_free (callback->inbound_sid);
  g_free (callback->method);
  if (callback->on_done_destroy != NULL)
    callback->on_done_destroy (callback->on_done_data);
  g_clear_object (&callback->server);
  g_free (callback);
}

SimCallback *
sim_callback_copy (SimCallback *callback)
{
  SimCallback *copy = g_new0 (SimCallback, 1);

  copy->url = g_strdup (callback->url);
  copy->method = g_strdup (callback->method);
  copy->params = g_strdupv (callback->params);
  copy->auth_token = g_strdup (callback->auth_token);
  copy->idempotency_token = g_strdup (callback->idempotency_token);
  return copy;
}

void
sim_answer_waiting (LiaisonSimServer *self)
{
  if (self->callback_in_flight || !g_queue_is_empty (&self->callbacks))
    return;

  for (guint i = 0; i < self->waiting_messages->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->waiting_messages, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *now = sim_format_unix (self->clock);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "clock");
      json_builder_add_int_value (builder, self->clock);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, now);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      sim_respond_json (msg, SOUP_STATUS_OK, root);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (self->waiting_messages, 0);
}

static void
callback_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SimCallback *callback = user_data;
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
      sim_respond_json (callback->inbound_reply, SOUP_STATUS_OK, root);
      soup_server_message_unpause (callback->inbound_reply);
    }
  if (callback->on_done != NULL && self->session != NULL)
    callback->on_done (self, status, bytes, callback->on_done_data);
  sim_callback_free (callback);

  if (self->session != NULL)
    {
      self->callback_in_flight = FALSE;
      sim_send_next_callback (self);
    }
}

void
sim_send_next_callback (LiaisonSimServer *self)
{
  SimCallback *callback;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *signature = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;

  while (!self->callback_in_flight && (callback = g_queue_pop_head (&self->callbacks)) != NULL)
    {
      gboolean get = g_strcmp0 (callback->method, "GET") == 0;
      g_autofree char *url = NULL;

      g_string_truncate (body, 0);
      for (guint i = 0; callback->params[i] != NULL && callback->params[i + 1] != NULL; i += 2)
        {
          g_autofree char *name = g_uri_escape_string (callback->params[i], NULL, FALSE);
          g_autofree char *value = g_uri_escape_string (callback->params[i + 1], NULL, FALSE);

          g_string_append_printf (body, "%s%s=%s", body->len > 0 ? "&" : "", name, value);
        }

      /* A GET carries the parameters in its query, and its signature is
       * that of the whole URL with no POST parameters (TWILIO.md §6). */
      if (get && body->len > 0)
        url = g_strconcat (callback->url, strchr (callback->url, '?') != NULL ? "&" : "?", body->str, NULL);
      else
        url = g_strdup (callback->url);

      message = soup_message_new (get ? "GET" : "POST", url);
      if (message == NULL)
        {
          g_message ("Webhook URL is not valid; not sent");
          if (callback->inbound_reply != NULL)
            {
              sim_respond_error (callback->inbound_reply, SOUP_STATUS_BAD_REQUEST, 11200,
                                 "The number's SmsUrl is not a valid URL");
              soup_server_message_unpause (callback->inbound_reply);
            }
          if (callback->on_done != NULL)
            callback->on_done (self, 0, NULL, callback->on_done_data);
          sim_callback_free (callback);
          continue;
        }

      if (get)
        {
          const char * const no_params[] = { NULL };

          signature = liaison_webhook_signature_compute (callback->auth_token, url, no_params);
        }
      else
        {
          signature = liaison_webhook_signature_compute (callback->auth_token, callback->url,
                                                         (const char * const *) callback->params);
        }

      headers = soup_message_get_request_headers (message);
      soup_message_headers_replace (headers, "X-Twilio-Signature", signature);
      soup_message_headers_replace (headers, "I-Twilio-Idempotency-Token", callback->idempotency_token);
      soup_message_headers_replace (headers, "User-Agent", "TwilioProxy/1.1");
      if (!get)
        {
          bytes = g_bytes_new (body->str, body->len);
          soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
          g_clear_pointer (&bytes, g_bytes_unref);
        }
      g_clear_pointer (&signature, g_free);

      callback->server = g_object_ref (self);
      self->callback_in_flight = TRUE;
      soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, NULL,
                                        callback_sent_cb, callback);
      g_clear_object (&message);
    }

  sim_answer_waiting (self);
}

void
sim_enqueue_callback (LiaisonSimServer *self,
                      SimCallback      *callback)
{
  const char *fault = self->callback_fault;

  /* Callback faults apply to status callbacks only: an inbound request or
   * a voice request that waits for its answer is never dropped. */
  if (callback->inbound_reply != NULL || callback->on_done != NULL)
    fault = NULL;

  if (g_strcmp0 (fault, "drop") == 0)
    {
      sim_callback_free (callback);
      return;
    }

  if (g_strcmp0 (fault, "duplicate") == 0)
    g_queue_push_tail (&self->callbacks, sim_callback_copy (callback));

  /* reorder: each new callback goes before the previous still queued. */
  if (g_strcmp0 (fault, "reorder") == 0 && !g_queue_is_empty (&self->callbacks))
    g_queue_insert_before (&self->callbacks, g_queue_peek_tail_link (&self->callbacks), callback);
  else
    g_queue_push_tail (&self->callbacks, callback);
}

char *
sim_new_idempotency_token (void)
{
  return g_uuid_string_random ();
}

void
sim_post_webhook (LiaisonSimServer *self,
                  SimAccount       *account,
                  const char       *url,
                  const char       *method,
                  GPtrArray        *params,
                  SimCallbackDone   on_done,
                  gpointer          on_done_data,
                  GDestroyNotify    on_done_destroy)
{
  SimCallback *callback = g_new0 (SimCallback, 1);

  callback->url = g_strdup (url);
  callback->method = g_strdup (method != NULL && g_ascii_strcasecmp (method, "GET") == 0 ? "GET" : NULL);
  callback->params = sim_pairs_to_strv (params);
  callback->auth_token = g_strdup (account->auth_token);
  callback->idempotency_token = sim_new_idempotency_token ();
  callback->on_done = on_done;
  callback->on_done_data = on_done_data;
  callback->on_done_destroy = on_done_destroy;
  sim_enqueue_callback (self, callback);
  sim_send_next_callback (self);
}
