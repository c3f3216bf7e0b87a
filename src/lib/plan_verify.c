/* SPDX-License-Identifier: MIT */
/*
 * plan_verify.c: replay a plan's steps on a fresh copy of the estate and
 * check every intermediate state.
 *
 * This file does not use the generator's bookkeeping: it reads only the
 * finished step list, the estate and the catalog, so a generator bug shows
 * up as a violation instead of being certified by the code that made it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plan.h"

/* A named member's version, on its component's scale: eight bytes, for
 * a million of them. */
typedef struct {
	int32_t idx, sub;
} mstate;

static ordo_version mget(const ordo_component *c, const mstate *m)
{
	ordo_version v = {c->version.scale, m->idx, m->sub};
	return v;
}

static void mset(mstate *m, const ordo_version *v)
{
	m->idx = v->idx;
	m->sub = v->sub;
}

typedef struct {
	ordo_version old_v; /* anonymous members not yet moved */
	ordo_version new_v; /* where the moved ones are */
	uint64_t moved;
	uint64_t count;
} astate;

typedef struct {
	const ordo_component *c;
	mstate **named;  /* [role][member] */
	astate *anon;    /* [role] */
	ordo_component *sim; /* a copy whose version tracks the replay */
	ordo_pack *packs;   /* copies with replayed versions */
	bool *registered;
	bool *bad;          /* the pack is in an unsupported pairing now */
	ordo_version start;
	uint64_t *at;       /* members at each release (by scale index) */
	ordo_map *index;    /* per role: member name (or where it moves) -> index + 1 */
	uint32_t *hint;     /* per role: where the next member is likely to be */
	uint32_t *ahint;    /* the same for the invariants' look-ups */
	uint32_t *ndown;    /* per role: uninstall steps seen (0: nothing to bring back) */
	bool *indexed;      /* per role: index built (only when a step's order misses the hint) */
} cstate;

typedef struct {
	ordo_plan *p;
	const ordo_estate *e;
	const ordo_catalog *c;
	cstate *cs;
	ordo_eval ev;
	ordo_vec viol;
	ordo_arena *a;
	ordo_estate sim_estate;
	ordo_buf packs_seen; /* what check_packs() last looked at (pack_state()) */
	/* shared infrastructure as the steps leave it */
	ordo_version *sql;   /* per SQL instance */
	ordo_map os;         /* server name -> ordo_version*, once a step upgraded it */
	ordo_map down;       /* "c|r|k" of members uninstalled and not yet installed again */
	ordo_map hosted;     /* server name -> ordo_vec* of member refs (on demand) */
	/* the catalog's invariants judged per member and per component */
	const ordo_cat_check **inv_member, **inv_comp;
	uint32_t ninv_member, ninv_comp;
	bool *inv_keyed;     /* per inv_member: reads only the server's system and flags */
	struct inv_memo {
		uint64_t key;
		uint8_t used, bad;
	} *memo;             /* results of keyed member checks */
	/* members of the step being replayed, found once for the invariants
	 * and used again to move them */
	struct role_keys {
		uint32_t epoch;      /* os_epoch it was made at (0: never) */
		bool many;           /* more distinct servers' keys than it keeps */
		uint32_t n;
		ordo_server keys[8]; /* system and flags of the members' servers */
	} **rkeys;               /* [component][role], made on demand */
	uint32_t os_epoch;       /* changes whenever a step upgrades a system */
	const ordo_step *found_step;
	int32_t *found;
	size_t found_cap;
	bool *held;          /* per component: a step of it that waits for an open
			      * blocker was replayed, so its state is hypothetical */
} vctx;

#define INV_MEMO 4096

static void violate(vctx *v, uint32_t step, const char *rule, const char *msg)
{
	ordo_violation *x = ordo_xmalloc(sizeof(*x));
	x->step = step;
	x->rule = rule;
	x->message = msg;
	ordo_vec_push(&v->viol, x);
}

static const char *vstr(vctx *v, const ordo_version *ver)
{
	return ordo_version_dup(v->a, ver);
}

/* The lowest and highest release any member is at (release level: the
 * order rules compare releases). Counts are kept as members move, so this
 * costs the scale's length, not the component's size. False when the
 * component has no members (both are then its starting release). */
static bool min_max(const cstate *s, ordo_version *mn, ordo_version *mx)
{
	const ordo_scale *sc = s->start.scale;
	int32_t lo = -1, hi = -1;
	for (uint32_t i = 0; i < sc->n; i++)
		if (s->at[i]) {
			if (lo < 0)
				lo = (int32_t)i;
			hi = (int32_t)i;
		}
	bool any = lo >= 0;
	if (!any)
		lo = hi = s->start.idx;
	*mn = (ordo_version){sc, lo, -1};
	*mx = (ordo_version){sc, hi, -1};
	return any;
}

static const ordo_cat_edge *edge_for(const ordo_cat_product *p, const ordo_version *from,
				     const ordo_version *to)
{
	for (uint32_t i = 0; i < p->nedges; i++)
		if (p->edges[i].from.idx == from->idx && p->edges[i].to.idx == to->idx)
			return &p->edges[i];
	return NULL;
}

static int role_index(const ordo_component *c, const char *role)
{
	for (uint32_t i = 0; role && i < c->nroles; i++)
		if (!strcmp(c->roles[i].role->id, role))
			return (int)i;
	return -1;
}

/* name (and where the member moves to) -> index + 1, for one role */
static void index_role(vctx *v, const ordo_component *c, cstate *cs, uint32_t r)
{
	const ordo_role_members *rm = &c->roles[r];
	for (uint32_t k = 0; rm->named && k < rm->count; k++) {
		const char *nm = ordo_role_member(rm, k);
		ordo_map_put(&cs->index[r], nm, strlen(nm), (void *)(uintptr_t)(k + 1));
		const char *after = ordo_member_after(v->e, c, rm, k, &v->ev);
		if (after != nm)
			ordo_map_put(&cs->index[r], after, strlen(after), (void *)(uintptr_t)(k + 1));
	}
	cs->indexed[r] = true;
}

static void move_member(vctx *v, const ordo_step *s, ordo_version *cur, const char *who,
			uint64_t count)
{
	const ordo_component *c = s->component;
	cstate *cs = &v->cs[c->index];
	if (ordo_version_cmp_release(cur, &s->to) == 0) {
		violate(v, s->id, "coverage",
			ordo_arena_printf(v->a, "%s of %s is upgraded to %s twice", who, c->id,
					  vstr(v, &s->to)));
		return;
	}
	const ordo_cat_edge *e = edge_for(c->product, cur, &s->to);
	if (!e) {
		violate(v, s->id, "path",
			ordo_arena_printf(v->a, "%s of %s goes from %s to %s, which is not a supported upgrade",
					  who, c->id, vstr(v, cur), vstr(v, &s->to)));
	} else if (e->min.scale && ordo_version_cmp(cur, &e->min) < 0) {
		violate(v, s->id, "path.update-rollup",
			ordo_arena_printf(v->a, "%s of %s is upgraded from %s, below the minimum %s",
					  who, c->id, vstr(v, cur), vstr(v, &e->min)));
	}
	cs->at[cur->idx] -= cs->at[cur->idx] >= count ? count : cs->at[cur->idx];
	cs->at[s->to.idx] += count;
	*cur = s->to;
	cur->sub = -1;
}

static void apply(vctx *v, const ordo_step *s)
{
	const ordo_component *c = s->component;
	cstate *cs = &v->cs[c->index];
	if (!strcmp(s->action, "apply-update-rollup")) {
		for (uint32_t r = 0; r < c->nroles; r++) {
			const ordo_role_members *rm = &c->roles[r];
			for (uint32_t i = 0; rm->named && i < rm->count; i++) {
				ordo_version x = mget(c, &cs->named[r][i]);
				if (x.idx == s->to.idx && ordo_version_cmp(&x, &s->to) < 0)
					mset(&cs->named[r][i], &s->to);
			}
			astate *an = &cs->anon[r];
			if (an->old_v.idx == s->to.idx && ordo_version_cmp(&an->old_v, &s->to) < 0)
				an->old_v = s->to;
		}
		return;
	}
	if (!strcmp(s->action, "unregister-ip") || !strcmp(s->action, "register-ip")) {
		bool reg = s->action[0] == 'r';
		for (uint32_t i = 0; i < c->npacks; i++) {
			if (s->pack ? s->pack != &c->packs[i] : c->packs[i].for_comp != s->pack_for)
				continue;
			if (cs->registered[i] == reg)
				violate(v, s->id, "integration-pack",
					ordo_arena_printf(v->a, "the integration pack for %s is %s twice",
							  s->pack_for->id, reg ? "registered" : "unregistered"));
			cs->registered[i] = reg;
			if (reg)
				cs->packs[i].version = s->pack_version;
		}
		return;
	}
	if (!strcmp(s->action, "uninstall") && c->retire) {
		/* a retired host's packs go with it */
		for (uint32_t i = 0; i < c->npacks; i++)
			cs->registered[i] = false;
		return;
	}
	if (strcmp(s->action, "upgrade"))
		return;
	int r = role_index(c, s->role);
	if (r < 0) {
		violate(v, s->id, "coverage",
			ordo_arena_printf(v->a, "an upgrade step of %s names no role of it", c->id));
		return;
	}
	const ordo_role_members *rm = &c->roles[r];
	for (uint32_t k = 0; k < s->nservers; k++) {
		/* steps list a role's members in order: try where the last one was
		 * found first; the index also knows where members move to */
		int found = -1;
		uint32_t hint = cs->hint[r];
		if (hint >= rm->count)
			hint = 0; /* the next hop starts again from the first */
		if (v->found_step == s)
			found = v->found[k];
		else if (rm->named && hint < rm->count &&
			 !strcasecmp(ordo_role_member(rm, hint), s->servers[k]))
			found = (int)hint;
		if (found < 0) {
			if (!cs->indexed[r])
				index_role(v, c, cs, (uint32_t)r);
			uintptr_t at = (uintptr_t)ordo_map_get(&cs->index[r], s->servers[k],
							       strlen(s->servers[k]));
			found = (int)at - 1;
		}
		if (found >= 0)
			cs->hint[r] = (uint32_t)found + 1;
		if (found < 0) {
			violate(v, s->id, "coverage",
				ordo_arena_printf(v->a, "%s is not a member of role %s of %s",
						  s->servers[k], rm->role->id, c->id));
			continue;
		}
		ordo_version cur = mget(c, &cs->named[r][found]);
		move_member(v, s, &cur, s->servers[k], 1);
		mset(&cs->named[r][found], &cur);
	}
	if (s->members) {
		astate *an = &cs->anon[r];
		if (an->moved && ordo_version_cmp_release(&an->new_v, &s->to) != 0) {
			violate(v, s->id, "coverage",
				ordo_arena_printf(v->a, "members of role %s of %s move to %s before the previous move finished",
						  rm->role->id, c->id, vstr(v, &s->to)));
		}
		ordo_version tmp = an->moved ? an->new_v : an->old_v;
		if (an->moved)
			tmp = an->old_v; /* the next batch starts where the others did */
		move_member(v, s, &tmp, "a batch", s->members);
		an->new_v = s->to;
		an->new_v.sub = -1;
		an->moved += s->members;
		if (an->moved > an->count)
			violate(v, s->id, "coverage",
				ordo_arena_printf(v->a, "role %s of %s has %llu members, but %llu were upgraded to %s",
						  rm->role->id, c->id, (unsigned long long)an->count,
						  (unsigned long long)an->moved, vstr(v, &s->to)));
		if (an->moved >= an->count) {
			an->old_v = an->new_v;
			an->moved = 0;
		}
	}
}

static void sync_sim(vctx *v)
{
	for (uint32_t i = 0; i < v->e->ncomponents; i++) {
		ordo_version mn, mx;
		min_max(&v->cs[i], &mn, &mx);
		v->cs[i].sim->version = mx; /* a component counts as moved once any member moved */
	}
}

/* Everything a pack invariant can see change while the steps replay:
 * every component's version and every pack's registration and version.
 * (The rest of the estate, facts included, stays as it was.) */
static void pack_state(vctx *v, ordo_buf *out)
{
	out->len = 0;
	for (uint32_t i = 0; i < v->e->ncomponents; i++) {
		const cstate *cs = &v->cs[i];
		int32_t w[2] = {cs->sim->version.idx, cs->sim->version.sub};
		ordo_buf_put(out, (const char *)w, sizeof(w));
		for (uint32_t k = 0; k < cs->c->npacks; k++) {
			int32_t p[3] = {cs->registered[k], cs->packs[k].version.idx,
					cs->packs[k].version.sub};
			ordo_buf_put(out, (const char *)p, sizeof(p));
		}
	}
}

/* A pack that is already unsupported in the estate is a finding, not the
 * plan's doing: only a move from supported to unsupported is a violation
 * (bad[] holds each pack's state after the previous step). */
static void check_packs(vctx *v, uint32_t step)
{
	const ordo_catalog *c = v->c;
	/* nothing a pack invariant reads has changed since the last look:
	 * every pack's verdict, and so every transition, would be the same
	 * (most steps move agents, not what packs depend on) */
	ordo_buf now = ORDO_BUF_INIT;
	pack_state(v, &now);
	bool same = step && now.len == v->packs_seen.len &&
		    memcmp(now.ptr, v->packs_seen.ptr, now.len) == 0;
	ordo_buf_release(&v->packs_seen);
	v->packs_seen = now;
	if (same)
		return;
	for (uint32_t i = 0; i < v->e->ncomponents; i++) {
		cstate *cs = &v->cs[i];
		for (uint32_t k = 0; k < cs->c->npacks; k++) {
			bool was_bad = cs->bad[k];
			cs->bad[k] = false;
			if (!cs->registered[k])
				continue;
			for (uint32_t q = 0; q < c->nchecks; q++) {
				const ordo_cat_check *chk = &c->checks[q];
				if (chk->scope != ORDO_SCOPE_PACK || !chk->invariant || !chk->when)
					continue;
				ordo_scope_ctx sc = {.estate = &v->sim_estate, .comp = cs->sim,
						     .pack = &cs->packs[k], .hop_index = -1};
				ordo_eval_ctx ctx = ordo_scope_eval_ctx(&sc);
				ordo_eval_reset(&v->ev);
				if (!ordo_expr_test(chk->when, &ctx, &v->ev))
					continue;
				cs->bad[k] = true;
				if (step && !was_bad)
					violate(v, step, chk->id,
						ordo_arena_printf(v->a, "the %s integration pack for %s is registered while %s is at %s (%s)",
								  vstr(v, &cs->packs[k].version),
								  cs->packs[k].for_id,
								  cs->packs[k].for_id,
								  vstr(v, &cs->packs[k].for_comp->version),
								  chk->title.source ? chk->title.source : chk->id));
			}
		}
	}
}

/* No component may have started moving to a release while one the suite
 * puts before it has not finished moving there. */
static void check_order(vctx *v, uint32_t step, const ordo_step *cur)
{
	const ordo_estate *e = v->e;
	for (uint32_t bi = 0; bi < e->ncomponents; bi++) {
		ordo_version bmin, bmax;
		min_max(&v->cs[bi], &bmin, &bmax);
		const ordo_component *b = &e->components[bi];
		if (ordo_version_cmp_release(&bmax, &v->cs[bi].start) <= 0)
			continue;
		for (uint32_t ai = 0; ai < e->ncomponents; ai++) {
			if (ai == bi)
				continue;
			const ordo_component *a = &e->components[ai];
			ordo_version amin, amax;
			/* a component without members has nothing left to move */
			if (!min_max(&v->cs[ai], &amin, &amax))
				continue;
			if (ordo_version_cmp_release(&amin, &bmax) >= 0)
				continue;
			/* only a component whose own path passes through that release
			 * has to get there first */
			const ordo_path *ap = &v->p->report->paths[ai].path;
			bool passes = false;
			for (uint32_t h = 0; h < ap->n && !passes; h++)
				passes = ap->hops[h].to.idx == bmax.idx;
			const ordo_path_status st = ap->status;
			bool stuck = st == ORDO_PATH_NONE || st == ORDO_PATH_DOWNGRADE;
			if (!passes && !(stuck && ordo_product_has_release(a->product, bmax.idx) &&
					 a->target.scale && ordo_version_cmp_release(&a->target, &bmax) >= 0))
				continue;
			const char *rule = ordo_sequence_rule(e, a, b, bmax.idx, v->a, &v->ev);
			if (!rule)
				continue;
			/* a component with no path cannot go first: the plan may still
			 * list the later steps, but only as blocked */
			if (stuck && cur && cur->nblocked)
				continue;
			violate(v, step, "sequence",
				ordo_arena_printf(v->a, "%s has started moving to %s while %s is still at %s (%s)",
						  b->id, vstr(v, &bmax), a->id, vstr(v, &amin), rule));
		}
	}
}

/* ---- invariants at every state ---- */

/* what a step can change that an invariant judges: a member of a role
 * (server scope) or a component as a whole (hop and component scope) */
typedef struct {
	uint32_t c, r, k; /* k = UINT32_MAX: the component */
	int32_t pidx, psub; /* a member's version before the step (lazy judging) */
} unit_ref;

static const char *down_key(vctx *v, uint32_t c, uint32_t r, uint32_t k, char *buf, size_t n)
{
	(void)v;
	snprintf(buf, n, "%u|%u|%u", c, r, k);
	return buf;
}

static bool member_down(vctx *v, uint32_t c, uint32_t r, uint32_t k)
{
	if (!v->down.len || !v->cs[c].ndown[r])
		return false;
	char b[40];
	down_key(v, c, r, k, b, sizeof(b));
	return ordo_map_get(&v->down, b, strlen(b)) != NULL;
}

static const ordo_version *os_of(vctx *v, const char *server)
{
	return v->os.len ? ordo_map_get(&v->os, server, strlen(server)) : NULL;
}

/* Where member k of role r runs at this point: once its role moved to a
 * new computer (its upgrade step named it), there. */
static const char *member_where(vctx *v, const ordo_component *c, uint32_t r, uint32_t k)
{
	const ordo_role_members *rm = &c->roles[r];
	const char *nm = ordo_role_member(rm, k);
	if (!rm->role->moves_to)
		return nm;
	const cstate *cs = &v->cs[c->index];
	ordo_version at = mget(c, &cs->named[r][k]);
	if (ordo_version_cmp_release(&at, &cs->start) > 0)
		return ordo_member_after(v->e, c, rm, k, &v->ev);
	return nm;
}

static bool state_bad(vctx *v, uint32_t q, const ordo_component *c, uint32_t r, ordo_version ver,
		      const char *where, const ordo_server *sv, const ordo_version *os);

/* Does invariant q hold against member u (false: it is violated)? */
static bool member_bad(vctx *v, uint32_t q, const unit_ref *u, const ordo_version *at)
{
	const ordo_component *c = &v->e->components[u->c];
	const ordo_role_members *rm = &c->roles[u->r];
	if (member_down(v, u->c, u->r, u->k))
		return false; /* not installed: nothing runs there to be supported */
	cstate *cs = &v->cs[u->c];
	ordo_version ver = at ? *at : mget(c, &cs->named[u->r][u->k]);
	const char *where = member_where(v, c, u->r, u->k);
	const ordo_server *sv = where == ordo_role_member(rm, u->k) ? rm->servers[u->k]
								     : ordo_estate_server(v->e, where);
	const ordo_version *os = os_of(v, where);
	return state_bad(v, q, c, u->r, ver, where, sv, os);
}

/* Invariant q of member state: role r of c at ver, on server sv (named
 * where) running os (NULL: its own). */
static bool state_bad(vctx *v, uint32_t q, const ordo_component *c, uint32_t r, ordo_version ver,
		      const char *where, const ordo_server *sv, const ordo_version *os)
{
	const ordo_cat_check *k = v->inv_member[q];
	const ordo_role_members *rm = &c->roles[r];
	cstate *cs = &v->cs[c->index];
	ordo_version os_v = os ? *os : sv ? sv->os : (ordo_version){NULL, 0, -1};
	struct inv_memo *m = NULL;
	uint64_t key = 0;
	if (v->inv_keyed[q]) {
		const ordo_version *db = c->instance ? &v->sql[c->instance->index] : NULL;
		key = ((uint64_t)q << 56) ^ ((uint64_t)c->index << 44) ^ ((uint64_t)r << 36) ^
		      ((uint64_t)(uint32_t)ver.idx << 28) ^ ((uint64_t)(uint32_t)(ver.sub + 1) << 12) ^
		      ((uint64_t)(uint32_t)(os_v.scale ? os_v.idx + 1 : 0) << 6) ^
		      (uint64_t)(uint32_t)(os_v.sub + 1) ^
		      ((uint64_t)(sv ? sv->pending_restart + 2 : 0) << 60) ^
		      ((uint64_t)(sv ? sv->domain_joined + 2 : 0) << 62);
		key = key * 0x9E3779B97F4A7C15ULL + 1;
		if (db) /* what the condition may read of the database */
			key = (key ^ ((uint64_t)(uint32_t)(db->idx + 1) << 20 |
				      (uint64_t)(uint32_t)(db->sub + 1))) * 0xC2B2AE3D27D4EB4FULL;
		m = &v->memo[(key >> 20) % INV_MEMO];
		if (m->used && m->key == key)
			return m->bad;
	}
	ordo_scope_ctx sc = {.estate = &v->sim_estate, .comp = cs->sim, .hop_index = -1,
			     .role = rm->role->id, .server_name = where, .server = sv,
			     .version_override = &ver, .os_override = os,
			     .sql_override = c->instance ? &v->sql[c->instance->index] : NULL};
	sc.support = ordo_product_support(c->product, ver.idx);
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(&sc);
	ordo_eval_reset(&v->ev);
	bool bad = ordo_expr_test(k->when, &ctx, &v->ev);
	if (m) {
		m->used = 1;
		m->key = key;
		m->bad = bad;
	}
	return bad;
}

/* Does component invariant q fail for component c at either end of where
 * its members are (during a hop both releases run)? */
static bool comp_bad(vctx *v, uint32_t q, uint32_t ci)
{
	const ordo_cat_check *k = v->inv_comp[q];
	const ordo_component *c = &v->e->components[ci];
	cstate *cs = &v->cs[ci];
	ordo_version mn, mx;
	min_max(cs, &mn, &mx);
	for (int end = 0; end < 2; end++) {
		ordo_version ver = end ? mx : mn;
		if (end && ordo_version_cmp_release(&mn, &mx) == 0)
			break;
		ordo_scope_ctx sc = {.estate = &v->sim_estate, .comp = cs->sim, .hop_index = -1,
				     .version_override = &ver,
				     .sql_override = c->instance ? &v->sql[c->instance->index] : NULL};
		sc.support = ordo_product_support(c->product, ver.idx);
		ordo_eval_ctx ctx = ordo_scope_eval_ctx(&sc);
		ordo_eval_reset(&v->ev);
		if (ordo_expr_test(k->when, &ctx, &v->ev))
			return true;
	}
	return false;
}

static bool listed(const ordo_strlist *l, const char *id)
{
	if (!l->n)
		return true;
	for (uint32_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], id))
			return true;
	return false;
}

static bool integrated(const ordo_component *a, const ordo_component *b)
{
	for (uint32_t i = 0; i < a->nintegrations; i++)
		if (a->integrations[i] == b)
			return true;
	for (uint32_t i = 0; i < b->nintegrations; i++)
		if (b->integrations[i] == a)
			return true;
	return false;
}

/* the bits of every invariant that applies to u, in order */
static void judge(vctx *v, const unit_ref *u, ordo_buf *bits, const ordo_version *at)
{
	const ordo_component *c = &v->e->components[u->c];
	if (u->k == UINT32_MAX) {
		for (uint32_t q = 0; q < v->ninv_comp; q++) {
			const ordo_cat_check *k = v->inv_comp[q];
			bool b = listed(&k->products, c->product->id) && comp_bad(v, q, u->c);
			ordo_buf_putc(bits, b);
		}
		return;
	}
	const char *role = c->roles[u->r].role->id;
	for (uint32_t q = 0; q < v->ninv_member; q++) {
		const ordo_cat_check *k = v->inv_member[q];
		bool b = listed(&k->products, c->product->id) && listed(&k->roles, role) &&
			 member_bad(v, q, u, at);
		ordo_buf_putc(bits, b);
	}
}

/* the units a step touches, reused from step to step */
typedef struct {
	unit_ref *items;
	size_t len, cap;
} unit_list;

static void push_unit(unit_list *units, uint32_t c, uint32_t r, uint32_t k)
{
	if (units->len == units->cap) {
		units->cap = units->cap ? 2 * units->cap : 64;
		units->items = ordo_xrealloc(units->items, sizeof(unit_ref) * units->cap);
	}
	units->items[units->len++] = (unit_ref){c, r, k, 0, -1};
}

/* The members that run on a server: one pass over the members the first
 * time a step upgrades that server's system, then kept. */
static const ordo_vec *hosted_on(vctx *v, const char *server)
{
	v->hosted.nocase = true;
	ordo_vec *l = ordo_map_get(&v->hosted, server, strlen(server));
	if (l)
		return l;
	l = ordo_arena_alloc(v->a, sizeof(*l));
	ordo_map_put(&v->hosted, ordo_arena_strdup(v->a, server), strlen(server), l);
	const ordo_server *rec = ordo_estate_server(v->e, server);
	for (uint32_t ci = 0; ci < v->e->ncomponents; ci++) {
		const ordo_component *c = &v->e->components[ci];
		for (uint32_t r = 0; r < c->nroles; r++) {
			const ordo_role_members *rm = &c->roles[r];
			for (uint32_t k = 0; rm->named && k < rm->count; k++) {
				bool on = rec ? rm->servers[k] == rec
					      : !strcasecmp(ordo_role_member(rm, k), server);
				if (!on && rm->role->moves_to)
					on = !strcasecmp(ordo_member_after(v->e, c, rm, k, &v->ev), server);
				if (!on)
					continue;
				unit_ref *u = ordo_arena_alloc(v->a, sizeof(*u));
				*u = (unit_ref){ci, r, k, 0, -1};
				ordo_vec_push(l, u);
			}
		}
	}
	return l;
}

/* Member of role r named (or moving to) name: steps list a role's members
 * in order, so where the last one was found is tried first; the role's
 * index only when that misses. -1: none. */
static int32_t find_member(vctx *v, const ordo_component *c, uint32_t r, const char *name)
{
	cstate *cs = &v->cs[c->index];
	const ordo_role_members *rm = &c->roles[r];
	uint32_t at = cs->ahint[r] < rm->count ? cs->ahint[r] : 0;
	if (rm->named && at < rm->count && !strcasecmp(ordo_role_member(rm, at), name)) {
		cs->ahint[r] = at + 1;
		return (int32_t)at;
	}
	if (!cs->indexed[r])
		index_role(v, c, cs, r);
	uintptr_t i = (uintptr_t)ordo_map_get(&cs->index[r], name, strlen(name));
	if (!i)
		return -1;
	cs->ahint[r] = (uint32_t)i;
	return (int32_t)(i - 1);
}

/* The distinct system-and-flags of the servers a role's members run on
 * (one pass, made again after a step upgrades a system). */
static const struct role_keys *role_keys(vctx *v, const ordo_component *c, uint32_t r)
{
	if (!v->rkeys[c->index])
		v->rkeys[c->index] = ordo_arena_alloc(v->a, sizeof(struct role_keys) * (c->nroles + 1));
	struct role_keys *rk = &v->rkeys[c->index][r];
	if (rk->epoch == v->os_epoch + 1)
		return rk;
	rk->epoch = v->os_epoch + 1;
	rk->n = 0;
	rk->many = false;
	const ordo_role_members *rm = &c->roles[r];
	for (uint32_t k = 0; rm->named && k < rm->count && !rk->many; k++) {
		const ordo_server *sv = rm->servers[k];
		const ordo_version *os = os_of(v, sv->name);
		ordo_version o = os ? *os : sv->index == ORDO_UNDESCRIBED ? (ordo_version){NULL, 0, -1} : sv->os;
		int8_t pr = sv->index == ORDO_UNDESCRIBED ? -1 : sv->pending_restart;
		int8_t dj = sv->index == ORDO_UNDESCRIBED ? -1 : sv->domain_joined;
		bool have = false;
		for (uint32_t i = 0; i < rk->n && !have; i++)
			have = rk->keys[i].os.scale == o.scale && rk->keys[i].os.idx == o.idx &&
			       rk->keys[i].os.sub == o.sub && rk->keys[i].pending_restart == pr &&
			       rk->keys[i].domain_joined == dj;
		if (have)
			continue;
		if (rk->n == 8) {
			rk->many = true;
			break;
		}
		ordo_server *key = &rk->keys[rk->n++];
		memset(key, 0, sizeof(*key));
		key->name = "";
		key->index = ORDO_UNDESCRIBED;
		key->os = o;
		key->pending_restart = pr;
		key->domain_joined = dj;
	}
	return rk;
}

/* A step that moves members of a role to release `to`: when every member
 * invariant reads nothing of a server but its system and flags, and none
 * fails for any system-and-flags the role's servers have, no member can be
 * in a violated state after it, and none needs judging one by one. */
static bool role_fine_at(vctx *v, const ordo_component *c, uint32_t r, const ordo_version *to)
{
	const ordo_role_members *rm = &c->roles[r];
	if (rm->role->moves_to || !rm->named)
		return false;
	for (uint32_t q = 0; q < v->ninv_member; q++)
		if (!v->inv_keyed[q])
			return false;
	const struct role_keys *rk = role_keys(v, c, r);
	if (rk->many)
		return false;
	ordo_version at = *to;
	at.sub = -1;
	for (uint32_t q = 0; q < v->ninv_member; q++) {
		const ordo_cat_check *k = v->inv_member[q];
		if (!listed(&k->products, c->product->id) || !listed(&k->roles, rm->role->id))
			continue;
		for (uint32_t i = 0; i < rk->n; i++)
			if (state_bad(v, q, c, r, at, "", &rk->keys[i], NULL))
				return false;
	}
	return true;
}

/* The members and components a step can change the verdict of. */
static void affected(vctx *v, const ordo_step *s, unit_list *units)
{
	if (s->instance) {
		for (uint32_t i = 0; i < s->nserves; i++)
			push_unit(units, (uint32_t)s->serves[i]->index, 0, UINT32_MAX);
		return;
	}
	if (!s->component)
		return;
	const ordo_component *c = s->component;
	uint32_t ci = (uint32_t)c->index;
	bool os = !strcmp(s->action, "upgrade-os") && s->os_to.scale;
	if (os) {
		for (uint32_t j = 0; j < s->nservers; j++) {
			const ordo_vec *l = hosted_on(v, s->servers[j]);
			for (size_t i = 0; l && i < l->len; i++) {
				const unit_ref *u = l->items[i];
				push_unit(units, u->c, u->r, u->k);
			}
		}
		return;
	}
	push_unit(units, ci, 0, UINT32_MAX);
	if (!v->ninv_member || !s->role)
		return;
	int r = role_index(c, s->role);
	if (r < 0 || !c->roles[r].named)
		return;
	if (!strcmp(s->action, "upgrade") && s->to.scale && role_fine_at(v, c, (uint32_t)r, &s->to))
		return;
	if (s->nservers > v->found_cap) {
		v->found_cap = s->nservers;
		v->found = ordo_xrealloc(v->found, sizeof(int32_t) * v->found_cap);
	}
	for (uint32_t j = 0; j < s->nservers; j++) {
		int32_t at = find_member(v, c, (uint32_t)r, s->servers[j]);
		v->found[j] = at;
		if (at >= 0)
			push_unit(units, ci, (uint32_t)r, (uint32_t)at);
	}
	if (!strcmp(s->action, "upgrade"))
		v->found_step = s;
}

/* Changes of infrastructure and installation the replay keeps. */
static void apply_infra(vctx *v, const ordo_step *s)
{
	if (s->instance && !strcmp(s->action, "upgrade-sql")) {
		v->sql[s->instance->index] = s->to;
		return;
	}
	if (!strcmp(s->action, "upgrade-os") && s->os_to.scale) {
		v->os_epoch++;
		for (uint32_t j = 0; j < s->nservers; j++) {
			ordo_version *nv = ordo_arena_alloc(v->a, sizeof(*nv));
			*nv = s->os_to;
			ordo_map_put(&v->os, s->servers[j], strlen(s->servers[j]), nv);
		}
		return;
	}
	bool un = !strcmp(s->action, "uninstall"), up = !strcmp(s->action, "upgrade");
	if ((!un && !up) || !s->component || !s->role)
		return;
	const ordo_component *c = s->component;
	int r = role_index(c, s->role);
	cstate *cs = &v->cs[c->index];
	if (r < 0 || !c->roles[r].named || (up && !cs->ndown[r]))
		return;
	if (un)
		cs->ndown[r]++;
	for (uint32_t j = 0; j < s->nservers; j++) {
		int32_t at1 = find_member(v, c, (uint32_t)r, s->servers[j]);
		if (at1 < 0)
			continue;
		uintptr_t at = (uintptr_t)at1 + 1;
		char b[40];
		down_key(v, (uint32_t)c->index, (uint32_t)r, (uint32_t)(at - 1), b, sizeof(b));
		if (un)
			ordo_map_put(&v->down, ordo_arena_strdup(v->a, b), strlen(b), (void *)1);
		else if (ordo_map_get(&v->down, b, strlen(b)))
			ordo_map_put(&v->down, b, strlen(b), NULL); /* the stored key stays */
	}
}

static void report_invariant(vctx *v, const ordo_step *s, const unit_ref *u, uint32_t q)
{
	const ordo_component *c = &v->e->components[u->c];
	if (u->k == UINT32_MAX) {
		const ordo_cat_check *k = v->inv_comp[q];
		violate(v, s->id, k->id,
			ordo_arena_printf(v->a, "after this step %s is in a state %s forbids (%s)", c->id,
					  k->id, k->title.source ? k->title.source : k->id));
		return;
	}
	const ordo_cat_check *k = v->inv_member[q];
	const char *where = member_where(v, c, u->r, u->k);
	ordo_version ver = mget(c, &v->cs[u->c].named[u->r][u->k]);
	violate(v, s->id, k->id,
		ordo_arena_printf(v->a, "after this step %s (%s of %s at %s) is in a state %s forbids (%s)",
				  where, c->roles[u->r].role->id, c->id, vstr(v, &ver), k->id,
				  k->title.source ? k->title.source : k->id));
}

/* A retired component (upgrade.retire) is not at a target at the end but
 * removed: every member of every role uninstalled, and before anything it
 * integrates with is upgraded. */
static void check_retired(vctx *v, const ordo_component *c)
{
	const ordo_plan *p = v->p;
	uint32_t last_wave = 0, last_id = 0;
	for (uint32_t rr = 0; rr < c->nroles; rr++) {
		const ordo_role_members *rm = &c->roles[rr];
		ordo_map done = ORDO_MAP_INIT_NOCASE;
		uint64_t anon = 0;
		for (uint32_t i = 0; i < p->nsteps; i++) {
			const ordo_step *s = p->steps[i];
			if (s->component != c || strcmp(s->action, "uninstall") || !s->role ||
			    strcmp(s->role, rm->role->id))
				continue;
			for (uint32_t k = 0; k < s->nservers; k++)
				ordo_map_put(&done, s->servers[k], strlen(s->servers[k]), (void *)1);
			anon += s->members;
			if (s->wave > last_wave) {
				last_wave = s->wave;
				last_id = s->id;
			}
		}
		for (uint32_t k = 0; rm->named && k < rm->count; k++) {
			const char *nm = ordo_role_member(rm, k);
			if (!ordo_map_get(&done, nm, strlen(nm)))
				violate(v, 0, "retire",
					ordo_arena_printf(v->a, "%s (%s of %s) is never uninstalled, but %s is retired",
							  nm, rm->role->id, c->id, c->id));
		}
		if (!rm->named && anon < rm->count)
			violate(v, 0, "retire",
				ordo_arena_printf(v->a, "%llu of the %llu members of %s of %s are uninstalled, but %s is retired",
						  (unsigned long long)anon, (unsigned long long)rm->count,
						  rm->role->id, c->id, c->id));
		ordo_map_release(&done);
	}
	for (uint32_t i = 0; last_id && i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (strcmp(s->action, "upgrade") || s->wave > last_wave || !s->component ||
		    !integrated(s->component, c))
			continue;
		violate(v, s->id, "retire",
			ordo_arena_printf(v->a, "%s is upgraded before %s, which it integrates with, is uninstalled (step %u)",
					  s->component->id, c->id, last_id));
		break;
	}
}

uint32_t ordo_plan_verify(ordo_plan *p)
{
	const ordo_report *r = p->report;
	vctx v;
	memset(&v, 0, sizeof(v));
	v.p = p;
	v.e = r->estate;
	v.c = r->catalog;
	/* an arena of its own: the plan's may be in use beside it */
	ordo_arena *old = p->verify_arena_;
	p->verify_arena_ = v.a = ordo_arena_new();
	ordo_eval_init(&v.ev);
	const ordo_estate *e = v.e;

	/* a fresh copy of the estate's state */
	v.cs = ordo_arena_alloc(v.a, sizeof(cstate) * (e->ncomponents + 1));
	v.sim_estate = *e;
	ordo_component *simc = ordo_arena_alloc(v.a, sizeof(ordo_component) * (e->ncomponents + 1));
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		const ordo_component *c = &e->components[i];
		cstate *cs = &v.cs[i];
		cs->c = c;
		cs->start = c->version;
		cs->named = ordo_arena_alloc(v.a, sizeof(mstate *) * (c->nroles + 1));
		cs->anon = ordo_arena_alloc(v.a, sizeof(astate) * (c->nroles + 1));
		cs->at = ordo_arena_alloc(v.a, sizeof(uint64_t) * (c->version.scale->n + 1));
		cs->index = ordo_arena_alloc(v.a, sizeof(ordo_map) * (c->nroles + 1));
		cs->hint = ordo_arena_alloc(v.a, sizeof(uint32_t) * (c->nroles + 1));
		cs->ahint = ordo_arena_alloc(v.a, sizeof(uint32_t) * (c->nroles + 1));
		cs->ndown = ordo_arena_alloc(v.a, sizeof(uint32_t) * (c->nroles + 1));
		cs->indexed = ordo_arena_alloc(v.a, sizeof(bool) * (c->nroles + 1));
		for (uint32_t rr = 0; rr < c->nroles; rr++) {
			const ordo_role_members *rm = &c->roles[rr];
			uint32_t n = rm->named ? (uint32_t)rm->count : 0;
			cs->named[rr] = ordo_arena_alloc_raw(v.a, sizeof(mstate) * (n + 1));
			cs->index[rr].nocase = true;
			for (uint32_t k = 0; k < n; k++) {
				ordo_version mv = ordo_member_version(c, rm, k);
				mset(&cs->named[rr][k], &mv);
				cs->at[mv.idx]++;
			}
			cs->anon[rr].old_v = cs->anon[rr].new_v = c->stated_version;
			cs->anon[rr].count = rm->named ? 0 : rm->count;
			if (!rm->named)
				cs->at[c->stated_version.idx] += rm->count;
		}
		simc[i] = *c;
		cs->sim = &simc[i];
		cs->packs = ordo_arena_alloc(v.a, sizeof(ordo_pack) * (c->npacks + 1));
		cs->registered = ordo_arena_alloc(v.a, sizeof(bool) * (c->npacks + 1));
		cs->bad = ordo_arena_alloc(v.a, sizeof(bool) * (c->npacks + 1));
		for (uint32_t k = 0; k < c->npacks; k++) {
			cs->packs[k] = c->packs[k];
			cs->registered[k] = true;
		}
		cs->sim->packs = cs->packs;
	}
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		/* packs and integrations point at the replayed copies */
		for (uint32_t k = 0; k < e->components[i].npacks; k++)
			v.cs[i].packs[k].for_comp = v.cs[e->components[i].packs[k].for_comp->index].sim;
	}
	v.sim_estate.components = simc;
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		/* integrations point at the replayed copies too */
		const ordo_component *c = &e->components[i];
		if (!c->nintegrations)
			continue;
		ordo_component **in = ordo_arena_alloc(v.a, sizeof(*in) * (c->nintegrations + 1));
		for (uint32_t k = 0; k < c->nintegrations; k++)
			in[k] = &simc[c->integrations[k]->index];
		simc[i].integrations = in;
	}
	v.sql = ordo_arena_alloc(v.a, sizeof(ordo_version) * (e->ninstances + 1));
	for (uint32_t i = 0; i < e->ninstances; i++)
		v.sql[i] = e->instances[i]->version;
	v.os.nocase = true;
	v.inv_member = ordo_arena_alloc(v.a, sizeof(void *) * (v.c->nchecks + 1));
	v.inv_comp = ordo_arena_alloc(v.a, sizeof(void *) * (v.c->nchecks + 1));
	v.inv_keyed = ordo_arena_alloc(v.a, sizeof(bool) * (v.c->nchecks + 1));
	for (uint32_t q = 0; q < v.c->nchecks; q++) {
		const ordo_cat_check *k = &v.c->checks[q];
		if (!k->invariant || !k->when || k->builtin)
			continue;
		if (k->scope == ORDO_SCOPE_SERVER) {
			v.inv_keyed[v.ninv_member] = ordo_check_server_keyed(k);
			v.inv_member[v.ninv_member++] = k;
		} else if (k->scope == ORDO_SCOPE_HOP || k->scope == ORDO_SCOPE_COMPONENT) {
			v.inv_comp[v.ninv_comp++] = k;
		}
	}
	v.memo = ordo_arena_alloc(v.a, sizeof(*v.memo) * INV_MEMO);
	v.held = ordo_arena_alloc(v.a, sizeof(bool) * (e->ncomponents + 1));
	v.rkeys = ordo_arena_alloc(v.a, sizeof(*v.rkeys) * (e->ncomponents + 1));

	/* the order itself */
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (s->id != i + 1)
			violate(&v, s->id, "order", ordo_arena_printf(v.a, "step %u is listed at position %u", s->id, i + 1));
		if (i && s->wave < p->steps[i - 1]->wave)
			violate(&v, s->id, "order", "waves go backwards");
		for (uint32_t k = 0; k < s->nafter; k++) {
			uint32_t a = s->after[k];
			if (a == 0 || a >= s->id)
				violate(&v, s->id, "order",
					ordo_arena_printf(v.a, "step %u waits for step %u, which does not come before it", s->id, a));
			else if (p->steps[a - 1]->wave >= s->wave)
				violate(&v, s->id, "order",
					ordo_arena_printf(v.a, "step %u is in wave %u but waits for step %u of wave %u",
							  s->id, s->wave, a, p->steps[a - 1]->wave));
		}
		if (s->alone)
			for (uint32_t j = 0; j < p->nsteps; j++)
				if (j != i && p->steps[j]->wave == s->wave) {
					violate(&v, s->id, "alone",
						ordo_arena_printf(v.a, "step %u must run alone but shares wave %u with step %u",
								  s->id, s->wave, p->steps[j]->id));
					break;
				}
	}

	bool any_packs = false;
	for (uint32_t i = 0; i < e->ncomponents; i++)
		any_packs |= e->components[i].npacks > 0;
	if (any_packs) {
		sync_sim(&v);
		check_packs(&v, 0);
	}
	check_order(&v, 0, NULL);
	unit_list units = {NULL, 0, 0};
	ordo_buf before = ORDO_BUF_INIT, after = ORDO_BUF_INIT;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		bool infra = s->instance || !strcmp(s->action, "upgrade-os") ||
			     !strcmp(s->action, "uninstall");
		bool changes = !strcmp(s->action, "upgrade") || !strcmp(s->action, "apply-update-rollup") ||
			       s->pack_for || infra || (s->component && s->component->retire);
		if (!changes)
			continue;
		/* what the invariants say of what the step touches, before and after */
		bool judging = v.ninv_member || v.ninv_comp;
		if (judging) {
			units.len = 0;
			before.len = after.len = 0;
			affected(&v, s, &units);
			for (size_t q = 0; q < units.len; q++) {
				unit_ref *u = &units.items[q];
				if (infra || u->k == UINT32_MAX ||
				    e->components[u->c].roles[u->r].role->moves_to) {
					judge(&v, u, &before, NULL);
					continue;
				}
				/* a step that only moves members: what they were is
				 * judged only where what they become is violated */
				const ordo_component *c = &e->components[u->c];
				ordo_version was = mget(c, &v.cs[u->c].named[u->r][u->k]);
				u->pidx = was.idx;
				u->psub = was.sub;
				for (uint32_t x = 0; x < v.ninv_member; x++)
					ordo_buf_putc(&before, 2);
			}
		}
		apply_infra(&v, s);
		if (!s->instance && !(infra && strcmp(s->action, "uninstall")))
			apply(&v, s);
		if (s->nblocked && s->component)
			v.held[s->component->index] = true;
		if (judging && units.len) {
			sync_sim(&v);
			for (size_t q = 0; q < units.len; q++)
				judge(&v, &units.items[q], &after, NULL);
			/* a step that waits for an open blocker is listed, not planned to run */
			size_t at = 0;
			for (size_t q = 0; q < units.len; q++) {
				const unit_ref *u = &units.items[q];
				uint32_t n = u->k == UINT32_MAX ? v.ninv_comp : v.ninv_member;
				for (uint32_t x = 0; x < n; x++, at++) {
					if (!after.ptr[at] || s->nblocked || v.held[u->c])
						continue;
					bool was_bad = before.ptr[at] == 1;
					if (before.ptr[at] == 2) {
						const ordo_component *c = &e->components[u->c];
						ordo_version was = {c->version.scale, u->pidx, u->psub};
						was_bad = member_bad(&v, x, u, &was);
					}
					if (!was_bad)
						report_invariant(&v, s, u, x);
				}
			}
		}
		if (any_packs) {
			sync_sim(&v);
			check_packs(&v, s->id);
		}
		if (!strcmp(s->action, "upgrade"))
			check_order(&v, s->id, s);
	}

	free(units.items);
	free(v.found);
	ordo_buf_release(&before);
	ordo_buf_release(&after);

	/* the end state: every member where its component is going, nothing mixed */
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		const ordo_component *c = &e->components[i];
		const ordo_path *path = &r->paths[i].path;
		if (path->status != ORDO_PATH_OK)
			continue;
		cstate *cs = &v.cs[i];
		for (uint32_t rr = 0; rr < c->nroles; rr++) {
			const ordo_role_members *rm = &c->roles[rr];
			for (uint32_t k = 0; rm->named && k < rm->count; k++) {
				ordo_version at = mget(c, &cs->named[rr][k]);
				if (ordo_version_cmp_release(&at, &c->target))
					violate(&v, 0, "end-state",
						ordo_arena_printf(v.a, "%s (%s of %s) ends at %s, not %s",
								  ordo_role_member(rm, k), rm->role->id, c->id,
								  vstr(&v, &at), vstr(&v, &c->target)));
			}
			if (!rm->named && rm->count &&
			    (cs->anon[rr].moved || ordo_version_cmp_release(&cs->anon[rr].old_v, &c->target)))
				violate(&v, 0, "end-state",
					ordo_arena_printf(v.a, "members of %s of %s do not all end at %s",
							  rm->role->id, c->id, vstr(&v, &c->target)));
		}

	}

	for (uint32_t i = 0; i < e->ncomponents; i++)
		if (e->components[i].retire)
			check_retired(&v, &e->components[i]);

	for (uint32_t i = 0; i < e->ncomponents; i++)
		for (uint32_t rr = 0; rr < e->components[i].nroles; rr++)
			ordo_map_release(&v.cs[i].index[rr]);
	ordo_map_release(&v.os);
	ordo_map_release(&v.down);
	for (size_t i = 0; i < v.hosted.cap; i++)
		if (v.hosted.slots[i].key)
			ordo_vec_release(v.hosted.slots[i].val);
	ordo_map_release(&v.hosted);
	ordo_eval_release(&v.ev);
	ordo_buf_release(&v.packs_seen);
	free(p->violations_);
	ordo_arena_free(old); /* the previous verification's messages */
	p->nviolations_ = (uint32_t)v.viol.len;
	p->violations_ = ordo_xmalloc(sizeof(ordo_violation) * (v.viol.len + 1));
	for (size_t i = 0; i < v.viol.len; i++) {
		p->violations_[i] = *(ordo_violation *)v.viol.items[i];
		free(v.viol.items[i]);
	}
	ordo_vec_release(&v.viol);
	return p->nviolations_;
}
