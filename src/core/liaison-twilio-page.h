/* liaison-twilio-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Makes one list item (a GObject) from its JSON object, or fails with
 * LIAISON_TWILIO_ERROR_INVALID_RESPONSE. */
typedef gpointer (*LiaisonTwilioItemParser) (JsonObject  *object,
                                             GError     **error);

#define LIAISON_TYPE_TWILIO_PAGE (liaison_twilio_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTwilioPage, liaison_twilio_page, LIAISON, TWILIO_PAGE, GObject)

/* One page of a Twilio list, whatever the paging style (2010 next_page_uri,
 * v1/v2 meta.next_page_url, or meta.next_token): made by
 * liaison_twilio_client_list_async(). */

/* The items (GObjects made by the parser), in Twilio's order. */
GPtrArray         *liaison_twilio_page_get_items     (LiaisonTwilioPage *self);
gboolean           liaison_twilio_page_has_next      (LiaisonTwilioPage *self);
/* Absolute URL of the next page, or NULL on the last page. */
const char        *liaison_twilio_page_get_next_url  (LiaisonTwilioPage *self);

/* Fetches the next page with the same client, parser and item key. Fails with
 * LIAISON_TWILIO_ERROR_FOREIGN_URL when the next URL is not on the API host
 * (credentials are never sent elsewhere). */
void               liaison_twilio_page_next_async    (LiaisonTwilioPage   *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
LiaisonTwilioPage *liaison_twilio_page_next_finish   (LiaisonTwilioPage   *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
