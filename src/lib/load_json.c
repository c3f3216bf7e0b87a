/* SPDX-License-Identifier: MIT */
/*
 * load_json.c: JSON front end, YAJL's callback parser fed in chunks.
 *
 * YAJL reports no positions, only how far into the current chunk it has
 * read when a callback runs. So this file walks the bytes of each chunk
 * itself, up to that offset, counting lines and columns (in characters);
 * the first byte after the previous token that is not blank, ',' or ':'
 * is where the current token starts (for a string, its opening quote).
 * Every byte is walked once, mostly eight at a time.
 *
 * The walk also checks UTF-8 strictly. YAJL checks only the shape of a
 * sequence (overlong forms, surrogates and code points past U+10FFFF get
 * through) and says nothing of where it is; the walk names the line and
 * column of the first bad sequence, even one split between chunks.
 *
 * YAJL keeps a string or number that spans chunks in a buffer of its own
 * until the token ends. To keep that buffer small, a token still open at
 * the end of a chunk that is already certain to exceed max_scalar stops
 * the load there.
 */
#include "loader.h"
#include "ring.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <yajl/yajl_parse.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define DEFAULT_CHUNK ((size_t)512 * 1024)

static size_t chunk_size;

void ordo_load_json_set_chunk_size(size_t n)
{
	chunk_size = n;
}

struct json {
	int (*token)(void *ctx, int kind, const void *s, size_t len); /* first: see take() */
	ordo_builder *b;
	yajl_handle h;
	const unsigned char *chunk; /* being parsed; NULL in yajl_complete_parse */
	size_t n;                   /* its length */
	size_t cur;                 /* chunk[0..cur) has been walked */
	size_t base;                /* input offset of chunk[0] */
	uint32_t line, col;         /* position of chunk[cur] */

	uint32_t need; /* UTF-8 continuation bytes still due */
	uint32_t cp, cp_min;
	uint32_t seq_line, seq_col; /* where that sequence began */
	bool bad;                   /* invalid UTF-8 at seq_line:seq_col */

	bool have_start;      /* a token has started and not ended */
	uint32_t sline, scol; /* where */
	size_t soff;          /* input offset of its first byte */
	size_t decoded;       /* its length, at least, once decoded */
	bool escape;          /* ... which has just read a backslash */
	uint32_t hex;         /* ... or has hex digits of an escape to read */
	bool any;             /* any token at all */
};

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* One byte that is not plain ASCII, or a newline. */
static void step(struct json *j, unsigned char c)
{
	if (j->need) {
		if ((c & 0xC0) != 0x80) {
			j->bad = true;
			return;
		}
		j->cp = (j->cp << 6) | (c & 0x3F);
		if (--j->need == 0 &&
		    (j->cp < j->cp_min || j->cp > 0x10FFFF || (j->cp >= 0xD800 && j->cp <= 0xDFFF)))
			j->bad = true;
		return;
	}
	if (c == '\n') {
		j->line++;
		j->col = 1;
		return;
	}
	j->seq_line = j->line;
	j->seq_col = j->col;
	j->col++;
	if (c < 0x80)
		return;
	if (c >= 0xC2 && c <= 0xDF)
		j->need = 1, j->cp_min = 0x80, j->cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		j->need = 2, j->cp_min = 0x800, j->cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		j->need = 3, j->cp_min = 0x10000, j->cp = c & 0x07;
	else
		j->bad = true;
}

#ifdef __SSE2__
/* Bits set in a 16-bit mask (without the popcnt instruction, which
 * baseline x86-64 lacks and GCC then calls a library function for). */
static inline uint32_t pop16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555u);
	x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
	x = (x + (x >> 4)) & 0x0F0Fu;
	return (x + (x >> 8)) & 0x1Fu;
}

/* Sixteen bytes at a time, read from the chunk even past e (the bytes
 * beyond e are masked off), so the short spans between tokens go through
 * here too. */
static inline unsigned span_of(const struct json *j, const unsigned char *p,
			       const unsigned char *e, unsigned *keep)
{
	unsigned k = e - p >= 16 ? 16 : (unsigned)(e - p);
	*keep = k == 16 ? 0xFFFFu : (1u << k) - 1;
	(void)j;
	return k;
}

/* ASCII: lines counted, the column taken from the last newline. Stops
 * before a block with a byte >= 0x80. */
static const unsigned char *advance16(struct json *j, const unsigned char *p,
				      const unsigned char *e)
{
	const unsigned char *limit = j->chunk + j->n;
	const __m128i nl = _mm_set1_epi8('\n');
	while (p < e && limit - p >= 16) {
		unsigned keep, k = span_of(j, p, e, &keep);
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		if ((unsigned)_mm_movemask_epi8(v) & keep)
			break;
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) & keep;
		if (m) {
			j->line += pop16(m);
			j->col = 1 + (k - 1 - (uint32_t)(31 - __builtin_clz(m)));
		} else {
			j->col += k;
		}
		p += k;
	}
	return p;
}

/* The first byte of p[0..e) that is not blank, ',' or ':' (e if none);
 * lines and columns counted up to it. */
static const unsigned char *skip_blanks16(struct json *j, const unsigned char *p,
					  const unsigned char *e)
{
	const unsigned char *limit = j->chunk + j->n;
	while (p < e && limit - p >= 16) {
		unsigned keep, k = span_of(j, p, e, &keep);
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i nlv = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
		__m128i blank = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), nlv),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
					      _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
				 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
					      _mm_cmpeq_epi8(v, _mm_set1_epi8(':')))));
		unsigned other = ~(unsigned)_mm_movemask_epi8(blank) & keep;
		unsigned n = other ? (unsigned)__builtin_ctz(other) : k;
		unsigned m = (unsigned)_mm_movemask_epi8(nlv) & ((1u << n) - 1);
		if (m) {
			j->line += pop16(m);
			j->col = 1 + (n - 1 - (uint32_t)(31 - __builtin_clz(m)));
		} else {
			j->col += n;
		}
		p += n;
		if (other)
			break;
	}
	return p;
}
#endif

/* Count lines and columns over p[0..e), checking UTF-8; stops at the
 * first invalid sequence (j->bad). */
static void advance(struct json *j, const unsigned char *p, const unsigned char *e)
{
	while (p < e && !j->bad) {
		if (!j->need) {
#ifdef __SSE2__
			p = advance16(j, p, e);
#endif
			/* runs of ASCII without a newline, eight bytes at a time */
			while (e - p >= 8) {
				uint64_t w, x;
				memcpy(&w, p, 8);
				x = w ^ (ONES * '\n');
				if ((w & HIGHS) || ((x - ONES) & ~x & HIGHS))
					break;
				j->col += 8;
				p += 8;
			}
			while (p < e && *p < 0x80 && *p != '\n') {
				j->col++;
				p++;
			}
			if (p == e)
				break;
		}
		step(j, *p++);
	}
}

/* Walk chunk[cur..end), noting where the next token starts. */
static void walk(struct json *j, size_t end)
{
	if (!j->chunk || end <= j->cur || j->bad)
		return;
	if (end > j->n)
		end = j->n;
	const unsigned char *p = j->chunk + j->cur, *e = j->chunk + end;
	if (!j->have_start) {
#ifdef __SSE2__
		p = skip_blanks16(j, p, e);
#endif
		for (; p < e; p++) {
			unsigned char c = *p;
			if (c == '\n') {
				j->line++;
				j->col = 1;
			} else if (c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':') {
				j->col++;
			} else {
				j->have_start = true;
				j->sline = j->line;
				j->scol = j->col;
				j->soff = j->base + (size_t)(p - j->chunk);
				j->decoded = 0;
				j->escape = false;
				j->hex = 0;
				j->any = true;
				break;
			}
		}
	}
	advance(j, p, e);
	j->cur = end;
}

static void report_bad_utf8(struct json *j)
{
	ordo_builder_error(j->b, j->seq_line, j->seq_col, "invalid UTF-8");
}

/* Called for every token YAJL reports, with how far into the chunk it had
 * read then: find where the token starts. False when the bytes up to it
 * are not valid UTF-8. */
static bool token_at(struct json *j, size_t at, uint32_t *line, uint32_t *col)
{
	if (j->chunk)
		walk(j, at);
	if (j->bad) {
		report_bad_utf8(j);
		return false;
	}
	if (j->have_start) {
		*line = j->sline;
		*col = j->scol;
	} else {
		*line = j->line;
		*col = j->col;
	}
	j->have_start = false;
	return true;
}

/* Whether s[0..n) is valid UTF-8 (ASCII eight bytes at a time). */
static bool valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint64_t w;
		if (n - i >= 8 && (memcpy(&w, s + i, 8), (w & HIGHS) == 0)) {
			i += 8;
			continue;
		}
		unsigned char c = s[i];
		size_t need;
		uint32_t min, cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1, min = 0x80, cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2, min = 0x800, cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= need)
			return false;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += need + 1;
	}
	return true;
}

/* What YAJL reports, the same whether it runs here or on a reader thread. */
enum {
	JV_NULL,
	JV_TRUE,
	JV_FALSE,
	JV_NUMBER,
	JV_STRING,  /* and keys */
	JV_MAP,
	JV_SEQ,
	JV_END,
	JV_CHUNK_END, /* reader thread only, below */
	JV_READ_ERROR,
	JV_FINISH,
	JV_DONE,
};

/* One token into the builder: 1, or 0 to stop (the reason recorded).
 * decoded: the string's text is not the bytes of the chunk (YAJL decoded
 * escapes in it or joined it across chunks), so it is checked again: what
 * YAJL decodes a lone "\udc00" to is not UTF-8. */
static int deliver(struct json *j, int kind, size_t at, const char *s, size_t len, bool decoded)
{
	uint32_t line, col;
	if (!token_at(j, at, &line, &col))
		return 0;
	switch (kind) {
	case JV_NULL:
		return ordo_builder_scalar(j->b, ORDO_NODE_NULL, "null", 4, false, line, col) == 0;
	case JV_TRUE:
		return ordo_builder_scalar(j->b, ORDO_NODE_BOOL, "true", 4, false, line, col) == 0;
	case JV_FALSE:
		return ordo_builder_scalar(j->b, ORDO_NODE_BOOL, "false", 5, false, line, col) == 0;
	case JV_NUMBER:
		return ordo_builder_scalar(j->b, ORDO_NODE_NUMBER, s, len, false, line, col) == 0;
	case JV_STRING:
		if (decoded && !valid_utf8((const unsigned char *)s, len)) {
			ordo_builder_error(j->b, line, col,
			                   "invalid JSON: unpaired surrogate escape in a string");
			return 0;
		}
		return ordo_builder_scalar(j->b, ORDO_NODE_STRING, s, len, true, line, col) == 0;
	case JV_MAP:
		return ordo_builder_begin(j->b, ORDO_NODE_MAP, line, col) == 0;
	case JV_SEQ:
		return ordo_builder_begin(j->b, ORDO_NODE_SEQ, line, col) == 0;
	default:
		return ordo_builder_end(j->b) == 0;
	}
}

/* Whether YAJL's text s is not the chunk's own bytes. */
static bool decoded_text(const struct json *j, const void *s, size_t len)
{
	const unsigned char *p = s;
	return !j->chunk || p < j->chunk || p > j->chunk + j->n || len > (size_t)(j->chunk + j->n - p);
}

static int here(void *ctx, int kind, const void *s, size_t len)
{
	struct json *j = ctx;
	return deliver(j, kind, j->chunk ? yajl_get_bytes_consumed(j->h) : 0, s, len,
	               kind == JV_STRING && decoded_text(j, s, len));
}

/* The callbacks, for both the parse here and the reader thread's: the
 * context begins with what takes the token. */
typedef int (*token_fn)(void *ctx, int kind, const void *s, size_t len);

static int take(void *ctx, int kind, const void *s, size_t len)
{
	return (*(token_fn *)ctx)(ctx, kind, s, len);
}

static int on_null(void *ctx)
{
	return take(ctx, JV_NULL, NULL, 0);
}

static int on_boolean(void *ctx, int v)
{
	return take(ctx, v ? JV_TRUE : JV_FALSE, NULL, 0);
}

static int on_number(void *ctx, const char *s, size_t len)
{
	return take(ctx, JV_NUMBER, s, len);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	return take(ctx, JV_STRING, s, len);
}

static int on_start_map(void *ctx)
{
	return take(ctx, JV_MAP, NULL, 0);
}

static int on_start_array(void *ctx)
{
	return take(ctx, JV_SEQ, NULL, 0);
}

static int on_end(void *ctx)
{
	return take(ctx, JV_END, NULL, 0);
}

static const yajl_callbacks callbacks = {
    on_null,      on_boolean, NULL,   NULL,           on_number, on_string,
    on_start_map, on_string,  on_end, on_start_array, on_end,
};

/* ---- errors ---- */

/* Where chunk[off] is, walking a copy from chunk[cur]. */
static void position_of(const struct json *j, size_t off, uint32_t *line, uint32_t *col)
{
	struct json t = *j;
	t.have_start = true; /* only count */
	walk(&t, off);
	*line = t.line;
	*col = t.col;
}

static void describe_byte(char *out, size_t size, unsigned char c)
{
	if (c == '\'')
		snprintf(out, size, "character \"'\"");
	else if (c > 0x20 && c < 0x7F)
		snprintf(out, size, "character '%c'", c);
	else
		snprintf(out, size, "byte 0x%02X", c);
}

/* YAJL's message, cleaned: no "parse error: " prefix, no full stop. */
static void yajl_message(yajl_handle h, char *out, size_t size)
{
	unsigned char *m = yajl_get_error(h, 0, NULL, 0);
	const char *s = (const char *)m;
	static const char *const prefixes[] = {"lexical error: ", "parse error: "};
	for (size_t i = 0; i < 2; i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			s += strlen(prefixes[i]);
	snprintf(out, size, "%s", s);
	size_t n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' ' || out[n - 1] == '.'))
		out[--n] = '\0';
	yajl_free_error(h, m);
}

static const struct {
	const char *yajl, *ours;
} rewordings[] = {
    {"trailing garbage", "unexpected text after the top-level value"},
    {"invalid object key (must be a string)", "an object key must be a string"},
    {"object key and value must be separated by a colon (':')", "expected ':' after an object key"},
    {"after key and value, inside map, I expect ',' or '}'",
     "expected ',' or '}' after an object member"},
    {"after array element, I expect ',' or ']'", "expected ',' or ']' after a list item"},
    {"probable comment found in input text, comments are not enabled", "comments are not allowed"},
    {"inside a string, '\\' occurs before a character which it may not",
     "invalid escape in a string"},
    {"invalid (non-hex) character occurs after '\\u' inside string",
     "'\\u' must be followed by four hex digits"},
};

/* Report YAJL's error msg (as yajl_message() gives it), found in the
 * token that ends at chunk[consumed] (or, in yajl_complete_parse, at the
 * end of the input). */
static void report(struct json *j, size_t consumed, const char *msg)
{
	char what[40];
	uint32_t line, col;
	if (j->chunk && consumed > j->n)
		consumed = j->n;

	walk(j, consumed);
	if (!j->bad && j->chunk && consumed < j->n) {
		/* YAJL may stop just before the byte that spoils a sequence */
		struct json t = *j;
		walk(&t, consumed + 1);
		j->bad = t.bad;
		j->seq_line = t.seq_line;
		j->seq_col = t.seq_col;
	}
	if (j->bad) {
		report_bad_utf8(j);
		return;
	}
	bool here = j->have_start && j->chunk && j->soff >= j->base;
	size_t start = here ? j->soff - j->base : 0;
	line = j->have_start ? j->sline : j->line;
	col = j->have_start ? j->scol : j->col;
	if (!j->have_start && j->chunk && consumed > 0 &&
	    (j->chunk[consumed - 1] == ',' || j->chunk[consumed - 1] == ':')) {
		/* a stray separator, which the walk skips as it skips blanks */
		start = consumed - 1;
		here = true;
		col = j->col - 1;
	}
	describe_byte(what, sizeof(what), here ? j->chunk[start] : 0);

	if (strcmp(msg, "invalid character inside string") == 0) {
		if (here) {
			size_t i = start;
			while (i < j->n && i <= consumed && j->chunk[i] >= 0x20)
				i++;
			if (i < j->n && i <= consumed) {
				struct json t = *j;
				t.cur = start;
				t.line = line;
				t.col = col;
				position_of(&t, i, &line, &col);
			}
		}
		ordo_builder_error(j->b, line, col,
		                   "invalid JSON: a control character in a string must be escaped");
		return;
	}
	if (strcmp(msg, "invalid char in json text") == 0 ||
	    strcmp(msg, "unallowed token at this point in JSON text") == 0) {
		if (here)
			ordo_builder_error(j->b, line, col, "invalid JSON: unexpected %s", what);
		else
			ordo_builder_error(j->b, line, col, "invalid JSON: unexpected token");
		return;
	}
	if (strcmp(msg, "invalid string in json text") == 0) {
		size_t end = start;
		while (here && end < j->n && end - start < 20 &&
		       ((j->chunk[end] >= 'a' && j->chunk[end] <= 'z') ||
		        (j->chunk[end] >= 'A' && j->chunk[end] <= 'Z')))
			end++;
		if (end > start)
			ordo_builder_error(j->b, line, col, "invalid JSON: '%.*s' is not a value",
			                   (int)(end - start), (const char *)j->chunk + start);
		else
			ordo_builder_error(j->b, line, col, "invalid JSON: unexpected %s", what);
		return;
	}
	if (strcmp(msg, "premature EOF") == 0) {
		ordo_builder_error(j->b, j->line, j->col, "invalid JSON: unexpected end of input");
		return;
	}
	for (size_t i = 0; i < sizeof(rewordings) / sizeof(rewordings[0]); i++) {
		if (strcmp(msg, rewordings[i].yajl) == 0) {
			ordo_builder_error(j->b, line, col, "invalid JSON: %s", rewordings[i].ours);
			return;
		}
	}
	ordo_builder_error(j->b, line, col, "invalid JSON: %s", msg);
}

/* ---- feeding ---- */

/* After a chunk: a token still open that is already longer than
 * max_scalar stops the load. YAJL reads such a token again from its start
 * at every chunk, so waiting for it to end would cost time quadratic in
 * its length. Its length is counted as YAJL will decode it, at least:
 * one byte for each escape, and one for each other byte. */
static int check_open_token(struct json *j, size_t from, bool had_start)
{
	if (!j->have_start)
		return 0;
	size_t i = had_start ? from : j->soff - j->base;
	if (!had_start && j->chunk[i] == '"')
		i++;
	for (; i < j->n; i++) {
		unsigned char c = j->chunk[i];
		if (j->hex) {
			j->hex--;
		} else if (j->escape) {
			j->escape = false;
			j->hex = c == 'u' ? 4 : 0;
		} else {
			j->escape = c == '\\';
			j->decoded++;
		}
	}
	size_t max = ordo_builder_max_scalar(j->b);
	if (j->decoded > max) {
		ordo_builder_error(j->b, j->sline, j->scol, "a scalar longer than %zu bytes", max);
		return ORDO_EINVALID;
	}
	return 0;
}

/* How much of a chunk goes to YAJL: up to a NUL byte, and no further than
 * the size limit; the load stops after it when either cut it. */
struct cut {
	size_t len;
	bool nul, too_big;
};

static struct cut cut_chunk(size_t base, size_t max_bytes, const unsigned char *p, size_t n)
{
	struct cut c;
	const unsigned char *nul = memchr(p, '\0', n);
	c.len = nul ? (size_t)(nul - p) : n;
	c.nul = nul != NULL;
	c.too_big = false;
	if (c.len > max_bytes - base) {
		c.len = max_bytes - base;
		c.too_big = true;
	}
	return c;
}

static void chunk_begin(struct json *j, const unsigned char *p, struct cut c)
{
	j->chunk = p;
	j->n = c.len;
	j->cur = 0;
}

/* After YAJL has parsed the chunk (st; on an error, consumed and its
 * message): the rest of the chunk walked, and what stops the load
 * reported. 0 or ORDO_EINVALID. */
static int chunk_end(struct json *j, yajl_status st, size_t consumed, const char *msg, struct cut c)
{
	uint32_t line, col;
	if (st == yajl_status_ok) {
		size_t from = j->cur;
		bool had = j->have_start;
		walk(j, c.len);
		if (j->bad) {
			report_bad_utf8(j);
			st = yajl_status_client_canceled;
		} else if (check_open_token(j, from, had)) {
			st = yajl_status_client_canceled;
		}
	}
	if (st == yajl_status_ok && c.too_big) {
		ordo_builder_error(j->b, j->line, j->col, "the input is larger than %zu bytes",
		                   ordo_builder_max_bytes(j->b));
		st = yajl_status_client_canceled;
	} else if (st == yajl_status_ok && c.nul) {
		position_of(j, c.len, &line, &col);
		ordo_builder_error(j->b, line, col, "NUL byte in input");
		st = yajl_status_client_canceled;
	}
	if (st == yajl_status_error)
		report(j, consumed, msg);
	j->base += c.len;
	j->chunk = NULL;
	if (st != yajl_status_ok && !ordo_builder_failed(j->b))
		ordo_builder_error(j->b, j->line, j->col, "invalid JSON");
	return st == yajl_status_ok ? 0 : ORDO_EINVALID;
}

static int feed(struct json *j, const unsigned char *p, size_t n)
{
	char msg[256] = "";
	struct cut c = cut_chunk(j->base, ordo_builder_max_bytes(j->b), p, n);
	chunk_begin(j, p, c);
	yajl_status st = yajl_parse(j->h, p, c.len);
	if (st == yajl_status_error)
		yajl_message(j->h, msg, sizeof(msg));
	return chunk_end(j, st, yajl_get_bytes_consumed(j->h), msg, c);
}

/* Before yajl_complete_parse: ORDO_EINVALID, 0 when there is nothing to
 * complete (the input was blank), 1 to go on. */
static int finish_begin(struct json *j)
{
	if (j->need) {
		report_bad_utf8(j); /* the input ends inside a sequence */
		return ORDO_EINVALID;
	}
	if (!j->any)
		return 0; /* nothing but blanks: an empty document */
	j->chunk = NULL;
	return 1;
}

static int finish_end(struct json *j, yajl_status st, const char *msg)
{
	if (st == yajl_status_error)
		report(j, 0, msg);
	if (st != yajl_status_ok && !ordo_builder_failed(j->b))
		ordo_builder_error(j->b, j->line, j->col, "invalid JSON");
	return st == yajl_status_ok ? 0 : ORDO_EINVALID;
}

static int finish(struct json *j)
{
	char msg[256] = "";
	int rc = finish_begin(j);
	if (rc <= 0)
		return rc;
	yajl_status st = yajl_complete_parse(j->h);
	if (st == yajl_status_error)
		yajl_message(j->h, msg, sizeof(msg));
	return finish_end(j, st, msg);
}

static void json_init(struct json *j, ordo_builder *b)
{
	memset(j, 0, sizeof(*j));
	j->token = here;
	j->b = b;
	j->line = 1;
	j->col = 1;
	j->h = yajl_alloc(&callbacks, NULL, j);
	if (!j->h)
		ordo_die("out of memory");
}

static size_t skip_bom(struct json *j, const unsigned char *p, size_t n)
{
	/* a byte order mark is not part of the text, nor a column */
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		j->base = 3;
		return 3;
	}
	return 0;
}

/* How much to feed next. While a token spans chunks, YAJL reads it again
 * from its start at every chunk; chunks as long as the token so far keep
 * that to twice its length rather than its square over the chunk size. */
static size_t next_step(const struct json *j)
{
	size_t step = chunk_size ? chunk_size : DEFAULT_CHUNK;
	size_t open = j && j->have_start ? j->base - j->soff : 0;
	return open > step ? open : step;
}

int ordo_load_json_buffer(ordo_builder *b, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	struct json j;
	int rc = 0;

	json_init(&j, b);
	size_t off = skip_bom(&j, p, len);
	while (off < len && rc == 0) {
		size_t step = next_step(&j);
		size_t n = len - off < step ? len - off : step;
		rc = feed(&j, p + off, n);
		off += n;
	}
	if (rc == 0)
		rc = finish(&j);
	yajl_free(j.h);
	return rc;
}

/* The file, parsed on this thread. */
static int load_file_here(ordo_builder *b, void *fp)
{
	size_t cap = next_step(NULL);
	unsigned char *buf = ordo_xmalloc(cap < 3 ? 3 : cap);
	bool first = true;
	struct json j;
	int rc = 0;

	json_init(&j, b);
	while (rc == 0) {
		size_t step = next_step(&j);
		if (step > cap) {
			cap = step;
			buf = ordo_xrealloc(buf, cap);
		}
		size_t n = fread(buf, 1, step, fp);
		if (n == 0) {
			if (ferror(fp)) {
				ordo_builder_read_error(b, errno ? errno : EIO);
				rc = ORDO_EINVALID;
			}
			break;
		}
		size_t skip = first ? skip_bom(&j, buf, n) : 0;
		first = false;
		rc = feed(&j, buf + skip, n - skip);
	}
	if (rc == 0)
		rc = finish(&j);
	yajl_free(j.h);
	free(buf);
	return rc;
}

/* ---- a file: YAJL on a reader thread ----
 *
 * The reader thread reads the file a chunk at a time into a block of the
 * ring and runs YAJL over it; each callback becomes an event that says
 * how far into the chunk YAJL had read, with its text as an offset into
 * the chunk (or, when YAJL decoded or joined it, a copy). After the chunk,
 * an event carries YAJL's status and message, and the block goes over.
 * This thread takes the blocks in order and does all the rest exactly as
 * feed() and finish() do: the walk that finds positions and checks UTF-8,
 * the builder, the reports. So the tree, the folds and every message are
 * those of a load on one thread, while YAJL's work and the builder's
 * overlap. The reader decides the size of the next chunk as next_step()
 * does, tracking where an unfinished token began the way the walk does. */

/* Sixteen bytes: ten million of them cross from one processor to the
 * other. Offsets fit, as a chunk is never longer than 4 GiB (r_next_step)
 * and a text never longer than its chunk. */
struct jev {
	uint8_t kind;
	uint8_t decoded; /* the text is a copy (JV_STRING, JV_NUMBER); YAJL's status (JV_CHUNK_END, JV_DONE) */
	uint32_t len;    /* of the text */
	uint32_t at;     /* how far into the chunk YAJL had read; errno (JV_READ_ERROR) */
	uint32_t text;   /* in the chunk, or in the block's text when decoded; a message's */
};

/* The numbers of a block (ordo_ring_block.u). */
enum { U_SKIP, U_CUT_LEN, U_NUL, U_TOO_BIG, U_CHUNK };

struct reader {
	token_fn token; /* first: see take() */
	yajl_handle h;
	ordo_ring *ring;
	FILE *fp;
	size_t max_bytes;
	const unsigned char *chunk; /* being parsed; NULL in yajl_complete_parse */
	size_t n;
	size_t base;     /* input offset of chunk[0] */
	bool open;       /* a token has started and not ended, from soff */
	size_t soff;
	size_t last_at;  /* where the chunk's last token ended */
	bool stopped;    /* told to stop */
};

static struct jev *r_event(struct reader *r, int kind)
{
	struct jev *e = ordo_ring_event(r->ring);
	if (!e) {
		r->stopped = true;
		return NULL;
	}
	*e = (struct jev){.kind = (uint8_t)kind};
	return e;
}

static void r_text(struct reader *r, struct jev *e, const char *s, size_t len)
{
	ordo_ring_block *k = ordo_ring_fill(r->ring);
	size_t at = ordo_ring_text(k, len + 1);
	if (len)
		memcpy(k->text + at, s, len);
	k->text[at + len] = '\0';
	e->text = (uint32_t)at;
	e->len = (uint32_t)len;
}

static int r_token(void *ctx, int kind, const void *s, size_t len)
{
	struct reader *r = ctx;
	struct jev *e = r_event(r, kind);
	if (!e)
		return 0;
	e->at = r->chunk ? (uint32_t)yajl_get_bytes_consumed(r->h) : 0;
	r->open = false;
	r->last_at = e->at;
	if (kind == JV_NUMBER || kind == JV_STRING) {
		const unsigned char *p = s;
		if (len > UINT32_MAX)
			len = UINT32_MAX; /* still past any scalar limit (loader.c) */
		if (r->chunk && len && p >= r->chunk && p <= r->chunk + r->n &&
		    len <= (size_t)(r->chunk + r->n - p)) {
			e->text = (uint32_t)(p - r->chunk);
			e->len = (uint32_t)len;
		} else {
			e->decoded = 1;
			r_text(r, e, s, len);
		}
	}
	return 1;
}

/* YAJL's status after a chunk or at the end, with its message. */
static bool r_status(struct reader *r, int kind, yajl_status st)
{
	struct jev *e = r_event(r, kind);
	if (!e)
		return false;
	e->decoded = (uint8_t)st;
	e->at = r->chunk ? (uint32_t)yajl_get_bytes_consumed(r->h) : 0;
	if (st == yajl_status_error) {
		char msg[256];
		yajl_message(r->h, msg, sizeof(msg));
		r_text(r, e, msg, strlen(msg));
	}
	return true;
}

static size_t r_next_step(const struct reader *r)
{
	size_t step = chunk_size ? chunk_size : DEFAULT_CHUNK;
	size_t open = r->open ? r->base - r->soff : 0;
	if (open > UINT32_MAX)
		open = UINT32_MAX; /* a token this long is past any scalar limit */
	return open > step ? open : step;
}

/* After a chunk YAJL took: whether a token is left open, and from where
 * (the first byte after the last token that is not blank, ',' or ':', as
 * the walk finds it). */
static void r_track(struct reader *r, bool any_token)
{
	if (r->open)
		return;
	for (size_t i = any_token ? r->last_at : 0; i < r->n; i++) {
		unsigned char c = r->chunk[i];
		if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != ',' && c != ':') {
			r->open = true;
			r->soff = r->base + i;
			return;
		}
	}
}

static void r_parse(struct reader *r)
{
	bool first = true;
	for (;;) {
		size_t step = r_next_step(r);
		ordo_ring_block *k = ordo_ring_fill(r->ring);
		if (!k)
			return; /* told to stop */
		ordo_ring_data(k, step < 3 ? 3 : step);
		size_t n = fread(k->data, 1, step, r->fp);
		if (n == 0) {
			if (ferror(r->fp)) {
				struct jev *e = r_event(r, JV_READ_ERROR);
				if (e)
					e->at = (uint32_t)(errno ? errno : EIO);
				ordo_ring_hand_over(r->ring, true, ORDO_EINVALID);
				return;
			}
			break;
		}
		size_t skip = 0;
		if (first && n >= 3 && k->data[0] == 0xEF && k->data[1] == 0xBB && k->data[2] == 0xBF) {
			skip = 3;
			r->base = 3;
		}
		first = false;
		struct cut c = cut_chunk(r->base, r->max_bytes, k->data + skip, n - skip);
		k->u[U_SKIP] = skip;
		k->u[U_CUT_LEN] = c.len;
		k->u[U_NUL] = c.nul;
		k->u[U_TOO_BIG] = c.too_big;
		k->u[U_CHUNK] = 1;
		r->chunk = k->data + skip;
		r->n = c.len;
		size_t before = k->nev;
		yajl_status st = yajl_parse(r->h, r->chunk, c.len);
		if (r->stopped || !r_status(r, JV_CHUNK_END, st))
			return;
		if (st == yajl_status_ok)
			r_track(r, k->nev > before + 1);
		r->chunk = NULL;
		r->base += c.len;
		bool stop = st != yajl_status_ok || c.too_big || c.nul;
		ordo_ring_hand_over(r->ring, stop, stop ? ORDO_EINVALID : 0);
		if (stop)
			return;
	}
	if (!r_event(r, JV_FINISH))
		return;
	yajl_status st = yajl_complete_parse(r->h);
	if (r->stopped || !r_status(r, JV_DONE, st))
		return;
	ordo_ring_hand_over(r->ring, true, 0);
	return;
}

static void *r_main(void *arg)
{
	struct reader *r = arg;
	prctl(PR_SET_NAME, "ordo-reader", 0, 0, 0); /* for ps and perf */
	/* made here, so YAJL's state, written on every token, comes from this
	 * thread's memory and shares no line with the builder's */
	r->h = yajl_alloc(&callbacks, NULL, r);
	if (!r->h)
		ordo_die("out of memory");
	r_parse(r);
	yajl_free(r->h);
	return NULL;
}

/* One block's events, as feed() and finish() would handle them: 0 to go
 * on, 1 when the load is complete, ORDO_EINVALID when it failed. */
static int take_block(struct json *j, const ordo_ring_block *k)
{
	const struct jev *ev = k->ev;
	struct cut c = {k->u[U_CUT_LEN], k->u[U_NUL] != 0, k->u[U_TOO_BIG] != 0};
	if (k->u[U_CHUNK]) {
		if (k->u[U_SKIP])
			j->base = k->u[U_SKIP];
		chunk_begin(j, k->data + k->u[U_SKIP], c);
	}
	for (size_t i = 0; i < k->nev; i++) {
		const struct jev *e = &ev[i];
		/* a token's text, or a status event's message */
		const char *text = "";
		if (e->decoded && (e->kind == JV_NUMBER || e->kind == JV_STRING || e->len))
			text = k->text + e->text;
		else if (e->kind == JV_NUMBER || e->kind == JV_STRING)
			text = (const char *)j->chunk + e->text;
		int rc;
		switch (e->kind) {
		case JV_CHUNK_END:
			rc = chunk_end(j, (yajl_status)e->decoded, e->at, text, c);
			if (rc)
				return rc;
			break;
		case JV_READ_ERROR:
			ordo_builder_read_error(j->b, (int)e->at);
			return ORDO_EINVALID;
		case JV_FINISH:
			rc = finish_begin(j);
			if (rc <= 0)
				return rc < 0 ? rc : 1;
			break;
		case JV_DONE:
			rc = finish_end(j, (yajl_status)e->decoded, text);
			return rc ? rc : 1;
		default:
			if (!deliver(j, e->kind, e->at, text, e->len, e->decoded)) {
				/* the callback would have stopped YAJL here */
				if (!ordo_builder_failed(j->b))
					ordo_builder_error(j->b, j->line, j->col, "invalid JSON");
				return ORDO_EINVALID;
			}
		}
	}
	return 0;
}

int ordo_load_json_file(ordo_builder *b, void *fp)
{
	/* the reader writes its state on every token: lines of its own */
	struct reader *r = ordo_xcalloc_lines(sizeof(*r));
	struct json j;
	pthread_t t;
	int rc;
	r->ring = ordo_ring_new(sizeof(struct jev));
	r->fp = fp;
	r->max_bytes = ordo_builder_max_bytes(b);
	r->token = r_token;
	if (pthread_create(&t, NULL, r_main, r) != 0) {
		rc = load_file_here(b, fp);
		goto done;
	}
	memset(&j, 0, sizeof(j));
	j.b = b;
	j.line = 1;
	j.col = 1;
	for (;;) {
		ordo_ring_block *k = ordo_ring_take(r->ring);
		rc = take_block(&j, k);
		bool last = k->last;
		if (!rc && last)
			rc = k->rc ? k->rc : ORDO_EINVALID; /* the reader stopped without saying why */
		ordo_ring_give_back(r->ring, !last && rc != 0);
		if (rc || last)
			break;
	}
	pthread_join(t, NULL);
	if (rc == 1)
		rc = 0;
done:
	ordo_ring_free(r->ring);
	free(r);
	return rc;
}
