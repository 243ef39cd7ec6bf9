/* liaison-twilio-client-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "liaison-twilio-client.h"

G_BEGIN_DECLS

/* For requests that are not JSON calls (recording media downloads). */
SoupSession *_liaison_twilio_client_get_session       (LiaisonTwilioClient *self);
/* "Basic …" for the current credentials, or NULL without any; wipe it with
 * explicit_bzero() when done. */
char        *_liaison_twilio_client_dup_authorization (LiaisonTwilioClient *self);
/* The credentials' Account SID, or NULL. */
const char  *_liaison_twilio_client_get_account_sid   (LiaisonTwilioClient *self);

G_END_DECLS
