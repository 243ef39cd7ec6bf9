/* liaison-waveform-view.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "liaison-waveform.h"

G_BEGIN_DECLS

/* LiaisonWaveformView draws a recording's peaks (LiaisonWaveform): one lane
 * per channel for a dual-channel recording ("Advisor" on top, "Client"
 * below), one lane for mono; the played part in the accent colour, and a
 * playhead at position-ms. It does not own a player: clicks, drags and keys
 * (Left/Right: 5 s back/forward, Home/End) emit "seek" (gint64 ms), and the
 * owner feeds position-ms back. A flat line stands in while no waveform is
 * set.
 *
 * Actions (also bound to the keys): "waveform.step-back",
 * "waveform.step-forward", "waveform.go-start", "waveform.go-end", and
 * "waveform.seek-to" (parameter "x": milliseconds). */

#define LIAISON_WAVEFORM_VIEW_STEP_MS 5000

#define LIAISON_TYPE_WAVEFORM_VIEW (liaison_waveform_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWaveformView, liaison_waveform_view, LIAISON, WAVEFORM_VIEW, GtkWidget)

GtkWidget       *liaison_waveform_view_new             (void);

void             liaison_waveform_view_set_waveform    (LiaisonWaveformView *self,
                                                        LiaisonWaveform     *waveform);
LiaisonWaveform *liaison_waveform_view_get_waveform    (LiaisonWaveformView *self);
void             liaison_waveform_view_set_position_ms (LiaisonWaveformView *self,
                                                        gint64               position_ms);
gint64           liaison_waveform_view_get_position_ms (LiaisonWaveformView *self);
/* The length of the timeline; -1 (unknown) falls back to the waveform's. */
void             liaison_waveform_view_set_duration_ms (LiaisonWaveformView *self,
                                                        gint64               duration_ms);
gint64           liaison_waveform_view_get_duration_ms (LiaisonWaveformView *self);
/* 2 for a dual-channel waveform, 1 for mono, 0 while none is set. */
guint            liaison_waveform_view_get_n_lanes     (LiaisonWaveformView *self);
/* The time under @x (widget coordinates), clamped to the timeline. */
gint64           liaison_waveform_view_x_to_ms         (LiaisonWaveformView *self,
                                                        double               x);

G_END_DECLS
