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
/** "system-center@2026.11" */
const char *ordo_render_catalog_name(const ordo_catalog *c, char *buf, size_t size);

#endif
