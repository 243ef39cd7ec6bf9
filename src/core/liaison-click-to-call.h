/* liaison-click-to-call.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-live-call.h"
#include "liaison-twilio-client.h"

G_BEGIN_DECLS

/* Click-to-call (TWILIO.md §3.6 "Click-to-call flow"): Twilio first calls
 * the advisor's own phone (the parent leg, From our Twilio number); once
 * the advisor answers, Twilio fetches the relay's signed step
 * /twilio/voice/outbound?client=… (liaison-relay), which says the
 * recording notice when needed and dials the client from our Twilio number
 * (the child leg), recorded dual-channel: channel 1 the advisor, channel 2
 * the client. Both legs' status callbacks and the recording's go to the
 * relay, which streams them to the desktop: feed them to the
 * LiaisonLiveCall that start returns (liaison_live_call_apply_status()).
 *
 * Numbers may be given as typed ("(203) 555-0123"); they are read in the
 * US plan when they have no country code and sent as E.164. */

#define LIAISON_CLICK_TO_CALL_ERROR (liaison_click_to_call_error_quark ())

typedef enum {
  /* A number is not a valid phone number (the message says which). */
  LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER,
  /* The client's number is the advisor's own phone. */
  LIAISON_CLICK_TO_CALL_ERROR_SAME_NUMBER,
  /* No relay address, or not an http(s) URL: Twilio would have no TwiML. */
  LIAISON_CLICK_TO_CALL_ERROR_NO_RELAY,
  /* add_participant: the call has no client leg in progress. */
  LIAISON_CLICK_TO_CALL_ERROR_NOT_CONNECTED,
} LiaisonClickToCallError;

GQuark liaison_click_to_call_error_quark (void);

#define LIAISON_TYPE_CLICK_TO_CALL (liaison_click_to_call_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonClickToCall, liaison_click_to_call, LIAISON, CLICK_TO_CALL, GObject)

/* @relay_public_url: the relay's public URL as Twilio calls it (the
 * relay's public-url, no trailing '/'). @advisor: the advisor's name in
 * the relay's configuration, or NULL (the relay then finds the advisor by
 * the Twilio number the call comes from). */
LiaisonClickToCall *liaison_click_to_call_new                  (LiaisonTwilioClient  *client,
                                                                const char           *relay_public_url,
                                                                const char           *advisor);

/* The Url of the advisor's leg: "{relay}/twilio/voice/outbound?advisor=…&client=%2B…"
 * (advisor left out when NULL). @client_number must be E.164. */
char               *liaison_click_to_call_build_outbound_url  (const char           *relay_public_url,
                                                                const char           *advisor,
                                                                const char           *client_number);
/* The conference room a call moves into: "ctc-" + its SID. */
char               *liaison_click_to_call_room_for_call        (const char           *call_sid);

/* Creates the call: To @advisor_phone, From @twilio_number, Url the
 * outbound step for @client_number, StatusCallback {relay}/twilio/voice/status
 * with events initiated ringing answered completed. Errors:
 * LIAISON_CLICK_TO_CALL_ERROR before anything is sent, else Twilio's
 * (LIAISON_TWILIO_ERROR; UNCERTAIN when the answer was lost: the call may
 * exist). Finish returns the LiaisonLiveCall (state dialing-advisor) whose
 * call-sid is the parent call's SID. */
void                liaison_click_to_call_start_async          (LiaisonClickToCall   *self,
                                                                const char           *advisor_phone,
                                                                const char           *client_number,
                                                                const char           *twilio_number,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
LiaisonLiveCall    *liaison_click_to_call_start_finish         (LiaisonClickToCall   *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* Hangs up the parent call (Status=completed); Twilio ends the client's
 * leg with it. */
void                liaison_click_to_call_hang_up_async        (LiaisonClickToCall   *self,
                                                                const char           *call_sid,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            liaison_click_to_call_hang_up_finish       (LiaisonClickToCall   *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* Brings @third_party_number into the live call @call_sid (the parent):
 * the client's leg, then the advisor's, are redirected to the relay's
 * conference step (room liaison_click_to_call_room_for_call()), then the
 * third party is dialled into that room from @twilio_number. Finish
 * returns the third party's call SID. */
void                liaison_click_to_call_add_participant_async (LiaisonClickToCall  *self,
                                                                 const char          *call_sid,
                                                                 const char          *third_party_number,
                                                                 const char          *twilio_number,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
char               *liaison_click_to_call_add_participant_finish (LiaisonClickToCall *self,
                                                                  GAsyncResult       *result,
                                                                  GError            **error);

G_END_DECLS
