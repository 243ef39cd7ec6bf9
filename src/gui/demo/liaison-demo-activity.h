/* liaison-demo-activity.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-demo.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_DEMO_ACTIVITY (liaison_demo_activity_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonDemoActivity, liaison_demo_activity, LIAISON, DEMO_ACTIVITY, GObject)

/* Keeps the demo alive: people of the demo book text in every 25–50 s (the
 * first after 8 s) and call now and then (every 2–3 min, the first after
 * 40 s). Everything goes through the simulator's inbound API, so the texts
 * and calls reach the app the way a real account's do: signed webhooks to
 * liaison-relay, then the relay's stream. Calls are not answered on the
 * advisor's phone, so the relay's routing sends them to voicemail (with the
 * after-hours greeting outside business hours). */
LiaisonDemoActivity *liaison_demo_activity_new        (LiaisonDemo         *demo,
                                                       const char          *our_number);
void                 liaison_demo_activity_start      (LiaisonDemoActivity *self);
void                 liaison_demo_activity_stop       (LiaisonDemoActivity *self);

/* One inbound text or call now (the timers keep their pace). */
void                 liaison_demo_activity_text_now   (LiaisonDemoActivity *self);
void                 liaison_demo_activity_call_now   (LiaisonDemoActivity *self);

/* How many were sent to the simulator and accepted. */
guint                liaison_demo_activity_get_n_texts (LiaisonDemoActivity *self);
guint                liaison_demo_activity_get_n_calls (LiaisonDemoActivity *self);

G_END_DECLS
