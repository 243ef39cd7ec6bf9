/* liaison-twilio-message.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-message"

#include "config.h"

#include "liaison-twilio-message.h"
#include "liaison-twilio-json-private.h"
#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>

#include <string.h>

struct _LiaisonTwilioMessage
{
  GObject    parent_instance;

  char      *sid;
  char      *account_sid;
  char      *from;
  char      *to;
  char      *body;
  char      *status;
  char      *direction;
  guint      num_segments;
  guint      num_media;
  gint       error_code;
  char      *error_message;
  char      *price;
  char      *price_unit;
  GDateTime *date_created;
  GDateTime *date_sent;
  GDateTime *date_updated;
  char      *messaging_service_sid;
  char      *uri;
};

enum {
  PROP_0,
  PROP_SID,
  PROP_ACCOUNT_SID,
  PROP_FROM,
  PROP_TO,
  PROP_BODY,
  PROP_STATUS,
  PROP_DIRECTION,
  PROP_NUM_SEGMENTS,
  PROP_NUM_MEDIA,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_PRICE,
  PROP_PRICE_UNIT,
  PROP_DATE_CREATED,
  PROP_DATE_SENT,
  PROP_DATE_UPDATED,
  PROP_MESSAGING_SERVICE_SID,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonTwilioMessage, liaison_twilio_message, G_TYPE_OBJECT)

/* RFC 2822 dates (section 3.3, with the obsolete zones of 4.3) */

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char * const day_names[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

/* Reads 1..max_digits digits. */
static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             gint        *out)
{
  guint n = 0;
  gint value = 0;

  while (g_ascii_isdigit ((*p)[n]) && n < max_digits)
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

static gint
read_name (const char         **p,
           const char * const  *names,
           guint                n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strncasecmp (*p, names[i], 3) == 0 && !g_ascii_isalpha ((*p)[3]))
      {
        *p += 3;
        return (gint) i;
      }
  return -1;
}

static gboolean
read_zone (const char **p,
           gint        *offset_minutes)
{
  static const struct { const char *name; gint hours; } zones[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
  };
  const char *s = *p;

  if (*s == '+' || *s == '-')
    {
      gint hhmm;
      gint sign = *s == '-' ? -1 : 1;

      s++;
      if (!read_number (&s, 4, 4, &hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59)
        return FALSE;
      *offset_minutes = sign * ((hhmm / 100) * 60 + hhmm % 100);
      *p = s;
      return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      gsize len = strlen (zones[i].name);

      if (g_ascii_strncasecmp (s, zones[i].name, len) == 0 && !g_ascii_isalpha (s[len]))
        {
          *offset_minutes = zones[i].hours * 60;
          *p = s + len;
          return TRUE;
        }
    }
  return FALSE;
}

GDateTime *
liaison_twilio_parse_rfc2822_date (const char *text)
{
  g_autoptr(GTimeZone) tz = NULL;
  const char *p = text;
  gint day, month, year, hour, minute, second = 0, offset = 0;

  if (text == NULL)
    return NULL;

  skip_spaces (&p);
  if (g_ascii_isalpha (*p))
    {
      if (read_name (&p, day_names, G_N_ELEMENTS (day_names)) < 0)
        return NULL;
      skip_spaces (&p);
      if (*p++ != ',')
        return NULL;
      skip_spaces (&p);
    }

  if (!read_number (&p, 1, 2, &day))
    return NULL;
  skip_spaces (&p);
  month = read_name (&p, month_names, G_N_ELEMENTS (month_names));
  if (month < 0)
    return NULL;
  month += 1;
  skip_spaces (&p);
  if (!read_number (&p, 4, 4, &year))
    return NULL;
  skip_spaces (&p);
  if (!read_number (&p, 2, 2, &hour) || *p++ != ':' || !read_number (&p, 2, 2, &minute))
    return NULL;
  if (*p == ':')
    {
      p++;
      if (!read_number (&p, 2, 2, &second))
        return NULL;
    }
  if (*p != ' ' && *p != '\t')
    return NULL;
  skip_spaces (&p);
  if (!read_zone (&p, &offset))
    return NULL;
  skip_spaces (&p);
  if (*p != '\0')
    return NULL;

  if (year < 1900 || hour > 23 || minute > 59 || second > 60)
    return NULL;
  /* A leap second is read as the last second of the minute. */
  if (second == 60)
    second = 59;

  tz = g_time_zone_new_offset (offset * 60);
  /* g_date_time_new() returns NULL for days that do not exist (31 Feb). */
  return g_date_time_new (tz, year, month, day, hour, minute, second);
}

/* GObject */

static void
liaison_twilio_message_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LiaisonTwilioMessage *self = LIAISON_TWILIO_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_SID: g_value_set_string (value, self->sid); break;
    case PROP_ACCOUNT_SID: g_value_set_string (value, self->account_sid); break;
    case PROP_FROM: g_value_set_string (value, self->from); break;
    case PROP_TO: g_value_set_string (value, self->to); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_DIRECTION: g_value_set_string (value, self->direction); break;
    case PROP_NUM_SEGMENTS: g_value_set_uint (value, self->num_segments); break;
    case PROP_NUM_MEDIA: g_value_set_uint (value, self->num_media); break;
    case PROP_ERROR_CODE: g_value_set_int (value, self->error_code); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_PRICE: g_value_set_string (value, self->price); break;
    case PROP_PRICE_UNIT: g_value_set_string (value, self->price_unit); break;
    case PROP_DATE_CREATED: g_value_set_boxed (value, self->date_created); break;
    case PROP_DATE_SENT: g_value_set_boxed (value, self->date_sent); break;
    case PROP_DATE_UPDATED: g_value_set_boxed (value, self->date_updated); break;
    case PROP_MESSAGING_SERVICE_SID: g_value_set_string (value, self->messaging_service_sid); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_twilio_message_finalize (GObject *object)
{
  LiaisonTwilioMessage *self = LIAISON_TWILIO_MESSAGE (object);

  g_free (self->sid);
  g_free (self->account_sid);
  g_free (self->from);
  g_free (self->to);
  g_free (self->body);
  g_free (self->status);
  g_free (self->direction);
  g_free (self->error_message);
  g_free (self->price);
  g_free (self->price_unit);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->date_sent, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_free (self->messaging_service_sid);
  g_free (self->uri);

  G_OBJECT_CLASS (liaison_twilio_message_parent_class)->finalize (object);
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
date_pspec (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
liaison_twilio_message_class_init (LiaisonTwilioMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_twilio_message_get_property;
  object_class->finalize = liaison_twilio_message_finalize;

  properties [PROP_SID] = string_pspec ("sid");
  properties [PROP_ACCOUNT_SID] = string_pspec ("account-sid");
  properties [PROP_FROM] = string_pspec ("from");
  properties [PROP_TO] = string_pspec ("to");
  properties [PROP_BODY] = string_pspec ("body");
  properties [PROP_STATUS] = string_pspec ("status");
  properties [PROP_DIRECTION] = string_pspec ("direction");
  properties [PROP_NUM_SEGMENTS] =
    g_param_spec_uint ("num-segments", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NUM_MEDIA] =
    g_param_spec_uint ("num-media", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ERROR_CODE] =
    g_param_spec_int ("error-code", NULL, NULL, G_MININT, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ERROR_MESSAGE] = string_pspec ("error-message");
  properties [PROP_PRICE] = string_pspec ("price");
  properties [PROP_PRICE_UNIT] = string_pspec ("price-unit");
  properties [PROP_DATE_CREATED] = date_pspec ("date-created");
  properties [PROP_DATE_SENT] = date_pspec ("date-sent");
  properties [PROP_DATE_UPDATED] = date_pspec ("date-updated");
  properties [PROP_MESSAGING_SERVICE_SID] = string_pspec ("messaging-service-sid");
  properties [PROP_URI] = string_pspec ("uri");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_twilio_message_init (LiaisonTwilioMessage *self)
{
}

LiaisonTwilioMessage *
liaison_twilio_message_new_from_json (JsonObject  *object,
                                      GError     **error)
{
  g_autoptr(LiaisonTwilioMessage) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_TWILIO_MESSAGE, NULL);
  if (!_liaison_twilio_json_get_string (object, "sid", &self->sid, error) ||
      !_liaison_twilio_json_get_string (object, "account_sid", &self->account_sid, error) ||
      !_liaison_twilio_json_get_string (object, "from", &self->from, error) ||
      !_liaison_twilio_json_get_string (object, "to", &self->to, error) ||
      !_liaison_twilio_json_get_string (object, "body", &self->body, error) ||
      !_liaison_twilio_json_get_string (object, "status", &self->status, error) ||
      !_liaison_twilio_json_get_string (object, "direction", &self->direction, error) ||
      !_liaison_twilio_json_get_uint (object, "num_segments", &self->num_segments, error) ||
      !_liaison_twilio_json_get_uint (object, "num_media", &self->num_media, error) ||
      !_liaison_twilio_json_get_int (object, "error_code", &self->error_code, error) ||
      !_liaison_twilio_json_get_string (object, "error_message", &self->error_message, error) ||
      !_liaison_twilio_json_get_string (object, "price", &self->price, error) ||
      !_liaison_twilio_json_get_string (object, "price_unit", &self->price_unit, error) ||
      !_liaison_twilio_json_get_date (object, "date_created", &self->date_created, error) ||
      !_liaison_twilio_json_get_date (object, "date_sent", &self->date_sent, error) ||
      !_liaison_twilio_json_get_date (object, "date_updated", &self->date_updated, error) ||
      !_liaison_twilio_json_get_string (object, "messaging_service_sid", &self->messaging_service_sid, error) ||
      !_liaison_twilio_json_get_string (object, "uri", &self->uri, error))
    return NULL;

  if (self->sid == NULL || self->sid[0] == '\0')
    {
      g_set_error_literal (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_INVALID_RESPONSE,
                           _("Twilio's answer about a message has no message ID."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type \
  liaison_twilio_message_get_##field (LiaisonTwilioMessage *self) \
  { \
    g_return_val_if_fail (LIAISON_IS_TWILIO_MESSAGE (self), 0); \
    return self->field; \
  }

GETTER (const char *, sid)
GETTER (const char *, account_sid)
GETTER (const char *, from)
GETTER (const char *, to)
GETTER (const char *, body)
GETTER (const char *, status)
GETTER (const char *, direction)
GETTER (guint, num_segments)
GETTER (guint, num_media)
GETTER (gint, error_code)
GETTER (const char *, error_message)
GETTER (const char *, price)
GETTER (const char *, price_unit)
GETTER (GDateTime *, date_created)
GETTER (GDateTime *, date_sent)
GETTER (GDateTime *, date_updated)
GETTER (const char *, messaging_service_sid)
GETTER (const char *, uri)
