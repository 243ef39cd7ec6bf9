/* liaison-about.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-about"

#include "config.h"

#include "liaison-about.h"
#include "liaison-paths.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

typedef enum {
  TARGET_NONE,
  TARGET_NAME,
  TARGET_SUMMARY,
  TARGET_DEVELOPER_NAME,
  TARGET_HOMEPAGE,
  TARGET_ISSUE_URL,
  TARGET_LICENSE,
} Target;

typedef struct
{
  LiaisonAboutInfo *info;
  GPtrArray        *stack;          /* element names, outermost first */
  /* Depth at which a translated (xml:lang) element started; 0 when none. */
  guint             skip_depth;
  Target            target;
  GString          *text;
  /* Inside the first <release>'s <description>. */
  gboolean          in_first_release;
  gboolean          seen_release;
  guint             notes_depth;
  GString          *notes;
} ParseState;

void
liaison_about_info_free (LiaisonAboutInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->summary);
  g_free (info->developer_name);
  g_free (info->version);
  g_free (info->release_notes);
  g_free (info->homepage);
  g_free (info->issue_url);
  g_free (info->license);
  g_free (info);
}

/* Collapses runs of white space into single spaces and trims the ends. */
static char *
normalize_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static const char *
parent_element (ParseState *state,
                guint       levels_up)
{
  if (state->stack->len < levels_up + 1)
    return NULL;

  return g_ptr_array_index (state->stack, state->stack->len - 1 - levels_up);
}

static gboolean
is_notes_element (const char *name)
{
  static const char * const allowed[] = { "p", "ul", "ol", "li", "em", "code", NULL };

  return g_strv_contains (allowed, name);
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  const char *parent = parent_element (state, 0);
  const char *grandparent = parent_element (state, 1);
  const char *url_type = NULL;
  const char *version = NULL;

  g_ptr_array_add (state->stack, g_strdup (element_name));

  if (state->skip_depth > 0)
    return;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_str_equal (attribute_names[i], "xml:lang"))
        {
          state->skip_depth = state->stack->len;
          return;
        }
      else if (g_str_equal (attribute_names[i], "type"))
        url_type = attribute_values[i];
      else if (g_str_equal (attribute_names[i], "version"))
        version = attribute_values[i];
    }

  if (state->notes_depth > 0)
    {
      if (is_notes_element (element_name))
        g_string_append_printf (state->notes, "<%s>", element_name);
      return;
    }

  if (g_str_equal (element_name, "release") && g_strcmp0 (parent, "releases") == 0)
    {
      state->in_first_release = !state->seen_release;
      state->seen_release = TRUE;
      if (state->in_first_release && version != NULL)
        state->info->version = g_strdup (version);
      return;
    }

  if (state->in_first_release && g_str_equal (element_name, "description") &&
      g_strcmp0 (parent, "release") == 0)
    {
      state->notes_depth = state->stack->len;
      state->notes = g_string_new (NULL);
      return;
    }

  state->target = TARGET_NONE;

  if (g_strcmp0 (parent, "component") == 0)
    {
      if (g_str_equal (element_name, "name"))
        state->target = TARGET_NAME;
      else if (g_str_equal (element_name, "summary"))
        state->target = TARGET_SUMMARY;
      else if (g_str_equal (element_name, "developer_name"))
        state->target = TARGET_DEVELOPER_NAME;
      else if (g_str_equal (element_name, "project_license"))
        state->target = TARGET_LICENSE;
      else if (g_str_equal (element_name, "url") && g_strcmp0 (url_type, "homepage") == 0)
        state->target = TARGET_HOMEPAGE;
      else if (g_str_equal (element_name, "url") && g_strcmp0 (url_type, "bugtracker") == 0)
        state->target = TARGET_ISSUE_URL;
    }
  else if (g_strcmp0 (parent, "developer") == 0 && g_str_equal (element_name, "name") &&
           g_strcmp0 (grandparent, "component") == 0)
    {
      state->target = TARGET_DEVELOPER_NAME;
    }

  if (state->target != TARGET_NONE)
    g_string_truncate (state->text, 0);
}

static void
store_target (ParseState *state)
{
  LiaisonAboutInfo *info = state->info;
  char **field = NULL;

  switch (state->target)
    {
    case TARGET_NAME:
      field = &info->name;
      break;

    case TARGET_SUMMARY:
      field = &info->summary;
      break;

    case TARGET_DEVELOPER_NAME:
      field = &info->developer_name;
      break;

    case TARGET_HOMEPAGE:
      field = &info->homepage;
      break;

    case TARGET_ISSUE_URL:
      field = &info->issue_url;
      break;

    case TARGET_LICENSE:
      field = &info->license;
      break;

    case TARGET_NONE:
    default:
      return;
    }

  /* The first untranslated value wins. */
  if (*field == NULL)
    *field = normalize_space (state->text->str);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;
  guint depth = state->stack->len;

  if (state->skip_depth > 0)
    {
      if (depth == state->skip_depth)
        state->skip_depth = 0;
    }
  else if (state->notes_depth > 0)
    {
      if (depth == state->notes_depth)
        {
          g_autofree char *notes = g_string_free (g_steal_pointer (&state->notes), FALSE);

          if (state->info->release_notes == NULL && *notes != '\0')
            state->info->release_notes = g_steal_pointer (&notes);
          state->notes_depth = 0;
        }
      else if (is_notes_element (element_name))
        {
          /* Drop the space before a closing tag. */
          if (state->notes->len > 0 && state->notes->str[state->notes->len - 1] == ' ')
            g_string_truncate (state->notes, state->notes->len - 1);
          g_string_append_printf (state->notes, "</%s>", element_name);
        }
    }
  else if (g_str_equal (element_name, "release"))
    {
      state->in_first_release = FALSE;
    }
  else if (state->target != TARGET_NONE)
    {
      store_target (state);
      state->target = TARGET_NONE;
    }

  g_ptr_array_remove_index (state->stack, depth - 1);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->skip_depth > 0)
    return;

  if (state->notes_depth > 0)
    {
      g_autofree char *raw = g_strndup (text, text_len);
      g_autofree char *collapsed = NULL;
      g_autofree char *escaped = NULL;
      gboolean leading = text_len > 0 && g_ascii_isspace (text[0]);
      gboolean trailing = text_len > 0 && g_ascii_isspace (text[text_len - 1]);
      gboolean after_open_tag;

      collapsed = normalize_space (raw);
      escaped = g_markup_escape_text (collapsed, -1);
      after_open_tag = state->notes->len == 0 || state->notes->str[state->notes->len - 1] == '>';

      if (*escaped == '\0')
        return;
      if (leading && !after_open_tag)
        g_string_append_c (state->notes, ' ');
      g_string_append (state->notes, escaped);
      if (trailing)
        g_string_append_c (state->notes, ' ');
      return;
    }

  if (state->target != TARGET_NONE)
    g_string_append_len (state->text, text, text_len);
}

static const GMarkupParser metainfo_parser = {
  start_element_cb,
  end_element_cb,
  text_cb,
  NULL,
  NULL,
};

LiaisonAboutInfo *
liaison_about_info_parse (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(LiaisonAboutInfo) info = g_new0 (LiaisonAboutInfo, 1);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  ParseState state = { 0 };

  g_return_val_if_fail (data != NULL, NULL);

  state.info = info;
  state.stack = stack;
  state.text = text;

  context = g_markup_parse_context_new (&metainfo_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);

  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (state.notes != NULL)
        g_string_free (state.notes, TRUE);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a technical reason. */
                   _("The application description could not be read: %s"),
                   local_error->message);
      return NULL;
    }

  if (info->name == NULL || *info->name == '\0' || info->version == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The application description has no name or no release."));
      return NULL;
    }

  return g_steal_pointer (&info);
}

LiaisonAboutInfo *
liaison_about_info_load_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (RESOURCE_BASE_PATH "/metainfo.xml",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  return liaison_about_info_parse (data, (gssize) size, error);
}

char *
liaison_about_get_debug_info (void)
{
  GString *info = g_string_new (NULL);
  GdkDisplay *display = gdk_display_get_default ();
  const char *desktop = g_getenv ("XDG_CURRENT_DESKTOP");
  const char *session = g_getenv ("XDG_SESSION_TYPE");
  g_autofree char *database = liaison_paths_get_database_path ();

  g_string_append_printf (info, "Liaison %s\n", PACKAGE_VERSION);
  g_string_append_printf (info, "Application ID: %s\n", APPLICATION_ID);
  g_string_append_printf (info, "Profile: %s\n", PROFILE);
  g_string_append_printf (info, "Data folder: %s\n", liaison_paths_get_data_dir ());
  g_string_append_printf (info, "Database: %s\n", database);
  g_string_append (info, "\nLibraries:\n");
  g_string_append_printf (info, "- GTK %u.%u.%u (built with %d.%d.%d)\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION);
  g_string_append_printf (info, "- libadwaita %u.%u.%u (built with %d.%d.%d)\n",
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION);
  g_string_append_printf (info, "- GLib %u.%u.%u (built with %d.%d.%d)\n",
                          glib_major_version, glib_minor_version, glib_micro_version,
                          GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);
  g_string_append_printf (info, "- SQLite %s (built with %s)\n",
                          sqlite3_libversion (), SQLITE_VERSION);
  g_string_append_printf (info, "- libsoup %u.%u.%u (built with %d.%d.%d)\n",
                          soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version (),
                          SOUP_MAJOR_VERSION, SOUP_MINOR_VERSION, SOUP_MICRO_VERSION);
  g_string_append (info, "\nEnvironment:\n");
  g_string_append_printf (info, "- Desktop: %s\n", desktop != NULL ? desktop : "unknown");
  g_string_append_printf (info, "- Session: %s\n", session != NULL ? session : "unknown");
  g_string_append_printf (info, "- Display: %s\n",
                          display != NULL ? G_OBJECT_TYPE_NAME (display) : "none");
  g_string_append_printf (info, "- Flatpak: %s\n",
                          g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no");

  return g_string_free (info, FALSE);
}

static GtkLicense
license_type_for (const char *spdx)
{
  if (g_strcmp0 (spdx, "GPL-3.0-or-later") == 0 || g_strcmp0 (spdx, "GPL-3.0+") == 0)
    return GTK_LICENSE_GPL_3_0;
  if (g_strcmp0 (spdx, "GPL-3.0-only") == 0 || g_strcmp0 (spdx, "GPL-3.0") == 0)
    return GTK_LICENSE_GPL_3_0_ONLY;
  if (g_strcmp0 (spdx, "GPL-2.0-or-later") == 0)
    return GTK_LICENSE_GPL_2_0;
  if (g_strcmp0 (spdx, "LGPL-2.1-or-later") == 0)
    return GTK_LICENSE_LGPL_2_1;
  if (g_strcmp0 (spdx, "MIT") == 0)
    return GTK_LICENSE_MIT_X11;

  return GTK_LICENSE_CUSTOM;
}

GtkWidget *
liaison_about_window_new (GtkWindow  *parent,
                          GError    **error)
{
  g_autoptr(LiaisonAboutInfo) info = NULL;
  g_autofree char *debug_info = NULL;
  AdwAboutWindow *about;
  GtkLicense license;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  info = liaison_about_info_load_bundled (error);
  if (info == NULL)
    return NULL;

  debug_info = liaison_about_get_debug_info ();
  license = license_type_for (info->license);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, info->name);
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  if (info->developer_name != NULL)
    adw_about_window_set_developer_name (about, info->developer_name);
  if (info->summary != NULL)
    adw_about_window_set_comments (about, info->summary);

  /* Development builds say so in their version. */
  adw_about_window_set_version (about, DEVELOPMENT_BUILD ? PACKAGE_VERSION : info->version);
  adw_about_window_set_release_notes_version (about, info->version);
  if (info->release_notes != NULL)
    adw_about_window_set_release_notes (about, info->release_notes);

  if (info->homepage != NULL)
    adw_about_window_set_website (about, info->homepage);
  if (info->issue_url != NULL)
    adw_about_window_set_issue_url (about, info->issue_url);

  adw_about_window_set_license_type (about, license);
  if (license == GTK_LICENSE_CUSTOM && info->license != NULL)
    adw_about_window_set_license (about, info->license);

  /* Translators: the copyright line in the About window. */
  adw_about_window_set_copyright (about, _("© 2026 The Liaison authors"));
  /* Translators: replace with your names, one per line, to be credited. */
  if (g_strcmp0 (_("translator-credits"), "translator-credits") != 0)
    adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_debug_info (about, debug_info);
  adw_about_window_set_debug_info_filename (about, "liaison-debug-info.txt");

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    }

  return GTK_WIDGET (about);
}
