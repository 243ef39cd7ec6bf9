/* liaison-sim-numbers-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sim-private.h"

G_BEGIN_DECLS

/* The numbers module spans three files: liaison-sim-numbers.c (search,
 * IncomingPhoneNumbers, the module table), liaison-sim-porting.c (numbers v1
 * Porting) and liaison-sim-lookup.c (Lookup v2). */

/* Line types of Lookup v2 line_type_intelligence, as the simulator assigns
 * them (see liaison-sim-lookup.c). */
typedef struct {
  const char *type;          /* mobile, landline, fixedVoip, nonFixedVoip, tollFree */
  const char *carrier_name;
  const char *mobile_country_code;   /* may be NULL */
  const char *mobile_network_code;   /* may be NULL */
} SimLineType;

/* The line type of a valid North American number (+1 and ten digits). */
void        sim_line_type_of          (LiaisonSimServer *self,
                                       const char       *e164,
                                       SimLineType      *out);
gboolean    sim_is_toll_free          (const char *e164);
/* "(415) 555-0123" for +1 numbers, @e164 otherwise. */
char       *sim_format_national       (const char *e164);
/* "2026-11-24T10:00:00Z" of Unix seconds. */
char       *sim_format_iso8601        (gint64 seconds);
/* Reads the request body as a JSON object; answers 400 and returns NULL when
 * it is not one. */
JsonObject *sim_request_json_object   (SoupServerMessage *msg);

/* Porting (liaison-sim-porting.c) */
#define SIM_PORTING_SCHEMA \
  "CREATE TABLE IF NOT EXISTS port_in_requests (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  account_sid TEXT NOT NULL," \
  "  status TEXT NOT NULL," \
  "  stage INTEGER NOT NULL," \
  "  request TEXT NOT NULL," \
  "  cancellation_reason TEXT," \
  "  support_ticket_id INTEGER NOT NULL," \
  "  reject INTEGER NOT NULL DEFAULT 0," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL," \
  "  next_at INTEGER);" \
  "CREATE TABLE IF NOT EXISTS port_in_numbers (" \
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  sid TEXT UNIQUE NOT NULL," \
  "  request_sid TEXT NOT NULL," \
  "  phone_number TEXT NOT NULL," \
  "  pin TEXT," \
  "  number_type TEXT NOT NULL," \
  "  status TEXT NOT NULL," \
  "  rejection_reason TEXT," \
  "  rejection_reason_code INTEGER," \
  "  port_date INTEGER," \
  "  date_created INTEGER NOT NULL," \
  "  date_updated INTEGER NOT NULL);" \
  "CREATE INDEX IF NOT EXISTS port_in_numbers_request ON port_in_numbers (request_sid, seq);" \
  "CREATE TABLE IF NOT EXISTS porting_webhooks (" \
  "  account_sid TEXT NOT NULL," \
  "  webhook_type TEXT NOT NULL," \
  "  target_url TEXT NOT NULL," \
  "  notifications_of TEXT NOT NULL," \
  "  date_created INTEGER NOT NULL," \
  "  PRIMARY KEY (account_sid, webhook_type));"

void        sim_porting_create        (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_fetch         (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_cancel        (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_list          (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_number_fetch  (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_number_cancel (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_portability_fetch     (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_control_reject (LiaisonSimServer  *self,
                                        SoupServerMessage *msg,
                                        GPtrArray         *form);
void        sim_porting_tick          (LiaisonSimServer *self);
void        sim_porting_finalize      (LiaisonSimServer *self);
void        sim_porting_webhook_create (LiaisonSimServer  *self,
                                        SoupServerMessage *msg,
                                        SimAccount        *account,
                                        GMatchInfo        *match);
void        sim_porting_webhook_fetch (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);
void        sim_porting_webhook_delete (LiaisonSimServer  *self,
                                        SoupServerMessage *msg,
                                        SimAccount        *account,
                                        GMatchInfo        *match);

/* Lookup v2 (liaison-sim-lookup.c) */
void        sim_lookup_fetch          (LiaisonSimServer  *self,
                                       SoupServerMessage *msg,
                                       SimAccount        *account,
                                       GMatchInfo        *match);

G_END_DECLS
