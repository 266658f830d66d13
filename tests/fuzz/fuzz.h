/* Shared pieces of the fuzz targets (docs/robustness.md).
 *
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput. Built with clang
 * -fsanitize=fuzzer it is a libFuzzer target; linked with replay.c it is a
 * plain program that runs every file of a corpus, which make check does. */
#ifndef CX_FUZZ_H
#define CX_FUZZ_H
#include "chronex.h"
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The context over the data folder ($CHRONEX_DATA_DIR or the source
 * tree's), loaded once and freed at exit. Aborts when it cannot load:
 * a target without data would test nothing. */
const cx_ctx *cx_fuzz_ctx(void);

/* Writes data to a per-process temporary file and returns its path
 * (static storage, overwritten by the next call); NULL on failure. */
const char *cx_fuzz_tmpfile(const uint8_t *data, size_t size, const char *suffix);

/* A NUL-terminated copy of data (caller frees). */
char *cx_fuzz_strdup(const uint8_t *data, size_t size);

/* Checks a result's invariants: text is valid UTF-8 without NUL bytes,
 * every span lies on code point boundaries inside the text, cp offsets
 * count the code points before the byte offsets, indices are in range.
 * Aborts with a message on the first violation. */
void cx_fuzz_check_result(const cx_result *res);

/* Checks a document JSON against res: every "text" next to "start" and
 * "end" is exactly the code point slice of res->text. Aborts on a
 * violation. */
void cx_fuzz_check_json(const cx_result *res, const char *json);

/* Aborts with a message (a fuzzer finding), or exits with status 1 when
 * cx_fuzz_exit_on_fail is set (tests/cli/jsoncheck). */
extern int cx_fuzz_exit_on_fail;
void cx_fuzz_fail(const char *what, const char *detail) __attribute__((noreturn));

#endif
