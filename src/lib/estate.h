/* SPDX-License-Identifier: MIT */
/*
 * estate.h: what is installed today and what the operator intends.
 *
 * An estate is read from YAML or JSON (see docs/estate.md) and validated
 * against a catalog: product and role ids, releases, fact declarations.
 * Every problem is reported with file:line:col; the estate is returned
 * only when there is none. The estate keeps its document: names and facts
 * point into it, so its memory grows with content, not with copies.
 */
#ifndef ORDO_ESTATE_H
#define ORDO_ESTATE_H

#include "catalog.h"

/* Servers by name: open addressing over (hash, index + 1) pairs, eight
 * bytes a slot, so a million names fit in 16 MB and a probe rarely touches
 * a record. */
typedef struct {
	uint32_t *slots; /* 2 * cap: hash, then index + 1 (0: empty) */
	uint32_t cap, len;
} ordo_name_index;

typedef struct ordo_server {
	const char *name;
	uint32_t name_len;
	uint32_t line;          /* where its entry starts */
	uint32_t index;         /* in ordo_estate.servers; ORDO_UNDESCRIBED: none */
	uint32_t stamp;         /* while loading: the last role that listed it */
	ordo_version os;        /* scale NULL: not given */
	int8_t pending_restart; /* -1 not given, 0, 1 */
	int8_t domain_joined;   /* -1 not given, 0, 1 */
	uint8_t used;           /* a role, database or server fact names it */
	uint8_t dotted;         /* its name is fully qualified (has a dot) */
	uint16_t col;           /* where its entry starts (capped) */
	const ordo_node *node;  /* the server's mapping when it has facts; NULL
				 * when it was folded while parsing */
} ordo_server;

/** A server's extra facts (its `facts:` mapping), or NULL. */
static inline const ordo_node *ordo_server_facts(const ordo_server *s)
{
	return s->node ? ordo_node_get(s->node, "facts") : NULL;
}

/* ordo_server.index of a member that `servers:` does not describe */
#define ORDO_UNDESCRIBED UINT32_MAX

typedef struct {
	const ordo_cat_role *role;
	const ordo_node *node;  /* the list or {count: N}; NULL when not given */
	bool named;             /* members listed by name: servers[count] */
	uint64_t count;         /* number of members (named or anonymous) */
	const struct ordo_server **servers; /* per member: its record (an
					     * undescribed one has its name only) */
	const ordo_version *versions; /* per member: its own version (scale NULL:
				       * the component's); NULL when none has one */
} ordo_role_members;


struct ordo_component;

/* A SQL Server instance (or whatever the catalog's `sql` scale names):
 * shared infrastructure, described once on the server that runs it
 * (`servers[].sql[]`) or, in older estates, by a database's own
 * `sql_version`. Every component whose database it holds is a user. */
typedef struct ordo_sql_instance {
	const char *server;     /* the server's name (canonical), or NULL: not given */
	const char *name;       /* the instance name ("MSSQLSERVER") */
	ordo_version version;   /* scale NULL: not given */
	int8_t availability_group; /* -1 not given, 0, 1 */
	bool described;         /* from a `sql` entry of the server */
	uint32_t index;         /* in ordo_estate.instances */
	const ordo_node *node;  /* the `sql` entry, or the first database naming it */
	struct ordo_component **users; /* in estate order */
	uint32_t nusers;
} ordo_sql_instance;

/* A fact of type server (`upgrade.management_server`) and the server it
 * names: the `servers:` entry, or a named member of the component that is
 * the same host; NULL when it names neither. */
typedef struct ordo_server_ref {
	const ordo_node *node;
	const ordo_server *server;
	const char *name; /* how reports and conditions see it: the entry's or
			   * member's name, else the text as written */
} ordo_server_ref;

typedef struct {
	const char *for_id;
	struct ordo_component *for_comp;
	ordo_version version;
	const ordo_node *node;
} ordo_pack;

typedef struct ordo_component {
	const char *id;
	const ordo_cat_product *product;
	ordo_version version;          /* the lowest any member is at (paths start here) */
	ordo_version stated_version;   /* its `version`: every member without one of its own */
	ordo_version target;           /* effective: clamped to last_release */
	ordo_version requested_target; /* what the estate asked for */
	bool target_retired;           /* requested beyond last_release */
	bool keep;                     /* upgrade.keep: stays at its release */
	bool retire;                   /* upgrade.retire: the plan uninstalls it */
	ordo_role_members *roles;      /* in the catalog's role order */
	uint32_t nroles;
	const ordo_node *node;
	const ordo_node *facts;    /* or NULL */
	const ordo_node *upgrade;  /* or NULL */
	const ordo_node *database; /* or NULL */
	ordo_version sql_version;  /* the instance's version; scale NULL: not given */
	ordo_sql_instance *instance; /* where its database is, or NULL: no database */
	const ordo_server *db_server; /* the `servers:` entry database.server names, or NULL */
	struct ordo_server_ref *server_refs; /* facts of type server and what they name */
	uint32_t nserver_refs;
	struct ordo_component **integrations;
	uint32_t nintegrations;
	ordo_pack *packs;
	uint32_t npacks;
	int index;
	struct ordo_value *servers_cache; /* check.c: the `servers` list, built once */
} ordo_component;

/** The version member i of a named role of c is at. */
static inline ordo_version ordo_member_version(const ordo_component *c, const ordo_role_members *m,
					       uint32_t i)
{
	return m->versions && m->versions[i].scale ? m->versions[i] : c->stated_version;
}

typedef struct {
	const char *finding;
	const char *component; /* NULL: every component */
	const char *reason;
	const char *expires;   /* "YYYY-MM-DD", or NULL */
	const ordo_node *node;
} ordo_waiver;

typedef struct {
	const char *component;
	const char *path;  /* "facts.wsman.max_conections" */
	ordo_loc loc;
} ordo_unknown_fact;

typedef struct ordo_estate {
	ordo_doc *doc;
	const ordo_catalog *catalog;
	const char *file;
	const char *name;
	ordo_version target;   /* scale NULL: none at estate level */
	ordo_server **servers;  /* in the order they were read */
	uint32_t nservers;
	ordo_name_index server_index; /* by name, ASCII case-insensitive */
	uint32_t ndotted;      /* entries whose name is fully qualified */
	ordo_component *components;
	uint32_t ncomponents;
	ordo_sql_instance **instances; /* every instance described or named, in file order */
	uint32_t ninstances;
	ordo_map component_by_id;
	ordo_waiver *waivers;
	uint32_t nwaivers;
	ordo_unknown_fact *unknown;
	uint32_t nunknown;
	/* the "sha256:..." of the estate's content, digested on a thread of
	 * its own while checks and plan run: read it with
	 * ordo_estate_fingerprint() (a copy of the struct shares it) */
	struct ordo_estate_digest *digest_;
} ordo_estate;

/**
 * Load and validate the estate at path against catalog c.
 * @param[out] out  caller frees with ordo_estate_free()
 * @return 0; ORDO_ENOTFOUND (missing or unreadable); ORDO_EINVALID (every
 *         problem added to d with file:line:col)
 */
int ordo_estate_load(ordo_estate **out, const char *path, const ordo_catalog *c, ordo_diag *d);
void ordo_estate_free(ordo_estate *e);
/** The estate's fingerprint ("sha256:..."); the first call may wait for
 * the digest, computed beside the caller since the estate was loaded. */
const char *ordo_estate_fingerprint(const ordo_estate *e);
/** Apply --target: every component without a target of its own moves to
 * text instead. ORDO_EINVALID (message in d) when it is not a release. */
int ordo_estate_override_target(ordo_estate *e, const char *text, ordo_diag *d);

const ordo_component *ordo_estate_component(const ordo_estate *e, const char *id);
/** The `servers:` entry of a name, compared case-insensitively. Names in
 * the model (members, database.server, server facts) are already resolved
 * to their entry's spelling, short names and FQDNs included. */
const ordo_server *ordo_estate_server(const ordo_estate *e, const char *name);
/** How conditions and reports see a server fact's value n of component c:
 * the name of the server it was resolved to, or NULL when n is no server
 * fact of c. */
const char *ordo_component_server_ref(const ordo_component *c, const ordo_node *n);
/** Name of member i of a named role. */
static inline const char *ordo_role_member(const ordo_role_members *m, uint32_t i)
{
	return m->servers[i]->name;
}
/** The `servers:` entry of member i of a named role, or NULL. */
static inline const ordo_server *ordo_role_server(const ordo_role_members *m, uint32_t i)
{
	return m->servers[i]->index == ORDO_UNDESCRIBED ? NULL : m->servers[i];
}
/** Whether s[0..len) is a valid server or component name: letters, digits,
 * '-', '_' and '.', starting with a letter or digit, at most 253 bytes.
 * Nothing else can reach an executor's argv or a report. */
bool ordo_name_valid(const char *s, size_t len);
const ordo_role_members *ordo_component_role(const ordo_component *c, const char *role);

#endif
