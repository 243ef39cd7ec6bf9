/* test-webhook-signature.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-webhook-signature"

#include "config.h"

#include "liaison-test-utils.h"
#include "liaison-webhook-signature.h"

/* The vectors of shared/twilio/TWILIO.md §6.4. */
#define TOKEN "12345"
#define U "https://mycompany.com/myapp.php?foo=1&bar=2"
#define BODY "{\"property\": \"value\", \"boolean\": true}"
#define BODY_HASH "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"

static const char * const P[] = {
  "CallSid", "CA1234567890ABCDE",
  "Caller", "+14158675309",
  "Digits", "1234",
  "From", "+14158675309",
  "To", "+18005551212",
  NULL
};

static const char * const tokens[] = { TOKEN, NULL };

static void
assert_signature (const char         *url,
                  const char * const *params,
                  const char         *expected)
{
  g_autofree char *computed = liaison_webhook_signature_compute (TOKEN, url, params);

  g_assert_cmpstr (computed, ==, expected);
  g_assert_true (liaison_webhook_signature_validate (tokens, url, params, NULL, expected));
}

static void
test_vectors_form (void)
{
  /* #1 */
  assert_signature (U, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  /* #2..#4 */
  assert_signature ("https://mycompany.com:443/myapp.php?foo=1&bar=2", P, "kvajT1Ptam85bY51eRf/AJRuM3w=");
  assert_signature ("http://mycompany.com:80/myapp.php?foo=1&bar=2", P, "0ZXoZLH/DfblKGATFgpif+LLRf4=");
  assert_signature ("http://mycompany.com:1234/myapp.php?foo=1&bar=2", P, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
  /* #11..#13 */
  assert_signature ("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", P,
                    "CukzLTc1tT5dXEDIHm/tKBanW10=");
  assert_signature ("https://user@mycompany.com/myapp.php?foo=1&bar=2", P,
                    "2YRLlVAflCqxaNicjMpJcSTgzSs=");
  assert_signature ("https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", P,
                    "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=");
  /* #14 */
  assert_signature (U "&Body=It%27s+amazing", P, "TfZzewPq8wqrGlMfyAud8+/IvJ0=");
  assert_signature (U "&Body=It's+amazing", P, "dsq4Ehbj6cs+KdTkpF5sSSplOWw=");
  /* The extra rows */
  assert_signature (U, NULL, "zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
  assert_signature ("http://mycompany.com/myapp.php?foo=1&bar=2", P, "OyGYPqTF6ztdbRNCvuQO/oPvqQ4=");
  assert_signature ("https://mycompany.com:1234/myapp.php?foo=1&bar=2", P, "CYn1h0gLBdNxDGkKJg6hYohgeD8=");
}

static void
test_inbound_stop_vector (void)
{
  const char *sid = "SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  const char * const params[] = {
    "AccountSid", "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ApiVersion", "2010-04-01",
    "Body", "STOP",
    "From", "+15005550006",
    "MessageSid", sid,
    "NumMedia", "0",
    "NumSegments", "1",
    "OptOutType", "STOP",
    "SmsMessageSid", sid,
    "SmsSid", sid,
    "SmsStatus", "received",
    "To", "+15005550001",
    NULL
  };

  assert_signature ("https://relay.example.test/twilio/sms", params, "LOWXEIlhW6eF0+mUW5MVGI4CSRA=");
  assert_signature ("https://relay.example.test:443/twilio/sms", params, "KjQrk+9bWqWVbALBQCdI1CckZcw=");
  /* Each form validates the other (§6.3). */
  g_assert_true (liaison_webhook_signature_validate (tokens, "https://relay.example.test/twilio/sms",
                                                     params, NULL, "KjQrk+9bWqWVbALBQCdI1CckZcw="));
  g_assert_true (liaison_webhook_signature_validate (tokens, "https://relay.example.test:443/twilio/sms",
                                                     params, NULL, "LOWXEIlhW6eF0+mUW5MVGI4CSRA="));
}

static void
test_port_forms (void)
{
  /* #2: a signature made with :443 validates the request URL without it. */
  g_assert_true (liaison_webhook_signature_validate (tokens, U, P, NULL, "kvajT1Ptam85bY51eRf/AJRuM3w="));
  /* #3 */
  g_assert_true (liaison_webhook_signature_validate (tokens, "http://mycompany.com/myapp.php?foo=1&bar=2",
                                                     P, NULL, "0ZXoZLH/DfblKGATFgpif+LLRf4="));
  /* #5: a non-standard port is stripped. */
  g_assert_true (liaison_webhook_signature_validate (tokens, "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
                                                     P, NULL, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  /* A default port is added only when none is present: :80 is not https's. */
  g_assert_false (liaison_webhook_signature_validate (tokens, "https://mycompany.com/myapp.php?foo=1&bar=2",
                                                      P, NULL, "0ZXoZLH/DfblKGATFgpif+LLRf4="));
}

static void
test_repeated_keys (void)
{
  const char * const params6[] = {
    "Sid", "CA123",
    "SidAccount", "AC123",
    "Digits", "5678",
    "Digits", "1234",
    "Digits", "1234",
    NULL
  };
  const char * const params7a[] = {
    "MessagingBinding.Address", "+1325xxxxxxx",
    "MessagingBinding.Address", "+1415xxxxxxx",
    NULL
  };
  const char * const params7b[] = {
    "MessagingBinding.Address", "+1415xxxxxxx",
    "MessagingBinding.Address", "+1325xxxxxxx",
    NULL
  };
  const char * const params7c[] = {
    "MessagingBinding.Address", "+1415xxxxxxx",
    NULL
  };

  /* #6 */
  assert_signature (U, params6, "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  /* #7, either order */
  assert_signature (U, params7a, "83O6e2vORAoJHUNzJjDWN1jz+BA=");
  assert_signature (U, params7b, "83O6e2vORAoJHUNzJjDWN1jz+BA=");
  /* One of the two values missing no longer validates. */
  g_assert_false (liaison_webhook_signature_validate (tokens, U, params7c, NULL, "83O6e2vORAoJHUNzJjDWN1jz+BA="));
}

static void
test_body_sha256 (void)
{
  g_autofree char *hash = liaison_webhook_signature_body_sha256 (BODY, -1);
  g_autofree char *empty_hash = liaison_webhook_signature_body_sha256 ("{}", -1);
  const char *url8 = U "&bodySHA256=" BODY_HASH;
  const char *url9 = "https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256="
                     "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
  const char *url10 = "https://mycompany.com/myapp.php?bodySHA256=" BODY_HASH;

  /* #15 */
  g_assert_cmpstr (hash, ==, BODY_HASH);
  g_assert_cmpstr (empty_hash, ==, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

  /* #8 */
  assert_signature (url8, NULL, "a9nBmqA0ju/hNViExpshrM61xv4=");
  g_assert_true (liaison_webhook_signature_validate (tokens, url8, NULL, BODY, "a9nBmqA0ju/hNViExpshrM61xv4="));
  /* #9, in both port forms */
  assert_signature (url9, NULL, "Ldidvp12m26NI7eqEvxnEpkd9Hc=");
  g_assert_true (liaison_webhook_signature_validate (tokens, url9, NULL, "{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc="));
  g_assert_true (liaison_webhook_signature_validate (tokens, url9, NULL, "{}", "rw/jVviOgicj2+kHZULvebnA4ag="));
  /* #10 */
  assert_signature (url10, NULL, "y77kIzt2vzLz71DgmJGsen2scGs=");
  g_assert_true (liaison_webhook_signature_validate (tokens, url10, NULL, BODY, "y77kIzt2vzLz71DgmJGsen2scGs="));

  /* A changed body, a body without bodySHA256 in the URL, params next to a
   * JSON body: all rejected. */
  g_assert_false (liaison_webhook_signature_validate (tokens, url8, NULL, "{\"property\": \"other\"}",
                                                      "a9nBmqA0ju/hNViExpshrM61xv4="));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, NULL, BODY, "zYQTYrRWXE7LtzbG4PfP7/bkkGo="));
  g_assert_false (liaison_webhook_signature_validate (tokens, url8, P, BODY, "a9nBmqA0ju/hNViExpshrM61xv4="));
}

static void
test_tampered (void)
{
  const char * const tampered[] = {
    "CallSid", "CA1234567890ABCDE",
    "Caller", "+14158675309",
    "Digits", "1235",
    "From", "+14158675309",
    "To", "+18005551212",
    NULL
  };
  const char * const extra[] = {
    "CallSid", "CA1234567890ABCDE",
    "Caller", "+14158675309",
    "Digits", "1234",
    "From", "+14158675309",
    "To", "+18005551212",
    "Extra", "",
    NULL
  };
  const char * const wrong_tokens[] = { "54321", NULL };
  const char * const odd[] = { "To", NULL };
  const char *good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  g_assert_false (liaison_webhook_signature_validate (tokens, U, tampered, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, extra, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, NULL, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, "https://mycompany.com/myapp.php?foo=1&bar=3",
                                                      P, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, "https://mycompany.org/myapp.php?foo=1&bar=2",
                                                      P, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, P, NULL, "RSOYDt4T1cUTdK1PDd93/VVr8B8"));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, P, NULL, "SSOYDt4T1cUTdK1PDd93/VVr8B8="));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, P, NULL, ""));
  g_assert_false (liaison_webhook_signature_validate (wrong_tokens, U, P, NULL, good));
  /* Malformed input is a FALSE, never a crash. */
  g_assert_false (liaison_webhook_signature_validate (tokens, "not a url", odd, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, "https://[::1", P, NULL, good));
  g_assert_false (liaison_webhook_signature_validate (tokens, U, P, NULL, NULL));
  g_assert_false (liaison_webhook_signature_validate (NULL, U, P, NULL, good));
  g_assert_null (liaison_webhook_signature_compute (TOKEN, U, odd));
}

static void
test_token_rotation (void)
{
  const char * const rotated[] = { "new-token", TOKEN, NULL };
  const char * const none[] = { NULL };

  g_assert_true (liaison_webhook_signature_validate (rotated, U, P, NULL, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  g_assert_false (liaison_webhook_signature_validate (none, U, P, NULL, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
}

static void
test_quote_forms (void)
{
  const char * const s3cr3t[] = { "s3cr3t", NULL };
  g_autofree char *with_port = liaison_webhook_signature_compute ("s3cr3t", "https://example.com:443/path?test=param", NULL);
  g_autofree char *without_port = liaison_webhook_signature_compute ("s3cr3t", "https://example.com/path?test=param", NULL);
  g_autofree char *quote = liaison_webhook_signature_compute ("s3cr3t", "https://example.com/path?test=param'WithQuote", NULL);
  g_autofree char *encoded = liaison_webhook_signature_compute ("s3cr3t", "https://example.com/path?test=param%27WithQuote", NULL);

  g_assert_true (liaison_webhook_signature_validate (s3cr3t, "https://example.com/path?test=param", NULL, NULL, with_port));
  g_assert_true (liaison_webhook_signature_validate (s3cr3t, "https://example.com:443/path?test=param", NULL, NULL, without_port));
  g_assert_false (liaison_webhook_signature_validate (s3cr3t, "https://example.com/path?test=param2", NULL, NULL, without_port));
  g_assert_true (liaison_webhook_signature_validate (s3cr3t, "https://example.com/path?test=param%27WithQuote", NULL, NULL, quote));
  g_assert_true (liaison_webhook_signature_validate (s3cr3t, "https://example.com/path?test=param'WithQuote", NULL, NULL, encoded));
}

int
main (int   argc,
      char *argv[])
{
  liaison_test_init (&argc, &argv);

  g_test_add_func ("/Liaison/WebhookSignature/vectors-form", test_vectors_form);
  g_test_add_func ("/Liaison/WebhookSignature/inbound-stop-vector", test_inbound_stop_vector);
  g_test_add_func ("/Liaison/WebhookSignature/port-forms", test_port_forms);
  g_test_add_func ("/Liaison/WebhookSignature/repeated-keys", test_repeated_keys);
  g_test_add_func ("/Liaison/WebhookSignature/body-sha256", test_body_sha256);
  g_test_add_func ("/Liaison/WebhookSignature/tampered", test_tampered);
  g_test_add_func ("/Liaison/WebhookSignature/token-rotation", test_token_rotation);
  g_test_add_func ("/Liaison/WebhookSignature/quote-forms", test_quote_forms);

  return g_test_run ();
}
