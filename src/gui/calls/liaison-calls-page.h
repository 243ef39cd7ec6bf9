/* liaison-calls-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-call-detail.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALLS_PAGE (liaison_calls_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCallsPage, liaison_calls_page, LIAISON, CALLS_PAGE, AdwBin)

typedef enum {
  LIAISON_CALLS_SHOW_ALL,
  LIAISON_CALLS_SHOW_MISSED,
  LIAISON_CALLS_SHOW_INBOUND,
  LIAISON_CALLS_SHOW_OUTBOUND,
} LiaisonCallsShow;

typedef enum {
  LIAISON_CALLS_PERIOD_ANY,
  LIAISON_CALLS_PERIOD_TODAY,
  LIAISON_CALLS_PERIOD_WEEK,
  LIAISON_CALLS_PERIOD_MONTH,
} LiaisonCallsPeriod;

/* The call history: every call newest first (GtkListView, keyset paged from
 * the store), filtered by kind, period and contact, kept up to date from the
 * relay's call events. */
GtkWidget  *liaison_calls_page_new         (void);
/* The calls shown (a GListModel of LiaisonCall). */
GListModel *liaison_calls_page_get_calls   (LiaisonCallsPage   *self);
void        liaison_calls_page_set_show    (LiaisonCallsPage   *self,
                                            LiaisonCallsShow    show);
void        liaison_calls_page_set_period  (LiaisonCallsPage   *self,
                                            LiaisonCallsPeriod  period);
/* Only the calls with one contact (0: everyone). */
void        liaison_calls_page_set_contact (LiaisonCallsPage   *self,
                                            gint64              contact_id,
                                            const char         *contact_name);
/* Reads the call again (after a relay event) and puts it in its place. */
void        liaison_calls_page_refresh_call (LiaisonCallsPage  *self,
                                             const char        *call_sid);
void        liaison_calls_page_reload      (LiaisonCallsPage   *self);
/* Opens one call's recording, transcript and summary beside the list. */
void        liaison_calls_page_show_call   (LiaisonCallsPage   *self,
                                            const char         *call_sid);
LiaisonCallDetail *liaison_calls_page_get_detail (LiaisonCallsPage *self);

G_END_DECLS
