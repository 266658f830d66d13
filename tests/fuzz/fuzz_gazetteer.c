/* Fuzz target: the gazetteer file loader (as a user gazetteer, the way
 * --gazetteer loads it). A malformed file must fail with a file and a line
 * and leave nothing allocated. */
#include "fuzz.h"
#include "gazetteer_int.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = cx_fuzz_tmpfile(data, size, ".lst");
    if (!path)
        return 0;
    cx_gaz *g = cx_gaz_new();
    if (!g)
        return 0;
    cx_error err;
    memset(&err, 0, sizeof err);
    int rc = cx_gaz_load_file(g, path, 1, &err);
    if (rc == CX_ERR_DATA && (strcmp(err.file, path) != 0 || err.line < 1))
        cx_fuzz_fail("gazetteer error", "does not name the file and line");
    if (rc != CX_OK && !err.message[0])
        cx_fuzz_fail("gazetteer error", "no message");
    cx_gaz_free(g);
    return 0;
}
