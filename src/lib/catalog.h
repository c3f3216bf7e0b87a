/* SPDX-License-Identifier: MIT */
/*
 * catalog.h: the knowledge base, compiled from YAML/JSON data.
 *
 * A catalog is built from layers: the files embedded at build time, then
 * any files given with --catalog. Inside one layer an id may appear once;
 * a later layer's entry replaces an earlier one with the same id. The
 * result is immutable and owned by the catalog's arena.
 *
 * The engine knows no product: products, releases, edges, roles, orders,
 * support matrices, checks, tasks and procedures are all data here.
 */
#ifndef ORDO_CATALOG_H
#define ORDO_CATALOG_H

#include "expr.h"
#include "node.h"
#include "version.h"

typedef enum { ORDO_SEV_INFO = 0, ORDO_SEV_WARNING = 1, ORDO_SEV_BLOCKER = 2 } ordo_severity;
const char *ordo_severity_name(ordo_severity s);

typedef enum {
	ORDO_MODE_SEQUENTIAL = 0, /* one member after another */
	ORDO_MODE_ALONE,          /* nothing else runs meanwhile */
	ORDO_MODE_PARALLEL,       /* every member at once */
	ORDO_MODE_BATCH,          /* `batch` members per step */
} ordo_role_mode;

typedef enum {
	ORDO_SCOPE_ESTATE = 0,
	ORDO_SCOPE_COMPONENT,
	ORDO_SCOPE_HOP,
	ORDO_SCOPE_SERVER,
	ORDO_SCOPE_PACK,
} ordo_scope;

typedef enum {
	ORDO_FACT_ANY = 0,
	ORDO_FACT_STRING,
	ORDO_FACT_NUMBER,
	ORDO_FACT_BOOL,
	ORDO_FACT_LIST,
	ORDO_FACT_MAP,
	ORDO_FACT_SERVER, /* a server name: a string with the name rules */
} ordo_fact_type;

typedef struct {
	const char *text;   /* may be NULL (no sources) */
	ordo_loc loc;
} ordo_cat_str;

typedef struct {
	const char **items;
	uint32_t n;
} ordo_strlist;

/* A template: "text {expr} text"; parts alternate literal / expression. */
typedef struct {
	const char *source;
	uint32_t nparts;
	const char **lits;      /* nparts literals */
	const ordo_expr **exprs;/* nparts expressions (NULL after the last literal) */
} ordo_template;

typedef struct ordo_cat_fact ordo_cat_fact;
struct ordo_cat_fact {
	const char *name;
	ordo_fact_type type;
	ordo_strlist values;     /* allowed strings (empty: any) */
	const ordo_node *def;    /* default value, or NULL */
	const char *default_from;/* "facts.service_account", or NULL */
	ordo_cat_fact *keys;     /* MAP: declared keys */
	uint32_t nkeys;
};

typedef struct {
	const char *id;
	int index;
	ordo_role_mode mode;
	bool initial;
	bool anonymous;
	uint32_t batch;
	ordo_strlist after; /* roles that finish first; default: the previous role */
	bool after_given;   /* `after` was written (possibly empty) */
	const char *with;   /* upgraded with the same server's step of this role */
	const ordo_expr *moves_to; /* component-scope: the server the (single) member
				    * runs on after the upgrade, when it changes */
} ordo_cat_role;

typedef struct {
	ordo_version from;  /* the release (sub = -1) */
	ordo_version to;
	ordo_version min;   /* minimum on the source; scale NULL when none */
	ordo_version recommended;
	ordo_strlist sources;
	ordo_loc loc;
} ordo_cat_edge;

typedef struct {
	const char *role;   /* "*" for every role not named */
	ordo_value list;    /* ORDO_VAL_LIST of strings */
} ordo_cat_role_os;

typedef struct {
	ordo_version release;
	ordo_cat_role_os *os;
	uint32_t nos;
	ordo_value sql;     /* list of strings, or null */
	ordo_strlist sources;
} ordo_cat_support;

typedef struct ordo_cat_product {
	const char *id;
	const char *name;
	int index;             /* order of definition */
	bool independent;      /* track: independent */
	int32_t *releases;     /* indexes on the release scale, ascending */
	uint32_t nreleases;
	ordo_version last_release; /* scale NULL: none */
	bool stays_after_last_release; /* a later target leaves it at last_release
					* (serviced, supported beside later releases) */
	ordo_cat_role *roles;
	uint32_t nroles;
	ordo_cat_fact facts;   /* a MAP declaration */
	ordo_cat_fact upgrade; /* a MAP declaration */
	ordo_cat_edge *edges;
	uint32_t nedges;
	ordo_cat_support *support;
	uint32_t nsupport;
	ordo_loc loc;
} ordo_cat_product;

typedef struct {
	const char *type; /* hint | command | step */
	ordo_template text;
} ordo_cat_remedy;

/* A fact a check needs to judge (`needs:`): where `when` holds and `fact`
 * is null, the check could not judge and `estate.unknown` says so. */
typedef struct {
	const char *fact;       /* the path as written: "server.os" */
	const ordo_expr *value; /* the path, compiled */
	const ordo_expr *when;  /* NULL: wherever the check is evaluated */
	ordo_template add;      /* what to add, for people; may be empty */
} ordo_cat_need;

typedef struct ordo_cat_check {
	const char *id;
	ordo_severity severity;
	bool waivable;
	bool builtin;
	bool invariant;        /* also checked on every intermediate state of a plan */
	ordo_scope scope;
	ordo_strlist products; /* empty: all */
	ordo_strlist roles;    /* server scope; empty: all */
	const ordo_expr *when;
	const ordo_expr *accepted_by;
	ordo_template title;
	ordo_template detail;
	ordo_cat_remedy *remediation;
	uint32_t nremediation;
	ordo_strlist sources;
	const char *resolved_action; /* resolved_by.action, or NULL */
	ordo_template resolved_title;
	const ordo_expr *resolved_when; /* resolved_by.when: the step can remove it only then */
	ordo_cat_need *needs;
	uint32_t nneeds;
	ordo_loc loc;
} ordo_cat_check;

typedef struct {
	const char *before;
	const char *after;
	const ordo_expr *when; /* NULL: always */
	ordo_strlist sources;
} ordo_cat_order_edge;

typedef struct {
	const char *id;
	bool all_targets;
	int32_t *targets;  /* release indexes */
	uint32_t ntargets;
	ordo_strlist order;
	ordo_cat_order_edge *edges;
	uint32_t nedges;
	ordo_strlist sources;
	ordo_loc loc;
} ordo_cat_sequence;

typedef struct {
	const char *id;
	const char *product;
	int phase;          /* 0 pre, 2 post */
	const char *action;
	const char *role;   /* or NULL */
	const char *after_role; /* placed right after this role's steps, not at the hop's end */
	const ordo_expr *when;
	bool manual;
	ordo_template title;
	ordo_strlist sources;
	ordo_loc loc;
} ordo_cat_task;

typedef struct {
	const char *action;
	const ordo_expr *when;
	ordo_template title;
	bool manual;
} ordo_cat_proc_step;

typedef struct {
	const char *product;
	const char *role;
	int32_t *hops;     /* release indexes reached; n == 0: every hop */
	uint32_t nhops;
	ordo_cat_proc_step *steps;
	uint32_t nsteps;
	ordo_strlist sources;
	ordo_loc loc;
} ordo_cat_procedure;

typedef struct {
	const char *id;
	const char *topic;
	const char *chosen;
	ordo_strlist readings;
	ordo_strlist sources;
	ordo_strlist products; /* products it concerns (from `products:`, else guessed empty) */
} ordo_cat_conflict;

typedef struct ordo_catalog {
	ordo_arena *arena;
	const char *suite_id;
	const char *suite_name;
	const char *version;
	char fingerprint[72]; /* "sha256:<hex>" of the catalog data */
	ordo_scale release, sql, os;
	ordo_cat_product *products;
	uint32_t nproducts;
	ordo_cat_check *checks;
	uint32_t nchecks;
	ordo_cat_sequence *sequences;
	uint32_t nsequences;
	ordo_cat_task *tasks;
	uint32_t ntasks;
	ordo_cat_procedure *procedures;
	uint32_t nprocedures;
	ordo_cat_conflict *conflicts;
	uint32_t nconflicts;
	ordo_map product_by_id;
	ordo_map check_by_id;
	uint32_t nfiles;
	ordo_vec docs_; /* the parsed files compiled entries point into */
} ordo_catalog;

typedef struct {
	const char *const *paths; /* --catalog files or folders, in order */
	size_t npaths;
	bool no_builtin;          /* replace instead of extend the built-in catalog */
	bool lint;                /* stricter: report what a catalog author must fix */
} ordo_catalog_options;

#define ORDO_CATALOG_OPTIONS_INIT {NULL, 0, false, false}

/**
 * Load the built-in catalog and the files of opts, validate and compile it.
 * @param[out] out  caller frees with ordo_catalog_free()
 * @return 0; ORDO_ENOTFOUND (a --catalog path is missing); ORDO_EINVALID
 *         (every problem added to d with file:line:col)
 */
int ordo_catalog_load(ordo_catalog **out, const ordo_catalog_options *opts, ordo_diag *d);
void ordo_catalog_free(ordo_catalog *c);

const ordo_cat_product *ordo_catalog_product(const ordo_catalog *c, const char *id);
const ordo_cat_check *ordo_catalog_check(const ordo_catalog *c, const char *id);
/** The finding id (a check of c or a built-in finding) closest to id when
 * one is close enough to be what was meant, else NULL (see ordo_closest). */
const char *ordo_closest_finding(const ordo_catalog *c, const char *id);
const ordo_cat_role *ordo_product_role(const ordo_cat_product *p, const char *role);
bool ordo_product_has_release(const ordo_cat_product *p, int32_t release_idx);
/** The support entry of p for a release, or NULL. */
const ordo_cat_support *ordo_product_support(const ordo_cat_product *p, int32_t release_idx);
/** The OS list of a support entry for role (or "*"); null value when none. */
ordo_value ordo_support_os(const ordo_cat_support *s, const char *role);
/** Whether a support list (strings naming versions on v's scale; a
 * suffix number is a minimum) accepts v. A list that is not given (null)
 * accepts everything: nothing is documented against it. */
bool ordo_support_allows(ordo_value list, const ordo_version *v);
/** Whether release rel of p runs with database server version v. */
bool ordo_product_sql_allows(const ordo_cat_product *p, int32_t rel, const ordo_version *v);
/** Whether role of release rel of p runs on operating system v. */
bool ordo_product_os_allows(const ordo_cat_product *p, int32_t rel, const char *role,
			    const ordo_version *v);
/** Declaration of a fact path ("wsman.max_connections") under a MAP decl, or NULL. */
const ordo_cat_fact *ordo_fact_lookup(const ordo_cat_fact *map, const char *path);

/* Findings the engine raises itself (paths, order, estate hygiene). A
 * catalog may give them its own title, remediation and sources with a
 * `builtin: true` check of the same id. */
typedef struct {
	const char *id;
	ordo_severity severity;
	bool waivable;
	const char *title;
	const char *text; /* what it means, for `ordo explain` */
} ordo_builtin_finding;

/** The built-in finding id, or NULL. */
const ordo_builtin_finding *ordo_builtin_finding_get(const char *id);
extern const ordo_builtin_finding ordo_builtin_findings[]; /* ends with id NULL */

/** Render a template with ctx; appends to out. */
void ordo_template_render(const ordo_template *t, const ordo_eval_ctx *ctx, ordo_eval *ev,
			  ordo_buf *out);

#endif
