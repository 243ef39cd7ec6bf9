/* liaison-demo-book.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* The demo's "book": the contacts, texts, calls, recordings, transcripts,
 * summaries, voicemails, consent ledger and templates of a fictional
 * financial advisor, Jordan Avery, CFP, in Columbus, Ohio. Every name,
 * company and number is made up (numbers are 555-01XX, reserved for
 * fiction); the text is translatable (context "demo"). No GTK here. */

/* The demo advisor's Twilio number, E.164. */
#define LIAISON_DEMO_OUR_NUMBER      "+16145550100"
/* The demo advisor and their firm (Preferences → Your Work). */
#define LIAISON_DEMO_ADVISOR_NAME    "Jordan Avery"
#define LIAISON_DEMO_FIRM_NAME       "Avery Wealth Partners"
/* The advisor's own cell (where business-hours calls would forward), E.164. */
#define LIAISON_DEMO_ADVISOR_PHONE   "+16145550182"

/* Seeds a freshly created, empty, open @store with the book, and renders
 * the recordings' audio in liaison-sim at @sim_url (its control API, POST
 * /_sim/recordings, no auth) through @session. @account_sid is the sim
 * account the app uses. Times are relative to @now (µs since the epoch,
 * UTC): history over the last ~6–8 weeks, some of it today and yesterday.
 * The sim renders the audio after answering; a download waits for it. */
void         liaison_demo_book_seed_async           (LiaisonStore        *store,
                                                     SoupSession         *session,
                                                     const char          *sim_url,
                                                     const char          *account_sid,
                                                     gint64               now,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     liaison_demo_book_seed_finish          (LiaisonStore        *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* People of the book who text or call in during the demo's ongoing activity
 * (not the opted-out one, nor those whose number bounces). Index
 * i < liaison_demo_book_get_n_people(). Numbers E.164. */
guint        liaison_demo_book_get_n_people         (void);
const char  *liaison_demo_book_get_person_name      (guint i);
const char  *liaison_demo_book_get_person_number    (guint i);
/* A realistic inbound text / voicemail speech (translated, for the person i;
 * varies with @n, the how-many-th event this is). Newly allocated. */
char        *liaison_demo_book_inbound_text         (guint i,
                                                     guint n);
char        *liaison_demo_book_voicemail_speech     (guint i,
                                                     guint n);
/* The opted-out contact's number (for tests). */
const char  *liaison_demo_book_get_opted_out_number (void);

/* What the seed puts in the store (for tests and the docs). */
guint        liaison_demo_book_get_n_contacts       (void);
guint        liaison_demo_book_get_n_threads        (void);
guint        liaison_demo_book_get_n_calls          (void);
guint        liaison_demo_book_get_n_recordings     (void);
guint        liaison_demo_book_get_n_voicemails     (void);
guint        liaison_demo_book_get_n_templates      (void);
/* The people in the follow-up sequence, and how many of them wait for its
 * first text (the others stopped: one replied, one by hand). */
guint        liaison_demo_book_get_n_enrolled       (void);
guint        liaison_demo_book_get_n_enrolled_waiting (void);

G_END_DECLS
