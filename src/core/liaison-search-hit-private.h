/* liaison-search-hit-private.h
 *
 * Copyright 2026 The Liaison authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-search-hit.h"

G_BEGIN_DECLS

LiaisonSearchHit *_liaison_search_hit_new (LiaisonSearchHitKind  kind,
                                           gint64                id,
                                           gint64                thread_id,
                                           gint64                contact_id,
                                           gint64                transcript_id,
                                           gint64                start_ms,
                                           gint64                time,
                                           const char           *snippet);

G_END_DECLS
