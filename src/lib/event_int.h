/* event: one event per dated clause, with the entities it names. */
#ifndef CX_EVENT_INT_H
#define CX_EVENT_INT_H
#include "segment_int.h"

/* Builds the events of a document, sorted as a timeline (by date
 * interval, ties in text order). *out is a new array (caller frees each
 * event's entities and the array). */
int cx_event_build(const cx_doc *doc, const cx_seg *seg, const cx_timex *tx, size_t ntx,
                   const cx_entity *ents, size_t nents, cx_event **out, size_t *n);

#endif
