/* SPDX-License-Identifier: MIT */
/*
 * check.c: evaluate the catalog's checks over an estate.
 *
 * The objects a condition sees (the component, its database, roles,
 * servers, hop, packs) are exposed through getters that read the estate
 * model directly: nothing is copied per evaluation except small lists in
 * the evaluation's scratch arena.
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sha256.h"

/* ---- getters ---- */

static void get_component(const void *obj, const char *key, ordo_value *out, ordo_eval *ev);
static void get_server(const void *obj, const char *key, ordo_value *out, ordo_eval *ev);

static ordo_value comp_value(const ordo_component *c)
{
	return ordo_val_obj(c, get_component, c->id);
}

/* facts with the catalog's defaults */
typedef struct {
	const ordo_node *node;
	const ordo_cat_fact *decl;
	const ordo_component *comp;
} facts_obj;

static void get_facts(const void *obj, const char *key, ordo_value *out, ordo_eval *ev);

static ordo_value facts_value(ordo_eval *ev, const ordo_node *node, const ordo_cat_fact *decl,
			      const ordo_component *comp)
{
	facts_obj *f = ordo_arena_alloc(ev->scratch, sizeof(*f));
	f->node = node;
	f->decl = decl;
	f->comp = comp;
	return ordo_val_obj(f, get_facts, "facts");
}

static void resolve_dotted(const ordo_component *c, const char *path, ordo_value *out,
			   ordo_eval *ev)
{
	/* default_from: "facts.x" or "upgrade.x" of the same component */
	ordo_value cur = comp_value(c);
	const char *p = path;
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		char key[128];
		if (len >= sizeof(key)) {
			*out = ordo_val_null();
			return;
		}
		memcpy(key, p, len);
		key[len] = 0;
		if (cur.type != ORDO_VAL_OBJ) {
			*out = ordo_val_null();
			return;
		}
		cur.u.obj.get(cur.u.obj.obj, key, &cur, ev);
		p = dot ? dot + 1 : p + len;
	}
	*out = cur;
}

static void get_facts(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const facts_obj *f = obj;
	const ordo_node *v = ordo_node_get(f->node, key);
	const ordo_cat_fact *d = NULL;
	for (uint32_t i = 0; f->decl && i < f->decl->nkeys; i++)
		if (!strcmp(f->decl->keys[i].name, key)) {
			d = &f->decl->keys[i];
			break;
		}
	if (v && v->type != ORDO_NODE_NULL) {
		const char *host;
		if (d && d->type == ORDO_FACT_SERVER && f->comp &&
		    (host = ordo_component_server_ref(f->comp, v)) != NULL) {
			/* the name of the server it was resolved to: `VMM01` and
			 * `vmm01.contoso.com` compare as one computer */
			*out = ordo_val_cstr(host);
			return;
		}
		if (v->type == ORDO_NODE_MAP && d && d->nkeys)
			*out = facts_value(ev, v, d, f->comp);
		else
			*out = ordo_val_node(v);
		return;
	}
	if (d && d->def) {
		*out = ordo_val_node(d->def);
		return;
	}
	if (d && d->default_from) {
		resolve_dotted(f->comp, d->default_from, out, ev);
		return;
	}
	if (d && d->type == ORDO_FACT_MAP && d->nkeys) {
		/* an absent map still offers its keys' defaults */
		*out = facts_value(ev, NULL, d, f->comp);
		return;
	}
	*out = ordo_val_null();
}

/* a component's database, with the version its instance runs at this
 * point of a plan (the estate's, or a replayed one) */
typedef struct {
	const ordo_component *c;
	ordo_version sql;
} db_obj;

static void get_database(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const db_obj *d = obj;
	const ordo_component *c = d->c;
	if (!strcmp(key, "sql_version")) {
		*out = d->sql.scale ? ordo_val_ver(d->sql) : ordo_val_null();
		return;
	}
	if (!strcmp(key, "instance") && c->instance) {
		*out = ordo_val_cstr(c->instance->name);
		return;
	}
	if (!strcmp(key, "server") && c->instance && c->instance->server) {
		*out = ordo_val_cstr(c->instance->server);
		return;
	}
	if (!strcmp(key, "server") && c->db_server) {
		*out = ordo_val_cstr(c->db_server->name);
		return;
	}
	const ordo_node *v = ordo_node_get(c->database, key);
	if (!v && !strcmp(key, "shared_with")) {
		*out = ordo_val_list(ev, NULL, 0);
		return;
	}
	*out = v ? ordo_val_node(v) : ordo_val_null();
}

static void get_members(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_role_members *m = obj;
	if (!strcmp(key, "servers") && m->named && !ordo_node_is_folded(m->node)) {
		/* a list the loader kept: its members by their resolved names */
		ordo_value *items = ordo_arena_alloc(ev->scratch, sizeof(ordo_value) * (m->count + 1));
		for (uint32_t i = 0; i < m->count; i++)
			items[i] = ordo_val_cstr(ordo_role_member(m, i));
		*out = ordo_val_list(ev, items, (uint32_t)m->count);
	} else if (!strcmp(key, "servers"))
		*out = m->named ? ordo_val_node(m->node) : ordo_val_list(ev, NULL, 0);
	else if (!strcmp(key, "count"))
		*out = ordo_val_num((double)m->count);
	else
		*out = ordo_val_null();
}

static void get_roles(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_role_members *m = ordo_component_role(obj, key);
	*out = m ? ordo_val_obj(m, get_members, key) : ordo_val_null();
}

typedef struct {
	const ordo_estate *e;
	const ordo_component *c;
	const char *name;
	const ordo_server *s; /* NULL when the estate has no entry for it */
	const ordo_version *os; /* the operating system at this point of a plan, or NULL */
} member_obj;

static ordo_value server_value(ordo_eval *ev, const ordo_estate *e, const ordo_component *c,
			       const char *name)
{
	member_obj *m = ordo_arena_alloc(ev->scratch, sizeof(*m));
	m->e = e;
	m->c = c;
	m->name = name;
	m->s = ordo_estate_server(e, name);
	return ordo_val_obj(m, get_server, name);
}

static void get_server(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const member_obj *m = obj;
	const ordo_server *s = m->s;
	if (!strcmp(key, "name"))
		*out = ordo_val_cstr(m->name);
	else if (!strcmp(key, "os") && m->os)
		*out = m->os->scale ? ordo_val_ver(*m->os) : ordo_val_null();
	else if (!strcmp(key, "os"))
		*out = s && s->os.scale ? ordo_val_ver(s->os) : ordo_val_null();
	else if (!strcmp(key, "pending_restart"))
		*out = s && s->pending_restart >= 0 ? ordo_val_bool(s->pending_restart)
						    : ordo_val_null();
	else if (!strcmp(key, "domain_joined"))
		*out = s && s->domain_joined >= 0 ? ordo_val_bool(s->domain_joined) : ordo_val_null();
	else if (!strcmp(key, "facts"))
		*out = s && ordo_server_facts(s) ? ordo_val_node(ordo_server_facts(s)) : ordo_val_null();
	else if (!strcmp(key, "roles") && m->c) {
		ordo_value *items = ordo_arena_alloc(ev->scratch, sizeof(ordo_value) * (m->c->nroles + 1));
		uint32_t n = 0;
		for (uint32_t i = 0; i < m->c->nroles; i++) {
			const ordo_role_members *rm = &m->c->roles[i];
			for (uint32_t j = 0; rm->named && j < rm->count; j++)
				if (!strcmp(ordo_role_member(rm, j), m->name)) {
					items[n++] = ordo_val_cstr(rm->role->id);
					break;
				}
		}
		out->type = ORDO_VAL_LIST;
		out->u.list.items = items;
		out->u.list.n = n;
	} else
		*out = ordo_val_null();
}

static void get_pack(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_pack *p = obj;
	if (!strcmp(key, "for"))
		*out = ordo_val_cstr(p->for_id);
	else if (!strcmp(key, "for_product"))
		*out = ordo_val_cstr(p->for_comp ? p->for_comp->product->id : NULL);
	else if (!strcmp(key, "version"))
		*out = ordo_val_ver(p->version);
	else
		*out = ordo_val_null();
}

static void get_product(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_cat_product *p = obj;
	if (!strcmp(key, "id"))
		*out = ordo_val_cstr(p->id);
	else if (!strcmp(key, "name"))
		*out = ordo_val_cstr(p->name);
	else if (!strcmp(key, "last_release"))
		*out = p->last_release.scale ? ordo_val_ver(p->last_release) : ordo_val_null();
	else
		*out = ordo_val_null();
}

/* the component's servers, named members of every role, each once; built
 * once per component (in the estate's arena) however often conditions ask */
static ordo_value component_servers(ordo_eval *ev, const ordo_estate *e, const ordo_component *c)
{
	if (c->servers_cache)
		return *c->servers_cache;
	ordo_arena *a = e->doc->arena;
	uint64_t total = 0;
	for (uint32_t i = 0; i < c->nroles; i++)
		total += c->roles[i].named ? c->roles[i].count : 0;
	ordo_value *items = ordo_arena_alloc(a, sizeof(ordo_value) * (total + 1));
	uint32_t n = 0;
	ordo_map seen = ORDO_MAP_INIT_NOCASE;
	for (uint32_t i = 0; i < c->nroles; i++) {
		const ordo_role_members *rm = &c->roles[i];
		for (uint32_t j = 0; rm->named && j < rm->count; j++) {
			const ordo_server *sv = rm->servers[j];
			if (ordo_map_insert(&seen, sv->name, sv->name_len, (void *)1))
				continue;
			member_obj *m = ordo_arena_alloc(a, sizeof(*m));
			m->e = e;
			m->c = c;
			m->name = sv->name;
			m->s = ordo_role_server(rm, j);
			items[n++] = ordo_val_obj(m, get_server, sv->name);
		}
	}
	ordo_map_release(&seen);
	ordo_value *v = ordo_arena_alloc(a, sizeof(*v));
	v->type = ORDO_VAL_LIST;
	v->u.list.items = items;
	v->u.list.n = n;
	((ordo_component *)c)->servers_cache = v;
	(void)ev;
	return *v;
}

/* The estate the component belongs to: components keep no back pointer,
 * so the getter finds it through this evaluation-local slot set by the
 * scope resolver (one per thread: the plan's verification evaluates
 * beside the thread that renders). */
static _Thread_local const ordo_estate *current_estate;

static void get_component(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_component *c = obj;
	if (!strcmp(key, "id"))
		*out = ordo_val_cstr(c->id);
	else if (!strcmp(key, "product"))
		*out = ordo_val_cstr(c->product->id);
	else if (!strcmp(key, "version"))
		*out = ordo_val_ver(c->version);
	else if (!strcmp(key, "target"))
		*out = c->target.scale ? ordo_val_ver(c->target) : ordo_val_null();
	else if (!strcmp(key, "requested_target"))
		*out = c->requested_target.scale ? ordo_val_ver(c->requested_target) : ordo_val_null();
	else if (!strcmp(key, "facts"))
		*out = facts_value(ev, c->facts, &c->product->facts, c);
	else if (!strcmp(key, "upgrade"))
		*out = facts_value(ev, c->upgrade, &c->product->upgrade, c);
	else if (!strcmp(key, "database")) {
		if (!c->database) {
			*out = ordo_val_null();
		} else {
			db_obj *d = ordo_arena_alloc(ev->scratch, sizeof(*d));
			d->c = c;
			d->sql = c->sql_version;
			*out = ordo_val_obj(d, get_database, "database");
		}
	}
	else if (!strcmp(key, "roles"))
		*out = ordo_val_obj(c, get_roles, "roles");
	else if (!strcmp(key, "servers"))
		*out = current_estate ? component_servers(ev, current_estate, c) : ordo_val_null();
	else if (!strcmp(key, "integrations") || !strcmp(key, "integrated_products")) {
		bool prod = !strcmp(key, "integrated_products");
		ordo_value *items = ordo_arena_alloc(ev->scratch, sizeof(ordo_value) * (c->nintegrations + 1));
		for (uint32_t i = 0; i < c->nintegrations; i++)
			items[i] = ordo_val_cstr(prod ? c->integrations[i]->product->id
						      : c->integrations[i]->id);
		out->type = ORDO_VAL_LIST;
		out->u.list.items = items;
		out->u.list.n = c->nintegrations;
	} else if (!strcmp(key, "integration_packs")) {
		ordo_value *items = ordo_arena_alloc(ev->scratch, sizeof(ordo_value) * (c->npacks + 1));
		for (uint32_t i = 0; i < c->npacks; i++)
			items[i] = ordo_val_obj(&c->packs[i], get_pack, c->packs[i].for_id);
		out->type = ORDO_VAL_LIST;
		out->u.list.items = items;
		out->u.list.n = c->npacks;
	} else if (!strcmp(key, "product_info"))
		*out = ordo_val_obj(c->product, get_product, c->product->id);
	else
		*out = ordo_val_null();
}

static void get_hop(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_scope_ctx *sc = obj;
	const ordo_hop *h = sc->hop;
	if (!strcmp(key, "from"))
		*out = ordo_val_ver(h->from);
	else if (!strcmp(key, "to"))
		*out = ordo_val_ver(h->to);
	else if (!strcmp(key, "min"))
		*out = h->edge && h->edge->min.scale ? ordo_val_ver(h->edge->min) : ordo_val_null();
	else if (!strcmp(key, "index"))
		*out = ordo_val_num(sc->hop_index);
	else if (!strcmp(key, "count"))
		*out = ordo_val_num(sc->hop_count);
	else if (!strcmp(key, "first"))
		*out = ordo_val_bool(sc->hop_index == 0);
	else if (!strcmp(key, "last"))
		*out = ordo_val_bool(sc->hop_index == sc->hop_count - 1);
	else
		*out = ordo_val_null();
}

static void get_support(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_scope_ctx *sc = obj;
	if (!sc->support) {
		*out = ordo_val_null();
		return;
	}
	if (!strcmp(key, "sql"))
		*out = sc->support->sql;
	else if (!strcmp(key, "os"))
		*out = ordo_support_os(sc->support, sc->role);
	else
		*out = ordo_val_null();
}

static void get_estate(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const ordo_estate *e = obj;
	if (!strcmp(key, "name"))
		*out = ordo_val_cstr(e->name);
	else if (!strcmp(key, "target"))
		*out = e->target.scale ? ordo_val_ver(e->target) : ordo_val_null();
	else
		*out = ordo_val_null();
}

static void scope_resolve(void *ctx, const char *name, ordo_value *out, ordo_eval *ev)
{
	ordo_scope_ctx *sc = ctx;
	current_estate = sc->estate;
	if (!strcmp(name, "estate")) {
		*out = ordo_val_obj(sc->estate, get_estate, "estate");
	} else if (!strcmp(name, "components")) {
		const ordo_estate *e = sc->estate;
		ordo_value *items = ordo_arena_alloc(ev->scratch, sizeof(ordo_value) * (e->ncomponents + 1));
		for (uint32_t i = 0; i < e->ncomponents; i++)
			items[i] = comp_value(&e->components[i]);
		out->type = ORDO_VAL_LIST;
		out->u.list.items = items;
		out->u.list.n = e->ncomponents;
	} else if (!strcmp(name, "hop")) {
		*out = sc->hop ? ordo_val_obj(sc, get_hop, "hop") : ordo_val_null();
	} else if (!strcmp(name, "support")) {
		*out = ordo_val_obj(sc, get_support, "support");
	} else if (!strcmp(name, "server")) {
		if (!sc->server_name) {
			*out = ordo_val_null();
		} else if (sc->server) {
			member_obj *m = ordo_arena_alloc(ev->scratch, sizeof(*m));
			m->e = sc->estate;
			m->c = sc->comp;
			m->name = sc->server_name;
			m->s = sc->server;
			m->os = sc->os_override;
			*out = ordo_val_obj(m, get_server, sc->server_name);
		} else {
			*out = server_value(ev, sc->estate, sc->comp, sc->server_name);
			if (sc->os_override)
				((member_obj *)out->u.obj.obj)->os = sc->os_override;
		}
	} else if (!strcmp(name, "role")) {
		*out = ordo_val_cstr(sc->role);
	} else if (!strcmp(name, "pack")) {
		*out = sc->pack ? ordo_val_obj(sc->pack, get_pack, "pack") : ordo_val_null();
	} else if (!strcmp(name, "for")) {
		*out = sc->pack && sc->pack->for_comp ? comp_value(sc->pack->for_comp) : ordo_val_null();
	} else if (!strcmp(name, "first")) {
		*out = sc->first ? comp_value(sc->first) : ordo_val_null();
	} else if (!strcmp(name, "second")) {
		*out = sc->second ? comp_value(sc->second) : ordo_val_null();
	} else if (!strcmp(name, "linked")) {
		bool linked = false;
		for (uint32_t i = 0; sc->first && sc->second && i < sc->first->nintegrations; i++)
			linked |= sc->first->integrations[i] == sc->second;
		for (uint32_t i = 0; sc->first && sc->second && i < sc->second->nintegrations; i++)
			linked |= sc->second->integrations[i] == sc->first;
		*out = ordo_val_bool(linked);
	} else if (sc->comp) {
		if (!strcmp(name, "version") && sc->version_override)
			*out = ordo_val_ver(*sc->version_override);
		else if (!strcmp(name, "database") && sc->sql_override && sc->comp->database) {
			db_obj *d = ordo_arena_alloc(ev->scratch, sizeof(*d));
			d->c = sc->comp;
			d->sql = *sc->sql_override;
			*out = ordo_val_obj(d, get_database, "database");
		}
		else
			get_component(sc->comp, name, out, ev);
	} else {
		*out = ordo_val_null();
	}
}

ordo_eval_ctx ordo_scope_eval_ctx(ordo_scope_ctx *sc)
{
	ordo_eval_ctx c = {scope_resolve, sc};
	return c;
}

const char *ordo_member_after(const ordo_estate *e, const ordo_component *c,
			      const ordo_role_members *rm, uint32_t i, ordo_eval *ev)
{
	const char *name = ordo_role_member(rm, i);
	if (!rm->role->moves_to || rm->count != 1)
		return name;
	ordo_scope_ctx sc = {.estate = e, .comp = c, .hop_index = -1};
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(&sc);
	ordo_value v;
	uint32_t mark = ev->trace_len;
	ordo_expr_eval(rm->role->moves_to, &ctx, ev, &v);
	ev->trace_len = mark;
	if (v.type != ORDO_VAL_STR || !v.u.str.len || (v.u.str.len == strlen(name) &&
						       !strncasecmp(v.u.str.s, name, v.u.str.len)))
		return name;
	/* the value is a fact of the estate (a node's text): it outlives ev */
	return v.u.str.s;
}

const char *ordo_version_dup(ordo_arena *a, const ordo_version *v)
{
	char buf[128];
	return ordo_arena_strdup(a, ordo_version_str(v, buf, sizeof(buf)));
}

/* ---- findings ---- */

typedef struct {
	ordo_report *r;
	ordo_eval ev;
	ordo_map merge; /* "id|component|hop" -> finding */
	ordo_vec keys;  /* owned merge keys */
	uint32_t seq;
	ordo_vec unknown; /* struct unknown_acc*: estate.unknown being gathered */
	ordo_map unknown_by_key; /* "component|check|fact" -> struct unknown_acc */
} runner;

static const ordo_cat_check *catalog_entry(const ordo_catalog *c, const char *id)
{
	return ordo_catalog_check(c, id);
}

static ordo_finding *finding_new(runner *rn, const char *id, ordo_severity sev, bool waivable,
				 const ordo_component *comp, int hop_index, const ordo_hop *hop)
{
	ordo_report *r = rn->r;
	char *key = ordo_arena_printf(r->arena, "%s|%s|%d", id, comp ? comp->id : "", hop_index);
	ordo_finding *f = ordo_map_get(&rn->merge, key, strlen(key));
	if (f)
		return f;
	f = ordo_arena_alloc(r->arena, sizeof(*f));
	f->id = id;
	f->check = catalog_entry(r->catalog, id);
	f->severity = sev;
	f->waivable = waivable;
	f->component = comp;
	f->hop_index = hop_index;
	if (hop) {
		f->has_hop = true;
		f->hop_from = hop->from;
		f->hop_to = hop->to;
	}
	f->seq = rn->seq++;
	ordo_map_put(&rn->merge, key, strlen(key), f);
	ordo_vec_push(&rn->keys, f);
	return f;
}

static void finding_add_server(ordo_report *r, ordo_finding *f, const char *name)
{
	if (!name)
		return;
	/* a finding may name a million agents: a set, once the list is long */
	if (f->server_set) {
		if (ordo_map_get(f->server_set, name, strlen(name)))
			return;
	} else {
		for (uint32_t i = 0; i < f->nservers; i++)
			if (!strcasecmp(f->servers[i], name))
				return;
	}
	if (!f->server_set && f->nservers >= 16) {
		f->server_set = ordo_xcalloc(1, sizeof(ordo_map));
		f->server_set->nocase = true;
		for (uint32_t i = 0; i < f->nservers; i++)
			ordo_map_put(f->server_set, f->servers[i], strlen(f->servers[i]), (void *)1);
	}
	if (f->server_set)
		ordo_map_put(f->server_set, name, strlen(name), (void *)1);
	if (f->nservers == f->servers_cap) {
		uint32_t cap = f->servers_cap ? 2 * f->servers_cap : 4;
		const char **n = ordo_arena_alloc(r->arena, sizeof(char *) * cap);
		if (f->nservers)
			memcpy(n, f->servers, sizeof(char *) * f->nservers);
		f->servers = n;
		f->servers_cap = cap;
	}
	f->servers[f->nservers++] = name;
}

/* A finding about a component as a whole names where it runs: the servers
 * of its first role that has named servers (the management servers). */
static void add_primary_servers(ordo_report *r, ordo_finding *f, const ordo_component *c)
{
	for (uint32_t i = 0; i < c->nroles; i++) {
		const ordo_role_members *rm = &c->roles[i];
		if (!rm->named || !rm->count)
			continue;
		for (uint32_t j = 0; j < rm->count; j++)
			finding_add_server(r, f, ordo_role_member(rm, j));
		return;
	}
}

static void fill_text(runner *rn, ordo_finding *f, const ordo_cat_check *k, ordo_eval_ctx *ctx,
		      const char *default_title, const char *engine_detail)
{
	ordo_report *r = rn->r;
	ordo_buf b = ORDO_BUF_INIT;
	if (k && k->title.source && ctx)
		ordo_template_render(&k->title, ctx, &rn->ev, &b);
	else if (k && k->title.source)
		ordo_buf_puts(&b, k->title.source);
	else
		ordo_buf_puts(&b, default_title);
	f->title = ordo_arena_strndup(r->arena, ordo_buf_cstr(&b), b.len);
	ordo_buf_clear(&b);
	if (engine_detail)
		ordo_buf_puts(&b, engine_detail);
	else if (k && k->detail.source && ctx)
		ordo_template_render(&k->detail, ctx, &rn->ev, &b);
	f->detail = ordo_arena_strndup(r->arena, ordo_buf_cstr(&b), b.len);
	ordo_buf_release(&b);
	if (k) {
		f->nremediation = k->nremediation;
		f->remediation = ordo_arena_alloc(r->arena, sizeof(ordo_remedy) * (k->nremediation + 1));
		for (uint32_t i = 0; i < k->nremediation; i++) {
			ordo_buf t = ORDO_BUF_INIT;
			if (ctx)
				ordo_template_render(&k->remediation[i].text, ctx, &rn->ev, &t);
			else
				ordo_buf_puts(&t, k->remediation[i].text.source);
			f->remediation[i].type = k->remediation[i].type;
			f->remediation[i].text = ordo_arena_strndup(r->arena, ordo_buf_cstr(&t), t.len);
			ordo_buf_release(&t);
		}
		f->sources = k->sources;
		f->resolve_action = k->resolved_action;
	}
}

/* "because: facts.key_management = 'dpapi'; upgrade.management_server = 'VMM02'" */
static void append_evidence(ordo_buf *b, const ordo_eval *ev)
{
	uint32_t shown = 0;
	for (uint32_t i = 0; i < ev->trace_len; i++) {
		const ordo_trace_entry *t = &ev->trace[i];
		bool dup = false;
		for (uint32_t j = 0; j < i && !dup; j++)
			dup = !strcmp(ev->trace[j].path, t->path);
		if (dup)
			continue;
		ordo_buf_puts(b, shown ? "; " : (b->len ? " Evidence: " : "Evidence: "));
		ordo_buf_puts(b, t->path);
		ordo_buf_puts(b, " = ");
		if (t->value.type == ORDO_VAL_NULL)
			ordo_buf_puts(b, "(not given)");
		else
			ordo_val_format(&t->value, b);
		shown++;
	}
	if (shown)
		ordo_buf_putc(b, '.');
}

static void fire(runner *rn, const ordo_cat_check *k, ordo_scope_ctx *sc, int hop_index)
{
	ordo_report *r = rn->r;
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(sc);
	/* keep the evidence of `when` before templates evaluate */
	uint32_t ntrace = rn->ev.trace_len;
	ordo_trace_entry *trace = ordo_xmalloc(sizeof(ordo_trace_entry) * (ntrace + 1));
	memcpy(trace, rn->ev.trace, sizeof(ordo_trace_entry) * ntrace);

	ordo_finding *f = finding_new(rn, k->id, k->severity, k->waivable, sc->comp, hop_index,
				      sc->hop);
	if (sc->server_name)
		finding_add_server(r, f, ordo_arena_strdup(r->arena, sc->server_name));
	else if (sc->comp && !f->nservers)
		add_primary_servers(r, f, sc->comp);
	if (sc->pack)
		f->pack = sc->pack;
	bool fresh = f->title == NULL;
	if (fresh) {
		ordo_buf b = ORDO_BUF_INIT;
		if (k->detail.source)
			ordo_template_render(&k->detail, &ctx, &rn->ev, &b);
		ordo_eval tmp = rn->ev;
		tmp.trace = trace;
		tmp.trace_len = ntrace;
		if (b.len && b.ptr[b.len - 1] != '.' && ntrace)
			ordo_buf_putc(&b, '.');
		append_evidence(&b, &tmp);
		fill_text(rn, f, k, &ctx, k->id, ordo_buf_cstr(&b));
		ordo_buf_release(&b);
		/* a finding about a support matrix cites the matrix's own sources */
		bool reads_support = false;
		for (uint32_t i = 0; i < ntrace; i++)
			reads_support |= !strncmp(trace[i].path, "support.", 8);
		if (reads_support && sc->support && sc->support->sources.n)
			f->sources = sc->support->sources;
		if (k->resolved_when) {
			/* a remedy that does not apply here (an OS newer than the release
			 * supports cannot be upgraded away): the finding stays open */
			ordo_eval_reset(&rn->ev);
			if (!ordo_expr_test(k->resolved_when, &ctx, &rn->ev))
				f->resolve_action = NULL;
		}
		if (k->accepted_by && k->waivable) {
			ordo_eval_reset(&rn->ev);
			if (ordo_expr_test(k->accepted_by, &ctx, &rn->ev)) {
				f->waived = true;
				f->accepted = true;
				ordo_buf why = ORDO_BUF_INIT;
				ordo_buf_puts(&why, "accepted in the estate: ");
				for (uint32_t i = 0; i < rn->ev.trace_len; i++)
					ordo_buf_printf(&why, "%s%s", i ? ", " : "", rn->ev.trace[i].path);
				f->waive_reason = ordo_arena_strdup(r->arena, ordo_buf_cstr(&why));
				ordo_buf_release(&why);
			}
		}
	}
	free(trace);
}

static bool product_listed(const ordo_cat_check *k, const ordo_component *c)
{
	if (!k->products.n)
		return true;
	for (uint32_t i = 0; i < k->products.n; i++)
		if (!strcmp(k->products.items[i], c->product->id))
			return true;
	return false;
}

static bool role_listed(const ordo_cat_check *k, const char *role)
{
	if (!k->roles.n)
		return true;
	for (uint32_t i = 0; i < k->roles.n; i++)
		if (!strcmp(k->roles.items[i], role))
			return true;
	return false;
}

/* ---- facts a check needs (estate.unknown) ---- */

/* how many servers an estate.unknown finding names; the detail says how
 * many there are */
#define UNKNOWN_LISTED 20

/* One estate.unknown finding: a check, a component and a fact. Servers
 * are counted per hop (the most of any hop: the same members come back
 * at every hop) and the first UNKNOWN_LISTED are named. */
struct unknown_acc {
	ordo_finding *f;
	const ordo_cat_check *k;
	const ordo_cat_need *need;
	const ordo_component *comp;
	int hop;                 /* the hop being counted */
	uint64_t count, best;    /* servers in that hop; the most of any hop */
	const char *roles[8];    /* the roles they are members of */
	uint32_t nroles;
	char *add;               /* the need's `add`, rendered once */
};

static struct unknown_acc *unknown_acc_of(runner *rn, const ordo_cat_check *k, uint32_t ni,
					  ordo_scope_ctx *sc)
{
	ordo_report *r = rn->r;
	const ordo_cat_need *need = &k->needs[ni];
	char key[600];
	int klen = snprintf(key, sizeof(key), "%s|%s|%s", sc->comp ? sc->comp->id : "", k->id,
			    need->fact);
	if (klen < 0 || (size_t)klen >= sizeof(key))
		klen = (int)sizeof(key) - 1;
	struct unknown_acc *u = ordo_map_get(&rn->unknown_by_key, key, (size_t)klen);
	if (u)
		return u;
	const ordo_builtin_finding *b = ordo_builtin_finding_get("estate.unknown");
	ordo_finding *f = ordo_arena_alloc(r->arena, sizeof(*f));
	f->id = b->id;
	f->check = ordo_catalog_check(r->catalog, f->id);
	f->severity = b->severity;
	f->waivable = b->waivable;
	f->component = sc->comp;
	f->hop_index = -1;
	f->seq = rn->seq++;
	ordo_vec_push(&rn->keys, f);
	u = ordo_arena_alloc(r->arena, sizeof(*u));
	u->f = f;
	u->k = k;
	u->need = need;
	u->comp = sc->comp;
	u->hop = sc->hop_index;
	ordo_map_put(&rn->unknown_by_key, ordo_arena_strndup(r->arena, key, (size_t)klen),
		     (size_t)klen, u);
	ordo_vec_push(&rn->unknown, u);
	if (need->add.source) {
		ordo_eval_ctx ctx = ordo_scope_eval_ctx(sc);
		ordo_buf b2 = ORDO_BUF_INIT;
		uint32_t mark = rn->ev.trace_len;
		ordo_template_render(&need->add, &ctx, &rn->ev, &b2);
		rn->ev.trace_len = mark;
		u->add = ordo_arena_strndup(r->arena, ordo_buf_cstr(&b2), b2.len);
		ordo_buf_release(&b2);
	}
	return u;
}

/* The check k, in scope sc, could not judge for want of need ni. */
static void unknown_record(runner *rn, const ordo_cat_check *k, uint32_t ni, ordo_scope_ctx *sc)
{
	struct unknown_acc *u = unknown_acc_of(rn, k, ni, sc);
	if (!sc->server_name)
		return;
	if (u->hop != sc->hop_index) {
		u->best = u->count > u->best ? u->count : u->best;
		u->count = 0;
		u->hop = sc->hop_index;
	}
	u->count++;
	if (u->f->nservers < UNKNOWN_LISTED)
		finding_add_server(rn->r, u->f, ordo_arena_strdup(rn->r->arena, sc->server_name));
	bool known = false;
	for (uint32_t i = 0; i < u->nroles && !known; i++)
		known = !strcmp(u->roles[i], sc->role);
	if (!known && sc->role && u->nroles < 8)
		u->roles[u->nroles++] = sc->role;
}

/* Which of k's needs are missing where k was evaluated and did not fire:
 * a bit per need (the first 32). */
static uint32_t needs_missing(runner *rn, const ordo_cat_check *k, ordo_scope_ctx *sc)
{
	uint32_t mask = 0;
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(sc);
	for (uint32_t i = 0; i < k->nneeds && i < 32; i++) {
		const ordo_cat_need *nd = &k->needs[i];
		ordo_eval_reset(&rn->ev);
		if (nd->when && !ordo_expr_test(nd->when, &ctx, &rn->ev))
			continue;
		ordo_value v;
		ordo_eval_reset(&rn->ev);
		ordo_expr_eval(nd->value, &ctx, &rn->ev, &v);
		if (v.type == ORDO_VAL_NULL ||
		    (v.type == ORDO_VAL_NODE && (!v.u.node || v.u.node->type == ORDO_NODE_NULL)))
			mask |= 1u << i;
	}
	return mask;
}

static void unknown_apply(runner *rn, const ordo_cat_check *k, uint32_t mask, ordo_scope_ctx *sc)
{
	for (uint32_t i = 0; mask && i < k->nneeds && i < 32; i++)
		if (mask & (1u << i))
			unknown_record(rn, k, i, sc);
}

/* The details of the estate.unknown findings, once everything is counted. */
static void unknown_findings(runner *rn)
{
	ordo_report *r = rn->r;
	for (size_t i = 0; i < rn->unknown.len; i++) {
		struct unknown_acc *u = rn->unknown.items[i];
		ordo_finding *f = u->f;
		uint64_t n = u->count > u->best ? u->count : u->best;
		ordo_buf b = ORDO_BUF_INIT;
		ordo_buf_printf(&b, "%s (%s) could not judge ", u->k->id, u->k->title.source ? u->k->title.source : u->k->id);
		if (n) {
			ordo_buf_printf(&b, "%llu server%s of %s", (unsigned long long)n, n == 1 ? "" : "s",
					u->comp ? u->comp->id : "the estate");
			for (uint32_t j = 0; j < u->nroles; j++)
				ordo_buf_printf(&b, "%s%s", j ? ", " : " (role ", u->roles[j]);
			if (u->nroles)
				ordo_buf_putc(&b, ')');
			ordo_buf_puts(&b, ": ");
			for (uint32_t j = 0; j < f->nservers; j++)
				ordo_buf_printf(&b, "%s%s", j ? ", " : "", f->servers[j]);
			if (n > f->nservers)
				ordo_buf_printf(&b, " and %llu more", (unsigned long long)(n - f->nservers));
		} else {
			ordo_buf_printf(&b, "%s", u->comp ? u->comp->id : "the estate");
			if (u->comp)
				add_primary_servers(r, f, u->comp);
		}
		ordo_buf_printf(&b, "; it needs %s, which the estate does not give.", u->need->fact);
		if (u->add && u->add[0])
			ordo_buf_printf(&b, " Add %s.", u->add);
		fill_text(rn, f, f->check, NULL, ordo_builtin_finding_get(f->id)->title, ordo_buf_cstr(&b));
		ordo_buf_release(&b);
	}
	ordo_vec_release(&rn->unknown);
	ordo_map_release(&rn->unknown_by_key);
}

static void eval_check(runner *rn, const ordo_cat_check *k, ordo_scope_ctx *sc, int hop_index)
{
	ordo_eval_reset(&rn->ev);
	ordo_eval_ctx ctx = ordo_scope_eval_ctx(sc);
	if (ordo_expr_test(k->when, &ctx, &rn->ev))
		fire(rn, k, sc, hop_index);
	else if (k->nneeds)
		unknown_apply(rn, k, needs_missing(rn, k, sc), sc);
}

/* Whether a server-scope condition reads nothing of its server but the
 * operating system, pending_restart and domain_joined: then servers alike
 * in those three give the same result, and a million agents on a handful
 * of systems cost a handful of evaluations. */
static bool server_keyed(const ordo_cat_check *k);

static void server_path(const char *path, const ordo_loc *loc, void *payload)
{
	bool *keyed = payload;
	(void)loc;
	if (strncmp(path, "server", 6) != 0 || (path[6] && path[6] != '.' && path[6] != '['))
		return; /* another root */
	if (strcmp(path, "server.os") && strcmp(path, "server.pending_restart") &&
	    strcmp(path, "server.domain_joined"))
		*keyed = false;
}

bool ordo_check_server_keyed(const ordo_cat_check *k)
{
	return server_keyed(k);
}

static bool server_keyed(const ordo_cat_check *k)
{
	bool keyed = true;
	ordo_expr_paths(k->when, server_path, &keyed);
	for (uint32_t i = 0; i < k->nneeds; i++) {
		ordo_expr_paths(k->needs[i].value, server_path, &keyed);
		if (k->needs[i].when)
			ordo_expr_paths(k->needs[i].when, server_path, &keyed);
	}
	return keyed;
}

/* Server descriptions that a keyed condition found false, for one check,
 * component, hop and role. */
#define FALSE_MEMO 8

typedef struct {
	ordo_version os;
	int pending_restart, domain_joined;
	uint32_t missing; /* the needs they lack (needs_missing) */
} server_key;

static bool same_key(const server_key *k, const ordo_server *s)
{
	return k->os.scale == s->os.scale && k->os.idx == s->os.idx && k->os.sub == s->os.sub &&
	       k->pending_restart == s->pending_restart && k->domain_joined == s->domain_joined;
}

static void run_catalog_checks(runner *rn)
{
	ordo_report *r = rn->r;
	const ordo_estate *e = r->estate;
	const ordo_catalog *c = r->catalog;
	for (uint32_t ki = 0; ki < c->nchecks; ki++) {
		const ordo_cat_check *k = &c->checks[ki];
		if (k->builtin || !k->when)
			continue;
		bool keyed = k->scope == ORDO_SCOPE_SERVER && server_keyed(k);
		if (k->scope == ORDO_SCOPE_ESTATE) {
			ordo_scope_ctx sc = {.estate = e, .hop_index = -1};
			eval_check(rn, k, &sc, -1);
			continue;
		}
		for (uint32_t ci = 0; ci < e->ncomponents; ci++) {
			const ordo_component *comp = &e->components[ci];
			if (!product_listed(k, comp))
				continue;
			const ordo_path *path = &r->paths[ci].path;
			ordo_hop whole = {comp->version, comp->target, NULL, false, false};
			if (k->scope == ORDO_SCOPE_COMPONENT) {
				ordo_scope_ctx sc = {.estate = e, .comp = comp, .hop = &whole,
						     .hop_index = 0, .hop_count = 1};
				sc.support = ordo_product_support(comp->product, comp->target.idx);
				eval_check(rn, k, &sc, -1);
			} else if (k->scope == ORDO_SCOPE_PACK) {
				for (uint32_t pi = 0; pi < comp->npacks; pi++) {
					ordo_scope_ctx sc = {.estate = e, .comp = comp, .hop_index = -1,
							     .pack = &comp->packs[pi]};
					int before = (int)rn->seq;
					eval_check(rn, k, &sc, -1 - (int)pi);
					(void)before;
				}
			} else {
				for (uint32_t h = 0; h < path->n; h++) {
					const ordo_hop *hop = &path->hops[h];
					ordo_scope_ctx sc = {.estate = e, .comp = comp, .hop = hop,
							     .hop_index = (int)h,
							     .hop_count = (int)path->n};
					sc.support = ordo_product_support(comp->product, hop->to.idx);
					if (k->scope == ORDO_SCOPE_HOP) {
						eval_check(rn, k, &sc, (int)h);
						continue;
					}
					/* server scope: members that the estate describes */
					for (uint32_t ri = 0; ri < comp->nroles; ri++) {
						const ordo_role_members *rm = &comp->roles[ri];
						if (!rm->named || !role_listed(k, rm->role->id))
							continue;
						sc.role = rm->role->id;
						server_key memo[FALSE_MEMO];
						uint32_t nmemo = 0, next = 0;
						bool use_memo = keyed && !rm->role->moves_to && !rm->versions;
						for (uint32_t m = 0; m < rm->count; m++) {
							/* a member at a version of its own: judged at
							 * it, on the hops it still has to make */
							ordo_version mv;
							sc.version_override = NULL;
							if (rm->versions && rm->versions[m].scale) {
								mv = rm->versions[m];
								if (ordo_version_cmp_release(&mv, &hop->to) >= 0)
									continue;
								sc.version_override = &mv;
							}
							if (use_memo && rm->servers[m]) {
								const ordo_server *s = rm->servers[m];
								const server_key *hit = NULL;
								for (uint32_t q = 0; q < nmemo && !hit; q++)
									if (same_key(&memo[q], s))
										hit = &memo[q];
								sc.server = s;
								sc.server_name = ordo_role_member(rm, m);
								if (hit) {
									if (hit->missing)
										unknown_apply(rn, k, hit->missing, &sc);
									continue;
								}
								ordo_eval_reset(&rn->ev);
								ordo_eval_ctx ctx = ordo_scope_eval_ctx(&sc);
								if (ordo_expr_test(k->when, &ctx, &rn->ev)) {
									fire(rn, k, &sc, (int)h);
								} else {
									server_key *mk = &memo[nmemo < FALSE_MEMO ? nmemo++ : next++ % FALSE_MEMO];
									mk->os = s->os;
									mk->pending_restart = s->pending_restart;
									mk->domain_joined = s->domain_joined;
									mk->missing = k->nneeds ? needs_missing(rn, k, &sc) : 0;
									if (mk->missing)
										unknown_apply(rn, k, mk->missing, &sc);
								}
								continue;
							}
							/* judged where it will run: a new computer if it moves */
							const char *name = ordo_role_member(rm, m);
							const ordo_server *s = rm->servers[m];
							if (rm->role->moves_to) {
								name = ordo_member_after(e, comp, rm, m, &rn->ev);
								s = ordo_estate_server(e, name);
							}
							if (!s) {
								/* a new computer `servers:` does not describe */
								if (k->nneeds) {
									sc.server = NULL;
									sc.server_name = name;
									unknown_apply(rn, k, needs_missing(rn, k, &sc), &sc);
								}
								continue;
							}
							sc.server = s;
							sc.server_name = name;
							eval_check(rn, k, &sc, (int)h);
						}
					}
				}
			}
		}
	}
}

/* ---- built-in findings ---- */

static const char *vstr(ordo_report *r, const ordo_version *v)
{
	return ordo_version_dup(r->arena, v);
}

static ordo_finding *builtin_new(runner *rn, const char *id, const ordo_component *comp,
				 int hop_index, const ordo_hop *hop)
{
	const ordo_builtin_finding *b = ordo_builtin_finding_get(id);
	return finding_new(rn, id, b->severity, b->waivable, comp, hop_index, hop);
}

static void builtin(runner *rn, const char *id, const ordo_component *comp, int hop_index,
		    const ordo_hop *hop, const char *detail, const char *resolve_action)
{
	ordo_finding *f = builtin_new(rn, id, comp, hop_index, hop);
	if (f->title)
		return;
	fill_text(rn, f, f->check, NULL, ordo_builtin_finding_get(id)->title, detail);
	if (resolve_action && !f->resolve_action)
		f->resolve_action = resolve_action;
	if (comp)
		add_primary_servers(rn->r, f, comp);
}

static const char *product_name(const ordo_component *c)
{
	return c->product->name ? c->product->name : c->product->id;
}

/* upgrade.keep or upgrade.retire: an info finding saying what becomes of
 * the component (a retired one is resolved by the plan's uninstall steps) */
static void intention_finding(runner *rn, const ordo_component *comp, const ordo_hop *whole)
{
	ordo_report *r = rn->r;
	const char *ends = "";
	if (comp->target_retired)
		ends = ordo_arena_printf(r->arena, " %s has no release after %s.", product_name(comp),
					 vstr(r, &comp->product->last_release));
	else if (comp->requested_target.scale &&
		 ordo_version_cmp_release(&comp->version, &comp->requested_target) < 0)
		ends = ordo_arena_printf(r->arena, " It could reach %s; the intention takes precedence.",
					 vstr(r, &comp->requested_target));
	char *d;
	if (comp->keep)
		d = ordo_arena_printf(r->arena,
				      "%s stays at %s (upgrade.keep): the plan has no step for it, and the catalog's checks judge it beside the releases the components it integrates with reach.%s",
				      comp->id, vstr(r, &comp->version), ends);
	else
		d = ordo_arena_printf(r->arena,
				      "%s (%s %s) is removed (upgrade.retire): the plan uninstalls it from every server of its roles, and unregisters the integration packs for it, before anything it integrates with moves.%s",
				      comp->id, product_name(comp), vstr(r, &comp->version), ends);
	(void)whole; /* not a hop: the component does not move */
	builtin(rn, comp->keep ? "path.kept" : "path.retired", comp, -1, NULL, d,
		comp->retire ? "uninstall" : NULL);
}

/* A product without a release at the target and no intention stated:
 * path.none that says where the product ends and what to write. */
static void ending_product(runner *rn, const ordo_component *comp, const ordo_hop *whole)
{
	ordo_report *r = rn->r;
	const char *last = vstr(r, &comp->product->last_release);
	char *d = ordo_arena_printf(r->arena,
				    "%s ends at release %s: it has no release at %s, so %s (at %s) cannot reach the target. The estate must say what becomes of it.",
				    product_name(comp), last, vstr(r, &comp->requested_target), comp->id,
				    vstr(r, &comp->version));
	ordo_finding *f = builtin_new(rn, "path.none", comp, -1, whole);
	if (f->title)
		return;
	fill_text(rn, f, f->check, NULL, ordo_builtin_finding_get(f->id)->title, d);
	add_primary_servers(r, f, comp);
	f->nremediation = 3;
	f->remediation = ordo_arena_alloc(r->arena, sizeof(ordo_remedy) * 3);
	f->remediation[0] = (ordo_remedy){"step", ordo_arena_printf(
		r->arena, "Say upgrade.retire: true on %s to have the plan uninstall it before the components it integrates with move.", comp->id)};
	f->remediation[1] = (ordo_remedy){"step", ordo_arena_printf(
		r->arena, "Or say upgrade.keep: true to keep it at %s; the catalog's checks then judge it beside the releases the others reach.", vstr(r, &comp->version))};
	f->remediation[2] = (ordo_remedy){"hint", ordo_arena_printf(
		r->arena, "Or give %s a target of its own, at most %s.", comp->id, last)};
}

static void path_findings(runner *rn)
{
	ordo_report *r = rn->r;
	const ordo_estate *e = r->estate;
	for (uint32_t ci = 0; ci < e->ncomponents; ci++) {
		const ordo_component *comp = &e->components[ci];
		ordo_path *path = &r->paths[ci].path;
		ordo_path_find(path, r->arena, comp->product, comp->version, comp->target);
		ordo_hop whole = {comp->version, comp->target, NULL, false, false};
		char *d;
		if (comp->keep || comp->retire) {
			intention_finding(rn, comp, &whole);
			continue;
		}
		if (comp->target_retired && path->status == ORDO_PATH_NONE) {
			ending_product(rn, comp, &whole);
			continue;
		}
		if (path->status == ORDO_PATH_NONE || path->status == ORDO_PATH_DOWNGRADE) {
			if (path->status == ORDO_PATH_DOWNGRADE)
				d = ordo_arena_printf(r->arena,
						      "%s is at %s, newer than its target %s; ordo does not plan downgrades.",
						      comp->id, vstr(r, &comp->version), vstr(r, &comp->target));
			else
				d = ordo_arena_printf(r->arena,
						      "The catalog has no chain of supported upgrades for %s (%s) from %s to %s.",
						      comp->id, comp->product->name ? comp->product->name : comp->product->id,
						      vstr(r, &comp->version), vstr(r, &comp->target));
			builtin(rn, "path.none", comp, -1, &whole, d, NULL);
			continue;
		}
		if (path->n > 1) {
			ordo_buf b = ORDO_BUF_INIT;
			ordo_buf_printf(&b, "%s reaches %s in %u hops: %s", comp->id,
					vstr(r, &comp->target), path->n, vstr(r, &comp->version));
			for (uint32_t h = 0; h < path->n; h++)
				ordo_buf_printf(&b, " -> %s", vstr(r, &path->hops[h].to));
			ordo_buf_puts(&b, "; each hop completes before the next.");
			builtin(rn, "path.intermediate", comp, -1, &whole, ordo_buf_cstr(&b), NULL);
			ordo_buf_release(&b);
		}
		for (uint32_t h = 0; h < path->n; h++) {
			const ordo_hop *hop = &path->hops[h];
			if (hop->needs_rollup) {
				d = ordo_arena_printf(r->arena,
						      "The upgrade of %s from %s to %s needs %s or later first; %s is at %s.",
						      comp->id, vstr(r, &hop->from), vstr(r, &hop->to),
						      vstr(r, &hop->edge->min), comp->id,
						      vstr(r, &hop->from));
				builtin(rn, "path.update-rollup", comp, (int)h, hop, d,
					"apply-update-rollup");
			}
			if (hop->below_recommended) {
				d = ordo_arena_printf(r->arena,
						      "Upgrading %s from %s to %s is supported, but %s or later is recommended first.",
						      comp->id, vstr(r, &hop->from), vstr(r, &hop->to),
						      vstr(r, &hop->edge->recommended));
				builtin(rn, "path.update-rollup-recommended", comp, (int)h, hop, d,
					"apply-update-rollup");
			}
		}
	}
}

/* Which sequences govern a move to release idx. */
static bool sequence_applies(const ordo_cat_sequence *s, int32_t idx)
{
	if (s->all_targets)
		return true;
	for (uint32_t i = 0; i < s->ntargets; i++)
		if (s->targets[i] == idx)
			return true;
	return false;
}

const char *ordo_sequence_rule(const ordo_estate *e, const ordo_component *a,
			       const ordo_component *b, int32_t idx, ordo_arena *arena,
			       ordo_eval *ev)
{
	const ordo_catalog *c = e->catalog;
	if (a->product == b->product)
		return NULL;
	for (uint32_t si = 0; si < c->nsequences; si++) {
		const ordo_cat_sequence *s = &c->sequences[si];
		if (!sequence_applies(s, idx))
			continue;
		int pa = -1, pb = -1;
		for (uint32_t i = 0; i < s->order.n; i++) {
			if (!strcmp(s->order.items[i], a->product->id))
				pa = (int)i;
			if (!strcmp(s->order.items[i], b->product->id))
				pb = (int)i;
		}
		if (pa >= 0 && pb >= 0 && pa < pb)
			return ordo_arena_printf(arena, "sequence %s: %s before %s", s->id,
						 a->product->id, b->product->id);
		for (uint32_t ei = 0; ei < s->nedges; ei++) {
			const ordo_cat_order_edge *oe = &s->edges[ei];
			if (strcmp(oe->before, a->product->id) || strcmp(oe->after, b->product->id))
				continue;
			if (oe->when) {
				ordo_scope_ctx sc = {.estate = e, .first = a, .second = b, .hop_index = -1};
				ordo_eval_ctx ctx = ordo_scope_eval_ctx(&sc);
				ordo_eval_reset(ev);
				if (!ordo_expr_test(oe->when, &ctx, ev))
					continue;
			}
			return ordo_arena_printf(arena, "sequence %s: %s before %s when %s", s->id,
						 a->product->id, b->product->id,
						 oe->when ? ordo_expr_source(oe->when) : "always");
		}
	}
	return NULL;
}

static void out_of_order(runner *rn, const ordo_component *a, const ordo_component *b,
			 const char *rule)
{
	ordo_report *r = rn->r;
	/* a must move before b; b already sits at a newer release that a can
	 * still reach: b was upgraded first. */
	if (a->product->independent || b->product->independent)
		return;
	if (ordo_version_cmp_release(&b->version, &a->version) <= 0)
		return;
	if (!ordo_product_has_release(a->product, b->version.idx))
		return;
	if (ordo_version_cmp_release(&a->target, &b->version) < 0)
		return; /* a is not going there at all */
	char *d = ordo_arena_printf(
		r->arena,
		"%s is already at %s while %s, which must be upgraded before it (%s), is still at %s. "
		"The estate is mixed in an order the suite does not support.",
		b->id, vstr(r, &b->version), a->id, rule, vstr(r, &a->version));
	ordo_finding *f = builtin_new(rn, "sequence.out-of-order", b, -1, NULL);
	if (f->title)
		return;
	fill_text(rn, f, f->check, NULL, ordo_builtin_finding_get(f->id)->title, d);
	add_primary_servers(r, f, b);
}

static void sequence_findings(runner *rn)
{
	ordo_report *r = rn->r;
	const ordo_estate *e = r->estate;
	for (uint32_t bi = 0; bi < e->ncomponents; bi++) {
		const ordo_component *b = &e->components[bi];
		for (uint32_t ai = 0; ai < e->ncomponents; ai++) {
			const ordo_component *a = &e->components[ai];
			if (a == b)
				continue;
			const char *rule = ordo_sequence_rule(e, a, b, b->version.idx, r->arena, &rn->ev);
			if (rule)
				out_of_order(rn, a, b, rule);
		}
	}
}

static void unknown_fact_findings(runner *rn)
{
	ordo_report *r = rn->r;
	const ordo_estate *e = r->estate;
	for (uint32_t i = 0; i < e->nunknown; i++) {
		const ordo_unknown_fact *u = &e->unknown[i];
		const ordo_component *comp = ordo_estate_component(e, u->component);
		char *id = ordo_arena_printf(r->arena, "estate.unknown-fact");
		/* one finding per path: the merge key includes the path */
		char *key = ordo_arena_printf(r->arena, "%s|%s|%s", id, u->component, u->path);
		ordo_finding *f = ordo_map_get(&rn->merge, key, strlen(key));
		if (f)
			continue;
		f = ordo_arena_alloc(r->arena, sizeof(*f));
		f->id = "estate.unknown-fact";
		f->check = ordo_catalog_check(r->catalog, f->id);
		f->severity = ORDO_SEV_INFO;
		f->waivable = true;
		f->component = comp;
		f->hop_index = -1;
		f->seq = rn->seq++;
		char *d = ordo_arena_printf(r->arena,
					    "%s:%u:%u: the catalog declares no fact '%s' for %s, so no check reads it; a misspelt fact silently disables the check that needs it.",
					    u->loc.file, u->loc.line, u->loc.col, u->path,
					    comp ? comp->product->id : "this component");
		fill_text(rn, f, f->check, NULL, ordo_builtin_finding_get(f->id)->title, d);
		ordo_map_put(&rn->merge, key, strlen(key), f);
		ordo_vec_push(&rn->keys, f);
	}
}

static void waiver_findings(runner *rn)
{
	ordo_report *r = rn->r;
	const ordo_estate *e = r->estate;
	for (uint32_t wi = 0; wi < e->nwaivers; wi++) {
		const ordo_waiver *w = &e->waivers[wi];
		bool expired = w->expires && strcmp(w->expires, r->today) < 0;
		bool used = false;
		for (size_t i = 0; i < rn->keys.len; i++) {
			ordo_finding *f = rn->keys.items[i];
			if (strcmp(f->id, w->finding))
				continue;
			if (w->component && (!f->component || strcmp(f->component->id, w->component)))
				continue;
			used = true;
			const ordo_component *comp = f->component;
			if (!f->waivable) {
				char *d = ordo_arena_printf(r->arena,
							    "%s:%u: the waiver of '%s'%s%s is ignored: the catalog marks this finding as not waivable (%s).",
							    e->file, w->node->line, w->finding,
							    comp ? " for " : "", comp ? comp->id : "",
							    f->title);
				ordo_finding *g = builtin_new(rn, "estate.waiver-refused", comp,
							      -1000 - (int)wi, NULL);
				if (!g->title)
					fill_text(rn, g, g->check, NULL, ordo_builtin_finding_get(g->id)->title, d);
				continue;
			}
			if (expired) {
				char *d = ordo_arena_printf(r->arena,
							    "%s:%u: the waiver of '%s'%s%s expired on %s; the finding counts again. Renew the waiver or fix the cause.",
							    e->file, w->node->line, w->finding,
							    comp ? " for " : "", comp ? comp->id : "",
							    w->expires);
				ordo_finding *g = builtin_new(rn, "estate.waiver-expired", comp,
							      -1000 - (int)wi, NULL);
				if (!g->title)
					fill_text(rn, g, g->check, NULL, ordo_builtin_finding_get(g->id)->title, d);
				continue;
			}
			f->waived = true;
			f->waive_reason = w->reason;
			f->waive_expires = w->expires;
		}
		if (!used) {
			char *d = ordo_arena_printf(r->arena,
						    "%s:%u: no finding '%s'%s%s was raised, so the waiver has no effect; remove it once the cause is gone.",
						    e->file, w->node->line, w->finding,
						    w->component ? " for " : "",
						    w->component ? w->component : "");
			const ordo_component *comp = w->component ? ordo_estate_component(e, w->component) : NULL;
			ordo_finding *g = builtin_new(rn, "estate.waiver-unused", comp, -1000 - (int)wi, NULL);
			if (!g->title)
				fill_text(rn, g, g->check, NULL, ordo_builtin_finding_get(g->id)->title, d);
		}
	}
}

/* ---- servers nothing refers to (estate.unused-server) ---- */

#define UNUSED_LISTED 20
#define CLOSEST_WORK 4000000 /* at most this many letter comparisons a server */

/* edit distance, ASCII case-insensitive, or limit + 1 once it exceeds limit */
static uint32_t distance(const char *a, uint32_t la, const char *b, uint32_t lb, uint32_t limit)
{
	return (uint32_t)ordo_edit_distance_n(a, la, b, lb, limit);
}

/* the first label of a host name */
static uint32_t label_len(const char *s, uint32_t len)
{
	const char *dot = memchr(s, '.', len);
	return dot ? (uint32_t)(dot - s) : len;
}

typedef struct {
	const char *name;
	uint32_t len;
	const ordo_component *comp;
	const char *role;  /* the role it is a member of, or NULL */
	const char *where; /* without a role: "database", "a server fact" */
} name_use;

/* the names the estate uses for servers it does not describe */
static void unmatched_names(const ordo_estate *e, ordo_vec *out, ordo_arena *a)
{
	for (uint32_t ci = 0; ci < e->ncomponents; ci++) {
		const ordo_component *c = &e->components[ci];
		for (uint32_t ri = 0; ri < c->nroles; ri++) {
			const ordo_role_members *rm = &c->roles[ri];
			for (uint32_t j = 0; rm->named && j < rm->count; j++) {
				const ordo_server *s = rm->servers[j];
				if (s->index != ORDO_UNDESCRIBED)
					continue;
				name_use *u = ordo_arena_alloc(a, sizeof(*u));
				*u = (name_use){s->name, s->name_len, c, rm->role->id, NULL};
				ordo_vec_push(out, u);
			}
		}
		const ordo_node *db = c->database ? ordo_node_get(c->database, "server") : NULL;
		if (db && !c->db_server && ordo_node_is_scalar(db) && db->type != ORDO_NODE_NULL &&
		    db->type != ORDO_NODE_BOOL) {
			name_use *u = ordo_arena_alloc(a, sizeof(*u));
			*u = (name_use){db->u.str, db->len, c, NULL, "database"};
			ordo_vec_push(out, u);
		}
		for (uint32_t i = 0; i < c->nserver_refs; i++) {
			const ordo_server_ref *r = &c->server_refs[i];
			if (r->server)
				continue;
			name_use *u = ordo_arena_alloc(a, sizeof(*u));
			*u = (name_use){r->name, (uint32_t)strlen(r->name), c, NULL, "a server fact"};
			ordo_vec_push(out, u);
		}
	}
}

static const name_use *closest(const ordo_server *s, const ordo_vec *names)
{
	uint32_t limit = s->name_len / 3 > 2 ? s->name_len / 3 : 2;
	uint32_t best = limit + 1;
	const name_use *found = NULL;
	uint64_t work = 0;
	uint32_t sl = label_len(s->name, s->name_len);
	for (size_t i = 0; i < names->len && work < CLOSEST_WORK; i++) {
		const name_use *u = names->items[i];
		uint32_t d = distance(s->name, s->name_len, u->name, u->len, best - 1 < limit ? best - 1 : limit);
		uint32_t ul = label_len(u->name, u->len);
		if ((sl < s->name_len) != (ul < u->len)) {
			/* a short name against a fully qualified one: compare hosts */
			uint32_t dl = distance(s->name, sl, u->name, ul, limit);
			d = dl < d ? dl : d;
		}
		work += (uint64_t)s->name_len * u->len;
		if (d < best) {
			best = d;
			found = u;
		}
	}
	return found;
}

static void unused_server_findings(runner *rn)
{
	ordo_report *r = rn->r;
	const ordo_estate *e = r->estate;
	uint64_t n = 0;
	for (uint32_t i = 0; i < e->nservers; i++)
		n += !e->servers[i]->used;
	if (!n)
		return;
	ordo_vec names = ORDO_VEC_INIT;
	unmatched_names(e, &names, r->arena);
	ordo_finding *f = builtin_new(rn, "estate.unused-server", NULL, -1, NULL);
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_printf(&b, "%llu server%s described under servers: %s named by no role, database or server fact:",
			(unsigned long long)n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	uint32_t listed = 0;
	for (uint32_t i = 0; i < e->nservers && listed < UNUSED_LISTED; i++) {
		const ordo_server *s = e->servers[i];
		if (s->used)
			continue;
		finding_add_server(r, f, s->name);
		const name_use *u = closest(s, &names);
		ordo_buf_printf(&b, "%s %s (line %u)", listed ? ";" : "", s->name, s->line);
		if (u)
			ordo_buf_printf(&b, ", closest name in the estate: %.*s (%s%s of %s)", (int)u->len,
					u->name, u->role ? "role " : "", u->role ? u->role : u->where,
					u->comp->id);
		listed++;
	}
	if (n > listed)
		ordo_buf_printf(&b, "; and %llu more", (unsigned long long)(n - listed));
	ordo_buf_putc(&b, '.');
	fill_text(rn, f, f->check, NULL, ordo_builtin_finding_get(f->id)->title, ordo_buf_cstr(&b));
	ordo_buf_release(&b);
	ordo_vec_release(&names);
}

ordo_finding *ordo_report_add(ordo_report *r, const char *id, const ordo_cat_check *k,
			      ordo_severity sev, const ordo_component *comp, const char *title,
			      const char *detail)
{
	ordo_finding *f = ordo_arena_alloc(r->arena, sizeof(*f));
	f->id = ordo_arena_strdup(r->arena, id);
	f->check = k;
	f->severity = k ? k->severity : sev;
	f->waivable = k ? k->waivable : true;
	const ordo_builtin_finding *b = k && k->builtin ? ordo_builtin_finding_get(id) : NULL;
	if (b) { /* the engine's own finding: its weight is the engine's */
		f->severity = b->severity;
		f->waivable = b->waivable;
	}
	f->component = comp;
	f->hop_index = -1;
	f->title = ordo_arena_strdup(r->arena, title);
	f->detail = ordo_arena_strdup(r->arena, detail);
	f->seq = r->nfindings + 1000000;
	if (k) {
		f->nremediation = k->nremediation;
		f->remediation = ordo_arena_alloc(r->arena, sizeof(ordo_remedy) * (k->nremediation + 1));
		for (uint32_t i = 0; i < k->nremediation; i++) {
			f->remediation[i].type = k->remediation[i].type;
			f->remediation[i].text = k->remediation[i].text.source;
		}
		f->sources = k->sources;
	}
	ordo_finding **n = ordo_arena_alloc(r->arena, sizeof(*n) * (r->nfindings + 2));
	if (r->nfindings)
		memcpy(n, r->findings, sizeof(*n) * r->nfindings);
	n[r->nfindings++] = f;
	r->findings = n;
	return f;
}

const char *ordo_today(char buf[11])
{
	const char *now = getenv("ORDO_NOW");
	if (now && strlen(now) >= 10) {
		memcpy(buf, now, 10);
		buf[10] = 0;
		return buf;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
	return buf;
}

bool ordo_finding_open_blocker(const ordo_finding *f)
{
	return f->severity == ORDO_SEV_BLOCKER && !f->waived && f->nresolved == 0;
}

static int finding_cmp(const void *x, const void *y)
{
	const ordo_finding *a = *(ordo_finding *const *)x, *b = *(ordo_finding *const *)y;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	int ca = a->component ? a->component->index : -1;
	int cb = b->component ? b->component->index : -1;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	int s = strcmp(a->id, b->id);
	if (s)
		return s;
	if (a->hop_index != b->hop_index)
		return a->hop_index < b->hop_index ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void ordo_report_sort(ordo_report *r)
{
	ordo_sort(r->findings, r->nfindings, sizeof(*r->findings), finding_cmp);
}

void ordo_tally_add(ordo_tally *t, ordo_severity sev, bool waived, bool resolved, bool accepted)
{
	if (waived) {
		if (accepted)
			t->accepted++;
		else
			t->waived++;
		if (sev == ORDO_SEV_BLOCKER)
			t->waived_blockers++;
	} else if (sev == ORDO_SEV_BLOCKER) {
		if (resolved)
			t->resolved++;
		else
			t->blockers++;
	} else if (sev == ORDO_SEV_WARNING) {
		t->warnings++;
	} else {
		t->info++;
	}
}

void ordo_report_tally(const ordo_report *r, ordo_tally *out)
{
	memset(out, 0, sizeof(*out));
	for (uint32_t i = 0; i < r->nfindings; i++) {
		const ordo_finding *f = r->findings[i];
		ordo_tally_add(out, f->severity, f->waived, f->nresolved > 0, f->accepted);
	}
}

/* A waived warning no longer counts; a waived blocker still says "look
 * here" (exit 1), as does a warning; a blocker that a plan step removes
 * makes the estate ready once the steps are done (exit 1); an open one
 * blocks. */
ordo_verdict ordo_tally_verdict(const ordo_tally *t)
{
	if (t->blockers)
		return ORDO_VERDICT_BLOCKED;
	if (t->resolved)
		return ORDO_VERDICT_PLANNED;
	if (t->warnings || t->waived_blockers)
		return ORDO_VERDICT_WARNINGS;
	return ORDO_VERDICT_OK;
}

const char *ordo_verdict_name(ordo_verdict v)
{
	static const char *const names[] = {"ok", "warnings", "planned", "blocked"};
	return names[v];
}

const char *ordo_verdict_headline(ordo_verdict v)
{
	static const char *const words[] = {"READY", "READY WITH WARNINGS",
					    "READY ONCE THE PLAN'S STEPS ARE DONE", "BLOCKED"};
	return words[v];
}

int ordo_verdict_exit_code(ordo_verdict v)
{
	return v == ORDO_VERDICT_BLOCKED ? 2 : v == ORDO_VERDICT_OK ? 0 : 1;
}

void ordo_tally_text(ordo_buf *out, const ordo_tally *t)
{
	ordo_buf_printf(out, "%u blocker%s, %u warning%s, %u info", t->blockers, t->blockers == 1 ? "" : "s",
			t->warnings, t->warnings == 1 ? "" : "s", t->info);
	if (t->resolved)
		ordo_buf_printf(out, "; %u resolved by plan steps", t->resolved);
	if (t->waived)
		ordo_buf_printf(out, "%s%u waived", t->resolved ? ", " : "; ", t->waived);
	if (t->accepted)
		ordo_buf_printf(out, "%s%u accepted", t->resolved || t->waived ? ", " : "; ", t->accepted);
}

ordo_verdict ordo_report_verdict(const ordo_report *r)
{
	ordo_tally t;
	ordo_report_tally(r, &t);
	return ordo_tally_verdict(&t);
}

int ordo_report_exit_code(const ordo_report *r)
{
	return ordo_verdict_exit_code(ordo_report_verdict(r));
}

int ordo_check_run(ordo_report **out, const ordo_estate *e, const ordo_check_options *o)
{
	ordo_report *r = ordo_xcalloc(1, sizeof(*r));
	r->arena = ordo_arena_new();
	r->estate = e;
	r->catalog = e->catalog;
	char today[11];
	r->today = ordo_arena_strdup(r->arena, o && o->today ? o->today : ordo_today(today));
	r->paths = ordo_arena_alloc(r->arena, sizeof(ordo_component_path) * (e->ncomponents + 1));
	for (uint32_t i = 0; i < e->ncomponents; i++)
		r->paths[i].component = &e->components[i];


	runner rn;
	memset(&rn, 0, sizeof(rn));
	rn.r = r;
	ordo_eval_init(&rn.ev);
	path_findings(&rn);
	sequence_findings(&rn);
	run_catalog_checks(&rn);
	unknown_findings(&rn);
	unused_server_findings(&rn);
	unknown_fact_findings(&rn);
	waiver_findings(&rn);
	ordo_eval_release(&rn.ev);
	current_estate = NULL;

	r->nfindings = (uint32_t)rn.keys.len;
	r->findings = ordo_arena_alloc(r->arena, sizeof(ordo_finding *) * (rn.keys.len + 1));
	for (size_t i = 0; i < rn.keys.len; i++)
		r->findings[i] = rn.keys.items[i];
	ordo_vec_release(&rn.keys);
	ordo_map_release(&rn.merge);
	ordo_report_sort(r);
	*out = r;
	return 0;
}

const char *ordo_report_fingerprint(const ordo_report *r)
{
	ordo_report *w = (ordo_report *)r; /* made on first use, once the estate's digest is done */
	if (!w->fingerprint_[0]) {
		const char *efp = ordo_estate_fingerprint(r->estate);
		ordo_sha256 sha;
		char hex[65];
		ordo_sha256_init(&sha);
		ordo_sha256_update(&sha, efp, strlen(efp));
		ordo_sha256_update(&sha, r->catalog->fingerprint, strlen(r->catalog->fingerprint));
		ordo_sha256_hex(&sha, hex);
		snprintf(w->fingerprint_, sizeof(w->fingerprint_), "sha256:%s", hex);
	}
	return w->fingerprint_;
}

void ordo_report_free(ordo_report *r)
{
	if (!r)
		return;
	for (uint32_t i = 0; i < r->nfindings; i++)
		if (r->findings[i]->server_set) {
			ordo_map_release(r->findings[i]->server_set);
			free(r->findings[i]->server_set);
		}
	ordo_arena_free(r->arena);
	free(r);
}
