/* SPDX-License-Identifier: MIT */
/*
 * load_yaml.c: YAML front end, libyaml's event parser.
 *
 * Input reaches libyaml through our read handler, a few KiB at a time,
 * from a FILE* or from memory. On the way the handler checks every byte:
 * NUL bytes, invalid UTF-8 and characters YAML forbids are reported with
 * their line and column (libyaml would give only a byte offset).
 *
 * The handler also bounds what libyaml buffers. libyaml holds a scalar in
 * memory until it ends, so a 100 MB scalar would cost 100 MB before the
 * builder could refuse it. The handler counts the characters read since
 * the last event that are neither blanks nor comments; when that passes
 * max_scalar (plus what libyaml reads ahead), a token that long is being
 * read and the load stops, naming the line and column where it began.
 * Those starts are found by keeping the latest "runs" (a non-blank
 * character after a blank or a flow indicator) in a ring, so the run that
 * follows an event's end can be looked up when the event arrives, even
 * though libyaml has read past it.
 *
 * Scalars are typed by the YAML 1.2 core schema; a few explicit tags are
 * honoured and any other is an error.
 */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define PIECE    2048 /* bytes handed to libyaml per read */
#define FILE_BUF ((size_t)64 * 1024)
#define RING     4096                /* run starts remembered: those of 8 KiB at least */
#define SLACK    ((size_t)64 * 1024) /* more than libyaml ever reads ahead */

struct run {
	size_t index;   /* character index, as libyaml counts marks */
	size_t counted; /* characters counted before it */
	uint32_t line, col;
};

enum problem { P_NONE, P_NUL, P_UTF8, P_CONTROL };

struct source {
	ordo_builder *b;
	FILE *fp;
	const unsigned char *buf; /* the bytes not yet handed over: buf[pos..len) */
	size_t len, pos;
	unsigned char *mem; /* file buffer */
	size_t total;       /* bytes handed to libyaml */
	size_t max_bytes, max_scalar;
	bool stop; /* a problem was recorded: the handler fails */

	/* the character being read: where it is and what it holds */
	uint32_t line, col;
	size_t index;
	size_t counted;
	bool blank; /* the previous character was blank, a break or a flow indicator */
	bool space; /* ... was blank or a break (a '#' then starts a comment) */
	bool comment;
	bool cr;        /* the previous byte was '\r' */
	bool indicator; /* the previous character was a '-', '?' or ':' after a blank */
	struct run ind_run;
	uint32_t need; /* UTF-8 continuation bytes still due */
	uint32_t cp, cp_min;
	uint32_t seq_line, seq_col; /* where the current UTF-8 sequence began */

	/* a problem found ahead of what libyaml has read; reported once it
	 * asks for more, so an earlier syntax error wins */
	enum problem problem;
	uint32_t p_line, p_col, p_value;

	struct run runs[RING];
	size_t nruns;    /* ever noted; the ring holds the last RING */
	size_t next_run; /* the first run not before the last event's end */
	bool win_set;    /* win is the first run since the last event */
	struct run win;
};

/* ---- reading ---- */

static bool is_flow_indicator(unsigned char c)
{
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':';
}

/* Printable ASCII that neither ends a token nor starts a run. */
static bool in_token(unsigned char c)
{
	return c > 0x20 && c < 0x7F && !is_flow_indicator(c);
}

/* The end of a run of token bytes from p[k] on, before n. avail (>= n)
 * bytes may be read: sixteen at a time where they are there, the bytes
 * past n masked off. */
static size_t token_run(const unsigned char *p, size_t k, size_t n, size_t avail)
{
#ifdef __SSE2__
	while (k < n && avail - k >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
		/* signed: bytes >= 0x80 are negative, so "< 0x21" takes them too */
		__m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)),
					   _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
		bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
						     _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
		bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
						     _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))));
		bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')),
						     _mm_cmpeq_epi8(v, _mm_set1_epi8('}'))));
		unsigned m = (unsigned)_mm_movemask_epi8(bad);
		size_t stop = m ? k + (size_t)__builtin_ctz(m) : k + 16;
		if (stop >= n)
			return n;
		if (m)
			return stop;
		k = stop;
	}
#else
	(void)avail;
#endif
	while (k < n && in_token(p[k]))
		k++;
	return k;
}

static void note_run(struct source *s, const struct run *r)
{
	s->runs[s->nruns++ % RING] = *r;
	if (!s->win_set) {
		s->win = *r;
		s->win_set = true;
	}
}

/* A new event ended at character index `end`: the next token starts at
 * the first run at or after it. Runs are in index order in the ring and
 * events end in order too, so a cursor only moves forward. */
static void window_reset(struct source *s, size_t end)
{
	size_t oldest = s->nruns > RING ? s->nruns - RING : 0;
	if (s->next_run < oldest)
		s->next_run = oldest;
	while (s->next_run < s->nruns && s->runs[s->next_run % RING].index < end)
		s->next_run++;
	s->win_set = s->next_run < s->nruns;
	if (s->win_set)
		s->win = s->runs[s->next_run % RING];
}

static void set_problem(struct source *s, enum problem p, uint32_t line, uint32_t col,
                        uint32_t value)
{
	s->problem = p;
	s->p_line = line;
	s->p_col = col;
	s->p_value = value;
}

static void report_problem(struct source *s)
{
	switch (s->problem) {
	case P_NUL:
		ordo_builder_error(s->b, s->p_line, s->p_col, "NUL byte in input");
		break;
	case P_UTF8:
		ordo_builder_error(s->b, s->p_line, s->p_col, "invalid UTF-8");
		break;
	case P_CONTROL:
		ordo_builder_error(s->b, s->p_line, s->p_col,
		                   "control character U+%04X is not allowed", s->p_value);
		break;
	case P_NONE:
		break;
	}
	s->stop = true;
}

/* A character (not a continuation byte) starts at the current position. */
static void character(struct source *s, uint32_t c)
{
	if (c == '\n' || c == '\r') {
		if (!(c == '\n' && s->cr)) {
			s->line++;
			s->col = 1;
		}
		s->index++;
		s->cr = c == '\r';
		s->blank = s->space = true;
		s->comment = s->indicator = false;
		return;
	}
	s->cr = false;
	if (c == ' ' || c == '\t') {
		s->blank = s->space = true;
		s->indicator = false;
	} else if (!s->comment) {
		if (c == '#' && s->space) {
			s->comment = true;
		} else {
			struct run here = {s->index, s->counted, s->line, s->col};
			if (s->indicator) {
				/* "-x": the '-' began a plain scalar after all */
				note_run(s, &s->ind_run);
				s->indicator = false;
			} else if (s->blank && (c == '-' || c == '?' || c == ':')) {
				/* "- ", "? ", ": " are indicators, not a token */
				s->indicator = true;
				s->ind_run = here;
			} else if (s->blank) {
				note_run(s, &here);
			}
			s->counted++;
			s->blank = c < 0x80 && is_flow_indicator((unsigned char)c);
			s->space = false;
		}
	}
	s->index++;
	s->col++;
}

/* Check and account for p[0..n). Returns how many bytes are fine; on a
 * problem, it is noted in s->problem and the bytes from the character
 * that has it on are not handed over. */
static size_t classify(struct source *s, const unsigned char *p, size_t n, size_t avail)
{
	size_t i = 0;
	if (s->total == 0 && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3; /* a byte order mark: libyaml skips it, marks do not count it */
	for (; i < n; i++) {
		unsigned char c = p[i];
		if (!s->need && (s->comment || (!s->blank && !s->indicator))) {
			/* the common cases in bulk: the rest of a comment, or of a
			 * token, in plain ASCII */
			size_t k = i;
			if (s->comment)
				while (k < n && p[k] >= 0x20 && p[k] < 0x7F)
					k++;
			else
				k = token_run(p, k, n, avail);
			if (k > i) {
				size_t m = k - i;
				s->col += (uint32_t)m;
				s->index += m;
				if (!s->comment)
					s->counted += m;
				s->cr = false;
				i = k - 1;
				continue;
			}
		}
		if (c == ' ' && !s->need && s->blank && s->space && !s->indicator) {
			/* indentation and other runs of spaces after a blank change
			 * nothing but the position */
			size_t k = i;
			while (k < n && p[k] == ' ')
				k++;
			s->col += (uint32_t)(k - i);
			s->index += k - i;
			s->cr = false;
			i = k - 1;
			continue;
		}
		if (s->need) {
			if ((c & 0xC0) != 0x80) {
				set_problem(s, P_UTF8, s->seq_line, s->seq_col, 0);
				return i;
			}
			s->cp = (s->cp << 6) | (c & 0x3F);
			if (--s->need)
				continue;
			if (s->cp < s->cp_min || s->cp > 0x10FFFF ||
			    (s->cp >= 0xD800 && s->cp <= 0xDFFF)) {
				set_problem(s, P_UTF8, s->seq_line, s->seq_col, 0);
				return i;
			}
			if ((s->cp >= 0x80 && s->cp <= 0x9F && s->cp != 0x85) || s->cp == 0xFFFE ||
			    s->cp == 0xFFFF) {
				set_problem(s, P_CONTROL, s->seq_line, s->seq_col, s->cp);
				return i;
			}
			continue;
		}
		if (c < 0x80) {
			if (c == 0) {
				set_problem(s, P_NUL, s->line, s->col, 0);
				return i;
			}
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
				set_problem(s, P_CONTROL, s->line, s->col, c);
				return i;
			}
			character(s, c);
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			s->need = 1, s->cp_min = 0x80, s->cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			s->need = 2, s->cp_min = 0x800, s->cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			s->need = 3, s->cp_min = 0x10000, s->cp = c & 0x07;
		else {
			set_problem(s, P_UTF8, s->line, s->col, 0);
			return i;
		}
		s->seq_line = s->line;
		s->seq_col = s->col;
		character(s, 0x80); /* counted as a character of a token */
	}
	return n;
}

/* The next bytes to hand over, or 0 at the end of the input. */
static size_t next_bytes(struct source *s)
{
	if (s->pos < s->len || !s->fp)
		return s->len - s->pos;
	size_t n = fread(s->mem, 1, FILE_BUF, s->fp);
	if (n == 0 && ferror(s->fp)) {
		ordo_builder_read_error(s->b, errno ? errno : EIO);
		s->stop = true;
	}
	s->buf = s->mem;
	s->len = n;
	s->pos = 0;
	return n;
}

static int read_handler(void *data, unsigned char *out, size_t size, size_t *size_read)
{
	struct source *s = data;
	*size_read = 0;
	if (s->stop)
		return 0;
	if (s->problem) {
		report_problem(s);
		return 0;
	}
	size_t n = next_bytes(s);
	if (s->stop)
		return 0;
	if (n == 0) {
		if (s->need) {
			set_problem(s, P_UTF8, s->seq_line, s->seq_col, 0);
			report_problem(s);
			return 0;
		}
		return 1; /* the end */
	}
	if (n > size)
		n = size;
	if (n > PIECE)
		n = PIECE;
	if (n > s->max_bytes - s->total) {
		ordo_builder_error(s->b, s->line, s->col, "the input is larger than %zu bytes",
		                   s->max_bytes);
		s->stop = true;
		return 0;
	}
	size_t ok = classify(s, s->buf + s->pos, n, s->len - s->pos);
	if (s->win_set && s->counted - s->win.counted > s->max_scalar + SLACK) {
		ordo_builder_error(s->b, s->win.line, s->win.col, "a scalar longer than %zu bytes",
		                   s->max_scalar);
		s->stop = true;
		return 0;
	}
	if (ok == 0) {
		report_problem(s);
		return 0;
	}
	memcpy(out, s->buf + s->pos, ok);
	s->pos += ok;
	s->total += ok;
	*size_read = ok;
	return 1;
}

/* ---- typing scalars (YAML 1.2 core schema) ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_null(const char *s, size_t n)
{
	return n == 0 || ordo_streq(s, n, "~") || ordo_streq(s, n, "null") ||
	       ordo_streq(s, n, "Null") || ordo_streq(s, n, "NULL");
}

static bool is_bool(const char *s, size_t n)
{
	return ordo_streq(s, n, "true") || ordo_streq(s, n, "True") || ordo_streq(s, n, "TRUE") ||
	       ordo_streq(s, n, "false") || ordo_streq(s, n, "False") || ordo_streq(s, n, "FALSE");
}

static bool all_of(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]) || s[i] == '\0')
			return false;
	return true;
}

/* [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
static bool is_int(const char *s, size_t n)
{
	if (n > 2 && s[0] == '0' && s[1] == 'o')
		return all_of(s + 2, n - 2, "01234567");
	if (n > 2 && s[0] == '0' && s[1] == 'x')
		return all_of(s + 2, n - 2, "0123456789abcdefABCDEF");
	if (n && (s[0] == '-' || s[0] == '+'))
		s++, n--;
	return all_of(s, n, "0123456789");
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF)
 * | \.(nan|NaN|NAN) */
static bool is_float(const char *s, size_t n)
{
	if (ordo_streq(s, n, ".nan") || ordo_streq(s, n, ".NaN") || ordo_streq(s, n, ".NAN"))
		return true;
	if (n && (s[0] == '-' || s[0] == '+'))
		s++, n--;
	if (ordo_streq(s, n, ".inf") || ordo_streq(s, n, ".Inf") || ordo_streq(s, n, ".INF"))
		return true;
	size_t i = 0, before = 0, after = 0;
	while (i < n && is_digit(s[i]))
		i++, before++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && is_digit(s[i]))
			i++, after++;
		if (!before && !after)
			return false;
	} else if (!before) {
		return false;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t digits = 0;
		while (i < n && is_digit(s[i]))
			i++, digits++;
		if (!digits)
			return false;
	}
	return i == n;
}

static ordo_node_type plain_type(const char *s, size_t n)
{
	if (n == 0)
		return ORDO_NODE_NULL;
	switch (s[0]) {
	case '~':
	case 'n':
	case 'N':
		return is_null(s, n) ? ORDO_NODE_NULL : ORDO_NODE_STRING;
	case 't':
	case 'T':
	case 'f':
	case 'F':
		return is_bool(s, n) ? ORDO_NODE_BOOL : ORDO_NODE_STRING;
	case '-':
	case '+':
	case '.':
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
		return is_int(s, n) || is_float(s, n) ? ORDO_NODE_NUMBER : ORDO_NODE_STRING;
	default:
		return ORDO_NODE_STRING;
	}
}

/* ---- tags ---- */

#define CORE "tag:yaml.org,2002:"

enum tag {
	TAG_NONE,
	TAG_BANG,
	TAG_STR,
	TAG_INT,
	TAG_FLOAT,
	TAG_BOOL,
	TAG_NULL,
	TAG_MAP,
	TAG_SEQ,
	TAG_OTHER
};

static enum tag tag_of(const char *tag)
{
	static const struct {
		const char *name;
		enum tag tag;
	} core[] = {
	    {"str", TAG_STR},   {"int", TAG_INT}, {"float", TAG_FLOAT}, {"bool", TAG_BOOL},
	    {"null", TAG_NULL}, {"map", TAG_MAP}, {"seq", TAG_SEQ},
	};
	if (!tag)
		return TAG_NONE;
	if (strcmp(tag, "!") == 0)
		return TAG_BANG; /* the non-specific tag: a string, or as is */
	if (strncmp(tag, CORE, strlen(CORE)) == 0)
		for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++)
			if (strcmp(tag + strlen(CORE), core[i].name) == 0)
				return core[i].tag;
	return TAG_OTHER;
}

/* The tag as it is usually written: "!!int", not the full URI. */
static const char *short_tag(const char *tag, int *prefix)
{
	if (strncmp(tag, CORE, strlen(CORE)) == 0) {
		*prefix = 1;
		return tag + strlen(CORE);
	}
	*prefix = 0;
	return tag;
}

static void bad_tag(ordo_builder *b, const char *tag, const char *what, uint32_t line, uint32_t col)
{
	int core;
	const char *t = short_tag(tag, &core);
	if (what)
		ordo_builder_error(b, line, col, "tag '%s%s' used on %s", core ? "!!" : "", t,
		                   what);
	else
		ordo_builder_error(b, line, col, "unsupported tag '%s%s'", core ? "!!" : "", t);
}

static int on_scalar(ordo_builder *b, const yaml_event_t *ev, uint32_t line, uint32_t col)
{
	const char *text = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag;
	size_t n = ev->data.scalar.length;
	bool quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
	              ev->data.scalar.style != YAML_ANY_SCALAR_STYLE;
	ordo_node_type type;
	bool fits = true;

	if (n > ordo_builder_max_scalar(b))
		return ordo_builder_scalar(b, ORDO_NODE_STRING, text, n, quoted, line, col);
	switch (tag_of(tag)) {
	case TAG_NONE:
		type = quoted ? ORDO_NODE_STRING : plain_type(text, n);
		break;
	case TAG_OTHER:
		bad_tag(b, tag, NULL, line, col);
		type = quoted ? ORDO_NODE_STRING : plain_type(text, n);
		break;
	case TAG_MAP:
	case TAG_SEQ:
		bad_tag(b, tag, "a scalar", line, col);
		type = ORDO_NODE_STRING;
		break;
	case TAG_BANG:
	case TAG_STR:
		type = ORDO_NODE_STRING;
		break;
	case TAG_INT:
		type = ORDO_NODE_NUMBER;
		fits = is_int(text, n);
		break;
	case TAG_FLOAT:
		type = ORDO_NODE_NUMBER;
		fits = is_int(text, n) || is_float(text, n);
		break;
	case TAG_BOOL:
		type = ORDO_NODE_BOOL;
		fits = is_bool(text, n);
		break;
	case TAG_NULL:
	default:
		type = ORDO_NODE_NULL;
		fits = is_null(text, n);
		break;
	}
	if (!fits) {
		int core, shown = n > 60 ? 57 : (int)n;
		const char *t = short_tag(tag, &core);
		ordo_builder_error(b, line, col, "invalid %s%s value '%.*s%s'", core ? "!!" : "", t,
		                   shown, text, (size_t)shown < n ? "..." : "");
		type = ORDO_NODE_STRING;
	}
	return ordo_builder_scalar(b, type, text, n, quoted, line, col);
}

static int on_start(ordo_builder *b, ordo_node_type type, const char *tag, uint32_t line,
                    uint32_t col)
{
	enum tag t = tag_of(tag);
	if (t != TAG_NONE && t != TAG_BANG && t != (type == ORDO_NODE_MAP ? TAG_MAP : TAG_SEQ))
		bad_tag(b, tag,
		        t == TAG_OTHER          ? NULL
		        : type == ORDO_NODE_MAP ? "a mapping"
		                                : "a list",
		        line, col);
	return ordo_builder_begin(b, type, line, col);
}

/* ---- events ---- */

static uint32_t line_of(yaml_mark_t m)
{
	return m.line + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(m.line + 1);
}

static uint32_t col_of(yaml_mark_t m)
{
	return m.column + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(m.column + 1);
}

static int on_event(ordo_builder *b, const yaml_event_t *ev, int *documents)
{
	uint32_t line = line_of(ev->start_mark), col = col_of(ev->start_mark);
	const yaml_char_t *anchor = NULL;
	int rc = 0;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*documents > 1) {
			ordo_builder_error(b, line, col, "more than one document in the file");
			return ORDO_EINVALID;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		return ordo_builder_alias(b, (const char *)ev->data.alias.anchor, line, col);
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return ordo_builder_end(b);
	default:
		return 0;
	}
	if (anchor && (rc = ordo_builder_anchor(b, (const char *)anchor)) != 0)
		return rc;
	if (ev->type == YAML_SCALAR_EVENT)
		return on_scalar(b, ev, line, col);
	if (ev->type == YAML_SEQUENCE_START_EVENT)
		return on_start(b, ORDO_NODE_SEQ, (const char *)ev->data.sequence_start.tag, line,
		                col);
	return on_start(b, ORDO_NODE_MAP, (const char *)ev->data.mapping_start.tag, line, col);
}

static void report(ordo_builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "cannot parse";
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		ordo_die("out of memory");
	case YAML_READER_ERROR:
		ordo_builder_error(b, 0, 0, "invalid YAML: %s (at byte %zu)", problem,
		                   p->problem_offset);
		return;
	default:
		break;
	}
	uint32_t line = line_of(p->problem_mark), col = col_of(p->problem_mark);
	if (p->context && p->context_mark.line != p->problem_mark.line)
		ordo_builder_error(b, line, col, "invalid YAML: %s (%s that starts at line %u)",
		                   problem, p->context, line_of(p->context_mark));
	else if (p->context)
		ordo_builder_error(b, line, col, "invalid YAML: %s (%s)", problem, p->context);
	else
		ordo_builder_error(b, line, col, "invalid YAML: %s", problem);
}

static int parse(ordo_builder *b, struct source *s)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int documents = 0, rc = 0;

	s->b = b;
	s->line = s->col = 1;
	s->blank = s->space = true;
	s->max_bytes = ordo_builder_max_bytes(b);
	s->max_scalar = ordo_builder_max_scalar(b);
	if (!yaml_parser_initialize(&parser))
		ordo_die("out of memory");
	yaml_parser_set_input(&parser, read_handler, s);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (!s->stop)
				report(b, &parser);
			rc = ORDO_EINVALID;
			break;
		}
		window_reset(s, ev.end_mark.index);
		rc = on_event(b, &ev, &documents);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (rc || end)
			break;
	}
	yaml_parser_delete(&parser);
	return rc || ordo_builder_failed(b) ? ORDO_EINVALID : 0;
}

int ordo_load_yaml_buffer(ordo_builder *b, const char *buf, size_t len)
{
	struct source *s = ordo_xcalloc(1, sizeof(*s));
	s->buf = (const unsigned char *)buf;
	s->len = len;
	int rc = parse(b, s);
	free(s);
	return rc;
}

int ordo_load_yaml_file(ordo_builder *b, void *fp)
{
	struct source *s = ordo_xcalloc(1, sizeof(*s));
	s->fp = fp;
	s->mem = ordo_xmalloc(FILE_BUF);
	int rc = parse(b, s);
	free(s->mem);
	free(s);
	return rc;
}
