/* liaison-contact-row.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-row"

#include "config.h"

#include "liaison-contact-row.h"
#include "liaison-contacts-page.h"
#include "liaison-phone.h"

#include <glib/gi18n.h>

struct _LiaisonContactRow
{
  GtkWidget       parent_instance;

  LiaisonContact *contact;

  GtkWidget      *box;
  AdwAvatar      *avatar;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *opted_out_badge;
  GtkWidget      *bad_number_badge;
  GtkMenuButton  *menu_button;
};

enum {
  PROP_0,
  PROP_CONTACT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonContactRow, liaison_contact_row, GTK_TYPE_WIDGET)

char *
liaison_contact_dup_title (LiaisonContact *contact)
{
  const char *name = liaison_contact_get_display_name (contact);
  const char *phone = liaison_contact_get_primary_phone (contact);

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (phone != NULL)
    return liaison_phone_format_for_display (phone, NULL);

  return g_strdup (_("Unnamed Contact"));
}

const char *
liaison_contact_kind_to_label (const char *kind)
{
  if (g_strcmp0 (kind, "prospect") == 0)
    return _("Prospect");
  if (g_strcmp0 (kind, "client") == 0)
    return _("Client");
  if (g_strcmp0 (kind, "referral-partner") == 0)
    return _("Referral Partner");
  return _("Lead");
}

GMenuModel *
liaison_contact_build_menu (LiaisonContact     *contact,
                            const char * const *stages)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();
  g_autoptr(GMenu) stage_menu = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();
  gint64 id = liaison_contact_get_id (contact);
  const char *current = liaison_contact_get_pipeline_stage (contact);

#define ITEM(section, label, action) \
  G_STMT_START { \
    g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL); \
    g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id)); \
    g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled"); \
    g_menu_append_item (section, item); \
  } G_STMT_END

  if (liaison_contact_get_opted_out (contact))
    ITEM (actions, _("Text (Opted Out)"), "contacts.text");
  else
    ITEM (actions, _("Text"), "contacts.text");
  ITEM (actions, _("Call"), "contacts.call");
  ITEM (actions, _("Open Thread"), "contacts.open-thread");
  ITEM (actions, _("Copy Number"), "contacts.copy-number");
  ITEM (actions, _("Add to Sequence…"), "contacts.enroll");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));

  for (guint i = 0; stages != NULL && stages[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (stages[i], current) == 0)
        continue;
      item = g_menu_item_new (stages[i], NULL);
      g_menu_item_set_action_and_target_value (item, "contacts.move-to-stage",
                                               g_variant_new ("(xs)", id, stages[i]));
      g_menu_append_item (stage_menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("New Stage…"), NULL);

    g_menu_item_set_action_and_target_value (item, "contacts.move-to-stage",
                                             g_variant_new ("(xs)", id, ""));
    g_menu_append_item (stage_menu, item);
  }
  g_menu_append_submenu (more, _("Move to Stage"), G_MENU_MODEL (stage_menu));
  ITEM (more, _("Edit…"), "contacts.edit");
  ITEM (more, _("Delete"), "contacts.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));

#undef ITEM

  return G_MENU_MODEL (menu);
}

static char *
subtitle_for (LiaisonContact *contact)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *company = liaison_contact_get_company (contact);
  const char *stage = liaison_contact_get_pipeline_stage (contact);
  const char *name = liaison_contact_get_display_name (contact);
  const char *phone = liaison_contact_get_primary_phone (contact);
  g_autofree char *formatted = NULL;

  /* Named contacts show their number under the name. */
  if (name != NULL && *name != '\0' && phone != NULL)
    {
      formatted = liaison_phone_format_for_display (phone, NULL);
      g_ptr_array_add (parts, formatted);
    }
  if (company != NULL && *company != '\0')
    g_ptr_array_add (parts, (gpointer) company);
  if (stage != NULL && *stage != '\0')
    g_ptr_array_add (parts, (gpointer) stage);
  g_ptr_array_add (parts, (gpointer) liaison_contact_kind_to_label (liaison_contact_get_kind (contact)));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Built when the menu opens, so that it lists the stages known then. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  LiaisonContactRow *self = LIAISON_CONTACT_ROW (user_data);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), LIAISON_TYPE_CONTACTS_PAGE);
  g_autoptr(GMenuModel) menu = NULL;

  if (self->contact == NULL)
    return;

  menu = liaison_contact_build_menu (self->contact,
                                     page != NULL ?
                                     liaison_contacts_page_get_stages (LIAISON_CONTACTS_PAGE (page)) :
                                     NULL);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
update (LiaisonContactRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  LiaisonContact *contact = self->contact;

  if (contact == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->subtitle_label, "");
      gtk_widget_set_visible (self->opted_out_badge, FALSE);
      gtk_widget_set_visible (self->bad_number_badge, FALSE);
      return;
    }

  title = liaison_contact_dup_title (contact);
  subtitle = subtitle_for (contact);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  adw_avatar_set_text (self->avatar, title);
  gtk_widget_set_visible (self->opted_out_badge, liaison_contact_get_opted_out (contact));
  gtk_widget_set_visible (self->bad_number_badge, liaison_contact_get_has_bad_number (contact));
}

static void
liaison_contact_row_dispose (GObject *object)
{
  LiaisonContactRow *self = LIAISON_CONTACT_ROW (object);

  g_clear_object (&self->contact);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_ROW);

  G_OBJECT_CLASS (liaison_contact_row_parent_class)->dispose (object);
}

static void
liaison_contact_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonContactRow *self = LIAISON_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LiaisonContactRow *self = LIAISON_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      liaison_contact_row_set_contact (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_row_class_init (LiaisonContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_row_dispose;
  object_class->get_property = liaison_contact_row_get_property;
  object_class->set_property = liaison_contact_row_set_property;

  properties [PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, LIAISON_TYPE_CONTACT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/contacts/liaison-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, opted_out_badge);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, bad_number_badge);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactRow, menu_button);
}

static void
liaison_contact_row_init (LiaisonContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
}

GtkWidget *
liaison_contact_row_new (void)
{
  return g_object_new (LIAISON_TYPE_CONTACT_ROW, NULL);
}

LiaisonContact *
liaison_contact_row_get_contact (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->contact;
}

void
liaison_contact_row_set_contact (LiaisonContactRow *self,
                                 LiaisonContact    *contact)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ROW (self));
  g_return_if_fail (!contact || LIAISON_IS_CONTACT (contact));

  if (g_set_object (&self->contact, contact))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTACT]);
    }
}
