/* liaison-sim-conferences.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sim"

#include "config.h"

#include "liaison-sim-voice-private.h"

#include <string.h>

/* Conferences and participants (TWILIO.md §5.4), queues and members (§5.5).
 *
 * A conference is made by the first <Dial><Conference>name</Conference> (or
 * participant create) naming it; it is "init" until a participant with
 * startConferenceOnEnter joins, then "in-progress", and "completed" when
 * ended through the API, when a participant with endConferenceOnExit leaves,
 * or when the last participant leaves. Participants are listed while they
 * are in it. A kicked participant, or every one of an ended conference, goes
 * on with the TwiML after its <Dial> (its action, when set). The first
 * <Conference statusCallback> (or participant create with
 * ConferenceStatusCallback) sets the conference's status callback; events
 * default to "start end". A queue is made by REST or by the first <Enqueue>
 * naming it (max size 100).
 *
 * All of them are kept in the simulator's database (see the top of
 * liaison-sim-calls.c for what a restart does to those still live). */

void
sim_participant_free (SimParticipant *participant)
{
  g_free (participant->call_sid);
  g_free (participant->label);
  g_free (participant->status);
  g_free (participant);
}

void
sim_conference_free (SimConference *conference)
{
  g_free (conference->sid);
  g_free (conference->account_sid);
  g_free (conference->friendly_name);
  g_free (conference->status);
  g_free (conference->reason_ended);
  g_free (conference->call_sid_ending);
  g_clear_pointer (&conference->participants, g_ptr_array_unref);
  g_free (conference->status_callback);
  g_free (conference->status_callback_method);
  g_strfreev (conference->status_callback_events);
  g_free (conference->saved);
  g_free (conference);
}

void
sim_queue_free (SimQueue *queue)
{
  g_free (queue->sid);
  g_free (queue->account_sid);
  g_free (queue->friendly_name);
  g_clear_pointer (&queue->members, g_ptr_array_unref);
  g_clear_pointer (&queue->enqueued_at, g_hash_table_unref);
  g_free (queue->saved);
  g_free (queue);
}

static gboolean
check_account (SoupServerMessage *msg,
               SimAccount        *account,
               GMatchInfo        *match)
{
  g_autofree char *account_sid = g_match_info_fetch (match, 1);

  if (!g_str_equal (account_sid, account->sid))
    {
      sim_respond_unauthorized (msg, "Authenticate");
      return FALSE;
    }
  return TRUE;
}

static void
not_found (SoupServerMessage *msg)
{
  sim_respond_not_found (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
}

/* "true"/"false" → 1/0; NULL → -1; anything else → -2. */
static gint
parse_bool (const char *value)
{
  if (value == NULL)
    return -1;
  if (g_ascii_strcasecmp (value, "true") == 0)
    return 1;
  if (g_ascii_strcasecmp (value, "false") == 0)
    return 0;
  return -2;
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Conferences */

static SimConference *
find_conference (LiaisonSimServer *self,
                 const char       *account_sid,
                 const char       *sid)
{
  SimVoice *voice = sim_voice_get (self);

  for (guint i = 0; i < voice->conferences->len; i++)
    {
      SimConference *conference = g_ptr_array_index (voice->conferences, i);

      if (g_str_equal (conference->sid, sid) && g_str_equal (conference->account_sid, account_sid))
        return conference;
    }
  return NULL;
}

/* The live conference named @name, made when @create. */
static SimConference *
conference_by_name (LiaisonSimServer *self,
                    const char       *account_sid,
                    const char       *name,
                    gint64            now,
                    gboolean          create)
{
  SimVoice *voice = sim_voice_get (self);
  SimConference *conference;

  for (guint i = 0; i < voice->conferences->len; i++)
    {
      conference = g_ptr_array_index (voice->conferences, i);
      if (g_str_equal (conference->account_sid, account_sid) && g_str_equal (conference->friendly_name, name)
          && !g_str_equal (conference->status, "completed"))
        return conference;
    }
  if (!create)
    return NULL;

  conference = g_new0 (SimConference, 1);
  conference->sid = sim_new_sid ("CF");
  conference->account_sid = g_strdup (account_sid);
  conference->friendly_name = g_strdup (name);
  conference->status = g_strdup ("init");
  conference->seq = voice->next_seq++;
  conference->date_created = now;
  conference->date_updated = now;
  conference->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_participant_free);
  g_ptr_array_add (voice->conferences, conference);
  return conference;
}

static SimParticipant *
find_participant (SimConference *conference,
                  const char    *call_sid_or_label)
{
  for (guint i = 0; i < conference->participants->len; i++)
    {
      SimParticipant *participant = g_ptr_array_index (conference->participants, i);

      if (g_str_equal (participant->call_sid, call_sid_or_label)
          || g_strcmp0 (participant->label, call_sid_or_label) == 0)
        return participant;
    }
  return NULL;
}

static SimParticipant *
add_participant (SimConference *conference,
                 const char    *call_sid,
                 gint64         now)
{
  SimParticipant *participant = g_new0 (SimParticipant, 1);

  participant->call_sid = g_strdup (call_sid);
  participant->status = g_strdup ("queued");
  participant->start_conference_on_enter = TRUE;
  participant->date_created = now;
  participant->date_updated = now;
  g_ptr_array_add (conference->participants, participant);
  return participant;
}

/* Conference status callbacks (§3.6) */

static void
conference_set_callback (SimConference *conference,
                         const char    *url,
                         const char    *method,
                         const char    *events)
{
  if (conference->status_callback != NULL || url == NULL || *url == '\0')
    return;
  conference->status_callback = g_strdup (url);
  conference->status_callback_method = g_strdup (method);
  conference->status_callback_events = g_strsplit_set (events != NULL ? events : "start end", " ,", -1);
}

/* @event: "conference-start", "participant-join"…; @participant may be NULL. */
static void
conference_notify (LiaisonSimServer *self,
                   SimConference    *conference,
                   const char       *event,
                   SimParticipant   *participant,
                   gint64            now)
{
  SimAccount *account = g_hash_table_lookup (self->accounts, conference->account_sid);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree char *sequence = NULL;
  g_autofree char *timestamp = NULL;
  const char *short_name = strchr (event, '-') + 1;

  if (account == NULL || conference->status_callback == NULL)
    return;
  /* participant-unmute is asked for as "mute", participant-unhold as "hold". */
  if (g_str_has_prefix (short_name, "un"))
    short_name += 2;
  if (!g_strv_contains ((const char * const *) conference->status_callback_events, short_name))
    return;

  pairs = g_ptr_array_new_with_free_func (g_free);
  sequence = g_strdup_printf ("%u", conference->sequence_number++);
  timestamp = sim_format_unix (now);
  sim_pairs_add (pairs, "AccountSid", conference->account_sid);
  if (participant != NULL)
    {
      sim_pairs_add (pairs, "CallSid", participant->call_sid);
      sim_pairs_add (pairs, "Coaching", participant->coaching ? "true" : "false");
    }
  if (conference->call_sid_ending != NULL && g_str_equal (event, "conference-end"))
    sim_pairs_add (pairs, "CallSidEndingConference", conference->call_sid_ending);
  sim_pairs_add (pairs, "ConferenceSid", conference->sid);
  if (participant != NULL)
    sim_pairs_add (pairs, "EndConferenceOnExit", participant->end_conference_on_exit ? "true" : "false");
  sim_pairs_add (pairs, "FriendlyName", conference->friendly_name);
  if (participant != NULL)
    {
      sim_pairs_add (pairs, "Hold", participant->hold ? "true" : "false");
      sim_pairs_add (pairs, "Muted", participant->muted ? "true" : "false");
      if (participant->label != NULL)
        sim_pairs_add (pairs, "ParticipantLabel", participant->label);
    }
  if (conference->reason_ended != NULL && g_str_equal (event, "conference-end"))
    sim_pairs_add (pairs, "ReasonConferenceEnded", conference->reason_ended);
  sim_pairs_add (pairs, "SequenceNumber", sequence);
  if (participant != NULL)
    sim_pairs_add (pairs, "StartConferenceOnEnter", participant->start_conference_on_enter ? "true" : "false");
  sim_pairs_add (pairs, "StatusCallbackEvent", event);
  sim_pairs_add (pairs, "Timestamp", timestamp);

  sim_post_webhook (self, account, conference->status_callback, conference->status_callback_method, pairs,
                    NULL, NULL, NULL);
}

void
sim_conference_participant_ringing (LiaisonSimServer *self,
                                    SimCall          *call)
{
  SimConference *conference = find_conference (self, call->account_sid, call->conference_sid);
  SimParticipant *participant = conference != NULL ? find_participant (conference, call->sid) : NULL;

  if (participant == NULL || !g_str_equal (participant->status, "queued"))
    return;
  g_free (participant->status);
  participant->status = g_strdup ("ringing");
  participant->date_updated = call->now;
}

SimConference *
sim_conference_join (LiaisonSimServer *self,
                     SimCall          *call,
                     SimTwiml         *noun)
{
  SimConference *conference;
  SimParticipant *participant;
  const char *label = sim_twiml_get (noun, "participantLabel");

  if (noun->text == NULL || *noun->text == '\0')
    return NULL;

  conference = call->conference_sid != NULL ? find_conference (self, call->account_sid, call->conference_sid) : NULL;
  if (conference == NULL || g_str_equal (conference->status, "completed"))
    conference = conference_by_name (self, call->account_sid, noun->text, call->now, TRUE);
  if ((gint64) conference->participants->len >= sim_twiml_get_int (noun, "maxParticipants", 2, 250, 250)
      && find_participant (conference, call->sid) == NULL)
    return NULL;

  participant = find_participant (conference, call->sid);
  if (participant == NULL)
    participant = add_participant (conference, call->sid, call->now);
  g_free (participant->status);
  participant->status = g_strdup ("connected");
  participant->muted = sim_twiml_get_bool (noun, "muted", participant->muted);
  participant->start_conference_on_enter = sim_twiml_get_bool (noun, "startConferenceOnEnter",
                                                               participant->start_conference_on_enter);
  participant->end_conference_on_exit = sim_twiml_get_bool (noun, "endConferenceOnExit",
                                                            participant->end_conference_on_exit);
  if (label != NULL && participant->label == NULL)
    participant->label = g_strdup (label);
  participant->date_updated = call->now;

  conference_set_callback (conference, sim_twiml_get (noun, "statusCallback"),
                           sim_twiml_get (noun, "statusCallbackMethod"),
                           sim_twiml_get (noun, "statusCallbackEvent"));
  conference_notify (self, conference, "participant-join", participant, call->now);
  if (participant->start_conference_on_enter && g_str_equal (conference->status, "init"))
    {
      g_free (conference->status);
      conference->status = g_strdup ("in-progress");
      conference_notify (self, conference, "conference-start", NULL, call->now);
    }
  conference->date_updated = call->now;
  g_free (call->conference_sid);
  call->conference_sid = g_strdup (conference->sid);

  return conference;
}

/* Ends @conference; every participant's call goes on after its <Dial>. */
static void
conference_end (LiaisonSimServer *self,
                SimConference    *conference,
                const char       *reason,
                const char       *call_sid,
                gint64            now)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_free);

  if (g_str_equal (conference->status, "completed"))
    return;
  g_free (conference->status);
  conference->status = g_strdup ("completed");
  conference->reason_ended = g_strdup (reason);
  conference->call_sid_ending = g_strdup (call_sid);
  conference->date_updated = now;

  for (guint i = 0; i < conference->participants->len; i++)
    {
      SimParticipant *participant = g_ptr_array_index (conference->participants, i);

      g_ptr_array_add (calls, g_strdup (participant->call_sid));
      if (g_str_equal (participant->status, "connected"))
        conference_notify (self, conference, "participant-leave", participant, now);
    }
  g_ptr_array_set_size (conference->participants, 0);
  conference_notify (self, conference, "conference-end", NULL, now);

  for (guint i = 0; i < calls->len; i++)
    {
      SimCall *call = sim_voice_find_call (self, g_ptr_array_index (calls, i));

      if (call == NULL)
        continue;
      g_clear_pointer (&call->conference_sid, g_free);
      if (call->wait == WAIT_CONFERENCE)
        sim_call_resume (self, call, NULL, NULL);
    }
}

void
sim_conference_leave (LiaisonSimServer *self,
                      SimCall          *call,
                      gboolean          kicked)
{
  SimConference *conference = find_conference (self, call->account_sid, call->conference_sid);
  SimParticipant *participant;
  gboolean ends;

  g_clear_pointer (&call->conference_sid, g_free);
  if (conference == NULL || g_str_equal (conference->status, "completed"))
    return;
  participant = find_participant (conference, call->sid);
  if (participant == NULL)
    return;

  ends = participant->end_conference_on_exit && g_str_equal (participant->status, "connected");
  if (g_str_equal (participant->status, "connected"))
    conference_notify (self, conference, "participant-leave", participant, call->now);
  g_ptr_array_remove (conference->participants, participant);
  conference->date_updated = call->now;

  if (ends)
    conference_end (self, conference,
                    kicked ? "participant-with-end-conference-on-exit-kicked"
                           : "participant-with-end-conference-on-exit-left",
                    call->sid, call->now);
  else if (conference->participants->len == 0)
    conference_end (self, conference, kicked ? "last-participant-kicked" : "last-participant-left",
                    call->sid, call->now);
}

static void
build_conference (JsonBuilder   *builder,
                  SimConference *conference)
{
  g_autofree char *base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Conferences/%s",
                                           conference->account_sid, conference->sid);
  g_autofree char *uri = g_strconcat (base, ".json", NULL);
  g_autofree char *participants = g_strconcat (base, "/Participants.json", NULL);
  g_autofree char *recordings = g_strconcat (base, "/Recordings.json", NULL);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", conference->account_sid);
  sim_add_string_or_null (builder, "api_version", "2010-04-01");
  sim_add_string_or_null (builder, "call_sid_ending_conference", conference->call_sid_ending);
  sim_add_date_member (builder, "date_created", conference->date_created);
  sim_add_date_member (builder, "date_updated", conference->date_updated);
  sim_add_string_or_null (builder, "friendly_name", conference->friendly_name);
  /* null while it runs, but the document does not declare the enum
   * nullable: left out until there is a reason. */
  if (conference->reason_ended != NULL)
    sim_add_string_or_null (builder, "reason_conference_ended", conference->reason_ended);
  sim_add_string_or_null (builder, "region", "us1");
  sim_add_string_or_null (builder, "sid", conference->sid);
  sim_add_string_or_null (builder, "status", conference->status);
  json_builder_set_member_name (builder, "subresource_uris");
  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "participants", participants);
  sim_add_string_or_null (builder, "recordings", recordings);
  json_builder_end_object (builder);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
respond_conference (SoupServerMessage *msg,
                    SimConference     *conference)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_conference (builder, conference);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
build_participant (JsonBuilder    *builder,
                   SimConference  *conference,
                   SimParticipant *participant)
{
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Conferences/%s/Participants/%s.json",
                                          conference->account_sid, conference->sid, participant->call_sid);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", conference->account_sid);
  sim_add_string_or_null (builder, "call_sid", participant->call_sid);
  sim_add_string_or_null (builder, "call_sid_to_coach", NULL);
  add_bool (builder, "coaching", participant->coaching);
  sim_add_string_or_null (builder, "conference_sid", conference->sid);
  sim_add_date_member (builder, "date_created", participant->date_created);
  sim_add_date_member (builder, "date_updated", participant->date_updated);
  add_bool (builder, "end_conference_on_exit", participant->end_conference_on_exit);
  add_bool (builder, "hold", participant->hold);
  sim_add_string_or_null (builder, "label", participant->label);
  add_bool (builder, "muted", participant->muted);
  sim_add_string_or_null (builder, "queue_time", "0");
  add_bool (builder, "start_conference_on_enter", participant->start_conference_on_enter);
  sim_add_string_or_null (builder, "status", participant->status);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
respond_participant (SoupServerMessage *msg,
                     guint              status,
                     SimConference     *conference,
                     SimParticipant    *participant)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_participant (builder, conference, participant);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, status, root);
}

static void
append_filter (GString    *filters,
               const char *name,
               const char *value)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (filters, "%s=%s&", escaped_name, escaped);
}

void
sim_handle_conferences_list (LiaisonSimServer  *self,
                             SoupServerMessage *msg,
                             SimAccount        *account,
                             GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = NULL;
  g_autoptr(GString) filters = g_string_new (NULL);
  SimVoice *voice = sim_voice_get (self);
  const char *name, *status;
  JsonArray *items;
  SimPaging paging;
  gint64 skip, last_seq = 0;
  gboolean has_more = FALSE;

  if (!check_account (msg, account, match))
    return;
  query = sim_request_query (msg);
  if (!sim_paging_parse (msg, query, &paging))
    return;
  name = sim_form_get (query, "FriendlyName");
  status = sim_form_get (query, "Status");
  if (status != NULL && !g_str_equal (status, "init") && !g_str_equal (status, "in-progress")
      && !g_str_equal (status, "completed"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Status must be init, in-progress or completed");
      return;
    }
  if (name != NULL)
    append_filter (filters, "FriendlyName", name);
  if (status != NULL)
    append_filter (filters, "Status", status);

  items = json_array_new ();
  skip = paging.after_seq >= 0 ? 0 : paging.page * paging.page_size;
  for (guint i = voice->conferences->len; i > 0; i--)
    {
      SimConference *conference = g_ptr_array_index (voice->conferences, i - 1);
      g_autoptr(JsonBuilder) builder = NULL;

      if (!g_str_equal (conference->account_sid, account->sid)
          || (paging.after_seq >= 0 && conference->seq >= paging.after_seq)
          || (name != NULL && !g_str_equal (conference->friendly_name, name))
          || (status != NULL && !g_str_equal (conference->status, status)))
        continue;
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if ((gint64) json_array_get_length (items) == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      builder = json_builder_new ();
      build_conference (builder, conference);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = conference->seq;
    }
  sim_respond_page (self, msg, &paging, FALSE, "conferences", items, has_more, last_seq, filters->str);
}

static SimConference *
lookup_conference (LiaisonSimServer  *self,
                   SoupServerMessage *msg,
                   SimAccount        *account,
                   GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 2);
  SimConference *conference;

  if (!check_account (msg, account, match))
    return NULL;
  conference = find_conference (self, account->sid, sid);
  if (conference == NULL)
    not_found (msg);
  return conference;
}

void
sim_handle_conference_fetch (LiaisonSimServer  *self,
                             SoupServerMessage *msg,
                             SimAccount        *account,
                             GMatchInfo        *match)
{
  SimConference *conference = lookup_conference (self, msg, account, match);

  if (conference != NULL)
    respond_conference (msg, conference);
}

void
sim_handle_conference_update (LiaisonSimServer  *self,
                              SoupServerMessage *msg,
                              SimAccount        *account,
                              GMatchInfo        *match)
{
  SimConference *conference = lookup_conference (self, msg, account, match);
  g_autoptr(GPtrArray) form = NULL;
  const char *status;

  if (conference == NULL)
    return;
  form = sim_request_form (msg);
  status = sim_form_get (form, "Status");
  if (status != NULL && !g_str_equal (status, "completed"))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Status can only be updated to 'completed'");
      return;
    }
  if (status != NULL)
    conference_end (self, conference, "conference-ended-via-api", NULL, self->clock);
  respond_conference (msg, conference);
  sim_call_run_due (self);
}

/* Participants */

void
sim_handle_participants_list (LiaisonSimServer  *self,
                              SoupServerMessage *msg,
                              SimAccount        *account,
                              GMatchInfo        *match)
{
  SimConference *conference = lookup_conference (self, msg, account, match);
  g_autoptr(GPtrArray) query = NULL;
  g_autoptr(GString) filters = g_string_new (NULL);
  static const char * const names[] = { "Muted", "Hold", "Coaching" };
  gint wanted[G_N_ELEMENTS (names)];
  JsonArray *items;
  SimPaging paging;
  gint64 skip, position = 0, last_seq = 0;
  gboolean has_more = FALSE;

  if (conference == NULL)
    return;
  query = sim_request_query (msg);
  if (!sim_paging_parse (msg, query, &paging))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      wanted[i] = parse_bool (sim_form_get (query, names[i]));
      if (wanted[i] == -2)
        {
          g_autofree char *message = g_strdup_printf ("%s must be true or false", names[i]);

          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, message);
          return;
        }
      if (wanted[i] >= 0)
        append_filter (filters, names[i], sim_form_get (query, names[i]));
    }

  /* Keyset paging over the list position (oldest participant first). */
  items = json_array_new ();
  skip = paging.after_seq >= 0 ? 0 : paging.page * paging.page_size;
  for (guint i = 0; i < conference->participants->len; i++)
    {
      SimParticipant *participant = g_ptr_array_index (conference->participants, i);
      g_autoptr(JsonBuilder) builder = NULL;

      position = i + 1;
      if ((paging.after_seq >= 0 && position <= paging.after_seq)
          || (wanted[0] >= 0 && participant->muted != wanted[0])
          || (wanted[1] >= 0 && participant->hold != wanted[1])
          || (wanted[2] >= 0 && participant->coaching != wanted[2]))
        continue;
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if ((gint64) json_array_get_length (items) == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      builder = json_builder_new ();
      build_participant (builder, conference, participant);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = position;
    }
  sim_respond_page (self, msg, &paging, FALSE, "participants", items, has_more, last_seq, filters->str);
}

void
sim_handle_participants_create (LiaisonSimServer  *self,
                                SoupServerMessage *msg,
                                SimAccount        *account,
                                GMatchInfo        *match)
{
  g_autofree char *sid_or_name = g_match_info_fetch (match, 2);
  g_autoptr(GPtrArray) form = NULL;
  g_autofree char *twiml = NULL;
  const char *from, *to, *label;
  SimConference *conference;
  SimParticipant *participant;
  SimCall *call;
  gint muted, start, end;
  gint64 timeout;

  if (!check_account (msg, account, match))
    return;
  form = sim_request_form (msg);
  from = sim_form_get (form, "From");
  to = sim_form_get (form, "To");
  label = sim_form_get (form, "Label");
  muted = parse_bool (sim_form_get (form, "Muted"));
  start = parse_bool (sim_form_get (form, "StartConferenceOnEnter"));
  end = parse_bool (sim_form_get (form, "EndConferenceOnExit"));

  if (to == NULL || !(sim_is_e164 (to) || g_str_has_prefix (to, "client:") || g_str_has_prefix (to, "sip:")))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, to == NULL ? 21201 : 21211, "Invalid 'To' Phone Number");
      return;
    }
  if (from == NULL || !(sim_is_e164 (from) || g_str_has_prefix (from, "client:")))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, from == NULL ? 21213 : 21212, "Invalid From Number (caller ID)");
      return;
    }
  if (muted == -2 || start == -2 || end == -2)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Muted, StartConferenceOnEnter and EndConferenceOnExit are true or false");
      return;
    }
  if (!sim_form_get_int (form, "Timeout", 5, 600, 60, &timeout))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Timeout must be between 5 and 600");
      return;
    }

  /* The path takes the conference SID or, to make one, its name. */
  if (sim_is_sid (sid_or_name, "CF"))
    {
      conference = find_conference (self, account->sid, sid_or_name);
      if (conference == NULL)
        {
          not_found (msg);
          return;
        }
      if (g_str_equal (conference->status, "completed"))
        {
          sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "The conference is over");
          return;
        }
    }
  else
    {
      conference = conference_by_name (self, account->sid, sid_or_name, self->clock, TRUE);
    }
  if (label != NULL && find_participant (conference, label) != NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "A participant already has this Label");
      return;
    }

  twiml = g_markup_printf_escaped ("<Response><Dial><Conference muted=\"%s\" startConferenceOnEnter=\"%s\""
                                   " endConferenceOnExit=\"%s\">%s</Conference></Dial></Response>",
                                   muted == 1 ? "true" : "false", start == 0 ? "false" : "true",
                                   end == 1 ? "true" : "false", conference->friendly_name);
  call = sim_call_create_outbound (self, account, to, from, twiml, (gint) timeout,
                                   sim_form_get (form, "StatusCallback"),
                                   sim_form_get (form, "StatusCallbackMethod"),
                                   sim_call_parse_events (form, "StatusCallbackEvent"));
  call->conference_sid = g_strdup (conference->sid);
  conference_set_callback (conference, sim_form_get (form, "ConferenceStatusCallback"),
                           sim_form_get (form, "ConferenceStatusCallbackMethod"),
                           sim_form_get (form, "ConferenceStatusCallbackEvent"));
  participant = add_participant (conference, call->sid, self->clock);
  participant->label = g_strdup (label);
  participant->muted = muted == 1;
  participant->start_conference_on_enter = start != 0;
  participant->end_conference_on_exit = end == 1;

  respond_participant (msg, SOUP_STATUS_CREATED, conference, participant);
}

static SimParticipant *
lookup_participant (LiaisonSimServer  *self,
                    SoupServerMessage *msg,
                    SimAccount        *account,
                    GMatchInfo        *match,
                    SimConference    **out_conference)
{
  SimConference *conference = lookup_conference (self, msg, account, match);
  g_autofree char *key = NULL;
  g_autofree char *unescaped = NULL;
  SimParticipant *participant;

  if (conference == NULL)
    return NULL;
  key = g_match_info_fetch (match, 3);
  unescaped = g_uri_unescape_string (key, NULL);
  participant = find_participant (conference, unescaped != NULL ? unescaped : key);
  if (participant == NULL)
    not_found (msg);
  *out_conference = conference;
  return participant;
}

void
sim_handle_participant_fetch (LiaisonSimServer  *self,
                              SoupServerMessage *msg,
                              SimAccount        *account,
                              GMatchInfo        *match)
{
  SimConference *conference = NULL;
  SimParticipant *participant = lookup_participant (self, msg, account, match, &conference);

  if (participant != NULL)
    respond_participant (msg, SOUP_STATUS_OK, conference, participant);
}

void
sim_handle_participant_update (LiaisonSimServer  *self,
                               SoupServerMessage *msg,
                               SimAccount        *account,
                               GMatchInfo        *match)
{
  SimConference *conference = NULL;
  SimParticipant *participant = lookup_participant (self, msg, account, match, &conference);
  g_autoptr(GPtrArray) form = NULL;
  gint muted, hold, end;

  if (participant == NULL)
    return;
  form = sim_request_form (msg);
  muted = parse_bool (sim_form_get (form, "Muted"));
  hold = parse_bool (sim_form_get (form, "Hold"));
  end = parse_bool (sim_form_get (form, "EndConferenceOnExit"));
  if (muted == -2 || hold == -2 || end == -2)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Muted, Hold and EndConferenceOnExit are true or false");
      return;
    }
  if (muted >= 0 && participant->muted != muted)
    {
      participant->muted = muted;
      conference_notify (self, conference, muted ? "participant-mute" : "participant-unmute",
                         participant, self->clock);
    }
  if (hold >= 0 && participant->hold != hold)
    {
      participant->hold = hold;
      conference_notify (self, conference, hold ? "participant-hold" : "participant-unhold",
                         participant, self->clock);
    }
  if (end >= 0)
    participant->end_conference_on_exit = end;
  participant->date_updated = self->clock;
  conference->date_updated = self->clock;
  respond_participant (msg, SOUP_STATUS_OK, conference, participant);
}

void
sim_handle_participant_delete (LiaisonSimServer  *self,
                               SoupServerMessage *msg,
                               SimAccount        *account,
                               GMatchInfo        *match)
{
  SimConference *conference = NULL;
  SimParticipant *participant = lookup_participant (self, msg, account, match, &conference);
  SimCall *call;

  if (participant == NULL)
    return;
  call = sim_voice_find_call (self, participant->call_sid);
  if (call == NULL)
    {
      g_ptr_array_remove (conference->participants, participant);
    }
  else
    {
      gboolean waiting = call->wait == WAIT_CONFERENCE;

      call->now = MAX (call->now, self->clock);
      sim_conference_leave (self, call, TRUE);
      if (waiting)
        sim_call_resume (self, call, NULL, NULL);
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  sim_call_run_due (self);
}

/* Queues */

static SimQueue *
queue_new (LiaisonSimServer *self,
           const char       *account_sid,
           const char       *name,
           gint64            max_size)
{
  SimVoice *voice = sim_voice_get (self);
  SimQueue *queue = g_new0 (SimQueue, 1);

  queue->sid = sim_new_sid ("QU");
  queue->account_sid = g_strdup (account_sid);
  queue->friendly_name = g_strdup (name);
  queue->max_size = max_size;
  queue->seq = voice->next_seq++;
  queue->date_created = self->clock;
  queue->date_updated = self->clock;
  queue->members = g_ptr_array_new_with_free_func (g_free);
  queue->enqueued_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (voice->queues, queue);
  return queue;
}

SimQueue *
sim_queue_find_by_name (LiaisonSimServer *self,
                        const char       *account_sid,
                        const char       *name,
                        gboolean          create)
{
  SimVoice *voice = sim_voice_get (self);

  if (name == NULL || *name == '\0' || g_utf8_strlen (name, -1) > 64)
    return NULL;
  for (guint i = 0; i < voice->queues->len; i++)
    {
      SimQueue *queue = g_ptr_array_index (voice->queues, i);

      if (g_str_equal (queue->account_sid, account_sid) && g_str_equal (queue->friendly_name, name))
        return queue;
    }
  return create ? queue_new (self, account_sid, name, 100) : NULL;
}

void
sim_queue_remove_member (SimQueue   *queue,
                         const char *call_sid,
                         gint64      now)
{
  gint64 *at = g_hash_table_lookup (queue->enqueued_at, call_sid);

  for (guint i = 0; i < queue->members->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (queue->members, i), call_sid))
        {
          g_ptr_array_remove_index (queue->members, i);
          break;
        }
    }
  if (at != NULL)
    {
      queue->total_wait += now - *at;
      queue->n_dequeued++;
      g_hash_table_remove (queue->enqueued_at, call_sid);
    }
  queue->date_updated = now;
}

static SimQueue *
find_queue (LiaisonSimServer *self,
            const char       *account_sid,
            const char       *sid)
{
  SimVoice *voice = sim_voice_get (self);

  for (guint i = 0; i < voice->queues->len; i++)
    {
      SimQueue *queue = g_ptr_array_index (voice->queues, i);

      if (g_str_equal (queue->sid, sid) && g_str_equal (queue->account_sid, account_sid))
        return queue;
    }
  return NULL;
}

static void
build_queue (JsonBuilder *builder,
             SimQueue    *queue)
{
  g_autofree char *base = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Queues/%s",
                                           queue->account_sid, queue->sid);
  g_autofree char *uri = g_strconcat (base, ".json", NULL);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "account_sid", queue->account_sid);
  add_int (builder, "average_wait_time", queue->n_dequeued > 0 ? queue->total_wait / queue->n_dequeued : 0);
  add_int (builder, "current_size", queue->members->len);
  sim_add_date_member (builder, "date_created", queue->date_created);
  sim_add_date_member (builder, "date_updated", queue->date_updated);
  sim_add_string_or_null (builder, "friendly_name", queue->friendly_name);
  add_int (builder, "max_size", queue->max_size);
  sim_add_string_or_null (builder, "sid", queue->sid);
  sim_add_string_or_null (builder, "uri", uri);
  json_builder_end_object (builder);
}

static void
respond_queue (SoupServerMessage *msg,
               guint              status,
               SimQueue          *queue)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  build_queue (builder, queue);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, status, root);
}

static gboolean
check_queue_form (SoupServerMessage *msg,
                  GPtrArray         *form,
                  gboolean           create,
                  gint64             fallback_size,
                  gint64            *out_size)
{
  const char *name = sim_form_get (form, "FriendlyName");

  if ((create && name == NULL) || (name != NULL && (*name == '\0' || g_utf8_strlen (name, -1) > 64)))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001,
                         "FriendlyName is required and at most 64 characters long");
      return FALSE;
    }
  if (!sim_form_get_int (form, "MaxSize", 1, 5000, fallback_size, out_size))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "MaxSize must be between 1 and 5000");
      return FALSE;
    }
  return TRUE;
}

void
sim_handle_queues_create (LiaisonSimServer  *self,
                          SoupServerMessage *msg,
                          SimAccount        *account,
                          GMatchInfo        *match)
{
  g_autoptr(GPtrArray) form = NULL;
  gint64 max_size;
  SimQueue *queue;

  if (!check_account (msg, account, match))
    return;
  form = sim_request_form (msg);
  if (!check_queue_form (msg, form, TRUE, 1000, &max_size))
    return;
  if (sim_queue_find_by_name (self, account->sid, sim_form_get (form, "FriendlyName"), FALSE) != NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "A queue with this FriendlyName already exists");
      return;
    }
  queue = queue_new (self, account->sid, sim_form_get (form, "FriendlyName"), max_size);
  respond_queue (msg, SOUP_STATUS_CREATED, queue);
}

void
sim_handle_queues_list (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  g_autoptr(GPtrArray) query = NULL;
  SimVoice *voice = sim_voice_get (self);
  JsonArray *items;
  SimPaging paging;
  gint64 skip, last_seq = 0;
  gboolean has_more = FALSE;

  if (!check_account (msg, account, match))
    return;
  query = sim_request_query (msg);
  if (!sim_paging_parse (msg, query, &paging))
    return;

  items = json_array_new ();
  skip = paging.after_seq >= 0 ? 0 : paging.page * paging.page_size;
  for (guint i = voice->queues->len; i > 0; i--)
    {
      SimQueue *queue = g_ptr_array_index (voice->queues, i - 1);
      g_autoptr(JsonBuilder) builder = NULL;

      if (!g_str_equal (queue->account_sid, account->sid)
          || (paging.after_seq >= 0 && queue->seq >= paging.after_seq))
        continue;
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if ((gint64) json_array_get_length (items) == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      builder = json_builder_new ();
      build_queue (builder, queue);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = queue->seq;
    }
  sim_respond_page (self, msg, &paging, FALSE, "queues", items, has_more, last_seq, NULL);
}

static SimQueue *
lookup_queue (LiaisonSimServer  *self,
              SoupServerMessage *msg,
              SimAccount        *account,
              GMatchInfo        *match)
{
  g_autofree char *sid = g_match_info_fetch (match, 2);
  SimQueue *queue;

  if (!check_account (msg, account, match))
    return NULL;
  queue = find_queue (self, account->sid, sid);
  if (queue == NULL)
    not_found (msg);
  return queue;
}

void
sim_handle_queue_fetch (LiaisonSimServer  *self,
                        SoupServerMessage *msg,
                        SimAccount        *account,
                        GMatchInfo        *match)
{
  SimQueue *queue = lookup_queue (self, msg, account, match);

  if (queue != NULL)
    respond_queue (msg, SOUP_STATUS_OK, queue);
}

void
sim_handle_queue_update (LiaisonSimServer  *self,
                         SoupServerMessage *msg,
                         SimAccount        *account,
                         GMatchInfo        *match)
{
  SimQueue *queue = lookup_queue (self, msg, account, match);
  g_autoptr(GPtrArray) form = NULL;
  const char *name;
  gint64 max_size;

  if (queue == NULL)
    return;
  form = sim_request_form (msg);
  if (!check_queue_form (msg, form, FALSE, queue->max_size, &max_size))
    return;
  name = sim_form_get (form, "FriendlyName");
  if (name != NULL && !g_str_equal (name, queue->friendly_name)
      && sim_queue_find_by_name (self, account->sid, name, FALSE) != NULL)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "A queue with this FriendlyName already exists");
      return;
    }
  if (name != NULL)
    {
      g_free (queue->friendly_name);
      queue->friendly_name = g_strdup (name);
    }
  queue->max_size = max_size;
  queue->date_updated = self->clock;
  respond_queue (msg, SOUP_STATUS_OK, queue);
}

void
sim_handle_queue_delete (LiaisonSimServer  *self,
                         SoupServerMessage *msg,
                         SimAccount        *account,
                         GMatchInfo        *match)
{
  SimQueue *queue = lookup_queue (self, msg, account, match);

  if (queue == NULL)
    return;
  if (queue->members->len > 0)
    {
      /* "Remove an empty queue" [SPEC]; the code is [INF]. */
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "The queue is not empty");
      return;
    }
  sim_voice_db_delete (self, queue->sid);
  g_ptr_array_remove (sim_voice_get (self)->queues, queue);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Members */

static void
build_member (JsonBuilder *builder,
              SimQueue    *queue,
              guint        index,
              gint64       now)
{
  const char *call_sid = g_ptr_array_index (queue->members, index);
  gint64 *at = g_hash_table_lookup (queue->enqueued_at, call_sid);
  g_autofree char *uri = g_strdup_printf (API_VERSION_PATH "/Accounts/%s/Queues/%s/Members/%s.json",
                                          queue->account_sid, queue->sid, call_sid);

  json_builder_begin_object (builder);
  sim_add_string_or_null (builder, "call_sid", call_sid);
  sim_add_date_member (builder, "date_enqueued", at != NULL ? *at : now);
  add_int (builder, "position", index + 1);
  sim_add_string_or_null (builder, "queue_sid", queue->sid);
  sim_add_string_or_null (builder, "uri", uri);
  add_int (builder, "wait_time", at != NULL ? MAX (now - *at, 0) : 0);
  json_builder_end_object (builder);
}

void
sim_handle_members_list (LiaisonSimServer  *self,
                         SoupServerMessage *msg,
                         SimAccount        *account,
                         GMatchInfo        *match)
{
  SimQueue *queue = lookup_queue (self, msg, account, match);
  g_autoptr(GPtrArray) query = NULL;
  JsonArray *items;
  SimPaging paging;
  gint64 skip, last_seq = 0;
  gboolean has_more = FALSE;

  if (queue == NULL)
    return;
  query = sim_request_query (msg);
  if (!sim_paging_parse (msg, query, &paging))
    return;

  /* Front first; the token is the position. */
  items = json_array_new ();
  skip = paging.after_seq >= 0 ? 0 : paging.page * paging.page_size;
  for (guint i = 0; i < queue->members->len; i++)
    {
      g_autoptr(JsonBuilder) builder = NULL;

      if (paging.after_seq >= 0 && (gint64) i + 1 <= paging.after_seq)
        continue;
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if ((gint64) json_array_get_length (items) == paging.page_size)
        {
          has_more = TRUE;
          break;
        }
      builder = json_builder_new ();
      build_member (builder, queue, i, self->clock);
      json_array_add_element (items, json_builder_get_root (builder));
      last_seq = i + 1;
    }
  sim_respond_page (self, msg, &paging, FALSE, "queue_members", items, has_more, last_seq, NULL);
}

/* The member's index, or -1 (answered 404). "Front" is the head. */
static gint
lookup_member (SoupServerMessage *msg,
               SimQueue          *queue,
               GMatchInfo        *match)
{
  g_autofree char *call_sid = g_match_info_fetch (match, 3);

  if (g_str_equal (call_sid, "Front") && queue->members->len > 0)
    return 0;
  for (guint i = 0; i < queue->members->len; i++)
    if (g_str_equal (g_ptr_array_index (queue->members, i), call_sid))
      return (gint) i;
  not_found (msg);
  return -1;
}

void
sim_handle_member_fetch (LiaisonSimServer  *self,
                         SoupServerMessage *msg,
                         SimAccount        *account,
                         GMatchInfo        *match)
{
  SimQueue *queue = lookup_queue (self, msg, account, match);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint index;

  if (queue == NULL || (index = lookup_member (msg, queue, match)) < 0)
    return;
  builder = json_builder_new ();
  build_member (builder, queue, index, self->clock);
  root = json_builder_get_root (builder);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
}

void
sim_handle_member_update (LiaisonSimServer  *self,
                          SoupServerMessage *msg,
                          SimAccount        *account,
                          GMatchInfo        *match)
{
  SimQueue *queue = lookup_queue (self, msg, account, match);
  g_autoptr(GPtrArray) form = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *call_sid = NULL;
  const char *url, *method;
  SimCall *call;
  gint index;

  if (queue == NULL || (index = lookup_member (msg, queue, match)) < 0)
    return;
  form = sim_request_form (msg);
  url = sim_form_get (form, "Url");
  method = sim_form_get (form, "Method");
  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 21205, "Url is required and must be an absolute URL");
      return;
    }
  if (method != NULL && g_ascii_strcasecmp (method, "GET") != 0 && g_ascii_strcasecmp (method, "POST") != 0)
    {
      sim_respond_error (msg, SOUP_STATUS_BAD_REQUEST, 20001, "Method must be GET or POST");
      return;
    }

  /* Answered with the member as it was, then it leaves for the new TwiML. */
  builder = json_builder_new ();
  build_member (builder, queue, index, self->clock);
  root = json_builder_get_root (builder);
  call_sid = g_strdup (g_ptr_array_index (queue->members, index));
  sim_queue_remove_member (queue, call_sid, self->clock);

  call = sim_voice_find_call (self, call_sid);
  if (call != NULL)
    sim_call_resume (self, call, url, method);
  sim_respond_json (msg, SOUP_STATUS_OK, root);
  sim_call_run_due (self);
}
