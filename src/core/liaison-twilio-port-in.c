/* liaison-twilio-port-in.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-numbers"

#include "config.h"

#include "liaison-twilio-port-in.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

#include <glib/gi18n-lib.h>

/* Port-in numbers */

G_DEFINE_BOXED_TYPE (LiaisonTwilioPortInNumber, liaison_twilio_port_in_number,
                     liaison_twilio_port_in_number_copy, liaison_twilio_port_in_number_free)

void
liaison_twilio_port_in_number_free (LiaisonTwilioPortInNumber *self)
{
  if (self == NULL)
    return;
  g_free (self->sid);
  g_free (self->phone_number);
  g_free (self->status);
  g_free (self->number_type);
  g_free (self->rejection_reason);
  g_free (self->rejection_reason_code);
  g_clear_pointer (&self->port_date, g_date_time_unref);
  g_clear_pointer (&self->last_updated, g_date_time_unref);
  g_free (self);
}

LiaisonTwilioPortInNumber *
liaison_twilio_port_in_number_copy (const LiaisonTwilioPortInNumber *self)
{
  LiaisonTwilioPortInNumber *copy = g_new0 (LiaisonTwilioPortInNumber, 1);

  copy->sid = g_strdup (self->sid);
  copy->phone_number = g_strdup (self->phone_number);
  copy->status = g_strdup (self->status);
  copy->number_type = g_strdup (self->number_type);
  copy->portable = self->portable;
  copy->rejection_reason = g_strdup (self->rejection_reason);
  copy->rejection_reason_code = g_strdup (self->rejection_reason_code);
  copy->port_date = self->port_date != NULL ? g_date_time_ref (self->port_date) : NULL;
  copy->last_updated = self->last_updated != NULL ? g_date_time_ref (self->last_updated) : NULL;
  return copy;
}

/* The rejection code is a string in a request's numbers and an integer in
 * the per-number resource: both are read as text. */
static gboolean
get_code_text (JsonObject  *object,
               const char  *name,
               char       **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    }
  return _liaison_twilio_json_get_string (object, name, out, error);
}

LiaisonTwilioPortInNumber *
liaison_twilio_port_in_number_new_from_json (JsonObject  *object,
                                             GError     **error)
{
  g_autoptr(LiaisonTwilioPortInNumber) self = g_new0 (LiaisonTwilioPortInNumber, 1);

  g_return_val_if_fail (object != NULL, NULL);

  /* A request's numbers and the per-number resource name fields differently. */
  if (!_liaison_twilio_json_get_string (object, "port_in_phone_number_sid", &self->sid, error) ||
      (self->sid == NULL && !_liaison_twilio_json_get_string (object, "phone_number_sid", &self->sid, error)) ||
      !_liaison_twilio_json_get_string (object, "phone_number", &self->phone_number, error) ||
      !_liaison_twilio_json_get_string (object, "port_in_phone_number_status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "number_type", &self->number_type, error) ||
      (self->number_type == NULL
       && !_liaison_twilio_json_get_string (object, "phone_number_type", &self->number_type, error)) ||
      !_liaison_twilio_json_get_bool (object, "portable", &self->portable, error) ||
      !_liaison_twilio_json_get_string (object, "rejection_reason", &self->rejection_reason, error) ||
      !get_code_text (object, "rejection_reason_code", &self->rejection_reason_code, error) ||
      !_liaison_twilio_json_get_iso_date (object, "port_date", &self->port_date, error) ||
      !_liaison_twilio_json_get_iso_date (object, "status_last_time_updated_timestamp", &self->last_updated, error) ||
      (self->last_updated == NULL
       && !_liaison_twilio_json_get_iso_date (object, "last_updated", &self->last_updated, error)))
    return NULL;

  if (self->sid == NULL)
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a number being ported has no ID."));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Portability */

G_DEFINE_BOXED_TYPE (LiaisonTwilioPortability, liaison_twilio_portability,
                     liaison_twilio_portability_copy, liaison_twilio_portability_free)

void
liaison_twilio_portability_free (LiaisonTwilioPortability *self)
{
  if (self == NULL)
    return;
  g_free (self->phone_number);
  g_free (self->not_portable_reason);
  g_free (self->number_type);
  g_free (self->country);
  g_free (self->account_sid);
  g_free (self);
}

LiaisonTwilioPortability *
liaison_twilio_portability_copy (const LiaisonTwilioPortability *self)
{
  LiaisonTwilioPortability *copy = g_new0 (LiaisonTwilioPortability, 1);

  *copy = *self;
  copy->phone_number = g_strdup (self->phone_number);
  copy->not_portable_reason = g_strdup (self->not_portable_reason);
  copy->number_type = g_strdup (self->number_type);
  copy->country = g_strdup (self->country);
  copy->account_sid = g_strdup (self->account_sid);
  return copy;
}

LiaisonTwilioPortability *
liaison_twilio_portability_new_from_json (JsonObject  *object,
                                          GError     **error)
{
  g_autoptr(LiaisonTwilioPortability) self = g_new0 (LiaisonTwilioPortability, 1);

  g_return_val_if_fail (object != NULL, NULL);

  if (!_liaison_twilio_json_require_string (object, "phone_number", &self->phone_number, error) ||
      !_liaison_twilio_json_get_bool (object, "portable", &self->portable, error) ||
      !_liaison_twilio_json_get_bool (object, "pin_and_account_number_required",
                                      &self->pin_and_account_number_required, error) ||
      !_liaison_twilio_json_get_string (object, "not_portable_reason", &self->not_portable_reason, error) ||
      !_liaison_twilio_json_get_int (object, "not_portable_reason_code", &self->not_portable_reason_code, error) ||
      !_liaison_twilio_json_get_string (object, "number_type", &self->number_type, error) ||
      !_liaison_twilio_json_get_string (object, "country", &self->country, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Port-in requests */

struct _LiaisonTwilioPortIn
{
  GObject    parent_instance;

  char      *sid;
  char      *account_sid;
  char      *status;
  char      *cancellation_reason;
  char      *signature_request_url;
  char      *suggested_action;
  char      *target_port_in_date;
  gint64     support_ticket_id;
  GDateTime *date_created;
  GPtrArray *phone_numbers;
  guint      n_requested;
  guint      n_ported;
};

G_DEFINE_FINAL_TYPE (LiaisonTwilioPortIn, liaison_twilio_port_in, G_TYPE_OBJECT)

static void
liaison_twilio_port_in_finalize (GObject *object)
{
  LiaisonTwilioPortIn *self = LIAISON_TWILIO_PORT_IN (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->status);
  g_free (self->cancellation_reason);
  g_free (self->signature_request_url);
  g_free (self->suggested_action);
  g_free (self->target_port_in_date);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->phone_numbers, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_twilio_port_in_parent_class)->finalize (object);
}

static void
liaison_twilio_port_in_class_init (LiaisonTwilioPortInClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_twilio_port_in_finalize;
}

static void
liaison_twilio_port_in_init (LiaisonTwilioPortIn *self)
{
  self->phone_numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_twilio_port_in_number_free);
}

LiaisonTwilioPortIn *
liaison_twilio_port_in_new_from_json (JsonObject  *object,
                                      GError     **error)
{
  g_autoptr(LiaisonTwilioPortIn) self = NULL;
  JsonNode *ticket;
  JsonNode *numbers;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_PORT_IN, NULL);
  if (!_liaison_twilio_json_require_string (object, "port_in_request_sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "port_in_request_status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "order_cancellation_reason", &self->cancellation_reason, error) ||
      !_liaison_twilio_json_get_string (object, "signature_request_url", &self->signature_request_url, error) ||
      !_liaison_twilio_json_get_string (object, "suggested_action", &self->suggested_action, error) ||
      !_liaison_twilio_json_get_string (object, "target_port_in_date", &self->target_port_in_date, error) ||
      !_liaison_twilio_json_get_iso_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_uint (object, "phone_numbers_requested", &self->n_requested, error) ||
      !_liaison_twilio_json_get_uint (object, "phone_numbers_ported", &self->n_ported, error))
    return NULL;

  ticket = json_object_get_member (object, "support_ticket_id");
  if (ticket != NULL && JSON_NODE_HOLDS_VALUE (ticket) && json_node_get_value_type (ticket) == G_TYPE_INT64)
    self->support_ticket_id = json_node_get_int (ticket);

  numbers = json_object_get_member (object, "phone_numbers");
  if (numbers != NULL && JSON_NODE_HOLDS_ARRAY (numbers))
    {
      JsonArray *array = json_node_get_array (numbers);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          LiaisonTwilioPortInNumber *number;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer has an invalid “%s” field."), "phone_numbers");
              return NULL;
            }
          number = liaison_twilio_port_in_number_new_from_json (json_node_get_object (element), error);
          if (number == NULL)
            return NULL;
          g_ptr_array_add (self->phone_numbers, number);
          if (g_strcmp0 (number->status, "Completed") == 0 && self->n_ported < G_MAXUINT)
            self->n_ported++;
        }
      self->n_requested = self->phone_numbers->len;
    }
  else if (numbers != NULL && !JSON_NODE_HOLDS_NULL (numbers))
    {
      g_set_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                   _("Twilio's answer has an invalid “%s” field."), "phone_numbers");
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_port_in_get_##field (LiaisonTwilioPortIn *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_PORT_IN (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, status)
GETTER (const char *, cancellation_reason)
GETTER (const char *, signature_request_url)
GETTER (const char *, suggested_action)
GETTER (const char *, target_port_in_date)
GETTER (gint64, support_ticket_id)
GETTER (GDateTime *, date_created)
GETTER (GPtrArray *, phone_numbers)
GETTER (guint, n_requested)
GETTER (guint, n_ported)
