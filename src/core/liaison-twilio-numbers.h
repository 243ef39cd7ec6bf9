/* liaison-twilio-numbers.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "liaison-twilio-available-number.h"
#include "liaison-twilio-incoming-number.h"
#include "liaison-twilio-lookup.h"
#include "liaison-twilio-port-in.h"

G_BEGIN_DECLS

/* Phone numbers on LiaisonTwilioClient: searching and buying numbers
 * (2010 API, TWILIO.md §5.1–5.2), porting (numbers v1, §5.3) and Lookup v2.
 *
 * The 2010 calls take the @account_sid whose numbers they handle: the
 * credentials' account or one of its subaccounts. */

typedef struct _LiaisonTwilioClient LiaisonTwilioClient;

typedef enum {
  LIAISON_TWILIO_NUMBER_TYPE_LOCAL,
  LIAISON_TWILIO_NUMBER_TYPE_TOLL_FREE,
  LIAISON_TWILIO_NUMBER_TYPE_MOBILE,
} LiaisonTwilioNumberType;

/* Searches numbers for sale in @country ("US") of @type. @filters are
 * key/value pairs of Twilio's own names, NULL-terminated, may be NULL:
 * AreaCode, Contains ("555****", letters allowed), InRegion, InPostalCode,
 * InLocality, InRateCenter, InLata, NearNumber, NearLatLong, Distance,
 * SmsEnabled, MmsEnabled, VoiceEnabled, FaxEnabled ("true"/"false"),
 * ExcludeAllAddressRequired, ExcludeLocalAddressRequired,
 * ExcludeForeignAddressRequired, Beta. Finish with
 * liaison_twilio_client_list_finish(); items are LiaisonTwilioAvailableNumber. */
void                         liaison_twilio_client_search_available_numbers_async (LiaisonTwilioClient     *self,
                                                                                   const char              *account_sid,
                                                                                   const char              *country,
                                                                                   LiaisonTwilioNumberType  type,
                                                                                   const char * const      *filters,
                                                                                   guint                    page_size,
                                                                                   GCancellable            *cancellable,
                                                                                   GAsyncReadyCallback      callback,
                                                                                   gpointer                 user_data);

/* Buys @phone_number (E.164), or else any number in @area_code. @options
 * are key/value pairs (FriendlyName, SmsUrl, SmsMethod, VoiceUrl,
 * VoiceMethod, VoiceFallbackUrl, StatusCallback, StatusCallbackMethod), may
 * be NULL.
 *
 * A purchase is never re-sent once it may have reached Twilio. When the
 * answer is lost, the client lists the account's numbers with PhoneNumber=…:
 * if the number is there, _finish returns it with *out_reconciled TRUE;
 * if not, it fails with LIAISON_TWILIO_ERROR_NOT_SENT (safe to buy again).
 * A lost purchase by area code cannot be told apart and fails with
 * LIAISON_TWILIO_ERROR_UNCERTAIN. Twilio's refusals come as
 * LIAISON_TWILIO_ERROR_API (21421 invalid, 21422 not available, 21452 none
 * in the area code; see liaison_twilio_error_get_details()). */
void                         liaison_twilio_client_purchase_number_async    (LiaisonTwilioClient  *self,
                                                                             const char           *account_sid,
                                                                             const char           *phone_number,
                                                                             const char           *area_code,
                                                                             const char * const   *options,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
LiaisonTwilioIncomingNumber *liaison_twilio_client_purchase_number_finish   (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             gboolean             *out_reconciled,
                                                                             GError              **error);

void                         liaison_twilio_client_fetch_number_async       (LiaisonTwilioClient  *self,
                                                                             const char           *account_sid,
                                                                             const char           *sid,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
/* Updates @params (SmsUrl, SmsMethod, VoiceUrl, VoiceMethod, StatusCallback,
 * StatusCallbackMethod, VoiceFallbackUrl, FriendlyName; "" clears a URL). */
void                         liaison_twilio_client_update_number_async      (LiaisonTwilioClient  *self,
                                                                             const char           *account_sid,
                                                                             const char           *sid,
                                                                             const char * const   *params,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
/* Finishes fetch and update. */
LiaisonTwilioIncomingNumber *liaison_twilio_client_fetch_number_finish      (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             GError              **error);

/* Releases the number (DELETE, 204). */
void                         liaison_twilio_client_release_number_async     (LiaisonTwilioClient  *self,
                                                                             const char           *account_sid,
                                                                             const char           *sid,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
gboolean                     liaison_twilio_client_release_number_finish    (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             GError              **error);

/* Lists owned numbers, newest first; @phone_number (digits, * any digit)
 * and @friendly_name may be NULL. Finish with
 * liaison_twilio_client_list_finish(); items are LiaisonTwilioIncomingNumber. */
void                         liaison_twilio_client_list_numbers_async       (LiaisonTwilioClient  *self,
                                                                             const char           *account_sid,
                                                                             const char           *phone_number,
                                                                             const char           *friendly_name,
                                                                             guint                 page_size,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);

/* Porting */

/* What a port-in request needs (TWILIO.md §5.3). Lists are NULL-terminated;
 * @pins (may be NULL) runs beside @phone_numbers, "" for a number without
 * a PIN (US mobile numbers need one). */
typedef struct {
  const char         *account_sid;
  const char * const *documents;          /* RD… of a utility bill, at least one */
  const char * const *phone_numbers;      /* E.164 */
  const char * const *pins;
  const char         *customer_type;      /* Business, Individual; may be NULL */
  const char         *customer_name;
  const char         *account_number;     /* may be NULL */
  const char         *account_telephone_number;  /* may be NULL */
  const char         *authorized_representative;
  const char         *authorized_representative_email;
  const char         *address_sid;        /* or the address below */
  const char         *street;
  const char         *street_2;
  const char         *city;
  const char         *state;
  const char         *zip;
  const char         *country;
  const char * const *notification_emails;  /* may be NULL */
  const char         *target_port_in_date;  /* YYYY-MM-DD, may be NULL */
} LiaisonTwilioPortInSpec;

/* The JSON body of POST /v1/Porting/PortIn for @spec. */
JsonNode                    *liaison_twilio_port_in_spec_to_json            (const LiaisonTwilioPortInSpec *spec);

/* Opens a port-in request (202). Not re-sent once it may have reached
 * Twilio: a lost answer fails with LIAISON_TWILIO_ERROR_UNCERTAIN; list the
 * requests before trying again. */
void                         liaison_twilio_client_create_port_in_async     (LiaisonTwilioClient           *self,
                                                                             const LiaisonTwilioPortInSpec *spec,
                                                                             GCancellable                  *cancellable,
                                                                             GAsyncReadyCallback            callback,
                                                                             gpointer                       user_data);
void                         liaison_twilio_client_fetch_port_in_async      (LiaisonTwilioClient  *self,
                                                                             const char           *sid,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
/* Finishes create and fetch. */
LiaisonTwilioPortIn         *liaison_twilio_client_fetch_port_in_finish     (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             GError              **error);

/* Lists port-in requests, newest first (token paging); @status may be NULL,
 * @page_size 0 is Twilio's default (20, at most 100). Finish with
 * liaison_twilio_client_list_finish(); items are LiaisonTwilioPortIn
 * without their numbers. */
void                         liaison_twilio_client_list_port_ins_async      (LiaisonTwilioClient  *self,
                                                                             const char           *status,
                                                                             guint                 page_size,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);

/* Cancels a request, or with @number_sid (PU…) one of its numbers. */
void                         liaison_twilio_client_cancel_port_in_async     (LiaisonTwilioClient  *self,
                                                                             const char           *sid,
                                                                             const char           *number_sid,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
gboolean                     liaison_twilio_client_cancel_port_in_finish    (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             GError              **error);

void                         liaison_twilio_client_fetch_port_in_number_async  (LiaisonTwilioClient  *self,
                                                                                const char           *sid,
                                                                                const char           *number_sid,
                                                                                GCancellable         *cancellable,
                                                                                GAsyncReadyCallback   callback,
                                                                                gpointer              user_data);
LiaisonTwilioPortInNumber   *liaison_twilio_client_fetch_port_in_number_finish (LiaisonTwilioClient  *self,
                                                                                GAsyncResult         *result,
                                                                                GError              **error);

void                         liaison_twilio_client_check_portability_async  (LiaisonTwilioClient  *self,
                                                                             const char           *phone_number,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
LiaisonTwilioPortability    *liaison_twilio_client_check_portability_finish (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             GError              **error);

/* Lookup v2 with Fields=line_type_intelligence. An invalid number is not an
 * error: the answer says valid FALSE and why. */
void                         liaison_twilio_client_lookup_line_type_async   (LiaisonTwilioClient  *self,
                                                                             const char           *phone_number,
                                                                             GCancellable         *cancellable,
                                                                             GAsyncReadyCallback   callback,
                                                                             gpointer              user_data);
LiaisonTwilioLookup         *liaison_twilio_client_lookup_line_type_finish  (LiaisonTwilioClient  *self,
                                                                             GAsyncResult         *result,
                                                                             GError              **error);

G_END_DECLS
