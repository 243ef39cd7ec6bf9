/* liaison-campaigns-page.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-campaigns-page"

#include "config.h"

#include "liaison-campaigns-page.h"

struct _LiaisonCampaignsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonCampaignsPage, liaison_campaigns_page, ADW_TYPE_BIN)

static void
liaison_campaigns_page_dispose (GObject *object)
{
  /* AdwBin unparents the template's child (no children are bound). */
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_CAMPAIGNS_PAGE);

  G_OBJECT_CLASS (liaison_campaigns_page_parent_class)->dispose (object);
}

static void
liaison_campaigns_page_class_init (LiaisonCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_campaigns_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/campaigns/liaison-campaigns-page.ui");
}

static void
liaison_campaigns_page_init (LiaisonCampaignsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_campaigns_page_new (void)
{
  return g_object_new (LIAISON_TYPE_CAMPAIGNS_PAGE, NULL);
}
