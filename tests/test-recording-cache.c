/* test-recording-cache.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-recording-cache.h"
#include "liaison-twilio-client.h"
#include "liaison-twilio-error.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string.h>

/* LiaisonRecordingCache against liaison-sim: real downloads over HTTP on
 * 127.0.0.1 into a real folder, resumed with Range requests (the sim
 * answers 206), with the sim's request log telling how many media requests
 * were made. */

typedef struct {
  LiaisonTestSim        *sim;
  SoupSession           *session;
  LiaisonTwilioClient   *client;
  LiaisonRecordingCache *cache;
  char                  *dir;
  char                  *cache_dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LiaisonTwilioCredentials) credentials = NULL;

  /* Tones instead of speech: faster to render, the same bytes on the wire. */
  g_setenv ("LIAISON_SIM_NO_SPEECH", "1", TRUE);
  fixture->sim = liaison_test_sim_start (NULL);
  g_unsetenv ("LIAISON_SIM_NO_SPEECH");
  fixture->session = soup_session_new ();
  fixture->dir = liaison_test_mkdtemp ();
  fixture->cache_dir = g_build_filename (fixture->dir, "cache", "liaison", "recordings", NULL);

  credentials = liaison_twilio_credentials_new_auth_token (fixture->sim->account_sid, fixture->sim->auth_token);
  fixture->client = liaison_twilio_client_new ();
  liaison_twilio_client_set_api_base (fixture->client, fixture->sim->url);
  for (guint p = 1; p < LIAISON_TWILIO_N_PRODUCTS; p++)
    liaison_twilio_client_set_base_url (fixture->client, p, fixture->sim->url);
  liaison_twilio_client_set_credentials (fixture->client, credentials);
  fixture->cache = liaison_recording_cache_new (fixture->client, fixture->cache_dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sim, liaison_test_sim_stop);
  liaison_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->cache_dir, g_free);
}

/* A request to the simulator without credentials (control API, media). */
static guint
plain_request (Fixture     *fixture,
               const char  *method,
               const char  *path,
               const char  *form,
               GBytes     **out_body)
{
  g_autofree char *url = g_strconcat (fixture->sim->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);
  return soup_message_get_status (msg);
}

static char *
sim_recording (Fixture    *fixture,
               const char *form)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/recordings", form, &body), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "sid"));
}

static GBytes *media_bytes (Fixture    *fixture,
                            const char *sid);

/* A recording whose audio the sim has rendered: its media requests are
 * then answered (and logged with their status) at once. */
static char *
sim_recording_ready (Fixture    *fixture,
                     const char *form)
{
  char *sid = sim_recording (fixture, form);
  g_autoptr(GBytes) warm = media_bytes (fixture, sid);

  g_assert_cmpuint (g_bytes_get_size (warm), >, 44);
  return sid;
}

static GBytes *
media_bytes (Fixture    *fixture,
             const char *sid)
{
  g_autofree char *path = g_strdup_printf ("/2010-04-01/Accounts/%s/Recordings/%s.wav", fixture->sim->account_sid, sid);
  GBytes *body = NULL;

  g_assert_cmpuint (plain_request (fixture, "GET", path, NULL, &body), ==, 200);
  return body;
}

/* The statuses of the media requests for @sid, in order, as the sim logged
 * them ("200", "206"…), after the first one (sim_recording_ready()'s), and
 * with later direct media_bytes() requests included. */
static GPtrArray *
media_requests (Fixture    *fixture,
                const char *sid)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *suffix = g_strconcat ("/Recordings/", sid, ".wav", NULL);
  GPtrArray *statuses = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  g_assert_cmpuint (plain_request (fixture, "GET", "/_sim/requests", NULL, &body), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0, n = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *request = json_array_get_object_element (array, i);

      if (g_str_has_suffix (json_object_get_string_member (request, "path"), suffix) && n++ > 0)
        g_ptr_array_add (statuses, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    json_object_get_int_member (request, "status")));
    }
  return statuses;
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
assert_file_equals (const char *path,
                    GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, g_bytes_get_size (expected));
  g_assert_true (memcmp (contents, g_bytes_get_data (expected, NULL), len) == 0);
}

typedef struct {
  GArray       *fractions;
  GCancellable *cancel_at_fraction;   /* cancelled once the fraction passes 0.2 */
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_at_fraction != NULL && fraction > 0.2)
    g_cancellable_cancel (progress->cancel_at_fraction);
}

static char *
fetch (Fixture       *fixture,
       const char    *sid,
       Progress      *progress,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_recording_cache_fetch_async (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV,
                                       progress != NULL ? progress_cb : NULL, progress, NULL,
                                       cancellable, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_recording_cache_fetch_finish (fixture->cache, result, error);
}

static void
test_download_and_cache (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *sid = sim_recording_ready (fixture, "Channels=2&Duration=20");
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, NULL };
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *looked_up = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_null (liaison_recording_cache_lookup (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV));

  path = fetch (fixture, sid, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, fixture->cache_dir));
  g_assert_true (g_str_has_suffix (path, ".wav"));
  part = g_strconcat (path, ".part", NULL);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* Private: the folder 0700, the file 0600. */
  assert_mode (fixture->cache_dir, 0700);
  assert_mode (path, 0600);

  /* The progress went up to 1. */
  g_assert_cmpuint (fractions->len, >, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* A dual-channel WAV (channels at byte 22), as the sim serves it. */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 44);
  g_assert_true (memcmp (contents, "RIFF", 4) == 0);
  g_assert_cmpuint ((guchar) contents[22], ==, 2);

  /* Once: one media request so far. */
  requests = media_requests (fixture, sid);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (requests, 0), ==, "200");
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* Cached: the same path at once, and no request at all. */
  again = fetch (fixture, sid, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, path);
  looked_up = liaison_recording_cache_lookup (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV);
  g_assert_cmpstr (looked_up, ==, path);
  requests = media_requests (fixture, sid);
  g_assert_cmpuint (requests->len, ==, 1);
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* The bytes are the sim's. */
  expected = media_bytes (fixture, sid);
  assert_file_equals (path, expected);

  /* Removed: gone from the cache. */
  g_assert_true (liaison_recording_cache_remove (fixture->cache, sid, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (liaison_recording_cache_lookup (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV));
}

static void
test_folder_made_private (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *sid = sim_recording_ready (fixture, "Channels=1&Duration=3");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* A folder that exists, readable by all: made private. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->cache_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (fixture->cache_dir, 0755), ==, 0);
  path = fetch (fixture, sid, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_mode (fixture->cache_dir, 0700);
  assert_mode (path, 0600);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  /* 240 s, two channels: about 7.7 MB, many 64 KiB chunks. */
  g_autofree char *sid = sim_recording_ready (fixture, "Channels=2&Duration=240");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) second = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { first, cancellable };
  Progress resumed = { second, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *part = NULL;
  GStatBuf st;

  /* Cancelled midway: an error, no file, a private part. */
  path = fetch (fixture, sid, &progress, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
  g_clear_error (&error);
  wanted = g_strdup_printf ("%s/%s.wav", fixture->cache_dir, sid);
  part = g_strconcat (wanted, ".part", NULL);
  g_assert_false (g_file_test (wanted, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (part, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  assert_mode (part, 0600);
  g_assert_null (liaison_recording_cache_lookup (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV));

  /* Fetched again: continued from the part (206), not started over. */
  path = fetch (fixture, sid, &resumed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, wanted);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (second->len, >, 0);
  g_assert_cmpfloat (g_array_index (second, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (second, double, second->len - 1), ==, 1.0);
  assert_mode (path, 0600);

  requests = media_requests (fixture, sid);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (requests, 0), ==, "200");
  g_assert_cmpstr (g_ptr_array_index (requests, 1), ==, "206");

  expected = media_bytes (fixture, sid);
  g_assert_cmpint (st.st_size, <, (goffset) g_bytes_get_size (expected));
  assert_file_equals (path, expected);
}

static void
test_part_too_long (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *sid = sim_recording_ready (fixture, "Channels=1&Duration=4");
  g_autoptr(GBytes) expected = media_bytes (fixture, sid);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *part = NULL;
  g_autofree char *junk = NULL;
  g_autofree char *path = NULL;
  gsize junk_len = g_bytes_get_size (expected) + 1000;

  /* A part longer than the recording (not this recording's bytes): the
   * sim refuses the range (416) and the download starts again. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->cache_dir, 0700), ==, 0);
  part = g_strdup_printf ("%s/%s.wav.part", fixture->cache_dir, sid);
  junk = g_malloc0 (junk_len);
  g_file_set_contents (part, junk, junk_len, &error);
  g_assert_no_error (error);

  path = fetch (fixture, sid, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_file_equals (path, expected);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  requests = media_requests (fixture, sid);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (requests, 1), ==, "416");
  g_assert_cmpstr (g_ptr_array_index (requests, 2), ==, "200");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *sid = sim_recording_ready (fixture, "Channels=1&Duration=3");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *part = NULL;

  /* Not a SID: refused before any request (no path is built from it). */
  path = fetch (fixture, "../../etc/passwd", NULL, NULL, &error);
  g_assert_error (error, LIAISON_RECORDING_CACHE_ERROR, LIAISON_RECORDING_CACHE_ERROR_INVALID_SID);
  g_assert_null (path);
  g_clear_error (&error);

  /* No such recording: Twilio's 404, nothing left behind. */
  path = fetch (fixture, "RE00000000000000000000000000000000", NULL, NULL, &error);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_null (path);
  g_clear_error (&error);
  part = g_strdup_printf ("%s/RE00000000000000000000000000000000.wav.part", fixture->cache_dir);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* A failure, then a retry that works. */
  fault = g_strdup_printf ("path=%s&status=404&code=20404&count=1", sid);
  g_assert_cmpuint (plain_request (fixture, "POST", "/_sim/faults", fault, NULL), ==, 200);
  path = fetch (fixture, sid, NULL, NULL, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LIAISON_TWILIO_ERROR);
  g_assert_null (path);
  g_assert_null (liaison_recording_cache_lookup (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV));
  g_clear_error (&error);

  path = fetch (fixture, sid, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  assert_mode (path, 0600);
}

static void
shared_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray *paths = user_data;
  g_autoptr(GError) error = NULL;
  char *path = liaison_recording_cache_fetch_finish (LIAISON_RECORDING_CACHE (source), result, &error);

  g_assert_no_error (error);
  g_ptr_array_add (paths, path);
}

static void
test_shared_download (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sid = sim_recording_ready (fixture, "Channels=2&Duration=30");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) requests = NULL;

  /* Two fetches at once: one download, both answered. */
  liaison_recording_cache_fetch_async (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV,
                                       NULL, NULL, NULL, NULL, shared_cb, paths);
  liaison_recording_cache_fetch_async (fixture->cache, sid, LIAISON_TWILIO_RECORDING_FORMAT_WAV,
                                       NULL, NULL, NULL, NULL, shared_cb, paths);
  while (paths->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, g_ptr_array_index (paths, 1));
  requests = media_requests (fixture, sid);
  g_assert_cmpuint (requests->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/Liaison/RecordingCache/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("download-and-cache", test_download_and_cache);
  ADD ("folder-made-private", test_folder_made_private);
  ADD ("resume", test_resume);
  ADD ("part-too-long", test_part_too_long);
  ADD ("errors", test_errors);
  ADD ("shared-download", test_shared_download);

#undef ADD

  return g_test_run ();
}
