/* liaison-recording-consent.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-recording-consent.h"

#include <stdlib.h>
#include <string.h>

/* Area codes (NANPA assignments) of the states where every party must
 * consent to a recording, and of the two where it is disputed. */
static const struct {
  const char *state;
  gboolean    disputed;
  const char *area_codes;
} consent_states[] = {
  { "CA", FALSE, "209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 "
                 "657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951" },
  { "CT", FALSE, "203 475 860 959" },
  { "FL", FALSE, "239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 "
                 "904 941 954" },
  { "IL", FALSE, "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872" },
  { "MD", FALSE, "227 240 301 410 443 667" },
  { "MA", FALSE, "339 351 413 508 617 774 781 857 978" },
  { "MT", FALSE, "406" },
  { "NV", FALSE, "702 725 775" },
  { "NH", FALSE, "603" },
  { "PA", FALSE, "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878" },
  { "WA", FALSE, "206 253 360 425 509 564" },
  { "DE", TRUE, "302" },
  { "MI", TRUE, "231 248 269 313 517 586 616 679 734 810 906 947 989" },
};

/* The three digits after +1, or FALSE. */
static gboolean
nanp_area_code (const char *e164,
                char        out[4])
{
  if (e164 == NULL || strlen (e164) != 12 || !g_str_has_prefix (e164, "+1"))
    return FALSE;
  for (guint i = 2; i < 12; i++)
    if (!g_ascii_isdigit (e164[i]))
      return FALSE;
  memcpy (out, e164 + 2, 3);
  out[3] = '\0';
  return TRUE;
}

static gboolean
word_in (const char *word,
         const char *words)
{
  const char *p = strstr (words, word);

  while (p != NULL)
    {
      if ((p == words || p[-1] == ' ') && (p[3] == ' ' || p[3] == '\0'))
        return TRUE;
      p = strstr (p + 1, word);
    }
  return FALSE;
}

const char *
liaison_recording_consent_state (const char *e164)
{
  char area[4];

  if (!nanp_area_code (e164, area))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (consent_states); i++)
    if (word_in (area, consent_states[i].area_codes))
      return consent_states[i].state;
  return NULL;
}

gboolean
liaison_recording_consent_announce (const char         *e164,
                                    LiaisonConsentMode  mode)
{
  char area[4];

  if (mode == LIAISON_CONSENT_ALWAYS || !nanp_area_code (e164, area))
    return TRUE;

  for (gsize i = 0; i < G_N_ELEMENTS (consent_states); i++)
    {
      if (word_in (area, consent_states[i].area_codes))
        return !consent_states[i].disputed || mode == LIAISON_CONSENT_WITH_DISPUTED;
    }
  return FALSE;
}

static const char * const mode_names[] = { "states", "states-and-disputed", "always" };

gboolean
liaison_consent_mode_from_string (const char         *text,
                                  LiaisonConsentMode *out_mode)
{
  for (gsize i = 0; i < G_N_ELEMENTS (mode_names); i++)
    {
      if (g_strcmp0 (text, mode_names[i]) == 0)
        {
          *out_mode = (LiaisonConsentMode) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
liaison_consent_mode_to_string (LiaisonConsentMode mode)
{
  g_return_val_if_fail ((gsize) mode < G_N_ELEMENTS (mode_names), NULL);

  return mode_names[mode];
}
