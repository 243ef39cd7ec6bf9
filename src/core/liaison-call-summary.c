/* liaison-call-summary.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-call-summary"

#include "config.h"

#include "liaison-call-summary.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#define SUMMARY_JSON_VERSION 1

typedef struct
{
  LiaisonMentionKind  kind;
  char               *text;
  gint                sentence;
} Mention;

typedef struct
{
  char *phrase;
  gint  sentence;
} Flag;

struct _LiaisonCallSummary
{
  GObject               parent_instance;

  LiaisonSummarySource  source;
  char                 *headline;
  char                 *text;
  GArray               *key_sentences;  /* guint */
  GPtrArray            *action_items;   /* char*, NULL-terminated */
  GArray               *mentions;       /* Mention */
  GArray               *flags;          /* Flag */
};

G_DEFINE_FINAL_TYPE (LiaisonCallSummary, liaison_call_summary, G_TYPE_OBJECT)

static const char * const source_names[] = { "device", "voice-intelligence", "endpoint" };
static const char * const mention_names[] = { "date", "time", "amount" };

const char *
liaison_summary_source_to_string (LiaisonSummarySource source)
{
  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (source_names), NULL);
  return source_names[source];
}

gboolean
liaison_summary_source_from_string (const char           *text,
                                    LiaisonSummarySource *out_source)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (source_names); i++)
    if (g_str_equal (text, source_names[i]))
      {
        if (out_source != NULL)
          *out_source = (LiaisonSummarySource) i;
        return TRUE;
      }
  return FALSE;
}

const char *
liaison_summary_source_get_label (LiaisonSummarySource source)
{
  switch (source)
    {
    case LIAISON_SUMMARY_SOURCE_DEVICE:
      return _("Summarized on this computer");
    case LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE:
      return _("Summarized by Twilio Voice Intelligence");
    case LIAISON_SUMMARY_SOURCE_ENDPOINT:
      return _("Summarized by your firm’s model server");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
liaison_mention_kind_to_string (LiaisonMentionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (mention_names), NULL);
  return mention_names[kind];
}

gboolean
liaison_mention_kind_from_string (const char         *text,
                                  LiaisonMentionKind *out_kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (mention_names); i++)
    if (g_str_equal (text, mention_names[i]))
      {
        if (out_kind != NULL)
          *out_kind = (LiaisonMentionKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
mention_clear (gpointer data)
{
  Mention *mention = data;

  g_free (mention->text);
}

static void
flag_clear (gpointer data)
{
  Flag *flag = data;

  g_free (flag->phrase);
}

static void
liaison_call_summary_finalize (GObject *object)
{
  LiaisonCallSummary *self = LIAISON_CALL_SUMMARY (object);

  g_free (self->headline);
  g_free (self->text);
  g_array_unref (self->key_sentences);
  g_ptr_array_unref (self->action_items);
  g_array_unref (self->mentions);
  g_array_unref (self->flags);

  G_OBJECT_CLASS (liaison_call_summary_parent_class)->finalize (object);
}

static void
liaison_call_summary_class_init (LiaisonCallSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_call_summary_finalize;
}

static void
liaison_call_summary_init (LiaisonCallSummary *self)
{
  self->headline = g_strdup ("");
  self->text = g_strdup ("");
  self->key_sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  self->action_items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->action_items, NULL);
  self->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_set_clear_func (self->mentions, mention_clear);
  self->flags = g_array_new (FALSE, FALSE, sizeof (Flag));
  g_array_set_clear_func (self->flags, flag_clear);
}

LiaisonCallSummary *
liaison_call_summary_new (LiaisonSummarySource source)
{
  LiaisonCallSummary *self;

  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (source_names), NULL);

  self = g_object_new (LIAISON_TYPE_CALL_SUMMARY, NULL);
  self->source = source;
  return self;
}

LiaisonSummarySource
liaison_call_summary_get_source (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), LIAISON_SUMMARY_SOURCE_DEVICE);
  return self->source;
}

const char *
liaison_call_summary_get_source_label (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  return liaison_summary_source_get_label (self->source);
}

const char *
liaison_call_summary_get_headline (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  return self->headline;
}

void
liaison_call_summary_set_headline (LiaisonCallSummary *self,
                                   const char         *headline)
{
  g_return_if_fail (LIAISON_IS_CALL_SUMMARY (self));
  g_free (self->headline);
  self->headline = g_strdup (headline != NULL ? headline : "");
}

const char *
liaison_call_summary_get_text (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  return self->text;
}

void
liaison_call_summary_set_text (LiaisonCallSummary *self,
                               const char         *text)
{
  g_return_if_fail (LIAISON_IS_CALL_SUMMARY (self));
  g_free (self->text);
  self->text = g_strdup (text != NULL ? text : "");
}

void
liaison_call_summary_add_key_sentence (LiaisonCallSummary *self,
                                       guint               index)
{
  g_return_if_fail (LIAISON_IS_CALL_SUMMARY (self));
  g_array_append_val (self->key_sentences, index);
}

const guint *
liaison_call_summary_get_key_sentences (LiaisonCallSummary *self,
                                        guint              *n_indices)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  if (n_indices != NULL)
    *n_indices = self->key_sentences->len;
  return (const guint *) (gpointer) self->key_sentences->data;
}

void
liaison_call_summary_add_action_item (LiaisonCallSummary *self,
                                      const char         *item)
{
  g_return_if_fail (LIAISON_IS_CALL_SUMMARY (self));
  g_return_if_fail (item != NULL);

  /* Keep the array NULL-terminated. */
  g_ptr_array_insert (self->action_items, (int) self->action_items->len - 1, g_strdup (item));
}

const char * const *
liaison_call_summary_get_action_items (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  return (const char * const *) self->action_items->pdata;
}

void
liaison_call_summary_add_mention (LiaisonCallSummary *self,
                                  LiaisonMentionKind  kind,
                                  const char         *text,
                                  gint                sentence_index)
{
  Mention mention;

  g_return_if_fail (LIAISON_IS_CALL_SUMMARY (self));
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (mention_names));
  g_return_if_fail (text != NULL);

  mention.kind = kind;
  mention.text = g_strdup (text);
  mention.sentence = sentence_index;
  g_array_append_val (self->mentions, mention);
}

guint
liaison_call_summary_get_n_mentions (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), 0);
  return self->mentions->len;
}

LiaisonMentionKind
liaison_call_summary_get_mention_kind (LiaisonCallSummary *self,
                                       guint               i)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), LIAISON_MENTION_DATE);
  g_return_val_if_fail (i < self->mentions->len, LIAISON_MENTION_DATE);
  return g_array_index (self->mentions, Mention, i).kind;
}

const char *
liaison_call_summary_get_mention_text (LiaisonCallSummary *self,
                                       guint               i)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  g_return_val_if_fail (i < self->mentions->len, NULL);
  return g_array_index (self->mentions, Mention, i).text;
}

gint
liaison_call_summary_get_mention_sentence (LiaisonCallSummary *self,
                                           guint               i)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), -1);
  g_return_val_if_fail (i < self->mentions->len, -1);
  return g_array_index (self->mentions, Mention, i).sentence;
}

GStrv
liaison_call_summary_dup_mentions (LiaisonCallSummary *self,
                                   LiaisonMentionKind  kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);

  for (guint i = 0; i < self->mentions->len; i++)
    if (g_array_index (self->mentions, Mention, i).kind == kind)
      g_strv_builder_add (builder, g_array_index (self->mentions, Mention, i).text);
  return g_strv_builder_end (builder);
}

void
liaison_call_summary_add_flag (LiaisonCallSummary *self,
                               const char         *phrase,
                               gint                sentence_index)
{
  Flag flag;

  g_return_if_fail (LIAISON_IS_CALL_SUMMARY (self));
  g_return_if_fail (phrase != NULL);

  flag.phrase = g_strdup (phrase);
  flag.sentence = sentence_index;
  g_array_append_val (self->flags, flag);
}

guint
liaison_call_summary_get_n_flags (LiaisonCallSummary *self)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), 0);
  return self->flags->len;
}

const char *
liaison_call_summary_get_flag_phrase (LiaisonCallSummary *self,
                                      guint               i)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);
  g_return_val_if_fail (i < self->flags->len, NULL);
  return g_array_index (self->flags, Flag, i).phrase;
}

gint
liaison_call_summary_get_flag_sentence (LiaisonCallSummary *self,
                                        guint               i)
{
  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), -1);
  g_return_val_if_fail (i < self->flags->len, -1);
  return g_array_index (self->flags, Flag, i).sentence;
}

/* JSON */

char *
liaison_call_summary_to_json (LiaisonCallSummary *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LIAISON_IS_CALL_SUMMARY (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SUMMARY_JSON_VERSION);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, liaison_summary_source_to_string (self->source));
  json_builder_set_member_name (builder, "headline");
  json_builder_add_string_value (builder, self->headline);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text);

  json_builder_set_member_name (builder, "key_sentences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->key_sentences->len; i++)
    json_builder_add_int_value (builder, g_array_index (self->key_sentences, guint, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "action_items");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < self->action_items->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->action_items, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->mentions->len; i++)
    {
      Mention *mention = &g_array_index (self->mentions, Mention, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, liaison_mention_kind_to_string (mention->kind));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, mention->text);
      json_builder_set_member_name (builder, "sentence");
      json_builder_add_int_value (builder, mention->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->flags->len; i++)
    {
      Flag *flag = &g_array_index (self->flags, Flag, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phrase");
      json_builder_add_string_value (builder, flag->phrase);
      json_builder_set_member_name (builder, "sentence");
      json_builder_add_int_value (builder, flag->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  /* Translators: %s names the part of a stored summary that is wrong. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The stored summary is damaged (%s)."), what);
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, name);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonNode  *node,
         gint64     min,
         gint64    *out)
{
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < min || value > G_MAXINT)
    return FALSE;
  *out = value;
  return TRUE;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

LiaisonCallSummary *
liaison_call_summary_new_from_json (const char  *json,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LiaisonCallSummary) self = NULL;
  LiaisonSummarySource source;
  const char *text = NULL;
  JsonObject *object;
  JsonArray *array;
  static const char * const arrays[] = { "key_sentences", "action_items", "mentions", "flags" };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, "JSON");
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  if (!get_string (object, "source", &text, error))
    return NULL;
  if (!liaison_summary_source_from_string (text, &source))
    {
      invalid (error, "source");
      return NULL;
    }
  self = liaison_call_summary_new (source);

  if (!get_string (object, "headline", &text, error))
    return NULL;
  liaison_call_summary_set_headline (self, text);
  if (!get_string (object, "text", &text, error))
    return NULL;
  liaison_call_summary_set_text (self, text);

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    {
      JsonNode *node = json_object_get_member (object, arrays[a]);

      if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node) && !JSON_NODE_HOLDS_NULL (node))
        {
          invalid (error, arrays[a]);
          return NULL;
        }
    }

  array = get_array (object, "key_sentences");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      gint64 index;

      if (!get_int (json_array_get_element (array, i), 0, &index))
        {
          invalid (error, "key_sentences");
          return NULL;
        }
      liaison_call_summary_add_key_sentence (self, (guint) index);
    }

  array = get_array (object, "action_items");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          invalid (error, "action_items");
          return NULL;
        }
      liaison_call_summary_add_action_item (self, json_node_get_string (node));
    }

  array = get_array (object, "mentions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      const char *kind_text = NULL;
      const char *mention_text = NULL;
      LiaisonMentionKind kind;
      gint64 sentence = -1;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          invalid (error, "mentions");
          return NULL;
        }
      item = json_node_get_object (node);
      if (!get_string (item, "kind", &kind_text, error) || !get_string (item, "text", &mention_text, error))
        return NULL;
      if (!liaison_mention_kind_from_string (kind_text, &kind) || mention_text == NULL ||
          (json_object_has_member (item, "sentence") &&
           !get_int (json_object_get_member (item, "sentence"), -1, &sentence)))
        {
          invalid (error, "mentions");
          return NULL;
        }
      liaison_call_summary_add_mention (self, kind, mention_text, (gint) sentence);
    }

  array = get_array (object, "flags");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      const char *phrase = NULL;
      gint64 sentence = -1;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          invalid (error, "flags");
          return NULL;
        }
      item = json_node_get_object (node);
      if (!get_string (item, "phrase", &phrase, error))
        return NULL;
      if (phrase == NULL ||
          (json_object_has_member (item, "sentence") &&
           !get_int (json_object_get_member (item, "sentence"), -1, &sentence)))
        {
          invalid (error, "flags");
          return NULL;
        }
      liaison_call_summary_add_flag (self, phrase, (gint) sentence);
    }

  return g_steal_pointer (&self);
}
