/* liaison-recording-player.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-recording-player"

#include "config.h"

#include "liaison-recording-player.h"
#include "liaison-waveform.h"
#include "liaison-waveform-view.h"

#include <glib/gi18n.h>

static const double rates[] = { 0.5, 0.75, 1.0, 1.25, 1.5, 2.0 };
#define DEFAULT_RATE_INDEX 2

struct _LiaisonRecordingPlayer
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  LiaisonWaveformView *waveform_view;
  GtkProgressBar      *waveform_progress;
  GtkButton           *play_button;
  GtkLabel            *elapsed_label;
  GtkLabel            *total_label;
  GtkDropDown         *speed_dropdown;
  GtkScaleButton      *volume_button;
  AdwStatusPage       *error_page;

  LiaisonPlayer       *player;
  GCancellable        *waveform_cancellable;
  char                *cache_dir;
  gint64               shown_elapsed_s;
  gboolean             updating_speed;
};

/* A waveform read in progress: it does not keep the widget alive (dispose
 * cancels it). */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
} WaveformLoad;

enum {
  PROP_0,
  PROP_POSITION_MS,
  PROP_DURATION_MS,
  PROP_STATE,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonRecordingPlayer, liaison_recording_player, ADW_TYPE_BIN)

void
liaison_recording_player_ensure_style (void)
{
  static GdkDisplay *styled_display = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == styled_display)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       RESOURCE_BASE_PATH "/ui/calls/liaison-recording-player.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled_display = display;
}

char *
liaison_recording_player_format_time (gint64 ms)
{
  gint64 seconds = MAX (ms, 0) / 1000;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) ((seconds / 60) % 60), (int) (seconds % 60));

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static gboolean
can_play (LiaisonPlayerState state)
{
  return state == LIAISON_PLAYER_STATE_PAUSED || state == LIAISON_PLAYER_STATE_PLAYING ||
         state == LIAISON_PLAYER_STATE_ENDED;
}

/* Player → widgets */

static void
update_elapsed (LiaisonRecordingPlayer *self,
                gboolean                force)
{
  gint64 seconds = liaison_player_get_position_ms (self->player) / 1000;
  g_autofree char *text = NULL;

  if (!force && seconds == self->shown_elapsed_s)
    return;

  self->shown_elapsed_s = seconds;
  text = liaison_recording_player_format_time (seconds * 1000);
  gtk_label_set_label (self->elapsed_label, text);
}

static void
position_changed_cb (LiaisonRecordingPlayer *self)
{
  liaison_waveform_view_set_position_ms (self->waveform_view,
                                         liaison_player_get_position_ms (self->player));
  update_elapsed (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION_MS]);
}

static void
duration_changed_cb (LiaisonRecordingPlayer *self)
{
  gint64 duration = liaison_player_get_duration_ms (self->player);

  liaison_waveform_view_set_duration_ms (self->waveform_view, duration);
  if (duration >= 0)
    {
      g_autofree char *text = liaison_recording_player_format_time (duration);

      gtk_label_set_label (self->total_label, text);
    }
  else
    {
      gtk_label_set_label (self->total_label, "–:––");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DURATION_MS]);
}

static void
rate_changed_cb (LiaisonRecordingPlayer *self)
{
  double rate = liaison_player_get_rate (self->player);

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (G_APPROX_VALUE (rates[i], rate, 0.001))
      {
        self->updating_speed = TRUE;
        gtk_drop_down_set_selected (self->speed_dropdown, i);
        self->updating_speed = FALSE;
        break;
      }
}

static void
state_changed_cb (LiaisonRecordingPlayer *self)
{
  LiaisonPlayerState state = liaison_player_get_state (self->player);
  gboolean playing = state == LIAISON_PLAYER_STATE_PLAYING;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.toggle", can_play (state));
  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause") : _("Play"));

  if (state == LIAISON_PLAYER_STATE_ERROR)
    {
      const GError *error = liaison_player_get_error (self->player);
      g_autofree char *escaped = g_markup_escape_text (error != NULL ? error->message
                                                                     : _("Unknown error"), -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "player");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

/* Widgets → player */

static void
waveform_seek_cb (LiaisonRecordingPlayer *self,
                  gint64                  position_ms)
{
  liaison_recording_player_seek (self, position_ms);
}

static void
speed_selected_cb (LiaisonRecordingPlayer *self)
{
  guint selected = gtk_drop_down_get_selected (self->speed_dropdown);

  if (self->updating_speed || selected >= G_N_ELEMENTS (rates))
    return;

  liaison_player_set_rate (self->player, rates[selected]);
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonRecordingPlayer *self = LIAISON_RECORDING_PLAYER (widget);

  if (can_play (liaison_player_get_state (self->player)))
    liaison_player_toggle (self->player);
}

static void
set_rate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LiaisonRecordingPlayer *self = LIAISON_RECORDING_PLAYER (widget);

  liaison_player_set_rate (self->player, g_variant_get_double (parameter));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals [SIGNAL_RETRY], 0);
}

/* Waveform */

static WaveformLoad *
waveform_load_new (LiaisonRecordingPlayer *self)
{
  WaveformLoad *load = g_new0 (WaveformLoad, 1);

  g_weak_ref_init (&load->self, self);
  load->cancellable = g_object_ref (self->waveform_cancellable);

  return load;
}

static void
waveform_load_free (WaveformLoad *load)
{
  g_weak_ref_clear (&load->self);
  g_clear_object (&load->cancellable);
  g_free (load);
}

static void
waveform_progress_cb (double   fraction,
                      gpointer user_data)
{
  WaveformLoad *load = user_data;
  g_autoptr(LiaisonRecordingPlayer) self = g_weak_ref_get (&load->self);

  if (self == NULL || g_cancellable_is_cancelled (load->cancellable))
    return;

  gtk_progress_bar_set_fraction (self->waveform_progress, CLAMP (fraction, 0.0, 1.0));
}

static void
waveform_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WaveformLoad *load = user_data;
  g_autoptr(LiaisonRecordingPlayer) self = g_weak_ref_get (&load->self);
  g_autoptr(LiaisonWaveform) waveform = NULL;
  g_autoptr(GError) error = NULL;

  waveform = liaison_waveform_load_finish (result, &error);

  /* Gone, cancelled, or an older load: the player has moved on. */
  if (self == NULL || g_cancellable_is_cancelled (load->cancellable) ||
      load->cancellable != self->waveform_cancellable)
    {
      waveform_load_free (load);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->waveform_progress), FALSE);

  if (waveform == NULL)
    {
      /* The player reports a file it cannot read; the waveform stays a line. */
      g_debug ("Could not read the waveform: %s", error->message);
    }
  else
    {
      liaison_waveform_view_set_waveform (self->waveform_view, waveform);
      liaison_player_set_exact_duration (self->player, liaison_waveform_get_duration_ms (waveform));
    }

  waveform_load_free (load);
}

/* GObject */

static void
liaison_recording_player_dispose (GObject *object)
{
  LiaisonRecordingPlayer *self = LIAISON_RECORDING_PLAYER (object);

  g_cancellable_cancel (self->waveform_cancellable);
  g_clear_object (&self->waveform_cancellable);
  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      liaison_player_stop (self->player);
      g_clear_object (&self->player);
    }

  /* The stack is both a template child and AdwBin's child: dispose_template
   * would unparent it behind AdwBin's back (a critical in its dispose). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_RECORDING_PLAYER);

  G_OBJECT_CLASS (liaison_recording_player_parent_class)->dispose (object);
}

static void
liaison_recording_player_finalize (GObject *object)
{
  LiaisonRecordingPlayer *self = LIAISON_RECORDING_PLAYER (object);

  g_free (self->cache_dir);

  G_OBJECT_CLASS (liaison_recording_player_parent_class)->finalize (object);
}

static void
liaison_recording_player_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LiaisonRecordingPlayer *self = LIAISON_RECORDING_PLAYER (object);

  switch (prop_id)
    {
    case PROP_POSITION_MS:
      g_value_set_int64 (value, liaison_recording_player_get_position_ms (self));
      break;
    case PROP_DURATION_MS:
      g_value_set_int64 (value, liaison_recording_player_get_duration_ms (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, liaison_recording_player_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_recording_player_class_init (LiaisonRecordingPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_recording_player_dispose;
  object_class->finalize = liaison_recording_player_finalize;
  object_class->get_property = liaison_recording_player_get_property;

  properties [PROP_POSITION_MS] =
    g_param_spec_int64 ("position-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LIAISON_TYPE_PLAYER_STATE,
                       LIAISON_PLAYER_STATE_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to try again after an error. */
  signals [SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (LIAISON_TYPE_WAVEFORM_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-recording-player.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, waveform_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, waveform_progress);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, play_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, total_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, volume_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonRecordingPlayer, error_page);
  gtk_widget_class_bind_template_callback (widget_class, waveform_seek_cb);
  gtk_widget_class_bind_template_callback (widget_class, speed_selected_cb);

  gtk_widget_class_install_action (widget_class, "player.toggle", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "player.set-rate", "d", set_rate_action);
  gtk_widget_class_install_action (widget_class, "player.retry", NULL, retry_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "player.toggle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "player.toggle", NULL);
}

static void
liaison_recording_player_init (LiaisonRecordingPlayer *self)
{
  liaison_recording_player_ensure_style ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown_elapsed_s = -1;
  self->player = liaison_player_new ();

  g_signal_connect_swapped (self->player, "notify::position-ms",
                            G_CALLBACK (position_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::duration-ms",
                            G_CALLBACK (duration_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::rate", G_CALLBACK (rate_changed_cb), self);
  g_signal_connect_swapped (self->player, "notify::state", G_CALLBACK (state_changed_cb), self);

  gtk_drop_down_set_selected (self->speed_dropdown, DEFAULT_RATE_INDEX);
  g_object_bind_property (self->player, "volume", self->volume_button, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  state_changed_cb (self);
  duration_changed_cb (self);
  update_elapsed (self, TRUE);
}

GtkWidget *
liaison_recording_player_new (void)
{
  return g_object_new (LIAISON_TYPE_RECORDING_PLAYER, NULL);
}

void
liaison_recording_player_load (LiaisonRecordingPlayer *self,
                               const char             *path,
                               gint64                  known_duration_ms)
{
  g_return_if_fail (LIAISON_IS_RECORDING_PLAYER (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->waveform_cancellable);
  g_clear_object (&self->waveform_cancellable);
  self->waveform_cancellable = g_cancellable_new ();

  liaison_waveform_view_set_waveform (self->waveform_view, NULL);
  gtk_progress_bar_set_fraction (self->waveform_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->waveform_progress), TRUE);

  liaison_player_load (self->player, path, MAX (known_duration_ms, 0));

  liaison_waveform_load_async (path, self->cache_dir, LIAISON_WAVEFORM_DEFAULT_BUCKET_MS,
                               self->waveform_cancellable,
                               waveform_progress_cb, waveform_load_new (self),
                               (GDestroyNotify) waveform_load_free,
                               waveform_loaded_cb, waveform_load_new (self));
}

LiaisonPlayer *
liaison_recording_player_get_player (LiaisonRecordingPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING_PLAYER (self), NULL);

  return self->player;
}

void
liaison_recording_player_seek (LiaisonRecordingPlayer *self,
                               gint64                  position_ms)
{
  g_return_if_fail (LIAISON_IS_RECORDING_PLAYER (self));

  if (!can_play (liaison_player_get_state (self->player)))
    return;

  liaison_player_seek (self->player, MAX (position_ms, 0));
}

gint64
liaison_recording_player_get_position_ms (LiaisonRecordingPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING_PLAYER (self), 0);

  return self->player != NULL ? liaison_player_get_position_ms (self->player) : 0;
}

gint64
liaison_recording_player_get_duration_ms (LiaisonRecordingPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING_PLAYER (self), -1);

  return self->player != NULL ? liaison_player_get_duration_ms (self->player) : -1;
}

LiaisonPlayerState
liaison_recording_player_get_state (LiaisonRecordingPlayer *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORDING_PLAYER (self), LIAISON_PLAYER_STATE_EMPTY);

  return self->player != NULL ? liaison_player_get_state (self->player)
                              : LIAISON_PLAYER_STATE_EMPTY;
}

void
liaison_recording_player_set_waveform_cache_dir (LiaisonRecordingPlayer *self,
                                                 const char             *cache_dir)
{
  g_return_if_fail (LIAISON_IS_RECORDING_PLAYER (self));

  g_free (self->cache_dir);
  self->cache_dir = g_strdup (cache_dir);
}

/* Transcript */

static void
transcript_position_cb (LiaisonRecordingPlayer *self,
                        GParamSpec             *pspec,
                        LiaisonTranscriptView  *view)
{
  liaison_transcript_view_set_position (view, liaison_recording_player_get_position_ms (self));
}

static void
transcript_seek_cb (LiaisonRecordingPlayer *self,
                    gint64                  position_ms)
{
  liaison_recording_player_seek (self, position_ms);
}

void
liaison_recording_player_connect_transcript (LiaisonRecordingPlayer *self,
                                             LiaisonTranscriptView  *view)
{
  g_return_if_fail (LIAISON_IS_RECORDING_PLAYER (self));
  g_return_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (view));

  g_signal_connect_object (self, "notify::position-ms", G_CALLBACK (transcript_position_cb),
                           view, 0);
  g_signal_connect_object (view, "seek", G_CALLBACK (transcript_seek_cb), self,
                           G_CONNECT_SWAPPED);
  liaison_transcript_view_set_position (view, liaison_recording_player_get_position_ms (self));
}
