/* liaison-sim-twiml.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-voice-private.h"

#include <string.h>

/* TwiML documents (TWILIO.md §3.6) read with GMarkup into a small tree. The
 * document comes from a webhook, so anything malformed is an error (12100),
 * never a crash: depth and size are bounded. */

#define TWIML_MAX_DEPTH  8
#define TWIML_MAX_NODES  2000

typedef struct {
  GPtrArray *stack;   /* SimTwiml, borrowed; the root at 0 */
  SimTwiml  *root;
  guint      n_nodes;
} ParseState;

void
sim_twiml_free (SimTwiml *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_strfreev (node->attr_names);
  g_strfreev (node->attr_values);
  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  SimTwiml *node;

  if (state->stack->len >= TWIML_MAX_DEPTH || ++state->n_nodes > TWIML_MAX_NODES)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "The document is too deep or too large");
      return;
    }
  if (state->stack->len == 0 && state->root != NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "A document has a single <Response>");
      return;
    }
  if (state->stack->len == 0 && !g_str_equal (element_name, "Response"))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "The root element must be <Response>, not <%s>", element_name);
      return;
    }

  node = g_new0 (SimTwiml, 1);
  node->name = g_strdup (element_name);
  node->attr_names = g_strdupv ((char **) attribute_names);
  node->attr_values = g_strdupv ((char **) attribute_values);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_twiml_free);

  if (state->stack->len == 0)
    state->root = node;
  else
    g_ptr_array_add (((SimTwiml *) g_ptr_array_index (state->stack, state->stack->len - 1))->children, node);
  g_ptr_array_add (state->stack, node);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  SimTwiml *node;

  if (state->stack->len == 0)
    return;
  node = g_ptr_array_index (state->stack, state->stack->len - 1);
  if (node->text != NULL)
    g_strstrip (node->text);
  g_ptr_array_remove_index (state->stack, state->stack->len - 1);
}

static void
text (GMarkupParseContext  *context,
      const char           *text_value,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;
  SimTwiml *node;
  char *joined;

  if (state->stack->len == 0)
    return;
  node = g_ptr_array_index (state->stack, state->stack->len - 1);
  joined = g_strdup_printf ("%s%.*s", node->text != NULL ? node->text : "", (int) text_len, text_value);
  g_free (node->text);
  node->text = joined;
}

static const GMarkupParser twiml_parser = {
  .start_element = start_element,
  .end_element = end_element,
  .text = text,
};

SimTwiml *
sim_twiml_parse (const char  *data,
                 gsize        len,
                 GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  ParseState state = { stack, NULL, 0 };

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "The document is empty");
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_BAD_UTF8, "The document is not UTF-8 text");
      return NULL;
    }

  context = g_markup_parse_context_new (&twiml_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, len, error)
      || !g_markup_parse_context_end_parse (context, error))
    {
      sim_twiml_free (state.root);
      return NULL;
    }
  if (state.root == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "The document has no <Response>");
      return NULL;
    }

  return state.root;
}

const char *
sim_twiml_get (SimTwiml   *node,
               const char *name)
{
  for (guint i = 0; node->attr_names != NULL && node->attr_names[i] != NULL; i++)
    if (g_str_equal (node->attr_names[i], name))
      return node->attr_values[i];
  return NULL;
}

gint64
sim_twiml_get_int (SimTwiml   *node,
                   const char *name,
                   gint64      min,
                   gint64      max,
                   gint64      fallback)
{
  const char *value = sim_twiml_get (node, name);
  char *end = NULL;
  gint64 number;

  if (value == NULL || *value == '\0')
    return fallback;
  number = g_ascii_strtoll (value, &end, 10);
  if (*end != '\0')
    return fallback;
  return CLAMP (number, min, max);
}

gboolean
sim_twiml_get_bool (SimTwiml   *node,
                    const char *name,
                    gboolean    fallback)
{
  const char *value = sim_twiml_get (node, name);

  if (value == NULL)
    return fallback;
  if (g_ascii_strcasecmp (value, "true") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (value, "false") == 0)
    return FALSE;
  return fallback;
}
