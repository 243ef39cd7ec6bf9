/* test-template.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-template"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "liaison-store.h"
#include "liaison-template.h"
#include "liaison-test-utils.h"

/*
 * Templates: placeholder expansion (pure functions) and CRUD through a real
 * store in a temporary folder.
 */

/* 2023-03-04 03:30 UTC: Friday 3 March, 22:30 in New York (EST, UTC−5),
 * 19:30 in Los Angeles, and already Saturday in UTC. */
#define WHEN G_GINT64_CONSTANT (1677900600000000)

static const LiaisonTemplateValues full_values = {
  .first_name = "Ann",
  .last_name = "Lee",
  .advisor_name = "Sam Carter",
  .firm = "Carter Wealth",
  .when = WHEN,
  .time_zone = "America/New_York",
};

/* Expansion */

static void
test_expand_every_placeholder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = liaison_template_expand ("Hi {first_name} {last_name} ({full_name}), "
                                  "{advisor_name} of {firm} here. "
                                  "See you {date} at {time}.",
                                  &full_values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "Hi Ann Lee (Ann Lee), Sam Carter of Carter Wealth here. "
                   "See you Friday 3 March at 10:30 PM.");
}

static void
test_expand_full_name (void)
{
  LiaisonTemplateValues values = full_values;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  values.full_name = "Dr. Ann Lee-Park";
  a = liaison_template_expand ("{full_name}", &values, NULL);
  g_assert_cmpstr (a, ==, "Dr. Ann Lee-Park");

  values.full_name = NULL;
  values.last_name = NULL;
  b = liaison_template_expand ("{full_name}", &values, NULL);
  g_assert_cmpstr (b, ==, "Ann");

  values.first_name = "";
  values.last_name = "Lee";
  c = liaison_template_expand ("{full_name}", &values, NULL);
  g_assert_cmpstr (c, ==, "Lee");
}

static void
test_expand_literals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Braces that do not open a name stay; doubled braces are one brace. */
  text = liaison_template_expand ("{{first_name}} { x } {1} {} }{ {first_name",
                                  &full_values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "{first_name} { x } {1} {} }{ {first_name");
}

static void
test_expand_no_placeholders (void)
{
  g_autofree char *text = liaison_template_expand ("Plain text ’ü", NULL, NULL);

  g_assert_cmpstr (text, ==, "Plain text ’ü");
}

static void
test_unknown_placeholder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) names = NULL;

  text = liaison_template_expand ("Hi {firstname}, {first_name} {nickname} {firstname}",
                                  &full_values, &error);
  g_assert_null (text);
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "{firstname}, {nickname}"));
  g_clear_error (&error);

  g_assert_false (liaison_template_check_body ("{First_Name}", &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "{First_Name}"));
  g_clear_error (&error);

  g_assert_true (liaison_template_check_body ("{first_name} {date}", &error));
  g_assert_no_error (error);

  names = liaison_template_list_placeholders ("{b} {a} {b} {{c}} {date}");
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "b");
  g_assert_cmpstr (names[1], ==, "a");
  g_assert_cmpstr (names[2], ==, "date");
}

static void
test_missing_value (void)
{
  LiaisonTemplateValues values = full_values;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *partial = NULL;
  g_auto(GStrv) missing = NULL;

  values.first_name = NULL;
  values.last_name = NULL;
  values.firm = "";

  /* An error naming each missing placeholder once, never "Hi ,". */
  text = liaison_template_expand ("Hi {first_name}, {firm} {first_name} {full_name} {date}",
                                  &values, &error);
  g_assert_null (text);
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_MISSING_VALUE);
  g_assert_nonnull (strstr (error->message, "{first_name}, {firm}, {full_name}"));
  g_clear_error (&error);

  /* Partial: what is known is filled, the rest stays as written. */
  partial = liaison_template_expand_partial ("Hi {first_name}, {advisor_name} of {firm}.",
                                             &values, &missing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (partial, ==, "Hi {first_name}, Sam Carter of {firm}.");
  g_assert_cmpuint (g_strv_length (missing), ==, 2);
  g_assert_cmpstr (missing[0], ==, "first_name");
  g_assert_cmpstr (missing[1], ==, "firm");

  /* With no values at all, {date} and {time} still have one (now). */
  g_clear_pointer (&text, g_free);
  text = liaison_template_expand ("{date} {time}", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_cmpstr (text, !=, "{date} {time}");
}

static void
test_date_formatting (void)
{
  g_autofree char *ny_date = liaison_template_format_date (WHEN, "America/New_York");
  g_autofree char *la_time = liaison_template_format_time (WHEN, "America/Los_Angeles", FALSE);
  g_autofree char *utc_date = liaison_template_format_date (WHEN, "UTC");
  g_autofree char *utc_time = liaison_template_format_time (WHEN, "UTC", TRUE);
  g_autofree char *ny_24 = liaison_template_format_time (WHEN, "America/New_York", TRUE);
  /* 2023-07-09 13:05 UTC: Sunday 9 July, 9:05 in New York (EDT, UTC−4). */
  g_autofree char *summer_time = liaison_template_format_time (G_GINT64_CONSTANT (1688907900000000),
                                                               "America/New_York", FALSE);
  g_autofree char *summer_date = liaison_template_format_date (G_GINT64_CONSTANT (1688907900000000),
                                                               "America/New_York");

  g_assert_cmpstr (ny_date, ==, "Friday 3 March");
  g_assert_cmpstr (la_time, ==, "7:30 PM");
  g_assert_cmpstr (utc_date, ==, "Saturday 4 March");
  g_assert_cmpstr (utc_time, ==, "03:30");
  g_assert_cmpstr (ny_24, ==, "22:30");
  g_assert_cmpstr (summer_time, ==, "9:05 AM");
  g_assert_cmpstr (summer_date, ==, "Sunday 9 July");
}

/* Store */

typedef struct {
  char         *dir;
  LiaisonStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = liaison_test_mkdtemp ();
  path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_new (path);

  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  g_assert_true (liaison_store_open_finish (fixture->store, liaison_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
  g_assert_true (liaison_store_close_finish (fixture->store, liaison_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  /* The last task's own reference goes once its idle completion has run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->store);

  liaison_test_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static LiaisonTemplate *
add_template (LiaisonStore  *store,
              const char    *name,
              const char    *body,
              const char    *category,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_add_template_async (store, name, body, category, NULL,
                                    liaison_test_async_cb, &result);
  return liaison_store_add_template_finish (store, liaison_test_wait (&result), error);
}

static GPtrArray *
list_templates (LiaisonStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *templates;

  liaison_store_list_templates_async (store, NULL, liaison_test_async_cb, &result);
  templates = liaison_store_list_templates_finish (store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (templates);
  return templates;
}

static gboolean
delete_template (LiaisonStore  *store,
                 gint64         id,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_delete_template_async (store, id, NULL, liaison_test_async_cb, &result);
  return liaison_store_delete_template_finish (store, liaison_test_wait (&result), error);
}

static void
test_store_crud (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTemplate) follow_up = NULL;
  g_autoptr(LiaisonTemplate) birthday = NULL;
  g_autoptr(LiaisonTemplate) review = NULL;
  g_autoptr(LiaisonTemplate) updated = NULL;
  g_autoptr(LiaisonTemplate) fetched = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* The table starts empty: nothing is seeded. */
  templates = list_templates (fixture->store);
  g_assert_cmpuint (templates->len, ==, 0);
  g_clear_pointer (&templates, g_ptr_array_unref);

  follow_up = add_template (fixture->store, "  Follow-up  ",
                            "Hi {first_name}, following up on our call.", "Leads", &error);
  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  g_assert_cmpint (liaison_template_get_id (follow_up), >, 0);
  g_assert_cmpstr (liaison_template_get_name (follow_up), ==, "Follow-up");
  g_assert_cmpstr (liaison_template_get_body (follow_up), ==,
                   "Hi {first_name}, following up on our call.");
  g_assert_cmpstr (liaison_template_get_category (follow_up), ==, "Leads");
  g_assert_cmpint (liaison_template_get_date_updated (follow_up), >, 0);

  birthday = add_template (fixture->store, "Birthday", "Happy birthday, {first_name}!", "",
                           &error);
  g_assert_no_error (error);
  g_assert_null (liaison_template_get_category (birthday));

  review = add_template (fixture->store, "Annual review",
                         "{first_name}, time for your annual review with {firm}.", "Clients",
                         &error);
  g_assert_no_error (error);

  /* Ordered by category (none first), then name. */
  templates = list_templates (fixture->store);
  g_assert_cmpuint (templates->len, ==, 3);
  g_assert_cmpstr (liaison_template_get_name (g_ptr_array_index (templates, 0)), ==, "Birthday");
  g_assert_cmpstr (liaison_template_get_name (g_ptr_array_index (templates, 1)), ==, "Annual review");
  g_assert_cmpstr (liaison_template_get_name (g_ptr_array_index (templates, 2)), ==, "Follow-up");
  g_clear_pointer (&templates, g_ptr_array_unref);

  /* Update */
  liaison_store_update_template_async (fixture->store, liaison_template_get_id (follow_up),
                                      "Follow-up call", "Hi {first_name}, {advisor_name} here.",
                                      NULL, NULL, liaison_test_async_cb, &result);
  updated = liaison_store_update_template_finish (fixture->store, liaison_test_wait (&result),
                                                  &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (liaison_template_get_id (updated), ==, liaison_template_get_id (follow_up));
  g_assert_cmpstr (liaison_template_get_name (updated), ==, "Follow-up call");
  g_assert_cmpstr (liaison_template_get_body (updated), ==, "Hi {first_name}, {advisor_name} here.");
  g_assert_null (liaison_template_get_category (updated));

  liaison_store_get_template_async (fixture->store, liaison_template_get_id (follow_up), NULL,
                                    liaison_test_async_cb, &result);
  fetched = liaison_store_get_template_finish (fixture->store, liaison_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (liaison_template_get_name (fetched), ==, "Follow-up call");

  /* Delete */
  g_assert_true (delete_template (fixture->store, liaison_template_get_id (birthday), &error));
  g_assert_no_error (error);
  templates = list_templates (fixture->store);
  g_assert_cmpuint (templates->len, ==, 2);
  g_clear_pointer (&templates, g_ptr_array_unref);

  g_assert_false (delete_template (fixture->store, liaison_template_get_id (birthday), &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  liaison_store_get_template_async (fixture->store, liaison_template_get_id (birthday), NULL,
                                    liaison_test_async_cb, &result);
  g_assert_null (liaison_store_get_template_finish (fixture->store, liaison_test_wait (&result),
                                                    &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  liaison_store_update_template_async (fixture->store, liaison_template_get_id (birthday),
                                      "Gone", "Body", NULL, NULL, liaison_test_async_cb, &result);
  g_assert_null (liaison_store_update_template_finish (fixture->store, liaison_test_wait (&result),
                                                       &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);
}

static void
test_store_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTemplate) first = NULL;
  g_autoptr(LiaisonTemplate) second = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_null (add_template (fixture->store, " ", "Body", NULL, &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (add_template (fixture->store, "Empty", "", NULL, &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (add_template (fixture->store, "Typo", "Hi {frist_name}", NULL, &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "{frist_name}"));
  g_clear_error (&error);

  first = add_template (fixture->store, "Hello", "Hello!", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (add_template (fixture->store, "Hello", "Hello again!", NULL, &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);

  second = add_template (fixture->store, "Bye", "Bye!", NULL, &error);
  g_assert_no_error (error);
  liaison_store_update_template_async (fixture->store, liaison_template_get_id (second),
                                      "Hello", "Bye!", NULL, NULL, liaison_test_async_cb, &result);
  g_assert_null (liaison_store_update_template_finish (fixture->store, liaison_test_wait (&result),
                                                       &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);

  templates = list_templates (fixture->store);
  g_assert_cmpuint (templates->len, ==, 2);
}

static void
test_store_in_use (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonTemplate) tmpl = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  tmpl = add_template (fixture->store, "Step one", "Hi {first_name}", NULL, &error);
  g_assert_no_error (error);

  /* A sequence step refers to it (sequences are another part's tables:
   * written here behind the store's back, on a second connection). */
  g_assert_cmpint (sqlite3_open (liaison_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("INSERT INTO sequences (id, name, created_at, updated_at) "
                         "VALUES (1, 'Onboarding', 0, 0);"
                         "INSERT INTO sequence_steps (sequence_id, position, template_id) "
                         "VALUES (1, 0, %" G_GINT64_FORMAT ");",
                         liaison_template_get_id (tmpl));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_false (delete_template (fixture->store, liaison_template_get_id (tmpl), &error));
  g_assert_error (error, LIAISON_TEMPLATE_ERROR, LIAISON_TEMPLATE_ERROR_IN_USE);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/Template/expand-every-placeholder", test_expand_every_placeholder);
  g_test_add_func ("/Liaison/Template/expand-full-name", test_expand_full_name);
  g_test_add_func ("/Liaison/Template/expand-literals", test_expand_literals);
  g_test_add_func ("/Liaison/Template/expand-no-placeholders", test_expand_no_placeholders);
  g_test_add_func ("/Liaison/Template/unknown-placeholder", test_unknown_placeholder);
  g_test_add_func ("/Liaison/Template/missing-value", test_missing_value);
  g_test_add_func ("/Liaison/Template/date-formatting", test_date_formatting);
  g_test_add ("/Liaison/Template/store-crud", Fixture, NULL,
              fixture_setup, test_store_crud, fixture_teardown);
  g_test_add ("/Liaison/Template/store-invalid", Fixture, NULL,
              fixture_setup, test_store_invalid, fixture_teardown);
  g_test_add ("/Liaison/Template/store-in-use", Fixture, NULL,
              fixture_setup, test_store_in_use, fixture_teardown);

  return g_test_run ();
}
