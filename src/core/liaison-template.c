/* liaison-template.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-template"

#include "config.h"

#include "liaison-template.h"
#include "liaison-store-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

struct _LiaisonTemplate
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *body;
  char    *category;
  gint64   updated_at;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BODY,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTemplate, liaison_template, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-template-error-quark, liaison_template_error)

static const char * const known_placeholders[] = {
  "first_name",
  "last_name",
  "full_name",
  "advisor_name",
  "firm",
  "date",
  "time",
  NULL
};

/* Model */

static void
liaison_template_finalize (GObject *object)
{
  LiaisonTemplate *self = (LiaisonTemplate *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (liaison_template_parent_class)->finalize (object);
}

static void
liaison_template_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LiaisonTemplate *self = LIAISON_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_template_class_init (LiaisonTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_template_finalize;
  object_class->get_property = liaison_template_get_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_template_init (LiaisonTemplate *self)
{
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

#define TEMPLATE_COLUMNS "id, name, body, category, updated_at"

static LiaisonTemplate *
template_new_from_stmt (sqlite3_stmt *stmt)
{
  LiaisonTemplate *self = g_object_new (LIAISON_TYPE_TEMPLATE, NULL);
  const char *category = column_text (stmt, 3);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->name = g_strdup (column_text (stmt, 1));
  self->body = g_strdup (column_text (stmt, 2));
  self->category = (category != NULL && *category != '\0') ? g_strdup (category) : NULL;
  self->updated_at = sqlite3_column_int64 (stmt, 4);

  return self;
}

gint64
liaison_template_get_id (LiaisonTemplate *self)
{
  g_return_val_if_fail (LIAISON_IS_TEMPLATE (self), 0);
  return self->id;
}

const char *
liaison_template_get_name (LiaisonTemplate *self)
{
  g_return_val_if_fail (LIAISON_IS_TEMPLATE (self), NULL);
  return self->name;
}

const char *
liaison_template_get_body (LiaisonTemplate *self)
{
  g_return_val_if_fail (LIAISON_IS_TEMPLATE (self), NULL);
  return self->body;
}

const char *
liaison_template_get_category (LiaisonTemplate *self)
{
  g_return_val_if_fail (LIAISON_IS_TEMPLATE (self), NULL);
  return self->category;
}

gint64
liaison_template_get_date_updated (LiaisonTemplate *self)
{
  g_return_val_if_fail (LIAISON_IS_TEMPLATE (self), 0);
  return self->updated_at;
}

/* Placeholders */

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* If @p opens a placeholder ("{name}"), returns the length of the name and
 * sets *out_end just after the closing brace. */
static gsize
match_placeholder (const char  *p,
                   const char **out_end)
{
  gsize len = 0;

  if (p[0] != '{' || !is_name_start (p[1]))
    return 0;

  while (is_name_char (p[1 + len]))
    len++;

  if (p[1 + len] != '}')
    return 0;

  *out_end = p + len + 2;
  return len;
}

typedef void (*PlaceholderFunc) (const char *name,
                                 gsize       name_len,
                                 const char *raw,
                                 gsize       raw_len,
                                 gpointer    user_data);
typedef void (*LiteralFunc)     (const char *text,
                                 gsize       len,
                                 gpointer    user_data);

static void
scan_body (const char      *body,
           PlaceholderFunc  on_placeholder,
           LiteralFunc      on_literal,
           gpointer         user_data)
{
  const char *p = body;
  const char *literal = body;

  while (*p != '\0')
    {
      const char *end = NULL;
      gsize len;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          on_literal (literal, p - literal + 1, user_data);
          p += 2;
          literal = p;
          continue;
        }

      if ((len = match_placeholder (p, &end)) > 0)
        {
          on_literal (literal, p - literal, user_data);
          on_placeholder (p + 1, len, p, end - p, user_data);
          p = end;
          literal = p;
          continue;
        }

      p++;
    }

  on_literal (literal, p - literal, user_data);
}

static void
collect_placeholder_cb (const char *name,
                        gsize       name_len,
                        const char *raw,
                        gsize       raw_len,
                        gpointer    user_data)
{
  GPtrArray *names = user_data;
  g_autofree char *copy = g_strndup (name, name_len);

  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), copy))
      return;

  g_ptr_array_add (names, g_steal_pointer (&copy));
}

static void
ignore_literal_cb (const char *text,
                   gsize       len,
                   gpointer    user_data)
{
}

GStrv
liaison_template_list_placeholders (const char *body)
{
  GPtrArray *names = g_ptr_array_new ();

  g_return_val_if_fail (body != NULL, NULL);

  scan_body (body, collect_placeholder_cb, ignore_literal_cb, names);
  g_ptr_array_add (names, NULL);

  return (GStrv)g_ptr_array_free (names, FALSE);
}

/* "{a}, {b}" for an error message. */
static char *
join_braced (GPtrArray *names)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append_printf (str, "{%s}", (const char *)g_ptr_array_index (names, i));
    }

  return g_string_free (str, FALSE);
}

gboolean
liaison_template_check_body (const char  *body,
                             GError     **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autofree char *list = NULL;

  g_return_val_if_fail (body != NULL, FALSE);

  names = liaison_template_list_placeholders (body);
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains (known_placeholders, names[i]))
      g_ptr_array_add (unknown, names[i]);

  if (unknown->len == 0)
    return TRUE;

  list = join_braced (unknown);
  g_set_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER,
               /* Translators: %s lists placeholders, e.g. "{firstname}, {nickname}" */
               g_dngettext (GETTEXT_PACKAGE,
                            "Unknown placeholder %s. Known placeholders: {first_name}, "
                            "{last_name}, {full_name}, {advisor_name}, {firm}, {date}, {time}.",
                            "Unknown placeholders %s. Known placeholders: {first_name}, "
                            "{last_name}, {full_name}, {advisor_name}, {firm}, {date}, {time}.",
                            unknown->len),
               list);
  return FALSE;
}

static GDateTime *
date_time_in_zone (gint64      when,
                   const char *time_zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (when == 0)
    when = g_get_real_time ();

  utc = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
  if (utc == NULL)
    return NULL;

  if (time_zone != NULL)
    tz = g_time_zone_new_identifier (time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_local ();

  return g_date_time_to_timezone (utc, tz);
}

char *
liaison_template_format_date (gint64      when,
                              const char *time_zone)
{
  g_autoptr(GDateTime) dt = date_time_in_zone (when, time_zone);

  if (dt == NULL)
    return g_strdup ("");

  /* Translators: {date} in a message template, a strftime format
   * (g_date_time_format): "Friday 3 March"; reorder for your language */
  return g_date_time_format (dt, _("%A %-d %B"));
}

char *
liaison_template_format_time (gint64      when,
                              const char *time_zone,
                              gboolean    clock_24h)
{
  g_autoptr(GDateTime) dt = date_time_in_zone (when, time_zone);

  if (dt == NULL)
    return g_strdup ("");

  if (clock_24h)
    /* Translators: {time} in a message template on a 24-hour clock: "14:30" */
    return g_date_time_format (dt, _("%H:%M"));

  /* Translators: {time} in a message template on a 12-hour clock: "2:30 PM" */
  return g_date_time_format (dt, _("%-I:%M %p"));
}

static const char *
nonempty (const char *s)
{
  return (s != NULL && *s != '\0') ? s : NULL;
}

/* The value of a known placeholder, newly allocated, or NULL if missing. */
static char *
placeholder_value (const char                  *name,
                   const LiaisonTemplateValues *values)
{
  if (g_str_equal (name, "first_name"))
    return g_strdup (nonempty (values->first_name));
  if (g_str_equal (name, "last_name"))
    return g_strdup (nonempty (values->last_name));
  if (g_str_equal (name, "full_name"))
    {
      const char *first = nonempty (values->first_name);
      const char *last = nonempty (values->last_name);

      if (nonempty (values->full_name))
        return g_strdup (values->full_name);
      if (first != NULL && last != NULL)
        return g_strdup_printf ("%s %s", first, last);
      return g_strdup (first != NULL ? first : last);
    }
  if (g_str_equal (name, "advisor_name"))
    return g_strdup (nonempty (values->advisor_name));
  if (g_str_equal (name, "firm"))
    return g_strdup (nonempty (values->firm));
  if (g_str_equal (name, "date"))
    return liaison_template_format_date (values->when, values->time_zone);
  if (g_str_equal (name, "time"))
    return liaison_template_format_time (values->when, values->time_zone, values->clock_24h);

  return NULL;
}

typedef struct
{
  const LiaisonTemplateValues *values;
  GString                     *out;
  GPtrArray                   *missing;
} ExpandState;

static void
expand_placeholder_cb (const char *name,
                       gsize       name_len,
                       const char *raw,
                       gsize       raw_len,
                       gpointer    user_data)
{
  ExpandState *state = user_data;
  g_autofree char *key = g_strndup (name, name_len);
  g_autofree char *value = placeholder_value (key, state->values);

  if (value != NULL)
    {
      g_string_append (state->out, value);
      return;
    }

  g_string_append_len (state->out, raw, raw_len);

  for (guint i = 0; i < state->missing->len; i++)
    if (g_str_equal (g_ptr_array_index (state->missing, i), key))
      return;
  g_ptr_array_add (state->missing, g_steal_pointer (&key));
}

static void
expand_literal_cb (const char *text,
                   gsize       len,
                   gpointer    user_data)
{
  ExpandState *state = user_data;

  g_string_append_len (state->out, text, len);
}

char *
liaison_template_expand_partial (const char                  *body,
                                 const LiaisonTemplateValues *values,
                                 GStrv                       *out_missing,
                                 GError                     **error)
{
  static const LiaisonTemplateValues no_values = { 0 };
  ExpandState state;

  g_return_val_if_fail (body != NULL, NULL);

  if (!liaison_template_check_body (body, error))
    return NULL;

  state.values = values != NULL ? values : &no_values;
  state.out = g_string_new (NULL);
  state.missing = g_ptr_array_new_with_free_func (g_free);

  scan_body (body, expand_placeholder_cb, expand_literal_cb, &state);

  if (out_missing != NULL)
    {
      g_ptr_array_set_free_func (state.missing, NULL);
      g_ptr_array_add (state.missing, NULL);
      *out_missing = (GStrv)g_ptr_array_free (state.missing, FALSE);
    }
  else
    g_ptr_array_unref (state.missing);

  return g_string_free (state.out, FALSE);
}

char *
liaison_template_expand (const char                  *body,
                         const LiaisonTemplateValues *values,
                         GError                     **error)
{
  g_auto(GStrv) missing = NULL;
  g_autofree char *expanded = NULL;

  expanded = liaison_template_expand_partial (body, values, &missing, error);
  if (expanded == NULL)
    return NULL;

  if (missing[0] != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; missing[i] != NULL; i++)
        g_ptr_array_add (names, missing[i]);
      list = join_braced (names);

      g_set_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_MISSING_VALUE,
                   /* Translators: %s lists placeholders, e.g. "{first_name}, {firm}" */
                   g_dngettext (GETTEXT_PACKAGE,
                                "No value for %s: fill it in before sending.",
                                "No values for %s: fill them in before sending.",
                                names->len),
                   list);
      return NULL;
    }

  return g_steal_pointer (&expanded);
}

/* Store */

#define SQL_LIST_TEMPLATES \
  "SELECT " TEMPLATE_COLUMNS " FROM templates " \
  "ORDER BY coalesce (category, '') COLLATE NOCASE, name COLLATE NOCASE, id"

#define SQL_GET_TEMPLATE \
  "SELECT " TEMPLATE_COLUMNS " FROM templates WHERE id = ?1"

#define SQL_INSERT_TEMPLATE \
  "INSERT INTO templates (name, body, category, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?4)"

#define SQL_UPDATE_TEMPLATE \
  "UPDATE templates SET name = ?2, body = ?3, category = ?4, updated_at = ?5 WHERE id = ?1"

#define SQL_DELETE_TEMPLATE \
  "DELETE FROM templates WHERE id = ?1"

typedef struct
{
  gint64  id;
  char   *name;
  char   *body;
  char   *category;
} TemplateData;

static void
template_data_free (gpointer data)
{
  TemplateData *td = data;

  g_free (td->name);
  g_free (td->body);
  g_free (td->category);
  g_free (td);
}

static gboolean
set_write_error (GError  **error,
                 sqlite3  *db,
                 int       rc)
{
  int extended = sqlite3_extended_errcode (db);

  if (extended == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error_literal (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_DUPLICATE_NAME,
                           _("Another template already has this name."));
      return FALSE;
    }

  if (extended == SQLITE_CONSTRAINT_FOREIGNKEY || extended == SQLITE_CONSTRAINT_TRIGGER)
    {
      g_set_error_literal (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_IN_USE,
                           _("A sequence uses this template: remove it from the sequence first."));
      return FALSE;
    }

  return _liaison_store_set_error (error, db, rc);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_NOT_FOUND,
                       _("This template no longer exists."));
}

static LiaisonTemplate *
get_template (LiaisonStore  *self,
              sqlite3       *db,
              gint64         id,
              GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_GET_TEMPLATE, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return template_new_from_stmt (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error);
  else
    _liaison_store_set_error (error, db, rc);

  return NULL;
}

static gpointer
list_templates_work (LiaisonStore  *self,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _liaison_store_prepare (self, SQL_LIST_TEMPLATES, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (templates, template_new_from_stmt (stmt));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&templates);
}

static gpointer
get_template_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TemplateData *td = data;

  return get_template (self, db, td->id, error);
}

static gpointer
add_template_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TemplateData *td = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  gint64 id;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_INSERT_TEMPLATE, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, td->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, td->body, -1, SQLITE_STATIC);
  if (td->category != NULL)
    sqlite3_bind_text (stmt, 3, td->category, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_write_error (error, db, rc);
      return NULL;
    }

  id = sqlite3_last_insert_rowid (db);
  return get_template (self, db, id, error);
}

static gpointer
update_template_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TemplateData *td = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_UPDATE_TEMPLATE, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, td->id);
  sqlite3_bind_text (stmt, 2, td->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, td->body, -1, SQLITE_STATIC);
  if (td->category != NULL)
    sqlite3_bind_text (stmt, 4, td->category, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_write_error (error, db, rc);
      return NULL;
    }

  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error);
      return NULL;
    }

  g_clear_pointer (&stmt, _liaison_store_stmt_release);
  return get_template (self, db, td->id, error);
}

static gpointer
delete_template_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TemplateData *td = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_DELETE_TEMPLATE, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, td->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_write_error (error, db, rc);
      return NULL;
    }

  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static void
no_free (gpointer data)
{
}

void
liaison_store_list_templates_async (LiaisonStore        *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_templates_async);
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, list_templates_work,
                         NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_templates_finish (LiaisonStore  *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_list_templates_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_store_get_template_async (LiaisonStore        *store,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  TemplateData *td;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_template_async);

  td = g_new0 (TemplateData, 1);
  td->id = id;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, get_template_work,
                         td, template_data_free, g_object_unref);
}

LiaisonTemplate *
liaison_store_get_template_finish (LiaisonStore  *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_get_template_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Checks and copies the fields for add and update; NULL with @error. */
static TemplateData *
template_data_new (gint64       id,
                   const char  *name,
                   const char  *body,
                   const char  *category,
                   GError     **error)
{
  g_autofree char *stripped_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *stripped_category = g_strstrip (g_strdup (category != NULL ? category : ""));
  TemplateData *td;

  if (*stripped_name == '\0')
    {
      g_set_error_literal (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_INVALID,
                           _("A template needs a name."));
      return NULL;
    }

  if (body == NULL || *body == '\0' || !g_utf8_validate (body, -1, NULL) ||
      !g_utf8_validate (stripped_name, -1, NULL))
    {
      g_set_error_literal (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_INVALID,
                           _("A template needs some text."));
      return NULL;
    }

  if (!liaison_template_check_body (body, error))
    return NULL;

  td = g_new0 (TemplateData, 1);
  td->id = id;
  td->name = g_steal_pointer (&stripped_name);
  td->body = g_strdup (body);
  td->category = *stripped_category != '\0' ? g_steal_pointer (&stripped_category) : NULL;

  return td;
}

void
liaison_store_add_template_async (LiaisonStore        *store,
                                  const char          *name,
                                  const char          *body,
                                  const char          *category,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  TemplateData *td;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_add_template_async);

  td = template_data_new (0, name, body, category, &error);
  if (td == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, add_template_work,
                         td, template_data_free, g_object_unref);
}

LiaisonTemplate *
liaison_store_add_template_finish (LiaisonStore  *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_add_template_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_store_update_template_async (LiaisonStore        *store,
                                     gint64               id,
                                     const char          *name,
                                     const char          *body,
                                     const char          *category,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  TemplateData *td;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_update_template_async);

  td = template_data_new (id, name, body, category, &error);
  if (td == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, update_template_work,
                         td, template_data_free, g_object_unref);
}

LiaisonTemplate *
liaison_store_update_template_finish (LiaisonStore  *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_update_template_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_store_delete_template_async (LiaisonStore        *store,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  TemplateData *td;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_delete_template_async);

  td = g_new0 (TemplateData, 1);
  td->id = id;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, delete_template_work,
                         td, template_data_free, no_free);
}

gboolean
liaison_store_delete_template_finish (LiaisonStore  *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_delete_template_async, FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}
