/* SPDX-License-Identifier: MIT */
/*
 * loader.c: the tree builder both front ends feed, and the entry points
 * that open a file, pick its syntax and run a front end.
 *
 * The builder keeps a stack of open containers. The children of every open
 * container sit on one growable scratch array; when a container ends, its
 * children are copied into the document's arena in one block and popped.
 * A node therefore costs one copy and no malloc of its own, and the scratch
 * array holds no more than the children of the containers still open.
 *
 * A YAML alias copies the anchored node (its items are shared, not copied)
 * but adds the anchored subtree's size to the node count, so the count is
 * what the tree would hold expanded and an alias bomb stops at max_nodes.
 */
#include "loader.h"
#include "input.h"
#include "ring.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_DEPTH  256
#define DEFAULT_MAX_SCALAR ((size_t)1 << 20)
#define DEFAULT_MAX_NODES  ((size_t)50 * 1000 * 1000)
#define DEFAULT_MAX_BYTES  ((size_t)((uint64_t)4 << 30 <= SIZE_MAX ? (uint64_t)4 << 30 : SIZE_MAX))

/* Maps with up to this many pairs look for duplicate keys by scanning;
 * larger ones switch to a hash table, so a huge map stays linear. */
#define SMALL_MAP 8

/* Short texts kept once (the table stops growing there, so a million
 * unique names do not fill memory with it), and the recent ones. */
#define MAX_INTERN 4096
#define RECENT     64

/* Keys longer than this are shortened in messages. */
#define SHOWN_KEY 60

static const char buffer_name[] = "<input>";

struct anchor {
	ordo_node node;
	size_t count; /* nodes in the subtree, aliases expanded */
	bool done;    /* false while the anchored container is still open */
};

struct frame {
	uint8_t type;
	uint32_t line, col;
	size_t start;  /* index of the first child in scratch */
	size_t count0; /* b->nodes before this container was counted */
	struct anchor *anchor;
	ordo_map keys; /* key text -> index + 1, once a map outgrows SMALL_MAP */
	const char *key; /* the key this container is the value of, in a mapping */
	bool fold_item;  /* a mapping item of a folded list: handed over when it ends */
};

struct ordo_builder {
	ordo_doc *doc;
	ordo_diag *diag;
	const char *file; /* for messages; borrowed from the caller */
	uint32_t max_depth;
	size_t max_scalar, max_nodes, max_bytes;
	ordo_fold_fn fold;
	void *fold_ud;
	ordo_fold_list_fn fold_list;
	bool fold_maps;
	ordo_fold_item_fn fold_item;
	ordo_fold_end_fn fold_end;
	uint32_t folding;   /* depth of the list being folded; 0: none */
	uint32_t skip;      /* containers open inside a folded list's item */
	uint32_t nfolded;   /* items of that list so far */
	char *item;         /* the text of the item being folded */
	size_t item_cap;

	struct frame *frames;
	uint32_t depth, frames_cap;
	ordo_node *scratch;
	size_t len, cap;

	size_t nodes; /* counted so far, aliases expanded; never above max_nodes */
	ordo_map anchors;
	ordo_map intern; /* short scalars seen so far: keys and repeated values share one copy */
	struct recent {
		const char *text; /* in intern */
		uint32_t len;
	} recent[RECENT];
	const char *anchor_name; /* carried by the next node */

	size_t errors;
	bool read_failed;
	bool have_root;
	ordo_node root;

	struct pipe *pipe; /* set: a recorder, whose calls become events */
	const ordo_input *input; /* set: the stream the front end reads */
};

static int record(ordo_builder *b, uint8_t kind, uint8_t type, bool quoted, const char *text,
		  size_t len, uint32_t line, uint32_t col);
enum { EV_BEGIN, EV_END, EV_SCALAR, EV_ANCHOR, EV_ALIAS, EV_ERROR, EV_READ_ERROR };

/* ---- messages ---- */

static void add_vmessage(ordo_builder *b, uint32_t line, uint32_t col, const char *fmt, va_list ap)
    ORDO_PRINTF(4, 0);

static void add_vmessage(ordo_builder *b, uint32_t line, uint32_t col, const char *fmt, va_list ap)
{
	if (b->pipe) {
		char m[1024];
		int n = vsnprintf(m, sizeof(m), fmt, ap);
		record(b, EV_ERROR, 0, false, m, n < 0 ? 0 : strlen(m), line, col);
		b->errors++;
		return;
	}
	ordo_loc loc = {b->file, line, line ? col : 0};
	ordo_diag_vadd(b->diag, &loc, fmt, ap);
	b->errors++;
}

static void add_message(ordo_builder *b, uint32_t line, uint32_t col, const char *fmt, ...)
    ORDO_PRINTF(4, 5);

static void add_message(ordo_builder *b, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_vmessage(b, line, col, fmt, ap);
	va_end(ap);
}

void ordo_builder_error(ordo_builder *b, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_vmessage(b, line, col, fmt, ap);
	va_end(ap);
}

/* strerror() capitalises; messages here do not. */
static void add_cannot_read(ordo_diag *d, const char *name, int err)
{
	char why[128];
	snprintf(why, sizeof(why), "%s", strerror(err));
	if (why[0] >= 'A' && why[0] <= 'Z' && !(why[1] >= 'A' && why[1] <= 'Z'))
		why[0] = (char)(why[0] - 'A' + 'a');
	ordo_diag_add(d, NULL, "cannot read '%s': %s", name, why);
}

void ordo_builder_read_error(ordo_builder *b, int err)
{
	if (b->pipe) {
		record(b, EV_READ_ERROR, 0, false, "", 0, (uint32_t)err, 0);
		b->errors++;
		b->read_failed = true;
		return;
	}
	uint32_t line, col;
	const char *why = ordo_input_error(b->input, &line, &col);
	if (why) {
		/* not a failure to read: the input is not in its encoding */
		add_message(b, line, col, "%s", why);
		return;
	}
	add_cannot_read(b->diag, b->file, err);
	b->errors++;
	b->read_failed = true;
}

bool ordo_builder_failed(const ordo_builder *b)
{
	return b->errors > 0;
}

size_t ordo_builder_max_scalar(const ordo_builder *b)
{
	return b->max_scalar;
}

size_t ordo_builder_max_bytes(const ordo_builder *b)
{
	return b->max_bytes;
}

/* How much of a key to show: all of it, or a prefix that does not cut a
 * UTF-8 sequence. */
static int shown_len(const char *s, uint32_t len)
{
	if (len <= SHOWN_KEY)
		return (int)len;
	uint32_t n = SHOWN_KEY - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* ---- building ---- */

static int count_nodes(ordo_builder *b, size_t n, uint32_t line, uint32_t col, bool alias)
{
	if (n > b->max_nodes - b->nodes) {
		if (alias)
			add_message(b, line, col, "alias expansion exceeds %zu nodes",
			            b->max_nodes);
		else
			add_message(b, line, col, "the document has more than %zu nodes",
			            b->max_nodes);
		return ORDO_EINVALID;
	}
	b->nodes += n;
	return 0;
}

static const ordo_node *find_key(ordo_builder *b, struct frame *f, const ordo_node *key)
{
	size_t idx = b->len - f->start;
	if (idx / 2 <= SMALL_MAP && f->keys.cap == 0) {
		for (size_t i = 0; i < idx; i += 2) {
			const ordo_node *k = &b->scratch[f->start + i];
			if (ordo_node_is_scalar(k) && k->len == key->len &&
			    memcmp(k->u.str, key->u.str, key->len) == 0)
				return k;
		}
		return NULL;
	}
	if (f->keys.cap == 0) {
		/* outgrew SMALL_MAP: index the keys so far, first occurrence wins */
		for (size_t i = 0; i < idx; i += 2) {
			const ordo_node *k = &b->scratch[f->start + i];
			if (ordo_node_is_scalar(k) && !ordo_map_get(&f->keys, k->u.str, k->len))
				ordo_map_put(&f->keys, k->u.str, k->len,
				             (void *)(uintptr_t)(i + 1));
		}
	}
	void *v = ordo_map_get(&f->keys, key->u.str, key->len);
	if (v)
		return &b->scratch[f->start + (uintptr_t)v - 1];
	ordo_map_put(&f->keys, key->u.str, key->len, (void *)(uintptr_t)(idx + 1));
	return NULL;
}

/* Problems with a key are recorded and the build goes on, so one run
 * reports every duplicate. */
static void check_key(ordo_builder *b, struct frame *f, const ordo_node *key)
{
	if (!ordo_node_is_scalar(key)) {
		add_message(b, key->line, key->col, "a mapping key must be a scalar");
		return;
	}
	const ordo_node *first = find_key(b, f, key);
	if (first) {
		int n = shown_len(key->u.str, key->len);
		add_message(b, key->line, key->col, "duplicate key '%.*s%s' (first at line %u)", n,
		            key->u.str, (uint32_t)n < key->len ? "..." : "", first->line);
	}
}

static int push(ordo_builder *b, const ordo_node *n)
{
	if (b->depth == 0) {
		if (b->have_root) {
			add_message(b, n->line, n->col, "more than one document in the file");
			return ORDO_EINVALID;
		}
		b->root = *n;
		b->have_root = true;
		return 0;
	}
	struct frame *f = &b->frames[b->depth - 1];
	if (f->type == ORDO_NODE_MAP && ((b->len - f->start) & 1) == 0)
		check_key(b, f, n);
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->scratch = ordo_xrealloc(b->scratch, b->cap * sizeof(ordo_node));
	}
	b->scratch[b->len++] = *n;
	return 0;
}

static struct anchor *take_anchor(ordo_builder *b)
{
	if (!b->anchor_name)
		return NULL;
	struct anchor *a = ordo_arena_alloc(b->doc->arena, sizeof(*a));
	ordo_map_put(&b->anchors, b->anchor_name, strlen(b->anchor_name), a);
	b->anchor_name = NULL;
	return a;
}

/* An item of the list being folded, handed over instead of pushed. */
static int fold_item(ordo_builder *b, const ordo_node *item)
{
	b->nfolded++;
	return b->fold_item(b->fold_ud, b->doc, item) < 0 ? ORDO_EINVALID : 0;
}

/* Does the list that just began (the top frame) get folded? */
static void maybe_fold(ordo_builder *b)
{
	const char *keys[16];
	if (!b->fold_list || b->folding || b->depth > 16 || b->frames[b->depth - 1].anchor)
		return;
	for (uint32_t i = 0; i < b->depth; i++)
		keys[i] = b->frames[i].key;
	if (b->fold_list(b->fold_ud, keys, b->depth)) {
		b->folding = b->depth;
		b->nfolded = 0;
	}
}

int ordo_builder_begin(ordo_builder *b, ordo_node_type type, uint32_t line, uint32_t col)
{
	if (b->pipe)
		return record(b, EV_BEGIN, (uint8_t)type, false, "", 0, line, col);
	if (b->skip) {
		b->skip++;
		b->anchor_name = NULL; /* nothing skipped can be an alias's target */
		return count_nodes(b, 1, line, col, false);
	}
	bool item_map = b->folding && b->depth == b->folding && type == ORDO_NODE_MAP &&
			!b->anchor_name && b->fold_maps;
	if (b->folding && b->depth == b->folding && !item_map) {
		/* a container where a folded list wants scalars */
		ordo_node item;
		memset(&item, 0, sizeof(item));
		item.type = type == ORDO_NODE_MAP ? ORDO_NODE_MAP : ORDO_NODE_SEQ;
		item.line = line;
		item.col = col;
		b->anchor_name = NULL;
		b->skip = 1;
		if (count_nodes(b, 1, line, col, false))
			return ORDO_EINVALID;
		return fold_item(b, &item);
	}
	if (b->depth >= b->max_depth) {
		add_message(b, line, col, "nesting deeper than %u levels", b->max_depth);
		return ORDO_EINVALID;
	}
	size_t count0 = b->nodes;
	if (count_nodes(b, 1, line, col, false))
		return ORDO_EINVALID;
	if (b->depth == b->frames_cap) {
		b->frames_cap = b->frames_cap ? b->frames_cap * 2 : 16;
		b->frames = ordo_xrealloc(b->frames, b->frames_cap * sizeof(struct frame));
	}
	struct frame *f = &b->frames[b->depth++];
	memset(f, 0, sizeof(*f));
	f->type = type == ORDO_NODE_MAP ? ORDO_NODE_MAP : ORDO_NODE_SEQ;
	f->line = line;
	f->col = col;
	f->start = b->len;
	f->count0 = count0;
	f->anchor = take_anchor(b);
	f->fold_item = item_map;
	/* inside a mapping, the key just pushed names this container */
	if (b->depth >= 2 && b->frames[b->depth - 2].type == ORDO_NODE_MAP && b->len &&
	    ((b->len - b->frames[b->depth - 2].start) & 1))
		f->key = b->scratch[b->len - 1].u.str;
	if (f->type == ORDO_NODE_SEQ)
		maybe_fold(b);
	return 0;
}

int ordo_builder_end(ordo_builder *b)
{
	if (b->pipe)
		return record(b, EV_END, 0, false, "", 0, 0, 0);
	if (b->skip) {
		b->skip--;
		return 0;
	}
	if (b->depth == 0)
		ordo_die("ordo_builder_end without an open container");
	if (b->folding && b->depth == b->folding) {
		/* the end of a folded list: the reader's node takes its place */
		struct frame *f = &b->frames[--b->depth];
		ordo_node node;
		memset(&node, 0, sizeof(node));
		node.type = ORDO_NODE_SEQ;
		node.quoted = ORDO_NODE_FOLDED;
		node.line = f->line;
		node.col = f->col;
		node.len = b->nfolded;
		b->folding = 0;
		b->fold_end(b->fold_ud, b->doc, &node);
		ordo_map_release(&f->keys);
		return push(b, &node);
	}
	struct frame *f = &b->frames[--b->depth];
	size_t n = b->len - f->start;
	ordo_node node;
	memset(&node, 0, sizeof(node));
	node.type = f->type;
	node.line = f->line;
	node.col = f->col;
	if (f->type == ORDO_NODE_MAP)
		n &= ~(size_t)1; /* front ends always pair keys; drop a stray one */
	if ((f->type == ORDO_NODE_MAP ? n / 2 : n) > UINT32_MAX) {
		add_message(b, f->line, f->col, "more than %u items in one container",
		            (unsigned)UINT32_MAX);
		ordo_map_release(&f->keys);
		return ORDO_EINVALID;
	}
	node.len = (uint32_t)(f->type == ORDO_NODE_MAP ? n / 2 : n);
	if (f->fold_item) {
		/* a mapping item of a folded list: a view of it, valid during the call */
		node.u.items = n ? &b->scratch[f->start] : NULL;
		int err = fold_item(b, &node);
		b->len = f->start;
		ordo_map_release(&f->keys);
		return err;
	}
	/* an item of a top-level list the reader folds into its own record */
	if (b->fold && f->type == ORDO_NODE_MAP && b->depth == 2 && !f->anchor && !b->errors &&
	    b->frames[1].type == ORDO_NODE_SEQ && b->frames[1].key && b->frames[0].type == ORDO_NODE_MAP) {
		ordo_node view = node, folded;
		view.u.items = n ? &b->scratch[f->start] : NULL;
		memset(&folded, 0, sizeof(folded));
		int how = b->fold(b->fold_ud, b->doc, b->frames[1].key, &view, &folded);
		if (how == 1 || how == 2) {
			b->len = f->start;
			ordo_map_release(&f->keys);
			return how == 1 ? push(b, &folded) : 0;
		}
	}
	if (n) {
		ordo_node *items = ordo_arena_alloc_raw(b->doc->arena, n * sizeof(ordo_node));
		memcpy(items, &b->scratch[f->start], n * sizeof(ordo_node));
		node.u.items = items;
	}
	b->len = f->start;
	if (f->anchor) {
		f->anchor->node = node;
		f->anchor->count = b->nodes - f->count0;
		f->anchor->done = true;
	}
	ordo_map_release(&f->keys);
	return push(b, &node);
}

int ordo_builder_scalar(ordo_builder *b, ordo_node_type type, const char *text, size_t len,
                        bool quoted, uint32_t line, uint32_t col)
{
	if (b->pipe) /* one byte more than the limit is as good as any more */
		return record(b, EV_SCALAR, (uint8_t)type, quoted, text,
			      len > b->max_scalar ? b->max_scalar + 1 : len, line, col);
	if (len > b->max_scalar) {
		add_message(b, line, col, "a scalar longer than %zu bytes", b->max_scalar);
		return ORDO_EINVALID;
	}
	if (count_nodes(b, 1, line, col, false))
		return ORDO_EINVALID;
	if (b->skip) {
		b->anchor_name = NULL;
		return 0;
	}
	if (len && memchr(text, '\0', len))
		add_message(b, line, col, "NUL character in a string");
	ordo_node node;
	memset(&node, 0, sizeof(node));
	node.type = type <= ORDO_NODE_STRING ? (uint8_t)type : ORDO_NODE_STRING;
	node.quoted = quoted;
	node.boolean = type == ORDO_NODE_BOOL && len && (text[0] == 't' || text[0] == 'T');
	node.line = line;
	node.col = col;
	node.len = (uint32_t)len;
	if (b->folding && b->depth == b->folding && !b->anchor_name) {
		/* a copy that ends in a NUL, valid during the call */
		if (len + 1 > b->item_cap) {
			b->item_cap = len + 1 > 256 ? len + 1 : 256;
			b->item = ordo_xrealloc(b->item, b->item_cap);
		}
		if (len)
			memcpy(b->item, text, len);
		b->item[len] = '\0';
		node.u.str = b->item;
		return fold_item(b, &node);
	}
	/* a million servers repeat the same keys and operating systems: keep
	 * one copy of each short text (the table stops growing at a few
	 * thousand entries, so unique names do not fill memory with it) */
	if (len && len <= 32) {
		/* the keys of a server entry come back every few tokens: a
		 * small cache by length and first and last byte answers
		 * before the table */
		struct recent *rc = &b->recent[(len * 7 + (unsigned char)text[0] * 3 +
						(unsigned char)text[len - 1]) % RECENT];
		if (rc->len == len && memcmp(rc->text, text, len) == 0) {
			node.u.str = rc->text;
		} else {
			const char *hit = b->intern.len < MAX_INTERN || b->intern.len == 0
						  ? ordo_map_get(&b->intern, text, len)
						  : NULL;
			if (!hit && b->intern.len >= MAX_INTERN) {
				/* the table is full: new texts are just copied */
				node.u.str = ordo_arena_strndup(b->doc->arena, text, len);
			} else {
				if (!hit) {
					hit = ordo_arena_strndup(b->doc->arena, text, len);
					ordo_map_put(&b->intern, hit, len, (void *)hit);
				}
				node.u.str = hit;
				rc->text = hit;
				rc->len = (uint32_t)len;
			}
		}
	} else {
		node.u.str = ordo_arena_strndup(b->doc->arena, text, len);
	}
	struct anchor *a = take_anchor(b);
	if (a) {
		a->node = node;
		a->count = 1;
		a->done = true;
	}
	if (b->folding && b->depth == b->folding)
		return fold_item(b, &node); /* an anchored item of a folded list */
	return push(b, &node);
}

int ordo_builder_anchor(ordo_builder *b, const char *name)
{
	if (b->pipe)
		return record(b, EV_ANCHOR, 0, false, name, strlen(name), 0, 0);
	b->anchor_name = ordo_arena_strdup(b->doc->arena, name);
	return 0;
}

int ordo_builder_alias(ordo_builder *b, const char *name, uint32_t line, uint32_t col)
{
	if (b->pipe)
		return record(b, EV_ALIAS, 0, false, name, strlen(name), line, col);
	struct anchor *a = ordo_map_get(&b->anchors, name, strlen(name));
	b->anchor_name = NULL;
	if (!a || !a->done) {
		if (!a)
			add_message(b, line, col, "unknown alias '*%s'", name);
		else
			add_message(b, line, col, "alias '*%s' refers to a node that contains it",
			            name);
		/* a null in its place keeps the keys and values of a map paired */
		return ordo_builder_scalar(b, ORDO_NODE_NULL, "", 0, false, line, col);
	}
	if (count_nodes(b, a->count, line, col, true))
		return ORDO_EINVALID;
	if (b->skip)
		return 0;
	ordo_node node = a->node;
	node.line = line;
	node.col = col;
	if (b->folding && b->depth == b->folding)
		return fold_item(b, &node);
	return push(b, &node);
}

/* ---- documents ---- */

static uint32_t or_default32(uint32_t v, uint32_t def)
{
	return v ? v : def;
}

static size_t or_default(size_t v, size_t def)
{
	return v ? v : def;
}

static ordo_doc *doc_new(const char *name, int syntax)
{
	ordo_arena *a = ordo_arena_new();
	ordo_doc *doc = ordo_arena_alloc(a, sizeof(*doc));
	doc->arena = a;
	doc->file = ordo_arena_strdup(a, name);
	doc->syntax = syntax;
	return doc;
}

void ordo_doc_free(ordo_doc *doc)
{
	if (doc)
		ordo_arena_free(doc->arena);
}

static void builder_init(ordo_builder *b, ordo_doc *doc, ordo_diag *d, const char *file,
                         const ordo_load_options *opts)
{
	static const ordo_load_options none = ORDO_LOAD_OPTIONS_INIT;
	if (!opts)
		opts = &none;
	memset(b, 0, sizeof(*b));
	b->doc = doc;
	b->diag = d;
	b->file = file;
	b->max_depth = or_default32(opts->max_depth, DEFAULT_MAX_DEPTH);
	b->max_scalar = or_default(opts->max_scalar, DEFAULT_MAX_SCALAR);
	if (b->max_scalar > UINT32_MAX - 1)
		b->max_scalar = UINT32_MAX - 1; /* ordo_node.len, and a longer text is cut there */
	b->max_nodes = or_default(opts->max_nodes, DEFAULT_MAX_NODES);
	b->max_bytes = or_default(opts->max_bytes, DEFAULT_MAX_BYTES);
	b->fold = opts->fold;
	b->fold_ud = opts->fold_ud;
	if (opts->fold_list && opts->fold_item && opts->fold_end) {
		b->fold_list = opts->fold_list;
		b->fold_item = opts->fold_item;
		b->fold_end = opts->fold_end;
		b->fold_maps = opts->fold_maps;
	}
}

/* Hand the root to the document and release the builder. Returns the
 * load's result: any recorded problem makes it fail. */
static int builder_finish(ordo_builder *b, int rc)
{
	if (rc && !b->errors)
		add_message(b, 0, 0, "cannot parse the input");
	if (!b->errors && b->depth)
		add_message(b, 0, 0, "the input ends inside a container");
	if (b->errors)
		rc = b->read_failed ? ORDO_ENOTFOUND : ORDO_EINVALID;
	else if (b->have_root) {
		ordo_node *root = ordo_arena_alloc(b->doc->arena, sizeof(*root));
		*root = b->root;
		b->doc->root = root;
	}
	for (uint32_t i = 0; i < b->depth; i++)
		ordo_map_release(&b->frames[i].keys);
	free(b->frames);
	free(b->scratch);
	free(b->item);
	ordo_map_release(&b->anchors);
	ordo_map_release(&b->intern);
	return rc;
}

/* ---- choosing a syntax ---- */

static int syntax_of_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return ORDO_SYNTAX_AUTO;
	if (strcasecmp(dot, ".json") == 0)
		return ORDO_SYNTAX_JSON;
	if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
		return ORDO_SYNTAX_YAML;
	return ORDO_SYNTAX_AUTO;
}

static int sniff_fd(int fd, int enc)
{
	unsigned char buf[4096];
	off_t off = 0;
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof(buf), off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ORDO_SYNTAX_YAML;
		int s = ordo_input_sniff(buf, (size_t)n, (size_t)off, enc);
		if (s != ORDO_SYNTAX_AUTO)
			return s;
		off += n;
	}
}

static int pick_syntax(const ordo_load_options *opts, const char *name)
{
	if (opts && (opts->syntax == ORDO_SYNTAX_YAML || opts->syntax == ORDO_SYNTAX_JSON))
		return opts->syntax;
	return syntax_of_name(name);
}

/* ---- reading on a thread of its own ----
 *
 * A file is parsed on a second thread while this one builds the tree: the
 * front end runs there against a recorder, a builder whose every call is
 * written down as an event (text copied) in blocks of a small ring, and
 * the events are replayed here, in order, into the real builder. The
 * builder therefore sees the very calls, with the very positions and
 * messages, that it would see with the front end feeding it directly;
 * only the work is spread over two processors (the parser's on one, the
 * tree's and the folds' on the other). When a call fails here, the reader
 * is told to stop and nothing after that call is replayed, just as the
 * front end would have stopped at it.
 */

#define RECORD_EVENTS 16384
#define RECORD_TEXT   ((size_t)256 * 1024)

struct event {
	uint8_t kind, type;
	bool quoted;
	uint32_t line, col;
	uint32_t len; /* of the text; errno for EV_READ_ERROR */
	size_t off;   /* of the text in its block */
};

struct pipe {
	ordo_ring *ring;
	ordo_builder rec;
	int (*front)(ordo_builder *, void *);
	void *fp;
};

static int record(ordo_builder *b, uint8_t kind, uint8_t type, bool quoted, const char *text,
		  size_t len, uint32_t line, uint32_t col)
{
	ordo_ring *ring = b->pipe->ring;
	ordo_ring_block *k = ordo_ring_fill(ring);
	if (k && (k->nev >= RECORD_EVENTS || k->ntext >= RECORD_TEXT)) {
		ordo_ring_hand_over(ring, false, 0);
		k = ordo_ring_fill(ring);
	}
	struct event *e = k ? ordo_ring_event(ring) : NULL;
	if (!e)
		return ORDO_EINVALID; /* told to stop */
	e->kind = kind;
	e->type = type;
	e->quoted = quoted;
	e->line = line;
	e->col = col;
	e->len = (uint32_t)len;
	e->off = ordo_ring_text(k, len + 1);
	if (len)
		memcpy(k->text + e->off, text, len);
	k->text[e->off + len] = '\0';
	return 0;
}

static void *reader(void *arg)
{
	struct pipe *p = arg;
	prctl(PR_SET_NAME, "ordo-reader", 0, 0, 0); /* for ps and perf */
	int rc = p->front(&p->rec, p->fp);
	ordo_ring_hand_over(p->ring, true, rc);
	return NULL;
}

/* One event into the real builder: 0, or the builder's failure. */
static int replay_one(ordo_builder *b, const struct event *e, const char *text)
{
	switch (e->kind) {
	case EV_BEGIN:
		return ordo_builder_begin(b, (ordo_node_type)e->type, e->line, e->col);
	case EV_END:
		return ordo_builder_end(b);
	case EV_SCALAR:
		return ordo_builder_scalar(b, (ordo_node_type)e->type, text, e->len, e->quoted,
					   e->line, e->col);
	case EV_ANCHOR:
		return ordo_builder_anchor(b, text);
	case EV_ALIAS:
		return ordo_builder_alias(b, text, e->line, e->col);
	case EV_ERROR:
		ordo_builder_error(b, e->line, e->col, "%s", text);
		return 0;
	default:
		ordo_builder_read_error(b, (int)e->line);
		return 0;
	}
}

static int replay(ordo_ring *ring, ordo_builder *b)
{
	for (;;) {
		ordo_ring_block *k = ordo_ring_take(ring);
		const struct event *ev = k->ev;
		int rc = 0;
		for (size_t i = 0; i < k->nev && !rc; i++)
			rc = replay_one(b, &ev[i], k->text + ev[i].off);
		bool last = k->last;
		if (!rc && last)
			rc = k->rc;
		ordo_ring_give_back(ring, rc != 0);
		if (rc || last)
			return rc;
	}
}

/* Run the front end on fp into b, on a second thread when one can be had. */
static int run_front(ordo_builder *b, int (*front)(ordo_builder *, void *), void *fp)
{
	/* the recorder is read on every event over there: lines of its own */
	struct pipe *p = ordo_xcalloc_lines(sizeof(*p));
	pthread_t t;
	int rc;
	p->ring = ordo_ring_new(sizeof(struct event));
	p->rec.pipe = p;
	p->rec.file = b->file;
	p->rec.max_scalar = b->max_scalar;
	p->rec.max_bytes = b->max_bytes;
	p->front = front;
	p->fp = fp;
	if (pthread_create(&t, NULL, reader, p) != 0) {
		rc = front(b, fp);
	} else {
		rc = replay(p->ring, b);
		if (rc && !b->errors)
			rc = ORDO_EINVALID; /* as a front end returns when told to stop */
		pthread_join(t, NULL);
	}
	ordo_ring_free(p->ring);
	free(p);
	return rc;
}

/* ---- entry points ---- */

/* Which encoding the first bytes show; an encoding ordo does not read is
 * reported at the start of the input. */
static int encoding_of(const unsigned char *p, size_t n, const char *shown, ordo_diag *d)
{
	const char *what;
	int enc = ordo_input_encoding(p, n, &what);
	if (enc == ORDO_ENC_UNREAD) {
		ordo_loc loc = {shown, 1, 1};
		ordo_diag_add(d, &loc,
			      "the input is %s; ordo reads UTF-8, and UTF-16 with a byte order mark "
			      "(save it as UTF-8)",
			      what);
	}
	return enc;
}

/* Parse the stream fp (UTF-8) into b, per syntax. */
static int parse_stream(ordo_builder *b, int syntax, FILE *fp)
{
	/* both parse on a reader thread: YAJL's front end hands chunks over
	 * itself, libyaml's runs against a recorder */
	return syntax == ORDO_SYNTAX_JSON ? ordo_load_json_file(b, fp)
					  : run_front(b, ordo_load_yaml_file, fp);
}

/* Standard input: the bytes that show its encoding and syntax are read
 * first (it cannot be read twice) and handed to the stream again. */
static int load_stdin(ordo_doc **out, const char *shown, const ordo_load_options *opts,
		      ordo_diag *d)
{
	ordo_buf pre = ORDO_BUF_INIT;
	int syntax = pick_syntax(opts, NULL), enc = ORDO_ENC_UTF8, rc;
	bool eof = false;
	for (;;) {
		char chunk[4096];
		ssize_t n = read(STDIN_FILENO, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			add_cannot_read(d, shown, errno);
			ordo_buf_release(&pre);
			return ORDO_ENOTFOUND;
		}
		ordo_buf_put(&pre, chunk, (size_t)n);
		eof = n == 0;
		if (pre.len < 4 && !eof)
			continue;
		enc = encoding_of((const unsigned char *)pre.ptr, pre.len, shown, d);
		if (enc == ORDO_ENC_UNREAD) {
			ordo_buf_release(&pre);
			return ORDO_EINVALID;
		}
		if (syntax == ORDO_SYNTAX_AUTO)
			syntax = ordo_input_sniff((const unsigned char *)pre.ptr, pre.len, 0, enc);
		/* blanks as far as 64 KiB: YAML, as a file of blanks is */
		if (syntax != ORDO_SYNTAX_AUTO || eof || pre.len >= 65536)
			break;
	}
	if (syntax == ORDO_SYNTAX_AUTO)
		syntax = ORDO_SYNTAX_YAML;
	FILE *fp;
	ordo_input *in = ordo_input_new(&fp, STDIN_FILENO, NULL, 0, pre.ptr, pre.len, enc,
					syntax == ORDO_SYNTAX_JSON);
	ordo_buf_release(&pre);
	ordo_doc *doc = doc_new(shown, syntax);
	ordo_builder b;
	builder_init(&b, doc, d, shown, opts);
	b.input = in;
	rc = builder_finish(&b, parse_stream(&b, syntax, fp));
	fclose(fp);
	ordo_input_free(in);
	if (rc) {
		ordo_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int ordo_load_file(ordo_doc **out, const char *path, const char *name,
                   const ordo_load_options *opts, ordo_diag *d)
{
	const char *shown = name ? name : path;
	ordo_doc *doc = NULL;
	ordo_input *in = NULL;
	FILE *fp = NULL;
	int fd, rc;
	struct stat st;
	ordo_builder b;

	*out = NULL;
	if (!strcmp(path, "-"))
		return load_stdin(out, name ? name : ORDO_STDIN_NAME, opts, d);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		add_cannot_read(d, shown, errno);
		rc = ORDO_ENOTFOUND;
		goto done;
	}
	if (fstat(fd, &st) < 0) {
		add_cannot_read(d, shown, errno);
		rc = ORDO_ENOTFOUND;
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		ordo_diag_add(d, NULL, "'%s' is a directory, not a file", shown);
		rc = ORDO_EINVALID;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		ordo_diag_add(d, NULL, "'%s' is not a regular file", shown);
		rc = ORDO_EINVALID;
		goto done;
	}
	size_t max_bytes = or_default(opts ? opts->max_bytes : 0, DEFAULT_MAX_BYTES);
	if ((uint64_t)st.st_size > max_bytes) {
		ordo_diag_add(d, NULL, "'%s' is larger than %zu bytes", shown, max_bytes);
		rc = ORDO_EINVALID;
		goto done;
	}
	unsigned char head[4];
	ssize_t nhead;
	do
		nhead = pread(fd, head, sizeof(head), 0);
	while (nhead < 0 && errno == EINTR);
	if (nhead < 0) {
		add_cannot_read(d, shown, errno);
		rc = ORDO_ENOTFOUND;
		goto done;
	}
	int enc = encoding_of(head, (size_t)nhead, shown, d);
	if (enc == ORDO_ENC_UNREAD) {
		rc = ORDO_EINVALID;
		goto done;
	}
	int syntax = pick_syntax(opts, path);
	if (syntax == ORDO_SYNTAX_AUTO)
		syntax = syntax_of_name(name);
	if (syntax == ORDO_SYNTAX_AUTO)
		syntax = sniff_fd(fd, enc);
	if (enc != ORDO_ENC_UTF8) {
		/* transcoded as it is read */
		in = ordo_input_new(&fp, fd, NULL, 0, NULL, 0, enc, syntax == ORDO_SYNTAX_JSON);
	} else {
		fp = fdopen(fd, "rb");
		if (!fp) {
			add_cannot_read(d, shown, errno);
			rc = ORDO_ENOTFOUND;
			goto done;
		}
		fd = -1;
	}

	doc = doc_new(shown, syntax);
	builder_init(&b, doc, d, shown, opts);
	b.input = in;
	rc = builder_finish(&b, parse_stream(&b, syntax, fp));

done:
	if (fp)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	ordo_input_free(in);
	if (rc) {
		ordo_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int ordo_load_buffer(ordo_doc **out, const char *buf, size_t len, const char *name,
                     const ordo_load_options *opts, ordo_diag *d)
{
	const char *shown = name ? name : buffer_name;
	ordo_doc *doc = NULL;
	ordo_builder b;
	int rc;

	*out = NULL;
	size_t max_bytes = or_default(opts ? opts->max_bytes : 0, DEFAULT_MAX_BYTES);
	if (len > max_bytes) {
		ordo_diag_add(d, NULL, "'%s' is larger than %zu bytes", shown, max_bytes);
		rc = ORDO_EINVALID;
		goto done;
	}
	int enc = encoding_of((const unsigned char *)buf, len < 4 ? len : 4, shown, d);
	if (enc == ORDO_ENC_UNREAD) {
		rc = ORDO_EINVALID;
		goto done;
	}
	int syntax = pick_syntax(opts, name);
	if (syntax == ORDO_SYNTAX_AUTO) {
		syntax = ordo_input_sniff((const unsigned char *)buf, len, 0, enc);
		if (syntax == ORDO_SYNTAX_AUTO)
			syntax = ORDO_SYNTAX_YAML;
	}
	doc = doc_new(shown, syntax);
	builder_init(&b, doc, d, shown, opts);
	if (enc != ORDO_ENC_UTF8) {
		/* through the stream a file in UTF-16 is read by */
		FILE *fp;
		ordo_input *in = ordo_input_new(&fp, -1, buf, len, NULL, 0, enc,
						syntax == ORDO_SYNTAX_JSON);
		b.input = in;
		rc = builder_finish(&b, parse_stream(&b, syntax, fp));
		fclose(fp);
		ordo_input_free(in);
		goto done;
	}
	rc = syntax == ORDO_SYNTAX_JSON ? ordo_load_json_buffer(&b, buf, len)
	                                : ordo_load_yaml_buffer(&b, buf, len);
	rc = builder_finish(&b, rc);

done:
	if (rc) {
		ordo_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}
