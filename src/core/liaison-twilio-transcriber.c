/* liaison-twilio-transcriber.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-transcriber"

#include "config.h"

#include "liaison-twilio-transcriber.h"
#include "liaison-transcript-sentence.h"
#include "liaison-twilio-client-private.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-page.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#define DEFAULT_FIRST_DELAY  (2 * G_USEC_PER_SEC)
#define DEFAULT_MAX_DELAY    (30 * G_USEC_PER_SEC)
#define DEFAULT_GIVE_UP      ((gint64) 30 * 60 * G_USEC_PER_SEC)

typedef struct
{
  char *media_participant_id;
  char *user_id;
} Participant;

struct _LiaisonTwilioTranscriber
{
  GObject              parent_instance;

  LiaisonTwilioClient *client;
  LiaisonClock        *clock;
  char                *service_sid;
  Participant          participants[2];
  gint64               first_delay;
  gint64               max_delay;
  gint64               give_up;
  guint                page_size;
};

G_DEFINE_FINAL_TYPE (LiaisonTwilioTranscriber, liaison_twilio_transcriber, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-twilio-transcriber-error-quark, liaison_twilio_transcriber_error)

static void
liaison_twilio_transcriber_finalize (GObject *object)
{
  LiaisonTwilioTranscriber *self = LIAISON_TWILIO_TRANSCRIBER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->clock);
  g_free (self->service_sid);
  for (guint i = 0; i < G_N_ELEMENTS (self->participants); i++)
    {
      g_free (self->participants[i].media_participant_id);
      g_free (self->participants[i].user_id);
    }

  G_OBJECT_CLASS (liaison_twilio_transcriber_parent_class)->finalize (object);
}

static void
liaison_twilio_transcriber_class_init (LiaisonTwilioTranscriberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_twilio_transcriber_finalize;
}

static void
liaison_twilio_transcriber_init (LiaisonTwilioTranscriber *self)
{
  self->first_delay = DEFAULT_FIRST_DELAY;
  self->max_delay = DEFAULT_MAX_DELAY;
  self->give_up = DEFAULT_GIVE_UP;
}

LiaisonTwilioTranscriber *
liaison_twilio_transcriber_new (LiaisonTwilioClient *client,
                                LiaisonClock        *clock)
{
  LiaisonTwilioTranscriber *self;

  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (client), NULL);
  g_return_val_if_fail (clock == NULL || LIAISON_IS_CLOCK (clock), NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_TRANSCRIBER, NULL);
  self->client = g_object_ref (client);
  self->clock = g_object_ref (clock != NULL ? clock : liaison_twilio_client_get_clock (client));
  return self;
}

void
liaison_twilio_transcriber_set_service_sid (LiaisonTwilioTranscriber *self,
                                            const char               *service_sid)
{
  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));

  g_free (self->service_sid);
  self->service_sid = service_sid != NULL && *service_sid != '\0' ? g_strdup (service_sid) : NULL;
}

const char *
liaison_twilio_transcriber_get_service_sid (LiaisonTwilioTranscriber *self)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self), NULL);
  return self->service_sid;
}

void
liaison_twilio_transcriber_set_participant (LiaisonTwilioTranscriber *self,
                                            guint                     channel,
                                            const char               *media_participant_id,
                                            const char               *user_id)
{
  Participant *participant;

  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));
  g_return_if_fail (channel == 1 || channel == 2);

  participant = &self->participants[channel - 1];
  g_free (participant->media_participant_id);
  participant->media_participant_id = g_strdup (media_participant_id);
  g_free (participant->user_id);
  participant->user_id = g_strdup (user_id);
}

void
liaison_twilio_transcriber_set_polling (LiaisonTwilioTranscriber *self,
                                        gint64                    first_delay_usec,
                                        gint64                    max_delay_usec,
                                        gint64                    give_up_usec)
{
  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));
  g_return_if_fail (first_delay_usec > 0);
  g_return_if_fail (max_delay_usec >= first_delay_usec);
  g_return_if_fail (give_up_usec > 0);

  self->first_delay = first_delay_usec;
  self->max_delay = max_delay_usec;
  self->give_up = give_up_usec;
}

void
liaison_twilio_transcriber_set_page_size (LiaisonTwilioTranscriber *self,
                                          guint                     page_size)
{
  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));
  self->page_size = MIN (page_size, 5000);
}

/* ------------------------------------------------------------------------ */
/* Splitting legacy text */

static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "inc", "no", "approx",
};

static gboolean
is_abbreviation (const char *start,
                 const char *dot)
{
  const char *word = dot;
  g_autofree char *lower = NULL;

  while (word > start && !g_ascii_isspace (word[-1]))
    word--;
  if (word == dot)
    return FALSE;
  lower = g_ascii_strdown (word, dot - word);
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (g_str_equal (lower, abbreviations[i]))
      return TRUE;
  /* A single letter ("J. Smith"). */
  return dot - word == 1 && g_ascii_isalpha (word[0]);
}

GPtrArray *
liaison_twilio_transcriber_split_text (const char *text,
                                       gint64      duration_ms,
                                       int         channel,
                                       const char *speaker)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);
  const char *start = valid;
  glong total = 0, before = 0;

  g_strstrip (valid);
  if (g_str_equal (valid, "(blank)"))
    return sentences;

  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *after = *p != '\0' ? g_utf8_next_char (p) : p;
      gboolean end = FALSE;

      if (*p == '\0')
        end = TRUE;
      else if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
        {
          /* Closing quotes and brackets stay with the sentence. */
          while (*after == '"' || *after == '\'' || *after == ')' ||
                 g_str_has_prefix (after, "”") || g_str_has_prefix (after, "’"))
            after = g_utf8_next_char (after);
          if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
            end = TRUE;
          else if (*after == '\0' || g_unichar_isspace (g_utf8_get_char (after)))
            end = !(c == '.' && is_abbreviation (start, p));
        }
      if (end)
        {
          g_autofree char *piece = g_strndup (start, after - start);

          g_strstrip (piece);
          if (*piece != '\0')
            {
              total += g_utf8_strlen (piece, -1);
              g_ptr_array_add (pieces, g_steal_pointer (&piece));
            }
          if (*after == '\0')
            break;
          start = after;
          p = g_utf8_prev_char (after);
        }
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);
      glong length = g_utf8_strlen (piece, -1);
      gint64 start_ms = 0, end_ms = 0;

      if (duration_ms > 0 && total > 0)
        {
          start_ms = (gint64) ((double) duration_ms * before / total + 0.5);
          end_ms = (gint64) ((double) duration_ms * (before + length) / total + 0.5);
        }
      before += length;
      g_ptr_array_add (sentences, liaison_transcript_sentence_new (i, channel, speaker, start_ms, end_ms, piece, -1.0));
    }
  return sentences;
}

gboolean
liaison_twilio_transcriber_check_transcript (LiaisonTwilioIntelligenceTranscript  *transcript,
                                             GError                              **error)
{
  const char *status;

  g_return_val_if_fail (LIAISON_IS_TWILIO_INTELLIGENCE_TRANSCRIPT (transcript), FALSE);

  status = liaison_twilio_intelligence_transcript_get_status (transcript);
  if (g_strcmp0 (status, "completed") == 0)
    return TRUE;
  if (g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "error") == 0 ||
      g_strcmp0 (status, "canceled") == 0)
    {
      /* Translators: %s is Twilio's status word (failed, error, canceled). */
      g_set_error (error, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_FAILED,
                   _("Twilio could not transcribe the recording (status “%s”)."), status);
      return FALSE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Jobs */

typedef enum {
  STEP_FETCH_TRANSCRIPT,
  STEP_LIST_TRANSCRIPTIONS,
} PollStep;

typedef struct
{
  char        *recording_sid;
  char        *customer_key;
  char        *transcript_sid;
  char        *speaker;
  guint        duration;          /* s, legacy */
  gint64       started;           /* µs on the clock */
  gint64       delay;
  PollStep     poll_step;
  guint        timeout_id;
  GSource     *cancel_source;
  GPtrArray   *twilio_sentences;  /* LiaisonTwilioSentence */
  GPtrArray   *operator_results;  /* LiaisonTwilioOperatorResult */
} Job;

static void
job_free (Job *job)
{
  g_assert (job->timeout_id == 0);
  g_assert (job->cancel_source == NULL);
  g_free (job->recording_sid);
  g_free (job->customer_key);
  g_free (job->transcript_sid);
  g_free (job->speaker);
  g_clear_pointer (&job->twilio_sentences, g_ptr_array_unref);
  g_clear_pointer (&job->operator_results, g_ptr_array_unref);
  g_free (job);
}

static GTask *
job_task_new (LiaisonTwilioTranscriber *self,
              gpointer                  source_tag,
              GCancellable             *cancellable,
              GAsyncReadyCallback       callback,
              gpointer                  user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  job->started = liaison_clock_get_now_usec (self->clock);
  job->delay = self->first_delay;
  job->twilio_sentences = g_ptr_array_new_with_free_func (g_object_unref);
  job->operator_results = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return task;
}

static void poll_again (GTask *task);
static void list_sentences (GTask *task);
static void list_transcriptions (GTask *task);
static void fetch_transcript_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static void
stop_waiting (Job *job)
{
  if (job->cancel_source != NULL)
    {
      g_source_destroy (job->cancel_source);
      g_clear_pointer (&job->cancel_source, g_source_unref);
    }
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);

  job->timeout_id = 0;
  stop_waiting (job);
  /* The clock drops its own reference after this call. */
  poll_again (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (job->timeout_id != 0)
    {
      /* Removing the timeout drops its reference on the task: keep one. */
      g_object_ref (task);
      liaison_clock_remove_timeout (self->clock, job->timeout_id);
      job->timeout_id = 0;
      g_clear_pointer (&job->cancel_source, g_source_unref);
      g_cancellable_set_error_if_cancelled (cancellable, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/* Waits before polling again, with backoff; gives up after self->give_up. */
static void
wait_and_poll (GTask *task)
{
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 now = liaison_clock_get_now_usec (self->clock);
  gint64 delay = job->delay;

  if (now - job->started + delay > self->give_up)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_TIMED_OUT,
                               _("Twilio has not finished transcribing the recording after %d minutes."),
                               (int) (self->give_up / (60 * G_USEC_PER_SEC)));
      g_object_unref (task);
      return;
    }
  job->delay = MIN (delay * 2, self->max_delay);

  g_debug ("Transcript not ready; asking again in %" G_GINT64_FORMAT " ms", delay / 1000);
  job->timeout_id = liaison_clock_add_timeout (self->clock, delay, wait_done_cb, task, g_object_unref);
  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_attach (job->cancel_source, g_task_get_context (task));
    }
}

static void
poll_again (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (job->poll_step == STEP_LIST_TRANSCRIPTIONS)
    list_transcriptions (task);
  else
    {
      LiaisonTwilioTranscriber *self = g_task_get_source_object (task);

      liaison_twilio_client_fetch_transcript_async (self->client, job->transcript_sid, g_task_get_cancellable (task),
                                                    fetch_transcript_cb, task);
    }
}

/* ------------------------------------------------------------------------ */
/* Voice Intelligence */

static void
handle_transcript (GTask                               *task,
                   LiaisonTwilioIntelligenceTranscript *transcript)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (job->transcript_sid == NULL)
    job->transcript_sid = g_strdup (liaison_twilio_intelligence_transcript_get_sid (transcript));
  if (liaison_twilio_transcriber_check_transcript (transcript, &error))
    list_sentences (task);
  else if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
  else
    {
      job->poll_step = STEP_FETCH_TRANSCRIPT;
      wait_and_poll (task);
    }
}

static void
fetch_transcript_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  transcript = liaison_twilio_client_transcript_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (transcript == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  handle_transcript (task, transcript);
}

static void
create_transcript_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  g_autoptr(LiaisonTwilioIntelligenceTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  transcript = _liaison_twilio_client_request_object_finish (LIAISON_TWILIO_CLIENT (source), result,
                                                             liaison_twilio_transcriber_transcribe_async, &error);
  if (transcript == NULL)
    {
      const LiaisonTwilioErrorDetails *details = liaison_twilio_error_get_details (error);

      if (details != NULL && details->code == 20404 && details->http_status == 404)
        g_task_return_new_error (task, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_SERVICE,
                                 _("Twilio does not know the Voice Intelligence service %s: choose another one in Preferences."),
                                 self->service_sid);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  handle_transcript (task, transcript);
}

static void
add_participant (JsonBuilder *builder,
                 guint        channel,
                 const char  *role,
                 Participant *participant)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "channel_participant");
  json_builder_add_int_value (builder, channel);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  if (participant->media_participant_id != NULL)
    {
      json_builder_set_member_name (builder, "media_participant_id");
      json_builder_add_string_value (builder, participant->media_participant_id);
    }
  if (participant->user_id != NULL)
    {
      json_builder_set_member_name (builder, "user_id");
      json_builder_add_string_value (builder, participant->user_id);
    }
  json_builder_end_object (builder);
}

static void
create_transcript (GTask *task)
{
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) form = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *channel = NULL;

  /* Channel is JSON inside the form (TWILIO.md §4.6), with participants. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "media_properties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source_sid");
  json_builder_add_string_value (builder, job->recording_sid);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  add_participant (builder, 1, "Agent", &self->participants[0]);
  add_participant (builder, 2, "Customer", &self->participants[1]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  channel = json_generator_to_data (generator, NULL);

  _liaison_twilio_form_add (form, "ServiceSid", self->service_sid);
  _liaison_twilio_form_add (form, "Channel", channel);
  _liaison_twilio_form_add (form, "CustomerKey", job->customer_key);

  /* A create is never re-sent once it may have reached Twilio. */
  _liaison_twilio_client_request_object_async (self->client, LIAISON_TWILIO_PRODUCT_INTELLIGENCE, "POST",
                                               "/v2/Transcripts", _liaison_twilio_form_end (form), NULL, FALSE,
                                               (LiaisonTwilioItemParser) liaison_twilio_intelligence_transcript_new_from_json,
                                               NULL, liaison_twilio_transcriber_transcribe_async,
                                               g_task_get_cancellable (task), create_transcript_cb, task);
}

static void
list_services_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  items = liaison_twilio_page_get_items (page);
  if (items->len == 0)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_SERVICE,
                               _("The Twilio account has no Voice Intelligence service: create one in the Twilio "
                                 "Console, or turn on transcription in Preferences."));
      g_object_unref (task);
      return;
    }
  /* Remembered for the next transcripts. */
  liaison_twilio_transcriber_set_service_sid (self,
                                              liaison_twilio_intelligence_service_get_sid (g_ptr_array_index (items, 0)));
  create_transcript (task);
}

void
liaison_twilio_transcriber_transcribe_async (LiaisonTwilioTranscriber *self,
                                             const char               *recording_sid,
                                             const char               *customer_key,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));
  g_return_if_fail (recording_sid != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, liaison_twilio_transcriber_transcribe_async, cancellable, callback, user_data);
  job = g_task_get_task_data (task);
  job->recording_sid = g_strdup (recording_sid);
  job->customer_key = g_strdup (customer_key);

  if (self->service_sid == NULL)
    liaison_twilio_client_list_intelligence_services_async (self->client, 0, cancellable, list_services_cb, task);
  else
    create_transcript (task);
}

void
liaison_twilio_transcriber_fetch_async (LiaisonTwilioTranscriber *self,
                                        const char               *transcript_sid,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));
  g_return_if_fail (transcript_sid != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Same tag as transcribe: one finish for both. */
  task = job_task_new (self, liaison_twilio_transcriber_transcribe_async, cancellable, callback, user_data);
  job = g_task_get_task_data (task);
  job->transcript_sid = g_strdup (transcript_sid);
  job->poll_step = STEP_FETCH_TRANSCRIPT;
  liaison_twilio_client_fetch_transcript_async (self->client, transcript_sid, cancellable, fetch_transcript_cb, task);
}

static gint
sentence_compare (gconstpointer a,
                  gconstpointer b)
{
  LiaisonTwilioSentence *sa = *(LiaisonTwilioSentence **) a;
  LiaisonTwilioSentence *sb = *(LiaisonTwilioSentence **) b;
  double ta = liaison_twilio_sentence_get_start_time (sa);
  double tb = liaison_twilio_sentence_get_start_time (sb);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  if (liaison_twilio_sentence_get_media_channel (sa) != liaison_twilio_sentence_get_media_channel (sb))
    return liaison_twilio_sentence_get_media_channel (sa) < liaison_twilio_sentence_get_media_channel (sb) ? -1 : 1;
  return liaison_twilio_sentence_get_sentence_index (sa) - liaison_twilio_sentence_get_sentence_index (sb);
}

static gint64
to_ms (double seconds)
{
  if (!isfinite (seconds) || seconds < 0)
    return 0;
  if (seconds > (double) G_MAXINT64 / 2000.0)
    return G_MAXINT64 / 2;
  return (gint64) llround (seconds * 1000.0);
}

static void
finish_intelligence (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_object_unref);

  /* g_ptr_array_sort is not stable; the comparison breaks ties itself. */
  g_ptr_array_sort (job->twilio_sentences, sentence_compare);
  for (guint i = 0; i < job->twilio_sentences->len; i++)
    {
      LiaisonTwilioSentence *sentence = g_ptr_array_index (job->twilio_sentences, i);
      int channel = liaison_twilio_sentence_get_media_channel (sentence);
      const char *speaker = channel == 1 ? "advisor" : channel == 2 ? "client" : NULL;
      double confidence = liaison_twilio_sentence_get_confidence (sentence);

      g_ptr_array_add (sentences,
                       liaison_transcript_sentence_new (i, channel, speaker,
                                                        to_ms (liaison_twilio_sentence_get_start_time (sentence)),
                                                        to_ms (liaison_twilio_sentence_get_end_time (sentence)),
                                                        liaison_twilio_sentence_get_transcript (sentence),
                                                        isfinite (confidence) ? CLAMP (confidence, -1.0, 1.0) : -1.0));
    }
  g_debug ("Transcript %s: %u sentences, %u operator results", job->transcript_sid, sentences->len,
           job->operator_results->len);
  g_task_return_pointer (task, sentences, (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
operator_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  if (LIAISON_IS_TWILIO_PAGE (source))
    page = liaison_twilio_page_next_finish (LIAISON_TWILIO_PAGE (source), result, &error);
  else
    page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      /* Operator results are extras: Twilio refusing them (no operators,
       * not enabled) does not lose the transcript. */
      if (g_error_matches (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API))
        {
          g_debug ("No operator results: %s", error->message);
          finish_intelligence (task);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (job->operator_results, g_object_ref (g_ptr_array_index (items, i)));
  if (liaison_twilio_page_has_next (page))
    liaison_twilio_page_next_async (page, g_task_get_cancellable (task), operator_page_cb, task);
  else
    finish_intelligence (task);
}

static void
sentence_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  if (LIAISON_IS_TWILIO_PAGE (source))
    page = liaison_twilio_page_next_finish (LIAISON_TWILIO_PAGE (source), result, &error);
  else
    page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (job->twilio_sentences, g_object_ref (g_ptr_array_index (items, i)));
  if (liaison_twilio_page_has_next (page))
    liaison_twilio_page_next_async (page, g_task_get_cancellable (task), sentence_page_cb, task);
  else
    liaison_twilio_client_list_operator_results_async (self->client, job->transcript_sid,
                                                       g_task_get_cancellable (task), operator_page_cb, task);
}

static void
list_sentences (GTask *task)
{
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  liaison_twilio_client_list_sentences_async (self->client, job->transcript_sid, self->page_size,
                                              g_task_get_cancellable (task), sentence_page_cb, task);
}

GPtrArray *
liaison_twilio_transcriber_transcribe_finish (LiaisonTwilioTranscriber  *self,
                                              GAsyncResult              *result,
                                              char                     **out_transcript_sid,
                                              GPtrArray                **out_operator_results,
                                              GError                   **error)
{
  Job *job;
  GPtrArray *sentences;

  g_return_val_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_transcriber_transcribe_async, NULL);

  job = g_task_get_task_data (G_TASK (result));
  sentences = g_task_propagate_pointer (G_TASK (result), error);
  if (sentences == NULL)
    return NULL;
  if (out_transcript_sid != NULL)
    *out_transcript_sid = g_strdup (job->transcript_sid);
  if (out_operator_results != NULL)
    *out_operator_results = g_ptr_array_ref (job->operator_results);
  return sentences;
}

/* ------------------------------------------------------------------------ */
/* Legacy transcriptions */

static void
transcriptions_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonTwilioTranscription *completed = NULL;
  gboolean in_progress = FALSE, failed = FALSE;
  GPtrArray *items;
  GPtrArray *sentences;

  page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The newest completed one wins; otherwise wait for one in progress. */
  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonTwilioTranscription *transcription = g_ptr_array_index (items, i);
      const char *status = liaison_twilio_transcription_get_status (transcription);

      if (g_strcmp0 (status, "completed") == 0)
        {
          if (completed == NULL)
            completed = transcription;
        }
      else if (g_strcmp0 (status, "failed") == 0)
        failed = TRUE;
      else
        in_progress = TRUE;
    }

  if (completed == NULL && in_progress)
    {
      wait_and_poll (task);
      return;
    }
  if (completed == NULL && failed)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_FAILED,
                               _("Twilio could not transcribe the voicemail."));
      g_object_unref (task);
      return;
    }
  if (completed == NULL)
    {
      g_task_return_new_error (task, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_TRANSCRIPTION,
                               _("The recording has no transcription: Twilio transcribes voicemail only when "
                                 "transcription was turned on for the number."));
      g_object_unref (task);
      return;
    }

  sentences = liaison_twilio_transcriber_split_text (liaison_twilio_transcription_get_transcription_text (completed),
                                                     (gint64) job->duration * 1000, 0, job->speaker);
  if (sentences->len == 0)
    {
      g_ptr_array_unref (sentences);
      g_task_return_new_error (task, LIAISON_TWILIO_TRANSCRIBER_ERROR, LIAISON_TWILIO_TRANSCRIBER_ERROR_NO_TRANSCRIPTION,
                               _("Twilio’s transcription of the voicemail is empty."));
      g_object_unref (task);
      return;
    }
  g_task_return_pointer (task, sentences, (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
list_transcriptions (GTask *task)
{
  LiaisonTwilioTranscriber *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  liaison_twilio_client_list_transcriptions_async (self->client, job->recording_sid, 0,
                                                   g_task_get_cancellable (task), transcriptions_cb, task);
}

static void
fetch_recording_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioRecording) recording = NULL;
  g_autoptr(GError) error = NULL;

  recording = liaison_twilio_client_fetch_recording_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (recording == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  job->duration = liaison_twilio_recording_get_duration (recording);
  list_transcriptions (task);
}

void
liaison_twilio_transcriber_transcribe_legacy_async (LiaisonTwilioTranscriber *self,
                                                    const char               *recording_sid,
                                                    const char               *speaker,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self));
  g_return_if_fail (recording_sid != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, liaison_twilio_transcriber_transcribe_legacy_async, cancellable, callback, user_data);
  job = g_task_get_task_data (task);
  job->recording_sid = g_strdup (recording_sid);
  job->speaker = g_strdup (speaker);
  job->poll_step = STEP_LIST_TRANSCRIPTIONS;
  liaison_twilio_client_fetch_recording_async (self->client, recording_sid, cancellable, fetch_recording_cb, task);
}

GPtrArray *
liaison_twilio_transcriber_transcribe_legacy_finish (LiaisonTwilioTranscriber  *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_TRANSCRIBER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_twilio_transcriber_transcribe_legacy_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
