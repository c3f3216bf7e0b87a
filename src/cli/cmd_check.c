/* SPDX-License-Identifier: MIT */
/*
 * cmd_check.c: `ordo check <estate>` and `ordo plan <estate>`.
 *
 * Both compute the same findings and the same plan, so they agree on
 * resolved_by and on the exit code; check just does not print the steps.
 */
#include <string.h>

#include "cli.h"
#include "plan.h"

static int run(cli_opts *o, bool with_steps)
{
	int rc = cli_format(o, with_steps ? "text,json,markdown,html,dot" : "text,json,markdown,html");
	if (rc)
		return rc;
	ordo_catalog *cat;
	ordo_estate *est;
	rc = cli_load_estate(o, &cat, &est);
	if (rc)
		return rc;
	ordo_report *r = NULL;
	ordo_plan *plan = NULL;
	ordo_check_run(&r, est, NULL);
	/* verified while the report is written: the JSON report reads the
	 * verdict of the verification last */
	ordo_plan_build_verifying(&plan, r);
	const ordo_plan *shown = with_steps ? plan : NULL;
	ordo_buf out = ORDO_BUF_INIT;
	rc = cli_output_begin(o, &out);
	if (rc)
		goto done;
	if (!strcmp(o->format, "json")) {
		ordo_render_json(&out, r, shown);
	} else if (!strcmp(o->format, "markdown")) {
		ordo_render_markdown(&out, r, shown);
	} else if (!strcmp(o->format, "html")) {
		if (ordo_render_html(&out, r, shown) < 0) {
			rc = cli_error("cannot render the report as HTML");
			goto done;
		}
	} else if (!strcmp(o->format, "dot")) {
		ordo_render_dot(&out, r, plan);
	} else if (!o->quiet) {
		ordo_render_options ro = ORDO_RENDER_OPTIONS_INIT;
		ro.color = cli_color(o);
		ro.verbose = o->verbose;
		ordo_render_text(&out, r, shown, &ro);
	}
	rc = cli_emit(o, &out);
	if (!rc)
		rc = ordo_report_exit_code(r);
	if (!rc || rc < CLI_EXIT_USAGE) {
		uint32_t nv;
		const ordo_violation *v = ordo_plan_violations(plan, &nv);
		if (nv) {
			/* the generator produced something its verifier rejects: a bug */
			fprintf(stderr, "ordo: internal error: the plan failed verification (%u problem%s)\n",
				nv, nv == 1 ? "" : "s");
			for (uint32_t i = 0; i < nv && i < 10; i++)
				fprintf(stderr, "ordo:   after step %u: %s: %s\n", v[i].step, v[i].rule,
					v[i].message);
			rc = CLI_EXIT_SOFTWARE;
		}
	}
done:
	ordo_buf_release(&out);
	ordo_plan_free(plan);
	ordo_report_free(r);
	ordo_estate_free(est);
	ordo_catalog_free(cat);
	return rc;
}

int cmd_check(cli_opts *o)
{
	return run(o, false);
}

int cmd_plan(cli_opts *o)
{
	return run(o, true);
}
