/* test-store-contacts.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-contacts"

#include "config.h"

#include "liaison-contact-import.h"
#include "liaison-store.h"
#include "liaison-store-contacts-private.h"
#include "liaison-test-utils.h"

#include <sqlite3.h>
#include <string.h>

typedef struct
{
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = liaison_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "liaison.db", NULL);
  f->store = liaison_store_new (f->path);
  liaison_store_open_async (f->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (f->store, result, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (f->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (f->store, result, &error));
  g_clear_object (&f->store);
  liaison_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Helpers */

static gint64
save_contact (Fixture                       *f,
              gint64                         id,
              const LiaisonStoreContactInfo *info,
              const char * const            *labels)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 saved;

  liaison_store_save_contact_async (f->store, id, info, labels, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  saved = liaison_store_save_contact_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved, >, 0);
  return saved;
}

static gint64
add_simple (Fixture    *f,
            const char *name,
            const char *stage,
            const char *kind,
            const char *tag,
            const char *owner,
            const char *phone)
{
  const char *phones[] = { phone, NULL };
  const char *tags[] = { tag, NULL };
  LiaisonStoreContactInfo info = {
    .display_name = name,
    .kind = kind,
    .pipeline_stage = stage,
    .owner = owner,
    .phones = phones,
    .tags = tags,
  };

  return save_contact (f, 0, &info, NULL);
}

static GPtrArray *
list_page (Fixture                         *f,
           const LiaisonStoreContactFilter *filter,
           LiaisonContact                  *after,
           guint                            limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts;

  liaison_store_list_contacts_async (f->store, filter, after, limit, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  contacts = liaison_store_list_contacts_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

/* The names of every contact the filter lists, page by page. */
static char *
list_names (Fixture                         *f,
            const LiaisonStoreContactFilter *filter,
            guint                            page_size)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  LiaisonContact *after = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) page = list_page (f, filter, after, page_size);

      for (guint i = 0; i < page->len; i++)
        {
          LiaisonContact *contact = g_ptr_array_index (page, i);
          gint64 *id = g_new (gint64, 1);

          *id = liaison_contact_get_id (contact);
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
          g_ptr_array_add (all, g_object_ref (contact));
          if (names->len > 0)
            g_string_append_c (names, ',');
          g_string_append (names, liaison_contact_get_display_name (contact));
        }

      if (page->len < page_size)
        break;
      after = g_ptr_array_index (all, all->len - 1);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Tests */

static void
test_filters_and_sorts (Fixture       *f,
                        gconstpointer  data)
{
  LiaisonStoreContactFilter filter = { 0, };
  g_autofree char *names = NULL;
  gint64 ann;

  ann = add_simple (f, "ann Archer", "New", "client", "vip", "Dana", "+12035550101");
  add_simple (f, "Bob Baker", "Qualified", "prospect", "golf", "Dana", "+12035550102");
  add_simple (f, "Carol Cole", "New", "lead", "vip", "Eli", "+12035550103");
  add_simple (f, "Dan Dunn", NULL, "referral-partner", NULL, NULL, "+12035550104");

  /* Name order ignores case. */
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "ann Archer,Bob Baker,Carol Cole,Dan Dunn");
  g_clear_pointer (&names, g_free);

  filter.pipeline_stage = "New";
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "ann Archer,Carol Cole");
  g_clear_pointer (&names, g_free);

  filter.pipeline_stage = NULL;
  filter.kind = "prospect";
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "Bob Baker");
  g_clear_pointer (&names, g_free);

  filter.kind = NULL;
  filter.tag = "vip";
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "ann Archer,Carol Cole");
  g_clear_pointer (&names, g_free);

  filter.tag = NULL;
  filter.owner = "Dana";
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "ann Archer,Bob Baker");
  g_clear_pointer (&names, g_free);

  /* Combined. */
  filter.tag = "vip";
  filter.owner = "Eli";
  filter.pipeline_stage = "New";
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "Carol Cole");
  g_clear_pointer (&names, g_free);

  /* Recently created first. */
  memset (&filter, 0, sizeof filter);
  filter.sort = LIAISON_CONTACT_SORT_CREATED;
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "Dan Dunn,Carol Cole,Bob Baker,ann Archer");
  g_clear_pointer (&names, g_free);

  /* Recently updated first: moving Ann puts her on top. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    liaison_store_set_pipeline_stage_async (f->store, ann, "Won", NULL, liaison_test_async_cb,
                                            &result);
    liaison_test_wait (&result);
    g_assert_true (liaison_store_set_pipeline_stage_finish (f->store, result, &error));
    g_assert_no_error (error);
  }
  filter.sort = LIAISON_CONTACT_SORT_UPDATED;
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "ann Archer,Dan Dunn,Carol Cole,Bob Baker");
  g_clear_pointer (&names, g_free);

  filter.pipeline_stage = "Won";
  names = list_names (f, &filter, 50);
  g_assert_cmpstr (names, ==, "ann Archer");
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  static const LiaisonContactSort sorts[] = {
    LIAISON_CONTACT_SORT_NAME, LIAISON_CONTACT_SORT_UPDATED, LIAISON_CONTACT_SORT_CREATED,
  };
  g_autoptr(GString) sql = g_string_new ("BEGIN;");

  /* 57 contacts, many with the same name and the same times: ties are broken
   * by id, so no page may repeat or skip one. */
  for (guint i = 0; i < 57; i++)
    g_string_append_printf (sql,
                            "INSERT INTO contacts (display_name, kind, pipeline_stage, created_at, "
                            "updated_at) VALUES ('%s %02u', '%s', 'New', %u, %u);",
                            i % 3 == 0 ? "Same" : "Name", i % 3 == 0 ? 0 : i,
                            i % 2 ? "lead" : "client", 1000 + i / 5, 2000 + i / 4);
  g_string_append (sql, "COMMIT;");
  raw_exec (f->path, sql->str);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint with_filter = 0; with_filter < 2; with_filter++)
      {
        LiaisonStoreContactFilter filter = { .sort = sorts[s] };
        g_autofree char *all = NULL;
        g_autofree char *paged = NULL;
        g_auto(GStrv) items = NULL;

        if (with_filter)
          filter.pipeline_stage = "New";

        all = list_names (f, &filter, 1000);
        paged = list_names (f, &filter, 7);
        g_assert_cmpstr (paged, ==, all);
        items = g_strsplit (all, ",", -1);
        g_assert_cmpuint (g_strv_length (items), ==, 57);

        filter.kind = "lead";
        g_clear_pointer (&all, g_free);
        g_clear_pointer (&paged, g_free);
        g_clear_pointer (&items, g_strfreev);
        all = list_names (f, &filter, 1000);
        paged = list_names (f, &filter, 4);
        g_assert_cmpstr (paged, ==, all);
        items = g_strsplit (all, ",", -1);
        g_assert_cmpuint (g_strv_length (items), ==, 28);
      }
}

static void
test_fts_prefix (Fixture       *f,
                 gconstpointer  data)
{
  LiaisonStoreContactFilter filter = { 0, };
  LiaisonStoreContactInfo info = { .first_name = "Johanna", .last_name = "Smith",
                                   .company = "Acme Wealth", .notes = "Prefers mornings" };
  g_autofree char *names = NULL;

  save_contact (f, 0, &info, NULL);
  add_simple (f, "John Doe", NULL, NULL, NULL, NULL, "+12035550111");
  add_simple (f, "Mary Major", NULL, NULL, NULL, NULL, "+12035550112");

  filter.query = "jo";
  names = list_names (f, &filter, 10);
  g_assert_cmpstr (names, ==, "Johanna Smith,John Doe");
  g_clear_pointer (&names, g_free);

  filter.query = "Johan";
  names = list_names (f, &filter, 10);
  g_assert_cmpstr (names, ==, "Johanna Smith");
  g_clear_pointer (&names, g_free);

  filter.query = "acme morn";
  names = list_names (f, &filter, 10);
  g_assert_cmpstr (names, ==, "Johanna Smith");
  g_clear_pointer (&names, g_free);

  filter.query = "\"(";
  names = list_names (f, &filter, 10);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  filter.query = "zzz";
  names = list_names (f, &filter, 10);
  g_assert_cmpstr (names, ==, "");
}

static LiaisonContact *
get_details (Fixture  *f,
             gint64    id,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_get_contact_details_async (f->store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_get_contact_details_finish (f->store, result, error);
}

static void
test_update_delete (Fixture       *f,
                    gconstpointer  data)
{
  const char *phones[] = { "+12035550121", "+12035550122", NULL };
  const char *labels[] = { "mobile", "work", NULL };
  const char *tags[] = { "vip", "golf", NULL };
  LiaisonStoreContactInfo info = {
    .first_name = "Ada", .last_name = "Lovelace", .company = "Engines", .email = "ada@example.com",
    .kind = "client", .pipeline_stage = "Onboarding", .owner = "Dana", .notes = "Note",
    .phones = phones, .tags = tags,
  };
  const char *new_phones[] = { "+12035550122", "+12035550123", NULL };
  const char *new_labels[] = { "home", NULL };
  const char *new_tags[] = { "annual-review", NULL };
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonContactPhone) phone = NULL;
  gint64 id;
  gint64 updated;

  id = save_contact (f, 0, &info, labels);
  contact = get_details (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_display_name (contact), ==, "Ada Lovelace");
  g_assert_cmpstr (liaison_contact_get_primary_phone (contact), ==, "+12035550121");
  g_assert_cmpstr (liaison_contact_get_tags (contact)[0], ==, "golf");
  g_assert_cmpuint (g_list_model_get_n_items (liaison_contact_get_phone_details (contact)), ==, 2);
  phone = g_list_model_get_item (liaison_contact_get_phone_details (contact), 1);
  g_assert_cmpstr (liaison_contact_phone_get_label (phone), ==, "work");
  g_assert_false (liaison_contact_phone_get_is_primary (phone));
  g_clear_object (&phone);
  updated = liaison_contact_get_date_updated (contact);
  g_clear_object (&contact);

  /* Every field replaced; the kept number keeps its flags. */
  raw_exec (f->path, "UPDATE contact_phones SET is_bad = 1, bad_reason = '30006' "
                     "WHERE e164 = '+12035550122'");
  g_usleep (2000);
  info.display_name = "Countess";
  info.company = NULL;
  info.kind = "prospect";
  info.pipeline_stage = NULL;
  info.phones = new_phones;
  info.tags = new_tags;
  g_assert_cmpint (save_contact (f, id, &info, new_labels), ==, id);

  contact = get_details (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_display_name (contact), ==, "Countess");
  g_assert_null (liaison_contact_get_company (contact));
  g_assert_null (liaison_contact_get_pipeline_stage (contact));
  g_assert_cmpstr (liaison_contact_get_kind (contact), ==, "prospect");
  g_assert_cmpint (liaison_contact_get_date_updated (contact), >, updated);
  g_assert_cmpuint (g_strv_length ((char **) liaison_contact_get_phones (contact)), ==, 2);
  g_assert_cmpstr (liaison_contact_get_primary_phone (contact), ==, "+12035550122");
  g_assert_cmpstr (liaison_contact_get_phones (contact)[1], ==, "+12035550123");
  g_assert_cmpstr (liaison_contact_get_tags (contact)[0], ==, "annual-review");
  g_assert_null (liaison_contact_get_tags (contact)[1]);
  g_assert_true (liaison_contact_get_has_bad_number (contact));
  phone = g_list_model_get_item (liaison_contact_get_phone_details (contact), 0);
  g_assert_cmpstr (liaison_contact_phone_get_label (phone), ==, "home");
  g_assert_true (liaison_contact_phone_get_is_bad (phone));
  g_assert_cmpstr (liaison_contact_phone_get_bad_reason (phone), ==, "30006");
  g_assert_true (liaison_contact_phone_get_is_primary (phone));
  g_clear_object (&contact);

  /* Unknown kinds and non-E.164 numbers are refused. */
  {
    const char *bad_phones[] = { "203-555-0199", NULL };
    LiaisonStoreContactInfo bad = { .display_name = "X", .phones = bad_phones };
    g_autoptr(GAsyncResult) r = NULL;

    liaison_store_save_contact_async (f->store, 0, &bad, NULL, NULL, liaison_test_async_cb, &r);
    liaison_test_wait (&r);
    g_assert_cmpint (liaison_store_save_contact_finish (f->store, r, &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  liaison_store_delete_contact_async (f->store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_delete_contact_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  contact = get_details (f, id, &error);
  g_assert_null (contact);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  liaison_store_delete_contact_async (f->store, id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_store_delete_contact_finish (f->store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
}

static GStrv
list_values (Fixture              *f,
             LiaisonContactValues  which)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GStrv values;

  liaison_store_list_contact_values_async (f->store, which, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  values = liaison_store_list_contact_values_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (values);
  return values;
}

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_auto(GStrv) stages = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) owners = NULL;
  g_autofree char *s = NULL;
  g_autofree char *t = NULL;
  g_autofree char *o = NULL;

  add_simple (f, "A", "Qualified", NULL, "vip", "Dana", "+12035550131");
  add_simple (f, "B", "New", NULL, "golf", "Eli", "+12035550132");
  add_simple (f, "C", "New", NULL, "vip", "Dana", "+12035550133");
  add_simple (f, "D", NULL, NULL, NULL, NULL, "+12035550134");

  stages = list_values (f, LIAISON_CONTACT_VALUES_STAGES);
  tags = list_values (f, LIAISON_CONTACT_VALUES_TAGS);
  owners = list_values (f, LIAISON_CONTACT_VALUES_OWNERS);
  s = g_strjoinv (",", stages);
  t = g_strjoinv (",", tags);
  o = g_strjoinv (",", owners);
  g_assert_cmpstr (s, ==, "New,Qualified");
  g_assert_cmpstr (t, ==, "golf,vip");
  g_assert_cmpstr (o, ==, "Dana,Eli");
}

static void
add_message (Fixture    *f,
             const char *remote,
             const char *body,
             gint64      time)
{
  LiaisonStoreMessageInfo info = {
    .our_number = "+12035550999", .remote_number = remote, .body = body,
    .direction = "inbound", .date_created = time,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_add_message_async (f->store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_store_add_message_finish (f->store, result, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static GPtrArray *
timeline_page (Fixture             *f,
               gint64               id,
               LiaisonTimelineItem *before,
               guint                limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  liaison_store_list_contact_timeline_async (f->store, id, before, limit, NULL,
                                             liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  items = liaison_store_list_contact_timeline_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GString) paged = g_string_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(LiaisonTimelineItem) last = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  id = add_simple (f, "Tim Line", NULL, NULL, NULL, NULL, "+12035550141");
  add_simple (f, "Other", NULL, NULL, NULL, NULL, "+12035550142");

  add_message (f, "+12035550141", "first text", 1000);
  add_message (f, "+12035550142", "not hers", 1500);
  add_message (f, "+12035550141", "second text", 5000);
  sql = g_strdup_printf (
    "INSERT INTO calls (sid, contact_id, direction, from_number, to_number, status, started_at, "
    "duration_s, created_at, updated_at) VALUES ('CAaaaa01', %" G_GINT64_FORMAT ", 'inbound', "
    "'+12035550141', '+12035550999', 'completed', 2000, 125, 2000, 2000);"
    "INSERT INTO voicemails (call_sid, contact_id, from_number, to_number, duration_s, created_at) "
    "VALUES ('CAaaaa02', %" G_GINT64_FORMAT ", '+12035550141', '+12035550999', 30, 3000);"
    "INSERT INTO consent_events (e164, event, source, channel, note, created_at) "
    "VALUES ('+12035550141', 'opt-out', 'keyword', 'sms', 'STOP', 4000);"
    "INSERT INTO consent_events (e164, event, source, created_at) "
    "VALUES ('+12035550142', 'opt-out', 'keyword', 4100);"
    /* Same time as the second text: the order stays total. */
    "INSERT INTO consent_events (e164, event, source, channel, created_at) "
    "VALUES ('+12035550141', 'opt-in', 'manual', 'in-person', 5000);",
    id, id);
  raw_exec (f->path, sql);

  all = timeline_page (f, id, NULL, 100);
  for (guint i = 0; i < all->len; i++)
    {
      LiaisonTimelineItem *item = g_ptr_array_index (all, i);

      g_string_append_printf (order, "%d@%" G_GINT64_FORMAT ";",
                              liaison_timeline_item_get_kind (item),
                              liaison_timeline_item_get_time (item));
    }
  g_assert_cmpstr (order->str, ==,
                   "3@5000;0@5000;3@4000;2@3000;1@2000;0@1000;");

  /* Summaries, ids to open. */
  g_assert_cmpstr (liaison_timeline_item_get_summary (g_ptr_array_index (all, 1)), ==,
                   "second text");
  g_assert_cmpint (liaison_timeline_item_get_thread_id (g_ptr_array_index (all, 1)), >, 0);
  g_assert_cmpstr (liaison_timeline_item_get_call_sid (g_ptr_array_index (all, 4)), ==, "CAaaaa01");
  g_assert_cmpstr (liaison_timeline_item_get_status (g_ptr_array_index (all, 2)), ==, "opt-out");
  g_assert_nonnull (strstr (liaison_timeline_item_get_summary (g_ptr_array_index (all, 4)), "2:05"));

  /* Pages of two give the same sequence. */
  for (;;)
    {
      g_autoptr(GPtrArray) page = timeline_page (f, id, last, 2);

      for (guint i = 0; i < page->len; i++)
        {
          LiaisonTimelineItem *item = g_ptr_array_index (page, i);

          g_string_append_printf (paged, "%d@%" G_GINT64_FORMAT ";",
                                  liaison_timeline_item_get_kind (item),
                                  liaison_timeline_item_get_time (item));
        }
      if (page->len < 2)
        break;
      g_set_object (&last, g_ptr_array_index (page, page->len - 1));
    }
  g_assert_cmpstr (paged->str, ==, order->str);
}

static LiaisonImportRecord *
record_new (const char *name,
            const char *phone,
            const char *email)
{
  LiaisonImportRecord *record = liaison_import_record_new ();

  record->display_name = g_strdup (name);
  record->email = g_strdup (email);
  if (phone != NULL)
    {
      g_ptr_array_add (record->phones, g_strdup (phone));
      g_ptr_array_add (record->phone_labels, g_strdup ("mobile"));
    }
  return record;
}

static void
test_import_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_import_record_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(LiaisonContact) contact = NULL;
  LiaisonImportRecord *record;
  LiaisonImportResult *r;
  gint64 existing;

  /* Already there, with a company and no email. */
  {
    const char *phones[] = { "+12035550150", NULL };
    LiaisonStoreContactInfo info = { .display_name = "Existing Person", .company = "Old Co",
                                     .phones = phones };

    existing = save_contact (f, 0, &info, NULL);
  }

  record = record_new ("Pat Jones", "(203) 555-0123", NULL);
  record->company = g_strdup ("Jones LLC");
  g_ptr_array_add (records, record);
  record = record_new ("Patricia Jones", "+1 203 555 0123", "pat@example.com");
  g_ptr_array_add (record->tags, g_strdup ("imported"));
  record->company = g_strdup ("Other Company");
  g_ptr_array_add (records, record);
  /* Same email (another case), new number: merged, the number added. */
  record = record_new (NULL, "203-555-0124", "PAT@example.com");
  g_ptr_array_add (records, record);
  /* Merged into the contact that was there: fills the email, keeps the company. */
  record = record_new ("Someone Else", "2035550150", "existing@example.com");
  record->company = g_strdup ("New Co");
  g_ptr_array_add (records, record);
  /* Errors. */
  g_ptr_array_add (records, record_new ("Bad Number", "12", NULL));
  g_ptr_array_add (records, record_new (NULL, NULL, "nobody@example.com"));
  record = record_new ("Kind", "203-555-0125", NULL);
  record->kind = g_strdup ("Referral Partner");
  g_ptr_array_add (records, record);
  for (guint i = 0; i < records->len; i++)
    ((LiaisonImportRecord *) g_ptr_array_index (records, i))->source_row = i + 1;

  liaison_store_import_contacts_async (f->store, records, "US", NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  results = liaison_store_import_contacts_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 7);

  r = &g_array_index (results, LiaisonImportResult, 0);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_ADDED);
  g_assert_cmpuint (r->source_row, ==, 1);
  r = &g_array_index (results, LiaisonImportResult, 1);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_MERGED);
  g_assert_cmpint (r->contact_id, ==, g_array_index (results, LiaisonImportResult, 0).contact_id);
  r = &g_array_index (results, LiaisonImportResult, 2);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_MERGED);
  g_assert_cmpint (r->contact_id, ==, g_array_index (results, LiaisonImportResult, 0).contact_id);
  r = &g_array_index (results, LiaisonImportResult, 3);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_MERGED);
  g_assert_cmpint (r->contact_id, ==, existing);
  r = &g_array_index (results, LiaisonImportResult, 4);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_FAILED);
  g_assert_nonnull (r->message);
  g_test_message ("Bad number: %s", r->message);
  r = &g_array_index (results, LiaisonImportResult, 5);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_FAILED);
  g_assert_nonnull (r->message);
  r = &g_array_index (results, LiaisonImportResult, 6);
  g_assert_cmpint (r->outcome, ==, LIAISON_IMPORT_ADDED);

  contact = get_details (f, g_array_index (results, LiaisonImportResult, 0).contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_display_name (contact), ==, "Pat Jones");
  g_assert_cmpstr (liaison_contact_get_company (contact), ==, "Jones LLC");
  g_assert_cmpstr (liaison_contact_get_email (contact), ==, "pat@example.com");
  g_assert_cmpstr (liaison_contact_get_phones (contact)[0], ==, "+12035550123");
  g_assert_cmpstr (liaison_contact_get_phones (contact)[1], ==, "+12035550124");
  g_assert_null (liaison_contact_get_phones (contact)[2]);
  g_assert_cmpstr (liaison_contact_get_tags (contact)[0], ==, "imported");
  g_clear_object (&contact);

  contact = get_details (f, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_display_name (contact), ==, "Existing Person");
  g_assert_cmpstr (liaison_contact_get_company (contact), ==, "Old Co");
  g_assert_cmpstr (liaison_contact_get_email (contact), ==, "existing@example.com");
  g_assert_null (liaison_contact_get_phones (contact)[1]);
  g_clear_object (&contact);

  contact = get_details (f, g_array_index (results, LiaisonImportResult, 6).contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_kind (contact), ==, "referral-partner");
}

static void
test_flags (Fixture       *f,
            gconstpointer  data)
{
  LiaisonStoreContactFilter filter = { 0, };
  g_autoptr(GPtrArray) page = NULL;
  LiaisonContact *a;
  LiaisonContact *b;

  add_simple (f, "A Opted", NULL, NULL, NULL, NULL, "+12035550161");
  add_simple (f, "B Bad", NULL, NULL, NULL, NULL, "+12035550162");
  add_message (f, "+12035550162", "hi", 7777);
  raw_exec (f->path,
            "INSERT INTO consent_events (e164, event, source, created_at) "
            "VALUES ('+12035550161', 'opt-out', 'keyword', 1);"
            "UPDATE contact_phones SET is_bad = 1 WHERE e164 = '+12035550162';");

  page = list_page (f, &filter, NULL, 10);
  g_assert_cmpuint (page->len, ==, 2);
  a = g_ptr_array_index (page, 0);
  b = g_ptr_array_index (page, 1);
  g_assert_true (liaison_contact_get_opted_out (a));
  g_assert_false (liaison_contact_get_has_bad_number (a));
  g_assert_false (liaison_contact_get_opted_out (b));
  g_assert_true (liaison_contact_get_has_bad_number (b));
  g_assert_cmpint (liaison_contact_get_last_activity (b), ==, 7777);
  {
    g_autoptr(LiaisonContactPhone) phone = g_list_model_get_item (liaison_contact_get_phone_details (a), 0);

    g_assert_true (liaison_contact_phone_get_opted_out (phone));
  }
}

/* Every filter combination and sort is served by an index: no plain scan of
 * the contacts table. */
static void
test_plans (Fixture       *f,
            gconstpointer  data)
{
  sqlite3 *db = raw_open (f->path);
  guint n = 0;
  const char * const *timeline = _liaison_store_contacts_get_timeline_sql ();

  for (guint mask = 0; mask < 32; mask++)
    for (int sort = LIAISON_CONTACT_SORT_NAME; sort <= LIAISON_CONTACT_SORT_CREATED; sort++)
      {
        LiaisonStoreContactFilter filter = {
          .query = (mask & 1) ? "x" : NULL,
          .pipeline_stage = (mask & 2) ? "x" : NULL,
          .kind = (mask & 4) ? "x" : NULL,
          .tag = (mask & 8) ? "x" : NULL,
          .owner = (mask & 16) ? "x" : NULL,
          .sort = sort,
        };
        g_autofree char *sql = _liaison_store_contacts_build_list_sql (&filter);
        g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
        sqlite3_stmt *stmt = NULL;
        g_autoptr(GString) plan = g_string_new (NULL);
        int rc;

        g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            const char *detail = (const char *) sqlite3_column_text (stmt, 3);

            g_string_append_printf (plan, "  %s\n", detail);
            /* "SCAN c" alone reads the whole table; "SCAN c USING INDEX" walks an index in order. */
            if (g_str_equal (detail, "SCAN c") || g_str_equal (detail, "SCAN contacts"))
              g_error ("mask %u sort %d: full scan\n%s", mask, sort, sql);
          }
        g_assert_cmpint (rc, ==, SQLITE_DONE);
        sqlite3_finalize (stmt);
        g_test_message ("plan: mask %u sort %d: %s", mask, sort,
                        strstr (plan->str, "TEMP B-TREE") != NULL ? "sorts" : "in index order");
        if (mask == 0 || mask == 2 || mask == 8 || mask == 1)
          g_test_message ("mask %u sort %d:\n%s", mask, sort, plan->str);
        n++;
      }

  for (guint i = 0; timeline[i] != NULL; i += 2)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", timeline[i + 1], NULL);
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *detail = (const char *) sqlite3_column_text (stmt, 3);

          g_test_message ("%s: %s", timeline[i], detail);
          if (g_str_has_prefix (detail, "SCAN ") && strstr (detail, "USING") == NULL &&
              strstr (detail, "VIRTUAL") == NULL)
            g_error ("%s: full scan: %s", timeline[i], detail);
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  g_assert_cmpuint (n, ==, 96);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Liaison/StoreContacts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("filters-and-sorts", test_filters_and_sorts);
  ADD ("paging", test_paging);
  ADD ("fts-prefix", test_fts_prefix);
  ADD ("update-delete", test_update_delete);
  ADD ("values", test_values);
  ADD ("timeline", test_timeline);
  ADD ("import-merge", test_import_merge);
  ADD ("flags", test_flags);
  ADD ("plans", test_plans);

#undef ADD

  return g_test_run ();
}
