/* liaison-application-calls.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Click-to-call from the desktop: Twilio rings the advisor's own phone,
 * then bridges the client through the relay (liaison-click-to-call.h). The
 * application keeps the call in progress (property "live-call") and feeds
 * it the call events the relay streams. */

#define G_LOG_DOMAIN "liaison-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-application-private.h"
#include "liaison-call-reconciler.h"
#include "liaison-click-to-call.h"
#include "liaison-retention.h"
#include "liaison-log.h"
#include "liaison-paths.h"
#include "liaison-phone.h"

/* Where a click-to-call comes from, checked before anything is sent: each
 * missing piece says where to set it. */
static LiaisonClickToCall *
make_click_to_call (LiaisonApplication  *self,
                    char               **out_advisor_phone,
                    char               **out_our_number,
                    GError             **error)
{
  g_autofree char *advisor_phone = g_settings_get_string (self->settings, "advisor-phone");
  g_autofree char *our_number = g_settings_get_string (self->settings, "sender-number");
  g_autofree char *relay_url = g_settings_get_string (self->settings, "relay-url");
  gsize len;

  if (self->credentials_state != LIAISON_CREDENTIALS_STATE_STORED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Connect your Twilio account first: calls go through it."));
      return NULL;
    }
  if (*advisor_phone == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Set Your Phone for Calls in Preferences → Account: Liaison rings it first, then connects you."));
      return NULL;
    }
  if (*our_number == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Choose the Twilio number to call from (Send New Texts From) in Preferences → Account."));
      return NULL;
    }
  if (*relay_url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Set the relay’s address in Preferences → Relay: Twilio asks it how to connect the call."));
      return NULL;
    }

  /* The relay's public URL, as the click-to-call builds its step URLs. */
  len = strlen (relay_url);
  while (len > 0 && relay_url[len - 1] == '/')
    relay_url[--len] = '\0';

  *out_advisor_phone = g_steal_pointer (&advisor_phone);
  *out_our_number = g_steal_pointer (&our_number);
  return liaison_click_to_call_new (self->twilio_client, relay_url, NULL);
}

static void
set_live_call (LiaisonApplication *self,
               LiaisonLiveCall    *call)
{
  if (g_set_object (&self->live_call, call))
    g_object_notify (G_OBJECT (self), "live-call");
}

static void
call_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonApplication *self = g_task_get_source_object (task);
  g_autoptr(LiaisonLiveCall) call = NULL;
  GError *error = NULL;

  call = liaison_click_to_call_start_finish (LIAISON_CLICK_TO_CALL (object), result, &error);
  if (call == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  set_live_call (self, call);
  g_task_return_pointer (task, g_object_ref (call), g_object_unref);
}

void
liaison_application_call_number_async (LiaisonApplication  *self,
                                       const char          *number,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LiaisonClickToCall) click = NULL;
  g_autofree char *advisor_phone = NULL;
  g_autofree char *our_number = NULL;
  g_autofree char *masked = NULL;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_APPLICATION (self));
  g_return_if_fail (number != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_application_call_number_async);

  if (self->live_call != NULL && !liaison_live_call_is_over (self->live_call))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("A call is already in progress: hang up first."));
      return;
    }

  click = make_click_to_call (self, &advisor_phone, &our_number, &error);
  if (click == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  masked = liaison_log_mask (number);
  g_debug ("Click-to-call to %s", masked);

  g_set_object (&self->click_to_call, click);
  liaison_click_to_call_start_async (click, advisor_phone, number, our_number, cancellable,
                                     call_started_cb, g_steal_pointer (&task));
}

LiaisonLiveCall *
liaison_application_call_number_finish (LiaisonApplication  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
hung_up_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!liaison_click_to_call_hang_up_finish (LIAISON_CLICK_TO_CALL (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_application_hang_up_async (LiaisonApplication  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_application_hang_up_async);

  if (self->live_call == NULL || self->click_to_call == NULL ||
      liaison_live_call_is_over (self->live_call))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  liaison_click_to_call_hang_up_async (self->click_to_call,
                                       liaison_live_call_get_call_sid (self->live_call),
                                       cancellable, hung_up_cb, g_steal_pointer (&task));
}

gboolean
liaison_application_hang_up_finish (LiaisonApplication  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
participant_added_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *sid;

  sid = liaison_click_to_call_add_participant_finish (LIAISON_CLICK_TO_CALL (object), result, &error);
  if (sid == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sid, g_free);
}

void
liaison_application_add_to_call_async (LiaisonApplication  *self,
                                       const char          *number,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *our_number = NULL;

  g_return_if_fail (LIAISON_IS_APPLICATION (self));
  g_return_if_fail (number != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_application_add_to_call_async);

  if (self->live_call == NULL || self->click_to_call == NULL ||
      liaison_live_call_get_state (self->live_call) != LIAISON_LIVE_CALL_IN_PROGRESS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Someone can join once the client has answered."));
      return;
    }

  our_number = g_settings_get_string (self->settings, "sender-number");
  liaison_click_to_call_add_participant_async (self->click_to_call,
                                               liaison_live_call_get_call_sid (self->live_call),
                                               number, our_number, cancellable,
                                               participant_added_cb, g_steal_pointer (&task));
}

char *
liaison_application_add_to_call_finish (LiaisonApplication  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LiaisonLiveCall *
liaison_application_get_live_call (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->live_call;
}

/* A call status the relay streamed (and the store kept): the live call
 * moves on if it is one of its legs. */
void
_liaison_application_apply_call_status (LiaisonApplication *self,
                                        const char         *call_sid,
                                        const char         *parent_sid,
                                        const char         *status,
                                        guint               error_code)
{
  if (self->live_call == NULL || call_sid == NULL || status == NULL)
    return;

  liaison_live_call_apply_status (self->live_call, call_sid, parent_sid, status, error_code);
}

void
_liaison_application_apply_recording (LiaisonApplication *self,
                                      const char         *call_sid,
                                      const char         *recording_sid,
                                      const char         *status)
{
  if (self->live_call == NULL || call_sid == NULL)
    return;

  liaison_live_call_apply_recording (self->live_call, call_sid, recording_sid, status);
}

/* The relay stored a call event: the live call follows its legs. */
static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(LiaisonStoreCallDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonCall *call;

  details = liaison_store_get_call_finish (LIAISON_STORE (object), result, &error);
  if (details == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read a call the relay reported: %s", error->message);
      return;
    }

  call = details->call;
  _liaison_application_apply_call_status (self, liaison_call_get_sid (call),
                                          liaison_call_get_parent_sid (call),
                                          liaison_call_get_status (call),
                                          (guint) MAX (liaison_call_get_error_code (call), 0));
}

static void
call_changed_cb (LiaisonApplication *self,
                 const char         *call_sid)
{
  if (self->live_call == NULL || liaison_live_call_is_over (self->live_call) || self->store == NULL)
    return;

  liaison_store_get_call_async (self->store, call_sid, self->cancellable, call_read_cb,
                                g_object_ref (self));
}

static void
recording_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(LiaisonRecording) recording = NULL;
  g_autoptr(GError) error = NULL;

  recording = liaison_store_get_recording_finish (LIAISON_STORE (object), result, &error);
  if (recording == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read a recording the relay reported: %s", error->message);
      return;
    }

  _liaison_application_apply_recording (self, liaison_recording_get_call_sid (recording),
                                        liaison_recording_get_sid (recording),
                                        liaison_recording_get_status (recording));
}

static void
recording_stored_cb (LiaisonApplication *self,
                     const char         *recording_sid,
                     const char         *call_sid)
{
  if (self->live_call == NULL || self->store == NULL)
    return;

  liaison_store_get_recording_async (self->store, recording_sid, self->cancellable,
                                     recording_read_cb, g_object_ref (self));
}

/* Housekeeping: catch up with calls the relay missed, and apply the
 * recording retention policy. */

#define RECONCILE_INTERVAL_S (10 * 60)
#define RETENTION_INTERVAL_S (24 * 60 * 60)

static void
reconciled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  LiaisonCallReconcileStats stats = { 0, };
  g_autoptr(GError) error = NULL;

  self->reconciling = FALSE;
  if (!liaison_call_reconciler_run_finish (LIAISON_CALL_RECONCILER (object), result, &stats, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not catch up with the account’s calls: %s", error->message);
      return;
    }

  g_debug ("Calls caught up: %u listed, %u added, %u changed; recordings %u added",
           stats.n_calls, stats.n_calls_added, stats.n_calls_changed, stats.n_recordings_added);
}

static void
retention_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LiaisonApplication) self = user_data;
  g_autoptr(LiaisonRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;

  self->retaining = FALSE;
  report = liaison_retention_run_finish (LIAISON_RETENTION (object), result, &error);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not apply the recording retention policy: %s", error->message);
      return;
    }

  for (guint i = 0; report->failures != NULL && i < report->failures->len; i++)
    {
      LiaisonRetentionFailure *failure = g_ptr_array_index (report->failures, i);

      g_message ("Recording %s is past its retention but could not be deleted: %s",
                 failure->recording_sid, failure->error->message);
    }
  if (report->n_expired > 0)
    g_message ("Retention: %u of %u expired recordings deleted", report->n_deleted, report->n_expired);
}

static gboolean
can_reach_twilio (LiaisonApplication *self)
{
  return self->store != NULL && self->store_state == LIAISON_STORE_STATE_READY &&
         self->credentials_state == LIAISON_CREDENTIALS_STATE_STORED;
}

static void
reconcile (LiaisonApplication *self)
{
  if (!can_reach_twilio (self) || self->reconciling)
    return;

  if (self->reconciler == NULL)
    self->reconciler = liaison_call_reconciler_new (self->store, self->twilio_client);
  self->reconciling = TRUE;
  liaison_call_reconciler_run_async (self->reconciler, self->cancellable, reconciled_cb,
                                     g_object_ref (self));
}

static void
apply_retention (LiaisonApplication *self)
{
  if (!can_reach_twilio (self) || self->retaining)
    return;

  if (self->retention == NULL)
    {
      g_autoptr(LiaisonClock) clock = liaison_clock_new_system ();

      self->retention = liaison_retention_new (self->store, self->twilio_client, clock);
    }
  liaison_retention_set_keep_days (self->retention,
                                   (guint) MAX (g_settings_get_int (self->settings,
                                                                    "recording-retention-days"), 0));
  self->retaining = TRUE;
  liaison_retention_run_async (self->retention, self->cancellable, retention_done_cb,
                               g_object_ref (self));
}

static gboolean
reconcile_timeout_cb (gpointer user_data)
{
  reconcile (LIAISON_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
retention_timeout_cb (gpointer user_data)
{
  apply_retention (LIAISON_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/* Once the store and the account are there (at start, or when the account
 * is added). */
static void
credentials_changed_cb (LiaisonApplication *self)
{
  reconcile (self);
  apply_retention (self);
}

/* A new voicemail (callers reach it after hours, or when nobody answers):
 * a notification with who, how long and the start of its transcript. */
#define NOTIFY_LOOKBACK 50

typedef struct {
  LiaisonApplication *self;
  gint64              id;
} VoicemailNotify;

static void
voicemail_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree VoicemailNotify *data = user_data;
  g_autoptr(LiaisonApplication) self = data->self;
  g_autoptr(GPtrArray) voicemails = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  LiaisonVoicemail *voicemail = NULL;
  const char *name;
  const char *preview;

  voicemails = liaison_store_list_voicemails_finish (LIAISON_STORE (object), result, &error);
  if (voicemails == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No voicemail notification: %s", error->message);
      return;
    }

  /* The one just stored (an older one may arrive late, after a reconnect). */
  for (guint i = 0; i < voicemails->len && voicemail == NULL; i++)
    if (liaison_voicemail_get_id (g_ptr_array_index (voicemails, i)) == data->id)
      voicemail = g_ptr_array_index (voicemails, i);
  if (voicemail == NULL)
    return;
  name = liaison_voicemail_get_contact_name (voicemail);
  who = name != NULL && *name != '\0' ? g_strdup (name)
        : liaison_phone_format_for_display (liaison_voicemail_get_from (voicemail), NULL);
  /* Translators: %s is a contact's name or a phone number */
  title = g_strdup_printf (_("Voicemail from %s"), who);
  preview = liaison_voicemail_get_transcript_preview (voicemail);

  notification = g_notification_new (title);
  if (preview != NULL && *preview != '\0')
    g_notification_set_body (notification, preview);
  g_notification_set_category (notification, "call.unanswered");
  g_notification_set_default_action (notification, "app.show-voicemail");
  g_notification_add_button_with_target (notification, _("Call Back"), "app.call-number", "s",
                                         liaison_voicemail_get_from (voicemail));
  id = g_strdup_printf ("voicemail-%" G_GINT64_FORMAT, liaison_voicemail_get_id (voicemail));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
voicemail_stored_cb (LiaisonApplication *self,
                     gint64              voicemail_id,
                     const char         *call_sid)
{
  VoicemailNotify *data;

  if (self->store == NULL)
    return;

  /* Among the newest, where a new one nearly always is. */
  data = g_new0 (VoicemailNotify, 1);
  data->self = g_object_ref (self);
  data->id = voicemail_id;
  liaison_store_list_voicemails_async (self->store, FALSE, NULL, NOTIFY_LOOKBACK, self->cancellable,
                                       voicemail_listed_cb, data);
}

void
_liaison_application_start_calls (LiaisonApplication *self)
{
  g_return_if_fail (self->relay_client != NULL);

  if (self->calls_started)
    return;
  self->calls_started = TRUE;

  g_signal_connect_object (self, "notify::credentials-state",
                           G_CALLBACK (credentials_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::store-state",
                           G_CALLBACK (credentials_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recording-retention-days",
                           G_CALLBACK (apply_retention), self, G_CONNECT_SWAPPED);
  self->reconcile_id = g_timeout_add_seconds (RECONCILE_INTERVAL_S, reconcile_timeout_cb, self);
  self->retention_id = g_timeout_add_seconds (RETENTION_INTERVAL_S, retention_timeout_cb, self);
  credentials_changed_cb (self);

  g_signal_connect_object (self->relay_client, "call-changed",
                           G_CALLBACK (call_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relay_client, "recording-stored",
                           G_CALLBACK (recording_stored_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relay_client, "voicemail-stored",
                           G_CALLBACK (voicemail_stored_cb), self, G_CONNECT_SWAPPED);
}

LiaisonRecordingCache *
liaison_application_get_recording_cache (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  /* <cache>/recordings: the profile's own (liaison_paths_get_cache_dir()). */
  if (self->recording_cache == NULL)
    {
      g_autofree char *cache = liaison_paths_get_cache_dir ();
      g_autofree char *directory = g_build_filename (cache, "recordings", NULL);

      self->recording_cache = liaison_recording_cache_new (self->twilio_client, directory);
    }

  return self->recording_cache;
}

void
_liaison_application_stop_calls (LiaisonApplication *self)
{
  g_clear_handle_id (&self->reconcile_id, g_source_remove);
  g_clear_handle_id (&self->retention_id, g_source_remove);
  g_clear_object (&self->click_to_call);
}
