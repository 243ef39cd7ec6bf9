/* liaison-twilio-media-download.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-twilio-client.h"

G_BEGIN_DECLS

/* Downloads the content of an MMS media item to @destination. @url is
 * Twilio's media URL: absolute, or a path below the API base URL
 * ("/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…"; a trailing ".json" is
 * dropped). The account's credentials go to the API host only: Twilio
 * answers with a redirect to its storage, which is followed without them.
 * The bytes go to "<destination>.part", renamed onto @destination once
 * complete. Returns the size in bytes, or -1 with @error. */
void     liaison_twilio_client_download_media_async  (LiaisonTwilioClient  *self,
                                                      const char           *url,
                                                      GFile                *destination,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
goffset  liaison_twilio_client_download_media_finish (LiaisonTwilioClient  *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
