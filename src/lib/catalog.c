/* SPDX-License-Identifier: MIT */
/*
 * catalog.c: load catalog layers, merge them by id, validate and compile.
 *
 * Loading is two passes: every file is parsed and its entries are filed
 * under their section and id (a later layer replaces an earlier entry, a
 * second entry with one id inside a layer is an error); then the merged
 * entries are compiled in dependency order: scales, products, then what
 * refers to products (checks, sequences, tasks, procedures, conflicts).
 */
#include "catalog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog_embed.h"
#include "loader.h"
#include "schema.h"
#include "sha256.h"

#ifndef ORDO_DEFAULT_SUITE
#define ORDO_DEFAULT_SUITE "system-center"
#endif

const char *ordo_severity_name(ordo_severity s)
{
	switch (s) {
	case ORDO_SEV_BLOCKER:
		return "blocker";
	case ORDO_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

const ordo_builtin_finding ordo_builtin_findings[] = {
	{"path.none", ORDO_SEV_BLOCKER, false, "No supported upgrade path to the target",
	 "No chain of supported upgrades leads from the component's version to its target: the "
	 "catalog lists the single hops each product supports, and none of their combinations ends "
	 "at the target (or the target is older than what is installed)."},
	{"path.update-rollup", ORDO_SEV_BLOCKER, false, "An update rollup is required before this upgrade",
	 "A hop of the path is supported only from a minimum update rollup that the component does "
	 "not have yet. The plan applies that rollup before the hop, and lists the step in "
	 "resolved_by."},
	{"path.update-rollup-recommended", ORDO_SEV_WARNING, true, "A later update rollup is recommended before this upgrade",
	 "The hop is supported from the installed update rollup, but the catalog records a later "
	 "rollup as recommended before upgrading."},
	{"path.intermediate", ORDO_SEV_INFO, true, "The target is reached through intermediate releases",
	 "The target is reached through intermediate releases; every hop is completed across the "
	 "suite before the next starts."},
	{"path.kept", ORDO_SEV_INFO, true, "Kept at its release",
	 "The estate says upgrade.keep: the component stays at its release, the plan has no step "
	 "for it, and the catalog's checks judge it beside the releases the others reach."},
	{"path.retired", ORDO_SEV_INFO, true, "Retired by the plan",
	 "The estate says upgrade.retire: the plan uninstalls the component (and unregisters the "
	 "integration packs for it) before anything it integrates with moves."},
	{"sequence.out-of-order", ORDO_SEV_BLOCKER, true, "Components were upgraded out of the supported order",
	 "A component that the suite's order puts later is already at a newer release than one that "
	 "must be upgraded before it: the estate is mixed in an unsupported order."},
	{"sql.no-common-version", ORDO_SEV_BLOCKER, true, "No version fits every database on a shared instance",
	 "Several components keep their databases on one database server instance, and at some "
	 "state of the plan no single version of the instance is accepted by all of them (one needs "
	 "a newer version than another still supports). The finding names the components and what "
	 "each accepts; moving a database to another instance resolves it."},
	{"estate.unknown-fact", ORDO_SEV_INFO, true, "Unknown fact in the estate",
	 "The estate gives a fact the catalog does not declare for the product, so no check reads it; "
	 "a misspelt fact name silently disables the check that needs it."},
	{"estate.waiver-expired", ORDO_SEV_WARNING, true, "A waiver has expired",
	 "A waiver's expiry date has passed: the finding it waived counts again."},
	{"estate.waiver-refused", ORDO_SEV_WARNING, false, "A waiver was refused",
	 "A waiver names a finding the catalog marks as not waivable: the waiver is ignored."},
	{"estate.waiver-unused", ORDO_SEV_INFO, true, "A waiver matches no finding",
	 "A waiver matches no finding of this estate."},
	{"estate.unknown", ORDO_SEV_WARNING, false, "A check could not judge for want of a fact",
	 "A check declares the facts it needs (`needs` in the catalog); where the estate does not "
	 "give one of them, the check cannot tell whether its finding applies. One finding per "
	 "check, component and fact names the servers (the first ones and how many) and what to add. "
	 "An estate with such a finding is never reported as plain READY, and it cannot be waived: "
	 "add the fact instead."},
	{"estate.unused-server", ORDO_SEV_WARNING, true, "A described server is not used",
	 "A server described under `servers:` is named by no role, database or server fact, often "
	 "because a role spells it another way; the finding gives the closest name the estate uses."},
	{NULL, ORDO_SEV_INFO, false, NULL, NULL},
};

const ordo_builtin_finding *ordo_builtin_finding_get(const char *id)
{
	for (const ordo_builtin_finding *b = ordo_builtin_findings; b->id; b++)
		if (!strcmp(b->id, id))
			return b;
	return NULL;
}

/* ---- pass 1: files and entries ---- */

enum { SEC_PRODUCTS, SEC_CHECKS, SEC_SEQUENCES, SEC_TASKS, SEC_PROCEDURES, SEC_CONFLICTS, SEC_N };
static const char *const sec_names[SEC_N] = {"products", "checks", "sequences",
					     "tasks",    "procedures", "conflicts"};

typedef struct {
	const ordo_node *node;
	const ordo_doc *doc;
	int layer;
	const char *key; /* arena */
} entry;

typedef struct {
	entry *items;
	size_t n, cap;
	ordo_map by_key; /* key -> index + 1 */
} entry_list;

typedef struct {
	ordo_catalog *c;
	ordo_diag *d;
	ordo_vec docs; /* ordo_doc* */
	entry_list sec[SEC_N];
	entry suite;
	entry scales[3];
	ordo_sha256 sha;
	bool lint;
} build;

static void list_put(build *b, entry_list *l, const char *key, const ordo_node *node,
		     const ordo_doc *doc, int layer, const char *what)
{
	uintptr_t at = (uintptr_t)ordo_map_get(&l->by_key, key, strlen(key));
	if (at) {
		entry *old = &l->items[at - 1];
		if (old->layer == layer) {
			ordo_loc loc = ordo_node_loc(doc, node);
			ordo_diag_add(b->d, &loc, "duplicate %s '%s' (first at %s:%u)", what, key,
				      old->doc->file, old->node->line);
			return;
		}
		old->node = node;
		old->doc = doc;
		old->layer = layer;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->items = ordo_xrealloc(l->items, l->cap * sizeof(entry));
	}
	entry *e = &l->items[l->n++];
	e->node = node;
	e->doc = doc;
	e->layer = layer;
	e->key = ordo_arena_strdup(b->c->arena, key);
	ordo_map_put(&l->by_key, e->key, strlen(e->key), (void *)(uintptr_t)l->n);
}

static const char *entry_key(build *b, int sec, const ordo_node *n, ordo_reader *r)
{
	if (sec == SEC_PROCEDURES) {
		const char *p = ordo_rd_text(r, n, "product", "a procedure", true);
		const char *role = ordo_rd_text(r, n, "role", "a procedure", true);
		const char *id = ordo_rd_text(r, n, "id", "a procedure", false);
		if (!p || !role)
			return NULL;
		return ordo_arena_printf(b->c->arena, "%s/%s%s%s", p, role, id ? "/" : "", id ? id : "");
	}
	return ordo_rd_text(r, n, "id", sec_names[sec], true);
}

static void file_doc(build *b, ordo_doc *doc, int layer)
{
	ordo_reader r = {b->d, doc, b->c->arena, 0};
	const ordo_node *root = doc->root;
	if (!root) {
		ordo_loc loc = {doc->file, 0, 0};
		ordo_diag_add(b->d, &loc, "empty catalog file");
		return;
	}
	if (!ordo_rd_is_map(&r, root, "a catalog file"))
		return;
	static const char *const top[] = {"ordo_catalog", "suite",      "scales",    "products",
					  "checks",       "sequences",  "tasks",     "procedures",
					  "conflicts",    NULL};
	ordo_rd_keys(&r, root, top, "a catalog file");
	const ordo_node *ver = ordo_node_get(root, "ordo_catalog");
	if (!ver)
		ordo_rd_error(&r, root, "missing 'ordo_catalog: 1' in a catalog file");
	else if (ver->type != ORDO_NODE_NUMBER || strcmp(ver->u.str, "1") != 0)
		ordo_rd_error(&r, ver, "unsupported catalog format '%s' (this ordo reads 1)",
			      ordo_rd_scalar(ver) ? ver->u.str : ordo_node_kind(ver));
	const ordo_node *suite = ordo_node_get(root, "suite");
	if (suite) {
		if (b->suite.node && b->suite.layer == layer)
			ordo_rd_error(&r, suite, "duplicate 'suite' (first at %s:%u)",
				      b->suite.doc->file, b->suite.node->line);
		b->suite = (entry){suite, doc, layer, NULL};
	}
	const ordo_node *scales = ordo_node_get(root, "scales");
	if (scales && ordo_rd_is_map(&r, scales, "'scales'")) {
		static const char *const names[] = {"release", "sql", "os", NULL};
		ordo_rd_keys(&r, scales, names, "'scales'");
		for (int i = 0; i < 3; i++) {
			const ordo_node *s = ordo_node_get(scales, names[i]);
			if (s)
				b->scales[i] = (entry){s, doc, layer, NULL};
		}
	}
	for (int s = 0; s < SEC_N; s++) {
		const ordo_node *list = ordo_node_get(root, sec_names[s]);
		if (!list)
			continue;
		char what[64];
		snprintf(what, sizeof(what), "'%s'", sec_names[s]);
		if (!ordo_rd_is_seq(&r, list, what))
			continue;
		for (uint32_t i = 0; i < list->len; i++) {
			const ordo_node *n = &list->u.items[i];
			snprintf(what, sizeof(what), "an entry of '%s'", sec_names[s]);
			if (!ordo_rd_is_map(&r, n, what))
				continue;
			const char *key = entry_key(b, s, n, &r);
			if (!key)
				continue;
			char kind[32];
			snprintf(kind, sizeof(kind), "%.*s id", (int)strlen(sec_names[s]) - 1,
				 sec_names[s]);
			list_put(b, &b->sec[s], key, n, doc, layer, kind);
		}
	}
}

static void hash_file(build *b, const char *name, const char *data, size_t len)
{
	uint64_t n = len;
	ordo_sha256_update(&b->sha, name, strlen(name) + 1);
	ordo_sha256_update(&b->sha, &n, sizeof(n));
	ordo_sha256_update(&b->sha, data, len);
}

/* name is what messages say; key what the fingerprint covers (the path
 * inside the catalog, so spelling the folder differently changes nothing) */
static int add_buffer(build *b, const char *name, const char *key, const char *data, size_t len,
		      int layer)
{
	ordo_doc *doc = NULL;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	int err = ordo_load_buffer(&doc, data, len, name, &lo, b->d);
	if (err < 0)
		return err;
	hash_file(b, key, data, len);
	ordo_vec_push(&b->docs, doc);
	b->c->nfiles++;
	file_doc(b, doc, layer);
	return 0;
}

static int add_file(build *b, const char *path, const char *key, int layer)
{
	char *data;
	size_t len;
	const char *why = NULL;
	int err = ordo_read_file(&data, &len, path, (size_t)256 << 20, &why);
	if (err < 0) {
		ordo_loc loc = {NULL, 0, 0};
		if (err == ORDO_ENOTFOUND)
			ordo_diag_add(b->d, &loc, "cannot read catalog '%s': %s", path, why);
		else
			ordo_diag_add(b->d, &loc, "catalog '%s': %s", path, why);
		return err;
	}
	err = add_buffer(b, path, key, data, len, layer);
	free(data);
	return err;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool catalog_name(const char *n)
{
	size_t l = strlen(n);
	return n[0] != '.' && ((l > 5 && strcmp(n + l - 5, ".yaml") == 0) ||
			       (l > 4 && strcmp(n + l - 4, ".yml") == 0) ||
			       (l > 5 && strcmp(n + l - 5, ".json") == 0));
}

/* Every catalog file below dir, sorted, so the merge is deterministic. */
static int add_dir(build *b, const char *dir, const char *rel, int layer, int depth)
{
	DIR *dh = opendir(dir);
	if (!dh) {
		ordo_loc loc = {NULL, 0, 0};
		ordo_diag_add(b->d, &loc, "cannot read catalog folder '%s'", dir);
		return ORDO_ENOTFOUND;
	}
	ordo_vec names = ORDO_VEC_INIT;
	struct dirent *de;
	while ((de = readdir(dh)))
		if (de->d_name[0] != '.')
			ordo_vec_push(&names, ordo_xstrdup(de->d_name));
	closedir(dh);
	ordo_sort(names.items, names.len, sizeof(void *), cmp_str);
	int err = 0;
	for (size_t i = 0; i < names.len; i++) {
		ordo_buf p = ORDO_BUF_INIT, k = ORDO_BUF_INIT;
		ordo_buf_printf(&p, "%s/%s", dir, (char *)names.items[i]);
		ordo_buf_printf(&k, "%s%s%s", rel, *rel ? "/" : "", (char *)names.items[i]);
		struct stat st;
		if (stat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode) && depth < 8) {
			int e = add_dir(b, p.ptr, k.ptr, layer, depth + 1);
			if (e < 0 && !err)
				err = e;
		} else if (catalog_name(names.items[i])) {
			int e = add_file(b, p.ptr, k.ptr, layer);
			if (e < 0 && !err)
				err = e;
		}
		ordo_buf_release(&p);
		ordo_buf_release(&k);
		free(names.items[i]);
	}
	ordo_vec_release(&names);
	return err;
}

/* ---- pass 2: compile ---- */

typedef struct {
	build *b;
	ordo_reader r;
} cx;

static void cx_at(cx *x, const entry *e)
{
	x->r.doc = e->doc;
}

static char *strdup_a(cx *x, const char *s)
{
	return s ? ordo_arena_strdup(x->b->c->arena, s) : NULL;
}

static void build_scale(cx *x, ordo_scale *s, const char *name, const entry *e, bool with_suffix)
{
	s->name = name;
	if (!e->node) {
		ordo_loc loc = {NULL, 0, 0};
		ordo_diag_add(x->b->d, &loc, "the catalog defines no '%s' scale", name);
		x->r.errors++;
		return;
	}
	cx_at(x, e);
	char where[48];
	snprintf(where, sizeof(where), "scale '%s'", name);
	if (!ordo_rd_is_map(&x->r, e->node, where))
		return;
	static const char *const keys[] = {"entries", "suffix", "prefixes", "editions", "title",
					   "step", "default_instance", NULL};
	ordo_rd_keys(&x->r, e->node, keys, where);
	ordo_rd_strlist(&x->r, e->node, "prefixes", where, false, &s->prefixes, &s->nprefixes);
	ordo_rd_strlist(&x->r, e->node, "editions", where, false, &s->editions, &s->neditions);
	const char **items;
	uint32_t n;
	ordo_rd_strlist(&x->r, e->node, "entries", where, true, &items, &n);
	s->entries = items;
	s->n = n;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < i; j++)
			if (strcmp(items[i], items[j]) == 0)
				ordo_rd_error(&x->r, ordo_node_get(e->node, "entries"),
					      "duplicate entry '%s' in %s", items[i], where);
	s->suffix = strdup_a(x, ordo_rd_text(&x->r, e->node, "suffix", where, false));
	s->title = strdup_a(x, ordo_rd_text(&x->r, e->node, "title", where, false));
	s->default_instance = strdup_a(x, ordo_rd_text(&x->r, e->node, "default_instance", where, false));
	const ordo_node *st = ordo_node_get(e->node, "step");
	if (st && ordo_rd_is_map(&x->r, st, where)) {
		static const char *const skeys[] = {"product", "role", NULL};
		ordo_rd_keys(&x->r, st, skeys, where);
		s->step_product = strdup_a(x, ordo_rd_text(&x->r, st, "product", where, true));
		s->step_role = strdup_a(x, ordo_rd_text(&x->r, st, "role", where, true));
	}
	(void)with_suffix;
}

static bool parse_version(cx *x, const ordo_node *at, const ordo_scale *s, const char *text,
			  ordo_version *out, const char *what)
{
	const char *why = NULL;
	if (ordo_version_parse(out, s, text, strlen(text), &why) < 0) {
		ordo_rd_error(&x->r, at, "invalid %s '%s': %s", what, text, why ? why : "malformed");
		out->scale = NULL;
		return false;
	}
	return true;
}

static bool version_field(cx *x, const ordo_node *map, const char *key, const char *where,
			  bool required, const ordo_scale *s, ordo_version *out)
{
	memset(out, 0, sizeof(*out));
	const char *t = ordo_rd_text(&x->r, map, key, where, required);
	if (!t)
		return false;
	return parse_version(x, ordo_node_get(map, key), s, t, out, key);
}

static void strlist(cx *x, const ordo_node *map, const char *key, const char *where, bool required,
		    ordo_strlist *out)
{
	ordo_rd_strlist(&x->r, map, key, where, required, &out->items, &out->n);
}

static void sources(cx *x, const ordo_node *map, const char *where, ordo_strlist *out)
{
	strlist(x, map, "sources", where, x->b->lint, out);
}

static const ordo_expr *compile(cx *x, const ordo_node *map, const char *key)
{
	const ordo_node *n = ordo_node_get(map, key);
	if (!n || n->type == ORDO_NODE_NULL)
		return NULL;
	if (n->type == ORDO_NODE_BOOL) {
		ordo_loc loc = ordo_node_loc(x->r.doc, n);
		ordo_expr *e = NULL;
		ordo_expr_compile(&e, x->b->c->arena, n->boolean ? "true" : "false", &loc, x->b->d);
		return e;
	}
	if (n->type != ORDO_NODE_STRING) {
		ordo_rd_error(&x->r, n, "'%s' must be a condition (a string), not %s", key,
			      ordo_node_kind(n));
		return NULL;
	}
	ordo_loc loc = ordo_node_loc(x->r.doc, n);
	if (n->quoted)
		loc.col++; /* the expression starts after the quote */
	ordo_expr *e = NULL;
	size_t before = x->b->d->len;
	if (ordo_expr_compile(&e, x->b->c->arena, n->u.str, &loc, x->b->d) < 0 ||
	    x->b->d->len > before) {
		x->r.errors++;
		return NULL;
	}
	return e;
}

static void template_from(cx *x, const char *src, const ordo_node *at, ordo_template *t)
{
	memset(t, 0, sizeof(*t));
	if (!src)
		return;
	t->source = src;
	ordo_arena *a = x->b->c->arena;
	/* count placeholders */
	uint32_t n = 1;
	for (const char *p = src; *p; p++)
		if (*p == '{')
			n++;
	t->lits = ordo_arena_alloc(a, n * sizeof(char *));
	t->exprs = ordo_arena_alloc(a, n * sizeof(ordo_expr *));
	const char *p = src;
	ordo_buf lit = ORDO_BUF_INIT;
	while (*p) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			/* doubled braces are literal ones: "@{{Max=1}}" */
			ordo_buf_putc(&lit, *p);
			p += 2;
			continue;
		}
		if (*p == '{') {
			const char *end = strchr(p, '}');
			if (!end) {
				ordo_rd_error(&x->r, at, "unterminated '{' in text '%s'", src);
				break;
			}
			char *code = ordo_arena_strndup(a, p + 1, (size_t)(end - p - 1));
			ordo_loc loc = ordo_node_loc(x->r.doc, at);
			ordo_expr *e = NULL;
			size_t before = x->b->d->len;
			if (ordo_expr_compile(&e, a, code, &loc, x->b->d) < 0 || x->b->d->len > before)
				x->r.errors++;
			t->lits[t->nparts] = ordo_arena_strndup(a, ordo_buf_cstr(&lit), lit.len);
			t->exprs[t->nparts] = e;
			t->nparts++;
			ordo_buf_clear(&lit);
			p = end + 1;
			continue;
		}
		ordo_buf_putc(&lit, *p++);
	}
	t->lits[t->nparts] = ordo_arena_strndup(a, ordo_buf_cstr(&lit), lit.len);
	t->exprs[t->nparts] = NULL;
	t->nparts++;
	ordo_buf_release(&lit);
}

static void template_field(cx *x, const ordo_node *map, const char *key, const char *where,
			   bool required, ordo_template *t)
{
	const char *s = ordo_rd_text(&x->r, map, key, where, required);
	template_from(x, s, ordo_node_get(map, key), t);
}

/* Text for people: strings as they are, lists as "a, b and c" (a NODE
 * list's items too), not the quoted form evidence uses. */
static void render_value(const ordo_value *v, ordo_buf *out, ordo_eval *ev)
{
	if (v->type == ORDO_VAL_STR) {
		ordo_buf_put(out, v->u.str.s, v->u.str.len);
		return;
	}
	if (v->type == ORDO_VAL_NULL) {
		ordo_buf_puts(out, "(not given)");
		return;
	}
	if (v->type == ORDO_VAL_NODE && v->u.node && ordo_node_is_scalar(v->u.node)) {
		ordo_value sv = ordo_val_node(v->u.node);
		render_value(&sv, out, ev);
		return;
	}
	uint32_t n = 0;
	bool list = false;
	if (v->type == ORDO_VAL_LIST) {
		n = v->u.list.n;
		list = true;
	} else if (v->type == ORDO_VAL_NODE && v->u.node && v->u.node->type == ORDO_NODE_SEQ) {
		n = v->u.node->len;
		list = true;
	}
	if (!list) {
		ordo_val_format(v, out);
		return;
	}
	if (!n) {
		ordo_buf_puts(out, "(none)");
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		ordo_value item = v->type == ORDO_VAL_LIST ? v->u.list.items[i]
							   : ordo_val_item(v->u.node, i);
		ordo_buf_puts(out, i == 0 ? "" : i + 1 == n ? " and " : ", ");
		if (item.type == ORDO_VAL_OBJ && item.u.obj.name)
			ordo_buf_puts(out, item.u.obj.name);
		else
			render_value(&item, out, ev);
	}
}

void ordo_template_render(const ordo_template *t, const ordo_eval_ctx *ctx, ordo_eval *ev,
			  ordo_buf *out)
{
	for (uint32_t i = 0; i < t->nparts; i++) {
		ordo_buf_puts(out, t->lits[i]);
		if (t->exprs[i]) {
			ordo_value v;
			uint32_t mark = ev->trace_len;
			ordo_expr_eval(t->exprs[i], ctx, ev, &v);
			ev->trace_len = mark; /* text, not evidence */
			render_value(&v, out, ev);
		}
	}
}

/* facts declarations */
static void fact_decl(cx *x, const ordo_node *n, const char *name, ordo_cat_fact *f, int depth);

static void fact_map(cx *x, const ordo_node *keys, ordo_cat_fact *f, int depth)
{
	f->type = ORDO_FACT_MAP;
	if (!keys)
		return;
	if (!ordo_rd_is_map(&x->r, keys, "fact declarations"))
		return;
	f->nkeys = keys->len;
	f->keys = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_cat_fact) * (keys->len + 1));
	for (uint32_t i = 0; i < keys->len; i++)
		fact_decl(x, ordo_node_val(keys, i), ordo_node_key(keys, i)->u.str, &f->keys[i],
			  depth + 1);
}

static void fact_decl(cx *x, const ordo_node *n, const char *name, ordo_cat_fact *f, int depth)
{
	static const char *const types[] = {"any", "string", "number", "bool",
					    "list", "map", "server", NULL};
	static const char *const keys[] = {"type", "values", "default", "default_from",
					   "keys", "doc",    NULL};
	char where[96];
	snprintf(where, sizeof(where), "fact '%s'", name);
	f->name = name;
	if (depth > 8) {
		ordo_rd_error(&x->r, n, "fact declarations nested too deep");
		return;
	}
	if (!ordo_rd_is_map(&x->r, n, where))
		return;
	ordo_rd_keys(&x->r, n, keys, where);
	const char *t = ordo_rd_text(&x->r, n, "type", where, false);
	f->type = ORDO_FACT_ANY;
	if (t) {
		int i;
		for (i = 0; types[i]; i++)
			if (strcmp(types[i], t) == 0)
				break;
		if (!types[i])
			ordo_rd_error(&x->r, ordo_node_get(n, "type"),
				      "unknown fact type '%s' (any, string, number, bool, list, map, server)",
				      t);
		else
			f->type = (ordo_fact_type)i;
	}
	strlist(x, n, "values", where, false, &f->values);
	f->def = ordo_node_get(n, "default");
	f->default_from = ordo_rd_text(&x->r, n, "default_from", where, false);
	const ordo_node *k = ordo_node_get(n, "keys");
	if (f->type == ORDO_FACT_MAP || k)
		fact_map(x, k, f, depth);
}

const ordo_cat_fact *ordo_fact_lookup(const ordo_cat_fact *map, const char *path)
{
	const ordo_cat_fact *f = map;
	while (f && *path) {
		const char *dot = strchr(path, '.');
		size_t len = dot ? (size_t)(dot - path) : strlen(path);
		const ordo_cat_fact *next = NULL;
		for (uint32_t i = 0; i < f->nkeys; i++)
			if (ordo_streq(path, len, f->keys[i].name) ||
			    (strlen(f->keys[i].name) == len &&
			     memcmp(f->keys[i].name, path, len) == 0)) {
				next = &f->keys[i];
				break;
			}
		if (!next)
			return (f->type == ORDO_FACT_ANY && f != map) ? f : NULL;
		f = next;
		path = dot ? dot + 1 : path + len;
	}
	return f;
}

/* upgrade.keep and upgrade.retire are the engine's: every product has
 * them (booleans), so estates and conditions may use them without each
 * product declaring them, and no product may declare them itself. */
static const char *const intentions[] = {"keep", "retire", NULL};

static void engine_intentions(cx *x, const ordo_node *decl, ordo_cat_fact *up)
{
	for (uint32_t i = 0; i < up->nkeys; i++)
		for (int j = 0; intentions[j]; j++)
			if (!strcmp(up->keys[i].name, intentions[j]))
				ordo_rd_error(&x->r, ordo_node_get(decl, intentions[j]),
					      "'upgrade.%s' is an intention of every product; do not declare it",
					      intentions[j]);
	ordo_cat_fact *keys = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_cat_fact) * (up->nkeys + 3));
	if (up->nkeys)
		memcpy(keys, up->keys, sizeof(ordo_cat_fact) * up->nkeys);
	for (int j = 0; intentions[j]; j++) {
		ordo_cat_fact *f = &keys[up->nkeys++];
		memset(f, 0, sizeof(*f));
		f->name = intentions[j];
		f->type = ORDO_FACT_BOOL;
	}
	up->keys = keys;
	up->type = ORDO_FACT_MAP;
}

static int32_t release_index(cx *x, const ordo_node *at, const char *text)
{
	int i = ordo_scale_find(&x->b->c->release, text, strlen(text));
	if (i < 0)
		ordo_rd_error(&x->r, at, "unknown release '%s'", text);
	return i;
}

static ordo_value string_list_value(cx *x, const ordo_node *n, const char *where,
				    const ordo_scale *scale)
{
	ordo_value v = ordo_val_null();
	if (!n)
		return v;
	if (!ordo_rd_is_seq(&x->r, n, where))
		return v;
	ordo_value *items = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_value) * (n->len + 1));
	for (uint32_t i = 0; i < n->len; i++) {
		const char *s = ordo_rd_scalar(&n->u.items[i]);
		if (!s) {
			ordo_rd_error(&x->r, &n->u.items[i], "%s must list strings", where);
			continue;
		}
		if (scale) {
			ordo_version tmp;
			parse_version(x, &n->u.items[i], scale, s, &tmp, scale->name);
		}
		items[i] = ordo_val_str(s, n->u.items[i].len);
	}
	v.type = ORDO_VAL_LIST;
	v.u.list.items = items;
	v.u.list.n = n->len;
	return v;
}

static void build_product(cx *x, const entry *e, ordo_cat_product *p, int index)
{
	ordo_catalog *c = x->b->c;
	const ordo_node *n = e->node;
	cx_at(x, e);
	static const char *const keys[] = {"id",     "name",    "releases", "track",   "last_release",
					   "roles",  "facts",   "upgrade",  "edges",   "support",
					   "sources", "doc",    "stays_after_last_release", NULL};
	p->id = e->key;
	p->index = index;
	p->loc = ordo_node_loc(e->doc, n);
	char where[96];
	snprintf(where, sizeof(where), "product '%s'", p->id);
	ordo_rd_keys(&x->r, n, keys, where);
	p->name = ordo_rd_text(&x->r, n, "name", where, true);
	const char *track = ordo_rd_text(&x->r, n, "track", where, false);
	if (track && strcmp(track, "independent") == 0)
		p->independent = true;
	else if (track && strcmp(track, "suite") != 0)
		ordo_rd_error(&x->r, ordo_node_get(n, "track"),
			      "unknown track '%s' in %s (suite or independent)", track, where);
	const char **rel;
	uint32_t nrel;
	ordo_rd_strlist(&x->r, n, "releases", where, true, &rel, &nrel);
	p->releases = ordo_arena_alloc(c->arena, sizeof(int32_t) * (nrel + 1));
	for (uint32_t i = 0; i < nrel; i++) {
		int32_t idx = release_index(x, ordo_node_get(n, "releases"), rel[i]);
		if (idx < 0)
			continue;
		if (p->nreleases && idx <= p->releases[p->nreleases - 1])
			ordo_rd_error(&x->r, ordo_node_get(n, "releases"),
				      "releases of %s must follow the release scale's order ('%s')",
				      where, rel[i]);
		p->releases[p->nreleases++] = idx;
	}
	version_field(x, n, "last_release", where, false, &c->release, &p->last_release);
	p->stays_after_last_release = ordo_rd_bool(&x->r, n, "stays_after_last_release", where, false);
	if (p->stays_after_last_release && !p->last_release.scale)
		ordo_rd_error(&x->r, ordo_node_get(n, "stays_after_last_release"),
			      "'stays_after_last_release' of %s needs 'last_release'", where);

	/* roles */
	const ordo_node *roles = ordo_node_get(n, "roles");
	if (ordo_rd_is_seq(&x->r, roles, "'roles'")) {
		p->roles = ordo_arena_alloc(c->arena, sizeof(ordo_cat_role) * (roles->len + 1));
		for (uint32_t i = 0; i < roles->len; i++) {
			const ordo_node *rn = &roles->u.items[i];
			if (!ordo_rd_is_map(&x->r, rn, "a role"))
				continue;
			static const char *const rkeys[] = {"id",    "mode", "initial",  "batch", "anonymous",
							    "after", "with", "moves_to", "doc",   NULL};
			ordo_rd_keys(&x->r, rn, rkeys, "a role");
			ordo_cat_role *r = &p->roles[p->nroles];
			r->id = ordo_rd_text(&x->r, rn, "id", "a role", true);
			if (!r->id)
				continue;
			for (uint32_t j = 0; j < p->nroles; j++)
				if (strcmp(p->roles[j].id, r->id) == 0)
					ordo_rd_error(&x->r, rn, "duplicate role '%s' in %s", r->id,
						      where);
			r->index = (int)p->nroles;
			const char *mode = ordo_rd_text(&x->r, rn, "mode", "a role", false);
			r->mode = ORDO_MODE_SEQUENTIAL;
			if (mode) {
				if (!strcmp(mode, "alone"))
					r->mode = ORDO_MODE_ALONE;
				else if (!strcmp(mode, "parallel"))
					r->mode = ORDO_MODE_PARALLEL;
				else if (!strcmp(mode, "batch"))
					r->mode = ORDO_MODE_BATCH;
				else if (strcmp(mode, "sequential"))
					ordo_rd_error(&x->r, ordo_node_get(rn, "mode"),
						      "unknown mode '%s' (alone, sequential, parallel, batch)",
						      mode);
			}
			r->initial = ordo_rd_bool(&x->r, rn, "initial", "a role", false);
			r->anonymous = ordo_rd_bool(&x->r, rn, "anonymous", "a role", false);
			double batch = 0;
			if (ordo_rd_number(&x->r, rn, "batch", "a role", false, &batch)) {
				if (batch < 1 || batch > 1e9)
					ordo_rd_error(&x->r, ordo_node_get(rn, "batch"),
						      "'batch' must be between 1 and 1000000000");
				else
					r->batch = (uint32_t)batch;
			}
			if (r->mode == ORDO_MODE_BATCH && !r->batch)
				r->batch = 100;
			r->after_given = ordo_node_get(rn, "after") != NULL;
			strlist(x, rn, "after", "a role", false, &r->after);
			r->with = ordo_rd_text(&x->r, rn, "with", "a role", false);
			r->moves_to = compile(x, rn, "moves_to");
			p->nroles++;
		}
	}

	for (uint32_t i = 0; i < p->nroles; i++) {
		const ordo_cat_role *r = &p->roles[i];
		const ordo_node *rn = roles ? &roles->u.items[i] : n;
		for (uint32_t j = 0; j < r->after.n; j++) {
			const char *item = r->after.items[j];
			const char *colon = strchr(item, ':');
			char name[64];
			snprintf(name, sizeof(name), "%.*s", colon ? (int)(colon - item) : (int)strlen(item), item);
			const ordo_cat_role *a = ordo_product_role(p, name);
			if (a && colon && (strcmp(colon, ":initial") || !a->initial))
				ordo_rd_error(&x->r, ordo_node_get(rn, "after"),
					      "'%s' in 'after' of role '%s': only ':initial' of a role with 'initial: true' is known",
					      item, r->id);
			if (!a || a->index >= r->index)
				ordo_rd_error(&x->r, ordo_node_get(rn, "after"),
					      "role '%s' of %s must come after roles listed before it, not '%s'",
					      r->id, where, r->after.items[j]);
		}
		if (r->with) {
			const ordo_cat_role *a = ordo_product_role(p, r->with);
			if (!a || a->index >= r->index)
				ordo_rd_error(&x->r, ordo_node_get(rn, "with"),
					      "'with' of role '%s' must name a role listed before it, not '%s'",
					      r->id, r->with);
		}
	}

	/* facts */
	fact_map(x, ordo_node_get(n, "facts"), &p->facts, 0);
	fact_map(x, ordo_node_get(n, "upgrade"), &p->upgrade, 0);
	engine_intentions(x, ordo_node_get(n, "upgrade"), &p->upgrade);

	/* edges */
	const ordo_node *edges = ordo_node_get(n, "edges");
	if (edges && ordo_rd_is_seq(&x->r, edges, "'edges'")) {
		p->edges = ordo_arena_alloc(c->arena, sizeof(ordo_cat_edge) * (edges->len + 1));
		for (uint32_t i = 0; i < edges->len; i++) {
			const ordo_node *en = &edges->u.items[i];
			if (!ordo_rd_is_map(&x->r, en, "an edge"))
				continue;
			static const char *const ekeys[] = {"from", "to",      "min", "recommended",
							    "sources", "doc", NULL};
			ordo_rd_keys(&x->r, en, ekeys, "an edge");
			ordo_cat_edge *ed = &p->edges[p->nedges];
			ed->loc = ordo_node_loc(e->doc, en);
			bool ok = version_field(x, en, "from", "an edge", true, &c->release, &ed->from);
			ok &= version_field(x, en, "to", "an edge", true, &c->release, &ed->to);
			version_field(x, en, "min", "an edge", false, &c->release, &ed->min);
			version_field(x, en, "recommended", "an edge", false, &c->release,
				      &ed->recommended);
			sources(x, en, "an edge", &ed->sources);
			if (!ok)
				continue;
			ed->from.sub = ed->to.sub = -1;
			if (ed->min.scale && ed->min.idx != ed->from.idx)
				ordo_rd_error(&x->r, en, "the minimum '%s' of an edge is not on its source release",
					      ordo_rd_text(&x->r, en, "min", "an edge", false));
			if (ordo_version_cmp_release(&ed->to, &ed->from) <= 0)
				ordo_rd_error(&x->r, en, "an edge must go to a later release");
			if (!ordo_product_has_release(p, ed->from.idx) ||
			    !ordo_product_has_release(p, ed->to.idx))
				ordo_rd_error(&x->r, en, "an edge of %s names a release the product does not list",
					      where);
			p->nedges++;
		}
	}

	/* support */
	const ordo_node *sup = ordo_node_get(n, "support");
	if (sup && ordo_rd_is_seq(&x->r, sup, "'support'")) {
		p->support = ordo_arena_alloc(c->arena, sizeof(ordo_cat_support) * (sup->len + 1));
		for (uint32_t i = 0; i < sup->len; i++) {
			const ordo_node *sn = &sup->u.items[i];
			if (!ordo_rd_is_map(&x->r, sn, "a support entry"))
				continue;
			static const char *const skeys[] = {"release", "os", "sql", "sources", "doc", NULL};
			ordo_rd_keys(&x->r, sn, skeys, "a support entry");
			ordo_cat_support *s = &p->support[p->nsupport];
			if (!version_field(x, sn, "release", "a support entry", true, &c->release,
					   &s->release))
				continue;
			const ordo_node *os = ordo_node_get(sn, "os");
			if (os && os->type == ORDO_NODE_SEQ) {
				s->nos = 1;
				s->os = ordo_arena_alloc(c->arena, sizeof(ordo_cat_role_os));
				s->os[0].role = "*";
				s->os[0].list = string_list_value(x, os, "'os'", &c->os);
			} else if (os && ordo_rd_is_map(&x->r, os, "'os'")) {
				s->os = ordo_arena_alloc(c->arena,
							 sizeof(ordo_cat_role_os) * (os->len + 1));
				for (uint32_t j = 0; j < os->len; j++) {
					const char *role = ordo_node_key(os, j)->u.str;
					if (strcmp(role, "*") && !ordo_product_role(p, role))
						ordo_rd_error(&x->r, ordo_node_key(os, j),
							      "unknown role '%s' in %s", role, where);
					s->os[s->nos].role = role;
					s->os[s->nos].list = string_list_value(x, ordo_node_val(os, j),
									       "'os'", &c->os);
					s->nos++;
				}
			}
			s->sql = string_list_value(x, ordo_node_get(sn, "sql"), "'sql'", &c->sql);
			sources(x, sn, "a support entry", &s->sources);
			p->nsupport++;
		}
	}
}

bool ordo_product_has_release(const ordo_cat_product *p, int32_t idx)
{
	for (uint32_t i = 0; i < p->nreleases; i++)
		if (p->releases[i] == idx)
			return true;
	return false;
}

const ordo_cat_role *ordo_product_role(const ordo_cat_product *p, const char *role)
{
	for (uint32_t i = 0; i < p->nroles; i++)
		if (strcmp(p->roles[i].id, role) == 0)
			return &p->roles[i];
	return NULL;
}

const ordo_cat_support *ordo_product_support(const ordo_cat_product *p, int32_t idx)
{
	for (uint32_t i = 0; i < p->nsupport; i++)
		if (p->support[i].release.idx == idx)
			return &p->support[i];
	return NULL;
}

ordo_value ordo_support_os(const ordo_cat_support *s, const char *role)
{
	const ordo_cat_role_os *star = NULL;
	if (!s)
		return ordo_val_null();
	for (uint32_t i = 0; i < s->nos; i++) {
		if (role && strcmp(s->os[i].role, role) == 0)
			return s->os[i].list;
		if (strcmp(s->os[i].role, "*") == 0)
			star = &s->os[i];
	}
	return star ? star->list : ordo_val_null();
}

const ordo_cat_product *ordo_catalog_product(const ordo_catalog *c, const char *id)
{
	return ordo_map_get(&c->product_by_id, id, strlen(id));
}

const ordo_cat_check *ordo_catalog_check(const ordo_catalog *c, const char *id)
{
	return ordo_map_get(&c->check_by_id, id, strlen(id));
}

/* ---- path validation (lint of conditions) ---- */

static const char *const component_fields[] = {
	"id",         "product",      "version",     "target",
	"requested_target", "facts",  "upgrade",     "database",
	"roles",      "servers",      "integrations", "integrated_products",
	"integration_packs", "product_info", NULL};
static const char *const database_fields[] = {"server", "sql_version", "name", "availability_group",
					      "free_space_percent", "shared_with", NULL};
static const char *const hop_fields[] = {"from", "to", "min", "index", "count", "first", "last", NULL};
static const char *const server_fields[] = {"name", "os", "pending_restart", "domain_joined", "facts",
					    "roles", NULL};
static const char *const pack_fields[] = {"for", "for_product", "version", NULL};
static const char *const product_fields[] = {"id", "name", "last_release", NULL};
static const char *const estate_fields[] = {"name", "target", NULL};
static const char *const support_fields[] = {"os", "sql", NULL};

static bool in_list(const char *const *l, const char *s, size_t len)
{
	for (; *l; l++)
		if (ordo_streq(s, len, *l))
			return true;
	return false;
}

typedef struct {
	cx *x;
	const ordo_cat_check *check; /* or NULL */
	ordo_scope scope;
	const ordo_strlist *products;
	bool pair; /* sequence edge: first/second */
	const char *where;
} path_ctx;

static bool fact_known(const ordo_catalog *c, const ordo_strlist *products, bool upgrade,
		       const char *rest)
{
	for (uint32_t i = 0; i < c->nproducts; i++) {
		const ordo_cat_product *p = &c->products[i];
		bool listed = products->n == 0;
		for (uint32_t j = 0; j < products->n && !listed; j++)
			listed = strcmp(products->items[j], p->id) == 0;
		if (!listed)
			continue;
		if (!*rest)
			return true;
		if (ordo_fact_lookup(upgrade ? &p->upgrade : &p->facts, rest))
			return true;
	}
	return false;
}

static bool role_known(const ordo_catalog *c, const ordo_strlist *products, const char *role,
		       size_t len)
{
	for (uint32_t i = 0; i < c->nproducts; i++) {
		const ordo_cat_product *p = &c->products[i];
		bool listed = products->n == 0;
		for (uint32_t j = 0; j < products->n && !listed; j++)
			listed = strcmp(products->items[j], p->id) == 0;
		if (!listed)
			continue;
		for (uint32_t k = 0; k < p->nroles; k++)
			if (ordo_streq(role, len, p->roles[k].id))
				return true;
	}
	return false;
}

/* Check a component-relative path (after the root's own segment). */
static bool component_path(const ordo_catalog *c, const ordo_strlist *products, const char *p)
{
	const char *dot = strchr(p, '.');
	size_t len = dot ? (size_t)(dot - p) : strlen(p);
	char seg[64];
	size_t sl = len < sizeof(seg) - 1 ? len : sizeof(seg) - 1;
	memcpy(seg, p, sl);
	seg[sl] = 0;
	char *br = strstr(seg, "[]");
	if (br)
		*br = 0;
	const char *rest = dot ? dot + 1 : "";
	if (!in_list(component_fields, seg, strlen(seg)))
		return false;
	if (!strcmp(seg, "facts") || !strcmp(seg, "upgrade"))
		return fact_known(c, products, seg[0] == 'u', rest);
	if (!*rest)
		return true;
	const char *d2 = strchr(rest, '.');
	size_t l2 = d2 ? (size_t)(d2 - rest) : strlen(rest);
	if (!strcmp(seg, "database"))
		return in_list(database_fields, rest, l2);
	if (!strcmp(seg, "servers"))
		return in_list(server_fields, rest, l2) || !strncmp(rest, "facts", 5);
	if (!strcmp(seg, "integration_packs"))
		return in_list(pack_fields, rest, l2);
	if (!strcmp(seg, "product_info"))
		return in_list(product_fields, rest, l2);
	if (!strcmp(seg, "roles")) {
		if (!role_known(c, products, rest, l2))
			return false;
		if (!d2)
			return true;
		return !strcmp(d2 + 1, "servers") || !strcmp(d2 + 1, "count");
	}
	return !*rest || false;
}

static void check_path(const char *path, const ordo_loc *loc, void *payload)
{
	path_ctx *pc = payload;
	const ordo_catalog *c = pc->x->b->c;
	const char *dot = strchr(path, '.');
	size_t len = dot ? (size_t)(dot - path) : strlen(path);
	const char *rest = dot ? dot + 1 : "";
	char root[64];
	size_t rl = len < sizeof(root) - 1 ? len : sizeof(root) - 1;
	memcpy(root, path, rl);
	root[rl] = 0;
	char *br = strstr(root, "[]");
	if (br)
		*br = 0;
	bool ok = false;
	size_t l2 = strchr(rest, '.') ? (size_t)(strchr(rest, '.') - rest) : strlen(rest);
	static const ordo_strlist none = {NULL, 0};
	if (pc->pair) {
		if (!strcmp(root, "first") || !strcmp(root, "second"))
			ok = !*rest || component_path(c, &none, rest);
		else if (!strcmp(root, "linked"))
			ok = !*rest;
	} else if (!strcmp(root, "estate")) {
		ok = !*rest || in_list(estate_fields, rest, l2);
	} else if (!strcmp(root, "components")) {
		ok = !*rest || component_path(c, &none, rest);
	} else if (!strcmp(root, "hop")) {
		ok = pc->scope >= ORDO_SCOPE_HOP && pc->scope != ORDO_SCOPE_PACK &&
		     (!*rest || in_list(hop_fields, rest, l2));
	} else if (!strcmp(root, "support")) {
		ok = pc->scope >= ORDO_SCOPE_COMPONENT && (!*rest || in_list(support_fields, rest, l2));
	} else if (!strcmp(root, "server")) {
		ok = pc->scope == ORDO_SCOPE_SERVER &&
		     (!*rest || in_list(server_fields, rest, l2) || !strncmp(rest, "facts", 5));
	} else if (!strcmp(root, "role")) {
		ok = pc->scope == ORDO_SCOPE_SERVER && !*rest;
	} else if (!strcmp(root, "pack")) {
		ok = pc->scope == ORDO_SCOPE_PACK && (!*rest || in_list(pack_fields, rest, l2));
	} else if (!strcmp(root, "for")) {
		ok = pc->scope == ORDO_SCOPE_PACK && (!*rest || component_path(c, &none, rest));
	} else if (pc->scope >= ORDO_SCOPE_COMPONENT) {
		ok = component_path(c, pc->products, path);
	}
	if (!ok) {
		ordo_diag_add(pc->x->b->d, loc, "unknown fact path '%s' in %s", path, pc->where);
		pc->x->r.errors++;
	}
}

static void lint_expr(cx *x, const ordo_expr *e, ordo_scope scope, const ordo_strlist *products,
		      bool pair, const char *where)
{
	if (!e)
		return;
	path_ctx pc = {x, NULL, scope, products, pair, where};
	ordo_expr_paths(e, check_path, &pc);
}

static void lint_template(cx *x, const ordo_template *t, ordo_scope scope,
			  const ordo_strlist *products, const char *where)
{
	for (uint32_t i = 0; i < t->nparts; i++)
		lint_expr(x, t->exprs[i], scope, products, false, where);
}

static void product_refs(cx *x, const ordo_node *at, const ordo_strlist *l, const char *where)
{
	for (uint32_t i = 0; i < l->n; i++)
		if (!ordo_catalog_product(x->b->c, l->items[i]))
			ordo_rd_error(&x->r, at, "unknown product '%s' in %s", l->items[i], where);
}

/* a need's `fact` is one path, nothing else */
static void one_path(const char *path, const ordo_loc *loc, void *payload)
{
	const char **first = payload;
	(void)loc;
	*first = *first ? "" : path;
}

static void build_needs(cx *x, const ordo_node *n, ordo_cat_check *k, const char *where)
{
	const ordo_node *list = ordo_node_get(n, "needs");
	if (!list || list->type == ORDO_NODE_NULL || !ordo_rd_is_seq(&x->r, list, "'needs'"))
		return;
	k->needs = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_cat_need) * (list->len + 1));
	for (uint32_t i = 0; i < list->len; i++) {
		const ordo_node *nn = &list->u.items[i];
		if (!ordo_rd_is_map(&x->r, nn, "a need"))
			continue;
		static const char *const keys[] = {"fact", "when", "add", NULL};
		ordo_rd_keys(&x->r, nn, keys, "a need");
		ordo_cat_need *nd = &k->needs[k->nneeds];
		nd->fact = ordo_rd_text(&x->r, nn, "fact", "a need", true);
		if (!nd->fact)
			continue;
		nd->value = compile(x, nn, "fact");
		if (!nd->value)
			continue;
		const char *path = NULL;
		ordo_expr_paths(nd->value, one_path, &path);
		if (!path || strcmp(path, nd->fact)) {
			ordo_rd_error(&x->r, ordo_node_get(nn, "fact"),
				      "'fact' of a need in %s must be a fact path such as server.os, not '%s'",
				      where, nd->fact);
			continue;
		}
		nd->when = compile(x, nn, "when");
		template_field(x, nn, "add", "a need", false, &nd->add);
		lint_expr(x, nd->value, k->scope, &k->products, false, where);
		lint_expr(x, nd->when, k->scope, &k->products, false, where);
		lint_template(x, &nd->add, k->scope, &k->products, where);
		k->nneeds++;
	}
}

/* An invariant is judged on every state of a plan, where there is no hop
 * and no target: its condition may read the state (versions, support of
 * the release a member is at, facts, servers, packs), not the move. */
struct invariant_paths {
	const char *bad;
};

static void invariant_path(const char *path, const ordo_loc *loc, void *payload)
{
	struct invariant_paths *ip = payload;
	(void)loc;
	static const char *const moves[] = {"hop", "target", "requested_target", NULL};
	for (const char *const *m = moves; *m && !ip->bad; m++) {
		size_t n = strlen(*m);
		if (!strncmp(path, *m, n) && (path[n] == '\0' || path[n] == '.' || path[n] == '['))
			ip->bad = *m;
	}
}

static void lint_invariant(cx *x, const ordo_node *n, const ordo_cat_check *k)
{
	const ordo_node *at = ordo_node_get(n, "invariant");
	if (k->scope == ORDO_SCOPE_ESTATE) {
		ordo_rd_error(&x->r, at ? at : n,
			      "check '%s' is an invariant but has estate scope: an invariant is judged per member, component or pack at every state of a plan",
			      k->id);
		return;
	}
	struct invariant_paths ip = {NULL};
	if (k->when)
		ordo_expr_paths(k->when, invariant_path, &ip);
	if (ip.bad)
		ordo_rd_error(&x->r, at ? at : n,
			      "check '%s' is an invariant but its condition reads '%s', which an intermediate state of a plan does not have (it judges what is, not the move)",
			      k->id, ip.bad);
}

static void build_check(cx *x, const entry *e, ordo_cat_check *k)
{
	static const char *const keys[] = {"id",      "severity",    "waivable",    "scope",
					   "products", "roles",      "when",        "title",
					   "detail",  "remediation", "sources",     "accepted_by",
					   "resolved_by", "builtin", "invariant",  "doc",
					   "needs",   NULL};
	static const char *const scopes[] = {"estate", "component", "hop", "server", "pack", NULL};
	const ordo_node *n = e->node;
	cx_at(x, e);
	k->id = e->key;
	k->loc = ordo_node_loc(e->doc, n);
	char where[128];
	snprintf(where, sizeof(where), "check '%s'", k->id);
	ordo_rd_keys(&x->r, n, keys, where);
	k->builtin = ordo_rd_bool(&x->r, n, "builtin", where, false);
	const char *sev = ordo_rd_text(&x->r, n, "severity", where, !k->builtin);
	k->severity = ORDO_SEV_WARNING;
	if (sev) {
		if (!strcmp(sev, "blocker"))
			k->severity = ORDO_SEV_BLOCKER;
		else if (!strcmp(sev, "info"))
			k->severity = ORDO_SEV_INFO;
		else if (strcmp(sev, "warning"))
			ordo_rd_error(&x->r, ordo_node_get(n, "severity"),
				      "unknown severity '%s' (blocker, warning, info)", sev);
	}
	k->waivable = ordo_rd_bool(&x->r, n, "waivable", where, true);
	k->invariant = ordo_rd_bool(&x->r, n, "invariant", where, false);
	const char *scope = ordo_rd_text(&x->r, n, "scope", where, false);
	k->scope = ORDO_SCOPE_COMPONENT;
	if (scope) {
		int i;
		for (i = 0; scopes[i]; i++)
			if (!strcmp(scopes[i], scope))
				break;
		if (!scopes[i])
			ordo_rd_error(&x->r, ordo_node_get(n, "scope"),
				      "unknown scope '%s' (estate, component, hop, server, pack)", scope);
		else
			k->scope = (ordo_scope)i;
	}
	strlist(x, n, "products", where, false, &k->products);
	product_refs(x, ordo_node_get(n, "products"), &k->products, where);
	strlist(x, n, "roles", where, false, &k->roles);
	for (uint32_t i = 0; i < k->roles.n; i++)
		if (!role_known(x->b->c, &k->products, k->roles.items[i], strlen(k->roles.items[i])))
			ordo_rd_error(&x->r, ordo_node_get(n, "roles"), "unknown role '%s' in %s",
				      k->roles.items[i], where);
	k->when = compile(x, n, "when");
	if (!k->when && !k->builtin && !ordo_node_get(n, "when"))
		ordo_rd_error(&x->r, n, "missing 'when' in %s", where);
	k->accepted_by = compile(x, n, "accepted_by");
	template_field(x, n, "title", where, true, &k->title);
	template_field(x, n, "detail", where, false, &k->detail);
	const ordo_node *rem = ordo_node_get(n, "remediation");
	if (rem && ordo_rd_is_seq(&x->r, rem, "'remediation'")) {
		k->remediation = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_cat_remedy) * (rem->len + 1));
		for (uint32_t i = 0; i < rem->len; i++) {
			const ordo_node *rn = &rem->u.items[i];
			ordo_cat_remedy *rm = &k->remediation[k->nremediation];
			if (ordo_rd_scalar(rn)) {
				rm->type = "hint";
				template_from(x, rn->u.str, rn, &rm->text);
				k->nremediation++;
				continue;
			}
			if (!ordo_rd_is_map(&x->r, rn, "a remediation"))
				continue;
			static const char *const rkeys[] = {"type", "text", NULL};
			ordo_rd_keys(&x->r, rn, rkeys, "a remediation");
			rm->type = ordo_rd_text(&x->r, rn, "type", "a remediation", false);
			if (!rm->type)
				rm->type = "hint";
			else if (strcmp(rm->type, "hint") && strcmp(rm->type, "command") &&
				 strcmp(rm->type, "step"))
				ordo_rd_error(&x->r, ordo_node_get(rn, "type"),
					      "unknown remediation type '%s' (hint, command, step)",
					      rm->type);
			template_field(x, rn, "text", "a remediation", true, &rm->text);
			k->nremediation++;
		}
	}
	sources(x, n, where, &k->sources);
	const ordo_node *rb = ordo_node_get(n, "resolved_by");
	if (rb && ordo_rd_is_map(&x->r, rb, "'resolved_by'")) {
		static const char *const rbkeys[] = {"action", "title", "when", NULL};
		ordo_rd_keys(&x->r, rb, rbkeys, "'resolved_by'");
		k->resolved_action = ordo_rd_text(&x->r, rb, "action", "'resolved_by'", true);
		template_field(x, rb, "title", "'resolved_by'", false, &k->resolved_title);
		k->resolved_when = compile(x, rb, "when");
	}
	build_needs(x, n, k, where);
	if (k->invariant)
		lint_invariant(x, n, k);
	lint_expr(x, k->when, k->scope, &k->products, false, where);
	lint_expr(x, k->accepted_by, k->scope, &k->products, false, where);
	lint_expr(x, k->resolved_when, k->scope, &k->products, false, where);
	lint_template(x, &k->title, k->scope, &k->products, where);
	lint_template(x, &k->detail, k->scope, &k->products, where);
	for (uint32_t i = 0; i < k->nremediation; i++)
		lint_template(x, &k->remediation[i].text, k->scope, &k->products, where);
}

static int32_t *release_list(cx *x, const ordo_node *n, const char *key, const char *where,
			     uint32_t *count, bool *all)
{
	*count = 0;
	if (all)
		*all = false;
	const ordo_node *v = ordo_node_get(n, key);
	if (!v)
		return NULL;
	if (all && ordo_rd_scalar(v) && !strcmp(v->u.str, "*")) {
		*all = true;
		return NULL;
	}
	const char **items;
	uint32_t k;
	ordo_rd_strlist(&x->r, n, key, where, false, &items, &k);
	int32_t *out = ordo_arena_alloc(x->b->c->arena, sizeof(int32_t) * (k + 1));
	for (uint32_t i = 0; i < k; i++) {
		int32_t idx = release_index(x, v, items[i]);
		if (idx >= 0)
			out[(*count)++] = idx;
	}
	return out;
}

static void build_sequence(cx *x, const entry *e, ordo_cat_sequence *s)
{
	static const char *const keys[] = {"id", "targets", "order", "edges", "sources", "doc", NULL};
	const ordo_node *n = e->node;
	cx_at(x, e);
	s->id = e->key;
	s->loc = ordo_node_loc(e->doc, n);
	char where[128];
	snprintf(where, sizeof(where), "sequence '%s'", s->id);
	ordo_rd_keys(&x->r, n, keys, where);
	if (!ordo_node_get(n, "targets"))
		ordo_rd_error(&x->r, n, "missing 'targets' in %s", where);
	s->targets = release_list(x, n, "targets", where, &s->ntargets, &s->all_targets);
	strlist(x, n, "order", where, false, &s->order);
	product_refs(x, ordo_node_get(n, "order"), &s->order, where);
	if (x->b->lint && s->order.n && !ordo_node_get(n, "sources"))
		ordo_rd_error(&x->r, n, "missing 'sources' for the order of %s", where);
	for (uint32_t i = 0; i < s->order.n; i++)
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(s->order.items[i], s->order.items[j]))
				ordo_rd_error(&x->r, ordo_node_get(n, "order"),
					      "'%s' appears twice in the order of %s (a cycle)",
					      s->order.items[i], where);
	strlist(x, n, "sources", where, false, &s->sources);
	const ordo_node *edges = ordo_node_get(n, "edges");
	if (edges && ordo_rd_is_seq(&x->r, edges, "'edges'")) {
		s->edges = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_cat_order_edge) * (edges->len + 1));
		for (uint32_t i = 0; i < edges->len; i++) {
			const ordo_node *en = &edges->u.items[i];
			if (!ordo_rd_is_map(&x->r, en, "an order edge"))
				continue;
			static const char *const ekeys[] = {"before", "after", "when", "sources", "doc", NULL};
			ordo_rd_keys(&x->r, en, ekeys, "an order edge");
			ordo_cat_order_edge *oe = &s->edges[s->nedges];
			oe->before = ordo_rd_text(&x->r, en, "before", "an order edge", true);
			oe->after = ordo_rd_text(&x->r, en, "after", "an order edge", true);
			if (!oe->before || !oe->after)
				continue;
			if (!ordo_catalog_product(x->b->c, oe->before))
				ordo_rd_error(&x->r, ordo_node_get(en, "before"),
					      "unknown product '%s' in %s", oe->before, where);
			if (!ordo_catalog_product(x->b->c, oe->after))
				ordo_rd_error(&x->r, ordo_node_get(en, "after"),
					      "unknown product '%s' in %s", oe->after, where);
			oe->when = compile(x, en, "when");
			lint_expr(x, oe->when, ORDO_SCOPE_COMPONENT, NULL, true, where);
			sources(x, en, "an order edge", &oe->sources);
			s->nedges++;
		}
	}
}

static void build_task(cx *x, const entry *e, ordo_cat_task *t)
{
	static const char *const keys[] = {"id",     "product", "phase", "action",  "role",
					   "when",   "manual",  "title", "sources", "after_role",
					   "doc",    NULL};
	const ordo_node *n = e->node;
	cx_at(x, e);
	t->id = e->key;
	t->loc = ordo_node_loc(e->doc, n);
	char where[128];
	snprintf(where, sizeof(where), "task '%s'", t->id);
	ordo_rd_keys(&x->r, n, keys, where);
	t->product = ordo_rd_text(&x->r, n, "product", where, true);
	const ordo_cat_product *p = t->product ? ordo_catalog_product(x->b->c, t->product) : NULL;
	if (t->product && !p)
		ordo_rd_error(&x->r, ordo_node_get(n, "product"), "unknown product '%s' in %s",
			      t->product, where);
	const char *phase = ordo_rd_text(&x->r, n, "phase", where, true);
	if (phase && !strcmp(phase, "pre"))
		t->phase = 0;
	else if (phase && !strcmp(phase, "post"))
		t->phase = 2;
	else if (phase)
		ordo_rd_error(&x->r, ordo_node_get(n, "phase"), "unknown phase '%s' (pre or post)",
			      phase);
	t->action = ordo_rd_text(&x->r, n, "action", where, false);
	if (!t->action)
		t->action = t->phase ? "configure" : "prepare";
	t->role = ordo_rd_text(&x->r, n, "role", where, false);
	if (t->role && p && !ordo_product_role(p, t->role))
		ordo_rd_error(&x->r, ordo_node_get(n, "role"), "unknown role '%s' in %s", t->role,
			      where);
	t->after_role = ordo_rd_text(&x->r, n, "after_role", where, false);
	if (t->after_role && p && !ordo_product_role(p, t->after_role))
		ordo_rd_error(&x->r, ordo_node_get(n, "after_role"), "unknown role '%s' in %s",
			      t->after_role, where);
	if (t->after_role && t->phase != 2)
		ordo_rd_error(&x->r, ordo_node_get(n, "after_role"),
			      "'after_role' needs 'phase: post' in %s", where);
	t->manual = ordo_rd_bool(&x->r, n, "manual", where, true);
	t->when = compile(x, n, "when");
	template_field(x, n, "title", where, true, &t->title);
	sources(x, n, where, &t->sources);
	ordo_strlist prods = {&t->product, t->product ? 1 : 0};
	lint_expr(x, t->when, ORDO_SCOPE_HOP, &prods, false, where);
	lint_template(x, &t->title, ORDO_SCOPE_HOP, &prods, where);
}

static void build_procedure(cx *x, const entry *e, ordo_cat_procedure *pr)
{
	static const char *const keys[] = {"id", "product", "role", "hops", "steps", "sources", "doc", NULL};
	const ordo_node *n = e->node;
	cx_at(x, e);
	pr->loc = ordo_node_loc(e->doc, n);
	char where[160];
	snprintf(where, sizeof(where), "procedure '%s'", e->key);
	ordo_rd_keys(&x->r, n, keys, where);
	pr->product = ordo_rd_text(&x->r, n, "product", where, true);
	pr->role = ordo_rd_text(&x->r, n, "role", where, true);
	const ordo_cat_product *p = pr->product ? ordo_catalog_product(x->b->c, pr->product) : NULL;
	if (pr->product && !p)
		ordo_rd_error(&x->r, ordo_node_get(n, "product"), "unknown product '%s' in %s",
			      pr->product, where);
	if (p && pr->role && !ordo_product_role(p, pr->role))
		ordo_rd_error(&x->r, ordo_node_get(n, "role"), "unknown role '%s' in %s", pr->role,
			      where);
	pr->hops = release_list(x, n, "hops", where, &pr->nhops, NULL);
	sources(x, n, where, &pr->sources);
	const ordo_node *steps = ordo_node_get(n, "steps");
	ordo_strlist prods = {&pr->product, pr->product ? 1 : 0};
	bool has_upgrade = false;
	if (ordo_rd_is_seq(&x->r, steps, "'steps'")) {
		pr->steps = ordo_arena_alloc(x->b->c->arena, sizeof(ordo_cat_proc_step) * (steps->len + 1));
		for (uint32_t i = 0; i < steps->len; i++) {
			const ordo_node *sn = &steps->u.items[i];
			if (!ordo_rd_is_map(&x->r, sn, "a procedure step"))
				continue;
			static const char *const skeys[] = {"action", "when", "title", "manual", "doc", NULL};
			ordo_rd_keys(&x->r, sn, skeys, "a procedure step");
			ordo_cat_proc_step *st = &pr->steps[pr->nsteps];
			st->action = ordo_rd_text(&x->r, sn, "action", "a procedure step", true);
			if (!st->action)
				continue;
			if (!strcmp(st->action, "upgrade"))
				has_upgrade = true;
			st->when = compile(x, sn, "when");
			st->manual = ordo_rd_bool(&x->r, sn, "manual", "a procedure step", true);
			template_field(x, sn, "title", "a procedure step", false, &st->title);
			lint_expr(x, st->when, ORDO_SCOPE_SERVER, &prods, false, where);
			lint_template(x, &st->title, ORDO_SCOPE_SERVER, &prods, where);
			pr->nsteps++;
		}
	}
	if (steps && !has_upgrade)
		ordo_rd_error(&x->r, steps, "%s has no step with action 'upgrade'", where);
}

static void build_conflict(cx *x, const entry *e, ordo_cat_conflict *cf)
{
	static const char *const keys[] = {"id", "topic", "readings", "chosen", "sources", "products",
					   "doc", NULL};
	const ordo_node *n = e->node;
	cx_at(x, e);
	cf->id = e->key;
	char where[128];
	snprintf(where, sizeof(where), "conflict '%s'", cf->id);
	ordo_rd_keys(&x->r, n, keys, where);
	cf->topic = ordo_rd_text(&x->r, n, "topic", where, true);
	cf->chosen = ordo_rd_text(&x->r, n, "chosen", where, true);
	strlist(x, n, "readings", where, false, &cf->readings);
	strlist(x, n, "sources", where, false, &cf->sources);
	strlist(x, n, "products", where, false, &cf->products);
	product_refs(x, ordo_node_get(n, "products"), &cf->products, where);
}

/* An order can also cycle through conditional edges: a depth-first search
 * over the union of `order` chains and `edges` per target set. */
static void lint_cycles(cx *x)
{
	ordo_catalog *c = x->b->c;
	uint32_t np = c->nproducts;
	if (!np)
		return;
	for (uint32_t s = 0; s < c->nsequences; s++) {
		const ordo_cat_sequence *seq = &c->sequences[s];
		/* adjacency over every sequence that shares a target with seq */
		uint8_t *adj = ordo_xcalloc((size_t)np * np, 1);
		for (uint32_t t = 0; t < c->nsequences; t++) {
			const ordo_cat_sequence *o = &c->sequences[t];
			bool shares = seq->all_targets || o->all_targets;
			for (uint32_t i = 0; i < seq->ntargets && !shares; i++)
				for (uint32_t j = 0; j < o->ntargets && !shares; j++)
					shares = seq->targets[i] == o->targets[j];
			if (!shares)
				continue;
			for (uint32_t i = 0; i + 1 < o->order.n; i++) {
				const ordo_cat_product *a = ordo_catalog_product(c, o->order.items[i]);
				const ordo_cat_product *b = ordo_catalog_product(c, o->order.items[i + 1]);
				if (a && b)
					adj[a->index * np + b->index] = 1;
			}
			for (uint32_t i = 0; i < o->nedges; i++) {
				const ordo_cat_product *a = ordo_catalog_product(c, o->edges[i].before);
				const ordo_cat_product *b = ordo_catalog_product(c, o->edges[i].after);
				if (a && b)
					adj[a->index * np + b->index] = 1;
			}
		}
		/* Floyd-Warshall closure; catalogs have a handful of products */
		for (uint32_t k = 0; k < np; k++)
			for (uint32_t i = 0; i < np; i++)
				if (adj[i * np + k])
					for (uint32_t j = 0; j < np; j++)
						if (adj[k * np + j])
							adj[i * np + j] = 1;
		for (uint32_t i = 0; i < np; i++)
			if (adj[i * np + i]) {
				ordo_diag_add(x->b->d, &seq->loc,
					      "the order of sequence '%s' has a cycle through '%s'",
					      seq->id, c->products[i].id);
				x->r.errors++;
				break;
			}
		free(adj);
	}
}

static void build_suite(cx *x)
{
	ordo_catalog *c = x->b->c;
	entry *e = &x->b->suite;
	if (!e->node) {
		ordo_loc loc = {NULL, 0, 0};
		ordo_diag_add(x->b->d, &loc, "the catalog has no 'suite' section");
		x->r.errors++;
		return;
	}
	cx_at(x, e);
	if (!ordo_rd_is_map(&x->r, e->node, "'suite'"))
		return;
	static const char *const keys[] = {"id", "name", "version", "doc", NULL};
	ordo_rd_keys(&x->r, e->node, keys, "'suite'");
	c->suite_id = ordo_rd_text(&x->r, e->node, "id", "'suite'", true);
	c->suite_name = ordo_rd_text(&x->r, e->node, "name", "'suite'", false);
	c->version = ordo_rd_text(&x->r, e->node, "version", "'suite'", true);
}

static void compile_all(build *b)
{
	ordo_catalog *c = b->c;
	cx x = {b, {b->d, NULL, c->arena, 0}};
	build_suite(&x);
	build_scale(&x, &c->release, "release", &b->scales[0], true);
	build_scale(&x, &c->sql, "sql", &b->scales[1], true);
	build_scale(&x, &c->os, "os", &b->scales[2], false);
	if (x.r.errors)
		return;

	entry_list *l = &b->sec[SEC_PRODUCTS];
	c->products = ordo_arena_alloc(c->arena, sizeof(ordo_cat_product) * (l->n + 1));
	for (size_t i = 0; i < l->n; i++) {
		build_product(&x, &l->items[i], &c->products[c->nproducts], (int)c->nproducts);
		ordo_map_put(&c->product_by_id, c->products[c->nproducts].id,
			     strlen(c->products[c->nproducts].id), &c->products[c->nproducts]);
		c->nproducts++;
	}
	for (uint32_t i = 0; i < c->nproducts; i++) {
		ordo_strlist one = {&c->products[i].id, 1};
		for (uint32_t k = 0; k < c->products[i].nroles; k++)
			lint_expr(&x, c->products[i].roles[k].moves_to, ORDO_SCOPE_COMPONENT, &one, false,
				  "'moves_to' of a role");
	}
	l = &b->sec[SEC_CHECKS];
	c->checks = ordo_arena_alloc(c->arena, sizeof(ordo_cat_check) * (l->n + 1));
	for (size_t i = 0; i < l->n; i++) {
		build_check(&x, &l->items[i], &c->checks[c->nchecks]);
		ordo_map_put(&c->check_by_id, c->checks[c->nchecks].id,
			     strlen(c->checks[c->nchecks].id), &c->checks[c->nchecks]);
		c->nchecks++;
	}
	l = &b->sec[SEC_SEQUENCES];
	c->sequences = ordo_arena_alloc(c->arena, sizeof(ordo_cat_sequence) * (l->n + 1));
	for (size_t i = 0; i < l->n; i++)
		build_sequence(&x, &l->items[i], &c->sequences[c->nsequences++]);
	l = &b->sec[SEC_TASKS];
	c->tasks = ordo_arena_alloc(c->arena, sizeof(ordo_cat_task) * (l->n + 1));
	for (size_t i = 0; i < l->n; i++)
		build_task(&x, &l->items[i], &c->tasks[c->ntasks++]);
	l = &b->sec[SEC_PROCEDURES];
	c->procedures = ordo_arena_alloc(c->arena, sizeof(ordo_cat_procedure) * (l->n + 1));
	for (size_t i = 0; i < l->n; i++)
		build_procedure(&x, &l->items[i], &c->procedures[c->nprocedures++]);
	l = &b->sec[SEC_CONFLICTS];
	c->conflicts = ordo_arena_alloc(c->arena, sizeof(ordo_cat_conflict) * (l->n + 1));
	for (size_t i = 0; i < l->n; i++)
		build_conflict(&x, &l->items[i], &c->conflicts[c->nconflicts++]);
	lint_cycles(&x);
}

int ordo_catalog_load(ordo_catalog **out, const ordo_catalog_options *opts, ordo_diag *d)
{
	static const ordo_catalog_options defaults = ORDO_CATALOG_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	*out = NULL;
	ordo_catalog *c = ordo_xcalloc(1, sizeof(*c));
	c->arena = ordo_arena_new();
	build b;
	memset(&b, 0, sizeof(b));
	b.c = c;
	b.d = d;
	b.lint = opts->lint;
	ordo_sha256_init(&b.sha);
	size_t before = d->len;
	int err = 0;

	if (!opts->no_builtin) {
		const char *prefix = ORDO_DEFAULT_SUITE "/";
		for (const ordo_embedded_file *f = ordo_embedded_catalog; f->path; f++) {
			if (strncmp(f->path, prefix, strlen(prefix)) != 0)
				continue;
			char *name = ordo_arena_printf(c->arena, "<builtin>/%s", f->path);
			int e = add_buffer(&b, name, f->path, f->data, f->len, 0);
			if (e < 0 && !err)
				err = e;
		}
	}
	for (size_t i = 0; i < opts->npaths; i++) {
		struct stat st;
		int e;
		const char *base = strrchr(opts->paths[i], '/');
		base = base && base[1] ? base + 1 : opts->paths[i];
		if (stat(opts->paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			e = add_dir(&b, opts->paths[i], "", (int)i + 1, 0);
		else
			e = add_file(&b, opts->paths[i], base, (int)i + 1);
		if (e < 0 && !err)
			err = e;
	}
	if (err == ORDO_ENOTFOUND)
		goto done;
	compile_all(&b);
	char hex[65];
	ordo_sha256_hex(&b.sha, hex);
	snprintf(c->fingerprint, sizeof(c->fingerprint), "sha256:%s", hex);
	if (d->len > before)
		err = ORDO_EINVALID;
done:
	if (b.sha.ctx) {
		/* a load that stopped early still owns the digest */
		char unused[65];
		ordo_sha256_hex(&b.sha, unused);
	}
	for (int s = 0; s < SEC_N; s++) {
		free(b.sec[s].items);
		ordo_map_release(&b.sec[s].by_key);
	}
	if (err < 0) {
		for (size_t i = 0; i < b.docs.len; i++)
			ordo_doc_free(b.docs.items[i]);
		ordo_vec_release(&b.docs);
		ordo_catalog_free(c);
		return err;
	}
	/* the documents stay alive: compiled entries point into them */
	c->docs_ = b.docs;
	*out = c;
	return 0;
}

void ordo_catalog_free(ordo_catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->docs_.len; i++)
		ordo_doc_free(c->docs_.items[i]);
	ordo_vec_release(&c->docs_);
	ordo_map_release(&c->product_by_id);
	ordo_map_release(&c->check_by_id);
	ordo_arena_free(c->arena);
	free(c);
}

bool ordo_support_allows(ordo_value list, const ordo_version *v)
{
	if (list.type != ORDO_VAL_LIST || !v->scale)
		return true;
	for (uint32_t i = 0; i < list.u.list.n; i++) {
		const ordo_value *it = &list.u.list.items[i];
		ordo_version p;
		if (it->type == ORDO_VAL_VER) {
			p = it->u.ver;
		} else if (it->type == ORDO_VAL_STR) {
			if (ordo_version_parse(&p, v->scale, it->u.str.s, it->u.str.len, NULL) < 0)
				continue;
		} else {
			continue;
		}
		if (p.idx == v->idx && (p.sub < 0 || (v->sub < 0 ? 0 : v->sub) >= p.sub))
			return true;
	}
	return false;
}

bool ordo_product_sql_allows(const ordo_cat_product *p, int32_t rel, const ordo_version *v)
{
	const ordo_cat_support *s = ordo_product_support(p, rel);
	return !s || ordo_support_allows(s->sql, v);
}

bool ordo_product_os_allows(const ordo_cat_product *p, int32_t rel, const char *role,
			    const ordo_version *v)
{
	const ordo_cat_support *s = ordo_product_support(p, rel);
	return !s || ordo_support_allows(ordo_support_os(s, role), v);
}

const char *ordo_closest_finding(const ordo_catalog *c, const char *id)
{
	size_t n = 0;
	while (ordo_builtin_findings[n].id)
		n++;
	const char **ids = ordo_xmalloc(sizeof(*ids) * (c->nchecks + n + 1));
	size_t k = 0;
	for (uint32_t i = 0; i < c->nchecks; i++)
		ids[k++] = c->checks[i].id;
	for (size_t i = 0; i < n; i++)
		ids[k++] = ordo_builtin_findings[i].id;
	const char *close = ordo_closest(id, strlen(id), ids, k);
	free(ids);
	return close;
}
