/* liaison-contact-import.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-contact.h"

G_BEGIN_DECLS

/* Reading contacts from CSV (RFC 4180) and vCard 3.0/4.0 files, and writing
 * them as CSV. No GTK, no store: the store's import merges the records
 * (liaison_store_import_contacts_async()). */

#define LIAISON_IMPORT_ERROR (liaison_import_error_quark ())

typedef enum {
  /* The file is not CSV or vCard we can read (binary, unbalanced quotes…). */
  LIAISON_IMPORT_ERROR_PARSE,
  /* A row without a name and without a number. */
  LIAISON_IMPORT_ERROR_EMPTY,
  /* A number libphonenumber refuses; the message says why. */
  LIAISON_IMPORT_ERROR_BAD_NUMBER,
  /* An unknown contact type ("Type" column). */
  LIAISON_IMPORT_ERROR_BAD_KIND,
} LiaisonImportError;

/* What a column holds. */
typedef enum {
  LIAISON_IMPORT_FIELD_IGNORE,
  LIAISON_IMPORT_FIELD_NAME,
  LIAISON_IMPORT_FIELD_FIRST_NAME,
  LIAISON_IMPORT_FIELD_LAST_NAME,
  LIAISON_IMPORT_FIELD_COMPANY,
  LIAISON_IMPORT_FIELD_EMAIL,
  LIAISON_IMPORT_FIELD_PHONE,
  LIAISON_IMPORT_FIELD_MOBILE_PHONE,
  LIAISON_IMPORT_FIELD_WORK_PHONE,
  LIAISON_IMPORT_FIELD_HOME_PHONE,
  LIAISON_IMPORT_FIELD_KIND,
  LIAISON_IMPORT_FIELD_STAGE,
  LIAISON_IMPORT_FIELD_OWNER,
  LIAISON_IMPORT_FIELD_TAGS,
  LIAISON_IMPORT_FIELD_NOTES,
  LIAISON_IMPORT_N_FIELDS
} LiaisonImportField;

/* One contact read from a file, before or after validation. Phones are as
 * written in the file until liaison_import_record_validate() turns them into
 * E.164. */
typedef struct _LiaisonImportRecord LiaisonImportRecord;
struct _LiaisonImportRecord
{
  guint      source_row;      /* 1-based data row (CSV) or card (vCard) */
  char      *display_name;
  char      *first_name;
  char      *last_name;
  char      *company;
  char      *email;
  char      *kind;
  char      *pipeline_stage;
  char      *owner;
  char      *notes;
  GPtrArray *phones;          /* char * */
  GPtrArray *phone_labels;    /* char * or NULL, one per phone */
  GPtrArray *tags;            /* char * */
};

typedef enum {
  LIAISON_IMPORT_ADDED,
  LIAISON_IMPORT_MERGED,
  LIAISON_IMPORT_FAILED,
} LiaisonImportOutcome;

/* What the store did with one record. */
typedef struct
{
  guint                 source_row;
  LiaisonImportOutcome  outcome;
  gint64                contact_id;   /* added or merged into; 0 when failed */
  char                 *message;      /* translated reason when failed, else NULL */
} LiaisonImportResult;

GQuark               liaison_import_error_quark          (void);

/* A translated label for the mapping menus ("Mobile Phone", "Do Not Import"). */
const char          *liaison_import_field_get_label      (LiaisonImportField  field);
/* The field a CSV header most likely holds (case and punctuation ignored;
 * knows the usual CRM export headers). */
LiaisonImportField   liaison_import_suggest_field        (const char         *header);

/* ',' ';' or '\t', whichever splits the first line most consistently. */
char                 liaison_csv_detect_delimiter        (const char         *data,
                                                          gsize               length);
/* Parses RFC 4180 CSV (quotes, "" escapes, newlines inside quotes, CRLF or
 * LF, a UTF-8 BOM). @delimiter 0 detects it (*out_delimiter gets it). Returns
 * the rows, each a NULL-terminated GStrv; empty lines are skipped. Invalid
 * UTF-8 is an error. */
GPtrArray           *liaison_csv_parse                   (const char         *data,
                                                          gssize              length,
                                                          char                delimiter,
                                                          char               *out_delimiter,
                                                          GError            **error);

/* Records from CSV rows @rows[first_row…] with @mapping[column] saying what
 * each column holds (columns beyond @n_mapping are ignored). Phones and tags
 * cells may hold several values separated by ';' (tags also by ','). */
GPtrArray           *liaison_import_records_from_csv     (GPtrArray                *rows,
                                                          guint                     first_row,
                                                          const LiaisonImportField *mapping,
                                                          guint                     n_mapping);

/* Reads vCard 3.0 or 4.0 (FN, N, TEL with TYPE, EMAIL, ORG, NOTE,
 * CATEGORIES; folded lines; escapes). Returns LiaisonImportRecords. */
GPtrArray           *liaison_import_parse_vcard          (const char         *data,
                                                          gssize              length,
                                                          GError            **error);

LiaisonImportRecord *liaison_import_record_new           (void);
LiaisonImportRecord *liaison_import_record_copy          (const LiaisonImportRecord *record);
void                 liaison_import_record_free          (LiaisonImportRecord       *record);
/* Checks a record and normalises it: phones to E.164 (read in
 * @default_region, NULL is "US"), duplicates dropped, kind to its stored form.
 * FALSE with a translated LIAISON_IMPORT_ERROR naming the problem. */
gboolean             liaison_import_record_validate      (LiaisonImportRecord *record,
                                                          const char          *default_region,
                                                          GError             **error);

void                 liaison_import_result_clear         (LiaisonImportResult *result);

/* CSV (RFC 4180, CRLF, every field quoted when needed) of LiaisonContacts,
 * with a header that liaison_import_suggest_field() maps back. */
char                *liaison_contact_export_csv          (GListModel          *contacts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonImportRecord, liaison_import_record_free)

G_END_DECLS
