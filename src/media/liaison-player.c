/* liaison-player.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-player"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "liaison-media.h"
#include "liaison-player.h"

#define POSITION_INTERVAL_MS 50
#define FIRST_BUFFER_MESSAGE "liaison-first-buffer"

/* Where the duration came from, worst first: a better source replaces a
 * worse one, never the other way round. */
typedef enum {
  DURATION_NONE,
  DURATION_ESTIMATE,   /* GStreamer's estimate after DURATION_CHANGED */
  DURATION_KNOWN,      /* Twilio's metadata, given to load() */
  DURATION_STREAM,     /* the stream's own header, known at preroll */
  DURATION_EXACT,      /* set_exact_duration(): the decoded length */
} DurationSource;

struct _LiaisonPlayer
{
  GObject             parent_instance;

  GMainContext       *context;
  GstElement         *pipeline;
  GstElement         *audio_sink;     /* owned; NULL: autoaudiosink */
  GstClock           *clock;          /* owned; NULL: the pipeline's choice */
  GSource            *bus_source;
  GSource            *position_source;
  GstPad             *probe_pad;
  gulong              probe_id;

  char               *path;
  LiaisonPlayerState  state;
  gint64              position_ms;
  gint64              duration_ms;
  DurationSource      duration_source;
  double              rate;
  double              volume;
  GError             *error;

  gboolean            prerolled;      /* the first ASYNC_DONE after load() */
  gboolean            want_playing;
  gboolean            seeking;        /* a flushing seek is in flight */
  gint64              pending_seek_ms; /* -1: none; asked before preroll */
  gboolean            pending_rate;

  int                 first_buffer_armed; /* atomic */
  gint64              first_buffer_time;
};

G_DEFINE_FINAL_TYPE (LiaisonPlayer, liaison_player, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LiaisonPlayerState, liaison_player_state,
  G_DEFINE_ENUM_VALUE (LIAISON_PLAYER_STATE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (LIAISON_PLAYER_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (LIAISON_PLAYER_STATE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (LIAISON_PLAYER_STATE_PLAYING, "playing"),
  G_DEFINE_ENUM_VALUE (LIAISON_PLAYER_STATE_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (LIAISON_PLAYER_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_PATH,
  PROP_POSITION_MS,
  PROP_DURATION_MS,
  PROP_RATE,
  PROP_VOLUME,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_EOS,
  SIGNAL_SEEK_DONE,
  SIGNAL_FIRST_BUFFER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_state (LiaisonPlayer      *self,
           LiaisonPlayerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_position (LiaisonPlayer *self,
              gint64         position_ms)
{
  if (position_ms < 0)
    position_ms = 0;
  if (self->duration_ms > 0 && position_ms > self->duration_ms)
    position_ms = self->duration_ms;
  if (self->position_ms == position_ms)
    return;
  self->position_ms = position_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION_MS]);
}

static void
offer_duration (LiaisonPlayer  *self,
                gint64          duration_ms,
                DurationSource  source)
{
  if (duration_ms <= 0 || source < self->duration_source)
    return;
  self->duration_source = source;
  if (self->duration_ms == duration_ms)
    return;
  self->duration_ms = duration_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MS]);
}

static gboolean
query_position (LiaisonPlayer *self,
                gint64        *position_ms)
{
  gint64 position;

  if (self->pipeline == NULL || !self->prerolled || self->seeking)
    return FALSE;
  if (!gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position) || position < 0)
    return FALSE;
  *position_ms = position / GST_MSECOND;
  return TRUE;
}

static void
update_position (LiaisonPlayer *self)
{
  gint64 position_ms;

  if (query_position (self, &position_ms))
    set_position (self, position_ms);
}

static gboolean
position_tick_cb (gpointer user_data)
{
  update_position (LIAISON_PLAYER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
start_position_timer (LiaisonPlayer *self)
{
  if (self->position_source != NULL)
    return;
  self->position_source = g_timeout_source_new (POSITION_INTERVAL_MS);
  g_source_set_callback (self->position_source, position_tick_cb, self, NULL);
  g_source_set_static_name (self->position_source, "[liaison] player position");
  g_source_attach (self->position_source, self->context);
}

static void
stop_position_timer (LiaisonPlayer *self)
{
  if (self->position_source == NULL)
    return;
  g_source_destroy (self->position_source);
  g_clear_pointer (&self->position_source, g_source_unref);
}

static void
arm_first_buffer (LiaisonPlayer *self)
{
  self->first_buffer_time = 0;
  g_atomic_int_set (&self->first_buffer_armed, 1);
}

static void
set_error (LiaisonPlayer *self,
           GError        *error)   /* (transfer full) */
{
  g_info ("Player error: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
  stop_position_timer (self);
  self->want_playing = FALSE;
  self->seeking = FALSE;
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_state (self, LIAISON_PLAYER_STATE_ERROR);
}

static void
teardown_pipeline (LiaisonPlayer *self)
{
  stop_position_timer (self);
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  if (self->probe_pad != NULL)
    {
      gst_pad_remove_probe (self->probe_pad, self->probe_id);
      self->probe_id = 0;
      gst_clear_object (&self->probe_pad);
    }
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
}

static gboolean
do_seek (LiaisonPlayer *self,
         gint64         position_ms)
{
  if (!gst_element_seek (self->pipeline, self->rate, GST_FORMAT_TIME,
                         GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                         GST_SEEK_TYPE_SET, position_ms * GST_MSECOND,
                         GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE))
    {
      g_debug ("Seek to %" G_GINT64_FORMAT " ms refused", position_ms);
      return FALSE;
    }
  self->seeking = TRUE;
  arm_first_buffer (self);
  return TRUE;
}

static void
handle_first_preroll (LiaisonPlayer *self)
{
  gint64 duration;

  self->prerolled = TRUE;

  if (gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &duration) && duration > 0)
    offer_duration (self, duration / GST_MSECOND, DURATION_STREAM);

  if (self->pending_seek_ms >= 0 || self->pending_rate)
    {
      gint64 target = MAX (self->pending_seek_ms, 0);

      self->pending_seek_ms = -1;
      self->pending_rate = FALSE;
      do_seek (self, target);
    }

  if (self->want_playing)
    {
      set_state (self, LIAISON_PLAYER_STATE_PLAYING);
      start_position_timer (self);
    }
  else
    {
      set_state (self, LIAISON_PLAYER_STATE_PAUSED);
    }
  update_position (self);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  LiaisonPlayer *self = LIAISON_PLAYER (user_data);

  switch ((int) GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("GStreamer error from %s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
                 gst_error->message, debug ? debug : "");
        set_error (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                      _("Could not play the recording: %s"), gst_error->message));
      }
      break;

    case GST_MESSAGE_EOS:
      stop_position_timer (self);
      self->want_playing = FALSE;
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      if (self->duration_ms > 0)
        set_position (self, self->duration_ms);
      else
        update_position (self);
      set_state (self, LIAISON_PLAYER_STATE_ENDED);
      g_signal_emit (self, signals[SIGNAL_EOS], 0);
      break;

    case GST_MESSAGE_ASYNC_DONE:
      if (GST_MESSAGE_SRC (message) != GST_OBJECT (self->pipeline))
        break;
      if (!self->prerolled)
        {
          handle_first_preroll (self);
        }
      else if (self->seeking)
        {
          self->seeking = FALSE;
          update_position (self);
          g_signal_emit (self, signals[SIGNAL_SEEK_DONE], 0);
        }
      break;

    case GST_MESSAGE_DURATION_CHANGED:
      {
        gint64 duration;

        if (self->prerolled &&
            gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &duration) &&
            duration > 0)
          offer_duration (self, duration / GST_MSECOND, DURATION_ESTIMATE);
      }
      break;

    case GST_MESSAGE_APPLICATION:
      {
        const GstStructure *s = gst_message_get_structure (message);
        gint64 when;

        if (gst_structure_has_name (s, FIRST_BUFFER_MESSAGE) &&
            gst_structure_get_int64 (s, "time", &when))
          {
            self->first_buffer_time = when;
            g_signal_emit (self, signals[SIGNAL_FIRST_BUFFER], 0, when);
          }
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* Streaming thread: the first buffer after play() or seek() reaches the sink.
 * The news travels over the bus, so it can never outlive the player. */
static GstPadProbeReturn
first_buffer_probe_cb (GstPad          *pad,
                       GstPadProbeInfo *info,
                       gpointer         user_data)
{
  LiaisonPlayer *self = user_data;

  if (g_atomic_int_compare_and_exchange (&self->first_buffer_armed, 1, 0))
    {
      gint64 now = g_get_monotonic_time ();
      GstElement *pipeline = GST_ELEMENT (gst_pad_get_parent_element (pad));
      GstStructure *s = gst_structure_new (FIRST_BUFFER_MESSAGE,
                                           "time", G_TYPE_INT64, now,
                                           NULL);

      /* The sink's pad belongs to the sink (or its bin); post on the sink,
       * messages bubble up to the pipeline's bus. */
      if (pipeline != NULL)
        {
          gst_element_post_message (pipeline, gst_message_new_application (GST_OBJECT (pipeline), s));
          gst_object_unref (pipeline);
        }
      else
        {
          gst_structure_free (s);
        }
    }

  return GST_PAD_PROBE_OK;
}

static gboolean
build_pipeline (LiaisonPlayer  *self,
                const char     *uri,
                GError        **error)
{
  g_autoptr(GstBus) bus = NULL;
  GstElement *filter;
  GstElement *sink;

  self->pipeline = gst_element_factory_make ("playbin", "liaison-player");
  filter = gst_element_factory_make ("scaletempo", NULL);
  /* A full reference either way, dropped once playbin holds its own. */
  if (self->audio_sink != NULL)
    sink = gst_object_ref (self->audio_sink);
  else if ((sink = gst_element_factory_make ("autoaudiosink", NULL)) != NULL)
    gst_object_ref_sink (sink);

  if (self->pipeline == NULL || filter == NULL || sink == NULL)
    {
      gst_clear_object (&self->pipeline);
      if (filter != NULL)
        gst_object_unref (gst_object_ref_sink (filter));
      if (sink != NULL)
        gst_object_unref (sink);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The GStreamer elements to play recordings are missing"));
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);

  self->probe_pad = gst_element_get_static_pad (sink, "sink");
  if (self->probe_pad != NULL)
    self->probe_id = gst_pad_add_probe (self->probe_pad, GST_PAD_PROBE_TYPE_BUFFER,
                                        first_buffer_probe_cb, self, NULL);

  /* Audio only: no video or subtitle branch, software volume. */
  gst_util_set_object_arg (G_OBJECT (self->pipeline), "flags", "audio+soft-volume");
  g_object_set (self->pipeline,
                "uri", uri,
                "audio-filter", filter,
                "audio-sink", sink,
                "volume", self->volume,
                NULL);
  gst_object_unref (sink);

  if (self->clock != NULL)
    gst_pipeline_use_clock (GST_PIPELINE (self->pipeline), self->clock);

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) (void (*) (void)) bus_message_cb, self, NULL);
  g_source_set_static_name (self->bus_source, "[liaison] player bus");
  g_source_attach (self->bus_source, self->context);

  return TRUE;
}

static void
liaison_player_dispose (GObject *object)
{
  LiaisonPlayer *self = LIAISON_PLAYER (object);

  teardown_pipeline (self);
  gst_clear_object (&self->audio_sink);
  gst_clear_object (&self->clock);

  G_OBJECT_CLASS (liaison_player_parent_class)->dispose (object);
}

static void
liaison_player_finalize (GObject *object)
{
  LiaisonPlayer *self = LIAISON_PLAYER (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (liaison_player_parent_class)->finalize (object);
}

static void
liaison_player_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonPlayer *self = LIAISON_PLAYER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_POSITION_MS:
      g_value_set_int64 (value, self->position_ms);
      break;
    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_player_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaisonPlayer *self = LIAISON_PLAYER (object);

  switch (prop_id)
    {
    case PROP_RATE:
      liaison_player_set_rate (self, g_value_get_double (value));
      break;
    case PROP_VOLUME:
      liaison_player_set_volume (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_player_class_init (LiaisonPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_player_dispose;
  object_class->finalize = liaison_player_finalize;
  object_class->get_property = liaison_player_get_property;
  object_class->set_property = liaison_player_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LIAISON_TYPE_PLAYER_STATE, LIAISON_PLAYER_STATE_EMPTY,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POSITION_MS] =
    g_param_spec_int64 ("position-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         LIAISON_PLAYER_MIN_RATE, LIAISON_PLAYER_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The end of the recording was reached (state is now "ended"). */
  signals[SIGNAL_EOS] =
    g_signal_new ("eos", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A seek (or rate change) completed; position-ms is the new position. */
  signals[SIGNAL_SEEK_DONE] =
    g_signal_new ("seek-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The first buffer after play() or seek() reached the sink at
   * g_get_monotonic_time() @time (emitted a little later, on the main
   * context). */
  signals[SIGNAL_FIRST_BUFFER] =
    g_signal_new ("first-buffer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
liaison_player_init (LiaisonPlayer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->state = LIAISON_PLAYER_STATE_EMPTY;
  self->duration_ms = -1;
  self->rate = 1.0;
  self->volume = 1.0;
  self->pending_seek_ms = -1;
}

LiaisonPlayer *
liaison_player_new (void)
{
  return g_object_new (LIAISON_TYPE_PLAYER, NULL);
}

void
liaison_player_set_audio_sink (LiaisonPlayer *self,
                               GstElement    *sink)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));
  g_return_if_fail (sink == NULL || GST_IS_ELEMENT (sink));

  if (sink != NULL)
    gst_object_ref_sink (sink);
  gst_clear_object (&self->audio_sink);
  self->audio_sink = sink;
}

void
liaison_player_set_clock (LiaisonPlayer *self,
                          GstClock      *clock)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));
  g_return_if_fail (clock == NULL || GST_IS_CLOCK (clock));

  if (clock != NULL)
    gst_object_ref (clock);
  gst_clear_object (&self->clock);
  self->clock = clock;
}

void
liaison_player_load (LiaisonPlayer *self,
                     const char    *path,
                     gint64         known_duration_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GObject *object = (GObject *) self;

  g_return_if_fail (LIAISON_IS_PLAYER (self));
  g_return_if_fail (path != NULL);

  g_object_freeze_notify (object);

  teardown_pipeline (self);
  g_free (self->path);
  self->path = g_strdup (path);
  self->prerolled = FALSE;
  self->want_playing = FALSE;
  self->seeking = FALSE;
  self->pending_seek_ms = -1;
  self->pending_rate = self->rate != 1.0;
  self->first_buffer_time = 0;
  g_atomic_int_set (&self->first_buffer_armed, 0);
  self->position_ms = 0;
  self->duration_ms = -1;
  self->duration_source = DURATION_NONE;
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (object, properties[PROP_ERROR]);
    }
  g_object_notify_by_pspec (object, properties[PROP_PATH]);
  g_object_notify_by_pspec (object, properties[PROP_POSITION_MS]);
  g_object_notify_by_pspec (object, properties[PROP_DURATION_MS]);

  offer_duration (self, known_duration_ms, DURATION_KNOWN);

  if (!liaison_media_init (&error))
    goto failed;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The recording file “%s” does not exist"), path);
      goto failed;
    }

  uri = gst_filename_to_uri (path, &error);
  if (uri == NULL)
    goto failed;

  if (!build_pipeline (self, uri, &error))
    goto failed;

  set_state (self, LIAISON_PLAYER_STATE_LOADING);
  if (gst_element_set_state (self->pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    {
      /* The bus carries the reason; it arrives as an error message. */
      g_debug ("Could not pause the pipeline for %s", path);
    }

  g_object_thaw_notify (object);
  return;

failed:
  set_error (self, g_steal_pointer (&error));
  g_object_thaw_notify (object);
}

void
liaison_player_play (LiaisonPlayer *self)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  switch (self->state)
    {
    case LIAISON_PLAYER_STATE_LOADING:
      self->want_playing = TRUE;
      arm_first_buffer (self);
      gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
      break;

    case LIAISON_PLAYER_STATE_ENDED:
      set_position (self, 0);
      do_seek (self, 0);
      G_GNUC_FALLTHROUGH;

    case LIAISON_PLAYER_STATE_PAUSED:
      self->want_playing = TRUE;
      arm_first_buffer (self);
      if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
        return;   /* the error follows on the bus */
      set_state (self, LIAISON_PLAYER_STATE_PLAYING);
      start_position_timer (self);
      break;

    case LIAISON_PLAYER_STATE_EMPTY:
    case LIAISON_PLAYER_STATE_PLAYING:
    case LIAISON_PLAYER_STATE_ERROR:
    default:
      break;
    }
}

void
liaison_player_pause (LiaisonPlayer *self)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  switch (self->state)
    {
    case LIAISON_PLAYER_STATE_LOADING:
      self->want_playing = FALSE;
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      break;

    case LIAISON_PLAYER_STATE_PLAYING:
      self->want_playing = FALSE;
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      stop_position_timer (self);
      update_position (self);
      set_state (self, LIAISON_PLAYER_STATE_PAUSED);
      break;

    case LIAISON_PLAYER_STATE_EMPTY:
    case LIAISON_PLAYER_STATE_PAUSED:
    case LIAISON_PLAYER_STATE_ENDED:
    case LIAISON_PLAYER_STATE_ERROR:
    default:
      break;
    }
}

void
liaison_player_toggle (LiaisonPlayer *self)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  if (self->state == LIAISON_PLAYER_STATE_PLAYING ||
      (self->state == LIAISON_PLAYER_STATE_LOADING && self->want_playing))
    liaison_player_pause (self);
  else
    liaison_player_play (self);
}

void
liaison_player_stop (LiaisonPlayer *self)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  if (self->state == LIAISON_PLAYER_STATE_EMPTY || self->state == LIAISON_PLAYER_STATE_ERROR)
    return;
  liaison_player_pause (self);
  liaison_player_seek (self, 0);
}

void
liaison_player_seek (LiaisonPlayer *self,
                     gint64         position_ms)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  if (self->state == LIAISON_PLAYER_STATE_EMPTY || self->state == LIAISON_PLAYER_STATE_ERROR)
    return;

  position_ms = MAX (position_ms, 0);
  if (self->duration_ms > 0)
    position_ms = MIN (position_ms, self->duration_ms);

  if (!self->prerolled)
    {
      self->pending_seek_ms = position_ms;
      set_position (self, position_ms);
      return;
    }

  if (self->state == LIAISON_PLAYER_STATE_ENDED)
    {
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      set_state (self, LIAISON_PLAYER_STATE_PAUSED);
    }

  if (do_seek (self, position_ms))
    set_position (self, position_ms);
}

void
liaison_player_set_rate (LiaisonPlayer *self,
                         double         rate)
{
  gint64 position_ms;

  g_return_if_fail (LIAISON_IS_PLAYER (self));

  rate = CLAMP (rate, LIAISON_PLAYER_MIN_RATE, LIAISON_PLAYER_MAX_RATE);
  if (G_APPROX_VALUE (rate, self->rate, 1e-6))
    return;
  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);

  switch (self->state)
    {
    case LIAISON_PLAYER_STATE_LOADING:
      self->pending_rate = TRUE;
      break;

    case LIAISON_PLAYER_STATE_PAUSED:
    case LIAISON_PLAYER_STATE_PLAYING:
      if (!self->prerolled)
        {
          self->pending_rate = TRUE;
          break;
        }
      if (!query_position (self, &position_ms))
        position_ms = self->position_ms;
      do_seek (self, position_ms);
      break;

    case LIAISON_PLAYER_STATE_EMPTY:
    case LIAISON_PLAYER_STATE_ENDED:
    case LIAISON_PLAYER_STATE_ERROR:
    default:
      /* Ended: the next play() seeks to 0 with the new rate. */
      break;
    }
}

void
liaison_player_set_volume (LiaisonPlayer *self,
                           double         volume)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (G_APPROX_VALUE (volume, self->volume, 1e-9))
    return;
  self->volume = volume;
  if (self->pipeline != NULL)
    g_object_set (self->pipeline, "volume", volume, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

void
liaison_player_set_exact_duration (LiaisonPlayer *self,
                                   gint64         duration_ms)
{
  g_return_if_fail (LIAISON_IS_PLAYER (self));

  offer_duration (self, duration_ms, DURATION_EXACT);
}

LiaisonPlayerState
liaison_player_get_state (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), LIAISON_PLAYER_STATE_EMPTY);

  return self->state;
}

const char *
liaison_player_get_path (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), NULL);

  return self->path;
}

gint64
liaison_player_get_position_ms (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), 0);

  return self->position_ms;
}

gint64
liaison_player_query_position_ms (LiaisonPlayer *self)
{
  gint64 position_ms;

  g_return_val_if_fail (LIAISON_IS_PLAYER (self), 0);

  if (self->state != LIAISON_PLAYER_STATE_ENDED && query_position (self, &position_ms))
    {
      if (self->duration_ms > 0)
        position_ms = MIN (position_ms, self->duration_ms);
      return position_ms;
    }
  return self->position_ms;
}

gint64
liaison_player_get_duration_ms (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), -1);

  return self->duration_ms;
}

double
liaison_player_get_rate (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), 1.0);

  return self->rate;
}

double
liaison_player_get_volume (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), 1.0);

  return self->volume;
}

const GError *
liaison_player_get_error (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), NULL);

  return self->error;
}

gint64
liaison_player_get_first_buffer_time (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), 0);

  return self->first_buffer_time;
}

GstElement *
liaison_player_get_pipeline (LiaisonPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_PLAYER (self), NULL);

  return self->pipeline;
}
