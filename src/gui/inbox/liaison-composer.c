/* liaison-composer.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-composer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-composer.h"
#include "liaison-application.h"
#include "liaison-log.h"
#include "liaison-outbox.h"
#include "liaison-phone.h"
#include "liaison-send-later-dialog.h"
#include "liaison-sms-segments.h"
#include "liaison-template.h"
#include "liaison-templates-window.h"

/*
 * The composer talks to the application's outbox only: the gate preview is
 * liaison_outbox_check_async() (debounced while typing, at once when the
 * recipient changes, so an opt-out shows before anything is typed), and
 * sending is liaison_outbox_enqueue_async(), first without accepting
 * warnings; a NEEDS_CONFIRMATION answer asks the person, then sends again
 * with accept_warnings. Counting is liaison-sms-segments.h only.
 *
 * Drafts are kept per recipient for as long as the application runs (one
 * table for every composer, so a conversation view that is rebuilt keeps
 * them too). Switching to a recipient without a draft empties the text: a
 * draft never follows the person to another recipient.
 */

#define CHECK_DELAY_MS 300

struct _LiaisonComposer
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *box;
  GtkRevealer         *gate_revealer;
  GtkWidget           *gate_box;
  GtkWidget           *gate_icon;
  GtkLabel            *gate_title;
  GtkLabel            *gate_label;
  GtkButton           *schedule_button;
  GtkLabel            *error_label;
  GtkMenuButton       *menu_button;
  GtkTextView         *text_view;
  GtkWidget           *placeholder_label;
  GtkWidget           *send_button;
  GtkLabel            *counter_label;
  GtkWidget           *lookalike_button;

  /* Recipient */
  char                *to;
  char                *from;
  gint64               contact_id;
  LiaisonContact      *contact;
  char                *time_zone;

  /* The gate's last word on this recipient and text */
  LiaisonGateDecision *decision;
  gboolean             blocked;
  gboolean             blocked_later;  /* blocked for a reason other than the hour */
  guint                check_source;
  GCancellable        *check_cancellable;

  /* Templates menu */
  GMenu               *templates_menu;
  GtkWidget           *templates_window;

  /* Sending */
  GCancellable        *cancellable;
  gboolean             sending;
  GtkWidget           *send_later_dialog;

  gboolean             loading_draft;
};

typedef struct
{
  char   *from;
  char   *to;
  char   *body;
  gint64  send_at;
} SendData;

enum {
  SIGNAL_SENT,
  SIGNAL_BLOCKED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* to (E.164) → draft text, for the whole run */
static GHashTable *drafts;

G_DEFINE_FINAL_TYPE (LiaisonComposer, liaison_composer, GTK_TYPE_WIDGET)

static void run_check     (LiaisonComposer *self);
static void send_data     (LiaisonComposer *self,
                           SendData        *data,
                           gboolean         accept_warnings);

static void
send_data_free (SendData *data)
{
  g_free (data->from);
  g_free (data->to);
  g_free (data->body);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendData, send_data_free)

static LiaisonApplication *
get_application (void)
{
  GApplication *app = g_application_get_default ();

  return LIAISON_IS_APPLICATION (app) ? LIAISON_APPLICATION (app) : NULL;
}

static LiaisonOutbox *
get_outbox (void)
{
  LiaisonApplication *app = get_application ();

  return app != NULL ? liaison_application_get_outbox (app) : NULL;
}

static LiaisonStore *
get_store (void)
{
  LiaisonApplication *app = get_application ();

  if (app == NULL || liaison_application_get_store_state (app) != LIAISON_STORE_STATE_READY)
    return NULL;
  return liaison_application_get_store (app);
}

/* Now, by the gate's clock (a fake one in tests). */
static gint64
get_now (void)
{
  LiaisonApplication *app = get_application ();
  LiaisonComplianceGate *gate = app != NULL ? liaison_application_get_gate (app) : NULL;

  if (gate != NULL)
    return liaison_clock_get_now_usec (liaison_compliance_gate_get_clock (gate));
  return g_get_real_time ();
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Known placeholders left in the draft (a template whose values were
 * missing): the text must not go out like that. */
static GStrv
leftover_placeholders (const char *text)
{
  g_auto(GStrv) names = liaison_template_list_placeholders (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *braced = g_strdup_printf ("{%s}", names[i]);
      g_autofree char *expanded = liaison_template_expand (braced, NULL, NULL);

      /* Known ones are those that expansion does not reject as unknown:
       * {date} and {time} always expand, so they cannot be left over. */
      if (liaison_template_check_body (braced, NULL) && expanded == NULL)
        g_strv_builder_add (builder, braced);
    }

  return g_strv_builder_end (builder);
}

static void
update_send_sensitivity (LiaisonComposer *self)
{
  LiaisonOutbox *outbox = get_outbox ();
  g_autofree char *text = liaison_composer_get_text (self);
  g_auto(GStrv) leftovers = leftover_placeholders (text);
  gboolean has_text = !text_is_blank (text);
  const char *tooltip = _("Send");
  g_autofree char *fill_in = NULL;
  gboolean can_send = FALSE;

  if (leftovers[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", leftovers);

      /* Translators: %s lists placeholders left in the text, "{first_name}" */
      tooltip = fill_in = g_strdup_printf (_("Replace %s before sending"), list);
    }
  else if (outbox == NULL)
    tooltip = _("Not ready: the database is still opening");
  else if (self->to == NULL)
    tooltip = _("Choose a conversation first");
  else if (self->blocked)
    tooltip = _("The compliance check blocks this text");
  else
    can_send = has_text && !self->sending;

  gtk_widget_set_tooltip_text (self->send_button, tooltip);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", can_send);
  /* Quiet hours now do not stop a text for later. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send-later",
                                 outbox != NULL && self->to != NULL && has_text &&
                                 leftovers[0] == NULL && !self->sending && !self->blocked_later);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.schedule-next-allowed",
                                 outbox != NULL && self->to != NULL && has_text &&
                                 leftovers[0] == NULL && !self->sending && !self->blocked_later);
}

/* Counter */

static char *
describe_segments (const char               *text,
                   const LiaisonSmsSegments *seg)
{
  if (seg->encoding == LIAISON_SMS_ENCODING_GSM7)
    /* Translators: the live counter under the text: "2 segments · GSM-7 · 38 left" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u segment · GSM-7 · %u left",
                                         "%u segments · GSM-7 · %u left",
                                         seg->n_segments),
                            seg->n_segments, seg->units_left);
  else
    {
      char utf8[8] = { 0 };
      glong position = g_utf8_pointer_to_offset (text, text + seg->first_ucs2_offset) + 1;

      g_unichar_to_utf8 (seg->first_ucs2_char, utf8);
      /* Translators: the live counter: "1 segment · UCS-2 (because of “’” at
       * position 12) · 45 left"; %s is the character that forces UCS-2, %ld
       * its position (counting characters from 1) */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u segment · UCS-2 (because of “%s” at position %ld) · %u left",
                                           "%u segments · UCS-2 (because of “%s” at position %ld) · %u left",
                                           seg->n_segments),
                              seg->n_segments, utf8, position, seg->units_left);
    }
}

static void
update_counter (LiaisonComposer *self)
{
  g_autofree char *text = liaison_composer_get_text (self);
  g_autofree char *label = NULL;
  g_autofree char *replaced = NULL;
  LiaisonSmsSegments seg;
  guint n_replaced = 0;
  gboolean helps = FALSE;

  liaison_sms_segments_count (text, &seg);
  label = describe_segments (text, &seg);
  gtk_label_set_text (self->counter_label, label);

  /* Offer the replacement only when it makes the text cheaper. */
  if (seg.encoding == LIAISON_SMS_ENCODING_UCS2)
    {
      replaced = liaison_sms_replace_lookalikes (text, &n_replaced);
      if (n_replaced > 0)
        {
          LiaisonSmsSegments after;

          liaison_sms_segments_count (replaced, &after);
          helps = after.encoding == LIAISON_SMS_ENCODING_GSM7 ||
                  after.n_segments < seg.n_segments;
        }
    }
  gtk_widget_set_visible (self->lookalike_button, helps);

  gtk_widget_set_visible (self->placeholder_label, *text == '\0');

  /* GTK 4.8 has no live regions: the count is the text view's description,
   * read with it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label,
                                  -1);
}

/* Gate banner */

static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".liaison-gate-banner.blocking { background-color: alpha(@error_color, 0.15); }\n"
                                   ".liaison-gate-banner.warning-only { background-color: alpha(@warning_color, 0.15); }\n",
                                   -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static char *
format_in_zone (gint64      usec,
                const char *time_zone)
{
  g_autofree char *date = liaison_template_format_date (usec, time_zone);
  g_autofree char *time = liaison_template_format_time (usec, time_zone, FALSE);
  g_autoptr(GTimeZone) tz = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) there = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_local ();
  there = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;

  /* Translators: "Friday 3 March, 8:00 AM EST", in the recipient's time zone */
  return g_strdup_printf (_("%s, %s %s"), date, time,
                          there != NULL ? g_date_time_get_timezone_abbreviation (there) : "");
}

static void
hide_banner (LiaisonComposer *self)
{
  self->blocked = FALSE;
  self->blocked_later = FALSE;
  gtk_revealer_set_reveal_child (self->gate_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_button), FALSE);
}

static void
show_decision (LiaisonComposer     *self,
               LiaisonGateDecision *decision)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean blocks = FALSE;
  gboolean other_blocks = FALSE;
  guint n_shown = 0;
  gint64 next_allowed;

  g_set_object (&self->decision, decision);

  if (decision == NULL)
    {
      hide_banner (self);
      update_send_sensitivity (self);
      return;
    }

  for (guint i = 0; i < liaison_gate_decision_get_n_reasons (decision); i++)
    {
      LiaisonGateReasonKind kind = liaison_gate_decision_get_reason_kind (decision, i);
      LiaisonGateVerdict verdict = liaison_gate_decision_get_reason_verdict (decision, i);

      /* An empty text is plain to see; Send is off for it anyway. */
      if (kind == LIAISON_GATE_REASON_EMPTY)
        continue;

      if (verdict == LIAISON_GATE_BLOCK)
        {
          blocks = TRUE;
          if (kind != LIAISON_GATE_REASON_QUIET_HOURS)
            other_blocks = TRUE;
        }

      if (n_shown++ > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, liaison_gate_decision_get_reason_text (decision, i));
    }

  if (n_shown == 0)
    {
      hide_banner (self);
      update_send_sensitivity (self);
      return;
    }

  self->blocked = blocks;
  self->blocked_later = other_blocks;

  gtk_label_set_text (self->gate_title,
                      blocks ? _("Texting is blocked") : _("Check before sending"));
  gtk_label_set_text (self->gate_label, text->str);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->gate_icon),
                                blocks ? "action-unavailable-symbolic" : "dialog-warning-symbolic");

  ensure_css ();
  if (blocks)
    {
      gtk_widget_add_css_class (self->gate_box, "blocking");
      gtk_widget_remove_css_class (self->gate_box, "warning-only");
      gtk_widget_add_css_class (self->gate_icon, "error");
      gtk_widget_remove_css_class (self->gate_icon, "warning");
    }
  else
    {
      gtk_widget_add_css_class (self->gate_box, "warning-only");
      gtk_widget_remove_css_class (self->gate_box, "blocking");
      gtk_widget_add_css_class (self->gate_icon, "warning");
      gtk_widget_remove_css_class (self->gate_icon, "error");
    }

  next_allowed = liaison_gate_decision_get_next_allowed (decision);
  if (blocks && !other_blocks && next_allowed > 0)
    {
      g_autofree char *when = format_in_zone (next_allowed, self->time_zone);
      /* Translators: %s is a day and time in the recipient's time zone */
      g_autofree char *label = g_strdup_printf (_("Schedule for %s"), when);

      gtk_button_set_label (self->schedule_button, label);
      gtk_widget_set_visible (GTK_WIDGET (self->schedule_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->schedule_button), FALSE);

  gtk_revealer_set_reveal_child (self->gate_revealer, TRUE);
  update_send_sensitivity (self);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LiaisonComposer) self = user_data;
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(GError) error = NULL;

  decision = liaison_outbox_check_finish (LIAISON_OUTBOX (object), result, &error);
  if (decision == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not check the text against the compliance gate: %s", error->message);
      return;
    }

  show_decision (self, decision);
}

static void
run_check (LiaisonComposer *self)
{
  LiaisonOutbox *outbox = get_outbox ();
  g_autofree char *body = NULL;
  LiaisonOutboxRequest request = { 0 };

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  if (outbox == NULL || self->to == NULL)
    {
      show_decision (self, NULL);
      return;
    }

  body = liaison_composer_get_text (self);
  request.from = self->from;
  request.to = self->to;
  request.body = body;
  request.source = "composer";

  self->check_cancellable = g_cancellable_new ();
  liaison_outbox_check_async (outbox, &request, self->check_cancellable,
                              check_cb, g_object_ref (self));
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  LiaisonComposer *self = user_data;

  self->check_source = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (LiaisonComposer *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (get_outbox () == NULL || self->to == NULL)
    return;
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

/* Text changes */

static void
show_error (LiaisonComposer *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
buffer_changed_cb (LiaisonComposer *self,
                   GtkTextBuffer   *buffer)
{
  g_assert (LIAISON_IS_COMPOSER (self));
  g_assert (GTK_IS_TEXT_BUFFER (buffer));

  if (!self->loading_draft && self->to != NULL)
    {
      g_autofree char *text = liaison_composer_get_text (self);

      if (*text != '\0')
        g_hash_table_insert (drafts, g_strdup (self->to), g_steal_pointer (&text));
      else
        g_hash_table_remove (drafts, self->to);
    }

  update_counter (self);
  update_send_sensitivity (self);
  schedule_check (self);
}

static gboolean
key_pressed_cb (LiaisonComposer       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  /* Shift+Enter is a new line; Enter and Ctrl+Enter send. */
  if (state & GDK_SHIFT_MASK)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_activate_action (GTK_WIDGET (self), "composer.send", NULL);
  return GDK_EVENT_STOP;
}

/* Sending */

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  LiaisonComposer *self = g_object_get_data (G_OBJECT (dialog), "composer");
  SendData *data = user_data;

  if (g_strcmp0 (response, "send") == 0)
    {
      SendData *copy = g_new0 (SendData, 1);

      copy->from = g_strdup (data->from);
      copy->to = g_strdup (data->to);
      copy->body = g_strdup (data->body);
      copy->send_at = data->send_at;
      send_data (self, copy, TRUE);
    }
  else if (self->send_later_dialog != NULL)
    liaison_send_later_dialog_set_error (LIAISON_SEND_LATER_DIALOG (self->send_later_dialog), NULL);
}

static void
ask_confirmation (LiaisonComposer     *self,
                  LiaisonGateDecision *decision,
                  SendData            *data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *parent = self->send_later_dialog != NULL ? self->send_later_dialog : GTK_WIDGET (root);
  GtkWidget *dialog;

  for (guint i = 0; i < liaison_gate_decision_get_n_reasons (decision); i++)
    {
      if (liaison_gate_decision_get_reason_verdict (decision, i) != LIAISON_GATE_WARN)
        continue;
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, liaison_gate_decision_get_reason_text (decision, i));
    }

  dialog = adw_message_dialog_new (NULL, _("Send Anyway?"), body->str);
  if (GTK_IS_WINDOW (parent))
    {
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (parent));
      gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "composer", g_object_ref (self), g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         data, (GClosureNotify)(void (*) (void))send_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  LiaisonComposer *self;
  SendData        *data;
} SendState;

static void
enqueue_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SendState *state = user_data;
  g_autoptr(LiaisonComposer) self = state->self;
  g_autoptr(SendData) data = state->data;
  g_autoptr(LiaisonGateDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  gint64 message_id;

  g_free (state);

  message_id = liaison_outbox_enqueue_finish (LIAISON_OUTBOX (object), result, &decision, &error);
  self->sending = FALSE;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_NEEDS_CONFIRMATION) &&
          decision != NULL)
        {
          update_send_sensitivity (self);
          ask_confirmation (self, decision, g_steal_pointer (&data));
          return;
        }

      if (g_error_matches (error, LIAISON_OUTBOX_ERROR, LIAISON_OUTBOX_ERROR_BLOCKED) &&
          decision != NULL)
        {
          g_autofree char *reasons = liaison_gate_decision_to_string (decision);

          if (data->send_at == 0)
            show_decision (self, decision);
          if (self->send_later_dialog != NULL)
            liaison_send_later_dialog_set_error (LIAISON_SEND_LATER_DIALOG (self->send_later_dialog),
                                                 reasons);
          g_signal_emit (self, signals [SIGNAL_BLOCKED], 0, decision);
          update_send_sensitivity (self);
          return;
        }

      if (self->send_later_dialog != NULL)
        liaison_send_later_dialog_set_error (LIAISON_SEND_LATER_DIALOG (self->send_later_dialog),
                                             error->message);
      else
        show_error (self, error->message);
      update_send_sensitivity (self);
      return;
    }

  LIAISON_DEBUG_MASKED (data->to, "Queued a message for %s (message %" G_GINT64_FORMAT ")", message_id);

  if (self->send_later_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->send_later_dialog));

  /* Clear the draft only if it is still the text that was sent. */
  if (g_strcmp0 (self->to, data->to) == 0)
    {
      g_autofree char *current = liaison_composer_get_text (self);

      if (g_strcmp0 (current, data->body) == 0)
        liaison_composer_set_text (self, "");
    }
  else
    g_hash_table_remove (drafts, data->to);

  show_error (self, NULL);
  update_send_sensitivity (self);
  g_signal_emit (self, signals [SIGNAL_SENT], 0, message_id);
}

/* Takes @data. */
static void
send_data (LiaisonComposer *self,
           SendData        *data,
           gboolean         accept_warnings)
{
  LiaisonOutbox *outbox = get_outbox ();
  LiaisonOutboxRequest request = { 0 };
  SendState *state;

  if (outbox == NULL)
    {
      send_data_free (data);
      return;
    }

  request.from = data->from;
  request.to = data->to;
  request.body = data->body;
  request.send_at = data->send_at;
  request.source = "composer";
  request.accept_warnings = accept_warnings;

  state = g_new0 (SendState, 1);
  state->self = g_object_ref (self);
  state->data = data;

  self->sending = TRUE;
  show_error (self, NULL);
  update_send_sensitivity (self);
  liaison_outbox_enqueue_async (outbox, &request, self->cancellable, enqueue_cb, state);
}

static void
send_at (LiaisonComposer *self,
         gint64           when)
{
  SendData *data;

  if (get_outbox () == NULL || self->to == NULL || self->sending)
    return;

  data = g_new0 (SendData, 1);
  data->from = g_strdup (self->from);
  data->to = g_strdup (self->to);
  data->body = liaison_composer_get_text (self);
  data->send_at = when;

  if (text_is_blank (data->body))
    {
      send_data_free (data);
      return;
    }

  send_data (self, data, FALSE);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  send_at (LIAISON_COMPOSER (widget), 0);
}

static void
schedule_next_allowed_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LiaisonComposer *self = LIAISON_COMPOSER (widget);
  gint64 next;

  if (self->decision == NULL)
    return;

  next = liaison_gate_decision_get_next_allowed (self->decision);
  if (next > 0)
    send_at (self, next);
}

/* Send Later */

static void
send_later_schedule_cb (LiaisonComposer        *self,
                        gint64                  when,
                        LiaisonSendLaterDialog *dialog)
{
  if (when <= get_now ())
    {
      liaison_send_later_dialog_set_error (dialog, _("This time has already passed. Pick a later one."));
      return;
    }

  if (self->sending || get_outbox () == NULL)
    {
      liaison_send_later_dialog_set_error (dialog, _("Not ready: the database is still opening"));
      return;
    }

  send_at (self, when);
}

static void
send_later_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LiaisonComposer *self = LIAISON_COMPOSER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gint64 now = get_now ();
  gint64 initial = now + G_TIME_SPAN_HOUR;

  if (self->send_later_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->send_later_dialog));
      return;
    }

  /* Quiet hours now: start at the first allowed time. */
  if (self->decision != NULL && liaison_gate_decision_get_next_allowed (self->decision) > now)
    initial = liaison_gate_decision_get_next_allowed (self->decision);

  self->send_later_dialog = liaison_send_later_dialog_new (self->time_zone, now, initial);
  g_object_add_weak_pointer (G_OBJECT (self->send_later_dialog),
                             (gpointer *)&self->send_later_dialog);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->send_later_dialog), GTK_WINDOW (root));
  g_signal_connect_object (self->send_later_dialog, "schedule",
                           G_CALLBACK (send_later_schedule_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->send_later_dialog));
}

static void
replace_lookalikes_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LiaisonComposer *self = LIAISON_COMPOSER (widget);
  g_autofree char *text = liaison_composer_get_text (self);
  g_autofree char *replaced = NULL;
  guint n_replaced = 0;

  replaced = liaison_sms_replace_lookalikes (text, &n_replaced);
  if (n_replaced > 0)
    liaison_composer_set_text (self, replaced);
}

/* Templates */

static void
rebuild_templates_menu (LiaisonComposer *self,
                        GPtrArray       *templates)
{
  g_menu_remove_all (self->templates_menu);

  if (templates == NULL || templates->len == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Templates Yet"), "composer.no-templates");

      g_menu_append_item (self->templates_menu, item);
      return;
    }

  for (guint i = 0; i < templates->len; i++)
    {
      LiaisonTemplate *tmpl = g_ptr_array_index (templates, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (liaison_template_get_name (tmpl), NULL);

      g_menu_item_set_action_and_target_value (item, "composer.insert-template",
                                               g_variant_new_int64 (liaison_template_get_id (tmpl)));
      g_menu_append_item (self->templates_menu, item);
    }
}

static void
list_templates_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LiaisonComposer) self = user_data;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  templates = liaison_store_list_templates_finish (LIAISON_STORE (object), result, &error);
  if (templates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the templates: %s", error->message);
      return;
    }

  rebuild_templates_menu (self, templates);
}

static void
refresh_templates (LiaisonComposer *self)
{
  LiaisonStore *store = get_store ();

  if (store == NULL)
    {
      rebuild_templates_menu (self, NULL);
      return;
    }

  liaison_store_list_templates_async (store, self->cancellable, list_templates_cb,
                                      g_object_ref (self));
}

static void
menu_shown_cb (LiaisonComposer *self)
{
  refresh_templates (self);
}

typedef struct
{
  LiaisonComposer *self;
  LiaisonTemplate *tmpl;
} InsertState;

static void
insert_state_free (InsertState *state)
{
  g_clear_object (&state->self);
  g_clear_object (&state->tmpl);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InsertState, insert_state_free)

static void
select_first_leftover (LiaisonComposer *self,
                       const char      *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *braced = g_strdup_printf ("{%s}", name);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (gtk_text_iter_forward_search (&start, braced, GTK_TEXT_SEARCH_TEXT_ONLY,
                                    &match_start, &match_end, NULL))
    gtk_text_buffer_select_range (buffer, &match_start, &match_end);
}

static void
insert_expanded (LiaisonComposer *self,
                 LiaisonTemplate *tmpl)
{
  LiaisonApplication *app = get_application ();
  GSettings *settings = app != NULL ? liaison_application_get_settings (app) : NULL;
  g_autofree char *advisor = settings != NULL ? g_settings_get_string (settings, "advisor-name") : NULL;
  g_autofree char *firm = settings != NULL ? g_settings_get_string (settings, "firm-name") : NULL;
  LiaisonTemplateValues values = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;

  if (self->contact != NULL)
    {
      values.first_name = liaison_contact_get_first_name (self->contact);
      values.last_name = liaison_contact_get_last_name (self->contact);
      /* The display name may be a company's: only a person's name is {full_name}. */
      if ((values.first_name != NULL && *values.first_name != '\0') ||
          (values.last_name != NULL && *values.last_name != '\0'))
        values.full_name = liaison_contact_get_display_name (self->contact);
    }
  values.advisor_name = advisor;
  values.firm = firm;
  values.when = get_now ();
  values.time_zone = self->time_zone;

  text = liaison_template_expand_partial (liaison_template_get_body (tmpl), &values,
                                          &missing, &error);
  if (text == NULL)
    {
      show_error (self, error->message);
      return;
    }

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);

  if (missing[0] != NULL)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *message = NULL;

      for (guint i = 0; missing[i] != NULL; i++)
        g_string_append_printf (list, "%s{%s}", i > 0 ? ", " : "", missing[i]);

      /* Translators: %s lists placeholders, "{first_name}, {firm}" */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No value for %s: replace it before sending.",
                                              "No values for %s: replace them before sending.",
                                              g_strv_length (missing)),
                                 list->str);
      show_error (self, message);
      select_first_leftover (self, missing[0]);
    }
  else
    show_error (self, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
get_contact_for_template_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(InsertState) state = user_data;
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = liaison_store_get_contact_finish (LIAISON_STORE (object), result, &error);
  if (contact == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (contact != NULL && liaison_contact_get_id (contact) == state->self->contact_id)
    g_set_object (&state->self->contact, contact);

  insert_expanded (state->self, state->tmpl);
}

static void
get_template_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(InsertState) state = user_data;
  g_autoptr(GError) error = NULL;
  LiaisonComposer *self = state->self;

  state->tmpl = liaison_store_get_template_finish (LIAISON_STORE (object), result, &error);
  if (state->tmpl == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  if (self->contact == NULL && self->contact_id != 0)
    {
      liaison_store_get_contact_async (LIAISON_STORE (object), self->contact_id, self->cancellable,
                                       get_contact_for_template_cb, g_steal_pointer (&state));
      return;
    }

  insert_expanded (self, state->tmpl);
}

static void
insert_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LiaisonComposer *self = LIAISON_COMPOSER (widget);
  LiaisonStore *store = get_store ();
  InsertState *state;

  if (store == NULL)
    return;

  state = g_new0 (InsertState, 1);
  state->self = g_object_ref (self);
  liaison_store_get_template_async (store, g_variant_get_int64 (param), self->cancellable,
                                    get_template_cb, state);
}

static void
templates_window_destroy_cb (LiaisonComposer *self)
{
  refresh_templates (self);
}

static void
manage_templates_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LiaisonComposer *self = LIAISON_COMPOSER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->templates_window == NULL)
    {
      self->templates_window = liaison_templates_window_new ();
      g_object_add_weak_pointer (G_OBJECT (self->templates_window),
                                 (gpointer *)&self->templates_window);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->templates_window), GTK_WINDOW (root));
      g_signal_connect_object (self->templates_window, "destroy",
                               G_CALLBACK (templates_window_destroy_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (self->templates_window));
}

/* Recipient */

static void
get_contact_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaisonComposer) self = user_data;
  g_autoptr(LiaisonContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = liaison_store_get_contact_finish (LIAISON_STORE (object), result, &error);
  if (contact != NULL && liaison_contact_get_id (contact) == self->contact_id)
    g_set_object (&self->contact, contact);
}

static void
load_contact (LiaisonComposer *self)
{
  LiaisonStore *store = get_store ();

  g_clear_object (&self->contact);
  if (store == NULL || self->contact_id == 0)
    return;

  liaison_store_get_contact_async (store, self->contact_id, self->cancellable,
                                   get_contact_cb, g_object_ref (self));
}

static void
store_state_changed_cb (LiaisonComposer *self)
{
  /* The outbox appears once the store is open. */
  update_send_sensitivity (self);
  if (self->contact == NULL)
    load_contact (self);
  run_check (self);
}

static gboolean
recheck_idle_cb (gpointer user_data)
{
  store_state_changed_cb (user_data);
  return G_SOURCE_REMOVE;
}

static void
application_store_state_cb (LiaisonComposer *self)
{
  store_state_changed_cb (self);
  /* The application may create the outbox right after notifying. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, recheck_idle_cb, g_object_ref (self), g_object_unref);
}

/* GObject */

static void
liaison_composer_dispose (GObject *object)
{
  LiaisonComposer *self = (LiaisonComposer *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->send_later_dialog != NULL)
    {
      GtkWidget *dialog = self->send_later_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->send_later_dialog);
      self->send_later_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (self->templates_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->templates_window),
                                    (gpointer *)&self->templates_window);
      self->templates_window = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_COMPOSER);

  G_OBJECT_CLASS (liaison_composer_parent_class)->dispose (object);
}

static void
liaison_composer_finalize (GObject *object)
{
  LiaisonComposer *self = (LiaisonComposer *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->decision);
  g_clear_object (&self->contact);
  g_clear_object (&self->templates_menu);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->time_zone, g_free);

  G_OBJECT_CLASS (liaison_composer_parent_class)->finalize (object);
}

static void
liaison_composer_class_init (LiaisonComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_composer_dispose;
  object_class->finalize = liaison_composer_finalize;

  drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /**
   * LiaisonComposer::sent:
   * @message_id: the queued message
   */
  signals [SIGNAL_SENT] =
    g_signal_new ("sent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * LiaisonComposer::blocked:
   * @decision: the gate's decision
   */
  signals [SIGNAL_BLOCKED] =
    g_signal_new ("blocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_GATE_DECISION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/inbox/liaison-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, gate_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, gate_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, gate_icon);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, gate_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, gate_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, send_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, counter_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonComposer, lookalike_button);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "composer.send-later", NULL, send_later_action);
  gtk_widget_class_install_action (widget_class, "composer.schedule-next-allowed", NULL,
                                   schedule_next_allowed_action);
  gtk_widget_class_install_action (widget_class, "composer.replace-lookalikes", NULL,
                                   replace_lookalikes_action);
  gtk_widget_class_install_action (widget_class, "composer.insert-template", "x",
                                   insert_template_action);
  gtk_widget_class_install_action (widget_class, "composer.manage-templates", NULL,
                                   manage_templates_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
liaison_composer_init (LiaisonComposer *self)
{
  LiaisonApplication *app = get_application ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  GtkEventController *keys;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The menu: Insert Template ▸ (the templates, Manage Templates…), Send
   * Later…, Replace Look-alike Characters. */
  self->templates_menu = g_menu_new ();
  g_menu_append_section (manage, NULL, G_MENU_MODEL (self->templates_menu));
  {
    g_autoptr(GMenu) manage_section = g_menu_new ();

    g_menu_append (manage_section, _("_Manage Templates…"), "composer.manage-templates");
    g_menu_append_section (manage, NULL, G_MENU_MODEL (manage_section));
  }
  g_menu_append_submenu (section, _("Insert _Template"), G_MENU_MODEL (manage));
  g_menu_append (section, _("Send _Later…"), "composer.send-later");
  g_menu_append (section, _("_Replace Look-alike Characters"), "composer.replace-lookalikes");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
  g_signal_connect_object (gtk_menu_button_get_popover (self->menu_button), "show",
                           G_CALLBACK (menu_shown_cb), self, G_CONNECT_SWAPPED);
  rebuild_templates_menu (self, NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  if (app != NULL)
    g_signal_connect_object (app, "notify::store-state",
                             G_CALLBACK (application_store_state_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->counter_label, NULL,
                                  -1);

  update_counter (self);
  update_send_sensitivity (self);
}

GtkWidget *
liaison_composer_new (void)
{
  return g_object_new (LIAISON_TYPE_COMPOSER, NULL);
}

void
liaison_composer_set_recipient (LiaisonComposer *self,
                                const char      *to,
                                const char      *from,
                                gint64           contact_id)
{
  gboolean same;

  g_return_if_fail (LIAISON_IS_COMPOSER (self));

  same = g_strcmp0 (self->to, to) == 0;

  g_free (self->from);
  self->from = g_strdup (from);

  if (!same)
    {
      const char *draft = to != NULL ? g_hash_table_lookup (drafts, to) : NULL;
      gboolean had_recipient = self->to != NULL;
      g_autofree char *current = liaison_composer_get_text (self);

      g_free (self->to);
      self->to = g_strdup (to);
      g_free (self->time_zone);
      self->time_zone = liaison_phone_dup_time_zone (to);

      /* The old recipient's draft is already in the table. Text typed
       * before any recipient was set becomes this one's draft, unless it
       * has one; a draft never follows the person to another recipient. */
      if (draft != NULL || had_recipient || *current == '\0')
        {
          g_autofree char *text = g_strdup (draft != NULL ? draft : "");

          self->loading_draft = TRUE;
          liaison_composer_set_text (self, text);
          self->loading_draft = FALSE;
        }
      else if (self->to != NULL)
        g_hash_table_insert (drafts, g_strdup (self->to), g_steal_pointer (&current));

      show_error (self, NULL);
      g_clear_object (&self->decision);
      hide_banner (self);
    }

  if (!same || contact_id != self->contact_id)
    {
      self->contact_id = contact_id;
      load_contact (self);
    }

  update_send_sensitivity (self);
  /* At once, so that an opt-out shows before anything is typed. */
  run_check (self);
}

const char *
liaison_composer_get_recipient (LiaisonComposer *self)
{
  g_return_val_if_fail (LIAISON_IS_COMPOSER (self), NULL);

  return self->to;
}

void
liaison_composer_set_text (LiaisonComposer *self,
                           const char      *text)
{
  g_return_if_fail (LIAISON_IS_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text != NULL ? text : "", -1);
}

char *
liaison_composer_get_text (LiaisonComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (LIAISON_IS_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
