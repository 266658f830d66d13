/* document: load, UTF-8 check, code point offsets. */
#ifndef CX_DOCUMENT_INT_H
#define CX_DOCUMENT_INT_H
#include "chronex.h"
#include <stdint.h>

/* Code point counts are kept every CX_CKPT bytes. */
#define CX_CKPT 64

typedef struct {
    const char *text; /* valid UTF-8, NUL-terminated, len bytes */
    size_t len;
    char *owned;    /* the copy text points into; always owned */
    uint32_t *ckpt; /* ckpt[i]: code points before byte i * CX_CKPT */
    size_t nckpt;
    size_t ncp;
    size_t n_invalid;          /* invalid UTF-8 sequences replaced */
    long first_invalid;        /* byte offset in the input of the first, or -1 */
    size_t first_invalid_text; /* its byte offset in text (for warnings) */
    int utf16;                 /* the input was UTF-16 and was converted */
} cx_doc;

/* Makes doc from input bytes: converts UTF-16 (with BOM) to UTF-8,
 * replaces invalid UTF-8 with U+FFFD. Returns CX_OK or CX_ERR_NOMEM /
 * CX_ERR_LIMIT (over 4 GiB). */
int cx_doc_init(cx_doc *doc, const char *bytes, size_t len);
void cx_doc_fini(cx_doc *doc);

/* The code point offset of byte offset off (off <= len, on a character
 * boundary). */
size_t cx_doc_cp(const cx_doc *doc, size_t off);

/* Decodes one code point at text[*i] (valid UTF-8), advancing *i. */
uint32_t cx_utf8_next(const char *text, size_t len, size_t *i);

#endif
