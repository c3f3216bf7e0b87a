/* SPDX-License-Identifier: MIT */
/*
 * expr.h: the condition language of catalog checks and rules.
 *
 *   expr    := or
 *   or      := and ( "or" and )*
 *   and     := not ( "and" not )*
 *   not     := "not" not | cmp
 *   cmp     := dflt ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "has" ) dflt )?
 *   dflt    := primary ( "??" primary )*          -- default when the left side is null/absent
 *   primary := literal | path | call | "(" expr ")" | "[" [expr ("," expr)*] "]"
 *   path    := ident ( "." ident | "[" expr "]" )*
 *   call    := ident "(" [expr ("," expr)*] ")"
 *   literal := 'text' | "text" | number | true | false | null
 *
 * Functions: any(list, cond), all(list, cond), count(list[, cond]) -- cond
 * sees each element as `it`; len(x), exists(path), contains(text, part),
 * lower(text), starts_with(text, part), release(v) (a version without its
 * suffix), sub(v) (its suffix number, 0 when absent), matches_any(v, list):
 * v is a version and some item names its scale entry exactly and, when the
 * item has a suffix ("2019 CU8"), v's number is at least that one -- the
 * form of the catalog's support matrices.
 *
 * Comparisons: when one side is a version and the other a string (or a
 * whole number, `version >= 2016`), the string is parsed on the version's
 * scale (an unparsable string makes the comparison false, sets ev->error
 * and is reported by lint). Numbers compare numerically, strings byte-wise;
 * null equals only null, and ordering against null is false. `a in list` is
 * membership (in a mapping: a key); `list has a` the same reversed.
 *
 * Absent is empty: any/all/count/len and membership treat a null list as
 * an empty one. Other functions give null (or false) for a null argument.
 * A value of the wrong type (`len(5)`, `any(5, ...)`, `'a' < 1`) gives null
 * or false and sets ev->error; evaluation never fails otherwise.
 *
 * Paths are resolved through the evaluation context (ordo_eval_ctx); the
 * evaluator records every root path it read and its value, so a check that
 * fires can say which facts made it fire.
 */
#ifndef ORDO_EXPR_H
#define ORDO_EXPR_H

#include "node.h"
#include "version.h"

typedef enum {
	ORDO_VAL_NULL = 0,
	ORDO_VAL_BOOL,
	ORDO_VAL_NUM,
	ORDO_VAL_STR,
	ORDO_VAL_VER,
	ORDO_VAL_LIST,
	ORDO_VAL_NODE, /* a document node (map, seq or scalar): facts */
	ORDO_VAL_OBJ,  /* an engine object with a getter (component, server, ...) */
} ordo_val_type;

typedef struct ordo_value ordo_value;
typedef struct ordo_eval ordo_eval;

/* A getter resolves obj.key; sets *out (ORDO_VAL_NULL when absent). */
typedef void (*ordo_getter)(const void *obj, const char *key, ordo_value *out, ordo_eval *ev);

struct ordo_value {
	uint8_t type;
	union {
		bool b;
		double num;
		struct {
			const char *s;
			uint32_t len;
		} str;
		ordo_version ver;
		struct {
			const ordo_value *items;
			uint32_t n;
		} list;
		const ordo_node *node;
		struct {
			const void *obj;
			ordo_getter get;
			const char *name; /* for traces: "VMM01" in "servers[VMM01].os" */
		} obj;
	} u;
};

/* The roots a context offers: resolve(ctx, name) gives the value of a root
 * identifier such as `facts`, `version` or `server`. */
typedef struct {
	void (*resolve)(void *ctx, const char *name, ordo_value *out, ordo_eval *ev);
	void *ctx;
} ordo_eval_ctx;

typedef struct ordo_expr ordo_expr;

/**
 * Compile src (found at loc in its file) into an expression allocated in a
 * (loc->file is borrowed and must outlive it). The first syntax error is
 * added to d at the offending token: loc's column plus the token's byte
 * offset, or line and column counted on when src spans lines.
 * @return 0 or ORDO_EINVALID
 */
int ordo_expr_compile(ordo_expr **out, ordo_arena *a, const char *src, const ordo_loc *loc,
		      ordo_diag *d);

/* Paths an expression reads, for lint, in source order with the location
 * of each: root-relative, dotted, with "[]" where an any/all/count element
 * is entered ("servers[].os") or a list is indexed, and "it." paths
 * reported relative to the list they iterate. A string index is a key
 * (`facts.x['a']` is "facts.x.a"). A bare `it` is not reported (its list
 * is), nor are `it` paths under a list that is not a path. */
typedef void (*ordo_expr_path_cb)(const char *path, const ordo_loc *loc, void *payload);
void ordo_expr_paths(const ordo_expr *e, ordo_expr_path_cb cb, void *payload);
/** Whether e reads root (an identifier such as "server") or a path under
 * it: when not, its value does not depend on what root is. */
bool ordo_expr_reads(const ordo_expr *e, const char *root);

/* Version literals: the comparisons parse string literals when they first
 * meet a version, so a lint can ask whether every literal compared with a
 * version parses: the callback gets each string literal that takes part in
 * a comparison (==, <, ..., in, has, or an item of matches_any's list),
 * with the lint path of what it is compared with (NULL when that is not a
 * path) and its location. */
typedef void (*ordo_expr_literal_cb)(const char *path, const char *literal, const ordo_loc *loc,
				     void *payload);
void ordo_expr_literals(const ordo_expr *e, ordo_expr_literal_cb cb, void *payload);

/** The source text (owned by the expression's arena). */
const char *ordo_expr_source(const ordo_expr *e);

/* ---- evaluation ----------------------------------------------------- */

/* What an evaluation read: each root path once, with its value. Under `it`
 * the element is named by its object name or index ("servers[VMM01].os"),
 * and only for the element that decided an any() (the first match) or an
 * all() (the first counterexample); when none decided, the list itself is
 * named. When the right side of `or` decides alone (the left was false) the
 * left side's reads are dropped, and the same for `and` (the left was
 * true, the right false), so the trace names what made the result. */
typedef struct {
	const char *path; /* "facts.key_management": owned by the expression's
			   * arena, or by ev->scratch when built at evaluation */
	ordo_value value;
} ordo_trace_entry;

/* Evaluations append to the trace and keep the first error; an expression
 * caches version parses in its literals, so one expression is evaluated by
 * one thread at a time. */
struct ordo_eval {
	ordo_arena *scratch; /* per-evaluation allocations; reset by the caller */
	ordo_trace_entry *trace;
	uint32_t trace_len;
	uint32_t trace_cap;
	const char *error;   /* a runtime problem (type mismatch), or NULL */
};

/** Set up ev with a scratch arena owned by ev; release with ordo_eval_release(). */
void ordo_eval_init(ordo_eval *ev);
void ordo_eval_release(ordo_eval *ev);
/** Forget the trace and scratch memory of the last evaluation. */
void ordo_eval_reset(ordo_eval *ev);

/** Evaluate to a value (strings, lists may live in ev->scratch). */
void ordo_expr_eval(const ordo_expr *e, const ordo_eval_ctx *ctx, ordo_eval *ev, ordo_value *out);
/** Evaluate as a condition: true only for a true boolean met without a
 * runtime problem; null (an absent fact) is false; any other result is
 * false and sets ev->error. */
bool ordo_expr_test(const ordo_expr *e, const ordo_eval_ctx *ctx, ordo_eval *ev);

/* ---- values --------------------------------------------------------- */

static inline ordo_value ordo_val_null(void)
{
	ordo_value v = {0};
	return v;
}
ordo_value ordo_val_bool(bool b);
ordo_value ordo_val_num(double n);
ordo_value ordo_val_str(const char *s, size_t len);
ordo_value ordo_val_cstr(const char *s); /* NULL gives null */
ordo_value ordo_val_ver(ordo_version v);
ordo_value ordo_val_node(const ordo_node *n); /* scalars become bool/num/str/null */
/** Item i of a SEQ node (also one a reader folded: ORDO_NODE_FOLDED). */
ordo_value ordo_val_item(const ordo_node *seq, uint32_t i);
ordo_value ordo_val_obj(const void *obj, ordo_getter get, const char *name);
/** A list whose items are copied into ev->scratch. */
ordo_value ordo_val_list(ordo_eval *ev, const ordo_value *items, size_t n);
/** Render a value for messages ("'dpapi'", "25", "['a', 'b']", "2012 R2 UR9",
 * "{key: 'v'}" for a mapping, an object's name; long lists end in "..."). */
void ordo_val_format(const ordo_value *v, ordo_buf *out);
/** Truthiness used by and/or/not: only a true boolean is true. */
bool ordo_val_true(const ordo_value *v);
/** Equality and ordering as the language defines them (cmp sets *ok=false
 * when the two values have no order). A version and a string or number
 * compare on the version's scale; unparsable text is unequal and unordered. */
bool ordo_val_eq(const ordo_value *a, const ordo_value *b);
int ordo_val_cmp(const ordo_value *a, const ordo_value *b, bool *ok);

#endif
