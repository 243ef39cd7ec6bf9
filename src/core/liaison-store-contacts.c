/* liaison-store-contacts.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-contacts"

#include "config.h"

#include "liaison-store-private.h"
#include "liaison-store-contacts-private.h"
#include "liaison-contact-private.h"
#include "liaison-contact-phone.h"
#include "liaison-log.h"
#include "liaison-phone.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/*
 * Contacts for the CRM pages. As in liaison-store-queries.c, each function has
 * an _async half that copies its arguments and a worker half (…_work).
 *
 * Lists are paged by key, never by OFFSET. The list SQL is put together from
 * the filters that are set (one cached statement per combination) so that
 * SQLite can pick the index of the most selective filter:
 *   name order     contacts_by_name, or contacts_by_kind / contacts_by_owner
 *                  (kind|owner, name, id) when filtering by kind or owner;
 *   updated order  contacts_by_updated, or contacts_by_stage (stage,
 *                  updated_at, rowid) when filtering by stage;
 *   created order  the rowid (ids grow with creation time).
 * Full-text and tag filters are rowid lists from contacts_fts and
 * contact_tags_by_tag. Combinations without a matching composite index
 * (stage by name, tag by name…) search one index and sort the matches.
 */

#define MAX_PAGE 1000

#define CONTACT_EXTRA_COLUMNS \
  "coalesce ((SELECT s.state = 'opted-out' FROM consent_state s WHERE s.e164 = " \
  "  (SELECT p.e164 FROM contact_phones p WHERE p.contact_id = c.id " \
  "   ORDER BY p.is_primary DESC, p.id LIMIT 1)), 0), " \
  "EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND p.is_bad = 1), " \
  "coalesce ((SELECT max (t.last_time) FROM threads t WHERE t.contact_id = c.id), 0)"

#define SQL_GET_CONTACT_DETAILS \
  "SELECT " LIAISON_CONTACT_COLUMNS ", " CONTACT_EXTRA_COLUMNS " FROM contacts c WHERE c.id = ?1"

#define SQL_CONTACT_PHONE_DETAILS \
  "SELECT p.e164, p.label, p.line_type, p.is_primary, p.is_bad, p.bad_reason, " \
  "coalesce (s.state = 'opted-out', 0) " \
  "FROM contact_phones p LEFT JOIN consent_state s ON s.e164 = p.e164 " \
  "WHERE p.contact_id = ?1 ORDER BY p.is_primary DESC, p.id"

#define SQL_CONTACT_TAGS \
  "SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY tag"

#define SQL_INSERT_CONTACT \
  "INSERT INTO contacts (display_name, first_name, last_name, company, email, kind, " \
  "pipeline_stage, owner, notes, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"

#define SQL_UPDATE_CONTACT \
  "UPDATE contacts SET display_name = ?2, first_name = ?3, last_name = ?4, company = ?5, " \
  "email = ?6, kind = ?7, pipeline_stage = ?8, owner = ?9, notes = ?10, updated_at = ?11 " \
  "WHERE id = ?1"

#define SQL_MERGE_CONTACT \
  "UPDATE contacts SET " \
  "display_name = CASE WHEN display_name = '' THEN coalesce (?2, '') ELSE display_name END, " \
  "first_name = coalesce (nullif (first_name, ''), ?3), " \
  "last_name = coalesce (nullif (last_name, ''), ?4), " \
  "company = coalesce (nullif (company, ''), ?5), " \
  "email = coalesce (nullif (email, ''), ?6), " \
  "pipeline_stage = coalesce (nullif (pipeline_stage, ''), ?7), " \
  "owner = coalesce (nullif (owner, ''), ?8), " \
  "notes = coalesce (nullif (notes, ''), ?9), " \
  "updated_at = ?10 WHERE id = ?1"

#define SQL_CONTACT_PHONE_NUMBERS \
  "SELECT e164 FROM contact_phones WHERE contact_id = ?1"

#define SQL_DELETE_CONTACT_PHONE \
  "DELETE FROM contact_phones WHERE contact_id = ?1 AND e164 = ?2"

#define SQL_UPSERT_CONTACT_PHONE \
  "INSERT INTO contact_phones (contact_id, e164, label, line_type, is_primary) " \
  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (contact_id, e164) DO UPDATE SET " \
  "label = excluded.label, is_primary = excluded.is_primary, " \
  "line_type = coalesce (excluded.line_type, contact_phones.line_type)"

#define SQL_MERGE_CONTACT_PHONE \
  "INSERT INTO contact_phones (contact_id, e164, label, line_type, is_primary) " \
  "VALUES (?1, ?2, ?3, ?4, NOT EXISTS (SELECT 1 FROM contact_phones q WHERE q.contact_id = ?1)) " \
  "ON CONFLICT (contact_id, e164) DO UPDATE SET " \
  "label = coalesce (contact_phones.label, excluded.label), " \
  "line_type = coalesce (contact_phones.line_type, excluded.line_type)"

#define SQL_DELETE_CONTACT_TAGS \
  "DELETE FROM contact_tags WHERE contact_id = ?1"

#define SQL_INSERT_CONTACT_TAG \
  "INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)"

#define SQL_DELETE_CONTACT \
  "DELETE FROM contacts WHERE id = ?1"

#define SQL_SET_STAGE \
  "UPDATE contacts SET pipeline_stage = ?2, updated_at = ?3 WHERE id = ?1"

#define SQL_LIST_STAGES \
  "SELECT DISTINCT pipeline_stage FROM contacts " \
  "WHERE pipeline_stage IS NOT NULL AND pipeline_stage != '' ORDER BY pipeline_stage"

#define SQL_LIST_TAGS \
  "SELECT DISTINCT tag FROM contact_tags ORDER BY tag"

#define SQL_LIST_OWNERS \
  "SELECT DISTINCT owner FROM contacts WHERE owner IS NOT NULL AND owner != '' " \
  "ORDER BY owner COLLATE NOCASE"

#define SQL_FIND_BY_E164 \
  "SELECT contact_id FROM contact_phones WHERE e164 = ?1 ORDER BY is_primary DESC, id LIMIT 1"

/* One scan per import: there is no index on email (see the report). */
#define SQL_CONTACT_EMAILS \
  "SELECT id, email FROM contacts WHERE email IS NOT NULL AND email != ''"

#define CONTACT_NUMBERS(id) \
  "(SELECT p.e164 FROM contact_phones p WHERE p.contact_id = " id ")"

#define CONTACT_THREADS(id) \
  "(SELECT t.id FROM threads t WHERE t.remote_number IN " CONTACT_NUMBERS (id) ")"

#define SQL_TIMELINE_MESSAGES \
  "SELECT m.id, m.created_at, m.body, m.direction, m.status, m.thread_id, NULL, m.num_media " \
  "FROM messages m WHERE m.thread_id IN " CONTACT_THREADS ("?1") " " \
  "AND (m.created_at, m.id) < (?2, ?3) ORDER BY m.created_at DESC, m.id DESC LIMIT ?4"

#define SQL_TIMELINE_CALLS \
  "SELECT c.id, c.started_at, NULL, c.direction, c.status, coalesce (c.thread_id, 0), c.sid, " \
  "coalesce (c.duration_s, 0) " \
  "FROM calls c WHERE (c.contact_id = ?1 OR c.thread_id IN " CONTACT_THREADS ("?1") ") " \
  "AND (c.started_at, c.id) < (?2, ?3) ORDER BY c.started_at DESC, c.id DESC LIMIT ?4"

#define SQL_TIMELINE_VOICEMAILS \
  "SELECT v.id, v.created_at, NULL, 'inbound', CASE v.is_heard WHEN 1 THEN 'heard' ELSE 'new' END, " \
  "0, v.call_sid, coalesce (v.duration_s, 0) " \
  "FROM voicemails v WHERE v.contact_id = ?1 " \
  "AND (v.created_at, v.id) < (?2, ?3) ORDER BY v.created_at DESC, v.id DESC LIMIT ?4"

#define SQL_TIMELINE_CONSENT \
  "SELECT e.id, e.created_at, e.note, e.source, e.event, 0, e.channel, 0 " \
  "FROM consent_events e WHERE (e.contact_id = ?1 OR e.e164 IN " CONTACT_NUMBERS ("?1") ") " \
  "AND (e.created_at, e.id) < (?2, ?3) ORDER BY e.created_at DESC, e.id DESC LIMIT ?4"

static const char * const timeline_sql[] = {
  "timeline-messages", SQL_TIMELINE_MESSAGES,
  "timeline-calls", SQL_TIMELINE_CALLS,
  "timeline-voicemails", SQL_TIMELINE_VOICEMAILS,
  "timeline-consent", SQL_TIMELINE_CONSENT,
  NULL
};

const char * const *
_liaison_store_contacts_get_timeline_sql (void)
{
  return timeline_sql;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
bind_set_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (is_set (text))
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
is_e164 (const char *number)
{
  gsize len;

  if (number == NULL || number[0] != '+' || number[1] < '1' || number[1] > '9')
    return FALSE;

  len = strlen (number);
  if (len < 3 || len > 16)
    return FALSE;

  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;

  return TRUE;
}

static char *
line_type_of (const char *e164)
{
  g_autoptr(LiaisonPhoneNumber) number = liaison_phone_number_parse (e164, NULL, NULL);

  if (number == NULL)
    return NULL;

  return g_strdup (liaison_phone_line_type_to_string (liaison_phone_number_get_line_type (number)));
}

/* Reading contacts */

static LiaisonContact *
contact_from_stmt (LiaisonStore  *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(LiaisonContact) contact = _liaison_contact_new_from_stmt (stmt, 0);
  g_autoptr(LiaisonStoreStmt) phones = NULL;
  g_autoptr(LiaisonStoreStmt) tags = NULL;
  g_autoptr(GStrvBuilder) numbers = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tag_names = g_strv_builder_new ();
  GListStore *details = g_list_store_new (LIAISON_TYPE_CONTACT_PHONE);
  int c = LIAISON_CONTACT_N_COLUMNS;
  gint64 id = liaison_contact_get_id (contact);
  int rc;

  _liaison_contact_set_flags (contact,
                              sqlite3_column_int (stmt, c),
                              sqlite3_column_int (stmt, c + 1),
                              sqlite3_column_int64 (stmt, c + 2));
  _liaison_contact_take_phone_details (contact, details);

  phones = _liaison_store_prepare (self, SQL_CONTACT_PHONE_DETAILS, error);
  if (phones == NULL)
    return NULL;

  sqlite3_bind_int64 (phones, 1, id);
  while ((rc = sqlite3_step (phones)) == SQLITE_ROW)
    {
      g_autoptr(LiaisonContactPhone) phone = NULL;

      phone = _liaison_contact_phone_new ((const char *) sqlite3_column_text (phones, 0),
                                          (const char *) sqlite3_column_text (phones, 1),
                                          (const char *) sqlite3_column_text (phones, 2),
                                          sqlite3_column_int (phones, 3),
                                          sqlite3_column_int (phones, 4),
                                          (const char *) sqlite3_column_text (phones, 5),
                                          sqlite3_column_int (phones, 6));
      g_strv_builder_add (numbers, (const char *) sqlite3_column_text (phones, 0));
      g_list_store_append (details, phone);
    }
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, sqlite3_db_handle (phones), rc);
      return NULL;
    }

  tags = _liaison_store_prepare (self, SQL_CONTACT_TAGS, error);
  if (tags == NULL)
    return NULL;

  sqlite3_bind_int64 (tags, 1, id);
  while ((rc = sqlite3_step (tags)) == SQLITE_ROW)
    g_strv_builder_add (tag_names, (const char *) sqlite3_column_text (tags, 0));
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, sqlite3_db_handle (tags), rc);
      return NULL;
    }

  _liaison_contact_take_phones (contact, g_strv_builder_end (numbers));
  _liaison_contact_take_tags (contact, g_strv_builder_end (tag_names));

  return g_steal_pointer (&contact);
}

char *
_liaison_store_contacts_build_list_sql (const LiaisonStoreContactFilter *filter)
{
  static const LiaisonStoreContactFilter no_filter = { NULL, };
  GString *sql = g_string_new ("SELECT " LIAISON_CONTACT_COLUMNS ", " CONTACT_EXTRA_COLUMNS
                               " FROM contacts c WHERE ");

  if (filter == NULL)
    filter = &no_filter;

  if (is_set (filter->query))
    g_string_append (sql, "c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1) AND ");
  if (is_set (filter->pipeline_stage))
    g_string_append (sql, "c.pipeline_stage = ?2 AND ");
  if (is_set (filter->kind))
    g_string_append (sql, "c.kind = ?3 AND ");
  if (is_set (filter->tag))
    g_string_append (sql, "c.id IN (SELECT g.contact_id FROM contact_tags g WHERE g.tag = ?4) AND ");
  if (is_set (filter->owner))
    g_string_append (sql, "c.owner = ?5 AND ");

  switch (filter->sort)
    {
    case LIAISON_CONTACT_SORT_UPDATED:
      g_string_append (sql, "(c.updated_at, c.id) < (?7, ?8) "
                            "ORDER BY c.updated_at DESC, c.id DESC LIMIT ?9");
      break;

    case LIAISON_CONTACT_SORT_CREATED:
      g_string_append (sql, "c.id < ?8 ORDER BY c.id DESC LIMIT ?9");
      break;

    case LIAISON_CONTACT_SORT_NAME:
    default:
      g_string_append (sql, "(c.display_name COLLATE NOCASE, c.id) > (?6, ?8) "
                            "ORDER BY c.display_name COLLATE NOCASE, c.id LIMIT ?9");
      break;
    }

  return g_string_free (sql, FALSE);
}

typedef struct
{
  char               *fts_query;
  char               *stage;
  char               *kind;
  char               *tag;
  char               *owner;
  LiaisonContactSort  sort;
  char               *after_name;
  gint64              after_time;
  gint64              after_id;
  guint               limit;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *list = data;

  g_free (list->fts_query);
  g_free (list->stage);
  g_free (list->kind);
  g_free (list->tag);
  g_free (list->owner);
  g_free (list->after_name);
  g_free (list);
}

static gpointer
list_contacts_work (LiaisonStore  *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ListData *list = data;
  LiaisonStoreContactFilter filter = {
    list->fts_query, list->stage, list->kind, list->tag, list->owner, list->sort
  };
  g_autofree char *sql = _liaison_store_contacts_build_list_sql (&filter);
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  /* The statement cache copies the text: one entry per filter combination. */
  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_set_text_or_null (stmt, 1, list->fts_query);
  bind_set_text_or_null (stmt, 2, list->stage);
  bind_set_text_or_null (stmt, 3, list->kind);
  bind_set_text_or_null (stmt, 4, list->tag);
  bind_set_text_or_null (stmt, 5, list->owner);
  sqlite3_bind_text (stmt, 6, list->after_name != NULL ? list->after_name : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, list->after_time);
  sqlite3_bind_int64 (stmt, 8, list->after_id);
  sqlite3_bind_int (stmt, 9, (int) list->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonContact *contact = contact_from_stmt (self, stmt, error);

      if (contact == NULL)
        return NULL;
      g_ptr_array_add (contacts, contact);
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&contacts);
}

void
liaison_store_list_contacts_async (LiaisonStore                    *self,
                                   const LiaisonStoreContactFilter *filter,
                                   LiaisonContact                  *after,
                                   guint                            limit,
                                   GCancellable                    *cancellable,
                                   GAsyncReadyCallback              callback,
                                   gpointer                         user_data)
{
  GTask *task;
  ListData *list;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (after == NULL || LIAISON_IS_CONTACT (after));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_contacts_async);

  list = g_new0 (ListData, 1);
  if (filter != NULL)
    {
      if (is_set (filter->query))
        {
          list->fts_query = _liaison_store_build_fts_query (filter->query);
          if (list->fts_query == NULL)
            {
              /* Only punctuation: nothing can match. */
              list_data_free (list);
              g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                                     (GDestroyNotify) g_ptr_array_unref);
              g_object_unref (task);
              return;
            }
        }
      list->stage = is_set (filter->pipeline_stage) ? g_strdup (filter->pipeline_stage) : NULL;
      list->kind = is_set (filter->kind) ? g_strdup (filter->kind) : NULL;
      list->tag = is_set (filter->tag) ? g_strdup (filter->tag) : NULL;
      list->owner = is_set (filter->owner) ? g_strdup (filter->owner) : NULL;
      list->sort = filter->sort;
    }

  if (after != NULL)
    {
      list->after_name = g_strdup (liaison_contact_get_display_name (after));
      list->after_time = liaison_contact_get_date_updated (after);
      list->after_id = liaison_contact_get_id (after);
    }
  else
    {
      list->after_time = G_MAXINT64;
      list->after_id = list->sort == LIAISON_CONTACT_SORT_NAME ? 0 : G_MAXINT64;
    }
  list->limit = CLAMP (limit, 1, MAX_PAGE);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_contacts_work,
                         list, list_data_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_contacts_finish (LiaisonStore  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_list_contacts_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One contact with details */

static gpointer
get_contact_details_work (LiaisonStore  *self,
                          sqlite3       *db,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gint64 contact_id = *(gint64 *) data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, SQL_GET_CONTACT_DETAILS, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return contact_from_stmt (self, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                         _("The contact no longer exists."));
  else
    _liaison_store_set_error (error, db, rc);

  return NULL;
}

void
liaison_store_get_contact_details_async (LiaisonStore        *self,
                                         gint64               contact_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_get_contact_details_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, get_contact_details_work,
                         g_memdup2 (&contact_id, sizeof contact_id), g_free, g_object_unref);
}

LiaisonContact *
liaison_store_get_contact_details_finish (LiaisonStore  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_get_contact_details_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving a contact */

typedef struct
{
  gint64  id;
  char   *display_name;
  char   *first_name;
  char   *last_name;
  char   *company;
  char   *email;
  char   *kind;
  char   *pipeline_stage;
  char   *owner;
  char   *notes;
  GStrv   phones;
  GStrv   labels;       /* same length as phones, "" for none */
  GStrv   tags;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_free (save->display_name);
  g_free (save->first_name);
  g_free (save->last_name);
  g_free (save->company);
  g_free (save->email);
  g_free (save->kind);
  g_free (save->pipeline_stage);
  g_free (save->owner);
  g_free (save->notes);
  g_strfreev (save->phones);
  g_strfreev (save->labels);
  g_strfreev (save->tags);
  g_free (save);
}

static gboolean
replace_phones_and_tags (LiaisonStore  *self,
                         SaveData      *save,
                         GError       **error)
{
  g_autoptr(GPtrArray) old_numbers = g_ptr_array_new_with_free_func (g_free);
  int rc;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CONTACT_PHONE_NUMBERS,
                                                               error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, save->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (old_numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    if (rc != SQLITE_DONE)
      return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);
  }

  for (guint i = 0; i < old_numbers->len; i++)
    {
      const char *number = g_ptr_array_index (old_numbers, i);
      g_autoptr(LiaisonStoreStmt) stmt = NULL;

      if (g_strv_contains ((const char * const *) save->phones, number))
        continue;

      stmt = _liaison_store_prepare (self, SQL_DELETE_CONTACT_PHONE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, save->id);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_STATIC);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
    }

  for (guint i = 0; save->phones[i] != NULL; i++)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_UPSERT_CONTACT_PHONE,
                                                                 error);
      g_autofree char *line_type = line_type_of (save->phones[i]);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, save->id);
      sqlite3_bind_text (stmt, 2, save->phones[i], -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 3, save->labels[i]);
      bind_set_text_or_null (stmt, 4, line_type);
      sqlite3_bind_int (stmt, 5, i == 0 ? 1 : 0);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
    }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_DELETE_CONTACT_TAGS, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, save->id);
    if (!_liaison_store_step_done (stmt, error))
      return FALSE;
  }

  for (guint i = 0; save->tags[i] != NULL; i++)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_INSERT_CONTACT_TAG,
                                                                 error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, save->id);
      sqlite3_bind_text (stmt, 2, save->tags[i], -1, SQLITE_STATIC);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
save_contact_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SaveData *save = data;
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  gint64 now = g_get_real_time ();

  if (!_liaison_store_begin (self, error))
    return NULL;

  if (save->id == 0)
    {
      stmt = _liaison_store_prepare (self, SQL_INSERT_CONTACT, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, save->display_name, -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 2, save->first_name);
      bind_set_text_or_null (stmt, 3, save->last_name);
      bind_set_text_or_null (stmt, 4, save->company);
      bind_set_text_or_null (stmt, 5, save->email);
      sqlite3_bind_text (stmt, 6, save->kind, -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 7, save->pipeline_stage);
      bind_set_text_or_null (stmt, 8, save->owner);
      bind_set_text_or_null (stmt, 9, save->notes);
      sqlite3_bind_int64 (stmt, 10, now);
      if (!_liaison_store_step_done (stmt, error))
        goto failed;
      save->id = sqlite3_last_insert_rowid (db);
    }
  else
    {
      stmt = _liaison_store_prepare (self, SQL_UPDATE_CONTACT, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, save->id);
      sqlite3_bind_text (stmt, 2, save->display_name, -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 3, save->first_name);
      bind_set_text_or_null (stmt, 4, save->last_name);
      bind_set_text_or_null (stmt, 5, save->company);
      bind_set_text_or_null (stmt, 6, save->email);
      sqlite3_bind_text (stmt, 7, save->kind, -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 8, save->pipeline_stage);
      bind_set_text_or_null (stmt, 9, save->owner);
      bind_set_text_or_null (stmt, 10, save->notes);
      sqlite3_bind_int64 (stmt, 11, now);
      if (!_liaison_store_step_done (stmt, error))
        goto failed;
      if (sqlite3_changes (db) == 0)
        {
          g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                               _("The contact no longer exists."));
          goto failed;
        }
    }

  if (!replace_phones_and_tags (self, save, error))
    goto failed;

  if (!_liaison_store_commit (self, error))
    goto failed;

  return g_memdup2 (&save->id, sizeof save->id);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static char *
make_display_name (const char *display_name,
                   const char *first_name,
                   const char *last_name,
                   const char *company)
{
  if (is_set (display_name))
    return g_strstrip (g_strdup (display_name));
  if (is_set (first_name) || is_set (last_name))
    return g_strstrip (g_strdup_printf ("%s %s", first_name ? first_name : "",
                                        last_name ? last_name : ""));
  return g_strdup (company != NULL ? company : "");
}

void
liaison_store_save_contact_async (LiaisonStore                  *self,
                                  gint64                         contact_id,
                                  const LiaisonStoreContactInfo *info,
                                  const char * const            *phone_labels,
                                  GCancellable                  *cancellable,
                                  GAsyncReadyCallback            callback,
                                  gpointer                       user_data)
{
  static const char * const kinds[] = { "lead", "prospect", "client", "referral-partner", NULL };
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  GTask *task;
  SaveData *save;
  guint n_phones = 0;
  gboolean labels_done = FALSE;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (info != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_save_contact_async);

  if (info->kind != NULL && !g_strv_contains (kinds, info->kind))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Unknown kind of contact “%s”."), info->kind);
      g_object_unref (task);
      return;
    }

  for (guint i = 0; info->phones != NULL && info->phones[i] != NULL; i++, n_phones++)
    {
      if (!is_e164 (info->phones[i]))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("Phone number %u is not in international format "
                                     "(+ and country code, for example +15551234567)."), i + 1);
          g_object_unref (task);
          return;
        }

      if (phone_labels == NULL || phone_labels[i] == NULL)
        labels_done = TRUE;
      g_strv_builder_add (labels, (!labels_done && phone_labels != NULL) ? phone_labels[i] : "");
    }

  save = g_new0 (SaveData, 1);
  save->id = contact_id;
  save->display_name = make_display_name (info->display_name, info->first_name, info->last_name,
                                          info->company);
  save->first_name = g_strdup (info->first_name);
  save->last_name = g_strdup (info->last_name);
  save->company = g_strdup (info->company);
  save->email = g_strdup (info->email);
  save->kind = g_strdup (info->kind != NULL ? info->kind : "lead");
  save->pipeline_stage = g_strdup (info->pipeline_stage);
  save->owner = g_strdup (info->owner);
  save->notes = g_strdup (info->notes);
  save->phones = info->phones != NULL ? g_strdupv ((char **) info->phones) : g_new0 (char *, 1);
  save->labels = g_strv_builder_end (labels);
  save->tags = info->tags != NULL ? g_strdupv ((char **) info->tags) : g_new0 (char *, 1);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, save_contact_work,
                         save, save_data_free, g_free);
}

gint64
liaison_store_save_contact_finish (LiaisonStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_save_contact_async,
                        0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

/* Deleting, moving to a stage */

typedef struct
{
  gint64  id;
  char   *stage;
} StageData;

static void
stage_data_free (gpointer data)
{
  StageData *stage = data;

  g_free (stage->stage);
  g_free (stage);
}

static gpointer
delete_contact_work (LiaisonStore  *self,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  StageData *target = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_DELETE_CONTACT, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, target->id);
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                           _("The contact no longer exists."));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static gpointer
set_stage_work (LiaisonStore  *self,
                sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  StageData *target = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_STAGE, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, target->id);
  bind_set_text_or_null (stmt, 2, target->stage);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                           _("The contact no longer exists."));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static void
submit_target (LiaisonStore         *self,
               gpointer              source_tag,
               LiaisonStoreWorkFunc  func,
               gint64                contact_id,
               const char           *stage,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  StageData *target = g_new0 (StageData, 1);

  g_task_set_source_tag (task, source_tag);
  target->id = contact_id;
  target->stage = is_set (stage) ? g_strstrip (g_strdup (stage)) : NULL;

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, func,
                         target, stage_data_free, NULL);
}

void
liaison_store_delete_contact_async (LiaisonStore        *self,
                                    gint64               contact_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  submit_target (self, liaison_store_delete_contact_async, delete_contact_work, contact_id, NULL,
                 cancellable, callback, user_data);
}

gboolean
liaison_store_delete_contact_finish (LiaisonStore  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_delete_contact_async, FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

void
liaison_store_set_pipeline_stage_async (LiaisonStore        *self,
                                        gint64               contact_id,
                                        const char          *stage,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  submit_target (self, liaison_store_set_pipeline_stage_async, set_stage_work, contact_id, stage,
                 cancellable, callback, user_data);
}

gboolean
liaison_store_set_pipeline_stage_finish (LiaisonStore  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_set_pipeline_stage_async, FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/* Distinct values for the filter menus */

static gpointer
list_values_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  LiaisonContactValues which = GPOINTER_TO_INT (data);
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *sql;
  int rc;

  switch (which)
    {
    case LIAISON_CONTACT_VALUES_TAGS:
      sql = SQL_LIST_TAGS;
      break;
    case LIAISON_CONTACT_VALUES_OWNERS:
      sql = SQL_LIST_OWNERS;
      break;
    case LIAISON_CONTACT_VALUES_STAGES:
    default:
      sql = SQL_LIST_STAGES;
      break;
    }

  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

void
liaison_store_list_contact_values_async (LiaisonStore         *self,
                                         LiaisonContactValues  which,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_contact_values_async);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, list_values_work,
                         GINT_TO_POINTER (which), NULL, (GDestroyNotify) g_strfreev);
}

GStrv
liaison_store_list_contact_values_finish (LiaisonStore  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_list_contact_values_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Timeline */

typedef struct
{
  gint64               contact_id;
  LiaisonTimelineKind  before_kind;
  gint64               before_time;
  gint64               before_id;
  guint                limit;
} TimelineData;

static char *
duration_text (gint64 seconds)
{
  if (seconds <= 0)
    return g_strdup ("");

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static char *
timeline_summary (LiaisonTimelineKind  kind,
                  sqlite3_stmt        *stmt)
{
  const char *text = (const char *) sqlite3_column_text (stmt, 2);
  const char *status = (const char *) sqlite3_column_text (stmt, 4);
  gint64 number = sqlite3_column_int64 (stmt, 7);
  g_autofree char *duration = NULL;

  switch (kind)
    {
    case LIAISON_TIMELINE_MESSAGE:
      if ((text == NULL || *text == '\0') && number > 0)
        return g_strdup (_("Picture or attachment"));
      return g_strdup (text != NULL ? text : "");

    case LIAISON_TIMELINE_CALL:
      duration = duration_text (number);
      if (*duration == '\0')
        /* Translators: a call in a contact's history, with its status ("no-answer"…) */
        return g_strdup_printf (_("Call (%s)"), status);
      /* Translators: a call in a contact's history: its status and length (m:ss) */
      return g_strdup_printf (_("Call (%s), %s"), status, duration);

    case LIAISON_TIMELINE_VOICEMAIL:
      duration = duration_text (number);
      if (*duration == '\0')
        return g_strdup (_("Voicemail"));
      /* Translators: a voicemail in a contact's history and its length (m:ss) */
      return g_strdup_printf (_("Voicemail, %s"), duration);

    case LIAISON_TIMELINE_CONSENT:
    default:
      {
        const char *source = (const char *) sqlite3_column_text (stmt, 3);
        const char *what;

        if (g_strcmp0 (status, "opt-out") == 0)
          what = _("Opted out");
        else if (g_strcmp0 (status, "opt-in") == 0)
          what = _("Opted in");
        else
          what = _("Asked for help");

        if (text != NULL && *text != '\0')
          /* Translators: a consent event: what happened, its source ("keyword", "manual") and the note */
          return g_strdup_printf (_("%s (%s: %s)"), what, source, text);
        /* Translators: a consent event: what happened and its source ("keyword", "manual"…) */
        return g_strdup_printf (_("%s (%s)"), what, source);
      }
    }
}

static gboolean
timeline_source (LiaisonStore         *self,
                 LiaisonTimelineKind   kind,
                 const char           *sql,
                 TimelineData         *timeline,
                 GPtrArray            *items,
                 GError              **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, sql, error);
  gint64 before_id;
  int rc;

  if (stmt == NULL)
    return FALSE;

  /* The whole order is (time, kind, id) descending: at the cursor's time,
   * kinds below the cursor's come entirely, its own kind below its id. */
  if (kind < timeline->before_kind)
    before_id = G_MAXINT64;
  else if (kind == timeline->before_kind)
    before_id = timeline->before_id;
  else
    before_id = G_MININT64;

  sqlite3_bind_int64 (stmt, 1, timeline->contact_id);
  sqlite3_bind_int64 (stmt, 2, timeline->before_time);
  sqlite3_bind_int64 (stmt, 3, before_id);
  sqlite3_bind_int (stmt, 4, (int) timeline->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *summary = timeline_summary (kind, stmt);
      const char *direction = (const char *) sqlite3_column_text (stmt, 3);
      const char *status = (const char *) sqlite3_column_text (stmt, 4);
      const char *sid = (const char *) sqlite3_column_text (stmt, 6);

      if (kind == LIAISON_TIMELINE_CONSENT)
        {
          /* Columns 3 and 6 hold the source and channel: not a direction or a call. */
          direction = NULL;
          sid = NULL;
        }

      g_ptr_array_add (items, _liaison_timeline_item_new (kind,
                                                          sqlite3_column_int64 (stmt, 0),
                                                          sqlite3_column_int64 (stmt, 1),
                                                          summary, direction, status,
                                                          sqlite3_column_int64 (stmt, 5),
                                                          sid));
    }

  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  return TRUE;
}

static int
compare_items_newest_first (gconstpointer a,
                            gconstpointer b)
{
  LiaisonTimelineItem *ia = *(LiaisonTimelineItem * const *) a;
  LiaisonTimelineItem *ib = *(LiaisonTimelineItem * const *) b;
  gint64 ta = liaison_timeline_item_get_time (ia);
  gint64 tb = liaison_timeline_item_get_time (ib);
  LiaisonTimelineKind ka = liaison_timeline_item_get_kind (ia);
  LiaisonTimelineKind kb = liaison_timeline_item_get_kind (ib);
  gint64 da = liaison_timeline_item_get_id (ia);
  gint64 db = liaison_timeline_item_get_id (ib);

  if (ta != tb)
    return ta > tb ? -1 : 1;
  if (ka != kb)
    return ka > kb ? -1 : 1;
  if (da != db)
    return da > db ? -1 : 1;
  return 0;
}

static gpointer
timeline_work (LiaisonStore  *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  TimelineData *timeline = data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!timeline_source (self, LIAISON_TIMELINE_MESSAGE, SQL_TIMELINE_MESSAGES, timeline, items,
                        error) ||
      !timeline_source (self, LIAISON_TIMELINE_CALL, SQL_TIMELINE_CALLS, timeline, items, error) ||
      !timeline_source (self, LIAISON_TIMELINE_VOICEMAIL, SQL_TIMELINE_VOICEMAILS, timeline, items,
                        error) ||
      !timeline_source (self, LIAISON_TIMELINE_CONSENT, SQL_TIMELINE_CONSENT, timeline, items,
                        error))
    return NULL;

  g_ptr_array_sort (items, compare_items_newest_first);
  if (items->len > timeline->limit)
    g_ptr_array_remove_range (items, timeline->limit, items->len - timeline->limit);

  return g_steal_pointer (&items);
}

void
liaison_store_list_contact_timeline_async (LiaisonStore        *self,
                                           gint64               contact_id,
                                           LiaisonTimelineItem *before,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  TimelineData *timeline;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (before == NULL || LIAISON_IS_TIMELINE_ITEM (before));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_contact_timeline_async);

  timeline = g_new0 (TimelineData, 1);
  timeline->contact_id = contact_id;
  if (before != NULL)
    {
      timeline->before_kind = liaison_timeline_item_get_kind (before);
      timeline->before_time = liaison_timeline_item_get_time (before);
      timeline->before_id = liaison_timeline_item_get_id (before);
    }
  else
    {
      timeline->before_kind = LIAISON_TIMELINE_CONSENT;
      timeline->before_time = G_MAXINT64;
      timeline->before_id = G_MAXINT64;
    }
  timeline->limit = CLAMP (limit, 1, MAX_PAGE);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_READ, timeline_work,
                         timeline, g_free, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_contact_timeline_finish (LiaisonStore  *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_list_contact_timeline_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Import */

typedef struct
{
  GPtrArray *records;
  char      *region;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_ptr_array_unref (import->records);
  g_free (import->region);
  g_free (import);
}

static gboolean
find_by_numbers (LiaisonStore         *self,
                 LiaisonImportRecord  *record,
                 gint64               *out_id,
                 GError              **error)
{
  *out_id = 0;

  for (guint i = 0; i < record->phones->len; i++)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_FIND_BY_E164, error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, g_ptr_array_index (record->phones, i), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_id = sqlite3_column_int64 (stmt, 0);
          return TRUE;
        }
      if (rc != SQLITE_DONE)
        return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);
    }

  return TRUE;
}

static gboolean
add_record_phones_and_tags (LiaisonStore         *self,
                            gint64                id,
                            LiaisonImportRecord  *record,
                            GError              **error)
{
  for (guint i = 0; i < record->phones->len; i++)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_MERGE_CONTACT_PHONE,
                                                                 error);
      const char *e164 = g_ptr_array_index (record->phones, i);
      g_autofree char *line_type = line_type_of (e164);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, e164, -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 3, g_ptr_array_index (record->phone_labels, i));
      bind_set_text_or_null (stmt, 4, line_type);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < record->tags->len; i++)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_INSERT_CONTACT_TAG,
                                                                 error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (record->tags, i), -1, SQLITE_STATIC);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_one (LiaisonStore         *self,
            sqlite3              *db,
            LiaisonImportRecord  *record,
            GHashTable           *emails,
            gint64                now,
            LiaisonImportResult  *result,
            GError              **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  g_autofree char *email_key = NULL;
  gint64 id = 0;

  if (!find_by_numbers (self, record, &id, error))
    return FALSE;

  if (record->email != NULL)
    email_key = g_utf8_casefold (record->email, -1);

  if (id == 0 && email_key != NULL)
    id = GPOINTER_TO_SIZE (g_hash_table_lookup (emails, email_key));

  if (id != 0)
    {
      stmt = _liaison_store_prepare (self, SQL_MERGE_CONTACT, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_set_text_or_null (stmt, 2, record->display_name);
      bind_set_text_or_null (stmt, 3, record->first_name);
      bind_set_text_or_null (stmt, 4, record->last_name);
      bind_set_text_or_null (stmt, 5, record->company);
      bind_set_text_or_null (stmt, 6, record->email);
      bind_set_text_or_null (stmt, 7, record->pipeline_stage);
      bind_set_text_or_null (stmt, 8, record->owner);
      bind_set_text_or_null (stmt, 9, record->notes);
      sqlite3_bind_int64 (stmt, 10, now);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
      result->outcome = LIAISON_IMPORT_MERGED;
    }
  else
    {
      stmt = _liaison_store_prepare (self, SQL_INSERT_CONTACT, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record->display_name != NULL ? record->display_name : "", -1,
                         SQLITE_STATIC);
      bind_set_text_or_null (stmt, 2, record->first_name);
      bind_set_text_or_null (stmt, 3, record->last_name);
      bind_set_text_or_null (stmt, 4, record->company);
      bind_set_text_or_null (stmt, 5, record->email);
      sqlite3_bind_text (stmt, 6, record->kind != NULL ? record->kind : "lead", -1, SQLITE_STATIC);
      bind_set_text_or_null (stmt, 7, record->pipeline_stage);
      bind_set_text_or_null (stmt, 8, record->owner);
      bind_set_text_or_null (stmt, 9, record->notes);
      sqlite3_bind_int64 (stmt, 10, now);
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (db);
      result->outcome = LIAISON_IMPORT_ADDED;
    }

  if (!add_record_phones_and_tags (self, id, record, error))
    return FALSE;

  if (email_key != NULL && !g_hash_table_contains (emails, email_key))
    g_hash_table_insert (emails, g_steal_pointer (&email_key), GSIZE_TO_POINTER ((gsize) id));

  result->contact_id = id;
  return TRUE;
}

static gpointer
import_work (LiaisonStore  *self,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportData *import = data;
  g_autoptr(GArray) results = g_array_sized_new (FALSE, TRUE, sizeof (LiaisonImportResult),
                                                 import->records->len);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_added = 0, n_merged = 0, n_failed = 0;
  gint64 now = g_get_real_time ();
  int rc;

  g_array_set_clear_func (results, (GDestroyNotify) liaison_import_result_clear);

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CONTACT_EMAILS, error);

    if (stmt == NULL)
      goto failed;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char *key = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 1), -1);

        if (!g_hash_table_contains (emails, key))
          g_hash_table_insert (emails, key,
                               GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
        else
          g_free (key);
      }
    if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  for (guint i = 0; i < import->records->len; i++)
    {
      g_autoptr(LiaisonImportRecord) record = NULL;
      g_autoptr(GError) local_error = NULL;
      LiaisonImportResult result = { 0, };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      record = liaison_import_record_copy (g_ptr_array_index (import->records, i));
      result.source_row = record->source_row;

      if (!liaison_import_record_validate (record, import->region, &local_error))
        {
          result.outcome = LIAISON_IMPORT_FAILED;
          result.message = g_strdup (local_error->message);
          n_failed++;
        }
      else if (!import_one (self, db, record, emails, now, &result, error))
        goto failed;
      else if (result.outcome == LIAISON_IMPORT_ADDED)
        n_added++;
      else
        n_merged++;

      g_array_append_val (results, result);
    }

  if (!_liaison_store_commit (self, error))
    goto failed;

  g_debug ("Imported contacts: %u added, %u merged, %u skipped", n_added, n_merged, n_failed);

  return g_steal_pointer (&results);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

void
liaison_store_import_contacts_async (LiaisonStore        *self,
                                     GPtrArray           *records,
                                     const char          *default_region,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  ImportData *import;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (records != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_import_contacts_async);

  import = g_new0 (ImportData, 1);
  import->records = g_ptr_array_new_full (records->len,
                                          (GDestroyNotify) liaison_import_record_free);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (import->records,
                     liaison_import_record_copy (g_ptr_array_index (records, i)));
  import->region = g_strdup (default_region);

  _liaison_store_submit (self, task, LIAISON_STORE_PRIORITY_WRITE, import_work,
                         import, import_data_free, (GDestroyNotify) g_array_unref);
}

GArray *
liaison_store_import_contacts_finish (LiaisonStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liaison_store_import_contacts_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
