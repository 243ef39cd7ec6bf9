/* liaison-welcome-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-welcome-page"

#include "config.h"

#include "liaison-welcome-page.h"
#include "liaison-account-form.h"

#include <glib/gi18n.h>

struct _LiaisonWelcomePage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *keyring_error_box;
  GtkLabel           *keyring_error_label;
  LiaisonAccountForm *account_form;
  GtkButton          *later_button;
  GtkButton          *demo_button;
};

enum {
  FINISHED,
  POSTPONED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonWelcomePage, liaison_welcome_page, ADW_TYPE_BIN)

static void
account_saved_cb (LiaisonWelcomePage *self,
                  const char         *friendly_name)
{
  g_signal_emit (self, signals [FINISHED], 0, friendly_name);
}

static void
later_clicked_cb (LiaisonWelcomePage *self)
{
  liaison_account_form_cancel (self->account_form);
  g_signal_emit (self, signals [POSTPONED], 0);
}

static void
liaison_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (liaison_welcome_page_parent_class)->dispose (object);
}

static void
liaison_welcome_page_class_init (LiaisonWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_welcome_page_dispose;

  /**
   * LiaisonWelcomePage::finished:
   * @friendly_name: the name of the Twilio account
   *
   * The credentials were verified and saved to the keyring.
   */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LiaisonWelcomePage::postponed:
   *
   * The user chose to set up the account later.
   */
  signals [POSTPONED] =
    g_signal_new ("postponed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (LIAISON_TYPE_ACCOUNT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/welcome/liaison-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonWelcomePage, keyring_error_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWelcomePage, keyring_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWelcomePage, account_form);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWelcomePage, later_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWelcomePage, demo_button);
  gtk_widget_class_bind_template_callback (widget_class, account_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, later_clicked_cb);
}

static void
liaison_welcome_page_init (LiaisonWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The status page is the bin's child; it is not bound, so that only AdwBin
   * unparents it. */
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self))),
                                 APPLICATION_ID);
}

GtkWidget *
liaison_welcome_page_new (void)
{
  return g_object_new (LIAISON_TYPE_WELCOME_PAGE, NULL);
}

void
liaison_welcome_page_set_keyring_error (LiaisonWelcomePage *self,
                                        const GError       *error)
{
  g_return_if_fail (LIAISON_IS_WELCOME_PAGE (self));

  gtk_label_set_label (self->keyring_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (self->keyring_error_box, error != NULL);
}
