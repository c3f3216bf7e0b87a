/* SPDX-License-Identifier: MIT */
/*
 * expr.c: the condition language: a lexer, a recursive-descent parser that
 * builds an AST in the caller's arena, and a tree-walking evaluator.
 *
 * Everything that can be decided once is decided at compile time: string
 * escapes are decoded, constant lists become value arrays, and every path
 * gets its dotted text for traces and for lint. Evaluation allocates only
 * for traces, for strings it makes (lower) and for lists built from
 * non-constant items.
 */
#include "expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH        64 /* nesting of parentheses, lists, calls and `not` */
#define MAX_SHOWN        32 /* bytes of a token quoted in a message */
#define MAX_FORMAT_ITEMS 20

/* ---- lexer ---------------------------------------------------------- */

enum {
	T_END,
	T_ERR,
	T_LP,
	T_RP,
	T_LB,
	T_RB,
	T_COMMA,
	T_DOT,
	T_DFLT,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_STR,
	T_NUM,
	T_IDENT,
	/* keywords: also accepted as keys after '.' */
	T_AND,
	T_OR,
	T_NOT,
	T_IN,
	T_HAS,
	T_TRUE,
	T_FALSE,
	T_NULL,
};

typedef struct {
	int kind;
	uint32_t off, len;
} token;

static const struct {
	const char *word;
	int kind;
} keywords[] = {
    {"and", T_AND}, {"or", T_OR},     {"not", T_NOT},     {"in", T_IN},
    {"has", T_HAS}, {"true", T_TRUE}, {"false", T_FALSE}, {"null", T_NULL},
};

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_char(char c)
{
	return is_ident_start(c) || is_digit(c) || c == '-';
}

/* ---- AST ------------------------------------------------------------ */

enum {
	K_LIT,
	K_LIST,
	K_PATH,
	K_NOT,
	K_AND,
	K_OR,
	K_CMP,
	K_IN, /* `a in b`, `a not in b`, `b has a` */
	K_DFLT,
	K_CALL,
};

enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

enum {
	F_ANY,
	F_ALL,
	F_COUNT,
	F_LEN,
	F_EXISTS,
	F_CONTAINS,
	F_LOWER,
	F_STARTS_WITH,
	F_RELEASE,
	F_SUB,
	F_MATCHES_ANY,
};

static const struct {
	const char *name;
	uint8_t min, max;
} functions[] = {
    [F_ANY] = {"any", 2, 2},
    [F_ALL] = {"all", 2, 2},
    [F_COUNT] = {"count", 1, 2},
    [F_LEN] = {"len", 1, 1},
    [F_EXISTS] = {"exists", 1, 1},
    [F_CONTAINS] = {"contains", 2, 2},
    [F_LOWER] = {"lower", 1, 1},
    [F_STARTS_WITH] = {"starts_with", 2, 2},
    [F_RELEASE] = {"release", 1, 1},
    [F_SUB] = {"sub", 1, 1},
    [F_MATCHES_ANY] = {"matches_any", 2, 2},
};
#define N_FUNCTIONS (sizeof(functions) / sizeof(functions[0]))

typedef struct enode enode;

typedef struct {
	const char *key; /* .key: NUL-terminated; NULL for [index] */
	uint32_t keylen;
	enode *index;
} path_step;

struct enode {
	uint8_t kind;
	uint8_t op;   /* K_CMP: OP_*; K_CALL: F_* */
	bool negate;  /* K_IN: `not in` */
	bool has;     /* K_IN: written `list has item` (operands a=list, b=item) */
	uint32_t off; /* source span */
	uint32_t end;
	union {
		struct {
			ordo_value v;
			/* The last scale this literal was parsed on: comparing a
			 * version with a literal parses the literal once. */
			const ordo_scale *scale;
			ordo_version ver;
			bool ok;
			const char *why; /* why not ok; NULL: not text */
		} lit;
		struct {
			enode **items;
			uint32_t n;
			ordo_value *consts; /* all items literal: their values */
		} list;
		struct {
			const char *root; /* NULL for `it` */
			path_step *steps;
			uint32_t n;
			bool dynamic;      /* some index is not a literal */
			const char *trace; /* static trace text; under `it` the part after it */
			const char *lint;  /* root-relative text for lint; NULL: unknown base */
		} path;
		struct {
			enode *a, *b;
		} bin;
		struct {
			enode **args;
			uint32_t n;
		} call;
	} u;
};

struct ordo_expr {
	enode *root;
	const char *src;
	ordo_loc loc;
	enode **paths; /* every path node, in source order */
	uint32_t npaths;
};

/* ---- locations ------------------------------------------------------ */

static ordo_loc loc_at(const ordo_loc *base, const char *src, uint32_t off)
{
	ordo_loc l = {NULL, 1, 1};
	if (base)
		l = *base;
	uint32_t nl = 0, line_start = 0;
	for (uint32_t i = 0; i < off && src[i]; i++) {
		if (src[i] == '\n') {
			nl++;
			line_start = i + 1;
		}
	}
	if (nl) {
		l.line += nl;
		l.col = off - line_start + 1;
	} else {
		l.col += off;
	}
	return l;
}

/* ---- parser --------------------------------------------------------- */

typedef struct {
	ordo_arena *a;
	const char *src;
	size_t len;
	token tok;
	const ordo_loc *loc;
	ordo_diag *d;
	bool failed;
	int depth;
	/* lint text of the lists that `it` iterates, innermost last; an entry
	 * is NULL when that list is not a path */
	const char *it_base[MAX_DEPTH + 1];
#define MAX_ITER_DEPTH 3
	int it_depth;
	ordo_vec paths;
} parser;

static void perr(parser *p, uint32_t off, const char *fmt, ...) ORDO_PRINTF(3, 4);

static void perr(parser *p, uint32_t off, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = true;
	ordo_loc l = loc_at(p->loc, p->src, off);
	va_list ap;
	va_start(ap, fmt);
	ordo_diag_vadd(p->d, &l, fmt, ap);
	va_end(ap);
}

/* Scan the token at pos into p->tok; a lexical error is reported at once
 * and gives T_ERR. */
static void lex(parser *p, size_t pos)
{
	const char *s = p->src;
	size_t n = p->len;
	while (pos < n && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	token *t = &p->tok;
	t->off = (uint32_t)pos;
	t->len = 1;
	if (pos >= n) {
		t->kind = T_END;
		t->len = 0;
		return;
	}
	char c = s[pos], c2 = pos + 1 < n ? s[pos + 1] : '\0';
	switch (c) {
	case '(':
		t->kind = T_LP;
		return;
	case ')':
		t->kind = T_RP;
		return;
	case '[':
		t->kind = T_LB;
		return;
	case ']':
		t->kind = T_RB;
		return;
	case ',':
		t->kind = T_COMMA;
		return;
	case '.':
		t->kind = T_DOT;
		return;
	case '?':
		if (c2 == '?') {
			t->kind = T_DFLT;
			t->len = 2;
			return;
		}
		break;
	case '=':
		if (c2 == '=') {
			t->kind = T_EQ;
			t->len = 2;
			return;
		}
		break;
	case '!':
		if (c2 == '=') {
			t->kind = T_NE;
			t->len = 2;
			return;
		}
		break;
	case '<':
	case '>':
		t->kind = c == '<' ? (c2 == '=' ? T_LE : T_LT) : (c2 == '=' ? T_GE : T_GT);
		t->len = c2 == '=' ? 2 : 1;
		return;
	case '\'':
	case '"': {
		size_t i = pos + 1;
		for (; i < n && s[i] != c; i++) {
			if (s[i] != '\\')
				continue;
			if (i + 1 >= n) {
				i = n;
				break;
			}
			char e = s[i + 1];
			if (!strchr("\\'\"nt", e)) {
				t->kind = T_ERR;
				perr(p, (uint32_t)i, "unknown escape '\\%c' in string", e);
				return;
			}
			i++;
		}
		if (i >= n) {
			t->kind = T_ERR;
			perr(p, (uint32_t)pos, "unterminated string");
			return;
		}
		t->kind = T_STR;
		t->len = (uint32_t)(i + 1 - pos);
		return;
	}
	default:
		break;
	}
	if (is_digit(c) || (c == '-' && is_digit(c2))) {
		size_t i = pos + 1;
		while (i < n && is_digit(s[i]))
			i++;
		if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
			i++;
			while (i < n && is_digit(s[i]))
				i++;
		}
		size_t j = i;
		while (j < n && is_ident_char(s[j]))
			j++;
		t->kind = T_NUM;
		t->len = (uint32_t)(j - pos);
		if (j != i) {
			t->kind = T_ERR;
			int shown = (int)(j - pos < MAX_SHOWN ? j - pos : MAX_SHOWN);
			perr(p, (uint32_t)pos, "malformed number '%.*s'", shown, s + pos);
		} else if (i - pos > 40) {
			t->kind = T_ERR;
			perr(p, (uint32_t)pos, "number too long");
		}
		return;
	}
	if (is_ident_start(c)) {
		size_t i = pos + 1;
		while (i < n && is_ident_char(s[i]))
			i++;
		t->kind = T_IDENT;
		t->len = (uint32_t)(i - pos);
		for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if (ordo_streq(s + pos, t->len, keywords[k].word))
				t->kind = keywords[k].kind;
		return;
	}
	t->kind = T_ERR;
	if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
		perr(p, (uint32_t)pos, "unexpected byte 0x%02x", (unsigned)(unsigned char)c);
	else
		perr(p, (uint32_t)pos, "unexpected character '%c'", c);
}

static void next(parser *p)
{
	lex(p, p->tok.off + p->tok.len);
}

/* "expected X but found Y", or the end of the source. */
static void unexpected(parser *p, const char *expected)
{
	const token *t = &p->tok;
	if (t->kind == T_ERR)
		return; /* already reported */
	if (t->kind == T_END) {
		perr(p, t->off, "unexpected end of expression");
		return;
	}
	int shown = t->len > MAX_SHOWN ? MAX_SHOWN : (int)t->len;
	const char *more = t->len > MAX_SHOWN ? "..." : "";
	const char *text = p->src + t->off;
	if (t->kind == T_STR) /* already quoted */
		perr(p, t->off, "expected %s but found %.*s%s", expected, shown, text, more);
	else
		perr(p, t->off, "expected %s but found '%.*s%s'", expected, shown, text, more);
}

static bool expect(parser *p, int kind, const char *what)
{
	if (p->failed)
		return false;
	if (p->tok.kind != kind) {
		unexpected(p, what);
		return false;
	}
	next(p);
	return true;
}

static enode *mk(parser *p, int kind, uint32_t off, uint32_t end)
{
	enode *n = ordo_arena_alloc(p->a, sizeof(*n));
	n->kind = (uint8_t)kind;
	n->off = off;
	n->end = end;
	return n;
}

static enode **vec_to_arena(parser *p, const ordo_vec *v)
{
	enode **items = ordo_arena_alloc(p->a, (v->len ? v->len : 1) * sizeof(*items));
	for (size_t i = 0; i < v->len; i++)
		items[i] = v->items[i];
	return items;
}

static char *decode_string(parser *p, const token *t)
{
	const char *s = p->src + t->off + 1;
	size_t n = t->len - 2;
	char *out = ordo_arena_alloc(p->a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

/* Text of a literal inside a path ("[0]", "[VMM01]"). */
static void put_index_text(ordo_buf *b, const ordo_value *v)
{
	ordo_buf_putc(b, '[');
	if (v->type == ORDO_VAL_STR)
		ordo_buf_put(b, v->u.str.s, v->u.str.len);
	else
		ordo_val_format(v, b);
	ordo_buf_putc(b, ']');
}

static enode *parse_or(parser *p);

static bool enter(parser *p)
{
	if (++p->depth > MAX_DEPTH) {
		perr(p, p->tok.off, "expression nested too deeply");
		return false;
	}
	return true;
}

static const char *list_lint_base(const enode *n)
{
	while (n && n->kind == K_DFLT)
		n = n->u.bin.a;
	return n && n->kind == K_PATH ? n->u.path.lint : NULL;
}

static enode *parse_path(parser *p, token name)
{
	bool is_it = ordo_streq(p->src + name.off, name.len, "it");
	if (is_it && p->it_depth == 0) {
		perr(p, name.off, "'it' used outside any/all/count");
		return NULL;
	}
	ordo_vec steps = ORDO_VEC_INIT;
	uint32_t end = name.off + name.len;
	while (!p->failed) {
		path_step *st;
		if (p->tok.kind == T_DOT) {
			next(p);
			if (p->tok.kind != T_IDENT &&
			    !(p->tok.kind >= T_AND && p->tok.kind <= T_NULL)) {
				unexpected(p, "a name");
				break;
			}
			st = ordo_arena_alloc(p->a, sizeof(*st));
			st->key = ordo_arena_strndup(p->a, p->src + p->tok.off, p->tok.len);
			st->keylen = p->tok.len;
			end = p->tok.off + p->tok.len;
			next(p);
		} else if (p->tok.kind == T_LB) {
			if (!enter(p))
				break;
			next(p);
			enode *idx = parse_or(p);
			p->depth--;
			end = p->tok.off + 1;
			if (!idx || !expect(p, T_RB, "']'"))
				break;
			st = ordo_arena_alloc(p->a, sizeof(*st));
			st->index = idx;
		} else {
			break;
		}
		ordo_vec_push(&steps, st);
	}
	if (p->failed) {
		ordo_vec_release(&steps);
		return NULL;
	}

	enode *n = mk(p, K_PATH, name.off, end);
	n->u.path.root = is_it ? NULL : ordo_arena_strndup(p->a, p->src + name.off, name.len);
	n->u.path.n = (uint32_t)steps.len;
	n->u.path.steps = ordo_arena_alloc(p->a, (steps.len ? steps.len : 1) * sizeof(path_step));

	/* the texts: trace "facts.x[0].y", lint "facts.x[].y" */
	ordo_buf trace = ORDO_BUF_INIT, lint = ORDO_BUF_INIT;
	const char *base = is_it ? p->it_base[p->it_depth - 1] : n->u.path.root;
	bool lint_ok = base != NULL;
	if (is_it) {
		if (base) {
			ordo_buf_puts(&lint, base);
			ordo_buf_puts(&lint, "[]");
		}
	} else {
		ordo_buf_puts(&trace, base);
		ordo_buf_puts(&lint, base);
	}
	for (size_t i = 0; i < steps.len; i++) {
		const path_step *st = steps.items[i];
		n->u.path.steps[i] = *st;
		if (st->key) {
			ordo_buf_putc(&trace, '.');
			ordo_buf_put(&trace, st->key, st->keylen);
			ordo_buf_putc(&lint, '.');
			ordo_buf_put(&lint, st->key, st->keylen);
		} else if (st->index->kind == K_LIT) {
			const ordo_value *v = &st->index->u.lit.v;
			put_index_text(&trace, v);
			if (v->type == ORDO_VAL_STR) {
				ordo_buf_putc(&lint, '.');
				ordo_buf_put(&lint, v->u.str.s, v->u.str.len);
			} else {
				ordo_buf_puts(&lint, "[]");
			}
		} else {
			n->u.path.dynamic = true;
			ordo_buf_puts(&lint, "[]");
		}
	}
	ordo_vec_release(&steps);
	if (!n->u.path.dynamic)
		n->u.path.trace = ordo_arena_strndup(p->a, ordo_buf_cstr(&trace), trace.len);
	n->u.path.lint = lint_ok ? ordo_arena_strndup(p->a, ordo_buf_cstr(&lint), lint.len) : NULL;
	ordo_buf_release(&trace);
	ordo_buf_release(&lint);
	ordo_vec_push(&p->paths, n);
	return n;
}

static enode *parse_call(parser *p, token name)
{
	int fn = -1;
	for (size_t i = 0; i < N_FUNCTIONS; i++)
		if (ordo_streq(p->src + name.off, name.len, functions[i].name))
			fn = (int)i;
	if (fn < 0) {
		perr(p, name.off, "unknown function '%.*s'", (int)name.len, p->src + name.off);
		return NULL;
	}
	bool iterates = fn == F_ANY || fn == F_ALL || fn == F_COUNT;
	if (!enter(p))
		return NULL;
	next(p); /* ( */
	ordo_vec args = ORDO_VEC_INIT;
	if (p->tok.kind != T_RP) {
		for (;;) {
			bool scoped = iterates && args.len == 1;
			/* each level multiplies the work by a list's length: three
			 * nested iterations are plenty for a condition, thirty would
			 * never finish */
			if (scoped && p->it_depth >= MAX_ITER_DEPTH) {
				perr(p, name.off, "any/all/count nested more than %d deep", MAX_ITER_DEPTH);
				break;
			}
			if (scoped)
				p->it_base[p->it_depth++] = list_lint_base(args.items[0]);
			enode *arg = parse_or(p);
			if (scoped)
				p->it_depth--;
			if (!arg)
				break;
			ordo_vec_push(&args, arg);
			if (p->tok.kind != T_COMMA)
				break;
			next(p);
		}
	}
	p->depth--;
	uint32_t end = p->tok.off + 1;
	if (p->failed || !expect(p, T_RP, "',' or ')'")) {
		ordo_vec_release(&args);
		return NULL;
	}
	const char *fname = functions[fn].name;
	uint8_t min = functions[fn].min, max = functions[fn].max;
	if (args.len < min || args.len > max) {
		if (min == max)
			perr(p, name.off, "'%s' takes %u argument%s", fname, (unsigned)min,
			     min == 1 ? "" : "s");
		else
			perr(p, name.off, "'%s' takes %u or %u arguments", fname, (unsigned)min,
			     (unsigned)max);
	} else if (fn == F_EXISTS && ((enode *)args.items[0])->kind != K_PATH) {
		perr(p, ((enode *)args.items[0])->off, "'exists' takes a path");
	}
	if (p->failed) {
		ordo_vec_release(&args);
		return NULL;
	}
	enode *n = mk(p, K_CALL, name.off, end);
	n->op = (uint8_t)fn;
	n->u.call.args = vec_to_arena(p, &args);
	n->u.call.n = (uint32_t)args.len;
	ordo_vec_release(&args);
	return n;
}

static enode *parse_list(parser *p)
{
	uint32_t off = p->tok.off;
	if (!enter(p))
		return NULL;
	next(p); /* [ */
	ordo_vec items = ORDO_VEC_INIT;
	if (p->tok.kind != T_RB) {
		for (;;) {
			enode *it = parse_or(p);
			if (!it)
				break;
			ordo_vec_push(&items, it);
			if (p->tok.kind != T_COMMA)
				break;
			next(p);
		}
	}
	p->depth--;
	uint32_t end = p->tok.off + 1;
	if (p->failed || !expect(p, T_RB, "',' or ']'")) {
		ordo_vec_release(&items);
		return NULL;
	}
	enode *n = mk(p, K_LIST, off, end);
	n->u.list.items = vec_to_arena(p, &items);
	n->u.list.n = (uint32_t)items.len;
	bool constant = true;
	for (size_t i = 0; i < items.len; i++)
		constant = constant && ((enode *)items.items[i])->kind == K_LIT;
	if (constant) {
		ordo_value *c = ordo_arena_alloc(p->a, (items.len ? items.len : 1) * sizeof(*c));
		for (size_t i = 0; i < items.len; i++)
			c[i] = ((enode *)items.items[i])->u.lit.v;
		n->u.list.consts = c;
	}
	ordo_vec_release(&items);
	return n;
}

static enode *parse_primary(parser *p)
{
	if (p->failed)
		return NULL;
	token t = p->tok;
	enode *n;
	switch (t.kind) {
	case T_STR:
		n = mk(p, K_LIT, t.off, t.off + t.len);
		{
			char *s = decode_string(p, &t);
			n->u.lit.v = ordo_val_str(s, strlen(s));
		}
		next(p);
		return n;
	case T_NUM: {
		char buf[48];
		memcpy(buf, p->src + t.off, t.len);
		buf[t.len] = '\0';
		n = mk(p, K_LIT, t.off, t.off + t.len);
		n->u.lit.v = ordo_val_num(strtod(buf, NULL));
		next(p);
		return n;
	}
	case T_TRUE:
	case T_FALSE:
	case T_NULL:
		n = mk(p, K_LIT, t.off, t.off + t.len);
		n->u.lit.v = t.kind == T_NULL ? ordo_val_null() : ordo_val_bool(t.kind == T_TRUE);
		next(p);
		return n;
	case T_LP:
		if (!enter(p))
			return NULL;
		next(p);
		n = parse_or(p);
		p->depth--;
		if (!n || !expect(p, T_RP, "')'"))
			return NULL;
		return n;
	case T_LB:
		return parse_list(p);
	case T_IDENT:
		next(p);
		if (p->tok.kind == T_LP)
			return parse_call(p, t);
		return parse_path(p, t);
	default:
		unexpected(p, "a value");
		return NULL;
	}
}

static enode *parse_dflt(parser *p)
{
	enode *l = parse_primary(p);
	while (l && !p->failed && p->tok.kind == T_DFLT) {
		next(p);
		enode *r = parse_primary(p);
		if (!r)
			return NULL;
		enode *n = mk(p, K_DFLT, l->off, r->end);
		n->u.bin.a = l;
		n->u.bin.b = r;
		l = n;
	}
	return p->failed ? NULL : l;
}

static enode *parse_cmp(parser *p)
{
	enode *l = parse_dflt(p);
	if (!l)
		return NULL;
	int kind = K_CMP, op = 0;
	bool negate = false, has = false;
	switch (p->tok.kind) {
	case T_EQ:
		op = OP_EQ;
		break;
	case T_NE:
		op = OP_NE;
		break;
	case T_LT:
		op = OP_LT;
		break;
	case T_LE:
		op = OP_LE;
		break;
	case T_GT:
		op = OP_GT;
		break;
	case T_GE:
		op = OP_GE;
		break;
	case T_IN:
		kind = K_IN;
		break;
	case T_HAS:
		kind = K_IN;
		has = true;
		break;
	case T_NOT:
		next(p);
		if (p->tok.kind != T_IN) {
			unexpected(p, "'in'");
			return NULL;
		}
		kind = K_IN;
		negate = true;
		break;
	default:
		return l;
	}
	next(p);
	enode *r = parse_dflt(p);
	if (!r)
		return NULL;
	enode *n = mk(p, kind, l->off, r->end);
	n->op = (uint8_t)op;
	n->negate = negate;
	n->has = has;
	n->u.bin.a = l;
	n->u.bin.b = r;
	return n;
}

static enode *parse_not(parser *p)
{
	if (p->failed)
		return NULL;
	if (p->tok.kind != T_NOT)
		return parse_cmp(p);
	uint32_t off = p->tok.off;
	if (!enter(p))
		return NULL;
	next(p);
	enode *a = parse_not(p);
	p->depth--;
	if (!a)
		return NULL;
	enode *n = mk(p, K_NOT, off, a->end);
	n->u.bin.a = a;
	return n;
}

static enode *parse_binary(parser *p, int kind)
{
	int tk = kind == K_OR ? T_OR : T_AND;
	enode *l = kind == K_OR ? parse_binary(p, K_AND) : parse_not(p);
	while (l && !p->failed && p->tok.kind == tk) {
		next(p);
		enode *r = kind == K_OR ? parse_binary(p, K_AND) : parse_not(p);
		if (!r)
			return NULL;
		enode *n = mk(p, kind, l->off, r->end);
		n->u.bin.a = l;
		n->u.bin.b = r;
		l = n;
	}
	return p->failed ? NULL : l;
}

static enode *parse_or(parser *p)
{
	return parse_binary(p, K_OR);
}

static int path_order(const void *x, const void *y)
{
	const enode *a = *(enode *const *)x, *b = *(enode *const *)y;
	return a->off < b->off ? -1 : a->off > b->off;
}

int ordo_expr_compile(ordo_expr **out, ordo_arena *a, const char *src, const ordo_loc *loc,
                      ordo_diag *d)
{
	*out = NULL;
	parser p = {0};
	p.a = a;
	p.src = src ? src : "";
	p.len = strlen(p.src);
	p.loc = loc;
	p.d = d;
	if (p.len > UINT32_MAX / 2) {
		perr(&p, 0, "expression too long");
		return ORDO_EINVALID;
	}
	lex(&p, 0);
	enode *root = p.failed ? NULL : parse_or(&p);
	if (root && p.tok.kind != T_END)
		unexpected(&p, "end of expression");
	if (p.failed || !root) {
		ordo_vec_release(&p.paths);
		return ORDO_EINVALID;
	}
	ordo_expr *e = ordo_arena_alloc(a, sizeof(*e));
	e->root = root;
	e->src = ordo_arena_strndup(a, p.src, p.len);
	if (loc)
		e->loc = *loc;
	else
		e->loc = (ordo_loc){NULL, 1, 1};
	e->npaths = (uint32_t)p.paths.len;
	e->paths = vec_to_arena(&p, &p.paths);
	ordo_sort(e->paths, e->npaths, sizeof(*e->paths), path_order);
	ordo_vec_release(&p.paths);
	*out = e;
	return 0;
}

const char *ordo_expr_source(const ordo_expr *e)
{
	return e ? e->src : "";
}

void ordo_expr_paths(const ordo_expr *e, ordo_expr_path_cb cb, void *payload)
{
	if (!e)
		return;
	for (uint32_t i = 0; i < e->npaths; i++) {
		const enode *n = e->paths[i];
		/* a bare `it` reads nothing its list's path does not name */
		if (!n->u.path.lint || (!n->u.path.root && n->u.path.n == 0))
			continue;
		ordo_loc l = loc_at(&e->loc, e->src, n->off);
		cb(n->u.path.lint, &l, payload);
	}
}

struct reads {
	const char *root;
	size_t len;
	bool found;
};

static void reads_path(const char *path, const ordo_loc *loc, void *payload)
{
	struct reads *r = payload;
	(void)loc;
	if (!strncmp(path, r->root, r->len) &&
	    (path[r->len] == '\0' || path[r->len] == '.' || path[r->len] == '['))
		r->found = true;
}

bool ordo_expr_reads(const ordo_expr *e, const char *root)
{
	struct reads r = {root, strlen(root), false};
	if (e)
		ordo_expr_paths(e, reads_path, &r);
	return r.found;
}

static void literals_of(const ordo_expr *e, const enode *n, ordo_expr_literal_cb cb, void *payload);

static void literal_pair(const ordo_expr *e, const enode *subject, const enode *lit,
                         ordo_expr_literal_cb cb, void *payload)
{
	if (lit->kind != K_LIT || lit->u.lit.v.type != ORDO_VAL_STR)
		return;
	ordo_loc l = loc_at(&e->loc, e->src, lit->off);
	cb(subject->kind == K_PATH ? subject->u.path.lint : NULL, lit->u.lit.v.u.str.s, &l,
	   payload);
}

static void literal_list(const ordo_expr *e, const enode *subject, const enode *list,
                         ordo_expr_literal_cb cb, void *payload)
{
	if (list->kind == K_LIST)
		for (uint32_t i = 0; i < list->u.list.n; i++)
			literal_pair(e, subject, list->u.list.items[i], cb, payload);
	else
		literal_pair(e, subject, list, cb, payload);
}

static void literals_of(const ordo_expr *e, const enode *n, ordo_expr_literal_cb cb, void *payload)
{
	switch (n->kind) {
	case K_LIT:
		return;
	case K_LIST:
		for (uint32_t i = 0; i < n->u.list.n; i++)
			literals_of(e, n->u.list.items[i], cb, payload);
		return;
	case K_PATH:
		for (uint32_t i = 0; i < n->u.path.n; i++)
			if (n->u.path.steps[i].index)
				literals_of(e, n->u.path.steps[i].index, cb, payload);
		return;
	case K_NOT:
		literals_of(e, n->u.bin.a, cb, payload);
		return;
	case K_CMP:
		literal_pair(e, n->u.bin.a, n->u.bin.b, cb, payload);
		literal_pair(e, n->u.bin.b, n->u.bin.a, cb, payload);
		break;
	case K_IN: {
		const enode *item = n->has ? n->u.bin.b : n->u.bin.a;
		const enode *list = n->has ? n->u.bin.a : n->u.bin.b;
		if (list->kind == K_LIST)
			literal_list(e, item, list, cb, payload);
		else
			literal_pair(e, list, item, cb, payload);
		break;
	}
	case K_CALL:
		if (n->op == F_MATCHES_ANY)
			literal_list(e, n->u.call.args[0], n->u.call.args[1], cb, payload);
		for (uint32_t i = 0; i < n->u.call.n; i++)
			literals_of(e, n->u.call.args[i], cb, payload);
		return;
	default:
		break;
	}
	literals_of(e, n->u.bin.a, cb, payload);
	literals_of(e, n->u.bin.b, cb, payload);
}

void ordo_expr_literals(const ordo_expr *e, ordo_expr_literal_cb cb, void *payload)
{
	if (e)
		literals_of(e, e->root, cb, payload);
}

/* ---- values --------------------------------------------------------- */

ordo_value ordo_val_bool(bool b)
{
	ordo_value v = {.type = ORDO_VAL_BOOL};
	v.u.b = b;
	return v;
}

ordo_value ordo_val_num(double n)
{
	ordo_value v = {.type = ORDO_VAL_NUM};
	v.u.num = n;
	return v;
}

ordo_value ordo_val_str(const char *s, size_t len)
{
	ordo_value v = {.type = ORDO_VAL_STR};
	v.u.str.s = s ? s : "";
	v.u.str.len = s ? (uint32_t)len : 0;
	return v;
}

ordo_value ordo_val_cstr(const char *s)
{
	return s ? ordo_val_str(s, strlen(s)) : ordo_val_null();
}

ordo_value ordo_val_ver(ordo_version ver)
{
	if (!ver.scale)
		return ordo_val_null();
	ordo_value v = {.type = ORDO_VAL_VER};
	v.u.ver = ver;
	return v;
}

ordo_value ordo_val_node(const ordo_node *n)
{
	if (!n)
		return ordo_val_null();
	switch (n->type) {
	case ORDO_NODE_BOOL:
		return ordo_val_bool(n->boolean);
	case ORDO_NODE_NUMBER: {
		char *end;
		double d = strtod(n->u.str, &end);
		if (end != n->u.str && *end == '\0')
			return ordo_val_num(d);
		/* a YAML number form C does not read (1_000, 0o17): keep the text */
		return ordo_val_str(n->u.str, n->len);
	}
	case ORDO_NODE_STRING:
		return ordo_val_str(n->u.str, n->len);
	case ORDO_NODE_MAP:
	case ORDO_NODE_SEQ: {
		ordo_value v = {.type = ORDO_VAL_NODE};
		v.u.node = n;
		return v;
	}
	default:
		return ordo_val_null();
	}
}

ordo_value ordo_val_item(const ordo_node *seq, uint32_t i)
{
	if (ordo_node_is_folded(seq)) {
		uint32_t len;
		const char *text = seq->u.folded->text(seq->u.folded->items, i, &len);
		return ordo_val_str(text, len);
	}
	return ordo_val_node(&seq->u.items[i]);
}

ordo_value ordo_val_obj(const void *obj, ordo_getter get, const char *name)
{
	if (!obj)
		return ordo_val_null();
	ordo_value v = {.type = ORDO_VAL_OBJ};
	v.u.obj.obj = obj;
	v.u.obj.get = get;
	v.u.obj.name = name;
	return v;
}

static ordo_arena *scratch(ordo_eval *ev)
{
	if (!ev->scratch)
		ev->scratch = ordo_arena_new();
	return ev->scratch;
}

ordo_value ordo_val_list(ordo_eval *ev, const ordo_value *items, size_t n)
{
	ordo_value *copy = ordo_arena_alloc(scratch(ev), (n ? n : 1) * sizeof(*copy));
	if (n)
		memcpy(copy, items, n * sizeof(*copy));
	ordo_value v = {.type = ORDO_VAL_LIST};
	v.u.list.items = copy;
	v.u.list.n = (uint32_t)n;
	return v;
}

/* A NODE value holding a scalar behaves as the scalar. */
static ordo_value norm(const ordo_value *v)
{
	if (v->type == ORDO_VAL_NODE &&
	    !(v->u.node && (v->u.node->type == ORDO_NODE_MAP || v->u.node->type == ORDO_NODE_SEQ)))
		return ordo_val_node(v->u.node);
	return *v;
}

/* A list-like value: an ORDO_VAL_LIST or a sequence node. */
typedef struct {
	const ordo_value *items;
	const ordo_node *seq;
	uint32_t n;
} seq_view;

static bool as_seq(const ordo_value *v, seq_view *s)
{
	if (v->type == ORDO_VAL_LIST) {
		s->items = v->u.list.items;
		s->seq = NULL;
		s->n = v->u.list.n;
		return true;
	}
	if (v->type == ORDO_VAL_NODE && v->u.node && v->u.node->type == ORDO_NODE_SEQ) {
		s->items = NULL;
		s->seq = v->u.node;
		s->n = v->u.node->len;
		return true;
	}
	return false;
}

static ordo_value seq_at(const seq_view *s, uint32_t i)
{
	return s->seq ? ordo_val_item(s->seq, i) : norm(&s->items[i]);
}

static bool is_map(const ordo_value *v)
{
	return v->type == ORDO_VAL_NODE && v->u.node && v->u.node->type == ORDO_NODE_MAP;
}

static const ordo_node *map_get(const ordo_node *map, const char *key, size_t len)
{
	for (uint32_t i = 0; i < map->len; i++) {
		const ordo_node *k = ordo_node_key(map, i);
		if (k->len == len && memcmp(k->u.str, key, len) == 0)
			return ordo_node_val(map, i);
	}
	return NULL;
}

static const char *val_kind(const ordo_value *v)
{
	switch (v->type) {
	case ORDO_VAL_NULL:
		return "null";
	case ORDO_VAL_BOOL:
		return "a boolean";
	case ORDO_VAL_NUM:
		return "a number";
	case ORDO_VAL_STR:
		return "a string";
	case ORDO_VAL_VER:
		return "a version";
	case ORDO_VAL_LIST:
		return "a list";
	case ORDO_VAL_NODE:
		return ordo_node_kind(v->u.node);
	case ORDO_VAL_OBJ:
		return "an object";
	}
	return "a value";
}

static void format_node(const ordo_node *n, ordo_buf *out, int depth);

static void format_depth(const ordo_value *v, ordo_buf *out, int depth)
{
	switch (v->type) {
	case ORDO_VAL_NULL:
		ordo_buf_puts(out, "null");
		return;
	case ORDO_VAL_BOOL:
		ordo_buf_puts(out, v->u.b ? "true" : "false");
		return;
	case ORDO_VAL_NUM:
		ordo_buf_printf(out, "%.15g", v->u.num);
		return;
	case ORDO_VAL_STR:
		ordo_buf_putc(out, '\'');
		ordo_buf_put(out, v->u.str.s, v->u.str.len);
		ordo_buf_putc(out, '\'');
		return;
	case ORDO_VAL_VER: {
		char buf[256];
		ordo_buf_puts(out, ordo_version_str(&v->u.ver, buf, sizeof(buf)));
		return;
	}
	case ORDO_VAL_LIST:
		ordo_buf_putc(out, '[');
		for (uint32_t i = 0; i < v->u.list.n; i++) {
			if (i)
				ordo_buf_puts(out, ", ");
			if (i == MAX_FORMAT_ITEMS || depth > 8) {
				ordo_buf_puts(out, "...");
				break;
			}
			format_depth(&v->u.list.items[i], out, depth + 1);
		}
		ordo_buf_putc(out, ']');
		return;
	case ORDO_VAL_NODE:
		format_node(v->u.node, out, depth);
		return;
	case ORDO_VAL_OBJ:
		ordo_buf_puts(out, v->u.obj.name ? v->u.obj.name : "(object)");
		return;
	}
}

static void format_node(const ordo_node *n, ordo_buf *out, int depth)
{
	if (!n || ordo_node_is_scalar(n)) {
		ordo_value v = ordo_val_node(n);
		format_depth(&v, out, depth);
		return;
	}
	bool map = n->type == ORDO_NODE_MAP;
	ordo_buf_putc(out, map ? '{' : '[');
	for (uint32_t i = 0; i < n->len; i++) {
		if (i)
			ordo_buf_puts(out, ", ");
		if (i == MAX_FORMAT_ITEMS || depth > 8) {
			ordo_buf_puts(out, "...");
			break;
		}
		if (map) {
			ordo_buf_puts(out, ordo_node_key(n, i)->u.str);
			ordo_buf_puts(out, ": ");
			format_node(ordo_node_val(n, i), out, depth + 1);
		} else if (ordo_node_is_folded(n)) {
			ordo_value v = ordo_val_item(n, i);
			format_depth(&v, out, depth + 1);
		} else {
			format_node(&n->u.items[i], out, depth + 1);
		}
	}
	ordo_buf_putc(out, map ? '}' : ']');
}

void ordo_val_format(const ordo_value *v, ordo_buf *out)
{
	format_depth(v, out, 0);
}

bool ordo_val_true(const ordo_value *v)
{
	return v->type == ORDO_VAL_BOOL && v->u.b;
}

static bool same_scale(const ordo_scale *a, const ordo_scale *b)
{
	return a == b || (a && b && a->name && b->name && strcmp(a->name, b->name) == 0);
}

/* The text of a string or integral number, to parse as a version. */
static bool version_text(const ordo_value *v, char *buf, size_t size, const char **s, size_t *len)
{
	if (v->type == ORDO_VAL_STR) {
		*s = v->u.str.s;
		*len = v->u.str.len;
		return true;
	}
	if (v->type == ORDO_VAL_NUM && v->u.num >= 0 && v->u.num < 1e15 &&
	    v->u.num == (double)(int64_t)v->u.num) {
		int n = snprintf(buf, size, "%lld", (long long)v->u.num);
		*s = buf;
		*len = (size_t)n;
		return true;
	}
	return false;
}

/* Parse a string or number on scale s; *why is NULL when it is no text. */
static bool coerce_version(const ordo_scale *s, const ordo_value *v, ordo_version *out,
                           const char **why)
{
	char buf[32];
	const char *text;
	size_t len;
	*why = NULL;
	if (!version_text(v, buf, sizeof(buf), &text, &len))
		return false;
	return ordo_version_parse(out, s, text, len, why) == 0;
}

static bool seq_eq(const seq_view *a, const seq_view *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++) {
		ordo_value x = seq_at(a, i), y = seq_at(b, i);
		if (!ordo_val_eq(&x, &y))
			return false;
	}
	return true;
}

bool ordo_val_eq(const ordo_value *pa, const ordo_value *pb)
{
	ordo_value a = norm(pa), b = norm(pb);
	const char *why;
	ordo_version v;
	if (a.type == ORDO_VAL_VER && b.type != ORDO_VAL_VER)
		return coerce_version(a.u.ver.scale, &b, &v, &why) &&
		       ordo_version_cmp(&a.u.ver, &v) == 0;
	if (b.type == ORDO_VAL_VER && a.type != ORDO_VAL_VER)
		return coerce_version(b.u.ver.scale, &a, &v, &why) &&
		       ordo_version_cmp(&v, &b.u.ver) == 0;
	seq_view sa, sb;
	if (as_seq(&a, &sa) && as_seq(&b, &sb))
		return seq_eq(&sa, &sb);
	if (a.type != b.type)
		return false;
	switch (a.type) {
	case ORDO_VAL_NULL:
		return true;
	case ORDO_VAL_BOOL:
		return a.u.b == b.u.b;
	case ORDO_VAL_NUM:
		return a.u.num == b.u.num;
	case ORDO_VAL_STR:
		return a.u.str.len == b.u.str.len && memcmp(a.u.str.s, b.u.str.s, a.u.str.len) == 0;
	case ORDO_VAL_VER:
		return same_scale(a.u.ver.scale, b.u.ver.scale) &&
		       ordo_version_cmp(&a.u.ver, &b.u.ver) == 0;
	case ORDO_VAL_NODE:
		return a.u.node == b.u.node;
	case ORDO_VAL_OBJ:
		return a.u.obj.obj == b.u.obj.obj;
	default:
		return false;
	}
}

int ordo_val_cmp(const ordo_value *pa, const ordo_value *pb, bool *ok)
{
	ordo_value a = norm(pa), b = norm(pb);
	const char *why;
	*ok = true;
	if (a.type == ORDO_VAL_VER && b.type != ORDO_VAL_VER) {
		ordo_version v;
		if (coerce_version(a.u.ver.scale, &b, &v, &why))
			return ordo_version_cmp(&a.u.ver, &v);
	} else if (b.type == ORDO_VAL_VER && a.type != ORDO_VAL_VER) {
		ordo_version v;
		if (coerce_version(b.u.ver.scale, &a, &v, &why))
			return ordo_version_cmp(&v, &b.u.ver);
	} else if (a.type == b.type) {
		switch (a.type) {
		case ORDO_VAL_NUM:
			return a.u.num < b.u.num ? -1 : a.u.num > b.u.num;
		case ORDO_VAL_STR: {
			uint32_t n = a.u.str.len < b.u.str.len ? a.u.str.len : b.u.str.len;
			int c = n ? memcmp(a.u.str.s, b.u.str.s, n) : 0;
			if (c)
				return c < 0 ? -1 : 1;
			return a.u.str.len < b.u.str.len ? -1 : a.u.str.len > b.u.str.len;
		}
		case ORDO_VAL_VER:
			if (same_scale(a.u.ver.scale, b.u.ver.scale))
				return ordo_version_cmp(&a.u.ver, &b.u.ver);
			break;
		default:
			break;
		}
	}
	*ok = false;
	return 0;
}

/* ---- evaluation ----------------------------------------------------- */

void ordo_eval_init(ordo_eval *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->scratch = ordo_arena_new();
}

void ordo_eval_release(ordo_eval *ev)
{
	ordo_arena_free(ev->scratch);
	free(ev->trace);
	memset(ev, 0, sizeof(*ev));
}

void ordo_eval_reset(ordo_eval *ev)
{
	ordo_arena_reset(ev->scratch);
	ev->trace_len = 0;
	ev->error = NULL;
}

/* The element an any/all/count is looking at. */
typedef struct frame {
	struct frame *up;
	ordo_value v;
	uint32_t i;
	const char *base;   /* trace text of the list (when tracing) */
	const char *prefix; /* "<base>[<name or index>]", made when first needed */
} frame;

typedef struct {
	const ordo_eval_ctx *ctx;
	ordo_eval *ev;
	const char *src; /* the expression's source */
	frame *top;
	bool tracing;
	const char *last_path; /* trace text of the path evaluated last */
	uint32_t errors;       /* runtime problems met, recorded or not */
} state;

/* A string built in the scratch arena (no malloc while evaluating). */
typedef struct {
	ordo_arena *a;
	char *p;
	size_t len, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *q = ordo_arena_alloc(b->a, cap);
		if (b->len)
			memcpy(q, b->p, b->len);
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_index(sbuf *b, const ordo_value *v)
{
	char num[48];
	sb_put(b, "[", 1);
	switch (v->type) {
	case ORDO_VAL_STR:
		sb_put(b, v->u.str.s, v->u.str.len);
		break;
	case ORDO_VAL_NUM:
		snprintf(num, sizeof(num), "%.15g", v->u.num);
		sb_puts(b, num);
		break;
	case ORDO_VAL_BOOL:
		sb_puts(b, v->u.b ? "true" : "false");
		break;
	case ORDO_VAL_NULL:
		sb_puts(b, "null");
		break;
	default:
		sb_puts(b, "?");
		break;
	}
	sb_put(b, "]", 1);
}

static void set_error(state *st, const char *fmt, ...) ORDO_PRINTF(2, 3);

static void set_error(state *st, const char *fmt, ...)
{
	st->errors++;
	if (st->ev->error)
		return; /* the first problem is the one to fix */
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n >= 0) {
		char *msg = ordo_arena_alloc(scratch(st->ev), (size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		st->ev->error = msg;
	}
	va_end(ap);
}

static void record(state *st, const char *path, const ordo_value *v)
{
	ordo_eval *ev = st->ev;
	if (ev->trace_len == ev->trace_cap) {
		ev->trace_cap = ev->trace_cap ? ev->trace_cap * 2 : 16;
		ev->trace = ordo_xrealloc(ev->trace, ev->trace_cap * sizeof(*ev->trace));
	}
	ev->trace[ev->trace_len].path = path;
	ev->trace[ev->trace_len].value = *v;
	ev->trace_len++;
}

/* Drop trace entries [from, to): what was read there did not decide. */
static void trace_drop(ordo_eval *ev, uint32_t from, uint32_t to)
{
	if (to <= from)
		return;
	memmove(ev->trace + from, ev->trace + to, (ev->trace_len - to) * sizeof(*ev->trace));
	ev->trace_len -= to - from;
}

static const char *frame_prefix(state *st, frame *f)
{
	if (f->prefix)
		return f->prefix;
	sbuf b = {scratch(st->ev), NULL, 0, 0};
	sb_puts(&b, f->base ? f->base : "?");
	if (f->v.type == ORDO_VAL_OBJ && f->v.u.obj.name) {
		ordo_value name = ordo_val_cstr(f->v.u.obj.name);
		sb_index(&b, &name);
	} else {
		ordo_value i = ordo_val_num(f->i);
		sb_index(&b, &i);
	}
	f->prefix = b.p;
	return f->prefix;
}

static void eval(state *st, const enode *n, ordo_value *out);

static ordo_value step_key(state *st, const ordo_value *v, const path_step *s)
{
	if (is_map(v))
		return ordo_val_node(map_get(v->u.node, s->key, s->keylen));
	if (v->type == ORDO_VAL_OBJ && v->u.obj.get) {
		ordo_value r = ordo_val_null();
		v->u.obj.get(v->u.obj.obj, s->key, &r, st->ev);
		return norm(&r);
	}
	return ordo_val_null();
}

static ordo_value step_index(state *st, const ordo_value *v, const ordo_value *idx)
{
	seq_view s;
	if (as_seq(v, &s)) {
		if (idx->type != ORDO_VAL_NUM || !(idx->u.num >= 0 && idx->u.num < s.n) ||
		    idx->u.num != (double)(uint32_t)idx->u.num)
			return ordo_val_null();
		return seq_at(&s, (uint32_t)idx->u.num);
	}
	if (idx->type != ORDO_VAL_STR)
		return ordo_val_null();
	if (is_map(v))
		return ordo_val_node(map_get(v->u.node, idx->u.str.s, idx->u.str.len));
	if (v->type == ORDO_VAL_OBJ && v->u.obj.get) {
		/* the getter wants a NUL-terminated key */
		const char *key = ordo_arena_strndup(scratch(st->ev), idx->u.str.s, idx->u.str.len);
		ordo_value r = ordo_val_null();
		v->u.obj.get(v->u.obj.obj, key, &r, st->ev);
		return norm(&r);
	}
	return ordo_val_null();
}

static void eval_path(state *st, const enode *n, ordo_value *out)
{
	ordo_value v = ordo_val_null();
	frame *f = NULL;
	if (!n->u.path.root) {
		f = st->top;
		if (f)
			v = f->v;
	} else if (st->ctx && st->ctx->resolve) {
		st->ctx->resolve(st->ctx->ctx, n->u.path.root, &v, st->ev);
		v = norm(&v);
	}
	/* the trace text: static, or built as the dynamic indexes are known */
	bool build = st->tracing && (n->u.path.dynamic || f);
	sbuf b = {NULL, NULL, 0, 0};
	if (build) {
		b.a = scratch(st->ev);
		sb_puts(&b, f ? frame_prefix(st, f) : n->u.path.root);
		if (!n->u.path.dynamic)
			sb_puts(&b, n->u.path.trace);
	}
	for (uint32_t i = 0; i < n->u.path.n; i++) {
		const path_step *s = &n->u.path.steps[i];
		if (s->key) {
			v = step_key(st, &v, s);
			if (build && n->u.path.dynamic) {
				sb_put(&b, ".", 1);
				sb_put(&b, s->key, s->keylen);
			}
		} else {
			ordo_value idx;
			eval(st, s->index, &idx);
			v = step_index(st, &v, &idx);
			if (build && n->u.path.dynamic)
				sb_index(&b, &idx);
		}
	}
	if (st->tracing) {
		const char *path = build ? b.p : n->u.path.trace;
		record(st, path, &v);
		st->last_path = path;
	}
	*out = v;
}

/* A condition's result: a true boolean; null is false; anything else is
 * false and an error. */
static bool truth(state *st, const ordo_value *v, const char *what)
{
	if (v->type == ORDO_VAL_BOOL)
		return v->u.b;
	if (v->type != ORDO_VAL_NULL)
		set_error(st, "'%s' expects a boolean, got %s", what, val_kind(v));
	return false;
}

/* v as a version on s. A literal keeps the result of its last parse. */
static bool to_version(state *st, const ordo_scale *s, const ordo_value *v, const enode *src,
                       ordo_version *out)
{
	const char *why;
	bool ok;
	if (src && src->kind == K_LIT && src->u.lit.v.type == v->type &&
	    (v->type == ORDO_VAL_STR || v->type == ORDO_VAL_NUM)) {
		enode *lit = (enode *)src; /* the cache is the only thing evaluation writes */
		if (lit->u.lit.scale != s) {
			lit->u.lit.ok = coerce_version(s, v, &lit->u.lit.ver, &lit->u.lit.why);
			lit->u.lit.scale = s;
		}
		*out = lit->u.lit.ver;
		why = lit->u.lit.why;
		ok = lit->u.lit.ok;
	} else {
		ok = coerce_version(s, v, out, &why);
	}
	if (ok)
		return true;
	if (why) {
		char buf[32];
		const char *text = "";
		size_t len = 0;
		version_text(v, buf, sizeof(buf), &text, &len);
		set_error(st, "invalid version '%.*s' on scale '%s': %s",
		          (int)(len > 200 ? 200 : len), text, s->name ? s->name : "", why);
	} else {
		set_error(st, "cannot compare a version with %s", val_kind(v));
	}
	return false;
}

/* Bring a version and a string/number to versions on one scale; false
 * when that fails (an error is recorded for unparsable text). */
static bool unify(state *st, ordo_value *a, const enode *an, ordo_value *b, const enode *bn)
{
	ordo_version v;
	if (a->type == ORDO_VAL_VER && (b->type == ORDO_VAL_STR || b->type == ORDO_VAL_NUM)) {
		if (!to_version(st, a->u.ver.scale, b, bn, &v))
			return false;
		*b = ordo_val_ver(v);
	} else if (b->type == ORDO_VAL_VER &&
	           (a->type == ORDO_VAL_STR || a->type == ORDO_VAL_NUM)) {
		if (!to_version(st, b->u.ver.scale, a, an, &v))
			return false;
		*a = ordo_val_ver(v);
	}
	return true;
}

static bool eq(state *st, ordo_value a, const enode *an, ordo_value b, const enode *bn)
{
	return unify(st, &a, an, &b, bn) && ordo_val_eq(&a, &b);
}

static bool compare(state *st, int op, ordo_value a, const enode *an, ordo_value b, const enode *bn)
{
	if (!unify(st, &a, an, &b, bn))
		return false;
	if (op == OP_EQ)
		return ordo_val_eq(&a, &b);
	if (op == OP_NE)
		return !ordo_val_eq(&a, &b);
	if (a.type == ORDO_VAL_NULL || b.type == ORDO_VAL_NULL)
		return false;
	bool ok;
	int c = ordo_val_cmp(&a, &b, &ok);
	if (!ok) {
		if (a.type == ORDO_VAL_VER && b.type == ORDO_VAL_VER)
			set_error(st, "cannot compare versions on scales '%s' and '%s'",
			          a.u.ver.scale->name ? a.u.ver.scale->name : "",
			          b.u.ver.scale->name ? b.u.ver.scale->name : "");
		else
			set_error(st, "cannot compare %s with %s", val_kind(&a), val_kind(&b));
		return false;
	}
	switch (op) {
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

/* Does item appear in list? A literal list passes its item nodes so each
 * literal keeps its parse. */
static bool member(state *st, const char *op, const ordo_value *item, const enode *itemn,
                   const ordo_value *list, const enode *listn)
{
	seq_view s;
	if (as_seq(list, &s)) {
		const enode *const *nodes = NULL;
		if (listn->kind == K_LIST && list->type == ORDO_VAL_LIST)
			nodes = (const enode *const *)listn->u.list.items;
		for (uint32_t i = 0; i < s.n; i++)
			if (eq(st, *item, itemn, seq_at(&s, i), nodes ? nodes[i] : NULL))
				return true;
		return false;
	}
	if (is_map(list)) {
		if (item->type != ORDO_VAL_STR)
			return false;
		return map_get(list->u.node, item->u.str.s, item->u.str.len) != NULL;
	}
	if (list->type != ORDO_VAL_NULL)
		set_error(st, "'%s' expects a list or a mapping, got %s", op, val_kind(list));
	return false;
}

/* matches_any: v's entry is named by an item; an item's suffix number
 * ("2019 CU8") is a minimum. */
static bool item_matches(state *st, const ordo_version *v, const ordo_value *item,
                         const enode *itemn)
{
	ordo_version p;
	if (item->type == ORDO_VAL_VER) {
		if (!same_scale(item->u.ver.scale, v->scale))
			return false;
		p = item->u.ver;
	} else if (item->type == ORDO_VAL_STR || item->type == ORDO_VAL_NUM) {
		if (!to_version(st, v->scale, item, itemn, &p))
			return false;
	} else {
		if (item->type != ORDO_VAL_NULL)
			set_error(st, "'matches_any' expects versions in its list, got %s",
			          val_kind(item));
		return false;
	}
	if (p.idx != v->idx)
		return false;
	return p.sub < 0 || (v->sub < 0 ? 0 : v->sub) >= p.sub;
}

/* The trace text of a list that any/all/count enter: the path it was read
 * from (last_path, taken right after the list was evaluated), else its
 * source in parentheses. */
static const char *list_base(state *st, const enode *n, const char *last_path)
{
	if ((n->kind == K_PATH || n->kind == K_DFLT) && last_path)
		return last_path;
	sbuf b = {scratch(st->ev), NULL, 0, 0};
	sb_put(&b, "(", 1);
	sb_put(&b, st->src + n->off, n->end - n->off);
	sb_put(&b, ")", 1);
	return b.p;
}

static void eval_iter(state *st, const enode *n, const char *fname, ordo_value *out)
{
	const enode *listn = n->u.call.args[0];
	const enode *cond = n->u.call.n > 1 ? n->u.call.args[1] : NULL;
	int fn = n->op;
	ordo_eval *ev = st->ev;
	uint32_t mark = ev->trace_len;
	ordo_value list;
	st->last_path = NULL;
	eval(st, listn, &list);
	const char *last_path = st->last_path;
	seq_view s = {NULL, NULL, 0};
	if (list.type != ORDO_VAL_NULL && !as_seq(&list, &s)) {
		set_error(st, "'%s' expects a list, got %s", fname, val_kind(&list));
		*out = fn == F_COUNT ? ordo_val_null() : ordo_val_bool(false);
		return;
	}
	if (!cond) {
		*out = ordo_val_num(s.n);
		return;
	}
	/* Find the deciding element without tracing, then evaluate it again
	 * traced: the trace names that element only. */
	frame f = {st->top, ordo_val_null(), 0, NULL, NULL};
	bool tracing = st->tracing;
	st->tracing = false;
	st->top = &f;
	int64_t decider = -1;
	uint32_t count = 0;
	for (uint32_t i = 0; i < s.n; i++) {
		f.v = seq_at(&s, i);
		f.i = i;
		ordo_value c;
		eval(st, cond, &c);
		bool t = truth(st, &c, fname);
		if ((fn == F_ANY && t) || (fn == F_ALL && !t)) {
			decider = i;
			break;
		}
		count += t;
	}
	st->tracing = tracing;
	if (tracing && decider >= 0) {
		trace_drop(ev, mark, ev->trace_len);
		f.base = list_base(st, listn, last_path);
		ordo_value c;
		f.v = seq_at(&s, (uint32_t)decider);
		f.i = (uint32_t)decider;
		f.prefix = NULL;
		eval(st, cond, &c);
	}
	st->top = f.up;
	if (fn == F_ANY)
		*out = ordo_val_bool(decider >= 0);
	else if (fn == F_ALL)
		*out = ordo_val_bool(decider < 0);
	else
		*out = ordo_val_num(count);
}

static bool want_string(state *st, const char *fname, const ordo_value *v)
{
	if (v->type == ORDO_VAL_STR)
		return true;
	if (v->type != ORDO_VAL_NULL)
		set_error(st, "'%s' expects a string, got %s", fname, val_kind(v));
	return false;
}

static bool want_version(state *st, const char *fname, const ordo_value *v)
{
	if (v->type == ORDO_VAL_VER)
		return true;
	if (v->type != ORDO_VAL_NULL)
		set_error(st, "'%s' expects a version, got %s", fname, val_kind(v));
	return false;
}

static void eval_call(state *st, const enode *n, ordo_value *out)
{
	const char *fname = functions[n->op].name;
	ordo_value a, b;
	seq_view s;
	*out = ordo_val_null();
	switch (n->op) {
	case F_ANY:
	case F_ALL:
	case F_COUNT:
		eval_iter(st, n, fname, out);
		return;
	case F_LEN:
		eval(st, n->u.call.args[0], &a);
		if (a.type == ORDO_VAL_NULL)
			*out = ordo_val_num(0);
		else if (as_seq(&a, &s))
			*out = ordo_val_num(s.n);
		else if (is_map(&a))
			*out = ordo_val_num(a.u.node->len);
		else if (a.type == ORDO_VAL_STR)
			*out = ordo_val_num(a.u.str.len);
		else
			set_error(st, "'len' expects a list, a mapping or a string, got %s",
			          val_kind(&a));
		return;
	case F_EXISTS:
		eval(st, n->u.call.args[0], &a);
		*out = ordo_val_bool(a.type != ORDO_VAL_NULL);
		return;
	case F_CONTAINS:
	case F_STARTS_WITH:
		eval(st, n->u.call.args[0], &a);
		eval(st, n->u.call.args[1], &b);
		*out = ordo_val_bool(false);
		if (!want_string(st, fname, &a) || !want_string(st, fname, &b))
			return;
		if (n->op == F_STARTS_WITH) {
			out->u.b = b.u.str.len <= a.u.str.len &&
			           memcmp(a.u.str.s, b.u.str.s, b.u.str.len) == 0;
		} else {
			for (uint32_t i = 0; !out->u.b && i + b.u.str.len <= a.u.str.len; i++)
				out->u.b = memcmp(a.u.str.s + i, b.u.str.s, b.u.str.len) == 0;
		}
		return;
	case F_LOWER: {
		eval(st, n->u.call.args[0], &a);
		if (!want_string(st, fname, &a))
			return;
		char *p = ordo_arena_alloc(scratch(st->ev), a.u.str.len + 1);
		for (uint32_t i = 0; i < a.u.str.len; i++) {
			char c = a.u.str.s[i];
			p[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
		*out = ordo_val_str(p, a.u.str.len);
		return;
	}
	case F_RELEASE:
		eval(st, n->u.call.args[0], &a);
		if (want_version(st, fname, &a)) {
			a.u.ver.sub = -1;
			*out = a;
		}
		return;
	case F_SUB:
		eval(st, n->u.call.args[0], &a);
		if (want_version(st, fname, &a))
			*out = ordo_val_num(a.u.ver.sub < 0 ? 0 : a.u.ver.sub);
		return;
	case F_MATCHES_ANY: {
		const enode *ln = n->u.call.args[1];
		eval(st, n->u.call.args[0], &a);
		eval(st, ln, &b);
		*out = ordo_val_bool(false);
		if (!want_version(st, fname, &a))
			return;
		if (!as_seq(&b, &s)) {
			if (b.type != ORDO_VAL_NULL)
				set_error(st, "'matches_any' expects a list, got %s", val_kind(&b));
			return;
		}
		const enode *const *nodes =
		    ln->kind == K_LIST ? (const enode *const *)ln->u.list.items : NULL;
		for (uint32_t i = 0; i < s.n && !out->u.b; i++) {
			ordo_value item = seq_at(&s, i);
			out->u.b = item_matches(st, &a.u.ver, &item, nodes ? nodes[i] : NULL);
		}
		return;
	}
	}
}

static void eval(state *st, const enode *n, ordo_value *out)
{
	ordo_eval *ev = st->ev;
	ordo_value a, b;
	uint32_t mark, mid;
	switch (n->kind) {
	case K_LIT:
		*out = n->u.lit.v;
		return;
	case K_LIST:
		if (n->u.list.consts) {
			out->type = ORDO_VAL_LIST;
			out->u.list.items = n->u.list.consts;
			out->u.list.n = n->u.list.n;
		} else {
			size_t size = (n->u.list.n ? n->u.list.n : 1) * sizeof(ordo_value);
			ordo_value *items = ordo_arena_alloc(scratch(ev), size);
			for (uint32_t i = 0; i < n->u.list.n; i++)
				eval(st, n->u.list.items[i], &items[i]);
			out->type = ORDO_VAL_LIST;
			out->u.list.items = items;
			out->u.list.n = n->u.list.n;
		}
		return;
	case K_PATH:
		eval_path(st, n, out);
		return;
	case K_NOT:
		eval(st, n->u.bin.a, &a);
		*out = ordo_val_bool(!truth(st, &a, "not"));
		return;
	case K_AND:
	case K_OR: {
		/* The trace keeps what decided: when the right side decides
		 * alone (true after a false left of `or`, false after a true
		 * left of `and`), the left side's reads are dropped. */
		bool is_or = n->kind == K_OR;
		const char *what = is_or ? "or" : "and";
		mark = ev->trace_len;
		eval(st, n->u.bin.a, &a);
		bool l = truth(st, &a, what);
		if (l == is_or) {
			*out = ordo_val_bool(l);
			return;
		}
		mid = ev->trace_len;
		eval(st, n->u.bin.b, &b);
		bool r = truth(st, &b, what);
		if (r == is_or)
			trace_drop(ev, mark, mid);
		*out = ordo_val_bool(r);
		return;
	}
	case K_CMP:
		eval(st, n->u.bin.a, &a);
		eval(st, n->u.bin.b, &b);
		*out = ordo_val_bool(compare(st, n->op, a, n->u.bin.a, b, n->u.bin.b));
		return;
	case K_IN: {
		eval(st, n->u.bin.a, &a);
		eval(st, n->u.bin.b, &b);
		bool in = n->has ? member(st, "has", &b, n->u.bin.b, &a, n->u.bin.a)
		                 : member(st, "in", &a, n->u.bin.a, &b, n->u.bin.b);
		*out = ordo_val_bool(in != n->negate);
		return;
	}
	case K_DFLT:
		eval(st, n->u.bin.a, out);
		if (out->type == ORDO_VAL_NULL)
			eval(st, n->u.bin.b, out);
		return;
	case K_CALL:
		eval_call(st, n, out);
		return;
	}
	*out = ordo_val_null();
}

/* The same path read twice in one evaluation is named once. */
static void trace_dedupe(ordo_eval *ev, uint32_t start)
{
	uint32_t o = start;
	for (uint32_t i = start; i < ev->trace_len; i++) {
		const char *p = ev->trace[i].path;
		bool dup = false;
		for (uint32_t j = start; j < o && !dup; j++)
			dup = ev->trace[j].path == p || strcmp(ev->trace[j].path, p) == 0;
		if (!dup)
			ev->trace[o++] = ev->trace[i];
	}
	ev->trace_len = o;
}

/* Returns the number of runtime problems met. */
static uint32_t evaluate(const ordo_expr *e, const ordo_eval_ctx *ctx, ordo_eval *ev,
                         ordo_value *out)
{
	*out = ordo_val_null();
	if (!e)
		return 0;
	state st = {ctx, ev, e->src, NULL, true, NULL, 0};
	uint32_t start = ev->trace_len;
	eval(&st, e->root, out);
	trace_dedupe(ev, start);
	return st.errors;
}

void ordo_expr_eval(const ordo_expr *e, const ordo_eval_ctx *ctx, ordo_eval *ev, ordo_value *out)
{
	evaluate(e, ctx, ev, out);
}

bool ordo_expr_test(const ordo_expr *e, const ordo_eval_ctx *ctx, ordo_eval *ev)
{
	ordo_value v;
	if (evaluate(e, ctx, ev, &v))
		return false; /* a condition that met a problem does not hold */
	if (v.type == ORDO_VAL_BOOL)
		return v.u.b;
	if (v.type != ORDO_VAL_NULL) {
		state st = {ctx, ev, "", NULL, false, NULL, 0};
		set_error(&st, "condition is %s, not a boolean", val_kind(&v));
	}
	return false;
}
