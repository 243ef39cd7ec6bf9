/* liaison-search-hit.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  LIAISON_SEARCH_HIT_MESSAGE,   /* an SMS/MMS body; id is the message id */
  LIAISON_SEARCH_HIT_SENTENCE,  /* a transcript sentence; id is the sentence id */
  LIAISON_SEARCH_HIT_CONTACT,   /* a contact's name, company or notes; id is the contact id */
} LiaisonSearchHitKind;

#define LIAISON_TYPE_SEARCH_HIT_KIND (liaison_search_hit_kind_get_type ())
GType liaison_search_hit_kind_get_type (void) G_GNUC_CONST;

/* Snippets mark each matched term with these two control characters:
 * "…we moved the \001meeting\002 to Friday…". They never occur in stored text
 * (the store strips nothing; SQLite's snippet() inserts them), so the GUI can
 * turn them into markup: use liaison_search_hit_get_snippet_markup(). */
#define LIAISON_SEARCH_HIT_MARK_START "\001"
#define LIAISON_SEARCH_HIT_MARK_END   "\002"

#define LIAISON_TYPE_SEARCH_HIT (liaison_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSearchHit, liaison_search_hit, LIAISON, SEARCH_HIT, GObject)

LiaisonSearchHitKind  liaison_search_hit_get_kind           (LiaisonSearchHit *self);
gint64                liaison_search_hit_get_id             (LiaisonSearchHit *self);
/* The thread of a message, or of the call a sentence belongs to; 0 if none. */
gint64                liaison_search_hit_get_thread_id      (LiaisonSearchHit *self);
/* The contact of the thread, or the contact itself; 0 if none. */
gint64                liaison_search_hit_get_contact_id     (LiaisonSearchHit *self);
/* For sentences: the transcript and the sentence's start in the recording. */
gint64                liaison_search_hit_get_transcript_id  (LiaisonSearchHit *self);
gint64                liaison_search_hit_get_start_ms       (LiaisonSearchHit *self);
/* Microseconds since the Unix epoch, UTC: when the message was created, when
 * the sentence was spoken, or when the contact was last changed. */
gint64                liaison_search_hit_get_time           (LiaisonSearchHit *self);
/* Plain text with the markers above around matched terms. */
const char           *liaison_search_hit_get_snippet        (LiaisonSearchHit *self);
/* The snippet as Pango markup: text escaped, matches in <b>…</b>. */
char                 *liaison_search_hit_get_snippet_markup (LiaisonSearchHit *self);

G_END_DECLS
