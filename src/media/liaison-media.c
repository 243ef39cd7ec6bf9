/* liaison-media.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "liaison-media.h"

static const struct {
  const char *element;
  const char *package;
} required[] = {
  { "playbin", "gstreamer1.0-plugins-base" },
  { "uridecodebin", "gstreamer1.0-plugins-base" },
  { "audioconvert", "gstreamer1.0-plugins-base" },
  { "appsink", "gstreamer1.0-plugins-base" },
  { "scaletempo", "gstreamer1.0-plugins-good" },
  { "wavparse", "gstreamer1.0-plugins-good" },
  { "mpg123audiodec", "gstreamer1.0-plugins-good" },
};

gboolean
liaison_media_init (GError **error)
{
  static gsize done = 0;
  static GError *init_error = NULL;

  if (g_once_init_enter (&done))
    {
      GError *local_error = NULL;

      if (!gst_init_check (NULL, NULL, &local_error))
        {
          init_error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                    _("GStreamer could not start: %s"), local_error->message);
          g_clear_error (&local_error);
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (required); i++)
            {
              g_autoptr(GstElementFactory) factory = gst_element_factory_find (required[i].element);

              if (factory == NULL)
                {
                  init_error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                            _("The GStreamer element “%s” is missing (install %s)"),
                                            required[i].element, required[i].package);
                  break;
                }
            }
        }
      g_once_init_leave (&done, 1);
    }

  if (init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (init_error));
      return FALSE;
    }
  return TRUE;
}
