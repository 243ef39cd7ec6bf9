/* liaison-openapi.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A small OpenAPI 3 checker for the tests: it reads one of Twilio's OpenAPI
 * documents (shared/twilio/spec) and tells whether a request the tests send and
 * a response liaison-sim gives follow it. It covers the parts of JSON Schema
 * Twilio's documents use: $ref, type, nullable, required, enum, format,
 * pattern, minLength/maxLength, minimum/maximum, properties, items and
 * allOf/anyOf/oneOf. */
typedef struct _LiaisonOpenApi LiaisonOpenApi;

/* What one or more checks found. Errors break the document; warnings are
 * allowed differences (a property the document does not declare: Twilio adds
 * fields). Each string starts with where it was found, e.g.
 * "$.messages[3].num_segments: expected string, got integer". */
typedef struct {
  GPtrArray *errors;      /* char * */
  GPtrArray *warnings;    /* char * */
  guint      n_values;    /* JSON values and parameters checked against a schema */
  /* Internal: where the operation's own example answers hold null (a null
   * there is a warning even if the schema does not say nullable). */
  GHashTable *documented_nulls;
} LiaisonOpenApiReport;

LiaisonOpenApi       *liaison_openapi_new_from_file        (const char           *filename,
                                                            GError              **error);
void                  liaison_openapi_free                 (LiaisonOpenApi       *self);

LiaisonOpenApiReport *liaison_openapi_report_new           (void);
void                  liaison_openapi_report_free          (LiaisonOpenApiReport *report);
/* The errors, one per line (an empty string when there are none). */
char                 *liaison_openapi_report_to_string     (LiaisonOpenApiReport *report);
/* TRUE when one of the errors contains @needle. */
gboolean              liaison_openapi_report_has_error     (LiaisonOpenApiReport *report,
                                                            const char           *needle);

/* The templated path of the operation for @method (e.g. "GET") and the
 * concrete @path (a query, if any, is ignored), e.g. "/2010-04-01/Accounts/{Sid}.json", or NULL
 * (with an error in @report) when the document has none. Path parameters that
 * break their schema (e.g. its pattern) are reported as errors. */
const char           *liaison_openapi_find_operation       (LiaisonOpenApi       *self,
                                                            const char           *method,
                                                            const char           *path,
                                                            LiaisonOpenApiReport *report);

/* Checks a request: @path_and_query is the URL's path with an optional
 * "?query"; @form_body is the application/x-www-form-urlencoded body or NULL.
 * Every parameter must be declared (query parameter or requestBody property),
 * the required ones present, and each value valid for its schema.
 * Returns TRUE when nothing was added to @report's errors. */
gboolean              liaison_openapi_validate_request     (LiaisonOpenApi       *self,
                                                            const char           *method,
                                                            const char           *path_and_query,
                                                            const char           *form_body,
                                                            LiaisonOpenApiReport *report);

/* Checks a response to (@method, @path_and_query): @status must be one the
 * operation documents; if that response has a body, @content_type must be one
 * of its media types and @body (of @body_len bytes) must parse as JSON and
 * follow the schema; if it has none, @body must be empty.
 * Returns TRUE when nothing was added to @report's errors. */
gboolean              liaison_openapi_validate_response    (LiaisonOpenApi       *self,
                                                            const char           *method,
                                                            const char           *path_and_query,
                                                            guint                 status,
                                                            const char           *content_type,
                                                            const char           *body,
                                                            gsize                 body_len,
                                                            LiaisonOpenApiReport *report);

/* Checks @value against the schema found at the JSON pointer @schema_pointer
 * in the document (e.g. "#/components/schemas/api.v2010.account.message"),
 * naming it @where ("$" at the top). Returns TRUE when nothing was added to
 * @report's errors. */
gboolean              liaison_openapi_validate_value       (LiaisonOpenApi       *self,
                                                            const char           *schema_pointer,
                                                            JsonNode             *value,
                                                            const char           *where,
                                                            LiaisonOpenApiReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonOpenApi, liaison_openapi_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonOpenApiReport, liaison_openapi_report_free)

G_END_DECLS
