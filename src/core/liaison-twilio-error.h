/* liaison-twilio-error.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIAISON_TWILIO_ERROR (liaison_twilio_error_quark ())

/* GError codes in LIAISON_TWILIO_ERROR. For API errors the GError code is
 * LIAISON_TWILIO_ERROR_API and the details (HTTP status, Twilio code,
 * message, more_info) are kept alongside: see liaison_twilio_error_get_details(). */
typedef enum {
  LIAISON_TWILIO_ERROR_API,          /* Twilio answered with an error body */
  LIAISON_TWILIO_ERROR_HTTP,         /* an HTTP error without a Twilio body */
  LIAISON_TWILIO_ERROR_NETWORK,      /* could not reach Twilio */
  LIAISON_TWILIO_ERROR_INVALID_RESPONSE, /* unparseable or truncated JSON */
  LIAISON_TWILIO_ERROR_NO_CREDENTIALS,
  /* A create (POST) may or may not have reached Twilio (timeout or connection
   * lost after sending) and reconciliation could not tell: do NOT re-send. */
  LIAISON_TWILIO_ERROR_UNCERTAIN,
  /* Reconciliation showed that a create whose answer was lost did not go
   * through: the caller may safely send again. */
  LIAISON_TWILIO_ERROR_NOT_SENT,
  /* A next-page URL pointed away from the API host; it was not followed. */
  LIAISON_TWILIO_ERROR_FOREIGN_URL,
} LiaisonTwilioErrorCode;

typedef struct {
  guint  http_status;
  gint   code;           /* Twilio error code, 0 when none */
  char  *message;        /* Twilio's message */
  char  *more_info;      /* URL */
} LiaisonTwilioErrorDetails;

GQuark      liaison_twilio_error_quark          (void);

/* Builds a GError in LIAISON_TWILIO_ERROR from an HTTP status and a response body
 * (which may be NULL, non-JSON or truncated). The message is in plain words. */
GError     *liaison_twilio_error_new_from_response (guint         http_status,
                                                    const char   *content_type,
                                                    GBytes       *body);

/* Details of an error made by liaison_twilio_error_new_from_response(), or NULL. */
const LiaisonTwilioErrorDetails *
            liaison_twilio_error_get_details    (const GError *error);

/* Plain-language explanation and suggested fix for a Twilio error code, or NULL
 * when the code is not in the table. Translated. */
const char *liaison_twilio_error_explain        (gint          code);
const char *liaison_twilio_error_suggest        (gint          code);
/* A short title for the code ("Twilio refused the credentials"), or NULL when
 * the code is not in the table. Translated. */
const char *liaison_twilio_error_get_title      (gint          code);

G_END_DECLS
