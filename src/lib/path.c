/* SPDX-License-Identifier: MIT */
#include "path.h"

#include <stdlib.h>
#include <string.h>

void ordo_path_find(ordo_path *out, ordo_arena *a, const ordo_cat_product *p, ordo_version from,
		    ordo_version target)
{
	memset(out, 0, sizeof(*out));
	int cmp = ordo_version_cmp_release(&from, &target);
	if (cmp == 0) {
		out->status = ORDO_PATH_AT_TARGET;
		return;
	}
	if (cmp > 0) {
		out->status = ORDO_PATH_DOWNGRADE;
		return;
	}
	uint32_t n = from.scale->n;
	int32_t *prev_edge = malloc(sizeof(int32_t) * n);
	int32_t *queue = malloc(sizeof(int32_t) * n);
	for (uint32_t i = 0; i < n; i++)
		prev_edge[i] = -2; /* unvisited */
	uint32_t head = 0, tail = 0;
	prev_edge[from.idx] = -1;
	queue[tail++] = from.idx;
	while (head < tail && prev_edge[target.idx] == -2) {
		int32_t r = queue[head++];
		for (uint32_t i = 0; i < p->nedges; i++) {
			const ordo_cat_edge *e = &p->edges[i];
			if (e->from.idx != r || prev_edge[e->to.idx] != -2)
				continue;
			/* never overshoot the target */
			if (e->to.idx != target.idx && ordo_version_cmp_release(&e->to, &target) > 0)
				continue;
			prev_edge[e->to.idx] = (int32_t)i;
			queue[tail++] = e->to.idx;
		}
	}
	if (prev_edge[target.idx] == -2) {
		out->status = ORDO_PATH_NONE;
		goto done;
	}
	uint32_t count = 0;
	for (int32_t r = target.idx; prev_edge[r] >= 0; r = p->edges[prev_edge[r]].from.idx)
		count++;
	out->hops = ordo_arena_alloc(a, sizeof(ordo_hop) * count);
	out->n = count;
	uint32_t k = count;
	for (int32_t r = target.idx; prev_edge[r] >= 0; r = p->edges[prev_edge[r]].from.idx)
		out->hops[--k].edge = &p->edges[prev_edge[r]];
	ordo_version cur = from;
	for (uint32_t i = 0; i < count; i++) {
		ordo_hop *h = &out->hops[i];
		h->from = cur;
		h->to = h->edge->to;
		h->to.sub = -1;
		ordo_version eff = cur;
		if (h->edge->min.scale && ordo_version_cmp(&cur, &h->edge->min) < 0) {
			h->needs_rollup = true;
			eff = h->edge->min;
		}
		if (h->edge->recommended.scale && ordo_version_cmp(&eff, &h->edge->recommended) < 0)
			h->below_recommended = true;
		cur = h->to;
	}
	out->status = ORDO_PATH_OK;
done:
	free(prev_edge);
	free(queue);
}
