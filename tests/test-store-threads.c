/* test-store-threads.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-threads"

#include "config.h"

#include "liaison-store.h"
#include "liaison-store-private.h"
#include "liaison-test-utils.h"
#include "liaison-twilio-media-download.h"

#include <libsoup/soup.h>
#include <string.h>

#define OUR_NUMBER   "+12025550100"
#define OUR_NUMBER_2 "+12025550199"
#define REMOTE_A     "+12035550123"
#define REMOTE_B     "+12035550188"
#define BASE_TIME    G_GINT64_CONSTANT (1767225600000000) /* 2026-01-01 00:00 UTC */

typedef struct
{
  char         *dir;
  LiaisonStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = liaison_test_mkdtemp ();
  path = g_build_filename (fixture->dir, "liaison.db", NULL);
  fixture->store = liaison_store_new (path);

  liaison_store_open_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_open_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liaison_store_close_async (fixture->store, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_close_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->store);
  liaison_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
add_message (LiaisonStore *store,
             const char   *our_number,
             const char   *remote,
             const char   *direction,
             const char   *body,
             guint         num_media,
             gint64        time,
             gint64       *out_thread_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStoreMessageInfo info = {
    .our_number = our_number,
    .remote_number = remote,
    .direction = direction,
    .body = body,
    .num_media = num_media,
    .date_created = time,
  };
  gint64 id;

  liaison_store_add_message_async (store, &info, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_finish (store, result, out_thread_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static LiaisonThread *
find_thread (LiaisonStore  *store,
             const char    *remote,
             const char    *our_number,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liaison_store_find_thread_async (store, remote, our_number, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  return liaison_store_find_thread_finish (store, result, error);
}

static void
test_find_thread (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  gint64 thread_a = 0, thread_a2 = 0, thread_b = 0;

  add_message (fixture->store, OUR_NUMBER, REMOTE_A, "inbound", "hello", 0, BASE_TIME, &thread_a);
  add_message (fixture->store, OUR_NUMBER_2, REMOTE_A, "outbound-api", "from the other line", 0,
               BASE_TIME + 10, &thread_a2);
  add_message (fixture->store, OUR_NUMBER, REMOTE_B, "inbound", "hi", 0, BASE_TIME + 5, &thread_b);
  g_assert_cmpint (thread_a, !=, thread_a2);

  /* Both numbers given: that exact thread. */
  thread = find_thread (fixture->store, REMOTE_A, OUR_NUMBER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (thread);
  g_assert_cmpint (liaison_thread_get_id (thread), ==, thread_a);
  g_assert_cmpstr (liaison_thread_get_remote_number (thread), ==, REMOTE_A);
  g_assert_cmpstr (liaison_thread_get_our_number (thread), ==, OUR_NUMBER);
  g_assert_cmpstr (liaison_thread_get_last_message_preview (thread), ==, "hello");
  g_assert_cmpuint (liaison_thread_get_unread_count (thread), ==, 1);
  g_clear_object (&thread);

  /* Only the remote number: the most recent of its threads. */
  thread = find_thread (fixture->store, REMOTE_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_thread_get_id (thread), ==, thread_a2);
  g_clear_object (&thread);

  thread = find_thread (fixture->store, REMOTE_B, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_thread_get_id (thread), ==, thread_b);
  g_clear_object (&thread);

  /* No such thread. */
  thread = find_thread (fixture->store, "+12035559999", NULL, &error);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_assert_null (thread);
  g_clear_error (&error);

  thread = find_thread (fixture->store, REMOTE_B, OUR_NUMBER_2, &error);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_assert_null (thread);
}

static gint64
add_media (LiaisonStore *store,
           gint64        message_id,
           const char   *sid,
           const char   *content_type,
           const char   *url,
           gint64        size)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  liaison_store_add_message_media_async (store, message_id, sid, content_type, url, size, NULL,
                                         liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  id = liaison_store_add_message_media_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static GPtrArray *
list_media (LiaisonStore *store,
            gint64        message_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *media;

  liaison_store_list_message_media_async (store, message_id, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  media = liaison_store_list_message_media_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);

  return media;
}

static void
test_media (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonMessageMedia *item;
  gint64 message_id, other_id, first, second, again;

  message_id = add_message (fixture->store, OUR_NUMBER, REMOTE_A, "inbound", "photos", 2,
                            BASE_TIME, NULL);
  other_id = add_message (fixture->store, OUR_NUMBER, REMOTE_A, "inbound", "plain", 0,
                          BASE_TIME + 1, NULL);

  media = list_media (fixture->store, message_id);
  g_assert_cmpuint (media->len, ==, 0);
  g_clear_pointer (&media, g_ptr_array_unref);

  first = add_media (fixture->store, message_id, "MEaaaa0001", "image/jpeg",
                     "https://api.twilio.com/2010-04-01/Accounts/ACaaaa/Messages/MMa/Media/MEaaaa0001",
                     -1);
  second = add_media (fixture->store, message_id, "MEaaaa0002", "text/vcard", NULL, 321);
  /* The same SID again is not stored twice. */
  again = add_media (fixture->store, message_id, "MEaaaa0001", "image/jpeg", NULL, -1);
  g_assert_cmpint (again, ==, first);
  g_assert_cmpint (second, !=, first);

  media = list_media (fixture->store, message_id);
  g_assert_cmpuint (media->len, ==, 2);
  item = g_ptr_array_index (media, 0);
  g_assert_cmpint (liaison_message_media_get_id (item), ==, first);
  g_assert_cmpint (liaison_message_media_get_message_id (item), ==, message_id);
  g_assert_cmpstr (liaison_message_media_get_sid (item), ==, "MEaaaa0001");
  g_assert_cmpstr (liaison_message_media_get_content_type (item), ==, "image/jpeg");
  g_assert_true (g_str_has_suffix (liaison_message_media_get_url (item), "/Media/MEaaaa0001"));
  g_assert_null (liaison_message_media_get_local_path (item));
  g_assert_cmpint (liaison_message_media_get_size (item), ==, -1);
  g_assert_true (liaison_message_media_is_image (item));
  item = g_ptr_array_index (media, 1);
  g_assert_cmpstr (liaison_message_media_get_content_type (item), ==, "text/vcard");
  g_assert_null (liaison_message_media_get_url (item));
  g_assert_cmpint (liaison_message_media_get_size (item), ==, 321);
  g_assert_false (liaison_message_media_is_image (item));
  g_clear_pointer (&media, g_ptr_array_unref);

  /* Another message has none. */
  media = list_media (fixture->store, other_id);
  g_assert_cmpuint (media->len, ==, 0);
  g_clear_pointer (&media, g_ptr_array_unref);

  /* After the download. */
  liaison_store_set_media_local_path_async (fixture->store, first, "/cache/MEaaaa0001.jpg", 4096,
                                            NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_media_local_path_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  media = list_media (fixture->store, message_id);
  item = g_ptr_array_index (media, 0);
  g_assert_cmpstr (liaison_message_media_get_local_path (item), ==, "/cache/MEaaaa0001.jpg");
  g_assert_cmpint (liaison_message_media_get_size (item), ==, 4096);
  /* The other item is untouched. */
  item = g_ptr_array_index (media, 1);
  g_assert_null (liaison_message_media_get_local_path (item));
  g_clear_pointer (&media, g_ptr_array_unref);

  /* -1 keeps the size; NULL forgets the copy. */
  liaison_store_set_media_local_path_async (fixture->store, first, NULL, -1,
                                            NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_media_local_path_finish (fixture->store, result, &error));
  g_clear_object (&result);
  media = list_media (fixture->store, message_id);
  item = g_ptr_array_index (media, 0);
  g_assert_null (liaison_message_media_get_local_path (item));
  g_assert_cmpint (liaison_message_media_get_size (item), ==, 4096);

  /* An unknown media id. */
  liaison_store_set_media_local_path_async (fixture->store, 999999, "/x", -1,
                                            NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_store_set_media_local_path_finish (fixture->store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
}

static gpointer
exec_work (LiaisonStore  *self,
           sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  if (!_liaison_store_exec (self, data, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
store_exec (LiaisonStore *store,
            const char   *sql)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  _liaison_store_run_async (store, exec_work, g_strdup (sql), g_free, NULL,
                            liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_nonnull (_liaison_store_run_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
test_scheduled_at (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 thread_id = 0, plain_id, scheduled_id;
  gint64 when = BASE_TIME + G_GINT64_CONSTANT (86400000000);

  plain_id = add_message (fixture->store, OUR_NUMBER, REMOTE_A, "outbound-api", "now", 0,
                          BASE_TIME, &thread_id);
  scheduled_id = add_message (fixture->store, OUR_NUMBER, REMOTE_A, "outbound-api", "later", 0,
                              BASE_TIME + 1, NULL);
  sql = g_strdup_printf ("UPDATE messages SET status = 'scheduled', scheduled_at = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, when, scheduled_id);
  store_exec (fixture->store, sql);

  liaison_store_list_messages_async (fixture->store, thread_id, NULL, 50, NULL,
                                     liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  messages = liaison_store_list_messages_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);

  /* Newest first. */
  g_assert_cmpint (liaison_message_get_id (g_ptr_array_index (messages, 0)), ==, scheduled_id);
  g_assert_cmpstr (liaison_message_get_status (g_ptr_array_index (messages, 0)), ==, "scheduled");
  g_assert_cmpint (liaison_message_get_date_scheduled (g_ptr_array_index (messages, 0)), ==, when);
  g_assert_cmpint (liaison_message_get_id (g_ptr_array_index (messages, 1)), ==, plain_id);
  g_assert_cmpint (liaison_message_get_date_scheduled (g_ptr_array_index (messages, 1)), ==, 0);
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LiaisonThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  gint64 thread_id = 0;

  add_message (fixture->store, OUR_NUMBER, REMOTE_A, "inbound", "hello", 0, BASE_TIME, &thread_id);

  liaison_store_set_thread_archived_async (fixture->store, thread_id, TRUE, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_thread_archived_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  thread = find_thread (fixture->store, REMOTE_A, OUR_NUMBER, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_thread_get_archived (thread));
  g_clear_object (&thread);

  liaison_store_set_thread_archived_async (fixture->store, thread_id, FALSE, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_true (liaison_store_set_thread_archived_finish (fixture->store, result, &error));
  g_clear_object (&result);

  thread = find_thread (fixture->store, REMOTE_A, OUR_NUMBER, &error);
  g_assert_false (liaison_thread_get_archived (thread));

  liaison_store_set_thread_archived_async (fixture->store, thread_id + 100, TRUE, NULL,
                                           liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_false (liaison_store_set_thread_archived_finish (fixture->store, result, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
}

/* Media download: Twilio's API host redirects to its storage host. The
 * credentials go to the API host only. Both are served here over HTTP on
 * loopback, named 127.0.0.1 and localhost so that they are different hosts. */

#define MEDIA_BYTES "\x89PNG\r\n\x1a\nnot really a picture"

typedef struct
{
  SoupServer *server;
  guint       port;
  char       *api_authorization;
  char       *storage_authorization;
  guint       api_requests;
  guint       storage_requests;
} MediaHosts;

static void
media_server_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  MediaHosts *hosts = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");

  if (g_str_equal (g_uri_get_host (uri), "localhost"))
    {
      hosts->storage_requests++;
      g_free (hosts->storage_authorization);
      hosts->storage_authorization = g_strdup (authorization);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                        MEDIA_BYTES, sizeof MEDIA_BYTES - 1);
      return;
    }

  hosts->api_requests++;
  g_free (hosts->api_authorization);
  hosts->api_authorization = g_strdup (authorization);

  if (g_str_has_suffix (path, "/Media/MEaaaa0001"))
    {
      g_autofree char *location = g_strdup_printf ("http://localhost:%u/storage/blob-1", hosts->port);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
      soup_server_message_set_status (msg, SOUP_STATUS_TEMPORARY_REDIRECT, NULL);
      return;
    }

  {
    static const char missing[] = "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}";

    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      missing, sizeof missing - 1);
  }
}

static void
test_media_download (void)
{
  MediaHosts hosts = { NULL, 0, NULL, NULL, 0, 0 };
  g_autoptr(LiaisonTwilioClient) client = liaison_twilio_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = liaison_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "MEaaaa0001.png", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *api_base = NULL;
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GFile) missing = NULL;
  GSList *uris;
  gsize length = 0;
  goffset size;
  LiaisonTwilioCredentials credentials = {
    .kind = LIAISON_CREDENTIAL_KIND_AUTH_TOKEN,
    .account_sid = (char *) "ACaaaa0000000000000000000000000001",
    .secret = (char *) "test-secret",
  };

  hosts.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (hosts.server, NULL, media_server_cb, &hosts, NULL);
  soup_server_listen_local (hosts.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (hosts.server);
  hosts.port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  api_base = g_strdup_printf ("http://127.0.0.1:%u", hosts.port);
  liaison_twilio_client_set_api_base (client, api_base);
  liaison_twilio_client_set_credentials (client, &credentials);

  /* A relative media URL with ".json", as the Media list gives it. */
  liaison_twilio_client_download_media_async (client,
                                              "/2010-04-01/Accounts/ACaaaa0000000000000000000000000001"
                                              "/Messages/MMaaaa0001/Media/MEaaaa0001.json",
                                              destination, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  size = liaison_twilio_client_download_media_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (size, ==, sizeof MEDIA_BYTES - 1);
  g_clear_object (&result);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, MEDIA_BYTES, sizeof MEDIA_BYTES - 1);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (hosts.api_requests, ==, 1);
  g_assert_cmpuint (hosts.storage_requests, ==, 1);
  g_assert_nonnull (hosts.api_authorization);
  g_assert_true (g_str_has_prefix (hosts.api_authorization, "Basic "));
  /* Never to the storage host. */
  g_assert_null (hosts.storage_authorization);

  /* A media item that is gone: Twilio's error, and no file. */
  missing = g_file_new_build_filename (dir, "MEaaaa0404.png", NULL);
  liaison_twilio_client_download_media_async (client,
                                              "/2010-04-01/Accounts/ACaaaa0000000000000000000000000001"
                                              "/Messages/MMaaaa0001/Media/MEaaaa0404",
                                              missing, NULL, liaison_test_async_cb, &result);
  liaison_test_wait (&result);
  g_assert_cmpint (liaison_twilio_client_download_media_finish (client, result, &error), ==, -1);
  g_assert_error (error, LIAISON_TWILIO_ERROR, LIAISON_TWILIO_ERROR_API);
  g_assert_false (g_file_query_exists (missing, NULL));

  soup_server_disconnect (hosts.server);
  g_clear_object (&hosts.server);
  g_free (hosts.api_authorization);
  g_free (hosts.storage_authorization);
  liaison_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add ("/Liaison/StoreThreads/find-thread", Fixture, NULL,
              fixture_set_up, test_find_thread, fixture_tear_down);
  g_test_add ("/Liaison/StoreThreads/media", Fixture, NULL,
              fixture_set_up, test_media, fixture_tear_down);
  g_test_add ("/Liaison/StoreThreads/scheduled-at", Fixture, NULL,
              fixture_set_up, test_scheduled_at, fixture_tear_down);
  g_test_add ("/Liaison/StoreThreads/archive", Fixture, NULL,
              fixture_set_up, test_archive, fixture_tear_down);

  g_test_add_func ("/Liaison/StoreThreads/media-download", test_media_download);

  return g_test_run ();
}
