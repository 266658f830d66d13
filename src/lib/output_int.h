/* output: the only module that builds or reads cJSON trees. */
#ifndef CX_OUTPUT_INT_H
#define CX_OUTPUT_INT_H
#include "chronex.h"

/* Names of the enum values as they appear in JSON. */
const char *cx_entity_type_name(cx_entity_type t);
const char *cx_timex_type_name(cx_timex_type t);
const char *cx_dct_source_name(cx_dct_source s);

#endif
