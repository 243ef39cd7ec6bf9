/* bench-store.c: the SQLite store at 1,000,000 messages
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates (once, cached at $G_TEST_BUILDDIR/bench-data/liaison.db) a store with
 * 1,000,000 messages in 20,000 threads, 50,000 contacts and 2,000 call
 * transcripts, with bodies drawn from a word list by a Zipf distribution so
 * that search terms range from very common to rare, over two years. Then
 * measures, through the store's public async API as the app uses it: opening
 * the database, the first page of the thread list, opening a thread, a deep
 * page, and full-text searches; and prints resident memory.
 *
 *   bench-store                       generate if needed, then measure
 *   bench-store --generate-only PATH  make sure PATH holds a current benchmark
 *                                     store (generating it if missing or stale)
 *
 * Timings are printed with their targets and PASS/MISS; the benchmark never
 * fails on timing.
 */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-log.h"
#include "liaison-store.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"

/* Bump when the generated data changes, so cached databases are remade. */
#define GENERATOR_VERSION "bench-store v1"

#define N_MESSAGES    1000000
#define N_THREADS     20000
#define N_LINKED      18000      /* threads whose remote number is a contact's */
#define N_CONTACTS    50000
#define N_CALLS       2000
#define N_SENTENCES   20         /* per call */
#define N_OUR_NUMBERS 3
#define SPAN_USEC     (G_GINT64_CONSTANT (2) * 365 * 24 * 3600 * G_USEC_PER_SEC)
#define RARE_WORD     "zephyrine"
#define RARE_EVERY    50000

#define RUNS 25
#define TARGET_FIRST_PAGE_MS  20.0
#define TARGET_THREAD_OPEN_MS 10.0
#define TARGET_FTS_MS         30.0

/* Ordered by how often they occur (rank 1 first); drawn with P(rank r) ~ 1/r. */
static const char * const words[] = {
  "the", "to", "you", "i", "a", "and", "for", "is", "on", "we", "your", "it", "can", "at", "of",
  "this", "be", "me", "will", "thanks", "in", "with", "have", "my", "please", "call", "meeting",
  "review", "account", "today", "tomorrow", "know", "let", "are", "do", "just", "get", "if", "so",
  "that", "would", "time", "send", "about", "week", "form", "portfolio", "sign", "update", "quick",
  "friday", "monday", "morning", "afternoon", "great", "sure", "sounds", "good", "next", "check",
  "statement", "transfer", "ira", "rollover", "401k", "retirement", "plan", "market", "fund",
  "funds", "insurance", "policy", "tax", "return", "documents", "signed", "received", "office",
  "appointment", "schedule", "reschedule", "confirm", "confirmed", "available", "questions",
  "question", "beneficiary", "estate", "trust", "annual", "quarterly", "rebalance", "allocation",
  "stocks", "bonds", "cash", "deposit", "withdrawal", "distribution", "required", "minimum",
  "contribution", "roth", "conversion", "college", "savings", "529", "mortgage", "refinance",
  "loan", "rate", "rates", "interest", "fee", "fees", "advisory", "agreement", "docusign", "email",
  "text", "phone", "voicemail", "back", "soon", "later", "now", "yesterday", "thursday", "tuesday",
  "wednesday", "saturday", "hi", "hello", "thank", "appreciate", "help", "need", "want", "like",
  "could", "should", "one", "two", "three", "minutes", "hour", "noon", "pm", "am", "works", "work",
  "ok", "okay", "yes", "no", "maybe", "also", "still", "already", "new", "old", "address",
  "changed", "moving", "wife", "husband", "son", "daughter", "kids", "family", "mom", "dad",
  "birthday", "vacation", "travel", "home", "house", "car", "business", "company", "employer",
  "pension", "social", "security", "benefits", "medicare", "health", "hsa", "life", "disability",
  "long-term", "care", "annuity", "income", "expenses", "budget", "goal", "goals", "risk",
  "tolerance", "conservative", "aggressive", "growth", "dividend", "yield", "performance",
  "volatility", "downturn", "recession", "inflation", "fed", "election", "news", "worried",
  "concerned", "comfortable", "happy", "excited", "forward", "looking", "discuss", "talk", "chat",
  "zoom", "link", "invite", "calendar", "reminder", "deadline", "april", "december", "year-end",
  "harvest", "losses", "gains", "capital", "basis", "wash", "sale", "rmd", "qcd", "charity",
  "donation", "gift", "inheritance", "will", "attorney", "cpa", "accountant", "prepare", "filed",
  "extension", "k-1", "1099", "w-2", "brokerage", "custodian", "schwab", "fidelity", "vanguard",
  "wire", "ach", "check", "mailed", "overnight", "tracking", "password", "login", "portal", "app",
  "statement", "paperless", "secure", "upload", "scan", "photo", "id", "license", "verify",
  "identity", "fraud", "alert", "suspicious", "locked", "reset", "compliance", "disclosure",
  "privacy", "notice", "consent", "opt", "stop", "unsubscribe", "referral", "friend", "neighbor",
  "colleague", "introduce", "introduction", "lunch", "coffee", "dinner", "event", "seminar",
  "webinar", "workshop", "newsletter", "article", "podcast", "podium", "glacier", "lantern",
};

static const char * const first_names[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
  "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
  "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony",
  "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily",
  "Andrew", "Donna", "Joshua", "Michelle", "Zoë", "José", "Chloé", "Renée", "Søren", "Björn",
  "Aisha", "Wei", "Priya", "Hiroshi", "Olga", "Mateo", "Fatima", "Kwame", "Ingrid", "Diego",
  "Amara", "Yusuf", "Leilani", "Niamh",
};

static const char * const last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
  "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
  "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
  "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
  "Campbell", "Mitchell", "Carter", "Roberts", "Müller", "O'Brien", "Kowalski", "Yamamoto",
  "Okafor", "Novak", "Lindqvist", "Haddad", "Ferreira", "Zhang",
};

static const char * const companies[] = {
  "Acme Dental", "Blue Ridge Farms", "Cedar Logistics", "Delta Orthopedics", "Evergreen Realty",
  "Fairview Bakery", "Granite Builders", "Harbor Marine", "Ironwood Consulting", "Juniper Law",
  "Keystone HVAC", "Lakeside Vet Clinic", "Maple Street Pharmacy", "Northwind Trucking",
  "Oakmont Accounting", "Pinecrest Schools", "Quarry Stoneworks", "Riverbend Medical",
  "Summit Engineering", "Tidewater Seafood", "Union Street Cafe", "Valley Auto Body",
  "Willow Creek Winery", "Yellowstone Outfitters", "Zenith Software",
};

static const char * const kinds[] = { "lead", "prospect", "client", "referral-partner" };
static const char * const stages[] = {
  "new", "contacted", "qualified", "proposal", "onboarding", "active", "dormant",
};

/* Generation */

typedef struct
{
  GRand  *rand;
  double *cumulative;   /* of the Zipf weights over words[] */
} Generator;

static const char *
random_word (Generator *gen)
{
  double u = g_rand_double (gen->rand) * gen->cumulative[G_N_ELEMENTS (words) - 1];
  gsize lo = 0, hi = G_N_ELEMENTS (words) - 1;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (gen->cumulative[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }

  return words[lo];
}

static void
random_text (Generator *gen,
             GString   *out,
             guint      min_words,
             guint      max_words)
{
  guint n = (guint) g_rand_int_range (gen->rand, (gint32) min_words, (gint32) max_words + 1);

  g_string_truncate (out, 0);
  for (guint i = 0; i < n; i++)
    {
      const char *word = random_word (gen);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (i == 0)
        {
          g_string_append_c (out, g_ascii_toupper (word[0]));
          g_string_append (out, word + 1);
        }
      else
        {
          g_string_append (out, word);
        }
    }

  switch (g_rand_int_range (gen->rand, 0, 4))
    {
    case 0:
      g_string_append_c (out, '?');
      break;
    case 1:
      g_string_append_c (out, '!');
      break;
    default:
      g_string_append_c (out, '.');
      break;
    }
}

static gboolean
step (sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _liaison_store_set_error (error, sqlite3_db_handle (stmt), rc);

  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (error, db, rc);
      return NULL;
    }

  return stmt;
}

#define BIND_TEXT(stmt, i, text) sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT)

static gboolean
generate_contacts (Generator  *gen,
                   sqlite3    *db,
                   gint64      start,
                   GError    **error)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  sqlite3_stmt *contact = prepare (db,
                                   "INSERT INTO contacts (id, display_name, first_name, last_name, "
                                   "company, email, kind, pipeline_stage, owner, notes, created_at, "
                                   "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'advisor-1', "
                                   "?9, ?10, ?11)", error);
  sqlite3_stmt *phone = prepare (db,
                                 "INSERT INTO contact_phones (contact_id, e164, label, line_type, "
                                 "is_primary) VALUES (?1, ?2, 'mobile', 'mobile', 1)", error);
  gboolean ok = contact != NULL && phone != NULL;

  for (guint i = 0; ok && i < N_CONTACTS; i++)
    {
      const char *first = first_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (first_names))];
      const char *last = last_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (last_names))];
      g_autofree char *display = g_strdup_printf ("%s %s", first, last);
      g_autofree char *email = g_ascii_strdown (display, -1);
      g_autofree char *e164 = g_strdup_printf ("+1555%07u", i);
      gint64 created = start + (gint64) (g_rand_double (gen->rand) * SPAN_USEC);

      g_strdelimit (email, " '", '.');
      sqlite3_bind_int64 (contact, 1, i + 1);
      BIND_TEXT (contact, 2, display);
      BIND_TEXT (contact, 3, first);
      BIND_TEXT (contact, 4, last);
      if (g_rand_int_range (gen->rand, 0, 10) < 6)
        BIND_TEXT (contact, 5, companies[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (companies))]);
      {
        g_autofree char *address = g_strdup_printf ("%s@example.com", email);

        BIND_TEXT (contact, 6, address);
      }
      BIND_TEXT (contact, 7, kinds[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (kinds))]);
      BIND_TEXT (contact, 8, stages[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (stages))]);
      if (g_rand_int_range (gen->rand, 0, 10) < 3)
        {
          random_text (gen, notes, 8, 24);
          BIND_TEXT (contact, 9, notes->str);
        }
      sqlite3_bind_int64 (contact, 10, created);
      sqlite3_bind_int64 (contact, 11, created);
      ok = step (contact, error);

      if (ok)
        {
          sqlite3_bind_int64 (phone, 1, i + 1);
          BIND_TEXT (phone, 2, e164);
          ok = step (phone, error);
        }
    }

  sqlite3_finalize (contact);
  sqlite3_finalize (phone);
  return ok;
}

static char *
remote_number (guint thread)
{
  /* The first N_LINKED threads are with contacts, the rest with unknown numbers. */
  if (thread < N_LINKED)
    return g_strdup_printf ("+1555%07u", thread);
  return g_strdup_printf ("+1556%07u", thread);
}

static char *
our_number (guint thread)
{
  return g_strdup_printf ("+1555999%04u", thread % N_OUR_NUMBERS);
}

static gboolean
generate_threads (Generator  *gen,
                  sqlite3    *db,
                  gint64      start,
                  GError    **error)
{
  sqlite3_stmt *number = prepare (db,
                                  "INSERT INTO twilio_numbers (sid, e164, friendly_name, sms_capable, "
                                  "mms_capable, voice_capable, messages_per_second, created_at, "
                                  "updated_at) VALUES (?1, ?2, ?3, 1, 1, 1, 1, ?4, ?4)", error);
  sqlite3_stmt *thread = prepare (db,
                                  "INSERT INTO threads (id, our_number, remote_number, contact_id, "
                                  "last_time, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);
  gboolean ok = number != NULL && thread != NULL;

  for (guint i = 0; ok && i < N_OUR_NUMBERS; i++)
    {
      g_autofree char *sid = g_strdup_printf ("PN%032u", i);
      g_autofree char *e164 = our_number (i);
      g_autofree char *name = g_strdup_printf ("Line %u (" GENERATOR_VERSION ")", i + 1);

      BIND_TEXT (number, 1, sid);
      BIND_TEXT (number, 2, e164);
      BIND_TEXT (number, 3, name);
      sqlite3_bind_int64 (number, 4, start);
      ok = step (number, error);
    }

  for (guint i = 0; ok && i < N_THREADS; i++)
    {
      g_autofree char *ours = our_number (i);
      g_autofree char *remote = remote_number (i);

      sqlite3_bind_int64 (thread, 1, i + 1);
      BIND_TEXT (thread, 2, ours);
      BIND_TEXT (thread, 3, remote);
      if (i < N_LINKED)
        sqlite3_bind_int64 (thread, 4, i + 1);
      sqlite3_bind_int64 (thread, 5, start);
      ok = step (thread, error);
    }

  sqlite3_finalize (number);
  sqlite3_finalize (thread);
  return ok;
}

static gboolean
generate_messages (Generator  *gen,
                   sqlite3    *db,
                   gint64      start,
                   GError    **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  sqlite3_stmt *message = prepare (db,
                                   "INSERT INTO messages (sid, thread_id, direction, from_number, "
                                   "to_number, body, status, error_code, error_message, num_segments, "
                                   "created_at, sent_at, updated_at, is_read) VALUES (?1, ?2, ?3, ?4, "
                                   "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?13)", error);
  gint64 step_usec = SPAN_USEC / N_MESSAGES;
  gboolean ok = message != NULL;

  for (guint i = 0; ok && i < N_MESSAGES; i++)
    {
      /* Every thread gets a message; after that a few threads get most. */
      guint t = i < N_THREADS ? i : (guint) (N_THREADS * pow (g_rand_double (gen->rand), 2.5));
      gboolean inbound = g_rand_boolean (gen->rand);
      gboolean failed = !inbound && g_rand_int_range (gen->rand, 0, 100) == 0;
      gint64 time = start + i * step_usec + g_rand_int_range (gen->rand, 0, (gint32) step_usec);
      g_autofree char *ours = our_number (t);
      g_autofree char *remote = remote_number (t);
      char sid[40];

      random_text (gen, body, 3, 28);
      if (i % RARE_EVERY == 17)
        g_string_append (body, " " RARE_WORD);

      g_snprintf (sid, sizeof sid, "SM%016x%016x", i, (guint) (i * 2654435761u));
      BIND_TEXT (message, 1, sid);
      sqlite3_bind_int64 (message, 2, t + 1);
      BIND_TEXT (message, 3, inbound ? "inbound" : "outbound-api");
      BIND_TEXT (message, 4, inbound ? remote : ours);
      BIND_TEXT (message, 5, inbound ? ours : remote);
      BIND_TEXT (message, 6, body->str);
      BIND_TEXT (message, 7, inbound ? "received" : failed ? "undelivered" : "delivered");
      if (failed)
        {
          sqlite3_bind_int (message, 8, 30003);
          BIND_TEXT (message, 9, "Unreachable destination handset");
        }
      sqlite3_bind_int (message, 10, 1 + (int) body->len / 160);
      sqlite3_bind_int64 (message, 11, time);
      if (!inbound)
        sqlite3_bind_int64 (message, 12, time + G_USEC_PER_SEC);
      /* The newest inbound messages are unread. */
      sqlite3_bind_int (message, 13, inbound && i >= N_MESSAGES - 5000 ? 0 : 1);
      ok = step (message, error);
    }

  sqlite3_finalize (message);
  return ok;
}

static gboolean
generate_transcripts (Generator  *gen,
                      sqlite3    *db,
                      gint64      start,
                      GError    **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *call = prepare (db,
                                "INSERT INTO calls (id, sid, thread_id, contact_id, direction, "
                                "from_number, to_number, status, started_at, answered_at, ended_at, "
                                "duration_s, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
                                "'outbound-api', ?5, ?6, 'completed', ?7, ?7, ?8, 600, ?7, ?8)", error);
  sqlite3_stmt *recording = prepare (db,
                                     "INSERT INTO recordings (id, sid, call_sid, duration_s, channels, "
                                     "status, source, created_at, updated_at) VALUES (?1, ?2, ?3, 600, "
                                     "2, 'completed', 'twilio', ?4, ?4)", error);
  sqlite3_stmt *transcript = prepare (db,
                                      "INSERT INTO transcripts (id, recording_id, call_sid, source, "
                                      "language, status, created_at, updated_at) VALUES (?1, ?1, ?2, "
                                      "'local', 'en-US', 'completed', ?3, ?3)", error);
  sqlite3_stmt *sentence = prepare (db,
                                    "INSERT INTO transcript_sentences (transcript_id, idx, channel, "
                                    "speaker, start_ms, end_ms, text, confidence) VALUES (?1, ?2, ?3, "
                                    "?4, ?5, ?6, ?7, 0.9)", error);
  gboolean ok = call != NULL && recording != NULL && transcript != NULL && sentence != NULL;

  for (guint i = 0; ok && i < N_CALLS; i++)
    {
      guint t = (guint) (N_LINKED * pow (g_rand_double (gen->rand), 2.0));
      gint64 started = start + (gint64) (((double) i / N_CALLS) * SPAN_USEC);
      g_autofree char *call_sid = g_strdup_printf ("CA%032u", i);
      g_autofree char *rec_sid = g_strdup_printf ("RE%032u", i);
      g_autofree char *ours = our_number (t);
      g_autofree char *remote = remote_number (t);

      sqlite3_bind_int64 (call, 1, i + 1);
      BIND_TEXT (call, 2, call_sid);
      sqlite3_bind_int64 (call, 3, t + 1);
      sqlite3_bind_int64 (call, 4, t + 1);
      BIND_TEXT (call, 5, ours);
      BIND_TEXT (call, 6, remote);
      sqlite3_bind_int64 (call, 7, started);
      sqlite3_bind_int64 (call, 8, started + 600 * G_USEC_PER_SEC);
      ok = step (call, error);

      if (ok)
        {
          sqlite3_bind_int64 (recording, 1, i + 1);
          BIND_TEXT (recording, 2, rec_sid);
          BIND_TEXT (recording, 3, call_sid);
          sqlite3_bind_int64 (recording, 4, started);
          ok = step (recording, error);
        }

      if (ok)
        {
          sqlite3_bind_int64 (transcript, 1, i + 1);
          BIND_TEXT (transcript, 2, call_sid);
          sqlite3_bind_int64 (transcript, 3, started);
          ok = step (transcript, error);
        }

      for (guint s = 0; ok && s < N_SENTENCES; s++)
        {
          random_text (gen, text, 5, 25);
          sqlite3_bind_int64 (sentence, 1, i + 1);
          sqlite3_bind_int (sentence, 2, (int) s);
          sqlite3_bind_int (sentence, 3, (int) s % 2);
          BIND_TEXT (sentence, 4, s % 2 ? "client" : "advisor");
          sqlite3_bind_int (sentence, 5, (int) s * 30000);
          sqlite3_bind_int (sentence, 6, (int) s * 30000 + 28000);
          BIND_TEXT (sentence, 7, text->str);
          ok = step (sentence, error);
        }
    }

  sqlite3_finalize (call);
  sqlite3_finalize (recording);
  sqlite3_finalize (transcript);
  sqlite3_finalize (sentence);
  return ok;
}

static gpointer
generate_work (LiaisonStore  *self,
               sqlite3       *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Generator gen = { 0 };
  gint64 start = g_get_real_time () - SPAN_USEC;
  gint64 t0 = g_get_monotonic_time ();
  double weight = 0;
  gboolean ok;

  gen.rand = g_rand_new_with_seed (1000000);
  gen.cumulative = g_new (double, G_N_ELEMENTS (words));
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      weight += 1.0 / (double) (i + 1);
      gen.cumulative[i] = weight;
    }

  /* A bigger cache for the one big transaction; back to the default after. */
  _liaison_store_exec (self, "PRAGMA cache_size = -262144", NULL);

  ok = _liaison_store_begin (self, error) &&
       generate_contacts (&gen, db, start, error) &&
       generate_threads (&gen, db, start, error) &&
       generate_messages (&gen, db, start, error) &&
       generate_transcripts (&gen, db, start, error);
  if (ok)
    printf ("# generated rows in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);

  /* Merge each full-text index into one segment, as a long-lived index settles. */
  ok = ok &&
       _liaison_store_exec (self,
                            "INSERT INTO messages_fts (messages_fts) VALUES ('optimize');"
                            "INSERT INTO sentences_fts (sentences_fts) VALUES ('optimize');"
                            "INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize');",
                            error) &&
       _liaison_store_commit (self, error);
  if (!ok)
    _liaison_store_rollback (self);

  _liaison_store_exec (self, "PRAGMA cache_size = -2000", NULL);

  g_rand_free (gen.rand);
  g_free (gen.cumulative);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

/* Running the store synchronously from main */

static LiaisonStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(LiaisonStore) store = liaison_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_open_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  if (!liaison_store_open_finish (store, result, error))
    return NULL;

  return g_steal_pointer (&store);
}

static void
close_store (LiaisonStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  if (!liaison_store_close_finish (store, result, &error))
    g_printerr ("Closing the store: %s\n", error->message);
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

#define SCHEMA_SQL \
  "SELECT group_concat (type || ' ' || name || ' ' || coalesce (sql, ''), ';') FROM " \
  "(SELECT * FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name)"

/* The schema text this build creates, from a fresh store in a temporary folder. */
static char *
current_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *schema = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);

  path = g_build_filename (dir, "schema.db", NULL);
  store = open_store (path, &error);
  if (store == NULL)
    g_error ("Creating a fresh store: %s", error->message);
  close_store (store);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, SCHEMA_SQL, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    schema = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  remove_database (path);
  g_rmdir (dir);

  return schema;
}

/* TRUE if @path holds a complete store from this generator, with exactly the
 * schema this build creates. */
static gboolean
database_is_current (const char *path)
{
  g_autofree char *expected_schema = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean current = FALSE;
  const char *sql =
    "SELECT (SELECT user_version FROM pragma_user_version), "
    "(SELECT count(*) FROM twilio_numbers WHERE friendly_name LIKE '%(" GENERATOR_VERSION ")'), "
    "(SELECT max(id) FROM messages), (SELECT count(*) FROM threads), "
    "(SELECT count(*) FROM contacts), (" SCHEMA_SQL ")";

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  expected_schema = current_schema ();

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      current = sqlite3_column_int64 (stmt, 0) == liaison_store_get_schema_version () &&
                sqlite3_column_int64 (stmt, 1) == N_OUR_NUMBERS &&
                sqlite3_column_int64 (stmt, 2) == N_MESSAGES &&
                sqlite3_column_int64 (stmt, 3) == N_THREADS &&
                sqlite3_column_int64 (stmt, 4) == N_CONTACTS &&
                g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), expected_schema) == 0;
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return current;
}

static gboolean
ensure_database (const char *path)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  gint64 t0;
  GStatBuf st;

  if (database_is_current (path))
    {
      printf ("# reusing %s\n", path);
      return TRUE;
    }

  printf ("# generating %s: %d messages, %d threads, %d contacts, %d call transcripts\n",
          path, N_MESSAGES, N_THREADS, N_CONTACTS, N_CALLS);
  fflush (stdout);

  g_mkdir_with_parents (dir, 0700);
  remove_database (partial);
  t0 = g_get_monotonic_time ();

  store = open_store (partial, &error);
  if (store == NULL)
    {
      g_printerr ("Could not create %s: %s\n", partial, error->message);
      return FALSE;
    }

  _liaison_store_run_async (store, generate_work, NULL, NULL, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  if (_liaison_store_run_finish (store, result, &error) == NULL)
    {
      g_printerr ("Could not generate the benchmark store: %s\n", error->message);
      close_store (store);
      remove_database (partial);
      return FALSE;
    }
  close_store (store);

  remove_database (path);
  if (g_rename (partial, path) != 0)
    {
      g_printerr ("Could not move %s into place\n", partial);
      return FALSE;
    }

  g_stat (path, &st);
  printf ("generation: %.1f s for %d messages (%.0f messages/s), %.0f MB\n",
          (g_get_monotonic_time () - t0) / 1e6, N_MESSAGES,
          N_MESSAGES / ((g_get_monotonic_time () - t0) / 1e6), st.st_size / 1048576.0);
  return TRUE;
}

/* Measuring */

typedef gboolean (*RunFunc) (LiaisonStore *store,
                             guint         run,
                             gpointer      data);

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *name,
        double     *ms,
        guint       n,
        double      target_ms,
        const char *note)
{
  double median, p95;

  qsort (ms, n, sizeof (double), compare_doubles);
  median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  p95 = ms[MIN (n - 1, (guint) ceil (0.95 * n) - 1)];

  if (target_ms > 0)
    printf ("%s: median %.2f ms, p95 %.2f ms, max %.2f ms over %u runs%s (target <= %.0f ms) %s\n",
            name, median, p95, ms[n - 1], n, note, target_ms,
            p95 <= target_ms ? "PASS" : "MISS");
  else
    printf ("%s: median %.2f ms, p95 %.2f ms, max %.2f ms over %u runs%s\n",
            name, median, p95, ms[n - 1], n, note);
  fflush (stdout);
}

static void
print_memory (const char *when)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "VmRSS:") || g_str_has_prefix (lines[i], "VmHWM:"))
      {
        g_strdelimit (lines[i], "\t", ' ');
        printf ("memory %s: %s\n", when, lines[i]);
      }
  fflush (stdout);
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static GPtrArray *
list_threads (LiaisonStore             *store,
              const LiaisonStoreCursor *before,
              guint                     limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *threads;

  liaison_store_list_threads_async (store, before, limit, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  threads = liaison_store_list_threads_finish (store, result, &error);
  if (threads == NULL)
    g_error ("Listing threads: %s", error->message);

  return threads;
}

static GPtrArray *
list_messages (LiaisonStore *store,
               gint64        thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  liaison_store_list_messages_async (store, thread_id, NULL, 50, NULL, liaison_test_async_cb,
                                     &result);
  liaison_test_wait (&result);
  messages = liaison_store_list_messages_finish (store, result, &error);
  if (messages == NULL)
    g_error ("Listing messages: %s", error->message);

  return messages;
}

static GPtrArray *
search (LiaisonStore *store,
        const char   *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  liaison_store_search_async (store, text, 50, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  hits = liaison_store_search_finish (store, result, &error);
  if (hits == NULL)
    g_error ("Searching: %s", error->message);

  return hits;
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
measure (const char *path)
{
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  double ms[RUNS];
  gint64 busiest;
  gint64 t0;

  print_memory ("before opening");

  /* Open: a new store object, its worker thread, header checks, schema read. */
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(LiaisonStore) s = NULL;

      t0 = g_get_monotonic_time ();
      s = open_store (path, &error);
      ms[i] = elapsed_ms (t0);
      if (s == NULL)
        g_error ("Opening %s: %s", path, error->message);
      close_store (s);
    }
  report ("open database", ms, RUNS, 0, "");

  store = open_store (path, &error);
  g_assert_no_error (error);

  /* First page of the thread list, as the inbox shows it at start. The first
   * call after opening prepares the statement; reported on its own. */
  t0 = g_get_monotonic_time ();
  g_ptr_array_unref (list_threads (store, NULL, 50));
  printf ("thread list first page, first call after open: %.2f ms\n", elapsed_ms (t0));
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GPtrArray) page = NULL;

      t0 = g_get_monotonic_time ();
      page = list_threads (store, NULL, 50);
      ms[i] = elapsed_ms (t0);
      g_assert_cmpuint (page->len, ==, 50);
    }
  report ("thread list first page (50, unread counts, preview)", ms, RUNS, TARGET_FIRST_PAGE_MS, "");

  /* A page 10,000 threads down: keyset paging costs the same anywhere. */
  {
    LiaisonStoreCursor cursor = { 0, 0 };

    for (guint p = 0; p < 10; p++)
      {
        g_autoptr(GPtrArray) page = list_threads (store, p == 0 ? NULL : &cursor, 1000);
        LiaisonThread *last = g_ptr_array_index (page, page->len - 1);

        cursor.time = liaison_thread_get_last_time (last);
        cursor.id = liaison_thread_get_id (last);
      }
    for (guint i = 0; i < RUNS; i++)
      {
        g_autoptr(GPtrArray) page = NULL;

        t0 = g_get_monotonic_time ();
        page = list_threads (store, &cursor, 50);
        ms[i] = elapsed_ms (t0);
        g_assert_cmpuint (page->len, ==, 50);
      }
    report ("thread list page 10,000 threads down (50)", ms, RUNS, TARGET_FIRST_PAGE_MS, "");
  }

  /* Opening a thread: its newest 50 messages. Random threads, weighted like
   * the data (busy threads more often), and the busiest one. */
  busiest = raw_count (path, "SELECT thread_id FROM messages GROUP BY thread_id "
                             "ORDER BY count(*) DESC LIMIT 1");
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GPtrArray) messages = NULL;
      gint64 thread_id = 1 + g_rand_int_range (rand, 0, N_THREADS);

      t0 = g_get_monotonic_time ();
      messages = list_messages (store, thread_id);
      ms[i] = elapsed_ms (t0);
      g_assert_cmpuint (messages->len, >, 0);
    }
  report ("open a thread (newest 50 messages), random threads", ms, RUNS, TARGET_THREAD_OPEN_MS, "");
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GPtrArray) messages = NULL;

      t0 = g_get_monotonic_time ();
      messages = list_messages (store, busiest);
      ms[i] = elapsed_ms (t0);
      g_assert_cmpuint (messages->len, ==, 50);
    }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM messages WHERE thread_id = %"
                                            G_GINT64_FORMAT, busiest);
    g_autofree char *note = g_strdup_printf (" (thread of %" G_GINT64_FORMAT " messages)",
                                             raw_count (path, sql));

    report ("open the busiest thread (newest 50 messages)", ms, RUNS, TARGET_THREAD_OPEN_MS, note);
  }

  /* Full-text search over messages, transcripts and contacts (50 newest hits). */
  {
    const struct {
      const char *label;
      const char *text;
    } queries[] = {
      { "search a very common word", "the" },
      { "search a common word", "portfolio" },
      { "search a rare word", RARE_WORD },
      { "search two words", "quarterly rebalance" },
      { "search a 2-letter prefix (typing)", "th" },
      { "search a 3-letter prefix (typing)", "ret" },
      { "search a common 4-letter word (prefix)", "your" },
      { "search a name", "Zoë Müller" },
    };

    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autofree char *fts = _liaison_store_build_fts_query (queries[q].text);
        g_autofree char *count_sql = NULL;
        g_autofree char *note = NULL;
        guint n_hits = 0;
        char *escaped = sqlite3_mprintf ("%q", fts);

        for (guint i = 0; i < RUNS; i++)
          {
            g_autoptr(GPtrArray) hits = NULL;

            t0 = g_get_monotonic_time ();
            hits = search (store, queries[q].text);
            ms[i] = elapsed_ms (t0);
            n_hits = hits->len;
          }

        count_sql = g_strdup_printf ("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '%s'",
                                     escaped);
        sqlite3_free (escaped);
        note = g_strdup_printf (" [\"%s\": %u hits shown, %" G_GINT64_FORMAT " messages match]",
                                queries[q].text, n_hits, raw_count (path, count_sql));
        report (queries[q].label, ms, RUNS, TARGET_FTS_MS, note);
      }
  }

  print_memory ("after the measurements");
  close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = NULL;

  liaison_log_init ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc == 3 && g_str_equal (argv[1], "--generate-only"))
    {
      if (!ensure_database (argv[2]))
        return 1;
      printf ("benchmark store: %s\n", argv[2]);
      return 0;
    }
  else if (argc != 1)
    {
      g_printerr ("Usage: %s [--generate-only PATH]\n", argv[0]);
      return 2;
    }

  /* bench-startup opens the app on the same file: the data folder's liaison.db */
  path = g_build_filename (builddir != NULL ? builddir : ".", "bench-data", "liaison.db", NULL);
  if (!ensure_database (path))
    return 1;

  {
    GStatBuf st;

    g_stat (path, &st);
    printf ("benchmark store: %s (%.0f MB, schema %u)\n", path, st.st_size / 1048576.0,
            liaison_store_get_schema_version ());
  }

  measure (path);

  return 0;
}
