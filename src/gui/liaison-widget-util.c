/* liaison-widget-util.c: small helpers for the rows of long lists
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-widget-util.h"

/* Sets @widget's tooltip only when it differs: GTK 4.8 asks the display
 * server where the pointer is on every call, a round trip that rows bound
 * by the hundred cannot afford. */
void
liaison_widget_set_tooltip_text (GtkWidget  *widget,
                                 const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;

  gtk_widget_set_tooltip_text (widget, text);
}
