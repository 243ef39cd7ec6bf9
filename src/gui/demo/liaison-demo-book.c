/* liaison-demo-book.c
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "liaison-call-summary.h"
#include "liaison-consent-ledger.h"
#include "liaison-demo-book.h"
#include "liaison-log.h"
#include "liaison-sequence.h"
#include "liaison-sms-segments.h"
#include "liaison-speech-timing.h"
#include "liaison-template.h"
#include "liaison-transcript-sentence.h"

/* The demo's book, seeded into a fresh store by one GTask: first the
 * recordings are created in liaison-sim (all at once; it answers before it
 * renders the audio, and a media request waits for the rendering), then the
 * store calls run one after another (contacts, consent, texts, delivery
 * failures, the opt-out, calls, recordings, transcripts, summaries,
 * voicemails, templates, the follow-up sequence and who is in it). The
 * store takes its calls in order on its worker thread, so each is started
 * when the previous one is done.
 *
 * Every text a person sees is marked NC_("demo", …) and translated when the
 * book is seeded (the sim speaks the translated words). Names, companies,
 * e-mail addresses and numbers are not translated. Numbers are 555-01XX
 * (reserved for fiction, valid for libphonenumber); their last digit follows
 * liaison-sim's Lookup convention: 0–3, 8, 9 mobile, 4–5 landline. */

#define DEMO(s) g_dpgettext2 (GETTEXT_PACKAGE, "demo", (s))

#define OWNER     LIAISON_DEMO_ADVISOR_NAME
#define ASSOCIATE "Sam Ortiz"

/* Contacts */

enum {
  TAG_RETIREMENT     = 1 << 0,
  TAG_RMD            = 1 << 1,
  TAG_ANNUAL_REVIEW  = 1 << 2,
  TAG_529            = 1 << 3,
  TAG_ROLLOVER       = 1 << 4,
  TAG_BUSINESS_OWNER = 1 << 5,
  TAG_ESTATE         = 1 << 6,
  TAG_INSURANCE      = 1 << 7,
  TAG_ONBOARDING     = 1 << 8,
  TAG_REFERRAL       = 1 << 9,
  TAG_WEBSITE        = 1 << 10,
  TAG_SEMINAR        = 1 << 11,
  TAG_TAX            = 1 << 12,
};

static const char * const tag_names[] = {
  NC_("demo", "retirement"),
  NC_("demo", "rmd"),
  NC_("demo", "annual-review"),
  NC_("demo", "529-plan"),
  NC_("demo", "rollover"),
  NC_("demo", "business-owner"),
  NC_("demo", "estate-planning"),
  NC_("demo", "insurance"),
  NC_("demo", "onboarding"),
  NC_("demo", "referral"),
  NC_("demo", "website"),
  NC_("demo", "seminar"),
  NC_("demo", "tax"),
};

#define STAGE_NEW        NC_("demo", "New Lead")
#define STAGE_CONTACTED  NC_("demo", "Contacted")
#define STAGE_DISCOVERY  NC_("demo", "Discovery Meeting")
#define STAGE_PROPOSAL   NC_("demo", "Proposal Sent")
#define STAGE_ONBOARDING NC_("demo", "Onboarding")
#define STAGE_ACTIVE     NC_("demo", "Active Client")
#define STAGE_REVIEW     NC_("demo", "Annual Review")

typedef struct {
  const char *name;
  const char *first;
  const char *last;
  const char *company;
  const char *email;
  const char *kind;
  const char *stage;      /* NC_ */
  guint       tags;
  const char *owner;
  const char *phone;
  const char *phone2;
  const char *notes;      /* NC_ */
} DemoContact;

enum {
  P_CHEN, P_OKAFOR, P_MARTINEZ, P_KOWALSKI, P_RAMAN, P_WHITFIELD, P_ONEILL, P_HOLLOWAY,
  P_BROOKS, P_NGUYEN, P_PARK, P_DELUCA, P_LEWIS, P_RIVERA, P_FISCHER, P_PATEL, P_MOORE,
  P_GOLDBERG, P_JOHNSON, P_SATO, P_MURPHY, P_BENNETT, P_CARTER,
  P_TAYLOR, P_WALSH, P_KIM, P_WRIGHT, P_ADAMS, P_COOPER, P_MITCHELL, P_LEE, P_HUGHES,
  P_WHITAKER, P_BRENNAN, P_HOWARD, P_ANDERSON,
  N_CONTACTS
};

static const DemoContact contacts[N_CONTACTS] = {
  [P_CHEN] = { "Margaret Chen", "Margaret", "Chen", NULL, "margaret.chen@example.com", "client", STAGE_REVIEW,
    TAG_RETIREMENT | TAG_RMD | TAG_ANNUAL_REVIEW, OWNER, "+16145550111", NULL,
    /* xgettext:no-c-format */
    NC_("demo", "Retired teacher (STRS Ohio pension). Takes her RMD in early December with 10% federal "
            "withholding. Prefers texts before 6 pm.") },
  [P_OKAFOR] = { "Robert Okafor", "Robert", "Okafor", "Columbus Regional Airport Authority",
    "rokafor@example.com", "client", STAGE_ACTIVE, TAG_RETIREMENT | TAG_ROLLOVER, OWNER, "+16145550122", NULL,
    NC_("demo", "Rolled his old Fidelity 401(k) into a rollover IRA this fall. Growth portfolio. Wife Grace "
            "may open an IRA.") },
  [P_MARTINEZ] = { "Linda Martinez", "Linda", "Martinez", NULL, "linda.martinez@example.com", "client",
    STAGE_REVIEW, TAG_529 | TAG_ANNUAL_REVIEW, OWNER, "+16145550133", NULL,
    NC_("demo", "New granddaughter: wants to open an Ohio CollegeAdvantage 529 account at the annual review.") },
  [P_KOWALSKI] = { "David Kowalski", "David", "Kowalski", "Kowalski Plumbing LLC", "dave@example.com", "client",
    STAGE_ACTIVE, TAG_BUSINESS_OWNER | TAG_RETIREMENT | TAG_TAX, OWNER, "+16145550148", NULL,
    NC_("demo", "Owner of a plumbing business. SEP IRA; coordinates contributions with his CPA, Karen "
            "Whitaker (authorization on file).") },
  [P_RAMAN] = { "Priya Raman", "Priya", "Raman", "Riverside Pediatrics", "praman@example.com", "client",
    STAGE_ONBOARDING, TAG_ONBOARDING | TAG_INSURANCE, OWNER, "+16145550152", NULL,
    NC_("demo", "Pediatrician. Disability insurance through Denise Howard; onboarding meeting by video.") },
  [P_WHITFIELD] = { "Thomas Whitfield", "Thomas", "Whitfield", NULL, "tom.whitfield@example.com", "client",
    STAGE_ACTIVE, TAG_ESTATE | TAG_RETIREMENT, OWNER, "+16145550163", NULL,
    NC_("demo", "Widower. Revocable trust being drafted by Michael Brennan; brokerage account to be retitled.") },
  [P_ONEILL] = { "Susan O'Neill", "Susan", "O'Neill", NULL, "susan.oneill@example.com", "client", STAGE_REVIEW,
    TAG_ANNUAL_REVIEW | TAG_RETIREMENT, ASSOCIATE, "+16145550171", NULL, NULL },
  [P_HOLLOWAY] = { "James Holloway", "James", "Holloway", NULL, "jholloway@example.com", "client", STAGE_ACTIVE,
    TAG_RMD | TAG_RETIREMENT, OWNER, "+16145550113", NULL, NULL },
  [P_BROOKS] = { "Angela Brooks", "Angela", "Brooks", NULL, "angela.brooks@example.com", "client", STAGE_ACTIVE,
    TAG_529, ASSOCIATE, "+13805550119", NULL, NULL },
  [P_NGUYEN] = { "Kevin Nguyen", "Kevin", "Nguyen", "Nationwide", "kevin.nguyen@example.com", "client",
    STAGE_ONBOARDING, TAG_ROLLOVER | TAG_ONBOARDING, OWNER, "+16145550183", NULL,
    NC_("demo", "New client: Roth IRA and a rollover IRA, assets transferring from Vanguard.") },
  [P_PARK] = { "Helen Park", "Helen", "Park", NULL, "helen.park@example.com", "client", STAGE_REVIEW,
    TAG_RETIREMENT | TAG_ANNUAL_REVIEW, OWNER, "+12395550128", NULL,
    NC_("demo", "Moved to Naples, Florida: no state income tax; review withholding. Reviews by video.") },
  [P_DELUCA] = { "Frank DeLuca", "Frank", "DeLuca", NULL, NULL, "client", STAGE_ACTIVE, TAG_RMD, OWNER,
    "+16145550104", NULL,
    NC_("demo", "Home landline only: call, do not text. Daughter Maria helps with paperwork.") },
  [P_LEWIS] = { "Barbara Lewis", "Barbara", "Lewis", NULL, "barbara.lewis@example.com", "client", STAGE_ACTIVE,
    TAG_ANNUAL_REVIEW, OWNER, "+16145550192", NULL, NULL },
  [P_RIVERA] = { "Carlos Rivera", "Carlos", "Rivera", "Rivera Landscaping", "carlos@example.com", "client",
    STAGE_ACTIVE, TAG_BUSINESS_OWNER, ASSOCIATE, "+16145550139", NULL, NULL },
  [P_FISCHER] = { "Nancy Fischer", "Nancy", "Fischer", NULL, "nancy.fischer@example.com", "client",
    STAGE_ACTIVE, TAG_RETIREMENT, OWNER, "+16145550158", NULL,
    NC_("demo", "Replied STOP to the newsletter text: e-mail or call only.") },
  [P_PATEL] = { "George Patel", "George", "Patel", NULL, "george.patel@example.com", "client", STAGE_ACTIVE,
    TAG_TAX | TAG_RETIREMENT, OWNER, "+15135550113", NULL, NULL },
  [P_MOORE] = { "Christine Moore", "Christine", "Moore", NULL, "cmoore@example.com", "client", STAGE_ONBOARDING,
    TAG_ONBOARDING | TAG_REFERRAL, ASSOCIATE, "+16145550198", NULL, NULL },

  [P_GOLDBERG] = { "Rachel Goldberg", "Rachel", "Goldberg", "Goldberg Family Dentistry (sold)",
    "rachel.goldberg@example.com", "prospect", STAGE_PROPOSAL, TAG_REFERRAL | TAG_RETIREMENT | TAG_TAX, OWNER,
    "+16145550178", NULL,
    NC_("demo", "Referred by Karen Whitaker, CPA. Sold her dental practice; wants a plan for the proceeds.") },
  [P_JOHNSON] = { "Marcus Johnson", "Marcus", "Johnson", "Johnson Dental Group", "marcus@example.com", "prospect",
    STAGE_PROPOSAL, TAG_BUSINESS_OWNER, OWNER, "+16145550189", "+16145550181",
    NC_("demo", "Wants a 401(k) with a safe harbor match for 12 employees, starting January.") },
  [P_SATO] = { "Emily Sato", "Emily", "Sato", NULL, "emily.sato@example.com", "prospect", STAGE_DISCOVERY,
    TAG_529, OWNER, "+16145550120", NULL, NULL },
  [P_MURPHY] = { "Daniel Murphy", "Daniel", "Murphy", NULL, "dmurphy@example.com", "prospect", STAGE_PROPOSAL,
    TAG_ROLLOVER, ASSOCIATE, "+13125550131", NULL,
    NC_("demo", "Relocating from Chicago in the spring; 401(k) rollover from his former employer.") },
  [P_BENNETT] = { "Olivia Bennett", "Olivia", "Bennett", NULL, "olivia.bennett@example.com", "prospect",
    STAGE_DISCOVERY, TAG_INSURANCE, OWNER, "+16145550142", NULL, NULL },
  [P_CARTER] = { "William Carter", "William", "Carter", "Carter Tool & Die", "wcarter@example.com", "prospect",
    STAGE_DISCOVERY, TAG_RETIREMENT | TAG_BUSINESS_OWNER, OWNER, "+12165550153", NULL, NULL },

  [P_TAYLOR] = { "Jessica Taylor", "Jessica", "Taylor", NULL, "jessica.taylor@example.com", "lead", STAGE_CONTACTED,
    TAG_WEBSITE | TAG_RETIREMENT, OWNER, "+16145550160", NULL,
    NC_("demo", "Web form: about $400,000 in 401(k)s and IRAs. Asked about fees.") },
  [P_WALSH] = { "Brian Walsh", "Brian", "Walsh", NULL, "brian.walsh@example.com", "lead", STAGE_CONTACTED,
    TAG_SEMINAR, OWNER, "+16145550161", NULL,
    NC_("demo", "Came to the Social Security seminar with his wife (she is 62, he is 64).") },
  [P_KIM] = { "Ashley Kim", "Ashley", "Kim", NULL, "ashley.kim@example.com", "lead", STAGE_NEW, TAG_SEMINAR,
    ASSOCIATE, "+16145550170", NULL, NULL },
  [P_WRIGHT] = { "Steven Wright", "Steven", "Wright", NULL, NULL, "lead", STAGE_CONTACTED, TAG_REFERRAL,
    OWNER, "+16145550180", NULL, NULL },
  [P_ADAMS] = { "Michelle Adams", "Michelle", "Adams", NULL, "michelle.adams@example.com", "lead", STAGE_NEW,
    TAG_WEBSITE, OWNER, "+16145550190", NULL, NULL },
  [P_COOPER] = { "Ryan Cooper", "Ryan", "Cooper", NULL, "ryan.cooper@example.com", "lead", STAGE_CONTACTED,
    TAG_529, ASSOCIATE, "+16145550103", NULL, NULL },
  [P_MITCHELL] = { "Laura Mitchell", "Laura", "Mitchell", NULL, "laura.mitchell@example.com", "lead", STAGE_NEW,
    TAG_SEMINAR, OWNER, "+16145550112", NULL, NULL },
  [P_LEE] = { "Jason Lee", "Jason", "Lee", NULL, "jason.lee@example.com", "lead", STAGE_CONTACTED, TAG_WEBSITE,
    OWNER, "+16145550150", NULL, NULL },
  [P_HUGHES] = { "Stephanie Hughes", "Stephanie", "Hughes", NULL, "shughes@example.com", "lead", STAGE_NEW,
    TAG_REFERRAL, OWNER, "+16145550130", NULL,
    NC_("demo", "Referred by Denise Howard; recently divorced, wants a second opinion on her settlement.") },

  [P_WHITAKER] = { "Karen Whitaker", "Karen", "Whitaker", "Whitaker & Associates CPAs", "karen@example.com",
    "referral-partner", NULL, TAG_REFERRAL | TAG_TAX, OWNER, "+16145550118", NULL,
    NC_("demo", "CPA for the Kowalskis, the Whitfields and Rachel Goldberg. Sends two or three referrals a year.") },
  [P_BRENNAN] = { "Michael Brennan", "Michael", "Brennan", "Brennan Estate Law", "mbrennan@example.com",
    "referral-partner", NULL, TAG_REFERRAL | TAG_ESTATE, OWNER, "+16145550129", NULL,
    NC_("demo", "Estate attorney. Drafting the Whitfield trust.") },
  [P_HOWARD] = { "Denise Howard", "Denise", "Howard", "Howard Insurance Agency", "denise@example.com",
    "referral-partner", NULL, TAG_REFERRAL | TAG_INSURANCE, OWNER, "+16145550138", NULL, NULL },
  [P_ANDERSON] = { "Paul Anderson", "Paul", "Anderson", "Buckeye Home Lending", "paul.anderson@example.com",
    "referral-partner", NULL, TAG_REFERRAL, ASSOCIATE, "+16145550149", NULL, NULL },
};

/* Texts */

typedef enum {
  FATE_OK,              /* outbound delivered, inbound read */
  FATE_UNREAD,          /* inbound, not read yet */
  FATE_FAILED_30006,
  FATE_FAILED_30003,
  FATE_UNDELIVERED_30007,
  FATE_STOP,            /* the inbound STOP */
  FATE_STOP_REPLY,      /* the carrier-style confirmation */
} Fate;

typedef struct {
  guint8      person;
  guint8      day;      /* days ago; 0 is today */
  guint16     hm;       /* HHMM local time, or minutes ago when @day is 0 */
  char        dir;      /* 'i' or 'o' */
  guint8      fate;
  const char *body;     /* NC_ */
} DemoMessage;

static const DemoMessage messages[] = {
  /* An RMD reminder */
  { P_CHEN, 9, 1012, 'o', FATE_OK, NC_("demo", "Hi Margaret, it's Jordan. A reminder that your required minimum "
    "distribution for this year still needs to come out before December 31. Shall I schedule it for early December "
    "like last year?") },
  { P_CHEN, 9, 1140, 'i', FATE_OK,
    /* xgettext:no-c-format */
    NC_("demo", "Yes please, same as last year. Can you withhold 10% for federal "
    "taxes again?") },
  { P_CHEN, 9, 1146, 'o', FATE_OK,
    /* xgettext:no-c-format */
    NC_("demo", "Will do: December 3, 10% federal withholding, deposited to your "
    "checking account. I'll send the form for your e-signature this afternoon.") },
  { P_CHEN, 8, 915, 'i', FATE_OK, NC_("demo", "Signed it this morning. Thank you!") },
  { P_CHEN, 0, 95, 'i', FATE_OK, NC_("demo", "Jordan, is the RMD still on track for the 3rd? I'm planning a trip "
    "to see my sister.") },

  /* Rollover paperwork */
  { P_OKAFOR, 21, 1402, 'o', FATE_OK, NC_("demo", "Hi Robert, the paperwork to roll over your old 401(k) at "
    "Fidelity is ready. I've filled everything in; it just needs your signature on page 3.") },
  { P_OKAFOR, 21, 1630, 'i', FATE_OK, NC_("demo", "Great. Do I need to call Fidelity myself?") },
  { P_OKAFOR, 21, 1641, 'o', FATE_OK, NC_("demo", "Yes, one short call: they'll ask you to confirm a direct "
    "rollover. The check is made payable to the new custodian for your benefit and mailed to our office.") },
  { P_OKAFOR, 14, 1105, 'i', FATE_OK, NC_("demo", "Called them today. They said the check goes out in 5 to 7 "
    "business days.") },
  { P_OKAFOR, 6, 950, 'o', FATE_OK, NC_("demo", "The check arrived and was deposited this morning. It will be "
    "invested by Thursday; I'll text you once it's done.") },
  { P_OKAFOR, 6, 1012, 'i', FATE_OK, NC_("demo", "Perfect, thanks Jordan 👍") },
  { P_OKAFOR, 0, 15, 'i', FATE_UNREAD, NC_("demo", "Saw that the money is invested, thank you! Should I update the "
    "beneficiaries on the new IRA?") },

  /* An annual review, a 529 plan, an appointment confirmation */
  { P_MARTINEZ, 16, 1030, 'o', FATE_OK, NC_("demo", "Hi Linda, it's time for your annual review. Would next "
    "Tuesday at 10 am or Thursday at 2 pm work better?") },
  { P_MARTINEZ, 16, 1214, 'i', FATE_OK, NC_("demo", "Thursday at 2 works. Can we also talk about opening a 529 for "
    "my new granddaughter?") },
  { P_MARTINEZ, 16, 1220, 'o', FATE_OK, NC_("demo", "Absolutely, congratulations! Bring her full name and date of "
    "birth. Ohio's 529 plan gives you a state tax deduction of up to $4,000 a year per beneficiary.") },
  { P_MARTINEZ, 1, 1600, 'o', FATE_OK, NC_("demo", "Reminder: your review is tomorrow at 2 pm at our office, 250 E "
    "Broad St, Suite 1400. Reply C to confirm.") },
  { P_MARTINEZ, 1, 1622, 'i', FATE_OK, NC_("demo", "C. See you then!") },

  /* A CPA coordinating, and a referral */
  { P_WHITAKER, 12, 845, 'i', FATE_OK, NC_("demo", "Morning Jordan, Karen Whitaker here. I'm working on the "
    "Kowalskis' extension. Can you send me last year's Form 5498 for David's SEP IRA?") },
  { P_WHITAKER, 12, 910, 'o', FATE_OK, NC_("demo", "Hi Karen, David signed our authorization to share with you "
    "last spring. I'll upload it to your portal by noon.") },
  { P_WHITAKER, 12, 1150, 'o', FATE_OK, NC_("demo", "Uploaded. Note that last year's SEP contribution was $23,500, "
    "made in March.") },
  { P_WHITAKER, 12, 1203, 'i', FATE_OK, NC_("demo", "Got it, thanks. I'm also sending you a referral: Rachel "
    "Goldberg just sold her practice and wants to talk about what to do with the proceeds.") },
  { P_WHITAKER, 0, 40, 'i', FATE_UNREAD, NC_("demo", "Do you have 30 minutes on Thursday to go over the Whitfield "
    "estate numbers with Michael Brennan?") },

  /* The referral */
  { P_GOLDBERG, 11, 930, 'o', FATE_OK, NC_("demo", "Hi Rachel, this is Jordan Avery. Karen Whitaker mentioned you "
    "might want to talk about planning after the sale of your practice. I'm happy to set up a no-obligation "
    "conversation.") },
  { P_GOLDBERG, 11, 1315, 'i', FATE_OK, NC_("demo", "Hi Jordan, yes, Karen speaks highly of you. I'm free most "
    "mornings next week.") },
  { P_GOLDBERG, 11, 1320, 'o', FATE_OK, NC_("demo", "How about Wednesday at 9:30 by video? I'll send a calendar "
    "invitation with the link.") },
  { P_GOLDBERG, 10, 808, 'i', FATE_OK, NC_("demo", "Works for me. Should I bring anything?") },
  { P_GOLDBERG, 10, 815, 'o', FATE_OK, NC_("demo", "Your most recent statements and the closing documents of the "
    "sale, if you have them. Nothing else for a first meeting.") },
  { P_GOLDBERG, 3, 1605, 'i', FATE_OK, NC_("demo", "Thanks for the call. I'd like to see the proposal as soon as "
    "it's ready.") },

  /* A lead asking about fees */
  { P_TAYLOR, 2, 1912, 'i', FATE_OK, NC_("demo", "Hi, I filled out the form on your website. What are your fees? I "
    "have about $400k in 401(k)s and IRAs.") },
  { P_TAYLOR, 1, 902, 'o', FATE_OK,
    /* xgettext:no-c-format */
    NC_("demo", "Hi Jessica, thanks for reaching out! Our advisory fee is 1% a "
    "year on the first $1 million, billed quarterly, with no commissions. Financial planning is included. Would a "
    "20-minute intro call this week help?") },
  { P_TAYLOR, 1, 940, 'i', FATE_OK, NC_("demo", "That's clear, thanks. Thursday afternoon?") },
  { P_TAYLOR, 1, 945, 'o', FATE_OK, NC_("demo", "Thursday at 3 pm works. I'll call you at this number.") },
  { P_TAYLOR, 0, 25, 'i', FATE_UNREAD, NC_("demo", "Still good for Thursday at 3? Also, do you help with Roth "
    "conversions?") },

  /* A landline */
  { P_DELUCA, 5, 1100, 'o', FATE_FAILED_30006, NC_("demo", "Hi Frank, it's Jordan. Your RMD for this year has "
    "been processed and will reach your checking account in 2 business days.") },

  /* A number that no longer answers */
  { P_LEWIS, 30, 1500, 'o', FATE_OK, NC_("demo", "Hi Barbara, the summary of your annual review is ready. Would "
    "you like a copy by mail or by e-mail?") },
  { P_LEWIS, 30, 1712, 'i', FATE_OK, NC_("demo", "By e-mail please. Thanks!") },
  { P_LEWIS, 4, 1015, 'o', FATE_FAILED_30003, NC_("demo", "Hi Barbara, checking in about the beneficiary form we "
    "discussed. Any questions before you sign?") },

  /* Carrier filtering (a public link shortener) */
  { P_HOLLOWAY, 7, 1330, 'o', FATE_UNDELIVERED_30007, NC_("demo", "Hi James, here is the link to sign the updated "
    "advisory agreement: bit.ly/3avery-adv") },
  { P_HOLLOWAY, 7, 1345, 'o', FATE_OK, NC_("demo", "Hi James, resending: you can sign the updated advisory "
    "agreement in the client portal, under Documents.") },
  { P_HOLLOWAY, 7, 1502, 'i', FATE_OK, NC_("demo", "Done, signed.") },

  /* The opt-out */
  { P_FISCHER, 35, 1030, 'o', FATE_OK, NC_("demo", "Hi Nancy, a reminder of your review next Monday at 11 am. "
    "Reply C to confirm.") },
  { P_FISCHER, 35, 1100, 'i', FATE_OK, NC_("demo", "C") },
  { P_FISCHER, 13, 1015, 'o', FATE_OK, NC_("demo", "Hi Nancy, our quarterly newsletter is out: the market outlook "
    "and year-end tax moves. Happy to discuss anytime.") },
  { P_FISCHER, 13, 1018, 'i', FATE_STOP, "STOP" },
  { P_FISCHER, 13, 1018, 'o', FATE_STOP_REPLY, NC_("demo", "You have successfully been unsubscribed. You will not "
    "receive any more messages from this number. Reply START to resubscribe.") },

  /* Onboarding */
  { P_NGUYEN, 19, 1110, 'o', FATE_OK, NC_("demo", "Welcome aboard, Kevin! Next step: I'll send the applications "
    "for your Roth IRA and the rollover IRA. Please have a photo ID handy.") },
  { P_NGUYEN, 19, 1205, 'i', FATE_OK, NC_("demo", "Thanks! Does it need to be a driver's license or is a passport "
    "OK?") },
  { P_NGUYEN, 19, 1210, 'o', FATE_OK, NC_("demo", "Either works.") },
  { P_NGUYEN, 2, 1430, 'o', FATE_OK, NC_("demo", "Your accounts are open. The transfer from Vanguard usually "
    "takes 7 to 10 business days.") },
  { P_NGUYEN, 0, 180, 'i', FATE_UNREAD, NC_("demo", "I just got a letter from Vanguard about the transfer, is that "
    "normal?") },

  /* Estate planning with the attorney */
  { P_WHITFIELD, 25, 1000, 'i', FATE_OK, NC_("demo", "Jordan, the attorney wants a list of all my accounts with "
    "current values for the trust. Can you put that together?") },
  { P_WHITFIELD, 25, 1030, 'o', FATE_OK, NC_("demo", "Of course, Thomas. With your permission I'll send Michael "
    "Brennan a consolidated statement by Friday.") },
  { P_WHITFIELD, 25, 1044, 'i', FATE_OK, NC_("demo", "Yes, you have my permission.") },
  { P_WHITFIELD, 22, 1600, 'o', FATE_OK, NC_("demo", "Sent to Michael this afternoon. He'll be in touch about "
    "retitling the brokerage account into the trust.") },

  /* A proposal */
  { P_JOHNSON, 9, 1500, 'o', FATE_OK, NC_("demo", "Hi Marcus, I've e-mailed the proposal for the Johnson Dental "
    "Group 401(k) with a safe harbor match. Happy to walk you and your office manager through it.") },
  { P_JOHNSON, 8, 1210, 'i', FATE_OK, NC_("demo", "Got it. Can we do a call Monday at lunch?") },
  { P_JOHNSON, 8, 1215, 'o', FATE_OK, NC_("demo", "Monday at 12:30 is on my calendar.") },

  /* An appointment confirmation */
  { P_RAMAN, 3, 1000, 'o', FATE_OK, NC_("demo", "Hi Dr. Raman, confirming our onboarding meeting Friday at 8 am by "
    "video. The link is in your e-mail.") },
  { P_RAMAN, 3, 1300, 'i', FATE_OK, NC_("demo", "Confirmed. I may be 5 minutes late, clinic starts early that "
    "day.") },
  { P_RAMAN, 3, 1302, 'o', FATE_OK, NC_("demo", "No problem at all.") },

  /* A business owner's SEP */
  { P_KOWALSKI, 44, 930, 'i', FATE_OK, NC_("demo", "Hey Jordan, how much can I put in the SEP this year? Had a "
    "good year.") },
  { P_KOWALSKI, 44, 1005, 'o', FATE_OK,
    /* xgettext:no-c-format */
    NC_("demo", "Up to 20% of your net self-employment income, up to the IRS "
    "limit. Karen can confirm your numbers; then I'll give you an exact amount.") },
  { P_KOWALSKI, 43, 1120, 'i', FATE_OK, NC_("demo", "Karen says about $210k.") },
  { P_KOWALSKI, 43, 1140, 'o', FATE_OK, NC_("demo", "Then your maximum is about $39,000. You have until your tax "
    "filing deadline, extensions included, to contribute.") },

  /* A seminar lead */
  { P_WALSH, 6, 1800, 'o', FATE_OK, NC_("demo", "Hi Brian, thanks for coming to our Social Security seminar last "
    "night. The slides are on our website under Events.") },
  { P_WALSH, 5, 833, 'i', FATE_OK, NC_("demo", "Thanks! When should my wife and I claim? She's 62, I'm 64.") },
  { P_WALSH, 5, 901, 'o', FATE_OK, NC_("demo", "That depends on your health, your other income and her own "
    "benefit: exactly what a free 30-minute review covers. Would next week work?") },

  /* A client who moved to another state */
  { P_PARK, 28, 1130, 'i', FATE_OK, NC_("demo", "Hi Jordan! We've moved to Naples for good. Please update my "
    "address: 4120 Gulf Shore Blvd N, Apt 6.") },
  { P_PARK, 28, 1150, 'o', FATE_OK, NC_("demo", "Congratulations on the move, Helen! Address updated. Florida has "
    "no state income tax, so let's review your withholding at your annual review.") },
  { P_PARK, 0, 300, 'i', FATE_OK, NC_("demo", "Can we do the annual review by video this year?") },

  /* An insurance partner */
  { P_HOWARD, 15, 1400, 'i', FATE_OK, NC_("demo", "Jordan, Priya Raman's disability policy is approved. The "
    "premium is $312 a month. Can you let her know?") },
  { P_HOWARD, 15, 1420, 'o', FATE_OK, NC_("demo", "Great news, thanks Denise. I'll tell her today.") },
};

/* Calls, recordings, voicemails */

typedef struct {
  const char *speech;         /* NC_: the advisor (first channel), or the caller of a voicemail */
  const char *speech_other;   /* NC_: the client (second channel); NULL for a voicemail */
  const char *headline;       /* NC_ */
  const char *summary;        /* NC_ */
  const char *actions[4];     /* NC_ */
} DemoRecording;

enum { R_CHEN, R_OKAFOR, R_GOLDBERG, R_WHITAKER, R_VM_PARK, R_VM_NGUYEN, R_VM_PATEL, N_RECORDINGS };
#define N_CALL_RECORDINGS 4

static const DemoRecording recordings[N_RECORDINGS] = {
  [R_CHEN] = {
    NC_("demo", "Hi Margaret, it's Jordan Avery. I got your text about the trip. Your required minimum distribution "
        "is still set for December third, with ten percent withheld for federal taxes. The money should be in your "
        "checking account by the fifth."),
    NC_("demo", "Oh good, that's a relief. I fly out on the eighth, so that works. Could you also send me a copy of "
        "the confirmation for my records? Thank you, Jordan."),
    NC_("demo", "RMD confirmed for December 3"),
    /* xgettext:no-c-format */
    NC_("demo", "Jordan confirmed Margaret's required minimum distribution for December 3, with 10% federal "
        "withholding, in her checking account by the 5th, before her trip on the 8th. She asked for a copy of the "
        "confirmation."),
    { NC_("demo", "E-mail Margaret the RMD confirmation (advisor)"),
      NC_("demo", "Check that the deposit posts by December 5 (advisor)"), NULL } },
  [R_OKAFOR] = {
    NC_("demo", "Avery Wealth Partners, this is Jordan. Hi Robert. Yes, the Fidelity check arrived this morning and "
        "it's deposited in your rollover IRA. I'll invest it in the growth portfolio we agreed on by Thursday."),
    NC_("demo", "Great news, I was worried it got lost in the mail. Thursday is fine. I understand a direct rollover "
        "is not taxed, but will I still get a tax form next year?"),
    NC_("demo", "Rollover check deposited"),
    NC_("demo", "The check for Robert's Fidelity 401(k) rollover arrived and was deposited into his rollover IRA; "
        "it will be invested in the agreed growth portfolio by Thursday. Robert asked whether he will get a tax "
        "form for the rollover."),
    { NC_("demo", "Invest the rollover in the growth portfolio by Thursday (advisor)"),
      NC_("demo", "Explain Form 1099-R for a direct rollover to Robert (advisor)"), NULL } },
  [R_GOLDBERG] = {
    NC_("demo", "Hi Rachel, it's Jordan Avery. Thanks again for meeting on Wednesday. I'm putting the proposal "
        "together now: a plan for the sale proceeds, a tax estimate with Karen, and an income plan for the next "
        "five years."),
    NC_("demo", "That sounds right. My biggest worry is the tax on the sale. Can you have it ready before the end "
        "of the month? My husband would like to join the next meeting."),
    NC_("demo", "Proposal for the practice sale proceeds"),
    NC_("demo", "Jordan outlined Rachel's proposal: a plan for the proceeds of her practice sale, a tax estimate "
        "with her CPA Karen Whitaker and a five-year income plan. Her main concern is the tax on the sale; she "
        "wants the proposal before the end of the month, and her husband at the next meeting."),
    { NC_("demo", "Send Rachel the proposal before the end of the month (advisor)"),
      NC_("demo", "Ask Karen Whitaker for a tax estimate on the sale (advisor)"),
      NC_("demo", "Invite Rachel's husband to the next meeting (advisor)"), NULL } },
  [R_WHITAKER] = {
    NC_("demo", "Hi Karen, Jordan here. Thanks for calling back. For the Kowalskis, the SEP contribution for this "
        "year will be about thirty nine thousand dollars, made before the extension deadline."),
    NC_("demo", "Perfect, that matches my numbers. I'll file the extension this week. And send me the Whitfield "
        "account values when Thomas signs the release. Michael Brennan needs them for the trust."),
    NC_("demo", "Kowalski SEP and the Whitfield trust"),
    NC_("demo", "Karen Whitaker, CPA, confirmed the Kowalskis' SEP contribution of about $39,000 before the "
        "extension deadline and will file the extension this week. She asked for the Whitfield account values "
        "once Thomas signs the release, for Michael Brennan's trust work."),
    { NC_("demo", "Make the Kowalski SEP contribution before the extension deadline (advisor)"),
      NC_("demo", "Send Karen the Whitfield account values once Thomas signs the release (advisor)"), NULL } },
  [R_VM_PARK] = {
    NC_("demo", "Hi Jordan, it's Helen Park calling from Naples. I'd love to do our annual review by video this "
        "year instead of in person. Any afternoon next week works for me. Talk soon, bye."),
    NULL, NULL, NULL, { NULL } },
  [R_VM_NGUYEN] = {
    NC_("demo", "Hey Jordan, Kevin Nguyen here. I got a letter from Vanguard saying my transfer is complete, but I "
        "don't see the money in the new account yet. Can you call me back when you get a chance? Thanks."),
    NULL, NULL, NULL, { NULL } },
  [R_VM_PATEL] = {
    NC_("demo", "Hi Jordan, this is George Patel. Before the year ends I'd like to talk about harvesting some "
        "losses in my brokerage account, and whether I should give appreciated stock to my church instead of "
        "cash. Give me a call. Thank you."),
    NULL, NULL, NULL, { NULL } },
};

typedef enum {
  VM_NONE,
  VM_NEW,
  VM_HANDLED,
} VoicemailState;

typedef struct {
  guint8      person;
  guint8      day;
  guint16     hm;
  gboolean    inbound;
  const char *status;
  const char *dial_status;
  int         duration_s;   /* talk time; recorded calls take their recording's */
  int         recording;    /* index in recordings[], or -1 */
  guint8      voicemail;    /* VoicemailState */
} DemoCall;

static const DemoCall calls[] = {
  { P_CHEN, 0, 70, FALSE, "completed", NULL, 0, R_CHEN, VM_NONE },
  { P_OKAFOR, 6, 1030, TRUE, "completed", "completed", 0, R_OKAFOR, VM_NONE },
  { P_GOLDBERG, 4, 930, FALSE, "completed", NULL, 0, R_GOLDBERG, VM_NONE },
  { P_WHITAKER, 1, 1415, TRUE, "completed", "completed", 0, R_WHITAKER, VM_NONE },
  { P_JOHNSON, 7, 1230, FALSE, "completed", NULL, 846, -1, VM_NONE },
  { P_WALSH, 5, 930, FALSE, "no-answer", NULL, 0, -1, VM_NONE },
  { P_WHITFIELD, 3, 1600, FALSE, "busy", NULL, 0, -1, VM_NONE },
  { P_RAMAN, 0, 200, TRUE, "completed", "completed", 95, -1, VM_NONE },
  { P_MARTINEZ, 2, 1105, TRUE, "completed", "no-answer", 21, -1, VM_NONE },
  { P_PARK, 0, 240, TRUE, "completed", "no-answer", 0, R_VM_PARK, VM_NEW },
  { P_NGUYEN, 1, 1730, TRUE, "completed", "no-answer", 0, R_VM_NGUYEN, VM_NEW },
  { P_PATEL, 8, 1815, TRUE, "completed", "no-answer", 0, R_VM_PATEL, VM_HANDLED },
};

#define N_CALLS      G_N_ELEMENTS (calls)
#define N_MESSAGES   G_N_ELEMENTS (messages)

/* Templates */

typedef struct {
  const char *name;       /* NC_ */
  const char *category;   /* NC_ */
  const char *body;       /* NC_ */
} DemoTemplate;

#define CAT_APPOINTMENTS NC_("demo", "Appointments")
#define CAT_SERVICE      NC_("demo", "Client Service")
#define CAT_PROSPECTING  NC_("demo", "Prospecting")

static const DemoTemplate templates[] = {
  { NC_("demo", "Appointment reminder"), CAT_APPOINTMENTS,
    NC_("demo", "Hi {first_name}, this is {advisor_name} at {firm}. A reminder of our meeting on {date} at {time}. "
        "Reply C to confirm, or call me to reschedule.") },
  { NC_("demo", "Appointment confirmed"), CAT_APPOINTMENTS,
    NC_("demo", "Thanks, {first_name}! You're confirmed for {date} at {time}. See you then.") },
  { NC_("demo", "Running late"), CAT_APPOINTMENTS,
    NC_("demo", "Hi {first_name}, {advisor_name} here. I'm running about 10 minutes behind and will call you "
        "shortly. Thank you for your patience.") },
  { NC_("demo", "RMD reminder"), CAT_SERVICE,
    NC_("demo", "Hi {first_name}, a reminder that this year's required minimum distribution must be taken by "
        "December 31. Reply here or call me and we'll schedule it. {advisor_name}, {firm}") },
  { NC_("demo", "Paperwork ready to sign"), CAT_SERVICE,
    NC_("demo", "Hi {first_name}, your paperwork is ready to sign: look for the e-mail from our e-signature "
        "service. Questions? Just reply here. {advisor_name}") },
  { NC_("demo", "Annual review"), CAT_SERVICE,
    NC_("demo", "Hi {first_name}, it's time for your annual review with {firm}. Which days work best for you in "
        "the next two weeks?") },
  { NC_("demo", "New lead follow-up"), CAT_PROSPECTING,
    NC_("demo", "Hi {first_name}, this is {advisor_name} with {firm}. Thanks for reaching out! Would a 20-minute "
        "intro call this week be helpful?") },
  { NC_("demo", "Referral thank-you"), CAT_PROSPECTING,
    NC_("demo", "Hi {first_name}, thank you for the referral. It means a lot that you trust us with the people you "
        "care about. {advisor_name}") },
};

/* The follow-up sequence for new leads: its first text is a template (the
 * index above), the others its own. New leads join it; when the demo starts
 * the application's runner sends the first text to those still waiting. */
#define SEQUENCE_TEMPLATE 6   /* "New lead follow-up" */
#define SEQUENCE_NAME     NC_("demo", "New lead welcome")

static const struct {
  gint64      delay_s;
  const char *body;       /* NC_; NULL: the template */
} sequence_steps[] = {
  { 0, NULL },
  { 2 * 86400, NC_("demo", "Hi {first_name}, {advisor_name} again. I put together a short checklist for a first "
                   "meeting: what to bring and what we'll cover. Would you like me to text it over?") },
  { 7 * 86400, NC_("demo", "Hi {first_name}, no pressure at all: if now isn't the right time, reply whenever it "
                   "suits you and we'll pick it up from there. {advisor_name}, {firm}") },
};

/* Who is in it, and how their enrolment stands once seeded. */
typedef enum {
  ENROLLED_WAITING,   /* the runner sends the first text at start */
  ENROLLED_REPLIED,   /* texted back: stopped by the store */
  ENROLLED_STOPPED,   /* the advisor took over by hand */
} EnrolledFate;

static const struct {
  guint8       person;
  EnrolledFate fate;
  const char  *reply;   /* NC_, for ENROLLED_REPLIED */
} enrolled[] = {
  { P_KIM, ENROLLED_WAITING, NULL },
  { P_ADAMS, ENROLLED_WAITING, NULL },
  { P_MITCHELL, ENROLLED_REPLIED, NC_("demo", "Thanks Jordan! Thursday afternoon works for a quick call.") },
  { P_HUGHES, ENROLLED_STOPPED, NULL },
};

/* The people of the ongoing activity */

typedef struct {
  guint8      person;
  const char *texts[3];        /* NC_ */
  const char *voicemails[2];   /* NC_ */
} DemoPerson;

static const DemoPerson people[] = {
  { P_CHEN,
    { NC_("demo", "Thanks for the call earlier, Jordan. The confirmation came through."),
      NC_("demo", "Could you remind me how much my RMD is this year?"),
      NC_("demo", "Happy holidays to you and your family!") },
    { NC_("demo", "Hi Jordan, it's Margaret Chen. Just calling to say the confirmation arrived. Thank you so much. "
          "No need to call back."),
      NC_("demo", "Hi Jordan, Margaret here. I have a question about my Social Security statement. Please call me "
          "when you can.") } },
  { P_OKAFOR,
    { NC_("demo", "Do I need to do anything with the old 401(k) account now that it's empty?"),
      NC_("demo", "Can we move my next review to the afternoon?"),
      NC_("demo", "My wife would like to open an IRA too. What do we need?") },
    { NC_("demo", "Hi Jordan, it's Robert Okafor. I have a quick question about the beneficiary on my new IRA. Call "
          "me back when you get a chance. Thanks."),
      NC_("demo", "Jordan, Robert again. My wife wants to set up an IRA too. Can we add that to our next meeting? "
          "Thanks.") } },
  { P_MARTINEZ,
    { NC_("demo", "Running about 10 minutes late for our appointment, sorry!"),
      NC_("demo", "Is the 529 deduction per grandchild or per account?"),
      NC_("demo", "Thank you for today, it was very helpful.") },
    { NC_("demo", "Hi Jordan, this is Linda Martinez. I have my granddaughter's birth certificate for the 529 "
          "account. Should I bring it to the office? Call me back, thanks."),
      NC_("demo", "Hello, it's Linda. I need to move our meeting to next week if possible. Please give me a call.") } },
  { P_WHITAKER,
    { NC_("demo", "Can you send me the 1099-R for the Okafor rollover when it's available?"),
      NC_("demo", "Do you have a minute to talk about a new client referral?"),
      NC_("demo", "Reminder: the extension deadline is October 15.") },
    { NC_("demo", "Hi Jordan, Karen Whitaker. I have a referral for you, a couple retiring next spring. Call me "
          "back when you have a minute."),
      NC_("demo", "Jordan, it's Karen. I still need the Kowalskis' SEP contribution confirmation for their return. "
          "Thanks.") } },
  { P_GOLDBERG,
    { NC_("demo", "I looked over the proposal. A couple of questions, can we talk tomorrow?"),
      NC_("demo", "My husband can join on Thursday after 4. Does that work?"),
      NC_("demo", "Karen sent over the tax estimate. Did you get it?") },
    { NC_("demo", "Hi Jordan, it's Rachel Goldberg. I read the proposal and I'd like to move forward. Please call "
          "me to set up the next steps."),
      NC_("demo", "Hi, Rachel again. My husband and I have a question about the income plan. Call us back when you "
          "can.") } },
  { P_TAYLOR,
    { NC_("demo", "Is there a minimum account size to work with you?"),
      NC_("demo", "Can I bring my husband to the intro call?"),
      NC_("demo", "Do you charge extra for tax planning?") },
    { NC_("demo", "Hi, this is Jessica Taylor. I filled out the form on your website. I'd like to talk about my "
          "retirement accounts. Please call me back."),
      NC_("demo", "Hi Jordan, Jessica Taylor. I need to move our intro call to Friday if that's possible. "
          "Thanks.") } },
  { P_NGUYEN,
    { NC_("demo", "The transfer showed up this morning, thanks!"),
      NC_("demo", "Should I keep contributing to my old 401(k) or switch to the Roth?"),
      NC_("demo", "What's the best time to reach you this week?") },
    { NC_("demo", "Hey Jordan, Kevin again. The transfer showed up, thanks. I have a question about my 401(k) "
          "contributions. Call me back."),
      NC_("demo", "Hi Jordan, it's Kevin Nguyen. My company is changing its 401(k) provider. Can we talk about "
          "it? Thanks.") } },
  { P_JOHNSON,
    { NC_("demo", "My office manager has questions about the safe harbor match. Can she call you?"),
      NC_("demo", "We'd like to start the 401(k) in January. What's the deadline?"),
      NC_("demo", "Can you send the fee disclosure again? I can't find it.") },
    { NC_("demo", "Hi Jordan, Marcus Johnson from Johnson Dental. We're ready to go ahead with the 401(k). Give me "
          "a call to set up the next steps."),
      NC_("demo", "Jordan, it's Marcus. My office manager has a few questions about payroll for the 401(k). Call "
          "me back, thanks.") } },
};

/* Public data */

guint
liaison_demo_book_get_n_people (void)
{
  return G_N_ELEMENTS (people);
}

const char *
liaison_demo_book_get_person_name (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (people), NULL);

  return contacts[people[i].person].name;
}

const char *
liaison_demo_book_get_person_number (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (people), NULL);

  return contacts[people[i].person].phone;
}

char *
liaison_demo_book_inbound_text (guint i,
                                guint n)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (people), NULL);

  return g_strdup (DEMO (people[i].texts[n % G_N_ELEMENTS (people[i].texts)]));
}

char *
liaison_demo_book_voicemail_speech (guint i,
                                    guint n)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (people), NULL);

  return g_strdup (DEMO (people[i].voicemails[n % G_N_ELEMENTS (people[i].voicemails)]));
}

const char *
liaison_demo_book_get_opted_out_number (void)
{
  return contacts[P_FISCHER].phone;
}

guint
liaison_demo_book_get_n_contacts (void)
{
  return N_CONTACTS;
}

guint
liaison_demo_book_get_n_threads (void)
{
  gboolean seen[N_CONTACTS] = { FALSE, };
  guint n = 0;

  for (guint i = 0; i < N_MESSAGES; i++)
    if (!seen[messages[i].person])
      {
        seen[messages[i].person] = TRUE;
        n++;
      }
  /* A lead who answered the sequence's first text. */
  for (guint i = 0; i < G_N_ELEMENTS (enrolled); i++)
    if (enrolled[i].fate == ENROLLED_REPLIED && !seen[enrolled[i].person])
      {
        seen[enrolled[i].person] = TRUE;
        n++;
      }
  return n;
}

guint
liaison_demo_book_get_n_calls (void)
{
  return N_CALLS;
}

guint
liaison_demo_book_get_n_recordings (void)
{
  return N_RECORDINGS;
}

guint
liaison_demo_book_get_n_voicemails (void)
{
  guint n = 0;

  for (guint i = 0; i < N_CALLS; i++)
    if (calls[i].voicemail != VM_NONE)
      n++;
  return n;
}

guint
liaison_demo_book_get_n_templates (void)
{
  return G_N_ELEMENTS (templates);
}

guint
liaison_demo_book_get_n_enrolled (void)
{
  return G_N_ELEMENTS (enrolled);
}

guint
liaison_demo_book_get_n_enrolled_waiting (void)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (enrolled); i++)
    n += enrolled[i].fate == ENROLLED_WAITING;
  return n;
}

/* Seeding */

typedef enum {
  PHASE_CONTACTS,
  PHASE_CONSENT,
  PHASE_MESSAGES,
  PHASE_FAILURES,
  PHASE_OPT_OUT,
  PHASE_CALLS,
  PHASE_RECORDINGS,
  PHASE_TRANSCRIPTS,
  PHASE_SUMMARIES,
  PHASE_VOICEMAILS,
  PHASE_HANDLED,
  PHASE_TEMPLATES,
  PHASE_SEQUENCE,
  PHASE_ENROLL,
  PHASE_REPLY,
  PHASE_STOP,
  PHASE_DONE,
} Phase;

typedef struct {
  LiaisonStore *store;
  SoupSession  *session;
  char         *sim_url;
  char         *account_sid;
  gint64        now;
  GTimeZone    *tz;

  guint         n_posts_pending;
  GError       *post_error;

  Phase         phase;
  guint         index;

  char         *recording_sids[N_RECORDINGS];
  int           recording_durations[N_RECORDINGS];
  gint64        transcript_ids[N_RECORDINGS];
  gint64        voicemail_ids[N_CALLS];
  gint64        contact_ids[N_CONTACTS];
  gint64        template_ids[G_N_ELEMENTS (templates)];
  gint64        sequence_id;
  gint64        enrollment_ids[G_N_ELEMENTS (enrolled)];
  gint64        started;
} Seed;

static void
seed_free (gpointer data)
{
  Seed *seed = data;

  g_clear_object (&seed->store);
  g_clear_object (&seed->session);
  g_free (seed->sim_url);
  g_free (seed->account_sid);
  g_clear_pointer (&seed->tz, g_time_zone_unref);
  g_clear_error (&seed->post_error);
  for (guint i = 0; i < N_RECORDINGS; i++)
    g_free (seed->recording_sids[i]);
  g_free (seed);
}

/* A SID that looks like Twilio's ("SM" + 32 hex digits), the same for the
 * same @kind and @i. */
static char *
make_sid (const char *prefix,
          const char *kind,
          guint       i)
{
  g_autofree char *seed_text = g_strdup_printf ("liaison-demo-%s-%u", kind, i);
  g_autofree char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed_text, -1);

  return g_strconcat (prefix, md5, NULL);
}

/* @day days before @now at @hm (HHMM) local time; today (@day 0), @hm
 * minutes before @now. A few seconds are added so that times are not
 * all round. */
static gint64
seed_time (Seed  *seed,
           guint  day,
           guint  hm,
           guint  salt)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) at = NULL;

  if (day == 0)
    return seed->now - (gint64) hm * 60 * G_USEC_PER_SEC + (gint64) (salt % 50) * G_USEC_PER_SEC;

  now = g_date_time_new_from_unix_utc (seed->now / G_USEC_PER_SEC);
  then = g_date_time_add_days (now, -(gint) day);
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (then, seed->tz);

    at = g_date_time_new (seed->tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), hm / 100, hm % 100, (salt * 7) % 60);
  }
  if (at == NULL)
    return seed->now - (gint64) day * G_TIME_SPAN_DAY;
  return g_date_time_to_unix (at) * G_USEC_PER_SEC;
}

/* The sentences of one party, laid out as the sim speaks them
 * (liaison-speech-timing.h). */
static void
add_sentences (GPtrArray  *sentences,
               const char *text,
               int         channel,
               const char *speaker,
               double      offset)
{
  g_autoptr(GPtrArray) spoken = liaison_speech_split_sentences (text, offset);

  for (guint i = 0; i < spoken->len; i++)
    {
      LiaisonSpeechSentence *said = g_ptr_array_index (spoken, i);
      /* What a speech engine would report: high, not perfect. */
      double confidence = 0.88 + (double) ((sentences->len * 37) % 11) / 100.0;

      g_ptr_array_add (sentences,
                       liaison_transcript_sentence_new (sentences->len, channel, speaker,
                                                        (gint64) llround (said->start * 1000),
                                                        (gint64) llround (said->end * 1000),
                                                        said->text, confidence));
    }
}

static const DemoCall *
call_of_recording (guint r,
                   guint *out_index)
{
  for (guint i = 0; i < N_CALLS; i++)
    if (calls[i].recording == (int) r)
      {
        if (out_index != NULL)
          *out_index = i;
        return &calls[i];
      }
  g_assert_not_reached ();
  return NULL;
}

static void run_next (GTask *task);

typedef enum {
  FAILED_STORE,
  FAILED_RECORDINGS,
} Failed;

/* Takes @error; a cancellation is returned as it is. */
static void
fail (GTask  *task,
      GError *error,
      Failed  what)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else
    {
      if (what == FAILED_RECORDINGS)
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not create the demo recordings: %s"), error->message);
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 _("Could not store the demo book: %s"), error->message);
      g_error_free (error);
    }
  g_object_unref (task);
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Seed *seed = g_task_get_task_data (task);
  LiaisonStore *store = LIAISON_STORE (object);
  GError *error = NULL;
  gboolean ok = TRUE;
  guint i = seed->index;

  switch (seed->phase)
    {
    case PHASE_CONTACTS:
      seed->contact_ids[i] = liaison_store_add_contact_finish (store, result, &error);
      ok = seed->contact_ids[i] > 0;
      break;
    case PHASE_CONSENT:
    case PHASE_OPT_OUT:
      ok = liaison_consent_ledger_record_finish (store, result, &error) > 0;
      break;
    case PHASE_MESSAGES:
      ok = liaison_store_add_message_finish (store, result, NULL, &error) > 0;
      break;
    case PHASE_FAILURES:
      ok = liaison_store_update_message_status_finish (store, result, NULL, &error) > 0;
      break;
    case PHASE_CALLS:
      ok = liaison_store_upsert_call_finish (store, result, NULL, NULL, &error) > 0;
      break;
    case PHASE_RECORDINGS:
      ok = liaison_store_upsert_recording_finish (store, result, NULL, NULL, &error) > 0;
      break;
    case PHASE_TRANSCRIPTS:
      seed->transcript_ids[i] = liaison_store_save_transcript_finish (store, result, &error);
      ok = seed->transcript_ids[i] > 0;
      break;
    case PHASE_SUMMARIES:
      ok = liaison_store_save_summary_finish (store, result, &error) > 0;
      break;
    case PHASE_VOICEMAILS:
      seed->voicemail_ids[i] = liaison_store_upsert_voicemail_finish (store, result, NULL, &error);
      ok = seed->voicemail_ids[i] > 0;
      break;
    case PHASE_HANDLED:
      ok = liaison_store_set_voicemail_handled_finish (store, result, &error);
      break;
    case PHASE_TEMPLATES:
      {
        g_autoptr(LiaisonTemplate) template = liaison_store_add_template_finish (store, result, &error);

        ok = template != NULL;
        if (ok)
          seed->template_ids[i] = liaison_template_get_id (template);
      }
      break;
    case PHASE_SEQUENCE:
      {
        g_autoptr(LiaisonSequence) sequence = liaison_store_save_sequence_finish (store, result, &error);

        ok = sequence != NULL;
        if (ok)
          seed->sequence_id = liaison_sequence_get_id (sequence);
      }
      break;
    case PHASE_ENROLL:
      {
        g_autoptr(LiaisonSequenceEnrollment) enrollment = liaison_store_enroll_contact_finish (store, result, &error);

        ok = enrollment != NULL;
        if (ok)
          seed->enrollment_ids[i] = liaison_sequence_enrollment_get_id (enrollment);
      }
      break;
    case PHASE_REPLY:
      ok = liaison_store_add_message_finish (store, result, NULL, &error) > 0;
      break;
    case PHASE_STOP:
      ok = liaison_store_stop_enrollment_finish (store, result, &error);
      break;
    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      if (error == NULL)
        error = g_error_new_literal (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED, _("Nothing was stored."));
      fail (task, error, FAILED_STORE);
      return;
    }

  seed->index++;
  run_next (task);
}

static void
start_contact (Seed         *seed,
               GTask        *task,
               GCancellable *cancellable,
               guint         i)
{
  const DemoContact *c = &contacts[i];
  const char *phones[3] = { c->phone, c->phone2, NULL };
  const char *tags[G_N_ELEMENTS (tag_names) + 1] = { NULL, };
  LiaisonStoreContactInfo info = { 0, };
  guint n_tags = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tag_names); t++)
    if (c->tags & (1u << t))
      tags[n_tags++] = DEMO (tag_names[t]);

  info.display_name = c->name;
  info.first_name = c->first;
  info.last_name = c->last;
  info.company = c->company;
  info.email = c->email;
  info.kind = c->kind;
  info.pipeline_stage = c->stage != NULL ? DEMO (c->stage) : NULL;
  info.owner = c->owner;
  info.notes = c->notes != NULL ? DEMO (c->notes) : NULL;
  info.phones = phones;
  info.tags = tags;
  liaison_store_add_contact_async (seed->store, &info, cancellable, op_done_cb, task);
}

/* Clients signed their consent to texts with their advisory agreement. */
static gboolean
start_consent (Seed         *seed,
               GTask        *task,
               GCancellable *cancellable,
               guint         i)
{
  LiaisonConsentEventInfo info = { 0, };

  if (!g_str_equal (contacts[i].kind, "client"))
    return FALSE;

  info.e164 = contacts[i].phone;
  info.event = "opt-in";
  info.source = "manual";
  info.channel = "written";
  info.note = DEMO (NC_("demo", "Consent to texts signed with the advisory agreement"));
  info.our_number = LIAISON_DEMO_OUR_NUMBER;
  info.time = seed_time (seed, 50 + i % 10, 1000 + (i % 6) * 100, i);
  liaison_consent_ledger_record_async (seed->store, &info, cancellable, op_done_cb, task);
  return TRUE;
}

static void
start_message (Seed         *seed,
               GTask        *task,
               GCancellable *cancellable,
               guint         i)
{
  const DemoMessage *m = &messages[i];
  g_autofree char *sid = make_sid ("SM", "message", i);
  const char *body = m->fate == FATE_STOP ? m->body : DEMO (m->body);
  LiaisonStoreMessageInfo info = { 0, };
  LiaisonSmsSegments segments;
  gint64 time = seed_time (seed, m->day, m->hm, i);

  liaison_sms_segments_count (body, &segments);
  info.sid = sid;
  info.our_number = LIAISON_DEMO_OUR_NUMBER;
  info.remote_number = contacts[m->person].phone;
  info.body = body;
  info.num_segments = segments.n_segments;
  info.date_created = time;
  if (m->dir == 'i')
    {
      info.direction = "inbound";
      info.status = "received";
      info.is_read = m->fate != FATE_UNREAD;
    }
  else
    {
      /* Failures are stored as sent, then Twilio's callback moves them on
       * (PHASE_FAILURES), so that the store flags the number as it would. */
      gboolean fails = m->fate == FATE_FAILED_30003 || m->fate == FATE_FAILED_30006 ||
                       m->fate == FATE_UNDELIVERED_30007;

      info.direction = m->fate == FATE_STOP_REPLY ? "outbound-reply" : "outbound-api";
      info.status = fails ? "sent" : "delivered";
      info.date_sent = time + (1 + i % 3) * G_USEC_PER_SEC;
    }
  liaison_store_add_message_async (seed->store, &info, cancellable, op_done_cb, task);
}

static gboolean
start_failure (Seed         *seed,
               GTask        *task,
               GCancellable *cancellable,
               guint         i)
{
  g_autofree char *sid = NULL;
  const char *status;
  const char *message;
  int code;

  switch (messages[i].fate)
    {
    case FATE_FAILED_30003:
      status = "failed";
      code = 30003;
      message = "Unreachable destination handset";
      break;
    case FATE_FAILED_30006:
      status = "failed";
      code = 30006;
      message = "Landline or unreachable carrier";
      break;
    case FATE_UNDELIVERED_30007:
      status = "undelivered";
      code = 30007;
      message = "Message filtered";
      break;
    default:
      return FALSE;
    }

  sid = make_sid ("SM", "message", i);
  liaison_store_update_message_status_async (seed->store, sid, status, code, message, 0,
                                             cancellable, op_done_cb, task);
  return TRUE;
}

/* The STOP, recorded as the relay records an inbound keyword, at its time. */
static gboolean
start_opt_out (Seed         *seed,
               GTask        *task,
               GCancellable *cancellable,
               guint         i)
{
  g_autofree char *sid = NULL;
  LiaisonConsentEventInfo info = { 0, };

  if (messages[i].fate != FATE_STOP)
    return FALSE;

  sid = make_sid ("SM", "message", i);
  info.e164 = contacts[messages[i].person].phone;
  info.event = "opt-out";
  info.source = "keyword";
  info.channel = "sms";
  info.message_sid = sid;
  info.note = messages[i].body;
  info.our_number = LIAISON_DEMO_OUR_NUMBER;
  info.time = seed_time (seed, messages[i].day, messages[i].hm, i);
  liaison_consent_ledger_record_async (seed->store, &info, cancellable, op_done_cb, task);
  return TRUE;
}

static int
call_duration (Seed           *seed,
               const DemoCall *call)
{
  if (call->recording < 0)
    return call->duration_s;
  if (call->voicemail != VM_NONE)
    /* Forwarded to the advisor's cell (20 s), the greeting (8 s), the message. */
    return 28 + seed->recording_durations[call->recording];
  return seed->recording_durations[call->recording];
}

static void
start_call (Seed         *seed,
            GTask        *task,
            GCancellable *cancellable,
            guint         i)
{
  const DemoCall *call = &calls[i];
  g_autofree char *sid = make_sid ("CA", "call", i);
  LiaisonStoreCallInfo info = { 0, };
  gboolean connected = g_str_equal (call->status, "completed");
  int duration = connected ? call_duration (seed, call) : 0;
  gint64 started = seed_time (seed, call->day, call->hm, i);
  gint64 answered = started + (call->inbound ? 1 : 9) * G_USEC_PER_SEC;

  info.sid = sid;
  info.direction = call->inbound ? "inbound" : "outbound-api";
  info.from = call->inbound ? contacts[call->person].phone : LIAISON_DEMO_OUR_NUMBER;
  info.to = call->inbound ? LIAISON_DEMO_OUR_NUMBER : contacts[call->person].phone;
  info.status = call->status;
  info.dial_status = call->dial_status;
  info.started_at = started;
  info.answered_at = connected ? answered : 0;
  info.ended_at = connected ? answered + (gint64) duration * G_USEC_PER_SEC
                            : started + 25 * G_USEC_PER_SEC;
  info.duration_s = duration;
  info.price = connected ? (call->inbound ? "-0.0085" : "-0.0140") : NULL;
  info.price_unit = connected ? "USD" : NULL;
  info.event_time = info.ended_at;
  liaison_store_upsert_call_async (seed->store, &info, cancellable, op_done_cb, task);
}

static char *
media_url (Seed       *seed,
           const char *recording_sid)
{
  return g_strdup_printf ("%s/2010-04-01/Accounts/%s/Recordings/%s", seed->sim_url, seed->account_sid,
                          recording_sid);
}

static gboolean
start_recording (Seed         *seed,
                 GTask        *task,
                 GCancellable *cancellable,
                 guint         r)
{
  guint c;
  const DemoCall *call = call_of_recording (r, &c);
  g_autofree char *call_sid = NULL;
  g_autofree char *url = NULL;
  LiaisonStoreRecordingInfo info = { 0, };

  /* A voicemail's recording comes with the voicemail. */
  if (call->voicemail != VM_NONE)
    return FALSE;

  call_sid = make_sid ("CA", "call", c);
  url = media_url (seed, seed->recording_sids[r]);
  info.sid = seed->recording_sids[r];
  info.call_sid = call_sid;
  info.status = "completed";
  info.source = "DialVerb";
  info.media_url = url;
  info.duration_s = seed->recording_durations[r];
  info.channels = 2;
  info.started_at = seed_time (seed, call->day, call->hm, c) + (call->inbound ? 1 : 9) * G_USEC_PER_SEC;
  liaison_store_upsert_recording_async (seed->store, &info, cancellable, op_done_cb, task);
  return TRUE;
}

static gboolean
start_voicemail (Seed         *seed,
                 GTask        *task,
                 GCancellable *cancellable,
                 guint         i)
{
  const DemoCall *call = &calls[i];
  g_autofree char *call_sid = NULL;
  g_autofree char *url = NULL;

  if (call->voicemail == VM_NONE)
    return FALSE;

  call_sid = make_sid ("CA", "call", i);
  url = media_url (seed, seed->recording_sids[call->recording]);
  liaison_store_upsert_voicemail_async (seed->store, call_sid, seed->recording_sids[call->recording], url,
                                        contacts[call->person].phone, LIAISON_DEMO_OUR_NUMBER,
                                        seed->recording_durations[call->recording],
                                        seed_time (seed, call->day, call->hm, i) + 29 * G_USEC_PER_SEC,
                                        cancellable, op_done_cb, task);
  return TRUE;
}

static void
start_transcript (Seed         *seed,
                  GTask        *task,
                  GCancellable *cancellable,
                  guint         r)
{
  guint c;
  const DemoCall *call = call_of_recording (r, &c);
  g_autofree char *call_sid = make_sid ("CA", "call", c);
  g_autofree char *transcript_sid = NULL;
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_object_unref);
  const char *speech = DEMO (recordings[r].speech);

  if (call->voicemail != VM_NONE)
    {
      /* Twilio's legacy transcription of a voicemail: one party. */
      add_sentences (sentences, speech, 0, "client", 0.0);
      transcript_sid = make_sid ("TR", "transcription", r);
      liaison_store_save_transcript_async (seed->store, call_sid, seed->recording_sids[r], "twilio", "legacy",
                                           transcript_sid, NULL, sentences, cancellable, op_done_cb, task);
    }
  else
    {
      const char *other = DEMO (recordings[r].speech_other);

      add_sentences (sentences, speech, 1, "advisor", 0.0);
      add_sentences (sentences, other, 2, "client", liaison_speech_other_offset (speech));
      transcript_sid = make_sid ("GT", "transcript", r);
      liaison_store_save_transcript_async (seed->store, call_sid, seed->recording_sids[r], "twilio",
                                           "voice-intelligence", transcript_sid, NULL, sentences,
                                           cancellable, op_done_cb, task);
    }
}

static gboolean
start_summary (Seed         *seed,
               GTask        *task,
               GCancellable *cancellable,
               guint         r)
{
  const DemoRecording *rec = &recordings[r];
  g_autoptr(LiaisonCallSummary) summary = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) actions = NULL;
  g_autofree char *json = NULL;
  g_autofree char *call_sid = NULL;
  guint c;

  if (rec->summary == NULL)
    return FALSE;

  call_of_recording (r, &c);
  call_sid = make_sid ("CA", "call", c);
  summary = liaison_call_summary_new (LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE);
  liaison_call_summary_set_headline (summary, DEMO (rec->headline));
  liaison_call_summary_set_text (summary, DEMO (rec->summary));
  /* The advisor's first sentence and the client's first answer. */
  {
    g_autoptr(GPtrArray) advisor = g_ptr_array_new_with_free_func (g_object_unref);

    add_sentences (advisor, DEMO (rec->speech), 1, "advisor", 0.0);
    liaison_call_summary_add_key_sentence (summary, 0);
    liaison_call_summary_add_key_sentence (summary, advisor->len);
  }
  builder = g_strv_builder_new ();
  for (guint a = 0; rec->actions[a] != NULL; a++)
    {
      liaison_call_summary_add_action_item (summary, DEMO (rec->actions[a]));
      g_strv_builder_add (builder, DEMO (rec->actions[a]));
    }
  actions = g_strv_builder_end (builder);
  json = liaison_call_summary_to_json (summary);

  liaison_store_save_summary_async (seed->store, call_sid, seed->transcript_ids[r],
                                    liaison_summary_source_to_string (LIAISON_SUMMARY_SOURCE_VOICE_INTELLIGENCE),
                                    liaison_call_summary_get_text (summary),
                                    (const char * const *) actions, NULL, NULL, json,
                                    cancellable, op_done_cb, task);
  return TRUE;
}

static void
start_sequence (Seed         *seed,
                GTask        *task,
                GCancellable *cancellable)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint s = 0; s < G_N_ELEMENTS (sequence_steps); s++)
    g_ptr_array_add (steps, sequence_steps[s].body == NULL
                            ? liaison_sequence_step_new (sequence_steps[s].delay_s,
                                                         seed->template_ids[SEQUENCE_TEMPLATE], NULL)
                            : liaison_sequence_step_new (sequence_steps[s].delay_s, 0,
                                                         DEMO (sequence_steps[s].body)));
  liaison_store_save_sequence_async (seed->store, 0, DEMO (SEQUENCE_NAME), DEMO (STAGE_NEW), TRUE, steps,
                                     cancellable, op_done_cb, task);
}

/* A lead who answered the sequence's first text: the store stops their
 * enrolment when the answer is stored. Index 2 e is the first text (as
 * the runner words it), 2 e + 1 the answer. */
static gboolean
start_reply (Seed         *seed,
             GTask        *task,
             GCancellable *cancellable,
             guint         i)
{
  guint e = i / 2;
  const DemoContact *c = &contacts[enrolled[e].person];
  g_autofree char *sid = make_sid ("SM", "sequence", i);
  g_autofree char *first = NULL;
  LiaisonStoreMessageInfo info = { 0, };
  LiaisonSmsSegments segments;
  gint64 time;

  if (enrolled[e].fate != ENROLLED_REPLIED)
    return FALSE;

  time = seed->now - (gint64) (G_N_ELEMENTS (enrolled) - e) * 3600 * G_USEC_PER_SEC;
  info.sid = sid;
  info.our_number = LIAISON_DEMO_OUR_NUMBER;
  info.remote_number = c->phone;
  if (i % 2 == 0)
    {
      LiaisonTemplateValues values = {
        .first_name = c->first, .last_name = c->last, .full_name = c->name,
        .advisor_name = LIAISON_DEMO_ADVISOR_NAME, .firm = LIAISON_DEMO_FIRM_NAME,
      };
      g_autoptr(GError) error = NULL;

      first = liaison_template_expand (DEMO (templates[SEQUENCE_TEMPLATE].body), &values, &error);
      if (first == NULL)
        {
          fail (task, g_steal_pointer (&error), FAILED_STORE);
          return TRUE;
        }
      info.body = first;
      info.direction = "outbound-api";
      info.status = "delivered";
      info.date_created = time + 5 * G_USEC_PER_SEC;
      info.date_sent = time + 6 * G_USEC_PER_SEC;
    }
  else
    {
      info.body = DEMO (enrolled[e].reply);
      info.direction = "inbound";
      info.status = "received";
      info.date_created = time + (gint64) 40 * 60 * G_USEC_PER_SEC;
    }
  liaison_sms_segments_count (info.body, &segments);
  info.num_segments = segments.n_segments;
  liaison_store_add_message_async (seed->store, &info, cancellable, op_done_cb, task);
  return TRUE;
}

static guint
phase_length (Phase phase)
{
  switch (phase)
    {
    case PHASE_CONTACTS:
    case PHASE_CONSENT:
      return N_CONTACTS;
    case PHASE_MESSAGES:
    case PHASE_FAILURES:
    case PHASE_OPT_OUT:
      return N_MESSAGES;
    case PHASE_CALLS:
    case PHASE_VOICEMAILS:
    case PHASE_HANDLED:
      return N_CALLS;
    case PHASE_RECORDINGS:
    case PHASE_TRANSCRIPTS:
    case PHASE_SUMMARIES:
      return N_RECORDINGS;
    case PHASE_TEMPLATES:
      return G_N_ELEMENTS (templates);
    case PHASE_SEQUENCE:
      return 1;
    case PHASE_ENROLL:
    case PHASE_STOP:
      return G_N_ELEMENTS (enrolled);
    case PHASE_REPLY:
      return 2 * G_N_ELEMENTS (enrolled);   /* the first text, then the answer */
    case PHASE_DONE:
    default:
      return 0;
    }
}

/* Starts the store call of (phase, index); FALSE when that step has nothing
 * to do. */
static gboolean
start_step (GTask *task)
{
  Seed *seed = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint i = seed->index;

  switch (seed->phase)
    {
    case PHASE_CONTACTS:
      start_contact (seed, task, cancellable, i);
      return TRUE;
    case PHASE_CONSENT:
      return start_consent (seed, task, cancellable, i);
    case PHASE_MESSAGES:
      start_message (seed, task, cancellable, i);
      return TRUE;
    case PHASE_FAILURES:
      return start_failure (seed, task, cancellable, i);
    case PHASE_OPT_OUT:
      return start_opt_out (seed, task, cancellable, i);
    case PHASE_CALLS:
      start_call (seed, task, cancellable, i);
      return TRUE;
    case PHASE_RECORDINGS:
      return start_recording (seed, task, cancellable, i);
    case PHASE_TRANSCRIPTS:
      start_transcript (seed, task, cancellable, i);
      return TRUE;
    case PHASE_SUMMARIES:
      return start_summary (seed, task, cancellable, i);
    case PHASE_VOICEMAILS:
      return start_voicemail (seed, task, cancellable, i);
    case PHASE_HANDLED:
      if (calls[i].voicemail != VM_HANDLED)
        return FALSE;
      liaison_store_set_voicemail_handled_async (seed->store, seed->voicemail_ids[i], TRUE,
                                                 cancellable, op_done_cb, task);
      return TRUE;
    case PHASE_TEMPLATES:
      liaison_store_add_template_async (seed->store, DEMO (templates[i].name), DEMO (templates[i].body),
                                        DEMO (templates[i].category), cancellable, op_done_cb, task);
      return TRUE;
    case PHASE_SEQUENCE:
      start_sequence (seed, task, cancellable);
      return TRUE;
    case PHASE_ENROLL:
      /* Joined over the last days, in the order they became leads. */
      liaison_store_enroll_contact_async (seed->store, seed->sequence_id,
                                          seed->contact_ids[enrolled[i].person],
                                          seed->now - (gint64) (G_N_ELEMENTS (enrolled) - i) * 3600 * G_USEC_PER_SEC,
                                          cancellable, op_done_cb, task);
      return TRUE;
    case PHASE_REPLY:
      return start_reply (seed, task, cancellable, i);
    case PHASE_STOP:
      if (enrolled[i].fate != ENROLLED_STOPPED)
        return FALSE;
      liaison_store_stop_enrollment_async (seed->store, seed->enrollment_ids[i], cancellable,
                                           op_done_cb, task);
      return TRUE;
    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }
}

static void
run_next (GTask *task)
{
  Seed *seed = g_task_get_task_data (task);
  GError *error = NULL;

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
        {
          fail (task, error, FAILED_STORE);
          return;
        }
      if (seed->phase == PHASE_DONE)
        {
          g_debug ("Demo book seeded: %u contacts, %u texts, %u calls in %.0f ms",
                   (guint) N_CONTACTS, (guint) N_MESSAGES, (guint) N_CALLS,
                   (g_get_monotonic_time () - seed->started) / 1000.0);
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }
      if (seed->index >= phase_length (seed->phase))
        {
          seed->phase++;
          seed->index = 0;
          continue;
        }
      if (start_step (task))
        return;
      seed->index++;
    }
}

/* The recordings in the sim */

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Seed *seed = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "liaison-demo-recording"));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  GError *error = NULL;
  JsonNode *root;
  const char *sid = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body != NULL && soup_message_get_status (msg) != SOUP_STATUS_OK)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("The simulator answered HTTP %u %s"), soup_message_get_status (msg),
                         soup_message_get_reason_phrase (msg) != NULL ? soup_message_get_reason_phrase (msg) : "");
  if (error == NULL)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (body, &size);

      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, data, (gssize) size, &error))
        {
          root = json_parser_get_root (parser);
          if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
            sid = json_object_get_string_member_with_default (json_node_get_object (root), "sid", NULL);
          if (sid == NULL || !g_str_has_prefix (sid, "RE") || strlen (sid) != 34)
            error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                         _("The simulator did not return a recording SID"));
        }
    }

  if (error != NULL)
    {
      if (seed->post_error == NULL)
        seed->post_error = error;
      else
        g_error_free (error);
    }
  else
    seed->recording_sids[r] = g_strdup (sid);

  if (--seed->n_posts_pending > 0)
    return;

  if (seed->post_error != NULL)
    {
      fail (task, g_steal_pointer (&seed->post_error), FAILED_RECORDINGS);
      return;
    }
  run_next (task);
}

static void
post_recording (GTask *task,
                guint  r)
{
  Seed *seed = g_task_get_task_data (task);
  const DemoRecording *rec = &recordings[r];
  guint c = 0;
  g_autofree char *url = g_strconcat (seed->sim_url, "/_sim/recordings", NULL);
  g_autofree char *call_sid = NULL;
  g_autofree char *duration = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  const char *speech = DEMO (rec->speech);
  const char *other = rec->speech_other != NULL ? DEMO (rec->speech_other) : NULL;
  GHashTable *form = g_hash_table_new (g_str_hash, g_str_equal);

  call_of_recording (r, &c);
  call_sid = make_sid ("CA", "call", c);
  seed->recording_durations[r] = (int) liaison_speech_natural_duration (speech, other);
  /* A second of room: the speech engine may run a little longer than
   * the timing model in another language. */
  seed->recording_durations[r] += 1;
  duration = g_strdup_printf ("%d", seed->recording_durations[r]);

  g_hash_table_insert (form, (gpointer) "AccountSid", seed->account_sid);
  g_hash_table_insert (form, (gpointer) "CallSid", call_sid);
  g_hash_table_insert (form, (gpointer) "Source", (gpointer) (other != NULL ? "DialVerb" : "RecordVerb"));
  g_hash_table_insert (form, (gpointer) "Speech", (gpointer) speech);
  if (other != NULL)
    g_hash_table_insert (form, (gpointer) "SpeechOther", (gpointer) other);
  g_hash_table_insert (form, (gpointer) "Channels", (gpointer) (other != NULL ? "2" : "1"));
  g_hash_table_insert (form, (gpointer) "Duration", duration);
  msg = soup_message_new_from_encoded_form ("POST", url, soup_form_encode_hash (form));
  g_hash_table_unref (form);
  if (msg == NULL)
    {
      /* Not a URL: counted as the answer of this post. */
      GError *error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("“%s” is not a valid address"), seed->sim_url);

      if (seed->post_error == NULL)
        seed->post_error = error;
      else
        g_error_free (error);
      if (--seed->n_posts_pending == 0)
        fail (task, g_steal_pointer (&seed->post_error), FAILED_RECORDINGS);
      return;
    }
  g_object_set_data (G_OBJECT (msg), "liaison-demo-recording", GUINT_TO_POINTER (r));
  soup_session_send_and_read_async (seed->session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    posted_cb, task);
}

void
liaison_demo_book_seed_async (LiaisonStore        *store,
                              SoupSession         *session,
                              const char          *sim_url,
                              const char          *account_sid,
                              gint64               now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Seed *seed;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (sim_url != NULL);
  g_return_if_fail (account_sid != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  seed = g_new0 (Seed, 1);
  seed->store = g_object_ref (store);
  seed->session = g_object_ref (session);
  seed->sim_url = g_strdup (sim_url);
  /* No trailing slash: paths are appended. */
  while (g_str_has_suffix (seed->sim_url, "/"))
    seed->sim_url[strlen (seed->sim_url) - 1] = '\0';
  seed->account_sid = g_strdup (account_sid);
  seed->now = now;
  seed->tz = g_time_zone_new_local ();
  seed->started = g_get_monotonic_time ();

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_demo_book_seed_async);
  g_task_set_task_data (task, seed, seed_free);

  /* Every post answers (or fails) once; the last answer goes on. */
  seed->n_posts_pending = N_RECORDINGS;
  for (guint r = 0; r < N_RECORDINGS; r++)
    post_recording (task, r);
}

gboolean
liaison_demo_book_seed_finish (LiaisonStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
