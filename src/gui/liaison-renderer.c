/* liaison-renderer.c: the cairo renderer where GL is drawn in software
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws with GL whenever it can, even when Mesa rasterises it on the
 * CPU (llvmpipe or softpipe: a virtual machine, a remote desktop, a missing
 * GPU driver). There a frame of the conversation costs about 28 ms with GL
 * against 1 ms with cairo, which redraws only what changed. GTK 4.14 makes
 * the same choice itself (no GPU renderer on llvmpipe); on older GTK the app
 * makes it, at start, unless GSK_RENDERER names a renderer.
 *
 * Where the machine has no GPU at all (no DRM device node), GL can only run
 * on the CPU, so the choice is made before GTK opens the display, and GL is
 * not even loaded: opening the display loads Mesa's rasteriser (about 45 MB
 * of libLLVM) whichever renderer draws. Elsewhere the app asks GL once the
 * display is open.
 */

#define G_LOG_DOMAIN "liaison-renderer"

#include "config.h"

#include "liaison-renderer.h"

#include <epoxy/gl.h>
#include <string.h>

static char *probed;

/* GTK 4.14 and later choose by themselves; a renderer named in the
 * environment is obeyed. */
static gboolean
app_chooses (void)
{
  if (gtk_get_major_version () > 4 || gtk_get_minor_version () >= 14)
    return FALSE;

  return g_getenv ("GSK_RENDERER") == NULL;
}

/* Whether @dev_dir (normally /dev) has a GPU's device node: a DRM card or
 * render node, or NVIDIA's own. */
gboolean
liaison_renderer_gpu_present (const char *dev_dir)
{
  g_autofree char *dri = NULL;
  g_autofree char *nvidia = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (dev_dir != NULL, TRUE);

  nvidia = g_build_filename (dev_dir, "nvidia0", NULL);
  if (g_file_test (nvidia, G_FILE_TEST_EXISTS))
    return TRUE;

  dri = g_build_filename (dev_dir, "dri", NULL);
  dir = g_dir_open (dri, 0, NULL);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD") || g_str_has_prefix (name, "card"))
      return TRUE;

  return FALSE;
}

/* From main(), before GTK starts and before any thread: without a GPU in
 * @dev_dir, draws with cairo and keeps GDK from loading GL (GSK_RENDERER=cairo,
 * gl-disable added to GDK_DEBUG). Returns whether it did. Nothing on GTK 4.14
 * and later, or when GSK_RENDERER is set. */
gboolean
liaison_renderer_choose_early (const char *dev_dir)
{
  const char *debug;

  g_return_val_if_fail (dev_dir != NULL, FALSE);

  if (!app_chooses () || liaison_renderer_gpu_present (dev_dir))
    return FALSE;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  debug = g_getenv ("GDK_DEBUG");
  if (debug == NULL || *debug == '\0')
    {
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
    }
  else if (strstr (debug, "gl-disable") == NULL)
    {
      g_autofree char *more = g_strconcat (debug, ",gl-disable", NULL);

      g_setenv ("GDK_DEBUG", more, TRUE);
    }

  return TRUE;
}

/* Whether @gl_renderer (GL_RENDERER) names a rasteriser that runs on the CPU. */
gboolean
liaison_renderer_is_software (const char *gl_renderer)
{
  static const char * const software[] = { "llvmpipe", "softpipe", "swrast", "software rasterizer" };
  g_autofree char *folded = NULL;

  if (gl_renderer == NULL)
    return FALSE;

  folded = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (folded, software[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Asks @display's GL which renderer it has and, when that runs on the CPU,
 * has GTK draw with cairo: sets GSK_RENDERER for the windows not yet shown.
 * Returns whether it did. Does nothing on GTK 4.14 and later, which decides
 * this itself, or when GSK_RENDERER is set. */
gboolean
liaison_renderer_choose (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean software;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  if (!app_chooses ())
    return FALSE;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      /* No GL at all: GTK falls back to cairo by itself. */
      g_debug ("No GL: %s", error != NULL ? error->message : "unknown reason");
      return FALSE;
    }

  gdk_gl_context_make_current (context);
  g_free (probed);
  probed = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  software = liaison_renderer_is_software (probed);
  if (software)
    {
      g_info ("GL runs in software (%s): drawing with cairo", probed);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
    }

  return software;
}

/* The GL_RENDERER the last liaison_renderer_choose() found, or NULL. */
const char *
liaison_renderer_get_probed (void)
{
  return probed;
}
