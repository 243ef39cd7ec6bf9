/* liaison-twilio-error.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-twilio-error"

#include "config.h"

#include "liaison-twilio-error.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* The details travel inside the GError (GLib's extended error domains), so
 * they survive g_error_copy() and g_task_propagate_error() and are freed with
 * the error. */
typedef LiaisonTwilioErrorDetails LiaisonTwilioErrorPrivate;

static void
liaison_twilio_error_private_init (LiaisonTwilioErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->code = 0;
  priv->message = NULL;
  priv->more_info = NULL;
}

static void
liaison_twilio_error_private_copy (const LiaisonTwilioErrorPrivate *src,
                                   LiaisonTwilioErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->code = src->code;
  dest->message = g_strdup (src->message);
  dest->more_info = g_strdup (src->more_info);
}

static void
liaison_twilio_error_private_clear (LiaisonTwilioErrorPrivate *priv)
{
  g_clear_pointer (&priv->message, g_free);
  g_clear_pointer (&priv->more_info, g_free);
}

/* Defines liaison_twilio_error_quark() (registered with
 * g_error_domain_register_static) and liaison_twilio_error_get_private().
 * GLib allocates the private data aligned to 2 × sizeof (gsize), so the
 * macro's cast from guint8 * is safe; clang's -Wcast-align cannot know it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (LiaisonTwilioError, liaison_twilio_error)
#pragma GCC diagnostic pop

/* Plain-language table of the Twilio error codes Liaison meets. The titles come
 * from Twilio's error dictionary (shared/twilio/TWILIO.md §1.2, §1.7, §2.9,
 * §3.7, §5, §7); the wording is ours. */
typedef struct {
  gint        code;
  const char *title;
  const char *explanation;
  const char *suggestion;
} ErrorEntry;

static const ErrorEntry error_table[] = {
  /* REST API and account */
  { 20003,
    N_("Twilio refused the credentials"),
    N_("The Account SID and Auth Token (or API key and secret) do not match an active Twilio account."),
    N_("Check them in the Twilio Console under Account → API keys & tokens, and make sure the account is not suspended or closed.") },
  { 20004,
    N_("Twilio does not allow this action"),
    N_("The resource exists, but Twilio does not allow this kind of request on it."),
    N_("Update Liaison; if this keeps happening, report it.") },
  { 20008,
    N_("Test credentials cannot do this"),
    N_("Twilio's test credentials only work for sending messages, placing calls and buying numbers."),
    N_("Use the account's live Account SID and Auth Token.") },
  { 20404,
    N_("Twilio could not find it"),
    N_("The requested resource does not exist on this Twilio account; it may have been deleted or belong to another account."),
    N_("Check that the Account SID is the right one, then refresh.") },
  { 20429,
    N_("Twilio is busy with this account"),
    N_("Too many requests were made at the same time, so Twilio did not process this one."),
    N_("It is safe to try again in a moment.") },
  { 10004,
    N_("Too many calls at once"),
    N_("The account reached its limit of simultaneous calls."),
    N_("Wait for a call to end, then try again.") },

  /* Messaging, answered at once by the REST API */
  { 14107,
    N_("Too many replies between the same two numbers"),
    N_("Twilio stopped the message because the two numbers exchanged too many replies in a short time (loop protection)."),
    N_("Check for an automatic reply loop, then try again later.") },
  { 21211,
    N_("The recipient's number is not valid"),
    N_("Twilio says the 'To' phone number is not a valid phone number."),
    N_("Check the number for typos and that it includes the country code, for example +1 for the US.") },
  { 21212,
    N_("The sending number is not valid"),
    N_("The 'From' number or caller ID is not a valid phone number."),
    N_("Choose one of your Twilio numbers on the Numbers page.") },
  { 21408,
    N_("Texting this country is not enabled"),
    N_("Permission to send an SMS has not been enabled for the region of the recipient's number."),
    N_("If you mean to text this country, enable it in the Twilio Console under Messaging → Settings → Geo permissions.") },
  { 21602,
    N_("The message is empty"),
    N_("A message body is required."),
    N_("Type a message before sending.") },
  { 21603,
    N_("No sending number"),
    N_("A 'From' number or Messaging Service is required."),
    N_("Choose one of your Twilio numbers on the Numbers page.") },
  { 21604,
    N_("No recipient"),
    N_("The destination 'To' phone number is required."),
    N_("Add a phone number to the contact.") },
  { 21606,
    N_("This number cannot send this text"),
    N_("The 'From' number is not a Twilio number of this account that can send messages to this destination."),
    N_("Choose one of your Twilio numbers that can send SMS, on the Numbers page.") },
  { 21608,
    N_("Trial accounts can only text verified numbers"),
    N_("The recipient's number is not verified, and a trial account can only send messages to numbers verified with Twilio."),
    N_("Verify the number in the Twilio Console, or upgrade the Twilio account.") },
  { 21610,
    N_("The recipient has opted out"),
    N_("The recipient unsubscribed from this number (for example by replying STOP), so Twilio will not deliver texts to them."),
    N_("Do not text them again unless they reply START.") },
  { 21611,
    N_("Too many texts are waiting to be sent"),
    N_("This 'From' number has exceeded the maximum number of queued messages."),
    N_("Wait for the queued messages to go out, or spread large sends over more time or more numbers.") },
  { 21612,
    N_("The recipient cannot be reached by SMS"),
    N_("The 'To' phone number is not currently reachable via SMS."),
    N_("Check the number; it may not be able to receive texts from this sender. Try calling instead.") },
  { 21614,
    N_("The recipient's number is not a mobile number"),
    N_("The 'To' number is not a valid mobile number, so it cannot receive texts."),
    N_("Call the contact instead, or ask them for a mobile number.") },
  { 21617,
    N_("The message is too long"),
    N_("The message body exceeds the 1600 character limit."),
    N_("Shorten the message or split it in two.") },
  { 21620,
    N_("A picture or file link is not valid"),
    N_("One of the media URLs of the message is not valid."),
    N_("Remove the attachment and attach it again.") },
  { 21623,
    N_("Too many attachments"),
    N_("The number of media files exceeds the allowed limit."),
    N_("Send fewer attachments in one message.") },

  /* Messaging, reported later by status callbacks */
  { 30001,
    N_("Too many texts were queued"),
    N_("The message waited too long in Twilio's queue and was dropped (queue overflow)."),
    N_("Send fewer messages at once or from more numbers, then send it again.") },
  { 30002,
    N_("The Twilio account is suspended"),
    N_("Twilio reports that the account is suspended, so the message was not sent."),
    N_("Check the account's status and balance in the Twilio Console, or contact Twilio support.") },
  { 30003,
    N_("The recipient's phone is unreachable"),
    N_("The destination handset could not be reached; it may be switched off or out of coverage."),
    N_("Try again later, or reach the contact another way.") },
  { 30004,
    N_("The message was blocked"),
    N_("The message was blocked before it reached the recipient."),
    N_("The recipient or their carrier may be blocking texts from this number; reach the contact another way.") },
  { 30005,
    N_("The recipient's number is unknown"),
    N_("The destination number is unknown or may no longer exist."),
    N_("Check the number with the contact and update it.") },
  { 30006,
    N_("The number cannot receive texts"),
    N_("The number is a landline, or its carrier cannot be reached."),
    N_("Call the contact instead, or ask them for a mobile number.") },
  { 30007,
    N_("The message was filtered"),
    N_("The carrier or Twilio filtered the message as possible spam."),
    N_("Review the wording and links, and make sure the sending number is registered for A2P 10DLC.") },
  { 30008,
    N_("The message could not be delivered"),
    N_("Delivery failed for a reason the carrier did not give (unknown error)."),
    N_("Try again later; if it keeps failing, look the message up in the Twilio Console's logs.") },
  { 30034,
    N_("The sending number is not registered"),
    N_("US carriers block messages from numbers that are not registered in an A2P 10DLC campaign."),
    N_("Register the number in an A2P 10DLC campaign in the Twilio Console under Messaging → Regulatory Compliance.") },

  /* Voice */
  { 13223,
    N_("The number dialled is not formatted correctly"),
    N_("The phone number given to dial has an invalid format."),
    N_("Use the full number with its country code, for example +15551234567.") },
  { 13224,
    N_("The number dialled is not valid"),
    N_("Twilio does not support calling this number, or the number is invalid."),
    N_("Check the number and its country code.") },
  { 13225,
    N_("The number dialled is blocked"),
    N_("Twilio blocked the call to this number."),
    N_("Reach the contact another way.") },
  { 13227,
    N_("Calling this country is not enabled"),
    N_("The call was blocked by the account's voice geographic permissions."),
    N_("If you mean to call this country, enable it in the Twilio Console under Voice → Settings → Geo permissions.") },
  { 21210,
    N_("The caller ID is not verified"),
    N_("The 'From' number is not a Twilio number or verified caller ID of this account."),
    N_("Call from one of your Twilio numbers.") },
  { 21214,
    N_("The number cannot be reached"),
    N_("The 'To' phone number cannot be reached."),
    N_("Check the number and try again later.") },
  { 21215,
    N_("Calling this country is not enabled"),
    N_("The account's geographic permissions do not allow calls to this number."),
    N_("If you mean to call this country, enable it in the Twilio Console under Voice → Settings → Geo permissions.") },
  { 21216,
    N_("The number is blocked by Twilio"),
    N_("Twilio's blocklist does not allow calls to this number."),
    N_("Reach the contact another way.") },
  { 21217,
    N_("The number does not look valid"),
    N_("The phone number does not appear to be valid."),
    N_("Check the number and include the country code.") },
  { 21220,
    N_("The call cannot be changed now"),
    N_("The call is not in a state that allows this change (it may have ended)."),
    N_("Refresh the call list.") },
  { 11200,
    N_("Twilio could not reach the relay"),
    N_("Twilio could not retrieve the webhook address (HTTP retrieval failure)."),
    N_("Check that the relay is running and that its public address is right in Preferences.") },
  { 11205,
    N_("Twilio could not connect to the relay"),
    N_("The connection from Twilio to the webhook address failed."),
    N_("Check that the relay is running and reachable from the internet.") },
  { 11750,
    N_("The relay's answer is too large"),
    N_("The TwiML document returned to Twilio is larger than 64 kB."),
    N_("Update the relay.") },
  { 12100,
    N_("Twilio could not read the relay's answer"),
    N_("The document returned to Twilio could not be parsed."),
    N_("Update the relay, and check that nothing between Twilio and the relay changes its answers.") },
  { 12300,
    N_("The relay answered with the wrong content type"),
    N_("Twilio received a response with an invalid Content-Type."),
    N_("Check that nothing between Twilio and the relay changes its answers.") },
  { 31000,
    N_("The call failed"),
    N_("Twilio reported a general voice error."),
    N_("Try the call again.") },

  /* Phone numbers */
  { 21421,
    N_("The phone number is not valid"),
    N_("The phone number given for purchase is invalid."),
    N_("Search again and pick a number from the results.") },
  { 21422,
    N_("The phone number is not available"),
    N_("The number is no longer available to buy."),
    N_("Search again and pick another number.") },
  { 21451,
    N_("The area code is not valid"),
    N_("Twilio does not recognise that area code."),
    N_("Check the area code, or search without one.") },
  { 21452,
    N_("No numbers are available in this area code"),
    N_("Twilio has no numbers available in that area code."),
    N_("Try a nearby area code, or search without one.") },
  { 21649,
    N_("This number needs a regulatory bundle"),
    N_("The number can only be bought with an approved regulatory bundle."),
    N_("Create or choose a bundle in the Twilio Console under Regulatory Compliance, then try again.") },
};

static const ErrorEntry *
lookup_entry (gint code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (error_table); i++)
    {
      if (error_table[i].code == code)
        return &error_table[i];
    }

  return NULL;
}

const char *
liaison_twilio_error_explain (gint code)
{
  const ErrorEntry *entry = lookup_entry (code);

  return entry != NULL ? _(entry->explanation) : NULL;
}

const char *
liaison_twilio_error_suggest (gint code)
{
  const ErrorEntry *entry = lookup_entry (code);

  return entry != NULL ? _(entry->suggestion) : NULL;
}

const char *
liaison_twilio_error_get_title (gint code)
{
  const ErrorEntry *entry = lookup_entry (code);

  return entry != NULL ? _(entry->title) : NULL;
}

const LiaisonTwilioErrorDetails *
liaison_twilio_error_get_details (const GError *error)
{
  const LiaisonTwilioErrorPrivate *priv;

  if (error == NULL || error->domain != LIAISON_TWILIO_ERROR)
    return NULL;

  priv = liaison_twilio_error_get_private (error);
  if (priv == NULL || priv->http_status == 0)
    return NULL;

  return priv;
}

/* Reads an integer member that may also arrive as a string ("20003"). */
static gboolean
read_int_member (JsonObject *object,
                 const char *name,
                 gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      gdouble d = json_node_get_double (node);

      if (d < G_MININT || d > G_MAXINT)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      guint64 parsed;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT, &parsed, NULL))
        return FALSE;
      *out = (gint64) parsed;
      return TRUE;
    }

  return FALSE;
}

static const char *
read_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

typedef enum {
  BODY_EMPTY,
  BODY_NOT_JSON,
  BODY_BROKEN_JSON,
  BODY_OTHER_JSON,
  BODY_TWILIO_ERROR,
} BodyKind;

/* Classifies the body and, for a Twilio error body, fills @details. */
static BodyKind
parse_body (const char                *content_type,
            GBytes                    *body,
            LiaisonTwilioErrorDetails *details)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  const char *data;
  gsize size = 0;
  gsize start = 0;
  gint64 code = 0;
  const char *message;
  gboolean has_code;

  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  while (start < size && g_ascii_isspace (data[start]))
    start++;
  if (data == NULL || start == size)
    return BODY_EMPTY;

  /* HTML from a proxy, plain text from a load balancer... Only what looks like
   * JSON is parsed; a JSON Content-Type with something else is a broken body. */
  if (data[start] != '{' && data[start] != '[')
    {
      if (content_type != NULL && g_str_has_prefix (content_type, "application/json"))
        return BODY_BROKEN_JSON;
      return BODY_NOT_JSON;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, size - start, NULL))
    return BODY_BROKEN_JSON;

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return BODY_OTHER_JSON;

  object = json_node_get_object (json_parser_get_root (parser));
  has_code = read_int_member (object, "code", &code);
  message = read_string_member (object, "message");
  /* RFC 9457 problem details, which newer Twilio APIs may send. */
  if (message == NULL)
    message = read_string_member (object, "detail");
  if (message == NULL)
    message = read_string_member (object, "title");

  if (!has_code && message == NULL)
    return BODY_OTHER_JSON;

  details->code = has_code ? (gint) code : 0;
  details->message = g_strdup (message);
  details->more_info = g_strdup (read_string_member (object, "more_info"));

  return BODY_TWILIO_ERROR;
}

static char *
describe_status (guint http_status)
{
  const char *phrase = soup_status_get_phrase (http_status);

  if (phrase != NULL)
    /* Translators: an HTTP status, e.g. "502 Bad Gateway" */
    return g_strdup_printf (C_("http-status", "%u %s"), http_status, phrase);

  return g_strdup_printf ("%u", http_status);
}

static char *
message_for_status (guint http_status)
{
  g_autofree char *status = describe_status (http_status);

  if (http_status == 401 || http_status == 403)
    /* Translators: %s is an HTTP status such as "401 Unauthorized" */
    return g_strdup_printf (_("Twilio refused the request (HTTP %s). Check the Account SID and Auth Token in Preferences."),
                            status);
  if (http_status == 429)
    return g_strdup_printf (_("Twilio is busy with this account (HTTP %s). It is safe to try again in a moment."),
                            status);
  if (http_status >= 500)
    /* Translators: %s is an HTTP status such as "502 Bad Gateway" */
    return g_strdup_printf (_("Twilio or a server on the way to it had a problem (HTTP %s). Try again in a few minutes."),
                            status);

  /* Translators: %s is an HTTP status such as "404 Not Found" */
  return g_strdup_printf (_("Twilio answered with an unexpected HTTP %s and no explanation. A proxy or firewall between this computer and Twilio may have answered instead."),
                          status);
}

GError *
liaison_twilio_error_new_from_response (guint       http_status,
                                        const char *content_type,
                                        GBytes     *body)
{
  LiaisonTwilioErrorDetails details = { 0, };
  LiaisonTwilioErrorPrivate *priv;
  g_autofree char *message = NULL;
  GError *error;
  gint code;

  details.http_status = http_status;

  switch (parse_body (content_type, body, &details))
    {
    case BODY_TWILIO_ERROR:
      {
        const ErrorEntry *entry = lookup_entry (details.code);

        code = LIAISON_TWILIO_ERROR_API;
        if (entry != NULL)
          /* Translators: a title, Twilio's error code, an explanation and a
           * suggestion, e.g. "Twilio refused the credentials (error 20003).
           * The Account SID … Check them …" */
          message = g_strdup_printf (_("%s (error %d). %s %s"),
                                     _(entry->title), details.code,
                                     _(entry->explanation), _(entry->suggestion));
        else if (details.message != NULL && details.code != 0)
          /* Translators: Twilio's error code, then Twilio's own message */
          message = g_strdup_printf (_("Twilio reported error %d: %s"), details.code, details.message);
        else if (details.message != NULL)
          /* Translators: %s is Twilio's own error message */
          message = g_strdup_printf (_("Twilio reported an error: %s"), details.message);
        else
          /* Translators: %d is Twilio's error code */
          message = g_strdup_printf (_("Twilio reported error %d."), details.code);
      }
      break;

    case BODY_BROKEN_JSON:
      {
        g_autofree char *status = describe_status (http_status);

        code = LIAISON_TWILIO_ERROR_INVALID_RESPONSE;
        /* Translators: %s is an HTTP status such as "500 Internal Server Error" */
        message = g_strdup_printf (_("Twilio's answer (HTTP %s) could not be read: it was cut short or is not valid JSON."),
                                   status);
      }
      break;

    case BODY_EMPTY:
    case BODY_NOT_JSON:
    case BODY_OTHER_JSON:
    default:
      code = LIAISON_TWILIO_ERROR_HTTP;
      message = message_for_status (http_status);
      break;
    }

  error = g_error_new_literal (LIAISON_TWILIO_ERROR, code, message);
  priv = liaison_twilio_error_get_private (error);
  /* Move the parsed details into the error. */
  priv->http_status = details.http_status;
  priv->code = details.code;
  priv->message = g_steal_pointer (&details.message);
  priv->more_info = g_steal_pointer (&details.more_info);

  return error;
}
