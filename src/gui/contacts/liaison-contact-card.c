/* liaison-contact-card.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-card"

#include "config.h"

#include "liaison-contact-card.h"
#include "liaison-contact-row.h"
#include "liaison-contacts-page.h"
#include "liaison-campaigns-format.h"
#include "liaison-consent-ledger.h"
#include "liaison-phone.h"

#include <glib/gi18n.h>

#define TIMELINE_PAGE 50

struct _LiaisonContactCard
{
  AdwBin          parent_instance;

  LiaisonStore   *store;
  LiaisonContact *contact;
  GCancellable   *cancellable;
  GListStore     *timeline;
  GPtrArray      *phone_rows;
  GPtrArray      *detail_rows;
  GPtrArray      *sequence_rows;
  gboolean        timeline_loading;
  gboolean        timeline_complete;

  AdwAvatar      *avatar;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *opted_out_badge;
  GtkWidget      *bad_number_badge;
  GtkWidget      *text_button;
  GtkWidget      *call_button;
  GtkWidget      *thread_button;
  GtkWidget      *copy_button;
  GtkMenuButton  *more_button;
  AdwPreferencesGroup *phones_group;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *sequences_group;
  AdwActionRow   *consent_row;
  AdwActionRow   *deadline_row;
  GtkWidget      *revoke_button;
  GtkWidget      *opt_in_button;
  GtkStack       *timeline_stack;
  GtkListView    *timeline_view;
  GtkSwitch      *hold_switch;
  gboolean        syncing_hold;
};

enum {
  SIGNAL_CONSENT_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonContactCard, liaison_contact_card, ADW_TYPE_BIN)

static void load_timeline (LiaisonContactCard *self);
static void load_enrollments (LiaisonContactCard *self);

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup ("");

  /* Translators: date and time in a contact's history (strftime format) */
  return g_date_time_format (local, _("%b %-d, %Y %-I:%M %p"));
}

static const char *
channel_label (const char *channel)
{
  if (g_strcmp0 (channel, "phone") == 0)
    return _("by phone");
  if (g_strcmp0 (channel, "email") == 0)
    return _("by email");
  if (g_strcmp0 (channel, "in-person") == 0)
    return _("in person");
  if (g_strcmp0 (channel, "written") == 0)
    return _("in writing");
  if (g_strcmp0 (channel, "web") == 0)
    return _("on the web");
  if (g_strcmp0 (channel, "sms") == 0)
    return _("by text");
  return NULL;
}

/* Rows */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_detail (LiaisonContactCard *self,
            const char         *title,
            const char         *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set (row, "subtitle-lines", 0, NULL);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->details_group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static GtkWidget *
badge_new (const char *text,
           const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, css);
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

static void
add_phone_row (LiaisonContactCard  *self,
               LiaisonContactPhone *phone)
{
  g_autofree char *formatted = liaison_phone_format_for_display (liaison_contact_phone_get_e164 (phone),
                                                                 NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;
  const char *label = liaison_contact_phone_get_label (phone);
  const char *line_type = liaison_contact_phone_get_line_type (phone);
  GtkWidget *row = adw_action_row_new ();

  if (liaison_contact_phone_get_is_primary (phone))
    g_ptr_array_add (parts, (gpointer) _("Primary"));
  if (label != NULL && *label != '\0')
    g_ptr_array_add (parts, (gpointer) label);
  if (line_type != NULL)
    g_ptr_array_add (parts, (gpointer) line_type);
  if (liaison_contact_phone_get_is_bad (phone) && liaison_contact_phone_get_bad_reason (phone) != NULL)
    g_ptr_array_add (parts, (gpointer) liaison_contact_phone_get_bad_reason (phone));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), formatted);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);

  if (liaison_contact_phone_get_opted_out (phone))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (_("Opted out"), "error"));
  if (liaison_contact_phone_get_is_bad (phone))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (_("Bad number"), "warning"));

  adw_preferences_group_add (self->phones_group, row);
  g_ptr_array_add (self->phone_rows, row);
}

/* Consent */

static void
consent_state_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(LiaisonConsentEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonConsentState state;

  state = liaison_consent_ledger_get_state_finish (LIAISON_STORE (object), result, &event, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row), error->message);
      return;
    }

  switch (state)
    {
    case LIAISON_CONSENT_OPTED_OUT:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row), _("Opted out"));
      break;
    case LIAISON_CONSENT_OPTED_IN:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row), _("Opted in"));
      break;
    case LIAISON_CONSENT_UNKNOWN:
    default:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row),
                                     _("No consent recorded"));
      break;
    }

  if (event != NULL)
    {
      g_autofree char *when = format_time (liaison_consent_event_get_time (event));
      const char *how = channel_label (liaison_consent_event_get_channel (event));
      const char *note = liaison_consent_event_get_note (event);
      g_autofree char *subtitle = NULL;

      /* Translators: the latest consent event: when, where from ("keyword", "manual") */
      subtitle = g_strdup_printf (_("%s, %s"), when, liaison_consent_event_get_source (event));
      if (how != NULL)
        {
          char *more = g_strdup_printf ("%s, %s", subtitle, how);

          g_free (subtitle);
          subtitle = more;
        }
      if (note != NULL && *note != '\0')
        {
          char *more = g_strdup_printf ("%s — %s", subtitle, note);

          g_free (subtitle);
          subtitle = more;
        }
      adw_action_row_set_subtitle (self->consent_row, subtitle);

      if (state == LIAISON_CONSENT_OPTED_OUT)
        {
          gint64 deadline = liaison_consent_revocation_deadline (liaison_consent_event_get_time (event),
                                                                 NULL);
          g_autofree char *text = format_time (deadline);

          adw_action_row_set_subtitle (self->deadline_row, text);
          gtk_widget_set_visible (GTK_WIDGET (self->deadline_row), TRUE);
        }
    }
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (liaison_consent_ledger_record_finish (LIAISON_STORE (object), result, &error) == 0)
    {
      g_warning ("Could not record consent: %s", error->message);
      adw_action_row_set_subtitle (self->consent_row, error->message);
      return;
    }

  g_signal_emit (self, signals [SIGNAL_CONSENT_CHANGED], 0);
}

static const char * const channel_ids[] = { "phone", "email", "in-person", "written", "web", "sms", NULL };

static GtkWidget *
channel_drop_down_new (guint n)
{
  const char *labels[] = {
    _("Phone call"), _("Email"), _("In person"), _("Written"), _("Web form"), _("Text message"), NULL
  };

  labels[n] = NULL;
  return gtk_drop_down_new_from_strings (labels);
}

static void
record_event (LiaisonContactCard *self,
              const char         *event,
              const char         *channel,
              const char         *note)
{
  LiaisonConsentEventInfo info = { 0, };
  const char *e164;

  if (self->contact == NULL || self->store == NULL)
    return;

  e164 = liaison_contact_get_primary_phone (self->contact);
  if (e164 == NULL)
    return;

  info.e164 = e164;
  info.event = event;
  info.source = "manual";
  info.channel = channel;
  info.note = note;
  liaison_consent_ledger_record_async (self->store, &info, NULL, record_cb, g_object_ref (self));
}

static void
revoke_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    LiaisonContactCard *self)
{
  GtkDropDown *channels = g_object_get_data (G_OBJECT (dialog), "channels");

  if (g_strcmp0 (response, "record") == 0)
    record_event (self, "opt-out", channel_ids[gtk_drop_down_get_selected (channels)], NULL);
}

static void
revoke_clicked_cb (LiaisonContactCard *self)
{
  GtkWidget *dialog;
  GtkWidget *channels = channel_drop_down_new (4);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Record a Revocation?"),
                                   _("The client asked not to be texted any more. Texts to this number "
                                     "will be blocked and the request kept in the consent ledger. "
                                     "How did the request arrive?"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), channels);
  g_object_set_data (G_OBJECT (dialog), "channels", channels);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record Revocation"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (revoke_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
opt_in_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    LiaisonContactCard *self)
{
  GtkDropDown *channels = g_object_get_data (G_OBJECT (dialog), "channels");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");

  if (g_strcmp0 (response, "record") == 0)
    record_event (self, "opt-in", channel_ids[gtk_drop_down_get_selected (channels)],
                  gtk_editable_get_text (note));
}

static void
opt_in_note_changed_cb (GtkEditable      *note,
                        AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (note);

  adw_message_dialog_set_response_enabled (dialog, "record", text != NULL && *text != '\0');
}

static void
opt_in_clicked_cb (LiaisonContactCard *self)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *channels = channel_drop_down_new (6);
  GtkWidget *note = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("How consent was obtained"));
  gtk_box_append (GTK_BOX (box), channels);
  gtk_box_append (GTK_BOX (box), note);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Record an Opt-In?"),
                                   _("Keep evidence of how this client agreed to receive texts "
                                     "(a signed form, a web form, a call)."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "channels", channels);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record Opt-In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record", FALSE);
  g_signal_connect_object (note, "changed", G_CALLBACK (opt_in_note_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (opt_in_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Timeline */

static void
timeline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = liaison_store_list_contact_timeline_finish (LIAISON_STORE (object), result, &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not load a contact's history: %s", error->message);
          self->timeline_loading = FALSE;
        }
      return;
    }

  self->timeline_loading = FALSE;
  self->timeline_complete = items->len < TIMELINE_PAGE;
  g_list_store_splice (self->timeline, g_list_model_get_n_items (G_LIST_MODEL (self->timeline)), 0,
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->timeline_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) > 0 ?
                                    "list" : "empty");
}

static void
load_timeline (LiaisonContactCard *self)
{
  g_autoptr(LiaisonTimelineItem) last = NULL;
  guint n;

  if (self->store == NULL || self->contact == NULL || self->timeline_loading ||
      self->timeline_complete)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));
  if (n > 0)
    last = g_list_model_get_item (G_LIST_MODEL (self->timeline), n - 1);

  self->timeline_loading = TRUE;
  liaison_store_list_contact_timeline_async (self->store, liaison_contact_get_id (self->contact),
                                             last, TIMELINE_PAGE, self->cancellable,
                                             timeline_cb, g_object_ref (self));
}

static const char *
timeline_icon (LiaisonTimelineItem *item)
{
  switch (liaison_timeline_item_get_kind (item))
    {
    case LIAISON_TIMELINE_CALL:
      return "call-start-symbolic";
    case LIAISON_TIMELINE_VOICEMAIL:
      return "liaison-voicemail-symbolic";
    case LIAISON_TIMELINE_CONSENT:
      return "security-medium-symbolic";
    case LIAISON_TIMELINE_MESSAGE:
    default:
      return g_strcmp0 (liaison_timeline_item_get_direction (item), "inbound") == 0 ?
             "mail-unread-symbolic" : "mail-send-symbolic";
    }
}

static void
timeline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *when = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_lines (GTK_LABEL (summary), 3);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_box_append (GTK_BOX (texts), summary);
  gtk_box_append (GTK_BOX (texts), when);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), texts);
  g_object_set_data (G_OBJECT (box), "image", image);
  g_object_set_data (G_OBJECT (box), "summary", summary);
  g_object_set_data (G_OBJECT (box), "when", when);
  gtk_list_item_set_child (list_item, box);
}

static void
timeline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  LiaisonContactCard       *self)
{
  LiaisonTimelineItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *when = format_time (liaison_timeline_item_get_time (item));
  const char *status = liaison_timeline_item_get_status (item);
  g_autofree char *when_status = NULL;

  if (status != NULL && liaison_timeline_item_get_kind (item) != LIAISON_TIMELINE_CONSENT)
    when_status = g_strdup_printf ("%s · %s", when, status);

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "image"), timeline_icon (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "summary"),
                       liaison_timeline_item_get_summary (item));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "when"),
                       when_status != NULL ? when_status : when);

  /* Near the end: fetch the next page. */
  if (gtk_list_item_get_position (list_item) + 10 >=
      g_list_model_get_n_items (G_LIST_MODEL (self->timeline)))
    load_timeline (self);
}

static void
timeline_activate_cb (LiaisonContactCard *self,
                      guint               position)
{
  g_autoptr(LiaisonTimelineItem) item = g_list_model_get_item (G_LIST_MODEL (self->timeline), position);
  GtkWidget *widget = GTK_WIDGET (self);

  if (item == NULL)
    return;

  /* The inbox and calls pages own these window actions; until they exist,
   * a message falls back to the contact's thread. */
  if (liaison_timeline_item_get_thread_id (item) != 0 &&
      gtk_widget_activate_action (widget, "win.open-thread", "x",
                                  liaison_timeline_item_get_thread_id (item)))
    return;
  if (liaison_timeline_item_get_call_sid (item) != NULL &&
      gtk_widget_activate_action (widget, "win.show-call", "s",
                                  liaison_timeline_item_get_call_sid (item)))
    return;
  if (liaison_timeline_item_get_kind (item) == LIAISON_TIMELINE_MESSAGE && self->contact != NULL)
    gtk_widget_activate_action (widget, "contacts.open-thread", "x",
                                liaison_contact_get_id (self->contact));
}

/* The contact */

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  LiaisonContactCard *self = LIAISON_CONTACT_CARD (user_data);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), LIAISON_TYPE_CONTACTS_PAGE);
  g_autoptr(GMenuModel) menu = NULL;

  if (self->contact == NULL)
    return;

  menu = liaison_contact_build_menu (self->contact,
                                     page != NULL ?
                                     liaison_contacts_page_get_stages (LIAISON_CONTACTS_PAGE (page)) :
                                     NULL);
  gtk_menu_button_set_menu_model (button, menu);
}

/* Legal hold for every recording of the contact */

static void
hold_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean hold = FALSE;

  if (!liaison_store_get_contact_legal_hold_finish (LIAISON_STORE (object), result, &hold, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the contact's legal hold: %s", error->message);
      return;
    }

  self->syncing_hold = TRUE;
  gtk_switch_set_active (self->hold_switch, hold);
  self->syncing_hold = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->hold_switch), TRUE);
}

static void
hold_set_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_set_contact_legal_hold_finish (LIAISON_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not change the contact's legal hold: %s", error->message);
}

static void
hold_switch_cb (LiaisonContactCard *self)
{
  if (self->syncing_hold || self->contact == NULL || self->store == NULL)
    return;

  /* Not cancelled with the card's reads: the person's change must land. */
  liaison_store_set_contact_legal_hold_async (self->store, liaison_contact_get_id (self->contact),
                                              gtk_switch_get_active (self->hold_switch), NULL,
                                              NULL, hold_set_cb, g_object_ref (self));
}

static void
update (LiaisonContactCard *self)
{
  LiaisonContact *contact = self->contact;
  g_autofree char *title = NULL;
  g_autofree char *tags = NULL;
  GListModel *phones;
  GVariant *target;
  gboolean has_phone;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_list_store_remove_all (self->timeline);
  self->timeline_loading = FALSE;
  self->timeline_complete = FALSE;
  gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
  clear_rows (self->phones_group, self->phone_rows);
  clear_rows (self->details_group, self->detail_rows);
  clear_rows (self->sequences_group, self->sequence_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->sequences_group), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_row), _("No consent recorded"));
  adw_action_row_set_subtitle (self->consent_row, "");
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_row), FALSE);

  if (contact == NULL)
    return;

  title = liaison_contact_dup_title (contact);
  gtk_label_set_label (self->title_label, title);
  adw_avatar_set_text (self->avatar, title);
  gtk_label_set_label (self->subtitle_label,
                       liaison_contact_kind_to_label (liaison_contact_get_kind (contact)));
  gtk_widget_set_visible (self->opted_out_badge, liaison_contact_get_opted_out (contact));
  gtk_widget_set_visible (self->bad_number_badge, liaison_contact_get_has_bad_number (contact));

  has_phone = liaison_contact_get_primary_phone (contact) != NULL;
  target = g_variant_ref_sink (g_variant_new_int64 (liaison_contact_get_id (contact)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->text_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->call_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->thread_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->copy_button), target);
  g_variant_unref (target);
  gtk_button_set_label (GTK_BUTTON (self->text_button),
                        liaison_contact_get_opted_out (contact) ? _("Text (Opted Out)") : _("Text"));
  gtk_widget_set_sensitive (self->revoke_button, has_phone);
  gtk_widget_set_sensitive (self->opt_in_button, has_phone);

  phones = liaison_contact_get_phone_details (contact);
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(LiaisonContactPhone) phone = g_list_model_get_item (phones, i);

      add_phone_row (self, phone);
    }
  /* Objects not from the store's detailed queries have numbers only. */
  if (g_list_model_get_n_items (phones) == 0)
    for (const char * const *p = liaison_contact_get_phones (contact); *p != NULL; p++)
      {
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *formatted = liaison_phone_format_for_display (*p, NULL);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), formatted);
        adw_preferences_group_add (self->phones_group, row);
        g_ptr_array_add (self->phone_rows, row);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->phones_group), has_phone);

  tags = g_strjoinv (", ", (char **) liaison_contact_get_tags (contact));
  add_detail (self, _("Email"), liaison_contact_get_email (contact));
  add_detail (self, _("Company"), liaison_contact_get_company (contact));
  add_detail (self, _("Stage"), liaison_contact_get_pipeline_stage (contact));
  add_detail (self, _("Type"), liaison_contact_kind_to_label (liaison_contact_get_kind (contact)));
  add_detail (self, _("Owner"), liaison_contact_get_owner (contact));
  add_detail (self, _("Tags"), tags);
  add_detail (self, _("Notes"), liaison_contact_get_notes (contact));

  if (self->store != NULL && has_phone)
    liaison_consent_ledger_get_state_async (self->store, liaison_contact_get_primary_phone (contact),
                                            self->cancellable, consent_state_cb,
                                            g_object_ref (self));
  /* Until the stored state is known. */
  self->syncing_hold = TRUE;
  gtk_switch_set_active (self->hold_switch, FALSE);
  self->syncing_hold = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->hold_switch), FALSE);
  if (self->store != NULL)
    liaison_store_get_contact_legal_hold_async (self->store, liaison_contact_get_id (contact),
                                                self->cancellable, hold_read_cb, g_object_ref (self));
  load_enrollments (self);
  load_timeline (self);
}

/* The contact's follow-up sequences */

static void
enrollments_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GError) error = NULL;

  enrollments = liaison_store_list_enrollments_finish (LIAISON_STORE (object), result, &error);
  if (enrollments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the contact's sequences: %s", error->message);
      return;
    }

  clear_rows (self->sequences_group, self->sequence_rows);
  for (guint i = 0; i < enrollments->len; i++)
    {
      LiaisonSequenceEnrollment *enrollment = g_ptr_array_index (enrollments, i);
      g_autofree char *title = g_markup_escape_text (liaison_sequence_enrollment_get_sequence_name (enrollment), -1);
      g_autofree char *state = liaison_campaigns_format_enrollment (enrollment, 0);
      g_autofree char *subtitle = g_markup_escape_text (state, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (liaison_sequence_enrollment_get_state (enrollment) == LIAISON_ENROLLMENT_ACTIVE)
        {
          GtkWidget *stop = gtk_button_new_with_mnemonic (_("_Stop"));

          gtk_widget_set_valign (stop, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (stop, _("Send no more texts from this sequence"));
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (stop),
                                                  g_variant_new_int64 (liaison_sequence_enrollment_get_id (enrollment)));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (stop), "card.stop-enrollment");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), stop);
        }
      adw_preferences_group_add (self->sequences_group, row);
      g_ptr_array_add (self->sequence_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sequences_group), enrollments->len > 0);
}

static void
load_enrollments (LiaisonContactCard *self)
{
  if (self->store == NULL || self->contact == NULL)
    return;

  liaison_store_list_enrollments_async (self->store, 0, liaison_contact_get_id (self->contact),
                                        self->cancellable, enrollments_read_cb, g_object_ref (self));
}

static void
enrollment_stopped_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LiaisonContactCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liaison_store_stop_enrollment_finish (LIAISON_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not stop the sequence: %s", error->message);
  load_enrollments (self);
}

static void
stop_enrollment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LiaisonContactCard *self = LIAISON_CONTACT_CARD (widget);

  if (self->store == NULL)
    return;

  liaison_store_stop_enrollment_async (self->store, g_variant_get_int64 (param), self->cancellable,
                                       enrollment_stopped_cb, g_object_ref (self));
}

void
liaison_contact_card_reload_sequences (LiaisonContactCard *self)
{
  g_return_if_fail (LIAISON_IS_CONTACT_CARD (self));

  load_enrollments (self);
}

static void
liaison_contact_card_dispose (GObject *object)
{
  LiaisonContactCard *self = LIAISON_CONTACT_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->contact);
  g_clear_object (&self->timeline);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_CARD);

  G_OBJECT_CLASS (liaison_contact_card_parent_class)->dispose (object);
}

static void
liaison_contact_card_finalize (GObject *object)
{
  LiaisonContactCard *self = LIAISON_CONTACT_CARD (object);

  g_ptr_array_unref (self->phone_rows);
  g_ptr_array_unref (self->detail_rows);
  g_ptr_array_unref (self->sequence_rows);

  G_OBJECT_CLASS (liaison_contact_card_parent_class)->finalize (object);
}

static void
liaison_contact_card_class_init (LiaisonContactCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_card_dispose;
  object_class->finalize = liaison_contact_card_finalize;

  /* A consent event was recorded from the card: lists and badges are stale. */
  signals [SIGNAL_CONSENT_CHANGED] =
    g_signal_new ("consent-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/contacts/liaison-contact-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, avatar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, opted_out_badge);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, bad_number_badge);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, text_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, call_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, hold_switch);
  gtk_widget_class_bind_template_callback (widget_class, hold_switch_cb);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, thread_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, copy_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, more_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, phones_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, details_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, sequences_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, consent_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, revoke_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, opt_in_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactCard, timeline_view);
  gtk_widget_class_bind_template_callback (widget_class, revoke_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, opt_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_activate_cb);

  gtk_widget_class_install_action (widget_class, "card.stop-enrollment", "x", stop_enrollment_action);
}

static void
liaison_contact_card_init (LiaisonContactCard *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->more_button, create_popup_cb, self, NULL);

  self->phone_rows = g_ptr_array_new ();
  self->detail_rows = g_ptr_array_new ();
  self->sequence_rows = g_ptr_array_new ();
  self->timeline = g_list_store_new (LIAISON_TYPE_TIMELINE_ITEM);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (timeline_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (timeline_bind_cb), self, 0);
  gtk_list_view_set_factory (self->timeline_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->timeline)));
  gtk_list_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

GtkWidget *
liaison_contact_card_new (void)
{
  return g_object_new (LIAISON_TYPE_CONTACT_CARD, NULL);
}

void
liaison_contact_card_set_store (LiaisonContactCard *self,
                                LiaisonStore       *store)
{
  g_return_if_fail (LIAISON_IS_CONTACT_CARD (self));

  g_set_object (&self->store, store);
}

LiaisonContact *
liaison_contact_card_get_contact (LiaisonContactCard *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_CARD (self), NULL);
  return self->contact;
}

void
liaison_contact_card_set_contact (LiaisonContactCard *self,
                                  LiaisonContact     *contact)
{
  g_return_if_fail (LIAISON_IS_CONTACT_CARD (self));
  g_return_if_fail (!contact || LIAISON_IS_CONTACT (contact));

  g_set_object (&self->contact, contact);
  update (self);
}

GListModel *
liaison_contact_card_get_timeline (LiaisonContactCard *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_CARD (self), NULL);
  return G_LIST_MODEL (self->timeline);
}
