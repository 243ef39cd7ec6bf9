/* liaison-outbox-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-outbox.h"

G_BEGIN_DECLS

/* Crash tests: @hook is called with @point "claimed" (the sending state is
 * committed, the request not made), "sent" (Twilio answered, the result is
 * not committed) and "recorded" (the result is committed). NULL removes it. */
void _liaison_outbox_set_test_hook (LiaisonOutbox *self,
                                    void         (*hook) (const char *point,
                                                          gpointer    data),
                                    gpointer       data);

G_END_DECLS
