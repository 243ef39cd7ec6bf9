/* liaison-numbers-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-numbers-page"

#include "config.h"

#include "liaison-numbers-page.h"

struct _LiaisonNumbersPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonNumbersPage, liaison_numbers_page, ADW_TYPE_BIN)

static void
liaison_numbers_page_dispose (GObject *object)
{
  /* AdwBin unparents the template's child (no children are bound). */
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_NUMBERS_PAGE);

  G_OBJECT_CLASS (liaison_numbers_page_parent_class)->dispose (object);
}

static void
liaison_numbers_page_class_init (LiaisonNumbersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_numbers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/numbers/liaison-numbers-page.ui");
}

static void
liaison_numbers_page_init (LiaisonNumbersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_numbers_page_new (void)
{
  return g_object_new (LIAISON_TYPE_NUMBERS_PAGE, NULL);
}
