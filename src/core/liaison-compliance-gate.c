/* liaison-compliance-gate.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-compliance-gate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-compliance-gate.h"
#include "liaison-phone.h"
#include "liaison-twilio-error.h"

/* How far ahead next_allowed is searched. Any sane window opens within a
 * week; two leave room for odd configurations. */
#define SEARCH_DAYS 15
#define MINUTES_PER_DAY (24 * 60)

struct _LiaisonComplianceGate
{
  GObject               parent_instance;

  LiaisonClock         *clock;
  guint                 start_minute;
  guint                 end_minute;
  gboolean              state_windows;
  LiaisonLexiconPolicy  lexicon_policy;
  GPtrArray            *extra_phrases;   /* of char*, as given */
};

G_DEFINE_FINAL_TYPE (LiaisonComplianceGate, liaison_compliance_gate, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* State quiet-hours laws (the header lists them). Minutes after midnight,
 * local time; [start, end). */

typedef enum {
  DAYS_ALL,            /* the same window every day */
  DAYS_WEEKDAY_WEEKEND,/* weekdays, and Saturday + Sunday */
  DAYS_SUNDAY,         /* Monday to Saturday, and Sunday */
} DaysRule;

typedef struct {
  const char *code;
  const char *name;    /* translated at use */
  DaysRule    rule;
  guint       start, end;             /* every day / weekdays / Monday to Saturday */
  guint       other_start, other_end; /* weekends / Sundays */
} StateWindow;

static const StateWindow state_windows[] = {
  { "CT", N_("Connecticut"), DAYS_ALL, 9 * 60, 20 * 60, 0, 0 },
  { "FL", N_("Florida"), DAYS_ALL, 8 * 60, 20 * 60, 0, 0 },
  { "MD", N_("Maryland"), DAYS_ALL, 8 * 60, 20 * 60, 0, 0 },
  { "MS", N_("Mississippi"), DAYS_ALL, 8 * 60, 20 * 60, 0, 0 },
  { "NJ", N_("New Jersey"), DAYS_ALL, 8 * 60, 20 * 60, 0, 0 },
  { "OK", N_("Oklahoma"), DAYS_ALL, 8 * 60, 20 * 60, 0, 0 },
  { "RI", N_("Rhode Island"), DAYS_WEEKDAY_WEEKEND, 9 * 60, 18 * 60, 10 * 60, 17 * 60 },
  { "TX", N_("Texas"), DAYS_SUNDAY, 9 * 60, 21 * 60, 12 * 60, 21 * 60 },
};

static const StateWindow *
find_state_window (const char *state)
{
  if (state == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (state_windows); i++)
    if (strcmp (state_windows[i].code, state) == 0)
      return &state_windows[i];
  return NULL;
}

/* @weekday is GDateWeekday (1 Monday … 7 Sunday). */
static gboolean
state_uses_other (const StateWindow *sw,
                  int                weekday)
{
  switch (sw->rule)
    {
    case DAYS_WEEKDAY_WEEKEND:
      return weekday >= G_DATE_SATURDAY;
    case DAYS_SUNDAY:
      return weekday == G_DATE_SUNDAY;
    case DAYS_ALL:
    default:
      return FALSE;
    }
}

static const char *
state_days_phrase (const StateWindow *sw,
                   int                weekday)
{
  switch (sw->rule)
    {
    case DAYS_WEEKDAY_WEEKEND:
      return state_uses_other (sw, weekday) ? _("on weekends") : _("on weekdays");
    case DAYS_SUNDAY:
      return state_uses_other (sw, weekday) ? _("on Sundays") : _("from Monday to Saturday");
    case DAYS_ALL:
    default:
      return NULL;
    }
}

typedef struct {
  guint    start;
  guint    end;
  gboolean by_state;   /* the state's law narrowed the configured window */
} Window;

/* The window on a day of @weekday: the configured hours, narrowed by the
 * state's law when state windows are enforced. */
static Window
window_for_day (LiaisonComplianceGate *self,
                const StateWindow     *sw,
                int                    weekday)
{
  Window window = { self->start_minute, self->end_minute, FALSE };

  if (sw != NULL && self->state_windows)
    {
      gboolean other = state_uses_other (sw, weekday);
      guint start = other ? sw->other_start : sw->start;
      guint end = other ? sw->other_end : sw->end;

      if (start > window.start)
        {
          window.start = start;
          window.by_state = TRUE;
        }
      if (end < window.end)
        {
          window.end = end;
          window.by_state = TRUE;
        }
    }
  return window;
}

/* ------------------------------------------------------------------------ */

typedef struct {
  GTimeZone *tz;
  char      *name;  /* IANA identifier */
} Zone;

static void
zone_clear (gpointer data)
{
  Zone *zone = data;

  g_clear_pointer (&zone->tz, g_time_zone_unref);
  g_clear_pointer (&zone->name, g_free);
}

static void
add_zone (GArray     *zones,
          const char *identifier)
{
  Zone zone;

  zone.tz = g_time_zone_new_identifier (identifier);
  if (zone.tz == NULL)
    return;
  zone.name = g_strdup (identifier);
  g_array_append_val (zones, zone);
}

/* Every zone the number may be in. When the number's zones are unknown:
 * for +1 numbers, the continental extremes (America/New_York and
 * America/Los_Angeles), so that the window holds coast to coast; for any
 * other number, the system's local zone (the advisor's). */
static GArray *
zones_for_number (LiaisonPhoneNumber *number)
{
  GArray *zones = g_array_new (FALSE, TRUE, sizeof (Zone));
  const char * const *names = liaison_phone_number_get_time_zones (number);

  g_array_set_clear_func (zones, zone_clear);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    add_zone (zones, names[i]);

  if (zones->len == 0 && g_str_has_prefix (liaison_phone_number_get_e164 (number), "+1"))
    {
      add_zone (zones, "America/New_York");
      add_zone (zones, "America/Los_Angeles");
    }
  if (zones->len == 0)
    {
      Zone zone;

      zone.tz = g_time_zone_new_local ();
      zone.name = g_strdup (g_time_zone_get_identifier (zone.tz));
      g_array_append_val (zones, zone);
    }
  return zones;
}

static GDateTime *
local_time (GTimeZone *tz,
            gint64     usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, tz);
}

/* µs of the wall-clock time @minute on the day @date in @tz. */
static gint64
usec_at (GTimeZone *tz,
         GDate     *date,
         guint      minute)
{
  g_autoptr(GDateTime) dt = NULL;

  if (minute >= MINUTES_PER_DAY)
    {
      GDate next = *date;

      g_date_add_days (&next, 1);
      return usec_at (tz, &next, minute - MINUTES_PER_DAY);
    }
  dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                        g_date_get_day (date), minute / 60, minute % 60, 0);
  if (dt == NULL)
    return -1;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* The earliest time ≥ @usec at which texts are allowed in @tz: @usec itself
 * when they are allowed at once; -1 when no window opens within SEARCH_DAYS. */
static gint64
next_allowed_in_zone (LiaisonComplianceGate *self,
                      GTimeZone             *tz,
                      const StateWindow     *sw,
                      gint64                 usec)
{
  g_autoptr(GDateTime) local = local_time (tz, usec);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));

  for (guint day = 0; day < SEARCH_DAYS; day++, g_date_add_days (&date, 1))
    {
      Window window = window_for_day (self, sw, g_date_get_weekday (&date));
      gint64 start, end;

      if (window.start >= window.end)
        continue;
      start = usec_at (tz, &date, window.start);
      end = usec_at (tz, &date, window.end);
      if (start < 0 || end < 0)
        continue;
      /* The allowed minute runs to its end: 20:59:59 is still 20:59. */
      if (usec < start)
        return start;
      if (usec < end)
        return usec;
    }
  return -1;
}

/* The earliest time ≥ @usec allowed in every zone, or 0 if none is found. */
static gint64
next_allowed_everywhere (LiaisonComplianceGate *self,
                         GArray                *zones,
                         const StateWindow     *sw,
                         gint64                 usec)
{
  gint64 t = usec;

  /* Each pass moves t to the earliest time one zone allows, which no
   * common time can precede; it stops when every zone allows t. */
  for (guint pass = 0; pass < 4 * SEARCH_DAYS * MAX (zones->len, 1); pass++)
    {
      gboolean moved = FALSE;

      for (guint i = 0; i < zones->len; i++)
        {
          gint64 next = next_allowed_in_zone (self, g_array_index (zones, Zone, i).tz, sw, t);

          if (next < 0 || next - usec > (gint64) SEARCH_DAYS * G_TIME_SPAN_DAY)
            return 0;
          if (next > t)
            {
              t = next;
              moved = TRUE;
            }
        }
      if (!moved)
        return t;
    }
  return 0;
}

static char *
format_minute (guint minute)
{
  return g_strdup_printf ("%u:%02u", minute / 60, minute % 60);
}

static char *
format_clock (GDateTime *dt)
{
  return g_strdup_printf ("%d:%02d", g_date_time_get_hour (dt), g_date_time_get_minute (dt));
}

/* "America/New_York" → "New York" */
static char *
zone_city (const char *identifier)
{
  const char *slash = strrchr (identifier, '/');
  char *city = g_strdup (slash != NULL ? slash + 1 : identifier);

  g_strdelimit (city, "_", ' ');
  return city;
}

static void
check_quiet_hours (LiaisonComplianceGate *self,
                   LiaisonGateDecision   *decision,
                   LiaisonPhoneNumber    *number,
                   const char            *who,
                   gint64                 send_at)
{
  g_autoptr(GArray) zones = zones_for_number (number);
  const StateWindow *sw = find_state_window (liaison_phone_number_get_us_state (number));
  const Zone *blocked = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *weekday_text = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *place = NULL;
  g_autofree char *text = NULL;
  GString *full;
  gint64 next;
  Window window;

  for (guint i = 0; i < zones->len && blocked == NULL; i++)
    {
      const Zone *zone = &g_array_index (zones, Zone, i);

      if (next_allowed_in_zone (self, zone->tz, sw, send_at) != send_at)
        blocked = zone;
    }
  if (blocked == NULL)
    return;

  next = next_allowed_everywhere (self, zones, sw, send_at);

  local = local_time (blocked->tz, send_at);
  window = window_for_day (self, sw, g_date_time_get_day_of_week (local));
  now_text = format_clock (local);
  weekday_text = g_date_time_format (local, "%A");
  start_text = format_minute (window.start);
  end_text = format_minute (window.end);
  if (liaison_phone_number_get_location (number) != NULL)
    place = g_strdup (liaison_phone_number_get_location (number));
  else
    place = zone_city (blocked->name);

  if (window.by_state && state_days_phrase (sw, g_date_time_get_day_of_week (local)) != NULL)
    /* Translators: "It is 21:40 on Sunday for Ann in Texas (America/Chicago);
     * Texas allows texts only from 12:00 to 21:00 on Sundays." */
    text = g_strdup_printf (_("It is %s on %s for %s in %s (%s); %s allows texts only from %s to %s %s."),
                            now_text, weekday_text, who, place, blocked->name,
                            _(sw->name), start_text, end_text,
                            state_days_phrase (sw, g_date_time_get_day_of_week (local)));
  else if (window.by_state)
    /* Translators: "It is 21:40 on Monday for Ann in Hartford, CT (America/New_York);
     * Connecticut allows texts only from 9:00 to 20:00." */
    text = g_strdup_printf (_("It is %s on %s for %s in %s (%s); %s allows texts only from %s to %s."),
                            now_text, weekday_text, who, place, blocked->name,
                            _(sw->name), start_text, end_text);
  else
    /* Translators: "It is 7:30 on Monday for Ann in Florida (America/Chicago);
     * texts are allowed from 8:00 to 21:00 in the recipient’s time." */
    text = g_strdup_printf (_("It is %s on %s for %s in %s (%s); texts are allowed from %s to %s in the recipient’s time."),
                            now_text, weekday_text, who, place, blocked->name,
                            start_text, end_text);

  full = g_string_new (text);
  if (next > 0)
    {
      g_autoptr(GDateTime) next_local = local_time (blocked->tz, next);
      g_autofree char *next_day = g_date_time_format (next_local, "%A");
      g_autofree char *next_clock = format_clock (next_local);

      g_string_append_c (full, ' ');
      /* Translators: "The earliest allowed time there is Tuesday 9:00." */
      g_string_append_printf (full, _("The earliest allowed time there is %s %s."),
                              next_day, next_clock);
    }
  else
    {
      g_string_append_c (full, ' ');
      g_string_append (full, _("No time in the next two weeks is allowed everywhere the recipient may be."));
    }

  _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_QUIET_HOURS,
                                     LIAISON_GATE_BLOCK, full->str, NULL);
  _liaison_gate_decision_set_next_allowed (decision, next);
  g_string_free (full, TRUE);
}

/* ------------------------------------------------------------------------ */
/* The lexicon. Text is compared in a normal form: accents removed, case
 * folded, apostrophes dropped, and every run of other non-alphanumeric
 * characters made one space; phrases match whole words only, so
 * "guaranteed" does not match "unguaranteed". */

static const char * const builtin_phrases[] = {
  "guarantee",
  "guaranteed",
  "guarantees",
  "risk-free",
  "no risk",
  "can't lose",
  "cannot lose",
  "sure thing",
};

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032;
}

static char *
normalize_words (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_new (" ");

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK || is_apostrophe (c))
        continue;
      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (!space)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static void
check_phrase (LiaisonGateDecision *decision,
              LiaisonGateVerdict   verdict,
              const char          *normalized_body,
              const char          *phrase,
              gboolean             builtin)
{
  g_autofree char *normalized = normalize_words (phrase);
  g_autofree char *text = NULL;

  /* " " alone: the phrase had no letters or digits. */
  if (normalized[0] == '\0' || normalized[1] == '\0')
    return;
  if (strstr (normalized_body, normalized) == NULL)
    return;

  for (guint i = 0; i < liaison_gate_decision_get_n_reasons (decision); i++)
    if (liaison_gate_decision_get_reason_kind (decision, i) == LIAISON_GATE_REASON_RISKY_PHRASE &&
        g_strcmp0 (liaison_gate_decision_get_reason_detail (decision, i), phrase) == 0)
      return;

  if (builtin)
    text = g_strdup_printf (_("The message says “%s”: promises of returns or of safety are not allowed in texts to clients."),
                            phrase);
  else
    text = g_strdup_printf (_("The message says “%s”, a phrase on your firm’s list."), phrase);
  _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_RISKY_PHRASE, verdict, text, phrase);
}

/* "123-45-6789" → "•••-••-6789"; other runs → "••••6789" */
static char *
mask_digits (const char *run,
             gsize       len)
{
  GString *out = g_string_new (NULL);
  guint digits_after = 0;

  for (gsize i = 0; i < len; i++)
    if (g_ascii_isdigit (run[i]))
      digits_after++;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (run[i]))
        {
          if (digits_after <= 4)
            g_string_append_c (out, run[i]);
          else
            g_string_append (out, "•");
          digits_after--;
        }
      else
        g_string_append_c (out, run[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_phone_number (const char *run,
                 gsize       len,
                 gboolean    plus)
{
  g_autofree char *text = g_strdup_printf ("%s%.*s", plus ? "+" : "", (int) len, run);
  g_autoptr(LiaisonPhoneNumber) number = liaison_phone_number_parse (text, "US", NULL);

  return number != NULL;
}

/* Social security numbers (ddd-dd-dddd, or with spaces) and account or card
 * numbers (9 or more digits, maybe grouped by spaces or dashes) that are not
 * phone numbers. The reason's detail is the text as it appears in the body. */
static void
check_numbers (LiaisonGateDecision *decision,
               LiaisonGateVerdict   verdict,
               const char          *body)
{
  gsize i = 0;

  while (body[i] != '\0')
    {
      gsize start, end;
      guint groups[8];
      guint n_groups = 0;
      guint n_digits = 0;
      gboolean ssn;
      g_autofree char *detail = NULL;
      g_autofree char *masked = NULL;
      g_autofree char *text = NULL;

      if (!g_ascii_isdigit (body[i]) || (i > 0 && g_ascii_isalnum (body[i - 1])))
        {
          i++;
          continue;
        }

      start = end = i;
      for (;;)
        {
          guint len = 0;

          while (g_ascii_isdigit (body[end]))
            {
              end++;
              len++;
            }
          if (n_groups < G_N_ELEMENTS (groups))
            groups[n_groups] = len;
          n_groups++;
          n_digits += len;
          if ((body[end] == ' ' || body[end] == '-') && g_ascii_isdigit (body[end + 1]))
            end++;
          else
            break;
        }
      i = end;

      /* Runs that start inside a word ("A123456789", a policy or tracking
       * reference) were skipped above: they are identifiers, not bare
       * account numbers. */
      ssn = n_groups == 3 && groups[0] == 3 && groups[1] == 2 && groups[2] == 4 &&
            body[start + 3] == body[start + 6];
      if (!ssn && n_digits < 9)
        continue;
      if (!ssn && is_phone_number (body + start, end - start, start > 0 && body[start - 1] == '+'))
        continue;

      detail = g_strndup (body + start, end - start);
      masked = mask_digits (body + start, end - start);
      if (ssn)
        text = g_strdup_printf (_("The message seems to contain a social security number (%s)."), masked);
      else
        text = g_strdup_printf (_("The message seems to contain an account or card number (%s)."), masked);
      _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_RISKY_PHRASE, verdict, text, detail);
    }
}

static void
check_lexicon (LiaisonComplianceGate *self,
               LiaisonGateDecision   *decision,
               const char            *body)
{
  LiaisonGateVerdict verdict;
  g_autofree char *normalized = NULL;

  switch (self->lexicon_policy)
    {
    case LIAISON_LEXICON_POLICY_WARN:
      verdict = LIAISON_GATE_WARN;
      break;
    case LIAISON_LEXICON_POLICY_BLOCK:
      verdict = LIAISON_GATE_BLOCK;
      break;
    case LIAISON_LEXICON_POLICY_OFF:
    default:
      return;
    }

  normalized = normalize_words (body);
  for (gsize i = 0; i < G_N_ELEMENTS (builtin_phrases); i++)
    check_phrase (decision, verdict, normalized, builtin_phrases[i], TRUE);
  for (guint i = 0; i < self->extra_phrases->len; i++)
    check_phrase (decision, verdict, normalized, g_ptr_array_index (self->extra_phrases, i), FALSE);
  check_numbers (decision, verdict, body);
}

/* ------------------------------------------------------------------------ */

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec <= 0)
    return g_strdup (_("an unknown date"));
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  /* Translators: a date as in "on 3 March 2026"; see g_date_time_format().
   * xgettext:no-c-format */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static char *
opted_out_text (const char *who,
                const char *source,
                gint64      at)
{
  g_autofree char *date = format_date (at);

  if (g_strcmp0 (source, "keyword") == 0)
    return g_strdup_printf (_("%s opted out by replying STOP (or another opt-out word) on %s."), who, date);
  if (g_strcmp0 (source, "manual") == 0)
    return g_strdup_printf (_("%s was marked as opted out by hand on %s."), who, date);
  if (g_strcmp0 (source, "twilio-error") == 0)
    return g_strdup_printf (_("%s has opted out: Twilio refused a text to them on %s (error 21610)."), who, date);
  if (g_strcmp0 (source, "import") == 0)
    return g_strdup_printf (_("%s was imported as opted out on %s."), who, date);
  return g_strdup_printf (_("%s opted out on %s."), who, date);
}

static char *
bad_number_text (const char *who,
                 int         code)
{
  const char *explanation = code != 0 ? liaison_twilio_error_explain (code) : NULL;

  if (explanation != NULL)
    return g_strdup_printf (_("Twilio said %s cannot take texts (error %d): %s"), who, code, explanation);
  if (code != 0)
    return g_strdup_printf (_("Twilio said %s cannot take texts (error %d)."), who, code);
  return g_strdup_printf (_("%s was marked as a number that cannot take texts."), who);
}

static gboolean
body_is_empty (const char *body)
{
  if (body == NULL)
    return TRUE;
  for (const char *p = body; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_FORMAT)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */

static void
liaison_compliance_gate_finalize (GObject *object)
{
  LiaisonComplianceGate *self = (LiaisonComplianceGate *) object;

  g_clear_object (&self->clock);
  g_clear_pointer (&self->extra_phrases, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_compliance_gate_parent_class)->finalize (object);
}

static void
liaison_compliance_gate_class_init (LiaisonComplianceGateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_compliance_gate_finalize;
}

static void
liaison_compliance_gate_init (LiaisonComplianceGate *self)
{
  self->start_minute = 8 * 60;
  self->end_minute = 21 * 60;
  self->state_windows = TRUE;
  self->lexicon_policy = LIAISON_LEXICON_POLICY_WARN;
  self->extra_phrases = g_ptr_array_new_with_free_func (g_free);
}

/* Not thread-safe: configure and check from one thread (or hold your own
 * lock). The gate keeps no other state, so checks are independent. */
LiaisonComplianceGate *
liaison_compliance_gate_new (LiaisonClock *clock)
{
  LiaisonComplianceGate *self = g_object_new (LIAISON_TYPE_COMPLIANCE_GATE, NULL);

  self->clock = clock != NULL ? g_object_ref (clock) : liaison_clock_new_system ();
  return self;
}

void
liaison_compliance_gate_set_quiet_hours (LiaisonComplianceGate *self,
                                         guint                  start_minute,
                                         guint                  end_minute)
{
  g_return_if_fail (LIAISON_IS_COMPLIANCE_GATE (self));
  g_return_if_fail (start_minute < end_minute);
  g_return_if_fail (end_minute <= MINUTES_PER_DAY);

  self->start_minute = start_minute;
  self->end_minute = end_minute;
}

static gboolean
parse_minute (const char *text,
              guint      *out)
{
  guint64 hours, minutes;
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  hours = g_ascii_strtoull (text, &end, 10);
  if (end == text || end - text > 2 || *end != ':')
    return FALSE;
  text = end + 1;
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != '\0')
    return FALSE;
  minutes = (guint64) ((text[0] - '0') * 10 + (text[1] - '0'));
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return FALSE;
  *out = (guint) (hours * 60 + minutes);
  return TRUE;
}

gboolean
liaison_compliance_gate_set_quiet_hours_text (LiaisonComplianceGate *self,
                                              const char            *start,
                                              const char            *end)
{
  guint start_minute, end_minute;

  g_return_val_if_fail (LIAISON_IS_COMPLIANCE_GATE (self), FALSE);

  if (!parse_minute (start, &start_minute) || !parse_minute (end, &end_minute))
    return FALSE;
  if (start_minute >= end_minute)
    return FALSE;

  self->start_minute = start_minute;
  self->end_minute = end_minute;
  return TRUE;
}

void
liaison_compliance_gate_set_state_windows (LiaisonComplianceGate *self,
                                           gboolean               enforce)
{
  g_return_if_fail (LIAISON_IS_COMPLIANCE_GATE (self));

  self->state_windows = !!enforce;
}

void
liaison_compliance_gate_set_lexicon_policy (LiaisonComplianceGate *self,
                                            LiaisonLexiconPolicy   policy)
{
  g_return_if_fail (LIAISON_IS_COMPLIANCE_GATE (self));

  self->lexicon_policy = policy;
}

void
liaison_compliance_gate_set_extra_phrases (LiaisonComplianceGate *self,
                                           const char * const    *phrases)
{
  g_return_if_fail (LIAISON_IS_COMPLIANCE_GATE (self));

  g_ptr_array_set_size (self->extra_phrases, 0);
  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (phrases[i]));

      if (*stripped != '\0' && g_utf8_validate (stripped, -1, NULL))
        g_ptr_array_add (self->extra_phrases, g_steal_pointer (&stripped));
    }
}

LiaisonClock *
liaison_compliance_gate_get_clock (LiaisonComplianceGate *self)
{
  g_return_val_if_fail (LIAISON_IS_COMPLIANCE_GATE (self), NULL);

  return self->clock;
}

LiaisonGateDecision *
liaison_compliance_gate_check (LiaisonComplianceGate    *self,
                               const LiaisonGateRequest *request)
{
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(LiaisonPhoneNumber) number = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  gint64 send_at;

  g_return_val_if_fail (LIAISON_IS_COMPLIANCE_GATE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  decision = _liaison_gate_decision_new ();
  send_at = request->send_at != 0 ? request->send_at : liaison_clock_get_now_usec (self->clock);

  if (request->to != NULL)
    number = liaison_phone_number_parse (request->to, "US", &error);

  if (request->recipient_name != NULL && *request->recipient_name != '\0')
    who = g_strdup (request->recipient_name);
  else if (number != NULL)
    who = liaison_phone_format_for_display (liaison_phone_number_get_e164 (number), NULL);
  else if (request->to != NULL && *request->to != '\0')
    who = g_strdup (request->to);
  else
    who = g_strdup (_("The recipient"));

  if (request->opted_out)
    {
      g_autofree char *text = opted_out_text (who, request->opt_out_source, request->opted_out_at);

      _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_OPTED_OUT,
                                         LIAISON_GATE_BLOCK, text, NULL);
    }

  if (number == NULL)
    {
      g_autofree char *text = NULL;

      if (request->to == NULL || *request->to == '\0')
        text = g_strdup (_("There is no phone number to send to."));
      else
        /* Translators: the first %s is the number as typed, the second why it is not valid. */
        text = g_strdup_printf (_("“%s” is not a valid phone number: %s"), request->to,
                                error != NULL ? error->message : "");
      _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_INVALID_NUMBER,
                                         LIAISON_GATE_BLOCK, text, NULL);
    }

  if (request->flagged_bad)
    {
      g_autofree char *text = bad_number_text (who, request->bad_error_code);

      _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_BAD_NUMBER,
                                         LIAISON_GATE_BLOCK, text, NULL);
    }

  if (body_is_empty (request->body))
    _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_EMPTY, LIAISON_GATE_BLOCK,
                                       _("The message is empty."), NULL);

  if (number != NULL)
    {
      LiaisonPhoneLineType line_type = LIAISON_PHONE_LINE_UNKNOWN;
      gboolean from_lookup = FALSE;

      check_quiet_hours (self, decision, number, who, send_at);

      if (request->line_type != NULL)
        {
          line_type = liaison_phone_line_type_from_string (request->line_type);
          from_lookup = line_type != LIAISON_PHONE_LINE_UNKNOWN;
        }
      if (!from_lookup)
        line_type = liaison_phone_number_get_line_type (number);

      if (line_type == LIAISON_PHONE_LINE_FIXED)
        {
          g_autofree char *text = NULL;

          if (from_lookup)
            text = g_strdup_printf (_("Twilio Lookup says %s is a landline, which usually cannot receive texts."), who);
          else
            text = g_strdup_printf (_("%s is a landline number, which usually cannot receive texts."), who);
          _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_LANDLINE,
                                             LIAISON_GATE_WARN, text, NULL);
        }
    }

  if (request->body != NULL)
    check_lexicon (self, decision, request->body);

  return g_steal_pointer (&decision);
}
