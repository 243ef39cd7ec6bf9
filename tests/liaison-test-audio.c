/* liaison-test-audio.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>

#include "liaison-test-audio.h"

void
liaison_test_audio_write (const char *description,
                          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s ! filesink name=liaison_out", description);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) out = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  pipeline = gst_parse_launch (full, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  out = gst_bin_get_by_name (GST_BIN (pipeline), "liaison_out");
  g_object_set (out, "location", path, NULL);

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("Could not write %s: %s", path, gst_error->message);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}
