-- A Liaison database at schema version 4 with rows in every main table;
-- made with `test-store --make-fixture PATH` then `sqlite3 PATH .dump`.
-- Words the test searches for: fixtureword (a message, a transcript sentence, two contacts).
PRAGMA application_id = 1279869262;
PRAGMA user_version = 4;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE contacts (
  id             INTEGER PRIMARY KEY,
  display_name   TEXT NOT NULL DEFAULT '',
  first_name     TEXT,
  last_name      TEXT,
  company        TEXT,
  email          TEXT,
  kind           TEXT NOT NULL DEFAULT 'lead'
                 CHECK (kind IN ('lead', 'prospect', 'client', 'referral-partner')),
  pipeline_stage TEXT,
  owner          TEXT,
  notes          TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
, legal_hold INTEGER NOT NULL DEFAULT 0
  CHECK (legal_hold IN (0, 1)));
INSERT INTO contacts VALUES(1,'Ada Fixtureword','Ada','Fixtureword','Analytical Engines','ada@example.com','client','onboarding','advisor-1','Prefers texts in the morning.',1795551898768735,1795551898768735,0);
INSERT INTO contacts VALUES(2,'Bob Example',NULL,NULL,'Example Holdings',NULL,'lead',NULL,NULL,'Met at the fixtureword seminar.',1795551898769276,1795551898769276,0);
INSERT INTO contacts VALUES(3,'Carol','Carol',NULL,NULL,NULL,'referral-partner',NULL,NULL,NULL,1795551898769487,1795551898769487,0);
CREATE TABLE contact_phones (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  e164       TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*' AND length (e164) <= 16),
  label      TEXT,
  line_type  TEXT,
  is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  is_bad     INTEGER NOT NULL DEFAULT 0 CHECK (is_bad IN (0, 1)),
  bad_reason TEXT,
  bad_since  INTEGER,
  UNIQUE (contact_id, e164)
);
INSERT INTO contact_phones VALUES(1,1,'+15550100001',NULL,NULL,1,0,NULL,NULL);
INSERT INTO contact_phones VALUES(2,2,'+15550100002',NULL,NULL,1,0,NULL,NULL);
INSERT INTO contact_phones VALUES(3,2,'+15550100003',NULL,NULL,0,0,NULL,NULL);
CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  tag        TEXT NOT NULL,
  PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
INSERT INTO contact_tags VALUES(1,'client');
INSERT INTO contact_tags VALUES(1,'vip');
CREATE TABLE twilio_numbers (
  id                  INTEGER PRIMARY KEY,
  sid                 TEXT NOT NULL UNIQUE,
  e164                TEXT NOT NULL UNIQUE,
  friendly_name       TEXT,
  sms_capable         INTEGER NOT NULL DEFAULT 0 CHECK (sms_capable IN (0, 1)),
  mms_capable         INTEGER NOT NULL DEFAULT 0 CHECK (mms_capable IN (0, 1)),
  voice_capable       INTEGER NOT NULL DEFAULT 0 CHECK (voice_capable IN (0, 1)),
  sms_url             TEXT,
  voice_url           TEXT,
  status_callback_url TEXT,
  messages_per_second REAL NOT NULL DEFAULT 1,
  owner               TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
INSERT INTO twilio_numbers VALUES(1,'PN0000000000000000000000000000f001','+15550100000','Main line',1,1,1,'https://relay.example.com/sms','https://relay.example.com/voice','https://relay.example.com/status',1.0,'advisor-1',1767225600000000,1767225600000000);
CREATE TABLE threads (
  id              INTEGER PRIMARY KEY,
  our_number      TEXT NOT NULL,
  remote_number   TEXT NOT NULL,
  contact_id      INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  last_message_id INTEGER,
  last_time       INTEGER NOT NULL,
  unread_count    INTEGER NOT NULL DEFAULT 0,
  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at      INTEGER NOT NULL,
  UNIQUE (our_number, remote_number)
);
INSERT INTO threads VALUES(1,'+15550100000','+15550100001',1,3,1767225600000003,2,0,1795551898769655);
INSERT INTO threads VALUES(2,'+15550100000','+15550100002',2,5,1767225600000005,1,0,1795551898770312);
INSERT INTO threads VALUES(3,'+15550100000','+15550100009',NULL,6,1767225600000006,1,0,1795551898771586);
CREATE TABLE messages (
  id            INTEGER PRIMARY KEY,
  sid           TEXT UNIQUE,
  thread_id     INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  direction     TEXT NOT NULL
                CHECK (direction IN ('inbound', 'outbound-api', 'outbound-call', 'outbound-reply')),
  from_number   TEXT NOT NULL,
  to_number     TEXT NOT NULL,
  body          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL,
  error_code    INTEGER,
  error_message TEXT,
  num_segments  INTEGER NOT NULL DEFAULT 1,
  num_media     INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  sent_at       INTEGER,
  updated_at    INTEGER NOT NULL,
  is_read       INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1))
, scheduled_at INTEGER);
INSERT INTO messages VALUES(1,NULL,1,'inbound','+15550100001','+15550100000','Hi, can we talk about my IRA?','received',NULL,NULL,1,0,1767225600000001,NULL,1795551898769655,0,NULL);
INSERT INTO messages VALUES(2,NULL,1,'outbound-api','+15550100000','+15550100001','Of course. Does Friday at 10 work?','queued',NULL,NULL,1,0,1767225600000002,NULL,1795551898770006,0,NULL);
INSERT INTO messages VALUES(3,NULL,1,'inbound','+15550100001','+15550100000','Friday works. The fixtureword forms are signed.','received',NULL,NULL,1,0,1767225600000003,NULL,1795551898770150,0,NULL);
INSERT INTO messages VALUES(4,NULL,2,'inbound','+15550100002','+15550100000','STOP','received',NULL,NULL,1,0,1767225600000004,NULL,1795551898770312,0,NULL);
INSERT INTO messages VALUES(5,NULL,2,'outbound-reply','+15550100000','+15550100002','You have been unsubscribed. Reply START to resubscribe.','queued',NULL,NULL,1,0,1767225600000005,NULL,1795551898770813,0,NULL);
INSERT INTO messages VALUES(6,NULL,3,'inbound','+15550100009','+15550100000','Who is this? 🙂','received',NULL,NULL,1,0,1767225600000006,NULL,1795551898771586,0,NULL);
CREATE TABLE message_media (
  id           INTEGER PRIMARY KEY,
  message_id   INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  sid          TEXT UNIQUE,
  content_type TEXT NOT NULL,
  url          TEXT,
  local_path   TEXT,
  size_bytes   INTEGER,
  created_at   INTEGER NOT NULL
);
INSERT INTO message_media VALUES(1,3,'ME0000000000000000000000000000f001','image/jpeg','https://api.twilio.com/media/ME1',NULL,12345,1767225600000003);
CREATE TABLE calls (
  id          INTEGER PRIMARY KEY,
  sid         TEXT NOT NULL UNIQUE,
  parent_sid  TEXT,
  thread_id   INTEGER REFERENCES threads (id) ON DELETE SET NULL,
  contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  direction   TEXT NOT NULL,
  from_number TEXT NOT NULL,
  to_number   TEXT NOT NULL,
  status      TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at    INTEGER,
  duration_s  INTEGER,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
, our_number TEXT, remote_number TEXT, answered_by TEXT, dial_status TEXT, error_code INTEGER, error_message TEXT, price TEXT, price_unit TEXT, is_missed INTEGER NOT NULL DEFAULT 0 CHECK (is_missed IN (0, 1)), legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)), is_leg INTEGER NOT NULL DEFAULT 0 CHECK (is_leg IN (0, 1)));
INSERT INTO calls VALUES(1,'CA0000000000000000000000000000f001',NULL,1,NULL,'outbound-api','+15550100000','+15550100001','completed',1767225660000000,NULL,NULL,60,1767225660000000,1767225660000000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,0,0);
INSERT INTO calls VALUES(2,'CA0000000000000000000000000000f002',NULL,NULL,NULL,'inbound','+15550100002','+15550100000','no-answer',1767225800000000,NULL,NULL,0,1767225800000000,1767225800000000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,0,0);
CREATE TABLE recordings (
  id           INTEGER PRIMARY KEY,
  sid          TEXT NOT NULL UNIQUE,
  call_sid     TEXT NOT NULL,
  duration_s   INTEGER,
  channels     INTEGER NOT NULL DEFAULT 1,
  status       TEXT NOT NULL,
  source       TEXT,
  local_path   TEXT,
  size_bytes   INTEGER,
  retain_until INTEGER,
  legal_hold   INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
, media_url TEXT, error_code INTEGER, deleted_at INTEGER);
INSERT INTO recordings VALUES(1,'RE0000000000000000000000000000f001','CA0000000000000000000000000000f001',60,2,'completed',NULL,NULL,NULL,NULL,0,1767225660000000,1767225660000000,NULL,NULL,NULL);
INSERT INTO recordings VALUES(2,'RE0000000000000000000000000000f002','CA0000000000000000000000000000f002',12,1,'completed','voicemail',NULL,48000,1956528000000000,1,1767225800000000,1767225800000000,NULL,NULL,NULL);
CREATE TABLE transcripts (
  id           INTEGER PRIMARY KEY,
  sid          TEXT UNIQUE,
  recording_id INTEGER REFERENCES recordings (id) ON DELETE SET NULL,
  call_sid     TEXT,
  source       TEXT NOT NULL CHECK (source IN ('twilio', 'local')),
  language     TEXT,
  status       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
, engine TEXT);
INSERT INTO transcripts VALUES(1,NULL,1,'CA0000000000000000000000000000f001','local','en-US','completed',1767225660000000,1767225660000000,NULL);
CREATE TABLE transcript_sentences (
  id            INTEGER PRIMARY KEY,
  transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  channel       INTEGER,
  speaker       TEXT,
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL,
  text          TEXT NOT NULL,
  confidence    REAL,
  UNIQUE (transcript_id, idx)
);
INSERT INTO transcript_sentences VALUES(1,1,0,0,'advisor',0,4000,'Hello, this is your advisor calling about the fixtureword rollover.',0.9000000000000000222);
INSERT INTO transcript_sentences VALUES(2,1,1,1,'client',5000,9000,'Thanks, I got the forms.',0.9000000000000000222);
INSERT INTO transcript_sentences VALUES(3,1,2,0,'advisor',10000,14000,'Great, let us review them on Friday.',0.9000000000000000222);
CREATE TABLE summaries (
  id            INTEGER PRIMARY KEY,
  call_sid      TEXT,
  transcript_id INTEGER REFERENCES transcripts (id) ON DELETE CASCADE,
  source        TEXT,
  summary       TEXT NOT NULL,
  action_items  TEXT,
  created_at    INTEGER NOT NULL
, highlights TEXT, compliance_flags TEXT, extra TEXT, updated_at INTEGER);
INSERT INTO summaries VALUES(1,'CA0000000000000000000000000000f001',1,'local','Client will sign forms.','["Send forms", "Book Friday"]',1767225700000000,NULL,NULL,NULL,NULL);
CREATE TABLE voicemails (
  id            INTEGER PRIMARY KEY,
  call_sid      TEXT NOT NULL UNIQUE,
  recording_id  INTEGER REFERENCES recordings (id) ON DELETE SET NULL,
  transcript_id INTEGER REFERENCES transcripts (id) ON DELETE SET NULL,
  contact_id    INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  from_number   TEXT NOT NULL,
  to_number     TEXT NOT NULL,
  duration_s    INTEGER,
  is_heard      INTEGER NOT NULL DEFAULT 0 CHECK (is_heard IN (0, 1)),
  created_at    INTEGER NOT NULL
, handled_at INTEGER);
INSERT INTO voicemails VALUES(1,'CA0000000000000000000000000000f002',2,NULL,2,'+15550100002','+15550100000',12,0,1767225800000000,NULL);
CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  body       TEXT NOT NULL,
  category   TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO templates VALUES(1,'Welcome','Hi {first_name}, welcome aboard!','onboarding',1,1);
INSERT INTO templates VALUES(2,'Review','Time for your annual review, {first_name}.','service',1,1);
CREATE TABLE sequences (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  trigger_stage TEXT,
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
INSERT INTO sequences VALUES(1,'New client','onboarding',1,1,1);
CREATE TABLE sequence_steps (
  id          INTEGER PRIMARY KEY,
  sequence_id INTEGER NOT NULL REFERENCES sequences (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  delay_s     INTEGER NOT NULL DEFAULT 0,
  template_id INTEGER REFERENCES templates (id) ON DELETE RESTRICT,
  body        TEXT,
  UNIQUE (sequence_id, position)
);
INSERT INTO sequence_steps VALUES(1,1,0,0,1,NULL);
INSERT INTO sequence_steps VALUES(2,1,1,86400,2,NULL);
CREATE TABLE sequence_enrollments (
  id          INTEGER PRIMARY KEY,
  sequence_id INTEGER NOT NULL REFERENCES sequences (id) ON DELETE CASCADE,
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  next_step   INTEGER NOT NULL DEFAULT 0,
  state       TEXT NOT NULL DEFAULT 'active'
              CHECK (state IN ('active', 'paused', 'completed', 'stopped')),
  next_run_at INTEGER,
  enrolled_at INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL, stop_reason TEXT, stop_detail TEXT,
  UNIQUE (sequence_id, contact_id)
);
INSERT INTO sequence_enrollments VALUES(1,1,1,1,'active',1767312000000000,1767225600000000,1767225600000000,NULL,NULL);
CREATE TABLE consent_events (
  id          INTEGER PRIMARY KEY,
  e164        TEXT NOT NULL,
  contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  event       TEXT NOT NULL CHECK (event IN ('opt-in', 'opt-out', 'help')),
  source      TEXT NOT NULL,
  channel     TEXT,
  message_sid TEXT,
  note        TEXT,
  created_at  INTEGER NOT NULL
, our_number TEXT);
INSERT INTO consent_events VALUES(1,'+15550100002',2,'opt-out','keyword','sms',NULL,'STOP',1767225600000004,NULL);
INSERT INTO consent_events VALUES(2,'+15550100001',1,'opt-in','manual','web',NULL,'Signed form',1767225600000000,NULL);
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  from_number     TEXT NOT NULL,
  to_number       TEXT NOT NULL,
  body            TEXT NOT NULL,
  media_urls      TEXT,
  scheduled_at    INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  message_sid     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
, message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL, contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL, source TEXT NOT NULL DEFAULT 'composer', gate_note TEXT);
INSERT INTO outbox VALUES(1,'8d3c1d8e-0000-4000-8000-000000000001','+15550100000','+15550100001','Reminder: Friday at 10',NULL,1767600000000000,'pending',0,NULL,NULL,1,1,NULL,NULL,'composer',NULL);
CREATE TABLE relay_cursor (
  relay_url  TEXT PRIMARY KEY,
  cursor     TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO relay_cursor VALUES('https://relay.example.com','evt_000042',1767225600000000);
CREATE TABLE journal (
  id        INTEGER PRIMARY KEY,
  time      INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT,
  detail    TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
);
INSERT INTO journal VALUES(1,1795551898773176,'test','contact.add','contact:1','{"source": "fixture"}','0000000000000000000000000000000000000000000000000000000000000000','478a4d5846f81eb9089be453cdbfacbb799d9767ab0484ef32b56b5e16837e9f');
INSERT INTO journal VALUES(2,1795551898777567,'test','message.send','message:2',NULL,'478a4d5846f81eb9089be453cdbfacbb799d9767ab0484ef32b56b5e16837e9f','8f3f151fea9382047d682a31a8bb5e82e6e99a04c053efed854977a157e83caa');
INSERT INTO journal VALUES(3,1795551898777681,'test','consent.opt-out','consent:1','{"keyword": "STOP"}','8f3f151fea9382047d682a31a8bb5e82e6e99a04c053efed854977a157e83caa','06ff7a3e0023a366c9318075626fc1d33d7195f386fe9d2d0cd6a0c5d87a819d');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','messages_fts','messages_fts',0,'CREATE VIRTUAL TABLE messages_fts USING fts5 (
  body, content = ''messages'', content_rowid = ''id'',
  tokenize = ''unicode61 remove_diacritics 2'', prefix = ''2 3''
)');
CREATE TABLE IF NOT EXISTS 'messages_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO messages_fts_data VALUES(1,X'0622');
INSERT INTO messages_fts_data VALUES(10,X'000000000106060006010101020101030101040101050101060101');
INSERT INTO messages_fts_data VALUES(137438953473,X'0000008f063061626f7574010206010363616e01020301026869010202010369726101020801026d79010207010474616c6b01020501027765010204000331616201020601026361010203010268690102020102697201020801026d79010207010274610102050102776501020400043261626f010206010363616e0102030103697261010208010374616c010205040a08070807090708070707070707090808');
INSERT INTO messages_fts_data VALUES(274877906945,X'0000009403303130020207010261740202060106636f757273650202030104646f6573020204010666726964617902020501026f660202020104776f726b0202080003313130020207010261740202060102636f0202030102646f0202040102667202020501026f660202020102776f020208000432636f750202030103646f6502020401036672690202050103776f720202080407070b090b070908070707070707090808');
INSERT INTO messages_fts_data VALUES(412316860417,X'000000b30430617265030207010b66697874757265776f726403020502046f726d730302060205726964617903020201067369676e656403020801037468650302040105776f726b7303020300033161720302070102666903020502016f03020602017203020201027369030208010274680302040102776f030203000432617265030207010366697803020502026f7203020602027269030202010373696703020801037468650302040103776f72030203040810090a0b080a08070606070707090807070808');
INSERT INTO messages_fts_data VALUES(549755813889,X'0000001e053073746f70040202000331737404020200043273746f040202040908');
INSERT INTO messages_fts_data VALUES(687194767361,X'000000c205306265656e05020401046861766505020301057265706c790502060309737562736372696265050209010573746172740502070102746f050208010c756e737562736372696265640502050103796f750502020003316265050204010268610502030102726505040605010273740502070102746f0502080102756e0502050102796f0502020004326265650502040103686176050203010372657005020603017305020901037374610502070103756e730502050103796f750502020409090a0e0a07110808070807070707090808060808');
INSERT INTO messages_fts_data VALUES(824633720833,X'0000004c03306973060203010474686973060204010377686f0602020104f09f998206020500033169730602030102746806020401027768060202000432746869060204010377686f060202040709080908070709');
CREATE TABLE IF NOT EXISTS 'messages_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO messages_fts_idx VALUES(1,X'',2);
INSERT INTO messages_fts_idx VALUES(2,X'',2);
INSERT INTO messages_fts_idx VALUES(3,X'',2);
INSERT INTO messages_fts_idx VALUES(4,X'',2);
INSERT INTO messages_fts_idx VALUES(5,X'',2);
INSERT INTO messages_fts_idx VALUES(6,X'',2);
CREATE TABLE IF NOT EXISTS 'messages_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO messages_fts_docsize VALUES(1,X'07');
INSERT INTO messages_fts_docsize VALUES(2,X'07');
INSERT INTO messages_fts_docsize VALUES(3,X'07');
INSERT INTO messages_fts_docsize VALUES(4,X'01');
INSERT INTO messages_fts_docsize VALUES(5,X'08');
INSERT INTO messages_fts_docsize VALUES(6,X'04');
CREATE TABLE IF NOT EXISTS 'messages_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO messages_fts_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','sentences_fts','sentences_fts',0,'CREATE VIRTUAL TABLE sentences_fts USING fts5 (
  text, content = ''transcript_sentences'', content_rowid = ''id'',
  tokenize = ''unicode61 remove_diacritics 2'', prefix = ''2 3''
)');
CREATE TABLE IF NOT EXISTS 'sentences_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO sentences_fts_data VALUES(1,X'0316');
INSERT INTO sentences_fts_data VALUES(10,X'000000000103030003010101020101030101');
INSERT INTO sentences_fts_data VALUES(137438953473,X'000000f1063061626f75740102080206647669736f72010206010763616c6c696e67010207010b66697874757265776f726401020a010568656c6c6f010202010269730102040108726f6c6c6f76657201020b0103746865010209030269730102030104796f75720102050003316162010208020164010206010263610102070102666901020a01026865010202010269730102040102726f01020b01027468010403080102796f01020500043261626f01020802026476010206010363616c010207010366697801020a010368656c0102020103726f6c01020b01037468650102090301690102030103796f75010205040a0b0c100a070d0807090806070707070708070907080808080806');
INSERT INTO sentences_fts_data VALUES(274877906945,X'000000630630666f726d730202060103676f7402020401016902020301067468616e6b73020202030165020205000331666f0202060102676f0202040102746802040205000432666f720202060103676f740202040103746861020202030165020205040a08060b06080708090808');
INSERT INTO sentences_fts_data VALUES(412316860417,X'0000009e07306672696461790302080105677265617403020201036c657403020301026f6e030207010672657669657703020501047468656d0302060102757303020400033166720302080102677203020201026c6503020301026f6e030207010272650302050102746803020601027573030204000432667269030208010367726503020201036c657403020301037265760302050103746865030206040b0a08070b09070807070707070709080808');
CREATE TABLE IF NOT EXISTS 'sentences_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO sentences_fts_idx VALUES(1,X'',2);
INSERT INTO sentences_fts_idx VALUES(2,X'',2);
INSERT INTO sentences_fts_idx VALUES(3,X'',2);
CREATE TABLE IF NOT EXISTS 'sentences_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO sentences_fts_docsize VALUES(1,X'0a');
INSERT INTO sentences_fts_docsize VALUES(2,X'05');
INSERT INTO sentences_fts_docsize VALUES(3,X'07');
CREATE TABLE IF NOT EXISTS 'sentences_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO sentences_fts_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','contacts_fts','contacts_fts',0,'CREATE VIRTUAL TABLE contacts_fts USING fts5 (
  display_name, company, notes, content = ''contacts'', content_rowid = ''id'',
  tokenize = ''unicode61 remove_diacritics 2'', prefix = ''2 3''
)');
CREATE TABLE IF NOT EXISTS 'contacts_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO contacts_fts_data VALUES(1,X'0305040a');
INSERT INTO contacts_fts_data VALUES(10,X'000000000103030003010101020101030101');
INSERT INTO contacts_fts_data VALUES(137438953473,X'0000010b043061646101020202096e616c79746963616c01060101020107656e67696e65730106010103010b66697874757265776f72640102030102696e010601020401076d6f726e696e6701060102060107707265666572730106010202010574657874730106010203020268650106010205000331616401020202016e01060101020102656e0106010103010266690102030102696e010601020401026d6f0106010206010270720106010202010274650106010203020168010601020500043261646101020202026e6101060101020103656e670106010103010366697801020301036d6f72010601020601037072650106010202010374657801060102030202686501060102050408100e10090e0e0c0908080907090909090809090a080a0a0a');
INSERT INTO contacts_fts_data VALUES(274877906945,X'000000f50330617402060102030103626f6202020201076578616d706c65020803010102010b66697874757265776f726402060102050108686f6c64696e6773020601010301036d65740206010202010773656d696e6172020601020601037468650206010204000331617402060102030102626f020202010265780208030101020102666902060102050102686f020601010301026d650206010202010273650206010206010274680206010204000432626f620202020103657861020803010102010366697802060102050103686f6c020601010301036d65740206010202010373656d0206010206010374686502060102040409080f120f0a0e0a0a070a0909090909090b0a0a0a0a');
INSERT INTO contacts_fts_data VALUES(412316860417,X'0000001f06306361726f6c0302020003316361030202000432636172030202040a08');
CREATE TABLE IF NOT EXISTS 'contacts_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO contacts_fts_idx VALUES(1,X'',2);
INSERT INTO contacts_fts_idx VALUES(2,X'',2);
INSERT INTO contacts_fts_idx VALUES(3,X'',2);
CREATE TABLE IF NOT EXISTS 'contacts_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO contacts_fts_docsize VALUES(1,X'020205');
INSERT INTO contacts_fts_docsize VALUES(2,X'020205');
INSERT INTO contacts_fts_docsize VALUES(3,X'010000');
CREATE TABLE IF NOT EXISTS 'contacts_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO contacts_fts_config VALUES('version',4);
CREATE TABLE consent_state (
  e164       TEXT PRIMARY KEY,
  state      TEXT NOT NULL CHECK (state IN ('opted-in', 'opted-out')),
  event_id   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO consent_state VALUES('+15550100001','opted-in',2,1767225600000000);
INSERT INTO consent_state VALUES('+15550100002','opted-out',1,1767225600000004);
CREATE TABLE message_status_early (
  sid           TEXT NOT NULL,
  status        TEXT NOT NULL,
  error_code    INTEGER,
  error_message TEXT,
  date_sent     INTEGER,
  received_at   INTEGER NOT NULL,
  PRIMARY KEY (sid, status)
) WITHOUT ROWID;
CREATE TABLE store_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX contacts_by_name ON contacts (display_name COLLATE NOCASE, id);
CREATE INDEX contacts_by_stage ON contacts (pipeline_stage, updated_at);
CREATE INDEX contact_phones_by_e164 ON contact_phones (e164, is_primary DESC, id);
CREATE INDEX contact_phones_by_contact ON contact_phones (contact_id, is_primary DESC, id);
CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);
CREATE INDEX threads_by_time ON threads (last_time, id);
CREATE INDEX threads_by_remote ON threads (remote_number);
CREATE INDEX threads_by_contact ON threads (contact_id);
CREATE INDEX messages_by_thread ON messages (thread_id, created_at, id);
CREATE INDEX messages_unread ON messages (thread_id)
  WHERE direction = 'inbound' AND is_read = 0;
CREATE INDEX message_media_by_message ON message_media (message_id);
CREATE INDEX calls_by_time ON calls (started_at, id);
CREATE INDEX calls_by_thread ON calls (thread_id, started_at, id);
CREATE INDEX calls_by_contact ON calls (contact_id);
CREATE INDEX calls_by_parent ON calls (parent_sid);
CREATE INDEX recordings_by_call ON recordings (call_sid);
CREATE INDEX recordings_by_retention ON recordings (retain_until) WHERE legal_hold = 0;
CREATE INDEX transcripts_by_recording ON transcripts (recording_id);
CREATE INDEX transcripts_by_call ON transcripts (call_sid);
CREATE INDEX summaries_by_transcript ON summaries (transcript_id);
CREATE INDEX summaries_by_call ON summaries (call_sid);
CREATE INDEX voicemails_by_time ON voicemails (created_at, id);
CREATE INDEX voicemails_by_recording ON voicemails (recording_id);
CREATE INDEX voicemails_by_transcript ON voicemails (transcript_id);
CREATE INDEX voicemails_by_contact ON voicemails (contact_id);
CREATE INDEX sequences_by_stage ON sequences (trigger_stage);
CREATE INDEX sequence_steps_by_template ON sequence_steps (template_id);
CREATE INDEX sequence_enrollments_due ON sequence_enrollments (state, next_run_at);
CREATE INDEX sequence_enrollments_by_contact ON sequence_enrollments (contact_id);
CREATE INDEX consent_events_by_number ON consent_events (e164, created_at, id);
CREATE INDEX consent_events_by_contact ON consent_events (contact_id);
CREATE INDEX outbox_due ON outbox (state, scheduled_at, id);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE (ABORT, 'the journal is append-only');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE (ABORT, 'the journal is append-only');
END;
CREATE TRIGGER messages_thread_insert AFTER INSERT ON messages
BEGIN
  UPDATE threads SET
    unread_count = unread_count + (NEW.direction = 'inbound' AND NEW.is_read = 0),
    last_message_id = CASE WHEN last_message_id IS NULL
                             OR (NEW.created_at, NEW.id) > (last_time, last_message_id)
                           THEN NEW.id ELSE last_message_id END,
    last_time = CASE WHEN last_message_id IS NULL
                       OR (NEW.created_at, NEW.id) > (last_time, last_message_id)
                     THEN NEW.created_at ELSE last_time END
  WHERE id = NEW.thread_id;
END;
CREATE TRIGGER messages_thread_read AFTER UPDATE OF is_read, direction ON messages
WHEN OLD.thread_id = NEW.thread_id AND OLD.created_at = NEW.created_at
  AND (OLD.direction = 'inbound' AND OLD.is_read = 0)
      <> (NEW.direction = 'inbound' AND NEW.is_read = 0)
BEGIN
  UPDATE threads SET unread_count = unread_count
      + (NEW.direction = 'inbound' AND NEW.is_read = 0)
      - (OLD.direction = 'inbound' AND OLD.is_read = 0)
  WHERE id = NEW.thread_id;
END;
CREATE TRIGGER messages_thread_move AFTER UPDATE OF thread_id, created_at ON messages
WHEN OLD.thread_id <> NEW.thread_id OR OLD.created_at <> NEW.created_at
BEGIN
  UPDATE threads SET
    last_message_id = (SELECT m.id FROM messages m WHERE m.thread_id = threads.id
                       ORDER BY m.created_at DESC, m.id DESC LIMIT 1),
    last_time = coalesce ((SELECT m.created_at FROM messages m WHERE m.thread_id = threads.id
                           ORDER BY m.created_at DESC, m.id DESC LIMIT 1), created_at),
    unread_count = (SELECT count (*) FROM messages m WHERE m.thread_id = threads.id
                    AND m.direction = 'inbound' AND m.is_read = 0)
  WHERE id IN (OLD.thread_id, NEW.thread_id);
END;
CREATE TRIGGER messages_thread_delete AFTER DELETE ON messages
BEGIN
  UPDATE threads SET
    unread_count = unread_count - (OLD.direction = 'inbound' AND OLD.is_read = 0),
    last_message_id = CASE WHEN last_message_id = OLD.id
                           THEN (SELECT m.id FROM messages m WHERE m.thread_id = OLD.thread_id
                                 ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
                           ELSE last_message_id END,
    last_time = CASE WHEN last_message_id = OLD.id
                     THEN coalesce ((SELECT m.created_at FROM messages m
                                     WHERE m.thread_id = OLD.thread_id
                                     ORDER BY m.created_at DESC, m.id DESC LIMIT 1),
                                    created_at)
                     ELSE last_time END
  WHERE id = OLD.thread_id;
END;
CREATE TRIGGER contact_phones_link AFTER INSERT ON contact_phones
BEGIN
  UPDATE threads SET contact_id = NEW.contact_id
  WHERE remote_number = NEW.e164 AND contact_id IS NULL;
END;
CREATE TRIGGER contact_phones_unlink AFTER DELETE ON contact_phones
BEGIN
  UPDATE threads SET contact_id = (SELECT p.contact_id FROM contact_phones p
                                   WHERE p.e164 = OLD.e164
                                   ORDER BY p.is_primary DESC, p.id LIMIT 1)
  WHERE remote_number = OLD.e164 AND contact_id = OLD.contact_id;
END;
CREATE TRIGGER contact_phones_relink AFTER UPDATE OF e164, contact_id ON contact_phones
BEGIN
  UPDATE threads SET contact_id = (SELECT p.contact_id FROM contact_phones p
                                   WHERE p.e164 = OLD.e164
                                   ORDER BY p.is_primary DESC, p.id LIMIT 1)
  WHERE remote_number = OLD.e164 AND contact_id = OLD.contact_id;
  UPDATE threads SET contact_id = NEW.contact_id
  WHERE remote_number = NEW.e164 AND contact_id IS NULL;
END;
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
BEGIN
  INSERT INTO messages_fts (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);
  INSERT INTO messages_fts (rowid, body) VALUES (NEW.id, NEW.body);
END;
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON transcript_sentences
BEGIN
  INSERT INTO sentences_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON transcript_sentences
BEGIN
  INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON transcript_sentences
BEGIN
  INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
  INSERT INTO sentences_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts
BEGIN
  INSERT INTO contacts_fts (rowid, display_name, company, notes)
  VALUES (NEW.id, NEW.display_name, NEW.company, NEW.notes);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts
BEGIN
  INSERT INTO contacts_fts (contacts_fts, rowid, display_name, company, notes)
  VALUES ('delete', OLD.id, OLD.display_name, OLD.company, OLD.notes);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, company, notes ON contacts
BEGIN
  INSERT INTO contacts_fts (contacts_fts, rowid, display_name, company, notes)
  VALUES ('delete', OLD.id, OLD.display_name, OLD.company, OLD.notes);
  INSERT INTO contacts_fts (rowid, display_name, company, notes)
  VALUES (NEW.id, NEW.display_name, NEW.company, NEW.notes);
END;
CREATE INDEX outbox_by_message ON outbox (message_id);
CREATE INDEX outbox_by_contact ON outbox (contact_id);
CREATE TRIGGER consent_events_state AFTER INSERT ON consent_events
WHEN NEW.event IN ('opt-in', 'opt-out')
BEGIN
  INSERT INTO consent_state (e164, state, event_id, updated_at)
  VALUES (NEW.e164, CASE NEW.event WHEN 'opt-in' THEN 'opted-in' ELSE 'opted-out' END,
          NEW.id, NEW.created_at)
  ON CONFLICT (e164) DO UPDATE SET state = excluded.state, event_id = excluded.event_id,
                                   updated_at = excluded.updated_at;
END;
CREATE TRIGGER consent_events_no_update
BEFORE UPDATE OF e164, event, source, channel, message_sid, note, created_at, our_number
ON consent_events
BEGIN
  SELECT RAISE (ABORT, 'the consent ledger is append-only');
END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
  SELECT RAISE (ABORT, 'the consent ledger is append-only');
END;
CREATE INDEX message_status_early_by_time ON message_status_early (received_at);
CREATE INDEX contacts_by_updated ON contacts (updated_at, id);
CREATE INDEX contacts_by_kind ON contacts (kind, display_name COLLATE NOCASE, id);
CREATE INDEX contacts_by_owner ON contacts (owner, display_name COLLATE NOCASE, id);
CREATE INDEX contacts_by_stage_name ON contacts (pipeline_stage, display_name COLLATE NOCASE, id);
CREATE INDEX contacts_by_kind_updated ON contacts (kind, updated_at, id);
CREATE INDEX contacts_by_owner_updated ON contacts (owner, updated_at, id);
CREATE INDEX contacts_by_email ON contacts (email COLLATE NOCASE);
CREATE INDEX voicemails_by_from ON voicemails (from_number, created_at);
CREATE INDEX calls_by_from ON calls (from_number, started_at);
CREATE INDEX calls_by_to ON calls (to_number, started_at);
CREATE INDEX calls_missed_by_time ON calls (started_at, id) WHERE is_missed = 1;
CREATE INDEX calls_inbound_by_time ON calls (started_at, id) WHERE direction = 'inbound';
CREATE INDEX calls_outbound_by_time ON calls (started_at, id) WHERE direction <> 'inbound';
CREATE INDEX calls_by_contact_time ON calls (contact_id, started_at, id);
CREATE INDEX calls_by_remote_time ON calls (remote_number, started_at, id);
CREATE INDEX calls_on_hold ON calls (contact_id) WHERE legal_hold = 1;
CREATE INDEX recordings_live_by_time ON recordings (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX voicemails_unhandled_by_time ON voicemails (created_at, id) WHERE handled_at IS NULL;
CREATE INDEX summaries_by_call_source ON summaries (call_sid, source, id);
CREATE INDEX sequence_enrollments_by_sequence ON sequence_enrollments (sequence_id, state);
CREATE TRIGGER contacts_stage_enroll AFTER UPDATE OF pipeline_stage ON contacts
WHEN NEW.pipeline_stage IS NOT NULL AND trim (NEW.pipeline_stage) <> ''
  AND lower (trim (NEW.pipeline_stage)) IS NOT lower (trim (OLD.pipeline_stage))
BEGIN
  INSERT INTO sequence_enrollments (sequence_id, contact_id, next_step, state, next_run_at,
                                    enrolled_at, updated_at)
  SELECT s.id, NEW.id, 0, 'active',
         CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)
           + (SELECT f.delay_s FROM sequence_steps f WHERE f.sequence_id = s.id
              ORDER BY f.position LIMIT 1) * 1000000,
         CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER),
         CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)
  FROM sequences s
  WHERE s.enabled = 1 AND s.trigger_stage IS NOT NULL
    AND lower (trim (s.trigger_stage)) = lower (trim (NEW.pipeline_stage))
    AND EXISTS (SELECT 1 FROM sequence_steps x WHERE x.sequence_id = s.id)
  ON CONFLICT (sequence_id, contact_id) DO UPDATE SET
    next_step = 0, state = 'active', stop_reason = NULL, stop_detail = NULL,
    next_run_at = excluded.next_run_at, enrolled_at = excluded.enrolled_at,
    updated_at = excluded.updated_at
  WHERE state <> 'active';
END;
CREATE TRIGGER messages_inbound_stop_sequences AFTER INSERT ON messages
WHEN NEW.direction = 'inbound'
BEGIN
  UPDATE sequence_enrollments SET state = 'stopped', stop_reason = 'replied',
    stop_detail = NULL, next_run_at = NULL,
    updated_at = CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)
  WHERE state = 'active' AND enrolled_at <= NEW.created_at
    AND contact_id = (SELECT t.contact_id FROM threads t WHERE t.id = NEW.thread_id);
END;
CREATE TRIGGER consent_events_stop_sequences AFTER INSERT ON consent_events
WHEN NEW.event = 'opt-out'
BEGIN
  UPDATE sequence_enrollments SET state = 'stopped', stop_reason = 'opted-out',
    stop_detail = NULL, next_run_at = NULL,
    updated_at = CAST ((julianday ('now') - 2440587.5) * 86400000000 AS INTEGER)
  WHERE (state = 'active' OR (state = 'stopped' AND stop_reason = 'replied'))
    AND (contact_id = NEW.contact_id
         OR contact_id IN (SELECT p.contact_id FROM contact_phones p WHERE p.e164 = NEW.e164));
END;
PRAGMA writable_schema=OFF;
COMMIT;
