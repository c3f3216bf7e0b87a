/* SPDX-License-Identifier: MIT */
/*
 * schema.h: reading typed fields off document nodes, with messages.
 *
 * The estate and catalog validators walk document trees with these
 * helpers; each problem is added to the diagnostics with the node's
 * location and the walk goes on, so one run reports every problem.
 */
#ifndef ORDO_SCHEMA_H
#define ORDO_SCHEMA_H

#include "node.h"

typedef struct {
	ordo_diag *d;
	const ordo_doc *doc;
	ordo_arena *a;
	size_t errors;
} ordo_reader;

void ordo_rd_error(ordo_reader *r, const ordo_node *at, const char *fmt, ...) ORDO_PRINTF(3, 4);
/** Report keys of map not in allowed (NULL-terminated): "unknown key 'x' in <where>". */
void ordo_rd_keys(ordo_reader *r, const ordo_node *map, const char *const *allowed, const char *where);
/** True when n is a MAP; otherwise reports "<what> must be a mapping". */
bool ordo_rd_is_map(ordo_reader *r, const ordo_node *n, const char *what);
bool ordo_rd_is_seq(ordo_reader *r, const ordo_node *n, const char *what);
/** A string (or number, whose text is taken: releases such as 2016). NULL
 * when absent (reported if required) or of another type (reported). */
const char *ordo_rd_text(ordo_reader *r, const ordo_node *map, const char *key, const char *where,
			 bool required);
/** The text of a scalar node that is a string or number, else NULL. */
const char *ordo_rd_scalar(const ordo_node *n);
/** A boolean field: def when absent; reports other types. */
bool ordo_rd_bool(ordo_reader *r, const ordo_node *map, const char *key, const char *where, bool def);
/** A number field; false when absent (not reported unless required) or invalid. */
bool ordo_rd_number(ordo_reader *r, const ordo_node *map, const char *key, const char *where,
		    bool required, double *out);
/** A list of strings (a single string is taken as a list of one). */
bool ordo_rd_strlist(ordo_reader *r, const ordo_node *map, const char *key, const char *where,
		     bool required, const char ***items, uint32_t *n);

#endif
