/* SPDX-License-Identifier: MIT */
/*
 * phases.c: where the time of `ordo check` / `ordo plan` goes, phase by
 * phase, on one estate: the catalog, the document alone (parse and tree,
 * no estate model), the estate (parse, fold, validate, fingerprint), the
 * checks, the plan with its verification, and the JSON report.
 *
 *   bench/out/phases <estate> [repeat]
 *
 * Prints CPU seconds per phase (the best of `repeat` runs, default 3).
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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { CATALOG, DOCUMENT, ESTATE, CHECK, PLAN, REPORT, NPHASES };
static const char *const names[] = {"catalog", "document only", "estate", "checks",
				    "plan + verify", "JSON report"};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: phases <estate> [repeat]\n");
		return 64;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 3;
	double best[NPHASES];
	for (int i = 0; i < NPHASES; i++)
		best[i] = 1e9;
	for (int k = 0; k < repeat; k++) {
		ordo_diag d = ORDO_DIAG_INIT;
		ordo_catalog_options co = ORDO_CATALOG_OPTIONS_INIT;
		ordo_catalog *c = NULL;
		double t[NPHASES + 1];
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
		ordo_buf out = ORDO_BUF_INIT;
		ordo_render_json(&out, r, p);
		t[6] = now();
		if (ordo_plan_nviolations(p))
			fprintf(stderr, "phases: the plan failed verification\n");
		ordo_buf_release(&out);
		ordo_plan_free(p);
		ordo_report_free(r);
		ordo_estate_free(e);
		ordo_catalog_free(c);
		ordo_diag_release(&d);
		for (int i = 0; i < NPHASES; i++)
			if (t[i + 1] - t[i] < best[i])
				best[i] = t[i + 1] - t[i];
	}
	double total = 0;
	for (int i = 0; i < NPHASES; i++) {
		printf("%-14s %7.3f s\n", names[i], best[i]);
		if (i != DOCUMENT)
			total += best[i];
	}
	printf("%-14s %7.3f s (without 'document only')\n", "total", total);
	return 0;
}
