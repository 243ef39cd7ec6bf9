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

/* "/2010-04-01/Accounts/{account_sid}", then "/" and each segment
 * percent-encoded, then @suffix (".json"); the segments end with NULL. */
char        *_liaison_twilio_account_path             (const char          *account_sid,
                                                       const char          *suffix,
                                                       const char          *first_segment,
                                                       ...) G_GNUC_NULL_TERMINATED;

/* Form and query builders: @form holds g_free()d key, value, … strings;
 * nothing is added for a NULL @value. _end() NULL-terminates the pairs. */
void                _liaison_twilio_form_add (GPtrArray  *form,
                                              const char *name,
                                              const char *value);
const char * const *_liaison_twilio_form_end (GPtrArray  *form);

/* One liaison_twilio_client_request_async() call whose JSON object answer
 * @parser turns into the task's pointer (freed with @destroy, NULL:
 * g_object_unref); a NULL @parser expects no body and returns TRUE. The task
 * carries @source_tag, checked by the finish functions. */
void         _liaison_twilio_client_request_object_async   (LiaisonTwilioClient     *self,
                                                            LiaisonTwilioProduct     product,
                                                            const char              *method,
                                                            const char              *path,
                                                            const char * const      *form,
                                                            JsonNode                *body,
                                                            gboolean                 idempotent,
                                                            LiaisonTwilioItemParser  parser,
                                                            GDestroyNotify           destroy,
                                                            gpointer                 source_tag,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
gpointer     _liaison_twilio_client_request_object_finish  (LiaisonTwilioClient     *self,
                                                            GAsyncResult            *result,
                                                            gpointer                 source_tag,
                                                            GError                 **error);
gboolean     _liaison_twilio_client_request_finish_boolean (LiaisonTwilioClient     *self,
                                                            GAsyncResult            *result,
                                                            gpointer                 source_tag,
                                                            GError                 **error);

/* A list filter's day: YYYY-MM-DD of @date in UTC. */
char *_liaison_twilio_format_day (GDateTime *date);

G_END_DECLS
