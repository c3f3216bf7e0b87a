/* SPDX-License-Identifier: MIT */
/*
 * check.h: readiness findings for an estate.
 *
 * ordo_check_run() computes each component's path, evaluates the catalog's
 * checks in their scopes, the suite order and the estate's own hygiene
 * (unknown facts, waivers), and returns a report: findings sorted blockers
 * first, the verdict and the exit code of the spec (0, 1 or 2).
 */
#ifndef ORDO_CHECK_H
#define ORDO_CHECK_H

#include "estate.h"
#include "path.h"

typedef struct {
	const char *type; /* hint | command | step */
	const char *text;
} ordo_remedy;

typedef struct ordo_finding {
	const char *id;
	const ordo_cat_check *check; /* NULL for built-in findings without a catalog entry */
	ordo_severity severity;
	bool waivable;
	bool waived;
	bool accepted;             /* waived by the check's accepted_by: the estate
				    * records the decision (upgrade.accept_...) */
	const char *waive_reason;  /* when waived */
	const char *waive_expires; /* when waived and the waiver has an expiry */
	const ordo_component *component; /* NULL: the estate as a whole */
	const char **servers;
	uint32_t nservers;
	uint32_t servers_cap;
	ordo_map *server_set; /* for findings on many servers: which are listed */
	bool has_hop;
	ordo_version hop_from, hop_to;
	int hop_index; /* -1: not tied to one hop */
	const ordo_pack *pack; /* pack-scope findings: the integration pack */
	const char *title;
	const char *detail;
	ordo_remedy *remediation;
	uint32_t nremediation;
	ordo_strlist sources;
	uint32_t *resolved_by; /* plan step ids */
	uint32_t nresolved;
	const char *resolve_action; /* the step action that removes it, or NULL */
	uint32_t seq;              /* discovery order, for stable sorting */
} ordo_finding;

typedef struct {
	const ordo_component *component;
	ordo_path path;
} ordo_component_path;

typedef struct ordo_report {
	ordo_arena *arena;
	const ordo_estate *estate;
	const ordo_catalog *catalog;
	ordo_finding **findings;
	uint32_t nfindings;
	ordo_component_path *paths; /* one per component, estate order */
	char fingerprint_[72];      /* estate + catalog: ordo_report_fingerprint() */
	const char *today;          /* YYYY-MM-DD used for waiver expiry */
} ordo_report;

typedef struct {
	const char *today; /* "YYYY-MM-DD"; NULL: $ORDO_NOW or the clock */
} ordo_check_options;

#define ORDO_CHECK_OPTIONS_INIT {NULL}

/** Run every check. @param[out] out caller frees with ordo_report_free(). */
int ordo_check_run(ordo_report **out, const ordo_estate *e, const ordo_check_options *o);
/** The report's fingerprint: of the estate and the catalog ("sha256:..."). */
const char *ordo_report_fingerprint(const ordo_report *r);
void ordo_report_free(ordo_report *r);

/** Add a finding the planner discovered (title and detail are copied); it
 * takes severity, waivable, remediation and sources from catalog check k
 * when k is given. Returns it, owned by r. */
ordo_finding *ordo_report_add(ordo_report *r, const char *id, const ordo_cat_check *k,
			      ordo_severity sev, const ordo_component *comp, const char *title,
			      const char *detail);
/** Sort findings (blockers first, then by component, id, hop) — call again
 * after changing `waived` or `resolved_by`. */
void ordo_report_sort(ordo_report *r);
/** A finding counts towards exit code 2. */
bool ordo_finding_open_blocker(const ordo_finding *f);

/*
 * The verdict. Every report that words it (text, Markdown, HTML, JSON, the
 * status page of a run, the export's header) takes it from these functions,
 * so the word, the counts beside it and the exit code cannot disagree.
 */
typedef enum {
	ORDO_VERDICT_OK,       /* nothing above info that counts: exit 0 */
	ORDO_VERDICT_WARNINGS, /* warnings, or blockers that are waived: exit 1 */
	ORDO_VERDICT_PLANNED,  /* no open blocker, at least one removed by a plan step: exit 1 */
	ORDO_VERDICT_BLOCKED,  /* a blocker neither waived nor resolved by a plan step: exit 2 */
} ordo_verdict;

/** How the findings count in a headline; each finding in one place only. */
typedef struct {
	uint32_t blockers;        /* open: neither waived nor resolved by a plan step */
	uint32_t warnings;        /* not waived (those a step resolves still ask to be read) */
	uint32_t info;            /* not waived */
	uint32_t resolved;        /* blockers a plan step removes, not waived */
	uint32_t waived;          /* of any severity, by a waiver */
	uint32_t accepted;        /* of any severity, by the estate's recorded decision */
	uint32_t waived_blockers; /* blockers of either kind */
} ordo_tally;

/** Count one finding; accepted: waived by the estate's own recorded
 * decision (a check's accepted_by), said as "accepted". */
void ordo_tally_add(ordo_tally *t, ordo_severity sev, bool waived, bool resolved, bool accepted);
/** The tally of a report's findings. */
void ordo_report_tally(const ordo_report *r, ordo_tally *out);
ordo_verdict ordo_tally_verdict(const ordo_tally *t);
/** The JSON word: "ok", "warnings", "planned" or "blocked". */
const char *ordo_verdict_name(ordo_verdict v);
/** The headline: "READY", "READY WITH WARNINGS", "READY ONCE THE PLAN'S STEPS ARE DONE", "BLOCKED". */
const char *ordo_verdict_headline(ordo_verdict v);
/** 0, 1 or 2 per the contract. */
int ordo_verdict_exit_code(ordo_verdict v);
/** "2 blockers, 1 warning, 0 info; 1 resolved by plan steps, 1 waived" (the
 * last two only when not zero), appended to out. */
void ordo_tally_text(ordo_buf *out, const ordo_tally *t);

ordo_verdict ordo_report_verdict(const ordo_report *r);
/** 0, 1 or 2 per the contract. */
int ordo_report_exit_code(const ordo_report *r);
/** Today's date for waiver expiry: opts, else ORDO_NOW (its date part), else UTC clock. */
const char *ordo_today(char buf[11]);

/* The evaluation contexts checks run in; the planner reuses them. */
typedef struct ordo_scope_ctx {
	const ordo_estate *estate;
	const ordo_component *comp;
	const ordo_hop *hop;
	int hop_index, hop_count;
	const ordo_server *server;
	const char *server_name;
	const char *role;
	const ordo_pack *pack;
	const ordo_cat_support *support;
	const ordo_component *first, *second;
	const ordo_version *version_override; /* planner: the component's simulated version */
	const ordo_version *sql_override;     /* its database instance's simulated version */
	const ordo_version *os_override;      /* the server's simulated operating system */
} ordo_scope_ctx;

ordo_eval_ctx ordo_scope_eval_ctx(ordo_scope_ctx *sc);
/** The catalog rule by which a must finish moving to release idx before b
 * starts (the suite order, or a conditional predecessor that holds for the
 * pair), as text in arena; NULL when none. */
const char *ordo_sequence_rule(const ordo_estate *e, const ordo_component *a,
			       const ordo_component *b, int32_t idx, ordo_arena *arena,
			       ordo_eval *ev);
/** Where member i of a named role runs after the upgrade: the role's
 * `moves_to` value when the role has a single member and the value names
 * another server, else the member itself. Borrowed from the estate or
 * catalog. */
const char *ordo_member_after(const ordo_estate *e, const ordo_component *c,
			      const ordo_role_members *rm, uint32_t i, ordo_eval *ev);
/** Whether a server-scope condition reads nothing of its server but the
 * operating system, pending_restart and domain_joined (servers alike in
 * those give the same result). */
bool ordo_check_server_keyed(const ordo_cat_check *k);
/** Format a version into the arena. */
const char *ordo_version_dup(ordo_arena *a, const ordo_version *v);

#endif
