/* liaison-twilio-numbers.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-numbers"

#include "config.h"

#include "liaison-twilio-client.h"
#include "liaison-twilio-client-private.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-numbers.h"
#include "liaison-log.h"

#include <glib/gi18n-lib.h>

/* The purchase's state, for reconciling a lost answer. */

typedef struct {
  char     *account_sid;
  char     *phone_number;
  gboolean  reconciled;
} CallData;

static void
call_data_free (gpointer data)
{
  CallData *cd = data;

  g_free (cd->account_sid);
  g_free (cd->phone_number);
  g_free (cd);
}

static gpointer
parse_available (JsonObject  *object,
                 GError     **error)
{
  return liaison_twilio_available_number_new_from_json (object, error);
}

static gpointer
parse_incoming (JsonObject  *object,
                GError     **error)
{
  return liaison_twilio_incoming_number_new_from_json (object, error);
}

static gpointer
parse_port_in (JsonObject  *object,
               GError     **error)
{
  return liaison_twilio_port_in_new_from_json (object, error);
}

static gpointer
parse_port_in_number (JsonObject  *object,
                      GError     **error)
{
  return liaison_twilio_port_in_number_new_from_json (object, error);
}

static gpointer
parse_portability (JsonObject  *object,
                   GError     **error)
{
  return liaison_twilio_portability_new_from_json (object, error);
}

static gpointer
parse_lookup (JsonObject  *object,
              GError     **error)
{
  return liaison_twilio_lookup_new_from_json (object, error);
}

/* Searching */

void
liaison_twilio_client_search_available_numbers_async (LiaisonTwilioClient     *self,
                                                      const char              *account_sid,
                                                      const char              *country,
                                                      LiaisonTwilioNumberType  type,
                                                      const char * const      *filters,
                                                      guint                    page_size,
                                                      GCancellable            *cancellable,
                                                      GAsyncReadyCallback      callback,
                                                      gpointer                 user_data)
{
  g_autofree char *path = NULL;
  const char *kind;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (account_sid != NULL);
  g_return_if_fail (country != NULL);

  switch (type)
    {
    case LIAISON_TWILIO_NUMBER_TYPE_TOLL_FREE:
      kind = "TollFree";
      break;
    case LIAISON_TWILIO_NUMBER_TYPE_MOBILE:
      kind = "Mobile";
      break;
    case LIAISON_TWILIO_NUMBER_TYPE_LOCAL:
    default:
      kind = "Local";
      break;
    }

  path = _liaison_twilio_account_path (account_sid, ".json", "AvailablePhoneNumbers", country, kind, NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, filters, "available_phone_numbers",
                                    parse_available, page_size, cancellable, callback, user_data);
}

/* Buying */

static void
purchase_list_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *cd = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN,
                               _("The purchase may or may not have gone through, and checking failed: %s"),
                               error->message);
      return;
    }

  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioIncomingNumber *number = g_ptr_array_index (items, i);

      if (g_strcmp0 (liaison_twilio_incoming_number_get_phone_number (number), cd->phone_number) == 0)
        {
          LIAISON_DEBUG_MASKED (cd->phone_number, "Purchase of %s reconciled: it went through");
          cd->reconciled = TRUE;
          g_task_return_pointer (task, g_object_ref (number), g_object_unref);
          return;
        }
    }

  g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_NOT_SENT,
                           _("The purchase did not go through; the number can be bought again."));
}

static void
purchase_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaisonTwilioClient *self = LIAISON_TWILIO_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  CallData *cd = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  LiaisonTwilioIncomingNumber *number;

  root = liaison_twilio_client_request_finish (self, result, &error);
  if (g_error_matches (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_UNCERTAIN) && cd->phone_number != NULL)
    {
      g_autofree char *digits = g_strdup (cd->phone_number + (cd->phone_number[0] == '+'));

      g_clear_error (&error);
      LIAISON_DEBUG_MASKED (cd->phone_number, "Purchase of %s lost its answer; reconciling by listing");
      liaison_twilio_client_list_numbers_async (self, cd->account_sid, digits, NULL, 50, NULL,
                                                purchase_list_cb, g_steal_pointer (&task));
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                               _("Twilio's answer is not what was expected."));
      return;
    }
  number = liaison_twilio_incoming_number_new_from_json (json_node_get_object (root), &error);
  if (number == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, number, g_object_unref);
}

void
liaison_twilio_client_purchase_number_async (LiaisonTwilioClient  *self,
                                             const char           *account_sid,
                                             const char           *phone_number,
                                             const char           *area_code,
                                             const char * const   *options,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) form = g_ptr_array_new ();
  g_autofree char *path = NULL;
  CallData *cd;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (account_sid != NULL);
  g_return_if_fail (phone_number != NULL || area_code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_twilio_client_purchase_number_async);
  cd = g_new0 (CallData, 1);
  cd->account_sid = g_strdup (account_sid);
  cd->phone_number = g_strdup (phone_number);
  g_task_set_task_data (task, cd, call_data_free);

  if (phone_number != NULL)
    {
      g_ptr_array_add (form, (gpointer) "PhoneNumber");
      g_ptr_array_add (form, (gpointer) phone_number);
    }
  else
    {
      g_ptr_array_add (form, (gpointer) "AreaCode");
      g_ptr_array_add (form, (gpointer) area_code);
    }
  for (guint i = 0; options != NULL && options[i] != NULL && options[i + 1] != NULL; i += 2)
    {
      g_ptr_array_add (form, (gpointer) options[i]);
      g_ptr_array_add (form, (gpointer) options[i + 1]);
    }
  g_ptr_array_add (form, NULL);

  path = _liaison_twilio_account_path (account_sid, ".json", "IncomingPhoneNumbers", NULL);
  /* Never re-sent blindly: a lost answer is reconciled (purchase_cb). */
  liaison_twilio_client_request_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                       (const char * const *) form->pdata, NULL, FALSE, cancellable,
                                       purchase_cb, g_steal_pointer (&task));
}

LiaisonTwilioIncomingNumber *
liaison_twilio_client_purchase_number_finish (LiaisonTwilioClient  *self,
                                              GAsyncResult         *result,
                                              gboolean             *out_reconciled,
                                              GError              **error)
{
  CallData *cd;

  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_client_purchase_number_async,
                        NULL);

  cd = g_task_get_task_data (G_TASK (result));
  if (out_reconciled != NULL)
    *out_reconciled = cd->reconciled;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Owned numbers */

void
liaison_twilio_client_fetch_number_async (LiaisonTwilioClient  *self,
                                          const char           *account_sid,
                                          const char           *sid,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (account_sid != NULL && sid != NULL);

  path = _liaison_twilio_account_path (account_sid, ".json", "IncomingPhoneNumbers", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "GET", path, NULL, NULL, TRUE,
                                               parse_incoming, NULL, liaison_twilio_client_fetch_number_async,
                                               cancellable, callback, user_data);
}

void
liaison_twilio_client_update_number_async (LiaisonTwilioClient  *self,
                                           const char           *account_sid,
                                           const char           *sid,
                                           const char * const   *params,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  static const char * const none[] = { NULL };
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (account_sid != NULL && sid != NULL);

  path = _liaison_twilio_account_path (account_sid, ".json", "IncomingPhoneNumbers", sid, NULL);
  /* Setting the same fields twice is harmless: retries are allowed. */
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "POST", path,
                                               params != NULL ? params : none, NULL, TRUE, parse_incoming, NULL,
                                               liaison_twilio_client_fetch_number_async, cancellable, callback,
                                               user_data);
}

LiaisonTwilioIncomingNumber *
liaison_twilio_client_fetch_number_finish (LiaisonTwilioClient  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_fetch_number_async,
                                                       error);
}

void
liaison_twilio_client_release_number_async (LiaisonTwilioClient  *self,
                                            const char           *account_sid,
                                            const char           *sid,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (account_sid != NULL && sid != NULL);

  path = _liaison_twilio_account_path (account_sid, ".json", "IncomingPhoneNumbers", sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_API, "DELETE", path, NULL, NULL, TRUE,
                                               NULL, NULL, liaison_twilio_client_release_number_async, cancellable,
                                               callback, user_data);
}

gboolean
liaison_twilio_client_release_number_finish (LiaisonTwilioClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  return _liaison_twilio_client_request_finish_boolean (self, result, liaison_twilio_client_release_number_async,
                                                        error);
}

void
liaison_twilio_client_list_numbers_async (LiaisonTwilioClient  *self,
                                          const char           *account_sid,
                                          const char           *phone_number,
                                          const char           *friendly_name,
                                          guint                 page_size,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_autofree char *path = NULL;
  const char *params[5] = { NULL, };
  guint n = 0;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (account_sid != NULL);

  if (phone_number != NULL)
    {
      params[n++] = "PhoneNumber";
      params[n++] = phone_number;
    }
  if (friendly_name != NULL)
    {
      params[n++] = "FriendlyName";
      params[n++] = friendly_name;
    }
  path = _liaison_twilio_account_path (account_sid, ".json", "IncomingPhoneNumbers", NULL);
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_API, path, params, "incoming_phone_numbers",
                                    parse_incoming, page_size, cancellable, callback, user_data);
}

/* Porting */

static void
add_string_array (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_optional (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

JsonNode *
liaison_twilio_port_in_spec_to_json (const LiaisonTwilioPortInSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean pins_done = spec->pins == NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  json_builder_begin_object (builder);
  add_optional (builder, "account_sid", spec->account_sid);
  add_string_array (builder, "documents", spec->documents);
  json_builder_set_member_name (builder, "losing_carrier_information");
  json_builder_begin_object (builder);
  add_optional (builder, "customer_type", spec->customer_type);
  add_optional (builder, "customer_name", spec->customer_name);
  add_optional (builder, "account_number", spec->account_number);
  add_optional (builder, "account_telephone_number", spec->account_telephone_number);
  add_optional (builder, "authorized_representative", spec->authorized_representative);
  add_optional (builder, "authorized_representative_email", spec->authorized_representative_email);
  add_optional (builder, "address_sid", spec->address_sid);
  if (spec->street != NULL)
    {
      json_builder_set_member_name (builder, "address");
      json_builder_begin_object (builder);
      add_optional (builder, "street", spec->street);
      add_optional (builder, "street_2", spec->street_2);
      add_optional (builder, "city", spec->city);
      add_optional (builder, "state", spec->state);
      add_optional (builder, "zip", spec->zip);
      add_optional (builder, "country", spec->country);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "phone_numbers");
  json_builder_begin_array (builder);
  for (guint i = 0; spec->phone_numbers != NULL && spec->phone_numbers[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_optional (builder, "phone_number", spec->phone_numbers[i]);
      if (!pins_done && spec->pins[i] == NULL)
        pins_done = TRUE;
      else if (!pins_done && spec->pins[i][0] != '\0')
        add_optional (builder, "pin", spec->pins[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (spec->notification_emails != NULL)
    add_string_array (builder, "notification_emails", spec->notification_emails);
  add_optional (builder, "target_port_in_date", spec->target_port_in_date);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
liaison_twilio_client_create_port_in_async (LiaisonTwilioClient           *self,
                                            const LiaisonTwilioPortInSpec *spec,
                                            GCancellable                  *cancellable,
                                            GAsyncReadyCallback            callback,
                                            gpointer                       user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (spec != NULL);

  body = liaison_twilio_port_in_spec_to_json (spec);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_NUMBERS, "POST", "/v1/Porting/PortIn",
                                               NULL, body, FALSE, parse_port_in, NULL,
                                               liaison_twilio_client_fetch_port_in_async, cancellable, callback,
                                               user_data);
}

static char *
port_in_path (const char *sid,
              const char *number_sid)
{
  g_autofree char *escaped = g_uri_escape_string (sid, NULL, FALSE);
  g_autofree char *escaped_number = number_sid != NULL ? g_uri_escape_string (number_sid, NULL, FALSE) : NULL;

  if (number_sid != NULL)
    return g_strdup_printf ("/v1/Porting/PortIn/%s/PhoneNumber/%s", escaped, escaped_number);
  return g_strdup_printf ("/v1/Porting/PortIn/%s", escaped);
}

void
liaison_twilio_client_fetch_port_in_async (LiaisonTwilioClient  *self,
                                           const char           *sid,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = port_in_path (sid, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_NUMBERS, "GET", path, NULL, NULL, TRUE,
                                               parse_port_in, NULL, liaison_twilio_client_fetch_port_in_async,
                                               cancellable, callback, user_data);
}

LiaisonTwilioPortIn *
liaison_twilio_client_fetch_port_in_finish (LiaisonTwilioClient  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_fetch_port_in_async,
                                                       error);
}

void
liaison_twilio_client_list_port_ins_async (LiaisonTwilioClient  *self,
                                           const char           *status,
                                           guint                 page_size,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_autofree char *size = page_size > 0 ? g_strdup_printf ("%u", MIN (page_size, 100)) : NULL;
  const char *params[5] = { NULL, };
  guint n = 0;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));

  /* Token paging takes Size, not PageSize; the next URL keeps it. */
  if (size != NULL)
    {
      params[n++] = "Size";
      params[n++] = size;
    }
  if (status != NULL)
    {
      params[n++] = "PortInRequestStatus";
      params[n++] = status;
    }
  liaison_twilio_client_list_async (self, LIAISON_TWILIO_PRODUCT_NUMBERS, "/v1/Porting/PortIn/PortInRequests",
                                    params, "port_in_requests", parse_port_in, 0, cancellable, callback,
                                    user_data);
}

void
liaison_twilio_client_cancel_port_in_async (LiaisonTwilioClient  *self,
                                            const char           *sid,
                                            const char           *number_sid,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL);

  path = port_in_path (sid, number_sid);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_NUMBERS, "DELETE", path, NULL, NULL,
                                               TRUE, NULL, NULL, liaison_twilio_client_cancel_port_in_async,
                                               cancellable, callback, user_data);
}

gboolean
liaison_twilio_client_cancel_port_in_finish (LiaisonTwilioClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  return _liaison_twilio_client_request_finish_boolean (self, result, liaison_twilio_client_cancel_port_in_async,
                                                        error);
}

void
liaison_twilio_client_fetch_port_in_number_async (LiaisonTwilioClient  *self,
                                                  const char           *sid,
                                                  const char           *number_sid,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (sid != NULL && number_sid != NULL);

  path = port_in_path (sid, number_sid);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_NUMBERS, "GET", path, NULL, NULL, TRUE,
                                               parse_port_in_number,
                                               (GDestroyNotify) liaison_twilio_port_in_number_free,
                                               liaison_twilio_client_fetch_port_in_number_async, cancellable,
                                               callback, user_data);
}

LiaisonTwilioPortInNumber *
liaison_twilio_client_fetch_port_in_number_finish (LiaisonTwilioClient  *self,
                                                   GAsyncResult         *result,
                                                   GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result,
                                                       liaison_twilio_client_fetch_port_in_number_async, error);
}

void
liaison_twilio_client_check_portability_async (LiaisonTwilioClient  *self,
                                               const char           *phone_number,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (phone_number != NULL);

  escaped = g_uri_escape_string (phone_number, NULL, FALSE);
  path = g_strconcat ("/v1/Porting/Portability/PhoneNumber/", escaped, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_NUMBERS, "GET", path, NULL, NULL, TRUE,
                                               parse_portability, (GDestroyNotify) liaison_twilio_portability_free,
                                               liaison_twilio_client_check_portability_async, cancellable,
                                               callback, user_data);
}

LiaisonTwilioPortability *
liaison_twilio_client_check_portability_finish (LiaisonTwilioClient  *self,
                                                GAsyncResult         *result,
                                                GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_check_portability_async,
                                                       error);
}

/* Lookup */

void
liaison_twilio_client_lookup_line_type_async (LiaisonTwilioClient  *self,
                                              const char           *phone_number,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  static const char * const params[] = { "Fields", "line_type_intelligence", NULL };
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LIAISON_IS_TWILIO_CLIENT (self));
  g_return_if_fail (phone_number != NULL);

  escaped = g_uri_escape_string (phone_number, NULL, FALSE);
  path = g_strconcat ("/v2/PhoneNumbers/", escaped, NULL);
  _liaison_twilio_client_request_object_async (self, LIAISON_TWILIO_PRODUCT_LOOKUPS, "GET", path, params, NULL,
                                               TRUE, parse_lookup, NULL,
                                               liaison_twilio_client_lookup_line_type_async, cancellable, callback,
                                               user_data);
}

LiaisonTwilioLookup *
liaison_twilio_client_lookup_line_type_finish (LiaisonTwilioClient  *self,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  return _liaison_twilio_client_request_object_finish (self, result, liaison_twilio_client_lookup_line_type_async,
                                                       error);
}
