/* liaison-sim-control.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-private.h"

/* Control API (no Twilio auth, loopback only). Every POST is form-encoded and
 * every answer is JSON:
 *
 *   POST /_sim/clock/advance   seconds=N. Moves the simulated clock, runs the
 *                              status changes that fall due, and answers once
 *                              each resulting callback was attempted:
 *                              {"clock": UNIX, "date": RFC 2822}.
 *   POST /_sim/numbers         PhoneNumber, SmsUrl, StatusCallback, VoiceUrl,
 *                              AccountSid (default: the first account).
 *                              Registers or replaces an incoming number.
 *   POST /_sim/inbound/sms     From, To (a registered number), Body, MediaUrl
 *                              (repeatable). Stores the inbound message, applies
 *                              opt-out keywords (§2.8, auto-reply stored as an
 *                              outbound-reply message) and POSTs the signed
 *                              webhook (§2.6) to the number's SmsUrl:
 *                              {"sid": "SM…", "webhook_status": HTTP status or 0}.
 *   POST /_sim/faults          path (regex), method, status, code, retry_after,
 *                              retry_after_date=1 (send Retry-After as an
 *                              HTTP-date: wall clock + retry_after),
 *                              count (default 1; 0 = always), latency_ms,
 *                              mode=respond|drop-response; or
 *                              callbacks=drop|duplicate|reorder|none.
 *   POST /_sim/faults/clear    Removes every fault.
 *   GET  /_sim/requests        The REST requests received so far:
 *                              [{"method", "path", "params", "status"}].
 */

static void
control_clock_advance (LiaisonSimServer  *self,
                       SoupServerMessage *msg,
                       GPtrArray         *form)
{
  const char *text = sim_form_get (form, "seconds");
  char *end = NULL;
  gint64 seconds;

  seconds = text != NULL ? g_ascii_strtoll (text, &end, 10) : -1;
  if (text == NULL || *text == '\0' || *end != '\0' || seconds < 0 || seconds > 10 * 365 * 86400)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "seconds must be a non-negative integer");
      return;
    }

  self->clock += seconds;
  sim_run_due (self);
  soup_server_message_pause (msg);
  g_ptr_array_add (self->waiting_messages, g_object_ref (msg));
  sim_send_next_callback (self);
}

static void
control_numbers (LiaisonSimServer  *self,
                 SoupServerMessage *msg,
                 GPtrArray         *form)
{
  const char *phone_number = sim_form_get (form, "PhoneNumber");
  const char *account_sid = sim_form_get (form, "AccountSid");
  g_autoptr(SimNumber) number = NULL;

  if (account_sid == NULL)
    account_sid = self->default_account_sid;
  if (!sim_is_e164 (phone_number))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21421, "PhoneNumber is invalid");
      return;
    }
  if (account_sid == NULL || !g_hash_table_contains (self->accounts, account_sid))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20404, "Unknown AccountSid");
      return;
    }

  number = sim_db_number_get (self, phone_number);
  if (number == NULL)
    {
      number = g_new0 (SimNumber, 1);
      number->phone_number = g_strdup (phone_number);
      number->friendly_name = g_strdup (phone_number);
    }
  g_free (number->account_sid);
  number->account_sid = g_strdup (account_sid);
  g_free (number->sms_url);
  number->sms_url = g_strdup (sim_form_get (form, "SmsUrl"));
  g_free (number->status_callback);
  number->status_callback = g_strdup (sim_form_get (form, "StatusCallback"));
  g_free (number->voice_url);
  number->voice_url = g_strdup (sim_form_get (form, "VoiceUrl"));

  if (!sim_db_number_put (self, number))
    {
      sim_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, 20500, "Internal Server Error");
      return;
    }

  sim_respond_ok (msg);
}

static void
control_faults (LiaisonSimServer  *self,
                SoupServerMessage *msg,
                GPtrArray         *form)
{
  const char *callbacks = sim_form_get (form, "callbacks");
  const char *path = sim_form_get (form, "path");
  const char *mode = sim_form_get (form, "mode");
  gint64 status, code, retry_after, retry_after_date, n, latency_ms;
  g_autoptr(GError) error = NULL;
  SimFault *fault;

  if (callbacks != NULL)
    {
      if (!g_str_equal (callbacks, "drop") && !g_str_equal (callbacks, "duplicate")
          && !g_str_equal (callbacks, "reorder") && !g_str_equal (callbacks, "none"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "callbacks must be drop, duplicate, reorder or none");
          return;
        }
      g_free (self->callback_fault);
      self->callback_fault = g_str_equal (callbacks, "none") ? NULL : g_strdup (callbacks);
      if (path == NULL)
        {
          sim_respond_ok (msg);
          return;
        }
    }

  if (mode != NULL && !g_str_equal (mode, "respond") && !g_str_equal (mode, "drop-response"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "mode must be respond or drop-response");
      return;
    }

  if (!sim_form_get_int (form, "status", 200, 599, 500, &status)
      || !sim_form_get_int (form, "code", 0, 99999, 20500, &code)
      || !sim_form_get_int (form, "retry_after", 0, 86400, 0, &retry_after)
      || !sim_form_get_int (form, "retry_after_date", 0, 1, 0, &retry_after_date)
      || !sim_form_get_int (form, "count", 0, G_MAXINT, 1, &n)
      || !sim_form_get_int (form, "latency_ms", 0, 60000, 0, &latency_ms))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                     "status (200-599), code, retry_after (0-86400), retry_after_date (0-1), "
                     "count (0 = always) and "
                     "latency_ms (0-60000) must be integers in range");
      return;
    }

  fault = g_new0 (SimFault, 1);
  fault->path = g_regex_new (path != NULL ? path : ".*", 0, 0, &error);
  if (fault->path == NULL)
    {
      sim_fault_free (fault);
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, error->message);
      return;
    }
  fault->method = g_strdup (sim_form_get (form, "method"));
  fault->status = (guint) status;
  fault->code = (gint) code;
  fault->retry_after = (gint) retry_after;
  fault->retry_after_date = retry_after_date != 0;
  fault->count = (gint) n;
  fault->latency_ms = (guint) latency_ms;
  fault->drop_response = g_strcmp0 (mode, "drop-response") == 0;
  g_ptr_array_add (self->faults, fault);

  sim_respond_ok (msg);
}

static void
control_faults_clear (LiaisonSimServer  *self,
                      SoupServerMessage *msg,
                      GPtrArray         *form)
{
  g_ptr_array_set_size (self->faults, 0);
  g_clear_pointer (&self->callback_fault, g_free);
  sim_respond_ok (msg);
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
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static const SimControlRoute control_routes[] = {
  { "POST", "/_sim/clock/advance", control_clock_advance },
  { "POST", "/_sim/numbers", control_numbers },
  { "POST", "/_sim/faults", control_faults },
  { "POST", "/_sim/faults/clear", control_faults_clear },
  { "GET", "/_sim/requests", control_requests },
};

const SimModule sim_control_module = {
  .name = "control",
  .control_routes = control_routes,
  .n_control_routes = G_N_ELEMENTS (control_routes),
};
