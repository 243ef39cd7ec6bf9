/* liaison-welcome-page.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_WELCOME_PAGE (liaison_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWelcomePage, liaison_welcome_page, LIAISON, WELCOME_PAGE, AdwBin)

/* First run: asks for the Twilio credentials. Emits "finished" with the
 * account's friendly name once they are verified and saved, or "postponed"
 * when the user chooses "Set Up Later". */
GtkWidget *liaison_welcome_page_new                (void);

/* Shows why the keyring cannot be used (NULL hides the message). */
void       liaison_welcome_page_set_keyring_error  (LiaisonWelcomePage *self,
                                                    const GError       *error);

G_END_DECLS
