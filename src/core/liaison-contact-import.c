/* liaison-contact-import.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-import"

#include "config.h"

#include "liaison-contact-import.h"

/* What spreadsheets read as the start of a formula. */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}
#include "liaison-phone.h"

#include <glib/gi18n-lib.h>

#include <string.h>

G_DEFINE_QUARK (liaison-import-error-quark, liaison_import_error)

static const char * const kinds[] = { "lead", "prospect", "client", "referral-partner", NULL };

/* Fields */

const char *
liaison_import_field_get_label (LiaisonImportField field)
{
  switch (field)
    {
    case LIAISON_IMPORT_FIELD_IGNORE:       return _("Do Not Import");
    case LIAISON_IMPORT_FIELD_NAME:         return _("Full Name");
    case LIAISON_IMPORT_FIELD_FIRST_NAME:   return _("First Name");
    case LIAISON_IMPORT_FIELD_LAST_NAME:    return _("Last Name");
    case LIAISON_IMPORT_FIELD_COMPANY:      return _("Company");
    case LIAISON_IMPORT_FIELD_EMAIL:        return _("Email");
    case LIAISON_IMPORT_FIELD_PHONE:        return _("Phone");
    case LIAISON_IMPORT_FIELD_MOBILE_PHONE: return _("Mobile Phone");
    case LIAISON_IMPORT_FIELD_WORK_PHONE:   return _("Work Phone");
    case LIAISON_IMPORT_FIELD_HOME_PHONE:   return _("Home Phone");
    case LIAISON_IMPORT_FIELD_KIND:         return _("Type");
    case LIAISON_IMPORT_FIELD_STAGE:        return _("Stage");
    case LIAISON_IMPORT_FIELD_OWNER:        return _("Owner");
    case LIAISON_IMPORT_FIELD_TAGS:         return _("Tags");
    case LIAISON_IMPORT_FIELD_NOTES:        return _("Notes");
    case LIAISON_IMPORT_N_FIELDS:
    default:
      return NULL;
    }
}

typedef struct
{
  const char         *key;
  LiaisonImportField  field;
} HeaderMatch;

/* Headers with case, spaces and punctuation removed. */
static const HeaderMatch header_matches[] = {
  { "name", LIAISON_IMPORT_FIELD_NAME },
  { "fullname", LIAISON_IMPORT_FIELD_NAME },
  { "displayname", LIAISON_IMPORT_FIELD_NAME },
  { "contactname", LIAISON_IMPORT_FIELD_NAME },
  { "contact", LIAISON_IMPORT_FIELD_NAME },
  { "fn", LIAISON_IMPORT_FIELD_NAME },
  { "first", LIAISON_IMPORT_FIELD_FIRST_NAME },
  { "firstname", LIAISON_IMPORT_FIELD_FIRST_NAME },
  { "givenname", LIAISON_IMPORT_FIELD_FIRST_NAME },
  { "fname", LIAISON_IMPORT_FIELD_FIRST_NAME },
  { "last", LIAISON_IMPORT_FIELD_LAST_NAME },
  { "lastname", LIAISON_IMPORT_FIELD_LAST_NAME },
  { "surname", LIAISON_IMPORT_FIELD_LAST_NAME },
  { "familyname", LIAISON_IMPORT_FIELD_LAST_NAME },
  { "lname", LIAISON_IMPORT_FIELD_LAST_NAME },
  { "company", LIAISON_IMPORT_FIELD_COMPANY },
  { "companyname", LIAISON_IMPORT_FIELD_COMPANY },
  { "organization", LIAISON_IMPORT_FIELD_COMPANY },
  { "organisation", LIAISON_IMPORT_FIELD_COMPANY },
  { "org", LIAISON_IMPORT_FIELD_COMPANY },
  { "account", LIAISON_IMPORT_FIELD_COMPANY },
  { "accountname", LIAISON_IMPORT_FIELD_COMPANY },
  { "employer", LIAISON_IMPORT_FIELD_COMPANY },
  { "business", LIAISON_IMPORT_FIELD_COMPANY },
  { "email", LIAISON_IMPORT_FIELD_EMAIL },
  { "emailaddress", LIAISON_IMPORT_FIELD_EMAIL },
  { "primaryemail", LIAISON_IMPORT_FIELD_EMAIL },
  { "mobile", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
  { "mobilephone", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
  { "mobilenumber", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
  { "cell", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
  { "cellphone", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
  { "cellnumber", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
  { "workphone", LIAISON_IMPORT_FIELD_WORK_PHONE },
  { "businessphone", LIAISON_IMPORT_FIELD_WORK_PHONE },
  { "officephone", LIAISON_IMPORT_FIELD_WORK_PHONE },
  { "homephone", LIAISON_IMPORT_FIELD_HOME_PHONE },
  { "phone", LIAISON_IMPORT_FIELD_PHONE },
  { "phones", LIAISON_IMPORT_FIELD_PHONE },
  { "phonenumber", LIAISON_IMPORT_FIELD_PHONE },
  { "telephone", LIAISON_IMPORT_FIELD_PHONE },
  { "tel", LIAISON_IMPORT_FIELD_PHONE },
  { "number", LIAISON_IMPORT_FIELD_PHONE },
  { "primaryphone", LIAISON_IMPORT_FIELD_PHONE },
  { "otherphone", LIAISON_IMPORT_FIELD_PHONE },
  { "otherphones", LIAISON_IMPORT_FIELD_PHONE },
  { "type", LIAISON_IMPORT_FIELD_KIND },
  { "kind", LIAISON_IMPORT_FIELD_KIND },
  { "contacttype", LIAISON_IMPORT_FIELD_KIND },
  { "recordtype", LIAISON_IMPORT_FIELD_KIND },
  { "stage", LIAISON_IMPORT_FIELD_STAGE },
  { "pipelinestage", LIAISON_IMPORT_FIELD_STAGE },
  { "pipeline", LIAISON_IMPORT_FIELD_STAGE },
  { "salesstage", LIAISON_IMPORT_FIELD_STAGE },
  { "leadstatus", LIAISON_IMPORT_FIELD_STAGE },
  { "status", LIAISON_IMPORT_FIELD_STAGE },
  { "owner", LIAISON_IMPORT_FIELD_OWNER },
  { "contactowner", LIAISON_IMPORT_FIELD_OWNER },
  { "leadowner", LIAISON_IMPORT_FIELD_OWNER },
  { "accountowner", LIAISON_IMPORT_FIELD_OWNER },
  { "assignedto", LIAISON_IMPORT_FIELD_OWNER },
  { "advisor", LIAISON_IMPORT_FIELD_OWNER },
  { "servicingadvisor", LIAISON_IMPORT_FIELD_OWNER },
  { "tags", LIAISON_IMPORT_FIELD_TAGS },
  { "tag", LIAISON_IMPORT_FIELD_TAGS },
  { "labels", LIAISON_IMPORT_FIELD_TAGS },
  { "groups", LIAISON_IMPORT_FIELD_TAGS },
  { "categories", LIAISON_IMPORT_FIELD_TAGS },
  { "notes", LIAISON_IMPORT_FIELD_NOTES },
  { "note", LIAISON_IMPORT_FIELD_NOTES },
  { "description", LIAISON_IMPORT_FIELD_NOTES },
  { "comments", LIAISON_IMPORT_FIELD_NOTES },
  { "background", LIAISON_IMPORT_FIELD_NOTES },
  { "backgroundinfo", LIAISON_IMPORT_FIELD_NOTES },
};

static char *
header_key (const char *header)
{
  GString *key = g_string_new (NULL);

  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, g_unichar_tolower (c));
    }

  return g_string_free (key, FALSE);
}

LiaisonImportField
liaison_import_suggest_field (const char *header)
{
  g_autofree char *key = NULL;

  if (header == NULL)
    return LIAISON_IMPORT_FIELD_IGNORE;

  key = header_key (header);

  for (guint i = 0; i < G_N_ELEMENTS (header_matches); i++)
    if (g_str_equal (key, header_matches[i].key))
      return header_matches[i].field;

  /* "Mobile Phone 2", "Primary E-mail Address", "Contact First Name"… */
  if (strstr (key, "firstname") != NULL || strstr (key, "givenname") != NULL)
    return LIAISON_IMPORT_FIELD_FIRST_NAME;
  if (strstr (key, "lastname") != NULL || strstr (key, "surname") != NULL)
    return LIAISON_IMPORT_FIELD_LAST_NAME;
  if (strstr (key, "email") != NULL)
    return LIAISON_IMPORT_FIELD_EMAIL;
  if (strstr (key, "mobile") != NULL || strstr (key, "cell") != NULL)
    return LIAISON_IMPORT_FIELD_MOBILE_PHONE;
  if (strstr (key, "phone") != NULL || strstr (key, "tel") != NULL)
    {
      if (strstr (key, "work") != NULL || strstr (key, "business") != NULL ||
          strstr (key, "office") != NULL)
        return LIAISON_IMPORT_FIELD_WORK_PHONE;
      if (strstr (key, "home") != NULL)
        return LIAISON_IMPORT_FIELD_HOME_PHONE;
      if (strstr (key, "fax") == NULL)
        return LIAISON_IMPORT_FIELD_PHONE;
    }
  if (strstr (key, "company") != NULL || strstr (key, "organi") != NULL)
    return LIAISON_IMPORT_FIELD_COMPANY;
  if (strstr (key, "stage") != NULL)
    return LIAISON_IMPORT_FIELD_STAGE;
  if (strstr (key, "note") != NULL)
    return LIAISON_IMPORT_FIELD_NOTES;
  if (strstr (key, "tag") != NULL)
    return LIAISON_IMPORT_FIELD_TAGS;
  if (strstr (key, "owner") != NULL)
    return LIAISON_IMPORT_FIELD_OWNER;

  return LIAISON_IMPORT_FIELD_IGNORE;
}

/* CSV */

static const char *
skip_bom (const char *data,
          gsize      *length)
{
  if (*length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      *length -= 3;
      return data + 3;
    }

  return data;
}

char
liaison_csv_detect_delimiter (const char *data,
                              gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  g_return_val_if_fail (data != NULL || length == 0, ',');

  data = skip_bom (data, &length);

  /* Count outside quotes on the first record only. */
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint j = 0; j < G_N_ELEMENTS (candidates); j++)
          if (c == candidates[j])
            counts[j]++;
    }

  for (guint j = 0; j < G_N_ELEMENTS (candidates); j++)
    if (counts[j] > best_count)
      {
        best = candidates[j];
        best_count = counts[j];
      }

  return best;
}

static gboolean
row_is_blank (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      const char *cell = g_ptr_array_index (row, i);

      if (cell != NULL && *cell != '\0')
        return FALSE;
    }

  return TRUE;
}

static void
finish_row (GPtrArray  *rows,
            GPtrArray **row)
{
  /* An empty line is skipped; a line of empty fields (",,,") is a row, so
   * that row numbers match the spreadsheet's. */
  if ((*row)->len > 1 || !row_is_blank (*row))
    {
      g_ptr_array_add (*row, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (*row, FALSE));
    }
  else
    g_ptr_array_unref (*row);

  *row = g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
liaison_csv_parse (const char  *data,
                   gssize       length,
                   char         delimiter,
                   char        *out_delimiter,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean cell_started = FALSE;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  data = skip_bom (data, &len);

  if (!g_utf8_validate (data, (gssize) len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE,
                           _("The file is not a text file in UTF-8. Save it as “CSV UTF-8” and try again."));
      return NULL;
    }

  if (delimiter == 0)
    delimiter = liaison_csv_detect_delimiter (data, len);
  if (out_delimiter != NULL)
    *out_delimiter = delimiter;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (quoted)
        {
          if (c == '"')
            {
              if (i + 1 < len && data[i + 1] == '"')
                {
                  g_string_append_c (cell, '"');
                  i++;
                }
              else
                quoted = FALSE;
            }
          else if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
            {
              /* A line break inside a field is kept as LF. */
              g_string_append_c (cell, '\n');
              i++;
            }
          else
            g_string_append_c (cell, c);
          continue;
        }

      if (c == '"' && !cell_started)
        {
          quoted = TRUE;
          cell_started = TRUE;
        }
      else if (c == delimiter)
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          cell_started = FALSE;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
            i++;
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          cell_started = FALSE;
          finish_row (rows, &row);
        }
      else
        {
          /* A quote inside an unquoted field is taken as is (lenient). */
          g_string_append_c (cell, c);
          cell_started = TRUE;
        }
    }

  if (quoted)
    {
      g_set_error_literal (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE,
                           _("The file ends inside a quoted field: a quote mark is missing."));
      return NULL;
    }

  if (cell_started || row->len > 0)
    {
      g_ptr_array_add (row, g_strdup (cell->str));
      finish_row (rows, &row);
    }

  return g_steal_pointer (&rows);
}

/* Records */

LiaisonImportRecord *
liaison_import_record_new (void)
{
  LiaisonImportRecord *record = g_new0 (LiaisonImportRecord, 1);

  record->phones = g_ptr_array_new_with_free_func (g_free);
  record->phone_labels = g_ptr_array_new_with_free_func (g_free);
  record->tags = g_ptr_array_new_with_free_func (g_free);

  return record;
}

static GPtrArray *
string_array_copy (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array->len, g_free);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));

  return copy;
}

LiaisonImportRecord *
liaison_import_record_copy (const LiaisonImportRecord *record)
{
  LiaisonImportRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_new0 (LiaisonImportRecord, 1);
  copy->source_row = record->source_row;
  copy->display_name = g_strdup (record->display_name);
  copy->first_name = g_strdup (record->first_name);
  copy->last_name = g_strdup (record->last_name);
  copy->company = g_strdup (record->company);
  copy->email = g_strdup (record->email);
  copy->kind = g_strdup (record->kind);
  copy->pipeline_stage = g_strdup (record->pipeline_stage);
  copy->owner = g_strdup (record->owner);
  copy->notes = g_strdup (record->notes);
  copy->phones = string_array_copy (record->phones);
  copy->phone_labels = string_array_copy (record->phone_labels);
  copy->tags = string_array_copy (record->tags);

  return copy;
}

void
liaison_import_record_free (LiaisonImportRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->display_name);
  g_free (record->first_name);
  g_free (record->last_name);
  g_free (record->company);
  g_free (record->email);
  g_free (record->kind);
  g_free (record->pipeline_stage);
  g_free (record->owner);
  g_free (record->notes);
  g_ptr_array_unref (record->phones);
  g_ptr_array_unref (record->phone_labels);
  g_ptr_array_unref (record->tags);
  g_free (record);
}

void
liaison_import_result_clear (LiaisonImportResult *result)
{
  if (result != NULL)
    g_clear_pointer (&result->message, g_free);
}

static void
set_if_empty (char       **field,
              const char  *value)
{
  if (*field == NULL || **field == '\0')
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static void
add_phone (LiaisonImportRecord *record,
           const char          *number,
           const char          *label)
{
  g_autofree char *stripped = g_strstrip (g_strdup (number));

  if (*stripped == '\0')
    return;

  g_ptr_array_add (record->phones, g_steal_pointer (&stripped));
  g_ptr_array_add (record->phone_labels, g_strdup (label));
}

static void
add_tags (LiaisonImportRecord *record,
          const char          *text,
          const char          *separators)
{
  g_auto(GStrv) parts = g_strsplit_set (text, separators, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (*tag == '\0')
        continue;

      for (guint j = 0; j < record->tags->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (record->tags, j), tag);

      if (!seen)
        g_ptr_array_add (record->tags, g_strdup (tag));
    }
}

static const char *
phone_label_for_field (LiaisonImportField field)
{
  if (field == LIAISON_IMPORT_FIELD_MOBILE_PHONE)
    return "mobile";
  if (field == LIAISON_IMPORT_FIELD_WORK_PHONE)
    return "work";
  if (field == LIAISON_IMPORT_FIELD_HOME_PHONE)
    return "home";
  return NULL;
}

static gboolean
record_is_blank (LiaisonImportRecord *record)
{
  return record->display_name == NULL && record->first_name == NULL &&
         record->last_name == NULL && record->company == NULL && record->email == NULL &&
         record->kind == NULL && record->pipeline_stage == NULL && record->owner == NULL &&
         record->notes == NULL && record->phones->len == 0 && record->tags->len == 0;
}

GPtrArray *
liaison_import_records_from_csv (GPtrArray                *rows,
                                 guint                     first_row,
                                 const LiaisonImportField *mapping,
                                 guint                     n_mapping)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_import_record_free);

  g_return_val_if_fail (rows != NULL, records);
  g_return_val_if_fail (mapping != NULL || n_mapping == 0, records);

  for (guint r = first_row; r < rows->len; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);
      g_autoptr(LiaisonImportRecord) record = liaison_import_record_new ();

      record->source_row = r - first_row + 1;

      for (guint col = 0; cells[col] != NULL && col < n_mapping; col++)
        {
          g_autofree char *value = g_strstrip (g_strdup (cells[col]));

          /* Our own export guards formulas with an apostrophe: take it off. */
          if (value[0] == '\'' && is_formula_start (value[1]))
            memmove (value, value + 1, strlen (value));
          LiaisonImportField field = mapping[col];

          if (*value == '\0')
            continue;

          switch (field)
            {
            case LIAISON_IMPORT_FIELD_NAME:
              set_if_empty (&record->display_name, value);
              break;
            case LIAISON_IMPORT_FIELD_FIRST_NAME:
              set_if_empty (&record->first_name, value);
              break;
            case LIAISON_IMPORT_FIELD_LAST_NAME:
              set_if_empty (&record->last_name, value);
              break;
            case LIAISON_IMPORT_FIELD_COMPANY:
              set_if_empty (&record->company, value);
              break;
            case LIAISON_IMPORT_FIELD_EMAIL:
              set_if_empty (&record->email, value);
              break;
            case LIAISON_IMPORT_FIELD_KIND:
              set_if_empty (&record->kind, value);
              break;
            case LIAISON_IMPORT_FIELD_STAGE:
              set_if_empty (&record->pipeline_stage, value);
              break;
            case LIAISON_IMPORT_FIELD_OWNER:
              set_if_empty (&record->owner, value);
              break;
            case LIAISON_IMPORT_FIELD_NOTES:
              if (record->notes == NULL)
                record->notes = g_strdup (value);
              else
                {
                  char *joined = g_strconcat (record->notes, "\n", value, NULL);

                  g_free (record->notes);
                  record->notes = joined;
                }
              break;
            case LIAISON_IMPORT_FIELD_TAGS:
              add_tags (record, value, ";,");
              break;
            case LIAISON_IMPORT_FIELD_PHONE:
            case LIAISON_IMPORT_FIELD_MOBILE_PHONE:
            case LIAISON_IMPORT_FIELD_WORK_PHONE:
            case LIAISON_IMPORT_FIELD_HOME_PHONE:
              {
                g_auto(GStrv) numbers = g_strsplit (value, ";", -1);

                for (guint i = 0; numbers[i] != NULL; i++)
                  add_phone (record, numbers[i], phone_label_for_field (field));
              }
              break;
            case LIAISON_IMPORT_FIELD_IGNORE:
            case LIAISON_IMPORT_N_FIELDS:
            default:
              break;
            }
        }

      if (!record_is_blank (record))
        g_ptr_array_add (records, g_steal_pointer (&record));
    }

  return records;
}

/* vCard */

static char *
vcard_unescape (const char *text,
                gssize      length)
{
  GString *out = g_string_new (NULL);
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        {
          p++;
          if (*p == 'n' || *p == 'N')
            g_string_append_c (out, '\n');
          else
            g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* Splits on @sep not preceded by a backslash, and unescapes each part. */
static GStrv
vcard_split (const char *value,
             char        sep)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = value;
  const char *p;

  for (p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == sep)
        {
          g_autofree char *part = vcard_unescape (start, p - start);

          g_strv_builder_add (builder, part);
          start = p + 1;
        }
    }
  {
    g_autofree char *part = vcard_unescape (start, p - start);

    g_strv_builder_add (builder, part);
  }

  return g_strv_builder_end (builder);
}

/* Unfolded logical lines: a line that starts with a space or tab continues
 * the one before it. */
static GPtrArray *
vcard_unfold (const char *data,
              gsize       length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *line = NULL;
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      const char *next = eol != NULL ? eol + 1 : end;
      const char *stop = eol != NULL ? eol : end;

      if (stop > p && stop[-1] == '\r')
        stop--;

      if ((*p == ' ' || *p == '\t') && line != NULL)
        g_string_append_len (line, p + 1, stop - (p + 1));
      else
        {
          if (line != NULL)
            g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = g_string_new_len (p, stop - p);
        }

      p = next;
    }

  if (line != NULL)
    g_ptr_array_add (lines, g_string_free (line, FALSE));

  return lines;
}

static const char *
vcard_tel_label (const char *params)
{
  g_autofree char *lower = g_ascii_strdown (params, -1);

  if (strstr (lower, "cell") != NULL || strstr (lower, "mobile") != NULL)
    return "mobile";
  if (strstr (lower, "work") != NULL)
    return "work";
  if (strstr (lower, "home") != NULL)
    return "home";

  return NULL;
}

GPtrArray *
liaison_import_parse_vcard (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(LiaisonImportRecord) record = NULL;
  gboolean seen_card = FALSE;
  guint n_cards = 0;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  data = skip_bom (data, &len);

  if (!g_utf8_validate (data, (gssize) len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE,
                           _("The file is not a text file in UTF-8."));
      return NULL;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_import_record_free);
  lines = vcard_unfold (data, len);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = NULL;
      gboolean in_quotes = FALSE;
      g_autofree char *head = NULL;
      g_autofree char *name = NULL;
      const char *params;
      const char *value;
      const char *dot;

      for (const char *p = line; *p != '\0'; p++)
        {
          if (*p == '"')
            in_quotes = !in_quotes;
          else if (*p == ':' && !in_quotes)
            {
              colon = p;
              break;
            }
        }

      if (colon == NULL)
        continue;

      head = g_strndup (line, colon - line);
      value = colon + 1;

      /* "item1.TEL;TYPE=CELL": drop the group, split off the parameters. */
      params = strchr (head, ';');
      name = params != NULL ? g_strndup (head, params - head) : g_strdup (head);
      params = params != NULL ? params + 1 : "";
      dot = strrchr (name, '.');
      if (dot != NULL)
        memmove (name, dot + 1, strlen (dot + 1) + 1);

      if (g_ascii_strcasecmp (name, "BEGIN") == 0 && g_ascii_strcasecmp (value, "VCARD") == 0)
        {
          g_clear_pointer (&record, liaison_import_record_free);
          record = liaison_import_record_new ();
          record->source_row = ++n_cards;
          seen_card = TRUE;
          continue;
        }

      if (record == NULL)
        continue;

      if (g_ascii_strcasecmp (name, "END") == 0)
        {
          if (!record_is_blank (record))
            g_ptr_array_add (records, g_steal_pointer (&record));
          g_clear_pointer (&record, liaison_import_record_free);
        }
      else if (g_ascii_strcasecmp (name, "FN") == 0)
        {
          g_free (record->display_name);
          record->display_name = vcard_unescape (value, -1);
        }
      else if (g_ascii_strcasecmp (name, "N") == 0)
        {
          g_auto(GStrv) parts = vcard_split (value, ';');

          if (parts[0] != NULL && *parts[0] != '\0')
            set_if_empty (&record->last_name, parts[0]);
          if (parts[0] != NULL && parts[1] != NULL && *parts[1] != '\0')
            set_if_empty (&record->first_name, parts[1]);
        }
      else if (g_ascii_strcasecmp (name, "TEL") == 0)
        {
          g_autofree char *number = vcard_unescape (value, -1);
          const char *text = number;

          if (g_ascii_strncasecmp (text, "tel:", 4) == 0)
            text += 4;
          add_phone (record, text, vcard_tel_label (params));
        }
      else if (g_ascii_strcasecmp (name, "EMAIL") == 0)
        {
          g_autofree char *email = vcard_unescape (value, -1);

          if (*email != '\0')
            set_if_empty (&record->email, email);
        }
      else if (g_ascii_strcasecmp (name, "ORG") == 0)
        {
          g_auto(GStrv) parts = vcard_split (value, ';');

          if (parts[0] != NULL && *parts[0] != '\0')
            set_if_empty (&record->company, parts[0]);
        }
      else if (g_ascii_strcasecmp (name, "NOTE") == 0)
        {
          g_free (record->notes);
          record->notes = vcard_unescape (value, -1);
        }
      else if (g_ascii_strcasecmp (name, "CATEGORIES") == 0)
        {
          g_auto(GStrv) parts = vcard_split (value, ',');

          for (guint j = 0; parts[j] != NULL; j++)
            add_tags (record, parts[j], "");
        }
    }

  if (!seen_card)
    {
      g_set_error_literal (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE,
                           _("The file holds no vCard (no “BEGIN:VCARD” line)."));
      return NULL;
    }

  return g_steal_pointer (&records);
}

/* Validation */

static void
clean_field (char **field)
{
  if (*field == NULL)
    return;

  g_strstrip (*field);
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

static char *
normalise_kind (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strdelimit (lower, " _", '-');
  if (g_str_equal (lower, "referral") || g_str_equal (lower, "partner") ||
      g_str_equal (lower, "referral-source"))
    return g_strdup ("referral-partner");
  if (g_str_equal (lower, "customer"))
    return g_strdup ("client");

  return g_strv_contains (kinds, lower) ? g_steal_pointer (&lower) : NULL;
}

gboolean
liaison_import_record_validate (LiaisonImportRecord  *record,
                                const char           *default_region,
                                GError              **error)
{
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  g_return_val_if_fail (record != NULL, FALSE);

  clean_field (&record->display_name);
  clean_field (&record->first_name);
  clean_field (&record->last_name);
  clean_field (&record->company);
  clean_field (&record->email);
  clean_field (&record->kind);
  clean_field (&record->pipeline_stage);
  clean_field (&record->owner);
  clean_field (&record->notes);

  if (record->display_name == NULL && record->first_name == NULL &&
      record->last_name == NULL && record->company == NULL && record->phones->len == 0)
    {
      g_set_error_literal (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_EMPTY,
                           _("Neither a name nor a phone number."));
      return FALSE;
    }

  if (record->kind != NULL)
    {
      g_autofree char *kind = normalise_kind (record->kind);

      if (kind == NULL)
        {
          g_set_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_BAD_KIND,
                       _("Unknown type “%s” (use lead, prospect, client or referral partner)."),
                       record->kind);
          return FALSE;
        }
      g_free (record->kind);
      record->kind = g_steal_pointer (&kind);
    }

  phones = g_ptr_array_new_with_free_func (g_free);
  labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < record->phones->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *e164 = NULL;
      gboolean seen = FALSE;

      e164 = liaison_phone_normalize (g_ptr_array_index (record->phones, i), default_region,
                                      &local_error);
      if (e164 == NULL)
        {
          /* The number stays out of the message: it may end up in a log. */
          g_set_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_BAD_NUMBER,
                       _("Phone number %u: %s"), i + 1,
                       local_error != NULL ? local_error->message : _("not a valid number"));
          return FALSE;
        }

      for (guint j = 0; j < phones->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (phones, j), e164);

      if (!seen)
        {
          g_ptr_array_add (phones, g_steal_pointer (&e164));
          g_ptr_array_add (labels, g_strdup (g_ptr_array_index (record->phone_labels, i)));
        }
    }

  g_ptr_array_unref (record->phones);
  g_ptr_array_unref (record->phone_labels);
  record->phones = g_steal_pointer (&phones);
  record->phone_labels = g_steal_pointer (&labels);

  if (record->display_name == NULL)
    {
      if (record->first_name != NULL || record->last_name != NULL)
        record->display_name = g_strstrip (g_strdup_printf ("%s %s",
                                                            record->first_name ? record->first_name : "",
                                                            record->last_name ? record->last_name : ""));
      else if (record->company != NULL)
        record->display_name = g_strdup (record->company);
    }

  return TRUE;
}

/* Export */

static void
append_csv_field_full (GString    *out,
                       const char *value,
                       gboolean    text,
                       gboolean    last);

static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  append_csv_field_full (out, value, TRUE, last);
}

/* Free text written to a CSV file must not start like a spreadsheet formula
 * (CSV injection): such a cell gets a leading apostrophe, which spreadsheets
 * hide and our import takes off. Phone numbers ("+1…") are not text. */
static void
append_csv_field_full (GString    *out,
                       const char *value,
                       gboolean    text,
                       gboolean    last)
{
  g_autofree char *guarded = NULL;

  if (value == NULL)
    value = "";

  if (text && is_formula_start (value[0]))
    value = guarded = g_strconcat ("'", value, NULL);

  if (strpbrk (value, ",;\t\"\r\n") != NULL || g_ascii_isspace (value[0]) ||
      (value[0] != '\0' && g_ascii_isspace (value[strlen (value) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);

  g_string_append (out, last ? "\r\n" : ",");
}

char *
liaison_contact_export_csv (GListModel *contacts)
{
  /* Header names that liaison_import_suggest_field() maps back. */
  static const char * const header[] = {
    "Name", "First Name", "Last Name", "Company", "Email", "Phone", "Type",
    "Stage", "Owner", "Tags", "Notes",
  };
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (contacts), g_string_free (out, FALSE));

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    append_csv_field (out, header[i], i + 1 == G_N_ELEMENTS (header));

  n = g_list_model_get_n_items (contacts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LiaisonContact) contact = g_list_model_get_item (contacts, i);
      g_autofree char *phones = NULL;
      g_autofree char *tags = NULL;

      phones = g_strjoinv ("; ", (char **) liaison_contact_get_phones (contact));
      tags = g_strjoinv ("; ", (char **) liaison_contact_get_tags (contact));

      append_csv_field (out, liaison_contact_get_display_name (contact), FALSE);
      append_csv_field (out, liaison_contact_get_first_name (contact), FALSE);
      append_csv_field (out, liaison_contact_get_last_name (contact), FALSE);
      append_csv_field (out, liaison_contact_get_company (contact), FALSE);
      append_csv_field (out, liaison_contact_get_email (contact), FALSE);
      append_csv_field_full (out, phones, FALSE, FALSE);
      append_csv_field (out, liaison_contact_get_kind (contact), FALSE);
      append_csv_field (out, liaison_contact_get_pipeline_stage (contact), FALSE);
      append_csv_field (out, liaison_contact_get_owner (contact), FALSE);
      append_csv_field (out, tags, FALSE);
      append_csv_field (out, liaison_contact_get_notes (contact), TRUE);
    }

  return g_string_free (out, FALSE);
}
