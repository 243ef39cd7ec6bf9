/* liaison-twiml.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes TwiML documents (TWILIO.md §3.6) with only the documented verbs,
 * nouns and attributes: an unknown name or a verb where it cannot be is a
 * programming error (g_critical) and is left out. Text and attribute
 * values are escaped. */

typedef struct _LiaisonTwiml LiaisonTwiml;

LiaisonTwiml *liaison_twiml_new      (void);
void          liaison_twiml_free     (LiaisonTwiml *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonTwiml, liaison_twiml_free)

/* Opens @element with attributes as NULL-terminated name/value pairs; a
 * NULL value leaves that attribute out. */
void          liaison_twiml_open     (LiaisonTwiml *self,
                                      const char   *element,
                                      ...) G_GNUC_NULL_TERMINATED;
void          liaison_twiml_text     (LiaisonTwiml *self,
                                      const char   *text);
void          liaison_twiml_close    (LiaisonTwiml *self);

/* open + text (may be NULL) + close. */
void          liaison_twiml_add      (LiaisonTwiml *self,
                                      const char   *element,
                                      const char   *text,
                                      ...) G_GNUC_NULL_TERMINATED;

/* The whole document, <?xml …?><Response>…</Response>; closes what is
 * still open. */
char         *liaison_twiml_finish   (LiaisonTwiml *self);

/* Checks a TwiML document: well-formed, a <Response> root, and every
 * element and attribute documented where it stands. */
gboolean      liaison_twiml_validate (const char   *document,
                                      GError      **error);

G_END_DECLS
