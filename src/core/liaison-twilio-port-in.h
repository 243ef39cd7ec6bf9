/* liaison-twilio-port-in.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One number of a port-in request (TWILIO.md §5.3), from a request's
 * "phone_numbers" or from GET …/PortIn/{KW}/PhoneNumber/{PU}. */
typedef struct {
  char      *sid;                    /* PU… */
  char      *phone_number;
  char      *status;                 /* In Review, Waiting for Signature, Submitted, Pending,
                                      * Completed, Rejected, Canceled… */
  char      *number_type;            /* as Twilio says: LOCAL, MOBILE, local… */
  gboolean   portable;
  char      *rejection_reason;       /* NULL unless rejected */
  char      *rejection_reason_code;  /* NULL unless rejected (a string either way) */
  GDateTime *port_date;              /* NULL until the carrier gives one */
  GDateTime *last_updated;
} LiaisonTwilioPortInNumber;

#define LIAISON_TYPE_TWILIO_PORT_IN_NUMBER (liaison_twilio_port_in_number_get_type ())

GType                      liaison_twilio_port_in_number_get_type      (void) G_GNUC_CONST;
/* NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE when it has no SID. */
LiaisonTwilioPortInNumber *liaison_twilio_port_in_number_new_from_json (JsonObject                       *object,
                                                                       GError                          **error);
LiaisonTwilioPortInNumber *liaison_twilio_port_in_number_copy          (const LiaisonTwilioPortInNumber  *self);
void                       liaison_twilio_port_in_number_free          (LiaisonTwilioPortInNumber        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTwilioPortInNumber, liaison_twilio_port_in_number_free)

/* Whether a number can be ported in (GET /v1/Porting/Portability/PhoneNumber/{n}). */
typedef struct {
  char     *phone_number;
  gboolean  portable;
  gboolean  pin_and_account_number_required;
  char     *not_portable_reason;       /* NULL when portable */
  gint      not_portable_reason_code;  /* 0 when portable */
  char     *number_type;               /* LOCAL, MOBILE, TOLL-FREE, UNKNOWN */
  char     *country;
  char     *account_sid;               /* set when the account already has it */
} LiaisonTwilioPortability;

#define LIAISON_TYPE_TWILIO_PORTABILITY (liaison_twilio_portability_get_type ())

GType                     liaison_twilio_portability_get_type      (void) G_GNUC_CONST;
LiaisonTwilioPortability *liaison_twilio_portability_new_from_json (JsonObject                      *object,
                                                                    GError                         **error);
LiaisonTwilioPortability *liaison_twilio_portability_copy          (const LiaisonTwilioPortability  *self);
void                      liaison_twilio_portability_free          (LiaisonTwilioPortability        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTwilioPortability, liaison_twilio_portability_free)

#define LIAISON_TYPE_TWILIO_PORT_IN (liaison_twilio_port_in_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioPortIn, liaison_twilio_port_in, LIAISON, TWILIO_PORT_IN, GObject)

/* A port-in request. Made from a create or fetch answer (with its numbers)
 * or from an item of the PortInRequests list (counts only, no numbers).
 * NULL with LIAISON_TWILIO_ERROR_INVALID_RESPONSE without a
 * "port_in_request_sid". */
LiaisonTwilioPortIn *liaison_twilio_port_in_new_from_json (JsonObject  *object,
                                                           GError     **error);

const char          *liaison_twilio_port_in_get_sid                   (LiaisonTwilioPortIn *self);
const char          *liaison_twilio_port_in_get_account_sid           (LiaisonTwilioPortIn *self);
/* In review, Waiting for Signature, In progress, Action Required, Completed,
 * Canceled, Expired */
const char          *liaison_twilio_port_in_get_status                (LiaisonTwilioPortIn *self);
const char          *liaison_twilio_port_in_get_cancellation_reason   (LiaisonTwilioPortIn *self);
const char          *liaison_twilio_port_in_get_signature_request_url (LiaisonTwilioPortIn *self);
const char          *liaison_twilio_port_in_get_suggested_action      (LiaisonTwilioPortIn *self);
const char          *liaison_twilio_port_in_get_target_port_in_date   (LiaisonTwilioPortIn *self);
gint64               liaison_twilio_port_in_get_support_ticket_id     (LiaisonTwilioPortIn *self);
GDateTime           *liaison_twilio_port_in_get_date_created          (LiaisonTwilioPortIn *self);
/* LiaisonTwilioPortInNumber, empty for list items. */
GPtrArray           *liaison_twilio_port_in_get_phone_numbers         (LiaisonTwilioPortIn *self);
/* From the list (or counted from the numbers). */
guint                liaison_twilio_port_in_get_n_requested           (LiaisonTwilioPortIn *self);
guint                liaison_twilio_port_in_get_n_ported              (LiaisonTwilioPortIn *self);

G_END_DECLS
