/* liaison-account-form.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-secret-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ACCOUNT_FORM (liaison_account_form_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAccountForm, liaison_account_form, LIAISON, ACCOUNT_FORM, AdwBin)

/* The Twilio credentials form shared by the welcome page and Preferences → Account.
 * "Verify" fetches the account with the entered credentials, then saves them to
 * the keyring and hands them to the application; "saved" is emitted with the
 * account's friendly name. */
GtkWidget                *liaison_account_form_new              (void);

void                      liaison_account_form_set_verify_label (LiaisonAccountForm *self,
                                                                 const char         *label);
/* TRUE when the entered values have the right format. */
gboolean                  liaison_account_form_get_valid        (LiaisonAccountForm *self);
/* TRUE while a verification runs. */
gboolean                  liaison_account_form_get_busy         (LiaisonAccountForm *self);
/* The entered credentials if they are valid, else NULL. */
LiaisonTwilioCredentials *liaison_account_form_get_credentials  (LiaisonAccountForm *self);
/* Starts verifying, as the Verify button does. Does nothing while invalid. */
void                      liaison_account_form_verify           (LiaisonAccountForm *self);
/* Stops a running verification; nothing is saved. */
void                      liaison_account_form_cancel           (LiaisonAccountForm *self);
/* Empties the fields and the result text. */
void                      liaison_account_form_clear            (LiaisonAccountForm *self);

G_END_DECLS
