/* liaison-openapi.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-openapi"

#include "config.h"

#include "liaison-openapi.h"

#include <string.h>

/* Deeper than any of Twilio's schemas; stops a $ref cycle. */
#define MAX_DEPTH 64

typedef struct {
  char       *path;        /* "/2010-04-01/Accounts/{Sid}.json" */
  JsonObject *item;        /* the Path Item object, owned by the parser's tree */
  GRegex     *regex;       /* the path with each {Name} as one capturing group */
  GStrv       names;       /* the parameters' names, in the order of the groups */
  guint       n_literal;   /* characters outside {…}: the more, the more specific */
} PathTemplate;

struct _LiaisonOpenApi {
  JsonParser *parser;
  JsonNode   *root;
  GPtrArray  *templates;   /* PathTemplate */
  GHashTable *patterns;    /* pattern string → GRegex, NULL for one that does not compile */
};

typedef struct {
  char *name;
  char *value;
} Param;

static void
path_template_free (gpointer data)
{
  PathTemplate *template = data;

  g_free (template->path);
  g_clear_pointer (&template->regex, g_regex_unref);
  g_strfreev (template->names);
  g_free (template);
}

/* Report */

LiaisonOpenApiReport *
liaison_openapi_report_new (void)
{
  LiaisonOpenApiReport *report = g_new0 (LiaisonOpenApiReport, 1);

  report->errors = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
liaison_openapi_report_free (LiaisonOpenApiReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->errors);
  g_ptr_array_unref (report->warnings);
  g_clear_pointer (&report->documented_nulls, g_hash_table_unref);
  g_free (report);
}

char *
liaison_openapi_report_to_string (LiaisonOpenApiReport *report)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < report->errors->len; i++)
    {
      g_string_append (str, g_ptr_array_index (report->errors, i));
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

gboolean
liaison_openapi_report_has_error (LiaisonOpenApiReport *report,
                                  const char           *needle)
{
  for (guint i = 0; i < report->errors->len; i++)
    {
      if (strstr (g_ptr_array_index (report->errors, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

G_GNUC_PRINTF (2, 3)
static void
add_error (LiaisonOpenApiReport *report,
           const char           *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->errors, g_strdup_vprintf (format, args));
  va_end (args);
}

G_GNUC_PRINTF (2, 3)
static void
add_warning (LiaisonOpenApiReport *report,
             const char           *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Loading */

static PathTemplate *
path_template_new (const char *path,
                   JsonObject *item)
{
  PathTemplate *template = g_new0 (PathTemplate, 1);
  g_autoptr(GString) regex = g_string_new ("^");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *p = path;

  template->path = g_strdup (path);
  template->item = item;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close = open != NULL ? strchr (open, '}') : NULL;
      g_autofree char *literal = NULL;
      g_autofree char *escaped = NULL;

      if (open == NULL || close == NULL)
        {
          escaped = g_regex_escape_string (p, -1);
          g_string_append (regex, escaped);
          template->n_literal += strlen (p);
          break;
        }

      literal = g_strndup (p, open - p);
      escaped = g_regex_escape_string (literal, -1);
      g_string_append (regex, escaped);
      template->n_literal += strlen (literal);

      /* A path parameter is one segment, or part of one ("{Sid}.json"). */
      g_string_append (regex, "([^/]+)");
      {
        g_autofree char *name = g_strndup (open + 1, close - open - 1);

        g_strv_builder_add (names, name);
      }
      p = close + 1;
    }

  g_string_append_c (regex, '$');
  template->regex = g_regex_new (regex->str, G_REGEX_OPTIMIZE, 0, NULL);
  template->names = g_strv_builder_end (names);

  if (template->regex == NULL)
    {
      path_template_free (template);
      return NULL;
    }

  return template;
}

LiaisonOpenApi *
liaison_openapi_new_from_file (const char  *filename,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  LiaisonOpenApi *self;
  JsonObject *root;
  JsonObject *paths;
  JsonObjectIter iter;
  const char *path;
  JsonNode *item;

  if (!json_parser_load_from_file (parser, filename, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not a JSON object", filename);
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "openapi")
      || !g_str_has_prefix (json_object_get_string_member_with_default (root, "openapi", ""), "3.")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "paths")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not an OpenAPI 3 document with paths", filename);
      return NULL;
    }

  self = g_new0 (LiaisonOpenApi, 1);
  self->parser = g_steal_pointer (&parser);
  self->root = json_parser_get_root (self->parser);
  self->templates = g_ptr_array_new_with_free_func (path_template_free);
  self->patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_regex_unref);

  paths = json_object_get_object_member (root, "paths");
  json_object_iter_init (&iter, paths);
  while (json_object_iter_next (&iter, &path, &item))
    {
      PathTemplate *template;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;

      template = path_template_new (path, json_node_get_object (item));
      if (template == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: cannot read the path template %s", filename, path);
          liaison_openapi_free (self);
          return NULL;
        }
      g_ptr_array_add (self->templates, template);
    }

  return self;
}

void
liaison_openapi_free (LiaisonOpenApi *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->templates);
  g_hash_table_unref (self->patterns);
  g_object_unref (self->parser);
  g_free (self);
}

/* JSON pointers and $ref */

static const char *
get_string (JsonObject *object,
            const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

static JsonNode *
resolve_pointer (LiaisonOpenApi *self,
                 const char     *pointer)
{
  g_auto(GStrv) tokens = NULL;
  JsonNode *node = self->root;

  if (!g_str_has_prefix (pointer, "#"))
    return NULL;   /* Only references inside the document. */

  pointer++;
  if (*pointer == '\0')
    return node;
  if (*pointer != '/')
    return NULL;

  tokens = g_strsplit (pointer + 1, "/", -1);
  for (guint i = 0; tokens[i] != NULL && node != NULL; i++)
    {
      g_autofree char *unescaped = g_uri_unescape_string (tokens[i], NULL);
      g_autoptr(GString) token = g_string_new (unescaped != NULL ? unescaped : tokens[i]);

      /* RFC 6901: "~1" is "/", then "~0" is "~". */
      g_string_replace (token, "~1", "/", 0);
      g_string_replace (token, "~0", "~", 0);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          node = json_object_get_member (object, token->str);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index;

          if (!g_ascii_string_to_unsigned (token->str, 10, 0, G_MAXUINT, &index, NULL)
              || index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
        }
      else
        {
          return NULL;
        }
    }

  return node;
}

/* Follows $ref until a schema (or parameter, response…) that is not one.
 * Returns NULL, with an error, for a reference that leads nowhere. */
static JsonObject *
resolve_object (LiaisonOpenApi       *self,
                JsonNode             *node,
                const char           *where,
                LiaisonOpenApiReport *report)
{
  for (guint i = 0; i < MAX_DEPTH; i++)
    {
      JsonObject *object;
      const char *ref;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          add_error (report, "%s: the document's schema is not an object", where);
          return NULL;
        }

      object = json_node_get_object (node);
      ref = get_string (object, "$ref");
      if (ref == NULL)
        return object;

      node = resolve_pointer (self, ref);
      if (node == NULL)
        {
          add_error (report, "%s: the document's $ref %s leads nowhere", where, ref);
          return NULL;
        }
    }

  add_error (report, "%s: the document's $ref chain is too long", where);
  return NULL;
}

/* Strings and their formats */

static GRegex *
get_pattern (LiaisonOpenApi *self,
             const char     *pattern)
{
  GRegex *regex = g_hash_table_lookup (self->patterns, pattern);

  if (regex == NULL && !g_hash_table_contains (self->patterns, pattern))
    {
      /* OpenAPI patterns are ECMA-262; Twilio's are plain enough for PCRE. */
      regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_hash_table_insert (self->patterns, g_strdup (pattern), regex);
    }

  return regex;
}

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char * const day_names[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static gboolean
parse_digits (const char **p,
              guint        min_digits,
              guint        max_digits,
              int         *out)
{
  guint n = 0;
  int value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }

  if (n < min_digits)
    return FALSE;

  *p += n;
  *out = value;
  return TRUE;
}

/* RFC 2822 §3.3 date-time, as Twilio writes it: "Thu, 30 Jul 2015 20:00:00 +0000".
 * The day name is optional but must match the date when given; the seconds are
 * optional; the zone is ±hhmm or the obsolete "GMT"/"UT". */
static gboolean
is_rfc2822_date_time (const char *value)
{
  g_autoptr(GDateTime) date_time = NULL;
  const char *p = value;
  int weekday = 0;
  int day, month = 0, year, hour, minute, second = 0;

  for (guint i = 0; i < G_N_ELEMENTS (day_names); i++)
    {
      if (g_str_has_prefix (p, day_names[i]) && p[3] == ',')
        {
          weekday = i + 1;
          p += 4;
          break;
        }
    }

  while (*p == ' ')
    p++;
  if (!parse_digits (&p, 1, 2, &day) || *p++ != ' ')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if (g_str_has_prefix (p, month_names[i]))
        month = i + 1;
    }
  if (month == 0)
    return FALSE;
  p += 3;

  if (*p++ != ' ' || !parse_digits (&p, 4, 4, &year) || *p++ != ' ')
    return FALSE;
  if (!parse_digits (&p, 2, 2, &hour) || *p++ != ':' || !parse_digits (&p, 2, 2, &minute))
    return FALSE;
  if (*p == ':' && (p++, !parse_digits (&p, 2, 2, &second)))
    return FALSE;
  if (*p++ != ' ')
    return FALSE;

  if (*p == '+' || *p == '-')
    {
      int zone;

      p++;
      if (!parse_digits (&p, 4, 4, &zone) || zone % 100 >= 60)
        return FALSE;
    }
  else if (g_str_equal (p, "GMT") || g_str_equal (p, "UT"))
    {
      p += strlen (p);
    }
  else
    {
      return FALSE;
    }

  if (*p != '\0' || hour > 23 || minute > 59 || second > 60)
    return FALSE;

  date_time = g_date_time_new_utc (year, month, day, hour, minute, MIN (second, 59));
  if (date_time == NULL)
    return FALSE;

  return weekday == 0 || g_date_time_get_day_of_week (date_time) == weekday;
}

/* RFC 3339 full-date: "2015-07-30". */
static gboolean
is_date (const char *value)
{
  const char *p = value;
  int year, month, day;

  if (!parse_digits (&p, 4, 4, &year) || *p++ != '-'
      || !parse_digits (&p, 2, 2, &month) || *p++ != '-'
      || !parse_digits (&p, 2, 2, &day) || *p != '\0')
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}

/* ISO 8601 date and time with a time zone: "2015-07-30T20:00:00Z". */
static gboolean
is_iso8601_date_time (const char *value)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (strlen (value) < 11 || value[10] != 'T' || !g_ascii_isdigit (value[0]))
    return FALSE;

  date_time = g_date_time_new_from_iso8601 (value, NULL);
  return date_time != NULL;
}

/* An absolute URI, or a reference relative to the API's host ("/2010-04-01/…"),
 * which is how Twilio writes `uri` fields. */
static gboolean
is_uri (const char *value)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;

  if (*value == '\0')
    return FALSE;

  if (g_uri_is_valid (value, G_URI_FLAGS_NONE, NULL))
    return TRUE;

  if (value[0] != '/' || value[1] == '/')
    return FALSE;

  base = g_uri_parse ("https://api.twilio.com", G_URI_FLAGS_NONE, NULL);
  uri = g_uri_parse_relative (base, value, G_URI_FLAGS_NONE, NULL);
  return uri != NULL;
}

static gboolean
is_http_method (const char *value)
{
  static const char * const methods[] = {
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
  };

  return g_strv_contains ((const char * const *) methods, value);
}

static gboolean
is_letters (const char *value,
            guint       n,
            gboolean    upper_only)
{
  if (strlen (value) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (upper_only ? !g_ascii_isupper (value[i]) : !g_ascii_isalpha (value[i]))
        return FALSE;
    }

  return TRUE;
}

/* Checks what a string's schema says of it. In a request, date-time
 * parameters are Twilio's date filters, which also take "YYYY-MM-DD". */
static void
check_string (LiaisonOpenApi       *self,
              JsonObject           *schema,
              const char           *value,
              gboolean              in_request,
              const char           *where,
              LiaisonOpenApiReport *report)
{
  const char *format = get_string (schema, "format");
  const char *pattern = get_string (schema, "pattern");
  glong length = g_utf8_strlen (value, -1);

  if (!g_utf8_validate (value, -1, NULL))
    {
      add_error (report, "%s: not valid UTF-8", where);
      return;
    }

  if (json_object_has_member (schema, "minLength")
      && length < json_object_get_int_member (schema, "minLength"))
    add_error (report, "%s: \"%s\" is shorter than %" G_GINT64_FORMAT " characters",
               where, value, json_object_get_int_member (schema, "minLength"));

  if (json_object_has_member (schema, "maxLength")
      && length > json_object_get_int_member (schema, "maxLength"))
    add_error (report, "%s: \"%s\" is longer than %" G_GINT64_FORMAT " characters",
               where, value, json_object_get_int_member (schema, "maxLength"));

  if (pattern != NULL)
    {
      GRegex *regex = get_pattern (self, pattern);

      if (regex == NULL)
        add_error (report, "%s: the document's pattern %s does not compile", where, pattern);
      else if (!g_regex_match (regex, value, 0, NULL))
        add_error (report, "%s: \"%s\" does not match the pattern %s", where, value, pattern);
    }

  if (format == NULL)
    return;

  if (g_str_equal (format, "date-time-rfc-2822"))
    {
      if (!is_rfc2822_date_time (value))
        add_error (report, "%s: \"%s\" is not an RFC 2822 date-time", where, value);
    }
  else if (g_str_equal (format, "date-time"))
    {
      if (!is_iso8601_date_time (value) && !(in_request && is_date (value)))
        add_error (report, "%s: \"%s\" is not an ISO 8601 date-time", where, value);
    }
  else if (g_str_equal (format, "date"))
    {
      if (!is_date (value))
        add_error (report, "%s: \"%s\" is not a date (YYYY-MM-DD)", where, value);
    }
  else if (g_str_equal (format, "uri"))
    {
      if (!is_uri (value))
        add_error (report, "%s: \"%s\" is not a URI", where, value);
    }
  else if (g_str_equal (format, "http-method"))
    {
      if (!is_http_method (value))
        add_error (report, "%s: \"%s\" is not an HTTP method", where, value);
    }
  else if (g_str_equal (format, "currency"))
    {
      if (!is_letters (value, 3, FALSE))
        add_error (report, "%s: \"%s\" is not a currency code", where, value);
    }
  else if (g_str_equal (format, "iso-country-code"))
    {
      if (!is_letters (value, 2, TRUE))
        add_error (report, "%s: \"%s\" is not an ISO country code", where, value);
    }
}

static void
check_enum (JsonObject           *schema,
            JsonNode             *value,
            const char           *where,
            LiaisonOpenApiReport *report)
{
  JsonArray *values;
  g_autoptr(GString) allowed = NULL;

  if (!json_object_has_member (schema, "enum")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (schema, "enum")))
    return;

  values = json_object_get_array_member (schema, "enum");
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      if (json_node_equal (json_array_get_element (values, i), value))
        return;
    }

  allowed = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      g_autofree char *text = json_to_string (json_array_get_element (values, i), FALSE);

      g_string_append_printf (allowed, "%s%s", i > 0 ? ", " : "", text);
    }

  {
    g_autofree char *text = json_to_string (value, FALSE);

    add_error (report, "%s: %s is not one of the allowed values (%s)", where, text, allowed->str);
  }
}

static void
check_range (JsonObject           *schema,
             double                value,
             const char           *where,
             LiaisonOpenApiReport *report)
{
  if (json_object_has_member (schema, "minimum")
      && value < json_object_get_double_member (schema, "minimum"))
    add_error (report, "%s: %g is below the minimum %g",
               where, value, json_object_get_double_member (schema, "minimum"));

  if (json_object_has_member (schema, "maximum")
      && value > json_object_get_double_member (schema, "maximum"))
    add_error (report, "%s: %g is above the maximum %g",
               where, value, json_object_get_double_member (schema, "maximum"));
}

/* JSON values */

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return "integer";
    case G_TYPE_DOUBLE:
      return "number";
    case G_TYPE_BOOLEAN:
      return "boolean";
    case G_TYPE_STRING:
      return "string";
    default:
      return "unknown";
    }
}

static gboolean
type_matches (const char *type,
              JsonNode   *node)
{
  const char *actual = node_type_name (node);

  if (g_str_equal (type, actual))
    return TRUE;

  /* An integer is a number too. */
  return g_str_equal (type, "number") && g_str_equal (actual, "integer");
}

static void validate_node (LiaisonOpenApi       *self,
                           JsonNode             *schema_node,
                           JsonNode             *value,
                           const char           *where,
                           guint                 depth,
                           LiaisonOpenApiReport *report);

static char *
member_where (const char *where,
              const char *name)
{
  return g_strdup_printf ("%s.%s", where, name);
}

/* Adds to @nulls the places ("$.a.b[0].c", as the checker names them) where
 * @value holds null. */
static void
collect_nulls (JsonNode   *value,
               const char *where,
               GHashTable *nulls)
{
  if (value == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (value))
    {
      g_hash_table_add (nulls, g_strdup (where));
    }
  else if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (value));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *member_path = member_where (where, name);

          collect_nulls (member, member_path, nulls);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", where, i);

          collect_nulls (json_array_get_element (array, i), item_path, nulls);
        }
    }
}

/* The nulls of a media type's "example" and every "examples" value. */
static void
collect_example_nulls (JsonObject *media,
                       GHashTable *nulls)
{
  if (json_object_has_member (media, "example"))
    collect_nulls (json_object_get_member (media, "example"), "$", nulls);
  if (json_object_has_member (media, "examples")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (media, "examples")))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *example;

      json_object_iter_init (&iter, json_object_get_object_member (media, "examples"));
      while (json_object_iter_next (&iter, &name, &example))
        if (JSON_NODE_HOLDS_OBJECT (example))
          collect_nulls (json_object_get_member (json_node_get_object (example), "value"), "$", nulls);
    }
}

static void
validate_object (LiaisonOpenApi       *self,
                 JsonObject           *schema,
                 JsonObject           *object,
                 const char           *where,
                 guint                 depth,
                 LiaisonOpenApiReport *report)
{
  JsonObject *properties = NULL;
  JsonNode *additional = json_object_get_member (schema, "additionalProperties");
  const char *format = get_string (schema, "format");
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (json_object_has_member (schema, "properties")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (schema, "properties")))
    properties = json_object_get_object_member (schema, "properties");

  if (json_object_has_member (schema, "required")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (schema, "required")))
    {
      JsonArray *required = json_object_get_array_member (schema, "required");

      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          const char *required_name = json_array_get_string_element (required, i);

          if (required_name != NULL && !json_object_has_member (object, required_name))
            add_error (report, "%s: missing required property \"%s\"", where, required_name);
        }
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *member_path = member_where (where, name);

      if (properties != NULL && json_object_has_member (properties, name))
        {
          validate_node (self, json_object_get_member (properties, name), member,
                         member_path, depth + 1, report);
        }
      else if (additional != NULL && JSON_NODE_HOLDS_OBJECT (additional))
        {
          validate_node (self, additional, member, member_path, depth + 1, report);
        }
      else if (additional != NULL && JSON_NODE_HOLDS_VALUE (additional)
               && json_node_get_value_type (additional) == G_TYPE_BOOLEAN
               && !json_node_get_boolean (additional))
        {
          add_error (report, "%s: property not allowed by the document", member_path);
        }
      else if (g_strcmp0 (format, "uri-map") == 0)
        {
          /* Twilio's subresource_uris: a map of names to URIs. */
          report->n_values++;
          if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
            add_error (report, "%s: expected string, got %s", member_path, node_type_name (member));
          else if (!is_uri (json_node_get_string (member)))
            add_error (report, "%s: \"%s\" is not a URI",
                       member_path, json_node_get_string (member));
        }
      else if (properties != NULL)
        {
          /* Twilio adds fields before its documents catch up. */
          add_warning (report, "%s: property not in the document", member_path);
        }
    }
}

static void
validate_array (LiaisonOpenApi       *self,
                JsonObject           *schema,
                JsonArray            *array,
                const char           *where,
                guint                 depth,
                LiaisonOpenApiReport *report)
{
  JsonNode *items = json_object_get_member (schema, "items");
  guint length = json_array_get_length (array);

  if (json_object_has_member (schema, "minItems")
      && length < json_object_get_int_member (schema, "minItems"))
    add_error (report, "%s: fewer than %" G_GINT64_FORMAT " items",
               where, json_object_get_int_member (schema, "minItems"));

  if (json_object_has_member (schema, "maxItems")
      && length > json_object_get_int_member (schema, "maxItems"))
    add_error (report, "%s: more than %" G_GINT64_FORMAT " items",
               where, json_object_get_int_member (schema, "maxItems"));

  if (items == NULL)
    return;

  for (guint i = 0; i < length; i++)
    {
      g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);

      validate_node (self, items, json_array_get_element (array, i), item_where, depth + 1, report);
    }
}

/* allOf: every one; anyOf: at least one; oneOf: exactly one. */
static void
validate_combination (LiaisonOpenApi       *self,
                      JsonObject           *schema,
                      JsonNode             *value,
                      const char           *where,
                      guint                 depth,
                      LiaisonOpenApiReport *report)
{
  static const char * const keywords[] = { "allOf", "anyOf", "oneOf" };

  for (guint k = 0; k < G_N_ELEMENTS (keywords); k++)
    {
      JsonArray *schemas;
      guint n_valid = 0;

      if (!json_object_has_member (schema, keywords[k])
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (schema, keywords[k])))
        continue;

      schemas = json_object_get_array_member (schema, keywords[k]);
      for (guint i = 0; i < json_array_get_length (schemas); i++)
        {
          g_autoptr(LiaisonOpenApiReport) sub = liaison_openapi_report_new ();

          validate_node (self, json_array_get_element (schemas, i), value, where, depth + 1, sub);
          report->n_values += sub->n_values;
          if (sub->errors->len == 0)
            n_valid++;

          /* allOf: every failure counts. */
          for (guint e = 0; k == 0 && e < sub->errors->len; e++)
            add_error (report, "%s", (const char *) g_ptr_array_index (sub->errors, e));
        }

      if (k == 1 && n_valid == 0)
        add_error (report, "%s: matches none of the anyOf schemas", where);
      else if (k == 2 && n_valid != 1)
        add_error (report, "%s: matches %u of the oneOf schemas instead of one", where, n_valid);
    }
}

static void
validate_node (LiaisonOpenApi       *self,
               JsonNode             *schema_node,
               JsonNode             *value,
               const char           *where,
               guint                 depth,
               LiaisonOpenApiReport *report)
{
  JsonObject *schema;
  const char *type;

  if (depth > MAX_DEPTH)
    {
      add_error (report, "%s: the document's schemas nest too deeply", where);
      return;
    }

  schema = resolve_object (self, schema_node, where, report);
  if (schema == NULL)
    return;

  report->n_values++;
  type = get_string (schema, "type");
  if (type == NULL && json_object_has_member (schema, "properties"))
    type = "object";

  if (JSON_NODE_HOLDS_NULL (value))
    {
      /* Some documents (Lookup v2) declare objects that their own examples
       * answer with null: a warning there, an error anywhere else. */
      if (!json_object_get_boolean_member_with_default (schema, "nullable", FALSE)
          && type != NULL && report->documented_nulls != NULL
          && g_hash_table_contains (report->documented_nulls, where))
        add_warning (report, "%s: null as in the document's examples, though the schema says %s",
                     where, type);
      else if (!json_object_get_boolean_member_with_default (schema, "nullable", FALSE)
               && type != NULL)
        add_error (report, "%s: expected %s, got null", where, type);
      return;
    }

  if (type != NULL && !type_matches (type, value))
    {
      add_error (report, "%s: expected %s, got %s", where, type, node_type_name (value));
      return;
    }

  check_enum (schema, value, where, report);
  validate_combination (self, schema, value, where, depth, report);

  switch (JSON_NODE_TYPE (value))
    {
    case JSON_NODE_OBJECT:
      validate_object (self, schema, json_node_get_object (value), where, depth, report);
      break;

    case JSON_NODE_ARRAY:
      validate_array (self, schema, json_node_get_array (value), where, depth, report);
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        {
          check_string (self, schema, json_node_get_string (value), FALSE, where, report);
        }
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        {
          gint64 number = json_node_get_int (value);

          if (g_strcmp0 (get_string (schema, "format"),
                         "int32") == 0
              && (number < G_MININT32 || number > G_MAXINT32))
            add_error (report, "%s: %" G_GINT64_FORMAT " is out of the int32 range", where, number);
          check_range (schema, number, where, report);
        }
      else if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
        {
          check_range (schema, json_node_get_double (value), where, report);
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

gboolean
liaison_openapi_validate_value (LiaisonOpenApi       *self,
                                const char           *schema_pointer,
                                JsonNode             *value,
                                const char           *where,
                                LiaisonOpenApiReport *report)
{
  guint n_errors = report->errors->len;
  JsonNode *schema = resolve_pointer (self, schema_pointer);

  if (schema == NULL)
    add_error (report, "%s: no schema at %s in the document", where, schema_pointer);
  else
    validate_node (self, schema, value, where, 0, report);

  return report->errors->len == n_errors;
}

/* Operations */

static JsonObject *
find_operation (LiaisonOpenApi       *self,
                const char           *method,
                const char           *path,
                const PathTemplate  **out_template,
                GMatchInfo          **out_match,
                LiaisonOpenApiReport *report)
{
  g_autofree char *key = g_ascii_strdown (method, -1);
  const PathTemplate *best = NULL;
  const PathTemplate *other_method = NULL;
  g_autoptr(GMatchInfo) best_match = NULL;

  for (guint i = 0; i < self->templates->len; i++)
    {
      const PathTemplate *template = g_ptr_array_index (self->templates, i);
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_regex_match (template->regex, path, 0, &match))
        continue;

      if (!json_object_has_member (template->item, key))
        {
          other_method = template;
          continue;
        }

      /* "/Calls/FeedbackSummary.json" before "/Calls/{Sid}.json". */
      if (best == NULL || template->n_literal > best->n_literal)
        {
          best = template;
          g_clear_pointer (&best_match, g_match_info_free);
          best_match = g_steal_pointer (&match);
        }
    }

  if (best == NULL)
    {
      if (other_method != NULL)
        add_error (report, "%s %s: the document's %s has no %s operation",
                   method, path, other_method->path, method);
      else
        add_error (report, "%s %s: no path of the document matches", method, path);
      return NULL;
    }

  if (out_template != NULL)
    *out_template = best;
  if (out_match != NULL)
    *out_match = g_steal_pointer (&best_match);

  return json_object_get_object_member (best->item, key);
}

/* The parameters of the path item and of the operation, the latter winning. */
static GPtrArray *
collect_parameters (LiaisonOpenApi       *self,
                    const PathTemplate   *template,
                    JsonObject           *operation,
                    LiaisonOpenApiReport *report)
{
  GPtrArray *parameters = g_ptr_array_new ();
  JsonObject *holders[] = { template->item, operation };

  for (guint h = 0; h < G_N_ELEMENTS (holders); h++)
    {
      JsonArray *array;

      if (!json_object_has_member (holders[h], "parameters")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (holders[h], "parameters")))
        continue;

      array = json_object_get_array_member (holders[h], "parameters");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *parameter = resolve_object (self, json_array_get_element (array, i),
                                                  template->path, report);
          const char *name;
          const char *in;

          if (parameter == NULL)
            continue;

          name = json_object_get_string_member_with_default (parameter, "name", "");
          in = json_object_get_string_member_with_default (parameter, "in", "");
          for (guint j = 0; j < parameters->len; j++)
            {
              JsonObject *earlier = g_ptr_array_index (parameters, j);

              if (g_strcmp0 (name, get_string (earlier, "name")) == 0
                  && g_strcmp0 (in, get_string (earlier, "in")) == 0)
                {
                  g_ptr_array_remove_index (parameters, j);
                  break;
                }
            }
          g_ptr_array_add (parameters, parameter);
        }
    }

  return parameters;
}

static JsonObject *
find_parameter (GPtrArray  *parameters,
                const char *in,
                const char *name)
{
  for (guint i = 0; i < parameters->len; i++)
    {
      JsonObject *parameter = g_ptr_array_index (parameters, i);

      if (g_strcmp0 (get_string (parameter, "in"), in) == 0
          && g_strcmp0 (get_string (parameter, "name"), name) == 0)
        return parameter;
    }

  return NULL;
}

/* Checks one text value of a parameter (path, query or form) against its
 * schema: the text is read as the schema's type says. */
static void
validate_text (LiaisonOpenApi       *self,
               JsonNode             *schema_node,
               const char           *value,
               const char           *where,
               LiaisonOpenApiReport *report)
{
  JsonObject *schema = resolve_object (self, schema_node, where, report);
  const char *type;

  if (schema == NULL)
    return;

  type = json_object_get_string_member_with_default (schema, "type", "string");
  if (g_str_equal (type, "array"))
    {
      /* A list is the same key repeated: each value is one item. */
      if (json_object_has_member (schema, "items"))
        validate_text (self, json_object_get_member (schema, "items"), value, where, report);
      return;
    }

  report->n_values++;
  if (g_str_equal (type, "integer"))
    {
      gint64 number;
      g_autoptr(JsonNode) node = NULL;

      if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          add_error (report, "%s: \"%s\" is not an integer", where, value);
          return;
        }
      node = json_node_init_int (json_node_alloc (), number);
      check_enum (schema, node, where, report);
      check_range (schema, number, where, report);
    }
  else if (g_str_equal (type, "number"))
    {
      char *end = NULL;
      double number = g_ascii_strtod (value, &end);

      if (*value == '\0' || end == NULL || *end != '\0')
        {
          add_error (report, "%s: \"%s\" is not a number", where, value);
          return;
        }
      check_range (schema, number, where, report);
    }
  else if (g_str_equal (type, "boolean"))
    {
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        add_error (report, "%s: \"%s\" is not true or false", where, value);
    }
  else if (g_str_equal (type, "string"))
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

      check_enum (schema, node, where, report);
      check_string (self, schema, value, TRUE, where, report);
    }
  /* "object" parameters are JSON text in a form field (TWILIO.md §1.3): not read. */
}

static void
param_clear (gpointer data)
{
  Param *param = data;

  g_free (param->name);
  g_free (param->value);
}

/* "a=1&b=x%20y" into name/value pairs, both unescaped, "+" being a space. */
static GArray *
parse_form (const char           *text,
            const char           *what,
            LiaisonOpenApiReport *report)
{
  GArray *params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_auto(GStrv) parts = NULL;

  g_array_set_clear_func (params, param_clear);
  if (text == NULL || *text == '\0')
    return params;

  parts = g_strsplit (text, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GString) raw = g_string_new (parts[i]);
      const char *equals;
      char *name;
      char *value;
      Param param;

      if (raw->len == 0)
        continue;

      g_string_replace (raw, "+", " ", 0);
      equals = strchr (raw->str, '=');
      if (equals == NULL)
        {
          name = g_uri_unescape_string (raw->str, NULL);
          value = g_strdup ("");
        }
      else
        {
          g_autofree char *raw_name = g_strndup (raw->str, equals - raw->str);

          name = g_uri_unescape_string (raw_name, NULL);
          value = g_uri_unescape_string (equals + 1, NULL);
        }

      if (name == NULL || value == NULL)
        {
          add_error (report, "%s: \"%s\" is not valid URL encoding", what, parts[i]);
          g_free (name);
          g_free (value);
          continue;
        }

      param.name = name;
      param.value = value;
      g_array_append_val (params, param);
    }

  return params;
}

static guint
count_param (GArray     *params,
             const char *name)
{
  guint n = 0;

  for (guint i = 0; i < params->len; i++)
    {
      if (g_str_equal (g_array_index (params, Param, i).name, name))
        n++;
    }

  return n;
}

static gboolean
first_of_name (GArray *params,
               guint   index)
{
  const char *name = g_array_index (params, Param, index).name;

  for (guint i = 0; i < index; i++)
    {
      if (g_str_equal (g_array_index (params, Param, i).name, name))
        return FALSE;
    }

  return TRUE;
}

/* Finds the operation and checks its path parameters. */
static JsonObject *
find_and_check_path (LiaisonOpenApi        *self,
                     const char            *method,
                     const char            *path,
                     const PathTemplate   **out_template,
                     GPtrArray            **out_parameters,
                     LiaisonOpenApiReport  *report)
{
  const PathTemplate *template = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GPtrArray) parameters = NULL;
  JsonObject *operation;

  operation = find_operation (self, method, path, &template, &match, report);
  if (operation == NULL)
    return NULL;

  parameters = collect_parameters (self, template, operation, report);
  for (guint i = 0; template->names[i] != NULL; i++)
    {
      g_autofree char *raw = g_match_info_fetch (match, i + 1);
      g_autofree char *value = g_uri_unescape_string (raw, NULL);
      g_autofree char *where = g_strdup_printf ("%s %s: path parameter %s",
                                                method, template->path, template->names[i]);
      JsonObject *parameter = find_parameter (parameters, "path", template->names[i]);

      if (value == NULL)
        add_error (report, "%s: \"%s\" is not valid URL encoding", where, raw);
      else if (parameter == NULL)
        add_error (report, "%s: not declared by the operation", where);
      else if (json_object_has_member (parameter, "schema"))
        validate_text (self, json_object_get_member (parameter, "schema"), value, where, report);
    }

  *out_template = template;
  *out_parameters = g_steal_pointer (&parameters);
  return operation;
}

const char *
liaison_openapi_find_operation (LiaisonOpenApi       *self,
                                const char           *method,
                                const char           *path,
                                LiaisonOpenApiReport *report)
{
  const PathTemplate *template = NULL;
  g_autoptr(GPtrArray) parameters = NULL;
  g_autofree char *bare = g_strndup (path, strcspn (path, "?"));

  if (find_and_check_path (self, method, bare, &template, &parameters, report) == NULL)
    return NULL;

  return template->path;
}

static JsonObject *
form_schema (LiaisonOpenApi       *self,
             JsonObject           *operation,
             const char           *where,
             LiaisonOpenApiReport *report)
{
  JsonObject *body;
  JsonObject *content;
  JsonObject *media;

  if (!json_object_has_member (operation, "requestBody"))
    return NULL;

  body = resolve_object (self, json_object_get_member (operation, "requestBody"), where, report);
  if (body == NULL || !json_object_has_member (body, "content"))
    return NULL;

  content = json_object_get_object_member (body, "content");
  if (content == NULL || !json_object_has_member (content, "application/x-www-form-urlencoded"))
    return NULL;

  media = json_object_get_object_member (content, "application/x-www-form-urlencoded");
  if (media == NULL || !json_object_has_member (media, "schema"))
    return NULL;

  return resolve_object (self, json_object_get_member (media, "schema"), where, report);
}

static void
check_required_names (JsonArray            *required,
                      GArray               *params,
                      const char           *kind,
                      const char           *where,
                      LiaisonOpenApiReport *report)
{
  for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
    {
      const char *name = json_array_get_string_element (required, i);

      if (name != NULL && count_param (params, name) == 0)
        add_error (report, "%s: missing required %s parameter %s", where, kind, name);
    }
}

gboolean
liaison_openapi_validate_request (LiaisonOpenApi       *self,
                                  const char           *method,
                                  const char           *path_and_query,
                                  const char           *form_body,
                                  LiaisonOpenApiReport *report)
{
  guint n_errors = report->errors->len;
  const char *question = strchr (path_and_query, '?');
  g_autofree char *path = g_strndup (path_and_query, question != NULL
                                                     ? (gsize) (question - path_and_query)
                                                     : strlen (path_and_query));
  const PathTemplate *template = NULL;
  g_autoptr(GPtrArray) parameters = NULL;
  g_autoptr(GArray) query = NULL;
  g_autoptr(GArray) form = NULL;
  g_autoptr(JsonArray) required_query = json_array_new ();
  g_autofree char *where = NULL;
  JsonObject *operation;
  JsonObject *schema;

  operation = find_and_check_path (self, method, path, &template, &parameters, report);
  if (operation == NULL)
    return FALSE;

  where = g_strdup_printf ("%s %s", method, template->path);

  /* Query */
  query = parse_form (question != NULL ? question + 1 : NULL, where, report);
  for (guint i = 0; i < query->len; i++)
    {
      const Param *param = &g_array_index (query, Param, i);
      JsonObject *parameter = find_parameter (parameters, "query", param->name);
      g_autofree char *param_where = g_strdup_printf ("%s: query parameter %s", where, param->name);

      if (parameter == NULL)
        add_error (report, "%s: not declared by the operation", param_where);
      else if (json_object_has_member (parameter, "schema"))
        validate_text (self, json_object_get_member (parameter, "schema"), param->value,
                       param_where, report);
    }

  for (guint i = 0; i < parameters->len; i++)
    {
      JsonObject *parameter = g_ptr_array_index (parameters, i);

      if (g_strcmp0 (get_string (parameter, "in"), "query") == 0
          && json_object_get_boolean_member_with_default (parameter, "required", FALSE))
        json_array_add_string_element (required_query,
                                       json_object_get_string_member (parameter, "name"));
    }
  check_required_names (required_query, query, "query", where, report);

  /* Form body */
  form = parse_form (form_body, where, report);
  schema = form_schema (self, operation, where, report);
  if (schema == NULL)
    {
      if (form->len > 0)
        add_error (report, "%s: the operation takes no form body, but one was sent", where);
      return report->errors->len == n_errors;
    }

  for (guint i = 0; i < form->len; i++)
    {
      const Param *param = &g_array_index (form, Param, i);
      JsonObject *properties = NULL;
      JsonNode *property = NULL;
      g_autofree char *param_where = g_strdup_printf ("%s: form parameter %s", where, param->name);

      if (json_object_has_member (schema, "properties"))
        properties = json_object_get_object_member (schema, "properties");
      if (properties != NULL)
        property = json_object_get_member (properties, param->name);

      if (property == NULL)
        {
          add_error (report, "%s: not declared by the operation", param_where);
          continue;
        }

      validate_text (self, property, param->value, param_where, report);

      /* Only lists may repeat their key; say so once, at the first one. */
      if (count_param (form, param->name) > 1 && first_of_name (form, i))
        {
          JsonObject *resolved = resolve_object (self, property, param_where, report);

          if (resolved != NULL
              && g_strcmp0 (get_string (resolved, "type"),
                            "array") != 0)
            add_error (report, "%s: given %u times but not a list",
                       param_where, count_param (form, param->name));
        }
    }

  if (json_object_has_member (schema, "required")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (schema, "required")))
    check_required_names (json_object_get_array_member (schema, "required"), form,
                          "form", where, report);

  return report->errors->len == n_errors;
}

/* Responses */

static JsonObject *
find_response (LiaisonOpenApi       *self,
               JsonObject           *operation,
               guint                 status,
               const char           *where,
               LiaisonOpenApiReport *report)
{
  g_autofree char *exact = g_strdup_printf ("%u", status);
  g_autofree char *range = g_strdup_printf ("%uXX", status / 100);
  JsonObject *responses = NULL;
  const char *keys[] = { exact, range, "default" };
  g_autoptr(GString) documented = g_string_new (NULL);

  if (json_object_has_member (operation, "responses"))
    responses = json_object_get_object_member (operation, "responses");

  for (guint i = 0; responses != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      if (json_object_has_member (responses, keys[i]))
        return resolve_object (self, json_object_get_member (responses, keys[i]), where, report);
    }

  if (responses != NULL)
    {
      JsonObjectIter iter;
      const char *code;
      JsonNode *response;

      json_object_iter_init (&iter, responses);
      while (json_object_iter_next (&iter, &code, &response))
        g_string_append_printf (documented, "%s%s", documented->len > 0 ? ", " : "", code);
    }

  add_error (report, "%s: HTTP status %u is not documented (documented: %s)",
             where, status, documented->len > 0 ? documented->str : "none");
  return NULL;
}

gboolean
liaison_openapi_validate_response (LiaisonOpenApi       *self,
                                   const char           *method,
                                   const char           *path_and_query,
                                   guint                 status,
                                   const char           *content_type,
                                   const char           *body,
                                   gsize                 body_len,
                                   LiaisonOpenApiReport *report)
{
  guint n_errors = report->errors->len;
  const char *question = strchr (path_and_query, '?');
  g_autofree char *path = g_strndup (path_and_query, question != NULL
                                                     ? (gsize) (question - path_and_query)
                                                     : strlen (path_and_query));
  const PathTemplate *template = NULL;
  g_autoptr(GPtrArray) parameters = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *media_type = NULL;
  JsonObject *operation;
  JsonObject *response;
  JsonObject *content = NULL;
  JsonObject *media;

  operation = find_and_check_path (self, method, path, &template, &parameters, report);
  if (operation == NULL)
    return FALSE;

  where = g_strdup_printf ("%s %s, HTTP %u", method, template->path, status);
  response = find_response (self, operation, status, where, report);
  if (response == NULL)
    return FALSE;

  if (json_object_has_member (response, "content")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (response, "content")))
    content = json_object_get_object_member (response, "content");

  if (content == NULL || json_object_get_size (content) == 0)
    {
      if (body_len > 0)
        add_error (report, "%s: the document has no body for this status, but %" G_GSIZE_FORMAT
                   " bytes were sent", where, body_len);
      return report->errors->len == n_errors;
    }

  if (content_type == NULL)
    {
      add_error (report, "%s: no Content-Type", where);
      return FALSE;
    }

  media_type = g_ascii_strdown (content_type, strcspn (content_type, ";"));
  g_strstrip (media_type);
  if (!json_object_has_member (content, media_type))
    {
      add_error (report, "%s: Content-Type %s is not documented", where, media_type);
      return FALSE;
    }

  media = json_object_get_object_member (content, media_type);
  if (media == NULL || !json_object_has_member (media, "schema"))
    return report->errors->len == n_errors;

  if (!g_str_equal (media_type, "application/json") && !g_str_has_suffix (media_type, "+json"))
    return report->errors->len == n_errors;

  parser = json_parser_new_immutable ();
  if (body == NULL || body_len == 0
      || !json_parser_load_from_data (parser, body, body_len, &error))
    {
      add_error (report, "%s: the body is not JSON (%s)", where,
                 error != NULL ? error->message : "empty");
      return FALSE;
    }

  g_clear_pointer (&report->documented_nulls, g_hash_table_unref);
  report->documented_nulls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect_example_nulls (media, report->documented_nulls);
  validate_node (self, json_object_get_member (media, "schema"),
                 json_parser_get_root (parser), "$", 0, report);
  g_clear_pointer (&report->documented_nulls, g_hash_table_unref);

  return report->errors->len == n_errors;
}
