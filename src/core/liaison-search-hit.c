/* liaison-search-hit.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-search-hit"

#include "config.h"

#include "liaison-search-hit.h"
#include "liaison-search-hit-private.h"

#include <string.h>

struct _LiaisonSearchHit
{
  GObject               parent_instance;

  LiaisonSearchHitKind  kind;
  gint64                id;
  gint64                thread_id;
  gint64                contact_id;
  gint64                transcript_id;
  gint64                start_ms;
  gint64                time;
  char                 *snippet;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_THREAD_ID,
  PROP_CONTACT_ID,
  PROP_TRANSCRIPT_ID,
  PROP_START_MS,
  PROP_TIME,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonSearchHit, liaison_search_hit, G_TYPE_OBJECT)

GType
liaison_search_hit_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LIAISON_SEARCH_HIT_MESSAGE, "LIAISON_SEARCH_HIT_MESSAGE", "message" },
        { LIAISON_SEARCH_HIT_SENTENCE, "LIAISON_SEARCH_HIT_SENTENCE", "sentence" },
        { LIAISON_SEARCH_HIT_CONTACT, "LIAISON_SEARCH_HIT_CONTACT", "contact" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("LiaisonSearchHitKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static void
liaison_search_hit_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaisonSearchHit *self = LIAISON_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_THREAD_ID:
      g_value_set_int64 (value, self->thread_id);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_TRANSCRIPT_ID:
      g_value_set_int64 (value, self->transcript_id);
      break;

    case PROP_START_MS:
      g_value_set_int64 (value, self->start_ms);
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;

    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_search_hit_finalize (GObject *object)
{
  LiaisonSearchHit *self = LIAISON_SEARCH_HIT (object);

  g_free (self->snippet);

  G_OBJECT_CLASS (liaison_search_hit_parent_class)->finalize (object);
}

static void
liaison_search_hit_class_init (LiaisonSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_search_hit_get_property;
  object_class->finalize = liaison_search_hit_finalize;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       LIAISON_TYPE_SEARCH_HIT_KIND, LIAISON_SEARCH_HIT_MESSAGE, flags);
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_THREAD_ID] =
    g_param_spec_int64 ("thread-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_TRANSCRIPT_ID] =
    g_param_spec_int64 ("transcript-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_START_MS] =
    g_param_spec_int64 ("start-ms", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_search_hit_init (LiaisonSearchHit *self)
{
}

LiaisonSearchHit *
_liaison_search_hit_new (LiaisonSearchHitKind  kind,
                         gint64                id,
                         gint64                thread_id,
                         gint64                contact_id,
                         gint64                transcript_id,
                         gint64                start_ms,
                         gint64                time,
                         const char           *snippet)
{
  LiaisonSearchHit *self = g_object_new (LIAISON_TYPE_SEARCH_HIT, NULL);

  self->kind = kind;
  self->id = id;
  self->thread_id = thread_id;
  self->contact_id = contact_id;
  self->transcript_id = transcript_id;
  self->start_ms = MAX (0, start_ms);
  self->time = time;
  self->snippet = g_strdup (snippet != NULL ? snippet : "");

  return self;
}

LiaisonSearchHitKind
liaison_search_hit_get_kind (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), LIAISON_SEARCH_HIT_MESSAGE);
  return self->kind;
}

gint64
liaison_search_hit_get_id (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), 0);
  return self->id;
}

gint64
liaison_search_hit_get_thread_id (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), 0);
  return self->thread_id;
}

gint64
liaison_search_hit_get_contact_id (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), 0);
  return self->contact_id;
}

gint64
liaison_search_hit_get_transcript_id (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), 0);
  return self->transcript_id;
}

gint64
liaison_search_hit_get_start_ms (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), 0);
  return self->start_ms;
}

gint64
liaison_search_hit_get_time (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), 0);
  return self->time;
}

const char *
liaison_search_hit_get_snippet (LiaisonSearchHit *self)
{
  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}

char *
liaison_search_hit_get_snippet_markup (LiaisonSearchHit *self)
{
  GString *markup;
  const char *p;
  gboolean open = FALSE;

  g_return_val_if_fail (LIAISON_IS_SEARCH_HIT (self), NULL);

  markup = g_string_sized_new (strlen (self->snippet) + 16);
  p = self->snippet;

  while (*p != '\0')
    {
      gsize run = strcspn (p, LIAISON_SEARCH_HIT_MARK_START LIAISON_SEARCH_HIT_MARK_END);

      if (run > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (p, (gssize) run);

          g_string_append (markup, escaped);
          p += run;
          continue;
        }

      if (*p == LIAISON_SEARCH_HIT_MARK_START[0] && !open)
        {
          g_string_append (markup, "<b>");
          open = TRUE;
        }
      else if (*p == LIAISON_SEARCH_HIT_MARK_END[0] && open)
        {
          g_string_append (markup, "</b>");
          open = FALSE;
        }
      p++;
    }

  if (open)
    g_string_append (markup, "</b>");

  return g_string_free (markup, FALSE);
}
