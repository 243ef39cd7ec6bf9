/* liaison-call-reconciler.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call-reconciler"

#include "config.h"

#include "liaison-call-reconciler.h"
#include "liaison-store-private.h"
#include "liaison-twilio-call.h"
#include "liaison-twilio-page.h"
#include "liaison-twilio-recording.h"
#include "liaison-twilio-recordings.h"
#include "liaison-twilio-voice.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#define STATE_KEY  "call-reconciler.high-water-mark"
#define PAGE_SIZE  100
/* Twilio filters StartTime by UTC day; a day more covers calls that were
 * still going when the last pass ran. */
#define OVERLAP_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

struct _LiaisonCallReconciler
{
  GObject              parent_instance;

  LiaisonStore        *store;
  LiaisonTwilioClient *client;
};

G_DEFINE_FINAL_TYPE (LiaisonCallReconciler, liaison_call_reconciler, G_TYPE_OBJECT)

static void
liaison_call_reconciler_finalize (GObject *object)
{
  LiaisonCallReconciler *self = (LiaisonCallReconciler *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (liaison_call_reconciler_parent_class)->finalize (object);
}

static void
liaison_call_reconciler_class_init (LiaisonCallReconcilerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_call_reconciler_finalize;
}

static void
liaison_call_reconciler_init (LiaisonCallReconciler *self)
{
}

LiaisonCallReconciler *
liaison_call_reconciler_new (LiaisonStore        *store,
                             LiaisonTwilioClient *client)
{
  LiaisonCallReconciler *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (client), NULL);

  self = g_object_new (LIAISON_TYPE_CALL_RECONCILER, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}

/* One pass */

typedef struct {
  LiaisonCallReconcileStats  stats;
  gint64                     old_mark;
  GPtrArray                 *calls;        /* LiaisonTwilioCall */
  guint                      next_call;
  GPtrArray                 *recordings;   /* LiaisonTwilioRecording of the current call */
  guint                      next_recording;
  gint64                     newest_start;
  gint64                     oldest_open;  /* the oldest call not over, 0: none */
} Pass;

static void
pass_free (gpointer data)
{
  Pass *pass = data;

  g_clear_pointer (&pass->calls, g_ptr_array_unref);
  g_clear_pointer (&pass->recordings, g_ptr_array_unref);
  g_free (pass);
}

static gint64
usec_of (GDateTime *time)
{
  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static gboolean
is_final (const char *status)
{
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "busy") == 0
         || g_strcmp0 (status, "no-answer") == 0 || g_strcmp0 (status, "failed") == 0
         || g_strcmp0 (status, "canceled") == 0;
}

static void next_call      (GTask *task);
static void next_recording (GTask *task);

static void
state_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_liaison_store_set_state_finish (LIAISON_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&pass->stats, sizeof pass->stats), g_free);
  g_object_unref (task);
}

static void
finish_pass (GTask *task)
{
  LiaisonCallReconciler *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  gint64 mark = pass->oldest_open > 0 ? pass->oldest_open : MAX (pass->newest_start, pass->old_mark);
  char text[32];

  pass->stats.high_water_mark = mark;
  g_debug ("Reconciled %u calls (%u new, %u changed) and %u recordings (%u new)",
           pass->stats.n_calls, pass->stats.n_calls_added, pass->stats.n_calls_changed,
           pass->stats.n_recordings, pass->stats.n_recordings_added);

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, mark);
  _liaison_store_set_state_async (self->store, STATE_KEY, text, g_task_get_cancellable (task),
                                  state_saved_cb, task);
}

static void
recording_upserted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Pass *pass = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean is_new = FALSE, changed = FALSE;

  liaison_store_upsert_recording_finish (LIAISON_STORE (source), result, &is_new, &changed, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (error != NULL)
    {
      g_warning ("A recording from Twilio was refused: %s", error->message);
      g_clear_error (&error);
    }
  pass->stats.n_recordings_added += is_new;
  pass->stats.n_recordings_changed += !is_new && changed;
  next_recording (task);
}

static void
next_recording (GTask *task)
{
  LiaisonCallReconciler *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  LiaisonTwilioRecording *recording;
  LiaisonStoreRecordingInfo info = { 0, };

  if (pass->next_recording >= pass->recordings->len)
    {
      g_clear_pointer (&pass->recordings, g_ptr_array_unref);
      pass->next_call++;
      next_call (task);
      return;
    }

  recording = g_ptr_array_index (pass->recordings, pass->next_recording++);
  pass->stats.n_recordings++;
  info.sid = liaison_twilio_recording_get_sid (recording);
  info.call_sid = liaison_twilio_recording_get_call_sid (recording);
  info.status = liaison_twilio_recording_get_status (recording);
  info.source = liaison_twilio_recording_get_source (recording);
  info.media_url = liaison_twilio_recording_get_media_url (recording);
  /* Twilio gives no duration while it is still recording. */
  info.duration_s = g_strcmp0 (info.status, "completed") == 0
                    ? (int) MIN (liaison_twilio_recording_get_duration (recording), G_MAXINT) : -1;
  info.channels = (int) liaison_twilio_recording_get_channels (recording);
  info.error_code = liaison_twilio_recording_get_error_code (recording);
  info.started_at = usec_of (liaison_twilio_recording_get_start_time (recording));
  if (info.started_at == 0)
    info.started_at = usec_of (liaison_twilio_recording_get_date_created (recording));

  liaison_store_upsert_recording_async (self->store, &info, g_task_get_cancellable (task),
                                        recording_upserted_cb, task);
}

static void recordings_page_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
take_recordings_page (GTask             *task,
                      LiaisonTwilioPage *page)
{
  Pass *pass = g_task_get_task_data (task);
  GPtrArray *items = liaison_twilio_page_get_items (page);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (pass->recordings, g_object_ref (g_ptr_array_index (items, i)));

  if (liaison_twilio_page_has_next (page))
    {
      liaison_twilio_page_next_async (page, g_task_get_cancellable (task), recordings_page_cb, task);
      return;
    }
  next_recording (task);
}

static void
recordings_page_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;

  if (LIAISON_IS_TWILIO_PAGE (source))
    page = liaison_twilio_page_next_finish (LIAISON_TWILIO_PAGE (source), result, &error);
  else
    page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  take_recordings_page (task, page);
}

static void
call_upserted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  LiaisonCallReconciler *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  LiaisonTwilioCall *call = g_ptr_array_index (pass->calls, pass->next_call);
  GError *error = NULL;
  gboolean is_new = FALSE, changed = FALSE;

  liaison_store_upsert_call_finish (LIAISON_STORE (source), result, &is_new, &changed, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (error != NULL)
    {
      g_warning ("A call from Twilio was refused: %s", error->message);
      g_clear_error (&error);
      pass->next_call++;
      next_call (task);
      return;
    }
  pass->stats.n_calls_added += is_new;
  pass->stats.n_calls_changed += !is_new && changed;

  pass->recordings = g_ptr_array_new_with_free_func (g_object_unref);
  pass->next_recording = 0;
  liaison_twilio_client_list_call_recordings_async (self->client, liaison_twilio_call_get_sid (call),
                                                    PAGE_SIZE, g_task_get_cancellable (task),
                                                    recordings_page_cb, task);
}

static void
next_call (GTask *task)
{
  LiaisonCallReconciler *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  LiaisonTwilioCall *call;
  LiaisonStoreCallInfo info = { 0, };
  gint64 started;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (pass->next_call >= pass->calls->len)
    {
      finish_pass (task);
      return;
    }

  call = g_ptr_array_index (pass->calls, pass->next_call);
  pass->stats.n_calls++;

  started = usec_of (liaison_twilio_call_get_start_time (call));
  if (started == 0)
    started = usec_of (liaison_twilio_call_get_date_created (call));
  if (is_final (liaison_twilio_call_get_status (call)))
    pass->newest_start = MAX (pass->newest_start, started);
  else if (started > 0 && (pass->oldest_open == 0 || started < pass->oldest_open))
    pass->oldest_open = started;

  info.sid = liaison_twilio_call_get_sid (call);
  info.parent_sid = liaison_twilio_call_get_parent_call_sid (call);
  info.direction = liaison_twilio_call_get_direction (call);
  info.from = liaison_twilio_call_get_from (call);
  info.to = liaison_twilio_call_get_to (call);
  info.status = liaison_twilio_call_get_status (call);
  info.answered_by = liaison_twilio_call_get_answered_by (call);
  info.price = liaison_twilio_call_get_price (call);
  info.price_unit = liaison_twilio_call_get_price_unit (call);
  info.started_at = started;
  info.ended_at = usec_of (liaison_twilio_call_get_end_time (call));
  info.duration_s = is_final (info.status)
                    ? (int) MIN (liaison_twilio_call_get_duration (call), G_MAXINT) : -1;
  info.event_time = usec_of (liaison_twilio_call_get_date_updated (call));

  liaison_store_upsert_call_async (self->store, &info, g_task_get_cancellable (task),
                                   call_upserted_cb, task);
}

static void calls_page_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
take_calls_page (GTask             *task,
                 LiaisonTwilioPage *page)
{
  Pass *pass = g_task_get_task_data (task);
  GPtrArray *items = liaison_twilio_page_get_items (page);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (pass->calls, g_object_ref (g_ptr_array_index (items, i)));

  if (liaison_twilio_page_has_next (page))
    {
      liaison_twilio_page_next_async (page, g_task_get_cancellable (task), calls_page_cb, task);
      return;
    }

  /* Oldest first, so that an interrupted pass has stored a prefix. */
  for (guint i = 0; i < pass->calls->len / 2; i++)
    {
      gpointer swap = pass->calls->pdata[i];

      pass->calls->pdata[i] = pass->calls->pdata[pass->calls->len - 1 - i];
      pass->calls->pdata[pass->calls->len - 1 - i] = swap;
    }
  next_call (task);
}

static void
calls_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(LiaisonTwilioPage) page = NULL;

  if (LIAISON_IS_TWILIO_PAGE (source))
    page = liaison_twilio_page_next_finish (LIAISON_TWILIO_PAGE (source), result, &error);
  else
    page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  take_calls_page (task, page);
}

static void
state_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  LiaisonCallReconciler *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *text = NULL;
  LiaisonTwilioCallFilter filter = { 0, };
  GError *error = NULL;
  gint64 mark = 0;

  text = _liaison_store_get_state_finish (LIAISON_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (text != NULL && !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &mark, NULL))
    {
      g_warning ("Ignoring a damaged call reconciler mark");
      mark = 0;
    }
  pass->old_mark = mark;

  if (mark > OVERLAP_USEC)
    {
      since = g_date_time_new_from_unix_utc ((mark - OVERLAP_USEC) / G_USEC_PER_SEC);
      filter.started_after = since;
    }

  liaison_twilio_client_list_calls_async (self->client, &filter, PAGE_SIZE, g_task_get_cancellable (task),
                                          calls_page_cb, task);
}

void
liaison_call_reconciler_run_async (LiaisonCallReconciler *self,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  GTask *task;
  Pass *pass;

  g_return_if_fail (LIAISON_IS_CALL_RECONCILER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_call_reconciler_run_async);
  pass = g_new0 (Pass, 1);
  pass->calls = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, pass, pass_free);

  _liaison_store_get_state_async (self->store, STATE_KEY, cancellable, state_loaded_cb, task);
}

gboolean
liaison_call_reconciler_run_finish (LiaisonCallReconciler      *self,
                                    GAsyncResult               *result,
                                    LiaisonCallReconcileStats  *out_stats,
                                    GError                    **error)
{
  g_autofree LiaisonCallReconcileStats *stats = NULL;

  g_return_val_if_fail (LIAISON_IS_CALL_RECONCILER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  stats = g_task_propagate_pointer (G_TASK (result), error);
  if (out_stats != NULL)
    {
      if (stats != NULL)
        *out_stats = *stats;
      else
        memset (out_stats, 0, sizeof *out_stats);
    }
  return stats != NULL;
}
