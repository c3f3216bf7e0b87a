/* SPDX-License-Identifier: MIT */
/*
 * render.h: reports for people and programs.
 *
 * Every renderer writes into a buffer, so the CLI decides where it goes
 * (stdout or -o) and tests can compare it byte for byte. Output is
 * deterministic: the same estate and catalog give the same bytes.
 */
#ifndef ORDO_RENDER_H
#define ORDO_RENDER_H

#include "check.h"
#include "json_writer.h"
#include "journal.h"
#include "node.h"

struct ordo_plan;

typedef struct {
	bool color;   /* ANSI colours (only when writing to a terminal) */
	bool verbose; /* text: show info findings in full */
} ordo_render_options;

#define ORDO_RENDER_OPTIONS_INIT {false, false}

/** The JSON document of cli.md; with plan == NULL (check) there is no "steps". */
void ordo_render_json(ordo_buf *out, const ordo_report *r, const struct ordo_plan *plan);
/** Human text: verdict, findings by severity, then the plan's waves. */
void ordo_render_text(ordo_buf *out, const ordo_report *r, const struct ordo_plan *plan,
		      const ordo_render_options *o);

/* What a status page shows besides the plan: the run, from its journal. */
typedef struct {
	const char *state;          /* "running", "waiting", "failed" or "done" */
	const char *journal;        /* the journal's file, as named to ordo (may be NULL) */
	const ordo_jstep *steps;    /* the journal's steps, in id order */
	uint32_t nsteps;
	const char *const *outputs; /* per journal step: what a failed step printed last, or
				     * NULL; the array itself may be NULL */
} ordo_html_run;

/**
 * One self-contained HTML page (inline CSS and SVG, no script, nothing
 * fetched) for check (plan NULL) or plan: the verdict, the findings
 * blockers first, the waves and a timeline of waves by component. It shows
 * the JSON document of cli.md, so it says what `--format json` says; every
 * string from the estate or catalog is escaped. ORDO_ERROR only when that
 * document cannot be read back (a bug).
 */
int ordo_render_html(ordo_buf *out, const ordo_report *r, const struct ordo_plan *plan);
/** The same page for a document already parsed: doc is the JSON document
 * (as the journal keeps it); run, when not NULL, adds the steps' states. */
void ordo_render_html_doc(ordo_buf *out, const ordo_node *doc, const ordo_html_run *run);

/** A version as a JSON string, or null when there is none. */
void ordo_jw_version(ordo_jw *w, const ordo_version *v);
/** "system-center@2026.11" */
const char *ordo_render_catalog_name(const ordo_catalog *c, char *buf, size_t size);

#endif
