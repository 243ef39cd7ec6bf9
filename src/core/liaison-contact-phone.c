/* liaison-contact-phone.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-phone"

#include "config.h"

#include "liaison-contact-phone.h"

struct _LiaisonContactPhone
{
  GObject   parent_instance;

  char     *e164;
  char     *label;
  char     *line_type;
  char     *bad_reason;
  gboolean  is_primary;
  gboolean  is_bad;
  gboolean  opted_out;
};

G_DEFINE_FINAL_TYPE (LiaisonContactPhone, liaison_contact_phone, G_TYPE_OBJECT)

static void
liaison_contact_phone_finalize (GObject *object)
{
  LiaisonContactPhone *self = LIAISON_CONTACT_PHONE (object);

  g_free (self->e164);
  g_free (self->label);
  g_free (self->line_type);
  g_free (self->bad_reason);

  G_OBJECT_CLASS (liaison_contact_phone_parent_class)->finalize (object);
}

static void
liaison_contact_phone_class_init (LiaisonContactPhoneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_contact_phone_finalize;
}

static void
liaison_contact_phone_init (LiaisonContactPhone *self)
{
}

LiaisonContactPhone *
_liaison_contact_phone_new (const char *e164,
                            const char *label,
                            const char *line_type,
                            gboolean    is_primary,
                            gboolean    is_bad,
                            const char *bad_reason,
                            gboolean    opted_out)
{
  LiaisonContactPhone *self = g_object_new (LIAISON_TYPE_CONTACT_PHONE, NULL);

  self->e164 = g_strdup (e164);
  self->label = g_strdup (label);
  self->line_type = g_strdup (line_type);
  self->is_primary = !!is_primary;
  self->is_bad = !!is_bad;
  self->bad_reason = g_strdup (bad_reason);
  self->opted_out = !!opted_out;

  return self;
}

const char *
liaison_contact_phone_get_e164 (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), NULL);
  return self->e164;
}

const char *
liaison_contact_phone_get_label (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), NULL);
  return self->label;
}

const char *
liaison_contact_phone_get_line_type (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), NULL);
  return self->line_type;
}

gboolean
liaison_contact_phone_get_is_primary (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), FALSE);
  return self->is_primary;
}

gboolean
liaison_contact_phone_get_is_bad (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), FALSE);
  return self->is_bad;
}

const char *
liaison_contact_phone_get_bad_reason (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), NULL);
  return self->bad_reason;
}

gboolean
liaison_contact_phone_get_opted_out (LiaisonContactPhone *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PHONE (self), FALSE);
  return self->opted_out;
}
