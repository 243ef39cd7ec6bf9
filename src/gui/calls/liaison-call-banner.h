/* liaison-call-banner.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-live-call.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALL_BANNER (liaison_call_banner_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallBanner, liaison_call_banner, LIAISON, CALL_BANNER, AdwBin)

/* The bar above the pages while a click-to-call runs: who, the live state
 * (calling your phone, ringing, on the call with a timer, ended, busy, no
 * answer, failed and why), Hang Up (win.hang-up) and Add Someone
 * (win.add-to-call with the number typed). It stays, dismissable, once the
 * call is over. */
GtkWidget       *liaison_call_banner_new           (void);
/* NULL hides the banner. @title: the contact's name or the number. */
void             liaison_call_banner_set_call      (LiaisonCallBanner *self,
                                                    LiaisonLiveCall   *call,
                                                    const char        *title);
LiaisonLiveCall *liaison_call_banner_get_call      (LiaisonCallBanner *self);
/* The texts shown, for tests. */
const char      *liaison_call_banner_get_detail    (LiaisonCallBanner *self);
const char      *liaison_call_banner_get_timer     (LiaisonCallBanner *self);

G_END_DECLS
