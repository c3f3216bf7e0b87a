/* SPDX-License-Identifier: MIT */
/*
 * plan.h: the ordered, verified upgrade plan.
 *
 * ordo_plan_build() turns a checked estate into steps:
 *
 *   paths    each component's hops (from check)
 *   stages   hops grouped by the release they reach; a stage completes
 *            across the suite before the next begins
 *   order    inside a stage, products in the catalog's sequence for that
 *            release (plus conditional predecessors such as integrations)
 *   steps    inside a component's hop: update rollup, pre-tasks, steps that
 *            resolve findings, integration packs unregistered, the roles'
 *            procedures in role order and mode (alone, sequential, parallel,
 *            batches), packs registered again, post-tasks
 *   waves    a layered topological order; steps of one wave may run at once
 *
 * The generator does not certify its own output: ordo_plan_verify()
 * (plan_verify.c) replays the finished step list on a fresh copy of the
 * estate and checks every intermediate state against the catalog's
 * invariants. A plan that fails verification is reported, never printed as
 * valid.
 */
#ifndef ORDO_PLAN_H
#define ORDO_PLAN_H

#include "check.h"
#include "json_writer.h"

typedef enum { ORDO_PHASE_PRE = 0, ORDO_PHASE_UPGRADE = 1, ORDO_PHASE_POST = 2 } ordo_phase;
const char *ordo_phase_name(ordo_phase p);

typedef struct ordo_step {
	uint32_t id;   /* 1-based, in output order */
	uint32_t wave; /* 1-based */
	ordo_phase phase;
	const ordo_component *component;
	const char *role;       /* role id, "integration_pack", or NULL (whole component) */
	const char **servers;   /* named servers the step acts on */
	uint32_t nservers;
	uint64_t members;       /* anonymous members covered (0: none) */
	ordo_version from, to;  /* scale NULL: not a version change */
	const char *action;
	bool manual;
	bool alone;             /* nothing else may run in its wave */
	const char *title;
	const ordo_component *pack_for; /* integration-pack steps: the served component */
	const ordo_pack *pack;          /* and the pack itself (a component may have two) */
	ordo_version pack_version;      /* register-ip: the pack version registered */
	uint32_t *after;        /* ids of steps that must finish first */
	uint32_t nafter, after_cap;
	const char **why;
	uint32_t nwhy, why_cap;
	ordo_strlist sources;
	const char **blocked_by; /* finding ids */
	uint32_t nblocked, blocked_cap;
	const struct ordo_finding **blockers; /* the findings behind blocked_by */
	uint32_t nblockers, blockers_cap;
	int hop_index;           /* index into the component's path, or -1 */
	uint32_t stage;          /* stage number (0-based) */
	/* a step on shared infrastructure (component NULL): the product and
	 * role names the catalog gives it, the instance it upgrades (from/to
	 * are then its versions) and the components it serves */
	const char *product_id;
	const ordo_sql_instance *instance;
	const ordo_component *const *serves;
	uint32_t nserves;
	/* an operating system upgrade: the release each server moves to
	 * (scale NULL: not named) */
	ordo_version os_from, os_to;
} ordo_step;

/** The id of the step's component, or NULL for shared infrastructure. */
static inline const char *ordo_step_component_id(const ordo_step *s)
{
	return s->component ? s->component->id : NULL;
}
/** The product the step acts on: its component's, or the infrastructure's. */
static inline const char *ordo_step_product_id(const ordo_step *s)
{
	return s->component ? s->component->product->id : s->product_id;
}
/** What the step acts on, for reports: the component id, else the product. */
static inline const char *ordo_step_subject(const ordo_step *s)
{
	return s->component ? s->component->id : s->product_id ? s->product_id : "-";
}

typedef struct {
	uint32_t step;       /* the step after which the violation holds (0: the start) */
	const char *rule;    /* check id or invariant name */
	const char *message; /* in terms of the estate */
} ordo_violation;

/* Why a component cannot be fully planned: the open blockers that hold
 * its steps (or, with no path, the component itself). Each one is needed:
 * its steps stay blocked while any of them is open, and none other holds
 * them. */
typedef struct {
	const ordo_component *component;
	const struct ordo_finding **by; /* its own first, then others' in estate order */
	uint32_t n;
} ordo_blocked;

typedef struct ordo_plan {
	ordo_arena *arena;
	const ordo_report *report;
	ordo_step **steps; /* in output order: by wave, then generation order */
	uint32_t nsteps;
	uint32_t nwaves;
	/* from verification, empty for a valid plan: read them with
	 * ordo_plan_violations(), which waits for a verification running */
	ordo_violation *violations_;
	uint32_t nviolations_;
	struct ordo_plan_verifier *verifier_;
	ordo_arena *verify_arena_; /* the violations' messages */
	bool complete; /* every component reaches its target */
	ordo_blocked *blocked; /* components held back, in estate order */
	uint32_t nblocked;
} ordo_plan;

/**
 * Build the plan for the report's estate, then verify it. Findings of r get
 * their resolved_by filled in (so check and plan agree).
 * @param[out] out  caller frees with ordo_plan_free()
 */
int ordo_plan_build(ordo_plan **out, ordo_report *r);
/**
 * The same, but the verification runs on a thread of its own while the
 * caller goes on (to render the plan, say); ordo_plan_violations() waits
 * for it. Until then the caller must change nothing the plan, its report
 * or their estate hold.
 */
int ordo_plan_build_verifying(ordo_plan **out, ordo_report *r);
/** The violations verification found (*n of them); waits for it. */
const ordo_violation *ordo_plan_violations(const ordo_plan *p, uint32_t *n);
static inline uint32_t ordo_plan_nviolations(const ordo_plan *p)
{
	uint32_t n;
	ordo_plan_violations(p, &n);
	return n;
}
void ordo_plan_free(ordo_plan *p);

/**
 * Replay the steps on a fresh copy of the estate and check every
 * intermediate state: the catalog's pack and invariant checks, the suite
 * order between products, components never left mixed at the end of a
 * stage, every server covered by exactly one upgrade step per hop, every
 * `after` pointing backwards, and the end state at each target. Fills
 * the plan's violations; returns the number found.
 */
uint32_t ordo_plan_verify(ordo_plan *p);

/** The "blocked" array of the JSON document (nothing when none is). */
void ordo_plan_json_blocked(const ordo_plan *p, ordo_jw *w);
/** The "steps" array of the JSON document. */
void ordo_plan_json_steps(const ordo_plan *p, ordo_jw *w);
/** The waves, for the text report (o may be NULL). */
void ordo_render_plan_text(ordo_buf *out, const ordo_plan *p, const void *o);
/** Markdown for change tickets; DOT for the dependency graph. */
void ordo_render_markdown(ordo_buf *out, const ordo_report *r, const ordo_plan *p);
void ordo_render_dot(ordo_buf *out, const ordo_report *r, const ordo_plan *p);

#endif
