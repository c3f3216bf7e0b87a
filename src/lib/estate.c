/* SPDX-License-Identifier: MIT */
/*
 * estate.c: validate an estate document against the catalog and build the
 * estate model. Every problem is reported, with its location, before the
 * load fails; references between components are resolved in a second pass
 * so their order in the file does not matter.
 */
#include "estate.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <strings.h>

#include "loader.h"
#include "schema.h"
#include "sha256.h"

#define MAX_COUNT 1000000000000ULL

#define OS_MEMO 4
#define QUEUED  16

typedef struct {
	ordo_reader r;
	ordo_estate *e;
	const ordo_catalog *c;
	const ordo_doc *doc;
	ordo_vec unknown; /* ordo_unknown_fact* */
	ordo_vec servers; /* ordo_server*, in the order they were read */
	uint32_t role_stamp;
	struct os_memo {
		const char *text;
		uint32_t len;
		ordo_version version;
	} os_memo[OS_MEMO];
	uint32_t os_next;
	/* the role list being folded while parsing */
	ordo_vec list;       /* ordo_server*, its items so far */
	ordo_vec list_vers;  /* ordo_version* per item (NULL: the component's), when any has one */
	ordo_map list_seen;  /* names of undescribed servers in it */
	const char *list_role;
	uint32_t list_stamp, list_next;
	/* names that may be a short name of a fully qualified entry; resolved
	 * together in one pass over the entries (resolve_short_names) */
	uint32_t nshort;   /* entries whose name has no dot */
	struct pending *pend;
	size_t npending, cappending;
	/* server entries not yet in the index (queue_server) */
	struct queued {
		ordo_server *s;
		uint32_t hash, line, col;
	} queued[QUEUED];
	uint32_t qhead, nqueued;
} ld;

/* Names of servers and components end up in argv of executors and in
 * reports: keep them to what a host name or an id can be. */
/* 1: a letter or digit, 2: '-', '_' or '.'; the C locale's classes, read
 * a million times for a large estate */
static const unsigned char name_chars[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
	['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['-'] = 2, ['_'] = 2,
	['.'] = 2,
};

bool ordo_name_valid(const char *s, size_t len)
{
	if (len == 0 || len > 253 || name_chars[(unsigned char)s[0]] != 1)
		return false;
	for (size_t i = 1; i < len; i++)
		if (!name_chars[(unsigned char)s[i]])
			return false;
	return true;
}

static bool check_name(ld *l, const ordo_node *n, const char *what)
{
	if (!ordo_name_valid(n->u.str, n->len)) {
		ordo_rd_error(&l->r, n,
			      "invalid %s '%s': use letters, digits, '-', '_' and '.', starting with a letter or digit",
			      what, n->u.str);
		return false;
	}
	return true;
}

static const char *node_name(ld *l, const ordo_node *n, const char *what)
{
	const char *s = ordo_rd_scalar(n);
	if (!s || n->type != ORDO_NODE_STRING) {
		if (n && n->type == ORDO_NODE_NUMBER)
			return check_name(l, n, what) ? n->u.str : NULL;
		ordo_rd_error(&l->r, n, "%s must be a string, not %s", what, ordo_node_kind(n));
		return NULL;
	}
	return check_name(l, n, what) ? s : NULL;
}

/* How an integration pack is written, in messages. */
#define PACK_EXAMPLE "{for: <component id>, version: \"<release>\"}"

static bool version_of(ld *l, const ordo_node *n, const ordo_scale *s, ordo_version *out,
		       const char *what)
{
	memset(out, 0, sizeof(*out));
	const char *t = ordo_rd_scalar(n);
	if (!t) {
		ordo_rd_error(&l->r, n, "%s must be a string, not %s", what, ordo_node_kind(n));
		return false;
	}
	const char *why = NULL;
	if (ordo_version_parse(out, s, t, n->len, &why) < 0) {
		ordo_buf m = ORDO_BUF_INIT;
		ordo_buf_printf(&m, "invalid %s: '%s' (%s)", what, t, why ? why : "not understood");
		ordo_buf_did_you_mean(&m, t, n->len, s->entries, s->n);
		ordo_rd_error(&l->r, n, "%s", ordo_buf_cstr(&m));
		ordo_buf_release(&m);
		out->scale = NULL;
		return false;
	}
	return true;
}

/* ---- facts ---- */

/* Secrets never enter an estate (or, through it, a journal or a report):
 * a key named like one is refused wherever free-form keys are allowed. */
static bool secret_like(const char *key, size_t len)
{
	static const char *const words[] = {"password", "passwd", "secret", "token", "apikey",
					    "api_key", "api-key", "credential", "private_key", NULL};
	char low[128];
	if (len >= sizeof(low))
		len = sizeof(low) - 1;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)((key[i] >= 'A' && key[i] <= 'Z') ? key[i] + 32 : key[i]);
	low[len] = '\0';
	for (const char *const *w = words; *w; w++)
		if (strstr(low, *w))
			return true;
	return false;
}

static void refuse_secrets(ld *l, const ordo_node *n, const char *path, int depth)
{
	if (!n || depth > 32)
		return;
	if (n->type == ORDO_NODE_SEQ)
		for (uint32_t i = 0; i < n->len; i++)
			refuse_secrets(l, &n->u.items[i], path, depth + 1);
	if (n->type != ORDO_NODE_MAP)
		return;
	for (uint32_t i = 0; i < n->len; i++) {
		const ordo_node *k = ordo_node_key(n, i);
		if (secret_like(k->u.str, k->len))
			ordo_rd_error(&l->r, k,
				      "'%s.%s' looks like a secret: ordo takes no passwords, secrets, tokens or credentials; keep them in a vault and let the runbook's executors fetch them",
				      path, k->u.str);
		else if (!ordo_node_is_scalar(ordo_node_val(n, i)))
			refuse_secrets(l, ordo_node_val(n, i),
				       ordo_arena_printf(l->doc->arena, "%s.%s", path, k->u.str), depth + 1);
	}
}

static const char *fact_type_name(ordo_fact_type t)
{
	static const char *const names[] = {"any value",  "a string", "a number", "true or false",
					    "a list",     "a mapping", "a server name"};
	return names[t];
}

static void check_facts(ld *l, const ordo_component *comp, const ordo_node *n,
			const ordo_cat_fact *decl, const char *path, int depth)
{
	if (!n || n->type == ORDO_NODE_NULL)
		return;
	if (!ordo_rd_is_map(&l->r, n, path))
		return;
	for (uint32_t i = 0; i < n->len; i++) {
		const ordo_node *k = ordo_node_key(n, i);
		const ordo_node *v = ordo_node_val(n, i);
		const ordo_cat_fact *f = NULL;
		for (uint32_t j = 0; decl && j < decl->nkeys; j++)
			if (ordo_streq(k->u.str, k->len, decl->keys[j].name)) {
				f = &decl->keys[j];
				break;
			}
		char *sub = ordo_arena_printf(l->e->doc->arena, "%s.%s", path, k->u.str);
		if (secret_like(k->u.str, k->len))
			continue; /* refused by refuse_secrets() */
		if (!f) {
			if (decl && decl->type == ORDO_FACT_ANY && depth > 0)
				continue;
			ordo_unknown_fact *u = ordo_arena_alloc(l->e->doc->arena, sizeof(*u));
			u->component = comp->id;
			u->path = sub;
			u->loc = ordo_node_loc(l->e->doc, k);
			ordo_vec_push(&l->unknown, u);
			continue;
		}
		if (v->type == ORDO_NODE_NULL)
			continue;
		bool ok = true;
		switch (f->type) {
		case ORDO_FACT_STRING:
			ok = v->type == ORDO_NODE_STRING || v->type == ORDO_NODE_NUMBER;
			break;
		case ORDO_FACT_NUMBER:
			ok = v->type == ORDO_NODE_NUMBER;
			break;
		case ORDO_FACT_BOOL:
			ok = v->type == ORDO_NODE_BOOL;
			break;
		case ORDO_FACT_LIST:
			ok = v->type == ORDO_NODE_SEQ;
			break;
		case ORDO_FACT_MAP:
			ok = v->type == ORDO_NODE_MAP;
			break;
		case ORDO_FACT_SERVER:
			ok = v->type == ORDO_NODE_STRING || v->type == ORDO_NODE_NUMBER;
			break;
		default:
			break;
		}
		if (!ok) {
			ordo_rd_error(&l->r, v, "%s must be %s, not %s", sub, fact_type_name(f->type),
				      ordo_node_kind(v));
			continue;
		}
		if (f->type == ORDO_FACT_SERVER && !check_name(l, v, "server name"))
			continue;
		if (f->values.n) {
			/* a list fact with `values` constrains its items */
			const ordo_node *items = v->type == ORDO_NODE_SEQ ? v->u.items : v;
			uint32_t count = v->type == ORDO_NODE_SEQ ? v->len : 1;
			for (uint32_t m = 0; m < count; m++) {
				const char *s = ordo_rd_scalar(&items[m]);
				bool found = false;
				for (uint32_t j = 0; s && j < f->values.n && !found; j++)
					found = strcmp(s, f->values.items[j]) == 0;
				if (!found) {
					ordo_buf allowed = ORDO_BUF_INIT;
					for (uint32_t j = 0; j < f->values.n; j++)
						ordo_buf_printf(&allowed, "%s%s", j ? ", " : "",
								f->values.items[j]);
					ordo_rd_error(&l->r, &items[m], "invalid value '%s' for %s (expected one of: %s)",
						      s ? s : ordo_node_kind(&items[m]), sub,
						      ordo_buf_cstr(&allowed));
					ordo_buf_release(&allowed);
				}
			}
		}
		if (f->type == ORDO_FACT_MAP && f->nkeys && depth < 16)
			check_facts(l, comp, v, f, sub, depth + 1);
	}
}

/* ---- the index of servers by name ---- */

static bool name_eq(const ordo_server *s, const char *name, size_t len)
{
	return s->name_len == len &&
	       (memcmp(s->name, name, len) == 0 || strncasecmp(s->name, name, len) == 0);
}

static ordo_server *index_find(const ordo_name_index *x, ordo_server *const *servers,
			       const char *name, size_t len, uint32_t h)
{
	if (!x->cap)
		return NULL;
	for (uint32_t i = h & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
		const uint32_t *sl = &x->slots[2 * i];
		if (!sl[1])
			return NULL;
		if (sl[0] == h && name_eq(servers[sl[1] - 1], name, len))
			return servers[sl[1] - 1];
	}
}

static void index_grow(ordo_name_index *x)
{
	uint32_t ncap = x->cap ? x->cap * 2 : 64;
	if (ncap == 0)
		ordo_die("too many servers");
	uint32_t *ns = ordo_xmalloc_large(sizeof(uint32_t) * 2 * (size_t)ncap);
	memset(ns, 0, sizeof(uint32_t) * 2 * (size_t)ncap);
	for (uint32_t i = 0; i < x->cap; i++) {
		const uint32_t *sl = &x->slots[2 * i];
		if (!sl[1])
			continue;
		uint32_t j = sl[0] & (ncap - 1);
		while (ns[2 * j + 1])
			j = (j + 1) & (ncap - 1);
		ns[2 * j] = sl[0];
		ns[2 * j + 1] = sl[1];
	}
	free(x->slots);
	x->slots = ns;
	x->cap = ncap;
}

/* Index s (at s->index of the servers being read) unless a server of its
 * name is there already: then return that one and index nothing. */
static ordo_server *index_insert(ld *l, ordo_server *s, uint32_t h)
{
	ordo_name_index *x = &l->e->server_index;
	ordo_server *const *servers = (ordo_server *const *)l->servers.items;
	if (((uint64_t)x->len + 1) * 4 >= (uint64_t)x->cap * 3)
		index_grow(x);
	uint32_t i = h & (x->cap - 1);
	for (;; i = (i + 1) & (x->cap - 1)) {
		uint32_t *sl = &x->slots[2 * i];
		if (!sl[1])
			break;
		if (sl[0] == h && name_eq(servers[sl[1] - 1], s->name, s->name_len))
			return servers[sl[1] - 1];
	}
	x->slots[2 * i] = h;
	x->slots[2 * i + 1] = s->index + 1;
	x->len++;
	return NULL;
}

/* ---- servers ---- */

/* Server entries read while parsing join the index a few entries late:
 * the slot of each is prefetched when it is queued, so the index (16 MB
 * for a million servers) is not waited for entry by entry. An entry gets
 * its index in l->servers when it joins, and a duplicate is reported then;
 * everything that looks servers up flushes the queue first. */
static void settle_server(ld *l, const struct queued *q)
{
	ordo_server *s = q->s;
	s->index = (uint32_t)l->servers.len;
	const ordo_server *prev = index_insert(l, s, q->hash);
	if (prev) {
		ordo_node at;
		memset(&at, 0, sizeof(at));
		at.type = ORDO_NODE_STRING;
		at.line = q->line;
		at.col = q->col;
		ordo_rd_error(&l->r, &at, "duplicate server '%s' (first at line %u)", s->name,
			      prev->line);
		s->index = ORDO_UNDESCRIBED;
		return;
	}
	ordo_vec_push(&l->servers, s);
	if (s->dotted)
		l->e->ndotted++;
	else
		l->nshort++;
}

static void queue_server(ld *l, ordo_server *s, uint32_t line, uint32_t col)
{
	ordo_name_index *x = &l->e->server_index;
	uint32_t h = (uint32_t)ordo_hash(s->name, s->name_len, true);
	if (x->cap)
		__builtin_prefetch(&x->slots[2 * (h & (x->cap - 1))], 1);
	if (l->nqueued == QUEUED) {
		settle_server(l, &l->queued[l->qhead]);
		l->qhead = (l->qhead + 1) % QUEUED;
		l->nqueued--;
	}
	struct queued *q = &l->queued[(l->qhead + l->nqueued) % QUEUED];
	q->s = s;
	q->hash = h;
	q->line = line;
	q->col = col;
	l->nqueued++;
}

static void flush_servers(ld *l)
{
	while (l->nqueued) {
		settle_server(l, &l->queued[l->qhead]);
		l->qhead = (l->qhead + 1) % QUEUED;
		l->nqueued--;
	}
}

/* The operating system of a server entry: a million entries name a handful
 * of systems, so the last few texts and their versions are remembered. */
static bool server_os(ld *l, ordo_server *s, const ordo_node *os)
{
	for (int i = 0; i < OS_MEMO; i++) {
		const struct os_memo *m = &l->os_memo[i];
		if (m->text && m->len == os->len &&
		    (m->text == os->u.str || memcmp(m->text, os->u.str, os->len) == 0)) {
			s->os = m->version;
			return true;
		}
	}
	const char *why = NULL;
	if (ordo_version_parse(&s->os, &l->c->os, os->u.str, os->len, &why) < 0)
		return false;
	struct os_memo *m = &l->os_memo[l->os_next++ % OS_MEMO];
	m->text = ordo_arena_strndup(l->doc->arena, os->u.str, os->len);
	m->len = os->len;
	m->version = s->os;
	return true;
}

/* One entry of `servers:`. folding: n is the builder's temporary view of
 * the mapping, gone after the call, so nothing may keep pointers to it.
 * Its keys are read in one pass; anything unusual takes the general path
 * with its messages. */
static ordo_server *load_server(ld *l, const ordo_node *n, bool folding)
{
	if (!ordo_rd_is_map(&l->r, n, "a server"))
		return NULL;
	static const char *const keys[] = {"name", "os", "pending_restart", "domain_joined",
					   "facts", "sql", NULL};
	const ordo_node *nm = NULL, *os = NULL, *pending = NULL, *joined = NULL, *facts = NULL;
	bool unknown = false;
	for (uint32_t i = 0; i < n->len; i++) {
		const ordo_node *k = ordo_node_key(n, i), *v = ordo_node_val(n, i);
		const char *t = k->u.str;
		if (k->len == 4 && !memcmp(t, "name", 4))
			nm = v;
		else if (k->len == 2 && !memcmp(t, "os", 2))
			os = v;
		else if (k->len == 15 && !memcmp(t, "pending_restart", 15))
			pending = v;
		else if (k->len == 13 && !memcmp(t, "domain_joined", 13))
			joined = v;
		else if (k->len == 5 && !memcmp(t, "facts", 5))
			facts = v;
		else if (!(k->len == 3 && !memcmp(t, "sql", 3)))
			unknown = true;
	}
	if (unknown)
		ordo_rd_keys(&l->r, n, keys, "a server");
	if (!nm) {
		ordo_rd_error(&l->r, n, "missing 'name' in a server");
		return NULL;
	}
	const char *name = node_name(l, nm, "server name");
	if (!name)
		return NULL;
	ordo_server *s = ordo_arena_alloc_small(l->doc->arena, sizeof(*s));
	s->name = name; /* the name's text lives in the document's arena */
	s->name_len = nm->len;
	s->node = folding ? NULL : n;
	s->line = n->line;
	s->col = n->col > UINT16_MAX ? UINT16_MAX : (uint16_t)n->col;
	s->dotted = memchr(name, '.', nm->len) != NULL;
	s->pending_restart = s->domain_joined = -1;
	if (os && os->type != ORDO_NODE_NULL) {
		if (!ordo_rd_scalar(os)) {
			ordo_rd_error(&l->r, os, "operating system of server '%s' must be a string", name);
		} else if (!server_os(l, s, os)) {
			const ordo_scale *sc = &l->c->os;
			const char *why = NULL;
			ordo_version v;
			ordo_version_parse(&v, sc, os->u.str, os->len, &why);
			ordo_buf m = ORDO_BUF_INIT;
			if (why && !strcmp(why, "unknown edition")) {
				ordo_buf_printf(&m, "unknown edition in operating system '%s' of server '%s' (editions: ",
						os->u.str, name);
				for (uint32_t j = 0; j < sc->neditions; j++)
					ordo_buf_printf(&m, "%s%s", j ? ", " : "", sc->editions[j]);
				ordo_buf_puts(&m, ")");
			} else {
				ordo_buf_printf(&m, "unknown operating system '%s' for server '%s'", os->u.str,
						name);
				ordo_buf_did_you_mean(&m, os->u.str, os->len, sc->entries, sc->n);
				ordo_buf_puts(&m, " (known: ");
				for (uint32_t j = 0; j < sc->n; j++)
					ordo_buf_printf(&m, "%s'%s'", j ? ", " : "", sc->entries[j]);
				ordo_buf_puts(&m, ")");
			}
			ordo_rd_error(&l->r, os, "%s", ordo_buf_cstr(&m));
			ordo_buf_release(&m);
			s->os.scale = NULL;
		}
	}
	if (pending)
		s->pending_restart = pending->type == ORDO_NODE_BOOL
					     ? pending->boolean
					     : ordo_rd_bool(&l->r, n, "pending_restart", "a server", false);
	if (joined)
		s->domain_joined = joined->type == ORDO_NODE_BOOL
					   ? joined->boolean
					   : ordo_rd_bool(&l->r, n, "domain_joined", "a server", true);
	if (!folding && facts && facts->type != ORDO_NODE_NULL &&
	    ordo_rd_is_map(&l->r, facts, "'facts' of a server"))
		refuse_secrets(l, facts, "facts", 0);
	queue_server(l, s, nm->line, nm->col);
	if (!folding)
		flush_servers(l);
	return s;
}

/* The loader's fold: a server entry becomes its record as soon as it is
 * read and leaves nothing in the list (entries with `facts:` keep their
 * subtree, which the record points to, and are read after the file). */
static int fold_server(void *ud, const ordo_doc *doc, const char *key, const ordo_node *map,
		       ordo_node *out)
{
	ld *l = ud;
	(void)out;
	if (strcmp(key, "servers") || ordo_node_get(map, "facts") || ordo_node_get(map, "sql"))
		return 0;
	l->doc = doc;
	l->r.doc = doc;
	load_server(l, map, true);
	return 2;
}

static void load_servers(ld *l, const ordo_node *list)
{
	if (!list || list->type == ORDO_NODE_NULL)
		return;
	if (!ordo_rd_is_seq(&l->r, list, "'servers'"))
		return;
	/* what is left: entries with facts, and what is not a server entry */
	for (uint32_t i = 0; i < list->len; i++)
		load_server(l, &list->u.items[i], false);
}

/* ---- role members ---- */

static ordo_server *find_server(ld *l, const char *name, uint32_t len)
{
	return index_find(&l->e->server_index, (ordo_server *const *)l->servers.items, name, len,
			  (uint32_t)ordo_hash(name, len, true));
}

/* A member the estate does not describe in `servers:`: a record with its
 * name alone, which no index holds. */
static ordo_server *undescribed(ld *l, const char *name, uint32_t len, bool copy)
{
	ordo_server *s = ordo_arena_alloc_small(l->doc->arena, sizeof(*s));
	s->name = copy ? ordo_arena_strndup(l->doc->arena, name, len) : name;
	s->name_len = len;
	s->index = ORDO_UNDESCRIBED;
	s->pending_restart = s->domain_joined = -1;
	return s;
}

/* The record of a member named by n (a scalar), or NULL when the name is
 * invalid (reported). *next is where the previous member was found plus
 * one: lists tend to name servers in the order of `servers:`, so that one
 * is tried before the index. A member listed twice in the list that
 * stamp identifies is reported; seen holds the undescribed names so far. */
static ordo_server *member_of(ld *l, const ordo_node *n, bool copy, uint32_t stamp,
			      uint32_t *next, ordo_map *seen, const char *role, ordo_version *ver)
{
	if (ver)
		ver->scale = NULL;
	if (n->type == ORDO_NODE_MAP && ver) {
		/* a member at a version of its own: {name: OM02, version: "2019 UR3"} */
		static const char *const keys[] = {"name", "version", NULL};
		ordo_rd_keys(&l->r, n, keys, "a role member");
		const ordo_node *nm = ordo_node_get(n, "name");
		const ordo_node *vn = ordo_node_get(n, "version");
		if (!nm) {
			ordo_rd_error(&l->r, n, "a member of role '%s' written as a mapping needs 'name' (and 'version'): {name: SERVER, version: \"RELEASE\"}",
				      role);
			return NULL;
		}
		if (vn && vn->type != ORDO_NODE_NULL)
			version_of(l, vn, &l->c->release, ver, "version of a role member");
		/* the name is a scalar of the mapping: a copy outlives the view */
		return member_of(l, nm, true, stamp, next, seen, role, NULL);
	}
	if (n->type != ORDO_NODE_STRING && n->type != ORDO_NODE_NUMBER) {
		node_name(l, n, "server name"); /* says what it is instead */
		return NULL;
	}
	ordo_server *const *servers = (ordo_server *const *)l->servers.items;
	uint32_t nservers = (uint32_t)l->servers.len;
	ordo_server *srv = NULL;
	bool twice;
	if (*next < nservers && name_eq(servers[*next], n->u.str, n->len))
		srv = servers[*next];
	else if (nservers)
		srv = index_find(&l->e->server_index, servers, n->u.str, n->len,
				 (uint32_t)ordo_hash(n->u.str, n->len, true));
	/* the name of a described server was checked with its entry (a name
	 * equal to it but for case is as valid); any other is checked now */
	if (!srv && !node_name(l, n, "server name"))
		return NULL;
	if (srv) {
		*next = srv->index + 1;
		twice = srv->stamp == stamp;
		srv->stamp = stamp;
		srv->used = 1;
	} else {
		srv = undescribed(l, n->u.str, n->len, copy);
		twice = ordo_map_put(seen, srv->name, srv->name_len, srv) != NULL;
	}
	if (twice)
		ordo_rd_error(&l->r, n, "server '%s' listed twice in role '%s'", n->u.str, role);
	return srv;
}

/* The list fold: the names of a role's members (components[i].roles.R)
 * become pointers to server records as they are read. */
static bool fold_members_list(void *ud, const char *const *keys, uint32_t depth)
{
	ld *l = ud;
	if (depth != 5 || keys[0] || !keys[1] || strcmp(keys[1], "components") || keys[2] ||
	    !keys[3] || strcmp(keys[3], "roles") || !keys[4])
		return false;
	flush_servers(l);
	l->list_role = keys[4];
	l->list_stamp = ++l->role_stamp;
	l->list_next = 0;
	l->list.len = 0;
	return true;
}

static int fold_member(void *ud, const ordo_doc *doc, const ordo_node *item)
{
	ld *l = ud;
	l->doc = doc;
	l->r.doc = doc;
	ordo_version v;
	ordo_server *s = member_of(l, item, true, l->list_stamp, &l->list_next, &l->list_seen,
				   l->list_role, &v);
	if (!s)
		return 0;
	if (v.scale && !l->list_vers.len)
		for (size_t i = 0; i < l->list.len; i++)
			ordo_vec_push(&l->list_vers, NULL);
	if (v.scale || l->list_vers.len) {
		ordo_version *keep = NULL;
		if (v.scale) {
			keep = ordo_arena_alloc(doc->arena, sizeof(*keep));
			*keep = v;
		}
		ordo_vec_push(&l->list_vers, keep);
	}
	ordo_vec_push(&l->list, s);
	return 0;
}

static const char *member_text(const void *items, uint32_t i, uint32_t *len)
{
	const ordo_server *s = ((const ordo_server *const *)items)[i];
	*len = s->name_len;
	return s->name;
}

static void fold_members_end(void *ud, const ordo_doc *doc, ordo_node *list)
{
	ld *l = ud;
	uint32_t n = (uint32_t)l->list.len;
	const ordo_server **servers = ordo_arena_alloc_raw(doc->arena, sizeof(*servers) * (n + 1));
	for (uint32_t i = 0; i < n; i++)
		servers[i] = l->list.items[i];
	servers[n] = NULL;
	ordo_folded *f = ordo_arena_alloc(doc->arena, sizeof(*f));
	f->items = servers;
	f->text = member_text;
	if (l->list_vers.len) {
		ordo_version *vers = ordo_arena_alloc(doc->arena, sizeof(*vers) * (n + 1));
		for (uint32_t i = 0; i < n && i < l->list_vers.len; i++)
			if (l->list_vers.items[i])
				vers[i] = *(ordo_version *)l->list_vers.items[i];
		f->extra = vers;
		l->list_vers.len = 0;
	}
	list->len = n;
	list->u.folded = f;
	l->list.len = 0;
	if (l->list_seen.len)
		ordo_map_release(&l->list_seen);
}

/* ---- one host, two names ---- */

/* A name no entry has exactly: either a fully qualified name whose first
 * label is an entry's short name (vmm01.contoso.com for VMM01), found at
 * once, or a short name that may be the first label of fully qualified
 * entries (VMM01 for vmm01.contoso.com), kept for resolve_short_names(),
 * which looks for them all in one pass over the entries. *slot receives
 * the entry when exactly one fits. */
struct pending {
	const char *name;
	uint32_t len;
	uint32_t interest;
	const ordo_server **slot;
	const ordo_node *at;
	const ordo_component *comp;
	const char *role; /* NULL: database.server or a server fact */
};

static void same_host(ld *l, const char *name, uint32_t len, const ordo_server **slot,
		      const ordo_node *at, const ordo_component *comp, const char *role)
{
	const char *dot = memchr(name, '.', len);
	if (dot) {
		if (!l->nshort)
			return;
		ordo_server *s = find_server(l, name, (uint32_t)(dot - name));
		if (s && !s->dotted) {
			s->used = 1;
			*slot = s;
		}
		return;
	}
	if (!l->e->ndotted)
		return;
	if (l->npending == l->cappending) {
		l->cappending = l->cappending ? 2 * l->cappending : 16;
		l->pend = ordo_xrealloc(l->pend, sizeof(*l->pend) * l->cappending);
	}
	struct pending *p = &l->pend[l->npending++];
	p->name = name;
	p->len = len;
	p->slot = slot;
	p->at = at;
	p->comp = comp;
	p->role = role;
	p->interest = 0;
}

struct interest {
	const ordo_server *first, *second; /* fully qualified entries that fit */
	uint32_t n;
};

static uint32_t interest_of(ordo_map *names, ordo_vec *all, uint64_t lens[4], const char *name,
			    uint32_t len)
{
	uintptr_t k = (uintptr_t)ordo_map_get(names, name, len);
	if (k)
		return (uint32_t)k;
	struct interest *t = ordo_xcalloc(1, sizeof(*t));
	ordo_vec_push(all, t);
	k = all->len;
	ordo_map_put(names, name, len, (void *)k);
	if (len < 256)
		lens[len >> 6] |= 1ull << (len & 63);
	return (uint32_t)k;
}

static void at_entry(ordo_node *at, const ordo_server *s)
{
	memset(at, 0, sizeof(*at));
	at->type = ORDO_NODE_MAP;
	at->line = s->line;
	at->col = s->col;
}

/* Short names against the first labels of the fully qualified entries:
 * an entry VMM01 beside vmm01.contoso.com is one host described twice (an
 * error naming both); a short reference fits when exactly one fully
 * qualified entry has its name as first label, and is an error naming two
 * of them when more do. One pass over the entries, and only when both
 * kinds of name occur, so an estate of short names (or of fully qualified
 * names only) pays nothing. */
static void resolve_short_names(ld *l)
{
	ordo_estate *e = l->e;
	if (!e->ndotted || (!l->nshort && !l->npending))
		return;
	ordo_map names = ORDO_MAP_INIT_NOCASE;
	ordo_vec all = ORDO_VEC_INIT;
	uint64_t lens[4] = {0, 0, 0, 0};
	ordo_vec shorts = ORDO_VEC_INIT; /* the entries whose name has no dot */
	for (uint32_t i = 0; l->nshort && i < e->nservers; i++)
		if (!e->servers[i]->dotted)
			ordo_vec_push(&shorts, e->servers[i]);
	uint32_t *entry_interest = ordo_xmalloc(sizeof(uint32_t) * (shorts.len + 1));
	for (size_t i = 0; i < shorts.len; i++) {
		const ordo_server *s = shorts.items[i];
		entry_interest[i] = interest_of(&names, &all, lens, s->name, s->name_len);
	}
	for (size_t i = 0; i < l->npending; i++)
		l->pend[i].interest = interest_of(&names, &all, lens, l->pend[i].name, l->pend[i].len);
	for (uint32_t i = 0; i < e->nservers; i++) {
		const ordo_server *s = e->servers[i];
		if (!s->dotted)
			continue;
		uint32_t len = (uint32_t)((const char *)memchr(s->name, '.', s->name_len) - s->name);
		if (len >= 256 || !((lens[len >> 6] >> (len & 63)) & 1))
			continue;
		uintptr_t k = (uintptr_t)ordo_map_get(&names, s->name, len);
		if (!k)
			continue;
		struct interest *t = all.items[k - 1];
		if (t->n == 0)
			t->first = s;
		else if (t->n == 1)
			t->second = s;
		t->n++;
	}
	for (size_t i = 0; i < shorts.len; i++) {
		const ordo_server *s = shorts.items[i];
		const struct interest *t = all.items[entry_interest[i] - 1];
		if (!t->n)
			continue;
		const ordo_server *a = t->first->line < s->line ? t->first : s;
		const ordo_server *b = a == s ? t->first : s;
		ordo_node at;
		at_entry(&at, b);
		ordo_rd_error(&l->r, &at,
			      "servers '%s' (line %u) and '%s' (line %u) could be the same host: describe each host once, under one name",
			      a->name, a->line, b->name, b->line);
	}
	for (size_t i = 0; i < l->npending; i++) {
		const struct pending *p = &l->pend[i];
		const struct interest *t = all.items[p->interest - 1];
		if (t->n == 1) {
			((ordo_server *)t->first)->used = 1;
			*p->slot = t->first;
		} else if (t->n > 1) {
			char where[300];
			if (p->role)
				snprintf(where, sizeof(where), "role '%s' of component '%s'", p->role,
					 p->comp->id);
			else
				snprintf(where, sizeof(where), "component '%s'", p->comp->id);
			ordo_rd_error(&l->r, p->at,
				      "server '%.*s' in %s could be '%s' (line %u) or '%s' (line %u): write its fully qualified name",
				      (int)p->len, p->name, where, t->first->name, t->first->line,
				      t->second->name, t->second->line);
		}
	}
	for (size_t i = 0; i < all.len; i++)
		free(all.items[i]);
	ordo_vec_release(&all);
	ordo_vec_release(&shorts);
	ordo_map_release(&names);
	free(entry_interest);
}

/* Whether two names are one host: equal but for case, or a short name and
 * a fully qualified name whose first label it is. */
static bool host_eq(const char *a, uint32_t alen, const char *b, uint32_t blen)
{
	if (alen == blen && strncasecmp(a, b, alen) == 0)
		return true;
	const char *da = memchr(a, '.', alen), *db = memchr(b, '.', blen);
	if (!da == !db)
		return false;
	if (da)
		return (uint32_t)(da - a) == blen && strncasecmp(a, b, blen) == 0;
	return (uint32_t)(db - b) == alen && strncasecmp(a, b, alen) == 0;
}

/* Facts of type server (`upgrade.management_server`): the entry each names */
static void server_refs(ld *l, ordo_component *comp)
{
	const ordo_cat_product *p = comp->product;
	const ordo_cat_fact *decls[2] = {&p->facts, &p->upgrade};
	const ordo_node *maps[2] = {comp->facts, comp->upgrade};
	uint32_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < 2; k++) {
			if (!maps[k] || maps[k]->type != ORDO_NODE_MAP)
				continue;
			for (uint32_t j = 0; j < decls[k]->nkeys; j++) {
				if (decls[k]->keys[j].type != ORDO_FACT_SERVER)
					continue;
				const ordo_node *v = ordo_node_get(maps[k], decls[k]->keys[j].name);
				if (!v || (v->type != ORDO_NODE_STRING && v->type != ORDO_NODE_NUMBER) ||
				    !ordo_name_valid(v->u.str, v->len))
					continue;
				if (!pass) {
					n++;
					continue;
				}
				ordo_server_ref *r = &comp->server_refs[comp->nserver_refs++];
				r->node = v;
				r->name = v->u.str;
				ordo_server *s = find_server(l, v->u.str, v->len);
				if (s) {
					s->used = 1;
					r->server = s;
				} else {
					same_host(l, v->u.str, v->len, &r->server, v, comp, NULL);
				}
			}
		}
		if (!pass && !n)
			return;
		if (!pass)
			comp->server_refs = ordo_arena_alloc(l->e->doc->arena, sizeof(ordo_server_ref) * n);
	}
}

/* Once every name is resolved: a server fact says its server's name; one
 * that names no entry but is the same host as a member of the component
 * (VMM01 in the role, vmm01.contoso.com as the new computer) says the
 * member's. */
static void finish_server_refs(ld *l)
{
	for (uint32_t ci = 0; ci < l->e->ncomponents; ci++) {
		ordo_component *c = &l->e->components[ci];
		for (uint32_t i = 0; i < c->nserver_refs; i++) {
			ordo_server_ref *r = &c->server_refs[i];
			if (r->server) {
				r->name = r->server->name;
				continue;
			}
			const ordo_server *found = NULL;
			bool several = false;
			for (uint32_t ri = 0; ri < c->nroles && !several; ri++) {
				const ordo_role_members *rm = &c->roles[ri];
				for (uint32_t j = 0; rm->named && j < rm->count && !several; j++) {
					const ordo_server *s = rm->servers[j];
					if (!host_eq(r->node->u.str, r->node->len, s->name, s->name_len))
						continue;
					several = found && !name_eq(found, s->name, s->name_len);
					found = s;
				}
			}
			if (found && !several)
				r->name = found->name;
		}
	}
}

const char *ordo_component_server_ref(const ordo_component *c, const ordo_node *n)
{
	for (uint32_t i = 0; i < c->nserver_refs; i++)
		if (c->server_refs[i].node == n)
			return c->server_refs[i].name;
	return NULL;
}

/* ---- components ---- */

static void load_roles(ld *l, ordo_component *comp, const ordo_node *roles)
{
	const ordo_cat_product *p = comp->product;
	comp->nroles = p->nroles;
	comp->roles = ordo_arena_alloc(l->e->doc->arena, sizeof(ordo_role_members) * (p->nroles + 1));
	for (uint32_t i = 0; i < p->nroles; i++)
		comp->roles[i].role = &p->roles[i];
	if (!roles || roles->type == ORDO_NODE_NULL)
		return;
	char where[300];
	snprintf(where, sizeof(where), "'roles' of component '%s'", comp->id);
	if (!ordo_rd_is_map(&l->r, roles, where))
		return;
	for (uint32_t i = 0; i < roles->len; i++) {
		const ordo_node *k = ordo_node_key(roles, i);
		const ordo_node *v = ordo_node_val(roles, i);
		const ordo_cat_role *role = ordo_product_role(p, k->u.str);
		if (!role) {
			ordo_buf m = ORDO_BUF_INIT;
			const char **ids = ordo_xmalloc(sizeof(*ids) * (p->nroles + 1));
			for (uint32_t j = 0; j < p->nroles; j++)
				ids[j] = p->roles[j].id;
			ordo_buf_printf(&m, "unknown role '%s' in component '%s'", k->u.str, comp->id);
			ordo_buf_did_you_mean(&m, k->u.str, k->len, ids, p->nroles);
			ordo_buf_printf(&m, " (%s has: ", p->id);
			for (uint32_t j = 0; j < p->nroles; j++)
				ordo_buf_printf(&m, "%s%s", j ? ", " : "", ids[j]);
			ordo_buf_puts(&m, ")");
			ordo_rd_error(&l->r, k, "%s", ordo_buf_cstr(&m));
			ordo_buf_release(&m);
			free(ids);
			continue;
		}
		ordo_role_members *m = &comp->roles[role->index];
		m->node = v;
		if (v->type == ORDO_NODE_MAP) {
			static const char *const keys[] = {"count", NULL};
			ordo_rd_keys(&l->r, v, keys, "anonymous members");
			const ordo_node *cn = ordo_node_get(v, "count");
			if (!cn) {
				ordo_rd_error(&l->r, v, "role '%s' of component '%s' needs a list of servers or {count: N}",
					      role->id, comp->id);
				continue;
			}
			char *end = NULL;
			unsigned long long cnt = 0;
			bool ok = cn->type == ORDO_NODE_NUMBER && cn->u.str[0] != '-';
			if (ok) {
				cnt = strtoull(cn->u.str, &end, 10);
				ok = end && *end == '\0' && cnt <= MAX_COUNT;
			}
			if (!ok) {
				ordo_rd_error(&l->r, cn, "count of role '%s' must be a whole number from 0 to %llu, not '%s'",
					      role->id, MAX_COUNT,
					      ordo_rd_scalar(cn) ? cn->u.str : ordo_node_kind(cn));
				continue;
			}
			if (role->initial)
				ordo_rd_error(&l->r, v, "role '%s' of component '%s' needs server names: its first server is the initial one",
					      role->id, comp->id);
			else if (!role->anonymous)
				ordo_rd_error(&l->r, v, "role '%s' of component '%s' needs server names, not a count: ordo plans and checks each of its servers",
					      role->id, comp->id);
			m->count = cnt;
			continue;
		}
		if (v->type == ORDO_NODE_NUMBER) {
			bool json = l->doc->syntax == ORDO_SYNTAX_JSON;
			ordo_rd_error(&l->r, v, "role '%s' of component '%s' is a number: write "
					       "%s%s} for anonymous members, or a list of server names",
				      role->id, comp->id, json ? "{\"count\": " : "{count: ", v->u.str);
			continue;
		}
		if (ordo_rd_scalar(v)) {
			ordo_rd_error(&l->r, v, "role '%s' of component '%s' must list servers: [%s]",
				      role->id, comp->id, v->u.str);
			continue;
		}
		if (!ordo_rd_is_seq(&l->r, v, "a role's members"))
			continue;
		m->named = true;
		m->count = v->len;
		if (ordo_node_is_folded(v)) {
			/* read while the file was parsed; servers described further
			 * down the file are found now */
			m->servers = (const ordo_server **)v->u.folded->items;
			m->versions = v->u.folded->extra;
			for (uint32_t j = 0; j < v->len; j++) {
				const ordo_server *s = m->servers[j];
				if (s->index != ORDO_UNDESCRIBED || !l->servers.len)
					continue;
				ordo_server *d = find_server(l, s->name, s->name_len);
				if (d) {
					d->used = 1;
					m->servers[j] = d;
				} else {
					same_host(l, s->name, s->name_len, &m->servers[j], v, comp,
						  role->id);
				}
			}
			continue;
		}
		/* a list the loader kept (an anchored one) */
		uint32_t stamp = ++l->role_stamp, next = 0;
		ordo_map seen = ORDO_MAP_INIT_NOCASE;
		m->servers = ordo_arena_alloc(l->doc->arena, sizeof(*m->servers) * (v->len + 1));
		uint32_t n = 0;
		ordo_version *vers = NULL;
		for (uint32_t j = 0; j < v->len; j++) {
			ordo_version mv;
			ordo_server *s = member_of(l, &v->u.items[j], false, stamp, &next, &seen, role->id, &mv);
			if (!s)
				continue;
			if (mv.scale && !vers)
				vers = ordo_arena_alloc(l->doc->arena, sizeof(*vers) * (v->len + 1));
			if (mv.scale)
				vers[n] = mv;
			m->servers[n] = s;
			if (s->index == ORDO_UNDESCRIBED)
				same_host(l, s->name, s->name_len, &m->servers[n], &v->u.items[j], comp,
					  role->id);
			n++;
		}
		m->versions = vers;
		m->count = n;
		ordo_map_release(&seen);
	}
}

static bool sql_version_of(ld *l, const ordo_node *v, ordo_version *out);

static void load_database(ld *l, ordo_component *comp, const ordo_node *db)
{
	if (!db || db->type == ORDO_NODE_NULL)
		return;
	char where[300];
	snprintf(where, sizeof(where), "'database' of component '%s'", comp->id);
	if (!ordo_rd_is_map(&l->r, db, where))
		return;
	comp->database = db;
	static const char *const keys[] = {"server", "instance", "sql_version", "name",
					   "availability_group", "free_space_percent", "shared_with",
					   NULL};
	ordo_rd_keys(&l->r, db, keys, where);
	const ordo_node *sv = ordo_node_get(db, "server");
	if (sv && sv->type != ORDO_NODE_NULL && node_name(l, sv, "database server name")) {
		ordo_server *s = find_server(l, sv->u.str, sv->len);
		if (s) {
			s->used = 1;
			comp->db_server = s;
		} else {
			same_host(l, sv->u.str, sv->len, &comp->db_server, sv, comp, NULL);
		}
	}
	const ordo_node *in = ordo_node_get(db, "instance");
	if (in && in->type != ORDO_NODE_NULL)
		node_name(l, in, "SQL instance name");
	const ordo_node *v = ordo_node_get(db, "sql_version");
	if (v && v->type != ORDO_NODE_NULL)
		sql_version_of(l, v, &comp->sql_version);
	ordo_rd_text(&l->r, db, "name", where, false);
	ordo_rd_bool(&l->r, db, "availability_group", where, false);
	double pct;
	if (ordo_rd_number(&l->r, db, "free_space_percent", where, false, &pct) &&
	    (pct < 0 || pct > 100))
		ordo_rd_error(&l->r, ordo_node_get(db, "free_space_percent"),
			      "free_space_percent must be between 0 and 100, not %g", pct);
	const ordo_node *sw = ordo_node_get(db, "shared_with");
	if (sw && sw->type != ORDO_NODE_NULL)
		ordo_rd_is_seq(&l->r, sw, "'shared_with'");
}

/* The release a component actually goes to: a kept or retired component
 * stays at its own; a product that stops at last_release keeps the
 * requested target (no path reaches it) unless the catalog says it stays
 * there; a product whose versions do not follow the suite's (track:
 * independent) goes to its newest release unless the component names a
 * target of its own. */
static void effective_target(ordo_component *comp, bool own_target)
{
	const ordo_cat_product *p = comp->product;
	comp->target = comp->requested_target;
	comp->target_retired = false;
	if (!comp->target.scale)
		return;
	if (p->last_release.scale && ordo_version_cmp_release(&comp->target, &p->last_release) > 0)
		comp->target_retired = true;
	if (comp->keep || comp->retire) {
		comp->target = comp->version;
		return;
	}
	if (p->independent && !own_target && p->nreleases &&
	    !ordo_product_has_release(p, comp->target.idx)) {
		comp->target.idx = p->releases[p->nreleases - 1];
		comp->target.sub = -1;
		return;
	}
	if (comp->target_retired && p->stays_after_last_release)
		comp->target = p->last_release;
}

/* upgrade.keep and upgrade.retire, the intentions every product has */
static void load_intentions(ld *l, ordo_component *comp, const ordo_node *up)
{
	if (!up || up->type != ORDO_NODE_MAP)
		return;
	/* their type is checked with the other declared intentions */
	const ordo_node *k = ordo_node_get(up, "keep"), *r = ordo_node_get(up, "retire");
	comp->keep = k && k->type == ORDO_NODE_BOOL && k->boolean;
	comp->retire = r && r->type == ORDO_NODE_BOOL && r->boolean;
	if (comp->keep && comp->retire)
		ordo_rd_error(&l->r, ordo_node_get(up, "retire"),
			      "component '%s' says both upgrade.keep and upgrade.retire; it is either kept at its release or removed",
			      comp->id);
}

static void load_component(ld *l, const ordo_node *n, int index)
{
	ordo_estate *e = l->e;
	static const char *const keys[] = {"id",           "product",  "version", "target",
					   "roles",        "database", "integrations", "facts",
					   "upgrade",      "integration_packs", "waivers", NULL};
	if (!ordo_rd_is_map(&l->r, n, "a component"))
		return;
	ordo_rd_keys(&l->r, n, keys, "a component");
	const ordo_node *pn = ordo_node_get(n, "product");
	if (!pn) {
		ordo_rd_error(&l->r, n, "missing 'product' in a component");
		return;
	}
	const char *pid = ordo_rd_scalar(pn);
	const ordo_cat_product *p = pid ? ordo_catalog_product(l->c, pid) : NULL;
	if (!p) {
		ordo_buf m = ORDO_BUF_INIT;
		const char **ids = ordo_xmalloc(sizeof(*ids) * (l->c->nproducts + 1));
		for (uint32_t j = 0; j < l->c->nproducts; j++)
			ids[j] = l->c->products[j].id;
		ordo_buf_printf(&m, "unknown product '%s'", pid ? pid : ordo_node_kind(pn));
		if (pid)
			ordo_buf_did_you_mean(&m, pid, pn->len, ids, l->c->nproducts);
		ordo_buf_puts(&m, " (known: ");
		for (uint32_t j = 0; j < l->c->nproducts; j++)
			ordo_buf_printf(&m, "%s%s", j ? ", " : "", ids[j]);
		ordo_buf_puts(&m, ")");
		ordo_rd_error(&l->r, pn, "%s", ordo_buf_cstr(&m));
		ordo_buf_release(&m);
		free(ids);
		return;
	}
	const ordo_node *idn = ordo_node_get(n, "id");
	const char *id = idn ? node_name(l, idn, "component id") : p->id;
	if (!id)
		return;
	ordo_component *prev = ordo_map_get(&e->component_by_id, id, strlen(id));
	if (prev) {
		ordo_rd_error(&l->r, idn ? idn : n, "duplicate component id '%s' (first at line %u)%s",
			      id, prev->node->line,
			      idn ? "" : "; give each deployment of a product its own 'id'");
		return;
	}
	ordo_component *comp = &e->components[e->ncomponents++];
	comp->id = id;
	comp->product = p;
	comp->node = n;
	comp->index = index;
	ordo_map_put(&e->component_by_id, id, strlen(id), comp);

	const ordo_node *vn = ordo_node_get(n, "version");
	char what[300];
	if (!vn)
		ordo_rd_error(&l->r, n, "missing 'version' in component '%s'", id);
	else {
		snprintf(what, sizeof(what), "version of component '%s'", id);
		if (version_of(l, vn, &l->c->release, &comp->version, what) &&
		    !ordo_product_has_release(p, comp->version.idx)) {
			ordo_buf known = ORDO_BUF_INIT;
			for (uint32_t j = 0; j < p->nreleases; j++)
				ordo_buf_printf(&known, "%s%s", j ? ", " : "",
						l->c->release.entries[p->releases[j]]);
			ordo_rd_error(&l->r, vn, "'%s' is not a release of %s (releases: %s)",
				      l->c->release.entries[comp->version.idx], p->id,
				      ordo_buf_cstr(&known));
			ordo_buf_release(&known);
		}
	}
	const ordo_node *tn = ordo_node_get(n, "target");
	if (tn && tn->type != ORDO_NODE_NULL) {
		snprintf(what, sizeof(what), "target of component '%s'", id);
		version_of(l, tn, &l->c->release, &comp->requested_target, what);
	} else if (e->target.scale) {
		comp->requested_target = e->target;
	} else {
		ordo_rd_error(&l->r, n, "no target for component '%s': set 'target' in the estate or the component",
			      id);
	}
	load_intentions(l, comp, ordo_node_get(n, "upgrade"));
	effective_target(comp, tn && tn->type != ORDO_NODE_NULL);

	load_roles(l, comp, ordo_node_get(n, "roles"));
	/* a member behind the others: the component moves from where it is */
	comp->stated_version = comp->version;
	for (uint32_t i = 0; i < comp->nroles; i++)
		for (uint32_t j = 0; comp->roles[i].versions && j < comp->roles[i].count; j++) {
			const ordo_version *mv = &comp->roles[i].versions[j];
			if (mv->scale && ordo_version_cmp(mv, &comp->version) < 0)
				comp->version = *mv;
			if (mv->scale && !ordo_product_has_release(p, mv->idx)) {
				char b[64];
				ordo_rd_error(&l->r, comp->roles[i].node,
					      "member %s of role '%s' of component '%s' is at %s, which is not a release of %s",
					      ordo_role_member(&comp->roles[i], j), comp->roles[i].role->id,
					      comp->id, ordo_version_str(mv, b, sizeof(b)), p->id);
			}
		}
	load_database(l, comp, ordo_node_get(n, "database"));
	comp->facts = ordo_node_get(n, "facts");
	comp->upgrade = ordo_node_get(n, "upgrade");
	refuse_secrets(l, comp->facts, "facts", 0);
	refuse_secrets(l, comp->upgrade, "upgrade", 0);
	snprintf(what, sizeof(what), "facts");
	check_facts(l, comp, comp->facts, &p->facts, "facts", 0);
	check_facts(l, comp, comp->upgrade, &p->upgrade, "upgrade", 0);
	server_refs(l, comp);
}

/* Second pass: references to other components. */
static ordo_component *component_ref(ld *l, const ordo_node *n, const ordo_component *self,
				     const char *what)
{
	const char *id = ordo_rd_scalar(n);
	if (!id) {
		ordo_rd_error(&l->r, n, "%s must name a component, not %s", what, ordo_node_kind(n));
		return NULL;
	}
	ordo_component *c = ordo_map_get(&l->e->component_by_id, id, n->len);
	if (!c) {
		ordo_rd_error(&l->r, n, "%s names undefined component '%s'", what, id);
		return NULL;
	}
	if (c == self) {
		ordo_rd_error(&l->r, n, "%s of component '%s' names the component itself", what, id);
		return NULL;
	}
	return c;
}

static void resolve_refs(ld *l, ordo_component *comp)
{
	ordo_arena *a = l->e->doc->arena;
	const ordo_node *in = ordo_node_get(comp->node, "integrations");
	if (in && in->type != ORDO_NODE_NULL && ordo_rd_is_seq(&l->r, in, "'integrations'")) {
		comp->integrations = ordo_arena_alloc(a, sizeof(void *) * (in->len + 1));
		for (uint32_t i = 0; i < in->len; i++) {
			ordo_component *o = component_ref(l, &in->u.items[i], comp, "'integrations'");
			if (o)
				comp->integrations[comp->nintegrations++] = o;
		}
	}
	if (comp->database) {
		const ordo_node *sw = ordo_node_get(comp->database, "shared_with");
		if (sw && sw->type == ORDO_NODE_SEQ)
			for (uint32_t i = 0; i < sw->len; i++)
				component_ref(l, &sw->u.items[i], comp, "'shared_with'");
	}
	const ordo_node *ip = ordo_node_get(comp->node, "integration_packs");
	if (ip && ip->type != ORDO_NODE_NULL && ordo_rd_is_seq(&l->r, ip, "'integration_packs'")) {
		comp->packs = ordo_arena_alloc(a, sizeof(ordo_pack) * (ip->len + 1));
		for (uint32_t i = 0; i < ip->len; i++) {
			const ordo_node *pn = &ip->u.items[i];
			if (pn->type != ORDO_NODE_MAP) {
				ordo_rd_error(&l->r, pn, "an integration pack must be a mapping with 'for' (the "
							"component it integrates with) and 'version' (its "
							"release), e.g. " PACK_EXAMPLE ", not %s",
					      ordo_node_kind(pn));
				continue;
			}
			static const char *const keys[] = {"for", "version", NULL};
			ordo_rd_keys(&l->r, pn, keys, "an integration pack");
			const ordo_node *fn = ordo_node_get(pn, "for");
			const ordo_node *vn = ordo_node_get(pn, "version");
			if (!fn || !vn) {
				ordo_rd_error(&l->r, pn, "an integration pack needs 'for' (the component it "
							"integrates with) and 'version' (its release), e.g. "
							PACK_EXAMPLE);
				continue;
			}
			ordo_pack *pk = &comp->packs[comp->npacks];
			pk->node = pn;
			pk->for_comp = component_ref(l, fn, comp, "'for' of an integration pack");
			pk->for_id = ordo_rd_scalar(fn);
			if (!version_of(l, vn, &l->c->release, &pk->version,
					"version of an integration pack") ||
			    !pk->for_comp)
				continue;
			comp->npacks++;
		}
	}
}

/* ---- shared SQL instances ---- */

static ordo_sql_instance *instance_new(ld *l, ordo_vec *all, const char *server,
					const char *name, const ordo_node *at)
{
	ordo_sql_instance *in = ordo_arena_alloc(l->doc->arena, sizeof(*in));
	in->server = server;
	in->name = name;
	in->node = at;
	in->availability_group = -1;
	in->index = (uint32_t)all->len;
	ordo_vec_push(all, in);
	return in;
}

static ordo_sql_instance *instance_find(ordo_vec *all, const char *server, const char *name)
{
	for (size_t i = 0; i < all->len; i++) {
		ordo_sql_instance *in = all->items[i];
		if (in->server && server && !strcasecmp(in->server, server) &&
		    !strcasecmp(in->name, name))
			return in;
	}
	return NULL;
}

static bool sql_version_of(ld *l, const ordo_node *v, ordo_version *out)
{
	const char *why = NULL;
	out->scale = NULL;
	if (!ordo_rd_scalar(v)) {
		ordo_rd_error(&l->r, v, "a SQL version must be a string, not %s", ordo_node_kind(v));
		return false;
	}
	if (ordo_version_parse(out, &l->c->sql, v->u.str, v->len, &why) == 0)
		return true;
	out->scale = NULL;
	ordo_buf known = ORDO_BUF_INIT;
	for (uint32_t j = 0; j < l->c->sql.n; j++)
		ordo_buf_printf(&known, "%s%s", j ? ", " : "", l->c->sql.entries[j]);
	ordo_rd_error(&l->r, v, "unknown %s version '%s': %s (known: %s, optionally followed by ' %s<n>')",
		      l->c->sql.title ? l->c->sql.title : "database server", v->u.str,
		      why ? why : "not understood", ordo_buf_cstr(&known),
		      l->c->sql.suffix ? l->c->sql.suffix : "");
	ordo_buf_release(&known);
	return false;
}

/* The `sql` entries of the servers, then each database's instance: a
 * database names its server and instance (the catalog's default instance
 * when it names none); an older estate's `sql_version` on the database
 * describes the instance when the server does not, and must agree with it
 * when it does. */
static void load_instances(ld *l)
{
	ordo_estate *e = l->e;
	ordo_arena *a = l->doc->arena;
	ordo_vec all = ORDO_VEC_INIT;
	const char *def = l->c->sql.default_instance ? l->c->sql.default_instance : "default";
	for (uint32_t i = 0; i < e->nservers; i++) {
		ordo_server *sv = e->servers[i];
		const ordo_node *list = sv->node ? ordo_node_get(sv->node, "sql") : NULL;
		if (!list || list->type == ORDO_NODE_NULL)
			continue;
		if (!ordo_rd_is_seq(&l->r, list, "'sql' of a server"))
			continue;
		for (uint32_t k = 0; k < list->len; k++) {
			const ordo_node *en = &list->u.items[k];
			if (!ordo_rd_is_map(&l->r, en, "an entry of 'sql'"))
				continue;
			static const char *const keys[] = {"instance", "version", "availability_group",
							   NULL};
			ordo_rd_keys(&l->r, en, keys, "an entry of 'sql'");
			const ordo_node *nn = ordo_node_get(en, "instance");
			const char *name = def;
			if (nn && nn->type != ORDO_NODE_NULL && !(name = node_name(l, nn, "SQL instance name")))
				continue;
			if (instance_find(&all, sv->name, name)) {
				ordo_rd_error(&l->r, en, "instance '%s' of server '%s' is described twice",
					      name, sv->name);
				continue;
			}
			ordo_sql_instance *in = instance_new(l, &all, sv->name, name, en);
			in->described = true;
			const ordo_node *vn = ordo_node_get(en, "version");
			if (!vn || vn->type == ORDO_NODE_NULL)
				ordo_rd_error(&l->r, en, "instance '%s' of server '%s' needs a 'version'",
					      name, sv->name);
			else
				sql_version_of(l, vn, &in->version);
			const ordo_node *ag = ordo_node_get(en, "availability_group");
			if (ag && ag->type != ORDO_NODE_NULL)
				in->availability_group = ordo_rd_bool(&l->r, en, "availability_group",
								      "an entry of 'sql'", false);
		}
	}
	ordo_vec users = ORDO_VEC_INIT;
	for (uint32_t ci = 0; ci < e->ncomponents; ci++) {
		ordo_component *comp = &e->components[ci];
		const ordo_node *db = comp->database;
		if (!db)
			continue;
		const ordo_node *sn = ordo_node_get(db, "server");
		const ordo_node *nn = ordo_node_get(db, "instance");
		const ordo_node *vn = ordo_node_get(db, "sql_version");
		if (vn && vn->type == ORDO_NODE_NULL)
			vn = NULL;
		const char *server = sn && sn->type == ORDO_NODE_STRING ? sn->u.str : NULL;
		if (server && comp->db_server)
			server = comp->db_server->name; /* the name as the server's entry writes it */
		const char *name = nn && nn->type == ORDO_NODE_STRING ? nn->u.str : def;
		ordo_sql_instance *in = server ? instance_find(&all, server, name) : NULL;
		if (!in && !server) {
			/* no server named: the instance of a component it says it shares with */
			const ordo_node *sw = ordo_node_get(db, "shared_with");
			for (uint32_t k = 0; sw && sw->type == ORDO_NODE_SEQ && k < sw->len && !in; k++) {
				const ordo_node *it = &sw->u.items[k];
				const ordo_component *o = it->type == ORDO_NODE_STRING
					? ordo_map_get(&e->component_by_id, it->u.str, it->len) : NULL;
				if (o && o->instance && !o->instance->server)
					in = o->instance;
			}
		}
		if (in && in->described) {
			if (vn && comp->sql_version.scale && in->version.scale &&
			    ordo_version_cmp(&comp->sql_version, &in->version) != 0) {
				char a1[64], a2[64];
				ordo_rd_error(&l->r, vn,
					      "'sql_version' %s of component '%s' disagrees with instance '%s' of server '%s', which is at %s",
					      ordo_version_str(&comp->sql_version, a1, sizeof(a1)), comp->id,
					      in->name, in->server, ordo_version_str(&in->version, a2, sizeof(a2)));
			}
		} else if (in) {
			/* described by databases only: they must agree */
			if (comp->sql_version.scale && in->version.scale &&
			    ordo_version_cmp(&comp->sql_version, &in->version) != 0) {
				char a1[64], a2[64];
				ordo_rd_error(&l->r, vn ? vn : db,
					      "'sql_version' %s of component '%s' disagrees with %s given for the same instance by component '%s'",
					      ordo_version_str(&comp->sql_version, a1, sizeof(a1)), comp->id,
					      ordo_version_str(&in->version, a2, sizeof(a2)), in->users[0]->id);
			} else if (!in->version.scale) {
				in->version = comp->sql_version;
			}
		} else {
			in = instance_new(l, &all, server, name, db);
			in->version = comp->sql_version;
		}
		comp->instance = in;
		comp->sql_version = in->version;
		/* users, in estate order */
		ordo_component **u = ordo_arena_alloc(a, sizeof(*u) * (in->nusers + 2));
		if (in->nusers)
			memcpy(u, in->users, sizeof(*u) * in->nusers);
		u[in->nusers++] = comp;
		in->users = u;
	}
	ordo_vec_release(&users);
	e->ninstances = (uint32_t)all.len;
	e->instances = ordo_arena_alloc(a, sizeof(ordo_sql_instance *) * (all.len + 1));
	for (size_t i = 0; i < all.len; i++)
		e->instances[i] = all.items[i];
	ordo_vec_release(&all);
}

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return y >= 1970 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] &&
	       s[4] == '-' && s[7] == '-';
}

static void load_waivers(ld *l, const ordo_node *list, const ordo_component *owner, ordo_vec *out)
{
	if (!list || list->type == ORDO_NODE_NULL)
		return;
	if (!ordo_rd_is_seq(&l->r, list, "'waivers'"))
		return;
	for (uint32_t i = 0; i < list->len; i++) {
		const ordo_node *n = &list->u.items[i];
		if (!ordo_rd_is_map(&l->r, n, "a waiver"))
			continue;
		static const char *const keys[] = {"finding", "component", "reason", "expires", NULL};
		ordo_rd_keys(&l->r, n, keys, "a waiver");
		ordo_waiver *w = ordo_arena_alloc(l->e->doc->arena, sizeof(*w));
		w->node = n;
		w->finding = ordo_rd_text(&l->r, n, "finding", "a waiver", true);
		w->reason = ordo_rd_text(&l->r, n, "reason", "a waiver", true);
		const ordo_node *cn = ordo_node_get(n, "component");
		if (cn && cn->type != ORDO_NODE_NULL) {
			w->component = ordo_rd_scalar(cn);
			if (w->component && !ordo_map_get(&l->e->component_by_id, w->component, cn->len))
				ordo_rd_error(&l->r, cn, "waiver names undefined component '%s'",
					      w->component);
		} else if (owner) {
			w->component = owner->id;
		}
		const ordo_node *en = ordo_node_get(n, "expires");
		if (en && en->type != ORDO_NODE_NULL) {
			w->expires = ordo_rd_scalar(en);
			if (!w->expires || !valid_date(w->expires))
				ordo_rd_error(&l->r, en, "'expires' of a waiver must be a date YYYY-MM-DD, not '%s'",
					      w->expires ? w->expires : ordo_node_kind(en));
		}
		if (w->finding) {
			bool known = ordo_catalog_check(l->c, w->finding) ||
				     ordo_builtin_finding_get(w->finding);
			if (!known) {
				ordo_buf m = ORDO_BUF_INIT;
				ordo_buf_printf(&m, "waiver names unknown finding '%s'", w->finding);
				const char *close = ordo_closest_finding(l->c, w->finding);
				if (close)
					ordo_buf_printf(&m, ", did you mean '%s'?", close);
				ordo_buf_puts(&m, " (see 'ordo catalog list')");
				ordo_rd_error(&l->r, ordo_node_get(n, "finding"), "%s", ordo_buf_cstr(&m));
				ordo_buf_release(&m);
			}
		}
		ordo_vec_push(out, w);
	}
}

/* The fingerprint covers the estate's content, not its spelling: the same
 * estate in YAML or JSON, or with other comments, has the same fingerprint. */
static int key_order(const void *x, const void *y)
{
	const ordo_node *a = *(ordo_node *const *)x, *b = *(ordo_node *const *)y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->u.str, b->u.str, n);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Canonical form: a mapping's keys in byte order, and a number hashed like
 * the string with the same text, so 2016 and "2016" or another key order
 * give the same fingerprint. */
/* A scalar as the fingerprint sees it: its kind (a number counts as text:
 * 2016 and "2016" are one value), then its text (true/false and null in
 * one spelling whatever the syntax wrote). */
static void hash_scalar(ordo_sha256 *s, uint8_t type, const char *text, uint32_t len)
{
	if (type == ORDO_NODE_NUMBER)
		type = ORDO_NODE_STRING;
	ordo_sha256_update(s, &type, 1);
	ordo_sha256_update(s, &len, sizeof(len));
	ordo_sha256_update(s, text, len);
}

static void hash_cstr(ordo_sha256 *s, uint8_t type, const char *text)
{
	hash_scalar(s, type, text, (uint32_t)strlen(text));
}

static void hash_node(ordo_sha256 *s, const ordo_node *n);

/* A server entry by what was read of it, folded or not: its name, its
 * operating system as text (so the fingerprint does not move with the
 * catalog's list of systems), its two flags, and its facts as a tree. A
 * million entries are about 60 bytes each to digest instead of 150. */
/* The text of the operating systems seen, so a million servers on a
 * handful of systems print each system once. */
struct os_texts {
	struct {
		ordo_version v;
		char text[64];
	} slot[16];
};

static const char *os_text_of(struct os_texts *t, const ordo_version *v)
{
	size_t i = ((size_t)v->idx * 7u + (size_t)(v->sub + 1)) & 15;
	if (t->slot[i].v.scale != v->scale || t->slot[i].v.idx != v->idx ||
	    t->slot[i].v.sub != v->sub) {
		ordo_version_str(v, t->slot[i].text, sizeof(t->slot[i].text));
		t->slot[i].v = *v;
	}
	return t->slot[i].text;
}

static void hash_server(ordo_sha256 *s, const ordo_server *sv, struct os_texts *os)
{
	unsigned char head[8];
	uint32_t len = sv->name_len;
	head[0] = 'S';
	memcpy(head + 1, &len, 4);
	head[5] = (unsigned char)(sv->pending_restart + 1);
	head[6] = (unsigned char)(sv->domain_joined + 1);
	head[7] = sv->os.scale != NULL;
	ordo_sha256_update(s, head, sizeof(head));
	ordo_sha256_update(s, sv->name, len);
	if (sv->os.scale)
		hash_cstr(s, ORDO_NODE_STRING, os_text_of(os, &sv->os));
	const ordo_node *facts = ordo_server_facts(sv);
	if (facts) {
		uint8_t t = 'F';
		ordo_sha256_update(s, &t, 1);
		hash_node(s, facts);
	}
	const ordo_node *sql = sv->node ? ordo_node_get(sv->node, "sql") : NULL;
	if (sql) {
		uint8_t t = 'Q';
		ordo_sha256_update(s, &t, 1);
		hash_node(s, sql);
	}
}

/* for folded entries: where their records are (the thread's own, as two
 * estates may be digested at once) */
static _Thread_local const ordo_estate *hashing;

/* `servers:` as it was written: every entry's record, folded or not */
static void hash_servers(ordo_sha256 *s, const ordo_estate *e)
{
	uint8_t t = ORDO_NODE_SEQ;
	uint32_t cnt = e->nservers;
	ordo_sha256_update(s, &t, 1);
	ordo_sha256_update(s, &cnt, sizeof(cnt));
	struct os_texts os;
	memset(&os, 0, sizeof(os));
	for (uint32_t i = 0; i < e->nservers; i++)
		hash_server(s, e->servers[i], &os);
}

static void hash_node(ordo_sha256 *s, const ordo_node *n)
{
	if (ordo_node_is_folded(n)) {
		/* role members read while parsing: hashed as the list of names */
		uint8_t t = ORDO_NODE_SEQ;
		uint32_t cnt = n->len;
		ordo_sha256_update(s, &t, 1);
		ordo_sha256_update(s, &cnt, sizeof(cnt));
		const ordo_version *vers = n->u.folded->extra;
		for (uint32_t i = 0; i < n->len; i++) {
			uint32_t len;
			const char *text = n->u.folded->text(n->u.folded->items, i, &len);
			hash_scalar(s, ORDO_NODE_STRING, text, len);
			if (vers && vers[i].scale) {
				/* a member at a version of its own */
				char b[64];
				hash_cstr(s, 'V', ordo_version_str(&vers[i], b, sizeof(b)));
			}
		}
		return;
	}
	if (!n) {
		uint8_t none = 255;
		ordo_sha256_update(s, &none, 1);
		return;
	}
	if (n->type == ORDO_NODE_BOOL) {
		hash_cstr(s, ORDO_NODE_BOOL, n->boolean ? "true" : "false");
		return;
	}
	if (n->type == ORDO_NODE_NULL) {
		hash_cstr(s, ORDO_NODE_NULL, "null");
		return;
	}
	if (ordo_node_is_scalar(n)) {
		hash_scalar(s, n->type, n->u.str, n->len);
		return;
	}
	uint8_t t = n->type;
	ordo_sha256_update(s, &t, 1);
	uint32_t cnt = n->len;
	ordo_sha256_update(s, &cnt, sizeof(cnt));
	if (n->type == ORDO_NODE_SEQ) {
		for (uint32_t i = 0; i < cnt; i++)
			hash_node(s, &n->u.items[i]);
		return;
	}
	const ordo_node *small[16];
	const ordo_node **keys = cnt <= 16 ? small : ordo_xmalloc(sizeof(*keys) * cnt);
	for (uint32_t i = 0; i < cnt; i++)
		keys[i] = ordo_node_key(n, i);
	ordo_sort(keys, cnt, sizeof(*keys), key_order);
	for (uint32_t i = 0; i < cnt; i++) {
		hash_node(s, keys[i]);
		if (hashing && n == hashing->doc->root && ordo_streq(keys[i]->u.str, keys[i]->len, "servers") &&
		    keys[i][1].type == ORDO_NODE_SEQ)
			hash_servers(s, hashing);
		else
			hash_node(s, keys[i] + 1); /* its value follows it */
	}
	if (keys != small)
		free(keys);
}

struct ordo_estate_digest {
	pthread_t thread;
	bool pending; /* the thread is to be joined */
	char fingerprint[72];
};

/* The fingerprint: the content, and where each component is going (so a
 * --target that changes nothing changes nothing). */
static void fingerprint(ordo_estate *e)
{
	ordo_sha256 sha;
	char hex[65], v[64];
	ordo_sha256_init(&sha);
	hashing = e;
	hash_node(&sha, e->doc->root);
	hashing = NULL;
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		const ordo_component *c = &e->components[i];
		ordo_sha256_update(&sha, c->id, strlen(c->id) + 1);
		if (c->requested_target.scale)
			ordo_version_str(&c->requested_target, v, sizeof(v));
		else
			v[0] = '\0';
		ordo_sha256_update(&sha, v, strlen(v) + 1);
	}
	ordo_sha256_hex(&sha, hex);
	snprintf(e->digest_->fingerprint, sizeof(e->digest_->fingerprint), "sha256:%s", hex);
}

/* The digest of a large estate takes a twentieth of a second: it is made
 * on a thread of its own while the checks and the plan, which only read
 * the estate, run. Nothing the digest reads is written after the load. */
static void *fingerprint_thread(void *arg)
{
	prctl(PR_SET_NAME, "ordo-digest", 0, 0, 0); /* for ps and perf */
	fingerprint(arg);
	return NULL;
}

static void fingerprint_wait(ordo_estate *e)
{
	if (e->digest_ && e->digest_->pending) {
		pthread_join(e->digest_->thread, NULL);
		e->digest_->pending = false;
	}
}

static void fingerprint_start(ordo_estate *e)
{
	fingerprint_wait(e);
	if (!e->digest_)
		e->digest_ = ordo_xcalloc(1, sizeof(*e->digest_));
	if (pthread_create(&e->digest_->thread, NULL, fingerprint_thread, e) == 0)
		e->digest_->pending = true;
	else
		fingerprint(e);
}

const char *ordo_estate_fingerprint(const ordo_estate *e)
{
	fingerprint_wait((ordo_estate *)e);
	return e->digest_ ? e->digest_->fingerprint : "";
}

int ordo_estate_load(ordo_estate **out, const char *path, const ordo_catalog *c, ordo_diag *d)
{
	*out = NULL;
	size_t errors_before = d->len;
	ordo_estate *e = ordo_xcalloc(1, sizeof(*e));
	e->catalog = c;
	ld l;
	memset(&l, 0, sizeof(l));
	l.r.d = d;
	l.e = e;
	l.c = c;
	l.list_seen.nocase = true; /* host names: VMM01 and vmm01 are one server */
	ordo_doc *doc = NULL;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	lo.fold = fold_server;
	lo.fold_ud = &l;
	lo.fold_list = fold_members_list;
	lo.fold_item = fold_member;
	lo.fold_end = fold_members_end;
	lo.fold_maps = true;
	int err = ordo_load_file(&doc, path, NULL, &lo, d);
	if (err < 0)
		l.nqueued = 0; /* their records went with the document */
	flush_servers(&l);
	ordo_vec_release(&l.list);
	ordo_vec_release(&l.list_vers);
	ordo_map_release(&l.list_seen);
	if (err < 0) {
		ordo_doc_free(doc);
		ordo_vec_release(&l.servers);
		ordo_vec_release(&l.unknown);
		free(e->server_index.slots);
		free(e);
		return err;
	}
	e->doc = doc;
	e->file = doc->file;
	l.doc = doc;
	l.r.doc = doc;
	l.r.a = doc->arena;
	const ordo_node *root = doc->root;
	ordo_vec waivers = ORDO_VEC_INIT;

	if (!root) {
		ordo_loc loc = {doc->file, 1, 1};
		ordo_diag_add(d, &loc, "the estate is empty: it needs at least 'ordo: 1', 'name' and 'components'");
		l.r.errors++;
		goto done;
	}
	if (!ordo_rd_is_map(&l.r, root, "an estate"))
		goto done;
	static const char *const top[] = {"ordo", "name", "target", "servers", "components",
					  "waivers", NULL};
	ordo_rd_keys(&l.r, root, top, "the estate");
	const ordo_node *fmt = ordo_node_get(root, "ordo");
	if (!fmt)
		ordo_rd_error(&l.r, root, "missing 'ordo: 1' (the estate format version)");
	else if (!ordo_rd_scalar(fmt) || strcmp(fmt->u.str, "1") != 0)
		ordo_rd_error(&l.r, fmt, "unsupported estate format '%s' (this ordo reads 1)",
			      ordo_rd_scalar(fmt) ? fmt->u.str : ordo_node_kind(fmt));
	e->name = ordo_rd_text(&l.r, root, "name", "the estate", true);
	const ordo_node *tn = ordo_node_get(root, "target");
	if (tn && tn->type != ORDO_NODE_NULL)
		version_of(&l, tn, &c->release, &e->target, "target");

	load_servers(&l, ordo_node_get(root, "servers"));
	e->nservers = (uint32_t)l.servers.len;
	e->servers = (ordo_server **)l.servers.items;
	const ordo_node *comps = ordo_node_get(root, "components");
	if (!comps)
		ordo_rd_error(&l.r, root, "missing 'components' in the estate");
	else if (ordo_rd_is_seq(&l.r, comps, "'components'")) {
		e->components = ordo_arena_alloc(doc->arena, sizeof(ordo_component) * (comps->len + 1));
		for (uint32_t i = 0; i < comps->len; i++)
			load_component(&l, &comps->u.items[i], (int)i);
		for (uint32_t i = 0; i < e->ncomponents; i++)
			resolve_refs(&l, &e->components[i]);
		resolve_short_names(&l);
		finish_server_refs(&l);
		load_instances(&l);
		for (uint32_t i = 0; i < e->ncomponents; i++)
			load_waivers(&l, ordo_node_get(e->components[i].node, "waivers"),
				     &e->components[i], &waivers);
	}
	load_waivers(&l, ordo_node_get(root, "waivers"), NULL, &waivers);

	e->nwaivers = (uint32_t)waivers.len;
	e->waivers = ordo_arena_alloc(doc->arena, sizeof(ordo_waiver) * (waivers.len + 1));
	for (size_t i = 0; i < waivers.len; i++)
		e->waivers[i] = *(ordo_waiver *)waivers.items[i];
	e->nunknown = (uint32_t)l.unknown.len;
	e->unknown = ordo_arena_alloc(doc->arena, sizeof(ordo_unknown_fact) * (l.unknown.len + 1));
	for (size_t i = 0; i < l.unknown.len; i++)
		e->unknown[i] = *(ordo_unknown_fact *)l.unknown.items[i];

done:
	if (!e->servers) {
		/* the records folded while parsing belong to the estate either way */
		e->nservers = (uint32_t)l.servers.len;
		e->servers = (ordo_server **)l.servers.items;
	}
	ordo_vec_release(&waivers);
	ordo_vec_release(&l.unknown);
	free(l.pend);
	if (l.r.errors || d->len > errors_before) {
		ordo_estate_free(e);
		return ORDO_EINVALID;
	}
	fingerprint_start(e);
	*out = e;
	return 0;
}

void ordo_estate_free(ordo_estate *e)
{
	if (!e)
		return;
	fingerprint_wait(e);
	free(e->digest_);
	free(e->servers);
	free(e->server_index.slots);
	ordo_map_release(&e->component_by_id);
	ordo_doc_free(e->doc);
	free(e);
}

const ordo_component *ordo_estate_component(const ordo_estate *e, const char *id)
{
	return ordo_map_get(&e->component_by_id, id, strlen(id));
}

const ordo_server *ordo_estate_server(const ordo_estate *e, const char *name)
{
	size_t len = strlen(name);
	return index_find(&e->server_index, e->servers, name, len,
			  (uint32_t)ordo_hash(name, len, true));
}

const ordo_role_members *ordo_component_role(const ordo_component *c, const char *role)
{
	for (uint32_t i = 0; i < c->nroles; i++)
		if (!strcmp(c->roles[i].role->id, role))
			return &c->roles[i];
	return NULL;
}

int ordo_estate_override_target(ordo_estate *e, const char *text, ordo_diag *d)
{
	fingerprint_wait(e); /* the digest reads the targets this changes */
	ordo_version v;
	const char *why = NULL;
	if (ordo_version_parse(&v, &e->catalog->release, text, strlen(text), &why) < 0) {
		ordo_diag_add(d, NULL, "invalid --target '%s': %s", text, why ? why : "malformed");
		return ORDO_EINVALID;
	}
	e->target = v;
	for (uint32_t i = 0; i < e->ncomponents; i++) {
		ordo_component *c = &e->components[i];
		const ordo_node *own = ordo_node_get(c->node, "target");
		if (own && own->type != ORDO_NODE_NULL)
			continue;
		c->requested_target = v;
		effective_target(c, false);
	}
	fingerprint_start(e);
	return 0;
}
