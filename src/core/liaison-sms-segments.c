/* liaison-sms-segments.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-sms-segments.h"

#include <string.h>

/* GSM 03.38: the basic table (one septet each) and the characters of the
 * extension table reached through the escape (two septets each). */
static const char gsm7_basic[] =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
static const char gsm7_extension[] = "\f^{}\\[~]|€";

#define HEADER_BITS 48   /* the User Data Header of each part of a split message */

static gboolean
in_table (const char *table,
          gunichar    c)
{
  for (const char *p = table; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

gboolean
liaison_sms_char_is_gsm7 (gunichar c)
{
  return c != 0 && (in_table (gsm7_basic, c) || in_table (gsm7_extension, c));
}

static guint
unit_cost (gunichar c,
           gboolean gsm)
{
  if (gsm)
    return in_table (gsm7_extension, c) ? 2 : 1;
  return c > 0xFFFF ? 2 : 1;
}

/* The next character, U+FFFD for an invalid byte. */
static gunichar
next_char (const char **p)
{
  gunichar c = g_utf8_get_char_validated (*p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      (*p)++;
      return 0xFFFD;
    }
  *p = g_utf8_next_char (*p);
  return c;
}

void
liaison_sms_segments_count (const char         *body,
                            LiaisonSmsSegments *out)
{
  gboolean gsm = TRUE;
  guint single, multi;
  guint used = 0;

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  if (body == NULL)
    body = "";

  for (const char *p = body; *p != '\0' && gsm;)
    {
      const char *at = p;
      gunichar c = next_char (&p);

      if (!liaison_sms_char_is_gsm7 (c))
        {
          gsm = FALSE;
          out->first_ucs2_char = c;
          out->first_ucs2_offset = (gsize) (at - body);
        }
    }

  out->encoding = gsm ? LIAISON_SMS_ENCODING_GSM7 : LIAISON_SMS_ENCODING_UCS2;
  single = gsm ? 160 : 70;
  multi = gsm ? 153 : 67;

  for (const char *p = body; *p != '\0';)
    out->n_units += unit_cost (next_char (&p), gsm);

  if (out->n_units <= single)
    {
      out->n_segments = 1;
      out->units_left = single - out->n_units;
    }
  else
    {
      /* Fill parts of @multi units; a character never straddles two. */
      out->n_segments = 1;
      for (const char *p = body; *p != '\0';)
        {
          guint cost = unit_cost (next_char (&p), gsm);

          if (used + cost > multi)
            {
              out->n_segments++;
              used = 0;
            }
          used += cost;
        }
      out->units_left = multi - used;
    }

  out->message_bits = out->n_units * (gsm ? 7 : 16);
  out->total_bits = out->message_bits + (out->n_segments > 1 ? out->n_segments * HEADER_BITS : 0);
}

/* Look-alikes that word processors and phones put in, and what GSM-7 has. */
static const struct {
  gunichar    from;
  const char *to;
} lookalikes[] = {
  { 0x2018, "'" }, { 0x2019, "'" }, { 0x201A, "'" }, { 0x201B, "'" }, { 0x2032, "'" },
  { 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" }, { 0x201F, "\"" }, { 0x2033, "\"" },
  { 0x00AB, "\"" }, { 0x00BB, "\"" },
  { 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" }, { 0x2014, "-" },
  { 0x2015, "-" }, { 0x2212, "-" },
  { 0x2026, "..." },
  { 0x00A0, " " }, { 0x2002, " " }, { 0x2003, " " }, { 0x2009, " " }, { 0x200A, " " },
  { 0x202F, " " }, { 0x205F, " " }, { 0x3000, " " },
  { 0x200B, "" }, { 0x2060, "" }, { 0xFEFF, "" },
  { 0x2022, "-" }, { 0x00B7, "-" },
  { 0x2039, "<" }, { 0x203A, ">" },
  { 0xFF01, "!" }, { 0xFF1F, "?" },
};

char *
liaison_sms_replace_lookalikes (const char *body,
                                guint      *out_n_replaced)
{
  GString *out;
  guint n = 0;

  if (body == NULL)
    body = "";
  out = g_string_sized_new (strlen (body));

  for (const char *p = body; *p != '\0';)
    {
      gunichar c = next_char (&p);
      const char *replacement = NULL;

      for (gsize i = 0; i < G_N_ELEMENTS (lookalikes) && replacement == NULL; i++)
        if (lookalikes[i].from == c)
          replacement = lookalikes[i].to;

      if (replacement != NULL)
        {
          g_string_append (out, replacement);
          n++;
        }
      else
        g_string_append_unichar (out, c);
    }

  if (out_n_replaced != NULL)
    *out_n_replaced = n;
  return g_string_free (out, FALSE);
}
