/* SPDX-License-Identifier: MIT */
/*
 * loader.h: one interface for reading YAML and JSON input files.
 *
 * YAML is read with libyaml's event parser, JSON with YAJL's callback
 * parser; both feed the same tree builder (loader.c), which enforces the
 * limits every input shares: nesting depth, scalar size, total node count
 * (which also bounds YAML alias expansion), duplicate keys, UTF-8 and NUL
 * bytes. Only load_yaml.c and load_json.c include the parsers' headers.
 * A file is parsed on a reader thread whose builder calls are replayed, in
 * order, into the real builder on the calling thread (loader.c).
 */
#ifndef ORDO_LOADER_H
#define ORDO_LOADER_H

#include "node.h"

enum {
	ORDO_SYNTAX_AUTO = 0, /* by extension (.json / .yaml / .yml), else by content */
	ORDO_SYNTAX_YAML,
	ORDO_SYNTAX_JSON,
};

/*
 * A fold lets the reader of a large document keep its own compact record
 * of each item of a top-level list instead of the item's subtree: when a
 * mapping that is an item of the list under root key `key` ends, fold()
 * sees it (its items are valid during the call only) and may return 1 with
 * *out set to a small node that takes its place (its subtree is then never
 * copied), 2 to leave nothing in its place (the list is then shorter), or
 * 0 to keep the mapping as usual. A million server entries then cost
 * their records, not nine nodes each.
 */
typedef int (*ordo_fold_fn)(void *ud, const ordo_doc *doc, const char *key, const ordo_node *map,
			    ordo_node *out);

/*
 * A list fold does the same for the items of lists, one item at a time:
 * when a list begins (without an anchor), fold_list() sees the keys that
 * lead to it (keys[i]: the key of the i-th open container in its parent,
 * NULL for the root and for list items; keys[depth - 1] is the list's
 * own) and returns true to take it. Each item of a taken list is then
 * handed to fold_item() as it is read and never becomes a node: a scalar
 * with its text (valid during the call only), a container or alias to one
 * by its type alone (its content is skipped). fold_item() returns 0, or a
 * negative code to stop the load (after reporting why; problems it can
 * go past are reported and 0 returned, so every one is seen). When the list
 * ends, fold_end() fills the node left in its place: a SEQ marked
 * ORDO_NODE_FOLDED whose line, column and item count are set.
 */
typedef bool (*ordo_fold_list_fn)(void *ud, const char *const *keys, uint32_t depth);
typedef int (*ordo_fold_item_fn)(void *ud, const ordo_doc *doc, const ordo_node *item);
typedef void (*ordo_fold_end_fn)(void *ud, const ordo_doc *doc, ordo_node *list);

typedef struct {
	int syntax;             /* ORDO_SYNTAX_* */
	uint32_t max_depth;     /* nesting limit; 0: 256 */
	size_t max_scalar;      /* bytes in one scalar; 0: 1 MiB */
	size_t max_nodes;       /* nodes after alias expansion; 0: 50 million */
	size_t max_bytes;       /* input size; 0: 4 GiB */
	ordo_fold_fn fold;      /* optional, see above */
	void *fold_ud;          /* for every fold callback */
	ordo_fold_list_fn fold_list; /* optional, with fold_item and fold_end */
	ordo_fold_item_fn fold_item;
	ordo_fold_end_fn fold_end;
	bool fold_maps;         /* a mapping item of a folded list is built and handed to
				 * fold_item() as a node valid during the call (its
				 * content is not skipped) */
} ordo_load_options;

#define ORDO_LOAD_OPTIONS_INIT {ORDO_SYNTAX_AUTO, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, false}

/* The name messages give standard input (path "-") when no name is given. */
#define ORDO_STDIN_NAME "<stdin>"

/**
 * Read and parse the file at path; "-" reads standard input (the syntax
 * taken from its first non-blank character unless opts or name say).
 * Input in UTF-8 (with or without a byte order mark) and in UTF-16 with a
 * byte order mark (either byte order) is read; another encoding is
 * ORDO_EINVALID, its message at line 1, column 1 naming what was seen.
 * @param[out] out  the document; caller frees with ordo_doc_free()
 * @param name      the file name to use in messages (NULL: path)
 * @return 0; ORDO_ENOTFOUND when the file is missing or unreadable (a
 *         message without location is added to d); ORDO_EINVALID when it is
 *         not well-formed (every problem, with file:line:col, added to d).
 *         A directory, FIFO or other file that is not regular is
 *         ORDO_EINVALID, found without reading it.
 */
int ordo_load_file(ordo_doc **out, const char *path, const char *name,
		   const ordo_load_options *opts, ordo_diag *d);

/** Parse a buffer that is already in memory (embedded catalog, tests). */
int ordo_load_buffer(ordo_doc **out, const char *buf, size_t len, const char *name,
		     const ordo_load_options *opts, ordo_diag *d);

void ordo_doc_free(ordo_doc *doc);

/* ---- for the parser front ends only (load_yaml.c, load_json.c) ---- */

typedef struct ordo_builder ordo_builder;

/* Each returns 0, or a negative code once a limit is hit (the builder has
 * recorded the message; the front end must stop parsing). */
int ordo_builder_begin(ordo_builder *b, ordo_node_type type, uint32_t line, uint32_t col);
int ordo_builder_end(ordo_builder *b);
int ordo_builder_scalar(ordo_builder *b, ordo_node_type type, const char *text, size_t len,
			bool quoted, uint32_t line, uint32_t col);
/* YAML anchors and aliases: the next node begun/added carries the anchor */
int ordo_builder_anchor(ordo_builder *b, const char *name);
int ordo_builder_alias(ordo_builder *b, const char *name, uint32_t line, uint32_t col);
/* Report a syntax error at line:col (1-based; line 0: no position). */
void ordo_builder_error(ordo_builder *b, uint32_t line, uint32_t col, const char *fmt, ...)
	ORDO_PRINTF(4, 5);
/* Report that reading the input failed (errno err): the load then returns
 * ORDO_ENOTFOUND with "cannot read 'name': reason". */
void ordo_builder_read_error(ordo_builder *b, int err);
/* True once any problem has been recorded, so a front end does not repeat
 * it with the parser's own "cancelled" error. */
bool ordo_builder_failed(const ordo_builder *b);
/* The limits a front end checks before the builder sees a token. */
size_t ordo_builder_max_scalar(const ordo_builder *b);
size_t ordo_builder_max_bytes(const ordo_builder *b);

/* Front ends: parse the stream into b. Return 0 or ORDO_EINVALID. */
int ordo_load_yaml_file(ordo_builder *b, void *fp /* FILE* */);
int ordo_load_yaml_buffer(ordo_builder *b, const char *buf, size_t len);
int ordo_load_json_file(ordo_builder *b, void *fp /* FILE* */);
int ordo_load_json_buffer(ordo_builder *b, const char *buf, size_t len);

/* JSON is fed to the parser in chunks of this many bytes (0: 512 KiB), or
 * longer while one token spans chunks. For tests, which move tokens across
 * chunk boundaries; not thread-safe. */
void ordo_load_json_set_chunk_size(size_t n);

#endif
