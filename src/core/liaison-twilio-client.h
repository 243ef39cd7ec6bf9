/* liaison-twilio-client.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-clock.h"
#include "liaison-rate-limiter.h"
#include "liaison-secret-store.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-media.h"
#include "liaison-twilio-message.h"
#include "liaison-twilio-numbers.h"
#include "liaison-twilio-page.h"
#include "liaison-twilio-recordings.h"
#include "liaison-twilio-voice.h"

G_BEGIN_DECLS

/* Twilio product hosts (TWILIO.md §1.1): https://{product}.twilio.com */
typedef enum {
  LIAISON_TWILIO_PRODUCT_API,          /* api.twilio.com/2010-04-01 */
  LIAISON_TWILIO_PRODUCT_MESSAGING,
  LIAISON_TWILIO_PRODUCT_INTELLIGENCE,
  LIAISON_TWILIO_PRODUCT_NUMBERS,
  LIAISON_TWILIO_PRODUCT_LOOKUPS,
  LIAISON_TWILIO_PRODUCT_VOICE,
  LIAISON_TWILIO_N_PRODUCTS
} LiaisonTwilioProduct;

/* The account as returned by GET /2010-04-01/Accounts/{Sid}.json */
typedef struct {
  char *sid;
  char *friendly_name;
  char *status;          /* active, suspended, closed */
  char *type;            /* Trial, Full */
} LiaisonTwilioAccount;

void liaison_twilio_account_free (LiaisonTwilioAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTwilioAccount, liaison_twilio_account_free)

#define LIAISON_TYPE_TWILIO_CLIENT (liaison_twilio_client_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioClient, liaison_twilio_client, LIAISON, TWILIO_CLIENT, GObject)

LiaisonTwilioClient *liaison_twilio_client_new              (void);

/* Credentials are held in memory only (copied; the secret is wiped on replace). */
void                 liaison_twilio_client_set_credentials  (LiaisonTwilioClient            *self,
                                                             const LiaisonTwilioCredentials *credentials);
/* Base URL of the REST API, default "https://api.twilio.com"; tests and the demo
 * point it at liaison-sim. The environment variable LIAISON_TWILIO_API_BASE
 * overrides the default of every product at construction (a simulator serves
 * them all at one address). */
void                 liaison_twilio_client_set_api_base     (LiaisonTwilioClient *self,
                                                             const char          *base_url);
const char          *liaison_twilio_client_get_api_base     (LiaisonTwilioClient *self);

/* Per-product base URL, e.g. a simulator's; NULL restores the default. For
 * LIAISON_TWILIO_PRODUCT_API this is the same as set_api_base(). */
void                 liaison_twilio_client_set_base_url     (LiaisonTwilioClient  *self,
                                                             LiaisonTwilioProduct  product,
                                                             const char           *base_url);
/* The base URL actually used for @product, with region and edge applied
 * (TWILIO.md §1.6): {product}[.{edge}].{region}.twilio.com. Region and edge
 * only change *.twilio.com hosts; a port is kept. */
char                *liaison_twilio_client_get_base_url     (LiaisonTwilioClient  *self,
                                                             LiaisonTwilioProduct  product);
/* NULL clears. Defaults come from TWILIO_REGION and TWILIO_EDGE. An edge
 * without a region means region "us1". */
void                 liaison_twilio_client_set_region       (LiaisonTwilioClient *self,
                                                             const char          *region);
void                 liaison_twilio_client_set_edge         (LiaisonTwilioClient *self,
                                                             const char          *edge);

/* The clock used for retry backoff and rate limiting (a fake one in tests).
 * Set it before the first request; it replaces the rate limiter. */
void                 liaison_twilio_client_set_clock        (LiaisonTwilioClient *self,
                                                             LiaisonClock        *clock);
LiaisonClock        *liaison_twilio_client_get_clock        (LiaisonTwilioClient *self);
/* Per-sender pacing and the account-wide concurrency cap (default 8). */
LiaisonRateLimiter  *liaison_twilio_client_get_rate_limiter (LiaisonTwilioClient *self);
/* Attempts per request including the first (default 5, ≥ 1). */
void                 liaison_twilio_client_set_max_attempts (LiaisonTwilioClient *self,
                                                             guint                max_attempts);

/* application/x-www-form-urlencoded from NULL-terminated key/value pairs;
 * a key may repeat (MediaUrl=a&MediaUrl=b). Every byte outside
 * A-Z a-z 0-9 - . _ ~ is percent-encoded. */
char                *liaison_twilio_encode_form             (const char * const *pairs);

/* Fetches the account: the credential check behind "Verify". */
void                  liaison_twilio_client_fetch_account_async  (LiaisonTwilioClient *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
LiaisonTwilioAccount *liaison_twilio_client_fetch_account_finish (LiaisonTwilioClient *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* Generic paged list: GET @path (below the product's base URL) with query
 * @params (key/value pairs, NULL-terminated, may be NULL) and PageSize
 * @page_size (0: Twilio's default). @item_key names the list in 2010 answers
 * ("messages"); v1/v2 answers name it in meta.key. */
void                  liaison_twilio_client_list_async           (LiaisonTwilioClient     *self,
                                                                  LiaisonTwilioProduct     product,
                                                                  const char              *path,
                                                                  const char * const      *params,
                                                                  const char              *item_key,
                                                                  LiaisonTwilioItemParser  parser,
                                                                  guint                    page_size,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
LiaisonTwilioPage    *liaison_twilio_client_list_finish          (LiaisonTwilioClient  *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

/* Messages (TWILIO.md §2). */

/* Sends a message. One of @from or @messaging_service_sid is needed; @body or
 * @media_urls (NULL-terminated). @send_at (with a Messaging Service) schedules
 * it (ScheduleType=fixed). The send waits for the sender's rate-limit token.
 *
 * A create is never re-sent once it may have reached Twilio: when the answer
 * is lost, the client lists today's messages To/From and looks for this body
 * created since the attempt started. Then _finish returns that message with
 * *out_reconciled TRUE, or fails with LIAISON_TWILIO_ERROR_NOT_SENT (safe to
 * send again) or LIAISON_TWILIO_ERROR_UNCERTAIN (do not send again blindly). */
void                  liaison_twilio_client_create_message_async  (LiaisonTwilioClient *self,
                                                                   const char          *to,
                                                                   const char          *from,
                                                                   const char          *messaging_service_sid,
                                                                   const char          *body,
                                                                   const char * const  *media_urls,
                                                                   const char          *status_callback,
                                                                   GDateTime           *send_at,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
LiaisonTwilioMessage *liaison_twilio_client_create_message_finish (LiaisonTwilioClient  *self,
                                                                   GAsyncResult         *result,
                                                                   gboolean             *out_reconciled,
                                                                   GError              **error);

void                  liaison_twilio_client_fetch_message_async   (LiaisonTwilioClient *self,
                                                                   const char          *sid,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
LiaisonTwilioMessage *liaison_twilio_client_fetch_message_finish  (LiaisonTwilioClient  *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);

/* Lists messages, newest first; every filter may be NULL. The dates are used
 * as UTC days: DateSent, DateSent< (on or before), DateSent> (on or after).
 * Finish with liaison_twilio_client_list_finish(); items are
 * LiaisonTwilioMessage. */
void                  liaison_twilio_client_list_messages_async   (LiaisonTwilioClient *self,
                                                                   const char          *to,
                                                                   const char          *from,
                                                                   GDateTime           *date_sent,
                                                                   GDateTime           *date_sent_before,
                                                                   GDateTime           *date_sent_after,
                                                                   guint                page_size,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);

/* POST Body="" (redact) or Status=canceled (cancel a scheduled message). */
void                  liaison_twilio_client_redact_message_async  (LiaisonTwilioClient *self,
                                                                   const char          *sid,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
void                  liaison_twilio_client_cancel_message_async  (LiaisonTwilioClient *self,
                                                                   const char          *sid,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
/* Finishes redact and cancel. */
LiaisonTwilioMessage *liaison_twilio_client_update_message_finish (LiaisonTwilioClient  *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);

void                  liaison_twilio_client_delete_message_async  (LiaisonTwilioClient *self,
                                                                   const char          *sid,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gboolean              liaison_twilio_client_delete_message_finish (LiaisonTwilioClient  *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);

/* Lists a message's media (finish with liaison_twilio_client_list_finish();
 * items are LiaisonTwilioMedia). */
void                  liaison_twilio_client_list_media_async      (LiaisonTwilioClient *self,
                                                                   const char          *message_sid,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);

/* Any other call: @method on @path below @product's base URL, with an
 * optional JSON @body (Content-Type: application/json, as porting needs) or
 * form @form (key/value pairs; a key may repeat). @idempotent: may be re-sent
 * when it may already have reached Twilio (never for creates). Returns the
 * answer's JSON root (NULL for an empty 2xx answer). */
void                  liaison_twilio_client_request_async         (LiaisonTwilioClient  *self,
                                                                   LiaisonTwilioProduct  product,
                                                                   const char           *method,
                                                                   const char           *path,
                                                                   const char * const   *form,
                                                                   JsonNode             *body,
                                                                   gboolean              idempotent,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
JsonNode             *liaison_twilio_client_request_finish        (LiaisonTwilioClient  *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);

G_END_DECLS
