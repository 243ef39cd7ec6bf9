/* liaison-summary-endpoint.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-call-summary.h"

G_BEGIN_DECLS

#define LIAISON_SUMMARY_ENDPOINT_ERROR (liaison_summary_endpoint_error_quark ())

typedef enum {
  /* The base URL is not an http(s) URL. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_URL,
  /* No sentence has any text. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_EMPTY_TRANSCRIPT,
  /* The server could not be reached. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_NETWORK,
  /* No answer within the timeout. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_TIMEOUT,
  /* HTTP 401 or 403: the API key was refused. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_UNAUTHORIZED,
  /* Any other HTTP status outside 2xx. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_HTTP,
  /* The answer is not a chat completion, or its message is not the JSON
   * summary that was asked for. */
  LIAISON_SUMMARY_ENDPOINT_ERROR_INVALID_RESPONSE,
} LiaisonSummaryEndpointError;

GQuark liaison_summary_endpoint_error_quark (void);

#define LIAISON_TYPE_SUMMARY_ENDPOINT (liaison_summary_endpoint_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSummaryEndpoint, liaison_summary_endpoint, LIAISON, SUMMARY_ENDPOINT, GObject)

/* An optional OpenAI-compatible model server that summarizes transcripts:
 * POST {base_url}/v1/chat/completions with a JSON body
 *
 *   {"model": MODEL, "temperature": 0,
 *    "messages": [{"role": "system", "content": INSTRUCTION},
 *                 {"role": "user", "content": TRANSCRIPT}]}
 *
 * and "Authorization: Bearer KEY" when a key is set. TRANSCRIPT is one line
 * per sentence, "Advisor: …" / "Client: …" ("Channel N: …" for other
 * channels, the bare text when unknown). INSTRUCTION (fixed, English) asks
 * for a JSON object only:
 *
 *   {"headline": "…", "summary": "…", "action_items": ["…"],
 *    "dates": ["…"], "times": ["…"], "amounts": ["…"],
 *    "compliance_flags": ["…"]}
 *
 * which becomes a LiaisonCallSummary with source
 * LIAISON_SUMMARY_SOURCE_ENDPOINT (sentence indices -1). A ```json fence
 * around the object is tolerated; anything else is INVALID_RESPONSE.
 *
 * The transcript leaves the computer: callers show
 * liaison_summary_endpoint_build_request_body() first. The API key is held
 * in memory only (the caller keeps it in the keyring), wiped when replaced
 * or finalized, and never logged. */

/* @model may be NULL (then "default" is sent). */
LiaisonSummaryEndpoint *liaison_summary_endpoint_new             (const char             *base_url,
                                                                  const char             *model);
const char             *liaison_summary_endpoint_get_base_url    (LiaisonSummaryEndpoint *self);
const char             *liaison_summary_endpoint_get_model       (LiaisonSummaryEndpoint *self);
/* NULL or "" removes the key (no Authorization header). */
void                    liaison_summary_endpoint_set_api_key     (LiaisonSummaryEndpoint *self,
                                                                  const char             *api_key);
/* Seconds the server may stay silent while connecting, sending or
 * answering (libsoup's I/O timeout; default 120; 0 means none). */
void                    liaison_summary_endpoint_set_timeout     (LiaisonSummaryEndpoint *self,
                                                                  guint                   seconds);

/* The URL that will be POSTed, or NULL with INVALID_URL. */
char                   *liaison_summary_endpoint_dup_url         (LiaisonSummaryEndpoint  *self,
                                                                  GError                 **error);
/* The fixed instruction sent as the system message. */
const char             *liaison_summary_endpoint_get_instruction (void);
/* The exact request body (UTF-8 JSON) that summarize_async() sends for
 * @sentences (LiaisonTranscriptSentence); NULL with EMPTY_TRANSCRIPT when
 * there is no text. */
char                   *liaison_summary_endpoint_build_request_body (LiaisonSummaryEndpoint  *self,
                                                                     GPtrArray               *sentences,
                                                                     GError                 **error);

void                    liaison_summary_endpoint_summarize_async (LiaisonSummaryEndpoint *self,
                                                                  GPtrArray              *sentences,
                                                                  GCancellable           *cancellable,
                                                                  GAsyncReadyCallback     callback,
                                                                  gpointer                user_data);
LiaisonCallSummary     *liaison_summary_endpoint_summarize_finish (LiaisonSummaryEndpoint  *self,
                                                                   GAsyncResult            *result,
                                                                   GError                 **error);

/* Parses a chat-completion answer body (exposed for the tests and for
 * replays); errors as summarize_finish(). */
LiaisonCallSummary     *liaison_summary_endpoint_parse_response  (const char              *body,
                                                                  gsize                    length,
                                                                  GError                 **error);

G_END_DECLS
