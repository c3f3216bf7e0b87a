/* SPDX-License-Identifier: MIT */
/*
 * path.h: the route of one component through its product's release graph.
 *
 * A path is the shortest sequence of catalog edges from the component's
 * version to its target release (breadth-first over releases; among equally
 * short routes the catalog's edge order decides, so results are stable).
 */
#ifndef ORDO_PATH_H
#define ORDO_PATH_H

#include "catalog.h"

typedef struct {
	ordo_version from;        /* version when the hop starts (before any rollup) */
	ordo_version to;          /* release reached (sub -1) */
	const ordo_cat_edge *edge;
	bool needs_rollup;        /* from is below edge->min */
	bool below_recommended;   /* from (after any rollup) is below edge->recommended */
} ordo_hop;

typedef enum {
	ORDO_PATH_OK = 0,      /* hops lead to the target */
	ORDO_PATH_AT_TARGET,   /* nothing to do */
	ORDO_PATH_NONE,        /* no route */
	ORDO_PATH_DOWNGRADE,   /* the target is older than the current version */
} ordo_path_status;

typedef struct {
	ordo_path_status status;
	ordo_hop *hops;
	uint32_t n;
} ordo_path;

/** Find the path of product p from version `from` to release `target`;
 * hops are allocated in a. */
void ordo_path_find(ordo_path *out, ordo_arena *a, const ordo_cat_product *p, ordo_version from,
		    ordo_version target);

#endif
