/* liaison-keywords.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Twilio's default keyword groups (TWILIO.md §2.8): the whole message, one
 * word, case-insensitive, surrounding white space and punctuation ignored. */
typedef enum {
  LIAISON_KEYWORD_NONE,
  /* STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT */
  LIAISON_KEYWORD_OPT_OUT,
  /* START, YES, UNSTOP */
  LIAISON_KEYWORD_OPT_IN,
  /* HELP, INFO */
  LIAISON_KEYWORD_HELP,
} LiaisonKeyword;

/* What an inbound message means for consent. @opt_out_type is Twilio's
 * OptOutType parameter ("STOP", "START", "HELP") or NULL; when present it wins,
 * because Twilio's Advanced Opt-Out may have custom keywords. */
LiaisonKeyword liaison_keyword_classify  (const char     *body,
                                          const char     *opt_out_type);
/* "opt-out", "opt-in", "help" (the consent ledger's event names), or NULL. */
const char    *liaison_keyword_to_event  (LiaisonKeyword  keyword);

G_END_DECLS
