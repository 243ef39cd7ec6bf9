/* liaison-retention.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-retention"

#include "config.h"

#include "liaison-retention.h"
#include "liaison-recording.h"
#include "liaison-store-private.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-recordings.h"

#include <glib/gi18n-lib.h>

#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

struct _LiaisonRetention
{
  GObject              parent_instance;

  LiaisonStore        *store;
  LiaisonTwilioClient *client;
  LiaisonClock        *clock;
  guint                keep_days;
};

G_DEFINE_FINAL_TYPE (LiaisonRetention, liaison_retention, G_TYPE_OBJECT)

static void
failure_free (gpointer data)
{
  LiaisonRetentionFailure *failure = data;

  g_free (failure->recording_sid);
  g_clear_error (&failure->error);
  g_free (failure);
}

void
liaison_retention_report_free (LiaisonRetentionReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->failures, g_ptr_array_unref);
  g_free (report);
}

static void
liaison_retention_finalize (GObject *object)
{
  LiaisonRetention *self = (LiaisonRetention *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (liaison_retention_parent_class)->finalize (object);
}

static void
liaison_retention_class_init (LiaisonRetentionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_retention_finalize;
}

static void
liaison_retention_init (LiaisonRetention *self)
{
}

LiaisonRetention *
liaison_retention_new (LiaisonStore        *store,
                       LiaisonTwilioClient *client,
                       LiaisonClock        *clock)
{
  LiaisonRetention *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (client), NULL);
  g_return_val_if_fail (LIAISON_IS_CLOCK (clock), NULL);

  self = g_object_new (LIAISON_TYPE_RETENTION, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->clock = g_object_ref (clock);
  return self;
}

void
liaison_retention_set_keep_days (LiaisonRetention *self,
                                 guint             days)
{
  g_return_if_fail (LIAISON_IS_RETENTION (self));

  /* More than a century is forever. */
  self->keep_days = MIN (days, 36600);
}

guint
liaison_retention_get_keep_days (LiaisonRetention *self)
{
  g_return_val_if_fail (LIAISON_IS_RETENTION (self), 0);

  return self->keep_days;
}

/* One pass */

typedef struct {
  GPtrArray              *recordings;   /* LiaisonRecording */
  guint                   next;
  gint64                  now;
  LiaisonRetentionReport *report;
} Pass;

static void
pass_free (gpointer data)
{
  Pass *pass = data;

  g_clear_pointer (&pass->recordings, g_ptr_array_unref);
  liaison_retention_report_free (pass->report);
  g_free (pass);
}

static void delete_next (GTask *task);

static LiaisonRecording *
current (Pass *pass)
{
  return g_ptr_array_index (pass->recordings, pass->next);
}

static void
fail_current (GTask  *task,
              GError *error)
{
  Pass *pass = g_task_get_task_data (task);
  LiaisonRetentionFailure *failure = g_new0 (LiaisonRetentionFailure, 1);

  failure->recording_sid = g_strdup (liaison_recording_get_sid (current (pass)));
  failure->error = error;
  g_warning ("Recording %s was not deleted by the retention policy: %s",
             failure->recording_sid, error->message);
  g_ptr_array_add (pass->report->failures, failure);
  pass->next++;
  delete_next (task);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_liaison_store_mark_recording_deleted_finish (LIAISON_STORE (source), result, &error))
    {
      fail_current (g_steal_pointer (&task), error);
      return;
    }
  g_debug ("Recording %s deleted by the retention policy", liaison_recording_get_sid (current (pass)));
  pass->report->n_deleted++;
  pass->next++;
  delete_next (g_steal_pointer (&task));
}

static void
mark_deleted (GTask *task)
{
  LiaisonRetention *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  LiaisonRecording *recording = current (pass);
  g_autofree char *detail = NULL;

  /* No personal data in the journal: the policy and when it was recorded. */
  detail = g_strdup_printf ("{\"reason\": \"retention\", \"keep_days\": %u, "
                            "\"recorded_at\": %" G_GINT64_FORMAT "}",
                            self->keep_days, liaison_recording_get_created_at (recording));
  _liaison_store_mark_recording_deleted_async (self->store, liaison_recording_get_sid (recording),
                                               pass->now, "retention", detail,
                                               g_task_get_cancellable (task), marked_cb, task);
}

static void
file_deleted_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      GError *wrapped = g_error_new (error->domain, error->code,
                                     _("The cached copy could not be deleted: %s"), error->message);

      g_error_free (error);
      fail_current (task, wrapped);
      return;
    }
  g_clear_error (&error);
  mark_deleted (task);
}

static void
twilio_deleted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;
  const char *local_path;

  if (!liaison_twilio_client_delete_recording_finish (LIAISON_TWILIO_CLIENT (source), result, &error))
    {
      const LiaisonTwilioErrorDetails *details = liaison_twilio_error_get_details (error);

      /* Already gone from Twilio (deleted there, or by an earlier pass). */
      if (details != NULL && details->http_status == 404)
        g_clear_error (&error);
      else
        {
          fail_current (task, error);
          return;
        }
    }

  local_path = liaison_recording_get_local_path (current (pass));
  if (local_path != NULL && *local_path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (local_path);

      g_file_delete_async (file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task), file_deleted_cb, task);
      return;
    }
  mark_deleted (task);
}

static void
delete_next (GTask *task)
{
  LiaisonRetention *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (pass->next >= pass->recordings->len)
    {
      LiaisonRetentionReport *report = g_steal_pointer (&pass->report);

      g_task_return_pointer (task, report, (GDestroyNotify) liaison_retention_report_free);
      g_object_unref (task);
      return;
    }

  liaison_twilio_client_delete_recording_async (self->client, liaison_recording_get_sid (current (pass)),
                                                g_task_get_cancellable (task), twilio_deleted_cb, task);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;

  pass->recordings = _liaison_store_list_expired_recordings_finish (LIAISON_STORE (source), result, &error);
  if (pass->recordings == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  pass->report->n_expired = pass->recordings->len;
  if (pass->recordings->len > 0)
    g_message ("Retention: %u recordings are past the %u-day policy",
               pass->recordings->len, LIAISON_RETENTION (g_task_get_source_object (task))->keep_days);
  delete_next (task);
}

void
liaison_retention_run_async (LiaisonRetention    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Pass *pass;

  g_return_if_fail (LIAISON_IS_RETENTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_retention_run_async);

  pass = g_new0 (Pass, 1);
  pass->report = g_new0 (LiaisonRetentionReport, 1);
  pass->report->failures = g_ptr_array_new_with_free_func (failure_free);
  pass->now = liaison_clock_get_now_usec (self->clock);
  g_task_set_task_data (task, pass, pass_free);

  /* Forever: nothing to do. */
  if (self->keep_days == 0)
    {
      pass->recordings = g_ptr_array_new_with_free_func (g_object_unref);
      delete_next (task);
      return;
    }

  _liaison_store_list_expired_recordings_async (self->store,
                                                pass->now - (gint64) self->keep_days * DAY_USEC,
                                                pass->now, 0, cancellable, listed_cb, task);
}

LiaisonRetentionReport *
liaison_retention_run_finish (LiaisonRetention  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (LIAISON_IS_RETENTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
