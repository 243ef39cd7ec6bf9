/* liaison-relay-config.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LIAISON_RELAY_CONFIG_ERROR (liaison_relay_config_error_quark ())

typedef enum {
  LIAISON_RELAY_CONFIG_ERROR_SYNTAX,     /* not a group, key=value or comment */
  LIAISON_RELAY_CONFIG_ERROR_VALUE,      /* a value that does not fit its key */
  LIAISON_RELAY_CONFIG_ERROR_UNKNOWN,    /* a group or key the relay does not know */
  LIAISON_RELAY_CONFIG_ERROR_MISSING,    /* something required is not there */
  LIAISON_RELAY_CONFIG_ERROR_SECRET,     /* a token file or variable is unusable */
} LiaisonRelayConfigError;

GQuark liaison_relay_config_error_quark (void);

/* A Twilio account the relay answers for: its SID and its current Auth
 * Tokens (the primary, and the secondary while a rotation is under way). */
typedef struct {
  char  *account_sid;
  GStrv  auth_tokens;   /* 1 or 2, wiped on free */
} LiaisonRelayAccount;

/* A desktop's credential: the SHA-256 (hex) of its token, never the token,
 * and the Twilio numbers whose events it may see. */
typedef struct {
  char  *name;
  char  *token_sha256;
  GStrv  numbers;       /* E.164 */
} LiaisonRelayAdvisor;

typedef struct {
  char      *path;              /* the file read, or NULL */
  char      *listen_address;    /* default 127.0.0.1 */
  guint      port;              /* default 8790 */
  char      *public_url;        /* exactly as Twilio calls it, no trailing '/' */
  char      *database;
  gsize      max_body_bytes;    /* default 64 KiB */
  gboolean   trust_proxy;       /* rebuild URLs from X-Forwarded-Proto/Host */
  guint      retention_hours;   /* events are deleted after this, acknowledged or not */
  GPtrArray *accounts;          /* LiaisonRelayAccount */
  GPtrArray *advisors;          /* LiaisonRelayAdvisor */
} LiaisonRelayConfig;

LiaisonRelayConfig  *liaison_relay_config_new           (void);
void                 liaison_relay_config_free          (LiaisonRelayConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonRelayConfig, liaison_relay_config_free)

/* Reads @path; errors name the file and the line ("relay.conf:12: …"). */
gboolean             liaison_relay_config_load_file     (LiaisonRelayConfig  *config,
                                                         const char          *path,
                                                         GError             **error);
/* The same for text already read (@origin names it in errors). */
gboolean             liaison_relay_config_load_data     (LiaisonRelayConfig  *config,
                                                         const char          *data,
                                                         const char          *origin,
                                                         GError             **error);
/* Checks what must be there once the command line was applied. */
gboolean             liaison_relay_config_validate      (LiaisonRelayConfig  *config,
                                                         GError             **error);

LiaisonRelayAccount *liaison_relay_config_find_account  (LiaisonRelayConfig  *config,
                                                         const char          *account_sid);
/* The advisor whose token this is (compared by hash, in constant time). */
LiaisonRelayAdvisor *liaison_relay_config_find_advisor  (LiaisonRelayConfig  *config,
                                                         const char          *token);
/* The SHA-256 of @token in lowercase hex, as token-sha256 holds it. */
char                *liaison_relay_hash_token           (const char          *token);

G_END_DECLS
