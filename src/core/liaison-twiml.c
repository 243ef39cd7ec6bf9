/* liaison-twiml.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twiml"

#include "config.h"

#include "liaison-twiml.h"

#include <stdarg.h>
#include <string.h>

/* The voice TwiML vocabulary Liaison uses, from TWILIO.md §3.6: where each
 * element may stand, its attributes, and whether it holds text. */
typedef struct {
  const char *name;
  const char *parents;      /* space separated */
  const char *attributes;   /* space separated */
  gboolean    text;
} Element;

static const Element elements[] = {
  { "Response", "", "", FALSE },
  { "Say", "Response Gather", "voice language loop", TRUE },
  { "Play", "Response Gather", "loop digits", TRUE },
  { "Pause", "Response Gather", "length", FALSE },
  { "Dial", "Response",
    "action method timeout timeLimit callerId record recordingStatusCallback "
    "recordingStatusCallbackMethod recordingStatusCallbackEvent recordingTrack trim "
    "answerOnBridge hangupOnStar ringTone sequential referUrl referMethod events", TRUE },
  { "Number", "Dial",
    "sendDigits url method statusCallbackEvent statusCallback statusCallbackMethod byoc "
    "machineDetection amdStatusCallback amdStatusCallbackMethod", TRUE },
  { "Client", "Dial", "url method statusCallbackEvent statusCallback statusCallbackMethod", TRUE },
  { "Conference", "Dial",
    "muted beep startConferenceOnEnter endConferenceOnExit waitUrl waitMethod maxParticipants "
    "record region trim coach participantLabel jitterBufferSize statusCallback "
    "statusCallbackMethod statusCallbackEvent recordingStatusCallback "
    "recordingStatusCallbackMethod recordingStatusCallbackEvent eventCallbackUrl", TRUE },
  { "Queue", "Dial", "url method reservationSid postWorkActivitySid", TRUE },
  { "Enqueue", "Response", "action method waitUrl waitUrlMethod workflowSid maxQueueSize", TRUE },
  { "Leave", "Response", "", FALSE },
  { "Record", "Response",
    "action method timeout finishOnKey maxLength playBeep trim transcribe transcribeCallback "
    "recordingStatusCallback recordingStatusCallbackMethod recordingStatusCallbackEvent", FALSE },
  { "Gather", "Response",
    "input numDigits finishOnKey timeout action method actionOnEmptyResult speechTimeout "
    "speechModel language hints bargeIn profanityFilter enhanced partialResultCallback "
    "partialResultCallbackMethod maxSpeechTime debug", FALSE },
  { "Redirect", "Response", "method", TRUE },
  { "Hangup", "Response", "", FALSE },
  { "Reject", "Response", "reason", FALSE },
  { "Start", "Response", "action method", FALSE },
  { "Recording", "Start",
    "recordingStatusCallback recordingStatusCallbackMethod recordingStatusCallbackEvent trim "
    "track channels", FALSE },
};

static const Element *
find_element (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (elements); i++)
    if (g_str_equal (elements[i].name, name))
      return &elements[i];
  return NULL;
}

static gboolean
word_in (const char *word,
         const char *words)
{
  gsize len = strlen (word);
  const char *p = words;

  while ((p = strstr (p, word)) != NULL)
    {
      if ((p == words || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
        return TRUE;
      p += len;
    }
  return FALSE;
}

struct _LiaisonTwiml
{
  GString   *out;
  GPtrArray *open;      /* const Element *, innermost last */
  gboolean   pending;   /* the innermost start tag still lacks its '>' */
};

/* Ends a start tag once the element gets content. */
static void
flush_start (LiaisonTwiml *self)
{
  if (self->pending)
    g_string_append_c (self->out, '>');
  self->pending = FALSE;
}

LiaisonTwiml *
liaison_twiml_new (void)
{
  LiaisonTwiml *self = g_new0 (LiaisonTwiml, 1);

  self->out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
  self->open = g_ptr_array_new ();
  g_ptr_array_add (self->open, (gpointer) find_element ("Response"));

  return self;
}

void
liaison_twiml_free (LiaisonTwiml *self)
{
  if (self == NULL)
    return;

  g_string_free (self->out, TRUE);
  g_ptr_array_unref (self->open);
  g_free (self);
}

static void
open_valist (LiaisonTwiml *self,
             const char   *name,
             va_list       args)
{
  const Element *element = find_element (name);
  const Element *parent = g_ptr_array_index (self->open, self->open->len - 1);
  const char *attribute;

  g_return_if_fail (element != NULL);
  g_return_if_fail (word_in (parent->name, element->parents));

  flush_start (self);
  g_string_append_printf (self->out, "<%s", name);
  while ((attribute = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = NULL;

      if (!word_in (attribute, element->attributes))
        {
          g_critical ("<%s> has no attribute %s", name, attribute);
          continue;
        }
      if (value == NULL)
        continue;
      escaped = g_markup_escape_text (value, -1);
      g_string_append_printf (self->out, " %s=\"%s\"", attribute, escaped);
    }
  self->pending = TRUE;
  g_ptr_array_add (self->open, (gpointer) element);
}

void
liaison_twiml_open (LiaisonTwiml *self,
                    const char   *element,
                    ...)
{
  va_list args;

  va_start (args, element);
  open_valist (self, element, args);
  va_end (args);
}

void
liaison_twiml_text (LiaisonTwiml *self,
                    const char   *text)
{
  const Element *current = g_ptr_array_index (self->open, self->open->len - 1);
  g_autofree char *escaped = NULL;

  g_return_if_fail (current->text);

  if (text == NULL || *text == '\0')
    return;
  flush_start (self);
  escaped = g_markup_escape_text (text, -1);
  g_string_append (self->out, escaped);
}

void
liaison_twiml_close (LiaisonTwiml *self)
{
  const Element *current;

  g_return_if_fail (self->open->len > 1);

  current = g_ptr_array_steal_index (self->open, self->open->len - 1);
  if (self->pending)
    g_string_append (self->out, "/>");
  else
    g_string_append_printf (self->out, "</%s>", current->name);
  self->pending = FALSE;
}

void
liaison_twiml_add (LiaisonTwiml *self,
                   const char   *element,
                   const char   *text,
                   ...)
{
  va_list args;

  va_start (args, text);
  open_valist (self, element, args);
  va_end (args);
  if (text != NULL)
    liaison_twiml_text (self, text);
  liaison_twiml_close (self);
}

char *
liaison_twiml_finish (LiaisonTwiml *self)
{
  while (self->open->len > 1)
    liaison_twiml_close (self);
  if (g_str_has_suffix (self->out->str, "<Response>"))
    {
      g_string_truncate (self->out, self->out->len - 1);
      g_string_append (self->out, "/>");
    }
  else
    g_string_append (self->out, "</Response>");
  return g_strdup (self->out->str);
}

/* Validation */

typedef struct {
  GPtrArray *stack;   /* const Element * */
  gboolean   seen_root;
} Check;

static void
check_start (GMarkupParseContext  *context,
             const char           *name,
             const char          **attribute_names,
             const char          **attribute_values,
             gpointer              user_data,
             GError              **error)
{
  Check *check = user_data;
  const Element *element = find_element (name);
  const Element *parent = check->stack->len > 0 ? g_ptr_array_index (check->stack, check->stack->len - 1) : NULL;

  if (element == NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "<%s> is not TwiML", name);
      return;
    }
  if (parent == NULL && (check->seen_root || !g_str_equal (name, "Response")))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "The document must be one <Response>, not <%s>", name);
      return;
    }
  if (parent != NULL && !word_in (parent->name, element->parents))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "<%s> cannot be inside <%s>",
                   name, parent->name);
      return;
    }
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (!word_in (attribute_names[i], element->attributes))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ATTRIBUTE,
                       "<%s> has no attribute %s", name, attribute_names[i]);
          return;
        }
    }
  check->seen_root = TRUE;
  g_ptr_array_add (check->stack, (gpointer) element);
}

static void
check_end (GMarkupParseContext  *context,
           const char           *name,
           gpointer              user_data,
           GError              **error)
{
  Check *check = user_data;

  g_ptr_array_set_size (check->stack, check->stack->len - 1);
}

static void
check_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 len,
            gpointer              user_data,
            GError              **error)
{
  Check *check = user_data;
  const Element *current = check->stack->len > 0 ? g_ptr_array_index (check->stack, check->stack->len - 1) : NULL;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (text[i]) && (current == NULL || !current->text))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "<%s> holds no text",
                       current != NULL ? current->name : "(document)");
          return;
        }
    }
}

gboolean
liaison_twiml_validate (const char  *document,
                        GError     **error)
{
  static const GMarkupParser parser = { check_start, check_end, check_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  Check check = { stack, FALSE };

  g_return_val_if_fail (document != NULL, FALSE);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &check, NULL);
  if (!g_markup_parse_context_parse (context, document, -1, error)
      || !g_markup_parse_context_end_parse (context, error))
    return FALSE;
  if (!check.seen_root)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "No <Response>");
      return FALSE;
    }
  return TRUE;
}
