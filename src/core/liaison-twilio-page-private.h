/* liaison-twilio-page-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-twilio-client.h"
#include "liaison-twilio-page.h"

G_BEGIN_DECLS

LiaisonTwilioPage *_liaison_twilio_page_new (LiaisonTwilioClient     *client,
                                             LiaisonTwilioProduct     product,
                                             const char              *item_key,
                                             LiaisonTwilioItemParser  parser,
                                             GPtrArray               *items,
                                             const char              *next_url);

/* Fetches and parses one page at an absolute @url (checked against the
 * product's host). */
void               _liaison_twilio_client_fetch_page_async  (LiaisonTwilioClient     *self,
                                                             LiaisonTwilioProduct     product,
                                                             const char              *url,
                                                             const char              *item_key,
                                                             LiaisonTwilioItemParser  parser,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
LiaisonTwilioPage *_liaison_twilio_client_fetch_page_finish (LiaisonTwilioClient     *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

G_END_DECLS
