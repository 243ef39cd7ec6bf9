/* liaison-waveform-view.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-waveform-view"

#include "config.h"

#include "liaison-waveform-view.h"
#include "liaison-recording-player.h"

#include <glib/gi18n.h>

/* Bars of BAR_WIDTH pixels with BAR_GAP between them. */
#define BAR_WIDTH   2
#define BAR_GAP     1
#define LANE_GAP    6
#define LANE_HEIGHT 48
#define PLAYHEAD_WIDTH 2
/* The smallest bar drawn, so silence still shows as a line. */
#define MIN_BAR_HEIGHT 1.0f

struct _LiaisonWaveformView
{
  GtkWidget        parent_instance;

  LiaisonWaveform *waveform;
  gint64           position_ms;
  gint64           duration_ms;

  /* While the pointer drags the playhead: where it is. */
  gboolean         dragging;
  gint64           drag_ms;
  double           drag_start_x;

  /* The bars of each lane in both colours, made once per size, waveform
   * and colours; a frame only clips them at the playhead. */
  GskRenderNode   *played_node;
  GskRenderNode   *unplayed_node;
  int              cached_width;
  int              cached_height;
  GdkRGBA          cached_played;
  GdkRGBA          cached_unplayed;

  gint64           accessible_second;
};

enum {
  PROP_0,
  PROP_WAVEFORM,
  PROP_POSITION_MS,
  PROP_DURATION_MS,
  N_PROPS
};

enum {
  SIGNAL_SEEK,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonWaveformView, liaison_waveform_view, GTK_TYPE_WIDGET)

static gint64
timeline_ms (LiaisonWaveformView *self)
{
  if (self->duration_ms > 0)
    return self->duration_ms;
  if (self->waveform != NULL)
    return liaison_waveform_get_duration_ms (self->waveform);
  return 0;
}

static gint64
shown_position (LiaisonWaveformView *self)
{
  return self->dragging ? self->drag_ms : self->position_ms;
}

static void
invalidate_nodes (LiaisonWaveformView *self)
{
  g_clear_pointer (&self->played_node, gsk_render_node_unref);
  g_clear_pointer (&self->unplayed_node, gsk_render_node_unref);
  self->cached_width = -1;
  self->cached_height = -1;
}

static void
update_accessible (LiaisonWaveformView *self)
{
  gint64 total = timeline_ms (self);
  gint64 position = CLAMP (shown_position (self), 0, MAX (total, 0));
  g_autofree char *now = liaison_recording_player_format_time (position);
  g_autofree char *end = liaison_recording_player_format_time (total);
  g_autofree char *text = NULL;

  /* Translators: the playhead of a recording, e.g. "1:05 of 12:30" */
  text = g_strdup_printf (_("%s of %s"), now, end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) total / 1000.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) position / 1000.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  self->accessible_second = position / 1000;
}

static void
emit_seek (LiaisonWaveformView *self,
           gint64               ms)
{
  gint64 total = timeline_ms (self);

  if (total <= 0)
    return;

  g_signal_emit (self, signals [SIGNAL_SEEK], 0, CLAMP (ms, 0, total));
}

gint64
liaison_waveform_view_x_to_ms (LiaisonWaveformView *self,
                               double               x)
{
  int width;
  double fraction;

  g_return_val_if_fail (LIAISON_IS_WAVEFORM_VIEW (self), 0);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (width <= 0)
    return 0;

  fraction = CLAMP (x / width, 0.0, 1.0);
  return (gint64) (fraction * timeline_ms (self) + 0.5);
}

/* Drawing */

static void
get_colors (LiaisonWaveformView *self,
            GdkRGBA             *played,
            GdkRGBA             *unplayed)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, unplayed);
  if (!gtk_style_context_lookup_color (context, "accent_color", played))
    *played = *unplayed;
  G_GNUC_END_IGNORE_DEPRECATIONS

  unplayed->alpha *= 0.35f;
}

static const char *
lane_label (guint lane,
            guint n_lanes)
{
  if (n_lanes < 2)
    return NULL;

  return lane == 0 ? _("Advisor") : _("Client");
}

static void
lane_geometry (LiaisonWaveformView *self,
               guint                lane,
               guint                n_lanes,
               int                  height,
               double              *out_top,
               double              *out_height)
{
  double lane_height = n_lanes > 0 ? (height - (double) LANE_GAP * (n_lanes - 1)) / n_lanes : height;

  *out_top = lane * (lane_height + LANE_GAP);
  *out_height = MAX (lane_height, 1.0);
}

static GskRenderNode *
make_bars_node (LiaisonWaveformView *self,
                float              **peaks,
                guint                n_lanes,
                guint                n_bars,
                int                  height,
                const GdkRGBA       *color)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      double top, lane_height, middle;

      lane_geometry (self, lane, n_lanes, height, &top, &lane_height);
      middle = top + lane_height / 2.0;

      for (guint i = 0; i < n_bars; i++)
        {
          float peak = CLAMP (peaks[lane][i], 0.0f, 1.0f);
          float bar = MAX (peak * (float) lane_height, MIN_BAR_HEIGHT);

          gtk_snapshot_append_color (snapshot, color,
                                     &GRAPHENE_RECT_INIT (i * (BAR_WIDTH + BAR_GAP),
                                                          middle - bar / 2.0f,
                                                          BAR_WIDTH, bar));
        }
    }

  return gtk_snapshot_free_to_node (snapshot);
}

static void
ensure_nodes (LiaisonWaveformView *self,
              int                  width,
              int                  height,
              const GdkRGBA       *played,
              const GdkRGBA       *unplayed)
{
  guint n_lanes = liaison_waveform_view_get_n_lanes (self);
  guint n_bars;
  float *peaks[2] = { NULL, NULL };

  if (self->played_node != NULL && self->cached_width == width && self->cached_height == height &&
      gdk_rgba_equal (&self->cached_played, played) &&
      gdk_rgba_equal (&self->cached_unplayed, unplayed))
    return;

  invalidate_nodes (self);
  n_bars = (guint) (width + BAR_GAP) / (BAR_WIDTH + BAR_GAP);
  if (n_lanes == 0 || n_bars == 0 || timeline_ms (self) <= 0)
    return;

  /* One downsample per lane: the peak of each bar's slice of the timeline. */
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      double bar_ms = (double) timeline_ms (self) * (BAR_WIDTH + BAR_GAP) / width;

      peaks[lane] = g_new0 (float, n_bars);
      liaison_waveform_downsample (self->waveform, lane, 0, (gint64) (bar_ms * n_bars + 0.5),
                                   peaks[lane], n_bars);
    }

  self->played_node = make_bars_node (self, peaks, n_lanes, n_bars, height, played);
  self->unplayed_node = make_bars_node (self, peaks, n_lanes, n_bars, height, unplayed);
  self->cached_width = width;
  self->cached_height = height;
  self->cached_played = *played;
  self->cached_unplayed = *unplayed;

  for (guint lane = 0; lane < n_lanes; lane++)
    g_free (peaks[lane]);
}

static void
liaison_waveform_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  LiaisonWaveformView *self = LIAISON_WAVEFORM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_lanes = liaison_waveform_view_get_n_lanes (self);
  gint64 total = timeline_ms (self);
  GdkRGBA played, unplayed;
  double playhead_x = 0.0;

  if (width <= 0 || height <= 0)
    return;

  get_colors (self, &played, &unplayed);

  if (total > 0)
    playhead_x = CLAMP ((double) shown_position (self) / total, 0.0, 1.0) * width;

  if (n_lanes == 0)
    {
      /* Not loaded yet: a flat line, played in the accent colour. */
      double middle = floor (height / 2.0);

      gtk_snapshot_append_color (snapshot, &unplayed,
                                 &GRAPHENE_RECT_INIT (playhead_x, middle, width - playhead_x, 1));
      if (playhead_x > 0)
        gtk_snapshot_append_color (snapshot, &played,
                                   &GRAPHENE_RECT_INIT (0, middle, playhead_x, 1));
    }
  else
    {
      ensure_nodes (self, width, height, &played, &unplayed);

      if (self->played_node != NULL && playhead_x > 0)
        {
          gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, playhead_x, height));
          gtk_snapshot_append_node (snapshot, self->played_node);
          gtk_snapshot_pop (snapshot);
        }
      if (self->unplayed_node != NULL && playhead_x < width)
        {
          gtk_snapshot_push_clip (snapshot,
                                  &GRAPHENE_RECT_INIT (playhead_x, 0, width - playhead_x, height));
          gtk_snapshot_append_node (snapshot, self->unplayed_node);
          gtk_snapshot_pop (snapshot);
        }

      for (guint lane = 0; lane < n_lanes; lane++)
        {
          const char *label = lane_label (lane, n_lanes);
          g_autoptr(PangoLayout) layout = NULL;
          double top, lane_height;
          GdkRGBA text_color, backdrop = { 0, 0, 0, 0 };
          gboolean have_backdrop;
          PangoRectangle extents;

          if (label == NULL)
            continue;

          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
          have_backdrop = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                                          "view_bg_color", &backdrop);
          G_GNUC_END_IGNORE_DEPRECATIONS
          text_color.alpha *= 0.8f;
          backdrop.alpha *= 0.85f;

          lane_geometry (self, lane, n_lanes, height, &top, &lane_height);
          layout = gtk_widget_create_pango_layout (widget, label);
          pango_layout_get_pixel_extents (layout, NULL, &extents);

          /* On a backdrop, so the bars under it do not hide it. */
          if (have_backdrop)
            {
              GskRoundedRect pill;

              gsk_rounded_rect_init_from_rect (&pill,
                                               &GRAPHENE_RECT_INIT (2, top + 1,
                                                                    extents.width + 8,
                                                                    extents.height + 2),
                                               4);
              gtk_snapshot_push_rounded_clip (snapshot, &pill);
              gtk_snapshot_append_color (snapshot, &backdrop, &pill.bounds);
              gtk_snapshot_pop (snapshot);
            }

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (6, top + 2));
          gtk_snapshot_append_layout (snapshot, layout, &text_color);
          gtk_snapshot_restore (snapshot);
        }
    }

  if (total > 0)
    {
      double x = CLAMP (playhead_x - PLAYHEAD_WIDTH / 2.0, 0.0, (double) width - PLAYHEAD_WIDTH);

      gtk_snapshot_append_color (snapshot, &played,
                                 &GRAPHENE_RECT_INIT (x, 0, PLAYHEAD_WIDTH, height));
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA focus = played;
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4];

      focus.alpha = 0.5f;
      for (guint i = 0; i < 4; i++)
        colors[i] = focus;
      gtk_snapshot_append_border (snapshot,
                                  &GSK_ROUNDED_RECT_INIT (0, 0, width, height),
                                  widths, colors);
    }
}

static void
liaison_waveform_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  LiaisonWaveformView *self = LIAISON_WAVEFORM_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 400;
    }
  else
    {
      guint n_lanes = MAX (liaison_waveform_view_get_n_lanes (self), 1);

      *minimum = 32 * n_lanes;
      *natural = LANE_HEIGHT * n_lanes + LANE_GAP * (n_lanes - 1);
    }
}

/* Input */

static void
drag_begin_cb (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               LiaisonWaveformView *self)
{
  if (timeline_ms (self) <= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  self->dragging = TRUE;
  self->drag_start_x = x;
  self->drag_ms = liaison_waveform_view_x_to_ms (self, x);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  emit_seek (self, self->drag_ms);
}

static void
drag_update_cb (GtkGestureDrag      *gesture,
                double               offset_x,
                double               offset_y,
                LiaisonWaveformView *self)
{
  if (!self->dragging)
    return;

  self->drag_ms = liaison_waveform_view_x_to_ms (self, self->drag_start_x + offset_x);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag      *gesture,
             double               offset_x,
             double               offset_y,
             LiaisonWaveformView *self)
{
  gint64 ms;

  if (!self->dragging)
    return;

  ms = liaison_waveform_view_x_to_ms (self, self->drag_start_x + offset_x);
  self->dragging = FALSE;
  self->position_ms = ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* The press already sought to where it began: only a real drag seeks again. */
  if (ABS (offset_x) >= 1.0)
    emit_seek (self, ms);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonWaveformView *self = LIAISON_WAVEFORM_VIEW (widget);
  gint64 total = timeline_ms (self);

  if (g_str_equal (action_name, "waveform.step-back"))
    emit_seek (self, MAX (self->position_ms - LIAISON_WAVEFORM_VIEW_STEP_MS, 0));
  else if (g_str_equal (action_name, "waveform.step-forward"))
    emit_seek (self, MIN (self->position_ms + LIAISON_WAVEFORM_VIEW_STEP_MS, total));
  else if (g_str_equal (action_name, "waveform.go-start"))
    emit_seek (self, 0);
  else if (g_str_equal (action_name, "waveform.go-end"))
    emit_seek (self, total);
  else if (g_str_equal (action_name, "waveform.seek-to"))
    emit_seek (self, g_variant_get_int64 (parameter));
}

/* GObject */

static void
liaison_waveform_view_dispose (GObject *object)
{
  LiaisonWaveformView *self = LIAISON_WAVEFORM_VIEW (object);

  invalidate_nodes (self);
  g_clear_object (&self->waveform);

  G_OBJECT_CLASS (liaison_waveform_view_parent_class)->dispose (object);
}

static void
liaison_waveform_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonWaveformView *self = LIAISON_WAVEFORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_WAVEFORM:
      g_value_set_object (value, self->waveform);
      break;
    case PROP_POSITION_MS:
      g_value_set_int64 (value, self->position_ms);
      break;
    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_waveform_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LiaisonWaveformView *self = LIAISON_WAVEFORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_WAVEFORM:
      liaison_waveform_view_set_waveform (self, g_value_get_object (value));
      break;
    case PROP_POSITION_MS:
      liaison_waveform_view_set_position_ms (self, g_value_get_int64 (value));
      break;
    case PROP_DURATION_MS:
      liaison_waveform_view_set_duration_ms (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_waveform_view_class_init (LiaisonWaveformViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_waveform_view_dispose;
  object_class->get_property = liaison_waveform_view_get_property;
  object_class->set_property = liaison_waveform_view_set_property;

  widget_class->snapshot = liaison_waveform_view_snapshot;
  widget_class->measure = liaison_waveform_view_measure;

  properties [PROP_WAVEFORM] =
    g_param_spec_object ("waveform", NULL, NULL, LIAISON_TYPE_WAVEFORM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_POSITION_MS] =
    g_param_spec_int64 ("position-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to play from @position_ms. */
  signals [SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "waveform.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "waveform.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "waveform.go-start", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "waveform.go-end", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "waveform.seek-to", "x", step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "waveform.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "waveform.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "waveform.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "waveform.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "waveform.go-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "waveform.go-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "waveform.go-end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "waveform.go-end", NULL);

  gtk_widget_class_set_css_name (widget_class, "waveform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
liaison_waveform_view_init (LiaisonWaveformView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->duration_ms = -1;
  self->cached_width = -1;
  self->cached_height = -1;
  self->accessible_second = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Playback position"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
liaison_waveform_view_new (void)
{
  return g_object_new (LIAISON_TYPE_WAVEFORM_VIEW, NULL);
}

void
liaison_waveform_view_set_waveform (LiaisonWaveformView *self,
                                    LiaisonWaveform     *waveform)
{
  guint old_lanes;

  g_return_if_fail (LIAISON_IS_WAVEFORM_VIEW (self));
  g_return_if_fail (!waveform || LIAISON_IS_WAVEFORM (waveform));

  old_lanes = liaison_waveform_view_get_n_lanes (self);
  if (!g_set_object (&self->waveform, waveform))
    return;

  invalidate_nodes (self);
  if (old_lanes != liaison_waveform_view_get_n_lanes (self))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WAVEFORM]);
}

LiaisonWaveform *
liaison_waveform_view_get_waveform (LiaisonWaveformView *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM_VIEW (self), NULL);

  return self->waveform;
}

void
liaison_waveform_view_set_position_ms (LiaisonWaveformView *self,
                                       gint64               position_ms)
{
  g_return_if_fail (LIAISON_IS_WAVEFORM_VIEW (self));

  position_ms = MAX (position_ms, 0);
  if (self->position_ms == position_ms)
    return;

  self->position_ms = position_ms;
  if (!self->dragging)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (position_ms / 1000 != self->accessible_second)
    update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION_MS]);
}

gint64
liaison_waveform_view_get_position_ms (LiaisonWaveformView *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM_VIEW (self), 0);

  return self->position_ms;
}

void
liaison_waveform_view_set_duration_ms (LiaisonWaveformView *self,
                                       gint64               duration_ms)
{
  g_return_if_fail (LIAISON_IS_WAVEFORM_VIEW (self));

  if (duration_ms <= 0)
    duration_ms = -1;
  if (self->duration_ms == duration_ms)
    return;

  self->duration_ms = duration_ms;
  invalidate_nodes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DURATION_MS]);
}

gint64
liaison_waveform_view_get_duration_ms (LiaisonWaveformView *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM_VIEW (self), -1);

  return self->duration_ms;
}

guint
liaison_waveform_view_get_n_lanes (LiaisonWaveformView *self)
{
  g_return_val_if_fail (LIAISON_IS_WAVEFORM_VIEW (self), 0);

  if (self->waveform == NULL || liaison_waveform_get_n_buckets (self->waveform) == 0)
    return 0;

  return liaison_waveform_get_n_channels (self->waveform) >= 2 ? 2 : 1;
}
