/* entity: people, organizations and places; overlaps, acronyms, aliases.
 * Uses the gazetteer (token trie) and rules (patterns from data/). */
#ifndef CX_ENTITY_INT_H
#define CX_ENTITY_INT_H
#include "segment_int.h"
#include "util_int.h"

typedef struct cx_entity_rules cx_entity_rules;

typedef struct {
    cx_entity *v;
    size_t n, cap;
} cx_entity_vec;

/* Loads gazetteers (data/gazetteers/ plus cfg->gazetteers, less
 * cfg->disabled_lists) and entity patterns from data_dir. */
int cx_entity_rules_load(const cx_config *cfg, const char *data_dir, cx_entity_rules **out,
                         cx_error *err);
void cx_entity_rules_free(cx_entity_rules *r);
/* Loads the endings of family names (data_dir/entity/surname_endings.txt;
 * none when the file is missing or disabled as "surname_endings").
 * CX_OK, or CX_ERR_DATA / CX_ERR_NOMEM with err naming the file and line. */
int cx_entity_endings_load(cx_entity_rules *r, const cx_config *cfg, const char *data_dir,
                           cx_error *err);

/* Loads the closed word sets some rules read
 * (data_dir/entity/rule_words.txt; none when the file is missing or
 * disabled as "rule_words", and those rules then never fire). A bad line
 * is CX_ERR_DATA with the file and line in err. */
int cx_entity_words_load(cx_entity_rules *r, const cx_config *cfg, const char *data_dir,
                         cx_error *err);

/* For ctx.c's gazetteer image: the rules around a gazetteer loaded from
 * an image (taking it; NULL when out of memory, g then freed), and the
 * gazetteer of loaded rules (borrowed). */
struct cx_gaz;
cx_entity_rules *cx_entity_rules_wrap(struct cx_gaz *g);
const struct cx_gaz *cx_entity_rules_gaz(const cx_entity_rules *r);

/* Finds the entities of doc. Mentions get byte spans (cp spans are filled
 * in by the caller), in text order; entities in order of first mention.
 * Each entity's members are one block (cx_entity_fini with packed set).
 * Timexes are given so that a date is not taken for a name. */
int cx_entity_find(const cx_entity_rules *r, const cx_doc *doc, const cx_seg *seg,
                   const cx_timex *tx, size_t ntx, cx_entity_vec *out, cx_warning_vec *warn);

/* Frees the members of one entity (not the struct itself): one block
 * from its mentions when packed (as cx_entity_find makes them), else
 * each on its own. */
void cx_entity_fini(cx_entity *e, int packed);

#endif
