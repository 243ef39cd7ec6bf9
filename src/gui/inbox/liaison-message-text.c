/* liaison-message-text.c: a message body that is measured once
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A wrapping GtkLabel lays its text out four or five times before it is
 * first drawn: unwrapped, at its minimum width, at its maximum width, at the
 * width it is given (for its height), then once more to draw. Shaping the
 * text (HarfBuzz) is most of what a conversation's frame costs when rows it
 * has never shown come into view. This widget holds the real label, which
 * draws, selects and opens links as any label does, but answers the size
 * questions itself from one layout of its own: the text laid out once at
 * the widest a bubble gets (50 characters), and again only for a bubble
 * narrower than that and than the text. The sizes are
 * those the label would ask for with width-chars 16 and max-width-chars 50,
 * except that a long text asks for the full 50 characters (the label would
 * ask for the width of its longest wrapped line).
 */

#define G_LOG_DOMAIN "liaison-message-text"

#include "config.h"

#include "liaison-message-text.h"

#include <pango/pangocairo.h>

/* As a label's width-chars and max-width-chars. */
#define MIN_CHARS 16
#define MAX_CHARS 50

struct _LiaisonMessageText
{
  GtkWidget    parent_instance;

  GtkLabel    *label;
  char        *text;

  /* Measuring: the text's layout, at the widest a bubble gets first, then
   * at the width last asked about. Dropped when the text or the font
   * changes. */
  PangoLayout *layout;
  PangoFontDescription *font;    /* the font and resolution it was made with */
  double       resolution;
  int          char_width;       /* Pango units */
  gboolean     fits;             /* one line a paragraph at the widest */
  int          text_width;       /* Pango units, when it fits */
  int          text_height;      /* pixels, when it fits */
  int          wrapped_for;      /* pixels: the width the layout has */
  int          wrapped_height;   /* pixels */
};

G_DEFINE_FINAL_TYPE (LiaisonMessageText, liaison_message_text, GTK_TYPE_WIDGET)

static void
forget_layout (LiaisonMessageText *self)
{
  g_clear_object (&self->layout);
}

/* The label's own font and settings, so the sizes are the ones it draws at. */
static void
ensure_layout (LiaisonMessageText *self)
{
  PangoContext *context;
  PangoFontMetrics *metrics;
  PangoRectangle logical;

  if (self->layout != NULL)
    return;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->label),
                                                 self->text != NULL ? self->text : "");
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);

  /* What a label counts a character as. */
  context = pango_layout_get_context (self->layout);
  metrics = pango_context_get_metrics (context, pango_context_get_font_description (context),
                                       pango_context_get_language (context));
  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                          pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);

  /* Laid out once, at the widest: a short text's width and height, or a
   * long one's height in the widest bubble (most bubbles of long texts). */
  self->wrapped_for = PANGO_PIXELS_CEIL (self->char_width * MAX_CHARS);
  pango_layout_set_width (self->layout, self->wrapped_for * PANGO_SCALE);
  pango_layout_get_extents (self->layout, NULL, &logical);
  pango_layout_get_pixel_size (self->layout, NULL, &self->wrapped_height);
  self->fits = !pango_layout_is_wrapped (self->layout);
  self->text_width = logical.width;
  self->text_height = self->wrapped_height;
}

static void
measure_width (LiaisonMessageText *self,
               int                *minimum,
               int                *natural)
{
  int smallest = self->char_width * MIN_CHARS;
  int widest = self->fits ? MAX (self->text_width, smallest) : G_MAXINT;

  if (widest > self->char_width * MAX_CHARS)
    widest = MAX (smallest, self->char_width * MAX_CHARS);

  *minimum = PANGO_PIXELS_CEIL (smallest);
  *natural = PANGO_PIXELS_CEIL (widest);
}

static int
height_for_width (LiaisonMessageText *self,
                  int                 width)
{
  /* As wide as the text or wider: one line per paragraph, as measured. */
  if (self->fits && (gint64) width * PANGO_SCALE >= self->text_width)
    return self->text_height;

  if (self->wrapped_for != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      pango_layout_get_pixel_size (self->layout, NULL, &self->wrapped_height);
      self->wrapped_for = width;
    }

  return self->wrapped_height;
}

static void
liaison_message_text_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  LiaisonMessageText *self = LIAISON_MESSAGE_TEXT (widget);

  ensure_layout (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_width (self, minimum, natural);
    }
  else
    {
      int width = for_size;

      if (width < 0)
        {
          int min_width;

          measure_width (self, &min_width, &width);
        }

      *minimum = *natural = height_for_width (self, width);
    }

  *minimum_baseline = -1;
  *natural_baseline = -1;
}

static GtkSizeRequestMode
liaison_message_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
liaison_message_text_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  LiaisonMessageText *self = LIAISON_MESSAGE_TEXT (widget);

  /* The label is not asked its size (that is the point): it lays its text
   * out once, at this width, when it draws. */
  gtk_widget_allocate (GTK_WIDGET (self->label), width, height, -1, NULL);
}

static void
liaison_message_text_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  LiaisonMessageText *self = LIAISON_MESSAGE_TEXT (widget);

  PangoContext *context;
  const PangoFontDescription *font;
  double resolution;

  GTK_WIDGET_CLASS (liaison_message_text_parent_class)->css_changed (widget, change);

  /* Only a new font or resolution changes the text's size: hovering, the
   * window losing focus and the like only change colours (the label, which
   * inherits the font, redraws by itself). */
  context = gtk_widget_get_pango_context (widget);
  font = pango_context_get_font_description (context);
  resolution = pango_cairo_context_get_resolution (context);
  if (self->font != NULL && font != NULL && pango_font_description_equal (font, self->font) &&
      resolution == self->resolution)
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  self->resolution = resolution;
  forget_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
liaison_message_text_dispose (GObject *object)
{
  LiaisonMessageText *self = LIAISON_MESSAGE_TEXT (object);

  if (self->label != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->label));
  self->label = NULL;
  forget_layout (self);

  G_OBJECT_CLASS (liaison_message_text_parent_class)->dispose (object);
}

static void
liaison_message_text_finalize (GObject *object)
{
  LiaisonMessageText *self = LIAISON_MESSAGE_TEXT (object);

  g_free (self->text);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (liaison_message_text_parent_class)->finalize (object);
}

static void
liaison_message_text_class_init (LiaisonMessageTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_message_text_dispose;
  object_class->finalize = liaison_message_text_finalize;

  widget_class->measure = liaison_message_text_measure;
  widget_class->get_request_mode = liaison_message_text_get_request_mode;
  widget_class->size_allocate = liaison_message_text_size_allocate;
  widget_class->css_changed = liaison_message_text_css_changed;
}

static void
liaison_message_text_init (LiaisonMessageText *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0.0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_label_set_width_chars (self->label, MIN_CHARS);
  gtk_label_set_max_width_chars (self->label, MAX_CHARS);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
}

GtkWidget *
liaison_message_text_new (void)
{
  return g_object_new (LIAISON_TYPE_MESSAGE_TEXT, NULL);
}

/* @text as it reads; @markup the same text as Pango markup (links as
 * <a href>, nothing that changes its size), or NULL for @text as it is. */
void
liaison_message_text_set_text (LiaisonMessageText *self,
                               const char         *text,
                               const char         *markup)
{
  g_return_if_fail (LIAISON_IS_MESSAGE_TEXT (self));

  if (markup != NULL)
    gtk_label_set_markup (self->label, markup);
  else
    gtk_label_set_text (self->label, text != NULL ? text : "");

  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  forget_layout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The label that draws the text (selection, links, accessibility). */
GtkLabel *
liaison_message_text_get_label (LiaisonMessageText *self)
{
  g_return_val_if_fail (LIAISON_IS_MESSAGE_TEXT (self), NULL);

  return self->label;
}
