/* liaison-store-schema.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store-schema"

#include "config.h"

#include "liaison-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* 'LIAN': stored in the database header so that we never mistake another
 * program's SQLite file for ours. */
#define LIAISON_APPLICATION_ID 0x4C49414E

/*
 * Schema version 1: the full schema.
 *
 * Conventions: times are INTEGER microseconds since the Unix epoch, UTC;
 * phone numbers are E.164 TEXT; flags are INTEGER 0/1 with a CHECK.
 * Every query the store runs has a matching index; the thread list is kept
 * denormalised by triggers (last message, last time, unread count) so that
 * listing threads is one indexed range scan.
 */
static const char schema_v1[] =
  "PRAGMA application_id = 1279869262;\n"

  /* Contacts */
  "CREATE TABLE contacts (\n"
  "  id             INTEGER PRIMARY KEY,\n"
  "  display_name   TEXT NOT NULL DEFAULT '',\n"
  "  first_name     TEXT,\n"
  "  last_name      TEXT,\n"
  "  company        TEXT,\n"
  "  email          TEXT,\n"
  "  kind           TEXT NOT NULL DEFAULT 'lead'\n"
  "                 CHECK (kind IN ('lead', 'prospect', 'client', 'referral-partner')),\n"
  "  pipeline_stage TEXT,\n"
  "  owner          TEXT,\n"
  "  notes          TEXT,\n"
  "  created_at     INTEGER NOT NULL,\n"
  "  updated_at     INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX contacts_by_name ON contacts (display_name COLLATE NOCASE, id);\n"
  "CREATE INDEX contacts_by_stage ON contacts (pipeline_stage, updated_at);\n"

  "CREATE TABLE contact_phones (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,\n"
  "  e164       TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*' AND length (e164) <= 16),\n"
  "  label      TEXT,\n"
  "  line_type  TEXT,\n"
  "  is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),\n"
  "  is_bad     INTEGER NOT NULL DEFAULT 0 CHECK (is_bad IN (0, 1)),\n"
  "  bad_reason TEXT,\n"
  "  bad_since  INTEGER,\n"
  "  UNIQUE (contact_id, e164)\n"
  ");\n"
  "CREATE INDEX contact_phones_by_e164 ON contact_phones (e164, is_primary DESC, id);\n"
  "CREATE INDEX contact_phones_by_contact ON contact_phones (contact_id, is_primary DESC, id);\n"

  "CREATE TABLE contact_tags (\n"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,\n"
  "  tag        TEXT NOT NULL,\n"
  "  PRIMARY KEY (contact_id, tag)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);\n"

  /* Our Twilio numbers */
  "CREATE TABLE twilio_numbers (\n"
  "  id                  INTEGER PRIMARY KEY,\n"
  "  sid                 TEXT NOT NULL UNIQUE,\n"
  "  e164                TEXT NOT NULL UNIQUE,\n"
  "  friendly_name       TEXT,\n"
  "  sms_capable         INTEGER NOT NULL DEFAULT 0 CHECK (sms_capable IN (0, 1)),\n"
  "  mms_capable         INTEGER NOT NULL DEFAULT 0 CHECK (mms_capable IN (0, 1)),\n"
  "  voice_capable       INTEGER NOT NULL DEFAULT 0 CHECK (voice_capable IN (0, 1)),\n"
  "  sms_url             TEXT,\n"
  "  voice_url           TEXT,\n"
  "  status_callback_url TEXT,\n"
  "  messages_per_second REAL NOT NULL DEFAULT 1,\n"
  "  owner               TEXT,\n"
  "  created_at          INTEGER NOT NULL,\n"
  "  updated_at          INTEGER NOT NULL\n"
  ");\n"

  /* Threads and messages */
  "CREATE TABLE threads (\n"
  "  id              INTEGER PRIMARY KEY,\n"
  "  our_number      TEXT NOT NULL,\n"
  "  remote_number   TEXT NOT NULL,\n"
  "  contact_id      INTEGER REFERENCES contacts (id) ON DELETE SET NULL,\n"
  "  last_message_id INTEGER,\n"
  "  last_time       INTEGER NOT NULL,\n"
  "  unread_count    INTEGER NOT NULL DEFAULT 0,\n"
  "  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),\n"
  "  created_at      INTEGER NOT NULL,\n"
  "  UNIQUE (our_number, remote_number)\n"
  ");\n"
  "CREATE INDEX threads_by_time ON threads (last_time, id);\n"
  "CREATE INDEX threads_by_remote ON threads (remote_number);\n"
  "CREATE INDEX threads_by_contact ON threads (contact_id);\n"

  "CREATE TABLE messages (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  sid           TEXT UNIQUE,\n"
  "  thread_id     INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,\n"
  "  direction     TEXT NOT NULL\n"
  "                CHECK (direction IN ('inbound', 'outbound-api', 'outbound-call', 'outbound-reply')),\n"
  "  from_number   TEXT NOT NULL,\n"
  "  to_number     TEXT NOT NULL,\n"
  "  body          TEXT NOT NULL DEFAULT '',\n"
  "  status        TEXT NOT NULL,\n"
  "  error_code    INTEGER,\n"
  "  error_message TEXT,\n"
  "  num_segments  INTEGER NOT NULL DEFAULT 1,\n"
  "  num_media     INTEGER NOT NULL DEFAULT 0,\n"
  "  created_at    INTEGER NOT NULL,\n"
  "  sent_at       INTEGER,\n"
  "  updated_at    INTEGER NOT NULL,\n"
  "  is_read       INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1))\n"
  ");\n"
  "CREATE INDEX messages_by_thread ON messages (thread_id, created_at, id);\n"
  "CREATE INDEX messages_unread ON messages (thread_id)\n"
  "  WHERE direction = 'inbound' AND is_read = 0;\n"

  "CREATE TABLE message_media (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  message_id   INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,\n"
  "  sid          TEXT UNIQUE,\n"
  "  content_type TEXT NOT NULL,\n"
  "  url          TEXT,\n"
  "  local_path   TEXT,\n"
  "  size_bytes   INTEGER,\n"
  "  created_at   INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX message_media_by_message ON message_media (message_id);\n"

  /* Calls, recordings, transcripts */
  "CREATE TABLE calls (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  sid         TEXT NOT NULL UNIQUE,\n"
  "  parent_sid  TEXT,\n"
  "  thread_id   INTEGER REFERENCES threads (id) ON DELETE SET NULL,\n"
  "  contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,\n"
  "  direction   TEXT NOT NULL,\n"
  "  from_number TEXT NOT NULL,\n"
  "  to_number   TEXT NOT NULL,\n"
  "  status      TEXT NOT NULL,\n"
  "  started_at  INTEGER NOT NULL,\n"
  "  answered_at INTEGER,\n"
  "  ended_at    INTEGER,\n"
  "  duration_s  INTEGER,\n"
  "  created_at  INTEGER NOT NULL,\n"
  "  updated_at  INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX calls_by_time ON calls (started_at, id);\n"
  "CREATE INDEX calls_by_thread ON calls (thread_id, started_at, id);\n"
  "CREATE INDEX calls_by_contact ON calls (contact_id);\n"
  "CREATE INDEX calls_by_parent ON calls (parent_sid);\n"

  "CREATE TABLE recordings (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  sid          TEXT NOT NULL UNIQUE,\n"
  "  call_sid     TEXT NOT NULL,\n"
  "  duration_s   INTEGER,\n"
  "  channels     INTEGER NOT NULL DEFAULT 1,\n"
  "  status       TEXT NOT NULL,\n"
  "  source       TEXT,\n"
  "  local_path   TEXT,\n"
  "  size_bytes   INTEGER,\n"
  "  retain_until INTEGER,\n"
  "  legal_hold   INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),\n"
  "  created_at   INTEGER NOT NULL,\n"
  "  updated_at   INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX recordings_by_call ON recordings (call_sid);\n"
  "CREATE INDEX recordings_by_retention ON recordings (retain_until) WHERE legal_hold = 0;\n"

  "CREATE TABLE transcripts (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  sid          TEXT UNIQUE,\n"
  "  recording_id INTEGER REFERENCES recordings (id) ON DELETE SET NULL,\n"
  "  call_sid     TEXT,\n"
  "  source       TEXT NOT NULL CHECK (source IN ('twilio', 'local')),\n"
  "  language     TEXT,\n"
  "  status       TEXT NOT NULL,\n"
  "  created_at   INTEGER NOT NULL,\n"
  "  updated_at   INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX transcripts_by_recording ON transcripts (recording_id);\n"
  "CREATE INDEX transcripts_by_call ON transcripts (call_sid);\n"

  "CREATE TABLE transcript_sentences (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,\n"
  "  idx           INTEGER NOT NULL,\n"
  "  channel       INTEGER,\n"
  "  speaker       TEXT,\n"
  "  start_ms      INTEGER NOT NULL,\n"
  "  end_ms        INTEGER NOT NULL,\n"
  "  text          TEXT NOT NULL,\n"
  "  confidence    REAL,\n"
  "  UNIQUE (transcript_id, idx)\n"
  ");\n"

  "CREATE TABLE summaries (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  call_sid      TEXT,\n"
  "  transcript_id INTEGER REFERENCES transcripts (id) ON DELETE CASCADE,\n"
  "  source        TEXT,\n"
  "  summary       TEXT NOT NULL,\n"
  "  action_items  TEXT,\n"
  "  created_at    INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX summaries_by_transcript ON summaries (transcript_id);\n"
  "CREATE INDEX summaries_by_call ON summaries (call_sid);\n"

  "CREATE TABLE voicemails (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  call_sid      TEXT NOT NULL UNIQUE,\n"
  "  recording_id  INTEGER REFERENCES recordings (id) ON DELETE SET NULL,\n"
  "  transcript_id INTEGER REFERENCES transcripts (id) ON DELETE SET NULL,\n"
  "  contact_id    INTEGER REFERENCES contacts (id) ON DELETE SET NULL,\n"
  "  from_number   TEXT NOT NULL,\n"
  "  to_number     TEXT NOT NULL,\n"
  "  duration_s    INTEGER,\n"
  "  is_heard      INTEGER NOT NULL DEFAULT 0 CHECK (is_heard IN (0, 1)),\n"
  "  created_at    INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX voicemails_by_time ON voicemails (created_at, id);\n"
  "CREATE INDEX voicemails_by_recording ON voicemails (recording_id);\n"
  "CREATE INDEX voicemails_by_transcript ON voicemails (transcript_id);\n"
  "CREATE INDEX voicemails_by_contact ON voicemails (contact_id);\n"

  /* Templates and sequences */
  "CREATE TABLE templates (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  name       TEXT NOT NULL UNIQUE,\n"
  "  body       TEXT NOT NULL,\n"
  "  category   TEXT,\n"
  "  created_at INTEGER NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ");\n"

  "CREATE TABLE sequences (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  name          TEXT NOT NULL UNIQUE,\n"
  "  trigger_stage TEXT,\n"
  "  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),\n"
  "  created_at    INTEGER NOT NULL,\n"
  "  updated_at    INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX sequences_by_stage ON sequences (trigger_stage);\n"

  "CREATE TABLE sequence_steps (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  sequence_id INTEGER NOT NULL REFERENCES sequences (id) ON DELETE CASCADE,\n"
  "  position    INTEGER NOT NULL,\n"
  "  delay_s     INTEGER NOT NULL DEFAULT 0,\n"
  "  template_id INTEGER REFERENCES templates (id) ON DELETE RESTRICT,\n"
  "  body        TEXT,\n"
  "  UNIQUE (sequence_id, position)\n"
  ");\n"
  "CREATE INDEX sequence_steps_by_template ON sequence_steps (template_id);\n"

  "CREATE TABLE sequence_enrollments (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  sequence_id INTEGER NOT NULL REFERENCES sequences (id) ON DELETE CASCADE,\n"
  "  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,\n"
  "  next_step   INTEGER NOT NULL DEFAULT 0,\n"
  "  state       TEXT NOT NULL DEFAULT 'active'\n"
  "              CHECK (state IN ('active', 'paused', 'completed', 'stopped')),\n"
  "  next_run_at INTEGER,\n"
  "  enrolled_at INTEGER NOT NULL,\n"
  "  updated_at  INTEGER NOT NULL,\n"
  "  UNIQUE (sequence_id, contact_id)\n"
  ");\n"
  "CREATE INDEX sequence_enrollments_due ON sequence_enrollments (state, next_run_at);\n"
  "CREATE INDEX sequence_enrollments_by_contact ON sequence_enrollments (contact_id);\n"

  /* Consent ledger, outbox, relay cursor */
  "CREATE TABLE consent_events (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  e164        TEXT NOT NULL,\n"
  "  contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,\n"
  "  event       TEXT NOT NULL CHECK (event IN ('opt-in', 'opt-out', 'help')),\n"
  "  source      TEXT NOT NULL,\n"
  "  channel     TEXT,\n"
  "  message_sid TEXT,\n"
  "  note        TEXT,\n"
  "  created_at  INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX consent_events_by_number ON consent_events (e164, created_at, id);\n"
  "CREATE INDEX consent_events_by_contact ON consent_events (contact_id);\n"

  "CREATE TABLE outbox (\n"
  "  id              INTEGER PRIMARY KEY,\n"
  "  idempotency_key TEXT NOT NULL UNIQUE,\n"
  "  from_number     TEXT NOT NULL,\n"
  "  to_number       TEXT NOT NULL,\n"
  "  body            TEXT NOT NULL,\n"
  "  media_urls      TEXT,\n"
  "  scheduled_at    INTEGER NOT NULL,\n"
  "  state           TEXT NOT NULL DEFAULT 'pending'\n"
  "                  CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),\n"
  "  attempts        INTEGER NOT NULL DEFAULT 0,\n"
  "  last_error      TEXT,\n"
  "  message_sid     TEXT,\n"
  "  created_at      INTEGER NOT NULL,\n"
  "  updated_at      INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX outbox_due ON outbox (state, scheduled_at, id);\n"

  "CREATE TABLE relay_cursor (\n"
  "  relay_url  TEXT PRIMARY KEY,\n"
  "  cursor     TEXT NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ");\n"

  /* The append-only, hash-chained journal (hashes computed in C). */
  "CREATE TABLE journal (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  time      INTEGER NOT NULL,\n"
  "  actor     TEXT NOT NULL,\n"
  "  action    TEXT NOT NULL,\n"
  "  subject   TEXT,\n"
  "  detail    TEXT,\n"
  "  prev_hash TEXT NOT NULL,\n"
  "  hash      TEXT NOT NULL UNIQUE\n"
  ");\n"
  "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal\n"
  "BEGIN\n"
  "  SELECT RAISE (ABORT, 'the journal is append-only');\n"
  "END;\n"
  "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal\n"
  "BEGIN\n"
  "  SELECT RAISE (ABORT, 'the journal is append-only');\n"
  "END;\n"

  /* Thread summary upkeep. The status of the last message is joined at read
   * time, so a status update needs no trigger. */
  "CREATE TRIGGER messages_thread_insert AFTER INSERT ON messages\n"
  "BEGIN\n"
  "  UPDATE threads SET\n"
  "    unread_count = unread_count + (NEW.direction = 'inbound' AND NEW.is_read = 0),\n"
  "    last_message_id = CASE WHEN last_message_id IS NULL\n"
  "                             OR (NEW.created_at, NEW.id) > (last_time, last_message_id)\n"
  "                           THEN NEW.id ELSE last_message_id END,\n"
  "    last_time = CASE WHEN last_message_id IS NULL\n"
  "                       OR (NEW.created_at, NEW.id) > (last_time, last_message_id)\n"
  "                     THEN NEW.created_at ELSE last_time END\n"
  "  WHERE id = NEW.thread_id;\n"
  "END;\n"
  "CREATE TRIGGER messages_thread_read AFTER UPDATE OF is_read, direction ON messages\n"
  "WHEN OLD.thread_id = NEW.thread_id AND OLD.created_at = NEW.created_at\n"
  "  AND (OLD.direction = 'inbound' AND OLD.is_read = 0)\n"
  "      <> (NEW.direction = 'inbound' AND NEW.is_read = 0)\n"
  "BEGIN\n"
  "  UPDATE threads SET unread_count = unread_count\n"
  "      + (NEW.direction = 'inbound' AND NEW.is_read = 0)\n"
  "      - (OLD.direction = 'inbound' AND OLD.is_read = 0)\n"
  "  WHERE id = NEW.thread_id;\n"
  "END;\n"
  "CREATE TRIGGER messages_thread_move AFTER UPDATE OF thread_id, created_at ON messages\n"
  "WHEN OLD.thread_id <> NEW.thread_id OR OLD.created_at <> NEW.created_at\n"
  "BEGIN\n"
  "  UPDATE threads SET\n"
  "    last_message_id = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id\n"
  "                       ORDER BY m.created_at DESC, m.id DESC LIMIT 1),\n"
  "    last_time = coalesce ((SELECT m.created_at FROM messages m WHERE m.thread_id = threads.id\n"
  "                           ORDER BY m.created_at DESC, m.id DESC LIMIT 1), created_at),\n"
  "    unread_count = (SELECT count (*) FROM messages m WHERE m.thread_id = threads.id\n"
  "                    AND m.direction = 'inbound' AND m.is_read = 0)\n"
  "  WHERE id IN (OLD.thread_id, NEW.thread_id);\n"
  "END;\n"
  "CREATE TRIGGER messages_thread_delete AFTER DELETE ON messages\n"
  "BEGIN\n"
  "  UPDATE threads SET\n"
  "    unread_count = unread_count - (OLD.direction = 'inbound' AND OLD.is_read = 0),\n"
  "    last_message_id = CASE WHEN last_message_id = OLD.id\n"
  "                           THEN (SELECT m.id FROM messages m WHERE m.thread_id = OLD.thread_id\n"
  "                                 ORDER BY m.created_at DESC, m.id DESC LIMIT 1)\n"
  "                           ELSE last_message_id END,\n"
  "    last_time = CASE WHEN last_message_id = OLD.id\n"
  "                     THEN coalesce ((SELECT m.created_at FROM messages m\n"
  "                                     WHERE m.thread_id = OLD.thread_id\n"
  "                                     ORDER BY m.created_at DESC, m.id DESC LIMIT 1),\n"
  "                                    created_at)\n"
  "                     ELSE last_time END\n"
  "  WHERE id = OLD.thread_id;\n"
  "END;\n"

  /* A thread belongs to the contact that has its remote number. */
  "CREATE TRIGGER contact_phones_link AFTER INSERT ON contact_phones\n"
  "BEGIN\n"
  "  UPDATE threads SET contact_id = NEW.contact_id\n"
  "  WHERE remote_number = NEW.e164 AND contact_id IS NULL;\n"
  "END;\n"
  "CREATE TRIGGER contact_phones_unlink AFTER DELETE ON contact_phones\n"
  "BEGIN\n"
  "  UPDATE threads SET contact_id = (SELECT p.contact_id FROM contact_phones p\n"
  "                                   WHERE p.e164 = OLD.e164\n"
  "                                   ORDER BY p.is_primary DESC, p.id LIMIT 1)\n"
  "  WHERE remote_number = OLD.e164 AND contact_id = OLD.contact_id;\n"
  "END;\n"
  "CREATE TRIGGER contact_phones_relink AFTER UPDATE OF e164, contact_id ON contact_phones\n"
  "BEGIN\n"
  "  UPDATE threads SET contact_id = (SELECT p.contact_id FROM contact_phones p\n"
  "                                   WHERE p.e164 = OLD.e164\n"
  "                                   ORDER BY p.is_primary DESC, p.id LIMIT 1)\n"
  "  WHERE remote_number = OLD.e164 AND contact_id = OLD.contact_id;\n"
  "  UPDATE threads SET contact_id = NEW.contact_id\n"
  "  WHERE remote_number = NEW.e164 AND contact_id IS NULL;\n"
  "END;\n"

  /* Full-text search: external-content FTS5 tables kept in sync by triggers.
   * Prefix indexes for 2 and 3 characters keep search-as-you-type fast: without
   * them "th"* over a million messages merges every term starting with "th"
   * (120 ms measured); with them it is one lookup (under 1 ms). They cost about
   * a fifth of the database's size. */
  "CREATE VIRTUAL TABLE messages_fts USING fts5 (\n"
  "  body, content = 'messages', content_rowid = 'id',\n"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'\n"
  ");\n"
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages\n"
  "BEGIN\n"
  "  INSERT INTO messages_fts (rowid, body) VALUES (NEW.id, NEW.body);\n"
  "END;\n"
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages\n"
  "BEGIN\n"
  "  INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);\n"
  "END;\n"
  "CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages\n"
  "BEGIN\n"
  "  INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);\n"
  "  INSERT INTO messages_fts (rowid, body) VALUES (NEW.id, NEW.body);\n"
  "END;\n"

  "CREATE VIRTUAL TABLE sentences_fts USING fts5 (\n"
  "  text, content = 'transcript_sentences', content_rowid = 'id',\n"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'\n"
  ");\n"
  "CREATE TRIGGER sentences_fts_insert AFTER INSERT ON transcript_sentences\n"
  "BEGIN\n"
  "  INSERT INTO sentences_fts (rowid, text) VALUES (NEW.id, NEW.text);\n"
  "END;\n"
  "CREATE TRIGGER sentences_fts_delete AFTER DELETE ON transcript_sentences\n"
  "BEGIN\n"
  "  INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);\n"
  "END;\n"
  "CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON transcript_sentences\n"
  "BEGIN\n"
  "  INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);\n"
  "  INSERT INTO sentences_fts (rowid, text) VALUES (NEW.id, NEW.text);\n"
  "END;\n"

  "CREATE VIRTUAL TABLE contacts_fts USING fts5 (\n"
  "  display_name, company, notes, content = 'contacts', content_rowid = 'id',\n"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'\n"
  ");\n"
  "CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts\n"
  "BEGIN\n"
  "  INSERT INTO contacts_fts (rowid, display_name, company, notes)\n"
  "  VALUES (NEW.id, NEW.display_name, NEW.company, NEW.notes);\n"
  "END;\n"
  "CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts\n"
  "BEGIN\n"
  "  INSERT INTO contacts_fts (contacts_fts, rowid, display_name, company, notes)\n"
  "  VALUES ('delete', OLD.id, OLD.display_name, OLD.company, OLD.notes);\n"
  "END;\n"
  "CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, company, notes ON contacts\n"
  "BEGIN\n"
  "  INSERT INTO contacts_fts (contacts_fts, rowid, display_name, company, notes)\n"
  "  VALUES ('delete', OLD.id, OLD.display_name, OLD.company, OLD.notes);\n"
  "  INSERT INTO contacts_fts (rowid, display_name, company, notes)\n"
  "  VALUES (NEW.id, NEW.display_name, NEW.company, NEW.notes);\n"
  "END;\n";

/*
 * Version 2, conversations: the outbox row knows the message it shows as in
 * its thread and where it came from; the consent ledger is append-only and
 * keeps each number's current state in consent_state (one row per number, so
 * "is this number opted out?" is one lookup); messages can be scheduled, and
 * a status that arrives before its message's SID is kept for it;
 * contacts can be listed by kind, owner and time.
 */
static const char schema_v2[] =
  "ALTER TABLE outbox ADD COLUMN message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL;\n"
  "ALTER TABLE outbox ADD COLUMN contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL;\n"
  "ALTER TABLE outbox ADD COLUMN source TEXT NOT NULL DEFAULT 'composer';\n"
  "ALTER TABLE outbox ADD COLUMN gate_note TEXT;\n"
  "CREATE INDEX outbox_by_message ON outbox (message_id);\n"
  "CREATE INDEX outbox_by_contact ON outbox (contact_id);\n"

  "ALTER TABLE messages ADD COLUMN scheduled_at INTEGER;\n"

  "ALTER TABLE consent_events ADD COLUMN our_number TEXT;\n"
  "CREATE TABLE consent_state (\n"
  "  e164       TEXT PRIMARY KEY,\n"
  "  state      TEXT NOT NULL CHECK (state IN ('opted-in', 'opted-out')),\n"
  "  event_id   INTEGER NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ") WITHOUT ROWID;\n"
  "CREATE TRIGGER consent_events_state AFTER INSERT ON consent_events\n"
  "WHEN NEW.event IN ('opt-in', 'opt-out')\n"
  "BEGIN\n"
  "  INSERT INTO consent_state (e164, state, event_id, updated_at)\n"
  "  VALUES (NEW.e164, CASE NEW.event WHEN 'opt-in' THEN 'opted-in' ELSE 'opted-out' END,\n"
  "          NEW.id, NEW.created_at)\n"
  "  ON CONFLICT (e164) DO UPDATE SET state = excluded.state, event_id = excluded.event_id,\n"
  "                                   updated_at = excluded.updated_at;\n"
  "END;\n"
  /* The ledger is evidence: only the link to a deleted contact may change. */
  "CREATE TRIGGER consent_events_no_update\n"
  "BEFORE UPDATE OF e164, event, source, channel, message_sid, note, created_at, our_number\n"
  "ON consent_events\n"
  "BEGIN\n"
  "  SELECT RAISE (ABORT, 'the consent ledger is append-only');\n"
  "END;\n"
  "CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events\n"
  "BEGIN\n"
  "  SELECT RAISE (ABORT, 'the consent ledger is append-only');\n"
  "END;\n"
  "INSERT INTO consent_state (e164, state, event_id, updated_at)\n"
  "  SELECT e.e164, CASE e.event WHEN 'opt-in' THEN 'opted-in' ELSE 'opted-out' END,\n"
  "         e.id, e.created_at\n"
  "  FROM consent_events e\n"
  "  WHERE e.event IN ('opt-in', 'opt-out')\n"
  "    AND e.id = (SELECT l.id FROM consent_events l\n"
  "                WHERE l.e164 = e.e164 AND l.event IN ('opt-in', 'opt-out')\n"
  "                ORDER BY l.created_at DESC, l.id DESC LIMIT 1);\n"

  /* A status callback can overtake the answer to the create that gave the
   * message its SID; it waits here until the SID is known. */
  "CREATE TABLE message_status_early (\n"
  "  sid           TEXT NOT NULL,\n"
  "  status        TEXT NOT NULL,\n"
  "  error_code    INTEGER,\n"
  "  error_message TEXT,\n"
  "  date_sent     INTEGER,\n"
  "  received_at   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (sid, status)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX message_status_early_by_time ON message_status_early (received_at);\n"

  "CREATE INDEX contacts_by_updated ON contacts (updated_at, id);\n"
  "CREATE INDEX contacts_by_kind ON contacts (kind, display_name COLLATE NOCASE, id);\n"
  "CREATE INDEX contacts_by_owner ON contacts (owner, display_name COLLATE NOCASE, id);\n"
  "CREATE INDEX contacts_by_stage_name ON contacts (pipeline_stage, display_name COLLATE NOCASE, id);\n"
  "CREATE INDEX contacts_by_kind_updated ON contacts (kind, updated_at, id);\n"
  "CREATE INDEX contacts_by_owner_updated ON contacts (owner, updated_at, id);\n"
  "CREATE INDEX contacts_by_email ON contacts (email COLLATE NOCASE);\n"
  "CREATE INDEX voicemails_by_from ON voicemails (from_number, created_at);\n"
  "CREATE INDEX calls_by_from ON calls (from_number, started_at);\n"
  "CREATE INDEX calls_by_to ON calls (to_number, started_at);\n";

/*
 * Version 3, call history: a call knows its two sides (our number and the
 * client's), why it failed, how it was answered, whether it was missed
 * (kept by the store so that "missed calls" is one partial index), and
 * whether it is on legal hold; so does a contact. Recordings know their
 * media URL and when they were deleted (cache and Twilio); voicemails when
 * they were handled; summaries carry their details as JSON; transcripts the
 * engine that made them. store_state holds small values the store keeps for
 * itself (the call reconciler's high-water mark).
 */
static const char schema_v3[] =
  "ALTER TABLE calls ADD COLUMN our_number TEXT;\n"
  "ALTER TABLE calls ADD COLUMN remote_number TEXT;\n"
  "ALTER TABLE calls ADD COLUMN answered_by TEXT;\n"
  "ALTER TABLE calls ADD COLUMN dial_status TEXT;\n"
  "ALTER TABLE calls ADD COLUMN error_code INTEGER;\n"
  "ALTER TABLE calls ADD COLUMN error_message TEXT;\n"
  "ALTER TABLE calls ADD COLUMN price TEXT;\n"
  "ALTER TABLE calls ADD COLUMN price_unit TEXT;\n"
  "ALTER TABLE calls ADD COLUMN is_missed INTEGER NOT NULL DEFAULT 0 CHECK (is_missed IN (0, 1));\n"
  "ALTER TABLE calls ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1));\n"
  /* A leg the history does not list: the <Dial> to the advisor's phone under
   * an inbound call, or the advisor's own leg of a click-to-call (the
   * client's leg is the call that is listed). */
  "ALTER TABLE calls ADD COLUMN is_leg INTEGER NOT NULL DEFAULT 0 CHECK (is_leg IN (0, 1));\n"
  "UPDATE calls SET\n"
  "  remote_number = CASE direction WHEN 'inbound' THEN from_number ELSE to_number END,\n"
  "  our_number = CASE direction WHEN 'inbound' THEN to_number ELSE from_number END;\n"
  "UPDATE calls SET is_missed = (direction = 'inbound'\n"
  "  AND status IN ('completed', 'busy', 'no-answer', 'failed', 'canceled')\n"
  "  AND (status <> 'completed'\n"
  "       OR EXISTS (SELECT 1 FROM voicemails v WHERE v.call_sid = calls.sid)));\n"
  "CREATE INDEX calls_missed_by_time ON calls (started_at, id) WHERE is_missed = 1;\n"
  "CREATE INDEX calls_inbound_by_time ON calls (started_at, id) WHERE direction = 'inbound';\n"
  "CREATE INDEX calls_outbound_by_time ON calls (started_at, id) WHERE direction <> 'inbound';\n"
  "CREATE INDEX calls_by_contact_time ON calls (contact_id, started_at, id);\n"
  "CREATE INDEX calls_by_remote_time ON calls (remote_number, started_at, id);\n"
  "CREATE INDEX calls_on_hold ON calls (contact_id) WHERE legal_hold = 1;\n"

  "ALTER TABLE contacts ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (legal_hold IN (0, 1));\n"

  "ALTER TABLE recordings ADD COLUMN media_url TEXT;\n"
  "ALTER TABLE recordings ADD COLUMN error_code INTEGER;\n"
  "ALTER TABLE recordings ADD COLUMN deleted_at INTEGER;\n"
  "CREATE INDEX recordings_live_by_time ON recordings (created_at, id) WHERE deleted_at IS NULL;\n"

  "ALTER TABLE voicemails ADD COLUMN handled_at INTEGER;\n"
  "CREATE INDEX voicemails_unhandled_by_time ON voicemails (created_at, id) WHERE handled_at IS NULL;\n"

  "ALTER TABLE transcripts ADD COLUMN engine TEXT;\n"

  "ALTER TABLE summaries ADD COLUMN highlights TEXT;\n"
  "ALTER TABLE summaries ADD COLUMN compliance_flags TEXT;\n"
  "ALTER TABLE summaries ADD COLUMN extra TEXT;\n"
  "ALTER TABLE summaries ADD COLUMN updated_at INTEGER;\n"
  "CREATE INDEX summaries_by_call_source ON summaries (call_sid, source, id);\n"

  "CREATE TABLE store_state (\n"
  "  key        TEXT PRIMARY KEY,\n"
  "  value      TEXT NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ") WITHOUT ROWID;\n";

/*
 * Version 4, follow-up sequences: a stopped enrolment says why (and, for
 * some reasons, a translated sentence). The database enrols contacts when
 * their pipeline stage becomes an enabled sequence's trigger stage (any
 * path that updates the stage; compared trimmed and without regard to
 * ASCII case; a completed or stopped enrolment starts over, an active one
 * is left alone), and stops a contact's active enrolments when they text
 * back after enrolling ('replied') or opt out ('opted-out': it also
 * replaces 'replied', since a STOP text is a reply first and the opt-out is
 * what the advisor must see). Times are µs UTC; the triggers use the real
 * time.
 */
static const char schema_v4[] =
  "ALTER TABLE sequence_enrollments ADD COLUMN stop_reason TEXT;\n"
  "ALTER TABLE sequence_enrollments ADD COLUMN stop_detail TEXT;\n"
  "CREATE INDEX sequence_enrollments_by_sequence ON sequence_enrollments (sequence_id, state);\n"

  "CREATE TRIGGER contacts_stage_enroll AFTER UPDATE OF pipeline_stage ON contacts\n"
  "WHEN NEW.pipeline_stage IS NOT NULL AND trim (NEW.pipeline_stage) <> ''\n"
  "  AND lower (trim (NEW.pipeline_stage)) IS NOT lower (trim (OLD.pipeline_stage))\n"
  "BEGIN\n"
  "  INSERT INTO sequence_enrollments (sequence_id, contact_id, next_step, state, next_run_at,\n"
  "                                    enrolled_at, updated_at)\n"
  "  SELECT s.id, NEW.id, 0, 'active',\n"
  "         CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)\n"
  "           + (SELECT f.delay_s FROM sequence_steps f WHERE f.sequence_id = s.id\n"
  "              ORDER BY f.position LIMIT 1) * 1000000,\n"
  "         CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER),\n"
  "         CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)\n"
  "  FROM sequences s\n"
  "  WHERE s.enabled = 1 AND s.trigger_stage IS NOT NULL\n"
  "    AND lower (trim (s.trigger_stage)) = lower (trim (NEW.pipeline_stage))\n"
  "    AND EXISTS (SELECT 1 FROM sequence_steps x WHERE x.sequence_id = s.id)\n"
  "  ON CONFLICT (sequence_id, contact_id) DO UPDATE SET\n"
  "    next_step = 0, state = 'active', stop_reason = NULL, stop_detail = NULL,\n"
  "    next_run_at = excluded.next_run_at, enrolled_at = excluded.enrolled_at,\n"
  "    updated_at = excluded.updated_at\n"
  "  WHERE state <> 'active';\n"
  "END;\n"

  /* Only messages received since the enrolment: a history sync must not
   * stop it. */
  "CREATE TRIGGER messages_inbound_stop_sequences AFTER INSERT ON messages\n"
  "WHEN NEW.direction = 'inbound'\n"
  "BEGIN\n"
  "  UPDATE sequence_enrollments SET state = 'stopped', stop_reason = 'replied',\n"
  "    stop_detail = NULL, next_run_at = NULL,\n"
  "    updated_at = CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)\n"
  "  WHERE state = 'active' AND enrolled_at <= NEW.created_at\n"
  "    AND contact_id = (SELECT t.contact_id FROM threads t WHERE t.id = NEW.thread_id);\n"
  "END;\n"

  "CREATE TRIGGER consent_events_stop_sequences AFTER INSERT ON consent_events\n"
  "WHEN NEW.event = 'opt-out'\n"
  "BEGIN\n"
  "  UPDATE sequence_enrollments SET state = 'stopped', stop_reason = 'opted-out',\n"
  "    stop_detail = NULL, next_run_at = NULL,\n"
  "    updated_at = CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)\n"
  "  WHERE (state = 'active' OR (state = 'stopped' AND stop_reason = 'replied'))\n"
  "    AND (contact_id = NEW.contact_id\n"
  "         OR contact_id IN (SELECT p.contact_id FROM contact_phones p WHERE p.e164 = NEW.e164));\n"
  "END;\n";

/*
 * The migrations, in order: migrations[i] takes a database from version i to
 * version i + 1, in one transaction. Forward only: never edit a step that has
 * shipped; add a new one (and a tests/data/store-v<N>.sql fixture).
 */
static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
};

guint
_liaison_store_schema_get_n_builtin (void)
{
  return G_N_ELEMENTS (migrations);
}

/* The fixed fields of the SQLite file header (https://sqlite.org/fileformat.html),
 * so that a file that merely starts with the magic string is not trusted. */
static gboolean
header_is_valid (const guint8 *header)
{
  guint page_size = ((guint) header[16] << 8) | header[17];

  if (memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;

  /* A power of two from 512 to 32768, or 1 for 65536. */
  if (page_size != 1 && (page_size < 512 || (page_size & (page_size - 1)) != 0))
    return FALSE;

  /* File format write and read versions: 1 (rollback journal) or 2 (WAL). */
  if (header[18] < 1 || header[18] > 2 || header[19] < 1 || header[19] > 2)
    return FALSE;

  /* Payload fractions, which must be 64, 32 and 32. */
  if (header[21] != 64 || header[22] != 32 || header[23] != 32)
    return FALSE;

  /* Reserved for expansion: zero. */
  for (guint i = 72; i < 92; i++)
    if (header[i] != 0)
      return FALSE;

  return TRUE;
}

/* Reads the 100-byte header without SQLite so that a foreign, damaged or newer
 * file is refused before SQLite could create a -wal/-shm beside it or write. */
static gboolean
check_header (const char  *path,
              guint        current_version,
              gboolean    *out_created,
              GError     **error)
{
  guint8 header[100];
  gssize n;
  int fd;

  *out_created = FALSE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          g_autofree char *dir = g_path_get_dirname (path);

          if (g_mkdir_with_parents (dir, 0700) != 0)
            saved_errno = errno;
          else
            {
              /* Client data: readable by the user only. SQLite gives -wal and
               * -shm the database file's mode. */
              fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
              if (fd >= 0)
                {
                  close (fd);
                  *out_created = TRUE;
                  return TRUE;
                }
              saved_errno = errno;
            }
        }

      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CANNOT_OPEN,
                   _("The database could not be opened: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  do
    n = read (fd, header, sizeof header);
  while (n < 0 && errno == EINTR);
  close (fd);

  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_IO,
                   _("The database could not be read: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* An empty file is a new database. */
  if (n == 0)
    return TRUE;

  if (n < (gssize) sizeof header || !header_is_valid (header))
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT,
                           _("The database is damaged or is not a Liaison database. "
                             "It was left untouched."));
      return FALSE;
    }

  {
    guint32 user_version = ((guint32) header[60] << 24) | ((guint32) header[61] << 16)
                           | ((guint32) header[62] << 8) | (guint32) header[63];

    if (user_version > current_version)
      {
        g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_TOO_NEW,
                     _("This database was written by a newer version of Liaison "
                       "(schema %u; this version understands %u). Update Liaison to open it."),
                     user_version, current_version);
        return FALSE;
      }
  }

  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return _liaison_store_set_error (error, db, rc);

  return TRUE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _liaison_store_set_error (error, db, rc);

  return TRUE;
}

static char *
backup_path_for (const char *path,
                 guint       version)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");
  char *candidate = g_strdup_printf ("%s.v%u-%s.bak", path, version, stamp);

  for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.v%u-%s-%u.bak", path, version, stamp, i);
    }

  return candidate;
}

static gboolean
take_backup (sqlite3     *db,
             const char  *path,
             guint        version,
             char       **out_backup_path,
             GError     **error)
{
  g_autofree char *backup = backup_path_for (path, version);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) local_error = _liaison_store_error_new (db, rc);

      g_unlink (backup);
      g_set_error (error, LIAISON_STORE_ERROR,
                   local_error->domain == LIAISON_STORE_ERROR ? local_error->code
                                                              : LIAISON_STORE_ERROR_FAILED,
                   _("Could not back up the database before upgrading it, so it was not "
                     "upgraded: %s"), local_error->message);
      return FALSE;
    }

  g_chmod (backup, 0600);
  g_message ("Backed up the database (schema %u) before upgrading it", version);

  *out_backup_path = g_steal_pointer (&backup);
  return TRUE;
}

static gboolean
run_migration (sqlite3     *db,
               guint        from_version,
               const char  *script,
               const char  *backup_path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *set_version = NULL;
  sqlite3_stmt *check = NULL;
  int rc;

  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %u", from_version + 1);

  if (!exec (db, script, &local_error) || !exec (db, set_version, &local_error))
    goto failed;

  /* Foreign keys are off while migrating (table rebuilds need that), so
   * check them before committing. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &check, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (check);
  sqlite3_finalize (check);
  if (rc == SQLITE_ROW)
    {
      g_set_error_literal (&local_error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED,
                           "foreign key check failed");
      goto failed;
    }
  else if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (&local_error, db, rc);
      goto failed;
    }

  if (!exec (db, "COMMIT", &local_error))
    goto failed;

  if (from_version == 0)
    g_debug ("Created the database schema %u", from_version + 1);
  else
    g_message ("Upgraded the database from schema %u to %u", from_version, from_version + 1);
  return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  if (g_error_matches (local_error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_LOCKED) ||
      g_error_matches (local_error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_IO))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (backup_path != NULL)
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_MIGRATION,
                 _("Could not upgrade the database from schema %u to %u (%s). It was left "
                   "as it was; a backup is at %s."),
                 from_version, from_version + 1, local_error->message, backup_path);
  else
    g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_MIGRATION,
                 _("Could not create the database schema %u (%s)."),
                 from_version + 1, local_error->message);

  return FALSE;
}

/* Removes a -wal/-shm pair that our failed open left behind, but only if they
 * did not exist before and hold nothing. */
static void
remove_side_files (const char *path,
                   gboolean    had_wal,
                   gboolean    had_shm)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GStatBuf st;

  if (!had_wal && g_stat (wal, &st) == 0 && st.st_size == 0)
    {
      g_unlink (wal);
      if (!had_shm)
        g_unlink (shm);
    }
  else if (!had_wal && !had_shm && g_stat (wal, &st) != 0)
    {
      g_unlink (shm);
    }
}

sqlite3 *
_liaison_store_schema_open (const char  *path,
                            guint        busy_timeout_ms,
                            GPtrArray   *extra_migrations,
                            char       **out_backup_path,
                            GError     **error)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm_path = g_strconcat (path, "-shm", NULL);
  g_autofree char *backup_path = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  gboolean had_wal, had_shm;
  gboolean created = FALSE;
  sqlite3 *db = NULL;
  gint64 version = 0;
  gint64 n_objects = 0;
  gint64 app_id = 0;
  guint current;
  int rc;

  g_assert (out_backup_path != NULL);
  *out_backup_path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    g_ptr_array_add (steps, (gpointer) migrations[i]);
  if (extra_migrations != NULL)
    for (guint i = 0; i < extra_migrations->len; i++)
      g_ptr_array_add (steps, g_ptr_array_index (extra_migrations, i));
  current = steps->len;

  had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);
  had_shm = g_file_test (shm_path, G_FILE_TEST_EXISTS);

  if (!check_header (path, current, &created, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (error, db, rc);
      goto failed;
    }

  /* SQLite falls back to read-only when the file is write-protected; we would
   * only find out at the first write. */
  if (sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CANNOT_OPEN,
                           _("The database could not be opened: it is read-only. Check the "
                             "permissions of the file and its folder."));
      goto failed;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, (int) MIN (busy_timeout_ms, (guint) G_MAXINT));
  /* No writable_schema or other footguns on our own connection. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

  /* Reads only, until we know the file is ours and not too new. Counting the
   * schema makes SQLite parse it, which finds a damaged first page. */
  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master", &n_objects, error) ||
      !query_int (db, "PRAGMA application_id", &app_id, error))
    goto failed;

  if (version > current)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Liaison "
                     "(schema %u; this version understands %u). Update Liaison to open it."),
                   (guint) version, current);
      goto failed;
    }

  if ((app_id != 0 && app_id != LIAISON_APPLICATION_ID) ||
      (version == 0 && n_objects > 0) ||
      version < 0)
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT,
                           _("The database is damaged or is not a Liaison database. "
                             "It was left untouched."));
      goto failed;
    }

  if (version < current && version > 0 &&
      !take_backup (db, path, (guint) version, &backup_path, error))
    goto failed;

  {
    g_autofree char *mode = NULL;
    sqlite3_stmt *stmt = NULL;

    rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        rc = SQLITE_OK;
      }
    sqlite3_finalize (stmt);

    if (rc != SQLITE_OK)
      {
        _liaison_store_set_error (error, db, rc);
        goto failed;
      }
    if (g_strcmp0 (mode, "wal") != 0)
      g_warning ("The database is not in WAL mode (%s); writes will block readers", mode);
  }

  if (!exec (db, "PRAGMA synchronous = NORMAL", error) ||
      !exec (db, "PRAGMA foreign_keys = OFF", error))
    goto failed;

  for (guint v = (guint) version; v < current; v++)
    {
      if (!run_migration (db, v, g_ptr_array_index (steps, v), backup_path, error))
        goto failed;
    }

  if (!exec (db, "PRAGMA foreign_keys = ON", error))
    goto failed;

  *out_backup_path = g_steal_pointer (&backup_path);
  return db;

failed:
  if (db != NULL)
    sqlite3_close (db);
  remove_side_files (path, had_wal, had_shm);
  if (created && !g_file_test (wal_path, G_FILE_TEST_EXISTS))
    {
      GStatBuf st;

      /* We created an empty file and could not use it: leave nothing behind. */
      if (g_stat (path, &st) == 0 && st.st_size == 0)
        g_unlink (path);
    }

  return NULL;
}
