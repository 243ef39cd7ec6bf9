/* test-contact-import.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-contact-import"

#include "config.h"

#include "liaison-contact-import.h"
#include "liaison-store.h"
#include "liaison-test-utils.h"

#include <string.h>

static GPtrArray *
parse_ok (const char *csv,
          gssize      length,
          char       *out_delimiter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = liaison_csv_parse (csv, length, 0, out_delimiter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      column)
{
  char **cells = g_ptr_array_index (rows, row);

  g_assert_cmpuint (column, <, g_strv_length (cells));
  return cells[column];
}

static void
test_csv_quotes (void)
{
  const char *csv = "Name,Notes,Phone\r\n"
                    "\"Smith, Jane\",\"She said \"\"hi\"\"\nthen left\",203-555-0123\r\n"
                    "Bob,,\r\n"
                    "\r\n"
                    "\"Last\",\"no newline at end\",\"\"";
  g_autoptr(GPtrArray) rows = NULL;
  char delimiter = 0;

  rows = parse_ok (csv, -1, &delimiter);
  g_assert_cmpint (delimiter, ==, ',');
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "Smith, Jane");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "She said \"hi\"\nthen left");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "203-555-0123");
  g_assert_cmpstr (cell (rows, 2, 0), ==, "Bob");
  g_assert_cmpstr (cell (rows, 2, 2), ==, "");
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, 2)), ==, 3);
  g_assert_cmpstr (cell (rows, 3, 1), ==, "no newline at end");
}

static void
test_csv_bom_semicolon_tab (void)
{
  const char *semi = "\xEF\xBB\xBFNom;T\xC3\xA9l\xC3\xA9phone\n\"Dupont; Jean\";+33 1 23 45 67 89\n";
  const char *tabs = "Name\tMobile\nAnn\t203 555 0123\n";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) tab_rows = NULL;
  g_autoptr(GError) error = NULL;
  char delimiter = 0;

  rows = parse_ok (semi, -1, &delimiter);
  g_assert_cmpint (delimiter, ==, ';');
  g_assert_cmpstr (cell (rows, 0, 0), ==, "Nom");
  g_assert_cmpstr (cell (rows, 1, 0), ==, "Dupont; Jean");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "Téléphone");

  tab_rows = parse_ok (tabs, -1, &delimiter);
  g_assert_cmpint (delimiter, ==, '\t');
  g_assert_cmpstr (cell (tab_rows, 1, 1), ==, "203 555 0123");

  /* Unbalanced quotes and binary data are errors. */
  g_assert_null (liaison_csv_parse ("a,\"b\n", -1, 0, NULL, &error));
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (liaison_csv_parse ("a,\xff\xfe", -1, 0, NULL, &error));
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (liaison_csv_parse ("a\0b", 3, 0, NULL, &error));
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE);
}

static void
test_suggestions (void)
{
  static const struct {
    const char         *header;
    LiaisonImportField  field;
  } cases[] = {
    { "Name", LIAISON_IMPORT_FIELD_NAME },
    { "First Name", LIAISON_IMPORT_FIELD_FIRST_NAME },
    { "first_name", LIAISON_IMPORT_FIELD_FIRST_NAME },
    { "LAST NAME", LIAISON_IMPORT_FIELD_LAST_NAME },
    { "Mobile Phone", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
    { "Mobile", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
    { "Cell Phone 2", LIAISON_IMPORT_FIELD_MOBILE_PHONE },
    { "Work Phone", LIAISON_IMPORT_FIELD_WORK_PHONE },
    { "Business Phone", LIAISON_IMPORT_FIELD_WORK_PHONE },
    { "Home Phone", LIAISON_IMPORT_FIELD_HOME_PHONE },
    { "Phone", LIAISON_IMPORT_FIELD_PHONE },
    { "Primary Phone Number", LIAISON_IMPORT_FIELD_PHONE },
    { "Fax", LIAISON_IMPORT_FIELD_IGNORE },
    { "E-mail", LIAISON_IMPORT_FIELD_EMAIL },
    { "Email Address", LIAISON_IMPORT_FIELD_EMAIL },
    { "Primary E-mail Address", LIAISON_IMPORT_FIELD_EMAIL },
    { "Company", LIAISON_IMPORT_FIELD_COMPANY },
    { "Account Name", LIAISON_IMPORT_FIELD_COMPANY },
    { "Stage", LIAISON_IMPORT_FIELD_STAGE },
    { "Lead Status", LIAISON_IMPORT_FIELD_STAGE },
    { "Tags", LIAISON_IMPORT_FIELD_TAGS },
    { "Notes", LIAISON_IMPORT_FIELD_NOTES },
    { "Type", LIAISON_IMPORT_FIELD_KIND },
    { "Contact Type", LIAISON_IMPORT_FIELD_KIND },
    { "Contact Owner", LIAISON_IMPORT_FIELD_OWNER },
    { "Servicing Advisor", LIAISON_IMPORT_FIELD_OWNER },
    { "Birthday", LIAISON_IMPORT_FIELD_IGNORE },
    { "", LIAISON_IMPORT_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (liaison_import_suggest_field (cases[i].header), ==, cases[i].field);
    }

  for (int f = 0; f < LIAISON_IMPORT_N_FIELDS; f++)
    g_assert_nonnull (liaison_import_field_get_label (f));
}

static GPtrArray *
records_from_csv (const char *csv)
{
  g_autoptr(GPtrArray) rows = parse_ok (csv, -1, NULL);
  char **header = g_ptr_array_index (rows, 0);
  guint n = g_strv_length (header);
  g_autofree LiaisonImportField *mapping = g_new0 (LiaisonImportField, n);

  for (guint i = 0; i < n; i++)
    mapping[i] = liaison_import_suggest_field (header[i]);

  return liaison_import_records_from_csv (rows, 1, mapping, n);
}

static void
test_records_and_validation (void)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportRecord *r;

  records = records_from_csv ("First Name,Last Name,Mobile Phone,Work Phone,Email,Tags,Type\n"
                              "Jane,Doe,(203) 555-0123,203-555-0124; +1 203 555 0123,j@x.com,\"vip; golf,vip\",Client\n"
                              ",,,,,,\n"
                              ",,,,nobody@x.com,,\n"
                              "Bad,Number,555,,,,\n"
                              "Odd,Kind,2035550125,,,,wizard\n");
  g_assert_cmpuint (records->len, ==, 4);

  r = g_ptr_array_index (records, 0);
  g_assert_cmpuint (r->source_row, ==, 1);
  g_assert_cmpuint (r->phones->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (r->phone_labels, 0), ==, "mobile");
  g_assert_cmpstr (g_ptr_array_index (r->phone_labels, 1), ==, "work");
  g_assert_cmpuint (r->tags->len, ==, 2);
  g_assert_true (liaison_import_record_validate (r, "US", &error));
  g_assert_no_error (error);
  /* The duplicate number is dropped. */
  g_assert_cmpuint (r->phones->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->phones, 0), ==, "+12035550123");
  g_assert_cmpstr (g_ptr_array_index (r->phones, 1), ==, "+12035550124");
  g_assert_cmpstr (r->display_name, ==, "Jane Doe");
  g_assert_cmpstr (r->kind, ==, "client");

  /* Blank rows are not records; row 3 has only an email. */
  r = g_ptr_array_index (records, 1);
  g_assert_cmpuint (r->source_row, ==, 3);
  g_assert_false (liaison_import_record_validate (r, "US", &error));
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  r = g_ptr_array_index (records, 2);
  g_assert_false (liaison_import_record_validate (r, "US", &error));
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_BAD_NUMBER);
  g_test_message ("%s", error->message);
  /* The number itself is not in the message (it may be logged). */
  g_assert_null (strstr (error->message, "555"));
  g_clear_error (&error);

  r = g_ptr_array_index (records, 3);
  g_assert_false (liaison_import_record_validate (r, "US", &error));
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_BAD_KIND);
}

static void
test_vcard3 (void)
{
  const char *vcf =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Doe;John;;Mr.;\r\n"
    "FN:John Doe\r\n"
    "ORG:Example\\, Inc.;Sales\r\n"
    "TEL;TYPE=CELL,VOICE:(203) 555-0131\r\n"
    "item1.TEL;TYPE=WORK:+1 203 555 0132\r\n"
    "EMAIL;TYPE=INTERNET:john@example.com\r\n"
    "NOTE:Met at the conference\\nlikes golf; a long note that is fol\r\n"
    " ded here\r\n"
    "CATEGORIES:vip,golf\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=A9t=C3=A9=\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Only Name\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportRecord *r;

  records = liaison_import_parse_vcard (vcf, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->display_name, ==, "John Doe");
  g_assert_cmpstr (r->first_name, ==, "John");
  g_assert_cmpstr (r->last_name, ==, "Doe");
  g_assert_cmpstr (r->company, ==, "Example, Inc.");
  g_assert_cmpstr (r->email, ==, "john@example.com");
  g_assert_cmpuint (r->phones->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->phone_labels, 0), ==, "mobile");
  g_assert_cmpstr (g_ptr_array_index (r->phone_labels, 1), ==, "work");
  g_assert_cmpuint (r->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->tags, 1), ==, "golf");
  /* Quoted-printable is not decoded, but nothing breaks. */
  g_assert_nonnull (r->notes);
  g_assert_true (liaison_import_record_validate (r, "US", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (r->phones, 1), ==, "+12035550132");

  r = g_ptr_array_index (records, 1);
  g_assert_cmpuint (r->source_row, ==, 2);
  g_assert_cmpstr (r->display_name, ==, "Only Name");
}

static void
test_vcard4 (void)
{
  const char *vcf =
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Anna Smith\n"
    "N:Smith;Anna;;;\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-203-555-0141\n"
    "TEL;VALUE=uri;TYPE=home:tel:+1-203-555-0142\n"
    "NOTE:Semi\\; colon and comma\\, ok\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportRecord *r;

  records = liaison_import_parse_vcard (vcf, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (g_ptr_array_index (r->phones, 0), ==, "+1-203-555-0141");
  g_assert_cmpstr (g_ptr_array_index (r->phone_labels, 0), ==, "mobile");
  g_assert_cmpstr (g_ptr_array_index (r->phone_labels, 1), ==, "home");
  g_assert_cmpstr (r->notes, ==, "Semi; colon and comma, ok");
  g_assert_true (liaison_import_record_validate (r, NULL, &error));
  g_assert_cmpstr (g_ptr_array_index (r->phones, 0), ==, "+12035550141");

  g_clear_pointer (&records, g_ptr_array_unref);
  records = liaison_import_parse_vcard ("Name,Phone\nx,y\n", -1, &error);
  g_assert_null (records);
  g_assert_error (error, LIAISON_IMPORT_ERROR, LIAISON_IMPORT_ERROR_PARSE);
}

/* Export, then import into a second store: the same contacts come back. */
static void
test_round_trip (void)
{
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path1 = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path2 = g_build_filename (dir, "b.db", NULL);
  g_autoptr(LiaisonStore) store1 = liaison_store_new (path1);
  g_autoptr(LiaisonStore) store2 = liaison_store_new (path2);
  g_autoptr(GListStore) contacts = g_list_store_new (LIAISON_TYPE_CONTACT);
  g_autoptr(GListStore) again = g_list_store_new (LIAISON_TYPE_CONTACT);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv2 = NULL;
  LiaisonStore *stores[] = { store1, store2 };
  const char *phones1[] = { "+12035550151", "+12035550152", NULL };
  const char *tags1[] = { "golf", "vip", NULL };
  const char *phones2[] = { "+442079460123", NULL };
  const char *phones3[] = { "+12035550160", NULL };
  LiaisonStoreContactInfo infos[] = {
    { .first_name = "Jane", .last_name = "O'Hara, Jr.", .company = "Quotes \"R\" Us",
      .email = "jane@example.com", .kind = "client", .pipeline_stage = "Won", .owner = "Dana",
      .notes = "Line one\nLine two; with semicolon", .phones = phones1, .tags = tags1 },
    { .display_name = "Sir London", .kind = "referral-partner", .phones = phones2 },
    /* Cells a spreadsheet would run as formulas. */
    { .display_name = "Formula Test", .company = "=1+1", .notes = "@SUM(A1)", .phones = phones3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      liaison_store_open_async (stores[i], NULL, liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      g_assert_true (liaison_store_open_finish (stores[i], result, &error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      liaison_store_save_contact_async (store1, 0, &infos[i], NULL, NULL, liaison_test_async_cb,
                                        &result);
      liaison_test_wait (&result);
      g_assert_cmpint (liaison_store_save_contact_finish (store1, result, &error), >, 0);
      g_assert_no_error (error);
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) list = NULL;

    liaison_store_list_contacts_async (store1, NULL, NULL, 100, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    list = liaison_store_list_contacts_finish (store1, result, &error);
    g_assert_no_error (error);
    g_list_store_splice (contacts, 0, 0, list->pdata, list->len);
  }

  csv = liaison_contact_export_csv (G_LIST_MODEL (contacts));
  g_test_message ("%s", csv);
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  /* Formulas are guarded; phone numbers are left as they are. */
  g_assert_nonnull (strstr (csv, ",'=1+1,"));
  g_assert_nonnull (strstr (csv, ",'@SUM(A1)"));
  g_assert_nonnull (strstr (csv, ",+12035550160,"));
  records = records_from_csv (csv);
  g_assert_cmpuint (records->len, ==, 3);

  {
    g_autoptr(GAsyncResult) result = NULL;

    liaison_store_import_contacts_async (store2, records, "US", NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    results = liaison_store_import_contacts_finish (store2, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (results->len, ==, 3);
    for (guint i = 0; i < results->len; i++)
      g_assert_cmpint (g_array_index (results, LiaisonImportResult, i).outcome, ==,
                       LIAISON_IMPORT_ADDED);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) list = NULL;

    liaison_store_list_contacts_async (store2, NULL, NULL, 100, NULL, liaison_test_async_cb, &result);
    liaison_test_wait (&result);
    list = liaison_store_list_contacts_finish (store2, result, &error);
    g_assert_no_error (error);
    g_list_store_splice (again, 0, 0, list->pdata, list->len);
  }

  csv2 = liaison_contact_export_csv (G_LIST_MODEL (again));
  g_assert_cmpstr (csv2, ==, csv);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      liaison_store_close_async (stores[i], NULL, liaison_test_async_cb, &result);
      liaison_test_wait (&result);
      g_assert_true (liaison_store_close_finish (stores[i], result, &error));
    }
  liaison_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/ContactImport/csv-quotes", test_csv_quotes);
  g_test_add_func ("/Liaison/ContactImport/csv-bom-semicolon-tab", test_csv_bom_semicolon_tab);
  g_test_add_func ("/Liaison/ContactImport/suggestions", test_suggestions);
  g_test_add_func ("/Liaison/ContactImport/records-and-validation", test_records_and_validation);
  g_test_add_func ("/Liaison/ContactImport/vcard3", test_vcard3);
  g_test_add_func ("/Liaison/ContactImport/vcard4", test_vcard4);
  g_test_add_func ("/Liaison/ContactImport/round-trip", test_round_trip);

  return g_test_run ();
}
