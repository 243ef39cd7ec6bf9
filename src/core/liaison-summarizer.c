/* liaison-summarizer.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-summarizer"

#include "config.h"

#include "liaison-summarizer.h"
#include "liaison-gate-decision.h"
#include "liaison-transcript-sentence.h"
#include "liaison-twilio-operator-result.h"

#include <math.h>
#include <string.h>

#define DEFAULT_N_KEY_SENTENCES  3
#define HEADLINE_MAX_CHARS       100
#define ACTION_MAX_WORDS         14

/* Kinds of cue that make an action item. */
typedef struct
{
  const char *pattern;   /* group 1, when present, is an object pronoun */
  const char *verb;
} Cue;

static const Cue cues[] = {
  { "\\bfollow(?:ing)?[- ]up\\b", "Follow up" },
  { "\\bcall\\s+(you|me|him|her|them|us)\\s+back\\b", "Call back" },
  { "\\bcall\\s+back\\b", "Call back" },
  { "\\bgive\\s+(you|me|him|her|them|us)\\s+a\\s+(?:call|ring)\\b", "Call back" },
  { "\\be-?mail\\b", "Email" },
  { "\\b(?:send|mail|fax|forward)\\b", "Send" },
  { "\\b(?:schedule|set\\s+up|book)\\b", "Schedule" },
  { "\\b(?:review|go\\s+over|look\\s+over|take\\s+a\\s+look\\s+at)\\b", "Review" },
};

/* Commitments by the speaker, and requests to the other party. */
#define COMMITMENT_PATTERN \
  "\\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|i'd like to|i want to|let me|we'll|we will|" \
  "we're going to|we are going to|we should|we need to|we can|i need to|i can|i'll be|let's|let us)\\b"
#define REQUEST_PATTERN \
  "\\b(?:can you|could you|would you|will you|please|don't forget to|remember to|make sure to|" \
  "be sure to|you should|you need to|you'll need to|need you to|i'd like you to|want you to)\\b"

#define WEEKDAY "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#define MONTH "(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
              "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
#define NUMBER_WORD "(?:\\d[\\d,]*(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
                    "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|" \
                    "fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half)"

typedef struct
{
  const char         *pattern;
  LiaisonMentionKind  kind;
} MentionPattern;

static const MentionPattern mention_patterns[] = {
  { "\\b(?:the\\s+day\\s+after\\s+tomorrow|today|tomorrow|tonight|yesterday)\\b", LIAISON_MENTION_DATE },
  { "\\b(?:(?:next|this|last|coming)\\s+)?" WEEKDAY "\\b", LIAISON_MENTION_DATE },
  { "\\b(?:next|this|last|coming)\\s+(?:week|month|year|quarter)\\b", LIAISON_MENTION_DATE },
  { "\\bend\\s+of\\s+(?:the\\s+)?(?:day|week|month|year|quarter)\\b", LIAISON_MENTION_DATE },
  { "\\b" MONTH "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4}\\b)?", LIAISON_MENTION_DATE },
  { "\\b(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)\\s+of\\s+" MONTH "\\b", LIAISON_MENTION_DATE },
  { "(?<![\\d/.,$])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])(?:/(?:\\d{4}|\\d{2}))?(?![\\d/])",
    LIAISON_MENTION_DATE },
  { "\\b(?:1[0-2]|0?[1-9])(?::[0-5]\\d)?\\s?[ap]\\.?m\\b\\.?", LIAISON_MENTION_TIME },
  { "(?<![\\d:$.,/])(?:[01]?\\d|2[0-3]):[0-5]\\d(?![\\d:])", LIAISON_MENTION_TIME },
  { "\\b(?:noon|midnight)\\b", LIAISON_MENTION_TIME },
  { "\\b(?:1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+o'clock\\b",
    LIAISON_MENTION_TIME },
  { "\\$\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:k|m|bn|thousand|million|billion)\\b)?", LIAISON_MENTION_AMOUNT },
  { "\\b" NUMBER_WORD "(?:[\\s-]+(?:" NUMBER_WORD "|and))*\\s+(?:dollars|bucks|percent|per\\s+cent)\\b",
    LIAISON_MENTION_AMOUNT },
  { "\\b\\d+(?:\\.\\d+)?\\s?%", LIAISON_MENTION_AMOUNT },
};

/* Small English stop-word list: function words and call filler. */
static const char * const stopwords[] = {
  "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
  "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "bye",
  "can", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down",
  "during", "each", "even", "ever", "few", "fine", "for", "from", "further", "get", "gets", "getting",
  "go", "going", "gonna", "good", "got", "great", "had", "has", "have", "having", "he", "hed", "hell",
  "her", "here", "hers", "herself", "hes", "hey", "hi", "him", "himself", "his", "how", "i", "id", "if",
  "ill", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive", "just", "know", "let", "lets",
  "like", "mean", "me", "more", "most", "much", "my", "myself", "no", "nor", "not", "now", "of", "off",
  "oh", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out",
  "over", "own", "really", "right", "same", "say", "see", "she", "shes", "should", "so", "some",
  "sounds", "sure", "than", "thank", "thanks", "that", "thats", "the", "their", "theirs", "them",
  "themselves", "then", "there", "theres", "these", "they", "theyre", "thing", "think", "this",
  "those", "through", "to", "too", "uh", "um", "under", "until", "up", "us", "very", "want", "was",
  "wasnt", "way", "we", "well", "were", "weve", "what", "whats", "when", "where", "which", "while",
  "who", "whom", "why", "will", "with", "wonderful", "would", "wouldnt", "yeah", "yes", "yep", "you",
  "youd", "youll", "your", "youre", "yours", "yourself", "yourselves", "youve", "hello", "alright",
  "talk", "soon", "bit", "lot", "stuff", "things",
};

struct _LiaisonSummarizer
{
  GObject                parent_instance;

  LiaisonComplianceGate *gate;
  LiaisonComplianceGate *own_gate;
  guint                  n_key_sentences;
  GHashTable            *stopwords;      /* const char* set */
  GRegex                *commitment;
  GRegex                *request;
  GRegex                *cues[G_N_ELEMENTS (cues)];
  GRegex                *mentions[G_N_ELEMENTS (mention_patterns)];
};

G_DEFINE_FINAL_TYPE (LiaisonSummarizer, liaison_summarizer, G_TYPE_OBJECT)

static void
liaison_summarizer_finalize (GObject *object)
{
  LiaisonSummarizer *self = LIAISON_SUMMARIZER (object);

  g_clear_object (&self->gate);
  g_clear_object (&self->own_gate);
  g_hash_table_unref (self->stopwords);
  g_regex_unref (self->commitment);
  g_regex_unref (self->request);
  for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
    g_regex_unref (self->cues[i]);
  for (guint i = 0; i < G_N_ELEMENTS (mention_patterns); i++)
    g_regex_unref (self->mentions[i]);

  G_OBJECT_CLASS (liaison_summarizer_parent_class)->finalize (object);
}

static void
liaison_summarizer_class_init (LiaisonSummarizerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_summarizer_finalize;
}

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);

  /* The patterns are ours: a failure is a programming error. */
  if (regex == NULL)
    g_error ("Bad pattern %s: %s", pattern, error->message);
  return regex;
}

static void
liaison_summarizer_init (LiaisonSummarizer *self)
{
  self->n_key_sentences = DEFAULT_N_KEY_SENTENCES;
  self->stopwords = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (stopwords); i++)
    g_hash_table_add (self->stopwords, (gpointer) stopwords[i]);
  self->commitment = compile (COMMITMENT_PATTERN);
  self->request = compile (REQUEST_PATTERN);
  for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
    self->cues[i] = compile (cues[i].pattern);
  for (guint i = 0; i < G_N_ELEMENTS (mention_patterns); i++)
    self->mentions[i] = compile (mention_patterns[i].pattern);
}

LiaisonSummarizer *
liaison_summarizer_new (void)
{
  return g_object_new (LIAISON_TYPE_SUMMARIZER, NULL);
}

void
liaison_summarizer_set_gate (LiaisonSummarizer     *self,
                             LiaisonComplianceGate *gate)
{
  g_return_if_fail (LIAISON_IS_SUMMARIZER (self));
  g_return_if_fail (gate == NULL || LIAISON_IS_COMPLIANCE_GATE (gate));

  g_set_object (&self->gate, gate);
}

void
liaison_summarizer_set_n_key_sentences (LiaisonSummarizer *self,
                                        guint              n)
{
  g_return_if_fail (LIAISON_IS_SUMMARIZER (self));
  self->n_key_sentences = MAX (n, 1);
}

/* ------------------------------------------------------------------------ */
/* Text helpers */

/* Valid UTF-8 with typographic apostrophes made ASCII, so that the
 * patterns see "I'll" whatever the transcriber wrote. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        g_string_append_c (out, '\'');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Case-folded words of letters and digits (apostrophes dropped). */
static GPtrArray *
split_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c == '\'' || c == 0x2019)
        continue;
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strndup (word->str, word->len));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

static gboolean
is_content_word (LiaisonSummarizer *self,
                 const char        *word)
{
  if (g_hash_table_contains (self->stopwords, word))
    return FALSE;
  /* One letter is not a topic; one digit may be part of an amount. */
  return g_utf8_strlen (word, -1) > 1 || g_ascii_isdigit (word[0]);
}

/* ------------------------------------------------------------------------ */
/* Per-sentence analysis */

typedef struct
{
  LiaisonTranscriptSentence *sentence;
  char                      *text;       /* clean_text() */
  GPtrArray                 *content;    /* content words, with repeats */
  guint                      n_words;
  double                     score;
  gboolean                   has_mention;
  gboolean                   has_action;
  guint                      position;
} Analysed;

static void
analysed_clear (Analysed *analysed)
{
  g_free (analysed->text);
  g_clear_pointer (&analysed->content, g_ptr_array_unref);
}

typedef struct
{
  gint                start;
  gint                end;
  LiaisonMentionKind  kind;
} Span;

static gint
span_compare (gconstpointer a,
              gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  /* Longer first, so that it wins the overlap. */
  return (sb->end - sb->start) - (sa->end - sa->start);
}

static gboolean
mention_seen (LiaisonCallSummary *summary,
              LiaisonMentionKind  kind,
              const char         *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < liaison_call_summary_get_n_mentions (summary); i++)
    {
      g_autofree char *other = NULL;

      if (liaison_call_summary_get_mention_kind (summary, i) != kind)
        continue;
      other = g_utf8_casefold (liaison_call_summary_get_mention_text (summary, i), -1);
      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

static gboolean
find_mentions (LiaisonSummarizer  *self,
               LiaisonCallSummary *summary,
               const char         *text,
               gint                sentence_index)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gint covered = 0;
  gboolean found = FALSE;

  for (guint p = 0; p < G_N_ELEMENTS (mention_patterns); p++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (self->mentions[p], text, 0, &match);
      while (g_match_info_matches (match))
        {
          Span span;

          if (g_match_info_fetch_pos (match, 0, &span.start, &span.end) && span.end > span.start)
            {
              span.kind = mention_patterns[p].kind;
              g_array_append_val (spans, span);
            }
          g_match_info_next (match, NULL);
        }
    }
  g_array_sort (spans, span_compare);

  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      g_autofree char *mention = NULL;
      gsize len;

      if (span->start < covered)
        continue;
      covered = span->end;
      mention = g_strndup (text + span->start, span->end - span->start);
      g_strstrip (mention);
      len = strlen (mention);
      while (len > 0 && (mention[len - 1] == ',' || mention[len - 1] == '.'))
        mention[--len] = '\0';
      if (len == 0)
        continue;
      found = TRUE;
      if (!mention_seen (summary, span->kind, mention))
        liaison_call_summary_add_mention (summary, span->kind, mention, sentence_index);
    }
  return found;
}

/* "advisor" → "the advisor"; the other party of a two-party call. */
static const char *
role_name (const char *speaker)
{
  if (g_strcmp0 (speaker, "advisor") == 0)
    return "the advisor";
  if (g_strcmp0 (speaker, "client") == 0)
    return "the client";
  return NULL;
}

static const char *
other_role (const char *speaker)
{
  if (g_strcmp0 (speaker, "advisor") == 0)
    return "client";
  if (g_strcmp0 (speaker, "client") == 0)
    return "advisor";
  return NULL;
}

/* Rewrites one word of the speaker's point of view ("you", "my") for a
 * reader of the summary. Returns NULL to keep the word. */
static char *
map_pronoun (const char *word,
             const char *speaker)
{
  const char *me = role_name (speaker);
  const char *you = role_name (other_role (speaker));
  g_autofree char *lower = g_ascii_strdown (word, -1);

  if (me == NULL || you == NULL)
    return NULL;
  if (g_str_equal (lower, "you") || g_str_equal (lower, "yourself"))
    return g_strdup (you);
  if (g_str_equal (lower, "your") || g_str_equal (lower, "yours"))
    return g_strconcat (you, "'s", NULL);
  if (g_str_equal (lower, "me") || g_str_equal (lower, "myself"))
    return g_strdup (me);
  if (g_str_equal (lower, "my") || g_str_equal (lower, "mine"))
    return g_strconcat (me, "'s", NULL);
  return NULL;
}

static void
append_words (GString    *out,
              const char *text,
              const char *speaker,
              guint       max_words)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL && n < max_words; i++)
    {
      g_autofree char *mapped = NULL;
      g_autofree char *bare = NULL;
      gsize len;

      if (words[i][0] == '\0')
        continue;
      /* Keep punctuation stuck to the word ("you," → "the client,"). */
      bare = g_strdup (words[i]);
      len = strlen (bare);
      while (len > 0 && g_ascii_ispunct (bare[len - 1]) && bare[len - 1] != '\'')
        bare[--len] = '\0';
      mapped = map_pronoun (bare, speaker);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (mapped != NULL)
        {
          g_string_append (out, mapped);
          g_string_append (out, words[i] + len);
        }
      else
        g_string_append (out, words[i]);
      n++;
    }
}

/* The clause after a cue: up to the end of the sentence or a new clause. */
static char *
clause_after (const char *text)
{
  static const char * const breaks[] = { " and then ", ", and ", ", but ", " but ", ", so ", " so that ",
                                         " because ", ", because " };
  gsize end = strcspn (text, ".!?;");

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      const char *found = strstr (text, breaks[i]);

      if (found != NULL && (gsize) (found - text) < end)
        end = found - text;
    }
  return g_strstrip (g_strndup (text, end));
}

static char *
find_action (LiaisonSummarizer *self,
             const char        *text,
             const char        *speaker)
{
  g_autoptr(GMatchInfo) commitment = NULL;
  g_autoptr(GMatchInfo) request = NULL;
  g_autoptr(GString) item = NULL;
  g_autofree char *object = NULL;
  g_autofree char *rest = NULL;
  gint marker_end = -1;
  gboolean is_request = FALSE;
  gint best_start = G_MAXINT, best_end = 0;
  gint best = -1;
  const char *doer;
  gsize len;

  if (g_regex_match (self->commitment, text, 0, &commitment))
    g_match_info_fetch_pos (commitment, 0, NULL, &marker_end);
  if (g_regex_match (self->request, text, 0, &request))
    {
      gint end = -1;

      g_match_info_fetch_pos (request, 0, NULL, &end);
      if (marker_end < 0 || end < marker_end)
        {
          marker_end = end;
          is_request = TRUE;
        }
    }
  if (marker_end < 0)
    return NULL;

  /* The earliest cue after the marker. */
  for (guint c = 0; c < G_N_ELEMENTS (cues); c++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      gint start, end;

      if (!g_regex_match_full (self->cues[c], text, -1, marker_end, 0, &match, NULL))
        continue;
      g_match_info_fetch_pos (match, 0, &start, &end);
      if (start < best_start)
        {
          best_start = start;
          best_end = end;
          best = (gint) c;
          g_clear_pointer (&object, g_free);
          if (g_match_info_get_match_count (match) > 1)
            object = g_match_info_fetch (match, 1);
        }
    }
  if (best < 0)
    return NULL;

  item = g_string_new (NULL);
  g_string_append (item, cues[best].verb);
  if (object != NULL && *object != '\0')
    append_words (item, object, speaker, 1);
  rest = clause_after (text + best_end);
  if (*rest != '\0')
    append_words (item, rest, speaker, ACTION_MAX_WORDS);
  len = item->len;
  while (len > 0 && (item->str[len - 1] == ',' || item->str[len - 1] == ' '))
    len--;
  g_string_truncate (item, len);

  doer = is_request ? other_role (speaker) : speaker;
  if (doer != NULL && *doer != '\0')
    g_string_append_printf (item, " (%s)", doer);
  return g_string_free (g_steal_pointer (&item), FALSE);
}

/* "123-45-6789" → "•••-••-6789": the summary is stored, the number need not be. */
static char *
mask_number (const char *detail)
{
  GString *out = g_string_new (NULL);
  guint digits = 0;

  for (const char *p = detail; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits++;
  if (digits == 0)
    {
      g_string_append (out, detail);
      return g_string_free (out, FALSE);
    }
  for (const char *p = detail; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (digits <= 4)
            g_string_append_c (out, *p);
          else
            g_string_append (out, "•");
          digits--;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
find_flags (LiaisonSummarizer  *self,
            LiaisonCallSummary *summary,
            const char         *text,
            gint                sentence_index)
{
  LiaisonComplianceGate *gate = self->gate;
  g_autoptr(LiaisonGateDecision) decision = NULL;
  LiaisonGateRequest request = { 0 };
  gboolean found = FALSE;

  if (gate == NULL)
    {
      if (self->own_gate == NULL)
        self->own_gate = liaison_compliance_gate_new (NULL);
      gate = self->own_gate;
    }

  /* Only the body: without a recipient the gate checks nothing else that
   * depends on one, and the other reasons are ignored. */
  request.body = text;
  decision = liaison_compliance_gate_check (gate, &request);
  for (guint i = 0; i < liaison_gate_decision_get_n_reasons (decision); i++)
    {
      const char *detail;
      g_autofree char *masked = NULL;

      if (liaison_gate_decision_get_reason_kind (decision, i) != LIAISON_GATE_REASON_RISKY_PHRASE)
        continue;
      detail = liaison_gate_decision_get_reason_detail (decision, i);
      if (detail == NULL)
        continue;
      masked = mask_number (detail);
      liaison_call_summary_add_flag (summary, masked, sentence_index);
      found = TRUE;
    }
  return found;
}

/* ------------------------------------------------------------------------ */

static gint
score_compare (gconstpointer a,
               gconstpointer b)
{
  const Analysed *sa = *(const Analysed **) a;
  const Analysed *sb = *(const Analysed **) b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  return sa->position < sb->position ? -1 : (sa->position > sb->position ? 1 : 0);
}

static gint
position_compare (gconstpointer a,
                  gconstpointer b)
{
  const Analysed *sa = *(const Analysed **) a;
  const Analysed *sb = *(const Analysed **) b;

  return sa->position < sb->position ? -1 : (sa->position > sb->position ? 1 : 0);
}

static char *
make_headline (const char *text)
{
  glong n_chars = g_utf8_strlen (text, -1);
  const char *cut;
  const char *space;
  g_autofree char *head = NULL;

  if (n_chars <= HEADLINE_MAX_CHARS)
    return g_strdup (text);
  cut = g_utf8_offset_to_pointer (text, HEADLINE_MAX_CHARS);
  head = g_strndup (text, cut - text);
  space = strrchr (head, ' ');
  if (space != NULL && space > head)
    head[space - head] = '\0';
  return g_strconcat (head, "…", NULL);
}

static void
summarize_into (LiaisonSummarizer  *self,
                LiaisonCallSummary *summary,
                GPtrArray          *sentences,
                gboolean            set_text)
{
  g_autoptr(GArray) analysed = g_array_sized_new (FALSE, TRUE, sizeof (Analysed), sentences->len);
  g_autoptr(GHashTable) tf = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) df = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  g_array_set_clear_func (analysed, (GDestroyNotify) analysed_clear);

  for (guint i = 0; i < sentences->len; i++)
    {
      LiaisonTranscriptSentence *sentence = g_ptr_array_index (sentences, i);
      g_autoptr(GPtrArray) words = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *action = NULL;
      Analysed item = { 0 };
      gint index;

      g_return_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (sentence));

      item.sentence = sentence;
      item.text = clean_text (liaison_transcript_sentence_get_text (sentence));
      g_strstrip (item.text);
      if (item.text[0] == '\0')
        {
          g_free (item.text);
          continue;
        }
      item.position = n++;
      index = (gint) liaison_transcript_sentence_get_index (sentence);

      words = split_words (item.text);
      item.n_words = words->len;
      item.content = g_ptr_array_new_with_free_func (g_free);
      for (guint w = 0; w < words->len; w++)
        if (is_content_word (self, g_ptr_array_index (words, w)))
          g_ptr_array_add (item.content, g_strdup (g_ptr_array_index (words, w)));

      item.has_mention = find_mentions (self, summary, item.text, index);
      action = find_action (self, item.text, liaison_transcript_sentence_get_speaker (sentence));
      if (action != NULL)
        {
          item.has_action = TRUE;
          liaison_call_summary_add_action_item (summary, action);
        }
      find_flags (self, summary, item.text, index);

      g_array_append_val (analysed, item);

      /* Counts: the hash tables borrow the words of item.content, which
       * live as long as @analysed. */
      for (guint w = 0; w < item.content->len; w++)
        {
          char *word = g_ptr_array_index (item.content, w);

          g_hash_table_insert (tf, word, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (tf, word)) + 1));
          if (!g_hash_table_contains (seen, word))
            {
              g_hash_table_add (seen, word);
              g_hash_table_insert (df, word, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (df, word)) + 1));
            }
        }
    }

  if (analysed->len == 0)
    return;

  for (guint i = 0; i < analysed->len; i++)
    {
      Analysed *item = &g_array_index (analysed, Analysed, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      double sum = 0.0;

      for (guint w = 0; w < item->content->len; w++)
        {
          const char *word = g_ptr_array_index (item->content, w);
          guint word_tf, word_df;

          if (g_hash_table_contains (seen, word))
            continue;
          g_hash_table_add (seen, (gpointer) word);
          word_tf = GPOINTER_TO_UINT (g_hash_table_lookup (tf, word));
          word_df = GPOINTER_TO_UINT (g_hash_table_lookup (df, word));
          sum += (1.0 + log ((double) word_tf)) * log ((analysed->len + 1.0) / word_df);
        }
      item->score = sum / sqrt (MAX (item->content->len, 1));
      if (item->n_words < 4)
        item->score *= 0.2;
      else if (item->n_words < 7)
        item->score *= 0.6;
      if (g_str_has_suffix (item->text, "?"))
        item->score *= 0.8;
      if (item->has_mention)
        item->score *= 1.3;
      if (item->has_action)
        item->score *= 1.3;
      if (item->position < analysed->len / 5 + 1)
        item->score *= 1.1;
      g_ptr_array_add (ranked, item);
    }

  g_ptr_array_sort (ranked, score_compare);
  for (guint i = 0; i < ranked->len && i < self->n_key_sentences; i++)
    g_ptr_array_add (kept, g_ptr_array_index (ranked, i));
  g_ptr_array_sort (kept, position_compare);

  for (guint i = 0; i < kept->len; i++)
    {
      Analysed *item = g_ptr_array_index (kept, i);

      liaison_call_summary_add_key_sentence (summary, liaison_transcript_sentence_get_index (item->sentence));
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, item->text);
    }

  if (set_text)
    {
      g_autofree char *headline = make_headline (((Analysed *) g_ptr_array_index (ranked, 0))->text);

      liaison_call_summary_set_headline (summary, headline);
      liaison_call_summary_set_text (summary, text->str);
    }
}

LiaisonCallSummary *
liaison_summarizer_summarize (LiaisonSummarizer *self,
                              GPtrArray         *sentences)
{
  LiaisonCallSummary *summary;

  g_return_val_if_fail (LIAISON_IS_SUMMARIZER (self), NULL);
  g_return_val_if_fail (sentences != NULL, NULL);

  summary = liaison_call_summary_new (LIAISON_SUMMARY_SOURCE_DEVICE);
  summarize_into (self, summary, sentences, TRUE);
  return summary;
}

/* The first sentence of @text (up to ". ", "! " or "? "). */
static char *
first_sentence (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n'))
      return g_strndup (text, p + 1 - text);
  return g_strdup (text);
}

LiaisonCallSummary *
liaison_summarizer_summarize_operator_results (LiaisonSummarizer *self,
                                               GPtrArray         *operator_results,
                                               GPtrArray         *sentences)
{
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *generated = NULL;

  g_return_val_if_fail (LIAISON_IS_SUMMARIZER (self), NULL);
  g_return_val_if_fail (operator_results != NULL, NULL);

  for (guint i = 0; i < operator_results->len; i++)
    {
      LiaisonTwilioOperatorResult *result = g_ptr_array_index (operator_results, i);
      const char *type = liaison_twilio_operator_result_get_operator_type (result);

      if (g_strcmp0 (type, "text-generation") == 0 && generated == NULL)
        {
          const char *value = liaison_twilio_operator_result_get_text_generation_result (result);

          if (value != NULL)
            {
              generated = clean_text (value);
              g_strstrip (generated);
              if (generated[0] == '\0')
                g_clear_pointer (&generated, g_free);
            }
        }
    }
  if (generated != NULL)
    g_string_append (text, generated);

  for (guint i = 0; i < operator_results->len; i++)
    {
      LiaisonTwilioOperatorResult *result = g_ptr_array_index (operator_results, i);
      const char *label = liaison_twilio_operator_result_get_predicted_label (result);
      const char *name = liaison_twilio_operator_result_get_name (result);

      if (g_strcmp0 (liaison_twilio_operator_result_get_operator_type (result), "conversation-classify") != 0 ||
          label == NULL || *label == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", name != NULL ? name : "", label);
    }
  if (text->len == 0)
    return NULL;

  summary = liaison_call_summary_new (LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE);
  if (sentences != NULL)
    summarize_into (self, summary, sentences, FALSE);
  liaison_call_summary_set_text (summary, text->str);
  {
    g_autofree char *first = first_sentence (text->str);
    g_autofree char *headline = make_headline (first);

    liaison_call_summary_set_headline (summary, headline);
  }
  return g_steal_pointer (&summary);
}
