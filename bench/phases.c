/* SPDX-License-Identifier: MIT */
/*
 * phases.c: where the time of `ordo check` / `ordo plan` goes, phase by
 * phase, on one estate: the catalog, the document alone (parse and tree,
 * no estate model), the estate (parse, fold, validate), the checks, the
 * plan with its verification, what is left of the fingerprint's digest
 * (made on a thread of its own from the end of the estate's load), and
 * the JSON report.
 *
 *   bench/out/phases <estate> [repeat]
 *
 * Prints, per phase, wall seconds and the CPU seconds of all of ordo's
 * threads in it (the best of `repeat` runs, default 3): a file is read on
 * two threads, so the CPU time of a phase can exceed its wall time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "estate.h"
#include "loader.h"
#include "plan.h"
#include "render.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct stamp {
	double wall, cpu;
};

static struct stamp now(void)
{
	struct stamp s = {clock_s(CLOCK_MONOTONIC), clock_s(CLOCK_PROCESS_CPUTIME_ID)};
	return s;
}

enum { CATALOG, DOCUMENT, ESTATE, CHECK, PLAN, DIGEST, REPORT, NPHASES };
static const char *const names[] = {"catalog", "document only", "estate", "checks",
				    "plan + verify", "digest (rest)", "JSON report"};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: phases <estate> [repeat]\n");
		return 64;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 3;
	struct stamp best[NPHASES];
	for (int i = 0; i < NPHASES; i++)
		best[i].wall = best[i].cpu = 1e9;
	for (int k = 0; k < repeat; k++) {
		ordo_diag d = ORDO_DIAG_INIT;
		ordo_catalog_options co = ORDO_CATALOG_OPTIONS_INIT;
		ordo_catalog *c = NULL;
		struct stamp t[NPHASES + 1];
		t[0] = now();
		if (ordo_catalog_load(&c, &co, &d) < 0)
			return 70;
		t[1] = now();
		ordo_doc *doc = NULL;
		ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
		if (ordo_load_file(&doc, argv[1], NULL, &lo, &d) < 0)
			return 65;
		ordo_doc_free(doc);
		t[2] = now();
		ordo_estate *e = NULL;
		if (ordo_estate_load(&e, argv[1], c, &d) < 0) {
			for (size_t i = 0; i < d.len && i < 5; i++)
				fprintf(stderr, "%s\n", d.items[i].message);
			return 65;
		}
		t[3] = now();
		ordo_report *r = NULL;
		ordo_check_run(&r, e, NULL);
		t[4] = now();
		ordo_plan *p = NULL;
		ordo_plan_build(&p, r);
		t[5] = now();
		ordo_estate_fingerprint(e);
		t[6] = now();
		ordo_buf out = ORDO_BUF_INIT;
		ordo_render_json(&out, r, p);
		t[7] = now();
		if (ordo_plan_nviolations(p))
			fprintf(stderr, "phases: the plan failed verification\n");
		ordo_buf_release(&out);
		ordo_plan_free(p);
		ordo_report_free(r);
		ordo_estate_free(e);
		ordo_catalog_free(c);
		ordo_diag_release(&d);
		for (int i = 0; i < NPHASES; i++) {
			if (t[i + 1].wall - t[i].wall < best[i].wall)
				best[i].wall = t[i + 1].wall - t[i].wall;
			if (t[i + 1].cpu - t[i].cpu < best[i].cpu)
				best[i].cpu = t[i + 1].cpu - t[i].cpu;
		}
	}
	struct stamp total = {0, 0};
	printf("%-14s %7s %7s\n", "phase", "wall s", "CPU s");
	for (int i = 0; i < NPHASES; i++) {
		printf("%-14s %7.3f %7.3f\n", names[i], best[i].wall, best[i].cpu);
		if (i != DOCUMENT) {
			total.wall += best[i].wall;
			total.cpu += best[i].cpu;
		}
	}
	printf("%-14s %7.3f %7.3f (without 'document only')\n", "total", total.wall, total.cpu);
	return 0;
}
