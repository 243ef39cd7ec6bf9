/* liaison-demo-activity.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-demo"

#include "config.h"

#include "liaison-demo-activity.h"
#include "liaison-demo-book.h"
#include "liaison-log.h"

#define FIRST_TEXT_SECONDS  8
#define TEXT_MIN_SECONDS    25
#define TEXT_MAX_SECONDS    50
#define FIRST_CALL_SECONDS  40
#define CALL_MIN_SECONDS    120
#define CALL_MAX_SECONDS    180

struct _LiaisonDemoActivity
{
  GObject       parent_instance;

  LiaisonDemo  *demo;
  char         *our_number;
  GCancellable *cancellable;
  GRand        *rand;

  guint         text_id;
  guint         call_id;
  guint         n_texts_started;
  guint         n_calls_started;
  guint         n_texts;
  guint         n_calls;
  guint         last_texter;
};

G_DEFINE_FINAL_TYPE (LiaisonDemoActivity, liaison_demo_activity, G_TYPE_OBJECT)

static gboolean text_timeout_cb (gpointer user_data);
static gboolean call_timeout_cb (gpointer user_data);

static guint
pick_person (LiaisonDemoActivity *self)
{
  guint n = liaison_demo_book_get_n_people ();
  guint i;

  if (n <= 1)
    return 0;

  /* Never the same person twice in a row. */
  i = (guint) g_rand_int_range (self->rand, 0, (gint32) n - 1);
  if (i >= self->last_texter)
    i++;
  self->last_texter = i;

  return i;
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint *counter = user_data;

  if (!liaison_demo_post_finish (LIAISON_DEMO (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The demo could not simulate an inbound event: %s", error->message);
      return;
    }

  /* Cancelled at dispose, so the activity is still alive here. */
  (*counter)++;
}

void
liaison_demo_activity_text_now (LiaisonDemoActivity *self)
{
  g_autofree char *body = NULL;
  const char *number;
  guint person;

  g_return_if_fail (LIAISON_IS_DEMO_ACTIVITY (self));

  if (liaison_demo_book_get_n_people () == 0)
    return;

  person = pick_person (self);
  number = liaison_demo_book_get_person_number (person);
  body = liaison_demo_book_inbound_text (person, self->n_texts_started++);
  LIAISON_DEBUG_MASKED (number, "Demo: a text from %s");

  liaison_demo_post_async (self->demo, "/_sim/inbound/sms", self->cancellable,
                           posted_cb, &self->n_texts,
                           "From", number,
                           "To", self->our_number,
                           "Body", body,
                           NULL);
}

void
liaison_demo_activity_call_now (LiaisonDemoActivity *self)
{
  g_autofree char *speech = NULL;
  const char *number;
  guint person;

  g_return_if_fail (LIAISON_IS_DEMO_ACTIVITY (self));

  if (liaison_demo_book_get_n_people () == 0)
    return;

  person = pick_person (self);
  number = liaison_demo_book_get_person_number (person);
  speech = liaison_demo_book_voicemail_speech (person, self->n_calls_started++);
  LIAISON_DEBUG_MASKED (number, "Demo: a call from %s");

  /* The advisor's phone is not answered: during business hours the relay
   * forwards the call there first, then takes a voicemail. */
  liaison_demo_post_async (self->demo, "/_sim/inbound/call", self->cancellable,
                           posted_cb, &self->n_calls,
                           "From", number,
                           "To", self->our_number,
                           "DialOutcome", "no-answer",
                           "Speech", speech,
                           NULL);
}

static void
schedule_text (LiaisonDemoActivity *self,
               guint                seconds)
{
  g_clear_handle_id (&self->text_id, g_source_remove);
  self->text_id = g_timeout_add_seconds (seconds, text_timeout_cb, self);
}

static void
schedule_call (LiaisonDemoActivity *self,
               guint                seconds)
{
  g_clear_handle_id (&self->call_id, g_source_remove);
  self->call_id = g_timeout_add_seconds (seconds, call_timeout_cb, self);
}

static gboolean
text_timeout_cb (gpointer user_data)
{
  LiaisonDemoActivity *self = user_data;

  self->text_id = 0;
  liaison_demo_activity_text_now (self);
  schedule_text (self, (guint) g_rand_int_range (self->rand, TEXT_MIN_SECONDS, TEXT_MAX_SECONDS + 1));

  return G_SOURCE_REMOVE;
}

static gboolean
call_timeout_cb (gpointer user_data)
{
  LiaisonDemoActivity *self = user_data;

  self->call_id = 0;
  liaison_demo_activity_call_now (self);
  schedule_call (self, (guint) g_rand_int_range (self->rand, CALL_MIN_SECONDS, CALL_MAX_SECONDS + 1));

  return G_SOURCE_REMOVE;
}

void
liaison_demo_activity_start (LiaisonDemoActivity *self)
{
  g_return_if_fail (LIAISON_IS_DEMO_ACTIVITY (self));

  if (self->text_id != 0 || self->call_id != 0)
    return;

  g_debug ("Demo activity started");
  schedule_text (self, FIRST_TEXT_SECONDS);
  schedule_call (self, FIRST_CALL_SECONDS);
}

void
liaison_demo_activity_stop (LiaisonDemoActivity *self)
{
  g_return_if_fail (LIAISON_IS_DEMO_ACTIVITY (self));

  g_clear_handle_id (&self->text_id, g_source_remove);
  g_clear_handle_id (&self->call_id, g_source_remove);
}

guint
liaison_demo_activity_get_n_texts (LiaisonDemoActivity *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO_ACTIVITY (self), 0);

  return self->n_texts;
}

guint
liaison_demo_activity_get_n_calls (LiaisonDemoActivity *self)
{
  g_return_val_if_fail (LIAISON_IS_DEMO_ACTIVITY (self), 0);

  return self->n_calls;
}

static void
liaison_demo_activity_dispose (GObject *object)
{
  LiaisonDemoActivity *self = LIAISON_DEMO_ACTIVITY (object);

  liaison_demo_activity_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->demo);

  G_OBJECT_CLASS (liaison_demo_activity_parent_class)->dispose (object);
}

static void
liaison_demo_activity_finalize (GObject *object)
{
  LiaisonDemoActivity *self = LIAISON_DEMO_ACTIVITY (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->our_number);

  G_OBJECT_CLASS (liaison_demo_activity_parent_class)->finalize (object);
}

static void
liaison_demo_activity_class_init (LiaisonDemoActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_demo_activity_dispose;
  object_class->finalize = liaison_demo_activity_finalize;
}

static void
liaison_demo_activity_init (LiaisonDemoActivity *self)
{
  self->cancellable = g_cancellable_new ();
  self->rand = g_rand_new ();
  self->last_texter = G_MAXUINT;
}

LiaisonDemoActivity *
liaison_demo_activity_new (LiaisonDemo *demo,
                           const char  *our_number)
{
  LiaisonDemoActivity *self;

  g_return_val_if_fail (LIAISON_IS_DEMO (demo), NULL);
  g_return_val_if_fail (our_number != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_DEMO_ACTIVITY, NULL);
  self->demo = g_object_ref (demo);
  self->our_number = g_strdup (our_number);

  return self;
}
