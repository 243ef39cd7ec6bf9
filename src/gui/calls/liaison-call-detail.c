/* liaison-call-detail.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-application.h"
#include "liaison-call-detail.h"
#include "liaison-calls-format.h"
#include "liaison-inbox-format.h"
#include "liaison-local-transcriber.h"
#include "liaison-recording-player.h"
#include "liaison-secret-store.h"
#include "liaison-summarizer.h"
#include "liaison-summary-endpoint.h"
#include "liaison-transcript-view.h"
#include "liaison-twilio-transcriber.h"

struct _LiaisonCallDetail
{
  AdwBin                  parent_instance;

  GtkStack               *stack;
  GtkLabel               *title_label;
  GtkLabel               *subtitle_label;
  GtkButton              *call_button;
  GtkButton              *text_button;
  GtkButton              *contact_button;
  GtkToggleButton        *hold_button;
  GtkLabel               *error_label;
  GtkStack               *recording_stack;
  GtkLabel               *no_recording_label;
  GtkProgressBar         *download_bar;
  GtkLabel               *download_error_label;
  LiaisonRecordingPlayer *player;
  GtkBox                 *summary_box;
  GtkLabel               *summary_source_label;
  GtkLabel               *summary_label;
  GtkLabel               *actions_label;
  GtkLabel               *mentions_label;
  GtkLabel               *flags_label;
  GtkButton              *endpoint_button;
  GtkButton              *transcribe_device_button;
  GtkButton              *transcribe_twilio_button;
  GtkLabel               *transcript_status_label;
  LiaisonTranscriptView  *transcript_view;

  GCancellable           *cancellable;
  char                   *call_sid;
  char                   *recording_sid;
  int                     recording_duration_s;
  char                   *recording_path;
  LiaisonCallSummary     *summary;
  gboolean                syncing_hold;
  gboolean                downloading;
  gboolean                transcribing;
  gboolean                summarizing;
  AdwMessageDialog       *endpoint_dialog;
  LiaisonSummaryEndpoint *endpoint;
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonCallDetail, liaison_call_detail, ADW_TYPE_BIN)

static LiaisonApplication *
application (void)
{
  GApplication *app = g_application_get_default ();

  return LIAISON_IS_APPLICATION (app) ? LIAISON_APPLICATION (app) : NULL;
}

static LiaisonStore *
store (void)
{
  LiaisonApplication *app = application ();

  if (app == NULL || liaison_application_get_store_state (app) != LIAISON_STORE_STATE_READY)
    return NULL;
  return liaison_application_get_store (app);
}

static void
notify_busy (LiaisonCallDetail *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
show_error (LiaisonCallDetail *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_transcript_status (LiaisonCallDetail *self,
                       const char        *text)
{
  gtk_label_set_label (self->transcript_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->transcript_status_label), text != NULL && *text != '\0');
}

static void
update_transcribe_buttons (LiaisonCallDetail *self)
{
  gboolean can = self->recording_sid != NULL && !self->transcribing;
  LiaisonApplication *app = application ();
  g_autofree char *engine = NULL;
  gboolean on_device;

  /* The engine chosen in Preferences is the suggested one. */
  if (app != NULL)
    engine = g_settings_get_string (liaison_application_get_settings (app), "transcription-engine");
  on_device = g_strcmp0 (engine, "device") == 0;
  if (on_device)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->transcribe_device_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->transcribe_twilio_button), "suggested-action");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->transcribe_twilio_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->transcribe_device_button), "suggested-action");
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->transcribe_device_button), can && self->recording_path != NULL);
  {
    g_autofree char *url = app != NULL
                           ? g_settings_get_string (liaison_application_get_settings (app), "summary-endpoint-url")
                           : NULL;
    guint n_sentences = g_list_model_get_n_items (liaison_transcript_view_get_model (self->transcript_view));

    gtk_widget_set_visible (GTK_WIDGET (self->endpoint_button), url != NULL && *url != '\0');
    gtk_widget_set_sensitive (GTK_WIDGET (self->endpoint_button),
                              n_sentences > 0 && !self->transcribing && !self->summarizing);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->transcribe_twilio_button), can);
}

/* The summary */

static char *
bullets (const char * const *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (items[i], -1);

      g_string_append_printf (text, "%s• %s", text->len > 0 ? "\n" : "", escaped);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_summary (LiaisonCallDetail  *self,
              LiaisonCallSummary *summary)
{
  g_autofree char *actions = NULL;
  g_autoptr(GString) mentions = g_string_new (NULL);
  g_autoptr(GString) flags = g_string_new (NULL);
  const char *text;

  g_set_object (&self->summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_box), summary != NULL);
  if (summary == NULL)
    return;

  gtk_label_set_label (self->summary_source_label, liaison_call_summary_get_source_label (summary));
  text = liaison_call_summary_get_text (summary);
  gtk_label_set_label (self->summary_label,
                       *text != '\0' ? text : _("Nothing stood out in this call."));

  actions = bullets (liaison_call_summary_get_action_items (summary));
  if (*actions != '\0')
    {
      g_autofree char *with_title = g_strdup_printf ("<b>%s</b>\n%s", _("To do"), actions);

      gtk_label_set_markup (self->actions_label, with_title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_label), *actions != '\0');

  for (guint i = 0; i < liaison_call_summary_get_n_mentions (summary); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (liaison_call_summary_get_mention_text (summary, i), -1);

      g_string_append_printf (mentions, "%s%s", mentions->len > 0 ? " · " : "", escaped);
    }
  if (mentions->len > 0)
    {
      /* Translators: dates, times and amounts mentioned in a call */
      g_autofree char *title = g_strdup_printf ("<b>%s</b> ", _("Mentioned:"));

      g_string_prepend (mentions, title);
      gtk_label_set_markup (self->mentions_label, mentions->str);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mentions_label), mentions->len > 0);

  for (guint i = 0; i < liaison_call_summary_get_n_flags (summary); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (liaison_call_summary_get_flag_phrase (summary, i), -1);

      g_string_append_printf (flags, "%s“%s”", flags->len > 0 ? ", " : "", escaped);
    }
  if (flags->len > 0)
    {
      g_autofree char *with_title = g_strdup_printf ("<b>%s</b> %s", _("Compliance review:"), flags->str);

      gtk_label_set_markup (self->flags_label, with_title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), flags->len > 0);
}

static LiaisonCallSummary *
summary_from_store (LiaisonStoreSummary *stored)
{
  LiaisonCallSummary *summary = NULL;
  LiaisonSummarySource source = LIAISON_SUMMARY_SOURCE_DEVICE;

  if (stored->extra_json != NULL)
    {
      g_autoptr(GError) error = NULL;

      summary = liaison_call_summary_new_from_json (stored->extra_json, &error);
      if (summary == NULL)
        g_warning ("A stored call summary could not be read: %s", error->message);
    }
  if (summary != NULL)
    return summary;

  /* Stored by something else: the text and the action items. */
  liaison_summary_source_from_string (stored->source, &source);
  summary = liaison_call_summary_new (source);
  liaison_call_summary_set_text (summary, stored->summary);
  for (guint i = 0; stored->action_items != NULL && stored->action_items[i] != NULL; i++)
    liaison_call_summary_add_action_item (summary, stored->action_items[i]);
  return summary;
}

/* The recording */

static void
download_progress_cb (double   fraction,
                      gpointer user_data)
{
  LiaisonCallDetail *self = user_data;

  if (fraction < 0)
    gtk_progress_bar_pulse (self->download_bar);
  else
    gtk_progress_bar_set_fraction (self->download_bar, fraction);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaisonCallDetail *self;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = liaison_recording_cache_fetch_finish (LIAISON_RECORDING_CACHE (object), result, &error);
  if (path == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CALL_DETAIL (user_data);
  self->downloading = FALSE;
  notify_busy (self);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The recording could not be downloaded: %s"),
                                                  error->message);

      gtk_label_set_label (self->download_error_label, message);
      gtk_stack_set_visible_child_name (self->recording_stack, "failed");
      update_transcribe_buttons (self);
      return;
    }

  g_free (self->recording_path);
  self->recording_path = g_steal_pointer (&path);
  gtk_stack_set_visible_child_name (self->recording_stack, "player");
  liaison_recording_player_load (self->player, self->recording_path,
                                 (gint64) MAX (self->recording_duration_s, 0) * 1000);
  update_transcribe_buttons (self);

  if (store () != NULL)
    liaison_store_set_recording_local_path_async (store (), self->recording_sid, self->recording_path,
                                                  -1, NULL, NULL, NULL);
}

static void
download_recording (LiaisonCallDetail *self)
{
  LiaisonApplication *app = application ();

  if (app == NULL || self->recording_sid == NULL)
    return;

  self->downloading = TRUE;
  notify_busy (self);
  gtk_progress_bar_set_fraction (self->download_bar, 0);
  gtk_stack_set_visible_child_name (self->recording_stack, "downloading");
  liaison_recording_cache_fetch_async (liaison_application_get_recording_cache (app), self->recording_sid,
                                       LIAISON_TWILIO_RECORDING_FORMAT_WAV,
                                       download_progress_cb, self, NULL,
                                       self->cancellable, downloaded_cb, self);
}

static void
retry_clicked_cb (LiaisonCallDetail *self)
{
  download_recording (self);
}

/* Showing a call */

static void
show_recording (LiaisonCallDetail       *self,
                LiaisonStoreCallDetails *details)
{
  LiaisonRecording *recording = NULL;

  for (guint i = 0; i < details->recordings->len && recording == NULL; i++)
    {
      LiaisonRecording *candidate = g_ptr_array_index (details->recordings, i);

      if (!liaison_recording_is_deleted (candidate))
        recording = candidate;
    }

  if (recording == NULL)
    {
      gtk_label_set_label (self->no_recording_label,
                           details->recordings->len > 0
                           ? _("The recording was deleted under the retention policy.")
                           : _("This call was not recorded."));
      gtk_stack_set_visible_child_name (self->recording_stack, "none");
      return;
    }

  self->recording_sid = g_strdup (liaison_recording_get_sid (recording));
  self->recording_duration_s = liaison_recording_get_duration_s (recording);

  if (g_strcmp0 (liaison_recording_get_status (recording), "completed") != 0)
    {
      gtk_label_set_label (self->no_recording_label,
                           _("Twilio is still processing the recording."));
      gtk_stack_set_visible_child_name (self->recording_stack, "none");
      return;
    }

  download_recording (self);
}

static void
show_details (LiaisonCallDetail       *self,
              LiaisonStoreCallDetails *details)
{
  LiaisonCall *call = details->call;
  g_autofree char *title = liaison_calls_title (call);
  g_autofree char *when = liaison_inbox_format_date_time (liaison_call_get_started_at (call));
  g_autofree char *outcome = liaison_calls_format_outcome (call);
  g_autofree char *subtitle = NULL;
  const char *number = liaison_call_get_remote_number (call);

  gtk_label_set_label (self->title_label, title);
  /* Translators: "Incoming call · Mon 3 Mar, 14:05 · 2:31" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), liaison_calls_direction_label (call), when, outcome);
  gtk_label_set_label (self->subtitle_label, subtitle);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->call_button),
                                          g_variant_new_string (number != NULL ? number : ""));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->text_button),
                                          g_variant_new_string (number != NULL ? number : ""));
  gtk_widget_set_visible (GTK_WIDGET (self->call_button), number != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->text_button), number != NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->contact_button),
                                          g_variant_new_int64 (liaison_call_get_contact_id (call)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact_button), "win.show-contact");
  gtk_widget_set_visible (GTK_WIDGET (self->contact_button), liaison_call_get_contact_id (call) > 0);

  self->syncing_hold = TRUE;
  gtk_toggle_button_set_active (self->hold_button, liaison_call_is_on_legal_hold (call));
  self->syncing_hold = FALSE;
  /* A contact's hold covers every call: lift it from the contact. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->hold_button), !liaison_call_get_contact_legal_hold (call));

  liaison_transcript_view_set_sentences (self->transcript_view, details->sentences);
  set_transcript_status (self, details->sentences->len > 0 ? NULL
                         : _("No transcript yet. Transcribe it on this computer, or with Twilio."));

  if (details->summaries->len > 0)
    {
      g_autoptr(LiaisonCallSummary) summary = summary_from_store (g_ptr_array_index (details->summaries, 0));

      show_summary (self, summary);
    }
  else
    {
      show_summary (self, NULL);
    }

  show_recording (self, details);
  update_transcribe_buttons (self);
  gtk_stack_set_visible_child_name (self->stack, "call");
}

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LiaisonCallDetail *self;
  g_autoptr(LiaisonStoreCallDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  details = liaison_store_get_call_finish (LIAISON_STORE (object), result, &error);
  if (details == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CALL_DETAIL (user_data);
  if (details == NULL)
    {
      show_error (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, "call");
      return;
    }

  show_details (self, details);
}

static void
reset (LiaisonCallDetail *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->call_sid, g_free);
  g_clear_pointer (&self->recording_sid, g_free);
  g_clear_pointer (&self->recording_path, g_free);
  self->recording_duration_s = 0;
  self->downloading = FALSE;
  self->transcribing = FALSE;
  show_error (self, NULL);
  show_summary (self, NULL);
  notify_busy (self);
}

/* Transcribing and summarizing */

static void
transcribe_done (LiaisonCallDetail *self,
                 const char        *message)
{
  self->transcribing = FALSE;
  notify_busy (self);
  set_transcript_status (self, message);
  update_transcribe_buttons (self);
}

static void
summary_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (liaison_store_save_summary_finish (LIAISON_STORE (object), result, &error) <= 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not store a call summary: %s", error->message);
}

typedef struct {
  LiaisonCallDetail  *self;
  GPtrArray          *sentences;
  GPtrArray          *operator_results;
  LiaisonCallSummary *summary;
} Transcribed;

static void
transcribed_free (Transcribed *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->sentences, g_ptr_array_unref);
  g_clear_pointer (&data->operator_results, g_ptr_array_unref);
  g_clear_object (&data->summary);
  g_free (data);
}

static void
transcript_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Transcribed *data = user_data;
  LiaisonCallDetail *self = data->self;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actions = NULL;
  g_autofree char *json = NULL;
  gint64 transcript_id;

  transcript_id = liaison_store_save_transcript_finish (LIAISON_STORE (object), result, &error);
  if (transcript_id <= 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The transcript could not be stored: %s"),
                                                      error->message);

          transcribe_done (self, message);
        }
      transcribed_free (data);
      return;
    }

  json = liaison_call_summary_to_json (data->summary);
  actions = g_strdupv ((char **) liaison_call_summary_get_action_items (data->summary));
  liaison_store_save_summary_async (LIAISON_STORE (object), self->call_sid, transcript_id,
                                    liaison_summary_source_to_string (liaison_call_summary_get_source (data->summary)),
                                    liaison_call_summary_get_text (data->summary),
                                    (const char * const *) actions, NULL, NULL, json,
                                    self->cancellable, summary_saved_cb, NULL);
  transcribe_done (self, data->sentences->len > 0 ? NULL
                   : _("No speech was recognised in this recording."));
  transcribed_free (data);
}

/* Shows and stores what a transcriber made, with its summary. */
static void
take_sentences (LiaisonCallDetail *self,
                GPtrArray         *sentences,
                GPtrArray         *operator_results,
                const char        *source,
                const char        *engine,
                const char        *transcript_sid)
{
  LiaisonApplication *app = application ();
  g_autoptr(LiaisonSummarizer) summarizer = liaison_summarizer_new ();
  Transcribed *data = g_new0 (Transcribed, 1);

  if (app != NULL)
    liaison_summarizer_set_gate (summarizer, liaison_application_get_gate (app));

  data->self = g_object_ref (self);
  data->sentences = g_ptr_array_ref (sentences);
  data->operator_results = operator_results != NULL ? g_ptr_array_ref (operator_results) : NULL;
  if (operator_results != NULL && operator_results->len > 0)
    data->summary = liaison_summarizer_summarize_operator_results (summarizer, operator_results, sentences);
  if (data->summary == NULL)
    data->summary = liaison_summarizer_summarize (summarizer, sentences);

  liaison_transcript_view_set_sentences (self->transcript_view, sentences);
  show_summary (self, data->summary);

  if (store () == NULL)
    {
      transcribe_done (self, NULL);
      transcribed_free (data);
      return;
    }

  liaison_store_save_transcript_async (store (), self->call_sid, self->recording_sid, source, engine,
                                       transcript_sid, "en-US", sentences, self->cancellable,
                                       transcript_saved_cb, data);
}

static void
transcribe_failed (LiaisonCallDetail *self,
                   const GError      *error)
{
  g_autofree char *message = g_strdup_printf (_("The recording could not be transcribed: %s"),
                                              error->message);

  transcribe_done (self, message);
}

static void
local_transcribed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LiaisonCallDetail *self;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  sentences = liaison_local_transcriber_transcribe_finish (LIAISON_LOCAL_TRANSCRIBER (object), result, &error);
  if (sentences == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CALL_DETAIL (user_data);
  if (sentences == NULL)
    {
      transcribe_failed (self, error);
      return;
    }

  take_sentences (self, sentences, NULL, "local", "pocketsphinx", NULL);
}

static void
transcribe_progress_cb (double   fraction,
                        gpointer user_data)
{
  LiaisonCallDetail *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: %d is a percentage */
  text = g_strdup_printf (_("Transcribing on this computer… %d %%"), (int) (fraction * 100));
  set_transcript_status (self, text);
}

static void
twilio_transcribed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LiaisonCallDetail *self;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GPtrArray) operator_results = NULL;
  g_autofree char *transcript_sid = NULL;
  g_autoptr(GError) error = NULL;

  sentences = liaison_twilio_transcriber_transcribe_finish (LIAISON_TWILIO_TRANSCRIBER (object), result,
                                                            &transcript_sid, &operator_results, &error);
  if (sentences == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = LIAISON_CALL_DETAIL (user_data);
  if (sentences == NULL)
    {
      transcribe_failed (self, error);
      return;
    }

  take_sentences (self, sentences, operator_results, "twilio", "voice-intelligence", transcript_sid);
}

void
liaison_call_detail_transcribe (LiaisonCallDetail       *self,
                                LiaisonTranscribeEngine  engine)
{
  LiaisonApplication *app = application ();

  g_return_if_fail (LIAISON_IS_CALL_DETAIL (self));

  if (app == NULL || self->recording_sid == NULL || self->transcribing)
    return;

  if (engine == LIAISON_TRANSCRIBE_ON_DEVICE)
    {
      g_autoptr(LiaisonLocalTranscriber) transcriber = liaison_local_transcriber_new ();
      g_autoptr(GFile) file = NULL;

      if (self->recording_path == NULL)
        return;

      file = g_file_new_for_path (self->recording_path);
      self->transcribing = TRUE;
      set_transcript_status (self, _("Transcribing on this computer…"));
      liaison_local_transcriber_transcribe_async (transcriber, file, transcribe_progress_cb, self, NULL,
                                                  self->cancellable, local_transcribed_cb, self);
    }
  else
    {
      g_autoptr(LiaisonTwilioTranscriber) transcriber =
        liaison_twilio_transcriber_new (liaison_application_get_twilio_client (app), NULL);

      self->transcribing = TRUE;
      set_transcript_status (self, _("Twilio Voice Intelligence is transcribing the recording…"));
      liaison_twilio_transcriber_transcribe_async (transcriber, self->recording_sid, self->call_sid,
                                                   self->cancellable, twilio_transcribed_cb, self);
    }

  notify_busy (self);
  update_transcribe_buttons (self);
}

static void
transcribe_device_clicked_cb (LiaisonCallDetail *self)
{
  liaison_call_detail_transcribe (self, LIAISON_TRANSCRIBE_ON_DEVICE);
}

static void
transcribe_twilio_clicked_cb (LiaisonCallDetail *self)
{
  liaison_call_detail_transcribe (self, LIAISON_TRANSCRIBE_WITH_TWILIO);
}

/* Summaries from the optional model server: what will be sent is shown,
 * and nothing leaves the computer until the person says Send. */

static GPtrArray *
shown_sentences (LiaisonCallDetail *self)
{
  GListModel *model = liaison_transcript_view_get_model (self->transcript_view);
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (sentences, g_list_model_get_item (model, i));
  return sentences;
}

static void
endpoint_summarized_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LiaisonCallDetail) self = user_data;
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = liaison_summary_endpoint_summarize_finish (LIAISON_SUMMARY_ENDPOINT (object), result, &error);
  self->summarizing = FALSE;
  notify_busy (self);
  update_transcribe_buttons (self);
  if (summary == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The model server could not summarize the call: %s"),
                                                      error->message);

          show_error (self, message);
        }
      return;
    }

  show_summary (self, summary);
  if (store () != NULL && self->call_sid != NULL)
    {
      g_autofree char *json = liaison_call_summary_to_json (summary);
      g_auto(GStrv) actions = g_strdupv ((char **) liaison_call_summary_get_action_items (summary));

      liaison_store_save_summary_async (store (), self->call_sid, 0,
                                        liaison_summary_source_to_string (LIAISON_SUMMARY_SOURCE_ENDPOINT),
                                        liaison_call_summary_get_text (summary),
                                        (const char * const *) actions, NULL, NULL, json,
                                        NULL, summary_saved_cb, NULL);
    }
}

static void
endpoint_response_cb (LiaisonCallDetail *self,
                      const char        *response,
                      AdwMessageDialog  *dialog)
{
  g_autoptr(GPtrArray) sentences = NULL;

  self->endpoint_dialog = NULL;
  if (g_strcmp0 (response, "send") != 0 || self->endpoint == NULL)
    {
      g_clear_object (&self->endpoint);
      return;
    }

  sentences = shown_sentences (self);
  self->summarizing = TRUE;
  notify_busy (self);
  update_transcribe_buttons (self);
  liaison_summary_endpoint_summarize_async (self->endpoint, sentences, self->cancellable,
                                            endpoint_summarized_cb, g_object_ref (self));
  g_clear_object (&self->endpoint);
}

static void
endpoint_key_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LiaisonCallDetail) self = user_data;
  LiaisonApplication *app = application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *model = NULL;
  g_autofree char *target = NULL;
  g_autofree char *body = NULL;
  GtkWidget *scroller, *label;
  AdwMessageDialog *dialog;

  key = liaison_secret_store_load_token_finish (LIAISON_SECRET_STORE (object), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      /* No keyring: a server on the user's own network may need no key. */
      g_debug ("No model server key: %s", error->message);
      g_clear_error (&error);
    }
  if (app == NULL)
    return;

  url = g_settings_get_string (liaison_application_get_settings (app), "summary-endpoint-url");
  model = g_settings_get_string (liaison_application_get_settings (app), "summary-endpoint-model");
  g_clear_object (&self->endpoint);
  self->endpoint = liaison_summary_endpoint_new (url, *model != '\0' ? model : NULL);
  if (key != NULL)
    {
      liaison_summary_endpoint_set_api_key (self->endpoint, key);
      memset (key, 0, strlen (key));
    }

  sentences = shown_sentences (self);
  target = liaison_summary_endpoint_dup_url (self->endpoint, &error);
  if (target != NULL)
    body = liaison_summary_endpoint_build_request_body (self->endpoint, sentences, &error);
  if (body == NULL)
    {
      show_error (self, error->message);
      g_clear_object (&self->endpoint);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Send This Transcript?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The model server at %s will receive exactly the text below: the transcript, with who said what, and the instruction to summarize it. Nothing else leaves this computer."),
                                  target);
  label = gtk_label_new (body);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (endpoint_response_cb), self, G_CONNECT_SWAPPED);
  self->endpoint_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

void
liaison_call_detail_summarize_with_endpoint (LiaisonCallDetail *self)
{
  LiaisonApplication *app = application ();

  g_return_if_fail (LIAISON_IS_CALL_DETAIL (self));

  if (app == NULL || self->summarizing || self->endpoint_dialog != NULL)
    return;

  liaison_secret_store_load_token_async (liaison_application_get_secret_store (app),
                                         LIAISON_SECRET_TOKEN_SUMMARY_KEY, self->cancellable,
                                         endpoint_key_loaded_cb, g_object_ref (self));
}

GtkWindow *
liaison_call_detail_get_endpoint_dialog (LiaisonCallDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_DETAIL (self), NULL);

  return self->endpoint_dialog != NULL ? GTK_WINDOW (self->endpoint_dialog) : NULL;
}

static void
endpoint_clicked_cb (LiaisonCallDetail *self)
{
  liaison_call_detail_summarize_with_endpoint (self);
}

/* Legal hold */

static void
hold_set_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LiaisonCallDetail) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_set_call_legal_hold_finish (LIAISON_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
hold_toggled_cb (LiaisonCallDetail *self)
{
  if (self->syncing_hold || self->call_sid == NULL || store () == NULL)
    return;

  /* Not cancelled with the view's reads: the person's change must land. */
  liaison_store_set_call_legal_hold_async (store (), self->call_sid,
                                           gtk_toggle_button_get_active (self->hold_button), NULL,
                                           NULL, hold_set_cb, g_object_ref (self));
}

/* GObject */

static void
liaison_call_detail_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonCallDetail *self = LIAISON_CALL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, liaison_call_detail_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_call_detail_dispose (GObject *object)
{
  LiaisonCallDetail *self = LIAISON_CALL_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The stack is both the bin's child and a template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CALL_DETAIL);
  g_clear_pointer (&self->call_sid, g_free);
  g_clear_pointer (&self->recording_sid, g_free);
  g_clear_pointer (&self->recording_path, g_free);
  g_clear_object (&self->summary);
  g_clear_object (&self->endpoint);
  if (self->endpoint_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->endpoint_dialog));
  self->endpoint_dialog = NULL;

  G_OBJECT_CLASS (liaison_call_detail_parent_class)->dispose (object);
}

static void
liaison_call_detail_class_init (LiaisonCallDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_call_detail_get_property;
  object_class->dispose = liaison_call_detail_dispose;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIAISON_TYPE_RECORDING_PLAYER);
  g_type_ensure (LIAISON_TYPE_TRANSCRIPT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-call-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, call_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, text_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, contact_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, hold_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, recording_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, no_recording_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, download_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, download_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, player);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, summary_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, summary_source_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, actions_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, mentions_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, flags_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, endpoint_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, transcribe_device_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, transcribe_twilio_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, transcript_status_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonCallDetail, transcript_view);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hold_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, transcribe_device_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, transcribe_twilio_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_clicked_cb);
}

static void
liaison_call_detail_init (LiaisonCallDetail *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_recording_player_connect_transcript (self->player, self->transcript_view);
}

GtkWidget *
liaison_call_detail_new (void)
{
  return g_object_new (LIAISON_TYPE_CALL_DETAIL, NULL);
}

void
liaison_call_detail_show_call (LiaisonCallDetail *self,
                               const char        *call_sid)
{
  g_return_if_fail (LIAISON_IS_CALL_DETAIL (self));

  reset (self);
  if (call_sid == NULL || store () == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->call_sid = g_strdup (call_sid);
  liaison_store_get_call_async (store (), call_sid, self->cancellable, call_read_cb, self);
}

const char *
liaison_call_detail_get_call_sid (LiaisonCallDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_DETAIL (self), NULL);

  return self->call_sid;
}

const char *
liaison_call_detail_get_recording_path (LiaisonCallDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_DETAIL (self), NULL);

  return self->recording_path;
}

GListModel *
liaison_call_detail_get_sentences (LiaisonCallDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_DETAIL (self), NULL);

  return liaison_transcript_view_get_model (self->transcript_view);
}

LiaisonCallSummary *
liaison_call_detail_get_summary (LiaisonCallDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_DETAIL (self), NULL);

  return self->summary;
}

gboolean
liaison_call_detail_get_busy (LiaisonCallDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_DETAIL (self), FALSE);

  return self->downloading || self->transcribing || self->summarizing;
}
