/* SPDX-License-Identifier: MIT */
/*
 * plan.c: generate the step graph of an upgrade (see plan.h for the shape).
 *
 * Steps are created in an order that is already topological: every `after`
 * edge points to a step created earlier. Waves are then the longest path
 * from the start, with `alone` steps given a wave of their own, and steps
 * are renumbered in (wave, creation) order so that ids read as a valid
 * linear order.
 */
#include "plan.h"

#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <strings.h>

const char *ordo_phase_name(ordo_phase p)
{
	static const char *const n[] = {"pre", "upgrade", "post"};
	return n[p];
}

/* a pending resolution: a finding some step of this hop will remove */
typedef struct {
	ordo_finding *f;
	bool by_procedure; /* a procedure step with the same action covers it */
	bool in_part;      /* on some of its servers only (plan_os did the rest) */
	bool failed;       /* on some server nothing can remove it: it stays open */
} pending;

typedef struct {
	ordo_plan *p;
	ordo_report *r;
	const ordo_estate *e;
	const ordo_catalog *c;
	ordo_arena *a;
	ordo_vec steps;      /* ordo_step*, creation order; step->id = creation index + 1 */
	ordo_eval ev;
	ordo_version *cur;   /* simulated version per component, as generation goes */
	bool *moved;         /* per component: its moving role runs on the new computer now */
	struct all_servers {
		const char **names;
		uint32_t n;
		bool moved, valid;
	} *all;              /* per component: component_servers(), kept */
	const char ****role_names; /* per component, per role: names_now(), kept */
	bool *packs_registered; /* per (component, pack): flattened by pack_base */
	ordo_version *pack_cur;  /* the release registered now, same index */
	uint32_t *pack_base;
	uint32_t *pack_last;     /* the last step that registered or unregistered it */
	uint32_t stage;
	ordo_vec pend;       /* pending* for the hop being generated */
	ordo_version *sql_cur; /* per SQL instance: its version as generation goes */
	bool *sql_failed;      /* per instance: no common version was found (said once) */
	uint32_t *last_of;     /* per component: its last step so far (0: none) */
	ordo_map os_cur;       /* server name -> ordo_version*: its system once upgraded */
	ordo_map os_step;      /* server name -> the step that upgraded it */
	ordo_map hosted;       /* server name -> ordo_vec* of hosted (component, role), on demand */
} gen;

/* ---- small helpers ---- */

static void add_after(gen *g, ordo_step *s, uint32_t id)
{
	if (!id || id == s->id)
		return;
	for (uint32_t i = 0; i < s->nafter; i++)
		if (s->after[i] == id)
			return;
	if (s->nafter == s->after_cap) {
		uint32_t cap = s->after_cap ? 2 * s->after_cap : 4;
		uint32_t *n = ordo_arena_alloc(g->a, sizeof(uint32_t) * cap);
		if (s->nafter)
			memcpy(n, s->after, sizeof(uint32_t) * s->nafter);
		s->after = n;
		s->after_cap = cap;
	}
	s->after[s->nafter++] = id;
}

static void add_why(gen *g, ordo_step *s, const char *why)
{
	for (uint32_t i = 0; i < s->nwhy; i++)
		if (!strcmp(s->why[i], why))
			return;
	if (s->nwhy == s->why_cap) {
		uint32_t cap = s->why_cap ? 2 * s->why_cap : 4;
		const char **n = ordo_arena_alloc(g->a, sizeof(char *) * cap);
		if (s->nwhy)
			memcpy(n, s->why, sizeof(char *) * s->nwhy);
		s->why = n;
		s->why_cap = cap;
	}
	s->why[s->nwhy++] = why;
}

static void add_blocker(ordo_arena *a, ordo_step *s, const ordo_finding *f)
{
	for (uint32_t i = 0; i < s->nblockers; i++)
		if (s->blockers[i] == f)
			return;
	if (s->nblockers == s->blockers_cap) {
		uint32_t cap = s->blockers_cap ? 2 * s->blockers_cap : 2;
		const ordo_finding **n = ordo_arena_alloc(a, sizeof(*n) * cap);
		if (s->nblockers)
			memcpy(n, s->blockers, sizeof(*n) * s->nblockers);
		s->blockers = n;
		s->blockers_cap = cap;
	}
	s->blockers[s->nblockers++] = f;
}

static void add_blocked(ordo_arena *a, ordo_step *s, const ordo_finding *f)
{
	const char *id = f->id;
	add_blocker(a, s, f);
	for (uint32_t i = 0; i < s->nblocked; i++)
		if (!strcmp(s->blocked_by[i], id))
			return;
	if (s->nblocked == s->blocked_cap) {
		uint32_t cap = s->blocked_cap ? 2 * s->blocked_cap : 2;
		const char **n = ordo_arena_alloc(a, sizeof(char *) * cap);
		if (s->nblocked)
			memcpy(n, s->blocked_by, sizeof(char *) * s->nblocked);
		s->blocked_by = n;
		s->blocked_cap = cap;
	}
	s->blocked_by[s->nblocked++] = id;
}

static void add_resolved(ordo_arena *a, ordo_finding *f, uint32_t step)
{
	for (uint32_t i = 0; i < f->nresolved; i++)
		if (f->resolved_by[i] == step)
			return;
	uint32_t *n = ordo_arena_alloc(a, sizeof(uint32_t) * (f->nresolved + 1));
	if (f->nresolved)
		memcpy(n, f->resolved_by, sizeof(uint32_t) * f->nresolved);
	n[f->nresolved++] = step;
	f->resolved_by = n;
}

static ordo_step *step_new(gen *g, ordo_phase phase, const ordo_component *comp, const char *role,
			   const char *action)
{
	ordo_step *s = ordo_arena_alloc(g->a, sizeof(*s));
	s->phase = phase;
	s->component = comp;
	s->role = role;
	s->action = action;
	s->manual = true;
	s->hop_index = -1;
	s->stage = g->stage;
	ordo_vec_push(&g->steps, s);
	s->id = (uint32_t)g->steps.len;
	if (comp)
		g->last_of[comp->index] = s->id;
	return s;
}

static void after_all(gen *g, ordo_step *s, const ordo_vec *ids)
{
	for (size_t i = 0; i < ids->len; i++)
		add_after(g, s, (uint32_t)(uintptr_t)ids->items[i]);
}

static void set_one(ordo_vec *v, uint32_t id)
{
	v->len = 0;
	ordo_vec_push(v, (void *)(uintptr_t)id);
}

static const char *vs(gen *g, const ordo_version *v)
{
	return ordo_version_dup(g->a, v);
}

/* names: an array in the plan's arena that no one changes afterwards, so
 * steps share it instead of copying a million names per step */
static void set_servers(gen *g, ordo_step *s, const char **names, uint32_t n)
{
	(void)g;
	s->servers = n ? names : NULL;
	s->nservers = n;
}

/* Where member j of a role runs at this point of the plan: once a moving
 * role's upgrade put it on its new computer, there. */
static const char *member_now(gen *g, const ordo_component *c, const ordo_role_members *rm, uint32_t j)
{
	if (g->moved[c->index] && rm->role->moves_to)
		return ordo_member_after(g->e, c, rm, j, &g->ev);
	return ordo_role_member(rm, j);
}

/* every named server of a component, each once, in role order; the list
 * is shared by the steps that name them all (kept until the component's
 * moving role moves) */
static uint32_t component_servers(gen *g, const ordo_component *c, const char ***out)
{
	struct all_servers *all = &g->all[c->index];
	if (all->valid && all->moved == g->moved[c->index]) {
		*out = all->names;
		return all->n;
	}
	uint64_t total = 0;
	for (uint32_t i = 0; i < c->nroles; i++)
		total += c->roles[i].named ? c->roles[i].count : 0;
	const char **names = ordo_arena_alloc_raw(g->a, sizeof(char *) * (total + 1));
	uint32_t n = 0;
	/* described servers are told apart by index, the others by name */
	uint32_t nservers = g->e->nservers;
	uint64_t *seen_index = ordo_xcalloc(nservers / 64 + 1, sizeof(uint64_t));
	ordo_map seen = ORDO_MAP_INIT;
	for (uint32_t i = 0; i < c->nroles; i++) {
		const ordo_role_members *rm = &c->roles[i];
		for (uint32_t j = 0; rm->named && j < rm->count; j++) {
			const char *nm = member_now(g, c, rm, j);
			uint32_t x = rm->servers[j]->index;
			if (nm == rm->servers[j]->name && x < nservers) {
				if (seen_index[x / 64] & (1ULL << (x % 64)))
					continue;
				seen_index[x / 64] |= 1ULL << (x % 64);
			} else if (ordo_map_insert(&seen, nm, strlen(nm), (void *)1)) {
				continue;
			}
			names[n++] = nm;
		}
	}
	names[n] = NULL;
	ordo_map_release(&seen);
	free(seen_index);
	all->names = names;
	all->n = n;
	all->moved = g->moved[c->index];
	all->valid = true;
	*out = names;
	return n;
}

/* The names of a role's members where they are now, in one array the
 * plan's steps share: a role's list is made once, not once per hop and
 * task (a million agents are 8 MB a copy). A role whose members have
 * moved gets a fresh list. */
static const char **names_now(gen *g, const ordo_component *c, const ordo_role_members *rm)
{
	bool mine = rm >= c->roles && rm < c->roles + c->nroles;
	bool moved = g->moved[c->index] && rm->role->moves_to;
	const char ***slot = NULL;
	if (mine && !moved) {
		if (!g->role_names[c->index])
			g->role_names[c->index] = ordo_arena_alloc(g->a, sizeof(const char **) * (c->nroles + 1));
		slot = &g->role_names[c->index][rm - c->roles];
		if (*slot)
			return *slot;
	}
	const char **names = ordo_arena_alloc_raw(g->a, sizeof(char *) * (rm->count + 1));
	for (uint32_t j = 0; j < rm->count; j++)
		names[j] = member_now(g, c, rm, j);
	names[rm->count] = NULL;
	if (slot)
		*slot = names;
	return names;
}

/* where work on the component as a whole is done: the servers of its
 * first role that has named servers (the management servers, usually) */
static uint32_t primary_servers(gen *g, const ordo_component *c, const char ***out)
{
	for (uint32_t i = 0; i < c->nroles; i++) {
		const ordo_role_members *rm = &c->roles[i];
		if (!rm->named || !rm->count)
			continue;
		*out = names_now(g, c, rm);
		return (uint32_t)rm->count;
	}
	*out = NULL;
	return 0;
}

static void render(gen *g, const ordo_template *t, ordo_scope_ctx *sc, ordo_buf *out)
{
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(sc);
	ordo_eval_reset(&g->ev);
	ordo_template_render(t, &ctx, &g->ev, out);
}

static const char *title_of(gen *g, const ordo_template *t, ordo_scope_ctx *sc, const char *fallback)
{
	if (!t || !t->source)
		return fallback;
	ordo_buf b = ORDO_BUF_INIT;
	render(g, t, sc, &b);
	const char *s = ordo_arena_strndup(g->a, ordo_buf_cstr(&b), b.len);
	ordo_buf_release(&b);
	return s;
}

static bool test(gen *g, const ordo_expr *e, ordo_scope_ctx *sc)
{
	if (!e)
		return true;
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(sc);
	ordo_eval_reset(&g->ev);
	return ordo_expr_test(e, &ctx, &g->ev);
}

/* ---- stages and order ---- */

static int32_t hop_stage_key(const ordo_estate *e, const ordo_component *c, const ordo_hop *h)
{
	/* a product whose versions do not follow the suite moves in the stage of
	 * the release the estate is going to, in its place in the suite order */
	if (c->product->independent) {
		if (e->target.scale)
			return e->target.idx;
		if (c->requested_target.scale)
			return c->requested_target.idx;
	}
	return h->to.idx;
}

/* Must a finish before b starts, when moving to release idx? Returns the
 * rule as text (arena) or NULL. */
static const char *must_precede(gen *g, const ordo_component *a, const ordo_component *b, int32_t idx)
{
	if (a->product == b->product) {
		/* deployments of one product that share a SQL instance go one by one */
		const ordo_node *sw = a->database ? ordo_node_get(a->database, "shared_with") : NULL;
		const ordo_node *sw2 = b->database ? ordo_node_get(b->database, "shared_with") : NULL;
		bool shared = false;
		for (uint32_t i = 0; sw && sw->type == ORDO_NODE_SEQ && i < sw->len; i++)
			shared |= !strcmp(sw->u.items[i].u.str ? sw->u.items[i].u.str : "", b->id);
		for (uint32_t i = 0; sw2 && sw2->type == ORDO_NODE_SEQ && i < sw2->len; i++)
			shared |= !strcmp(sw2->u.items[i].u.str ? sw2->u.items[i].u.str : "", a->id);
		shared |= a->instance && a->instance == b->instance;
		if (shared && a->index < b->index)
			return ordo_arena_printf(g->a, "shared SQL instance: %s before %s, one at a time",
						 a->id, b->id);
		return NULL;
	}
	return ordo_sequence_rule(g->e, a, b, idx, g->a, &g->ev);
}

/* ---- operating systems: one per server, shared by its roles ---- */

typedef struct {
	const ordo_component *c;
	const char *role;
} hosted_role;

/* Which roles of which components run on a named server: found by one pass
 * over the members the first time a server is asked about (a plan asks
 * about the few servers whose system it upgrades), then kept. */
static bool same_server(const ordo_server *rec, const char *member, const ordo_server *m)
{
	return rec ? m == rec : !strcasecmp(m->name, member);
}

static const ordo_vec *hosted_on(gen *g, const char *server)
{
	g->hosted.nocase = true;
	ordo_vec *v = ordo_map_get(&g->hosted, server, strlen(server));
	if (v)
		return v;
	v = ordo_arena_alloc(g->a, sizeof(*v));
	ordo_map_put(&g->hosted, ordo_arena_strdup(g->a, server), strlen(server), v);
	const ordo_server *rec = ordo_estate_server(g->e, server);
	for (uint32_t ci = 0; ci < g->e->ncomponents; ci++) {
		const ordo_component *c = &g->e->components[ci];
		for (uint32_t ri = 0; ri < c->nroles; ri++) {
			const ordo_role_members *rm = &c->roles[ri];
			bool on = false;
			for (uint32_t j = 0; rm->named && j < rm->count && !on; j++) {
				on = same_server(rec, server, rm->servers[j]);
				if (!on && rm->role->moves_to)
					on = !strcasecmp(ordo_member_after(g->e, c, rm, j, &g->ev), server);
			}
			if (!on)
				continue;
			hosted_role *h = ordo_arena_alloc(g->a, sizeof(*h));
			h->c = c;
			h->role = rm->role->id;
			ordo_vec_push(v, h);
		}
	}
	return v;
}

/* The system a server runs at this point of the plan (scale NULL: unknown). */
static ordo_version os_now(gen *g, const char *server)
{
	const ordo_version *v = ordo_map_get(&g->os_cur, server, strlen(server));
	if (v)
		return *v;
	const ordo_server *s = ordo_estate_server(g->e, server);
	ordo_version none = {NULL, 0, -1};
	return s ? s->os : none;
}

/* The lowest system after the server's present one that every role on it
 * accepts where it is now (c's own role only when it stays installed
 * meanwhile) and that c's role accepts at release `to`; false
 * when none does (or the present one is unknown). */
static bool os_choose(gen *g, const char *server, const ordo_component *c, const char *role,
		      const ordo_version *to, bool installed, ordo_version *out)
{
	ordo_version cur = os_now(g, server);
	if (!cur.scale)
		return false;
	const ordo_vec *hosted = hosted_on(g, server);
	for (int32_t idx = cur.idx + 1; idx < (int32_t)cur.scale->n; idx++) {
		ordo_version cand = {cur.scale, idx, -1};
		bool ok = ordo_product_os_allows(c->product, to->idx, role, &cand);
		for (size_t i = 0; ok && hosted && i < hosted->len; i++) {
			const hosted_role *h = hosted->items[i];
			/* every role of c there where it is going; where it is now too,
			 * unless a procedure takes the moving role off the server for the
			 * system upgrade */
			if (h->c == c)
				ok = ordo_product_os_allows(c->product, to->idx, h->role, &cand);
			if (ok && (h->c != c || installed || strcmp(h->role, role)))
				ok = ordo_product_os_allows(h->c->product, g->cur[h->c->index].idx,
							    h->role, &cand);
		}
		if (ok) {
			*out = cand;
			return true;
		}
	}
	return false;
}

/* Record that step s brings server to v. */
static void os_moved(gen *g, ordo_step *s, const char *server, const ordo_version *v)
{
	ordo_version *keep = ordo_arena_alloc(g->a, sizeof(*keep));
	*keep = *v;
	if (!s->os_to.scale) {
		s->os_from = os_now(g, server);
		s->os_to = *v;
	}
	ordo_map_put(&g->os_cur, server, strlen(server), keep);
	ordo_map_put(&g->os_step, server, strlen(server), (void *)(uintptr_t)s->id);
}

/* ---- procedures ---- */

static const ordo_cat_procedure *procedure_for(gen *g, const ordo_component *c, const char *role,
					       int32_t to_idx)
{
	for (uint32_t i = 0; i < g->c->nprocedures; i++) {
		const ordo_cat_procedure *pr = &g->c->procedures[i];
		if (strcmp(pr->product, c->product->id) || strcmp(pr->role, role))
			continue;
		if (!pr->nhops)
			return pr;
		for (uint32_t j = 0; j < pr->nhops; j++)
			if (pr->hops[j] == to_idx)
				return pr;
	}
	return NULL;
}

typedef struct {
	const ordo_component *comp;
	const ordo_path *path;
	int hop_index;
	const ordo_hop *hop;
	ordo_version from; /* after any rollup */
	const char *stage_why;
} hopctx;

static void scope_for(gen *g, const hopctx *h, ordo_scope_ctx *sc, const char *role,
		      const char *server)
{
	memset(sc, 0, sizeof(*sc));
	sc->estate = g->e;
	sc->comp = h->comp;
	sc->hop = h->hop;
	sc->hop_index = h->hop_index;
	sc->hop_count = (int)h->path->n;
	sc->role = role;
	sc->server_name = server;
	sc->server = NULL; /* looked up only if a condition asks about it */
	sc->support = ordo_product_support(h->comp->product, h->hop->to.idx);
	/* a server whose system an earlier step upgraded is judged on the new one */
	sc->os_override = server && g->os_cur.len ? ordo_map_get(&g->os_cur, server, strlen(server)) : NULL;
}

static bool server_in(const ordo_finding *f, const char *name)
{
	for (uint32_t i = 0; i < f->nservers; i++)
		if (!strcmp(f->servers[i], name))
			return true;
	return false;
}

/* Does the procedure of this hop produce a step with `action` on `server`? */
static bool procedure_covers(gen *g, const hopctx *h, const char *action, const char *server)
{
	const ordo_component *c = h->comp;
	for (uint32_t ri = 0; ri < c->nroles; ri++) {
		const ordo_role_members *rm = &c->roles[ri];
		bool member = false;
		for (uint32_t j = 0; rm->named && j < rm->count && !member; j++)
			member = !strcasecmp(ordo_member_after(g->e, c, rm, j, &g->ev), server);
		if (!member)
			continue;
		const ordo_cat_procedure *pr = procedure_for(g, c, rm->role->id, h->hop->to.idx);
		for (uint32_t k = 0; pr && k < pr->nsteps; k++) {
			if (strcmp(pr->steps[k].action, action))
				continue;
			ordo_scope_ctx sc;
			scope_for(g, h, &sc, rm->role->id, server);
			if (test(g, pr->steps[k].when, &sc))
				return true;
		}
	}
	return false;
}

/* One unit of a role: the servers (or anonymous members) one pass of the
 * procedure covers. */
typedef struct {
	const char **servers;
	uint32_t nservers;
	uint64_t members;
	bool initial;
} unit;

/* Expand the procedure over one unit; returns the last step's id. */
static uint32_t emit_unit(gen *g, const hopctx *h, const ordo_cat_role *role, const unit *u,
			  const ordo_vec *prev, const char *mode_why)
{
	const ordo_cat_procedure *pr = procedure_for(g, h->comp, role->id, h->hop->to.idx);
	static const ordo_cat_proc_step default_step = {"upgrade", NULL, {NULL, 0, NULL, NULL}, true};
	uint32_t nsteps = pr ? pr->nsteps : 1;
	uint32_t last = 0;
	/* a member that moves to a new computer: what is done to the old
	 * installation (backup, uninstall) stays on the old one, the rest
	 * happens on the new one */
	const char *moved = NULL;
	bool already = g->moved[h->comp->index];
	const ordo_role_members *rm = ordo_component_role(h->comp, role->id);
	if (u->nservers == 1 && rm && rm->named && rm->count == 1) {
		const char *after = ordo_member_after(g->e, h->comp, rm, 0, &g->ev);
		if (after != ordo_role_member(rm, 0))
			moved = after;
	}
	for (uint32_t k = 0; k < nsteps; k++) {
		const ordo_cat_proc_step *ps = pr ? &pr->steps[k] : &default_step;
		bool is_upgrade = !strcmp(ps->action, "upgrade");
		/* on a later hop the old computer is gone: everything is on the new one */
		bool on_old = !already && (!strcmp(ps->action, "backup") || !strcmp(ps->action, "uninstall"));
		/* which servers of the unit this step applies to */
		const char **names = NULL;
		uint32_t n = 0;
		ordo_scope_ctx sc;
		/* a condition that does not ask about the server is asked once */
		bool per_server = !is_upgrade && ps->when && ordo_expr_reads(ps->when, "server");
		bool applies = true;
		if (!is_upgrade && !per_server && u->nservers) {
			scope_for(g, h, &sc, role->id, moved && !on_old ? moved : u->servers[0]);
			applies = test(g, ps->when, &sc);
		}
		if (applies && !per_server && !(moved && !on_old)) {
			/* every server of the unit, where it is: the unit's list */
			names = u->servers;
			n = u->nservers;
		} else if (applies && u->nservers) {
			names = ordo_arena_alloc_raw(g->a, sizeof(char *) * (u->nservers + 1));
		}
		for (uint32_t i = 0; i < u->nservers && applies && names != u->servers; i++) {
			const char *where = moved && !on_old ? moved : u->servers[i];
			if (per_server) {
				scope_for(g, h, &sc, role->id, where);
				if (!test(g, ps->when, &sc))
					continue;
			}
			names[n++] = where;
		}
		bool anon_applies = false;
		if (u->members && !u->nservers) {
			scope_for(g, h, &sc, role->id, NULL);
			anon_applies = is_upgrade || test(g, ps->when, &sc);
		}
		if (!n && !anon_applies)
			continue;
		/* the steps of one procedure are the mechanics of the upgrade itself */
		ordo_step *s = step_new(g, ORDO_PHASE_UPGRADE, h->comp, role->id, ps->action);
		set_servers(g, s, names, n);
		if (anon_applies)
			s->members = u->members;
		s->from = h->from;
		s->to = h->hop->to;
		s->hop_index = h->hop_index;
		s->manual = ps->manual;
		s->alone = u->initial && role->mode != ORDO_MODE_PARALLEL;
		if (role->mode == ORDO_MODE_ALONE)
			s->alone = true;
		scope_for(g, h, &sc, role->id, n ? names[0] : NULL);
		char *fallback;
		if (n)
			fallback = ordo_arena_printf(g->a, "%s %s (%s) on %s%s to %s",
						     is_upgrade ? "Upgrade" : ps->action, h->comp->id,
						     role->id, names[0], n > 1 ? " and others" : "",
						     vs(g, &h->hop->to));
		else
			fallback = ordo_arena_printf(g->a, "%s %llu %s member%s of %s to %s",
						     is_upgrade ? "Upgrade" : ps->action,
						     (unsigned long long)u->members, role->id,
						     u->members == 1 ? "" : "s", h->comp->id,
						     vs(g, &h->hop->to));
		s->title = title_of(g, &ps->title, &sc, fallback);
		if (last)
			add_after(g, s, last);
		else
			after_all(g, s, prev);
		if (pr) {
			s->sources = pr->sources;
			add_why(g, s, ordo_arena_printf(g->a, "procedure: %s %s, step %u of %u",
							h->comp->product->id, role->id, k + 1, nsteps));
		}
		if (mode_why)
			add_why(g, s, mode_why);
		if (moved && !on_old && !already)
			add_why(g, s, ordo_arena_printf(g->a, "role %s moves from %s to %s", role->id,
							u->servers[0], moved));
		if (moved && is_upgrade)
			g->moved[h->comp->index] = true;
		if (!strcmp(ps->action, "upgrade-os"))
			for (uint32_t j = 0; j < n; j++) {
				ordo_version nv;
				if (os_choose(g, names[j], h->comp, role->id, &h->hop->to, false, &nv))
					os_moved(g, s, names[j], &nv);
			}
		if (h->stage_why)
			add_why(g, s, h->stage_why);
		/* findings this step removes */
		for (size_t i = 0; i < g->pend.len; i++) {
			pending *pd = g->pend.items[i];
			if (!(pd->by_procedure || pd->in_part) || pd->failed ||
			    strcmp(pd->f->resolve_action, ps->action))
				continue;
			for (uint32_t j = 0; j < n; j++)
				if (server_in(pd->f, names[j])) {
					add_resolved(g->a, pd->f, s->id);
					add_why(g, s, ordo_arena_printf(g->a, "resolves %s", pd->f->id));
					break;
				}
		}
		last = s->id;
	}
	return last;
}

/* Split a role's members into units per its mode. */
static uint32_t role_units(gen *g, const ordo_role_members *rm, const char **names, unit **out)
{
	const ordo_cat_role *role = rm->role;
	uint32_t nn = rm->named ? (uint32_t)rm->count : 0;
	if (!names) {
		names = ordo_arena_alloc_raw(g->a, sizeof(char *) * (nn + 1));
		for (uint32_t i = 0; i < nn; i++)
			names[i] = ordo_role_member(rm, i);
		names[nn] = NULL;
	}
	uint32_t cap = 4; /* the initial server, a parallel group, an anonymous one */
	if (role->mode == ORDO_MODE_BATCH && role->batch) {
		uint64_t total = nn ? nn : rm->count;
		cap += (uint32_t)((total + role->batch - 1) / role->batch);
	} else if (role->mode != ORDO_MODE_PARALLEL) {
		cap += nn; /* one unit per server */
	}
	unit *u = ordo_arena_alloc(g->a, sizeof(unit) * cap);
	uint32_t n = 0;
	uint32_t start = 0;
	if (role->initial && nn) {
		u[n++] = (unit){names, 1, 0, true};
		start = 1;
	}
	if (!nn) {
		if (!rm->count)
			goto done;
		if (role->mode == ORDO_MODE_BATCH && role->batch) {
			for (uint64_t left = rm->count; left > 0;) {
				uint64_t take = left < role->batch ? left : role->batch;
				u[n++] = (unit){NULL, 0, take, false};
				left -= take;
			}
		} else {
			u[n++] = (unit){NULL, 0, rm->count, false};
		}
		goto done;
	}
	switch (role->mode) {
	case ORDO_MODE_PARALLEL:
		if (start < nn)
			u[n++] = (unit){names + start, nn - start, 0, false};
		break;
	case ORDO_MODE_BATCH:
		for (uint32_t i = start; i < nn; i += role->batch) {
			uint32_t take = nn - i < role->batch ? nn - i : role->batch;
			u[n++] = (unit){names + i, take, 0, false};
		}
		break;
	default:
		for (uint32_t i = start; i < nn; i++)
			u[n++] = (unit){names + i, 1, 0, false};
	}
done:
	*out = u;
	return n;
}

static const char *mode_reason(gen *g, const ordo_cat_role *role, const unit *u)
{
	if (u->initial)
		return ordo_arena_printf(g->a, "role %s: the first listed server is the initial one, upgraded first and alone",
					 role->id);
	switch (role->mode) {
	case ORDO_MODE_SEQUENTIAL:
		return ordo_arena_printf(g->a, "role %s: one server at a time", role->id);
	case ORDO_MODE_ALONE:
		return ordo_arena_printf(g->a, "role %s: alone, nothing else runs meanwhile", role->id);
	case ORDO_MODE_PARALLEL:
		return ordo_arena_printf(g->a, "role %s: its servers may be upgraded together", role->id);
	case ORDO_MODE_BATCH:
		return ordo_arena_printf(g->a, "role %s: batches of at most %u, one batch after another",
					 role->id, role->batch);
	}
	return NULL;
}

/* The `with` roles of `role` for the same server, right after its step. */
static uint32_t emit_with(gen *g, const hopctx *h, const ordo_cat_role *role, const char *server,
			  uint32_t after_id)
{
	const ordo_component *c = h->comp;
	uint32_t last = after_id;
	for (uint32_t ri = 0; ri < c->nroles; ri++) {
		const ordo_role_members *wm = &c->roles[ri];
		if (!wm->role->with || strcmp(wm->role->with, role->id) || !wm->named)
			continue;
		for (uint32_t j = 0; j < wm->count; j++) {
			const char *nm = ordo_role_member(wm, j);
			if (strcmp(nm, server))
				continue;
			unit u = {(const char **)ordo_arena_alloc(g->a, sizeof(char *)), 1, 0, false};
			u.servers[0] = nm;
			ordo_vec prev = ORDO_VEC_INIT;
			set_one(&prev, last);
			last = emit_unit(g, h, wm->role, &u, &prev,
					 ordo_arena_printf(g->a, "role %s: upgraded with %s on the same server",
							   wm->role->id, role->id));
			ordo_vec_release(&prev);
		}
	}
	return last;
}

/* Tasks of a phase (and anchor role, or NULL for the hop's edges), chained
 * after prev; prev becomes the last one. */
static void emit_tasks(gen *g, const hopctx *h, int phase, const char *after_role, ordo_vec *prev)
{
	const ordo_component *c = h->comp;
	for (uint32_t i = 0; i < g->c->ntasks; i++) {
		const ordo_cat_task *t = &g->c->tasks[i];
		if (strcmp(t->product, c->product->id) || t->phase != phase)
			continue;
		if ((after_role == NULL) != (t->after_role == NULL))
			continue;
		if (after_role && strcmp(after_role, t->after_role))
			continue;
		ordo_scope_ctx sc;
		scope_for(g, h, &sc, t->role, NULL);
		if (!test(g, t->when, &sc))
			continue;
		const char **names = NULL;
		uint32_t n = 0;
		uint64_t members = 0;
		if (t->role) {
			const ordo_role_members *rm = ordo_component_role(c, t->role);
			if (!rm || !rm->count)
				continue; /* nothing to do on a role the estate does not have */
			if (rm->named) {
				n = (uint32_t)rm->count;
				names = names_now(g, c, rm);
			} else {
				members = rm->count;
			}
		} else {
			n = primary_servers(g, c, &names);
		}
		ordo_step *s = step_new(g, phase ? ORDO_PHASE_POST : ORDO_PHASE_PRE, c, t->role, t->action);
		set_servers(g, s, names, n);
		s->members = members;
		s->from = h->from;
		s->to = h->hop->to;
		s->hop_index = h->hop_index;
		s->manual = t->manual;
		s->title = title_of(g, &t->title, &sc, t->id);
		s->sources = t->sources;
		add_why(g, s, ordo_arena_printf(g->a, "%s-task %s of %s", phase ? "post" : "pre", t->id,
						c->product->id));
		if (after_role)
			add_why(g, s, ordo_arena_printf(g->a, "after role %s", after_role));
		if (h->stage_why)
			add_why(g, s, h->stage_why);
		after_all(g, s, prev);
		set_one(prev, s->id);
	}
}

/* ---- integration packs ---- */

/* A pack step: after whatever step last touched the same pack (a pack's
 * steps come from its host's hops and from the served component's, which
 * nothing else orders), and the pack's new state. */
static void pack_moved(gen *g, ordo_step *s, uint32_t flat, bool registered)
{
	add_after(g, s, g->pack_last[flat]);
	if (g->pack_last[flat])
		add_why(g, s, "integration pack: after its previous step");
	g->pack_last[flat] = s->id;
	g->packs_registered[flat] = registered;
}

typedef struct {
	const ordo_component *host;
	uint32_t pack;
} packref;

static uint32_t packs_for(gen *g, const ordo_component *c, packref *out, uint32_t cap)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < g->e->ncomponents; i++) {
		const ordo_component *host = &g->e->components[i];
		if (host->retire)
			continue; /* uninstalled before anything moves, its packs with it */
		for (uint32_t j = 0; j < host->npacks && n < cap; j++)
			if (host->packs[j].for_comp == c)
				out[n++] = (packref){host, j};
	}
	return n;
}

static const ordo_cat_check **pack_checks(gen *g, uint32_t *n)
{
	const ordo_cat_check **out = ordo_arena_alloc(g->a, sizeof(void *) * (g->c->nchecks + 1));
	*n = 0;
	for (uint32_t i = 0; i < g->c->nchecks; i++)
		if (g->c->checks[i].scope == ORDO_SCOPE_PACK && g->c->checks[i].when &&
		    g->c->checks[i].invariant)
			out[(*n)++] = &g->c->checks[i];
	return out;
}

/* A step that registers or unregisters pack k of host during hop hc: on
 * every server of the host, for the pack's version pv. */
static ordo_step *pack_step(gen *g, const hopctx *hc, const ordo_component *host, uint32_t k,
			    ordo_phase phase, const char *action, ordo_version pv)
{
	const ordo_pack *pk = &host->packs[k];
	ordo_step *s = step_new(g, phase, host, "integration_pack", action);
	const char **names;
	uint32_t n = component_servers(g, host, &names);
	set_servers(g, s, names, n);
	s->pack_for = pk->for_comp;
	s->pack = pk;
	s->pack_version = pv;
	s->from = hc->from;
	s->to = hc->hop->to;
	s->hop_index = hc->hop_index;
	return s;
}

/* Does every pack invariant accept pack release `pv` with the host at
 * host_v and the served component at `served`? */
static bool pack_ok(gen *g, const packref *pr, ordo_version host_v, ordo_version served,
		    ordo_version pv)
{
	uint32_t nk;
	const ordo_cat_check **ks = pack_checks(g, &nk);
	ordo_component host = *pr->host;
	ordo_component fc = *pr->host->packs[pr->pack].for_comp;
	ordo_pack pk = pr->host->packs[pr->pack];
	host.version = host_v;
	fc.version = served;
	pk.for_comp = &fc;
	pk.version = pv;
	host.packs = &pk;
	host.npacks = 1;
	for (uint32_t k = 0; k < nk; k++) {
		ordo_scope_ctx sc = {.estate = g->e, .comp = &host, .pack = &pk, .hop_index = -1};
		if (test(g, ks[k]->when, &sc))
			return false;
	}
	return true;
}

/* The newest pack release that every pack invariant accepts once the served
 * component is at `served` and the host at `host`. */
static bool pick_pack_version(gen *g, const packref *pr, ordo_version host_v, ordo_version served,
			      ordo_version *out)
{
	const ordo_cat_product *hp = pr->host->product;
	for (int32_t i = (int32_t)hp->nreleases - 1; i >= 0; i--) {
		ordo_version cand = {&g->c->release, hp->releases[i], -1};
		if (ordo_version_cmp_release(&cand, &host_v) > 0)
			continue;
		if (pack_ok(g, pr, host_v, served, cand)) {
			*out = cand;
			return true;
		}
	}
	return false;
}

/* Pack findings are removed by the pack's own steps: an unregister step
 * removes what unregistering fixes, a register step what registering the
 * right version fixes. */
static void resolve_pack_findings(gen *g, const ordo_pack *pk, ordo_step *s)
{
	for (uint32_t i = 0; i < g->r->nfindings; i++) {
		ordo_finding *f = g->r->findings[i];
		if (f->pack != pk || f->waived || !f->resolve_action || strcmp(f->resolve_action, s->action))
			continue;
		add_resolved(g->a, f, s->id);
		add_why(g, s, ordo_arena_printf(g->a, "resolves %s", f->id));
	}
}

/* No pack release fits the new state: the pack stays off, and the report
 * says so with the catalog's pack check, so nobody finds out in production. */
static void no_pack_fits(gen *g, const packref *pr, ordo_version served)
{
	const ordo_pack *pk = &pr->host->packs[pr->pack];
	uint32_t nk;
	const ordo_cat_check **ks = pack_checks(g, &nk);
	const ordo_cat_check *k = nk ? ks[0] : NULL;
	char *detail = ordo_arena_printf(g->a,
		"After %s moves to %s, no integration pack release of %s %s forms a supported pair with it, so the pack for %s stays unregistered after the upgrade; the runbooks that use it stop working until %s reaches a release whose pack fits.",
		pk->for_id, vs(g, &served), pr->host->id, vs(g, &g->cur[pr->host->index]), pk->for_id,
		pr->host->id);
	ordo_finding *f = ordo_report_add((ordo_report *)g->r, k ? k->id : "plan.integration-pack",
					  k, ORDO_SEV_BLOCKER, pr->host,
					  "No integration pack release fits the upgraded component", detail);
	f->pack = pk;
}

/* ---- shared SQL instances ---- */

/* Does every user of the instance accept SQL version v where it is now,
 * and the moving component c at release `to` as well? *who gets the first
 * that does not. */
static bool sql_fits_now(gen *g, const ordo_sql_instance *in, const ordo_version *v,
			 const ordo_component *c, const ordo_version *to, const ordo_component **who)
{
	const ordo_version *cur = &g->sql_cur[in->index];
	for (uint32_t i = 0; i < in->nusers; i++) {
		const ordo_component *u = in->users[i];
		int32_t now = g->cur[u->index].idx;
		/* a user that does not accept the present version either is
		 * unsupported already (a finding): it constrains nothing here */
		bool broken = !ordo_product_sql_allows(u->product, now, cur);
		bool ok = (broken || ordo_product_sql_allows(u->product, now, v)) &&
			  (u != c || ordo_product_sql_allows(u->product, to->idx, v));
		if (!ok) {
			*who = u;
			return false;
		}
	}
	return true;
}

/* How many of the releases the users still have to pass through accept v. */
static uint32_t sql_future_score(gen *g, const ordo_sql_instance *in, const ordo_version *v)
{
	uint32_t score = 0;
	for (uint32_t i = 0; i < in->nusers; i++) {
		const ordo_component *u = in->users[i];
		const ordo_path *path = &g->r->paths[u->index].path;
		for (uint32_t h = 0; h < path->n; h++)
			if (ordo_version_cmp_release(&path->hops[h].to, &g->cur[u->index]) > 0 &&
			    ordo_product_sql_allows(u->product, path->hops[h].to.idx, v))
				score++;
	}
	return score;
}

/* The update a version needs at least where any user's support list asks
 * for one ("2019 CU8"): the candidate is that update, not the bare release. */
static int32_t sql_min_sub(gen *g, const ordo_sql_instance *in, int32_t idx)
{
	int32_t m = -1;
	for (uint32_t i = 0; i < in->nusers; i++) {
		const ordo_component *u = in->users[i];
		const ordo_cat_product *p = u->product;
		for (uint32_t k = 0; k < p->nsupport; k++) {
			ordo_value l = p->support[k].sql;
			for (uint32_t j = 0; l.type == ORDO_VAL_LIST && j < l.u.list.n; j++) {
				const ordo_value *it = &l.u.list.items[j];
				ordo_version v;
				if (it->type != ORDO_VAL_STR ||
				    ordo_version_parse(&v, &g->c->sql, it->u.str.s, it->u.str.len, NULL) < 0)
					continue;
				if (v.idx == idx && v.sub > m)
					m = v.sub;
			}
		}
	}
	return m;
}

static const char *sql_where(gen *g, const ordo_sql_instance *in)
{
	if (in->server)
		return ordo_arena_printf(g->a, "%s\\%s", in->server, in->name);
	return ordo_arena_printf(g->a, "the instance of %s's database", in->users[0]->id);
}

/* Before c's hop to hc->hop->to: when the instance holding its database
 * runs a version that c's new release (or a user where it is now) does
 * not accept, one step upgrades the instance, on its own server, to the
 * lowest version that every user accepts now and at c's new release, and
 * of those the one most later releases of the users accept too. When no
 * version fits, sql.no-common-version names who disagrees. */
static void plan_sql(gen *g, const hopctx *hc, ordo_vec *prev)
{
	const ordo_component *c = hc->comp;
	const ordo_sql_instance *in = c->instance;
	if (!in || !in->version.scale || !g->c->sql.n)
		return;
	const ordo_version *to = &hc->hop->to;
	ordo_version cur = g->sql_cur[in->index];
	const ordo_component *who = NULL;
	if (sql_fits_now(g, in, &cur, c, to, &who))
		return;
	int32_t best = -1, best_sub = -1;
	uint32_t best_score = 0;
	for (int32_t idx = cur.idx; idx < (int32_t)g->c->sql.n; idx++) {
		ordo_version cand = {cur.scale, idx, sql_min_sub(g, in, idx)};
		/* the same release only for a later update ("2019 CU7" -> "2019 CU8") */
		if (idx == cur.idx && cand.sub <= (cur.sub < 0 ? 0 : cur.sub))
			continue;
		const ordo_component *w = NULL;
		if (!sql_fits_now(g, in, &cand, c, to, &w))
			continue;
		uint32_t score = sql_future_score(g, in, &cand);
		if (best < 0 || score > best_score) {
			best = idx;
			best_sub = cand.sub;
			best_score = score;
		}
	}
	if (best < 0) {
		if (g->sql_failed[in->index])
			return;
		g->sql_failed[in->index] = true;
		ordo_buf b = ORDO_BUF_INIT;
		ordo_buf_printf(&b, "%s runs %s %s. %s %s needs a version that ",
				sql_where(g, in), g->c->sql.title ? g->c->sql.title : "version",
				vs(g, &cur), c->id, vs(g, to));
		ordo_buf_puts(&b, "no single version after it serves together with what the other databases on the instance need at that point:");
		for (uint32_t i = 0; i < in->nusers; i++) {
			const ordo_component *u = in->users[i];
			ordo_version at = u == c ? *to : g->cur[u->index];
			const ordo_cat_support *sup = ordo_product_support(u->product, at.idx);
			ordo_buf_printf(&b, " %s at %s accepts ", u->id, vs(g, &at));
			if (sup && sup->sql.type == ORDO_VAL_LIST) {
				for (uint32_t k = 0; k < sup->sql.u.list.n; k++)
					ordo_buf_printf(&b, "%s%.*s", k ? ", " : "",
							(int)sup->sql.u.list.items[k].u.str.len,
							sup->sql.u.list.items[k].u.str.s);
			} else {
				ordo_buf_puts(&b, "any version");
			}
			ordo_buf_puts(&b, i + 1 < in->nusers ? ";" : ".");
		}
		ordo_buf_puts(&b, " Move one of these databases to another instance, or upgrade the components in a different order.");
		const ordo_cat_check *k = ordo_catalog_check(g->c, "sql.no-common-version");
		ordo_finding *f = ordo_report_add(g->r, "sql.no-common-version", k, ORDO_SEV_BLOCKER, c,
						  k && k->title.source ? k->title.source
									: "No version fits every database on the instance",
						  ordo_buf_cstr(&b));
		ordo_buf_release(&b);
		f->hop_index = hc->hop_index;
		f->has_hop = true;
		f->hop_from = hc->hop->from;
		f->hop_to = *to;
		if (in->server) {
			const char **sv = ordo_arena_alloc(g->r->arena, sizeof(char *) * 2);
			sv[0] = in->server;
			f->servers = sv;
			f->nservers = 1;
			f->servers_cap = 1;
		}
		return;
	}
	ordo_version nv = {cur.scale, best, best_sub};
	ordo_step *s = step_new(g, ORDO_PHASE_PRE, NULL, g->c->sql.step_role, "upgrade-sql");
	s->product_id = g->c->sql.step_product;
	s->instance = in;
	s->serves = (const ordo_component *const *)in->users;
	s->nserves = in->nusers;
	if (in->server) {
		const char **sv = ordo_arena_alloc(g->a, sizeof(char *) * 2);
		sv[0] = in->server;
		set_servers(g, s, sv, 1);
	}
	s->from = cur;
	s->to = nv;
	s->hop_index = -1;
	ordo_buf users = ORDO_BUF_INIT;
	for (uint32_t i = 0; i < in->nusers; i++)
		ordo_buf_printf(&users, "%s%s", i ? ", " : "", in->users[i]->id);
	s->title = ordo_arena_printf(g->a, "Upgrade %s %s from %s to %s (the databases of %s)",
				     g->c->sql.title ? g->c->sql.title : "the database server",
				     sql_where(g, in), vs(g, &cur), vs(g, &nv), ordo_buf_cstr(&users));
	ordo_buf_release(&users);
	const ordo_cat_support *sup = ordo_product_support(c->product, to->idx);
	if (sup)
		s->sources = sup->sources;
	if (!ordo_product_sql_allows(c->product, to->idx, &cur))
		add_why(g, s, ordo_arena_printf(g->a, "support: %s %s does not run with %s %s",
						c->product->id, vs(g, to), g->c->sql.title ? g->c->sql.title : g->c->sql.name, vs(g, &cur)));
	else
		add_why(g, s, ordo_arena_printf(g->a, "support: %s at %s does not run with %s %s",
						who ? who->id : c->id,
						vs(g, who ? &g->cur[who->index] : to),
						g->c->sql.title ? g->c->sql.title : g->c->sql.name,
						vs(g, &cur)));
	add_why(g, s, ordo_arena_printf(g->a, "shared instance: %s is the lowest version every component on it accepts now and after %s reaches %s",
					vs(g, &nv), c->id, vs(g, to)));
	if (hc->stage_why)
		add_why(g, s, hc->stage_why);
	after_all(g, s, prev);
	/* no other user of the instance may be in the middle of its own work */
	for (uint32_t i = 0; i < in->nusers; i++)
		add_after(g, s, g->last_of[in->users[i]->index]);
	set_one(prev, s->id);
	g->sql_cur[in->index] = nv;
	/* the instance's findings this step removes: every hop of a user whose
	 * release accepts the new version */
	for (uint32_t i = 0; i < g->r->nfindings; i++) {
		ordo_finding *f = g->r->findings[i];
		if (!f->resolve_action || strcmp(f->resolve_action, "upgrade-sql") || f->nresolved ||
		    !f->component || f->component->instance != in || !f->has_hop)
			continue;
		if (!ordo_product_sql_allows(f->component->product, f->hop_to.idx, &nv))
			continue;
		add_resolved(g->a, f, s->id);
		add_why(g, s, ordo_arena_printf(g->a, "resolves %s of %s", f->id, f->component->id));
	}
}

/* Whether every role of c on server accepts the system it runs now at release to. */
static bool os_fine(gen *g, const char *server, const ordo_component *c, const ordo_version *to)
{
	ordo_version now = os_now(g, server);
	const ordo_vec *hosted = hosted_on(g, server);
	for (size_t i = 0; hosted && i < hosted->len; i++) {
		const hosted_role *h = hosted->items[i];
		if (h->c == c && !ordo_product_os_allows(c->product, to->idx, h->role, &now))
			return false;
	}
	return true;
}

/* A finding that servers run a system c's next release does not accept:
 * one step per server, unless an earlier step (another component's)
 * already brought it to one that fits; the system chosen is one every
 * role on the server accepts (os_choose). */
static void plan_os(gen *g, const hopctx *hc, pending *pd, ordo_vec *prev)
{
	ordo_finding *f = pd->f;
	const ordo_component *c = hc->comp;
	const ordo_version *to = &hc->hop->to;
	bool all = true;
	for (uint32_t j = 0; j < f->nservers; j++) {
		const char *server = f->servers[j];
		if (procedure_covers(g, hc, "upgrade-os", server)) {
			pd->in_part = true; /* the role's own procedure does it */
			continue;
		}
		if (os_fine(g, server, c, to)) {
			uintptr_t by = (uintptr_t)ordo_map_get(&g->os_step, server, strlen(server));
			if (by)
				add_resolved(g->a, f, (uint32_t)by);
			continue;
		}
		const ordo_vec *hosted = hosted_on(g, server);
		const char *role = NULL;
		for (size_t i = 0; hosted && i < hosted->len && !role; i++) {
			const hosted_role *h = hosted->items[i];
			if (h->c == c)
				role = h->role;
		}
		ordo_version nv;
		if (!role || !os_choose(g, server, c, role, to, true, &nv)) {
			all = false;
			continue;
		}
		ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, role, "upgrade-os");
		const char **sv = ordo_arena_alloc(g->a, sizeof(char *) * 2);
		sv[0] = server;
		set_servers(g, s, sv, 1);
		s->from = hc->from;
		s->to = *to;
		s->hop_index = hc->hop_index;
		ordo_version was = os_now(g, server);
		s->title = ordo_arena_printf(g->a, "Upgrade the operating system of %s from %s to %s",
					     server, vs(g, &was), vs(g, &nv));
		s->sources = f->sources;
		add_why(g, s, ordo_arena_printf(g->a, "resolves %s", f->id));
		add_why(g, s, ordo_arena_printf(g->a, "support: %s is the first system every role on %s accepts now and %s %s accepts",
						vs(g, &nv), server, c->id, vs(g, to)));
		if (hc->stage_why)
			add_why(g, s, hc->stage_why);
		after_all(g, s, prev);
		set_one(prev, s->id);
		os_moved(g, s, server, &nv);
		add_resolved(g->a, f, s->id);
	}
	if (!all) {
		pd->failed = true;
		f->nresolved = 0; /* a server no system fits: the finding stays open */
	}
}

/* ---- one hop of one component ---- */

static void gen_hop(gen *g, const hopctx *hc_in, const ordo_vec *entry_after, ordo_vec *exits)
{
	hopctx hc = *hc_in;
	const ordo_component *c = hc.comp;
	const ordo_hop *hop = hc.hop;
	ordo_vec prev = ORDO_VEC_INIT;
	for (size_t i = 0; i < entry_after->len; i++)
		ordo_vec_push(&prev, entry_after->items[i]);
	/* a component without a single member has nothing to upgrade: no
	 * steps, and it stays where it is (its packs too) */
	uint64_t members = 0;
	for (uint32_t i = 0; i < c->nroles; i++)
		members += c->roles[i].count;
	if (!members) {
		exits->len = 0;
		for (size_t k = 0; k < prev.len; k++)
			ordo_vec_push(exits, prev.items[k]);
		ordo_vec_release(&prev);
		return;
	}
	hc.from = hop->from;

	/* update rollup first */
	if (hop->needs_rollup || hop->below_recommended) {
		ordo_version target = hop->edge->min;
		if (hop->below_recommended && hop->edge->recommended.scale)
			target = hop->edge->recommended;
		ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, NULL, "apply-update-rollup");
		const char **names;
		uint32_t n = component_servers(g, c, &names);
		set_servers(g, s, names, n);
		s->from = hop->from;
		s->to = target;
		s->hop_index = hc.hop_index;
		s->title = ordo_arena_printf(g->a, "Apply %s to %s before upgrading to %s",
					     vs(g, &target), c->id, vs(g, &hop->to));
		s->sources = hop->edge->sources;
		add_why(g, s, ordo_arena_printf(g->a, "edge %s -> %s of %s needs %s or later",
						vs(g, &hop->edge->from), vs(g, &hop->edge->to),
						c->product->id, vs(g, &hop->edge->min)));
		if (hop->below_recommended)
			add_why(g, s, ordo_arena_printf(g->a, "%s is recommended before this upgrade",
							vs(g, &hop->edge->recommended)));
		if (hc.stage_why)
			add_why(g, s, hc.stage_why);
		after_all(g, s, &prev);
		set_one(&prev, s->id);
		hc.from = target;
		for (uint32_t i = 0; i < g->r->nfindings; i++) {
			ordo_finding *f = g->r->findings[i];
			if (f->component == c && f->hop_index == hc.hop_index &&
			    (!strcmp(f->id, "path.update-rollup") ||
			     !strcmp(f->id, "path.update-rollup-recommended"))) {
				add_resolved(g->a, f, s->id);
				add_why(g, s, ordo_arena_printf(g->a, "resolves %s", f->id));
			}
		}
	}

	plan_sql(g, &hc, &prev);

	emit_tasks(g, &hc, 0, NULL, &prev);

	/* findings a step of this hop removes */
	for (size_t i = 0; i < g->pend.len; i++)
		free(g->pend.items[i]);
	g->pend.len = 0;
	for (uint32_t i = 0; i < g->r->nfindings; i++) {
		ordo_finding *f = g->r->findings[i];
		if (f->component != c || !f->resolve_action || f->waived || f->pack)
			continue;
		if (!strcmp(f->id, "path.update-rollup") || !strcmp(f->id, "path.update-rollup-recommended"))
			continue;
		if (!strcmp(f->resolve_action, "upgrade-sql") && c->instance)
			continue; /* the instance's own step (plan_sql) */
		bool mine = f->hop_index == hc.hop_index || (f->hop_index < 0 && hc.hop_index == 0);
		if (!mine)
			continue;
		pending *pd = ordo_xcalloc(1, sizeof(*pd));
		pd->f = f;
		/* a procedure step removes the finding when it does that very thing
		 * (an OS upgrade); steps of the catch-all actions never stand in
		 * for a specific remedy */
		static const char *const generic[] = {"prepare", "configure", "verify", "backup", NULL};
		bool specific = true;
		for (const char *const *q = generic; *q; q++)
			specific &= strcmp(*q, f->resolve_action) != 0;
		pd->by_procedure = f->nservers > 0 && specific;
		for (uint32_t j = 0; j < f->nservers && pd->by_procedure; j++)
			pd->by_procedure = procedure_covers(g, &hc, f->resolve_action, f->servers[j]);
		ordo_vec_push(&g->pend, pd);
		if (pd->by_procedure)
			continue;
		if (!strcmp(f->resolve_action, "upgrade-os") && f->nservers) {
			plan_os(g, &hc, pd, &prev);
			continue;
		}
		ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, NULL, f->resolve_action);
		const char **names = f->servers;
		uint32_t n = f->nservers;
		if (!n)
			n = component_servers(g, c, &names);
		set_servers(g, s, names, n);
		s->from = hc.from;
		s->to = hop->to;
		s->hop_index = hc.hop_index;
		ordo_scope_ctx sc;
		scope_for(g, &hc, &sc, NULL, n ? names[0] : NULL);
		s->title = title_of(g, f->check ? &f->check->resolved_title : NULL, &sc,
				    ordo_arena_printf(g->a, "Resolve: %s", f->title));
		s->sources = f->sources;
		add_why(g, s, ordo_arena_printf(g->a, "resolves %s", f->id));
		if (hc.stage_why)
			add_why(g, s, hc.stage_why);
		after_all(g, s, &prev);
		set_one(&prev, s->id);
		add_resolved(g->a, f, s->id);
	}

	/* integration packs that serve this component come off first */
	packref packs[64];
	uint32_t npacks = packs_for(g, c, packs, 64);
	for (uint32_t i = 0; i < npacks; i++) {
		uint32_t flat = g->pack_base[packs[i].host->index] + packs[i].pack;
		if (!g->packs_registered[flat])
			continue;
		const ordo_component *host = packs[i].host;
		ordo_step *s = pack_step(g, &hc, host, packs[i].pack, ORDO_PHASE_PRE, "unregister-ip",
					 g->pack_cur[flat]);
		s->title = ordo_arena_printf(g->a,
					     "Uninstall and unregister the %s integration pack for %s from every runbook server and Runbook Designer",
					     vs(g, &s->pack_version), c->id);
		add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: unregistered before %s is upgraded",
						c->id, c->id));
		resolve_pack_findings(g, &host->packs[packs[i].pack], s);
		after_all(g, s, &prev);
		set_one(&prev, s->id);
		pack_moved(g, s, flat, false);
	}

	/* the host's own packs that its new release does not accept come off
	 * before it moves (a pack of an older release under a newer host) */
	bool *host_off = ordo_arena_alloc(g->a, sizeof(bool) * (c->npacks + 1));
	for (uint32_t k = 0; k < c->npacks; k++) {
		uint32_t flat = g->pack_base[c->index] + k;
		const ordo_pack *pk = &c->packs[k];
		packref pr = {c, k};
		if (!g->packs_registered[flat] || !pk->for_comp ||
		    pack_ok(g, &pr, hop->to, g->cur[pk->for_comp->index], g->pack_cur[flat]))
			continue;
		ordo_step *s = pack_step(g, &hc, c, k, ORDO_PHASE_PRE, "unregister-ip", g->pack_cur[flat]);
		s->title = ordo_arena_printf(g->a, "Uninstall and unregister the %s integration pack for %s everywhere before %s moves to %s",
					     vs(g, &s->pack_version), pk->for_id, c->id, vs(g, &hop->to));
		add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: %s %s does not accept its %s release",
						pk->for_id, c->id, vs(g, &hop->to), vs(g, &s->pack_version)));
		resolve_pack_findings(g, pk, s);
		after_all(g, s, &prev);
		set_one(&prev, s->id);
		pack_moved(g, s, flat, false);
		host_off[k] = true;
	}

	/* roles */
	uint32_t nroles = c->nroles;
	uint32_t **role_sinks = ordo_arena_alloc(g->a, sizeof(uint32_t *) * (nroles + 1));
	uint32_t *nsinks = ordo_arena_alloc(g->a, sizeof(uint32_t) * (nroles + 1));
	bool *present = ordo_arena_alloc(g->a, sizeof(bool) * (nroles + 1));
	bool *consumed = ordo_arena_alloc(g->a, sizeof(bool) * (nroles + 1));
	uint32_t *initial_sink = ordo_arena_alloc(g->a, sizeof(uint32_t) * (nroles + 1));
	ordo_vec all_sinks = ORDO_VEC_INIT;
	int last_present = -1;
	for (uint32_t ri = 0; ri < nroles; ri++) {
		const ordo_role_members *rm = &c->roles[ri];
		const ordo_cat_role *role = rm->role;
		if (!rm->count)
			continue;
		/* members upgraded `with` another role were done with that role */
		bool skip_all = false;
		const char **left = NULL;
		uint32_t nleft = 0;
		if ((role->with || rm->versions) && rm->named) {
			const ordo_role_members *wr = role->with ? ordo_component_role(c, role->with) : NULL;
			left = ordo_arena_alloc(g->a, sizeof(char *) * (rm->count + 1));
			for (uint32_t j = 0; j < rm->count; j++) {
				bool inw = false;
				for (uint32_t k = 0; wr && wr->named && k < wr->count && !inw; k++)
					inw = !strcmp(ordo_role_member(wr, k), ordo_role_member(rm, j));
				/* a member at a version of its own takes only the hops it has not made */
				ordo_version mv = ordo_member_version(c, rm, j);
				if (!inw && ordo_version_cmp_release(&mv, &hop->to) < 0)
					left[nleft++] = ordo_role_member(rm, j);
			}
			skip_all = nleft == 0;
		}
		present[ri] = true;
		/* what this role waits for */
		ordo_vec deps = ORDO_VEC_INIT;
		const char *dep_why = NULL;
		if (role->after_given) {
			for (uint32_t j = 0; j < role->after.n; j++) {
				/* "management_server:initial": only that role's initial server */
				const char *item = role->after.items[j];
				const char *colon = strchr(item, ':');
				char name[64];
				snprintf(name, sizeof(name), "%.*s", colon ? (int)(colon - item) : (int)strlen(item), item);
				const ordo_cat_role *ar = ordo_product_role(c->product, name);
				if (!ar || !present[ar->index])
					continue;
				if (colon && initial_sink[ar->index]) {
					ordo_vec_push(&deps, (void *)(uintptr_t)initial_sink[ar->index]);
					continue;
				}
				consumed[ar->index] = true;
				for (uint32_t k = 0; k < nsinks[ar->index]; k++)
					ordo_vec_push(&deps, (void *)(uintptr_t)role_sinks[ar->index][k]);
			}
			if (role->after.n)
				dep_why = ordo_arena_printf(g->a, "role order: %s after %s%s", role->id,
							    role->after.items[0],
							    role->after.n > 1 ? " and others" : "");
		} else if (last_present >= 0) {
			consumed[last_present] = true;
			for (uint32_t k = 0; k < nsinks[last_present]; k++)
				ordo_vec_push(&deps, (void *)(uintptr_t)role_sinks[last_present][k]);
			dep_why = ordo_arena_printf(g->a, "role order: %s after %s", role->id,
						    c->roles[last_present].role->id);
		}
		if (!deps.len)
			for (size_t k = 0; k < prev.len; k++)
				ordo_vec_push(&deps, prev.items[k]);
		last_present = (int)ri;
		if (skip_all) {
			/* its steps are already in the chain of the `with` role */
			nsinks[ri] = 0;
			role_sinks[ri] = NULL;
			const ordo_role_members *wr = role->with ? ordo_component_role(c, role->with) : NULL;
			if (wr && present[wr->role->index]) {
				nsinks[ri] = nsinks[wr->role->index];
				role_sinks[ri] = role_sinks[wr->role->index];
				consumed[wr->role->index] = true;
			}
			ordo_vec_release(&deps);
			continue;
		}
		ordo_role_members sub = *rm;
		if (left && nleft < rm->count) {
			/* a list of the remaining names, as a role of its own */
			const ordo_server **items = ordo_arena_alloc(g->a, sizeof(*items) * (nleft + 1));
			uint32_t m = 0;
			for (uint32_t j = 0; j < rm->count; j++)
				for (uint32_t k = 0; k < nleft; k++)
					if (rm->servers[j]->name == left[k])
						items[m++] = rm->servers[j];
			sub.servers = items;
			sub.count = m;
		}
		unit *units;
		/* the role's own list when it is whole and has not moved */
		const char **whole = sub.servers == rm->servers && rm->named &&
					     !(g->moved[c->index] && role->moves_to)
					     ? names_now(g, c, rm)
					     : NULL;
		uint32_t nu = role_units(g, &sub, whole, &units);
		ordo_vec chain_prev = ORDO_VEC_INIT;
		for (size_t k = 0; k < deps.len; k++)
			ordo_vec_push(&chain_prev, deps.items[k]);
		ordo_vec sinks = ORDO_VEC_INIT;
		for (uint32_t ui = 0; ui < nu; ui++) {
			uint32_t first_id = (uint32_t)g->steps.len + 1;
			uint32_t last = emit_unit(g, &hc, role, &units[ui], &chain_prev,
						  mode_reason(g, role, &units[ui]));
			if (!last)
				continue;
			if (dep_why && ui == 0)
				add_why(g, g->steps.items[first_id - 1], dep_why);
			if (units[ui].nservers == 1)
				last = emit_with(g, &hc, role, units[ui].servers[0], last);
			if (units[ui].initial)
				initial_sink[ri] = last;
			bool chained = units[ui].initial || role->mode == ORDO_MODE_SEQUENTIAL ||
				       role->mode == ORDO_MODE_ALONE || role->mode == ORDO_MODE_BATCH;
			if (chained) {
				set_one(&chain_prev, last);
				sinks.len = 0;
				ordo_vec_push(&sinks, (void *)(uintptr_t)last);
			} else {
				ordo_vec_push(&sinks, (void *)(uintptr_t)last);
			}
		}
		ordo_vec_release(&chain_prev);
		ordo_vec_release(&deps);
		/* tasks anchored after this role */
		ordo_vec tail = ORDO_VEC_INIT;
		for (size_t k = 0; k < sinks.len; k++)
			ordo_vec_push(&tail, sinks.items[k]);
		size_t before = g->steps.len;
		emit_tasks(g, &hc, 2, role->id, &tail);
		if (g->steps.len > before) {
			sinks.len = 0;
			for (size_t k = 0; k < tail.len; k++)
				ordo_vec_push(&sinks, tail.items[k]);
		}
		ordo_vec_release(&tail);
		nsinks[ri] = (uint32_t)sinks.len;
		role_sinks[ri] = ordo_arena_alloc(g->a, sizeof(uint32_t) * (sinks.len + 1));
		for (size_t k = 0; k < sinks.len; k++)
			role_sinks[ri][k] = (uint32_t)(uintptr_t)sinks.items[k];
		ordo_vec_release(&sinks);
	}
	/* everything the roles end with that no later role waits for */
	for (uint32_t ri = 0; ri < nroles; ri++)
		for (uint32_t k = 0; present[ri] && !consumed[ri] && k < nsinks[ri]; k++) {
			bool dup = false;
			for (size_t q = 0; q < all_sinks.len && !dup; q++)
				dup = (uint32_t)(uintptr_t)all_sinks.items[q] == role_sinks[ri][k];
			if (!dup)
				ordo_vec_push(&all_sinks, (void *)(uintptr_t)role_sinks[ri][k]);
		}
	if (all_sinks.len) {
		prev.len = 0;
		for (size_t k = 0; k < all_sinks.len; k++)
			ordo_vec_push(&prev, all_sinks.items[k]);
	}
	ordo_vec_release(&all_sinks);
	/* tasks anchored after a role the estate does not have: at the hop's end */
	for (uint32_t ri = 0; ri < nroles; ri++)
		if (!present[ri])
			emit_tasks(g, &hc, 2, c->roles[ri].role->id, &prev);
	g->cur[c->index] = hop->to;

	/* packs back on, at a release the new state supports: one per host, even
	 * where an old and a new build of the pack were both deployed */
	for (uint32_t i = 0; i < npacks; i++) {
		uint32_t flat = g->pack_base[packs[i].host->index] + packs[i].pack;
		const ordo_component *host = packs[i].host;
		bool again = false;
		for (uint32_t q = 0; q < i && !again; q++)
			again = packs[q].host == host;
		if (again)
			continue;
		ordo_version pv;
		if (!pick_pack_version(g, &packs[i], g->cur[host->index], hop->to, &pv)) {
			no_pack_fits(g, &packs[i], hop->to);
			continue;
		}
		ordo_step *s = pack_step(g, &hc, host, packs[i].pack, ORDO_PHASE_POST, "register-ip", pv);
		g->pack_cur[flat] = pv;
		s->title = ordo_arena_printf(g->a,
					     "Install and register the %s integration pack for %s, deploy it to the runbook servers and Runbook Designers, and check that data arrives through it",
					     vs(g, &pv), c->id);
		add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: registered again after %s reaches %s",
						c->id, c->id, vs(g, &hop->to)));
		for (uint32_t q = i; q < npacks; q++)
			if (packs[q].host == host)
				resolve_pack_findings(g, &host->packs[packs[q].pack], s);
		after_all(g, s, &prev);
		set_one(&prev, s->id);
		pack_moved(g, s, flat, true);
	}

	/* and back on at a release the host's new release accepts */
	for (uint32_t k = 0; k < c->npacks; k++) {
		if (!host_off[k])
			continue;
		uint32_t flat = g->pack_base[c->index] + k;
		const ordo_pack *pk = &c->packs[k];
		packref pr = {c, k};
		ordo_version pv;
		if (!pick_pack_version(g, &pr, hop->to, g->cur[pk->for_comp->index], &pv)) {
			/* none fits yet: the served component's own hop registers
			 * the pack that fits it, when it still moves */
			const ordo_path *fp = &g->r->paths[pk->for_comp->index].path;
			bool moves = false;
			for (uint32_t h = 0; h < fp->n && !moves; h++)
				moves = ordo_version_cmp_release(&fp->hops[h].to,
								 &g->cur[pk->for_comp->index]) > 0;
			if (!moves)
				no_pack_fits(g, &pr, g->cur[pk->for_comp->index]);
			continue;
		}
		ordo_step *s = pack_step(g, &hc, c, k, ORDO_PHASE_POST, "register-ip", pv);
		g->pack_cur[flat] = pv;
		s->title = ordo_arena_printf(g->a, "Install, register and deploy the %s integration pack for %s",
					     vs(g, &pv), pk->for_id);
		add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: the release %s %s accepts",
						pk->for_id, c->id, vs(g, &hop->to)));
		resolve_pack_findings(g, pk, s);
		after_all(g, s, &prev);
		set_one(&prev, s->id);
		pack_moved(g, s, flat, true);
	}

	emit_tasks(g, &hc, 2, NULL, &prev);
	exits->len = 0;
	for (size_t k = 0; k < prev.len; k++)
		ordo_vec_push(exits, prev.items[k]);
	ordo_vec_release(&prev);
}

/* Findings a step can remove on components that do not move at all (an
 * integration pack of the wrong release on components already at their
 * target, say): their steps come first, before any stage. */
static void gen_leftovers(gen *g, ordo_vec *exits)
{
	ordo_report *r = g->r;
	for (uint32_t i = 0; i < r->nfindings; i++) {
		ordo_finding *f = r->findings[i];
		if (f->waived || !f->resolve_action || f->nresolved || !f->component ||
		    !strncmp(f->id, "path.", 5) ||
		    (!strcmp(f->resolve_action, "upgrade-sql") && f->component->instance))
			continue;
		const ordo_component *moving = f->pack ? f->pack->for_comp : f->component;
		if (!moving || r->paths[moving->index].path.n > 0)
			continue;
		const ordo_component *c = f->component;
		const char **names;
		uint32_t n;
		if (f->pack) {
			const ordo_pack *pk = f->pack;
			packref pr = {c, (uint32_t)(pk - c->packs)};
			uint32_t flat = g->pack_base[c->index] + pr.pack;
			n = component_servers(g, c, &names);
			ordo_version fit;
			bool fits = pick_pack_version(g, &pr, g->cur[c->index], g->cur[pk->for_comp->index], &fit);
			if (!fits && strcmp(f->resolve_action, "unregister-ip"))
				continue; /* nothing better to register: leave it, the finding stays open */
			if (g->packs_registered[flat]) {
				ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, "integration_pack", "unregister-ip");
				set_servers(g, s, names, n);
				s->pack_for = pk->for_comp;
				s->pack = pk;
				s->pack_version = g->pack_cur[flat];
				s->title = ordo_arena_printf(g->a, "Uninstall and unregister the %s integration pack for %s everywhere",
							     vs(g, &pk->version), pk->for_id);
				add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: its release does not fit", pk->for_id));
				after_all(g, s, exits);
				set_one(exits, s->id);
				pack_moved(g, s, flat, false);
				resolve_pack_findings(g, pk, s);
			}
			if (!strcmp(f->resolve_action, "register-ip")) {
				ordo_version pv;
				if (!pick_pack_version(g, &pr, g->cur[c->index], g->cur[pk->for_comp->index], &pv))
					continue; /* the finding stays open: no release fits yet */
				ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, "integration_pack", "register-ip");
				set_servers(g, s, names, n);
				s->pack_for = pk->for_comp;
				s->pack = pk;
				s->pack_version = pv;
				g->pack_cur[flat] = pv;
				s->title = ordo_arena_printf(g->a, "Install, register and deploy the %s integration pack for %s",
							     vs(g, &pv), pk->for_id);
				add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: the release that fits %s %s",
								pk->for_id, pk->for_id,
								vs(g, &g->cur[pk->for_comp->index])));
				after_all(g, s, exits);
				set_one(exits, s->id);
				pack_moved(g, s, flat, true);
				resolve_pack_findings(g, pk, s);
			}
			continue;
		}
		ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, NULL, f->resolve_action);
		n = f->nservers;
		if (n) {
			/* the finding's list belongs to the report: a copy */
			names = ordo_arena_alloc_raw(g->a, sizeof(char *) * (n + 1));
			memcpy(names, f->servers, sizeof(char *) * n);
			names[n] = NULL;
		} else {
			n = component_servers(g, c, &names);
		}
		set_servers(g, s, names, n);
		ordo_scope_ctx sc = {.estate = g->e, .comp = c, .hop_index = -1,
				     .server_name = n ? names[0] : NULL};
		s->title = title_of(g, f->check ? &f->check->resolved_title : NULL, &sc,
				    ordo_arena_printf(g->a, "Resolve: %s", f->title));
		s->sources = f->sources;
		add_why(g, s, ordo_arena_printf(g->a, "resolves %s", f->id));
		after_all(g, s, exits);
		set_one(exits, s->id);
		add_resolved(g->a, f, s->id);
	}
}

/* ---- retired components (upgrade.retire) ---- */

/* Must b's first hop wait until r is removed? When they integrate (either
 * way), when b hosts an integration pack for r, and, when r names no
 * integration and none names it, always: what it works with is unknown. */
static bool waits_for_retire(const ordo_estate *e, const ordo_component *r, const ordo_component *b)
{
	bool any = r->nintegrations > 0;
	for (uint32_t i = 0; i < r->nintegrations; i++)
		if (r->integrations[i] == b)
			return true;
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		const ordo_component *o = &e->components[i];
		for (uint32_t k = 0; k < o->nintegrations; k++)
			if (o->integrations[k] == r) {
				if (o == b)
					return true;
				any = true;
			}
	}
	for (uint32_t k = 0; k < b->npacks; k++)
		if (b->packs[k].for_comp == r)
			return true;
	return !any;
}

/* A retired component's removal, before anything moves: the integration
 * packs for it unregistered, then each role uninstalled, last role first.
 * done[i] is the last step of component i's removal (0: not retired). */
static void gen_retire(gen *g, uint32_t *done)
{
	const ordo_estate *e = g->e;
	for (uint32_t ci = 0; ci < e->ncomponents; ci++) {
		const ordo_component *c = &e->components[ci];
		if (!c->retire)
			continue;
		ordo_finding *f = NULL;
		for (uint32_t i = 0; i < g->r->nfindings && !f; i++)
			if (g->r->findings[i]->component == c && !strcmp(g->r->findings[i]->id, "path.retired"))
				f = g->r->findings[i];
		const char *why = ordo_arena_printf(g->a, "%s is retired (upgrade.retire)", c->id);
		uint32_t prev = 0;
		for (uint32_t hi = 0; hi < e->ncomponents; hi++) {
			const ordo_component *host = &e->components[hi];
			for (uint32_t k = 0; k < host->npacks; k++) {
				const ordo_pack *pk = &host->packs[k];
				uint32_t flat = g->pack_base[hi] + k;
				if (pk->for_comp != c || !g->packs_registered[flat])
					continue;
				ordo_step *s = step_new(g, ORDO_PHASE_PRE, host, "integration_pack", "unregister-ip");
				const char **names;
				uint32_t n = component_servers(g, host, &names);
				set_servers(g, s, names, n);
				s->pack_for = c;
				s->pack = pk;
				s->pack_version = g->pack_cur[flat];
				s->title = ordo_arena_printf(g->a, "Uninstall and unregister the %s integration pack for %s everywhere",
							     vs(g, &pk->version), c->id);
				add_why(g, s, why);
				add_why(g, s, ordo_arena_printf(g->a, "integration pack for %s: removed with it", c->id));
				if (f)
					s->sources = f->sources;
				add_after(g, s, prev);
				prev = s->id;
				pack_moved(g, s, flat, false);
				/* whatever the pack's findings asked for, it is gone now */
				for (uint32_t q = 0; q < g->r->nfindings; q++) {
					ordo_finding *pf = g->r->findings[q];
					if (pf->pack == pk && !pf->waived && pf->resolve_action)
						add_resolved(g->a, pf, s->id);
				}
			}
		}
		for (uint32_t ri = c->nroles; ri-- > 0;) {
			const ordo_role_members *rm = &c->roles[ri];
			if (!rm->count)
				continue;
			ordo_step *s = step_new(g, ORDO_PHASE_PRE, c, rm->role->id, "uninstall");
			if (rm->named)
				set_servers(g, s, names_now(g, c, rm), (uint32_t)rm->count);
			else
				s->members = rm->count;
			ordo_scope_ctx sc = {.estate = g->e, .comp = c, .hop_index = -1,
					     .role = rm->role->id,
					     .server_name = rm->named ? ordo_role_member(rm, 0) : NULL};
			s->title = title_of(g, f && f->check ? &f->check->resolved_title : NULL, &sc,
					    ordo_arena_printf(g->a, "Uninstall %s (%s)", c->id, rm->role->id));
			add_why(g, s, why);
			if (f) {
				s->sources = f->sources;
				add_resolved(g->a, f, s->id);
			}
			add_after(g, s, prev);
			prev = s->id;
		}
		done[ci] = prev;
	}
}

/* The first hop of b waits for the removal of what it must not meet. */
static void retire_entry(gen *g, const ordo_component *b, const uint32_t *done, ordo_vec *entry)
{
	for (uint32_t i = 0; i < g->e->ncomponents; i++)
		if (done[i] && waits_for_retire(g->e, &g->e->components[i], b))
			ordo_vec_push(entry, (void *)(uintptr_t)done[i]);
}

static void retire_why(gen *g, size_t first, const ordo_component *b, const uint32_t *done)
{
	for (uint32_t i = 0; i < g->e->ncomponents; i++) {
		if (!done[i] || !waits_for_retire(g->e, &g->e->components[i], b))
			continue;
		for (size_t k = first; k < g->steps.len; k++) {
			ordo_step *s = g->steps.items[k];
			for (uint32_t q = 0; q < s->nafter; q++)
				if (s->after[q] == done[i])
					add_why(g, s, ordo_arena_printf(g->a, "after %s is retired: it does not move with %s",
									g->e->components[i].id, b->id));
		}
	}
}

/* ---- the whole plan ---- */

static int cmp_i32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return a < b ? -1 : a > b;
}

static void assign_waves(ordo_plan *p, ordo_step **steps, uint32_t n)
{
	uint32_t maxw = 0;
	for (uint32_t i = 0; i < n; i++) {
		ordo_step *s = steps[i];
		uint32_t w = 1;
		for (uint32_t k = 0; k < s->nafter; k++) {
			uint32_t pw = steps[s->after[k] - 1]->wave + 1;
			if (pw > w)
				w = pw;
		}
		s->wave = w;
		if (w > maxw)
			maxw = w;
	}
	/* an `alone` step keeps its wave; everything else from there moves up */
	for (uint32_t i = 0; i < n; i++) {
		ordo_step *s = steps[i];
		if (!s->alone)
			continue;
		bool shared = false;
		for (uint32_t j = 0; j < n && !shared; j++)
			shared = j != i && steps[j]->wave == s->wave;
		if (!shared)
			continue;
		for (uint32_t j = 0; j < n; j++)
			if (j != i && steps[j]->wave >= s->wave)
				steps[j]->wave++;
		maxw++;
	}
	p->nwaves = maxw;
}

static int step_order(const void *x, const void *y)
{
	const ordo_step *a = *(ordo_step *const *)x, *b = *(ordo_step *const *)y;
	if (a->wave != b->wave)
		return a->wave < b->wave ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void mark_blocked(gen *g)
{
	ordo_report *r = g->r;
	uint32_t n = (uint32_t)g->steps.len;
	ordo_step **steps = (ordo_step **)g->steps.items;
	for (uint32_t i = 0; i < r->nfindings; i++) {
		const ordo_finding *f = r->findings[i];
		if (!ordo_finding_open_blocker(f))
			continue;
		if (f->pack) {
			/* a pack that cannot be registered blocks only its own
			 * registration, which is then not in the plan */
			continue;
		}
		if (!f->component) {
			for (uint32_t k = 0; k < n; k++)
				add_blocked(g->a, steps[k], f);
			continue;
		}
		if (!strcmp(f->id, "path.none")) {
			/* components the suite order puts after this one cannot move
			 * either, in any stage this one should have reached */
			const ordo_component *a = f->component;
			for (uint32_t k = 0; k < n; k++) {
				ordo_step *s = steps[k];
				if (s->component == a || s->hop_index < 0 || !s->to.scale)
					continue;
				if (!ordo_product_has_release(a->product, s->to.idx) ||
				    ordo_version_cmp_release(&a->version, &s->to) >= 0)
					continue;
				if (must_precede(g, a, s->component, s->to.idx))
					add_blocked(g->a, s, f);
			}
			continue;
		}
		for (uint32_t k = 0; k < n; k++) {
			ordo_step *s = steps[k];
			if (s->component != f->component && s->pack_for != f->component)
				continue;
			if (f->hop_index >= 0 && s->hop_index >= 0 && s->hop_index < f->hop_index)
				continue;
			add_blocked(g->a, s, f);
		}
	}
	/* a step waits for everything before it: blocks flow forward */
	for (uint32_t k = 0; k < n; k++) {
		ordo_step *s = steps[k];
		for (uint32_t j = 0; j < s->nafter; j++) {
			const ordo_step *pre = steps[s->after[j] - 1];
			for (uint32_t q = 0; q < pre->nblockers; q++)
				add_blocked(g->a, s, pre->blockers[q]);
		}
	}
}

/* Per component, the open blockers that hold it back: its own, then those
 * its steps wait on. */
static void summarize_blocked(gen *g)
{
	ordo_plan *p = g->p;
	const ordo_estate *e = g->e;
	ordo_report *r = g->r;
	p->blocked = ordo_arena_alloc(g->a, sizeof(ordo_blocked) * (e->ncomponents + 1));
	ordo_vec by = ORDO_VEC_INIT;
	for (uint32_t ci = 0; ci < e->ncomponents; ci++) {
		const ordo_component *c = &e->components[ci];
		by.len = 0;
		for (uint32_t i = 0; i < r->nfindings; i++)
			if (r->findings[i]->component == c && !r->findings[i]->pack &&
			    ordo_finding_open_blocker(r->findings[i]))
				ordo_vec_push(&by, (void *)r->findings[i]);
		size_t own = by.len;
		for (uint32_t k = 0; k < p->nsteps; k++) {
			const ordo_step *s = p->steps[k];
			if (s->component != c)
				continue;
			for (uint32_t q = 0; q < s->nblockers; q++) {
				bool have = false;
				for (size_t m = 0; m < by.len && !have; m++)
					have = by.items[m] == (const void *)s->blockers[q];
				if (!have)
					ordo_vec_push(&by, (void *)s->blockers[q]);
			}
		}
		if (!by.len)
			continue;
		/* others' blockers in estate order, then by finding order */
		for (size_t a = own + 1; a < by.len; a++)
			for (size_t b = a; b > own; b--) {
				const ordo_finding *x = by.items[b - 1], *y = by.items[b];
				int xi = x->component ? x->component->index : -1;
				int yi = y->component ? y->component->index : -1;
				if (xi <= yi)
					break;
				by.items[b - 1] = (void *)y;
				by.items[b] = (void *)x;
			}
		ordo_blocked *bl = &p->blocked[p->nblocked++];
		bl->component = c;
		bl->n = (uint32_t)by.len;
		bl->by = ordo_arena_alloc(g->a, sizeof(*bl->by) * (by.len + 1));
		for (size_t m = 0; m < by.len; m++)
			bl->by[m] = by.items[m];
	}
	ordo_vec_release(&by);
}

/* The verification on a thread of its own: it reads the plan, its report
 * and the estate, and writes only its own arena and the violations. */
struct ordo_plan_verifier {
	pthread_t thread;
	bool pending;
};

static void *verify_thread(void *arg)
{
	prctl(PR_SET_NAME, "ordo-verify", 0, 0, 0); /* for ps and perf */
	ordo_plan_verify(arg);
	return NULL;
}

static bool verify_start(ordo_plan *p)
{
	p->verifier_ = ordo_xcalloc(1, sizeof(*p->verifier_));
	p->verifier_->pending = pthread_create(&p->verifier_->thread, NULL, verify_thread, p) == 0;
	return p->verifier_->pending;
}

static void verify_wait(ordo_plan *p)
{
	if (p->verifier_ && p->verifier_->pending) {
		pthread_join(p->verifier_->thread, NULL);
		p->verifier_->pending = false;
	}
}

static int plan_build(ordo_plan **out, ordo_report *r, bool verifying)
{
	ordo_plan *p = ordo_xcalloc(1, sizeof(*p));
	p->arena = ordo_arena_new();
	p->report = r;
	gen g;
	memset(&g, 0, sizeof(g));
	g.p = p;
	g.r = r;
	g.e = r->estate;
	g.c = r->catalog;
	g.a = p->arena;
	ordo_eval_init(&g.ev);
	const ordo_estate *e = g.e;

	g.cur = ordo_arena_alloc(g.a, sizeof(ordo_version) * (e->ncomponents + 1));
	g.moved = ordo_arena_alloc(g.a, sizeof(bool) * (e->ncomponents + 1));
	g.all = ordo_arena_alloc(g.a, sizeof(*g.all) * (e->ncomponents + 1));
	g.role_names = ordo_arena_alloc(g.a, sizeof(*g.role_names) * (e->ncomponents + 1));
	g.pack_base = ordo_arena_alloc(g.a, sizeof(uint32_t) * (e->ncomponents + 1));
	uint32_t npacks = 0;
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		g.cur[i] = e->components[i].version;
		g.pack_base[i] = npacks;
		npacks += e->components[i].npacks;
	}
	g.last_of = ordo_arena_alloc(g.a, sizeof(uint32_t) * (e->ncomponents + 1));
	g.sql_cur = ordo_arena_alloc(g.a, sizeof(ordo_version) * (e->ninstances + 1));
	g.sql_failed = ordo_arena_alloc(g.a, sizeof(bool) * (e->ninstances + 1));
	for (uint32_t i = 0; i < e->ninstances; i++)
		g.sql_cur[i] = e->instances[i]->version;
	g.os_cur.nocase = true;
	g.os_step.nocase = true;
	g.packs_registered = ordo_arena_alloc(g.a, sizeof(bool) * (npacks + 1));
	g.pack_cur = ordo_arena_alloc(g.a, sizeof(ordo_version) * (npacks + 1));
	g.pack_last = ordo_arena_alloc(g.a, sizeof(uint32_t) * (npacks + 1));
	for (uint32_t i = 0; i < npacks; i++)
		g.packs_registered[i] = true;
	for (uint32_t i = 0; i < e->ncomponents; i++)
		for (uint32_t k = 0; k < e->components[i].npacks; k++)
			g.pack_cur[g.pack_base[i] + k] = e->components[i].packs[k].version;

	/* stages: the releases hops reach, in release order */
	uint32_t nkeys = 0;
	int32_t *keys = NULL;
	p->complete = true;
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		const ordo_path *path = &r->paths[i].path;
		if (path->status == ORDO_PATH_NONE || path->status == ORDO_PATH_DOWNGRADE)
			p->complete = false;
		for (uint32_t h = 0; h < path->n; h++) {
			keys = ordo_xrealloc(keys, sizeof(int32_t) * (nkeys + 1));
			keys[nkeys++] = hop_stage_key(e, &e->components[i], &path->hops[h]);
		}
	}
	ordo_sort(keys, nkeys, sizeof(int32_t), cmp_i32);
	uint32_t nstages = 0;
	for (uint32_t i = 0; i < nkeys; i++)
		if (!nstages || keys[nstages - 1] != keys[i])
			keys[nstages++] = keys[i];

	ordo_vec stage_exits = ORDO_VEC_INIT; /* exits of the previous stage */
	uint32_t *retired = ordo_arena_alloc(g.a, sizeof(uint32_t) * (e->ncomponents + 1));
	gen_retire(&g, retired);
	gen_leftovers(&g, &stage_exits);
	const char *prev_stage_name = NULL;
	for (uint32_t st = 0; st < nstages; st++) {
		g.stage = st;
		int32_t key = keys[st];
		const char *rel = g.c->release.entries[key];
		/* the components moving in this stage, with their hop */
		uint32_t nc = 0, cap = 0;
		for (uint32_t i = 0; i < e->ncomponents; i++)
			cap += r->paths[i].path.n;
		uint32_t *comps = ordo_arena_alloc(g.a, sizeof(uint32_t) * (cap + 1));
		int *hopi = ordo_arena_alloc(g.a, sizeof(int) * (cap + 1));
		for (uint32_t i = 0; i < e->ncomponents; i++) {
			const ordo_path *path = &r->paths[i].path;
			for (uint32_t h = 0; h < path->n; h++)
				if (hop_stage_key(e, &e->components[i], &path->hops[h]) == key) {
					comps[nc] = i;
					hopi[nc++] = (int)h;
				}
		}
		/* topological order of the stage's components (Kahn; estate order
		 * breaks ties so the plan is deterministic) */
		const char **rule = ordo_arena_alloc(g.a, sizeof(char *) * (nc * nc + 1));
		for (uint32_t a = 0; a < nc; a++)
			for (uint32_t b = 0; b < nc; b++)
				rule[a * nc + b] = a == b ? NULL
						   : comps[a] == comps[b]
							   ? (hopi[a] < hopi[b] ? "one hop after the other" : NULL)
							   : must_precede(&g, &e->components[comps[a]],
									  &e->components[comps[b]], key);
		bool *done = ordo_arena_alloc(g.a, sizeof(bool) * (nc + 1));
		ordo_vec *exits = ordo_arena_alloc(g.a, sizeof(ordo_vec) * (nc + 1));
		for (uint32_t round = 0; round < nc; round++) {
			uint32_t pick = nc;
			for (uint32_t b = 0; b < nc && pick == nc; b++) {
				if (done[b])
					continue;
				bool ready = true;
				for (uint32_t a = 0; a < nc && ready; a++)
					ready = done[a] || !rule[a * nc + b];
				if (ready)
					pick = b;
			}
			if (pick == nc) {
				/* a cycle between products: lint prevents it, fall back to estate order */
				for (uint32_t b = 0; b < nc; b++)
					if (!done[b]) {
						pick = b;
						break;
					}
			}
			done[pick] = true;
			const ordo_component *comp = &e->components[comps[pick]];
			/* wait for the immediate predecessors only: the rest is implied */
			ordo_vec entry = ORDO_VEC_INIT;
			bool has_pred = false;
			for (uint32_t a = 0; a < nc; a++) {
				if (!rule[a * nc + pick])
					continue;
				has_pred = true;
				bool implied = false;
				for (uint32_t b2 = 0; b2 < nc && !implied; b2++)
					implied = b2 != a && rule[a * nc + b2] && rule[b2 * nc + pick];
				if (implied)
					continue;
				for (size_t k = 0; k < exits[a].len; k++)
					ordo_vec_push(&entry, exits[a].items[k]);
			}
			if (!has_pred)
				for (size_t k = 0; k < stage_exits.len; k++)
					ordo_vec_push(&entry, stage_exits.items[k]);
			if (hopi[pick] == 0)
				retire_entry(&g, comp, retired, &entry);
			hopctx hc = {comp, &r->paths[comps[pick]].path, hopi[pick],
				     &r->paths[comps[pick]].path.hops[hopi[pick]],
				     r->paths[comps[pick]].path.hops[hopi[pick]].from, NULL};
			if (prev_stage_name)
				hc.stage_why = ordo_arena_printf(g.a, "stage %s: the suite completes %s first",
								 rel, prev_stage_name);
			size_t first = g.steps.len;
			gen_hop(&g, &hc, &entry, &exits[pick]);
			ordo_vec_release(&entry);
			if (hopi[pick] == 0)
				retire_why(&g, first, comp, retired);
			/* the rules that placed the component's first steps */
			for (size_t k = first; k < g.steps.len; k++) {
				ordo_step *s = g.steps.items[k];
				bool entry_step = false;
				for (uint32_t q = 0; q < s->nafter && !entry_step; q++)
					entry_step = s->after[q] <= first;
				if (!entry_step && s->nafter)
					continue;
				for (uint32_t a = 0; a < nc; a++)
					if (rule[a * nc + pick])
						add_why(&g, s, rule[a * nc + pick]);
			}
		}
		stage_exits.len = 0;
		for (uint32_t a = 0; a < nc; a++) {
			bool succ = false;
			for (uint32_t b2 = 0; b2 < nc && !succ; b2++)
				succ = rule[a * nc + b2] != NULL;
			for (size_t k = 0; !succ && k < exits[a].len; k++)
				ordo_vec_push(&stage_exits, exits[a].items[k]);
			ordo_vec_release(&exits[a]);
		}
		prev_stage_name = rel;
	}
	ordo_vec_release(&stage_exits);
	free(keys);
	for (size_t i = 0; i < g.pend.len; i++)
		free(g.pend.items[i]);
	ordo_vec_release(&g.pend);
	ordo_map_release(&g.os_cur);
	ordo_map_release(&g.os_step);
	for (size_t i = 0; i < g.hosted.cap; i++)
		if (g.hosted.slots[i].key)
			ordo_vec_release(g.hosted.slots[i].val);
	ordo_map_release(&g.hosted);

	mark_blocked(&g);

	/* waves, then ids in output order */
	uint32_t n = (uint32_t)g.steps.len;
	ordo_step **steps = (ordo_step **)g.steps.items;
	assign_waves(p, steps, n);
	p->steps = ordo_arena_alloc(g.a, sizeof(ordo_step *) * (n + 1));
	if (n) /* an estate with nothing to do has no step list at all */
		memcpy(p->steps, steps, sizeof(ordo_step *) * n);
	ordo_sort(p->steps, n, sizeof(ordo_step *), step_order);
	uint32_t *newid = ordo_xcalloc(n + 1, sizeof(uint32_t));
	for (uint32_t i = 0; i < n; i++)
		newid[p->steps[i]->id] = i + 1;
	for (uint32_t i = 0; i < n; i++) {
		ordo_step *s = p->steps[i];
		for (uint32_t k = 0; k < s->nafter; k++)
			s->after[k] = newid[s->after[k]];
		ordo_sort(s->after, s->nafter, sizeof(uint32_t), cmp_i32);
	}
	for (uint32_t i = 0; i < n; i++)
		p->steps[i]->id = i + 1;
	for (uint32_t i = 0; i < r->nfindings; i++) {
		ordo_finding *f = r->findings[i];
		for (uint32_t k = 0; k < f->nresolved; k++)
			f->resolved_by[k] = newid[f->resolved_by[k]];
		ordo_sort(f->resolved_by, f->nresolved, sizeof(uint32_t), cmp_i32);
	}
	free(newid);
	p->nsteps = n;
	ordo_vec_release(&g.steps);
	ordo_eval_release(&g.ev);
	ordo_report_sort(r);
	summarize_blocked(&g);
	if (!(verifying && verify_start(p)))
		ordo_plan_verify(p);
	*out = p;
	return 0;
}

int ordo_plan_build(ordo_plan **out, ordo_report *r)
{
	return plan_build(out, r, false);
}

int ordo_plan_build_verifying(ordo_plan **out, ordo_report *r)
{
	return plan_build(out, r, true);
}

const ordo_violation *ordo_plan_violations(const ordo_plan *p, uint32_t *n)
{
	verify_wait((ordo_plan *)p); /* settles the fields made late */
	*n = p->nviolations_;
	return p->violations_;
}

void ordo_plan_free(ordo_plan *p)
{
	if (!p)
		return;
	verify_wait(p);
	free(p->verifier_);
	ordo_arena_free(p->arena);
	ordo_arena_free(p->verify_arena_);
	free(p->violations_);
	free(p);
}
