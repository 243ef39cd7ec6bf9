/* liaison-twilio-available-number.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-numbers"

#include "config.h"

#include "liaison-twilio-available-number.h"
#include "liaison-twilio-error.h"
#include "liaison-twilio-json-private.h"

#include <glib/gi18n-lib.h>

#include <math.h>

struct _LiaisonTwilioAvailableNumber
{
  GObject                    parent_instance;

  char                      *phone_number;
  char                      *friendly_name;
  char                      *locality;
  char                      *region;
  char                      *postal_code;
  char                      *iso_country;
  char                      *lata;
  char                      *rate_center;
  char                      *address_requirements;
  gboolean                   beta;
  double                     latitude;
  double                     longitude;
  LiaisonTwilioCapabilities  capabilities;
};

enum {
  PROP_0,
  PROP_PHONE_NUMBER,
  PROP_FRIENDLY_NAME,
  PROP_LOCALITY,
  PROP_REGION,
  PROP_POSTAL_CODE,
  PROP_ISO_COUNTRY,
  PROP_ADDRESS_REQUIREMENTS,
  PROP_CAPABILITIES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioAvailableNumber, liaison_twilio_available_number, G_TYPE_OBJECT)

static void
liaison_twilio_available_number_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  LiaisonTwilioAvailableNumber *self = LIAISON_TWILIO_AVAILABLE_NUMBER (object);

  switch (prop_id)
    {
    case PROP_PHONE_NUMBER:
      g_value_set_string (value, self->phone_number);
      break;
    case PROP_FRIENDLY_NAME:
      g_value_set_string (value, self->friendly_name);
      break;
    case PROP_LOCALITY:
      g_value_set_string (value, self->locality);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;
    case PROP_ISO_COUNTRY:
      g_value_set_string (value, self->iso_country);
      break;
    case PROP_ADDRESS_REQUIREMENTS:
      g_value_set_string (value, self->address_requirements);
      break;
    case PROP_CAPABILITIES:
      g_value_set_uint (value, self->capabilities);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_available_number_finalize (GObject *object)
{
  LiaisonTwilioAvailableNumber *self = LIAISON_TWILIO_AVAILABLE_NUMBER (object);

  g_free (self->phone_number);
  g_free (self->friendly_name);
  g_free (self->locality);
  g_free (self->region);
  g_free (self->postal_code);
  g_free (self->iso_country);
  g_free (self->lata);
  g_free (self->rate_center);
  g_free (self->address_requirements);

  G_OBJECT_CLASS (liaison_twilio_available_number_parent_class)->finalize (object);
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
liaison_twilio_available_number_class_init (LiaisonTwilioAvailableNumberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_available_number_get_property;
  object_class->finalize = liaison_twilio_available_number_finalize;

  properties [PROP_PHONE_NUMBER] = string_pspec ("phone-number");
  properties [PROP_FRIENDLY_NAME] = string_pspec ("friendly-name");
  properties [PROP_LOCALITY] = string_pspec ("locality");
  properties [PROP_REGION] = string_pspec ("region");
  properties [PROP_POSTAL_CODE] = string_pspec ("postal-code");
  properties [PROP_ISO_COUNTRY] = string_pspec ("iso-country");
  properties [PROP_ADDRESS_REQUIREMENTS] = string_pspec ("address-requirements");
  /* LiaisonTwilioCapabilities flags */
  properties [PROP_CAPABILITIES] =
    g_param_spec_uint ("capabilities", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_available_number_init (LiaisonTwilioAvailableNumber *self)
{
  self->latitude = NAN;
  self->longitude = NAN;
}

LiaisonTwilioAvailableNumber *
liaison_twilio_available_number_new_from_json (JsonObject  *object,
                                               GError     **error)
{
  g_autoptr(LiaisonTwilioAvailableNumber) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_AVAILABLE_NUMBER, NULL);
  if (!_liaison_twilio_json_require_string (object, "phone_number", &self->phone_number, error) ||
      !_liaison_twilio_json_get_string (object, "friendly_name", &self->friendly_name, error) ||
      !_liaison_twilio_json_get_string (object, "locality", &self->locality, error) ||
      !_liaison_twilio_json_get_string (object, "region", &self->region, error) ||
      !_liaison_twilio_json_get_string (object, "postal_code", &self->postal_code, error) ||
      !_liaison_twilio_json_get_string (object, "iso_country", &self->iso_country, error) ||
      !_liaison_twilio_json_get_string (object, "lata", &self->lata, error) ||
      !_liaison_twilio_json_get_string (object, "rate_center", &self->rate_center, error) ||
      !_liaison_twilio_json_get_string (object, "address_requirements", &self->address_requirements, error) ||
      !_liaison_twilio_json_get_bool (object, "beta", &self->beta, error) ||
      !_liaison_twilio_json_get_double (object, "latitude", &self->latitude, error) ||
      !_liaison_twilio_json_get_double (object, "longitude", &self->longitude, error) ||
      !_liaison_twilio_json_get_capabilities (object, &self->capabilities, error))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_available_number_get_##field (LiaisonTwilioAvailableNumber *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_AVAILABLE_NUMBER (self), 0); \
    return self->field; \
  }

GETTER (const char *, phone_number)
GETTER (const char *, friendly_name)
GETTER (const char *, locality)
GETTER (const char *, region)
GETTER (const char *, postal_code)
GETTER (const char *, iso_country)
GETTER (const char *, lata)
GETTER (const char *, rate_center)
GETTER (const char *, address_requirements)
GETTER (gboolean, beta)
GETTER (LiaisonTwilioCapabilities, capabilities)

gboolean
liaison_twilio_available_number_get_position (LiaisonTwilioAvailableNumber *self,
                                              double                       *latitude,
                                              double                       *longitude)
{
  g_return_val_if_fail (LIAISON_IS_TWILIO_AVAILABLE_NUMBER (self), FALSE);

  if (isnan (self->latitude) || isnan (self->longitude))
    return FALSE;
  if (latitude != NULL)
    *latitude = self->latitude;
  if (longitude != NULL)
    *longitude = self->longitude;
  return TRUE;
}
