/* liaison-enrollment-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-enrollment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-campaigns-format.h"
#include "liaison-enrollment-row.h"
#include "liaison-widget-util.h"

struct _LiaisonEnrollmentRow
{
  AdwBin                     parent_instance;

  GtkLabel                  *name_label;
  GtkLabel                  *state_label;
  GtkButton                 *contact_button;
  GtkButton                 *stop_button;

  LiaisonSequenceEnrollment *enrollment;
};

enum {
  SIGNAL_STOP,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonEnrollmentRow, liaison_enrollment_row, ADW_TYPE_BIN)

static void
stop_clicked_cb (LiaisonEnrollmentRow *self)
{
  if (self->enrollment != NULL)
    g_signal_emit (self, signals[SIGNAL_STOP], 0, self->enrollment);
}

static void
liaison_enrollment_row_dispose (GObject *object)
{
  LiaisonEnrollmentRow *self = LIAISON_ENROLLMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_ENROLLMENT_ROW);
  g_clear_object (&self->enrollment);

  G_OBJECT_CLASS (liaison_enrollment_row_parent_class)->dispose (object);
}

static void
liaison_enrollment_row_class_init (LiaisonEnrollmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_enrollment_row_dispose;

  signals[SIGNAL_STOP] =
    g_signal_new ("stop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_SEQUENCE_ENROLLMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/campaigns/liaison-enrollment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonEnrollmentRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonEnrollmentRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonEnrollmentRow, contact_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonEnrollmentRow, stop_button);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
}

static void
liaison_enrollment_row_init (LiaisonEnrollmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_enrollment_row_new (void)
{
  return g_object_new (LIAISON_TYPE_ENROLLMENT_ROW, NULL);
}

void
liaison_enrollment_row_set_enrollment (LiaisonEnrollmentRow      *self,
                                       LiaisonSequenceEnrollment *enrollment,
                                       guint                      n_steps)
{
  g_autofree char *state = NULL;
  const char *name;

  g_return_if_fail (LIAISON_IS_ENROLLMENT_ROW (self));
  g_return_if_fail (!enrollment || LIAISON_IS_SEQUENCE_ENROLLMENT (enrollment));

  g_set_object (&self->enrollment, enrollment);
  if (enrollment == NULL)
    return;

  name = liaison_sequence_enrollment_get_contact_name (enrollment);
  gtk_label_set_label (self->name_label, (name != NULL && *name != '\0') ? name : _("Unnamed contact"));
  state = liaison_campaigns_format_enrollment (enrollment, n_steps);
  gtk_label_set_label (self->state_label, state);
  liaison_widget_set_tooltip_text (GTK_WIDGET (self->state_label), state);

  /* Target first: a target-less window action would warn. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->contact_button),
                                          g_variant_new ("x", liaison_sequence_enrollment_get_contact_id (enrollment)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact_button), "win.show-contact");
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button),
                          liaison_sequence_enrollment_get_state (enrollment) == LIAISON_ENROLLMENT_ACTIVE);
}

LiaisonSequenceEnrollment *
liaison_enrollment_row_get_enrollment (LiaisonEnrollmentRow *self)
{
  g_return_val_if_fail (LIAISON_IS_ENROLLMENT_ROW (self), NULL);

  return self->enrollment;
}
