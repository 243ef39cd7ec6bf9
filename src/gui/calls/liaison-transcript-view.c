/* liaison-transcript-view.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-transcript-view"

#include "config.h"

#include "liaison-transcript-view.h"
#include "liaison-recording-player.h"
#include "liaison-transcript-row.h"

#include <glib/gi18n.h>
#include <string.h>

struct _LiaisonTranscriptView
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  GtkLabel             *matches_label;
  GtkStack             *stack;
  GtkScrolledWindow    *scroller;
  GtkListView          *list_view;

  GListStore           *sentences;
  int                   current;
  gboolean              scroll_pending;

  char                 *query;          /* folded, NULL when not searching */
  GArray               *matches;        /* guint: positions of matching sentences */
  int                   match_cursor;   /* the match gone to last, or -1 */
  gboolean              setting_search;

  char                 *export_name;
  GtkNativeDialog      *export_dialog;
};

enum {
  SIGNAL_SEEK,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonTranscriptView, liaison_transcript_view, ADW_TYPE_BIN)

static LiaisonTranscriptSentence *
sentence_at (LiaisonTranscriptView *self,
             guint                  position)
{
  /* The store holds a reference: borrowed. */
  LiaisonTranscriptSentence *sentence = g_list_model_get_item (G_LIST_MODEL (self->sentences),
                                                               position);

  if (sentence != NULL)
    g_object_unref (sentence);

  return sentence;
}

static guint
n_sentences (LiaisonTranscriptView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->sentences));
}

/* Rows */

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (LIAISON_IS_TRANSCRIPT_ROW (child))
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

static LiaisonTranscriptRow *
find_row (LiaisonTranscriptView *self,
          guint                  position)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (self->list_view), rows);
  for (guint i = 0; i < rows->len; i++)
    if (liaison_transcript_row_get_position (g_ptr_array_index (rows, i)) == position)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static void
refresh_rows (LiaisonTranscriptView *self,
              gboolean               rebind)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (self->list_view), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonTranscriptRow *row = g_ptr_array_index (rows, i);
      guint position = liaison_transcript_row_get_position (row);

      if (position == G_MAXUINT)
        continue;

      if (rebind)
        liaison_transcript_row_set_sentence (row, liaison_transcript_row_get_sentence (row),
                                             position, self->query);
      liaison_transcript_row_set_current (row, (int) position == self->current);
      liaison_transcript_row_set_match_current (row, (int) position == self->match_cursor);
    }
}

static gboolean
row_is_visible (LiaisonTranscriptView *self,
                guint                  position)
{
  LiaisonTranscriptRow *row = find_row (self, position);
  double x, y;

  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self->scroller),
                                         0, 0, &x, &y))
    return FALSE;

  return y >= 0 &&
         y + gtk_widget_get_height (GTK_WIDGET (row)) <= gtk_widget_get_height (GTK_WIDGET (self->scroller));
}

/* Brings @position into view, unless it is already. */
static void
reveal (LiaisonTranscriptView *self,
        guint                  position)
{
  if (position >= n_sentences (self))
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)) ||
      gtk_widget_get_height (GTK_WIDGET (self->list_view)) <= 0)
    {
      self->scroll_pending = TRUE;
      return;
    }

  self->scroll_pending = FALSE;
  if (!row_is_visible (self, position))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
list_mapped_cb (LiaisonTranscriptView *self)
{
  if (self->scroll_pending && self->current >= 0)
    reveal (self, self->current);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, liaison_transcript_row_new ());
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_activatable (list_item, TRUE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  LiaisonTranscriptView *self = user_data;
  LiaisonTranscriptRow *row = LIAISON_TRANSCRIPT_ROW (gtk_list_item_get_child (list_item));
  guint position = gtk_list_item_get_position (list_item);

  liaison_transcript_row_set_sentence (row, gtk_list_item_get_item (list_item), position,
                                       self->query);
  liaison_transcript_row_set_current (row, (int) position == self->current);
  liaison_transcript_row_set_match_current (row, (int) position == self->match_cursor);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  liaison_transcript_row_set_sentence (LIAISON_TRANSCRIPT_ROW (gtk_list_item_get_child (list_item)),
                                       NULL, G_MAXUINT, NULL);
}

static void
row_activated_cb (LiaisonTranscriptView *self,
                  guint                  position)
{
  LiaisonTranscriptSentence *sentence = sentence_at (self, position);

  if (sentence != NULL)
    g_signal_emit (self, signals [SIGNAL_SEEK], 0,
                   MAX (liaison_transcript_sentence_get_start_ms (sentence), 0));
}

/* Search */

static void
update_matches_label (LiaisonTranscriptView *self)
{
  g_autofree char *text = NULL;
  guint n = self->matches->len;

  if (self->query == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->matches_label), FALSE);
      return;
    }

  if (n == 0)
    text = g_strdup (_("No matches"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);

  gtk_label_set_label (self->matches_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->matches_label), TRUE);
}

static void
apply_search (LiaisonTranscriptView *self,
              const char            *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint n = n_sentences (self);

  g_clear_pointer (&self->query, g_free);
  self->query = liaison_transcript_fold (stripped);
  g_array_set_size (self->matches, 0);
  self->match_cursor = -1;

  if (self->query != NULL)
    for (guint i = 0; i < n; i++)
      {
        gsize start, end;

        if (liaison_transcript_find (liaison_transcript_sentence_get_text (sentence_at (self, i)),
                                     0, self->query, &start, &end))
          g_array_append_val (self->matches, i);
      }

  update_matches_label (self);
  refresh_rows (self, TRUE);
}

static void
search_changed_cb (LiaisonTranscriptView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *folded = liaison_transcript_fold (stripped);

  /* The entry reports changes late (and set_search() already applied it):
   * the same search again keeps the place of next/previous. */
  if (self->setting_search || g_strcmp0 (folded, self->query) == 0)
    return;

  apply_search (self, text);
}

static int
go_to_match (LiaisonTranscriptView *self,
             gboolean               forward)
{
  int from = self->match_cursor >= 0 ? self->match_cursor : self->current;
  guint n = self->matches->len;
  int found = -1;

  if (n == 0)
    return -1;

  if (forward)
    {
      found = (int) g_array_index (self->matches, guint, 0);
      for (guint i = 0; i < n; i++)
        if ((int) g_array_index (self->matches, guint, i) > from)
          {
            found = (int) g_array_index (self->matches, guint, i);
            break;
          }
    }
  else
    {
      found = (int) g_array_index (self->matches, guint, n - 1);
      for (guint i = n; i > 0; i--)
        if (from < 0 || (int) g_array_index (self->matches, guint, i - 1) < from)
          {
            if (from >= 0)
              found = (int) g_array_index (self->matches, guint, i - 1);
            break;
          }
    }

  self->match_cursor = found;
  refresh_rows (self, FALSE);
  reveal (self, (guint) found);
  return found;
}

static void
search_activate_cb (LiaisonTranscriptView *self)
{
  go_to_match (self, TRUE);
}

static void
search_previous_cb (LiaisonTranscriptView *self)
{
  go_to_match (self, FALSE);
}

static void
search_stop_cb (LiaisonTranscriptView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Copy and export */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonTranscriptView *self = LIAISON_TRANSCRIPT_VIEW (widget);
  g_autofree char *text = liaison_transcript_view_get_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
export_error (LiaisonTranscriptView *self,
              const GError          *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Export the Transcript"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog       *dialog,
                    int                    response,
                    LiaisonTranscriptView *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !liaison_transcript_view_export_to_file (self, file, NULL, &error))
        export_error (self, error);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_native_dialog_destroy (dialog);
  if (self->export_dialog == dialog)
    g_clear_object (&self->export_dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaisonTranscriptView *self = LIAISON_TRANSCRIPT_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->export_dialog != NULL)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = gtk_file_chooser_native_new (_("Export Transcript"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     self->export_name != NULL ? self->export_name
                                                               : _("Transcript.txt"));
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->export_dialog = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
liaison_transcript_view_dispose (GObject *object)
{
  LiaisonTranscriptView *self = LIAISON_TRANSCRIPT_VIEW (object);

  if (self->export_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->export_dialog, self);
      gtk_native_dialog_destroy (self->export_dialog);
      g_clear_object (&self->export_dialog);
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_TRANSCRIPT_VIEW);
  g_clear_object (&self->sentences);

  G_OBJECT_CLASS (liaison_transcript_view_parent_class)->dispose (object);
}

static void
liaison_transcript_view_finalize (GObject *object)
{
  LiaisonTranscriptView *self = LIAISON_TRANSCRIPT_VIEW (object);

  g_free (self->query);
  g_array_unref (self->matches);
  g_free (self->export_name);

  G_OBJECT_CLASS (liaison_transcript_view_parent_class)->finalize (object);
}

static void
liaison_transcript_view_class_init (LiaisonTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_transcript_view_dispose;
  object_class->finalize = liaison_transcript_view_finalize;

  /* The user chose the sentence starting at @start_ms. */
  signals [SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/calls/liaison-transcript-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptView, matches_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptView, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaisonTranscriptView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "transcript.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "transcript.export", NULL, export_action);
}

static void
liaison_transcript_view_init (LiaisonTranscriptView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  liaison_recording_player_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->current = -1;
  self->match_cursor = -1;
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sentences = g_list_store_new (LIAISON_TYPE_TRANSCRIPT_SENTENCE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sentences)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->list_view, "map", G_CALLBACK (list_mapped_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.export", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
liaison_transcript_view_new (void)
{
  return g_object_new (LIAISON_TYPE_TRANSCRIPT_VIEW, NULL);
}

static int
compare_sentences (gconstpointer a,
                   gconstpointer b)
{
  LiaisonTranscriptSentence *sa = *(LiaisonTranscriptSentence **) a;
  LiaisonTranscriptSentence *sb = *(LiaisonTranscriptSentence **) b;
  gint64 ta = liaison_transcript_sentence_get_start_ms (sa);
  gint64 tb = liaison_transcript_sentence_get_start_ms (sb);

  if (ta != tb)
    return ta < tb ? -1 : 1;

  return (int) liaison_transcript_sentence_get_index (sa) -
         (int) liaison_transcript_sentence_get_index (sb);
}

void
liaison_transcript_view_set_sentences (LiaisonTranscriptView *self,
                                       GPtrArray             *sentences)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint n = sentences != NULL ? sentences->len : 0;
  g_autofree char *search = NULL;

  g_return_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self));

  for (guint i = 0; i < n; i++)
    {
      gpointer sentence = g_ptr_array_index (sentences, i);

      g_return_if_fail (LIAISON_IS_TRANSCRIPT_SENTENCE (sentence));
      g_ptr_array_add (sorted, sentence);
    }
  g_ptr_array_sort (sorted, compare_sentences);

  self->current = -1;
  self->scroll_pending = FALSE;
  g_list_store_splice (self->sentences, 0, n_sentences (self), sorted->pdata, sorted->len);

  gtk_stack_set_visible_child_name (self->stack, sorted->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.copy", sorted->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.export", sorted->len > 0);

  search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  apply_search (self, search);
}

GListModel *
liaison_transcript_view_get_model (LiaisonTranscriptView *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), NULL);

  return G_LIST_MODEL (self->sentences);
}

void
liaison_transcript_view_set_position (LiaisonTranscriptView *self,
                                      gint64                 position_ms)
{
  guint lo = 0, hi;
  int current;

  g_return_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self));

  /* The last sentence started at or before the position: it stays marked
   * through a pause, until the next one starts. */
  hi = n_sentences (self);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (liaison_transcript_sentence_get_start_ms (sentence_at (self, mid)) <= position_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  current = (int) lo - 1;

  if (current == self->current)
    return;

  self->current = current;
  refresh_rows (self, FALSE);
  if (current >= 0)
    reveal (self, (guint) current);
}

int
liaison_transcript_view_get_current_index (LiaisonTranscriptView *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), -1);

  return self->current;
}

void
liaison_transcript_view_set_search (LiaisonTranscriptView *self,
                                    const char            *text)
{
  g_return_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self));

  self->setting_search = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->setting_search = FALSE;
  apply_search (self, text);
}

guint
liaison_transcript_view_get_n_matches (LiaisonTranscriptView *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), 0);

  return self->matches->len;
}

int
liaison_transcript_view_next_match (LiaisonTranscriptView *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), -1);

  return go_to_match (self, TRUE);
}

int
liaison_transcript_view_previous_match (LiaisonTranscriptView *self)
{
  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), -1);

  return go_to_match (self, FALSE);
}

char *
liaison_transcript_view_get_text (LiaisonTranscriptView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), NULL);

  n = n_sentences (self);
  for (guint i = 0; i < n; i++)
    {
      LiaisonTranscriptSentence *sentence = sentence_at (self, i);
      const char *speaker = liaison_transcript_speaker_label (sentence);
      g_autofree char *time =
        liaison_recording_player_format_time (liaison_transcript_sentence_get_start_ms (sentence));

      g_string_append_printf (text, "[%s] ", time);
      if (speaker != NULL)
        g_string_append_printf (text, "%s: ", speaker);
      g_string_append (text, liaison_transcript_sentence_get_text (sentence));
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
liaison_transcript_view_export_to_file (LiaisonTranscriptView  *self,
                                        GFile                  *file,
                                        GCancellable           *cancellable,
                                        GError                **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = liaison_transcript_view_get_text (self);
  /* A transcript is private: readable by the user only. */
  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the transcript: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

void
liaison_transcript_view_set_export_name (LiaisonTranscriptView *self,
                                         const char            *name)
{
  g_return_if_fail (LIAISON_IS_TRANSCRIPT_VIEW (self));

  g_free (self->export_name);
  self->export_name = g_strdup (name);
}
