/* liaison-template.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* Message templates: a name, a body with placeholders and an optional
 * category, kept in the store's templates table. The table starts empty;
 * the person adds their own templates (the composer's "Manage Templates").
 *
 * Placeholders are written in braces:
 *   {first_name} {last_name} {full_name}  the recipient
 *   {advisor_name} {firm}                  the sender (Preferences → Your Work)
 *   {date} {time}                          the moment the text goes (now, or the
 *                                          scheduled time), in the recipient's
 *                                          time zone: "Friday 3 March", "2:30 PM"
 * "{{" and "}}" stand for literal braces; a brace that does not open a
 * placeholder name ("{ ", "{1}") is kept as written.
 *
 * Missing values are an error, not a silent fallback: a greeting like
 * "Hi {first_name}," must not go out as "Hi ," nor as "Hi there," to a client
 * whose name the advisor believes is filled in. The error
 * (LIAISON_TEMPLATE_ERROR_MISSING_VALUE) names every placeholder without a
 * value; liaison_template_expand_partial() expands what it can and leaves the
 * rest as written, for the composer to show and the person to fill in. */

#define LIAISON_TEMPLATE_ERROR (liaison_template_error_quark ())

typedef enum {
  /* A placeholder that is not one of the above: the message names them. */
  LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER,
  /* A known placeholder without a value: the message names them. */
  LIAISON_TEMPLATE_ERROR_MISSING_VALUE,
  /* An empty name or body. */
  LIAISON_TEMPLATE_ERROR_INVALID,
  /* Another template has this name. */
  LIAISON_TEMPLATE_ERROR_DUPLICATE_NAME,
  /* A sequence uses the template: it cannot be deleted. */
  LIAISON_TEMPLATE_ERROR_IN_USE,
  LIAISON_TEMPLATE_ERROR_NOT_FOUND,
} LiaisonTemplateError;

/* The values for one expansion. NULL or "" means "not known". */
typedef struct {
  const char *first_name;
  const char *last_name;
  const char *full_name;     /* NULL: first and last name joined, if either is known */
  const char *advisor_name;
  const char *firm;
  gint64      when;          /* µs UTC for {date} and {time}; 0: now */
  const char *time_zone;     /* IANA zone of the recipient; NULL: local time */
  gboolean    clock_24h;     /* {time} as "14:30" instead of "2:30 PM" */
} LiaisonTemplateValues;

#define LIAISON_TYPE_TEMPLATE (liaison_template_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTemplate, liaison_template, LIAISON, TEMPLATE, GObject)

GQuark           liaison_template_error_quark       (void);

/* Immutable; the store's functions return them. */
gint64           liaison_template_get_id            (LiaisonTemplate *self);
const char      *liaison_template_get_name          (LiaisonTemplate *self);
const char      *liaison_template_get_body          (LiaisonTemplate *self);
/* NULL when none. */
const char      *liaison_template_get_category      (LiaisonTemplate *self);
gint64           liaison_template_get_date_updated  (LiaisonTemplate *self);

/* The placeholder names used in @body, without braces, in order of first
 * use, each once (unknown ones too). */
GStrv            liaison_template_list_placeholders (const char      *body);
/* FALSE with LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER if @body uses a name
 * that is not a placeholder. */
gboolean         liaison_template_check_body        (const char      *body,
                                                     GError         **error);
/* @body with every placeholder replaced, or NULL with
 * LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER (checked first) or
 * _MISSING_VALUE. */
char            *liaison_template_expand            (const char                  *body,
                                                     const LiaisonTemplateValues *values,
                                                     GError                     **error);
/* Like liaison_template_expand(), but known placeholders without a value are
 * left as written and their names returned in @out_missing (NULL-terminated,
 * empty when none; nullable). Unknown placeholders are still an error. */
char            *liaison_template_expand_partial    (const char                  *body,
                                                     const LiaisonTemplateValues *values,
                                                     GStrv                       *out_missing,
                                                     GError                     **error);
/* How {date} and {time} read for @when (µs UTC, 0: now) in @time_zone
 * (NULL: local). Newly allocated. */
char            *liaison_template_format_date       (gint64                       when,
                                                     const char                  *time_zone);
char            *liaison_template_format_time       (gint64                       when,
                                                     const char                  *time_zone,
                                                     gboolean                     clock_24h);

/* The store's templates (worker thread, like every query). */

/* All templates, ordered by category then name: GPtrArray of LiaisonTemplate. */
void             liaison_store_list_templates_async  (LiaisonStore        *store,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray       *liaison_store_list_templates_finish (LiaisonStore        *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* One template; LIAISON_TEMPLATE_ERROR_NOT_FOUND if none. */
void             liaison_store_get_template_async    (LiaisonStore        *store,
                                                      gint64               id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
LiaisonTemplate *liaison_store_get_template_finish   (LiaisonStore        *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Adds a template (@category NULL or "" for none). The name and body must not
 * be empty, the body must use known placeholders only, and the name must be
 * unused (LIAISON_TEMPLATE_ERROR_*). Returns the new template. */
void             liaison_store_add_template_async    (LiaisonStore        *store,
                                                      const char          *name,
                                                      const char          *body,
                                                      const char          *category,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
LiaisonTemplate *liaison_store_add_template_finish   (LiaisonStore        *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Replaces the name, body and category of template @id, checked as for add;
 * LIAISON_TEMPLATE_ERROR_NOT_FOUND if none. Returns the updated template. */
void             liaison_store_update_template_async (LiaisonStore        *store,
                                                      gint64               id,
                                                      const char          *name,
                                                      const char          *body,
                                                      const char          *category,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
LiaisonTemplate *liaison_store_update_template_finish (LiaisonStore       *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Deletes template @id; LIAISON_TEMPLATE_ERROR_NOT_FOUND if none,
 * LIAISON_TEMPLATE_ERROR_IN_USE if a sequence step uses it. */
void             liaison_store_delete_template_async (LiaisonStore        *store,
                                                      gint64               id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         liaison_store_delete_template_finish (LiaisonStore       *store,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
