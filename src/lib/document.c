/* document: turn input bytes into valid UTF-8 text with code point
 * checkpoints, so that byte spans map to code point offsets cheaply. */
#include "document_int.h"
#include "util_int.h"
#include <stdlib.h>
#include <string.h>

static size_t S_put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* UTF-16 becomes UTF-8; unpaired surrogates and NULs become U+FFFD. A
 * BOM is kept as U+FEFF so offsets count it. */
static int S_from_utf16(cx_doc *doc, const unsigned char *b, size_t len, int be)
{
    size_t units = len / 2;
    char *o = malloc(units * 3 + 4 + 1);
    if (!o)
        return CX_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < units; i++) {
        uint32_t u = be ? (uint32_t)(b[2 * i] << 8 | b[2 * i + 1])
                        : (uint32_t)(b[2 * i + 1] << 8 | b[2 * i]);
        int bad = 0;
        if (u >= 0xD800 && u < 0xDC00 && i + 1 < units) {
            uint32_t v = be ? (uint32_t)(b[2 * i + 2] << 8 | b[2 * i + 3])
                            : (uint32_t)(b[2 * i + 3] << 8 | b[2 * i + 2]);
            if (v >= 0xDC00 && v < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                i++;
            } else {
                bad = 1;
            }
        } else if ((u >= 0xD800 && u < 0xE000) || u == 0) {
            bad = 1; /* a NUL too, as in UTF-8: the text is a C string */
        }
        if (bad) {
            u = 0xFFFD;
            if (doc->first_invalid < 0) {
                doc->first_invalid = (long)(2 * i);
                doc->first_invalid_text = n;
            }
            doc->n_invalid++;
        }
        n += S_put_utf8(o + n, u);
    }
    if (len % 2) {
        if (doc->first_invalid < 0) {
            doc->first_invalid = (long)(len - 1);
            doc->first_invalid_text = n;
        }
        n += S_put_utf8(o + n, 0xFFFD);
        doc->n_invalid++;
    }
    o[n] = '\0';
    doc->owned = o;
    doc->len = n;
    doc->utf16 = 1;
    return CX_OK;
}

/* Copies the input, replacing each invalid byte with U+FFFD (3 bytes),
 * so that every input byte that was not text counts as one code point.
 * Valid input (nearly all of it) is checked once and copied whole. */
static int S_from_utf8(cx_doc *doc, const unsigned char *b, size_t len)
{
    size_t valid = cx_utf8_prefix(b, len);
    if (valid == len) {
        char *o = malloc(len + 1);
        if (!o)
            return CX_ERR_NOMEM;
        memcpy(o, b, len);
        o[len] = '\0';
        doc->owned = o;
        doc->len = len;
        return CX_OK;
    }
    size_t extra = 0;
    for (size_t i = valid; i < len;) {
        size_t k = cx_utf8_seq(b + i, len - i);
        if (k == 0 || (k == 1 && b[i] == 0)) {
            if (doc->first_invalid < 0) {
                doc->first_invalid = (long)i;
                doc->first_invalid_text = i; /* all before it was valid */
            }
            doc->n_invalid++;
            extra += 2;
            k = 1;
        }
        i += k;
    }
    char *o = malloc(len + extra + 1);
    if (!o)
        return CX_ERR_NOMEM;
    memcpy(o, b, valid);
    size_t n = valid;
    for (size_t i = valid; i < len;) {
        size_t k = cx_utf8_seq(b + i, len - i);
        if (k == 0 || (k == 1 && b[i] == 0)) {
            n += S_put_utf8(o + n, 0xFFFD);
            i++;
            continue;
        }
        memcpy(o + n, b + i, k);
        n += k;
        i += k;
    }
    o[n] = '\0';
    doc->owned = o;
    doc->len = n;
    return CX_OK;
}

/* 0: not UTF-16; 1: little-endian; 2: big-endian. A byte order mark
 * decides; without one, text whose every other byte is NUL (English in
 * UTF-16) is taken for UTF-16, as no UTF-8 text looks like that. */
static int S_utf16_kind(const unsigned char *b, size_t len)
{
    if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        return 1;
    if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        return 2;
    if (len < 8 || len % 2)
        return 0;
    size_t n = (len < 4096 ? len : 4096) / 2, zero_even = 0, zero_odd = 0;
    /* text without a NUL (nearly every document) is no UTF-16; memchr
     * finds that at a small fraction of the count below */
    if (!memchr(b, 0, 2 * n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        zero_even += b[2 * i] == 0;
        zero_odd += b[2 * i + 1] == 0;
    }
    if (zero_even == 0 && zero_odd * 10 >= n * 9)
        return 1;
    if (zero_odd == 0 && zero_even * 10 >= n * 9)
        return 2;
    return 0;
}

/* The continuation bytes (10xxxxxx) among eight: the byte's top bit set
 * and the next bit (shifted up into the top bit's place) clear; the
 * multiplication adds the eight 0/1 bytes up into the top byte. */
static size_t S_cont8(uint64_t v)
{
    uint64_t c = v & ~(v << 1) & CX_BYTES_HI;
    return (size_t)(((c >> 7) * CX_BYTES_LO) >> 56);
}

/* The code points of text[a, e): bytes that are no continuation byte,
 * eight a step. */
static size_t S_count_cp(const char *text, size_t a, size_t e)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t n = 0;
    for (; a + 8 <= e; a += 8)
        n += 8 - S_cont8(cx_load8(t + a));
    for (; a < e; a++)
        n += (t[a] & 0xC0) != 0x80;
    return n;
}

/* The code points of a whole checkpoint block at t: news is mostly
 * ASCII, and a block without a byte past ASCII holds CX_CKPT of them. */
static size_t S_block_cp(const unsigned char *t)
{
    uint64_t any = 0;
    for (size_t a = 0; a < CX_CKPT; a += 8)
        any |= cx_load8(t + a);
    if (!(any & CX_BYTES_HI))
        return CX_CKPT;
    return S_count_cp((const char *)t, 0, CX_CKPT);
}

int cx_doc_init(cx_doc *doc, const char *bytes, size_t len)
{
    memset(doc, 0, sizeof *doc);
    doc->first_invalid = -1;
    const unsigned char *b = (const unsigned char *)bytes;
    if (len > UINT32_MAX / 2)
        return CX_ERR_LIMIT;
    int kind = S_utf16_kind(b, len);
    int rc = kind ? S_from_utf16(doc, b, len, kind == 2) : S_from_utf8(doc, b, len);
    if (rc != CX_OK)
        return rc;
    doc->text = doc->owned;
    doc->nckpt = doc->len / CX_CKPT + 1;
    doc->ckpt = malloc(doc->nckpt * sizeof *doc->ckpt);
    if (!doc->ckpt) {
        cx_doc_fini(doc);
        return CX_ERR_NOMEM;
    }
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t cps = 0, k = 0;
    for (; k + 1 < doc->nckpt; k++) { /* the blocks before the last are whole */
        doc->ckpt[k] = (uint32_t)cps;
        cps += S_block_cp(t + k * CX_CKPT);
    }
    doc->ckpt[k] = (uint32_t)cps;
    cps += S_count_cp(doc->text, k * CX_CKPT, doc->len);
    doc->ncp = cps;
    return CX_OK;
}

void cx_doc_fini(cx_doc *doc)
{
    free(doc->owned);
    free(doc->ckpt);
    memset(doc, 0, sizeof *doc);
}

size_t cx_doc_cp(const cx_doc *doc, size_t off)
{
    if (off >= doc->len)
        return doc->ncp;
    size_t k = off / CX_CKPT, a = k * CX_CKPT;
    /* a block with as many code points as bytes has no continuation
     * byte, so every byte before off in it is one code point; the
     * usual case in news, answered without reading the text */
    size_t next = k + 1 < doc->nckpt ? doc->ckpt[k + 1] : doc->ncp;
    size_t size = doc->len - a < CX_CKPT ? doc->len - a : CX_CKPT;
    if (next - doc->ckpt[k] == size)
        return doc->ckpt[k] + (off - a);
    return doc->ckpt[k] + S_count_cp(doc->text, a, off);
}

uint32_t cx_utf8_next(const char *text, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)text + *i;
    uint32_t c = s[0];
    size_t k = 1;
    if (c >= 0xF0 && *i + 3 < len + 1) {
        c = ((c & 7u) << 18) | ((s[1] & 63u) << 12) | ((s[2] & 63u) << 6) | (s[3] & 63u);
        k = 4;
    } else if (c >= 0xE0) {
        c = ((c & 15u) << 12) | ((s[1] & 63u) << 6) | (s[2] & 63u);
        k = 3;
    } else if (c >= 0xC0) {
        c = ((c & 31u) << 6) | (s[1] & 63u);
        k = 2;
    }
    *i += k;
    return c;
}
