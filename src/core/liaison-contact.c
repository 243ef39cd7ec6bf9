/* liaison-contact.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact"

#include "config.h"

#include "liaison-contact.h"
#include "liaison-contact-private.h"

struct _LiaisonContact
{
  GObject  parent_instance;

  gint64   id;
  char    *display_name;
  char    *first_name;
  char    *last_name;
  char    *company;
  char    *email;
  char    *kind;
  char    *pipeline_stage;
  char    *owner;
  char    *notes;
  gint64   date_created;
  gint64   date_updated;
  GStrv    phones;
  GStrv    tags;
  gboolean opted_out;
  gboolean has_bad_number;
  gint64   last_activity;
  GListStore *phone_details;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_COMPANY,
  PROP_EMAIL,
  PROP_KIND,
  PROP_PIPELINE_STAGE,
  PROP_OWNER,
  PROP_NOTES,
  PROP_DATE_CREATED,
  PROP_DATE_UPDATED,
  PROP_PHONES,
  PROP_PRIMARY_PHONE,
  PROP_TAGS,
  PROP_OPTED_OUT,
  PROP_HAS_BAD_NUMBER,
  PROP_LAST_ACTIVITY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonContact, liaison_contact, G_TYPE_OBJECT)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
liaison_contact_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaisonContact *self = LIAISON_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_PIPELINE_STAGE:
      g_value_set_string (value, self->pipeline_stage);
      break;

    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_DATE_CREATED:
      g_value_set_int64 (value, self->date_created);
      break;

    case PROP_DATE_UPDATED:
      g_value_set_int64 (value, self->date_updated);
      break;

    case PROP_PHONES:
      g_value_set_boxed (value, self->phones);
      break;

    case PROP_PRIMARY_PHONE:
      g_value_set_string (value, liaison_contact_get_primary_phone (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_OPTED_OUT:
      g_value_set_boolean (value, self->opted_out);
      break;

    case PROP_HAS_BAD_NUMBER:
      g_value_set_boolean (value, self->has_bad_number);
      break;

    case PROP_LAST_ACTIVITY:
      g_value_set_int64 (value, self->last_activity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_finalize (GObject *object)
{
  LiaisonContact *self = LIAISON_CONTACT (object);

  g_free (self->display_name);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->company);
  g_free (self->email);
  g_free (self->kind);
  g_free (self->pipeline_stage);
  g_free (self->owner);
  g_free (self->notes);
  g_strfreev (self->phones);
  g_strfreev (self->tags);
  g_clear_object (&self->phone_details);

  G_OBJECT_CLASS (liaison_contact_parent_class)->finalize (object);
}

static void
liaison_contact_class_init (LiaisonContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_contact_get_property;
  object_class->finalize = liaison_contact_finalize;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties [PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties [PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties [PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, NULL, flags);
  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties [PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties [PROP_PIPELINE_STAGE] =
    g_param_spec_string ("pipeline-stage", NULL, NULL, NULL, flags);
  properties [PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties [PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties [PROP_DATE_CREATED] =
    g_param_spec_int64 ("date-created", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_DATE_UPDATED] =
    g_param_spec_int64 ("date-updated", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_PHONES] =
    g_param_spec_boxed ("phones", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_PRIMARY_PHONE] =
    g_param_spec_string ("primary-phone", NULL, NULL, NULL, flags);
  properties [PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_OPTED_OUT] =
    g_param_spec_boolean ("opted-out", NULL, NULL, FALSE, flags);
  properties [PROP_HAS_BAD_NUMBER] =
    g_param_spec_boolean ("has-bad-number", NULL, NULL, FALSE, flags);
  properties [PROP_LAST_ACTIVITY] =
    g_param_spec_int64 ("last-activity", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_contact_init (LiaisonContact *self)
{
  self->phones = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
  self->phone_details = g_list_store_new (LIAISON_TYPE_CONTACT_PHONE);
}

LiaisonContact *
_liaison_contact_new_from_stmt (sqlite3_stmt *stmt,
                                int           first_column)
{
  LiaisonContact *self;
  int c = first_column;

  g_return_val_if_fail (stmt != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_CONTACT, NULL);
  self->id = sqlite3_column_int64 (stmt, c++);
  self->display_name = column_dup (stmt, c++);
  self->first_name = column_dup (stmt, c++);
  self->last_name = column_dup (stmt, c++);
  self->company = column_dup (stmt, c++);
  self->email = column_dup (stmt, c++);
  self->kind = column_dup (stmt, c++);
  self->pipeline_stage = column_dup (stmt, c++);
  self->owner = column_dup (stmt, c++);
  self->notes = column_dup (stmt, c++);
  self->date_created = sqlite3_column_int64 (stmt, c++);
  self->date_updated = sqlite3_column_int64 (stmt, c++);

  g_assert (c - first_column == LIAISON_CONTACT_N_COLUMNS);

  return self;
}

void
_liaison_contact_take_phones (LiaisonContact *self,
                              GStrv           phones)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  g_strfreev (self->phones);
  self->phones = phones != NULL ? phones : g_new0 (char *, 1);
}

void
_liaison_contact_take_tags (LiaisonContact *self,
                            GStrv           tags)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  g_strfreev (self->tags);
  self->tags = tags != NULL ? tags : g_new0 (char *, 1);
}

gint64
liaison_contact_get_id (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), 0);
  return self->id;
}

const char *
liaison_contact_get_display_name (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->display_name;
}

const char *
liaison_contact_get_first_name (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->first_name;
}

const char *
liaison_contact_get_last_name (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->last_name;
}

const char *
liaison_contact_get_company (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->company;
}

const char *
liaison_contact_get_email (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->email;
}

const char *
liaison_contact_get_kind (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->kind;
}

const char *
liaison_contact_get_pipeline_stage (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->pipeline_stage;
}

const char *
liaison_contact_get_owner (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->owner;
}

const char *
liaison_contact_get_notes (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->notes;
}

gint64
liaison_contact_get_date_created (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), 0);
  return self->date_created;
}

gint64
liaison_contact_get_date_updated (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), 0);
  return self->date_updated;
}

const char * const *
liaison_contact_get_phones (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return (const char * const *) self->phones;
}

const char *
liaison_contact_get_primary_phone (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->phones[0];
}

const char * const *
liaison_contact_get_tags (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return (const char * const *) self->tags;
}

void
_liaison_contact_set_flags (LiaisonContact *self,
                            gboolean        opted_out,
                            gboolean        has_bad_number,
                            gint64          last_activity)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  self->opted_out = !!opted_out;
  self->has_bad_number = !!has_bad_number;
  self->last_activity = last_activity;
}

void
_liaison_contact_take_phone_details (LiaisonContact *self,
                                     GListStore     *details)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));
  g_return_if_fail (G_IS_LIST_STORE (details));

  g_clear_object (&self->phone_details);
  self->phone_details = details;
}

gboolean
liaison_contact_get_opted_out (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), FALSE);
  return self->opted_out;
}

gboolean
liaison_contact_get_has_bad_number (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), FALSE);
  return self->has_bad_number;
}

gint64
liaison_contact_get_last_activity (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), 0);
  return self->last_activity;
}

GListModel *
liaison_contact_get_phone_details (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return G_LIST_MODEL (self->phone_details);
}
