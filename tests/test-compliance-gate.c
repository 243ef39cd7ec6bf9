/* test-compliance-gate.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "liaison-compliance-gate.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-error.h"

#define NY "+12125550100"       /* New York, NY: America/New_York, no state law */
#define SF "+14155550100"       /* San Francisco, CA: America/Los_Angeles */
#define CT "+12035550123"
#define FL "+13055550100"       /* America/New_York and America/Chicago */
#define RI "+14015550100"
#define TX "+15125550100"       /* America/Chicago and America/Denver */
#define UK_FIXED "+442079460958"

/* µs since the epoch of a wall-clock time in @zone. */
static gint64
at (const char *zone,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return at ("UTC", year, month, day, hour, minute);
}

static LiaisonComplianceGate *
new_gate (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (utc (2026, 6, 10, 16, 0));

  return liaison_compliance_gate_new (clock);
}

static LiaisonGateDecision *
check_at (LiaisonComplianceGate *gate,
          const char            *to,
          gint64                 send_at)
{
  LiaisonGateRequest request = { 0 };

  request.to = to;
  request.body = "Hello, see you Tuesday.";
  request.send_at = send_at;
  return liaison_compliance_gate_check (gate, &request);
}

static void
dump (LiaisonGateDecision *decision)
{
  g_autofree char *text = liaison_gate_decision_to_string (decision);

  g_test_message ("verdict %d, %u reasons: %s", liaison_gate_decision_get_verdict (decision),
                  liaison_gate_decision_get_n_reasons (decision), text);
}

static void
assert_allowed (LiaisonComplianceGate *gate,
                const char            *to,
                gint64                 send_at)
{
  g_autoptr(LiaisonGateDecision) decision = check_at (gate, to, send_at);

  dump (decision);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 0);
  g_assert_cmpint (liaison_gate_decision_get_next_allowed (decision), ==, 0);
}

/* Asserts a quiet-hours block whose next allowed time is @next, that the send
 * is allowed at @next and still blocked one second before. Returns the text. */
static char *
assert_quiet (LiaisonComplianceGate *gate,
              const char            *to,
              gint64                 send_at,
              gint64                 next)
{
  g_autoptr(LiaisonGateDecision) decision = check_at (gate, to, send_at);
  g_autoptr(LiaisonGateDecision) before = NULL;
  char *text;

  dump (decision);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
  g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, 0), ==, LIAISON_GATE_REASON_QUIET_HOURS);
  g_assert_cmpint (liaison_gate_decision_get_reason_verdict (decision, 0), ==, LIAISON_GATE_BLOCK);
  g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_QUIET_HOURS));
  g_assert_null (liaison_gate_decision_get_reason_detail (decision, 0));
  g_assert_cmpint (liaison_gate_decision_get_next_allowed (decision), ==, next);

  assert_allowed (gate, to, next);
  if (next - G_USEC_PER_SEC >= send_at)
    {
      before = check_at (gate, to, next - G_USEC_PER_SEC);
      g_assert_true (liaison_gate_decision_has_reason (before, LIAISON_GATE_REASON_QUIET_HOURS));
    }

  text = g_strdup (liaison_gate_decision_get_reason_text (decision, 0));
  g_assert_nonnull (text);
  return text;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_federal_window (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;

  /* Wednesday 10 June 2026, New York (no state law there). */
  early = assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 7, 59),
                        at ("America/New_York", 2026, 6, 10, 8, 0));
  assert_contains (early, "7:59");
  assert_contains (early, "America/New_York");
  assert_contains (early, "8:00");
  assert_contains (early, "21:00");
  assert_contains (early, "(212) 555-0100");

  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 8, 0));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 12, 0));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 20, 59));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 20, 59) + 59 * G_USEC_PER_SEC);

  late = assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 21, 0),
                       at ("America/New_York", 2026, 6, 11, 8, 0));
  assert_contains (late, "21:00");
  g_free (assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 23, 45),
                        at ("America/New_York", 2026, 6, 11, 8, 0)));
  g_free (assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 11, 0, 30),
                        at ("America/New_York", 2026, 6, 11, 8, 0)));
}

/* send_at 0 is the gate's clock. */
static void
test_clock (void)
{
  g_autoptr(LiaisonClock) clock = liaison_clock_new_fake (at ("America/New_York", 2026, 6, 10, 7, 0));
  g_autoptr(LiaisonComplianceGate) gate = liaison_compliance_gate_new (clock);
  g_autoptr(LiaisonGateDecision) early = NULL;
  g_autoptr(LiaisonGateDecision) later = NULL;

  g_assert_true (liaison_compliance_gate_get_clock (gate) == clock);

  early = check_at (gate, NY, 0);
  g_assert_cmpint (liaison_gate_decision_get_verdict (early), ==, LIAISON_GATE_BLOCK);
  g_assert_cmpint (liaison_gate_decision_get_next_allowed (early), ==,
                   at ("America/New_York", 2026, 6, 10, 8, 0));

  liaison_clock_advance (clock, G_TIME_SPAN_HOUR);
  later = check_at (gate, NY, 0);
  g_assert_cmpint (liaison_gate_decision_get_verdict (later), ==, LIAISON_GATE_ALLOW);
}

static void
test_recipient_zone (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autofree char *pacific = NULL;
  g_autofree char *eastern = NULL;

  /* 9:00 in San Francisco is noon in New York: allowed. */
  assert_allowed (gate, SF, at ("America/Los_Angeles", 2026, 6, 10, 9, 0));
  /* 7:00 in San Francisco is 10:00 in New York: blocked until 8:00 Pacific. */
  pacific = assert_quiet (gate, SF, at ("America/Los_Angeles", 2026, 6, 10, 7, 0),
                          at ("America/Los_Angeles", 2026, 6, 10, 8, 0));
  assert_contains (pacific, "America/Los_Angeles");
  assert_contains (pacific, "San Francisco");
  assert_contains (pacific, "7:00");

  /* And the other way round: 18:30 in San Francisco is 21:30 in New York. */
  assert_allowed (gate, SF, at ("America/New_York", 2026, 6, 10, 21, 30));
  eastern = assert_quiet (gate, NY, at ("America/Los_Angeles", 2026, 6, 10, 18, 30),
                          at ("America/New_York", 2026, 6, 11, 8, 0));
  assert_contains (eastern, "21:30");
}

static void
test_dst (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();

  /* Spring forward, Sunday 8 March 2026: 8:00 EDT is 12:00 UTC (not 13:00). */
  g_free (assert_quiet (gate, NY, utc (2026, 3, 8, 6, 30), utc (2026, 3, 8, 12, 0)));
  /* Saturday 21:30 EST, before the change. */
  g_free (assert_quiet (gate, NY, utc (2026, 3, 8, 2, 30), utc (2026, 3, 8, 12, 0)));
  /* The evening after: 21:00 EDT is 01:00 UTC. */
  assert_allowed (gate, NY, utc (2026, 3, 9, 0, 59));
  g_free (assert_quiet (gate, NY, utc (2026, 3, 9, 1, 0), utc (2026, 3, 9, 12, 0)));

  /* Fall back, Sunday 1 November 2026: 8:00 EST is 13:00 UTC. */
  g_free (assert_quiet (gate, NY, utc (2026, 11, 1, 5, 30), utc (2026, 11, 1, 13, 0)));
  /* 1:30 happens twice; the second one (EST) too. */
  g_free (assert_quiet (gate, NY, utc (2026, 11, 1, 6, 30), utc (2026, 11, 1, 13, 0)));
  /* Saturday 22:00 EDT, before the change. */
  g_free (assert_quiet (gate, NY, utc (2026, 11, 1, 2, 0), utc (2026, 11, 1, 13, 0)));
  /* Saturday 20:59 EDT is still allowed; 21:00 EST on Sunday is 02:00 UTC. */
  assert_allowed (gate, NY, utc (2026, 11, 1, 0, 59));
  assert_allowed (gate, NY, utc (2026, 11, 2, 1, 59));
  g_free (assert_quiet (gate, NY, utc (2026, 11, 2, 2, 0), utc (2026, 11, 2, 13, 0)));
}

static void
test_state_windows (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autofree char *ct = NULL;
  g_autofree char *ri = NULL;
  g_autofree char *tx = NULL;
  static const char * const eight_to_eight[] = {
    "+14105550100", /* Maryland */
    "+16015550100", /* Mississippi */
    "+12015550100", /* New Jersey */
    "+14055550100", /* Oklahoma */
  };
  static const char * const zones[] = {
    "America/New_York", "America/Chicago", "America/New_York", "America/Chicago",
  };
  static const char * const names[] = { "Maryland", "Mississippi", "New Jersey", "Oklahoma" };

  /* Connecticut, 9:00–20:00 (Wednesday 10 June 2026). */
  ct = assert_quiet (gate, CT, at ("America/New_York", 2026, 6, 10, 8, 30),
                     at ("America/New_York", 2026, 6, 10, 9, 0));
  assert_contains (ct, "Connecticut");
  assert_contains (ct, "9:00");
  assert_contains (ct, "20:00");
  assert_contains (ct, "8:30");
  assert_allowed (gate, CT, at ("America/New_York", 2026, 6, 10, 19, 59));
  g_free (assert_quiet (gate, CT, at ("America/New_York", 2026, 6, 10, 20, 0),
                        at ("America/New_York", 2026, 6, 11, 9, 0)));

  /* Florida, Maryland, Mississippi, New Jersey, Oklahoma: 8:00–20:00. */
  for (gsize i = 0; i < G_N_ELEMENTS (eight_to_eight); i++)
    {
      g_autofree char *text = NULL;

      assert_allowed (gate, eight_to_eight[i], at (zones[i], 2026, 6, 10, 8, 0));
      assert_allowed (gate, eight_to_eight[i], at (zones[i], 2026, 6, 10, 19, 59));
      text = assert_quiet (gate, eight_to_eight[i], at (zones[i], 2026, 6, 10, 20, 0),
                           at (zones[i], 2026, 6, 11, 8, 0));
      assert_contains (text, names[i]);
    }
  g_free (assert_quiet (gate, FL, at ("America/Chicago", 2026, 6, 10, 20, 0),
                        at ("America/New_York", 2026, 6, 11, 9, 0)));

  /* Rhode Island: 9:00–18:00 on weekdays. */
  ri = assert_quiet (gate, RI, at ("America/New_York", 2026, 6, 12, 18, 0),
                     at ("America/New_York", 2026, 6, 13, 10, 0));
  assert_contains (ri, "Rhode Island");
  assert_contains (ri, "18:00");
  assert_allowed (gate, RI, at ("America/New_York", 2026, 6, 12, 17, 59));
  g_free (assert_quiet (gate, RI, at ("America/New_York", 2026, 6, 10, 8, 30),
                        at ("America/New_York", 2026, 6, 10, 9, 0)));
  /* …and 10:00–17:00 on Saturdays and Sundays. */
  g_free (assert_quiet (gate, RI, at ("America/New_York", 2026, 6, 13, 9, 30),
                        at ("America/New_York", 2026, 6, 13, 10, 0)));
  assert_allowed (gate, RI, at ("America/New_York", 2026, 6, 13, 16, 59));
  g_free (assert_quiet (gate, RI, at ("America/New_York", 2026, 6, 13, 17, 0),
                        at ("America/New_York", 2026, 6, 14, 10, 0)));
  g_free (assert_quiet (gate, RI, at ("America/New_York", 2026, 6, 14, 17, 0),
                        at ("America/New_York", 2026, 6, 15, 9, 0)));

  /* Texas: 9:00–21:00 Monday to Saturday, 12:00–21:00 on Sundays, in both
   * of its zones. 9:00 in Austin is 8:00 in El Paso. */
  tx = assert_quiet (gate, TX, at ("America/Chicago", 2026, 6, 10, 9, 0),
                     at ("America/Denver", 2026, 6, 10, 9, 0));
  assert_contains (tx, "Texas");
  assert_contains (tx, "America/Denver");
  assert_contains (tx, "8:00");
  assert_allowed (gate, TX, at ("America/Chicago", 2026, 6, 10, 10, 0));
  assert_allowed (gate, TX, at ("America/Chicago", 2026, 6, 10, 20, 59));
  /* Saturday 21:00 in Austin (20:00 in El Paso) → Sunday noon in El Paso. */
  g_free (assert_quiet (gate, TX, at ("America/Chicago", 2026, 6, 13, 21, 0),
                        at ("America/Denver", 2026, 6, 14, 12, 0)));
  /* Sunday 12:30 in Austin is 11:30 in El Paso. */
  g_free (assert_quiet (gate, TX, at ("America/Chicago", 2026, 6, 14, 12, 30),
                        at ("America/Chicago", 2026, 6, 14, 13, 0)));
  assert_allowed (gate, TX, at ("America/Chicago", 2026, 6, 14, 13, 0));

  /* Florida spans two zones: 8:30 in Miami is 7:30 in Pensacola. */
  g_free (assert_quiet (gate, FL, at ("America/New_York", 2026, 6, 10, 8, 30),
                        at ("America/Chicago", 2026, 6, 10, 8, 0)));
}

static void
test_state_windows_off (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();

  liaison_compliance_gate_set_state_windows (gate, FALSE);

  assert_allowed (gate, CT, at ("America/New_York", 2026, 6, 10, 8, 30));
  assert_allowed (gate, CT, at ("America/New_York", 2026, 6, 10, 20, 30));
  assert_allowed (gate, RI, at ("America/New_York", 2026, 6, 14, 17, 30));
  assert_allowed (gate, RI, at ("America/New_York", 2026, 6, 13, 8, 0));
  /* Texas' zones still count: 9:00 in Austin is 8:00 in El Paso. */
  assert_allowed (gate, TX, at ("America/Chicago", 2026, 6, 14, 9, 0));
  g_free (assert_quiet (gate, TX, at ("America/Chicago", 2026, 6, 14, 8, 30),
                        at ("America/Denver", 2026, 6, 14, 8, 0)));
  g_free (assert_quiet (gate, CT, at ("America/New_York", 2026, 6, 10, 21, 0),
                        at ("America/New_York", 2026, 6, 11, 8, 0)));
}

static void
test_configured_hours (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autofree char *text = NULL;

  liaison_compliance_gate_set_quiet_hours (gate, 9 * 60, 17 * 60);
  g_free (assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 8, 30),
                        at ("America/New_York", 2026, 6, 10, 9, 0)));
  text = assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 17, 0),
                       at ("America/New_York", 2026, 6, 11, 9, 0));
  assert_contains (text, "17:00");

  g_assert_true (liaison_compliance_gate_set_quiet_hours_text (gate, "10:00", "16:30"));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 16, 29));
  g_free (assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 16, 30),
                        at ("America/New_York", 2026, 6, 11, 10, 0)));
  /* Connecticut's 9:00–20:00 is wider: the configured hours hold. */
  g_free (assert_quiet (gate, CT, at ("America/New_York", 2026, 6, 10, 9, 30),
                        at ("America/New_York", 2026, 6, 10, 10, 0)));

  /* Not times, or an empty window: nothing changes. */
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, "25:00", "26:00"));
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, "8", "20:00"));
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, "8:00", "20:0"));
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, "9:00", "8:00"));
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, "nine", "20:00"));
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, NULL, "20:00"));
  g_assert_false (liaison_compliance_gate_set_quiet_hours_text (gate, "8:60", "20:00"));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 10, 0));
  g_free (assert_quiet (gate, NY, at ("America/New_York", 2026, 6, 10, 9, 59),
                        at ("America/New_York", 2026, 6, 10, 10, 0)));

  /* Wider than the state law: Connecticut's hours apply. */
  g_assert_true (liaison_compliance_gate_set_quiet_hours_text (gate, "07:00", "22:00"));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 7, 0));
  g_free (assert_quiet (gate, CT, at ("America/New_York", 2026, 6, 10, 20, 0),
                        at ("America/New_York", 2026, 6, 11, 9, 0)));
  g_assert_true (liaison_compliance_gate_set_quiet_hours_text (gate, "0:00", "24:00"));
  assert_allowed (gate, NY, at ("America/New_York", 2026, 6, 10, 3, 0));
}

static LiaisonGateDecision *
check_body (LiaisonComplianceGate *gate,
            const char            *body)
{
  LiaisonGateRequest request = { 0 };

  request.to = NY;
  request.body = body;
  request.send_at = at ("America/New_York", 2026, 6, 10, 12, 0);
  return liaison_compliance_gate_check (gate, &request);
}

/* The details of the RISKY_PHRASE reasons, joined by "|". */
static char *
phrases_of (LiaisonComplianceGate *gate,
            const char            *body,
            LiaisonGateVerdict    *out_verdict)
{
  g_autoptr(LiaisonGateDecision) decision = check_body (gate, body);
  GString *details = g_string_new (NULL);

  dump (decision);
  for (guint i = 0; i < liaison_gate_decision_get_n_reasons (decision); i++)
    {
      g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, i), ==, LIAISON_GATE_REASON_RISKY_PHRASE);
      g_assert_cmpint (liaison_gate_decision_get_reason_verdict (decision, i), ==,
                       liaison_gate_decision_get_verdict (decision));
      g_assert_nonnull (liaison_gate_decision_get_reason_text (decision, i));
      if (details->len > 0)
        g_string_append_c (details, '|');
      g_string_append (details, liaison_gate_decision_get_reason_detail (decision, i));
    }
  if (out_verdict != NULL)
    *out_verdict = liaison_gate_decision_get_verdict (decision);
  return g_string_free (details, FALSE);
}

#define assert_phrases(gate, body, expected) \
  G_STMT_START { \
    g_autofree char *_found = phrases_of ((gate), (body), NULL); \
    g_assert_cmpstr (_found, ==, (expected)); \
  } G_STMT_END

static void
test_lexicon (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autofree char *found = NULL;
  LiaisonGateVerdict verdict;
  static const char * const extra[] = { "Rendement garanti", "hot tip", "  ", NULL };

  /* Warn by default. */
  found = phrases_of (gate, "This fund is guaranteed to grow.", &verdict);
  g_assert_cmpstr (found, ==, "guaranteed");
  g_assert_cmpint (verdict, ==, LIAISON_GATE_WARN);

  assert_phrases (gate, "GUARANTEE!", "guarantee");
  assert_phrases (gate, "We guarantee it, and it's risk-free.", "guarantee|risk-free");
  assert_phrases (gate, "Totally RISK FREE", "risk-free");
  assert_phrases (gate, "There is no risk here", "no risk");
  assert_phrases (gate, "You can’t lose with this one", "can't lose");
  assert_phrases (gate, "you cant lose", "can't lose");
  assert_phrases (gate, "It's a sure thing.", "sure thing");
  /* Whole words only. */
  assert_phrases (gate, "These returns are unguaranteed.", "");
  assert_phrases (gate, "no risky moves", "");
  assert_phrases (gate, "Sounds good, see you Tuesday", "");

  /* Extra phrases: case and accents ignored, whole words. */
  liaison_compliance_gate_set_extra_phrases (gate, extra);
  assert_phrases (gate, "Un RENDEMENT GARANTÍ, promis.", "Rendement garanti");
  assert_phrases (gate, "rendement garanti", "Rendement garanti");
  assert_phrases (gate, "Here is a Hot Tip", "hot tip");
  assert_phrases (gate, "Here are hot tips", "");
  assert_phrases (gate, "Guaranteed hot tip", "guaranteed|hot tip");
  liaison_compliance_gate_set_extra_phrases (gate, NULL);
  assert_phrases (gate, "Here is a Hot Tip", "");

  /* Block, or off. */
  liaison_compliance_gate_set_lexicon_policy (gate, LIAISON_LEXICON_POLICY_BLOCK);
  g_clear_pointer (&found, g_free);
  found = phrases_of (gate, "Guaranteed.", &verdict);
  g_assert_cmpstr (found, ==, "guaranteed");
  g_assert_cmpint (verdict, ==, LIAISON_GATE_BLOCK);

  liaison_compliance_gate_set_lexicon_policy (gate, LIAISON_LEXICON_POLICY_OFF);
  g_clear_pointer (&found, g_free);
  found = phrases_of (gate, "Guaranteed, risk-free. SSN 123-45-6789", &verdict);
  g_assert_cmpstr (found, ==, "");
  g_assert_cmpint (verdict, ==, LIAISON_GATE_ALLOW);
}

static void
test_numbers_in_body (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autoptr(LiaisonGateDecision) decision = NULL;
  const char *text;

  assert_phrases (gate, "My SSN is 123-45-6789.", "123-45-6789");
  assert_phrases (gate, "ssn 123 45 6789", "123 45 6789");
  assert_phrases (gate, "Account 123456789012 is open", "123456789012");
  assert_phrases (gate, "Account 123456789", "123456789");
  assert_phrases (gate, "Card 4111 1111 1111 1111 exp 12/28", "4111 1111 1111 1111");
  assert_phrases (gate, "Ref 1234-5678-9012", "1234-5678-9012");

  /* Phone numbers, dates, amounts and short numbers are fine. */
  assert_phrases (gate, "Call me at +1 203 555 0123, (203) 555-0123 or 203-555-0123.", "");
  assert_phrases (gate, "Or +44 20 7946 0958, or 2035550123", "");
  assert_phrases (gate, "See you on 2026-03-08 at 10:30 about $1,000,000", "");
  assert_phrases (gate, "Code 12345678", "");
  assert_phrases (gate, "Policy A123456789B", "");

  /* The text masks the number. */
  decision = check_body (gate, "SSN 123-45-6789");
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
  text = liaison_gate_decision_get_reason_text (decision, 0);
  assert_contains (text, "6789");
  g_assert_null (strstr (text, "123-45"));
}

static void
test_opted_out (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autoptr(LiaisonGateDecision) decision = NULL;
  LiaisonGateRequest request = { 0 };
  const char *text;

  request.to = NY;
  request.body = "Hello";
  request.send_at = at ("America/New_York", 2026, 6, 10, 12, 0);
  request.opted_out = TRUE;
  request.opted_out_at = utc (2026, 3, 3, 12, 0);
  request.opt_out_source = "keyword";
  request.recipient_name = "Ann";

  decision = liaison_compliance_gate_check (gate, &request);
  dump (decision);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
  g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, 0), ==, LIAISON_GATE_REASON_OPTED_OUT);
  text = liaison_gate_decision_get_reason_text (decision, 0);
  assert_contains (text, "Ann");
  assert_contains (text, "3 March 2026");
  assert_contains (text, "STOP");
  g_clear_object (&decision);

  request.opt_out_source = "manual";
  request.opted_out_at = 0;
  request.recipient_name = NULL;
  decision = liaison_compliance_gate_check (gate, &request);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
  text = liaison_gate_decision_get_reason_text (decision, 0);
  assert_contains (text, "(212) 555-0100");
  g_assert_null (strstr (text, "STOP"));
  g_clear_object (&decision);

  request.opt_out_source = "twilio-error";
  decision = liaison_compliance_gate_check (gate, &request);
  assert_contains (liaison_gate_decision_get_reason_text (decision, 0), "21610");
}

static void
test_landline (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  LiaisonGateRequest request = { 0 };

  request.body = "Hello";
  request.send_at = at ("Europe/London", 2026, 6, 10, 12, 0);

  /* libphonenumber: a UK fixed line. */
  request.to = UK_FIXED;
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    dump (decision);
    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_WARN);
    g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
    g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, 0), ==, LIAISON_GATE_REASON_LANDLINE);
    g_assert_cmpint (liaison_gate_decision_get_reason_verdict (decision, 0), ==, LIAISON_GATE_WARN);
    assert_contains (liaison_gate_decision_get_reason_text (decision, 0), "+44 20 7946 0958");
  }
  /* Lookup knows better. */
  request.line_type = "mobile";
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);
  }
  /* A US number: libphonenumber cannot tell, Lookup can. */
  request.to = NY;
  request.send_at = at ("America/New_York", 2026, 6, 10, 12, 0);
  request.line_type = NULL;
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);
  }
  request.line_type = "landline";
  request.recipient_name = "Bob";
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_WARN);
    g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_LANDLINE));
    assert_contains (liaison_gate_decision_get_reason_text (decision, 0), "Bob");
  }
}

static void
test_invalid_and_bad (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  static const char * const invalid[] = { "+1 555 555 0100", "call me", "", "12" };
  LiaisonGateRequest request = { 0 };

  request.body = "Hello";
  request.send_at = at ("America/New_York", 2026, 6, 10, 12, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(LiaisonGateDecision) decision = NULL;

      request.to = invalid[i];
      decision = liaison_compliance_gate_check (gate, &request);
      dump (decision);
      g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
      g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
      g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, 0), ==, LIAISON_GATE_REASON_INVALID_NUMBER);
    }

  request.to = NULL;
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_INVALID_NUMBER));
  }

  request.to = NY;
  request.flagged_bad = TRUE;
  request.bad_error_code = 30006;
  request.recipient_name = "Carol";
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);
    const char *text;

    dump (decision);
    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
    g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
    g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, 0), ==, LIAISON_GATE_REASON_BAD_NUMBER);
    text = liaison_gate_decision_get_reason_text (decision, 0);
    assert_contains (text, "Carol");
    assert_contains (text, "30006");
    assert_contains (text, liaison_twilio_error_explain (30006));
  }
  request.bad_error_code = 0;
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
    g_assert_true (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_BAD_NUMBER));
  }
}

static void
test_empty (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  static const char * const bodies[] = { "", "   ", " \n\t ", "\u200b", NULL };
  LiaisonGateRequest request = { 0 };

  request.to = NY;
  request.send_at = at ("America/New_York", 2026, 6, 10, 12, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(LiaisonGateDecision) decision = NULL;

      request.body = bodies[i];
      decision = liaison_compliance_gate_check (gate, &request);
      g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
      g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 1);
      g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, 0), ==, LIAISON_GATE_REASON_EMPTY);
    }

  request.body = " . ";
  {
    g_autoptr(LiaisonGateDecision) decision = liaison_compliance_gate_check (gate, &request);

    g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);
  }
}

static void
test_several_reasons (void)
{
  g_autoptr(LiaisonComplianceGate) gate = new_gate ();
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(LiaisonGateDecision) warn_only = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  LiaisonGateRequest request = { 0 };
  static const LiaisonGateReasonKind kinds[] = {
    LIAISON_GATE_REASON_OPTED_OUT,
    LIAISON_GATE_REASON_QUIET_HOURS,
    LIAISON_GATE_REASON_LANDLINE,
    LIAISON_GATE_REASON_RISKY_PHRASE,
  };
  static const LiaisonGateVerdict verdicts[] = {
    LIAISON_GATE_BLOCK, LIAISON_GATE_BLOCK, LIAISON_GATE_WARN, LIAISON_GATE_WARN,
  };

  request.to = CT;
  request.body = "A guaranteed return!";
  request.opted_out = TRUE;
  request.opt_out_source = "keyword";
  request.opted_out_at = utc (2026, 3, 3, 12, 0);
  request.line_type = "landline";
  request.recipient_name = "Ann";
  request.send_at = at ("America/New_York", 2026, 6, 10, 22, 0);

  decision = liaison_compliance_gate_check (gate, &request);
  dump (decision);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_cmpint (liaison_gate_decision_get_reason_kind (decision, i), ==, kinds[i]);
      g_assert_cmpint (liaison_gate_decision_get_reason_verdict (decision, i), ==, verdicts[i]);
    }
  g_assert_cmpstr (liaison_gate_decision_get_reason_detail (decision, 3), ==, "guaranteed");
  g_assert_cmpint (liaison_gate_decision_get_next_allowed (decision), ==,
                   at ("America/New_York", 2026, 6, 11, 9, 0));
  g_assert_false (liaison_gate_decision_has_reason (decision, LIAISON_GATE_REASON_EMPTY));

  text = liaison_gate_decision_to_string (decision);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (lines[i], ==, liaison_gate_decision_get_reason_text (decision, i));

  /* Without the blocks, the warnings decide. */
  request.opted_out = FALSE;
  request.send_at = at ("America/New_York", 2026, 6, 10, 12, 0);
  warn_only = liaison_compliance_gate_check (gate, &request);
  g_assert_cmpint (liaison_gate_decision_get_verdict (warn_only), ==, LIAISON_GATE_WARN);
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (warn_only), ==, 2);
  g_assert_cmpint (liaison_gate_decision_get_next_allowed (warn_only), ==, 0);
}

static void
test_decision (void)
{
  g_autoptr(LiaisonGateDecision) decision = _liaison_gate_decision_new ();
  g_autofree char *empty = NULL;

  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_ALLOW);
  g_assert_cmpuint (liaison_gate_decision_get_n_reasons (decision), ==, 0);
  empty = liaison_gate_decision_to_string (decision);
  g_assert_cmpstr (empty, ==, "");

  _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_RISKY_PHRASE, LIAISON_GATE_WARN, "w", "x");
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_WARN);
  _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_EMPTY, LIAISON_GATE_BLOCK, "b", NULL);
  _liaison_gate_decision_add_reason (decision, LIAISON_GATE_REASON_LANDLINE, LIAISON_GATE_WARN, "l", NULL);
  g_assert_cmpint (liaison_gate_decision_get_verdict (decision), ==, LIAISON_GATE_BLOCK);
  g_assert_cmpstr (liaison_gate_decision_get_reason_detail (decision, 0), ==, "x");
  g_assert_cmpstr (liaison_gate_decision_get_reason_text (decision, 2), ==, "l");
  _liaison_gate_decision_set_next_allowed (decision, 42);
  g_assert_cmpint (liaison_gate_decision_get_next_allowed (decision), ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/ComplianceGate/decision", test_decision);
  g_test_add_func ("/Liaison/ComplianceGate/federal-window", test_federal_window);
  g_test_add_func ("/Liaison/ComplianceGate/clock", test_clock);
  g_test_add_func ("/Liaison/ComplianceGate/recipient-zone", test_recipient_zone);
  g_test_add_func ("/Liaison/ComplianceGate/dst", test_dst);
  g_test_add_func ("/Liaison/ComplianceGate/state-windows", test_state_windows);
  g_test_add_func ("/Liaison/ComplianceGate/state-windows-off", test_state_windows_off);
  g_test_add_func ("/Liaison/ComplianceGate/configured-hours", test_configured_hours);
  g_test_add_func ("/Liaison/ComplianceGate/lexicon", test_lexicon);
  g_test_add_func ("/Liaison/ComplianceGate/numbers-in-body", test_numbers_in_body);
  g_test_add_func ("/Liaison/ComplianceGate/opted-out", test_opted_out);
  g_test_add_func ("/Liaison/ComplianceGate/landline", test_landline);
  g_test_add_func ("/Liaison/ComplianceGate/invalid-and-bad", test_invalid_and_bad);
  g_test_add_func ("/Liaison/ComplianceGate/empty", test_empty);
  g_test_add_func ("/Liaison/ComplianceGate/several-reasons", test_several_reasons);

  return g_test_run ();
}
