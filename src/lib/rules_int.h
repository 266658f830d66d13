/* rules: PCRE2 patterns and word lists kept as data files.
 *
 * A list file holds one entry a line, '#' comments. A pattern file holds
 * lines "NAME<TAB>REGEX"; inside REGEX, %{list} is replaced by an
 * alternation of the entries of data/lists/list.txt (escaped, longest
 * first). Patterns are compiled once, JIT where available, and matched
 * with match and depth limits. */
#ifndef CX_RULES_INT_H
#define CX_RULES_INT_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "chronex.h"

typedef struct {
    char **v;
    size_t n;
} cx_strlist;

/* Reads a list file into out (entries owned). Missing file: CX_ERR_IO. */
int cx_strlist_load(const char *path, cx_strlist *out, cx_error *err);
void cx_strlist_fini(cx_strlist *l);
/* Index of s in l (exact, case-insensitive ASCII), or -1. Linear. */
long cx_strlist_find(const cx_strlist *l, const char *s, size_t len);

typedef struct {
    char *name;
    pcre2_code *re;
} cx_pattern;

typedef struct {
    cx_pattern *v;
    size_t n;
    uint32_t max_ovec; /* largest capture count + 1 */
} cx_patterns;

/* Loads and compiles the pattern file at path; list macros are looked up
 * in list_dir. Compile options: UTF | UCP, plus extra_opts. */
int cx_patterns_load(const char *path, const char *list_dir, uint32_t extra_opts,
                     cx_patterns *out, cx_error *err);
void cx_patterns_fini(cx_patterns *p);
/* The pattern named name, or NULL. */
const cx_pattern *cx_patterns_get(const cx_patterns *p, const char *name);

/* Matches re against subject from offset start with the project's match
 * and depth limits. Returns the pcre2_match result: > 0 a match, 
 * PCRE2_ERROR_NOMATCH, or another negative (limits: the caller warns). */
int cx_re_match(const pcre2_code *re, const char *subject, size_t len, size_t start,
                uint32_t options, pcre2_match_data *md);

/* Joins dir and name into a new string (caller frees). */
char *cx_path_join(const char *dir, const char *name);

/* Sets err (may be NULL). */
void cx_error_set(cx_error *err, int code, const char *file, long line, const char *fmt, ...);

#endif
