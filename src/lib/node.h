/* SPDX-License-Identifier: MIT */
/*
 * node.h: the document tree every input file becomes, whatever its syntax.
 *
 * YAML and JSON are read by streaming event parsers (loader.c); the events
 * build this compact tree, allocated in the document's arena. Each node
 * keeps the line and column where it starts, so later stages (estate and
 * catalog validation) can report "file:line:col: what is wrong".
 *
 * Scalars keep their source text in `str` whatever their type, so a YAML
 * plain scalar 2016 is a NUMBER whose text is "2016", and a version field
 * can accept it as written.
 */
#ifndef ORDO_NODE_H
#define ORDO_NODE_H

#include "util.h"

typedef enum {
	ORDO_NODE_NULL = 0,
	ORDO_NODE_BOOL,
	ORDO_NODE_NUMBER,
	ORDO_NODE_STRING,
	ORDO_NODE_MAP,
	ORDO_NODE_SEQ,
} ordo_node_type;

/* node.quoted of a SEQ whose items the reader folded into records of its
 * own while the file was parsed (ordo_load_options.fold_list): len is the
 * number of items, u.folded says how to read them. */
#define ORDO_NODE_FOLDED 2

typedef struct ordo_folded {
	const void *items; /* the reader's records, len of them */
	const char *(*text)(const void *items, uint32_t i, uint32_t *len); /* item i's text */
	const void *extra; /* the reader's own per-item data, or NULL */
} ordo_folded;

typedef struct ordo_node ordo_node;
struct ordo_node {
	uint8_t type;   /* ordo_node_type */
	uint8_t quoted; /* YAML: the scalar was quoted; JSON strings: 1 */
	uint8_t boolean;/* BOOL: its value */
	uint8_t pad_;
	uint32_t line;
	uint32_t col;
	uint32_t len;   /* scalar: text length; SEQ: items; MAP: pairs */
	union {
		const char *str;   /* scalars: NUL-terminated source text */
		ordo_node *items;  /* SEQ: items[len]; MAP: items[2i] key, items[2i+1] value */
		const ordo_folded *folded; /* SEQ with quoted == ORDO_NODE_FOLDED */
	} u;
};

typedef struct {
	ordo_arena *arena; /* owns every node and string */
	const char *file;  /* the name used in messages (owned by the arena) */
	ordo_node *root;   /* NULL for an empty document */
	int syntax;        /* ORDO_SYNTAX_* it was read as */
} ordo_doc;

static inline bool ordo_node_is_folded(const ordo_node *n)
{
	return n && n->type == ORDO_NODE_SEQ && n->quoted == ORDO_NODE_FOLDED;
}

static inline bool ordo_node_is_scalar(const ordo_node *n)
{
	return n && n->type <= ORDO_NODE_STRING;
}

/** Value of key in a MAP node, or NULL (also when n is not a map). */
const ordo_node *ordo_node_get(const ordo_node *map, const char *key);
/** Key node paired with value i of a MAP. */
static inline const ordo_node *ordo_node_key(const ordo_node *map, uint32_t i)
{
	return &map->u.items[2 * i];
}
static inline const ordo_node *ordo_node_val(const ordo_node *map, uint32_t i)
{
	return &map->u.items[2 * i + 1];
}
/** A node's location in doc. */
static inline ordo_loc ordo_node_loc(const ordo_doc *doc, const ordo_node *n)
{
	ordo_loc l = {doc ? doc->file : NULL, n ? n->line : 0, n ? n->col : 0};
	return l;
}
/** Human name of a node's type: "a mapping", "a list", "a string", ... */
const char *ordo_node_kind(const ordo_node *n);

#endif
