/* liaison-sequence.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sequence"

#include "config.h"

#include "liaison-sequence-private.h"
#include "liaison-store-private.h"
#include "liaison-template.h"

#include <glib/gi18n-lib.h>

struct _LiaisonSequence
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  char      *trigger_stage;
  gboolean   enabled;
  GPtrArray *steps;
  guint      n_active;
  guint      n_completed;
  guint      n_stopped;
  gint64     updated_at;
};

G_DEFINE_FINAL_TYPE (LiaisonSequence, liaison_sequence, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-sequence-error-quark, liaison_sequence_error)

/* Model */

static void
liaison_sequence_finalize (GObject *object)
{
  LiaisonSequence *self = (LiaisonSequence *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->trigger_stage, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_sequence_parent_class)->finalize (object);
}

static void
liaison_sequence_class_init (LiaisonSequenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_sequence_finalize;
}

static void
liaison_sequence_init (LiaisonSequence *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static guint
column_count (sqlite3_stmt *stmt,
              int           column)
{
  gint64 n = sqlite3_column_int64 (stmt, column);

  return (guint) CLAMP (n, 0, G_MAXUINT);
}

#define SEQUENCE_COLUMNS \
  "s.id, s.name, s.trigger_stage, s.enabled, s.updated_at, " \
  "(SELECT count (*) FROM sequence_enrollments e WHERE e.sequence_id = s.id " \
  " AND e.state IN ('active', 'paused')), " \
  "(SELECT count (*) FROM sequence_enrollments e WHERE e.sequence_id = s.id " \
  " AND e.state = 'completed'), " \
  "(SELECT count (*) FROM sequence_enrollments e WHERE e.sequence_id = s.id " \
  " AND e.state = 'stopped')"

static LiaisonSequence *
sequence_new_from_stmt (sqlite3_stmt *stmt)
{
  LiaisonSequence *self = g_object_new (LIAISON_TYPE_SEQUENCE, NULL);
  const char *stage = column_text (stmt, 2);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->name = g_strdup (column_text (stmt, 1));
  self->trigger_stage = (stage != NULL && *stage != '\0') ? g_strdup (stage) : NULL;
  self->enabled = sqlite3_column_int (stmt, 3) != 0;
  self->updated_at = sqlite3_column_int64 (stmt, 4);
  self->n_active = column_count (stmt, 5);
  self->n_completed = column_count (stmt, 6);
  self->n_stopped = column_count (stmt, 7);

  return self;
}

gint64
liaison_sequence_get_id (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), 0);
  return self->id;
}

const char *
liaison_sequence_get_name (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), NULL);
  return self->name;
}

const char *
liaison_sequence_get_trigger_stage (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), NULL);
  return self->trigger_stage;
}

gboolean
liaison_sequence_get_enabled (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), FALSE);
  return self->enabled;
}

GPtrArray *
liaison_sequence_get_steps (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), NULL);
  return self->steps;
}

guint
liaison_sequence_get_n_active (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), 0);
  return self->n_active;
}

guint
liaison_sequence_get_n_completed (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), 0);
  return self->n_completed;
}

guint
liaison_sequence_get_n_stopped (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), 0);
  return self->n_stopped;
}

gint64
liaison_sequence_get_date_updated (LiaisonSequence *self)
{
  g_return_val_if_fail (LIAISON_IS_SEQUENCE (self), 0);
  return self->updated_at;
}

void
_liaison_sequence_claim_free (LiaisonSequenceClaim *claim)
{
  if (claim == NULL)
    return;

  g_free (claim->body);
  g_free (claim->first_name);
  g_free (claim->last_name);
  g_free (claim->display_name);
  g_free (claim->to);
  g_free (claim);
}

/* Store */

#define SQL_LIST_SEQUENCES \
  "SELECT " SEQUENCE_COLUMNS " FROM sequences s ORDER BY s.name COLLATE NOCASE, s.id"

#define SQL_GET_SEQUENCE \
  "SELECT " SEQUENCE_COLUMNS " FROM sequences s WHERE s.id = ?1"

#define SQL_LIST_STEPS \
  "SELECT st.delay_s, st.template_id, t.name, coalesce (t.body, st.body) " \
  "FROM sequence_steps st LEFT JOIN templates t ON t.id = st.template_id " \
  "WHERE st.sequence_id = ?1 ORDER BY st.position"

#define SQL_TEMPLATE_EXISTS \
  "SELECT 1 FROM templates WHERE id = ?1"

#define SQL_INSERT_SEQUENCE \
  "INSERT INTO sequences (name, trigger_stage, enabled, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?4)"

#define SQL_UPDATE_SEQUENCE \
  "UPDATE sequences SET name = ?2, trigger_stage = ?3, enabled = ?4, updated_at = ?5 WHERE id = ?1"

#define SQL_DELETE_STEPS \
  "DELETE FROM sequence_steps WHERE sequence_id = ?1"

#define SQL_INSERT_STEP \
  "INSERT INTO sequence_steps (sequence_id, position, delay_s, template_id, body) " \
  "VALUES (?1, ?2, ?3, ?4, ?5)"

#define SQL_COMPLETE_PAST_LAST \
  "UPDATE sequence_enrollments SET state = 'completed', next_run_at = NULL, updated_at = ?3 " \
  "WHERE sequence_id = ?1 AND state IN ('active', 'paused') AND next_step >= ?2"

#define SQL_SET_ENABLED \
  "UPDATE sequences SET enabled = ?2, updated_at = ?3 WHERE id = ?1"

#define SQL_DELETE_SEQUENCE \
  "DELETE FROM sequences WHERE id = ?1"

#define SQL_SEQUENCE_FIRST_DELAY \
  "SELECT (SELECT st.delay_s FROM sequence_steps st WHERE st.sequence_id = s.id " \
  "        ORDER BY st.position LIMIT 1) FROM sequences s WHERE s.id = ?1"

#define SQL_CONTACT_EXISTS \
  "SELECT 1 FROM contacts WHERE id = ?1"

#define SQL_ENROLLMENT_STATE \
  "SELECT state FROM sequence_enrollments WHERE sequence_id = ?1 AND contact_id = ?2"

#define SQL_ENROLL \
  "INSERT INTO sequence_enrollments (sequence_id, contact_id, next_step, state, next_run_at, " \
  "  enrolled_at, updated_at) VALUES (?1, ?2, 0, 'active', ?3, ?4, ?5) " \
  "ON CONFLICT (sequence_id, contact_id) DO UPDATE SET next_step = 0, state = 'active', " \
  "  stop_reason = NULL, stop_detail = NULL, next_run_at = excluded.next_run_at, " \
  "  enrolled_at = excluded.enrolled_at, updated_at = excluded.updated_at"

/* As the stage trigger of schema 4 does for a change of stage, for the
 * stage a contact has now (a contact just created with one). */
#define SQL_ENROLL_BY_STAGE \
  "INSERT INTO sequence_enrollments (sequence_id, contact_id, next_step, state, next_run_at, " \
  "  enrolled_at, updated_at) " \
  "SELECT s.id, c.id, 0, 'active', " \
  "  ?2 + (SELECT f.delay_s FROM sequence_steps f WHERE f.sequence_id = s.id " \
  "        ORDER BY f.position LIMIT 1) * 1000000, ?2, ?2 " \
  "FROM contacts c JOIN sequences s " \
  "  ON s.enabled = 1 AND s.trigger_stage IS NOT NULL " \
  "  AND lower (trim (s.trigger_stage)) = lower (trim (c.pipeline_stage)) " \
  "WHERE c.id = ?1 AND trim (coalesce (c.pipeline_stage, '')) <> '' " \
  "  AND EXISTS (SELECT 1 FROM sequence_steps x WHERE x.sequence_id = s.id) " \
  "ON CONFLICT (sequence_id, contact_id) DO UPDATE SET " \
  "  next_step = 0, state = 'active', stop_reason = NULL, stop_detail = NULL, " \
  "  next_run_at = excluded.next_run_at, enrolled_at = excluded.enrolled_at, " \
  "  updated_at = excluded.updated_at " \
  "WHERE state <> 'active'"

#define ENROLLMENT_COLUMNS \
  "e.id, e.sequence_id, s.name, e.contact_id, c.display_name, e.state, e.stop_reason, " \
  "e.stop_detail, e.next_step, e.next_run_at, e.enrolled_at, e.updated_at"

#define ENROLLMENT_FROM \
  " FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id " \
  "JOIN contacts c ON c.id = e.contact_id "

#define ENROLLMENT_ORDER \
  " ORDER BY e.state NOT IN ('active', 'paused'), " \
  "CASE WHEN e.state IN ('active', 'paused') THEN e.next_run_at END, " \
  "e.updated_at DESC, e.id DESC"

#define SQL_GET_ENROLLMENT \
  "SELECT " ENROLLMENT_COLUMNS ENROLLMENT_FROM "WHERE e.sequence_id = ?1 AND e.contact_id = ?2"

#define SQL_LIST_ENROLLMENTS_BY_SEQUENCE \
  "SELECT " ENROLLMENT_COLUMNS ENROLLMENT_FROM "WHERE e.sequence_id = ?1" ENROLLMENT_ORDER

#define SQL_LIST_ENROLLMENTS_BY_CONTACT \
  "SELECT " ENROLLMENT_COLUMNS ENROLLMENT_FROM "WHERE e.contact_id = ?1" ENROLLMENT_ORDER

#define SQL_STOP_BY_HAND \
  "UPDATE sequence_enrollments SET state = 'stopped', stop_reason = 'by-hand', " \
  "stop_detail = NULL, next_run_at = NULL, updated_at = ?2 " \
  "WHERE id = ?1 AND state IN ('active', 'paused')"

#define SQL_ENROLLMENT_EXISTS \
  "SELECT 1 FROM sequence_enrollments WHERE id = ?1"

/* CROSS JOIN keeps the enrolments outside: they are read in due order
 * from sequence_enrollments_due and the scan stops at the limit (the
 * planner would otherwise read every enrolment of each enabled sequence and
 * sort them: 2 ms instead of 0.05 at 10,000 enrolments, bench-sequences). */
#define SQL_DUE_ENROLLMENTS \
  "SELECT e.id, e.sequence_id, e.contact_id, e.next_step " \
  "FROM sequence_enrollments e CROSS JOIN sequences s ON s.id = e.sequence_id " \
  "WHERE e.state = 'active' AND e.next_run_at <= ?1 AND s.enabled = 1 " \
  "ORDER BY e.next_run_at, e.id LIMIT ?2"

#define SQL_CLAIM_STEP \
  "SELECT coalesce (t.body, st.body), " \
  "  (SELECT n.delay_s FROM sequence_steps n WHERE n.sequence_id = st.sequence_id " \
  "   AND n.position > st.position ORDER BY n.position LIMIT 1) " \
  "FROM sequence_steps st LEFT JOIN templates t ON t.id = st.template_id " \
  "WHERE st.sequence_id = ?1 ORDER BY st.position LIMIT 1 OFFSET ?2"

#define SQL_CLAIM_CONTACT \
  "SELECT first_name, last_name, display_name FROM contacts WHERE id = ?1"

/* A number that can take a text: not flagged bad, not a known landline. */
#define SQL_CLAIM_PHONE \
  "SELECT e164 FROM contact_phones WHERE contact_id = ?1 AND is_bad = 0 " \
  "AND coalesce (line_type, '') <> 'landline' ORDER BY is_primary DESC, id LIMIT 1"

#define SQL_CLAIM_ADVANCE \
  "UPDATE sequence_enrollments SET next_step = ?2, " \
  "  state = CASE WHEN ?3 IS NULL THEN 'completed' ELSE 'active' END, " \
  "  next_run_at = ?3, updated_at = ?4 " \
  "WHERE id = ?1 AND state = 'active'"

#define SQL_CLAIM_STOP \
  "UPDATE sequence_enrollments SET state = 'stopped', stop_reason = ?2, stop_detail = ?3, " \
  "  next_run_at = NULL, updated_at = ?4 " \
  "WHERE id = ?1 AND state = 'active'"

#define SQL_STOP_CLAIMED \
  "UPDATE sequence_enrollments SET state = 'stopped', stop_reason = ?3, stop_detail = ?4, " \
  "  next_step = ?2, next_run_at = NULL, updated_at = ?5 " \
  "WHERE id = ?1 AND next_step = ?2 + 1 AND state IN ('active', 'completed')"

#define SQL_POSTPONE_CLAIMED \
  "UPDATE sequence_enrollments SET next_run_at = next_run_at + ?3 " \
  "WHERE id = ?1 AND next_step = ?2 + 1 AND state = 'active' AND next_run_at IS NOT NULL"

#define SQL_NEXT_DUE \
  "SELECT e.next_run_at FROM sequence_enrollments e CROSS JOIN sequences s ON s.id = e.sequence_id " \
  "WHERE e.state = 'active' AND e.next_run_at IS NOT NULL AND s.enabled = 1 " \
  "ORDER BY e.next_run_at LIMIT 1"

typedef struct
{
  gint64     id;
  char      *name;
  char      *trigger_stage;
  gboolean   enabled;
  GPtrArray *steps;

  gint64     contact_id;
  gint64     now;
  guint      limit;
  guint      step;
  char      *reason;
  char      *detail;
} SequenceData;

static void
sequence_data_free (gpointer data)
{
  SequenceData *sd = data;

  g_free (sd->name);
  g_free (sd->trigger_stage);
  g_clear_pointer (&sd->steps, g_ptr_array_unref);
  g_free (sd->reason);
  g_free (sd->detail);
  g_free (sd);
}

static void
no_free (gpointer data)
{
}

static void
set_not_found (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_NOT_FOUND, message);
}

static gboolean
set_write_error (GError  **error,
                 sqlite3  *db,
                 int       rc)
{
  if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error_literal (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_DUPLICATE_NAME,
                           _("Another sequence already has this name."));
      return FALSE;
    }

  return _liaison_store_set_error (error, db, rc);
}

static gboolean
step_stmt (LiaisonStoreStmt  *stmt,
           GError           **error)
{
  sqlite3 *db = sqlite3_db_handle (stmt);
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return set_write_error (error, db, rc);
  return TRUE;
}

static gboolean
read_steps (LiaisonStore     *self,
            LiaisonSequence  *sequence,
            GError          **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_LIST_STEPS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, sequence->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sequence->steps,
                     _liaison_sequence_step_new_full (sqlite3_column_int64 (stmt, 0),
                                                      sqlite3_column_int64 (stmt, 1),
                                                      column_text (stmt, 2),
                                                      column_text (stmt, 3)));

  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, _liaison_store_get_db (self), rc);

  return TRUE;
}

static LiaisonSequence *
get_sequence (LiaisonStore  *self,
              gint64         id,
              GError       **error)
{
  g_autoptr(LiaisonSequence) sequence = NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_SEQUENCE, error);
    int rc;

    if (stmt == NULL)
      return NULL;

    sqlite3_bind_int64 (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        set_not_found (error, _("This sequence no longer exists."));
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        _liaison_store_set_error (error, _liaison_store_get_db (self), rc);
        return NULL;
      }
    sequence = sequence_new_from_stmt (stmt);
  }

  if (!read_steps (self, sequence, error))
    return NULL;

  return g_steal_pointer (&sequence);
}

static gpointer
list_sequences_work (LiaisonStore  *self,
                     sqlite3       *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GPtrArray) sequences = g_ptr_array_new_with_free_func (g_object_unref);

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_LIST_SEQUENCES, error);
    int rc;

    if (stmt == NULL)
      return NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (sequences, sequence_new_from_stmt (stmt));

    if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        return NULL;
      }
  }

  for (guint i = 0; i < sequences->len; i++)
    if (!read_steps (self, g_ptr_array_index (sequences, i), error))
      return NULL;

  return g_steal_pointer (&sequences);
}

static gpointer
save_sequence_work (LiaisonStore  *self,
                    sqlite3       *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  SequenceData *sd = data;
  gint64 now = g_get_real_time ();
  gint64 id = sd->id;

  if (!_liaison_store_begin (self, error))
    return NULL;

  for (guint i = 0; i < sd->steps->len; i++)
    {
      LiaisonSequenceStep *step = g_ptr_array_index (sd->steps, i);
      gint64 template_id = liaison_sequence_step_get_template_id (step);
      g_autoptr(LiaisonStoreStmt) stmt = NULL;
      int rc;

      if (template_id == 0)
        continue;

      stmt = _liaison_store_prepare (self, SQL_TEMPLATE_EXISTS, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, template_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          set_not_found (error, _("A template of this sequence no longer exists."));
          goto failed;
        }
      if (rc != SQLITE_ROW)
        {
          _liaison_store_set_error (error, db, rc);
          goto failed;
        }
    }

  {
    g_autoptr(LiaisonStoreStmt) stmt =
      _liaison_store_prepare (self, id == 0 ? SQL_INSERT_SEQUENCE : SQL_UPDATE_SEQUENCE, error);

    if (stmt == NULL)
      goto failed;

    if (id == 0)
      {
        sqlite3_bind_text (stmt, 1, sd->name, -1, SQLITE_STATIC);
        _liaison_store_bind_text_or_null (stmt, 2, sd->trigger_stage);
        sqlite3_bind_int (stmt, 3, sd->enabled ? 1 : 0);
        sqlite3_bind_int64 (stmt, 4, now);
      }
    else
      {
        sqlite3_bind_int64 (stmt, 1, id);
        sqlite3_bind_text (stmt, 2, sd->name, -1, SQLITE_STATIC);
        _liaison_store_bind_text_or_null (stmt, 3, sd->trigger_stage);
        sqlite3_bind_int (stmt, 4, sd->enabled ? 1 : 0);
        sqlite3_bind_int64 (stmt, 5, now);
      }

    if (!step_stmt (stmt, error))
      goto failed;

    if (id == 0)
      id = sqlite3_last_insert_rowid (db);
    else if (sqlite3_changes (db) == 0)
      {
        set_not_found (error, _("This sequence no longer exists."));
        goto failed;
      }
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_DELETE_STEPS, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!step_stmt (stmt, error))
      goto failed;
  }

  for (guint i = 0; i < sd->steps->len; i++)
    {
      LiaisonSequenceStep *step = g_ptr_array_index (sd->steps, i);
      gint64 template_id = liaison_sequence_step_get_template_id (step);
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_INSERT_STEP, error);

      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, liaison_sequence_step_get_delay (step));
      if (template_id > 0)
        {
          sqlite3_bind_int64 (stmt, 4, template_id);
          sqlite3_bind_null (stmt, 5);
        }
      else
        {
          sqlite3_bind_null (stmt, 4);
          sqlite3_bind_text (stmt, 5, liaison_sequence_step_get_body (step), -1, SQLITE_STATIC);
        }

      if (!step_stmt (stmt, error))
        goto failed;
    }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_COMPLETE_PAST_LAST, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_int64 (stmt, 2, sd->steps->len);
    sqlite3_bind_int64 (stmt, 3, now);
    if (!step_stmt (stmt, error))
      goto failed;
  }

  if (!_liaison_store_commit (self, error))
    goto failed;

  return get_sequence (self, id, error);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static gpointer
set_enabled_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SET_ENABLED, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sd->id);
  sqlite3_bind_int (stmt, 2, sd->enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!step_stmt (stmt, error))
    return NULL;

  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error, _("This sequence no longer exists."));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static gpointer
delete_sequence_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_DELETE_SEQUENCE, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sd->id);
  if (!step_stmt (stmt, error))
    return NULL;

  if (sqlite3_changes (db) == 0)
    {
      set_not_found (error, _("This sequence no longer exists."));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static LiaisonSequenceEnrollment *
get_enrollment (LiaisonStore  *self,
                gint64         sequence_id,
                gint64         contact_id,
                GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_GET_ENROLLMENT, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sequence_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _liaison_sequence_enrollment_new_from_stmt (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, _("This enrolment no longer exists."));
  else
    _liaison_store_set_error (error, _liaison_store_get_db (self), rc);

  return NULL;
}

static gpointer
enroll_work (LiaisonStore  *self,
             sqlite3       *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SequenceData *sd = data;
  gint64 now = sd->now != 0 ? sd->now : g_get_real_time ();
  gint64 delay = 0;
  int rc;

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_SEQUENCE_FIRST_DELAY, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, sd->id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        set_not_found (error, _("This sequence no longer exists."));
        goto failed;
      }
    if (rc != SQLITE_ROW)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
    delay = MAX (sqlite3_column_int64 (stmt, 0), 0);
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CONTACT_EXISTS, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, sd->contact_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        set_not_found (error, _("This contact no longer exists."));
        goto failed;
      }
    if (rc != SQLITE_ROW)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_ENROLLMENT_STATE, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, sd->id);
    sqlite3_bind_int64 (stmt, 2, sd->contact_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW &&
        (g_strcmp0 (column_text (stmt, 0), "active") == 0 ||
         g_strcmp0 (column_text (stmt, 0), "paused") == 0))
      {
        g_set_error_literal (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_ALREADY_ENROLLED,
                             _("This contact is already in this sequence."));
        goto failed;
      }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_ENROLL, error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, sd->id);
    sqlite3_bind_int64 (stmt, 2, sd->contact_id);
    sqlite3_bind_int64 (stmt, 3, now + delay * G_USEC_PER_SEC);
    sqlite3_bind_int64 (stmt, 4, now);
    sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
    if (!_liaison_store_step_done (stmt, error))
      goto failed;
  }

  if (!_liaison_store_commit (self, error))
    goto failed;

  return get_enrollment (self, sd->id, sd->contact_id, error);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static gpointer
enroll_by_stage_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_ENROLL_BY_STAGE, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sd->contact_id);
  sqlite3_bind_int64 (stmt, 2, sd->now > 0 ? sd->now : g_get_real_time ());
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  /* The count, plus one so that none is not NULL (an error). */
  return GINT_TO_POINTER (sqlite3_changes (db) + 1);
}

static gpointer
stop_enrollment_work (LiaisonStore  *self,
                      sqlite3       *db,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  SequenceData *sd = data;
  int rc;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_STOP_BY_HAND, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, sd->id);
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
    if (!_liaison_store_step_done (stmt, error))
      return NULL;
    if (sqlite3_changes (db) > 0)
      return GINT_TO_POINTER (TRUE);
  }

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_ENROLLMENT_EXISTS, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, sd->id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      return GINT_TO_POINTER (TRUE);   /* already completed or stopped */
    if (rc == SQLITE_DONE)
      set_not_found (error, _("This enrolment no longer exists."));
    else
      _liaison_store_set_error (error, db, rc);
  }

  return NULL;
}

static gpointer
list_enrollments_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(GPtrArray) enrollments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LiaisonStoreStmt) stmt = NULL;
  int rc;

  stmt = _liaison_store_prepare (self, sd->id > 0 ? SQL_LIST_ENROLLMENTS_BY_SEQUENCE
                                                  : SQL_LIST_ENROLLMENTS_BY_CONTACT, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sd->id > 0 ? sd->id : sd->contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (enrollments, _liaison_sequence_enrollment_new_from_stmt (stmt));

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&enrollments);
}

/* The runner's queries */

typedef struct
{
  gint64 id;
  gint64 sequence_id;
  gint64 contact_id;
  gint64 next_step;
} DueRow;

static gboolean
claim_one (LiaisonStore          *self,
           sqlite3               *db,
           const DueRow          *due,
           gint64                 now,
           LiaisonSequenceClaim **out_claim,
           GError               **error)
{
  g_autoptr(LiaisonSequenceClaim) claim = g_new0 (LiaisonSequenceClaim, 1);
  gboolean has_step = FALSE;
  gboolean has_next = FALSE;
  gint64 next_delay = 0;
  int rc;

  claim->enrollment_id = due->id;
  claim->sequence_id = due->sequence_id;
  claim->contact_id = due->contact_id;
  claim->step = (guint) CLAMP (due->next_step, 0, G_MAXUINT);
  claim->claimed_at = now;
  claim->next_delay = -1;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CLAIM_STEP, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, due->sequence_id);
    sqlite3_bind_int64 (stmt, 2, MAX (due->next_step, 0));
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        has_step = TRUE;
        claim->body = g_strdup (column_text (stmt, 0));
        if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
          {
            has_next = TRUE;
            next_delay = MAX (sqlite3_column_int64 (stmt, 1), 0);
            claim->next_delay = next_delay;
          }
      }
    else if (rc != SQLITE_DONE)
      return _liaison_store_set_error (error, db, rc);
  }

  if (has_step)
    {
      {
        g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CLAIM_CONTACT, error);

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, due->contact_id);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            claim->first_name = g_strdup (column_text (stmt, 0));
            claim->last_name = g_strdup (column_text (stmt, 1));
            claim->display_name = g_strdup (column_text (stmt, 2));
          }
        else if (rc != SQLITE_DONE)
          return _liaison_store_set_error (error, db, rc);
      }

      {
        g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CLAIM_PHONE, error);

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, due->contact_id);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          claim->to = g_strdup (column_text (stmt, 0));
        else if (rc != SQLITE_DONE)
          return _liaison_store_set_error (error, db, rc);
      }
    }

  if (has_step && claim->to == NULL)
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CLAIM_STOP, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, due->id);
      sqlite3_bind_text (stmt, 2, liaison_enrollment_stop_reason_to_string (LIAISON_ENROLLMENT_STOP_NO_NUMBER),
                         -1, SQLITE_STATIC);
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
      claim->stopped = TRUE;
      g_clear_pointer (&claim->body, g_free);
    }
  else
    {
      g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_CLAIM_ADVANCE, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, due->id);
      /* No step at this index (steps were removed): it completes. */
      sqlite3_bind_int64 (stmt, 2, has_step ? due->next_step + 1 : due->next_step);
      if (has_step && has_next)
        sqlite3_bind_int64 (stmt, 3, now + next_delay * G_USEC_PER_SEC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      if (!_liaison_store_step_done (stmt, error))
        return FALSE;
      if (!has_step)
        g_clear_pointer (&claim->body, g_free);
    }

  *out_claim = g_steal_pointer (&claim);
  return TRUE;
}

static gpointer
claim_steps_work (LiaisonStore  *self,
                  sqlite3       *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (DueRow));
  g_autoptr(GPtrArray) claims =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _liaison_sequence_claim_free);

  if (!_liaison_store_begin (self, error))
    return NULL;

  {
    g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_DUE_ENROLLMENTS, error);
    int rc;

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, sd->now);
    sqlite3_bind_int64 (stmt, 2, sd->limit > 0 ? (gint64) sd->limit : -1);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        DueRow row = {
          .id = sqlite3_column_int64 (stmt, 0),
          .sequence_id = sqlite3_column_int64 (stmt, 1),
          .contact_id = sqlite3_column_int64 (stmt, 2),
          .next_step = sqlite3_column_int64 (stmt, 3),
        };

        g_array_append_val (due, row);
      }
    if (rc != SQLITE_DONE)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
  }

  for (guint i = 0; i < due->len; i++)
    {
      LiaisonSequenceClaim *claim = NULL;

      if (!claim_one (self, db, &g_array_index (due, DueRow, i), sd->now, &claim, error))
        goto failed;
      g_ptr_array_add (claims, claim);
    }

  if (!_liaison_store_commit (self, error))
    goto failed;

  return g_steal_pointer (&claims);

failed:
  _liaison_store_rollback (self);
  return NULL;
}

static gpointer
stop_claimed_work (LiaisonStore  *self,
                   sqlite3       *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_STOP_CLAIMED, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sd->id);
  sqlite3_bind_int64 (stmt, 2, sd->step);
  sqlite3_bind_text (stmt, 3, sd->reason, -1, SQLITE_STATIC);
  _liaison_store_bind_text_or_null (stmt, 4, sd->detail);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  return GINT_TO_POINTER (sqlite3_changes (db) > 0 ? 2 : 1);
}

static gpointer
postpone_claimed_work (LiaisonStore  *self,
                       sqlite3       *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SequenceData *sd = data;
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_POSTPONE_CLAIMED, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sd->id);
  sqlite3_bind_int64 (stmt, 2, sd->step);
  sqlite3_bind_int64 (stmt, 3, sd->now);
  if (!_liaison_store_step_done (stmt, error))
    return NULL;

  return GINT_TO_POINTER (sqlite3_changes (db) > 0 ? 2 : 1);
}

static gpointer
next_due_work (LiaisonStore  *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(LiaisonStoreStmt) stmt = _liaison_store_prepare (self, SQL_NEXT_DUE, error);
  gint64 next = 0;
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    next = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return g_memdup2 (&next, sizeof next);
}

/* Public API */

static GTask *
new_task (LiaisonStore        *store,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static gpointer
finish_pointer (LiaisonStore  *store,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_store_list_sequences_async (LiaisonStore        *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_list_sequences_async, cancellable, callback, user_data);
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, list_sequences_work,
                         NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_sequences_finish (LiaisonStore  *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (store, result, liaison_store_list_sequences_async, error);
}

/* Checks and copies what save needs; NULL with @error. */
static SequenceData *
sequence_data_new (gint64       id,
                   const char  *name,
                   const char  *trigger_stage,
                   gboolean     enabled,
                   GPtrArray   *steps,
                   GError     **error)
{
  g_autofree char *stripped_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *stripped_stage = g_strstrip (g_strdup (trigger_stage != NULL ? trigger_stage : ""));
  SequenceData *sd;

  if (*stripped_name == '\0' || !g_utf8_validate (stripped_name, -1, NULL))
    {
      g_set_error_literal (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID,
                           _("A sequence needs a name."));
      return NULL;
    }

  if (!g_utf8_validate (stripped_stage, -1, NULL))
    {
      g_set_error_literal (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID,
                           _("The trigger stage is not valid text."));
      return NULL;
    }

  if (steps == NULL || steps->len == 0)
    {
      g_set_error_literal (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID,
                           _("A sequence needs at least one step."));
      return NULL;
    }

  for (guint i = 0; i < steps->len; i++)
    {
      LiaisonSequenceStep *step = g_ptr_array_index (steps, i);
      const char *body;

      g_return_val_if_fail (LIAISON_IS_SEQUENCE_STEP (step), NULL);

      if (liaison_sequence_step_get_delay (step) < 0 ||
          liaison_sequence_step_get_delay (step) > G_MAXINT64 / G_USEC_PER_SEC / 2)
        {
          g_set_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID,
                       _("Step %u waits for a time that is not possible."), i + 1);
          return NULL;
        }

      if (liaison_sequence_step_get_template_id (step) > 0)
        continue;

      body = liaison_sequence_step_get_body (step);
      if (body == NULL || *body == '\0' || !g_utf8_validate (body, -1, NULL))
        {
          g_set_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID,
                       _("Step %u needs a template or some text."), i + 1);
          return NULL;
        }

      {
        g_autoptr(GError) local_error = NULL;

        if (!liaison_template_check_body (body, &local_error))
          {
            g_set_error (error, LIAISON_SEQUENCE_ERROR, LIAISON_SEQUENCE_ERROR_INVALID,
                         /* Translators: %u is a step number, %s the reason */
                         _("Step %u: %s"), i + 1, local_error->message);
            return NULL;
          }
      }
    }

  sd = g_new0 (SequenceData, 1);
  sd->id = id;
  sd->name = g_steal_pointer (&stripped_name);
  sd->trigger_stage = *stripped_stage != '\0' ? g_steal_pointer (&stripped_stage) : NULL;
  sd->enabled = enabled;
  sd->steps = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (sd->steps, g_object_ref (g_ptr_array_index (steps, i)));

  return sd;
}

void
liaison_store_save_sequence_async (LiaisonStore        *store,
                                   gint64               id,
                                   const char          *name,
                                   const char          *trigger_stage,
                                   gboolean             enabled,
                                   GPtrArray           *steps,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (id >= 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_save_sequence_async, cancellable, callback, user_data);

  sd = sequence_data_new (id, name, trigger_stage, enabled, steps, &error);
  if (sd == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, save_sequence_work,
                         sd, sequence_data_free, g_object_unref);
}

LiaisonSequence *
liaison_store_save_sequence_finish (LiaisonStore  *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (store, result, liaison_store_save_sequence_async, error);
}

void
liaison_store_set_sequence_enabled_async (LiaisonStore        *store,
                                          gint64               id,
                                          gboolean             enabled,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_set_sequence_enabled_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = id;
  sd->enabled = enabled;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, set_enabled_work,
                         sd, sequence_data_free, no_free);
}

gboolean
liaison_store_set_sequence_enabled_finish (LiaisonStore  *store,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return finish_pointer (store, result, liaison_store_set_sequence_enabled_async, error) != NULL;
}

void
liaison_store_delete_sequence_async (LiaisonStore        *store,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_delete_sequence_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = id;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, delete_sequence_work,
                         sd, sequence_data_free, no_free);
}

gboolean
liaison_store_delete_sequence_finish (LiaisonStore  *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (store, result, liaison_store_delete_sequence_async, error) != NULL;
}

void
liaison_store_enroll_contact_async (LiaisonStore        *store,
                                    gint64               sequence_id,
                                    gint64               contact_id,
                                    gint64               now,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_enroll_contact_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = sequence_id;
  sd->contact_id = contact_id;
  sd->now = now;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, enroll_work,
                         sd, sequence_data_free, g_object_unref);
}

LiaisonSequenceEnrollment *
liaison_store_enroll_contact_finish (LiaisonStore  *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (store, result, liaison_store_enroll_contact_async, error);
}

void
liaison_store_stop_enrollment_async (LiaisonStore        *store,
                                     gint64               enrollment_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_stop_enrollment_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = enrollment_id;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, stop_enrollment_work,
                         sd, sequence_data_free, no_free);
}

void
liaison_store_enroll_by_stage_async (LiaisonStore        *store,
                                     gint64               contact_id,
                                     gint64               now,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_enroll_by_stage_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->contact_id = contact_id;
  sd->now = now;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, enroll_by_stage_work,
                         sd, sequence_data_free, no_free);
}

gboolean
liaison_store_enroll_by_stage_finish (LiaisonStore  *store,
                                      GAsyncResult  *result,
                                      guint         *out_n_enrolled,
                                      GError       **error)
{
  gpointer n = finish_pointer (store, result, liaison_store_enroll_by_stage_async, error);

  if (n == NULL)
    return FALSE;
  if (out_n_enrolled != NULL)
    *out_n_enrolled = GPOINTER_TO_UINT (n) - 1;
  return TRUE;
}

gboolean
liaison_store_stop_enrollment_finish (LiaisonStore  *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (store, result, liaison_store_stop_enrollment_async, error) != NULL;
}

void
liaison_store_list_enrollments_async (LiaisonStore        *store,
                                      gint64               sequence_id,
                                      gint64               contact_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail ((sequence_id > 0) != (contact_id > 0));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = new_task (store, liaison_store_list_enrollments_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = sequence_id;
  sd->contact_id = contact_id;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, list_enrollments_work,
                         sd, sequence_data_free, (GDestroyNotify)g_ptr_array_unref);
}

GPtrArray *
liaison_store_list_enrollments_finish (LiaisonStore  *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (store, result, liaison_store_list_enrollments_async, error);
}

/* Private: the runner */

void
_liaison_store_claim_sequence_steps_async (LiaisonStore        *store,
                                           gint64               now,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));

  task = new_task (store, _liaison_store_claim_sequence_steps_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->now = now;
  sd->limit = limit;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, claim_steps_work,
                         sd, sequence_data_free, (GDestroyNotify)g_ptr_array_unref);
}

GPtrArray *
_liaison_store_claim_sequence_steps_finish (LiaisonStore  *store,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return finish_pointer (store, result, _liaison_store_claim_sequence_steps_async, error);
}

void
_liaison_store_stop_claimed_enrollment_async (LiaisonStore                *store,
                                              gint64                       enrollment_id,
                                              guint                        step,
                                              LiaisonEnrollmentStopReason  reason,
                                              const char                  *detail,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (liaison_enrollment_stop_reason_to_string (reason) != NULL);

  task = new_task (store, _liaison_store_stop_claimed_enrollment_async, cancellable, callback, user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = enrollment_id;
  sd->step = step;
  sd->reason = g_strdup (liaison_enrollment_stop_reason_to_string (reason));
  sd->detail = g_strdup (detail);
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, stop_claimed_work,
                         sd, sequence_data_free, no_free);
}

gboolean
_liaison_store_stop_claimed_enrollment_finish (LiaisonStore  *store,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  return GPOINTER_TO_INT (finish_pointer (store, result, _liaison_store_stop_claimed_enrollment_async,
                                          error)) == 2;
}

void
_liaison_store_postpone_claimed_enrollment_async (LiaisonStore        *store,
                                                  gint64               enrollment_id,
                                                  guint                step,
                                                  gint64               delta,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  GTask *task;
  SequenceData *sd;

  g_return_if_fail (LIAISON_IS_STORE (store));

  task = new_task (store, _liaison_store_postpone_claimed_enrollment_async, cancellable, callback,
                   user_data);
  sd = g_new0 (SequenceData, 1);
  sd->id = enrollment_id;
  sd->step = step;
  sd->now = delta;
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_WRITE, postpone_claimed_work,
                         sd, sequence_data_free, no_free);
}

gboolean
_liaison_store_postpone_claimed_enrollment_finish (LiaisonStore  *store,
                                                   GAsyncResult  *result,
                                                   GError       **error)
{
  return GPOINTER_TO_INT (finish_pointer (store, result,
                                          _liaison_store_postpone_claimed_enrollment_async,
                                          error)) == 2;
}

void
_liaison_store_next_sequence_due_async (LiaisonStore        *store,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_STORE (store));

  task = new_task (store, _liaison_store_next_sequence_due_async, cancellable, callback, user_data);
  _liaison_store_submit (store, task, LIAISON_STORE_PRIORITY_READ, next_due_work,
                         NULL, NULL, g_free);
}

gint64
_liaison_store_next_sequence_due_finish (LiaisonStore  *store,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_autofree gint64 *next = finish_pointer (store, result, _liaison_store_next_sequence_due_async,
                                            error);

  return next != NULL ? *next : -1;
}
