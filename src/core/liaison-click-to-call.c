/* liaison-click-to-call.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-click-to-call"

#include "config.h"

#include "liaison-click-to-call.h"
#include "liaison-log.h"
#include "liaison-phone.h"

#include <glib/gi18n-lib.h>

#include <string.h>

struct _LiaisonClickToCall
{
  GObject              parent_instance;

  LiaisonTwilioClient *client;
  char                *relay_url;   /* no trailing '/' */
  char                *advisor;     /* may be NULL */
};

G_DEFINE_FINAL_TYPE (LiaisonClickToCall, liaison_click_to_call, G_TYPE_OBJECT)

G_DEFINE_QUARK (liaison-click-to-call-error-quark, liaison_click_to_call_error)

static const char * const status_events[] = { "initiated", "ringing", "answered", "completed", NULL };

char *
liaison_click_to_call_build_outbound_url (const char *relay_public_url,
                                          const char *advisor,
                                          const char *client_number)
{
  g_autoptr(GString) url = NULL;
  g_autofree char *escaped_client = NULL;

  g_return_val_if_fail (relay_public_url != NULL, NULL);
  g_return_val_if_fail (client_number != NULL, NULL);

  url = g_string_new (relay_public_url);
  while (url->len > 0 && url->str[url->len - 1] == '/')
    g_string_truncate (url, url->len - 1);
  g_string_append (url, "/twilio/voice/outbound?");
  if (advisor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (advisor, NULL, FALSE);

      g_string_append_printf (url, "advisor=%s&", escaped);
    }
  escaped_client = g_uri_escape_string (client_number, NULL, FALSE);
  g_string_append_printf (url, "client=%s", escaped_client);

  return g_string_free (g_steal_pointer (&url), FALSE);
}

char *
liaison_click_to_call_room_for_call (const char *call_sid)
{
  g_return_val_if_fail (call_sid != NULL, NULL);

  return g_strconcat ("ctc-", call_sid, NULL);
}

/* "{relay}/twilio/{step}[?advisor=…][&name=value]" */
static char *
relay_url (LiaisonClickToCall *self,
           const char         *step,
           const char         *name,
           const char         *value)
{
  g_autoptr(GString) url = g_string_new (self->relay_url);
  const char *separator = "?";

  g_string_append_printf (url, "/twilio/%s", step);
  if (self->advisor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->advisor, NULL, FALSE);

      g_string_append_printf (url, "?advisor=%s", escaped);
      separator = "&";
    }
  if (name != NULL && value != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (url, "%s%s=%s", separator, name, escaped);
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

static gboolean
check_relay (LiaisonClickToCall  *self,
             GError             **error)
{
  if (self->relay_url == NULL || (!g_str_has_prefix (self->relay_url, "https://")
                                  && !g_str_has_prefix (self->relay_url, "http://")))
    {
      g_set_error_literal (error, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_NO_RELAY,
                           _("Calls need the relay: set its address in the preferences first."));
      return FALSE;
    }
  return TRUE;
}

/* @what names the number in the error ("Your phone number", …). */
static char *
normalize (const char  *text,
           const char  *what,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *e164;

  if (text == NULL || *text == '\0')
    {
      /* Translators: %s is "Your phone number", "The client’s number"… */
      g_set_error (error, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER,
                   _("%s is missing."), what);
      return NULL;
    }
  e164 = liaison_phone_normalize (text, "US", &local_error);
  if (e164 == NULL)
    {
      /* Translators: the first %s is "Your phone number", "The client’s
       * number"…; the second says what is wrong with it. */
      g_set_error (error, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_INVALID_NUMBER,
                   _("%s is not a valid phone number: %s"), what, local_error->message);
      return NULL;
    }
  return e164;
}

/* Start */

typedef struct {
  char *client_number;
} StartData;

static void
start_data_free (StartData *data)
{
  g_free (data->client_number);
  g_free (data);
}

static void
create_call_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StartData *data = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioCall) call = NULL;
  GError *error = NULL;

  call = liaison_twilio_client_call_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (call == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  LIAISON_DEBUG_MASKED (data->client_number, "Click-to-call to %s created");
  g_task_return_pointer (task, liaison_live_call_new (liaison_twilio_call_get_sid (call), data->client_number),
                         g_object_unref);
}

void
liaison_click_to_call_start_async (LiaisonClickToCall  *self,
                                   const char          *advisor_phone,
                                   const char          *client_number,
                                   const char          *twilio_number,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *advisor_e164 = NULL;
  g_autofree char *client_e164 = NULL;
  g_autofree char *from_e164 = NULL;
  g_autofree char *url = NULL;
  g_autofree char *status_url = NULL;
  LiaisonTwilioCallOptions options = { 0 };
  StartData *data;

  g_return_if_fail (LIAISON_IS_CLICK_TO_CALL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_click_to_call_start_async);

  if (!check_relay (self, &error)
      || (advisor_e164 = normalize (advisor_phone, _("Your phone number"), &error)) == NULL
      || (client_e164 = normalize (client_number, _("The client’s number"), &error)) == NULL
      || (from_e164 = normalize (twilio_number, _("The Twilio number to call from"), &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_str_equal (advisor_e164, client_e164))
    {
      g_task_return_new_error (task, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_SAME_NUMBER,
                               _("The client’s number is your own phone number."));
      return;
    }

  data = g_new0 (StartData, 1);
  data->client_number = g_strdup (client_e164);
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);

  url = liaison_click_to_call_build_outbound_url (self->relay_url, self->advisor, client_e164);
  status_url = relay_url (self, "voice/status", NULL, NULL);
  options.url = url;
  options.method = "POST";
  options.status_callback = status_url;
  options.status_callback_events = status_events;

  liaison_twilio_client_create_call_async (self->client, advisor_e164, from_e164, &options, cancellable,
                                           create_call_cb, g_steal_pointer (&task));
}

LiaisonLiveCall *
liaison_click_to_call_start_finish (LiaisonClickToCall  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_CLICK_TO_CALL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Hang up */

static void
hangup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LiaisonTwilioCall) call = NULL;
  GError *error = NULL;

  call = liaison_twilio_client_call_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (call == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_click_to_call_hang_up_async (LiaisonClickToCall  *self,
                                     const char          *call_sid,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CLICK_TO_CALL (self));
  g_return_if_fail (call_sid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_click_to_call_hang_up_async);
  liaison_twilio_client_hangup_call_async (self->client, call_sid, cancellable, hangup_cb, task);
}

gboolean
liaison_click_to_call_hang_up_finish (LiaisonClickToCall  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_CLICK_TO_CALL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Add a participant: the client's leg goes to the room first (the relay
 * then sends the advisor's leg there too, when its <Dial> ends), then the
 * third party is dialled into it. */

typedef struct {
  char *call_sid;
  char *room;
  char *third_party;
  char *from;
} ParticipantData;

static void
participant_data_free (ParticipantData *data)
{
  g_free (data->call_sid);
  g_free (data->room);
  g_free (data->third_party);
  g_free (data->from);
  g_free (data);
}

static void
participant_added_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LiaisonTwilioParticipant) participant = NULL;
  GError *error = NULL;

  participant = liaison_twilio_client_participant_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (participant == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (liaison_twilio_participant_get_call_sid (participant)), g_free);
}

static void
client_moved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ParticipantData *data = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioCall) call = NULL;
  GError *error = NULL;

  call = liaison_twilio_client_call_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (call == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_twilio_client_add_participant_async (LIAISON_TWILIO_CLIENT (source), data->room, data->third_party,
                                               data->from, NULL, FALSE, g_task_get_cancellable (task),
                                               participant_added_cb, g_object_ref (task));
}

static void
legs_listed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LiaisonClickToCall *self = g_task_get_source_object (task);
  ParticipantData *data = g_task_get_task_data (task);
  g_autoptr(LiaisonTwilioPage) page = NULL;
  g_autofree char *url = NULL;
  const char *child_sid = NULL;
  GPtrArray *items;
  GError *error = NULL;

  page = liaison_twilio_client_list_finish (LIAISON_TWILIO_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  items = liaison_twilio_page_get_items (page);
  for (guint i = 0; items != NULL && i < items->len && child_sid == NULL; i++)
    {
      LiaisonTwilioCall *leg = g_ptr_array_index (items, i);

      if (g_strcmp0 (liaison_twilio_call_get_status (leg), "in-progress") == 0
          && g_strcmp0 (liaison_twilio_call_get_parent_call_sid (leg), data->call_sid) == 0)
        child_sid = liaison_twilio_call_get_sid (leg);
    }
  if (child_sid == NULL)
    {
      g_task_return_new_error (task, LIAISON_CLICK_TO_CALL_ERROR, LIAISON_CLICK_TO_CALL_ERROR_NOT_CONNECTED,
                               _("Someone can only be added once the client has answered."));
      return;
    }

  url = relay_url (self, "voice/conference", "room", data->room);
  liaison_twilio_client_update_call_async (LIAISON_TWILIO_CLIENT (source), child_sid, url, "POST", NULL,
                                           g_task_get_cancellable (task), client_moved_cb, g_object_ref (task));
}

void
liaison_click_to_call_add_participant_async (LiaisonClickToCall  *self,
                                             const char          *call_sid,
                                             const char          *third_party_number,
                                             const char          *twilio_number,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *third_party = NULL;
  g_autofree char *from = NULL;
  LiaisonTwilioCallFilter filter = { 0 };
  ParticipantData *data;

  g_return_if_fail (LIAISON_IS_CLICK_TO_CALL (self));
  g_return_if_fail (call_sid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_click_to_call_add_participant_async);

  if (!check_relay (self, &error)
      || (third_party = normalize (third_party_number, _("The number to add"), &error)) == NULL
      || (from = normalize (twilio_number, _("The Twilio number to call from"), &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ParticipantData, 1);
  data->call_sid = g_strdup (call_sid);
  data->room = liaison_click_to_call_room_for_call (call_sid);
  data->third_party = g_steal_pointer (&third_party);
  data->from = g_steal_pointer (&from);
  g_task_set_task_data (task, data, (GDestroyNotify) participant_data_free);

  filter.parent_call_sid = call_sid;
  filter.status = "in-progress";
  liaison_twilio_client_list_calls_async (self->client, &filter, 0, cancellable, legs_listed_cb,
                                          g_steal_pointer (&task));
}

char *
liaison_click_to_call_add_participant_finish (LiaisonClickToCall  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_return_val_if_fail (LIAISON_IS_CLICK_TO_CALL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
liaison_click_to_call_finalize (GObject *object)
{
  LiaisonClickToCall *self = (LiaisonClickToCall *) object;

  g_clear_object (&self->client);
  g_free (self->relay_url);
  g_free (self->advisor);

  G_OBJECT_CLASS (liaison_click_to_call_parent_class)->finalize (object);
}

static void
liaison_click_to_call_class_init (LiaisonClickToCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_click_to_call_finalize;
}

static void
liaison_click_to_call_init (LiaisonClickToCall *self)
{
}

LiaisonClickToCall *
liaison_click_to_call_new (LiaisonTwilioClient *client,
                           const char          *relay_public_url,
                           const char          *advisor)
{
  LiaisonClickToCall *self;

  g_return_val_if_fail (LIAISON_IS_TWILIO_CLIENT (client), NULL);

  self = g_object_new (LIAISON_TYPE_CLICK_TO_CALL, NULL);
  self->client = g_object_ref (client);
  self->relay_url = g_strdup (relay_public_url);
  if (self->relay_url != NULL)
    {
      gsize len = strlen (self->relay_url);

      while (len > 0 && self->relay_url[len - 1] == '/')
        self->relay_url[--len] = '\0';
    }
  self->advisor = g_strdup (advisor);

  return self;
}
